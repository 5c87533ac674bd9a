//! The `builtins` module against CPython 3.11 (src/modules/builtins/).
//!
//! tests/builtins/cases.txt (from gen_cases.py, run by CPython) holds ~400
//! small Python programs (assignments and a final expression) as marshalled
//! trees, with CPython's outcome: the repr of the result or the exception's
//! class and message, and what was written to stdout. There is no evaluator
//! yet, so this test walks the tree itself (names, calls, attribute reads,
//! method calls, displays, a few operators), resolving names in the module
//! object `init_module` builds; `print`/`input` reach a stand-in `sys.stdout`
//! / `sys.stdin`, which point at a stand-in stream module.
use pyrite::modules::builtins;
use pyrite::objects::object::*;
use pyrite::objects::pyref::Owned;
use pyrite::objects::{abstract_ as ab, abstract_number as num, dictobject, listobject, moduleobject, setobject, tupleobject, unicodeobject};
use pyrite::runtime::errors::PyResult;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::{Mutex, Once};

static INIT: Once = Once::new();
static LOCK: Mutex<()> = Mutex::new(());
static STREAM: AtomicPtr<PyObject> = AtomicPtr::new(core::ptr::null_mut());

thread_local! {
    static OUT: RefCell<String> = const { RefCell::new(String::new()) };
    static IN: RefCell<String> = const { RefCell::new(String::new()) };
}

unsafe extern "C" fn w_write(_m: *mut PyObject, s: *mut PyObject) -> *mut PyObject {
    unsafe {
        if !unicodeobject::is_str(s) {
            let _ = pyrite::runtime::errors::type_error("write() argument must be str");
            return core::ptr::null_mut();
        }
        let text = unicodeobject::to_string_lossy(s);
        OUT.with(|o| o.borrow_mut().push_str(&text));
        pyrite::objects::noneobject::new_none()
    }
}
unsafe extern "C" fn w_flush(_m: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    unsafe { pyrite::objects::noneobject::new_none() }
}
unsafe extern "C" fn w_readline(_m: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let line = IN.with(|i| {
        let mut i = i.borrow_mut();
        let n = i.find('\n').map_or(i.len(), |p| p + 1);
        i.drain(..n).collect::<String>()
    });
    unicodeobject::from_str(&line).map_or(core::ptr::null_mut(), |o| o.into_raw())
}

unsafe extern "C" fn raiser(_m: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    unsafe {
        let _ = pyrite::runtime::errors::set_none(pyrite::objects::exceptions::PyExc_StopAsyncIteration);
    }
    core::ptr::null_mut()
}

static mut STREAM_METHODS: [PyMethodDef; 5] = [
    PyMethodDef { ml_name: c"raiser".as_ptr(), ml_meth: raiser as *mut libc::c_void, ml_flags: METH_NOARGS, ml_doc: core::ptr::null() },
    PyMethodDef { ml_name: c"write".as_ptr(), ml_meth: w_write as *mut libc::c_void, ml_flags: METH_O, ml_doc: core::ptr::null() },
    PyMethodDef { ml_name: c"flush".as_ptr(), ml_meth: w_flush as *mut libc::c_void, ml_flags: METH_NOARGS, ml_doc: core::ptr::null() },
    PyMethodDef { ml_name: c"readline".as_ptr(), ml_meth: w_readline as *mut libc::c_void, ml_flags: METH_NOARGS, ml_doc: core::ptr::null() },
    PyMethodDef::SENTINEL,
];


fn init() -> std::sync::MutexGuard<'static, ()> {
    INIT.call_once(|| unsafe {
        pyrite::capi::pylifecycle::Py_Initialize();
        let name = unicodeobject::from_str("stream").unwrap();
        let m = moduleobject::new_module(name.as_ptr()).unwrap();
        moduleobject::add_functions(m.as_ptr(), name.as_ptr(), &raw mut STREAM_METHODS as *mut PyMethodDef).unwrap();
        STREAM.store(m.into_raw(), Ordering::Relaxed);
        for n in ["stdout", "stdin", "stderr"] {
            pyrite::modules::sys::set_object(n, STREAM.load(Ordering::Relaxed)).unwrap();
        }
    });
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

struct Eval {
    module: Owned,
    vars: HashMap<String, Owned>,
}

unsafe fn s(o: *mut PyObject) -> String {
    unsafe { unicodeobject::to_string_lossy(o) }
}

impl Eval {
    unsafe fn items(&mut self, t: *mut PyObject) -> PyResult<Vec<Owned>> {
        unsafe { tupleobject::as_slice(t).iter().map(|&x| self.eval(x)).collect() }
    }

    unsafe fn call(&mut self, f: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> PyResult<Owned> {
        unsafe {
            let a = self.items(args)?;
            let a = tupleobject::from_owned(a)?;
            let d = dictobject::new_dict()?;
            for (k, v) in dictobject::items_borrowed(kw) {
                let v = self.eval(v)?;
                dictobject::set_item(d.as_ptr(), k, v.as_ptr())?;
            }
            let kwp = if dictobject::len(d.as_ptr()) == 0 { core::ptr::null_mut() } else { d.as_ptr() };
            ab::call(f, a.as_ptr(), kwp)
        }
    }

    unsafe fn eval(&mut self, node: *mut PyObject) -> PyResult<Owned> {
        unsafe {
            if !tupleobject::is_tuple(node) {
                return Ok(Owned::from_borrowed(node));
            }
            let n = tupleobject::as_slice(node);
            let op = s(n[0]);
            match op.as_str() {
                "$seq" => {
                    let mut last = pyrite::objects::noneobject::none();
                    for &st in tupleobject::as_slice(n[1]) {
                        last = self.eval(st)?;
                    }
                    Ok(last)
                }
                "$assign" => {
                    let v = self.eval(n[2])?;
                    self.vars.insert(s(n[1]), v);
                    Ok(pyrite::objects::noneobject::none())
                }
                "$setattr" => {
                    let o = self.eval(n[1])?;
                    let v = self.eval(n[3])?;
                    ab::setattr(o.as_ptr(), n[2], v.as_ptr())?;
                    Ok(pyrite::objects::noneobject::none())
                }
                "$n" => {
                    let name = s(n[1]);
                    if let Some(v) = self.vars.get(&name) {
                        return Ok(v.clone());
                    }
                    if name == "W" {
                        return Ok(Owned::from_borrowed(STREAM.load(Ordering::Relaxed)));
                    }
                    ab::getattr(self.module.as_ptr(), n[1])
                }
                "$attr" => {
                    let o = self.eval(n[1])?;
                    ab::getattr(o.as_ptr(), n[2])
                }
                "$meth" => {
                    let o = self.eval(n[1])?;
                    let f = ab::getattr(o.as_ptr(), n[2])?;
                    self.call(f.as_ptr(), n[3], n[4])
                }
                "$call" => {
                    let f = self.eval(n[1])?;
                    self.call(f.as_ptr(), n[2], n[3])
                }
                "$list" => listobject::from_owned(self.items(n[1])?),
                "$tuple" => tupleobject::from_owned(self.items(n[1])?),
                "$set" => {
                    let l = listobject::from_owned(self.items(n[1])?)?;
                    setobject::new_set(&raw mut setobject::PySet_Type, l.as_ptr())
                }
                "$dict" => {
                    let k = self.items(n[1])?;
                    let v = self.items(n[2])?;
                    let d = dictobject::new_dict()?;
                    for (k, v) in k.iter().zip(v.iter()) {
                        dictobject::set_item(d.as_ptr(), k.as_ptr(), v.as_ptr())?;
                    }
                    Ok(d)
                }
                "$neg" => {
                    let v = self.eval(n[1])?;
                    num::negative(v.as_ptr())
                }
                "$bin" => {
                    let a = self.eval(n[2])?;
                    let b = self.eval(n[3])?;
                    let (a, b) = (a.as_ptr(), b.as_ptr());
                    let none = pyrite::objects::noneobject::none_ptr();
                    match s(n[1]).as_str() {
                        "+" => num::add(a, b),
                        "-" => num::subtract(a, b),
                        "*" => num::multiply(a, b),
                        "/" => num::true_divide(a, b),
                        "**" => num::power(a, b, none),
                        "[]" => ab::get_item(a, b),
                        "==" => ab::rich_compare(a, b, Py_EQ),
                        "is" => Ok(pyrite::objects::boolobject::owned_bool(a == b)),
                        "in" => Ok(pyrite::objects::boolobject::owned_bool(ab::contains(b, a)?)),
                        o => panic!("operator {}", o),
                    }
                }
                o => panic!("node {}", o),
            }
        }
    }
}

/// The outcome as gen_cases.py writes it.
unsafe fn outcome(r: PyResult<Owned>) -> String {
    unsafe {
        let text = match r {
            Ok(v) => match ab::repr(v.as_ptr()) {
                Ok(r) => format!("= {}", s(r.as_ptr())),
                Err(_) => "! <repr failed>".to_string(),
            },
            Err(_) => {
                let e = pyrite::runtime::errors::fetch_instance().expect("an exception is set");
                let tp = (*e.as_ptr()).ob_type;
                let name = std::ffi::CStr::from_ptr((*tp).tp_name).to_string_lossy().into_owned();
                let name = name.rsplit('.').next().unwrap_or("").to_string();
                format!("! {}: {}", name, ab::str_string(e.as_ptr()))
            }
        };
        let mut out = String::new();
        let mut rest = text.as_str();
        // Addresses differ: " at 0x1234" -> " at 0x?" as the gen script does.
        while let Some(p) = rest.find(" at 0x") {
            out.push_str(&rest[..p + 6]);
            out.push('?');
            rest = rest[p + 6..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
        }
        out.push_str(rest);
        let written = OUT.with(|o| std::mem::take(&mut *o.borrow_mut()));
        let w = unicodeobject::from_str(&written).unwrap();
        format!("{} | {}", out, s(ab::repr(w.as_ptr()).unwrap().as_ptr()))
    }
}

/// Run every case; (passed, descriptions of the failures).
fn run_cases(module: &Owned) -> (usize, Vec<String>) {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/builtins/cases.txt")).unwrap();
    let (mut pass, mut fail) = (0, Vec::new());
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let (src, tree, stdin, want) = (f[0], f[1], f[2], f[3]);
        IN.with(|i| *i.borrow_mut() = if stdin == "-" { String::new() } else { String::from_utf8(unhex(stdin)).unwrap() });
        OUT.with(|o| o.borrow_mut().clear());
        let got = unsafe {
            let t = pyrite::modules::marshal::loads(&unhex(tree)).expect("case tree loads");
            let mut ev = Eval { module: module.clone(), vars: HashMap::new() };
            let r = ev.eval(t.as_ptr());
            outcome(r)
        };
        if got == want {
            pass += 1;
        } else {
            fail.push(format!("{}\n   want {}\n    got {}", src, want, got));
        }
    }
    (pass, fail)
}

#[test]
fn cpython_cases() {
    let _g = init();
    let module = unsafe { Owned::from_raw(builtins::init_module()) }.expect("init_module");
    let (pass, fail) = run_cases(&module);
    println!("builtins cases: {} pass, {} fail", pass, fail.len());
    assert!(fail.is_empty(), "{} of {} cases differ from CPython:\n{}", fail.len(), pass + fail.len(), fail.join("\n"));
}

#[test]
fn module_has_every_name_cpython_has() {
    let _g = init();
    // Names CPython 3.11's builtins has that need the evaluator (added by the
    // evaluator's hook) or other modules.
    let later = [
        "__build_class__", "__import__", "compile", "exec", "eval", "globals", "locals", "super", "breakpoint",
        "open", "help", "copyright", "credits", "license", "exit", "quit", "__package__",
        "__loader__", "__spec__", "__builtins__", "_",
    ];
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/builtins/names.txt")).unwrap();
    // Through the registry, as the importer will find it.
    let init = pyrite::modules::find_builtin("builtins").expect("builtins is registered");
    let module = unsafe { Owned::from_raw(init()) }.expect("init_module");
    let mut missing = Vec::new();
    let mut count = 0;
    for name in text.split_whitespace() {
        if later.contains(&name) {
            continue;
        }
        count += 1;
        let k = unicodeobject::from_str(name).unwrap();
        if unsafe { ab::lookup_attr(module.as_ptr(), k.as_ptr()) }.unwrap().is_none() {
            missing.push(name.to_string());
        }
    }
    println!("builtins names: {} checked, {} missing", count, missing.len());
    assert!(missing.is_empty(), "missing from builtins: {:?}", missing);
}

#[test]
fn cases_do_not_leak() {
    let _g = init();
    let module = unsafe { Owned::from_raw(builtins::init_module()) }.expect("init_module");
    // The first run fills caches (interned names, type attribute caches).
    run_cases(&module);
    let before = pyrite::objects::pyref::live_objects();
    for _ in 0..3 {
        run_cases(&module);
    }
    let after = pyrite::objects::pyref::live_objects();
    println!("builtins leak check: {} live objects before, {} after 3 more runs", before, after);
    assert_eq!(before, after, "objects leaked by the builtins cases");
}

// ---- anext / aiter on types made from C slots (gen_cases.py's Python classes)

unsafe extern "C" fn self_ref(o: *mut PyObject) -> *mut PyObject {
    unsafe { pyrite::objects::pyref::new_ref(o) }
}
unsafe extern "C" fn one(_o: *mut PyObject) -> *mut PyObject {
    pyrite::objects::longobject::from_i64(1).map_or(core::ptr::null_mut(), |o| o.into_raw())
}
/// `__await__`: `iter(raiser, None)`, an iterator raising StopAsyncIteration.
unsafe extern "C" fn await_raiser(_o: *mut PyObject) -> *mut PyObject {
    unsafe {
        let r = ab::getattr_str(STREAM.load(Ordering::Relaxed), "raiser").unwrap();
        pyrite::objects::iterobject::new_call_iter(r.as_ptr(), pyrite::objects::noneobject::none_ptr())
            .map_or(core::ptr::null_mut(), |o| o.into_raw())
    }
}

unsafe fn make_type(name: &'static std::ffi::CStr, slots: &[(i32, *mut libc::c_void)]) -> Owned {
    unsafe {
        let mut v: Vec<PyType_Slot> = slots.iter().map(|&(slot, pfunc)| PyType_Slot { slot, pfunc }).collect();
        v.push(PyType_Slot { slot: 0, pfunc: core::ptr::null_mut() });
        let slots = Box::leak(v.into_boxed_slice());
        let spec = Box::leak(Box::new(PyType_Spec {
            name: name.as_ptr(),
            basicsize: core::mem::size_of::<PyObject>() as i32,
            itemsize: 0,
            flags: Py_TPFLAGS_DEFAULT as u32,
            slots: slots.as_mut_ptr(),
        }));
        Owned::from_raw(pyrite::capi::typeobject::PyType_FromSpec(spec)).expect("type from spec")
    }
}

#[test]
fn anext_and_aiter() {
    let _g = init();
    let module = unsafe { Owned::from_raw(builtins::init_module()) }.expect("init_module");
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/builtins/anext.txt")).unwrap();
    unsafe {
        let ait = make_type(
            c"test.AIt",
            &[
                (Py_am_aiter, self_ref as *mut libc::c_void),
                (Py_am_anext, self_ref as *mut libc::c_void),
                (Py_am_await, await_raiser as *mut libc::c_void),
            ],
        );
        let not_async = make_type(c"test.NotAsyncIter", &[(Py_am_aiter, one as *mut libc::c_void)]);
        let no_await = make_type(c"test.NoAwait", &[(Py_am_anext, one as *mut libc::c_void)]);
        let o = ab::call_function(ait.as_ptr(), &[]).unwrap();
        let anext = ab::getattr_str(module.as_ptr(), "anext").unwrap();
        let fortytwo = pyrite::objects::longobject::from_i64(42).unwrap();
        let a = ab::call_function(anext.as_ptr(), &[o.as_ptr(), fortytwo.as_ptr()]).unwrap();
        let mut vars = HashMap::new();
        vars.insert("o".to_string(), o);
        vars.insert("a".to_string(), a);
        vars.insert("NotAsyncIter".to_string(), not_async);
        vars.insert("NoAwait".to_string(), no_await);
        let mut ev = Eval { module: module.clone(), vars };
        let mut fail = Vec::new();
        let mut n = 0;
        for line in text.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            let t = pyrite::modules::marshal::loads(&unhex(f[1])).expect("case tree loads");
            let got = outcome(ev.eval(t.as_ptr()));
            n += 1;
            if got != f[2] {
                fail.push(format!("{}\n   want {}\n    got {}", f[0], f[2], got));
            }
        }
        println!("anext cases: {} pass, {} fail", n - fail.len(), fail.len());
        assert!(fail.is_empty(), "{}", fail.join("\n"));
    }
}

// ---- every callable of the module on many argument combinations: no crash,
// no panic (a panic surfaces as SystemError "pyrite internal error"), and
// every failure is an exception.

#[test]
fn every_builtin_survives_odd_arguments() {
    let _g = init();
    let module = unsafe { Owned::from_raw(builtins::init_module()) }.expect("init_module");
    unsafe {
        let big = {
            let two = pyrite::objects::longobject::from_i64(2).unwrap();
            let e = pyrite::objects::longobject::from_i64(70).unwrap();
            num::power(two.as_ptr(), e.as_ptr(), pyrite::objects::noneobject::none_ptr()).unwrap()
        };
        let int = |v: i64| pyrite::objects::longobject::from_i64(v).unwrap();
        let list1 = listobject::from_owned(vec![int(1)]).unwrap();
        let dict1 = dictobject::new_dict().unwrap();
        dictobject::set_item(dict1.as_ptr(), int(1).as_ptr(), int(2).as_ptr()).unwrap();
        let pool: Vec<Owned> = vec![
            pyrite::objects::noneobject::none(),
            int(0),
            int(-1),
            int(3),
            big.clone(),
            pyrite::objects::floatobject::from_f64(1.5).unwrap(),
            unicodeobject::from_str("ab").unwrap(),
            pyrite::objects::bytesobject::from_slice(b"x").unwrap(),
            list1,
            dict1,
            tupleobject::from_owned(vec![int(1)]).unwrap(),
            ab::getattr_str(module.as_ptr(), "len").unwrap(),
            ab::getattr_str(module.as_ptr(), "int").unwrap(),
            pyrite::objects::boolobject::owned_bool(true),
        ];
        let kwsets: Vec<Vec<(&str, Owned)>> = vec![
            vec![],
            vec![("key", ab::getattr_str(module.as_ptr(), "len").unwrap())],
            vec![("default", int(0))],
            vec![("start", int(1))],
            vec![("strict", pyrite::objects::boolobject::owned_bool(true))],
            vec![("sep", unicodeobject::from_str("").unwrap()), ("x", int(1))],
        ];
        let names = ab::dir(module.as_ptr()).unwrap();
        let names: Vec<String> = listobject_items(names.as_ptr()).iter().map(|n| s(n.as_ptr())).collect();
        let (mut calls, mut ok, mut raised) = (0usize, 0usize, 0usize);
        let mut panics = Vec::new();
        for name in &names {
            let f = ab::getattr_str(module.as_ptr(), name).unwrap();
            if (*f.type_ptr()).tp_call.is_none() {
                continue;
            }
            let mut arglists: Vec<Vec<*mut PyObject>> = vec![vec![]];
            for a in &pool {
                arglists.push(vec![a.as_ptr()]);
                for b in &pool {
                    arglists.push(vec![a.as_ptr(), b.as_ptr()]);
                    for c in &pool {
                        arglists.push(vec![a.as_ptr(), b.as_ptr(), c.as_ptr()]);
                    }
                }
            }
            for args in &arglists {
                // pow(x, 2**70) would compute for ever, in CPython too.
                if name == "pow" && args.contains(&big.as_ptr()) {
                    continue;
                }
                for kws in &kwsets {
                    if !kws.is_empty() && args.len() > 2 {
                        continue;
                    }
                    let t = tupleobject::pack(args).unwrap();
                    let d = dictobject::new_dict().unwrap();
                    for (k, v) in kws {
                        dictobject::set_item_str(d.as_ptr(), k, v.as_ptr()).unwrap();
                    }
                    let kwp = if kws.is_empty() { core::ptr::null_mut() } else { d.as_ptr() };
                    calls += 1;
                    match ab::call(f.as_ptr(), t.as_ptr(), kwp) {
                        Ok(_) => ok += 1,
                        Err(_) => {
                            raised += 1;
                            let e = pyrite::runtime::errors::fetch_instance().expect("an error return sets an exception");
                            let msg = ab::str_string(e.as_ptr());
                            if msg.contains("pyrite internal error") {
                                panics.push(format!("{}{:?}: {}", name, args.len(), msg));
                            }
                        }
                    }
                    OUT.with(|o| o.borrow_mut().clear());
                }
            }
        }
        println!("builtins odd-argument calls: {} ({} returned, {} raised), {} panics", calls, ok, raised, panics.len());
        assert!(panics.is_empty(), "{}", panics.join("\n"));
    }
}

unsafe fn listobject_items(l: *mut PyObject) -> Vec<Owned> {
    unsafe { ab::collect(l).unwrap() }
}
