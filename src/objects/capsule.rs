//! `PyCapsule`: an opaque C pointer with a name, a context and a destructor,
//! used by extensions to publish C APIs to each other (CPython's
//! `Objects/capsule.c`).
//!
//! Design note. The name is not copied: as in CPython it must outlive the
//! capsule (it is usually a string literal). A capsule is valid while its
//! pointer is non-null; the destructor runs once, from `tp_dealloc`.
use super::object::*;
use super::pyref::*;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::guard_obj;
use core::mem::size_of;
use libc::{c_char, c_void};

pub type PyCapsule_Destructor = Option<unsafe extern "C" fn(*mut PyObject)>;

#[repr(C)]
pub struct PyCapsule {
    pub ob_base: PyObject,
    pub pointer: *mut c_void,
    pub name: *const c_char,
    pub context: *mut c_void,
    pub destructor: PyCapsule_Destructor,
}

#[no_mangle]
pub static mut PyCapsule_Type: PyTypeObject = PyTypeObject {
    tp_flags: Py_TPFLAGS_DEFAULT,
    tp_dealloc: Some(capsule_dealloc),
    tp_repr: Some(capsule_repr),
    tp_doc: c"Capsule objects let you wrap a C \"void *\" pointer in a Python\nobject.  They're a way of passing data through the Python interpreter\nwithout creating your own custom type.\n\nCapsules are used for communication between extension modules.\nThey provide a way for an extension module to export a C interface\nto other extension modules, so that extension modules can use the\nPython import mechanism to link to one another.\n".as_ptr(),
    ..PyTypeObject::new(c"PyCapsule", size_of::<PyCapsule>(), 0)
};

pub unsafe fn is_capsule(op: *mut PyObject) -> bool {
    unsafe { !op.is_null() && (*op).ob_type == &raw mut PyCapsule_Type }
}

/// Do two capsule names match (both null, or equal strings)?
pub unsafe fn names_match(a: *const c_char, b: *const c_char) -> bool {
    unsafe {
        if a.is_null() || b.is_null() {
            return a == b;
        }
        libc::strcmp(a, b) == 0
    }
}

/// The capsule behind `op`, or ValueError "<api> called with invalid PyCapsule object".
pub unsafe fn legal(op: *mut PyObject, api: &str) -> PyResult<*mut PyCapsule> {
    unsafe {
        if !is_capsule(op) || (*(op as *mut PyCapsule)).pointer.is_null() {
            return Err(errors::value_error(format!("{} called with invalid PyCapsule object", api)));
        }
        Ok(op as *mut PyCapsule)
    }
}

pub unsafe fn new_capsule(pointer: *mut c_void, name: *const c_char, destructor: PyCapsule_Destructor) -> PyResult<Owned> {
    unsafe {
        if pointer.is_null() {
            return Err(errors::value_error("PyCapsule_New called with null pointer"));
        }
        let o = super::typeobject::generic_alloc(&raw mut PyCapsule_Type, 0)?;
        let c = o.as_ptr() as *mut PyCapsule;
        (*c).pointer = pointer;
        (*c).name = name;
        (*c).context = core::ptr::null_mut();
        (*c).destructor = destructor;
        Ok(o)
    }
}

unsafe extern "C" fn capsule_dealloc(op: *mut PyObject) {
    unsafe {
        let c = op as *mut PyCapsule;
        if let Some(d) = (*c).destructor {
            // The destructor sees a live object: hold a temporary reference so
            // a Py_INCREF/Py_DECREF pair inside it cannot re-enter dealloc.
            (*op).ob_refcnt = 1;
            d(op);
            (*op).ob_refcnt = 0;
        }
        super::typeobject::free_instance(op);
    }
}

unsafe extern "C" fn capsule_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let c = op as *mut PyCapsule;
        let name = if (*c).name.is_null() {
            "NULL".to_string()
        } else {
            format!("\"{}\"", std::ffi::CStr::from_ptr((*c).name).to_string_lossy())
        };
        super::unicodeobject::from_str(&format!("<capsule object {} at {:p}>", name, op))
    })
}

/// `legal` for getters whose C return type has no error value of its own:
/// the exception is set and `None` returned.
pub unsafe fn legal_opt(op: *mut PyObject, api: &str) -> Option<*mut PyCapsule> {
    unsafe { legal(op, api).ok() }
}

/// `PyCapsule_Import("mod.attr")`: the longest registered module prefix (see
/// `moduleobject::find_registered`; the import system comes later), then
/// attribute lookups for the rest; the result must be a capsule named `name`.
pub unsafe fn import(name: *const c_char) -> PyResult<*mut c_void> {
    unsafe {
        let full = crate::runtime::ffi::cstr(name)?;
        let parts: Vec<&str> = full.split('.').collect();
        let mut obj = None;
        let mut used = 0;
        for k in (1..=parts.len()).rev() {
            if let Some(m) = super::moduleobject::find_registered(&parts[..k].join(".")) {
                obj = Some(m);
                used = k;
                break;
            }
        }
        let Some(mut obj) = obj else {
            return Err(crate::raise!(PyExc_ImportError, "No module named '{}'", parts[0]));
        };
        for p in &parts[used..] {
            obj = super::abstract_::getattr_str(obj.as_ptr(), p)?;
        }
        let o = obj.as_ptr();
        if is_capsule(o) && !(*(o as *mut PyCapsule)).pointer.is_null() && names_match((*(o as *mut PyCapsule)).name, name) {
            return Ok((*(o as *mut PyCapsule)).pointer);
        }
        Err(errors::attribute_error(format!("PyCapsule_Import \"{}\" is not valid", full)))
    }
}
