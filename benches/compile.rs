//! Compiling the standard library, pyrite against CPython 3.11.
//! Run: `cargo bench --bench compile` (not part of `cargo test`).
//!
//! The inputs are every `.py` file of python3's standard library that CPython
//! compiles (no NUL bytes, so both C entry points take them), read into memory
//! once. Two measurements, each the best of ROUNDS alternating rounds:
//!
//! * parse: pyrite's parser (`pyrite::parser::parse`, source bytes to Rust
//!   AST) against CPython's `Py_CompileStringExFlags` with `PyCF_ONLY_AST`.
//!   CPython exports no parse-only entry point: its time includes turning its
//!   internal AST into `ast` objects, so this ratio flatters pyrite a little.
//! * compile: `Py_CompileStringExFlags(src, filename, Py_file_input, NULL, -1)`
//!   in both runtimes (both `dlopen`ed, see common/mod.rs): source bytes to a
//!   code object, everything included.
//!
//! Ratios are pyrite/CPython (below 1 means pyrite is faster). CPython,
//! `dlopen`ed with RTLD_LOCAL, cannot load its `unicodedata` extension, so it
//! rejects the 18 test files with `\N{...}` escapes part-way (see them with
//! `PYRITE_BENCH_SHOW_ERRORS=1`): its side does slightly less work.
//! `PYRITE_BENCH_STRIDE=n` takes every n-th file (quicker runs).
#![allow(non_snake_case)]

use std::ffi::{c_char, c_int, c_void, CString};
use std::process::Command;
use std::time::{Duration, Instant};

mod common;
use common::{cpython_lib, decref, open_runtime, pyrite_lib, sym, Obj};

const ROUNDS: usize = 3;
const PY_FILE_INPUT: c_int = 257;
const PYCF_ONLY_AST: c_int = 0x400;

#[repr(C)]
struct PyCompilerFlags {
    cf_flags: c_int,
    cf_feature_version: c_int,
}

struct Api {
    compile: unsafe extern "C" fn(*const c_char, *const c_char, c_int, *mut PyCompilerFlags, c_int) -> Obj,
    err_clear: unsafe extern "C" fn(),
    err_print: unsafe extern "C" fn(),
    dealloc: unsafe extern "C" fn(Obj),
}

fn load(path: &std::path::Path) -> Api {
    let h: *mut c_void = open_runtime(path);
    // SAFETY: resolving C API functions by name with their types.
    unsafe {
        Api {
            compile: sym(h, "Py_CompileStringExFlags"),
            err_clear: sym(h, "PyErr_Clear"),
            err_print: sym(h, "PyErr_Print"),
            dealloc: sym(h, "_Py_Dealloc"),
        }
    }
}

struct Input {
    name: CString,
    text: CString,
    bytes: Vec<u8>,
}

/// The stdlib files CPython compiles, as (path, bytes).
fn inputs(stride: usize) -> Vec<Input> {
    let script = r#"
import os, sys, sysconfig
root = sysconfig.get_paths()['stdlib']
for d, subdirs, files in os.walk(root):
    subdirs.sort()
    if 'site-packages' in d:
        continue
    for f in sorted(files):
        if f.endswith('.py'):
            p = os.path.join(d, f)
            try:
                src = open(p, 'rb').read()
                if b'\0' in src:
                    continue
                compile(src, p, 'exec')
            except Exception:
                continue
            print(p)
"#;
    let out = Command::new("python3").args(["-c", script]).output().expect("python3");
    let list = String::from_utf8_lossy(&out.stdout).to_string();
    list.lines()
        .step_by(stride.max(1))
        .map(|p| {
            let bytes = std::fs::read(p).unwrap();
            Input { name: CString::new(p).unwrap(), text: CString::new(bytes.clone()).unwrap(), bytes }
        })
        .collect()
}

/// One pass of `Py_CompileStringExFlags` over every input; the failures counted.
fn c_pass(api: &Api, inputs: &[Input], flags: c_int) -> (Duration, usize) {
    let mut failed = 0;
    let t = Instant::now();
    for i in inputs {
        let mut f = PyCompilerFlags { cf_flags: flags, cf_feature_version: 11 };
        // SAFETY: NUL-terminated strings; the runtime is initialised and holds the GIL.
        unsafe {
            let r = (api.compile)(i.text.as_ptr(), i.name.as_ptr(), PY_FILE_INPUT, &mut f, -1);
            if r.is_null() {
                failed += 1;
                if std::env::var_os("PYRITE_BENCH_SHOW_ERRORS").is_some() {
                    eprintln!("{}:", i.name.to_string_lossy());
                    (api.err_print)();
                }
                (api.err_clear)();
            } else {
                decref(api.dealloc, r);
            }
        }
    }
    (t.elapsed(), failed)
}

fn parse_pass(inputs: &[Input]) -> (Duration, usize) {
    let mut failed = 0;
    let t = Instant::now();
    for i in inputs {
        let name = i.name.to_str().unwrap_or("<file>");
        if pyrite::parser::parse(&i.bytes, pyrite::parser::Mode::Exec, name).is_err() {
            failed += 1;
        }
    }
    (t.elapsed(), failed)
}

fn report(what: &str, p: (Duration, usize), c: (Duration, usize), n: usize) {
    println!(
        "{:<8} {:>10.3} s {:>10.3} s {:>9.2}x   (pyrite rejected {} of {n}, CPython {})",
        what,
        p.0.as_secs_f64(),
        c.0.as_secs_f64(),
        p.0.as_secs_f64() / c.0.as_secs_f64(),
        p.1,
        c.1
    );
}

fn best(a: (Duration, usize), b: (Duration, usize)) -> (Duration, usize) {
    if b.0 < a.0 {
        b
    } else {
        a
    }
}

fn main() {
    let Some(cpython_path) = cpython_lib() else {
        println!("libpython3.11.so not found (python3 sysconfig LIBDIR): nothing to compare with");
        return;
    };
    let stride = std::env::var("PYRITE_BENCH_STRIDE").ok().and_then(|s| s.parse().ok()).unwrap_or(1);
    let inputs = inputs(stride);
    let lines: usize = inputs.iter().map(|i| i.bytes.iter().filter(|&&b| b == b'\n').count()).sum();
    let bytes: usize = inputs.iter().map(|i| i.bytes.len()).sum();
    println!("{} stdlib files, {lines} lines, {:.1} MB; best of {ROUNDS} alternating rounds", inputs.len(), bytes as f64 / 1e6);
    let pyrite = load(&pyrite_lib());
    let cpython = load(&cpython_path);
    println!("{:<8} {:>12} {:>12} {:>10}", "stage", "pyrite", "CPython", "ratio");
    let zero = (Duration::MAX, 0);
    let (mut bp, mut bc) = (zero, zero);
    for _ in 0..ROUNDS {
        bp = best(bp, parse_pass(&inputs));
        bc = best(bc, c_pass(&cpython, &inputs, PYCF_ONLY_AST));
    }
    report("parse", bp, bc, inputs.len());
    let (mut bp, mut bc) = (zero, zero);
    for _ in 0..ROUNDS {
        bp = best(bp, c_pass(&pyrite, &inputs, 0));
        bc = best(bc, c_pass(&cpython, &inputs, 0));
    }
    report("compile", bp, bc, inputs.len());
}
