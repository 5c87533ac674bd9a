//! The number protocol (CPython's `PyNumber_*`): binary and unary operators
//! with reflected dispatch, in-place forms, and the conversions `__index__`,
//! `__int__`, `__float__`.
use super::abstract_::{binary_op, binary_op1, NbSlot};
use super::object::*;
use super::pyref::*;
use crate::runtime::errors::{self, PyResult};

/// `PyNumber_Index`.
pub unsafe fn index(op: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if super::longobject::is_long(op) {
            return Ok(Owned::from_borrowed(op));
        }
        let tp = (*op).ob_type;
        if (*tp).tp_as_number.is_null() || (*(*tp).tp_as_number).nb_index.is_none() {
            return Err(errors::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                super::typeobject::type_name_str(tp)
            )));
        }
        let r = Owned::from_raw(((*(*tp).tp_as_number).nb_index.unwrap())(op))?;
        if !super::longobject::is_long(r.as_ptr()) {
            return Err(errors::type_error(format!(
                "__index__ returned non-int (type {})",
                super::typeobject::type_name_str(r.type_ptr())
            )));
        }
        Ok(r)
    }
}

/// `PyFloat_AsDouble`-style conversion through `__float__`/`__index__`.
pub unsafe fn as_f64(op: *mut PyObject) -> PyResult<f64> {
    unsafe {
        if super::floatobject::is_float(op) {
            return Ok((*(op as *mut super::floatobject::PyFloatObject)).ob_fval);
        }
        let tp = (*op).ob_type;
        let nb = (*tp).tp_as_number;
        if !nb.is_null() {
            if let Some(f) = (*nb).nb_float {
                let r = Owned::from_raw(f(op))?;
                if !super::floatobject::is_float(r.as_ptr()) {
                    return Err(errors::type_error(format!(
                        "{}.__float__ returned non-float (type {})",
                        super::typeobject::type_name_str(tp),
                        super::typeobject::type_name_str(r.type_ptr())
                    )));
                }
                return Ok((*(r.as_ptr() as *mut super::floatobject::PyFloatObject)).ob_fval);
            }
            if (*nb).nb_index.is_some() {
                let i = index(op)?;
                return super::longobject::as_f64(i.as_ptr());
            }
        }
        Err(errors::type_error(format!(
            "must be real number, not {}",
            super::typeobject::type_name_str(tp)
        )))
    }
}

macro_rules! binops {
    ($( $fname:ident, $slot:ident, $op:literal; )*) => {
        $(
            pub unsafe fn $fname(a: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
                unsafe { binary_op(a, b, |n: &PyNumberMethods| n.$slot, $op) }
            }
        )*
    };
}

binops! {
    subtract, nb_subtract, "-";
    remainder, nb_remainder, "%";
    divmod, nb_divmod, "divmod()";
    lshift, nb_lshift, "<<";
    rshift, nb_rshift, ">>";
    and, nb_and, "&";
    xor, nb_xor, "^";
    or, nb_or, "|";
    floor_divide, nb_floor_divide, "//";
    true_divide, nb_true_divide, "/";
    matrix_multiply, nb_matrix_multiply, "@";
}

/// `PyNumber_Add`: numbers first, then sequence concatenation.
pub unsafe fn add(a: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let r = binary_op1(a, b, |n: &PyNumberMethods| n.nb_add)?;
        if !r.is(super::noneobject::not_implemented_ptr()) {
            return Ok(r);
        }
        let sq = (*(*a).ob_type).tp_as_sequence;
        if !sq.is_null() {
            if let Some(f) = (*sq).sq_concat {
                return Owned::from_raw(f(a, b));
            }
        }
        binary_op(a, b, |n: &PyNumberMethods| n.nb_add, "+")
    }
}

/// `PyNumber_Multiply`: numbers first, then sequence repetition.
pub unsafe fn multiply(a: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let r = binary_op1(a, b, |n: &PyNumberMethods| n.nb_multiply)?;
        if !r.is(super::noneobject::not_implemented_ptr()) {
            return Ok(r);
        }
        for (seq, count) in [(a, b), (b, a)] {
            let sq = (*(*seq).ob_type).tp_as_sequence;
            if !sq.is_null() {
                if let Some(f) = (*sq).sq_repeat {
                    if !super::longobject::is_index(count) {
                        return Err(errors::type_error(format!(
                            "can't multiply sequence by non-int of type '{}'",
                            super::typeobject::type_name_str((*count).ob_type)
                        )));
                    }
                    let n = super::longobject::as_ssize_index(count, Some(super::exceptions::PyExc_OverflowError))?;
                    return Owned::from_raw(f(seq, n));
                }
            }
        }
        binary_op(a, b, |n: &PyNumberMethods| n.nb_multiply, "*")
    }
}

/// `PyNumber_Power(a, b, c)`.
pub unsafe fn power(a: *mut PyObject, b: *mut PyObject, c: *mut PyObject) -> PyResult<Owned> {
    unsafe { ternary_power(a, b, c, None, "** or pow()") }
}

/// `PyNumber_InPlacePower(a, b, c)`.
pub unsafe fn inplace_power(a: *mut PyObject, b: *mut PyObject, c: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let nb = (*(*a).ob_type).tp_as_number;
        let islot = if nb.is_null() { None } else { (*nb).nb_inplace_power };
        ternary_power(a, b, c, islot, "**=")
    }
}

/// CPython's `ternary_op` for `nb_power`: a's slot, b's (first when b's type
/// is a subclass), then the modulus's; `islot` is tried before all of them.
unsafe fn ternary_power(a: *mut PyObject, b: *mut PyObject, c: *mut PyObject, islot: ternaryfunc, opname: &str) -> PyResult<Owned> {
    unsafe {
        let none = super::noneobject::none_ptr();
        let c = if c.is_null() { none } else { c };
        let ni = super::noneobject::not_implemented_ptr();
        if let Some(f) = islot {
            let r = Owned::from_raw(f(a, b, c))?;
            if !r.is(ni) {
                return Ok(r);
            }
        }
        let ta = (*a).ob_type;
        let tb = (*b).ob_type;
        let get = |t: *mut PyTypeObject| -> ternaryfunc {
            if (*t).tp_as_number.is_null() { None } else { (*(*t).tp_as_number).nb_power }
        };
        let sa = get(ta);
        let mut sb = if ta != tb { get(tb) } else { None };
        if sb.map(|f| f as usize) == sa.map(|f| f as usize) {
            sb = None;
        }
        if let Some(fa) = sa {
            if let Some(fb) = sb {
                if super::typeobject::is_subtype(tb, ta) {
                    let r = Owned::from_raw(fb(a, b, c))?;
                    if !r.is(ni) {
                        return Ok(r);
                    }
                    sb = None;
                }
            }
            let r = Owned::from_raw(fa(a, b, c))?;
            if !r.is(ni) {
                return Ok(r);
            }
        }
        if let Some(fb) = sb {
            let r = Owned::from_raw(fb(a, b, c))?;
            if !r.is(ni) {
                return Ok(r);
            }
        }
        if c != none {
            let sc = get((*c).ob_type);
            let same = |x: ternaryfunc| x.map(|f| f as usize) == sc.map(|f| f as usize);
            if let Some(fc) = sc {
                if !same(sa) && !same(sb) {
                    let r = Owned::from_raw(fc(a, b, c))?;
                    if !r.is(ni) {
                        return Ok(r);
                    }
                }
            }
        }
        if c == none {
            Err(errors::type_error(format!(
                "unsupported operand type(s) for {}: '{}' and '{}'",
                opname,
                super::typeobject::type_name_str(ta),
                super::typeobject::type_name_str(tb)
            )))
        } else {
            Err(errors::type_error(format!(
                "unsupported operand type(s) for pow(): '{}', '{}', '{}'",
                super::typeobject::type_name_str(ta),
                super::typeobject::type_name_str(tb),
                super::typeobject::type_name_str((*c).ob_type)
            )))
        }
    }
}

/// In-place operator: the `nb_inplace_*` slot, else the binary operator.
pub unsafe fn inplace(
    a: *mut PyObject,
    b: *mut PyObject,
    islot: NbSlot,
    slot: NbSlot,
    opname: &str,
) -> PyResult<Owned> {
    unsafe {
        let nb = (*(*a).ob_type).tp_as_number;
        if !nb.is_null() {
            if let Some(f) = islot(&*nb) {
                let r = Owned::from_raw(f(a, b))?;
                if !r.is(super::noneobject::not_implemented_ptr()) {
                    return Ok(r);
                }
            }
        }
        binary_op(a, b, slot, opname)
    }
}

macro_rules! unops {
    ($( $fname:ident, $slot:ident, $op:literal; )*) => {
        $(
            pub unsafe fn $fname(a: *mut PyObject) -> PyResult<Owned> {
                unsafe {
                    let nb = (*(*a).ob_type).tp_as_number;
                    if !nb.is_null() {
                        if let Some(f) = (*nb).$slot {
                            return Owned::from_raw(f(a));
                        }
                    }
                    Err(errors::type_error(format!(
                        "bad operand type for {}: '{}'",
                        $op,
                        super::typeobject::type_name_str((*a).ob_type)
                    )))
                }
            }
        )*
    };
}

unops! {
    negative, nb_negative, "unary -";
    positive, nb_positive, "unary +";
    invert, nb_invert, "unary ~";
    absolute, nb_absolute, "abs()";
}

/// `PyNumber_InPlaceAdd`: the in-place and binary number slots, then
/// sequence in-place concatenation and concatenation.
pub unsafe fn inplace_add(a: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let ni = super::noneobject::not_implemented_ptr();
        let nb = (*(*a).ob_type).tp_as_number;
        if !nb.is_null() {
            if let Some(f) = (*nb).nb_inplace_add {
                let r = Owned::from_raw(f(a, b))?;
                if !r.is(ni) {
                    return Ok(r);
                }
            }
        }
        let r = binary_op1(a, b, |n: &PyNumberMethods| n.nb_add)?;
        if !r.is(ni) {
            return Ok(r);
        }
        let sq = (*(*a).ob_type).tp_as_sequence;
        if !sq.is_null() {
            if let Some(f) = (*sq).sq_inplace_concat.or((*sq).sq_concat) {
                return Owned::from_raw(f(a, b));
            }
        }
        binary_op(a, b, |n: &PyNumberMethods| n.nb_add, "+=")
    }
}

/// `PyNumber_InPlaceMultiply`: number slots, then sequence repetition.
pub unsafe fn inplace_multiply(a: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let ni = super::noneobject::not_implemented_ptr();
        let nb = (*(*a).ob_type).tp_as_number;
        if !nb.is_null() {
            if let Some(f) = (*nb).nb_inplace_multiply {
                let r = Owned::from_raw(f(a, b))?;
                if !r.is(ni) {
                    return Ok(r);
                }
            }
        }
        let r = binary_op1(a, b, |n: &PyNumberMethods| n.nb_multiply)?;
        if !r.is(ni) {
            return Ok(r);
        }
        for (seq, count, inplace) in [(a, b, true), (b, a, false)] {
            let sq = (*(*seq).ob_type).tp_as_sequence;
            if sq.is_null() {
                continue;
            }
            let f = if inplace { (*sq).sq_inplace_repeat.or((*sq).sq_repeat) } else { (*sq).sq_repeat };
            if let Some(f) = f {
                if !super::longobject::is_index(count) {
                    return Err(errors::type_error(format!(
                        "can't multiply sequence by non-int of type '{}'",
                        super::typeobject::type_name_str((*count).ob_type)
                    )));
                }
                let n = super::longobject::as_ssize_index(count, Some(super::exceptions::PyExc_OverflowError))?;
                return Owned::from_raw(f(seq, n));
            }
        }
        binary_op(a, b, |n: &PyNumberMethods| n.nb_multiply, "*=")
    }
}

/// `PyNumber_Long` (`int(o)`).
pub unsafe fn long(o: *mut PyObject) -> PyResult<Owned> {
    unsafe { super::longobject::number_long(o) }
}

/// `PyNumber_Float` (`float(o)`): always an exact float.
pub unsafe fn float(o: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if (*o).ob_type == &raw mut super::floatobject::PyFloat_Type {
            return Ok(Owned::from_borrowed(o));
        }
        super::floatobject::from_f64(super::floatobject::number_float_value(o)?)
    }
}

/// `PyNumber_ToBase`: `bin()`/`oct()`/`hex()` text (or decimal) of `__index__`.
pub unsafe fn to_base(o: *mut PyObject, base: i32) -> PyResult<Owned> {
    unsafe {
        if !matches!(base, 2 | 8 | 10 | 16) {
            return Err(errors::system_error("PyNumber_ToBase: base must be 2, 8, 10 or 16"));
        }
        let i = index(o)?;
        let s = if base == 10 {
            super::longobject::to_decimal_string(i.as_ptr())?
        } else {
            super::longobject::to_radix_string(i.as_ptr(), base as u32, true)
        };
        super::unicodeobject::from_str(&s)
    }
}

/// `PyNumber_Check`: supports `__index__`, `__int__` or `__float__`, or is complex.
pub unsafe fn check(o: *mut PyObject) -> bool {
    unsafe {
        let nb = (*(*o).ob_type).tp_as_number;
        (!nb.is_null() && ((*nb).nb_index.is_some() || (*nb).nb_int.is_some() || (*nb).nb_float.is_some()))
            || super::complexobject::is_complex(o)
    }
}
