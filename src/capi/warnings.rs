//! `Include/warnings.h`: issuing warnings from C. The machinery (filters,
//! registries, display) is `src/modules/warnings.rs`; each function returns
//! 0, or -1 with the exception set when a filter turns the warning into an
//! error or something failed. `PyErr_WarnFormat`, `PyErr_ResourceWarning`
//! and `PyErr_WarnExplicitFormat` are variadic: C shims in
//! `src/shims/errors.c` that format the message and call `Pyrite_WarnObject`
//! or `PyErr_WarnExplicitObject`.
use crate::modules::warnings as w;
use crate::objects::exceptions as exc;
use crate::objects::object::*;
use crate::objects::unicodeobject;
use crate::runtime::ffi::{cstr, guard_unit, nonnull, nonnull_c};
use core::ptr::null_mut;
use libc::{c_char, c_int};

/// `PyErr_WarnEx`: warn `category` (NULL: RuntimeWarning) with a UTF-8
/// message, attributed to the caller `stack_level` frames up.
#[no_mangle]
pub unsafe extern "C" fn PyErr_WarnEx(category: *mut PyObject, text: *const c_char, stack_level: Py_ssize_t) -> c_int {
    guard_unit(|| unsafe {
        let m = unicodeobject::from_str(cstr(text)?)?;
        w::warn_unicode(category, m.as_ptr(), stack_level, null_mut())
    })
}

/// pyrite's `warn_unicode` for the C shims: `message` is a str (or a
/// Warning instance), `source` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn Pyrite_WarnObject(category: *mut PyObject, message: *mut PyObject, stack_level: Py_ssize_t, source: *mut PyObject) -> c_int {
    guard_unit(|| unsafe { w::warn_unicode(category, nonnull(message)?, stack_level, source) })
}

/// `PyErr_WarnExplicitObject`: warn with an explicit location; `module` and
/// `registry` may be NULL (the module is then derived from the file name).
#[no_mangle]
pub unsafe extern "C" fn PyErr_WarnExplicitObject(
    category: *mut PyObject,
    message: *mut PyObject,
    filename: *mut PyObject,
    lineno: c_int,
    module: *mut PyObject,
    registry: *mut PyObject,
) -> c_int {
    guard_unit(|| unsafe {
        let category = if category.is_null() { exc::PyExc_RuntimeWarning } else { category };
        w::warn_explicit(category, nonnull(message)?, nonnull(filename)?, lineno as i64, module, registry, null_mut(), null_mut())
    })
}

/// `PyErr_WarnExplicit`: `PyErr_WarnExplicitObject` with C strings
/// (`module` may be NULL).
#[no_mangle]
pub unsafe extern "C" fn PyErr_WarnExplicit(
    category: *mut PyObject,
    text: *const c_char,
    filename: *const c_char,
    lineno: c_int,
    module: *const c_char,
    registry: *mut PyObject,
) -> c_int {
    guard_unit(|| unsafe {
        let message = unicodeobject::from_str(cstr(text)?)?;
        let file = crate::capi::unicodeobject::PyUnicode_DecodeFSDefault(nonnull_c(filename)?);
        let file = crate::objects::pyref::Owned::from_raw(file)?;
        let module = if module.is_null() { None } else { Some(unicodeobject::from_str(cstr(module)?)?) };
        let category = if category.is_null() { exc::PyExc_RuntimeWarning } else { category };
        w::warn_explicit(
            category,
            message.as_ptr(),
            file.as_ptr(),
            lineno as i64,
            module.as_ref().map_or(null_mut(), |m| m.as_ptr()),
            registry,
            null_mut(),
            null_mut(),
        )
    })
}
