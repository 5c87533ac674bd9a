//! `Include/methodobject.h`: built-in function objects.
//! `PyCFunction_New`/`NewEx` are macros in Python.h (→ `PyCMethod_New`) and
//! also exported as functions for binaries that call them by name.
use crate::objects::methodobject as mo;
use crate::objects::object::*;
use crate::runtime::errors;
use crate::runtime::ffi::{guard, guard_obj};
use core::ptr::null_mut;
use libc::{c_int, c_void};

/// New reference: a built-in function for `ml` bound to `self_`, `module`
/// its `__module__`, `cls` the defining class (METH_METHOD only).
#[no_mangle]
pub unsafe extern "C" fn PyCMethod_New(ml: *mut PyMethodDef, self_: *mut PyObject, module: *mut PyObject, cls: *mut PyTypeObject) -> *mut PyObject {
    guard_obj(|| unsafe { mo::new_cfunction(ml, self_, module, cls) })
}

#[no_mangle]
pub unsafe extern "C" fn PyCFunction_NewEx(ml: *mut PyMethodDef, self_: *mut PyObject, module: *mut PyObject) -> *mut PyObject {
    unsafe { PyCMethod_New(ml, self_, module, null_mut()) }
}

#[no_mangle]
pub unsafe extern "C" fn PyCFunction_New(ml: *mut PyMethodDef, self_: *mut PyObject) -> *mut PyObject {
    unsafe { PyCMethod_New(ml, self_, null_mut(), null_mut()) }
}

unsafe fn check(op: *mut PyObject) -> crate::PyResult<*mut mo::PyCFunctionObject> {
    unsafe {
        if op.is_null() || !mo::is_cfunction(op) {
            return Err(errors::bad_internal_call());
        }
        Ok(op as *mut mo::PyCFunctionObject)
    }
}

/// The C function (`ml_meth`), cast as `PyCFunction`.
#[no_mangle]
pub unsafe extern "C" fn PyCFunction_GetFunction(op: *mut PyObject) -> *mut c_void {
    guard(|| unsafe { Ok((*(*check(op)?).m_ml).ml_meth) })
}

/// Borrowed `self` (NULL for METH_STATIC functions).
#[no_mangle]
pub unsafe extern "C" fn PyCFunction_GetSelf(op: *mut PyObject) -> *mut PyObject {
    guard(|| unsafe {
        let f = check(op)?;
        if (*(*f).m_ml).ml_flags & METH_STATIC != 0 {
            return Ok(null_mut());
        }
        Ok((*f).m_self)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyCFunction_GetFlags(op: *mut PyObject) -> c_int {
    guard(|| unsafe { Ok((*(*check(op)?).m_ml).ml_flags) })
}

/// `PyCFunction_Call`: the same as `PyObject_Call` (kept for old extensions).
#[no_mangle]
pub unsafe extern "C" fn PyCFunction_Call(callable: *mut PyObject, args: *mut PyObject, kwargs: *mut PyObject) -> *mut PyObject {
    unsafe { super::object::PyObject_Call(callable, args, kwargs) }
}
