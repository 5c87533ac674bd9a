//! Object create/destroy loops through the C API, pyrite against CPython 3.11.
//! Run: `cargo bench --bench objects` (not part of `cargo test`).
//!
//! Both runtimes are loaded the same way — `dlopen` (RTLD_LOCAL, so neither
//! can bind to the other's symbols) of `libpyrite.so` from this profile's
//! target directory and of CPython's `libpython3.11.so` (found through
//! `sysconfig.get_config_var('LIBDIR')`) — initialised with `Py_Initialize`,
//! and driven through the same function pointers, with reference counting
//! done inline as Python.h's `Py_INCREF`/`Py_DECREF` do (decrement, call
//! `_Py_Dealloc` at zero). Each loop runs ROUNDS times alternating the two
//! runtimes; the best time of each gives the ratio pyrite/CPython (below 1
//! means pyrite is faster).
//!
//! It also checks that `PyLong_FromLong(small)` + `Py_DECREF` allocates
//! nothing in pyrite (small-int cache): holding many such references must not
//! change the allocator's block count.
#![allow(non_snake_case)]

use std::ffi::{c_char, c_int, c_long};
use std::path::Path;
use std::time::{Duration, Instant};

mod common;
use common::{cpython_lib, open_runtime, profile_dir, pyrite_lib, sym, Obj, Ssize};

const N: usize = 200_000;
const ROUNDS: usize = 7;

/// The slice of the C API the loops use, resolved from one library.
struct Api {
    name: &'static str,
    PyLong_FromLong: unsafe extern "C" fn(c_long) -> Obj,
    PyFloat_FromDouble: unsafe extern "C" fn(f64) -> Obj,
    PyTuple_New: unsafe extern "C" fn(Ssize) -> Obj,
    PyTuple_SetItem: unsafe extern "C" fn(Obj, Ssize, Obj) -> c_int,
    PyList_New: unsafe extern "C" fn(Ssize) -> Obj,
    PyList_Append: unsafe extern "C" fn(Obj, Obj) -> c_int,
    PyDict_New: unsafe extern "C" fn() -> Obj,
    PyDict_SetItem: unsafe extern "C" fn(Obj, Obj, Obj) -> c_int,
    PyUnicode_FromStringAndSize: unsafe extern "C" fn(*const c_char, Ssize) -> Obj,
    _Py_Dealloc: unsafe extern "C" fn(Obj),
    _Py_GetAllocatedBlocks: unsafe extern "C" fn() -> Ssize,
}

fn load(name: &'static str, path: &Path) -> Api {
    let h = open_runtime(path);
    // SAFETY: resolving functions by name with their C API types.
    unsafe {
        Api {
            name,
            PyLong_FromLong: sym(h, "PyLong_FromLong"),
            PyFloat_FromDouble: sym(h, "PyFloat_FromDouble"),
            PyTuple_New: sym(h, "PyTuple_New"),
            PyTuple_SetItem: sym(h, "PyTuple_SetItem"),
            PyList_New: sym(h, "PyList_New"),
            PyList_Append: sym(h, "PyList_Append"),
            PyDict_New: sym(h, "PyDict_New"),
            PyDict_SetItem: sym(h, "PyDict_SetItem"),
            PyUnicode_FromStringAndSize: sym(h, "PyUnicode_FromStringAndSize"),
            _Py_Dealloc: sym(h, "_Py_Dealloc"),
            _Py_GetAllocatedBlocks: sym(h, "_Py_GetAllocatedBlocks"),
        }
    }
}

#[inline(always)]
unsafe fn decref(api: &Api, o: Obj) {
    // SAFETY: `o` is a live object.
    unsafe { common::decref(api._Py_Dealloc, o) }
}
#[inline(always)]
unsafe fn incref(o: Obj) {
    // SAFETY: as above.
    unsafe { *(o as *mut Ssize) += 1 }
}

struct Fixtures {
    keys: Vec<Obj>,
    value: Obj,
}

fn fixtures(api: &Api) -> Fixtures {
    // SAFETY: C API calls on an initialised runtime.
    unsafe {
        let keys = (0..4)
            .map(|i| {
                let s = format!("key{i}");
                (api.PyUnicode_FromStringAndSize)(s.as_ptr() as *const c_char, s.len() as Ssize)
            })
            .collect();
        Fixtures { keys, value: (api.PyLong_FromLong)(7) }
    }
}

type Loop = fn(&Api, &Fixtures) -> Duration;

macro_rules! timed {
    ($body:expr) => {{
        let t = Instant::now();
        for i in 0..N {
            #[allow(unused_unsafe)]
            // SAFETY: C API calls on an initialised runtime, GIL held.
            unsafe {
                $body(i)
            };
        }
        t.elapsed()
    }};
}

fn int_small(a: &Api, _: &Fixtures) -> Duration {
    timed!(|i: usize| unsafe { decref(a, (a.PyLong_FromLong)((i % 200) as c_long)) })
}
fn int_large(a: &Api, _: &Fixtures) -> Duration {
    timed!(|i: usize| unsafe { decref(a, (a.PyLong_FromLong)((1 << 40) + i as c_long)) })
}
fn float(a: &Api, _: &Fixtures) -> Duration {
    timed!(|i: usize| unsafe { decref(a, (a.PyFloat_FromDouble)(i as f64 * 0.5)) })
}
fn tuple3(a: &Api, f: &Fixtures) -> Duration {
    timed!(|_i: usize| unsafe {
        let t = (a.PyTuple_New)(3);
        for k in 0..3 {
            incref(f.value);
            (a.PyTuple_SetItem)(t, k, f.value);
        }
        decref(a, t)
    })
}
fn list4(a: &Api, f: &Fixtures) -> Duration {
    timed!(|_i: usize| unsafe {
        let l = (a.PyList_New)(0);
        for _ in 0..4 {
            (a.PyList_Append)(l, f.value);
        }
        decref(a, l)
    })
}
fn dict4(a: &Api, f: &Fixtures) -> Duration {
    timed!(|_i: usize| unsafe {
        let d = (a.PyDict_New)();
        for k in &f.keys {
            (a.PyDict_SetItem)(d, *k, f.value);
        }
        decref(a, d)
    })
}
fn str11(a: &Api, _: &Fixtures) -> Duration {
    timed!(|_i: usize| unsafe {
        decref(a, (a.PyUnicode_FromStringAndSize)(b"hello world".as_ptr() as *const c_char, 11))
    })
}

/// Blocks allocated while holding 1000 results of PyLong_FromLong(small).
fn small_int_blocks(a: &Api) -> Ssize {
    // SAFETY: C API calls on an initialised runtime.
    unsafe {
        let before = (a._Py_GetAllocatedBlocks)();
        let held: Vec<Obj> = (0..1000).map(|i| (a.PyLong_FromLong)((i % 250) as c_long)).collect();
        let during = (a._Py_GetAllocatedBlocks)();
        for o in held {
            decref(a, o);
        }
        during - before
    }
}

fn main() {
    let pyrite = load("pyrite", &pyrite_lib());
    let Some(cpython_path) = cpython_lib() else {
        println!("libpython3.11.so not found (python3 sysconfig LIBDIR): nothing to compare with");
        return;
    };
    let cpython = load("CPython", &cpython_path);
    println!("pyrite: {}", profile_dir().join("libpyrite.so").display());
    println!("CPython: {}", cpython_path.display());

    let grew = small_int_blocks(&pyrite);
    println!(
        "PyLong_FromLong(small) x1000 held: pyrite allocated {grew} blocks, CPython {}",
        small_int_blocks(&cpython)
    );
    if grew != 0 {
        println!("FAIL: PyLong_FromLong(small) allocates in pyrite (no small-int cache)");
    }

    let fp = fixtures(&pyrite);
    let fc = fixtures(&cpython);
    let loops: &[(&str, Loop)] = &[
        ("int small (cached)", int_small),
        ("int large", int_large),
        ("float", float),
        ("tuple of 3", tuple3),
        ("list + 4 appends", list4),
        ("dict + 4 str keys", dict4),
        ("str (11 ASCII)", str11),
    ];
    println!("{N} create+destroy per loop, best of {ROUNDS} alternating rounds");
    println!("{:<20} {:>12} {:>12} {:>16}", "loop", "pyrite ns", "CPython ns", "pyrite/CPython");
    for (name, f) in loops {
        let (mut bp, mut bc) = (Duration::MAX, Duration::MAX);
        for _ in 0..ROUNDS {
            bp = bp.min(f(&pyrite, &fp));
            bc = bc.min(f(&cpython, &fc));
        }
        let ns = |d: Duration| d.as_nanos() as f64 / N as f64;
        println!(
            "{:<20} {:>12.1} {:>12.1} {:>15.2}x",
            name,
            ns(bp),
            ns(bc),
            bp.as_secs_f64() / bc.as_secs_f64()
        );
    }
    let _ = (pyrite.name, cpython.name);
    if grew != 0 {
        std::process::exit(1);
    }
}
