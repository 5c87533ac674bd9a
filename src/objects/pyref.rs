//! Reference counting and the two handle types that carry ownership in Rust.
//!
//! Design note. `Owned` is a strong reference (incref on clone, decref on
//! drop); `Borrowed<'a>` is a reference kept alive by something else for `'a`.
//! Outside `src/objects/` nobody touches `ob_refcnt` by hand: C API wrappers in
//! `src/capi/` convert between these and raw pointers once ("new reference" →
//! `Owned::into_raw`, "steals" → `Owned::from_raw`, "borrowed" → `Borrowed`).
//!
//! The live-object counter counts objects, not references: it goes up when an
//! object is born (`new_reference`) and down in `_Py_Dealloc`, so tests can run a
//! thing N times and check the count comes back (DESIGN.md §2).
use super::object::*;
use crate::runtime::errors::{PyResult, Raised};
use core::marker::PhantomData;
use core::ptr::NonNull;
use std::sync::atomic::{AtomicIsize, Ordering};

static LIVE_OBJECTS: AtomicIsize = AtomicIsize::new(0);

/// Objects currently alive (born through `new_reference`, not yet deallocated).
pub fn live_objects() -> isize {
    LIVE_OBJECTS.load(Ordering::Relaxed)
}

/// Mark a freshly allocated object as born: refcount 1, counted live.
#[inline]
pub unsafe fn new_reference(op: *mut PyObject) {
    LIVE_OBJECTS.fetch_add(1, Ordering::Relaxed);
    unsafe { (*op).ob_refcnt = 1 };
}

/// Undo `new_reference` for an object that is being resurrected or kept in a
/// free list without going through `_Py_Dealloc`'s count.
#[inline]
pub fn forget_reference() {
    LIVE_OBJECTS.fetch_sub(1, Ordering::Relaxed);
}

#[inline(always)]
pub unsafe fn incref(op: *mut PyObject) {
    unsafe { (*op).ob_refcnt += 1 };
}

#[inline(always)]
pub unsafe fn xincref(op: *mut PyObject) {
    if !op.is_null() {
        unsafe { incref(op) }
    }
}

#[inline(always)]
pub unsafe fn decref(op: *mut PyObject) {
    unsafe {
        (*op).ob_refcnt -= 1;
        if (*op).ob_refcnt == 0 {
            dealloc(op);
        }
    }
}

#[inline(always)]
pub unsafe fn xdecref(op: *mut PyObject) {
    if !op.is_null() {
        unsafe { decref(op) }
    }
}

/// Return a new reference (incref and hand back the same pointer).
#[inline(always)]
pub unsafe fn new_ref(op: *mut PyObject) -> *mut PyObject {
    unsafe { incref(op) };
    op
}

/// `Py_CLEAR`: null the slot first, then drop the reference.
#[inline]
pub unsafe fn clear(slot: *mut *mut PyObject) {
    unsafe {
        let old = *slot;
        if !old.is_null() {
            *slot = core::ptr::null_mut();
            decref(old);
        }
    }
}

/// `Py_SETREF` order: store the new value, then drop the old one.
#[inline]
pub unsafe fn setref(slot: *mut *mut PyObject, new: *mut PyObject) {
    unsafe {
        let old = *slot;
        *slot = new;
        xdecref(old);
    }
}

/// The body of `_Py_Dealloc`: destroy an object whose count reached zero.
pub unsafe fn dealloc(op: *mut PyObject) {
    LIVE_OBJECTS.fetch_sub(1, Ordering::Relaxed);
    unsafe {
        let tp = (*op).ob_type;
        match (*tp).tp_dealloc {
            Some(f) => f(op),
            None => crate::runtime::obmalloc::object_free(op as *mut libc::c_void),
        }
    }
}

/// A strong reference. Dropping it decrefs.
#[repr(transparent)]
pub struct Owned(NonNull<PyObject>);

impl Owned {
    /// Take ownership of a new reference; `NULL` means an exception is pending.
    #[inline]
    pub unsafe fn from_raw(p: *mut PyObject) -> PyResult<Owned> {
        match NonNull::new(p) {
            Some(nn) => Ok(Owned(nn)),
            None => Err(unsafe { Raised::assume() }),
        }
    }
    /// Take ownership of a new reference that the caller knows is not null.
    #[inline]
    pub unsafe fn from_raw_nonnull(p: *mut PyObject) -> Owned {
        debug_assert!(!p.is_null());
        Owned(unsafe { NonNull::new_unchecked(p) })
    }
    #[inline]
    pub unsafe fn from_raw_opt(p: *mut PyObject) -> Option<Owned> {
        NonNull::new(p).map(Owned)
    }
    /// Make a new strong reference to a borrowed object (incref).
    #[inline]
    pub unsafe fn from_borrowed(p: *mut PyObject) -> Owned {
        unsafe {
            incref(p);
            Owned::from_raw_nonnull(p)
        }
    }
    /// Give the reference away (to C: "returns a new reference").
    #[inline]
    pub fn into_raw(self) -> *mut PyObject {
        let p = self.0.as_ptr();
        core::mem::forget(self);
        p
    }
    #[inline(always)]
    pub fn as_ptr(&self) -> *mut PyObject {
        self.0.as_ptr()
    }
    #[inline(always)]
    pub fn borrow(&self) -> Borrowed<'_> {
        Borrowed(self.0, PhantomData)
    }
    #[inline(always)]
    pub fn type_ptr(&self) -> *mut PyTypeObject {
        unsafe { (*self.0.as_ptr()).ob_type }
    }
    pub fn is(&self, other: *mut PyObject) -> bool {
        self.0.as_ptr() == other
    }
}

impl Clone for Owned {
    #[inline]
    fn clone(&self) -> Owned {
        unsafe { incref(self.0.as_ptr()) };
        Owned(self.0)
    }
}

impl Drop for Owned {
    #[inline]
    fn drop(&mut self) {
        unsafe { decref(self.0.as_ptr()) }
    }
}

impl core::fmt::Debug for Owned {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Owned({:p})", self.0.as_ptr())
    }
}

/// A reference kept alive by someone else for `'a`.
#[derive(Clone, Copy)]
#[repr(transparent)]
pub struct Borrowed<'a>(NonNull<PyObject>, PhantomData<&'a PyObject>);

impl<'a> Borrowed<'a> {
    #[inline(always)]
    pub unsafe fn from_ptr(p: *mut PyObject) -> Borrowed<'a> {
        Borrowed(unsafe { NonNull::new_unchecked(p) }, PhantomData)
    }
    #[inline(always)]
    pub fn as_ptr(self) -> *mut PyObject {
        self.0.as_ptr()
    }
    #[inline]
    pub fn to_owned(self) -> Owned {
        unsafe { Owned::from_borrowed(self.0.as_ptr()) }
    }
    #[inline(always)]
    pub fn type_ptr(self) -> *mut PyTypeObject {
        unsafe { (*self.0.as_ptr()).ob_type }
    }
}
