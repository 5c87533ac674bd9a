//! The abstract object protocol (CPython's `Objects/abstract.c` and the generic
//! parts of `object.c`): repr/str/hash/compare/truth, attribute access, calls,
//! iteration, item access and the number protocol's binary dispatch.
//!
//! Design note. These are the Rust-level entry points every other module uses;
//! `src/capi/abstract_.rs` and `src/capi/object.rs` export them to C. They take
//! borrowed raw pointers and return owned handles or `PyResult`. Native
//! recursion (repr of nested containers, comparison of nested tuples) is bounded
//! by a depth counter on the thread state: deeper than the recursion limit
//! (capped at `MAX_NATIVE_DEPTH`) raises RecursionError instead of overflowing the Rust stack.
use super::object::*;
use super::pyref::*;
use super::{dictobject, tupleobject, unicodeobject};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::pystate;
use core::ptr::null_mut;
use libc::c_int;

/// Native re-entry depth cap (repr/compare/hash of nested structures): the
/// recursion limit applies, but never deeper than this, so a high
/// `Py_SetRecursionLimit` cannot overflow the Rust stack.
pub(crate) const MAX_NATIVE_DEPTH: i32 = 3000;

/// `Py_EnterRecursiveCall`: count one level on the thread state, or raise
/// RecursionError ("maximum recursion depth exceeded" + `what`) without counting
/// when the depth has reached `limit`.
pub fn enter_recursive_call(what: &str, limit: i32) -> PyResult<()> {
    unsafe {
        let ts = pystate::current();
        if (*ts).recursion_depth >= limit {
            return Err(crate::raise!(PyExc_RecursionError, "maximum recursion depth exceeded{}", what));
        }
        (*ts).recursion_depth += 1;
    }
    Ok(())
}

/// `Py_LeaveRecursiveCall`.
pub fn leave_recursive_call() {
    unsafe { (*pystate::current()).recursion_depth -= 1 };
}

/// A guard counting native recursion depth on the thread state against the
/// recursion limit (capped at `MAX_NATIVE_DEPTH`).
pub struct DepthGuard(());
impl DepthGuard {
    pub fn enter(what: &str) -> PyResult<DepthGuard> {
        enter_recursive_call(what, pystate::recursion_limit().min(MAX_NATIVE_DEPTH))?;
        Ok(DepthGuard(()))
    }
}
impl Drop for DepthGuard {
    fn drop(&mut self) {
        leave_recursive_call();
    }
}

// ---- repr / str ----

thread_local! {
    static REPR_STACK: core::cell::RefCell<Vec<usize>> = const { core::cell::RefCell::new(Vec::new()) };
}

/// `Py_ReprEnter`: true if `op` is already being repr'd further up (print
/// `[...]`); otherwise records it and returns false.
pub fn repr_enter(op: *mut PyObject) -> bool {
    let key = op as usize;
    REPR_STACK.with(|s| {
        let mut s = s.borrow_mut();
        if s.contains(&key) {
            return true;
        }
        s.push(key);
        false
    })
}

/// `Py_ReprLeave`: forget the innermost record of `op` (no-op if absent).
pub fn repr_leave(op: *mut PyObject) {
    let key = op as usize;
    REPR_STACK.with(|s| {
        let mut s = s.borrow_mut();
        if let Some(i) = s.iter().rposition(|&k| k == key) {
            s.remove(i);
        }
    });
}

/// `repr_enter`/`repr_leave` as a guard: `None` means the object is already
/// being repr'd further up (print `[...]`).
pub struct ReprGuard(*mut PyObject);
impl ReprGuard {
    pub fn enter(op: *mut PyObject) -> PyResult<Option<ReprGuard>> {
        if repr_enter(op) {
            return Ok(None);
        }
        Ok(Some(ReprGuard(op)))
    }
}
impl Drop for ReprGuard {
    fn drop(&mut self) {
        repr_leave(self.0);
    }
}

/// `PyObject_Repr`.
pub unsafe fn repr(op: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if op.is_null() {
            return unicodeobject::from_str("<NULL>");
        }
        let tp = (*op).ob_type;
        let Some(f) = (*tp).tp_repr else {
            return unicodeobject::from_str(&format!(
                "<{} object at {:p}>",
                super::typeobject::type_name_full(tp),
                op
            ));
        };
        let _d = DepthGuard::enter(" while getting the repr of an object")?;
        let r = Owned::from_raw(f(op))?;
        if !unicodeobject::is_str(r.as_ptr()) {
            return Err(errors::type_error(format!(
                "__repr__ returned non-string (type {})",
                super::typeobject::type_name_str(r.type_ptr())
            )));
        }
        Ok(r)
    }
}

/// `PyObject_Str`.
pub unsafe fn str(op: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if op.is_null() {
            return unicodeobject::from_str("<NULL>");
        }
        if unicodeobject::is_str_exact(op) {
            return Ok(Owned::from_borrowed(op));
        }
        let tp = (*op).ob_type;
        let Some(f) = (*tp).tp_str else { return repr(op) };
        let _d = DepthGuard::enter(" while getting the str of an object")?;
        let r = Owned::from_raw(f(op))?;
        if !unicodeobject::is_str(r.as_ptr()) {
            return Err(errors::type_error(format!(
                "__str__ returned non-string (type {})",
                super::typeobject::type_name_str(r.type_ptr())
            )));
        }
        Ok(r)
    }
}

/// `repr(op)` as a Rust string, propagating errors.
pub unsafe fn repr_string_checked(op: *mut PyObject) -> PyResult<String> {
    unsafe {
        let r = repr(op)?;
        Ok(unicodeobject::to_string_lossy(r.as_ptr()))
    }
}

/// `repr(op)` as a Rust string for messages; errors are swallowed.
pub unsafe fn repr_string(op: *mut PyObject) -> String {
    unsafe {
        match repr(op) {
            Ok(r) => unicodeobject::to_string_lossy(r.as_ptr()),
            Err(_) => {
                errors::clear();
                "<unprintable object>".into()
            }
        }
    }
}

/// `str(op)` as a Rust string for messages; errors are swallowed.
pub unsafe fn str_string(op: *mut PyObject) -> String {
    unsafe {
        match str(op) {
            Ok(r) => unicodeobject::to_string_lossy(r.as_ptr()),
            Err(_) => {
                errors::clear();
                "<unprintable object>".into()
            }
        }
    }
}

// ---- hash / compare / truth ----

/// `PyObject_Hash`.
pub unsafe fn hash(op: *mut PyObject) -> PyResult<Py_hash_t> {
    unsafe {
        if unicodeobject::is_str_exact(op) {
            return Ok(unicodeobject::hash(op));
        }
        let tp = (*op).ob_type;
        if (*tp).tp_dict.is_null() && (*tp).tp_flags & Py_TPFLAGS_READY == 0 {
            super::typeobject::ready(tp)?;
        }
        match (*tp).tp_hash {
            Some(f) => {
                let h = f(op);
                if h == -1 && !errors::occurred().is_null() {
                    return Err(errors::Raised::assume());
                }
                Ok(h)
            }
            None => Err(unhashable(op)),
        }
    }
}

pub unsafe fn unhashable(op: *mut PyObject) -> errors::Raised {
    unsafe {
        errors::type_error(format!(
            "unhashable type: '{}'",
            super::typeobject::type_name_str((*op).ob_type)
        ))
    }
}

const OPSTRINGS: [&str; 6] = ["<", "<=", "==", "!=", ">", ">="];
const SWAPPED: [c_int; 6] = [Py_GT, Py_GE, Py_EQ, Py_NE, Py_LT, Py_LE];

/// `PyObject_RichCompare`: the reflected-operand rules of CPython.
pub unsafe fn rich_compare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> PyResult<Owned> {
    unsafe {
        if !(0..=5).contains(&op) {
            return Err(errors::bad_internal_call());
        }
        let _d = DepthGuard::enter(" in comparison")?;
        let ta = (*a).ob_type;
        let tb = (*b).ob_type;
        let mut checked_reverse = false;
        if ta != tb && super::typeobject::is_subtype(tb, ta) {
            if let Some(f) = (*tb).tp_richcompare {
                checked_reverse = true;
                let r = Owned::from_raw(f(b, a, SWAPPED[op as usize]))?;
                if !r.is(super::noneobject::not_implemented_ptr()) {
                    return Ok(r);
                }
            }
        }
        if let Some(f) = (*ta).tp_richcompare {
            let r = Owned::from_raw(f(a, b, op))?;
            if !r.is(super::noneobject::not_implemented_ptr()) {
                return Ok(r);
            }
        }
        if !checked_reverse {
            if let Some(f) = (*tb).tp_richcompare {
                let r = Owned::from_raw(f(b, a, SWAPPED[op as usize]))?;
                if !r.is(super::noneobject::not_implemented_ptr()) {
                    return Ok(r);
                }
            }
        }
        match op {
            Py_EQ => Ok(super::boolobject::owned_bool(a == b)),
            Py_NE => Ok(super::boolobject::owned_bool(a != b)),
            _ => Err(errors::type_error(format!(
                "'{}' not supported between instances of '{}' and '{}'",
                OPSTRINGS[op as usize],
                super::typeobject::type_name_str(ta),
                super::typeobject::type_name_str(tb)
            ))),
        }
    }
}

/// `PyObject_RichCompareBool`: identity implies equality.
pub unsafe fn rich_compare_bool(a: *mut PyObject, b: *mut PyObject, op: c_int) -> PyResult<bool> {
    unsafe {
        if a == b {
            if op == Py_EQ {
                return Ok(true);
            }
            if op == Py_NE {
                return Ok(false);
            }
        }
        let r = rich_compare(a, b, op)?;
        if r.is(super::boolobject::true_ptr()) {
            return Ok(true);
        }
        if r.is(super::boolobject::false_ptr()) {
            return Ok(false);
        }
        is_true(r.as_ptr())
    }
}

/// `PyObject_IsTrue`.
pub unsafe fn is_true(op: *mut PyObject) -> PyResult<bool> {
    unsafe {
        if op == super::boolobject::true_ptr() {
            return Ok(true);
        }
        if op == super::boolobject::false_ptr() || op == super::noneobject::none_ptr() {
            return Ok(false);
        }
        let tp = (*op).ob_type;
        if !(*tp).tp_as_number.is_null() {
            if let Some(f) = (*(*tp).tp_as_number).nb_bool {
                let r = f(op);
                if r < 0 {
                    return Err(errors::Raised::assume());
                }
                return Ok(r > 0);
            }
        }
        if !(*tp).tp_as_mapping.is_null() {
            if let Some(f) = (*(*tp).tp_as_mapping).mp_length {
                let r = f(op);
                if r < 0 {
                    return Err(errors::Raised::assume());
                }
                return Ok(r > 0);
            }
        }
        if !(*tp).tp_as_sequence.is_null() {
            if let Some(f) = (*(*tp).tp_as_sequence).sq_length {
                let r = f(op);
                if r < 0 {
                    return Err(errors::Raised::assume());
                }
                return Ok(r > 0);
            }
        }
        Ok(true)
    }
}

/// Lexicographic comparison of two item sequences (tuple/list richcompare).
pub unsafe fn sequence_richcompare(a: &[*mut PyObject], b: &[*mut PyObject], op: c_int) -> PyResult<Owned> {
    unsafe {
        if (op == Py_EQ || op == Py_NE) && a.len() != b.len() {
            return Ok(super::boolobject::owned_bool(op == Py_NE));
        }
        let n = a.len().min(b.len());
        let mut i = 0;
        while i < n {
            if !rich_compare_bool(a[i], b[i], Py_EQ)? {
                break;
            }
            i += 1;
        }
        if i >= n {
            let (x, y) = (a.len(), b.len());
            let r = match op {
                Py_LT => x < y,
                Py_LE => x <= y,
                Py_EQ => x == y,
                Py_NE => x != y,
                Py_GT => x > y,
                _ => x >= y,
            };
            return Ok(super::boolobject::owned_bool(r));
        }
        match op {
            Py_EQ => Ok(super::boolobject::owned_bool(false)),
            Py_NE => Ok(super::boolobject::owned_bool(true)),
            _ => rich_compare(a[i], b[i], op),
        }
    }
}

// ---- attributes ----

/// `PyObject_GetAttr`.
pub unsafe fn getattr(op: *mut PyObject, name: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if !unicodeobject::is_str(name) {
            return Err(errors::type_error(format!(
                "attribute name must be string, not '{}'",
                super::typeobject::type_name_str((*name).ob_type)
            )));
        }
        let tp = (*op).ob_type;
        if let Some(f) = (*tp).tp_getattro {
            return Owned::from_raw(f(op, name));
        }
        if let Some(f) = (*tp).tp_getattr {
            let s = std::ffi::CString::new(unicodeobject::as_str(name)?).unwrap_or_default();
            return Owned::from_raw(f(op, s.as_ptr() as *mut libc::c_char));
        }
        Err(errors::attribute_error(format!(
            "'{}' object has no attribute '{}'",
            super::typeobject::type_name_str(tp),
            unicodeobject::to_string_lossy(name)
        )))
    }
}

/// `_PyObject_LookupAttr`: Ok(None) when the attribute is missing.
pub unsafe fn lookup_attr(op: *mut PyObject, name: *mut PyObject) -> PyResult<Option<Owned>> {
    unsafe {
        let tp = (*op).ob_type;
        if (*tp).tp_getattro == Some(super::typeobject::generic_getattr_slot) {
            return super::typeobject::generic_getattr(op, name, true);
        }
        match getattr(op, name) {
            Ok(v) => Ok(Some(v)),
            Err(e) => {
                if errors::exception_matches(super::exceptions::PyExc_AttributeError) {
                    errors::clear();
                    Ok(None)
                } else {
                    Err(e)
                }
            }
        }
    }
}

pub unsafe fn getattr_str(op: *mut PyObject, name: &str) -> PyResult<Owned> {
    unsafe {
        let n = unicodeobject::intern_str(name)?;
        getattr(op, n.as_ptr())
    }
}

/// `PyObject_SetAttr` (value null = delete).
pub unsafe fn setattr(op: *mut PyObject, name: *mut PyObject, value: *mut PyObject) -> PyResult<()> {
    unsafe {
        if !unicodeobject::is_str(name) {
            return Err(errors::type_error(format!(
                "attribute name must be string, not '{}'",
                super::typeobject::type_name_str((*name).ob_type)
            )));
        }
        let tp = (*op).ob_type;
        if let Some(f) = (*tp).tp_setattro {
            let mut n = name;
            incref(n);
            let _ = unicodeobject::intern_in_place(&mut n);
            let r = f(op, n, value);
            decref(n);
            return if r < 0 { Err(errors::Raised::assume()) } else { Ok(()) };
        }
        if let Some(f) = (*tp).tp_setattr {
            let s = std::ffi::CString::new(unicodeobject::as_str(name)?).unwrap_or_default();
            let r = f(op, s.as_ptr() as *mut libc::c_char, value);
            return if r < 0 { Err(errors::Raised::assume()) } else { Ok(()) };
        }
        let has_get = (*tp).tp_getattro.is_some() || (*tp).tp_getattr.is_some();
        let tn = super::typeobject::type_name_str(tp);
        let an = unicodeobject::to_string_lossy(name);
        Err(errors::type_error(if !has_get {
            format!(
                "'{}' object has no attributes ({} .{})",
                tn,
                if value.is_null() { "del" } else { "assign to" },
                an
            )
        } else {
            format!(
                "'{}' object has only read-only attributes ({} .{})",
                tn,
                if value.is_null() { "del" } else { "assign to" },
                an
            )
        }))
    }
}

// ---- calls ----

/// `PyObject_Call(callable, args, kwargs)`; `args` must be a tuple (or null).
pub unsafe fn call(callable: *mut PyObject, args: *mut PyObject, kwargs: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let tp = (*callable).ob_type;
        let Some(f) = (*tp).tp_call else {
            return Err(errors::type_error(format!(
                "'{}' object is not callable",
                super::typeobject::type_name_str(tp)
            )));
        };
        let empty;
        let args = if args.is_null() {
            empty = tupleobject::new_empty()?;
            empty.as_ptr()
        } else {
            args
        };
        let _d = DepthGuard::enter(" while calling a Python object")?;
        let r = f(callable, args, kwargs);
        if r.is_null() {
            if errors::occurred().is_null() {
                return Err(errors::system_error(
                    "NULL result without error in PyObject_Call",
                ));
            }
            return Err(errors::Raised::assume());
        }
        if !errors::occurred().is_null() {
            decref(r);
            return Err(errors::system_error(format!(
                "{} returned a result with an exception set",
                repr_string(callable)
            )));
        }
        Ok(Owned::from_raw_nonnull(r))
    }
}

/// Call with positional arguments given as borrowed pointers.
pub unsafe fn call_function(callable: *mut PyObject, args: &[*mut PyObject]) -> PyResult<Owned> {
    unsafe {
        let t = tupleobject::pack(args)?;
        call(callable, t.as_ptr(), null_mut())
    }
}

/// `PyObject_VectorcallDict`-like: positional args plus an optional kwargs dict.
pub unsafe fn vectorcall_dict(
    callable: *mut PyObject,
    args: &[*mut PyObject],
    kwargs: *mut PyObject,
) -> PyResult<Owned> {
    unsafe {
        let t = tupleobject::pack(args)?;
        call(callable, t.as_ptr(), kwargs)
    }
}

/// Call `op.name(*args)`.
pub unsafe fn call_method(op: *mut PyObject, name: &str, args: &[*mut PyObject]) -> PyResult<Owned> {
    unsafe {
        let m = getattr_str(op, name)?;
        call_function(m.as_ptr(), args)
    }
}

// ---- iteration ----

/// `PyObject_GetIter`.
pub unsafe fn get_iter(op: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let tp = (*op).ob_type;
        if let Some(f) = (*tp).tp_iter {
            let r = Owned::from_raw(f(op))?;
            let rt = r.type_ptr();
            if (*rt).tp_iternext.is_none() {
                return Err(errors::type_error(format!(
                    "iter() returned non-iterator of type '{}'",
                    super::typeobject::type_name_str(rt)
                )));
            }
            return Ok(r);
        }
        if !(*tp).tp_as_sequence.is_null() && (*(*tp).tp_as_sequence).sq_item.is_some() && !dictobject::is_dict(op) {
            return super::iterobject::new_seq_iter(op);
        }
        Err(errors::type_error(format!(
            "'{}' object is not iterable",
            super::typeobject::type_name_str(tp)
        )))
    }
}

/// `PyIter_Next`: Ok(None) at the end (StopIteration swallowed).
pub unsafe fn iter_next(it: *mut PyObject) -> PyResult<Option<Owned>> {
    unsafe {
        let tp = (*it).ob_type;
        let Some(f) = (*tp).tp_iternext else {
            return Err(errors::type_error(format!(
                "'{}' object is not an iterator",
                super::typeobject::type_name_str(tp)
            )));
        };
        let r = f(it);
        if !r.is_null() {
            return Ok(Some(Owned::from_raw_nonnull(r)));
        }
        if errors::occurred().is_null() {
            return Ok(None);
        }
        if errors::exception_matches(super::exceptions::PyExc_StopIteration) {
            errors::clear();
            return Ok(None);
        }
        Err(errors::Raised::assume())
    }
}

/// Every item of an iterable, as owned handles.
pub unsafe fn collect(op: *mut PyObject) -> PyResult<Vec<Owned>> {
    unsafe {
        if tupleobject::is_tuple_exact(op) {
            return Ok(tupleobject::as_slice(op).iter().map(|&p| Owned::from_borrowed(p)).collect());
        }
        if (*op).ob_type == &raw mut super::listobject::PyList_Type {
            return Ok(super::listobject::as_slice(op).iter().map(|&p| Owned::from_borrowed(p)).collect());
        }
        let it = get_iter(op)?;
        let mut v = Vec::new();
        while let Some(x) = iter_next(it.as_ptr())? {
            v.push(x);
        }
        Ok(v)
    }
}

// ---- items and length ----

/// `PyObject_Size`.
pub unsafe fn length(op: *mut PyObject) -> PyResult<Py_ssize_t> {
    unsafe {
        let tp = (*op).ob_type;
        let f = if !(*tp).tp_as_sequence.is_null() && (*(*tp).tp_as_sequence).sq_length.is_some() {
            (*(*tp).tp_as_sequence).sq_length
        } else if !(*tp).tp_as_mapping.is_null() {
            (*(*tp).tp_as_mapping).mp_length
        } else {
            None
        };
        match f {
            Some(f) => {
                let n = f(op);
                if n < 0 {
                    if errors::occurred().is_null() {
                        return Err(errors::value_error("__len__() should return >= 0"));
                    }
                    return Err(errors::Raised::assume());
                }
                Ok(n)
            }
            None => Err(errors::type_error(format!(
                "object of type '{}' has no len()",
                super::typeobject::type_name_str(tp)
            ))),
        }
    }
}

/// `PyObject_GetItem`.
pub unsafe fn get_item(op: *mut PyObject, key: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let tp = (*op).ob_type;
        if !(*tp).tp_as_mapping.is_null() {
            if let Some(f) = (*(*tp).tp_as_mapping).mp_subscript {
                return Owned::from_raw(f(op, key));
            }
        }
        if !(*tp).tp_as_sequence.is_null() {
            if let Some(f) = (*(*tp).tp_as_sequence).sq_item {
                if super::longobject::is_index(key) {
                    let mut i = super::longobject::as_ssize_index(key, Some(super::exceptions::PyExc_IndexError))?;
                    if i < 0 {
                        if let Some(lf) = (*(*tp).tp_as_sequence).sq_length {
                            let n = lf(op);
                            if n < 0 {
                                return Err(errors::Raised::assume());
                            }
                            i += n;
                        }
                    }
                    return Owned::from_raw(f(op, i));
                }
                return Err(errors::type_error(format!(
                    "sequence index must be integer, not '{}'",
                    super::typeobject::type_name_str((*key).ob_type)
                )));
            }
        }
        if super::typeobject::is_type(op) {
            let m = super::typeobject::lookup_str(op as *mut PyTypeObject, "__class_getitem__")?;
            if !m.is_null() {
                let m = Owned::from_borrowed(m);
                if let Some(g) = (*m.type_ptr()).tp_descr_get {
                    let bound = Owned::from_raw(g(m.as_ptr(), null_mut(), op))?;
                    return call_function(bound.as_ptr(), &[key]);
                }
                return call_function(m.as_ptr(), &[key]);
            }
            return Err(errors::type_error(format!(
                "type '{}' is not subscriptable",
                super::typeobject::type_name_str(op as *mut PyTypeObject)
            )));
        }
        Err(errors::type_error(format!(
            "'{}' object is not subscriptable",
            super::typeobject::type_name_str(tp)
        )))
    }
}

/// `PyObject_SetItem` (value null = delete).
pub unsafe fn set_item(op: *mut PyObject, key: *mut PyObject, value: *mut PyObject) -> PyResult<()> {
    unsafe {
        let tp = (*op).ob_type;
        if !(*tp).tp_as_mapping.is_null() {
            if let Some(f) = (*(*tp).tp_as_mapping).mp_ass_subscript {
                return if f(op, key, value) < 0 { Err(errors::Raised::assume()) } else { Ok(()) };
            }
        }
        if !(*tp).tp_as_sequence.is_null() {
            if let Some(f) = (*(*tp).tp_as_sequence).sq_ass_item {
                if super::longobject::is_index(key) {
                    let mut i = super::longobject::as_ssize_index(key, Some(super::exceptions::PyExc_IndexError))?;
                    if i < 0 {
                        if let Some(lf) = (*(*tp).tp_as_sequence).sq_length {
                            let n = lf(op);
                            if n < 0 {
                                return Err(errors::Raised::assume());
                            }
                            i += n;
                        }
                    }
                    return if f(op, i, value) < 0 { Err(errors::Raised::assume()) } else { Ok(()) };
                }
                return Err(errors::type_error(format!(
                    "sequence index must be integer, not '{}'",
                    super::typeobject::type_name_str((*key).ob_type)
                )));
            }
        }
        let tn = super::typeobject::type_name_str(tp);
        // CPython words deletion differently by path: through PySequence_DelItem
        // (a sequence and an index key) "doesn't", else "does not".
        let via_sequence = !(*tp).tp_as_sequence.is_null() && super::longobject::is_index(key);
        Err(errors::type_error(if value.is_null() && via_sequence {
            format!("'{}' object doesn't support item deletion", tn)
        } else if value.is_null() {
            format!("'{}' object does not support item deletion", tn)
        } else {
            format!("'{}' object does not support item assignment", tn)
        }))
    }
}

/// `PySequence_Contains`.
pub unsafe fn contains(container: *mut PyObject, item: *mut PyObject) -> PyResult<bool> {
    unsafe {
        let tp = (*container).ob_type;
        if !(*tp).tp_as_sequence.is_null() {
            if let Some(f) = (*(*tp).tp_as_sequence).sq_contains {
                let r = f(container, item);
                if r < 0 {
                    return Err(errors::Raised::assume());
                }
                return Ok(r > 0);
            }
        }
        let it = get_iter(container)?;
        while let Some(x) = iter_next(it.as_ptr())? {
            if rich_compare_bool(x.as_ptr(), item, Py_EQ)? {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

// ---- numbers: binary dispatch ----

/// Which `PyNumberMethods` slot: read by offset so one dispatcher serves all.
pub type NbSlot = fn(&PyNumberMethods) -> binaryfunc;

unsafe fn nb_slot(tp: *mut PyTypeObject, slot: NbSlot) -> binaryfunc {
    unsafe {
        if (*tp).tp_as_number.is_null() {
            None
        } else {
            slot(&*(*tp).tp_as_number)
        }
    }
}

/// `binary_op1`: try a's slot, b's slot (b first if b's type is a subclass of
/// a's), returning NotImplemented if neither handles it.
pub unsafe fn binary_op1(a: *mut PyObject, b: *mut PyObject, slot: NbSlot) -> PyResult<Owned> {
    unsafe {
        let ta = (*a).ob_type;
        let tb = (*b).ob_type;
        let sa = nb_slot(ta, slot);
        let mut sb = if ta != tb { nb_slot(tb, slot) } else { None };
        if sb.map(|f| f as usize) == sa.map(|f| f as usize) {
            sb = None;
        }
        if let Some(fa) = sa {
            if let Some(fb) = sb {
                if super::typeobject::is_subtype(tb, ta) {
                    let r = Owned::from_raw(fb(a, b))?;
                    if !r.is(super::noneobject::not_implemented_ptr()) {
                        return Ok(r);
                    }
                    sb = None;
                }
            }
            let r = Owned::from_raw(fa(a, b))?;
            if !r.is(super::noneobject::not_implemented_ptr()) {
                return Ok(r);
            }
        }
        if let Some(fb) = sb {
            return Owned::from_raw(fb(a, b));
        }
        Ok(super::noneobject::not_implemented())
    }
}

/// A binary operator with CPython's "unsupported operand type(s)" error.
pub unsafe fn binary_op(a: *mut PyObject, b: *mut PyObject, slot: NbSlot, opname: &str) -> PyResult<Owned> {
    unsafe {
        let r = binary_op1(a, b, slot)?;
        if r.is(super::noneobject::not_implemented_ptr()) {
            return Err(errors::type_error(format!(
                "unsupported operand type(s) for {}: '{}' and '{}'",
                opname,
                super::typeobject::type_name_str((*a).ob_type),
                super::typeobject::type_name_str((*b).ob_type)
            )));
        }
        Ok(r)
    }
}

// ---- the sequence and mapping protocols (PySequence_*, PyMapping_*) ----

unsafe fn tname(op: *mut PyObject) -> String {
    unsafe { super::typeobject::type_name_str((*op).ob_type) }
}

unsafe fn sq(op: *mut PyObject) -> Option<&'static PySequenceMethods> {
    unsafe { (*(*op).ob_type).tp_as_sequence.as_ref() }
}

unsafe fn mp(op: *mut PyObject) -> Option<&'static PyMappingMethods> {
    unsafe { (*(*op).ob_type).tp_as_mapping.as_ref() }
}

/// `PySequence_Check`: has `sq_item` and is not a dict.
pub unsafe fn sequence_check(op: *mut PyObject) -> bool {
    unsafe { !super::dictobject::is_dict(op) && sq(op).is_some_and(|s| s.sq_item.is_some()) }
}

/// `PyMapping_Check`: has `mp_subscript`.
pub unsafe fn mapping_check(op: *mut PyObject) -> bool {
    unsafe { mp(op).is_some_and(|m| m.mp_subscript.is_some()) }
}

unsafe fn call_len(f: unsafe extern "C" fn(*mut PyObject) -> Py_ssize_t, op: *mut PyObject) -> PyResult<Py_ssize_t> {
    unsafe {
        let n = f(op);
        if n < 0 {
            if errors::occurred().is_null() {
                return Err(errors::value_error("__len__() should return >= 0"));
            }
            return Err(errors::Raised::assume());
        }
        Ok(n)
    }
}

/// `PySequence_Size`.
pub unsafe fn sequence_size(op: *mut PyObject) -> PyResult<Py_ssize_t> {
    unsafe {
        if let Some(f) = sq(op).and_then(|s| s.sq_length) {
            return call_len(f, op);
        }
        if mp(op).is_some_and(|m| m.mp_length.is_some()) {
            return Err(errors::type_error(format!("{} is not a sequence", tname(op))));
        }
        Err(errors::type_error(format!("object of type '{}' has no len()", tname(op))))
    }
}

/// `PyMapping_Size`.
pub unsafe fn mapping_size(op: *mut PyObject) -> PyResult<Py_ssize_t> {
    unsafe {
        if let Some(f) = mp(op).and_then(|m| m.mp_length) {
            return call_len(f, op);
        }
        if sq(op).is_some_and(|s| s.sq_length.is_some()) {
            return Err(errors::type_error(format!("{} is not a mapping", tname(op))));
        }
        Err(errors::type_error(format!("object of type '{}' has no len()", tname(op))))
    }
}

/// `PySequence_Concat`.
pub unsafe fn sequence_concat(a: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if let Some(f) = sq(a).and_then(|s| s.sq_concat) {
            return Owned::from_raw(f(a, b));
        }
        if sequence_check(a) && sequence_check(b) {
            let r = binary_op1(a, b, |n: &PyNumberMethods| n.nb_add)?;
            if !r.is(super::noneobject::not_implemented_ptr()) {
                return Ok(r);
            }
        }
        Err(errors::type_error(format!("'{}' object can't be concatenated", tname(a))))
    }
}

/// `PySequence_Repeat`.
pub unsafe fn sequence_repeat(a: *mut PyObject, count: Py_ssize_t) -> PyResult<Owned> {
    unsafe {
        if let Some(f) = sq(a).and_then(|s| s.sq_repeat) {
            return Owned::from_raw(f(a, count));
        }
        if sequence_check(a) {
            let n = super::longobject::from_isize(count)?;
            let r = binary_op1(a, n.as_ptr(), |n: &PyNumberMethods| n.nb_multiply)?;
            if !r.is(super::noneobject::not_implemented_ptr()) {
                return Ok(r);
            }
        }
        Err(errors::type_error(format!("'{}' object can't be repeated", tname(a))))
    }
}

/// `PySequence_InPlaceConcat`.
pub unsafe fn sequence_inplace_concat(a: *mut PyObject, b: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if let Some(s) = sq(a) {
            if let Some(f) = s.sq_inplace_concat {
                return Owned::from_raw(f(a, b));
            }
            if let Some(f) = s.sq_concat {
                return Owned::from_raw(f(a, b));
            }
        }
        if sequence_check(a) && sequence_check(b) {
            let nb = (*(*a).ob_type).tp_as_number;
            if let Some(f) = nb.as_ref().and_then(|n| n.nb_inplace_add) {
                let r = Owned::from_raw(f(a, b))?;
                if !r.is(super::noneobject::not_implemented_ptr()) {
                    return Ok(r);
                }
            }
            let r = binary_op1(a, b, |n: &PyNumberMethods| n.nb_add)?;
            if !r.is(super::noneobject::not_implemented_ptr()) {
                return Ok(r);
            }
        }
        Err(errors::type_error(format!("'{}' object can't be concatenated", tname(a))))
    }
}

/// `PySequence_InPlaceRepeat`.
pub unsafe fn sequence_inplace_repeat(a: *mut PyObject, count: Py_ssize_t) -> PyResult<Owned> {
    unsafe {
        if let Some(s) = sq(a) {
            if let Some(f) = s.sq_inplace_repeat {
                return Owned::from_raw(f(a, count));
            }
            if let Some(f) = s.sq_repeat {
                return Owned::from_raw(f(a, count));
            }
        }
        if sequence_check(a) {
            let n = super::longobject::from_isize(count)?;
            let nb = (*(*a).ob_type).tp_as_number;
            if let Some(f) = nb.as_ref().and_then(|n| n.nb_inplace_multiply) {
                let r = Owned::from_raw(f(a, n.as_ptr()))?;
                if !r.is(super::noneobject::not_implemented_ptr()) {
                    return Ok(r);
                }
            }
            let r = binary_op1(a, n.as_ptr(), |n: &PyNumberMethods| n.nb_multiply)?;
            if !r.is(super::noneobject::not_implemented_ptr()) {
                return Ok(r);
            }
        }
        Err(errors::type_error(format!("'{}' object can't be repeated", tname(a))))
    }
}

/// Negative `i` counts from the end when the type has `sq_length`.
unsafe fn adjust_index(op: *mut PyObject, i: Py_ssize_t) -> PyResult<Py_ssize_t> {
    unsafe {
        if i < 0 {
            if let Some(f) = sq(op).and_then(|s| s.sq_length) {
                let n = f(op);
                if n < 0 {
                    return Err(errors::Raised::assume());
                }
                return Ok(i + n);
            }
        }
        Ok(i)
    }
}

/// `PySequence_GetItem`.
pub unsafe fn sequence_get_item(op: *mut PyObject, i: Py_ssize_t) -> PyResult<Owned> {
    unsafe {
        if let Some(f) = sq(op).and_then(|s| s.sq_item) {
            let i = adjust_index(op, i)?;
            return Owned::from_raw(f(op, i));
        }
        if mp(op).is_some_and(|m| m.mp_subscript.is_some()) {
            return Err(errors::type_error(format!("{} is not a sequence", tname(op))));
        }
        Err(errors::type_error(format!("'{}' object does not support indexing", tname(op))))
    }
}

/// `PySequence_SetItem` (value null = delete).
pub unsafe fn sequence_set_item(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> PyResult<()> {
    unsafe {
        if let Some(f) = sq(op).and_then(|s| s.sq_ass_item) {
            let i = adjust_index(op, i)?;
            return if f(op, i, v) < 0 { Err(errors::Raised::assume()) } else { Ok(()) };
        }
        if mp(op).is_some_and(|m| m.mp_ass_subscript.is_some()) {
            return Err(errors::type_error(format!("{} is not a sequence", tname(op))));
        }
        Err(errors::type_error(if v.is_null() {
            format!("'{}' object doesn't support item deletion", tname(op))
        } else {
            format!("'{}' object does not support item assignment", tname(op))
        }))
    }
}

/// `PySequence_GetSlice`.
pub unsafe fn sequence_get_slice(op: *mut PyObject, i1: Py_ssize_t, i2: Py_ssize_t) -> PyResult<Owned> {
    unsafe {
        if let Some(f) = mp(op).and_then(|m| m.mp_subscript) {
            let (a, b) = (super::longobject::from_isize(i1)?, super::longobject::from_isize(i2)?);
            let s = super::sliceobject::new_slice(a.as_ptr(), b.as_ptr(), null_mut())?;
            return Owned::from_raw(f(op, s.as_ptr()));
        }
        Err(errors::type_error(format!("'{}' object is unsliceable", tname(op))))
    }
}

/// `PySequence_SetSlice` (value null = `PySequence_DelSlice`).
pub unsafe fn sequence_set_slice(op: *mut PyObject, i1: Py_ssize_t, i2: Py_ssize_t, v: *mut PyObject) -> PyResult<()> {
    unsafe {
        if let Some(f) = mp(op).and_then(|m| m.mp_ass_subscript) {
            let (a, b) = (super::longobject::from_isize(i1)?, super::longobject::from_isize(i2)?);
            let s = super::sliceobject::new_slice(a.as_ptr(), b.as_ptr(), null_mut())?;
            return if f(op, s.as_ptr(), v) < 0 { Err(errors::Raised::assume()) } else { Ok(()) };
        }
        Err(errors::type_error(if v.is_null() {
            format!("'{}' object doesn't support slice deletion", tname(op))
        } else {
            format!("'{}' object doesn't support slice assignment", tname(op))
        }))
    }
}

/// `PySequence_Tuple`.
pub unsafe fn sequence_tuple(op: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if super::tupleobject::is_tuple_exact(op) {
            return Ok(Owned::from_borrowed(op));
        }
        super::tupleobject::from_owned(collect(op)?)
    }
}

/// `PySequence_List`.
pub unsafe fn sequence_list(op: *mut PyObject) -> PyResult<Owned> {
    unsafe { super::listobject::from_owned(collect(op)?) }
}

/// `PySequence_Fast`: the list or tuple itself, else a new list; `msg` is the
/// TypeError raised for non-iterables.
pub unsafe fn sequence_fast(op: *mut PyObject, msg: &str) -> PyResult<Owned> {
    unsafe {
        if super::listobject::is_list(op) && (*op).ob_type == &raw mut super::listobject::PyList_Type
            || super::tupleobject::is_tuple_exact(op)
        {
            return Ok(Owned::from_borrowed(op));
        }
        let it = match get_iter(op) {
            Ok(it) => it,
            Err(e) => {
                if errors::exception_matches(super::exceptions::PyExc_TypeError) {
                    return Err(errors::type_error(msg));
                }
                return Err(e);
            }
        };
        let mut v = Vec::new();
        while let Some(x) = iter_next(it.as_ptr())? {
            v.push(x);
        }
        super::listobject::from_owned(v)
    }
}

/// What `iter_search` looks for.
#[derive(Clone, Copy, PartialEq)]
pub enum IterSearch {
    Count,
    Index,
    Contains,
}

/// `_PySequence_IterSearch`.
pub unsafe fn iter_search(seq: *mut PyObject, obj: *mut PyObject, what: IterSearch) -> PyResult<Py_ssize_t> {
    unsafe {
        let it = match get_iter(seq) {
            Ok(it) => it,
            Err(e) => {
                if errors::exception_matches(super::exceptions::PyExc_TypeError) {
                    return Err(errors::type_error(format!("argument of type '{}' is not iterable", tname(seq))));
                }
                return Err(e);
            }
        };
        let mut n: Py_ssize_t = 0;
        while let Some(x) = iter_next(it.as_ptr())? {
            if rich_compare_bool(x.as_ptr(), obj, Py_EQ)? {
                match what {
                    IterSearch::Count => n += 1,
                    IterSearch::Index => return Ok(n),
                    IterSearch::Contains => return Ok(1),
                }
            } else if what == IterSearch::Index {
                n += 1;
            }
        }
        match what {
            IterSearch::Index => Err(errors::value_error("sequence.index(x): x not in sequence")),
            IterSearch::Contains => Ok(0),
            IterSearch::Count => Ok(n),
        }
    }
}

/// `o.keys()` / `o.values()` / `o.items()` as a list (`PyMapping_Keys` …).
pub unsafe fn mapping_method_list(op: *mut PyObject, name: &str) -> PyResult<Owned> {
    unsafe {
        if super::dictobject::is_dict_exact(op) {
            return match name {
                "keys" => super::dictobject::keys_list(op),
                "values" => super::dictobject::values_list(op),
                _ => super::dictobject::items_list(op),
            };
        }
        let r = call_method(op, name, &[])?;
        let it = match get_iter(r.as_ptr()) {
            Ok(it) => it,
            Err(e) => {
                if errors::exception_matches(super::exceptions::PyExc_TypeError) {
                    return Err(errors::type_error(format!(
                        "{}.{}() returned a non-iterable (type {})",
                        tname(op),
                        name,
                        tname(r.as_ptr())
                    )));
                }
                return Err(e);
            }
        };
        let mut v = Vec::new();
        while let Some(x) = iter_next(it.as_ptr())? {
            v.push(x);
        }
        super::listobject::from_owned(v)
    }
}

/// `_PyObject_LookupSpecial`: `name` looked up on the type and bound to `op`.
pub unsafe fn lookup_special(op: *mut PyObject, name: &str) -> PyResult<Option<Owned>> {
    unsafe {
        let d = super::typeobject::lookup_str((*op).ob_type, name)?;
        if d.is_null() {
            return Ok(None);
        }
        let d = Owned::from_borrowed(d);
        if let Some(g) = (*d.type_ptr()).tp_descr_get {
            return Owned::from_raw(g(d.as_ptr(), op, (*op).ob_type as *mut PyObject)).map(Some);
        }
        Ok(Some(d))
    }
}

/// `PyObject_Format`.
pub unsafe fn format(op: *mut PyObject, spec: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let empty;
        let spec = if spec.is_null() {
            empty = super::unicodeobject::from_str("")?;
            empty.as_ptr()
        } else {
            spec
        };
        if super::unicodeobject::is_str(spec) && super::unicodeobject::len(spec) == 0 {
            if super::unicodeobject::is_str_exact(op) {
                return Ok(Owned::from_borrowed(op));
            }
            if (*op).ob_type == &raw mut super::longobject::PyLong_Type {
                return str(op);
            }
        }
        let Some(m) = lookup_special(op, "__format__")? else {
            return Err(errors::type_error(format!("Type {} doesn't define __format__", tname(op))));
        };
        let r = call_function(m.as_ptr(), &[spec])?;
        if !super::unicodeobject::is_str(r.as_ptr()) {
            return Err(errors::type_error(format!("__format__ must return a str, not {}", tname(r.as_ptr()))));
        }
        Ok(r)
    }
}

/// Sort a list of objects by `<` in place (stable; the first comparison
/// error is returned after the sort stops comparing).
pub unsafe fn sort_objects(v: &mut [Owned]) -> PyResult<()> {
    let mut err = None;
    v.sort_by(|a, b| {
        if err.is_some() {
            return core::cmp::Ordering::Equal;
        }
        match unsafe { rich_compare_bool(a.as_ptr(), b.as_ptr(), Py_LT) } {
            Ok(true) => core::cmp::Ordering::Less,
            Ok(false) => match unsafe { rich_compare_bool(b.as_ptr(), a.as_ptr(), Py_LT) } {
                Ok(true) => core::cmp::Ordering::Greater,
                Ok(false) => core::cmp::Ordering::Equal,
                Err(e) => {
                    err = Some(e);
                    core::cmp::Ordering::Equal
                }
            },
            Err(e) => {
                err = Some(e);
                core::cmp::Ordering::Equal
            }
        }
    });
    match err {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// `PyObject_Dir(op)`: sorted list of `op.__dir__()`. Without an object (the
/// caller's locals) there is no frame yet: SystemError.
pub unsafe fn dir(op: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if op.is_null() {
            return Err(errors::system_error("frame does not exist"));
        }
        let Some(f) = lookup_special(op, "__dir__")? else {
            return Err(errors::type_error("object does not provide __dir__"));
        };
        let r = call_function(f.as_ptr(), &[])?;
        let mut v = collect(r.as_ptr())?;
        sort_objects(&mut v)?;
        super::listobject::from_owned(v)
    }
}

/// `PyObject_LengthHint`.
pub unsafe fn length_hint(op: *mut PyObject, default: Py_ssize_t) -> PyResult<Py_ssize_t> {
    unsafe {
        let has_len = sq(op).is_some_and(|s| s.sq_length.is_some()) || mp(op).is_some_and(|m| m.mp_length.is_some());
        if has_len {
            match length(op) {
                Ok(n) => return Ok(n),
                Err(e) => {
                    if !errors::exception_matches(super::exceptions::PyExc_TypeError) {
                        return Err(e);
                    }
                    errors::clear();
                }
            }
        }
        let Some(h) = lookup_special(op, "__length_hint__")? else {
            return Ok(default);
        };
        let r = match call_function(h.as_ptr(), &[]) {
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
                tname(r.as_ptr())
            )));
        }
        let n = super::longobject::as_ssize_index(r.as_ptr(), Some(super::exceptions::PyExc_OverflowError))?;
        if n < 0 {
            return Err(errors::value_error("__length_hint__() should return >= 0"));
        }
        Ok(n)
    }
}
