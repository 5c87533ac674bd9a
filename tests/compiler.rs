//! Compiler tests: our code objects against CPython 3.11's, field by field.
//!
//! * Corpus: tests/compiler/cases/*.py with committed CPython dumps (*.json, made
//!   by tests/compiler/gen_code.py): symbol-table facts + every code object.
//! * Stdlib sweep: every Nth file of the installed 3.11 stdlib, dumped by
//!   python3 at test time; prints the share of identical code objects and the
//!   top causes of difference; asserts a floor (raise it as the compiler improves).
//! * Error corpus: tests/compiler/errors.tsv (hex source, class, msg, lineno,
//!   offset, end_lineno, end_offset; SyntaxWarnings by message and line).
//! * Deep trees: no stack overflow, RecursionError past the limit.
//! Environment: PYRITE_COMPILER_SWEEP_STEP (default 7), _FILTER (path substring),
//! PYRITE_COMPILER_OWN_PARSER (sweep trees from pyrite's parser, not the bridge),
//! _VERBOSE (print every difference); PYRITE_COMPILER_CPYTHON_SCOPES (use
//! CPython's symtable facts instead of ours, to locate a difference).
//! Trees come from the AST bridge (CPython's `ast`) until pyrite's parser is
//! merged; the rest (future, ast_opt, symtable, codegen) is ours.

#[path = "common/ast_from_py.rs"]
mod ast_from_py;

use pyrite::compiler::code::{CodeConst, CodeUnit};
use pyrite::compiler::opcode::{self, Op};
use pyrite::compiler::tables;
use pyrite::compiler::scopes::{BlockType, ScopeInfo};
use pyrite::compiler::{compile, compile_with_scopes, CompileError, CompileMode};
use pyrite::parser::ast::{Constant, Mod};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn scope_from_json(v: &Value) -> ScopeInfo {
    let kind = match v["kind"].as_str().unwrap() {
        "module" => BlockType::Module,
        "class" => BlockType::Class,
        _ => BlockType::Function,
    };
    let mut s = ScopeInfo::new(kind, v["name"].as_str().unwrap(), v["lineno"].as_u64().unwrap() as u32);
    for (k, f) in v["symbols"].as_object().unwrap() {
        s.symbols.insert(k.clone(), f.as_u64().unwrap() as u32);
    }
    s.varnames = v["varnames"].as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()).collect();
    let b = |k: &str| v[k].as_bool().unwrap_or(false);
    s.generator = b("generator");
    s.coroutine = b("coroutine");
    s.nested = b("nested");
    s.varargs = b("varargs");
    s.varkeywords = b("varkeywords");
    s.needs_class_closure = b("needs_class_closure");
    s.comprehension = b("comprehension");
    s.children = v["children"].as_array().unwrap().iter().map(scope_from_json).collect();
    s
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{:02x}", x)).collect()
}

fn utf8_surrogatepass(cps: &[u32]) -> Vec<u8> {
    let mut out = Vec::new();
    for &c in cps {
        if c < 0x80 {
            out.push(c as u8);
        } else if c < 0x800 {
            out.push(0xc0 | (c >> 6) as u8);
            out.push(0x80 | (c & 0x3f) as u8);
        } else if c < 0x10000 {
            out.push(0xe0 | (c >> 12) as u8);
            out.push(0x80 | ((c >> 6) & 0x3f) as u8);
            out.push(0x80 | (c & 0x3f) as u8);
        } else {
            out.push(0xf0 | (c >> 18) as u8);
            out.push(0x80 | ((c >> 12) & 0x3f) as u8);
            out.push(0x80 | ((c >> 6) & 0x3f) as u8);
            out.push(0x80 | (c & 0x3f) as u8);
        }
    }
    out
}

/// Same canonical form as `const()` in cpython_code.py.
fn const_repr(c: &Constant) -> String {
    match c {
        Constant::None => "None".into(),
        Constant::Bool(true) => "True".into(),
        Constant::Bool(false) => "False".into(),
        Constant::Ellipsis => "Ellipsis".into(),
        Constant::Int(i) => format!("int:{}", i),
        Constant::Float(f) => format!("float:{:016x}", f.to_bits()),
        Constant::Complex { real, imag } => format!("complex:{:016x}:{:016x}", real.to_bits(), imag.to_bits()),
        Constant::Str(s) => format!("str:{}", hex(s.as_bytes())),
        Constant::StrCodes(cps) => format!("str:{}", hex(&utf8_surrogatepass(cps))),
        Constant::Bytes(b) => format!("bytes:{}", hex(b)),
        Constant::Tuple(t) => format!("({})", t.iter().map(const_repr).collect::<Vec<_>>().join(",")),
        Constant::FrozenSet(t) => {
            let mut v: Vec<String> = t.iter().map(const_repr).collect();
            v.sort();
            v.dedup();
            format!("frozenset{{{}}}", v.join(","))
        }
    }
}

/// One code object as comparable fields (name → rendered value).
type Dump = BTreeMap<&'static str, String>;

const FIELDS: &[&str] = &[
    "qualname",
    "name",
    "firstlineno",
    "argcount",
    "posonlyargcount",
    "kwonlyargcount",
    "flags",
    "names",
    "localsplus",
    "kinds",
    "consts",
    "code",
    "stacksize",
    "exceptiontable",
    "linetable",
];

fn dump_ours(co: &CodeUnit, out: &mut Vec<Dump>) {
    let mut d = Dump::new();
    d.insert("qualname", co.qualname.clone());
    d.insert("name", co.name.clone());
    d.insert("firstlineno", co.firstlineno.to_string());
    d.insert("argcount", co.argcount.to_string());
    d.insert("posonlyargcount", co.posonlyargcount.to_string());
    d.insert("kwonlyargcount", co.kwonlyargcount.to_string());
    d.insert("stacksize", co.stacksize.to_string());
    d.insert("flags", co.flags.to_string());
    d.insert("code", hex(&co.code));
    let consts: Vec<String> = co
        .consts
        .iter()
        .map(|c| match c {
            CodeConst::Value(v) => const_repr(v),
            CodeConst::Code(c) => format!("code:{}", c.qualname),
        })
        .collect();
    d.insert("consts", consts.join(" "));
    d.insert("names", co.names.join(" "));
    d.insert("localsplus", co.localsplusnames.join(" "));
    d.insert("kinds", hex(&co.localspluskinds));
    d.insert("linetable", hex(&co.linetable));
    d.insert("exceptiontable", hex(&co.exceptiontable));
    out.push(d);
    for c in &co.consts {
        if let CodeConst::Code(c) = c {
            dump_ours(c, out);
        }
    }
}

fn dump_py(v: &Value) -> Vec<Dump> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|o| {
            let mut d = Dump::new();
            for &f in FIELDS {
                let x = &o[f];
                let s = match x {
                    Value::String(s) => s.clone(),
                    Value::Number(n) => n.to_string(),
                    Value::Array(a) => a.iter().map(|e| e.as_str().unwrap().to_string()).collect::<Vec<_>>().join(" "),
                    _ => String::new(),
                };
                d.insert(f, s);
            }
            d
        })
        .collect()
}

/// A dis-like listing of `co_code` (hex), opcode names from opcode.rs.
fn listing(code_hex: &str) -> String {
    let bytes: Vec<u8> = (0..code_hex.len() / 2).map(|i| u8::from_str_radix(&code_hex[2 * i..2 * i + 2], 16).unwrap()).collect();
    let mut s = String::new();
    let mut i = 0;
    while i + 1 < bytes.len() {
        let op = Op::from_byte(bytes[i]);
        let name = opcode::opname(bytes[i]);
        if op != Some(Op::CACHE) {
            s.push_str(&format!("    {:4} {:<28} {}\n", i, name, bytes[i + 1]));
        }
        i += 2;
    }
    s
}

/// Compare one file's code objects; returns (identical, total, first differing field per object).
fn compare(ours: &[Dump], theirs: &[Dump], verbose: bool, label: &str) -> (usize, usize, Vec<&'static str>) {
    let mut same = 0;
    let mut causes = Vec::new();
    for (i, t) in theirs.iter().enumerate() {
        let Some(o) = ours.get(i) else {
            causes.push("missing code object");
            continue;
        };
        let bad: Vec<&'static str> = FIELDS.iter().copied().filter(|f| o.get(f) != t.get(f)).collect();
        if bad.is_empty() {
            same += 1;
            continue;
        }
        causes.push(bad[0]);
        if verbose {
            eprintln!("--- {label}: code object {} ({}) differs in {:?}", i, t["qualname"], bad);
            if bad.contains(&"linetable") {
                let unhex = |h: &str| -> Vec<u8> { (0..h.len() / 2).map(|i| u8::from_str_radix(&h[2 * i..2 * i + 2], 16).unwrap()).collect() };
                let fl: i32 = t["firstlineno"].parse().unwrap();
                let n = o["code"].len().max(t["code"].len()) / 4;
                let pa = tables::positions(&unhex(&o["linetable"]), fl, n);
                let pb = tables::positions(&unhex(&t["linetable"]), fl, n);
                if let Some(k) = pa.iter().zip(pb.iter()).position(|(x, y)| x != y) {
                    let code = unhex(&t["code"]);
                    let mut j = 2 * k;
                    while j >= 2 && code.get(j).map_or(false, |&b| b == 0) {
                        j -= 2;
                    }
                    let op = code.get(j).map(|&b| opcode::opname(b)).unwrap_or_default();
                    eprintln!("  positions differ first at offset {} ({op}): ours {:?} cpython {:?}", 2 * k, pa[k], pb[k]);
                } else {
                    eprintln!("  positions: lengths {} vs {}", pa.len(), pb.len());
                }
            }
            if bad.contains(&"exceptiontable") {
                let unhex = |h: &str| -> Vec<u8> { (0..h.len() / 2).map(|i| u8::from_str_radix(&h[2 * i..2 * i + 2], 16).unwrap()).collect() };
                eprintln!("  exceptions ours:    {:?}", tables::decode_exceptions(&unhex(&o["exceptiontable"])));
                eprintln!("  exceptions cpython: {:?}", tables::decode_exceptions(&unhex(&t["exceptiontable"])));
            }
            for f in &bad {
                if *f != "code" && *f != "linetable" && *f != "exceptiontable" {
                    eprintln!("  {f}:\n    ours:    {}\n    cpython: {}", o[f], t[f]);
                }
            }
            if bad.contains(&"code") {
                let (a, b) = (listing(&o["code"]), listing(&t["code"]));
                let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
                let first = a.iter().zip(b.iter()).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
                let lo = first.saturating_sub(4);
                eprintln!("  ours (from instruction {first}):");
                for l in a.iter().skip(lo).take(12) {
                    eprintln!("{l}");
                }
                eprintln!("  cpython:");
                for l in b.iter().skip(lo).take(12) {
                    eprintln!("{l}");
                }
            }
        }
    }
    (same, theirs.len(), causes)
}

/// Our full pipeline (future, ast_opt, symtable, codegen); with
/// PYRITE_COMPILER_CPYTHON_SCOPES set, CPython's scope facts replace our symbol
/// table (to tell symbol-table from code-generator differences).
fn compile_ours(m: &Mod, scopes: &ScopeInfo, path: &str) -> Result<Vec<Dump>, CompileError> {
    let (co, _) = if std::env::var("PYRITE_COMPILER_CPYTHON_SCOPES").is_ok() {
        let mut t = m.clone();
        pyrite::compiler::ast_opt::optimize(&mut t, 0, 0).map_err(CompileError::from_sym)?;
        compile_with_scopes(&t, scopes, path, 0, 0, 0)?
    } else {
        compile(m, path, CompileMode::Exec, 0, 0)?
    };
    let mut out = Vec::new();
    dump_ours(&co, &mut out);
    Ok(out)
}

fn cases() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("tests/compiler/cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().map_or(false, |e| e == "py"))
        .collect();
    v.sort();
    v
}

#[test]
fn corpus_matches_cpython() {
    if Command::new("python3").arg("-V").output().is_err() {
        eprintln!("compiler corpus skipped: no python3 for the AST bridge");
        return;
    }
    let files = cases();
    let asts = ast_from_py::cpython_ast_batch(&files, "exec");
    let (mut same, mut total) = (0, 0);
    let mut failed = Vec::new();
    for (p, m) in files.iter().zip(asts) {
        let m = m.unwrap();
        let exp: Value = serde_json::from_str(&std::fs::read_to_string(p.with_extension("json")).unwrap()).unwrap();
        let scopes = scope_from_json(&exp["scopes"]);
        let theirs = dump_py(&exp["code"]);
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        match compile_ours(&m, &scopes, exp["path"].as_str().unwrap()) {
            Ok(ours) => {
                let (s, t, _) = compare(&ours, &theirs, true, &name);
                same += s;
                total += t;
                if s != t {
                    failed.push(name);
                }
            }
            Err(e) => {
                eprintln!("--- {name}: compile error {e:?}");
                total += theirs.len();
                failed.push(name);
            }
        }
    }
    eprintln!("compiler corpus: {same} of {total} code objects identical to CPython 3.11's; files differing: {failed:?}");
    let floor: usize = std::fs::read_to_string(root().join("tests/compiler/corpus_floor.txt"))
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(total);
    assert!(same >= floor, "{same} identical code objects, floor is {floor}");
}

fn stdlib() -> Option<String> {
    let out = Command::new("python3")
        .args(["-c", "import sys, sysconfig; assert sys.version_info[:2] == (3, 11); print(sysconfig.get_paths()['stdlib'])"])
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    Some(String::from_utf8(out.stdout).ok()?.trim().to_string())
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut v: Vec<PathBuf> = rd.map(|e| e.unwrap().path()).collect();
    v.sort();
    for p in v {
        if p.is_dir() {
            if p.file_name().map_or(false, |n| n == "site-packages") {
                continue;
            }
            walk(&p, out);
        } else if p.extension().map_or(false, |e| e == "py") {
            out.push(p);
        }
    }
}

fn cpython_dumps(paths: &[PathBuf]) -> Vec<Value> {
    let mut child = Command::new("python3")
        .arg(root().join("tests/compiler/cpython_code.py"))
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3");
    let input: String = paths.iter().map(|p| format!("{}\n", p.display())).collect();
    let mut stdin = child.stdin.take().unwrap();
    let w = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    w.join().unwrap().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines()
        .map(|l| {
            let mut de = serde_json::Deserializer::from_str(l);
            de.disable_recursion_limit();
            de.into_iter::<Value>().next().unwrap().unwrap()
        })
        .collect()
}

#[test]
fn stdlib_sweep() {
    let Some(lib) = stdlib() else {
        eprintln!("compiler stdlib sweep skipped: no python3 3.11");
        return;
    };
    let step: usize = std::env::var("PYRITE_COMPILER_SWEEP_STEP").ok().and_then(|s| s.parse().ok()).unwrap_or(7);
    let mut all = Vec::new();
    walk(Path::new(&lib), &mut all);
    let filter = std::env::var("PYRITE_COMPILER_SWEEP_FILTER").unwrap_or_default();
    let files: Vec<PathBuf> =
        all.into_iter().step_by(step).filter(|p| p.to_string_lossy().contains(filter.as_str())).collect();
    let dumps = cpython_dumps(&files);
    // PYRITE_COMPILER_OWN_PARSER: trees from pyrite's parser (full pipeline).
    let asts: Vec<Result<Mod, String>> = if std::env::var("PYRITE_COMPILER_OWN_PARSER").is_ok() {
        files
            .iter()
            .map(|p| pyrite::parser::parse(&std::fs::read(p).unwrap(), pyrite::parser::Mode::Exec, "x").map_err(|e| format!("{e:?}")))
            .collect()
    } else {
        ast_from_py::cpython_ast_batch(&files, "exec").into_iter().map(|r| r.map_err(|e| format!("{e:?}"))).collect()
    };
    let (mut same, mut total, mut files_same, mut nfiles) = (0, 0, 0, 0);
    let mut causes: BTreeMap<String, usize> = BTreeMap::new();
    let mut elapsed = std::time::Duration::ZERO;
    let verbose = std::env::var("PYRITE_COMPILER_SWEEP_VERBOSE").is_ok();
    for ((p, d), m) in files.iter().zip(dumps.iter()).zip(asts) {
        if d.get("error").is_some() {
            continue;
        }
        let Ok(m) = m else { continue };
        nfiles += 1;
        let scopes = scope_from_json(&d["scopes"]);
        let theirs = dump_py(&d["code"]);
        let t0 = std::time::Instant::now();
        let r = compile_ours(&m, &scopes, d["path"].as_str().unwrap());
        elapsed += t0.elapsed();
        match r {
            Ok(ours) => {
                let (s, t, c) = compare(&ours, &theirs, verbose, &p.display().to_string());
                same += s;
                total += t;
                if s == t {
                    files_same += 1;
                }
                for x in c {
                    *causes.entry(x.to_string()).or_default() += 1;
                }
            }
            Err(e) => {
                total += theirs.len();
                let key = format!("error: {} {}", e.kind, e.msg.split(" at line").next().unwrap_or(""));
                if verbose {
                    eprintln!("--- {}: {key} ({e:?})", p.display());
                }
                *causes.entry(key).or_default() += theirs.len();
            }
        }
    }
    let mut top: Vec<(String, usize)> = causes.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1));
    let pct = if total > 0 { 100.0 * same as f64 / total as f64 } else { 0.0 };
    eprintln!(
        "compiler stdlib sweep (every {step}th file): {same} of {total} code objects identical ({pct:.1}%), \
         {files_same} of {nfiles} files entirely; our compile time {:.3}s",
        elapsed.as_secs_f64()
    );
    eprintln!("top causes (first differing field): {:?}", &top[..top.len().min(12)]);
    let floor: f64 = std::fs::read_to_string(root().join("tests/compiler/sweep_floor.txt"))
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0.0);
    assert!(pct >= floor, "{pct:.1}% identical, floor is {floor}%");
}

/// Debugging aid, not part of the suite: `PYRITE_COMPILER_SRC=path cargo test
/// --release --test compiler one_file -- --ignored --nocapture` compares one file
/// verbosely (PYRITE_COMPILER_LIST=1 also lists both codes); fails on any difference.
#[test]
#[ignore]
fn one_file() {
    let path = std::env::var("PYRITE_COMPILER_SRC").expect("set PYRITE_COMPILER_SRC to a .py file");
    let files = vec![PathBuf::from(&path)];
    let d = &cpython_dumps(&files)[0];
    let m = ast_from_py::cpython_ast_batch(&files, "exec").pop().unwrap().unwrap();
    let scopes = scope_from_json(&d["scopes"]);
    let ours = compile_ours(&m, &scopes, &path).unwrap();
    let theirs = dump_py(&d["code"]);
    let (s, t, _) = compare(&ours, &theirs, true, &path);
    eprintln!("{s} of {t} identical");
    let all_same = s == t;
    if std::env::var("PYRITE_COMPILER_LIST").is_ok() {
        for (o, t) in ours.iter().zip(theirs.iter()) {
            eprintln!("== {}\n  ours:\n{}  cpython:\n{}", t["qualname"], listing(&o["code"]), listing(&t["code"]));
        }
    }
    assert!(all_same);
}

fn unhex_str(h: &str) -> Vec<u8> {
    (0..h.len() / 2).map(|i| u8::from_str_radix(&h[2 * i..2 * i + 2], 16).unwrap()).collect()
}

/// tests/compiler/errors.tsv (made by gen_errors.py): compile-phase errors
/// (class, message, positions) and the first SyntaxWarning, as CPython 3.11.
#[test]
fn error_corpus() {
    if Command::new("python3").arg("-V").output().is_err() {
        eprintln!("compiler error corpus skipped: no python3 for the AST bridge");
        return;
    }
    let table = std::fs::read_to_string(root().join("tests/compiler/errors.tsv")).unwrap();
    let rows: Vec<Vec<&str>> = table.lines().map(|l| l.split('\t').collect()).collect();
    let dir = std::env::temp_dir().join(format!("pyrite-compiler-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let paths: Vec<PathBuf> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let p = dir.join(format!("e{i}.py"));
            std::fs::write(&p, unhex_str(r[0])).unwrap();
            p
        })
        .collect();
    let asts = ast_from_py::cpython_ast_batch(&paths, "exec");
    let mut failures = Vec::new();
    for (r, m) in rows.iter().zip(asts) {
        let src = String::from_utf8(unhex_str(r[0])).unwrap();
        let got = match compile(&m.unwrap(), "x.py", CompileMode::Exec, 0, 0) {
            Err(e) => {
                let e = e.to_syntax_error(&src);
                format!("{}\t{}\t{}\t{}\t{}\t{}", e.kind, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
            }
            Ok((_, w)) => match w.first() {
                Some(w) => format!("{}\t{}\t{}\tNone\tNone\tNone", w.category, w.msg, w.lineno),
                None => "accepted".into(),
            },
        };
        let want = r[1..].join("\t");
        if got != want {
            failures.push(format!("{src:?}\n   ours: {got}\n   want: {want}"));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(rows.len() >= 20);
    eprintln!("compiler error corpus: {} of {} as CPython", rows.len() - failures.len(), rows.len());
    assert!(failures.is_empty(), "{} of {} differ:\n{}", failures.len(), rows.len(), failures.join("\n"));
}

/// Deep but legal trees compile without overflowing the stack; past the symbol
/// table's limit the error is RecursionError, as CPython's.
#[test]
fn deep_trees() {
    use pyrite::parser::ast::{Expr, ExprKind, ExprContext, Loc, Operator, Stmt, StmtKind};
    let loc = Loc { lineno: 1, col_offset: 0, end_lineno: 1, end_col_offset: 1 };
    let build = move |depth: usize| {
        let mut e = Expr::new(ExprKind::Name { id: "x".into(), ctx: ExprContext::Load }, loc);
        for _ in 0..depth {
            let r = Expr::new(ExprKind::Name { id: "y".into(), ctx: ExprContext::Load }, loc);
            e = Expr::new(ExprKind::BinOp { left: Box::new(e), op: Operator::Add, right: Box::new(r) }, loc);
        }
        Mod::Module { body: vec![Stmt::new(StmtKind::Expr { value: Box::new(e) }, loc)], type_ignores: vec![] }
    };
    let ok = std::thread::Builder::new()
        .stack_size(64 * 1024 * 1024)
        .spawn(move || {
            // (The trees are built and dropped by this test; the big stack is for them.)
            let r1 = compile(&build(2500), "deep.py", CompileMode::Exec, 0, 0).map(|_| ());
            let r2 = compile(&build(10_000), "deep.py", CompileMode::Exec, 0, 0).map(|_| ());
            (r1, r2)
        })
        .unwrap()
        .join()
        .unwrap();
    assert!(ok.0.is_ok(), "{:?}", ok.0);
    let e = ok.1.unwrap_err();
    assert_eq!((e.kind, e.msg.as_str()), ("RecursionError", "maximum recursion depth exceeded during compilation"));
}

/// Robustness: pyrite's parser + compiler over the corpus, the fuzz seeds and
/// deterministic mutations of them (each byte position deleted, duplicated);
/// every outcome must be Ok or an error value, never a panic.
#[test]
fn parsed_mutations_compile_without_panic() {
    use pyrite::parser::{parse, Mode};
    let mut sources: Vec<Vec<u8>> = Vec::new();
    for dir in ["tests/compiler/cases", "tests/fuzz/seeds"] {
        let Ok(rd) = std::fs::read_dir(root().join(dir)) else { continue };
        let mut v: Vec<PathBuf> = rd.map(|e| e.unwrap().path()).filter(|p| p.extension().map_or(false, |e| e == "py")).collect();
        v.sort();
        for p in v {
            sources.push(std::fs::read(p).unwrap());
        }
    }
    let mut n = 0;
    let mut compiled = 0;
    for src in &sources {
        let step = (src.len() / 150).max(1);
        let mut variants = vec![src.clone()];
        for i in (0..src.len()).step_by(step) {
            let mut d = src.clone();
            d.remove(i);
            variants.push(d);
            let mut d = src.clone();
            d.insert(i, src[i]);
            variants.push(d);
        }
        for v in variants {
            n += 1;
            if let Ok(m) = parse(&v, Mode::Exec, "m.py") {
                if compile(&m, "m.py", CompileMode::Exec, 0, 0).is_ok() {
                    compiled += 1;
                }
            }
        }
    }
    eprintln!("parsed mutations: {n} sources, {compiled} compiled");
    assert!(n > 1000 && compiled > 0);
}
