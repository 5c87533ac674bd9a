//! Number formatting (CPython's `Python/formatter_unicode.c` and the
//! float-to-text half of `pystrtod.c`): the format-spec mini-language for
//! `int.__format__` and `float.__format__`, and float repr.
//!
//! Design note. Digits come from Rust's float formatting, which gives the
//! shortest round-tripping digits (`{:e}`) and correctly rounded, ties-to-even
//! fixed/scientific digits (`{:.N}`, `{:.Ne}`) — the same results as CPython's
//! dtoa modes 0, 2 and 3. Everything here works on the magnitude; the sign is
//! added by the caller or by `apply_spec`.
//!
//! ```text
//! repr switches to exponent form when decpt <= -4 or decpt > 16
//! default precision for 'e', 'f', 'g', '%': 6
//! ```
use super::object::*;
use crate::runtime::errors::{self, PyResult};

/// A parsed format specification `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
#[derive(Clone, Debug)]
pub struct Spec {
    pub fill: char,
    pub align: Option<char>,
    pub sign: char,
    pub no_neg_zero: bool,
    pub alternate: bool,
    /// The '0' flag was given.
    pub zero: bool,
    pub width: usize,
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
}

pub fn parse_spec(spec: &str, type_name: &str) -> PyResult<Spec> {
    let c: Vec<char> = spec.chars().collect();
    let mut s = Spec {
        fill: ' ',
        align: None,
        sign: '-',
        no_neg_zero: false,
        alternate: false,
        zero: false,
        width: 0,
        grouping: None,
        precision: None,
        ty: None,
    };
    let mut i = 0;
    let is_align = |ch: char| matches!(ch, '<' | '>' | '=' | '^');
    let mut fill_given = false;
    if c.len() >= 2 && is_align(c[1]) {
        s.fill = c[0];
        s.align = Some(c[1]);
        fill_given = true;
        i = 2;
    } else if !c.is_empty() && is_align(c[0]) {
        s.align = Some(c[0]);
        i = 1;
    }
    if i < c.len() && matches!(c[i], '+' | '-' | ' ') {
        s.sign = c[i];
        i += 1;
    }
    if i < c.len() && c[i] == 'z' {
        s.no_neg_zero = true;
        i += 1;
    }
    if i < c.len() && c[i] == '#' {
        s.alternate = true;
        i += 1;
    }
    if i < c.len() && c[i] == '0' {
        s.zero = true;
        if !fill_given {
            s.fill = '0';
        }
        if s.align.is_none() {
            s.align = Some('=');
        }
        i += 1;
    }
    let start = i;
    while i < c.len() && c[i].is_ascii_digit() {
        i += 1;
    }
    if i > start {
        let w: String = c[start..i].iter().collect();
        s.width = w.parse().map_err(|_| errors::value_error("Too many decimal digits in format string"))?;
    }
    if i < c.len() && (c[i] == ',' || c[i] == '_') {
        s.grouping = Some(c[i]);
        i += 1;
        if i < c.len() && (c[i] == ',' || c[i] == '_') {
            if c[i] != s.grouping.unwrap() {
                return Err(errors::value_error("Cannot specify both ',' and '_'."));
            }
            return Err(errors::value_error(format!("Cannot specify '{}' with '{}'.", c[i], c[i])));
        }
    }
    if i < c.len() && c[i] == '.' {
        i += 1;
        let start = i;
        while i < c.len() && c[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return Err(errors::value_error("Format specifier missing precision"));
        }
        let p: String = c[start..i].iter().collect();
        s.precision = Some(p.parse().map_err(|_| errors::value_error("Too many decimal digits in format string"))?);
    }
    // Widths and precisions beyond these would only exhaust memory.
    if s.width > 1 << 30 || s.precision.is_some_and(|p| p > 1 << 26) {
        return Err(errors::no_memory());
    }
    if c.len() - i > 1 {
        return Err(errors::value_error(format!(
            "Invalid format specifier '{}' for object of type '{}'",
            spec, type_name
        )));
    }
    if i < c.len() {
        s.ty = Some(c[i]);
    }
    if let Some(g) = s.grouping {
        if let Some(t) = s.ty {
            let ok = match g {
                ',' => matches!(t, 'd' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%'),
                _ => matches!(t, 'd' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' | 'b' | 'o' | 'x' | 'X'),
            };
            if !ok {
                return Err(errors::value_error(format!("Cannot specify '{}' with '{}'.", g, t)));
            }
        }
    }
    Ok(s)
}

fn group_digits(digits: &str, sep: char, every: usize, min_width: usize) -> String {
    let mut d: String = digits.to_string();
    loop {
        let n = d.len();
        let mut out = String::with_capacity(n + n / every);
        for (i, ch) in d.chars().enumerate() {
            if i > 0 && (n - i) % every == 0 {
                out.push(sep);
            }
            out.push(ch);
        }
        if out.chars().count() >= min_width {
            return out;
        }
        d.insert(0, '0');
    }
}

/// Lay out `sign` + `prefix` + `digits` (+ `suffix`) per the spec's fill, align,
/// width and grouping. `digits` is the integer part to group; `suffix` follows it.
fn apply_spec(s: &Spec, sign: &str, prefix: &str, digits: &str, suffix: &str, every: usize) -> String {
    let align = s.align.unwrap_or('>');
    let lead = sign.chars().count() + prefix.chars().count();
    let suf = suffix.chars().count();
    let digits = match s.grouping {
        Some(g) => {
            let min = if align == '=' && s.fill == '0' { s.width.saturating_sub(lead + suf) } else { 0 };
            group_digits(digits, g, every, min)
        }
        None => digits.to_string(),
    };
    let len = lead + digits.chars().count() + suf;
    let pad = s.width.saturating_sub(len);
    let fill: String = std::iter::repeat_n(s.fill, pad).collect();
    match align {
        '<' => format!("{}{}{}{}{}", sign, prefix, digits, suffix, fill),
        '^' => {
            let l: String = std::iter::repeat_n(s.fill, pad / 2).collect();
            let r: String = std::iter::repeat_n(s.fill, pad - pad / 2).collect();
            format!("{}{}{}{}{}{}", l, sign, prefix, digits, suffix, r)
        }
        '=' => format!("{}{}{}{}{}", sign, prefix, fill, digits, suffix),
        _ => format!("{}{}{}{}{}", fill, sign, prefix, digits, suffix),
    }
}

fn sign_text(s: &Spec, negative: bool) -> &'static str {
    if negative {
        "-"
    } else {
        match s.sign {
            '+' => "+",
            ' ' => " ",
            _ => "",
        }
    }
}

/// `int.__format__`.
pub unsafe fn format_int(op: *mut PyObject, spec: &str) -> PyResult<String> {
    unsafe {
        use super::longobject as l;
        if spec.is_empty() {
            return l::to_decimal_string(op);
        }
        let s = parse_spec(spec, "int")?;
        let ty = s.ty.unwrap_or('d');
        if matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
            let x = l::as_f64(op)?;
            return format_float_spec(x, &s, "int");
        }
        if !matches!(ty, 'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n') {
            return Err(errors::value_error(format!("Unknown format code '{}' for object of type 'int'", ty)));
        }
        if s.precision.is_some() {
            return Err(errors::value_error("Precision not allowed in integer format specifier"));
        }
        if s.no_neg_zero {
            return Err(errors::value_error("Negative zero coercion (z) not allowed in integer format specifier"));
        }
        if ty == 'c' {
            if s.sign != '-' {
                return Err(errors::value_error("Sign not allowed with integer format specifier 'c'"));
            }
            if s.alternate {
                return Err(errors::value_error("Alternate form (#) not allowed with integer format specifier 'c'"));
            }
            let ch = match l::as_i64(op) {
                Some(v) if (0..0x110000).contains(&v) => char::from_u32(v as u32),
                _ => None,
            };
            let text = match ch {
                Some(c) => c.to_string(),
                None if l::as_i64(op).is_none() => {
                    return Err(errors::overflow_error("Python int too large to convert to C long"));
                }
                None => {
                    // Lone surrogates cannot live in a Rust String.
                    if matches!(l::as_i64(op), Some(v) if (0..0x110000).contains(&v)) {
                        return Err(errors::value_error("surrogate code points are not supported by format 'c'"));
                    }
                    return Err(errors::overflow_error("%c arg not in range(0x110000)"));
                }
            };
            let s2 = Spec { grouping: None, ..s.clone() };
            return Ok(apply_spec(&Spec { align: Some(s.align.unwrap_or('<')), ..s2 }, "", "", &text, "", 3));
        }
        let neg = Py_SIZE(op) < 0;
        let (radix, prefix, every) = match ty {
            'b' => (2, "0b", 4),
            'o' => (8, "0o", 4),
            'x' => (16, "0x", 4),
            'X' => (16, "0X", 4),
            _ => (10, "", 3),
        };
        let mut digits = if radix == 10 {
            let t = l::to_decimal_string(op)?;
            t.trim_start_matches('-').to_string()
        } else {
            l::to_radix_string(op, radix, false).trim_start_matches('-').to_string()
        };
        if ty == 'X' {
            digits = digits.to_ascii_uppercase();
        }
        let prefix = if s.alternate { prefix } else { "" };
        Ok(apply_spec(&s, sign_text(&s, neg), prefix, &digits, "", every))
    }
}

/// `float.__format__` (and int formatted with a float type).
pub fn format_float(x: f64, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(repr_f64(x));
    }
    let s = parse_spec(spec, "float")?;
    format_float_spec(x, &s, "float")
}

fn format_float_spec(x: f64, s: &Spec, type_name: &str) -> PyResult<String> {
    let ty = s.ty;
    if let Some(t) = ty {
        if !matches!(t, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') {
            return Err(errors::value_error(format!(
                "Unknown format code '{}' for object of type '{}'",
                t, type_name
            )));
        }
    }
    let mut v = x;
    let mut suffix = String::new();
    let (code, prec, add_dot0) = match ty {
        None => match s.precision {
            None => ('r', 0, true),
            Some(p) => ('g', p, true),
        },
        Some('n') => ('g', s.precision.unwrap_or(6), false),
        Some('%') => {
            v *= 100.0;
            suffix.push('%');
            ('f', s.precision.unwrap_or(6), false)
        }
        Some(t) => (t, s.precision.unwrap_or(6), false),
    };
    let mut body = format_abs(v.abs(), code, prec, s.alternate, add_dot0);
    let mut neg = v.is_sign_negative() && !v.is_nan();
    if neg && s.no_neg_zero && body.bytes().all(|b| matches!(b, b'0' | b'.' | b'e' | b'E' | b'+' | b'-')) {
        neg = false;
    }
    // Split the integer part (grouped) from the rest.
    let (int_part, rest) = match body.find(|c: char| !c.is_ascii_digit()) {
        Some(i) if v.is_finite() => (body[..i].to_string(), body[i..].to_string()),
        _ if v.is_finite() => (core::mem::take(&mut body), String::new()),
        _ => (String::new(), core::mem::take(&mut body)),
    };
    let rest = rest + &suffix;
    if int_part.is_empty() {
        // inf/nan: no grouping.
        let s2 = Spec { grouping: None, ..s.clone() };
        return Ok(apply_spec(&s2, sign_text(s, neg), "", "", &rest, 3));
    }
    Ok(apply_spec(s, sign_text(s, neg), "", &int_part, &rest, 3))
}

/// Shortest round-tripping digits of a finite non-negative value and the
/// decimal point position (value = 0.DIGITS * 10**decpt).
fn shortest_digits(x: f64) -> (String, i32) {
    sci_to_digits(&format!("{:e}", x))
}

/// Correctly rounded `n` significant digits.
fn sig_digits(x: f64, n: usize) -> (String, i32) {
    sci_to_digits(&format!("{:.*e}", n.saturating_sub(1), x))
}

fn sci_to_digits(t: &str) -> (String, i32) {
    let (m, e) = t.split_once('e').unwrap();
    let e: i32 = e.parse().unwrap();
    let digits: String = m.chars().filter(|c| *c != '.').collect();
    (digits, e + 1)
}

fn render_fixed(digits: &str, decpt: i32, min_frac: usize, force_point: bool) -> String {
    let n = digits.len() as i32;
    let mut out = if decpt <= 0 {
        format!("0.{}{}", "0".repeat((-decpt) as usize), digits)
    } else if decpt >= n {
        format!("{}{}", digits, "0".repeat((decpt - n) as usize))
    } else {
        format!("{}.{}", &digits[..decpt as usize], &digits[decpt as usize..])
    };
    let frac = match out.find('.') {
        Some(i) => out.len() - i - 1,
        None => 0,
    };
    if frac < min_frac {
        if !out.contains('.') {
            out.push('.');
        }
        out.push_str(&"0".repeat(min_frac - frac));
    } else if force_point && !out.contains('.') {
        out.push('.');
    }
    out
}

fn render_exp(digits: &str, decpt: i32, force_point: bool, upper: bool) -> String {
    let e = decpt - 1;
    let mut out = digits[..1].to_string();
    if digits.len() > 1 || force_point {
        out.push('.');
        out.push_str(&digits[1..]);
    }
    out.push(if upper { 'E' } else { 'e' });
    out.push(if e < 0 { '-' } else { '+' });
    out.push_str(&format!("{:02}", e.abs()));
    out
}

fn strip_zeros(d: &str) -> String {
    let t = d.trim_end_matches('0');
    if t.is_empty() {
        "0".to_string()
    } else {
        t.to_string()
    }
}

/// Text of a non-negative value (or inf/nan) in format `code` ('r' = repr).
pub fn format_abs(x: f64, code: char, prec: usize, alt: bool, add_dot0: bool) -> String {
    let upper = code.is_ascii_uppercase();
    if x.is_nan() {
        return if upper { "NAN".into() } else { "nan".into() };
    }
    if x.is_infinite() {
        return if upper { "INF".into() } else { "inf".into() };
    }
    match code {
        'r' => {
            let (d, decpt) = shortest_digits(x);
            let d = if x == 0.0 { "0".to_string() } else { d };
            let decpt = if x == 0.0 { 1 } else { decpt };
            if decpt <= -4 || decpt > 16 {
                render_exp(&d, decpt, false, false)
            } else {
                render_fixed(&d, decpt, if add_dot0 { 1 } else { 0 }, false)
            }
        }
        'f' | 'F' => {
            let mut t = format!("{:.*}", prec, x);
            if alt && prec == 0 {
                t.push('.');
            }
            t
        }
        'e' | 'E' => {
            let (d, decpt) = sig_digits(x, prec + 1);
            let decpt = if x == 0.0 { 1 } else { decpt };
            render_exp(&d, decpt, alt, upper)
        }
        _ => {
            // 'g' / 'G'
            let p = prec.max(1);
            let (d, decpt) = sig_digits(x, p);
            let decpt = if x == 0.0 { 1 } else { decpt };
            let exp = decpt - 1;
            let d = if alt { d } else { strip_zeros(&d) };
            let limit = if add_dot0 { p as i32 - 1 } else { p as i32 };
            if exp >= -4 && decpt <= limit {
                let min_frac = if alt { (p as i32 - decpt).max(0) as usize } else { 0 };
                let mut t = render_fixed(&d, decpt, min_frac, alt);
                if add_dot0 && !t.contains('.') {
                    t.push_str(".0");
                }
                t
            } else {
                render_exp(&d, decpt, alt, upper)
            }
        }
    }
}

/// `repr(float)`.
pub fn repr_f64(x: f64) -> String {
    let body = format_abs(x.abs(), 'r', 0, false, true);
    if x.is_sign_negative() && !x.is_nan() {
        format!("-{}", body)
    } else {
        body
    }
}

/// A component of `repr(complex)`: repr digits without the added ".0".
pub fn repr_f64_no_dot0(x: f64) -> String {
    let body = format_abs(x.abs(), 'r', 0, false, false);
    if x.is_sign_negative() && !x.is_nan() {
        format!("-{}", body)
    } else {
        body
    }
}

/// `complex.__format__` with a non-empty spec: each part formatted like a
/// float, joined as `re+imj` (parenthesised for the default type), then padded.
pub fn format_complex(re: f64, im: f64, spec: &str) -> PyResult<String> {
    let s = parse_spec(spec, "complex")?;
    if s.zero {
        return Err(errors::value_error("Zero padding is not allowed in complex format specifier"));
    }
    if s.align == Some('=') {
        return Err(errors::value_error("'=' alignment flag is not allowed in complex format specifier"));
    }
    if let Some(t) = s.ty {
        if !matches!(t, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n') {
            return Err(errors::value_error(format!("Unknown format code '{}' for object of type 'complex'", t)));
        }
    }
    let (code, prec, default_type) = match (s.ty, s.precision) {
        (None, None) => ('r', 0, true),
        (None, Some(p)) => ('g', p, true),
        (Some('n'), p) => ('g', p.unwrap_or(6), false),
        (Some(t), p) => (t, p.unwrap_or(6), false),
    };
    let skip_re = default_type && re == 0.0 && re.is_sign_positive();
    let parens = default_type && !skip_re;
    let part = |v: f64, sign_mode: char| -> String {
        let body = format_abs(v.abs(), code, prec, s.alternate, false);
        let body = match s.grouping {
            Some(g) if v.is_finite() => {
                let cut = body.find(|c: char| !c.is_ascii_digit()).unwrap_or(body.len());
                format!("{}{}", group_digits(&body[..cut], g, 3, 0), &body[cut..])
            }
            _ => body,
        };
        let sign = if v.is_sign_negative() && !v.is_nan() {
            "-"
        } else {
            match sign_mode {
                '+' => "+",
                ' ' => " ",
                _ => "",
            }
        };
        format!("{}{}", sign, body)
    };
    let re_text = if skip_re { String::new() } else { part(re, s.sign) };
    let im_text = part(im, if skip_re { s.sign } else { '+' });
    let text = if parens { format!("({}{}j)", re_text, im_text) } else { format!("{}{}j", re_text, im_text) };
    let s2 = Spec { grouping: None, ..s.clone() };
    Ok(apply_spec(&s2, "", "", &text, "", 3))
}
