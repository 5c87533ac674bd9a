//! `Include/pystate.h`, `Include/ceval.h` (thread half): thread and
//! interpreter states, single-threaded until the GIL lands.
//!
//! Design note. `PyEval_SaveThread` really detaches the current thread state
//! (the thread-local pointer becomes null) and `PyEval_RestoreThread` puts it
//! back, so `Py_BEGIN/END_ALLOW_THREADS` pair up as in CPython; with one
//! thread there is no lock to drop. Each thread remembers its own state (the
//! first one it used) for `PyGILState_Ensure`, which re-attaches it.
//! `PyThreadState_GetDict` keeps one dict per thread state in a side table
//! (the struct stays as `runtime::pystate` defines it); the dicts are freed
//! at finalisation. The interpreter is one static main interpreter.
use crate::objects::object::PyObject;
use crate::objects::pyref::Owned;
use crate::runtime::pystate::{self, PyInterpreterState, PyThreadState};
use core::cell::{Cell, RefCell};
use core::ptr::null_mut;
use libc::c_int;

static mut MAIN_INTERP: PyInterpreterState = PyInterpreterState { id: 0 };

thread_local! {
    /// This thread's own state (what `PyGILState_Ensure` re-attaches).
    static OWN: Cell<*mut PyThreadState> = const { Cell::new(null_mut()) };
    /// `PyThreadState_GetDict` dicts, per thread state.
    static DICTS: RefCell<Vec<(*mut PyThreadState, Owned)>> = const { RefCell::new(Vec::new()) };
}

/// The attached state without creating one (null when detached).
fn peek() -> *mut PyThreadState {
    let p = pystate::swap(null_mut());
    pystate::swap(p);
    p
}

/// The attached state, creating the thread's first one on demand.
fn attached() -> *mut PyThreadState {
    let p = peek();
    if !p.is_null() {
        remember(p);
        return p;
    }
    let own = OWN.with(|o| o.get());
    if !own.is_null() {
        pystate::swap(own);
        return own;
    }
    let p = pystate::current();
    remember(p);
    p
}

fn remember(p: *mut PyThreadState) {
    OWN.with(|o| {
        if o.get().is_null() {
            o.set(p);
        }
    });
}

/// Free every thread-state dict of this thread (called at finalisation).
pub fn clear_dicts() {
    let v: Vec<(*mut PyThreadState, Owned)> = DICTS.with(|d| d.borrow_mut().drain(..).collect());
    drop(v);
}

/// The current thread state (a bare one is created for a thread that has none).
#[no_mangle]
pub unsafe extern "C" fn PyThreadState_Get() -> *mut PyThreadState {
    attached()
}

#[no_mangle]
pub unsafe extern "C" fn _PyThreadState_UncheckedGet() -> *mut PyThreadState {
    peek()
}

/// Make `new` current (may be NULL); returns the previous one.
#[no_mangle]
pub unsafe extern "C" fn PyThreadState_Swap(new: *mut PyThreadState) -> *mut PyThreadState {
    if !new.is_null() {
        remember(new);
    }
    pystate::swap(new)
}

/// Borrowed dict private to the current thread state (NULL if none is attached).
#[no_mangle]
pub unsafe extern "C" fn PyThreadState_GetDict() -> *mut PyObject {
    let ts = peek();
    if ts.is_null() {
        return null_mut();
    }
    DICTS.with(|d| {
        let mut d = d.borrow_mut();
        if let Some((_, o)) = d.iter().find(|(t, _)| *t == ts) {
            return o.as_ptr();
        }
        match crate::objects::dictobject::new_dict() {
            Ok(o) => {
                let p = o.as_ptr();
                d.push((ts, o));
                p
            }
            Err(_) => {
                crate::runtime::errors::clear();
                null_mut()
            }
        }
    })
}

/// Detach the current thread state and return it (`Py_BEGIN_ALLOW_THREADS`).
#[no_mangle]
pub unsafe extern "C" fn PyEval_SaveThread() -> *mut PyThreadState {
    let ts = attached();
    pystate::swap(null_mut());
    ts
}

/// Re-attach `ts` (`Py_END_ALLOW_THREADS`).
#[no_mangle]
pub unsafe extern "C" fn PyEval_RestoreThread(ts: *mut PyThreadState) {
    if !ts.is_null() {
        pystate::swap(ts);
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyEval_AcquireThread(ts: *mut PyThreadState) {
    unsafe { PyEval_RestoreThread(ts) }
}

#[no_mangle]
pub unsafe extern "C" fn PyEval_ReleaseThread(_ts: *mut PyThreadState) {
    pystate::swap(null_mut());
}

/// Nothing to do: the GIL (when it exists) is created by `Py_Initialize`.
#[no_mangle]
pub unsafe extern "C" fn PyEval_InitThreads() {}

#[no_mangle]
pub unsafe extern "C" fn PyEval_ThreadsInitialized() -> c_int {
    1
}

/// `PyGILState_STATE`: LOCKED = 0 (already attached), UNLOCKED = 1.
pub type PyGILState_STATE = c_int;
pub const PyGILState_LOCKED: PyGILState_STATE = 0;
pub const PyGILState_UNLOCKED: PyGILState_STATE = 1;

/// Attach this thread's state if none is attached.
#[no_mangle]
pub unsafe extern "C" fn PyGILState_Ensure() -> PyGILState_STATE {
    if !peek().is_null() {
        return PyGILState_LOCKED;
    }
    attached();
    PyGILState_UNLOCKED
}

/// Undo the matching `PyGILState_Ensure`.
#[no_mangle]
pub unsafe extern "C" fn PyGILState_Release(state: PyGILState_STATE) {
    if state == PyGILState_UNLOCKED {
        pystate::swap(null_mut());
    }
}

/// 1 if this thread's state is attached.
#[no_mangle]
pub unsafe extern "C" fn PyGILState_Check() -> c_int {
    let p = peek();
    (!p.is_null() && p == OWN.with(|o| o.get())) as c_int
}

/// This thread's own state (attached or not), or NULL if it never had one.
#[no_mangle]
pub unsafe extern "C" fn PyGILState_GetThisThreadState() -> *mut PyThreadState {
    let own = OWN.with(|o| o.get());
    if !own.is_null() {
        return own;
    }
    peek()
}

unsafe fn interp_of(ts: *mut PyThreadState) -> *mut PyInterpreterState {
    unsafe {
        if ts.is_null() || (*ts).interp.is_null() {
            &raw mut MAIN_INTERP
        } else {
            (*ts).interp
        }
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyInterpreterState_Get() -> *mut PyInterpreterState {
    unsafe { interp_of(attached()) }
}

#[no_mangle]
pub unsafe extern "C" fn PyInterpreterState_Main() -> *mut PyInterpreterState {
    &raw mut MAIN_INTERP
}

#[no_mangle]
pub unsafe extern "C" fn PyThreadState_GetInterpreter(ts: *mut PyThreadState) -> *mut PyInterpreterState {
    unsafe { interp_of(ts) }
}

#[no_mangle]
pub unsafe extern "C" fn PyInterpreterState_GetID(interp: *mut PyInterpreterState) -> i64 {
    unsafe {
        if interp.is_null() {
            let _ = crate::runtime::errors::runtime_error("no interpreter provided");
            return -1;
        }
        (*interp).id
    }
}

/// Frames come with the evaluator: no thread has a running frame yet.
#[no_mangle]
pub unsafe extern "C" fn PyThreadState_GetFrame(_ts: *mut PyThreadState) -> *mut PyObject {
    null_mut()
}
