//! Compiling source from C: `Py_CompileString*` (CPython's pythonrun.h).
//! All of them go through `runtime::pythonrun::compile_source`.

use crate::objects::object::*;
use crate::objects::unicodeobject;
use crate::runtime::errors;
use crate::runtime::ffi::guard_obj;
use crate::runtime::pythonrun::compile_source;
use core::ptr::null_mut;
use libc::{c_char, c_int};

unsafe fn source_bytes<'a>(s: *const c_char) -> Result<&'a [u8], errors::Raised> {
    if s.is_null() {
        return Err(errors::bad_internal_call());
    }
    // SAFETY: the caller passes a NUL-terminated string.
    Ok(unsafe { std::ffi::CStr::from_ptr(s) }.to_bytes())
}

unsafe fn compile_c(
    s: *const c_char,
    filename: String,
    start: c_int,
    flags: *mut PyCompilerFlags,
    optimize: c_int,
) -> *mut PyObject {
    guard_obj(|| unsafe {
        let src = source_bytes(s)?;
        let f = if flags.is_null() { 0 } else { (*flags).cf_flags };
        compile_source(src, &filename, start, f, optimize)
    })
}

unsafe fn filename_of(p: *const c_char) -> String {
    if p.is_null() {
        return "<string>".into();
    }
    // SAFETY: a NUL-terminated file name (file-system encoding: UTF-8 here).
    String::from_utf8_lossy(unsafe { std::ffi::CStr::from_ptr(p) }.to_bytes()).into_owned()
}

#[no_mangle]
pub unsafe extern "C" fn Py_CompileString(s: *const c_char, filename: *const c_char, start: c_int) -> *mut PyObject {
    unsafe { compile_c(s, filename_of(filename), start, null_mut(), -1) }
}

#[no_mangle]
pub unsafe extern "C" fn Py_CompileStringFlags(
    s: *const c_char,
    filename: *const c_char,
    start: c_int,
    flags: *mut PyCompilerFlags,
) -> *mut PyObject {
    unsafe { compile_c(s, filename_of(filename), start, flags, -1) }
}

#[no_mangle]
pub unsafe extern "C" fn Py_CompileStringExFlags(
    s: *const c_char,
    filename: *const c_char,
    start: c_int,
    flags: *mut PyCompilerFlags,
    optimize: c_int,
) -> *mut PyObject {
    unsafe { compile_c(s, filename_of(filename), start, flags, optimize) }
}

#[no_mangle]
pub unsafe extern "C" fn Py_CompileStringObject(
    s: *const c_char,
    filename: *mut PyObject,
    start: c_int,
    flags: *mut PyCompilerFlags,
    optimize: c_int,
) -> *mut PyObject {
    unsafe {
        if filename.is_null() || !unicodeobject::is_str(filename) {
            return guard_obj(|| Err(errors::bad_internal_call()));
        }
        compile_c(s, unicodeobject::to_string_lossy(filename), start, flags, optimize)
    }
}

/// `PyRun_StringFlags`: compile `s` with start symbol `start` and run it
/// with `globals`/`locals`. The filename is "<string>".
#[no_mangle]
pub unsafe extern "C" fn PyRun_StringFlags(
    s: *const c_char,
    start: c_int,
    globals: *mut PyObject,
    locals: *mut PyObject,
    flags: *mut PyCompilerFlags,
) -> *mut PyObject {
    guard_obj(|| unsafe {
        let src = source_bytes(s)?;
        if globals.is_null() || locals.is_null() {
            return Err(errors::bad_internal_call());
        }
        let f = if flags.is_null() { 0 } else { (*flags).cf_flags };
        let code = compile_source(src, "<string>", start, f, -1)?;
        crate::eval::eval_code(code.as_ptr(), globals, locals)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyRun_String(s: *const c_char, start: c_int, globals: *mut PyObject, locals: *mut PyObject) -> *mut PyObject {
    unsafe { PyRun_StringFlags(s, start, globals, locals, null_mut()) }
}
