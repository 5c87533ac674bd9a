//! temporary: to be replaced by the owning area's implementation at merge.
//!
//! The C shims (`src/shims/*.c`: getargs, Py_BuildValue, the call helpers,
//! PyUnicode_FromFormat) call only public C API functions. Those that did not
//! exist yet on the `shims` branch are given here in the smallest correct
//! form: a few integer conversions, a minimal `bytes`, `bytearray` and
//! `complex` (creation, dealloc, repr, the buffer protocol), the buffer API,
//! a few str constructors and codecs (UTF-8, ASCII, Latin-1 only), and
//! `PyDict_Next` / `PySequence_*`. When the owning areas merge, every item
//! here that they define is deleted (same names, same signatures).
use crate::objects::bytearrayobject::PyByteArrayObject;
use crate::objects::bytesobject::PyBytesObject;
use crate::objects::complexobject::{PyComplexObject, Py_complex};
use crate::objects::longobject::{self as l, PyLongObject, PyLong_SHIFT};
use crate::objects::object::*;
use crate::objects::pyref::{self, Owned};
use crate::objects::typeobject::type_name_str;
use crate::objects::unicodeobject as u;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard, guard_obj, nonnull, nonnull_c};
use crate::runtime::obmalloc;
use core::mem::{offset_of, size_of};
use core::ptr::null_mut;
use libc::{c_char, c_int, c_longlong, c_ulong, c_ulonglong, c_void};

// ---------------------------------------------------------------- buffer flags

pub const PyBUF_SIMPLE: c_int = 0;
pub const PyBUF_WRITABLE: c_int = 0x0001;
pub const PyBUF_WRITEABLE: c_int = PyBUF_WRITABLE;
pub const PyBUF_FORMAT: c_int = 0x0004;
pub const PyBUF_ND: c_int = 0x0008;
pub const PyBUF_STRIDES: c_int = 0x0010 | PyBUF_ND;
pub const PyBUF_C_CONTIGUOUS: c_int = 0x0020 | PyBUF_STRIDES;
pub const PyBUF_F_CONTIGUOUS: c_int = 0x0040 | PyBUF_STRIDES;
pub const PyBUF_ANY_CONTIGUOUS: c_int = 0x0080 | PyBUF_STRIDES;
pub const PyBUF_INDIRECT: c_int = 0x0100 | PyBUF_STRIDES;
pub const PyBUF_CONTIG: c_int = PyBUF_ND | PyBUF_WRITABLE;
pub const PyBUF_CONTIG_RO: c_int = PyBUF_ND;
pub const PyBUF_STRIDED: c_int = PyBUF_STRIDES | PyBUF_WRITABLE;
pub const PyBUF_STRIDED_RO: c_int = PyBUF_STRIDES;
pub const PyBUF_RECORDS: c_int = PyBUF_STRIDES | PyBUF_WRITABLE | PyBUF_FORMAT;
pub const PyBUF_RECORDS_RO: c_int = PyBUF_STRIDES | PyBUF_FORMAT;
pub const PyBUF_FULL: c_int = PyBUF_INDIRECT | PyBUF_WRITABLE | PyBUF_FORMAT;
pub const PyBUF_FULL_RO: c_int = PyBUF_INDIRECT | PyBUF_FORMAT;
pub const PyBUF_READ: c_int = 0x100;
pub const PyBUF_WRITE: c_int = 0x200;

/// The static types defined here, readied at start-up.
pub fn static_types() -> Vec<*mut PyTypeObject> {
    vec![&raw mut PyBytes_Type, &raw mut PyByteArray_Type]
}

// ---------------------------------------------------------------- int


/// The low 64 bits of an int in two's complement (any size).
unsafe fn low_bits(op: *mut PyObject) -> u64 {
    unsafe {
        let n = Py_SIZE(op);
        let p = op as *mut PyLongObject;
        let mut acc: u64 = 0;
        for i in (0..n.unsigned_abs()).rev() {
            acc = (acc << PyLong_SHIFT) | *(*p).ob_digit.as_ptr().add(i) as u64;
        }
        if n < 0 {
            acc.wrapping_neg()
        } else {
            acc
        }
    }
}
unsafe fn as_mask(op: *mut PyObject) -> PyResult<u64> {
    unsafe {
        let i = crate::objects::abstract_number::index(nonnull(op)?)?;
        Ok(low_bits(i.as_ptr()))
    }
}

// ---------------------------------------------------------------- buffers

#[no_mangle]
pub unsafe extern "C" fn PyObject_CheckBuffer(op: *mut PyObject) -> c_int {
    unsafe {
        let pb = (*(*op).ob_type).tp_as_buffer;
        (!pb.is_null() && (*pb).bf_getbuffer.is_some()) as c_int
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_GetBuffer(op: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> c_int {
    guard(|| unsafe {
        let tp = (*nonnull(op)?).ob_type;
        let pb = (*tp).tp_as_buffer;
        match if pb.is_null() { None } else { (*pb).bf_getbuffer } {
            Some(f) => Ok(f(op, view, flags)),
            None => Err(errors::type_error(format!("a bytes-like object is required, not '{}'", type_name_str(tp)))),
        }
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyBuffer_Release(view: *mut Py_buffer) {
    unsafe {
        let obj = (*view).obj;
        if obj.is_null() {
            return;
        }
        let pb = (*(*obj).ob_type).tp_as_buffer;
        if !pb.is_null() {
            if let Some(f) = (*pb).bf_releasebuffer {
                f(obj, view);
            }
        }
        (*view).obj = null_mut();
        pyref::decref(obj);
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyBuffer_FillInfo(
    view: *mut Py_buffer,
    obj: *mut PyObject,
    buf: *mut c_void,
    len: Py_ssize_t,
    readonly: c_int,
    flags: c_int,
) -> c_int {
    guard(|| unsafe {
        if view.is_null() {
            return Err(crate::raise!(PyExc_BufferError, "PyBuffer_FillInfo: view==NULL argument is obsolete"));
        }
        if flags & PyBUF_WRITABLE != 0 && readonly == 1 {
            return Err(crate::raise!(PyExc_BufferError, "Object is not writable."));
        }
        if !obj.is_null() {
            pyref::incref(obj);
        }
        let v = &mut *view;
        v.obj = obj;
        v.buf = buf;
        v.len = len;
        v.readonly = readonly;
        v.itemsize = 1;
        v.format = if flags & PyBUF_FORMAT == PyBUF_FORMAT { c"B".as_ptr() as *mut c_char } else { null_mut() };
        v.ndim = 1;
        v.shape = if flags & PyBUF_ND == PyBUF_ND { &raw mut v.len } else { null_mut() };
        v.strides = if flags & PyBUF_STRIDES == PyBUF_STRIDES { &raw mut v.itemsize } else { null_mut() };
        v.suboffsets = null_mut();
        v.internal = null_mut();
        Ok(0)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyBuffer_IsContiguous(view: *const Py_buffer, order: c_char) -> c_int {
    unsafe {
        let v = &*view;
        if !v.suboffsets.is_null() {
            return 0;
        }
        if v.strides.is_null() || v.ndim <= 0 {
            return 1;
        }
        let check = |rev: bool| -> bool {
            let n = v.ndim as usize;
            let mut sd = v.itemsize;
            for k in 0..n {
                let i = if rev { n - 1 - k } else { k };
                let dim = *v.shape.add(i);
                if dim > 1 && *v.strides.add(i) != sd {
                    return false;
                }
                sd *= dim;
            }
            true
        };
        match order as u8 {
            b'C' => check(true) as c_int,
            b'F' => check(false) as c_int,
            _ => (check(true) || check(false)) as c_int,
        }
    }
}

// ---------------------------------------------------------------- bytes

#[no_mangle]
pub static mut PyBytes_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_BYTES_SUBCLASS | Py_TPFLAGS_MATCH_SELF,
    tp_dealloc: Some(plain_dealloc),
    tp_repr: Some(bytes_repr),
    tp_as_buffer: &raw mut BYTES_AS_BUFFER,
    ..PyTypeObject::new(c"bytes", offset_of!(PyBytesObject, ob_sval) + 1, 1)
};
static mut BYTES_AS_BUFFER: PyBufferProcs = PyBufferProcs { bf_getbuffer: Some(bytes_getbuffer), bf_releasebuffer: None };

unsafe extern "C" fn plain_dealloc(op: *mut PyObject) {
    unsafe { crate::objects::typeobject::free_instance(op) }
}
unsafe extern "C" fn bytes_getbuffer(op: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> c_int {
    unsafe { PyBuffer_FillInfo(view, op, bytes_data(op) as *mut c_void, Py_SIZE(op), 1, flags) }
}
unsafe fn bytes_data(op: *mut PyObject) -> *mut u8 {
    unsafe { (*(op as *mut PyBytesObject)).ob_sval.as_mut_ptr() as *mut u8 }
}

/// The repr of bytes content (`b'...'`), shared by bytes and bytearray.
fn bytes_repr_text(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { '"' } else { '\'' };
    let mut s = String::with_capacity(b.len() + 3);
    s.push('b');
    s.push(quote);
    for &c in b {
        match c {
            b'\\' => s.push_str("\\\\"),
            b'\t' => s.push_str("\\t"),
            b'\n' => s.push_str("\\n"),
            b'\r' => s.push_str("\\r"),
            _ if c as char == quote => {
                s.push('\\');
                s.push(quote);
            }
            0x20..=0x7e => s.push(c as char),
            _ => s.push_str(&format!("\\x{:02x}", c)),
        }
    }
    s.push(quote);
    s
}
unsafe extern "C" fn bytes_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let b = core::slice::from_raw_parts(bytes_data(op), Py_SIZE(op) as usize);
        u::from_str(&bytes_repr_text(b))
    })
}

fn new_bytes(data: *const u8, n: Py_ssize_t) -> PyResult<Owned> {
    if n < 0 {
        return Err(errors::system_error("Negative size passed to PyBytes_FromStringAndSize"));
    }
    unsafe {
        let size = offset_of!(PyBytesObject, ob_sval) + n as usize + 1;
        let mem = obmalloc::object_malloc(size) as *mut PyBytesObject;
        if mem.is_null() {
            return Err(errors::no_memory());
        }
        (*mem).ob_base.ob_base.ob_type = &raw mut PyBytes_Type;
        (*mem).ob_base.ob_size = n;
        (*mem).ob_shash = -1;
        let d = (*mem).ob_sval.as_mut_ptr() as *mut u8;
        if data.is_null() {
            core::ptr::write_bytes(d, 0, n as usize);
        } else {
            core::ptr::copy_nonoverlapping(data, d, n as usize);
        }
        *d.add(n as usize) = 0;
        pyref::new_reference(mem as *mut PyObject);
        Ok(Owned::from_raw_nonnull(mem as *mut PyObject))
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyBytes_FromStringAndSize(s: *const c_char, n: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| new_bytes(s as *const u8, n))
}
#[no_mangle]
pub unsafe extern "C" fn PyBytes_FromString(s: *const c_char) -> *mut PyObject {
    guard_obj(|| unsafe {
        let s = nonnull_c(s)?;
        new_bytes(s as *const u8, libc::strlen(s) as Py_ssize_t)
    })
}
unsafe fn check_bytes(op: *mut PyObject) -> PyResult<()> {
    unsafe {
        if !type_has_flag((*nonnull(op)?).ob_type, Py_TPFLAGS_BYTES_SUBCLASS) {
            return Err(errors::type_error(format!("expected bytes, {} found", type_name_str((*op).ob_type))));
        }
        Ok(())
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyBytes_AsString(op: *mut PyObject) -> *mut c_char {
    guard(|| unsafe { check_bytes(op).map(|()| bytes_data(op) as *mut c_char) })
}
#[no_mangle]
pub unsafe extern "C" fn PyBytes_Size(op: *mut PyObject) -> Py_ssize_t {
    guard(|| unsafe { check_bytes(op).map(|()| Py_SIZE(op)) })
}

// ---------------------------------------------------------------- bytearray

#[no_mangle]
pub static mut _PyByteArray_empty_string: [c_char; 1] = [0];

#[no_mangle]
pub static mut PyByteArray_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_MATCH_SELF,
    tp_dealloc: Some(bytearray_dealloc),
    tp_repr: Some(bytearray_repr),
    tp_as_buffer: &raw mut BYTEARRAY_AS_BUFFER,
    ..PyTypeObject::new(c"bytearray", size_of::<PyByteArrayObject>(), 0)
};
static mut BYTEARRAY_AS_BUFFER: PyBufferProcs =
    PyBufferProcs { bf_getbuffer: Some(bytearray_getbuffer), bf_releasebuffer: Some(bytearray_releasebuffer) };

unsafe fn bytearray_data(op: *mut PyObject) -> *mut u8 {
    unsafe {
        let b = op as *mut PyByteArrayObject;
        if (*b).ob_start.is_null() {
            (&raw mut _PyByteArray_empty_string) as *mut u8
        } else {
            (*b).ob_start as *mut u8
        }
    }
}
unsafe extern "C" fn bytearray_dealloc(op: *mut PyObject) {
    unsafe {
        let b = op as *mut PyByteArrayObject;
        if !(*b).ob_bytes.is_null() {
            obmalloc::mem_free((*b).ob_bytes as *mut c_void);
        }
        crate::objects::typeobject::free_instance(op)
    }
}
unsafe extern "C" fn bytearray_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let b = core::slice::from_raw_parts(bytearray_data(op), Py_SIZE(op) as usize);
        u::from_str(&format!("bytearray({})", bytes_repr_text(b)))
    })
}
unsafe extern "C" fn bytearray_getbuffer(op: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> c_int {
    unsafe {
        if view.is_null() {
            return guard(|| Err(crate::raise!(PyExc_BufferError, "bytearray_getbuffer: view==NULL argument is obsolete")));
        }
        let r = PyBuffer_FillInfo(view, op, bytearray_data(op) as *mut c_void, Py_SIZE(op), 0, flags);
        if r == 0 {
            (*(op as *mut PyByteArrayObject)).ob_exports += 1;
        }
        r
    }
}
unsafe extern "C" fn bytearray_releasebuffer(op: *mut PyObject, _view: *mut Py_buffer) {
    unsafe { (*(op as *mut PyByteArrayObject)).ob_exports -= 1 }
}
#[no_mangle]
pub unsafe extern "C" fn PyByteArray_FromStringAndSize(s: *const c_char, n: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        if n < 0 {
            return Err(errors::system_error("Negative size passed to PyByteArray_FromStringAndSize"));
        }
        let o = crate::objects::typeobject::generic_alloc(&raw mut PyByteArray_Type, 0)?;
        let b = o.as_ptr() as *mut PyByteArrayObject;
        if n > 0 {
            let mem = obmalloc::mem_malloc(n as usize + 1) as *mut c_char;
            if mem.is_null() {
                return Err(errors::no_memory());
            }
            if s.is_null() {
                core::ptr::write_bytes(mem, 0, n as usize);
            } else {
                core::ptr::copy_nonoverlapping(s, mem, n as usize);
            }
            *mem.add(n as usize) = 0;
            (*b).ob_bytes = mem;
            (*b).ob_start = mem;
            (*b).ob_alloc = n + 1;
        }
        (*b).ob_base.ob_size = n;
        Ok(o)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyByteArray_Size(op: *mut PyObject) -> Py_ssize_t {
    guard(|| unsafe { Ok(Py_SIZE(nonnull(op)?)) })
}
#[no_mangle]
pub unsafe extern "C" fn PyByteArray_AsString(op: *mut PyObject) -> *mut c_char {
    guard(|| unsafe { Ok(bytearray_data(nonnull(op)?) as *mut c_char) })
}

// ---------------------------------------------------------------- complex


/// `repr` of one part: shortest round-trip digits, no trailing `.0`.
fn part_repr(x: f64) -> String {
    if x.is_nan() {
        "nan".into()
    } else if x.is_infinite() {
        if x > 0.0 { "inf".into() } else { "-inf".into() }
    } else {
        format!("{}", x)
    }
}
unsafe extern "C" fn complex_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let c = (*(op as *mut PyComplexObject)).cval;
        let im = part_repr(c.imag);
        let s = if c.real == 0.0 && c.real.is_sign_positive() {
            format!("{}j", im)
        } else {
            let sign = if c.imag.is_sign_negative() || c.imag.is_nan() && im.starts_with('-') { "" } else { "+" };
            format!("({}{}{}j)", part_repr(c.real), sign, im)
        };
        u::from_str(&s)
    })
}

// ---------------------------------------------------------------- str

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromOrdinal(ordinal: c_int) -> *mut PyObject {
    guard_obj(|| {
        if !(0..=0x10ffff).contains(&ordinal) {
            return Err(errors::value_error("chr() arg not in range(0x110000)"));
        }
        u::from_codepoints(&[ordinal as u32])
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromWideChar(w: *const libc::wchar_t, size: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        if w.is_null() && size != 0 {
            return Err(errors::bad_internal_call());
        }
        let n = if size == -1 {
            let mut k = 0;
            while *w.add(k) != 0 {
                k += 1;
            }
            k
        } else if size < 0 {
            return Err(errors::bad_internal_call());
        } else {
            size as usize
        };
        let cps: Vec<u32> = (0..n).map(|i| *w.add(i) as u32).collect();
        if let Some(&c) = cps.iter().find(|&&c| c > 0x10ffff) {
            return Err(errors::value_error(format!("character U+{:x} is not in range [U+0000; U+10ffff]", c)));
        }
        u::from_codepoints(&cps)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromKindAndData(kind: c_int, buffer: *const c_void, size: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        if size < 0 {
            return Err(errors::value_error("size must be positive"));
        }
        let n = size as usize;
        let cps: Vec<u32> = match kind {
            1 => (0..n).map(|i| *(buffer as *const u8).add(i) as u32).collect(),
            2 => (0..n).map(|i| *(buffer as *const u16).add(i) as u32).collect(),
            4 => (0..n).map(|i| *(buffer as *const u32).add(i)).collect(),
            _ => return Err(errors::system_error("invalid kind")),
        };
        if cps.iter().any(|&c| c > 0x10ffff) {
            return Err(errors::value_error("character U+110000 is not in range [U+0000; U+10ffff]"));
        }
        u::from_codepoints(&cps)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_GetLength(op: *mut PyObject) -> Py_ssize_t {
    guard(|| unsafe {
        if !u::is_str(nonnull(op)?) {
            return Err(errors::bad_argument());
        }
        Ok(u::len(op))
    })
}

/// The codec names understood here, normalised like CPython's lookup.
fn codec_name(encoding: &str) -> String {
    encoding.trim().to_ascii_lowercase().replace('_', "-")
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsEncodedString(
    op: *mut PyObject,
    encoding: *const c_char,
    errors_: *const c_char,
) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !u::is_str(nonnull(op)?) {
            return Err(errors::bad_argument());
        }
        let enc = if encoding.is_null() { "utf-8".to_string() } else { crate::runtime::ffi::cstr(encoding)?.to_string() };
        let limit = match codec_name(&enc).as_str() {
            "utf-8" | "utf8" | "u8" => {
                let b = u::as_utf8(op)?;
                return new_bytes(b.as_ptr(), b.len() as Py_ssize_t);
            }
            "ascii" | "us-ascii" | "646" => 128u32,
            "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" => 256u32,
            _ => return Err(crate::raise!(PyExc_LookupError, "unknown encoding: {}", enc)),
        };
        let _ = errors_;
        let cps = u::codepoints(op);
        if let Some(pos) = cps.iter().position(|&c| c >= limit) {
            let c = cps[pos];
            let shown = if c < 0x100 { format!("\\x{:02x}", c) } else if c < 0x10000 { format!("\\u{:04x}", c) } else { format!("\\U{:08x}", c) };
            let name = if limit == 128 { "ascii" } else { "latin-1" };
            return Err(crate::raise!(
                PyExc_UnicodeEncodeError,
                "'{}' codec can't encode character '{}' in position {}: ordinal not in range({})",
                name,
                shown,
                pos,
                limit
            ));
        }
        let b: Vec<u8> = cps.iter().map(|&c| c as u8).collect();
        new_bytes(b.as_ptr(), b.len() as Py_ssize_t)
    })
}
/// UTF-8 decoding with the "strict" and "replace" handlers.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeUTF8(s: *const c_char, size: Py_ssize_t, errors_: *const c_char) -> *mut PyObject {
    guard_obj(|| unsafe {
        let b = if size == 0 { &[][..] } else { core::slice::from_raw_parts(nonnull_c(s)? as *const u8, size as usize) };
        let handler = if errors_.is_null() { "strict" } else { crate::runtime::ffi::cstr(errors_)? };
        match std::str::from_utf8(b) {
            Ok(t) => u::from_str(t),
            Err(_) if handler == "replace" => u::from_str(&String::from_utf8_lossy(b)),
            Err(e) if handler == "strict" => {
                let start = e.valid_up_to();
                let what = if e.error_len().is_none() { "unexpected end of data" } else if b[start] >= 0x80 && b[start] < 0xc2 || b[start] > 0xf4 { "invalid start byte" } else { "invalid continuation byte" };
                Err(crate::raise!(
                    PyExc_UnicodeDecodeError,
                    "'utf-8' codec can't decode byte 0x{:02x} in position {}: {}",
                    b[start],
                    start,
                    what
                ))
            }
            Err(_) => Err(crate::raise!(PyExc_LookupError, "unknown error handler name '{}'", handler)),
        }
    })
}

// ---------------------------------------------------------------- dict, sequence

