//! The whole front end over CPython's standard library: every `.py` file
//! (site-packages excluded) goes through pyrite's parser and compiler and must
//! have the outcome `compile()` has in CPython 3.11 (run at test time by
//! tests/front_end/compile_outcomes.py): a code object where CPython compiles
//! it, the same exception class, message, line and offset where CPython
//! rejects it. Every code object made must also pass the bytecode verifier.
//! (AST-level identity is tests/parser.rs's sweep; code-object identity is
//! tests/compiler.rs's.) Skips with a message where python3 3.11 is missing.

use pyrite::compiler::{self, CompileMode};
use pyrite::parser::{self, Mode, ParseError};
use std::process::Command;

fn unesc(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(o) => out.push(o),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Our outcome in the script's format.
fn ours(src: &[u8], path: &str) -> String {
    let opt = |v: Option<i64>| v.map_or("None".to_string(), |x| x.to_string());
    match parser::parse(src, Mode::Exec, path) {
        Err(ParseError::Syntax(e)) => format!("{}\t{}\t{}\t{}", e.class.name(), e.msg, opt(e.lineno), opt(e.offset)),
        Err(ParseError::Memory) => "MemoryError\t\tNone\tNone".into(),
        Err(ParseError::Recursion(m)) => format!("RecursionError\t{m}\tNone\tNone"),
        Ok(m) => match compiler::compile(&m, path, CompileMode::Exec, 0, 0) {
            Ok((unit, _)) => match compiler::verify::verify(&unit) {
                Ok(()) => "ok".into(),
                Err(e) => format!("verifier rejected our own code: {e:?}"),
            },
            Err(e) if e.kind == "SyntaxError" => format!("SyntaxError\t{}\t{}\t{}", e.msg, e.lineno, e.offset),
            Err(e) => format!("{}\t{}\tNone\tNone", e.kind, e.msg),
        },
    }
}

#[test]
fn stdlib_compiles_as_cpython() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/front_end/compile_outcomes.py");
    let out = match Command::new("python3").args(["-c", "import sys; assert sys.version_info[:2] == (3, 11)"]).status() {
        Ok(s) if s.success() => Command::new("python3").arg(script).output().expect("python3"),
        _ => {
            eprintln!("front-end stdlib sweep skipped: no python3 (3.11) on PATH");
            return;
        }
    };
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("utf-8 listing");
    let (mut compiled, mut rejected, mut rejected_same) = (0, 0, 0);
    let mut failures = Vec::new();
    for line in text.lines() {
        let (path, want) = line.split_once('\t').expect("path\toutcome");
        let path = unesc(path);
        let want = unesc(want);
        let src = std::fs::read(&path).expect("read stdlib file");
        let got = ours(&src, &path);
        if want == "ok" {
            compiled += 1;
        } else {
            rejected += 1;
        }
        if got == want {
            if want != "ok" {
                rejected_same += 1;
            }
        } else {
            failures.push(format!("{path}\n   ours: {got}\n   want: {want}"));
        }
    }
    println!(
        "front end over the stdlib: {} files; CPython compiles {compiled}, rejects {rejected}; \
         pyrite agrees on {} ({} of the rejections with the same error)",
        compiled + rejected,
        compiled + rejected - failures.len(),
        rejected_same
    );
    assert!(compiled > 1000, "stdlib listing looks wrong");
    assert!(failures.is_empty(), "{} files differ:\n{}", failures.len(), failures.join("\n"));
}
