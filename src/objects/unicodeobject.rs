//! `str`: PEP 393 layouts — compact ASCII, compact, and legacy — with the
//! `state` bit field packed as CPython packs it (interned:2, kind:3, compact:1,
//! ascii:1, ready:1), 1/2/4-byte code units, and a cached UTF-8 copy.
//!
//! Invariants: every str made here is compact and uses the smallest kind for
//! its largest code point (a string whose characters are all < 128 is compact
//! ASCII); subclass instances use the legacy layout with `data` allocated
//! separately (CPython's `unicode_subtype_new`). Lone surrogates are ordinary
//! code points everywhere except where UTF-8 bytes are required (`as_utf8`).
//! The type's protocol slots live here; its methods, `tp_new` and the case and
//! character-class helpers are in `unicode_methods.rs`, the codecs in
//! `unicode_codecs.rs`, shared algorithms in `stringlib.rs`.
use super::object::*;

#[repr(C)]
pub struct PyASCIIObject {
    pub ob_base: PyObject,
    pub length: Py_ssize_t,
    pub hash: Py_hash_t,
    /// interned:2, kind:3, compact:1, ascii:1, ready:1, padding:24 (low bits first).
    pub state: u32,
    pub wstr: *mut libc::wchar_t,
}

#[repr(C)]
pub struct PyCompactUnicodeObject {
    pub _base: PyASCIIObject,
    pub utf8_length: Py_ssize_t,
    pub utf8: *mut libc::c_char,
    pub wstr_length: Py_ssize_t,
}

#[repr(C)]
pub struct PyUnicodeObject {
    pub _base: PyCompactUnicodeObject,
    pub data: *mut libc::c_void,
}

pub const PyUnicode_WCHAR_KIND: u32 = 0;
pub const PyUnicode_1BYTE_KIND: u32 = 1;
pub const PyUnicode_2BYTE_KIND: u32 = 2;
pub const PyUnicode_4BYTE_KIND: u32 = 4;

use super::pyref::*;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard, guard_obj};
use crate::runtime::obmalloc;
use core::mem::size_of;
use core::ptr::null_mut;
use libc::{c_int, c_void};

static mut UNICODE_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(unicode_length),
    sq_concat: Some(unicode_concat),
    sq_repeat: Some(unicode_repeat),
    sq_item: Some(unicode_item),
    sq_contains: Some(unicode_contains),
    ..PySequenceMethods::EMPTY
};

static mut UNICODE_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(unicode_length),
    mp_subscript: Some(unicode_subscript),
    mp_ass_subscript: None,
};

/// cbindgen:ignore
pub const STATE_INTERNED_MASK: u32 = 0b11;
/// cbindgen:ignore
pub const STATE_KIND_SHIFT: u32 = 2;
/// cbindgen:ignore
pub const STATE_COMPACT: u32 = 1 << 5;
/// cbindgen:ignore
pub const STATE_ASCII: u32 = 1 << 6;
/// cbindgen:ignore
pub const STATE_READY: u32 = 1 << 7;
pub(crate) const SSTATE_INTERNED_MORTAL: u32 = 1;

#[no_mangle]
pub static mut PyUnicode_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_UNICODE_SUBCLASS,
    tp_dealloc: Some(unicode_dealloc),
    tp_repr: Some(unicode_repr),
    tp_str: Some(unicode_str),
    tp_hash: Some(unicode_hash),
    tp_richcompare: Some(unicode_richcompare),
    tp_as_sequence: &raw mut UNICODE_AS_SEQUENCE,
    tp_as_mapping: &raw mut UNICODE_AS_MAPPING,
    tp_iter: Some(unicode_iter),
    tp_methods: &raw mut super::unicode_methods::UNICODE_METHODS as *mut PyMethodDef,
    tp_new: Some(super::unicode_methods::unicode_new),
    tp_doc: c"str(object='') -> str\nstr(bytes_or_buffer[, encoding[, errors]]) -> str\n\nCreate a new string object from the given object. If encoding or\nerrors is specified, then the object must expose a data buffer\nthat will be decoded using the given encoding and error handler.\nOtherwise, returns the result of object.__str__() (if defined)\nor repr(object).\nencoding defaults to sys.getdefaultencoding().\nerrors defaults to 'strict'.".as_ptr(),
    ..PyTypeObject::new(c"str", size_of::<PyUnicodeObject>(), 0)
};

#[inline(always)]
pub unsafe fn is_str(op: *mut PyObject) -> bool {
    unsafe { type_has_flag((*op).ob_type, Py_TPFLAGS_UNICODE_SUBCLASS) }
}
#[inline(always)]
pub unsafe fn is_str_exact(op: *mut PyObject) -> bool {
    unsafe { (*op).ob_type == &raw mut PyUnicode_Type }
}
#[inline(always)]
unsafe fn ascii(op: *mut PyObject) -> *mut PyASCIIObject {
    op as *mut PyASCIIObject
}
#[inline(always)]
pub unsafe fn state(op: *mut PyObject) -> u32 {
    unsafe { (*ascii(op)).state }
}
/// Code unit size: 1, 2 or 4.
#[inline(always)]
pub unsafe fn kind(op: *mut PyObject) -> u32 {
    unsafe { (state(op) >> STATE_KIND_SHIFT) & 0b111 }
}
#[inline(always)]
pub unsafe fn is_ascii(op: *mut PyObject) -> bool {
    unsafe { state(op) & STATE_ASCII != 0 }
}
#[inline(always)]
pub unsafe fn len(op: *mut PyObject) -> Py_ssize_t {
    unsafe { (*ascii(op)).length }
}
/// Pointer to the code units (`PyUnicode_DATA`).
#[inline(always)]
pub unsafe fn data(op: *mut PyObject) -> *mut u8 {
    unsafe {
        let st = state(op);
        if st & STATE_COMPACT != 0 {
            if st & STATE_ASCII != 0 {
                (op as *mut u8).add(size_of::<PyASCIIObject>())
            } else {
                (op as *mut u8).add(size_of::<PyCompactUnicodeObject>())
            }
        } else {
            (*(op as *mut PyUnicodeObject)).data as *mut u8
        }
    }
}
/// The code point at `i` (`PyUnicode_READ_CHAR`), no bounds check.
#[inline(always)]
pub unsafe fn read(op: *mut PyObject, i: usize) -> u32 {
    unsafe {
        let d = data(op);
        match kind(op) {
            1 => *d.add(i) as u32,
            2 => *(d as *const u16).add(i) as u32,
            _ => *(d as *const u32).add(i),
        }
    }
}
#[inline(always)]
pub unsafe fn write(op: *mut PyObject, i: usize, ch: u32) {
    unsafe {
        let d = data(op);
        match kind(op) {
            1 => *d.add(i) = ch as u8,
            2 => *(d as *mut u16).add(i) = ch as u16,
            _ => *(d as *mut u32).add(i) = ch,
        }
    }
}

/// `PyUnicode_New`: a compact string of `len` code points whose largest is at
/// most `maxchar`; the data is zeroed and NUL-terminated.
pub fn new_uninit(len: Py_ssize_t, maxchar: u32) -> PyResult<Owned> {
    if len < 0 {
        return Err(errors::system_error("Negative size passed to PyUnicode_New"));
    }
    if maxchar > 0x10ffff {
        return Err(errors::system_error("invalid maximum character passed to PyUnicode_New"));
    }
    let (is_ascii_, kind_, header) = if maxchar < 128 {
        (true, 1u32, size_of::<PyASCIIObject>())
    } else if maxchar < 256 {
        (false, 1, size_of::<PyCompactUnicodeObject>())
    } else if maxchar < 65536 {
        (false, 2, size_of::<PyCompactUnicodeObject>())
    } else {
        (false, 4, size_of::<PyCompactUnicodeObject>())
    };
    let n = len as usize;
    let total = n
        .checked_add(1)
        .and_then(|x| x.checked_mul(kind_ as usize))
        .and_then(|x| x.checked_add(header))
        .filter(|&x| x < isize::MAX as usize / 2)
        .ok_or_else(errors::no_memory)?;
    unsafe {
        let mem = obmalloc::object_malloc(total) as *mut u8;
        if mem.is_null() {
            return Err(errors::no_memory());
        }
        core::ptr::write_bytes(mem, 0, total);
        let op = mem as *mut PyObject;
        (*op).ob_type = &raw mut PyUnicode_Type;
        let a = ascii(op);
        (*a).length = len;
        (*a).hash = -1;
        (*a).state = (kind_ << STATE_KIND_SHIFT) | STATE_COMPACT | STATE_READY | if is_ascii_ { STATE_ASCII } else { 0 };
        new_reference(op);
        Ok(Owned::from_raw_nonnull(op))
    }
}

/// A str from Rust text.
pub fn from_str(s: &str) -> PyResult<Owned> {
    let maxchar = s.chars().map(|c| c as u32).max().unwrap_or(0);
    if maxchar < 128 {
        let o = new_uninit(s.len() as Py_ssize_t, maxchar)?;
        unsafe { core::ptr::copy_nonoverlapping(s.as_ptr(), data(o.as_ptr()), s.len()) };
        return Ok(o);
    }
    let n = s.chars().count();
    let o = new_uninit(n as Py_ssize_t, maxchar)?;
    unsafe {
        for (i, c) in s.chars().enumerate() {
            write(o.as_ptr(), i, c as u32);
        }
    }
    Ok(o)
}

/// A str from code points (lone surrogates allowed).
pub fn from_codepoints(cps: &[u32]) -> PyResult<Owned> {
    let maxchar = cps.iter().copied().max().unwrap_or(0);
    let o = new_uninit(cps.len() as Py_ssize_t, maxchar)?;
    unsafe {
        for (i, &c) in cps.iter().enumerate() {
            write(o.as_ptr(), i, c);
        }
    }
    Ok(o)
}

/// The code points of a str.
pub unsafe fn codepoints(op: *mut PyObject) -> Vec<u32> {
    unsafe { (0..len(op) as usize).map(|i| read(op, i)).collect() }
}

/// UTF-8 bytes of a str, cached in the object (`PyUnicode_AsUTF8AndSize`).
/// Lone surrogates raise UnicodeEncodeError as in CPython.
pub unsafe fn as_utf8(op: *mut PyObject) -> PyResult<&'static [u8]> {
    unsafe {
        if !is_str(op) {
            return Err(errors::bad_argument());
        }
        let n = len(op) as usize;
        if is_ascii(op) {
            return Ok(core::slice::from_raw_parts(data(op), n));
        }
        let c = op as *mut PyCompactUnicodeObject;
        if (*c).utf8.is_null() {
            let mut out = String::with_capacity(n * 2);
            for i in 0..n {
                let ch = read(op, i);
                match char::from_u32(ch) {
                    Some(c) => out.push(c),
                    None => {
                        return Err(encode_error_surrogate(op, i));
                    }
                }
            }
            let bytes = out.into_bytes();
            let buf = obmalloc::mem_malloc(bytes.len() + 1) as *mut u8;
            if buf.is_null() {
                return Err(errors::no_memory());
            }
            core::ptr::copy_nonoverlapping(bytes.as_ptr(), buf, bytes.len());
            *buf.add(bytes.len()) = 0;
            (*c).utf8 = buf as *mut libc::c_char;
            (*c).utf8_length = bytes.len() as Py_ssize_t;
        }
        Ok(core::slice::from_raw_parts((*c).utf8 as *const u8, (*c).utf8_length as usize))
    }
}

unsafe fn encode_error_surrogate(op: *mut PyObject, i: usize) -> errors::Raised {
    // UnicodeEncodeError('utf-8', s, i, i+1, 'surrogates not allowed')
    unsafe {
        let r: PyResult<Owned> = (|| {
            let enc = from_str("utf-8")?;
            let start = super::longobject::from_isize(i as isize)?;
            let end = super::longobject::from_isize(i as isize + 1)?;
            let reason = from_str("surrogates not allowed")?;
            let args = super::tupleobject::pack(&[enc.as_ptr(), op, start.as_ptr(), end.as_ptr(), reason.as_ptr()])?;
            Ok(args)
        })();
        match r {
            Ok(args) => errors::set_object(super::exceptions::PyExc_UnicodeEncodeError, args.as_ptr()),
            Err(e) => e,
        }
    }
}

/// The str as `&str` (valid while the object lives; errors for lone surrogates).
pub unsafe fn as_str<'a>(op: *mut PyObject) -> PyResult<&'a str> {
    unsafe {
        let b = as_utf8(op)?;
        Ok(core::str::from_utf8_unchecked(b))
    }
}

/// The str as a Rust `String`, lone surrogates replaced (for messages).
pub unsafe fn to_string_lossy(op: *mut PyObject) -> String {
    unsafe {
        (0..len(op) as usize)
            .map(|i| char::from_u32(read(op, i)).unwrap_or('\u{fffd}'))
            .collect()
    }
}

/// Hash of the code units, cached.
pub unsafe fn hash(op: *mut PyObject) -> Py_hash_t {
    unsafe {
        let a = ascii(op);
        if (*a).hash != -1 {
            return (*a).hash;
        }
        let n = len(op) as usize * kind(op) as usize;
        let h = crate::runtime::pyhash::hash_bytes(core::slice::from_raw_parts(data(op), n));
        (*a).hash = h;
        h
    }
}

/// Equality of two str objects (same kind and same code units).
pub unsafe fn eq(a: *mut PyObject, b: *mut PyObject) -> bool {
    unsafe {
        if a == b {
            return true;
        }
        let n = len(a);
        if n != len(b) || kind(a) != kind(b) {
            return false;
        }
        let k = kind(a) as usize;
        core::slice::from_raw_parts(data(a), n as usize * k) == core::slice::from_raw_parts(data(b), n as usize * k)
    }
}

/// Compare code point sequences: -1, 0, 1.
pub unsafe fn compare(a: *mut PyObject, b: *mut PyObject) -> i32 {
    unsafe {
        let (la, lb) = (len(a) as usize, len(b) as usize);
        for i in 0..la.min(lb) {
            let (x, y) = (read(a, i), read(b, i));
            if x != y {
                return if x < y { -1 } else { 1 };
            }
        }
        match la.cmp(&lb) {
            core::cmp::Ordering::Less => -1,
            core::cmp::Ordering::Equal => 0,
            core::cmp::Ordering::Greater => 1,
        }
    }
}

/// Does the str equal this Rust text?
pub unsafe fn eq_str(op: *mut PyObject, s: &str) -> bool {
    unsafe {
        if is_ascii(op) {
            return len(op) as usize == s.len() && core::slice::from_raw_parts(data(op), s.len()) == s.as_bytes();
        }
        let mut i = 0usize;
        let n = len(op) as usize;
        for c in s.chars() {
            if i >= n || read(op, i) != c as u32 {
                return false;
            }
            i += 1;
        }
        i == n
    }
}

// ---- interning ----

static mut INTERNED: *mut PyObject = null_mut();

/// `PyUnicode_InternInPlace`: replace `*p` by the canonical equal string.
pub unsafe fn intern_in_place(p: *mut *mut PyObject) -> PyResult<()> {
    unsafe {
        let s = *p;
        if s.is_null() || !is_str_exact(s) {
            return Ok(());
        }
        if state(s) & STATE_INTERNED_MASK != 0 {
            return Ok(());
        }
        if INTERNED.is_null() {
            INTERNED = super::dictobject::new_dict()?.into_raw();
        }
        let t = super::dictobject::set_default_borrowed(INTERNED, s, s)?;
        if t != s {
            incref(t);
            setref(p, t);
            return Ok(());
        }
        // The table holds two references (key and value) that must not keep the
        // string alive: CPython's "mortal interned" rule.
        (*s).ob_refcnt -= 2;
        (*ascii(s)).state |= SSTATE_INTERNED_MORTAL;
        Ok(())
    }
}

/// An interned str for this text (`PyUnicode_InternFromString`).
pub fn intern_str(s: &str) -> PyResult<Owned> {
    let o = from_str(s)?;
    let mut p = o.into_raw();
    unsafe {
        let r = intern_in_place(&mut p);
        let o = Owned::from_raw_nonnull(p);
        r?;
        Ok(o)
    }
}

/// Drop the interning table (at finalisation).
pub unsafe fn clear_interned() {
    unsafe {
        if INTERNED.is_null() {
            return;
        }
        let d = INTERNED;
        INTERNED = null_mut();
        // Restore the two references the table held on each string, un-mark them.
        for (k, _v) in super::dictobject::items_borrowed(d) {
            (*k).ob_refcnt += 2;
            (*ascii(k)).state &= !STATE_INTERNED_MASK;
        }
        decref(d);
    }
}

// ---- slots ----

unsafe extern "C" fn unicode_dealloc(op: *mut PyObject) {
    unsafe {
        if state(op) & STATE_INTERNED_MASK != 0 && !INTERNED.is_null() {
            // Remove from the table; resurrect for the duration (the table's refs).
            // A dealloc runs inside any decref: keep the caller's pending
            // exception (e.g. a failed PyObject_SetAttrString dropping its
            // interned name) and discard only what the removal raised.
            (*op).ob_refcnt = 3;
            let (t, v, tb) = errors::fetch();
            let _ = super::dictobject::del_item(INTERNED, op);
            errors::clear();
            errors::restore(t, v, tb);
            (*op).ob_refcnt = 0;
        }
        if !is_ascii(op) {
            let c = op as *mut PyCompactUnicodeObject;
            if !(*c).utf8.is_null() {
                obmalloc::mem_free((*c).utf8 as *mut c_void);
            }
        }
        if state(op) & STATE_COMPACT == 0 {
            let u = op as *mut PyUnicodeObject;
            if !(*u).data.is_null() {
                obmalloc::object_free((*u).data);
            }
        }
        if is_str_exact(op) {
            obmalloc::object_free(op as *mut c_void);
        } else {
            super::typeobject::free_instance(op);
        }
    }
}

unsafe extern "C" fn unicode_hash(op: *mut PyObject) -> Py_hash_t {
    unsafe { hash(op) }
}

unsafe extern "C" fn unicode_str(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if is_str_exact(op) {
            return Ok(Owned::from_borrowed(op));
        }
        from_codepoints(&codepoints(op))
    })
}

/// Is this code point printable (`str.isprintable` for one character)?
/// Approximation until the Unicode database lands: controls, surrogates,
/// separators and unassigned planes are not printable.
pub fn is_printable(ch: u32) -> bool {
    match ch {
        0..=0x1f | 0x7f..=0xa0 | 0xad => false,
        0xd800..=0xdfff => false,
        0x2028 | 0x2029 | 0x2000..=0x200f | 0x202a..=0x202f | 0x205f..=0x206f | 0x3000 | 0xfeff => false,
        0xe000..=0xf8ff | 0xf0000..=0x10ffff => false,
        0xfff9..=0xfffb | 0xfffe | 0xffff => false,
        0x1680 => false,
        _ => char::from_u32(ch).is_some(),
    }
}

/// `repr(str)`: CPython's quote choice and escapes.
pub unsafe fn repr_string(op: *mut PyObject) -> String {
    unsafe {
        let n = len(op) as usize;
        let mut has_sq = false;
        let mut has_dq = false;
        for i in 0..n {
            match read(op, i) {
                0x27 => has_sq = true,
                0x22 => has_dq = true,
                _ => {}
            }
        }
        let quote = if has_sq && !has_dq { '"' } else { '\'' };
        let mut out = String::with_capacity(n + 2);
        out.push(quote);
        for i in 0..n {
            let ch = read(op, i);
            match ch {
                0x5c => out.push_str("\\\\"),
                0x09 => out.push_str("\\t"),
                0x0a => out.push_str("\\n"),
                0x0d => out.push_str("\\r"),
                c if c == quote as u32 => {
                    out.push('\\');
                    out.push(quote);
                }
                c if c < 0x20 || c == 0x7f => out.push_str(&format!("\\x{:02x}", c)),
                c if c < 0x7f => out.push(char::from_u32(c).unwrap()),
                c if is_printable(c) => out.push(char::from_u32(c).unwrap()),
                c if c <= 0xff => out.push_str(&format!("\\x{:02x}", c)),
                c if c <= 0xffff => out.push_str(&format!("\\u{:04x}", c)),
                c => out.push_str(&format!("\\U{:08x}", c)),
            }
        }
        out.push(quote);
        out
    }
}

unsafe extern "C" fn unicode_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { from_str(&repr_string(op)) })
}

unsafe extern "C" fn unicode_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    unsafe {
        if !is_str(a) || !is_str(b) {
            return super::noneobject::new_not_implemented();
        }
        let r = match op {
            Py_EQ => eq(a, b),
            Py_NE => !eq(a, b),
            _ => {
                let c = compare(a, b);
                match op {
                    Py_LT => c < 0,
                    Py_LE => c <= 0,
                    Py_GT => c > 0,
                    _ => c >= 0,
                }
            }
        };
        super::boolobject::from_bool(r)
    }
}


// ---- protocol slots ----

unsafe extern "C" fn unicode_length(op: *mut PyObject) -> Py_ssize_t {
    unsafe { len(op) }
}

/// A one-character str.
pub fn from_char(ch: u32) -> PyResult<Owned> {
    from_codepoints(&[ch])
}

unsafe extern "C" fn unicode_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        if i < 0 || i >= len(op) {
            return Err(errors::index_error("string index out of range"));
        }
        from_char(read(op, i as usize))
    })
}

/// `str[key]` for an int or a slice.
pub unsafe fn subscript(op: *mut PyObject, key: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if super::longobject::is_index(key) {
            let mut i = super::longobject::as_ssize_index(key, Some(super::exceptions::PyExc_IndexError))?;
            if i < 0 {
                i += len(op);
            }
            if i < 0 || i >= len(op) {
                return Err(errors::index_error("string index out of range"));
            }
            return from_char(read(op, i as usize));
        }
        if super::stringlib::is_slice(key) {
            let n = len(op) as usize;
            let (start, _stop, step, cnt) = super::stringlib::slice_indices(key, n)?;
            if cnt == n && step == 1 && is_str_exact(op) {
                return Ok(Owned::from_borrowed(op));
            }
            let v: Vec<u32> = (0..cnt).map(|k| read(op, (start + k as isize * step) as usize)).collect();
            return from_codepoints(&v);
        }
        Err(errors::type_error(format!(
            "string indices must be integers, not '{}'",
            super::typeobject::type_name_str((*key).ob_type)
        )))
    }
}

unsafe extern "C" fn unicode_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { subscript(op, key) })
}

/// `a + b` for two str objects.
pub unsafe fn concat(a: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if !is_str(a) {
            return Err(errors::type_error(format!(
                "must be str, not {}",
                super::typeobject::type_name_str((*a).ob_type)
            )));
        }
        if !is_str(b) {
            return Err(errors::type_error(format!(
                "can only concatenate str (not \"{}\") to str",
                super::typeobject::type_name_str((*b).ob_type)
            )));
        }
        if len(b) == 0 && is_str_exact(a) {
            return Ok(Owned::from_borrowed(a));
        }
        if len(a) == 0 && is_str_exact(b) {
            return Ok(Owned::from_borrowed(b));
        }
        let (la, lb) = (len(a), len(b));
        let total = la.checked_add(lb).ok_or_else(|| errors::overflow_error("strings are too large to concat"))?;
        let maxc = max_char(a).max(max_char(b));
        let r = new_uninit(total, maxc)?;
        copy_chars(r.as_ptr(), 0, a, 0, la as usize);
        copy_chars(r.as_ptr(), la as usize, b, 0, lb as usize);
        Ok(r)
    }
}

/// The largest code point the string's kind allows (`PyUnicode_MAX_CHAR_VALUE`).
pub unsafe fn max_char(op: *mut PyObject) -> u32 {
    unsafe {
        if is_ascii(op) {
            0x7f
        } else {
            match kind(op) {
                1 => 0xff,
                2 => 0xffff,
                _ => 0x10ffff,
            }
        }
    }
}

/// The actual largest code point in the string.
pub unsafe fn actual_max_char(op: *mut PyObject) -> u32 {
    unsafe { (0..len(op) as usize).map(|i| read(op, i)).max().unwrap_or(0) }
}

/// Copy `n` characters from `src[from..]` into `dst[to..]` (no checks).
pub unsafe fn copy_chars(dst: *mut PyObject, to: usize, src: *mut PyObject, from: usize, n: usize) {
    unsafe {
        if kind(dst) == kind(src) {
            let k = kind(dst) as usize;
            core::ptr::copy(data(src).add(from * k), data(dst).add(to * k), n * k);
            return;
        }
        for i in 0..n {
            write(dst, to + i, read(src, from + i));
        }
    }
}

unsafe extern "C" fn unicode_concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { concat(a, b) })
}

/// `s * n`.
pub unsafe fn repeat(op: *mut PyObject, n: Py_ssize_t) -> PyResult<Owned> {
    unsafe {
        if n <= 0 || len(op) == 0 {
            return new_uninit(0, 0);
        }
        if n == 1 && is_str_exact(op) {
            return Ok(Owned::from_borrowed(op));
        }
        let l = len(op);
        let total = l.checked_mul(n).ok_or_else(|| errors::overflow_error("repeated string is too long"))?;
        let r = new_uninit(total, max_char(op))?;
        let k = kind(op) as usize;
        let unit = l as usize * k;
        let src = core::slice::from_raw_parts(data(op), unit);
        let dst = data(r.as_ptr());
        for i in 0..n as usize {
            core::ptr::copy_nonoverlapping(src.as_ptr(), dst.add(i * unit), unit);
        }
        Ok(r)
    }
}

unsafe extern "C" fn unicode_repeat(op: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe { repeat(op, n) })
}

/// `sub in s`.
pub unsafe fn contains(op: *mut PyObject, sub: *mut PyObject) -> PyResult<bool> {
    unsafe {
        if !is_str(sub) {
            return Err(errors::type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                super::typeobject::type_name_str((*sub).ob_type)
            )));
        }
        Ok(super::stringlib::find(&codepoints(op), &codepoints(sub), 0, isize::MAX).is_some())
    }
}

unsafe extern "C" fn unicode_contains(op: *mut PyObject, sub: *mut PyObject) -> c_int {
    guard(|| unsafe { contains(op, sub).map(|b| b as c_int) })
}

// ---- iteration ----

#[repr(C)]
pub struct UnicodeIterObject {
    pub ob_base: PyObject,
    pub it_index: Py_ssize_t,
    pub it_seq: *mut PyObject,
}

#[no_mangle]
pub static mut PyUnicodeIter_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(unicodeiter_dealloc),
    tp_traverse: Some(unicodeiter_traverse),
    tp_iter: Some(crate::capi::object::PyObject_SelfIter),
    tp_iternext: Some(unicodeiter_next),
    tp_methods: &raw mut UNICODEITER_METHODS as *mut PyMethodDef,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    ..PyTypeObject::new(c"str_iterator", size_of::<UnicodeIterObject>(), 0)
};

/// 3.11 iterates ASCII strings with a type of its own name; same functions.
#[no_mangle]
pub static mut _PyUnicodeASCIIIter_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(unicodeiter_dealloc),
    tp_traverse: Some(unicodeiter_traverse),
    tp_iter: Some(crate::capi::object::PyObject_SelfIter),
    tp_iternext: Some(unicodeiter_next),
    tp_methods: &raw mut UNICODEITER_METHODS as *mut PyMethodDef,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    ..PyTypeObject::new(c"str_ascii_iterator", size_of::<UnicodeIterObject>(), 0)
};

static mut UNICODEITER_METHODS: [PyMethodDef; 2] = [
    PyMethodDef {
        ml_name: c"__length_hint__".as_ptr(),
        ml_meth: unicodeiter_len as *mut c_void,
        ml_flags: METH_NOARGS,
        ml_doc: c"Private method returning an estimate of len(list(it)).".as_ptr(),
    },
    PyMethodDef::SENTINEL,
];

unsafe extern "C" fn unicode_iter(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let tp = if is_ascii(op) { &raw mut _PyUnicodeASCIIIter_Type } else { &raw mut PyUnicodeIter_Type };
        let it = super::typeobject::generic_alloc(tp, 0)?;
        let p = it.as_ptr() as *mut UnicodeIterObject;
        (*p).it_seq = new_ref(op);
        (*p).it_index = 0;
        Ok(it)
    })
}

unsafe extern "C" fn unicodeiter_dealloc(op: *mut PyObject) {
    unsafe {
        clear(&mut (*(op as *mut UnicodeIterObject)).it_seq);
        super::typeobject::free_instance(op);
    }
}

unsafe extern "C" fn unicodeiter_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let s = (*(op as *mut UnicodeIterObject)).it_seq;
        if s.is_null() { 0 } else { visit(s, arg) }
    }
}

unsafe extern "C" fn unicodeiter_next(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut UnicodeIterObject;
        let seq = (*p).it_seq;
        if seq.is_null() {
            return Err(errors::stop_iteration_silent());
        }
        if (*p).it_index < len(seq) {
            let c = read(seq, (*p).it_index as usize);
            (*p).it_index += 1;
            return from_char(c);
        }
        clear(&mut (*p).it_seq);
        Err(errors::stop_iteration_silent())
    })
}

unsafe extern "C" fn unicodeiter_len(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut UnicodeIterObject;
        let n = if (*p).it_seq.is_null() { 0 } else { len((*p).it_seq) - (*p).it_index };
        super::longobject::from_isize(n.max(0))
    })
}

/// A str of the (possibly subclass) type `tp` with the contents of `src`
/// (CPython's `unicode_subtype_new`: the legacy layout, data apart).
pub unsafe fn subtype_copy(tp: *mut PyTypeObject, src: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let n = len(src) as usize;
        let maxc = actual_max_char(src);
        let (k, asc) = if maxc < 128 {
            (1u32, true)
        } else if maxc < 256 {
            (1, false)
        } else if maxc < 65536 {
            (2, false)
        } else {
            (4, false)
        };
        let o = super::typeobject::alloc_instance(tp, 0)?;
        let buf = obmalloc::object_malloc((n + 1) * k as usize) as *mut u8;
        if buf.is_null() {
            return Err(errors::no_memory());
        }
        core::ptr::write_bytes(buf, 0, (n + 1) * k as usize);
        let u = o.as_ptr() as *mut PyUnicodeObject;
        (*u).data = buf as *mut c_void;
        let a = ascii(o.as_ptr());
        (*a).length = n as Py_ssize_t;
        (*a).hash = -1;
        (*a).state = (k << STATE_KIND_SHIFT) | STATE_READY | if asc { STATE_ASCII } else { 0 };
        for i in 0..n {
            write(o.as_ptr(), i, read(src, i));
        }
        Ok(o)
    }
}
