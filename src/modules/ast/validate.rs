//! CPython's AST validator (`Python/ast.c`, `_PyAST_Validate`): the checks
//! `compile()` makes on a tree built by hand, with CPython's messages.
//!
//! Design note. The walk and the order of checks are CPython's, so the first
//! error found is the one CPython reports. Errors `from_py` met on values the
//! Rust tree cannot hold are raised where the walk reaches their placeholder
//! (`Deferred`); a tree with an unreached one never passes. Positions are stored as `u32` in
//! the Rust tree; `from_py` stores C ints wrapped, so they are read back here
//! as `i32`. Things the Rust tree cannot hold (None items, foreign constant
//! types) were already rejected by `from_py`. One check CPython makes later,
//! in its code generator, is made here at the end of a successful walk so
//! the compiler never sees it: a `FormattedValue.conversion` other than -1,
//! 's', 'r', 'a' ("Unrecognized conversion character", SystemError).
use crate::objects::exceptions as exc;
use crate::parser::ast::*;
use crate::runtime::errors::{self, PyResult, Raised};

/// CPython's limit: the recursion limit times COMPILER_STACK_FRAME_SCALE.
pub const MAX_DEPTH: u32 = 3000;

/// A validator error found while converting objects (`from_py`): the tree
/// holds a placeholder expression (`placeholder`) where CPython's tree held
/// the offending value, and the validator raises this error on reaching it.
#[derive(Clone, Debug)]
pub struct Deferred {
    /// TypeError ("got an invalid type in Constant: …"), else ValueError.
    pub type_error: bool,
    pub msg: String,
}

/// The `kind` of a placeholder Constant: no str a program builds holds it.
const MARK: &str = "\0pyrite-deferred-error-";

/// A placeholder expression for deferred error `i`.
pub fn placeholder(i: usize) -> Expr {
    Expr { node: ExprKind::Constant { value: Constant::None, kind: Some(format!("{MARK}{i}")) }, loc: Loc::default() }
}

fn placeholder_index(e: &Expr) -> Option<usize> {
    match &e.node {
        ExprKind::Constant { kind: Some(k), .. } => k.strip_prefix(MARK)?.parse().ok(),
        _ => None,
    }
}

/// CPython's `_PyAST_Validate`, for a tree made by `from_py` with its
/// deferred errors (none for a parsed tree).
pub fn validate_mod(m: &Mod, deferred: &[Deferred]) -> PyResult<()> {
    let mut v = V { depth: 0, bad_conversion: None, deferred };
    match m {
        Mod::Module { body, .. } | Mod::Interactive { body } => v.stmts(body)?,
        Mod::Expression { body } => v.expr(body, ExprContext::Load)?,
        Mod::FunctionType { argtypes, returns } => {
            v.exprs(argtypes, ExprContext::Load)?;
            v.expr(returns, ExprContext::Load)?;
        }
    }
    if let Some(d) = deferred.first() {
        // Not reached by the walk (CPython's validator never looks there).
        return Err(raise_deferred(d));
    }
    if let Some(c) = v.bad_conversion {
        return Err(errors::system_error(format!("Unrecognized conversion character {c}")));
    }
    Ok(())
}

fn raise_deferred(d: &Deferred) -> Raised {
    if d.type_error {
        errors::type_error(&d.msg)
    } else {
        errors::value_error(&d.msg)
    }
}

fn verr(msg: impl AsRef<str>) -> Raised {
    errors::value_error(msg)
}

fn ctx_name(c: ExprContext) -> &'static str {
    match c {
        ExprContext::Load => "Load",
        ExprContext::Store => "Store",
        ExprContext::Del => "Del",
    }
}

fn positions(l: &Loc) -> PyResult<()> {
    let (lineno, col, end_lineno, end_col) = (l.lineno as i32, l.col_offset as i32, l.end_lineno as i32, l.end_col_offset as i32);
    if lineno > end_lineno {
        return Err(verr(format!("AST node line range ({lineno}, {end_lineno}) is not valid")));
    }
    if (lineno < 0 && end_lineno != lineno) || (col < 0 && col != end_col) {
        return Err(verr(format!(
            "AST node column range ({col}, {end_col}) for line range ({lineno}, {end_lineno}) is not valid"
        )));
    }
    if lineno == end_lineno && col > end_col {
        return Err(verr(format!("line {lineno}, column {col}-{end_col} is not a valid range")));
    }
    Ok(())
}

fn name(id: &str) -> PyResult<()> {
    if matches!(id, "None" | "True" | "False") {
        return Err(verr(format!("identifier field can't represent '{id}' constant")));
    }
    Ok(())
}

fn capture(id: &str) -> PyResult<()> {
    if id == "_" {
        return Err(verr("can't capture name '_' in patterns"));
    }
    name(id)
}

fn nonempty<T>(seq: &[T], what: &str, owner: &str) -> PyResult<()> {
    if seq.is_empty() {
        return Err(verr(format!("empty {what} on {owner}")));
    }
    Ok(())
}

struct V<'a> {
    depth: u32,
    bad_conversion: Option<i32>,
    deferred: &'a [Deferred],
}

impl V<'_> {
    fn check_placeholder(&self, e: &Expr) -> PyResult<()> {
        match placeholder_index(e) {
            Some(i) => Err(self.deferred.get(i).map_or_else(|| errors::system_error("bad AST placeholder"), raise_deferred)),
            None => Ok(()),
        }
    }

    fn enter(&mut self) -> PyResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(errors::set_string(
                unsafe { exc::PyExc_RecursionError },
                "maximum recursion depth exceeded during compilation",
            ));
        }
        Ok(())
    }

    fn stmts(&mut self, v: &[Stmt]) -> PyResult<()> {
        v.iter().try_for_each(|s| self.stmt(s))
    }

    fn body(&mut self, v: &[Stmt], owner: &str) -> PyResult<()> {
        nonempty(v, "body", owner)?;
        self.stmts(v)
    }

    fn exprs(&mut self, v: &[Expr], ctx: ExprContext) -> PyResult<()> {
        v.iter().try_for_each(|e| self.expr(e, ctx))
    }

    fn oexpr(&mut self, e: &Option<Box<Expr>>, ctx: ExprContext) -> PyResult<()> {
        match e {
            Some(e) => self.expr(e, ctx),
            None => Ok(()),
        }
    }

    fn keywords(&mut self, v: &[Keyword]) -> PyResult<()> {
        v.iter().try_for_each(|k| self.expr(&k.value, ExprContext::Load))
    }

    fn args(&mut self, v: &[Arg]) -> PyResult<()> {
        for a in v {
            positions(&a.loc)?;
            self.oexpr(&a.annotation, ExprContext::Load)?;
        }
        Ok(())
    }

    fn arguments(&mut self, a: &Arguments) -> PyResult<()> {
        self.args(&a.posonlyargs)?;
        self.args(&a.args)?;
        if let Some(v) = &a.vararg {
            self.oexpr(&v.annotation, ExprContext::Load)?;
        }
        self.args(&a.kwonlyargs)?;
        if let Some(v) = &a.kwarg {
            self.oexpr(&v.annotation, ExprContext::Load)?;
        }
        if a.defaults.len() > a.posonlyargs.len() + a.args.len() {
            return Err(verr("more positional defaults than args on arguments"));
        }
        if a.kw_defaults.len() != a.kwonlyargs.len() {
            return Err(verr("length of kwonlyargs is not the same as kw_defaults on arguments"));
        }
        self.exprs(&a.defaults, ExprContext::Load)?;
        for d in a.kw_defaults.iter().flatten() {
            self.expr(d, ExprContext::Load)?;
        }
        Ok(())
    }

    fn comprehension(&mut self, gens: &[Comprehension]) -> PyResult<()> {
        if gens.is_empty() {
            return Err(verr("comprehension with no generators"));
        }
        for g in gens {
            self.expr(&g.target, ExprContext::Store)?;
            self.expr(&g.iter, ExprContext::Load)?;
            self.exprs(&g.ifs, ExprContext::Load)?;
        }
        Ok(())
    }

    fn assignlist(&mut self, targets: &[Expr], ctx: ExprContext) -> PyResult<()> {
        nonempty(targets, "targets", if ctx == ExprContext::Del { "Delete" } else { "Assign" })?;
        self.exprs(targets, ctx)
    }

    fn stmt(&mut self, s: &Stmt) -> PyResult<()> {
        if let StmtKind::Expr { value } = &s.node {
            self.check_placeholder(value)?;
        }
        positions(&s.loc)?;
        self.enter()?;
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.stmt_inner(s));
        self.depth -= 1;
        r
    }

    fn function(&mut self, f: &FunctionDef, owner: &str) -> PyResult<()> {
        self.body(&f.body, owner)?;
        self.arguments(&f.args)?;
        self.exprs(&f.decorator_list, ExprContext::Load)?;
        self.oexpr(&f.returns, ExprContext::Load)
    }

    fn for_(&mut self, f: &For, owner: &str) -> PyResult<()> {
        self.expr(&f.target, ExprContext::Store)?;
        self.expr(&f.iter, ExprContext::Load)?;
        self.body(&f.body, owner)?;
        self.stmts(&f.orelse)
    }

    fn with(&mut self, w: &With, owner: &str) -> PyResult<()> {
        nonempty(&w.items, "items", owner)?;
        for i in &w.items {
            self.expr(&i.context_expr, ExprContext::Load)?;
            self.oexpr(&i.optional_vars, ExprContext::Store)?;
        }
        self.body(&w.body, owner)
    }

    fn try_(&mut self, t: &Try, owner: &str) -> PyResult<()> {
        self.body(&t.body, owner)?;
        if t.handlers.is_empty() && t.finalbody.is_empty() {
            return Err(verr(format!("{owner} has neither except handlers nor finalbody")));
        }
        if t.handlers.is_empty() && !t.orelse.is_empty() {
            return Err(verr(format!("{owner} has orelse but no except handlers")));
        }
        for h in &t.handlers {
            positions(&h.loc)?;
            self.oexpr(&h.type_, ExprContext::Load)?;
            self.body(&h.body, "ExceptHandler")?;
        }
        self.stmts(&t.finalbody)?;
        self.stmts(&t.orelse)
    }

    fn stmt_inner(&mut self, s: &Stmt) -> PyResult<()> {
        use ExprContext::*;
        match &s.node {
            StmtKind::FunctionDef(f) => self.function(f, "FunctionDef"),
            StmtKind::AsyncFunctionDef(f) => self.function(f, "AsyncFunctionDef"),
            StmtKind::ClassDef { bases, keywords, body, decorator_list, .. } => {
                self.body(body, "ClassDef")?;
                self.exprs(bases, Load)?;
                self.keywords(keywords)?;
                self.exprs(decorator_list, Load)
            }
            StmtKind::Return { value } => self.oexpr(value, Load),
            StmtKind::Delete { targets } => self.assignlist(targets, Del),
            StmtKind::Assign { targets, value, .. } => {
                self.assignlist(targets, Store)?;
                self.expr(value, Load)
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(target, Store)?;
                self.expr(value, Load)
            }
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                if *simple && !matches!(target.node, ExprKind::Name { .. }) {
                    return Err(errors::type_error("AnnAssign with simple non-Name target"));
                }
                self.expr(target, Store)?;
                self.oexpr(value, Load)?;
                self.expr(annotation, Load)
            }
            StmtKind::For(f) => self.for_(f, "For"),
            StmtKind::AsyncFor(f) => self.for_(f, "AsyncFor"),
            StmtKind::While { test, body, orelse } => {
                self.expr(test, Load)?;
                self.body(body, "While")?;
                self.stmts(orelse)
            }
            StmtKind::If { test, body, orelse } => {
                self.expr(test, Load)?;
                self.body(body, "If")?;
                self.stmts(orelse)
            }
            StmtKind::With(w) => self.with(w, "With"),
            StmtKind::AsyncWith(w) => self.with(w, "AsyncWith"),
            StmtKind::Match { subject, cases } => {
                self.expr(subject, Load)?;
                nonempty(cases, "cases", "Match")?;
                for c in cases {
                    self.pattern(&c.pattern, false)?;
                    self.oexpr(&c.guard, Load)?;
                    self.body(&c.body, "match_case")?;
                }
                Ok(())
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e, Load)?;
                    return self.oexpr(cause, Load);
                }
                if cause.is_some() {
                    return Err(verr("Raise with cause but no exception"));
                }
                Ok(())
            }
            StmtKind::Try(t) => self.try_(t, "Try"),
            StmtKind::TryStar(t) => self.try_(t, "TryStar"),
            StmtKind::Assert { test, msg } => {
                self.expr(test, Load)?;
                self.oexpr(msg, Load)
            }
            StmtKind::Import { names } => nonempty(names, "names", "Import"),
            StmtKind::ImportFrom { names, level, .. } => {
                if (*level as i32) < 0 {
                    return Err(verr("Negative ImportFrom level"));
                }
                nonempty(names, "names", "ImportFrom")
            }
            StmtKind::Global { names } => nonempty(names, "names", "Global"),
            StmtKind::Nonlocal { names } => nonempty(names, "names", "Nonlocal"),
            StmtKind::Expr { value } => self.expr(value, Load),
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => Ok(()),
        }
    }

    fn expr(&mut self, e: &Expr, ctx: ExprContext) -> PyResult<()> {
        self.check_placeholder(e)?;
        positions(&e.loc)?;
        self.enter()?;
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.expr_inner(e, ctx));
        self.depth -= 1;
        r
    }

    fn expr_inner(&mut self, e: &Expr, ctx: ExprContext) -> PyResult<()> {
        use ExprContext::*;
        let actual = match &e.node {
            ExprKind::Attribute { ctx, .. }
            | ExprKind::Subscript { ctx, .. }
            | ExprKind::Starred { ctx, .. }
            | ExprKind::List { ctx, .. }
            | ExprKind::Tuple { ctx, .. } => Some(*ctx),
            ExprKind::Name { id, ctx } => {
                name(id)?;
                Some(*ctx)
            }
            _ => {
                if ctx != Load {
                    return Err(verr(format!("expression which can't be assigned to in {} context", ctx_name(ctx))));
                }
                None
            }
        };
        if let Some(a) = actual {
            if a != ctx {
                return Err(verr(format!(
                    "expression must have {} context but has {} instead",
                    ctx_name(ctx),
                    ctx_name(a)
                )));
            }
        }
        match &e.node {
            ExprKind::BoolOp { values, .. } => {
                if values.len() < 2 {
                    return Err(verr("BoolOp with less than 2 values"));
                }
                self.exprs(values, Load)
            }
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left, Load)?;
                self.expr(right, Load)
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand, Load),
            ExprKind::Lambda { args, body } => {
                self.arguments(args)?;
                self.expr(body, Load)
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test, Load)?;
                self.expr(body, Load)?;
                self.expr(orelse, Load)
            }
            ExprKind::Dict { keys, values } => {
                if keys.len() != values.len() {
                    return Err(verr("Dict doesn't have the same number of keys as values"));
                }
                for k in keys.iter().flatten() {
                    self.expr(k, Load)?;
                }
                self.exprs(values, Load)
            }
            ExprKind::Set { elts } => self.exprs(elts, Load),
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(generators)?;
                self.expr(elt, Load)
            }
            ExprKind::DictComp { key, value, generators } => {
                self.comprehension(generators)?;
                self.expr(key, Load)?;
                self.expr(value, Load)
            }
            ExprKind::Yield { value } => self.oexpr(value, Load),
            ExprKind::YieldFrom { value } | ExprKind::Await { value } => self.expr(value, Load),
            ExprKind::Compare { left, ops, comparators } => {
                if comparators.is_empty() {
                    return Err(verr("Compare with no comparators"));
                }
                if comparators.len() != ops.len() {
                    return Err(verr("Compare has a different number of comparators and operands"));
                }
                self.exprs(comparators, Load)?;
                self.expr(left, Load)
            }
            ExprKind::Call { func, args, keywords } => {
                self.expr(func, Load)?;
                self.exprs(args, Load)?;
                self.keywords(keywords)
            }
            ExprKind::Constant { .. } => Ok(()),
            ExprKind::JoinedStr { values } => self.exprs(values, Load),
            ExprKind::FormattedValue { value, conversion, format_spec } => {
                self.expr(value, Load)?;
                if !matches!(*conversion, -1 | 0x73 | 0x72 | 0x61) && self.bad_conversion.is_none() {
                    self.bad_conversion = Some(*conversion);
                }
                self.oexpr(format_spec, Load)
            }
            ExprKind::Attribute { value, .. } => self.expr(value, Load),
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(slice, Load)?;
                self.expr(value, Load)
            }
            ExprKind::Starred { value, .. } => self.expr(value, ctx),
            ExprKind::Slice { lower, upper, step } => {
                self.oexpr(lower, Load)?;
                self.oexpr(upper, Load)?;
                self.oexpr(step, Load)
            }
            ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => self.exprs(elts, ctx),
            ExprKind::NamedExpr { value, .. } => self.expr(value, Load),
            ExprKind::Name { .. } => Ok(()),
        }
    }

    fn match_value(&mut self, e: &Expr) -> PyResult<()> {
        self.expr(e, ExprContext::Load)?;
        match &e.node {
            ExprKind::Constant { value, .. } => {
                if matches!(
                    value,
                    Constant::Int(_) | Constant::Float(_) | Constant::Bytes(_) | Constant::Complex { .. } | Constant::Str(_) | Constant::StrCodes(_)
                ) {
                    return Ok(());
                }
                Err(verr("unexpected constant inside of a literal pattern"))
            }
            ExprKind::Attribute { .. } | ExprKind::JoinedStr { .. } => Ok(()),
            ExprKind::UnaryOp { op: UnaryOp::USub, .. } => Ok(()),
            ExprKind::BinOp { op: Operator::Add | Operator::Sub, .. } => Ok(()),
            _ => Err(verr("patterns may only match literals and attribute lookups")),
        }
    }

    fn patterns(&mut self, v: &[Pattern], star_ok: bool) -> PyResult<()> {
        v.iter().try_for_each(|p| self.pattern(p, star_ok))
    }

    fn pattern(&mut self, p: &Pattern, star_ok: bool) -> PyResult<()> {
        positions(&p.loc)?;
        self.enter()?;
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.pattern_inner(p, star_ok));
        self.depth -= 1;
        r
    }

    fn pattern_inner(&mut self, p: &Pattern, star_ok: bool) -> PyResult<()> {
        match &p.node {
            PatternKind::MatchValue { value } => self.match_value(value),
            PatternKind::MatchSingleton { value } => match value {
                Constant::None | Constant::Bool(_) => Ok(()),
                _ => Err(verr("MatchSingleton can only contain True, False and None")),
            },
            PatternKind::MatchSequence { patterns } => self.patterns(patterns, true),
            PatternKind::MatchMapping { keys, patterns, rest } => {
                if keys.len() != patterns.len() {
                    return Err(verr("MatchMapping doesn't have the same number of keys as patterns"));
                }
                if let Some(r) = rest {
                    capture(r)?;
                }
                for k in keys {
                    if let ExprKind::Constant { value: Constant::None | Constant::Bool(_), .. } = k.node {
                        continue;
                    }
                    self.match_value(k)?;
                }
                self.patterns(patterns, false)
            }
            PatternKind::MatchClass { cls, patterns, kwd_attrs, kwd_patterns } => {
                if kwd_attrs.len() != kwd_patterns.len() {
                    return Err(verr("MatchClass doesn't have the same number of keyword attributes as patterns"));
                }
                self.expr(cls, ExprContext::Load)?;
                let mut c: &Expr = cls;
                loop {
                    match &c.node {
                        ExprKind::Name { .. } => break,
                        ExprKind::Attribute { value, .. } => c = value,
                        _ => return Err(verr("MatchClass cls field can only contain Name or Attribute nodes.")),
                    }
                }
                for a in kwd_attrs {
                    name(a)?;
                }
                self.patterns(patterns, false)?;
                self.patterns(kwd_patterns, false)
            }
            PatternKind::MatchStar { name: n } => {
                if !star_ok {
                    return Err(verr("can't use MatchStar here"));
                }
                match n {
                    Some(n) => capture(n),
                    None => Ok(()),
                }
            }
            PatternKind::MatchAs { pattern, name: n } => {
                if let Some(n) = n {
                    capture(n)?;
                }
                match pattern {
                    None => Ok(()),
                    Some(_) if n.is_none() => Err(verr("MatchAs must specify a target name if a pattern is given")),
                    Some(p) => self.pattern(p, false),
                }
            }
            PatternKind::MatchOr { patterns } => {
                if patterns.len() < 2 {
                    return Err(verr("MatchOr requires at least 2 patterns"));
                }
                self.patterns(patterns, false)
            }
        }
    }
}
