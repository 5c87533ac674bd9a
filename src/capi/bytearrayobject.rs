//! `Include/bytearrayobject.h`.
//!
//! Ownership: results are new references. Where CPython only asserts the
//! argument's type (`PyByteArray_Size`, `AsString`, `Resize`), pyrite raises
//! SystemError ("bad argument to internal function") instead of crashing.
use crate::objects::bytearrayobject as ba;
use crate::objects::object::*;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard, guard_obj, guard_unit, nonnull};
use libc::{c_char, c_int};

unsafe fn expect_bytearray(op: *mut PyObject) -> PyResult<*mut PyObject> {
    unsafe {
        nonnull(op)?;
        if !ba::is_bytearray(op) {
            return Err(errors::bad_internal_call());
        }
        Ok(op)
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyByteArray_FromStringAndSize(s: *const c_char, n: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        if n < 0 {
            return Err(errors::system_error("Negative size passed to PyByteArray_FromStringAndSize"));
        }
        if s.is_null() {
            return ba::new_sized(n);
        }
        ba::from_slice(core::slice::from_raw_parts(s as *const u8, n as usize))
    })
}

/// `PyByteArray_FromObject`: `bytearray(o)`.
#[no_mangle]
pub unsafe extern "C" fn PyByteArray_FromObject(o: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        nonnull(o)?;
        crate::objects::abstract_::call_function(&raw mut ba::PyByteArray_Type as *mut PyObject, &[o])
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyByteArray_AsString(op: *mut PyObject) -> *mut c_char {
    guard(|| unsafe { Ok(ba::data(expect_bytearray(op)?) as *mut c_char) })
}

#[no_mangle]
pub unsafe extern "C" fn PyByteArray_Size(op: *mut PyObject) -> Py_ssize_t {
    guard(|| unsafe { Ok(Py_SIZE(expect_bytearray(op)?)) })
}

#[no_mangle]
pub unsafe extern "C" fn PyByteArray_Resize(op: *mut PyObject, n: Py_ssize_t) -> c_int {
    guard_unit(|| unsafe {
        expect_bytearray(op)?;
        if n < 0 {
            return Err(errors::value_error(format!("Can only resize to positive sizes, got {}", n)));
        }
        ba::resize(op, n)
    })
}

/// `PyByteArray_Concat(a, b)`: a new bytearray from two bytes-like objects.
#[no_mangle]
pub unsafe extern "C" fn PyByteArray_Concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        nonnull(a)?;
        nonnull(b)?;
        let (mut x, y) = crate::objects::bytes_methods::concat_operands(a, b)?;
        x.extend_from_slice(&y);
        ba::from_slice(&x)
    })
}
