//! `dict`: compact and insertion-ordered, with CPython's probing.
//!
//! Design note. `ma_keys` points to one block holding a header, the index
//! table (`i32` per slot: `EMPTY`, `DUMMY` or an entry number) and the dense
//! entry array `{hash, key, value}` in insertion order — the 3.6+ compact dict.
//! Probing is CPython's (`i = (i*5 + perturb + 1) & mask`, `perturb >>= 5`) and
//! tables grow to hold `used*3` as in 3.11. `ma_used` is where CPython has it
//! (`PyDict_GET_SIZE`); the table layout is ours. An empty dict has no table.
//!
//! Invariants: a lookup that calls `__eq__` re-checks that the table and the
//! entry it compared are unchanged afterwards and restarts otherwise (Python
//! code may mutate the dict); values are stored before old ones are decref'd.
//! Iterators and views (`dictviews.rs`) walk the entry array by position
//! through `nentries`/`entry_at`; `ma_used` is what they compare to detect
//! "dictionary changed size during iteration".
use super::object::*;
use super::pyref::*;
use super::unicodeobject;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard, guard_obj};
use crate::runtime::obmalloc;
use core::mem::size_of;
use core::ptr::null_mut;
use libc::{c_int, c_void};
use super::sequtil;
use crate::runtime::ffi::guard_unit;

#[repr(C)]
pub struct PyDictObject {
    pub ob_base: PyObject,
    pub ma_used: Py_ssize_t,
    pub ma_version_tag: u64,
    pub ma_keys: *mut c_void,
    pub ma_values: *mut c_void,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct Entry {
    pub hash: Py_hash_t,
    pub key: *mut PyObject,
    pub value: *mut PyObject,
}

#[repr(C)]
struct Keys {
    log2_size: u32,
    /// 1 while every key ever stored is an exact str (CPython's
    /// `DICT_KEYS_UNICODE`; it decides what `__sizeof__` reports).
    unicode: u32,
    usable: isize,
    nentries: isize,
}

const EMPTY: i32 = -1;
const DUMMY: i32 = -2;
const MINSIZE_LOG2: u32 = 3;

static mut VERSION: u64 = 0;

#[no_mangle]
pub static mut PyDict_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_DICT_SUBCLASS | Py_TPFLAGS_MAPPING | Py_TPFLAGS_MATCH_SELF,
    tp_dealloc: Some(dict_dealloc),
    tp_repr: Some(dict_repr),
    tp_traverse: Some(dict_traverse),
    tp_clear: Some(dict_tp_clear),
    tp_richcompare: Some(dict_richcompare),
    tp_as_mapping: &raw mut DICT_AS_MAPPING,
    tp_as_sequence: &raw mut DICT_AS_SEQUENCE,
    tp_as_number: &raw mut DICT_AS_NUMBER,
    tp_hash: Some(crate::capi::object::PyObject_HashNotImplemented),
    tp_iter: Some(dict_iter),
    tp_init: Some(dict_init),
    tp_new: Some(dict_new),
    tp_methods: &raw mut DICT_METHODS as *mut PyMethodDef,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    tp_doc: c"dict() -> new empty dictionary\ndict(mapping) -> new dictionary initialized from a mapping object's\n    (key, value) pairs\ndict(iterable) -> new dictionary initialized as if via:\n    d = {}\n    for k, v in iterable:\n        d[k] = v\ndict(**kwargs) -> new dictionary initialized with the name=value pairs\n    in the keyword argument list.  For example:  dict(one=1, two=2)".as_ptr(),
    ..PyTypeObject::new(c"dict", size_of::<PyDictObject>(), 0)
};

static mut DICT_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(dict_length),
    mp_subscript: Some(dict_subscript),
    mp_ass_subscript: Some(dict_ass_subscript),
};
static mut DICT_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_contains: Some(dict_contains),
    ..PySequenceMethods::EMPTY
};
static mut DICT_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_or: Some(dict_or),
    nb_inplace_or: Some(dict_ior),
    ..PyNumberMethods::EMPTY
};

macro_rules! mdef {
    ($name:literal, $f:expr, $flags:expr, $doc:literal) => {
        PyMethodDef { ml_name: $name.as_ptr(), ml_meth: $f as *mut c_void, ml_flags: $flags, ml_doc: $doc.as_ptr() }
    };
}

static mut DICT_METHODS: [PyMethodDef; 14] = [
    mdef!(c"__sizeof__", dict_sizeof, METH_NOARGS, c"D.__sizeof__() -> size of D in memory, in bytes"),
    mdef!(c"get", dict_get, METH_FASTCALL, c"Return the value for key if key is in the dictionary, else default."),
    mdef!(c"setdefault", dict_setdefault, METH_FASTCALL, c"Insert key with a value of default if key is not in the dictionary.\n\nReturn the value for key if key is in the dictionary, else default."),
    mdef!(c"pop", dict_pop, METH_FASTCALL, c"D.pop(k[,d]) -> v, remove specified key and return the corresponding value.\n\nIf the key is not found, return the default if given; otherwise,\nraise a KeyError."),
    mdef!(c"popitem", dict_popitem, METH_NOARGS, c"Remove and return a (key, value) pair as a 2-tuple.\n\nPairs are returned in LIFO (last-in, first-out) order.\nRaises KeyError if the dict is empty."),
    mdef!(c"keys", dict_keys, METH_NOARGS, c"D.keys() -> a set-like object providing a view on D's keys"),
    mdef!(c"items", dict_items, METH_NOARGS, c"D.items() -> a set-like object providing a view on D's items"),
    mdef!(c"values", dict_values, METH_NOARGS, c"D.values() -> an object providing a view on D's values"),
    mdef!(c"update", dict_update, METH_VARARGS | METH_KEYWORDS, c"D.update([E, ]**F) -> None.  Update D from dict/iterable E and F.\nIf E is present and has a .keys() method, then does:  for k in E: D[k] = E[k]\nIf E is present and lacks a .keys() method, then does:  for k, v in E: D[k] = v\nIn either case, this is followed by: for k in F:  D[k] = F[k]"),
    mdef!(c"fromkeys", dict_fromkeys, METH_FASTCALL | METH_CLASS, c"Create a new dictionary with keys from iterable and values set to value."),
    mdef!(c"clear", dict_clear_method, METH_NOARGS, c"D.clear() -> None.  Remove all items from D."),
    mdef!(c"copy", dict_copy_method, METH_NOARGS, c"D.copy() -> a shallow copy of D"),
    mdef!(c"__reversed__", dict_reversed, METH_NOARGS, c"Return a reverse iterator over the dict keys."),
    PyMethodDef::SENTINEL,
];

#[inline(always)]
pub unsafe fn is_dict(op: *mut PyObject) -> bool {
    unsafe { type_has_flag((*op).ob_type, Py_TPFLAGS_DICT_SUBCLASS) }
}
#[inline(always)]
unsafe fn dd(op: *mut PyObject) -> *mut PyDictObject {
    op as *mut PyDictObject
}
#[inline(always)]
pub unsafe fn len(op: *mut PyObject) -> Py_ssize_t {
    unsafe { (*dd(op)).ma_used }
}

// ---- the table ----

#[inline(always)]
unsafe fn keys(op: *mut PyObject) -> *mut Keys {
    unsafe { (*dd(op)).ma_keys as *mut Keys }
}
#[inline(always)]
unsafe fn indices(k: *mut Keys) -> *mut i32 {
    unsafe { (k as *mut u8).add(size_of::<Keys>()) as *mut i32 }
}
#[inline(always)]
fn usable_for(log2: u32) -> isize {
    ((1isize << log2) << 1) / 3
}
#[inline(always)]
unsafe fn entries(k: *mut Keys) -> *mut Entry {
    unsafe {
        let size = 1usize << (*k).log2_size;
        let off = (size_of::<Keys>() + size * 4 + 7) & !7;
        (k as *mut u8).add(off) as *mut Entry
    }
}

unsafe fn new_keys(log2: u32, unicode: bool) -> PyResult<*mut Keys> {
    if log2 > 30 {
        return Err(errors::no_memory());
    }
    let size = 1usize << log2;
    let usable = usable_for(log2) as usize;
    let off = (size_of::<Keys>() + size * 4 + 7) & !7;
    let total = off + usable * size_of::<Entry>();
    unsafe {
        let k = obmalloc::mem_malloc(total) as *mut Keys;
        if k.is_null() {
            return Err(errors::no_memory());
        }
        (*k).log2_size = log2;
        (*k).unicode = unicode as u32;
        (*k).usable = usable as isize;
        (*k).nentries = 0;
        core::ptr::write_bytes(indices(k) as *mut u8, 0xff, size * 4);
        Ok(k)
    }
}

fn log2_for(minsize: usize) -> u32 {
    let mut log2 = MINSIZE_LOG2;
    while (1usize << log2) < minsize {
        log2 += 1;
    }
    log2
}

/// Outcome of a probe: the entry index (if found) and the slot.
struct Found {
    ix: isize,
    slot: usize,
}

/// Find `key` (hash `hash`). May run Python `__eq__`; restarts if the table changes.
unsafe fn lookup(op: *mut PyObject, key: *mut PyObject, hash: Py_hash_t) -> PyResult<Option<Found>> {
    unsafe {
        'restart: loop {
            let k = keys(op);
            if k.is_null() {
                return Ok(None);
            }
            let mask = (1usize << (*k).log2_size) - 1;
            let mut perturb = hash as usize;
            let mut i = (hash as usize) & mask;
            let str_key = unicodeobject::is_str_exact(key);
            loop {
                let ix = *indices(k).add(i);
                if ix == EMPTY {
                    return Ok(None);
                }
                if ix >= 0 {
                    let e = entries(k).add(ix as usize);
                    let ek = (*e).key;
                    if ek == key {
                        return Ok(Some(Found { ix: ix as isize, slot: i }));
                    }
                    if (*e).hash == hash {
                        if str_key && unicodeobject::is_str_exact(ek) {
                            if unicodeobject::eq(ek, key) {
                                return Ok(Some(Found { ix: ix as isize, slot: i }));
                            }
                        } else {
                            let start = Owned::from_borrowed(ek);
                            let cmp = super::abstract_::rich_compare_bool(start.as_ptr(), key, Py_EQ)?;
                            if keys(op) != k || (*e).key != start.as_ptr() {
                                continue 'restart;
                            }
                            if cmp {
                                return Ok(Some(Found { ix: ix as isize, slot: i }));
                            }
                        }
                    }
                }
                perturb >>= 5;
                i = (i.wrapping_mul(5).wrapping_add(perturb).wrapping_add(1)) & mask;
            }
        }
    }
}

unsafe fn find_empty_slot(k: *mut Keys, hash: Py_hash_t) -> usize {
    unsafe {
        let mask = (1usize << (*k).log2_size) - 1;
        let mut perturb = hash as usize;
        let mut i = (hash as usize) & mask;
        while *indices(k).add(i) >= 0 {
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(perturb).wrapping_add(1)) & mask;
        }
        i
    }
}

/// CPython's `calculate_log2_keysize`, small-size rounding included (a
/// request for 6 slots gets 16), so presized tables match CPython's.
fn calculate_log2_keysize(minsize: usize) -> u32 {
    let m = ((minsize | 8) - 1) | 7;
    usize::BITS - m.leading_zeros()
}

/// CPython's `estimate_log2_keysize`: a table that holds `n` items.
fn estimate_log2_keysize(n: usize) -> u32 {
    calculate_log2_keysize((n * 3 + 1) / 2)
}

/// Rebuild the table big enough for `minsize` slots, entries compacted in order.
unsafe fn resize(op: *mut PyObject, minsize: usize) -> PyResult<()> {
    unsafe { resize_log2(op, log2_for(minsize)) }
}

/// Is the table still of CPython's str-only kind? (No table: no.)
unsafe fn is_unicode_table(op: *mut PyObject) -> bool {
    unsafe {
        let k = keys(op);
        !k.is_null() && (*k).unicode != 0
    }
}

/// Rebuild the table with `1 << log2` slots, entries compacted in order;
/// the kind is kept.
unsafe fn resize_log2(op: *mut PyObject, log2: u32) -> PyResult<()> {
    unsafe { resize_kind(op, log2, is_unicode_table(op)) }
}

/// Rebuild the table with `1 << log2` slots and the given kind.
unsafe fn resize_kind(op: *mut PyObject, log2: u32, unicode: bool) -> PyResult<()> {
    unsafe {
        let old = keys(op);
        let newk = new_keys(log2, unicode)?;
        if !old.is_null() {
            let oe = entries(old);
            let ne = entries(newk);
            let mut j = 0isize;
            for i in 0..(*old).nentries {
                let e = *oe.add(i as usize);
                if !e.key.is_null() {
                    *ne.add(j as usize) = e;
                    let slot = find_empty_slot(newk, e.hash);
                    *indices(newk).add(slot) = j as i32;
                    j += 1;
                }
            }
            (*newk).nentries = j;
            (*newk).usable -= j;
            obmalloc::mem_free(old as *mut c_void);
        }
        (*dd(op)).ma_keys = newk as *mut c_void;
        Ok(())
    }
}

#[inline]
unsafe fn bump_version(op: *mut PyObject) {
    unsafe {
        VERSION += 1;
        (*dd(op)).ma_version_tag = VERSION;
    }
}

/// Insert or replace with a known hash (borrowed key and value).
pub unsafe fn set_item_hash(op: *mut PyObject, key: *mut PyObject, hash: Py_hash_t, value: *mut PyObject) -> PyResult<()> {
    unsafe {
        let key_owned = Owned::from_borrowed(key);
        incref(value);
        let value_owned = Owned::from_raw_nonnull(value);
        match lookup(op, key, hash)? {
            Some(f) => {
                let e = entries(keys(op)).add(f.ix as usize);
                let old = (*e).value;
                (*e).value = value_owned.into_raw();
                bump_version(op);
                decref(old);
                Ok(())
            }
            None => {
                let mut k = keys(op);
                let str_key = unicodeobject::is_str_exact(key);
                if k.is_null() {
                    resize_kind(op, MINSIZE_LOG2, str_key)?;
                } else if (*k).unicode != 0 && !str_key {
                    // A non-str key turns the table general, at its growth size (CPython).
                    resize_kind(op, calculate_log2_keysize(len(op) as usize * 3), false)?;
                } else if (*k).usable <= 0 {
                    resize_log2(op, calculate_log2_keysize(len(op) as usize * 3))?;
                }
                k = keys(op);
                let slot = find_empty_slot(k, hash);
                let ix = (*k).nentries;
                *entries(k).add(ix as usize) = Entry { hash, key: key_owned.into_raw(), value: value_owned.into_raw() };
                *indices(k).add(slot) = ix as i32;
                (*k).nentries += 1;
                (*k).usable -= 1;
                (*dd(op)).ma_used += 1;
                bump_version(op);
                Ok(())
            }
        }
    }
}

/// `PyDict_SetItem` (borrowed key and value).
pub unsafe fn set_item(op: *mut PyObject, key: *mut PyObject, value: *mut PyObject) -> PyResult<()> {
    unsafe {
        let h = super::abstract_::hash(key)?;
        set_item_hash(op, key, h, value)
    }
}

pub unsafe fn set_item_str(op: *mut PyObject, key: &str, value: *mut PyObject) -> PyResult<()> {
    unsafe {
        let k = unicodeobject::intern_str(key)?;
        set_item(op, k.as_ptr(), value)
    }
}

/// Lookup with errors: Ok(None) when missing.
pub unsafe fn get_item(op: *mut PyObject, key: *mut PyObject) -> PyResult<Option<Owned>> {
    unsafe {
        let h = super::abstract_::hash(key)?;
        get_item_hash(op, key, h)
    }
}

pub unsafe fn get_item_hash(op: *mut PyObject, key: *mut PyObject, hash: Py_hash_t) -> PyResult<Option<Owned>> {
    unsafe {
        match lookup(op, key, hash)? {
            Some(f) => Ok(Some(Owned::from_borrowed((*entries(keys(op)).add(f.ix as usize)).value))),
            None => Ok(None),
        }
    }
}

/// `PyDict_GetItem` semantics: borrowed, null when missing, errors swallowed.
pub unsafe fn get_item_borrowed(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    unsafe {
        // Keep a pending exception intact, as PyDict_GetItem does.
        let (t, v, tb) = errors::fetch();
        let r = match get_item(op, key) {
            Ok(Some(o)) => {
                let p = o.as_ptr();
                drop(o); // the dict still holds it
                p
            }
            Ok(None) => null_mut(),
            Err(_) => {
                errors::clear();
                null_mut()
            }
        };
        errors::restore(t, v, tb);
        r
    }
}

/// `PyDict_GetItemWithError` semantics: borrowed, null when missing or on error.
pub unsafe fn get_item_borrowed_err(op: *mut PyObject, key: *mut PyObject) -> PyResult<*mut PyObject> {
    unsafe {
        Ok(match get_item(op, key)? {
            Some(o) => {
                let p = o.as_ptr();
                drop(o);
                p
            }
            None => null_mut(),
        })
    }
}

pub unsafe fn get_item_str(op: *mut PyObject, key: &str) -> PyResult<Option<Owned>> {
    unsafe {
        let k = unicodeobject::from_str(key)?;
        get_item(op, k.as_ptr())
    }
}

/// `PyDict_DelItem`: KeyError when missing.
pub unsafe fn del_item(op: *mut PyObject, key: *mut PyObject) -> PyResult<()> {
    unsafe {
        let h = super::abstract_::hash(key)?;
        match lookup(op, key, h)? {
            Some(f) => {
                del_found(op, f);
                Ok(())
            }
            None => Err(errors::key_error(key)),
        }
    }
}

unsafe fn del_found(op: *mut PyObject, f: Found) {
    unsafe {
        let k = keys(op);
        *indices(k).add(f.slot) = DUMMY;
        let e = entries(k).add(f.ix as usize);
        let (ok, ov) = ((*e).key, (*e).value);
        (*e).key = null_mut();
        (*e).value = null_mut();
        (*dd(op)).ma_used -= 1;
        bump_version(op);
        decref(ok);
        decref(ov);
    }
}

/// Remove and return the value for `key`, if present.
pub unsafe fn pop_item(op: *mut PyObject, key: *mut PyObject) -> PyResult<Option<Owned>> {
    unsafe {
        let h = super::abstract_::hash(key)?;
        match lookup(op, key, h)? {
            Some(f) => {
                let v = Owned::from_borrowed((*entries(keys(op)).add(f.ix as usize)).value);
                del_found(op, f);
                Ok(Some(v))
            }
            None => Ok(None),
        }
    }
}

/// `dict.setdefault` returning a borrowed pointer to the stored value.
pub unsafe fn set_default_borrowed(op: *mut PyObject, key: *mut PyObject, default: *mut PyObject) -> PyResult<*mut PyObject> {
    unsafe {
        let h = super::abstract_::hash(key)?;
        if let Some(f) = lookup(op, key, h)? {
            return Ok((*entries(keys(op)).add(f.ix as usize)).value);
        }
        set_item_hash(op, key, h, default)?;
        Ok(default)
    }
}

/// `PyDict_Next`: advance `pos`; borrowed key/value.
pub unsafe fn next(op: *mut PyObject, pos: &mut Py_ssize_t) -> Option<(*mut PyObject, *mut PyObject, Py_hash_t)> {
    unsafe {
        let k = keys(op);
        if k.is_null() || *pos < 0 {
            return None;
        }
        while *pos < (*k).nentries {
            let e = entries(k).add(*pos as usize);
            *pos += 1;
            if !(*e).key.is_null() {
                return Some(((*e).key, (*e).value, (*e).hash));
            }
        }
        None
    }
}

/// A snapshot of the (key, value) pairs, borrowed.
pub unsafe fn items_borrowed(op: *mut PyObject) -> Vec<(*mut PyObject, *mut PyObject)> {
    unsafe {
        let mut v = Vec::with_capacity(len(op) as usize);
        let mut pos = 0;
        while let Some((k, val, _)) = next(op, &mut pos) {
            v.push((k, val));
        }
        v
    }
}

/// A snapshot of the (key, value) pairs with owned references.
pub unsafe fn items_owned(op: *mut PyObject) -> Vec<(Owned, Owned)> {
    unsafe {
        items_borrowed(op)
            .into_iter()
            .map(|(k, v)| (Owned::from_borrowed(k), Owned::from_borrowed(v)))
            .collect()
    }
}

pub fn new_dict() -> PyResult<Owned> {
    unsafe { super::typeobject::generic_alloc(&raw mut PyDict_Type, 0) }
}

/// A new dict with room for `n` items without resizing.
pub fn new_presized(n: usize) -> PyResult<Owned> {
    let d = new_dict()?;
    if n > 5 {
        unsafe { resize(d.as_ptr(), (n * 3).div_ceil(2) + 1)? };
    }
    Ok(d)
}

/// `_PyDict_NewPresized`: a dict sized as CPython sizes it for `n` items.
pub fn new_presized_cpython(n: Py_ssize_t) -> PyResult<Owned> {
    let d = new_dict()?;
    if n > usable_for(MINSIZE_LOG2) {
        let log2 = estimate_log2_keysize(n.min(1 << 26) as usize).min(17);
        unsafe { resize_kind(d.as_ptr(), log2, false)? };
    }
    Ok(d)
}

/// `PyDict_Clear`.
pub unsafe fn clear_dict(op: *mut PyObject) {
    unsafe {
        let k = keys(op);
        if k.is_null() {
            return;
        }
        (*dd(op)).ma_keys = null_mut();
        (*dd(op)).ma_used = 0;
        bump_version(op);
        let e = entries(k);
        for i in 0..(*k).nentries {
            let x = *e.add(i as usize);
            if !x.key.is_null() {
                decref(x.key);
                decref(x.value);
            }
        }
        obmalloc::mem_free(k as *mut c_void);
    }
}

/// The live entries with owned references and their stored hashes.
unsafe fn entries_owned(op: *mut PyObject) -> Vec<(Owned, Owned, Py_hash_t)> {
    unsafe {
        let mut v = Vec::with_capacity(len(op) as usize);
        let mut pos = 0;
        while let Some((k, val, h)) = next(op, &mut pos) {
            v.push((Owned::from_borrowed(k), Owned::from_borrowed(val), h));
        }
        v
    }
}

/// Slots usable by the table as allocated (0 without a table).
unsafe fn table_usable(op: *mut PyObject) -> isize {
    unsafe {
        let k = keys(op);
        if k.is_null() { 0 } else { usable_for((*k).log2_size) }
    }
}

/// `PyDict_Copy`: a compact source keeps its table size; otherwise the copy
/// is sized for its items (CPython's two paths, so `__sizeof__` agrees).
/// Stored hashes are reused: no `__hash__` runs.
pub unsafe fn copy(op: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let d = new_dict()?;
        let k = keys(op);
        let n = len(op);
        if k.is_null() || n == 0 {
            return Ok(d);
        }
        let unicode = (*k).unicode != 0;
        if n >= (*k).nentries * 2 / 3 {
            resize_kind(d.as_ptr(), (*k).log2_size, unicode)?;
        } else {
            resize_kind(d.as_ptr(), estimate_log2_keysize(n as usize), unicode)?;
        }
        for (key, v, h) in entries_owned(op) {
            set_item_hash(d.as_ptr(), key.as_ptr(), h, v.as_ptr())?;
        }
        Ok(d)
    }
}

/// `PyDict_Merge(a, b, override)` for a dict or any mapping with keys().
pub unsafe fn merge(a: *mut PyObject, b: *mut PyObject, override_: bool) -> PyResult<()> {
    unsafe {
        if is_dict(b) && (*(*b).ob_type).tp_iter.map(|f| f as usize) == PyDict_Type.tp_iter.map(|f| f as usize) {
            let nb = len(b);
            if a == b || nb == 0 {
                return Ok(());
            }
            // Size the table once, as CPython does (cloning a compact source's size).
            let kb = keys(b);
            let unicode = (*kb).unicode != 0;
            if len(a) == 0 && nb == (*kb).nentries && ((*kb).log2_size == MINSIZE_LOG2 || usable_for((*kb).log2_size - 1) < nb) {
                resize_kind(a, (*kb).log2_size, unicode)?;
            } else if table_usable(a) < nb {
                resize_kind(a, estimate_log2_keysize((len(a) + nb) as usize), unicode && (keys(a).is_null() || is_unicode_table(a)))?;
            }
            for (k, v, h) in entries_owned(b) {
                if !override_ && contains_hash(a, k.as_ptr(), h)? {
                    continue;
                }
                set_item_hash(a, k.as_ptr(), h, v.as_ptr())?;
            }
            return Ok(());
        }
        let ks = super::abstract_::call_method(b, "keys", &[])?;
        for k in super::abstract_::collect(ks.as_ptr())? {
            if !override_ && get_item(a, k.as_ptr())?.is_some() {
                continue;
            }
            let v = super::abstract_::get_item(b, k.as_ptr())?;
            set_item(a, k.as_ptr(), v.as_ptr())?;
        }
        Ok(())
    }
}

/// `PyDict_MergeFromSeq2`: merge an iterable of 2-sequences.
pub unsafe fn merge_from_seq2(a: *mut PyObject, seq: *mut PyObject, override_: bool) -> PyResult<()> {
    unsafe {
        for (i, item) in super::abstract_::collect(seq)?.into_iter().enumerate() {
            let pair = match super::abstract_::collect(item.as_ptr()) {
                Ok(p) => p,
                Err(e) => {
                    if errors::exception_matches(super::exceptions::PyExc_TypeError) {
                        errors::clear();
                        return Err(errors::type_error(format!(
                            "cannot convert dictionary update sequence element #{} to a sequence",
                            i
                        )));
                    }
                    return Err(e);
                }
            };
            if pair.len() != 2 {
                return Err(errors::value_error(format!(
                    "dictionary update sequence element #{} has length {}; 2 is required",
                    i,
                    pair.len()
                )));
            }
            if !override_ && get_item(a, pair[0].as_ptr())?.is_some() {
                continue;
            }
            set_item(a, pair[0].as_ptr(), pair[1].as_ptr())?;
        }
        Ok(())
    }
}

pub unsafe fn keys_list(op: *mut PyObject) -> PyResult<Owned> {
    unsafe { super::listobject::from_slice(&items_borrowed(op).iter().map(|p| p.0).collect::<Vec<_>>()) }
}
pub unsafe fn values_list(op: *mut PyObject) -> PyResult<Owned> {
    unsafe { super::listobject::from_slice(&items_borrowed(op).iter().map(|p| p.1).collect::<Vec<_>>()) }
}
pub unsafe fn items_list(op: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let mut v = Vec::new();
        for (k, val) in items_borrowed(op) {
            v.push(super::tupleobject::pack(&[k, val])?);
        }
        super::listobject::from_owned(v)
    }
}

// ---- slots ----

unsafe extern "C" fn dict_dealloc(op: *mut PyObject) {
    unsafe {
        // Only exact instances are deferred: a subclass's dealloc continues
        // after this returns (and may release the type).
        if (*op).ob_type == &raw mut PyDict_Type {
            sequtil::trashcan(op, dict_dealloc_body)
        } else {
            dict_dealloc_body(op)
        }
    }
}

unsafe fn dict_dealloc_body(op: *mut PyObject) {
    unsafe {
        clear_dict(op);
        super::typeobject::free_instance(op);
    }
}

unsafe extern "C" fn dict_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let mut pos = 0;
        while let Some((k, v, _)) = next(op, &mut pos) {
            let r = visit(k, arg);
            if r != 0 {
                return r;
            }
            let r = visit(v, arg);
            if r != 0 {
                return r;
            }
        }
        0
    }
}

unsafe extern "C" fn dict_tp_clear(op: *mut PyObject) -> c_int {
    unsafe { clear_dict(op) };
    0
}

unsafe extern "C" fn dict_length(op: *mut PyObject) -> Py_ssize_t {
    unsafe { len(op) }
}

unsafe extern "C" fn dict_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        match get_item(op, key)? {
            Some(v) => Ok(v),
            None => {
                if !is_dict_exact(op) {
                    // A subclass's __missing__ (subclasses come with classes).
                    let m = super::typeobject::lookup_str((*op).ob_type, "__missing__")?;
                    if !m.is_null() {
                        return super::abstract_::call_function(m, &[op, key]);
                    }
                }
                Err(errors::key_error(key))
            }
        }
    })
}

pub unsafe fn is_dict_exact(op: *mut PyObject) -> bool {
    unsafe { (*op).ob_type == &raw mut PyDict_Type }
}

unsafe extern "C" fn dict_ass_subscript(op: *mut PyObject, key: *mut PyObject, v: *mut PyObject) -> c_int {
    crate::runtime::ffi::guard_unit(|| unsafe {
        if v.is_null() {
            del_item(op, key)
        } else {
            set_item(op, key, v)
        }
    })
}

unsafe extern "C" fn dict_contains(op: *mut PyObject, key: *mut PyObject) -> c_int {
    guard(|| unsafe { Ok(get_item(op, key)?.is_some() as c_int) })
}

unsafe extern "C" fn dict_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if len(op) == 0 {
            return unicodeobject::from_str("{}");
        }
        let _g = match super::abstract_::ReprGuard::enter(op)? {
            Some(g) => g,
            None => return unicodeobject::from_str("{...}"),
        };
        let mut s = String::from("{");
        let mut first = true;
        for (k, v) in items_owned(op) {
            if !first {
                s.push_str(", ");
            }
            first = false;
            s.push_str(&super::abstract_::repr_string_checked(k.as_ptr())?);
            s.push_str(": ");
            s.push_str(&super::abstract_::repr_string_checked(v.as_ptr())?);
        }
        s.push('}');
        unicodeobject::from_str(&s)
    })
}

unsafe extern "C" fn dict_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !is_dict(a) || !is_dict(b) || (op != Py_EQ && op != Py_NE) {
            return Ok(super::noneobject::not_implemented());
        }
        let mut eq = len(a) == len(b);
        if eq {
            for (k, v) in items_owned(a) {
                match get_item(b, k.as_ptr())? {
                    None => {
                        eq = false;
                        break;
                    }
                    Some(bv) => {
                        if !super::abstract_::rich_compare_bool(v.as_ptr(), bv.as_ptr(), Py_EQ)? {
                            eq = false;
                            break;
                        }
                    }
                }
            }
        }
        Ok(super::boolobject::owned_bool(if op == Py_EQ { eq } else { !eq }))
    })
}

// ---- positional access for iterators and views ----

/// Number of entry positions in use (live and deleted); 0 without a table.
pub unsafe fn nentries(op: *mut PyObject) -> Py_ssize_t {
    unsafe {
        let k = keys(op);
        if k.is_null() { 0 } else { (*k).nentries }
    }
}

/// The live entry at position `i`, borrowed (None if deleted or out of range).
pub unsafe fn entry_at(op: *mut PyObject, i: Py_ssize_t) -> Option<(*mut PyObject, *mut PyObject, Py_hash_t)> {
    unsafe {
        let k = keys(op);
        if k.is_null() || i < 0 || i >= (*k).nentries {
            return None;
        }
        let e = entries(k).add(i as usize);
        if (*e).key.is_null() {
            None
        } else {
            Some(((*e).key, (*e).value, (*e).hash))
        }
    }
}

/// Does the dict contain `key` whose hash is known (`_PyDict_Contains_KnownHash`)?
pub unsafe fn contains_hash(op: *mut PyObject, key: *mut PyObject, hash: Py_hash_t) -> PyResult<bool> {
    unsafe { Ok(lookup(op, key, hash)?.is_some()) }
}

/// `dict.update(arg)`'s first step: a dict or a mapping with `keys()` merges;
/// anything else is an iterable of pairs.
pub unsafe fn update_arg(op: *mut PyObject, arg: *mut PyObject) -> PyResult<()> {
    unsafe {
        if is_dict_exact(arg) {
            return merge(op, arg, true);
        }
        let name = unicodeobject::intern_str("keys")?;
        if super::abstract_::lookup_attr(arg, name.as_ptr())?.is_some() {
            return merge(op, arg, true);
        }
        merge_from_seq2(op, arg, true)
    }
}

/// `dict.popitem()`: the last entry (LIFO).
pub unsafe fn popitem(op: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if len(op) == 0 {
            let msg = unicodeobject::from_str("popitem(): dictionary is empty")?;
            return Err(errors::key_error(msg.as_ptr()));
        }
        let k = keys(op);
        let mut i = (*k).nentries - 1;
        while i >= 0 && (*entries(k).add(i as usize)).key.is_null() {
            i -= 1;
        }
        let e = entries(k).add(i as usize);
        let (key, value, hash) = ((*e).key, (*e).value, (*e).hash);
        // Find the index slot that points at entry `i`.
        let mask = (1usize << (*k).log2_size) - 1;
        let mut perturb = hash as usize;
        let mut slot = (hash as usize) & mask;
        while *indices(k).add(slot) != i as i32 {
            perturb >>= 5;
            slot = (slot.wrapping_mul(5).wrapping_add(perturb).wrapping_add(1)) & mask;
        }
        *indices(k).add(slot) = DUMMY;
        (*e).key = null_mut();
        (*e).value = null_mut();
        (*k).nentries = i;
        (*dd(op)).ma_used -= 1;
        bump_version(op);
        // The entry's references move into the tuple.
        let t = super::tupleobject::new_tuple(2);
        match t {
            Ok(t) => {
                super::tupleobject::set_item_raw(t.as_ptr(), 0, key);
                super::tupleobject::set_item_raw(t.as_ptr(), 1, value);
                Ok(t)
            }
            Err(e) => {
                decref(key);
                decref(value);
                Err(e)
            }
        }
    }
}

/// `dict.__sizeof__` as CPython 3.11 computes it for its own table layout.
pub unsafe fn sizeof(op: *mut PyObject) -> Py_ssize_t {
    unsafe {
        let mut res = (*(*op).ob_type).tp_basicsize;
        let k = keys(op);
        if !k.is_null() {
            let log2 = (*k).log2_size;
            let index_bytes: isize = if log2 < 8 { 1 } else if log2 < 16 { 2 } else if log2 < 32 { 4 } else { 8 };
            let entry_size = if (*k).unicode != 0 { 16 } else { 24 };
            res += 32 + (index_bytes << log2) + usable_for(log2) * entry_size;
        }
        res
    }
}

// ---- slots and methods ----

unsafe extern "C" fn dict_new(tp: *mut PyTypeObject, _args: *mut PyObject, _kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { super::typeobject::alloc_instance(tp, 0) })
}

unsafe extern "C" fn dict_init(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        let a = sequtil::tuple_args(args);
        sequtil::check_positional("dict", a.len(), 0, 1)?;
        if let Some(&arg) = a.first() {
            update_arg(op, arg)?;
        }
        if !kw.is_null() && len(kw) > 0 {
            merge(op, kw, true)?;
        }
        Ok(())
    })
}

unsafe extern "C" fn dict_iter(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { super::dictviews::new_iter(op, super::dictviews::IterKind::Keys, false) })
}

unsafe extern "C" fn dict_or(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !is_dict(a) || !is_dict(b) {
            return Ok(super::noneobject::not_implemented());
        }
        let new = copy(a)?;
        update_arg(new.as_ptr(), b)?;
        Ok(new)
    })
}

unsafe extern "C" fn dict_ior(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        update_arg(a, b)?;
        Ok(Owned::from_borrowed(a))
    })
}

unsafe extern "C" fn dict_sizeof(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { super::longobject::from_isize(sizeof(op)) })
}

unsafe extern "C" fn dict_get(op: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        let args = sequtil::fast_args(args, nargs);
        sequtil::check_positional("get", args.len(), 1, 2)?;
        match get_item(op, args[0])? {
            Some(v) => Ok(v),
            None => Ok(Owned::from_borrowed(if args.len() > 1 { args[1] } else { super::noneobject::none_ptr() })),
        }
    })
}

unsafe extern "C" fn dict_setdefault(op: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        let args = sequtil::fast_args(args, nargs);
        sequtil::check_positional("setdefault", args.len(), 1, 2)?;
        let default = if args.len() > 1 { args[1] } else { super::noneobject::none_ptr() };
        Ok(Owned::from_borrowed(set_default_borrowed(op, args[0], default)?))
    })
}

unsafe extern "C" fn dict_pop(op: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        let args = sequtil::fast_args(args, nargs);
        sequtil::check_positional("pop", args.len(), 1, 2)?;
        match pop_item(op, args[0])? {
            Some(v) => Ok(v),
            None if args.len() > 1 => Ok(Owned::from_borrowed(args[1])),
            None => Err(errors::key_error(args[0])),
        }
    })
}

unsafe extern "C" fn dict_popitem(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { popitem(op) })
}

unsafe extern "C" fn dict_keys(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { super::dictviews::new_view(op, super::dictviews::IterKind::Keys) })
}
unsafe extern "C" fn dict_items(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { super::dictviews::new_view(op, super::dictviews::IterKind::Items) })
}
unsafe extern "C" fn dict_values(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { super::dictviews::new_view(op, super::dictviews::IterKind::Values) })
}

unsafe extern "C" fn dict_update(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = sequtil::tuple_args(args);
        sequtil::check_positional("update", a.len(), 0, 1)?;
        if let Some(&arg) = a.first() {
            update_arg(op, arg)?;
        }
        if !kw.is_null() && len(kw) > 0 {
            merge(op, kw, true)?;
        }
        Ok(super::noneobject::none())
    })
}

unsafe extern "C" fn dict_fromkeys(cls: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        let args = sequtil::fast_args(args, nargs);
        sequtil::check_positional("fromkeys", args.len(), 1, 2)?;
        let value = if args.len() > 1 { args[1] } else { super::noneobject::none_ptr() };
        let d = super::abstract_::call_function(cls, &[])?;
        let exact = is_dict_exact(d.as_ptr());
        // An exact dict filled from a dict or set: presize and reuse stored hashes.
        if exact && len(d.as_ptr()) == 0 {
            let src = args[0];
            if is_dict_exact(src) {
                resize_kind(d.as_ptr(), estimate_log2_keysize(len(src) as usize), false)?;
                for (k, _, h) in entries_owned(src) {
                    set_item_hash(d.as_ptr(), k.as_ptr(), h, value)?;
                }
                return Ok(d);
            }
            if super::setobject::is_set_exact(src) || super::setobject::is_frozenset_exact(src) {
                resize_kind(d.as_ptr(), estimate_log2_keysize(super::setobject::len(src) as usize), false)?;
                let mut pos = 0;
                let mut ks = Vec::new();
                while let Some((k, h)) = super::setobject::next_entry(src, &mut pos) {
                    ks.push((Owned::from_borrowed(k), h));
                }
                for (k, h) in ks {
                    set_item_hash(d.as_ptr(), k.as_ptr(), h, value)?;
                }
                return Ok(d);
            }
        }
        let it = super::abstract_::get_iter(args[0])?;
        while let Some(k) = super::abstract_::iter_next(it.as_ptr())? {
            if exact {
                set_item(d.as_ptr(), k.as_ptr(), value)?;
            } else {
                super::abstract_::set_item(d.as_ptr(), k.as_ptr(), value)?;
            }
        }
        Ok(d)
    })
}

unsafe extern "C" fn dict_clear_method(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    unsafe {
        clear_dict(op);
        super::noneobject::new_none()
    }
}

unsafe extern "C" fn dict_copy_method(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { copy(op) })
}

unsafe extern "C" fn dict_reversed(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { super::dictviews::new_iter(op, super::dictviews::IterKind::Keys, true) })
}
