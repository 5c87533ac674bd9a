//! Test-only bridge from CPython's AST to ours: runs `tests/common/ast_from_py.py`
//! (CPython's `ast.parse`) and reads its JSON into `pyrite::parser::ast::Mod`.
//!
//! Design note.
//! * Used by tests that need real trees before (and independently of) pyrite's
//!   own parser: symbol table, AST optimizer, compiler. Include it with
//!   `#[path = "common/ast_from_py.rs"] mod ast_from_py;`.
//! * JSON shape (see the script's docstring): nodes are objects tagged by `"_"`
//!   with CPython's field names and `"loc": [l, c, el, ec]`; field-less nodes are
//!   strings; constants are tagged arrays, floats as IEEE bits (exact, NaN/inf too),
//!   ints as decimal strings (big), strs with lone surrogates as code points.
//! * `cpython_ast_batch` parses many files in one python3 run (stdlib sweeps).
//! * A tree the converter cannot read is a test bug: it panics with the path of
//!   the offending JSON value (test-only code).
#![allow(dead_code)]

use pyrite::parser::ast::*;
use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

fn script() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/common/ast_from_py.py")
}

/// CPython rejected the source: exception class, message, lineno, offset.
#[derive(Clone, Debug, PartialEq)]
pub struct PyErr {
    pub class: String,
    pub msg: String,
    pub lineno: Option<i64>,
    pub offset: Option<i64>,
}

/// Parse `source` with CPython (`mode`: "exec", "eval", "single", "func_type").
/// Panics if CPython rejects it (use `try_cpython_ast` for that).
pub fn cpython_ast(source: &str, mode: &str) -> Mod {
    match try_cpython_ast(source, mode) {
        Ok(m) => m,
        Err(e) => panic!("CPython rejects the source: {e:?}\n{source}"),
    }
}

pub fn try_cpython_ast(source: &str, mode: &str) -> Result<Mod, PyErr> {
    let out = Command::new("python3")
        .arg(script())
        .args(["--mode", mode, "--string", source])
        .output()
        .expect("running python3");
    assert!(out.status.success(), "ast_from_py.py failed: {}", String::from_utf8_lossy(&out.stderr));
    parse_line(std::str::from_utf8(&out.stdout).unwrap().trim_end())
}

/// Parse the file at `path` (bytes, so its encoding declaration counts).
pub fn cpython_ast_file(path: &Path, mode: &str) -> Result<Mod, PyErr> {
    cpython_ast_batch(&[path], mode).pop().unwrap()
}

/// Parse many files in one python3 run; one result per path, in order.
pub fn cpython_ast_batch<P: AsRef<Path>>(paths: &[P], mode: &str) -> Vec<Result<Mod, PyErr>> {
    let mut input = String::new();
    for p in paths {
        let s = p.as_ref().to_str().expect("utf-8 path");
        assert!(!s.contains('\n'));
        input.push_str(s);
        input.push('\n');
    }
    run_batch("--batch", input, paths.len(), mode)
}

/// Parse many sources (bytes, so encoding declarations count) in one python3 run.
pub fn cpython_ast_sources<S: AsRef<[u8]>>(sources: &[S], mode: &str) -> Vec<Result<Mod, PyErr>> {
    let mut input = String::new();
    for s in sources {
        for b in s.as_ref() {
            input.push_str(&format!("{b:02x}"));
        }
        input.push('\n');
    }
    run_batch("--batch-hex", input, sources.len(), mode)
}

fn run_batch(flag: &str, input: String, n: usize, mode: &str) -> Vec<Result<Mod, PyErr>> {
    let mut child = Command::new("python3")
        .arg(script())
        .args(["--mode", mode, flag])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("running python3");
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success(), "ast_from_py.py --batch failed");
    let text = String::from_utf8(out.stdout).unwrap();
    let res: Vec<_> = text.lines().map(parse_line).collect();
    assert_eq!(res.len(), n, "ast_from_py.py: one line per input");
    res
}

/// One output line of the script.
pub fn parse_line(line: &str) -> Result<Mod, PyErr> {
    let mut de = serde_json::Deserializer::from_str(line);
    de.disable_recursion_limit();
    let v: Value = de.into_iter().next().expect("one JSON value").expect("ast_from_py.py JSON");
    if let Some(e) = v.get("err") {
        return Err(PyErr {
            class: e[0].as_str().unwrap().to_string(),
            msg: e[1].as_str().unwrap_or("").to_string(),
            lineno: e[2].as_i64(),
            offset: e[3].as_i64(),
        });
    }
    Ok(to_mod(&v["ok"]))
}

// ---------------------------------------------------------------------------
// JSON → AST

fn kind(v: &Value) -> &str {
    v["_"].as_str().unwrap_or_else(|| panic!("not a node: {v}"))
}

fn s(v: &Value) -> String {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}")).to_string()
}

fn opt_s(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

fn loc(v: &Value) -> Loc {
    let l = &v["loc"];
    let g = |i: usize| l[i].as_u64().unwrap_or_else(|| panic!("bad loc in {v}")) as u32;
    Loc { lineno: g(0), col_offset: g(1), end_lineno: g(2), end_col_offset: g(3) }
}

fn list<T>(v: &Value, f: impl Fn(&Value) -> T) -> Vec<T> {
    v.as_array().unwrap_or_else(|| panic!("not a list: {v}")).iter().map(f).collect()
}

fn strs(v: &Value) -> Vec<String> {
    list(v, s)
}

fn to_mod(v: &Value) -> Mod {
    match kind(v) {
        "Module" => Mod::Module {
            body: stmts(&v["body"]),
            type_ignores: list(&v["type_ignores"], |t| TypeIgnore {
                lineno: t["lineno"].as_u64().unwrap() as u32,
                tag: s(&t["tag"]),
            }),
        },
        "Interactive" => Mod::Interactive { body: stmts(&v["body"]) },
        "Expression" => Mod::Expression { body: bexpr(&v["body"]) },
        "FunctionType" => Mod::FunctionType { argtypes: exprs(&v["argtypes"]), returns: bexpr(&v["returns"]) },
        k => panic!("unknown mod {k}"),
    }
}

fn stmts(v: &Value) -> Vec<Stmt> {
    list(v, stmt)
}

fn exprs(v: &Value) -> Vec<Expr> {
    list(v, expr)
}

fn bexpr(v: &Value) -> Box<Expr> {
    Box::new(expr(v))
}

fn opt_bexpr(v: &Value) -> Option<Box<Expr>> {
    if v.is_null() {
        None
    } else {
        Some(bexpr(v))
    }
}

fn funcdef(v: &Value) -> FunctionDef {
    FunctionDef {
        name: s(&v["name"]),
        args: Box::new(arguments(&v["args"])),
        body: stmts(&v["body"]),
        decorator_list: exprs(&v["decorator_list"]),
        returns: opt_bexpr(&v["returns"]),
        type_comment: opt_s(&v["type_comment"]),
    }
}

fn for_(v: &Value) -> For {
    For {
        target: bexpr(&v["target"]),
        iter: bexpr(&v["iter"]),
        body: stmts(&v["body"]),
        orelse: stmts(&v["orelse"]),
        type_comment: opt_s(&v["type_comment"]),
    }
}

fn with(v: &Value) -> With {
    With {
        items: list(&v["items"], |i| WithItem {
            context_expr: expr(&i["context_expr"]),
            optional_vars: opt_bexpr(&i["optional_vars"]),
        }),
        body: stmts(&v["body"]),
        type_comment: opt_s(&v["type_comment"]),
    }
}

fn try_(v: &Value) -> Try {
    Try {
        body: stmts(&v["body"]),
        handlers: list(&v["handlers"], |h| ExceptHandler {
            type_: opt_bexpr(&h["type"]),
            name: opt_s(&h["name"]),
            body: stmts(&h["body"]),
            loc: loc(h),
        }),
        orelse: stmts(&v["orelse"]),
        finalbody: stmts(&v["finalbody"]),
    }
}

fn alias(v: &Value) -> Alias {
    Alias { name: s(&v["name"]), asname: opt_s(&v["asname"]), loc: loc(v) }
}

fn stmt(v: &Value) -> Stmt {
    let node = match kind(v) {
        "FunctionDef" => StmtKind::FunctionDef(funcdef(v)),
        "AsyncFunctionDef" => StmtKind::AsyncFunctionDef(funcdef(v)),
        "ClassDef" => StmtKind::ClassDef {
            name: s(&v["name"]),
            bases: exprs(&v["bases"]),
            keywords: list(&v["keywords"], keyword),
            body: stmts(&v["body"]),
            decorator_list: exprs(&v["decorator_list"]),
        },
        "Return" => StmtKind::Return { value: opt_bexpr(&v["value"]) },
        "Delete" => StmtKind::Delete { targets: exprs(&v["targets"]) },
        "Assign" => StmtKind::Assign {
            targets: exprs(&v["targets"]),
            value: bexpr(&v["value"]),
            type_comment: opt_s(&v["type_comment"]),
        },
        "AugAssign" => StmtKind::AugAssign { target: bexpr(&v["target"]), op: operator(&v["op"]), value: bexpr(&v["value"]) },
        "AnnAssign" => StmtKind::AnnAssign {
            target: bexpr(&v["target"]),
            annotation: bexpr(&v["annotation"]),
            value: opt_bexpr(&v["value"]),
            simple: v["simple"].as_i64().unwrap() != 0,
        },
        "For" => StmtKind::For(for_(v)),
        "AsyncFor" => StmtKind::AsyncFor(for_(v)),
        "While" => StmtKind::While { test: bexpr(&v["test"]), body: stmts(&v["body"]), orelse: stmts(&v["orelse"]) },
        "If" => StmtKind::If { test: bexpr(&v["test"]), body: stmts(&v["body"]), orelse: stmts(&v["orelse"]) },
        "With" => StmtKind::With(with(v)),
        "AsyncWith" => StmtKind::AsyncWith(with(v)),
        "Match" => StmtKind::Match {
            subject: bexpr(&v["subject"]),
            cases: list(&v["cases"], |c| MatchCase {
                pattern: pattern(&c["pattern"]),
                guard: opt_bexpr(&c["guard"]),
                body: stmts(&c["body"]),
            }),
        },
        "Raise" => StmtKind::Raise { exc: opt_bexpr(&v["exc"]), cause: opt_bexpr(&v["cause"]) },
        "Try" => StmtKind::Try(try_(v)),
        "TryStar" => StmtKind::TryStar(try_(v)),
        "Assert" => StmtKind::Assert { test: bexpr(&v["test"]), msg: opt_bexpr(&v["msg"]) },
        "Import" => StmtKind::Import { names: list(&v["names"], alias) },
        "ImportFrom" => StmtKind::ImportFrom {
            module: opt_s(&v["module"]),
            names: list(&v["names"], alias),
            level: v["level"].as_u64().unwrap_or(0) as u32,
        },
        "Global" => StmtKind::Global { names: strs(&v["names"]) },
        "Nonlocal" => StmtKind::Nonlocal { names: strs(&v["names"]) },
        "Expr" => StmtKind::Expr { value: bexpr(&v["value"]) },
        "Pass" => StmtKind::Pass,
        "Break" => StmtKind::Break,
        "Continue" => StmtKind::Continue,
        k => panic!("unknown stmt {k}"),
    };
    Stmt { node, loc: loc(v) }
}

fn keyword(v: &Value) -> Keyword {
    Keyword { arg: opt_s(&v["arg"]), value: expr(&v["value"]), loc: loc(v) }
}

fn arg(v: &Value) -> Arg {
    Arg {
        arg: s(&v["arg"]),
        annotation: opt_bexpr(&v["annotation"]),
        type_comment: opt_s(&v["type_comment"]),
        loc: loc(v),
    }
}

fn opt_arg(v: &Value) -> Option<Box<Arg>> {
    if v.is_null() {
        None
    } else {
        Some(Box::new(arg(v)))
    }
}

fn arguments(v: &Value) -> Arguments {
    Arguments {
        posonlyargs: list(&v["posonlyargs"], arg),
        args: list(&v["args"], arg),
        vararg: opt_arg(&v["vararg"]),
        kwonlyargs: list(&v["kwonlyargs"], arg),
        kw_defaults: list(&v["kw_defaults"], |d| if d.is_null() { None } else { Some(expr(d)) }),
        kwarg: opt_arg(&v["kwarg"]),
        defaults: exprs(&v["defaults"]),
    }
}

fn comprehensions(v: &Value) -> Vec<Comprehension> {
    list(v, |c| Comprehension {
        target: expr(&c["target"]),
        iter: expr(&c["iter"]),
        ifs: exprs(&c["ifs"]),
        is_async: c["is_async"].as_i64().unwrap() != 0,
    })
}

fn ctx(v: &Value) -> ExprContext {
    match v.as_str().unwrap() {
        "Load" => ExprContext::Load,
        "Store" => ExprContext::Store,
        "Del" => ExprContext::Del,
        k => panic!("unknown ctx {k}"),
    }
}

fn operator(v: &Value) -> Operator {
    use Operator::*;
    match v.as_str().unwrap() {
        "Add" => Add,
        "Sub" => Sub,
        "Mult" => Mult,
        "MatMult" => MatMult,
        "Div" => Div,
        "Mod" => Mod,
        "Pow" => Pow,
        "LShift" => LShift,
        "RShift" => RShift,
        "BitOr" => BitOr,
        "BitXor" => BitXor,
        "BitAnd" => BitAnd,
        "FloorDiv" => FloorDiv,
        k => panic!("unknown operator {k}"),
    }
}

fn cmpop(v: &Value) -> CmpOp {
    use CmpOp::*;
    match v.as_str().unwrap() {
        "Eq" => Eq,
        "NotEq" => NotEq,
        "Lt" => Lt,
        "LtE" => LtE,
        "Gt" => Gt,
        "GtE" => GtE,
        "Is" => Is,
        "IsNot" => IsNot,
        "In" => In,
        "NotIn" => NotIn,
        k => panic!("unknown cmpop {k}"),
    }
}

fn f64_bits(v: &Value) -> f64 {
    f64::from_bits(v.as_u64().unwrap())
}

/// A tagged constant (see the script's docstring).
pub fn constant(v: &Value) -> Constant {
    let tag = v[0].as_str().unwrap();
    match tag {
        "None" => Constant::None,
        "Bool" => Constant::Bool(v[1].as_bool().unwrap()),
        "Ellipsis" => Constant::Ellipsis,
        "Int" => Constant::Int(v[1].as_str().unwrap().parse().unwrap()),
        "Float" => Constant::Float(f64_bits(&v[1])),
        "Complex" => Constant::Complex { real: f64_bits(&v[1]), imag: f64_bits(&v[2]) },
        "Str" => Constant::Str(s(&v[1])),
        "StrCodes" => Constant::StrCodes(list(&v[1], |c| c.as_u64().unwrap() as u32)),
        "Bytes" => {
            let h = v[1].as_str().unwrap();
            Constant::Bytes((0..h.len() / 2).map(|i| u8::from_str_radix(&h[2 * i..2 * i + 2], 16).unwrap()).collect())
        }
        "Tuple" => Constant::Tuple(list(&v[1], constant)),
        "FrozenSet" => Constant::FrozenSet(list(&v[1], constant)),
        k => panic!("unknown constant tag {k}"),
    }
}

fn expr(v: &Value) -> Expr {
    let node = match kind(v) {
        "BoolOp" => ExprKind::BoolOp {
            op: match v["op"].as_str().unwrap() {
                "And" => BoolOp::And,
                _ => BoolOp::Or,
            },
            values: exprs(&v["values"]),
        },
        "NamedExpr" => ExprKind::NamedExpr { target: bexpr(&v["target"]), value: bexpr(&v["value"]) },
        "BinOp" => ExprKind::BinOp { left: bexpr(&v["left"]), op: operator(&v["op"]), right: bexpr(&v["right"]) },
        "UnaryOp" => ExprKind::UnaryOp {
            op: match v["op"].as_str().unwrap() {
                "Invert" => UnaryOp::Invert,
                "Not" => UnaryOp::Not,
                "UAdd" => UnaryOp::UAdd,
                "USub" => UnaryOp::USub,
                k => panic!("unknown unaryop {k}"),
            },
            operand: bexpr(&v["operand"]),
        },
        "Lambda" => ExprKind::Lambda { args: Box::new(arguments(&v["args"])), body: bexpr(&v["body"]) },
        "IfExp" => ExprKind::IfExp { test: bexpr(&v["test"]), body: bexpr(&v["body"]), orelse: bexpr(&v["orelse"]) },
        "Dict" => ExprKind::Dict {
            keys: list(&v["keys"], |k| if k.is_null() { None } else { Some(expr(k)) }),
            values: exprs(&v["values"]),
        },
        "Set" => ExprKind::Set { elts: exprs(&v["elts"]) },
        "ListComp" => ExprKind::ListComp { elt: bexpr(&v["elt"]), generators: comprehensions(&v["generators"]) },
        "SetComp" => ExprKind::SetComp { elt: bexpr(&v["elt"]), generators: comprehensions(&v["generators"]) },
        "DictComp" => ExprKind::DictComp {
            key: bexpr(&v["key"]),
            value: bexpr(&v["value"]),
            generators: comprehensions(&v["generators"]),
        },
        "GeneratorExp" => ExprKind::GeneratorExp { elt: bexpr(&v["elt"]), generators: comprehensions(&v["generators"]) },
        "Await" => ExprKind::Await { value: bexpr(&v["value"]) },
        "Yield" => ExprKind::Yield { value: opt_bexpr(&v["value"]) },
        "YieldFrom" => ExprKind::YieldFrom { value: bexpr(&v["value"]) },
        "Compare" => ExprKind::Compare {
            left: bexpr(&v["left"]),
            ops: list(&v["ops"], cmpop),
            comparators: exprs(&v["comparators"]),
        },
        "Call" => ExprKind::Call { func: bexpr(&v["func"]), args: exprs(&v["args"]), keywords: list(&v["keywords"], keyword) },
        "FormattedValue" => ExprKind::FormattedValue {
            value: bexpr(&v["value"]),
            conversion: v["conversion"].as_i64().unwrap() as i32,
            format_spec: opt_bexpr(&v["format_spec"]),
        },
        "JoinedStr" => ExprKind::JoinedStr { values: exprs(&v["values"]) },
        "Constant" => ExprKind::Constant { value: constant(&v["value"]), kind: opt_s(&v["kind"]) },
        "Attribute" => ExprKind::Attribute { value: bexpr(&v["value"]), attr: s(&v["attr"]), ctx: ctx(&v["ctx"]) },
        "Subscript" => ExprKind::Subscript { value: bexpr(&v["value"]), slice: bexpr(&v["slice"]), ctx: ctx(&v["ctx"]) },
        "Starred" => ExprKind::Starred { value: bexpr(&v["value"]), ctx: ctx(&v["ctx"]) },
        "Name" => ExprKind::Name { id: s(&v["id"]), ctx: ctx(&v["ctx"]) },
        "List" => ExprKind::List { elts: exprs(&v["elts"]), ctx: ctx(&v["ctx"]) },
        "Tuple" => ExprKind::Tuple { elts: exprs(&v["elts"]), ctx: ctx(&v["ctx"]) },
        "Slice" => ExprKind::Slice {
            lower: opt_bexpr(&v["lower"]),
            upper: opt_bexpr(&v["upper"]),
            step: opt_bexpr(&v["step"]),
        },
        k => panic!("unknown expr {k}"),
    };
    Expr { node, loc: loc(v) }
}

fn patterns(v: &Value) -> Vec<Pattern> {
    list(v, pattern)
}

fn pattern(v: &Value) -> Pattern {
    let node = match kind(v) {
        "MatchValue" => PatternKind::MatchValue { value: bexpr(&v["value"]) },
        "MatchSingleton" => PatternKind::MatchSingleton { value: constant(&v["value"]) },
        "MatchSequence" => PatternKind::MatchSequence { patterns: patterns(&v["patterns"]) },
        "MatchMapping" => PatternKind::MatchMapping {
            keys: exprs(&v["keys"]),
            patterns: patterns(&v["patterns"]),
            rest: opt_s(&v["rest"]),
        },
        "MatchClass" => PatternKind::MatchClass {
            cls: bexpr(&v["cls"]),
            patterns: patterns(&v["patterns"]),
            kwd_attrs: strs(&v["kwd_attrs"]),
            kwd_patterns: patterns(&v["kwd_patterns"]),
        },
        "MatchStar" => PatternKind::MatchStar { name: opt_s(&v["name"]) },
        "MatchAs" => PatternKind::MatchAs {
            pattern: if v["pattern"].is_null() { None } else { Some(Box::new(pattern(&v["pattern"]))) },
            name: opt_s(&v["name"]),
        },
        "MatchOr" => PatternKind::MatchOr { patterns: patterns(&v["patterns"]) },
        k => panic!("unknown pattern {k}"),
    };
    Pattern { node, loc: loc(v) }
}
