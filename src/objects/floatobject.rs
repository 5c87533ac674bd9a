//! `float`: a C double in `ob_fval`, as in CPython.
//!
//! Design note. Arithmetic mixes with `int` by converting the int to a double
//! (OverflowError when it does not fit), except comparisons, which are exact
//! (a float and a huge int compare by value, as CPython's `float_richcompare`).
//! `%` and `//` follow CPython's `float_divmod` so signs match Python's
//! floor semantics, and `**` follows `float_pow` (IEEE special cases, a
//! complex result for a negative base and a fractional exponent, errno-style
//! OverflowError). NaN hashes by identity (3.10+). Text conversion lives in
//! `formatter.rs`.
use super::object::*;

#[repr(C)]
pub struct PyFloatObject {
    pub ob_base: PyObject,
    pub ob_fval: f64,
}

use super::longobject as l;
use super::pyref::*;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::guard_obj;
use core::mem::size_of;
use core::ptr::null_mut;
use libc::{c_int, c_void};
use num_bigint::{BigInt, BigUint};
use num_integer::Integer;
use num_traits::{ToPrimitive, Zero};

#[no_mangle]
pub static mut PyFloat_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_MATCH_SELF,
    tp_dealloc: Some(float_dealloc),
    tp_repr: Some(float_repr),
    tp_hash: Some(float_hash),
    tp_richcompare: Some(float_richcompare),
    tp_as_number: &raw mut FLOAT_AS_NUMBER,
    tp_methods: &raw mut FLOAT_METHODS as *mut PyMethodDef,
    tp_getset: &raw mut FLOAT_GETSET as *mut PyGetSetDef,
    tp_new: Some(float_new),
    tp_doc: c"Convert a string or number to a floating point number, if possible.".as_ptr(),
    ..PyTypeObject::new(c"float", size_of::<PyFloatObject>(), 0)
};

static mut FLOAT_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_add: Some(float_add),
    nb_subtract: Some(float_sub),
    nb_multiply: Some(float_mul),
    nb_remainder: Some(float_rem),
    nb_divmod: Some(float_divmod),
    nb_power: Some(float_pow),
    nb_negative: Some(float_neg),
    nb_positive: Some(float_float),
    nb_absolute: Some(float_abs),
    nb_bool: Some(float_bool),
    nb_int: Some(float_trunc_slot),
    nb_float: Some(float_float),
    nb_floor_divide: Some(float_floordiv),
    nb_true_divide: Some(float_div),
    ..PyNumberMethods::EMPTY
};

pub unsafe fn is_float(op: *mut PyObject) -> bool {
    unsafe { super::typeobject::type_check(op, &raw mut PyFloat_Type) }
}

#[inline]
pub unsafe fn value(op: *mut PyObject) -> f64 {
    unsafe { (*(op as *mut PyFloatObject)).ob_fval }
}

/// Dead exact floats kept for reuse (CPython keeps up to 100 too); emptied at
/// finalisation by `clear_free_list`.
static FREE_LIST: FreeList<100> = FreeList::new();

/// Release the floats kept for reuse (finalisation).
pub unsafe fn clear_free_list() {
    unsafe { FREE_LIST.drain(|op| crate::runtime::obmalloc::object_free(op as *mut c_void)) }
}

/// A new exact float (inlined: it is PyFloat_FromDouble's whole body).
#[inline(always)]
pub fn from_f64(v: f64) -> PyResult<Owned> {
    unsafe {
        let mut mem = FREE_LIST.pop() as *mut PyFloatObject;
        if mem.is_null() {
            mem = crate::runtime::obmalloc::object_malloc(size_of::<PyFloatObject>()) as *mut PyFloatObject;
            if mem.is_null() {
                return Err(errors::no_memory());
            }
        }
        (*mem).ob_base.ob_type = &raw mut PyFloat_Type;
        (*mem).ob_fval = v;
        new_reference(mem as *mut PyObject);
        Ok(Owned::from_raw_nonnull(mem as *mut PyObject))
    }
}

/// An instance of the float subclass `tp` (or float) holding `v`.
pub unsafe fn subtype_from(tp: *mut PyTypeObject, v: f64) -> PyResult<Owned> {
    unsafe {
        if tp == &raw mut PyFloat_Type {
            return from_f64(v);
        }
        let o = super::typeobject::alloc_instance(tp, 0)?;
        (*(o.as_ptr() as *mut PyFloatObject)).ob_fval = v;
        Ok(o)
    }
}

/// The operand as a double: float, or int converted; None: not a number we handle.
unsafe fn operand(op: *mut PyObject) -> PyResult<Option<f64>> {
    unsafe {
        if is_float(op) {
            Ok(Some(value(op)))
        } else if l::is_long(op) {
            Ok(Some(l::as_f64(op)?))
        } else {
            Ok(None)
        }
    }
}

/// Overflow the way CPython's errno-based checks report it.
pub fn erange_error() -> errors::Raised {
    unsafe {
        match (l::from_i64(34), super::unicodeobject::from_str("Numerical result out of range")) {
            (Ok(n), Ok(s)) => match super::tupleobject::from_owned(vec![n, s]) {
                Ok(t) => errors::set_object(super::exceptions::PyExc_OverflowError, t.as_ptr()),
                Err(e) => e,
            },
            (Err(e), _) | (_, Err(e)) => e,
        }
    }
}

// ---------------------------------------------------------------- arithmetic cores

/// `float_divmod` on doubles.
pub fn divmod_f64(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

pub fn mod_f64(vx: f64, wx: f64) -> f64 {
    let mut m = vx % wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    m
}

fn is_odd_integer(x: f64) -> bool {
    (x % 2.0).abs() == 1.0
}

/// `float ** float` as CPython's `float_pow` (may return a complex).
pub fn float_pow_values(iv: f64, iw: f64) -> PyResult<Owned> {
    if iw == 0.0 {
        return from_f64(1.0);
    }
    if iv.is_nan() {
        return from_f64(iv);
    }
    if iw.is_nan() {
        return from_f64(if iv == 1.0 { 1.0 } else { iw });
    }
    if iw.is_infinite() {
        let a = iv.abs();
        return from_f64(if a == 1.0 {
            1.0
        } else if (iw > 0.0) == (a > 1.0) {
            iw.abs()
        } else {
            0.0
        });
    }
    if iv.is_infinite() {
        let odd = is_odd_integer(iw);
        return from_f64(if iw > 0.0 {
            if odd { iv } else { iv.abs() }
        } else if odd {
            0.0f64.copysign(iv)
        } else {
            0.0
        });
    }
    if iv == 0.0 {
        if iw < 0.0 {
            return Err(errors::zero_division_error("0.0 cannot be raised to a negative power"));
        }
        return from_f64(if is_odd_integer(iw) { iv } else { 0.0 });
    }
    let mut negate = false;
    let mut v = iv;
    if iv < 0.0 {
        if iw != iw.floor() {
            let r = super::complexobject::c_pow(
                super::complexobject::Py_complex { real: iv, imag: 0.0 },
                super::complexobject::Py_complex { real: iw, imag: 0.0 },
            )?;
            return super::complexobject::from_c(r);
        }
        v = -iv;
        negate = is_odd_integer(iw);
    }
    if v == 1.0 {
        return from_f64(if negate { -1.0 } else { 1.0 });
    }
    let mut ix = v.powf(iw);
    if negate {
        ix = -ix;
    }
    if ix.is_infinite() {
        return Err(erange_error());
    }
    from_f64(ix)
}

// ---------------------------------------------------------------- slots

unsafe extern "C" fn float_dealloc(op: *mut PyObject) {
    unsafe {
        // Exact floats go to the free list while it has room.
        if (*op).ob_type == &raw mut PyFloat_Type && FREE_LIST.push(op) {
            return;
        }
        super::typeobject::free_instance(op)
    }
}

unsafe extern "C" fn float_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { super::unicodeobject::from_str(&super::formatter::repr_f64(value(op))) })
}

unsafe extern "C" fn float_hash(op: *mut PyObject) -> Py_hash_t {
    unsafe {
        let v = value(op);
        crate::runtime::pyhash::hash_double(v).unwrap_or_else(|| crate::runtime::pyhash::hash_pointer(op as *const c_void))
    }
}

/// Exact three-way comparison of a double with an int (None when `x` is NaN).
pub unsafe fn compare_with_int(x: f64, i: *mut PyObject) -> Option<core::cmp::Ordering> {
    unsafe {
        use core::cmp::Ordering::*;
        if x.is_nan() {
            return None;
        }
        if x.is_infinite() {
            return Some(if x > 0.0 { Greater } else { Less });
        }
        if let Some(v) = l::as_i64(i) {
            if v.abs() <= 1 << 53 {
                return x.partial_cmp(&(v as f64));
            }
        }
        let fl = x.floor();
        let big = l::to_big(i);
        Some(match l::f64_to_big(fl).cmp(&big) {
            Equal => {
                if x > fl {
                    Greater
                } else {
                    Equal
                }
            }
            o => o,
        })
    }
}

unsafe extern "C" fn float_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !is_float(a) {
            return Ok(super::noneobject::not_implemented());
        }
        let x = value(a);
        let c = if is_float(b) {
            x.partial_cmp(&value(b))
        } else if l::is_long(b) {
            compare_with_int(x, b)
        } else {
            return Ok(super::noneobject::not_implemented());
        };
        let r = match c {
            None => op == Py_NE,
            Some(c) => l::cmp_result(c, op),
        };
        Ok(super::boolobject::owned_bool(r))
    })
}

macro_rules! float_binop {
    ($name:ident, |$x:ident, $y:ident| $body:expr) => {
        unsafe extern "C" fn $name(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
            guard_obj(|| unsafe {
                let ($x, $y) = match (operand(a)?, operand(b)?) {
                    (Some(x), Some(y)) => (x, y),
                    _ => return Ok(super::noneobject::not_implemented()),
                };
                $body
            })
        }
    };
}

float_binop!(float_add, |x, y| from_f64(x + y));
float_binop!(float_sub, |x, y| from_f64(x - y));
float_binop!(float_mul, |x, y| from_f64(x * y));
float_binop!(float_div, |x, y| {
    if y == 0.0 {
        return Err(errors::zero_division_error("float division by zero"));
    }
    from_f64(x / y)
});
float_binop!(float_rem, |x, y| {
    if y == 0.0 {
        return Err(errors::zero_division_error("float modulo"));
    }
    from_f64(mod_f64(x, y))
});
float_binop!(float_floordiv, |x, y| {
    if y == 0.0 {
        return Err(errors::zero_division_error("float floor division by zero"));
    }
    from_f64(divmod_f64(x, y).0)
});
float_binop!(float_divmod, |x, y| {
    if y == 0.0 {
        return Err(errors::zero_division_error("float divmod()"));
    }
    let (q, r) = divmod_f64(x, y);
    super::tupleobject::from_owned(vec![from_f64(q)?, from_f64(r)?])
});

unsafe extern "C" fn float_pow(a: *mut PyObject, b: *mut PyObject, c: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !c.is_null() && c != super::noneobject::none_ptr() {
            return Err(errors::type_error("pow() 3rd argument not allowed unless all arguments are integers"));
        }
        match (operand(a)?, operand(b)?) {
            (Some(x), Some(y)) => float_pow_values(x, y),
            _ => Ok(super::noneobject::not_implemented()),
        }
    })
}

unsafe extern "C" fn float_neg(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { from_f64(-value(op)) })
}
unsafe extern "C" fn float_abs(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { from_f64(value(op).abs()) })
}
unsafe extern "C" fn float_bool(op: *mut PyObject) -> c_int {
    unsafe { (value(op) != 0.0) as c_int }
}
/// `+x` / `__float__`: the float itself when exact, else a plain float copy.
unsafe extern "C" fn float_float(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if (*op).ob_type == &raw mut PyFloat_Type {
            Ok(Owned::from_borrowed(op))
        } else {
            from_f64(value(op))
        }
    })
}
unsafe extern "C" fn float_trunc_slot(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { l::from_f64(value(op)) })
}

// ---------------------------------------------------------------- float()

fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Parse float text as `float()` does (None: invalid).
pub fn parse_float(text: &str) -> Option<f64> {
    let text = l::decimal_and_space_to_ascii(text);
    let s = text.trim_matches(is_py_space);
    if s.is_empty() {
        return None;
    }
    let b = s.as_bytes();
    let mut clean = String::with_capacity(s.len());
    for (i, &c) in b.iter().enumerate() {
        if c == b'_' {
            let ok = i > 0 && i + 1 < b.len() && b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit();
            if !ok {
                return None;
            }
            continue;
        }
        if !c.is_ascii() {
            return None;
        }
        clean.push(c as char);
    }
    let body = clean.trim_start_matches(['+', '-']);
    if clean.len() - body.len() > 1 {
        return None;
    }
    let lower = body.to_ascii_lowercase();
    if lower.starts_with("in") || lower.starts_with("na") {
        if !matches!(lower.as_str(), "inf" | "infinity" | "nan") {
            return None;
        }
    } else if !body.bytes().all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-')) {
        return None;
    }
    clean.parse::<f64>().ok()
}

/// `PyFloat_FromString`-style: parse or raise "could not convert string to float".
pub unsafe fn from_str_obj(orig: *mut PyObject, text: &str) -> PyResult<f64> {
    unsafe {
        match parse_float(text) {
            Some(v) => Ok(v),
            None => {
                let r = super::abstract_::repr_string_checked(orig)?;
                Err(errors::value_error(format!("could not convert string to float: {}", r)))
            }
        }
    }
}

/// `PyNumber_Float` as a double.
pub unsafe fn number_float_value(o: *mut PyObject) -> PyResult<f64> {
    unsafe {
        if (*o).ob_type == &raw mut PyFloat_Type {
            return Ok(value(o));
        }
        let nb = (*(*o).ob_type).tp_as_number;
        if !nb.is_null() && ((*nb).nb_float.is_some() || (*nb).nb_index.is_some()) {
            return super::abstract_number::as_f64(o);
        }
        if super::unicodeobject::is_str(o) {
            let s = super::unicodeobject::to_string_lossy(o);
            return from_str_obj(o, &s);
        }
        if let Some(b) = l::bytes_content(o) {
            let s = String::from_utf8_lossy(b).into_owned();
            return from_str_obj(o, &s);
        }
        Err(errors::type_error(format!(
            "float() argument must be a string or a real number, not '{}'",
            super::typeobject::type_name_str((*o).ob_type)
        )))
    }
}

unsafe extern "C" fn float_new(tp: *mut PyTypeObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !kw.is_null() && super::dictobject::len(kw) > 0 && tp == &raw mut PyFloat_Type {
            return Err(errors::type_error("float() takes no keyword arguments"));
        }
        let a: &[*mut PyObject] = if args.is_null() { &[] } else { super::tupleobject::as_slice(args) };
        if a.len() > 1 {
            return Err(errors::type_error(format!("float expected at most 1 argument, got {}", a.len())));
        }
        let v = if a.is_empty() {
            0.0
        } else {
            if (*a[0]).ob_type == &raw mut PyFloat_Type && tp == &raw mut PyFloat_Type {
                return Ok(Owned::from_borrowed(a[0]));
            }
            number_float_value(a[0])?
        };
        subtype_from(tp, v)
    })
}

// ---------------------------------------------------------------- methods

unsafe extern "C" fn float_is_integer(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    unsafe {
        let x = value(op);
        super::boolobject::from_bool(x.is_finite() && x == x.floor())
    }
}

/// (mantissa, exponent) with x = mantissa * 2**exponent, mantissa odd or zero.
fn decompose(x: f64) -> (i64, i32) {
    if x == 0.0 {
        return (0, 0);
    }
    let bits = x.to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut m, mut e) = if exp_bits == 0 { (frac, -1074) } else { (frac | (1u64 << 52), exp_bits - 1075) };
    let tz = m.trailing_zeros();
    m >>= tz;
    e += tz as i32;
    (if x < 0.0 { -(m as i64) } else { m as i64 }, e)
}

unsafe extern "C" fn float_as_integer_ratio(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let x = value(op);
        if x.is_infinite() {
            return Err(errors::overflow_error("cannot convert Infinity to integer ratio"));
        }
        if x.is_nan() {
            return Err(errors::value_error("cannot convert NaN to integer ratio"));
        }
        let (m, e) = decompose(x);
        let (n, d) = if e >= 0 {
            (BigInt::from(m) << e as usize, BigInt::from(1))
        } else {
            (BigInt::from(m), BigInt::from(1) << (-e) as usize)
        };
        super::tupleobject::from_owned(vec![l::from_big(&n)?, l::from_big(&d)?])
    })
}

unsafe extern "C" fn float_hex(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { super::unicodeobject::from_str(&hex_f64(value(op))) })
}

pub fn hex_f64(x: f64) -> String {
    if x.is_nan() || x.is_infinite() {
        return super::formatter::repr_f64(x);
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{}0x0.0p+0", sign);
    }
    let bits = x.to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (lead, e) = if exp_bits == 0 { (0, -1022) } else { (1, exp_bits - 1023) };
    format!("{}0x{}.{:013x}p{}{}", sign, lead, frac, if e < 0 { "-" } else { "+" }, e.abs())
}

/// Round `m * 2**e` to the nearest double (ties to even), inf on overflow.
pub fn round_scaled(m: &BigUint, e: i64) -> f64 {
    if m.is_zero() {
        return 0.0;
    }
    let nbits = m.bits() as i64;
    let top = nbits + e; // value < 2**top
    if top > 1024 {
        return f64::INFINITY;
    }
    let k = (top + 1074).min(53);
    if k <= 0 {
        // Below half the smallest subnormal, or exactly around it.
        if k == 0 {
            let half_exact = m.bits() as i64 == 1 + m.trailing_zeros().unwrap_or(0) as i64;
            return if half_exact { 0.0 } else { f64::from_bits(1) };
        }
        return 0.0;
    }
    let shift = nbits - k;
    if shift <= 0 {
        return l::ldexp(m.to_u64().unwrap() as f64, e as i32);
    }
    let q0: BigUint = m >> shift as usize;
    let rem: BigUint = m - (&q0 << shift as usize);
    let half: BigUint = BigUint::from(1u32) << (shift as usize - 1);
    let mut q = q0.to_u64().unwrap();
    if rem > half || (rem == half && q & 1 == 1) {
        q += 1;
    }
    l::ldexp(q as f64, (e + shift) as i32)
}

pub fn fromhex_str(text: &str) -> PyResult<f64> {
    let invalid = || errors::value_error("invalid hexadecimal floating-point string");
    let s = text.trim_matches(is_py_space);
    let (neg, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = s.to_ascii_lowercase();
    let sgn = |v: f64| if neg { -v } else { v };
    match lower.as_str() {
        "inf" | "infinity" => return Ok(sgn(f64::INFINITY)),
        "nan" => return Ok(sgn(f64::NAN)),
        _ => {}
    }
    let mut t = lower.as_str();
    if let Some(r) = t.strip_prefix("0x") {
        t = r;
    }
    let (mant, exp) = match t.find('p') {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let (ip, fp) = match mant.find('.') {
        Some(i) => (&mant[..i], &mant[i + 1..]),
        None => (mant, ""),
    };
    if ip.is_empty() && fp.is_empty() {
        return Err(invalid());
    }
    if !ip.bytes().chain(fp.bytes()).all(|c| c.is_ascii_hexdigit()) {
        return Err(invalid());
    }
    let e: i64 = match exp {
        None => 0,
        Some(x) => {
            let body = x.trim_start_matches(['+', '-']);
            if body.is_empty() || x.len() - body.len() > 1 || !body.bytes().all(|c| c.is_ascii_digit()) {
                return Err(invalid());
            }
            match x.parse::<i64>() {
                Ok(v) => v.clamp(-1 << 40, 1 << 40),
                Err(_) => {
                    if x.starts_with('-') {
                        -(1 << 40)
                    } else {
                        1 << 40
                    }
                }
            }
        }
    };
    let digits = format!("{}{}", ip, fp);
    let m = BigUint::parse_bytes(digits.as_bytes(), 16).unwrap_or_default();
    let v = round_scaled(&m, e - 4 * fp.len() as i64);
    if v.is_infinite() {
        return Err(errors::overflow_error("hexadecimal value too large to represent as a float"));
    }
    Ok(sgn(v))
}

unsafe extern "C" fn float_fromhex(cls: *mut PyObject, arg: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !super::unicodeobject::is_str(arg) {
            return Err(errors::type_error(format!(
                "fromhex() argument must be str, not {}",
                super::typeobject::type_name_str((*arg).ob_type)
            )));
        }
        let v = fromhex_str(&super::unicodeobject::to_string_lossy(arg))?;
        let f = from_f64(v)?;
        if cls == &raw mut PyFloat_Type as *mut PyObject {
            Ok(f)
        } else {
            super::abstract_::call_function(cls, &[f.as_ptr()])
        }
    })
}

unsafe extern "C" fn float_conjugate(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    unsafe { float_float(op) }
}
unsafe extern "C" fn float_trunc(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    unsafe { float_trunc_slot(op) }
}
unsafe extern "C" fn float_floor(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { l::from_f64(value(op).floor()) })
}
unsafe extern "C" fn float_ceil(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { l::from_f64(value(op).ceil()) })
}

/// `round(x, ndigits)` for doubles, correctly rounded (ties to even on the exact value).
pub fn round_f64(x: f64, nd: i64) -> PyResult<f64> {
    const NDIGITS_MAX: i64 = 323;
    const NDIGITS_MIN: i64 = -308;
    if !x.is_finite() || x == 0.0 {
        return Ok(x);
    }
    if nd > NDIGITS_MAX {
        return Ok(x);
    }
    if nd < NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    let r = if nd >= 0 {
        format!("{:.*}", nd as usize, x).parse::<f64>().unwrap_or(x)
    } else {
        let (m, e) = decompose(x);
        let p = num_traits::Pow::pow(BigInt::from(10), (-nd) as u32);
        let (num, den) = if e >= 0 {
            (BigInt::from(m) << e as usize, p.clone())
        } else {
            (BigInt::from(m), &p << (-e) as usize)
        };
        let (mut q, rem) = num.div_mod_floor(&den);
        let twice: BigInt = rem << 1usize;
        if twice > den || (twice == den && q.is_odd()) {
            q += 1;
        }
        let v = q * p;
        let f = l::big_to_f64(&v).unwrap_or(f64::INFINITY);
        f.copysign(x)
    };
    if r.is_infinite() {
        return Err(errors::overflow_error("rounded value too large to represent"));
    }
    Ok(if r == 0.0 { 0.0f64.copysign(x) } else { r })
}

unsafe extern "C" fn float_round(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = super::tupleobject::as_slice(args);
        if a.len() > 1 {
            return Err(errors::type_error(format!("__round__ expected at most 1 argument, got {}", a.len())));
        }
        let x = value(op);
        if a.is_empty() || a[0] == super::noneobject::none_ptr() {
            let r = x.round_ties_even();
            return l::from_f64(r);
        }
        let nd = super::abstract_number::index(a[0])?;
        let nd = match l::as_i64(nd.as_ptr()) {
            Some(v) => v,
            None => {
                if Py_SIZE(nd.as_ptr()) < 0 {
                    i64::MIN
                } else {
                    i64::MAX
                }
            }
        };
        from_f64(round_f64(x, nd)?)
    })
}

unsafe extern "C" fn float_getnewargs(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { super::tupleobject::from_owned(vec![from_f64(value(op))?]) })
}

unsafe extern "C" fn float_format_meth(op: *mut PyObject, spec: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !super::unicodeobject::is_str(spec) {
            return Err(errors::type_error(format!(
                "format() argument 2 must be str, not {}",
                super::typeobject::type_name_str((*spec).ob_type)
            )));
        }
        let s = super::unicodeobject::to_string_lossy(spec);
        super::unicodeobject::from_str(&super::formatter::format_float(value(op), &s)?)
    })
}

unsafe extern "C" fn float_getformat(_cls: *mut PyObject, arg: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !super::unicodeobject::is_str(arg) {
            return Err(errors::type_error(format!(
                "__getformat__() argument must be str, not {}",
                super::typeobject::type_name_str((*arg).ob_type)
            )));
        }
        if !super::unicodeobject::eq_str(arg, "double") && !super::unicodeobject::eq_str(arg, "float") {
            return Err(errors::value_error("__getformat__() argument 1 must be 'double' or 'float'"));
        }
        super::unicodeobject::from_str(if cfg!(target_endian = "little") { "IEEE, little-endian" } else { "IEEE, big-endian" })
    })
}

static mut FLOAT_METHODS: [PyMethodDef; 14] = [
    PyMethodDef { ml_name: c"__getformat__".as_ptr(), ml_meth: float_getformat as *mut c_void, ml_flags: METH_O | METH_CLASS, ml_doc: c"You probably don't want to use this function.".as_ptr() },
    PyMethodDef { ml_name: c"conjugate".as_ptr(), ml_meth: float_conjugate as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Return self, the complex conjugate of any float.".as_ptr() },
    PyMethodDef { ml_name: c"__trunc__".as_ptr(), ml_meth: float_trunc as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Return the Integral closest to x between 0 and x.".as_ptr() },
    PyMethodDef { ml_name: c"__floor__".as_ptr(), ml_meth: float_floor as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Return the floor as an Integral.".as_ptr() },
    PyMethodDef { ml_name: c"__ceil__".as_ptr(), ml_meth: float_ceil as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Return the ceiling as an Integral.".as_ptr() },
    PyMethodDef { ml_name: c"__round__".as_ptr(), ml_meth: float_round as *mut c_void, ml_flags: METH_VARARGS, ml_doc: c"Return the Integral closest to x, rounding half toward even.\n\nWhen an argument is passed, work like built-in round(x, ndigits).".as_ptr() },
    PyMethodDef { ml_name: c"as_integer_ratio".as_ptr(), ml_meth: float_as_integer_ratio as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Return integer ratio.".as_ptr() },
    PyMethodDef { ml_name: c"fromhex".as_ptr(), ml_meth: float_fromhex as *mut c_void, ml_flags: METH_O | METH_CLASS, ml_doc: c"Create a floating-point number from a hexadecimal string.".as_ptr() },
    PyMethodDef { ml_name: c"hex".as_ptr(), ml_meth: float_hex as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Return a hexadecimal representation of a floating-point number.".as_ptr() },
    PyMethodDef { ml_name: c"is_integer".as_ptr(), ml_meth: float_is_integer as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Return True if the float is an integer.".as_ptr() },
    PyMethodDef { ml_name: c"__getnewargs__".as_ptr(), ml_meth: float_getnewargs as *mut c_void, ml_flags: METH_NOARGS, ml_doc: core::ptr::null() },
    PyMethodDef { ml_name: c"__format__".as_ptr(), ml_meth: float_format_meth as *mut c_void, ml_flags: METH_O, ml_doc: c"Formats the float according to format_spec.".as_ptr() },
    PyMethodDef { ml_name: c"__int__".as_ptr(), ml_meth: float_trunc as *mut c_void, ml_flags: METH_NOARGS | METH_COEXIST, ml_doc: c"int(self)".as_ptr() },
    PyMethodDef::SENTINEL,
];

unsafe extern "C" fn float_get_real(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    unsafe { float_float(op) }
}
unsafe extern "C" fn float_get_imag(_: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    guard_obj(|| from_f64(0.0))
}

static mut FLOAT_GETSET: [PyGetSetDef; 3] = [
    PyGetSetDef { name: c"real".as_ptr(), get: Some(float_get_real), set: None, doc: c"the real part of a complex number".as_ptr(), closure: null_mut() },
    PyGetSetDef { name: c"imag".as_ptr(), get: Some(float_get_imag), set: None, doc: c"the imaginary part of a complex number".as_ptr(), closure: null_mut() },
    PyGetSetDef::SENTINEL,
];
