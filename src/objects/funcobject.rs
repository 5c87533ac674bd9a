//! Function objects (CPython's `Objects/funcobject.c`): what `def` and
//! `lambda` make, in CPython 3.11's `PyFunctionObject` layout.
//!
//! Design note. The layout is CPython's to the byte (C code reads
//! `func_code`, `func_globals` … directly through macros), including the
//! `vectorcall` field: calling a function goes through
//! `crate::eval::function_vectorcall`, which binds the arguments straight
//! into a new interpreter frame (no tuple, no dict). `func_version` is kept
//! for the evaluator's future caches (0 = "changed, do not cache"; every
//! write to `__code__`, `__defaults__`, `__kwdefaults__` resets it).
//! Attribute setters check types with CPython's messages. A function is a
//! non-data descriptor: `__get__` makes a bound method.
use super::object::*;
use super::pyref::*;
use super::{dictobject, tupleobject, unicodeobject};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard, guard_obj};
use core::mem::{offset_of, size_of};
use core::ptr::null_mut;
use libc::{c_int, c_void};

#[repr(C)]
pub struct PyFunctionObject {
    pub ob_base: PyObject,
    pub func_globals: *mut PyObject,
    pub func_builtins: *mut PyObject,
    pub func_name: *mut PyObject,
    pub func_qualname: *mut PyObject,
    pub func_code: *mut PyObject,
    pub func_defaults: *mut PyObject,
    pub func_kwdefaults: *mut PyObject,
    pub func_closure: *mut PyObject,
    pub func_doc: *mut PyObject,
    pub func_dict: *mut PyObject,
    pub func_weakreflist: *mut PyObject,
    pub func_module: *mut PyObject,
    pub func_annotations: *mut PyObject,
    pub vectorcall: vectorcallfunc,
    pub func_version: u32,
}

#[no_mangle]
pub static mut PyFunction_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_METHOD_DESCRIPTOR | Py_TPFLAGS_HAVE_VECTORCALL,
    tp_dealloc: Some(func_dealloc),
    tp_vectorcall_offset: offset_of!(PyFunctionObject, vectorcall) as Py_ssize_t,
    tp_repr: Some(func_repr),
    tp_call: Some(crate::capi::object::PyVectorcall_Call),
    tp_traverse: Some(func_traverse),
    tp_clear: Some(func_clear),
    tp_weaklistoffset: offset_of!(PyFunctionObject, func_weakreflist) as Py_ssize_t,
    tp_members: &raw mut FUNC_MEMBERS as *mut PyMemberDef,
    tp_getset: &raw mut FUNC_GETSET as *mut PyGetSetDef,
    tp_descr_get: Some(func_descr_get),
    tp_dictoffset: offset_of!(PyFunctionObject, func_dict) as Py_ssize_t,
    tp_new: Some(func_new),
    tp_doc: c"Create a function object.\n\n  code\n    a code object\n  globals\n    the globals dictionary\n  name\n    a string that overrides the name from the code object\n  argdefs\n    a tuple that specifies the default argument values\n  closure\n    a tuple that supplies the bindings for free variables".as_ptr(),
    ..PyTypeObject::new(c"function", size_of::<PyFunctionObject>(), 0)
};

static mut FUNC_MEMBERS: [PyMemberDef; 6] = [
    PyMemberDef { name: c"__closure__".as_ptr(), r#type: T_OBJECT, offset: offset_of!(PyFunctionObject, func_closure) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef { name: c"__doc__".as_ptr(), r#type: T_OBJECT, offset: offset_of!(PyFunctionObject, func_doc) as Py_ssize_t, flags: 0, doc: core::ptr::null() },
    PyMemberDef { name: c"__globals__".as_ptr(), r#type: T_OBJECT, offset: offset_of!(PyFunctionObject, func_globals) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef { name: c"__module__".as_ptr(), r#type: T_OBJECT, offset: offset_of!(PyFunctionObject, func_module) as Py_ssize_t, flags: 0, doc: core::ptr::null() },
    PyMemberDef { name: c"__builtins__".as_ptr(), r#type: T_OBJECT, offset: offset_of!(PyFunctionObject, func_builtins) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef { name: core::ptr::null(), r#type: 0, offset: 0, flags: 0, doc: core::ptr::null() },
];

macro_rules! getset {
    ($name:literal, $get:expr, $set:expr) => {
        PyGetSetDef { name: $name.as_ptr(), get: Some($get), set: $set, doc: core::ptr::null(), closure: null_mut() }
    };
}

static mut FUNC_GETSET: [PyGetSetDef; 8] = [
    getset!(c"__code__", func_get_code, Some(func_set_code)),
    getset!(c"__defaults__", func_get_defaults, Some(func_set_defaults)),
    getset!(c"__kwdefaults__", func_get_kwdefaults, Some(func_set_kwdefaults)),
    getset!(c"__annotations__", func_get_annotations, Some(func_set_annotations)),
    getset!(c"__dict__", crate::capi::object::PyObject_GenericGetDict, Some(crate::capi::object::PyObject_GenericSetDict)),
    getset!(c"__name__", func_get_name, Some(func_set_name)),
    getset!(c"__qualname__", func_get_qualname, Some(func_set_qualname)),
    PyGetSetDef { name: core::ptr::null(), get: None, set: None, doc: core::ptr::null(), closure: null_mut() },
];

pub fn function_type() -> *mut PyTypeObject {
    &raw mut PyFunction_Type
}

#[inline]
pub unsafe fn is_function(op: *mut PyObject) -> bool {
    unsafe { (*op).ob_type == &raw mut PyFunction_Type }
}

/// The next function version (never 0).
fn next_version() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(1);
    let v = NEXT.fetch_add(1, Ordering::Relaxed);
    if v == 0 {
        NEXT.fetch_add(1, Ordering::Relaxed)
    } else {
        v
    }
}

/// `PyFunction_NewWithQualName`: a function for `code` running in `globals`.
/// `__module__` comes from `globals['__name__']`, `__doc__` from the code's
/// first constant when it is a str docstring, `__builtins__` from
/// `globals['__builtins__']` (a module's dict, or the dict itself) or the
/// interpreter's builtins.
pub unsafe fn new_function(code: *mut PyObject, globals: *mut PyObject, qualname: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if !super::codeobject::is_code(code) {
            return Err(errors::bad_internal_call());
        }
        if !dictobject::is_dict(globals) {
            return Err(errors::bad_internal_call());
        }
        let co = code as *mut super::codeobject::PyCodeObject;
        let module = dictobject::get_item_str(globals, "__name__")?;
        let builtins = builtins_of(globals)?;
        let consts = (*co).co_consts;
        let doc = if Py_SIZE(consts) > 0 && unicodeobject::is_str(tupleobject::get_item(consts, 0)) {
            tupleobject::get_item(consts, 0)
        } else {
            null_mut()
        };
        let op = super::typeobject::generic_alloc(&raw mut PyFunction_Type, 0)?;
        let f = op.as_ptr() as *mut PyFunctionObject;
        (*f).func_globals = new_ref(globals);
        (*f).func_builtins = builtins.into_raw();
        (*f).func_name = new_ref((*co).co_name);
        (*f).func_qualname = new_ref(if qualname.is_null() { (*co).co_qualname } else { qualname });
        (*f).func_code = new_ref(code);
        (*f).func_doc = new_ref(if doc.is_null() { none() } else { doc });
        (*f).func_module = module.map_or(null_mut(), |m| m.into_raw());
        (*f).vectorcall = Some(crate::eval::function_vectorcall);
        (*f).func_version = next_version();
        Ok(op)
    }
}

/// The builtins namespace a function defined in `globals` uses.
pub unsafe fn builtins_of(globals: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if let Some(b) = dictobject::get_item_str(globals, "__builtins__")? {
            if super::moduleobject::is_module(b.as_ptr()) {
                let d = super::moduleobject::get_dict(b.as_ptr())?;
                return Ok(Owned::from_borrowed(d));
            }
            return Ok(b);
        }
        crate::eval::interpreter_builtins()
    }
}

fn none() -> *mut PyObject {
    super::noneobject::none_ptr()
}

unsafe extern "C" fn func_new(_tp: *mut PyTypeObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        // function(code, globals, name=None, argdefs=None, closure=None)
        let a = tupleobject::as_slice(args);
        let names = ["code", "globals", "name", "argdefs", "closure"];
        let mut v: [*mut PyObject; 5] = [null_mut(); 5];
        if a.len() > 5 {
            return Err(errors::type_error(format!("function() takes at most 5 arguments ({} given)", a.len())));
        }
        v[..a.len()].copy_from_slice(a);
        if !kw.is_null() {
            for (k, val) in dictobject::items_borrowed(kw) {
                let ks = unicodeobject::as_str(k)?;
                match names.iter().position(|n| *n == ks) {
                    Some(i) if v[i].is_null() => v[i] = val,
                    Some(i) => {
                        return Err(errors::type_error(format!(
                            "argument for function() given by name ('{}') and position ({})",
                            ks,
                            i + 1
                        )))
                    }
                    None => return Err(errors::type_error(format!("function() got an unexpected keyword argument '{ks}'"))),
                }
            }
        }
        for (i, n) in names.iter().enumerate().take(2) {
            if v[i].is_null() {
                return Err(errors::type_error(format!("function() missing required argument '{}' (pos {})", n, i + 1)));
            }
        }
        let (code, globals, name, defaults, closure) = (v[0], v[1], v[2], v[3], v[4]);
        if !super::codeobject::is_code(code) {
            return Err(errors::type_error(format!(
                "function() argument 'code' must be code, not {}",
                super::typeobject::type_name_str((*code).ob_type)
            )));
        }
        if !dictobject::is_dict(globals) {
            return Err(errors::type_error(format!(
                "function() argument 'globals' must be dict, not {}",
                super::typeobject::type_name_str((*globals).ob_type)
            )));
        }
        let is_none = |p: *mut PyObject| p.is_null() || p == none();
        if !is_none(name) && !unicodeobject::is_str(name) {
            return Err(errors::type_error("arg 3 (name) must be None or string"));
        }
        if !is_none(defaults) && !tupleobject::is_tuple(defaults) {
            return Err(errors::type_error("arg 4 (defaults) must be None or tuple"));
        }
        let co = code as *mut super::codeobject::PyCodeObject;
        let nfree = (*co).co_nfreevars as Py_ssize_t;
        if !is_none(closure) && !tupleobject::is_tuple(closure) {
            return Err(errors::type_error("arg 5 (closure) must be tuple"));
        }
        let nclosure = if is_none(closure) { 0 } else { Py_SIZE(closure) };
        if nfree != nclosure {
            let cname = unicodeobject::to_string_lossy((*co).co_name);
            return Err(errors::value_error(format!("{cname} requires closure of length {nfree}, not {nclosure}")));
        }
        if nclosure > 0 {
            for &c in tupleobject::as_slice(closure) {
                if !super::cellobject::is_cell(c) {
                    return Err(errors::type_error(format!(
                        "arg 5 (closure) expected cell, found {}",
                        super::typeobject::type_name_str((*c).ob_type)
                    )));
                }
            }
        }
        let f = new_function(code, globals, null_mut())?;
        let fp = f.as_ptr() as *mut PyFunctionObject;
        if !is_none(name) {
            setref(&raw mut (*fp).func_name, new_ref(name));
        }
        if !is_none(defaults) {
            (*fp).func_defaults = new_ref(defaults);
        }
        if !is_none(closure) {
            (*fp).func_closure = new_ref(closure);
        }
        Ok(f)
    })
}

unsafe extern "C" fn func_clear(op: *mut PyObject) -> c_int {
    unsafe {
        let f = op as *mut PyFunctionObject;
        (*f).func_version = 0;
        clear(&raw mut (*f).func_globals);
        clear(&raw mut (*f).func_builtins);
        clear(&raw mut (*f).func_module);
        clear(&raw mut (*f).func_defaults);
        clear(&raw mut (*f).func_kwdefaults);
        clear(&raw mut (*f).func_doc);
        clear(&raw mut (*f).func_dict);
        clear(&raw mut (*f).func_closure);
        clear(&raw mut (*f).func_annotations);
        // name and qualname stay valid strings until dealloc (repr may run).
        0
    }
}

unsafe extern "C" fn func_dealloc(op: *mut PyObject) {
    unsafe {
        let f = op as *mut PyFunctionObject;
        if !(*f).func_weakreflist.is_null() {
            crate::capi::object::PyObject_ClearWeakRefs(op);
        }
        func_clear(op);
        clear(&raw mut (*f).func_code);
        clear(&raw mut (*f).func_name);
        clear(&raw mut (*f).func_qualname);
        super::typeobject::free_instance(op);
    }
}

unsafe extern "C" fn func_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let f = op as *mut PyFunctionObject;
        for p in [
            (*f).func_code,
            (*f).func_globals,
            (*f).func_builtins,
            (*f).func_module,
            (*f).func_defaults,
            (*f).func_kwdefaults,
            (*f).func_doc,
            (*f).func_name,
            (*f).func_dict,
            (*f).func_closure,
            (*f).func_annotations,
            (*f).func_qualname,
        ] {
            if !p.is_null() {
                let r = visit(p, arg);
                if r != 0 {
                    return r;
                }
            }
        }
        0
    }
}

unsafe extern "C" fn func_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let f = op as *mut PyFunctionObject;
        let q = unicodeobject::to_string_lossy((*f).func_qualname);
        unicodeobject::from_str(&format!("<function {q} at {op:p}>"))
    })
}

/// `function.__get__`: a bound method, or the function itself for `None`.
unsafe extern "C" fn func_descr_get(func: *mut PyObject, obj: *mut PyObject, _tp: *mut PyObject) -> *mut PyObject {
    unsafe {
        if obj.is_null() || obj == none() {
            return new_ref(func);
        }
        guard_obj(|| super::classobject::new_method(func, obj))
    }
}

unsafe fn ret(p: *mut PyObject) -> *mut PyObject {
    unsafe { new_ref(if p.is_null() { none() } else { p }) }
}

unsafe extern "C" fn func_get_code(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    unsafe { ret((*(op as *mut PyFunctionObject)).func_code) }
}

unsafe extern "C" fn func_set_code(op: *mut PyObject, value: *mut PyObject, _c: *mut c_void) -> c_int {
    guard(|| unsafe {
        let f = op as *mut PyFunctionObject;
        if value.is_null() || !super::codeobject::is_code(value) {
            return Err(errors::type_error("__code__ must be set to a code object"));
        }
        let nfree = (*(value as *mut super::codeobject::PyCodeObject)).co_nfreevars as Py_ssize_t;
        let nclosure = if (*f).func_closure.is_null() { 0 } else { Py_SIZE((*f).func_closure) };
        if nfree != nclosure {
            return Err(errors::value_error(format!(
                "{}() requires a code object with {} free vars, not {}",
                unicodeobject::to_string_lossy((*f).func_name),
                nclosure,
                nfree
            )));
        }
        (*f).func_version = 0;
        setref(&raw mut (*f).func_code, new_ref(value));
        Ok(0)
    })
}

unsafe extern "C" fn func_get_defaults(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    unsafe { ret((*(op as *mut PyFunctionObject)).func_defaults) }
}

unsafe extern "C" fn func_set_defaults(op: *mut PyObject, value: *mut PyObject, _c: *mut c_void) -> c_int {
    guard(|| unsafe {
        let f = op as *mut PyFunctionObject;
        let v = if value == none() { null_mut() } else { value };
        if !v.is_null() && !tupleobject::is_tuple(v) {
            return Err(errors::type_error("__defaults__ must be set to a tuple object"));
        }
        (*f).func_version = 0;
        setref(&raw mut (*f).func_defaults, if v.is_null() { v } else { new_ref(v) });
        Ok(0)
    })
}

unsafe extern "C" fn func_get_kwdefaults(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    unsafe { ret((*(op as *mut PyFunctionObject)).func_kwdefaults) }
}

unsafe extern "C" fn func_set_kwdefaults(op: *mut PyObject, value: *mut PyObject, _c: *mut c_void) -> c_int {
    guard(|| unsafe {
        let f = op as *mut PyFunctionObject;
        let v = if value == none() { null_mut() } else { value };
        if !v.is_null() && !dictobject::is_dict(v) {
            return Err(errors::type_error("__kwdefaults__ must be set to a dict object"));
        }
        (*f).func_version = 0;
        setref(&raw mut (*f).func_kwdefaults, if v.is_null() { v } else { new_ref(v) });
        Ok(0)
    })
}

/// `__annotations__`: made on first access (an empty dict); a tuple of
/// alternating names and values (what MAKE_FUNCTION stores) becomes a dict.
pub unsafe fn annotations(op: *mut PyObject) -> PyResult<*mut PyObject> {
    unsafe {
        let f = op as *mut PyFunctionObject;
        if (*f).func_annotations.is_null() {
            (*f).func_annotations = dictobject::new_dict()?.into_raw();
        } else if tupleobject::is_tuple((*f).func_annotations) {
            let t = (*f).func_annotations;
            let items = tupleobject::as_slice(t);
            let d = dictobject::new_presized(items.len() / 2)?;
            for pair in items.chunks(2) {
                if pair.len() == 2 {
                    dictobject::set_item(d.as_ptr(), pair[0], pair[1])?;
                }
            }
            setref(&raw mut (*f).func_annotations, d.into_raw());
        }
        Ok((*f).func_annotations)
    }
}

unsafe extern "C" fn func_get_annotations(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { Ok(Owned::from_borrowed(annotations(op)?)) })
}

unsafe extern "C" fn func_set_annotations(op: *mut PyObject, value: *mut PyObject, _c: *mut c_void) -> c_int {
    guard(|| unsafe {
        let f = op as *mut PyFunctionObject;
        let v = if value == none() { null_mut() } else { value };
        if !v.is_null() && !dictobject::is_dict(v) {
            return Err(errors::type_error("__annotations__ must be set to a dict object"));
        }
        setref(&raw mut (*f).func_annotations, if v.is_null() { v } else { new_ref(v) });
        Ok(0)
    })
}

unsafe extern "C" fn func_get_name(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    unsafe { ret((*(op as *mut PyFunctionObject)).func_name) }
}

unsafe extern "C" fn func_set_name(op: *mut PyObject, value: *mut PyObject, _c: *mut c_void) -> c_int {
    guard(|| unsafe {
        if value.is_null() || !unicodeobject::is_str(value) {
            return Err(errors::type_error("__name__ must be set to a string object"));
        }
        setref(&raw mut (*(op as *mut PyFunctionObject)).func_name, new_ref(value));
        Ok(0)
    })
}

unsafe extern "C" fn func_get_qualname(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    unsafe { ret((*(op as *mut PyFunctionObject)).func_qualname) }
}

unsafe extern "C" fn func_set_qualname(op: *mut PyObject, value: *mut PyObject, _c: *mut c_void) -> c_int {
    guard(|| unsafe {
        if value.is_null() || !unicodeobject::is_str(value) {
            return Err(errors::type_error("__qualname__ must be set to a string object"));
        }
        setref(&raw mut (*(op as *mut PyFunctionObject)).func_qualname, new_ref(value));
        Ok(0)
    })
}
