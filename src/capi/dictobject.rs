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
use crate::objects::pyref::Owned;

#[inline]
unsafe fn check_dict(op: *mut PyObject) -> crate::runtime::errors::PyResult<*mut PyObject> {
    unsafe {
        if op.is_null() || !d::is_dict(op) {
            return Err(errors::bad_internal_call());
        }
        Ok(op)
    }
}

/// Borrowed; NULL when missing or on any error (errors are swallowed).
#[no_mangle]
pub unsafe extern "C" fn PyDict_GetItemString(op: *mut PyObject, k: *const c_char) -> *mut PyObject {
    unsafe {
        if k.is_null() {
            return core::ptr::null_mut();
        }
        let key = match crate::objects::unicodeobject::from_str(&std::ffi::CStr::from_ptr(k).to_string_lossy()) {
            Ok(s) => s,
            Err(_) => {
                errors::clear();
                return core::ptr::null_mut();
            }
        };
        PyDict_GetItem(op, key.as_ptr())
    }
}
/// Borrowed; NULL with no exception when missing, NULL with an exception on error.
#[no_mangle]
pub unsafe extern "C" fn _PyDict_GetItemStringWithError(op: *mut PyObject, k: *const c_char) -> *mut PyObject {
    guard(|| unsafe {
        let key = crate::objects::unicodeobject::from_str(cstr(k)?)?;
        d::get_item_borrowed_err(check_dict(op)?, key.as_ptr())
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyDict_DelItem(op: *mut PyObject, k: *mut PyObject) -> c_int {
    guard_unit(|| unsafe { d::del_item(check_dict(op)?, nonnull(k)?) })
}
#[no_mangle]
pub unsafe extern "C" fn PyDict_DelItemString(op: *mut PyObject, k: *const c_char) -> c_int {
    guard_unit(|| unsafe {
        let key = crate::objects::unicodeobject::from_str(cstr(k)?)?;
        d::del_item(check_dict(op)?, key.as_ptr())
    })
}
/// Does nothing for a non-dict, as CPython.
#[no_mangle]
pub unsafe extern "C" fn PyDict_Clear(op: *mut PyObject) {
    unsafe {
        if !op.is_null() && d::is_dict(op) {
            d::clear_dict(op);
        }
    }
}
/// Iterate: borrowed key/value (either out-pointer may be NULL); 0 at the end.
#[no_mangle]
pub unsafe extern "C" fn PyDict_Next(op: *mut PyObject, pos: *mut Py_ssize_t, k: *mut *mut PyObject, v: *mut *mut PyObject) -> c_int {
    unsafe { _PyDict_Next(op, pos, k, v, core::ptr::null_mut()) }
}
/// `PyDict_Next` that also reports the stored hash.
#[no_mangle]
pub unsafe extern "C" fn _PyDict_Next(
    op: *mut PyObject,
    pos: *mut Py_ssize_t,
    k: *mut *mut PyObject,
    v: *mut *mut PyObject,
    h: *mut Py_hash_t,
) -> c_int {
    unsafe {
        if op.is_null() || pos.is_null() || !d::is_dict(op) {
            return 0;
        }
        match d::next(op, &mut *pos) {
            Some((key, value, hash)) => {
                if !k.is_null() {
                    *k = key;
                }
                if !v.is_null() {
                    *v = value;
                }
                if !h.is_null() {
                    *h = hash;
                }
                1
            }
            None => 0,
        }
    }
}
/// New list of the keys.
#[no_mangle]
pub unsafe extern "C" fn PyDict_Keys(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { d::keys_list(check_dict(op)?) })
}
#[no_mangle]
pub unsafe extern "C" fn PyDict_Values(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { d::values_list(check_dict(op)?) })
}
/// New list of (key, value) tuples.
#[no_mangle]
pub unsafe extern "C" fn PyDict_Items(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { d::items_list(check_dict(op)?) })
}
#[no_mangle]
pub unsafe extern "C" fn PyDict_Copy(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { d::copy(check_dict(op)?) })
}
/// Merge a dict or any mapping with `keys()` into `a`.
#[no_mangle]
pub unsafe extern "C" fn PyDict_Merge(a: *mut PyObject, b: *mut PyObject, override_: c_int) -> c_int {
    guard_unit(|| unsafe {
        check_dict(a)?;
        d::merge(a, nonnull(b)?, override_ != 0)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyDict_Update(a: *mut PyObject, b: *mut PyObject) -> c_int {
    unsafe { PyDict_Merge(a, b, 1) }
}
#[no_mangle]
pub unsafe extern "C" fn PyDict_MergeFromSeq2(a: *mut PyObject, seq2: *mut PyObject, override_: c_int) -> c_int {
    guard_unit(|| unsafe {
        check_dict(a)?;
        d::merge_from_seq2(a, nonnull(seq2)?, override_ != 0)
    })
}
/// 1 if present, 0 if not, -1 on error.
#[no_mangle]
pub unsafe extern "C" fn PyDict_Contains(op: *mut PyObject, k: *mut PyObject) -> c_int {
    guard(|| unsafe { Ok(d::get_item(check_dict(op)?, nonnull(k)?)?.is_some() as c_int) })
}
/// Borrowed reference to the stored value (inserting `default` if missing).
#[no_mangle]
pub unsafe extern "C" fn PyDict_SetDefault(op: *mut PyObject, k: *mut PyObject, default: *mut PyObject) -> *mut PyObject {
    guard(|| unsafe {
        check_dict(op)?;
        d::set_default_borrowed(op, nonnull(k)?, nonnull(default)?)
    })
}
/// New reference or NULL (no error when missing) — `dict.pop` without default.
#[no_mangle]
pub unsafe extern "C" fn _PyDict_Pop(op: *mut PyObject, k: *mut PyObject, deflt: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        match d::pop_item(check_dict(op)?, nonnull(k)?)? {
            Some(v) => Ok(v),
            None if !deflt.is_null() => Ok(Owned::from_borrowed(deflt)),
            None => Err(errors::key_error(k)),
        }
    })
}
/// New dict presized for `minused` items (CPython's private API, used by Cython).
#[no_mangle]
pub unsafe extern "C" fn _PyDict_NewPresized(minused: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| d::new_presized_cpython(minused))
}
/// Borrowed; NULL without an exception when missing. The hash is the caller's.
#[no_mangle]
pub unsafe extern "C" fn _PyDict_GetItem_KnownHash(op: *mut PyObject, k: *mut PyObject, hash: Py_hash_t) -> *mut PyObject {
    guard(|| unsafe {
        check_dict(op)?;
        Ok(match d::get_item_hash(op, nonnull(k)?, hash)? {
            Some(v) => v.as_ptr(), // the dict keeps it alive
            None => core::ptr::null_mut(),
        })
    })
}
#[no_mangle]
pub unsafe extern "C" fn _PyDict_SetItem_KnownHash(op: *mut PyObject, k: *mut PyObject, v: *mut PyObject, hash: Py_hash_t) -> c_int {
    guard_unit(|| unsafe {
        check_dict(op)?;
        d::set_item_hash(op, nonnull(k)?, hash, nonnull(v)?)
    })
}
#[no_mangle]
pub unsafe extern "C" fn _PyDict_Contains_KnownHash(op: *mut PyObject, k: *mut PyObject, hash: Py_hash_t) -> c_int {
    guard(|| unsafe { Ok(d::contains_hash(check_dict(op)?, nonnull(k)?, hash)? as c_int) })
}
/// CPython 3.13's `PyDict_GetItemRef`: 1 and a new reference in `*result`,
/// 0 and NULL when missing, -1 on error.
#[no_mangle]
pub unsafe extern "C" fn PyDict_GetItemRef(op: *mut PyObject, k: *mut PyObject, result: *mut *mut PyObject) -> c_int {
    unsafe {
        if !result.is_null() {
            *result = core::ptr::null_mut();
        }
        guard(|| {
            check_dict(op)?;
            nonnull(result)?;
            match d::get_item(op, nonnull(k)?)? {
                Some(v) => {
                    *result = v.into_raw();
                    Ok(1)
                }
                None => Ok(0),
            }
        })
    }
}
