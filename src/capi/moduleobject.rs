//! `Include/moduleobject.h`, `Include/modsupport.h` (module half) and the
//! `PyState_*` functions of `Include/pystate.h`.
use crate::objects::moduleobject as mo;
use crate::objects::object::*;
use crate::objects::pyref::Owned;
use crate::objects::unicodeobject;

use crate::runtime::ffi::{cstr, guard, guard_obj, guard_unit, nonnull};
use libc::{c_char, c_int, c_long, c_void};

/// New reference: a module named `name` (a str).
#[no_mangle]
pub unsafe extern "C" fn PyModule_NewObject(name: *mut PyObject) -> *mut PyObject {
    guard_obj(|| mo::new_module(nonnull(name)?))
}

#[no_mangle]
pub unsafe extern "C" fn PyModule_New(name: *const c_char) -> *mut PyObject {
    guard_obj(|| unsafe {
        let n = unicodeobject::from_str(cstr(name)?)?;
        mo::new_module(n.as_ptr())
    })
}

/// Borrowed reference to the module's dict.
#[no_mangle]
pub unsafe extern "C" fn PyModule_GetDict(m: *mut PyObject) -> *mut PyObject {
    guard(|| unsafe { mo::get_dict(m) })
}

/// New reference to `__name__`.
#[no_mangle]
pub unsafe extern "C" fn PyModule_GetNameObject(m: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { mo::get_name_object(m) })
}

/// `__name__` as UTF-8, borrowed from the str kept alive by the module dict.
#[no_mangle]
pub unsafe extern "C" fn PyModule_GetName(m: *mut PyObject) -> *const c_char {
    guard(|| unsafe {
        let n = mo::get_name_object(m)?;
        Ok(unicodeobject::as_utf8(n.as_ptr())?.as_ptr() as *const c_char)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyModule_GetFilenameObject(m: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { mo::get_filename_object(m) })
}

#[no_mangle]
pub unsafe extern "C" fn PyModule_GetFilename(m: *mut PyObject) -> *const c_char {
    guard(|| unsafe {
        let n = mo::get_filename_object(m)?;
        Ok(unicodeobject::as_utf8(n.as_ptr())?.as_ptr() as *const c_char)
    })
}

/// The module's `PyModuleDef` (null, without error, for modules without one).
#[no_mangle]
pub unsafe extern "C" fn PyModule_GetDef(m: *mut PyObject) -> *mut PyModuleDef {
    match unsafe { mo::get_def(m) } {
        Ok(d) => d,
        Err(_) => core::ptr::null_mut(),
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyModule_GetState(m: *mut PyObject) -> *mut c_void {
    guard(|| unsafe { mo::get_state(m) })
}

#[no_mangle]
pub unsafe extern "C" fn PyModule_SetDocString(m: *mut PyObject, doc: *const c_char) -> c_int {
    guard_unit(|| unsafe { mo::set_doc(nonnull(m)?, crate::runtime::ffi::nonnull_c(doc)?) })
}

/// Add a `PyMethodDef` table's functions to `m` (METH_CLASS/METH_STATIC refused).
#[no_mangle]
pub unsafe extern "C" fn PyModule_AddFunctions(m: *mut PyObject, functions: *mut PyMethodDef) -> c_int {
    guard_unit(|| unsafe {
        let n = mo::get_name_object(m)?;
        mo::add_functions(m, n.as_ptr(), nonnull(functions)?)
    })
}

/// Add `value` (borrowed) as `m.name`.
#[no_mangle]
pub unsafe extern "C" fn PyModule_AddObjectRef(m: *mut PyObject, name: *const c_char, value: *mut PyObject) -> c_int {
    guard_unit(|| unsafe { mo::add_object_ref(m, cstr(name)?, value) })
}

/// Add `value` as `m.name`, stealing the reference only on success.
#[no_mangle]
pub unsafe extern "C" fn PyModule_AddObject(m: *mut PyObject, name: *const c_char, value: *mut PyObject) -> c_int {
    let r = unsafe { PyModule_AddObjectRef(m, name, value) };
    if r == 0 {
        // SAFETY: success: the module holds its own reference now; drop the stolen one.
        drop(unsafe { Owned::from_raw_opt(value) });
    }
    r
}

#[no_mangle]
pub unsafe extern "C" fn PyModule_AddIntConstant(m: *mut PyObject, name: *const c_char, value: c_long) -> c_int {
    guard_unit(|| unsafe {
        let v = crate::objects::longobject::from_i64(value as i64)?;
        mo::add_object_ref(m, cstr(name)?, v.as_ptr())
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyModule_AddStringConstant(m: *mut PyObject, name: *const c_char, value: *const c_char) -> c_int {
    guard_unit(|| unsafe {
        let v = unicodeobject::from_str(cstr(value)?)?;
        mo::add_object_ref(m, cstr(name)?, v.as_ptr())
    })
}

/// Ready `tp` and add it under its short name (the part after the last dot).
#[no_mangle]
pub unsafe extern "C" fn PyModule_AddType(m: *mut PyObject, tp: *mut PyTypeObject) -> c_int {
    guard_unit(|| unsafe {
        let tp = nonnull(tp)?;
        if (*tp).tp_flags & Py_TPFLAGS_READY == 0 {
            crate::objects::typeobject::ready(tp)?;
        }
        let full = std::ffi::CStr::from_ptr((*tp).tp_name).to_string_lossy().into_owned();
        let short = full.rsplit('.').next().unwrap_or(&full).to_string();
        mo::add_object_ref(m, &short, tp as *mut PyObject)
    })
}

/// Single-phase initialisation (any api version is accepted: 1013 and 3 are
/// what real extensions pass).
#[no_mangle]
pub unsafe extern "C" fn PyModule_Create2(def: *mut PyModuleDef, api_version: c_int) -> *mut PyObject {
    guard_obj(|| unsafe { mo::create(nonnull(def)?, api_version) })
}

/// Returns `def` itself as an object (multi-phase init's `PyInit_*` result).
#[no_mangle]
pub unsafe extern "C" fn PyModuleDef_Init(def: *mut PyModuleDef) -> *mut PyObject {
    guard(|| unsafe { mo::def_init(nonnull(def)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyModule_FromDefAndSpec2(def: *mut PyModuleDef, spec: *mut PyObject, api_version: c_int) -> *mut PyObject {
    guard_obj(|| unsafe { mo::from_def_and_spec(nonnull(def)?, nonnull(spec)?, api_version) })
}

#[no_mangle]
pub unsafe extern "C" fn PyModule_ExecDef(m: *mut PyObject, def: *mut PyModuleDef) -> c_int {
    guard_unit(|| unsafe { mo::exec_def(nonnull(m)?, nonnull(def)?) })
}

/// Borrowed reference or NULL (no exception).
#[no_mangle]
pub unsafe extern "C" fn PyState_FindModule(def: *mut PyModuleDef) -> *mut PyObject {
    unsafe { mo::state_find(def) }
}

#[no_mangle]
pub unsafe extern "C" fn PyState_AddModule(m: *mut PyObject, def: *mut PyModuleDef) -> c_int {
    guard_unit(|| unsafe { mo::state_add(m, def) })
}

#[no_mangle]
pub unsafe extern "C" fn PyState_RemoveModule(def: *mut PyModuleDef) -> c_int {
    guard_unit(|| unsafe { mo::state_remove(def) })
}

