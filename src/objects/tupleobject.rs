//! `tuple`: items inline after the header (`ob_item[]`), so `PyTuple_GET_ITEM`
//! is a plain memory access; and `tuple_iterator`.
//!
//! Design note. The empty tuple is a shared singleton. A tuple is immutable once
//! it escapes, so (as in CPython) it has `tp_traverse` but no `tp_clear`: cycles
//! through tuples are broken by clearing the mutable containers in them.
//! `PyTuple_SetItem` and `_PyTuple_Resize` only act on tuples with refcount 1.
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
use super::sequtil;

#[no_mangle]
pub static mut PyTuple_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_TUPLE_SUBCLASS | Py_TPFLAGS_SEQUENCE | Py_TPFLAGS_MATCH_SELF,
    tp_dealloc: Some(tuple_dealloc),
    tp_repr: Some(tuple_repr),
    tp_hash: Some(tuple_hash),
    tp_traverse: Some(tuple_traverse),
    tp_richcompare: Some(tuple_richcompare),
    tp_as_sequence: &raw mut TUPLE_AS_SEQUENCE,
    tp_as_mapping: &raw mut TUPLE_AS_MAPPING,
    tp_iter: Some(tuple_iter),
    tp_new: Some(tuple_new),
    tp_methods: &raw mut TUPLE_METHODS as *mut PyMethodDef,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    tp_doc: c"Built-in immutable sequence.\n\nIf no argument is given, the constructor returns an empty tuple.\nIf iterable is specified the tuple is initialized from iterable's items.\n\nIf the argument is a tuple, the return value is the same object.".as_ptr(),
    ..PyTypeObject::new(c"tuple", offset_of!(PyTupleObject, ob_item), size_of::<*mut PyObject>())
};

static mut TUPLE_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(tuple_length),
    sq_concat: Some(tuple_concat),
    sq_repeat: Some(tuple_repeat),
    sq_item: Some(tuple_item),
    sq_contains: Some(tuple_contains),
    ..PySequenceMethods::EMPTY
};

static mut TUPLE_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(tuple_length),
    mp_subscript: Some(tuple_subscript),
    mp_ass_subscript: None,
};

static mut TUPLE_METHODS: [PyMethodDef; 4] = [
    PyMethodDef { ml_name: c"__getnewargs__".as_ptr(), ml_meth: tuple_getnewargs as *mut c_void, ml_flags: METH_NOARGS, ml_doc: core::ptr::null() },
    PyMethodDef { ml_name: c"index".as_ptr(), ml_meth: tuple_index as *mut c_void, ml_flags: METH_FASTCALL, ml_doc: c"Return first index of value.\n\nRaises ValueError if the value is not present.".as_ptr() },
    PyMethodDef { ml_name: c"count".as_ptr(), ml_meth: tuple_count as *mut c_void, ml_flags: METH_O, ml_doc: c"Return number of occurrences of value.".as_ptr() },
    PyMethodDef::SENTINEL,
];

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
/// Inlined: the free-list path is PyTuple_New's whole body.
#[inline(always)]
pub fn new_tuple(n: Py_ssize_t) -> PyResult<Owned> {
    unsafe {
        if n > 0 && (n as usize) < MAXSAVESIZE {
            let op = FREE_LISTS[n as usize].pop();
            if !op.is_null() {
                // Kept with its size and type; the items must read NULL.
                core::ptr::write_bytes(items(op), 0, n as usize);
                new_reference(op);
                return Ok(Owned::from_raw_nonnull(op));
            }
        }
    }
    new_tuple_slow(n)
}

#[inline(never)]
fn new_tuple_slow(n: Py_ssize_t) -> PyResult<Owned> {
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

/// Sizes 1..MAXSAVESIZE-1 get a free list of dead exact tuples (CPython
/// keeps up to 2000 per size below 20). Entries keep their size and type;
/// their items were released. Emptied at finalisation by `clear_cache`.
const MAXSAVESIZE: usize = 20;
static FREE_LISTS: [FreeList<2000>; MAXSAVESIZE] = [const { FreeList::new() }; MAXSAVESIZE];

/// Release the tuples kept for reuse (finalisation, after everything that
/// may still free tuples).
pub unsafe fn clear_free_lists() {
    for fl in &FREE_LISTS {
        unsafe { fl.drain(|op| super::typeobject::free_instance(op)) };
    }
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
        // Only exact instances are deferred: a subclass's dealloc continues
        // after this returns (and may release the type).
        if (*op).ob_type == &raw mut PyTuple_Type {
            sequtil::trashcan(op, tuple_dealloc_body)
        } else {
            tuple_dealloc_body(op)
        }
    }
}

unsafe fn tuple_dealloc_body(op: *mut PyObject) {
    unsafe {
        let n = Py_SIZE(op);
        for i in 0..n {
            xdecref(get_item(op, i));
        }
        if (*op).ob_type == &raw mut PyTuple_Type
            && n > 0
            && (n as usize) < MAXSAVESIZE
            && FREE_LISTS[n as usize].push(op)
        {
            return;
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
        // Nested tuples hash recursively: bounded, RecursionError past the limit
        // (CPython 3.11 overflows the C stack here).
        let _d = super::abstract_::DepthGuard::enter("")?;
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

/// `tuple[lo:hi]` with CPython's clamping (`PyTuple_GetSlice`).
pub unsafe fn get_slice(op: *mut PyObject, mut lo: Py_ssize_t, mut hi: Py_ssize_t) -> PyResult<Owned> {
    unsafe {
        let n = Py_SIZE(op);
        if lo < 0 {
            lo = 0;
        }
        if hi > n {
            hi = n;
        }
        if hi < lo {
            hi = lo;
        }
        if lo == 0 && hi == n && is_tuple_exact(op) {
            return Ok(Owned::from_borrowed(op));
        }
        pack(&as_slice(op)[lo as usize..hi as usize])
    }
}

/// `_PyTuple_Resize`: grow or shrink a tuple nobody else holds. On failure the
/// tuple is released and `*pv` set to null, as in CPython.
pub unsafe fn resize_tuple(pv: *mut *mut PyObject, newsize: Py_ssize_t) -> PyResult<()> {
    unsafe {
        let v = *pv;
        if v.is_null() || !is_tuple_exact(v) || (Py_SIZE(v) != 0 && (*v).ob_refcnt != 1) || newsize < 0 {
            *pv = core::ptr::null_mut();
            xdecref(v);
            return Err(errors::bad_internal_call());
        }
        let old = Py_SIZE(v);
        if old == newsize {
            return Ok(());
        }
        if old == 0 || newsize == 0 {
            // The empty tuple is shared: make a fresh one instead.
            let r = new_tuple(newsize);
            *pv = core::ptr::null_mut();
            decref(v);
            *pv = r?.into_raw();
            return Ok(());
        }
        for i in newsize..old {
            let slot = items(v).offset(i);
            clear(slot);
        }
        let r = crate::capi::object::_PyObject_GC_Resize(v as *mut PyVarObject, newsize) as *mut PyObject;
        if r.is_null() {
            *pv = core::ptr::null_mut();
            Py_SET_SIZE(v, newsize.min(old));
            decref(v);
            return Err(errors::Raised::assume());
        }
        for i in old..newsize {
            *items(r).offset(i) = core::ptr::null_mut();
        }
        *pv = r;
        Ok(())
    }
}

unsafe extern "C" fn tuple_new(tp: *mut PyTypeObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let base_init = super::typeobject::PyBaseObject_Type.tp_init;
        if tp == &raw mut PyTuple_Type || (*tp).tp_init.map(|f| f as usize) == base_init.map(|f| f as usize) {
            sequtil::no_keywords("tuple", kw)?;
        }
        let a = sequtil::tuple_args(args);
        sequtil::check_positional("tuple", a.len(), 0, 1)?;
        let tmp = if a.is_empty() { new_empty()? } else { from_iterable(a[0])? };
        if tp == &raw mut PyTuple_Type {
            return Ok(tmp);
        }
        // A subclass: copy the items into an instance of `tp`.
        let n = Py_SIZE(tmp.as_ptr());
        let obj = super::typeobject::alloc_instance(tp, n)?;
        for (i, &x) in as_slice(tmp.as_ptr()).iter().enumerate() {
            set_item_raw(obj.as_ptr(), i as Py_ssize_t, new_ref(x));
        }
        Ok(obj)
    })
}

unsafe extern "C" fn tuple_concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !is_tuple(b) {
            return Err(errors::type_error(format!(
                "can only concatenate tuple (not \"{}\") to tuple",
                super::typeobject::type_name_str((*b).ob_type)
            )));
        }
        if Py_SIZE(b) == 0 && is_tuple_exact(a) {
            return Ok(Owned::from_borrowed(a));
        }
        if Py_SIZE(a) == 0 && is_tuple_exact(b) {
            return Ok(Owned::from_borrowed(b));
        }
        let mut v: Vec<*mut PyObject> = as_slice(a).to_vec();
        v.extend_from_slice(as_slice(b));
        pack(&v)
    })
}

unsafe extern "C" fn tuple_repeat(a: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        let size = Py_SIZE(a);
        if is_tuple_exact(a) && (n == 1 || size == 0) {
            return Ok(Owned::from_borrowed(a));
        }
        if n <= 0 || size == 0 {
            return new_empty();
        }
        if size > isize::MAX / 8 / n {
            return Err(errors::no_memory());
        }
        let total = size * n;
        let t = new_tuple(total)?;
        let src = as_slice(a);
        for i in 0..total {
            set_item_raw(t.as_ptr(), i, new_ref(src[(i % size) as usize]));
        }
        Ok(t)
    })
}

unsafe extern "C" fn tuple_contains(a: *mut PyObject, el: *mut PyObject) -> c_int {
    guard(|| unsafe {
        let mut i = 0;
        while i < Py_SIZE(a) {
            if super::abstract_::rich_compare_bool(get_item(a, i), el, Py_EQ)? {
                return Ok(1);
            }
            i += 1;
        }
        Ok(0)
    })
}

unsafe extern "C" fn tuple_subscript(a: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if super::longobject::is_index(key) {
            let mut i = sequtil::item_index(key)?;
            if i < 0 {
                i += Py_SIZE(a);
            }
            return Owned::from_raw(tuple_item(a, i));
        }
        if sequtil::is_slice(key) {
            let (start, stop, step, n) = sequtil::slice_indices(key, Py_SIZE(a))?;
            if step == 1 {
                return get_slice(a, start, stop);
            }
            if n <= 0 {
                return new_empty();
            }
            if start == 0 && step == 1 && n == Py_SIZE(a) && is_tuple_exact(a) {
                return Ok(Owned::from_borrowed(a));
            }
            let src = as_slice(a);
            let v: Vec<*mut PyObject> = (0..n).map(|k| src[(start + k * step) as usize]).collect();
            let _ = stop;
            return pack(&v);
        }
        Err(errors::type_error(format!(
            "tuple indices must be integers or slices, not {}",
            super::typeobject::type_name_str((*key).ob_type)
        )))
    })
}

unsafe extern "C" fn tuple_getnewargs(a: *mut PyObject, _n: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let copy = pack(as_slice(a))?;
        pack(&[copy.as_ptr()])
    })
}

unsafe extern "C" fn tuple_index(a: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        let args = sequtil::fast_args(args, nargs);
        sequtil::check_positional("index", args.len(), 1, 3)?;
        let (start, stop) = sequtil::index_range(args, Py_SIZE(a))?;
        let mut i = start;
        while i < stop && i < Py_SIZE(a) {
            if super::abstract_::rich_compare_bool(get_item(a, i), args[0], Py_EQ)? {
                return super::longobject::from_isize(i);
            }
            i += 1;
        }
        Err(errors::value_error("tuple.index(x): x not in tuple"))
    })
}

unsafe extern "C" fn tuple_count(a: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let mut count = 0;
        let mut i = 0;
        while i < Py_SIZE(a) {
            if super::abstract_::rich_compare_bool(get_item(a, i), v, Py_EQ)? {
                count += 1;
            }
            i += 1;
        }
        super::longobject::from_isize(count)
    })
}

// ---- tuple_iterator ----

#[repr(C)]
pub struct TupleIterObject {
    pub ob_base: PyObject,
    pub it_index: Py_ssize_t,
    pub it_seq: *mut PyObject,
}

#[no_mangle]
pub static mut PyTupleIter_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    tp_dealloc: Some(tupleiter_dealloc),
    tp_traverse: Some(tupleiter_traverse),
    tp_clear: Some(tupleiter_clear),
    tp_iter: Some(crate::capi::object::PyObject_SelfIter),
    tp_iternext: Some(tupleiter_next),
    tp_methods: &raw mut TUPLEITER_METHODS as *mut PyMethodDef,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    ..PyTypeObject::new(c"tuple_iterator", size_of::<TupleIterObject>(), 0)
};

static mut TUPLEITER_METHODS: [PyMethodDef; 2] = [
    PyMethodDef { ml_name: c"__length_hint__".as_ptr(), ml_meth: tupleiter_len as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Private method returning an estimate of len(list(it)).".as_ptr() },
    PyMethodDef::SENTINEL,
];

unsafe extern "C" fn tuple_iter(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let it = super::typeobject::generic_alloc(&raw mut PyTupleIter_Type, 0)?;
        let p = it.as_ptr() as *mut TupleIterObject;
        (*p).it_seq = new_ref(op);
        (*p).it_index = 0;
        Ok(it)
    })
}

unsafe extern "C" fn tupleiter_dealloc(op: *mut PyObject) {
    unsafe {
        clear(&mut (*(op as *mut TupleIterObject)).it_seq);
        super::typeobject::free_instance(op);
    }
}
unsafe extern "C" fn tupleiter_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let s = (*(op as *mut TupleIterObject)).it_seq;
        if s.is_null() { 0 } else { visit(s, arg) }
    }
}
unsafe extern "C" fn tupleiter_clear(op: *mut PyObject) -> c_int {
    unsafe { clear(&mut (*(op as *mut TupleIterObject)).it_seq) };
    0
}
unsafe extern "C" fn tupleiter_next(op: *mut PyObject) -> *mut PyObject {
    unsafe {
        let p = op as *mut TupleIterObject;
        let seq = (*p).it_seq;
        if seq.is_null() {
            return core::ptr::null_mut();
        }
        if (*p).it_index < Py_SIZE(seq) {
            let x = get_item(seq, (*p).it_index);
            (*p).it_index += 1;
            return new_ref(x);
        }
        clear(&mut (*p).it_seq);
        core::ptr::null_mut()
    }
}
unsafe extern "C" fn tupleiter_len(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut TupleIterObject;
        let n = if (*p).it_seq.is_null() { 0 } else { Py_SIZE((*p).it_seq) - (*p).it_index };
        super::longobject::from_isize(n.max(0))
    })
}
