//! `BufferedReader`, `BufferedWriter`, `BufferedRandom` and
//! `BufferedRWPair` (CPython's `Modules/_io/bufferedio.c`).
//!
//! Design note. One state serves the three single-stream classes; `kind`
//! decides which methods the type exposes. Invariant: at most one of the
//! two buffers holds data — unread bytes ahead of the logical position
//! (`rbuf[rpos..]`, the raw stream is past them) or bytes written but not yet
//! passed to the raw stream (`wbuf`, the raw stream is before them). Moving
//! from writing to reading flushes; from reading to writing seeks the raw
//! stream back over the unread bytes. The logical position is therefore
//! `raw.tell() - unread + pending`. The raw stream is used only through its
//! methods (`readinto`, `write`, `seek`, …), so any RawIOBase works.
//! `BufferedRWPair` holds a reader and a writer over two raw streams.
use super::*;
use crate::runtime::ffi::guard_unit;
use libc::c_int;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Reader,
    Writer,
    Random,
    Pair,
}

pub struct BufState {
    pub kind: Kind,
    pub raw: Option<Owned>,
    pub detached: bool,
    pub buffer_size: usize,
    pub rbuf: Vec<u8>,
    pub rpos: usize,
    pub wbuf: Vec<u8>,
    pub finalizing: bool,
    /// BufferedRWPair: (reader, writer).
    pub pair: Option<(Owned, Owned)>,
    /// CPython's buffer lock: held by a method while it calls out.
    pub busy: bool,
}

/// The held lock; released on drop. The state it points to is never freed
/// while the object lives (`set_state` retires replaced states).
struct Busy(*mut BufState);

impl Drop for Busy {
    fn drop(&mut self) {
        // SAFETY: see the type's comment.
        unsafe { (*self.0).busy = false };
    }
}

/// Take the lock: RuntimeError "reentrant call inside <repr>" when a method
/// of this object is already running further up the stack.
unsafe fn enter<'a>(op: *mut PyObject) -> PyResult<(Busy, &'a mut BufState)> {
    unsafe {
        let b = st(op)?;
        if b.busy {
            let r = o::abstract_::repr(op).map(|r| o::unicodeobject::to_string_lossy(r.as_ptr()));
            let r = ok_or_clear(r).unwrap_or_default();
            return Err(errors::runtime_error(format!("reentrant call inside {}", r)));
        }
        b.busy = true;
        let p = b as *mut BufState;
        Ok((Busy(p), &mut *p))
    }
}

impl BufState {
    fn unread(&self) -> usize {
        self.rbuf.len() - self.rpos
    }
}

macro_rules! buffered_type {
    ($name:ident, $cname:literal, $methods:ident) => {
        pub static mut $name: PyTypeObject = PyTypeObject {
            tp_base: &raw mut super::iobase::BUFFEREDIOBASE_TYPE,
            tp_init: Some(buffered_init),
            tp_repr: Some(buffered_repr),
            tp_iter: Some(buffered_iter),
            tp_iternext: Some(buffered_iternext),
            tp_methods: &raw mut $methods as *mut PyMethodDef,
            tp_members: &raw mut BUFFERED_MEMBERS as *mut PyMemberDef,
            tp_getset: &raw mut BUFFERED_GETSET as *mut PyGetSetDef,
            ..io_type($cname)
        };
    };
}

buffered_type!(BUFFEREDREADER_TYPE, c"_io.BufferedReader", READER_METHODS);
buffered_type!(BUFFEREDWRITER_TYPE, c"_io.BufferedWriter", WRITER_METHODS);
buffered_type!(BUFFEREDRANDOM_TYPE, c"_io.BufferedRandom", RANDOM_METHODS);

pub static mut BUFFEREDRWPAIR_TYPE: PyTypeObject = PyTypeObject {
    tp_base: &raw mut super::iobase::BUFFEREDIOBASE_TYPE,
    tp_init: Some(rwpair_init),
    tp_methods: &raw mut RWPAIR_METHODS as *mut PyMethodDef,
    tp_getset: &raw mut RWPAIR_GETSET as *mut PyGetSetDef,
    ..io_type(c"_io.BufferedRWPair")
};

static mut READER_METHODS: [PyMethodDef; 20] = [
    mdef!(c"detach", buffered_detach, METH_NOARGS),
    mdef!(c"flush", buffered_simple_flush, METH_NOARGS),
    mdef!(c"close", buffered_close, METH_NOARGS),
    mdef!(c"seekable", buffered_seekable, METH_NOARGS),
    mdef!(c"readable", buffered_readable, METH_NOARGS),
    mdef!(c"fileno", buffered_fileno, METH_NOARGS),
    mdef!(c"isatty", buffered_isatty, METH_NOARGS),
    mdef!(c"_dealloc_warn", buffered_dealloc_warn, METH_O),
    mdef!(c"read", buffered_read, METH_VARARGS),
    mdef!(c"peek", buffered_peek, METH_VARARGS),
    mdef!(c"read1", buffered_read1, METH_VARARGS),
    mdef!(c"readinto", buffered_readinto, METH_O),
    mdef!(c"readinto1", buffered_readinto1, METH_O),
    mdef!(c"readline", buffered_readline, METH_VARARGS),
    mdef!(c"seek", buffered_seek, METH_VARARGS),
    mdef!(c"tell", buffered_tell, METH_NOARGS),
    mdef!(c"truncate", buffered_truncate, METH_VARARGS),
    mdef!(c"__sizeof__", buffered_sizeof, METH_NOARGS),
    mdef!(c"__next__", buffered_next_m, METH_NOARGS),
    PyMethodDef::SENTINEL,
];

static mut WRITER_METHODS: [PyMethodDef; 14] = [
    mdef!(c"close", buffered_close, METH_NOARGS),
    mdef!(c"detach", buffered_detach, METH_NOARGS),
    mdef!(c"seekable", buffered_seekable, METH_NOARGS),
    mdef!(c"writable", buffered_writable, METH_NOARGS),
    mdef!(c"fileno", buffered_fileno, METH_NOARGS),
    mdef!(c"isatty", buffered_isatty, METH_NOARGS),
    mdef!(c"_dealloc_warn", buffered_dealloc_warn, METH_O),
    mdef!(c"write", buffered_write, METH_O),
    mdef!(c"truncate", buffered_truncate, METH_VARARGS),
    mdef!(c"flush", buffered_flush, METH_NOARGS),
    mdef!(c"seek", buffered_seek, METH_VARARGS),
    mdef!(c"tell", buffered_tell, METH_NOARGS),
    mdef!(c"__sizeof__", buffered_sizeof, METH_NOARGS),
    PyMethodDef::SENTINEL,
];

static mut RANDOM_METHODS: [PyMethodDef; 22] = [
    mdef!(c"close", buffered_close, METH_NOARGS),
    mdef!(c"detach", buffered_detach, METH_NOARGS),
    mdef!(c"seekable", buffered_seekable, METH_NOARGS),
    mdef!(c"readable", buffered_readable, METH_NOARGS),
    mdef!(c"writable", buffered_writable, METH_NOARGS),
    mdef!(c"fileno", buffered_fileno, METH_NOARGS),
    mdef!(c"isatty", buffered_isatty, METH_NOARGS),
    mdef!(c"_dealloc_warn", buffered_dealloc_warn, METH_O),
    mdef!(c"flush", buffered_flush, METH_NOARGS),
    mdef!(c"seek", buffered_seek, METH_VARARGS),
    mdef!(c"tell", buffered_tell, METH_NOARGS),
    mdef!(c"truncate", buffered_truncate, METH_VARARGS),
    mdef!(c"read", buffered_read, METH_VARARGS),
    mdef!(c"read1", buffered_read1, METH_VARARGS),
    mdef!(c"readinto", buffered_readinto, METH_O),
    mdef!(c"readinto1", buffered_readinto1, METH_O),
    mdef!(c"readline", buffered_readline, METH_VARARGS),
    mdef!(c"peek", buffered_peek, METH_VARARGS),
    mdef!(c"write", buffered_write, METH_O),
    mdef!(c"__sizeof__", buffered_sizeof, METH_NOARGS),
    mdef!(c"__next__", buffered_next_m, METH_NOARGS),
    PyMethodDef::SENTINEL,
];

static mut BUFFERED_MEMBERS: [PyMemberDef; 1] = [PyMemberDef::SENTINEL];

static mut BUFFERED_GETSET: [PyGetSetDef; 6] = [
    getset!(c"raw", buffered_raw_get),
    getset!(c"closed", buffered_closed_get),
    getset!(c"name", buffered_name_get),
    getset!(c"mode", buffered_mode_get),
    getset!(c"_finalizing", buffered_finalizing_get),
    GETSET_END,
];

// ---------------------------------------------------------------- state

unsafe fn st<'a>(op: *mut PyObject) -> PyResult<&'a mut BufState> {
    unsafe {
        match state(op) {
            Some(IoState::Buffered(b)) => {
                if b.detached {
                    return Err(errors::value_error("raw stream has been detached"));
                }
                Ok(b)
            }
            _ => Err(uninitialized()),
        }
    }
}

unsafe fn raw_of(b: &BufState) -> PyResult<*mut PyObject> {
    match &b.raw {
        Some(r) => Ok(r.as_ptr()),
        None => Err(errors::value_error("raw stream has been detached")),
    }
}

unsafe fn raw_closed(b: &BufState) -> PyResult<bool> {
    unsafe { truthy(getattr(raw_of(b)?, "closed")?.as_ptr()) }
}

/// CPython's CHECK_CLOSED: closed and nothing left to read.
unsafe fn check_closed(b: &BufState, msg: &str) -> PyResult<()> {
    unsafe {
        if raw_closed(b)? && b.unread() == 0 {
            return Err(errors::value_error(msg));
        }
        Ok(())
    }
}

pub unsafe fn new_buffered(kind: Kind, raw: *mut PyObject, buffer_size: i64) -> PyResult<Owned> {
    unsafe {
        let tp = match kind {
            Kind::Reader => &raw mut BUFFEREDREADER_TYPE,
            Kind::Writer => &raw mut BUFFEREDWRITER_TYPE,
            _ => &raw mut BUFFEREDRANDOM_TYPE,
        };
        let b = o::typeobject::alloc_instance(tp, 0)?;
        init(b.as_ptr(), kind, raw, buffer_size)?;
        Ok(b)
    }
}

unsafe fn kind_of(op: *mut PyObject) -> Kind {
    unsafe {
        if o::typeobject::type_check(op, &raw mut BUFFEREDRANDOM_TYPE) {
            Kind::Random
        } else if o::typeobject::type_check(op, &raw mut BUFFEREDWRITER_TYPE) {
            Kind::Writer
        } else {
            Kind::Reader
        }
    }
}

unsafe fn init(op: *mut PyObject, kind: Kind, raw: *mut PyObject, buffer_size: i64) -> PyResult<()> {
    unsafe {
        if kind != Kind::Writer {
            call_method0(raw, "_checkReadable")?;
        }
        if kind != Kind::Reader {
            call_method0(raw, "_checkWritable")?;
        }
        if kind == Kind::Random {
            call_method0(raw, "_checkSeekable")?;
        }
        if buffer_size <= 0 {
            return Err(errors::value_error("buffer size must be strictly positive"));
        }
        set_state(
            op,
            IoState::Buffered(BufState {
                kind,
                raw: Some(Owned::from_borrowed(raw)),
                detached: false,
                buffer_size: buffer_size as usize,
                rbuf: Vec::new(),
                rpos: 0,
                wbuf: Vec::new(),
                finalizing: false,
                pair: None,
                busy: false,
            }),
        );
        Ok(())
    }
}

unsafe extern "C" fn buffered_init(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        let kind = kind_of(op);
        let fname = match kind {
            Kind::Reader => "BufferedReader",
            Kind::Writer => "BufferedWriter",
            _ => "BufferedRandom",
        };
        let a = parse_args(fname, args, kw, &["raw", "buffer_size"], 1)?;
        let size = int_arg(a[1], DEFAULT_BUFFER_SIZE as i64)?;
        init(op, kind, a[0], size)
    })
}

// ---------------------------------------------------------------- raw helpers

/// One `raw.readinto` of up to `n` bytes: Some(bytes) (empty at EOF), None when it would block.
unsafe fn raw_read(b: &BufState, n: usize) -> PyResult<Option<Vec<u8>>> {
    unsafe {
        let raw = raw_of(b)?;
        let ba = o::bytearrayobject::new_sized(n as isize)?;
        let r = loop {
            match call_method(raw, "readinto", &[ba.as_ptr()]) {
                Ok(r) => break r,
                Err(e) => {
                    if errors::exception_matches(o::exceptions::PyExc_InterruptedError) {
                        errors::clear();
                        continue;
                    }
                    return Err(e);
                }
            }
        };
        if is_none(r.as_ptr()) {
            return Ok(None);
        }
        if !o::longobject::is_long(r.as_ptr()) {
            return Err(errors::type_error(format!(
                "readinto() should return an int, not {}",
                type_name(r.as_ptr())
            )));
        }
        let got = index_i64(r.as_ptr())?;
        if got < 0 || got as usize > n {
            return Err(errors::set_string(
                o::exceptions::PyExc_OSError,
                &format!("raw readinto() returned invalid length {} (should have been between 0 and {})", got, n),
            ));
        }
        Ok(Some(o::bytearrayobject::as_slice(ba.as_ptr())[..got as usize].to_vec()))
    }
}

/// Write the pending bytes to the raw stream.
unsafe fn flush_unlocked(b: &mut BufState) -> PyResult<()> {
    unsafe {
        let raw = raw_of(b)?;
        while !b.wbuf.is_empty() {
            let chunk = bytes(&b.wbuf)?;
            let mv = o::memoryobject::from_object(chunk.as_ptr())?;
            let r = match call_method(raw, "write", &[mv.as_ptr()]) {
                Ok(r) => r,
                Err(e) => {
                    if errors::exception_matches(o::exceptions::PyExc_InterruptedError) {
                        errors::clear();
                        continue;
                    }
                    return Err(e);
                }
            };
            if is_none(r.as_ptr()) {
                return Err(errors::set_string(
                    o::exceptions::PyExc_BlockingIOError,
                    "write could not complete without blocking",
                ));
            }
            let n = index_i64(r.as_ptr())?;
            if n < 0 || n as usize > b.wbuf.len() {
                return Err(errors::set_string(
                    o::exceptions::PyExc_OSError,
                    &format!("raw write() returned invalid length {} (should have been between 0 and {})", n, b.wbuf.len()),
                ));
            }
            b.wbuf.drain(..n as usize);
        }
        Ok(())
    }
}

/// Drop unread bytes, moving the raw stream back over them.
unsafe fn rewind_read(b: &mut BufState) -> PyResult<()> {
    unsafe {
        let n = b.unread();
        if n > 0 {
            let raw = raw_of(b)?;
            let (off, one) = (int(-(n as i64))?, int(1)?);
            call_method(raw, "seek", &[off.as_ptr(), one.as_ptr()])?;
        }
        b.rbuf.clear();
        b.rpos = 0;
        Ok(())
    }
}

/// Before reading: pending writes go out.
unsafe fn prepare_read(b: &mut BufState) -> PyResult<()> {
    unsafe {
        if !b.wbuf.is_empty() {
            flush_unlocked(b)?;
        }
        Ok(())
    }
}

/// Take up to `n` buffered bytes.
fn take_buffered(b: &mut BufState, n: usize) -> Vec<u8> {
    let k = n.min(b.unread());
    let v = b.rbuf[b.rpos..b.rpos + k].to_vec();
    b.rpos += k;
    if b.rpos == b.rbuf.len() {
        b.rbuf.clear();
        b.rpos = 0;
    }
    v
}

/// Refill the read buffer with one raw read; Ok(None) would block.
unsafe fn fill_buffer(b: &mut BufState) -> PyResult<Option<usize>> {
    unsafe {
        let size = b.buffer_size;
        match raw_read(b, size)? {
            None => Ok(None),
            Some(d) => {
                let n = d.len();
                b.rbuf.drain(..b.rpos);
                b.rpos = 0;
                b.rbuf.extend_from_slice(&d);
                Ok(Some(n))
            }
        }
    }
}

unsafe fn read_all(b: &mut BufState) -> PyResult<Owned> {
    unsafe {
        let mut data = take_buffered(b, usize::MAX);
        let raw = raw_of(b)?;
        if o::abstract_::lookup_attr(raw, string("readall")?.as_ptr())?.is_some() {
            let r = call_method0(raw, "readall")?;
            if is_none(r.as_ptr()) {
                if data.is_empty() {
                    return Ok(r);
                }
                return bytes(&data);
            }
            if !o::bytesobject::is_bytes(r.as_ptr()) {
                return Err(errors::type_error("readall() should return bytes"));
            }
            data.extend_from_slice(o::bytesobject::as_slice(r.as_ptr()));
            return bytes(&data);
        }
        loop {
            let r = call_method0(raw, "read")?;
            if is_none(r.as_ptr()) {
                if data.is_empty() {
                    return Ok(r);
                }
                break;
            }
            if !o::bytesobject::is_bytes(r.as_ptr()) {
                return Err(errors::type_error("read() should return bytes"));
            }
            let s = o::bytesobject::as_slice(r.as_ptr());
            if s.is_empty() {
                break;
            }
            data.extend_from_slice(s);
        }
        bytes(&data)
    }
}

/// Read up to `n` bytes, looping on the raw stream until `n` or EOF.
unsafe fn read_n(b: &mut BufState, n: usize) -> PyResult<Option<Vec<u8>>> {
    unsafe {
        let mut out = take_buffered(b, n);
        while out.len() < n {
            let want = n - out.len();
            if want >= b.buffer_size {
                // Large reads go straight to the raw stream in whole buffers.
                let chunk = want - want % b.buffer_size;
                match raw_read(b, chunk)? {
                    None => return Ok(if out.is_empty() { None } else { Some(out) }),
                    Some(d) if d.is_empty() => break,
                    Some(d) => out.extend_from_slice(&d),
                }
            } else {
                match fill_buffer(b)? {
                    None => return Ok(if out.is_empty() { None } else { Some(out) }),
                    Some(0) => break,
                    Some(_) => {
                        let more = take_buffered(b, want);
                        out.extend_from_slice(&more);
                    }
                }
            }
        }
        Ok(Some(out))
    }
}

// ---------------------------------------------------------------- methods

unsafe extern "C" fn buffered_read(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = positional("read", args, 0, 1)?;
        let n = optional_size(a[0], -1)?;
        if n < -1 {
            return Err(errors::value_error("read length must be non-negative or -1"));
        }
        let (_busy, b) = enter(op)?;
        check_closed(b, "read of closed file")?;
        prepare_read(b)?;
        if n == -1 {
            return read_all(b);
        }
        match read_n(b, n as usize)? {
            None => Ok(none()),
            Some(d) => bytes(&d),
        }
    })
}

unsafe extern "C" fn buffered_read1(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = positional("read1", args, 0, 1)?;
        let (_busy, b) = enter(op)?;
        let mut n = optional_size(a[0], -1)?;
        if n < 0 {
            n = b.buffer_size as i64;
        }
        check_closed(b, "read of closed file")?;
        if n == 0 {
            return bytes(b"");
        }
        prepare_read(b)?;
        if b.unread() > 0 {
            return bytes(&take_buffered(b, n as usize));
        }
        match raw_read(b, n as usize)? {
            None => bytes(b""),
            Some(d) => bytes(&d),
        }
    })
}

unsafe extern "C" fn buffered_peek(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        positional("peek", args, 0, 1)?;
        let (_busy, b) = enter(op)?;
        check_closed(b, "peek of closed file")?;
        prepare_read(b)?;
        if b.unread() == 0 {
            fill_buffer(b)?;
        }
        bytes(&b.rbuf[b.rpos..])
    })
}

unsafe fn readinto_impl(op: *mut PyObject, v: *mut PyObject, one: bool) -> PyResult<Owned> {
    unsafe {
        let (_busy, b) = enter(op)?;
        check_closed(b, "readinto of closed file")?;
        let mut w = WritableBuf::get(v, if one { "readinto1" } else { "readinto" })?;
        let dst = w.slice();
        prepare_read(b)?;
        let data = if one {
            if b.unread() > 0 {
                take_buffered(b, dst.len())
            } else if dst.is_empty() {
                Vec::new()
            } else {
                raw_read(b, dst.len())?.unwrap_or_default()
            }
        } else {
            match read_n(b, dst.len())? {
                None => return Ok(none()),
                Some(d) => d,
            }
        };
        dst[..data.len()].copy_from_slice(&data);
        int(data.len() as i64)
    }
}

unsafe extern "C" fn buffered_readinto(op: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { readinto_impl(op, v, false) })
}

unsafe extern "C" fn buffered_readinto1(op: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { readinto_impl(op, v, true) })
}

unsafe fn readline_impl(b: &mut BufState, limit: i64) -> PyResult<Owned> {
    unsafe {
        check_closed(b, "readline of closed file")?;
        prepare_read(b)?;
        let mut out: Vec<u8> = Vec::new();
        loop {
            let avail = &b.rbuf[b.rpos..];
            let room = if limit < 0 { usize::MAX } else { limit as usize - out.len() };
            let scan = avail.len().min(room);
            if let Some(i) = avail[..scan].iter().position(|&c| c == b'\n') {
                out.extend_from_slice(&take_buffered(b, i + 1));
                break;
            }
            out.extend_from_slice(&take_buffered(b, scan));
            if limit >= 0 && out.len() >= limit as usize {
                break;
            }
            match fill_buffer(b)? {
                None | Some(0) => break,
                Some(_) => {}
            }
        }
        bytes(&out)
    }
}

unsafe extern "C" fn buffered_readline(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = positional("readline", args, 0, 1)?;
        let limit = optional_size(a[0], -1)?;
        let (_busy, b) = enter(op)?;
        readline_impl(b, limit)
    })
}

unsafe extern "C" fn buffered_write(op: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let (_busy, b) = enter(op)?;
        if raw_closed(b)? {
            return Err(errors::value_error("write to closed file"));
        }
        let data = bytes_like(v)?;
        if b.unread() > 0 {
            rewind_read(b)?;
        } else {
            b.rbuf.clear();
            b.rpos = 0;
        }
        if b.wbuf.len() + data.len() > b.buffer_size {
            flush_unlocked(b)?;
            if data.len() > b.buffer_size {
                b.wbuf.extend_from_slice(&data);
                flush_unlocked(b)?;
                return int(data.len() as i64);
            }
        }
        b.wbuf.extend_from_slice(&data);
        int(data.len() as i64)
    })
}

unsafe extern "C" fn buffered_flush(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let (_busy, b) = enter(op)?;
        if raw_closed(b)? {
            return Err(errors::value_error("flush of closed file"));
        }
        flush_unlocked(b)?;
        if b.kind == Kind::Random && b.unread() > 0 {
            rewind_read(b)?;
        }
        call_method0(raw_of(b)?, "flush")
    })
}

unsafe extern "C" fn buffered_simple_flush(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let b = st(op)?;
        call_method0(raw_of(b)?, "flush")
    })
}

unsafe fn tell_impl(b: &mut BufState) -> PyResult<i64> {
    unsafe {
        let r = call_method0(raw_of(b)?, "tell")?;
        let p = index_i64(r.as_ptr())?;
        if p < 0 {
            return Err(errors::set_string(
                o::exceptions::PyExc_OSError,
                &format!("Raw stream returned invalid position {}", p),
            ));
        }
        Ok((p - b.unread() as i64 + b.wbuf.len() as i64).max(0))
    }
}

unsafe extern "C" fn buffered_tell(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let (_busy, b) = enter(op)?;
        int(tell_impl(b)?)
    })
}

unsafe extern "C" fn buffered_seek(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = positional("seek", args, 1, 2)?;
        let whence = int_arg(a[1], 0)?;
        if !(0..=4).contains(&whence) {
            return Err(errors::value_error(format!("whence value {} unsupported", whence)));
        }
        let (_busy, b) = enter(op)?;
        check_closed(b, "seek of closed file")?;
        call_method0(raw_of(b)?, "_checkSeekable")?;
        let target = index_i64(o::abstract_number::index(a[0])?.as_ptr())?;
        flush_unlocked(b)?;
        let adj = if whence == 1 { target - b.unread() as i64 } else { target };
        b.rbuf.clear();
        b.rpos = 0;
        let (t, w) = (int(adj)?, int(whence)?);
        let r = call_method(raw_of(b)?, "seek", &[t.as_ptr(), w.as_ptr()])?;
        let p = index_i64(r.as_ptr())?;
        if p < 0 {
            return Err(errors::set_string(
                o::exceptions::PyExc_OSError,
                &format!("Raw stream returned invalid position {}", p),
            ));
        }
        int(p)
    })
}

unsafe extern "C" fn buffered_truncate(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = positional("truncate", args, 0, 1)?;
        let (_busy, b) = enter(op)?;
        check_closed(b, "truncate of closed file")?;
        if b.kind == Kind::Reader {
            return Err(unsupported("truncate"));
        }
        flush_unlocked(b)?;
        let pos = if is_none(a[0]) { int(tell_impl(b)?)? } else { Owned::from_borrowed(a[0]) };
        if b.unread() > 0 {
            rewind_read(b)?;
        }
        call_method(raw_of(b)?, "truncate", &[pos.as_ptr()])
    })
}

unsafe extern "C" fn buffered_close(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let b = st(op)?;
        if raw_closed(b)? {
            return Ok(none());
        }
        let fin = b.finalizing;
        if fin {
            let _ = call_method(raw_of(b)?, "_dealloc_warn", &[op]);
            errors::clear();
        }
        let r = call_method0(op, "flush");
        let saved = if r.is_err() { Some(errors::fetch()) } else { None };
        let b = st(op)?;
        let r2 = call_method0(raw_of(b)?, "close");
        b.rbuf = Vec::new();
        b.rpos = 0;
        if let Some((t, v, tb)) = saved {
            if r2.is_err() {
                // Chain: the close error's context is the flush error.
                let (t2, v2, tb2) = errors::fetch();
                errors::restore(t, v, tb);
                let first = errors::fetch_instance();
                errors::restore(t2, v2, tb2);
                let second = errors::fetch_instance();
                if let (Some(f), Some(s)) = (first, second) {
                    o::exceptions::set_context_raw(s.as_ptr(), f.into_raw());
                    return Err(errors::restore_instance(s));
                }
                return Err(errors::Raised::assume());
            }
            errors::restore(t, v, tb);
            return Err(errors::Raised::assume());
        }
        r2.map(|_| none())
    })
}

unsafe extern "C" fn buffered_detach(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        call_method0(op, "flush")?;
        let b = st(op)?;
        let raw = b.raw.take();
        b.detached = true;
        Ok(raw.unwrap_or_else(none))
    })
}

unsafe fn forward(op: *mut PyObject, meth: &str) -> PyResult<Owned> {
    unsafe { call_method0(raw_of(st(op)?)?, meth) }
}

unsafe extern "C" fn buffered_seekable(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { forward(op, "seekable") })
}
unsafe extern "C" fn buffered_readable(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { forward(op, "readable") })
}
unsafe extern "C" fn buffered_writable(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { forward(op, "writable") })
}
unsafe extern "C" fn buffered_fileno(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { forward(op, "fileno") })
}
unsafe extern "C" fn buffered_isatty(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { forward(op, "isatty") })
}

unsafe extern "C" fn buffered_dealloc_warn(op: *mut PyObject, source: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if let Some(b) = ok_or_clear(st(op)) {
            if let Some(r) = &b.raw {
                if call_method(r.as_ptr(), "_dealloc_warn", &[source]).is_err() {
                    errors::clear();
                }
            }
        }
        Ok(none())
    })
}

unsafe extern "C" fn buffered_sizeof(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let n = ok_or_clear(st(op)).map(|b| b.buffer_size).unwrap_or(0);
        int((core::mem::size_of::<IoObject>() + n) as i64)
    })
}

unsafe extern "C" fn buffered_raw_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe {
        let b = st(op)?;
        Ok(Owned::from_borrowed(raw_of(b)?))
    })
}

unsafe extern "C" fn buffered_closed_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { getattr(raw_of(st(op)?)?, "closed") })
}

unsafe extern "C" fn buffered_name_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { getattr(raw_of(st(op)?)?, "name") })
}

unsafe extern "C" fn buffered_mode_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { getattr(raw_of(st(op)?)?, "mode") })
}

unsafe extern "C" fn buffered_finalizing_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { Ok(boolean(st(op)?.finalizing)) })
}

unsafe extern "C" fn buffered_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let tn = o::typeobject::type_name_full((*op).ob_type);
        let name = match o::abstract_::lookup_attr(op, string("name")?.as_ptr()) {
            Ok(n) => n,
            Err(e) => {
                if errors::exception_matches(o::exceptions::PyExc_ValueError) {
                    errors::clear();
                    None
                } else {
                    return Err(e);
                }
            }
        };
        match name {
            None => string(&format!("<{}>", tn)),
            Some(n) => {
                if o::abstract_::repr_enter(op) {
                    return Err(errors::runtime_error(format!("reentrant call inside {}.__repr__", tn)));
                }
                let r = o::abstract_::repr_string_checked(n.as_ptr());
                o::abstract_::repr_leave(op);
                string(&format!("<{} name={}>", tn, r?))
            }
        }
    })
}

unsafe extern "C" fn buffered_iter(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        super::iobase::check_closed(op)?;
        Ok(Owned::from_borrowed(op))
    })
}

unsafe fn next_line(op: *mut PyObject) -> PyResult<Option<Owned>> {
    unsafe {
        let exact = matches!((*op).ob_type, t if t == &raw mut BUFFEREDREADER_TYPE || t == &raw mut BUFFEREDRANDOM_TYPE);
        let line = if exact {
            let (_busy, b) = enter(op)?;
            readline_impl(b, -1)?
        } else { call_method0(op, "readline")? };
        if o::abstract_::length(line.as_ptr())? == 0 {
            return Ok(None);
        }
        Ok(Some(line))
    }
}

unsafe extern "C" fn buffered_iternext(op: *mut PyObject) -> *mut PyObject {
    unsafe {
        match next_line(op) {
            Ok(Some(l)) => l.into_raw(),
            _ => null_mut(),
        }
    }
}

unsafe extern "C" fn buffered_next_m(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { next_line(op)?.ok_or_else(errors::stop_iteration) })
}

// ---------------------------------------------------------------- BufferedRWPair

static mut RWPAIR_METHODS: [PyMethodDef; 15] = [
    mdef!(c"read", rwpair_read, METH_VARARGS),
    mdef!(c"peek", rwpair_peek, METH_VARARGS),
    mdef!(c"read1", rwpair_read1, METH_VARARGS),
    mdef!(c"readinto", rwpair_readinto, METH_VARARGS),
    mdef!(c"readinto1", rwpair_readinto1, METH_VARARGS),
    mdef!(c"write", rwpair_write, METH_VARARGS),
    mdef!(c"flush", rwpair_flush, METH_VARARGS),
    mdef!(c"readable", rwpair_readable, METH_VARARGS),
    mdef!(c"writable", rwpair_writable, METH_VARARGS),
    mdef!(c"close", rwpair_close, METH_NOARGS),
    mdef!(c"isatty", rwpair_isatty, METH_NOARGS),
    mdef!(c"detach", rwpair_detach, METH_NOARGS),
    mdef!(c"readline", rwpair_readline, METH_VARARGS),
    mdef!(c"readlines", rwpair_readlines, METH_VARARGS),
    PyMethodDef::SENTINEL,
];

static mut RWPAIR_GETSET: [PyGetSetDef; 2] = [getset!(c"closed", rwpair_closed_get), GETSET_END];

unsafe fn pair<'a>(op: *mut PyObject) -> PyResult<(&'a Owned, &'a Owned)> {
    unsafe {
        match state(op) {
            Some(IoState::Buffered(BufState { pair: Some((r, w)), .. })) => Ok((r, w)),
            _ => Err(errors::value_error("I/O operation on uninitialized object")),
        }
    }
}

unsafe extern "C" fn rwpair_init(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        if !kw.is_null() && o::dictobject::len(kw) > 0 {
            return Err(errors::type_error("BufferedRWPair() takes no keyword arguments"));
        }
        let a = positional("BufferedRWPair", args, 2, 3)?;
        let size = int_arg(a[2], DEFAULT_BUFFER_SIZE as i64)?;
        call_method0(a[0], "_checkReadable")?;
        call_method0(a[1], "_checkWritable")?;
        let r = new_buffered(Kind::Reader, a[0], size)?;
        let w = new_buffered(Kind::Writer, a[1], size)?;
        set_state(
            op,
            IoState::Buffered(BufState {
                kind: Kind::Pair,
                raw: None,
                detached: false,
                buffer_size: size as usize,
                rbuf: Vec::new(),
                rpos: 0,
                wbuf: Vec::new(),
                finalizing: false,
                pair: Some((r, w)),
                busy: false,
            }),
        );
        Ok(())
    })
}

unsafe fn forward_args(target: *mut PyObject, meth: &str, args: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let f = getattr(target, meth)?;
        o::abstract_::call(f.as_ptr(), if args.is_null() { o::tupleobject::new_empty()?.into_raw() } else { args }, null_mut())
    }
}

macro_rules! rwpair_forward {
    ($fname:ident, $meth:literal, $side:tt) => {
        unsafe extern "C" fn $fname(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
            guard_obj(|| unsafe {
                let p = pair(op)?;
                forward_args(p.$side.as_ptr(), $meth, args)
            })
        }
    };
}

rwpair_forward!(rwpair_read, "read", 0);
rwpair_forward!(rwpair_peek, "peek", 0);
rwpair_forward!(rwpair_read1, "read1", 0);
rwpair_forward!(rwpair_readinto, "readinto", 0);
rwpair_forward!(rwpair_readinto1, "readinto1", 0);
rwpair_forward!(rwpair_readline, "readline", 0);
rwpair_forward!(rwpair_readlines, "readlines", 0);
rwpair_forward!(rwpair_readable, "readable", 0);
rwpair_forward!(rwpair_write, "write", 1);
rwpair_forward!(rwpair_flush, "flush", 1);
rwpair_forward!(rwpair_writable, "writable", 1);

unsafe extern "C" fn rwpair_close(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let (r, w) = pair(op)?;
        let e1 = call_method0(w.as_ptr(), "close");
        let saved = if e1.is_err() { Some(errors::fetch()) } else { None };
        let e2 = call_method0(r.as_ptr(), "close");
        if let Some((t, v, tb)) = saved {
            if e2.is_err() {
                errors::clear();
            }
            errors::restore(t, v, tb);
            return Err(errors::Raised::assume());
        }
        e2
    })
}

unsafe extern "C" fn rwpair_isatty(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let (r, w) = pair(op)?;
        let a = call_method0(w.as_ptr(), "isatty")?;
        if a.as_ptr() != o::boolobject::false_ptr() {
            return Ok(a);
        }
        call_method0(r.as_ptr(), "isatty")
    })
}

unsafe extern "C" fn rwpair_detach(_op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| Err(unsupported("detach")))
}

unsafe extern "C" fn rwpair_closed_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe {
        let (_, w) = pair(op)?;
        getattr(w.as_ptr(), "closed")
    })
}
