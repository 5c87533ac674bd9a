//! `Include/longobject.h` (and `boolobject.h`): conversions between C integers
//! and `int`, with CPython 3.11's rules — the `PyLong_AsLong` family calls
//! `__index__`, the unsigned/size_t/ssize_t/double forms require an `int` —
//! and its exact error messages.
use crate::objects::longobject as l;
use crate::objects::object::*;
use crate::objects::pyref::Owned;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard, guard_obj, nonnull, nonnull_c};
use libc::{c_char, c_int, c_long, c_longlong, c_uchar, c_ulong, c_ulonglong, c_void};

#[no_mangle]
pub unsafe extern "C" fn PyLong_FromLong(v: c_long) -> *mut PyObject {
    // Cached small ints without entering the guard (no frame to set up).
    let p = l::small_new_ref(v);
    if !p.is_null() {
        return p;
    }
    from_long_guarded(v)
}
/// The rest of PyLong_FromLong; `extern "C"` (cannot unwind: the guard
/// catches panics) so the caller reaches it with a tail jump.
#[inline(never)]
extern "C" fn from_long_guarded(v: c_long) -> *mut PyObject {
    guard_obj(|| l::from_i64(v))
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromUnsignedLong(v: c_ulong) -> *mut PyObject {
    guard_obj(|| l::from_u64(v))
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
pub unsafe extern "C" fn PyLong_FromSsize_t(v: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| l::from_isize(v))
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromSize_t(v: usize) -> *mut PyObject {
    guard_obj(|| l::from_u64(v as u64))
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromDouble(v: f64) -> *mut PyObject {
    guard_obj(|| l::from_f64(v))
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromVoidPtr(p: *mut c_void) -> *mut PyObject {
    guard_obj(|| l::from_u64(p as usize as u64))
}

/// `PyLong_FromString(str, pend, base)`: the whole string must be a literal
/// (surrounding whitespace allowed); `*pend` is set to its end.
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromString(s: *const c_char, pend: *mut *mut c_char, base: c_int) -> *mut PyObject {
    guard_obj(|| unsafe {
        let s = nonnull_c(s)?;
        if base != 0 && !(2..=36).contains(&base) {
            return Err(errors::value_error("int() arg 2 must be >= 2 and <= 36"));
        }
        let bytes = std::ffi::CStr::from_ptr(s).to_bytes();
        if !pend.is_null() {
            *pend = s.add(bytes.len()) as *mut c_char;
        }
        let text = String::from_utf8_lossy(bytes);
        match l::parse_int(&text, base as u32)? {
            Some(v) => l::from_big(&v),
            None => {
                let shown: String = text.chars().take(200).collect();
                let o = crate::objects::unicodeobject::from_str(&shown)?;
                let r = crate::objects::abstract_::repr_string_checked(o.as_ptr())?;
                Err(errors::value_error(format!("invalid literal for int() with base {}: {}", base, r)))
            }
        }
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyLong_FromUnicodeObject(u: *mut PyObject, base: c_int) -> *mut PyObject {
    guard_obj(|| unsafe {
        let u = nonnull(u)?;
        if base != 0 && !(2..=36).contains(&base) {
            return Err(errors::value_error("int() arg 2 must be >= 2 and <= 36"));
        }
        if !crate::objects::unicodeobject::is_str(u) {
            return Err(errors::bad_internal_call());
        }
        let text = crate::objects::unicodeobject::to_string_lossy(u);
        l::from_str_obj(u, &text, base as u32)
    })
}

/// `__index__` then a range check on the i128 value.
unsafe fn index_i128(op: *mut PyObject) -> PyResult<(Owned, Option<i128>)> {
    unsafe {
        let i = crate::objects::abstract_number::index(nonnull(op)?)?;
        let v = l::as_i128(i.as_ptr());
        Ok((i, v))
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyLong_AsLong(op: *mut PyObject) -> c_long {
    guard(|| unsafe {
        match index_i128(op)?.1 {
            Some(v) if v >= c_long::MIN as i128 && v <= c_long::MAX as i128 => Ok(v as c_long),
            _ => Err(errors::overflow_error("Python int too large to convert to C long")),
        }
    })
}

/// `_PyLong_AsInt` (Cython uses it): `__index__`, then the C int range.
#[no_mangle]
pub unsafe extern "C" fn _PyLong_AsInt(op: *mut PyObject) -> c_int {
    guard(|| unsafe {
        match index_i128(op)?.1 {
            Some(v) if v >= c_int::MIN as i128 && v <= c_int::MAX as i128 => Ok(v as c_int),
            _ => Err(errors::overflow_error("Python int too large to convert to C int")),
        }
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyLong_AsLongAndOverflow(op: *mut PyObject, overflow: *mut c_int) -> c_long {
    guard(|| unsafe {
        let overflow = nonnull(overflow)?;
        *overflow = 0;
        let (i, v) = index_i128(op)?;
        match v {
            Some(v) if v >= c_long::MIN as i128 && v <= c_long::MAX as i128 => Ok(v as c_long),
            _ => {
                *overflow = if Py_SIZE(i.as_ptr()) < 0 { -1 } else { 1 };
                Ok(-1)
            }
        }
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyLong_AsLongLong(op: *mut PyObject) -> c_longlong {
    guard(|| unsafe {
        match index_i128(op)?.1 {
            Some(v) if v >= i64::MIN as i128 && v <= i64::MAX as i128 => Ok(v as c_longlong),
            _ => Err(errors::overflow_error("int too big to convert")),
        }
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyLong_AsLongLongAndOverflow(op: *mut PyObject, overflow: *mut c_int) -> c_longlong {
    unsafe { PyLong_AsLongAndOverflow(op, overflow) }
}

/// The value of an `int` (TypeError "an integer is required" otherwise).
unsafe fn require_int(op: *mut PyObject) -> PyResult<*mut PyObject> {
    unsafe {
        let op = nonnull(op)?;
        if !l::is_long(op) {
            return Err(errors::type_error("an integer is required"));
        }
        Ok(op)
    }
}

unsafe fn as_unsigned(op: *mut PyObject, neg_msg: &str, big_msg: &str) -> PyResult<u64> {
    unsafe {
        let op = require_int(op)?;
        if Py_SIZE(op) < 0 {
            return Err(errors::overflow_error(neg_msg));
        }
        match l::magnitude_u128(op) {
            Some(v) if v <= u64::MAX as u128 => Ok(v as u64),
            _ => Err(errors::overflow_error(big_msg)),
        }
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyLong_AsUnsignedLong(op: *mut PyObject) -> c_ulong {
    guard(|| unsafe {
        as_unsigned(op, "can't convert negative value to unsigned int", "Python int too large to convert to C unsigned long")
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyLong_AsUnsignedLongLong(op: *mut PyObject) -> c_ulonglong {
    guard(|| unsafe { as_unsigned(op, "can't convert negative int to unsigned", "int too big to convert") })
}

#[no_mangle]
pub unsafe extern "C" fn PyLong_AsSize_t(op: *mut PyObject) -> usize {
    guard(|| unsafe {
        as_unsigned(op, "can't convert negative value to size_t", "Python int too large to convert to C size_t").map(|v| v as usize)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyLong_AsUnsignedLongMask(op: *mut PyObject) -> c_ulong {
    guard(|| unsafe {
        let i = crate::objects::abstract_number::index(nonnull(op)?)?;
        Ok(l::as_u64_mask(i.as_ptr()))
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyLong_AsUnsignedLongLongMask(op: *mut PyObject) -> c_ulonglong {
    unsafe { PyLong_AsUnsignedLongMask(op) }
}

#[no_mangle]
pub unsafe extern "C" fn PyLong_AsSsize_t(op: *mut PyObject) -> Py_ssize_t {
    guard(|| unsafe {
        let op = require_int(op)?;
        match l::as_i64(op) {
            Some(v) => Ok(v as isize),
            None => Err(errors::overflow_error("Python int too large to convert to C ssize_t")),
        }
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyLong_AsDouble(op: *mut PyObject) -> f64 {
    guard(|| unsafe { l::as_f64(require_int(op)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyLong_AsVoidPtr(op: *mut PyObject) -> *mut c_void {
    guard(|| unsafe {
        let op = require_int(op)?;
        if Py_SIZE(op) < 0 {
            match l::as_i64(op) {
                Some(v) => Ok(v as isize as *mut c_void),
                None => Err(errors::overflow_error("Python int too large to convert to C long")),
            }
        } else {
            as_unsigned(op, "", "Python int too large to convert to C unsigned long").map(|v| v as usize as *mut c_void)
        }
    })
}

/// `_PyLong_Sign`: -1, 0 or 1.
#[no_mangle]
pub unsafe extern "C" fn _PyLong_Sign(op: *mut PyObject) -> c_int {
    unsafe {
        if op.is_null() {
            return 0;
        }
        l::sign(op)
    }
}

/// `_PyLong_NumBits`: bits in the magnitude.
#[no_mangle]
pub unsafe extern "C" fn _PyLong_NumBits(op: *mut PyObject) -> usize {
    guard(|| unsafe { Ok(l::num_bits(require_int(op)?) as usize) })
}

#[no_mangle]
pub unsafe extern "C" fn _PyLong_FromByteArray(
    bytes: *const c_uchar,
    n: usize,
    little_endian: c_int,
    is_signed: c_int,
) -> *mut PyObject {
    guard_obj(|| unsafe {
        let data: &[u8] = if n == 0 { &[] } else { core::slice::from_raw_parts(nonnull_c(bytes)?, n) };
        l::from_byte_array(data, little_endian != 0, is_signed != 0)
    })
}

#[no_mangle]
pub unsafe extern "C" fn _PyLong_AsByteArray(
    v: *mut l::PyLongObject,
    bytes: *mut c_uchar,
    n: usize,
    little_endian: c_int,
    is_signed: c_int,
) -> c_int {
    crate::runtime::ffi::guard_unit(|| unsafe {
        let op = require_int(v as *mut PyObject)?;
        let out: &mut [u8] = if n == 0 { &mut [] } else { core::slice::from_raw_parts_mut(nonnull(bytes)?, n) };
        l::to_byte_array(op, out, little_endian != 0, is_signed != 0)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyBool_FromLong(v: c_long) -> *mut PyObject {
    unsafe { crate::objects::boolobject::from_bool(v != 0) }
}

// ---- PyOS_strtoul / PyOS_strtol (CPython's Python/mystrtoul.c rules) ----

/// Digit value of an ASCII byte in bases up to 36 (37 for anything else).
fn digit_value(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => (c - b'0') as u32,
        b'a'..=b'z' => (c - b'a') as u32 + 10,
        b'A'..=b'Z' => (c - b'A') as u32 + 10,
        _ => 37,
    }
}

fn is_c_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// `PyOS_strtoul`: like C's strtoul without a sign, accepting `0x`/`0o`/`0b`
/// prefixes (base 0 or the matching base); a leading-zero decimal in base 0
/// parses as 0 and stops. Overflow: `ULONG_MAX` with `errno = ERANGE`, `*ptr`
/// past the digits. `*ptr` (if given) points after the last digit used.
#[no_mangle]
pub unsafe extern "C" fn PyOS_strtoul(str_: *const c_char, ptr: *mut *mut c_char, base: c_int) -> c_ulong {
    // SAFETY: `str_` is a NUL-terminated C string; reads stop at the NUL
    // (digit_value(0) is 37 and no branch skips past a NUL).
    unsafe {
        let at = |p: *const c_char| *p as u8;
        let done = |p: *const c_char, v: c_ulong| {
            if !ptr.is_null() {
                *ptr = p as *mut c_char;
            }
            v
        };
        if str_.is_null() {
            return done(str_, 0);
        }
        let mut s = str_;
        let mut base = base as i64;
        while at(s) != 0 && is_c_space(at(s)) {
            s = s.add(1);
        }
        let prefix = |b: i64| -> u8 {
            match b {
                16 => b'x',
                8 => b'o',
                _ => b'b',
            }
        };
        match base {
            0 => {
                if at(s) == b'0' {
                    s = s.add(1);
                    let c = at(s).to_ascii_lowercase();
                    let nb = match c {
                        b'x' => 16,
                        b'o' => 8,
                        b'b' => 2,
                        _ => 0,
                    };
                    if nb == 0 {
                        while at(s) == b'0' {
                            s = s.add(1);
                        }
                        while is_c_space(at(s)) {
                            s = s.add(1);
                        }
                        return done(s, 0);
                    }
                    if digit_value(at(s.add(1))) >= nb {
                        return done(s, 0);
                    }
                    s = s.add(1);
                    base = nb as i64;
                } else {
                    base = 10;
                }
            }
            16 | 8 | 2 => {
                if at(s) == b'0' {
                    s = s.add(1);
                    if at(s).to_ascii_lowercase() == prefix(base) {
                        if digit_value(at(s.add(1))) as i64 >= base {
                            return done(s, 0);
                        }
                        s = s.add(1);
                    }
                }
            }
            _ => {}
        }
        if !(2..=36).contains(&base) {
            return done(s, 0);
        }
        while at(s) == b'0' {
            s = s.add(1);
        }
        let b = base as c_ulong;
        let mut result: c_ulong = 0;
        let mut overflow = false;
        loop {
            let c = digit_value(at(s)) as c_ulong;
            if c >= b {
                break;
            }
            if !overflow {
                match result.checked_mul(b).and_then(|r| r.checked_add(c)) {
                    Some(r) => result = r,
                    None => overflow = true,
                }
            }
            s = s.add(1);
        }
        if overflow {
            *libc::__errno_location() = libc::ERANGE;
            return done(s, c_ulong::MAX);
        }
        done(s, result)
    }
}

/// `PyOS_strtol`: an optional sign, then `PyOS_strtoul`; out of range gives
/// `LONG_MAX` (or `LONG_MIN` for exactly its magnitude) with `errno = ERANGE`.
#[no_mangle]
pub unsafe extern "C" fn PyOS_strtol(str_: *const c_char, ptr: *mut *mut c_char, base: c_int) -> c_long {
    // SAFETY: as PyOS_strtoul.
    unsafe {
        if str_.is_null() {
            return PyOS_strtoul(str_, ptr, base) as c_long;
        }
        let mut s = str_;
        while *s != 0 && is_c_space(*s as u8) {
            s = s.add(1);
        }
        let sign = *s as u8;
        if sign == b'+' || sign == b'-' {
            s = s.add(1);
        }
        let u = PyOS_strtoul(s, ptr, base);
        if u <= c_long::MAX as c_ulong {
            let r = u as c_long;
            if sign == b'-' {
                -r
            } else {
                r
            }
        } else if sign == b'-' && u == c_long::MIN.unsigned_abs() {
            c_long::MIN
        } else {
            *libc::__errno_location() = libc::ERANGE;
            c_long::MAX
        }
    }
}
