//! Calling Python functions: binding arguments into a new frame's fast
//! locals with CPython 3.11's rules and messages (its `initialize_locals`),
//! and the function type's vectorcall entry.
//!
//! Design note. Arguments arrive as a vectorcall array (positional values,
//! then keyword values named by the `kwnames` tuple) and go straight into
//! the frame's slots: no tuple or dict is built unless the function has
//! `*args`/`**kwargs`. The exact-match case (no keywords, no defaults
//! needed, no star parameters) is a plain copy. Error messages name the
//! function by `__qualname__`, as CPython 3.11 does.
use super::frame::{self, Frame};
use crate::compiler::opcode::{CO_VARARGS, CO_VARKEYWORDS};
use crate::objects::codeobject::PyCodeObject;
use crate::objects::funcobject::PyFunctionObject;
use crate::objects::object::*;
use crate::objects::pyref::*;
use crate::objects::{abstract_, dictobject, tupleobject, unicodeobject};
use crate::runtime::errors::{self, PyResult};
use core::ptr::null_mut;

/// Fill `f`'s argument slots from `args[..argcount]` and the keyword
/// arguments `args[argcount..]` named by `kwnames` (borrowed references).
pub unsafe fn bind_args(
    f: *mut Frame,
    func: *mut PyObject,
    args: *const *mut PyObject,
    argcount: usize,
    kwnames: *mut PyObject,
) -> PyResult<()> {
    unsafe {
        let fo = func as *mut PyFunctionObject;
        let co = (*f).code;
        let lp = Frame::locals_ptr(f);
        let flags = (*co).co_flags as u32;
        let co_argcount = (*co).co_argcount as usize;
        let kwonly = (*co).co_kwonlyargcount as usize;
        let total = co_argcount + kwonly;
        let nkw = if kwnames.is_null() { 0 } else { Py_SIZE(kwnames) as usize };
        // The common case: exactly the positional parameters.
        if nkw == 0 && argcount == co_argcount && kwonly == 0 && flags & (CO_VARARGS | CO_VARKEYWORDS) == 0 {
            for i in 0..argcount {
                *lp.add(i) = new_ref(*args.add(i));
            }
            return Ok(());
        }
        let qualname = (*fo).func_qualname;
        // **kwargs dict.
        let mut kwdict: *mut PyObject = null_mut();
        if flags & CO_VARKEYWORDS != 0 {
            let d = dictobject::new_dict()?;
            let idx = total + (flags & CO_VARARGS != 0) as usize;
            kwdict = d.as_ptr();
            *lp.add(idx) = d.into_raw();
        }
        let n = argcount.min(co_argcount);
        for i in 0..n {
            *lp.add(i) = new_ref(*args.add(i));
        }
        if flags & CO_VARARGS != 0 {
            let extra = argcount.saturating_sub(n);
            let t = tupleobject::new_tuple(extra as Py_ssize_t)?;
            for j in 0..extra {
                tupleobject::set_item_raw(t.as_ptr(), j as Py_ssize_t, new_ref(*args.add(n + j)));
            }
            *lp.add(total) = t.into_raw();
        }
        // Keyword arguments.
        let names = (*co).co_localsplusnames;
        let posonly = (*co).co_posonlyargcount as usize;
        for k in 0..nkw {
            let key = tupleobject::get_item(kwnames, k as Py_ssize_t);
            let value = *args.add(argcount + k);
            if !unicodeobject::is_str(key) {
                return Err(errors::type_error(format!("{}() keywords must be strings", qn(qualname))));
            }
            // Identity first (names are interned), then equality.
            let mut found = None;
            for j in posonly..total {
                if tupleobject::get_item(names, j as Py_ssize_t) == key {
                    found = Some(j);
                    break;
                }
            }
            if found.is_none() {
                for j in posonly..total {
                    if abstract_::rich_compare_bool(tupleobject::get_item(names, j as Py_ssize_t), key, Py_EQ)? {
                        found = Some(j);
                        break;
                    }
                }
            }
            match found {
                Some(j) => {
                    if !(*lp.add(j)).is_null() {
                        return Err(errors::type_error(format!(
                            "{}() got multiple values for argument '{}'",
                            qn(qualname),
                            unicodeobject::to_string_lossy(key)
                        )));
                    }
                    *lp.add(j) = new_ref(value);
                }
                None => {
                    if kwdict.is_null() {
                        if posonly_passed_as_keyword(co, kwnames, nkw, qualname)? {
                            return Err(errors::Raised::assume());
                        }
                        return Err(errors::type_error(format!(
                            "{}() got an unexpected keyword argument '{}'",
                            qn(qualname),
                            unicodeobject::to_string_lossy(key)
                        )));
                    }
                    dictobject::set_item(kwdict, key, value)?;
                }
            }
        }
        if argcount > co_argcount && flags & CO_VARARGS == 0 {
            return Err(too_many_positional(co, argcount, (*fo).func_defaults, lp, qualname));
        }
        // Defaults of positional parameters.
        if argcount < co_argcount {
            let defaults = (*fo).func_defaults;
            let defcount = if defaults.is_null() { 0 } else { Py_SIZE(defaults) as usize };
            let m = co_argcount - defcount;
            let missing = (argcount..m).filter(|&i| (*lp.add(i)).is_null()).count();
            if missing > 0 {
                return Err(missing_arguments(co, missing, Some(defcount), lp, qualname));
            }
            let start = if n > m { n - m } else { 0 };
            for i in start..defcount {
                let slot = lp.add(m + i);
                if (*slot).is_null() {
                    *slot = new_ref(tupleobject::get_item(defaults, i as Py_ssize_t));
                }
            }
        }
        // Keyword-only parameters.
        if kwonly > 0 {
            let kwdefs = (*fo).func_kwdefaults;
            let mut missing = 0;
            for i in co_argcount..total {
                if !(*lp.add(i)).is_null() {
                    continue;
                }
                let name = tupleobject::get_item(names, i as Py_ssize_t);
                if !kwdefs.is_null() {
                    if let Some(d) = dictobject::get_item(kwdefs, name)? {
                        *lp.add(i) = d.into_raw();
                        continue;
                    }
                }
                missing += 1;
            }
            if missing > 0 {
                return Err(missing_arguments(co, missing, None, lp, qualname));
            }
        }
        Ok(())
    }
}

unsafe fn qn(qualname: *mut PyObject) -> String {
    unsafe { unicodeobject::to_string_lossy(qualname) }
}

/// "f() takes 2 positional arguments but 3 were given" and its variants.
unsafe fn too_many_positional(
    co: *mut PyCodeObject,
    given: usize,
    defaults: *mut PyObject,
    lp: *mut *mut PyObject,
    qualname: *mut PyObject,
) -> errors::Raised {
    unsafe {
        let argc = (*co).co_argcount as usize;
        let kwonly_given = (argc..argc + (*co).co_kwonlyargcount as usize).filter(|&i| !(*lp.add(i)).is_null()).count();
        let defcount = if defaults.is_null() { 0 } else { Py_SIZE(defaults) as usize };
        let (sig, plural) = if defcount > 0 {
            (format!("from {} to {}", argc - defcount, argc), true)
        } else {
            (format!("{argc}"), argc != 1)
        };
        let kwonly_sig = if kwonly_given > 0 {
            format!(
                " positional argument{} (and {} keyword-only argument{})",
                if given != 1 { "s" } else { "" },
                kwonly_given,
                if kwonly_given != 1 { "s" } else { "" }
            )
        } else {
            String::new()
        };
        errors::type_error(format!(
            "{}() takes {} positional argument{} but {}{} {} given",
            qn(qualname),
            sig,
            if plural { "s" } else { "" },
            given,
            kwonly_sig,
            if given == 1 && kwonly_given == 0 { "was" } else { "were" }
        ))
    }
}

/// "f() missing 2 required positional arguments: 'a' and 'b'".
/// `defcount` is Some for positional parameters, None for keyword-only.
unsafe fn missing_arguments(
    co: *mut PyCodeObject,
    missing: usize,
    defcount: Option<usize>,
    lp: *mut *mut PyObject,
    qualname: *mut PyObject,
) -> errors::Raised {
    unsafe {
        let argc = (*co).co_argcount as usize;
        let (kind, start, end) = match defcount {
            Some(d) => ("positional", 0, argc - d),
            None => ("keyword-only", argc, argc + (*co).co_kwonlyargcount as usize),
        };
        let mut names = Vec::new();
        for i in start..end {
            if (*lp.add(i)).is_null() {
                let raw = tupleobject::get_item((*co).co_localsplusnames, i as Py_ssize_t);
                names.push(abstract_::repr_string(raw));
            }
        }
        let list = match names.len() {
            0 => String::new(),
            1 => names[0].clone(),
            2 => format!("{} and {}", names[0], names[1]),
            k => format!("{}, and {}", names[..k - 1].join(", "), names[k - 1]),
        };
        errors::type_error(format!(
            "{}() missing {} required {} argument{}: {}",
            qn(qualname),
            missing,
            kind,
            if missing == 1 { "" } else { "s" },
            list
        ))
    }
}

/// The 3.11 error for positional-only parameters passed by keyword (only
/// raised when the function has no `**kwargs`). Ok(true) = raised.
unsafe fn posonly_passed_as_keyword(
    co: *mut PyCodeObject,
    kwnames: *mut PyObject,
    nkw: usize,
    qualname: *mut PyObject,
) -> PyResult<bool> {
    unsafe {
        let mut bad = Vec::new();
        for p in 0..(*co).co_posonlyargcount as usize {
            let name = tupleobject::get_item((*co).co_localsplusnames, p as Py_ssize_t);
            for k in 0..nkw {
                let key = tupleobject::get_item(kwnames, k as Py_ssize_t);
                if key == name || abstract_::rich_compare_bool(key, name, Py_EQ)? {
                    bad.push(unicodeobject::to_string_lossy(name));
                    break;
                }
            }
        }
        if bad.is_empty() {
            return Ok(false);
        }
        let _ = errors::type_error(format!(
            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
            qn(qualname),
            bad.join(", ")
        ));
        Ok(true)
    }
}

/// Push a frame for `func` and bind the arguments; on a binding error the
/// frame is popped again.
pub unsafe fn push_and_bind(
    ts: *mut crate::runtime::pystate::PyThreadState,
    func: *mut PyObject,
    locals: *mut PyObject,
    args: *const *mut PyObject,
    argcount: usize,
    kwnames: *mut PyObject,
) -> PyResult<*mut Frame> {
    unsafe {
        let f = frame::push_frame(ts, func, locals)?;
        if let Err(e) = bind_args(f, func, args, argcount, kwnames) {
            frame::pop_frame(ts, f);
            return Err(e);
        }
        Ok(f)
    }
}

/// The function type's vectorcall: run the function in a new frame.
pub unsafe extern "C" fn function_vectorcall(
    func: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    unsafe {
        let ts = crate::runtime::pystate::current();
        let argcount = nargsf & !PY_VECTORCALL_ARGUMENTS_OFFSET;
        let f = match push_and_bind(ts, func, null_mut(), args, argcount, kwnames) {
            Ok(f) => f,
            Err(_) => return null_mut(),
        };
        super::ceval::run_frame(ts, f)
    }
}
