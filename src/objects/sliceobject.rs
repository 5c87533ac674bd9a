//! `slice` objects and the index arithmetic every sequence shares
//! (CPython's `Objects/sliceobject.c`). `Ellipsis` lives in `noneobject.rs`.
//!
//! Design note. A slice holds three arbitrary objects (start, stop, step; never
//! null, `None` when absent). `unpack` turns them into `isize`s the way
//! `PySlice_Unpack` does (None → defaults, `__index__`, clamping of huge
//! values, step never 0 and never below `-isize::MAX` so `-step` cannot
//! overflow); `adjust_indices` clips them to a length and returns the number
//! of items. Sequences call `get_indices_ex` (both at once).
use super::object::*;
use super::pyref::*;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::guard_obj;
use core::mem::{offset_of, size_of};
use core::ptr::null_mut;
use libc::c_int;

#[repr(C)]
pub struct PySliceObject {
    pub ob_base: PyObject,
    pub start: *mut PyObject,
    pub stop: *mut PyObject,
    pub step: *mut PyObject,
}

#[no_mangle]
pub static mut PySlice_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT,
    tp_dealloc: Some(slice_dealloc),
    tp_repr: Some(slice_repr),
    // Unhashable in 3.11 (`slice.__hash__` is None).
    tp_hash: Some(crate::capi::object::PyObject_HashNotImplemented),
    tp_richcompare: Some(slice_richcompare),
    tp_members: &raw mut SLICE_MEMBERS as *mut PyMemberDef,
    tp_methods: &raw mut SLICE_METHODS as *mut PyMethodDef,
    tp_new: Some(slice_new),
    tp_doc: c"slice(stop)\nslice(start, stop[, step])\n\nCreate a slice object.  This is used for extended slicing (e.g. a[0:10:2]).".as_ptr(),
    ..PyTypeObject::new(c"slice", size_of::<PySliceObject>(), 0)
};

static mut SLICE_MEMBERS: [PyMemberDef; 4] = [
    PyMemberDef { name: c"start".as_ptr(), r#type: T_OBJECT, offset: offset_of!(PySliceObject, start) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef { name: c"stop".as_ptr(), r#type: T_OBJECT, offset: offset_of!(PySliceObject, stop) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef { name: c"step".as_ptr(), r#type: T_OBJECT, offset: offset_of!(PySliceObject, step) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef::SENTINEL,
];

static mut SLICE_METHODS: [PyMethodDef; 3] = [
    PyMethodDef { ml_name: c"indices".as_ptr(), ml_meth: slice_indices as *mut libc::c_void, ml_flags: METH_O, ml_doc: c"S.indices(len) -> (start, stop, stride)\n\nAssuming a sequence of length len, calculate the start and stop\nindices, and the stride length of the extended slice described by\nS. Out of bounds indices are clipped in a manner consistent with the\nhandling of normal slices.".as_ptr() },
    PyMethodDef { ml_name: c"__reduce__".as_ptr(), ml_meth: slice_reduce as *mut libc::c_void, ml_flags: METH_NOARGS, ml_doc: c"Return state information for pickling.".as_ptr() },
    PyMethodDef::SENTINEL,
];

/// Is `op` (a live object) a slice?
#[inline]
pub fn is_slice(op: *mut PyObject) -> bool {
    // SAFETY: callers pass live objects; the header is always readable.
    unsafe { (*op).ob_type == &raw mut PySlice_Type }
}

/// `PySlice_New`: null arguments mean `None`.
pub unsafe fn new_slice(start: *mut PyObject, stop: *mut PyObject, step: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let o = super::typeobject::generic_alloc(&raw mut PySlice_Type, 0)?;
        let p = o.as_ptr() as *mut PySliceObject;
        let none = super::noneobject::none_ptr();
        let or_none = |x: *mut PyObject| if x.is_null() { none } else { x };
        (*p).start = new_ref(or_none(start));
        (*p).stop = new_ref(or_none(stop));
        (*p).step = new_ref(or_none(step));
        Ok(o)
    }
}

/// `_PyEval_SliceIndex`: None keeps `default`; an `__index__` value is
/// clamped to the isize range.
unsafe fn slice_index(v: *mut PyObject, default: isize) -> PyResult<isize> {
    unsafe {
        if v == super::noneobject::none_ptr() {
            return Ok(default);
        }
        if !super::longobject::is_index(v) {
            return Err(errors::type_error(
                "slice indices must be integers or None or have an __index__ method",
            ));
        }
        let i = super::abstract_number::index(v)?;
        super::longobject::as_ssize_index(i.as_ptr(), None)
    }
}

/// `PySlice_Unpack`: (start, stop, step) as isizes, not yet clipped.
pub unsafe fn unpack(slice: *mut PyObject) -> PyResult<(isize, isize, isize)> {
    unsafe {
        let s = slice as *mut PySliceObject;
        let mut step = 1;
        if (*s).step != super::noneobject::none_ptr() {
            step = slice_index((*s).step, 1)?;
            if step == 0 {
                return Err(errors::value_error("slice step cannot be zero"));
            }
            if step < -isize::MAX {
                step = -isize::MAX;
            }
        }
        let start = slice_index((*s).start, if step < 0 { isize::MAX } else { 0 })?;
        let stop = slice_index((*s).stop, if step < 0 { isize::MIN } else { isize::MAX })?;
        Ok((start, stop, step))
    }
}

/// `PySlice_AdjustIndices`: clip to `len`, return the slice length.
pub fn adjust_indices(len: isize, start: &mut isize, stop: &mut isize, step: isize) -> isize {
    fn clip(v: &mut isize, len: isize, step: isize) {
        if *v < 0 {
            *v += len;
            if *v < 0 {
                *v = if step < 0 { -1 } else { 0 };
            }
        } else if *v >= len {
            *v = if step < 0 { len - 1 } else { len };
        }
    }
    clip(start, len, step);
    clip(stop, len, step);
    if step < 0 {
        if *stop < *start {
            return (*start - *stop - 1) / (-step) + 1;
        }
    } else if *start < *stop {
        return (*stop - *start - 1) / step + 1;
    }
    0
}

/// `PySlice_GetIndicesEx`: (start, stop, step, slicelength).
pub unsafe fn get_indices_ex(slice: *mut PyObject, len: isize) -> PyResult<(isize, isize, isize, isize)> {
    unsafe {
        let (mut start, mut stop, step) = unpack(slice)?;
        let n = adjust_indices(len, &mut start, &mut stop, step);
        Ok((start, stop, step, n))
    }
}

/// The old `PySlice_GetIndices`: no clamping of out-of-range values, only
/// exact ints (anything else fails with -1 and no exception, as in CPython).
pub unsafe fn get_indices(slice: *mut PyObject, len: isize) -> Option<(isize, isize, isize)> {
    unsafe {
        let s = slice as *mut PySliceObject;
        let none = super::noneobject::none_ptr();
        let get = |v: *mut PyObject| -> Option<Option<isize>> {
            if v == none {
                return Some(None);
            }
            if !super::longobject::is_long(v) {
                return None;
            }
            match super::longobject::as_i128(v) {
                Some(x) if x >= isize::MIN as i128 && x <= isize::MAX as i128 => Some(Some(x as isize)),
                _ => None,
            }
        };
        let step = get((*s).step)?.unwrap_or(1);
        if step == 0 {
            return None;
        }
        let mut start = get((*s).start)?.unwrap_or(if step < 0 { len - 1 } else { 0 });
        if start < 0 {
            start += len;
        }
        let mut stop = get((*s).stop)?.unwrap_or(if step < 0 { -1 } else { len });
        if stop < 0 {
            stop += len;
        }
        if stop > len || start >= len {
            return None;
        }
        Some((start, stop, step))
    }
}

unsafe extern "C" fn slice_dealloc(op: *mut PyObject) {
    unsafe {
        let s = op as *mut PySliceObject;
        clear(&mut (*s).start);
        clear(&mut (*s).stop);
        clear(&mut (*s).step);
        super::typeobject::free_instance(op);
    }
}

unsafe extern "C" fn slice_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let s = op as *mut PySliceObject;
        let a = super::abstract_::repr_string_checked((*s).start)?;
        let b = super::abstract_::repr_string_checked((*s).stop)?;
        let c = super::abstract_::repr_string_checked((*s).step)?;
        super::unicodeobject::from_str(&format!("slice({}, {}, {})", a, b, c))
    })
}

unsafe extern "C" fn slice_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !is_slice(a) || !is_slice(b) {
            return Ok(super::noneobject::not_implemented());
        }
        let (x, y) = (a as *mut PySliceObject, b as *mut PySliceObject);
        let l = [(*x).start, (*x).stop, (*x).step];
        let r = [(*y).start, (*y).stop, (*y).step];
        super::abstract_::sequence_richcompare(&l, &r, op)
    })
}

unsafe extern "C" fn slice_new(_tp: *mut PyTypeObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !kw.is_null() && super::dictobject::len(kw) > 0 {
            return Err(errors::type_error("slice() takes no keyword arguments"));
        }
        let a = super::tupleobject::as_slice(args);
        match a.len() {
            0 => Err(errors::type_error("slice expected at least 1 argument, got 0")),
            1 => new_slice(null_mut(), a[0], null_mut()),
            2 => new_slice(a[0], a[1], null_mut()),
            3 => new_slice(a[0], a[1], a[2]),
            n => Err(errors::type_error(format!("slice expected at most 3 arguments, got {}", n))),
        }
    })
}

unsafe extern "C" fn slice_indices(op: *mut PyObject, len: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let l = super::abstract_number::index(len)?;
        if Py_SIZE(l.as_ptr()) < 0 {
            return Err(errors::value_error("length should not be negative"));
        }
        let n = super::longobject::as_ssize_index(l.as_ptr(), None)?;
        let (s, e, st) = {
            let (mut s, mut e, st) = unpack(op)?;
            adjust_indices(n, &mut s, &mut e, st);
            (s, e, st)
        };
        let v = [
            super::longobject::from_isize(s)?,
            super::longobject::from_isize(e)?,
            super::longobject::from_isize(st)?,
        ];
        super::tupleobject::from_owned(v.to_vec())
    })
}

unsafe extern "C" fn slice_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let s = op as *mut PySliceObject;
        let args = super::tupleobject::pack(&[(*s).start, (*s).stop, (*s).step])?;
        super::tupleobject::pack(&[&raw mut PySlice_Type as *mut PyObject, args.as_ptr()])
    })
}
