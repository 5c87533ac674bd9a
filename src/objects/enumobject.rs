//! `enumerate` and `reversed` (CPython's `Objects/enumobject.c`).
//!
//! Design note. `enumerate` counts in an isize until it would overflow, then
//! in an int object (`en_longindex`), as CPython does, so `enumerate(x,
//! 2**70)` works. `reversed` calls `__reversed__` when the type has one
//! (None there means "not reversible"), otherwise walks a sequence from
//! `len - 1` down through `sq_item`. Both pickle like CPython's
//! (`__reduce__`, and `reversed.__setstate__` clamps the index).
use super::abstract_ as ab;
use super::object::*;
use super::pyref::*;
use super::{dictobject, longobject, noneobject, sequtil, tupleobject, typeobject, unicodeobject};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::guard_obj;
use core::mem::size_of;
use libc::{c_int, c_void};

#[repr(C)]
pub struct EnumObject {
    pub ob_base: PyObject,
    pub en_index: Py_ssize_t,
    pub en_sit: *mut PyObject,
    pub en_result: *mut PyObject,
    pub en_longindex: *mut PyObject,
}

#[repr(C)]
pub struct ReversedObject {
    pub ob_base: PyObject,
    pub index: Py_ssize_t,
    pub seq: *mut PyObject,
}

#[no_mangle]
pub static mut PyEnum_Type: PyTypeObject = PyTypeObject {
    tp_getattro: Some(crate::capi::object::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    tp_dealloc: Some(enum_dealloc),
    tp_traverse: Some(enum_traverse),
    tp_clear: Some(enum_clear),
    tp_iter: Some(crate::capi::object::PyObject_SelfIter),
    tp_iternext: Some(enum_next),
    tp_methods: &raw mut ENUM_METHODS as *mut PyMethodDef,
    tp_new: Some(enum_new),
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    tp_doc: c"Return an enumerate object.\n\n  iterable\n    an object supporting iteration\n\nThe enumerate object yields pairs containing a count (from start, which\ndefaults to zero) and a value yielded by the iterable argument.\n\nenumerate is useful for obtaining an indexed list:\n    (0, seq[0]), (1, seq[1]), (2, seq[2]), ...".as_ptr(),
    ..PyTypeObject::new(c"enumerate", size_of::<EnumObject>(), 0)
};

#[no_mangle]
pub static mut PyReversed_Type: PyTypeObject = PyTypeObject {
    tp_getattro: Some(crate::capi::object::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    tp_dealloc: Some(rev_dealloc),
    tp_traverse: Some(rev_traverse),
    tp_clear: Some(rev_clear),
    tp_iter: Some(crate::capi::object::PyObject_SelfIter),
    tp_iternext: Some(rev_next),
    tp_methods: &raw mut REV_METHODS as *mut PyMethodDef,
    tp_new: Some(rev_new),
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    tp_doc: c"Return a reverse iterator over the values of the given sequence.".as_ptr(),
    ..PyTypeObject::new(c"reversed", size_of::<ReversedObject>(), 0)
};

static mut ENUM_METHODS: [PyMethodDef; 2] = [
    PyMethodDef { ml_name: c"__reduce__".as_ptr(), ml_meth: enum_reduce as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Return state information for pickling.".as_ptr() },
    PyMethodDef::SENTINEL,
];

static mut REV_METHODS: [PyMethodDef; 4] = [
    PyMethodDef { ml_name: c"__length_hint__".as_ptr(), ml_meth: rev_length_hint as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Private method returning an estimate of len(list(it)).".as_ptr() },
    PyMethodDef { ml_name: c"__reduce__".as_ptr(), ml_meth: rev_reduce as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Return state information for pickling.".as_ptr() },
    PyMethodDef { ml_name: c"__setstate__".as_ptr(), ml_meth: rev_setstate as *mut c_void, ml_flags: METH_O, ml_doc: c"Set state information for unpickling.".as_ptr() },
    PyMethodDef::SENTINEL,
];

unsafe fn visit_all(ptrs: &[*mut PyObject], visit: visitproc, arg: *mut c_void) -> c_int {
    for &x in ptrs {
        if !x.is_null() {
            // SAFETY: x is a live object held by the visited object.
            let r = unsafe { visit(x, arg) };
            if r != 0 {
                return r;
            }
        }
    }
    0
}

// ---------------------------------------------------------------- enumerate

unsafe extern "C" fn enum_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let p = op as *mut EnumObject;
        visit_all(&[(*p).en_sit, (*p).en_result, (*p).en_longindex], visit, arg)
    }
}
unsafe extern "C" fn enum_clear(op: *mut PyObject) -> c_int {
    unsafe {
        let p = op as *mut EnumObject;
        clear(&mut (*p).en_sit);
        clear(&mut (*p).en_result);
        clear(&mut (*p).en_longindex);
    }
    0
}
unsafe extern "C" fn enum_dealloc(op: *mut PyObject) {
    unsafe {
        enum_clear(op);
        typeobject::free_instance(op);
    }
}

unsafe fn enum_args(args: *mut PyObject, kw: *mut PyObject) -> PyResult<(*mut PyObject, *mut PyObject)> {
    unsafe {
        let pos = sequtil::tuple_args(args);
        let nkw = if kw.is_null() { 0 } else { dictobject::len(kw) as usize };
        if pos.len() + nkw > 2 {
            return Err(errors::type_error(format!("enumerate() takes at most 2 arguments ({} given)", pos.len() + nkw)));
        }
        let mut iterable = pos.first().copied().unwrap_or(core::ptr::null_mut());
        let mut start = pos.get(1).copied().unwrap_or(core::ptr::null_mut());
        if nkw > 0 {
            for (k, v) in dictobject::items_borrowed(kw) {
                if !unicodeobject::is_str(k) {
                    return Err(errors::type_error("keywords must be strings"));
                }
                let name = unicodeobject::to_string_lossy(k);
                if name == "iterable" && iterable.is_null() {
                    iterable = v;
                } else if name == "start" && start.is_null() && !iterable.is_null() {
                    start = v;
                } else {
                    return Err(errors::type_error(format!("'{}' is an invalid keyword argument for enumerate()", name)));
                }
            }
        }
        if iterable.is_null() {
            return Err(errors::type_error("enumerate() missing required argument 'iterable'"));
        }
        Ok((iterable, start))
    }
}

unsafe extern "C" fn enum_new(tp: *mut PyTypeObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let (iterable, start) = enum_args(args, kw)?;
        let mut index: Py_ssize_t = 0;
        let mut longindex = None;
        if !start.is_null() {
            let s = super::abstract_number::index(start)?;
            match longobject::as_i64(s.as_ptr()) {
                Some(v) => index = v as Py_ssize_t,
                None => {
                    index = Py_ssize_t::MAX;
                    longindex = Some(s);
                }
            }
        }
        let sit = ab::get_iter(iterable)?;
        let o = typeobject::alloc_instance(tp, 0)?;
        let p = o.as_ptr() as *mut EnumObject;
        (*p).en_index = index;
        (*p).en_sit = sit.into_raw();
        (*p).en_longindex = longindex.map_or(core::ptr::null_mut(), |l| l.into_raw());
        Ok(o)
    })
}

unsafe extern "C" fn enum_next(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut EnumObject;
        let sit = Owned::from_borrowed((*p).en_sit);
        let Some(item) = ab::iter_next(sit.as_ptr())? else {
            return Err(errors::stop_iteration_silent());
        };
        if (*p).en_longindex.is_null() && (*p).en_index == Py_ssize_t::MAX {
            (*p).en_longindex = longobject::from_isize(Py_ssize_t::MAX)?.into_raw();
        }
        let idx = if (*p).en_longindex.is_null() {
            let i = longobject::from_isize((*p).en_index)?;
            (*p).en_index += 1;
            i
        } else {
            let cur = Owned::from_borrowed((*p).en_longindex);
            let one = longobject::from_i64(1)?;
            let next = super::abstract_number::add(cur.as_ptr(), one.as_ptr())?;
            setref(&mut (*p).en_longindex, next.into_raw());
            cur
        };
        tupleobject::pack(&[idx.as_ptr(), item.as_ptr()])
    })
}

unsafe extern "C" fn enum_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut EnumObject;
        let idx = if (*p).en_longindex.is_null() {
            longobject::from_isize((*p).en_index)?
        } else {
            Owned::from_borrowed((*p).en_longindex)
        };
        let a = tupleobject::pack(&[(*p).en_sit, idx.as_ptr()])?;
        tupleobject::pack(&[(*op).ob_type as *mut PyObject, a.as_ptr()])
    })
}

// ---------------------------------------------------------------- reversed

unsafe extern "C" fn rev_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe { visit_all(&[(*(op as *mut ReversedObject)).seq], visit, arg) }
}
unsafe extern "C" fn rev_clear(op: *mut PyObject) -> c_int {
    unsafe { clear(&mut (*(op as *mut ReversedObject)).seq) };
    0
}
unsafe extern "C" fn rev_dealloc(op: *mut PyObject) {
    unsafe {
        rev_clear(op);
        typeobject::free_instance(op);
    }
}

unsafe fn not_reversible(seq: *mut PyObject) -> errors::Raised {
    unsafe { errors::type_error(format!("'{}' object is not reversible", typeobject::type_name_str((*seq).ob_type))) }
}

unsafe extern "C" fn rev_new(tp: *mut PyTypeObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let base = &raw mut PyReversed_Type;
        if tp == base || (*tp).tp_init.map(|f| f as usize) == (*base).tp_init.map(|f| f as usize) {
            sequtil::no_keywords("reversed", kw)?;
        }
        let a = sequtil::tuple_args(args);
        sequtil::check_positional("reversed", a.len(), 1, 1)?;
        let seq = a[0];
        if let Some(m) = ab::lookup_special(seq, "__reversed__")? {
            if m.is(noneobject::none_ptr()) {
                return Err(not_reversible(seq));
            }
            return ab::call_function(m.as_ptr(), &[]);
        }
        if !ab::sequence_check(seq) {
            return Err(not_reversible(seq));
        }
        let n = ab::sequence_size(seq)?;
        let o = typeobject::alloc_instance(tp, 0)?;
        let p = o.as_ptr() as *mut ReversedObject;
        (*p).index = n - 1;
        (*p).seq = new_ref(seq);
        Ok(o)
    })
}

unsafe extern "C" fn rev_next(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut ReversedObject;
        if (*p).index >= 0 && !(*p).seq.is_null() {
            let seq = Owned::from_borrowed((*p).seq);
            match ab::sequence_get_item(seq.as_ptr(), (*p).index) {
                Ok(item) => {
                    (*p).index -= 1;
                    return Ok(item);
                }
                Err(e) => {
                    if !errors::exception_matches(super::exceptions::PyExc_IndexError)
                        && !errors::exception_matches(super::exceptions::PyExc_StopIteration)
                    {
                        return Err(e);
                    }
                    errors::clear();
                }
            }
        }
        (*p).index = -1;
        clear(&mut (*p).seq);
        Err(errors::stop_iteration_silent())
    })
}

unsafe extern "C" fn rev_length_hint(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut ReversedObject;
        if (*p).seq.is_null() {
            return longobject::from_i64(0);
        }
        let n = ab::sequence_size((*p).seq)?;
        let position = (*p).index + 1;
        longobject::from_isize(if n < position { 0 } else { position })
    })
}

unsafe extern "C" fn rev_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut ReversedObject;
        let tp = (*op).ob_type as *mut PyObject;
        if (*p).seq.is_null() {
            let empty = tupleobject::new_empty()?;
            let a = tupleobject::pack(&[empty.as_ptr()])?;
            return tupleobject::pack(&[tp, a.as_ptr()]);
        }
        let a = tupleobject::pack(&[(*p).seq])?;
        let i = longobject::from_isize((*p).index)?;
        tupleobject::pack(&[tp, a.as_ptr(), i.as_ptr()])
    })
}

unsafe extern "C" fn rev_setstate(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut ReversedObject;
        // PyLong_AsSsize_t: ints only, no __index__.
        if !longobject::is_long(state) {
            return Err(errors::type_error("an integer is required"));
        }
        let mut index = match longobject::as_i64(state) {
            Some(v) => v as Py_ssize_t,
            None => return Err(errors::overflow_error("Python int too large to convert to C ssize_t")),
        };
        if !(*p).seq.is_null() {
            let n = ab::sequence_size((*p).seq)?;
            if index < -1 {
                index = -1;
            } else if index > n - 1 {
                index = n - 1;
            }
            (*p).index = index;
        }
        Ok(noneobject::none())
    })
}
