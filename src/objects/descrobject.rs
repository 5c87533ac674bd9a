//! Descriptors made from C definitions: `method_descriptor`,
//! `classmethod_descriptor`, `member_descriptor`, `getset_descriptor`,
//! `wrapper_descriptor` (slot wrappers such as `int.__add__`) and its bound
//! form `method-wrapper`; plus `mappingproxy`, and `staticmethod` (also
//! used for `METH_STATIC` entries) and `classmethod`.
//!
//! Design note. `add_methods`/`add_members`/`add_getset` are what
//! `PyType_Ready` calls to fill `tp_dict`; an existing key wins unless the
//! method has `METH_COEXIST`, as in CPython. Member access reads and writes
//! raw fields by `T_*` code at the recorded offset.
use super::methodobject;
use super::object::*;
use super::pyref::*;
use super::slotdefs::SlotDef;
use super::{dictobject, tupleobject, unicodeobject};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard_obj, guard_unit};
use core::mem::{offset_of, size_of};
use core::ptr::null_mut;
use libc::{c_char, c_int, c_void};

#[repr(C)]
pub struct PyDescrObject {
    pub ob_base: PyObject,
    pub d_type: *mut PyTypeObject,
    pub d_name: *mut PyObject,
    pub d_qualname: *mut PyObject,
}

#[repr(C)]
pub struct PyMethodDescrObject {
    pub d_common: PyDescrObject,
    pub d_method: *mut PyMethodDef,
    pub vectorcall: vectorcallfunc,
}

#[repr(C)]
pub struct PyMemberDescrObject {
    pub d_common: PyDescrObject,
    pub d_member: *mut PyMemberDef,
}

#[repr(C)]
pub struct PyGetSetDescrObject {
    pub d_common: PyDescrObject,
    pub d_getset: *mut PyGetSetDef,
}

#[repr(C)]
pub struct PyWrapperDescrObject {
    pub d_common: PyDescrObject,
    pub d_base: *const SlotDef,
    pub d_wrapped: *mut c_void,
}

#[repr(C)]
pub struct MethodWrapperObject {
    pub ob_base: PyObject,
    pub descr: *mut PyWrapperDescrObject,
    pub self_: *mut PyObject,
}

#[repr(C)]
pub struct MappingProxyObject {
    pub ob_base: PyObject,
    pub mapping: *mut PyObject,
}

#[repr(C)]
pub struct StaticMethodObject {
    pub ob_base: PyObject,
    pub sm_callable: *mut PyObject,
    pub sm_dict: *mut PyObject,
}

const DESCR_FLAGS: libc::c_ulong = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC;

#[no_mangle]
pub static mut PyMethodDescr_Type: PyTypeObject = PyTypeObject {
    tp_flags: DESCR_FLAGS | Py_TPFLAGS_METHOD_DESCRIPTOR | Py_TPFLAGS_HAVE_VECTORCALL,
    tp_dealloc: Some(descr_dealloc),
    tp_traverse: Some(descr_traverse),
    tp_repr: Some(method_descr_repr),
    tp_call: Some(method_descr_call),
    tp_descr_get: Some(method_descr_get),
    tp_vectorcall_offset: offset_of!(PyMethodDescrObject, vectorcall) as Py_ssize_t,
    tp_getset: &raw mut DESCR_GETSET as *mut PyGetSetDef,
    tp_members: &raw mut DESCR_MEMBERS as *mut PyMemberDef,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    ..PyTypeObject::new(c"method_descriptor", size_of::<PyMethodDescrObject>(), 0)
};
#[no_mangle]
pub static mut PyClassMethodDescr_Type: PyTypeObject = PyTypeObject {
    tp_flags: DESCR_FLAGS,
    tp_dealloc: Some(descr_dealloc),
    tp_traverse: Some(descr_traverse),
    tp_repr: Some(method_descr_repr),
    tp_call: Some(classmethod_descr_call),
    tp_descr_get: Some(classmethod_descr_get),
    tp_getset: &raw mut DESCR_GETSET as *mut PyGetSetDef,
    tp_members: &raw mut DESCR_MEMBERS as *mut PyMemberDef,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    ..PyTypeObject::new(c"classmethod_descriptor", size_of::<PyMethodDescrObject>(), 0)
};
#[no_mangle]
pub static mut PyMemberDescr_Type: PyTypeObject = PyTypeObject {
    tp_flags: DESCR_FLAGS,
    tp_dealloc: Some(descr_dealloc),
    tp_traverse: Some(descr_traverse),
    tp_repr: Some(member_descr_repr),
    tp_descr_get: Some(member_get),
    tp_descr_set: Some(member_set),
    tp_getset: &raw mut DESCR_GETSET as *mut PyGetSetDef,
    tp_members: &raw mut DESCR_MEMBERS as *mut PyMemberDef,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    ..PyTypeObject::new(c"member_descriptor", size_of::<PyMemberDescrObject>(), 0)
};
#[no_mangle]
pub static mut PyGetSetDescr_Type: PyTypeObject = PyTypeObject {
    tp_flags: DESCR_FLAGS,
    tp_dealloc: Some(descr_dealloc),
    tp_traverse: Some(descr_traverse),
    tp_repr: Some(getset_descr_repr),
    tp_descr_get: Some(getset_get),
    tp_descr_set: Some(getset_set),
    tp_getset: &raw mut DESCR_GETSET as *mut PyGetSetDef,
    tp_members: &raw mut DESCR_MEMBERS as *mut PyMemberDef,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    ..PyTypeObject::new(c"getset_descriptor", size_of::<PyGetSetDescrObject>(), 0)
};
#[no_mangle]
pub static mut PyWrapperDescr_Type: PyTypeObject = PyTypeObject {
    tp_flags: DESCR_FLAGS | Py_TPFLAGS_METHOD_DESCRIPTOR,
    tp_dealloc: Some(descr_dealloc),
    tp_traverse: Some(descr_traverse),
    tp_repr: Some(wrapper_descr_repr),
    tp_call: Some(wrapper_descr_call),
    tp_descr_get: Some(wrapper_descr_get),
    tp_getset: &raw mut DESCR_GETSET as *mut PyGetSetDef,
    tp_members: &raw mut DESCR_MEMBERS as *mut PyMemberDef,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    ..PyTypeObject::new(c"wrapper_descriptor", size_of::<PyWrapperDescrObject>(), 0)
};
#[no_mangle]
pub static mut _PyMethodWrapper_Type: PyTypeObject = PyTypeObject {
    tp_flags: DESCR_FLAGS,
    tp_dealloc: Some(mw_dealloc),
    tp_traverse: Some(mw_traverse),
    tp_repr: Some(mw_repr),
    tp_call: Some(mw_call),
    tp_getset: &raw mut MW_GETSET as *mut PyGetSetDef,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    ..PyTypeObject::new(c"method-wrapper", size_of::<MethodWrapperObject>(), 0)
};
#[no_mangle]
pub static mut PyDictProxy_Type: PyTypeObject = PyTypeObject {
    tp_flags: DESCR_FLAGS | Py_TPFLAGS_MAPPING,
    tp_dealloc: Some(mp_dealloc),
    tp_traverse: Some(mp_traverse),
    tp_repr: Some(mp_repr),
    tp_str: Some(mp_str),
    tp_iter: Some(mp_iter),
    tp_richcompare: Some(mp_richcompare),
    tp_as_mapping: &raw mut MP_AS_MAPPING,
    tp_as_sequence: &raw mut MP_AS_SEQUENCE,
    tp_methods: &raw mut MP_METHODS as *mut PyMethodDef,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    ..PyTypeObject::new(c"mappingproxy", size_of::<MappingProxyObject>(), 0)
};
#[no_mangle]
pub static mut PyStaticMethod_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(sm_dealloc),
    tp_repr: Some(sm_repr),
    tp_traverse: Some(sm_traverse),
    tp_descr_get: Some(sm_get),
    tp_call: Some(sm_call),
    tp_members: &raw mut SM_MEMBERS as *mut PyMemberDef,
    tp_getset: &raw mut SM_GETSET as *mut PyGetSetDef,
    tp_init: Some(sm_init),
    tp_new: Some(crate::capi::typeobject::PyType_GenericNew),
    tp_dictoffset: offset_of!(StaticMethodObject, sm_dict) as Py_ssize_t,
    tp_doc: c"staticmethod(function) -> method\n\nConvert a function to be a static method.".as_ptr(),
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    ..PyTypeObject::new(c"staticmethod", size_of::<StaticMethodObject>(), 0)
};

static mut MP_AS_MAPPING: PyMappingMethods = PyMappingMethods { mp_length: Some(mp_len), mp_subscript: Some(mp_getitem), mp_ass_subscript: None };
static mut MP_AS_SEQUENCE: PySequenceMethods = PySequenceMethods { sq_contains: Some(mp_contains), ..PySequenceMethods::EMPTY };

// ---- creation ----

unsafe fn descr_new(tp: *mut PyTypeObject, owner: *mut PyTypeObject, name: *const c_char) -> PyResult<Owned> {
    unsafe {
        let d = super::typeobject::generic_alloc(tp, 0)?;
        let p = d.as_ptr() as *mut PyDescrObject;
        (*p).d_type = owner;
        incref(owner as *mut PyObject);
        let n = unicodeobject::intern_str(&std::ffi::CStr::from_ptr(name).to_string_lossy())?;
        (*p).d_name = n.into_raw();
        Ok(d)
    }
}

pub unsafe fn new_method_descr(owner: *mut PyTypeObject, ml: *mut PyMethodDef) -> PyResult<Owned> {
    unsafe {
        let d = descr_new(&raw mut PyMethodDescr_Type, owner, (*ml).ml_name)?;
        let p = d.as_ptr() as *mut PyMethodDescrObject;
        (*p).d_method = ml;
        (*p).vectorcall = Some(method_descr_vectorcall);
        Ok(d)
    }
}
pub unsafe fn new_classmethod_descr(owner: *mut PyTypeObject, ml: *mut PyMethodDef) -> PyResult<Owned> {
    unsafe {
        let d = descr_new(&raw mut PyClassMethodDescr_Type, owner, (*ml).ml_name)?;
        (*(d.as_ptr() as *mut PyMethodDescrObject)).d_method = ml;
        Ok(d)
    }
}
pub unsafe fn new_member_descr(owner: *mut PyTypeObject, m: *mut PyMemberDef) -> PyResult<Owned> {
    unsafe {
        let d = descr_new(&raw mut PyMemberDescr_Type, owner, (*m).name)?;
        (*(d.as_ptr() as *mut PyMemberDescrObject)).d_member = m;
        Ok(d)
    }
}
pub unsafe fn new_getset_descr(owner: *mut PyTypeObject, g: *mut PyGetSetDef) -> PyResult<Owned> {
    unsafe {
        let d = descr_new(&raw mut PyGetSetDescr_Type, owner, (*g).name)?;
        (*(d.as_ptr() as *mut PyGetSetDescrObject)).d_getset = g;
        Ok(d)
    }
}
pub unsafe fn new_wrapper_descr(owner: *mut PyTypeObject, base: *const SlotDef, wrapped: *mut c_void) -> PyResult<Owned> {
    unsafe {
        let d = descr_new(&raw mut PyWrapperDescr_Type, owner, (*base).name.as_ptr())?;
        let p = d.as_ptr() as *mut PyWrapperDescrObject;
        (*p).d_base = base;
        (*p).d_wrapped = wrapped;
        Ok(d)
    }
}
pub fn new_mappingproxy(mapping: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let m = super::typeobject::generic_alloc(&raw mut PyDictProxy_Type, 0)?;
        (*(m.as_ptr() as *mut MappingProxyObject)).mapping = new_ref(mapping);
        Ok(m)
    }
}
pub fn new_staticmethod(callable: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let m = super::typeobject::generic_alloc(&raw mut PyStaticMethod_Type, 0)?;
        (*(m.as_ptr() as *mut StaticMethodObject)).sm_callable = new_ref(callable);
        Ok(m)
    }
}

/// Fill `tp_dict` from a `PyMethodDef` table.
pub unsafe fn add_methods(tp: *mut PyTypeObject, mut ml: *mut PyMethodDef) -> PyResult<()> {
    unsafe {
        let dict = (*tp).tp_dict;
        while !(*ml).ml_name.is_null() {
            let name = unicodeobject::intern_str(&std::ffi::CStr::from_ptr((*ml).ml_name).to_string_lossy())?;
            if (*ml).ml_flags & METH_COEXIST == 0 && dictobject::get_item(dict, name.as_ptr())?.is_some() {
                ml = ml.add(1);
                continue;
            }
            let flags = (*ml).ml_flags;
            let d = if flags & METH_CLASS != 0 {
                if flags & METH_STATIC != 0 {
                    return Err(errors::value_error("method cannot be both class and static"));
                }
                new_classmethod_descr(tp, ml)?
            } else if flags & METH_STATIC != 0 {
                let f = methodobject::new_cfunction(ml, null_mut(), null_mut(), null_mut())?;
                new_staticmethod(f.as_ptr())?
            } else {
                new_method_descr(tp, ml)?
            };
            dictobject::set_item(dict, name.as_ptr(), d.as_ptr())?;
            ml = ml.add(1);
        }
        Ok(())
    }
}

pub unsafe fn add_members(tp: *mut PyTypeObject, mut m: *mut PyMemberDef) -> PyResult<()> {
    unsafe {
        let dict = (*tp).tp_dict;
        while !(*m).name.is_null() {
            let name = unicodeobject::intern_str(&std::ffi::CStr::from_ptr((*m).name).to_string_lossy())?;
            if dictobject::get_item(dict, name.as_ptr())?.is_none() {
                let d = new_member_descr(tp, m)?;
                dictobject::set_item(dict, name.as_ptr(), d.as_ptr())?;
            }
            m = m.add(1);
        }
        Ok(())
    }
}

pub unsafe fn add_getset(tp: *mut PyTypeObject, mut g: *mut PyGetSetDef) -> PyResult<()> {
    unsafe {
        let dict = (*tp).tp_dict;
        while !(*g).name.is_null() {
            let name = unicodeobject::intern_str(&std::ffi::CStr::from_ptr((*g).name).to_string_lossy())?;
            if dictobject::get_item(dict, name.as_ptr())?.is_none() {
                let d = new_getset_descr(tp, g)?;
                dictobject::set_item(dict, name.as_ptr(), d.as_ptr())?;
            }
            g = g.add(1);
        }
        Ok(())
    }
}

// ---- common descriptor slots ----

unsafe fn dname(op: *mut PyObject) -> String {
    unsafe { unicodeobject::to_string_lossy((*(op as *mut PyDescrObject)).d_name) }
}
unsafe fn dtype(op: *mut PyObject) -> *mut PyTypeObject {
    unsafe { (*(op as *mut PyDescrObject)).d_type }
}
/// The owner's `tp_name` as CPython prints it in descriptor reprs and
/// errors (the full dotted name: `'collections.OrderedDict' objects`).
unsafe fn dtype_name(op: *mut PyObject) -> String {
    unsafe {
        let tp = dtype(op);
        if tp.is_null() || (*tp).tp_name.is_null() {
            return "?".into();
        }
        std::ffi::CStr::from_ptr((*tp).tp_name).to_string_lossy().into_owned()
    }
}

unsafe extern "C" fn descr_dealloc(op: *mut PyObject) {
    unsafe {
        let d = op as *mut PyDescrObject;
        let t = (*d).d_type as *mut PyObject;
        (*d).d_type = null_mut();
        xdecref(t);
        clear(&mut (*d).d_name);
        clear(&mut (*d).d_qualname);
        super::typeobject::free_instance(op);
    }
}
unsafe extern "C" fn descr_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let t = (*(op as *mut PyDescrObject)).d_type as *mut PyObject;
        if t.is_null() { 0 } else { visit(t, arg) }
    }
}

/// Check that `obj` is an instance of the descriptor's class.
unsafe fn descr_check(op: *mut PyObject, obj: *mut PyObject) -> PyResult<()> {
    unsafe {
        if !super::typeobject::type_check(obj, dtype(op)) {
            return Err(errors::type_error(format!(
                "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
                dname(op),
                dtype_name(op),
                super::typeobject::type_name_str((*obj).ob_type)
            )));
        }
        Ok(())
    }
}

unsafe extern "C" fn method_descr_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { unicodeobject::from_str(&format!("<method '{}' of '{}' objects>", dname(op), dtype_name(op))) })
}
unsafe extern "C" fn member_descr_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { unicodeobject::from_str(&format!("<member '{}' of '{}' objects>", dname(op), dtype_name(op))) })
}
unsafe extern "C" fn getset_descr_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { unicodeobject::from_str(&format!("<attribute '{}' of '{}' objects>", dname(op), dtype_name(op))) })
}
unsafe extern "C" fn wrapper_descr_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { unicodeobject::from_str(&format!("<slot wrapper '{}' of '{}' objects>", dname(op), dtype_name(op))) })
}

unsafe extern "C" fn descr_get_name(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    unsafe { new_ref((*(op as *mut PyDescrObject)).d_name) }
}
unsafe extern "C" fn descr_get_qualname(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe {
        unicodeobject::from_str(&format!("{}.{}", super::typeobject::qualname(dtype(op)), dname(op)))
    })
}
unsafe extern "C" fn descr_get_doc(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe {
        let tp = (*op).ob_type;
        let doc: *const c_char = if tp == &raw mut PyMethodDescr_Type || tp == &raw mut PyClassMethodDescr_Type {
            (*(*(op as *mut PyMethodDescrObject)).d_method).ml_doc
        } else if tp == &raw mut PyMemberDescr_Type {
            (*(*(op as *mut PyMemberDescrObject)).d_member).doc
        } else if tp == &raw mut PyGetSetDescr_Type {
            (*(*(op as *mut PyGetSetDescrObject)).d_getset).doc
        } else if tp == &raw mut PyWrapperDescr_Type {
            (*(*(op as *mut PyWrapperDescrObject)).d_base).doc.as_ptr()
        } else {
            core::ptr::null()
        };
        if doc.is_null() {
            return Ok(super::noneobject::none());
        }
        let d = std::ffi::CStr::from_ptr(doc).to_string_lossy();
        let body = match d.find(")\n--\n\n") {
            Some(i) => &d[i + 6..],
            None => &d[..],
        };
        unicodeobject::from_str(body)
    })
}

static mut DESCR_GETSET: [PyGetSetDef; 4] = [
    PyGetSetDef { name: c"__doc__".as_ptr(), get: Some(descr_get_doc), set: None, doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef { name: c"__qualname__".as_ptr(), get: Some(descr_get_qualname), set: None, doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef { name: c"__name__".as_ptr(), get: Some(descr_get_name), set: None, doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef::SENTINEL,
];
static mut DESCR_MEMBERS: [PyMemberDef; 2] = [
    PyMemberDef { name: c"__objclass__".as_ptr(), r#type: T_OBJECT, offset: offset_of!(PyDescrObject, d_type) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef::SENTINEL,
];

// ---- method descriptors ----

unsafe extern "C" fn method_descr_get(op: *mut PyObject, obj: *mut PyObject, _tp: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if obj.is_null() {
            return Ok(Owned::from_borrowed(op));
        }
        descr_check(op, obj)?;
        let d = op as *mut PyMethodDescrObject;
        let ml = (*d).d_method;
        let cls = if (*ml).ml_flags & METH_METHOD != 0 { dtype(op) } else { null_mut() };
        methodobject::new_cfunction(ml, obj, null_mut(), cls)
    })
}

unsafe fn method_descr_invoke(op: *mut PyObject, args: &[*mut PyObject], kwargs: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let d = op as *mut PyMethodDescrObject;
        if args.is_empty() {
            return Err(errors::type_error(format!(
                "unbound method {}.{}() needs an argument",
                super::typeobject::qualname(dtype(op)),
                dname(op)
            )));
        }
        let self_ = args[0];
        descr_check(op, self_)?;
        let ml = (*d).d_method;
        let cls = if (*ml).ml_flags & METH_METHOD != 0 { dtype(op) } else { null_mut() };
        methodobject::call_methoddef(ml, self_, cls, &args[1..], kwargs, &|| {
            format!("{}.{}", super::typeobject::qualname(dtype(op)), dname(op))
        })
    }
}

unsafe extern "C" fn method_descr_call(op: *mut PyObject, args: *mut PyObject, kwargs: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { method_descr_invoke(op, tupleobject::as_slice(args), kwargs) })
}

unsafe extern "C" fn method_descr_vectorcall(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| unsafe {
        let (pos, kw) = methodobject::vectorcall_to_dict(args, nargsf, kwnames)?;
        method_descr_invoke(op, &pos, kw.as_ref().map(|k| k.as_ptr()).unwrap_or(null_mut()))
    })
}

unsafe extern "C" fn classmethod_descr_get(op: *mut PyObject, obj: *mut PyObject, tp: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let tp = if tp.is_null() { (*obj).ob_type as *mut PyObject } else { tp };
        if !super::typeobject::is_type(tp) || !super::typeobject::is_subtype(tp as *mut PyTypeObject, dtype(op)) {
            return Err(errors::type_error(format!(
                "descriptor '{}' for type '{}' needs a subtype of '{}'",
                dname(op),
                dtype_name(op),
                dtype_name(op)
            )));
        }
        let ml = (*(op as *mut PyMethodDescrObject)).d_method;
        let cls = if (*ml).ml_flags & METH_METHOD != 0 { dtype(op) } else { null_mut() };
        methodobject::new_cfunction(ml, tp, null_mut(), cls)
    })
}

unsafe extern "C" fn classmethod_descr_call(op: *mut PyObject, args: *mut PyObject, kwargs: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = tupleobject::as_slice(args);
        if a.is_empty() {
            return Err(errors::type_error(format!(
                "descriptor '{}' of '{}' object needs an argument",
                dname(op),
                dtype_name(op)
            )));
        }
        let ml = (*(op as *mut PyMethodDescrObject)).d_method;
        let cls = if (*ml).ml_flags & METH_METHOD != 0 { dtype(op) } else { null_mut() };
        methodobject::call_methoddef(ml, a[0], cls, &a[1..], kwargs, &|| {
            format!("{}.{}", super::typeobject::qualname(dtype(op)), dname(op))
        })
    })
}

// ---- members ----

unsafe extern "C" fn member_get(op: *mut PyObject, obj: *mut PyObject, _tp: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if obj.is_null() {
            return Ok(Owned::from_borrowed(op));
        }
        descr_check(op, obj)?;
        let m = (*(op as *mut PyMemberDescrObject)).d_member;
        member_read(obj, m)
    })
}

/// `PyMember_GetOne`.
pub unsafe fn member_read(obj: *mut PyObject, m: *mut PyMemberDef) -> PyResult<Owned> {
    unsafe {
        use super::longobject::from_i64;
        let addr = (obj as *mut u8).offset((*m).offset);
        match (*m).r#type {
            T_BOOL => Ok(super::boolobject::owned_bool(*(addr as *const c_char) != 0)),
            T_BYTE => from_i64(*(addr as *const i8) as i64),
            T_UBYTE => from_i64(*addr as i64),
            T_SHORT => from_i64(*(addr as *const i16) as i64),
            T_USHORT => from_i64(*(addr as *const u16) as i64),
            T_INT => from_i64(*(addr as *const i32) as i64),
            T_UINT => from_i64(*(addr as *const u32) as i64),
            T_LONG | T_LONGLONG | T_PYSSIZET => from_i64(*(addr as *const i64)),
            T_ULONG | T_ULONGLONG => super::longobject::from_u64(*(addr as *const u64)),
            T_FLOAT => super::floatobject::from_f64(*(addr as *const f32) as f64),
            T_DOUBLE => super::floatobject::from_f64(*(addr as *const f64)),
            T_STRING => {
                let p = *(addr as *const *const c_char);
                if p.is_null() {
                    Ok(super::noneobject::none())
                } else {
                    unicodeobject::from_str(&std::ffi::CStr::from_ptr(p).to_string_lossy())
                }
            }
            T_STRING_INPLACE => unicodeobject::from_str(&std::ffi::CStr::from_ptr(addr as *const c_char).to_string_lossy()),
            T_CHAR => unicodeobject::from_codepoints(&[*addr as u32]),
            T_OBJECT => {
                let p = *(addr as *const *mut PyObject);
                Ok(if p.is_null() { super::noneobject::none() } else { Owned::from_borrowed(p) })
            }
            T_OBJECT_EX => {
                let p = *(addr as *const *mut PyObject);
                if p.is_null() {
                    let tn = super::typeobject::type_name_str((*obj).ob_type);
                    return Err(errors::attribute_error(format!(
                        "'{}' object has no attribute '{}'",
                        tn,
                        std::ffi::CStr::from_ptr((*m).name).to_string_lossy()
                    )));
                }
                Ok(Owned::from_borrowed(p))
            }
            T_NONE => Ok(super::noneobject::none()),
            _ => Err(errors::system_error("bad memberdescr type")),
        }
    }
}

unsafe extern "C" fn member_set(op: *mut PyObject, obj: *mut PyObject, v: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        descr_check(op, obj)?;
        let m = (*(op as *mut PyMemberDescrObject)).d_member;
        member_write(obj, m, v)
    })
}

/// `PyMember_SetOne` (v null = delete).
pub unsafe fn member_write(obj: *mut PyObject, m: *mut PyMemberDef, v: *mut PyObject) -> PyResult<()> {
    unsafe {
        let addr = (obj as *mut u8).offset((*m).offset);
        if (*m).flags & READONLY != 0 {
            return Err(errors::attribute_error("readonly attribute"));
        }
        if v.is_null() {
            match (*m).r#type {
                T_OBJECT_EX => {
                    if (*(addr as *mut *mut PyObject)).is_null() {
                        return Err(errors::attribute_error(
                            std::ffi::CStr::from_ptr((*m).name).to_string_lossy().into_owned(),
                        ));
                    }
                }
                T_OBJECT => {}
                _ => return Err(errors::type_error("can't delete numeric/char attribute")),
            }
        }
        let int_val = |v: *mut PyObject| -> PyResult<i128> {
            if !super::longobject::is_index(v) {
                // CPython goes through PyLong_AsLong and friends here.
                return Err(errors::type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    super::typeobject::type_name_str((*v).ob_type)
                )));
            }
            let o = crate::objects::abstract_number::index(v)?;
            super::longobject::as_i128(o.as_ptr()).ok_or_else(|| errors::overflow_error("Python int too large to convert to C long"))
        };
        match (*m).r#type {
            T_BOOL => {
                if !super::boolobject::is_bool(v) {
                    return Err(errors::type_error("attribute value type must be bool"));
                }
                *(addr as *mut c_char) = (v == super::boolobject::true_ptr()) as c_char;
            }
            T_BYTE => *(addr as *mut i8) = int_val(v)? as i8,
            T_UBYTE => *addr = int_val(v)? as u8,
            T_SHORT => *(addr as *mut i16) = int_val(v)? as i16,
            T_USHORT => *(addr as *mut u16) = int_val(v)? as u16,
            T_INT => *(addr as *mut i32) = int_val(v)? as i32,
            T_UINT => *(addr as *mut u32) = int_val(v)? as u32,
            T_LONG | T_LONGLONG | T_PYSSIZET => {
                let x = int_val(v)?;
                if x < i64::MIN as i128 || x > i64::MAX as i128 {
                    return Err(errors::overflow_error("Python int too large to convert to C long"));
                }
                *(addr as *mut i64) = x as i64
            }
            T_ULONG | T_ULONGLONG => *(addr as *mut u64) = int_val(v)? as u64,
            T_FLOAT => *(addr as *mut f32) = crate::objects::abstract_number::as_f64(v)? as f32,
            T_DOUBLE => *(addr as *mut f64) = crate::objects::abstract_number::as_f64(v)?,
            T_OBJECT | T_OBJECT_EX => {
                xincref(v);
                setref(addr as *mut *mut PyObject, v);
            }
            T_CHAR => {
                if !unicodeobject::is_str(v) || unicodeobject::len(v) != 1 {
                    return Err(errors::type_error("attribute value type must be a str of length 1"));
                }
                *addr = unicodeobject::read(v, 0) as u8;
            }
            T_STRING | T_STRING_INPLACE => return Err(errors::type_error("readonly attribute")),
            _ => return Err(errors::system_error("bad memberdescr type")),
        }
        Ok(())
    }
}

// ---- getset ----

unsafe extern "C" fn getset_get(op: *mut PyObject, obj: *mut PyObject, _tp: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if obj.is_null() {
            return Ok(Owned::from_borrowed(op));
        }
        descr_check(op, obj)?;
        let g = (*(op as *mut PyGetSetDescrObject)).d_getset;
        match (*g).get {
            Some(f) => Owned::from_raw(f(obj, (*g).closure)),
            None => Err(errors::attribute_error(format!(
                "attribute '{}' of '{}' objects is not readable",
                dname(op),
                dtype_name(op)
            ))),
        }
    })
}

unsafe extern "C" fn getset_set(op: *mut PyObject, obj: *mut PyObject, v: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        descr_check(op, obj)?;
        let g = (*(op as *mut PyGetSetDescrObject)).d_getset;
        match (*g).set {
            Some(f) => {
                if f(obj, v, (*g).closure) < 0 {
                    Err(errors::Raised::assume())
                } else {
                    Ok(())
                }
            }
            None => Err(errors::attribute_error(format!(
                "attribute '{}' of '{}' objects is not writable",
                dname(op),
                dtype_name(op)
            ))),
        }
    })
}

// ---- slot wrappers ----

unsafe extern "C" fn wrapper_descr_get(op: *mut PyObject, obj: *mut PyObject, _tp: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if obj.is_null() {
            return Ok(Owned::from_borrowed(op));
        }
        descr_check(op, obj)?;
        new_method_wrapper(op, obj)
    })
}

pub unsafe fn new_method_wrapper(descr: *mut PyObject, self_: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let w = super::typeobject::generic_alloc(&raw mut _PyMethodWrapper_Type, 0)?;
        let p = w.as_ptr() as *mut MethodWrapperObject;
        (*p).descr = new_ref(descr) as *mut PyWrapperDescrObject;
        (*p).self_ = new_ref(self_);
        Ok(w)
    }
}

unsafe fn wrapper_invoke(descr: *mut PyWrapperDescrObject, self_: *mut PyObject, args: *mut PyObject, kwargs: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let base = (*descr).d_base;
        let name = dname(descr as *mut PyObject);
        if !(*base).wrapper_takes_kwargs && !kwargs.is_null() && dictobject::len(kwargs) > 0 {
            return Err(errors::type_error(format!("wrapper {}() takes no keyword arguments", name)));
        }
        ((*base).wrapper)(self_, args, kwargs, (*descr).d_wrapped, &name)
    }
}

unsafe extern "C" fn wrapper_descr_call(op: *mut PyObject, args: *mut PyObject, kwargs: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = tupleobject::as_slice(args);
        if a.is_empty() {
            return Err(errors::type_error(format!(
                "descriptor '{}' of '{}' object needs an argument",
                dname(op),
                dtype_name(op)
            )));
        }
        descr_check(op, a[0])?;
        let rest = tupleobject::pack(&a[1..])?;
        wrapper_invoke(op as *mut PyWrapperDescrObject, a[0], rest.as_ptr(), kwargs)
    })
}

unsafe extern "C" fn mw_call(op: *mut PyObject, args: *mut PyObject, kwargs: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let w = op as *mut MethodWrapperObject;
        wrapper_invoke((*w).descr, (*w).self_, args, kwargs)
    })
}

unsafe extern "C" fn mw_dealloc(op: *mut PyObject) {
    unsafe {
        let w = op as *mut MethodWrapperObject;
        let d = (*w).descr as *mut PyObject;
        (*w).descr = null_mut();
        xdecref(d);
        clear(&mut (*w).self_);
        super::typeobject::free_instance(op);
    }
}
unsafe extern "C" fn mw_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let w = op as *mut MethodWrapperObject;
        for p in [(*w).descr as *mut PyObject, (*w).self_] {
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
unsafe extern "C" fn mw_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let w = op as *mut MethodWrapperObject;
        unicodeobject::from_str(&format!(
            "<method-wrapper '{}' of {} object at {:p}>",
            dname((*w).descr as *mut PyObject),
            super::typeobject::type_name_str((*(*w).self_).ob_type),
            (*w).self_
        ))
    })
}
unsafe extern "C" fn mw_get_self(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    unsafe { new_ref((*(op as *mut MethodWrapperObject)).self_) }
}
unsafe extern "C" fn mw_get_name(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    unsafe { new_ref((*(*(op as *mut MethodWrapperObject)).descr).d_common.d_name) }
}
static mut MW_GETSET: [PyGetSetDef; 3] = [
    PyGetSetDef { name: c"__self__".as_ptr(), get: Some(mw_get_self), set: None, doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef { name: c"__name__".as_ptr(), get: Some(mw_get_name), set: None, doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef::SENTINEL,
];

// ---- mappingproxy ----

unsafe fn mp_map(op: *mut PyObject) -> *mut PyObject {
    unsafe { (*(op as *mut MappingProxyObject)).mapping }
}
unsafe extern "C" fn mp_dealloc(op: *mut PyObject) {
    unsafe {
        clear(&mut (*(op as *mut MappingProxyObject)).mapping);
        super::typeobject::free_instance(op);
    }
}
unsafe extern "C" fn mp_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let m = mp_map(op);
        if m.is_null() { 0 } else { visit(m, arg) }
    }
}
unsafe extern "C" fn mp_len(op: *mut PyObject) -> Py_ssize_t {
    crate::runtime::ffi::guard(|| unsafe { super::abstract_::length(mp_map(op)) })
}
unsafe extern "C" fn mp_getitem(op: *mut PyObject, k: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { super::abstract_::get_item(mp_map(op), k) })
}
unsafe extern "C" fn mp_contains(op: *mut PyObject, k: *mut PyObject) -> c_int {
    crate::runtime::ffi::guard(|| unsafe { Ok(super::abstract_::contains(mp_map(op), k)? as c_int) })
}
unsafe extern "C" fn mp_iter(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let m = mp_map(op);
        if dictobject::is_dict(m) {
            let ks = dictobject::keys_list(m)?;
            return super::abstract_::get_iter(ks.as_ptr());
        }
        super::abstract_::get_iter(m)
    })
}
unsafe extern "C" fn mp_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        unicodeobject::from_str(&format!("mappingproxy({})", super::abstract_::repr_string_checked(mp_map(op))?))
    })
}
unsafe extern "C" fn mp_str(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { super::abstract_::str(mp_map(op)) })
}
unsafe extern "C" fn mp_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    guard_obj(|| unsafe { super::abstract_::rich_compare(mp_map(a), b, op) })
}
unsafe extern "C" fn mp_keys(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { super::abstract_::call_method(mp_map(op), "keys", &[]) })
}
unsafe extern "C" fn mp_values(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { super::abstract_::call_method(mp_map(op), "values", &[]) })
}
unsafe extern "C" fn mp_items(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { super::abstract_::call_method(mp_map(op), "items", &[]) })
}
unsafe extern "C" fn mp_copy(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { super::abstract_::call_method(mp_map(op), "copy", &[]) })
}
unsafe extern "C" fn mp_get(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !(1..=2).contains(&n) {
            return Err(errors::type_error(format!("get expected at most 2 arguments, got {}", n)));
        }
        let a = core::slice::from_raw_parts(args, n as usize);
        let default = if n == 2 { a[1] } else { super::noneobject::none_ptr() };
        super::abstract_::call_method(mp_map(op), "get", &[a[0], default])
    })
}
static mut MP_METHODS: [PyMethodDef; 7] = [
    PyMethodDef { ml_name: c"get".as_ptr(), ml_meth: mp_get as *mut c_void, ml_flags: METH_FASTCALL, ml_doc: core::ptr::null() },
    PyMethodDef { ml_name: c"keys".as_ptr(), ml_meth: mp_keys as *mut c_void, ml_flags: METH_NOARGS, ml_doc: core::ptr::null() },
    PyMethodDef { ml_name: c"values".as_ptr(), ml_meth: mp_values as *mut c_void, ml_flags: METH_NOARGS, ml_doc: core::ptr::null() },
    PyMethodDef { ml_name: c"items".as_ptr(), ml_meth: mp_items as *mut c_void, ml_flags: METH_NOARGS, ml_doc: core::ptr::null() },
    PyMethodDef { ml_name: c"copy".as_ptr(), ml_meth: mp_copy as *mut c_void, ml_flags: METH_NOARGS, ml_doc: core::ptr::null() },
    PyMethodDef::SENTINEL,
    PyMethodDef::SENTINEL,
];

// ---- staticmethod (minimal; the full descriptor comes with the evaluator) ----

unsafe extern "C" fn sm_dealloc(op: *mut PyObject) {
    unsafe {
        let s = op as *mut StaticMethodObject;
        clear(&mut (*s).sm_callable);
        clear(&mut (*s).sm_dict);
        super::typeobject::free_instance(op);
    }
}
unsafe extern "C" fn sm_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let c = (*(op as *mut StaticMethodObject)).sm_callable;
        if c.is_null() { 0 } else { visit(c, arg) }
    }
}
unsafe extern "C" fn sm_get(op: *mut PyObject, _obj: *mut PyObject, _tp: *mut PyObject) -> *mut PyObject {
    unsafe {
        let c = (*(op as *mut StaticMethodObject)).sm_callable;
        if c.is_null() {
            let _ = errors::runtime_error("uninitialized staticmethod object");
            return null_mut();
        }
        new_ref(c)
    }
}
unsafe extern "C" fn sm_call(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { super::abstract_::call((*(op as *mut StaticMethodObject)).sm_callable, args, kw) })
}
static mut SM_MEMBERS: [PyMemberDef; 3] = [
    PyMemberDef { name: c"__func__".as_ptr(), r#type: T_OBJECT, offset: offset_of!(StaticMethodObject, sm_callable) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef { name: c"__wrapped__".as_ptr(), r#type: T_OBJECT, offset: offset_of!(StaticMethodObject, sm_callable) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef::SENTINEL,
];

// ---- classmethod ----
//
// Binding needs bound-method objects (`PyMethod_Type`, with function objects);
// until they exist `__get__` chains to the callable's own `__get__` (as 3.11
// does for descriptors) and otherwise raises NotImplementedError.

#[repr(C)]
pub struct ClassMethodObject {
    pub ob_base: PyObject,
    pub cm_callable: *mut PyObject,
    pub cm_dict: *mut PyObject,
}

#[no_mangle]
pub static mut PyClassMethod_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(cm_dealloc),
    tp_repr: Some(cm_repr),
    tp_traverse: Some(cm_traverse),
    tp_descr_get: Some(cm_get),
    tp_init: Some(cm_init),
    tp_new: Some(crate::capi::typeobject::PyType_GenericNew),
    tp_members: &raw mut CM_MEMBERS as *mut PyMemberDef,
    tp_getset: &raw mut CM_GETSET as *mut PyGetSetDef,
    tp_dictoffset: offset_of!(ClassMethodObject, cm_dict) as Py_ssize_t,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    tp_doc: c"classmethod(function) -> method\n\nConvert a function to be a class method.".as_ptr(),
    ..PyTypeObject::new(c"classmethod", size_of::<ClassMethodObject>(), 0)
};

/// `PyClassMethod_New`.
pub fn new_classmethod(callable: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let m = super::typeobject::generic_alloc(&raw mut PyClassMethod_Type, 0)?;
        (*(m.as_ptr() as *mut ClassMethodObject)).cm_callable = new_ref(callable);
        Ok(m)
    }
}

unsafe extern "C" fn cm_dealloc(op: *mut PyObject) {
    unsafe {
        let s = op as *mut ClassMethodObject;
        clear(&mut (*s).cm_callable);
        clear(&mut (*s).cm_dict);
        super::typeobject::free_instance(op);
    }
}
unsafe extern "C" fn cm_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let s = op as *mut ClassMethodObject;
        for p in [(*s).cm_callable, (*s).cm_dict] {
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
unsafe extern "C" fn cm_init(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> c_int {
    crate::runtime::ffi::guard_unit(|| unsafe {
        if !kw.is_null() && dictobject::len(kw) > 0 {
            return Err(errors::type_error("classmethod() takes no keyword arguments"));
        }
        let a = super::tupleobject::as_slice(args);
        if a.len() != 1 {
            return Err(errors::type_error(format!(
                "classmethod expected 1 argument, got {}",
                a.len()
            )));
        }
        setref(&mut (*(op as *mut ClassMethodObject)).cm_callable, new_ref(a[0]));
        functools_wraps(op, a[0])
    })
}

/// `staticmethod(function)`: as `classmethod`'s `__init__`.
unsafe extern "C" fn sm_init(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> c_int {
    crate::runtime::ffi::guard_unit(|| unsafe {
        super::sequtil::no_keywords("staticmethod", kw)?;
        let a = super::sequtil::tuple_args(args);
        super::sequtil::check_positional("staticmethod", a.len(), 1, 1)?;
        setref(&mut (*(op as *mut StaticMethodObject)).sm_callable, new_ref(a[0]));
        functools_wraps(op, a[0])
    })
}

/// Copy `__module__`, `__name__`, `__qualname__`, `__doc__` and
/// `__annotations__` from the wrapped callable to the wrapper's attributes
/// (CPython 3.10+'s `functools_wraps`); missing ones are skipped.
unsafe fn functools_wraps(wrapper: *mut PyObject, wrapped: *mut PyObject) -> PyResult<()> {
    unsafe {
        for name in ["__module__", "__name__", "__qualname__", "__doc__", "__annotations__"] {
            let n = unicodeobject::intern_str(name)?;
            if let Some(v) = super::abstract_::lookup_attr(wrapped, n.as_ptr())? {
                super::abstract_::setattr(wrapper, n.as_ptr(), v.as_ptr())?;
            }
        }
        Ok(())
    }
}

/// `__isabstractmethod__` of staticmethod/classmethod: the callable's.
unsafe extern "C" fn wrapper_isabstract(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe {
        // Both layouts keep the callable right after the object header.
        let c = (*(op as *mut StaticMethodObject)).sm_callable;
        Ok(super::boolobject::owned_bool(super::propertyobject::is_abstract(c)?))
    })
}
static mut SM_GETSET: [PyGetSetDef; 3] = [
    PyGetSetDef { name: c"__isabstractmethod__".as_ptr(), get: Some(wrapper_isabstract), set: None, doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef { name: c"__dict__".as_ptr(), get: Some(crate::capi::object::PyObject_GenericGetDict), set: Some(crate::capi::object::PyObject_GenericSetDict), doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef { name: core::ptr::null(), get: None, set: None, doc: core::ptr::null(), closure: null_mut() },
];
static mut CM_GETSET: [PyGetSetDef; 3] = [
    PyGetSetDef { name: c"__isabstractmethod__".as_ptr(), get: Some(wrapper_isabstract), set: None, doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef { name: c"__dict__".as_ptr(), get: Some(crate::capi::object::PyObject_GenericGetDict), set: Some(crate::capi::object::PyObject_GenericSetDict), doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef { name: core::ptr::null(), get: None, set: None, doc: core::ptr::null(), closure: null_mut() },
];
unsafe extern "C" fn cm_get(op: *mut PyObject, obj: *mut PyObject, tp: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let c = (*(op as *mut ClassMethodObject)).cm_callable;
        if c.is_null() {
            return Err(errors::runtime_error("uninitialized classmethod object"));
        }
        let tp = if tp.is_null() { (*obj).ob_type as *mut PyObject } else { tp };
        if let Some(g) = (*(*c).ob_type).tp_descr_get {
            return Owned::from_raw(g(c, tp, tp));
        }
        Err(crate::raise!(
            PyExc_NotImplementedError,
            "binding a classmethod needs bound method objects, not available yet"
        ))
    })
}
static mut CM_MEMBERS: [PyMemberDef; 3] = [
    PyMemberDef { name: c"__func__".as_ptr(), r#type: T_OBJECT, offset: offset_of!(ClassMethodObject, cm_callable) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef { name: c"__wrapped__".as_ptr(), r#type: T_OBJECT, offset: offset_of!(ClassMethodObject, cm_callable) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef::SENTINEL,
];

/// `<staticmethod(f)>` / `<classmethod(f)>` (3.10+).
unsafe fn wrapper_repr(op: *mut PyObject, callable: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let name = super::typeobject::type_name_str((*op).ob_type);
        if callable.is_null() {
            return unicodeobject::from_str(&format!("<{} object at {:p}>", name, op));
        }
        let r = super::abstract_::repr_string_checked(callable)?;
        unicodeobject::from_str(&format!("<{}({})>", name, r))
    }
}
unsafe extern "C" fn sm_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { wrapper_repr(op, (*(op as *mut StaticMethodObject)).sm_callable) })
}
unsafe extern "C" fn cm_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { wrapper_repr(op, (*(op as *mut ClassMethodObject)).cm_callable) })
}
