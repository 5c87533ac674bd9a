//! The file protocol as the C API sees it (CPython's `Objects/fileobject.c`):
//! writing an object through a file's `write` method and reading a line
//! through its `readline`, whatever the file object is.
//!
//! Design note. These are what `print()` and `input()` use, so their
//! messages are CPython's ("writeobject with NULL file", "object.readline()
//! returned non-string", "EOF when reading a line").
use super::abstract_ as ab;
use super::object::*;
use super::pyref::*;
use super::{bytesobject, longobject, unicodeobject};
use crate::runtime::errors::{self, PyResult};

/// `PyFile_WriteObject`: `f.write(str(v))` with `raw`, else `f.write(repr(v))`.
pub unsafe fn write_object(v: *mut PyObject, f: *mut PyObject, raw: bool) -> PyResult<()> {
    unsafe {
        if f.is_null() {
            return Err(errors::type_error("writeobject with NULL file"));
        }
        let w = ab::getattr_str(f, "write")?;
        let s = if raw { ab::str(v)? } else { ab::repr(v)? };
        ab::call_function(w.as_ptr(), &[s.as_ptr()])?;
        Ok(())
    }
}

/// `PyFile_GetLine`: `f.readline()` (or `f.readline(n)` for n > 0); with
/// n < 0 an empty result is EOFError and one trailing newline is dropped.
pub unsafe fn get_line(f: *mut PyObject, n: i32) -> PyResult<Owned> {
    unsafe {
        if f.is_null() {
            return Err(errors::bad_internal_call());
        }
        let line = if n <= 0 {
            ab::call_method(f, "readline", &[])?
        } else {
            let count = longobject::from_i64(n as i64)?;
            ab::call_method(f, "readline", &[count.as_ptr()])?
        };
        let is_bytes = bytesobject::is_bytes(line.as_ptr());
        if !is_bytes && !unicodeobject::is_str(line.as_ptr()) {
            return Err(errors::type_error("object.readline() returned non-string"));
        }
        if n >= 0 {
            return Ok(line);
        }
        if is_bytes {
            let b = bytesobject::as_slice(line.as_ptr());
            return match b.last() {
                None => Err(crate::raise!(PyExc_EOFError, "EOF when reading a line")),
                Some(b'\n') => bytesobject::from_slice(&b[..b.len() - 1]),
                Some(_) => Ok(line),
            };
        }
        let len = unicodeobject::len(line.as_ptr()) as usize;
        if len == 0 {
            return Err(crate::raise!(PyExc_EOFError, "EOF when reading a line"));
        }
        if unicodeobject::read(line.as_ptr(), len - 1) == '\n' as u32 {
            let cps = unicodeobject::codepoints(line.as_ptr());
            return unicodeobject::from_codepoints(&cps[..len - 1]);
        }
        Ok(line)
    }
}
