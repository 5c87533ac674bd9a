//! temporary: to be replaced by the owning area's implementation at merge.
//!
//! The C shims (`src/shims/*.c`: getargs, Py_BuildValue, the call helpers,
//! PyUnicode_FromFormat) call only public C API functions. Those that did not
//! exist yet on the `shims` branch are given here in the smallest correct
//! form: a few integer conversions, a minimal `complex` (creation, dealloc,
//! repr), and `PyDict_Next` / `PySequence_*`. (The bytes, bytearray, buffer
//! and str items that were here moved to their owners in the strings work.) When the owning areas merge, every item
//! here that they define is deleted (same names, same signatures).
use crate::objects::complexobject::{PyComplexObject, Py_complex};
use crate::objects::longobject::{self as l, PyLongObject, PyLong_SHIFT};
use crate::objects::object::*;
use crate::objects::unicodeobject as u;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard, guard_obj, nonnull};
use core::mem::size_of;
use libc::{c_int, c_longlong, c_ulong, c_ulonglong};

/// The static types defined here, readied at start-up.
pub fn static_types() -> Vec<*mut PyTypeObject> {
    vec![&raw mut PyComplex_Type]
}

// ---------------------------------------------------------------- int

#[no_mangle]
pub unsafe extern "C" fn PyLong_FromUnsignedLong(v: c_ulong) -> *mut PyObject {
    guard_obj(|| l::from_u64(v as u64))
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromLongLong(v: c_longlong) -> *mut PyObject {
    guard_obj(|| l::from_i64(v))
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromUnsignedLongLong(v: c_ulonglong) -> *mut PyObject {
    guard_obj(|| l::from_u64(v))
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromSize_t(v: usize) -> *mut PyObject {
    guard_obj(|| l::from_u64(v as u64))
}
#[no_mangle]
pub unsafe extern "C" fn PyNumber_Index(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { crate::objects::abstract_number::index(nonnull(op)?) })
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsLongLong(op: *mut PyObject) -> c_longlong {
    guard(|| unsafe {
        let i = crate::objects::abstract_number::index(nonnull(op)?)?;
        match l::as_i128(i.as_ptr()) {
            Some(v) if v >= i64::MIN as i128 && v <= i64::MAX as i128 => Ok(v as i64),
            _ => Err(errors::overflow_error("int too big to convert")),
        }
    })
}

/// The low 64 bits of an int in two's complement (any size).
unsafe fn low_bits(op: *mut PyObject) -> u64 {
    unsafe {
        let n = Py_SIZE(op);
        let p = op as *mut PyLongObject;
        let mut acc: u64 = 0;
        for i in (0..n.unsigned_abs()).rev() {
            acc = (acc << PyLong_SHIFT) | *(*p).ob_digit.as_ptr().add(i) as u64;
        }
        if n < 0 {
            acc.wrapping_neg()
        } else {
            acc
        }
    }
}
unsafe fn as_mask(op: *mut PyObject) -> PyResult<u64> {
    unsafe {
        let i = crate::objects::abstract_number::index(nonnull(op)?)?;
        Ok(low_bits(i.as_ptr()))
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsUnsignedLongMask(op: *mut PyObject) -> c_ulong {
    guard(|| unsafe { as_mask(op).map(|v| v as c_ulong) })
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsUnsignedLongLongMask(op: *mut PyObject) -> c_ulonglong {
    guard(|| unsafe { as_mask(op).map(|v| v as c_ulong) })
}

// ---------------------------------------------------------------- complex

unsafe extern "C" fn plain_dealloc(op: *mut PyObject) {
    unsafe { crate::objects::typeobject::free_instance(op) }
}

#[no_mangle]
pub static mut PyComplex_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_MATCH_SELF,
    tp_dealloc: Some(plain_dealloc),
    tp_repr: Some(complex_repr),
    ..PyTypeObject::new(c"complex", size_of::<PyComplexObject>(), 0)
};

/// `repr` of one part: shortest round-trip digits, no trailing `.0`.
fn part_repr(x: f64) -> String {
    if x.is_nan() {
        "nan".into()
    } else if x.is_infinite() {
        if x > 0.0 { "inf".into() } else { "-inf".into() }
    } else {
        format!("{}", x)
    }
}
unsafe extern "C" fn complex_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let c = (*(op as *mut PyComplexObject)).cval;
        let im = part_repr(c.imag);
        let s = if c.real == 0.0 && c.real.is_sign_positive() {
            format!("{}j", im)
        } else {
            let sign = if c.imag.is_sign_negative() || c.imag.is_nan() && im.starts_with('-') { "" } else { "+" };
            format!("({}{}{}j)", part_repr(c.real), sign, im)
        };
        u::from_str(&s)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyComplex_FromCComplex(c: Py_complex) -> *mut PyObject {
    guard_obj(|| unsafe {
        let o = crate::objects::typeobject::generic_alloc(&raw mut PyComplex_Type, 0)?;
        (*(o.as_ptr() as *mut PyComplexObject)).cval = c;
        Ok(o)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyComplex_FromDoubles(real: f64, imag: f64) -> *mut PyObject {
    unsafe { PyComplex_FromCComplex(Py_complex { real, imag }) }
}
/// `complex` instances give their value; anything else goes through `float`
/// (the `__complex__` protocol comes with the full complex type).
#[no_mangle]
pub unsafe extern "C" fn PyComplex_AsCComplex(op: *mut PyObject) -> Py_complex {
    let bad = Py_complex { real: -1.0, imag: 0.0 };
    unsafe {
        if op.is_null() {
            let _ = errors::bad_internal_call();
            return bad;
        }
        if crate::objects::typeobject::type_check(op, &raw mut PyComplex_Type) {
            return (*(op as *mut PyComplexObject)).cval;
        }
        let real = guard(|| crate::objects::abstract_number::as_f64(op));
        if real == -1.0 && !errors::occurred().is_null() {
            return bad;
        }
        Py_complex { real, imag: 0.0 }
    }
}

// ---------------------------------------------------------------- dict, sequence

/// `PyDict_Next`: borrowed key and value.
#[no_mangle]
pub unsafe extern "C" fn PyDict_Next(
    op: *mut PyObject,
    pos: *mut Py_ssize_t,
    key: *mut *mut PyObject,
    value: *mut *mut PyObject,
) -> c_int {
    unsafe {
        if op.is_null() || !crate::objects::dictobject::is_dict(op) || pos.is_null() {
            return 0;
        }
        match crate::objects::dictobject::next(op, &mut *pos) {
            Some((k, v, _)) => {
                if !key.is_null() {
                    *key = k;
                }
                if !value.is_null() {
                    *value = v;
                }
                1
            }
            None => 0,
        }
    }
}
