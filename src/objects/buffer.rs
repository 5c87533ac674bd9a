//! The buffer protocol (PEP 3118) as objects use it: `PyBUF_*` flags,
//! `PyBuffer_FillInfo`, getting and releasing a view, and copying a
//! bytes-like object's contents.
//!
//! Design note. A `Py_buffer` holds a strong reference to its exporter in
//! `obj` until `release` (which calls the exporter's `bf_releasebuffer` and
//! then drops the reference, as CPython does). Views filled by `fill_info` are
//! one-dimensional arrays of unsigned bytes; `shape`/`strides` point into the
//! view itself (`&view.len`, `&view.itemsize`) when requested.
use super::object::*;
use super::pyref::*;
use crate::runtime::errors::{self, PyResult};
use libc::c_int;

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

/// `PyBuffer_FillInfo`.
pub unsafe fn fill_info(
    view: *mut Py_buffer,
    obj: *mut PyObject,
    buf: *mut libc::c_void,
    len: Py_ssize_t,
    readonly: bool,
    flags: c_int,
) -> PyResult<()> {
    unsafe {
        if view.is_null() {
            return Err(errors::set_string(super::exceptions::PyExc_BufferError, "PyBuffer_FillInfo: view==NULL argument is obsolete"));
        }
        if flags & PyBUF_WRITABLE == PyBUF_WRITABLE && readonly {
            return Err(errors::set_string(super::exceptions::PyExc_BufferError, "Object is not writable."));
        }
        (*view).obj = obj;
        xincref(obj);
        (*view).buf = buf;
        (*view).len = len;
        (*view).readonly = readonly as c_int;
        (*view).itemsize = 1;
        (*view).format = if flags & PyBUF_FORMAT == PyBUF_FORMAT { c"B".as_ptr() as *mut libc::c_char } else { core::ptr::null_mut() };
        (*view).ndim = 1;
        (*view).shape = if flags & PyBUF_ND == PyBUF_ND { &raw mut (*view).len } else { core::ptr::null_mut() };
        (*view).strides = if flags & PyBUF_STRIDES == PyBUF_STRIDES { &raw mut (*view).itemsize } else { core::ptr::null_mut() };
        (*view).suboffsets = core::ptr::null_mut();
        (*view).internal = core::ptr::null_mut();
        Ok(())
    }
}

/// Does the object's type export buffers (`PyObject_CheckBuffer`)?
pub unsafe fn check(obj: *mut PyObject) -> bool {
    unsafe {
        let tp = (*obj).ob_type;
        !(*tp).tp_as_buffer.is_null() && (*(*tp).tp_as_buffer).bf_getbuffer.is_some()
    }
}

/// `PyObject_GetBuffer`.
pub unsafe fn get(obj: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> PyResult<()> {
    unsafe {
        let tp = (*obj).ob_type;
        let f = if (*tp).tp_as_buffer.is_null() { None } else { (*(*tp).tp_as_buffer).bf_getbuffer };
        match f {
            Some(f) => {
                if f(obj, view, flags) < 0 {
                    Err(errors::Raised::assume())
                } else {
                    Ok(())
                }
            }
            None => Err(errors::type_error(format!(
                "a bytes-like object is required, not '{}'",
                super::typeobject::type_name_str(tp)
            ))),
        }
    }
}

/// `PyBuffer_Release`: tell the exporter, drop the reference, clear `obj`.
pub unsafe fn release(view: *mut Py_buffer) {
    unsafe {
        let obj = (*view).obj;
        if obj.is_null() {
            return;
        }
        let tp = (*obj).ob_type;
        if !(*tp).tp_as_buffer.is_null() {
            if let Some(f) = (*(*tp).tp_as_buffer).bf_releasebuffer {
                f(obj, view);
            }
        }
        (*view).obj = core::ptr::null_mut();
        decref(obj);
    }
}

/// A zeroed view (for locals).
pub fn empty_view() -> Py_buffer {
    Py_buffer {
        buf: core::ptr::null_mut(),
        obj: core::ptr::null_mut(),
        len: 0,
        itemsize: 0,
        readonly: 0,
        ndim: 0,
        format: core::ptr::null_mut(),
        shape: core::ptr::null_mut(),
        strides: core::ptr::null_mut(),
        suboffsets: core::ptr::null_mut(),
        internal: core::ptr::null_mut(),
    }
}

/// The bytes of a bytes-like object, copied out; None when the object does
/// not export buffers at all.
pub unsafe fn get_contiguous_bytes(obj: *mut PyObject) -> Option<PyResult<Vec<u8>>> {
    unsafe {
        if !check(obj) {
            return None;
        }
        let mut v = empty_view();
        if let Err(e) = get(obj, &mut v, PyBUF_SIMPLE) {
            return Some(Err(e));
        }
        let out = if v.len > 0 { core::slice::from_raw_parts(v.buf as *const u8, v.len as usize).to_vec() } else { Vec::new() };
        release(&mut v);
        Some(Ok(out))
    }
}

/// `PyBuffer_IsContiguous` for the views this runtime makes and simple
/// C-filled views: order 'C', 'F' or 'A'.
pub unsafe fn is_contiguous(view: *const Py_buffer, order: u8) -> bool {
    unsafe {
        if !(*view).suboffsets.is_null() {
            return false;
        }
        if (*view).strides.is_null() {
            return true;
        }
        let nd = (*view).ndim as usize;
        let itemsize = (*view).itemsize;
        let shape = |i: usize| *(*view).shape.add(i);
        let stride = |i: usize| *(*view).strides.add(i);
        let c = || {
            let mut sd = itemsize;
            for i in (0..nd).rev() {
                let dim = shape(i);
                if dim > 1 && stride(i) != sd {
                    return false;
                }
                sd *= dim;
            }
            true
        };
        let f = || {
            let mut sd = itemsize;
            for i in 0..nd {
                let dim = shape(i);
                if dim > 1 && stride(i) != sd {
                    return false;
                }
                sd *= dim;
            }
            true
        };
        match order {
            b'C' => c(),
            b'F' => f(),
            b'A' => c() || f(),
            _ => false,
        }
    }
}

/// `struct.calcsize(fmt)` (what `PyBuffer_SizeFromFormat` reports): native
/// sizes and alignment for `@` (the default), standard sizes without padding
/// for `=`, `<`, `>`, `!`. pyrite has no `struct` module yet, so a bad format
/// raises ValueError with `struct.error`'s message.
pub fn struct_calcsize(fmt: &[u8]) -> PyResult<isize> {
    let (native, body) = match fmt.first() {
        Some(b'@') => (true, &fmt[1..]),
        Some(b'=' | b'<' | b'>' | b'!') => (false, &fmt[1..]),
        _ => (true, fmt),
    };
    let bad = || errors::value_error("bad char in struct format");
    let too_long = || errors::value_error("total struct size too long");
    let mut size: isize = 0;
    let mut i = 0;
    while i < body.len() {
        let mut c = body[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let mut num: isize = 1;
        if c.is_ascii_digit() {
            num = 0;
            while i < body.len() && body[i].is_ascii_digit() {
                num = num
                    .checked_mul(10)
                    .and_then(|n| n.checked_add((body[i] - b'0') as isize))
                    .ok_or_else(too_long)?;
                i += 1;
            }
            if i >= body.len() {
                return Err(errors::value_error("repeat count given without format specifier"));
            }
            c = body[i];
        }
        let item: isize = match (c, native) {
            (b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p', _) => 1,
            (b'h' | b'H' | b'e', _) => 2,
            (b'i' | b'I' | b'f', _) => 4,
            (b'q' | b'Q' | b'd', _) => 8,
            (b'l' | b'L', true) => core::mem::size_of::<libc::c_long>() as isize,
            (b'l' | b'L', false) => 4,
            (b'n' | b'N' | b'P', true) => core::mem::size_of::<usize>() as isize,
            _ => return Err(bad()),
        };
        if native && !matches!(c, b's' | b'p' | b'x' | b'c' | b'b' | b'B' | b'?') {
            size = (size + item - 1) / item * item;
        }
        let add = if matches!(c, b's' | b'p') { num } else { num.checked_mul(item).ok_or_else(too_long)? };
        size = size.checked_add(add).ok_or_else(too_long)?;
        i += 1;
    }
    Ok(size)
}
