//! Built-in functions and methods (`builtin_function_or_method`) and the one
//! place that calls a `PyMethodDef` according to its `METH_*` flags.
//!
//! Design note. `call_methoddef` is shared by bound built-in methods, method
//! descriptors called unbound, class-method descriptors and module functions,
//! so every calling convention (VARARGS, VARARGS|KEYWORDS, NOARGS, O,
//! FASTCALL, FASTCALL|KEYWORDS, METHOD|FASTCALL|KEYWORDS) and its error
//! messages live once. Objects also carry a vectorcall entry so C callers can
//! use `PyObject_Vectorcall` without building tuples.
use super::object::*;
use super::pyref::*;
use super::{dictobject, tupleobject, unicodeobject};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::guard_obj;
use core::mem::{offset_of, size_of};
use core::ptr::null_mut;
use libc::{c_int, c_void};

#[repr(C)]
pub struct PyCFunctionObject {
    pub ob_base: PyObject,
    pub m_ml: *mut PyMethodDef,
    pub m_self: *mut PyObject,
    pub m_module: *mut PyObject,
    pub m_weakreflist: *mut PyObject,
    pub vectorcall: vectorcallfunc,
}

#[repr(C)]
pub struct PyCMethodObject {
    pub func: PyCFunctionObject,
    pub mm_class: *mut PyTypeObject,
}

#[no_mangle]
pub static mut PyCFunction_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    tp_dealloc: Some(cfunc_dealloc),
    tp_repr: Some(cfunc_repr),
    tp_call: Some(cfunc_call),
    tp_hash: Some(cfunc_hash),
    tp_richcompare: Some(cfunc_richcompare),
    tp_traverse: Some(cfunc_traverse),
    tp_vectorcall_offset: offset_of!(PyCFunctionObject, vectorcall) as Py_ssize_t,
    tp_getset: &raw mut CFUNC_GETSET as *mut PyGetSetDef,
    tp_members: &raw mut CFUNC_MEMBERS as *mut PyMemberDef,
    tp_weaklistoffset: offset_of!(PyCFunctionObject, m_weakreflist) as Py_ssize_t,
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    ..PyTypeObject::new(c"builtin_function_or_method", size_of::<PyCFunctionObject>(), 0)
};

#[no_mangle]
pub static mut PyCMethod_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    tp_base: &raw mut PyCFunction_Type,
    tp_dealloc: Some(cfunc_dealloc),
    ..PyTypeObject::new(c"builtin_method", size_of::<PyCMethodObject>(), 0)
};

pub unsafe fn is_cfunction(op: *mut PyObject) -> bool {
    unsafe { super::typeobject::type_check(op, &raw mut PyCFunction_Type) }
}

/// `PyCMethod_New`: a built-in function object for `ml` bound to `self_`.
pub unsafe fn new_cfunction(
    ml: *mut PyMethodDef,
    self_: *mut PyObject,
    module: *mut PyObject,
    cls: *mut PyTypeObject,
) -> PyResult<Owned> {
    unsafe {
        if ml.is_null() {
            return Err(errors::bad_internal_call());
        }
        let flags = (*ml).ml_flags;
        let is_method = flags & METH_METHOD != 0;
        if is_method && cls.is_null() {
            return Err(errors::system_error("attempting to create PyCMethod with a METH_METHOD flag but no class"));
        }
        if !is_method && !cls.is_null() {
            return Err(errors::system_error("attempting to create PyCFunction with class but no METH_METHOD flag"));
        }
        let tp = if is_method { &raw mut PyCMethod_Type } else { &raw mut PyCFunction_Type };
        let op = super::typeobject::generic_alloc(tp, 0)?;
        let f = op.as_ptr() as *mut PyCFunctionObject;
        (*f).m_ml = ml;
        (*f).m_self = self_;
        xincref(self_);
        (*f).m_module = module;
        xincref(module);
        (*f).vectorcall = Some(cfunc_vectorcall);
        if is_method {
            (*(f as *mut PyCMethodObject)).mm_class = cls;
            incref(cls as *mut PyObject);
        }
        Ok(op)
    }
}

unsafe fn ml_name(ml: *mut PyMethodDef) -> String {
    unsafe {
        if (*ml).ml_name.is_null() {
            return "?".into();
        }
        std::ffi::CStr::from_ptr((*ml).ml_name).to_string_lossy().into_owned()
    }
}

/// The name used in call errors: `len` for functions, `str.upper` for methods.
pub unsafe fn call_name(ml: *mut PyMethodDef, self_: *mut PyObject) -> String {
    unsafe {
        let n = ml_name(ml);
        if self_.is_null() || super::moduleobject::is_module(self_) {
            return n;
        }
        let tp = if super::typeobject::is_type(self_) && (*ml).ml_flags & METH_CLASS != 0 {
            self_ as *mut PyTypeObject
        } else {
            (*self_).ob_type
        };
        format!("{}.{}", super::typeobject::qualname(tp), n)
    }
}

/// The name argument-count errors use (CPython's `_PyObject_FunctionStr`):
/// the qualified name, prefixed by the module's name for module-level
/// functions of modules other than `builtins`.
pub unsafe fn error_name(ml: *mut PyMethodDef, self_: *mut PyObject) -> String {
    unsafe {
        let n = call_name(ml, self_);
        if self_.is_null() || !super::moduleobject::is_module(self_) {
            return n;
        }
        match super::moduleobject::get_name_object(self_) {
            Ok(m) if super::unicodeobject::is_str(m.as_ptr()) && !super::unicodeobject::eq_str(m.as_ptr(), "builtins") => {
                format!("{}.{}", super::unicodeobject::to_string_lossy(m.as_ptr()), n)
            }
            Ok(_) => n,
            Err(_) => {
                crate::runtime::errors::clear();
                n
            }
        }
    }
}

fn result(r: *mut PyObject) -> PyResult<Owned> {
    unsafe { Owned::from_raw(r) }
}

/// Call a method definition with positional `args` and keyword `kwargs`
/// (a dict or null). `name` is computed lazily for error messages.
pub unsafe fn call_methoddef(
    ml: *mut PyMethodDef,
    self_: *mut PyObject,
    cls: *mut PyTypeObject,
    args: &[*mut PyObject],
    kwargs: *mut PyObject,
    name: &dyn Fn() -> String,
) -> PyResult<Owned> {
    unsafe {
        let flags = (*ml).ml_flags & !(METH_CLASS | METH_STATIC | METH_COEXIST);
        let has_kw = !kwargs.is_null() && dictobject::len(kwargs) > 0;
        let nargs = args.len();
        let meth = (*ml).ml_meth;
        if meth.is_null() {
            return Err(errors::system_error(format!("{}() method: bad call flags", name())));
        }
        let no_kw = || -> PyResult<()> {
            if has_kw {
                return Err(errors::type_error(format!("{}() takes no keyword arguments", name())));
            }
            Ok(())
        };
        match flags {
            METH_VARARGS => {
                no_kw()?;
                let f: PyCFunction = core::mem::transmute(meth);
                let t = tupleobject::pack(args)?;
                result(f(self_, t.as_ptr()))
            }
            x if x == METH_VARARGS | METH_KEYWORDS => {
                let f: PyCFunctionWithKeywords = core::mem::transmute(meth);
                let t = tupleobject::pack(args)?;
                result(f(self_, t.as_ptr(), if has_kw { kwargs } else { null_mut() }))
            }
            METH_NOARGS => {
                no_kw()?;
                if nargs != 0 {
                    return Err(errors::type_error(format!("{}() takes no arguments ({} given)", name(), nargs)));
                }
                let f: PyCFunction = core::mem::transmute(meth);
                result(f(self_, null_mut()))
            }
            METH_O => {
                no_kw()?;
                if nargs != 1 {
                    return Err(errors::type_error(format!(
                        "{}() takes exactly one argument ({} given)",
                        name(),
                        nargs
                    )));
                }
                let f: PyCFunction = core::mem::transmute(meth);
                result(f(self_, args[0]))
            }
            METH_FASTCALL => {
                no_kw()?;
                let f: _PyCFunctionFast = core::mem::transmute(meth);
                result(f(self_, args.as_ptr(), nargs as Py_ssize_t))
            }
            x if x == METH_FASTCALL | METH_KEYWORDS || x == METH_METHOD | METH_FASTCALL | METH_KEYWORDS => {
                let mut stack: Vec<*mut PyObject> = args.to_vec();
                let mut kwnames = None;
                if has_kw {
                    let items = dictobject::items_owned(kwargs);
                    let mut names = Vec::with_capacity(items.len());
                    for (k, v) in items.iter() {
                        if !unicodeobject::is_str(k.as_ptr()) {
                            return Err(errors::type_error("keywords must be strings"));
                        }
                        names.push(k.as_ptr());
                        stack.push(v.as_ptr());
                    }
                    kwnames = Some(tupleobject::pack(&names)?);
                    // `items` keeps the values alive for the call.
                    let r = call_fast_kw(meth, flags, self_, cls, &stack, nargs, kwnames.as_ref().unwrap().as_ptr());
                    drop(items);
                    return r;
                }
                let kn = kwnames.as_ref().map(|k: &Owned| k.as_ptr()).unwrap_or(null_mut());
                call_fast_kw(meth, flags, self_, cls, &stack, nargs, kn)
            }
            _ => Err(errors::system_error(format!(
                "{}() method: bad call flags",
                name()
            ))),
        }
    }
}

unsafe fn call_fast_kw(
    meth: *mut c_void,
    flags: c_int,
    self_: *mut PyObject,
    cls: *mut PyTypeObject,
    stack: &[*mut PyObject],
    nargs: usize,
    kwnames: *mut PyObject,
) -> PyResult<Owned> {
    unsafe {
        if flags & METH_METHOD != 0 {
            let f: PyCMethod = core::mem::transmute(meth);
            result(f(self_, cls, stack.as_ptr(), nargs, kwnames))
        } else {
            let f: _PyCFunctionFastWithKeywords = core::mem::transmute(meth);
            result(f(self_, stack.as_ptr(), nargs as Py_ssize_t, kwnames))
        }
    }
}

/// Split vectorcall arguments into positional args and a kwargs dict.
pub unsafe fn vectorcall_to_dict(
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> PyResult<(Vec<*mut PyObject>, Option<Owned>)> {
    unsafe {
        let nargs = nargsf & !PY_VECTORCALL_ARGUMENTS_OFFSET;
        let pos: Vec<*mut PyObject> = if nargs == 0 { Vec::new() } else { core::slice::from_raw_parts(args, nargs).to_vec() };
        if kwnames.is_null() || Py_SIZE(kwnames) == 0 {
            return Ok((pos, None));
        }
        let d = dictobject::new_dict()?;
        for i in 0..Py_SIZE(kwnames) {
            dictobject::set_item(d.as_ptr(), tupleobject::get_item(kwnames, i), *args.add(nargs + i as usize))?;
        }
        Ok((pos, Some(d)))
    }
}

unsafe fn cfunc_class(op: *mut PyObject) -> *mut PyTypeObject {
    unsafe {
        let ml = (*(op as *mut PyCFunctionObject)).m_ml;
        if (*ml).ml_flags & METH_METHOD != 0 {
            (*(op as *mut PyCMethodObject)).mm_class
        } else {
            null_mut()
        }
    }
}

/// CPython's `cfunction_call` reports keywords given to a bound METH_VARARGS
/// function with the bare `ml_name` ("sum() takes no keyword arguments"),
/// unlike the other conventions, which use the qualified name.
unsafe fn check_varargs_no_kw(ml: *mut PyMethodDef, has_kw: bool) -> PyResult<()> {
    unsafe {
        if has_kw && (*ml).ml_flags & !(METH_CLASS | METH_STATIC | METH_COEXIST) == METH_VARARGS {
            return Err(errors::type_error(format!("{}() takes no keyword arguments", ml_name(ml))));
        }
        Ok(())
    }
}

unsafe extern "C" fn cfunc_vectorcall(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| unsafe {
        let f = op as *mut PyCFunctionObject;
        let (pos, kw) = vectorcall_to_dict(args, nargsf, kwnames)?;
        let kwp = kw.as_ref().map(|k| k.as_ptr()).unwrap_or(null_mut());
        check_varargs_no_kw((*f).m_ml, !kwp.is_null() && dictobject::len(kwp) > 0)?;
        call_methoddef((*f).m_ml, (*f).m_self, cfunc_class(op), &pos, kwp, &|| error_name((*f).m_ml, (*f).m_self))
    })
}

unsafe extern "C" fn cfunc_call(op: *mut PyObject, args: *mut PyObject, kwargs: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let f = op as *mut PyCFunctionObject;
        let pos = tupleobject::as_slice(args);
        check_varargs_no_kw((*f).m_ml, !kwargs.is_null() && dictobject::len(kwargs) > 0)?;
        call_methoddef((*f).m_ml, (*f).m_self, cfunc_class(op), pos, kwargs, &|| error_name((*f).m_ml, (*f).m_self))
    })
}

unsafe extern "C" fn cfunc_dealloc(op: *mut PyObject) {
    unsafe {
        let f = op as *mut PyCFunctionObject;
        clear(&mut (*f).m_self);
        clear(&mut (*f).m_module);
        if (*(*f).m_ml).ml_flags & METH_METHOD != 0 {
            let c = &mut (*(f as *mut PyCMethodObject)).mm_class;
            let p = *c as *mut PyObject;
            *c = null_mut();
            xdecref(p);
        }
        super::typeobject::free_instance(op);
    }
}

unsafe extern "C" fn cfunc_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let f = op as *mut PyCFunctionObject;
        for p in [(*f).m_self, (*f).m_module] {
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

unsafe extern "C" fn cfunc_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let f = op as *mut PyCFunctionObject;
        let name = ml_name((*f).m_ml);
        let s = (*f).m_self;
        let text = if s.is_null() || super::moduleobject::is_module(s) {
            format!("<built-in function {}>", name)
        } else {
            format!(
                "<built-in method {} of {} object at {:p}>",
                name,
                super::typeobject::type_name_str((*s).ob_type),
                s
            )
        };
        unicodeobject::from_str(&text)
    })
}

unsafe extern "C" fn cfunc_hash(op: *mut PyObject) -> Py_hash_t {
    crate::runtime::ffi::guard(|| unsafe {
        let f = op as *mut PyCFunctionObject;
        let x = if (*f).m_self.is_null() {
            crate::runtime::pyhash::hash_pointer(null_mut())
        } else {
            crate::runtime::pyhash::hash_pointer((*f).m_self as *const c_void)
        };
        let y = crate::runtime::pyhash::hash_pointer((*f).m_ml as *const c_void);
        let h = x ^ y;
        Ok(if h == -1 { -2 } else { h })
    })
}

unsafe extern "C" fn cfunc_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    unsafe {
        if (op != Py_EQ && op != Py_NE) || !is_cfunction(a) || !is_cfunction(b) {
            return super::noneobject::new_not_implemented();
        }
        let (fa, fb) = (a as *mut PyCFunctionObject, b as *mut PyCFunctionObject);
        let eq = (*fa).m_self == (*fb).m_self && (*fa).m_ml == (*fb).m_ml;
        super::boolobject::from_bool(if op == Py_EQ { eq } else { !eq })
    }
}

unsafe extern "C" fn cfunc_get_name(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { unicodeobject::from_str(&ml_name((*(op as *mut PyCFunctionObject)).m_ml)) })
}
unsafe extern "C" fn cfunc_get_qualname(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe {
        let f = op as *mut PyCFunctionObject;
        unicodeobject::from_str(&call_name((*f).m_ml, (*f).m_self))
    })
}
unsafe extern "C" fn cfunc_get_doc(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe {
        let ml = (*(op as *mut PyCFunctionObject)).m_ml;
        if (*ml).ml_doc.is_null() {
            return Ok(super::noneobject::none());
        }
        let d = std::ffi::CStr::from_ptr((*ml).ml_doc).to_string_lossy();
        let body = match d.find(")\n--\n\n") {
            Some(i) => &d[i + 6..],
            None => &d[..],
        };
        unicodeobject::from_str(body)
    })
}
unsafe extern "C" fn cfunc_get_self(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    unsafe {
        let s = (*(op as *mut PyCFunctionObject)).m_self;
        if s.is_null() { super::noneobject::new_none() } else { new_ref(s) }
    }
}

static mut CFUNC_GETSET: [PyGetSetDef; 5] = [
    PyGetSetDef { name: c"__name__".as_ptr(), get: Some(cfunc_get_name), set: None, doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef { name: c"__qualname__".as_ptr(), get: Some(cfunc_get_qualname), set: None, doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef { name: c"__doc__".as_ptr(), get: Some(cfunc_get_doc), set: None, doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef { name: c"__self__".as_ptr(), get: Some(cfunc_get_self), set: None, doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef::SENTINEL,
];
static mut CFUNC_MEMBERS: [PyMemberDef; 2] = [
    PyMemberDef { name: c"__module__".as_ptr(), r#type: T_OBJECT, offset: offset_of!(PyCFunctionObject, m_module) as Py_ssize_t, flags: 0, doc: core::ptr::null() },
    PyMemberDef::SENTINEL,
];
