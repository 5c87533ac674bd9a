//! The `errno` module (CPython's `Modules/errnomodule.c`): the system's errno
//! symbols as ints and `errorcode` (code -> name).
//!
//! Design note. The names and values are data taken from CPython 3.11 on Linux
//! by `tools/gen_sys_tables.py` (`errno_table.rs`), in CPython's order, so the
//! module dict and `errorcode` iterate as CPython's do. For a code with
//! several names (`EAGAIN`/`EWOULDBLOCK` …) `errorcode` holds the one CPython
//! keeps.
use super::errno_table::{ERRNO_NAMES, ERRORCODE};
use crate::objects::pyref::Owned;
use crate::objects::{dictobject, longobject, moduleobject, unicodeobject};
use crate::runtime::errors::PyResult;
use crate::runtime::ffi::guard_obj;

const DOC: &std::ffi::CStr = c"This module makes available standard errno system symbols.\n\nThe value of each symbol is the corresponding integer value,\ne.g., on most systems, errno.ENOENT equals the integer 2.\n\nThe dictionary errno.errorcode maps numeric codes to symbol names,\ne.g., errno.errorcode[2] could be the string 'ENOENT'.\n\nSymbols that are not relevant to the underlying system are not defined.\n\nTo map error codes to error messages, use the function os.strerror(),\ne.g. os.strerror(2) could return 'No such file or directory'.";

/// The value of errno symbol `name` on this system.
pub fn code_of(name: &str) -> Option<i32> {
    ERRNO_NAMES.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
}

/// The name `errno.errorcode` gives `code`.
pub fn name_of(code: i32) -> Option<&'static str> {
    ERRORCODE.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

fn build() -> PyResult<Owned> {
    let name = unicodeobject::from_str("errno")?;
    let m = moduleobject::new_module(name.as_ptr())?;
    // SAFETY: `m` is a fresh module object; the doc is a static C string.
    unsafe {
        moduleobject::set_doc(m.as_ptr(), DOC.as_ptr())?;
        let errorcode = dictobject::new_dict()?;
        moduleobject::add_object_ref(m.as_ptr(), "errorcode", errorcode.as_ptr())?;
        for (n, v) in ERRNO_NAMES {
            let value = longobject::from_i64(*v as i64)?;
            moduleobject::add_object_ref(m.as_ptr(), n, value.as_ptr())?;
        }
        for (c, n) in ERRORCODE {
            let (k, v) = (longobject::from_i64(*c as i64)?, unicodeobject::from_str(n)?);
            dictobject::set_item(errorcode.as_ptr(), k.as_ptr(), v.as_ptr())?;
        }
    }
    Ok(m)
}

/// Build the `errno` module object (the import system registers it).
pub fn init_module() -> *mut crate::objects::object::PyObject {
    guard_obj(build)
}
