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
    match parse(bytes, Mode::Exec, "<sweep>") {
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

fn python311() -> bool {
    Command::new("python3")
        .args(["-c", "import sys; assert sys.version_info[:2] == (3, 11)"])
        .status()
        .map_or(false, |s| s.success())
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
    eprintln!("  our parse + dump time for all files: {time:.2?} (release)");
    for d in diffs.iter().take(30) {
        eprintln!("  {d}");
    }
    assert!(total > 0);
    assert!(diffs.is_empty(), "{} of {total} files differ", diffs.len());
}
