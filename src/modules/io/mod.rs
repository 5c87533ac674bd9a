//! The `_io` module (CPython's `Modules/_io/`): the I/O stack under
//! `io.open` — raw files (`FileIO`), buffered layers, text decoding — and the
//! in-memory `BytesIO`/`StringIO`. `Lib/io.py` imports everything from here.
//!
//! Design note.
//! * Every `_io` type shares one C layout, `IoObject`: the object header, an
//!   instance `__dict__`, a weakref slot, the `_IOBase` closed flag, and a
//!   Rust-owned state (`IoState`, boxed; `None` until `__init__` ran). Python
//!   subclasses (io.py's ABCs, user classes) extend it like any static type.
//! * Layers talk to each other through method calls (`raw.readinto`,
//!   `buffer.read1`, `self.read`), exactly as CPython's C code does, so any
//!   object with the right methods can sit under a buffer or a text wrapper,
//!   and Python subclasses overriding a method are honoured.
//! * Errors are CPython 3.11's, word for word: mode strings, "I/O operation
//!   on closed file.", `UnsupportedOperation` (an `OSError` and `ValueError`),
//!   `OSError(errno, strerror, filename)` from failing syscalls.
//! * Objects are closed when they die (CPython's `iobase_finalize`): the
//!   dealloc resurrects the object for the `close()` call, errors ignored.
//!
//! Encodings for `TextIOWrapper`: utf-8, utf-8-sig, ascii, latin-1,
//! utf-16(-le/-be), utf-32(-le/-be); any other name raises LookupError until
//! the codecs registry exists.
use crate::objects::object::*;
use crate::objects::pyref::*;
use crate::objects::{self as o};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::guard_obj;
use core::ptr::null_mut;
use libc::c_void;

pub mod bufferedio;
pub mod bytesio;
pub mod fileio;
pub mod iobase;
pub mod stringio;
pub mod textio;

/// `io.DEFAULT_BUFFER_SIZE`.
pub const DEFAULT_BUFFER_SIZE: isize = 8192;

/// The per-type state of an `_io` object.
#[allow(clippy::large_enum_variant, reason = "boxed once per object; variants are never moved around")]
pub enum IoState {
    File(fileio::FileState),
    Bytes(bytesio::BytesState),
    Str(stringio::StringState),
    Buffered(bufferedio::BufState),
    Text(textio::TextState),
    NlDecoder(textio::NlDecoder),
}

/// The layout shared by all `_io` types.
#[repr(C)]
pub struct IoObject {
    pub ob_base: PyObject,
    pub dict: *mut PyObject,
    pub weakreflist: *mut PyObject,
    /// `_IOBase.close()` ran (CPython's `__IOBase_closed` attribute).
    pub iobase_closed: libc::c_int,
    pub state: Option<Box<IoState>>,
    /// States replaced by a second `__init__`, kept until the object dies:
    /// a method further up the stack may still be using one.
    pub retired: Option<Box<Vec<Box<IoState>>>>,
}

/// The state of `op` (an `IoObject`), if initialised.
pub unsafe fn state<'a>(op: *mut PyObject) -> Option<&'a mut IoState> {
    // SAFETY: every `_io` type's instances are `IoObject`s; the GIL is held.
    unsafe { (*(op as *mut IoObject)).state.as_deref_mut() }
}

/// Install a fresh state; a previous one is retired, not freed (see `retired`).
pub unsafe fn set_state(op: *mut PyObject, st: IoState) {
    // SAFETY: as for `state`.
    unsafe {
        let s = op as *mut IoObject;
        if let Some(old) = (*s).state.replace(Box::new(st)) {
            (*s).retired.get_or_insert_with(|| Box::new(Vec::new())).push(old);
        }
    }
}

/// `UnsupportedOperation`, created at module init.
pub static mut UNSUPPORTED_OPERATION: *mut PyObject = null_mut();

pub fn unsupported(msg: &str) -> errors::Raised {
    // SAFETY: module init sets the class before any `_io` object exists.
    unsafe {
        let e = if UNSUPPORTED_OPERATION.is_null() { o::exceptions::PyExc_OSError } else { UNSUPPORTED_OPERATION };
        errors::set_string(e, msg)
    }
}

pub fn closed_error() -> errors::Raised {
    errors::value_error("I/O operation on closed file.")
}

pub fn uninitialized() -> errors::Raised {
    errors::value_error("I/O operation on uninitialized object")
}

/// `OSError` from `errno` (with the errno → subclass mapping), optionally naming a file.
pub fn os_error(e: i32, filename: *mut PyObject) -> errors::Raised {
    // SAFETY: filename is null or a live object.
    unsafe { o::exceptions_specific::set_from_errno(o::exceptions::PyExc_OSError, e, filename, null_mut()) }
}

/// `r`'s value, or None with the exception (if any) cleared.
pub fn ok_or_clear<T>(r: PyResult<T>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(_) => {
            errors::clear();
            None
        }
    }
}

pub fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

// ---------------------------------------------------------------- calls

pub unsafe fn call_method(obj: *mut PyObject, name: &str, args: &[*mut PyObject]) -> PyResult<Owned> {
    unsafe { o::abstract_::call_method(obj, name, args) }
}

pub unsafe fn call_method0(obj: *mut PyObject, name: &str) -> PyResult<Owned> {
    unsafe { o::abstract_::call_method(obj, name, &[]) }
}

pub unsafe fn getattr(obj: *mut PyObject, name: &str) -> PyResult<Owned> {
    unsafe { o::abstract_::getattr_str(obj, name) }
}

pub unsafe fn truthy(obj: *mut PyObject) -> PyResult<bool> {
    unsafe { o::abstract_::is_true(obj) }
}

pub fn int(v: i64) -> PyResult<Owned> {
    o::longobject::from_i64(v)
}

pub fn boolean(b: bool) -> Owned {
    o::boolobject::owned_bool(b)
}

pub fn none() -> Owned {
    o::noneobject::none()
}

pub fn string(s: &str) -> PyResult<Owned> {
    o::unicodeobject::from_str(s)
}

pub fn bytes(b: &[u8]) -> PyResult<Owned> {
    o::bytesobject::from_slice(b)
}

pub unsafe fn is_none(op: *mut PyObject) -> bool {
    op.is_null() || op == o::noneobject::none_ptr()
}

pub unsafe fn type_name(op: *mut PyObject) -> String {
    unsafe { o::typeobject::type_name_str((*op).ob_type) }
}

/// An index-like object as i64 (TypeError "'str' object cannot be interpreted as an integer").
pub unsafe fn index_i64(v: *mut PyObject) -> PyResult<i64> {
    unsafe {
        let i = o::abstract_number::index(v)?;
        Ok(o::longobject::as_ssize_index(i.as_ptr(), Some(o::exceptions::PyExc_OverflowError))? as i64)
    }
}

/// CPython's `_Py_convert_optional_to_ssize_t`: None (or absent) → `default`.
pub unsafe fn optional_size(v: *mut PyObject, default: i64) -> PyResult<i64> {
    unsafe {
        if is_none(v) {
            return Ok(default);
        }
        if !o::longobject::is_index(v) {
            return Err(errors::type_error(format!("argument should be integer or None, not '{}'", type_name(v))));
        }
        index_i64(v)
    }
}

/// The bytes of a bytes-like object ("a bytes-like object is required, not 'str'").
pub unsafe fn bytes_like(v: *mut PyObject) -> PyResult<Vec<u8>> {
    unsafe {
        match o::buffer::get_contiguous_bytes(v) {
            Some(r) => r,
            None => Err(errors::type_error(format!("a bytes-like object is required, not '{}'", type_name(v)))),
        }
    }
}

/// A writable buffer of `v` for `readinto`-style methods; released on drop.
pub struct WritableBuf(Py_buffer);

impl WritableBuf {
    pub unsafe fn get(v: *mut PyObject, what: &str) -> PyResult<WritableBuf> {
        unsafe {
            let mut view = o::buffer::empty_view();
            if !o::buffer::check(v) {
                return Err(errors::type_error(format!(
                    "{}() argument must be read-write bytes-like object, not {}",
                    what,
                    type_name(v)
                )));
            }
            if o::buffer::get(v, &mut view, o::buffer::PyBUF_WRITABLE).is_err() {
                errors::clear();
                return Err(errors::type_error(format!(
                    "{}() argument must be read-write bytes-like object, not {}",
                    what,
                    type_name(v)
                )));
            }
            Ok(WritableBuf(view))
        }
    }
    pub fn slice(&mut self) -> &mut [u8] {
        // SAFETY: the exporter keeps buf/len valid until release.
        unsafe {
            if self.0.len <= 0 {
                return &mut [];
            }
            core::slice::from_raw_parts_mut(self.0.buf as *mut u8, self.0.len as usize)
        }
    }
}

impl Drop for WritableBuf {
    fn drop(&mut self) {
        // SAFETY: the view came from `buffer::get`.
        unsafe { o::buffer::release(&mut self.0) };
    }
}

// ---------------------------------------------------------------- arguments

/// Argument Clinic-style parsing: positional then keyword arguments matched
/// to `names`; the first `nreq` are required. Absent → null.
pub unsafe fn parse_args(
    fname: &str,
    args: *mut PyObject,
    kw: *mut PyObject,
    names: &[&str],
    nreq: usize,
) -> PyResult<Vec<*mut PyObject>> {
    unsafe {
        let pos: &[*mut PyObject] = if args.is_null() { &[] } else { o::tupleobject::as_slice(args) };
        let mut out = vec![null_mut(); names.len()];
        let nkw = if kw.is_null() { 0 } else { o::dictobject::len(kw) as usize };
        if pos.len() + nkw > names.len() {
            return Err(errors::type_error(format!(
                "{}() takes at most {} {}argument{} ({} given)",
                fname,
                names.len(),
                if pos.is_empty() { "keyword " } else { "" },
                if names.len() == 1 { "" } else { "s" },
                pos.len() + nkw
            )));
        }
        out[..pos.len()].copy_from_slice(pos);
        if !kw.is_null() {
            for (k, v) in o::dictobject::items_borrowed(kw) {
                if !o::unicodeobject::is_str(k) {
                    return Err(errors::type_error("keywords must be strings"));
                }
                match names.iter().position(|n| o::unicodeobject::eq_str(k, n)) {
                    Some(i) if i < pos.len() => {
                        return Err(errors::type_error(format!(
                            "argument for {}() given by name ('{}') and position ({})",
                            fname,
                            names[i],
                            i + 1
                        )));
                    }
                    Some(i) => out[i] = v,
                    None => {
                        return Err(errors::type_error(format!(
                            "'{}' is an invalid keyword argument for {}()",
                            o::abstract_::str_string(k),
                            fname
                        )));
                    }
                }
            }
        }
        for i in 0..nreq {
            if out[i].is_null() {
                return Err(errors::type_error(format!(
                    "{}() missing required argument '{}' (pos {})",
                    fname,
                    names[i],
                    i + 1
                )));
            }
        }
        Ok(out)
    }
}

/// Positional-only arguments `min..=max` (CPython's `_PyArg_CheckPositional`).
pub unsafe fn positional(fname: &str, args: *mut PyObject, min: usize, max: usize) -> PyResult<Vec<*mut PyObject>> {
    unsafe {
        let pos: &[*mut PyObject] = if args.is_null() { &[] } else { o::tupleobject::as_slice(args) };
        let n = pos.len();
        if n < min || n > max {
            let msg = if min == max {
                format!("{} expected {} argument{}, got {}", fname, min, if min == 1 { "" } else { "s" }, n)
            } else if n < min {
                format!("{} expected at least {} argument{}, got {}", fname, min, if min == 1 { "" } else { "s" }, n)
            } else {
                format!("{} expected at most {} argument{}, got {}", fname, max, if max == 1 { "" } else { "s" }, n)
            };
            return Err(errors::type_error(msg));
        }
        let mut v = pos.to_vec();
        v.resize(max, null_mut());
        Ok(v)
    }
}

pub unsafe fn str_arg(fname: &str, argname: &str, pos: usize, v: *mut PyObject) -> PyResult<String> {
    unsafe {
        if !o::unicodeobject::is_str(v) {
            return Err(errors::type_error(format!(
                "{}() argument {} must be str, not {}",
                fname,
                if argname.is_empty() { pos.to_string() } else { format!("'{}'", argname) },
                type_name(v)
            )));
        }
        Ok(o::unicodeobject::as_str(v)?.to_string())
    }
}

/// A `str or None` argument (absent/None → None).
pub unsafe fn opt_str_arg(fname: &str, argname: &str, v: *mut PyObject) -> PyResult<Option<String>> {
    unsafe {
        if is_none(v) {
            return Ok(None);
        }
        if !o::unicodeobject::is_str(v) {
            return Err(errors::type_error(format!(
                "{}() argument '{}' must be str or None, not {}",
                fname,
                argname,
                type_name(v)
            )));
        }
        Ok(Some(o::unicodeobject::as_str(v)?.to_string()))
    }
}

/// An `int` argument (Clinic's `int` converter).
pub unsafe fn int_arg(v: *mut PyObject, default: i64) -> PyResult<i64> {
    unsafe {
        if v.is_null() {
            return Ok(default);
        }
        if o::floatobject::is_float(v) {
            return Err(errors::type_error("'float' object cannot be interpreted as an integer"));
        }
        index_i64(v)
    }
}

/// A `bool` argument given as int-like (Clinic's `bool(accept={int})`) or any object (`bool`).
pub unsafe fn bool_arg(v: *mut PyObject, default: bool) -> PyResult<bool> {
    unsafe {
        if v.is_null() {
            return Ok(default);
        }
        truthy(v)
    }
}

// ---------------------------------------------------------------- objects

/// `tp_new` of every `_io` type: a zeroed `IoObject` (state `None`).
pub unsafe extern "C" fn io_new(tp: *mut PyTypeObject, _a: *mut PyObject, _k: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { o::typeobject::alloc_instance(tp, 0) })
}

/// Call `close()` on a dying object, as CPython's `iobase_finalize`: the
/// object is resurrected for the call and errors are ignored. Returns false
/// when the call resurrected it for good (someone kept a reference).
pub unsafe fn finalize_close(op: *mut PyObject) -> bool {
    unsafe {
        let (t, v, tb) = errors::fetch();
        // Resurrect: refcount 0 → 1 for the duration of the call.
        (*op).ob_refcnt = 1;
        let closed = match getattr(op, "closed") {
            Ok(c) => ok_or_clear(truthy(c.as_ptr())).unwrap_or(true),
            Err(_) => {
                errors::clear();
                true
            }
        };
        if !closed {
            if let Some(IoState::Buffered(b)) = state(op) {
                b.finalizing = true;
            }
            if let Some(IoState::Text(t)) = state(op) {
                t.finalizing = true;
            }
            if call_method0(op, "close").is_err() {
                errors::clear();
            }
        }
        errors::restore(t, v, tb);
        (*op).ob_refcnt -= 1;
        (*op).ob_refcnt == 0
    }
}

/// `tp_dealloc` of every `_io` type.
pub unsafe extern "C" fn io_dealloc(op: *mut PyObject) {
    unsafe {
        let s = op as *mut IoObject;
        // CPython finalizes every _IOBase instance (close() unless closed).
        let needs_close = !matches!((*s).state.as_deref(), Some(IoState::NlDecoder(_)))
            && o::typeobject::is_subtype((*op).ob_type, &raw mut iobase::IOBASE_TYPE);
        if needs_close && !finalize_close(op) {
            return;
        }
        (*s).state = None;
        (*s).retired = None;
        clear(&mut (*s).dict);
        o::typeobject::free_instance(op);
    }
}

/// The `__dict__` getset shared by the types.
pub const DICT_GETSET: PyGetSetDef = PyGetSetDef {
    name: c"__dict__".as_ptr(),
    get: Some(crate::capi::object::PyObject_GenericGetDict),
    set: Some(crate::capi::object::PyObject_GenericSetDict),
    doc: core::ptr::null(),
    closure: null_mut(),
};

/// `PyTypeObject` for an `_io` class with our layout.
pub const fn io_type(name: &'static core::ffi::CStr) -> PyTypeObject {
    PyTypeObject {
        tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
        tp_dealloc: Some(io_dealloc),
        tp_new: Some(io_new),
        tp_dictoffset: core::mem::offset_of!(IoObject, dict) as Py_ssize_t,
        tp_weaklistoffset: core::mem::offset_of!(IoObject, weakreflist) as Py_ssize_t,
        ..PyTypeObject::new(name, core::mem::size_of::<IoObject>(), 0)
    }
}

macro_rules! mdef {
    ($name:literal, $f:expr, $flags:expr) => {
        PyMethodDef { ml_name: $name.as_ptr(), ml_meth: $f as *mut libc::c_void, ml_flags: $flags, ml_doc: core::ptr::null() }
    };
}
pub(crate) use mdef;

macro_rules! getset {
    ($name:literal, $get:expr) => {
        PyGetSetDef { name: $name.as_ptr(), get: Some($get), set: None, doc: core::ptr::null(), closure: core::ptr::null_mut() }
    };
    ($name:literal, $get:expr, $set:expr) => {
        PyGetSetDef { name: $name.as_ptr(), get: Some($get), set: Some($set), doc: core::ptr::null(), closure: core::ptr::null_mut() }
    };
}
pub(crate) use getset;

pub const GETSET_END: PyGetSetDef =
    PyGetSetDef { name: core::ptr::null(), get: None, set: None, doc: core::ptr::null(), closure: null_mut() };

// ---------------------------------------------------------------- open

/// The parsed `mode` of `open()`.
pub struct Mode {
    pub creating: bool,
    pub reading: bool,
    pub writing: bool,
    pub appending: bool,
    pub updating: bool,
    pub text: bool,
    pub binary: bool,
}

pub fn parse_open_mode(mode: &str) -> PyResult<Mode> {
    let mut m = Mode { creating: false, reading: false, writing: false, appending: false, updating: false, text: false, binary: false };
    let mut seen = String::new();
    for c in mode.chars() {
        if !"xrwa+tb".contains(c) || seen.contains(c) {
            return Err(errors::value_error(format!("invalid mode: '{}'", mode)));
        }
        seen.push(c);
        match c {
            'x' => m.creating = true,
            'r' => m.reading = true,
            'w' => m.writing = true,
            'a' => m.appending = true,
            '+' => m.updating = true,
            't' => m.text = true,
            _ => m.binary = true,
        }
    }
    if m.text && m.binary {
        return Err(errors::value_error("can't have text and binary mode at once"));
    }
    if m.creating as u8 + m.reading as u8 + m.writing as u8 + m.appending as u8 > 1 {
        return Err(errors::value_error("must have exactly one of create/read/write/append mode"));
    }
    if !(m.creating || m.reading || m.writing || m.appending) {
        return Err(errors::value_error("Must have exactly one of create/read/write/append mode and at most one plus"));
    }
    Ok(m)
}

unsafe extern "C" fn io_open(_m: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = parse_args(
            "open",
            args,
            kw,
            &["file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"],
            1,
        )?;
        open_impl(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7])
    })
}

/// `io.open` (all arguments may be null = default).
#[allow(clippy::too_many_arguments)]
pub unsafe fn open_impl(
    file: *mut PyObject,
    mode: *mut PyObject,
    buffering: *mut PyObject,
    encoding: *mut PyObject,
    errors_: *mut PyObject,
    newline: *mut PyObject,
    closefd: *mut PyObject,
    opener: *mut PyObject,
) -> PyResult<Owned> {
    unsafe {
        let mode_s = if mode.is_null() { "r".to_string() } else { str_arg("open", "mode", 2, mode)? };
        let buffering = int_arg(buffering, -1)?;
        let enc = opt_str_arg("open", "encoding", encoding)?;
        let errs = opt_str_arg("open", "errors", errors_)?;
        let nl = opt_str_arg("open", "newline", newline)?;
        let closefd_b = bool_arg(closefd, true)?;
        let m = parse_open_mode(&mode_s)?;
        if m.binary && enc.is_some() {
            return Err(errors::value_error("binary mode doesn't take an encoding argument"));
        }
        if m.binary && errs.is_some() {
            return Err(errors::value_error("binary mode doesn't take an errors argument"));
        }
        if m.binary && nl.is_some() {
            return Err(errors::value_error("binary mode doesn't take a newline argument"));
        }
        if m.binary && buffering == 1 {
            // CPython warns (RuntimeWarning) and carries on with the default size.
            let _ = crate::capi::warnings::PyErr_WarnEx(
                o::exceptions::PyExc_RuntimeWarning,
                c"line buffering (buffering=1) isn't supported in binary mode, the default buffer size will be used".as_ptr(),
                1,
            );
        }
        let mut rawmode = String::new();
        if m.creating {
            rawmode.push('x');
        }
        if m.reading {
            rawmode.push('r');
        }
        if m.writing {
            rawmode.push('w');
        }
        if m.appending {
            rawmode.push('a');
        }
        if m.updating {
            rawmode.push('+');
        }
        let raw = fileio::new_fileio(file, &rawmode, closefd_b, opener)?;
        let result = raw.clone();
        let r: PyResult<Owned> = (|| {
            let mut buffering = buffering;
            let mut line_buffering = false;
            let isatty = truthy(call_method0(raw.as_ptr(), "isatty")?.as_ptr())?;
            if buffering == 1 || (buffering < 0 && isatty) {
                buffering = -1;
                line_buffering = true;
            }
            if buffering < 0 {
                buffering = fileio::blksize(raw.as_ptr()).unwrap_or(DEFAULT_BUFFER_SIZE as i64);
                if buffering <= 1 {
                    buffering = DEFAULT_BUFFER_SIZE as i64;
                }
            }
            if buffering == 0 {
                if m.binary {
                    return Ok(raw.clone());
                }
                return Err(errors::value_error("can't have unbuffered text I/O"));
            }
            let kind = if m.updating {
                bufferedio::Kind::Random
            } else if m.creating || m.writing || m.appending {
                bufferedio::Kind::Writer
            } else {
                bufferedio::Kind::Reader
            };
            let buffer = bufferedio::new_buffered(kind, raw.as_ptr(), buffering)?;
            if m.binary {
                return Ok(buffer);
            }
            let wrapper = textio::new_wrapper(buffer.as_ptr(), enc.as_deref(), errs.as_deref(), nl.as_deref(), line_buffering)?;
            let ms = string(&mode_s)?;
            o::abstract_::setattr(wrapper.as_ptr(), string("mode")?.as_ptr(), ms.as_ptr())?;
            Ok(wrapper)
        })();
        match r {
            Ok(v) => Ok(v),
            Err(e) => {
                let saved = errors::fetch();
                if call_method0(result.as_ptr(), "close").is_err() {
                    errors::clear();
                }
                errors::restore(saved.0, saved.1, saved.2);
                Err(e)
            }
        }
    }
}

unsafe extern "C" fn io_open_code(_m: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = parse_args("open_code", args, kw, &["path"], 1)?;
        if !o::unicodeobject::is_str(a[0]) {
            return Err(errors::type_error(format!("open_code() argument 'path' must be str, not {}", type_name(a[0]))));
        }
        let mode = string("rb")?;
        open_impl(a[0], mode.as_ptr(), null_mut(), null_mut(), null_mut(), null_mut(), null_mut(), null_mut())
    })
}

unsafe extern "C" fn io_text_encoding(_m: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = positional("text_encoding", args, 1, 2)?;
        if !is_none(a[0]) {
            return Ok(Owned::from_borrowed(a[0]));
        }
        // UTF-8 mode is off here: the locale encoding (utf-8 on this platform).
        string("locale")
    })
}

static mut IO_METHODS: [PyMethodDef; 4] = [
    mdef!(c"open", io_open, METH_VARARGS | METH_KEYWORDS),
    mdef!(c"open_code", io_open_code, METH_VARARGS | METH_KEYWORDS),
    mdef!(c"text_encoding", io_text_encoding, METH_VARARGS),
    PyMethodDef::SENTINEL,
];

/// Create the `_io` module.
pub fn init_module() -> *mut PyObject {
    guard_obj(|| unsafe {
        let name = string("_io")?;
        let m = o::moduleobject::new_module(name.as_ptr())?;
        o::moduleobject::add_functions(m.as_ptr(), name.as_ptr(), &raw mut IO_METHODS as *mut PyMethodDef)?;
        let size = int(DEFAULT_BUFFER_SIZE as i64)?;
        o::moduleobject::add_object_ref(m.as_ptr(), "DEFAULT_BUFFER_SIZE", size.as_ptr())?;
        if UNSUPPORTED_OPERATION.is_null() {
            let bases = o::tupleobject::pack(&[o::exceptions::PyExc_OSError, o::exceptions::PyExc_ValueError])?;
            let e = crate::capi::pyerrors::PyErr_NewException(c"io.UnsupportedOperation".as_ptr(), bases.as_ptr(), null_mut());
            UNSUPPORTED_OPERATION = Owned::from_raw(e)?.into_raw();
        }
        o::moduleobject::add_object_ref(m.as_ptr(), "UnsupportedOperation", UNSUPPORTED_OPERATION)?;
        o::moduleobject::add_object_ref(m.as_ptr(), "BlockingIOError", o::exceptions::PyExc_BlockingIOError)?;
        let types: [(&str, *mut PyTypeObject); 15] = [
            ("_IOBase", &raw mut iobase::IOBASE_TYPE),
            ("_RawIOBase", &raw mut iobase::RAWIOBASE_TYPE),
            ("_BufferedIOBase", &raw mut iobase::BUFFEREDIOBASE_TYPE),
            ("_TextIOBase", &raw mut iobase::TEXTIOBASE_TYPE),
            ("FileIO", &raw mut fileio::FILEIO_TYPE),
            ("BytesIO", &raw mut bytesio::BYTESIO_TYPE),
            ("StringIO", &raw mut stringio::STRINGIO_TYPE),
            ("BufferedReader", &raw mut bufferedio::BUFFEREDREADER_TYPE),
            ("BufferedWriter", &raw mut bufferedio::BUFFEREDWRITER_TYPE),
            ("BufferedRWPair", &raw mut bufferedio::BUFFEREDRWPAIR_TYPE),
            ("BufferedRandom", &raw mut bufferedio::BUFFEREDRANDOM_TYPE),
            ("TextIOWrapper", &raw mut textio::TEXTIOWRAPPER_TYPE),
            ("IncrementalNewlineDecoder", &raw mut textio::NLDECODER_TYPE),
            ("_BytesIOBuffer", null_mut()),
            ("", null_mut()),
        ];
        for (n, tp) in types {
            if tp.is_null() {
                continue;
            }
            o::typeobject::ready(tp)?;
            o::moduleobject::add_object_ref(m.as_ptr(), n, tp as *mut PyObject)?;
        }
        Ok(m)
    })
}

/// Is the environment's LC_CTYPE locale "C"/"POSIX" (CPython then uses
/// 'surrogateescape' for stdin/stdout)? The process locale is left as it was.
fn c_locale() -> bool {
    // SAFETY: setlocale with a null name only queries; the saved name is
    // copied before the locale is changed and restored afterwards.
    unsafe {
        let cur = libc::setlocale(libc::LC_CTYPE, core::ptr::null());
        let saved = if cur.is_null() { None } else { Some(std::ffi::CStr::from_ptr(cur).to_owned()) };
        let r = libc::setlocale(libc::LC_CTYPE, c"".as_ptr());
        let name = if r.is_null() { "C".to_string() } else { std::ffi::CStr::from_ptr(r).to_string_lossy().into_owned() };
        if let Some(s) = saved {
            libc::setlocale(libc::LC_CTYPE, s.as_ptr());
        }
        name == "C" || name == "POSIX"
    }
}

/// A text stream over a file descriptor for `sys.stdin`/`stdout`/`stderr`,
/// as CPython's `create_stdio` builds it: `TextIOWrapper(Buffered*(FileIO(fd,
/// closefd=False)))` with the raw stream named `<stdin>`/`<stdout>`/`<stderr>`,
/// encoding utf-8, newline "\n", errors 'strict' ('surrogateescape' under
/// the C locale; 'backslashreplace' for fd 2), `mode` 'r'/'w', line-buffered when asked (CPython: stderr always,
/// stdout when it is a terminal).
pub fn std_stream(fd: i32, write: bool, line_buffering: bool) -> PyResult<Owned> {
    unsafe {
        for tp in [
            &raw mut iobase::IOBASE_TYPE,
            &raw mut iobase::RAWIOBASE_TYPE,
            &raw mut iobase::BUFFEREDIOBASE_TYPE,
            &raw mut iobase::TEXTIOBASE_TYPE,
            &raw mut fileio::FILEIO_TYPE,
            &raw mut bufferedio::BUFFEREDREADER_TYPE,
            &raw mut bufferedio::BUFFEREDWRITER_TYPE,
            &raw mut textio::TEXTIOWRAPPER_TYPE,
        ] {
            o::typeobject::ready(tp)?;
        }
        let fdo = int(fd as i64)?;
        let raw = fileio::new_fileio(fdo.as_ptr(), if write { "wb" } else { "rb" }, false, null_mut())?;
        let name = match fd {
            0 => "<stdin>",
            1 => "<stdout>",
            2 => "<stderr>",
            _ => "",
        };
        if !name.is_empty() {
            o::abstract_::setattr(raw.as_ptr(), string("name")?.as_ptr(), string(name)?.as_ptr())?;
        }
        let kind = if write { bufferedio::Kind::Writer } else { bufferedio::Kind::Reader };
        let size = fileio::blksize(raw.as_ptr()).filter(|&n| n > 1).unwrap_or(DEFAULT_BUFFER_SIZE as i64);
        let buf = bufferedio::new_buffered(kind, raw.as_ptr(), size)?;
        let errs = if fd == 2 {
            "backslashreplace"
        } else if c_locale() {
            "surrogateescape"
        } else {
            "strict"
        };
        let w = textio::new_wrapper(buf.as_ptr(), Some("utf-8"), Some(errs), Some("\n"), line_buffering)?;
        let mode = string(if write { "w" } else { "r" })?;
        o::abstract_::setattr(w.as_ptr(), string("mode")?.as_ptr(), mode.as_ptr())?;
        Ok(w)
    }
}
