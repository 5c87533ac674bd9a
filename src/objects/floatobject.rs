//! `float`: a C double in `ob_fval`, as in CPython.
use super::object::*;

#[repr(C)]
pub struct PyFloatObject {
    pub ob_base: PyObject,
    pub ob_fval: f64,
}

// PLACEHOLDER: creation and repr only; the full float type replaces this.
use super::pyref::*;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::guard_obj;
use core::mem::size_of;

#[no_mangle]
pub static mut PyFloat_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_MATCH_SELF,
    tp_dealloc: Some(float_dealloc),
    tp_repr: Some(float_repr),
    ..PyTypeObject::new(c"float", size_of::<PyFloatObject>(), 0)
};

pub unsafe fn is_float(op: *mut PyObject) -> bool {
    unsafe { super::typeobject::type_check(op, &raw mut PyFloat_Type) }
}

pub fn from_f64(v: f64) -> PyResult<Owned> {
    unsafe {
        let mem = crate::runtime::obmalloc::object_malloc(size_of::<PyFloatObject>()) as *mut PyFloatObject;
        if mem.is_null() {
            return Err(errors::no_memory());
        }
        (*mem).ob_base.ob_type = &raw mut PyFloat_Type;
        (*mem).ob_fval = v;
        new_reference(mem as *mut PyObject);
        Ok(Owned::from_raw_nonnull(mem as *mut PyObject))
    }
}

unsafe extern "C" fn float_dealloc(op: *mut PyObject) {
    unsafe { super::typeobject::free_instance(op) }
}
unsafe extern "C" fn float_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { super::unicodeobject::from_str(&format!("{:?}", (*(op as *mut PyFloatObject)).ob_fval)) })
}
