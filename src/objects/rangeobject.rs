//! `range` and its iterators (CPython's `Objects/rangeobject.c`).
//!
//! Design note. A range holds four int objects (start, stop, step, and its
//! length computed once at construction), so arbitrarily large bounds work.
//! Arithmetic goes through `Num`-style helpers: when both operands fit in an
//! i64 the result is computed natively, otherwise through the number protocol
//! (`abstract_number`), so big ranges cost only what they use. Iteration has
//! two types as in CPython: `range_iterator` (start, step and length all fit
//! in isize) and `longrange_iterator` (objects).
use super::object::*;
use super::pyref::*;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard, guard_obj};
use core::mem::{offset_of, size_of};
use libc::{c_int, c_void};

#[repr(C)]
pub struct RangeObject {
    pub ob_base: PyObject,
    pub start: *mut PyObject,
    pub stop: *mut PyObject,
    pub step: *mut PyObject,
    pub length: *mut PyObject,
}

#[repr(C)]
pub struct RangeIterObject {
    pub ob_base: PyObject,
    pub start: isize,
    pub step: isize,
    pub len: isize,
    pub index: isize,
}

#[repr(C)]
pub struct LongRangeIterObject {
    pub ob_base: PyObject,
    pub start: *mut PyObject,
    pub step: *mut PyObject,
    /// Items left.
    pub len: *mut PyObject,
}

static mut RANGE_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(range_length),
    sq_item: Some(range_item),
    sq_contains: Some(range_contains),
    ..PySequenceMethods::EMPTY
};

static mut RANGE_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(range_length),
    mp_subscript: Some(range_subscript),
    mp_ass_subscript: None,
};

static mut RANGE_AS_NUMBER: PyNumberMethods = PyNumberMethods { nb_bool: Some(range_bool), ..PyNumberMethods::EMPTY };

#[no_mangle]
pub static mut PyRange_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_SEQUENCE,
    tp_dealloc: Some(range_dealloc),
    tp_repr: Some(range_repr),
    tp_hash: Some(range_hash),
    tp_richcompare: Some(range_richcompare),
    tp_iter: Some(range_iter),
    tp_as_sequence: &raw mut RANGE_AS_SEQUENCE,
    tp_as_mapping: &raw mut RANGE_AS_MAPPING,
    tp_as_number: &raw mut RANGE_AS_NUMBER,
    tp_members: &raw mut RANGE_MEMBERS as *mut PyMemberDef,
    tp_methods: &raw mut RANGE_METHODS as *mut PyMethodDef,
    tp_new: Some(range_new),
    tp_doc: c"range(stop) -> range object\nrange(start, stop[, step]) -> range object\n\nReturn an object that produces a sequence of integers from start (inclusive)\nto stop (exclusive) by step.  range(i, j) produces i, i+1, i+2, ..., j-1.\nstart defaults to 0, and stop is omitted!  range(4) produces 0, 1, 2, 3.\nThese are exactly the valid indices for a list of 4 elements.\nWhen step is given, it specifies the increment (or decrement).".as_ptr(),
    ..PyTypeObject::new(c"range", size_of::<RangeObject>(), 0)
};

#[no_mangle]
pub static mut PyRangeIter_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT,
    tp_dealloc: Some(rangeiter_dealloc),
    tp_iter: Some(crate::capi::object::PyObject_SelfIter),
    tp_iternext: Some(rangeiter_next),
    tp_methods: &raw mut RANGEITER_METHODS as *mut PyMethodDef,
    ..PyTypeObject::new(c"range_iterator", size_of::<RangeIterObject>(), 0)
};

#[no_mangle]
pub static mut PyLongRangeIter_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT,
    tp_dealloc: Some(longrangeiter_dealloc),
    tp_iter: Some(crate::capi::object::PyObject_SelfIter),
    tp_iternext: Some(longrangeiter_next),
    tp_methods: &raw mut LONGRANGEITER_METHODS as *mut PyMethodDef,
    ..PyTypeObject::new(c"longrange_iterator", size_of::<LongRangeIterObject>(), 0)
};

static mut RANGE_MEMBERS: [PyMemberDef; 4] = [
    PyMemberDef { name: c"start".as_ptr(), r#type: T_OBJECT, offset: offset_of!(RangeObject, start) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef { name: c"stop".as_ptr(), r#type: T_OBJECT, offset: offset_of!(RangeObject, stop) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef { name: c"step".as_ptr(), r#type: T_OBJECT, offset: offset_of!(RangeObject, step) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef::SENTINEL,
];

static mut RANGE_METHODS: [PyMethodDef; 5] = [
    PyMethodDef { ml_name: c"__reversed__".as_ptr(), ml_meth: range_reversed as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Return a reverse iterator.".as_ptr() },
    PyMethodDef { ml_name: c"__reduce__".as_ptr(), ml_meth: range_reduce as *mut c_void, ml_flags: METH_NOARGS, ml_doc: core::ptr::null() },
    PyMethodDef { ml_name: c"count".as_ptr(), ml_meth: range_count as *mut c_void, ml_flags: METH_O, ml_doc: c"rangeobject.count(value) -> integer -- return number of occurrences of value".as_ptr() },
    PyMethodDef { ml_name: c"index".as_ptr(), ml_meth: range_index as *mut c_void, ml_flags: METH_O, ml_doc: c"rangeobject.index(value) -> integer -- return index of value.\nRaise ValueError if the value is not present.".as_ptr() },
    PyMethodDef::SENTINEL,
];

static mut RANGEITER_METHODS: [PyMethodDef; 2] = [
    PyMethodDef { ml_name: c"__length_hint__".as_ptr(), ml_meth: rangeiter_length_hint as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Private method returning an estimate of len(list(it)).".as_ptr() },
    PyMethodDef::SENTINEL,
];

static mut LONGRANGEITER_METHODS: [PyMethodDef; 2] = [
    PyMethodDef { ml_name: c"__length_hint__".as_ptr(), ml_meth: longrangeiter_length_hint as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"Private method returning an estimate of len(list(it)).".as_ptr() },
    PyMethodDef::SENTINEL,
];

pub unsafe fn is_range(op: *mut PyObject) -> bool {
    unsafe { (*op).ob_type == &raw mut PyRange_Type }
}

// ---- int arithmetic with a native fast path ----

/// The value of an int object if it fits in an i64.
unsafe fn small(o: *mut PyObject) -> Option<i128> {
    unsafe {
        if !super::longobject::is_long(o) {
            return None;
        }
        match super::longobject::as_i128(o) {
            Some(v) if v >= i64::MIN as i128 && v <= i64::MAX as i128 => Some(v),
            _ => None,
        }
    }
}

/// An int object for `v`, natively when it fits in an i64.
fn mk(v: i128) -> PyResult<Owned> {
    if v >= i64::MIN as i128 && v <= i64::MAX as i128 {
        return super::longobject::from_i64(v as i64);
    }
    // hi * 2**62 + lo through the number protocol.
    unsafe {
        let hi = mk(v >> 62)?;
        let lo = super::longobject::from_i64((v & ((1i128 << 62) - 1)) as i64)?;
        let sh = super::longobject::from_i64(62)?;
        let h = super::abstract_number::lshift(hi.as_ptr(), sh.as_ptr())?;
        super::abstract_number::add(h.as_ptr(), lo.as_ptr())
    }
}

macro_rules! arith {
    ($name:ident, $native:expr, $slow:path) => {
        unsafe fn $name(a: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
            unsafe {
                if let (Some(x), Some(y)) = (small(a), small(b)) {
                    let f: fn(i128, i128) -> Option<i128> = $native;
                    if let Some(r) = f(x, y) {
                        return mk(r);
                    }
                }
                $slow(a, b)
            }
        }
    };
}

arith!(add, |x, y| Some(x + y), super::abstract_number::add);
arith!(sub, |x, y| Some(x - y), super::abstract_number::subtract);
arith!(mul, |x, y| Some(x * y), super::abstract_number::multiply);
arith!(floordiv, |x, y| if y == 0 { None } else { Some(if x % y != 0 && ((x < 0) != (y < 0)) { x / y - 1 } else { x / y }) }, super::abstract_number::floor_divide);
arith!(rem, |x, y| if y == 0 { None } else { Some(((x % y) + y) % y) }, super::abstract_number::remainder);

unsafe fn cmp(a: *mut PyObject, b: *mut PyObject, op: c_int) -> PyResult<bool> {
    unsafe {
        if let (Some(x), Some(y)) = (small(a), small(b)) {
            return Ok(match op {
                Py_LT => x < y,
                Py_LE => x <= y,
                Py_EQ => x == y,
                Py_NE => x != y,
                Py_GT => x > y,
                _ => x >= y,
            });
        }
        super::abstract_::rich_compare_bool(a, b, op)
    }
}

unsafe fn is_neg(a: *mut PyObject) -> PyResult<bool> {
    unsafe {
        let zero = super::longobject::from_i64(0)?;
        cmp(a, zero.as_ptr(), Py_LT)
    }
}

unsafe fn neg(a: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let zero = super::longobject::from_i64(0)?;
        sub(zero.as_ptr(), a)
    }
}

/// An int object as isize, with `OverflowError` as `PyLong_AsSsize_t`.
unsafe fn as_ssize(o: *mut PyObject) -> PyResult<isize> {
    unsafe {
        match super::longobject::as_i128(o) {
            Some(v) if v >= isize::MIN as i128 && v <= isize::MAX as i128 => Ok(v as isize),
            _ => Err(errors::overflow_error("Python int too large to convert to C ssize_t")),
        }
    }
}

/// Number of items of range(start, stop, step) (step non-zero).
unsafe fn compute_length(start: *mut PyObject, stop: *mut PyObject, step: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let (lo, hi, st);
        let nst;
        if is_neg(step)? {
            lo = stop;
            hi = start;
            nst = neg(step)?;
            st = nst.as_ptr();
        } else {
            lo = start;
            hi = stop;
            st = step;
        }
        if cmp(lo, hi, Py_GE)? {
            return super::longobject::from_i64(0);
        }
        let one = super::longobject::from_i64(1)?;
        let d = sub(hi, lo)?;
        let d = sub(d.as_ptr(), one.as_ptr())?;
        let q = floordiv(d.as_ptr(), st)?;
        add(q.as_ptr(), one.as_ptr())
    }
}

/// `range(start, stop, step)` from int objects (step already checked).
unsafe fn make_range(start: Owned, stop: Owned, step: Owned) -> PyResult<Owned> {
    unsafe {
        let len = compute_length(start.as_ptr(), stop.as_ptr(), step.as_ptr())?;
        let o = super::typeobject::generic_alloc(&raw mut PyRange_Type, 0)?;
        let r = o.as_ptr() as *mut RangeObject;
        (*r).start = start.into_raw();
        (*r).stop = stop.into_raw();
        (*r).step = step.into_raw();
        (*r).length = len.into_raw();
        Ok(o)
    }
}

/// `range(start, stop, step)` from isizes (used by Rust callers).
pub fn new_range(start: isize, stop: isize, step: isize) -> PyResult<Owned> {
    if step == 0 {
        return Err(errors::value_error("range() arg 3 must not be zero"));
    }
    use super::longobject::from_isize;
    unsafe { make_range(from_isize(start)?, from_isize(stop)?, from_isize(step)?) }
}

#[inline]
unsafe fn as_range<'a>(op: *mut PyObject) -> &'a RangeObject {
    unsafe { &*(op as *mut RangeObject) }
}

/// The i-th item, `i` an int object already known to be in range.
unsafe fn item_obj(r: &RangeObject, i: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let m = mul(i, r.step)?;
        add(r.start, m.as_ptr())
    }
}

// ---- slots ----

unsafe extern "C" fn range_new(_tp: *mut PyTypeObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !kw.is_null() && super::dictobject::len(kw) > 0 {
            return Err(errors::type_error("range() takes no keyword arguments"));
        }
        let a = super::tupleobject::as_slice(args);
        let idx = |o: *mut PyObject| super::abstract_number::index(o);
        let (start, stop, step) = match a.len() {
            0 => return Err(errors::type_error("range expected at least 1 argument, got 0")),
            1 => (super::longobject::from_i64(0)?, idx(a[0])?, super::longobject::from_i64(1)?),
            2 => (idx(a[0])?, idx(a[1])?, super::longobject::from_i64(1)?),
            3 => (idx(a[0])?, idx(a[1])?, idx(a[2])?),
            n => return Err(errors::type_error(format!("range expected at most 3 arguments, got {}", n))),
        };
        if Py_SIZE(step.as_ptr()) == 0 {
            return Err(errors::value_error("range() arg 3 must not be zero"));
        }
        make_range(start, stop, step)
    })
}

unsafe extern "C" fn range_dealloc(op: *mut PyObject) {
    unsafe {
        let r = op as *mut RangeObject;
        clear(&mut (*r).start);
        clear(&mut (*r).stop);
        clear(&mut (*r).step);
        clear(&mut (*r).length);
        super::typeobject::free_instance(op);
    }
}

unsafe extern "C" fn range_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let r = as_range(op);
        let a = super::abstract_::repr_string_checked(r.start)?;
        let b = super::abstract_::repr_string_checked(r.stop)?;
        if small(r.step) == Some(1) {
            return super::unicodeobject::from_str(&format!("range({}, {})", a, b));
        }
        let c = super::abstract_::repr_string_checked(r.step)?;
        super::unicodeobject::from_str(&format!("range({}, {}, {})", a, b, c))
    })
}

unsafe extern "C" fn range_length(op: *mut PyObject) -> Py_ssize_t {
    guard(|| unsafe { as_ssize(as_range(op).length) })
}

unsafe extern "C" fn range_bool(op: *mut PyObject) -> c_int {
    unsafe { (Py_SIZE(as_range(op).length) != 0) as c_int }
}

unsafe fn index_error() -> errors::Raised {
    errors::index_error("range object index out of range")
}

unsafe extern "C" fn range_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    guard_obj(|| unsafe {
        let r = as_range(op);
        let io = super::longobject::from_isize(i)?;
        if i < 0 || cmp(io.as_ptr(), r.length, Py_GE)? {
            return Err(index_error());
        }
        item_obj(r, io.as_ptr())
    })
}

unsafe extern "C" fn range_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let r = as_range(op);
        if super::longobject::is_index(key) {
            let mut i = super::abstract_number::index(key)?;
            if is_neg(i.as_ptr())? {
                i = add(i.as_ptr(), r.length)?;
            }
            if is_neg(i.as_ptr())? || cmp(i.as_ptr(), r.length, Py_GE)? {
                return Err(index_error());
            }
            return item_obj(r, i.as_ptr());
        }
        if super::sliceobject::is_slice(key) {
            let len = as_ssize(r.length)?;
            let (s, e, st, _) = super::sliceobject::get_indices_ex(key, len)?;
            let so = super::longobject::from_isize(s)?;
            let eo = super::longobject::from_isize(e)?;
            let sto = super::longobject::from_isize(st)?;
            let start = item_obj(r, so.as_ptr())?;
            let stop = item_obj(r, eo.as_ptr())?;
            let step = mul(r.step, sto.as_ptr())?;
            return make_range(start, stop, step);
        }
        Err(errors::type_error(format!(
            "range indices must be integers or slices, not {}",
            super::typeobject::type_name_str((*key).ob_type)
        )))
    })
}

/// Is the int `x` one of the range's values?
unsafe fn contains_int(r: &RangeObject, x: *mut PyObject) -> PyResult<bool> {
    unsafe {
        let inside = if is_neg(r.step)? {
            cmp(x, r.start, Py_LE)? && cmp(x, r.stop, Py_GT)?
        } else {
            cmp(x, r.start, Py_GE)? && cmp(x, r.stop, Py_LT)?
        };
        if !inside {
            return Ok(false);
        }
        let d = sub(x, r.start)?;
        let m = rem(d.as_ptr(), r.step)?;
        Ok(Py_SIZE(m.as_ptr()) == 0)
    }
}

unsafe fn is_exact_int(x: *mut PyObject) -> bool {
    unsafe {
        (*x).ob_type == &raw mut super::longobject::PyLong_Type || (*x).ob_type == &raw mut super::boolobject::PyBool_Type
    }
}

unsafe extern "C" fn range_contains(op: *mut PyObject, x: *mut PyObject) -> c_int {
    guard(|| unsafe {
        let r = as_range(op);
        if is_exact_int(x) {
            return Ok(contains_int(r, x)? as c_int);
        }
        let it = range_iter_impl(op, false)?;
        while let Some(v) = super::abstract_::iter_next(it.as_ptr())? {
            if super::abstract_::rich_compare_bool(v.as_ptr(), x, Py_EQ)? {
                return Ok(1);
            }
        }
        Ok(0)
    })
}

unsafe extern "C" fn range_count(op: *mut PyObject, x: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let r = as_range(op);
        if is_exact_int(x) {
            return super::longobject::from_i64(contains_int(r, x)? as i64);
        }
        let it = range_iter_impl(op, false)?;
        let mut n = 0i64;
        while let Some(v) = super::abstract_::iter_next(it.as_ptr())? {
            if super::abstract_::rich_compare_bool(v.as_ptr(), x, Py_EQ)? {
                n += 1;
            }
        }
        super::longobject::from_i64(n)
    })
}

unsafe extern "C" fn range_index(op: *mut PyObject, x: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let r = as_range(op);
        if is_exact_int(x) {
            if contains_int(r, x)? {
                let d = sub(x, r.start)?;
                return floordiv(d.as_ptr(), r.step);
            }
            let s = super::abstract_::repr_string_checked(x)?;
            return Err(errors::value_error(format!("{} is not in range", s)));
        }
        let it = range_iter_impl(op, false)?;
        let mut n = 0i64;
        while let Some(v) = super::abstract_::iter_next(it.as_ptr())? {
            if super::abstract_::rich_compare_bool(v.as_ptr(), x, Py_EQ)? {
                return super::longobject::from_i64(n);
            }
            n += 1;
        }
        Err(errors::value_error("sequence.index(x): x not in sequence"))
    })
}

unsafe fn range_equals(a: *mut PyObject, b: *mut PyObject) -> PyResult<bool> {
    unsafe {
        if a == b {
            return Ok(true);
        }
        let (x, y) = (as_range(a), as_range(b));
        if !cmp(x.length, y.length, Py_EQ)? {
            return Ok(false);
        }
        if Py_SIZE(x.length) == 0 {
            return Ok(true);
        }
        if !cmp(x.start, y.start, Py_EQ)? {
            return Ok(false);
        }
        if small(x.length) == Some(1) {
            return Ok(true);
        }
        cmp(x.step, y.step, Py_EQ)
    }
}

unsafe extern "C" fn range_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !is_range(b) || (op != Py_EQ && op != Py_NE) {
            return Ok(super::noneobject::not_implemented());
        }
        let eq = range_equals(a, b)?;
        Ok(super::boolobject::owned_bool(if op == Py_EQ { eq } else { !eq }))
    })
}

unsafe extern "C" fn range_hash(op: *mut PyObject) -> Py_hash_t {
    guard(|| unsafe {
        let r = as_range(op);
        let none = super::noneobject::none_ptr();
        let t = if Py_SIZE(r.length) == 0 {
            super::tupleobject::pack(&[r.length, none, none])?
        } else if small(r.length) == Some(1) {
            super::tupleobject::pack(&[r.length, r.start, none])?
        } else {
            super::tupleobject::pack(&[r.length, r.start, r.step])?
        };
        super::abstract_::hash(t.as_ptr())
    })
}

unsafe extern "C" fn range_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let r = as_range(op);
        let args = super::tupleobject::pack(&[r.start, r.stop, r.step])?;
        super::tupleobject::pack(&[&raw mut PyRange_Type as *mut PyObject, args.as_ptr()])
    })
}

// ---- iteration ----

/// An iterator over the range, forwards or backwards.
unsafe fn range_iter_impl(op: *mut PyObject, reversed: bool) -> PyResult<Owned> {
    unsafe {
        let r = as_range(op);
        let (start, step) = if reversed {
            // last item = start + (len - 1) * step; step negated.
            let one = super::longobject::from_i64(1)?;
            let lm1 = sub(r.length, one.as_ptr())?;
            (item_obj(r, lm1.as_ptr())?, neg(r.step)?)
        } else {
            (Owned::from_borrowed(r.start), Owned::from_borrowed(r.step))
        };
        let fits = |o: *mut PyObject| matches!(super::longobject::as_i128(o), Some(v) if v >= isize::MIN as i128 && v <= isize::MAX as i128);
        if fits(start.as_ptr()) && fits(step.as_ptr()) && fits(r.length) {
            let o = super::typeobject::generic_alloc(&raw mut PyRangeIter_Type, 0)?;
            let it = o.as_ptr() as *mut RangeIterObject;
            (*it).start = as_ssize(start.as_ptr())?;
            (*it).step = as_ssize(step.as_ptr())?;
            (*it).len = as_ssize(r.length)?;
            (*it).index = 0;
            return Ok(o);
        }
        let o = super::typeobject::generic_alloc(&raw mut PyLongRangeIter_Type, 0)?;
        let it = o.as_ptr() as *mut LongRangeIterObject;
        (*it).start = start.into_raw();
        (*it).step = step.into_raw();
        (*it).len = new_ref(r.length);
        Ok(o)
    }
}

unsafe extern "C" fn range_iter(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { range_iter_impl(op, false) })
}

unsafe extern "C" fn range_reversed(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { range_iter_impl(op, true) })
}

unsafe extern "C" fn rangeiter_dealloc(op: *mut PyObject) {
    unsafe { super::typeobject::free_instance(op) }
}

unsafe extern "C" fn rangeiter_next(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let it = op as *mut RangeIterObject;
        if (*it).index < (*it).len {
            // Every item lies between start and the last item, so it fits.
            let v = (*it).start as i128 + (*it).index as i128 * (*it).step as i128;
            (*it).index += 1;
            return super::longobject::from_i64(v as i64);
        }
        Err(errors::stop_iteration_silent())
    })
}

unsafe extern "C" fn rangeiter_length_hint(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let it = op as *mut RangeIterObject;
        super::longobject::from_isize((*it).len - (*it).index)
    })
}

unsafe extern "C" fn longrangeiter_dealloc(op: *mut PyObject) {
    unsafe {
        let it = op as *mut LongRangeIterObject;
        clear(&mut (*it).start);
        clear(&mut (*it).step);
        clear(&mut (*it).len);
        super::typeobject::free_instance(op);
    }
}

unsafe extern "C" fn longrangeiter_next(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let it = op as *mut LongRangeIterObject;
        if Py_SIZE((*it).len) <= 0 {
            return Err(errors::stop_iteration_silent());
        }
        let one = super::longobject::from_i64(1)?;
        let left = sub((*it).len, one.as_ptr())?;
        setref(&mut (*it).len, left.into_raw());
        let next = add((*it).start, (*it).step)?;
        let cur = (*it).start;
        (*it).start = next.into_raw();
        Ok(Owned::from_raw_nonnull(cur))
    })
}

unsafe extern "C" fn longrangeiter_length_hint(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    unsafe { new_ref((*(op as *mut LongRangeIterObject)).len) }
}
