//! Helpers shared by the container types: argument-count checks with
//! CPython's messages (`_PyArg_CheckPositional`, `_PyArg_NoKeywords`), and
//! slice index arithmetic (`PySlice_Unpack` + `PySlice_AdjustIndices`).
//!
//! Design note. The slice arithmetic itself is `sliceobject.rs`'s (one
//! implementation of `PySlice_Unpack`/`PySlice_AdjustIndices`); the helpers
//! here only give it the shapes the containers want.
use super::object::*;
use super::pyref::*;
use crate::runtime::errors::{self, PyResult};

/// `_PyArg_CheckPositional`: "NAME expected at most 1 argument, got 2".
pub fn check_positional(name: &str, nargs: usize, min: usize, max: usize) -> PyResult<()> {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    if nargs < min {
        return Err(errors::type_error(format!(
            "{} expected {}{} argument{}, got {}",
            name,
            if min == max { "" } else { "at least " },
            min,
            plural(min),
            nargs
        )));
    }
    if nargs > max {
        return Err(errors::type_error(format!(
            "{} expected {}{} argument{}, got {}",
            name,
            if min == max { "" } else { "at most " },
            max,
            plural(max),
            nargs
        )));
    }
    Ok(())
}

/// `_PyArg_NoKeywords`: "NAME() takes no keyword arguments" for a non-empty dict.
pub unsafe fn no_keywords(name: &str, kw: *mut PyObject) -> PyResult<()> {
    unsafe {
        if !kw.is_null() && super::dictobject::is_dict(kw) && super::dictobject::len(kw) > 0 {
            return Err(errors::type_error(format!("{}() takes no keyword arguments", name)));
        }
        Ok(())
    }
}

/// The positional arguments of a tuple (null means none).
pub unsafe fn tuple_args<'a>(args: *mut PyObject) -> &'a [*mut PyObject] {
    unsafe {
        if args.is_null() {
            &[]
        } else {
            super::tupleobject::as_slice(args)
        }
    }
}

/// A vectorcall/fastcall argument array as a slice.
pub unsafe fn fast_args<'a>(args: *const *mut PyObject, nargs: Py_ssize_t) -> &'a [*mut PyObject] {
    unsafe {
        if nargs <= 0 || args.is_null() {
            &[]
        } else {
            core::slice::from_raw_parts(args, nargs as usize)
        }
    }
}

/// Is `op` a slice object?
#[inline]
pub unsafe fn is_slice(op: *mut PyObject) -> bool {
    super::sliceobject::is_slice(op)
}

/// `_PyEval_SliceIndexNotNone` (the start/stop of `index()` methods).
pub unsafe fn slice_index_not_none(v: *mut PyObject) -> PyResult<Py_ssize_t> {
    unsafe {
        if super::longobject::is_index(v) {
            return super::longobject::as_ssize_index(v, None);
        }
        Err(errors::type_error(
            "slice indices must be integers or have an __index__ method",
        ))
    }
}

/// `PySlice_Unpack`: (start, stop, step) before adjusting to a length.
pub unsafe fn slice_unpack(op: *mut PyObject) -> PyResult<(Py_ssize_t, Py_ssize_t, Py_ssize_t)> {
    unsafe { super::sliceobject::unpack(op) }
}

/// `PySlice_AdjustIndices`: clamp to `len`; returns (start, stop, slicelength).
pub fn slice_adjust(len: Py_ssize_t, mut start: Py_ssize_t, mut stop: Py_ssize_t, step: Py_ssize_t) -> (Py_ssize_t, Py_ssize_t, Py_ssize_t) {
    let n = super::sliceobject::adjust_indices(len, &mut start, &mut stop, step);
    (start, stop, n)
}

/// A slice applied to a sequence of `len` items: (start, stop, step, slicelength).
pub unsafe fn slice_indices(op: *mut PyObject, len: Py_ssize_t) -> PyResult<(Py_ssize_t, Py_ssize_t, Py_ssize_t, Py_ssize_t)> {
    unsafe {
        let (start, stop, step) = slice_unpack(op)?;
        let (start, stop, n) = slice_adjust(len, start, stop, step);
        Ok((start, stop, step, n))
    }
}

/// An `index(value, start, stop)` range adjusted as CPython's list/tuple do.
pub unsafe fn index_range(args: &[*mut PyObject], len: Py_ssize_t) -> PyResult<(Py_ssize_t, Py_ssize_t)> {
    unsafe {
        let mut start = if args.len() > 1 { slice_index_not_none(args[1])? } else { 0 };
        let mut stop = if args.len() > 2 { slice_index_not_none(args[2])? } else { isize::MAX };
        if start < 0 {
            start += len;
            if start < 0 {
                start = 0;
            }
        }
        if stop < 0 {
            stop += len;
        }
        Ok((start, stop))
    }
}

/// An integer item index (after `__index__`), IndexError on overflow.
pub unsafe fn item_index(key: *mut PyObject) -> PyResult<Py_ssize_t> {
    unsafe { super::longobject::as_ssize_index(key, Some(super::exceptions::PyExc_IndexError)) }
}

/// Snapshot of borrowed pointers as owned handles (safe across Python calls).
pub unsafe fn owned_vec(items: &[*mut PyObject]) -> Vec<Owned> {
    unsafe { items.iter().map(|&p| Owned::from_borrowed(p)).collect() }
}

/// `PyObject_LengthHint`: `len(o)`, else `o.__length_hint__()`, else `default`.
pub unsafe fn length_hint(o: *mut PyObject, default: Py_ssize_t) -> PyResult<Py_ssize_t> {
    unsafe {
        let tp = (*o).ob_type;
        let has_len = (!(*tp).tp_as_sequence.is_null() && (*(*tp).tp_as_sequence).sq_length.is_some())
            || (!(*tp).tp_as_mapping.is_null() && (*(*tp).tp_as_mapping).mp_length.is_some());
        if has_len {
            match super::abstract_::length(o) {
                Ok(n) => return Ok(n),
                Err(e) => {
                    if !errors::exception_matches(super::exceptions::PyExc_TypeError) {
                        return Err(e);
                    }
                    errors::clear();
                }
            }
        }
        let hint = super::typeobject::lookup_str(tp, "__length_hint__")?;
        if hint.is_null() {
            return Ok(default);
        }
        let hint = Owned::from_borrowed(hint);
        let bound = match (*hint.type_ptr()).tp_descr_get {
            Some(g) => Owned::from_raw(g(hint.as_ptr(), o, tp as *mut PyObject))?,
            None => hint.clone(),
        };
        let r = match super::abstract_::call_function(bound.as_ptr(), &[]) {
            Ok(r) => r,
            Err(e) => {
                if errors::exception_matches(super::exceptions::PyExc_TypeError) {
                    errors::clear();
                    return Ok(default);
                }
                return Err(e);
            }
        };
        if r.is(super::noneobject::not_implemented_ptr()) {
            return Ok(default);
        }
        if !super::longobject::is_long(r.as_ptr()) {
            return Err(errors::type_error(format!(
                "__length_hint__ must be an integer, not {}",
                super::typeobject::type_name_str(r.type_ptr())
            )));
        }
        let n = super::longobject::as_ssize_index(r.as_ptr(), Some(super::exceptions::PyExc_OverflowError))?;
        if n < 0 {
            return Err(errors::value_error("__length_hint__() should return >= 0"));
        }
        Ok(n)
    }
}

// ---- the trashcan: bounded native recursion when deallocating nested containers ----

thread_local! {
    static TRASH_DEPTH: core::cell::Cell<u32> = const { core::cell::Cell::new(0) };
    static TRASH_PENDING: core::cell::RefCell<Vec<(*mut PyObject, unsafe fn(*mut PyObject))>> =
        const { core::cell::RefCell::new(Vec::new()) };
    /// Length of TRASH_PENDING, so the common case (nothing deferred) never
    /// touches the RefCell'd Vec (its lazily registered destructor and borrow flag).
    static TRASH_NPENDING: core::cell::Cell<usize> = const { core::cell::Cell::new(0) };
}

/// Nesting depth of container deallocations before further ones are deferred.
const TRASH_LIMIT: u32 = 50;

/// `Py_TRASHCAN_BEGIN/END`: run `body(op)` (the destroying part of a
/// container's `tp_dealloc`) now, or — when deallocations are already
/// nested `TRASH_LIMIT` deep — queue it and run it from the outermost
/// deallocation, so destroying a million nested lists cannot overflow the
/// native stack.
pub unsafe fn trashcan(op: *mut PyObject, body: unsafe fn(*mut PyObject)) {
    let depth = TRASH_DEPTH.with(|d| d.get());
    if depth >= TRASH_LIMIT {
        TRASH_PENDING.with(|p| p.borrow_mut().push((op, body)));
        TRASH_NPENDING.with(|n| n.set(n.get() + 1));
        return;
    }
    TRASH_DEPTH.with(|d| d.set(depth + 1));
    unsafe { body(op) };
    if depth == 0 && TRASH_NPENDING.with(|n| n.get()) != 0 {
        // Outermost: destroy what was deferred (which may defer more).
        while let Some((p, f)) = TRASH_PENDING.with(|q| q.borrow_mut().pop()) {
            TRASH_NPENDING.with(|n| n.set(n.get() - 1));
            unsafe { f(p) };
        }
    }
    TRASH_DEPTH.with(|d| d.set(depth));
}
