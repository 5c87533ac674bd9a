//! `BytesIO`: a binary stream over an in-memory buffer (CPython's
//! `Modules/_io/bytesio.c`), and `_BytesIOBuffer`, the exporter behind
//! `getbuffer()`.
//!
//! Design note. The data is a `Vec<u8>` and a position that may lie past
//! the end (a write there zero-fills the gap). While `getbuffer()` views are
//! alive (`exports` > 0) the buffer may not be resized or closed
//! (BufferError), exactly as in CPython.
use super::*;
use crate::runtime::ffi::guard_unit;
use libc::c_int;

pub struct BytesState {
    pub buf: Vec<u8>,
    pub pos: usize,
    pub closed: bool,
    pub exports: isize,
}

pub static mut BYTESIO_TYPE: PyTypeObject = PyTypeObject {
    tp_base: &raw mut super::iobase::BUFFEREDIOBASE_TYPE,
    tp_init: Some(bytesio_init),
    tp_iter: Some(bytesio_iter),
    tp_iternext: Some(bytesio_iternext),
    tp_methods: &raw mut BYTESIO_METHODS as *mut PyMethodDef,
    tp_getset: &raw mut BYTESIO_GETSET as *mut PyGetSetDef,
    ..io_type(c"_io.BytesIO")
};

static mut BYTESIO_METHODS: [PyMethodDef; 24] = [
    mdef!(c"readable", bytesio_true, METH_NOARGS),
    mdef!(c"seekable", bytesio_true, METH_NOARGS),
    mdef!(c"writable", bytesio_true, METH_NOARGS),
    mdef!(c"close", bytesio_close, METH_NOARGS),
    mdef!(c"flush", bytesio_flush, METH_NOARGS),
    mdef!(c"isatty", bytesio_isatty, METH_NOARGS),
    mdef!(c"tell", bytesio_tell, METH_NOARGS),
    mdef!(c"write", bytesio_write, METH_O),
    mdef!(c"writelines", bytesio_writelines, METH_O),
    mdef!(c"read1", bytesio_read, METH_VARARGS),
    mdef!(c"readinto", bytesio_readinto, METH_O),
    mdef!(c"readline", bytesio_readline, METH_VARARGS),
    mdef!(c"readlines", bytesio_readlines, METH_VARARGS),
    mdef!(c"read", bytesio_read, METH_VARARGS),
    mdef!(c"getbuffer", bytesio_getbuffer, METH_NOARGS),
    mdef!(c"getvalue", bytesio_getvalue, METH_NOARGS),
    mdef!(c"seek", bytesio_seek, METH_VARARGS),
    mdef!(c"truncate", bytesio_truncate, METH_VARARGS),
    mdef!(c"__getstate__", bytesio_getstate, METH_NOARGS),
    mdef!(c"__setstate__", bytesio_setstate, METH_O),
    mdef!(c"__sizeof__", bytesio_sizeof, METH_NOARGS),
    mdef!(c"readinto1", bytesio_readinto, METH_O),
    mdef!(c"__next__", bytesio_next_m, METH_NOARGS),
    PyMethodDef::SENTINEL,
];

static mut BYTESIO_GETSET: [PyGetSetDef; 2] = [getset!(c"closed", bytesio_closed_get), GETSET_END];

unsafe fn st<'a>(op: *mut PyObject) -> PyResult<&'a mut BytesState> {
    unsafe {
        match state(op) {
            Some(IoState::Bytes(b)) => Ok(b),
            _ => Err(uninitialized()),
        }
    }
}

unsafe fn open_st<'a>(op: *mut PyObject) -> PyResult<&'a mut BytesState> {
    unsafe {
        let b = st(op)?;
        if b.closed {
            return Err(closed_error());
        }
        Ok(b)
    }
}

fn check_exports(b: &BytesState) -> PyResult<()> {
    if b.exports > 0 {
        // SAFETY: PyExc_BufferError is a static exception class.
        return Err(unsafe {
            errors::set_string(o::exceptions::PyExc_BufferError, "Existing exports of data: object cannot be re-sized")
        });
    }
    Ok(())
}

unsafe extern "C" fn bytesio_init(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        let a = parse_args("BytesIO", args, kw, &["initial_bytes"], 0)?;
        if let Some(IoState::Bytes(b)) = state(op) {
            check_exports(b)?;
        }
        let data = if is_none(a[0]) { Vec::new() } else { bytes_like(a[0])? };
        set_state(op, IoState::Bytes(BytesState { buf: data, pos: 0, closed: false, exports: 0 }));
        Ok(())
    })
}

unsafe extern "C" fn bytesio_true(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        open_st(op)?;
        Ok(boolean(true))
    })
}

unsafe extern "C" fn bytesio_isatty(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        open_st(op)?;
        Ok(boolean(false))
    })
}

unsafe extern "C" fn bytesio_flush(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        open_st(op)?;
        Ok(none())
    })
}

unsafe extern "C" fn bytesio_close(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let b = st(op)?;
        check_exports(b)?;
        b.closed = true;
        b.buf = Vec::new();
        Ok(none())
    })
}

unsafe extern "C" fn bytesio_closed_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { Ok(boolean(st(op)?.closed)) })
}

unsafe extern "C" fn bytesio_tell(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { int(open_st(op)?.pos as i64) })
}

unsafe fn write_bytes(b: &mut BytesState, data: &[u8]) -> PyResult<usize> {
    if data.is_empty() {
        return Ok(0);
    }
    let end = b.pos + data.len();
    if end > b.buf.len() {
        check_exports(b)?;
        b.buf.resize(end, 0);
    }
    b.buf[b.pos..end].copy_from_slice(data);
    b.pos = end;
    Ok(data.len())
}

unsafe extern "C" fn bytesio_write(op: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let b = open_st(op)?;
        check_exports(b)?;
        let data = bytes_like(v)?;
        let b = open_st(op)?;
        int(write_bytes(b, &data)? as i64)
    })
}

unsafe extern "C" fn bytesio_writelines(op: *mut PyObject, lines: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let it = o::abstract_::get_iter(lines)?;
        while let Some(line) = o::abstract_::iter_next(it.as_ptr())? {
            Owned::from_raw(bytesio_write(op, line.as_ptr()))?;
        }
        Ok(none())
    })
}

/// The next `size` bytes (all remaining when negative), advancing.
fn take(b: &mut BytesState, size: i64) -> &[u8] {
    let avail = b.buf.len().saturating_sub(b.pos);
    let n = if size < 0 || size as u64 > avail as u64 { avail } else { size as usize };
    let start = b.pos.min(b.buf.len());
    b.pos += n;
    &b.buf[start..start + n]
}

unsafe extern "C" fn bytesio_read(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = positional("read", args, 0, 1)?;
        let b = open_st(op)?;
        let size = optional_size(a[0], -1)?;
        let b = &mut *(b as *mut BytesState);
        bytes(take(b, size))
    })
}

unsafe extern "C" fn bytesio_readinto(op: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let b = open_st(op)?;
        let mut w = WritableBuf::get(v, "readinto")?;
        let dst = w.slice();
        let data = take(b, dst.len() as i64);
        dst[..data.len()].copy_from_slice(data);
        int(data.len() as i64)
    })
}

fn line_len(b: &BytesState, size: i64) -> usize {
    if b.pos >= b.buf.len() {
        return 0;
    }
    let rest = &b.buf[b.pos..];
    let mut n = match rest.iter().position(|&c| c == b'\n') {
        Some(i) => i + 1,
        None => rest.len(),
    };
    if size >= 0 && (size as u64) < n as u64 {
        n = size as usize;
    }
    n
}

unsafe extern "C" fn bytesio_readline(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = positional("readline", args, 0, 1)?;
        let b = open_st(op)?;
        let size = optional_size(a[0], -1)?;
        let n = line_len(b, size);
        bytes(take(b, n as i64))
    })
}

unsafe extern "C" fn bytesio_readlines(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = positional("readlines", args, 0, 1)?;
        let b = open_st(op)?;
        let hint = optional_size(a[0], 0)?;
        let out = o::listobject::new_list(0)?;
        let mut total = 0i64;
        loop {
            let n = line_len(b, -1);
            if n == 0 {
                break;
            }
            let line = bytes(take(b, n as i64))?;
            o::listobject::append(out.as_ptr(), line.as_ptr())?;
            total += n as i64;
            if hint > 0 && total >= hint {
                break;
            }
        }
        Ok(out)
    })
}

unsafe extern "C" fn bytesio_getvalue(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { bytes(&open_st(op)?.buf) })
}

unsafe extern "C" fn bytesio_seek(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = positional("seek", args, 1, 2)?;
        let pos = index_i64(a[0])?;
        let whence = int_arg(a[1], 0)?;
        let b = open_st(op)?;
        if pos < 0 && whence == 0 {
            return Err(errors::value_error(format!("negative seek value {}", pos)));
        }
        let base = match whence {
            0 => 0i64,
            1 => b.pos as i64,
            2 => b.buf.len() as i64,
            _ => return Err(errors::value_error(format!("invalid whence ({}, should be 0, 1 or 2)", whence))),
        };
        let p = base.saturating_add(pos).max(0);
        b.pos = p as usize;
        int(p)
    })
}

unsafe extern "C" fn bytesio_truncate(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = positional("truncate", args, 0, 1)?;
        let b = open_st(op)?;
        check_exports(b)?;
        let size = if is_none(a[0]) { b.pos as i64 } else { optional_size(a[0], 0)? };
        if size < 0 {
            return Err(errors::value_error(format!("negative size value {}", size)));
        }
        let b = open_st(op)?;
        if (size as u64) < b.buf.len() as u64 {
            b.buf.truncate(size as usize);
        }
        int(size)
    })
}

unsafe extern "C" fn bytesio_getstate(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let b = open_st(op)?;
        let v = bytes(&b.buf)?;
        let p = int(b.pos as i64)?;
        let d = match Some((*(op as *mut IoObject)).dict).filter(|d| !d.is_null()) {
            Some(d) => o::dictobject::copy(d)?,
            None => none(),
        };
        o::tupleobject::pack(&[v.as_ptr(), p.as_ptr(), d.as_ptr()])
    })
}

unsafe extern "C" fn bytesio_setstate(op: *mut PyObject, s: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !o::tupleobject::is_tuple(s) || o::tupleobject::as_slice(s).len() < 3 {
            return Err(errors::type_error(format!(
                "{}.__setstate__ argument should be 3-tuple, got {}",
                type_name(op),
                type_name(s)
            )));
        }
        let t = o::tupleobject::as_slice(s);
        let b = st(op)?;
        check_exports(b)?;
        b.buf = bytes_like(t[0])?;
        if !o::longobject::is_long(t[1]) {
            return Err(errors::type_error(format!("second item of state must be an integer, not {}", type_name(t[1]))));
        }
        let pos = index_i64(t[1])?;
        if pos < 0 {
            return Err(errors::value_error("position value cannot be negative"));
        }
        st(op)?.pos = pos as usize;
        if !is_none(t[2]) {
            if !o::dictobject::is_dict(t[2]) {
                return Err(errors::type_error(format!("third item of state should be a dict, got a {}", type_name(t[2]))));
            }
            let d = getattr(op, "__dict__")?;
            o::dictobject::merge(d.as_ptr(), t[2], true)?;
        }
        Ok(none())
    })
}

unsafe extern "C" fn bytesio_sizeof(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let extra = ok_or_clear(st(op)).map(|b| b.buf.capacity() + 1).unwrap_or(0);
        int((core::mem::size_of::<IoObject>() + extra) as i64)
    })
}

unsafe extern "C" fn bytesio_iter(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        open_st(op)?;
        Ok(Owned::from_borrowed(op))
    })
}

unsafe fn next_line(op: *mut PyObject) -> PyResult<Option<Owned>> {
    unsafe {
        let b = open_st(op)?;
        let n = line_len(b, -1);
        if n == 0 {
            return Ok(None);
        }
        Ok(Some(bytes(take(b, n as i64))?))
    }
}

unsafe extern "C" fn bytesio_iternext(op: *mut PyObject) -> *mut PyObject {
    unsafe {
        match next_line(op) {
            Ok(Some(l)) => l.into_raw(),
            _ => null_mut(),
        }
    }
}

unsafe extern "C" fn bytesio_next_m(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { next_line(op)?.ok_or_else(errors::stop_iteration) })
}

// ---------------------------------------------------------------- getbuffer

#[repr(C)]
pub struct BytesIOBufferObject {
    pub ob_base: PyObject,
    pub source: *mut PyObject,
}

static mut BYTESIOBUFFER_AS_BUFFER: PyBufferProcs =
    PyBufferProcs { bf_getbuffer: Some(bytesiobuf_getbuffer), bf_releasebuffer: Some(bytesiobuf_releasebuffer) };

pub static mut BYTESIOBUFFER_TYPE: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT,
    tp_dealloc: Some(bytesiobuf_dealloc),
    tp_as_buffer: &raw mut BYTESIOBUFFER_AS_BUFFER,
    ..PyTypeObject::new(c"_io._BytesIOBuffer", core::mem::size_of::<BytesIOBufferObject>(), 0)
};

unsafe extern "C" fn bytesiobuf_dealloc(op: *mut PyObject) {
    unsafe {
        clear(&mut (*(op as *mut BytesIOBufferObject)).source);
        o::typeobject::free_instance(op);
    }
}

unsafe extern "C" fn bytesiobuf_getbuffer(op: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> c_int {
    guard_unit(|| unsafe {
        let src = (*(op as *mut BytesIOBufferObject)).source;
        let b = st(src)?;
        let p = b.buf.as_mut_ptr();
        o::buffer::fill_info(view, op, p as *mut c_void, b.buf.len() as Py_ssize_t, false, flags)?;
        b.exports += 1;
        Ok(())
    })
}

unsafe extern "C" fn bytesiobuf_releasebuffer(op: *mut PyObject, _view: *mut Py_buffer) {
    unsafe {
        let src = (*(op as *mut BytesIOBufferObject)).source;
        if let Some(IoState::Bytes(b)) = state(src) {
            b.exports -= 1;
        }
    }
}

unsafe extern "C" fn bytesio_getbuffer(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        open_st(op)?;
        o::typeobject::ready(&raw mut BYTESIOBUFFER_TYPE)?;
        let holder = o::typeobject::generic_alloc(&raw mut BYTESIOBUFFER_TYPE, 0)?;
        (*(holder.as_ptr() as *mut BytesIOBufferObject)).source = new_ref(op);
        o::memoryobject::from_object(holder.as_ptr())
    })
}
