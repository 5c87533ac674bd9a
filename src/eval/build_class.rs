//! `builtins.__build_class__` (CPython's `builtin___build_class__`): what a
//! `class` statement calls.
//!
//! Design note. The steps are CPython 3.11's: resolve `__mro_entries__` on
//! the bases (PEP 560, keeping `__orig_bases__`), pick the most derived
//! metaclass (a `metaclass=` keyword, else `type(bases[0])`, checked against
//! every base's metaclass with CPython's "metaclass conflict" message),
//! call `__prepare__` for the namespace, run the class body (a function
//! whose frame's locals are that namespace), call the metaclass, and check
//! the `__classcell__` protocol that zero-argument `super()` relies on. The
//! evaluator's builtins (this, exec, eval, globals, …) are added to the
//! builtins module through `add_evaluator_builtins`.
use super::frame;
use crate::objects::object::*;
use crate::objects::pyref::*;
use crate::objects::{abstract_, cellobject, dictobject, funcobject, tupleobject, typeobject, unicodeobject};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::guard_obj;
use core::ptr::null_mut;
use libc::c_void;

/// The most derived metaclass of `meta` and the bases' metaclasses.
pub unsafe fn calculate_metaclass(meta: *mut PyTypeObject, bases: *mut PyObject) -> PyResult<*mut PyTypeObject> {
    unsafe {
        let mut winner = meta;
        for &b in tupleobject::as_slice(bases) {
            let t = (*b).ob_type;
            if typeobject::is_subtype(winner, t) {
                continue;
            }
            if typeobject::is_subtype(t, winner) {
                winner = t;
                continue;
            }
            return Err(errors::type_error(
                "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
            ));
        }
        Ok(winner)
    }
}

/// PEP 560: replace bases that define `__mro_entries__`.
unsafe fn update_bases(bases: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let items = tupleobject::as_slice(bases);
        let mut out: Vec<Owned> = Vec::with_capacity(items.len());
        let mut changed = false;
        for &b in items {
            if typeobject::is_type(b) {
                out.push(Owned::from_borrowed(b));
                continue;
            }
            let meth = abstract_::lookup_attr(b, unicodeobject::intern_str("__mro_entries__")?.as_ptr())?;
            match meth {
                None => out.push(Owned::from_borrowed(b)),
                Some(m) => {
                    let r = abstract_::call_function(m.as_ptr(), &[bases])?;
                    if !tupleobject::is_tuple(r.as_ptr()) {
                        return Err(errors::type_error("__mro_entries__ must return a tuple"));
                    }
                    for &x in tupleobject::as_slice(r.as_ptr()) {
                        out.push(Owned::from_borrowed(x));
                    }
                    changed = true;
                }
            }
        }
        if !changed {
            return Ok(Owned::from_borrowed(bases));
        }
        tupleobject::from_owned(out)
    }
}

/// Run a class body function with `ns` as its locals; returns what it
/// returned (the `__class__` cell, or None).
unsafe fn run_body(func: *mut PyObject, ns: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let ts = crate::runtime::pystate::current();
        let f = frame::push_frame(ts, func, ns)?;
        Owned::from_raw(super::ceval::run_frame(ts, f))
    }
}

unsafe fn build_class(args: &[*mut PyObject], kwnames: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let nkw = if kwnames.is_null() { 0 } else { Py_SIZE(kwnames) as usize };
        let npos = args.len() - nkw;
        if npos < 2 {
            return Err(errors::type_error("__build_class__: not enough arguments"));
        }
        let func = args[0];
        let name = args[1];
        if !funcobject::is_function(func) {
            return Err(errors::type_error("__build_class__: func must be a function"));
        }
        if !unicodeobject::is_str(name) {
            return Err(errors::type_error("__build_class__: name is not a string"));
        }
        let orig_bases = tupleobject::pack(&args[2..npos])?;
        let bases = update_bases(orig_bases.as_ptr())?;
        // Keywords: metaclass= is taken out, the rest go to the metaclass.
        let mkw = dictobject::new_dict()?;
        let mut meta: *mut PyObject = null_mut();
        for k in 0..nkw {
            let key = tupleobject::get_item(kwnames, k as Py_ssize_t);
            let v = args[npos + k];
            if unicodeobject::to_string_lossy(key) == "metaclass" {
                meta = v;
            } else {
                dictobject::set_item(mkw.as_ptr(), key, v)?;
            }
        }
        let is_class = !meta.is_null() && typeobject::is_type(meta);
        let meta: Owned = if meta.is_null() {
            let m = if Py_SIZE(bases.as_ptr()) == 0 {
                typeobject::type_type()
            } else {
                (*tupleobject::get_item(bases.as_ptr(), 0)).ob_type
            };
            Owned::from_borrowed(calculate_metaclass(m, bases.as_ptr())? as *mut PyObject)
        } else if is_class {
            Owned::from_borrowed(calculate_metaclass(meta as *mut PyTypeObject, bases.as_ptr())? as *mut PyObject)
        } else {
            Owned::from_borrowed(meta)
        };
        // The namespace.
        let ns = match abstract_::lookup_attr(meta.as_ptr(), unicodeobject::intern_str("__prepare__")?.as_ptr())? {
            Some(prep) => {
                let a = tupleobject::pack(&[name, bases.as_ptr()])?;
                abstract_::call(prep.as_ptr(), a.as_ptr(), mkw.as_ptr())?
            }
            None => dictobject::new_dict()?,
        };
        if !abstract_::mapping_check(ns.as_ptr()) {
            let who = if typeobject::is_type(meta.as_ptr()) {
                typeobject::type_name_str(meta.as_ptr() as *mut PyTypeObject)
            } else {
                "<metaclass>".to_string()
            };
            return Err(errors::type_error(format!(
                "{}.__prepare__() must return a mapping, not {}",
                who,
                typeobject::type_name_str((*ns.as_ptr()).ob_type)
            )));
        }
        let cell = run_body(func, ns.as_ptr())?;
        if !bases.is(orig_bases.as_ptr()) {
            abstract_::set_item(ns.as_ptr(), unicodeobject::intern_str("__orig_bases__")?.as_ptr(), orig_bases.as_ptr())?;
        }
        let margs = tupleobject::pack(&[name, bases.as_ptr(), ns.as_ptr()])?;
        let cls = abstract_::call(meta.as_ptr(), margs.as_ptr(), mkw.as_ptr())?;
        if typeobject::is_type(cls.as_ptr()) && cellobject::is_cell(cell.as_ptr()) {
            let held = cellobject::get(cell.as_ptr());
            if held != cls.as_ptr() {
                let msg = if held.is_null() {
                    format!(
                        "__class__ not set defining {} as {}. Was __classcell__ propagated to type.__new__?",
                        abstract_::repr_string(name),
                        abstract_::repr_string(cls.as_ptr())
                    )
                } else {
                    format!(
                        "__class__ set to {} defining {} as {}",
                        abstract_::repr_string(held),
                        abstract_::repr_string(name),
                        abstract_::repr_string(cls.as_ptr())
                    )
                };
                return Err(errors::runtime_error(msg));
            }
        }
        Ok(cls)
    }
}

unsafe extern "C" fn builtin_build_class(
    _self: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| unsafe {
        let nkw = if kwnames.is_null() { 0 } else { Py_SIZE(kwnames) as usize };
        let all = core::slice::from_raw_parts(args, nargs as usize + nkw);
        build_class(all, kwnames)
    })
}

static mut EVAL_BUILTINS: [PyMethodDef; 2] = [
    PyMethodDef {
        ml_name: c"__build_class__".as_ptr(),
        ml_meth: builtin_build_class as *mut c_void,
        ml_flags: METH_FASTCALL | METH_KEYWORDS,
        ml_doc: c"__build_class__(func, name, /, *bases, [metaclass], **kwds) -> class\n\nInternal helper function used by the class statement.".as_ptr(),
    },
    PyMethodDef::SENTINEL,
];

/// Add the builtins that belong to the evaluator to `dict` (the builtins
/// module's namespace).
pub unsafe fn add_evaluator_builtins(dict: *mut PyObject, module_name: *mut PyObject) -> PyResult<()> {
    unsafe {
        let mut ml = &raw mut EVAL_BUILTINS as *mut PyMethodDef;
        while !(*ml).ml_name.is_null() {
            let f = crate::objects::methodobject::new_cfunction(ml, null_mut(), module_name, null_mut())?;
            let name = std::ffi::CStr::from_ptr((*ml).ml_name).to_string_lossy();
            dictobject::set_item_str(dict, &name, f.as_ptr())?;
            ml = ml.add(1);
        }
        Ok(())
    }
}
