//! Generic iterators: the sequence iterator (`iter()` over `__getitem__`) and
//! the callable iterator.
use super::object::*;
use super::pyref::*;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::guard_obj;
use core::mem::size_of;
use libc::{c_int, c_void};

#[repr(C)]
pub struct SeqIterObject {
    pub ob_base: PyObject,
    pub it_index: Py_ssize_t,
    pub it_seq: *mut PyObject,
}

#[no_mangle]
pub static mut PySeqIter_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(seqiter_dealloc),
    tp_traverse: Some(seqiter_traverse),
    tp_clear: Some(seqiter_clear),
    tp_iter: Some(crate::capi::object::PyObject_SelfIter),
    tp_iternext: Some(seqiter_next),
    tp_methods: &raw mut SEQITER_METHODS as *mut PyMethodDef,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    ..PyTypeObject::new(c"iterator", size_of::<SeqIterObject>(), 0)
};

static mut SEQITER_METHODS: [PyMethodDef; 2] = [
    PyMethodDef {
        ml_name: c"__length_hint__".as_ptr(),
        ml_meth: seqiter_len as *mut c_void,
        ml_flags: METH_NOARGS,
        ml_doc: c"Private method returning an estimate of len(list(it)).".as_ptr(),
    },
    PyMethodDef::SENTINEL,
];

pub fn new_seq_iter(seq: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let it = super::typeobject::generic_alloc(&raw mut PySeqIter_Type, 0)?;
        let p = it.as_ptr() as *mut SeqIterObject;
        (*p).it_seq = new_ref(seq);
        (*p).it_index = 0;
        Ok(it)
    }
}

unsafe extern "C" fn seqiter_dealloc(op: *mut PyObject) {
    unsafe {
        clear(&mut (*(op as *mut SeqIterObject)).it_seq);
        super::typeobject::free_instance(op);
    }
}
unsafe extern "C" fn seqiter_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let s = (*(op as *mut SeqIterObject)).it_seq;
        if s.is_null() { 0 } else { visit(s, arg) }
    }
}
unsafe extern "C" fn seqiter_clear(op: *mut PyObject) -> c_int {
    unsafe { clear(&mut (*(op as *mut SeqIterObject)).it_seq) };
    0
}
/// `len(seq) - index`, NotImplemented for a sequence without a length.
unsafe extern "C" fn seqiter_len(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut SeqIterObject;
        let seq = (*p).it_seq;
        if !seq.is_null() {
            let tp = (*seq).ob_type;
            let has_len = (!(*tp).tp_as_sequence.is_null() && (*(*tp).tp_as_sequence).sq_length.is_some())
                || (!(*tp).tp_as_mapping.is_null() && (*(*tp).tp_as_mapping).mp_length.is_some());
            if !has_len {
                return Ok(super::noneobject::not_implemented());
            }
            let n = super::abstract_::length(seq)? - (*p).it_index;
            if n >= 0 {
                return super::longobject::from_isize(n);
            }
        }
        super::longobject::from_isize(0)
    })
}
unsafe extern "C" fn seqiter_next(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut SeqIterObject;
        let seq = (*p).it_seq;
        if seq.is_null() {
            return Err(errors::stop_iteration_silent());
        }
        let f = (*(*(*seq).ob_type).tp_as_sequence).sq_item.unwrap();
        let r = f(seq, (*p).it_index);
        if r.is_null() {
            if errors::exception_matches(super::exceptions::PyExc_IndexError)
                || errors::exception_matches(super::exceptions::PyExc_StopIteration)
            {
                errors::clear();
                clear(&mut (*p).it_seq);
                return Err(errors::stop_iteration_silent());
            }
            return Err(errors::Raised::assume());
        }
        (*p).it_index += 1;
        Ok(Owned::from_raw_nonnull(r))
    })
}

// ---- callable_iterator: iter(callable, sentinel) ----

#[repr(C)]
pub struct CallIterObject {
    pub ob_base: PyObject,
    pub it_callable: *mut PyObject,
    pub it_sentinel: *mut PyObject,
}

#[no_mangle]
pub static mut PyCallIter_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    tp_dealloc: Some(calliter_dealloc),
    tp_traverse: Some(calliter_traverse),
    tp_clear: Some(calliter_clear),
    tp_iter: Some(crate::capi::object::PyObject_SelfIter),
    tp_iternext: Some(calliter_next),
    tp_methods: &raw mut CALLITER_METHODS as *mut PyMethodDef,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    ..PyTypeObject::new(c"callable_iterator", size_of::<CallIterObject>(), 0)
};

static mut CALLITER_METHODS: [PyMethodDef; 2] = [
    PyMethodDef { ml_name: c"__reduce__".as_ptr(), ml_meth: calliter_reduce as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Return state information for pickling.".as_ptr() },
    PyMethodDef::SENTINEL,
];

/// `(iter, (callable, sentinel))`, or `(iter, ((),))` once exhausted.
unsafe extern "C" fn calliter_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut CallIterObject;
        let iter = crate::modules::builtins::get_builtin("iter")?;
        let args = if !(*p).it_callable.is_null() && !(*p).it_sentinel.is_null() {
            super::tupleobject::pack(&[(*p).it_callable, (*p).it_sentinel])?
        } else {
            let empty = super::tupleobject::new_empty()?;
            super::tupleobject::pack(&[empty.as_ptr()])?
        };
        super::tupleobject::pack(&[iter.as_ptr(), args.as_ptr()])
    })
}

/// `PyCallIter_New`: call `callable()` until it returns something equal to `sentinel`.
pub fn new_call_iter(callable: *mut PyObject, sentinel: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let it = super::typeobject::generic_alloc(&raw mut PyCallIter_Type, 0)?;
        let p = it.as_ptr() as *mut CallIterObject;
        (*p).it_callable = new_ref(callable);
        (*p).it_sentinel = new_ref(sentinel);
        Ok(it)
    }
}

unsafe extern "C" fn calliter_dealloc(op: *mut PyObject) {
    unsafe {
        calliter_clear(op);
        super::typeobject::free_instance(op);
    }
}
unsafe extern "C" fn calliter_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let p = op as *mut CallIterObject;
        for x in [(*p).it_callable, (*p).it_sentinel] {
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
unsafe extern "C" fn calliter_clear(op: *mut PyObject) -> c_int {
    unsafe {
        let p = op as *mut CallIterObject;
        clear(&mut (*p).it_callable);
        clear(&mut (*p).it_sentinel);
    }
    0
}
unsafe extern "C" fn calliter_next(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut CallIterObject;
        if (*p).it_callable.is_null() {
            return Err(errors::stop_iteration_silent());
        }
        let callable = Owned::from_borrowed((*p).it_callable);
        match super::abstract_::call_function(callable.as_ptr(), &[]) {
            Ok(r) => {
                let sentinel = Owned::from_borrowed((*p).it_sentinel);
                if super::abstract_::rich_compare_bool(sentinel.as_ptr(), r.as_ptr(), Py_EQ)? {
                    calliter_clear(op);
                    return Err(errors::stop_iteration_silent());
                }
                Ok(r)
            }
            Err(e) => {
                if errors::exception_matches(super::exceptions::PyExc_StopIteration) {
                    errors::clear();
                    calliter_clear(op);
                    return Err(errors::stop_iteration_silent());
                }
                Err(e)
            }
        }
    })
}
