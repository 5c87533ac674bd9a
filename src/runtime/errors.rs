//! The error indicator and the `PyResult` convention (CPython's `Python/errors.c`).
//!
//! Design note. Rust code returns `PyResult<T> = Result<T, Raised>`; `Raised` is a
//! zero-sized proof that an exception is pending in the thread state, so `Err`
//! costs nothing and maps to `NULL`/`-1` at the C boundary with no allocation.
//! Only the functions here (and `Raised::assume`, for callers that just got an
//! error return from C) make a `Raised`. `set_object` normalises at once: the
//! stored value is always an exception instance (3.12 does the same), except
//! what C code stores raw through `PyErr_Restore`, which is kept as given and
//! normalised by `PyErr_NormalizeException`/`fetch_normalized`.
use crate::objects::exceptions as exc;
use crate::objects::object::*;
use crate::objects::pyref::{decref, incref, xdecref, Owned};
use crate::runtime::pystate;
use core::ptr::null_mut;

/// Proof that an exception is pending.
#[derive(Debug)]
#[must_use]
pub struct Raised(());

impl Raised {
    /// The caller has seen an error return (NULL / -1) and knows an exception is set.
    #[inline(always)]
    pub unsafe fn assume() -> Raised {
        Raised(())
    }
}

pub type PyResult<T> = Result<T, Raised>;

/// The pending exception's type (borrowed), or null.
#[inline]
pub fn occurred() -> *mut PyObject {
    unsafe { (*pystate::current()).curexc_type }
}

pub fn clear() {
    unsafe {
        let ts = pystate::current();
        let (t, v, tb) = ((*ts).curexc_type, (*ts).curexc_value, (*ts).curexc_traceback);
        (*ts).curexc_type = null_mut();
        (*ts).curexc_value = null_mut();
        (*ts).curexc_traceback = null_mut();
        xdecref(t);
        xdecref(v);
        xdecref(tb);
    }
}

/// Take the pending exception out (new references, any may be null).
pub fn fetch() -> (*mut PyObject, *mut PyObject, *mut PyObject) {
    unsafe {
        let ts = pystate::current();
        let r = ((*ts).curexc_type, (*ts).curexc_value, (*ts).curexc_traceback);
        (*ts).curexc_type = null_mut();
        (*ts).curexc_value = null_mut();
        (*ts).curexc_traceback = null_mut();
        r
    }
}

/// Set the pending exception, stealing the three references.
pub unsafe fn restore(t: *mut PyObject, v: *mut PyObject, tb: *mut PyObject) {
    unsafe {
        let ts = pystate::current();
        let (ot, ov, otb) = ((*ts).curexc_type, (*ts).curexc_value, (*ts).curexc_traceback);
        (*ts).curexc_type = t;
        (*ts).curexc_value = v;
        (*ts).curexc_traceback = tb;
        xdecref(ot);
        xdecref(ov);
        xdecref(otb);
    }
}

/// The pending exception as one normalised instance (taken out of the indicator).
pub fn fetch_instance() -> Option<Owned> {
    let (mut t, mut v, mut tb) = fetch();
    if t.is_null() {
        return None;
    }
    unsafe {
        normalize(&mut t, &mut v, &mut tb);
        if !tb.is_null() && !v.is_null() && exc::is_exception_instance(v) {
            exc::set_traceback_raw(v, tb);
        }
        xdecref(tb);
        xdecref(t);
        Owned::from_raw_opt(v)
    }
}

/// Put a normalised exception instance back as the pending exception.
pub fn restore_instance(value: Owned) -> Raised {
    unsafe {
        let v = value.into_raw();
        let t = (*v).ob_type as *mut PyObject;
        incref(t);
        let tb = exc::get_traceback_raw(v);
        restore(t, v, tb);
    }
    Raised(())
}

thread_local! {
    static NORMALIZING: core::cell::Cell<u32> = const { core::cell::Cell::new(0) };
}

/// `PyErr_NormalizeException`: make `*v` an instance of `*t` (in place).
/// Creating the instance can itself fail and raise; past a small nesting
/// depth the value is left as given rather than recursing without end.
pub unsafe fn normalize(t: &mut *mut PyObject, v: &mut *mut PyObject, tb: &mut *mut PyObject) {
    let depth = NORMALIZING.with(|c| c.get());
    if depth > 16 {
        return;
    }
    NORMALIZING.with(|c| c.set(depth + 1));
    unsafe { normalize_inner(t, v, tb) };
    NORMALIZING.with(|c| c.set(depth));
}

unsafe fn normalize_inner(t: &mut *mut PyObject, v: &mut *mut PyObject, tb: &mut *mut PyObject) {
    unsafe {
        if t.is_null() {
            return;
        }
        if !exc::is_exception_class(*t) {
            return;
        }
        if !v.is_null() && exc::is_exception_instance(*v) {
            let vt = (*(*v)).ob_type as *mut PyObject;
            if crate::objects::typeobject::is_subtype(vt as *mut PyTypeObject, *t as *mut PyTypeObject) {
                if vt != *t {
                    incref(vt);
                    decref(*t);
                    *t = vt;
                }
                return;
            }
        }
        match exc::create_instance(*t, *v) {
            Ok(inst) => {
                xdecref(*v);
                *v = inst.into_raw();
                let it = (*(*v)).ob_type as *mut PyObject;
                if it != *t {
                    incref(it);
                    decref(*t);
                    *t = it;
                }
            }
            Err(_) => {
                // Creating the instance failed: the new exception replaces the old.
                let (nt, nv, ntb) = fetch();
                xdecref(*t);
                xdecref(*v);
                xdecref(*tb);
                *t = nt;
                *v = nv;
                *tb = ntb;
            }
        }
    }
}

/// `PyErr_SetObject`: raise `exc_type` with `value` (an instance, an args tuple,
/// a single argument, or null/None for no arguments).
pub fn set_object(exc_type: *mut PyObject, value: *mut PyObject) -> Raised {
    unsafe {
        if exc_type.is_null() || !exc::is_exception_class(exc_type) {
            let r = crate::objects::abstract_::repr_string(exc_type);
            return set_string(
                exc::PyExc_SystemError,
                &format!("_PyErr_SetObject: exception {} is not a BaseException subclass", r),
            );
        }
        let mut t = exc_type;
        incref(t);
        let mut v = value;
        if !v.is_null() {
            incref(v);
        }
        let mut tb = null_mut();
        normalize(&mut t, &mut v, &mut tb);
        // Implicit chaining with the exception being handled, as CPython does.
        let ts = pystate::current();
        let handled = (*ts).exc_value;
        if !v.is_null() && !handled.is_null() && handled != v && exc::is_exception_instance(v) {
            if exc::get_context_raw(v).is_null() {
                incref(handled);
                exc::set_context_raw(v, handled);
            }
        }
        restore(t, v, tb);
    }
    Raised(())
}

/// `PyErr_SetString`.
pub fn set_string(exc_type: *mut PyObject, msg: &str) -> Raised {
    match crate::objects::unicodeobject::from_str(msg) {
        Ok(s) => set_object(exc_type, s.as_ptr()),
        Err(e) => e,
    }
}

pub fn set_none(exc_type: *mut PyObject) -> Raised {
    set_object(exc_type, null_mut())
}

/// Does the pending exception match `exc` (a class or a tuple of classes)?
pub fn exception_matches(exc_: *mut PyObject) -> bool {
    given_exception_matches(occurred(), exc_)
}

pub fn given_exception_matches(given: *mut PyObject, exc_: *mut PyObject) -> bool {
    unsafe {
        if given.is_null() || exc_.is_null() {
            return false;
        }
        if crate::objects::tupleobject::is_tuple(exc_) {
            let n = Py_SIZE(exc_);
            for i in 0..n {
                if given_exception_matches(given, crate::objects::tupleobject::get_item(exc_, i)) {
                    return true;
                }
            }
            return false;
        }
        let given_cls = if exc::is_exception_instance(given) {
            (*given).ob_type as *mut PyObject
        } else {
            given
        };
        if exc::is_exception_class(given_cls) && exc::is_exception_class(exc_) {
            return crate::objects::typeobject::is_subtype(
                given_cls as *mut PyTypeObject,
                exc_ as *mut PyTypeObject,
            );
        }
        given_cls == exc_
    }
}

// ---- shorthands for the common exception classes ----

pub fn type_error(msg: impl AsRef<str>) -> Raised {
    set_string(unsafe { exc::PyExc_TypeError }, msg.as_ref())
}
pub fn value_error(msg: impl AsRef<str>) -> Raised {
    set_string(unsafe { exc::PyExc_ValueError }, msg.as_ref())
}
pub fn index_error(msg: impl AsRef<str>) -> Raised {
    set_string(unsafe { exc::PyExc_IndexError }, msg.as_ref())
}
pub fn overflow_error(msg: impl AsRef<str>) -> Raised {
    set_string(unsafe { exc::PyExc_OverflowError }, msg.as_ref())
}
pub fn attribute_error(msg: impl AsRef<str>) -> Raised {
    set_string(unsafe { exc::PyExc_AttributeError }, msg.as_ref())
}
pub fn system_error(msg: impl AsRef<str>) -> Raised {
    set_string(unsafe { exc::PyExc_SystemError }, msg.as_ref())
}
pub fn zero_division_error(msg: impl AsRef<str>) -> Raised {
    set_string(unsafe { exc::PyExc_ZeroDivisionError }, msg.as_ref())
}
pub fn runtime_error(msg: impl AsRef<str>) -> Raised {
    set_string(unsafe { exc::PyExc_RuntimeError }, msg.as_ref())
}
pub fn key_error(key: *mut PyObject) -> Raised {
    set_object(unsafe { exc::PyExc_KeyError }, key)
}
pub fn stop_iteration() -> Raised {
    set_none(unsafe { exc::PyExc_StopIteration })
}
/// `PyErr_BadInternalCall`: SystemError "bad argument to internal function".
pub fn bad_internal_call() -> Raised {
    system_error("bad argument to internal function")
}
/// `PyErr_BadArgument`.
pub fn bad_argument() -> Raised {
    type_error("bad argument type for built-in operation")
}
/// `PyErr_NoMemory`.
pub fn no_memory() -> Raised {
    set_none(unsafe { exc::PyExc_MemoryError })
}

/// Raise `exc` formatted like `format!`: `raise!(TypeError, "x {}", y)`.
#[macro_export]
macro_rules! raise {
    ($exc:ident, $($fmt:tt)*) => {
        $crate::runtime::errors::set_string(
            unsafe { $crate::objects::exceptions::$exc },
            &format!($($fmt)*),
        )
    };
}

/// Ok(v) unless an exception is pending (for C functions whose error value is
/// also a legal result, like `PyLong_AsLong` returning -1).
#[inline]
pub fn check<T>(v: T) -> PyResult<T> {
    if occurred().is_null() {
        Ok(v)
    } else {
        Err(Raised(()))
    }
}

/// `PyErr_WriteUnraisable`: report the pending exception, which cannot
/// propagate, through `sys.unraisablehook`, then clear it.
pub fn write_unraisable(obj: *mut PyObject) {
    crate::modules::sys::write_unraisable_msg(None, obj)
}

/// End of iteration for a `tp_iternext`: returns NULL *without* an exception
/// set (CPython's convention), which `guard` passes through as a null return.
pub fn stop_iteration_silent() -> Raised {
    Raised(())
}
