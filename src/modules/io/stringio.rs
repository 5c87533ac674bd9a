//! `StringIO`: a text stream over an in-memory buffer of code points
//! (CPython's `Modules/_io/stringio.c`).
//!
//! Design note. The buffer is a `Vec<u32>` of code points and a position
//! that may lie past the end (writing there pads with NULs). Newline
//! handling follows CPython: with `newline=None` writes translate `\r\n` and
//! `\r` to `\n` (through the same newline decoder TextIOWrapper uses) and
//! reads split at `\n`; `''` keeps everything and reads split at any of
//! `\r`, `\n`, `\r\n`; `'\r'`/`'\r\n'` translate written `\n` and split at
//! themselves.
use super::textio::NlState;
use super::*;
use crate::runtime::ffi::guard_unit;
use libc::c_int;

pub struct StringState {
    pub buf: Vec<u32>,
    pub pos: usize,
    pub closed: bool,
    pub decoder: Option<NlState>,
    pub readtranslate: bool,
    pub readuniversal: bool,
    /// The `newline` argument (None = universal with translation).
    pub readnl: Option<Vec<u32>>,
    pub writenl: Option<Vec<u32>>,
}

pub static mut STRINGIO_TYPE: PyTypeObject = PyTypeObject {
    tp_base: &raw mut super::iobase::TEXTIOBASE_TYPE,
    tp_init: Some(stringio_init),
    tp_iternext: Some(stringio_iternext),
    tp_methods: &raw mut STRINGIO_METHODS as *mut PyMethodDef,
    tp_getset: &raw mut STRINGIO_GETSET as *mut PyGetSetDef,
    ..io_type(c"_io.StringIO")
};

static mut STRINGIO_METHODS: [PyMethodDef; 15] = [
    mdef!(c"close", stringio_close, METH_NOARGS),
    mdef!(c"getvalue", stringio_getvalue, METH_NOARGS),
    mdef!(c"read", stringio_read, METH_VARARGS),
    mdef!(c"readline", stringio_readline, METH_VARARGS),
    mdef!(c"tell", stringio_tell, METH_NOARGS),
    mdef!(c"truncate", stringio_truncate, METH_VARARGS),
    mdef!(c"seek", stringio_seek, METH_VARARGS),
    mdef!(c"write", stringio_write, METH_O),
    mdef!(c"seekable", stringio_true, METH_NOARGS),
    mdef!(c"readable", stringio_true, METH_NOARGS),
    mdef!(c"writable", stringio_true, METH_NOARGS),
    mdef!(c"__getstate__", stringio_getstate, METH_NOARGS),
    mdef!(c"__setstate__", stringio_setstate, METH_O),
    mdef!(c"__next__", stringio_next_m, METH_NOARGS),
    PyMethodDef::SENTINEL,
];

static mut STRINGIO_GETSET: [PyGetSetDef; 4] = [
    getset!(c"closed", stringio_closed_get),
    getset!(c"newlines", stringio_newlines_get),
    getset!(c"line_buffering", stringio_line_buffering_get),
    GETSET_END,
];

unsafe fn st<'a>(op: *mut PyObject) -> PyResult<&'a mut StringState> {
    unsafe {
        match state(op) {
            Some(IoState::Str(s)) => Ok(s),
            _ => Err(uninitialized()),
        }
    }
}

unsafe fn open_st<'a>(op: *mut PyObject) -> PyResult<&'a mut StringState> {
    unsafe {
        let s = st(op)?;
        if s.closed {
            return Err(errors::value_error("I/O operation on closed file"));
        }
        Ok(s)
    }
}

/// Validate a `newline` argument (shared with TextIOWrapper).
pub unsafe fn check_newline(v: *mut PyObject) -> PyResult<Option<String>> {
    unsafe {
        if is_none(v) {
            return Ok(None);
        }
        if !o::unicodeobject::is_str(v) {
            return Err(errors::type_error(format!("newline must be str or None, not {}", type_name(v))));
        }
        let s = ok_or_clear(o::unicodeobject::as_str(v)).unwrap_or("?").to_string();
        if !matches!(s.as_str(), "" | "\n" | "\r" | "\r\n") {
            return Err(errors::value_error(format!("illegal newline value: {}", o::abstract_::repr_string(v))));
        }
        Ok(Some(s))
    }
}

unsafe extern "C" fn stringio_init(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        let a = parse_args("StringIO", args, kw, &["initial_value", "newline"], 0)?;
        let newline = if a[1].is_null() { Some("\n".to_string()) } else { check_newline(a[1])? };
        if !is_none(a[0]) && !o::unicodeobject::is_str(a[0]) {
            return Err(errors::type_error(format!("initial_value must be str or None, not {}", type_name(a[0]))));
        }
        let readuniversal = newline.as_deref().is_none_or(|n| n.is_empty());
        let readtranslate = newline.is_none();
        let nl: Option<Vec<u32>> = newline.as_ref().map(|n| n.chars().map(|c| c as u32).collect());
        let writenl = match &newline {
            Some(n) if n.starts_with('\r') => nl.clone(),
            _ => None,
        };
        set_state(
            op,
            IoState::Str(StringState {
                buf: Vec::new(),
                pos: 0,
                closed: false,
                decoder: if readuniversal { Some(NlState::new(readtranslate)) } else { None },
                readtranslate,
                readuniversal,
                readnl: nl,
                writenl,
            }),
        );
        if !is_none(a[0]) && o::unicodeobject::len(a[0]) > 0 {
            let s = st(op)?;
            write_chars(s, o::unicodeobject::codepoints(a[0]));
            s.pos = 0;
        }
        Ok(())
    })
}

fn write_chars(s: &mut StringState, chars: Vec<u32>) {
    let mut chars = match &mut s.decoder {
        Some(d) => d.decode(chars, true),
        None => chars,
    };
    if let Some(w) = &s.writenl {
        if w.as_slice() != [b'\n' as u32] {
            let mut t = Vec::with_capacity(chars.len());
            for c in chars {
                if c == b'\n' as u32 {
                    t.extend_from_slice(w);
                } else {
                    t.push(c);
                }
            }
            chars = t;
        }
    }
    if chars.is_empty() {
        return;
    }
    if s.pos > s.buf.len() {
        s.buf.resize(s.pos, 0);
    }
    let end = s.pos + chars.len();
    if end > s.buf.len() {
        s.buf.resize(end, 0);
    }
    s.buf[s.pos..end].copy_from_slice(&chars);
    s.pos = end;
}

unsafe extern "C" fn stringio_write(op: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !o::unicodeobject::is_str(v) {
            return Err(errors::type_error(format!("string argument expected, got '{}'", type_name(v))));
        }
        let s = open_st(op)?;
        let n = o::unicodeobject::len(v);
        if n > 0 {
            write_chars(s, o::unicodeobject::codepoints(v));
        }
        int(n as i64)
    })
}

unsafe extern "C" fn stringio_true(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        open_st(op)?;
        Ok(boolean(true))
    })
}

unsafe extern "C" fn stringio_close(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let s = st(op)?;
        s.closed = true;
        s.buf = Vec::new();
        Ok(none())
    })
}

unsafe extern "C" fn stringio_closed_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { Ok(boolean(st(op)?.closed)) })
}

unsafe extern "C" fn stringio_line_buffering_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe {
        open_st(op)?;
        Ok(boolean(false))
    })
}

unsafe extern "C" fn stringio_newlines_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe {
        let s = open_st(op)?;
        match &s.decoder {
            Some(d) => d.newlines(),
            None => Ok(none()),
        }
    })
}

unsafe extern "C" fn stringio_getvalue(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { o::unicodeobject::from_codepoints(&open_st(op)?.buf) })
}

unsafe extern "C" fn stringio_tell(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { int(open_st(op)?.pos as i64) })
}

fn take(s: &mut StringState, size: i64) -> Vec<u32> {
    let avail = s.buf.len().saturating_sub(s.pos);
    let n = if size < 0 || size as u64 > avail as u64 { avail } else { size as usize };
    let start = s.pos.min(s.buf.len());
    s.pos += n;
    s.buf[start..start + n].to_vec()
}

unsafe extern "C" fn stringio_read(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = positional("read", args, 0, 1)?;
        let size = optional_size(a[0], -1)?;
        let s = open_st(op)?;
        o::unicodeobject::from_codepoints(&take(s, size))
    })
}

/// Length of the line starting at `start` in `buf` (CPython's
/// `_PyIO_find_line_ending` rules), at most `limit` when >= 0.
pub fn line_length(buf: &[u32], translated: bool, universal: bool, readnl: Option<&[u32]>, limit: i64) -> usize {
    let cr = b'\r' as u32;
    let lf = b'\n' as u32;
    let mut n = buf.len();
    if translated {
        if let Some(i) = buf.iter().position(|&c| c == lf) {
            n = i + 1;
        }
    } else if universal {
        if let Some(i) = buf.iter().position(|&c| c == lf || c == cr) {
            n = if buf[i] == cr && i + 1 < buf.len() && buf[i + 1] == lf { i + 2 } else { i + 1 };
        }
    } else if let Some(nl) = readnl {
        if !nl.is_empty() {
            if let Some(i) = buf.windows(nl.len()).position(|w| w == nl) {
                n = i + nl.len();
            }
        }
    }
    if limit >= 0 && (limit as u64) < n as u64 {
        n = limit as usize;
    }
    n
}

unsafe fn readline(s: &mut StringState, limit: i64) -> PyResult<Owned> {
    unsafe {
        if s.pos >= s.buf.len() {
            return string("");
        }
        let n = line_length(&s.buf[s.pos..], s.readtranslate, s.readuniversal, s.readnl.as_deref(), limit);
        let line = take(s, n as i64);
        o::unicodeobject::from_codepoints(&line)
    }
}

unsafe extern "C" fn stringio_readline(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = positional("readline", args, 0, 1)?;
        let size = optional_size(a[0], -1)?;
        readline(open_st(op)?, size)
    })
}

unsafe extern "C" fn stringio_seek(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = positional("seek", args, 1, 2)?;
        let pos = index_i64(a[0])?;
        let whence = int_arg(a[1], 0)?;
        let s = open_st(op)?;
        if !(0..=2).contains(&whence) {
            return Err(errors::value_error(format!("Invalid whence ({}, should be 0, 1 or 2)", whence)));
        }
        if pos < 0 && whence == 0 {
            return Err(errors::value_error(format!("Negative seek position {}", pos)));
        }
        if whence != 0 && pos != 0 {
            return Err(errors::set_string(o::exceptions::PyExc_OSError, "Can't do nonzero cur-relative seeks"));
        }
        let p = match whence {
            0 => pos as usize,
            1 => s.pos,
            _ => s.buf.len(),
        };
        s.pos = p;
        int(p as i64)
    })
}

unsafe extern "C" fn stringio_truncate(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = positional("truncate", args, 0, 1)?;
        let s = open_st(op)?;
        let size = if is_none(a[0]) { s.pos as i64 } else { index_i64(a[0])? };
        if size < 0 {
            return Err(errors::value_error(format!("Negative size value {}", size)));
        }
        let s = open_st(op)?;
        if (size as u64) < s.buf.len() as u64 {
            s.buf.truncate(size as usize);
        }
        int(size)
    })
}

unsafe extern "C" fn stringio_getstate(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let s = open_st(op)?;
        let v = o::unicodeobject::from_codepoints(&s.buf)?;
        let nl = match &s.readnl {
            Some(n) => o::unicodeobject::from_codepoints(n)?,
            None => none(),
        };
        let p = int(s.pos as i64)?;
        let d = match Some((*(op as *mut IoObject)).dict).filter(|d| !d.is_null()) {
            Some(d) => o::dictobject::copy(d)?,
            None => none(),
        };
        o::tupleobject::pack(&[v.as_ptr(), nl.as_ptr(), p.as_ptr(), d.as_ptr()])
    })
}

unsafe extern "C" fn stringio_setstate(op: *mut PyObject, stt: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !o::tupleobject::is_tuple(stt) || o::tupleobject::as_slice(stt).len() < 4 {
            return Err(errors::type_error(format!(
                "{}.__setstate__ argument should be 4-tuple, got {}",
                type_name(op),
                type_name(stt)
            )));
        }
        let t = o::tupleobject::as_slice(stt);
        let args = o::tupleobject::pack(&[o::noneobject::none_ptr(), t[1]])?;
        if stringio_init(op, args.as_ptr(), null_mut()) < 0 {
            return Err(errors::Raised::assume());
        }
        if !o::unicodeobject::is_str(t[0]) {
            return Err(errors::type_error("initial_value must be str"));
        }
        let s = st(op)?;
        s.buf = o::unicodeobject::codepoints(t[0]);
        let pos = index_i64(t[2])?;
        if pos < 0 {
            return Err(errors::value_error("position value cannot be negative"));
        }
        s.pos = pos as usize;
        if !is_none(t[3]) {
            let d = getattr(op, "__dict__")?;
            o::dictobject::merge(d.as_ptr(), t[3], true)?;
        }
        Ok(none())
    })
}

unsafe fn next_line(op: *mut PyObject) -> PyResult<Option<Owned>> {
    unsafe {
        let line = if (*op).ob_type == &raw mut STRINGIO_TYPE {
            readline(open_st(op)?, -1)?
        } else {
            let l = call_method0(op, "readline")?;
            if !o::unicodeobject::is_str(l.as_ptr()) {
                return Err(errors::set_string(
                    o::exceptions::PyExc_OSError,
                    &format!("readline() should have returned a str object, not '{}'", type_name(l.as_ptr())),
                ));
            }
            l
        };
        if o::unicodeobject::len(line.as_ptr()) == 0 {
            return Ok(None);
        }
        Ok(Some(line))
    }
}

unsafe extern "C" fn stringio_iternext(op: *mut PyObject) -> *mut PyObject {
    unsafe {
        match next_line(op) {
            Ok(Some(l)) => l.into_raw(),
            _ => null_mut(),
        }
    }
}

unsafe extern "C" fn stringio_next_m(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { next_line(op)?.ok_or_else(errors::stop_iteration) })
}
