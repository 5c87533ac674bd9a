//! The abstract bases `_IOBase`, `_RawIOBase`, `_BufferedIOBase` and
//! `_TextIOBase` (CPython's `Modules/_io/iobase.c`, `bufferedio.c`'s and
//! `textio.c`'s base parts).
//!
//! Design note. The bases implement their methods on top of the abstract
//! ones through method calls (`readline` over `peek`/`read`, `_RawIOBase.read`
//! over `readinto`, `readinto` over `read`), so a subclass that supplies the
//! primitive gets the rest. "Closed" is whatever `self.closed` says; the
//! base's own `closed` reads the `iobase_closed` flag that `close()` sets.
use super::*;

pub static mut IOBASE_TYPE: PyTypeObject = PyTypeObject {
    tp_iter: Some(iobase_iter),
    tp_iternext: Some(iobase_iternext),
    tp_methods: &raw mut IOBASE_METHODS as *mut PyMethodDef,
    tp_getset: &raw mut IOBASE_GETSET as *mut PyGetSetDef,
    ..io_type(c"_io._IOBase")
};

pub static mut RAWIOBASE_TYPE: PyTypeObject = PyTypeObject {
    tp_base: &raw mut IOBASE_TYPE,
    tp_methods: &raw mut RAWIOBASE_METHODS as *mut PyMethodDef,
    ..io_type(c"_io._RawIOBase")
};

pub static mut BUFFEREDIOBASE_TYPE: PyTypeObject = PyTypeObject {
    tp_base: &raw mut IOBASE_TYPE,
    tp_methods: &raw mut BUFFEREDIOBASE_METHODS as *mut PyMethodDef,
    ..io_type(c"_io._BufferedIOBase")
};

pub static mut TEXTIOBASE_TYPE: PyTypeObject = PyTypeObject {
    tp_base: &raw mut IOBASE_TYPE,
    tp_methods: &raw mut TEXTIOBASE_METHODS as *mut PyMethodDef,
    tp_getset: &raw mut TEXTIOBASE_GETSET as *mut PyGetSetDef,
    ..io_type(c"_io._TextIOBase")
};

static mut IOBASE_METHODS: [PyMethodDef; 21] = [
    mdef!(c"seek", iobase_seek, METH_VARARGS),
    mdef!(c"tell", iobase_tell, METH_NOARGS),
    mdef!(c"truncate", iobase_truncate, METH_VARARGS),
    mdef!(c"flush", iobase_flush, METH_NOARGS),
    mdef!(c"close", iobase_close, METH_NOARGS),
    mdef!(c"seekable", iobase_false, METH_NOARGS),
    mdef!(c"readable", iobase_false, METH_NOARGS),
    mdef!(c"writable", iobase_false, METH_NOARGS),
    mdef!(c"_checkClosed", iobase_check_closed_m, METH_VARARGS),
    mdef!(c"_checkSeekable", iobase_check_seekable_m, METH_VARARGS),
    mdef!(c"_checkReadable", iobase_check_readable_m, METH_VARARGS),
    mdef!(c"_checkWritable", iobase_check_writable_m, METH_VARARGS),
    mdef!(c"fileno", iobase_fileno, METH_NOARGS),
    mdef!(c"isatty", iobase_isatty, METH_NOARGS),
    mdef!(c"__enter__", iobase_enter, METH_NOARGS),
    mdef!(c"__exit__", iobase_exit, METH_VARARGS),
    mdef!(c"readline", iobase_readline, METH_VARARGS | METH_KEYWORDS),
    mdef!(c"readlines", iobase_readlines, METH_VARARGS | METH_KEYWORDS),
    mdef!(c"writelines", iobase_writelines, METH_O),
    mdef!(c"__next__", iobase_next_m, METH_NOARGS),
    PyMethodDef::SENTINEL,
];

static mut IOBASE_GETSET: [PyGetSetDef; 3] = [
    DICT_GETSET,
    getset!(c"closed", iobase_closed_get),
    GETSET_END,
];

static mut RAWIOBASE_METHODS: [PyMethodDef; 5] = [
    mdef!(c"read", rawiobase_read, METH_VARARGS),
    mdef!(c"readall", rawiobase_readall, METH_NOARGS),
    mdef!(c"readinto", rawiobase_not_implemented, METH_VARARGS),
    mdef!(c"write", rawiobase_not_implemented, METH_VARARGS),
    PyMethodDef::SENTINEL,
];

static mut BUFFEREDIOBASE_METHODS: [PyMethodDef; 7] = [
    mdef!(c"detach", bufferediobase_detach, METH_NOARGS),
    mdef!(c"read", bufferediobase_read, METH_VARARGS),
    mdef!(c"read1", bufferediobase_read1, METH_VARARGS),
    mdef!(c"readinto", bufferediobase_readinto, METH_O),
    mdef!(c"readinto1", bufferediobase_readinto1, METH_O),
    mdef!(c"write", bufferediobase_write, METH_VARARGS),
    PyMethodDef::SENTINEL,
];

static mut TEXTIOBASE_METHODS: [PyMethodDef; 5] = [
    mdef!(c"detach", textiobase_detach, METH_NOARGS),
    mdef!(c"read", textiobase_read, METH_VARARGS),
    mdef!(c"readline", textiobase_readline, METH_VARARGS),
    mdef!(c"write", textiobase_write, METH_VARARGS),
    PyMethodDef::SENTINEL,
];

static mut TEXTIOBASE_GETSET: [PyGetSetDef; 4] = [
    getset!(c"encoding", textiobase_none_get),
    getset!(c"newlines", textiobase_none_get),
    getset!(c"errors", textiobase_none_get),
    GETSET_END,
];

// ---------------------------------------------------------------- helpers

/// Is `self.closed` true?
pub unsafe fn is_closed(op: *mut PyObject) -> PyResult<bool> {
    unsafe { truthy(getattr(op, "closed")?.as_ptr()) }
}

/// ValueError "I/O operation on closed file." when `self.closed`.
pub unsafe fn check_closed(op: *mut PyObject) -> PyResult<()> {
    unsafe {
        if is_closed(op)? {
            return Err(closed_error());
        }
        Ok(())
    }
}

unsafe fn check_capability(op: *mut PyObject, meth: &str, msg: &str) -> PyResult<()> {
    unsafe {
        let r = call_method0(op, meth)?;
        if r.as_ptr() != o::boolobject::true_ptr() {
            return Err(unsupported(msg));
        }
        Ok(())
    }
}

pub unsafe fn check_readable(op: *mut PyObject) -> PyResult<()> {
    unsafe { check_capability(op, "readable", "File or stream is not readable.") }
}
pub unsafe fn check_writable(op: *mut PyObject) -> PyResult<()> {
    unsafe { check_capability(op, "writable", "File or stream is not writable.") }
}
pub unsafe fn check_seekable(op: *mut PyObject) -> PyResult<()> {
    unsafe { check_capability(op, "seekable", "File or stream is not seekable.") }
}

// ---------------------------------------------------------------- _IOBase

unsafe extern "C" fn iobase_seek(_op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| Err(unsupported("seek")))
}

unsafe extern "C" fn iobase_tell(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let (z, one) = (int(0)?, int(1)?);
        call_method(op, "seek", &[z.as_ptr(), one.as_ptr()])
    })
}

unsafe extern "C" fn iobase_truncate(_op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| Err(unsupported("truncate")))
}

unsafe extern "C" fn iobase_flush(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if (*(op as *mut IoObject)).iobase_closed != 0 {
            return Err(closed_error());
        }
        Ok(none())
    })
}

unsafe extern "C" fn iobase_close(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if (*(op as *mut IoObject)).iobase_closed != 0 {
            return Ok(none());
        }
        let r = call_method0(op, "flush");
        (*(op as *mut IoObject)).iobase_closed = 1;
        r.map(|_| none())
    })
}

unsafe extern "C" fn iobase_closed_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { Ok(boolean((*(op as *mut IoObject)).iobase_closed != 0)) })
}

unsafe extern "C" fn iobase_false(_op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| Ok(boolean(false)))
}

unsafe extern "C" fn iobase_check_closed_m(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { check_closed(op).map(|_| none()) })
}
unsafe extern "C" fn iobase_check_seekable_m(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { check_seekable(op).map(|_| boolean(true)) })
}
unsafe extern "C" fn iobase_check_readable_m(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { check_readable(op).map(|_| boolean(true)) })
}
unsafe extern "C" fn iobase_check_writable_m(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { check_writable(op).map(|_| boolean(true)) })
}

unsafe extern "C" fn iobase_fileno(_op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| Err(unsupported("fileno")))
}

unsafe extern "C" fn iobase_isatty(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        check_closed(op)?;
        Ok(boolean(false))
    })
}

unsafe extern "C" fn iobase_enter(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        check_closed(op)?;
        Ok(Owned::from_borrowed(op))
    })
}

unsafe extern "C" fn iobase_exit(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { call_method0(op, "close") })
}

/// `_IOBase.readline(size=-1)`: `peek` (when there is one) to find the line
/// end quickly, else `read(1)` at a time.
pub unsafe fn readline_generic(op: *mut PyObject, limit: i64) -> PyResult<Owned> {
    unsafe {
        let peek = o::abstract_::lookup_attr(op, string("peek")?.as_ptr())?;
        let mut res: Vec<u8> = Vec::new();
        while limit < 0 || (res.len() as i64) < limit {
            let mut nreadahead = 1i64;
            if let Some(p) = &peek {
                let one = int(1)?;
                let ra = o::abstract_::call_function(p.as_ptr(), &[one.as_ptr()])?;
                if !o::bytesobject::is_bytes(ra.as_ptr()) {
                    return Err(errors::set_string(
                        o::exceptions::PyExc_OSError,
                        &format!("peek() should have returned a bytes object, not '{}'", type_name(ra.as_ptr())),
                    ));
                }
                let buf = o::bytesobject::as_slice(ra.as_ptr());
                if !buf.is_empty() {
                    let mut n = 0usize;
                    while n < buf.len() && (limit < 0 || (n as i64) < limit) {
                        n += 1;
                        if buf[n - 1] == b'\n' {
                            break;
                        }
                    }
                    nreadahead = n as i64;
                }
            }
            let n = int(nreadahead)?;
            let b = call_method(op, "read", &[n.as_ptr()])?;
            if !o::bytesobject::is_bytes(b.as_ptr()) {
                return Err(errors::set_string(
                    o::exceptions::PyExc_OSError,
                    &format!("read() should have returned a bytes object, not '{}'", type_name(b.as_ptr())),
                ));
            }
            let s = o::bytesobject::as_slice(b.as_ptr());
            if s.is_empty() {
                break;
            }
            res.extend_from_slice(s);
            if res.last() == Some(&b'\n') {
                break;
            }
        }
        bytes(&res)
    }
}

unsafe extern "C" fn iobase_readline(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = parse_args("readline", args, kw, &["size"], 0)?;
        let limit = optional_size(a[0], -1)?;
        readline_generic(op, limit)
    })
}

/// `readlines(hint=-1)` over iteration, for every `_io` type.
pub unsafe fn readlines_generic(op: *mut PyObject, hint: i64) -> PyResult<Owned> {
    unsafe {
        let result = o::listobject::new_list(0)?;
        let it = o::abstract_::get_iter(op)?;
        if hint <= 0 {
            while let Some(line) = o::abstract_::iter_next(it.as_ptr())? {
                o::listobject::append(result.as_ptr(), line.as_ptr())?;
            }
            return Ok(result);
        }
        let mut length = 0i64;
        while let Some(line) = o::abstract_::iter_next(it.as_ptr())? {
            o::listobject::append(result.as_ptr(), line.as_ptr())?;
            length += o::abstract_::length(line.as_ptr())? as i64;
            if length >= hint {
                break;
            }
        }
        Ok(result)
    }
}

unsafe extern "C" fn iobase_readlines(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = parse_args("readlines", args, kw, &["hint"], 0)?;
        let hint = optional_size(a[0], -1)?;
        readlines_generic(op, hint)
    })
}

unsafe extern "C" fn iobase_writelines(op: *mut PyObject, lines: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        check_closed(op)?;
        let it = o::abstract_::get_iter(lines)?;
        while let Some(line) = o::abstract_::iter_next(it.as_ptr())? {
            call_method(op, "write", &[line.as_ptr()])?;
        }
        Ok(none())
    })
}

unsafe extern "C" fn iobase_iter(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        check_closed(op)?;
        Ok(Owned::from_borrowed(op))
    })
}

unsafe fn iobase_next(op: *mut PyObject) -> PyResult<Option<Owned>> {
    unsafe {
        let line = call_method0(op, "readline")?;
        if o::abstract_::length(line.as_ptr())? == 0 {
            return Ok(None);
        }
        Ok(Some(line))
    }
}

unsafe extern "C" fn iobase_iternext(op: *mut PyObject) -> *mut PyObject {
    unsafe {
        match iobase_next(op) {
            Ok(Some(l)) => l.into_raw(),
            Ok(None) => null_mut(),
            Err(_) => null_mut(),
        }
    }
}

unsafe extern "C" fn iobase_next_m(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        match iobase_next(op)? {
            Some(l) => Ok(l),
            None => Err(errors::stop_iteration()),
        }
    })
}

// ---------------------------------------------------------------- _RawIOBase

unsafe extern "C" fn rawiobase_read(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = positional("read", args, 0, 1)?;
        let n = if a[0].is_null() { -1 } else { index_i64(a[0])? };
        if n < 0 {
            return call_method0(op, "readall");
        }
        let b = o::bytearrayobject::new_sized(n as isize)?;
        let r = call_method(op, "readinto", &[b.as_ptr()])?;
        if is_none(r.as_ptr()) {
            return Ok(r);
        }
        let got = index_i64(r.as_ptr())?;
        if got < 0 || got > n {
            return Err(errors::value_error(format!("readinto returned {} outside buffer size {}", got, n)));
        }
        bytes(&o::bytearrayobject::as_slice(b.as_ptr())[..got as usize])
    })
}

unsafe extern "C" fn rawiobase_not_implemented(_op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    // SAFETY: a static exception class.
    guard_obj(|| unsafe { Err(errors::set_none(o::exceptions::PyExc_NotImplementedError)) })
}

unsafe extern "C" fn rawiobase_readall(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let mut out: Vec<u8> = Vec::new();
        let size = int(DEFAULT_BUFFER_SIZE as i64)?;
        loop {
            let d = call_method(op, "read", &[size.as_ptr()])?;
            if is_none(d.as_ptr()) {
                if out.is_empty() {
                    return Ok(d);
                }
                break;
            }
            if !o::bytesobject::is_bytes(d.as_ptr()) {
                return Err(errors::type_error("read() should return bytes"));
            }
            let s = o::bytesobject::as_slice(d.as_ptr());
            if s.is_empty() {
                break;
            }
            out.extend_from_slice(s);
        }
        bytes(&out)
    })
}

// ---------------------------------------------------------------- _BufferedIOBase

unsafe extern "C" fn bufferediobase_detach(_op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| Err(unsupported("detach")))
}
unsafe extern "C" fn bufferediobase_read(_op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| Err(unsupported("read")))
}
unsafe extern "C" fn bufferediobase_read1(_op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| Err(unsupported("read1")))
}
unsafe extern "C" fn bufferediobase_write(_op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| Err(unsupported("write")))
}

unsafe fn readinto_via(op: *mut PyObject, b: *mut PyObject, meth: &str, what: &str) -> PyResult<Owned> {
    unsafe {
        let mut buf = WritableBuf::get(b, what)?;
        let n = int(buf.slice().len() as i64)?;
        let data = call_method(op, meth, &[n.as_ptr()])?;
        if !o::bytesobject::is_bytes(data.as_ptr()) {
            return Err(errors::type_error("read() should return bytes"));
        }
        let d = o::bytesobject::as_slice(data.as_ptr());
        let dst = buf.slice();
        if d.len() > dst.len() {
            return Err(errors::value_error(format!(
                "read() returned too much data: {} bytes requested, {} returned",
                dst.len(),
                d.len()
            )));
        }
        dst[..d.len()].copy_from_slice(d);
        int(d.len() as i64)
    }
}

unsafe extern "C" fn bufferediobase_readinto(op: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { readinto_via(op, b, "read", "readinto") })
}
unsafe extern "C" fn bufferediobase_readinto1(op: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { readinto_via(op, b, "read1", "readinto1") })
}

// ---------------------------------------------------------------- _TextIOBase

unsafe extern "C" fn textiobase_detach(_op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| Err(unsupported("detach")))
}
unsafe extern "C" fn textiobase_read(_op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| Err(unsupported("read")))
}
unsafe extern "C" fn textiobase_readline(_op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| Err(unsupported("readline")))
}
unsafe extern "C" fn textiobase_write(_op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| Err(unsupported("write")))
}
unsafe extern "C" fn textiobase_none_get(_op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| Ok(none()))
}
