//! The slot table: which dunder name belongs to which C slot, and the wrapper
//! that calls a C slot from Python (so `int.__add__`, `list.__len__` exist).
//!
//! Design note. `SLOTDEFS` is the one list (CPython's `slotdefs[]` order, which
//! decides the winner when two slots share a name: `__getitem__` comes from
//! `mp_subscript` before `sq_item`). `add_operators` turns a type's *own*
//! non-null slots into `wrapper_descriptor`s in its dict during `PyType_Ready`.
//! The reverse direction — a Python class defining `__add__` filling `nb_add`
//! with a function that looks the dunder up — arrives with Python classes
//! (`update_slot` is its entry point).
use super::object::*;
use super::pyref::*;
use super::{dictobject, tupleobject, unicodeobject};
use crate::runtime::errors::{self, PyResult};
use core::ffi::CStr;
use core::mem::offset_of;
use core::ptr::null_mut;
use libc::{c_int, c_void};

/// Where a slot lives: in the type object or in one of its method tables.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SlotLoc {
    Tp(usize),
    Am(usize),
    Nb(usize),
    Mp(usize),
    Sq(usize),
}

pub type Wrapper = unsafe fn(*mut PyObject, *mut PyObject, *mut PyObject, *mut c_void, &str) -> PyResult<Owned>;

pub struct SlotDef {
    pub name: &'static CStr,
    pub loc: SlotLoc,
    pub wrapper: Wrapper,
    pub doc: &'static CStr,
    pub wrapper_takes_kwargs: bool,
}

/// Read a slot's function pointer (null if absent or its table is absent).
pub unsafe fn read_slot(tp: *mut PyTypeObject, loc: SlotLoc) -> *mut c_void {
    unsafe {
        let (table, off): (*mut u8, usize) = match loc {
            SlotLoc::Tp(o) => (tp as *mut u8, o),
            SlotLoc::Am(o) => ((*tp).tp_as_async as *mut u8, o),
            SlotLoc::Nb(o) => ((*tp).tp_as_number as *mut u8, o),
            SlotLoc::Mp(o) => ((*tp).tp_as_mapping as *mut u8, o),
            SlotLoc::Sq(o) => ((*tp).tp_as_sequence as *mut u8, o),
        };
        if table.is_null() {
            return null_mut();
        }
        *(table.add(off) as *const *mut c_void)
    }
}

macro_rules! tp { ($f:ident) => { SlotLoc::Tp(offset_of!(PyTypeObject, $f)) }; }
macro_rules! am { ($f:ident) => { SlotLoc::Am(offset_of!(PyAsyncMethods, $f)) }; }
macro_rules! nb { ($f:ident) => { SlotLoc::Nb(offset_of!(PyNumberMethods, $f)) }; }
macro_rules! mp { ($f:ident) => { SlotLoc::Mp(offset_of!(PyMappingMethods, $f)) }; }
macro_rules! sq { ($f:ident) => { SlotLoc::Sq(offset_of!(PySequenceMethods, $f)) }; }
macro_rules! sd {
    ($name:literal, $loc:expr, $w:expr, $doc:literal) => {
        SlotDef { name: $name, loc: $loc, wrapper: $w, doc: $doc, wrapper_takes_kwargs: false }
    };
    ($name:literal, $loc:expr, $w:expr, $doc:literal, kw) => {
        SlotDef { name: $name, loc: $loc, wrapper: $w, doc: $doc, wrapper_takes_kwargs: true }
    };
}

pub static SLOTDEFS: &[SlotDef] = &[
    sd!(c"__getattribute__", tp!(tp_getattro), wrap_binaryfunc, c"Return getattr(self, name)."),
    sd!(c"__setattr__", tp!(tp_setattro), wrap_setattr, c"Implement setattr(self, name, value)."),
    sd!(c"__delattr__", tp!(tp_setattro), wrap_delattr, c"Implement delattr(self, name)."),
    sd!(c"__repr__", tp!(tp_repr), wrap_unaryfunc, c"Return repr(self)."),
    sd!(c"__hash__", tp!(tp_hash), wrap_hashfunc, c"Return hash(self)."),
    sd!(c"__call__", tp!(tp_call), wrap_call, c"Call self as a function.", kw),
    sd!(c"__str__", tp!(tp_str), wrap_unaryfunc, c"Return str(self)."),
    sd!(c"__lt__", tp!(tp_richcompare), wrap_lt, c"Return self<value."),
    sd!(c"__le__", tp!(tp_richcompare), wrap_le, c"Return self<=value."),
    sd!(c"__eq__", tp!(tp_richcompare), wrap_eq, c"Return self==value."),
    sd!(c"__ne__", tp!(tp_richcompare), wrap_ne, c"Return self!=value."),
    sd!(c"__gt__", tp!(tp_richcompare), wrap_gt, c"Return self>value."),
    sd!(c"__ge__", tp!(tp_richcompare), wrap_ge, c"Return self>=value."),
    sd!(c"__iter__", tp!(tp_iter), wrap_unaryfunc, c"Implement iter(self)."),
    sd!(c"__next__", tp!(tp_iternext), wrap_next, c"Implement next(self)."),
    sd!(c"__get__", tp!(tp_descr_get), wrap_descr_get, c"Return an attribute of instance, which is of type owner."),
    sd!(c"__set__", tp!(tp_descr_set), wrap_descr_set, c"Set an attribute of instance to value."),
    sd!(c"__delete__", tp!(tp_descr_set), wrap_descr_delete, c"Delete an attribute of instance."),
    sd!(c"__init__", tp!(tp_init), wrap_init, c"Initialize self.  See help(type(self)) for accurate signature.", kw),
    sd!(c"__del__", tp!(tp_finalize), wrap_del, c"Called when the instance is about to be destroyed."),
    sd!(c"__await__", am!(am_await), wrap_unaryfunc, c"Return an iterator to be used in await expression."),
    sd!(c"__aiter__", am!(am_aiter), wrap_unaryfunc, c"Return an awaitable, that resolves in asynchronous iterator."),
    sd!(c"__anext__", am!(am_anext), wrap_unaryfunc, c"Return a value or raise StopAsyncIteration."),
    sd!(c"__add__", nb!(nb_add), wrap_binaryfunc_l, c"Return self+value."),
    sd!(c"__radd__", nb!(nb_add), wrap_binaryfunc_r, c"Return value+self."),
    sd!(c"__sub__", nb!(nb_subtract), wrap_binaryfunc_l, c"Return self-value."),
    sd!(c"__rsub__", nb!(nb_subtract), wrap_binaryfunc_r, c"Return value-self."),
    sd!(c"__mul__", nb!(nb_multiply), wrap_binaryfunc_l, c"Return self*value."),
    sd!(c"__rmul__", nb!(nb_multiply), wrap_binaryfunc_r, c"Return value*self."),
    sd!(c"__mod__", nb!(nb_remainder), wrap_binaryfunc_l, c"Return self%value."),
    sd!(c"__rmod__", nb!(nb_remainder), wrap_binaryfunc_r, c"Return value%self."),
    sd!(c"__divmod__", nb!(nb_divmod), wrap_binaryfunc_l, c"Return divmod(self, value)."),
    sd!(c"__rdivmod__", nb!(nb_divmod), wrap_binaryfunc_r, c"Return divmod(value, self)."),
    sd!(c"__pow__", nb!(nb_power), wrap_ternaryfunc, c"Return pow(self, value, mod)."),
    sd!(c"__rpow__", nb!(nb_power), wrap_ternaryfunc_r, c"Return pow(value, self, mod)."),
    sd!(c"__neg__", nb!(nb_negative), wrap_unaryfunc, c"-self"),
    sd!(c"__pos__", nb!(nb_positive), wrap_unaryfunc, c"+self"),
    sd!(c"__abs__", nb!(nb_absolute), wrap_unaryfunc, c"abs(self)"),
    sd!(c"__bool__", nb!(nb_bool), wrap_inquirypred, c"True if self else False"),
    sd!(c"__invert__", nb!(nb_invert), wrap_unaryfunc, c"~self"),
    sd!(c"__lshift__", nb!(nb_lshift), wrap_binaryfunc_l, c"Return self<<value."),
    sd!(c"__rlshift__", nb!(nb_lshift), wrap_binaryfunc_r, c"Return value<<self."),
    sd!(c"__rshift__", nb!(nb_rshift), wrap_binaryfunc_l, c"Return self>>value."),
    sd!(c"__rrshift__", nb!(nb_rshift), wrap_binaryfunc_r, c"Return value>>self."),
    sd!(c"__and__", nb!(nb_and), wrap_binaryfunc_l, c"Return self&value."),
    sd!(c"__rand__", nb!(nb_and), wrap_binaryfunc_r, c"Return value&self."),
    sd!(c"__xor__", nb!(nb_xor), wrap_binaryfunc_l, c"Return self^value."),
    sd!(c"__rxor__", nb!(nb_xor), wrap_binaryfunc_r, c"Return value^self."),
    sd!(c"__or__", nb!(nb_or), wrap_binaryfunc_l, c"Return self|value."),
    sd!(c"__ror__", nb!(nb_or), wrap_binaryfunc_r, c"Return value|self."),
    sd!(c"__int__", nb!(nb_int), wrap_unaryfunc, c"int(self)"),
    sd!(c"__float__", nb!(nb_float), wrap_unaryfunc, c"float(self)"),
    sd!(c"__iadd__", nb!(nb_inplace_add), wrap_binaryfunc, c"Return self+=value."),
    sd!(c"__isub__", nb!(nb_inplace_subtract), wrap_binaryfunc, c"Return self-=value."),
    sd!(c"__imul__", nb!(nb_inplace_multiply), wrap_binaryfunc, c"Return self*=value."),
    sd!(c"__imod__", nb!(nb_inplace_remainder), wrap_binaryfunc, c"Return self%=value."),
    sd!(c"__ipow__", nb!(nb_inplace_power), wrap_ternaryfunc, c"Return self**=value."),
    sd!(c"__ilshift__", nb!(nb_inplace_lshift), wrap_binaryfunc, c"Return self<<=value."),
    sd!(c"__irshift__", nb!(nb_inplace_rshift), wrap_binaryfunc, c"Return self>>=value."),
    sd!(c"__iand__", nb!(nb_inplace_and), wrap_binaryfunc, c"Return self&=value."),
    sd!(c"__ixor__", nb!(nb_inplace_xor), wrap_binaryfunc, c"Return self^=value."),
    sd!(c"__ior__", nb!(nb_inplace_or), wrap_binaryfunc, c"Return self|=value."),
    sd!(c"__floordiv__", nb!(nb_floor_divide), wrap_binaryfunc_l, c"Return self//value."),
    sd!(c"__rfloordiv__", nb!(nb_floor_divide), wrap_binaryfunc_r, c"Return value//self."),
    sd!(c"__truediv__", nb!(nb_true_divide), wrap_binaryfunc_l, c"Return self/value."),
    sd!(c"__rtruediv__", nb!(nb_true_divide), wrap_binaryfunc_r, c"Return value/self."),
    sd!(c"__ifloordiv__", nb!(nb_inplace_floor_divide), wrap_binaryfunc, c"Return self//=value."),
    sd!(c"__itruediv__", nb!(nb_inplace_true_divide), wrap_binaryfunc, c"Return self/=value."),
    sd!(c"__index__", nb!(nb_index), wrap_unaryfunc, c"Return self converted to an integer, if self is suitable for use as an index into a list."),
    sd!(c"__matmul__", nb!(nb_matrix_multiply), wrap_binaryfunc_l, c"Return self@value."),
    sd!(c"__rmatmul__", nb!(nb_matrix_multiply), wrap_binaryfunc_r, c"Return value@self."),
    sd!(c"__imatmul__", nb!(nb_inplace_matrix_multiply), wrap_binaryfunc, c"Return self@=value."),
    sd!(c"__len__", mp!(mp_length), wrap_lenfunc, c"Return len(self)."),
    sd!(c"__getitem__", mp!(mp_subscript), wrap_binaryfunc, c"Return self[key]."),
    sd!(c"__setitem__", mp!(mp_ass_subscript), wrap_objobjargproc, c"Set self[key] to value."),
    sd!(c"__delitem__", mp!(mp_ass_subscript), wrap_delitem, c"Delete self[key]."),
    sd!(c"__len__", sq!(sq_length), wrap_lenfunc, c"Return len(self)."),
    sd!(c"__add__", sq!(sq_concat), wrap_binaryfunc, c"Return self+value."),
    sd!(c"__mul__", sq!(sq_repeat), wrap_indexargfunc, c"Return self*value."),
    sd!(c"__rmul__", sq!(sq_repeat), wrap_indexargfunc, c"Return value*self."),
    sd!(c"__getitem__", sq!(sq_item), wrap_sq_item, c"Return self[key]."),
    sd!(c"__setitem__", sq!(sq_ass_item), wrap_sq_setitem, c"Set self[key] to value."),
    sd!(c"__delitem__", sq!(sq_ass_item), wrap_sq_delitem, c"Delete self[key]."),
    sd!(c"__contains__", sq!(sq_contains), wrap_objobjproc, c"Return key in self."),
    sd!(c"__iadd__", sq!(sq_inplace_concat), wrap_binaryfunc, c"Implement self+=value."),
    sd!(c"__imul__", sq!(sq_inplace_repeat), wrap_indexargfunc, c"Implement self*=value."),
];

/// Give a readied type's own slots their dunder names in its dict.
pub unsafe fn add_operators(tp: *mut PyTypeObject) -> PyResult<()> {
    unsafe {
        let dict = (*tp).tp_dict;
        for sd in SLOTDEFS.iter() {
            let f = read_slot(tp, sd.loc);
            if f.is_null() {
                continue;
            }
            let name = unicodeobject::intern_str(sd.name.to_str().unwrap())?;
            if dictobject::get_item(dict, name.as_ptr())?.is_some() {
                continue;
            }
            if f == crate::capi::object::PyObject_HashNotImplemented as *mut c_void {
                dictobject::set_item(dict, name.as_ptr(), super::noneobject::none_ptr())?;
                continue;
            }
            let d = super::descrobject::new_wrapper_descr(tp, sd as *const SlotDef, f)?;
            dictobject::set_item(dict, name.as_ptr(), d.as_ptr())?;
        }
        if (*tp).tp_new.is_some() {
            let name = unicodeobject::intern_str("__new__")?;
            if dictobject::get_item(dict, name.as_ptr())?.is_none() {
                let f = super::methodobject::new_cfunction(&raw mut TP_NEW_METHODDEF, tp as *mut PyObject, null_mut(), null_mut())?;
                dictobject::set_item(dict, name.as_ptr(), f.as_ptr())?;
            }
        }
        Ok(())
    }
}

/// Keep C slots in step with a dunder assigned on a heap type. Python-level
/// slot functions arrive with Python classes; until then there is nothing to do.
pub unsafe fn update_slot(_tp: *mut PyTypeObject, _name: *mut PyObject) -> PyResult<()> {
    Ok(())
}

static mut TP_NEW_METHODDEF: PyMethodDef = PyMethodDef {
    ml_name: c"__new__".as_ptr(),
    ml_meth: tp_new_wrapper as *mut c_void,
    ml_flags: METH_VARARGS | METH_KEYWORDS,
    ml_doc: c"Create and return a new object.  See help(type) for accurate signature.".as_ptr(),
};

unsafe extern "C" fn tp_new_wrapper(self_: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    crate::runtime::ffi::guard_obj(|| unsafe {
        let tp = self_ as *mut PyTypeObject;
        let name = super::typeobject::type_name_str(tp);
        let a = tupleobject::as_slice(args);
        if a.is_empty() {
            return Err(errors::type_error(format!("{}.__new__(): not enough arguments", name)));
        }
        let arg0 = a[0];
        if !super::typeobject::is_type(arg0) {
            return Err(errors::type_error(format!(
                "{}.__new__(X): X is not a type object ({})",
                name,
                super::typeobject::type_name_str((*arg0).ob_type)
            )));
        }
        let sub = arg0 as *mut PyTypeObject;
        if !super::typeobject::is_subtype(sub, tp) {
            let sn = super::typeobject::type_name_str(sub);
            return Err(errors::type_error(format!(
                "{}.__new__({}): {} is not a subtype of {}",
                name, sn, sn, name
            )));
        }
        let rest = tupleobject::pack(&a[1..])?;
        match (*tp).tp_new {
            Some(f) => Owned::from_raw(f(sub, rest.as_ptr(), kw)),
            None => Err(errors::type_error(format!("cannot create '{}' instances", name))),
        }
    })
}

// ---- the wrappers ----

unsafe fn nargs(args: *mut PyObject) -> usize {
    unsafe { if args.is_null() { 0 } else { Py_SIZE(args) as usize } }
}

unsafe fn check_num_args(args: *mut PyObject, n: usize) -> PyResult<()> {
    unsafe {
        let got = nargs(args);
        if got != n {
            return Err(errors::type_error(format!(
                "expected {} argument{}, got {}",
                n,
                if n == 1 { "" } else { "s" },
                got
            )));
        }
        Ok(())
    }
}

unsafe fn arg(args: *mut PyObject, i: isize) -> *mut PyObject {
    unsafe { tupleobject::get_item(args, i) }
}

unsafe fn wrap_binaryfunc(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> {
    unsafe {
        check_num_args(a, 1)?;
        let f = core::mem::transmute::<*mut c_void, binaryfunc>(w).unwrap();
        Owned::from_raw(f(s, arg(a, 0)))
    }
}
unsafe fn wrap_binaryfunc_l(s: *mut PyObject, a: *mut PyObject, k: *mut PyObject, w: *mut c_void, n: &str) -> PyResult<Owned> {
    unsafe { wrap_binaryfunc(s, a, k, w, n) }
}
unsafe fn wrap_binaryfunc_r(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> {
    unsafe {
        check_num_args(a, 1)?;
        let f = core::mem::transmute::<*mut c_void, binaryfunc>(w).unwrap();
        Owned::from_raw(f(arg(a, 0), s))
    }
}
unsafe fn ternary_args(a: *mut PyObject) -> PyResult<(*mut PyObject, *mut PyObject)> {
    unsafe {
        let n = nargs(a);
        if !(1..=2).contains(&n) {
            return Err(errors::type_error(format!(
                "expected {} arguments, got {}",
                if n < 1 { "at least 1" } else { "at most 2" },
                n
            )));
        }
        Ok((arg(a, 0), if n == 2 { arg(a, 1) } else { super::noneobject::none_ptr() }))
    }
}
unsafe fn wrap_ternaryfunc(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> {
    unsafe {
        let (x, z) = ternary_args(a)?;
        let f = core::mem::transmute::<*mut c_void, ternaryfunc>(w).unwrap();
        Owned::from_raw(f(s, x, z))
    }
}
unsafe fn wrap_ternaryfunc_r(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> {
    unsafe {
        let (x, z) = ternary_args(a)?;
        let f = core::mem::transmute::<*mut c_void, ternaryfunc>(w).unwrap();
        Owned::from_raw(f(x, s, z))
    }
}
unsafe fn wrap_unaryfunc(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> {
    unsafe {
        check_num_args(a, 0)?;
        let f = core::mem::transmute::<*mut c_void, unaryfunc>(w).unwrap();
        Owned::from_raw(f(s))
    }
}
unsafe fn wrap_inquirypred(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> {
    unsafe {
        check_num_args(a, 0)?;
        let f = core::mem::transmute::<*mut c_void, inquiry>(w).unwrap();
        let r = f(s);
        if r < 0 {
            return Err(errors::Raised::assume());
        }
        Ok(super::boolobject::owned_bool(r != 0))
    }
}
unsafe fn wrap_lenfunc(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> {
    unsafe {
        check_num_args(a, 0)?;
        let f = core::mem::transmute::<*mut c_void, lenfunc>(w).unwrap();
        let r = f(s);
        if r < 0 && !errors::occurred().is_null() {
            return Err(errors::Raised::assume());
        }
        super::longobject::from_isize(r)
    }
}
unsafe fn wrap_hashfunc(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> {
    unsafe {
        check_num_args(a, 0)?;
        let f = core::mem::transmute::<*mut c_void, hashfunc>(w).unwrap();
        let r = f(s);
        if r == -1 && !errors::occurred().is_null() {
            return Err(errors::Raised::assume());
        }
        super::longobject::from_isize(r)
    }
}
unsafe fn wrap_call(s: *mut PyObject, a: *mut PyObject, k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> {
    unsafe {
        let f = core::mem::transmute::<*mut c_void, ternaryfunc>(w).unwrap();
        Owned::from_raw(f(s, a, k))
    }
}
unsafe fn wrap_init(s: *mut PyObject, a: *mut PyObject, k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> {
    unsafe {
        let f = core::mem::transmute::<*mut c_void, initproc>(w).unwrap();
        if f(s, a, k) < 0 {
            return Err(errors::Raised::assume());
        }
        Ok(super::noneobject::none())
    }
}
unsafe fn wrap_del(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> {
    unsafe {
        check_num_args(a, 0)?;
        let f = core::mem::transmute::<*mut c_void, destructor>(w).unwrap();
        f(s);
        Ok(super::noneobject::none())
    }
}
unsafe fn richcmp(s: *mut PyObject, a: *mut PyObject, w: *mut c_void, op: c_int) -> PyResult<Owned> {
    unsafe {
        check_num_args(a, 1)?;
        let f = core::mem::transmute::<*mut c_void, richcmpfunc>(w).unwrap();
        Owned::from_raw(f(s, arg(a, 0), op))
    }
}
unsafe fn wrap_lt(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> { unsafe { richcmp(s, a, w, Py_LT) } }
unsafe fn wrap_le(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> { unsafe { richcmp(s, a, w, Py_LE) } }
unsafe fn wrap_eq(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> { unsafe { richcmp(s, a, w, Py_EQ) } }
unsafe fn wrap_ne(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> { unsafe { richcmp(s, a, w, Py_NE) } }
unsafe fn wrap_gt(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> { unsafe { richcmp(s, a, w, Py_GT) } }
unsafe fn wrap_ge(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> { unsafe { richcmp(s, a, w, Py_GE) } }
unsafe fn wrap_next(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> {
    unsafe {
        check_num_args(a, 0)?;
        let f = core::mem::transmute::<*mut c_void, iternextfunc>(w).unwrap();
        let r = f(s);
        if r.is_null() {
            if errors::occurred().is_null() {
                return Err(errors::stop_iteration());
            }
            return Err(errors::Raised::assume());
        }
        Ok(Owned::from_raw_nonnull(r))
    }
}
unsafe fn wrap_descr_get(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> {
    unsafe {
        let n = nargs(a);
        if !(1..=2).contains(&n) {
            return Err(errors::type_error(format!("expected 1 or 2 arguments, got {}", n)));
        }
        let none = super::noneobject::none_ptr();
        let mut obj = arg(a, 0);
        let mut tp = if n == 2 { arg(a, 1) } else { null_mut() };
        if obj == none {
            obj = null_mut();
        }
        if tp == none {
            tp = null_mut();
        }
        if obj.is_null() && tp.is_null() {
            return Err(errors::type_error("__get__(None, None) is invalid"));
        }
        let f = core::mem::transmute::<*mut c_void, descrgetfunc>(w).unwrap();
        Owned::from_raw(f(s, obj, tp))
    }
}
unsafe fn wrap_descr_set(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> {
    unsafe {
        check_num_args(a, 2)?;
        let f = core::mem::transmute::<*mut c_void, descrsetfunc>(w).unwrap();
        if f(s, arg(a, 0), arg(a, 1)) < 0 {
            return Err(errors::Raised::assume());
        }
        Ok(super::noneobject::none())
    }
}
unsafe fn wrap_descr_delete(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> {
    unsafe {
        check_num_args(a, 1)?;
        let f = core::mem::transmute::<*mut c_void, descrsetfunc>(w).unwrap();
        if f(s, arg(a, 0), null_mut()) < 0 {
            return Err(errors::Raised::assume());
        }
        Ok(super::noneobject::none())
    }
}
unsafe fn wrap_setattr(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> {
    unsafe {
        check_num_args(a, 2)?;
        let f = core::mem::transmute::<*mut c_void, setattrofunc>(w).unwrap();
        if f(s, arg(a, 0), arg(a, 1)) < 0 {
            return Err(errors::Raised::assume());
        }
        Ok(super::noneobject::none())
    }
}
unsafe fn wrap_delattr(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> {
    unsafe {
        check_num_args(a, 1)?;
        let f = core::mem::transmute::<*mut c_void, setattrofunc>(w).unwrap();
        if f(s, arg(a, 0), null_mut()) < 0 {
            return Err(errors::Raised::assume());
        }
        Ok(super::noneobject::none())
    }
}
unsafe fn wrap_objobjargproc(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> {
    unsafe {
        check_num_args(a, 2)?;
        let f = core::mem::transmute::<*mut c_void, objobjargproc>(w).unwrap();
        if f(s, arg(a, 0), arg(a, 1)) < 0 {
            return Err(errors::Raised::assume());
        }
        Ok(super::noneobject::none())
    }
}
unsafe fn wrap_delitem(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> {
    unsafe {
        check_num_args(a, 1)?;
        let f = core::mem::transmute::<*mut c_void, objobjargproc>(w).unwrap();
        if f(s, arg(a, 0), null_mut()) < 0 {
            return Err(errors::Raised::assume());
        }
        Ok(super::noneobject::none())
    }
}
unsafe fn seq_index(s: *mut PyObject, i: *mut PyObject) -> PyResult<Py_ssize_t> {
    unsafe {
        let mut idx = super::longobject::as_ssize_index(i, Some(super::exceptions::PyExc_OverflowError))?;
        if idx < 0 {
            let sq = (*(*s).ob_type).tp_as_sequence;
            if !sq.is_null() {
                if let Some(lf) = (*sq).sq_length {
                    let n = lf(s);
                    if n < 0 {
                        return Err(errors::Raised::assume());
                    }
                    idx += n;
                }
            }
        }
        Ok(idx)
    }
}
unsafe fn wrap_sq_item(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> {
    unsafe {
        check_num_args(a, 1)?;
        let i = seq_index(s, arg(a, 0))?;
        let f = core::mem::transmute::<*mut c_void, ssizeargfunc>(w).unwrap();
        Owned::from_raw(f(s, i))
    }
}
unsafe fn wrap_sq_setitem(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> {
    unsafe {
        check_num_args(a, 2)?;
        let i = seq_index(s, arg(a, 0))?;
        let f = core::mem::transmute::<*mut c_void, ssizeobjargproc>(w).unwrap();
        if f(s, i, arg(a, 1)) < 0 {
            return Err(errors::Raised::assume());
        }
        Ok(super::noneobject::none())
    }
}
unsafe fn wrap_sq_delitem(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> {
    unsafe {
        check_num_args(a, 1)?;
        let i = seq_index(s, arg(a, 0))?;
        let f = core::mem::transmute::<*mut c_void, ssizeobjargproc>(w).unwrap();
        if f(s, i, null_mut()) < 0 {
            return Err(errors::Raised::assume());
        }
        Ok(super::noneobject::none())
    }
}
unsafe fn wrap_indexargfunc(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> {
    unsafe {
        check_num_args(a, 1)?;
        let o = arg(a, 0);
        if !super::longobject::is_index(o) {
            return Err(errors::type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                super::typeobject::type_name_str((*o).ob_type)
            )));
        }
        let i = super::longobject::as_ssize_index(o, Some(super::exceptions::PyExc_OverflowError))?;
        let f = core::mem::transmute::<*mut c_void, ssizeargfunc>(w).unwrap();
        Owned::from_raw(f(s, i))
    }
}
unsafe fn wrap_objobjproc(s: *mut PyObject, a: *mut PyObject, _k: *mut PyObject, w: *mut c_void, _n: &str) -> PyResult<Owned> {
    unsafe {
        check_num_args(a, 1)?;
        let f = core::mem::transmute::<*mut c_void, objobjproc>(w).unwrap();
        let r = f(s, arg(a, 0));
        if r < 0 {
            return Err(errors::Raised::assume());
        }
        Ok(super::boolobject::owned_bool(r != 0))
    }
}
