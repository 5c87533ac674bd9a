//! `Include/abstract.h`: the sequence and mapping protocols, `PyObject_Format`,
//! `PyObject_Dir`, `PyObject_Print`, `PyObject_LengthHint` and the
//! non-variadic method-call helpers. Wrappers over `objects::abstract_`.
use crate::objects::abstract_ as ab;
use crate::objects::abstract_::IterSearch;
use crate::objects::object::*;
use crate::objects::unicodeobject;
use crate::runtime::errors;
use crate::runtime::ffi::{cstr, guard, guard_obj, guard_unit};
use libc::{c_char, c_int};

use crate::runtime::ffi::nonnull_arg as nn;

#[no_mangle]
pub unsafe extern "C" fn PySequence_Check(o: *mut PyObject) -> c_int {
    unsafe { (!o.is_null() && ab::sequence_check(o)) as c_int }
}

#[no_mangle]
pub unsafe extern "C" fn PySequence_Size(o: *mut PyObject) -> Py_ssize_t {
    guard(|| unsafe { ab::sequence_size(nn(o)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PySequence_Length(o: *mut PyObject) -> Py_ssize_t {
    unsafe { PySequence_Size(o) }
}

#[no_mangle]
pub unsafe extern "C" fn PySequence_Concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { ab::sequence_concat(nn(a)?, nn(b)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PySequence_Repeat(o: *mut PyObject, count: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe { ab::sequence_repeat(nn(o)?, count) })
}

#[no_mangle]
pub unsafe extern "C" fn PySequence_InPlaceConcat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { ab::sequence_inplace_concat(nn(a)?, nn(b)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PySequence_InPlaceRepeat(o: *mut PyObject, count: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe { ab::sequence_inplace_repeat(nn(o)?, count) })
}

/// New reference to `o[i]` (negative `i` counts from the end).
#[no_mangle]
pub unsafe extern "C" fn PySequence_GetItem(o: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe { ab::sequence_get_item(nn(o)?, i) })
}

#[no_mangle]
pub unsafe extern "C" fn PySequence_GetSlice(o: *mut PyObject, i1: Py_ssize_t, i2: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe { ab::sequence_get_slice(nn(o)?, i1, i2) })
}

/// `o[i] = v` (does not steal `v`).
#[no_mangle]
pub unsafe extern "C" fn PySequence_SetItem(o: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        if v.is_null() {
            return Err(crate::runtime::ffi::null_error());
        }
        ab::sequence_set_item(nn(o)?, i, v)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PySequence_DelItem(o: *mut PyObject, i: Py_ssize_t) -> c_int {
    guard_unit(|| unsafe { ab::sequence_set_item(nn(o)?, i, core::ptr::null_mut()) })
}

#[no_mangle]
pub unsafe extern "C" fn PySequence_SetSlice(o: *mut PyObject, i1: Py_ssize_t, i2: Py_ssize_t, v: *mut PyObject) -> c_int {
    guard_unit(|| unsafe { ab::sequence_set_slice(nn(o)?, i1, i2, v) })
}

#[no_mangle]
pub unsafe extern "C" fn PySequence_DelSlice(o: *mut PyObject, i1: Py_ssize_t, i2: Py_ssize_t) -> c_int {
    guard_unit(|| unsafe { ab::sequence_set_slice(nn(o)?, i1, i2, core::ptr::null_mut()) })
}

#[no_mangle]
pub unsafe extern "C" fn PySequence_Tuple(o: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { ab::sequence_tuple(nn(o)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PySequence_List(o: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { ab::sequence_list(nn(o)?) })
}

/// `o` itself if it is an exact list or tuple, else a new list; TypeError `m`
/// for non-iterables.
#[no_mangle]
pub unsafe extern "C" fn PySequence_Fast(o: *mut PyObject, m: *const c_char) -> *mut PyObject {
    guard_obj(|| unsafe {
        let msg = if m.is_null() { "" } else { cstr(m)? };
        ab::sequence_fast(nn(o)?, msg)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PySequence_Count(o: *mut PyObject, value: *mut PyObject) -> Py_ssize_t {
    guard(|| unsafe { ab::iter_search(nn(o)?, nn(value)?, IterSearch::Count) })
}

#[no_mangle]
pub unsafe extern "C" fn PySequence_Index(o: *mut PyObject, value: *mut PyObject) -> Py_ssize_t {
    guard(|| unsafe { ab::iter_search(nn(o)?, nn(value)?, IterSearch::Index) })
}

#[no_mangle]
pub unsafe extern "C" fn PySequence_Contains(o: *mut PyObject, value: *mut PyObject) -> c_int {
    guard(|| unsafe {
        let o = nn(o)?;
        let has = (*(*o).ob_type).tp_as_sequence.as_ref().is_some_and(|s| s.sq_contains.is_some());
        if has {
            return Ok(ab::contains(o, value)? as c_int);
        }
        Ok(ab::iter_search(o, value, IterSearch::Contains)? as c_int)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PySequence_In(o: *mut PyObject, value: *mut PyObject) -> c_int {
    unsafe { PySequence_Contains(o, value) }
}

#[no_mangle]
pub unsafe extern "C" fn PyMapping_Check(o: *mut PyObject) -> c_int {
    unsafe { (!o.is_null() && ab::mapping_check(o)) as c_int }
}

#[no_mangle]
pub unsafe extern "C" fn PyMapping_Size(o: *mut PyObject) -> Py_ssize_t {
    guard(|| unsafe { ab::mapping_size(nn(o)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyMapping_Length(o: *mut PyObject) -> Py_ssize_t {
    unsafe { PyMapping_Size(o) }
}

/// 1 if `o[key]` succeeds; any error is cleared (as CPython 3.11).
#[no_mangle]
pub unsafe extern "C" fn PyMapping_HasKey(o: *mut PyObject, key: *mut PyObject) -> c_int {
    unsafe {
        if o.is_null() || key.is_null() {
            return 0;
        }
        match ab::get_item(o, key) {
            Ok(_) => 1,
            Err(_) => {
                errors::clear();
                0
            }
        }
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyMapping_HasKeyString(o: *mut PyObject, key: *const c_char) -> c_int {
    unsafe {
        let v = PyMapping_GetItemString(o, key);
        if v.is_null() {
            errors::clear();
            return 0;
        }
        drop(crate::objects::pyref::Owned::from_raw_nonnull(v));
        1
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyMapping_GetItemString(o: *mut PyObject, key: *const c_char) -> *mut PyObject {
    guard_obj(|| unsafe {
        if key.is_null() {
            return Err(crate::runtime::ffi::null_error());
        }
        let k = unicodeobject::from_str(cstr(key)?)?;
        ab::get_item(nn(o)?, k.as_ptr())
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyMapping_SetItemString(o: *mut PyObject, key: *const c_char, v: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        if key.is_null() || v.is_null() {
            return Err(crate::runtime::ffi::null_error());
        }
        let k = unicodeobject::from_str(cstr(key)?)?;
        ab::set_item(nn(o)?, k.as_ptr(), v)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyMapping_DelItem(o: *mut PyObject, key: *mut PyObject) -> c_int {
    guard_unit(|| unsafe { ab::set_item(nn(o)?, nn(key)?, core::ptr::null_mut()) })
}

#[no_mangle]
pub unsafe extern "C" fn PyMapping_DelItemString(o: *mut PyObject, key: *const c_char) -> c_int {
    guard_unit(|| unsafe {
        if key.is_null() {
            return Err(crate::runtime::ffi::null_error());
        }
        let k = unicodeobject::from_str(cstr(key)?)?;
        ab::set_item(nn(o)?, k.as_ptr(), core::ptr::null_mut())
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyMapping_Keys(o: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { ab::mapping_method_list(nn(o)?, "keys") })
}

#[no_mangle]
pub unsafe extern "C" fn PyMapping_Values(o: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { ab::mapping_method_list(nn(o)?, "values") })
}

#[no_mangle]
pub unsafe extern "C" fn PyMapping_Items(o: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { ab::mapping_method_list(nn(o)?, "items") })
}

/// `format(obj, spec)`; a NULL spec means "".
#[no_mangle]
pub unsafe extern "C" fn PyObject_Format(obj: *mut PyObject, spec: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { ab::format(nn(obj)?, spec) })
}

/// Sorted `dir(obj)`; NULL (the caller's locals) needs a frame: SystemError.
#[no_mangle]
pub unsafe extern "C" fn PyObject_Dir(obj: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { ab::dir(obj) })
}

pub const Py_PRINT_RAW: c_int = 1;

/// Write `repr(op)` (or `str(op)` with `Py_PRINT_RAW`) to `fp`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_Print(op: *mut PyObject, fp: *mut libc::FILE, flags: c_int) -> c_int {
    guard(|| unsafe {
        if fp.is_null() {
            return Err(errors::bad_internal_call());
        }
        let text = if op.is_null() {
            "<nil>".to_string()
        } else if (*op).ob_refcnt <= 0 {
            format!("<refcnt {} at {:p}>", (*op).ob_refcnt, op)
        } else {
            let s = if flags & Py_PRINT_RAW != 0 { ab::str(op)? } else { ab::repr(op)? };
            String::from_utf8_lossy(unicodeobject::as_utf8(s.as_ptr())?).into_owned()
        };
        *libc::__errno_location() = 0;
        libc::fwrite(text.as_ptr() as *const libc::c_void, 1, text.len(), fp);
        if libc::ferror(fp) != 0 {
            let e = *libc::__errno_location();
            libc::clearerr(fp);
            return Err(crate::objects::exceptions::os_error_from_errno(e, core::ptr::null_mut(), core::ptr::null_mut()));
        }
        Ok(0)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_LengthHint(o: *mut PyObject, default: Py_ssize_t) -> Py_ssize_t {
    guard(|| unsafe { ab::length_hint(nn(o)?, default) })
}

/// `obj.name()` (`name` a str object).
#[no_mangle]
pub unsafe extern "C" fn PyObject_CallMethodNoArgs(obj: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let m = ab::getattr(nn(obj)?, nn(name)?)?;
        ab::call_function(m.as_ptr(), &[])
    })
}

/// `obj.name(arg)`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_CallMethodOneArg(obj: *mut PyObject, name: *mut PyObject, arg: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let m = ab::getattr(nn(obj)?, nn(name)?)?;
        ab::call_function(m.as_ptr(), &[nn(arg)?])
    })
}
