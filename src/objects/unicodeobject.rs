//! `str`: PEP 393 layouts — compact ASCII, compact, and legacy — with the
//! `state` bit field packed as CPython packs it (interned:2, kind:3, compact:1,
//! ascii:1, ready:1), 1/2/4-byte code units, and a cached UTF-8 copy.
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

pub(crate) const STATE_INTERNED_MASK: u32 = 0b11;
pub(crate) const STATE_KIND_SHIFT: u32 = 2;
pub(crate) const STATE_COMPACT: u32 = 1 << 5;
pub(crate) const STATE_ASCII: u32 = 1 << 6;
pub(crate) const STATE_READY: u32 = 1 << 7;
pub(crate) const SSTATE_INTERNED_MORTAL: u32 = 1;

#[no_mangle]
pub static mut PyUnicode_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_UNICODE_SUBCLASS,
    tp_dealloc: Some(unicode_dealloc),
    tp_repr: Some(unicode_repr),
    tp_str: Some(unicode_str),
    tp_hash: Some(unicode_hash),
    tp_richcompare: Some(unicode_richcompare),
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
            (*op).ob_refcnt = 3;
            // Keep a pending exception: strings die while errors propagate.
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

#[allow(dead_code)]
fn _unused() -> c_int {
    guard(|| Ok(0))
}
