//! The `_warnings` module (CPython's `Python/_warnings.c`): warning filters,
//! registries and the default display, used by the C API (`PyErr_WarnEx` …),
//! the compiler's warnings, and Python's `warnings` module, which imports
//! `filters`, `_defaultaction`, `_onceregistry`, `warn`, `warn_explicit`
//! and `_filters_mutated` from here.
//!
//! Design note.
//! * State (CPython's `WarningsState`): the filter list, the once-registry,
//!   the default action and a filters version, made on first use and
//!   released with the `sys` module at finalisation. When the Python
//!   `warnings` module is in `sys.modules`, its `filters`, `onceregistry`
//!   and `defaultaction` win and replace the state's (CPython's
//!   `get_warnings_attr`), and `warnings._showwarnmsg` displays.
//! * Matching follows CPython: the first filter whose message regex,
//!   category (subclass), module regex and line (0 = any) match decides;
//!   a plain str in a filter's message/module slot must equal exactly.
//!   Registries (`__warningregistry__` dicts) remember what was shown and
//!   are reset when the filters version changes.
//! * Without a running frame the caller is "sys", line 1, with `sys`'s dict
//!   as globals, which is what CPython does when no frame exists. The
//!   evaluator fills `CALLER_INFO` to give the real caller for a stack level.
//! * Display without the Python module: `file:line: Category: message` and
//!   the source line read from the file (CPython's `_Py_DisplaySourceLine`:
//!   two spaces, leading blanks stripped) on `sys.stderr`.
use crate::objects::object::*;
use crate::objects::pyref::*;
use crate::objects::{self as o, abstract_, dictobject, exceptions as exc, listobject, longobject, tupleobject, unicodeobject};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::guard_obj;
use core::ptr::null_mut;
use libc::c_void;

/// The caller's (globals, filename, line) for a stack level (1 = the code
/// that called `warn`), or None when there is no such frame. Set by the
/// evaluator; until then every warning comes from "sys", line 1.
pub type CallerInfoFn = fn(isize) -> PyResult<Option<(Owned, Owned, i64)>>;

fn no_frames(_stacklevel: isize) -> PyResult<Option<(Owned, Owned, i64)>> {
    Ok(None)
}

pub static mut CALLER_INFO: CallerInfoFn = no_frames;

struct State {
    filters: Owned,
    once_registry: Owned,
    default_action: Owned,
    filters_version: i64,
}

static mut STATE: Option<State> = None;

fn create_filter(action: &str, category: *mut PyObject, module: Option<&str>) -> PyResult<Owned> {
    let a = unicodeobject::intern_str(action)?;
    let m = match module {
        Some(m) => unicodeobject::intern_str(m)?,
        None => o::noneobject::none(),
    };
    let zero = longobject::from_i64(0)?;
    tupleobject::pack(&[a.as_ptr(), o::noneobject::none_ptr(), category, m.as_ptr(), zero.as_ptr()])
}

/// CPython's default filters for a non-debug build.
fn init_filters() -> PyResult<Owned> {
    let f = unsafe {
        [
            create_filter("default", exc::PyExc_DeprecationWarning, Some("__main__"))?,
            create_filter("ignore", exc::PyExc_DeprecationWarning, None)?,
            create_filter("ignore", exc::PyExc_PendingDeprecationWarning, None)?,
            create_filter("ignore", exc::PyExc_ImportWarning, None)?,
            create_filter("ignore", exc::PyExc_ResourceWarning, None)?,
        ]
    };
    listobject::from_owned(f.into())
}

fn state() -> PyResult<&'static mut State> {
    // SAFETY: touched only under the GIL.
    unsafe {
        let s = &mut STATE;
        if s.is_none() {
            *s = Some(State {
                filters: init_filters()?,
                once_registry: dictobject::new_dict()?,
                default_action: unicodeobject::intern_str("default")?,
                filters_version: 0,
            });
        }
        Ok(s.as_mut().unwrap_or_else(|| unreachable!()))
    }
}

/// Release the state (at finalisation, with the `sys` module).
pub unsafe fn clear_state() {
    unsafe {
        let s = STATE.take();
        drop(s);
    }
}

/// `warnings.<attr>` when the Python `warnings` module is loaded.
fn get_warnings_attr(attr: &str) -> PyResult<Option<Owned>> {
    unsafe {
        let Ok(modules) = super::sys::modules_dict() else {
            errors::clear();
            return Ok(None);
        };
        if !dictobject::is_dict(modules) {
            return Ok(None);
        }
        let Some(m) = dictobject::get_item_str(modules, "warnings")? else { return Ok(None) };
        abstract_::lookup_attr(m.as_ptr(), unicodeobject::intern_str(attr)?.as_ptr())
    }
}

fn type_name(op: *mut PyObject) -> String {
    // SAFETY: a live object.
    unsafe { o::typeobject::type_name_str((*op).ob_type) }
}

fn get_once_registry() -> PyResult<Owned> {
    let st = state()?;
    if let Some(r) = get_warnings_attr("onceregistry")? {
        if unsafe { !dictobject::is_dict(r.as_ptr()) } {
            return Err(errors::type_error(format!("warnings.onceregistry must be a dict, not '{}'", type_name(r.as_ptr()))));
        }
        st.once_registry = r;
    }
    Ok(st.once_registry.clone())
}

fn get_default_action() -> PyResult<Owned> {
    let st = state()?;
    if let Some(a) = get_warnings_attr("defaultaction")? {
        if unsafe { !unicodeobject::is_str(a.as_ptr()) } {
            return Err(errors::type_error(format!("warnings.defaultaction must be a string, not '{}'", type_name(a.as_ptr()))));
        }
        st.default_action = a;
    }
    Ok(st.default_action.clone())
}

/// Does filter slot `obj` (None, a str, or a compiled regex) match `arg`?
unsafe fn check_matched(obj: *mut PyObject, arg: *mut PyObject) -> PyResult<bool> {
    unsafe {
        if obj == o::noneobject::none_ptr() {
            return Ok(true);
        }
        if unicodeobject::is_str_exact(obj) {
            return Ok(unicodeobject::is_str(arg) && unicodeobject::eq(obj, arg));
        }
        let r = abstract_::call_method(obj, "match", &[arg])?;
        abstract_::is_true(r.as_ptr())
    }
}

/// The action for a warning and the filter that chose it (None: the default).
unsafe fn get_filter(category: *mut PyObject, text: *mut PyObject, lineno: i64, module: *mut PyObject) -> PyResult<(Owned, Owned)> {
    unsafe {
        let st = state()?;
        if let Some(f) = get_warnings_attr("filters")? {
            st.filters = f;
        }
        let filters = st.filters.clone();
        if !listobject::is_list(filters.as_ptr()) {
            return Err(errors::value_error("_warnings.filters must be a list"));
        }
        let mut i = 0;
        // The list can change under a regex's `match`: re-read its size each time.
        while i < Py_SIZE(filters.as_ptr()) {
            let item = Owned::from_borrowed(listobject::get_item(filters.as_ptr(), i));
            if !tupleobject::is_tuple(item.as_ptr()) || Py_SIZE(item.as_ptr()) != 5 {
                return Err(errors::value_error(format!("_warnings.filters item {} isn't a 5-tuple", i)));
            }
            let f = tupleobject::as_slice(item.as_ptr());
            let (action, msg, cat, module_re, ln_obj) = (f[0], f[1], f[2], f[3], f[4]);
            if !unicodeobject::is_str(action) {
                return Err(errors::type_error(format!("action must be a string, not '{}'", type_name(action))));
            }
            let good_msg = check_matched(msg, text)?;
            let good_mod = check_matched(module_re, module)?;
            let is_subclass = is_subclass(category, cat)?;
            if !longobject::is_long(ln_obj) {
                return Err(errors::type_error("an integer is required"));
            }
            let ln = longobject::as_ssize_index(ln_obj, None)? as i64;
            if good_msg && is_subclass && good_mod && (ln == 0 || lineno == ln) {
                return Ok((Owned::from_borrowed(action), item));
            }
            i += 1;
        }
        Ok((get_default_action()?, o::noneobject::none()))
    }
}

/// `issubclass(a, b)` for class objects (tuples of classes accepted for `b`).
unsafe fn is_subclass(a: *mut PyObject, b: *mut PyObject) -> PyResult<bool> {
    unsafe {
        if tupleobject::is_tuple(b) {
            for &x in tupleobject::as_slice(b) {
                if is_subclass(a, x)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        if !o::typeobject::is_type(a) {
            return Err(errors::type_error("issubclass() arg 1 must be a class"));
        }
        if !o::typeobject::is_type(b) {
            return Err(errors::type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union"));
        }
        Ok(o::typeobject::is_subtype(a as *mut PyTypeObject, b as *mut PyTypeObject))
    }
}

/// `isinstance(v, Warning)`.
unsafe fn is_warning_instance(v: *mut PyObject) -> bool {
    unsafe { o::typeobject::is_subtype((*v).ob_type, exc::PyExc_Warning as *mut PyTypeObject) }
}

/// Has `key` been seen in `registry` (reset when the filters changed)?
/// With `should_set`, record it.
unsafe fn already_warned(registry: *mut PyObject, key: *mut PyObject, should_set: bool) -> PyResult<bool> {
    unsafe {
        let st = state()?;
        let version = dictobject::get_item_str(registry, "version")?;
        let current = match &version {
            Some(v) if longobject::is_long_exact(v.as_ptr()) => longobject::as_i64(v.as_ptr()) == Some(st.filters_version),
            _ => false,
        };
        if !current {
            dictobject::clear_dict(registry);
            dictobject::set_item_str(registry, "version", longobject::from_i64(st.filters_version)?.as_ptr())?;
        } else if let Some(w) = dictobject::get_item(registry, key)? {
            if abstract_::is_true(w.as_ptr())? {
                return Ok(true);
            }
        }
        if should_set {
            dictobject::set_item(registry, key, o::boolobject::true_ptr())?;
        }
        Ok(false)
    }
}

unsafe fn update_registry(registry: *mut PyObject, text: *mut PyObject, category: *mut PyObject, add_zero: bool) -> PyResult<bool> {
    unsafe {
        let third = if add_zero { longobject::from_i64(0)? } else { Owned::from_borrowed(o::boolobject::false_ptr()) };
        let altkey = tupleobject::pack(&[text, category, third.as_ptr()])?;
        already_warned(registry, altkey.as_ptr(), true)
    }
}

/// The module name of a file name: "<unknown>" for "", without ".py".
unsafe fn normalize_module(filename: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        if !unicodeobject::is_str(filename) {
            return Ok(Owned::from_borrowed(filename));
        }
        let n = unicodeobject::len(filename);
        if n == 0 {
            return unicodeobject::from_str("<unknown>");
        }
        let cps = unicodeobject::codepoints(filename);
        if cps.ends_with(&['.' as u32, 'p' as u32, 'y' as u32]) {
            return unicodeobject::from_codepoints(&cps[..cps.len() - 3]);
        }
        Ok(Owned::from_borrowed(filename))
    }
}

/// Line `lineno` of file `filename`, without its newline (None when the
/// file or the line is missing). UTF-8 with bad bytes replaced.
fn read_source_line(filename: &str, lineno: i64) -> Option<String> {
    if lineno < 1 {
        return None;
    }
    let data = std::fs::read(filename).ok()?;
    let text = String::from_utf8_lossy(&data);
    let line = text.split_inclusive('\n').nth((lineno - 1) as usize)?;
    Some(line.trim_end_matches('\n').trim_end_matches('\r').to_string())
}

fn strip_indent(s: &str) -> &str {
    s.trim_start_matches([' ', '\t', '\x0c'])
}

/// CPython's `show_warning`: the display without the Python module.
unsafe fn show_warning(filename: *mut PyObject, lineno: i64, text: *mut PyObject, category: *mut PyObject, sourceline: *mut PyObject) {
    unsafe {
        let saved_ok = (|| -> PyResult<()> {
            let name = abstract_::getattr_str(category, "__name__")?;
            // Without sys.stderr (before the io streams are installed) the
            // text goes to the C stderr, where CPython would print "lost
            // sys.stderr"; a None sys.stderr drops it as CPython does.
            let f = super::sys::get_object("stderr");
            let mut s = String::new();
            s += &abstract_::str(filename).map(|x| unicodeobject::to_string_lossy(x.as_ptr()))?;
            s += &format!(":{}: ", lineno);
            s += &abstract_::str(name.as_ptr()).map(|x| unicodeobject::to_string_lossy(x.as_ptr()))?;
            s += ": ";
            s += &abstract_::str(text).map(|x| unicodeobject::to_string_lossy(x.as_ptr()))?;
            s += "\n";
            if !sourceline.is_null() && unicodeobject::is_str(sourceline) {
                // As CPython 3.11: the line as given (its indentation kept).
                s += &unicodeobject::to_string_lossy(sourceline);
                s += "\n";
            } else if unicodeobject::is_str(filename) {
                if let Some(line) = read_source_line(&unicodeobject::to_string_lossy(filename), lineno) {
                    s += "  ";
                    s += strip_indent(&line);
                    s += "\n";
                }
            }
            if !f.is_null() && f == o::noneobject::none_ptr() {
                return Ok(());
            }
            super::sys::write_str("stderr", &s);
            Ok(())
        })();
        let _ = saved_ok;
        errors::clear();
    }
}

#[allow(clippy::too_many_arguments)]
unsafe fn call_show_warning(
    category: *mut PyObject,
    text: *mut PyObject,
    message: *mut PyObject,
    filename: *mut PyObject,
    lineno: i64,
    lineno_obj: *mut PyObject,
    sourceline: *mut PyObject,
    source: *mut PyObject,
) -> PyResult<()> {
    unsafe {
        let Some(show) = get_warnings_attr("_showwarnmsg")? else {
            show_warning(filename, lineno, text, category, sourceline);
            return Ok(());
        };
        let tp = (*show.as_ptr()).ob_type;
        if (*tp).tp_call.is_none() {
            return Err(errors::type_error("warnings._showwarnmsg() must be set to a callable"));
        }
        let Some(cls) = get_warnings_attr("WarningMessage")? else {
            return Err(errors::runtime_error("unable to get warnings.WarningMessage"));
        };
        let none = o::noneobject::none_ptr();
        let src = if source.is_null() { none } else { source };
        let msg = abstract_::call_function(cls.as_ptr(), &[message, category, filename, lineno_obj, none, none, src])?;
        abstract_::call_function(show.as_ptr(), &[msg.as_ptr()])?;
        Ok(())
    }
}

/// CPython's `warn_explicit`: filter, record and show one warning. `module`
/// and `registry` may be null; `Err` when a filter says "error" (the warning
/// is raised) or something failed.
#[allow(clippy::too_many_arguments)]
pub unsafe fn warn_explicit(
    category: *mut PyObject,
    message: *mut PyObject,
    filename: *mut PyObject,
    lineno: i64,
    module: *mut PyObject,
    registry: *mut PyObject,
    sourceline: *mut PyObject,
    source: *mut PyObject,
) -> PyResult<()> {
    unsafe {
        let none = o::noneobject::none_ptr();
        if module == none {
            return Ok(());
        }
        let has_registry = !registry.is_null() && registry != none;
        if has_registry && !dictobject::is_dict(registry) {
            return Err(errors::type_error("'registry' must be a dict or None"));
        }
        let module = if module.is_null() { normalize_module(filename)? } else { Owned::from_borrowed(module) };
        let (text, category, message) = if is_warning_instance(message) {
            (abstract_::str(message)?, (*message).ob_type as *mut PyObject, Owned::from_borrowed(message))
        } else {
            (Owned::from_borrowed(message), category, abstract_::call_function(category, &[message])?)
        };
        let lineno_obj = longobject::from_i64(lineno)?;
        let source = if source == none { null_mut() } else { source };
        let key = tupleobject::pack(&[text.as_ptr(), category, lineno_obj.as_ptr()])?;
        if has_registry && already_warned(registry, key.as_ptr(), false)? {
            return Ok(());
        }
        let (action, item) = get_filter(category, text.as_ptr(), lineno, module.as_ptr())?;
        let act = unicodeobject::to_string_lossy(action.as_ptr());
        if act == "error" {
            return Err(errors::set_object(category, message.as_ptr()));
        }
        if act == "ignore" {
            return Ok(());
        }
        let mut warned = false;
        if act != "always" {
            if has_registry {
                dictobject::set_item(registry, key.as_ptr(), o::boolobject::true_ptr())?;
            }
            match act.as_str() {
                "once" => {
                    let reg = if has_registry { Owned::from_borrowed(registry) } else { get_once_registry()? };
                    warned = update_registry(reg.as_ptr(), text.as_ptr(), category, false)?;
                }
                "module" => {
                    if has_registry {
                        warned = update_registry(registry, text.as_ptr(), category, false)?;
                    }
                }
                "default" => {}
                _ => {
                    let (ar, ir) = (abstract_::repr(action.as_ptr())?, abstract_::repr(item.as_ptr())?);
                    return Err(errors::runtime_error(format!(
                        "Unrecognized action ({}) in warnings.filters:\n {}",
                        unicodeobject::to_string_lossy(ar.as_ptr()),
                        unicodeobject::to_string_lossy(ir.as_ptr())
                    )));
                }
            }
        }
        if warned {
            return Ok(());
        }
        call_show_warning(category, text.as_ptr(), message.as_ptr(), filename, lineno, lineno_obj.as_ptr(), sourceline, source)
    }
}

/// CPython's `get_category`: the warning's class, or `category` (UserWarning
/// by default), which must be a Warning subclass.
pub unsafe fn get_category(message: *mut PyObject, category: *mut PyObject) -> PyResult<*mut PyObject> {
    unsafe {
        let none = o::noneobject::none_ptr();
        let category = if is_warning_instance(message) {
            (*message).ob_type as *mut PyObject
        } else if category.is_null() || category == none {
            exc::PyExc_UserWarning
        } else {
            category
        };
        match is_subclass(category, exc::PyExc_Warning) {
            Ok(true) => Ok(category),
            _ => {
                errors::clear();
                Err(errors::type_error(format!("category must be a Warning subclass, not '{}'", type_name(category))))
            }
        }
    }
}

/// CPython's `do_warn`: warn from the caller `stack_level` frames up.
pub unsafe fn do_warn(message: *mut PyObject, category: *mut PyObject, stack_level: isize, source: *mut PyObject) -> PyResult<()> {
    unsafe {
        let (globals, filename, lineno) = match CALLER_INFO(stack_level)? {
            Some(c) => c,
            None => (Owned::from_borrowed(super::sys::dict()?), unicodeobject::from_str("sys")?, 1),
        };
        if !dictobject::is_dict(globals.as_ptr()) {
            return Err(errors::system_error("warnings: globals is not a dict"));
        }
        let registry = match dictobject::get_item_str(globals.as_ptr(), "__warningregistry__")? {
            Some(r) => r,
            None => {
                let r = dictobject::new_dict()?;
                dictobject::set_item_str(globals.as_ptr(), "__warningregistry__", r.as_ptr())?;
                r
            }
        };
        let module = match dictobject::get_item_str(globals.as_ptr(), "__name__")? {
            Some(m) if m.is(o::noneobject::none_ptr()) || unicodeobject::is_str(m.as_ptr()) => m,
            _ => unicodeobject::from_str("<string>")?,
        };
        warn_explicit(category, message, filename.as_ptr(), lineno, module.as_ptr(), registry.as_ptr(), null_mut(), source)
    }
}

/// `PyErr_WarnEx`'s core: warn with a str message (category null: RuntimeWarning).
pub unsafe fn warn_unicode(category: *mut PyObject, message: *mut PyObject, stack_level: isize, source: *mut PyObject) -> PyResult<()> {
    unsafe {
        let category = if category.is_null() { exc::PyExc_RuntimeWarning } else { category };
        do_warn(message, category, stack_level, source)
    }
}

/// Warn from Rust: `category` with message `msg` (what the compiler and
/// the runtime use).
pub fn warn(category: *mut PyObject, msg: &str, stack_level: isize) -> PyResult<()> {
    let m = unicodeobject::from_str(msg)?;
    unsafe { warn_unicode(category, m.as_ptr(), stack_level, null_mut()) }
}

/// The source line `lineno` from `module_globals`' loader (`get_source`),
/// or None.
unsafe fn get_source_line(module_globals: *mut PyObject, lineno: i64) -> PyResult<Option<Owned>> {
    unsafe {
        let Some(loader) = dictobject::get_item_str(module_globals, "__loader__")? else { return Ok(None) };
        if loader.is(o::noneobject::none_ptr()) {
            return Ok(None);
        }
        let Some(name) = dictobject::get_item_str(module_globals, "__name__")? else { return Ok(None) };
        let Some(get_source) = abstract_::lookup_attr(loader.as_ptr(), unicodeobject::intern_str("get_source")?.as_ptr())? else {
            return Ok(None);
        };
        let source = abstract_::call_function(get_source.as_ptr(), &[name.as_ptr()])?;
        if source.is(o::noneobject::none_ptr()) {
            return Ok(None);
        }
        let lines = abstract_::call_method(source.as_ptr(), "splitlines", &[])?;
        if !listobject::is_list(lines.as_ptr()) || lineno < 1 || lineno > Py_SIZE(lines.as_ptr()) as i64 {
            return Ok(None);
        }
        Ok(Some(Owned::from_borrowed(listobject::get_item(lines.as_ptr(), (lineno - 1) as isize))))
    }
}

// ---------------------------------------------------------------------------
// The module

type Args = *mut PyObject;

use super::sys::parse_args;

unsafe fn int_arg(v: *mut PyObject, what: &str) -> PyResult<i64> {
    unsafe {
        if o::floatobject::is_float(v) || !longobject::is_index(v) {
            let _ = what;
            return Err(errors::type_error(format!("'{}' object cannot be interpreted as an integer", type_name(v))));
        }
        let i = o::abstract_number::index(v)?;
        longobject::as_i64(i.as_ptr()).ok_or_else(|| errors::overflow_error("Python int too large to convert to C ssize_t"))
    }
}

unsafe extern "C" fn w_warn(_m: Args, args: Args, kw: Args) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = parse_args("warn", args, kw, &["message", "category", "stacklevel", "source"], 1)?;
        let category = get_category(a[0], a[1])?;
        let level = if a[2].is_null() { 1 } else { int_arg(a[2], "stacklevel")? as isize };
        do_warn(a[0], category, level, a[3])?;
        Ok(o::noneobject::none())
    })
}

unsafe extern "C" fn w_warn_explicit(_m: Args, args: Args, kw: Args) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = parse_args(
            "warn_explicit",
            args,
            kw,
            &["message", "category", "filename", "lineno", "module", "registry", "module_globals", "source"],
            4,
        )?;
        if !unicodeobject::is_str(a[2]) {
            return Err(errors::type_error(format!(
                "warn_explicit() argument 3 must be str, not {}",
                type_name(a[2])
            )));
        }
        let lineno = int_arg(a[3], "lineno")?;
        if lineno < i32::MIN as i64 || lineno > i32::MAX as i64 {
            return Err(errors::overflow_error("Python int too large to convert to C int"));
        }
        let none = o::noneobject::none_ptr();
        let mut sourceline = None;
        let globals = a[6];
        if !globals.is_null() && globals != none {
            if !dictobject::is_dict(globals) {
                return Err(errors::type_error(format!("module_globals must be a dict, not '{}'", type_name(globals))));
            }
            sourceline = get_source_line(globals, lineno)?;
        }
        let registry = if a[5].is_null() { none } else { a[5] };
        warn_explicit(
            a[1],
            a[0],
            a[2],
            lineno,
            a[4],
            registry,
            sourceline.as_ref().map_or(null_mut(), |s| s.as_ptr()),
            a[7],
        )?;
        Ok(o::noneobject::none())
    })
}

unsafe extern "C" fn w_filters_mutated(_m: Args, _a: Args) -> *mut PyObject {
    guard_obj(|| {
        state()?.filters_version += 1;
        Ok(o::noneobject::none())
    })
}

type VarKw = unsafe extern "C" fn(Args, Args, Args) -> *mut PyObject;

static mut WARNINGS_METHODS: [PyMethodDef; 4] = [
    PyMethodDef { ml_name: c"warn".as_ptr(), ml_meth: w_warn as VarKw as *mut c_void, ml_flags: METH_VARARGS | METH_KEYWORDS, ml_doc: c"warn($module, /, message, category=None, stacklevel=1, source=None)\n--\n\nIssue a warning, or maybe ignore it or raise an exception.".as_ptr() },
    PyMethodDef { ml_name: c"warn_explicit".as_ptr(), ml_meth: w_warn_explicit as VarKw as *mut c_void, ml_flags: METH_VARARGS | METH_KEYWORDS, ml_doc: c"warn_explicit($module, /, message, category, filename, lineno,\n              module=<unrepresentable>, registry=None,\n              module_globals=None, source=None)\n--\n\nLow-level interface to warnings functionality.".as_ptr() },
    PyMethodDef { ml_name: c"_filters_mutated".as_ptr(), ml_meth: w_filters_mutated as unsafe extern "C" fn(Args, Args) -> *mut PyObject as *mut c_void, ml_flags: METH_NOARGS, ml_doc: core::ptr::null() },
    PyMethodDef::SENTINEL,
];

fn build() -> PyResult<Owned> {
    unsafe {
        let name = unicodeobject::from_str("_warnings")?;
        let m = o::moduleobject::new_module(name.as_ptr())?;
        o::moduleobject::set_doc(m.as_ptr(), c"_warnings provides basic warning filtering support.\nIt is a helper module to speed up interpreter start-up.".as_ptr())?;
        o::moduleobject::add_functions(m.as_ptr(), name.as_ptr(), &raw mut WARNINGS_METHODS as *mut PyMethodDef)?;
        let st = state()?;
        o::moduleobject::add_object_ref(m.as_ptr(), "filters", st.filters.as_ptr())?;
        o::moduleobject::add_object_ref(m.as_ptr(), "_onceregistry", st.once_registry.as_ptr())?;
        o::moduleobject::add_object_ref(m.as_ptr(), "_defaultaction", st.default_action.as_ptr())?;
        Ok(m)
    }
}

/// Build the `_warnings` module object (the import system registers it).
pub fn init_module() -> *mut PyObject {
    guard_obj(build)
}
