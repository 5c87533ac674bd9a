//! `Include/unicodeobject.h`.
use crate::objects::object::*;
use crate::objects::unicodeobject as u;
use crate::runtime::errors;
use crate::runtime::ffi::{guard, guard_obj, nonnull};
use libc::c_char;

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromString(s: *const c_char) -> *mut PyObject {
    guard_obj(|| unsafe {
        let b = std::ffi::CStr::from_ptr(crate::runtime::ffi::nonnull_c(s)?).to_bytes();
        from_utf8(b)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromStringAndSize(s: *const c_char, n: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        if n < 0 {
            return Err(errors::system_error("Negative size passed to PyUnicode_FromStringAndSize"));
        }
        if s.is_null() {
            return u::new_uninit(n, 0);
        }
        from_utf8(core::slice::from_raw_parts(s as *const u8, n as usize))
    })
}

/// Strict UTF-8 decoding (the full codec with error handlers is in the str work).
fn from_utf8(b: &[u8]) -> crate::PyResult<crate::Owned> {
    match std::str::from_utf8(b) {
        Ok(s) => u::from_str(s),
        Err(e) => {
            let start = e.valid_up_to();
            Err(crate::raise!(
                PyExc_UnicodeDecodeError,
                "'utf-8' codec can't decode byte 0x{:02x} in position {}: invalid start byte",
                b[start],
                start
            ))
        }
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUTF8AndSize(op: *mut PyObject, size: *mut Py_ssize_t) -> *const c_char {
    guard(|| unsafe {
        nonnull(op)?;
        if !u::is_str(op) {
            return Err(errors::bad_argument());
        }
        let b = u::as_utf8(op)?;
        if !size.is_null() {
            *size = b.len() as Py_ssize_t;
        }
        Ok(b.as_ptr() as *const c_char)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUTF8(op: *mut PyObject) -> *const c_char {
    unsafe { PyUnicode_AsUTF8AndSize(op, core::ptr::null_mut()) }
}
