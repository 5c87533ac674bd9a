//! Argument unpacking for the `builtins` functions and types, with the
//! messages of CPython 3.11's Argument Clinic (`_PyArg_UnpackKeywords`) and
//! `PyArg_ParseTupleAndKeywords`.
//!
//! Design note. A signature is a list of parameter names: the first `posonly`
//! are positional-only, those from `maxpos` on are keyword-only, the first
//! `minpos` must be given and `reqkw` more keyword-only ones after `maxpos`.
//! The result is one borrowed pointer per parameter (null when not given),
//! valid as long as the caller's argument tuple and dict are.
use crate::objects::object::*;
use crate::objects::{dictobject, sequtil, unicodeobject};
use crate::runtime::errors::{self, PyResult};

pub(crate) struct Sig<'a> {
    /// `"round"`: messages say `round()`.
    pub fname: &'a str,
    pub names: &'a [&'a str],
    pub posonly: usize,
    pub minpos: usize,
    pub maxpos: usize,
    /// Required keyword-only parameters (those right after `maxpos`).
    pub reqkw: usize,
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Unpack `args` (a tuple or null) and `kw` (a dict or null) against `sig`.
pub(crate) unsafe fn unpack(sig: &Sig, args: *mut PyObject, kw: *mut PyObject) -> PyResult<Vec<*mut PyObject>> {
    unsafe {
        let pos = sequtil::tuple_args(args);
        let nargs = pos.len();
        let maxargs = sig.names.len();
        let f = sig.fname;
        let nkw = if kw.is_null() { 0 } else { dictobject::len(kw) as usize };
        let mut out = vec![core::ptr::null_mut(); maxargs];
        if nargs + nkw > maxargs {
            return Err(errors::type_error(format!(
                "{}() takes at most {} {}argument{} ({} given)",
                f,
                maxargs,
                if nargs == 0 { "keyword " } else { "" },
                plural(maxargs),
                nargs + nkw
            )));
        }
        if nargs > sig.maxpos {
            if sig.maxpos == 0 {
                return Err(errors::type_error(format!("{}() takes no positional arguments", f)));
            }
            return Err(errors::type_error(format!(
                "{}() takes {} {} positional argument{} ({} given)",
                f,
                if sig.minpos < sig.maxpos { "at most" } else { "exactly" },
                sig.maxpos,
                plural(sig.maxpos),
                nargs
            )));
        }
        let minposonly = sig.minpos.min(sig.posonly);
        if nargs < minposonly {
            return Err(errors::type_error(format!(
                "{}() takes {} {} positional argument{} ({} given)",
                f,
                if minposonly < sig.maxpos { "at least" } else { "exactly" },
                minposonly,
                plural(minposonly),
                nargs
            )));
        }
        out[..nargs].copy_from_slice(pos);
        let mut left = nkw;
        let reqlimit = sig.maxpos + sig.reqkw;
        for (i, slot) in out.iter_mut().enumerate().skip(nargs) {
            if i < sig.posonly {
                continue;
            }
            let v = if left > 0 { dictobject::get_item_str(kw, sig.names[i])? } else { None };
            match v {
                Some(v) => {
                    left -= 1;
                    // The dict holds the value for as long as the caller's call.
                    *slot = v.as_ptr();
                }
                None if i < sig.minpos || (sig.maxpos <= i && i < reqlimit) => {
                    return Err(errors::type_error(format!(
                        "{}() missing required argument '{}' (pos {})",
                        f,
                        sig.names[i],
                        i + 1
                    )));
                }
                None => {}
            }
        }
        if left > 0 {
            for (i, name) in sig.names.iter().enumerate().take(nargs).skip(sig.posonly) {
                if dictobject::get_item_str(kw, name)?.is_some() {
                    return Err(errors::type_error(format!(
                        "argument for {}() given by name ('{}') and position ({})",
                        f,
                        name,
                        i + 1
                    )));
                }
            }
            check_keywords(f, kw, &sig.names[sig.posonly..])?;
        }
        Ok(out)
    }
}

/// Raise for the first key of `kw` that is not a string or not in `allowed`.
pub(crate) unsafe fn check_keywords(fname: &str, kw: *mut PyObject, allowed: &[&str]) -> PyResult<()> {
    unsafe {
        if kw.is_null() {
            return Ok(());
        }
        for (k, _) in dictobject::items_borrowed(kw) {
            if !unicodeobject::is_str(k) {
                return Err(errors::type_error("keywords must be strings"));
            }
            let s = unicodeobject::to_string_lossy(k);
            if !allowed.contains(&s.as_str()) {
                return Err(errors::type_error(format!("'{}' is an invalid keyword argument for {}()", s, fname)));
            }
        }
        Ok(())
    }
}

/// The keyword-only arguments of a `*args, name=…` function (parsed as
/// `PyArg_ParseTupleAndKeywords` with only `$` entries does): one pointer per
/// name, null when not given.
pub(crate) unsafe fn kwonly(fname: &str, kw: *mut PyObject, names: &[&str]) -> PyResult<Vec<*mut PyObject>> {
    unsafe {
        let mut out = vec![core::ptr::null_mut(); names.len()];
        if kw.is_null() || dictobject::len(kw) == 0 {
            return Ok(out);
        }
        let n = dictobject::len(kw) as usize;
        if n > names.len() {
            return Err(errors::type_error(format!(
                "{}() takes at most {} keyword argument{} ({} given)",
                fname,
                names.len(),
                plural(names.len()),
                n
            )));
        }
        check_keywords(fname, kw, names)?;
        for (i, name) in names.iter().enumerate() {
            if let Some(v) = dictobject::get_item_str(kw, name)? {
                out[i] = v.as_ptr();
            }
        }
        Ok(out)
    }
}

/// The argument at `i`, or null.
pub(crate) fn opt(v: &[*mut PyObject], i: usize) -> *mut PyObject {
    v.get(i).copied().unwrap_or(core::ptr::null_mut())
}
