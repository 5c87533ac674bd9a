//! `Include/ceval.h` (the parts that exist before the evaluator): the recursion
//! limit and the repr re-entry stack (`Py_ReprEnter` lives in `object.h` in
//! CPython but shares this file's subject: native recursion).
//!
//! Design note. The depth counter is the thread state's `recursion_depth`, the
//! same counter the native `DepthGuard` uses (see `src/objects/abstract_.rs`),
//! so an extension's `Py_EnterRecursiveCall` and pyrite's nested repr/compare
//! count together as in CPython. The limit is the interpreter's (default 1000).
use crate::objects::abstract_ as ab;
use crate::objects::object::PyObject;
use crate::runtime::ffi::guard;
use crate::runtime::pystate;
use libc::{c_char, c_int};

/// `Py_EnterRecursiveCall`: 0 and one level deeper, or -1 with RecursionError
/// ("maximum recursion depth exceeded" followed by `where_`).
#[no_mangle]
pub unsafe extern "C" fn Py_EnterRecursiveCall(where_: *const c_char) -> c_int {
    guard(|| unsafe {
        let w = if where_.is_null() {
            std::borrow::Cow::Borrowed("")
        } else {
            std::ffi::CStr::from_ptr(where_).to_string_lossy()
        };
        ab::enter_recursive_call(&w, pystate::recursion_limit())?;
        Ok(0)
    })
}

/// `Py_LeaveRecursiveCall`: one level up.
#[no_mangle]
pub extern "C" fn Py_LeaveRecursiveCall() {
    ab::leave_recursive_call()
}

#[no_mangle]
pub extern "C" fn Py_GetRecursionLimit() -> c_int {
    pystate::recursion_limit()
}

/// `Py_SetRecursionLimit`: no validation, as in CPython (`sys.setrecursionlimit`
/// is the checked front end). Native recursion stays capped for stack safety.
#[no_mangle]
pub extern "C" fn Py_SetRecursionLimit(new_limit: c_int) {
    pystate::set_recursion_limit(new_limit)
}

/// `Py_ReprEnter`: 1 if `op` is already being repr'd on this thread (the caller
/// prints `...`), else 0 after recording it.
#[no_mangle]
pub unsafe extern "C" fn Py_ReprEnter(op: *mut PyObject) -> c_int {
    ab::repr_enter(op) as c_int
}

/// `Py_ReprLeave`: undo `Py_ReprEnter` (leaves any pending exception alone).
#[no_mangle]
pub unsafe extern "C" fn Py_ReprLeave(op: *mut PyObject) {
    ab::repr_leave(op)
}

/// `PyEval_EvalCode(co, globals, locals)`: run a code object.
#[no_mangle]
pub unsafe extern "C" fn PyEval_EvalCode(co: *mut PyObject, globals: *mut PyObject, locals: *mut PyObject) -> *mut PyObject {
    crate::runtime::ffi::guard_obj(|| unsafe {
        if co.is_null() || globals.is_null() || !crate::objects::codeobject::is_code(co) {
            return Err(crate::runtime::errors::bad_internal_call());
        }
        crate::eval::eval_code(co, globals, locals)
    })
}

/// `PyEval_GetGlobals`: the running frame's globals (borrowed), or NULL.
#[no_mangle]
pub unsafe extern "C" fn PyEval_GetGlobals() -> *mut PyObject {
    unsafe { crate::eval::current_globals() }
}

/// `PyEval_GetBuiltins`: the running frame's builtins, else the
/// interpreter's (borrowed).
#[no_mangle]
pub unsafe extern "C" fn PyEval_GetBuiltins() -> *mut PyObject {
    unsafe {
        let f = (*pystate::current()).current_frame;
        if !f.is_null() {
            return (*f).builtins;
        }
        match crate::eval::interpreter_builtins() {
            // The interpreter keeps its own reference.
            Ok(b) => b.as_ptr(),
            Err(_) => core::ptr::null_mut(),
        }
    }
}

/// `PyEval_GetFrame`: the running frame's frame object (borrowed), or NULL.
#[no_mangle]
pub unsafe extern "C" fn PyEval_GetFrame() -> *mut PyObject {
    unsafe {
        let f = (*pystate::current()).current_frame;
        if f.is_null() {
            return core::ptr::null_mut();
        }
        crate::objects::frameobject::get_frame_object(f).unwrap_or(core::ptr::null_mut())
    }
}
