//! `Include/structseq.h`: struct-sequence types (named tuples defined from C),
//! plus `PyLong_GetInfo`/`PyFloat_GetInfo`, which return such records.
//! The machinery is in `src/objects/structseq.rs`.
use crate::objects::object::*;
use crate::objects::pyref::Owned;
use crate::objects::structseq::{self as ss, PyStructSequence_Desc};
use crate::runtime::errors;
use crate::runtime::ffi::{guard, guard_obj, guard_unit, nonnull};
use libc::c_int;

/// `PyStructSequence_NewType`: a new heap type. New reference.
#[no_mangle]
pub unsafe extern "C" fn PyStructSequence_NewType(desc: *mut PyStructSequence_Desc) -> *mut PyTypeObject {
    guard(|| unsafe { Ok(ss::new_type(desc)?.into_raw() as *mut PyTypeObject) })
}

/// `PyStructSequence_InitType2`: set up the caller's static type; 0 or -1.
#[no_mangle]
pub unsafe extern "C" fn PyStructSequence_InitType2(tp: *mut PyTypeObject, desc: *mut PyStructSequence_Desc) -> c_int {
    guard_unit(|| unsafe { ss::init_type(nonnull(tp)?, desc) })
}

/// `PyStructSequence_InitType`: `InitType2` whose failure is fatal, as in CPython.
#[no_mangle]
pub unsafe extern "C" fn PyStructSequence_InitType(tp: *mut PyTypeObject, desc: *mut PyStructSequence_Desc) {
    unsafe {
        if PyStructSequence_InitType2(tp, desc) < 0 {
            errors::write_unraisable(core::ptr::null_mut());
            super::pylifecycle::_Py_FatalErrorFunc(
                c"PyStructSequence_InitType".as_ptr(),
                c"PyStructSequence_InitType2 failed".as_ptr(),
            );
        }
    }
}

/// `PyStructSequence_New`: an instance with empty (NULL) items. New reference.
#[no_mangle]
pub unsafe extern "C" fn PyStructSequence_New(tp: *mut PyTypeObject) -> *mut PyObject {
    guard_obj(|| unsafe { ss::new(nonnull(tp)?) })
}

/// `PyStructSequence_GetItem`: item `i` (hidden fields included). Borrowed;
/// NULL with IndexError out of range.
#[no_mangle]
pub unsafe extern "C" fn PyStructSequence_GetItem(p: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    guard(|| unsafe { Ok(*ss::item_slot(nonnull(p)?, i)?) })
}

/// `PyStructSequence_SetItem`: steals `v` into item `i` (the old item, meant
/// to be NULL, is not released, as in CPython). Out of range: `v` is released
/// and IndexError set.
#[no_mangle]
pub unsafe extern "C" fn PyStructSequence_SetItem(p: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) {
    guard(|| unsafe {
        let v = if v.is_null() { None } else { Some(Owned::from_raw(v)?) };
        let slot = ss::item_slot(nonnull(p)?, i)?;
        *slot = v.map_or(core::ptr::null_mut(), Owned::into_raw);
        Ok(())
    })
}

/// `PyLong_GetInfo`: a new `sys.int_info` record.
#[no_mangle]
pub extern "C" fn PyLong_GetInfo() -> *mut PyObject {
    guard_obj(ss::int_info)
}

/// `PyFloat_GetInfo`: a new `sys.float_info` record.
#[no_mangle]
pub extern "C" fn PyFloat_GetInfo() -> *mut PyObject {
    guard_obj(ss::float_info)
}
