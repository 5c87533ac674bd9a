//! Methods and helpers shared by `bytes` and `bytearray` (CPython's
//! `Objects/bytes_methods.c`), and their iterator types.
//!
//! Design note. Every method reads its receiver through `view`, which works for
//! both types, and builds its result through `make`, which returns the
//! receiver's own kind (bytes for bytes, bytearray for bytearray), as CPython
//! does. Arguments that take "bytes-like" values accept any buffer exporter.
//! Character classes are ASCII-only (`Py_ISSPACE` and friends).
use super::object::*;
use super::pyref::*;
use super::stringlib as sl;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::guard_obj;
use core::mem::size_of;
use libc::{c_int, c_void};

// ---------------------------------------------------------------- helpers

/// The receiver's bytes (bytes or bytearray), borrowed for the call.
pub unsafe fn view<'a>(op: *mut PyObject) -> &'a [u8] {
    unsafe {
        if super::bytesobject::is_bytes(op) {
            super::bytesobject::as_slice(op)
        } else {
            super::bytearrayobject::as_slice(op)
        }
    }
}

/// A result of the receiver's kind.
pub unsafe fn make(op: *mut PyObject, b: &[u8]) -> PyResult<Owned> {
    unsafe {
        if super::bytesobject::is_bytes(op) {
            super::bytesobject::from_slice(b)
        } else {
            super::bytearrayobject::from_slice(b)
        }
    }
}

/// The receiver itself if it is an exact bytes (immutable), else a copy.
unsafe fn same(op: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if super::bytesobject::is_bytes_exact(op) {
            Ok(Owned::from_borrowed(op))
        } else {
            make(op, view(op))
        }
    }
}

unsafe fn tname(o: *mut PyObject) -> String {
    unsafe { super::typeobject::type_name_str((*o).ob_type) }
}

/// An int in range(256), else ValueError `range_msg`.
pub unsafe fn byte_value(o: *mut PyObject, range_msg: &str) -> PyResult<u8> {
    unsafe {
        let v = sl::index_arg(o)?;
        if !(0..256).contains(&v) {
            return Err(errors::value_error(range_msg));
        }
        Ok(v as u8)
    }
}

/// A bytes-like argument, or TypeError "a bytes-like object is required".
pub unsafe fn buf_arg(o: *mut PyObject) -> PyResult<Vec<u8>> {
    unsafe {
        match super::buffer::get_contiguous_bytes(o) {
            Some(r) => r,
            None => Err(errors::type_error(format!("a bytes-like object is required, not '{}'", tname(o)))),
        }
    }
}

/// The `sub` of find/count/index: an int byte or a bytes-like object.
unsafe fn sub_arg(o: *mut PyObject) -> PyResult<Vec<u8>> {
    unsafe {
        if super::longobject::is_index(o) {
            return Ok(vec![byte_value(o, "byte must be in range(0, 256)")?]);
        }
        match super::buffer::get_contiguous_bytes(o) {
            Some(r) => r,
            None => Err(errors::type_error(format!(
                "argument should be integer or bytes-like object, not '{}'",
                tname(o)
            ))),
        }
    }
}

/// A str argument with a default (`decode(encoding=…)`).
pub unsafe fn text_arg(fname: &str, argname: &str, o: *mut PyObject, default: &str) -> PyResult<String> {
    unsafe {
        if o.is_null() {
            return Ok(default.to_string());
        }
        if !super::unicodeobject::is_str(o) {
            return Err(errors::type_error(format!(
                "{}() argument '{}' must be str, not {}",
                fname,
                argname,
                tname(o)
            )));
        }
        Ok(super::unicodeobject::as_str(o)?.to_string())
    }
}

pub fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// Rich comparison of two byte strings.
pub fn compare_slices(a: &[u8], b: &[u8], op: c_int) -> PyResult<Owned> {
    let r = match op {
        Py_EQ => a == b,
        Py_NE => a != b,
        Py_LT => a < b,
        Py_LE => a <= b,
        Py_GT => a > b,
        _ => a >= b,
    };
    Ok(unsafe { Owned::from_raw_nonnull(super::boolobject::from_bool(r)) })
}

/// The two operands of `a + b` as bytes, with "can't concat str to bytes".
pub unsafe fn concat_operands(a: *mut PyObject, b: *mut PyObject) -> PyResult<(Vec<u8>, Vec<u8>)> {
    unsafe {
        let err = || errors::type_error(format!("can't concat {} to {}", tname(b), tname(a)));
        let x = match super::buffer::get_contiguous_bytes(a) {
            Some(r) => r?,
            None => return Err(err()),
        };
        let y = match super::buffer::get_contiguous_bytes(b) {
            Some(r) => r?,
            None => return Err(err()),
        };
        Ok((x, y))
    }
}

/// `b * n`.
pub fn repeat(b: &[u8], n: Py_ssize_t) -> PyResult<Vec<u8>> {
    if n <= 0 || b.is_empty() {
        return Ok(Vec::new());
    }
    let total = b.len().checked_mul(n as usize).filter(|&t| t < isize::MAX as usize / 2);
    if total.is_none() {
        return Err(errors::no_memory());
    }
    Ok(b.repeat(n as usize))
}

/// `x in b`.
pub unsafe fn contains(b: &[u8], x: *mut PyObject) -> PyResult<bool> {
    unsafe {
        if super::longobject::is_index(x) {
            let v = byte_value(x, "byte must be in range(0, 256)")?;
            return Ok(b.contains(&v));
        }
        let s = buf_arg(x)?;
        Ok(sl::find(b, &s, 0, isize::MAX).is_some())
    }
}

fn bool_(b: bool) -> PyResult<Owned> {
    Ok(unsafe { Owned::from_raw_nonnull(super::boolobject::from_bool(b)) })
}

unsafe fn list_of_ranges(op: *mut PyObject, v: &[u8], ranges: &[(usize, usize)]) -> PyResult<Owned> {
    unsafe {
        let mut items = Vec::with_capacity(ranges.len());
        for &(s, e) in ranges {
            items.push(make(op, &v[s..e])?);
        }
        sl::list_of(items)
    }
}

// ---------------------------------------------------------------- methods

macro_rules! noargs {
    ($name:ident, |$op:ident| $body:expr) => {
        pub unsafe extern "C" fn $name($op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
            guard_obj(|| unsafe { $body })
        }
    };
}
macro_rules! varargs {
    ($name:ident, |$op:ident, $args:ident| $body:expr) => {
        pub unsafe extern "C" fn $name($op: *mut PyObject, $args: *mut PyObject) -> *mut PyObject {
            guard_obj(|| unsafe { $body })
        }
    };
}
macro_rules! kwargs {
    ($name:ident, |$op:ident, $args:ident, $kw:ident| $body:expr) => {
        pub unsafe extern "C" fn $name($op: *mut PyObject, $args: *mut PyObject, $kw: *mut PyObject) -> *mut PyObject {
            guard_obj(|| unsafe { $body })
        }
    };
}

kwargs!(b_decode, |op, args, kw| {
    let a = sl::parse_args("decode", args, kw, &["encoding", "errors"], 0)?;
    let e = text_arg("decode", "encoding", a[0], "utf-8")?;
    let er = text_arg("decode", "errors", a[1], "strict")?;
    let codec = super::unicode_codecs::lookup_or_raise(&e)?;
    let src = if super::bytesobject::is_bytes(op) { Some(op) } else { None };
    super::unicode_codecs::decode(view(op), codec, &er, src)
});

/// `bytes.hex(sep, bytes_per_sep)`.
pub unsafe fn hex(b: &[u8], sep: Option<u8>, per: isize) -> PyResult<Owned> {
    const D: &[u8; 16] = b"0123456789abcdef";
    let mut out = Vec::with_capacity(b.len() * 3);
    let group = per.unsigned_abs();
    for (i, &c) in b.iter().enumerate() {
        if let Some(s) = sep {
            if i > 0 && group > 0 {
                // Groups are counted from the right for positive `per`.
                let boundary = if per > 0 { (b.len() - i) % group == 0 } else { i % group == 0 };
                if boundary {
                    out.push(s);
                }
            }
        }
        out.push(D[(c >> 4) as usize]);
        out.push(D[(c & 15) as usize]);
    }
    // SAFETY: only ASCII was written.
    super::unicodeobject::from_str(unsafe { core::str::from_utf8_unchecked(&out) })
}

kwargs!(b_hex, |op, args, kw| {
    let a = sl::parse_args("hex", args, kw, &["sep", "bytes_per_sep"], 0)?;
    let sep = if a[0].is_null() {
        None
    } else {
        let s: Vec<u32> = if super::unicodeobject::is_str(a[0]) {
            super::unicodeobject::codepoints(a[0])
        } else {
            buf_arg(a[0])?.iter().map(|&c| c as u32).collect()
        };
        if s.len() != 1 {
            return Err(errors::value_error("sep must be length 1."));
        }
        if s[0] > 127 {
            return Err(errors::value_error("sep must be ASCII."));
        }
        Some(s[0] as u8)
    };
    let per = if a[1].is_null() { 1 } else { sl::index_arg(a[1])? };
    hex(view(op), sep, per)
});

/// Parse `bytes.fromhex`'s argument.
pub unsafe fn fromhex_bytes(s: *mut PyObject) -> PyResult<Vec<u8>> {
    unsafe {
        if !super::unicodeobject::is_str(s) {
            return Err(errors::type_error(format!("fromhex() argument must be str, not {}", tname(s))));
        }
        let v = super::unicodeobject::codepoints(s);
        let digit = |c: u32| char::from_u32(c).and_then(|ch| if ch.is_ascii() { ch.to_digit(16) } else { None });
        let mut out = Vec::with_capacity(v.len() / 2);
        let mut i = 0;
        let bad = |i: usize| errors::value_error(format!("non-hexadecimal number found in fromhex() arg at position {}", i));
        while i < v.len() {
            if v[i] < 128 && is_space(v[i] as u8) {
                i += 1;
                continue;
            }
            let hi = digit(v[i]).ok_or_else(|| bad(i))?;
            let lo = v.get(i + 1).and_then(|&c| digit(c)).ok_or_else(|| bad(i + 1))?;
            out.push((hi * 16 + lo) as u8);
            i += 2;
        }
        Ok(out)
    }
}

pub unsafe extern "C" fn b_fromhex(cls: *mut PyObject, s: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let v = fromhex_bytes(s)?;
        let bytes_t = &raw mut super::bytesobject::PyBytes_Type as *mut PyObject;
        let ba_t = &raw mut super::bytearrayobject::PyByteArray_Type as *mut PyObject;
        if cls == bytes_t {
            return super::bytesobject::from_slice(&v);
        }
        if cls == ba_t {
            return super::bytearrayobject::from_slice(&v);
        }
        let b = super::bytesobject::from_slice(&v)?;
        super::abstract_::call_function(cls, &[b.as_ptr()])
    })
}

/// `sep.join(iterable)` for bytes-like items.
pub unsafe fn join(op: *mut PyObject, iterable: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let items = super::abstract_::collect(iterable).map_err(|e| {
            if errors::exception_matches(super::exceptions::PyExc_TypeError) {
                errors::clear();
                errors::type_error("can only join an iterable")
            } else {
                e
            }
        })?;
        let sep = view(op).to_vec();
        let mut out = Vec::new();
        for (i, it) in items.iter().enumerate() {
            let b = match super::buffer::get_contiguous_bytes(it.as_ptr()) {
                Some(r) => r?,
                None => {
                    return Err(errors::type_error(format!(
                        "sequence item {}: expected a bytes-like object, {} found",
                        i,
                        tname(it.as_ptr())
                    )))
                }
            };
            if i > 0 {
                out.extend_from_slice(&sep);
            }
            out.extend_from_slice(&b);
        }
        make(op, &out)
    }
}

pub unsafe extern "C" fn b_join(op: *mut PyObject, it: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { join(op, it) })
}

unsafe fn do_split(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject, right: bool) -> PyResult<Owned> {
    unsafe {
        let name = if right { "rsplit" } else { "split" };
        let a = sl::parse_args(name, args, kw, &["sep", "maxsplit"], 0)?;
        let maxsplit = if a[1].is_null() { -1 } else { sl::index_arg(a[1])? };
        let v = view(op).to_vec();
        let ranges = if a[0].is_null() || a[0] == super::noneobject::none_ptr() {
            if right {
                sl::rsplit_ws(&v, maxsplit, is_space)
            } else {
                sl::split_ws(&v, maxsplit, is_space)
            }
        } else {
            let sep = buf_arg(a[0])?;
            if sep.is_empty() {
                return Err(errors::value_error("empty separator"));
            }
            if right {
                sl::rsplit(&v, &sep, maxsplit)
            } else {
                sl::split(&v, &sep, maxsplit)
            }
        };
        list_of_ranges(op, &v, &ranges)
    }
}
kwargs!(b_split, |op, args, kw| do_split(op, args, kw, false));
kwargs!(b_rsplit, |op, args, kw| do_split(op, args, kw, true));

kwargs!(b_splitlines, |op, args, kw| {
    let a = sl::parse_args("splitlines", args, kw, &["keepends"], 0)?;
    let keep = if a[0].is_null() { false } else { sl::index_arg(a[0])? != 0 };
    let v = view(op).to_vec();
    let r = sl::splitlines(&v, keep, |c| c == 10 || c == 13);
    list_of_ranges(op, &v, &r)
});

unsafe fn do_strip(op: *mut PyObject, args: *mut PyObject, which: u8, name: &str) -> PyResult<Owned> {
    unsafe {
        let a = sl::unpack_args(name, args, 0, 1)?;
        let v = view(op).to_vec();
        let (s, e) = if a[0].is_null() || a[0] == super::noneobject::none_ptr() {
            sl::strip_range(&v, which, is_space)
        } else {
            let chars = buf_arg(a[0])?;
            sl::strip_range(&v, which, |c| chars.contains(&c))
        };
        if s == 0 && e == v.len() {
            return same(op);
        }
        make(op, &v[s..e])
    }
}
varargs!(b_strip, |op, args| do_strip(op, args, 0, "strip"));
varargs!(b_lstrip, |op, args| do_strip(op, args, 1, "lstrip"));
varargs!(b_rstrip, |op, args| do_strip(op, args, 2, "rstrip"));

unsafe fn do_tailmatch(op: *mut PyObject, args: *mut PyObject, at_end: bool) -> PyResult<Owned> {
    unsafe {
        let name = if at_end { "endswith" } else { "startswith" };
        let (sub, start, end) = sl::find_args(name, args)?;
        let a = [sub];
        let v = view(op).to_vec();
        if super::tupleobject::is_tuple(a[0]) {
            for &x in super::tupleobject::as_slice(a[0]) {
                let s = buf_arg(x)?;
                if sl::tailmatch(&v, &s, start, end, at_end) {
                    return bool_(true);
                }
            }
            return bool_(false);
        }
        let s = match super::buffer::get_contiguous_bytes(a[0]) {
            Some(r) => r?,
            None => {
                return Err(errors::type_error(format!(
                    "{} first arg must be bytes or a tuple of bytes, not {}",
                    name,
                    tname(a[0])
                )))
            }
        };
        bool_(sl::tailmatch(&v, &s, start, end, at_end))
    }
}
varargs!(b_startswith, |op, args| do_tailmatch(op, args, false));
varargs!(b_endswith, |op, args| do_tailmatch(op, args, true));

unsafe fn do_find(op: *mut PyObject, args: *mut PyObject, name: &str, which: u8, raise: bool) -> PyResult<Owned> {
    unsafe {
        let (sub, start, end) = sl::find_args(name, args)?;
        let s = sub_arg(sub)?;
        let v = view(op);
        if which == 2 {
            return super::longobject::from_isize(sl::count(v, &s, start, end) as isize);
        }
        let r = if which == 0 { sl::find(v, &s, start, end) } else { sl::rfind(v, &s, start, end) };
        match r {
            Some(i) => super::longobject::from_isize(i as isize),
            None if raise => Err(errors::value_error("subsection not found")),
            None => super::longobject::from_isize(-1),
        }
    }
}
varargs!(b_find, |op, args| do_find(op, args, "find", 0, false));
varargs!(b_rfind, |op, args| do_find(op, args, "rfind", 1, false));
varargs!(b_index, |op, args| do_find(op, args, "index", 0, true));
varargs!(b_rindex, |op, args| do_find(op, args, "rindex", 1, true));
varargs!(b_count, |op, args| do_find(op, args, "count", 2, false));

varargs!(b_replace, |op, args| {
    let a = sl::unpack_args("replace", args, 2, 3)?;
    let old = buf_arg(a[0])?;
    let new = buf_arg(a[1])?;
    let count = if a[2].is_null() { -1 } else { sl::index_arg(a[2])? };
    match sl::replace(view(op), &old, &new, count) {
        Some(v) => make(op, &v),
        None => same(op),
    }
});

noargs!(b_upper, |op| make(op, &view(op).to_ascii_uppercase()));
noargs!(b_lower, |op| make(op, &view(op).to_ascii_lowercase()));

unsafe fn do_partition(op: *mut PyObject, sep: *mut PyObject, right: bool) -> PyResult<Owned> {
    unsafe {
        let s = buf_arg(sep)?;
        if s.is_empty() {
            return Err(errors::value_error("empty separator"));
        }
        let v = view(op).to_vec();
        let found = if right { sl::rfind(&v, &s, 0, isize::MAX) } else { sl::find(&v, &s, 0, isize::MAX) };
        let parts = match found {
            Some(i) => vec![make(op, &v[..i])?, make(op, &s)?, make(op, &v[i + s.len()..])?],
            None if right => vec![make(op, b"")?, make(op, b"")?, same(op)?],
            None => vec![same(op)?, make(op, b"")?, make(op, b"")?],
        };
        super::tupleobject::from_owned(parts)
    }
}
pub unsafe extern "C" fn b_partition(op: *mut PyObject, sep: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { do_partition(op, sep, false) })
}
pub unsafe extern "C" fn b_rpartition(op: *mut PyObject, sep: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { do_partition(op, sep, true) })
}

unsafe fn do_remove(op: *mut PyObject, x: *mut PyObject, suffix: bool) -> PyResult<Owned> {
    unsafe {
        let p = buf_arg(x)?;
        let v = view(op);
        if !p.is_empty() {
            if suffix && v.ends_with(&p) {
                return make(op, &v[..v.len() - p.len()]);
            }
            if !suffix && v.starts_with(&p) {
                return make(op, &v[p.len()..]);
            }
        }
        same(op)
    }
}
pub unsafe extern "C" fn b_removeprefix(op: *mut PyObject, x: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { do_remove(op, x, false) })
}
pub unsafe extern "C" fn b_removesuffix(op: *mut PyObject, x: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { do_remove(op, x, true) })
}

noargs!(b_isalnum, |op| { let v = view(op); bool_(!v.is_empty() && v.iter().all(|c| c.is_ascii_alphanumeric())) });
noargs!(b_isalpha, |op| { let v = view(op); bool_(!v.is_empty() && v.iter().all(|c| c.is_ascii_alphabetic())) });
noargs!(b_isdigit, |op| { let v = view(op); bool_(!v.is_empty() && v.iter().all(|c| c.is_ascii_digit())) });
noargs!(b_isspace, |op| { let v = view(op); bool_(!v.is_empty() && v.iter().all(|&c| is_space(c))) });
noargs!(b_isascii, |op| bool_(view(op).is_ascii()));
noargs!(b_islower, |op| {
    let v = view(op);
    bool_(v.iter().any(|c| c.is_ascii_lowercase()) && !v.iter().any(|c| c.is_ascii_uppercase()))
});
noargs!(b_isupper, |op| {
    let v = view(op);
    bool_(v.iter().any(|c| c.is_ascii_uppercase()) && !v.iter().any(|c| c.is_ascii_lowercase()))
});

unsafe fn do_pad(op: *mut PyObject, args: *mut PyObject, how: u8, name: &str) -> PyResult<Owned> {
    unsafe {
        let a = sl::unpack_args(name, args, 1, 2)?;
        let width = sl::index_arg(a[0])?;
        let fill = if a[1].is_null() {
            b' '
        } else {
            let f = if super::bytesobject::is_bytes(a[1]) || super::bytearrayobject::is_bytearray(a[1]) {
                view(a[1]).to_vec()
            } else {
                Vec::new()
            };
            if f.len() != 1 {
                return Err(errors::type_error(format!(
                    "{}() argument 2 must be a byte string of length 1, not {}",
                    name,
                    tname(a[1])
                )));
            }
            f[0]
        };
        let v = view(op).to_vec();
        if width <= v.len() as isize {
            return same(op);
        }
        let (l, r) = sl::pad_amounts(v.len(), width, how);
        let mut out = Vec::with_capacity(width as usize);
        out.extend(std::iter::repeat_n(fill, l));
        out.extend_from_slice(&v);
        out.extend(std::iter::repeat_n(fill, r));
        make(op, &out)
    }
}
varargs!(b_center, |op, args| do_pad(op, args, 0, "center"));
varargs!(b_ljust, |op, args| do_pad(op, args, 1, "ljust"));
varargs!(b_rjust, |op, args| do_pad(op, args, 2, "rjust"));

pub unsafe extern "C" fn b_zfill(op: *mut PyObject, w: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let width = sl::index_arg(w)?;
        let v = view(op).to_vec();
        if width <= v.len() as isize {
            return same(op);
        }
        make(op, &sl::zfill(&v, width, b'0'))
    })
}

kwargs!(b_expandtabs, |op, args, kw| {
    let a = sl::parse_args("expandtabs", args, kw, &["tabsize"], 0)?;
    let ts = if a[0].is_null() { 8 } else { sl::index_arg(a[0])? };
    make(op, &sl::expandtabs(&view(op).to_vec(), ts, b' '))
});

noargs!(b_capitalize, |op| {
    let v = view(op);
    let out: Vec<u8> = v.iter().enumerate().map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() }).collect();
    make(op, &out)
});

noargs!(b_swapcase, |op| {
    let out: Vec<u8> = view(op)
        .iter()
        .map(|&c| if c.is_ascii_uppercase() { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() })
        .collect();
    make(op, &out)
});

noargs!(b_title, |op| {
    let mut prev_cased = false;
    let out: Vec<u8> = view(op)
        .iter()
        .map(|&c| {
            let r = if prev_cased { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() };
            prev_cased = c.is_ascii_alphabetic();
            r
        })
        .collect();
    make(op, &out)
});

noargs!(b_istitle, |op| {
    let mut cased = false;
    let mut prev_cased = false;
    for &c in view(op) {
        if c.is_ascii_uppercase() {
            if prev_cased {
                return bool_(false);
            }
            prev_cased = true;
            cased = true;
        } else if c.is_ascii_lowercase() {
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

kwargs!(b_translate, |op, args, kw| {
    let a = sl::parse_args("translate", args, kw, &["table", "delete"], 1)?;
    let table = if a[0] == super::noneobject::none_ptr() {
        None
    } else {
        let t = buf_arg(a[0])?;
        if t.len() != 256 {
            return Err(errors::value_error("translation table must be 256 characters long"));
        }
        Some(t)
    };
    let del = if a[1].is_null() { Vec::new() } else { buf_arg(a[1])? };
    let out: Vec<u8> = view(op)
        .iter()
        .filter(|c| !del.contains(c))
        .map(|&c| table.as_ref().map(|t| t[c as usize]).unwrap_or(c))
        .collect();
    make(op, &out)
});

varargs!(b_maketrans, |_null, args| {
    let a = sl::unpack_args("maketrans", args, 2, 2)?;
    let (f, t) = (buf_arg(a[0])?, buf_arg(a[1])?);
    if f.len() != t.len() {
        return Err(errors::value_error("maketrans arguments must have same length"));
    }
    let mut table: Vec<u8> = (0..=255u8).collect();
    for (x, y) in f.iter().zip(t.iter()) {
        table[*x as usize] = *y;
    }
    super::bytesobject::from_slice(&table)
});

noargs!(b_getnewargs, |op| {
    let c = super::bytesobject::from_slice(view(op))?;
    super::tupleobject::from_owned(vec![c])
});

noargs!(bytes_sizeof, |op| {
    super::longobject::from_isize((core::mem::offset_of!(super::bytesobject::PyBytesObject, ob_sval) + 1 + Py_SIZE(op) as usize) as isize)
});

pub type VarFn = unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject;
pub type KwFn = unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject;
pub const VK: c_int = METH_VARARGS | METH_KEYWORDS;

#[macro_export]
#[doc(hidden)]
macro_rules! pyrite_mdef {
    ($name:literal, $f:expr, $flags:expr, $doc:literal) => {
        PyMethodDef { ml_name: $name.as_ptr(), ml_meth: $f as *mut c_void, ml_flags: $flags, ml_doc: $doc.as_ptr() }
    };
}
use pyrite_mdef as m;

/// The method table shared by bytes and bytearray, with `extra` entries
/// appended before the sentinel.
macro_rules! bytes_methods_table {
    ($($extra:expr),* $(,)?) => {
        [
            m!(c"decode", $crate::objects::bytes_methods::b_decode as KwFn, VK, c"Decode the bytes using the codec registered for encoding."),
            m!(c"hex", $crate::objects::bytes_methods::b_hex as KwFn, VK, c"Create a string of hexadecimal numbers from a bytes object."),
            m!(c"fromhex", $crate::objects::bytes_methods::b_fromhex as VarFn, METH_O | METH_CLASS, c"Create a bytes object from a string of hexadecimal numbers."),
            m!(c"join", $crate::objects::bytes_methods::b_join as VarFn, METH_O, c"Concatenate any number of bytes objects."),
            m!(c"split", $crate::objects::bytes_methods::b_split as KwFn, VK, c"Return a list of the sections in the bytes, using sep as the delimiter."),
            m!(c"rsplit", $crate::objects::bytes_methods::b_rsplit as KwFn, VK, c"Return a list of the sections in the bytes, using sep as the delimiter."),
            m!(c"splitlines", $crate::objects::bytes_methods::b_splitlines as KwFn, VK, c"Return a list of the lines in the bytes, breaking at line boundaries."),
            m!(c"strip", $crate::objects::bytes_methods::b_strip as VarFn, METH_VARARGS, c"Strip leading and trailing bytes contained in the argument."),
            m!(c"lstrip", $crate::objects::bytes_methods::b_lstrip as VarFn, METH_VARARGS, c"Strip leading bytes contained in the argument."),
            m!(c"rstrip", $crate::objects::bytes_methods::b_rstrip as VarFn, METH_VARARGS, c"Strip trailing bytes contained in the argument."),
            m!(c"startswith", $crate::objects::bytes_methods::b_startswith as VarFn, METH_VARARGS, c"Return True if the bytes starts with the specified prefix, False otherwise."),
            m!(c"endswith", $crate::objects::bytes_methods::b_endswith as VarFn, METH_VARARGS, c"Return True if the bytes ends with the specified suffix, False otherwise."),
            m!(c"find", $crate::objects::bytes_methods::b_find as VarFn, METH_VARARGS, c"Return the lowest index in B where subsection sub is found."),
            m!(c"rfind", $crate::objects::bytes_methods::b_rfind as VarFn, METH_VARARGS, c"Return the highest index in B where subsection sub is found."),
            m!(c"index", $crate::objects::bytes_methods::b_index as VarFn, METH_VARARGS, c"Return the lowest index in B where subsection sub is found."),
            m!(c"rindex", $crate::objects::bytes_methods::b_rindex as VarFn, METH_VARARGS, c"Return the highest index in B where subsection sub is found."),
            m!(c"count", $crate::objects::bytes_methods::b_count as VarFn, METH_VARARGS, c"Return the number of non-overlapping occurrences of subsection sub."),
            m!(c"replace", $crate::objects::bytes_methods::b_replace as VarFn, METH_VARARGS, c"Return a copy with all occurrences of substring old replaced by new."),
            m!(c"upper", $crate::objects::bytes_methods::b_upper as VarFn, METH_NOARGS, c"B.upper() -> copy of B"),
            m!(c"lower", $crate::objects::bytes_methods::b_lower as VarFn, METH_NOARGS, c"B.lower() -> copy of B"),
            m!(c"partition", $crate::objects::bytes_methods::b_partition as VarFn, METH_O, c"Partition the bytes into three parts using the given separator."),
            m!(c"rpartition", $crate::objects::bytes_methods::b_rpartition as VarFn, METH_O, c"Partition the bytes into three parts using the given separator."),
            m!(c"removeprefix", $crate::objects::bytes_methods::b_removeprefix as VarFn, METH_O, c"Return a bytes object with the given prefix string removed if present."),
            m!(c"removesuffix", $crate::objects::bytes_methods::b_removesuffix as VarFn, METH_O, c"Return a bytes object with the given suffix string removed if present."),
            m!(c"isalnum", $crate::objects::bytes_methods::b_isalnum as VarFn, METH_NOARGS, c"B.isalnum() -> bool"),
            m!(c"isalpha", $crate::objects::bytes_methods::b_isalpha as VarFn, METH_NOARGS, c"B.isalpha() -> bool"),
            m!(c"isascii", $crate::objects::bytes_methods::b_isascii as VarFn, METH_NOARGS, c"B.isascii() -> bool"),
            m!(c"isdigit", $crate::objects::bytes_methods::b_isdigit as VarFn, METH_NOARGS, c"B.isdigit() -> bool"),
            m!(c"islower", $crate::objects::bytes_methods::b_islower as VarFn, METH_NOARGS, c"B.islower() -> bool"),
            m!(c"isupper", $crate::objects::bytes_methods::b_isupper as VarFn, METH_NOARGS, c"B.isupper() -> bool"),
            m!(c"isspace", $crate::objects::bytes_methods::b_isspace as VarFn, METH_NOARGS, c"B.isspace() -> bool"),
            m!(c"istitle", $crate::objects::bytes_methods::b_istitle as VarFn, METH_NOARGS, c"B.istitle() -> bool"),
            m!(c"center", $crate::objects::bytes_methods::b_center as VarFn, METH_VARARGS, c"Return a centered string of length width."),
            m!(c"ljust", $crate::objects::bytes_methods::b_ljust as VarFn, METH_VARARGS, c"Return a left-justified string of length width."),
            m!(c"rjust", $crate::objects::bytes_methods::b_rjust as VarFn, METH_VARARGS, c"Return a right-justified string of length width."),
            m!(c"zfill", $crate::objects::bytes_methods::b_zfill as VarFn, METH_O, c"Pad a numeric string with zeros on the left, to fill a field of the given width."),
            m!(c"expandtabs", $crate::objects::bytes_methods::b_expandtabs as KwFn, VK, c"Return a copy where all tab characters are expanded using spaces."),
            m!(c"capitalize", $crate::objects::bytes_methods::b_capitalize as VarFn, METH_NOARGS, c"B.capitalize() -> copy of B"),
            m!(c"swapcase", $crate::objects::bytes_methods::b_swapcase as VarFn, METH_NOARGS, c"B.swapcase() -> copy of B"),
            m!(c"title", $crate::objects::bytes_methods::b_title as VarFn, METH_NOARGS, c"B.title() -> copy of B"),
            m!(c"translate", $crate::objects::bytes_methods::b_translate as KwFn, VK, c"Return a copy with each character mapped by the given translation table."),
            m!(c"maketrans", $crate::objects::bytes_methods::b_maketrans as VarFn, METH_VARARGS | METH_STATIC, c"Return a translation table usable for the bytes or bytearray translate method."),
            $($extra,)*
            PyMethodDef::SENTINEL,
        ]
    };
}
pub(crate) use bytes_methods_table;

pub static mut BYTES_METHODS: [PyMethodDef; 45] = bytes_methods_table![
    m!(c"__getnewargs__", b_getnewargs as VarFn, METH_NOARGS, c""),
    m!(c"__sizeof__", bytes_sizeof as VarFn, METH_NOARGS, c"Return the size of the bytes in memory, in bytes."),
];

// ---------------------------------------------------------------- iterators

#[repr(C)]
pub struct BytesIterObject {
    pub ob_base: PyObject,
    pub it_index: Py_ssize_t,
    pub it_seq: *mut PyObject,
}

#[no_mangle]
pub static mut PyBytesIter_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(iter_dealloc),
    tp_traverse: Some(iter_traverse),
    tp_iter: Some(crate::capi::object::PyObject_SelfIter),
    tp_iternext: Some(iter_next),
    tp_methods: &raw mut ITER_METHODS as *mut PyMethodDef,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    ..PyTypeObject::new(c"bytes_iterator", size_of::<BytesIterObject>(), 0)
};

#[no_mangle]
pub static mut PyByteArrayIter_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(iter_dealloc),
    tp_traverse: Some(iter_traverse),
    tp_iter: Some(crate::capi::object::PyObject_SelfIter),
    tp_iternext: Some(iter_next),
    tp_methods: &raw mut ITER_METHODS as *mut PyMethodDef,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    ..PyTypeObject::new(c"bytearray_iterator", size_of::<BytesIterObject>(), 0)
};

static mut ITER_METHODS: [PyMethodDef; 2] = [
    m!(c"__length_hint__", iter_len as VarFn, METH_NOARGS, c"Private method returning an estimate of len(list(it))."),
    PyMethodDef::SENTINEL,
];

pub unsafe fn new_iter(tp: *mut PyTypeObject, seq: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let it = super::typeobject::generic_alloc(tp, 0)?;
        let p = it.as_ptr() as *mut BytesIterObject;
        (*p).it_seq = new_ref(seq);
        (*p).it_index = 0;
        Ok(it)
    }
}

unsafe extern "C" fn iter_dealloc(op: *mut PyObject) {
    unsafe {
        clear(&mut (*(op as *mut BytesIterObject)).it_seq);
        super::typeobject::free_instance(op);
    }
}

unsafe extern "C" fn iter_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let s = (*(op as *mut BytesIterObject)).it_seq;
        if s.is_null() { 0 } else { visit(s, arg) }
    }
}

unsafe extern "C" fn iter_next(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut BytesIterObject;
        let seq = (*p).it_seq;
        if seq.is_null() {
            return Err(errors::stop_iteration_silent());
        }
        let v = view(seq);
        if ((*p).it_index as usize) < v.len() {
            let c = v[(*p).it_index as usize];
            (*p).it_index += 1;
            return super::longobject::from_isize(c as isize);
        }
        clear(&mut (*p).it_seq);
        Err(errors::stop_iteration_silent())
    })
}

unsafe extern "C" fn iter_len(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut BytesIterObject;
        let n = if (*p).it_seq.is_null() { 0 } else { view((*p).it_seq).len() as isize - (*p).it_index };
        super::longobject::from_isize(n.max(0))
    })
}
