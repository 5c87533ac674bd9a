//! `bytes`: cached hash then the bytes inline, NUL-terminated.
//!
//! Design note. An exact bytes object is one block: header, `ob_shash`
//! (-1 until first hashed), `ob_size` bytes and a NUL (`PyBytes_AS_STRING` is
//! always a C string). Subclass instances come from the subtype's `tp_alloc`
//! with the same layout. No single-byte cache: CPython keeps one, but here
//! cached objects would show up in the live-object count tests rely on.
//! Methods shared with bytearray live in `bytes_methods.rs`.
use super::object::*;

#[repr(C)]
pub struct PyBytesObject {
    pub ob_base: PyVarObject,
    pub ob_shash: Py_hash_t,
    pub ob_sval: [libc::c_char; 1],
}

use super::bytes_methods as bm;
use super::pyref::*;
use super::stringlib as sl;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard, guard_obj};
use crate::runtime::obmalloc;
use core::mem::offset_of;
use libc::{c_int, c_void};

const HEADER: usize = offset_of!(PyBytesObject, ob_sval);

#[no_mangle]
pub static mut PyBytes_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_BYTES_SUBCLASS | Py_TPFLAGS_MATCH_SELF,
    tp_dealloc: Some(bytes_dealloc),
    tp_repr: Some(bytes_repr),
    tp_str: Some(bytes_repr),
    tp_hash: Some(bytes_hash),
    tp_richcompare: Some(bytes_richcompare),
    tp_as_sequence: &raw mut BYTES_AS_SEQUENCE,
    tp_as_mapping: &raw mut BYTES_AS_MAPPING,
    tp_as_buffer: &raw mut BYTES_AS_BUFFER,
    tp_iter: Some(bytes_iter),
    tp_methods: &raw mut bm::BYTES_METHODS as *mut PyMethodDef,
    tp_new: Some(bytes_new),
    tp_doc: c"bytes(iterable_of_ints) -> bytes\nbytes(string, encoding[, errors]) -> bytes\nbytes(bytes_or_buffer) -> immutable copy of bytes_or_buffer\nbytes(int) -> bytes object of size given by the parameter initialized with null bytes\nbytes() -> empty bytes object\n\nConstruct an immutable array of bytes from:\n  - an iterable yielding integers in range(256)\n  - a text string encoded using the specified encoding\n  - any object implementing the buffer API.\n  - an integer".as_ptr(),
    ..PyTypeObject::new(c"bytes", HEADER + 1, 1)
};

static mut BYTES_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(bytes_length),
    sq_concat: Some(bytes_concat),
    sq_repeat: Some(bytes_repeat),
    sq_item: Some(bytes_item),
    sq_contains: Some(bytes_contains),
    ..PySequenceMethods::EMPTY
};

static mut BYTES_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(bytes_length),
    mp_subscript: Some(bytes_subscript),
    mp_ass_subscript: None,
};

static mut BYTES_AS_BUFFER: PyBufferProcs = PyBufferProcs { bf_getbuffer: Some(bytes_getbuffer), bf_releasebuffer: None };

#[inline(always)]
pub unsafe fn is_bytes(op: *mut PyObject) -> bool {
    unsafe { type_has_flag((*op).ob_type, Py_TPFLAGS_BYTES_SUBCLASS) }
}
#[inline(always)]
pub unsafe fn is_bytes_exact(op: *mut PyObject) -> bool {
    unsafe { (*op).ob_type == &raw mut PyBytes_Type }
}
/// `PyBytes_AS_STRING`.
#[inline(always)]
pub unsafe fn data(op: *mut PyObject) -> *mut u8 {
    unsafe { (*(op as *mut PyBytesObject)).ob_sval.as_mut_ptr() as *mut u8 }
}
pub unsafe fn as_slice<'a>(op: *mut PyObject) -> &'a [u8] {
    unsafe { core::slice::from_raw_parts(data(op), Py_SIZE(op) as usize) }
}

/// A fresh exact bytes object of `n` zero bytes (`PyBytes_FromStringAndSize(NULL, n)`).
pub fn new_uninit(n: Py_ssize_t) -> PyResult<Owned> {
    if n < 0 {
        return Err(errors::system_error("Negative size passed to PyBytes_FromStringAndSize"));
    }
    let total = (n as usize).checked_add(HEADER + 1).filter(|&t| t < isize::MAX as usize / 2).ok_or_else(errors::no_memory)?;
    unsafe {
        let mem = obmalloc::object_malloc(total) as *mut u8;
        if mem.is_null() {
            return Err(errors::no_memory());
        }
        core::ptr::write_bytes(mem, 0, total);
        let op = mem as *mut PyObject;
        (*op).ob_type = &raw mut PyBytes_Type;
        Py_SET_SIZE(op, n);
        (*(op as *mut PyBytesObject)).ob_shash = -1;
        new_reference(op);
        Ok(Owned::from_raw_nonnull(op))
    }
}

/// A bytes object with a copy of `b`.
pub fn from_slice(b: &[u8]) -> PyResult<Owned> {
    let o = new_uninit(b.len() as Py_ssize_t)?;
    unsafe { core::ptr::copy_nonoverlapping(b.as_ptr(), data(o.as_ptr()), b.len()) };
    Ok(o)
}

/// A bytes of type `tp` (bytes or a subclass) with a copy of `b`.
pub unsafe fn from_slice_type(tp: *mut PyTypeObject, b: &[u8]) -> PyResult<Owned> {
    unsafe {
        if tp == &raw mut PyBytes_Type {
            return from_slice(b);
        }
        let o = super::typeobject::alloc_instance(tp, b.len() as Py_ssize_t)?;
        (*(o.as_ptr() as *mut PyBytesObject)).ob_shash = -1;
        core::ptr::copy_nonoverlapping(b.as_ptr(), data(o.as_ptr()), b.len());
        *data(o.as_ptr()).add(b.len()) = 0;
        Ok(o)
    }
}

/// `_PyBytes_Resize` on an exact bytes object with refcount 1.
pub unsafe fn resize(pv: *mut *mut PyObject, n: Py_ssize_t) -> PyResult<()> {
    unsafe {
        let v = *pv;
        if v.is_null() || !is_bytes_exact(v) || (*v).ob_refcnt != 1 || n < 0 {
            *pv = core::ptr::null_mut();
            xdecref(v);
            return Err(errors::bad_internal_call());
        }
        if Py_SIZE(v) == n {
            return Ok(());
        }
        let mem = obmalloc::object_realloc(v as *mut c_void, HEADER + n as usize + 1) as *mut PyObject;
        if mem.is_null() {
            *pv = core::ptr::null_mut();
            decref(v);
            return Err(errors::no_memory());
        }
        Py_SET_SIZE(mem, n);
        (*(mem as *mut PyBytesObject)).ob_shash = -1;
        *data(mem).add(n as usize) = 0;
        *pv = mem;
        Ok(())
    }
}

/// `repr()` of a byte string: CPython's quote choice and escapes, no prefix.
pub fn repr_bytes(b: &[u8]) -> String {
    repr_bytes_ex(b, false)
}

/// `repr_bytes`, optionally escaping `'` even inside `"` quotes (bytearray's repr does).
pub fn repr_bytes_ex(b: &[u8], always_escape_squote: bool) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { b'"' } else { b'\'' };
    repr_bytes_quoted(b, quote, always_escape_squote)
}

/// The repr body with a chosen quote (`PyBytes_Repr` without smart quotes
/// always uses `'`).
pub fn repr_bytes_quoted(b: &[u8], quote: u8, always_escape_squote: bool) -> String {
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            c if c == quote || (always_escape_squote && c == b'\'') => {
                out.push('\\');
                out.push(c as char);
            }
            c if !(0x20..0x7f).contains(&c) => out.push_str(&format!("\\x{:02x}", c)),
            c => out.push(c as char),
        }
    }
    out.push(quote as char);
    out
}

/// `bytes(x)` / `PyBytes_FromObject`-style conversion of a source object into
/// bytes: buffers, iterables of ints. `what` names the target type in errors.
pub unsafe fn bytes_from_source(x: *mut PyObject, what: &str) -> PyResult<Vec<u8>> {
    unsafe {
        if let Some(b) = super::buffer::get_contiguous_bytes(x) {
            return b;
        }
        let it = match super::abstract_::get_iter(x) {
            Ok(it) => it,
            Err(e) => {
                if errors::exception_matches(super::exceptions::PyExc_TypeError) {
                    errors::clear();
                    return Err(errors::type_error(format!(
                        "cannot convert '{}' object to {}",
                        super::typeobject::type_name_str((*x).ob_type),
                        what
                    )));
                }
                return Err(e);
            }
        };
        let mut out = Vec::new();
        while let Some(item) = super::abstract_::iter_next(it.as_ptr())? {
            out.push(bm::byte_value(
                item.as_ptr(),
                if what == "bytes" { "bytes must be in range(0, 256)" } else { "byte must be in range(0, 256)" },
            )?);
        }
        Ok(out)
    }
}

/// `bytes(source, encoding, errors)` as a byte vector (shared with bytearray).
pub unsafe fn construct(args: *mut PyObject, kw: *mut PyObject, what: &str) -> PyResult<Vec<u8>> {
    unsafe {
        let a = sl::parse_args(what, args, kw, &["source", "encoding", "errors"], 0)?;
        let (src, enc, err) = (a[0], a[1], a[2]);
        if src.is_null() {
            if !enc.is_null() || !err.is_null() {
                return Err(errors::type_error(if enc.is_null() {
                    "errors without a string argument"
                } else {
                    "encoding without a string argument"
                }));
            }
            return Ok(Vec::new());
        }
        if super::unicodeobject::is_str(src) {
            if enc.is_null() {
                return Err(errors::type_error("string argument without an encoding"));
            }
            let e = bm::text_arg(what, "encoding", enc, "utf-8")?;
            let er = bm::text_arg(what, "errors", err, "strict")?;
            let codec = super::unicode_codecs::lookup_or_raise(&e)?;
            return super::unicode_codecs::encode(src, codec, &er);
        }
        if !enc.is_null() {
            return Err(errors::type_error("encoding without a string argument"));
        }
        if !err.is_null() {
            return Err(errors::type_error("errors without a string argument"));
        }
        if what == "bytes" {
            let m = super::typeobject::lookup_str((*src).ob_type, "__bytes__")?;
            if !m.is_null() {
                let r = super::abstract_::call_method(src, "__bytes__", &[])?;
                if !is_bytes(r.as_ptr()) {
                    return Err(errors::type_error(format!(
                        "__bytes__ returned non-bytes (type {})",
                        super::typeobject::type_name_str((*r.as_ptr()).ob_type)
                    )));
                }
                return Ok(as_slice(r.as_ptr()).to_vec());
            }
        }
        if super::longobject::is_index(src) {
            let n = super::longobject::as_ssize_index(src, Some(super::exceptions::PyExc_OverflowError))?;
            if n < 0 {
                return Err(errors::value_error("negative count"));
            }
            return Ok(vec![0u8; n as usize]);
        }
        bytes_from_source(src, what)
    }
}

unsafe extern "C" fn bytes_new(tp: *mut PyTypeObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        // bytes(b) of an exact bytes returns the same object.
        if tp == &raw mut PyBytes_Type && kw.is_null() && !args.is_null() && Py_SIZE(args) == 1 {
            let x = super::tupleobject::get_item(args, 0);
            if is_bytes_exact(x) {
                return Ok(Owned::from_borrowed(x));
            }
        }
        let v = construct(args, kw, "bytes")?;
        from_slice_type(tp, &v)
    })
}

unsafe extern "C" fn bytes_dealloc(op: *mut PyObject) {
    unsafe {
        if is_bytes_exact(op) {
            obmalloc::object_free(op as *mut c_void);
        } else {
            super::typeobject::free_instance(op);
        }
    }
}

unsafe extern "C" fn bytes_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { super::unicodeobject::from_str(&repr_bytes(as_slice(op))) })
}

/// Hash of the bytes, cached in `ob_shash`.
pub unsafe fn hash(op: *mut PyObject) -> Py_hash_t {
    unsafe {
        let p = op as *mut PyBytesObject;
        if (*p).ob_shash == -1 {
            (*p).ob_shash = crate::runtime::pyhash::hash_bytes(as_slice(op));
        }
        (*p).ob_shash
    }
}

unsafe extern "C" fn bytes_hash(op: *mut PyObject) -> Py_hash_t {
    unsafe { hash(op) }
}

unsafe extern "C" fn bytes_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !is_bytes(a) || !is_bytes(b) {
            return Ok(super::noneobject::not_implemented());
        }
        bm::compare_slices(as_slice(a), as_slice(b), op)
    })
}

unsafe extern "C" fn bytes_length(op: *mut PyObject) -> Py_ssize_t {
    unsafe { Py_SIZE(op) }
}

unsafe extern "C" fn bytes_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        if i < 0 || i >= Py_SIZE(op) {
            return Err(errors::index_error("index out of range"));
        }
        super::longobject::from_isize(*data(op).add(i as usize) as isize)
    })
}

unsafe extern "C" fn bytes_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let b = as_slice(op);
        if super::longobject::is_index(key) {
            let mut i = super::longobject::as_ssize_index(key, Some(super::exceptions::PyExc_IndexError))?;
            if i < 0 {
                i += b.len() as isize;
            }
            if i < 0 || i >= b.len() as isize {
                return Err(errors::index_error("index out of range"));
            }
            return super::longobject::from_isize(b[i as usize] as isize);
        }
        if sl::is_slice(key) {
            let (start, _, step, n) = sl::slice_indices(key, b.len())?;
            if n == b.len() && step == 1 && is_bytes_exact(op) {
                return Ok(Owned::from_borrowed(op));
            }
            return from_slice(&sl::take_slice(b, start, step, n));
        }
        Err(errors::type_error(format!(
            "byte indices must be integers or slices, not {}",
            super::typeobject::type_name_str((*key).ob_type)
        )))
    })
}

unsafe extern "C" fn bytes_concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let (x, y) = bm::concat_operands(a, b)?;
        if y.is_empty() && is_bytes_exact(a) {
            return Ok(Owned::from_borrowed(a));
        }
        let mut v = x;
        v.extend_from_slice(&y);
        from_slice(&v)
    })
}

unsafe extern "C" fn bytes_repeat(op: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        if n == 1 && is_bytes_exact(op) {
            return Ok(Owned::from_borrowed(op));
        }
        from_slice(&bm::repeat(as_slice(op), n)?)
    })
}

unsafe extern "C" fn bytes_contains(op: *mut PyObject, x: *mut PyObject) -> c_int {
    guard(|| unsafe { bm::contains(as_slice(op), x).map(|b| b as c_int) })
}

unsafe extern "C" fn bytes_getbuffer(op: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> c_int {
    guard_unit_(|| unsafe {
        super::buffer::fill_info(view, op, data(op) as *mut c_void, Py_SIZE(op), true, flags)
    })
}

fn guard_unit_(f: impl FnOnce() -> PyResult<()>) -> c_int {
    crate::runtime::ffi::guard_unit(f)
}

unsafe extern "C" fn bytes_iter(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { bm::new_iter(&raw mut bm::PyBytesIter_Type, op) })
}
