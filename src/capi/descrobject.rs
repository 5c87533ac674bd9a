//! `Include/descrobject.h`, `Include/structmember.h` (`PyMember_GetOne`/`SetOne`)
//! and the `staticmethod`/`classmethod` constructors of `Include/funcobject.h`.
use crate::objects::descrobject as d;
use crate::objects::object::*;
use crate::runtime::errors;
use crate::runtime::ffi::{guard, guard_obj, nonnull};
use libc::{c_char, c_int};

#[no_mangle]
pub unsafe extern "C" fn PyDescr_NewMethod(tp: *mut PyTypeObject, ml: *mut PyMethodDef) -> *mut PyObject {
    guard_obj(|| unsafe { d::new_method_descr(nonnull(tp)?, nonnull(ml)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyDescr_NewClassMethod(tp: *mut PyTypeObject, ml: *mut PyMethodDef) -> *mut PyObject {
    guard_obj(|| unsafe { d::new_classmethod_descr(nonnull(tp)?, nonnull(ml)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyDescr_NewMember(tp: *mut PyTypeObject, m: *mut PyMemberDef) -> *mut PyObject {
    guard_obj(|| unsafe { d::new_member_descr(nonnull(tp)?, nonnull(m)?) })
}

#[no_mangle]
pub unsafe extern "C" fn PyDescr_NewGetSet(tp: *mut PyTypeObject, g: *mut PyGetSetDef) -> *mut PyObject {
    guard_obj(|| unsafe { d::new_getset_descr(nonnull(tp)?, nonnull(g)?) })
}

/// A read-only view of `mapping` (any mapping but a list or tuple).
#[no_mangle]
pub unsafe extern "C" fn PyDictProxy_New(mapping: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let m = nonnull(mapping)?;
        if !crate::objects::abstract_::mapping_check(m)
            || crate::objects::listobject::is_list(m)
            || crate::objects::tupleobject::is_tuple(m)
        {
            return Err(errors::type_error(format!(
                "mappingproxy() argument must be a mapping, not {}",
                crate::objects::typeobject::type_name_str((*m).ob_type)
            )));
        }
        d::new_mappingproxy(m)
    })
}

/// A bound `method-wrapper` for the slot wrapper `descr` and `self_`.
#[no_mangle]
pub unsafe extern "C" fn PyWrapper_New(descr: *mut PyObject, self_: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let descr = nonnull(descr)?;
        let self_ = nonnull(self_)?;
        if (*descr).ob_type != &raw mut d::PyWrapperDescr_Type {
            return Err(errors::bad_internal_call());
        }
        let owner = (*(descr as *mut d::PyDescrObject)).d_type;
        if !crate::objects::typeobject::is_subtype((*self_).ob_type, owner) {
            return Err(errors::bad_internal_call());
        }
        d::new_method_wrapper(descr, self_)
    })
}

/// Read the member `m` of the object at `addr` (new reference).
#[no_mangle]
pub unsafe extern "C" fn PyMember_GetOne(addr: *const c_char, m: *mut PyMemberDef) -> *mut PyObject {
    guard_obj(|| unsafe { d::member_read(nonnull(addr as *mut PyObject)?, nonnull(m)?) })
}

/// Write (or with `v` NULL delete) the member `m` of the object at `addr`.
#[no_mangle]
pub unsafe extern "C" fn PyMember_SetOne(addr: *mut c_char, m: *mut PyMemberDef, v: *mut PyObject) -> c_int {
    guard(|| unsafe {
        d::member_write(nonnull(addr as *mut PyObject)?, nonnull(m)?, v)?;
        Ok(0)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyStaticMethod_New(callable: *mut PyObject) -> *mut PyObject {
    guard_obj(|| d::new_staticmethod(nonnull(callable)?))
}

#[no_mangle]
pub unsafe extern "C" fn PyClassMethod_New(callable: *mut PyObject) -> *mut PyObject {
    guard_obj(|| d::new_classmethod(nonnull(callable)?))
}
