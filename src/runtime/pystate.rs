//! Interpreter and thread state.
//!
//! Design note. The pending exception lives in the thread state (three slots, as
//! 3.11's `curexc_*`, stored exactly as given to `PyErr_Restore`); the
//! thread-local holds only a pointer to the current `PyThreadState`. A thread that
//! touches the error indicator before any state exists for it (a C API call
//! before `Py_Initialize`) gets a bare state created on first use, so such calls
//! report errors instead of crashing. Threads and the GIL come in a later issue;
//! the struct is laid out so they only add fields.
use crate::objects::object::PyObject;
use core::cell::Cell;
use core::ptr::null_mut;

#[repr(C)]
pub struct PyInterpreterState {
    /// Reserved for the module table, sys, builtins … (later issues).
    pub id: i64,
}

#[repr(C)]
pub struct PyThreadState {
    pub interp: *mut PyInterpreterState,
    pub curexc_type: *mut PyObject,
    pub curexc_value: *mut PyObject,
    pub curexc_traceback: *mut PyObject,
    /// The exception being handled (`sys.exc_info()`), for later issues.
    pub exc_value: *mut PyObject,
    /// Depth of native re-entry (repr of nested containers …) and of
    /// Python frames (one counter, as CPython 3.11).
    pub recursion_depth: i32,
    /// The frame being evaluated on this thread (top of the frame chain).
    pub current_frame: *mut crate::eval::frame::Frame,
    /// Where interpreter frames live (src/eval/frame.rs).
    pub datastack: crate::eval::frame::DataStack,
}

thread_local! {
    static CURRENT: Cell<*mut PyThreadState> = const { Cell::new(null_mut()) };
}

/// The current thread state, created bare on first use.
#[inline]
pub fn current() -> *mut PyThreadState {
    CURRENT.with(|c| {
        let p = c.get();
        if !p.is_null() {
            return p;
        }
        let ts = Box::into_raw(Box::new(PyThreadState {
            interp: null_mut(),
            curexc_type: null_mut(),
            curexc_value: null_mut(),
            curexc_traceback: null_mut(),
            exc_value: null_mut(),
            recursion_depth: 0,
            current_frame: null_mut(),
            datastack: crate::eval::frame::DataStack::new(),
        }));
        c.set(ts);
        ts
    })
}

/// Swap the current thread state (`PyThreadState_Swap`).
pub fn swap(new: *mut PyThreadState) -> *mut PyThreadState {
    CURRENT.with(|c| c.replace(new))
}

/// The interpreter's recursion limit (`sys.getrecursionlimit()`), shared by
/// every thread as in CPython (one interpreter). Default 1000.
static RECURSION_LIMIT: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(1000);

pub fn recursion_limit() -> i32 {
    RECURSION_LIMIT.load(std::sync::atomic::Ordering::Relaxed)
}

pub fn set_recursion_limit(n: i32) {
    RECURSION_LIMIT.store(n, std::sync::atomic::Ordering::Relaxed)
}
