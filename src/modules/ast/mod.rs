//! The `_ast` module (CPython's `Python/Python-ast.c`): the AST node classes
//! and the two conversions between the front end's Rust tree
//! (`parser::ast`) and Python node objects.
//!
//! Design note.
//! * The class table (`nodes.rs`) is generated from CPython 3.11's own `_ast`
//!   by `gen_nodes.py`: names, bases, `_fields` with their ASDL types and
//!   quantifiers, `_attributes`, docstrings, and the class attributes 3.11
//!   sets to None (optional fields, `end_lineno`/`end_col_offset`).
//! * `AST` is a heap type made from a spec (instances: header + `__dict__`
//!   slot; `tp_init` = CPython's constructor rules; `__reduce__`); every other
//!   class is made by calling `type(name, (base,), namespace)`, as CPython
//!   does, so they are ordinary heap classes (subclassable, `__weakref__` on
//!   the abstract ones).
//! * The classes live once per process in `STATE` (CPython keeps them per
//!   interpreter): the `_ast` module, `compile(..., PyCF_ONLY_AST)` and
//!   `compile(tree, ...)` share them. The expression-context, operator and
//!   other field-less classes have one shared instance each, used by `to_py`.
//! * `to_py` builds what CPython's `ast2obj` builds; `from_py` reads what
//!   `obj2ast` reads, with its error messages, and `validate` is CPython's
//!   `PyAST_Validate` (ValueErrors for trees no parser makes).
use crate::objects::object::*;
use crate::objects::pyref::*;
use crate::objects::{self as o, typeobject as t};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard_obj, guard_unit};
use core::mem::{offset_of, size_of};
use core::ptr::null_mut;
use libc::{c_int, c_void};
use std::collections::HashMap;
use std::sync::atomic::{AtomicPtr, Ordering};

pub mod from_py;
pub mod nodes;
pub mod to_py;
pub mod validate;

/// How many values a field holds (ASDL's quantifiers: none, `?`, `*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Q {
    One,
    Opt,
    Seq,
}

/// One field of a node class: its name and ASDL type.
#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub ty: &'static str,
    pub q: Q,
}

/// One class of `_ast` (every class but `AST` itself).
#[derive(Debug)]
pub struct NodeClass {
    pub name: &'static str,
    pub base: &'static str,
    pub fields: &'static [Field],
    /// `_attributes` when the class defines its own (sum and product types).
    pub attributes: Option<&'static [&'static str]>,
    /// Class attributes set to None (optional fields and attributes).
    pub none_attrs: &'static [&'static str],
    pub doc: &'static str,
}

/// `PyCF_ONLY_AST` and friends, as `_ast` exports them.
pub const MODULE_FLAGS: [(&str, i64); 3] =
    [("PyCF_ONLY_AST", PyCF_ONLY_AST as i64), ("PyCF_TYPE_COMMENTS", 0x1000), ("PyCF_ALLOW_TOP_LEVEL_AWAIT", 0x2000)];

/// An instance of `AST`: the object header and the instance dict.
#[repr(C)]
pub struct AstObject {
    pub ob_base: PyObject,
    pub dict: *mut PyObject,
}

/// The classes, made once.
pub struct State {
    /// `AST`.
    pub ast: *mut PyObject,
    /// The classes of `nodes::CLASSES`, in the same order.
    pub types: Vec<*mut PyObject>,
    index: HashMap<&'static str, usize>,
    /// The shared instance of each field-less concrete class (`Load`, `Add`, …).
    singletons: HashMap<&'static str, *mut PyObject>,
}

impl State {
    /// The class named `name` (one of the table's names).
    pub fn ty(&self, name: &str) -> *mut PyObject {
        match self.index.get(name) {
            Some(&i) => self.types[i],
            None => self.ast,
        }
    }
    /// The shared instance of field-less class `name`.
    pub fn singleton(&self, name: &str) -> *mut PyObject {
        self.singletons.get(name).copied().unwrap_or(null_mut())
    }
    /// The table row of class `name`.
    pub fn class(&self, name: &str) -> Option<&'static NodeClass> {
        self.index.get(name).map(|&i| &nodes::CLASSES[i])
    }
}

static STATE: AtomicPtr<State> = AtomicPtr::new(null_mut());

/// The node classes, made on first use (callers hold the GIL).
pub fn state() -> PyResult<&'static State> {
    let p = STATE.load(Ordering::Acquire);
    if !p.is_null() {
        // SAFETY: set once below to a leaked Box, never freed.
        return Ok(unsafe { &*p });
    }
    let s = Box::into_raw(Box::new(unsafe { make_state()? }));
    STATE.store(s, Ordering::Release);
    // SAFETY: just leaked.
    Ok(unsafe { &*s })
}

/// Drop the classes at finalisation (`runtime::registry`), so the next
/// initialisation makes them afresh, as CPython's per-interpreter state.
pub unsafe fn clear_state() {
    let p = STATE.swap(null_mut(), Ordering::AcqRel);
    if p.is_null() {
        return;
    }
    // SAFETY: made by `state` with Box::into_raw; no borrow outlives
    // finalisation.
    let st = unsafe { Box::from_raw(p) };
    unsafe {
        for (_, &s) in st.singletons.iter() {
            decref(s);
        }
        for &tp in st.types.iter().rev() {
            decref(tp);
        }
        decref(st.ast);
    }
}

static mut AST_METHODS: [PyMethodDef; 2] = [
    PyMethodDef { ml_name: c"__reduce__".as_ptr(), ml_meth: ast_reduce as *mut c_void, ml_flags: METH_NOARGS, ml_doc: core::ptr::null() },
    PyMethodDef::SENTINEL,
];

static mut AST_MEMBERS: [PyMemberDef; 2] = [
    PyMemberDef { name: c"__dictoffset__".as_ptr(), r#type: T_PYSSIZET, offset: offset_of!(AstObject, dict) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef { name: core::ptr::null(), r#type: 0, offset: 0, flags: 0, doc: core::ptr::null() },
];

static mut AST_GETSET: [PyGetSetDef; 2] = [
    PyGetSetDef { name: c"__dict__".as_ptr(), get: Some(crate::capi::object::PyObject_GenericGetDict), set: Some(crate::capi::object::PyObject_GenericSetDict), doc: core::ptr::null(), closure: null_mut() },
    PyGetSetDef { name: core::ptr::null(), get: None, set: None, doc: core::ptr::null(), closure: null_mut() },
];

fn str_tuple(names: &[&str]) -> PyResult<Owned> {
    o::tupleobject::from_owned(names.iter().map(|n| o::unicodeobject::from_str(n)).collect::<PyResult<_>>()?)
}

unsafe fn make_state() -> PyResult<State> {
    unsafe {
        let mut slots = [
            PyType_Slot { slot: Py_tp_getattro, pfunc: crate::capi::object::PyObject_GenericGetAttr as *mut c_void },
            PyType_Slot { slot: Py_tp_setattro, pfunc: crate::capi::object::PyObject_GenericSetAttr as *mut c_void },
            PyType_Slot { slot: Py_tp_init, pfunc: ast_init as *mut c_void },
            PyType_Slot { slot: Py_tp_new, pfunc: crate::capi::typeobject::PyType_GenericNew as *mut c_void },
            PyType_Slot { slot: Py_tp_methods, pfunc: &raw mut AST_METHODS as *mut c_void },
            PyType_Slot { slot: Py_tp_members, pfunc: &raw mut AST_MEMBERS as *mut c_void },
            PyType_Slot { slot: Py_tp_getset, pfunc: &raw mut AST_GETSET as *mut c_void },
            PyType_Slot { slot: 0, pfunc: null_mut() },
        ];
        let mut spec = PyType_Spec {
            name: c"ast.AST".as_ptr(),
            basicsize: size_of::<AstObject>() as c_int,
            itemsize: 0,
            flags: (Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE) as libc::c_uint,
            slots: slots.as_mut_ptr(),
        };
        let ast = o::typeobject_new::from_spec(null_mut(), &mut spec, null_mut())?;
        // The spec's `__dictoffset__` member only sets tp_dictoffset; CPython
        // leaves no descriptor for it in the class dict.
        let tpd = (*(ast.as_ptr() as *mut PyTypeObject)).tp_dict;
        if o::dictobject::get_item_str(tpd, "__dictoffset__")?.is_some() {
            let k = o::unicodeobject::from_str("__dictoffset__")?;
            o::dictobject::del_item(tpd, k.as_ptr())?;
        }
        let empty = o::tupleobject::new_empty()?;
        for n in ["_fields", "__match_args__", "_attributes"] {
            let k = o::unicodeobject::from_str(n)?;
            o::abstract_::setattr(ast.as_ptr(), k.as_ptr(), empty.as_ptr())?;
        }
        let mut index = HashMap::new();
        let mut types: Vec<*mut PyObject> = Vec::with_capacity(nodes::CLASSES.len());
        let module = o::unicodeobject::from_str("ast")?;
        for (i, c) in nodes::CLASSES.iter().enumerate() {
            let base = if c.base == "AST" { ast.as_ptr() } else { types[index[c.base]] };
            let fnames = str_tuple(&c.fields.iter().map(|f| f.name).collect::<Vec<_>>())?;
            let ns = o::dictobject::new_dict()?;
            o::dictobject::set_item_str(ns.as_ptr(), "_fields", fnames.as_ptr())?;
            o::dictobject::set_item_str(ns.as_ptr(), "__match_args__", fnames.as_ptr())?;
            o::dictobject::set_item_str(ns.as_ptr(), "__module__", module.as_ptr())?;
            let doc = o::unicodeobject::from_str(c.doc)?;
            o::dictobject::set_item_str(ns.as_ptr(), "__doc__", doc.as_ptr())?;
            let name = o::unicodeobject::from_str(c.name)?;
            let bases = o::tupleobject::pack(&[base])?;
            let args = o::tupleobject::pack(&[name.as_ptr(), bases.as_ptr(), ns.as_ptr()])?;
            let tp = o::typeobject_new::type_new_impl(t::type_type(), args.as_ptr(), null_mut())?;
            if let Some(attrs) = c.attributes {
                let a = str_tuple(attrs)?;
                let k = o::unicodeobject::from_str("_attributes")?;
                o::abstract_::setattr(tp.as_ptr(), k.as_ptr(), a.as_ptr())?;
            }
            for n in c.none_attrs {
                let k = o::unicodeobject::from_str(n)?;
                o::abstract_::setattr(tp.as_ptr(), k.as_ptr(), o::noneobject::none_ptr())?;
            }
            index.insert(c.name, i);
            types.push(tp.into_raw());
        }
        let mut singletons = HashMap::new();
        for (i, c) in nodes::CLASSES.iter().enumerate() {
            if c.fields.is_empty() && matches!(c.base, "expr_context" | "boolop" | "operator" | "unaryop" | "cmpop") {
                let tp = types[i] as *mut PyTypeObject;
                let inst = t::generic_alloc(tp, 0)?;
                singletons.insert(c.name, inst.into_raw());
            }
        }
        Ok(State { ast: ast.into_raw(), types, index, singletons })
    }
}

/// `AST.__init__`: positional arguments name `_fields` in order, keywords set
/// attributes; missing fields stay absent.
unsafe extern "C" fn ast_init(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        let tp = Py_TYPE(op);
        let key = o::unicodeobject::from_str("_fields")?;
        let fields = o::abstract_::lookup_attr(tp as *mut PyObject, key.as_ptr())?;
        let numfields = match &fields {
            Some(f) => o::abstract_::length(f.as_ptr())?,
            None => 0,
        };
        let pos = o::tupleobject::as_slice(args);
        if numfields < pos.len() as Py_ssize_t {
            return Err(errors::type_error(format!(
                "{} constructor takes at most {} positional argument{}",
                t::short_name(tp),
                numfields,
                if numfields == 1 { "" } else { "s" }
            )));
        }
        for (i, &v) in pos.iter().enumerate() {
            let f = fields.as_ref().ok_or_else(errors::bad_internal_call)?;
            let name = o::abstract_::sequence_get_item(f.as_ptr(), i as Py_ssize_t)?;
            o::abstract_::setattr(op, name.as_ptr(), v)?;
        }
        if !kw.is_null() {
            for (k, v) in o::dictobject::items_owned(kw) {
                o::abstract_::setattr(op, k.as_ptr(), v.as_ptr())?;
            }
        }
        Ok(())
    })
}

/// `AST.__reduce__`: `(type(self), (), self.__dict__)`, or without the dict.
unsafe extern "C" fn ast_reduce(op: *mut PyObject, _unused: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let key = o::unicodeobject::from_str("__dict__")?;
        let dict = o::abstract_::lookup_attr(op, key.as_ptr())?;
        let empty = o::tupleobject::new_empty()?;
        let tp = Py_TYPE(op) as *mut PyObject;
        match dict {
            Some(d) => o::tupleobject::pack(&[tp, empty.as_ptr(), d.as_ptr()]),
            None => o::tupleobject::pack(&[tp, empty.as_ptr()]),
        }
    })
}

/// A new module `_ast`.
pub fn init_module() -> *mut PyObject {
    guard_obj(|| unsafe {
        let st = state()?;
        let name = o::unicodeobject::from_str("_ast")?;
        let m = o::moduleobject::new_module(name.as_ptr())?;
        o::moduleobject::add_object_ref(m.as_ptr(), "AST", st.ast)?;
        for (c, &tp) in nodes::CLASSES.iter().zip(&st.types) {
            o::moduleobject::add_object_ref(m.as_ptr(), c.name, tp)?;
        }
        for (n, v) in MODULE_FLAGS {
            let v = o::longobject::from_i64(v)?;
            o::moduleobject::add_object_ref(m.as_ptr(), n, v.as_ptr())?;
        }
        Ok(m)
    })
}

/// Is `op` an instance of `AST` (or of a subclass)?
pub unsafe fn is_ast(op: *mut PyObject) -> PyResult<bool> {
    let st = state()?;
    unsafe { Ok(t::is_subtype(Py_TYPE(op), st.ast as *mut PyTypeObject)) }
}
