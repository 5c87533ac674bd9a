//! `Include/floatobject.h`.
use crate::objects::floatobject as f;
use crate::objects::object::*;
use crate::runtime::errors;
use crate::runtime::ffi::{guard, guard_obj};

#[no_mangle]
pub unsafe extern "C" fn PyFloat_FromDouble(v: f64) -> *mut PyObject {
    guard_obj(|| f::from_f64(v))
}

/// `PyFloat_AsDouble`: `__float__`, else `__index__`; NULL → TypeError as
/// `PyErr_BadArgument`.
#[no_mangle]
pub unsafe extern "C" fn PyFloat_AsDouble(op: *mut PyObject) -> f64 {
    guard(|| unsafe {
        if op.is_null() {
            return Err(errors::bad_argument());
        }
        crate::objects::abstract_number::as_f64(op)
    })
}

/// `PyFloat_FromString(str_or_bytes)`.
#[no_mangle]
pub unsafe extern "C" fn PyFloat_FromString(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let op = crate::runtime::ffi::nonnull(op)?;
        if crate::objects::unicodeobject::is_str(op) {
            let s = crate::objects::unicodeobject::to_string_lossy(op);
            return f::from_f64(f::from_str_obj(op, &s)?);
        }
        if let Some(b) = crate::objects::longobject::bytes_content(op) {
            let s = String::from_utf8_lossy(b).into_owned();
            return f::from_f64(f::from_str_obj(op, &s)?);
        }
        Err(errors::type_error(format!(
            "float() argument must be a string or a real number, not '{}'",
            crate::objects::typeobject::type_name_str((*op).ob_type)
        )))
    })
}

#[no_mangle]
pub extern "C" fn PyFloat_GetMax() -> f64 {
    f64::MAX
}

#[no_mangle]
pub extern "C" fn PyFloat_GetMin() -> f64 {
    f64::MIN_POSITIVE
}
