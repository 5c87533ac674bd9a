//! `Include/tupleobject.h`.
use crate::objects::object::*;
use crate::objects::pyref::{self, Owned};
use crate::objects::tupleobject as t;
use crate::runtime::errors;
use crate::runtime::ffi::{guard, guard_obj, nonnull};
use libc::c_int;

#[no_mangle]
pub unsafe extern "C" fn PyTuple_New(n: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| t::new_tuple(n))
}
#[no_mangle]
pub unsafe extern "C" fn PyTuple_Size(op: *mut PyObject) -> Py_ssize_t {
    guard(|| unsafe {
        if !t::is_tuple(nonnull(op)?) {
            return Err(errors::bad_internal_call());
        }
        Ok(Py_SIZE(op))
    })
}
/// Borrowed reference; IndexError "tuple index out of range".
#[no_mangle]
pub unsafe extern "C" fn PyTuple_GetItem(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    guard(|| unsafe {
        if !t::is_tuple(nonnull(op)?) {
            return Err(errors::bad_internal_call());
        }
        if i < 0 || i >= Py_SIZE(op) {
            return Err(errors::index_error("tuple index out of range"));
        }
        Ok(t::get_item(op, i))
    })
}
/// Steals `v` (also on failure).
#[no_mangle]
pub unsafe extern "C" fn PyTuple_SetItem(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> c_int {
    unsafe {
        let v = Owned::from_raw_opt(v);
        guard(|| {
            if op.is_null() || !t::is_tuple(op) || (*op).ob_refcnt != 1 {
                return Err(errors::bad_internal_call());
            }
            if i < 0 || i >= Py_SIZE(op) {
                return Err(errors::index_error("tuple assignment index out of range"));
            }
            let new = v.map(|o| o.into_raw()).unwrap_or(core::ptr::null_mut());
            let slot = t::items(op).offset(i);
            pyref::setref(slot, new);
            Ok(0)
        })
    }
}
/// New reference to `op[i:j]` (clamped); the same tuple when it is the whole.
#[no_mangle]
pub unsafe extern "C" fn PyTuple_GetSlice(op: *mut PyObject, i: Py_ssize_t, j: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        if op.is_null() || !t::is_tuple(op) {
            return Err(errors::bad_internal_call());
        }
        t::get_slice(op, i, j)
    })
}
/// Resize a tuple only the caller holds; on failure `*pv` is released and set to NULL.
#[no_mangle]
pub unsafe extern "C" fn _PyTuple_Resize(pv: *mut *mut PyObject, newsize: Py_ssize_t) -> c_int {
    guard(|| unsafe {
        if pv.is_null() {
            return Err(errors::bad_internal_call());
        }
        t::resize_tuple(pv, newsize).map(|()| 0)
    })
}
