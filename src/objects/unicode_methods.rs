//! `str`'s methods, `str.__new__`, and the character classes and case
//! mappings they use.
//!
//! Design note. Methods work on the code points (`codepoints`) and build their
//! result with `from_codepoints`, which picks the smallest kind, so results
//! are always canonical. Character classes and case mappings follow Unicode
//! through Rust's `char` methods until the Unicode database lands; the few
//! places Rust has no API for (title case, case folding, decimal digits) use
//! small tables that cover the common scripts. Surrogates are uncased,
//! non-alphanumeric characters that pass through every method unchanged.
use super::object::*;
use super::pyref::*;
use super::stringlib as sl;
use super::unicodeobject::*;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::guard_obj;
use libc::c_void;

// ---------------------------------------------------------------- character classes

/// `Py_UNICODE_ISSPACE`.
pub fn is_space(ch: u32) -> bool {
    if ch < 128 {
        return matches!(ch, 0x09..=0x0d | 0x1c..=0x20);
    }
    char::from_u32(ch).is_some_and(|c| c.is_whitespace())
}

/// `Py_UNICODE_ISLINEBREAK`.
pub fn is_linebreak(ch: u32) -> bool {
    matches!(ch, 0x0a | 0x0b | 0x0c | 0x0d | 0x1c | 0x1d | 0x1e | 0x85 | 0x2028 | 0x2029)
}

/// First code points of the Unicode decimal-digit (Nd) runs of ten.
const DECIMAL_ZEROS: &[u32] = &[
    0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50,
    0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40,
    0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066,
    0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950,
    0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/// The decimal value of a decimal digit (`Py_UNICODE_TODECIMAL`).
pub fn decimal_value(ch: u32) -> Option<u32> {
    if (0x1d7ce..=0x1d7ff).contains(&ch) {
        return Some((ch - 0x1d7ce) % 10);
    }
    DECIMAL_ZEROS.iter().find(|&&z| ch >= z && ch < z + 10).map(|&z| ch - z)
}

pub fn is_decimal(ch: u32) -> bool {
    decimal_value(ch).is_some()
}

/// Digits that are not decimal (superscripts, circled digits …).
pub fn is_digit(ch: u32) -> bool {
    is_decimal(ch)
        || matches!(ch,
            0xb2 | 0xb3 | 0xb9 | 0x1369..=0x1371 | 0x19da | 0x2070 | 0x2074..=0x2079 | 0x2080..=0x2089
            | 0x2460..=0x2468 | 0x2474..=0x247c | 0x2488..=0x2490 | 0x24ea | 0x24f5..=0x24fd | 0x24ff
            | 0x2776..=0x277e | 0x2780..=0x2788 | 0x278a..=0x2792 | 0x10a40..=0x10a43 | 0x1f100..=0x1f10a)
}

pub fn is_numeric(ch: u32) -> bool {
    is_digit(ch)
        || char::from_u32(ch).is_some_and(|c| c.is_numeric())
        || matches!(ch, 0x3007 | 0x4e00 | 0x4e8c | 0x4e09 | 0x56db | 0x4e94 | 0x516d | 0x4e03 | 0x516b | 0x4e5d | 0x5341 | 0x767e | 0x5343 | 0x4e07)
}

pub fn is_alpha(ch: u32) -> bool {
    if ch < 128 {
        return (ch as u8).is_ascii_alphabetic();
    }
    char::from_u32(ch).is_some_and(|c| c.is_alphabetic()) && !is_numeric(ch)
}

pub fn is_alnum(ch: u32) -> bool {
    is_alpha(ch) || is_decimal(ch) || is_digit(ch) || is_numeric(ch)
}

pub fn is_lower(ch: u32) -> bool {
    char::from_u32(ch).is_some_and(|c| c.is_lowercase())
}

pub fn is_upper(ch: u32) -> bool {
    char::from_u32(ch).is_some_and(|c| c.is_uppercase())
}

/// Title-case letters (Lt).
pub fn is_titlecase(ch: u32) -> bool {
    matches!(ch, 0x1c5 | 0x1c8 | 0x1cb | 0x1f2 | 0x1f88..=0x1f8f | 0x1f98..=0x1f9f | 0x1fa8..=0x1faf | 0x1fbc | 0x1fcc | 0x1ffc)
}

pub fn is_cased(ch: u32) -> bool {
    is_lower(ch) || is_upper(ch) || is_titlecase(ch)
}

/// Characters case operations skip over when deciding on final sigma.
fn is_case_ignorable(ch: u32) -> bool {
    matches!(ch, 0x27 | 0x2e | 0x3a | 0x5e | 0x60 | 0xa8 | 0xad | 0xaf | 0xb4 | 0xb7 | 0xb8 | 0x2019 | 0x300..=0x36f)
}

fn push_upper(out: &mut Vec<u32>, ch: u32) {
    if ch < 128 {
        out.push((ch as u8).to_ascii_uppercase() as u32);
    } else if let Some(c) = char::from_u32(ch) {
        out.extend(c.to_uppercase().map(|c| c as u32));
    } else {
        out.push(ch);
    }
}

fn push_lower_simple(out: &mut Vec<u32>, ch: u32) {
    if ch < 128 {
        out.push((ch as u8).to_ascii_lowercase() as u32);
    } else if let Some(c) = char::from_u32(ch) {
        out.extend(c.to_lowercase().map(|c| c as u32));
    } else {
        out.push(ch);
    }
}

/// Lower-case `v[i]` into `out`, with the final-sigma rule.
fn push_lower(out: &mut Vec<u32>, v: &[u32], i: usize) {
    let ch = v[i];
    if ch == 0x3a3 {
        let before = v[..i].iter().rev().find(|&&c| !is_case_ignorable(c)).is_some_and(|&c| is_cased(c));
        let after = v[i + 1..].iter().find(|&&c| !is_case_ignorable(c)).is_some_and(|&c| is_cased(c));
        out.push(if before && !after { 0x3c2 } else { 0x3c3 });
        return;
    }
    push_lower_simple(out, ch);
}

fn push_fold(out: &mut Vec<u32>, v: &[u32], i: usize) {
    // Full case folding is lower(upper(c)) for all but Cherokee, whose
    // folding goes to the uppercase letters.
    let ch = v[i];
    match ch {
        0x13a0..=0x13f5 | 0x131 => out.push(ch),
        0x1e9e => out.extend_from_slice(&[0x73, 0x73]),
        0x13f8..=0x13fd => out.push(ch - 8),
        0xab70..=0xabbf => out.push(ch - 0xab70 + 0x13a0),
        _ => {
            let mut up = Vec::with_capacity(2);
            push_upper(&mut up, ch);
            for c in up {
                push_lower_simple(out, c);
            }
        }
    }
}

fn push_title(out: &mut Vec<u32>, ch: u32) {
    let t = match ch {
        0x1c4..=0x1c6 => Some(0x1c5),
        0x1c7..=0x1c9 => Some(0x1c8),
        0x1ca..=0x1cc => Some(0x1cb),
        0x1f1..=0x1f3 => Some(0x1f2),
        // Greek letters with ypogegrammeni title-case to one prosgegrammeni letter.
        0x1f80..=0x1f87 | 0x1f90..=0x1f97 | 0x1fa0..=0x1fa7 => Some(ch + 8),
        0x1f88..=0x1f8f | 0x1f98..=0x1f9f | 0x1fa8..=0x1faf | 0x1fbc | 0x1fcc | 0x1ffc => Some(ch),
        0x1fb3 => Some(0x1fbc),
        0x1fc3 => Some(0x1fcc),
        0x1ff3 => Some(0x1ffc),
        _ => None,
    };
    if let Some(t) = t {
        out.push(t);
        return;
    }
    if (0x10d0..=0x10fa).contains(&ch) || (0x10fd..=0x10ff).contains(&ch) {
        // Georgian Mkhedruli letters are their own title case.
        out.push(ch);
        return;
    }
    let mut up = Vec::new();
    push_upper(&mut up, ch);
    // Only the sharp s and the Latin/Armenian ligatures title-case as
    // "first letter upper, rest lower"; other expansions stay upper.
    if up.len() > 1 && (ch == 0xdf || ch == 0x587 || (0xfb00..=0xfb17).contains(&ch)) {
        out.push(up[0]);
        for &c in &up[1..] {
            push_lower_simple(out, c);
        }
    } else {
        out.extend(up);
    }
}

// ---------------------------------------------------------------- helpers

unsafe fn cps(op: *mut PyObject) -> Vec<u32> {
    unsafe { codepoints(op) }
}

fn mk(v: &[u32]) -> PyResult<Owned> {
    from_codepoints(v)
}

/// `self` itself when exact, else an exact copy (for "unchanged" results).
unsafe fn same(op: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if is_str_exact(op) {
            Ok(Owned::from_borrowed(op))
        } else {
            mk(&cps(op))
        }
    }
}

unsafe fn tname(o: *mut PyObject) -> String {
    unsafe { super::typeobject::type_name_str((*o).ob_type) }
}

/// A str argument or TypeError with the given message.
unsafe fn str_arg(o: *mut PyObject, msg: impl FnOnce() -> String) -> PyResult<Vec<u32>> {
    unsafe {
        if !is_str(o) {
            return Err(errors::type_error(msg()));
        }
        Ok(cps(o))
    }
}

unsafe fn list_of_ranges(v: &[u32], ranges: &[(usize, usize)]) -> PyResult<Owned> {
    let mut items = Vec::with_capacity(ranges.len());
    for &(s, e) in ranges {
        items.push(mk(&v[s..e])?);
    }
    sl::list_of(items)
}

fn bool_(b: bool) -> PyResult<Owned> {
    Ok(unsafe { Owned::from_raw_nonnull(super::boolobject::from_bool(b)) })
}

fn int_(n: isize) -> PyResult<Owned> {
    super::longobject::from_isize(n)
}

/// A C string argument that must be a str (`encode(encoding=…)`).
unsafe fn text_arg(fname: &str, argname: &str, o: *mut PyObject, default: &str) -> PyResult<String> {
    unsafe {
        if o.is_null() {
            return Ok(default.to_string());
        }
        if !is_str(o) {
            return Err(errors::type_error(format!(
                "{}() argument '{}' must be str, not {}",
                fname,
                argname,
                tname(o)
            )));
        }
        Ok(as_str(o)?.to_string())
    }
}

// ---------------------------------------------------------------- str.__new__

/// Decode a bytes-like object (for `str(b, encoding, errors)`).
pub unsafe fn decode_object(obj: *mut PyObject, encoding: &str, errors_: &str) -> PyResult<Owned> {
    unsafe {
        if is_str(obj) {
            return Err(errors::type_error("decoding str is not supported"));
        }
        let buf = match super::buffer::get_contiguous_bytes(obj) {
            Some(b) => b?,
            None => {
                return Err(errors::type_error(format!(
                    "decoding to str: need a bytes-like object, {} found",
                    tname(obj)
                )))
            }
        };
        let codec = super::unicode_codecs::lookup_or_raise(encoding)?;
        let src = if super::bytesobject::is_bytes(obj) { Some(obj) } else { None };
        super::unicode_codecs::decode(&buf, codec, errors_, src)
    }
}

pub unsafe extern "C" fn unicode_new(tp: *mut PyTypeObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = sl::parse_args("str", args, kw, &["object", "encoding", "errors"], 0)?;
        let (obj, enc, err) = (a[0], a[1], a[2]);
        let r = if obj.is_null() {
            new_uninit(0, 0)?
        } else if enc.is_null() && err.is_null() {
            super::abstract_::str(obj)?
        } else {
            let e = text_arg("str", "encoding", enc, "utf-8")?;
            let er = text_arg("str", "errors", err, "strict")?;
            decode_object(obj, &e, &er)?
        };
        if tp == &raw mut PyUnicode_Type {
            return Ok(r);
        }
        subtype_copy(tp, r.as_ptr())
    })
}

// ---------------------------------------------------------------- methods

macro_rules! noargs {
    ($name:ident, |$op:ident| $body:expr) => {
        unsafe extern "C" fn $name($op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
            guard_obj(|| unsafe { $body })
        }
    };
}
macro_rules! varargs {
    ($name:ident, |$op:ident, $args:ident| $body:expr) => {
        unsafe extern "C" fn $name($op: *mut PyObject, $args: *mut PyObject) -> *mut PyObject {
            guard_obj(|| unsafe { $body })
        }
    };
}
macro_rules! kwargs {
    ($name:ident, |$op:ident, $args:ident, $kw:ident| $body:expr) => {
        unsafe extern "C" fn $name($op: *mut PyObject, $args: *mut PyObject, $kw: *mut PyObject) -> *mut PyObject {
            guard_obj(|| unsafe { $body })
        }
    };
}

noargs!(str_upper, |op| {
    let v = cps(op);
    let mut out = Vec::with_capacity(v.len());
    for &c in &v {
        push_upper(&mut out, c);
    }
    mk(&out)
});

noargs!(str_lower, |op| {
    let v = cps(op);
    let mut out = Vec::with_capacity(v.len());
    for i in 0..v.len() {
        push_lower(&mut out, &v, i);
    }
    mk(&out)
});

noargs!(str_casefold, |op| {
    let v = cps(op);
    let mut out = Vec::with_capacity(v.len());
    for i in 0..v.len() {
        push_fold(&mut out, &v, i);
    }
    mk(&out)
});

noargs!(str_capitalize, |op| {
    let v = cps(op);
    let mut out = Vec::with_capacity(v.len());
    for i in 0..v.len() {
        if i == 0 {
            push_title(&mut out, v[0]);
        } else {
            push_lower(&mut out, &v, i);
        }
    }
    mk(&out)
});

noargs!(str_title, |op| {
    let v = cps(op);
    let mut out = Vec::with_capacity(v.len());
    let mut prev_cased = false;
    for i in 0..v.len() {
        let c = v[i];
        if prev_cased {
            push_lower(&mut out, &v, i);
        } else {
            push_title(&mut out, c);
        }
        prev_cased = is_cased(c);
    }
    mk(&out)
});

noargs!(str_swapcase, |op| {
    let v = cps(op);
    let mut out = Vec::with_capacity(v.len());
    for i in 0..v.len() {
        let c = v[i];
        if is_upper(c) {
            push_lower(&mut out, &v, i);
        } else if is_lower(c) {
            push_upper(&mut out, c);
        } else {
            out.push(c);
        }
    }
    mk(&out)
});

unsafe fn do_strip(op: *mut PyObject, args: *mut PyObject, which: u8, name: &str) -> PyResult<Owned> {
    unsafe {
        let a = sl::unpack_args(name, args, 0, 1)?;
        let v = cps(op);
        let (s, e) = if a[0].is_null() || a[0] == super::noneobject::none_ptr() {
            sl::strip_range(&v, which, is_space)
        } else {
            let chars = str_arg(a[0], || format!("{} arg must be None or str", name))?;
            sl::strip_range(&v, which, |c| chars.contains(&c))
        };
        if s == 0 && e == v.len() {
            return same(op);
        }
        mk(&v[s..e])
    }
}
varargs!(str_strip, |op, args| do_strip(op, args, 0, "strip"));
varargs!(str_lstrip, |op, args| do_strip(op, args, 1, "lstrip"));
varargs!(str_rstrip, |op, args| do_strip(op, args, 2, "rstrip"));

unsafe fn do_split(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject, right: bool) -> PyResult<Owned> {
    unsafe {
        let name = if right { "rsplit" } else { "split" };
        let a = sl::parse_args(name, args, kw, &["sep", "maxsplit"], 0)?;
        let maxsplit = if a[1].is_null() { -1 } else { sl::index_arg(a[1])? };
        let v = cps(op);
        let ranges = if a[0].is_null() || a[0] == super::noneobject::none_ptr() {
            if right {
                sl::rsplit_ws(&v, maxsplit, is_space)
            } else {
                sl::split_ws(&v, maxsplit, is_space)
            }
        } else {
            let sep = str_arg(a[0], || format!("must be str or None, not {}", tname(a[0])))?;
            if sep.is_empty() {
                return Err(errors::value_error("empty separator"));
            }
            if right {
                sl::rsplit(&v, &sep, maxsplit)
            } else {
                sl::split(&v, &sep, maxsplit)
            }
        };
        list_of_ranges(&v, &ranges)
    }
}
kwargs!(str_split, |op, args, kw| do_split(op, args, kw, false));
kwargs!(str_rsplit, |op, args, kw| do_split(op, args, kw, true));

kwargs!(str_splitlines, |op, args, kw| {
    let a = sl::parse_args("splitlines", args, kw, &["keepends"], 0)?;
    let keep = if a[0].is_null() { false } else { sl::index_arg(a[0])? != 0 };
    let v = cps(op);
    let r = sl::splitlines(&v, keep, is_linebreak);
    list_of_ranges(&v, &r)
});

/// `sep.join(iterable)`.
pub unsafe fn join(sep: *mut PyObject, iterable: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let tp = (*iterable).ob_type;
        if super::abstract_::get_iter(iterable).is_err() {
            if errors::exception_matches(super::exceptions::PyExc_TypeError) {
                errors::clear();
                let _ = tp;
                return Err(errors::type_error("can only join an iterable"));
            }
            return Err(errors::Raised::assume());
        }
        let items = super::abstract_::collect(iterable)?;
        if items.len() == 1 && is_str_exact(items[0].as_ptr()) {
            return Ok(items[0].clone());
        }
        let s = cps(sep);
        let mut out: Vec<u32> = Vec::new();
        for (i, it) in items.iter().enumerate() {
            if !is_str(it.as_ptr()) {
                return Err(errors::type_error(format!(
                    "sequence item {}: expected str instance, {} found",
                    i,
                    tname(it.as_ptr())
                )));
            }
            if i > 0 {
                out.extend_from_slice(&s);
            }
            out.extend(cps(it.as_ptr()));
        }
        mk(&out)
    }
}

unsafe extern "C" fn str_join(op: *mut PyObject, it: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { join(op, it) })
}

/// `s.replace(old, new, count)`.
pub unsafe fn replace(op: *mut PyObject, old: *mut PyObject, new: *mut PyObject, count: isize) -> PyResult<Owned> {
    unsafe {
        let o = str_arg(old, || format!("replace() argument 1 must be str, not {}", tname(old)))?;
        let n = str_arg(new, || format!("replace() argument 2 must be str, not {}", tname(new)))?;
        match sl::replace(&cps(op), &o, &n, count) {
            Some(v) => mk(&v),
            None => same(op),
        }
    }
}

varargs!(str_replace, |op, args| {
    let a = sl::unpack_args("replace", args, 2, 3)?;
    let count = if a[2].is_null() { -1 } else { sl::index_arg(a[2])? };
    replace(op, a[0], a[1], count)
});

/// `startswith`/`endswith` for one str or a tuple of them.
pub unsafe fn tailmatch(op: *mut PyObject, sub: *mut PyObject, start: isize, end: isize, at_end: bool) -> PyResult<bool> {
    unsafe {
        let name = if at_end { "endswith" } else { "startswith" };
        let v = cps(op);
        if super::tupleobject::is_tuple(sub) {
            for &x in super::tupleobject::as_slice(sub) {
                let s = str_arg(x, || {
                    format!("tuple for {} must only contain str, not {}", name, tname(x))
                })?;
                if sl::tailmatch(&v, &s, start, end, at_end) {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        let s = str_arg(sub, || format!("{} first arg must be str or a tuple of str, not {}", name, tname(sub)))?;
        Ok(sl::tailmatch(&v, &s, start, end, at_end))
    }
}

unsafe fn do_tailmatch(op: *mut PyObject, args: *mut PyObject, at_end: bool) -> PyResult<Owned> {
    unsafe {
        let name = if at_end { "endswith" } else { "startswith" };
        let (sub, start, end) = sl::find_args(name, args)?;
        let a = [sub];
        bool_(tailmatch(op, a[0], start, end, at_end)?)
    }
}
varargs!(str_startswith, |op, args| do_tailmatch(op, args, false));
varargs!(str_endswith, |op, args| do_tailmatch(op, args, true));

/// find/rfind/index/rindex/count: which = 0 find, 1 rfind, 2 count.
unsafe fn do_find(op: *mut PyObject, args: *mut PyObject, name: &str, which: u8, raise: bool) -> PyResult<Owned> {
    unsafe {
        let (sub, start, end) = sl::find_args(name, args)?;
        let s = str_arg(sub, || format!("must be str, not {}", tname(sub)))?;
        let v = cps(op);
        if which == 2 {
            return int_(sl::count(&v, &s, start, end) as isize);
        }
        let r = if which == 0 { sl::find(&v, &s, start, end) } else { sl::rfind(&v, &s, start, end) };
        match r {
            Some(i) => int_(i as isize),
            None if raise => Err(errors::value_error("substring not found")),
            None => int_(-1),
        }
    }
}
varargs!(str_find, |op, args| do_find(op, args, "find", 0, false));
varargs!(str_rfind, |op, args| do_find(op, args, "rfind", 1, false));
varargs!(str_index, |op, args| do_find(op, args, "index", 0, true));
varargs!(str_rindex, |op, args| do_find(op, args, "rindex", 1, true));
varargs!(str_count, |op, args| do_find(op, args, "count", 2, false));

pub(crate) unsafe fn do_partition(op: *mut PyObject, sep: *mut PyObject, right: bool) -> PyResult<Owned> {
    unsafe {
        let s = str_arg(sep, || format!("must be str, not {}", tname(sep)))?;
        if s.is_empty() {
            return Err(errors::value_error("empty separator"));
        }
        let v = cps(op);
        let found = if right { sl::rfind(&v, &s, 0, isize::MAX) } else { sl::find(&v, &s, 0, isize::MAX) };
        let empty = new_uninit(0, 0)?;
        let parts = match found {
            Some(i) => vec![mk(&v[..i])?, mk(&s)?, mk(&v[i + s.len()..])?],
            None if right => vec![empty.clone(), empty.clone(), same(op)?],
            None => vec![same(op)?, empty.clone(), empty.clone()],
        };
        super::tupleobject::from_owned(parts)
    }
}
unsafe extern "C" fn str_partition(op: *mut PyObject, sep: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { do_partition(op, sep, false) })
}
unsafe extern "C" fn str_rpartition(op: *mut PyObject, sep: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { do_partition(op, sep, true) })
}

macro_rules! predicate {
    ($name:ident, $test:expr) => {
        noargs!($name, |op| {
            let v = cps(op);
            bool_(!v.is_empty() && v.iter().all(|&c| $test(c)))
        });
    };
}
predicate!(str_isdigit, is_digit);
predicate!(str_isdecimal, is_decimal);
predicate!(str_isnumeric, is_numeric);
predicate!(str_isalpha, is_alpha);
predicate!(str_isalnum, is_alnum);
predicate!(str_isspace, is_space);

noargs!(str_isascii, |op| bool_(is_ascii(op) || actual_max_char(op) < 128));
noargs!(str_isprintable, |op| bool_(cps(op).iter().all(|&c| is_printable(c))));

noargs!(str_islower, |op| {
    let v = cps(op);
    let mut cased = false;
    for &c in &v {
        if is_upper(c) || is_titlecase(c) {
            return bool_(false);
        }
        if is_lower(c) {
            cased = true;
        }
    }
    bool_(cased)
});

noargs!(str_isupper, |op| {
    let v = cps(op);
    let mut cased = false;
    for &c in &v {
        if is_lower(c) || is_titlecase(c) {
            return bool_(false);
        }
        if is_upper(c) {
            cased = true;
        }
    }
    bool_(cased)
});

noargs!(str_istitle, |op| {
    let v = cps(op);
    let mut cased = false;
    let mut prev_cased = false;
    for &c in &v {
        if is_upper(c) || is_titlecase(c) {
            if prev_cased {
                return bool_(false);
            }
            prev_cased = true;
            cased = true;
        } else if is_lower(c) {
            if !prev_cased {
                return bool_(false);
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    bool_(cased)
});

/// `str.isidentifier` (XID_Start/XID_Continue approximated by Rust's
/// alphabetic/alphanumeric classes plus combining marks).
pub unsafe fn is_identifier(op: *mut PyObject) -> bool {
    unsafe {
        let v = cps(op);
        let start = |c: u32| c == 0x5f || (is_alpha(c) && char::from_u32(c).is_some_and(|ch| ch.is_alphabetic()));
        let cont = |c: u32| {
            start(c)
                || is_decimal(c)
                || matches!(c, 0xb7 | 0x300..=0x36f | 0x483..=0x487 | 0x591..=0x5bd | 0x610..=0x61a | 0x64b..=0x669 | 0x203f | 0x2040)
                || char::from_u32(c).is_some_and(|ch| ch.is_alphanumeric())
        };
        match v.split_first() {
            None => false,
            Some((&f, rest)) => start(f) && rest.iter().all(|&c| cont(c)),
        }
    }
}
noargs!(str_isidentifier, |op| bool_(is_identifier(op)));

/// The fill character argument of center/ljust/rjust.
unsafe fn fill_arg(o: *mut PyObject) -> PyResult<u32> {
    unsafe {
        if o.is_null() {
            return Ok(0x20);
        }
        if !is_str(o) {
            return Err(errors::type_error(format!(
                "The fill character must be a unicode character, not {}",
                tname(o)
            )));
        }
        if len(o) != 1 {
            return Err(errors::type_error("The fill character must be exactly one character long"));
        }
        Ok(read(o, 0))
    }
}

unsafe fn do_pad(op: *mut PyObject, args: *mut PyObject, how: u8, name: &str) -> PyResult<Owned> {
    unsafe {
        let a = sl::unpack_args(name, args, 1, 2)?;
        let width = sl::index_arg(a[0])?;
        let fill = fill_arg(a[1])?;
        let v = cps(op);
        if width <= v.len() as isize {
            return same(op);
        }
        let (l, r) = sl::pad_amounts(v.len(), width, how);
        let mut out = Vec::with_capacity(width as usize);
        out.extend(std::iter::repeat_n(fill, l));
        out.extend_from_slice(&v);
        out.extend(std::iter::repeat_n(fill, r));
        mk(&out)
    }
}
varargs!(str_center, |op, args| do_pad(op, args, 0, "center"));
varargs!(str_ljust, |op, args| do_pad(op, args, 1, "ljust"));
varargs!(str_rjust, |op, args| do_pad(op, args, 2, "rjust"));

unsafe extern "C" fn str_zfill(op: *mut PyObject, w: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let width = sl::index_arg(w)?;
        let v = cps(op);
        if width <= v.len() as isize {
            return same(op);
        }
        mk(&sl::zfill(&v, width, 0x30))
    })
}

kwargs!(str_expandtabs, |op, args, kw| {
    let a = sl::parse_args("expandtabs", args, kw, &["tabsize"], 0)?;
    let ts = if a[0].is_null() { 8 } else { sl::index_arg(a[0])? };
    mk(&sl::expandtabs(&cps(op), ts, 0x20))
});

/// `s.encode(encoding, errors)` as bytes.
pub unsafe fn encode(op: *mut PyObject, encoding: &str, errors_: &str) -> PyResult<Owned> {
    unsafe {
        let codec = super::unicode_codecs::lookup_or_raise(encoding)?;
        let b = super::unicode_codecs::encode(op, codec, errors_)?;
        super::bytesobject::from_slice(&b)
    }
}

kwargs!(str_encode, |op, args, kw| {
    let a = sl::parse_args("encode", args, kw, &["encoding", "errors"], 0)?;
    let e = text_arg("encode", "encoding", a[0], "utf-8")?;
    let er = text_arg("encode", "errors", a[1], "strict")?;
    encode(op, &e, &er)
});

unsafe fn do_remove(op: *mut PyObject, x: *mut PyObject, suffix: bool) -> PyResult<Owned> {
    unsafe {
        let name = if suffix { "removesuffix" } else { "removeprefix" };
        let p = str_arg(x, || format!("{}() argument must be str, not {}", name, tname(x)))?;
        let v = cps(op);
        if !p.is_empty() {
            if suffix && v.ends_with(&p) {
                return mk(&v[..v.len() - p.len()]);
            }
            if !suffix && v.starts_with(&p) {
                return mk(&v[p.len()..]);
            }
        }
        same(op)
    }
}
unsafe extern "C" fn str_removeprefix(op: *mut PyObject, x: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { do_remove(op, x, false) })
}
unsafe extern "C" fn str_removesuffix(op: *mut PyObject, x: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { do_remove(op, x, true) })
}

noargs!(str_getnewargs, |op| {
    let c = mk(&cps(op))?;
    super::tupleobject::from_owned(vec![c])
});

noargs!(str_sizeof, |op| {
    let n = len(op) as usize;
    let k = kind(op) as usize;
    let st = state(op);
    let mut size = if st & STATE_COMPACT != 0 {
        if is_ascii(op) {
            core::mem::size_of::<PyASCIIObject>() + n + 1
        } else {
            core::mem::size_of::<PyCompactUnicodeObject>() + (n + 1) * k
        }
    } else {
        core::mem::size_of::<PyUnicodeObject>() + (n + 1) * k
    };
    if !is_ascii(op) {
        let c = op as *mut PyCompactUnicodeObject;
        if !(*c).utf8.is_null() {
            size += (*c).utf8_length as usize + 1;
        }
    }
    int_(size as isize)
});

/// `format(s, spec)` for str: fill, align, width and precision.
pub unsafe fn format(op: *mut PyObject, spec: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let sp = cps(spec);
        if sp.is_empty() {
            return same(op);
        }
        let spec_text = to_string_lossy(spec);
        let invalid = || {
            errors::value_error(format!("Invalid format specifier '{}' for object of type 'str'", spec_text))
        };
        let mut i = 0;
        let mut fill: Option<u32> = None;
        let mut align: Option<u32> = None;
        let is_align = |c: u32| matches!(c, 0x3c | 0x3e | 0x3d | 0x5e);
        if sp.len() >= 2 && is_align(sp[1]) {
            fill = Some(sp[0]);
            align = Some(sp[1]);
            i = 2;
        } else if is_align(sp[0]) {
            align = Some(sp[0]);
            i = 1;
        }
        if i < sp.len() && matches!(sp[i], 0x2b | 0x2d | 0x20) {
            return Err(errors::value_error("Sign not allowed in string format specifier"));
        }
        if i < sp.len() && sp[i] == 0x7a {
            return Err(errors::value_error("Negative zero coercion (z) not allowed in string format specifier"));
        }
        if i < sp.len() && sp[i] == 0x23 {
            return Err(errors::value_error("Alternate form (#) not allowed in string format specifier"));
        }
        if i < sp.len() && sp[i] == 0x30 {
            if fill.is_none() {
                fill = Some(0x30);
            }
            if align.is_none() {
                align = Some(0x3d);
            }
            i += 1;
        }
        let digits = |i: &mut usize| -> Option<usize> {
            let s = *i;
            let mut n: usize = 0;
            while *i < sp.len() && (0x30..=0x39).contains(&sp[*i]) {
                n = n.saturating_mul(10).saturating_add((sp[*i] - 0x30) as usize);
                *i += 1;
            }
            if *i > s { Some(n) } else { None }
        };
        let width = digits(&mut i).unwrap_or(0);
        if i < sp.len() && (sp[i] == 0x2c || sp[i] == 0x5f) {
            return Err(errors::value_error(format!("Cannot specify '{}' with 's'.", char::from_u32(sp[i]).unwrap())));
        }
        let mut precision = None;
        if i < sp.len() && sp[i] == 0x2e {
            i += 1;
            precision = digits(&mut i);
            if precision.is_none() {
                return Err(errors::value_error("Format specifier missing precision"));
            }
        }
        if sp.len() - i > 1 {
            return Err(invalid());
        }
        if i < sp.len() && sp[i] != 0x73 {
            let c = sp[i];
            return Err(errors::value_error(match char::from_u32(c) {
                Some(ch) if c > 32 && c < 128 => format!("Unknown format code '{}' for object of type 'str'", ch),
                _ => format!("Unknown format code '\\x{:x}' for object of type 'str'", c),
            }));
        }
        // '0' without an explicit alignment behaves as '<' for strings.
        let align = match align {
            Some(0x3d) if fill == Some(0x30) && sp.get(1) != Some(&0x3d) && sp.first() != Some(&0x3d) => 0x3c,
            Some(0x3d) => return Err(errors::value_error("'=' alignment not allowed in string format specifier")),
            Some(a) => a,
            None => 0x3c,
        };
        let mut v = cps(op);
        if let Some(p) = precision {
            v.truncate(p);
        }
        let fill = fill.unwrap_or(0x20);
        let how = match align {
            0x5e => 0,
            0x3c => 1,
            _ => 2,
        };
        let (l, r) = sl::pad_amounts(v.len(), width as isize, how);
        // Format's centering puts the extra space on the right.
        let (l, r) = if how == 0 { ((l + r) / 2, l + r - (l + r) / 2) } else { (l, r) };
        let mut out = Vec::with_capacity(v.len() + l + r);
        out.extend(std::iter::repeat_n(fill, l));
        out.extend_from_slice(&v);
        out.extend(std::iter::repeat_n(fill, r));
        mk(&out)
    }
}

unsafe extern "C" fn str_format_spec(op: *mut PyObject, spec: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !is_str(spec) {
            return Err(errors::type_error(format!("__format__() argument must be str, not {}", tname(spec))));
        }
        format(op, spec)
    })
}

/// `str.maketrans(x[, y[, z]])`.
unsafe extern "C" fn str_maketrans(_null: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = sl::unpack_args("maketrans", args, 1, 3)?;
        let d = super::dictobject::new_dict()?;
        if a[1].is_null() {
            if !super::dictobject::is_dict(a[0]) {
                return Err(errors::type_error("if you give only one argument to maketrans it must be a dict"));
            }
            for (k, v) in super::dictobject::items_owned(a[0]) {
                let key = if is_str(k.as_ptr()) {
                    if len(k.as_ptr()) != 1 {
                        return Err(errors::value_error("string keys in translate table must be of length 1"));
                    }
                    int_(read(k.as_ptr(), 0) as isize)?
                } else if super::longobject::is_long(k.as_ptr()) {
                    k.clone()
                } else {
                    return Err(errors::type_error("keys in translate table must be strings or integers"));
                };
                super::dictobject::set_item(d.as_ptr(), key.as_ptr(), v.as_ptr())?;
            }
            return Ok(d);
        }
        let x = str_arg(a[0], || format!("maketrans() argument 1 must be str, not {}", tname(a[0])))?;
        let y = str_arg(a[1], || format!("maketrans() argument 2 must be str, not {}", tname(a[1])))?;
        if x.len() != y.len() {
            return Err(errors::value_error("the first two maketrans arguments must have equal length"));
        }
        for (c, t) in x.iter().zip(y.iter()) {
            super::dictobject::set_item(d.as_ptr(), int_(*c as isize)?.as_ptr(), int_(*t as isize)?.as_ptr())?;
        }
        if !a[2].is_null() {
            let z = str_arg(a[2], || format!("maketrans() argument 3 must be str, not {}", tname(a[2])))?;
            for c in z {
                super::dictobject::set_item(d.as_ptr(), int_(c as isize)?.as_ptr(), super::noneobject::none_ptr())?;
            }
        }
        Ok(d)
    })
}

/// `str.translate(table)`: `table[ord(c)]` gives a str, a code point, or None
/// (delete); a LookupError leaves the character alone.
unsafe extern "C" fn str_translate(op: *mut PyObject, table: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { translate(op, table, "ignore") })
}

/// `PyUnicode_Translate`'s core: as `str.translate`, except that a character
/// mapped to None is unmappable and `errors` decides: "ignore" deletes it
/// (what `str.translate` asks for), "replace" writes U+FFFD, "strict" raises
/// UnicodeTranslateError over the run of consecutive unmappable characters.
pub(crate) unsafe fn translate(op: *mut PyObject, table: *mut PyObject, errors_: &str) -> PyResult<Owned> {
    unsafe {
        if !matches!(errors_, "strict" | "ignore" | "replace") {
            return Err(errors::set_string(
                super::exceptions::PyExc_LookupError,
                &format!("unknown error handler name '{}'", errors_),
            ));
        }
        let v = cps(op);
        let mut out = Vec::with_capacity(v.len());
        let mut bad_run: Option<(usize, usize)> = None;
        for (i, &c) in v.iter().enumerate() {
            let key = int_(c as isize)?;
            let r = match super::abstract_::get_item(table, key.as_ptr()) {
                Ok(r) => r,
                Err(e) => {
                    if errors::exception_matches(super::exceptions::PyExc_LookupError) {
                        errors::clear();
                        out.push(c);
                        continue;
                    }
                    return Err(e);
                }
            };
            let r = r.as_ptr();
            if r == super::noneobject::none_ptr() {
                match errors_ {
                    "ignore" => {}
                    "replace" => out.push(0xfffd),
                    _ => {
                        bad_run = Some(match bad_run {
                            Some((s, e)) if e == i => (s, i + 1),
                            Some(run) => run,
                            None => (i, i + 1),
                        });
                    }
                }
                continue;
            }
            if bad_run.is_some() {
                break;
            }
            if super::longobject::is_long(r) {
                match super::longobject::as_i128(r) {
                    Some(n) if (0..0x110000).contains(&n) => out.push(n as u32),
                    _ => return Err(errors::value_error("character mapping must be in range(0x110000)")),
                }
            } else if is_str(r) {
                out.extend(cps(r));
            } else {
                return Err(errors::type_error("character mapping must return integer, None or str"));
            }
        }
        if let Some((start, end)) = bad_run {
            let tp = super::exceptions::PyExc_UnicodeTranslateError;
            let exc = super::abstract_::call_function(
                tp,
                &[
                    op,
                    int_(start as isize)?.as_ptr(),
                    int_(end as isize)?.as_ptr(),
                    super::unicodeobject::from_str("character maps to <undefined>")?.as_ptr(),
                ],
            )?;
            return Err(errors::set_object(tp, exc.as_ptr()));
        }
        mk(&out)
    }
}

macro_rules! m {
    ($name:literal, $f:expr, $flags:expr, $doc:literal) => {
        PyMethodDef { ml_name: $name.as_ptr(), ml_meth: $f as *mut c_void, ml_flags: $flags, ml_doc: $doc.as_ptr() }
    };
}

type VarFn = unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject;
type KwFn = unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject;
const VK: libc::c_int = METH_VARARGS | METH_KEYWORDS;

pub static mut UNICODE_METHODS: [PyMethodDef; 49] = [
    m!(c"encode", str_encode as KwFn, VK, c"Encode the string using the codec registered for encoding."),
    m!(c"replace", str_replace as VarFn, METH_VARARGS, c"Return a copy with all occurrences of substring old replaced by new."),
    m!(c"split", str_split as KwFn, VK, c"Return a list of the substrings in the string, using sep as the separator string."),
    m!(c"rsplit", str_rsplit as KwFn, VK, c"Return a list of the substrings in the string, using sep as the separator string."),
    m!(c"join", str_join as VarFn, METH_O, c"Concatenate any number of strings."),
    m!(c"capitalize", str_capitalize as VarFn, METH_NOARGS, c"Return a capitalized version of the string."),
    m!(c"casefold", str_casefold as VarFn, METH_NOARGS, c"Return a version of the string suitable for caseless comparisons."),
    m!(c"title", str_title as VarFn, METH_NOARGS, c"Return a version of the string where each word is titlecased."),
    m!(c"center", str_center as VarFn, METH_VARARGS, c"Return a centered string of length width."),
    m!(c"count", str_count as VarFn, METH_VARARGS, c"S.count(sub[, start[, end]]) -> int"),
    m!(c"expandtabs", str_expandtabs as KwFn, VK, c"Return a copy where all tab characters are expanded using spaces."),
    m!(c"find", str_find as VarFn, METH_VARARGS, c"S.find(sub[, start[, end]]) -> int"),
    m!(c"partition", str_partition as VarFn, METH_O, c"Partition the string into three parts using the given separator."),
    m!(c"index", str_index as VarFn, METH_VARARGS, c"S.index(sub[, start[, end]]) -> int"),
    m!(c"ljust", str_ljust as VarFn, METH_VARARGS, c"Return a left-justified string of length width."),
    m!(c"lower", str_lower as VarFn, METH_NOARGS, c"Return a copy of the string converted to lowercase."),
    m!(c"lstrip", str_lstrip as VarFn, METH_VARARGS, c"Return a copy of the string with leading whitespace removed."),
    m!(c"rfind", str_rfind as VarFn, METH_VARARGS, c"S.rfind(sub[, start[, end]]) -> int"),
    m!(c"rindex", str_rindex as VarFn, METH_VARARGS, c"S.rindex(sub[, start[, end]]) -> int"),
    m!(c"rjust", str_rjust as VarFn, METH_VARARGS, c"Return a right-justified string of length width."),
    m!(c"rstrip", str_rstrip as VarFn, METH_VARARGS, c"Return a copy of the string with trailing whitespace removed."),
    m!(c"rpartition", str_rpartition as VarFn, METH_O, c"Partition the string into three parts using the given separator."),
    m!(c"splitlines", str_splitlines as KwFn, VK, c"Return a list of the lines in the string, breaking at line boundaries."),
    m!(c"strip", str_strip as VarFn, METH_VARARGS, c"Return a copy of the string with leading and trailing whitespace removed."),
    m!(c"swapcase", str_swapcase as VarFn, METH_NOARGS, c"Convert uppercase characters to lowercase and lowercase characters to uppercase."),
    m!(c"upper", str_upper as VarFn, METH_NOARGS, c"Return a copy of the string converted to uppercase."),
    m!(c"startswith", str_startswith as VarFn, METH_VARARGS, c"Return True if S starts with the specified prefix, False otherwise."),
    m!(c"endswith", str_endswith as VarFn, METH_VARARGS, c"Return True if S ends with the specified suffix, False otherwise."),
    m!(c"removeprefix", str_removeprefix as VarFn, METH_O, c"Return a str with the given prefix string removed if present."),
    m!(c"removesuffix", str_removesuffix as VarFn, METH_O, c"Return a str with the given suffix string removed if present."),
    m!(c"isascii", str_isascii as VarFn, METH_NOARGS, c"Return True if all characters in the string are ASCII, False otherwise."),
    m!(c"islower", str_islower as VarFn, METH_NOARGS, c"Return True if the string is a lowercase string, False otherwise."),
    m!(c"isupper", str_isupper as VarFn, METH_NOARGS, c"Return True if the string is an uppercase string, False otherwise."),
    m!(c"istitle", str_istitle as VarFn, METH_NOARGS, c"Return True if the string is a title-cased string, False otherwise."),
    m!(c"isspace", str_isspace as VarFn, METH_NOARGS, c"Return True if the string is a whitespace string, False otherwise."),
    m!(c"isdecimal", str_isdecimal as VarFn, METH_NOARGS, c"Return True if the string is a decimal string, False otherwise."),
    m!(c"isdigit", str_isdigit as VarFn, METH_NOARGS, c"Return True if the string is a digit string, False otherwise."),
    m!(c"isnumeric", str_isnumeric as VarFn, METH_NOARGS, c"Return True if the string is a numeric string, False otherwise."),
    m!(c"isalpha", str_isalpha as VarFn, METH_NOARGS, c"Return True if the string is an alphabetic string, False otherwise."),
    m!(c"isalnum", str_isalnum as VarFn, METH_NOARGS, c"Return True if the string is an alpha-numeric string, False otherwise."),
    m!(c"isidentifier", str_isidentifier as VarFn, METH_NOARGS, c"Return True if the string is a valid Python identifier, False otherwise."),
    m!(c"isprintable", str_isprintable as VarFn, METH_NOARGS, c"Return True if the string is printable, False otherwise."),
    m!(c"zfill", str_zfill as VarFn, METH_O, c"Pad a numeric string with zeros on the left, to fill a field of the given width."),
    m!(c"__format__", str_format_spec as VarFn, METH_O, c"Return a formatted version of the string as described by format_spec."),
    m!(c"__sizeof__", str_sizeof as VarFn, METH_NOARGS, c"Return the size of the string in memory, in bytes."),
    m!(c"__getnewargs__", str_getnewargs as VarFn, METH_NOARGS, c""),
    m!(c"maketrans", str_maketrans as VarFn, METH_VARARGS | METH_STATIC, c"Return a translation table usable for str.translate()."),
    m!(c"translate", str_translate as VarFn, METH_O, c"Replace each character in the string using the given translation table."),
    PyMethodDef::SENTINEL,
];
