//! Dict views (`dict_keys`, `dict_values`, `dict_items`) and dict iterators
//! (`dict_keyiterator` … and the three reverse iterators); CPython keeps them
//! in `Objects/dictobject.c`.
//!
//! Design note. An iterator walks the dict's entry array by position and
//! remembers `ma_used` at creation: a different size raises "dictionary
//! changed size during iteration" (sticky: `di_used = -1`), and finding more
//! live entries than were there at the start raises "dictionary keys changed
//! during iteration". The keys and items views are set-like: comparisons and
//! `& | - ^` go through the set implementation (`setobject.rs`).
use super::dictobject as d;
use super::object::*;
use super::pyref::*;
use super::setobject;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard, guard_obj};
use core::mem::size_of;
use core::ptr::null_mut;
use libc::{c_int, c_void};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum IterKind {
    Keys,
    Values,
    Items,
}

// ---- views ----

#[repr(C)]
pub struct DictViewObject {
    pub ob_base: PyObject,
    pub dv_dict: *mut PyObject,
}

macro_rules! mdef {
    ($name:literal, $f:expr, $flags:expr, $doc:literal) => {
        PyMethodDef { ml_name: $name.as_ptr(), ml_meth: $f as *mut c_void, ml_flags: $flags, ml_doc: $doc.as_ptr() }
    };
}

static mut KEYS_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(view_len),
    sq_contains: Some(keys_contains),
    ..PySequenceMethods::EMPTY
};
static mut ITEMS_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(view_len),
    sq_contains: Some(items_contains),
    ..PySequenceMethods::EMPTY
};
static mut VALUES_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(view_len),
    ..PySequenceMethods::EMPTY
};
static mut VIEW_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_subtract: Some(views_sub),
    nb_and: Some(views_and),
    nb_xor: Some(views_xor),
    nb_or: Some(views_or),
    ..PyNumberMethods::EMPTY
};
static mut SETVIEW_METHODS: [PyMethodDef; 3] = [
    mdef!(c"isdisjoint", views_isdisjoint, METH_O, c"Return True if the view and the given iterable have a null intersection."),
    mdef!(c"__reversed__", view_reversed, METH_NOARGS, c"Return a reverse iterator over the dict keys."),
    PyMethodDef::SENTINEL,
];
static mut ITEMSVIEW_METHODS: [PyMethodDef; 3] = [
    mdef!(c"isdisjoint", views_isdisjoint, METH_O, c"Return True if the view and the given iterable have a null intersection."),
    mdef!(c"__reversed__", view_reversed, METH_NOARGS, c"Return a reverse iterator over the dict items."),
    PyMethodDef::SENTINEL,
];
static mut VALUESVIEW_METHODS: [PyMethodDef; 2] = [
    mdef!(c"__reversed__", view_reversed, METH_NOARGS, c"Return a reverse iterator over the dict values."),
    PyMethodDef::SENTINEL,
];
static mut VIEW_GETSET: [PyGetSetDef; 2] = [
    PyGetSetDef {
        name: c"mapping".as_ptr(),
        get: Some(view_mapping),
        set: None,
        doc: c"dictionary that this view refers to".as_ptr(),
        closure: null_mut(),
    },
    PyGetSetDef::SENTINEL,
];

const VIEW_FLAGS: core::ffi::c_ulong = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_DISALLOW_INSTANTIATION;

#[no_mangle]
pub static mut PyDictKeys_Type: PyTypeObject = PyTypeObject {
    tp_flags: VIEW_FLAGS,
    tp_dealloc: Some(view_dealloc),
    tp_repr: Some(view_repr),
    tp_traverse: Some(view_traverse),
    tp_clear: Some(view_clear),
    tp_richcompare: Some(view_richcompare),
    tp_iter: Some(view_iter),
    tp_as_sequence: &raw mut KEYS_AS_SEQUENCE,
    tp_as_number: &raw mut VIEW_AS_NUMBER,
    tp_methods: &raw mut SETVIEW_METHODS as *mut PyMethodDef,
    tp_getset: &raw mut VIEW_GETSET as *mut PyGetSetDef,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    ..PyTypeObject::new(c"dict_keys", size_of::<DictViewObject>(), 0)
};
#[no_mangle]
pub static mut PyDictItems_Type: PyTypeObject = PyTypeObject {
    tp_flags: VIEW_FLAGS,
    tp_dealloc: Some(view_dealloc),
    tp_repr: Some(view_repr),
    tp_traverse: Some(view_traverse),
    tp_clear: Some(view_clear),
    tp_richcompare: Some(view_richcompare),
    tp_iter: Some(view_iter),
    tp_as_sequence: &raw mut ITEMS_AS_SEQUENCE,
    tp_as_number: &raw mut VIEW_AS_NUMBER,
    tp_methods: &raw mut ITEMSVIEW_METHODS as *mut PyMethodDef,
    tp_getset: &raw mut VIEW_GETSET as *mut PyGetSetDef,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    ..PyTypeObject::new(c"dict_items", size_of::<DictViewObject>(), 0)
};
#[no_mangle]
pub static mut PyDictValues_Type: PyTypeObject = PyTypeObject {
    tp_flags: VIEW_FLAGS,
    tp_dealloc: Some(view_dealloc),
    tp_repr: Some(view_repr),
    tp_traverse: Some(view_traverse),
    tp_clear: Some(view_clear),
    tp_iter: Some(view_iter),
    tp_as_sequence: &raw mut VALUES_AS_SEQUENCE,
    tp_methods: &raw mut VALUESVIEW_METHODS as *mut PyMethodDef,
    tp_getset: &raw mut VIEW_GETSET as *mut PyGetSetDef,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    ..PyTypeObject::new(c"dict_values", size_of::<DictViewObject>(), 0)
};

unsafe fn view_kind(op: *mut PyObject) -> IterKind {
    unsafe {
        let tp = (*op).ob_type;
        if tp == &raw mut PyDictKeys_Type {
            IterKind::Keys
        } else if tp == &raw mut PyDictItems_Type {
            IterKind::Items
        } else {
            IterKind::Values
        }
    }
}

/// Is `op` a keys or items view (`PyDictViewSet_Check`)?
pub unsafe fn is_set_view(op: *mut PyObject) -> bool {
    unsafe {
        let tp = (*op).ob_type;
        tp == &raw mut PyDictKeys_Type || tp == &raw mut PyDictItems_Type
    }
}

pub unsafe fn is_keys_view(op: *mut PyObject) -> bool {
    unsafe { (*op).ob_type == &raw mut PyDictKeys_Type }
}

/// A new view of `dict` (`dict.keys()` …).
pub unsafe fn new_view(dict: *mut PyObject, kind: IterKind) -> PyResult<Owned> {
    unsafe {
        let tp = match kind {
            IterKind::Keys => &raw mut PyDictKeys_Type,
            IterKind::Values => &raw mut PyDictValues_Type,
            IterKind::Items => &raw mut PyDictItems_Type,
        };
        let v = super::typeobject::generic_alloc(tp, 0)?;
        (*(v.as_ptr() as *mut DictViewObject)).dv_dict = new_ref(dict);
        Ok(v)
    }
}

#[inline]
unsafe fn view_dict(op: *mut PyObject) -> *mut PyObject {
    unsafe { (*(op as *mut DictViewObject)).dv_dict }
}

unsafe extern "C" fn view_dealloc(op: *mut PyObject) {
    unsafe {
        clear(&mut (*(op as *mut DictViewObject)).dv_dict);
        super::typeobject::free_instance(op);
    }
}
unsafe extern "C" fn view_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let dct = view_dict(op);
        if dct.is_null() { 0 } else { visit(dct, arg) }
    }
}
unsafe extern "C" fn view_clear(op: *mut PyObject) -> c_int {
    unsafe { clear(&mut (*(op as *mut DictViewObject)).dv_dict) };
    0
}
unsafe extern "C" fn view_len(op: *mut PyObject) -> Py_ssize_t {
    unsafe {
        let dct = view_dict(op);
        if dct.is_null() { 0 } else { d::len(dct) }
    }
}
unsafe extern "C" fn view_iter(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let dct = view_dict(op);
        if dct.is_null() {
            return super::tupleobject::new_empty().and_then(|t| super::abstract_::get_iter(t.as_ptr()));
        }
        new_iter(dct, view_kind(op), false)
    })
}
unsafe extern "C" fn view_reversed(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let dct = view_dict(op);
        if dct.is_null() {
            return super::tupleobject::new_empty().and_then(|t| super::abstract_::get_iter(t.as_ptr()));
        }
        new_iter(dct, view_kind(op), true)
    })
}
unsafe extern "C" fn view_mapping(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { super::descrobject::new_mappingproxy(view_dict(op)) })
}

unsafe extern "C" fn keys_contains(op: *mut PyObject, key: *mut PyObject) -> c_int {
    guard(|| unsafe {
        let dct = view_dict(op);
        if dct.is_null() {
            return Ok(0);
        }
        Ok(d::get_item(dct, key)?.is_some() as c_int)
    })
}

unsafe fn items_contains_rs(op: *mut PyObject, obj: *mut PyObject) -> PyResult<bool> {
    unsafe {
        let dct = view_dict(op);
        if dct.is_null() || !super::tupleobject::is_tuple(obj) || Py_SIZE(obj) != 2 {
            return Ok(false);
        }
        let key = super::tupleobject::get_item(obj, 0);
        let value = super::tupleobject::get_item(obj, 1);
        match d::get_item(dct, key)? {
            None => Ok(false),
            Some(found) => super::abstract_::rich_compare_bool(found.as_ptr(), value, Py_EQ),
        }
    }
}

unsafe extern "C" fn items_contains(op: *mut PyObject, obj: *mut PyObject) -> c_int {
    guard(|| unsafe { Ok(items_contains_rs(op, obj)? as c_int) })
}

unsafe extern "C" fn view_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let _g = match super::abstract_::ReprGuard::enter(op)? {
            Some(g) => g,
            None => return super::unicodeobject::from_str("..."),
        };
        let items = super::abstract_::collect(op)?;
        let l = super::listobject::from_owned(items)?;
        let r = super::abstract_::repr_string_checked(l.as_ptr())?;
        let name = super::typeobject::type_name_full((*op).ob_type);
        super::unicodeobject::from_str(&format!("{}({})", name, r))
    })
}

/// Every item of `a` is in `b`.
unsafe fn all_contained_in(a: *mut PyObject, b: *mut PyObject) -> PyResult<bool> {
    unsafe {
        let it = super::abstract_::get_iter(a)?;
        while let Some(x) = super::abstract_::iter_next(it.as_ptr())? {
            if !super::abstract_::contains(b, x.as_ptr())? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

unsafe extern "C" fn view_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !setobject::is_anyset(b) && !is_set_view(b) {
            return Ok(super::noneobject::not_implemented());
        }
        let la = super::abstract_::length(a)?;
        let lb = super::abstract_::length(b)?;
        let ok = match op {
            Py_EQ | Py_NE => {
                let eq = la == lb && all_contained_in(a, b)?;
                if op == Py_EQ { eq } else { !eq }
            }
            Py_LT => la < lb && all_contained_in(a, b)?,
            Py_LE => la <= lb && all_contained_in(a, b)?,
            Py_GT => la > lb && all_contained_in(b, a)?,
            _ => la >= lb && all_contained_in(b, a)?,
        };
        Ok(super::boolobject::owned_bool(ok))
    })
}

/// `set(view)`, taking the dict itself for a keys view (same result, faster).
unsafe fn to_set(op: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let mut left = op;
        if is_keys_view(op) {
            let dct = view_dict(op);
            if !dct.is_null() && d::is_dict_exact(dct) {
                left = dct;
            }
        }
        setobject::new_set(&raw mut setobject::PySet_Type, left)
    }
}

unsafe extern "C" fn views_sub(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let r = to_set(a)?;
        setobject::difference_update_internal(r.as_ptr(), b)?;
        Ok(r)
    })
}

unsafe extern "C" fn views_or(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let r = to_set(a)?;
        setobject::update_internal(r.as_ptr(), b)?;
        Ok(r)
    })
}

unsafe extern "C" fn views_xor(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let r = to_set(a)?;
        setobject::symmetric_difference_update(r.as_ptr(), b)?;
        Ok(r)
    })
}

unsafe extern "C" fn views_and(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let (mut s, mut o) = (a, b);
        // The interpreter swaps the operands when the view is on the right.
        if !is_set_view(s) {
            core::mem::swap(&mut s, &mut o);
        }
        let len_self = view_len(s);
        if setobject::is_set_exact(o) && len_self <= setobject::len(o) {
            return setobject::intersection(o, s);
        }
        if is_set_view(o) && view_len(o) > len_self {
            core::mem::swap(&mut s, &mut o);
        }
        let result = setobject::new_set(&raw mut setobject::PySet_Type, null_mut())?;
        let it = super::abstract_::get_iter(o)?;
        let keys = is_keys_view(s);
        while let Some(k) = super::abstract_::iter_next(it.as_ptr())? {
            let found = if keys {
                let dct = view_dict(s);
                !dct.is_null() && d::get_item(dct, k.as_ptr())?.is_some()
            } else {
                items_contains_rs(s, k.as_ptr())?
            };
            if found {
                setobject::add_key(result.as_ptr(), k.as_ptr())?;
            }
        }
        Ok(result)
    })
}

unsafe extern "C" fn views_isdisjoint(op: *mut PyObject, other: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if op == other {
            return Ok(super::boolobject::owned_bool(view_len(op) == 0));
        }
        let (mut s, mut o) = (op, other);
        if setobject::is_anyset(o) || is_set_view(o) {
            let lo = super::abstract_::length(o)?;
            if lo > view_len(s) {
                core::mem::swap(&mut s, &mut o);
            }
        }
        let it = super::abstract_::get_iter(o)?;
        while let Some(x) = super::abstract_::iter_next(it.as_ptr())? {
            if super::abstract_::contains(s, x.as_ptr())? {
                return Ok(super::boolobject::owned_bool(false));
            }
        }
        Ok(super::boolobject::owned_bool(true))
    })
}

// ---- iterators ----

#[repr(C)]
pub struct DictIterObject {
    pub ob_base: PyObject,
    pub di_dict: *mut PyObject,
    pub di_used: Py_ssize_t,
    pub di_pos: Py_ssize_t,
    pub len: Py_ssize_t,
}

static mut DICTITER_METHODS: [PyMethodDef; 2] = [
    mdef!(c"__length_hint__", dictiter_len, METH_NOARGS, c"Private method returning an estimate of len(list(it))."),
    PyMethodDef::SENTINEL,
];

macro_rules! dictiter_type {
    ($name:ident, $tpname:literal, $next:ident) => {
        #[no_mangle]
        pub static mut $name: PyTypeObject = PyTypeObject {
            tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_DISALLOW_INSTANTIATION,
            tp_dealloc: Some(dictiter_dealloc),
            tp_traverse: Some(dictiter_traverse),
            tp_clear: Some(dictiter_clear),
            tp_iter: Some(crate::capi::object::PyObject_SelfIter),
            tp_iternext: Some($next),
            tp_methods: &raw mut DICTITER_METHODS as *mut PyMethodDef,
            tp_free: Some(crate::capi::object::PyObject_GC_Del),
            ..PyTypeObject::new($tpname, size_of::<DictIterObject>(), 0)
        };
    };
}

dictiter_type!(PyDictIterKey_Type, c"dict_keyiterator", dictiter_next_key);
dictiter_type!(PyDictIterValue_Type, c"dict_valueiterator", dictiter_next_value);
dictiter_type!(PyDictIterItem_Type, c"dict_itemiterator", dictiter_next_item);
dictiter_type!(PyDictRevIterKey_Type, c"dict_reversekeyiterator", dictreviter_next_key);
dictiter_type!(PyDictRevIterValue_Type, c"dict_reversevalueiterator", dictreviter_next_value);
dictiter_type!(PyDictRevIterItem_Type, c"dict_reverseitemiterator", dictreviter_next_item);

/// Every static type of this file (for `static_types()`).
pub fn types() -> [*mut PyTypeObject; 9] {
    [
        &raw mut PyDictKeys_Type,
        &raw mut PyDictValues_Type,
        &raw mut PyDictItems_Type,
        &raw mut PyDictIterKey_Type,
        &raw mut PyDictIterValue_Type,
        &raw mut PyDictIterItem_Type,
        &raw mut PyDictRevIterKey_Type,
        &raw mut PyDictRevIterValue_Type,
        &raw mut PyDictRevIterItem_Type,
    ]
}

/// A new iterator over `dict` (forward or reversed).
pub unsafe fn new_iter(dict: *mut PyObject, kind: IterKind, reversed: bool) -> PyResult<Owned> {
    unsafe {
        let tp = match (kind, reversed) {
            (IterKind::Keys, false) => &raw mut PyDictIterKey_Type,
            (IterKind::Values, false) => &raw mut PyDictIterValue_Type,
            (IterKind::Items, false) => &raw mut PyDictIterItem_Type,
            (IterKind::Keys, true) => &raw mut PyDictRevIterKey_Type,
            (IterKind::Values, true) => &raw mut PyDictRevIterValue_Type,
            (IterKind::Items, true) => &raw mut PyDictRevIterItem_Type,
        };
        let it = super::typeobject::generic_alloc(tp, 0)?;
        let p = it.as_ptr() as *mut DictIterObject;
        (*p).di_dict = new_ref(dict);
        (*p).di_used = d::len(dict);
        (*p).len = d::len(dict);
        (*p).di_pos = if reversed { d::nentries(dict) - 1 } else { 0 };
        Ok(it)
    }
}

unsafe extern "C" fn dictiter_dealloc(op: *mut PyObject) {
    unsafe {
        clear(&mut (*(op as *mut DictIterObject)).di_dict);
        super::typeobject::free_instance(op);
    }
}
unsafe extern "C" fn dictiter_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let dct = (*(op as *mut DictIterObject)).di_dict;
        if dct.is_null() { 0 } else { visit(dct, arg) }
    }
}
unsafe extern "C" fn dictiter_clear(op: *mut PyObject) -> c_int {
    unsafe { clear(&mut (*(op as *mut DictIterObject)).di_dict) };
    0
}
unsafe extern "C" fn dictiter_len(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let p = op as *mut DictIterObject;
        let dct = (*p).di_dict;
        let n = if !dct.is_null() && (*p).di_used == d::len(dct) { (*p).len } else { 0 };
        super::longobject::from_isize(n)
    })
}

/// The next live entry, borrowed; Ok(None) at the end (iterator exhausted).
unsafe fn dictiter_step(op: *mut PyObject, reversed: bool) -> PyResult<Option<(*mut PyObject, *mut PyObject)>> {
    unsafe {
        let p = op as *mut DictIterObject;
        let dct = (*p).di_dict;
        if dct.is_null() {
            return Ok(None);
        }
        if (*p).di_used != d::len(dct) {
            (*p).di_used = -1; // sticky
            return Err(errors::runtime_error("dictionary changed size during iteration"));
        }
        let mut i = (*p).di_pos;
        let found = if reversed {
            loop {
                if i < 0 {
                    break None;
                }
                if let Some(e) = d::entry_at(dct, i) {
                    break Some(e);
                }
                i -= 1;
            }
        } else {
            let n = d::nentries(dct);
            loop {
                if i >= n {
                    break None;
                }
                if let Some(e) = d::entry_at(dct, i) {
                    break Some(e);
                }
                i += 1;
            }
        };
        let Some((k, v, _)) = found else {
            clear(&mut (*p).di_dict);
            return Ok(None);
        };
        if (*p).len == 0 {
            clear(&mut (*p).di_dict);
            return Err(errors::runtime_error("dictionary keys changed during iteration"));
        }
        (*p).di_pos = if reversed { i - 1 } else { i + 1 };
        (*p).len -= 1;
        Ok(Some((k, v)))
    }
}

unsafe fn dictiter_result(op: *mut PyObject, kind: IterKind, reversed: bool) -> PyResult<Owned> {
    unsafe {
        match dictiter_step(op, reversed)? {
            None => Err(errors::stop_iteration_silent()),
            Some((k, v)) => match kind {
                IterKind::Keys => Ok(Owned::from_borrowed(k)),
                IterKind::Values => Ok(Owned::from_borrowed(v)),
                IterKind::Items => super::tupleobject::pack(&[k, v]),
            },
        }
    }
}

unsafe extern "C" fn dictiter_next_key(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { dictiter_result(op, IterKind::Keys, false) })
}
unsafe extern "C" fn dictiter_next_value(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { dictiter_result(op, IterKind::Values, false) })
}
unsafe extern "C" fn dictiter_next_item(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { dictiter_result(op, IterKind::Items, false) })
}
unsafe extern "C" fn dictreviter_next_key(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { dictiter_result(op, IterKind::Keys, true) })
}
unsafe extern "C" fn dictreviter_next_value(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { dictiter_result(op, IterKind::Values, true) })
}
unsafe extern "C" fn dictreviter_next_item(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { dictiter_result(op, IterKind::Items, true) })
}
