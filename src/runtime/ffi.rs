//! The boundary between C and Rust: every `extern "C"` body runs inside `guard`.
//!
//! Design note. `guard` turns a `PyResult` into the C convention (a null pointer
//! or -1 with the exception set) and catches any Rust panic, turning it into
//! `SystemError` so nothing unwinds into C (`panic = "unwind"` in every profile
//! makes this possible). `arg!` null-checks a pointer argument the way
//! `PyErr_BadInternalCall` does. Slot functions use the same guard as exported
//! API functions: extensions call slots directly.
use crate::objects::object::*;
use crate::objects::pyref::Owned;
use crate::runtime::errors::{self, PyResult, Raised};
use libc::{c_int, c_long, c_ulong};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// A value a C function returns; `ERROR` is what it returns with an exception set.
pub trait CReturn: Sized {
    fn error() -> Self;
}
impl CReturn for *mut PyObject {
    fn error() -> Self {
        core::ptr::null_mut()
    }
}
impl CReturn for *mut PyTypeObject {
    fn error() -> Self {
        core::ptr::null_mut()
    }
}
impl CReturn for *const libc::c_char {
    fn error() -> Self {
        core::ptr::null()
    }
}
impl CReturn for *mut libc::c_char {
    fn error() -> Self {
        core::ptr::null_mut()
    }
}
impl CReturn for *mut libc::c_void {
    fn error() -> Self {
        core::ptr::null_mut()
    }
}
impl CReturn for c_int {
    fn error() -> Self {
        -1
    }
}
impl CReturn for isize {
    fn error() -> Self {
        -1
    }
}
impl CReturn for c_long {
    fn error() -> Self {
        -1
    }
}
impl CReturn for c_ulong {
    fn error() -> Self {
        c_ulong::MAX
    }
}
impl CReturn for u32 {
    fn error() -> Self {
        u32::MAX
    }
}
impl CReturn for usize {
    fn error() -> Self {
        usize::MAX
    }
}
impl CReturn for f64 {
    fn error() -> Self {
        -1.0
    }
}
impl CReturn for () {
    fn error() -> Self {}
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// Run `f` at the C boundary: `Err` → the C error value, a panic → SystemError.
#[inline]
pub fn guard<R: CReturn>(f: impl FnOnce() -> PyResult<R>) -> R {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => v,
        Ok(Err(_)) => R::error(),
        Err(p) => {
            let msg = panic_message(&*p);
            let _ = errors::system_error(format!("pyrite internal error: {}", msg));
            R::error()
        }
    }
}

/// `guard` for functions returning a new reference.
#[inline]
pub fn guard_obj(f: impl FnOnce() -> PyResult<Owned>) -> *mut PyObject {
    guard(|| f().map(Owned::into_raw))
}

/// `guard` for functions that return 0 on success.
#[inline]
pub fn guard_unit(f: impl FnOnce() -> PyResult<()>) -> c_int {
    guard(|| f().map(|()| 0))
}

/// Null-check a pointer argument: `SystemError` as `PyErr_BadInternalCall`.
#[inline]
pub fn nonnull<T>(p: *mut T) -> PyResult<*mut T> {
    if p.is_null() {
        Err(errors::bad_internal_call())
    } else {
        Ok(p)
    }
}

/// Null-check a `const char *` argument.
#[inline]
pub fn nonnull_c<T>(p: *const T) -> PyResult<*const T> {
    if p.is_null() {
        Err(errors::bad_internal_call())
    } else {
        Ok(p)
    }
}

/// A `&str` view of a NUL-terminated UTF-8 C string (errors raise UnicodeDecodeError).
pub unsafe fn cstr<'a>(p: *const libc::c_char) -> PyResult<&'a str> {
    let p = nonnull_c(p)?;
    let bytes = unsafe { std::ffi::CStr::from_ptr(p) }.to_bytes();
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(_) => Err(crate::raise!(PyExc_UnicodeDecodeError, "'utf-8' codec can't decode C string")),
    }
}

/// Used where a `Raised` is needed as a value of another error type.
pub fn raised() -> Raised {
    unsafe { Raised::assume() }
}

/// Null-check an argument of the abstract object protocol: CPython's
/// `null_error()` — SystemError "null argument to internal routine", unless
/// an exception is already pending (the NULL came from a failed call).
#[inline]
pub fn nonnull_arg<T>(p: *mut T) -> PyResult<*mut T> {
    if p.is_null() {
        Err(null_error())
    } else {
        Ok(p)
    }
}

/// CPython's `null_error()` (see `nonnull_arg`).
pub fn null_error() -> Raised {
    if errors::occurred().is_null() {
        return errors::system_error("null argument to internal routine");
    }
    raised()
}
