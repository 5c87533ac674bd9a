//! `PyType_*` (`Include/object.h`, `Include/cpython/object.h`).
use crate::objects::object::*;
use crate::objects::{typeobject as t, typeobject_new};
use crate::runtime::errors;
use crate::runtime::ffi::{guard, guard_obj, guard_unit, nonnull};
use core::ptr::null_mut;
use libc::{c_int, c_ulong, c_void};

#[no_mangle]
pub unsafe extern "C" fn PyType_Ready(tp: *mut PyTypeObject) -> c_int {
    guard_unit(|| unsafe { t::ready(nonnull(tp)?) })
}
#[no_mangle]
pub unsafe extern "C" fn PyType_IsSubtype(a: *mut PyTypeObject, b: *mut PyTypeObject) -> c_int {
    unsafe { t::is_subtype(a, b) as c_int }
}
#[no_mangle]
pub unsafe extern "C" fn PyType_GenericAlloc(tp: *mut PyTypeObject, n: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe { t::generic_alloc(nonnull(tp)?, n) })
}
#[no_mangle]
pub unsafe extern "C" fn PyType_GenericNew(tp: *mut PyTypeObject, _a: *mut PyObject, _k: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { t::alloc_instance(nonnull(tp)?, 0) })
}
/// `PyType_GetFlags`: the subclass bits included; unknown bits passed through.
#[no_mangle]
pub unsafe extern "C" fn PyType_GetFlags(tp: *mut PyTypeObject) -> c_ulong {
    unsafe { (*tp).tp_flags }
}
#[no_mangle]
pub unsafe extern "C" fn PyType_Modified(_tp: *mut PyTypeObject) {}
#[no_mangle]
pub unsafe extern "C" fn PyType_ClearCache() -> libc::c_uint {
    0
}
#[no_mangle]
pub unsafe extern "C" fn PyType_FromSpec(spec: *mut PyType_Spec) -> *mut PyObject {
    guard_obj(|| unsafe { typeobject_new::from_spec(null_mut(), spec, null_mut()) })
}
#[no_mangle]
pub unsafe extern "C" fn PyType_FromSpecWithBases(spec: *mut PyType_Spec, bases: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { typeobject_new::from_spec(null_mut(), spec, bases) })
}
#[no_mangle]
pub unsafe extern "C" fn PyType_FromModuleAndSpec(module: *mut PyObject, spec: *mut PyType_Spec, bases: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { typeobject_new::from_spec(module, spec, bases) })
}
#[no_mangle]
pub unsafe extern "C" fn PyType_GetModule(tp: *mut PyTypeObject) -> *mut PyObject {
    guard(|| unsafe {
        if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE == 0 {
            return Err(errors::type_error(format!(
                "PyType_GetModule: Type '{}' is not a heap type",
                t::type_name_full(tp)
            )));
        }
        let m = (*(tp as *mut PyHeapTypeObject)).ht_module;
        if m.is_null() {
            return Err(errors::type_error(format!(
                "PyType_GetModule: Type '{}' has no associated module",
                t::type_name_full(tp)
            )));
        }
        Ok(m)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyType_GetModuleState(tp: *mut PyTypeObject) -> *mut c_void {
    unsafe {
        let m = PyType_GetModule(tp);
        if m.is_null() {
            return null_mut();
        }
        (*(m as *mut crate::objects::moduleobject::PyModuleObject)).md_state
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyType_GetName(tp: *mut PyTypeObject) -> *mut PyObject {
    guard_obj(|| unsafe { crate::objects::unicodeobject::from_str(&t::short_name(nonnull(tp)?)) })
}
#[no_mangle]
pub unsafe extern "C" fn PyType_GetQualName(tp: *mut PyTypeObject) -> *mut PyObject {
    guard_obj(|| unsafe { crate::objects::unicodeobject::from_str(&t::qualname(nonnull(tp)?)) })
}
/// `PyType_GetSlot`: the function in slot `slot`, or NULL.
#[no_mangle]
pub unsafe extern "C" fn PyType_GetSlot(tp: *mut PyTypeObject, slot: c_int) -> *mut c_void {
    guard(|| unsafe {
        nonnull(tp)?;
        if slot <= 0 || slot > Py_am_send {
            return Err(errors::bad_internal_call());
        }
        Ok(get_slot(tp, slot))
    })
}

macro_rules! fnp {
    ($e:expr) => {
        match $e { Some(f) => f as *mut c_void, None => null_mut() }
    };
}

unsafe fn get_slot(tp: *mut PyTypeObject, slot: c_int) -> *mut c_void {
    unsafe {
        let t = &*tp;
        let nb = t.tp_as_number;
        let sq = t.tp_as_sequence;
        let mp = t.tp_as_mapping;
        let am = t.tp_as_async;
        let bf = t.tp_as_buffer;
        macro_rules! tab {
            ($tab:expr, $f:ident) => {
                if $tab.is_null() { null_mut() } else { fnp!((*$tab).$f) }
            };
        }
        match slot {
            Py_bf_getbuffer => tab!(bf, bf_getbuffer),
            Py_bf_releasebuffer => tab!(bf, bf_releasebuffer),
            Py_mp_ass_subscript => tab!(mp, mp_ass_subscript),
            Py_mp_length => tab!(mp, mp_length),
            Py_mp_subscript => tab!(mp, mp_subscript),
            Py_nb_absolute => tab!(nb, nb_absolute),
            Py_nb_add => tab!(nb, nb_add),
            Py_nb_and => tab!(nb, nb_and),
            Py_nb_bool => tab!(nb, nb_bool),
            Py_nb_divmod => tab!(nb, nb_divmod),
            Py_nb_float => tab!(nb, nb_float),
            Py_nb_floor_divide => tab!(nb, nb_floor_divide),
            Py_nb_index => tab!(nb, nb_index),
            Py_nb_inplace_add => tab!(nb, nb_inplace_add),
            Py_nb_inplace_and => tab!(nb, nb_inplace_and),
            Py_nb_inplace_floor_divide => tab!(nb, nb_inplace_floor_divide),
            Py_nb_inplace_lshift => tab!(nb, nb_inplace_lshift),
            Py_nb_inplace_multiply => tab!(nb, nb_inplace_multiply),
            Py_nb_inplace_or => tab!(nb, nb_inplace_or),
            Py_nb_inplace_power => tab!(nb, nb_inplace_power),
            Py_nb_inplace_remainder => tab!(nb, nb_inplace_remainder),
            Py_nb_inplace_rshift => tab!(nb, nb_inplace_rshift),
            Py_nb_inplace_subtract => tab!(nb, nb_inplace_subtract),
            Py_nb_inplace_true_divide => tab!(nb, nb_inplace_true_divide),
            Py_nb_inplace_xor => tab!(nb, nb_inplace_xor),
            Py_nb_int => tab!(nb, nb_int),
            Py_nb_invert => tab!(nb, nb_invert),
            Py_nb_lshift => tab!(nb, nb_lshift),
            Py_nb_multiply => tab!(nb, nb_multiply),
            Py_nb_negative => tab!(nb, nb_negative),
            Py_nb_or => tab!(nb, nb_or),
            Py_nb_positive => tab!(nb, nb_positive),
            Py_nb_power => tab!(nb, nb_power),
            Py_nb_remainder => tab!(nb, nb_remainder),
            Py_nb_rshift => tab!(nb, nb_rshift),
            Py_nb_subtract => tab!(nb, nb_subtract),
            Py_nb_true_divide => tab!(nb, nb_true_divide),
            Py_nb_xor => tab!(nb, nb_xor),
            Py_nb_matrix_multiply => tab!(nb, nb_matrix_multiply),
            Py_nb_inplace_matrix_multiply => tab!(nb, nb_inplace_matrix_multiply),
            Py_sq_ass_item => tab!(sq, sq_ass_item),
            Py_sq_concat => tab!(sq, sq_concat),
            Py_sq_contains => tab!(sq, sq_contains),
            Py_sq_inplace_concat => tab!(sq, sq_inplace_concat),
            Py_sq_inplace_repeat => tab!(sq, sq_inplace_repeat),
            Py_sq_item => tab!(sq, sq_item),
            Py_sq_length => tab!(sq, sq_length),
            Py_sq_repeat => tab!(sq, sq_repeat),
            Py_am_await => tab!(am, am_await),
            Py_am_aiter => tab!(am, am_aiter),
            Py_am_anext => tab!(am, am_anext),
            Py_am_send => tab!(am, am_send),
            Py_tp_alloc => fnp!(t.tp_alloc),
            Py_tp_base => t.tp_base as *mut c_void,
            Py_tp_bases => t.tp_bases as *mut c_void,
            Py_tp_call => fnp!(t.tp_call),
            Py_tp_clear => fnp!(t.tp_clear),
            Py_tp_dealloc => fnp!(t.tp_dealloc),
            Py_tp_del => fnp!(t.tp_del),
            Py_tp_descr_get => fnp!(t.tp_descr_get),
            Py_tp_descr_set => fnp!(t.tp_descr_set),
            Py_tp_doc => t.tp_doc as *mut c_void,
            Py_tp_getattr => fnp!(t.tp_getattr),
            Py_tp_getattro => fnp!(t.tp_getattro),
            Py_tp_hash => fnp!(t.tp_hash),
            Py_tp_init => fnp!(t.tp_init),
            Py_tp_is_gc => fnp!(t.tp_is_gc),
            Py_tp_iter => fnp!(t.tp_iter),
            Py_tp_iternext => fnp!(t.tp_iternext),
            Py_tp_methods => t.tp_methods as *mut c_void,
            Py_tp_new => fnp!(t.tp_new),
            Py_tp_repr => fnp!(t.tp_repr),
            Py_tp_richcompare => fnp!(t.tp_richcompare),
            Py_tp_setattr => fnp!(t.tp_setattr),
            Py_tp_setattro => fnp!(t.tp_setattro),
            Py_tp_str => fnp!(t.tp_str),
            Py_tp_traverse => fnp!(t.tp_traverse),
            Py_tp_members => t.tp_members as *mut c_void,
            Py_tp_getset => t.tp_getset as *mut c_void,
            Py_tp_free => fnp!(t.tp_free),
            Py_tp_finalize => fnp!(t.tp_finalize),
            _ => null_mut(),
        }
    }
}

