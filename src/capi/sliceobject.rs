//! `Include/sliceobject.h`: slices and the index arithmetic of sequences.
use crate::objects::object::*;
use crate::objects::sliceobject as sl;
use crate::runtime::errors;
use crate::runtime::ffi::{guard, guard_obj, nonnull};
use libc::c_int;

/// New reference; null arguments mean `None`.
#[no_mangle]
pub unsafe extern "C" fn PySlice_New(start: *mut PyObject, stop: *mut PyObject, step: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { sl::new_slice(start, stop, step) })
}

unsafe fn check_slice(op: *mut PyObject) -> crate::PyResult<*mut PyObject> {
    let op = nonnull(op)?;
    if unsafe { !sl::is_slice(op) } {
        return Err(errors::bad_internal_call());
    }
    Ok(op)
}

/// `PySlice_Unpack`: 0 on success, -1 with an exception.
#[no_mangle]
pub unsafe extern "C" fn PySlice_Unpack(
    slice: *mut PyObject,
    start: *mut Py_ssize_t,
    stop: *mut Py_ssize_t,
    step: *mut Py_ssize_t,
) -> c_int {
    guard(|| unsafe {
        let s = check_slice(slice)?;
        let (a, b, c) = sl::unpack(s)?;
        *start = a;
        *stop = b;
        *step = c;
        Ok(0)
    })
}

/// `PySlice_AdjustIndices`: clip to `length`, return the slice length.
#[no_mangle]
pub unsafe extern "C" fn PySlice_AdjustIndices(
    length: Py_ssize_t,
    start: *mut Py_ssize_t,
    stop: *mut Py_ssize_t,
    step: Py_ssize_t,
) -> Py_ssize_t {
    guard(|| unsafe { Ok(sl::adjust_indices(length, &mut *start, &mut *stop, step)) })
}

/// `PySlice_GetIndicesEx`: unpack and adjust; `*slicelength` = 0 on error.
#[no_mangle]
pub unsafe extern "C" fn PySlice_GetIndicesEx(
    slice: *mut PyObject,
    length: Py_ssize_t,
    start: *mut Py_ssize_t,
    stop: *mut Py_ssize_t,
    step: *mut Py_ssize_t,
    slicelength: *mut Py_ssize_t,
) -> c_int {
    guard(|| unsafe {
        if !slicelength.is_null() {
            *slicelength = 0;
        }
        let s = check_slice(slice)?;
        let (a, b, c, n) = sl::get_indices_ex(s, length)?;
        *start = a;
        *stop = b;
        *step = c;
        if !slicelength.is_null() {
            *slicelength = n;
        }
        Ok(0)
    })
}

/// The old `PySlice_GetIndices`: -1 (without an exception for bad values,
/// as CPython) when the indices are not plain in-range ints.
#[no_mangle]
pub unsafe extern "C" fn PySlice_GetIndices(
    slice: *mut PyObject,
    length: Py_ssize_t,
    start: *mut Py_ssize_t,
    stop: *mut Py_ssize_t,
    step: *mut Py_ssize_t,
) -> c_int {
    guard(|| unsafe {
        let s = check_slice(slice)?;
        match sl::get_indices(s, length) {
            Some((a, b, c)) => {
                *start = a;
                *stop = b;
                *step = c;
                Ok(0)
            }
            None => Ok(-1),
        }
    })
}
