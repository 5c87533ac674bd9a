//! The `builtins` module (CPython's `Python/bltinmodule.c`, `_PyBuiltin_Init`).
//!
//! Design note. `init_module` builds a fresh module holding the functions of
//! `functions.rs`, every built-in type of the object model, the singletons,
//! `__debug__` and the whole exception hierarchy (with the `EnvironmentError`
//! / `IOError` aliases of `OSError`). What needs the evaluator is not here:
//! `add_evaluator_builtins` is the one place the evaluator adds
//! `__build_class__`, `__import__`, `compile`, `exec`, `eval`, `globals`,
//! `locals`, `super`, `breakpoint` and `open` (from `_io`):
//! `crate::eval::build_class::add_evaluator_builtins`. `print`/`input` find
//! their streams through `modules::sys::get_object`, `dir()`/`vars()` the
//! caller's locals through `eval::current_locals`.
//!
//! Hook (a function pointer set once; unset means "not available yet"):
//! * `set_awaitable_iter_hook`: `_PyCoro_GetAwaitableIter` (coroutines are
//!   the evaluator's); unset, `anext(it, default)` awaits through
//!   `__await__` only.
use crate::objects::exceptions::*;
use crate::objects::object::*;
use crate::objects::pyref::*;
use crate::objects::{self as o, boolobject, noneobject};
use crate::runtime::errors::PyResult;
use crate::runtime::ffi::guard_obj;
use std::sync::RwLock;

mod args;
pub mod functions;
pub mod itertypes;

/// `_PyCoro_GetAwaitableIter`: what `await o` iterates.
pub type AwaitableIter = unsafe fn(o: *mut PyObject) -> PyResult<Owned>;

static AWAITABLE_ITER: RwLock<Option<AwaitableIter>> = RwLock::new(None);

fn read<T: Copy>(l: &RwLock<Option<T>>) -> Option<T> {
    *l.read().unwrap_or_else(|e| e.into_inner())
}
fn write<T>(l: &RwLock<Option<T>>, v: T) {
    *l.write().unwrap_or_else(|e| e.into_inner()) = Some(v);
}


/// Install `_PyCoro_GetAwaitableIter` (coroutines and iterable-coroutine
/// generators are themselves awaitable) for `anext(it, default)`.
pub fn set_awaitable_iter_hook(f: AwaitableIter) {
    write(&AWAITABLE_ITER, f);
}

/// What awaiting `o` iterates: the hook's answer, or `o.__await__()`.
pub(crate) unsafe fn awaitable_iter(o: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        match read(&AWAITABLE_ITER) {
            Some(f) => f(o),
            None => itertypes::get_awaitable_iter(o),
        }
    }
}

/// `sys.<name>` (None when sys or the name is missing).
pub(crate) unsafe fn sys_object(name: &str) -> Option<Owned> {
    unsafe {
        let p = crate::modules::sys::get_object(name);
        if p.is_null() {
            None
        } else {
            Some(Owned::from_borrowed(p))
        }
    }
}

/// The caller's locals mapping (the running frame's).
pub(crate) unsafe fn caller_locals() -> PyResult<Owned> {
    unsafe { crate::eval::current_locals() }
}

/// The evaluator's part of the module: `__build_class__`, `__import__`,
/// `compile`, `exec`, `eval`, `globals`, `locals`, `super`, `breakpoint`,
/// `open`. Added by the hook the evaluator installs; nothing until then.
unsafe fn add_evaluator_builtins(m: *mut PyObject) -> PyResult<()> {
    unsafe {
        let d = o::moduleobject::get_dict(m)?;
        let name = o::moduleobject::get_name_object(m)?;
        crate::eval::build_class::add_evaluator_builtins(d, name.as_ptr())
    }
}

/// The built-in function `name` (CPython's `_PyEval_GetBuiltin`, used by the
/// iterators' `__reduce__`): from the interpreter's builtins namespace, or
/// made afresh from the table when that lacks it (it pickles the same way,
/// as `builtins.<name>`).
pub fn get_builtin(name: &str) -> PyResult<Owned> {
    unsafe {
        let b = crate::eval::interpreter_builtins()?;
        if let Some(f) = o::dictobject::get_item_str(b.as_ptr(), name)? {
            return Ok(f);
        }
        let mut ml = &raw mut functions::BUILTIN_METHODS as *mut PyMethodDef;
        while !(*ml).ml_name.is_null() {
            if std::ffi::CStr::from_ptr((*ml).ml_name).to_bytes() == name.as_bytes() {
                let module = o::unicodeobject::from_str("builtins")?;
                return o::methodobject::new_cfunction(ml, core::ptr::null_mut(), module.as_ptr(), core::ptr::null_mut());
            }
            ml = ml.add(1);
        }
        Err(crate::raise!(PyExc_AttributeError, "module 'builtins' has no attribute '{}'", name))
    }
}

/// The static types this module defines (readied at start-up through
/// `runtime::registry`).
pub fn static_types() -> Vec<*mut PyTypeObject> {
    vec![
        &raw mut itertypes::PyMap_Type,
        &raw mut itertypes::PyFilter_Type,
        &raw mut itertypes::PyZip_Type,
        &raw mut itertypes::_PyAnextAwaitable_Type,
        &raw mut o::enumobject::PyEnum_Type,
        &raw mut o::enumobject::PyReversed_Type,
        &raw mut o::propertyobject::PyProperty_Type,
    ]
}

/// The built-in types by their `builtins` names, in CPython's order.
unsafe fn builtin_types() -> Vec<(&'static str, *mut PyTypeObject)> {
    vec![
        ("bool", &raw mut o::boolobject::PyBool_Type),
        ("memoryview", &raw mut o::memoryobject::PyMemoryView_Type),
        ("bytearray", &raw mut o::bytearrayobject::PyByteArray_Type),
        ("bytes", &raw mut o::bytesobject::PyBytes_Type),
        ("classmethod", &raw mut o::descrobject::PyClassMethod_Type),
        ("complex", &raw mut o::complexobject::PyComplex_Type),
        ("dict", &raw mut o::dictobject::PyDict_Type),
        ("enumerate", &raw mut o::enumobject::PyEnum_Type),
        ("filter", &raw mut itertypes::PyFilter_Type),
        ("float", &raw mut o::floatobject::PyFloat_Type),
        ("frozenset", &raw mut o::setobject::PyFrozenSet_Type),
        ("property", &raw mut o::propertyobject::PyProperty_Type),
        ("int", &raw mut o::longobject::PyLong_Type),
        ("list", &raw mut o::listobject::PyList_Type),
        ("map", &raw mut itertypes::PyMap_Type),
        ("object", &raw mut o::typeobject::PyBaseObject_Type),
        ("range", &raw mut o::rangeobject::PyRange_Type),
        ("reversed", &raw mut o::enumobject::PyReversed_Type),
        ("set", &raw mut o::setobject::PySet_Type),
        ("slice", &raw mut o::sliceobject::PySlice_Type),
        ("staticmethod", &raw mut o::descrobject::PyStaticMethod_Type),
        ("str", &raw mut o::unicodeobject::PyUnicode_Type),
        ("tuple", &raw mut o::tupleobject::PyTuple_Type),
        ("type", &raw mut o::typeobject::PyType_Type),
        ("zip", &raw mut itertypes::PyZip_Type),
    ]
}

/// Every built-in exception class by name (CPython's `_PyBuiltins_AddExceptions`).
unsafe fn builtin_exceptions() -> Vec<(&'static str, *mut PyObject)> {
    unsafe {
        vec![
            ("BaseException", PyExc_BaseException),
            ("BaseExceptionGroup", PyExc_BaseExceptionGroup),
            ("ExceptionGroup", PyExc_ExceptionGroup),
            ("Exception", PyExc_Exception),
            ("GeneratorExit", PyExc_GeneratorExit),
            ("KeyboardInterrupt", PyExc_KeyboardInterrupt),
            ("SystemExit", PyExc_SystemExit),
            ("ArithmeticError", PyExc_ArithmeticError),
            ("AssertionError", PyExc_AssertionError),
            ("AttributeError", PyExc_AttributeError),
            ("BufferError", PyExc_BufferError),
            ("EOFError", PyExc_EOFError),
            ("ImportError", PyExc_ImportError),
            ("LookupError", PyExc_LookupError),
            ("MemoryError", PyExc_MemoryError),
            ("NameError", PyExc_NameError),
            ("OSError", PyExc_OSError),
            ("ReferenceError", PyExc_ReferenceError),
            ("RuntimeError", PyExc_RuntimeError),
            ("StopAsyncIteration", PyExc_StopAsyncIteration),
            ("StopIteration", PyExc_StopIteration),
            ("SyntaxError", PyExc_SyntaxError),
            ("SystemError", PyExc_SystemError),
            ("TypeError", PyExc_TypeError),
            ("ValueError", PyExc_ValueError),
            ("Warning", PyExc_Warning),
            ("FloatingPointError", PyExc_FloatingPointError),
            ("OverflowError", PyExc_OverflowError),
            ("ZeroDivisionError", PyExc_ZeroDivisionError),
            ("BytesWarning", PyExc_BytesWarning),
            ("DeprecationWarning", PyExc_DeprecationWarning),
            ("EncodingWarning", PyExc_EncodingWarning),
            ("FutureWarning", PyExc_FutureWarning),
            ("ImportWarning", PyExc_ImportWarning),
            ("PendingDeprecationWarning", PyExc_PendingDeprecationWarning),
            ("ResourceWarning", PyExc_ResourceWarning),
            ("RuntimeWarning", PyExc_RuntimeWarning),
            ("SyntaxWarning", PyExc_SyntaxWarning),
            ("UnicodeWarning", PyExc_UnicodeWarning),
            ("UserWarning", PyExc_UserWarning),
            ("BlockingIOError", PyExc_BlockingIOError),
            ("ChildProcessError", PyExc_ChildProcessError),
            ("ConnectionError", PyExc_ConnectionError),
            ("BrokenPipeError", PyExc_BrokenPipeError),
            ("ConnectionAbortedError", PyExc_ConnectionAbortedError),
            ("ConnectionRefusedError", PyExc_ConnectionRefusedError),
            ("ConnectionResetError", PyExc_ConnectionResetError),
            ("FileExistsError", PyExc_FileExistsError),
            ("FileNotFoundError", PyExc_FileNotFoundError),
            ("IsADirectoryError", PyExc_IsADirectoryError),
            ("NotADirectoryError", PyExc_NotADirectoryError),
            ("InterruptedError", PyExc_InterruptedError),
            ("PermissionError", PyExc_PermissionError),
            ("ProcessLookupError", PyExc_ProcessLookupError),
            ("TimeoutError", PyExc_TimeoutError),
            ("IndentationError", PyExc_IndentationError),
            ("IndexError", PyExc_IndexError),
            ("KeyError", PyExc_KeyError),
            ("ModuleNotFoundError", PyExc_ModuleNotFoundError),
            ("NotImplementedError", PyExc_NotImplementedError),
            ("RecursionError", PyExc_RecursionError),
            ("UnboundLocalError", PyExc_UnboundLocalError),
            ("UnicodeError", PyExc_UnicodeError),
            ("TabError", PyExc_TabError),
            ("UnicodeDecodeError", PyExc_UnicodeDecodeError),
            ("UnicodeEncodeError", PyExc_UnicodeEncodeError),
            ("UnicodeTranslateError", PyExc_UnicodeTranslateError),
            ("EnvironmentError", PyExc_OSError),
            ("IOError", PyExc_OSError),
        ]
    }
}

/// A new `builtins` module (NULL with an exception on failure).
pub fn init_module() -> *mut PyObject {
    guard_obj(|| unsafe {
        let name = o::unicodeobject::from_str("builtins")?;
        let m = o::moduleobject::new_module(name.as_ptr())?;
        o::moduleobject::set_doc(
            m.as_ptr(),
            c"Built-in functions, exceptions, and other objects.\n\nNoteworthy: None is the `nil' object; Ellipsis represents `...' in slices.".as_ptr(),
        )?;
        o::moduleobject::add_functions(m.as_ptr(), name.as_ptr(), &raw mut functions::BUILTIN_METHODS as *mut PyMethodDef)?;
        let add = |k: &str, v: *mut PyObject| o::moduleobject::add_object_ref(m.as_ptr(), k, v);
        add("None", noneobject::none_ptr())?;
        add("Ellipsis", noneobject::ellipsis_ptr())?;
        add("NotImplemented", noneobject::not_implemented_ptr())?;
        add("False", boolobject::false_ptr())?;
        add("True", boolobject::true_ptr())?;
        for (n, tp) in builtin_types() {
            o::typeobject::ready(tp)?;
            add(n, tp as *mut PyObject)?;
        }
        for (n, e) in builtin_exceptions() {
            add(n, e)?;
        }
        // `__debug__` is True unless optimizing (-O), which pyrite has no flag for yet.
        add("__debug__", boolobject::true_ptr())?;
        add_evaluator_builtins(m.as_ptr())?;
        Ok(m)
    })
}
