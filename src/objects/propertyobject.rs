//! `property` (the part of CPython's `Objects/descrobject.c` after
//! `PyDictProxy`): a data descriptor calling `fget`/`fset`/`fdel`.
//!
//! Design note. Layout is CPython's `propertyobject`. `__doc__` comes from
//! `fget.__doc__` when no doc is given (`getter_doc` remembers that, so
//! `.getter()` re-derives it); on a subclass the doc goes to the instance's
//! `__doc__` attribute instead, as CPython does. `__set_name__` records the
//! attribute name used in the "property 'x' of 'A' object has no setter"
//! messages; `getter`/`setter`/`deleter` call the object's own type, so
//! subclasses survive copying.
use super::abstract_ as ab;
use super::object::*;
use super::pyref::*;
use super::{boolobject, noneobject, sequtil, typeobject, unicodeobject};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard_obj, guard_unit};
use core::mem::{offset_of, size_of};
use core::ptr::null_mut;
use libc::{c_int, c_void};

#[repr(C)]
pub struct PropertyObject {
    pub ob_base: PyObject,
    pub prop_get: *mut PyObject,
    pub prop_set: *mut PyObject,
    pub prop_del: *mut PyObject,
    pub prop_doc: *mut PyObject,
    pub prop_name: *mut PyObject,
    pub getter_doc: c_int,
}

#[no_mangle]
pub static mut PyProperty_Type: PyTypeObject = PyTypeObject {
    tp_getattro: Some(crate::capi::object::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    tp_dealloc: Some(prop_dealloc),
    tp_traverse: Some(prop_traverse),
    tp_clear: Some(prop_clear),
    tp_methods: &raw mut PROP_METHODS as *mut PyMethodDef,
    tp_members: &raw mut PROP_MEMBERS as *mut PyMemberDef,
    tp_getset: &raw mut PROP_GETSET as *mut PyGetSetDef,
    tp_descr_get: Some(prop_descr_get),
    tp_descr_set: Some(prop_descr_set),
    tp_init: Some(prop_init),
    tp_new: Some(crate::capi::typeobject::PyType_GenericNew),
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    tp_doc: c"Property attribute.\n\n  fget\n    function to be used for getting an attribute value\n  fset\n    function to be used for setting an attribute value\n  fdel\n    function to be used for del'ing an attribute\n  doc\n    docstring\n\nTypical use is to define a managed attribute x:\n\nclass C(object):\n    def getx(self): return self._x\n    def setx(self, value): self._x = value\n    def delx(self): del self._x\n    x = property(getx, setx, delx, \"I'm the 'x' property.\")\n\nDecorators make defining new properties or modifying existing ones easy:\n\nclass C(object):\n    @property\n    def x(self):\n        \"I am the 'x' property.\"\n        return self._x\n    @x.setter\n    def x(self, value):\n        self._x = value\n    @x.deleter\n    def x(self):\n        del self._x".as_ptr(),
    ..PyTypeObject::new(c"property", size_of::<PropertyObject>(), 0)
};

static mut PROP_METHODS: [PyMethodDef; 5] = [
    PyMethodDef { ml_name: c"getter".as_ptr(), ml_meth: prop_getter as *mut c_void, ml_flags: METH_O, ml_doc: c"Descriptor to obtain a copy of the property with a different getter.".as_ptr() },
    PyMethodDef { ml_name: c"setter".as_ptr(), ml_meth: prop_setter as *mut c_void, ml_flags: METH_O, ml_doc: c"Descriptor to obtain a copy of the property with a different setter.".as_ptr() },
    PyMethodDef { ml_name: c"deleter".as_ptr(), ml_meth: prop_deleter as *mut c_void, ml_flags: METH_O, ml_doc: c"Descriptor to obtain a copy of the property with a different deleter.".as_ptr() },
    PyMethodDef { ml_name: c"__set_name__".as_ptr(), ml_meth: prop_set_name as *mut c_void, ml_flags: METH_VARARGS, ml_doc: c"Method to set name of a property.".as_ptr() },
    PyMethodDef::SENTINEL,
];

static mut PROP_MEMBERS: [PyMemberDef; 5] = [
    PyMemberDef { name: c"fget".as_ptr(), r#type: T_OBJECT, offset: offset_of!(PropertyObject, prop_get) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef { name: c"fset".as_ptr(), r#type: T_OBJECT, offset: offset_of!(PropertyObject, prop_set) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef { name: c"fdel".as_ptr(), r#type: T_OBJECT, offset: offset_of!(PropertyObject, prop_del) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef { name: c"__doc__".as_ptr(), r#type: T_OBJECT, offset: offset_of!(PropertyObject, prop_doc) as Py_ssize_t, flags: 0, doc: core::ptr::null() },
    PyMemberDef::SENTINEL,
];

static mut PROP_GETSET: [PyGetSetDef; 2] = [
    PyGetSetDef { name: c"__isabstractmethod__".as_ptr(), get: Some(prop_isabstract), set: None, doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef { name: core::ptr::null(), get: None, set: None, doc: core::ptr::null(), closure: null_mut() },
];

unsafe extern "C" fn prop_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let p = op as *mut PropertyObject;
        for x in [(*p).prop_get, (*p).prop_set, (*p).prop_del, (*p).prop_doc, (*p).prop_name] {
            if !x.is_null() {
                let r = visit(x, arg);
                if r != 0 {
                    return r;
                }
            }
        }
        0
    }
}
unsafe extern "C" fn prop_clear(op: *mut PyObject) -> c_int {
    unsafe {
        let p = op as *mut PropertyObject;
        clear(&mut (*p).prop_get);
        clear(&mut (*p).prop_set);
        clear(&mut (*p).prop_del);
        clear(&mut (*p).prop_doc);
        clear(&mut (*p).prop_name);
    }
    0
}
unsafe extern "C" fn prop_dealloc(op: *mut PyObject) {
    unsafe {
        prop_clear(op);
        typeobject::free_instance(op);
    }
}

/// `'A'`: the repr of the qualified name of `obj`'s type.
unsafe fn qualname_repr(obj: *mut PyObject) -> PyResult<String> {
    unsafe {
        let q = unicodeobject::from_str(&typeobject::qualname((*obj).ob_type))?;
        ab::repr_string_checked(q.as_ptr())
    }
}

/// "property 'x' of 'A' object has no getter" (or without the name).
unsafe fn missing(p: *mut PropertyObject, obj: *mut PyObject, what: &str) -> errors::Raised {
    unsafe {
        let tn = match qualname_repr(obj) {
            Ok(s) => s,
            Err(e) => return e,
        };
        let msg = if (*p).prop_name.is_null() {
            format!("property of {} object has no {}", tn, what)
        } else {
            match ab::repr_string_checked((*p).prop_name) {
                Ok(n) => format!("property {} of {} object has no {}", n, tn, what),
                Err(e) => return e,
            }
        };
        errors::attribute_error(msg)
    }
}

unsafe extern "C" fn prop_descr_get(op: *mut PyObject, obj: *mut PyObject, _tp: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if obj.is_null() || obj == noneobject::none_ptr() {
            return Ok(Owned::from_borrowed(op));
        }
        let p = op as *mut PropertyObject;
        if (*p).prop_get.is_null() {
            return Err(missing(p, obj, "getter"));
        }
        let f = Owned::from_borrowed((*p).prop_get);
        ab::call_function(f.as_ptr(), &[obj])
    })
}

unsafe extern "C" fn prop_descr_set(op: *mut PyObject, obj: *mut PyObject, value: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        let p = op as *mut PropertyObject;
        let func = if value.is_null() { (*p).prop_del } else { (*p).prop_set };
        if func.is_null() {
            return Err(missing(p, obj, if value.is_null() { "deleter" } else { "setter" }));
        }
        let f = Owned::from_borrowed(func);
        if value.is_null() {
            ab::call_function(f.as_ptr(), &[obj])?;
        } else {
            ab::call_function(f.as_ptr(), &[obj, value])?;
        }
        Ok(())
    })
}

unsafe fn or_null(v: *mut PyObject) -> *mut PyObject {
    if v == noneobject::none_ptr() { null_mut() } else { v }
}

unsafe fn prop_init_impl(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> PyResult<()> {
    unsafe {
        let a = sequtil::tuple_args(args);
        let nkw = if kw.is_null() { 0 } else { super::dictobject::len(kw) as usize };
        if a.len() + nkw > 4 {
            return Err(errors::type_error(format!("property() takes at most 4 arguments ({} given)", a.len() + nkw)));
        }
        let names = ["fget", "fset", "fdel", "doc"];
        let mut v = [null_mut(); 4];
        v[..a.len()].copy_from_slice(a);
        if nkw > 0 {
            for (k, val) in super::dictobject::items_borrowed(kw) {
                if !unicodeobject::is_str(k) {
                    return Err(errors::type_error("keywords must be strings"));
                }
                let n = unicodeobject::to_string_lossy(k);
                match names.iter().position(|x| *x == n) {
                    Some(i) if i >= a.len() => v[i] = val,
                    Some(i) => {
                        return Err(errors::type_error(format!(
                            "argument for property() given by name ('{}') and position ({})",
                            n,
                            i + 1
                        )))
                    }
                    None => return Err(errors::type_error(format!("'{}' is an invalid keyword argument for property()", n))),
                }
            }
        }
        let p = op as *mut PropertyObject;
        let (fget, fset, fdel, doc) = (or_null(v[0]), or_null(v[1]), or_null(v[2]), v[3]);
        setref(&mut (*p).prop_get, if fget.is_null() { null_mut() } else { new_ref(fget) });
        setref(&mut (*p).prop_set, if fset.is_null() { null_mut() } else { new_ref(fset) });
        setref(&mut (*p).prop_del, if fdel.is_null() { null_mut() } else { new_ref(fdel) });
        clear(&mut (*p).prop_name);
        (*p).getter_doc = 0;
        let mut prop_doc: Option<Owned> = None;
        if !doc.is_null() && doc != noneobject::none_ptr() {
            prop_doc = Some(Owned::from_borrowed(doc));
        } else if !fget.is_null() {
            let name = unicodeobject::intern_str("__doc__")?;
            if let Some(d) = ab::lookup_attr(fget, name.as_ptr())? {
                prop_doc = Some(d);
                (*p).getter_doc = 1;
            }
        }
        if (*op).ob_type == &raw mut PyProperty_Type {
            setref(&mut (*p).prop_doc, prop_doc.map_or(null_mut(), |d| d.into_raw()));
        } else {
            // A subclass's instance: __doc__ goes where the subclass keeps it,
            // or the class's own __doc__ would shadow it.
            let d = prop_doc.unwrap_or_else(noneobject::none);
            let name = unicodeobject::intern_str("__doc__")?;
            ab::setattr(op, name.as_ptr(), d.as_ptr())?;
        }
        Ok(())
    }
}

unsafe extern "C" fn prop_init(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> c_int {
    guard_unit(|| unsafe { prop_init_impl(op, args, kw) })
}

/// `property_copy`: a new property of the same type with one function replaced.
unsafe fn prop_copy(op: *mut PyObject, get: *mut PyObject, set: *mut PyObject, del: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let p = op as *mut PropertyObject;
        let none = noneobject::none_ptr();
        let pick = |new: *mut PyObject, old: *mut PyObject| {
            if new.is_null() || new == none {
                if old.is_null() { none } else { old }
            } else {
                new
            }
        };
        let get = pick(get, (*p).prop_get);
        let set = pick(set, (*p).prop_set);
        let del = pick(del, (*p).prop_del);
        let doc = if (*p).getter_doc != 0 && get != none {
            none
        } else if (*p).prop_doc.is_null() {
            none
        } else {
            (*p).prop_doc
        };
        let keep = Owned::from_borrowed(doc);
        let new = ab::call_function((*op).ob_type as *mut PyObject, &[get, set, del, keep.as_ptr()])?;
        if typeobject::type_check(new.as_ptr(), &raw mut PyProperty_Type) {
            let np = new.as_ptr() as *mut PropertyObject;
            let name = (*p).prop_name;
            setref(&mut (*np).prop_name, if name.is_null() { null_mut() } else { new_ref(name) });
        }
        Ok(new)
    }
}

unsafe extern "C" fn prop_getter(op: *mut PyObject, f: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { prop_copy(op, f, null_mut(), null_mut()) })
}
unsafe extern "C" fn prop_setter(op: *mut PyObject, f: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { prop_copy(op, null_mut(), f, null_mut()) })
}
unsafe extern "C" fn prop_deleter(op: *mut PyObject, f: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { prop_copy(op, null_mut(), null_mut(), f) })
}

unsafe extern "C" fn prop_set_name(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = sequtil::tuple_args(args);
        if a.len() != 2 {
            return Err(errors::type_error(format!(
                "__set_name__() takes 2 positional arguments but {} were given",
                a.len()
            )));
        }
        setref(&mut (*(op as *mut PropertyObject)).prop_name, new_ref(a[1]));
        Ok(noneobject::none())
    })
}

/// `_PyObject_IsAbstract`: `f.__isabstractmethod__` is true.
pub unsafe fn is_abstract(f: *mut PyObject) -> PyResult<bool> {
    unsafe {
        if f.is_null() {
            return Ok(false);
        }
        let name = unicodeobject::intern_str("__isabstractmethod__")?;
        match ab::lookup_attr(f, name.as_ptr())? {
            Some(v) => ab::is_true(v.as_ptr()),
            None => Ok(false),
        }
    }
}

unsafe extern "C" fn prop_isabstract(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut PropertyObject;
        for f in [(*p).prop_get, (*p).prop_set, (*p).prop_del] {
            if is_abstract(f)? {
                return Ok(boolobject::owned_bool(true));
            }
        }
        Ok(boolobject::owned_bool(false))
    })
}
