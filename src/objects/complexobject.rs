//! `complex`: two doubles in `cval`, as in CPython.
//!
//! Design note. Operands mix with int and float by widening to a complex
//! (int → double may raise OverflowError). Division is Smith's algorithm as
//! CPython's `_Py_c_quot`; `**` uses repeated squaring for integral exponents
//! up to 100 in magnitude and polar form otherwise, reporting a zero base
//! with a negative or complex exponent as ZeroDivisionError and an infinite
//! result as OverflowError, like CPython's errno checks. Only `==`/`!=` are
//! defined; hashing combines the parts' float hashes with `PyHASH_IMAG`.
use super::object::*;

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct Py_complex {
    pub real: f64,
    pub imag: f64,
}

#[repr(C)]
pub struct PyComplexObject {
    pub ob_base: PyObject,
    pub cval: Py_complex,
}

use super::floatobject as fl;
use super::longobject as l;
use super::pyref::*;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::guard_obj;
use core::mem::{offset_of, size_of};
use libc::{c_int, c_void};

#[no_mangle]
pub static mut PyComplex_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_MATCH_SELF,
    tp_dealloc: Some(complex_dealloc),
    tp_repr: Some(complex_repr),
    tp_hash: Some(complex_hash),
    tp_richcompare: Some(complex_richcompare),
    tp_as_number: &raw mut COMPLEX_AS_NUMBER,
    tp_methods: &raw mut COMPLEX_METHODS as *mut PyMethodDef,
    tp_members: &raw mut COMPLEX_MEMBERS as *mut PyMemberDef,
    tp_new: Some(complex_new),
    tp_doc: c"Create a complex number from a real part and an optional imaginary part.\n\nThis is equivalent to (real + imag*1j) where imag defaults to 0.".as_ptr(),
    ..PyTypeObject::new(c"complex", size_of::<PyComplexObject>(), 0)
};

static mut COMPLEX_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_add: Some(complex_add),
    nb_subtract: Some(complex_sub),
    nb_multiply: Some(complex_mul),
    nb_power: Some(complex_pow),
    nb_negative: Some(complex_neg),
    nb_positive: Some(complex_pos),
    nb_absolute: Some(complex_abs),
    nb_bool: Some(complex_bool),
    nb_true_divide: Some(complex_div),
    ..PyNumberMethods::EMPTY
};

pub unsafe fn is_complex(op: *mut PyObject) -> bool {
    unsafe { super::typeobject::type_check(op, &raw mut PyComplex_Type) }
}

#[inline]
pub unsafe fn cval(op: *mut PyObject) -> Py_complex {
    unsafe { (*(op as *mut PyComplexObject)).cval }
}

pub fn from_c(c: Py_complex) -> PyResult<Owned> {
    unsafe { subtype_from(&raw mut PyComplex_Type, c) }
}

pub fn from_doubles(real: f64, imag: f64) -> PyResult<Owned> {
    from_c(Py_complex { real, imag })
}

pub unsafe fn subtype_from(tp: *mut PyTypeObject, c: Py_complex) -> PyResult<Owned> {
    unsafe {
        let o = if tp == &raw mut PyComplex_Type {
            let mem = crate::runtime::obmalloc::object_malloc(size_of::<PyComplexObject>()) as *mut PyObject;
            if mem.is_null() {
                return Err(errors::no_memory());
            }
            (*mem).ob_type = tp;
            new_reference(mem);
            Owned::from_raw_nonnull(mem)
        } else {
            super::typeobject::alloc_instance(tp, 0)?
        };
        (*(o.as_ptr() as *mut PyComplexObject)).cval = c;
        Ok(o)
    }
}

// ---------------------------------------------------------------- arithmetic cores

pub fn c_sum(a: Py_complex, b: Py_complex) -> Py_complex {
    Py_complex { real: a.real + b.real, imag: a.imag + b.imag }
}
pub fn c_diff(a: Py_complex, b: Py_complex) -> Py_complex {
    Py_complex { real: a.real - b.real, imag: a.imag - b.imag }
}
pub fn c_prod(a: Py_complex, b: Py_complex) -> Py_complex {
    Py_complex { real: a.real * b.real - a.imag * b.imag, imag: a.real * b.imag + a.imag * b.real }
}

/// Smith's division; None when dividing by zero.
pub fn c_quot(a: Py_complex, b: Py_complex) -> Option<Py_complex> {
    let abs_breal = b.real.abs();
    let abs_bimag = b.imag.abs();
    if abs_breal >= abs_bimag {
        if abs_breal == 0.0 {
            return None;
        }
        let ratio = b.imag / b.real;
        let denom = b.real + b.imag * ratio;
        Some(Py_complex { real: (a.real + a.imag * ratio) / denom, imag: (a.imag - a.real * ratio) / denom })
    } else if abs_bimag >= abs_breal {
        let ratio = b.real / b.imag;
        let denom = b.real * ratio + b.imag;
        Some(Py_complex { real: (a.real * ratio + a.imag) / denom, imag: (a.imag * ratio - a.real) / denom })
    } else {
        Some(Py_complex { real: f64::NAN, imag: f64::NAN })
    }
}

fn c_powu(x: Py_complex, mut n: u64) -> Py_complex {
    let mut r = Py_complex { real: 1.0, imag: 0.0 };
    let mut p = x;
    while n > 0 {
        if n & 1 == 1 {
            r = c_prod(r, p);
        }
        p = c_prod(p, p);
        n >>= 1;
    }
    r
}

fn zero_pow_error() -> errors::Raised {
    errors::zero_division_error("0.0 to a negative or complex power")
}

/// `a ** b` with CPython's errors.
pub fn c_pow(a: Py_complex, b: Py_complex) -> PyResult<Py_complex> {
    let r = if b.imag == 0.0 && b.real == b.real.floor() && b.real.abs() <= 100.0 {
        let n = b.real as i64;
        if n >= 0 {
            c_powu(a, n as u64)
        } else {
            match c_quot(Py_complex { real: 1.0, imag: 0.0 }, c_powu(a, (-n) as u64)) {
                Some(q) => q,
                None => return Err(zero_pow_error()),
            }
        }
    } else if b.real == 0.0 && b.imag == 0.0 {
        Py_complex { real: 1.0, imag: 0.0 }
    } else if a.real == 0.0 && a.imag == 0.0 {
        if b.imag != 0.0 || b.real < 0.0 {
            return Err(zero_pow_error());
        }
        Py_complex { real: 0.0, imag: 0.0 }
    } else {
        let vabs = a.real.hypot(a.imag);
        let mut len = vabs.powf(b.real);
        let at = a.imag.atan2(a.real);
        let mut phase = at * b.real;
        if b.imag != 0.0 {
            len /= (at * b.imag).exp();
            phase += b.imag * vabs.ln();
        }
        Py_complex { real: len * phase.cos(), imag: len * phase.sin() }
    };
    if r.real.is_infinite() || r.imag.is_infinite() {
        return Err(errors::overflow_error("complex exponentiation"));
    }
    Ok(r)
}

/// The operand as a complex (complex, int or float); None: NotImplemented.
unsafe fn operand(op: *mut PyObject) -> PyResult<Option<Py_complex>> {
    unsafe {
        if is_complex(op) {
            Ok(Some(cval(op)))
        } else if l::is_long(op) {
            Ok(Some(Py_complex { real: l::as_f64(op)?, imag: 0.0 }))
        } else if fl::is_float(op) {
            Ok(Some(Py_complex { real: fl::value(op), imag: 0.0 }))
        } else {
            Ok(None)
        }
    }
}

// ---------------------------------------------------------------- slots

unsafe extern "C" fn complex_dealloc(op: *mut PyObject) {
    unsafe { super::typeobject::free_instance(op) }
}

/// `repr(complex)`.
pub fn repr_c(c: Py_complex) -> String {
    use super::formatter::repr_f64_no_dot0 as r;
    let im = r(c.imag);
    if c.real == 0.0 && c.real.is_sign_positive() {
        return format!("{}j", im);
    }
    let sign = if im.starts_with('-') { "" } else { "+" };
    format!("({}{}{}j)", r(c.real), sign, im)
}

unsafe extern "C" fn complex_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { super::unicodeobject::from_str(&repr_c(cval(op))) })
}

unsafe extern "C" fn complex_hash(op: *mut PyObject) -> Py_hash_t {
    unsafe {
        let c = cval(op);
        let h = |v: f64| crate::runtime::pyhash::hash_double(v).unwrap_or_else(|| crate::runtime::pyhash::hash_pointer(op as *const c_void));
        let hr = h(c.real) as u64;
        let hi = h(c.imag) as u64;
        let combined = hr.wrapping_add(crate::runtime::pyhash::PYHASH_IMAG.wrapping_mul(hi)) as i64 as Py_hash_t;
        if combined == -1 {
            -2
        } else {
            combined
        }
    }
}

unsafe extern "C" fn complex_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    guard_obj(|| unsafe {
        if (op != Py_EQ && op != Py_NE) || !is_complex(a) {
            return Ok(super::noneobject::not_implemented());
        }
        let x = cval(a);
        let eq = if l::is_long(b) {
            x.imag == 0.0 && fl::compare_with_int(x.real, b) == Some(core::cmp::Ordering::Equal)
        } else if fl::is_float(b) {
            x.imag == 0.0 && x.real == fl::value(b)
        } else if is_complex(b) {
            let y = cval(b);
            x.real == y.real && x.imag == y.imag
        } else {
            return Ok(super::noneobject::not_implemented());
        };
        Ok(super::boolobject::owned_bool(if op == Py_EQ { eq } else { !eq }))
    })
}

macro_rules! complex_binop {
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

complex_binop!(complex_add, |x, y| from_c(c_sum(x, y)));
complex_binop!(complex_sub, |x, y| from_c(c_diff(x, y)));
complex_binop!(complex_mul, |x, y| from_c(c_prod(x, y)));
complex_binop!(complex_div, |x, y| match c_quot(x, y) {
    Some(q) => from_c(q),
    None => Err(errors::zero_division_error("complex division by zero")),
});

unsafe extern "C" fn complex_pow(a: *mut PyObject, b: *mut PyObject, c: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let (x, y) = match (operand(a)?, operand(b)?) {
            (Some(x), Some(y)) => (x, y),
            _ => return Ok(super::noneobject::not_implemented()),
        };
        if !c.is_null() && c != super::noneobject::none_ptr() {
            return Err(errors::value_error("complex modulo"));
        }
        from_c(c_pow(x, y)?)
    })
}

unsafe extern "C" fn complex_neg(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let c = cval(op);
        from_doubles(-c.real, -c.imag)
    })
}
unsafe extern "C" fn complex_pos(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if (*op).ob_type == &raw mut PyComplex_Type {
            Ok(Owned::from_borrowed(op))
        } else {
            from_c(cval(op))
        }
    })
}
/// `abs(complex)`.
pub fn c_abs(c: Py_complex) -> PyResult<f64> {
    if c.real.is_infinite() || c.imag.is_infinite() {
        return Ok(f64::INFINITY);
    }
    if c.real.is_nan() || c.imag.is_nan() {
        return Ok(f64::NAN);
    }
    let r = c.real.hypot(c.imag);
    if r.is_infinite() {
        return Err(errors::overflow_error("absolute value too large"));
    }
    Ok(r)
}
unsafe extern "C" fn complex_abs(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { fl::from_f64(c_abs(cval(op))?) })
}
unsafe extern "C" fn complex_bool(op: *mut PyObject) -> c_int {
    unsafe {
        let c = cval(op);
        (c.real != 0.0 || c.imag != 0.0) as c_int
    }
}

// ---------------------------------------------------------------- complex()

fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Length of the longest float literal at the start of `s` (sign included).
fn float_prefix(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let rest = s[i..].to_ascii_lowercase();
    for word in ["infinity", "inf", "nan"] {
        if rest.starts_with(word) {
            return i + word.len();
        }
    }
    let digits = |i: &mut usize| -> bool {
        let start = *i;
        while *i < b.len() && (b[*i].is_ascii_digit() || (b[*i] == b'_' && *i > start && *i + 1 < b.len() && b[*i + 1].is_ascii_digit())) {
            *i += 1;
        }
        *i > start
    };
    let mut any = digits(&mut i);
    if i < b.len() && b[i] == b'.' {
        i += 1;
        any |= digits(&mut i);
    }
    if !any {
        return 0;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
            j += 1;
        }
        if digits(&mut j) {
            i = j;
        }
    }
    i
}

/// Parse `complex('...')` text (None: malformed).
pub fn parse_complex(text: &str) -> Option<Py_complex> {
    let text = l::decimal_and_space_to_ascii(text);
    let mut s = text.trim_matches(is_py_space);
    if s.starts_with('(') && s.ends_with(')') && s.len() >= 2 {
        s = s[1..s.len() - 1].trim_matches(is_py_space);
    }
    if s.is_empty() {
        return None;
    }
    let num = |t: &str| fl::parse_float(t);
    let is_j = |c: u8| c == b'j' || c == b'J';
    let b = s.as_bytes();
    let n1 = float_prefix(s);
    let (mut re, mut im) = (0.0, 0.0);
    let mut pos;
    if n1 > 0 {
        let x = num(&s[..n1])?;
        pos = n1;
        if pos < b.len() && is_j(b[pos]) {
            im = x;
            pos += 1;
        } else if pos < b.len() && (b[pos] == b'+' || b[pos] == b'-') {
            re = x;
            let n2 = float_prefix(&s[pos..]);
            if n2 > 0 {
                im = num(&s[pos..pos + n2])?;
                pos += n2;
            } else {
                im = if b[pos] == b'-' { -1.0 } else { 1.0 };
                pos += 1;
            }
            if pos < b.len() && is_j(b[pos]) {
                pos += 1;
            } else {
                return None;
            }
        } else {
            re = x;
        }
    } else {
        pos = 0;
        let mut sign = 1.0;
        if pos < b.len() && (b[pos] == b'+' || b[pos] == b'-') {
            if b[pos] == b'-' {
                sign = -1.0;
            }
            pos += 1;
        }
        if pos < b.len() && is_j(b[pos]) {
            im = sign;
            pos += 1;
        } else {
            return None;
        }
    }
    if pos != b.len() {
        return None;
    }
    Some(Py_complex { real: re, imag: im })
}

/// `__complex__` if the type defines it.
unsafe fn try_complex_special(op: *mut PyObject) -> PyResult<Option<Py_complex>> {
    unsafe {
        let f = super::typeobject::lookup_str((*op).ob_type, "__complex__")?;
        if f.is_null() {
            return Ok(None);
        }
        let r = super::abstract_::call_method(op, "__complex__", &[])?;
        if !is_complex(r.as_ptr()) {
            return Err(errors::type_error(format!(
                "__complex__ returned non-complex (type {})",
                super::typeobject::type_name_str(r.type_ptr())
            )));
        }
        Ok(Some(cval(r.as_ptr())))
    }
}

/// `PyComplex_AsCComplex`.
pub unsafe fn as_c(op: *mut PyObject) -> PyResult<Py_complex> {
    unsafe {
        if is_complex(op) {
            return Ok(cval(op));
        }
        if let Some(c) = try_complex_special(op)? {
            return Ok(c);
        }
        Ok(Py_complex { real: super::abstract_number::as_f64(op)?, imag: 0.0 })
    }
}

unsafe fn is_number_like(op: *mut PyObject) -> bool {
    unsafe {
        let nb = (*(*op).ob_type).tp_as_number;
        is_complex(op) || (!nb.is_null() && ((*nb).nb_float.is_some() || (*nb).nb_index.is_some()))
    }
}

unsafe extern "C" fn complex_new(tp: *mut PyTypeObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let [r, i] = l::parse_args("complex", args, kw, ["real", "imag"], 0, 2, 0)?;
        let Some(r) = r else {
            let (re, im) = match i {
                None => (0.0, 0.0),
                Some(i) => {
                    if super::unicodeobject::is_str(i) {
                        return Err(errors::type_error("complex() second arg can't be a string"));
                    }
                    if !is_number_like(i) {
                        return Err(errors::type_error(format!(
                            "complex() second argument must be a number, not '{}'",
                            super::typeobject::type_name_str((*i).ob_type)
                        )));
                    }
                    if is_complex(i) {
                        let ci = cval(i);
                        (0.0 - ci.imag, ci.real)
                    } else {
                        (0.0, super::abstract_number::as_f64(i)?)
                    }
                }
            };
            return subtype_from(tp, Py_complex { real: re, imag: im });
        };
        if super::unicodeobject::is_str(r) {
            if i.is_some() {
                return Err(errors::type_error("complex() can't take second arg if first is a string"));
            }
            let s = super::unicodeobject::to_string_lossy(r);
            return match parse_complex(&s) {
                Some(c) => subtype_from(tp, c),
                None => Err(errors::value_error("complex() arg is a malformed string")),
            };
        }
        if let Some(i) = i {
            if super::unicodeobject::is_str(i) {
                return Err(errors::type_error("complex() second arg can't be a string"));
            }
        }
        let special = try_complex_special(r)?;
        if special.is_none() && !is_number_like(r) {
            return Err(errors::type_error(format!(
                "complex() first argument must be a string or a number, not '{}'",
                super::typeobject::type_name_str((*r).ob_type)
            )));
        }
        if let Some(i) = i {
            if !is_number_like(i) {
                return Err(errors::type_error(format!(
                    "complex() second argument must be a number, not '{}'",
                    super::typeobject::type_name_str((*i).ob_type)
                )));
            }
        }
        let (mut cr, cr_is_complex) = match special {
            Some(c) => (c, true),
            None if is_complex(r) => {
                if i.is_none() && (*r).ob_type == &raw mut PyComplex_Type && tp == &raw mut PyComplex_Type {
                    return Ok(Owned::from_borrowed(r));
                }
                (cval(r), true)
            }
            None => (Py_complex { real: super::abstract_number::as_f64(r)?, imag: 0.0 }, false),
        };
        let mut ci = Py_complex { real: 0.0, imag: 0.0 };
        let mut ci_is_complex = false;
        if let Some(i) = i {
            if is_complex(i) {
                ci = cval(i);
                ci_is_complex = true;
            } else {
                ci.real = super::abstract_number::as_f64(i)?;
            }
        }
        if ci_is_complex {
            cr.real -= ci.imag;
        }
        if cr_is_complex && i.is_some() {
            ci.real += cr.imag;
        } else if cr_is_complex {
            ci.real = cr.imag;
        }
        subtype_from(tp, Py_complex { real: cr.real, imag: ci.real })
    })
}

// ---------------------------------------------------------------- methods and members

unsafe extern "C" fn complex_conjugate(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let c = cval(op);
        from_doubles(c.real, -c.imag)
    })
}
unsafe extern "C" fn complex_getnewargs(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let c = cval(op);
        super::tupleobject::from_owned(vec![fl::from_f64(c.real)?, fl::from_f64(c.imag)?])
    })
}
unsafe extern "C" fn complex_complex(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    unsafe { complex_pos(op) }
}
unsafe extern "C" fn complex_format(op: *mut PyObject, spec: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !super::unicodeobject::is_str(spec) {
            return Err(errors::type_error(format!(
                "format() argument 2 must be str, not {}",
                super::typeobject::type_name_str((*spec).ob_type)
            )));
        }
        if super::unicodeobject::len(spec) == 0 {
            return super::abstract_::str(op);
        }
        let c = cval(op);
        let text = super::formatter::format_complex(c.real, c.imag, &super::unicodeobject::to_string_lossy(spec))?;
        super::unicodeobject::from_str(&text)
    })
}

static mut COMPLEX_METHODS: [PyMethodDef; 5] = [
    PyMethodDef { ml_name: c"conjugate".as_ptr(), ml_meth: complex_conjugate as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Return the complex conjugate of its argument. (3-4j).conjugate() == 3+4j.".as_ptr() },
    PyMethodDef { ml_name: c"__getnewargs__".as_ptr(), ml_meth: complex_getnewargs as *mut c_void, ml_flags: METH_NOARGS, ml_doc: core::ptr::null() },
    PyMethodDef { ml_name: c"__format__".as_ptr(), ml_meth: complex_format as *mut c_void, ml_flags: METH_O, ml_doc: c"Convert to a string according to format_spec.".as_ptr() },
    PyMethodDef { ml_name: c"__complex__".as_ptr(), ml_meth: complex_complex as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Convert this value to exact type complex.".as_ptr() },
    PyMethodDef::SENTINEL,
];

static mut COMPLEX_MEMBERS: [PyMemberDef; 3] = [
    PyMemberDef { name: c"real".as_ptr(), r#type: T_DOUBLE, offset: (offset_of!(PyComplexObject, cval) + offset_of!(Py_complex, real)) as Py_ssize_t, flags: READONLY, doc: c"the real part of a complex number".as_ptr() },
    PyMemberDef { name: c"imag".as_ptr(), r#type: T_DOUBLE, offset: (offset_of!(PyComplexObject, cval) + offset_of!(Py_complex, imag)) as Py_ssize_t, flags: READONLY, doc: c"the imaginary part of a complex number".as_ptr() },
    PyMemberDef::SENTINEL,
];
