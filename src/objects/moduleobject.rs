//! `module` objects: a dict, a name, and for extension modules their
//! `PyModuleDef` and per-module state (PEP 3121, PEP 489).
use super::object::*;
use super::pyref::*;
use crate::runtime::errors::PyResult;
use crate::runtime::ffi::guard_obj;
use core::mem::{offset_of, size_of};
use libc::{c_int, c_void};

#[repr(C)]
pub struct PyModuleObject {
    pub ob_base: PyObject,
    pub md_dict: *mut PyObject,
    pub md_def: *mut PyModuleDef,
    pub md_state: *mut c_void,
    pub md_weaklist: *mut PyObject,
    pub md_name: *mut PyObject,
}

#[no_mangle]
pub static mut PyModule_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(module_dealloc),
    tp_repr: Some(module_repr),
    tp_traverse: Some(module_traverse),
    tp_dictoffset: offset_of!(PyModuleObject, md_dict) as Py_ssize_t,
    tp_weaklistoffset: offset_of!(PyModuleObject, md_weaklist) as Py_ssize_t,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    ..PyTypeObject::new(c"module", size_of::<PyModuleObject>(), 0)
};

pub unsafe fn is_module(op: *mut PyObject) -> bool {
    unsafe { super::typeobject::type_check(op, &raw mut PyModule_Type) }
}

/// `PyModule_NewObject(name)`: a module with `__name__`, `__doc__=None`,
/// `__package__=None`, `__loader__=None`, `__spec__=None`.
pub fn new_module(name: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let m = super::typeobject::generic_alloc(&raw mut PyModule_Type, 0)?;
        let p = m.as_ptr() as *mut PyModuleObject;
        let d = super::dictobject::new_dict()?;
        let none = super::noneobject::none_ptr();
        super::dictobject::set_item_str(d.as_ptr(), "__name__", name)?;
        for k in ["__doc__", "__package__", "__loader__", "__spec__"] {
            super::dictobject::set_item_str(d.as_ptr(), k, none)?;
        }
        (*p).md_dict = d.into_raw();
        (*p).md_name = new_ref(name);
        Ok(m)
    }
}

unsafe extern "C" fn module_dealloc(op: *mut PyObject) {
    unsafe {
        let p = op as *mut PyModuleObject;
        let def = (*p).md_def;
        if !def.is_null() {
            if let Some(f) = (*def).m_free {
                f(op as *mut c_void);
            }
        }
        if !(*p).md_state.is_null() {
            crate::runtime::obmalloc::mem_free((*p).md_state);
            (*p).md_state = core::ptr::null_mut();
        }
        clear(&mut (*p).md_dict);
        clear(&mut (*p).md_name);
        super::typeobject::free_instance(op);
    }
}

unsafe extern "C" fn module_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let p = op as *mut PyModuleObject;
        let def = (*p).md_def;
        if !def.is_null() && !(*p).md_state.is_null() {
            if let Some(f) = (*def).m_traverse {
                let r = f(op, visit, arg);
                if r != 0 {
                    return r;
                }
            }
        }
        if !(*p).md_dict.is_null() {
            return visit((*p).md_dict, arg);
        }
        0
    }
}

unsafe extern "C" fn module_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut PyModuleObject;
        let name = if (*p).md_name.is_null() { "?".to_string() } else { super::unicodeobject::to_string_lossy((*p).md_name) };
        super::unicodeobject::from_str(&format!("<module '{}'>", name))
    })
}
