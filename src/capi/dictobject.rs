//! `Include/dictobject.h`.
use crate::objects::dictobject as d;
use crate::objects::object::*;
use crate::runtime::errors;
use crate::runtime::ffi::{cstr, guard, guard_obj, guard_unit, nonnull};
use libc::{c_char, c_int};

#[no_mangle]
pub unsafe extern "C" fn PyDict_New() -> *mut PyObject {
    guard_obj(d::new_dict)
}
#[no_mangle]
pub unsafe extern "C" fn PyDict_SetItem(op: *mut PyObject, k: *mut PyObject, v: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        if op.is_null() || !d::is_dict(op) || k.is_null() || v.is_null() {
            return Err(errors::bad_internal_call());
        }
        d::set_item(op, k, v)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyDict_SetItemString(op: *mut PyObject, k: *const c_char, v: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        if op.is_null() || !d::is_dict(op) || v.is_null() {
            return Err(errors::bad_internal_call());
        }
        d::set_item_str(op, cstr(k)?, v)
    })
}
/// Borrowed; NULL when missing; errors are swallowed (as CPython's).
#[no_mangle]
pub unsafe extern "C" fn PyDict_GetItem(op: *mut PyObject, k: *mut PyObject) -> *mut PyObject {
    unsafe {
        if op.is_null() || k.is_null() || !d::is_dict(op) {
            return core::ptr::null_mut();
        }
        d::get_item_borrowed(op, k)
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyDict_GetItemWithError(op: *mut PyObject, k: *mut PyObject) -> *mut PyObject {
    guard(|| unsafe {
        if op.is_null() || k.is_null() || !d::is_dict(op) {
            return Err(errors::bad_internal_call());
        }
        d::get_item_borrowed_err(op, k)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyDict_Size(op: *mut PyObject) -> Py_ssize_t {
    guard(|| unsafe {
        if !d::is_dict(nonnull(op)?) {
            return Err(errors::bad_internal_call());
        }
        Ok(d::len(op))
    })
}
