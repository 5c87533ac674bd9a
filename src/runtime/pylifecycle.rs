//! Start and stop: `Py_Initialize` readies every built-in type and the main
//! thread state; `Py_FinalizeEx` releases what start-up and the run created.
//!
//! Design note. Static types are readied in dependency order (object and type
//! first, then the types `PyType_Ready` itself uses: str, dict, tuple, the
//! descriptors). Finalisation clears caches that hold objects (the interned
//! strings, the empty tuple) and resets every static type it readied
//! (`tp_dict`, `tp_mro`, `tp_bases`, the READY flag) so the next
//! `Py_Initialize` readies them afresh (DESIGN.md §9).
use crate::objects::object::*;
use crate::objects::*;
use crate::runtime::errors::PyResult;
use std::sync::atomic::{AtomicBool, Ordering};

static INITIALIZED: AtomicBool = AtomicBool::new(false);

/// Static types readied during this lifetime (built-in and extensions' alike),
/// in order; finalisation resets them.
static mut READIED: Vec<*mut PyTypeObject> = Vec::new();

/// Remember a static type `PyType_Ready` just readied, so `Py_FinalizeEx`
/// resets it and the next lifetime readies it afresh (DESIGN.md §9).
pub fn note_readied_static_type(tp: *mut PyTypeObject) {
    unsafe { READIED.push(tp) }
}

pub fn is_initialized() -> bool {
    INITIALIZED.load(Ordering::Relaxed)
}

/// Every static type of the core, in the order they must be readied.
pub fn static_types() -> Vec<*mut PyTypeObject> {
    unsafe {
        let mut v: Vec<*mut PyTypeObject> = vec![
            &raw mut typeobject::PyBaseObject_Type,
            &raw mut typeobject::PyType_Type,
            &raw mut unicodeobject::PyUnicode_Type,
            &raw mut dictobject::PyDict_Type,
            &raw mut tupleobject::PyTuple_Type,
            &raw mut listobject::PyList_Type,
            &raw mut descrobject::PyMethodDescr_Type,
            &raw mut descrobject::PyClassMethodDescr_Type,
            &raw mut descrobject::PyMemberDescr_Type,
            &raw mut descrobject::PyGetSetDescr_Type,
            &raw mut descrobject::PyWrapperDescr_Type,
            &raw mut descrobject::_PyMethodWrapper_Type,
            &raw mut descrobject::PyDictProxy_Type,
            &raw mut descrobject::PyStaticMethod_Type,
            &raw mut methodobject::PyCFunction_Type,
            &raw mut methodobject::PyCMethod_Type,
            &raw mut longobject::PyLong_Type,
            &raw mut boolobject::PyBool_Type,
            &raw mut floatobject::PyFloat_Type,
            &raw mut noneobject::_PyNone_Type,
            &raw mut noneobject::_PyNotImplemented_Type,
            &raw mut noneobject::PyEllipsis_Type,
            &raw mut moduleobject::PyModule_Type,
            &raw mut iterobject::PySeqIter_Type,
            &raw mut unicodeobject::PyUnicodeIter_Type,
            &raw mut unicodeobject::_PyUnicodeASCIIIter_Type,
            &raw mut crate::objects::bytesobject::PyBytes_Type,
            &raw mut crate::objects::bytearrayobject::PyByteArray_Type,
            &raw mut crate::objects::bytes_methods::PyBytesIter_Type,
            &raw mut crate::objects::bytes_methods::PyByteArrayIter_Type,
            &raw mut sliceobject::PySlice_Type,
            &raw mut rangeobject::PyRange_Type,
            &raw mut rangeobject::PyRangeIter_Type,
            &raw mut rangeobject::PyLongRangeIter_Type,
            &raw mut capsule::PyCapsule_Type,
            &raw mut moduleobject::PyModuleDef_Type,
            &raw mut descrobject::PyClassMethod_Type,
            &raw mut complexobject::PyComplex_Type,
            &raw mut tupleobject::PyTupleIter_Type,
            &raw mut listobject::PyListIter_Type,
            &raw mut listobject::PyListRevIter_Type,
            &raw mut setobject::PySet_Type,
            &raw mut setobject::PyFrozenSet_Type,
            &raw mut setobject::PySetIter_Type,
            &raw mut iterobject::PyCallIter_Type,
            &raw mut crate::objects::memoryobject::PyMemoryView_Type,
        ];
        v.extend(dictviews::types());
        v.extend(crate::runtime::registry::extra_static_types());
        v.extend(exceptions::all_exception_types());
        v
    }
}

/// `Py_InitializeEx`.
pub fn initialize() -> PyResult<()> {
    if INITIALIZED.swap(true, Ordering::SeqCst) {
        return Ok(());
    }
    crate::runtime::obmalloc::set_mode_from_env();
    let _ = crate::runtime::pystate::current();
    unsafe {
        for tp in static_types() {
            typeobject::ready(tp)?;
        }
    }
    // The sys module (with sys.modules and the warnings state) exists from
    // start-up, as in CPython.
    crate::modules::sys::sys_module()?;
    Ok(())
}

/// `Py_FinalizeEx`.
pub fn finalize() -> i32 {
    if !INITIALIZED.swap(false, Ordering::SeqCst) {
        return 0;
    }
    crate::runtime::errors::clear();
    unsafe {
        crate::runtime::registry::run_finalizers();
        // Reset readied static types in reverse order so the next start
        // readies them afresh; their dicts hold the descriptors.
        let types: Vec<*mut PyTypeObject> = READIED.drain(..).rev().collect();
        let mut dicts = Vec::new();
        for tp in types {
            if (*tp).tp_flags & Py_TPFLAGS_HEAPTYPE != 0 {
                continue;
            }
            (*tp).tp_flags &= !Py_TPFLAGS_READY;
            let d = core::mem::replace(&mut (*tp).tp_dict, core::ptr::null_mut());
            let m = core::mem::replace(&mut (*tp).tp_mro, core::ptr::null_mut());
            let b = core::mem::replace(&mut (*tp).tp_bases, core::ptr::null_mut());
            dicts.push((d, m, b));
        }
        for (d, m, b) in dicts {
            if !d.is_null() {
                dictobject::clear_dict(d);
            }
            pyref::xdecref(d);
            pyref::xdecref(m);
            pyref::xdecref(b);
        }
        tupleobject::clear_cache();
        unicodeobject::clear_interned();
        // Last: everything above may have freed objects into the free lists.
        crate::objects::floatobject::clear_free_list();
        crate::objects::listobject::clear_free_list();
        tupleobject::clear_free_lists();
    }
    0
}
