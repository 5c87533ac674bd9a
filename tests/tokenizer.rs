//! Tokenizer tests against CPython 3.11 (expected values recorded by
//! tests/tokenizer/gen_expected.py): the committed corpus of valid sources
//! (token dumps of the `tokenize` module), the invalid-source corpus (what
//! `compile()` reports), and, where `python3` exists, a sweep over every `.py`
//! file of its standard library compared with `tokenize` run at test time.

use pyrite::parser::tokenizer::*;
use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tokenizer")
}

/// The dump of the tokenize view, or "ERROR" when our tokenizer rejects it.
fn our_dump(bytes: &[u8]) -> Result<String, TokError> {
    let d = decode_source(bytes)?;
    let (toks, enc) = tokenize_module_view(&d)?;
    Ok(dump_tokens(&d.text, &enc, &toks))
}

fn first_diff(a: &str, b: &str) -> String {
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("token {}: ours `{}` expected `{}`", i, x, y);
        }
    }
    format!("lengths differ: ours {} lines, expected {}", a.lines().count(), b.lines().count())
}

#[test]
fn valid_corpus_matches_tokenize_module() {
    let mut n = 0;
    let mut failures = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(corpus_dir()).unwrap().flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.extension().map_or(true, |e| e != "py") || p.file_name().unwrap() == "gen_expected.py" {
            continue;
        }
        n += 1;
        let bytes = std::fs::read(&p).unwrap();
        let expected = std::fs::read_to_string(p.with_extension("tokens")).unwrap();
        match our_dump(&bytes) {
            Ok(d) if d == expected => {}
            Ok(d) => failures.push(format!("{}: {}", p.display(), first_diff(&d, &expected))),
            Err(e) => failures.push(format!("{}: error {:?}", p.display(), e)),
        }
    }
    assert!(n >= 10, "corpus missing");
    assert!(failures.is_empty(), "{} of {} differ:\n{}", failures.len(), n, failures.join("\n"));
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

fn opt(v: Option<i64>) -> String {
    v.map_or("None".into(), |x| x.to_string())
}

#[test]
fn invalid_corpus_matches_compile_errors() {
    // PYRITE_TOKENIZER_ERRORS=<file> runs another table of the same format
    // (e.g. one made from mutated sources) instead of the committed one.
    let path = std::env::var("PYRITE_TOKENIZER_ERRORS").map(PathBuf::from).unwrap_or(corpus_dir().join("errors.tsv"));
    let table = std::fs::read_to_string(path).unwrap();
    let mut n = 0;
    let mut failures = Vec::new();
    for line in table.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let src = unhex(f[0]);
        n += 1;
        let got = match check_source(&src) {
            Ok(()) => "accepted".to_string(),
            Err(e) => [
                e.class.name().to_string(),
                escape_for_dump(&e.msg),
                opt(e.lineno),
                opt(e.offset),
                opt(e.end_lineno),
                opt(e.end_offset),
                e.text.as_deref().map_or("None".into(), escape_for_dump),
            ]
            .join("\t"),
        };
        let want = f[1..].join("\t");
        if got != want {
            failures.push(format!("{:?}\n   ours: {}\n   want: {}", String::from_utf8_lossy(&src), got, want));
        }
    }
    assert!(n >= 100, "invalid corpus too small: {n}");
    assert!(failures.is_empty(), "{} of {} differ:\n{}", failures.len(), n, failures.join("\n"));
}

#[test]
fn string_literal_values() {
    let s = |t: &str| match decode_string_literal(t).unwrap().0 {
        LiteralValue::Str(v) => v,
        LiteralValue::Bytes(_) => panic!("bytes"),
    };
    let cps = |x: &str| x.chars().map(|c| c as u32).collect::<Vec<_>>();
    assert_eq!(s(r#""a\tb\n\\\'\"""#), cps("a\tb\n\\'\""));
    assert_eq!(s(r#""\x41\101\u0041\U00000041\N{LATIN SMALL LETTER A}""#), cps("AAAAa"));
    assert_eq!(s(r#"r"\x41\n""#), cps("\\x41\\n"));
    assert_eq!(s(r#""\ud800""#), vec![0xd800]);
    assert_eq!(s("'''a\\\nb'''"), cps("ab"));
    let (v, w) = decode_string_literal(r#""\q""#).unwrap();
    assert_eq!(v, LiteralValue::Str(cps("\\q")));
    assert_eq!(w[0].msg, "invalid escape sequence '\\q'");
    assert_eq!(w[0].category, "DeprecationWarning");
    let (v, w) = decode_string_literal(r#""\777""#).unwrap();
    assert_eq!(v, LiteralValue::Str(vec![0o777]));
    assert_eq!(w[0].msg, "invalid octal escape sequence '\\777'");
    assert_eq!(decode_string_literal(r#"b"\x41\xff\777""#).unwrap().0, LiteralValue::Bytes(vec![0x41, 0xff, 0xff]));
    assert_eq!(decode_string_literal(r#"rb"\x41""#).unwrap().0, LiteralValue::Bytes(b"\\x41".to_vec()));
    assert_eq!(decode_string_literal(r#"b"\u0041""#).unwrap().0, LiteralValue::Bytes(b"\\u0041".to_vec()));
    // \N{...}: any case, name aliases, computed names (values from CPython 3.11).
    for (name, cp) in [
        ("latin small letter a", 0x61),
        ("LATIN CAPITAL LETTER GHA", 0x1a2),
        ("HANGUL SYLLABLE GAG", 0xac01),
        ("CJK UNIFIED IDEOGRAPH-4E00", 0x4e00),
        ("BYTE ORDER MARK", 0xfeff),
        ("LINE FEED", 0xa),
        ("NULL", 0x0),
        ("EM DASH", 0x2014),
        ("LATIN SMALL LETTER R WITH FISHHOOK AND MIDDLE TILDE", 0x1d73),
    ] {
        assert_eq!(s(&format!("\"\\N{{{name}}}\"")), vec![cp], "{name}");
    }
    // CPython never decodes comments: bad UTF-8 there is accepted.
    assert_eq!(check_source(b"# comment \xff\nx = 1  # \xe9\n"), Ok(()));
    assert_eq!(normalize_identifier("ﬁ"), "fi");
    assert_eq!(normalize_identifier("𝔘𝔫"), "Un");
}

#[test]
fn parser_view_drops_comments_and_nl() {
    let toks = parser_tokens("x = (1,\n  2)  # c\n\n# d\ny\n").unwrap();
    let kinds: Vec<_> = toks.iter().map(|t| t.kind.name()).collect();
    assert_eq!(
        kinds,
        ["NAME", "EQUAL", "LPAR", "NUMBER", "COMMA", "NUMBER", "RPAR", "NEWLINE", "NAME", "NEWLINE", "ENDMARKER"]
    );
    // Lazily: tokens before an error come out first.
    let mut t = Tokenizer::new("x = 1  # c\ny = $ 0o8\n");
    let mut kinds = Vec::new();
    let err = loop {
        match t.next_parser_token() {
            Ok(tok) => kinds.push(tok.kind.name()),
            Err(e) => break e,
        }
    };
    assert_eq!(kinds, ["NAME", "EQUAL", "NUMBER", "NEWLINE", "NAME", "EQUAL", "ERRORTOKEN"]);
    assert_eq!((err.msg.as_str(), err.lineno, err.offset), ("invalid digit '8' in octal literal", Some(2), Some(9)));
    // A keyword right after a number: SyntaxWarning, as CPython 3.11.
    let mut t = Tokenizer::new("x = 1if y else 0x1for z in w\n");
    while t.next_token().unwrap().kind != TokKind::ENDMARKER {}
    let w: Vec<_> = t.warnings.iter().map(|w| (w.category, w.msg.as_str(), w.lineno)).collect();
    assert_eq!(
        w,
        [("SyntaxWarning", "invalid decimal literal", 1), ("SyntaxWarning", "invalid hexadecimal literal", 1)]
    );
    // Byte columns for the AST, code-point columns for tokenize.
    let toks = parser_tokens("é = 'ü'\n").unwrap();
    assert_eq!((toks[1].start.col, toks[1].start.byte_col), (2, 3));
    assert_eq!((toks[2].end.col, toks[2].end.byte_col), (7, 9));
}

fn python3() -> Option<String> {
    let out = Command::new("python3")
        .args(["-c", "import sys, sysconfig; assert sys.version_info[:2] == (3, 11); print(sysconfig.get_paths()['stdlib'])"])
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

#[test]
fn stdlib_sweep() {
    let Some(stdlib) = python3() else {
        eprintln!("stdlib sweep skipped: no python3 (3.11) on PATH");
        return;
    };
    if !Path::new(&stdlib).is_dir() {
        eprintln!("stdlib sweep skipped: {stdlib} missing");
        return;
    }
    let out = std::env::temp_dir().join(format!("pyrite-tokenize-stdlib-{}.txt", std::process::id()));
    let st = Command::new("python3")
        .arg(corpus_dir().join("gen_expected.py"))
        .arg("--stdlib")
        .arg(&out)
        .status()
        .unwrap();
    assert!(st.success());
    let raw = std::fs::read(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    let all = String::from_utf8_lossy(&raw).into_owned();
    let (mut total, mut same, mut same_as_compile) = (0, 0, 0);
    let mut ours_time = std::time::Duration::ZERO;
    let mut diffs = Vec::new();
    for chunk in all.split('\x01').skip(1) {
        let (path, expected) = chunk.split_once('\n').unwrap();
        let Ok(bytes) = std::fs::read(path) else { continue };
        total += 1;
        let t0 = std::time::Instant::now();
        let ours = our_dump(&bytes);
        ours_time += t0.elapsed();
        let ok = match (&ours, expected) {
            (Err(_), "ERROR\n") => true,
            (Ok(d), e) => d == e,
            _ => false,
        };
        if ok {
            same += 1;
        } else if let Err(e) = &ours {
            // The `tokenize` module is a regex tokenizer that accepts some sources
            // CPython's real tokenizer rejects: then compile() is the reference.
            let out = Command::new("python3")
                .args(["-c", "import sys\ntry: compile(open(sys.argv[1],'rb').read(), sys.argv[1], 'exec')\nexcept SyntaxError as e: print(e.msg, e.lineno, sep='\\t')", path])
                .output()
                .unwrap();
            let want = String::from_utf8_lossy(&out.stdout).trim_end().to_string();
            if want == format!("{}\t{}", e.msg, e.lineno.unwrap_or(0)) {
                same_as_compile += 1;
            } else {
                diffs.push(format!("{path}: ours {}: {} (line {:?}); compile(): {want}", e.class.name(), e.msg, e.lineno));
            }
        } else {
            let why = match &ours {
                Ok(d) => first_diff(d, expected),
                Err(e) => format!("ours {}: {} (line {:?})", e.class.name(), e.msg, e.lineno),
            };
            diffs.push(format!("{path}: {why}"));
        }
    }
    eprintln!(
        "stdlib sweep: {same} of {total} files tokenized identically to CPython's tokenize; \
         {same_as_compile} more rejected with compile()'s error (tokenize accepts them)"
    );
    eprintln!("  (our tokenize + dump time for all files: {:.2?}, debug build)", ours_time);
    for d in diffs.iter().take(40) {
        eprintln!("  {d}");
    }
    assert!(total > 0);
    // Files in encodings we do not decode yet are the known differences.
    let differ = total - same - same_as_compile;
    assert!(differ * 100 <= total, "{differ} of {total} differ");
}

/// Long lines and deep nesting stay fast and end in CPython's errors.
#[test]
fn big_inputs() {
    let src = "x = 1".to_string() + &" + é".repeat(300_000) + "\n";
    let t0 = std::time::Instant::now();
    let toks = parser_tokens(&src).unwrap();
    assert_eq!(toks.len(), 3 + 600_000 + 2);
    assert_eq!(toks[toks.len() - 3].end.col, src.chars().count() - 1);
    assert!(t0.elapsed().as_secs() < 20, "quadratic?");
    let e = check_source("(".repeat(100_000).as_bytes()).unwrap_err();
    assert_eq!((e.msg.as_str(), e.offset), ("too many nested parentheses", Some(201)));
}

/// No input makes the tokenizer panic or loop: random bytes and mutations of
/// the corpus (deterministic, 30,000 inputs).
#[test]
fn no_panic_on_random_input() {
    let mut seeds: Vec<Vec<u8>> = Vec::new();
    for e in std::fs::read_dir(corpus_dir()).unwrap().flatten() {
        if e.path().extension().map_or(false, |x| x == "py") {
            seeds.push(std::fs::read(e.path()).unwrap());
        }
    }
    let alphabet: &[u8] = b" \t\x0c\n\r\\'\"#()[]{}0123456789._xobjeJ+-*/<>=!:;,@$?abfrux\xc3\xa9\xe2\x82\xac\xff";
    let mut state: u64 = 0x9e3779b97f4a7c15;
    let mut rnd = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for i in 0..30_000 {
        let mut v = if i % 2 == 0 {
            seeds[(rnd() as usize) % seeds.len()].clone()
        } else {
            (0..(rnd() % 40)).map(|_| alphabet[(rnd() as usize) % alphabet.len()]).collect()
        };
        for _ in 0..(rnd() % 6) {
            let op = rnd() % 3;
            let c = alphabet[(rnd() as usize) % alphabet.len()];
            if v.is_empty() || op == 0 {
                let at = if v.is_empty() { 0 } else { (rnd() as usize) % (v.len() + 1) };
                v.insert(at, c);
            } else if op == 1 {
                let at = (rnd() as usize) % v.len();
                v[at] = c;
            } else {
                let at = (rnd() as usize) % v.len();
                v.remove(at);
            }
        }
        let _ = check_source(&v);
        if let Ok(d) = decode_source(&v) {
            let _ = tokenize_module_view(&d);
            let _ = parser_tokens(&d.text);
        }
    }
}
