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

/// `PyErr_WarnEx`: prints the warning to stderr until the warnings module exists.
#[no_mangle]
pub unsafe extern "C" fn PyErr_WarnEx(category: *mut PyObject, msg: *const c_char, _stack: isize) -> c_int {
    guard(|| unsafe {
        let cat = if category.is_null() { exc::PyExc_RuntimeWarning } else { category };
        let m = cstr(msg)?;
        eprintln!("<sys>:0: {}: {}", typeobject::type_name_str(cat as *mut PyTypeObject), m);
        Ok(0)
    })
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
