//! `Include/pyerrors.h`: the error indicator and exception helpers.
use crate::objects::object::*;
use crate::objects::pyref::{self, Owned};
use crate::objects::{exceptions as exc, typeobject, unicodeobject};
use crate::runtime::errors;
use crate::runtime::ffi::{cstr, guard, guard_obj};
use core::ptr::null_mut;
use libc::{c_char, c_int};

#[no_mangle]
pub unsafe extern "C" fn PyErr_SetString(t: *mut PyObject, msg: *const c_char) {
    unsafe {
        let m = if msg.is_null() { String::new() } else { std::ffi::CStr::from_ptr(msg).to_string_lossy().into_owned() };
        let _ = errors::set_string(t, &m);
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetObject(t: *mut PyObject, v: *mut PyObject) {
    let _ = errors::set_object(t, v);
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetNone(t: *mut PyObject) {
    let _ = errors::set_none(t);
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_Occurred() -> *mut PyObject {
    errors::occurred()
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_Clear() {
    errors::clear()
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_Fetch(t: *mut *mut PyObject, v: *mut *mut PyObject, tb: *mut *mut PyObject) {
    unsafe {
        let (a, b, c) = errors::fetch();
        if !t.is_null() { *t = a } else { pyref::xdecref(a) }
        if !v.is_null() { *v = b } else { pyref::xdecref(b) }
        if !tb.is_null() { *tb = c } else { pyref::xdecref(c) }
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_Restore(t: *mut PyObject, v: *mut PyObject, tb: *mut PyObject) {
    unsafe {
        if t.is_null() {
            pyref::xdecref(v);
            pyref::xdecref(tb);
            errors::clear();
            return;
        }
        errors::restore(t, v, tb)
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_NormalizeException(t: *mut *mut PyObject, v: *mut *mut PyObject, tb: *mut *mut PyObject) {
    unsafe {
        if t.is_null() || v.is_null() || tb.is_null() {
            return;
        }
        errors::normalize(&mut *t, &mut *v, &mut *tb)
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_GetExcInfo(t: *mut *mut PyObject, v: *mut *mut PyObject, tb: *mut *mut PyObject) {
    unsafe {
        let ts = crate::runtime::pystate::current();
        let e = (*ts).exc_value;
        if e.is_null() || e == crate::objects::noneobject::none_ptr() {
            *t = null_mut();
            *v = null_mut();
            *tb = null_mut();
            return;
        }
        *t = pyref::new_ref((*e).ob_type as *mut PyObject);
        *v = pyref::new_ref(e);
        *tb = exc::get_traceback_raw(e);
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetExcInfo(t: *mut PyObject, v: *mut PyObject, tb: *mut PyObject) {
    unsafe {
        let ts = crate::runtime::pystate::current();
        pyref::xdecref(t);
        pyref::xdecref(tb);
        let old = (*ts).exc_value;
        (*ts).exc_value = v;
        pyref::xdecref(old);
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_GetHandledException() -> *mut PyObject {
    unsafe {
        let e = (*crate::runtime::pystate::current()).exc_value;
        if e.is_null() { null_mut() } else { pyref::new_ref(e) }
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetHandledException(e: *mut PyObject) {
    unsafe {
        let ts = crate::runtime::pystate::current();
        pyref::xincref(e);
        pyref::setref(&mut (*ts).exc_value, e);
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_ExceptionMatches(e: *mut PyObject) -> c_int {
    errors::exception_matches(e) as c_int
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_GivenExceptionMatches(given: *mut PyObject, e: *mut PyObject) -> c_int {
    errors::given_exception_matches(given, e) as c_int
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_NoMemory() -> *mut PyObject {
    let _ = errors::no_memory();
    null_mut()
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_BadArgument() -> c_int {
    let _ = errors::bad_argument();
    0
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_BadInternalCall() {
    let _ = errors::bad_internal_call();
}
#[no_mangle]
pub unsafe extern "C" fn _PyErr_BadInternalCall(_file: *const c_char, _line: c_int) {
    let _ = errors::bad_internal_call();
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_WriteUnraisable(obj: *mut PyObject) {
    errors::write_unraisable(obj)
}
/// `_PyErr_WriteUnraisableMsg`: as `PyErr_WriteUnraisable`, with `err_msg`
/// (UTF-8, may be NULL): "Exception ignored <err_msg>" in place of
/// "Exception ignored in".
#[no_mangle]
pub unsafe extern "C" fn _PyErr_WriteUnraisableMsg(err_msg: *const c_char, obj: *mut PyObject) {
    let msg = if err_msg.is_null() { None } else { Some(unsafe { std::ffi::CStr::from_ptr(err_msg) }.to_string_lossy().into_owned()) };
    crate::modules::sys::write_unraisable_msg(msg.as_deref(), obj)
}
#[no_mangle]
pub unsafe extern "C" fn PyException_GetTraceback(e: *mut PyObject) -> *mut PyObject {
    unsafe { exc::get_traceback_raw(e) }
}
#[no_mangle]
pub unsafe extern "C" fn PyException_SetTraceback(e: *mut PyObject, tb: *mut PyObject) -> c_int {
    unsafe {
        let tb = if tb == crate::objects::noneobject::none_ptr() { null_mut() } else { tb };
        exc::set_traceback_raw(e, tb);
        0
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyException_GetContext(e: *mut PyObject) -> *mut PyObject {
    unsafe {
        let c = exc::get_context_raw(e);
        pyref::xincref(c);
        c
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyException_SetContext(e: *mut PyObject, ctx: *mut PyObject) {
    unsafe { exc::set_context_raw(e, ctx) }
}
#[no_mangle]
pub unsafe extern "C" fn PyException_GetCause(e: *mut PyObject) -> *mut PyObject {
    unsafe {
        let c = (*(e as *mut exc::PyBaseExceptionObject)).cause;
        pyref::xincref(c);
        c
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyException_SetCause(e: *mut PyObject, cause: *mut PyObject) {
    unsafe { exc::set_cause_raw(e, cause) }
}
#[no_mangle]
pub unsafe extern "C" fn PyException_GetArgs(e: *mut PyObject) -> *mut PyObject {
    unsafe {
        let a = exc::args_raw(e);
        pyref::xincref(a);
        a
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyExceptionClass_Name(t: *mut PyObject) -> *const c_char {
    unsafe { (*(t as *mut PyTypeObject)).tp_name }
}

/// `PyErr_NewException("module.Name", base, dict)`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_NewException(name: *const c_char, base: *mut PyObject, dict: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { new_exception(cstr(name)?, base, dict, None) })
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_NewExceptionWithDoc(
    name: *const c_char,
    doc: *const c_char,
    base: *mut PyObject,
    dict: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| unsafe {
        let d = if doc.is_null() { None } else { Some(cstr(doc)?) };
        new_exception(cstr(name)?, base, dict, d)
    })
}

unsafe fn new_exception(name: &str, base: *mut PyObject, dict: *mut PyObject, doc: Option<&str>) -> crate::PyResult<Owned> {
    use crate::objects::{dictobject, tupleobject};
    unsafe {
        let Some(dot) = name.rfind('.') else {
            return Err(errors::system_error("PyErr_NewException: name must be module.class"));
        };
        let base = if base.is_null() { exc::PyExc_Exception } else { base };
        let d = if dict.is_null() { dictobject::new_dict()? } else { Owned::from_borrowed(dict) };
        if dictobject::get_item_str(d.as_ptr(), "__module__")?.is_none() {
            let m = unicodeobject::from_str(&name[..dot])?;
            dictobject::set_item_str(d.as_ptr(), "__module__", m.as_ptr())?;
        }
        if let Some(doc) = doc {
            let s = unicodeobject::from_str(doc)?;
            dictobject::set_item_str(d.as_ptr(), "__doc__", s.as_ptr())?;
        }
        let bases = if tupleobject::is_tuple(base) { Owned::from_borrowed(base) } else { tupleobject::pack(&[base])? };
        let n = unicodeobject::from_str(&name[dot + 1..])?;
        let args = tupleobject::pack(&[n.as_ptr(), bases.as_ptr(), d.as_ptr()])?;
        crate::objects::abstract_::call(typeobject::type_type() as *mut PyObject, args.as_ptr(), null_mut())
    }
}

/// `PyErr_PrintEx`: print the pending exception to stderr and clear it. The
/// traceback printer comes with the evaluator; until then the last line only.
#[no_mangle]
pub unsafe extern "C" fn PyErr_PrintEx(_set_sys_last_vars: c_int) {
    unsafe {
        let Some(e) = errors::fetch_instance() else { return };
        PyErr_Display(null_mut(), e.as_ptr(), null_mut());
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_Print() {
    unsafe { PyErr_PrintEx(1) }
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_Display(_t: *mut PyObject, v: *mut PyObject, _tb: *mut PyObject) {
    unsafe {
        if v.is_null() {
            return;
        }
        let tp = (*v).ob_type;
        let module = typeobject::module_name(tp).ok().map(|m| unicodeobject::to_string_lossy(m.as_ptr()));
        errors::clear();
        let name = typeobject::qualname(tp);
        let full = match module.as_deref() {
            Some("builtins") | Some("__main__") | None => name,
            Some(m) => format!("{}.{}", m, name),
        };
        let msg = crate::objects::abstract_::str_string(v);
        if msg.is_empty() {
            eprintln!("{}", full);
        } else {
            eprintln!("{}: {}", full, msg);
        }
    }
}

// ---- errno, import, syntax and Unicode errors (exceptions with fields) ----

unsafe fn errno_now() -> c_int {
    unsafe { *libc::__errno_location() }
}

/// `exc(errno, strerror(errno))`; always returns NULL.
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetFromErrno(t: *mut PyObject) -> *mut PyObject {
    unsafe {
        let e = errno_now();
        let _ = exc::set_from_errno(t, e, null_mut(), null_mut());
    }
    null_mut()
}

#[no_mangle]
pub unsafe extern "C" fn PyErr_SetFromErrnoWithFilenameObject(t: *mut PyObject, filename: *mut PyObject) -> *mut PyObject {
    unsafe {
        let e = errno_now();
        let _ = exc::set_from_errno(t, e, filename, null_mut());
    }
    null_mut()
}

#[no_mangle]
pub unsafe extern "C" fn PyErr_SetFromErrnoWithFilenameObjects(t: *mut PyObject, f1: *mut PyObject, f2: *mut PyObject) -> *mut PyObject {
    unsafe {
        let e = errno_now();
        let _ = exc::set_from_errno(t, e, f1, f2);
    }
    null_mut()
}

/// The filename is decoded as UTF-8 (the file system encoding here).
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetFromErrnoWithFilename(t: *mut PyObject, filename: *const c_char) -> *mut PyObject {
    unsafe {
        let e = errno_now();
        if filename.is_null() {
            let _ = exc::set_from_errno(t, e, null_mut(), null_mut());
            return null_mut();
        }
        let f = std::ffi::CStr::from_ptr(filename).to_string_lossy().into_owned();
        match unicodeobject::from_str(&f) {
            Ok(fo) => {
                let _ = exc::set_from_errno(t, e, fo.as_ptr(), null_mut());
            }
            Err(_) => {}
        }
        null_mut()
    }
}

/// Raise `exception(msg, name=name, path=path)`; `exception` must be a
/// subclass of ImportError. Always returns NULL.
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetImportErrorSubclass(
    exception: *mut PyObject,
    msg: *mut PyObject,
    name: *mut PyObject,
    path: *mut PyObject,
) -> *mut PyObject {
    let _: *mut PyObject = guard_obj(|| unsafe {
        if exception.is_null()
            || !typeobject::is_type(exception)
            || !typeobject::is_subtype(exception as *mut PyTypeObject, exc::PyExc_ImportError as *mut PyTypeObject)
        {
            return Err(errors::type_error("expected a subclass of ImportError"));
        }
        if msg.is_null() {
            return Err(errors::type_error("expected a message argument"));
        }
        let none = crate::objects::noneobject::none_ptr();
        let args = crate::objects::tupleobject::pack(&[msg])?;
        let kw = crate::objects::dictobject::new_dict()?;
        crate::objects::dictobject::set_item_str(kw.as_ptr(), "name", if name.is_null() { none } else { name })?;
        crate::objects::dictobject::set_item_str(kw.as_ptr(), "path", if path.is_null() { none } else { path })?;
        let e = crate::objects::abstract_::call(exception, args.as_ptr(), kw.as_ptr())?;
        Err(errors::set_object((*e.as_ptr()).ob_type as *mut PyObject, e.as_ptr()))
    });
    null_mut()
}

#[no_mangle]
pub unsafe extern "C" fn PyErr_SetImportError(msg: *mut PyObject, name: *mut PyObject, path: *mut PyObject) -> *mut PyObject {
    unsafe { PyErr_SetImportErrorSubclass(exc::PyExc_ImportError, msg, name, path) }
}

/// Line `lineno` (from 1) of the file `filename`, without its line end; None
/// when the file or line cannot be read.
fn program_text(filename: &str, lineno: i32) -> Option<String> {
    if lineno < 1 {
        return None;
    }
    let data = std::fs::read(filename).ok()?;
    let line = data.split(|&b| b == b'\n').nth(lineno as usize - 1)?;
    let mut s = String::from_utf8_lossy(line).into_owned();
    s.push('\n');
    Some(s)
}

/// The source line as a str (new reference), or NULL with no exception set.
#[no_mangle]
pub unsafe extern "C" fn PyErr_ProgramTextObject(filename: *mut PyObject, lineno: c_int) -> *mut PyObject {
    unsafe {
        if filename.is_null() || !unicodeobject::is_str(filename) {
            return null_mut();
        }
        let f = unicodeobject::to_string_lossy(filename);
        match program_text(&f, lineno).map(|s| unicodeobject::from_str(&s)) {
            Some(Ok(s)) => s.into_raw(),
            Some(Err(_)) => {
                errors::clear();
                null_mut()
            }
            None => null_mut(),
        }
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyErr_ProgramText(filename: *const c_char, lineno: c_int) -> *mut PyObject {
    unsafe {
        if filename.is_null() {
            return null_mut();
        }
        let f = std::ffi::CStr::from_ptr(filename).to_string_lossy().into_owned();
        match program_text(&f, lineno).map(|s| unicodeobject::from_str(&s)) {
            Some(Ok(s)) => s.into_raw(),
            Some(Err(_)) => {
                errors::clear();
                null_mut()
            }
            None => null_mut(),
        }
    }
}

/// Add `lineno`, `offset`, `filename` and `text` to the pending exception
/// (normally a SyntaxError). Failures to set an attribute are ignored, as in CPython.
#[no_mangle]
pub unsafe extern "C" fn PyErr_SyntaxLocationObject(filename: *mut PyObject, lineno: c_int, col_offset: c_int) {
    unsafe {
        let Some(v) = errors::fetch_instance() else { return };
        let setattr = |name: &str, val: *mut PyObject| {
            match unicodeobject::from_str(name) {
                Ok(n) => {
                    if crate::objects::abstract_::setattr(v.as_ptr(), n.as_ptr(), val).is_err() {
                        errors::clear();
                    }
                }
                Err(_) => errors::clear(),
            }
        };
        let none = crate::objects::noneobject::none_ptr();
        match crate::objects::longobject::from_i64(lineno as i64) {
            Ok(l) => setattr("lineno", l.as_ptr()),
            Err(_) => errors::clear(),
        }
        if col_offset >= 0 {
            match crate::objects::longobject::from_i64(col_offset as i64) {
                Ok(o) => setattr("offset", o.as_ptr()),
                Err(_) => errors::clear(),
            }
        } else {
            setattr("offset", none);
        }
        // 3.11 records the end as the same line, end column unknown.
        match crate::objects::longobject::from_i64(lineno as i64) {
            Ok(l) => setattr("end_lineno", l.as_ptr()),
            Err(_) => errors::clear(),
        }
        setattr("end_offset", none);
        if !filename.is_null() {
            setattr("filename", filename);
            let t = PyErr_ProgramTextObject(filename, lineno);
            if let Some(t) = Owned::from_raw_opt(t) {
                setattr("text", t.as_ptr());
            }
        }
        // Other exception types get the SyntaxError attributes they lack.
        if (*v.as_ptr()).ob_type != exc::PyExc_SyntaxError as *mut PyTypeObject {
            match unicodeobject::from_str("msg") {
                Ok(n) => match crate::objects::abstract_::lookup_attr(v.as_ptr(), n.as_ptr()) {
                    Ok(Some(_)) => {}
                    Ok(None) => match crate::objects::abstract_::str(v.as_ptr()) {
                        Ok(m) => setattr("msg", m.as_ptr()),
                        Err(_) => errors::clear(),
                    },
                    Err(_) => errors::clear(),
                },
                Err(_) => errors::clear(),
            }
            match unicodeobject::from_str("print_file_and_line") {
                Ok(n) => match crate::objects::abstract_::lookup_attr(v.as_ptr(), n.as_ptr()) {
                    Ok(Some(_)) => {}
                    Ok(None) => setattr("print_file_and_line", none),
                    Err(_) => errors::clear(),
                },
                Err(_) => errors::clear(),
            }
        }
        let _ = errors::restore_instance(v);
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyErr_SyntaxLocationEx(filename: *const c_char, lineno: c_int, col_offset: c_int) {
    unsafe {
        let f = if filename.is_null() {
            None
        } else {
            let s = std::ffi::CStr::from_ptr(filename).to_string_lossy().into_owned();
            match unicodeobject::from_str(&s) {
                Ok(o) => Some(o),
                Err(_) => {
                    errors::clear();
                    None
                }
            }
        };
        PyErr_SyntaxLocationObject(f.as_ref().map_or(null_mut(), |o| o.as_ptr()), lineno, col_offset);
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyErr_SyntaxLocation(filename: *const c_char, lineno: c_int) {
    unsafe { PyErr_SyntaxLocationEx(filename, lineno, -1) }
}

/// Signals are delivered once the evaluator's eval breaker exists; nothing pends yet.
#[no_mangle]
pub unsafe extern "C" fn PyErr_CheckSignals() -> c_int {
    0
}

// ---- PyUnicode{Decode,Encode,Translate}Error_* ----

/// `UnicodeDecodeError(encoding, object, start, end, reason)`. The object must
/// be a bytes object, and the `bytes` type is not part of this build yet: the
/// call raises SystemError until it is.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeDecodeError_Create(
    encoding: *const c_char,
    _object: *const c_char,
    _length: Py_ssize_t,
    _start: Py_ssize_t,
    _end: Py_ssize_t,
    reason: *const c_char,
) -> *mut PyObject {
    guard_obj(|| unsafe {
        cstr(encoding)?;
        cstr(reason)?;
        Err(errors::system_error("PyUnicodeDecodeError_Create: bytes objects are not available yet"))
    })
}

// The three families share these bodies; the exported functions are spelled
// out (not macro-generated) so cbindgen declares them.

unsafe fn ue_get_object(e: *mut PyObject, bytes: bool) -> *mut PyObject {
    guard_obj(|| unsafe { exc::unicode_error_object(e, bytes) })
}

/// `start`, clamped into the object as CPython 3.11 does.
unsafe fn ue_get_start(e: *mut PyObject, bytes: bool, start: *mut Py_ssize_t) -> c_int {
    guard(|| unsafe {
        let size = exc::unicode_error_len(e, bytes)?;
        let mut s = (*exc::unicode_error(e)?).start;
        if s < 0 {
            s = 0;
        }
        if s >= size {
            s = if size == 0 { 0 } else { size - 1 };
        }
        *start = s;
        Ok(0)
    })
}

/// `end`, clamped to 1..=len(object).
unsafe fn ue_get_end(e: *mut PyObject, bytes: bool, end: *mut Py_ssize_t) -> c_int {
    guard(|| unsafe {
        let size = exc::unicode_error_len(e, bytes)?;
        let mut s = (*exc::unicode_error(e)?).end;
        if s < 1 {
            s = 1;
        }
        if s > size {
            s = size;
        }
        *end = s;
        Ok(0)
    })
}

unsafe fn ue_set_start(e: *mut PyObject, start: Py_ssize_t) -> c_int {
    guard(|| unsafe {
        (*exc::unicode_error(e)?).start = start;
        Ok(0)
    })
}

unsafe fn ue_set_end(e: *mut PyObject, end: Py_ssize_t) -> c_int {
    guard(|| unsafe {
        (*exc::unicode_error(e)?).end = end;
        Ok(0)
    })
}

unsafe fn ue_get_reason(e: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { exc::unicode_error_str_attr((*exc::unicode_error(e)?).reason, "reason") })
}

unsafe fn ue_set_reason(e: *mut PyObject, reason: *const c_char) -> c_int {
    guard(|| unsafe {
        let p = exc::unicode_error(e)?;
        let r = unicodeobject::from_str(cstr(reason)?)?;
        pyref::setref(&mut (*p).reason, r.into_raw());
        Ok(0)
    })
}

/// New reference to `object` (str).
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeEncodeError_GetObject(e: *mut PyObject) -> *mut PyObject {
    unsafe { ue_get_object(e, false) }
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeEncodeError_GetStart(e: *mut PyObject, start: *mut Py_ssize_t) -> c_int {
    unsafe { ue_get_start(e, false, start) }
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeEncodeError_GetEnd(e: *mut PyObject, end: *mut Py_ssize_t) -> c_int {
    unsafe { ue_get_end(e, false, end) }
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeEncodeError_SetStart(e: *mut PyObject, start: Py_ssize_t) -> c_int {
    unsafe { ue_set_start(e, start) }
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeEncodeError_SetEnd(e: *mut PyObject, end: Py_ssize_t) -> c_int {
    unsafe { ue_set_end(e, end) }
}
/// New reference to `reason`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeEncodeError_GetReason(e: *mut PyObject) -> *mut PyObject {
    unsafe { ue_get_reason(e) }
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeEncodeError_SetReason(e: *mut PyObject, reason: *const c_char) -> c_int {
    unsafe { ue_set_reason(e, reason) }
}

/// New reference to `object` (bytes).
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeDecodeError_GetObject(e: *mut PyObject) -> *mut PyObject {
    unsafe { ue_get_object(e, true) }
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeDecodeError_GetStart(e: *mut PyObject, start: *mut Py_ssize_t) -> c_int {
    unsafe { ue_get_start(e, true, start) }
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeDecodeError_GetEnd(e: *mut PyObject, end: *mut Py_ssize_t) -> c_int {
    unsafe { ue_get_end(e, true, end) }
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeDecodeError_SetStart(e: *mut PyObject, start: Py_ssize_t) -> c_int {
    unsafe { ue_set_start(e, start) }
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeDecodeError_SetEnd(e: *mut PyObject, end: Py_ssize_t) -> c_int {
    unsafe { ue_set_end(e, end) }
}
/// New reference to `reason`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeDecodeError_GetReason(e: *mut PyObject) -> *mut PyObject {
    unsafe { ue_get_reason(e) }
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeDecodeError_SetReason(e: *mut PyObject, reason: *const c_char) -> c_int {
    unsafe { ue_set_reason(e, reason) }
}

/// New reference to `object` (str).
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeTranslateError_GetObject(e: *mut PyObject) -> *mut PyObject {
    unsafe { ue_get_object(e, false) }
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeTranslateError_GetStart(e: *mut PyObject, start: *mut Py_ssize_t) -> c_int {
    unsafe { ue_get_start(e, false, start) }
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeTranslateError_GetEnd(e: *mut PyObject, end: *mut Py_ssize_t) -> c_int {
    unsafe { ue_get_end(e, false, end) }
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeTranslateError_SetStart(e: *mut PyObject, start: Py_ssize_t) -> c_int {
    unsafe { ue_set_start(e, start) }
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeTranslateError_SetEnd(e: *mut PyObject, end: Py_ssize_t) -> c_int {
    unsafe { ue_set_end(e, end) }
}
/// New reference to `reason`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeTranslateError_GetReason(e: *mut PyObject) -> *mut PyObject {
    unsafe { ue_get_reason(e) }
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeTranslateError_SetReason(e: *mut PyObject, reason: *const c_char) -> c_int {
    unsafe { ue_set_reason(e, reason) }
}

/// New reference to `encoding`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicodeEncodeError_GetEncoding(e: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { exc::unicode_error_str_attr((*exc::unicode_error(e)?).encoding, "encoding") })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicodeDecodeError_GetEncoding(e: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { exc::unicode_error_str_attr((*exc::unicode_error(e)?).encoding, "encoding") })
}
