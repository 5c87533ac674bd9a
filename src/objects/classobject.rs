//! Bound methods (CPython's `Objects/classobject.c`, `PyMethod_Type`): a
//! function paired with the instance it was looked up on.
//!
//! Design note. CPython's layout (`im_func`, `im_self`, `im_weakreflist`,
//! `vectorcall`). Calls prepend `self` to the arguments; when the caller
//! passed `PY_VECTORCALL_ARGUMENTS_OFFSET` the slot before the arguments is
//! borrowed for `self` (no copy), else a small copy is made. The evaluator's
//! LOAD_METHOD/CALL pair avoids creating these objects for `obj.m()`.
//! Attribute lookups not found on the method fall through to the function
//! (`m.__name__`, `m.__doc__`), as CPython's `method_getattro`.
use super::object::*;
use super::pyref::*;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::guard_obj;
use core::mem::{offset_of, size_of};
use core::ptr::null_mut;
use libc::{c_int, c_void};

#[repr(C)]
pub struct PyMethodObject {
    pub ob_base: PyObject,
    pub im_func: *mut PyObject,
    pub im_self: *mut PyObject,
    pub im_weakreflist: *mut PyObject,
    pub vectorcall: vectorcallfunc,
}

#[no_mangle]
pub static mut PyMethod_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    tp_dealloc: Some(method_dealloc),
    tp_vectorcall_offset: offset_of!(PyMethodObject, vectorcall) as Py_ssize_t,
    tp_repr: Some(method_repr),
    tp_hash: Some(method_hash),
    tp_call: Some(crate::capi::object::PyVectorcall_Call),
    tp_getattro: Some(method_getattro),
    tp_setattro: Some(crate::capi::object::PyObject_GenericSetAttr),
    tp_traverse: Some(method_traverse),
    tp_richcompare: Some(method_richcompare),
    tp_weaklistoffset: offset_of!(PyMethodObject, im_weakreflist) as Py_ssize_t,
    tp_methods: &raw mut METHOD_METHODS as *mut PyMethodDef,
    tp_members: &raw mut METHOD_MEMBERS as *mut PyMemberDef,
    tp_getset: &raw mut METHOD_GETSET as *mut PyGetSetDef,
    tp_descr_get: None,
    tp_new: Some(method_new),
    tp_doc: c"Create a bound instance method object.".as_ptr(),
    ..PyTypeObject::new(c"method", size_of::<PyMethodObject>(), 0)
};

static mut METHOD_MEMBERS: [PyMemberDef; 3] = [
    PyMemberDef { name: c"__func__".as_ptr(), r#type: T_OBJECT, offset: offset_of!(PyMethodObject, im_func) as Py_ssize_t, flags: READONLY, doc: c"the function (or other callable) implementing a method".as_ptr() },
    PyMemberDef { name: c"__self__".as_ptr(), r#type: T_OBJECT, offset: offset_of!(PyMethodObject, im_self) as Py_ssize_t, flags: READONLY, doc: c"the instance to which a method is bound".as_ptr() },
    PyMemberDef { name: core::ptr::null(), r#type: 0, offset: 0, flags: 0, doc: core::ptr::null() },
];

static mut METHOD_GETSET: [PyGetSetDef; 2] = [
    PyGetSetDef { name: c"__doc__".as_ptr(), get: Some(method_get_doc), set: None, doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef { name: core::ptr::null(), get: None, set: None, doc: core::ptr::null(), closure: null_mut() },
];

static mut METHOD_METHODS: [PyMethodDef; 2] = [
    PyMethodDef { ml_name: c"__reduce__".as_ptr(), ml_meth: method_reduce as *mut c_void, ml_flags: METH_NOARGS, ml_doc: core::ptr::null() },
    PyMethodDef::SENTINEL,
];

#[inline]
pub unsafe fn is_method(op: *mut PyObject) -> bool {
    unsafe { (*op).ob_type == &raw mut PyMethod_Type }
}

/// `PyMethod_New(func, self)`.
pub unsafe fn new_method(func: *mut PyObject, self_: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if self_.is_null() {
            return Err(errors::bad_internal_call());
        }
        let op = super::typeobject::generic_alloc(&raw mut PyMethod_Type, 0)?;
        let m = op.as_ptr() as *mut PyMethodObject;
        (*m).im_func = new_ref(func);
        (*m).im_self = new_ref(self_);
        (*m).vectorcall = Some(method_vectorcall);
        Ok(op)
    }
}

unsafe extern "C" fn method_new(_tp: *mut PyTypeObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !kw.is_null() && super::dictobject::len(kw) > 0 {
            return Err(errors::type_error("method() takes no keyword arguments"));
        }
        let a = super::tupleobject::as_slice(args);
        if a.len() != 2 {
            return Err(errors::type_error(format!("method expected 2 arguments, got {}", a.len())));
        }
        if crate::capi::object::PyCallable_Check(a[0]) == 0 {
            return Err(errors::type_error("first argument must be callable"));
        }
        if a[1] == super::noneobject::none_ptr() {
            return Err(errors::type_error("instance must not be None"));
        }
        new_method(a[0], a[1])
    })
}

unsafe extern "C" fn method_vectorcall(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    unsafe {
        let m = op as *mut PyMethodObject;
        let (func, self_) = ((*m).im_func, (*m).im_self);
        let nargs = nargsf & !PY_VECTORCALL_ARGUMENTS_OFFSET;
        let nkw = if kwnames.is_null() { 0 } else { Py_SIZE(kwnames) as usize };
        if nargsf & PY_VECTORCALL_ARGUMENTS_OFFSET != 0 {
            // The caller lent us the slot before args[0].
            let slot = (args as *mut *mut PyObject).sub(1);
            let saved = *slot;
            *slot = self_;
            let r = crate::capi::object::PyObject_Vectorcall(func, slot, nargs + 1, kwnames);
            *slot = saved;
            return r;
        }
        let mut v: Vec<*mut PyObject> = Vec::with_capacity(1 + nargs + nkw);
        v.push(self_);
        for i in 0..nargs + nkw {
            v.push(*args.add(i));
        }
        crate::capi::object::PyObject_Vectorcall(func, v.as_ptr(), nargs + 1, kwnames)
    }
}

unsafe extern "C" fn method_dealloc(op: *mut PyObject) {
    unsafe {
        let m = op as *mut PyMethodObject;
        if !(*m).im_weakreflist.is_null() {
            crate::capi::object::PyObject_ClearWeakRefs(op);
        }
        clear(&raw mut (*m).im_func);
        clear(&raw mut (*m).im_self);
        super::typeobject::free_instance(op);
    }
}

unsafe extern "C" fn method_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let m = op as *mut PyMethodObject;
        for p in [(*m).im_func, (*m).im_self] {
            if !p.is_null() {
                let r = visit(p, arg);
                if r != 0 {
                    return r;
                }
            }
        }
        0
    }
}

unsafe extern "C" fn method_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let m = op as *mut PyMethodObject;
        let func = (*m).im_func;
        let name = match super::abstract_::lookup_attr(func, super::unicodeobject::intern_str("__qualname__")?.as_ptr())? {
            Some(n) => Some(n),
            None => super::abstract_::lookup_attr(func, super::unicodeobject::intern_str("__name__")?.as_ptr())?,
        };
        let name = match name {
            Some(n) if super::unicodeobject::is_str(n.as_ptr()) => super::unicodeobject::to_string_lossy(n.as_ptr()),
            _ => "?".to_string(),
        };
        let self_repr = super::abstract_::repr((*m).im_self)?;
        super::unicodeobject::from_str(&format!(
            "<bound method {} of {}>",
            name,
            super::unicodeobject::to_string_lossy(self_repr.as_ptr())
        ))
    })
}

unsafe extern "C" fn method_hash(op: *mut PyObject) -> Py_hash_t {
    unsafe {
        let m = op as *mut PyMethodObject;
        // CPython: hash of self's identity xor the function's hash.
        let x = crate::runtime::pyhash::hash_pointer((*m).im_self as *const c_void);
        let y = match super::abstract_::hash((*m).im_func) {
            Ok(h) => h,
            Err(_) => return -1,
        };
        let h = x ^ y;
        if h == -1 {
            -2
        } else {
            h
        }
    }
}

unsafe extern "C" fn method_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    unsafe {
        if !is_method(a) || !is_method(b) || (op != Py_EQ && op != Py_NE) {
            return super::noneobject::not_implemented().into_raw();
        }
        let (x, y) = (a as *mut PyMethodObject, b as *mut PyMethodObject);
        let eq = (*x).im_self == (*y).im_self && {
            match super::abstract_::rich_compare_bool((*x).im_func, (*y).im_func, Py_EQ) {
                Ok(v) => v,
                Err(_) => return null_mut(),
            }
        };
        super::boolobject::from_bool(if op == Py_EQ { eq } else { !eq })
    }
}

/// Look the name up on the method type first (data and non-data
/// descriptors alike), then on the function.
unsafe extern "C" fn method_getattro(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let tp = (*op).ob_type;
        let descr = super::typeobject::lookup(tp, name);
        if !descr.is_null() {
            let d = Owned::from_borrowed(descr);
            if let Some(get) = (*(*d.as_ptr()).ob_type).tp_descr_get {
                return Owned::from_raw(get(d.as_ptr(), op, tp as *mut PyObject));
            }
            return Ok(d);
        }
        super::abstract_::getattr((*(op as *mut PyMethodObject)).im_func, name)
    })
}

unsafe extern "C" fn method_get_doc(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { super::abstract_::getattr_str((*(op as *mut PyMethodObject)).im_func, "__doc__") })
}

/// `(getattr, (self, name))`, as CPython pickles bound methods.
unsafe extern "C" fn method_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let m = op as *mut PyMethodObject;
        let name = super::abstract_::getattr_str((*m).im_func, "__name__")?;
        let builtins = crate::eval::interpreter_builtins()?;
        let getattr = super::dictobject::get_item_str(builtins.as_ptr(), "getattr")?
            .ok_or_else(|| errors::runtime_error("lost builtins.getattr"))?;
        let args = super::tupleobject::pack(&[(*m).im_self, name.as_ptr()])?;
        super::tupleobject::pack(&[getattr.as_ptr(), args.as_ptr()])
    })
}
