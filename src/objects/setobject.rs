//! `set` and `frozenset`: CPython's open-addressing table with linear probing runs.
//!
//! Design note. The table algorithm is CPython 3.11's, step for step, so that a
//! set prints its elements in the same order as CPython for the same
//! `PYTHONHASHSEED`: probe `LINEAR_PROBES` neighbours of slot `hash & mask`,
//! then jump with `i = (i*5 + 1 + perturb) & mask`, `perturb >>= PERTURB_SHIFT`;
//! a deleted slot holds the `dummy` pointer with hash -1 and is reused by
//! insertion; the table grows when `fill*5 >= mask*3` to hold
//! `used > 50000 ? used*2 : used*4`; tables of `PySet_MINSIZE` slots live
//! inline in `smalltable`. The bulk operations (merge, intersection,
//! difference, symmetric difference) also follow CPython's order of insertion,
//! since that order decides the printed order of their results.
//!
//! Invariants: `fill` counts active + dummy slots, `used` active ones; a lookup
//! that ran `__eq__` restarts if the table or the compared entry changed; a
//! frozenset's `hash` caches its hash (-1 = not computed).
//!
//! ```text
//! PySet_MINSIZE = 8, LINEAR_PROBES = 9, PERTURB_SHIFT = 5
//! ```
use super::object::*;
use super::pyref::*;
use super::sequtil;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard, guard_obj, guard_unit};
use crate::runtime::obmalloc;
use core::mem::size_of;
use core::ptr::null_mut;
use libc::{c_int, c_void};

pub const PySet_MINSIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;
const _: () = assert!(PySet_MINSIZE.is_power_of_two());

#[repr(C)]
#[derive(Clone, Copy)]
pub struct setentry {
    pub key: *mut PyObject,
    pub hash: Py_hash_t,
}

#[repr(C)]
pub struct PySetObject {
    pub ob_base: PyObject,
    pub fill: Py_ssize_t,
    pub used: Py_ssize_t,
    pub mask: Py_ssize_t,
    pub table: *mut setentry,
    pub hash: Py_hash_t,
    pub finger: Py_ssize_t,
    pub smalltable: [setentry; PySet_MINSIZE],
    pub weakreflist: *mut PyObject,
}

/// The marker of a deleted slot: an address no object has; never dereferenced.
static DUMMY_MARK: u8 = 0;
#[inline(always)]
fn dummy() -> *mut PyObject {
    &raw const DUMMY_MARK as *mut PyObject
}

macro_rules! mdef {
    ($name:literal, $f:expr, $flags:expr, $doc:literal) => {
        PyMethodDef { ml_name: $name.as_ptr(), ml_meth: $f as *mut c_void, ml_flags: $flags, ml_doc: $doc.as_ptr() }
    };
}

static mut SET_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(set_len),
    sq_contains: Some(set_contains_slot),
    ..PySequenceMethods::EMPTY
};
static mut SET_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_subtract: Some(set_sub),
    nb_and: Some(set_and),
    nb_xor: Some(set_xor),
    nb_or: Some(set_or),
    nb_inplace_subtract: Some(set_isub),
    nb_inplace_and: Some(set_iand),
    nb_inplace_xor: Some(set_ixor),
    nb_inplace_or: Some(set_ior),
    ..PyNumberMethods::EMPTY
};
static mut FROZENSET_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_subtract: Some(set_sub),
    nb_and: Some(set_and),
    nb_xor: Some(set_xor),
    nb_or: Some(set_or),
    ..PyNumberMethods::EMPTY
};

static mut SET_METHODS: [PyMethodDef; 20] = [
    mdef!(c"add", set_add_method, METH_O, c"Add an element to a set.\n\nThis has no effect if the element is already present."),
    mdef!(c"clear", set_clear_method, METH_NOARGS, c"Remove all elements from this set."),
    mdef!(c"__contains__", set_direct_contains, METH_O | METH_COEXIST, c"x.__contains__(y) <==> y in x."),
    mdef!(c"copy", set_copy_method, METH_NOARGS, c"Return a shallow copy of a set."),
    mdef!(c"discard", set_discard_method, METH_O, c"Remove an element from a set if it is a member.\n\nUnlike set.remove(), the discard() method does not raise\nan exception when an element is missing from the set."),
    mdef!(c"difference", set_difference_method, METH_VARARGS, c"Return the difference of two or more sets as a new set.\n\n(i.e. all elements that are in this set but not the others.)"),
    mdef!(c"difference_update", set_difference_update_method, METH_VARARGS, c"Remove all elements of another set from this set."),
    mdef!(c"intersection", set_intersection_method, METH_VARARGS, c"Return the intersection of two sets as a new set.\n\n(i.e. all elements that are in both sets.)"),
    mdef!(c"intersection_update", set_intersection_update_method, METH_VARARGS, c"Update a set with the intersection of itself and another."),
    mdef!(c"isdisjoint", set_isdisjoint_method, METH_O, c"Return True if two sets have a null intersection."),
    mdef!(c"issubset", set_issubset_method, METH_O, c"Report whether another set contains this set."),
    mdef!(c"issuperset", set_issuperset_method, METH_O, c"Report whether this set contains another set."),
    mdef!(c"pop", set_pop_method, METH_NOARGS, c"Remove and return an arbitrary set element.\nRaises KeyError if the set is empty."),
    mdef!(c"remove", set_remove_method, METH_O, c"Remove an element from a set; it must be a member.\n\nIf the element is not a member, raise a KeyError."),
    mdef!(c"__sizeof__", set_sizeof, METH_NOARGS, c"S.__sizeof__() -> size of S in memory, in bytes"),
    mdef!(c"symmetric_difference", set_symmetric_difference_method, METH_O, c"Return the symmetric difference of two sets as a new set.\n\n(i.e. all elements that are in exactly one of the sets.)"),
    mdef!(c"symmetric_difference_update", set_symmetric_difference_update_method, METH_O, c"Update a set with the symmetric difference of itself and another."),
    mdef!(c"union", set_union_method, METH_VARARGS, c"Return the union of sets as a new set.\n\n(i.e. all elements that are in either set.)"),
    mdef!(c"update", set_update_method, METH_VARARGS, c"Update a set with the union of itself and others."),
    PyMethodDef::SENTINEL,
];

static mut FROZENSET_METHODS: [PyMethodDef; 11] = [
    mdef!(c"__contains__", set_direct_contains, METH_O | METH_COEXIST, c"x.__contains__(y) <==> y in x."),
    mdef!(c"copy", frozenset_copy_method, METH_NOARGS, c"Return a shallow copy of a set."),
    mdef!(c"difference", set_difference_method, METH_VARARGS, c"Return the difference of two or more sets as a new set.\n\n(i.e. all elements that are in this set but not the others.)"),
    mdef!(c"intersection", set_intersection_method, METH_VARARGS, c"Return the intersection of two sets as a new set.\n\n(i.e. all elements that are in both sets.)"),
    mdef!(c"isdisjoint", set_isdisjoint_method, METH_O, c"Return True if two sets have a null intersection."),
    mdef!(c"issubset", set_issubset_method, METH_O, c"Report whether another set contains this set."),
    mdef!(c"issuperset", set_issuperset_method, METH_O, c"Report whether this set contains another set."),
    mdef!(c"__sizeof__", set_sizeof, METH_NOARGS, c"S.__sizeof__() -> size of S in memory, in bytes"),
    mdef!(c"symmetric_difference", set_symmetric_difference_method, METH_O, c"Return the symmetric difference of two sets as a new set.\n\n(i.e. all elements that are in exactly one of the sets.)"),
    mdef!(c"union", set_union_method, METH_VARARGS, c"Return the union of sets as a new set.\n\n(i.e. all elements that are in either set.)"),
    PyMethodDef::SENTINEL,
];

#[no_mangle]
pub static mut PySet_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_MATCH_SELF,
    tp_dealloc: Some(set_dealloc),
    tp_repr: Some(set_repr),
    tp_hash: Some(crate::capi::object::PyObject_HashNotImplemented),
    tp_traverse: Some(set_traverse),
    tp_clear: Some(set_tp_clear),
    tp_richcompare: Some(set_richcompare),
    tp_iter: Some(set_iter),
    tp_as_sequence: &raw mut SET_AS_SEQUENCE,
    tp_as_number: &raw mut SET_AS_NUMBER,
    tp_methods: &raw mut SET_METHODS as *mut PyMethodDef,
    tp_init: Some(set_init),
    tp_new: Some(set_new),
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    tp_doc: c"set() -> new empty set object\nset(iterable) -> new set object\n\nBuild an unordered collection of unique elements.".as_ptr(),
    ..PyTypeObject::new(c"set", size_of::<PySetObject>(), 0)
};

#[no_mangle]
pub static mut PyFrozenSet_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_MATCH_SELF,
    tp_dealloc: Some(set_dealloc),
    tp_repr: Some(set_repr),
    tp_hash: Some(frozenset_hash),
    tp_traverse: Some(set_traverse),
    tp_clear: Some(set_tp_clear),
    tp_richcompare: Some(set_richcompare),
    tp_iter: Some(set_iter),
    tp_as_sequence: &raw mut SET_AS_SEQUENCE,
    tp_as_number: &raw mut FROZENSET_AS_NUMBER,
    tp_methods: &raw mut FROZENSET_METHODS as *mut PyMethodDef,
    tp_new: Some(frozenset_new),
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    tp_doc: c"frozenset() -> empty frozenset object\nfrozenset(iterable) -> frozenset object\n\nBuild an immutable unordered collection of unique elements.".as_ptr(),
    ..PyTypeObject::new(c"frozenset", size_of::<PySetObject>(), 0)
};

// ---- type checks ----

#[inline(always)]
unsafe fn so(op: *mut PyObject) -> *mut PySetObject {
    op as *mut PySetObject
}
pub unsafe fn is_set_exact(op: *mut PyObject) -> bool {
    unsafe { (*op).ob_type == &raw mut PySet_Type }
}
pub unsafe fn is_frozenset_exact(op: *mut PyObject) -> bool {
    unsafe { (*op).ob_type == &raw mut PyFrozenSet_Type }
}
/// `PySet_Check`: set or a subclass.
pub unsafe fn is_set(op: *mut PyObject) -> bool {
    unsafe { is_set_exact(op) || super::typeobject::is_subtype((*op).ob_type, &raw mut PySet_Type) }
}
/// `PyFrozenSet_Check`.
pub unsafe fn is_frozenset(op: *mut PyObject) -> bool {
    unsafe { is_frozenset_exact(op) || super::typeobject::is_subtype((*op).ob_type, &raw mut PyFrozenSet_Type) }
}
/// `PyAnySet_Check`.
pub unsafe fn is_anyset(op: *mut PyObject) -> bool {
    unsafe { is_set(op) || is_frozenset(op) }
}
#[inline(always)]
pub unsafe fn len(op: *mut PyObject) -> Py_ssize_t {
    unsafe { (*so(op)).used }
}
#[inline(always)]
unsafe fn smalltable(op: *mut PyObject) -> *mut setentry {
    unsafe { (*so(op)).smalltable.as_mut_ptr() }
}

// ---- the table ----

/// Find the slot of `key`: an active entry, or the empty slot ending the probe
/// (its `key` is null). May run `__eq__`; restarts if the table changes.
unsafe fn lookkey(op: *mut PyObject, key: *mut PyObject, hash: Py_hash_t) -> PyResult<*mut setentry> {
    unsafe {
        'restart: loop {
            let s = so(op);
            let mut mask = (*s).mask as usize;
            let mut i = hash as usize & mask;
            let mut perturb = hash as usize;
            loop {
                let mut entry = (*s).table.add(i);
                let mut probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
                loop {
                    if (*entry).hash == 0 && (*entry).key.is_null() {
                        return Ok(entry);
                    }
                    if (*entry).hash == hash {
                        let startkey = (*entry).key;
                        if startkey == key {
                            return Ok(entry);
                        }
                        if super::unicodeobject::is_str_exact(startkey) && super::unicodeobject::is_str_exact(key) {
                            if super::unicodeobject::eq(startkey, key) {
                                return Ok(entry);
                            }
                        } else {
                            let table = (*s).table;
                            let sk = Owned::from_borrowed(startkey);
                            let cmp = super::abstract_::rich_compare_bool(sk.as_ptr(), key, Py_EQ)?;
                            drop(sk);
                            if table != (*s).table || (*entry).key != startkey {
                                continue 'restart;
                            }
                            if cmp {
                                return Ok(entry);
                            }
                            mask = (*s).mask as usize;
                        }
                    }
                    if probes == 0 {
                        break;
                    }
                    probes -= 1;
                    entry = entry.add(1);
                }
                perturb >>= PERTURB_SHIFT;
                i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
            }
        }
    }
}

enum Probe {
    Free(*mut setentry, bool),
    Active,
}

/// `set_add_entry`: insert a borrowed key with its hash.
pub unsafe fn add_entry(op: *mut PyObject, key: *mut PyObject, hash: Py_hash_t) -> PyResult<()> {
    unsafe {
        let key_owned = Owned::from_borrowed(key);
        let probe = 'restart: loop {
            let s = so(op);
            let mut mask = (*s).mask as usize;
            let mut i = hash as usize & mask;
            let mut freeslot: *mut setentry = null_mut();
            let mut perturb = hash as usize;
            loop {
                let mut entry = (*s).table.add(i);
                let mut probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
                loop {
                    if (*entry).hash == 0 && (*entry).key.is_null() {
                        break 'restart if freeslot.is_null() { Probe::Free(entry, true) } else { Probe::Free(freeslot, false) };
                    }
                    if (*entry).hash == hash {
                        let startkey = (*entry).key;
                        if startkey == key {
                            break 'restart Probe::Active;
                        }
                        if super::unicodeobject::is_str_exact(startkey) && super::unicodeobject::is_str_exact(key) {
                            if super::unicodeobject::eq(startkey, key) {
                                break 'restart Probe::Active;
                            }
                        } else {
                            let table = (*s).table;
                            let sk = Owned::from_borrowed(startkey);
                            let cmp = super::abstract_::rich_compare_bool(sk.as_ptr(), key, Py_EQ)?;
                            drop(sk);
                            if cmp {
                                break 'restart Probe::Active;
                            }
                            if table != (*s).table || (*entry).key != startkey {
                                continue 'restart;
                            }
                            mask = (*s).mask as usize;
                        }
                    } else if (*entry).hash == -1 {
                        // CPython keeps the *last* dummy seen on the probe path.
                        freeslot = entry;
                    }
                    if probes == 0 {
                        break;
                    }
                    probes -= 1;
                    entry = entry.add(1);
                }
                perturb >>= PERTURB_SHIFT;
                i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
            }
        };
        let s = so(op);
        match probe {
            Probe::Active => Ok(()),
            Probe::Free(entry, unused) => {
                (*entry).key = key_owned.into_raw();
                (*entry).hash = hash;
                (*s).used += 1;
                if !unused {
                    return Ok(());
                }
                (*s).fill += 1;
                if ((*s).fill as usize) * 5 < ((*s).mask as usize) * 3 {
                    return Ok(());
                }
                let used = (*s).used;
                table_resize(op, if used > 50000 { used * 2 } else { used * 4 })
            }
        }
    }
}

/// Insert into a table known to hold neither dummies nor `key` (no compares).
unsafe fn insert_clean(table: *mut setentry, mask: usize, key: *mut PyObject, hash: Py_hash_t) {
    unsafe {
        let mut perturb = hash as usize;
        let mut i = hash as usize & mask;
        loop {
            let mut entry = table.add(i);
            if (*entry).key.is_null() {
                (*entry).key = key;
                (*entry).hash = hash;
                return;
            }
            if i + LINEAR_PROBES <= mask {
                for _ in 0..LINEAR_PROBES {
                    entry = entry.add(1);
                    if (*entry).key.is_null() {
                        (*entry).key = key;
                        (*entry).hash = hash;
                        return;
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
        }
    }
}

/// `set_table_resize`: rebuild the table with room for `minused` entries.
unsafe fn table_resize(op: *mut PyObject, minused: Py_ssize_t) -> PyResult<()> {
    unsafe {
        let s = so(op);
        let mut newsize = PySet_MINSIZE;
        while newsize <= minused as usize {
            newsize <<= 1;
        }
        let mut oldtable = (*s).table;
        let oldmask = (*s).mask as usize;
        let small = smalltable(op);
        let is_oldtable_malloced = oldtable != small;
        let mut small_copy = [setentry { key: null_mut(), hash: 0 }; PySet_MINSIZE];
        let newtable;
        if newsize == PySet_MINSIZE {
            newtable = small;
            if newtable == oldtable {
                if (*s).fill == (*s).used {
                    return Ok(());
                }
                core::ptr::copy_nonoverlapping(oldtable, small_copy.as_mut_ptr(), PySet_MINSIZE);
                oldtable = small_copy.as_mut_ptr();
            }
        } else {
            let bytes = newsize.checked_mul(size_of::<setentry>()).ok_or_else(errors::no_memory)?;
            newtable = obmalloc::mem_malloc(bytes) as *mut setentry;
            if newtable.is_null() {
                return Err(errors::no_memory());
            }
        }
        core::ptr::write_bytes(newtable, 0, newsize);
        (*s).mask = newsize as Py_ssize_t - 1;
        (*s).table = newtable;
        let newmask = newsize - 1;
        let no_dummies = (*s).fill == (*s).used;
        if !no_dummies {
            (*s).fill = (*s).used;
        }
        for j in 0..=oldmask {
            let e = *oldtable.add(j);
            if !e.key.is_null() && e.key != dummy() {
                insert_clean(newtable, newmask, e.key, e.hash);
            }
        }
        if is_oldtable_malloced {
            obmalloc::mem_free(oldtable as *mut c_void);
        }
        Ok(())
    }
}

pub unsafe fn contains_entry(op: *mut PyObject, key: *mut PyObject, hash: Py_hash_t) -> PyResult<bool> {
    unsafe { Ok(!(*lookkey(op, key, hash)?).key.is_null()) }
}

/// `set_contains_key` (no frozenset conversion; unhashable keys raise).
pub unsafe fn contains_key(op: *mut PyObject, key: *mut PyObject) -> PyResult<bool> {
    unsafe {
        let h = super::abstract_::hash(key)?;
        contains_entry(op, key, h)
    }
}

/// Remove `key` if present: Ok(true) if it was there.
pub unsafe fn discard_entry(op: *mut PyObject, key: *mut PyObject, hash: Py_hash_t) -> PyResult<bool> {
    unsafe {
        let entry = lookkey(op, key, hash)?;
        if (*entry).key.is_null() {
            return Ok(false);
        }
        let old = (*entry).key;
        (*entry).key = dummy();
        (*entry).hash = -1;
        (*so(op)).used -= 1;
        decref(old);
        Ok(true)
    }
}

pub unsafe fn discard_key(op: *mut PyObject, key: *mut PyObject) -> PyResult<bool> {
    unsafe {
        let h = super::abstract_::hash(key)?;
        discard_entry(op, key, h)
    }
}

/// `set_add_key`.
pub unsafe fn add_key(op: *mut PyObject, key: *mut PyObject) -> PyResult<()> {
    unsafe {
        let h = super::abstract_::hash(key)?;
        add_entry(op, key, h)
    }
}

/// The next active entry at or after `*pos` (borrowed key and its hash).
pub unsafe fn next_entry(op: *mut PyObject, pos: &mut Py_ssize_t) -> Option<(*mut PyObject, Py_hash_t)> {
    unsafe {
        let s = so(op);
        let mut i = *pos;
        while i <= (*s).mask {
            let e = *(*s).table.add(i as usize);
            if !e.key.is_null() && e.key != dummy() {
                *pos = i + 1;
                return Some((e.key, e.hash));
            }
            i += 1;
        }
        *pos = i;
        None
    }
}

/// Snapshot of the active entries with owned keys (safe across Python calls).
unsafe fn entries_owned(op: *mut PyObject) -> Vec<(Owned, Py_hash_t)> {
    unsafe {
        let mut v = Vec::with_capacity(len(op) as usize);
        let mut pos = 0;
        while let Some((k, h)) = next_entry(op, &mut pos) {
            v.push((Owned::from_borrowed(k), h));
        }
        v
    }
}

/// Reset to an empty small table (no decrefs; the caller owns the old keys).
unsafe fn empty_to_minsize(op: *mut PyObject) {
    unsafe {
        let s = so(op);
        core::ptr::write_bytes(smalltable(op), 0, PySet_MINSIZE);
        (*s).fill = 0;
        (*s).used = 0;
        (*s).mask = PySet_MINSIZE as Py_ssize_t - 1;
        (*s).table = smalltable(op);
        (*s).hash = -1;
    }
}

/// `set_clear_internal`: empty the set first, then drop the keys.
pub unsafe fn clear_internal(op: *mut PyObject) {
    unsafe {
        let s = so(op);
        let table = (*s).table;
        let mask = (*s).mask as usize;
        let malloced = table != smalltable(op);
        let mut small_copy = [setentry { key: null_mut(), hash: 0 }; PySet_MINSIZE];
        let (tbl, n) = if malloced {
            (table, mask + 1)
        } else if (*s).fill > 0 {
            core::ptr::copy_nonoverlapping(table, small_copy.as_mut_ptr(), PySet_MINSIZE);
            (small_copy.as_mut_ptr(), PySet_MINSIZE)
        } else {
            return;
        };
        empty_to_minsize(op);
        for j in 0..n {
            let k = (*tbl.add(j)).key;
            if !k.is_null() && k != dummy() {
                decref(k);
            }
        }
        if malloced {
            obmalloc::mem_free(table as *mut c_void);
        }
    }
}

/// `set_pop`: an arbitrary element (CPython's `finger` walk).
pub unsafe fn pop(op: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let s = so(op);
        if (*s).used == 0 {
            let msg = super::unicodeobject::from_str("pop from an empty set")?;
            return Err(errors::key_error(msg.as_ptr()));
        }
        let mask = (*s).mask as usize;
        let mut i = (*s).finger as usize & mask;
        loop {
            let e = (*s).table.add(i);
            if !(*e).key.is_null() && (*e).key != dummy() {
                let key = (*e).key;
                (*e).key = dummy();
                (*e).hash = -1;
                (*s).used -= 1;
                (*s).finger = i as Py_ssize_t + 1;
                return Ok(Owned::from_raw_nonnull(key));
            }
            i += 1;
            if i > mask {
                i = 0;
            }
        }
    }
}

/// `set_merge`: add every element of another set or frozenset.
unsafe fn merge(op: *mut PyObject, other: *mut PyObject) -> PyResult<()> {
    unsafe {
        let s = so(op);
        let o = so(other);
        if op == other || (*o).used == 0 {
            return Ok(());
        }
        if ((*s).fill + (*o).used) * 5 >= (*s).mask * 3 {
            table_resize(op, ((*s).used + (*o).used) * 2)?;
        }
        if (*s).fill == 0 && (*s).mask == (*o).mask && (*o).fill == (*o).used {
            for j in 0..=((*o).mask as usize) {
                let e = *(*o).table.add(j);
                if !e.key.is_null() {
                    let dst = (*s).table.add(j);
                    (*dst).key = new_ref(e.key);
                    (*dst).hash = e.hash;
                }
            }
            (*s).fill = (*o).fill;
            (*s).used = (*o).used;
            return Ok(());
        }
        if (*s).fill == 0 {
            let newtable = (*s).table;
            let newmask = (*s).mask as usize;
            (*s).fill = (*o).used;
            (*s).used = (*o).used;
            for j in 0..=((*o).mask as usize) {
                let e = *(*o).table.add(j);
                if !e.key.is_null() && e.key != dummy() {
                    insert_clean(newtable, newmask, new_ref(e.key), e.hash);
                }
            }
            return Ok(());
        }
        let mut j = 0usize;
        while j as Py_ssize_t <= (*o).mask {
            let e = *(*o).table.add(j);
            if !e.key.is_null() && e.key != dummy() {
                add_entry(op, e.key, e.hash)?;
            }
            j += 1;
        }
        Ok(())
    }
}

/// `set_update_internal`: add the elements of any iterable.
pub unsafe fn update_internal(op: *mut PyObject, other: *mut PyObject) -> PyResult<()> {
    unsafe {
        if is_anyset(other) {
            return merge(op, other);
        }
        if super::dictobject::is_dict_exact(other) {
            let s = so(op);
            let dictsize = super::dictobject::len(other);
            if ((*s).fill + dictsize) * 5 >= (*s).mask * 3 {
                table_resize(op, ((*s).used + dictsize) * 2)?;
            }
            let mut pos = 0;
            let mut keys = Vec::with_capacity(dictsize as usize);
            while let Some((k, _, h)) = super::dictobject::next(other, &mut pos) {
                keys.push((Owned::from_borrowed(k), h));
            }
            for (k, h) in keys {
                add_entry(op, k.as_ptr(), h)?;
            }
            return Ok(());
        }
        let it = super::abstract_::get_iter(other)?;
        while let Some(k) = super::abstract_::iter_next(it.as_ptr())? {
            add_key(op, k.as_ptr())?;
        }
        Ok(())
    }
}

/// `make_new_set`: a new set or frozenset (or subclass) of `tp`, filled from
/// `iterable` when not null.
pub unsafe fn new_set(tp: *mut PyTypeObject, iterable: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let o = super::typeobject::alloc_instance(tp, 0)?;
        let op = o.as_ptr();
        empty_to_minsize(op);
        (*so(op)).finger = 0;
        (*so(op)).weakreflist = null_mut();
        if !iterable.is_null() {
            update_internal(op, iterable)?;
        }
        Ok(o)
    }
}

/// `make_new_set_basetype`: set or frozenset, whichever `tp` derives from.
unsafe fn new_set_basetype(tp: *mut PyTypeObject, iterable: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let base = if tp == &raw mut PySet_Type || tp == &raw mut PyFrozenSet_Type {
            tp
        } else if super::typeobject::is_subtype(tp, &raw mut PySet_Type) {
            &raw mut PySet_Type
        } else {
            &raw mut PyFrozenSet_Type
        };
        new_set(base, iterable)
    }
}

/// `set_copy`: same base type, same elements.
pub unsafe fn copy(op: *mut PyObject) -> PyResult<Owned> {
    unsafe { new_set_basetype((*op).ob_type, op) }
}

/// `set_swap_bodies`: exchange the tables of two sets (hashes only between frozensets).
unsafe fn swap_bodies(a: *mut PyObject, b: *mut PyObject) {
    unsafe {
        let (sa, sb) = (so(a), so(b));
        core::mem::swap(&mut (*sa).fill, &mut (*sb).fill);
        core::mem::swap(&mut (*sa).used, &mut (*sb).used);
        core::mem::swap(&mut (*sa).mask, &mut (*sb).mask);
        let a_small = (*sa).table == smalltable(a);
        let b_small = (*sb).table == smalltable(b);
        let ta = (*sa).table;
        (*sa).table = if b_small { smalltable(a) } else { (*sb).table };
        (*sb).table = if a_small { smalltable(b) } else { ta };
        if a_small || b_small {
            core::mem::swap(&mut (*sa).smalltable, &mut (*sb).smalltable);
        }
        if is_frozenset(a) && is_frozenset(b) {
            core::mem::swap(&mut (*sa).hash, &mut (*sb).hash);
        } else {
            (*sa).hash = -1;
            (*sb).hash = -1;
        }
    }
}

/// `set_intersection`: a new set of the elements of `op` also in `other`.
pub unsafe fn intersection(op: *mut PyObject, other: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if op == other {
            return copy(op);
        }
        let result = new_set_basetype((*op).ob_type, null_mut())?;
        if is_anyset(other) {
            let (mut a, mut b) = (op, other);
            if len(b) > len(a) {
                core::mem::swap(&mut a, &mut b);
            }
            for (k, h) in entries_owned(b) {
                if contains_entry(a, k.as_ptr(), h)? {
                    add_entry(result.as_ptr(), k.as_ptr(), h)?;
                }
            }
            return Ok(result);
        }
        let it = super::abstract_::get_iter(other)?;
        while let Some(k) = super::abstract_::iter_next(it.as_ptr())? {
            let h = super::abstract_::hash(k.as_ptr())?;
            if contains_entry(op, k.as_ptr(), h)? {
                add_entry(result.as_ptr(), k.as_ptr(), h)?;
            }
        }
        Ok(result)
    }
}

unsafe fn intersection_multi(op: *mut PyObject, others: &[*mut PyObject]) -> PyResult<Owned> {
    unsafe {
        if others.is_empty() {
            return copy(op);
        }
        let mut result = Owned::from_borrowed(op);
        for &o in others {
            result = intersection(result.as_ptr(), o)?;
        }
        Ok(result)
    }
}

/// `set_difference_update_internal`.
pub unsafe fn difference_update_internal(op: *mut PyObject, other: *mut PyObject) -> PyResult<()> {
    unsafe {
        if op == other {
            clear_internal(op);
            return Ok(());
        }
        if is_anyset(other) {
            for (k, h) in entries_owned(other) {
                discard_entry(op, k.as_ptr(), h)?;
            }
        } else {
            let it = super::abstract_::get_iter(other)?;
            while let Some(k) = super::abstract_::iter_next(it.as_ptr())? {
                discard_key(op, k.as_ptr())?;
            }
        }
        let s = so(op);
        if ((*s).fill - (*s).used) as usize <= ((*s).mask as usize) / 4 {
            return Ok(());
        }
        let used = (*s).used;
        table_resize(op, if used > 50000 { used * 2 } else { used * 4 })
    }
}

unsafe fn copy_and_difference(op: *mut PyObject, other: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let r = copy(op)?;
        difference_update_internal(r.as_ptr(), other)?;
        Ok(r)
    }
}

/// `set_difference`: a new set of the elements of `op` not in `other`.
pub unsafe fn difference(op: *mut PyObject, other: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let other_size = if is_anyset(other) {
            len(other)
        } else if super::dictobject::is_dict_exact(other) {
            super::dictobject::len(other)
        } else {
            return copy_and_difference(op, other);
        };
        if (len(op) >> 2) > other_size {
            return copy_and_difference(op, other);
        }
        let result = new_set_basetype((*op).ob_type, null_mut())?;
        let is_dict = super::dictobject::is_dict_exact(other);
        for (k, h) in entries_owned(op) {
            let found = if is_dict {
                super::dictobject::contains_hash(other, k.as_ptr(), h)?
            } else {
                contains_entry(other, k.as_ptr(), h)?
            };
            if !found {
                add_entry(result.as_ptr(), k.as_ptr(), h)?;
            }
        }
        Ok(result)
    }
}

/// `set.symmetric_difference_update(other)`.
pub unsafe fn symmetric_difference_update(op: *mut PyObject, other: *mut PyObject) -> PyResult<()> {
    unsafe {
        if op == other {
            clear_internal(op);
            return Ok(());
        }
        if super::dictobject::is_dict_exact(other) {
            let mut pos = 0;
            let mut keys = Vec::new();
            while let Some((k, _, h)) = super::dictobject::next(other, &mut pos) {
                keys.push((Owned::from_borrowed(k), h));
            }
            for (k, h) in keys {
                if !discard_entry(op, k.as_ptr(), h)? {
                    add_entry(op, k.as_ptr(), h)?;
                }
            }
            return Ok(());
        }
        let otherset = if is_anyset(other) { Owned::from_borrowed(other) } else { new_set_basetype((*op).ob_type, other)? };
        for (k, h) in entries_owned(otherset.as_ptr()) {
            if !discard_entry(op, k.as_ptr(), h)? {
                add_entry(op, k.as_ptr(), h)?;
            }
        }
        Ok(())
    }
}

unsafe fn symmetric_difference(op: *mut PyObject, other: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let r = new_set_basetype((*op).ob_type, other)?;
        symmetric_difference_update(r.as_ptr(), op)?;
        Ok(r)
    }
}

/// `set_issubset`.
pub unsafe fn issubset(op: *mut PyObject, other: *mut PyObject) -> PyResult<bool> {
    unsafe {
        if !is_anyset(other) {
            let tmp = new_set(&raw mut PySet_Type, other)?;
            return issubset(op, tmp.as_ptr());
        }
        if len(op) > len(other) {
            return Ok(false);
        }
        for (k, h) in entries_owned(op) {
            if !contains_entry(other, k.as_ptr(), h)? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// `set_issuperset`.
pub unsafe fn issuperset(op: *mut PyObject, other: *mut PyObject) -> PyResult<bool> {
    unsafe {
        if is_anyset(other) {
            return issubset(other, op);
        }
        let it = super::abstract_::get_iter(other)?;
        while let Some(k) = super::abstract_::iter_next(it.as_ptr())? {
            if !contains_key(op, k.as_ptr())? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

unsafe fn isdisjoint(op: *mut PyObject, other: *mut PyObject) -> PyResult<bool> {
    unsafe {
        if op == other {
            return Ok(len(op) == 0);
        }
        if is_set_exact(other) || is_frozenset_exact(other) {
            let (mut a, mut b) = (op, other);
            if len(b) > len(a) {
                core::mem::swap(&mut a, &mut b);
            }
            for (k, h) in entries_owned(b) {
                if contains_entry(a, k.as_ptr(), h)? {
                    return Ok(false);
                }
            }
            return Ok(true);
        }
        let it = super::abstract_::get_iter(other)?;
        while let Some(k) = super::abstract_::iter_next(it.as_ptr())? {
            if contains_key(op, k.as_ptr())? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// Retry a lookup with `frozenset(key)` when `key` is an unhashable set.
unsafe fn with_frozen_key<T>(key: *mut PyObject, r: PyResult<T>, f: impl FnOnce(*mut PyObject) -> PyResult<T>) -> PyResult<T> {
    unsafe {
        match r {
            Ok(v) => Ok(v),
            Err(e) => {
                if !is_set(key) || !errors::exception_matches(super::exceptions::PyExc_TypeError) {
                    return Err(e);
                }
                errors::clear();
                let tmp = new_set(&raw mut PyFrozenSet_Type, key)?;
                f(tmp.as_ptr())
            }
        }
    }
}

/// `key in set` with CPython's set-to-frozenset retry.
pub unsafe fn contains(op: *mut PyObject, key: *mut PyObject) -> PyResult<bool> {
    unsafe { with_frozen_key(key, contains_key(op, key), |k| contains_key(op, k)) }
}

// ---- slots ----

unsafe extern "C" fn set_dealloc(op: *mut PyObject) {
    unsafe {
        // Only exact instances are deferred: a subclass's dealloc continues
        // after this returns (and may release the type).
        if is_set_exact(op) || is_frozenset_exact(op) {
            sequtil::trashcan(op, set_dealloc_body)
        } else {
            set_dealloc_body(op)
        }
    }
}

unsafe fn set_dealloc_body(op: *mut PyObject) {
    unsafe {
        let s = so(op);
        let table = (*s).table;
        let mask = (*s).mask as usize;
        if !table.is_null() {
            for j in 0..=mask {
                let k = (*table.add(j)).key;
                if !k.is_null() && k != dummy() {
                    decref(k);
                }
            }
            if table != smalltable(op) {
                obmalloc::mem_free(table as *mut c_void);
            }
        }
        super::typeobject::free_instance(op);
    }
}

unsafe extern "C" fn set_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let mut pos = 0;
        while let Some((k, _)) = next_entry(op, &mut pos) {
            let r = visit(k, arg);
            if r != 0 {
                return r;
            }
        }
        0
    }
}

unsafe extern "C" fn set_tp_clear(op: *mut PyObject) -> c_int {
    unsafe { clear_internal(op) };
    0
}

unsafe extern "C" fn set_len(op: *mut PyObject) -> Py_ssize_t {
    unsafe { len(op) }
}

unsafe extern "C" fn set_contains_slot(op: *mut PyObject, key: *mut PyObject) -> c_int {
    guard(|| unsafe { Ok(contains(op, key)? as c_int) })
}

unsafe extern "C" fn set_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let name = super::typeobject::type_name_full((*op).ob_type);
        let _g = match super::abstract_::ReprGuard::enter(op)? {
            Some(g) => g,
            None => return super::unicodeobject::from_str(&format!("{}(...)", name)),
        };
        if len(op) == 0 {
            return super::unicodeobject::from_str(&format!("{}()", name));
        }
        let keys: Vec<Owned> = entries_owned(op).into_iter().map(|(k, _)| k).collect();
        let l = super::listobject::from_owned(keys)?;
        let r = super::abstract_::repr_string_checked(l.as_ptr())?;
        let inner = &r[1..r.len() - 1];
        let s = if is_set_exact(op) { format!("{{{}}}", inner) } else { format!("{}({{{}}})", name, inner) };
        super::unicodeobject::from_str(&s)
    })
}

fn shuffle_bits(h: usize) -> usize {
    ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
}

unsafe extern "C" fn frozenset_hash(op: *mut PyObject) -> Py_hash_t {
    unsafe {
        let s = so(op);
        if (*s).hash != -1 {
            return (*s).hash;
        }
        let mut hash: usize = 0;
        for j in 0..=((*s).mask as usize) {
            hash ^= shuffle_bits((*(*s).table.add(j)).hash as usize);
        }
        if ((*s).mask + 1 - (*s).fill) & 1 != 0 {
            hash ^= shuffle_bits(0);
        }
        if ((*s).fill - (*s).used) & 1 != 0 {
            hash ^= shuffle_bits(usize::MAX);
        }
        hash ^= ((*s).used as usize + 1).wrapping_mul(1927868237);
        hash ^= (hash >> 11) ^ (hash >> 25);
        hash = hash.wrapping_mul(69069).wrapping_add(907133923);
        if hash == usize::MAX {
            hash = 590923713;
        }
        (*s).hash = hash as Py_hash_t;
        hash as Py_hash_t
    }
}

unsafe extern "C" fn set_richcompare(v: *mut PyObject, w: *mut PyObject, op: c_int) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !is_anyset(w) {
            return Ok(super::noneobject::not_implemented());
        }
        let eq = || -> PyResult<bool> {
            if len(v) != len(w) {
                return Ok(false);
            }
            let (hv, hw) = ((*so(v)).hash, (*so(w)).hash);
            if hv != -1 && hw != -1 && hv != hw {
                return Ok(false);
            }
            issubset(v, w)
        };
        let r = match op {
            Py_EQ => eq()?,
            Py_NE => !eq()?,
            Py_LE => issubset(v, w)?,
            Py_GE => issuperset(v, w)?,
            Py_LT => len(v) < len(w) && issubset(v, w)?,
            Py_GT => len(v) > len(w) && issuperset(v, w)?,
            _ => return Ok(super::noneobject::not_implemented()),
        };
        Ok(super::boolobject::owned_bool(r))
    })
}

unsafe extern "C" fn set_new(tp: *mut PyTypeObject, _args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if tp == &raw mut PySet_Type {
            sequtil::no_keywords("set", kw)?;
        }
        new_set(tp, null_mut())
    })
}

unsafe extern "C" fn set_init(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        sequtil::no_keywords("set", kw)?;
        let a = sequtil::tuple_args(args);
        sequtil::check_positional(&super::typeobject::type_name_full((*op).ob_type), a.len(), 0, 1)?;
        if (*so(op)).fill != 0 {
            clear_internal(op);
        }
        (*so(op)).hash = -1;
        match a.first() {
            Some(&it) => update_internal(op, it),
            None => Ok(()),
        }
    })
}

unsafe extern "C" fn frozenset_new(tp: *mut PyTypeObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let frozen_init = PyFrozenSet_Type.tp_init.map(|f| f as usize);
        if tp == &raw mut PyFrozenSet_Type || (*tp).tp_init.map(|f| f as usize) == frozen_init {
            sequtil::no_keywords("frozenset", kw)?;
        }
        let a = sequtil::tuple_args(args);
        sequtil::check_positional(&super::typeobject::type_name_full(tp), a.len(), 0, 1)?;
        let iterable = a.first().copied().unwrap_or(null_mut());
        if tp == &raw mut PyFrozenSet_Type && !iterable.is_null() && is_frozenset_exact(iterable) {
            return Ok(Owned::from_borrowed(iterable));
        }
        new_set(tp, iterable)
    })
}

// ---- operators ----

macro_rules! binop {
    ($name:ident, |$a:ident, $b:ident| $body:expr) => {
        unsafe extern "C" fn $name($a: *mut PyObject, $b: *mut PyObject) -> *mut PyObject {
            guard_obj(|| unsafe {
                if !is_anyset($a) || !is_anyset($b) {
                    return Ok(super::noneobject::not_implemented());
                }
                $body
            })
        }
    };
}

binop!(set_or, |a, b| {
    let r = copy(a)?;
    if a != b {
        update_internal(r.as_ptr(), b)?;
    }
    Ok(r)
});
binop!(set_and, |a, b| intersection(a, b));
binop!(set_sub, |a, b| difference(a, b));
binop!(set_xor, |a, b| symmetric_difference(a, b));

unsafe extern "C" fn set_ior(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !is_anyset(b) {
            return Ok(super::noneobject::not_implemented());
        }
        update_internal(a, b)?;
        Ok(Owned::from_borrowed(a))
    })
}
unsafe extern "C" fn set_iand(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !is_anyset(b) {
            return Ok(super::noneobject::not_implemented());
        }
        let tmp = intersection(a, b)?;
        swap_bodies(a, tmp.as_ptr());
        Ok(Owned::from_borrowed(a))
    })
}
unsafe extern "C" fn set_isub(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !is_anyset(b) {
            return Ok(super::noneobject::not_implemented());
        }
        difference_update_internal(a, b)?;
        Ok(Owned::from_borrowed(a))
    })
}
unsafe extern "C" fn set_ixor(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !is_anyset(b) {
            return Ok(super::noneobject::not_implemented());
        }
        symmetric_difference_update(a, b)?;
        Ok(Owned::from_borrowed(a))
    })
}

// ---- methods ----

unsafe extern "C" fn set_add_method(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        add_key(op, key)?;
        Ok(super::noneobject::none())
    })
}
unsafe extern "C" fn set_clear_method(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    unsafe {
        clear_internal(op);
        super::noneobject::new_none()
    }
}
unsafe extern "C" fn set_direct_contains(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { Ok(super::boolobject::owned_bool(contains(op, key)?)) })
}
unsafe extern "C" fn set_copy_method(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { copy(op) })
}
unsafe extern "C" fn frozenset_copy_method(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if is_frozenset_exact(op) {
            return Ok(Owned::from_borrowed(op));
        }
        copy(op)
    })
}
unsafe extern "C" fn set_discard_method(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        with_frozen_key(key, discard_key(op, key), |k| discard_key(op, k))?;
        Ok(super::noneobject::none())
    })
}
unsafe extern "C" fn set_remove_method(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !with_frozen_key(key, discard_key(op, key), |k| discard_key(op, k))? {
            return Err(errors::key_error(key));
        }
        Ok(super::noneobject::none())
    })
}
unsafe extern "C" fn set_pop_method(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { pop(op) })
}
unsafe extern "C" fn set_sizeof(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let mut res = (*(*op).ob_type).tp_basicsize;
        if (*so(op)).table != smalltable(op) {
            res += ((*so(op)).mask + 1) * size_of::<setentry>() as Py_ssize_t;
        }
        super::longobject::from_isize(res)
    })
}
unsafe extern "C" fn set_union_method(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let r = copy(op)?;
        for &o in sequtil::tuple_args(args) {
            if o != op {
                update_internal(r.as_ptr(), o)?;
            }
        }
        Ok(r)
    })
}
unsafe extern "C" fn set_update_method(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        for &o in sequtil::tuple_args(args) {
            update_internal(op, o)?;
        }
        Ok(super::noneobject::none())
    })
}
unsafe extern "C" fn set_intersection_method(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { intersection_multi(op, sequtil::tuple_args(args)) })
}
unsafe extern "C" fn set_intersection_update_method(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let tmp = intersection_multi(op, sequtil::tuple_args(args))?;
        if tmp.as_ptr() != op {
            swap_bodies(op, tmp.as_ptr());
        }
        Ok(super::noneobject::none())
    })
}
unsafe extern "C" fn set_difference_method(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = sequtil::tuple_args(args);
        if a.is_empty() {
            return copy(op);
        }
        let r = difference(op, a[0])?;
        for &o in &a[1..] {
            difference_update_internal(r.as_ptr(), o)?;
        }
        Ok(r)
    })
}
unsafe extern "C" fn set_difference_update_method(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        for &o in sequtil::tuple_args(args) {
            difference_update_internal(op, o)?;
        }
        Ok(super::noneobject::none())
    })
}
unsafe extern "C" fn set_symmetric_difference_method(op: *mut PyObject, other: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { symmetric_difference(op, other) })
}
unsafe extern "C" fn set_symmetric_difference_update_method(op: *mut PyObject, other: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        symmetric_difference_update(op, other)?;
        Ok(super::noneobject::none())
    })
}
unsafe extern "C" fn set_isdisjoint_method(op: *mut PyObject, other: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { Ok(super::boolobject::owned_bool(isdisjoint(op, other)?)) })
}
unsafe extern "C" fn set_issubset_method(op: *mut PyObject, other: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { Ok(super::boolobject::owned_bool(issubset(op, other)?)) })
}
unsafe extern "C" fn set_issuperset_method(op: *mut PyObject, other: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { Ok(super::boolobject::owned_bool(issuperset(op, other)?)) })
}

// ---- set_iterator ----

#[repr(C)]
pub struct SetIterObject {
    pub ob_base: PyObject,
    pub si_set: *mut PyObject,
    pub si_used: Py_ssize_t,
    pub si_pos: Py_ssize_t,
    pub len: Py_ssize_t,
}

static mut SETITER_METHODS: [PyMethodDef; 2] = [
    mdef!(c"__length_hint__", setiter_len, METH_NOARGS, c"Private method returning an estimate of len(list(it))."),
    PyMethodDef::SENTINEL,
];

#[no_mangle]
pub static mut PySetIter_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    tp_dealloc: Some(setiter_dealloc),
    tp_traverse: Some(setiter_traverse),
    tp_clear: Some(setiter_clear),
    tp_iter: Some(crate::capi::object::PyObject_SelfIter),
    tp_iternext: Some(setiter_next),
    tp_methods: &raw mut SETITER_METHODS as *mut PyMethodDef,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    ..PyTypeObject::new(c"set_iterator", size_of::<SetIterObject>(), 0)
};

unsafe extern "C" fn set_iter(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let it = super::typeobject::generic_alloc(&raw mut PySetIter_Type, 0)?;
        let p = it.as_ptr() as *mut SetIterObject;
        (*p).si_set = new_ref(op);
        (*p).si_used = len(op);
        (*p).si_pos = 0;
        (*p).len = len(op);
        Ok(it)
    })
}
unsafe extern "C" fn setiter_dealloc(op: *mut PyObject) {
    unsafe {
        clear(&mut (*(op as *mut SetIterObject)).si_set);
        super::typeobject::free_instance(op);
    }
}
unsafe extern "C" fn setiter_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let s = (*(op as *mut SetIterObject)).si_set;
        if s.is_null() { 0 } else { visit(s, arg) }
    }
}
unsafe extern "C" fn setiter_clear(op: *mut PyObject) -> c_int {
    unsafe { clear(&mut (*(op as *mut SetIterObject)).si_set) };
    0
}
unsafe extern "C" fn setiter_len(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut SetIterObject;
        let s = (*p).si_set;
        let n = if !s.is_null() && (*p).si_used == len(s) { (*p).len } else { 0 };
        super::longobject::from_isize(n)
    })
}
unsafe extern "C" fn setiter_next(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut SetIterObject;
        let s = (*p).si_set;
        if s.is_null() {
            return Err(errors::stop_iteration_silent());
        }
        if (*p).si_used != len(s) {
            (*p).si_used = -1; // sticky
            return Err(errors::runtime_error("Set changed size during iteration"));
        }
        let mut pos = (*p).si_pos;
        match next_entry(s, &mut pos) {
            Some((k, _)) => {
                (*p).si_pos = pos;
                (*p).len -= 1;
                Ok(Owned::from_borrowed(k))
            }
            None => {
                (*p).si_pos = pos;
                clear(&mut (*p).si_set);
                Err(errors::stop_iteration_silent())
            }
        }
    })
}
