//! Parser tests against CPython 3.11: the stdlib sweep (every .py file of the
//! python3 on PATH, compared with `ast.dump(..., include_attributes=True)`
//! through checksums computed at test time by tests/parser/gen_stdlib.py), the
//! valid corpus (tests/parser/*.py with dumps from gen_expected.py), the
//! invalid corpus (tests/parser/errors.tsv, from gen_expected.py) and
//! deep-nesting limits.

use pyrite::parser::ast_dump::dump;
use pyrite::parser::{parse, Mode, ParseError};
use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/parser")
}

fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, e) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
        *e = c;
    }
    let mut crc = !0u32;
    for &b in data {
        crc = table[((crc ^ b as u32) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

fn esc(s: &str) -> String {
    s.replace('\\', "\\\\").replace('\n', "\\n").replace('\r', "\\r").replace('\t', "\\t")
}

fn opt(v: Option<i64>) -> String {
    v.map_or("None".into(), |x| x.to_string())
}

/// Our outcome in the sweep's record format (without the path).
fn outcome(bytes: &[u8]) -> (String, Option<String>) {
    let t0 = std::time::Instant::now();
    let r = parse(bytes, Mode::Exec, "<sweep>");
    PARSE_NANOS.fetch_add(t0.elapsed().as_nanos() as u64, std::sync::atomic::Ordering::Relaxed);
    match r {
        Ok(m) => {
            let d = dump(&m, true);
            (format!("OK\t{}\t{}", crc32(d.as_bytes()), d.len()), Some(d))
        }
        Err(ParseError::Syntax(e)) => (
            format!(
                "ERR\t{}\t{}\t{}\t{}\t{}\t{}",
                e.class.name(),
                esc(&e.msg),
                opt(e.lineno),
                opt(e.offset),
                opt(e.end_lineno),
                opt(e.end_offset)
            ),
            None,
        ),
        Err(ParseError::Memory) => ("ERR\tMemoryError\t\tNone\tNone\tNone\tNone".into(), None),
        Err(ParseError::Recursion(m)) => (format!("ERR\tRecursionError\t{}\tNone\tNone\tNone\tNone", esc(&m)), None),
    }
}

static PARSE_NANOS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn python311() -> bool {
    Command::new("python3")
        .args(["-c", "import sys; assert sys.version_info[:2] == (3, 11)"])
        .status()
        .is_ok_and(|s| s.success())
}

fn first_diff(a: &str, b: &str) -> String {
    let i = a.bytes().zip(b.bytes()).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
    let lo = i.saturating_sub(150);
    let cut = |s: &str| {
        let mut l = lo.min(s.len());
        while !s.is_char_boundary(l) {
            l -= 1;
        }
        let mut h = (i + 150).min(s.len());
        while !s.is_char_boundary(h) {
            h += 1;
        }
        s[l..h].to_string()
    };
    format!("\n    ours: …{}…\n    want: …{}…", cut(a), cut(b))
}

/// PYRITE_PARSER_SWEEP_FILTER=substring limits the sweep to matching paths.
#[test]
fn stdlib_sweep() {
    if !python311() {
        eprintln!("stdlib sweep skipped: no python3 (3.11) on PATH");
        return;
    }
    let out = std::env::temp_dir().join(format!("pyrite-parser-stdlib-{}.txt", std::process::id()));
    let mut cmd = Command::new("python3");
    cmd.arg(corpus_dir().join("gen_stdlib.py")).arg(&out);
    if let Ok(f) = std::env::var("PYRITE_PARSER_SWEEP_FILTER") {
        cmd.arg(f);
    }
    assert!(cmd.status().unwrap().success());
    let table = std::fs::read_to_string(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    let (mut total, mut same, mut rejected, mut rejected_same) = (0, 0, 0, 0);
    let mut time = std::time::Duration::ZERO;
    let mut diffs = Vec::new();
    for line in table.lines() {
        let (path, want) = line.split_once('\t').unwrap();
        let bytes = std::fs::read(path).unwrap();
        total += 1;
        let is_err = want.starts_with("ERR");
        if is_err {
            rejected += 1;
        }
        let t0 = std::time::Instant::now();
        let (got, d) = outcome(&bytes);
        time += t0.elapsed();
        if got == want {
            same += 1;
            if is_err {
                rejected_same += 1;
            }
            continue;
        }
        let detail = match (&d, is_err) {
            (Some(d), false) if diffs.len() < 30 => {
                let o = Command::new("python3").arg(corpus_dir().join("gen_stdlib.py")).arg("--dump").arg(path).output().unwrap();
                first_diff(d, String::from_utf8_lossy(&o.stdout).trim_end())
            }
            _ => format!("\n    ours: {got}\n    want: {want}"),
        };
        diffs.push(format!("{path}:{detail}"));
    }
    eprintln!(
        "parser stdlib sweep: {same} of {total} files identical to CPython ({} parsed identically, \
         {rejected_same} of {rejected} rejected identically)",
        same - rejected_same
    );
    let parse_time = std::time::Duration::from_nanos(PARSE_NANOS.load(std::sync::atomic::Ordering::Relaxed));
    eprintln!("  our time for all files: parse {parse_time:.2?}, parse + dump {time:.2?} (release)");
    for d in diffs.iter().take(30) {
        eprintln!("  {d}");
    }
    assert!(total > 0);
    assert!(diffs.is_empty(), "{} of {total} files differ", diffs.len());
}

/// Mutated stdlib snippets (gen_stdlib.py --mutants: bytes deleted, tokens
/// inserted, cut short, pieces repeated): mostly invalid programs whose
/// errors, as `ast.parse` gives them, are recorded at test time. Every one
/// must match exactly. PYRITE_PARSER_MUTANTS=N,SEED picks another set.
#[test]
fn mutated_sources_match_cpython() {
    if !python311() {
        eprintln!("mutant sweep skipped: no python3 (3.11) on PATH");
        return;
    }
    let spec = std::env::var("PYRITE_PARSER_MUTANTS").unwrap_or_else(|_| "6000,1".into());
    let (n, seed) = spec.split_once(',').expect("N,SEED");
    let out = std::env::temp_dir().join(format!("pyrite-parser-mutants-{}.txt", std::process::id()));
    let st = Command::new("python3").arg(corpus_dir().join("gen_stdlib.py")).arg("--mutants").arg(&out).arg(n).arg(seed).status().unwrap();
    assert!(st.success());
    let table = std::fs::read_to_string(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    let (mut total, mut rejected) = (0, 0);
    let mut diffs = Vec::new();
    for line in table.lines() {
        let (hex, want) = line.split_once('\t').unwrap();
        let src = unhex(hex);
        total += 1;
        if want.starts_with("ERR") {
            rejected += 1;
        }
        let (got, _) = run_on_small_stack({
            let src = src.clone();
            move || outcome(&src)
        });
        if got != want {
            diffs.push(format!("{:?}\n    ours: {got}\n    want: {want}", String::from_utf8_lossy(&src)));
        }
    }
    eprintln!("parser mutants: {} of {total} identical to CPython ({rejected} rejected by CPython)", total - diffs.len());
    for d in diffs.iter().take(30) {
        eprintln!("  {d}");
    }
    assert!(total > 1000 && rejected > total / 2);
    assert!(diffs.is_empty(), "{} of {total} mutants differ", diffs.len());
}

#[test]
fn valid_corpus_matches_ast_dump() {
    let mut n = 0;
    let mut failures = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(corpus_dir()).unwrap().flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if !name.ends_with(".py") || name.starts_with("gen_") {
            continue;
        }
        n += 1;
        let bytes = std::fs::read(&p).unwrap();
        let want = std::fs::read_to_string(p.with_extension("dump")).unwrap();
        match parse(&bytes, Mode::Exec, &name) {
            Ok(m) => {
                let d = dump(&m, true);
                if d != want.trim_end() {
                    failures.push(format!("{name}:{}", first_diff(&d, want.trim_end())));
                }
            }
            Err(e) => failures.push(format!("{name}: error {e:?}")),
        }
    }
    assert!(n >= 3, "corpus missing");
    assert!(failures.is_empty(), "{} of {n} differ:\n{}", failures.len(), failures.join("\n"));
}

/// `ast.parse(str)`, as the corpora were recorded: a `str` source (columns
/// in characters); bytes that are not UTF-8 go through the bytes path.
fn parse_as_str(src: &[u8], mode: Mode) -> Result<pyrite::parser::ast::Mod, ParseError> {
    match std::str::from_utf8(src) {
        Ok(text) => pyrite::parser::parse_str(text, mode, "<string>"),
        Err(_) => parse(src, mode, "<string>"),
    }
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

fn esc_text(s: &str) -> String {
    pyrite::parser::tokenizer::escape_for_dump(s)
}

/// Every invalid program of errors.tsv: class, msg, lineno, offset, end_lineno,
/// end_offset and text as `ast.parse` reports them. The number that must match
/// is pinned (PARSER_ERRORS_MATCHING); the differing ones are listed.
#[test]
fn invalid_corpus_matches_cpython() {
    let table = std::fs::read_to_string(corpus_dir().join("errors.tsv")).unwrap();
    let mut n = 0;
    let mut failures = Vec::new();
    for line in table.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let src = unhex(f[0]);
        n += 1;
        let got = match parse_as_str(&src, Mode::Exec) {
            Ok(_) => "accepted".to_string(),
            Err(ParseError::Syntax(e)) => [
                e.class.name().to_string(),
                esc_text(&e.msg),
                opt(e.lineno),
                opt(e.offset),
                opt(e.end_lineno),
                opt(e.end_offset),
                e.text.as_deref().map_or("None".into(), esc_text),
            ]
            .join("\t"),
            Err(ParseError::Memory) => "MemoryError".into(),
            Err(ParseError::Recursion(m)) => format!("RecursionError\t{m}"),
        };
        let want = f[1..].join("\t");
        if got != want {
            failures.push(format!("{:?}\n    ours: {got}\n    want: {want}", String::from_utf8_lossy(&src)));
        }
    }
    let matching = n - failures.len();
    eprintln!("parser invalid corpus: {matching} of {n} match CPython exactly");
    for f in &failures {
        eprintln!("  {f}");
    }
    assert!(n >= 200);
    assert!(matching >= PARSER_ERRORS_MATCHING, "{} of {n} differ", failures.len());
}

/// How many of errors.tsv match today; raise it as gaps close.
const PARSER_ERRORS_MATCHING: usize = 876;

fn run_on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(2 << 20).spawn(f).unwrap().join().unwrap()
}

/// Deep nesting: the exception class (or success) as `ast.parse` in CPython, on 2 MiB threads.
#[test]
fn deep_nesting_like_cpython() {
    if !python311() {
        eprintln!("deep nesting test skipped: no python3 (3.11) on PATH");
        return;
    }
    let cases: Vec<(String, String)> = vec![
        ("minus100000".into(), "-".repeat(100_000) + "1"),
        ("minus1000".into(), "-".repeat(1000) + "1"),
        ("not7000".into(), "not ".repeat(7000) + "x"),
        ("not500".into(), "not ".repeat(500) + "x"),
        ("lambda4000".into(), "lambda: ".repeat(4000) + "1"),
        ("lambda500".into(), "lambda: ".repeat(500) + "1"),
        ("pow4000".into(), "2**".repeat(4000) + "1"),
        ("attr10000".into(), "a".to_string() + &".b".repeat(10_000)),
        ("attr1000".into(), "a".to_string() + &".b".repeat(1000)),
        ("call10000".into(), "f".to_string() + &"()".repeat(10_000)),
        ("add10000".into(), "1".to_string() + &"+1".repeat(10_000)),
        ("attr100000".into(), "a".to_string() + &".b".repeat(100_000)),
        ("call100000".into(), "f".to_string() + &"()".repeat(100_000)),
        ("sub100000".into(), "x[0]".to_string() + &"[0]".repeat(100_000) + " = 1"),
        ("add2900".into(), "1".to_string() + &"+1".repeat(2900)),
        ("caseattr50000".into(), "match x:\n case a".to_string() + &".b".repeat(50_000) + ": pass\n"),
        ("elif7000".into(), "if a: pass\n".to_string() + &"elif a: pass\n".repeat(7000)),
        ("parens199".into(), "(".repeat(199) + "1" + &")".repeat(199)),
        ("lists199".into(), "[".repeat(199) + &"]".repeat(199)),
        ("parens201".into(), "(".repeat(201) + &")".repeat(201)),
        ("ifexp7000".into(), "a if b else ".repeat(7000) + "c"),
        ("ifs99".into(), (0..99).map(|i| " ".repeat(i) + "if 1:\n").collect::<String>() + &" ".repeat(99) + "x\n"),
        ("star7000".into(), "*".repeat(7000) + "a = 1"),
    ];
    let mut script = String::from("import ast, sys\nsrcs = sys.stdin.read().split('\\x00')\nfor s in srcs:\n    try:\n        ast.parse(s); print('ok')\n    except BaseException as e:\n        print(type(e).__name__)\n");
    script.push('\n');
    let input: Vec<&str> = cases.iter().map(|(_, s)| s.as_str()).collect();
    let mut child = Command::new("python3")
        .args(["-c", &script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(input.join("\0").as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let want: Vec<String> = String::from_utf8_lossy(&out.stdout).lines().map(|s| s.to_string()).collect();
    assert_eq!(want.len(), cases.len());
    let mut bad = Vec::new();
    for ((name, src), want) in cases.into_iter().zip(want) {
        let got = run_on_small_stack(move || match parse(src.as_bytes(), Mode::Exec, "<deep>") {
            Ok(m) => {
                let _ = dump(&m, true);
                "ok".to_string()
            }
            Err(ParseError::Syntax(e)) => e.class.name().to_string(),
            Err(ParseError::Memory) => "MemoryError".into(),
            Err(ParseError::Recursion(_)) => "RecursionError".into(),
        });
        if got != want {
            bad.push(format!("{name}: ours {got}, CPython {want}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The eval, single and func_type modes (tests/parser/modes.tsv).
#[test]
fn other_modes_match_ast_parse() {
    let table = std::fs::read_to_string(corpus_dir().join("modes.tsv")).unwrap();
    let mut failures = Vec::new();
    let mut n = 0;
    for line in table.lines() {
        let f: Vec<&str> = line.splitn(3, '\t').collect();
        let src = unhex(f[0]);
        let mode = match f[1] {
            "eval" => Mode::Eval,
            "single" => Mode::Single,
            _ => Mode::FuncType,
        };
        n += 1;
        let got = match parse_as_str(&src, mode) {
            Ok(m) => dump(&m, true),
            Err(ParseError::Syntax(e)) => {
                [e.class.name().to_string(), esc_text(&e.msg), opt(e.lineno), opt(e.offset), opt(e.end_lineno), opt(e.end_offset)].join("\t")
            }
            Err(e) => format!("{e:?}"),
        };
        if got != f[2] {
            failures.push(format!("{:?} ({}):\n    ours: {got}\n    want: {}", String::from_utf8_lossy(&src), f[1], f[2]));
        }
    }
    assert!(n >= 10);
    assert!(failures.is_empty(), "{} of {n} differ:\n{}", failures.len(), failures.join("\n"));
}
