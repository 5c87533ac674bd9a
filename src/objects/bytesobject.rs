//! `bytes`: cached hash then the bytes inline, NUL-terminated.
use super::object::*;

#[repr(C)]
pub struct PyBytesObject {
    pub ob_base: PyVarObject,
    pub ob_shash: Py_hash_t,
    pub ob_sval: [libc::c_char; 1],
}
