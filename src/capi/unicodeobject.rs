//! `Include/unicodeobject.h` (and `cpython/unicodeobject.h`): creation,
//! access, codecs, searching and in-place writing of fresh strings.
//!
//! Ownership: every `PyObject *` returned is a new reference unless noted;
//! `PyUnicode_Append` steals nothing and replaces `*p_left`;
//! `PyUnicode_AppendAndDel` also releases `right`. Bad arguments raise what
//! CPython raises (`PyErr_BadArgument` → TypeError, `PyErr_BadInternalCall` →
//! SystemError); where CPython only asserts, pyrite raises TypeError.
use crate::objects::object::*;
use crate::objects::pyref::Owned;
use crate::objects::stringlib as sl;
use crate::objects::unicode_codecs as codecs;
use crate::objects::unicode_methods as um;
use crate::objects::unicodeobject as u;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard, guard_obj, guard_unit, nonnull, nonnull_c};
use crate::runtime::obmalloc;
use libc::{c_char, c_int, c_void, wchar_t};

type Py_UCS4 = u32;

unsafe fn ensure_str(op: *mut PyObject) -> PyResult<*mut PyObject> {
    unsafe {
        nonnull(op)?;
        if !u::is_str(op) {
            return Err(errors::type_error(format!(
                "must be str, not {}",
                crate::objects::typeobject::type_name_str((*op).ob_type)
            )));
        }
        Ok(op)
    }
}

unsafe fn check_str_arg(op: *mut PyObject) -> PyResult<*mut PyObject> {
    unsafe {
        nonnull(op)?;
        if !u::is_str(op) {
            return Err(errors::bad_argument());
        }
        Ok(op)
    }
}

unsafe fn opt_text<'a>(p: *const c_char, default: &'a str) -> PyResult<std::borrow::Cow<'a, str>> {
    unsafe {
        if p.is_null() {
            return Ok(std::borrow::Cow::Borrowed(default));
        }
        Ok(std::borrow::Cow::Owned(std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()))
    }
}

unsafe fn bytes_of<'a>(s: *const c_char, n: Py_ssize_t) -> PyResult<&'a [u8]> {
    unsafe {
        if n < 0 {
            return Err(errors::bad_internal_call());
        }
        if n == 0 {
            return Ok(&[]);
        }
        Ok(core::slice::from_raw_parts(nonnull_c(s)? as *const u8, n as usize))
    }
}

// ---------------------------------------------------------------- creation

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromString(s: *const c_char) -> *mut PyObject {
    guard_obj(|| unsafe {
        let b = std::ffi::CStr::from_ptr(nonnull_c(s)?).to_bytes();
        codecs::decode(b, codecs::Codec::Utf8, "strict", None)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromStringAndSize(s: *const c_char, n: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        if n < 0 {
            return Err(errors::system_error("Negative size passed to PyUnicode_FromStringAndSize"));
        }
        if s.is_null() {
            if n != 0 {
                return Err(errors::system_error("NULL string with positive size with NULL passed to PyUnicode_FromStringAndSize"));
            }
            return u::new_uninit(0, 0);
        }
        codecs::decode(bytes_of(s, n)?, codecs::Codec::Utf8, "strict", None)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_New(size: Py_ssize_t, maxchar: Py_UCS4) -> *mut PyObject {
    guard_obj(|| u::new_uninit(size, maxchar))
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromKindAndData(kind: c_int, buffer: *const c_void, size: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        if size < 0 {
            return Err(errors::value_error("size must be positive"));
        }
        let n = size as usize;
        let cps: Vec<u32> = match kind {
            1 => bytes_of(buffer as *const c_char, size)?.iter().map(|&b| b as u32).collect(),
            2 => {
                if n > 0 {
                    nonnull_c(buffer)?;
                }
                (0..n).map(|i| *(buffer as *const u16).add(i) as u32).collect()
            }
            4 => {
                if n > 0 {
                    nonnull_c(buffer)?;
                }
                let v: Vec<u32> = (0..n).map(|i| *(buffer as *const u32).add(i)).collect();
                if let Some(&bad) = v.iter().find(|&&c| c > 0x10ffff) {
                    return Err(errors::value_error(format!(
                        "character U+{:x} is not in range [U+0000; U+10ffff]",
                        bad
                    )));
                }
                v
            }
            _ => return Err(errors::system_error("invalid kind")),
        };
        u::from_codepoints(&cps)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromOrdinal(ord: c_int) -> *mut PyObject {
    guard_obj(|| {
        if !(0..=0x10ffff).contains(&ord) {
            return Err(errors::value_error("chr() arg not in range(0x110000)"));
        }
        u::from_char(ord as u32)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromObject(obj: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        nonnull(obj)?;
        if u::is_str_exact(obj) {
            return Ok(Owned::from_borrowed(obj));
        }
        if u::is_str(obj) {
            return u::from_codepoints(&u::codepoints(obj));
        }
        Err(errors::type_error(format!(
            "Can't convert '{}' object to str implicitly",
            crate::objects::typeobject::type_name_str((*obj).ob_type)
        )))
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromEncodedObject(
    obj: *mut PyObject,
    encoding: *const c_char,
    errors_: *const c_char,
) -> *mut PyObject {
    guard_obj(|| unsafe {
        nonnull(obj)?;
        um::decode_object(obj, &opt_text(encoding, "utf-8")?, &opt_text(errors_, "strict")?)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromWideChar(w: *const wchar_t, size: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        if w.is_null() && size != 0 {
            return Err(errors::bad_internal_call());
        }
        let n = if size == -1 { libc::wcslen(w) } else if size < 0 { return Err(errors::bad_internal_call()) } else { size as usize };
        let mut v = Vec::with_capacity(n);
        for i in 0..n {
            let c = *w.add(i) as u32;
            if c > 0x10ffff {
                return Err(errors::value_error(format!("character U+{:x} is not in range [U+0000; U+10ffff]", c)));
            }
            v.push(c);
        }
        u::from_codepoints(&v)
    })
}

// ---------------------------------------------------------------- access

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUTF8AndSize(op: *mut PyObject, size: *mut Py_ssize_t) -> *const c_char {
    guard(|| unsafe {
        check_str_arg(op)?;
        let b = u::as_utf8(op)?;
        if !size.is_null() {
            *size = b.len() as Py_ssize_t;
        }
        Ok(b.as_ptr() as *const c_char)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUTF8(op: *mut PyObject) -> *const c_char {
    unsafe { PyUnicode_AsUTF8AndSize(op, core::ptr::null_mut()) }
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_GetLength(op: *mut PyObject) -> Py_ssize_t {
    guard(|| unsafe { Ok(u::len(check_str_arg(op)?)) })
}

/// Deprecated: the length in `wchar_t` units, which is the code point count here.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_GetSize(op: *mut PyObject) -> Py_ssize_t {
    unsafe { PyUnicode_GetLength(op) }
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_ReadChar(op: *mut PyObject, i: Py_ssize_t) -> Py_UCS4 {
    guard(|| unsafe {
        check_str_arg(op)?;
        if i < 0 || i >= u::len(op) {
            return Err(errors::index_error("string index out of range"));
        }
        Ok(u::read(op, i as usize))
    })
}

/// Can this string be written in place? (fresh: one reference, no hash, not interned, exact)
unsafe fn check_modifiable(op: *mut PyObject) -> PyResult<()> {
    unsafe {
        if (*op).ob_refcnt != 1
            || (*(op as *mut u::PyASCIIObject)).hash != -1
            || u::state(op) & u::STATE_INTERNED_MASK != 0
            || !u::is_str_exact(op)
        {
            return Err(errors::system_error("Cannot modify a string currently used"));
        }
        Ok(())
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_WriteChar(op: *mut PyObject, i: Py_ssize_t, ch: Py_UCS4) -> c_int {
    guard_unit(|| unsafe {
        check_str_arg(op)?;
        if u::state(op) & u::STATE_COMPACT == 0 {
            return Err(errors::bad_argument());
        }
        if i < 0 || i >= u::len(op) {
            return Err(errors::index_error("string index out of range"));
        }
        check_modifiable(op)?;
        if ch > u::max_char(op) {
            return Err(errors::value_error("character out of range"));
        }
        u::write(op, i as usize, ch);
        Ok(())
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Substring(op: *mut PyObject, start: Py_ssize_t, end: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        check_str_arg(op)?;
        if start < 0 || end < 0 {
            return Err(errors::index_error("string index out of range"));
        }
        let n = u::len(op);
        let end = end.min(n);
        if start == 0 && end == n && u::is_str_exact(op) {
            return Ok(Owned::from_borrowed(op));
        }
        if start >= end {
            return u::new_uninit(0, 0);
        }
        let v: Vec<u32> = (start as usize..end as usize).map(|i| u::read(op, i)).collect();
        u::from_codepoints(&v)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUCS4(op: *mut PyObject, buf: *mut Py_UCS4, buflen: Py_ssize_t, copy_null: c_int) -> *mut Py_UCS4 {
    guard(|| unsafe {
        check_str_arg(op)?;
        nonnull(buf)?;
        let n = u::len(op);
        let need = n + (copy_null != 0) as Py_ssize_t;
        if buflen < need {
            if copy_null != 0 && buflen > 0 {
                *buf = 0;
            }
            return Err(errors::system_error("string is longer than the buffer"));
        }
        for i in 0..n as usize {
            *buf.add(i) = u::read(op, i);
        }
        if copy_null != 0 {
            *buf.add(n as usize) = 0;
        }
        Ok(buf as *mut c_void)
    }) as *mut Py_UCS4
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUCS4Copy(op: *mut PyObject) -> *mut Py_UCS4 {
    guard(|| unsafe {
        check_str_arg(op)?;
        let n = u::len(op) as usize;
        let buf = obmalloc::mem_malloc((n + 1) * 4) as *mut u32;
        if buf.is_null() {
            return Err(errors::no_memory());
        }
        for i in 0..n {
            *buf.add(i) = u::read(op, i);
        }
        *buf.add(n) = 0;
        Ok(buf as *mut c_void)
    }) as *mut Py_UCS4
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsWideChar(op: *mut PyObject, w: *mut wchar_t, size: Py_ssize_t) -> Py_ssize_t {
    guard(|| unsafe {
        check_str_arg(op)?;
        let n = u::len(op);
        if w.is_null() {
            return Ok(n + 1);
        }
        let cnt = if size > n { n + 1 } else { size.max(0) };
        for i in 0..cnt as usize {
            *w.add(i) = if (i as Py_ssize_t) < n { u::read(op, i) as wchar_t } else { 0 };
        }
        Ok(if size > n { n } else { cnt })
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsWideCharString(op: *mut PyObject, size: *mut Py_ssize_t) -> *mut wchar_t {
    guard(|| unsafe {
        check_str_arg(op)?;
        let n = u::len(op) as usize;
        if size.is_null() && (0..n).any(|i| u::read(op, i) == 0) {
            return Err(errors::value_error("embedded null character"));
        }
        let buf = obmalloc::mem_malloc((n + 1) * core::mem::size_of::<wchar_t>()) as *mut wchar_t;
        if buf.is_null() {
            return Err(errors::no_memory());
        }
        for i in 0..n {
            *buf.add(i) = u::read(op, i) as wchar_t;
        }
        *buf.add(n) = 0;
        if !size.is_null() {
            *size = n as Py_ssize_t;
        }
        Ok(buf as *mut c_void)
    }) as *mut wchar_t
}

/// Strings are always ready (no `wstr`-only strings exist).
#[no_mangle]
pub unsafe extern "C" fn _PyUnicode_Ready(_op: *mut PyObject) -> c_int {
    0
}

// ---------------------------------------------------------------- codecs

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Decode(
    s: *const c_char,
    size: Py_ssize_t,
    encoding: *const c_char,
    errors_: *const c_char,
) -> *mut PyObject {
    guard_obj(|| unsafe {
        let enc = opt_text(encoding, "utf-8")?;
        let codec = codecs::lookup_or_raise(&enc)?;
        codecs::decode(bytes_of(s, size)?, codec, &opt_text(errors_, "strict")?, None)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeUTF8(s: *const c_char, size: Py_ssize_t, errors_: *const c_char) -> *mut PyObject {
    guard_obj(|| unsafe { codecs::decode(bytes_of(s, size)?, codecs::Codec::Utf8, &opt_text(errors_, "strict")?, None) })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeUTF8Stateful(
    s: *const c_char,
    size: Py_ssize_t,
    errors_: *const c_char,
    consumed: *mut Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| unsafe {
        let b = bytes_of(s, size)?;
        let (cps, used) = codecs::decode_to_codepoints(b, codecs::Codec::Utf8, &opt_text(errors_, "strict")?, None, consumed.is_null())?;
        if !consumed.is_null() {
            *consumed = used as Py_ssize_t;
        }
        u::from_codepoints(&cps)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeASCII(s: *const c_char, size: Py_ssize_t, errors_: *const c_char) -> *mut PyObject {
    guard_obj(|| unsafe { codecs::decode(bytes_of(s, size)?, codecs::Codec::Ascii, &opt_text(errors_, "strict")?, None) })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeLatin1(s: *const c_char, size: Py_ssize_t, errors_: *const c_char) -> *mut PyObject {
    guard_obj(|| unsafe { codecs::decode(bytes_of(s, size)?, codecs::Codec::Latin1, &opt_text(errors_, "strict")?, None) })
}

unsafe fn encode_to_bytes(op: *mut PyObject, codec: codecs::Codec, errors_: &str) -> PyResult<Owned> {
    unsafe {
        check_str_arg(op)?;
        crate::objects::bytesobject::from_slice(&codecs::encode(op, codec, errors_)?)
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUTF8String(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { encode_to_bytes(op, codecs::Codec::Utf8, "strict") })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsASCIIString(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { encode_to_bytes(op, codecs::Codec::Ascii, "strict") })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsLatin1String(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { encode_to_bytes(op, codecs::Codec::Latin1, "strict") })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsEncodedString(op: *mut PyObject, encoding: *const c_char, errors_: *const c_char) -> *mut PyObject {
    guard_obj(|| unsafe {
        check_str_arg(op)?;
        let codec = codecs::lookup_or_raise(&opt_text(encoding, "utf-8")?)?;
        encode_to_bytes(op, codec, &opt_text(errors_, "strict")?)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_GetDefaultEncoding() -> *const c_char {
    c"utf-8".as_ptr()
}

// ---------------------------------------------------------------- operations

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Concat(left: *mut PyObject, right: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        nonnull(left)?;
        nonnull(right)?;
        u::concat(left, right)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Append(p_left: *mut *mut PyObject, right: *mut PyObject) {
    guard(|| unsafe {
        if p_left.is_null() {
            if errors::occurred().is_null() {
                return Err(errors::bad_internal_call());
            }
            return Ok(());
        }
        let left = *p_left;
        if left.is_null() {
            if errors::occurred().is_null() {
                return Err(errors::bad_internal_call());
            }
            return Ok(());
        }
        // From here on *p_left's reference is ours.
        let old = Owned::from_raw_nonnull(left);
        *p_left = core::ptr::null_mut();
        if right.is_null() || !u::is_str(right) || !u::is_str(left) {
            return Err(errors::bad_internal_call());
        }
        let r = u::concat(left, right)?;
        drop(old);
        *p_left = r.into_raw();
        Ok(())
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AppendAndDel(p_left: *mut *mut PyObject, right: *mut PyObject) {
    unsafe {
        PyUnicode_Append(p_left, right);
        if !right.is_null() {
            drop(Owned::from_raw_nonnull(right));
        }
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Join(sep: *mut PyObject, seq: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        nonnull(seq)?;
        let space;
        let sep = if sep.is_null() {
            space = u::from_str(" ")?;
            space.as_ptr()
        } else {
            if !u::is_str(sep) {
                return Err(errors::type_error(format!(
                    "separator: expected str instance, {} found",
                    crate::objects::typeobject::type_name_str((*sep).ob_type)
                )));
            }
            sep
        };
        um::join(sep, seq)
    })
}

unsafe fn split_impl(s: *mut PyObject, sep: *mut PyObject, maxsplit: Py_ssize_t, right: bool) -> PyResult<Owned> {
    unsafe {
        ensure_str(s)?;
        let v = u::codepoints(s);
        let ranges = if sep.is_null() || sep == crate::objects::noneobject::none_ptr() {
            if right { sl::rsplit_ws(&v, maxsplit, um::is_space) } else { sl::split_ws(&v, maxsplit, um::is_space) }
        } else {
            ensure_str(sep)?;
            let sp = u::codepoints(sep);
            if sp.is_empty() {
                return Err(errors::value_error("empty separator"));
            }
            if right { sl::rsplit(&v, &sp, maxsplit) } else { sl::split(&v, &sp, maxsplit) }
        };
        let mut items = Vec::with_capacity(ranges.len());
        for (a, b) in ranges {
            items.push(u::from_codepoints(&v[a..b])?);
        }
        sl::list_of(items)
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Split(s: *mut PyObject, sep: *mut PyObject, maxsplit: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe { split_impl(s, sep, maxsplit, false) })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_RSplit(s: *mut PyObject, sep: *mut PyObject, maxsplit: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe { split_impl(s, sep, maxsplit, true) })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Splitlines(s: *mut PyObject, keepends: c_int) -> *mut PyObject {
    guard_obj(|| unsafe {
        ensure_str(s)?;
        let v = u::codepoints(s);
        let mut items = Vec::new();
        for (a, b) in sl::splitlines(&v, keepends != 0, um::is_linebreak) {
            items.push(u::from_codepoints(&v[a..b])?);
        }
        sl::list_of(items)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Compare(left: *mut PyObject, right: *mut PyObject) -> c_int {
    guard(|| unsafe {
        nonnull(left)?;
        nonnull(right)?;
        if u::is_str(left) && u::is_str(right) {
            return Ok(u::compare(left, right));
        }
        Err(errors::type_error(format!(
            "Can't compare {} and {}",
            crate::objects::typeobject::type_name_str((*left).ob_type),
            crate::objects::typeobject::type_name_str((*right).ob_type)
        )))
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_CompareWithASCIIString(uni: *mut PyObject, s: *const c_char) -> c_int {
    unsafe {
        if uni.is_null() || s.is_null() || !u::is_str(uni) {
            return -1;
        }
        let b = std::ffi::CStr::from_ptr(s).to_bytes();
        let n = u::len(uni) as usize;
        for i in 0..n.min(b.len()) {
            let (x, y) = (u::read(uni, i), b[i] as u32);
            if x != y {
                return if x < y { -1 } else { 1 };
            }
        }
        match n.cmp(&b.len()) {
            core::cmp::Ordering::Less => -1,
            core::cmp::Ordering::Equal => 0,
            core::cmp::Ordering::Greater => 1,
        }
    }
}

#[no_mangle]
pub unsafe extern "C" fn _PyUnicode_EqualToASCIIString(uni: *mut PyObject, s: *const c_char) -> c_int {
    unsafe { (PyUnicode_CompareWithASCIIString(uni, s) == 0 && !uni.is_null() && u::is_str(uni)) as c_int }
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_RichCompare(left: *mut PyObject, right: *mut PyObject, op: c_int) -> *mut PyObject {
    guard_obj(|| unsafe {
        nonnull(left)?;
        nonnull(right)?;
        if !u::is_str(left) || !u::is_str(right) {
            return Ok(crate::objects::noneobject::not_implemented());
        }
        if !(Py_LT..=Py_GE).contains(&op) {
            return Err(errors::bad_argument());
        }
        let c = u::compare(left, right);
        let r = match op {
            Py_EQ => c == 0,
            Py_NE => c != 0,
            Py_LT => c < 0,
            Py_LE => c <= 0,
            Py_GT => c > 0,
            _ => c >= 0,
        };
        Ok(Owned::from_raw_nonnull(crate::objects::boolobject::from_bool(r)))
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Contains(container: *mut PyObject, element: *mut PyObject) -> c_int {
    guard(|| unsafe {
        nonnull(element)?;
        if !u::is_str(element) {
            return Err(errors::type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                crate::objects::typeobject::type_name_str((*element).ob_type)
            )));
        }
        ensure_str(container)?;
        Ok(u::contains(container, element)? as c_int)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Find(
    s: *mut PyObject,
    sub: *mut PyObject,
    start: Py_ssize_t,
    end: Py_ssize_t,
    direction: c_int,
) -> Py_ssize_t {
    let r = guard(|| unsafe {
        ensure_str(s)?;
        ensure_str(sub)?;
        let (v, w) = (u::codepoints(s), u::codepoints(sub));
        let f = if direction > 0 { sl::find(&v, &w, start, end) } else { sl::rfind(&v, &w, start, end) };
        Ok(f.map(|i| i as isize).unwrap_or(-1) + 2)
    });
    if r == -1 { -2 } else { r - 2 }
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FindChar(
    s: *mut PyObject,
    ch: Py_UCS4,
    start: Py_ssize_t,
    end: Py_ssize_t,
    direction: c_int,
) -> Py_ssize_t {
    let r = guard(|| unsafe {
        check_str_arg(s)?;
        let v = u::codepoints(s);
        let f = if direction > 0 { sl::find(&v, &[ch], start, end) } else { sl::rfind(&v, &[ch], start, end) };
        Ok(f.map(|i| i as isize).unwrap_or(-1) + 2)
    });
    if r == -1 { -2 } else { r - 2 }
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Count(s: *mut PyObject, sub: *mut PyObject, start: Py_ssize_t, end: Py_ssize_t) -> Py_ssize_t {
    guard(|| unsafe {
        ensure_str(s)?;
        ensure_str(sub)?;
        Ok(sl::count(&u::codepoints(s), &u::codepoints(sub), start, end) as Py_ssize_t)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Replace(
    s: *mut PyObject,
    old: *mut PyObject,
    new: *mut PyObject,
    maxcount: Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| unsafe {
        ensure_str(s)?;
        ensure_str(old)?;
        ensure_str(new)?;
        um::replace(s, old, new, maxcount)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Tailmatch(
    s: *mut PyObject,
    sub: *mut PyObject,
    start: Py_ssize_t,
    end: Py_ssize_t,
    direction: c_int,
) -> Py_ssize_t {
    guard(|| unsafe {
        ensure_str(s)?;
        ensure_str(sub)?;
        Ok(sl::tailmatch(&u::codepoints(s), &u::codepoints(sub), start, end, direction > 0) as Py_ssize_t)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_IsIdentifier(s: *mut PyObject) -> c_int {
    guard(|| unsafe { Ok(um::is_identifier(check_str_arg(s)?) as c_int) })
}

fn kind_name(maxchar: u32) -> &'static str {
    match maxchar {
        0..=0x7f => "ascii",
        0x80..=0xff => "latin1",
        0x100..=0xffff => "UCS2",
        _ => "UCS4",
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_CopyCharacters(
    to: *mut PyObject,
    to_start: Py_ssize_t,
    from: *mut PyObject,
    from_start: Py_ssize_t,
    how_many: Py_ssize_t,
) -> Py_ssize_t {
    guard(|| unsafe {
        if to.is_null() || from.is_null() || !u::is_str(to) || !u::is_str(from) {
            return Err(errors::bad_internal_call());
        }
        let (lf, lt) = (u::len(from), u::len(to));
        if from_start < 0 || from_start > lf || to_start < 0 || to_start > lt {
            return Err(errors::index_error("string index out of range"));
        }
        if how_many < 0 {
            return Err(errors::system_error("how_many cannot be negative"));
        }
        let n = how_many.min(lf - from_start);
        if to_start + n > lt {
            return Err(errors::system_error(format!(
                "Cannot write {} characters at {} in a string of {} characters",
                n, to_start, lt
            )));
        }
        if n == 0 {
            return Ok(0);
        }
        check_modifiable(to)?;
        let maxc = (from_start as usize..(from_start + n) as usize).map(|i| u::read(from, i)).max().unwrap_or(0);
        if maxc > u::max_char(to) {
            return Err(errors::system_error(format!(
                "Cannot copy {} characters into a string of {} characters",
                kind_name(u::max_char(from)),
                kind_name(u::max_char(to))
            )));
        }
        u::copy_chars(to, to_start as usize, from, from_start as usize, n as usize);
        Ok(n)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Fill(op: *mut PyObject, start: Py_ssize_t, length: Py_ssize_t, fill_char: Py_UCS4) -> Py_ssize_t {
    guard(|| unsafe {
        if op.is_null() || !u::is_str(op) {
            return Err(errors::bad_internal_call());
        }
        check_modifiable(op)?;
        if fill_char > u::max_char(op) {
            return Err(errors::value_error("fill character is bigger than the string maximum character"));
        }
        if start < 0 {
            return Err(errors::index_error("string index out of range"));
        }
        let n = u::len(op);
        if start >= n {
            return Ok(0);
        }
        let cnt = length.max(0).min(n - start);
        for i in 0..cnt {
            u::write(op, (start + i) as usize, fill_char);
        }
        Ok(cnt)
    })
}

// ---------------------------------------------------------------- interning

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_InternInPlace(p: *mut *mut PyObject) {
    unsafe {
        if p.is_null() || (*p).is_null() {
            return;
        }
        if u::intern_in_place(p).is_err() {
            errors::clear();
        }
    }
}

/// Interned strings are never freed while interned in pyrite either way.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_InternImmortal(p: *mut *mut PyObject) {
    unsafe { PyUnicode_InternInPlace(p) }
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_InternFromString(s: *const c_char) -> *mut PyObject {
    unsafe {
        let o = PyUnicode_FromString(s);
        if o.is_null() {
            return o;
        }
        let mut p = o;
        PyUnicode_InternInPlace(&mut p);
        p
    }
}

// ---------------------------------------------------------------- character classes (Py_UNICODE_IS* macros)

#[no_mangle]
pub unsafe extern "C" fn _PyUnicode_IsWhitespace(ch: Py_UCS4) -> c_int {
    um::is_space(ch) as c_int
}

#[no_mangle]
pub unsafe extern "C" fn _PyUnicode_IsLinebreak(ch: Py_UCS4) -> c_int {
    um::is_linebreak(ch) as c_int
}

#[no_mangle]
pub unsafe extern "C" fn _PyUnicode_IsLowercase(ch: Py_UCS4) -> c_int {
    um::is_lower(ch) as c_int
}

#[no_mangle]
pub unsafe extern "C" fn _PyUnicode_IsUppercase(ch: Py_UCS4) -> c_int {
    um::is_upper(ch) as c_int
}

#[no_mangle]
pub unsafe extern "C" fn _PyUnicode_IsTitlecase(ch: Py_UCS4) -> c_int {
    um::is_titlecase(ch) as c_int
}

#[no_mangle]
pub unsafe extern "C" fn _PyUnicode_IsDecimalDigit(ch: Py_UCS4) -> c_int {
    um::is_decimal(ch) as c_int
}

#[no_mangle]
pub unsafe extern "C" fn _PyUnicode_IsDigit(ch: Py_UCS4) -> c_int {
    um::is_digit(ch) as c_int
}

#[no_mangle]
pub unsafe extern "C" fn _PyUnicode_IsNumeric(ch: Py_UCS4) -> c_int {
    um::is_numeric(ch) as c_int
}

#[no_mangle]
pub unsafe extern "C" fn _PyUnicode_IsPrintable(ch: Py_UCS4) -> c_int {
    u::is_printable(ch) as c_int
}

#[no_mangle]
pub unsafe extern "C" fn _PyUnicode_IsAlpha(ch: Py_UCS4) -> c_int {
    um::is_alpha(ch) as c_int
}

/// Simple (one character) case mappings, as the `Py_UNICODE_TO*` macros use.
fn simple_map(ch: Py_UCS4, f: fn(char) -> Option<char>) -> Py_UCS4 {
    char::from_u32(ch).and_then(f).map(|c| c as u32).unwrap_or(ch)
}

#[no_mangle]
pub unsafe extern "C" fn _PyUnicode_ToLowercase(ch: Py_UCS4) -> Py_UCS4 {
    simple_map(ch, |c| {
        let mut it = c.to_lowercase();
        match (it.next(), it.next()) {
            (Some(l), None) => Some(l),
            _ => None,
        }
    })
}

#[no_mangle]
pub unsafe extern "C" fn _PyUnicode_ToUppercase(ch: Py_UCS4) -> Py_UCS4 {
    simple_map(ch, |c| {
        let mut it = c.to_uppercase();
        match (it.next(), it.next()) {
            (Some(l), None) => Some(l),
            _ => None,
        }
    })
}

#[no_mangle]
pub unsafe extern "C" fn _PyUnicode_ToTitlecase(ch: Py_UCS4) -> Py_UCS4 {
    match ch {
        0x1c4..=0x1c6 => 0x1c5,
        0x1c7..=0x1c9 => 0x1c8,
        0x1ca..=0x1cc => 0x1cb,
        0x1f1..=0x1f3 => 0x1f2,
        _ => unsafe { _PyUnicode_ToUppercase(ch) },
    }
}

/// `Py_UNICODE_TODECIMAL`: the digit's value or -1.
#[no_mangle]
pub unsafe extern "C" fn _PyUnicode_ToDecimalDigit(ch: Py_UCS4) -> c_int {
    um::decimal_value(ch).map(|v| v as c_int).unwrap_or(-1)
}

/// `Py_UNICODE_TODIGIT`: decimal digits and the common superscript/circled ones.
#[no_mangle]
pub unsafe extern "C" fn _PyUnicode_ToDigit(ch: Py_UCS4) -> c_int {
    if let Some(v) = um::decimal_value(ch) {
        return v as c_int;
    }
    match ch {
        0xb2 | 0xb3 => (ch - 0xb0) as c_int,
        0xb9 => 1,
        0x2070 => 0,
        0x2074..=0x2079 => (ch - 0x2070) as c_int,
        0x2080..=0x2089 => (ch - 0x2080) as c_int,
        0x2460..=0x2468 => (ch - 0x2460 + 1) as c_int,
        0x2474..=0x247c => (ch - 0x2474 + 1) as c_int,
        0x2488..=0x2490 => (ch - 0x2488 + 1) as c_int,
        0x24f5..=0x24fd => (ch - 0x24f5 + 1) as c_int,
        0x2776..=0x277e => (ch - 0x2776 + 1) as c_int,
        0x2780..=0x2788 => (ch - 0x2780 + 1) as c_int,
        0x278a..=0x2792 => (ch - 0x278a + 1) as c_int,
        _ => -1,
    }
}

/// `Py_UNICODE_TONUMERIC`: the numeric value or -1.0 (digits and vulgar fractions).
#[no_mangle]
pub unsafe extern "C" fn _PyUnicode_ToNumeric(ch: Py_UCS4) -> f64 {
    let d = unsafe { _PyUnicode_ToDigit(ch) };
    if d >= 0 {
        return d as f64;
    }
    match ch {
        0xbc => 0.25,
        0xbd => 0.5,
        0xbe => 0.75,
        0x2150..=0x215e => [1.0 / 7.0, 1.0 / 9.0, 0.1, 1.0 / 3.0, 2.0 / 3.0, 0.2, 0.4, 0.6, 0.8, 1.0 / 6.0, 5.0 / 6.0, 0.125, 0.375, 0.625, 0.875][(ch - 0x2150) as usize],
        0x2160..=0x216b => (ch - 0x2160 + 1) as f64,
        0x2170..=0x217b => (ch - 0x2170 + 1) as f64,
        _ => -1.0,
    }
}

// ---------------------------------------------------------------- file system and locale encodings

/// The file system encoding is UTF-8 with `surrogateescape`, as CPython's on
/// Linux with a UTF-8 locale (and in its UTF-8 mode).
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeFSDefaultAndSize(s: *const c_char, size: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe { codecs::decode(bytes_of(s, size)?, codecs::Codec::Utf8, "surrogateescape", None) })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeFSDefault(s: *const c_char) -> *mut PyObject {
    guard_obj(|| unsafe {
        let b = std::ffi::CStr::from_ptr(nonnull_c(s)?).to_bytes();
        codecs::decode(b, codecs::Codec::Utf8, "surrogateescape", None)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_EncodeFSDefault(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { encode_to_bytes(op, codecs::Codec::Utf8, "surrogateescape") })
}

unsafe fn locale_errors(errors_: *const c_char) -> PyResult<&'static str> {
    unsafe {
        if errors_.is_null() {
            return Ok("strict");
        }
        match std::ffi::CStr::from_ptr(errors_).to_bytes() {
            b"strict" => Ok("strict"),
            b"surrogateescape" => Ok("surrogateescape"),
            other => Err(errors::value_error(format!(
                "unsupported error handler: {}",
                String::from_utf8_lossy(other)
            ))),
        }
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeLocaleAndSize(s: *const c_char, size: Py_ssize_t, errors_: *const c_char) -> *mut PyObject {
    guard_obj(|| unsafe {
        let b = bytes_of(s, size)?;
        if b.contains(&0) {
            return Err(errors::value_error("embedded null byte"));
        }
        codecs::decode(b, codecs::Codec::Utf8, locale_errors(errors_)?, None)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeLocale(s: *const c_char, errors_: *const c_char) -> *mut PyObject {
    guard_obj(|| unsafe {
        let b = std::ffi::CStr::from_ptr(nonnull_c(s)?).to_bytes();
        codecs::decode(b, codecs::Codec::Utf8, locale_errors(errors_)?, None)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_EncodeLocale(op: *mut PyObject, errors_: *const c_char) -> *mut PyObject {
    guard_obj(|| unsafe {
        check_str_arg(op)?;
        if (0..u::len(op) as usize).any(|i| u::read(op, i) == 0) {
            return Err(errors::value_error("embedded null character"));
        }
        encode_to_bytes(op, codecs::Codec::Utf8, locale_errors(errors_)?)
    })
}

const Py_CLEANUP_SUPPORTED: c_int = 0x20000;

/// `os.fspath(obj)`: str and bytes as they are, else `__fspath__()`.
unsafe fn fspath(obj: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if u::is_str(obj) || crate::objects::bytesobject::is_bytes(obj) {
            return Ok(Owned::from_borrowed(obj));
        }
        // CPython names both types by their short name (`_PyType_Name`).
        let tname = crate::objects::typeobject::short_name((*obj).ob_type);
        let m = crate::objects::typeobject::lookup_str((*obj).ob_type, "__fspath__")?;
        if m.is_null() {
            return Err(errors::type_error(format!(
                "expected str, bytes or os.PathLike object, not {}",
                tname
            )));
        }
        let r = crate::objects::abstract_::call_method(obj, "__fspath__", &[])?;
        if !u::is_str(r.as_ptr()) && !crate::objects::bytesobject::is_bytes(r.as_ptr()) {
            return Err(errors::type_error(format!(
                "expected {}.__fspath__() to return str or bytes, not {}",
                tname,
                crate::objects::typeobject::short_name((*r.as_ptr()).ob_type)
            )));
        }
        Ok(r)
    }
}

/// `PyUnicode_FSConverter` ("O&" converter): a path as bytes in `*result`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FSConverter(arg: *mut PyObject, result: *mut c_void) -> c_int {
    let r = guard(|| unsafe {
        let out = nonnull(result as *mut *mut PyObject)?;
        if arg.is_null() {
            crate::objects::pyref::xdecref(*out);
            *out = core::ptr::null_mut();
            return Ok(1);
        }
        let p = fspath(arg)?;
        let b = if u::is_str(p.as_ptr()) {
            encode_to_bytes(p.as_ptr(), codecs::Codec::Utf8, "surrogateescape")?
        } else {
            p
        };
        if crate::objects::bytesobject::as_slice(b.as_ptr()).contains(&0) {
            return Err(errors::value_error("embedded null byte"));
        }
        *out = b.into_raw();
        Ok(Py_CLEANUP_SUPPORTED)
    });
    if r == -1 { 0 } else { r }
}

/// `PyUnicode_FSDecoder` ("O&" converter): a path as str in `*result`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FSDecoder(arg: *mut PyObject, result: *mut c_void) -> c_int {
    let r = guard(|| unsafe {
        let out = nonnull(result as *mut *mut PyObject)?;
        if arg.is_null() {
            crate::objects::pyref::xdecref(*out);
            *out = core::ptr::null_mut();
            return Ok(1);
        }
        let p = fspath(arg)?;
        let s = if u::is_str(p.as_ptr()) {
            p
        } else {
            codecs::decode(crate::objects::bytesobject::as_slice(p.as_ptr()), codecs::Codec::Utf8, "surrogateescape", None)?
        };
        if (0..u::len(s.as_ptr()) as usize).any(|i| u::read(s.as_ptr(), i) == 0) {
            return Err(errors::value_error("embedded null character"));
        }
        *out = s.into_raw();
        Ok(Py_CLEANUP_SUPPORTED)
    });
    if r == -1 { 0 } else { r }
}

/// `PyOS_FSPath` (`Include/osmodule.h`): `os.fspath(path)` — str and bytes as
/// they are, else `__fspath__()` which must return str or bytes. New reference.
#[no_mangle]
pub unsafe extern "C" fn PyOS_FSPath(path: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { fspath(crate::runtime::ffi::nonnull_arg(path)?) })
}

/// `PyUnicode_Partition`: `str.partition(sep)` as a new 3-tuple.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Partition(s: *mut PyObject, sep: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { um::do_partition(ensure_str(s)?, ensure_str(sep)?, false) })
}

/// `PyUnicode_RPartition`: `str.rpartition(sep)` as a new 3-tuple.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_RPartition(s: *mut PyObject, sep: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { um::do_partition(ensure_str(s)?, ensure_str(sep)?, true) })
}

/// `PyUnicode_Translate`: `str.translate(table)`, except that characters
/// mapped to None go through `errors` (NULL = "strict"); characters the table
/// lacks (LookupError) map to themselves.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Translate(s: *mut PyObject, table: *mut PyObject, errors_: *const c_char) -> *mut PyObject {
    guard_obj(|| unsafe {
        let s = ensure_str(s)?;
        let table = nonnull(table)?;
        let e = if errors_.is_null() { "strict" } else { crate::runtime::ffi::cstr(errors_)? };
        um::translate(s, table, e)
    })
}

/// `PyUnicode_Resize`: replace `*p` by a str of `length` code points holding
/// the first characters of the old one (new ones are U+0000). Always a fresh
/// object here (pyrite's strings are never resized in place); the old
/// reference is released.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Resize(p: *mut *mut PyObject, length: Py_ssize_t) -> c_int {
    guard_unit(|| unsafe {
        let p = nonnull(p)?;
        let old = *p;
        if old.is_null() || !u::is_str(old) || length < 0 {
            return Err(errors::bad_internal_call());
        }
        let n = u::len(old);
        if n == length {
            return Ok(());
        }
        let new = u::new_uninit(length, u::max_char(old))?;
        let keep = n.min(length) as usize;
        u::copy_chars(new.as_ptr(), 0, old, 0, keep);
        for i in keep..length as usize {
            u::write(new.as_ptr(), i, 0);
        }
        *p = new.into_raw();
        crate::objects::pyref::decref(old);
        Ok(())
    })
}

// ---- UTF-16 / UTF-32 (src/objects/unicode_utf16_32.rs) ----

/// `PyUnicode_AsUTF16String`: native BOM + native order. New reference.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUTF16String(s: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { crate::objects::unicode_utf16_32::encode(check_str_arg(s)?, 2) })
}

/// `PyUnicode_AsUTF32String`: native BOM + native order. New reference.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUTF32String(s: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { crate::objects::unicode_utf16_32::encode(check_str_arg(s)?, 4) })
}

unsafe fn decode_wide(
    s: *const c_char,
    size: Py_ssize_t,
    errors_: *const c_char,
    byteorder: *mut c_int,
    consumed: *mut Py_ssize_t,
    width: usize,
) -> PyResult<Owned> {
    unsafe {
        if size < 0 || (s.is_null() && size > 0) {
            return Err(errors::bad_internal_call());
        }
        let data: &[u8] = if size == 0 { &[] } else { core::slice::from_raw_parts(s as *const u8, size as usize) };
        let e = if errors_.is_null() { "strict" } else { crate::runtime::ffi::cstr(errors_)? };
        let mut bo = if byteorder.is_null() { 0 } else { *byteorder };
        let mut used: isize = 0;
        let r = crate::objects::unicode_utf16_32::decode(
            data,
            width,
            e,
            Some(&mut bo),
            if consumed.is_null() { None } else { Some(&mut used) },
        )?;
        if !byteorder.is_null() {
            *byteorder = bo;
        }
        if !consumed.is_null() {
            *consumed = used;
        }
        Ok(r)
    }
}

/// `PyUnicode_DecodeUTF16Stateful`: `*byteorder` -1 little, 1 big, 0 detect
/// from a BOM (written back); with `consumed`, an incomplete tail is left.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeUTF16Stateful(
    s: *const c_char,
    size: Py_ssize_t,
    errors_: *const c_char,
    byteorder: *mut c_int,
    consumed: *mut Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| unsafe { decode_wide(s, size, errors_, byteorder, consumed, 2) })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeUTF16(
    s: *const c_char,
    size: Py_ssize_t,
    errors_: *const c_char,
    byteorder: *mut c_int,
) -> *mut PyObject {
    guard_obj(|| unsafe { decode_wide(s, size, errors_, byteorder, core::ptr::null_mut(), 2) })
}

/// `PyUnicode_DecodeUTF32Stateful`: as the UTF-16 form, 4-byte units.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeUTF32Stateful(
    s: *const c_char,
    size: Py_ssize_t,
    errors_: *const c_char,
    byteorder: *mut c_int,
    consumed: *mut Py_ssize_t,
) -> *mut PyObject {
    guard_obj(|| unsafe { decode_wide(s, size, errors_, byteorder, consumed, 4) })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeUTF32(
    s: *const c_char,
    size: Py_ssize_t,
    errors_: *const c_char,
    byteorder: *mut c_int,
) -> *mut PyObject {
    guard_obj(|| unsafe { decode_wide(s, size, errors_, byteorder, core::ptr::null_mut(), 4) })
}
