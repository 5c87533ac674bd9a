//! `Include/listobject.h`.
use crate::objects::listobject as l;
use crate::objects::object::*;
use crate::objects::pyref::{self, Owned};
use crate::runtime::errors;
use crate::runtime::ffi::{guard, guard_obj, guard_unit, nonnull};
use libc::c_int;

#[no_mangle]
pub unsafe extern "C" fn PyList_New(n: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| l::new_list(n))
}
#[no_mangle]
pub unsafe extern "C" fn PyList_Size(op: *mut PyObject) -> Py_ssize_t {
    guard(|| unsafe {
        if !l::is_list(nonnull(op)?) {
            return Err(errors::bad_internal_call());
        }
        Ok(Py_SIZE(op))
    })
}
/// Borrowed reference; IndexError "list index out of range".
#[no_mangle]
pub unsafe extern "C" fn PyList_GetItem(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    guard(|| unsafe {
        if !l::is_list(nonnull(op)?) {
            return Err(errors::bad_internal_call());
        }
        if i < 0 || i >= Py_SIZE(op) {
            return Err(errors::index_error("list index out of range"));
        }
        Ok(l::get_item(op, i))
    })
}
/// Steals `v` (also on failure).
#[no_mangle]
pub unsafe extern "C" fn PyList_SetItem(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> c_int {
    unsafe {
        let v = Owned::from_raw_opt(v);
        guard(|| {
            if op.is_null() || !l::is_list(op) {
                return Err(errors::bad_internal_call());
            }
            if i < 0 || i >= Py_SIZE(op) {
                return Err(errors::index_error("list assignment index out of range"));
            }
            let new = v.map(|o| o.into_raw()).unwrap_or(core::ptr::null_mut());
            let slot = (*(op as *mut l::PyListObject)).ob_item.offset(i);
            pyref::setref(slot, new);
            Ok(0)
        })
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyList_Append(op: *mut PyObject, v: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        if op.is_null() || !l::is_list(op) || v.is_null() {
            return Err(errors::bad_internal_call());
        }
        l::append(op, v)
    })
}
#[inline]
unsafe fn check_list(op: *mut PyObject) -> crate::runtime::errors::PyResult<*mut PyObject> {
    unsafe {
        if op.is_null() || !l::is_list(op) {
            return Err(errors::bad_internal_call());
        }
        Ok(op)
    }
}

/// Insert `v` (borrowed) before index `i` (clamped like `list.insert`).
#[no_mangle]
pub unsafe extern "C" fn PyList_Insert(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        check_list(op)?;
        if v.is_null() {
            return Err(errors::bad_internal_call());
        }
        l::insert(op, i, v)
    })
}
/// New list `op[lo:hi]` (clamped).
#[no_mangle]
pub unsafe extern "C" fn PyList_GetSlice(op: *mut PyObject, lo: Py_ssize_t, hi: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe { l::get_slice(check_list(op)?, lo, hi) })
}
/// `op[lo:hi] = v` (v borrowed; NULL deletes).
#[no_mangle]
pub unsafe extern "C" fn PyList_SetSlice(op: *mut PyObject, lo: Py_ssize_t, hi: Py_ssize_t, v: *mut PyObject) -> c_int {
    guard_unit(|| unsafe { l::ass_slice(check_list(op)?, lo, hi, v) })
}
#[no_mangle]
pub unsafe extern "C" fn PyList_Sort(op: *mut PyObject) -> c_int {
    guard_unit(|| unsafe { l::sort(check_list(op)?, core::ptr::null_mut(), false) })
}
#[no_mangle]
pub unsafe extern "C" fn PyList_Reverse(op: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        l::reverse(check_list(op)?);
        Ok(())
    })
}
/// New tuple with the list's items.
#[no_mangle]
pub unsafe extern "C" fn PyList_AsTuple(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { l::as_tuple(check_list(op)?) })
}
/// `list.extend(iterable)` (CPython 3.13's name).
#[no_mangle]
pub unsafe extern "C" fn PyList_Extend(op: *mut PyObject, iterable: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        check_list(op)?;
        l::extend(op, nonnull(iterable)?)
    })
}
/// Remove every item (CPython 3.13's name).
#[no_mangle]
pub unsafe extern "C" fn PyList_Clear(op: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        l::clear_list(check_list(op)?);
        Ok(())
    })
}
/// `list.extend(iterable)` returning None (CPython's private `_PyList_Extend`).
#[no_mangle]
pub unsafe extern "C" fn _PyList_Extend(op: *mut PyObject, iterable: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        check_list(op)?;
        l::extend(op, nonnull(iterable)?)?;
        Ok(crate::objects::noneobject::none())
    })
}
