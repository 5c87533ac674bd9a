//! `Include/sysmodule.h`: the `sys` module from C. The module itself is
//! `src/modules/sys.rs`; these are thin wrappers. `PySys_Audit` and the
//! `PySys_Write*`/`PySys_Format*` printers are variadic and live in
//! `src/shims/` (they reach Rust through the `Pyrite_Sys*` helpers here).
use crate::modules::sys;
use crate::objects::object::*;
use crate::objects::pyref::Owned;
use crate::objects::{dictobject, listobject, unicodeobject};
use crate::runtime::errors;
use crate::runtime::ffi::{cstr, guard, guard_unit, nonnull};
use libc::{c_char, c_int, c_void, wchar_t};

/// `PySys_GetObject`: `sys.<name>` (borrowed), or NULL without an exception.
#[no_mangle]
pub unsafe extern "C" fn PySys_GetObject(name: *const c_char) -> *mut PyObject {
    guard(|| unsafe {
        let saved = errors::fetch();
        let r = match cstr(name) {
            Ok(n) => sys::get_object(n),
            Err(_) => core::ptr::null_mut(),
        };
        errors::restore(saved.0, saved.1, saved.2);
        Ok(r)
    })
}

/// `PySys_SetObject`: set `sys.<name>` (NULL deletes it); 0 or -1.
#[no_mangle]
pub unsafe extern "C" fn PySys_SetObject(name: *const c_char, v: *mut PyObject) -> c_int {
    guard_unit(|| unsafe { sys::set_object(cstr(name)?, v) })
}

/// A NUL-terminated `wchar_t` string as a str.
unsafe fn wide(s: *const wchar_t) -> crate::PyResult<Owned> {
    unsafe {
        let s = nonnull(s as *mut wchar_t)?;
        let mut cps = Vec::new();
        let mut i = 0;
        while *s.add(i) != 0 {
            cps.push(*s.add(i) as u32);
            i += 1;
        }
        unicodeobject::from_codepoints(&cps)
    }
}

unsafe fn warnoptions() -> crate::PyResult<*mut PyObject> {
    unsafe {
        let mut l = sys::get_object("warnoptions");
        if l.is_null() || !listobject::is_list(l) {
            let n = listobject::new_list(0)?;
            sys::set_object("warnoptions", n.as_ptr())?;
            l = sys::get_object("warnoptions");
        }
        Ok(l)
    }
}

/// `PySys_AddWarnOptionUnicode`: append to `sys.warnoptions`.
#[no_mangle]
pub unsafe extern "C" fn PySys_AddWarnOptionUnicode(option: *mut PyObject) {
    guard(|| unsafe {
        let saved = errors::fetch();
        let r = warnoptions().and_then(|l| listobject::append(l, nonnull(option)?));
        if r.is_err() {
            errors::clear();
        }
        errors::restore(saved.0, saved.1, saved.2);
        Ok(())
    })
}

/// `PySys_AddWarnOption`: append a wide string to `sys.warnoptions`.
#[no_mangle]
pub unsafe extern "C" fn PySys_AddWarnOption(s: *const wchar_t) {
    guard(|| unsafe {
        match wide(s) {
            Ok(o) => PySys_AddWarnOptionUnicode(o.as_ptr()),
            Err(_) => errors::clear(),
        }
        Ok(())
    })
}

/// `PySys_ResetWarnOptions`: empty `sys.warnoptions`.
#[no_mangle]
pub unsafe extern "C" fn PySys_ResetWarnOptions() {
    guard(|| unsafe {
        let l = sys::get_object("warnoptions");
        if !l.is_null() && listobject::is_list(l) {
            listobject::clear_list(l);
        }
        Ok(())
    })
}

/// `PySys_HasWarnOptions`: 1 when `sys.warnoptions` is a non-empty list.
#[no_mangle]
pub unsafe extern "C" fn PySys_HasWarnOptions() -> c_int {
    guard(|| unsafe {
        let l = sys::get_object("warnoptions");
        Ok((!l.is_null() && listobject::is_list(l) && Py_SIZE(l) > 0) as c_int)
    })
}

/// `PySys_GetXOptions`: `sys._xoptions` (borrowed; made when missing).
#[no_mangle]
pub unsafe extern "C" fn PySys_GetXOptions() -> *mut PyObject {
    guard(|| unsafe {
        let d = sys::get_object("_xoptions");
        if !d.is_null() && dictobject::is_dict(d) {
            return Ok(d);
        }
        let n = dictobject::new_dict()?;
        sys::set_object("_xoptions", n.as_ptr())?;
        Ok(sys::get_object("_xoptions"))
    })
}

/// `PySys_AddXOption`: "key" sets `sys._xoptions[key] = True`, "key=value"
/// sets the str value.
#[no_mangle]
pub unsafe extern "C" fn PySys_AddXOption(s: *const wchar_t) {
    guard(|| unsafe {
        let r = (|| {
            let opt = wide(s)?;
            let text = unicodeobject::codepoints(opt.as_ptr());
            let d = PySys_GetXOptions();
            if d.is_null() {
                return Err(crate::runtime::ffi::raised());
            }
            match text.iter().position(|&c| c == '=' as u32) {
                Some(i) => {
                    let (k, v) = (unicodeobject::from_codepoints(&text[..i])?, unicodeobject::from_codepoints(&text[i + 1..])?);
                    dictobject::set_item(d, k.as_ptr(), v.as_ptr())
                }
                None => dictobject::set_item(d, opt.as_ptr(), crate::objects::boolobject::true_ptr()),
            }
        })();
        if r.is_err() {
            errors::clear();
        }
        Ok(())
    })
}

/// `Py_AuditHookFunction`.
pub type Py_AuditHookFunction = Option<unsafe extern "C" fn(*const c_char, *mut PyObject, *mut c_void) -> c_int>;

/// `PySys_AddAuditHook`: add a process-wide C audit hook; 0, or -1 when a
/// hook already installed refuses it.
#[no_mangle]
pub unsafe extern "C" fn PySys_AddAuditHook(hook: Py_AuditHookFunction, user_data: *mut c_void) -> c_int {
    guard_unit(|| {
        let Some(f) = hook else { return Err(errors::bad_internal_call()) };
        sys::add_c_audit_hook(f, user_data)
    })
}

/// For the `PySys_Audit` shim: is any audit hook installed?
#[no_mangle]
pub extern "C" fn Pyrite_SysAuditActive() -> c_int {
    guard(|| Ok(sys::audit_active() as c_int))
}

/// For the `PySys_Audit` shim: raise `event` with the argument tuple `args`.
#[no_mangle]
pub unsafe extern "C" fn Pyrite_SysAuditTuple(event: *const c_char, args: *mut PyObject) -> c_int {
    guard_unit(|| unsafe { sys::audit_tuple(cstr(event)?, nonnull(args)?) })
}

/// For the `PySys_Write*`/`PySys_Format*` shims: write `len` bytes of UTF-8
/// to `sys.stdout` (`to_stderr` 0) or `sys.stderr`, falling back to the C
/// stream when the Python one is missing or fails. Keeps a pending exception.
#[no_mangle]
pub unsafe extern "C" fn Pyrite_SysWrite(to_stderr: c_int, data: *const c_char, len: Py_ssize_t) {
    guard(|| unsafe {
        if data.is_null() || len < 0 {
            return Ok(());
        }
        let bytes = core::slice::from_raw_parts(data as *const u8, len as usize);
        let stream = if to_stderr != 0 { "stderr" } else { "stdout" };
        sys::write_bytes(stream, bytes);
        Ok(())
    })
}

// ---- the version strings of `Include/pylifecycle.h` that sys reports ----

/// `Py_GetPlatform`: `sys.platform`.
#[no_mangle]
pub extern "C" fn Py_GetPlatform() -> *const c_char {
    c"linux".as_ptr()
}

/// `Py_GetCopyright`: `sys.copyright`.
#[no_mangle]
pub extern "C" fn Py_GetCopyright() -> *const c_char {
    sys::COPYRIGHT_C.as_ptr()
}

/// `Py_GetCompiler`: the bracketed part of `sys.version`.
#[no_mangle]
pub extern "C" fn Py_GetCompiler() -> *const c_char {
    c"[rustc]".as_ptr()
}

/// `Py_GetBuildInfo`: the parenthesised part of `sys.version`.
#[no_mangle]
pub extern "C" fn Py_GetBuildInfo() -> *const c_char {
    static INFO: std::sync::OnceLock<std::ffi::CString> = std::sync::OnceLock::new();
    INFO.get_or_init(|| {
        // SAFETY: Py_GetVersion returns a static NUL-terminated string.
        let v = unsafe { std::ffi::CStr::from_ptr(crate::capi::pylifecycle::Py_GetVersion()) }.to_string_lossy().into_owned();
        let inner = v.split_once('(').and_then(|(_, r)| r.split_once(')')).map_or(String::new(), |(i, _)| i.to_string());
        std::ffi::CString::new(inner).unwrap_or_default()
    })
    .as_ptr()
}

/// `PySys_SetPath`: `sys.path` becomes the `:`-separated entries of `path`.
#[no_mangle]
pub unsafe extern "C" fn PySys_SetPath(path: *const wchar_t) {
    guard(|| unsafe {
        let r = (|| {
            let whole = unicodeobject::codepoints(wide(path)?.as_ptr());
            let mut items = Vec::new();
            for part in whole.split(|&c| c == ':' as u32) {
                items.push(unicodeobject::from_codepoints(part)?);
            }
            let list = listobject::from_owned(items)?;
            sys::set_object("path", list.as_ptr())
        })();
        if r.is_err() {
            // CPython treats this as fatal; pyrite reports and goes on.
            errors::write_unraisable(core::ptr::null_mut());
        }
        Ok(())
    })
}
