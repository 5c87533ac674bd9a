//! The evaluator (DESIGN.md section 7): frames, the dispatch loop, calls.
//!
//! Design note. `frame.rs` owns interpreter frames and the per-thread data
//! stack; `call.rs` binds arguments and is the function type's vectorcall;
//! `ceval.rs` is the one dispatch loop. This file holds what the loop needs
//! from the rest of the runtime and what the rest of the runtime calls:
//! running a code object in a namespace (`eval_code`, behind
//! `PyEval_EvalCode`), the interpreter's builtins, the eval breaker hook
//! (checked on backward jumps; it will carry signals, pending calls and GIL
//! drop requests), and the import entry points IMPORT_NAME/IMPORT_FROM use
//! (`import_name` is the one function the import system replaces).
pub mod build_class;
pub mod call;
pub mod ceval;
pub mod frame;

pub use call::function_vectorcall;

use crate::objects::object::*;
use crate::objects::pyref::*;
use crate::objects::{abstract_, dictobject, funcobject, moduleobject, noneobject, unicodeobject};
use crate::runtime::errors::{self, PyResult};
use core::ptr::null_mut;
use std::sync::atomic::{AtomicBool, Ordering};

/// The static types the evaluator adds (registered in `runtime/registry.rs`).
pub fn static_types() -> Vec<*mut PyTypeObject> {
    use crate::objects::*;
    vec![
        &raw mut funcobject::PyFunction_Type,
        &raw mut cellobject::PyCell_Type,
        &raw mut classobject::PyMethod_Type,
        &raw mut frameobject::PyFrame_Type,
        &raw mut traceback::PyTraceBack_Type,
    ]
}

static EVAL_BREAKER: AtomicBool = AtomicBool::new(false);

/// Ask the running evaluator to call `handle_eval_breaker` soon.
pub fn request_eval_break() {
    EVAL_BREAKER.store(true, Ordering::Release);
}

#[inline(always)]
pub fn eval_breaker_set() -> bool {
    EVAL_BREAKER.load(Ordering::Relaxed)
}

/// Run what was requested through the eval breaker (signals, pending calls).
pub fn handle_eval_breaker() -> PyResult<()> {
    EVAL_BREAKER.store(false, Ordering::Release);
    Ok(())
}

static mut BUILTINS: *mut PyObject = null_mut();

/// The interpreter's builtins namespace (the `builtins` module's dict when
/// that module exists). New reference.
pub fn interpreter_builtins() -> PyResult<Owned> {
    unsafe {
        if BUILTINS.is_null() {
            let d = match crate::modules::find_builtin("builtins") {
                Some(init) => {
                    let m = Owned::from_raw(init())?;
                    Owned::from_borrowed(moduleobject::get_dict(m.as_ptr())?)
                }
                None => dictobject::new_dict()?,
            };
            BUILTINS = d.into_raw();
        }
        Ok(Owned::from_borrowed(BUILTINS))
    }
}

/// Forget the builtins namespace (interpreter finalisation).
pub unsafe fn clear_builtins() {
    unsafe {
        let b = BUILTINS;
        BUILTINS = null_mut();
        xdecref(b);
    }
}

/// Run a code object with `globals` and `locals` (CPython's
/// `PyEval_EvalCode`): `__builtins__` is added to globals when missing.
pub unsafe fn eval_code(code: *mut PyObject, globals: *mut PyObject, locals: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if !dictobject::is_dict(globals) {
            return Err(errors::system_error("globals must be a dict"));
        }
        if dictobject::get_item_str(globals, "__builtins__")?.is_none() {
            let b = interpreter_builtins()?;
            dictobject::set_item_str(globals, "__builtins__", b.as_ptr())?;
        }
        let func = funcobject::new_function(code, globals, null_mut())?;
        let ts = crate::runtime::pystate::current();
        let locals = if locals.is_null() { globals } else { locals };
        let f = frame::push_frame(ts, func.as_ptr(), locals)?;
        Owned::from_raw(ceval::run_frame(ts, f))
    }
}

/// The innermost running frame's globals (borrowed), if any.
pub unsafe fn current_globals() -> *mut PyObject {
    unsafe {
        let f = (*crate::runtime::pystate::current()).current_frame;
        if f.is_null() {
            null_mut()
        } else {
            (*f).globals
        }
    }
}

/// The running frame's locals mapping (refreshed from the fast locals),
/// as `locals()` / `PyEval_GetLocals` give it.
pub unsafe fn current_locals() -> PyResult<Owned> {
    unsafe {
        let f = (*crate::runtime::pystate::current()).current_frame;
        if f.is_null() {
            return Err(errors::system_error("frame does not exist"));
        }
        Ok(Owned::from_borrowed(crate::objects::frameobject::fast_to_locals(f)?))
    }
}

/// PRINT_EXPR: `sys.displayhook(value)`.
pub unsafe fn display_hook(value: *mut PyObject) -> PyResult<()> {
    unsafe {
        let hook = sys_attr("displayhook")?;
        match hook {
            Some(h) => {
                abstract_::call_function(h.as_ptr(), &[value])?;
                Ok(())
            }
            None => Err(errors::runtime_error("lost sys.displayhook")),
        }
    }
}

/// `sys.<name>`, if the sys module exists and has it.
pub unsafe fn sys_attr(name: &str) -> PyResult<Option<Owned>> {
    unsafe {
        let p = crate::modules::sys::get_object(name);
        Ok(if p.is_null() { None } else { Some(Owned::from_borrowed(p)) })
    }
}

/// IMPORT_NAME: `__import__(name, globals, locals, fromlist, level)` through
/// `builtins.__import__` when present, else the built-in module table.
pub unsafe fn import_name(f: *mut frame::Frame, name: *mut PyObject, fromlist: *mut PyObject, level: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let builtins = (*f).builtins;
        let import = dictobject::get_item_str(builtins, "__import__")?;
        let locals = if (*f).locals.is_null() { noneobject::none_ptr() } else { (*f).locals };
        match import {
            Some(imp) => abstract_::call_function(imp.as_ptr(), &[name, (*f).globals, locals, fromlist, level]),
            None => Err(errors::set_string(crate::objects::exceptions::PyExc_ImportError, "__import__ not found")),
        }
    }
}

/// IMPORT_FROM: `module.name`, or the submodule `sys.modules[f"{module}.{name}"]`,
/// with CPython's ImportError message.
pub unsafe fn import_from(module: *mut PyObject, name: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        match abstract_::lookup_attr(module, name)? {
            Some(v) => Ok(v),
            None => {
                let mname = match abstract_::lookup_attr(module, unicodeobject::intern_str("__name__")?.as_ptr())? {
                    Some(n) if unicodeobject::is_str(n.as_ptr()) => Some(unicodeobject::to_string_lossy(n.as_ptr())),
                    _ => None,
                };
                let n = unicodeobject::to_string_lossy(name);
                let msg = match &mname {
                    Some(m) => format!("cannot import name '{n}' from '{m}' (unknown location)"),
                    None => format!("cannot import name '{n}' from '<unknown module name>' (unknown location)"),
                };
                Err(errors::set_string(crate::objects::exceptions::PyExc_ImportError, &msg))
            }
        }
    }
}

/// IMPORT_STAR: copy the module's public names (`__all__`, else names not
/// starting with `_`) into `locals`.
pub unsafe fn import_all_from(locals: *mut PyObject, module: *mut PyObject) -> PyResult<()> {
    unsafe {
        let (names, skip_private) = match abstract_::lookup_attr(module, unicodeobject::intern_str("__all__")?.as_ptr())? {
            Some(all) => (all, false),
            None => {
                let d = match abstract_::lookup_attr(module, unicodeobject::intern_str("__dict__")?.as_ptr())? {
                    Some(d) => d,
                    None => {
                        return Err(errors::set_string(
                            crate::objects::exceptions::PyExc_ImportError,
                            "from-import-* object has no __dict__ and no __all__",
                        ))
                    }
                };
                (abstract_::call_method(d.as_ptr(), "keys", &[])?, true)
            }
        };
        for n in abstract_::collect(names.as_ptr())? {
            if !unicodeobject::is_str(n.as_ptr()) {
                let what = if skip_private { "Key in __dict__" } else { "Item in __all__" };
                return Err(errors::type_error(format!(
                    "{} must be str, not {}",
                    what,
                    crate::objects::typeobject::type_name_str((*n.as_ptr()).ob_type)
                )));
            }
            if skip_private && unicodeobject::to_string_lossy(n.as_ptr()).starts_with('_') {
                continue;
            }
            let v = abstract_::getattr(module, n.as_ptr())?;
            if dictobject::is_dict_exact(locals) {
                dictobject::set_item(locals, n.as_ptr(), v.as_ptr())?;
            } else {
                abstract_::set_item(locals, n.as_ptr(), v.as_ptr())?;
            }
        }
        Ok(())
    }
}
