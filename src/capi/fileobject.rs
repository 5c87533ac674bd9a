//! `Include/fileobject.h`: writing to and reading from file-like objects.
//! The logic is `objects::fileobject`; these are thin wrappers.
use crate::objects::fileobject as fo;
use crate::objects::object::*;
use crate::objects::unicodeobject;
use crate::runtime::errors;
use crate::runtime::ffi::{cstr, guard_obj, guard_unit};
use libc::{c_char, c_int};

/// `f.write(str(v))` when `flags & Py_PRINT_RAW`, else `f.write(repr(v))`; 0 or -1.
#[no_mangle]
pub unsafe extern "C" fn PyFile_WriteObject(v: *mut PyObject, f: *mut PyObject, flags: c_int) -> c_int {
    guard_unit(|| unsafe {
        if v.is_null() {
            return Err(errors::bad_internal_call());
        }
        fo::write_object(v, f, flags & crate::capi::abstract_::Py_PRINT_RAW != 0)
    })
}

/// `f.write(s)` for a UTF-8 C string; -1 at once if an exception is already set.
#[no_mangle]
pub unsafe extern "C" fn PyFile_WriteString(s: *const c_char, f: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        if !errors::occurred().is_null() {
            return Err(errors::Raised::assume());
        }
        if f.is_null() {
            return Err(errors::system_error("null file for PyFile_WriteString"));
        }
        let v = unicodeobject::from_str(cstr(s)?)?;
        fo::write_object(v.as_ptr(), f, true)
    })
}

/// `f.readline()` (n <= 0) or `f.readline(n)`; for n < 0 EOFError at end of
/// file and the trailing newline removed. New reference.
#[no_mangle]
pub unsafe extern "C" fn PyFile_GetLine(f: *mut PyObject, n: c_int) -> *mut PyObject {
    guard_obj(|| unsafe { fo::get_line(f, n) })
}
