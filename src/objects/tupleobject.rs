//! `tuple`: items inline after the header (`ob_item[]`), so `PyTuple_GET_ITEM`
//! is a plain memory access.
use super::object::*;

#[repr(C)]
pub struct PyTupleObject {
    pub ob_base: PyVarObject,
    pub ob_item: [*mut PyObject; 1],
}

use super::pyref::*;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard, guard_obj};
use core::mem::{offset_of, size_of};
use libc::{c_int, c_void};

#[no_mangle]
pub static mut PyTuple_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_TUPLE_SUBCLASS | Py_TPFLAGS_SEQUENCE | Py_TPFLAGS_MATCH_SELF,
    tp_dealloc: Some(tuple_dealloc),
    tp_repr: Some(tuple_repr),
    tp_hash: Some(tuple_hash),
    tp_traverse: Some(tuple_traverse),
    tp_richcompare: Some(tuple_richcompare),
    tp_as_sequence: &raw mut TUPLE_AS_SEQUENCE,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    tp_doc: c"Built-in immutable sequence.\n\nIf no argument is given, the constructor returns an empty tuple.\nIf iterable is specified the tuple is initialized from iterable's items.\n\nIf the argument is a tuple, the return value is the same object.".as_ptr(),
    ..PyTypeObject::new(c"tuple", offset_of!(PyTupleObject, ob_item), size_of::<*mut PyObject>())
};

static mut TUPLE_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(tuple_length),
    sq_item: Some(tuple_item),
    ..PySequenceMethods::EMPTY
};

#[inline(always)]
pub unsafe fn is_tuple(op: *mut PyObject) -> bool {
    unsafe { type_has_flag((*op).ob_type, Py_TPFLAGS_TUPLE_SUBCLASS) }
}
#[inline(always)]
pub unsafe fn is_tuple_exact(op: *mut PyObject) -> bool {
    unsafe { (*op).ob_type == &raw mut PyTuple_Type }
}
/// Items pointer (`&PyTuple_GET_ITEM(op, 0)`).
#[inline(always)]
pub unsafe fn items(op: *mut PyObject) -> *mut *mut PyObject {
    unsafe { (*(op as *mut PyTupleObject)).ob_item.as_mut_ptr() }
}
/// Borrowed item, no bounds check.
#[inline(always)]
pub unsafe fn get_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    unsafe { *items(op).offset(i) }
}
/// Steal `v` into slot `i` of a fresh tuple (`PyTuple_SET_ITEM`).
#[inline(always)]
pub unsafe fn set_item_raw(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) {
    unsafe { *items(op).offset(i) = v }
}
pub unsafe fn as_slice<'a>(op: *mut PyObject) -> &'a [*mut PyObject] {
    unsafe { core::slice::from_raw_parts(items(op), Py_SIZE(op) as usize) }
}

static mut EMPTY: *mut PyObject = core::ptr::null_mut();

/// `PyTuple_New`: a tuple of `n` null slots (the empty tuple is shared).
pub fn new_tuple(n: Py_ssize_t) -> PyResult<Owned> {
    if n < 0 {
        return Err(errors::bad_internal_call());
    }
    unsafe {
        if n == 0 && !EMPTY.is_null() {
            return Ok(Owned::from_borrowed(EMPTY));
        }
        let t = alloc_gc_var(&raw mut PyTuple_Type, n)?;
        if n == 0 {
            EMPTY = t.as_ptr();
            incref(EMPTY);
        }
        Ok(t)
    }
}

/// Allocate a GC var object without the +1 item of GenericAlloc.
unsafe fn alloc_gc_var(tp: *mut PyTypeObject, n: Py_ssize_t) -> PyResult<Owned> {
    unsafe { super::typeobject::generic_alloc(tp, n - 1).map(|o| { Py_SET_SIZE(o.as_ptr(), n); o }) }
}

pub fn new_empty() -> PyResult<Owned> {
    new_tuple(0)
}

/// Drop the cached empty tuple (finalisation).
pub unsafe fn clear_cache() {
    unsafe {
        let e = EMPTY;
        EMPTY = core::ptr::null_mut();
        xdecref(e);
    }
}

/// A tuple of new references to the given borrowed objects.
pub fn pack(objs: &[*mut PyObject]) -> PyResult<Owned> {
    let t = new_tuple(objs.len() as Py_ssize_t)?;
    unsafe {
        for (i, &o) in objs.iter().enumerate() {
            incref(o);
            set_item_raw(t.as_ptr(), i as Py_ssize_t, o);
        }
    }
    Ok(t)
}

/// A tuple taking ownership of the given handles.
pub fn from_owned(objs: Vec<Owned>) -> PyResult<Owned> {
    let t = new_tuple(objs.len() as Py_ssize_t)?;
    unsafe {
        for (i, o) in objs.into_iter().enumerate() {
            set_item_raw(t.as_ptr(), i as Py_ssize_t, o.into_raw());
        }
    }
    Ok(t)
}

/// `tuple(iterable)` (the same object for an exact tuple).
pub fn from_iterable(it: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if is_tuple_exact(it) {
            return Ok(Owned::from_borrowed(it));
        }
        let v = super::abstract_::collect(it)?;
        from_owned(v)
    }
}

unsafe extern "C" fn tuple_dealloc(op: *mut PyObject) {
    unsafe {
        let n = Py_SIZE(op);
        for i in 0..n {
            xdecref(get_item(op, i));
        }
        super::typeobject::free_instance(op);
    }
}

unsafe extern "C" fn tuple_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        for i in 0..Py_SIZE(op) {
            let x = get_item(op, i);
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

unsafe extern "C" fn tuple_length(op: *mut PyObject) -> Py_ssize_t {
    unsafe { Py_SIZE(op) }
}

unsafe extern "C" fn tuple_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        if i < 0 || i >= Py_SIZE(op) {
            return Err(errors::index_error("tuple index out of range"));
        }
        Ok(Owned::from_borrowed(get_item(op, i)))
    })
}

unsafe extern "C" fn tuple_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let n = Py_SIZE(op);
        if n == 0 {
            return super::unicodeobject::from_str("()");
        }
        let _g = match super::abstract_::ReprGuard::enter(op)? {
            Some(g) => g,
            None => return super::unicodeobject::from_str("(...)"),
        };
        let mut s = String::from("(");
        for i in 0..n {
            if i > 0 {
                s.push_str(", ");
            }
            s.push_str(&super::abstract_::repr_string_checked(get_item(op, i))?);
        }
        if n == 1 {
            s.push(',');
        }
        s.push(')');
        super::unicodeobject::from_str(&s)
    })
}

unsafe extern "C" fn tuple_hash(op: *mut PyObject) -> Py_hash_t {
    guard(|| unsafe {
        const P1: u64 = 11400714785074694791;
        const P2: u64 = 14029467366897019727;
        const P5: u64 = 2870177450012600261;
        let n = Py_SIZE(op);
        let mut acc: u64 = P5;
        for i in 0..n {
            let lane = super::abstract_::hash(get_item(op, i))? as u64;
            acc = acc.wrapping_add(lane.wrapping_mul(P2));
            acc = acc.rotate_left(31);
            acc = acc.wrapping_mul(P1);
        }
        acc = acc.wrapping_add((n as u64) ^ (P5 ^ 3527539));
        if acc == u64::MAX {
            return Ok(1546275796);
        }
        Ok(acc as Py_hash_t)
    })
}

unsafe extern "C" fn tuple_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !is_tuple(a) || !is_tuple(b) {
            return Ok(super::noneobject::not_implemented());
        }
        super::abstract_::sequence_richcompare(as_slice(a), as_slice(b), op)
    })
}
