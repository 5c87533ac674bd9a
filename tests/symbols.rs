//! Exported symbols of `libpyrite.so` (DESIGN.md §1, STYLE.md habit 3).
//!
//! * Namespace: every dynamic symbol the library defines starts with `Py`,
//!   `_Py`, `Pyrite`/`_Pyrite` (which covers `PyExc_*`), or is on `ALLOWLIST`
//!   with a reason. Nothing of Rust's runtime or of the C shims' internal names
//!   may leak into the global namespace an extension shares with us.
//! * ABI: the names binaries built against CPython ≤3.11 link to (measured on
//!   real abi3 wheels, DESIGN.md §1) are all exported.
//! * Headers: every function and data object declared in `include/` is
//!   exported (a declaration without a definition is a link error for users).
mod common;

use common::*;
use std::collections::BTreeSet;
use std::process::Command;

/// Symbols without a Python prefix that may be exported, and why. Checked on
/// this toolchain (Rust 1.95, GNU ld 2.40): rustc's cdylib version script
/// keeps `rust_eh_personality` and the `__rust_*` allocator shims local, so
/// nothing is needed here today.
const ALLOWLIST: &[(&str, &str)] = &[];

/// What CPython-built binaries link to (DESIGN.md §1).
const REQUIRED: &[&str] = &[
    "_Py_Dealloc",
    "Py_IncRef",
    "Py_DecRef",
    "_Py_IncRef",
    "_Py_DecRef",
    "_Py_NoneStruct",
    "_Py_TrueStruct",
    "_Py_FalseStruct",
    "_Py_NotImplementedStruct",
    "_Py_EllipsisObject",
    "PyType_GetFlags",
    "PyModule_Create2",
    "PyModuleDef_Init",
    "Py_GetVersion",
    // The `_SizeT` twins next to the plain names (`PY_SSIZE_T_CLEAN`).
    "PyArg_Parse",
    "_PyArg_Parse_SizeT",
    "PyArg_ParseTuple",
    "_PyArg_ParseTuple_SizeT",
    "PyArg_ParseTupleAndKeywords",
    "_PyArg_ParseTupleAndKeywords_SizeT",
    "PyArg_VaParse",
    "_PyArg_VaParse_SizeT",
    "PyArg_VaParseTupleAndKeywords",
    "_PyArg_VaParseTupleAndKeywords_SizeT",
    "Py_BuildValue",
    "_Py_BuildValue_SizeT",
    "Py_VaBuildValue",
    "_Py_VaBuildValue_SizeT",
    "PyObject_CallFunction",
    "_PyObject_CallFunction_SizeT",
    "PyObject_CallMethod",
    "_PyObject_CallMethod_SizeT",
];

/// The library's defined dynamic symbols, or None (test skipped) without `nm`.
fn exported() -> Option<BTreeSet<String>> {
    if Command::new("nm").arg("--version").output().is_err() {
        eprintln!("SKIPPED: nm (binutils) not installed");
        return None;
    }
    let so = libdir().join("libpyrite.so");
    let out = Command::new("nm").args(["-D", "--defined-only"]).arg(&so).output().expect("nm");
    assert!(out.status.success(), "nm failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().nth(2))
        .map(|s| s.split('@').next().unwrap().to_string())
        .collect::<BTreeSet<String>>()
        .into()
}

fn has_python_prefix(s: &str) -> bool {
    ["Py", "_Py", "Pyrite", "_Pyrite"].iter().any(|p| s.starts_with(p))
}

/// The last identifier in `decl` before its first `(` (a function), or the
/// last identifier (data).
fn declared_name(decl: &str) -> Option<String> {
    let head = match decl.find('(') {
        Some(i) => &decl[..i],
        None => decl.split('[').next().unwrap(),
    };
    head.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .rfind(|t| !t.is_empty())
        .map(String::from)
}

/// Functions and data declared by pyrite's headers.
fn declared() -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let generated = std::fs::read_to_string(root().join("include/pyrite_generated.h")).unwrap();
    let start = generated.find("extern \"C\" {").expect("extern C block");
    let end = generated.rfind("}  // extern \"C\"").expect("end of extern C block");
    for decl in generated[start + "extern \"C\" {".len()..end].split(';') {
        let d = decl.lines().filter(|l| !l.trim_start().starts_with('#')).collect::<Vec<_>>().join(" ");
        let d = d.trim();
        if d.is_empty() || d.starts_with("typedef") {
            continue;
        }
        names.extend(declared_name(d));
    }
    // Prototypes written by hand in the other headers (the variadic functions).
    for entry in std::fs::read_dir(root().join("include")).unwrap().filter_map(|e| e.ok()) {
        let p = entry.path();
        if p.extension().is_none_or(|x| x != "h") || p.file_name().unwrap() == "pyrite_generated.h" {
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap();
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            let starts_decl = line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && !line.starts_with("static")
                && !line.starts_with("typedef")
                && !line.starts_with("extern \"C\"")
                && line.contains('(');
            if !starts_decl {
                continue;
            }
            let mut decl = line.to_string();
            while !decl.contains(';') {
                match lines.next() {
                    Some(l) => decl.push_str(l),
                    None => break,
                }
            }
            names.extend(declared_name(&decl));
        }
    }
    names
}

#[test]
fn exported_symbols_are_namespaced() {
    let Some(syms) = exported() else { return };
    assert!(syms.len() > 100, "suspiciously few exported symbols: {}", syms.len());
    let stray: Vec<&String> = syms
        .iter()
        .filter(|s| !has_python_prefix(s) && !ALLOWLIST.iter().any(|(a, _)| a == s))
        .collect();
    assert!(stray.is_empty(), "symbols exported outside the Py/_Py/Pyrite namespace: {stray:?}");
    eprintln!("{} exported symbols, all namespaced", syms.len());
}

#[test]
fn abi_names_are_exported() {
    let Some(syms) = exported() else { return };
    let missing: Vec<&&str> = REQUIRED.iter().filter(|n| !syms.contains(**n)).collect();
    assert!(missing.is_empty(), "missing from libpyrite.so: {missing:?}");
}

#[test]
fn every_declared_symbol_is_exported() {
    let Some(syms) = exported() else { return };
    let decl = declared();
    assert!(decl.len() > 100, "header parsing found only {} declarations", decl.len());
    let missing: Vec<&String> = decl.iter().filter(|n| !syms.contains(*n)).collect();
    assert!(missing.is_empty(), "declared in include/ but not exported by libpyrite.so: {missing:?}");
}
