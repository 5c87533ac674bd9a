//! `type` and `object`: readying types, the MRO, slot inheritance, attribute
//! lookup, instance creation, and types built from specs.
//!
//! Design note. One mechanism for every type (DESIGN.md §1): built-in types are
//! static `PyTypeObject`s with slot functions, exactly as C extensions define
//! theirs, and go through the same `ready()`. Readying a type: default the base
//! to `object` and the metatype to the base's; compute the MRO by C3; fill
//! `tp_dict` from the type's *own* slots (wrapper descriptors such as
//! `int.__add__`, see `slotdefs.rs`), `tp_methods`, `tp_members` and `tp_getset`;
//! then inherit the slots the type left empty from each class of its MRO, with
//! CPython's rules (richcompare and hash only together; GC slots together;
//! `tp_new` except where instantiation is disallowed) and, last, mark a type
//! that compares but does not hash as unhashable (`__hash__ = None`).
//!
//! Invariants: a type's `tp_mro` is a tuple starting with the type itself;
//! `tp_dict` is a real dict; `Py_TPFLAGS_READY` is set only once all of the
//! above holds. Attribute lookup walks `tp_mro` (no caches yet).
use super::dictobject;
use super::object::*;
use super::pyref::*;
use super::tupleobject;
use super::unicodeobject;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard_obj, guard_unit};
use crate::runtime::obmalloc;
use core::mem::{offset_of, size_of};
use core::ptr::null_mut;
use libc::{c_int, c_void};

pub use super::slotdefs::*;

#[no_mangle]
pub static mut PyType_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT
        | Py_TPFLAGS_BASETYPE
        | Py_TPFLAGS_TYPE_SUBCLASS
        | Py_TPFLAGS_HAVE_GC
        | Py_TPFLAGS_HAVE_VECTORCALL,
    tp_dealloc: Some(type_dealloc),
    tp_repr: Some(type_repr),
    tp_call: Some(type_call),
    tp_getattro: Some(type_getattro),
    tp_setattro: Some(type_setattro),
    tp_traverse: Some(type_traverse),
    tp_clear: Some(type_clear),
    tp_richcompare: None,
    tp_dictoffset: offset_of!(PyTypeObject, tp_dict) as Py_ssize_t,
    tp_weaklistoffset: offset_of!(PyTypeObject, tp_weaklist) as Py_ssize_t,
    tp_new: Some(type_new),
    tp_init: Some(type_init),
    tp_free: Some(super::super::capi::object::PyObject_GC_Del),
    tp_is_gc: Some(type_is_gc),
    tp_getset: &raw mut TYPE_GETSET as *mut PyGetSetDef,
    tp_methods: &raw mut TYPE_METHODS as *mut PyMethodDef,
    tp_members: &raw mut TYPE_MEMBERS as *mut PyMemberDef,
    tp_vectorcall: None,
    tp_doc: c"type(object) -> the object's type\ntype(name, bases, dict, **kwds) -> a new type".as_ptr(),
    ..PyTypeObject::new(c"type", size_of::<PyHeapTypeObject>(), size_of::<PyMemberDef>())
};

#[no_mangle]
pub static mut PyBaseObject_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    tp_dealloc: Some(object_dealloc),
    tp_repr: Some(object_repr),
    tp_hash: Some(object_hash),
    tp_str: Some(object_str),
    tp_getattro: Some(generic_getattr_slot),
    tp_setattro: Some(generic_setattr_slot),
    tp_richcompare: Some(object_richcompare),
    tp_init: Some(object_init),
    tp_alloc: Some(generic_alloc_slot),
    tp_new: Some(object_new),
    tp_free: Some(super::super::capi::object::PyObject_Free),
    tp_getset: &raw mut OBJECT_GETSET as *mut PyGetSetDef,
    tp_methods: &raw mut OBJECT_METHODS as *mut PyMethodDef,
    tp_doc: c"The base class of the class hierarchy.\n\nWhen called, it accepts no arguments and returns a new featureless\ninstance that has no instance attributes and cannot be given any.\n".as_ptr(),
    ..PyTypeObject::new(c"object", size_of::<PyObject>(), 0)
};

pub fn type_type() -> *mut PyTypeObject {
    &raw mut PyType_Type
}
pub fn object_type() -> *mut PyTypeObject {
    &raw mut PyBaseObject_Type
}

// ---------------------------------------------------------------- names

/// `tp_name` as a Rust string (the full dotted name of static types).
pub unsafe fn type_name_full(tp: *mut PyTypeObject) -> String {
    unsafe {
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            let ht = tp as *mut PyHeapTypeObject;
            if !(*ht).ht_name.is_null() {
                if let Ok(s) = unicodeobject::as_str((*ht).ht_name) {
                    return s.to_string();
                }
            }
        }
        if (*tp).tp_name.is_null() {
            return "?".into();
        }
        std::ffi::CStr::from_ptr((*tp).tp_name).to_string_lossy().into_owned()
    }
}

/// What CPython's error messages ("'int' object is not iterable") print for a
/// type: its `tp_name`, which is the full dotted name of a type defined in C
/// ("collections.deque", "mod.Spec" from PyType_FromSpec) and the bare name of
/// a class.
pub unsafe fn type_name_str(tp: *mut PyTypeObject) -> String {
    unsafe {
        if (*tp).tp_name.is_null() {
            return short_name(tp);
        }
        std::ffi::CStr::from_ptr((*tp).tp_name).to_string_lossy().into_owned()
    }
}

pub unsafe fn short_name(tp: *mut PyTypeObject) -> String {
    unsafe {
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            let ht = tp as *mut PyHeapTypeObject;
            if !(*ht).ht_name.is_null() {
                if let Ok(s) = unicodeobject::as_str((*ht).ht_name) {
                    return s.to_string();
                }
            }
        }
        let full = type_name_full(tp);
        match full.rfind('.') {
            Some(i) => full[i + 1..].to_string(),
            None => full,
        }
    }
}

/// `__module__` of a static type: the part of `tp_name` before the last dot, or
/// "builtins".
unsafe fn static_module_name(tp: *mut PyTypeObject) -> String {
    unsafe {
        let full = std::ffi::CStr::from_ptr((*tp).tp_name).to_string_lossy().into_owned();
        match full.rfind('.') {
            Some(i) => full[..i].to_string(),
            None => "builtins".to_string(),
        }
    }
}

/// `__qualname__` (heap types keep their own).
pub unsafe fn qualname(tp: *mut PyTypeObject) -> String {
    unsafe {
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            let ht = tp as *mut PyHeapTypeObject;
            if !(*ht).ht_qualname.is_null() {
                if let Ok(s) = unicodeobject::as_str((*ht).ht_qualname) {
                    return s.to_string();
                }
            }
        }
        short_name(tp)
    }
}

pub unsafe fn module_name(tp: *mut PyTypeObject) -> PyResult<Owned> {
    unsafe {
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 && !(*tp).tp_dict.is_null() {
            if let Some(m) = dictobject::get_item_str((*tp).tp_dict, "__module__")? {
                return Ok(m);
            }
        }
        unicodeobject::from_str(&static_module_name(tp))
    }
}

// ---------------------------------------------------------------- subtype tests

/// `PyType_IsSubtype`: walks the MRO (or the base chain before the MRO exists).
pub unsafe fn is_subtype(a: *mut PyTypeObject, b: *mut PyTypeObject) -> bool {
    unsafe {
        if a == b {
            return true;
        }
        let mro = (*a).tp_mro;
        if !mro.is_null() {
            let n = Py_SIZE(mro);
            for i in 0..n {
                if tupleobject::get_item(mro, i) as *mut PyTypeObject == b {
                    return true;
                }
            }
            return false;
        }
        let mut t = a;
        while !t.is_null() {
            if t == b {
                return true;
            }
            t = (*t).tp_base;
        }
        b == object_type()
    }
}

/// `PyObject_TypeCheck`.
#[inline]
pub unsafe fn type_check(op: *mut PyObject, tp: *mut PyTypeObject) -> bool {
    unsafe { (*op).ob_type == tp || is_subtype((*op).ob_type, tp) }
}

pub unsafe fn is_type(op: *mut PyObject) -> bool {
    unsafe { type_has_flag((*op).ob_type, Py_TPFLAGS_TYPE_SUBCLASS) }
}

// ---------------------------------------------------------------- allocation

/// Bytes needed for an instance with `nitems` items, rounded to pointer size as
/// CPython's `_PyObject_VAR_SIZE`.
#[inline]
pub unsafe fn var_size(tp: *mut PyTypeObject, nitems: Py_ssize_t) -> PyResult<usize> {
    unsafe {
        let base = (*tp).tp_basicsize as usize;
        let item = (*tp).tp_itemsize as usize;
        let n = nitems.max(0) as usize;
        let total = item
            .checked_mul(n)
            .and_then(|x| x.checked_add(base))
            .and_then(|x| x.checked_add(7))
            .filter(|&x| x <= isize::MAX as usize / 2)
            .ok_or_else(errors::no_memory)?;
        Ok(total & !7)
    }
}

/// `PyType_GenericAlloc`: zeroed memory for `nitems` items (+1 as CPython does
/// for var-sized types, so a trailing NUL fits), the GC header in front for GC
/// types, refcount 1, heap types increfed.
pub unsafe fn generic_alloc(tp: *mut PyTypeObject, nitems: Py_ssize_t) -> PyResult<Owned> {
    unsafe {
        let size = var_size(tp, nitems + 1)?;
        let gc = (*tp).tp_flags & Py_TPFLAGS_HAVE_GC != 0;
        let pre = if gc { size_of::<PyGC_Head>() } else { 0 };
        let mem = obmalloc::object_malloc(size + pre) as *mut u8;
        if mem.is_null() {
            return Err(errors::no_memory());
        }
        core::ptr::write_bytes(mem, 0, size + pre);
        let op = mem.add(pre) as *mut PyObject;
        (*op).ob_type = tp;
        if (*tp).tp_itemsize != 0 {
            Py_SET_SIZE(op, nitems);
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            incref(tp as *mut PyObject);
        }
        new_reference(op);
        Ok(Owned::from_raw_nonnull(op))
    }
}

/// Allocate through the type's `tp_alloc` (what `tp_new` implementations call).
pub unsafe fn alloc_instance(tp: *mut PyTypeObject, nitems: Py_ssize_t) -> PyResult<Owned> {
    unsafe {
        match (*tp).tp_alloc {
            Some(f) => Owned::from_raw(f(tp, nitems)),
            None => generic_alloc(tp, nitems),
        }
    }
}

/// Release an instance's memory through `tp_free` (the tail of every static
/// type's `tp_dealloc`). The reference an instance holds on a heap type is
/// dropped by `subtype_dealloc` (or by a C type's own dealloc), as in CPython.
pub unsafe fn free_instance(op: *mut PyObject) {
    unsafe {
        let tp = (*op).ob_type;
        match (*tp).tp_free {
            Some(f) => f(op as *mut c_void),
            None => free_object_memory(op),
        }
    }
}

/// Free an object's memory, accounting for a GC header in front.
pub unsafe fn free_object_memory(op: *mut PyObject) {
    unsafe {
        let tp = (*op).ob_type;
        if (*tp).tp_flags & Py_TPFLAGS_HAVE_GC != 0 {
            obmalloc::object_free((op as *mut u8).sub(size_of::<PyGC_Head>()) as *mut c_void);
        } else {
            obmalloc::object_free(op as *mut c_void);
        }
    }
}

unsafe extern "C" fn generic_alloc_slot(tp: *mut PyTypeObject, n: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe { generic_alloc(tp, n) })
}

// ---------------------------------------------------------------- lookup

/// `_PyType_Lookup`: find `name` in the dicts of the MRO; borrowed, no error set
/// on a miss.
pub unsafe fn lookup(tp: *mut PyTypeObject, name: *mut PyObject) -> *mut PyObject {
    unsafe {
        let mro = (*tp).tp_mro;
        if mro.is_null() {
            let mut t = tp;
            while !t.is_null() {
                if !(*t).tp_dict.is_null() {
                    let v = dictobject::get_item_borrowed((*t).tp_dict, name);
                    if !v.is_null() {
                        return v;
                    }
                }
                t = (*t).tp_base;
            }
            return null_mut();
        }
        let n = Py_SIZE(mro);
        for i in 0..n {
            let base = tupleobject::get_item(mro, i) as *mut PyTypeObject;
            let d = (*base).tp_dict;
            if d.is_null() {
                continue;
            }
            let v = dictobject::get_item_borrowed(d, name);
            if !v.is_null() {
                return v;
            }
        }
        null_mut()
    }
}

pub unsafe fn lookup_str(tp: *mut PyTypeObject, name: &str) -> PyResult<*mut PyObject> {
    let n = unicodeobject::intern_str(name)?;
    Ok(unsafe { lookup(tp, n.as_ptr()) })
}

/// Address of the instance dict pointer, or null if the type has none.
pub unsafe fn dict_ptr(op: *mut PyObject) -> *mut *mut PyObject {
    unsafe {
        let tp = (*op).ob_type;
        let off = (*tp).tp_dictoffset;
        if off == 0 {
            return null_mut();
        }
        let off = if off < 0 {
            // Negative: counted from the end of a variable-size object.
            let size = var_size(tp, Py_SIZE(op).abs()).unwrap_or(0) as isize;
            size + off
        } else {
            off
        };
        (op as *mut u8).offset(off) as *mut *mut PyObject
    }
}

fn no_attribute(op: *mut PyObject, name: *mut PyObject) -> errors::Raised {
    unsafe {
        let tn = type_name_str((*op).ob_type);
        let n = unicodeobject::as_str(name).unwrap_or("?");
        errors::attribute_error(format!("'{}' object has no attribute '{}'", tn, n))
    }
}

/// `PyObject_GenericGetAttr` (with `suppress`: a miss returns Ok(None) without
/// setting AttributeError).
pub unsafe fn generic_getattr(
    op: *mut PyObject,
    name: *mut PyObject,
    suppress: bool,
) -> PyResult<Option<Owned>> {
    unsafe {
        if !unicodeobject::is_str(name) {
            return Err(errors::type_error(format!(
                "attribute name must be string, not '{}'",
                type_name_str((*name).ob_type)
            )));
        }
        let tp = (*op).ob_type;
        if (*tp).tp_dict.is_null() {
            ready(tp)?;
        }
        let descr = lookup(tp, name);
        let descr = if descr.is_null() { None } else { Some(Owned::from_borrowed(descr)) };
        let mut get = None;
        if let Some(d) = &descr {
            get = (*(*d.as_ptr()).ob_type).tp_descr_get;
            if let Some(g) = get {
                if (*(*d.as_ptr()).ob_type).tp_descr_set.is_some() {
                    let r = g(d.as_ptr(), op, tp as *mut PyObject);
                    return finish_get(r, suppress);
                }
            }
        }
        let dp = dict_ptr(op);
        if !dp.is_null() && !(*dp).is_null() {
            let dict = Owned::from_borrowed(*dp);
            if let Some(v) = dictobject::get_item(dict.as_ptr(), name)? {
                return Ok(Some(v));
            }
        }
        if let Some(d) = descr {
            if let Some(g) = get {
                let r = g(d.as_ptr(), op, tp as *mut PyObject);
                return finish_get(r, suppress);
            }
            return Ok(Some(d));
        }
        if suppress {
            return Ok(None);
        }
        Err(no_attribute(op, name))
    }
}

unsafe fn finish_get(r: *mut PyObject, suppress: bool) -> PyResult<Option<Owned>> {
    if !r.is_null() {
        return Ok(Some(unsafe { Owned::from_raw_nonnull(r) }));
    }
    if suppress && errors::exception_matches(unsafe { super::exceptions::PyExc_AttributeError }) {
        errors::clear();
        return Ok(None);
    }
    Err(crate::runtime::ffi::raised())
}

/// `PyObject_GenericSetAttr` (value null = delete).
pub unsafe fn generic_setattr(op: *mut PyObject, name: *mut PyObject, value: *mut PyObject) -> PyResult<()> {
    unsafe {
        if !unicodeobject::is_str(name) {
            return Err(errors::type_error(format!(
                "attribute name must be string, not '{}'",
                type_name_str((*name).ob_type)
            )));
        }
        let tp = (*op).ob_type;
        if (*tp).tp_dict.is_null() {
            ready(tp)?;
        }
        let descr = lookup(tp, name);
        if !descr.is_null() {
            let d = Owned::from_borrowed(descr);
            if let Some(set) = (*(*descr).ob_type).tp_descr_set {
                if set(d.as_ptr(), op, value) < 0 {
                    return Err(crate::runtime::ffi::raised());
                }
                return Ok(());
            }
        }
        let dp = dict_ptr(op);
        if dp.is_null() {
            let tn = type_name_str(tp);
            let n = unicodeobject::as_str(name).unwrap_or("?");
            return Err(if descr.is_null() {
                errors::attribute_error(format!("'{}' object has no attribute '{}'", tn, n))
            } else {
                errors::attribute_error(format!("'{}' object attribute '{}' is read-only", tn, n))
            });
        }
        if (*dp).is_null() {
            if value.is_null() {
                return Err(no_attribute(op, name));
            }
            *dp = dictobject::new_dict()?.into_raw();
        }
        let dict = Owned::from_borrowed(*dp);
        if value.is_null() {
            match dictobject::del_item(dict.as_ptr(), name) {
                Ok(()) => Ok(()),
                Err(e) => {
                    if errors::exception_matches(super::exceptions::PyExc_KeyError) {
                        errors::clear();
                        Err(no_attribute(op, name))
                    } else {
                        Err(e)
                    }
                }
            }
        } else {
            dictobject::set_item(dict.as_ptr(), name, value)
        }
    }
}

pub unsafe extern "C" fn generic_getattr_slot(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { generic_getattr(op, name, false).map(|o| o.unwrap()) })
}

pub unsafe extern "C" fn generic_setattr_slot(
    op: *mut PyObject,
    name: *mut PyObject,
    value: *mut PyObject,
) -> c_int {
    guard_unit(|| unsafe { generic_setattr(op, name, value) })
}

// ---------------------------------------------------------------- object's slots

unsafe extern "C" fn object_dealloc(op: *mut PyObject) {
    unsafe { free_instance(op) }
}

unsafe extern "C" fn object_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let tp = (*op).ob_type;
        let m = module_name(tp)?;
        let ms = unicodeobject::as_str(m.as_ptr()).unwrap_or("?").to_string();
        let q = qualname(tp);
        let s = if ms == "builtins" {
            format!("<{} object at {:#x}>", q, op as usize)
        } else {
            format!("<{}.{} object at {:#x}>", ms, q, op as usize)
        };
        unicodeobject::from_str(&s)
    })
}

unsafe extern "C" fn object_str(op: *mut PyObject) -> *mut PyObject {
    unsafe {
        match (*(*op).ob_type).tp_repr {
            Some(f) => f(op),
            None => object_repr(op),
        }
    }
}

unsafe extern "C" fn object_hash(op: *mut PyObject) -> Py_hash_t {
    crate::runtime::pyhash::hash_pointer(op as *const c_void)
}

unsafe extern "C" fn object_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    unsafe {
        match op {
            Py_EQ => {
                if a == b {
                    super::boolobject::from_bool(true)
                } else {
                    super::noneobject::new_not_implemented()
                }
            }
            Py_NE => {
                // By default, __ne__ delegates to __eq__ and inverts the result.
                let tp = (*a).ob_type;
                match (*tp).tp_richcompare {
                    Some(f) => {
                        let r = f(a, b, Py_EQ);
                        if r.is_null() || r == super::noneobject::not_implemented_ptr() {
                            return r;
                        }
                        let t = super::abstract_::is_true(r);
                        decref(r);
                        match t {
                            Ok(t) => super::boolobject::from_bool(!t),
                            Err(_) => null_mut(),
                        }
                    }
                    None => super::noneobject::new_not_implemented(),
                }
            }
            _ => super::noneobject::new_not_implemented(),
        }
    }
}

/// Does the type override `tp_new`/`tp_init` relative to `object`?
unsafe fn excess_args(args: *mut PyObject, kw: *mut PyObject) -> bool {
    unsafe {
        (!args.is_null() && Py_SIZE(args) > 0) || (!kw.is_null() && dictobject::len(kw) > 0)
    }
}

unsafe extern "C" fn object_init(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        let tp = (*op).ob_type;
        if excess_args(args, kw) {
            if (*tp).tp_init != Some(object_init) {
                return Err(errors::type_error(
                    "object.__init__() takes exactly one argument (the instance to initialize)",
                ));
            }
            if (*tp).tp_new == Some(object_new) {
                return Err(errors::type_error(format!(
                    "{}() takes no arguments",
                    type_name_str(tp)
                )));
            }
        }
        Ok(())
    })
}

unsafe extern "C" fn object_new(tp: *mut PyTypeObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if excess_args(args, kw) {
            if (*tp).tp_new != Some(object_new) {
                return Err(errors::type_error(
                    "object.__new__() takes exactly one argument (the type to instantiate)",
                ));
            }
            if (*tp).tp_init == Some(object_init) {
                return Err(errors::type_error(format!(
                    "{}() takes no arguments",
                    type_name_str(tp)
                )));
            }
        }
        if (*tp).tp_flags & Py_TPFLAGS_IS_ABSTRACT != 0 {
            return Err(errors::type_error(format!(
                "Can't instantiate abstract class {}",
                type_name_str(tp)
            )));
        }
        alloc_instance(tp, 0)
    })
}

unsafe extern "C" fn object_get_class(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    unsafe { new_ref((*op).ob_type as *mut PyObject) }
}

unsafe extern "C" fn object_sizeof(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let tp = (*op).ob_type;
        let mut size = (*tp).tp_basicsize;
        if (*tp).tp_itemsize != 0 {
            size += (*tp).tp_itemsize * Py_SIZE(op).abs();
        }
        super::longobject::from_isize(size)
    })
}

unsafe extern "C" fn object_format(op: *mut PyObject, spec: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !unicodeobject::is_str(spec) {
            return Err(errors::type_error(format!(
                "format() argument 2 must be str, not {}",
                type_name_str((*spec).ob_type)
            )));
        }
        if unicodeobject::len(spec) > 0 {
            return Err(errors::type_error(format!(
                "unsupported format string passed to {}.__format__",
                type_name_str((*op).ob_type)
            )));
        }
        super::abstract_::str(op)
    })
}

unsafe extern "C" fn object_init_subclass(_cls: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    unsafe { super::noneobject::new_none() }
}

unsafe extern "C" fn object_subclasshook(_cls: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    unsafe { super::noneobject::new_not_implemented() }
}

static mut OBJECT_GETSET: [PyGetSetDef; 2] = [
    PyGetSetDef {
        name: c"__class__".as_ptr(),
        get: Some(object_get_class),
        set: None,
        doc: c"the object's class".as_ptr(),
        closure: null_mut(),
    },
    PyGetSetDef::SENTINEL,
];

static mut OBJECT_METHODS: [PyMethodDef; 9] = [
    PyMethodDef { ml_name: c"__dir__".as_ptr(), ml_meth: object_dir as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Default dir() implementation.".as_ptr() },
    PyMethodDef { ml_name: c"__getstate__".as_ptr(), ml_meth: object_getstate as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Helper for pickle.".as_ptr() },
    PyMethodDef { ml_name: c"__reduce__".as_ptr(), ml_meth: object_reduce as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Helper for pickle.".as_ptr() },
    PyMethodDef { ml_name: c"__reduce_ex__".as_ptr(), ml_meth: object_reduce_ex as *mut c_void, ml_flags: METH_O, ml_doc: c"Helper for pickle.".as_ptr() },
    PyMethodDef { ml_name: c"__sizeof__".as_ptr(), ml_meth: object_sizeof as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Size of object in memory, in bytes.".as_ptr() },
    PyMethodDef { ml_name: c"__format__".as_ptr(), ml_meth: object_format as *mut c_void, ml_flags: METH_O, ml_doc: c"Default object formatter.".as_ptr() },
    PyMethodDef { ml_name: c"__init_subclass__".as_ptr(), ml_meth: object_init_subclass as *mut c_void, ml_flags: METH_CLASS | METH_NOARGS, ml_doc: c"This method is called when a class is subclassed.".as_ptr() },
    PyMethodDef { ml_name: c"__subclasshook__".as_ptr(), ml_meth: object_subclasshook as *mut c_void, ml_flags: METH_CLASS | METH_VARARGS, ml_doc: c"Abstract classes can override this to customize issubclass().".as_ptr() },
    PyMethodDef::SENTINEL,
];

// ---------------------------------------------------------------- type's slots

unsafe extern "C" fn type_is_gc(op: *mut PyObject) -> c_int {
    unsafe { ((*(op as *mut PyTypeObject)).tp_flags & Py_TPFLAGS_HEAPTYPE != 0) as c_int }
}

unsafe extern "C" fn type_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let tp = op as *mut PyTypeObject;
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE == 0 {
            return 0;
        }
        for p in [(*tp).tp_dict, (*tp).tp_cache, (*tp).tp_mro, (*tp).tp_bases, (*tp).tp_base as *mut PyObject, (*(tp as *mut PyHeapTypeObject)).ht_module] {
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

unsafe extern "C" fn type_clear(op: *mut PyObject) -> c_int {
    unsafe {
        let tp = op as *mut PyTypeObject;
        clear(&mut (*tp).tp_dict);
        clear(&mut (*tp).tp_mro);
        0
    }
}

unsafe extern "C" fn type_dealloc(op: *mut PyObject) {
    unsafe {
        let tp = op as *mut PyTypeObject;
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE == 0 {
            // Static types are never freed; a decref to zero is a bug in the caller.
            (*op).ob_refcnt = 1;
            super::pyref::new_reference(op);
            return;
        }
        let ht = tp as *mut PyHeapTypeObject;
        let base = (*tp).tp_base;
        clear(&mut (*tp).tp_dict);
        clear(&mut (*tp).tp_mro);
        clear(&mut (*tp).tp_bases);
        clear(&mut (*tp).tp_cache);
        clear(&mut (*ht).ht_name);
        clear(&mut (*ht).ht_qualname);
        clear(&mut (*ht).ht_slots);
        clear(&mut (*ht).ht_module);
        if !(*tp).tp_doc.is_null() {
            obmalloc::mem_free((*tp).tp_doc as *mut c_void);
        }
        if !(*ht)._ht_tpname.is_null() {
            obmalloc::mem_free((*ht)._ht_tpname as *mut c_void);
        }
        if !base.is_null() {
            decref(base as *mut PyObject);
        }
        let meta = (*op).ob_type;
        free_object_memory(op);
        if (*meta).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
            decref(meta as *mut PyObject);
        }
    }
}

unsafe extern "C" fn type_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let tp = op as *mut PyTypeObject;
        let m = module_name(tp)?;
        let q = qualname(tp);
        let s = match unicodeobject::as_str(m.as_ptr()) {
            Ok(ms) if ms != "builtins" => format!("<class '{}.{}'>", ms, q),
            _ => format!("<class '{}'>", q),
        };
        unicodeobject::from_str(&s)
    })
}

unsafe extern "C" fn type_call(callable: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let tp = callable as *mut PyTypeObject;
        // type(x) with one argument returns x's type.
        if tp == type_type() && !args.is_null() && Py_SIZE(args) == 1 && (kw.is_null() || dictobject::len(kw) == 0) {
            let x = tupleobject::get_item(args, 0);
            return Ok(Owned::from_borrowed((*x).ob_type as *mut PyObject));
        }
        let Some(new) = (*tp).tp_new else {
            return Err(errors::type_error(format!(
                "cannot create '{}' instances",
                type_name_full(tp)
            )));
        };
        let empty;
        let args = if args.is_null() {
            empty = tupleobject::new_empty()?;
            empty.as_ptr()
        } else {
            args
        };
        let obj = Owned::from_raw(new(tp, args, kw))?;
        if !type_check(obj.as_ptr(), tp) {
            return Ok(obj);
        }
        let otp = obj.type_ptr();
        if let Some(init) = (*otp).tp_init {
            if init(obj.as_ptr(), args, kw) < 0 {
                return Err(crate::runtime::ffi::raised());
            }
        }
        Ok(obj)
    })
}

unsafe extern "C" fn type_new(meta: *mut PyTypeObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { super::typeobject_new::type_new_impl(meta, args, kw) })
}

unsafe extern "C" fn type_init(_op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        let n = if args.is_null() { 0 } else { Py_SIZE(args) };
        if !kw.is_null() && n == 1 && dictobject::len(kw) != 0 {
            return Err(errors::type_error("type.__init__() takes no keyword arguments"));
        }
        if n != 1 && n != 3 {
            return Err(errors::type_error("type.__init__() takes 1 or 3 arguments"));
        }
        Ok(())
    })
}

/// Attribute lookup on a type: the metatype's data descriptors, then the type's
/// own MRO (descriptors bound with `instance=NULL`), then the metatype's other
/// attributes.
pub unsafe fn type_getattr(tp: *mut PyTypeObject, name: *mut PyObject, suppress: bool) -> PyResult<Option<Owned>> {
    unsafe {
        if !unicodeobject::is_str(name) {
            return Err(errors::type_error(format!(
                "attribute name must be string, not '{}'",
                type_name_str((*name).ob_type)
            )));
        }
        if (*tp).tp_dict.is_null() {
            ready(tp)?;
        }
        let meta = (*tp).ob_base.ob_base.ob_type;
        let meta_attr = lookup(meta, name);
        let meta_attr = if meta_attr.is_null() { None } else { Some(Owned::from_borrowed(meta_attr)) };
        let mut meta_get = None;
        if let Some(ma) = &meta_attr {
            meta_get = (*(*ma.as_ptr()).ob_type).tp_descr_get;
            if let Some(g) = meta_get {
                if (*(*ma.as_ptr()).ob_type).tp_descr_set.is_some() {
                    return finish_get(g(ma.as_ptr(), tp as *mut PyObject, meta as *mut PyObject), suppress);
                }
            }
        }
        let attr = lookup(tp, name);
        if !attr.is_null() {
            let a = Owned::from_borrowed(attr);
            if let Some(g) = (*(*attr).ob_type).tp_descr_get {
                return finish_get(g(a.as_ptr(), null_mut(), tp as *mut PyObject), suppress);
            }
            return Ok(Some(a));
        }
        if let Some(ma) = meta_attr {
            if let Some(g) = meta_get {
                return finish_get(g(ma.as_ptr(), tp as *mut PyObject, meta as *mut PyObject), suppress);
            }
            return Ok(Some(ma));
        }
        if suppress {
            return Ok(None);
        }
        Err(errors::attribute_error(format!(
            "type object '{}' has no attribute '{}'",
            type_name_str(tp),
            unicodeobject::as_str(name).unwrap_or("?")
        )))
    }
}

unsafe extern "C" fn type_getattro(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { type_getattr(op as *mut PyTypeObject, name, false).map(|o| o.unwrap()) })
}

unsafe extern "C" fn type_setattro(op: *mut PyObject, name: *mut PyObject, value: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        let tp = op as *mut PyTypeObject;
        if (*tp).tp_flags & Py_TPFLAGS_IMMUTABLETYPE != 0 || (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE == 0 {
            return Err(errors::type_error(format!(
                "cannot set '{}' attribute of immutable type '{}'",
                unicodeobject::as_str(name).unwrap_or("?"),
                type_name_full(tp)
            )));
        }
        if !unicodeobject::is_str(name) {
            return Err(errors::type_error(format!(
                "attribute name must be string, not '{}'",
                type_name_str((*name).ob_type)
            )));
        }
        let meta = (*op).ob_type;
        let descr = lookup(meta, name);
        if !descr.is_null() {
            if let Some(set) = (*(*descr).ob_type).tp_descr_set {
                let d = Owned::from_borrowed(descr);
                if set(d.as_ptr(), op, value) < 0 {
                    return Err(crate::runtime::ffi::raised());
                }
                return Ok(());
            }
        }
        let dict = Owned::from_borrowed((*tp).tp_dict);
        if value.is_null() {
            if dictobject::del_item(dict.as_ptr(), name).is_err() {
                errors::clear();
                return Err(errors::attribute_error(format!(
                    "type object '{}' has no attribute '{}'",
                    type_name_str(tp),
                    unicodeobject::as_str(name).unwrap_or("?")
                )));
            }
        } else {
            dictobject::set_item(dict.as_ptr(), name, value)?;
        }
        super::slotdefs::update_slot(tp, name)
    })
}

unsafe extern "C" fn type_get_name(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { unicodeobject::from_str(&short_name(op as *mut PyTypeObject)) })
}
unsafe extern "C" fn type_get_qualname(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { unicodeobject::from_str(&qualname(op as *mut PyTypeObject)) })
}
unsafe extern "C" fn type_get_module(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { module_name(op as *mut PyTypeObject) })
}
unsafe extern "C" fn type_get_mro(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    unsafe {
        let m = (*(op as *mut PyTypeObject)).tp_mro;
        if m.is_null() { super::noneobject::new_none() } else { new_ref(m) }
    }
}
unsafe extern "C" fn type_get_bases(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    unsafe {
        let m = (*(op as *mut PyTypeObject)).tp_bases;
        if m.is_null() { super::noneobject::new_none() } else { new_ref(m) }
    }
}
unsafe extern "C" fn type_get_base(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    unsafe {
        let b = (*(op as *mut PyTypeObject)).tp_base;
        if b.is_null() { super::noneobject::new_none() } else { new_ref(b as *mut PyObject) }
    }
}
unsafe extern "C" fn type_get_dict(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe {
        let d = (*(op as *mut PyTypeObject)).tp_dict;
        if d.is_null() {
            return Ok(super::noneobject::none());
        }
        super::descrobject::new_mappingproxy(d)
    })
}
unsafe extern "C" fn type_get_doc(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe {
        let tp = op as *mut PyTypeObject;
        if let Some(d) = dictobject::get_item_str((*tp).tp_dict, "__doc__")? {
            if let Some(g) = (*d.type_ptr()).tp_descr_get {
                return Owned::from_raw(g(d.as_ptr(), null_mut(), op));
            }
            return Ok(d);
        }
        if (*tp).tp_doc.is_null() {
            return Ok(super::noneobject::none());
        }
        unicodeobject::from_str(&std::ffi::CStr::from_ptr((*tp).tp_doc).to_string_lossy())
    })
}
unsafe extern "C" fn type_get_abstract(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe {
        let tp = op as *mut PyTypeObject;
        if tp != type_type() {
            if let Some(v) = dictobject::get_item_str((*tp).tp_dict, "__abstractmethods__")? {
                return Ok(v);
            }
        }
        Err(errors::attribute_error("__abstractmethods__"))
    })
}

unsafe extern "C" fn type_mro_method(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let t = super::typeobject_new::compute_mro(op as *mut PyTypeObject)?;
        super::listobject::from_slice(std::slice::from_raw_parts(
            (*(t.as_ptr() as *mut super::tupleobject::PyTupleObject)).ob_item.as_ptr(),
            Py_SIZE(t.as_ptr()) as usize,
        ))
    })
}

unsafe extern "C" fn type_instancecheck(op: *mut PyObject, inst: *mut PyObject) -> *mut PyObject {
    unsafe { super::boolobject::from_bool(type_check(inst, op as *mut PyTypeObject)) }
}

unsafe extern "C" fn type_subclasscheck(op: *mut PyObject, sub: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !is_type(sub) {
            return Err(errors::type_error("issubclass() arg 1 must be a class"));
        }
        Ok(Owned::from_raw_nonnull(super::boolobject::from_bool(is_subtype(
            sub as *mut PyTypeObject,
            op as *mut PyTypeObject,
        ))))
    })
}

unsafe extern "C" fn type_subclasses(_op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| super::listobject::new_list(0))
}

static mut TYPE_GETSET: [PyGetSetDef; 11] = [
    PyGetSetDef { name: c"__name__".as_ptr(), get: Some(type_get_name), set: None, doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef { name: c"__qualname__".as_ptr(), get: Some(type_get_qualname), set: None, doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef { name: c"__module__".as_ptr(), get: Some(type_get_module), set: None, doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef { name: c"__mro__".as_ptr(), get: Some(type_get_mro), set: None, doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef { name: c"__bases__".as_ptr(), get: Some(type_get_bases), set: None, doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef { name: c"__base__".as_ptr(), get: Some(type_get_base), set: None, doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef { name: c"__dict__".as_ptr(), get: Some(type_get_dict), set: None, doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef { name: c"__doc__".as_ptr(), get: Some(type_get_doc), set: None, doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef { name: c"__abstractmethods__".as_ptr(), get: Some(type_get_abstract), set: None, doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef::SENTINEL,
    PyGetSetDef::SENTINEL,
];

static mut TYPE_MEMBERS: [PyMemberDef; 6] = [
    PyMemberDef { name: c"__basicsize__".as_ptr(), r#type: T_PYSSIZET, offset: offset_of!(PyTypeObject, tp_basicsize) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef { name: c"__itemsize__".as_ptr(), r#type: T_PYSSIZET, offset: offset_of!(PyTypeObject, tp_itemsize) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef { name: c"__flags__".as_ptr(), r#type: T_ULONG, offset: offset_of!(PyTypeObject, tp_flags) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef { name: c"__weakrefoffset__".as_ptr(), r#type: T_PYSSIZET, offset: offset_of!(PyTypeObject, tp_weaklistoffset) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef { name: c"__dictoffset__".as_ptr(), r#type: T_PYSSIZET, offset: offset_of!(PyTypeObject, tp_dictoffset) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef::SENTINEL,
];

static mut TYPE_METHODS: [PyMethodDef; 6] = [
    PyMethodDef { ml_name: c"__dir__".as_ptr(), ml_meth: type_dir as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Specialized __dir__ implementation for types.".as_ptr() },
    PyMethodDef { ml_name: c"mro".as_ptr(), ml_meth: type_mro_method as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Return a type's method resolution order.".as_ptr() },
    PyMethodDef { ml_name: c"__subclasses__".as_ptr(), ml_meth: type_subclasses as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Return a list of immediate subclasses.".as_ptr() },
    PyMethodDef { ml_name: c"__instancecheck__".as_ptr(), ml_meth: type_instancecheck as *mut c_void, ml_flags: METH_O, ml_doc: c"Check if an object is an instance.".as_ptr() },
    PyMethodDef { ml_name: c"__subclasscheck__".as_ptr(), ml_meth: type_subclasscheck as *mut c_void, ml_flags: METH_O, ml_doc: c"Check if a class is a subclass.".as_ptr() },
    PyMethodDef::SENTINEL,
];

// ---------------------------------------------------------------- PyType_Ready

/// `PyType_Ready`.
pub unsafe fn ready(tp: *mut PyTypeObject) -> PyResult<()> {
    unsafe {
        if (*tp).tp_flags & Py_TPFLAGS_READY != 0 {
            return Ok(());
        }
        if (*tp).tp_flags & Py_TPFLAGS_READYING != 0 {
            // Re-entered while readying (e.g. dict needs str): proceed with what exists.
            return Ok(());
        }
        (*tp).tp_flags |= Py_TPFLAGS_READYING;
        let r = ready_inner(tp);
        (*tp).tp_flags &= !Py_TPFLAGS_READYING;
        if r.is_ok() {
            (*tp).tp_flags |= Py_TPFLAGS_READY;
            if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE == 0 {
                crate::runtime::pylifecycle::note_readied_static_type(tp);
            }
        }
        r
    }
}

unsafe fn ready_inner(tp: *mut PyTypeObject) -> PyResult<()> {
    unsafe {
        if (*tp).tp_name.is_null() {
            return Err(errors::system_error("Type does not define the tp_name field."));
        }
        let obj_t = object_type();
        if (*tp).tp_base.is_null() && tp != obj_t {
            (*tp).tp_base = obj_t;
        }
        let base = (*tp).tp_base;
        if !base.is_null() && (*base).tp_flags & Py_TPFLAGS_READY == 0 {
            ready(base)?;
        }
        if (*tp).ob_base.ob_base.ob_type.is_null() {
            (*tp).ob_base.ob_base.ob_type = if base.is_null() {
                type_type()
            } else {
                (*base).ob_base.ob_base.ob_type
            };
        }
        if (*tp).tp_bases.is_null() {
            (*tp).tp_bases = if base.is_null() {
                tupleobject::new_empty()?.into_raw()
            } else {
                tupleobject::pack(&[base as *mut PyObject])?.into_raw()
            };
        }
        if (*tp).tp_dict.is_null() {
            (*tp).tp_dict = dictobject::new_dict()?.into_raw();
        }
        // Own slots → wrapper descriptors, then methods, members, getsets.
        add_operators(tp)?;
        if !(*tp).tp_methods.is_null() {
            super::descrobject::add_methods(tp, (*tp).tp_methods)?;
        }
        if !(*tp).tp_members.is_null() {
            super::descrobject::add_members(tp, (*tp).tp_members)?;
        }
        if !(*tp).tp_getset.is_null() {
            super::descrobject::add_getset(tp, (*tp).tp_getset)?;
        }
        // A static type deriving directly from object without tp_new cannot be
        // instantiated from Python (3.10+ rule).
        if (*tp).tp_new.is_none() && base == obj_t && (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE == 0 {
            (*tp).tp_flags |= Py_TPFLAGS_DISALLOW_INSTANTIATION;
        }
        let mro = super::typeobject_new::compute_mro(tp)?;
        setref(&mut (*tp).tp_mro, mro.into_raw());
        if !base.is_null() {
            inherit_special(tp, base);
        }
        let mro = (*tp).tp_mro;
        for i in 1..Py_SIZE(mro) {
            let b = tupleobject::get_item(mro, i) as *mut PyTypeObject;
            inherit_slots(tp, b)?;
        }
        // Tables the type left null come from the base whole.
        if !base.is_null() {
            if (*tp).tp_as_async.is_null() { (*tp).tp_as_async = (*base).tp_as_async; }
            if (*tp).tp_as_number.is_null() { (*tp).tp_as_number = (*base).tp_as_number; }
            if (*tp).tp_as_sequence.is_null() { (*tp).tp_as_sequence = (*base).tp_as_sequence; }
            if (*tp).tp_as_mapping.is_null() { (*tp).tp_as_mapping = (*base).tp_as_mapping; }
            if (*tp).tp_as_buffer.is_null() { (*tp).tp_as_buffer = (*base).tp_as_buffer; }
        }
        // A type that compares but does not hash is unhashable.
        if (*tp).tp_hash.is_none() {
            let d = (*tp).tp_dict;
            if dictobject::get_item_str(d, "__hash__")?.is_none() {
                dictobject::set_item_str(d, "__hash__", super::noneobject::none_ptr())?;
                (*tp).tp_hash = Some(crate::capi::object::PyObject_HashNotImplemented);
            }
        }
        let d = (*tp).tp_dict;
        if dictobject::get_item_str(d, "__doc__")?.is_none() {
            if (*tp).tp_doc.is_null() {
                dictobject::set_item_str(d, "__doc__", super::noneobject::none_ptr())?;
            } else {
                let doc = std::ffi::CStr::from_ptr((*tp).tp_doc).to_string_lossy();
                let s = unicodeobject::from_str(doc_body(&doc))?;
                dictobject::set_item_str(d, "__doc__", s.as_ptr())?;
            }
        }
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE == 0 && dictobject::get_item_str(d, "__module__")?.is_none() {
            // Static types whose tp_name has a dot get a __module__ entry, like CPython.
            let full = type_name_full(tp);
            if let Some(i) = full.rfind('.') {
                let m = unicodeobject::from_str(&full[..i])?;
                dictobject::set_item_str(d, "__module__", m.as_ptr())?;
            }
        }
        Ok(())
    }
}

/// Strip the "name(sig)\n--\n\n" signature header CPython puts in tp_doc.
fn doc_body(doc: &str) -> &str {
    if let Some(i) = doc.find(")\n--\n\n") {
        return &doc[i + 6..];
    }
    doc
}

unsafe fn inherit_special(tp: *mut PyTypeObject, base: *mut PyTypeObject) {
    unsafe {
        // GC: a type without its own traverse/clear inherits GC with them.
        if (*tp).tp_flags & Py_TPFLAGS_HAVE_GC == 0
            && (*base).tp_flags & Py_TPFLAGS_HAVE_GC != 0
            && (*tp).tp_traverse.is_none()
            && (*tp).tp_clear.is_none()
        {
            (*tp).tp_flags |= Py_TPFLAGS_HAVE_GC;
            (*tp).tp_traverse = (*base).tp_traverse;
            (*tp).tp_clear = (*base).tp_clear;
        }
        if (*tp).tp_basicsize == 0 {
            (*tp).tp_basicsize = (*base).tp_basicsize;
        }
        if (*tp).tp_itemsize == 0 {
            (*tp).tp_itemsize = (*base).tp_itemsize;
        }
        if (*tp).tp_weaklistoffset == 0 {
            (*tp).tp_weaklistoffset = (*base).tp_weaklistoffset;
        }
        if (*tp).tp_dictoffset == 0 {
            (*tp).tp_dictoffset = (*base).tp_dictoffset;
        }
        // Subclass bits come from the base.
        (*tp).tp_flags |= (*base).tp_flags & SUBCLASS_BITS;
        if is_subtype(tp, type_type()) {
            (*tp).tp_flags |= Py_TPFLAGS_TYPE_SUBCLASS;
        }
        (*tp).tp_flags |= (*base).tp_flags & (Py_TPFLAGS_SEQUENCE | Py_TPFLAGS_MAPPING)
            & if (*tp).tp_flags & (Py_TPFLAGS_SEQUENCE | Py_TPFLAGS_MAPPING) == 0 { !0 } else { 0 };
    }
}

macro_rules! copyslot {
    ($tp:expr, $base:expr, $($f:ident).+) => {
        if $tp.$($f).+.is_none() { $tp.$($f).+ = $base.$($f).+; }
    };
}

unsafe fn inherit_slots(tp: *mut PyTypeObject, base: *mut PyTypeObject) -> PyResult<()> {
    unsafe {
        let t = &mut *tp;
        let b = &*base;
        if !t.tp_as_number.is_null() && !b.tp_as_number.is_null() && t.tp_as_number != b.tp_as_number {
            let tn = &mut *t.tp_as_number;
            let bn = &*b.tp_as_number;
            copyslot!(tn, bn, nb_add); copyslot!(tn, bn, nb_subtract); copyslot!(tn, bn, nb_multiply);
            copyslot!(tn, bn, nb_remainder); copyslot!(tn, bn, nb_divmod); copyslot!(tn, bn, nb_power);
            copyslot!(tn, bn, nb_negative); copyslot!(tn, bn, nb_positive); copyslot!(tn, bn, nb_absolute);
            copyslot!(tn, bn, nb_bool); copyslot!(tn, bn, nb_invert); copyslot!(tn, bn, nb_lshift);
            copyslot!(tn, bn, nb_rshift); copyslot!(tn, bn, nb_and); copyslot!(tn, bn, nb_xor);
            copyslot!(tn, bn, nb_or); copyslot!(tn, bn, nb_int); copyslot!(tn, bn, nb_float);
            copyslot!(tn, bn, nb_inplace_add); copyslot!(tn, bn, nb_inplace_subtract);
            copyslot!(tn, bn, nb_inplace_multiply); copyslot!(tn, bn, nb_inplace_remainder);
            copyslot!(tn, bn, nb_inplace_power); copyslot!(tn, bn, nb_inplace_lshift);
            copyslot!(tn, bn, nb_inplace_rshift); copyslot!(tn, bn, nb_inplace_and);
            copyslot!(tn, bn, nb_inplace_xor); copyslot!(tn, bn, nb_inplace_or);
            copyslot!(tn, bn, nb_floor_divide); copyslot!(tn, bn, nb_true_divide);
            copyslot!(tn, bn, nb_inplace_floor_divide); copyslot!(tn, bn, nb_inplace_true_divide);
            copyslot!(tn, bn, nb_index); copyslot!(tn, bn, nb_matrix_multiply);
            copyslot!(tn, bn, nb_inplace_matrix_multiply);
        }
        if !t.tp_as_async.is_null() && !b.tp_as_async.is_null() && t.tp_as_async != b.tp_as_async {
            let ta = &mut *t.tp_as_async;
            let ba = &*b.tp_as_async;
            copyslot!(ta, ba, am_await); copyslot!(ta, ba, am_aiter); copyslot!(ta, ba, am_anext);
            copyslot!(ta, ba, am_send);
        }
        if !t.tp_as_sequence.is_null() && !b.tp_as_sequence.is_null() && t.tp_as_sequence != b.tp_as_sequence {
            let ts = &mut *t.tp_as_sequence;
            let bs = &*b.tp_as_sequence;
            copyslot!(ts, bs, sq_length); copyslot!(ts, bs, sq_concat); copyslot!(ts, bs, sq_repeat);
            copyslot!(ts, bs, sq_item); copyslot!(ts, bs, sq_ass_item); copyslot!(ts, bs, sq_contains);
            copyslot!(ts, bs, sq_inplace_concat); copyslot!(ts, bs, sq_inplace_repeat);
        }
        if !t.tp_as_mapping.is_null() && !b.tp_as_mapping.is_null() && t.tp_as_mapping != b.tp_as_mapping {
            let tm = &mut *t.tp_as_mapping;
            let bm = &*b.tp_as_mapping;
            copyslot!(tm, bm, mp_length); copyslot!(tm, bm, mp_subscript); copyslot!(tm, bm, mp_ass_subscript);
        }
        if !t.tp_as_buffer.is_null() && !b.tp_as_buffer.is_null() && t.tp_as_buffer != b.tp_as_buffer {
            let tb = &mut *t.tp_as_buffer;
            let bb = &*b.tp_as_buffer;
            copyslot!(tb, bb, bf_getbuffer); copyslot!(tb, bb, bf_releasebuffer);
        }
        copyslot!(t, b, tp_dealloc);
        if t.tp_getattr.is_none() && t.tp_getattro.is_none() {
            t.tp_getattr = b.tp_getattr;
            t.tp_getattro = b.tp_getattro;
        }
        if t.tp_setattr.is_none() && t.tp_setattro.is_none() {
            t.tp_setattr = b.tp_setattr;
            t.tp_setattro = b.tp_setattro;
        }
        copyslot!(t, b, tp_repr);
        copyslot!(t, b, tp_call);
        copyslot!(t, b, tp_str);
        if t.tp_call.is_some() && t.tp_vectorcall_offset == 0 && b.tp_flags & Py_TPFLAGS_HAVE_VECTORCALL != 0
            && t.tp_call == b.tp_call && t.tp_flags & Py_TPFLAGS_HEAPTYPE == 0
        {
            t.tp_vectorcall_offset = b.tp_vectorcall_offset;
            t.tp_flags |= Py_TPFLAGS_HAVE_VECTORCALL;
        }
        if t.tp_richcompare.is_none() && t.tp_hash.is_none() {
            let d = t.tp_dict;
            let has_eq = !d.is_null() && dictobject::get_item_str(d, "__eq__")?.is_some();
            let has_hash = !d.is_null() && dictobject::get_item_str(d, "__hash__")?.is_some();
            if !has_eq && !has_hash {
                t.tp_richcompare = b.tp_richcompare;
                t.tp_hash = b.tp_hash;
            }
        }
        copyslot!(t, b, tp_iter);
        copyslot!(t, b, tp_iternext);
        copyslot!(t, b, tp_descr_get);
        if b.tp_descr_get.is_some() && t.tp_descr_get == b.tp_descr_get && b.tp_flags & Py_TPFLAGS_METHOD_DESCRIPTOR != 0 {
            t.tp_flags |= Py_TPFLAGS_METHOD_DESCRIPTOR;
        }
        copyslot!(t, b, tp_descr_set);
        copyslot!(t, b, tp_init);
        copyslot!(t, b, tp_alloc);
        copyslot!(t, b, tp_is_gc);
        copyslot!(t, b, tp_finalize);
        if t.tp_flags & Py_TPFLAGS_DISALLOW_INSTANTIATION == 0 {
            copyslot!(t, b, tp_new);
        } else {
            t.tp_new = None;
        }
        if (t.tp_flags & Py_TPFLAGS_HAVE_GC) == (b.tp_flags & Py_TPFLAGS_HAVE_GC) {
            copyslot!(t, b, tp_free);
        } else if t.tp_flags & Py_TPFLAGS_HAVE_GC != 0 && t.tp_free.is_none()
            && b.tp_free == Some(crate::capi::object::PyObject_Free)
        {
            t.tp_free = Some(crate::capi::object::PyObject_GC_Del);
        }
        Ok(())
    }
}

/// `_PyObject_NextNotImplemented`: the `tp_iternext` of types that are not iterators.
pub unsafe extern "C" fn not_implemented_iternext(op: *mut PyObject) -> *mut PyObject {
    unsafe {
        let _ = errors::type_error(format!("'{}' object is not iterable", type_name_str((*op).ob_type)));
    }
    null_mut()
}

// ---------------------------------------------------------------- dir, pickling helpers

/// Merge the dicts of `tp` and, recursively, of its bases into `dict`
/// (CPython's `merge_class_dict`).
unsafe fn merge_class_dict(dict: *mut PyObject, tp: *mut PyObject) -> PyResult<()> {
    unsafe {
        let cd = super::abstract_::lookup_attr(tp, unicodeobject::intern_str("__dict__")?.as_ptr())?;
        if let Some(cd) = cd {
            if dictobject::is_dict(cd.as_ptr()) {
                dictobject::merge(dict, cd.as_ptr(), true)?;
            } else {
                for k in super::abstract_::collect(cd.as_ptr())? {
                    let v = super::abstract_::get_item(cd.as_ptr(), k.as_ptr())?;
                    dictobject::set_item(dict, k.as_ptr(), v.as_ptr())?;
                }
            }
        }
        let bases = super::abstract_::lookup_attr(tp, unicodeobject::intern_str("__bases__")?.as_ptr())?;
        if let Some(b) = bases {
            for base in super::abstract_::collect(b.as_ptr())? {
                merge_class_dict(dict, base.as_ptr())?;
            }
        }
        Ok(())
    }
}

/// `object.__dir__`: instance dict keys plus everything the class chain defines.
unsafe extern "C" fn object_dir(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let d = super::abstract_::lookup_attr(op, unicodeobject::intern_str("__dict__")?.as_ptr())?;
        let dict = match d {
            Some(d) if dictobject::is_dict(d.as_ptr()) => dictobject::copy(d.as_ptr())?,
            _ => dictobject::new_dict()?,
        };
        if let Some(cls) = super::abstract_::lookup_attr(op, unicodeobject::intern_str("__class__")?.as_ptr())? {
            merge_class_dict(dict.as_ptr(), cls.as_ptr())?;
        }
        dictobject::keys_list(dict.as_ptr())
    })
}

/// `type.__dir__`: the names defined by the type and its bases.
unsafe extern "C" fn type_dir(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let dict = dictobject::new_dict()?;
        merge_class_dict(dict.as_ptr(), op)?;
        dictobject::keys_list(dict.as_ptr())
    })
}

/// `object.__getstate__`: a copy of the instance dict, or None when it is
/// empty. (Slot values join the state once `copyreg._slotnames` exists.)
unsafe extern "C" fn object_getstate(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let dp = dict_ptr(op);
        if !dp.is_null() && !(*dp).is_null() && dictobject::len(*dp) > 0 {
            return dictobject::copy(*dp);
        }
        Ok(super::noneobject::none())
    })
}

/// `object.__reduce__`: the generic protocol goes through `copyreg`, which
/// needs the import system: NotImplementedError until then.
unsafe extern "C" fn object_reduce(_op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| Err(crate::raise!(PyExc_NotImplementedError, "object.__reduce__() needs the copyreg module, not available yet")))
}

/// `object.__reduce_ex__(protocol)`: a `__reduce__` the class overrides wins;
/// otherwise as `object.__reduce__`.
unsafe extern "C" fn object_reduce_ex(op: *mut PyObject, _protocol: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let name = unicodeobject::intern_str("__reduce__")?;
        let mine = lookup((*op).ob_type, name.as_ptr());
        let base = lookup(object_type(), name.as_ptr());
        if !mine.is_null() && mine != base {
            let m = super::abstract_::getattr(op, name.as_ptr())?;
            return super::abstract_::call_function(m.as_ptr(), &[]);
        }
        Err(crate::raise!(PyExc_NotImplementedError, "object.__reduce_ex__() needs the copyreg module, not available yet"))
    })
}
