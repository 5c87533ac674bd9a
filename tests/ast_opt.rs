//! AST optimizer tests: `compiler::ast_opt::optimize` on trees from CPython's
//! parser (tests/common/ast_from_py.rs) against what CPython 3.11's compiler
//! actually loads: for each line of tests/ast_opt/cases.txt,
//! tests/ast_opt/gen_ast_opt.py recorded the LOAD_CONST values of the compiled
//! code in order (expected.jsonl); here the same list is read off our optimized
//! tree in evaluation order.

#[path = "common/ast_from_py.rs"]
mod ast_from_py;

use pyrite::compiler::{ast_opt, future};
use pyrite::parser::ast::*;
use std::path::Path;

fn dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ast_opt")
}

#[derive(Debug, Clone)]
enum Item {
    C(Constant),
    Doc,
}

fn same_const(a: &Constant, b: &Constant) -> bool {
    match (a, b) {
        (Constant::Float(x), Constant::Float(y)) => x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()),
        (Constant::Complex { real: a, imag: b }, Constant::Complex { real: c, imag: d }) => {
            same_const(&Constant::Float(*a), &Constant::Float(*c)) && same_const(&Constant::Float(*b), &Constant::Float(*d))
        }
        (Constant::Tuple(x), Constant::Tuple(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_const(p, q)),
        (Constant::FrozenSet(x), Constant::FrozenSet(y)) => {
            x.len() == y.len() && x.iter().all(|p| y.iter().any(|q| same_const(p, q)))
        }
        _ => a == b,
    }
}

/// Constants in the order the compiler loads them (nested code objects skipped).
fn expr_consts(e: &Expr, out: &mut Vec<Item>) {
    let mut v = |x: &Expr| expr_consts(x, out);
    match &e.node {
        ExprKind::Constant { value, .. } => out.push(Item::C(value.clone())),
        ExprKind::BoolOp { values, .. } | ExprKind::JoinedStr { values } => values.iter().for_each(v),
        ExprKind::NamedExpr { value, .. } => v(value),
        ExprKind::BinOp { left, right, .. } => {
            v(left);
            v(right);
        }
        ExprKind::UnaryOp { operand, .. } => v(operand),
        ExprKind::Lambda { .. } => {}
        ExprKind::IfExp { test, body, orelse } => {
            v(test);
            v(body);
            v(orelse);
        }
        ExprKind::Dict { keys, values } => {
            for (k, x) in keys.iter().zip(values) {
                if let Some(k) = k {
                    expr_consts(k, out);
                }
                expr_consts(x, out);
            }
        }
        ExprKind::Set { elts } | ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => elts.iter().for_each(v),
        ExprKind::ListComp { generators, .. }
        | ExprKind::SetComp { generators, .. }
        | ExprKind::DictComp { generators, .. }
        | ExprKind::GeneratorExp { generators, .. } => v(&generators[0].iter),
        ExprKind::Await { value } | ExprKind::YieldFrom { value } => v(value),
        ExprKind::Yield { value } => value.iter().for_each(|x| v(x)),
        ExprKind::Compare { left, comparators, .. } => {
            expr_consts(left, out);
            comparators.iter().for_each(|x| expr_consts(x, out));
        }
        ExprKind::Call { func, args, keywords } => {
            expr_consts(func, out);
            args.iter().for_each(|x| expr_consts(x, out));
            keywords.iter().for_each(|k| expr_consts(&k.value, out));
        }
        ExprKind::FormattedValue { value, format_spec, .. } => {
            expr_consts(value, out);
            if let Some(f) = format_spec {
                expr_consts(f, out);
            }
        }
        ExprKind::Attribute { value, .. } | ExprKind::Starred { value, .. } => v(value),
        ExprKind::Subscript { value, slice, .. } => {
            expr_consts(value, out);
            expr_consts(slice, out);
        }
        ExprKind::Slice { lower, upper, step } => {
            for x in [lower, upper, step].into_iter().flatten() {
                expr_consts(x, out);
            }
        }
        ExprKind::Name { .. } => {}
    }
}

fn stmt_consts(s: &Stmt, out: &mut Vec<Item>) {
    match &s.node {
        StmtKind::Expr { value } => expr_consts(value, out),
        StmtKind::Assign { value, targets, .. } => {
            expr_consts(value, out);
            targets.iter().for_each(|t| expr_consts(t, out));
        }
        StmtKind::For(f) => {
            expr_consts(&f.iter, out);
            expr_consts(&f.target, out);
            f.body.iter().chain(&f.orelse).for_each(|s| stmt_consts(s, out));
        }
        StmtKind::Pass | StmtKind::AsyncFunctionDef(_) | StmtKind::FunctionDef(_) => {}
        other => panic!("test collector does not handle {other:?}"),
    }
}

fn mod_consts(m: &Mod) -> Vec<Item> {
    let mut out = Vec::new();
    match m {
        Mod::Expression { body } => expr_consts(body, &mut out),
        Mod::Module { body, .. } => {
            for (i, s) in body.iter().enumerate() {
                stmt_consts(s, &mut out);
                let is_doc = i == 0
                    && matches!(&s.node, StmtKind::Expr { value }
                        if matches!(&value.node, ExprKind::Constant { value: Constant::Str(_), .. }));
                if is_doc {
                    out.push(Item::Doc);
                }
            }
        }
        _ => {}
    }
    out
}

fn parse_expected(line: &str) -> Vec<Item> {
    let v: serde_json::Value = serde_json::from_str(line).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|c| if c[0] == "Doc" { Item::Doc } else { Item::C(ast_from_py::constant(c)) })
        .collect()
}

fn same(a: &[Item], b: &[Item]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| match (x, y) {
            (Item::C(p), Item::C(q)) => same_const(p, q),
            (Item::Doc, Item::Doc) => true,
            _ => false,
        })
}

#[test]
fn folding_matches_cpython() {
    if std::process::Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipped: no python3");
        return;
    }
    let cases = std::fs::read_to_string(dir().join("cases.txt")).unwrap();
    let expected = std::fs::read_to_string(dir().join("expected.jsonl")).unwrap();
    let mut parsed = Vec::new();
    for line in cases.lines() {
        let (level, rest) = match line.strip_prefix("O2 ") {
            Some(r) => (2, r),
            None => (0, line),
        };
        let (mode, src) = match rest.strip_prefix("exec ") {
            Some(r) => ("exec", r),
            None => ("eval", rest),
        };
        parsed.push((line, level, mode, src.replace("\\n", "\n")));
    }
    let eval_src: Vec<&str> = parsed.iter().filter(|p| p.2 == "eval").map(|p| p.3.as_str()).collect();
    let exec_src: Vec<&str> = parsed.iter().filter(|p| p.2 == "exec").map(|p| p.3.as_str()).collect();
    let mut eval_trees = ast_from_py::cpython_ast_sources(&eval_src, "eval").into_iter();
    let mut exec_trees = ast_from_py::cpython_ast_sources(&exec_src, "exec").into_iter();
    let mut fails = Vec::new();
    for ((line, level, mode, _), exp) in parsed.iter().zip(expected.lines()) {
        let tree = if *mode == "eval" { eval_trees.next() } else { exec_trees.next() };
        let mut m = tree.unwrap().expect("cases parse");
        let ff = future::parse(&m).unwrap();
        ast_opt::optimize(&mut m, *level, ff.features).unwrap();
        let ours = mod_consts(&m);
        let want = parse_expected(exp);
        if !same(&ours, &want) {
            fails.push(format!("{line}\n  ours:    {ours:?}\n  CPython: {want:?}"));
        }
    }
    eprintln!("ast_opt: {} of {} cases fold as CPython 3.11", parsed.len() - fails.len(), parsed.len());
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}

/// A docstring made by folding is no docstring: the optimizer wraps it.
#[test]
fn folded_docstring_is_wrapped() {
    if std::process::Command::new("python3").arg("--version").output().is_err() {
        return;
    }
    let mut m = ast_from_py::cpython_ast("'a' + 'b'\n", "exec");
    ast_opt::optimize(&mut m, 0, 0).unwrap();
    let Mod::Module { body, .. } = &m else { panic!() };
    let StmtKind::Expr { value } = &body[0].node else { panic!() };
    assert!(matches!(&value.node, ExprKind::JoinedStr { values } if values.len() == 1));
}

/// Nesting deeper than CPython's compile-time limit is its RecursionError.
#[test]
fn deep_nesting_is_recursion_error() {
    use pyrite::compiler::symtable::{ErrorClass, RECURSION_LIMIT};
    let mut e = Expr::new(ExprKind::Name { id: "x".into(), ctx: ExprContext::Load }, Loc::default());
    for _ in 0..RECURSION_LIMIT + 10 {
        e = Expr::new(ExprKind::UnaryOp { op: UnaryOp::Invert, operand: Box::new(e) }, Loc::default());
    }
    let mut m = Mod::Expression { body: Box::new(e) };
    let err = ast_opt::optimize(&mut m, 0, 0).unwrap_err();
    assert_eq!(err.class, ErrorClass::RecursionError);
    std::mem::forget(m); // dropping a deep tree recurses; not under test here
}
