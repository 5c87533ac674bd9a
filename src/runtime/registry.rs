//! Hooks other subsystems register with start-up and finalisation, so that
//! adding a type or a cache does not mean editing `pylifecycle.rs`.
//!
//! Design note. `extra_static_types` lists static types beyond the core set
//! (each module appends its own function to `EXTRA_TYPES`); `run_finalizers`
//! runs every module's cache-clearing function at `Py_FinalizeEx`. Both lists
//! are plain `fn` arrays fixed at compile time: no registration at run time.
use crate::objects::object::PyTypeObject;

/// Functions returning additional static types to ready at start-up (after
/// the core set, before the exceptions).
const EXTRA_TYPES: &[fn() -> Vec<*mut PyTypeObject>] = &[
    crate::objects::codeobject::static_types,
    crate::eval::static_types,
    crate::objects::namespaceobject::static_types,
    crate::modules::builtins::static_types,
];

/// Functions clearing caches that hold objects, run at finalisation.
const FINALIZERS: &[unsafe fn()] = &[
    crate::objects::moduleobject::clear_state_table,
    finalize_thread_dicts,
    crate::eval::clear_builtins,
    crate::modules::ast::clear_state,
    crate::modules::sys::clear_state,
];

pub fn extra_static_types() -> Vec<*mut PyTypeObject> {
    EXTRA_TYPES.iter().flat_map(|f| f()).collect()
}

pub unsafe fn run_finalizers() {
    for f in FINALIZERS {
        unsafe { f() }
    }
}

unsafe fn finalize_thread_dicts() {
    crate::capi::pystate::clear_dicts()
}
