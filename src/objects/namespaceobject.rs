//! `types.SimpleNamespace` (CPython's `Objects/namespaceobject.c`): an object
//! whose attributes live in its `__dict__`, built from keyword arguments.
//!
//! Design note. The instance is a header plus one dict pointer, which is the
//! type's `tp_dictoffset`, so attribute access is the generic one. The repr
//! is CPython 3.11's: `namespace(a=1, b='x')` for the exact type, the type's
//! `tp_name` for subclasses, only non-empty str keys listed, `name(...)` on
//! re-entry. Equality compares the dicts when both sides are namespaces.
//! `sys.implementation` is one (`new_namespace`, CPython's `_PyNamespace_New`).
use super::object::*;
use super::pyref::*;
use super::{abstract_, dictobject, noneobject, tupleobject, typeobject, unicodeobject};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard_obj, guard_unit};
use core::mem::{offset_of, size_of};
use libc::{c_int, c_void};

#[repr(C)]
pub struct NamespaceObject {
    pub ob_base: PyObject,
    pub ns_dict: *mut PyObject,
}

#[no_mangle]
pub static mut _PyNamespace_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    tp_dealloc: Some(namespace_dealloc),
    tp_repr: Some(namespace_repr),
    tp_getattro: Some(crate::capi::object::PyObject_GenericGetAttr),
    tp_setattro: Some(crate::capi::object::PyObject_GenericSetAttr),
    tp_traverse: Some(namespace_traverse),
    tp_clear: Some(namespace_clear),
    tp_richcompare: Some(namespace_richcompare),
    tp_methods: &raw mut NAMESPACE_METHODS as *mut PyMethodDef,
    tp_members: &raw mut NAMESPACE_MEMBERS as *mut PyMemberDef,
    tp_dictoffset: offset_of!(NamespaceObject, ns_dict) as Py_ssize_t,
    tp_init: Some(namespace_init),
    tp_new: Some(namespace_new),
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    tp_doc: c"A simple attribute-based namespace.\n\nSimpleNamespace(**kwargs)".as_ptr(),
    ..PyTypeObject::new(c"types.SimpleNamespace", size_of::<NamespaceObject>(), 0)
};

static mut NAMESPACE_MEMBERS: [PyMemberDef; 2] = [
    PyMemberDef { name: c"__dict__".as_ptr(), r#type: T_OBJECT, offset: offset_of!(NamespaceObject, ns_dict) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef::SENTINEL,
];

static mut NAMESPACE_METHODS: [PyMethodDef; 2] = [
    PyMethodDef { ml_name: c"__reduce__".as_ptr(), ml_meth: namespace_reduce as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Return state information for pickling".as_ptr() },
    PyMethodDef::SENTINEL,
];

/// The static types this file defines (readied at start-up).
pub fn static_types() -> Vec<*mut PyTypeObject> {
    vec![&raw mut _PyNamespace_Type]
}

pub fn namespace_type() -> *mut PyTypeObject {
    &raw mut _PyNamespace_Type
}

pub unsafe fn is_namespace(op: *mut PyObject) -> bool {
    unsafe { typeobject::type_check(op, &raw mut _PyNamespace_Type) }
}

unsafe fn alloc(tp: *mut PyTypeObject) -> PyResult<Owned> {
    unsafe {
        let ns = typeobject::alloc_instance(tp, 0)?;
        let d = dictobject::new_dict()?;
        (*(ns.as_ptr() as *mut NamespaceObject)).ns_dict = d.into_raw();
        Ok(ns)
    }
}

/// `_PyNamespace_New(kwds)`: a namespace holding a copy of `kwds`' items
/// (`kwds` may be null).
pub fn new_namespace(kwds: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let tp = &raw mut _PyNamespace_Type;
        if (*tp).tp_flags & Py_TPFLAGS_READY == 0 {
            typeobject::ready(tp)?;
        }
        let ns = alloc(tp)?;
        if !kwds.is_null() {
            dictobject::update_arg((*(ns.as_ptr() as *mut NamespaceObject)).ns_dict, kwds)?;
        }
        Ok(ns)
    }
}

unsafe extern "C" fn namespace_new(tp: *mut PyTypeObject, _args: *mut PyObject, _kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { alloc(tp) })
}

unsafe extern "C" fn namespace_init(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        if !args.is_null() && tupleobject::is_tuple(args) && Py_SIZE(args) != 0 {
            return Err(errors::type_error("no positional arguments expected"));
        }
        if kw.is_null() {
            return Ok(());
        }
        for (k, _) in dictobject::items_borrowed(kw) {
            if !unicodeobject::is_str(k) {
                return Err(errors::type_error("keywords must be strings"));
            }
        }
        dictobject::update_arg((*(op as *mut NamespaceObject)).ns_dict, kw)
    })
}

unsafe extern "C" fn namespace_dealloc(op: *mut PyObject) {
    unsafe {
        clear(&mut (*(op as *mut NamespaceObject)).ns_dict);
        typeobject::free_instance(op);
    }
}

unsafe extern "C" fn namespace_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let d = (*(op as *mut NamespaceObject)).ns_dict;
        if d.is_null() {
            0
        } else {
            visit(d, arg)
        }
    }
}

unsafe extern "C" fn namespace_clear(op: *mut PyObject) -> c_int {
    unsafe { clear(&mut (*(op as *mut NamespaceObject)).ns_dict) };
    0
}

unsafe fn repr(op: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let name = if (*op).ob_type == &raw mut _PyNamespace_Type {
            "namespace".to_string()
        } else {
            std::ffi::CStr::from_ptr((*(*op).ob_type).tp_name).to_string_lossy().into_owned()
        };
        if abstract_::repr_enter(op) {
            return unicodeobject::from_str(&format!("{}(...)", name));
        }
        let r = (|| {
            let d = abstract_::getattr_str(op, "__dict__")?;
            let mut parts = Vec::new();
            if dictobject::is_dict(d.as_ptr()) {
                for (k, v) in dictobject::items_owned(d.as_ptr()) {
                    if unicodeobject::is_str(k.as_ptr()) && unicodeobject::len(k.as_ptr()) > 0 {
                        let vr = abstract_::repr(v.as_ptr())?;
                        parts.push(format!(
                            "{}={}",
                            unicodeobject::to_string_lossy(k.as_ptr()),
                            unicodeobject::to_string_lossy(vr.as_ptr())
                        ));
                    }
                }
            }
            Ok(parts.join(", "))
        })();
        abstract_::repr_leave(op);
        // Build the result from code points so lone surrogates survive.
        let body = r?;
        let mut cps: Vec<u32> = format!("{}(", name).chars().map(|c| c as u32).collect();
        cps.extend(body.chars().map(|c| c as u32));
        cps.push(')' as u32);
        unicodeobject::from_codepoints(&cps)
    }
}

unsafe extern "C" fn namespace_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { repr(op) })
}

unsafe extern "C" fn namespace_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    guard_obj(|| unsafe {
        if is_namespace(a) && is_namespace(b) && (op == Py_EQ || op == Py_NE) {
            let (da, db) = ((*(a as *mut NamespaceObject)).ns_dict, (*(b as *mut NamespaceObject)).ns_dict);
            return abstract_::rich_compare(da, db, op);
        }
        Ok(noneobject::not_implemented())
    })
}

unsafe extern "C" fn namespace_reduce(op: *mut PyObject, _unused: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let args = tupleobject::new_empty()?;
        let d = abstract_::getattr_str(op, "__dict__")?;
        tupleobject::pack(&[(*op).ob_type as *mut PyObject, args.as_ptr(), d.as_ptr()])
    })
}
