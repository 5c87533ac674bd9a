//! `Include/complexobject.h`.
use crate::objects::complexobject::{self as c, Py_complex};
use crate::objects::object::*;
use crate::runtime::errors;
use crate::runtime::ffi::{guard, guard_obj, nonnull, CReturn};

impl CReturn for Py_complex {
    fn error() -> Self {
        Py_complex { real: -1.0, imag: 0.0 }
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyComplex_FromDoubles(real: f64, imag: f64) -> *mut PyObject {
    guard_obj(|| c::from_doubles(real, imag))
}

#[no_mangle]
pub unsafe extern "C" fn PyComplex_FromCComplex(v: Py_complex) -> *mut PyObject {
    guard_obj(|| c::from_c(v))
}

/// The real part of a complex, else `PyFloat_AsDouble(op)`.
#[no_mangle]
pub unsafe extern "C" fn PyComplex_RealAsDouble(op: *mut PyObject) -> f64 {
    guard(|| unsafe {
        if op.is_null() {
            return Err(errors::bad_argument());
        }
        if c::is_complex(op) {
            return Ok(c::cval(op).real);
        }
        crate::objects::abstract_number::as_f64(op)
    })
}

/// The imaginary part of a complex, else 0.0 (no error, as CPython 3.11).
#[no_mangle]
pub unsafe extern "C" fn PyComplex_ImagAsDouble(op: *mut PyObject) -> f64 {
    unsafe {
        if !op.is_null() && c::is_complex(op) {
            c::cval(op).imag
        } else {
            0.0
        }
    }
}

/// `__complex__`, else `(PyFloat_AsDouble(op), 0)`; on error real is -1.0.
#[no_mangle]
pub unsafe extern "C" fn PyComplex_AsCComplex(op: *mut PyObject) -> Py_complex {
    guard(|| unsafe { c::as_c(nonnull(op)?) })
}
