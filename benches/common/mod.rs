//! What the benchmarks share: finding and loading both runtimes.
//!
//! Both runtimes are loaded the same way — `dlopen` (RTLD_LOCAL, so neither
//! can bind to the other's symbols) of `libpyrite.so` from this profile's
//! target directory and of CPython's `libpython3.11.so` (found through
//! `sysconfig.get_config_var('LIBDIR')`) — and driven through function
//! pointers resolved with `sym`.
#![allow(dead_code)]

use std::ffi::{c_void, CString};
use std::path::{Path, PathBuf};
use std::process::Command;

pub type Obj = *mut c_void;
pub type Ssize = isize;

/// `dlopen` with RTLD_NOW | RTLD_LOCAL, then `Py_Initialize`.
pub fn open_runtime(path: &Path) -> *mut c_void {
    let c = CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: loading a shared library and calling its Py_Initialize.
    unsafe {
        let h = libc::dlopen(c.as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL);
        if h.is_null() {
            let e = std::ffi::CStr::from_ptr(libc::dlerror()).to_string_lossy();
            panic!("dlopen {}: {e}", path.display());
        }
        let init: unsafe extern "C" fn() = sym(h, "Py_Initialize");
        init();
        h
    }
}

/// A function of a loaded library; the caller names the right type.
pub unsafe fn sym<T: Copy>(h: *mut c_void, name: &str) -> T {
    let c = CString::new(name).unwrap();
    // SAFETY: dlsym on a live handle.
    unsafe {
        let p = libc::dlsym(h, c.as_ptr());
        assert!(!p.is_null(), "{name} not found");
        std::mem::transmute_copy(&p)
    }
}

/// `Py_DECREF` as Python.h inlines it (both runtimes: ob_refcnt first).
#[inline(always)]
pub unsafe fn decref(dealloc: unsafe extern "C" fn(Obj), o: Obj) {
    // SAFETY: `o` is a live object whose header starts with ob_refcnt.
    unsafe {
        let rc = o as *mut Ssize;
        *rc -= 1;
        if *rc == 0 {
            dealloc(o);
        }
    }
}

/// target/<profile>, from the running bench's path (target/<profile>/deps/x-<hash>).
pub fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.parent().unwrap().parent().unwrap().to_path_buf()
}

/// Builds libpyrite.so for this profile (cargo bench does not build the cdylib) and names it.
pub fn pyrite_lib() -> PathBuf {
    let dir = profile_dir();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.args(["build", "--lib"]).current_dir(env!("CARGO_MANIFEST_DIR"));
    if dir.file_name().is_some_and(|n| n == "release") {
        cmd.arg("--release");
    }
    assert!(cmd.status().map(|s| s.success()).unwrap_or(false), "cargo build --lib failed");
    dir.join("libpyrite.so")
}

/// CPython's shared library, when python3 has one.
pub fn cpython_lib() -> Option<PathBuf> {
    let out = Command::new("python3")
        .args(["-c", "import sysconfig as s; print(s.get_config_var('LIBDIR')); print(s.get_config_var('INSTSONAME') or '')"])
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let mut lines = text.lines();
    let libdir = PathBuf::from(lines.next()?);
    let soname = lines.next().unwrap_or("");
    for name in [soname, "libpython3.11.so", "libpython3.11.so.1.0"] {
        let p = libdir.join(name);
        if !name.is_empty() && p.exists() {
            return Some(p);
        }
    }
    None
}
