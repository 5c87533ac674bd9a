//! The `sys` module (CPython's `Python/sysmodule.c`): everything in it that
//! does not need the evaluator.
//!
//! Design note.
//! * One `sys` module per process for now, made by `Py_Initialize` (or on
//!   first use, `sys_module`) and dropped at finalisation (`clear_state`, a
//!   registry finaliser, which also clears every module in `sys.modules`
//!   so no module/function cycle outlives a lifetime). Its dict
//!   is the one store of every setting a program can change (`sys.path`,
//!   `sys.stdout`, hooks …); Rust reads settings back through `get_object`.
//!   `sys.modules` is created with it and is what the importer uses
//!   (`modules_dict`).
//! * What the command line decides comes in through plain Rust calls made
//!   before or after the module exists: `set_flags(SysFlags)`, `set_argv`,
//!   `set_paths`, `set_std_streams`. Values not given default to what a
//!   bare `Py_Initialize` gives in CPython (empty argv list, no streams).
//! * What needs the evaluator is a hook (`HOOKS`): printing an exception with
//!   its traceback (`sys.excepthook`, the unraisable hook). Until the lead
//!   wires them, a plain fallback prints `Type: message`.
//! * Struct sequences `sys.version_info`, `sys.flags`, `sys.hash_info`,
//!   `sys.thread_info`, `UnraisableHookArgs` are static types readied on
//!   first use; like CPython's they cannot be instantiated from Python
//!   (except `UnraisableHookArgs` and `asyncgen_hooks`).
//! * State the evaluator reads lives here with plain accessors:
//!   `switch_interval_us`, `dlopen_flags`, `asyncgen_hooks`,
//!   `coroutine_origin_tracking_depth`; `sys.exc_info()`/`sys.exception()`
//!   read the thread state's handled exception.
//! * Audit hooks: C hooks (`PySys_AddAuditHook`) are process-wide, Python
//!   hooks (`sys.addaudithook`) live in a list; `audit` calls the C ones
//!   first, then the Python ones, as CPython does.
use super::sys_tables::STDLIB_MODULE_NAMES;
use crate::objects::object::*;
use crate::objects::pyref::*;
use crate::objects::structseq::{self as ss, PyStructSequence_Desc, PyStructSequence_Field};
use crate::objects::{self as o, abstract_, dictobject, listobject, longobject, tupleobject, unicodeobject};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::runtime::ffi::{guard_obj, raised};
use core::ptr::null_mut;
use libc::{c_int, c_void};
use std::sync::atomic::{AtomicI32, AtomicU64, Ordering};

/// `sys.api_version` (CPython's `PYTHON_API_VERSION`).
const PYTHON_API_VERSION: i64 = 1013;

// ---------------------------------------------------------------------------
// Configuration from the command line

/// `sys.flags`: what the command line and environment decided (the CLI
/// fills it with `set_flags`; the defaults are a bare `Py_Initialize`'s).
#[derive(Clone, Debug, PartialEq)]
pub struct SysFlags {
    pub debug: i32,
    pub inspect: i32,
    pub interactive: i32,
    pub optimize: i32,
    pub dont_write_bytecode: i32,
    pub no_user_site: i32,
    pub no_site: i32,
    pub ignore_environment: i32,
    pub verbose: i32,
    pub bytes_warning: i32,
    pub quiet: i32,
    pub hash_randomization: i32,
    pub isolated: i32,
    pub dev_mode: bool,
    pub utf8_mode: i32,
    pub warn_default_encoding: i32,
    pub safe_path: bool,
    pub int_max_str_digits: i32,
}

impl Default for SysFlags {
    fn default() -> SysFlags {
        // As CPython: randomization is off only for PYTHONHASHSEED=0.
        let hash_randomization = match crate::runtime::pyhash::SECRET.seed {
            Some(0) => 0,
            _ => 1,
        };
        SysFlags {
            debug: 0,
            inspect: 0,
            interactive: 0,
            optimize: 0,
            dont_write_bytecode: 0,
            no_user_site: 0,
            no_site: 0,
            ignore_environment: 0,
            verbose: 0,
            bytes_warning: 0,
            quiet: 0,
            hash_randomization,
            isolated: 0,
            dev_mode: false,
            utf8_mode: 0,
            warn_default_encoding: 0,
            safe_path: false,
            int_max_str_digits: -1,
        }
    }
}

/// Where pyrite runs from (`sys.executable`, `sys.prefix` …), as the CLI
/// computes it. Defaults: the running executable, and its directory's
/// parent as the prefix.
#[derive(Clone, Debug, Default)]
pub struct SysPaths {
    pub executable: Option<String>,
    pub base_executable: Option<String>,
    pub prefix: Option<String>,
    pub base_prefix: Option<String>,
    pub exec_prefix: Option<String>,
    pub base_exec_prefix: Option<String>,
    pub stdlib_dir: Option<String>,
}

struct Config {
    flags: SysFlags,
    argv: Vec<String>,
    orig_argv: Vec<String>,
    paths: SysPaths,
}

static mut CONFIG: Option<Config> = None;

fn config() -> &'static mut Config {
    // SAFETY: touched only under the GIL.
    unsafe {
        let c = &mut CONFIG;
        c.get_or_insert_with(|| Config { flags: SysFlags::default(), argv: Vec::new(), orig_argv: Vec::new(), paths: SysPaths::default() })
    }
}

/// The module object (owned by this file), null until first use.
static mut SYS: *mut PyObject = null_mut();

/// Set `sys.flags` (and `sys.dont_write_bytecode` and the int string-digits
/// limit). Call before or after the module exists.
pub fn set_flags(flags: SysFlags) -> PyResult<()> {
    // -X int_max_str_digits / PYTHONINTMAXSTRDIGITS set the limit too (-1: default).
    let digits = if flags.int_max_str_digits < 0 { 4300 } else { flags.int_max_str_digits as usize };
    longobject::INT_MAX_STR_DIGITS.store(digits, Ordering::Relaxed);
    config().flags = flags;
    if exists() {
        let f = flags_object()?;
        set_object("flags", f.as_ptr())?;
        let dwb = o::boolobject::owned_bool(config().flags.dont_write_bytecode != 0);
        set_object("dont_write_bytecode", dwb.as_ptr())?;
    }
    Ok(())
}

/// The flags in force.
pub fn flags() -> SysFlags {
    config().flags.clone()
}

/// Set `sys.argv` and `sys.orig_argv` (as the CLI computed them).
pub fn set_argv(argv: &[String], orig_argv: &[String]) -> PyResult<()> {
    config().argv = argv.to_vec();
    config().orig_argv = orig_argv.to_vec();
    if exists() {
        set_object("argv", str_list(argv)?.as_ptr())?;
        set_object("orig_argv", str_list(orig_argv)?.as_ptr())?;
    }
    Ok(())
}

/// Set the executable and prefix attributes.
pub fn set_paths(paths: SysPaths) -> PyResult<()> {
    config().paths = paths;
    if exists() {
        // SAFETY: the module exists.
        unsafe { set_path_attrs(dict()?)? };
    }
    Ok(())
}

/// Install `sys.stdin`/`stdout`/`stderr` and the `__std*__` originals
/// (borrowed; null leaves one unchanged).
pub fn set_std_streams(stdin: *mut PyObject, stdout: *mut PyObject, stderr: *mut PyObject) -> PyResult<()> {
    for (name, orig, v) in [("stdin", "__stdin__", stdin), ("stdout", "__stdout__", stdout), ("stderr", "__stderr__", stderr)] {
        if !v.is_null() {
            set_object(name, v)?;
            set_object(orig, v)?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Hooks the evaluator provides

/// Print an exception (type, value, traceback; borrowed, value/tb may be
/// None) with its traceback to `sys.stderr`, as CPython's `PyErr_Display`.
pub type PrintExceptionFn = fn(*mut PyObject, *mut PyObject, *mut PyObject) -> PyResult<()>;
/// Print a traceback object to a file object (`PyTraceBack_Print`).
pub type PrintTracebackFn = fn(*mut PyObject, *mut PyObject) -> PyResult<()>;

pub struct Hooks {
    pub print_exception: Option<PrintExceptionFn>,
    pub print_traceback: Option<PrintTracebackFn>,
}

/// Set by the evaluator; `None` means the plain fallbacks below.
pub static mut HOOKS: Hooks = Hooks { print_exception: None, print_traceback: None };

// ---------------------------------------------------------------------------
// Module state access

fn exists() -> bool {
    // SAFETY: read under the GIL.
    unsafe { !SYS.is_null() }
}

/// The `sys` module (borrowed), created on first use.
pub fn sys_module() -> PyResult<*mut PyObject> {
    unsafe {
        if SYS.is_null() {
            let m = build()?;
            if SYS.is_null() {
                SYS = m.into_raw();
            }
        }
        Ok(SYS)
    }
}

/// The `sys` module's dict (borrowed).
pub fn dict() -> PyResult<*mut PyObject> {
    // SAFETY: the module is alive while SYS holds it.
    unsafe { o::moduleobject::get_dict(sys_module()?) }
}

/// `sys.modules` (borrowed): the dict the importer keeps modules in. A
/// program may replace `sys.modules`; this is the current value, and a
/// RuntimeError "lost sys.modules" when it is gone.
pub fn modules_dict() -> PyResult<*mut PyObject> {
    unsafe {
        let v = dictobject::get_item_borrowed(dict()?, unicodeobject::intern_str("modules")?.as_ptr());
        if v.is_null() {
            if !errors::occurred().is_null() {
                return Err(raised());
            }
            return Err(errors::runtime_error("lost sys.modules"));
        }
        Ok(v)
    }
}

/// `PySys_GetObject`: `sys.<name>` (borrowed) or null, never raising.
pub fn get_object(name: &str) -> *mut PyObject {
    if !exists() {
        // Before start-up (or after finalisation) there is no sys to read.
        return null_mut();
    }
    let Ok(d) = dict() else {
        errors::clear();
        return null_mut();
    };
    let Ok(k) = unicodeobject::from_str(name) else {
        errors::clear();
        return null_mut();
    };
    // SAFETY: live dict and key.
    let v = unsafe { dictobject::get_item_borrowed(d, k.as_ptr()) };
    if v.is_null() {
        errors::clear();
    }
    v
}

/// `PySys_SetObject`: set `sys.<name>` (null value: delete, no error when absent).
pub fn set_object(name: &str, value: *mut PyObject) -> PyResult<()> {
    let d = dict()?;
    let k = unicodeobject::intern_str(name)?;
    unsafe {
        if value.is_null() {
            if dictobject::pop_item(d, k.as_ptr())?.is_none() {
                errors::clear();
            }
            Ok(())
        } else {
            dictobject::set_item(d, k.as_ptr(), value)
        }
    }
}

/// Drop the module at finalisation (run by the registry's finalisers).
pub unsafe fn clear_state() {
    unsafe {
        let m = core::mem::replace(&mut SYS, null_mut());
        if !m.is_null() {
            if let Ok(d) = o::moduleobject::get_dict(m) {
                // As CPython's finalisation: clear every module's dict (a
                // module's functions point back at it, a cycle), then sys's
                // own, which breaks the sys.modules['sys'] cycle.
                if let Ok(Some(mods)) = dictobject::get_item_str(d, "modules") {
                    if dictobject::is_dict(mods.as_ptr()) {
                        for (_, v) in dictobject::items_owned(mods.as_ptr()) {
                            if v.as_ptr() != m && o::moduleobject::is_module(v.as_ptr()) {
                                if let Ok(md) = o::moduleobject::get_dict(v.as_ptr()) {
                                    dictobject::clear_dict(md);
                                }
                            }
                        }
                    }
                }
                errors::clear();
                dictobject::clear_dict(d);
            }
            errors::clear();
            decref(m);
        }
        AUDIT_HOOKS.clear();
        clear_async_hooks();
        super::warnings::clear_state();
    }
}

fn str_list(items: &[String]) -> PyResult<Owned> {
    let v: PyResult<Vec<Owned>> = items.iter().map(|s| unicodeobject::from_str(s)).collect();
    listobject::from_owned(v?)
}

fn opt_str(s: Option<&str>) -> PyResult<Owned> {
    match s {
        Some(s) => unicodeobject::from_str(s),
        None => Ok(o::noneobject::none()),
    }
}

// ---------------------------------------------------------------------------
// Struct sequences

macro_rules! field {
    ($name:literal, $doc:literal) => {
        PyStructSequence_Field { name: $name.as_ptr(), doc: $doc.as_ptr() }
    };
}
const END_FIELD: PyStructSequence_Field = PyStructSequence_Field { name: core::ptr::null(), doc: core::ptr::null() };

static mut VERSION_INFO_FIELDS: [PyStructSequence_Field; 6] = [
    field!(c"major", c"Major release number"),
    field!(c"minor", c"Minor release number"),
    field!(c"micro", c"Patch release number"),
    field!(c"releaselevel", c"'alpha', 'beta', 'candidate', or 'final'"),
    field!(c"serial", c"Serial release number"),
    END_FIELD,
];
static mut VERSION_INFO_DESC: PyStructSequence_Desc = PyStructSequence_Desc {
    name: c"sys.version_info".as_ptr(),
    doc: c"sys.version_info\n\nVersion information as a named tuple.".as_ptr(),
    fields: &raw mut VERSION_INFO_FIELDS as *mut PyStructSequence_Field,
    n_in_sequence: 5,
};
static mut VERSION_INFO_TYPE: PyTypeObject = PyTypeObject::new(c"sys.version_info", 0, 0);

static mut FLAGS_FIELDS: [PyStructSequence_Field; 19] = [
    field!(c"debug", c"-d"),
    field!(c"inspect", c"-i"),
    field!(c"interactive", c"-i"),
    field!(c"optimize", c"-O or -OO"),
    field!(c"dont_write_bytecode", c"-B"),
    field!(c"no_user_site", c"-s"),
    field!(c"no_site", c"-S"),
    field!(c"ignore_environment", c"-E"),
    field!(c"verbose", c"-v"),
    field!(c"bytes_warning", c"-b"),
    field!(c"quiet", c"-q"),
    field!(c"hash_randomization", c"-R"),
    field!(c"isolated", c"-I"),
    field!(c"dev_mode", c"-X dev"),
    field!(c"utf8_mode", c"-X utf8"),
    field!(c"warn_default_encoding", c"-X warn_default_encoding"),
    field!(c"safe_path", c"-P"),
    field!(c"int_max_str_digits", c"-X int_max_str_digits"),
    END_FIELD,
];
static mut FLAGS_DESC: PyStructSequence_Desc = PyStructSequence_Desc {
    name: c"sys.flags".as_ptr(),
    doc: c"sys.flags\n\nFlags provided through command line arguments or environment vars.".as_ptr(),
    fields: &raw mut FLAGS_FIELDS as *mut PyStructSequence_Field,
    n_in_sequence: 18,
};
static mut FLAGS_TYPE: PyTypeObject = PyTypeObject::new(c"sys.flags", 0, 0);

static mut HASH_INFO_FIELDS: [PyStructSequence_Field; 10] = [
    field!(c"width", c"width of the type used for hashing, in bits"),
    field!(c"modulus", c"prime number giving the modulus on which the hash function is based"),
    field!(c"inf", c"value to be used for hash of a positive infinity"),
    field!(c"nan", c"value to be used for hash of a nan"),
    field!(c"imag", c"multiplier used for the imaginary part of a complex number"),
    field!(c"algorithm", c"name of the algorithm for hashing of str, bytes and memoryviews"),
    field!(c"hash_bits", c"internal output size of hash algorithm"),
    field!(c"seed_bits", c"seed size of hash algorithm"),
    field!(c"cutoff", c"small string optimization cutoff"),
    END_FIELD,
];
static mut HASH_INFO_DESC: PyStructSequence_Desc = PyStructSequence_Desc {
    name: c"sys.hash_info".as_ptr(),
    doc: c"hash_info\n\nA named tuple providing parameters used for computing\nhashes. The attributes are read only.".as_ptr(),
    fields: &raw mut HASH_INFO_FIELDS as *mut PyStructSequence_Field,
    n_in_sequence: 9,
};
static mut HASH_INFO_TYPE: PyTypeObject = PyTypeObject::new(c"sys.hash_info", 0, 0);

static mut THREAD_INFO_FIELDS: [PyStructSequence_Field; 4] = [
    field!(c"name", c"name of the thread implementation"),
    field!(c"lock", c"name of the lock implementation"),
    field!(c"version", c"name and version of the thread library"),
    END_FIELD,
];
static mut THREAD_INFO_DESC: PyStructSequence_Desc = PyStructSequence_Desc {
    name: c"sys.thread_info".as_ptr(),
    doc: c"sys.thread_info\n\nA named tuple holding information about the thread implementation.".as_ptr(),
    fields: &raw mut THREAD_INFO_FIELDS as *mut PyStructSequence_Field,
    n_in_sequence: 3,
};
static mut THREAD_INFO_TYPE: PyTypeObject = PyTypeObject::new(c"sys.thread_info", 0, 0);

static mut UNRAISABLE_FIELDS: [PyStructSequence_Field; 6] = [
    field!(c"exc_type", c"Exception type"),
    field!(c"exc_value", c"Exception value"),
    field!(c"exc_traceback", c"Exception traceback"),
    field!(c"err_msg", c"Error message"),
    field!(c"object", c"Object causing the exception"),
    END_FIELD,
];
static mut UNRAISABLE_DESC: PyStructSequence_Desc = PyStructSequence_Desc {
    name: c"UnraisableHookArgs".as_ptr(),
    doc: c"UnraisableHookArgs\n\nType used to pass arguments to sys.unraisablehook.".as_ptr(),
    fields: &raw mut UNRAISABLE_FIELDS as *mut PyStructSequence_Field,
    n_in_sequence: 5,
};
static mut UNRAISABLE_TYPE: PyTypeObject = PyTypeObject::new(c"UnraisableHookArgs", 0, 0);

static mut ASYNCGEN_HOOKS_FIELDS: [PyStructSequence_Field; 3] = [
    field!(c"firstiter", c"Hook to intercept first iteration"),
    field!(c"finalizer", c"Hook to intercept finalization"),
    END_FIELD,
];
static mut ASYNCGEN_HOOKS_DESC: PyStructSequence_Desc = PyStructSequence_Desc {
    name: c"asyncgen_hooks".as_ptr(),
    doc: c"asyncgen_hooks\n\nA named tuple providing information about asynchronous\ngenerators hooks.  The attributes are read only.".as_ptr(),
    fields: &raw mut ASYNCGEN_HOOKS_FIELDS as *mut PyStructSequence_Field,
    n_in_sequence: 2,
};
static mut ASYNCGEN_HOOKS_TYPE: PyTypeObject = PyTypeObject::new(c"asyncgen_hooks", 0, 0);

/// Ready a struct-sequence type on first use; `instantiable: false` makes
/// it refuse `type(x)(...)` as CPython's `sys.flags` and friends do.
unsafe fn ready_structseq(tp: *mut PyTypeObject, desc: *const PyStructSequence_Desc, instantiable: bool) -> PyResult<()> {
    unsafe {
        if (*tp).tp_flags & Py_TPFLAGS_READY == 0 {
            ss::init_type(tp, desc)?;
            if !instantiable {
                (*tp).tp_new = None;
                (*tp).tp_flags |= Py_TPFLAGS_DISALLOW_INSTANTIATION;
                let d = (*tp).tp_dict;
                if !d.is_null() && dictobject::pop_item(d, unicodeobject::intern_str("__new__")?.as_ptr())?.is_none() {
                    errors::clear();
                }
            }
        }
        Ok(())
    }
}

/// A new instance of a struct-sequence type holding `values`.
unsafe fn structseq(tp: *mut PyTypeObject, desc: *const PyStructSequence_Desc, instantiable: bool, values: Vec<Owned>) -> PyResult<Owned> {
    unsafe {
        ready_structseq(tp, desc, instantiable)?;
        let r = ss::new(tp)?;
        for (i, v) in values.into_iter().enumerate() {
            *ss::item_slot(r.as_ptr(), i as Py_ssize_t)? = v.into_raw();
        }
        Ok(r)
    }
}

fn int(v: i64) -> PyResult<Owned> {
    longobject::from_i64(v)
}

/// (major, minor, micro, releaselevel, serial) of `PY_VERSION_HEX`.
fn version_parts() -> (i64, i64, i64, &'static str, i64) {
    let h = PY_VERSION_HEX as i64;
    let level = match (h >> 4) & 0xf {
        0xa => "alpha",
        0xb => "beta",
        0xc => "candidate",
        _ => "final",
    };
    ((h >> 24) & 0xff, (h >> 16) & 0xff, (h >> 8) & 0xff, level, h & 0xf)
}

/// A new `sys.version_info`.
pub fn version_info() -> PyResult<Owned> {
    let (a, b, c, l, s) = version_parts();
    unsafe {
        structseq(
            &raw mut VERSION_INFO_TYPE,
            &raw const VERSION_INFO_DESC,
            false,
            vec![int(a)?, int(b)?, int(c)?, unicodeobject::from_str(l)?, int(s)?],
        )
    }
}

/// A new `sys.flags` from the configured flags.
pub fn flags_object() -> PyResult<Owned> {
    let f = config().flags.clone();
    let i = |v: i32| int(v as i64);
    let b = |v: bool| Ok::<Owned, Raised>(o::boolobject::owned_bool(v));
    unsafe {
        structseq(
            &raw mut FLAGS_TYPE,
            &raw const FLAGS_DESC,
            false,
            vec![
                i(f.debug)?,
                i(f.inspect)?,
                i(f.interactive)?,
                i(f.optimize)?,
                i(f.dont_write_bytecode)?,
                i(f.no_user_site)?,
                i(f.no_site)?,
                i(f.ignore_environment)?,
                i(f.verbose)?,
                i(f.bytes_warning)?,
                i(f.quiet)?,
                i(f.hash_randomization)?,
                i(f.isolated)?,
                b(f.dev_mode)?,
                i(f.utf8_mode)?,
                i(f.warn_default_encoding)?,
                b(f.safe_path)?,
                i(f.int_max_str_digits)?,
            ],
        )
    }
}

/// A new `sys.hash_info` (SipHash-1-3, CPython's numeric hash constants).
pub fn hash_info() -> PyResult<Owned> {
    let bits = (8 * core::mem::size_of::<Py_hash_t>()) as i64;
    unsafe {
        structseq(
            &raw mut HASH_INFO_TYPE,
            &raw const HASH_INFO_DESC,
            false,
            vec![
                int(bits)?,
                longobject::from_u64((1u64 << 61) - 1)?,
                int(314159)?,
                int(0)?,
                int(crate::runtime::pyhash::PYHASH_IMAG as i64)?,
                unicodeobject::from_str("siphash13")?,
                int(64)?,
                int(128)?,
                int(0)?,
            ],
        )
    }
}

/// The C library's thread implementation name and version (glibc: "NPTL x.y").
fn libpthread_version() -> Option<String> {
    #[cfg(target_env = "gnu")]
    {
        let mut buf = [0u8; 128];
        // SAFETY: confstr writes at most `buf.len()` bytes, NUL-terminated.
        let n = unsafe { libc::confstr(libc::_CS_GNU_LIBPTHREAD_VERSION, buf.as_mut_ptr() as *mut libc::c_char, buf.len()) };
        if n > 1 && n <= buf.len() {
            return Some(String::from_utf8_lossy(&buf[..n - 1]).into_owned());
        }
    }
    None
}

/// A new `sys.thread_info`.
pub fn thread_info() -> PyResult<Owned> {
    unsafe {
        structseq(
            &raw mut THREAD_INFO_TYPE,
            &raw const THREAD_INFO_DESC,
            false,
            vec![unicodeobject::from_str("pthread")?, unicodeobject::from_str("semaphore")?, opt_str(libpthread_version().as_deref())?],
        )
    }
}

/// The `UnraisableHookArgs` type (readied).
pub fn unraisable_hook_args_type() -> PyResult<*mut PyTypeObject> {
    unsafe {
        ready_structseq(&raw mut UNRAISABLE_TYPE, &raw const UNRAISABLE_DESC, true)?;
        Ok(&raw mut UNRAISABLE_TYPE)
    }
}

// ---------------------------------------------------------------------------
// Building the module

/// `sys.implementation`.
fn implementation() -> PyResult<Owned> {
    let d = dictobject::new_dict()?;
    unsafe {
        dictobject::set_item_str(d.as_ptr(), "name", unicodeobject::from_str("pyrite")?.as_ptr())?;
        dictobject::set_item_str(d.as_ptr(), "cache_tag", unicodeobject::from_str("pyrite-311")?.as_ptr())?;
        dictobject::set_item_str(d.as_ptr(), "version", version_info()?.as_ptr())?;
        dictobject::set_item_str(d.as_ptr(), "hexversion", int(PY_VERSION_HEX as i64)?.as_ptr())?;
        dictobject::set_item_str(d.as_ptr(), "_multiarch", unicodeobject::from_str(multiarch())?.as_ptr())?;
    }
    o::namespaceobject::new_namespace(d.as_ptr())
}

/// The Debian-style multiarch triple (`sys.implementation._multiarch`).
fn multiarch() -> &'static str {
    if cfg!(target_arch = "x86_64") {
        "x86_64-linux-gnu"
    } else if cfg!(target_arch = "aarch64") {
        "aarch64-linux-gnu"
    } else {
        "unknown-linux-gnu"
    }
}

/// `sys.version`: `Py_GetVersion()`.
fn version_string() -> String {
    // SAFETY: Py_GetVersion returns a static NUL-terminated string.
    unsafe { std::ffi::CStr::from_ptr(crate::capi::pylifecycle::Py_GetVersion()).to_string_lossy().into_owned() }
}

/// `sys.copyright` and `Py_GetCopyright()`.
pub const COPYRIGHT_C: &std::ffi::CStr = c"Copyright (c) 2026 The pyrite authors.\nAll Rights Reserved.\n\npyrite implements the Python language as CPython 3.11 defines it;\nPython is Copyright (c) 2001-2023 Python Software Foundation.";
const COPYRIGHT: &str = match COPYRIGHT_C.to_str() {
    Ok(s) => s,
    Err(_) => panic!("copyright text is UTF-8"),
};

unsafe fn set_path_attrs(d: *mut PyObject) -> PyResult<()> {
    unsafe {
        let p = config().paths.clone();
        let exe = p.executable.clone().or_else(|| std::env::current_exe().ok().map(|e| e.to_string_lossy().into_owned()));
        let default_prefix = exe.as_deref().and_then(|e| {
            let path = std::path::Path::new(e);
            path.parent().and_then(|b| b.parent()).map(|x| x.to_string_lossy().into_owned())
        });
        let prefix = p.prefix.clone().or(default_prefix);
        let items: [(&str, Option<String>); 7] = [
            ("executable", exe.clone()),
            ("_base_executable", p.base_executable.clone().or(exe)),
            ("prefix", prefix.clone()),
            ("base_prefix", p.base_prefix.clone().or(prefix.clone())),
            ("exec_prefix", p.exec_prefix.clone().or(prefix.clone())),
            ("base_exec_prefix", p.base_exec_prefix.clone().or(p.exec_prefix.clone()).or(prefix)),
            ("_stdlib_dir", p.stdlib_dir.clone()),
        ];
        for (k, v) in items {
            dictobject::set_item_str(d, k, opt_str(v.as_deref())?.as_ptr())?;
        }
        Ok(())
    }
}

fn build() -> PyResult<Owned> {
    unsafe {
        let name = unicodeobject::from_str("sys")?;
        let m = o::moduleobject::new_module(name.as_ptr())?;
        o::moduleobject::set_doc(m.as_ptr(), SYS_DOC.as_ptr())?;
        o::moduleobject::add_functions(m.as_ptr(), name.as_ptr(), &raw mut SYS_METHODS as *mut PyMethodDef)?;
        let d = o::moduleobject::get_dict(m.as_ptr())?;
        let set = |k: &str, v: PyResult<Owned>| -> PyResult<()> { dictobject::set_item_str(d, k, v?.as_ptr()) };
        let modules = dictobject::new_dict()?;
        dictobject::set_item_str(modules.as_ptr(), "sys", m.as_ptr())?;
        // `_warnings` is loaded at start-up in CPython too.
        let w = Owned::from_raw(super::warnings::init_module())?;
        dictobject::set_item_str(modules.as_ptr(), "_warnings", w.as_ptr())?;
        set("modules", Ok(modules))?;
        let c = config();
        set("argv", str_list(&c.argv))?;
        set("orig_argv", str_list(&c.orig_argv))?;
        set("path", listobject::new_list(0))?;
        set("meta_path", listobject::new_list(0))?;
        set("path_hooks", listobject::new_list(0))?;
        set("path_importer_cache", dictobject::new_dict())?;
        set("version", unicodeobject::from_str(&version_string()))?;
        set("version_info", version_info())?;
        set("hexversion", int(PY_VERSION_HEX as i64))?;
        set("api_version", int(PYTHON_API_VERSION))?;
        set("implementation", implementation())?;
        set("platform", unicodeobject::from_str("linux"))?;
        set("byteorder", unicodeobject::from_str(if cfg!(target_endian = "little") { "little" } else { "big" }))?;
        set("maxsize", longobject::from_isize(isize::MAX))?;
        set("maxunicode", int(0x10FFFF))?;
        set("float_info", ss::float_info())?;
        set("int_info", ss::int_info())?;
        set("hash_info", hash_info())?;
        set("thread_info", thread_info())?;
        set("flags", flags_object())?;
        set("float_repr_style", unicodeobject::from_str("short"))?;
        set("abiflags", unicodeobject::from_str(""))?;
        set_path_attrs(d)?;
        set("platlibdir", unicodeobject::from_str("lib"))?;
        set("copyright", unicodeobject::from_str(COPYRIGHT))?;
        set("dont_write_bytecode", Ok(o::boolobject::owned_bool(c.flags.dont_write_bytecode != 0)))?;
        set("pycache_prefix", Ok(o::noneobject::none()))?;
        set("warnoptions", listobject::new_list(0))?;
        set("_xoptions", dictobject::new_dict())?;
        let names: PyResult<Vec<Owned>> = super::BUILTIN_MODULES
            .iter()
            .map(|(n, _)| *n)
            .chain(["builtins", "sys"])
            .collect::<std::collections::BTreeSet<&str>>()
            .into_iter()
            .map(unicodeobject::from_str)
            .collect();
        set("builtin_module_names", tupleobject::from_owned(names?))?;
        let stdlib = o::setobject::new_set(&raw mut o::setobject::PyFrozenSet_Type, null_mut())?;
        for n in STDLIB_MODULE_NAMES {
            o::setobject::add_key(stdlib.as_ptr(), unicodeobject::from_str(n)?.as_ptr())?;
        }
        set("stdlib_module_names", Ok(stdlib))?;
        // The original hooks, saved as CPython does.
        for (orig, name) in [
            ("__displayhook__", "displayhook"),
            ("__excepthook__", "excepthook"),
            ("__unraisablehook__", "unraisablehook"),
        ] {
            let f = dictobject::get_item_str(d, name)?.ok_or_else(|| errors::system_error("sys hook missing"))?;
            dictobject::set_item_str(d, orig, f.as_ptr())?;
        }
        Ok(m)
    }
}

const SYS_DOC: &std::ffi::CStr = c"This module provides access to some objects used or maintained by the\ninterpreter and to functions that interact strongly with the interpreter.\n\nDynamic objects:\n\nargv -- command line arguments; argv[0] is the script pathname if known\npath -- module search path; path[0] is the script directory, else ''\nmodules -- dictionary of loaded modules\n\ndisplayhook -- called to show results in an interactive session\nexcepthook -- called to handle any uncaught exception other than SystemExit\n  To customize printing in an interactive session or to install a custom\n  top-level exception handler, assign other functions to replace these.\n\nstdin -- standard input file object; used by input()\nstdout -- standard output file object; used by print()\nstderr -- standard error object; used for error messages\n  By assigning other file objects (or objects that behave like files)\n  to these, it is possible to redirect all of the interpreter's I/O.\n\nlast_type -- type of last uncaught exception\nlast_value -- value of last uncaught exception\nlast_traceback -- traceback of last uncaught exception\n  These three are only available in an interactive session after a\n  traceback has been printed.\n\nStatic objects:\n\nbuiltin_module_names -- tuple of module names built into this interpreter\ncopyright -- copyright notice pertaining to this interpreter\nexec_prefix -- prefix used to find the machine-specific Python library\nexecutable -- absolute path of the executable binary of the Python interpreter\nfloat_info -- a named tuple with information about the float implementation.\nfloat_repr_style -- string indicating the style of repr() output for floats\nhash_info -- a named tuple with information about the hash algorithm.\nhexversion -- version information encoded as a single integer\nimplementation -- Python implementation information.\nint_info -- a named tuple with information about the int implementation.\nmaxsize -- the largest supported length of containers.\nmaxunicode -- the value of the largest Unicode code point\nplatform -- platform identifier\nprefix -- prefix used to find the Python library\nthread_info -- a named tuple with information about the thread implementation.\nversion -- the version of this interpreter as a string\nversion_info -- version information as a named tuple\n\nFunctions:\n\ndisplayhook() -- print an object to the screen, and save it in builtins._\nexcepthook() -- print an exception and its traceback to sys.stderr\nexit() -- exit the interpreter by raising SystemExit\ngetdlopenflags() -- returns flags to be used for dlopen() calls\ngetprofile() -- get the global profiling function\ngetrefcount() -- return the reference count for an object (plus one :-)\ngetrecursionlimit() -- return the max recursion depth for the interpreter\ngetsizeof() -- return the size of an object in bytes\ngettrace() -- get the global debug tracing function\nsetdlopenflags() -- set the flags to be used for dlopen() calls\nsetprofile() -- set the global profiling function\nsetrecursionlimit() -- set the max recursion depth for the interpreter\nsettrace() -- set the global debug tracing function\n";

// ---------------------------------------------------------------------------
// Argument helpers

/// Keyword-capable argument parsing with Argument Clinic's messages:
/// `names` in order, the first `required` of them required.
pub(crate) unsafe fn parse_args(fname: &str, args: *mut PyObject, kw: *mut PyObject, names: &[&str], required: usize) -> PyResult<Vec<*mut PyObject>> {
    unsafe {
        let pos = if args.is_null() { &[][..] } else { tupleobject::as_slice(args) };
        if pos.len() > names.len() {
            let s = if names.len() == 1 { "" } else { "s" };
            return Err(errors::type_error(format!("{}() takes at most {} argument{} ({} given)", fname, names.len(), s, pos.len())));
        }
        let mut out = vec![null_mut(); names.len()];
        out[..pos.len()].copy_from_slice(pos);
        if !kw.is_null() {
            for (k, v) in dictobject::items_borrowed(kw) {
                if !unicodeobject::is_str(k) {
                    return Err(errors::type_error("keywords must be strings"));
                }
                let ks = unicodeobject::to_string_lossy(k);
                match names.iter().position(|n| *n == ks) {
                    Some(i) if i < pos.len() => {
                        return Err(errors::type_error(format!(
                            "argument for {}() given by name ('{}') and position ({})",
                            fname,
                            ks,
                            i + 1
                        )));
                    }
                    Some(i) => out[i] = v,
                    None => {
                        return Err(errors::type_error(format!("'{}' is an invalid keyword argument for {}()", ks, fname)));
                    }
                }
            }
        }
        for (i, v) in out.iter().enumerate().take(required) {
            if v.is_null() {
                return Err(errors::type_error(format!("{}() missing required argument '{}' (pos {})", fname, names[i], i + 1)));
            }
        }
        Ok(out)
    }
}

/// An int argument converted to a C int (`_PyLong_AsInt` with its messages).
unsafe fn c_int_arg(v: *mut PyObject) -> PyResult<i32> {
    unsafe {
        if o::floatobject::is_float(v) || !longobject::is_index(v) {
            return Err(errors::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                o::typeobject::type_name_str((*v).ob_type)
            )));
        }
        let i = o::abstract_number::index(v)?;
        match longobject::as_i64(i.as_ptr()) {
            Some(x) if x >= i32::MIN as i64 && x <= i32::MAX as i64 => Ok(x as i32),
            _ => Err(errors::overflow_error("Python int too large to convert to C int")),
        }
    }
}

fn type_name(op: *mut PyObject) -> String {
    // SAFETY: a live object.
    unsafe { o::typeobject::type_name_str((*op).ob_type) }
}

// ---------------------------------------------------------------------------
// Output to sys.stdout / sys.stderr

/// Write `text` to `sys.<stream>`: through its `write` method when it is
/// set, to the C stream when it is missing or None or fails (CPython's
/// `PySys_WriteStderr` fallback). Errors while writing are discarded, and a
/// pending exception is kept.
pub fn write_str(stream: &str, text: &str) {
    write_bytes(stream, text.as_bytes())
}

unsafe extern "C" {
    #[link_name = "stdout"]
    static mut c_stdout: *mut libc::FILE;
    #[link_name = "stderr"]
    static mut c_stderr: *mut libc::FILE;
}

/// Write to the C library's stdout/stderr, through stdio so the output
/// interleaves with the embedding program's printf (stderr is flushed).
pub fn write_c(to_stdout: bool, bytes: &[u8]) {
    // SAFETY: the C library's standard streams.
    unsafe {
        let fp = if to_stdout { c_stdout } else { c_stderr };
        libc::fwrite(bytes.as_ptr() as *const c_void, 1, bytes.len(), fp);
        if !to_stdout {
            libc::fflush(fp);
        }
    }
}

/// `write_str` for UTF-8 bytes (bad UTF-8 goes to the C stream as is).
pub fn write_bytes(stream: &str, bytes: &[u8]) {
    let saved = errors::fetch();
    let f = get_object(stream);
    let ok = unsafe {
        if f.is_null() || f == o::noneobject::none_ptr() {
            false
        } else {
            match std::str::from_utf8(bytes).ok().map(unicodeobject::from_str) {
                Some(Ok(s)) => abstract_::call_method(f, "write", &[s.as_ptr()]).is_ok(),
                _ => false,
            }
        }
    };
    if !ok {
        errors::clear();
        write_c(stream == "stdout", bytes);
    }
    // SAFETY: re-installing what was fetched above.
    unsafe { errors::restore(saved.0, saved.1, saved.2) };
}

/// `PyFile_WriteObject`-style: `file.write(obj)` (str of obj when `raw`).
unsafe fn file_write(file: *mut PyObject, obj: *mut PyObject, raw: bool) -> PyResult<()> {
    unsafe {
        let s = if raw { abstract_::str(obj)? } else { abstract_::repr(obj)? };
        abstract_::call_method(file, "write", &[s.as_ptr()])?;
        Ok(())
    }
}

unsafe fn file_write_str(file: *mut PyObject, text: &str) -> PyResult<()> {
    unsafe {
        let s = unicodeobject::from_str(text)?;
        abstract_::call_method(file, "write", &[s.as_ptr()])?;
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Audit hooks

/// A C audit hook (`Py_AuditHookFunction`).
pub type AuditHookFn = unsafe extern "C" fn(*const libc::c_char, *mut PyObject, *mut c_void) -> c_int;

static mut AUDIT_HOOKS: Vec<(AuditHookFn, usize)> = Vec::new();

/// `PySys_AddAuditHook`: 0, or -1 when an existing hook refuses
/// ("sys.addaudithook" audited first, RuntimeError swallowed as CPython does).
pub fn add_c_audit_hook(f: AuditHookFn, user_data: *mut c_void) -> PyResult<()> {
    if audit("sys.addaudithook", &[]).is_err() {
        if errors::exception_matches(unsafe { o::exceptions::PyExc_RuntimeError }) {
            errors::clear();
            return Ok(());
        }
        return Err(raised());
    }
    unsafe { AUDIT_HOOKS.push((f, user_data as usize)) };
    Ok(())
}

fn python_audit_hooks() -> Option<*mut PyObject> {
    if !exists() {
        return None;
    }
    let v = get_object("__audit_hooks__");
    (!v.is_null()).then_some(v)
}

/// Is any audit hook installed? (`sys.audit` does nothing otherwise.)
pub fn audit_active() -> bool {
    let c_hooks = unsafe { !AUDIT_HOOKS.is_empty() };
    c_hooks || python_audit_hooks().is_some_and(|l| unsafe { listobject::is_list(l) && Py_SIZE(l) > 0 })
}

/// Raise audit event `event` with `args` (a tuple is built from them).
pub fn audit(event: &str, args: &[*mut PyObject]) -> PyResult<()> {
    if !audit_active() {
        return Ok(());
    }
    let t = tupleobject::pack(args)?;
    audit_tuple(event, t.as_ptr())
}

/// Raise audit event `event` with the argument tuple `args`.
pub fn audit_tuple(event: &str, args: *mut PyObject) -> PyResult<()> {
    let hooks: Vec<(AuditHookFn, usize)> = unsafe { AUDIT_HOOKS.clone() };
    let cev = std::ffi::CString::new(event).map_err(|_| errors::value_error("embedded null character"))?;
    for (f, data) in hooks {
        // SAFETY: a hook registered through the C API, called as documented.
        if unsafe { f(cev.as_ptr(), args, data as *mut c_void) } < 0 {
            return Err(raised());
        }
    }
    if let Some(list) = python_audit_hooks() {
        let ev = unicodeobject::from_str(event)?;
        let hooks: Vec<Owned> = unsafe { listobject::sequence_fast(list, "")? };
        for h in hooks {
            unsafe { abstract_::call_function(h.as_ptr(), &[ev.as_ptr(), args])? };
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Unraisable exceptions and excepthook

/// "module.QualName" of an exception type, as the default hooks print it.
unsafe fn exc_type_display(t: *mut PyObject) -> PyResult<String> {
    unsafe {
        if !o::typeobject::is_type(t) {
            return Ok(abstract_::str_string(t));
        }
        let tp = t as *mut PyTypeObject;
        let qual = o::typeobject::qualname(tp);
        let module = match abstract_::lookup_attr(t, unicodeobject::intern_str("__module__")?.as_ptr())? {
            Some(m) if unicodeobject::is_str(m.as_ptr()) => Some(unicodeobject::to_string_lossy(m.as_ptr())),
            _ => None,
        };
        Ok(match module.as_deref() {
            None => format!("<unknown>.{}", qual),
            Some("builtins") | Some("__main__") => qual,
            Some(m) => format!("{}.{}", m, qual),
        })
    }
}

/// The default `sys.unraisablehook` output on `file`.
unsafe fn write_unraisable_to(file: *mut PyObject, exc_type: *mut PyObject, value: *mut PyObject, tb: *mut PyObject, err_msg: *mut PyObject, obj: *mut PyObject) -> PyResult<()> {
    unsafe {
        let none = o::noneobject::none_ptr();
        let present = |p: *mut PyObject| !p.is_null() && p != none;
        if present(obj) {
            if present(err_msg) {
                file_write(file, err_msg, true)?;
                file_write_str(file, ": ")?;
            } else {
                file_write_str(file, "Exception ignored in: ")?;
            }
            if file_write(file, obj, false).is_err() {
                errors::clear();
                file_write_str(file, "<object repr() failed>")?;
            }
            file_write_str(file, "\n")?;
        } else if present(err_msg) {
            file_write(file, err_msg, true)?;
            file_write_str(file, ":\n")?;
        }
        if present(tb) {
            if let Some(f) = HOOKS.print_traceback {
                f(tb, file)?;
            }
        }
        if !present(exc_type) {
            return Ok(());
        }
        file_write_str(file, &exc_type_display(exc_type)?)?;
        if present(value) {
            file_write_str(file, ": ")?;
            if file_write(file, value, true).is_err() {
                errors::clear();
                file_write_str(file, "<exception str() failed>")?;
            }
        }
        file_write_str(file, "\n")?;
        let _ = abstract_::call_method(file, "flush", &[]).map_err(|_| errors::clear());
        Ok(())
    }
}

/// A Rust stand-in for a file object when `sys.stderr` is missing: what is
/// written goes to the process's stderr.
unsafe fn write_unraisable_plain(exc_type: *mut PyObject, value: *mut PyObject, err_msg: *mut PyObject, obj: *mut PyObject) {
    unsafe {
        let none = o::noneobject::none_ptr();
        let present = |p: *mut PyObject| !p.is_null() && p != none;
        let mut s = String::new();
        if present(obj) {
            if present(err_msg) {
                s += &abstract_::str_string(err_msg);
                s += ": ";
            } else {
                s += "Exception ignored in: ";
            }
            s += &abstract_::repr_string(obj);
            s += "\n";
        } else if present(err_msg) {
            s += &abstract_::str_string(err_msg);
            s += ":\n";
        }
        if present(exc_type) {
            s += &exc_type_display(exc_type).unwrap_or_else(|_| String::from("<unknown>"));
            if present(value) {
                s += ": ";
                s += &abstract_::str_string(value);
            }
            s += "\n";
        }
        errors::clear();
        write_c(false, s.as_bytes());
    }
}

unsafe fn default_unraisable(exc_type: *mut PyObject, value: *mut PyObject, tb: *mut PyObject, err_msg: *mut PyObject, obj: *mut PyObject) -> PyResult<()> {
    unsafe {
        let f = get_object("stderr");
        if f.is_null() || f == o::noneobject::none_ptr() {
            write_unraisable_plain(exc_type, value, err_msg, obj);
            return Ok(());
        }
        write_unraisable_to(f, exc_type, value, tb, err_msg, obj)
    }
}

/// `_PyErr_WriteUnraisableMsg`: report the pending exception through
/// `sys.unraisablehook` (with `err_msg`, the message is "Exception ignored
/// <err_msg>" instead of "Exception ignored in"), then
/// clear it. Never raises.
pub fn write_unraisable_msg(err_msg: Option<&str>, obj: *mut PyObject) {
    let Some(exc) = errors::fetch_instance() else {
        // Nothing pending: the default hook prints the header only, as CPython.
        let none = o::noneobject::none_ptr();
        let msg = err_msg.and_then(|m| unicodeobject::from_str(&format!("Exception ignored {}", m)).ok());
        unsafe {
            let _ = default_unraisable(none, none, none, msg.as_ref().map_or(none, |m| m.as_ptr()), if obj.is_null() { none } else { obj });
        }
        errors::clear();
        return;
    };
    unsafe {
        let none = o::noneobject::none_ptr();
        let t = (*exc.as_ptr()).ob_type as *mut PyObject;
        let tb = o::exceptions::get_traceback_raw(exc.as_ptr());
        let tb = if tb.is_null() { none } else { tb };
        let msg = match err_msg {
            Some(m) => unicodeobject::from_str(&format!("Exception ignored {}", m)).ok(),
            None => None,
        };
        errors::clear();
        let msg_p = msg.as_ref().map_or(none, |m| m.as_ptr());
        let obj_p = if obj.is_null() { none } else { obj };
        let hook = if exists() { get_object("unraisablehook") } else { null_mut() };
        let r = (|| -> PyResult<()> {
            if hook.is_null() || hook == none {
                return default_unraisable(t, exc.as_ptr(), tb, msg_p, obj_p);
            }
            let args = unraisable_args(t, exc.as_ptr(), tb, msg_p, obj_p)?;
            abstract_::call_function(hook, &[args.as_ptr()])?;
            Ok(())
        })();
        if r.is_err() {
            // The hook itself failed: report that failure with the default hook.
            if let Some(e2) = errors::fetch_instance() {
                let t2 = (*e2.as_ptr()).ob_type as *mut PyObject;
                let tb2 = o::exceptions::get_traceback_raw(e2.as_ptr());
                let m2 = unicodeobject::from_str("Exception ignored in sys.unraisablehook").ok();
                let _ = default_unraisable(
                    t2,
                    e2.as_ptr(),
                    if tb2.is_null() { none } else { tb2 },
                    m2.as_ref().map_or(none, |m| m.as_ptr()),
                    if hook.is_null() { none } else { hook },
                );
            }
            errors::clear();
        }
    }
}

unsafe fn unraisable_args(t: *mut PyObject, v: *mut PyObject, tb: *mut PyObject, msg: *mut PyObject, obj: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        let vals = [t, v, tb, msg, obj].iter().map(|p| Owned::from_borrowed(*p)).collect();
        structseq(&raw mut UNRAISABLE_TYPE, &raw const UNRAISABLE_DESC, true, vals)
    }
}

/// The plain `sys.excepthook` output when the evaluator's printer is not
/// wired: the last line of a traceback ("Type: message").
unsafe fn plain_print_exception(t: *mut PyObject, v: *mut PyObject, _tb: *mut PyObject) -> PyResult<()> {
    unsafe {
        let none = o::noneobject::none_ptr();
        let mut s = exc_type_display(t)?;
        if !v.is_null() && v != none {
            let m = abstract_::str(v)?;
            if unicodeobject::len(m.as_ptr()) > 0 {
                s += ": ";
                s += &unicodeobject::to_string_lossy(m.as_ptr());
            }
        }
        s += "\n";
        write_str("stderr", &s);
        Ok(())
    }
}

/// Print an exception as `sys.excepthook` does by default.
pub fn print_exception(t: *mut PyObject, v: *mut PyObject, tb: *mut PyObject) -> PyResult<()> {
    unsafe {
        match HOOKS.print_exception {
            Some(f) => f(t, v, tb),
            None => plain_print_exception(t, v, tb),
        }
    }
}

// ---------------------------------------------------------------------------
// Settings with their own storage

/// The switch interval in microseconds (`sys.setswitchinterval`), read by the GIL.
static SWITCH_INTERVAL_US: AtomicU64 = AtomicU64::new(5000);
/// `sys.setdlopenflags` value, read by the extension loader (RTLD_NOW default).
static DLOPEN_FLAGS: AtomicI32 = AtomicI32::new(libc::RTLD_NOW);

pub fn switch_interval_us() -> u64 {
    SWITCH_INTERVAL_US.load(Ordering::Relaxed)
}

pub fn dlopen_flags() -> i32 {
    DLOPEN_FLAGS.load(Ordering::Relaxed)
}

/// The async-generator hooks (`sys.set_asyncgen_hooks`) and the coroutine
/// origin tracking depth, read by the evaluator. CPython keeps them per
/// thread; they move into the thread state when threads come.
static mut ASYNCGEN_FIRSTITER: *mut PyObject = null_mut();
static mut ASYNCGEN_FINALIZER: *mut PyObject = null_mut();
static COROUTINE_ORIGIN_DEPTH: AtomicI32 = AtomicI32::new(0);

/// (firstiter, finalizer) as set by `sys.set_asyncgen_hooks` (new references).
pub fn asyncgen_hooks() -> (Option<Owned>, Option<Owned>) {
    // SAFETY: read under the GIL; the statics hold strong references.
    unsafe {
        let get = |p: *mut PyObject| if p.is_null() { None } else { Some(Owned::from_borrowed(p)) };
        (get(ASYNCGEN_FIRSTITER), get(ASYNCGEN_FINALIZER))
    }
}

/// `sys.get_coroutine_origin_tracking_depth()`.
pub fn coroutine_origin_tracking_depth() -> i32 {
    COROUTINE_ORIGIN_DEPTH.load(Ordering::Relaxed)
}

unsafe fn clear_async_hooks() {
    unsafe {
        clear(&raw mut ASYNCGEN_FIRSTITER);
        clear(&raw mut ASYNCGEN_FINALIZER);
    }
    COROUTINE_ORIGIN_DEPTH.store(0, Ordering::Relaxed);
}

// ---------------------------------------------------------------------------
// The functions

type Args = *mut PyObject;

unsafe extern "C" fn sys_exit(_m: Args, args: Args) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = tupleobject::as_slice(args);
        if a.len() > 1 {
            return Err(errors::type_error(format!("exit expected at most 1 argument, got {}", a.len())));
        }
        Err(errors::set_object(o::exceptions::PyExc_SystemExit, a.first().copied().unwrap_or(null_mut())))
    })
}

unsafe extern "C" fn sys_getdefaultencoding(_m: Args, _a: Args) -> *mut PyObject {
    guard_obj(|| unicodeobject::from_str("utf-8"))
}

unsafe extern "C" fn sys_getfilesystemencoding(_m: Args, _a: Args) -> *mut PyObject {
    guard_obj(|| unicodeobject::from_str("utf-8"))
}

unsafe extern "C" fn sys_getfilesystemencodeerrors(_m: Args, _a: Args) -> *mut PyObject {
    guard_obj(|| unicodeobject::from_str("surrogateescape"))
}

unsafe extern "C" fn sys_getrefcount(_m: Args, o_: Args) -> *mut PyObject {
    guard_obj(|| unsafe { longobject::from_isize((*o_).ob_refcnt) })
}

/// `sys.getsizeof(object, default)`: `__sizeof__()` plus the GC header.
pub unsafe fn getsizeof(obj: *mut PyObject) -> PyResult<isize> {
    unsafe {
        let Some(m) = abstract_::lookup_special(obj, "__sizeof__")? else {
            if errors::occurred().is_null() {
                return Err(errors::type_error(format!("Type {} doesn't define __sizeof__", type_name(obj))));
            }
            return Err(raised());
        };
        let r = abstract_::call_function(m.as_ptr(), &[])?;
        if !longobject::is_long(r.as_ptr()) {
            return Err(errors::type_error("an integer is required"));
        }
        let n = longobject::as_ssize_index(r.as_ptr(), None)?;
        if n < 0 {
            return Err(errors::value_error("__sizeof__() should return >= 0"));
        }
        let tp = (*obj).ob_type;
        let mut pre = 0isize;
        // 3.11 adds the type's pre-header (`_PyType_PreHeaderSize`): the GC
        // head of any GC type, even for objects `tp_is_gc` says are not
        // tracked (static types), and the managed-dict pointers.
        if (*tp).tp_flags & Py_TPFLAGS_HAVE_GC != 0 {
            pre += core::mem::size_of::<PyGC_Head>() as isize;
        }
        if (*tp).tp_flags & Py_TPFLAGS_MANAGED_DICT != 0 {
            pre += 2 * core::mem::size_of::<*mut PyObject>() as isize;
        }
        Ok(n + pre)
    }
}

unsafe extern "C" fn sys_getsizeof(_m: Args, args: Args, kw: Args) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = parse_args("getsizeof", args, kw, &["object", "default"], 1)?;
        match getsizeof(a[0]) {
            Ok(n) => longobject::from_isize(n),
            Err(e) => {
                if !a[1].is_null() && errors::exception_matches(o::exceptions::PyExc_TypeError) {
                    errors::clear();
                    return Ok(Owned::from_borrowed(a[1]));
                }
                Err(e)
            }
        }
    })
}

unsafe extern "C" fn sys_intern(_m: Args, s: Args) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !unicodeobject::is_str_exact(s) {
            return Err(errors::type_error(format!("intern() argument must be str, not {}", type_name(s))));
        }
        let mut p = Owned::from_borrowed(s).into_raw();
        unicodeobject::intern_in_place(&mut p)?;
        Owned::from_raw(p)
    })
}

unsafe extern "C" fn sys_is_finalizing(_m: Args, _a: Args) -> *mut PyObject {
    guard_obj(|| Ok(o::boolobject::owned_bool(!crate::runtime::pylifecycle::is_initialized())))
}

unsafe extern "C" fn sys_getrecursionlimit(_m: Args, _a: Args) -> *mut PyObject {
    guard_obj(|| int(crate::runtime::pystate::recursion_limit() as i64))
}

/// `sys.setrecursionlimit` with CPython's checks.
pub fn set_recursion_limit(limit: i32) -> PyResult<()> {
    if limit < 1 {
        return Err(errors::value_error("recursion limit must be greater or equal than 1"));
    }
    // SAFETY: the current thread state is live.
    let depth = unsafe { (*crate::runtime::pystate::current()).recursion_depth };
    if depth >= limit {
        return Err(crate::raise!(
            PyExc_RecursionError,
            "cannot set the recursion limit to {} at the recursion depth {}: the limit is too low",
            limit,
            depth
        ));
    }
    crate::runtime::pystate::set_recursion_limit(limit);
    Ok(())
}

unsafe extern "C" fn sys_setrecursionlimit(_m: Args, v: Args) -> *mut PyObject {
    guard_obj(|| unsafe {
        set_recursion_limit(c_int_arg(v)?)?;
        Ok(o::noneobject::none())
    })
}

unsafe extern "C" fn sys_getswitchinterval(_m: Args, _a: Args) -> *mut PyObject {
    guard_obj(|| o::floatobject::from_f64(1e-6 * switch_interval_us() as f64))
}

unsafe extern "C" fn sys_setswitchinterval(_m: Args, v: Args) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !o::floatobject::is_float(v) && !longobject::is_long(v) && (*(*v).ob_type).tp_as_number.is_null() {
            return Err(errors::type_error(format!("must be real number, not {}", type_name(v))));
        }
        let x = o::floatobject::number_float_value(v)?;
        if x <= 0.0 {
            return Err(errors::value_error("switch interval must be strictly positive"));
        }
        SWITCH_INTERVAL_US.store((1e6 * x) as u64, Ordering::Relaxed);
        Ok(o::noneobject::none())
    })
}

unsafe extern "C" fn sys_get_int_max_str_digits(_m: Args, _a: Args) -> *mut PyObject {
    guard_obj(|| int(longobject::INT_MAX_STR_DIGITS.load(Ordering::Relaxed) as i64))
}

unsafe extern "C" fn sys_set_int_max_str_digits(_m: Args, args: Args, kw: Args) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = parse_args("set_int_max_str_digits", args, kw, &["maxdigits"], 1)?;
        let n = c_int_arg(a[0])?;
        if n != 0 && (n as i64) < longobject::INT_MAX_STR_DIGITS_THRESHOLD as i64 {
            return Err(errors::value_error(format!(
                "maxdigits must be 0 or larger than {}",
                longobject::INT_MAX_STR_DIGITS_THRESHOLD
            )));
        }
        longobject::INT_MAX_STR_DIGITS.store(n as usize, Ordering::Relaxed);
        Ok(o::noneobject::none())
    })
}

unsafe extern "C" fn sys_getallocatedblocks(_m: Args, _a: Args) -> *mut PyObject {
    guard_obj(|| longobject::from_isize(crate::runtime::obmalloc::allocated_blocks()))
}

unsafe extern "C" fn sys_debugmallocstats(_m: Args, _a: Args) -> *mut PyObject {
    guard_obj(|| {
        let mut err = std::io::stderr();
        crate::runtime::obmalloc::print_stats(&mut err);
        Ok(o::noneobject::none())
    })
}

unsafe extern "C" fn sys_call_tracing(_m: Args, args: Args) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = tupleobject::as_slice(args);
        if a.len() != 2 {
            return Err(errors::type_error(format!("call_tracing expected 2 arguments, got {}", a.len())));
        }
        if !tupleobject::is_tuple(a[1]) {
            return Err(errors::type_error(format!("call_tracing() argument 2 must be tuple, not {}", type_name(a[1]))));
        }
        abstract_::call(a[0], a[1], null_mut())
    })
}

unsafe extern "C" fn sys_getnone(_m: Args, _a: Args) -> *mut PyObject {
    guard_obj(|| Ok(o::noneobject::none()))
}

unsafe extern "C" fn sys_audit(_m: Args, args: Args) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = tupleobject::as_slice(args);
        if a.is_empty() {
            return Err(errors::type_error("audit() missing 1 required positional argument: 'event'"));
        }
        if !audit_active() {
            return Ok(o::noneobject::none());
        }
        if !unicodeobject::is_str(a[0]) {
            return Err(errors::type_error(format!("expected str for argument 'event', not {}", type_name(a[0]))));
        }
        let ev = unicodeobject::to_string_lossy(a[0]);
        let rest = tupleobject::pack(&a[1..])?;
        audit_tuple(&ev, rest.as_ptr())?;
        Ok(o::noneobject::none())
    })
}

unsafe extern "C" fn sys_addaudithook(_m: Args, args: Args, kw: Args) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = parse_args("addaudithook", args, kw, &["hook"], 1)?;
        if audit("sys.addaudithook", &[]).is_err() {
            if errors::exception_matches(o::exceptions::PyExc_Exception) {
                errors::clear();
                return Ok(o::noneobject::none());
            }
            return Err(raised());
        }
        let mut list = get_object("__audit_hooks__");
        if list.is_null() {
            let l = listobject::new_list(0)?;
            set_object("__audit_hooks__", l.as_ptr())?;
            list = get_object("__audit_hooks__");
        }
        listobject::append(list, a[0])?;
        Ok(o::noneobject::none())
    })
}

unsafe extern "C" fn sys_displayhook(_m: Args, v: Args) -> *mut PyObject {
    guard_obj(|| unsafe {
        let none = o::noneobject::none_ptr();
        let modules = modules_dict()?;
        let builtins = dictobject::get_item_borrowed(modules, unicodeobject::intern_str("builtins")?.as_ptr());
        if builtins.is_null() {
            if !errors::occurred().is_null() {
                return Err(raised());
            }
            return Err(errors::runtime_error("lost builtins module"));
        }
        if v == none {
            return Ok(o::noneobject::none());
        }
        let underscore = unicodeobject::intern_str("_")?;
        abstract_::setattr(builtins, underscore.as_ptr(), none)?;
        let out = get_object("stdout");
        if out.is_null() || out == none {
            return Err(errors::runtime_error("lost sys.stdout"));
        }
        file_write(out, v, false)?;
        file_write_str(out, "\n")?;
        abstract_::setattr(builtins, underscore.as_ptr(), v)?;
        Ok(o::noneobject::none())
    })
}

unsafe extern "C" fn sys_excepthook(_m: Args, args: Args) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = tupleobject::as_slice(args);
        if a.len() != 3 {
            return Err(errors::type_error(format!("excepthook expected 3 arguments, got {}", a.len())));
        }
        print_exception(a[0], a[1], a[2])?;
        Ok(o::noneobject::none())
    })
}

unsafe extern "C" fn sys_unraisablehook(_m: Args, arg: Args) -> *mut PyObject {
    guard_obj(|| unsafe {
        let tp = unraisable_hook_args_type()?;
        if (*arg).ob_type != tp {
            return Err(errors::type_error("sys.unraisablehook argument type must be UnraisableHookArgs"));
        }
        let item = |i: isize| -> PyResult<*mut PyObject> { Ok(*ss::item_slot(arg, i)?) };
        let (t, v, tb, msg, obj) = (item(0)?, item(1)?, item(2)?, item(3)?, item(4)?);
        let none = o::noneobject::none_ptr();
        let ck = |p: *mut PyObject, what: &str, test: &dyn Fn(*mut PyObject) -> bool| -> PyResult<()> {
            if !p.is_null() && p != none && !test(p) {
                return Err(errors::type_error(format!("{} must be {}", what, what)));
            }
            Ok(())
        };
        ck(t, "exc_type", &|p| o::exceptions::is_exception_class(p))?;
        ck(msg, "err_msg", &|p| unicodeobject::is_str(p))?;
        default_unraisable(t, v, tb, msg, obj)?;
        Ok(o::noneobject::none())
    })
}

unsafe extern "C" fn sys_getdlopenflags(_m: Args, _a: Args) -> *mut PyObject {
    guard_obj(|| int(dlopen_flags() as i64))
}

unsafe extern "C" fn sys_setdlopenflags(_m: Args, v: Args) -> *mut PyObject {
    guard_obj(|| unsafe {
        DLOPEN_FLAGS.store(c_int_arg(v)?, Ordering::Relaxed);
        Ok(o::noneobject::none())
    })
}

unsafe fn callable(o_: *mut PyObject) -> bool {
    unsafe { !(*(*o_).ob_type).tp_call.is_none() }
}

unsafe extern "C" fn sys_get_asyncgen_hooks(_m: Args, _a: Args) -> *mut PyObject {
    guard_obj(|| unsafe {
        let (f, z) = asyncgen_hooks();
        let or_none = |x: Option<Owned>| x.unwrap_or_else(o::noneobject::none);
        structseq(&raw mut ASYNCGEN_HOOKS_TYPE, &raw const ASYNCGEN_HOOKS_DESC, true, vec![or_none(f), or_none(z)])
    })
}

unsafe extern "C" fn sys_set_asyncgen_hooks(_m: Args, args: Args, kw: Args) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = match parse_args("set_asyncgen_hooks", args, kw, &["firstiter", "finalizer"], 0) {
            Ok(a) => a,
            Err(e) => {
                // PyArg_ParseTupleAndKeywords without a function name.
                if errors::exception_matches(o::exceptions::PyExc_TypeError) {
                    let msg = errors::fetch_instance().map(|x| abstract_::str_string(x.as_ptr())).unwrap_or_default();
                    let msg = msg.replace("for set_asyncgen_hooks() given", "for function given");
                    let msg = msg.replace("for set_asyncgen_hooks()", "for this function");
                    return Err(errors::type_error(msg.replace("set_asyncgen_hooks() takes", "function takes")));
                }
                return Err(e);
            }
        };
        let none = o::noneobject::none_ptr();
        // As CPython: the finalizer is checked and set first.
        for (v, slot, what) in [(a[1], &raw mut ASYNCGEN_FINALIZER, "finalizer"), (a[0], &raw mut ASYNCGEN_FIRSTITER, "firstiter")] {
            if v.is_null() {
                continue;
            }
            if v == none {
                clear(slot);
            } else {
                if !callable(v) {
                    return Err(errors::type_error(format!("callable {} expected, got {}", what, type_name(v))));
                }
                setref(slot, Owned::from_borrowed(v).into_raw());
            }
        }
        Ok(o::noneobject::none())
    })
}

unsafe extern "C" fn sys_get_coroutine_origin_tracking_depth(_m: Args, _a: Args) -> *mut PyObject {
    guard_obj(|| int(coroutine_origin_tracking_depth() as i64))
}

unsafe extern "C" fn sys_set_coroutine_origin_tracking_depth(_m: Args, args: Args, kw: Args) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = parse_args("set_coroutine_origin_tracking_depth", args, kw, &["depth"], 1)?;
        let d = c_int_arg(a[0])?;
        if d < 0 {
            return Err(errors::value_error("depth must be >= 0"));
        }
        COROUTINE_ORIGIN_DEPTH.store(d, Ordering::Relaxed);
        Ok(o::noneobject::none())
    })
}

/// The exception being handled (`sys.exception()`), borrowed, or None.
unsafe fn handled_exception() -> *mut PyObject {
    unsafe {
        let v = (*crate::runtime::pystate::current()).exc_value;
        if v.is_null() {
            o::noneobject::none_ptr()
        } else {
            v
        }
    }
}

unsafe extern "C" fn sys_exception(_m: Args, _a: Args) -> *mut PyObject {
    guard_obj(|| unsafe { Ok(Owned::from_borrowed(handled_exception())) })
}

unsafe extern "C" fn sys_exc_info(_m: Args, _a: Args) -> *mut PyObject {
    guard_obj(|| unsafe {
        let v = handled_exception();
        let none = o::noneobject::none_ptr();
        if v == none {
            return tupleobject::pack(&[none, none, none]);
        }
        let tb = o::exceptions::get_traceback_raw(v);
        tupleobject::pack(&[(*v).ob_type as *mut PyObject, v, if tb.is_null() { none } else { tb }])
    })
}

macro_rules! mdef {
    ($name:literal, $f:expr, $flags:expr, $doc:literal) => {
        PyMethodDef { ml_name: $name.as_ptr(), ml_meth: $f as *mut c_void, ml_flags: $flags, ml_doc: $doc.as_ptr() }
    };
}

type VarKw = unsafe extern "C" fn(Args, Args, Args) -> *mut PyObject;

static mut SYS_METHODS: [PyMethodDef; 33] = [
    mdef!(c"addaudithook", sys_addaudithook as VarKw, METH_VARARGS | METH_KEYWORDS, c"addaudithook($module, /, hook)\n--\n\nAdds a new audit hook callback."),
    mdef!(c"audit", sys_audit as unsafe extern "C" fn(Args, Args) -> *mut PyObject, METH_VARARGS, c"audit(event, *args)\n\nPasses the event to any audit hooks that are attached."),
    mdef!(c"call_tracing", sys_call_tracing as unsafe extern "C" fn(Args, Args) -> *mut PyObject, METH_VARARGS, c"call_tracing($module, func, args, /)\n--\n\nCall func(*args), while tracing is enabled.\n\nThe tracing state is saved, and restored afterwards.  This is intended\nto be called from a debugger from a checkpoint, to recursively debug\nsome other code."),
    mdef!(c"_debugmallocstats", sys_debugmallocstats as unsafe extern "C" fn(Args, Args) -> *mut PyObject, METH_NOARGS, c"_debugmallocstats($module, /)\n--\n\nPrint summary info to stderr about the state of pymalloc's structures.\n\nIn Py_DEBUG mode, also perform some expensive internal consistency\nchecks."),
    mdef!(c"displayhook", sys_displayhook as unsafe extern "C" fn(Args, Args) -> *mut PyObject, METH_O, c"displayhook($module, object, /)\n--\n\nPrint an object to sys.stdout and also save it in builtins._"),
    mdef!(c"excepthook", sys_excepthook as unsafe extern "C" fn(Args, Args) -> *mut PyObject, METH_VARARGS, c"excepthook($module, exctype, value, traceback, /)\n--\n\nHandle an exception by displaying it with a traceback on sys.stderr."),
    mdef!(c"exit", sys_exit as unsafe extern "C" fn(Args, Args) -> *mut PyObject, METH_VARARGS, c"exit($module, status=None, /)\n--\n\nExit the interpreter by raising SystemExit(status).\n\nIf the status is omitted or None, it defaults to zero (i.e., success).\nIf the status is an integer, it will be used as the system exit status.\nIf it is another kind of object, it will be printed and the system\nexit status will be one (i.e., failure)."),
    mdef!(c"getdefaultencoding", sys_getdefaultencoding as unsafe extern "C" fn(Args, Args) -> *mut PyObject, METH_NOARGS, c"getdefaultencoding($module, /)\n--\n\nReturn the current default encoding used by the Unicode implementation."),
    mdef!(c"getdlopenflags", sys_getdlopenflags as unsafe extern "C" fn(Args, Args) -> *mut PyObject, METH_NOARGS, c"getdlopenflags($module, /)\n--\n\nReturn the current value of the flags that are used for dlopen calls.\n\nThe flag constants are defined in the os module."),
    mdef!(c"getallocatedblocks", sys_getallocatedblocks as unsafe extern "C" fn(Args, Args) -> *mut PyObject, METH_NOARGS, c"getallocatedblocks($module, /)\n--\n\nReturn the number of memory blocks currently allocated."),
    mdef!(c"getfilesystemencoding", sys_getfilesystemencoding as unsafe extern "C" fn(Args, Args) -> *mut PyObject, METH_NOARGS, c"getfilesystemencoding($module, /)\n--\n\nReturn the encoding used to convert Unicode filenames to OS filenames."),
    mdef!(c"getfilesystemencodeerrors", sys_getfilesystemencodeerrors as unsafe extern "C" fn(Args, Args) -> *mut PyObject, METH_NOARGS, c"getfilesystemencodeerrors($module, /)\n--\n\nReturn the error mode used Unicode to OS filename conversion."),
    mdef!(c"getrefcount", sys_getrefcount as unsafe extern "C" fn(Args, Args) -> *mut PyObject, METH_O, c"getrefcount($module, object, /)\n--\n\nReturn the reference count of object.\n\nThe count returned is generally one higher than you might expect,\nbecause it includes the (temporary) reference as an argument to\ngetrefcount()."),
    mdef!(c"getrecursionlimit", sys_getrecursionlimit as unsafe extern "C" fn(Args, Args) -> *mut PyObject, METH_NOARGS, c"getrecursionlimit($module, /)\n--\n\nReturn the current value of the recursion limit.\n\nThe recursion limit is the maximum depth of the Python interpreter\nstack.  This limit prevents infinite recursion from causing an overflow\nof the C stack and crashing Python."),
    mdef!(c"getsizeof", sys_getsizeof as VarKw, METH_VARARGS | METH_KEYWORDS, c"getsizeof(object [, default]) -> int\n\nReturn the size of object in bytes."),
    mdef!(c"get_int_max_str_digits", sys_get_int_max_str_digits as unsafe extern "C" fn(Args, Args) -> *mut PyObject, METH_NOARGS, c"get_int_max_str_digits($module, /)\n--\n\nReturn the maximum string digits limit for non-binary int<->str conversions."),
    mdef!(c"set_int_max_str_digits", sys_set_int_max_str_digits as VarKw, METH_VARARGS | METH_KEYWORDS, c"set_int_max_str_digits($module, /, maxdigits)\n--\n\nSet the maximum string digits limit for non-binary int<->str conversions."),
    mdef!(c"getprofile", sys_getnone as unsafe extern "C" fn(Args, Args) -> *mut PyObject, METH_NOARGS, c"getprofile($module, /)\n--\n\nReturn the profiling function set with sys.setprofile.\n\nSee the profiler chapter in the library manual."),
    mdef!(c"gettrace", sys_getnone as unsafe extern "C" fn(Args, Args) -> *mut PyObject, METH_NOARGS, c"gettrace($module, /)\n--\n\nReturn the global debug tracing function set with sys.settrace.\n\nSee the debugger chapter in the library manual."),
    mdef!(c"getswitchinterval", sys_getswitchinterval as unsafe extern "C" fn(Args, Args) -> *mut PyObject, METH_NOARGS, c"getswitchinterval($module, /)\n--\n\nReturn the current thread switch interval; see sys.setswitchinterval()."),
    mdef!(c"intern", sys_intern as unsafe extern "C" fn(Args, Args) -> *mut PyObject, METH_O, c"intern($module, string, /)\n--\n\n``Intern'' the given string.\n\nThis enters the string in the (global) table of interned strings whose\npurpose is to speed up dictionary lookups. Return the string itself or\nthe previously interned string object with the same value."),
    mdef!(c"is_finalizing", sys_is_finalizing as unsafe extern "C" fn(Args, Args) -> *mut PyObject, METH_NOARGS, c"is_finalizing($module, /)\n--\n\nReturn True if Python is exiting."),
    mdef!(c"setdlopenflags", sys_setdlopenflags as unsafe extern "C" fn(Args, Args) -> *mut PyObject, METH_O, c"setdlopenflags($module, flags, /)\n--\n\nSet the flags used by the interpreter for dlopen calls.\n\nThis is used, for example, when the interpreter loads extension\nmodules. Among other things, this will enable a lazy resolving of\nsymbols when importing a module, if called as sys.setdlopenflags(0).\nTo share symbols across extension modules, call as\nsys.setdlopenflags(os.RTLD_GLOBAL).  Symbolic names for the flag\nmodules can be found in the os module (RTLD_xxx constants, e.g.\nos.RTLD_LAZY)."),
    mdef!(c"setrecursionlimit", sys_setrecursionlimit as unsafe extern "C" fn(Args, Args) -> *mut PyObject, METH_O, c"setrecursionlimit($module, limit, /)\n--\n\nSet the maximum depth of the Python interpreter stack to n.\n\nThis limit prevents infinite recursion from causing an overflow of the C\nstack and crashing Python.  The highest possible limit is platform-\ndependent."),
    mdef!(c"setswitchinterval", sys_setswitchinterval as unsafe extern "C" fn(Args, Args) -> *mut PyObject, METH_O, c"setswitchinterval($module, interval, /)\n--\n\nSet the ideal thread switching delay inside the Python interpreter.\n\nThe actual frequency of switching threads can be lower if the\ninterpreter executes long sequences of uninterruptible code\n(this is implementation-specific and workload-dependent).\n\nThe parameter must represent the desired switching delay in seconds\nA typical value is 0.005 (5 milliseconds)."),
    mdef!(c"unraisablehook", sys_unraisablehook as unsafe extern "C" fn(Args, Args) -> *mut PyObject, METH_O, c"unraisablehook($module, unraisable, /)\n--\n\nHandle an unraisable exception.\n\nThe unraisable argument has the following attributes:\n\n* exc_type: Exception type.\n* exc_value: Exception value, can be None.\n* exc_traceback: Exception traceback, can be None.\n* err_msg: Error message, can be None.\n* object: Object causing the exception, can be None."),
    mdef!(c"get_asyncgen_hooks", sys_get_asyncgen_hooks as unsafe extern "C" fn(Args, Args) -> *mut PyObject, METH_NOARGS, c"get_asyncgen_hooks($module, /)\n--\n\nReturn the installed asynchronous generators hooks.\n\nThis returns a namedtuple of the form (firstiter, finalizer)."),
    mdef!(c"set_asyncgen_hooks", sys_set_asyncgen_hooks as VarKw, METH_VARARGS | METH_KEYWORDS, c"set_asyncgen_hooks(* [, firstiter] [, finalizer])\n\nSet a finalizer for async generators objects."),
    mdef!(c"get_coroutine_origin_tracking_depth", sys_get_coroutine_origin_tracking_depth as unsafe extern "C" fn(Args, Args) -> *mut PyObject, METH_NOARGS, c"get_coroutine_origin_tracking_depth($module, /)\n--\n\nCheck status of origin tracking for coroutine objects in this thread."),
    mdef!(c"set_coroutine_origin_tracking_depth", sys_set_coroutine_origin_tracking_depth as VarKw, METH_VARARGS | METH_KEYWORDS, c"set_coroutine_origin_tracking_depth($module, /, depth)\n--\n\nEnable or disable origin tracking for coroutine objects in this thread.\n\nCoroutine objects will track 'depth' frames of traceback information\nabout where they came from, available in their cr_origin attribute.\n\nSet a depth of 0 to disable."),
    mdef!(c"exc_info", sys_exc_info as unsafe extern "C" fn(Args, Args) -> *mut PyObject, METH_NOARGS, c"exc_info($module, /)\n--\n\nReturn current exception information: (type, value, traceback).\n\nReturn information about the most recent exception caught by an except\nclause in the current stack frame or in an older stack frame."),
    mdef!(c"exception", sys_exception as unsafe extern "C" fn(Args, Args) -> *mut PyObject, METH_NOARGS, c"exception($module, /)\n--\n\nReturn the current exception.\n\nReturn the most recent exception caught by an except clause\nin the current stack frame or in an older stack frame, or None\nif no such exception exists."),
    PyMethodDef::SENTINEL,
];

/// Build the `sys` module for the built-in module table: the one module
/// object (a new reference to it).
pub fn init_module() -> *mut PyObject {
    guard_obj(|| unsafe { Ok(Owned::from_borrowed(sys_module()?)) })
}
