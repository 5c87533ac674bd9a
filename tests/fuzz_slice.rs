//! The deterministic slice of the front-end fuzzing that `cargo test` runs every
//! time (the long runs use `cargo fuzz`, see fuzz/README.md). A fixed-seed
//! generator mutates the committed seed corpus (tests/fuzz/seeds/, also the
//! seed corpus of the cargo-fuzz targets) and the regression inputs
//! (tests/fuzz/regressions/: inputs that once crashed something), adds
//! deep-nesting and pathological shapes, and feeds every input to the
//! pipeline. Passing means: no panic, no stack overflow (the inputs run on the
//! test's own 2 MiB thread), no input slower than a generous bound (a hang
//! shows up as a failure, not as a stuck CI), and every rejection is an
//! exception class CPython would raise.

use std::path::Path;
use std::time::{Duration, Instant};

/// xorshift64*: small, deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Fragments spliced into inputs: every kind of token, and the characters that
/// steer the tokenizer into its rarer states.
const DICT: &[&str] = &[
    "(", ")", "[", "]", "{", "}", ":", ",", ";", ".", "...", "=", "==", ":=", "->", "*", "**", "@", "+", "-", "~",
    "<", ">", "<=", "!=", "<<", ">>=", "|", "&", "^", "%", "//", "/", "\n", "\r\n", "\r", "\t", "    ", "\\\n", "#",
    "'", "\"", "'''", "\"\"\"", "f'", "f\"", "rb'", "b'", "u'", "fr'", "{", "}", "{x!r}", "{x:>{w}}", "{x=}", "\\N{",
    "\\x4", "\\u12", "\\U0001", "\\777", "0x", "0o", "0b", "1_", "1e", "1e-", "1j", "0.", ".5", "123456789012345678901234567890",
    "def ", "class ", "lambda ", "lambda:", "if ", "elif ", "else:", "while ", "for ", " in ", "try:", "except ",
    "except* ", "finally:", "with ", " as ", "return ", "yield ", "yield from ", "await ", "async ", "global ",
    "nonlocal ", "import ", "from ", "del ", "pass", "break", "continue", "raise ", "assert ", "not ", " and ", " or ",
    " is ", "None", "True", "False", "match ", "case ", "_", "__class__", "super()", "__debug__", "print", "é", "ℌ",
    "\u{feff}", "\0", "\u{7f}", "\u{2028}", "# -*- coding: latin-1 -*-\n", "# coding: bogus\n",
];

const NESTERS: &[(&str, &str)] = &[
    ("(", ")"),
    ("[", "]"),
    ("{", "}"),
    ("-", ""),
    ("not ", ""),
    ("lambda:", ""),
    ("f(", ")"),
    ("x if y else ", ""),
    ("a.", "b"),
    ("await ", ""),
    ("*", ""),
    ("f'{", "}'"),
    ("if x:\n", ""),
    ("1+", "1"),
    ("x[", "]"),
];

fn nested(rng: &mut Rng) -> Vec<u8> {
    let (open, close) = NESTERS[rng.below(NESTERS.len())];
    let depth = [10, 99, 100, 199, 200, 201, 500, 1000, 3000, 6000, 20000, 100_000][rng.below(12)];
    let mut s = String::new();
    for i in 0..depth {
        if open.ends_with('\n') {
            s.push_str(&" ".repeat(i.min(400)));
        }
        s.push_str(open);
    }
    if open.ends_with('\n') {
        s.push_str(&" ".repeat(depth.min(400)));
    }
    s.push('x');
    for _ in 0..depth {
        s.push_str(close);
    }
    s.push('\n');
    s.into_bytes()
}

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut v = seeds[rng.below(seeds.len())].clone();
    let rounds = 1 + rng.below(6);
    for _ in 0..rounds {
        let len = v.len();
        match rng.below(9) {
            0 if len > 0 => {
                let i = rng.below(len);
                v[i] ^= 1 << rng.below(8);
            }
            1 => {
                let i = rng.below(len + 1);
                v.insert(i, rng.next() as u8);
            }
            2 | 3 => {
                let i = rng.below(len + 1);
                let frag = DICT[rng.below(DICT.len())].as_bytes();
                v.splice(i..i, frag.iter().copied());
            }
            4 if len > 0 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(64)).min(len);
                v.drain(a..b);
            }
            5 if len > 0 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(256)).min(len);
                let chunk = v[a..b].to_vec();
                let at = rng.below(len + 1);
                v.splice(at..at, chunk);
            }
            6 => {
                // Splice a piece of another seed.
                let other = &seeds[rng.below(seeds.len())];
                if !other.is_empty() {
                    let a = rng.below(other.len());
                    let b = (a + 1 + rng.below(200)).min(other.len());
                    let at = rng.below(len + 1);
                    v.splice(at..at, other[a..b].iter().copied());
                }
            }
            7 if len > 0 => {
                // Truncate: the tokenizer's EOF paths.
                v.truncate(rng.below(len));
            }
            _ => {
                // Swap two lines: indentation and block-structure errors.
                let text = String::from_utf8_lossy(&v).into_owned();
                let mut lines: Vec<&str> = text.split('\n').collect();
                if lines.len() > 2 {
                    let a = rng.below(lines.len());
                    let b = rng.below(lines.len());
                    lines.swap(a, b);
                    v = lines.join("\n").into_bytes();
                }
            }
        }
    }
    v
}

fn load_dir(dir: &Path, out: &mut Vec<Vec<u8>>) {
    load_dir_ext(dir, "py", out)
}

fn load_dir_ext(dir: &Path, ext: &str, out: &mut Vec<Vec<u8>>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_file() && p.extension().is_some_and(|e| e == ext) {
            out.push(std::fs::read(&p).unwrap());
        }
    }
}

/// One input through everything that exists of the pipeline. Returns the
/// exception class name of a rejection, or None when it was accepted.
fn pipeline(src: &[u8]) -> Option<String> {
    let tok = pyrite::parser::tokenizer::check_source(src);
    // The parser (and the AST dump of what it accepts) on every input.
    use pyrite::parser::ParseError;
    let parsed = match pyrite::parser::parse(src, pyrite::parser::Mode::Exec, "<fuzz>") {
        Ok(m) => {
            let _ = pyrite::parser::ast_dump::dump(&m, true);
            None
        }
        Err(ParseError::Syntax(e)) => Some(e.class.name().to_string()),
        Err(ParseError::Memory) => Some("MemoryError".to_string()),
        Err(ParseError::Recursion(_)) => Some("RecursionError".to_string()),
    };
    match tok {
        Ok(()) => parsed,
        Err(e) => Some(e.class.name().to_string()),
    }
}

const CPYTHON_REJECTIONS: &[&str] =
    &["SyntaxError", "IndentationError", "TabError", "ValueError", "RecursionError", "MemoryError"];

#[test]
fn fuzz_slice_front_end() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seeds = Vec::new();
    load_dir(&root.join("tests/fuzz/seeds"), &mut seeds);
    let mut regressions = Vec::new();
    load_dir(&root.join("tests/fuzz/regressions"), &mut regressions);
    load_dir(&root.join("tests/tokenizer"), &mut seeds);
    load_dir(&root.join("tests/parser"), &mut seeds);
    assert!(seeds.len() >= 10, "seed corpus missing");

    let n: usize = std::env::var("PYRITE_FUZZ_INPUTS").ok().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let mut rng = Rng(0x5eed_0f_b17e);
    let slow = Duration::from_secs(5);
    let (mut accepted, mut rejected) = (0usize, 0usize);
    let started = Instant::now();
    for i in 0..(n + regressions.len()) {
        let input = if i < regressions.len() {
            regressions[i].clone()
        } else if rng.below(40) == 0 {
            nested(&mut rng)
        } else {
            mutate(&mut rng, &seeds)
        };
        let t = Instant::now();
        let outcome = pipeline(&input);
        let dt = t.elapsed();
        assert!(dt < slow, "input {} took {:?}: {:?}", i, dt, String::from_utf8_lossy(&input));
        match outcome {
            None => accepted += 1,
            Some(class) => {
                assert!(CPYTHON_REJECTIONS.contains(&class.as_str()), "input {}: {} is not a CPython rejection", i, class);
                rejected += 1;
            }
        }
    }
    println!(
        "fuzz slice: {} inputs ({} regressions) in {:.1?}: {} accepted, {} rejected",
        n + regressions.len(),
        regressions.len(),
        started.elapsed(),
        accepted,
        rejected
    );
    assert!(accepted > 0 && rejected > 0);
}

/// Byte-level mutations for binary formats: flips, truncation, insertions,
/// duplicated runs and splices of two seeds.
fn mutate_bytes(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut v = seeds[rng.below(seeds.len())].clone();
    for _ in 0..1 + rng.below(4) {
        let len = v.len();
        match rng.below(6) {
            0 if len > 0 => {
                let i = rng.below(len);
                v[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                v[i] = rng.next() as u8;
            }
            2 => v.truncate(rng.below(len + 1)),
            3 => {
                let i = rng.below(len + 1);
                let b = [0u8, 0x80, 0xff, b'(', b'c', b'r', b'[', b')', b'{', 0x7f][rng.below(10)];
                v.insert(i, b);
            }
            4 if len > 1 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(16)).min(len);
                let run = v[a..b].to_vec();
                let at = rng.below(len + 1);
                v.splice(at..at, run);
            }
            _ => {
                let other = &seeds[rng.below(seeds.len())];
                let cut = rng.below(v.len() + 1);
                let from = rng.below(other.len() + 1);
                v.truncate(cut);
                v.extend_from_slice(&other[from..]);
            }
        }
    }
    v
}

/// `marshal.loads` on mutated CPython marshal data (tests/fuzz/seeds_marshal,
/// made by gen_marshal_seeds.py), code objects included, so the bytecode
/// verifier sees corrupted code too. Rejections must be the exceptions
/// CPython's marshal raises (SystemError included: CPython's code
/// constructor raises it for inconsistent code fields, as pyrite's does).
#[test]
fn fuzz_slice_marshal() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seeds = Vec::new();
    load_dir_ext(&root.join("tests/fuzz/seeds_marshal"), "bin", &mut seeds);
    assert!(seeds.len() >= 20, "marshal seed corpus missing");
    pyrite::capi::pylifecycle::Py_Initialize();
    let n: usize = std::env::var("PYRITE_FUZZ_MARSHAL_INPUTS").ok().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let mut rng = Rng(0x3a75_a1f0_0d);
    let (mut accepted, mut rejected) = (0usize, 0usize);
    let started = Instant::now();
    for i in 0..n {
        let input = if i < seeds.len() { seeds[i].clone() } else { mutate_bytes(&mut rng, &seeds) };
        let t = Instant::now();
        // SAFETY: the runtime is initialised; this test's thread is the only one using it.
        let ok = unsafe { pyrite::modules::marshal::loads(&input) }.is_ok();
        assert!(t.elapsed() < Duration::from_secs(5), "input {i} too slow");
        if ok {
            accepted += 1;
        } else {
            let (t, v, tb) = pyrite::runtime::errors::fetch();
            // SAFETY: `t` is the pending exception's class.
            let name = unsafe { pyrite::objects::typeobject::type_name_str(t as *mut pyrite::PyTypeObject) };
            if let Some(path) = std::env::var_os("PYRITE_FUZZ_DUMP") {
                // Keep the last rejected input, to replay against python3.
                std::fs::write(path, &input).unwrap();
            }
            assert!(
                matches!(name.as_str(), "EOFError" | "ValueError" | "UnicodeDecodeError" | "TypeError" | "SystemError" | "RecursionError" | "MemoryError"),
                "input {i}: marshal.loads raised {name} ({}): {:?}",
                // SAFETY: `v` is the pending exception's value (or NULL).
                if v.is_null() { String::new() } else { unsafe { pyrite::objects::abstract_::str_string(v) } },
                input
            );
            // SAFETY: giving back what fetch took, then dropping it.
            unsafe { pyrite::runtime::errors::restore(t, v, tb) };
            pyrite::runtime::errors::clear();
            rejected += 1;
        }
    }
    println!("marshal fuzz slice: {n} inputs in {:.1?}: {accepted} accepted, {rejected} rejected", started.elapsed());
    assert!(accepted > seeds.len() && rejected > 0);
}
