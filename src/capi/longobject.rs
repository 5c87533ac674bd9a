//! `Include/longobject.h` (and `boolobject.h`).
use crate::objects::longobject as l;
use crate::objects::object::*;
use crate::runtime::errors;
use crate::runtime::ffi::{guard, guard_obj, nonnull};
use libc::c_long;

#[no_mangle]
pub unsafe extern "C" fn PyLong_FromLong(v: c_long) -> *mut PyObject {
    guard_obj(|| l::from_i64(v))
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromSsize_t(v: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| l::from_isize(v))
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsLong(op: *mut PyObject) -> c_long {
    guard(|| unsafe {
        let i = crate::objects::abstract_number::index(nonnull(op)?)?;
        match l::as_i128(i.as_ptr()) {
            Some(v) if v >= c_long::MIN as i128 && v <= c_long::MAX as i128 => Ok(v as c_long),
            _ => Err(errors::overflow_error("Python int too large to convert to C long")),
        }
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsSsize_t(op: *mut PyObject) -> Py_ssize_t {
    guard(|| unsafe {
        nonnull(op)?;
        if !l::is_long(op) {
            return Err(errors::type_error("an integer is required"));
        }
        match l::as_i128(op) {
            Some(v) if v >= isize::MIN as i128 && v <= isize::MAX as i128 => Ok(v as isize),
            _ => Err(errors::overflow_error("Python int too large to convert to C ssize_t")),
        }
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyBool_FromLong(v: c_long) -> *mut PyObject {
    unsafe { crate::objects::boolobject::from_bool(v != 0) }
}
