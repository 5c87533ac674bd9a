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

/// IEEE half precision of `x`, rounded half to even (None: too large).
fn to_half_bits(x: f64) -> Option<u16> {
    let sign: u16 = if x.is_sign_negative() { 0x8000 } else { 0 };
    if x == 0.0 {
        return Some(sign);
    }
    if x.is_infinite() {
        return Some(sign | 0x7c00);
    }
    if x.is_nan() {
        return Some(sign | 0x7e00);
    }
    let (mut f, mut e) = crate::runtime::pyhash::frexp(x.abs());
    f *= 2.0;
    e -= 1;
    if e >= 16 {
        return None;
    } else if e < -25 {
        f = 0.0;
        e = 0;
    } else if e < -14 {
        f = crate::objects::longobject::ldexp(f, 14 + e);
        e = 0;
    } else {
        e += 15;
        f -= 1.0;
    }
    f *= 1024.0;
    let mut bits = f as u16;
    let rest = f - bits as f64;
    if rest > 0.5 || (rest == 0.5 && bits % 2 == 1) {
        bits += 1;
        if bits == 1024 {
            bits = 0;
            e += 1;
            if e == 31 {
                return None;
            }
        }
    }
    Some(sign | ((e as u16) << 10) | bits)
}

fn from_half_bits(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let e = ((h >> 10) & 0x1f) as i32;
    let f = (h & 0x3ff) as f64;
    let v = if e == 0x1f {
        if f == 0.0 { f64::INFINITY } else { f64::NAN }
    } else if e == 0 {
        crate::objects::longobject::ldexp(f / 1024.0, -14)
    } else {
        crate::objects::longobject::ldexp(1.0 + f / 1024.0, e - 15)
    };
    sign * v
}

unsafe fn put(bytes: &[u8], p: *mut libc::c_uchar, le: libc::c_int) {
    unsafe {
        for (i, &b) in bytes.iter().enumerate() {
            let j = if le != 0 { i } else { bytes.len() - 1 - i };
            *p.add(j) = b;
        }
    }
}

unsafe fn get<const N: usize>(p: *const libc::c_uchar, le: libc::c_int) -> [u8; N] {
    let mut out = [0u8; N];
    for (i, o) in out.iter_mut().enumerate() {
        let j = if le != 0 { i } else { N - 1 - i };
        *o = unsafe { *p.add(j) };
    }
    out
}

/// `PyFloat_Pack2`: IEEE half precision, little-endian when `le`.
#[no_mangle]
pub unsafe extern "C" fn PyFloat_Pack2(x: f64, p: *mut libc::c_uchar, le: libc::c_int) -> libc::c_int {
    crate::runtime::ffi::guard_unit(|| unsafe {
        let p = crate::runtime::ffi::nonnull(p)?;
        match to_half_bits(x) {
            Some(h) => {
                put(&h.to_le_bytes(), p, le);
                Ok(())
            }
            None => Err(errors::overflow_error("float too large to pack with e format")),
        }
    })
}

/// `PyFloat_Pack4`: IEEE single precision.
#[no_mangle]
pub unsafe extern "C" fn PyFloat_Pack4(x: f64, p: *mut libc::c_uchar, le: libc::c_int) -> libc::c_int {
    crate::runtime::ffi::guard_unit(|| unsafe {
        let p = crate::runtime::ffi::nonnull(p)?;
        let y = x as f32;
        if y.is_infinite() && x.is_finite() {
            return Err(errors::overflow_error("float too large to pack with f format"));
        }
        put(&y.to_le_bytes(), p, le);
        Ok(())
    })
}

/// `PyFloat_Pack8`: IEEE double precision.
#[no_mangle]
pub unsafe extern "C" fn PyFloat_Pack8(x: f64, p: *mut libc::c_uchar, le: libc::c_int) -> libc::c_int {
    crate::runtime::ffi::guard_unit(|| unsafe {
        let p = crate::runtime::ffi::nonnull(p)?;
        put(&x.to_le_bytes(), p, le);
        Ok(())
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyFloat_Unpack2(p: *const libc::c_uchar, le: libc::c_int) -> f64 {
    unsafe { from_half_bits(u16::from_le_bytes(get::<2>(p, le))) }
}

#[no_mangle]
pub unsafe extern "C" fn PyFloat_Unpack4(p: *const libc::c_uchar, le: libc::c_int) -> f64 {
    unsafe { f32::from_le_bytes(get::<4>(p, le)) as f64 }
}

#[no_mangle]
pub unsafe extern "C" fn PyFloat_Unpack8(p: *const libc::c_uchar, le: libc::c_int) -> f64 {
    unsafe { f64::from_le_bytes(get::<8>(p, le)) }
}
