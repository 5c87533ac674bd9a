//! `Include/pycapsule.h`.
use crate::objects::capsule::{self as cap, PyCapsule, PyCapsule_Destructor};
use crate::objects::object::*;
use crate::runtime::errors;
use crate::runtime::ffi::{guard, guard_obj};
use libc::{c_char, c_int, c_void};

/// New reference. ValueError for a null pointer.
#[no_mangle]
pub unsafe extern "C" fn PyCapsule_New(pointer: *mut c_void, name: *const c_char, destructor: PyCapsule_Destructor) -> *mut PyObject {
    guard_obj(|| unsafe { cap::new_capsule(pointer, name, destructor) })
}

#[no_mangle]
pub unsafe extern "C" fn PyCapsule_GetPointer(capsule: *mut PyObject, name: *const c_char) -> *mut c_void {
    guard(|| unsafe {
        let c = cap::legal(capsule, "PyCapsule_GetPointer")?;
        if !cap::names_match((*c).name, name) {
            return Err(errors::value_error("PyCapsule_GetPointer called with incorrect name"));
        }
        Ok((*c).pointer)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyCapsule_GetName(capsule: *mut PyObject) -> *const c_char {
    guard(|| unsafe { Ok((*cap::legal(capsule, "PyCapsule_GetName")?).name) })
}

#[no_mangle]
pub unsafe extern "C" fn PyCapsule_GetDestructor(capsule: *mut PyObject) -> PyCapsule_Destructor {
    match cap::legal_opt(capsule, "PyCapsule_GetDestructor") {
        Some(c) => unsafe { (*c).destructor },
        None => None,
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyCapsule_GetContext(capsule: *mut PyObject) -> *mut c_void {
    guard(|| unsafe { Ok((*cap::legal(capsule, "PyCapsule_GetContext")?).context) })
}

#[no_mangle]
pub unsafe extern "C" fn PyCapsule_SetPointer(capsule: *mut PyObject, pointer: *mut c_void) -> c_int {
    guard(|| unsafe {
        if pointer.is_null() {
            return Err(errors::value_error("PyCapsule_SetPointer called with null pointer"));
        }
        (*cap::legal(capsule, "PyCapsule_SetPointer")?).pointer = pointer;
        Ok(0)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyCapsule_SetName(capsule: *mut PyObject, name: *const c_char) -> c_int {
    guard(|| unsafe {
        (*cap::legal(capsule, "PyCapsule_SetName")?).name = name;
        Ok(0)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyCapsule_SetDestructor(capsule: *mut PyObject, destructor: PyCapsule_Destructor) -> c_int {
    guard(|| unsafe {
        (*cap::legal(capsule, "PyCapsule_SetDestructor")?).destructor = destructor;
        Ok(0)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyCapsule_SetContext(capsule: *mut PyObject, context: *mut c_void) -> c_int {
    guard(|| unsafe {
        (*cap::legal(capsule, "PyCapsule_SetContext")?).context = context;
        Ok(0)
    })
}

/// 1 if `capsule` is a valid capsule named `name`; never raises.
#[no_mangle]
pub unsafe extern "C" fn PyCapsule_IsValid(capsule: *mut PyObject, name: *const c_char) -> c_int {
    unsafe {
        (cap::is_capsule(capsule)
            && !(*(capsule as *mut PyCapsule)).pointer.is_null()
            && cap::names_match((*(capsule as *mut PyCapsule)).name, name)) as c_int
    }
}

/// `PyCapsule_Import("pkg.mod.attr", no_block)`: until the import system
/// exists, the module is looked up among the modules registered with
/// `PyState_AddModule` (by `__name__`); otherwise ImportError.
#[no_mangle]
pub unsafe extern "C" fn PyCapsule_Import(name: *const c_char, _no_block: c_int) -> *mut c_void {
    guard(|| unsafe { cap::import(name) })
}
