//! `Include/setobject.h`.
use crate::objects::object::*;
use crate::objects::setobject as s;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard, guard_obj, guard_unit, nonnull};
use libc::c_int;

unsafe fn check_anyset(op: *mut PyObject) -> PyResult<*mut PyObject> {
    unsafe {
        if op.is_null() || !s::is_anyset(op) {
            return Err(errors::bad_internal_call());
        }
        Ok(op)
    }
}
unsafe fn check_set(op: *mut PyObject) -> PyResult<*mut PyObject> {
    unsafe {
        if op.is_null() || !s::is_set(op) {
            return Err(errors::bad_internal_call());
        }
        Ok(op)
    }
}

/// New set from an iterable (NULL for an empty set).
#[no_mangle]
pub unsafe extern "C" fn PySet_New(iterable: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { s::new_set(&raw mut s::PySet_Type, iterable) })
}
/// New frozenset from an iterable (NULL for an empty one).
#[no_mangle]
pub unsafe extern "C" fn PyFrozenSet_New(iterable: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { s::new_set(&raw mut s::PyFrozenSet_Type, iterable) })
}
#[no_mangle]
pub unsafe extern "C" fn PySet_Size(op: *mut PyObject) -> Py_ssize_t {
    guard(|| unsafe { Ok(s::len(check_anyset(op)?)) })
}
/// 1 if present, 0 if not, -1 on error (an unhashable key raises TypeError).
#[no_mangle]
pub unsafe extern "C" fn PySet_Contains(op: *mut PyObject, key: *mut PyObject) -> c_int {
    guard(|| unsafe { Ok(s::contains_key(check_anyset(op)?, nonnull(key)?)? as c_int) })
}
/// Add `key` (borrowed). Also allowed on a brand-new frozenset (refcount 1).
#[no_mangle]
pub unsafe extern "C" fn PySet_Add(op: *mut PyObject, key: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        if op.is_null() || (!s::is_set(op) && (!s::is_frozenset(op) || (*op).ob_refcnt != 1)) {
            return Err(errors::bad_internal_call());
        }
        s::add_key(op, nonnull(key)?)
    })
}
/// 1 if found and removed, 0 if not found, -1 on error.
#[no_mangle]
pub unsafe extern "C" fn PySet_Discard(op: *mut PyObject, key: *mut PyObject) -> c_int {
    guard(|| unsafe { Ok(s::discard_key(check_set(op)?, nonnull(key)?)? as c_int) })
}
/// New reference to an arbitrary element; KeyError when empty.
#[no_mangle]
pub unsafe extern "C" fn PySet_Pop(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { s::pop(check_set(op)?) })
}
#[no_mangle]
pub unsafe extern "C" fn PySet_Clear(op: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        s::clear_internal(check_set(op)?);
        Ok(())
    })
}
/// Iterate: borrowed key and its hash; 0 at the end, -1 for a non-set.
#[no_mangle]
pub unsafe extern "C" fn _PySet_NextEntry(op: *mut PyObject, pos: *mut Py_ssize_t, key: *mut *mut PyObject, hash: *mut Py_hash_t) -> c_int {
    guard(|| unsafe {
        check_anyset(op)?;
        nonnull(pos)?;
        match s::next_entry(op, &mut *pos) {
            Some((k, h)) => {
                if !key.is_null() {
                    *key = k;
                }
                if !hash.is_null() {
                    *hash = h;
                }
                Ok(1)
            }
            None => Ok(0),
        }
    })
}
/// Add every element of `iterable`.
#[no_mangle]
pub unsafe extern "C" fn _PySet_Update(op: *mut PyObject, iterable: *mut PyObject) -> c_int {
    guard_unit(|| unsafe { s::update_internal(check_set(op)?, nonnull(iterable)?) })
}
