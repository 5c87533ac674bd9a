//! `FileIO`: raw, unbuffered I/O on an OS file descriptor (CPython's
//! `Modules/_io/fileio.c`).
//!
//! Design note. The state is the descriptor (-1 once closed), the access
//! flags decided from the mode string, `closefd`, and the preferred block
//! size from `fstat`. `name` lives in the instance `__dict__`, as in CPython
//! (so `open()`'s callers can read and replace it). Syscalls retry on EINTR;
//! EAGAIN on a non-blocking descriptor makes read/readinto/write return None.
use super::*;
use crate::runtime::ffi::guard_unit;
use libc::c_int;

pub struct FileState {
    pub fd: c_int,
    pub created: bool,
    pub readable: bool,
    pub writable: bool,
    pub appending: bool,
    /// -1 unknown, 0 no, 1 yes.
    pub seekable: i8,
    pub closefd: bool,
    pub blksize: i64,
    pub finalizing: bool,
}

pub static mut FILEIO_TYPE: PyTypeObject = PyTypeObject {
    tp_base: &raw mut super::iobase::RAWIOBASE_TYPE,
    tp_init: Some(fileio_init),
    tp_repr: Some(fileio_repr),
    tp_methods: &raw mut FILEIO_METHODS as *mut PyMethodDef,
    tp_getset: &raw mut FILEIO_GETSET as *mut PyGetSetDef,
    ..io_type(c"_io.FileIO")
};

static mut FILEIO_METHODS: [PyMethodDef; 15] = [
    mdef!(c"read", fileio_read, METH_VARARGS),
    mdef!(c"readall", fileio_readall, METH_NOARGS),
    mdef!(c"readinto", fileio_readinto, METH_O),
    mdef!(c"write", fileio_write, METH_O),
    mdef!(c"seek", fileio_seek, METH_VARARGS),
    mdef!(c"tell", fileio_tell, METH_NOARGS),
    mdef!(c"truncate", fileio_truncate, METH_VARARGS),
    mdef!(c"close", fileio_close, METH_NOARGS),
    mdef!(c"seekable", fileio_seekable, METH_NOARGS),
    mdef!(c"readable", fileio_readable, METH_NOARGS),
    mdef!(c"writable", fileio_writable, METH_NOARGS),
    mdef!(c"fileno", fileio_fileno, METH_NOARGS),
    mdef!(c"isatty", fileio_isatty, METH_NOARGS),
    mdef!(c"_dealloc_warn", fileio_dealloc_warn, METH_O),
    PyMethodDef::SENTINEL,
];

static mut FILEIO_GETSET: [PyGetSetDef; 6] = [
    getset!(c"closed", fileio_closed_get),
    getset!(c"closefd", fileio_closefd_get),
    getset!(c"mode", fileio_mode_get),
    getset!(c"_blksize", fileio_blksize_get),
    getset!(c"_finalizing", fileio_finalizing_get),
    GETSET_END,
];

unsafe fn st<'a>(op: *mut PyObject) -> PyResult<&'a mut FileState> {
    unsafe {
        match state(op) {
            Some(IoState::File(f)) => Ok(f),
            _ => Err(uninitialized()),
        }
    }
}

/// The state, open (FileIO's own closed message has no full stop).
unsafe fn open_st<'a>(op: *mut PyObject) -> PyResult<&'a mut FileState> {
    unsafe {
        let f = st(op)?;
        if f.fd < 0 {
            return Err(errors::value_error("I/O operation on closed file"));
        }
        Ok(f)
    }
}

fn err_mode(action: &str) -> errors::Raised {
    unsupported(&format!("File not open for {}", action))
}

/// The `_blksize` of a FileIO (for `open()`'s buffer size).
pub unsafe fn blksize(op: *mut PyObject) -> Option<i64> {
    unsafe {
        match state(op) {
            Some(IoState::File(f)) => Some(f.blksize),
            _ => None,
        }
    }
}

/// `FileIO(file, mode, closefd, opener)` as a new object.
pub unsafe fn new_fileio(file: *mut PyObject, mode: &str, closefd: bool, opener: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let f = o::typeobject::alloc_instance(&raw mut FILEIO_TYPE, 0)?;
        init(f.as_ptr(), file, mode, closefd, opener)?;
        Ok(f)
    }
}

/// `os.fsencode`-style conversion of a path argument.
pub unsafe fn fs_path(file: *mut PyObject) -> PyResult<Vec<u8>> {
    unsafe {
        let mut p = Owned::from_borrowed(file);
        if !o::unicodeobject::is_str(file) && !o::bytesobject::is_bytes(file) {
            match o::abstract_::lookup_special(file, "__fspath__")? {
                Some(f) => {
                    p = o::abstract_::call_function(f.as_ptr(), &[])?;
                    if !o::unicodeobject::is_str(p.as_ptr()) && !o::bytesobject::is_bytes(p.as_ptr()) {
                        return Err(errors::type_error(format!(
                            "expected {}.__fspath__() to return str or bytes, not {}",
                            type_name(file),
                            type_name(p.as_ptr())
                        )));
                    }
                }
                None => {
                    return Err(errors::type_error(format!(
                        "expected str, bytes or os.PathLike object, not {}",
                        type_name(file)
                    )));
                }
            }
        }
        let b = if o::unicodeobject::is_str(p.as_ptr()) {
            o::unicode_codecs::encode(p.as_ptr(), o::unicode_codecs::Codec::Utf8, "surrogateescape")?
        } else {
            o::bytesobject::as_slice(p.as_ptr()).to_vec()
        };
        if b.contains(&0) {
            return Err(errors::value_error("embedded null byte"));
        }
        Ok(b)
    }
}

unsafe fn init(op: *mut PyObject, nameobj: *mut PyObject, mode: &str, closefd: bool, opener: *mut PyObject) -> PyResult<()> {
    unsafe {
        // Re-initialisation closes what the object had.
        if let Some(IoState::File(f)) = state(op) {
            if f.fd >= 0 && f.closefd {
                libc::close(f.fd);
            }
            f.fd = -1;
        }
        let mut fd: c_int = -1;
        let mut path: Option<Vec<u8>> = None;
        if o::longobject::is_index(nameobj) {
            let v = index_i64(nameobj)?;
            if v < 0 {
                return Err(errors::value_error("negative file descriptor"));
            }
            if v > c_int::MAX as i64 {
                return Err(errors::overflow_error("Python int too large to convert to C int"));
            }
            fd = v as c_int;
        } else {
            path = Some(fs_path(nameobj)?);
        }
        let mut s = FileState {
            fd: -1,
            created: false,
            readable: false,
            writable: false,
            appending: false,
            seekable: -1,
            closefd: true,
            blksize: DEFAULT_BUFFER_SIZE as i64,
            finalizing: false,
        };
        let bad = || errors::value_error("Must have exactly one of create/read/write/append mode and at most one plus");
        let mut rwa = false;
        let mut plus = false;
        let mut flags: c_int = 0;
        for c in mode.chars() {
            match c {
                'x' | 'r' | 'w' | 'a' => {
                    if rwa {
                        return Err(bad());
                    }
                    rwa = true;
                    match c {
                        'x' => {
                            s.created = true;
                            s.writable = true;
                            flags |= libc::O_EXCL | libc::O_CREAT;
                        }
                        'r' => s.readable = true,
                        'w' => {
                            s.writable = true;
                            flags |= libc::O_CREAT | libc::O_TRUNC;
                        }
                        _ => {
                            s.writable = true;
                            s.appending = true;
                            flags |= libc::O_APPEND | libc::O_CREAT;
                        }
                    }
                }
                '+' => {
                    if plus {
                        return Err(bad());
                    }
                    s.readable = true;
                    s.writable = true;
                    plus = true;
                }
                'b' => {}
                _ => return Err(errors::value_error(format!("invalid mode: {}", mode))),
            }
        }
        if !rwa {
            return Err(bad());
        }
        flags |= if s.readable && s.writable {
            libc::O_RDWR
        } else if s.readable {
            libc::O_RDONLY
        } else {
            libc::O_WRONLY
        };
        flags |= libc::O_CLOEXEC;
        let mut opened_here = false;
        if fd >= 0 {
            s.fd = fd;
            s.closefd = closefd;
        } else {
            s.closefd = true;
            if !closefd {
                return Err(errors::value_error("Cannot use closefd=False with file name"));
            }
            let p = path.unwrap_or_default();
            if is_none(opener) {
                let c = std::ffi::CString::new(p).map_err(|_| errors::value_error("embedded null byte"))?;
                loop {
                    fd = libc::open(c.as_ptr(), flags, 0o666 as libc::c_uint);
                    if fd < 0 && errno() == libc::EINTR {
                        continue;
                    }
                    break;
                }
                if fd < 0 {
                    return Err(os_error(errno(), nameobj));
                }
            } else {
                let fl = int(flags as i64)?;
                let r = o::abstract_::call_function(opener, &[nameobj, fl.as_ptr()])?;
                if !o::longobject::is_long(r.as_ptr()) {
                    return Err(errors::type_error("expected integer from opener"));
                }
                let v = index_i64(r.as_ptr())?;
                if v < 0 {
                    return Err(errors::value_error(format!("opener returned {}", v)));
                }
                fd = v as c_int;
            }
            s.fd = fd;
            opened_here = true;
        }
        let fail = |s: &FileState| {
            if opened_here {
                libc::close(s.fd);
            }
        };
        let mut sb: libc::stat = core::mem::zeroed();
        if libc::fstat(s.fd, &mut sb) < 0 {
            let e = errno();
            fail(&s);
            return Err(os_error(e, null_mut()));
        }
        if (sb.st_mode & libc::S_IFMT) == libc::S_IFDIR {
            fail(&s);
            return Err(os_error(libc::EISDIR, nameobj));
        }
        if sb.st_blksize > 1 {
            s.blksize = sb.st_blksize as i64;
        }
        let appending = s.appending;
        let sfd = s.fd;
        set_state(op, IoState::File(s));
        if let Err(e) = o::abstract_::setattr(op, string("name")?.as_ptr(), nameobj) {
            if opened_here {
                libc::close(sfd);
                st(op)?.fd = -1;
            }
            return Err(e);
        }
        if appending && libc::lseek(sfd, 0, libc::SEEK_END) < 0 {
            let e = errno();
            if e != libc::ESPIPE {
                if opened_here {
                    libc::close(sfd);
                    st(op)?.fd = -1;
                }
                return Err(os_error(e, null_mut()));
            }
        }
        Ok(())
    }
}

unsafe extern "C" fn fileio_init(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        let a = parse_args("FileIO", args, kw, &["file", "mode", "closefd", "opener"], 1)?;
        let mode = if a[1].is_null() { "r".to_string() } else { str_arg("FileIO", "mode", 2, a[1])? };
        let closefd = bool_arg(a[2], true)?;
        init(op, a[0], &mode, closefd, a[3])
    })
}

fn mode_string(f: &FileState) -> &'static str {
    if f.created {
        if f.readable { "xb+" } else { "xb" }
    } else if f.appending {
        if f.readable { "ab+" } else { "ab" }
    } else if f.readable {
        if f.writable { "rb+" } else { "rb" }
    } else {
        "wb"
    }
}

unsafe extern "C" fn fileio_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let f = st(op)?;
        if f.fd < 0 {
            return string("<_io.FileIO [closed]>");
        }
        let (fd, mode, closefd) = (f.fd, mode_string(f), f.closefd);
        let closefd = if closefd { "True" } else { "False" };
        match o::abstract_::lookup_attr(op, string("name")?.as_ptr())? {
            None => string(&format!("<_io.FileIO fd={} mode='{}' closefd={}>", fd, mode, closefd)),
            Some(n) => {
                if o::abstract_::repr_enter(op) {
                    return Err(errors::runtime_error("reentrant call inside _io.FileIO.__repr__"));
                }
                let r = o::abstract_::repr_string_checked(n.as_ptr());
                o::abstract_::repr_leave(op);
                string(&format!("<_io.FileIO name={} mode='{}' closefd={}>", r?, mode, closefd))
            }
        }
    })
}

/// read(2) with EINTR retry; Ok(None) on EAGAIN.
unsafe fn sys_read(fd: c_int, buf: &mut [u8]) -> PyResult<Option<usize>> {
    unsafe {
        loop {
            let n = libc::read(fd, buf.as_mut_ptr() as *mut c_void, buf.len().min(isize::MAX as usize));
            if n < 0 {
                let e = errno();
                if e == libc::EINTR {
                    continue;
                }
                if e == libc::EAGAIN {
                    return Ok(None);
                }
                return Err(os_error(e, null_mut()));
            }
            return Ok(Some(n as usize));
        }
    }
}

unsafe extern "C" fn fileio_read(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = positional("read", args, 0, 1)?;
        let f = open_st(op)?;
        if !f.readable {
            return Err(err_mode("reading"));
        }
        let size = optional_size(a[0], -1)?;
        if size < 0 {
            return readall(op);
        }
        let fd = f.fd;
        let mut buf = vec![0u8; size as usize];
        match sys_read(fd, &mut buf)? {
            None => Ok(none()),
            Some(n) => bytes(&buf[..n]),
        }
    })
}

unsafe fn readall(op: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let fd = open_st(op)?.fd;
        let mut out: Vec<u8> = Vec::new();
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            match sys_read(fd, &mut chunk)? {
                None => {
                    if out.is_empty() {
                        return Ok(none());
                    }
                    break;
                }
                Some(0) => break,
                Some(n) => out.extend_from_slice(&chunk[..n]),
            }
        }
        bytes(&out)
    }
}

unsafe extern "C" fn fileio_readall(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { readall(op) })
}

unsafe extern "C" fn fileio_readinto(op: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let f = open_st(op)?;
        if !f.readable {
            return Err(err_mode("reading"));
        }
        let fd = f.fd;
        let mut buf = WritableBuf::get(b, "readinto")?;
        match sys_read(fd, buf.slice())? {
            None => Ok(none()),
            Some(n) => int(n as i64),
        }
    })
}

unsafe extern "C" fn fileio_write(op: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let f = open_st(op)?;
        if !f.writable {
            return Err(err_mode("writing"));
        }
        let fd = f.fd;
        let data = bytes_like(b)?;
        loop {
            let n = libc::write(fd, data.as_ptr() as *const c_void, data.len());
            if n < 0 {
                let e = errno();
                if e == libc::EINTR {
                    continue;
                }
                if e == libc::EAGAIN {
                    return Ok(none());
                }
                return Err(os_error(e, null_mut()));
            }
            return int(n as i64);
        }
    })
}

unsafe fn lseek(op: *mut PyObject, pos: i64, whence: c_int, suppress_pipe: bool) -> PyResult<Owned> {
    unsafe {
        let f = open_st(op)?;
        let r = libc::lseek(f.fd, pos as libc::off_t, whence);
        if f.seekable < 0 {
            f.seekable = (r >= 0) as i8;
        }
        if r < 0 {
            let e = errno();
            if suppress_pipe && e == libc::ESPIPE {
                errors::clear();
                return Ok(none());
            }
            return Err(os_error(e, null_mut()));
        }
        int(r as i64)
    }
}

unsafe extern "C" fn fileio_seek(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = positional("seek", args, 1, 2)?;
        open_st(op)?;
        let pos = index_i64(a[0])?;
        let whence = int_arg(a[1], 0)?;
        lseek(op, pos, whence as c_int, false)
    })
}

unsafe extern "C" fn fileio_tell(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { lseek(op, 0, libc::SEEK_CUR, false) })
}

unsafe extern "C" fn fileio_truncate(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = positional("truncate", args, 0, 1)?;
        let f = open_st(op)?;
        if !f.writable {
            return Err(err_mode("writing"));
        }
        let fd = f.fd;
        let size = if is_none(a[0]) {
            let p = libc::lseek(fd, 0, libc::SEEK_CUR);
            if p < 0 {
                return Err(os_error(errno(), null_mut()));
            }
            p as i64
        } else {
            index_i64(a[0])?
        };
        if libc::ftruncate(fd, size as libc::off_t) != 0 {
            return Err(os_error(errno(), null_mut()));
        }
        int(size)
    })
}

unsafe extern "C" fn fileio_close(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let f = st(op)?;
        // _RawIOBase.close: flush, mark closed.
        let r = if (*(op as *mut IoObject)).iobase_closed == 0 {
            let r = call_method0(op, "flush");
            (*(op as *mut IoObject)).iobase_closed = 1;
            r
        } else {
            Ok(none())
        };
        let f2 = &mut *(f as *mut FileState);
        if !f2.closefd {
            f2.fd = -1;
            return r;
        }
        let fd = f2.fd;
        f2.fd = -1;
        if fd >= 0 && libc::close(fd) < 0 {
            let e = errno();
            if let Err(e1) = r {
                return Err(e1);
            }
            return Err(os_error(e, null_mut()));
        }
        r
    })
}

unsafe extern "C" fn fileio_seekable(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let f = open_st(op)?;
        if f.seekable < 0 {
            let r = libc::lseek(f.fd, 0, libc::SEEK_CUR);
            f.seekable = (r >= 0) as i8;
        }
        Ok(boolean(f.seekable == 1))
    })
}

unsafe extern "C" fn fileio_readable(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { Ok(boolean(open_st(op)?.readable)) })
}

unsafe extern "C" fn fileio_writable(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { Ok(boolean(open_st(op)?.writable)) })
}

unsafe extern "C" fn fileio_fileno(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { int(open_st(op)?.fd as i64) })
}

unsafe extern "C" fn fileio_isatty(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { Ok(boolean(libc::isatty(open_st(op)?.fd) == 1)) })
}

unsafe extern "C" fn fileio_dealloc_warn(_op: *mut PyObject, _s: *mut PyObject) -> *mut PyObject {
    guard_obj(|| Ok(none()))
}

unsafe extern "C" fn fileio_closed_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { Ok(boolean(ok_or_clear(st(op)).map(|f| f.fd < 0).unwrap_or(true))) })
}

unsafe extern "C" fn fileio_closefd_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { Ok(boolean(st(op)?.closefd)) })
}

unsafe extern "C" fn fileio_mode_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { string(mode_string(st(op)?)) })
}

unsafe extern "C" fn fileio_blksize_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { int(st(op)?.blksize) })
}

unsafe extern "C" fn fileio_finalizing_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { Ok(boolean(st(op)?.finalizing)) })
}
