//! `Include/floatobject.h`.
use crate::objects::floatobject as f;
use crate::objects::object::*;
use crate::runtime::ffi::{guard, guard_obj, nonnull};

#[no_mangle]
pub unsafe extern "C" fn PyFloat_FromDouble(v: f64) -> *mut PyObject {
    guard_obj(|| f::from_f64(v))
}
#[no_mangle]
pub unsafe extern "C" fn PyFloat_AsDouble(op: *mut PyObject) -> f64 {
    guard(|| unsafe { crate::objects::abstract_number::as_f64(nonnull(op)?) })
}
