//! `int`: CPython 3.11's layout — 30-bit digits in `ob_digit`, the sign and the
//! digit count in `ob_size` (negative for negative numbers, 0 for zero).
//!
//! Design note. Invariants: an int's top digit is non-zero (zero has ob_size 0);
//! every value in -5..=256 created here is one of the statically allocated
//! objects of `SMALL_INTS` (never allocated, never freed: their refcount starts
//! huge and `long_dealloc` resurrects them should a binary over-decref one).
//! Arithmetic takes a machine-word fast path when both operands have at most
//! two digits (|v| < 2**60). Beyond that, + - and * work on the 30-bit digits
//! directly (schoolbook, Karatsuba above `KARATSUBA_CUTOFF` digits, lopsided
//! products in slices as CPython does); division, modular powers, bitwise
//! operations and radix conversion go through `num-bigint` (sub-quadratic
//! division and conversion), converting the digit arrays in and out. Results are always exact `int`s, normalised, small values cached.
//! Decimal string conversion is bounded by `sys.int_max_str_digits`
//! (`INT_MAX_STR_DIGITS`, 4300 by default, 0 = unlimited) as in 3.11.
//!
//! ```text
//! small ints: -5 ..= 256   (NSMALLNEGINTS = 5, NSMALLPOSINTS = 257)
//! fast path:  |size| <= 2  (values below 2**60 fit an i64 with room for + and -)
//! ```
use super::object::*;

pub type digit = u32;
pub type sdigit = i32;
pub type twodigits = u64;
pub type stwodigits = i64;
pub const PyLong_SHIFT: u32 = 30;
pub const PyLong_BASE: digit = 1 << PyLong_SHIFT;
pub const PyLong_MASK: digit = PyLong_BASE - 1;

#[repr(C)]
pub struct PyLongObject {
    pub ob_base: PyVarObject,
    pub ob_digit: [digit; 1],
}

use super::pyref::*;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::guard_obj;
use core::mem::{offset_of, size_of};
use core::ptr::null_mut;
use libc::{c_int, c_void};
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::sync::atomic::{AtomicUsize, Ordering};

const NSMALLNEGINTS: i64 = 5;
const NSMALLPOSINTS: i64 = 257;
const NSMALL: usize = (NSMALLNEGINTS + NSMALLPOSINTS) as usize;
const _: () = assert!(NSMALL == 262);

/// Largest result `**` and `<<` will try to build (see the design note).
const MAX_RESULT_BITS: u64 = 1 << 32;

/// `sys.int_max_str_digits` (0 disables the limit).
pub static INT_MAX_STR_DIGITS: AtomicUsize = AtomicUsize::new(4300);
/// cbindgen:ignore
/// Below this many digits the limit is never checked (`_PY_LONG_MAX_STR_DIGITS_THRESHOLD`).
pub const INT_MAX_STR_DIGITS_THRESHOLD: usize = 640;

#[no_mangle]
pub static mut PyLong_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_LONG_SUBCLASS | Py_TPFLAGS_MATCH_SELF,
    tp_dealloc: Some(long_dealloc),
    tp_repr: Some(long_repr),
    tp_hash: Some(long_hash),
    tp_richcompare: Some(long_richcompare),
    tp_as_number: &raw mut LONG_AS_NUMBER,
    tp_methods: &raw mut LONG_METHODS as *mut PyMethodDef,
    tp_getset: &raw mut LONG_GETSET as *mut PyGetSetDef,
    tp_new: Some(long_new),
    tp_doc: c"int([x]) -> integer\nint(x, base=10) -> integer\n\nConvert a number or string to an integer, or return 0 if no arguments\nare given.  If x is a number, return x.__int__().  For floating point\nnumbers, this truncates towards zero.\n\nIf x is not a number or if base is given, then x must be a string,\nbytes, or bytearray instance representing an integer literal in the\ngiven base.  The literal can be preceded by '+' or '-' and be surrounded\nby whitespace.  The base defaults to 10.  Valid bases are 0 and 2-36.\nBase 0 means to interpret the base from the string as an integer literal.\n>>> int('0b100', base=0)\n4".as_ptr(),
    ..PyTypeObject::new(c"int", offset_of!(PyLongObject, ob_digit), size_of::<digit>())
};

static mut LONG_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_add: Some(long_add),
    nb_subtract: Some(long_sub),
    nb_multiply: Some(long_mul),
    nb_remainder: Some(long_mod),
    nb_divmod: Some(long_divmod),
    nb_power: Some(long_pow),
    nb_negative: Some(long_neg),
    nb_positive: Some(long_long),
    nb_absolute: Some(long_abs),
    nb_bool: Some(long_bool),
    nb_invert: Some(long_invert),
    nb_lshift: Some(long_lshift),
    nb_rshift: Some(long_rshift),
    nb_and: Some(long_and),
    nb_xor: Some(long_xor),
    nb_or: Some(long_or),
    nb_int: Some(long_long),
    nb_float: Some(long_float),
    nb_floor_divide: Some(long_floordiv),
    nb_true_divide: Some(long_truediv),
    nb_index: Some(long_long),
    ..PyNumberMethods::EMPTY
};

// ---------------------------------------------------------------- small ints

const SMALL_PROTO: PyLongObject = PyLongObject {
    ob_base: PyVarObject { ob_base: PyObject { ob_refcnt: 1 << 30, ob_type: null_mut() }, ob_size: 0 },
    ob_digit: [0],
};

static mut SMALL_INTS: [PyLongObject; NSMALL] = {
    let mut a = [SMALL_PROTO; NSMALL];
    let mut i = 0;
    while i < NSMALL {
        let v = i as i64 - NSMALLNEGINTS;
        a[i].ob_base.ob_base.ob_type = &raw mut PyLong_Type;
        a[i].ob_base.ob_size = if v < 0 { -1 } else if v > 0 { 1 } else { 0 };
        a[i].ob_digit[0] = v.unsigned_abs() as u32;
        i += 1;
    }
    a
};

#[inline]
fn small_ptr(v: i64) -> *mut PyObject {
    unsafe { (&raw mut SMALL_INTS as *mut PyLongObject).add((v + NSMALLNEGINTS) as usize) as *mut PyObject }
}

#[inline]
fn is_small(v: i64) -> bool {
    (-NSMALLNEGINTS..NSMALLPOSINTS).contains(&v)
}

fn is_small_ptr(op: *mut PyObject) -> bool {
    let base = &raw mut SMALL_INTS as usize;
    let p = op as usize;
    p >= base && p < base + NSMALL * size_of::<PyLongObject>()
}

#[inline]
fn small(v: i64) -> Owned {
    unsafe { Owned::from_borrowed(small_ptr(v)) }
}

// ---------------------------------------------------------------- checks and raw access

#[inline(always)]
pub unsafe fn is_long(op: *mut PyObject) -> bool {
    unsafe { type_has_flag((*op).ob_type, Py_TPFLAGS_LONG_SUBCLASS) }
}

#[inline(always)]
pub unsafe fn is_long_exact(op: *mut PyObject) -> bool {
    unsafe { (*op).ob_type == &raw mut PyLong_Type }
}

/// Does the object support `__index__`?
pub unsafe fn is_index(op: *mut PyObject) -> bool {
    unsafe {
        let tp = (*op).ob_type;
        is_long(op) || (!(*tp).tp_as_number.is_null() && (*(*tp).tp_as_number).nb_index.is_some())
    }
}

/// The magnitude's digits, least significant first.
#[inline]
pub unsafe fn digits<'a>(op: *mut PyObject) -> &'a [digit] {
    unsafe {
        let n = Py_SIZE(op).unsigned_abs();
        core::slice::from_raw_parts((*(op as *mut PyLongObject)).ob_digit.as_ptr(), n)
    }
}

/// -1, 0 or 1.
#[inline]
pub unsafe fn sign(op: *mut PyObject) -> i32 {
    unsafe { Py_SIZE(op).signum() as i32 }
}

/// The value as i64 when it has at most two digits (|v| < 2**60).
#[inline]
unsafe fn small_value(op: *mut PyObject) -> Option<i64> {
    unsafe {
        let n = Py_SIZE(op);
        let d = (*(op as *mut PyLongObject)).ob_digit.as_ptr();
        let m = match n.unsigned_abs() {
            0 => return Some(0),
            1 => *d as i64,
            2 => (*d as i64) | ((*d.add(1) as i64) << PyLong_SHIFT),
            _ => return None,
        };
        Some(if n < 0 { -m } else { m })
    }
}

#[inline(always)]
unsafe fn alloc_digits(n: usize) -> PyResult<Owned> {
    unsafe {
        if n > (isize::MAX as usize - 64) / size_of::<digit>() {
            return Err(errors::overflow_error("too many digits in integer"));
        }
        let size = offset_of!(PyLongObject, ob_digit) + n.max(1) * size_of::<digit>();
        let mem = crate::runtime::obmalloc::object_malloc(size) as *mut PyObject;
        if mem.is_null() {
            return Err(errors::no_memory());
        }
        (*mem).ob_type = &raw mut PyLong_Type;
        Py_SET_SIZE(mem, n as Py_ssize_t);
        *(*(mem as *mut PyLongObject)).ob_digit.as_mut_ptr() = 0;
        new_reference(mem);
        Ok(Owned::from_raw_nonnull(mem))
    }
}

/// An exact int from a sign and little-endian 30-bit digits (need not be normalised).
pub fn from_digits(negative: bool, d: &[digit]) -> PyResult<Owned> {
    let mut n = d.len();
    while n > 0 && d[n - 1] == 0 {
        n -= 1;
    }
    let d = &d[..n];
    if n <= 1 {
        let m = if n == 0 { 0 } else { d[0] as i64 };
        let v = if negative { -m } else { m };
        if is_small(v) {
            return Ok(small(v));
        }
    }
    unsafe {
        let o = alloc_digits(n)?;
        let p = (*(o.as_ptr() as *mut PyLongObject)).ob_digit.as_mut_ptr();
        core::ptr::copy_nonoverlapping(d.as_ptr(), p, n);
        if negative {
            Py_SET_SIZE(o.as_ptr(), -(n as Py_ssize_t));
        }
        Ok(o)
    }
}

fn u128_digits(mut u: u128) -> ([digit; 5], usize) {
    let mut d = [0; 5];
    let mut n = 0;
    while u != 0 {
        d[n] = (u & PyLong_MASK as u128) as digit;
        u >>= PyLong_SHIFT;
        n += 1;
    }
    (d, n)
}

/// A new reference to the cached small int `v`, or null when `v` is not
/// cached (PyLong_FromLong's fast path, outside its error guard).
#[inline(always)]
pub fn small_new_ref(v: i64) -> *mut PyObject {
    if is_small(v) {
        let p = small_ptr(v);
        unsafe { incref(p) };
        p
    } else {
        core::ptr::null_mut()
    }
}

#[inline]
pub fn from_i64(v: i64) -> PyResult<Owned> {
    if is_small(v) {
        return Ok(small(v));
    }
    from_i64_alloc(v)
}

/// A new int for a value outside the small-int cache: 1 to 3 digits
/// written straight into the new object.
#[inline(never)]
fn from_i64_alloc(v: i64) -> PyResult<Owned> {
    let u = v.unsigned_abs();
    let n = if u < 1 << PyLong_SHIFT {
        1
    } else if u < 1 << (2 * PyLong_SHIFT) {
        2
    } else {
        3
    };
    unsafe {
        let o = alloc_digits(n)?;
        let p = (*(o.as_ptr() as *mut PyLongObject)).ob_digit.as_mut_ptr();
        for i in 0..n {
            *p.add(i) = ((u >> (PyLong_SHIFT as usize * i)) & PyLong_MASK as u64) as digit;
        }
        if v < 0 {
            Py_SET_SIZE(o.as_ptr(), -(n as Py_ssize_t));
        }
        Ok(o)
    }
}

pub fn from_u64(v: u64) -> PyResult<Owned> {
    let (d, n) = u128_digits(v as u128);
    from_digits(false, &d[..n])
}

pub fn from_isize(v: isize) -> PyResult<Owned> {
    from_i64(v as i64)
}

pub fn from_i128(v: i128) -> PyResult<Owned> {
    if let Ok(x) = i64::try_from(v) {
        return from_i64(x);
    }
    let (d, n) = u128_digits(v.unsigned_abs());
    from_digits(v < 0, &d[..n])
}

/// The value as i128 if it fits.
pub unsafe fn as_i128(op: *mut PyObject) -> Option<i128> {
    unsafe {
        let d = digits(op);
        if d.len() > 5 {
            return None;
        }
        let mut acc: u128 = 0;
        for &x in d.iter().rev() {
            if acc >> (128 - PyLong_SHIFT) != 0 {
                return None;
            }
            acc = (acc << PyLong_SHIFT) | x as u128;
        }
        if Py_SIZE(op) < 0 {
            if acc <= 1u128 << 127 {
                Some((acc as i128).wrapping_neg())
            } else {
                None
            }
        } else {
            i128::try_from(acc).ok()
        }
    }
}

/// The value as i64 if it fits.
pub unsafe fn as_i64(op: *mut PyObject) -> Option<i64> {
    unsafe {
        if let Some(v) = small_value(op) {
            return Some(v);
        }
        as_i128(op).and_then(|v| i64::try_from(v).ok())
    }
}

/// The magnitude as u128 if it fits.
pub unsafe fn magnitude_u128(op: *mut PyObject) -> Option<u128> {
    unsafe {
        let d = digits(op);
        let mut acc: u128 = 0;
        for &x in d.iter().rev() {
            if acc >> (128 - PyLong_SHIFT) != 0 {
                return None;
            }
            acc = (acc << PyLong_SHIFT) | x as u128;
        }
        Some(acc)
    }
}

/// Number of bits in the magnitude (`_PyLong_NumBits`).
pub unsafe fn num_bits(op: *mut PyObject) -> u64 {
    unsafe {
        let d = digits(op);
        match d.last() {
            None => 0,
            Some(&top) => (d.len() as u64 - 1) * PyLong_SHIFT as u64 + (32 - top.leading_zeros()) as u64,
        }
    }
}

// ---------------------------------------------------------------- num-bigint bridge

fn repack(src: &[u32], from_bits: u32, to_bits: u32) -> Vec<u32> {
    let mask: u64 = (1u64 << to_bits) - 1;
    let mut out = Vec::with_capacity(src.len() * from_bits as usize / to_bits as usize + 2);
    let mut acc: u64 = 0;
    let mut nb = 0u32;
    for &x in src {
        acc |= (x as u64) << nb;
        nb += from_bits;
        while nb >= to_bits {
            out.push((acc & mask) as u32);
            acc >>= to_bits;
            nb -= to_bits;
        }
    }
    if nb > 0 {
        out.push((acc & mask) as u32);
    }
    out
}

/// The value as a `BigInt`.
pub unsafe fn to_big(op: *mut PyObject) -> BigInt {
    unsafe {
        if let Some(v) = small_value(op) {
            return BigInt::from(v);
        }
        let mag = BigUint::from_slice(&repack(digits(op), PyLong_SHIFT, 32));
        BigInt::from_biguint(if Py_SIZE(op) < 0 { Sign::Minus } else { Sign::Plus }, mag)
    }
}

/// An exact int from a `BigInt`.
pub fn from_big(v: &BigInt) -> PyResult<Owned> {
    if let Some(x) = v.to_i64() {
        return from_i64(x);
    }
    let d = repack(&v.magnitude().to_u32_digits(), 32, PyLong_SHIFT);
    from_digits(v.sign() == Sign::Minus, &d)
}

/// Correctly rounded conversion of an integer to float (None on overflow).
pub fn big_to_f64(v: &BigInt) -> Option<f64> {
    let nbits = v.bits();
    let neg = v.sign() == Sign::Minus;
    let f = if nbits <= 64 {
        v.magnitude().to_u64().unwrap() as f64
    } else {
        if nbits > 1100 {
            return None;
        }
        let shift = nbits - 64;
        let mag = v.magnitude();
        let mut top = (mag >> shift).to_u64().unwrap();
        if mag.trailing_zeros().unwrap_or(0) < shift {
            top |= 1; // sticky bit: something below the 64 kept bits
        }
        ldexp(top as f64, shift as i32)
    };
    if f.is_infinite() {
        return None;
    }
    Some(if neg { -f } else { f })
}

/// `x * 2**e` without intermediate overflow or double rounding for exact `x`.
pub fn ldexp(mut x: f64, mut e: i32) -> f64 {
    while e > 1000 {
        x *= f64::from_bits(((1023 + 1000) as u64) << 52);
        e -= 1000;
        if x.is_infinite() {
            return x;
        }
    }
    while e < -1000 {
        x *= f64::from_bits(((1023 - 1000) as u64) << 52);
        e += 1000;
    }
    x * f64::from_bits(((1023 + e) as u64) << 52)
}

/// `PyLong_AsDouble`.
pub unsafe fn as_f64(op: *mut PyObject) -> PyResult<f64> {
    unsafe {
        if let Some(v) = small_value(op) {
            return Ok(v as f64);
        }
        match big_to_f64(&to_big(op)) {
            Some(f) => Ok(f),
            None => Err(errors::overflow_error("int too large to convert to float")),
        }
    }
}

/// The exact integer value of an integral finite float.
pub fn f64_to_big(f: f64) -> BigInt {
    let f = f.trunc();
    if f.abs() < 9.2e18 {
        return BigInt::from(f as i64);
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64 - 1075;
    let mant = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    let m = BigInt::from(mant) << (exp as usize);
    if f < 0.0 {
        -m
    } else {
        m
    }
}

/// `PyLong_FromDouble`.
pub fn from_f64(f: f64) -> PyResult<Owned> {
    if f.is_infinite() {
        return Err(errors::overflow_error("cannot convert float infinity to integer"));
    }
    if f.is_nan() {
        return Err(errors::value_error("cannot convert float NaN to integer"));
    }
    let t = f.trunc();
    if t.abs() < 9.2e18 {
        return from_i64(t as i64);
    }
    from_big(&f64_to_big(t))
}

// ---------------------------------------------------------------- conversions for the C API

/// `PyNumber_AsSsize_t`-style conversion for indices (`exc` None: clamp).
pub unsafe fn as_ssize_index(op: *mut PyObject, exc: Option<*mut PyObject>) -> PyResult<Py_ssize_t> {
    unsafe {
        let o = super::abstract_number::index(op)?;
        match as_i64(o.as_ptr()) {
            Some(v) if v >= isize::MIN as i64 && v <= isize::MAX as i64 => Ok(v as isize),
            _ => match exc {
                Some(e) if !e.is_null() => Err(errors::set_string(
                    e,
                    &format!(
                        "cannot fit '{}' into an index-sized integer",
                        super::typeobject::type_name_str((*op).ob_type)
                    ),
                )),
                _ => Ok(if Py_SIZE(o.as_ptr()) < 0 { isize::MIN } else { isize::MAX }),
            },
        }
    }
}

/// The low 64 bits of the two's complement value (`PyLong_AsUnsignedLongLongMask`).
pub unsafe fn as_u64_mask(op: *mut PyObject) -> u64 {
    unsafe {
        let mut acc: u64 = 0;
        for &x in digits(op).iter().rev() {
            acc = (acc << PyLong_SHIFT) | x as u64;
        }
        if Py_SIZE(op) < 0 {
            acc.wrapping_neg()
        } else {
            acc
        }
    }
}

/// `_PyLong_FromByteArray`.
pub fn from_byte_array(bytes: &[u8], little_endian: bool, signed: bool) -> PyResult<Owned> {
    let mut le: Vec<u8> = bytes.to_vec();
    if !little_endian {
        le.reverse();
    }
    let neg = signed && le.last().is_some_and(|&b| b & 0x80 != 0);
    let v = if neg {
        let u = BigUint::from_bytes_le(&le);
        BigInt::from(u) - (BigInt::one() << (8 * le.len()))
    } else {
        BigInt::from(BigUint::from_bytes_le(&le))
    };
    from_big(&v)
}

/// `_PyLong_AsByteArray`: fill `out` with the value's two's complement bytes.
/// Err(OverflowError) with CPython's messages when it does not fit.
pub unsafe fn to_byte_array(op: *mut PyObject, out: &mut [u8], little_endian: bool, signed: bool) -> PyResult<()> {
    unsafe {
        let v = to_big(op);
        let n = out.len();
        if v.sign() == Sign::Minus && !signed {
            return Err(errors::overflow_error("can't convert negative int to unsigned"));
        }
        let fits = if signed {
            let bits = if v.sign() == Sign::Minus { (-&v - 1u32).bits() } else { v.bits() };
            bits < 8 * n as u64 || (n == 0 && v.is_zero())
        } else {
            v.bits() <= 8 * n as u64
        };
        if !fits {
            return Err(errors::overflow_error("int too big to convert"));
        }
        let mut le = v.to_signed_bytes_le();
        let fill = if v.sign() == Sign::Minus { 0xff } else { 0 };
        le.resize(n.max(le.len()), fill);
        le.truncate(n);
        if !little_endian {
            le.reverse();
        }
        out.copy_from_slice(&le);
        Ok(())
    }
}

// ---------------------------------------------------------------- string conversion

pub(crate) fn max_str_digits() -> usize {
    INT_MAX_STR_DIGITS.load(Ordering::Relaxed)
}

/// Decimal text of an int, honouring the digit limit.
pub unsafe fn to_decimal_string(op: *mut PyObject) -> PyResult<String> {
    unsafe {
        if let Some(v) = small_value(op) {
            return Ok(v.to_string());
        }
        let limit = max_str_digits();
        let msg = "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit";
        let size = digits(op).len();
        if limit > 0 && size >= 10 * limit / (3 * PyLong_SHIFT as usize) + 2 {
            return Err(errors::value_error(msg.replace("4300", &limit.to_string())));
        }
        let s = to_big(op).to_string();
        let nd = s.len() - (Py_SIZE(op) < 0) as usize;
        if limit > 0 && nd > limit {
            return Err(errors::value_error(msg.replace("4300", &limit.to_string())));
        }
        Ok(s)
    }
}

/// Text in base 2, 8 or 16 with the `0b`/`0o`/`0x` prefix when `prefix`.
pub unsafe fn to_radix_string(op: *mut PyObject, radix: u32, prefix: bool) -> String {
    unsafe {
        let v = to_big(op);
        let mut s = String::new();
        if v.sign() == Sign::Minus {
            s.push('-');
        }
        if prefix {
            s.push_str(match radix {
                2 => "0b",
                8 => "0o",
                16 => "0x",
                _ => "",
            });
        }
        s.push_str(&v.magnitude().to_str_radix(radix));
        s
    }
}

fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// The code points whose decimal value is 0 and whose next nine are 1..9: every
/// non-ASCII Unicode decimal digit (Unicode 14.0, as CPython 3.11's tables).
const DECIMAL_ZEROS: [u32; 65] = [
    0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6, 0xE50, 0xED0, 0xF20,
    0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0,
    0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0,
    0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0,
    0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// `_PyUnicode_TransformDecimalAndSpaceToASCII`: Unicode spaces become ' ',
/// Unicode decimal digits their ASCII digit, other non-ASCII characters '?'.
pub(crate) fn decimal_and_space_to_ascii(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() {
        return std::borrow::Cow::Borrowed(s);
    }
    let out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii() {
                c
            } else if is_py_space(c) {
                ' '
            } else {
                let cp = c as u32;
                let i = DECIMAL_ZEROS.partition_point(|&z| z <= cp);
                if i > 0 && cp - DECIMAL_ZEROS[i - 1] < 10 {
                    (b'0' + (cp - DECIMAL_ZEROS[i - 1]) as u8) as char
                } else {
                    '?'
                }
            }
        })
        .collect();
    std::borrow::Cow::Owned(out)
}

/// Parse an integer literal as `int(s, base)` does. `Ok(None)`: invalid literal.
pub fn parse_int(text: &str, base: u32) -> PyResult<Option<BigInt>> {
    let text = decimal_and_space_to_ascii(text);
    let s = text.trim_matches(is_py_space);
    let (neg, mut s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let mut base = base;
    let lower = s.get(..2).map(|p| p.to_ascii_lowercase());
    let mut had_prefix = false;
    if let Some(p) = lower.as_deref() {
        let pb = match p {
            "0x" => 16,
            "0o" => 8,
            "0b" => 2,
            _ => 0,
        };
        if pb != 0 && (base == 0 || base == pb) {
            base = pb;
            s = &s[2..];
            had_prefix = true;
        }
    }
    let base0 = base == 0;
    if base0 {
        base = 10;
    }
    // Validate digits and underscores; collect the digits.
    let mut clean = String::with_capacity(s.len());
    let mut prev_us = had_prefix; // an underscore may follow a base prefix
    let mut prev_digit = false;
    for c in s.chars() {
        if c == '_' {
            if !prev_digit && !(prev_us && had_prefix && clean.is_empty()) {
                return Ok(None);
            }
            prev_digit = false;
            prev_us = true;
            continue;
        }
        let d = match c.to_digit(36) {
            Some(d) if d < base && c.is_ascii() => d,
            _ => return Ok(None),
        };
        let _ = d;
        clean.push(c);
        prev_digit = true;
        prev_us = false;
    }
    if clean.is_empty() || !prev_digit {
        return Ok(None);
    }
    if base0 && !had_prefix && clean.len() > 1 && clean.starts_with('0') && clean.bytes().any(|b| b != b'0') {
        return Ok(None);
    }
    let limit = max_str_digits();
    if !base.is_power_of_two() && limit > 0 && clean.len() > limit {
        return Err(errors::value_error(format!(
            "Exceeds the limit ({} digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
            limit,
            clean.len()
        )));
    }
    let v = BigInt::parse_bytes(clean.as_bytes(), base).unwrap_or_default();
    Ok(Some(if neg { -v } else { v }))
}

/// `PyLong_FromUnicodeObject`-style: parse `s` (the object's text) in `base`,
/// raising CPython's "invalid literal" error with the repr of `orig`.
pub unsafe fn from_str_obj(orig: *mut PyObject, text: &str, base: u32) -> PyResult<Owned> {
    unsafe {
        match parse_int(text, base)? {
            Some(v) => from_big(&v),
            None => {
                let r = super::abstract_::repr_string_checked(orig)?;
                let r: String = r.chars().take(200).collect();
                Err(errors::value_error(format!("invalid literal for int() with base {}: {}", base, r)))
            }
        }
    }
}

// ---------------------------------------------------------------- arithmetic cores

/// Binary operands: both ints or NotImplemented.
macro_rules! check_binop {
    ($a:expr, $b:expr) => {
        if !is_long($a) || !is_long($b) {
            return Ok(super::noneobject::not_implemented());
        }
    };
}

// ---- magnitude arithmetic on 30-bit digits (little-endian, no trailing zeros needed)

fn trim(v: &mut Vec<digit>) {
    while v.last() == Some(&0) {
        v.pop();
    }
}

fn mag_cmp(a: &[digit], b: &[digit]) -> core::cmp::Ordering {
    let (mut na, mut nb) = (a.len(), b.len());
    while na > 0 && a[na - 1] == 0 {
        na -= 1;
    }
    while nb > 0 && b[nb - 1] == 0 {
        nb -= 1;
    }
    if na != nb {
        return na.cmp(&nb);
    }
    for i in (0..na).rev() {
        if a[i] != b[i] {
            return a[i].cmp(&b[i]);
        }
    }
    core::cmp::Ordering::Equal
}

fn mag_add(a: &[digit], b: &[digit]) -> Vec<digit> {
    let (a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let mut r = Vec::with_capacity(a.len() + 1);
    let mut carry: digit = 0;
    for i in 0..a.len() {
        let t = a[i] + if i < b.len() { b[i] } else { 0 } + carry;
        r.push(t & PyLong_MASK);
        carry = t >> PyLong_SHIFT;
    }
    r.push(carry);
    trim(&mut r);
    r
}

/// `a - b` for `a >= b`.
fn mag_sub(a: &[digit], b: &[digit]) -> Vec<digit> {
    let mut r = Vec::with_capacity(a.len());
    let mut borrow: digit = 0;
    for i in 0..a.len() {
        let t = a[i].wrapping_sub(if i < b.len() { b[i] } else { 0 }).wrapping_sub(borrow);
        r.push(t & PyLong_MASK);
        borrow = (t >> PyLong_SHIFT) & 1;
    }
    trim(&mut r);
    r
}

/// `r += x` (r long enough for the result).
fn add_into(r: &mut [digit], x: &[digit]) {
    let mut carry: digit = 0;
    let mut i = 0;
    while i < x.len() || carry != 0 {
        let t = r[i] + if i < x.len() { x[i] } else { 0 } + carry;
        r[i] = t & PyLong_MASK;
        carry = t >> PyLong_SHIFT;
        i += 1;
    }
}

/// `r -= x` (r >= x).
fn sub_into(r: &mut [digit], x: &[digit]) {
    let mut borrow: digit = 0;
    let mut i = 0;
    while i < x.len() || borrow != 0 {
        let t = r[i].wrapping_sub(if i < x.len() { x[i] } else { 0 }).wrapping_sub(borrow);
        r[i] = t & PyLong_MASK;
        borrow = (t >> PyLong_SHIFT) & 1;
        i += 1;
    }
}

fn school_mul(a: &[digit], b: &[digit]) -> Vec<digit> {
    let mut r = vec![0 as digit; a.len() + b.len()];
    for (i, &x) in a.iter().enumerate() {
        if x == 0 {
            continue;
        }
        let mut carry: u64 = 0;
        for (j, &y) in b.iter().enumerate() {
            let t = r[i + j] as u64 + x as u64 * y as u64 + carry;
            r[i + j] = (t & PyLong_MASK as u64) as digit;
            carry = t >> PyLong_SHIFT;
        }
        let mut k = i + b.len();
        while carry != 0 {
            let t = r[k] as u64 + carry;
            r[k] = (t & PyLong_MASK as u64) as digit;
            carry = t >> PyLong_SHIFT;
            k += 1;
        }
    }
    trim(&mut r);
    r
}

/// Below this many digits in the shorter operand, schoolbook multiplication
/// (CPython's `KARATSUBA_CUTOFF`).
const KARATSUBA_CUTOFF: usize = 70;

/// Magnitude product: schoolbook, Karatsuba above the cutoff, and slices of
/// the longer operand when the sizes are lopsided (CPython's `k_lopsided_mul`).
fn mag_mul(a: &[digit], b: &[digit]) -> Vec<digit> {
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if a.is_empty() {
        return Vec::new();
    }
    if a.len() < KARATSUBA_CUTOFF {
        return school_mul(a, b);
    }
    if 2 * a.len() <= b.len() {
        let mut r = vec![0 as digit; a.len() + b.len() + 1];
        for (k, chunk) in b.chunks(a.len()).enumerate() {
            let p = mag_mul(a, chunk);
            add_into(&mut r[k * a.len()..], &p);
        }
        trim(&mut r);
        return r;
    }
    let h = b.len() / 2;
    let (a0, a1) = a.split_at(h.min(a.len()));
    let (b0, b1) = b.split_at(h);
    let z0 = mag_mul(a0, b0);
    let z2 = mag_mul(a1, b1);
    let mut z1 = mag_mul(&mag_add(a0, a1), &mag_add(b0, b1));
    z1.resize(z1.len().max(z0.len()).max(z2.len()) + 1, 0);
    sub_into(&mut z1, &z0);
    sub_into(&mut z1, &z2);
    trim(&mut z1);
    let mut r = vec![0 as digit; a.len() + b.len() + 1];
    add_into(&mut r, &z0);
    add_into(&mut r[h..], &z1);
    add_into(&mut r[2 * h..], &z2);
    trim(&mut r);
    r
}

/// Signed sum of (neg_a, a) and (neg_b, b).
fn signed_add(neg_a: bool, a: &[digit], neg_b: bool, b: &[digit]) -> PyResult<Owned> {
    if neg_a == neg_b {
        return from_digits(neg_a, &mag_add(a, b));
    }
    match mag_cmp(a, b) {
        core::cmp::Ordering::Less => from_digits(neg_b, &mag_sub(b, a)),
        _ => from_digits(neg_a, &mag_sub(a, b)),
    }
}

pub unsafe fn add(a: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if let (Some(x), Some(y)) = (small_value(a), small_value(b)) {
            return from_i64(x + y);
        }
        signed_add(Py_SIZE(a) < 0, digits(a), Py_SIZE(b) < 0, digits(b))
    }
}

pub unsafe fn sub(a: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if let (Some(x), Some(y)) = (small_value(a), small_value(b)) {
            return from_i64(x - y);
        }
        signed_add(Py_SIZE(a) < 0, digits(a), Py_SIZE(b) >= 0, digits(b))
    }
}

pub unsafe fn mul(a: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if let (Some(x), Some(y)) = (small_value(a), small_value(b)) {
            return from_i128(x as i128 * y as i128);
        }
        from_digits((Py_SIZE(a) < 0) != (Py_SIZE(b) < 0), &mag_mul(digits(a), digits(b)))
    }
}

fn floor_divmod_i64(x: i64, y: i64) -> (i64, i64) {
    let (q, r) = (x / y, x % y);
    if r != 0 && ((r < 0) != (y < 0)) {
        (q - 1, r + y)
    } else {
        (q, r)
    }
}

/// Floor division and modulo with Python's signs. `what` picks the message.
pub unsafe fn divmod_values(a: *mut PyObject, b: *mut PyObject, mod_only: bool) -> PyResult<(Owned, Owned)> {
    unsafe {
        if Py_SIZE(b) == 0 {
            return Err(errors::zero_division_error(if mod_only {
                "integer modulo by zero"
            } else {
                "integer division or modulo by zero"
            }));
        }
        if let (Some(x), Some(y)) = (small_value(a), small_value(b)) {
            let (q, r) = floor_divmod_i64(x, y);
            return Ok((from_i64(q)?, from_i64(r)?));
        }
        let (q, r) = to_big(a).div_mod_floor(&to_big(b));
        Ok((from_big(&q)?, from_big(&r)?))
    }
}

/// Correctly rounded `a / b` for ints.
pub unsafe fn true_divide(a: *mut PyObject, b: *mut PyObject) -> PyResult<f64> {
    unsafe {
        if Py_SIZE(b) == 0 {
            return Err(errors::zero_division_error("division by zero"));
        }
        const EXACT: i64 = 1 << 53;
        if let (Some(x), Some(y)) = (small_value(a), small_value(b)) {
            if x.abs() <= EXACT && y.abs() <= EXACT {
                return Ok(x as f64 / y as f64);
            }
        }
        let (x, y) = (to_big(a), to_big(b));
        let neg = (x.sign() == Sign::Minus) != (y.sign() == Sign::Minus);
        let (x, y) = (x.magnitude().clone(), y.magnitude().clone());
        if x.is_zero() {
            return Ok(if neg { -0.0 } else { 0.0 });
        }
        let diff = x.bits() as i64 - y.bits() as i64;
        if diff > 1025 {
            return Err(errors::overflow_error("integer division result too large for a float"));
        }
        if diff < -1080 {
            return Ok(if neg { -0.0 } else { 0.0 });
        }
        let shift = (diff - 55).max(-1074);
        let (xs, ys) = if shift >= 0 { (x, y << shift as usize) } else { (x << (-shift) as usize, y) };
        let (mut q, r) = xs.div_rem(&ys);
        let f = if shift == -1074 {
            // Subnormal range: round half to even at the final precision here.
            let twice = &r << 1usize;
            if twice > ys || (twice == ys && q.bit(0)) {
                q += 1u32;
            }
            ldexp(q.to_u64().unwrap() as f64, -1074)
        } else {
            let mut qq = q.to_u64().unwrap();
            if !r.is_zero() {
                qq |= 1;
            }
            ldexp(qq as f64, shift as i32)
        };
        if f.is_infinite() {
            return Err(errors::overflow_error("integer division result too large for a float"));
        }
        Ok(if neg { -f } else { f })
    }
}

fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    // Extended Euclid on (a mod m, m), m > 0.
    let (mut old_r, mut r) = (a.mod_floor(m), m.clone());
    let (mut old_s, mut s) = (BigInt::one(), BigInt::zero());
    while !r.is_zero() {
        let q = old_r.div_floor(&r);
        let nr = &old_r - &q * &r;
        old_r = core::mem::replace(&mut r, nr);
        let ns = &old_s - &q * &s;
        old_s = core::mem::replace(&mut s, ns);
    }
    if old_r != BigInt::one() {
        return None;
    }
    Some(old_s.mod_floor(m))
}

/// `pow(a, b[, c])` on ints (`c` None or an int).
pub unsafe fn power(a: *mut PyObject, b: *mut PyObject, c: Option<*mut PyObject>) -> PyResult<Owned> {
    unsafe {
        if let Some(c) = c {
            if Py_SIZE(c) == 0 {
                return Err(errors::value_error("pow() 3rd argument cannot be 0"));
            }
            let m = to_big(c);
            let neg_m = m.sign() == Sign::Minus;
            let am = m.abs();
            let mut base = to_big(a);
            let mut e = to_big(b);
            if e.sign() == Sign::Minus {
                match mod_inverse(&base, &am) {
                    Some(inv) => base = inv,
                    None => return Err(errors::value_error("base is not invertible for the given modulus")),
                }
                e = -e;
            }
            let mut r = if am.is_one() { BigInt::zero() } else { base.mod_floor(&am).modpow(&e, &am) };
            if neg_m && !r.is_zero() {
                r -= &am;
            }
            return from_big(&r);
        }
        if Py_SIZE(b) < 0 {
            let x = as_f64(a)?;
            let y = as_f64(b)?;
            return super::floatobject::float_pow_values(x, y);
        }
        if Py_SIZE(b) == 0 {
            return Ok(small(1));
        }
        let base = to_big(a);
        if base.is_zero() || base.is_one() {
            return Ok(if Py_SIZE(b) == 0 { small(1) } else { from_big(&base)? });
        }
        if base == BigInt::from(-1) {
            return Ok(small(if digits(b)[0] & 1 == 1 { -1 } else { 1 }));
        }
        let e = match as_i64(b) {
            Some(e) if e <= u32::MAX as i64 && (base.bits() as u128) * (e as u128) <= MAX_RESULT_BITS as u128 => e as u32,
            _ => return Err(errors::no_memory()),
        };
        if let Some(x) = small_value(a) {
            if let Some(r) = (x as i128).checked_pow(e) {
                return from_i128(r);
            }
        }
        from_big(&num_traits::Pow::pow(&base, e))
    }
}

pub unsafe fn lshift(a: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if Py_SIZE(b) < 0 {
            return Err(errors::value_error("negative shift count"));
        }
        if Py_SIZE(a) == 0 {
            return Ok(small(0));
        }
        let n = match as_i64(b) {
            Some(n) if n < (isize::MAX as i64) / 2 => n as usize,
            _ => return Err(errors::overflow_error("too many digits in integer")),
        };
        if n as u64 + num_bits(a) > MAX_RESULT_BITS {
            return Err(errors::no_memory());
        }
        if let Some(x) = small_value(a) {
            if n < 64 {
                return from_i128((x as i128) << n);
            }
        }
        from_big(&(to_big(a) << n))
    }
}

pub unsafe fn rshift(a: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if Py_SIZE(b) < 0 {
            return Err(errors::value_error("negative shift count"));
        }
        let n = match as_i64(b) {
            Some(n) if (n as u64) < num_bits(a) + 1 => n as usize,
            _ => return Ok(small(if Py_SIZE(a) < 0 { -1 } else { 0 })),
        };
        if let Some(x) = small_value(a) {
            return from_i64(x >> n.min(63));
        }
        from_big(&(to_big(a) >> n))
    }
}

// ---------------------------------------------------------------- comparison and hash

/// Three-way comparison of two ints.
pub unsafe fn compare(a: *mut PyObject, b: *mut PyObject) -> core::cmp::Ordering {
    unsafe {
        let (sa, sb) = (Py_SIZE(a), Py_SIZE(b));
        if sa != sb {
            return sa.cmp(&sb);
        }
        let (da, db) = (digits(a), digits(b));
        let mut ord = core::cmp::Ordering::Equal;
        for i in (0..da.len()).rev() {
            if da[i] != db[i] {
                ord = da[i].cmp(&db[i]);
                break;
            }
        }
        if sa < 0 {
            ord.reverse()
        } else {
            ord
        }
    }
}

/// CPython's numeric hash of an int.
pub unsafe fn hash_value(op: *mut PyObject) -> Py_hash_t {
    unsafe {
        use crate::runtime::pyhash::{PYHASH_BITS, PYHASH_MODULUS};
        let mut x: u64 = 0;
        for &d in digits(op).iter().rev() {
            x = ((x << PyLong_SHIFT) & PYHASH_MODULUS) | (x >> (PYHASH_BITS - PyLong_SHIFT));
            x += d as u64;
            if x >= PYHASH_MODULUS {
                x -= PYHASH_MODULUS;
            }
        }
        let mut h = x as i64;
        if Py_SIZE(op) < 0 {
            h = -h;
        }
        if h == -1 {
            -2
        } else {
            h as Py_hash_t
        }
    }
}

// ---------------------------------------------------------------- slots

unsafe extern "C" fn long_dealloc(op: *mut PyObject) {
    unsafe {
        if is_small_ptr(op) {
            // A statically allocated small int: never freed (see design note).
            new_reference(op);
            (*op).ob_refcnt = 1 << 30;
            return;
        }
        if (*op).ob_type == &raw mut PyLong_Type {
            // Exact int: its tp_free is PyObject_Free; call it inlined.
            crate::runtime::obmalloc::object_free(op as *mut c_void);
            return;
        }
        super::typeobject::free_instance(op)
    }
}

unsafe extern "C" fn long_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { super::unicodeobject::from_str(&to_decimal_string(op)?) })
}

unsafe extern "C" fn long_hash(op: *mut PyObject) -> Py_hash_t {
    unsafe { hash_value(op) }
}

unsafe extern "C" fn long_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    unsafe {
        if !is_long(a) || !is_long(b) {
            return super::noneobject::new_not_implemented();
        }
        let c = compare(a, b);
        super::boolobject::from_bool(cmp_result(c, op))
    }
}

/// Apply a rich-comparison operator to a three-way result.
pub fn cmp_result(c: core::cmp::Ordering, op: c_int) -> bool {
    use core::cmp::Ordering::*;
    match op {
        Py_LT => c == Less,
        Py_LE => c != Greater,
        Py_EQ => c == Equal,
        Py_NE => c != Equal,
        Py_GT => c == Greater,
        _ => c != Less,
    }
}

unsafe extern "C" fn long_bool(op: *mut PyObject) -> c_int {
    unsafe { (Py_SIZE(op) != 0) as c_int }
}

/// An exact int with the value of `op` (an int or int subclass instance).
pub unsafe fn exact_copy(op: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if is_long_exact(op) {
            return Ok(Owned::from_borrowed(op));
        }
        from_digits(Py_SIZE(op) < 0, digits(op))
    }
}

unsafe extern "C" fn long_long(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { exact_copy(op) })
}

unsafe extern "C" fn long_neg(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { from_digits(Py_SIZE(op) > 0, digits(op)) })
}

unsafe extern "C" fn long_abs(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { from_digits(false, digits(op)) })
}

unsafe extern "C" fn long_invert(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if let Some(x) = small_value(op) {
            return from_i64(!x);
        }
        from_big(&(-to_big(op) - 1))
    })
}

unsafe extern "C" fn long_float(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { super::floatobject::from_f64(as_f64(op)?) })
}

macro_rules! binary_slot {
    ($name:ident, |$a:ident, $b:ident| $body:expr) => {
        unsafe extern "C" fn $name($a: *mut PyObject, $b: *mut PyObject) -> *mut PyObject {
            guard_obj(|| unsafe {
                check_binop!($a, $b);
                $body
            })
        }
    };
}

binary_slot!(long_add, |a, b| add(a, b));
binary_slot!(long_sub, |a, b| sub(a, b));
binary_slot!(long_mul, |a, b| mul(a, b));
binary_slot!(long_lshift, |a, b| lshift(a, b));
binary_slot!(long_rshift, |a, b| rshift(a, b));
binary_slot!(long_floordiv, |a, b| Ok(divmod_values(a, b, false)?.0));
binary_slot!(long_mod, |a, b| Ok(divmod_values(a, b, true)?.1));
binary_slot!(long_divmod, |a, b| {
    let (q, r) = divmod_values(a, b, false)?;
    super::tupleobject::from_owned(vec![q, r])
});
binary_slot!(long_truediv, |a, b| super::floatobject::from_f64(true_divide(a, b)?));
binary_slot!(long_and, |a, b| match (small_value(a), small_value(b)) {
    (Some(x), Some(y)) => from_i64(x & y),
    _ => from_big(&(to_big(a) & to_big(b))),
});
binary_slot!(long_or, |a, b| match (small_value(a), small_value(b)) {
    (Some(x), Some(y)) => from_i64(x | y),
    _ => from_big(&(to_big(a) | to_big(b))),
});
binary_slot!(long_xor, |a, b| match (small_value(a), small_value(b)) {
    (Some(x), Some(y)) => from_i64(x ^ y),
    _ => from_big(&(to_big(a) ^ to_big(b))),
});

unsafe extern "C" fn long_pow(a: *mut PyObject, b: *mut PyObject, c: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        check_binop!(a, b);
        let none = super::noneobject::none_ptr();
        let c = if c.is_null() || c == none {
            None
        } else if is_long(c) {
            Some(c)
        } else {
            return Ok(super::noneobject::not_implemented());
        };
        power(a, b, c)
    })
}

// ---------------------------------------------------------------- int()

/// `PyNumber_Long`.
pub unsafe fn number_long(o: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if is_long_exact(o) {
            return Ok(Owned::from_borrowed(o));
        }
        let tp = (*o).ob_type;
        let nb = (*tp).tp_as_number;
        if !nb.is_null() {
            if let Some(f) = (*nb).nb_int {
                let r = Owned::from_raw(f(o))?;
                if !is_long(r.as_ptr()) {
                    return Err(errors::type_error(format!(
                        "__int__ returned non-int (type {})",
                        super::typeobject::type_name_str(r.type_ptr())
                    )));
                }
                return exact_copy(r.as_ptr());
            }
            if (*nb).nb_index.is_some() {
                let r = super::abstract_number::index(o)?;
                return exact_copy(r.as_ptr());
            }
        }
        let trunc = super::typeobject::lookup_str(tp, "__trunc__")?;
        if !trunc.is_null() {
            let r = super::abstract_::call_method(o, "__trunc__", &[])?;
            if is_long(r.as_ptr()) {
                return exact_copy(r.as_ptr());
            }
            if !is_index(r.as_ptr()) {
                return Err(errors::type_error(format!(
                    "__trunc__ returned non-Integral (type {})",
                    super::typeobject::type_name_str(r.type_ptr())
                )));
            }
            let i = super::abstract_number::index(r.as_ptr())?;
            return exact_copy(i.as_ptr());
        }
        if super::unicodeobject::is_str(o) {
            let s = super::unicodeobject::to_string_lossy(o);
            return from_str_obj(o, &s, 10);
        }
        if let Some(b) = bytes_content(o) {
            let s = String::from_utf8_lossy(b).into_owned();
            return from_bytes_text(o, &s, 10);
        }
        Err(errors::type_error(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            super::typeobject::type_name_str(tp)
        )))
    }
}

/// The bytes of a `bytes` instance (read through CPython's layout).
pub(crate) unsafe fn bytes_content<'a>(o: *mut PyObject) -> Option<&'a [u8]> {
    unsafe {
        if !type_has_flag((*o).ob_type, Py_TPFLAGS_BYTES_SUBCLASS) {
            return None;
        }
        let b = o as *mut super::bytesobject::PyBytesObject;
        Some(core::slice::from_raw_parts((*b).ob_sval.as_ptr() as *const u8, Py_SIZE(o) as usize))
    }
}

unsafe fn from_bytes_text(orig: *mut PyObject, s: &str, base: u32) -> PyResult<Owned> {
    unsafe { from_str_obj(orig, s, base) }
}

unsafe extern "C" fn long_new(tp: *mut PyTypeObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let [x, base] = parse_args("int", args, kw, ["", "base"], 1, 2, 0)?;
        let v = match (x, base) {
            (None, None) => small(0),
            (None, Some(_)) => return Err(errors::type_error("int() missing string argument")),
            (Some(x), None) => number_long(x)?,
            (Some(x), Some(b)) => {
                let bi = super::abstract_number::index(b)?;
                let base = match as_i64(bi.as_ptr()) {
                    Some(v) if v == 0 || (2..=36).contains(&v) => v as u32,
                    _ => return Err(errors::value_error("int() base must be >= 2 and <= 36, or 0")),
                };
                if super::unicodeobject::is_str(x) {
                    let s = super::unicodeobject::to_string_lossy(x);
                    from_str_obj(x, &s, base)?
                } else if let Some(bytes) = bytes_content(x) {
                    let s = String::from_utf8_lossy(bytes).into_owned();
                    from_bytes_text(x, &s, base)?
                } else {
                    return Err(errors::type_error("int() can't convert non-string with explicit base"));
                }
            }
        };
        if tp == &raw mut PyLong_Type {
            return Ok(v);
        }
        subtype_from(tp, v.as_ptr())
    })
}

/// An instance of the int subclass `tp` with the value of the int `v`.
pub unsafe fn subtype_from(tp: *mut PyTypeObject, v: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let d = digits(v);
        let o = super::typeobject::alloc_instance(tp, d.len() as Py_ssize_t)?;
        let p = (*(o.as_ptr() as *mut PyLongObject)).ob_digit.as_mut_ptr();
        core::ptr::copy_nonoverlapping(d.as_ptr(), p, d.len());
        Py_SET_SIZE(o.as_ptr(), Py_SIZE(v));
        Ok(o)
    }
}

// ---------------------------------------------------------------- argument parsing (shared by the number types)

/// Parse `(args, kwargs)` against `names`: the first `npos_only` are
/// positional-only, at most `max_pos` positional, the first `required` required.
/// Returns borrowed pointers (kept alive by the caller's tuple/dict).
pub(crate) unsafe fn parse_args<const N: usize>(
    fname: &str,
    args: *mut PyObject,
    kw: *mut PyObject,
    names: [&str; N],
    npos_only: usize,
    max_pos: usize,
    required: usize,
) -> PyResult<[Option<*mut PyObject>; N]> {
    unsafe {
        let mut out = [None; N];
        let pos: &[*mut PyObject] = if args.is_null() { &[] } else { super::tupleobject::as_slice(args) };
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        if pos.len() > N {
            return Err(errors::type_error(format!("{}() takes at most {} argument{} ({} given)", fname, N, plural(N), pos.len())));
        }
        if pos.len() > max_pos {
            return Err(errors::type_error(if max_pos == 0 {
                format!("{}() takes no positional arguments", fname)
            } else {
                format!("{}() takes at most {} positional argument{} ({} given)", fname, max_pos, plural(max_pos), pos.len())
            }));
        }
        for (i, &p) in pos.iter().enumerate() {
            out[i] = Some(p);
        }
        if !kw.is_null() {
            for (k, v) in super::dictobject::items_borrowed(kw) {
                let key = super::unicodeobject::to_string_lossy(k);
                match names.iter().position(|n| !n.is_empty() && *n == key) {
                    Some(i) if i >= npos_only => {
                        if out[i].is_some() {
                            return Err(errors::type_error(format!(
                                "argument for {}() given by name ('{}') and position ({})",
                                fname,
                                key,
                                i + 1
                            )));
                        }
                        out[i] = Some(v);
                    }
                    _ => {
                        return Err(errors::type_error(format!(
                            "'{}' is an invalid keyword argument for {}()",
                            key, fname
                        )))
                    }
                }
            }
        }
        for i in 0..required {
            if out[i].is_none() {
                return Err(errors::type_error(if i < npos_only || names[i].is_empty() {
                    format!("{}() takes at least {} positional argument{} ({} given)", fname, required, if required == 1 { "" } else { "s" }, pos.len())
                } else {
                    format!("{}() missing required argument '{}' (pos {})", fname, names[i], i + 1)
                }));
            }
        }
        Ok(out)
    }
}

// ---------------------------------------------------------------- methods

unsafe extern "C" fn long_bit_length(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { from_u64(num_bits(op)) })
}

unsafe extern "C" fn long_bit_count(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { from_u64(digits(op).iter().map(|d| d.count_ones() as u64).sum()) })
}

unsafe fn byteorder_arg(o: Option<*mut PyObject>) -> PyResult<bool> {
    unsafe {
        let Some(o) = o else { return Ok(false) };
        if !super::unicodeobject::is_str(o) {
            return Err(errors::type_error(format!(
                "to_bytes() argument 'byteorder' must be str, not {}",
                super::typeobject::type_name_str((*o).ob_type)
            )));
        }
        if super::unicodeobject::eq_str(o, "little") {
            Ok(true)
        } else if super::unicodeobject::eq_str(o, "big") {
            Ok(false)
        } else {
            Err(errors::value_error("byteorder must be either 'little' or 'big'"))
        }
    }
}

unsafe extern "C" fn long_to_bytes(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let [length, order, signed] = parse_args("to_bytes", args, kw, ["length", "byteorder", "signed"], 0, 2, 0)?;
        let n = match length {
            None => 1,
            Some(l) => {
                let n = as_ssize_index(l, Some(super::exceptions::PyExc_OverflowError))?;
                if n < 0 {
                    return Err(errors::value_error("length argument must be non-negative"));
                }
                n as usize
            }
        };
        let little = byteorder_arg(order)?;
        let signed = match signed {
            None => false,
            Some(s) => super::abstract_::is_true(s)?,
        };
        let mut buf = vec![0u8; n];
        to_byte_array(op, &mut buf, little, signed)?;
        super::bytesobject::from_slice(&buf)
    })
}

unsafe extern "C" fn long_from_bytes(cls: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let [bytes, order, signed] = parse_args("from_bytes", args, kw, ["bytes", "byteorder", "signed"], 0, 2, 1)?;
        let little = byteorder_arg(order)?;
        let signed = match signed {
            None => false,
            Some(s) => super::abstract_::is_true(s)?,
        };
        let src = bytes.unwrap();
        let data: Vec<u8> = match bytes_content(src) {
            Some(b) => b.to_vec(),
            None => {
                let items = super::abstract_::collect(src)?;
                let mut v = Vec::with_capacity(items.len());
                for it in items {
                    let i = super::abstract_number::index(it.as_ptr())?;
                    match as_i64(i.as_ptr()) {
                        Some(x) if (0..256).contains(&x) => v.push(x as u8),
                        _ => return Err(errors::value_error("bytes must be in range(0, 256)")),
                    }
                }
                v
            }
        };
        let v = from_byte_array(&data, little, signed)?;
        if cls == &raw mut PyLong_Type as *mut PyObject {
            Ok(v)
        } else {
            super::abstract_::call_function(cls, &[v.as_ptr()])
        }
    })
}

unsafe extern "C" fn long_as_integer_ratio(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { super::tupleobject::from_owned(vec![exact_copy(op)?, small(1)]) })
}

unsafe extern "C" fn long_round(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = super::tupleobject::as_slice(args);
        if a.len() > 1 {
            return Err(errors::type_error(format!("__round__ expected at most 1 argument, got {}", a.len())));
        }
        if a.is_empty() {
            return exact_copy(op);
        }
        let nd = super::abstract_number::index(a[0])?;
        if Py_SIZE(nd.as_ptr()) >= 0 {
            return exact_copy(op);
        }
        // Rounding to more digits than the value has gives 0.
        let max_digits = num_bits(op) * 302 / 1000 + 2;
        let m = match as_i64(nd.as_ptr()) {
            Some(m) if ((-m) as u64) <= max_digits => (-m) as u32,
            _ => return Ok(small(0)),
        };
        let p = num_traits::Pow::pow(BigInt::from(10), m);
        let x = to_big(op);
        let (mut q, r) = x.div_mod_floor(&p);
        let twice: BigInt = r << 1usize;
        if twice > p || (twice == p && q.is_odd()) {
            q += 1;
        }
        from_big(&(q * p))
    })
}

unsafe extern "C" fn long_sizeof(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let n = digits(op).len().max(1);
        from_u64(((*(*op).ob_type).tp_basicsize as usize + n * size_of::<digit>()) as u64)
    })
}

unsafe extern "C" fn long_getnewargs(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { super::tupleobject::from_owned(vec![exact_copy(op)?]) })
}

unsafe extern "C" fn long_format_meth(op: *mut PyObject, spec: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !super::unicodeobject::is_str(spec) {
            return Err(errors::type_error(format!(
                "format() argument 2 must be str, not {}",
                super::typeobject::type_name_str((*spec).ob_type)
            )));
        }
        let s = super::unicodeobject::to_string_lossy(spec);
        let text = super::formatter::format_int(op, &s)?;
        super::unicodeobject::from_str(&text)
    })
}

unsafe extern "C" fn long_is_integer_self(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { exact_copy(op) })
}

static mut LONG_METHODS: [PyMethodDef; 15] = [
    PyMethodDef { ml_name: c"conjugate".as_ptr(), ml_meth: long_is_integer_self as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Returns self, the complex conjugate of any int.".as_ptr() },
    PyMethodDef { ml_name: c"bit_length".as_ptr(), ml_meth: long_bit_length as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Number of bits necessary to represent self in binary.".as_ptr() },
    PyMethodDef { ml_name: c"bit_count".as_ptr(), ml_meth: long_bit_count as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Number of ones in the binary representation of the absolute value of self.".as_ptr() },
    PyMethodDef { ml_name: c"to_bytes".as_ptr(), ml_meth: long_to_bytes as *mut c_void, ml_flags: METH_VARARGS | METH_KEYWORDS, ml_doc: c"Return an array of bytes representing an integer.".as_ptr() },
    PyMethodDef { ml_name: c"from_bytes".as_ptr(), ml_meth: long_from_bytes as *mut c_void, ml_flags: METH_VARARGS | METH_KEYWORDS | METH_CLASS, ml_doc: c"Return the integer represented by the given array of bytes.".as_ptr() },
    PyMethodDef { ml_name: c"as_integer_ratio".as_ptr(), ml_meth: long_as_integer_ratio as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Return integer ratio.".as_ptr() },
    PyMethodDef { ml_name: c"__trunc__".as_ptr(), ml_meth: long_is_integer_self as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Truncating an Integral returns itself.".as_ptr() },
    PyMethodDef { ml_name: c"__floor__".as_ptr(), ml_meth: long_is_integer_self as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Flooring an Integral returns itself.".as_ptr() },
    PyMethodDef { ml_name: c"__ceil__".as_ptr(), ml_meth: long_is_integer_self as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Ceiling of an Integral returns itself.".as_ptr() },
    PyMethodDef { ml_name: c"__round__".as_ptr(), ml_meth: long_round as *mut c_void, ml_flags: METH_VARARGS, ml_doc: c"Rounding an Integral returns itself.\n\nRounding with an ndigits argument also returns an integer.".as_ptr() },
    PyMethodDef { ml_name: c"__getnewargs__".as_ptr(), ml_meth: long_getnewargs as *mut c_void, ml_flags: METH_NOARGS, ml_doc: core::ptr::null() },
    PyMethodDef { ml_name: c"__format__".as_ptr(), ml_meth: long_format_meth as *mut c_void, ml_flags: METH_O, ml_doc: c"Convert to a string according to format_spec.".as_ptr() },
    PyMethodDef { ml_name: c"__sizeof__".as_ptr(), ml_meth: long_sizeof as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Returns size in memory, in bytes.".as_ptr() },
    PyMethodDef { ml_name: c"__index__".as_ptr(), ml_meth: long_is_integer_self as *mut c_void, ml_flags: METH_NOARGS | METH_COEXIST, ml_doc: c"Return self converted to an integer, if self is suitable for use as an index into a list.".as_ptr() },
    PyMethodDef::SENTINEL,
];

unsafe extern "C" fn long_get_self(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { exact_copy(op) })
}
unsafe extern "C" fn long_get_zero(_: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    small(0).into_raw()
}
unsafe extern "C" fn long_get_one(_: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    small(1).into_raw()
}

static mut LONG_GETSET: [PyGetSetDef; 5] = [
    PyGetSetDef { name: c"real".as_ptr(), get: Some(long_get_self), set: None, doc: c"the real part of a complex number".as_ptr(), closure: null_mut() },
    PyGetSetDef { name: c"imag".as_ptr(), get: Some(long_get_zero), set: None, doc: c"the imaginary part of a complex number".as_ptr(), closure: null_mut() },
    PyGetSetDef { name: c"numerator".as_ptr(), get: Some(long_get_self), set: None, doc: c"the numerator of a rational number in lowest terms".as_ptr(), closure: null_mut() },
    PyGetSetDef { name: c"denominator".as_ptr(), get: Some(long_get_one), set: None, doc: c"the denominator of a rational number in lowest terms".as_ptr(), closure: null_mut() },
    PyGetSetDef::SENTINEL,
];
