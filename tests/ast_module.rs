//! The `_ast` module against CPython 3.11:
//! * `stdlib_roundtrip`: every stdlib .py file through `compile(src, …,
//!   PyCF_ONLY_AST)`; the node objects, dumped as `ast.dump(tree,
//!   include_attributes=True)` dumps them, are compared with CPython's dump
//!   (checksums from tests/parser/gen_stdlib.py at test time) and converted
//!   back (`from_py`) to the very tree the parser made; for a sample of files
//!   `compile(tree)` gives the same code object (marshal bytes) as compiling
//!   the source.
//! * `class_facts`: names, bases, `_fields`, `__match_args__`, `_attributes`,
//!   docstrings, None class attributes, constructor errors, instance dicts
//!   and `__reduce__` of every class, and the PyCF_* constants, against
//!   tests/ast_module/gen_facts.py.
//! * `hand_built_trees`: compile() of the trees in tests/ast_module/trees.txt
//!   (built by a small interpreter of constructor expressions), outcome and
//!   error message against tests/ast_module/gen_trees.py.
use pyrite::modules::ast as pyast;
use pyrite::objects::object::*;
use pyrite::objects::{self as o, abstract_};
use pyrite::parser::ast::*;
use pyrite::parser::{ast_dump, parse, Mode};
use pyrite::runtime::errors::{self, PyResult};
use pyrite::runtime::pythonrun::{compile_ast, compile_source};
use pyrite::Owned;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, Once};

static INIT: Once = Once::new();
static LOCK: Mutex<()> = Mutex::new(());

fn init() -> std::sync::MutexGuard<'static, ()> {
    INIT.call_once(|| pyrite::capi::pylifecycle::Py_Initialize());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ast_module")
}

fn python311() -> bool {
    Command::new("python3")
        .args(["-c", "import sys; assert sys.version_info[:2] == (3, 11)"])
        .status()
        .is_ok_and(|s| s.success())
}

fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, e) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
        *e = c;
    }
    let mut crc = !0u32;
    for &b in data {
        crc = table[((crc ^ b as u32) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

/// The pending exception as "Class: message" (cleared).
fn take_exception() -> String {
    let e = errors::fetch_instance().expect("an exception is set");
    unsafe {
        let tp = (*e.as_ptr()).ob_type;
        let name = o::typeobject::short_name(tp);
        let msg = abstract_::str_string(e.as_ptr());
        format!("{name}: {msg}")
    }
}

fn repr(op: *mut PyObject) -> String {
    unsafe { abstract_::repr_string_checked(op) }.unwrap_or_else(|_| panic!("repr failed: {}", take_exception()))
}

fn getattr(op: *mut PyObject, name: &str) -> Option<Owned> {
    unsafe {
        let k = o::unicodeobject::from_str(name).unwrap();
        abstract_::lookup_attr(op, k.as_ptr()).unwrap()
    }
}

fn str_items(op: *mut PyObject) -> Vec<String> {
    unsafe { abstract_::collect(op).unwrap() }.iter().map(|s| unsafe { o::unicodeobject::to_string_lossy(s.as_ptr()) }).collect()
}

/// `ast.dump(node, include_attributes=True)` of Python node objects.
fn py_dump(node: *mut PyObject, out: &mut String) {
    unsafe {
        let st = pyast::state().unwrap();
        if o::typeobject::is_subtype(Py_TYPE(node), st.ast as *mut PyTypeObject) {
            let cls = Py_TYPE(node) as *mut PyObject;
            out.push_str(&o::typeobject::short_name(Py_TYPE(node)));
            out.push('(');
            let mut first = true;
            let fields = str_items(getattr(cls, "_fields").unwrap().as_ptr());
            let attrs = str_items(getattr(cls, "_attributes").unwrap().as_ptr());
            for name in fields.iter().chain(attrs.iter()) {
                let Some(v) = getattr(node, name) else { continue };
                if v.as_ptr() == o::noneobject::none_ptr()
                    && getattr(cls, name).is_some_and(|d| d.as_ptr() == o::noneobject::none_ptr())
                {
                    continue;
                }
                if !first {
                    out.push_str(", ");
                }
                first = false;
                out.push_str(name);
                out.push('=');
                py_dump(v.as_ptr(), out);
            }
            out.push(')');
        } else if o::listobject::is_list(node) {
            out.push('[');
            for (i, &x) in o::listobject::as_slice(node).iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                py_dump(x, out);
            }
            out.push(']');
        } else if o::unicodeobject::is_str_exact(node) {
            // str.__repr__ of the object model still approximates
            // isprintable (no Unicode database yet); the parser's table is
            // CPython's, so strings are shown through it.
            out.push_str(&ast_dump::repr_str_codes(&o::unicodeobject::codepoints(node)));
        } else {
            out.push_str(&repr(node));
        }
    }
}

fn dump_obj(node: *mut PyObject) -> String {
    let mut s = String::new();
    stacker::grow(64 << 20, || py_dump(node, &mut s));
    s
}

#[test]
fn stdlib_roundtrip() {
    if !python311() {
        eprintln!("skipped: no python3 (3.11) on PATH");
        return;
    }
    let _g = init();
    let out = std::env::temp_dir().join(format!("pyrite-ast-stdlib-{}.txt", std::process::id()));
    let gen = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/parser/gen_stdlib.py");
    assert!(Command::new("python3").arg(gen).arg(&out).status().unwrap().success());
    let table = std::fs::read_to_string(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    let (mut total, mut same_cpython, mut parser_same, mut compiled, mut compiled_same) = (0, 0, 0, 0, 0);
    let mut failures = Vec::new();
    for (i, line) in table.lines().enumerate() {
        let f: Vec<&str> = line.split('\t').collect();
        if f[1] != "OK" {
            continue;
        }
        let path = f[0];
        let src = std::fs::read(path).unwrap();
        let Ok(tree) = parse(&src, Mode::Exec, path) else { continue };
        total += 1;
        let rust_dump = ast_dump::dump(&tree, true);
        let want = (f[2].parse::<u32>().unwrap(), f[3].parse::<usize>().unwrap());
        if (crc32(rust_dump.as_bytes()), rust_dump.len()) == want {
            parser_same += 1;
        }
        let obj = match compile_source(&src, path, Py_file_input, PyCF_ONLY_AST, -1) {
            Ok(o) => o,
            Err(_) => {
                failures.push(format!("{path}: to_py raised {}", take_exception()));
                continue;
            }
        };
        let d = dump_obj(obj.as_ptr());
        if (crc32(d.as_bytes()), d.len()) == want {
            same_cpython += 1;
        }
        if d != rust_dump {
            let i = d.bytes().zip(rust_dump.bytes()).position(|(x, y)| x != y).unwrap_or(0);
            let cut = |s: &str| s.get(i.saturating_sub(60)..(i + 60).min(s.len())).unwrap_or("").to_string();
            failures.push(format!(
                "{path}: object dump differs from the parser's dump\n    ours: …{}…\n    want: …{}…",
                cut(&d),
                cut(&rust_dump)
            ));
        }
        match unsafe { pyast::from_py::mod_from_py(obj.as_ptr(), "Module") } {
            Ok((back, deferred)) if back == tree && deferred.is_empty() => {}
            Ok(_) => failures.push(format!("{path}: from_py(to_py(tree)) != tree")),
            Err(_) => failures.push(format!("{path}: from_py raised {}", take_exception())),
        }
        if i % 10 == 0 {
            compiled += 1;
            let a = compile_ast(obj.as_ptr(), path, Py_file_input, 0, -1);
            let b = compile_source(&src, path, Py_file_input, 0, -1);
            match (a, b) {
                (Ok(a), Ok(b)) => unsafe {
                    let (ma, mb) = (pyrite::modules::marshal::dumps(a.as_ptr(), 4), pyrite::modules::marshal::dumps(b.as_ptr(), 4));
                    if ma.is_ok() && ma.ok() == mb.ok() {
                        compiled_same += 1;
                    } else {
                        failures.push(format!("{path}: compile(tree) differs from compile(source)"));
                    }
                },
                (Err(_), Err(_)) => {
                    errors::clear();
                    compiled_same += 1;
                }
                _ => failures.push(format!("{path}: compile(tree) and compile(source) disagree: {}", take_exception())),
            }
        }
    }
    eprintln!(
        "ast stdlib roundtrip: {total} files; object dump == CPython's ast.dump for {same_cpython} \
         (parser's own dump: {parser_same}); compile(tree) == compile(source) for {compiled_same} of {compiled}"
    );
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures[..failures.len().min(30)].join("\n"));
    assert_eq!(same_cpython, parser_same);
    assert!(total > 1000);
}

/// Call class `name` of `_ast` with `args` and keywords.
fn call(name: &str, args: Vec<Owned>, kw: Vec<(String, Owned)>) -> PyResult<Owned> {
    unsafe {
        let st = pyast::state()?;
        let a = o::tupleobject::from_owned(args)?;
        let d = o::dictobject::new_dict()?;
        for (k, v) in kw {
            o::dictobject::set_item_str(d.as_ptr(), &k, v.as_ptr())?;
        }
        abstract_::call(st.ty(name), a.as_ptr(), d.as_ptr())
    }
}

fn pos(end: bool) -> Vec<(String, Owned)> {
    let mut v = vec![("lineno".to_string(), o::longobject::from_i64(1).unwrap()), ("col_offset".into(), o::longobject::from_i64(0).unwrap())];
    if end {
        v.push(("end_lineno".into(), o::longobject::from_i64(1).unwrap()));
        v.push(("end_col_offset".into(), o::longobject::from_i64(0).unwrap()));
    }
    v
}

fn list(items: Vec<Owned>) -> Owned {
    o::listobject::from_owned(items).unwrap()
}

/// The interpreter of gen_trees.py's constructor expressions.
fn eval(e: &Expr) -> PyResult<Owned> {
    match &e.node {
        ExprKind::Constant { value, .. } => o::codeobject::constant_to_object(value),
        ExprKind::List { elts, .. } => Ok(list(elts.iter().map(eval).collect::<PyResult<_>>()?)),
        ExprKind::Tuple { elts, .. } => o::tupleobject::from_owned(elts.iter().map(eval).collect::<PyResult<_>>()?),
        ExprKind::Name { id, .. } => {
            let st = pyast::state()?;
            assert!(id == "AST" || st.class(id).is_some(), "unknown name {id}");
            Ok(unsafe { Owned::from_borrowed(st.ty(id)) })
        }
        ExprKind::BinOp { left, op: Operator::Pow, right } => {
            let (ExprKind::Constant { value: Constant::Int(a), .. }, ExprKind::Constant { value: Constant::Int(b), .. }) =
                (&left.node, &right.node)
            else {
                panic!("unsupported **")
            };
            o::longobject::from_big(&a.pow(u32::try_from(b.clone()).unwrap()))
        }
        ExprKind::UnaryOp { op: UnaryOp::USub, operand } => unsafe { o::abstract_number::negative(eval(operand)?.as_ptr()) },
        ExprKind::Call { func, args, keywords } => {
            let ExprKind::Name { id, .. } = &func.node else { panic!("unsupported call") };
            let mut a: Vec<Owned> = args.iter().map(eval).collect::<PyResult<_>>()?;
            let mut kw = Vec::new();
            for k in keywords {
                match &k.arg {
                    Some(n) => kw.push((n.clone(), eval(&k.value)?)),
                    None => match &k.value.node {
                        ExprKind::Name { id, .. } if id == "P" => kw.extend(pos(false)),
                        ExprKind::Call { func, .. } if matches!(&func.node, ExprKind::Name { id, .. } if id == "Q") => {
                            kw.extend(pos(true))
                        }
                        _ => panic!("unsupported **"),
                    },
                }
            }
            match id.as_str() {
                "E" => {
                    let mut p = pos(false);
                    let mut x = vec![a.remove(0)];
                    x.extend(std::mem::take(&mut a));
                    let stmt = call("Expr", x, std::mem::take(&mut p))?;
                    let empty = list(vec![]);
                    call("Module", vec![list(vec![stmt]), empty], vec![])
                }
                "N" => {
                    let id = if a.is_empty() { o::unicodeobject::from_str("x")? } else { a.remove(0) };
                    let ctx = if a.is_empty() { call("Load", vec![], vec![])? } else { a.remove(0) };
                    call("Name", vec![id, ctx], pos(false))
                }
                "C" => call("Constant", a, pos(false)),
                "PASS" => call("Pass", vec![], pos(false)),
                "M" => {
                    let pass = call("Pass", vec![], pos(false))?;
                    let case = call("match_case", vec![a.remove(0), o::noneobject::none(), list(vec![pass])], vec![])?;
                    let subject = call("Name", vec![o::unicodeobject::from_str("x")?, call("Load", vec![], vec![])?], pos(false))?;
                    let m = call("Match", vec![subject, list(vec![case])], pos(false))?;
                    call("Module", vec![list(vec![m]), list(vec![])], vec![])
                }
                _ => call(id, a, kw),
            }
        }
        _ => panic!("unsupported expression {:?}", e.node),
    }
}

fn normalize(s: &str) -> String {
    // Object addresses in reprs ("<ast.Add object at 0x7f…>") differ run to run.
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find(" at 0x") {
        out.push_str(&rest[..i + 6]);
        rest = rest[i + 6..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
    }
    out.push_str(rest);
    out
}

#[test]
fn hand_built_trees() {
    if !python311() {
        eprintln!("skipped: no python3 (3.11) on PATH");
        return;
    }
    let _g = init();
    let cases = dir().join("trees.txt");
    let out = std::env::temp_dir().join(format!("pyrite-ast-trees-{}.txt", std::process::id()));
    assert!(Command::new("python3").arg(dir().join("gen_trees.py")).arg(&cases).arg(&out).status().unwrap().success());
    let want = std::fs::read_to_string(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    let lines: Vec<&str> = std::fs::read_to_string(&cases)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .leak()
        .iter()
        .map(|s| s.as_str())
        .collect();
    let want: Vec<&str> = want.lines().collect();
    assert_eq!(lines.len(), want.len());
    let (mut same, mut diffs) = (0, Vec::new());
    for (line, want) in lines.iter().zip(want) {
        let (mode, expr) = line.split_once('\t').unwrap();
        let start = match mode {
            "exec" => Py_file_input,
            "eval" => Py_eval_input,
            "single" => Py_single_input,
            _ => Py_func_type_input,
        };
        let Ok(Mod::Expression { body }) = parse(expr.as_bytes(), Mode::Eval, "<case>") else { panic!("bad case {expr}") };
        let got = match eval(&body) {
            Ok(tree) => match compile_ast(tree.as_ptr(), "<t>", start, 0, -1) {
                Ok(_) => "OK".to_string(),
                Err(_) => take_exception(),
            },
            Err(_) => format!("building the tree raised {}", take_exception()),
        };
        if normalize(&got) == normalize(want) {
            same += 1;
        } else {
            diffs.push(format!("{expr}\n    ours: {got}\n    want: {want}"));
        }
    }
    eprintln!("hand-built trees: {same} of {} as CPython", lines.len());
    assert!(diffs.is_empty(), "{} differences:\n{}", diffs.len(), diffs.join("\n"));
}

/// Class-dict entries `type()` itself makes for a subclass (slot wrappers
/// and the `__weakref__` descriptor): the object model's `type()` does not
/// make them as CPython's does yet, and they are not `_ast`'s doing, so the
/// comparison of class dicts leaves them out (except for `AST`).
const TYPE_MADE: [&str; 4] = ["__getattribute__", "__setattr__", "__delattr__", "__weakref__"];

fn without_type_made(line: &str) -> String {
    let mut f: Vec<String> = line.split('\t').map(|s| s.to_string()).collect();
    if f[0] != "const" && f[0] != "AST" && f.len() > 9 {
        f[9] = f[9].split(',').filter(|k| !TYPE_MADE.contains(k)).collect::<Vec<_>>().join(",");
    }
    f.join("\t")
}

#[test]
fn class_facts() {
    if !python311() {
        eprintln!("skipped: no python3 (3.11) on PATH");
        return;
    }
    let _g = init();
    let out = std::env::temp_dir().join(format!("pyrite-ast-facts-{}.txt", std::process::id()));
    assert!(Command::new("python3").arg(dir().join("gen_facts.py")).arg(&out).status().unwrap().success());
    let want = std::fs::read_to_string(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    let m = unsafe { Owned::from_raw(pyast::init_module()) }.unwrap();
    let mdict = unsafe { o::moduleobject::get_dict(m.as_ptr()).unwrap() };
    let mut got = String::new();
    let mut consts = Vec::new();
    unsafe {
        for line in want.lines() {
            let name = line.split('\t').nth(if line.starts_with("const\t") { 1 } else { 0 }).unwrap();
            let v = o::dictobject::get_item_str(mdict, name).unwrap().unwrap_or_else(|| panic!("_ast.{name} missing"));
            if line.starts_with("const\t") {
                consts.push(format!("const\t{name}\t{}\n", repr(v.as_ptr())));
                continue;
            }
            let c = v.as_ptr();
            let tp = c as *mut PyTypeObject;
            let base = o::typeobject::short_name((*tp).tp_base);
            let fields = str_items(getattr(c, "_fields").unwrap().as_ptr());
            let margs = str_items(getattr(c, "__match_args__").unwrap().as_ptr());
            let attrs = str_items(getattr(c, "_attributes").unwrap().as_ptr());
            let doc = getattr(c, "__doc__").unwrap();
            let mut nones: Vec<String> = o::dictobject::items_owned((*tp).tp_dict)
                .into_iter()
                .filter(|(k, v)| {
                    let k = o::unicodeobject::to_string_lossy(k.as_ptr());
                    v.as_ptr() == o::noneobject::none_ptr() && !k.starts_with("__")
                })
                .map(|(k, _)| o::unicodeobject::to_string_lossy(k.as_ptr()))
                .collect();
            nones.sort();
            let n = fields.len();
            let ints = |k: usize| -> Vec<Owned> { (0..k).map(|i| o::longobject::from_i64(i as i64).unwrap()).collect() };
            let args = o::tupleobject::from_owned(ints(n + 1)).unwrap();
            let err = match abstract_::call(c, args.as_ptr(), core::ptr::null_mut()) {
                Ok(_) => "-".to_string(),
                Err(_) => take_exception().split_once(": ").unwrap().1.to_string(),
            };
            let args = o::tupleobject::from_owned(ints(n)).unwrap();
            let inst = abstract_::call(c, args.as_ptr(), core::ptr::null_mut()).unwrap();
            let d = getattr(inst.as_ptr(), "__dict__").unwrap();
            let mut items: Vec<(String, String, String)> = o::dictobject::items_owned(d.as_ptr())
                .into_iter()
                .map(|(k, v)| (o::unicodeobject::to_string_lossy(k.as_ptr()), repr(k.as_ptr()), repr(v.as_ptr())))
                .collect();
            items.sort();
            let vars = format!("[{}]", items.iter().map(|(_, k, v)| format!("({k}, {v})")).collect::<Vec<_>>().join(", "));
            got.push_str(
                &[
                    name.to_string(),
                    base,
                    fields.join(","),
                    margs.join(","),
                    attrs.join(","),
                    repr(doc.as_ptr()),
                    nones.join(","),
                    err,
                    vars,
                    {
                        let mut keys: Vec<String> = o::dictobject::items_owned((*tp).tp_dict)
                            .into_iter()
                            .map(|(k, _)| o::unicodeobject::to_string_lossy(k.as_ptr()))
                            .filter(|k| !TYPE_MADE.contains(&k.as_str()) || name == "AST")
                            .collect();
                        keys.sort();
                        keys.join(",")
                    },
                    if n == 0 {
                        let four = o::longobject::from_i64(4).unwrap();
                        match abstract_::call_method(inst.as_ptr(), "__reduce_ex__", &[four.as_ptr()]) {
                            Ok(r) => repr(r.as_ptr()),
                            Err(_) => take_exception(),
                        }
                    } else {
                        "-".to_string()
                    },
                ]
                .join("\t"),
            );
            got.push('\n');
        }
    }
    got.extend(consts);
    let want: String = want.lines().map(|l| without_type_made(l) + "\n").collect();
    let wl: Vec<&str> = want.lines().collect();
    let gl: Vec<&str> = got.lines().collect();
    let diffs: Vec<String> =
        wl.iter().zip(&gl).filter(|(a, b)| a != b).map(|(a, b)| format!("  want: {a}\n  ours: {b}")).collect();
    assert!(diffs.is_empty(), "{} classes differ:\n{}", diffs.len(), diffs.join("\n"));
    assert_eq!(wl.len(), gl.len());
}

#[test]
fn reduce_and_singletons() {
    if !python311() {
        eprintln!("skipped: no python3 (3.11) on PATH");
        return;
    }
    let _g = init();
    let want = Command::new("python3")
        .args([
            "-c",
            "import ast; t = ast.parse('x = y'); print(repr(ast.BinOp(1, ast.Add(), 3).__reduce__())); \
             print(repr(ast.AST().__reduce__())); print(t.body[0].targets[0].ctx is ast.parse('z = 1').body[0].targets[0].ctx)",
        ])
        .output()
        .unwrap();
    let want = String::from_utf8(want.stdout).unwrap();
    let mut got = String::new();
    unsafe {
        let add = call("Add", vec![], vec![]).unwrap();
        let b = call("BinOp", vec![o::longobject::from_i64(1).unwrap(), add, o::longobject::from_i64(3).unwrap()], vec![]).unwrap();
        let r = abstract_::call_method(b.as_ptr(), "__reduce__", &[]).unwrap();
        let r = repr(r.as_ptr());
        // The Add instance's address differs; compare up to it.
        got.push_str(&r);
        got.push('\n');
        let st = pyast::state().unwrap();
        let e = o::tupleobject::new_empty().unwrap();
        let a = abstract_::call(st.ast, e.as_ptr(), core::ptr::null_mut()).unwrap();
        got.push_str(&repr(abstract_::call_method(a.as_ptr(), "__reduce__", &[]).unwrap().as_ptr()));
        got.push('\n');
        let ctx_of = |src: &str| {
            let t = compile_source(src.as_bytes(), "<s>", Py_file_input, PyCF_ONLY_AST, -1).unwrap();
            let body = getattr(t.as_ptr(), "body").unwrap();
            let s0 = o::listobject::get_item(body.as_ptr(), 0);
            let tg = getattr(s0, "targets").unwrap();
            getattr(o::listobject::get_item(tg.as_ptr(), 0), "ctx").unwrap()
        };
        let same = ctx_of("x = y").as_ptr() == ctx_of("z = 1").as_ptr();
        got.push_str(if same { "True\n" } else { "False\n" });
    }
    assert_eq!(normalize(&got), normalize(&want));
}

/// Every node object of a tree, parents first.
fn collect_nodes(node: *mut PyObject, out: &mut Vec<Owned>) {
    unsafe {
        let st = pyast::state().unwrap();
        if o::typeobject::is_subtype(Py_TYPE(node), st.ast as *mut PyTypeObject) {
            out.push(Owned::from_borrowed(node));
            let fields = str_items(getattr(Py_TYPE(node) as *mut PyObject, "_fields").unwrap().as_ptr());
            for f in fields {
                if let Some(v) = getattr(node, &f) {
                    collect_nodes(v.as_ptr(), out);
                }
            }
        } else if o::listobject::is_list(node) {
            for x in o::listobject::as_slice(node).to_vec() {
                collect_nodes(x, out);
            }
        }
    }
}

/// Trees of stdlib files with random fields replaced, deleted or shared:
/// compile() raises or succeeds, and never panics.
#[test]
fn mutated_trees_never_panic() {
    let _g = init();
    let libdir = Command::new("python3").args(["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"]).output();
    let Ok(libdir) = libdir else { return };
    let libdir = PathBuf::from(String::from_utf8(libdir.stdout).unwrap().trim());
    let files = ["ast.py", "dataclasses.py", "textwrap.py", "functools.py", "enum.py", "re/_parser.py", "typing.py"];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut rnd = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let (mut ok, mut raised) = (0, 0);
    for f in files {
        let Ok(src) = std::fs::read(libdir.join(f)) else { continue };
        for _round in 0..60 {
            let tree = compile_source(&src, f, Py_file_input, PyCF_ONLY_AST, -1).unwrap();
            let mut nodes = Vec::new();
            collect_nodes(tree.as_ptr(), &mut nodes);
            for _ in 0..1 + rnd(4) {
                let n = &nodes[rnd(nodes.len())];
                let cls = unsafe { Py_TYPE(n.as_ptr()) } as *mut PyObject;
                let mut names = str_items(getattr(cls, "_fields").unwrap().as_ptr());
                names.extend(str_items(getattr(cls, "_attributes").unwrap().as_ptr()));
                if names.is_empty() {
                    continue;
                }
                let name = names[rnd(names.len())].clone();
                let other = nodes[rnd(nodes.len())].as_ptr();
                let value: Option<Owned> = unsafe {
                    match rnd(12) {
                        0 => None,
                        1 => Some(o::noneobject::none()),
                        2 => Some(o::longobject::from_i64([-1, 0, 1, 2147483647, -2147483648, 1 << 40][rnd(6)]).unwrap()),
                        3 => Some(o::unicodeobject::from_str(["x", "None", "_", ""][rnd(4)]).unwrap()),
                        4 => Some(list(vec![])),
                        5 => Some(list(vec![o::noneobject::none()])),
                        6 => Some(list(vec![Owned::from_borrowed(other)])),
                        7 => Some(call(["Load", "Store", "Del", "Add", "Not", "Eq"][rnd(6)], vec![], vec![]).unwrap()),
                        8 => Some(o::bytesobject::from_slice(b"b").unwrap()),
                        9 => Some(o::floatobject::from_f64(f64::NAN).unwrap()),
                        _ => Some(Owned::from_borrowed(other)),
                    }
                };
                let k = o::unicodeobject::from_str(&name).unwrap();
                let r = unsafe {
                    match &value {
                        Some(v) => abstract_::setattr(n.as_ptr(), k.as_ptr(), v.as_ptr()),
                        None => abstract_::setattr(n.as_ptr(), k.as_ptr(), core::ptr::null_mut()),
                    }
                };
                if r.is_err() {
                    errors::clear();
                }
            }
            let t = tree.as_ptr() as usize;
            let r = std::panic::catch_unwind(|| compile_ast(t as *mut PyObject, "<fuzz>", Py_file_input, 0, -1).is_ok());
            match r {
                Ok(true) => ok += 1,
                Ok(false) => {
                    errors::clear();
                    raised += 1
                }
                Err(_) => panic!("compile() of a mutated tree of {f} panicked"),
            }
        }
    }
    eprintln!("mutated trees: {ok} compiled, {raised} raised");
}

/// The object model keeps no node alive after the trees are dropped.
#[test]
fn no_leaks() {
    let _g = init();
    let src = b"import os\nclass C(B, metaclass=M):\n    def f(self, a, /, b=1, *c, d, **e) -> int:\n        return [x for x in y if x] or {**a, 'k': (1, 2.5, 3j, b'x', ...)}\n\nmatch x:\n    case [1, *r] | {'k': C(a=2), **r} if r:\n        pass\n";
    let round = || {
        let t = compile_source(src, "<s>", Py_file_input, PyCF_ONLY_AST, -1).unwrap();
        let c = compile_ast(t.as_ptr(), "<s>", Py_file_input, 0, -1).unwrap();
        drop(c);
        drop(t);
    };
    round();
    let before = pyrite::objects::pyref::live_objects();
    for _ in 0..5 {
        round();
    }
    assert_eq!(pyrite::objects::pyref::live_objects(), before);
}

/// `compile(src, mode, PyCF_ONLY_AST)` in every mode against `ast.parse`.
#[test]
fn other_modes() {
    if !python311() {
        eprintln!("skipped: no python3 (3.11) on PATH");
        return;
    }
    let _g = init();
    let cases = [
        ("eval", "a if b else c"),
        ("eval", "[x for x in y]"),
        ("single", "x = 1"),
        ("single", "if x:\n    pass\n"),
        ("func_type", "(int, *str) -> List[int]"),
        ("func_type", "() -> None"),
        ("exec", ""),
        ("exec", "u'a' 'b'\nf'{x!r:>{w}}'\n"),
    ];
    for (mode, src) in cases {
        let want = Command::new("python3")
            .args(["-c", "import ast, sys; print(ast.dump(ast.parse(sys.argv[1], mode=sys.argv[2]), include_attributes=True))", src, mode])
            .output()
            .unwrap();
        let want = String::from_utf8(want.stdout).unwrap();
        let start = match mode {
            "exec" => Py_file_input,
            "eval" => Py_eval_input,
            "single" => Py_single_input,
            _ => Py_func_type_input,
        };
        let t = compile_source(src.as_bytes(), "<s>", start, PyCF_ONLY_AST, -1).unwrap();
        assert_eq!(dump_obj(t.as_ptr()), want.trim_end(), "{mode}: {src:?}");
    }
}

/// Mutated stdlib trees (tests/ast_module/gen_mutants.py): compile()'s
/// outcome and message as CPython's.
#[test]
fn mutated_trees_match_cpython() {
    if !python311() {
        eprintln!("skipped: no python3 (3.11) on PATH");
        return;
    }
    let _g = init();
    let n = std::env::var("PYRITE_AST_MUTANTS").unwrap_or_else(|_| "1500".into());
    let out = std::env::temp_dir().join(format!("pyrite-ast-mutants-{}.txt", std::process::id()));
    let st = Command::new("python3").arg(dir().join("gen_mutants.py")).arg(&out).arg(&n).arg(std::env::var("PYRITE_AST_MUTANT_SEED").unwrap_or_else(|_| "7".into())).status().unwrap();
    assert!(st.success());
    let table = std::fs::read(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    let table = String::from_utf8_lossy(&table).into_owned();
    let (mut total, mut same, mut unreadable) = (0, 0, 0);
    let mut diffs = Vec::new();
    for line in table.lines() {
        let (expr, want) = line.split_once('\t').unwrap();
        let Ok(Mod::Expression { body }) = parse(expr.as_bytes(), Mode::Eval, "<case>") else {
            unreadable += 1;
            continue;
        };
        total += 1;
        let got = match eval(&body) {
            Ok(tree) => match compile_ast(tree.as_ptr(), "<t>", Py_file_input, 0, -1) {
                Ok(_) => "OK".to_string(),
                Err(_) => take_exception(),
            },
            Err(_) => format!("building the tree raised {}", take_exception()),
        };
        if normalize(&got) == normalize(want) {
            same += 1;
        } else if diffs.len() < 25 {
            diffs.push(format!("{}\n    ours: {got}\n    want: {want}", &expr[..expr.len().min(400)]));
        }
    }
    eprintln!("mutated trees: {same} of {total} as CPython ({unreadable} cases too deep for the case parser)");
    assert!(diffs.is_empty(), "{} differences, first ones:\n{}", total - same, diffs.join("\n"));
}

/// Deeply nested node objects: compiled at a depth CPython compiles, the
/// conversion's RecursionError beyond the recursion limit.
#[test]
fn deep_trees() {
    if !python311() {
        eprintln!("skipped: no python3 (3.11) on PATH");
        return;
    }
    let _g = init();
    let want = Command::new("python3")
        .args([
            "-c",
            "import ast\nfor n in (900, 5000):\n    x = ast.Name('x', ast.Load(), lineno=1, col_offset=0)\n    \
             for i in range(n): x = ast.UnaryOp(ast.Not(), x, lineno=1, col_offset=0)\n    \
             try: compile(ast.Expression(x), '<t>', 'eval'); print('OK')\n    \
             except Exception as e: print(type(e).__name__ + ': ' + str(e))",
        ])
        .output()
        .unwrap();
    let want = String::from_utf8(want.stdout).unwrap();
    let mut got = String::new();
    for n in [900, 5000] {
        let load = call("Load", vec![], vec![]).unwrap();
        let mut x = call("Name", vec![o::unicodeobject::from_str("x").unwrap(), load], pos(false)).unwrap();
        for _ in 0..n {
            let not = call("Not", vec![], vec![]).unwrap();
            x = call("UnaryOp", vec![not, x], pos(false)).unwrap();
        }
        let tree = call("Expression", vec![x], vec![]).unwrap();
        match compile_ast(tree.as_ptr(), "<t>", Py_eval_input, 0, -1) {
            Ok(_) => got.push_str("OK\n"),
            Err(_) => {
                got.push_str(&take_exception());
                got.push('\n');
            }
        }
    }
    assert_eq!(got, want);
}
