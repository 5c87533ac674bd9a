//! `module` objects: a dict, a name, and for extension modules their
//! `PyModuleDef` and per-module state (PEP 3121 single-phase and PEP 489
//! multi-phase initialisation), plus the `PyState_*` table of single-phase
//! modules (CPython's `Objects/moduleobject.c`, `Python/pystate.c`).
//!
//! Design note. `md_dict` is never null for a module made by `new_module` or
//! `module.__new__`; `md_state` is `m_size` zeroed bytes from `PyMem_Malloc`,
//! freed after `m_free` ran. A `PyModuleDef` becomes an object (refcount 1,
//! type `moduledef`, immortal in practice) in `PyModuleDef_Init`, which also
//! gives it its index in the `PyState_FindModule` table. That table is
//! process-wide until interpreters carry their own module state (DESIGN.md §5:
//! it then moves to `PyInterpreterState`); it is emptied at finalisation.
use super::object::*;
use super::pyref::*;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::{guard_obj, guard_unit};
use core::mem::{offset_of, size_of};
use core::ptr::null_mut;
use libc::{c_int, c_void};

#[repr(C)]
pub struct PyModuleObject {
    pub ob_base: PyObject,
    pub md_dict: *mut PyObject,
    pub md_def: *mut PyModuleDef,
    pub md_state: *mut c_void,
    pub md_weaklist: *mut PyObject,
    pub md_name: *mut PyObject,
}

#[no_mangle]
pub static mut PyModule_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    tp_dealloc: Some(module_dealloc),
    tp_repr: Some(module_repr),
    tp_getattro: Some(module_getattro),
    tp_setattro: Some(crate::capi::object::PyObject_GenericSetAttr),
    tp_traverse: Some(module_traverse),
    tp_clear: Some(module_clear),
    tp_dictoffset: offset_of!(PyModuleObject, md_dict) as Py_ssize_t,
    tp_weaklistoffset: offset_of!(PyModuleObject, md_weaklist) as Py_ssize_t,
    tp_members: &raw mut MODULE_MEMBERS as *mut PyMemberDef,
    tp_methods: &raw mut MODULE_METHODS as *mut PyMethodDef,
    tp_new: Some(module_new),
    tp_init: Some(module_init),
    tp_free: Some(crate::capi::object::PyObject_GC_Del),
    tp_doc: c"Create a module object.\n\nThe name must be a string; the optional doc argument can have any type.".as_ptr(),
    ..PyTypeObject::new(c"module", size_of::<PyModuleObject>(), 0)
};

/// The type of initialised `PyModuleDef`s (what `PyModuleDef_Init` returns).
#[no_mangle]
pub static mut PyModuleDef_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT,
    ..PyTypeObject::new(c"moduledef", size_of::<PyModuleDef>(), 0)
};

static mut MODULE_MEMBERS: [PyMemberDef; 2] = [
    PyMemberDef { name: c"__dict__".as_ptr(), r#type: T_OBJECT, offset: offset_of!(PyModuleObject, md_dict) as Py_ssize_t, flags: READONLY, doc: core::ptr::null() },
    PyMemberDef::SENTINEL,
];

static mut MODULE_METHODS: [PyMethodDef; 2] = [
    PyMethodDef { ml_name: c"__dir__".as_ptr(), ml_meth: module_dir as *mut c_void, ml_flags: METH_NOARGS, ml_doc: c"__dir__() -> list\nspecialized dir() implementation".as_ptr() },
    PyMethodDef::SENTINEL,
];

pub unsafe fn is_module(op: *mut PyObject) -> bool {
    unsafe { super::typeobject::type_check(op, &raw mut PyModule_Type) }
}

#[inline]
unsafe fn as_module(op: *mut PyObject) -> *mut PyModuleObject {
    op as *mut PyModuleObject
}

/// Set the standard entries of a fresh module's dict.
unsafe fn init_dict(m: *mut PyObject, name: *mut PyObject, doc: *mut PyObject) -> PyResult<()> {
    unsafe {
        let p = as_module(m);
        let d = (*p).md_dict;
        let none = super::noneobject::none_ptr();
        super::dictobject::set_item_str(d, "__name__", name)?;
        super::dictobject::set_item_str(d, "__doc__", if doc.is_null() { none } else { doc })?;
        for k in ["__package__", "__loader__", "__spec__"] {
            super::dictobject::set_item_str(d, k, none)?;
        }
        if super::unicodeobject::is_str(name) {
            incref(name);
            setref(&mut (*p).md_name, name);
        }
        Ok(())
    }
}

/// A module object of type `tp` with an empty dict.
unsafe fn alloc_module(tp: *mut PyTypeObject) -> PyResult<Owned> {
    unsafe {
        let m = super::typeobject::alloc_instance(tp, 0)?;
        let d = super::dictobject::new_dict()?;
        (*as_module(m.as_ptr())).md_dict = d.into_raw();
        Ok(m)
    }
}

/// `PyModule_NewObject(name)`: a module with `__name__`, `__doc__=None`,
/// `__package__=None`, `__loader__=None`, `__spec__=None`.
pub fn new_module(name: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let m = alloc_module(&raw mut PyModule_Type)?;
        init_dict(m.as_ptr(), name, null_mut())?;
        Ok(m)
    }
}

/// The module's dict (borrowed); SystemError for non-modules.
pub unsafe fn get_dict(m: *mut PyObject) -> PyResult<*mut PyObject> {
    unsafe {
        if m.is_null() || !is_module(m) {
            return Err(errors::bad_internal_call());
        }
        Ok((*as_module(m)).md_dict)
    }
}

/// `PyModule_GetNameObject`: new reference to `__name__`.
pub unsafe fn get_name_object(m: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if m.is_null() || !is_module(m) {
            return Err(errors::bad_argument());
        }
        let d = (*as_module(m)).md_dict;
        if !d.is_null() {
            if let Some(n) = super::dictobject::get_item_str(d, "__name__")? {
                if super::unicodeobject::is_str(n.as_ptr()) {
                    return Ok(n);
                }
            }
        }
        Err(errors::system_error("nameless module"))
    }
}

/// `PyModule_GetFilenameObject`: new reference to `__file__`.
pub unsafe fn get_filename_object(m: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if m.is_null() || !is_module(m) {
            return Err(errors::bad_argument());
        }
        let d = (*as_module(m)).md_dict;
        if !d.is_null() {
            if let Some(n) = super::dictobject::get_item_str(d, "__file__")? {
                if super::unicodeobject::is_str(n.as_ptr()) {
                    return Ok(n);
                }
            }
        }
        Err(errors::system_error("module filename missing"))
    }
}

/// Add built-in functions for a `PyMethodDef` table as attributes of `m`
/// (a module or any object a `Py_mod_create` slot returned), `m_module` = `name`.
pub unsafe fn add_functions(m: *mut PyObject, name: *mut PyObject, mut ml: *mut PyMethodDef) -> PyResult<()> {
    unsafe {
        while !(*ml).ml_name.is_null() {
            if (*ml).ml_flags & (METH_CLASS | METH_STATIC) != 0 {
                return Err(errors::value_error("module functions cannot set METH_CLASS or METH_STATIC"));
            }
            let f = super::methodobject::new_cfunction(ml, m, name, null_mut())?;
            let n = super::unicodeobject::from_str(&std::ffi::CStr::from_ptr((*ml).ml_name).to_string_lossy())?;
            super::abstract_::setattr(m, n.as_ptr(), f.as_ptr())?;
            ml = ml.add(1);
        }
        Ok(())
    }
}

/// `PyModule_SetDocString`.
pub unsafe fn set_doc(m: *mut PyObject, doc: *const libc::c_char) -> PyResult<()> {
    unsafe {
        let d = super::unicodeobject::from_str(&std::ffi::CStr::from_ptr(doc).to_string_lossy())?;
        let n = super::unicodeobject::intern_str("__doc__")?;
        super::abstract_::setattr(m, n.as_ptr(), d.as_ptr())
    }
}

/// `PyModule_AddObjectRef` (borrowed `value`).
pub unsafe fn add_object_ref(m: *mut PyObject, name: &str, value: *mut PyObject) -> PyResult<()> {
    unsafe {
        if m.is_null() || !is_module(m) {
            return Err(errors::type_error("PyModule_AddObjectRef() first argument must be a module"));
        }
        if value.is_null() {
            if errors::occurred().is_null() {
                return Err(errors::system_error(
                    "PyModule_AddObjectRef() must be called with an exception raised if value is NULL",
                ));
            }
            return Err(crate::runtime::ffi::raised());
        }
        let d = (*as_module(m)).md_dict;
        if d.is_null() {
            let n = get_name_object(m).map(|n| super::unicodeobject::to_string_lossy(n.as_ptr()));
            return Err(errors::system_error(format!("module '{}' has no __dict__", n.unwrap_or_default())));
        }
        super::dictobject::set_item_str(d, name, value)
    }
}

/// Allocate the zeroed per-module state of `def` if it asks for one.
unsafe fn alloc_state(m: *mut PyObject, def: *mut PyModuleDef) -> PyResult<()> {
    unsafe {
        let p = as_module(m);
        if (*def).m_size > 0 && (*p).md_state.is_null() {
            let s = crate::runtime::obmalloc::mem_malloc((*def).m_size as usize);
            if s.is_null() {
                return Err(errors::no_memory());
            }
            core::ptr::write_bytes(s as *mut u8, 0, (*def).m_size as usize);
            (*p).md_state = s;
        }
        Ok(())
    }
}

static mut MAX_MODULE_NUMBER: Py_ssize_t = 0;

/// `PyModuleDef_Init`: make the def an object and give it its table index.
pub unsafe fn def_init(def: *mut PyModuleDef) -> PyResult<*mut PyObject> {
    unsafe {
        if (*&raw mut PyModuleDef_Type).tp_flags & Py_TPFLAGS_READY == 0 {
            super::typeobject::ready(&raw mut PyModuleDef_Type)?;
        }
        if (*def).m_base.m_index == 0 {
            MAX_MODULE_NUMBER += 1;
            (*def).m_base.ob_base.ob_refcnt = 1;
            (*def).m_base.ob_base.ob_type = &raw mut PyModuleDef_Type;
            (*def).m_base.m_index = MAX_MODULE_NUMBER;
        }
        Ok(def as *mut PyObject)
    }
}

unsafe fn cstr_lossy(p: *const libc::c_char) -> String {
    unsafe {
        if p.is_null() {
            return String::new();
        }
        std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()
    }
}

/// `PyModule_Create2`: single-phase initialisation from a `PyModuleDef`.
pub unsafe fn create(def: *mut PyModuleDef, _api_version: c_int) -> PyResult<Owned> {
    unsafe {
        def_init(def)?;
        let name = cstr_lossy((*def).m_name);
        if !(*def).m_slots.is_null() {
            return Err(errors::system_error(format!(
                "module {}: PyModule_Create is incompatible with m_slots",
                name
            )));
        }
        let n = super::unicodeobject::from_str(&name)?;
        let m = new_module(n.as_ptr())?;
        alloc_state(m.as_ptr(), def)?;
        if !(*def).m_methods.is_null() {
            add_functions(m.as_ptr(), n.as_ptr(), (*def).m_methods)?;
        }
        if !(*def).m_doc.is_null() {
            set_doc(m.as_ptr(), (*def).m_doc)?;
        }
        (*as_module(m.as_ptr())).md_def = def;
        Ok(m)
    }
}

/// `PyModule_FromDefAndSpec2`: multi-phase creation (the exec slots run later,
/// in `exec_def`).
pub unsafe fn from_def_and_spec(def: *mut PyModuleDef, spec: *mut PyObject, _api_version: c_int) -> PyResult<Owned> {
    unsafe {
        def_init(def)?;
        let nameobj = super::abstract_::getattr_str(spec, "name")?;
        if !super::unicodeobject::is_str(nameobj.as_ptr()) {
            // CPython reads it with PyUnicode_AsUTF8: PyErr_BadArgument.
            return Err(errors::bad_argument());
        }
        let name = super::unicodeobject::to_string_lossy(nameobj.as_ptr());
        if (*def).m_size < 0 {
            return Err(errors::system_error(format!(
                "module {}: m_size may not be negative for multi-phase initialization",
                name
            )));
        }
        type CreateFn = unsafe extern "C" fn(*mut PyObject, *mut PyModuleDef) -> *mut PyObject;
        let mut create: Option<CreateFn> = None;
        let mut slot = (*def).m_slots;
        while !slot.is_null() && (*slot).slot != 0 {
            match (*slot).slot {
                Py_mod_create => {
                    if create.is_some() {
                        return Err(errors::system_error(format!("module {} has multiple create slots", name)));
                    }
                    create = Some(core::mem::transmute::<*mut c_void, CreateFn>((*slot).value));
                }
                Py_mod_exec => {}
                id if !(0..=2).contains(&id) => {
                    return Err(errors::system_error(format!("module {} uses unknown slot ID {}", name, id)));
                }
                _ => {}
            }
            slot = slot.add(1);
        }
        let m = match create {
            Some(f) => {
                let r = f(spec, def);
                if r.is_null() {
                    if errors::occurred().is_null() {
                        return Err(errors::system_error(format!(
                            "creation of module {} failed without setting an exception",
                            name
                        )));
                    }
                    return Err(crate::runtime::ffi::raised());
                }
                let r = Owned::from_raw_nonnull(r);
                if !errors::occurred().is_null() {
                    // Chain as CPython does: the new SystemError's context is the stray one.
                    return Err(errors::system_error(format!(
                        "creation of module {} raised unreported exception",
                        name
                    )));
                }
                r
            }
            None => new_module(nameobj.as_ptr())?,
        };
        if is_module(m.as_ptr()) {
            alloc_state(m.as_ptr(), def)?;
            (*as_module(m.as_ptr())).md_def = def;
        } else if (*def).m_size > 0 || (*def).m_traverse.is_some() || (*def).m_clear.is_some() || (*def).m_free.is_some() {
            return Err(errors::system_error(format!(
                "module {} is not a module object, but requests module state",
                name
            )));
        }
        if !(*def).m_methods.is_null() {
            add_functions(m.as_ptr(), nameobj.as_ptr(), (*def).m_methods)?;
        }
        if !(*def).m_doc.is_null() {
            set_doc(m.as_ptr(), (*def).m_doc)?;
        }
        Ok(m)
    }
}

/// `PyModule_ExecDef`: run the `Py_mod_exec` slots.
pub unsafe fn exec_def(m: *mut PyObject, def: *mut PyModuleDef) -> PyResult<()> {
    unsafe {
        let nameobj = get_name_object(m)?;
        let name = super::unicodeobject::to_string_lossy(nameobj.as_ptr());
        if (*def).m_size >= 0 {
            alloc_state(m, def)?;
        }
        let mut slot = (*def).m_slots;
        if slot.is_null() {
            return Ok(());
        }
        type ExecFn = unsafe extern "C" fn(*mut PyObject) -> c_int;
        while (*slot).slot != 0 {
            match (*slot).slot {
                Py_mod_create => {}
                Py_mod_exec => {
                    let f = core::mem::transmute::<*mut c_void, ExecFn>((*slot).value);
                    let r = f(m);
                    if r != 0 {
                        if errors::occurred().is_null() {
                            return Err(errors::system_error(format!(
                                "execution of module {} failed without setting an exception",
                                name
                            )));
                        }
                        return Err(crate::runtime::ffi::raised());
                    }
                    if !errors::occurred().is_null() {
                        return Err(errors::system_error(format!(
                            "execution of module {} raised unreported exception",
                            name
                        )));
                    }
                }
                id => {
                    return Err(errors::system_error(format!(
                        "module {} initialized with unknown slot {}",
                        name, id
                    )));
                }
            }
            slot = slot.add(1);
        }
        Ok(())
    }
}

// ---- the PyState_* table (single-phase modules by def index) ----

static mut MODULES_BY_INDEX: Vec<*mut PyObject> = Vec::new();

/// `PyState_FindModule`: borrowed, or null (no exception).
pub unsafe fn state_find(def: *mut PyModuleDef) -> *mut PyObject {
    unsafe {
        if def.is_null() || !(*def).m_slots.is_null() {
            return null_mut();
        }
        let i = (*def).m_base.m_index;
        let v = &*&raw const MODULES_BY_INDEX;
        if i <= 0 || i as usize >= v.len() {
            return null_mut();
        }
        v[i as usize]
    }
}

pub unsafe fn state_add(m: *mut PyObject, def: *mut PyModuleDef) -> PyResult<()> {
    unsafe {
        if def.is_null() {
            return Err(errors::system_error("PyState_AddModule: Module Definition is NULL"));
        }
        if !(*def).m_slots.is_null() {
            return Err(errors::system_error("PyState_AddModule called on module with slots"));
        }
        def_init(def)?;
        let i = (*def).m_base.m_index as usize;
        let v = &mut *&raw mut MODULES_BY_INDEX;
        while v.len() <= i {
            v.push(null_mut());
        }
        xincref(m);
        let old = core::mem::replace(&mut v[i], m);
        xdecref(old);
        Ok(())
    }
}

pub unsafe fn state_remove(def: *mut PyModuleDef) -> PyResult<()> {
    unsafe {
        if def.is_null() {
            return Err(errors::bad_internal_call());
        }
        if !(*def).m_slots.is_null() {
            return Err(errors::system_error("PyState_RemoveModule called on module with slots"));
        }
        let i = (*def).m_base.m_index;
        let v = &mut *&raw mut MODULES_BY_INDEX;
        if i <= 0 {
            return Err(errors::system_error("invalid module index"));
        }
        if i as usize >= v.len() {
            return Err(errors::system_error("Module index out of bounds."));
        }
        let old = core::mem::replace(&mut v[i as usize], null_mut());
        xdecref(old);
        Ok(())
    }
}

/// A module registered with `PyState_AddModule` whose `__name__` is `name`
/// (what `PyCapsule_Import` uses until the import system exists).
pub unsafe fn find_registered(name: &str) -> Option<Owned> {
    unsafe {
        let v = &*&raw const MODULES_BY_INDEX;
        for &m in v.iter() {
            if !m.is_null() && is_module(m) && !(*as_module(m)).md_name.is_null()
                && super::unicodeobject::eq_str((*as_module(m)).md_name, name)
            {
                return Some(Owned::from_borrowed(m));
            }
        }
        None
    }
}

/// Finalisation: drop the table (the defs keep their indices, as in CPython).
pub unsafe fn clear_state_table() {
    unsafe {
        let v: Vec<*mut PyObject> = (*&raw mut MODULES_BY_INDEX).drain(..).collect();
        for m in v {
            xdecref(m);
        }
    }
}

// ---- slots ----

unsafe extern "C" fn module_new(tp: *mut PyTypeObject, _args: *mut PyObject, _kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { alloc_module(tp) })
}

unsafe extern "C" fn module_init(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        let a = if args.is_null() { &[][..] } else { super::tupleobject::as_slice(args) };
        let nkw = if kw.is_null() { 0 } else { super::dictobject::len(kw) };
        if a.len() + nkw as usize > 2 {
            return Err(errors::type_error(format!(
                "module() takes at most 2 arguments ({} given)",
                a.len() + nkw as usize
            )));
        }
        let mut name = a.first().copied().unwrap_or(null_mut());
        let mut doc = a.get(1).copied().unwrap_or(null_mut());
        if nkw > 0 {
            for (k, v) in super::dictobject::items_borrowed(kw) {
                let ks = super::unicodeobject::to_string_lossy(k);
                let (slot, pos) = match ks.as_str() {
                    "name" => (&mut name, 1),
                    "doc" => (&mut doc, 2),
                    _ => {
                        return Err(errors::type_error(format!(
                            "module() got an unexpected keyword argument '{}'",
                            ks
                        )))
                    }
                };
                if !slot.is_null() {
                    return Err(errors::type_error(format!(
                        "argument for module() given by name ('{}') and position ({})",
                        ks, pos
                    )));
                }
                *slot = v;
            }
        }
        if name.is_null() {
            return Err(errors::type_error("module() missing required argument 'name' (pos 1)"));
        }
        if !super::unicodeobject::is_str(name) {
            return Err(errors::type_error(format!(
                "module() argument 'name' must be str, not {}",
                super::typeobject::type_name_str((*name).ob_type)
            )));
        }
        if (*as_module(op)).md_dict.is_null() {
            (*as_module(op)).md_dict = super::dictobject::new_dict()?.into_raw();
        }
        init_dict(op, name, doc)
    })
}

unsafe extern "C" fn module_dealloc(op: *mut PyObject) {
    unsafe {
        let p = as_module(op);
        let def = (*p).md_def;
        if !def.is_null() {
            if let Some(f) = (*def).m_free {
                f(op as *mut c_void);
            }
        }
        if !(*p).md_state.is_null() {
            crate::runtime::obmalloc::mem_free((*p).md_state);
            (*p).md_state = null_mut();
        }
        clear(&mut (*p).md_dict);
        clear(&mut (*p).md_name);
        super::typeobject::free_instance(op);
    }
}

unsafe extern "C" fn module_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    unsafe {
        let p = as_module(op);
        let def = (*p).md_def;
        if !def.is_null() && ((*def).m_size <= 0 || !(*p).md_state.is_null()) {
            if let Some(f) = (*def).m_traverse {
                let r = f(op, visit, arg);
                if r != 0 {
                    return r;
                }
            }
        }
        if !(*p).md_dict.is_null() {
            return visit((*p).md_dict, arg);
        }
        0
    }
}

unsafe extern "C" fn module_clear(op: *mut PyObject) -> c_int {
    unsafe {
        let p = as_module(op);
        let def = (*p).md_def;
        if !def.is_null() && ((*def).m_size <= 0 || !(*p).md_state.is_null()) {
            if let Some(f) = (*def).m_clear {
                let r = f(op);
                if r != 0 {
                    return r;
                }
            }
        }
        clear(&mut (*p).md_dict);
        0
    }
}

unsafe extern "C" fn module_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let d = (*as_module(op)).md_dict;
        let mut name = "'?'".to_string();
        let mut file = None;
        if !d.is_null() {
            if let Some(n) = super::dictobject::get_item_str(d, "__name__")? {
                if super::unicodeobject::is_str(n.as_ptr()) {
                    name = super::abstract_::repr_string_checked(n.as_ptr())?;
                }
            }
            if let Some(f) = super::dictobject::get_item_str(d, "__file__")? {
                if super::unicodeobject::is_str(f.as_ptr()) {
                    file = Some(super::abstract_::repr_string_checked(f.as_ptr())?);
                }
            }
        }
        let s = match file {
            Some(f) => format!("<module {} from {}>", name, f),
            None => format!("<module {}>", name),
        };
        super::unicodeobject::from_str(&s)
    })
}

/// Generic lookup, then the module's `__getattr__` (PEP 562), then
/// "module 'x' has no attribute 'y'".
unsafe extern "C" fn module_getattro(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if let Some(v) = super::typeobject::generic_getattr(op, name, true)? {
            return Ok(v);
        }
        let d = (*as_module(op)).md_dict;
        if !d.is_null() {
            if let Some(g) = super::dictobject::get_item_str(d, "__getattr__")? {
                return super::abstract_::call_function(g.as_ptr(), &[name]);
            }
            if let Some(n) = super::dictobject::get_item_str(d, "__name__")? {
                if super::unicodeobject::is_str(n.as_ptr()) {
                    return Err(errors::attribute_error(format!(
                        "module '{}' has no attribute '{}'",
                        super::unicodeobject::to_string_lossy(n.as_ptr()),
                        super::unicodeobject::to_string_lossy(name)
                    )));
                }
            }
        }
        Err(errors::attribute_error(format!(
            "module has no attribute '{}'",
            super::unicodeobject::to_string_lossy(name)
        )))
    })
}

/// `module.__dir__`: the dict's `__dir__` if it has one, else its keys.
unsafe extern "C" fn module_dir(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let d = super::abstract_::getattr_str(op, "__dict__")?;
        if !super::dictobject::is_dict(d.as_ptr()) {
            return Err(errors::type_error("<module>.__dict__ is not a dictionary"));
        }
        if let Some(f) = super::dictobject::get_item_str(d.as_ptr(), "__dir__")? {
            return super::abstract_::call_function(f.as_ptr(), &[]);
        }
        super::dictobject::keys_list(d.as_ptr())
    })
}

/// `PyModule_GetState` for Rust callers (null for non-modules, BadArgument set).
pub unsafe fn get_state(m: *mut PyObject) -> PyResult<*mut c_void> {
    unsafe {
        if m.is_null() || !is_module(m) {
            return Err(errors::bad_argument());
        }
        Ok((*as_module(m)).md_state)
    }
}

/// `PyModule_GetDef`.
pub unsafe fn get_def(m: *mut PyObject) -> PyResult<*mut PyModuleDef> {
    unsafe {
        if m.is_null() || !is_module(m) {
            return Err(errors::bad_argument());
        }
        Ok((*as_module(m)).md_def)
    }
}

