//! `bytearray`: CPython's `ob_alloc`/`ob_bytes`/`ob_start`/`ob_exports` layout.
use super::object::*;

#[repr(C)]
pub struct PyByteArrayObject {
    pub ob_base: PyVarObject,
    pub ob_alloc: Py_ssize_t,
    pub ob_bytes: *mut libc::c_char,
    pub ob_start: *mut libc::c_char,
    pub ob_exports: Py_ssize_t,
}
