//! Python semantics on `ast::Constant` values, for the AST optimizer
//! (`ast_opt.rs`): the unary and binary operators, subscripts, truthiness and
//! equality that CPython 3.11's ast_opt.c applies through the object model.
//!
//! Design note.
//! * Pure functions: `None` means "CPython's operation raised" (TypeError,
//!   ZeroDivisionError, OverflowError, ...) or "a size limit refused it"; the
//!   optimizer then leaves the node alone, as CPython swallows the error.
//! * The size limits are ast_opt.c's: MAX_INT_SIZE (128 bits) for `*`, `**`,
//!   `<<` on ints, MAX_COLLECTION_SIZE (256) and MAX_TOTAL_ITEMS (1024) for
//!   tuple repetition, MAX_STR_SIZE (4096) for str/bytes repetition; `%` on
//!   str/bytes is never folded.
//! * Numbers: bool is an int (but `&`, `|`, `^` of two bools stay bool); ints are
//!   BigInt; int→float conversion and int/int true division are correctly
//!   rounded (half-even) like CPython's; float `//`, `%`, `**` follow
//!   floatobject.c (signs of zeros, inf/nan cases, negative base with a
//!   fractional exponent goes complex); complex `/` and `**` follow
//!   complexobject.c (`c_quot`, `c_powi` for small integral exponents, else the
//!   polar `c_pow`).
//! * Strings are sequences of code points: `Str` (valid UTF-8) or `StrCodes`
//!   (with lone surrogates); results with a surrogate become `StrCodes`.
//! * Known gaps: int/int true division whose result is subnormal may round
//!   differently from CPython (double rounding); frozensets keep first-seen
//!   order (CPython's order follows hashes; equality is unaffected).

use crate::parser::ast::{Constant, Operator, UnaryOp};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

pub const MAX_INT_SIZE: u64 = 128;
pub const MAX_COLLECTION_SIZE: usize = 256;
pub const MAX_STR_SIZE: usize = 4096;
pub const MAX_TOTAL_ITEMS: usize = 1024;

// ---------------------------------------------------------------------------
// Strings as code points

fn codes(c: &Constant) -> Option<Vec<u32>> {
    match c {
        Constant::Str(s) => Some(s.chars().map(|c| c as u32).collect()),
        Constant::StrCodes(v) => Some(v.clone()),
        _ => None,
    }
}

fn str_len(c: &Constant) -> Option<usize> {
    match c {
        Constant::Str(s) => Some(s.chars().count()),
        Constant::StrCodes(v) => Some(v.len()),
        _ => None,
    }
}

/// A str constant from code points: `Str` unless a lone surrogate needs `StrCodes`.
pub fn str_from_codes(v: Vec<u32>) -> Constant {
    let mut s = String::with_capacity(v.len());
    for &cp in &v {
        match char::from_u32(cp) {
            Some(ch) => s.push(ch),
            None => return Constant::StrCodes(v),
        }
    }
    Constant::Str(s)
}

fn is_str(c: &Constant) -> bool {
    matches!(c, Constant::Str(_) | Constant::StrCodes(_))
}

// ---------------------------------------------------------------------------
// Numbers

#[derive(Clone, Debug)]
enum Num {
    Int(BigInt),
    Float(f64),
    Complex(f64, f64),
}

fn num(c: &Constant) -> Option<Num> {
    Some(match c {
        Constant::Bool(b) => Num::Int(BigInt::from(*b as u8)),
        Constant::Int(i) => Num::Int(i.clone()),
        Constant::Float(f) => Num::Float(*f),
        Constant::Complex { real, imag } => Num::Complex(*real, *imag),
        _ => return None,
    })
}

fn from_num(n: Num) -> Constant {
    match n {
        Num::Int(i) => Constant::Int(i),
        Num::Float(f) => Constant::Float(f),
        Num::Complex(real, imag) => Constant::Complex { real, imag },
    }
}

/// Round a positive integer `m` (with `sticky` = nonzero bits below it) to 53
/// significant bits, half to even; returns (mantissa, extra exponent).
fn round53(m: &BigInt, sticky: bool) -> (u64, i64) {
    let bits = m.bits();
    if bits <= 53 {
        return (m.to_u64().unwrap_or(0), 0);
    }
    let shift = bits - 53;
    let kept: BigInt = m >> shift;
    let rem: BigInt = m - (&kept << shift);
    let half = BigInt::one() << (shift - 1);
    let mut k = kept.to_u64().unwrap_or(0);
    let round_up = match rem.cmp(&half) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => sticky || k & 1 == 1,
    };
    if round_up {
        k += 1;
    }
    (k, shift as i64)
}

/// `m * 2**e` for a mantissa of at most 2**53 (exact while in range).
fn ldexp(m: u64, e: i64) -> f64 {
    let mut x = m as f64;
    let mut e = e;
    while e > 0 {
        let step = e.min(1000);
        x *= 2f64.powi(step as i32);
        e -= step;
    }
    while e < 0 {
        let step = (-e).min(1000);
        x /= 2f64.powi(step as i32);
        e += step;
    }
    x
}

/// int → float, correctly rounded; `None` where CPython raises OverflowError.
fn int_to_f64(i: &BigInt) -> Option<f64> {
    let (m, e) = round53(&i.abs(), false);
    let x = ldexp(m, e);
    if x.is_infinite() {
        return None;
    }
    Some(if i.is_negative() { -x } else { x })
}

/// int / int, correctly rounded (CPython's long_true_divide).
fn int_true_div(a: &BigInt, b: &BigInt) -> Option<f64> {
    if b.is_zero() {
        return None;
    }
    let neg = a.is_negative() != b.is_negative();
    let (a, b) = (a.abs(), b.abs());
    let small = BigInt::one() << 53u32;
    let x = if a <= small && b <= small {
        a.to_f64()? / b.to_f64()?
    } else if a.is_zero() {
        0.0
    } else {
        // Scale so the integer quotient has at least 55 bits, then round once.
        let s = 55 - (a.bits() as i64 - b.bits() as i64);
        let (num, den) = if s >= 0 { (&a << s as u64, b.clone()) } else { (a.clone(), &b << (-s) as u64) };
        let (q, r) = num.div_rem(&den);
        let (m, e) = round53(&q, !r.is_zero());
        let x = ldexp(m, e - s);
        if x.is_infinite() {
            return None;
        }
        x
    };
    Some(if neg { -x } else { x })
}

fn to_float(n: &Num) -> Option<f64> {
    match n {
        Num::Int(i) => int_to_f64(i),
        Num::Float(f) => Some(*f),
        Num::Complex(..) => None,
    }
}

fn to_complex(n: &Num) -> Option<(f64, f64)> {
    match n {
        Num::Complex(r, i) => Some((*r, *i)),
        other => Some((to_float(other)?, 0.0)),
    }
}

fn float_mod(vx: f64, wx: f64) -> Option<f64> {
    if wx == 0.0 {
        return None;
    }
    let mut m = vx % wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    Some(m)
}

fn float_floordiv(vx: f64, wx: f64) -> Option<f64> {
    if wx == 0.0 {
        return None;
    }
    // floatobject.c's _float_div_mod: quotient from the fmod remainder,
    // corrected when the remainder's sign differs from the divisor's.
    let m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 && (wx < 0.0) != (m < 0.0) {
        div -= 1.0;
    }
    Some(floor_fix(div, vx, wx))
}

fn floor_fix(div: f64, vx: f64, wx: f64) -> f64 {
    if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    }
}

fn is_odd_integer(x: f64) -> bool {
    x.is_finite() && x.floor() == x && (x % 2.0).abs() == 1.0
}

/// The outcome of float ** float.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FloatPow {
    Value(f64),
    /// CPython raises (ZeroDivisionError, OverflowError).
    Raises,
    /// A negative base with a fractional exponent: CPython computes it as complex.
    Complex,
}

/// float ** float as floatobject.c's float_pow.
pub fn float_pow(iv: f64, iw: f64) -> FloatPow {
    if iw == 0.0 {
        return FloatPow::Value(1.0);
    }
    if iv.is_nan() {
        return FloatPow::Value(iv);
    }
    if iw.is_nan() {
        return FloatPow::Value(if iv == 1.0 { 1.0 } else { iw });
    }
    if iw.is_infinite() {
        let a = iv.abs();
        return FloatPow::Value(if a == 1.0 {
            1.0
        } else if (iw > 0.0) == (a > 1.0) {
            iw.abs()
        } else {
            0.0
        });
    }
    if iv.is_infinite() {
        let odd = is_odd_integer(iw);
        return FloatPow::Value(if iw > 0.0 {
            if odd {
                iv
            } else {
                iv.abs()
            }
        } else if odd {
            0.0f64.copysign(iv)
        } else {
            0.0
        });
    }
    if iv == 0.0 {
        if iw < 0.0 {
            return FloatPow::Raises;
        }
        return FloatPow::Value(if is_odd_integer(iw) { iv } else { 0.0 });
    }
    if iv == 1.0 {
        return FloatPow::Value(1.0);
    }
    let mut v = iv;
    let mut negate = false;
    if iv < 0.0 {
        if iw != iw.floor() {
            return FloatPow::Complex;
        }
        v = -iv;
        negate = is_odd_integer(iw);
    }
    if v == 1.0 {
        return FloatPow::Value(if negate { -1.0 } else { 1.0 });
    }
    let x = v.powf(iw);
    if x.is_infinite() {
        return FloatPow::Raises; // OverflowError
    }
    FloatPow::Value(if negate { -x } else { x })
}

type C = (f64, f64);

fn c_prod(a: C, b: C) -> C {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// complexobject.c's `_Py_c_quot`; `None` for division by zero.
fn c_quot(a: C, b: C) -> Option<C> {
    let (abs_r, abs_i) = (b.0.abs(), b.1.abs());
    if abs_r >= abs_i {
        if abs_r == 0.0 {
            return None;
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Some(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abs_i >= abs_r {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Some(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        Some((f64::NAN, f64::NAN))
    }
}

fn c_powu(x: C, n: i64) -> C {
    let (mut r, mut p) = ((1.0, 0.0), x);
    let mut mask: i64 = 1;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = c_prod(r, p);
        }
        mask <<= 1;
        p = c_prod(p, p);
    }
    r
}

/// `_Py_c_pow`; `None` where CPython sets EDOM (zero to a negative/complex power).
fn c_pow(a: C, b: C) -> Option<C> {
    if b.0 == 0.0 && b.1 == 0.0 {
        return Some((1.0, 0.0));
    }
    if a.0 == 0.0 && a.1 == 0.0 {
        if b.1 != 0.0 || b.0 < 0.0 {
            return None;
        }
        return Some((0.0, 0.0));
    }
    let vabs = a.0.hypot(a.1);
    let mut len = vabs.powf(b.0);
    let at = a.1.atan2(a.0);
    let mut phase = at * b.0;
    if b.1 != 0.0 {
        len /= (at * b.1).exp();
        phase += b.1 * vabs.ln();
    }
    Some((len * phase.cos(), len * phase.sin()))
}

fn complex_pow(a: C, b: C) -> Option<C> {
    let int_exp = b.0 as i64;
    let p = if b.1 == 0.0 && b.0 == int_exp as f64 && (-100..=100).contains(&int_exp) {
        if int_exp > 0 {
            c_powu(a, int_exp)
        } else {
            c_quot((1.0, 0.0), c_powu(a, -int_exp))?
        }
    } else {
        c_pow(a, b)?
    };
    if p.0.is_infinite() || p.1.is_infinite() {
        return None; // OverflowError
    }
    Some(p)
}

fn num_binop(op: Operator, a: Num, b: Num) -> Option<Num> {
    use Operator::*;
    if let (Num::Int(x), Num::Int(y)) = (&a, &b) {
        return int_binop(op, x, y);
    }
    if matches!(a, Num::Complex(..)) || matches!(b, Num::Complex(..)) {
        let (x, y) = (to_complex(&a)?, to_complex(&b)?);
        return Some(match op {
            Add => Num::Complex(x.0 + y.0, x.1 + y.1),
            Sub => Num::Complex(x.0 - y.0, x.1 - y.1),
            Mult => {
                let r = c_prod(x, y);
                Num::Complex(r.0, r.1)
            }
            Div => {
                let r = c_quot(x, y)?;
                Num::Complex(r.0, r.1)
            }
            Pow => {
                let r = complex_pow(x, y)?;
                Num::Complex(r.0, r.1)
            }
            _ => return None,
        });
    }
    let (x, y) = (to_float(&a)?, to_float(&b)?);
    Some(Num::Float(match op {
        Add => x + y,
        Sub => x - y,
        Mult => x * y,
        Div => {
            if y == 0.0 {
                return None;
            }
            x / y
        }
        FloorDiv => float_floordiv(x, y)?,
        Mod => float_mod(x, y)?,
        Pow => match float_pow(x, y) {
            FloatPow::Value(r) => r,
            FloatPow::Raises => return None,
            FloatPow::Complex => {
                let r = complex_pow((x, 0.0), (y, 0.0))?;
                return Some(Num::Complex(r.0, r.1));
            }
        },
        _ => return None,
    }))
}

fn int_binop(op: Operator, x: &BigInt, y: &BigInt) -> Option<Num> {
    use Operator::*;
    Some(Num::Int(match op {
        Add => x + y,
        Sub => x - y,
        Mult => {
            if !x.is_zero() && !y.is_zero() && x.bits() + y.bits() > MAX_INT_SIZE {
                return None;
            }
            x * y
        }
        Div => return int_true_div(x, y).map(Num::Float),
        FloorDiv => {
            if y.is_zero() {
                return None;
            }
            x.div_floor(y)
        }
        Mod => {
            if y.is_zero() {
                return None;
            }
            x.mod_floor(y)
        }
        Pow => {
            if y.is_negative() {
                let (fx, fy) = (int_to_f64(x)?, int_to_f64(y)?);
                return match float_pow(fx, fy) {
                    FloatPow::Value(r) => Some(Num::Float(r)),
                    _ => None,
                };
            }
            if !x.is_zero() && !y.is_zero() {
                let w = y.to_u64()?;
                if x.bits() > MAX_INT_SIZE / w {
                    return None;
                }
            }
            if y.is_zero() {
                BigInt::one()
            } else if x.is_zero() {
                BigInt::zero()
            } else {
                x.pow(y.to_u32()?)
            }
        }
        LShift => {
            if y.is_negative() {
                return None;
            }
            if x.is_zero() || y.is_zero() {
                return Some(Num::Int(x.clone()));
            }
            let w = y.to_u64()?;
            if w > MAX_INT_SIZE || x.bits() > MAX_INT_SIZE - w {
                return None;
            }
            x << w
        }
        RShift => {
            if y.is_negative() {
                return None;
            }
            match y.to_u64() {
                Some(w) if w < u64::from(u32::MAX) => x >> w,
                _ => {
                    if x.is_negative() {
                        BigInt::from(-1)
                    } else {
                        BigInt::zero()
                    }
                }
            }
        }
        BitOr => x | y,
        BitXor => x ^ y,
        BitAnd => x & y,
        MatMult => return None,
    }))
}

// ---------------------------------------------------------------------------
// Sequences

/// ast_opt.c's `check_complexity`: the item budget left after counting the
/// items of nested tuples and frozensets (negative = too complex).
fn check_complexity(c: &Constant, mut limit: i64) -> i64 {
    match c {
        Constant::Tuple(v) | Constant::FrozenSet(v) => {
            limit -= v.len() as i64;
            for x in v {
                if limit < 0 {
                    break;
                }
                limit = check_complexity(x, limit);
            }
            limit
        }
        _ => limit,
    }
}

fn int_of(c: &Constant) -> Option<BigInt> {
    match c {
        Constant::Bool(b) => Some(BigInt::from(*b as u8)),
        Constant::Int(i) => Some(i.clone()),
        _ => None,
    }
}

/// Repetition `seq * n` with ast_opt.c's `safe_multiply` limits.
fn repeat(seq: &Constant, n: &BigInt) -> Option<Constant> {
    let size = match seq {
        Constant::Tuple(v) => v.len(),
        Constant::Bytes(b) => b.len(),
        _ => str_len(seq)?,
    };
    let k = n.to_i64()?;
    let (limit, is_tuple) = match seq {
        Constant::Tuple(_) => (MAX_COLLECTION_SIZE, true),
        _ => (MAX_STR_SIZE, false),
    };
    let count = match limit.checked_div(size) {
        None => k.max(0) as usize, // an empty sequence has no limit
        Some(max) => {
            if k < 0 || k as usize > max {
                return None;
            }
            if is_tuple && k != 0 && check_complexity(seq, (MAX_TOTAL_ITEMS as i64) / k) < 0 {
                return None;
            }
            k as usize
        }
    };
    Some(match seq {
        Constant::Tuple(v) => Constant::Tuple((0..count).flat_map(|_| v.iter().cloned()).collect()),
        Constant::Bytes(b) => Constant::Bytes(b.repeat(count)),
        _ => str_from_codes(codes(seq)?.repeat(count)),
    })
}

fn concat(a: &Constant, b: &Constant) -> Option<Constant> {
    match (a, b) {
        (Constant::Str(x), Constant::Str(y)) => Some(Constant::Str(format!("{x}{y}"))),
        (Constant::Bytes(x), Constant::Bytes(y)) => Some(Constant::Bytes([x.as_slice(), y].concat())),
        (Constant::Tuple(x), Constant::Tuple(y)) => Some(Constant::Tuple([x.as_slice(), y].concat())),
        _ if is_str(a) && is_str(b) => {
            let mut v = codes(a)?;
            v.extend(codes(b)?);
            Some(str_from_codes(v))
        }
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Public operations

/// `op v`, or `None` where CPython raises.
pub fn unary(op: UnaryOp, v: &Constant) -> Option<Constant> {
    if op == UnaryOp::Not {
        return Some(Constant::Bool(!truthy(v)));
    }
    let n = num(v)?;
    Some(from_num(match (op, n) {
        (UnaryOp::USub, Num::Int(i)) => Num::Int(-i),
        (UnaryOp::USub, Num::Float(f)) => Num::Float(-f),
        (UnaryOp::USub, Num::Complex(r, i)) => Num::Complex(-r, -i),
        (UnaryOp::UAdd, n) => n,
        (UnaryOp::Invert, Num::Int(i)) => Num::Int(-i - 1),
        _ => return None,
    }))
}

/// `l op r` with ast_opt.c's safety limits, or `None` (not folded).
pub fn binary(op: Operator, l: &Constant, r: &Constant) -> Option<Constant> {
    use Operator::*;
    // bool op bool stays bool for the bitwise operators.
    if let (Constant::Bool(a), Constant::Bool(b), BitAnd | BitOr | BitXor) = (l, r, op) {
        return Some(Constant::Bool(match op {
            BitAnd => a & b,
            BitOr => a | b,
            _ => a ^ b,
        }));
    }
    if let (Some(a), Some(b)) = (num(l), num(r)) {
        return num_binop(op, a, b).map(from_num);
    }
    match op {
        Add => concat(l, r),
        Mult => match (int_of(l), int_of(r)) {
            (Some(n), None) => repeat(r, &n),
            (None, Some(n)) => repeat(l, &n),
            _ => None,
        },
        _ => None,
    }
}

/// `v[idx]` for str, bytes and tuple constants with an int index.
pub fn subscript(v: &Constant, idx: &Constant) -> Option<Constant> {
    let i = int_of(idx)?;
    let len = match v {
        Constant::Tuple(t) => t.len(),
        Constant::Bytes(b) => b.len(),
        _ => str_len(v)?,
    } as i64;
    let mut k = i.to_i64()?;
    if k < 0 {
        k += len;
    }
    if k < 0 || k >= len {
        return None;
    }
    let k = k as usize;
    Some(match v {
        Constant::Tuple(t) => t[k].clone(),
        Constant::Bytes(b) => Constant::Int(BigInt::from(b[k])),
        _ => str_from_codes(vec![codes(v)?[k]]),
    })
}

/// Python truthiness.
pub fn truthy(v: &Constant) -> bool {
    match v {
        Constant::None => false,
        Constant::Bool(b) => *b,
        Constant::Ellipsis => true,
        Constant::Int(i) => !i.is_zero(),
        Constant::Float(f) => *f != 0.0,
        Constant::Complex { real, imag } => *real != 0.0 || *imag != 0.0,
        Constant::Str(s) => !s.is_empty(),
        Constant::StrCodes(v) => !v.is_empty(),
        Constant::Bytes(b) => !b.is_empty(),
        Constant::Tuple(t) | Constant::FrozenSet(t) => !t.is_empty(),
    }
}

/// Python `==` between constants (numbers compare across int/float/complex).
pub fn const_eq(a: &Constant, b: &Constant) -> bool {
    if let (Some(x), Some(y)) = (num(a), num(b)) {
        return match (x, y) {
            (Num::Int(p), Num::Int(q)) => p == q,
            (Num::Int(p), Num::Float(f)) | (Num::Float(f), Num::Int(p)) => int_eq_float(&p, f),
            (Num::Float(f), Num::Float(g)) => f == g,
            (x, y) => {
                let (cx, cy) = (complex_parts(&x), complex_parts(&y));
                match (cx, cy) {
                    (Some((r1, i1)), Some((r2, i2))) => i1 == i2 && num_eq_real(&r1, &r2),
                    _ => false,
                }
            }
        };
    }
    match (a, b) {
        (Constant::None, Constant::None) | (Constant::Ellipsis, Constant::Ellipsis) => true,
        (Constant::Bytes(x), Constant::Bytes(y)) => x == y,
        (Constant::Tuple(x), Constant::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| const_eq(p, q))
        }
        (Constant::FrozenSet(x), Constant::FrozenSet(y)) => {
            x.len() == y.len() && x.iter().all(|p| y.iter().any(|q| const_eq(p, q)))
        }
        _ if is_str(a) && is_str(b) => codes(a) == codes(b),
        _ => false,
    }
}

/// The real part of a number as an int or float (for complex equality), and its imaginary part.
fn complex_parts(n: &Num) -> Option<(Num, f64)> {
    Some(match n {
        Num::Complex(r, i) => (Num::Float(*r), *i),
        other => (other.clone(), 0.0),
    })
}

fn num_eq_real(a: &Num, b: &Num) -> bool {
    match (a, b) {
        (Num::Int(p), Num::Int(q)) => p == q,
        (Num::Int(p), Num::Float(f)) | (Num::Float(f), Num::Int(p)) => int_eq_float(p, *f),
        (Num::Float(f), Num::Float(g)) => f == g,
        _ => false,
    }
}

fn int_eq_float(i: &BigInt, f: f64) -> bool {
    if !f.is_finite() || f.fract() != 0.0 {
        return false;
    }
    // An integral float is exactly representable as an integer.
    let (m, e, s) = decode(f);
    let v = if e >= 0 { BigInt::from(m) << e as u64 } else { BigInt::from(m) >> (-e) as u64 };
    let v = if s < 0 { -v } else { v };
    v == *i
}

fn decode(f: f64) -> (u64, i64, i8) {
    let bits = f.to_bits();
    let sign: i8 = if bits >> 63 == 0 { 1 } else { -1 };
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mant = if exp == 0 { (bits & 0xfffffffffffff) << 1 } else { (bits & 0xfffffffffffff) | 0x10000000000000 };
    (mant, exp - 1075, sign)
}

/// A frozenset from items in order, dropping later duplicates (Python equality).
pub fn frozenset(items: Vec<Constant>) -> Constant {
    let mut out: Vec<Constant> = Vec::new();
    for x in items {
        if !out.iter().any(|y| const_eq(&x, y)) {
            out.push(x);
        }
    }
    Constant::FrozenSet(out)
}

/// A str constant's code points (for %-format folding).
pub fn str_codes(c: &Constant) -> Option<Vec<u32>> {
    codes(c)
}
