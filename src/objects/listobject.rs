//! `list`: an item pointer plus `allocated`, CPython's over-allocating growth;
//! `list_iterator` and `list_reverseiterator`.
//!
//! Design note. Python code can run in the middle of most operations (`__eq__`,
//! a sort key, a `__del__` triggered by a decref), so: items are snapshotted as
//! owned references before calling out, sizes are re-read after every call, and
//! old items are decref'd only after the list is consistent again. `sort`
//! empties the list while it works (`allocated == -1` marks that state); if
//! Python code touched the list meanwhile, "list modified during sort" is
//! raised. The sort is a stable merge sort that stops calling Python after the
//! first comparison error (all items stay in the list either way).
use super::object::*;

#[repr(C)]
pub struct PyListObject {
    pub ob_base: PyVarObject,
    pub ob_item: *mut *mut PyObject,
    pub allocated: Py_ssize_t,
}

use super::pyref::*;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::guard_obj;
use crate::runtime::obmalloc;
use core::mem::size_of;
use libc::{c_int, c_void};
use super::sequtil;
use crate::runtime::ffi::{guard, guard_unit};

#[no_mangle]
pub static mut PyList_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_LIST_SUBCLASS | Py_TPFLAGS_SEQUENCE | Py_TPFLAGS_MATCH_SELF,
    tp_dealloc: Some(list_dealloc),
    tp_repr: Some(list_repr),
    tp_traverse: Some(list_traverse),
    tp_clear: Some(list_clear),
    tp_richcompare: Some(list_richcompare),
    tp_hash: Some(crate::capi::object::PyObject_HashNotImplemented),
    tp_as_sequence: &raw mut LIST_AS_SEQUENCE,
    tp_as_mapping: &raw mut LIST_AS_MAPPING,
    tp_iter: Some(list_iter),
    tp_init: Some(list_init),
    tp_new: Some(crate::capi::typeobject::PyType_GenericNew),
    tp_methods: &raw mut LIST_METHODS as *mut PyMethodDef,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    tp_doc: c"Built-in mutable sequence.\n\nIf no argument is given, the constructor creates a new empty list.\nThe argument must be an iterable if specified.".as_ptr(),
    ..PyTypeObject::new(c"list", size_of::<PyListObject>(), 0)
};

static mut LIST_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(list_length),
    sq_concat: Some(list_concat),
    sq_repeat: Some(list_repeat),
    sq_item: Some(list_item),
    sq_ass_item: Some(list_ass_item),
    sq_contains: Some(list_contains),
    sq_inplace_concat: Some(list_inplace_concat),
    sq_inplace_repeat: Some(list_inplace_repeat),
    ..PySequenceMethods::EMPTY
};

static mut LIST_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(list_length),
    mp_subscript: Some(list_subscript),
    mp_ass_subscript: Some(list_ass_subscript),
};

macro_rules! mdef {
    ($name:literal, $f:expr, $flags:expr, $doc:literal) => {
        PyMethodDef { ml_name: $name.as_ptr(), ml_meth: $f as *mut c_void, ml_flags: $flags, ml_doc: $doc.as_ptr() }
    };
}

static mut LIST_METHODS: [PyMethodDef; 14] = [
    mdef!(c"__reversed__", list_reversed, METH_NOARGS, c"Return a reverse iterator over the list."),
    mdef!(c"__sizeof__", list_sizeof, METH_NOARGS, c"Return the size of the list in memory, in bytes."),
    mdef!(c"clear", list_clear_method, METH_NOARGS, c"Remove all items from list."),
    mdef!(c"copy", list_copy, METH_NOARGS, c"Return a shallow copy of the list."),
    mdef!(c"append", list_append_method, METH_O, c"Append object to the end of the list."),
    mdef!(c"insert", list_insert, METH_FASTCALL, c"Insert object before index."),
    mdef!(c"extend", list_extend_method, METH_O, c"Extend list by appending elements from the iterable."),
    mdef!(c"pop", list_pop, METH_FASTCALL, c"Remove and return item at index (default last).\n\nRaises IndexError if list is empty or index is out of range."),
    mdef!(c"remove", list_remove, METH_O, c"Remove first occurrence of value.\n\nRaises ValueError if the value is not present."),
    mdef!(c"index", list_index, METH_FASTCALL, c"Return first index of value.\n\nRaises ValueError if the value is not present."),
    mdef!(c"count", list_count, METH_O, c"Return number of occurrences of value."),
    mdef!(c"reverse", list_reverse_method, METH_NOARGS, c"Reverse *IN PLACE*."),
    mdef!(c"sort", list_sort_method, METH_VARARGS | METH_KEYWORDS, c"Sort the list in ascending order and return None.\n\nThe sort is in-place (i.e. the list itself is modified) and stable (i.e. the\norder of two equal elements is maintained).\n\nIf a key function is given, apply it once to each list item and sort them,\nascending or descending, according to their function values.\n\nThe reverse flag can be set to sort in descending order."),
    PyMethodDef::SENTINEL,
];

#[inline(always)]
pub unsafe fn is_list(op: *mut PyObject) -> bool {
    unsafe { type_has_flag((*op).ob_type, Py_TPFLAGS_LIST_SUBCLASS) }
}
#[inline(always)]
unsafe fn lst(op: *mut PyObject) -> *mut PyListObject {
    op as *mut PyListObject
}
#[inline(always)]
pub unsafe fn get_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    unsafe { *(*lst(op)).ob_item.offset(i) }
}
pub unsafe fn as_slice<'a>(op: *mut PyObject) -> &'a [*mut PyObject] {
    unsafe {
        if (*lst(op)).ob_item.is_null() {
            return &[];
        }
        core::slice::from_raw_parts((*lst(op)).ob_item, Py_SIZE(op) as usize)
    }
}

/// `PyList_New`: `n` null slots.
/// Dead exact lists (header only: `ob_item` null, size and allocated 0) kept
/// for reuse, as CPython keeps 80; emptied at finalisation by `clear_free_list`.
static FREE_LIST: FreeList<80> = FreeList::new();

/// Release the lists kept for reuse (finalisation).
pub unsafe fn clear_free_list() {
    unsafe { FREE_LIST.drain(|op| super::typeobject::free_instance(op)) }
}

/// Inlined: the free-list path of an empty list is PyList_New(0)'s whole body.
#[inline(always)]
pub fn new_list(n: Py_ssize_t) -> PyResult<Owned> {
    if n == 0 {
        unsafe {
            let op = FREE_LIST.pop();
            if !op.is_null() {
                new_reference(op);
                return Ok(Owned::from_raw_nonnull(op));
            }
        }
    }
    new_list_slow(n)
}

#[inline(never)]
fn new_list_slow(n: Py_ssize_t) -> PyResult<Owned> {
    if n < 0 {
        return Err(errors::bad_internal_call());
    }
    unsafe {
        let op = FREE_LIST.pop();
        let l = if op.is_null() {
            super::typeobject::generic_alloc(&raw mut PyList_Type, 0)?
        } else {
            new_reference(op);
            Owned::from_raw_nonnull(op)
        };
        if n > 0 {
            let bytes = (n as usize).checked_mul(size_of::<*mut PyObject>()).ok_or_else(errors::no_memory)?;
            let items = obmalloc::mem_calloc(1, bytes) as *mut *mut PyObject;
            if items.is_null() {
                return Err(errors::no_memory());
            }
            (*lst(l.as_ptr())).ob_item = items;
        }
        Py_SET_SIZE(l.as_ptr(), n);
        (*lst(l.as_ptr())).allocated = n;
        Ok(l)
    }
}

pub fn from_slice(objs: &[*mut PyObject]) -> PyResult<Owned> {
    let l = new_list(objs.len() as Py_ssize_t)?;
    unsafe {
        for (i, &o) in objs.iter().enumerate() {
            incref(o);
            *(*lst(l.as_ptr())).ob_item.add(i) = o;
        }
    }
    Ok(l)
}

pub fn from_owned(objs: Vec<Owned>) -> PyResult<Owned> {
    let l = new_list(objs.len() as Py_ssize_t)?;
    unsafe {
        for (i, o) in objs.into_iter().enumerate() {
            *(*lst(l.as_ptr())).ob_item.add(i) = o.into_raw();
        }
    }
    Ok(l)
}

/// Make room for `newsize` items with CPython's over-allocation rule.
pub unsafe fn resize(op: *mut PyObject, newsize: Py_ssize_t) -> PyResult<()> {
    unsafe {
        let l = lst(op);
        let allocated = (*l).allocated;
        if allocated >= newsize && newsize >= (allocated >> 1) {
            Py_SET_SIZE(op, newsize);
            return Ok(());
        }
        let mut new_alloc = (newsize as usize + (newsize as usize >> 3) + 6) & !3usize;
        if newsize - Py_SIZE(op) > new_alloc as Py_ssize_t - newsize {
            new_alloc = (newsize as usize + 3) & !3usize;
        }
        if newsize == 0 {
            new_alloc = 0;
        }
        let bytes = new_alloc.checked_mul(size_of::<*mut PyObject>()).ok_or_else(errors::no_memory)?;
        let old = (*l).ob_item as *mut c_void;
        // First growth of an empty list (the common append case): a plain
        // malloc takes the allocator's inlined fast path.
        let items = if old.is_null() && bytes != 0 {
            obmalloc::mem_malloc(bytes)
        } else {
            obmalloc::mem_realloc(old, bytes)
        } as *mut *mut PyObject;
        if items.is_null() && bytes != 0 {
            return Err(errors::no_memory());
        }
        (*l).ob_item = items;
        Py_SET_SIZE(op, newsize);
        (*l).allocated = new_alloc as Py_ssize_t;
        Ok(())
    }
}

/// `PyList_Append` (borrowed item).
#[inline(always)]
pub unsafe fn append(op: *mut PyObject, item: *mut PyObject) -> PyResult<()> {
    unsafe {
        let n = Py_SIZE(op);
        if n < (*lst(op)).allocated {
            // Room left: resize's first case, inline.
            Py_SET_SIZE(op, n + 1);
        } else {
            resize(op, n + 1)?;
        }
        incref(item);
        *(*lst(op)).ob_item.offset(n) = item;
        Ok(())
    }
}

unsafe extern "C" fn list_dealloc(op: *mut PyObject) {
    unsafe {
        // Only exact instances are deferred: a subclass's dealloc continues
        // after this returns (and may release the type).
        if (*op).ob_type == &raw mut PyList_Type {
            sequtil::trashcan(op, list_dealloc_body)
        } else {
            list_dealloc_body(op)
        }
    }
}

unsafe fn list_dealloc_body(op: *mut PyObject) {
    unsafe {
        let l = lst(op);
        let items = (*l).ob_item;
        if !items.is_null() {
            let n = Py_SIZE(op);
            (*l).ob_item = core::ptr::null_mut();
            Py_SET_SIZE(op, 0);
            for i in (0..n).rev() {
                xdecref(*items.offset(i));
            }
            obmalloc::mem_free(items as *mut c_void);
        }
        if (*op).ob_type == &raw mut PyList_Type {
            (*l).allocated = 0;
            if FREE_LIST.push(op) {
                return;
            }
        }
        super::typeobject::free_instance(op);
    }
}

unsafe extern "C" fn list_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
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

unsafe extern "C" fn list_clear(op: *mut PyObject) -> c_int {
    unsafe { clear_list(op) };
    0
}

/// `_list_clear`: empty the list (items decref'd last to first, after the
/// list is already empty).
pub unsafe fn clear_list(op: *mut PyObject) {
    unsafe {
        let l = lst(op);
        let items = (*l).ob_item;
        if !items.is_null() {
            let n = Py_SIZE(op);
            (*l).ob_item = core::ptr::null_mut();
            Py_SET_SIZE(op, 0);
            (*l).allocated = 0;
            for i in (0..n).rev() {
                xdecref(*items.offset(i));
            }
            obmalloc::mem_free(items as *mut c_void);
        }
    }
}

unsafe extern "C" fn list_length(op: *mut PyObject) -> Py_ssize_t {
    unsafe { Py_SIZE(op) }
}

unsafe extern "C" fn list_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        if i < 0 || i >= Py_SIZE(op) {
            return Err(errors::index_error("list index out of range"));
        }
        Ok(Owned::from_borrowed(get_item(op, i)))
    })
}

unsafe extern "C" fn list_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if Py_SIZE(op) == 0 {
            return super::unicodeobject::from_str("[]");
        }
        let _g = match super::abstract_::ReprGuard::enter(op)? {
            Some(g) => g,
            None => return super::unicodeobject::from_str("[...]"),
        };
        let mut s = String::from("[");
        let mut i = 0;
        // The list may change size while item reprs run Python code: re-check each time.
        while i < Py_SIZE(op) {
            if i > 0 {
                s.push_str(", ");
            }
            let p = get_item(op, i);
            if p.is_null() {
                // A slot of PyList_New not yet filled (CPython prints the same).
                s.push_str("<NULL>");
            } else {
                let item = Owned::from_borrowed(p);
                s.push_str(&super::abstract_::repr_string_checked(item.as_ptr())?);
            }
            i += 1;
        }
        s.push(']');
        super::unicodeobject::from_str(&s)
    })
}

unsafe extern "C" fn list_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !is_list(a) || !is_list(b) {
            return Ok(super::noneobject::not_implemented());
        }
        // Snapshot with owned references: comparisons may mutate the lists.
        let va: Vec<Owned> = as_slice(a).iter().map(|&p| Owned::from_borrowed(p)).collect();
        let vb: Vec<Owned> = as_slice(b).iter().map(|&p| Owned::from_borrowed(p)).collect();
        let pa: Vec<*mut PyObject> = va.iter().map(|o| o.as_ptr()).collect();
        let pb: Vec<*mut PyObject> = vb.iter().map(|o| o.as_ptr()).collect();
        super::abstract_::sequence_richcompare(&pa, &pb, op)
    })
}

#[inline(always)]
unsafe fn items_ptr(op: *mut PyObject) -> *mut *mut PyObject {
    unsafe { (*lst(op)).ob_item }
}

/// The items of a list or tuple, or of any iterable (`PySequence_Fast`), as
/// owned handles; `msg` replaces the TypeError of a non-iterable.
pub unsafe fn sequence_fast(v: *mut PyObject, msg: &str) -> PyResult<Vec<Owned>> {
    unsafe {
        if is_list(v) {
            return Ok(sequtil::owned_vec(as_slice(v)));
        }
        if super::tupleobject::is_tuple(v) {
            return Ok(sequtil::owned_vec(super::tupleobject::as_slice(v)));
        }
        let it = match super::abstract_::get_iter(v) {
            Ok(it) => it,
            Err(e) => {
                if errors::exception_matches(super::exceptions::PyExc_TypeError) {
                    errors::clear();
                    return Err(errors::type_error(msg));
                }
                return Err(e);
            }
        };
        let mut out = Vec::new();
        while let Some(x) = super::abstract_::iter_next(it.as_ptr())? {
            out.push(x);
        }
        Ok(out)
    }
}

/// `list[lo:hi]` with clamping (`PyList_GetSlice`).
pub unsafe fn get_slice(op: *mut PyObject, mut lo: Py_ssize_t, mut hi: Py_ssize_t) -> PyResult<Owned> {
    unsafe {
        let n = Py_SIZE(op);
        if lo < 0 {
            lo = 0;
        } else if lo > n {
            lo = n;
        }
        if hi < lo {
            hi = lo;
        } else if hi > n {
            hi = n;
        }
        from_slice(&as_slice(op)[lo as usize..hi as usize])
    }
}

/// `list_ass_slice`: replace `a[lo:hi]` by the items `v` (None deletes).
pub unsafe fn ass_slice_items(a: *mut PyObject, mut lo: Py_ssize_t, mut hi: Py_ssize_t, v: &[Owned]) -> PyResult<()> {
    unsafe {
        let size = Py_SIZE(a);
        if lo < 0 {
            lo = 0;
        } else if lo > size {
            lo = size;
        }
        if hi < lo {
            hi = lo;
        } else if hi > size {
            hi = size;
        }
        let n = v.len() as Py_ssize_t;
        let norig = hi - lo;
        let d = n - norig;
        if size + d == 0 {
            clear_list(a);
            return Ok(());
        }
        let recycle: Vec<*mut PyObject> = as_slice(a)[lo as usize..hi as usize].to_vec();
        if d < 0 {
            let item = items_ptr(a);
            core::ptr::copy(item.offset(hi), item.offset(hi + d), (size - hi) as usize);
            resize(a, size + d)?;
        } else if d > 0 {
            resize(a, size + d)?;
            let item = items_ptr(a);
            core::ptr::copy(item.offset(hi), item.offset(hi + d), (size - hi) as usize);
        }
        let item = items_ptr(a);
        for (k, w) in v.iter().enumerate() {
            *item.offset(lo + k as Py_ssize_t) = new_ref(w.as_ptr());
        }
        for &r in recycle.iter().rev() {
            xdecref(r);
        }
        Ok(())
    }
}

/// `PyList_SetSlice`: `v` null deletes; otherwise any iterable.
pub unsafe fn ass_slice(a: *mut PyObject, lo: Py_ssize_t, hi: Py_ssize_t, v: *mut PyObject) -> PyResult<()> {
    unsafe {
        let items = if v.is_null() { Vec::new() } else { sequence_fast(v, "can only assign an iterable")? };
        ass_slice_items(a, lo, hi, &items)
    }
}

/// `PyList_Insert` (borrowed item), index clamped as CPython's `ins1`.
pub unsafe fn insert(op: *mut PyObject, mut where_: Py_ssize_t, v: *mut PyObject) -> PyResult<()> {
    unsafe {
        let n = Py_SIZE(op);
        resize(op, n + 1)?;
        if where_ < 0 {
            where_ += n;
            if where_ < 0 {
                where_ = 0;
            }
        }
        if where_ > n {
            where_ = n;
        }
        let item = items_ptr(op);
        core::ptr::copy(item.offset(where_), item.offset(where_ + 1), (n - where_) as usize);
        *item.offset(where_) = new_ref(v);
        Ok(())
    }
}

/// `list.extend(iterable)`.
pub unsafe fn extend(op: *mut PyObject, iterable: *mut PyObject) -> PyResult<()> {
    unsafe {
        let exact = (*iterable).ob_type == &raw mut PyList_Type || super::tupleobject::is_tuple_exact(iterable) || iterable == op;
        if exact {
            let src = if is_list(iterable) { sequtil::owned_vec(as_slice(iterable)) } else { sequtil::owned_vec(super::tupleobject::as_slice(iterable)) };
            if src.is_empty() {
                return Ok(());
            }
            let m = Py_SIZE(op);
            if items_ptr(op).is_null() {
                preallocate_exact(op, src.len() as Py_ssize_t)?;
                Py_SET_SIZE(op, src.len() as Py_ssize_t);
            } else {
                resize(op, m + src.len() as Py_ssize_t)?;
            }
            let item = items_ptr(op);
            for (i, x) in src.into_iter().enumerate() {
                *item.offset(m + i as Py_ssize_t) = x.into_raw();
            }
            return Ok(());
        }
        let it = super::abstract_::get_iter(iterable)?;
        // Guess the final size, make room, and cut back at the end (CPython's
        // growth pattern, so `__sizeof__` agrees).
        let n = sequtil::length_hint(iterable, 8)?;
        let m = Py_SIZE(op);
        if items_ptr(op).is_null() {
            if n > 0 {
                preallocate_exact(op, n)?;
            }
        } else if m <= isize::MAX - n {
            resize(op, m + n)?;
            Py_SET_SIZE(op, m);
        }
        while let Some(x) = super::abstract_::iter_next(it.as_ptr())? {
            let size = Py_SIZE(op);
            if size < (*lst(op)).allocated {
                *items_ptr(op).offset(size) = x.into_raw();
                Py_SET_SIZE(op, size + 1);
            } else {
                append(op, x.as_ptr())?;
            }
        }
        if Py_SIZE(op) < (*lst(op)).allocated {
            resize(op, Py_SIZE(op))?;
        }
        Ok(())
    }
}

/// `list_preallocate_exact`: room for `n` items (rounded up to even, as
/// CPython does: the allocator's 16-byte granularity makes it free) in a list
/// that has no item array yet.
unsafe fn preallocate_exact(op: *mut PyObject, n: Py_ssize_t) -> PyResult<()> {
    unsafe {
        let n = (n + 1) & !1;
        let bytes = (n as usize).checked_mul(size_of::<*mut PyObject>()).ok_or_else(errors::no_memory)?;
        let items = obmalloc::mem_malloc(bytes) as *mut *mut PyObject;
        if items.is_null() {
            return Err(errors::no_memory());
        }
        (*lst(op)).ob_item = items;
        (*lst(op)).allocated = n;
        Ok(())
    }
}

/// `PyList_Reverse`'s body.
pub unsafe fn reverse(op: *mut PyObject) {
    unsafe {
        let n = Py_SIZE(op);
        if n > 1 {
            core::slice::from_raw_parts_mut(items_ptr(op), n as usize).reverse();
        }
    }
}

/// `PyList_AsTuple`.
pub unsafe fn as_tuple(op: *mut PyObject) -> PyResult<Owned> {
    unsafe { super::tupleobject::pack(as_slice(op)) }
}

// ---- sorting ----

/// Stable merge sort of `perm` (indices into `keys`) by `lt`; after the first
/// error no more comparisons run and the order is left as it stands.
struct Sorter<'a> {
    keys: &'a [*mut PyObject],
    err: Option<errors::Raised>,
}

impl Sorter<'_> {
    unsafe fn lt(&mut self, a: usize, b: usize) -> bool {
        if self.err.is_some() {
            return false;
        }
        match unsafe { super::abstract_::rich_compare_bool(self.keys[a], self.keys[b], Py_LT) } {
            Ok(r) => r,
            Err(e) => {
                self.err = Some(e);
                false
            }
        }
    }
    unsafe fn sort(&mut self, v: &mut [usize], tmp: &mut Vec<usize>) {
        unsafe {
            let n = v.len();
            if n <= 12 {
                // Binary insertion sort.
                for i in 1..n {
                    let x = v[i];
                    let (mut lo, mut hi) = (0, i);
                    while lo < hi {
                        let mid = (lo + hi) / 2;
                        if self.lt(x, v[mid]) {
                            hi = mid;
                        } else {
                            lo = mid + 1;
                        }
                    }
                    v.copy_within(lo..i, lo + 1);
                    v[lo] = x;
                }
                return;
            }
            let mid = n / 2;
            self.sort(&mut v[..mid], tmp);
            self.sort(&mut v[mid..], tmp);
            if !self.lt(v[mid], v[mid - 1]) {
                return; // already in order
            }
            tmp.clear();
            tmp.extend_from_slice(&v[..mid]);
            let (mut i, mut j, mut k) = (0, mid, 0);
            while i < tmp.len() && j < n {
                if self.lt(v[j], tmp[i]) {
                    v[k] = v[j];
                    j += 1;
                } else {
                    v[k] = tmp[i];
                    i += 1;
                }
                k += 1;
            }
            while i < tmp.len() {
                v[k] = tmp[i];
                i += 1;
                k += 1;
            }
        }
    }
}

/// `list.sort(key=key, reverse=reverse)`.
pub unsafe fn sort(op: *mut PyObject, key: *mut PyObject, reverse_: bool) -> PyResult<()> {
    unsafe {
        let l = lst(op);
        let saved_size = Py_SIZE(op);
        let saved_items = (*l).ob_item;
        let saved_alloc = (*l).allocated;
        // Empty the list while sorting: Python code that touches it is detected.
        Py_SET_SIZE(op, 0);
        (*l).ob_item = core::ptr::null_mut();
        (*l).allocated = -1;
        let items: &mut [*mut PyObject] = if saved_items.is_null() {
            &mut []
        } else {
            core::slice::from_raw_parts_mut(saved_items, saved_size as usize)
        };
        let mut result: PyResult<()> = Ok(());
        let mut keys_owned: Vec<Owned> = Vec::new();
        if !key.is_null() && key != super::noneobject::none_ptr() {
            for &x in items.iter() {
                match super::abstract_::call_function(key, &[x]) {
                    Ok(k) => keys_owned.push(k),
                    Err(e) => {
                        result = Err(e);
                        break;
                    }
                }
            }
        }
        if result.is_ok() && items.len() > 1 {
            let keyed = !keys_owned.is_empty();
            let mut perm: Vec<usize> = (0..items.len()).collect();
            if reverse_ {
                perm.reverse();
            }
            let keys: Vec<*mut PyObject> = if keyed { keys_owned.iter().map(|k| k.as_ptr()).collect() } else { items.to_vec() };
            let mut sorter = Sorter { keys: &keys, err: None };
            let mut tmp = Vec::with_capacity(items.len() / 2 + 1);
            sorter.sort(&mut perm, &mut tmp);
            if reverse_ {
                perm.reverse();
            }
            let old: Vec<*mut PyObject> = items.to_vec();
            for (i, &p) in perm.iter().enumerate() {
                items[i] = old[p];
            }
            if let Some(e) = sorter.err {
                result = Err(e);
            }
        }
        drop(keys_owned);
        if result.is_ok() && (*l).allocated != -1 {
            result = Err(errors::value_error("list modified during sort"));
        }
        // Put the sorted items back; drop whatever was added meanwhile.
        let final_items = (*l).ob_item;
        let final_size = Py_SIZE(op);
        Py_SET_SIZE(op, saved_size);
        (*l).ob_item = saved_items;
        (*l).allocated = saved_alloc;
        if !final_items.is_null() {
            for i in (0..final_size).rev() {
                xdecref(*final_items.offset(i));
            }
            obmalloc::mem_free(final_items as *mut c_void);
        }
        result
    }
}

// ---- slots ----

unsafe extern "C" fn list_init(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        let tp = (*op).ob_type;
        if tp == &raw mut PyList_Type || (*tp).tp_new.map(|f| f as usize) == PyList_Type.tp_new.map(|f| f as usize) {
            sequtil::no_keywords("list", kw)?;
        }
        let a = sequtil::tuple_args(args);
        sequtil::check_positional("list", a.len(), 0, 1)?;
        if !items_ptr(op).is_null() {
            clear_list(op);
        }
        if let Some(&it) = a.first() {
            let tp = (*it).ob_type;
            let has_len = (!(*tp).tp_as_sequence.is_null() && (*(*tp).tp_as_sequence).sq_length.is_some())
                || (!(*tp).tp_as_mapping.is_null() && (*(*tp).tp_as_mapping).mp_length.is_some());
            if has_len {
                let n = match super::abstract_::length(it) {
                    Ok(n) => n,
                    Err(e) => {
                        if !errors::exception_matches(super::exceptions::PyExc_TypeError) {
                            return Err(e);
                        }
                        errors::clear();
                        0
                    }
                };
                if n > 0 && items_ptr(op).is_null() {
                    preallocate_exact(op, n)?;
                }
            }
            extend(op, it)?;
        }
        Ok(())
    })
}

unsafe extern "C" fn list_concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !is_list(b) {
            return Err(errors::type_error(format!(
                "can only concatenate list (not \"{}\") to list",
                super::typeobject::type_name_str((*b).ob_type)
            )));
        }
        let mut v: Vec<*mut PyObject> = as_slice(a).to_vec();
        v.extend_from_slice(as_slice(b));
        from_slice(&v)
    })
}

unsafe fn repeat_items(src: &[*mut PyObject], n: Py_ssize_t) -> PyResult<Vec<*mut PyObject>> {
    let size = src.len() as Py_ssize_t;
    if n <= 0 || size == 0 {
        return Ok(Vec::new());
    }
    if size > isize::MAX / 8 / n {
        return Err(errors::no_memory());
    }
    let mut v = Vec::with_capacity((size * n) as usize);
    for _ in 0..n {
        v.extend_from_slice(src);
    }
    Ok(v)
}

unsafe extern "C" fn list_repeat(a: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        let v = repeat_items(as_slice(a), n)?;
        from_slice(&v)
    })
}

unsafe extern "C" fn list_inplace_concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        extend(a, b)?;
        Ok(Owned::from_borrowed(a))
    })
}

unsafe extern "C" fn list_inplace_repeat(a: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        let size = Py_SIZE(a);
        if n < 1 || size == 0 {
            clear_list(a);
            return Ok(Owned::from_borrowed(a));
        }
        if n == 1 {
            return Ok(Owned::from_borrowed(a));
        }
        if size > isize::MAX / 8 / n {
            return Err(errors::no_memory());
        }
        resize(a, size * n)?;
        let item = items_ptr(a);
        for j in size..size * n {
            *item.offset(j) = new_ref(*item.offset(j % size));
        }
        Ok(Owned::from_borrowed(a))
    })
}

unsafe extern "C" fn list_contains(a: *mut PyObject, el: *mut PyObject) -> c_int {
    guard(|| unsafe {
        let mut i = 0;
        while i < Py_SIZE(a) {
            let item = Owned::from_borrowed(get_item(a, i));
            if super::abstract_::rich_compare_bool(item.as_ptr(), el, Py_EQ)? {
                return Ok(1);
            }
            i += 1;
        }
        Ok(0)
    })
}

unsafe extern "C" fn list_ass_item(a: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        if i < 0 || i >= Py_SIZE(a) {
            return Err(errors::index_error("list assignment index out of range"));
        }
        if v.is_null() {
            return ass_slice_items(a, i, i + 1, &[]);
        }
        setref(items_ptr(a).offset(i), new_ref(v));
        Ok(())
    })
}

unsafe extern "C" fn list_subscript(a: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if super::longobject::is_index(key) {
            let mut i = sequtil::item_index(key)?;
            if i < 0 {
                i += Py_SIZE(a);
            }
            return Owned::from_raw(list_item(a, i));
        }
        if sequtil::is_slice(key) {
            let (start, stop, step, n) = sequtil::slice_indices(key, Py_SIZE(a))?;
            if step == 1 {
                return get_slice(a, start, stop);
            }
            let src = as_slice(a);
            let v: Vec<*mut PyObject> = (0..n.max(0)).map(|k| src[(start + k * step) as usize]).collect();
            return from_slice(&v);
        }
        Err(errors::type_error(format!(
            "list indices must be integers or slices, not {}",
            super::typeobject::type_name_str((*key).ob_type)
        )))
    })
}

unsafe extern "C" fn list_ass_subscript(a: *mut PyObject, key: *mut PyObject, v: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        if super::longobject::is_index(key) {
            let mut i = sequtil::item_index(key)?;
            if i < 0 {
                i += Py_SIZE(a);
            }
            return if list_ass_item(a, i, v) < 0 { Err(errors::Raised::assume()) } else { Ok(()) };
        }
        if !sequtil::is_slice(key) {
            return Err(errors::type_error(format!(
                "list indices must be integers or slices, not {}",
                super::typeobject::type_name_str((*key).ob_type)
            )));
        }
        let (mut start, stop, mut step, n) = sequtil::slice_indices(key, Py_SIZE(a))?;
        if v.is_null() {
            if step == 1 {
                return ass_slice_items(a, start, stop, &[]);
            }
            if n <= 0 {
                return Ok(());
            }
            if step < 0 {
                start += step * (n - 1);
                step = -step;
            }
            // Compact the survivors; collect the removed items to drop last.
            let size = Py_SIZE(a);
            let item = items_ptr(a);
            let mut garbage = Vec::with_capacity(n as usize);
            let mut w = start;
            let mut next_del = start;
            let mut deleted = 0;
            for r in start..size {
                if deleted < n && r == next_del {
                    garbage.push(*item.offset(r));
                    deleted += 1;
                    next_del += step;
                } else {
                    *item.offset(w) = *item.offset(r);
                    w += 1;
                }
            }
            resize(a, size - n)?;
            for g in garbage {
                decref(g);
            }
            return Ok(());
        }
        if step == 1 {
            return ass_slice(a, start, stop, v);
        }
        let seq = sequence_fast(v, "must assign iterable to extended slice")?;
        // The sizes may have changed while the iterable ran: recompute.
        let (start, _stop, step, n) = sequtil::slice_indices(key, Py_SIZE(a))?;
        if seq.len() as Py_ssize_t != n {
            return Err(errors::value_error(format!(
                "attempt to assign sequence of size {} to extended slice of size {}",
                seq.len(),
                n
            )));
        }
        if n == 0 {
            return Ok(());
        }
        let item = items_ptr(a);
        let mut garbage = Vec::with_capacity(n as usize);
        for (k, x) in seq.iter().enumerate() {
            let slot = item.offset(start + k as Py_ssize_t * step);
            garbage.push(*slot);
            *slot = new_ref(x.as_ptr());
        }
        for g in garbage {
            decref(g);
        }
        Ok(())
    })
}

// ---- methods ----

unsafe extern "C" fn list_reversed(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let it = super::typeobject::generic_alloc(&raw mut PyListRevIter_Type, 0)?;
        let p = it.as_ptr() as *mut ListIterObject;
        (*p).it_seq = new_ref(op);
        (*p).it_index = Py_SIZE(op) - 1;
        Ok(it)
    })
}

unsafe extern "C" fn list_sizeof(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let n = (*(*op).ob_type).tp_basicsize + (*lst(op)).allocated.max(0) * size_of::<*mut PyObject>() as Py_ssize_t;
        super::longobject::from_isize(n)
    })
}

unsafe extern "C" fn list_clear_method(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    unsafe {
        clear_list(op);
        super::noneobject::new_none()
    }
}

unsafe extern "C" fn list_copy(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { from_slice(as_slice(op)) })
}

unsafe extern "C" fn list_append_method(op: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        append(op, v)?;
        Ok(super::noneobject::none())
    })
}

unsafe extern "C" fn list_insert(op: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        let args = sequtil::fast_args(args, nargs);
        sequtil::check_positional("insert", args.len(), 2, 2)?;
        let i = super::abstract_number::index(args[0])?;
        let i = super::longobject::as_ssize_index(i.as_ptr(), None)?;
        insert(op, i, args[1])?;
        Ok(super::noneobject::none())
    })
}

unsafe extern "C" fn list_extend_method(op: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        extend(op, v)?;
        Ok(super::noneobject::none())
    })
}

unsafe extern "C" fn list_pop(op: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        let args = sequtil::fast_args(args, nargs);
        sequtil::check_positional("pop", args.len(), 0, 1)?;
        let mut i: Py_ssize_t = -1;
        if let Some(&a) = args.first() {
            let ix = super::abstract_number::index(a)?;
            i = super::longobject::as_ssize_index(ix.as_ptr(), Some(super::exceptions::PyExc_OverflowError))?;
        }
        let n = Py_SIZE(op);
        if n == 0 {
            return Err(errors::index_error("pop from empty list"));
        }
        if i < 0 {
            i += n;
        }
        if i < 0 || i >= n {
            return Err(errors::index_error("pop index out of range"));
        }
        let v = Owned::from_borrowed(get_item(op, i));
        if i == n - 1 {
            // Drop the list's reference after shrinking.
            resize(op, n - 1)?;
            decref(v.as_ptr());
            return Ok(v);
        }
        ass_slice_items(op, i, i + 1, &[])?;
        Ok(v)
    })
}

unsafe extern "C" fn list_remove(op: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let mut i = 0;
        while i < Py_SIZE(op) {
            let item = Owned::from_borrowed(get_item(op, i));
            if super::abstract_::rich_compare_bool(item.as_ptr(), v, Py_EQ)? {
                ass_slice_items(op, i, i + 1, &[])?;
                return Ok(super::noneobject::none());
            }
            i += 1;
        }
        Err(errors::value_error("list.remove(x): x not in list"))
    })
}

unsafe extern "C" fn list_index(op: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        let args = sequtil::fast_args(args, nargs);
        sequtil::check_positional("index", args.len(), 1, 3)?;
        let (start, stop) = sequtil::index_range(args, Py_SIZE(op))?;
        let mut i = start;
        while i < stop && i < Py_SIZE(op) {
            let item = Owned::from_borrowed(get_item(op, i));
            if super::abstract_::rich_compare_bool(item.as_ptr(), args[0], Py_EQ)? {
                return super::longobject::from_isize(i);
            }
            i += 1;
        }
        Err(crate::raise!(PyExc_ValueError, "{} is not in list", super::abstract_::repr_string_checked(args[0])?))
    })
}

unsafe extern "C" fn list_count(op: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let mut count = 0;
        let mut i = 0;
        while i < Py_SIZE(op) {
            let item = Owned::from_borrowed(get_item(op, i));
            if super::abstract_::rich_compare_bool(item.as_ptr(), v, Py_EQ)? {
                count += 1;
            }
            i += 1;
        }
        super::longobject::from_isize(count)
    })
}

unsafe extern "C" fn list_reverse_method(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    unsafe {
        reverse(op);
        super::noneobject::new_none()
    }
}

unsafe extern "C" fn list_sort_method(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !sequtil::tuple_args(args).is_empty() {
            return Err(errors::type_error("sort() takes no positional arguments"));
        }
        let mut key = core::ptr::null_mut();
        let mut rev = false;
        if !kw.is_null() {
            for (k, v) in super::dictobject::items_owned(kw) {
                if super::unicodeobject::is_str(k.as_ptr()) && super::unicodeobject::eq_str(k.as_ptr(), "key") {
                    key = v.as_ptr();
                } else if super::unicodeobject::is_str(k.as_ptr()) && super::unicodeobject::eq_str(k.as_ptr(), "reverse") {
                    let i = super::abstract_number::index(v.as_ptr())?;
                    rev = super::longobject::as_ssize_index(i.as_ptr(), None)? != 0;
                } else {
                    return Err(errors::type_error(format!(
                        "'{}' is an invalid keyword argument for sort()",
                        super::abstract_::str_string(k.as_ptr())
                    )));
                }
            }
        }
        // `key` is kept alive by the kwargs dict for the duration of the call.
        sort(op, key, rev)?;
        Ok(super::noneobject::none())
    })
}

// ---- list_iterator and list_reverseiterator ----

#[repr(C)]
pub struct ListIterObject {
    pub ob_base: PyObject,
    pub it_index: Py_ssize_t,
    pub it_seq: *mut PyObject,
}

#[no_mangle]
pub static mut PyListIter_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    tp_dealloc: Some(listiter_dealloc),
    tp_traverse: Some(listiter_traverse),
    tp_clear: Some(listiter_clear),
    tp_iter: Some(crate::capi::object::PyObject_SelfIter),
    tp_iternext: Some(listiter_next),
    tp_methods: &raw mut LISTITER_METHODS as *mut PyMethodDef,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    ..PyTypeObject::new(c"list_iterator", size_of::<ListIterObject>(), 0)
};

#[no_mangle]
pub static mut PyListRevIter_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    tp_dealloc: Some(listiter_dealloc),
    tp_traverse: Some(listiter_traverse),
    tp_clear: Some(listiter_clear),
    tp_iter: Some(crate::capi::object::PyObject_SelfIter),
    tp_iternext: Some(listreviter_next),
    tp_methods: &raw mut LISTREVITER_METHODS as *mut PyMethodDef,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    ..PyTypeObject::new(c"list_reverseiterator", size_of::<ListIterObject>(), 0)
};

static mut LISTITER_METHODS: [PyMethodDef; 2] = [
    mdef!(c"__length_hint__", listiter_len, METH_NOARGS, c"Private method returning an estimate of len(list(it))."),
    PyMethodDef::SENTINEL,
];
static mut LISTREVITER_METHODS: [PyMethodDef; 2] = [
    mdef!(c"__length_hint__", listreviter_len, METH_NOARGS, c"Private method returning an estimate of len(list(it))."),
    PyMethodDef::SENTINEL,
];

unsafe extern "C" fn list_iter(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let it = super::typeobject::generic_alloc(&raw mut PyListIter_Type, 0)?;
        let p = it.as_ptr() as *mut ListIterObject;
        (*p).it_seq = new_ref(op);
        (*p).it_index = 0;
        Ok(it)
    })
}

unsafe extern "C" fn listiter_dealloc(op: *mut PyObject) {
    unsafe {
        clear(&mut (*(op as *mut ListIterObject)).it_seq);
        super::typeobject::free_instance(op);
    }
}
unsafe extern "C" fn listiter_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let s = (*(op as *mut ListIterObject)).it_seq;
        if s.is_null() { 0 } else { visit(s, arg) }
    }
}
unsafe extern "C" fn listiter_clear(op: *mut PyObject) -> c_int {
    unsafe { clear(&mut (*(op as *mut ListIterObject)).it_seq) };
    0
}
unsafe extern "C" fn listiter_next(op: *mut PyObject) -> *mut PyObject {
    unsafe {
        let p = op as *mut ListIterObject;
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
unsafe extern "C" fn listiter_len(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut ListIterObject;
        let n = if (*p).it_seq.is_null() { 0 } else { Py_SIZE((*p).it_seq) - (*p).it_index };
        super::longobject::from_isize(n.max(0))
    })
}
unsafe extern "C" fn listreviter_next(op: *mut PyObject) -> *mut PyObject {
    unsafe {
        let p = op as *mut ListIterObject;
        let seq = (*p).it_seq;
        if seq.is_null() {
            return core::ptr::null_mut();
        }
        let i = (*p).it_index;
        if i >= 0 && i < Py_SIZE(seq) {
            (*p).it_index -= 1;
            return new_ref(get_item(seq, i));
        }
        (*p).it_index = -1;
        clear(&mut (*p).it_seq);
        core::ptr::null_mut()
    }
}
unsafe extern "C" fn listreviter_len(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut ListIterObject;
        let mut n = (*p).it_index + 1;
        if (*p).it_seq.is_null() || Py_SIZE((*p).it_seq) < n {
            n = 0;
        }
        super::longobject::from_isize(n)
    })
}
