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

/// Written only by threads holding the GIL (objects are born and die under
/// it), so updates are a relaxed load + store, not a locked read-modify-write
/// (which cost ~2 x 20 cycles on every object's life); readable from anywhere.
static LIVE_OBJECTS: AtomicIsize = AtomicIsize::new(0);

#[inline(always)]
fn live_add(d: isize) {
    LIVE_OBJECTS.store(LIVE_OBJECTS.load(Ordering::Relaxed) + d, Ordering::Relaxed);
}

/// Objects currently alive (born through `new_reference`, not yet deallocated).
pub fn live_objects() -> isize {
    LIVE_OBJECTS.load(Ordering::Relaxed)
}

/// Mark a freshly allocated object as born: refcount 1, counted live.
#[inline]
pub unsafe fn new_reference(op: *mut PyObject) {
    live_add(1);
    unsafe { (*op).ob_refcnt = 1 };
}

/// Undo `new_reference` for an object that is being resurrected or kept in a
/// free list without going through `_Py_Dealloc`'s count.
#[inline]
pub fn forget_reference() {
    live_add(-1);
}

/// A free list of dead objects' memory, kept for reuse by one exact type
/// (CPython keeps these for float, list, tuple ...). Objects in it are not
/// live: `_Py_Dealloc` already counted them out and reuse goes through
/// `new_reference`. Their memory stays allocated until `drain` (called at
/// finalisation). Touched only under the GIL.
pub struct FreeList<const N: usize> {
    items: core::cell::UnsafeCell<([*mut PyObject; N], usize)>,
}

// SAFETY: only used under the GIL.
unsafe impl<const N: usize> Sync for FreeList<N> {}

impl<const N: usize> FreeList<N> {
    pub const fn new() -> Self {
        FreeList { items: core::cell::UnsafeCell::new(([core::ptr::null_mut(); N], 0)) }
    }

    /// The most recently pushed object, or null when empty.
    ///
    /// # Safety
    /// The caller holds the GIL.
    #[inline(always)]
    pub unsafe fn pop(&self) -> *mut PyObject {
        // SAFETY: GIL held, no other reference to the cell is live.
        let (items, n) = unsafe { &mut *self.items.get() };
        if *n == 0 {
            return core::ptr::null_mut();
        }
        *n -= 1;
        items[*n]
    }

    /// Keep `op`'s memory; false (nothing done) when the list is full.
    ///
    /// # Safety
    /// The caller holds the GIL; `op` is dead (already counted out).
    #[inline(always)]
    pub unsafe fn push(&self, op: *mut PyObject) -> bool {
        // SAFETY: as in `pop`.
        let (items, n) = unsafe { &mut *self.items.get() };
        if *n == N {
            return false;
        }
        items[*n] = op;
        *n += 1;
        true
    }

    /// Empty the list, handing each kept object to `free`.
    ///
    /// # Safety
    /// The caller holds the GIL.
    pub unsafe fn drain(&self, free: impl Fn(*mut PyObject)) {
        loop {
            // SAFETY: GIL held.
            let op = unsafe { self.pop() };
            if op.is_null() {
                break;
            }
            free(op);
        }
    }
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
/// Out of line for `decref`'s many call sites; `_Py_Dealloc` inlines
/// `dealloc_inline` instead.
pub unsafe fn dealloc(op: *mut PyObject) {
    unsafe { dealloc_inline(op) }
}

/// `dealloc`, for inlining into `_Py_Dealloc`.
#[inline(always)]
pub unsafe fn dealloc_inline(op: *mut PyObject) {
    live_add(-1);
    unsafe {
        let tp = (*op).ob_type;
        match (*tp).tp_dealloc {
            Some(f) => f(op),
            None => free_without_dealloc(op),
        }
    }
}

#[cold]
#[inline(never)]
unsafe fn free_without_dealloc(op: *mut PyObject) {
    unsafe { crate::runtime::obmalloc::object_free(op as *mut libc::c_void) }
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
