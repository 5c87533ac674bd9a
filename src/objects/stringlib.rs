//! Algorithms shared by `str`, `bytes` and `bytearray` (CPython's `Objects/stringlib/`).
//!
//! Design note. Everything here works on plain slices of code units (`u32`
//! code points for str, `u8` for bytes), so one find/split/replace serves all
//! three types; the types convert their result ranges back into objects.
//! Also here: the argument helpers the three types' methods share
//! (`parse_args` for the clinic-style signatures, `slice_index` for
//! start/end arguments) and slices (through the slice type's own
//! unpack/adjust). Invariants: ranges returned are always within the
//! haystack; index adjustment follows CPython's `ADJUST_INDICES` exactly.
use super::object::*;
use super::pyref::*;
use crate::runtime::errors::{self, PyResult};

// ---------------------------------------------------------------- arguments

/// Positional and keyword arguments for a method with the parameter `names`,
/// of which the first `required` are required. Missing ones are null.
/// Messages follow Argument Clinic's.
pub unsafe fn parse_args(
    fname: &str,
    args: *mut PyObject,
    kwargs: *mut PyObject,
    names: &[&str],
    required: usize,
) -> PyResult<Vec<*mut PyObject>> {
    unsafe {
        let pos: &[*mut PyObject] = if args.is_null() { &[] } else { super::tupleobject::as_slice(args) };
        let nkw = if kwargs.is_null() { 0 } else { super::dictobject::len(kwargs) as usize };
        if pos.len() > names.len() {
            return Err(errors::type_error(format!(
                "{}() takes at most {} argument{} ({} given)",
                fname,
                names.len(),
                if names.len() == 1 { "" } else { "s" },
                pos.len() + nkw
            )));
        }
        let mut out = vec![core::ptr::null_mut(); names.len()];
        out[..pos.len()].copy_from_slice(pos);
        if nkw > 0 {
            for (k, v) in super::dictobject::items_borrowed(kwargs) {
                if !super::unicodeobject::is_str(k) {
                    return Err(errors::type_error("keywords must be strings"));
                }
                let key = super::unicodeobject::to_string_lossy(k);
                match names.iter().position(|n| *n == key) {
                    Some(i) if i < pos.len() => {
                        return Err(errors::type_error(format!(
                            "argument for {}() given by name ('{}') and position ({})",
                            fname,
                            key,
                            i + 1
                        )));
                    }
                    Some(i) => out[i] = v,
                    None => {
                        return Err(errors::type_error(format!(
                            "'{}' is an invalid keyword argument for {}()",
                            key, fname
                        )));
                    }
                }
            }
        }
        if nkw == 0 && pos.len() < required {
            return Err(errors::type_error(format!(
                "{}() takes {} {} positional argument{} ({} given)",
                fname,
                if required == names.len() { "exactly" } else { "at least" },
                required,
                if required == 1 { "" } else { "s" },
                pos.len()
            )));
        }
        for (i, o) in out.iter().enumerate().take(required) {
            if o.is_null() {
                return Err(errors::type_error(format!(
                    "{}() missing required argument '{}' (pos {})",
                    fname,
                    names[i],
                    i + 1
                )));
            }
        }
        Ok(out)
    }
}

/// Positional-only arguments (`min..=max` of them): the `PyArg_UnpackTuple`
/// messages ("find expected at least 1 argument, got 0").
pub unsafe fn unpack_args(fname: &str, args: *mut PyObject, min: usize, max: usize) -> PyResult<Vec<*mut PyObject>> {
    unsafe {
        let pos: &[*mut PyObject] = if args.is_null() { &[] } else { super::tupleobject::as_slice(args) };
        let n = pos.len();
        if n < min {
            return Err(errors::type_error(format!(
                "{} expected {} {} argument{}, got {}",
                fname,
                if min == max { "" } else { "at least" },
                min,
                if min == 1 { "" } else { "s" },
                n
            ).replace("expected  ", "expected ")));
        }
        if n > max {
            return Err(errors::type_error(format!(
                "{} expected {} {} argument{}, got {}",
                fname,
                if min == max { "" } else { "at most" },
                max,
                if max == 1 { "" } else { "s" },
                n
            ).replace("expected  ", "expected ")));
        }
        let mut out = pos.to_vec();
        out.resize(max, core::ptr::null_mut());
        Ok(out)
    }
}

/// The `find`/`count`/`index` family's arguments: (sub, start, end), with
/// stringlib's "find() takes at least 1 argument (0 given)" messages.
pub unsafe fn find_args(fname: &str, args: *mut PyObject) -> PyResult<(*mut PyObject, Py_ssize_t, Py_ssize_t)> {
    unsafe {
        let pos: &[*mut PyObject] = if args.is_null() { &[] } else { super::tupleobject::as_slice(args) };
        if pos.is_empty() {
            return Err(errors::type_error(format!("{}() takes at least 1 argument (0 given)", fname)));
        }
        if pos.len() > 3 {
            return Err(errors::type_error(format!("{}() takes at most 3 arguments ({} given)", fname, pos.len())));
        }
        let start = slice_index(pos.get(1).copied().unwrap_or(core::ptr::null_mut()), 0)?;
        let end = slice_index(pos.get(2).copied().unwrap_or(core::ptr::null_mut()), Py_ssize_t::MAX)?;
        Ok((pos[0], start, end))
    }
}

/// `_PyEval_SliceIndex`: None (or missing) gives `default`; an index is clamped
/// to the `Py_ssize_t` range.
pub unsafe fn slice_index(o: *mut PyObject, default: Py_ssize_t) -> PyResult<Py_ssize_t> {
    unsafe {
        if o.is_null() || o == super::noneobject::none_ptr() {
            return Ok(default);
        }
        if !super::longobject::is_index(o) {
            return Err(errors::type_error("slice indices must be integers or None or have an __index__ method"));
        }
        super::longobject::as_ssize_index(o, None)
    }
}

/// An integer argument (`__index__`), with the `'str' object cannot be
/// interpreted as an integer` message.
pub unsafe fn index_arg(o: *mut PyObject) -> PyResult<Py_ssize_t> {
    unsafe {
        if !super::longobject::is_index(o) {
            return Err(errors::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                super::typeobject::type_name_str((*o).ob_type)
            )));
        }
        super::longobject::as_ssize_index(o, Some(super::exceptions::PyExc_OverflowError))
    }
}

/// CPython's `ADJUST_INDICES`.
pub fn adjust_indices(start: Py_ssize_t, end: Py_ssize_t, len: usize) -> (Py_ssize_t, Py_ssize_t) {
    let len = len as Py_ssize_t;
    let mut s = start;
    let mut e = end;
    if e > len {
        e = len;
    } else if e < 0 {
        e += len;
        if e < 0 {
            e = 0;
        }
    }
    if s < 0 {
        s += len;
        if s < 0 {
            s = 0;
        }
    }
    (s, e)
}

// ---------------------------------------------------------------- slices

/// Is `op` a slice object?
pub unsafe fn is_slice(op: *mut PyObject) -> bool {
    super::sliceobject::is_slice(op)
}

/// `PySlice_GetIndicesEx` through the slice type: (start, stop, step, slicelength).
pub unsafe fn slice_indices(op: *mut PyObject, len: usize) -> PyResult<(isize, isize, isize, usize)> {
    unsafe {
        let (start, stop, step, n) = super::sliceobject::get_indices_ex(op, len as isize)?;
        Ok((start, stop, step, n as usize))
    }
}

/// Pick the items of a slice out of `v`.
pub fn take_slice<T: Copy>(v: &[T], start: isize, step: isize, n: usize) -> Vec<T> {
    let mut out = Vec::with_capacity(n);
    let mut i = start;
    for _ in 0..n {
        out.push(v[i as usize]);
        i += step;
    }
    out
}

// ---------------------------------------------------------------- searching

/// First index of `needle` in `hay[start..end]` (absolute), CPython's semantics
/// for out-of-range and empty needles.
pub fn find<T: Copy + PartialEq>(hay: &[T], needle: &[T], start: isize, end: isize) -> Option<usize> {
    let (s, e) = adjust_indices(start, end, hay.len());
    if s > hay.len() as isize || e - s < needle.len() as isize {
        return None;
    }
    let (s, e) = (s as usize, e as usize);
    if needle.is_empty() {
        return Some(s);
    }
    hay[s..e].windows(needle.len()).position(|w| w == needle).map(|p| p + s)
}

pub fn rfind<T: Copy + PartialEq>(hay: &[T], needle: &[T], start: isize, end: isize) -> Option<usize> {
    let (s, e) = adjust_indices(start, end, hay.len());
    if s > hay.len() as isize || e - s < needle.len() as isize {
        return None;
    }
    let (s, e) = (s as usize, e as usize);
    if needle.is_empty() {
        return Some(e);
    }
    hay[s..e].windows(needle.len()).rposition(|w| w == needle).map(|p| p + s)
}

pub fn count<T: Copy + PartialEq>(hay: &[T], needle: &[T], start: isize, end: isize) -> usize {
    let (s, e) = adjust_indices(start, end, hay.len());
    if s > hay.len() as isize || e - s < needle.len() as isize {
        return 0;
    }
    let (s, e) = (s as usize, e as usize);
    if needle.is_empty() {
        return e - s + 1;
    }
    let mut n = 0;
    let mut i = s;
    while i + needle.len() <= e {
        if &hay[i..i + needle.len()] == needle {
            n += 1;
            i += needle.len();
        } else {
            i += 1;
        }
    }
    n
}

/// Does `hay[start..end]` start (or end, `at_end`) with `needle`? (`tailmatch`)
pub fn tailmatch<T: Copy + PartialEq>(hay: &[T], needle: &[T], start: isize, end: isize, at_end: bool) -> bool {
    let (s, e) = adjust_indices(start, end, hay.len());
    let s = s.max(0);
    if e - s < needle.len() as isize || s > hay.len() as isize {
        return false;
    }
    let (s, e) = (s as usize, e as usize);
    if needle.is_empty() {
        return true;
    }
    if at_end {
        &hay[e - needle.len()..e] == needle
    } else {
        &hay[s..s + needle.len()] == needle
    }
}

// ---------------------------------------------------------------- splitting

/// `split(sep, maxsplit)`: ranges of the pieces.
pub fn split<T: Copy + PartialEq>(hay: &[T], sep: &[T], maxsplit: isize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut left = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
    let mut i = 0;
    let mut j = 0;
    while left > 0 && j + sep.len() <= hay.len() {
        if &hay[j..j + sep.len()] == sep {
            out.push((i, j));
            j += sep.len();
            i = j;
            left -= 1;
        } else {
            j += 1;
        }
    }
    out.push((i, hay.len()));
    out
}

pub fn rsplit<T: Copy + PartialEq>(hay: &[T], sep: &[T], maxsplit: isize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut left = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
    let mut end = hay.len();
    let mut j = hay.len();
    while left > 0 && j >= sep.len() {
        if &hay[j - sep.len()..j] == sep {
            out.push((j, end));
            j -= sep.len();
            end = j;
            left -= 1;
        } else {
            j -= 1;
        }
    }
    out.push((0, end));
    out.reverse();
    out
}

/// Whitespace splitting (`split()` with no separator).
pub fn split_ws<T: Copy>(hay: &[T], maxsplit: isize, is_ws: impl Fn(T) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut left = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
    let n = hay.len();
    let mut i = 0;
    loop {
        while i < n && is_ws(hay[i]) {
            i += 1;
        }
        if i == n {
            break;
        }
        if left == 0 {
            // The rest, trailing whitespace included.
            out.push((i, n));
            break;
        }
        let j = i;
        while i < n && !is_ws(hay[i]) {
            i += 1;
        }
        out.push((j, i));
        left -= 1;
    }
    out
}

pub fn rsplit_ws<T: Copy>(hay: &[T], maxsplit: isize, is_ws: impl Fn(T) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut left = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
    let mut i = hay.len();
    loop {
        while i > 0 && is_ws(hay[i - 1]) {
            i -= 1;
        }
        if i == 0 {
            break;
        }
        if left == 0 {
            out.push((0, i));
            break;
        }
        let e = i;
        while i > 0 && !is_ws(hay[i - 1]) {
            i -= 1;
        }
        out.push((i, e));
        left -= 1;
    }
    out.reverse();
    out
}

/// `splitlines(keepends)`: line boundaries decided by `is_break`; `\r\n` is one.
pub fn splitlines<T: Copy + Into<u32>>(hay: &[T], keepends: bool, is_break: impl Fn(u32) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let n = hay.len();
    let mut i = 0;
    while i < n {
        let j = i;
        while i < n && !is_break(hay[i].into()) {
            i += 1;
        }
        let mut eol = i;
        if i < n {
            if hay[i].into() == 0x0d && i + 1 < n && hay[i + 1].into() == 0x0a {
                i += 2;
            } else {
                i += 1;
            }
            if keepends {
                eol = i;
            }
        }
        out.push((j, eol));
    }
    out
}

/// `strip`: the kept range. `which`: 0 both, 1 left, 2 right.
pub fn strip_range<T: Copy>(hay: &[T], which: u8, strip: impl Fn(T) -> bool) -> (usize, usize) {
    let mut s = 0;
    let mut e = hay.len();
    if which != 2 {
        while s < e && strip(hay[s]) {
            s += 1;
        }
    }
    if which != 1 {
        while e > s && strip(hay[e - 1]) {
            e -= 1;
        }
    }
    (s, e)
}

/// `replace(old, new, count)`; None when nothing changes.
pub fn replace<T: Copy + PartialEq>(hay: &[T], old: &[T], new: &[T], count: isize) -> Option<Vec<T>> {
    let max = if count < 0 { usize::MAX } else { count as usize };
    if max == 0 {
        return None;
    }
    if old.is_empty() {
        // Insert `new` before every item and at the end, up to `max` times.
        let mut out = Vec::with_capacity(hay.len() + new.len() * (hay.len() + 1).min(max));
        let mut done = 0;
        for &c in hay {
            if done < max {
                out.extend_from_slice(new);
                done += 1;
            }
            out.push(c);
        }
        if done < max {
            out.extend_from_slice(new);
        }
        return Some(out);
    }
    let mut out = Vec::with_capacity(hay.len());
    let mut i = 0;
    let mut done = 0;
    while i < hay.len() {
        if done < max && i + old.len() <= hay.len() && &hay[i..i + old.len()] == old {
            out.extend_from_slice(new);
            i += old.len();
            done += 1;
        } else {
            out.push(hay[i]);
            i += 1;
        }
    }
    if done == 0 {
        None
    } else {
        Some(out)
    }
}

/// `expandtabs(tabsize)`.
pub fn expandtabs<T: Copy + Into<u32>>(hay: &[T], tabsize: isize, space: T) -> Vec<T> {
    let mut out = Vec::with_capacity(hay.len());
    let mut col: isize = 0;
    for &c in hay {
        let ch: u32 = c.into();
        if ch == 9 {
            if tabsize > 0 {
                let n = tabsize - col % tabsize;
                for _ in 0..n {
                    out.push(space);
                }
                col += n;
            }
        } else {
            out.push(c);
            col += 1;
            if ch == 10 || ch == 13 {
                col = 0;
            }
        }
    }
    out
}

/// `center`/`ljust`/`rjust` padding amounts: (left, right).
pub fn pad_amounts(len: usize, width: isize, how: u8) -> (usize, usize) {
    if width <= len as isize {
        return (0, 0);
    }
    let marg = width as usize - len;
    match how {
        0 => {
            // center: CPython puts the extra space on the right unless both odd.
            let left = marg / 2 + (marg & width as usize & 1);
            (left, marg - left)
        }
        1 => (0, marg),
        _ => (marg, 0),
    }
}

/// `zfill(width)`.
pub fn zfill<T: Copy + Into<u32>>(hay: &[T], width: isize, zero: T) -> Vec<T> {
    if width <= hay.len() as isize {
        return hay.to_vec();
    }
    let fill = width as usize - hay.len();
    let mut out = Vec::with_capacity(width as usize);
    let signed = !hay.is_empty() && matches!(hay[0].into(), 0x2b | 0x2d);
    if signed {
        out.push(hay[0]);
    }
    out.extend(std::iter::repeat_n(zero, fill));
    out.extend_from_slice(if signed { &hay[1..] } else { hay });
    out
}

/// Owned tuple/list helpers used by split results.
pub fn list_of(items: Vec<Owned>) -> PyResult<Owned> {
    super::listobject::from_owned(items)
}
