//! `None`, `NotImplemented` and `Ellipsis`: statically allocated singletons in
//! writable memory (abi3 binaries increment their counts inline).
use super::object::*;
use super::pyref::*;
use crate::runtime::ffi::guard_obj;
use core::mem::size_of;

#[no_mangle]
pub static mut _Py_NoneStruct: PyObject = PyObject { ob_refcnt: 1 << 30, ob_type: &raw mut _PyNone_Type };
#[no_mangle]
pub static mut _Py_NotImplementedStruct: PyObject =
    PyObject { ob_refcnt: 1 << 30, ob_type: &raw mut _PyNotImplemented_Type };
#[no_mangle]
pub static mut _Py_EllipsisObject: PyObject = PyObject { ob_refcnt: 1 << 30, ob_type: &raw mut PyEllipsis_Type };

#[no_mangle]
pub static mut _PyNone_Type: PyTypeObject = PyTypeObject {
    tp_repr: Some(none_repr),
    tp_dealloc: Some(singleton_dealloc),
    tp_hash: Some(none_hash),
    tp_new: Some(none_new),
    tp_as_number: &raw mut NONE_AS_NUMBER,
    ..PyTypeObject::new(c"NoneType", size_of::<PyObject>(), 0)
};
#[no_mangle]
pub static mut _PyNotImplemented_Type: PyTypeObject = PyTypeObject {
    tp_repr: Some(notimpl_repr),
    tp_dealloc: Some(singleton_dealloc),
    tp_new: Some(notimpl_new),
    tp_methods: &raw mut NOTIMPL_METHODS as *mut PyMethodDef,
    ..PyTypeObject::new(c"NotImplementedType", size_of::<PyObject>(), 0)
};
#[no_mangle]
pub static mut PyEllipsis_Type: PyTypeObject = PyTypeObject {
    tp_repr: Some(ellipsis_repr),
    tp_dealloc: Some(singleton_dealloc),
    tp_new: Some(ellipsis_new),
    tp_methods: &raw mut ELLIPSIS_METHODS as *mut PyMethodDef,
    ..PyTypeObject::new(c"ellipsis", size_of::<PyObject>(), 0)
};

static mut NONE_AS_NUMBER: PyNumberMethods = PyNumberMethods { nb_bool: Some(none_bool), ..PyNumberMethods::EMPTY };

#[inline(always)]
pub fn none_ptr() -> *mut PyObject {
    &raw mut _Py_NoneStruct
}
#[inline(always)]
pub fn not_implemented_ptr() -> *mut PyObject {
    &raw mut _Py_NotImplementedStruct
}
#[inline(always)]
pub fn ellipsis_ptr() -> *mut PyObject {
    &raw mut _Py_EllipsisObject
}
/// A new reference to None, as a raw pointer.
#[inline]
pub unsafe fn new_none() -> *mut PyObject {
    unsafe { new_ref(none_ptr()) }
}
#[inline]
pub fn none() -> Owned {
    unsafe { Owned::from_borrowed(none_ptr()) }
}
#[inline]
pub unsafe fn new_not_implemented() -> *mut PyObject {
    unsafe { new_ref(not_implemented_ptr()) }
}
#[inline]
pub fn not_implemented() -> Owned {
    unsafe { Owned::from_borrowed(not_implemented_ptr()) }
}

unsafe extern "C" fn singleton_dealloc(op: *mut PyObject) {
    // Immortal in practice: a C extension that over-decrefs must not free static memory.
    unsafe {
        (*op).ob_refcnt = 1 << 30;
        new_reference(op);
        (*op).ob_refcnt = 1 << 30;
    }
}
unsafe extern "C" fn none_repr(_op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| super::unicodeobject::from_str("None"))
}
unsafe extern "C" fn none_hash(_op: *mut PyObject) -> Py_hash_t {
    // 3.11 hashes None by address.
    crate::runtime::pyhash::hash_pointer(none_ptr() as *const libc::c_void)
}
unsafe extern "C" fn none_bool(_op: *mut PyObject) -> libc::c_int {
    0
}
unsafe fn no_args(name: &str, args: *mut PyObject, kw: *mut PyObject) -> crate::PyResult<()> {
    unsafe {
        if (!args.is_null() && Py_SIZE(args) > 0) || (!kw.is_null() && super::dictobject::len(kw) > 0) {
            return Err(crate::runtime::errors::type_error(format!("{} takes no arguments", name)));
        }
        Ok(())
    }
}
unsafe extern "C" fn none_new(_t: *mut PyTypeObject, a: *mut PyObject, k: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        no_args("NoneType", a, k)?;
        Ok(none())
    })
}
unsafe extern "C" fn notimpl_repr(_op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| super::unicodeobject::from_str("NotImplemented"))
}
unsafe extern "C" fn notimpl_new(_t: *mut PyTypeObject, a: *mut PyObject, k: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        no_args("NotImplementedType", a, k)?;
        Ok(not_implemented())
    })
}
unsafe extern "C" fn notimpl_reduce(_op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| super::unicodeobject::from_str("NotImplemented"))
}
unsafe extern "C" fn ellipsis_repr(_op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| super::unicodeobject::from_str("Ellipsis"))
}
unsafe extern "C" fn ellipsis_new(_t: *mut PyTypeObject, a: *mut PyObject, k: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        no_args("EllipsisType", a, k)?;
        Ok(Owned::from_borrowed(ellipsis_ptr()))
    })
}
unsafe extern "C" fn ellipsis_reduce(_op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| super::unicodeobject::from_str("Ellipsis"))
}
static mut NOTIMPL_METHODS: [PyMethodDef; 2] = [
    PyMethodDef { ml_name: c"__reduce__".as_ptr(), ml_meth: notimpl_reduce as *mut libc::c_void, ml_flags: METH_NOARGS, ml_doc: core::ptr::null() },
    PyMethodDef::SENTINEL,
];
static mut ELLIPSIS_METHODS: [PyMethodDef; 2] = [
    PyMethodDef { ml_name: c"__reduce__".as_ptr(), ml_meth: ellipsis_reduce as *mut libc::c_void, ml_flags: METH_NOARGS, ml_doc: core::ptr::null() },
    PyMethodDef::SENTINEL,
];
