//! `Include/iterobject.h`.
use crate::objects::iterobject as it;
use crate::objects::object::*;
use crate::runtime::errors;
use crate::runtime::ffi::guard_obj;

/// New iterator over a sequence (`__getitem__` with 0, 1, 2 … until IndexError).
#[no_mangle]
pub unsafe extern "C" fn PySeqIter_New(seq: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if seq.is_null() {
            return Err(errors::bad_internal_call());
        }
        let tp = (*seq).ob_type;
        let is_seq = !crate::objects::dictobject::is_dict(seq)
            && !(*tp).tp_as_sequence.is_null()
            && (*(*tp).tp_as_sequence).sq_item.is_some();
        if !is_seq {
            return Err(errors::bad_internal_call());
        }
        it::new_seq_iter(seq)
    })
}
/// New iterator calling `callable()` until the result equals `sentinel`.
#[no_mangle]
pub unsafe extern "C" fn PyCallIter_New(callable: *mut PyObject, sentinel: *mut PyObject) -> *mut PyObject {
    guard_obj(|| {
        if callable.is_null() || sentinel.is_null() {
            return Err(errors::bad_internal_call());
        }
        it::new_call_iter(callable, sentinel)
    })
}
