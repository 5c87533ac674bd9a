//! The `sys`, `errno` and `_warnings` modules (src/modules/) from Rust,
//! against CPython 3.11 where a value comes from it (python3 on the machine;
//! those tests are skipped without it).
//!
//! * `errno_matches_cpython`: every name and value of CPython's `errno`
//!   module, and `errno.errorcode`, in the same order.
//! * `stdlib_module_names_match_cpython`: `sys.stdlib_module_names`.
//! * `sys_reflects_configuration`: `set_flags`, `set_argv`, `set_paths`
//!   reach `sys.flags`, `sys.argv`, `sys.orig_argv`, `sys.executable`.
//! * `warnings_from_rust`: `warnings::warn` turns into an exception under an
//!   "error" filter and is silent under "ignore".
//! * `namespace_repr_recursion`: a namespace containing itself prints as
//!   CPython prints it.
//! * `sys_state_does_not_leak`: building and dropping the sys module and the
//!   warnings state leaves the live-object count where it was.
use pyrite::modules::{errno, sys, warnings};
use pyrite::objects::object::PyObject;
use pyrite::objects::pyref::Owned;
use pyrite::objects::{abstract_, dictobject, listobject, longobject, namespaceobject, unicodeobject};
use std::process::Command;
use std::sync::{Mutex, Once};

static INIT: Once = Once::new();
static LOCK: Mutex<()> = Mutex::new(());

fn init() -> std::sync::MutexGuard<'static, ()> {
    INIT.call_once(|| pyrite::capi::pylifecycle::Py_Initialize());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

fn python(code: &str) -> Option<String> {
    let out = Command::new("python3").arg("-c").arg(code).output().ok()?;
    if !out.status.success() {
        return None;
    }
    Some(String::from_utf8(out.stdout).unwrap())
}

fn repr(o: *mut PyObject) -> String {
    unsafe { abstract_::repr_string(o) }
}

fn owned(p: *mut PyObject) -> Owned {
    unsafe { Owned::from_raw(p) }.unwrap_or_else(|_| panic!("NULL: {:?}", pyrite::runtime::errors::fetch_instance().map(|e| repr(e.as_ptr()))))
}

#[test]
fn errno_matches_cpython() {
    let _g = init();
    let Some(want) = python("import errno\nfor k, v in errno.__dict__.items():\n    if k.startswith('E'): print(k, v)\nprint('--')\nfor k, v in errno.errorcode.items(): print(k, v)")
    else {
        eprintln!("python3 not available: skipped");
        return;
    };
    let m = owned(errno::init_module());
    let mut got = String::new();
    unsafe {
        let d = pyrite::objects::moduleobject::get_dict(m.as_ptr()).unwrap();
        for (k, v) in dictobject::items_borrowed(d) {
            let k = unicodeobject::to_string_lossy(k);
            if k.starts_with('E') {
                got += &format!("{} {}\n", k, longobject::as_i64(v).unwrap());
            }
        }
        got += "--\n";
        let ec = dictobject::get_item_str(d, "errorcode").unwrap().unwrap();
        for (k, v) in dictobject::items_borrowed(ec.as_ptr()) {
            got += &format!("{} {}\n", longobject::as_i64(k).unwrap(), unicodeobject::to_string_lossy(v));
        }
    }
    assert_eq!(got, want);
    assert_eq!(errno::code_of("ENOENT"), Some(2));
    assert_eq!(errno::name_of(11), Some("EAGAIN"));
}

#[test]
fn stdlib_module_names_match_cpython() {
    let _g = init();
    let Some(want) = python("import sys\nprint(sorted(sys.stdlib_module_names))") else {
        eprintln!("python3 not available: skipped");
        return;
    };
    let names = sys::get_object("stdlib_module_names");
    assert!(!names.is_null());
    let l = owned(unsafe { pyrite::objects::abstract_::sequence_list(names) }.map(Owned::into_raw).unwrap_or(core::ptr::null_mut()));
    unsafe { listobject::sort(l.as_ptr(), core::ptr::null_mut(), false) }.unwrap();
    assert_eq!(repr(l.as_ptr()) + "\n", want);
}

#[test]
fn sys_reflects_configuration() {
    let _g = init();
    let flags = sys::SysFlags { optimize: 2, verbose: 1, dev_mode: true, ..sys::SysFlags::default() };
    sys::set_flags(flags).unwrap();
    let f = sys::get_object("flags");
    assert!(repr(f).contains("optimize=2") && repr(f).contains("verbose=1") && repr(f).contains("dev_mode=True"), "{}", repr(f));
    sys::set_argv(&["prog.py".into(), "-x".into()], &["pyrite".into(), "prog.py".into(), "-x".into()]).unwrap();
    assert_eq!(repr(sys::get_object("argv")), "['prog.py', '-x']");
    assert_eq!(repr(sys::get_object("orig_argv")), "['pyrite', 'prog.py', '-x']");
    sys::set_paths(sys::SysPaths { executable: Some("/opt/pyrite/bin/pyrite".into()), prefix: Some("/opt/pyrite".into()), ..Default::default() }).unwrap();
    assert_eq!(repr(sys::get_object("executable")), "'/opt/pyrite/bin/pyrite'");
    assert_eq!(repr(sys::get_object("base_exec_prefix")), "'/opt/pyrite'");
    sys::set_flags(sys::SysFlags::default()).unwrap();
    assert!(repr(sys::get_object("flags")).contains("optimize=0"));
    let modules = sys::modules_dict().unwrap();
    assert!(unsafe { dictobject::get_item_str(modules, "sys") }.unwrap().is_some());
}

#[test]
fn warnings_from_rust() {
    let _g = init();
    unsafe {
        let w = sys::get_object("modules");
        let wm = dictobject::get_item_str(w, "_warnings").unwrap().unwrap();
        let filters = abstract_::getattr_str(wm.as_ptr(), "filters").unwrap();
        let action = unicodeobject::from_str("error").unwrap();
        let zero = longobject::from_i64(0).unwrap();
        let none = pyrite::objects::noneobject::none_ptr();
        let cat = pyrite::objects::exceptions::PyExc_UserWarning;
        let f = pyrite::objects::tupleobject::pack(&[action.as_ptr(), none, cat, none, zero.as_ptr()]).unwrap();
        listobject::insert(filters.as_ptr(), 0, f.as_ptr()).unwrap();
        abstract_::call_method(wm.as_ptr(), "_filters_mutated", &[]).unwrap();
        assert!(warnings::warn(cat, "from rust", 1).is_err());
        let e = pyrite::runtime::errors::fetch_instance().unwrap();
        assert_eq!(repr(e.as_ptr()), "UserWarning('from rust')");
        let ignore = unicodeobject::from_str("ignore").unwrap();
        let f2 = pyrite::objects::tupleobject::pack(&[ignore.as_ptr(), none, cat, none, zero.as_ptr()]).unwrap();
        listobject::insert(filters.as_ptr(), 0, f2.as_ptr()).unwrap();
        abstract_::call_method(wm.as_ptr(), "_filters_mutated", &[]).unwrap();
        assert!(warnings::warn(cat, "from rust", 1).is_ok());
        abstract_::call_method(filters.as_ptr(), "pop", &[zero.as_ptr()]).unwrap();
        abstract_::call_method(filters.as_ptr(), "pop", &[zero.as_ptr()]).unwrap();
        abstract_::call_method(wm.as_ptr(), "_filters_mutated", &[]).unwrap();
    }
}

#[test]
fn namespace_repr_recursion() {
    let _g = init();
    let Some(want) = python("import types\nn = types.SimpleNamespace(a=1)\nn.x = n\nprint(repr(n))") else {
        eprintln!("python3 not available: skipped");
        return;
    };
    let ns = namespaceobject::new_namespace(core::ptr::null_mut()).unwrap();
    unsafe {
        let one = longobject::from_i64(1).unwrap();
        abstract_::setattr(ns.as_ptr(), unicodeobject::from_str("a").unwrap().as_ptr(), one.as_ptr()).unwrap();
        let x = unicodeobject::from_str("x").unwrap();
        abstract_::setattr(ns.as_ptr(), x.as_ptr(), ns.as_ptr()).unwrap();
        assert_eq!(repr(ns.as_ptr()) + "\n", want);
        // Break the cycle (no collector runs here).
        abstract_::setattr(ns.as_ptr(), x.as_ptr(), core::ptr::null_mut()).unwrap();
    }
}

#[test]
fn sys_state_does_not_leak() {
    let _g = init();
    unsafe {
        // Warm up caches (interned names, type dicts), then measure.
        for _ in 0..2 {
            sys::clear_state();
            sys::sys_module().unwrap();
            warnings::warn(pyrite::objects::exceptions::PyExc_DeprecationWarning, "ignored", 1).unwrap();
        }
        let before = pyrite::objects::pyref::live_objects();
        for _ in 0..5 {
            sys::clear_state();
            sys::sys_module().unwrap();
            warnings::warn(pyrite::objects::exceptions::PyExc_DeprecationWarning, "ignored", 1).unwrap();
        }
        assert_eq!(pyrite::objects::pyref::live_objects(), before);
    }
}

thread_local! {
    static FAKE_GLOBALS: std::cell::RefCell<Option<Owned>> = const { std::cell::RefCell::new(None) };
}

fn fake_caller(stacklevel: isize) -> pyrite::PyResult<Option<(Owned, Owned, i64)>> {
    if stacklevel > 1 {
        return Ok(None);
    }
    let g = FAKE_GLOBALS.with(|g| g.borrow().clone()).unwrap();
    Ok(Some((g, unicodeobject::from_str("prog.py")?, 7)))
}

/// With the evaluator's hook set, a warning is attributed to the caller's
/// globals: the module name decides the filter ("__main__" shows
/// DeprecationWarning), the registry lands in those globals, and a stack
/// level past the last frame falls back to sys (as CPython).
#[test]
fn warnings_use_the_caller_hook() {
    let _g = init();
    unsafe {
        let globals = dictobject::new_dict().unwrap();
        dictobject::set_item_str(globals.as_ptr(), "__name__", unicodeobject::from_str("__main__").unwrap().as_ptr()).unwrap();
        FAKE_GLOBALS.with(|g| *g.borrow_mut() = Some(globals.clone()));
        let saved = warnings::CALLER_INFO;
        warnings::CALLER_INFO = fake_caller;
        let dep = pyrite::objects::exceptions::PyExc_DeprecationWarning;
        warnings::warn(dep, "shown in __main__", 1).unwrap();
        let reg = dictobject::get_item_str(globals.as_ptr(), "__warningregistry__").unwrap().expect("registry in the caller's globals");
        let key = pyrite::objects::tupleobject::pack(&[
            unicodeobject::from_str("shown in __main__").unwrap().as_ptr(),
            dep,
            longobject::from_i64(7).unwrap().as_ptr(),
        ])
        .unwrap();
        assert!(dictobject::get_item(reg.as_ptr(), key.as_ptr()).unwrap().is_some(), "{}", repr(reg.as_ptr()));
        // Level 2 has no frame: attributed to sys, where DeprecationWarning is ignored.
        warnings::warn(dep, "from level two", 2).unwrap();
        let sysreg = sys::get_object("__warningregistry__");
        let key2 = pyrite::objects::tupleobject::pack(&[
            unicodeobject::from_str("from level two").unwrap().as_ptr(),
            dep,
            longobject::from_i64(1).unwrap().as_ptr(),
        ])
        .unwrap();
        assert!(sysreg.is_null() || dictobject::get_item(sysreg, key2.as_ptr()).unwrap().is_none());
        warnings::CALLER_INFO = saved;
        FAKE_GLOBALS.with(|g| *g.borrow_mut() = None);
    }
}
