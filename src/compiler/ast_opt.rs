//! The AST optimizer: CPython 3.11's ast_opt.c, run between the future check
//! and the symbol table.
//!
//! Design note.
//! * One post-order walk over the tree in ast_opt.c's field order, folding in
//!   place: unary and binary operators on constants (`const_fold.rs`, with its
//!   size limits; errors swallowed = node left alone), tuples of constants
//!   (Load context) into a constant tuple, constant subscripts, `__debug__`
//!   (Load) into `True`/`False` by optimize level, `not` over a single
//!   `is`/`is not`/`in`/`not in` comparison into the inverse comparison (the
//!   node takes the comparison's location, as CPython copies the node), and
//!   for the iterable of `for` (not `async for`) and of comprehensions and the
//!   last comparator of `in`/`not in`: a list becomes a tuple, then a constant
//!   tuple if all items are constants; a set of constants becomes a constant
//!   frozenset.
//! * `'...' % (a, b)` with only `%s`/`%r`/`%a` units (optional `-` flag, width
//!   and precision of up to 2 digits) becomes a `JoinedStr` (3.11's
//!   optimize_format). The literal pieces and format specs it creates have no
//!   position in CPython (-1); here their `Loc` is all zeros, which the code
//!   generator must treat as "keep the current location".
//! * A body whose first statement *becomes* a str constant through folding is
//!   not a docstring: the constant is wrapped in a one-item `JoinedStr`.
//! * With `from __future__ import annotations`, annotations are not folded.
//! * Nesting beyond `symtable::RECURSION_LIMIT` is CPython's RecursionError.
//! * Known gaps: see `const_fold.rs` (subnormal int/int division, frozenset order).

use super::const_fold::{self, str_from_codes};
use super::opcode::CO_FUTURE_ANNOTATIONS;
use super::symtable::{Nesting, SymError};
use crate::parser::ast::*;

struct Opt {
    optimize: i32,
    future_annotations: bool,
    depth: u32,
}

type R = Result<(), SymError>;

/// Fold constants in `m` (CPython's `_PyAST_Optimize`). `optimize_level` is
/// `compile()`'s `optimize` (-1 and 0 keep `__debug__` true).
pub fn optimize(m: &mut Mod, optimize_level: i32, future_flags: u32) -> R {
    let mut o = Opt {
        optimize: optimize_level.max(0),
        future_annotations: future_flags & CO_FUTURE_ANNOTATIONS != 0,
        depth: 0,
    };
    match m {
        Mod::Module { body, .. } => o.body(body),
        Mod::Interactive { body } => o.stmts(body),
        Mod::Expression { body } => o.expr(body),
        Mod::FunctionType { .. } => Ok(()),
    }
}

fn is_docstring(body: &[Stmt]) -> bool {
    matches!(body.first(), Some(Stmt { node: StmtKind::Expr { value }, .. })
        if matches!(&value.node, ExprKind::Constant { value: Constant::Str(_) | Constant::StrCodes(_), .. }))
}

fn no_loc() -> Loc {
    Loc::default()
}

fn constant(value: Constant) -> ExprKind {
    ExprKind::Constant { value, kind: None }
}

fn as_const(e: &Expr) -> Option<&Constant> {
    match &e.node {
        ExprKind::Constant { value, .. } => Some(value),
        _ => None,
    }
}

fn has_starred(elts: &[Expr]) -> bool {
    elts.iter().any(|e| matches!(e.node, ExprKind::Starred { .. }))
}

fn const_tuple(elts: &[Expr]) -> Option<Vec<Constant>> {
    elts.iter().map(|e| as_const(e).cloned()).collect()
}

impl Nesting for Opt {
    fn depth(&mut self) -> &mut u32 {
        &mut self.depth
    }
}

impl Opt {
    fn body(&mut self, stmts: &mut [Stmt]) -> R {
        let was_doc = is_docstring(stmts);
        self.stmts(stmts)?;
        if !was_doc && is_docstring(stmts) {
            if let StmtKind::Expr { value } = &mut stmts[0].node {
                let loc = stmts[0].loc;
                let inner = std::mem::replace(&mut **value, Expr::new(ExprKind::Constant { value: Constant::None, kind: None }, loc));
                **value = Expr::new(ExprKind::JoinedStr { values: vec![inner] }, loc);
            }
        }
        Ok(())
    }

    fn stmts(&mut self, v: &mut [Stmt]) -> R {
        v.iter_mut().try_for_each(|s| self.stmt(s))
    }

    fn exprs(&mut self, v: &mut [Expr]) -> R {
        v.iter_mut().try_for_each(|e| self.expr(e))
    }

    fn opt(&mut self, e: &mut Option<Box<Expr>>) -> R {
        match e {
            Some(e) => self.expr(e),
            None => Ok(()),
        }
    }

    fn arguments(&mut self, a: &mut Arguments) -> R {
        let fa = self.future_annotations;
        let arg = |o: &mut Opt, x: &mut Arg| if fa { Ok(()) } else { o.opt(&mut x.annotation) };
        for x in a.posonlyargs.iter_mut().chain(a.args.iter_mut()) {
            arg(self, x)?;
        }
        if let Some(v) = &mut a.vararg {
            arg(self, v)?;
        }
        for x in a.kwonlyargs.iter_mut() {
            arg(self, x)?;
        }
        for d in a.kw_defaults.iter_mut().flatten() {
            self.expr(d)?;
        }
        if let Some(k) = &mut a.kwarg {
            arg(self, k)?;
        }
        self.exprs(&mut a.defaults)
    }

    fn function(&mut self, f: &mut FunctionDef) -> R {
        self.arguments(&mut f.args)?;
        self.body(&mut f.body)?;
        self.exprs(&mut f.decorator_list)?;
        if !self.future_annotations {
            self.opt(&mut f.returns)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &mut Stmt) -> R {
        self.nested(|o| o.stmt_inner(s))
    }

    fn stmt_inner(&mut self, s: &mut Stmt) -> R {
        let is_async_for = matches!(s.node, StmtKind::AsyncFor(_));
        match &mut s.node {
            StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => self.function(f)?,
            StmtKind::ClassDef { bases, keywords, body, decorator_list, .. } => {
                self.exprs(bases)?;
                keywords.iter_mut().try_for_each(|k| self.expr(&mut k.value))?;
                self.body(body)?;
                self.exprs(decorator_list)?;
            }
            StmtKind::Return { value } => self.opt(value)?,
            StmtKind::Delete { targets } => self.exprs(targets)?,
            StmtKind::Assign { targets, value, .. } => {
                self.exprs(targets)?;
                self.expr(value)?;
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(target)?;
                self.expr(value)?;
            }
            StmtKind::AnnAssign { target, annotation, value, .. } => {
                self.expr(target)?;
                if !self.future_annotations {
                    self.expr(annotation)?;
                }
                self.opt(value)?;
            }
            StmtKind::For(f) | StmtKind::AsyncFor(f) => {
                self.expr(&mut f.target)?;
                self.expr(&mut f.iter)?;
                self.stmts(&mut f.body)?;
                self.stmts(&mut f.orelse)?;
                if !is_async_for {
                    fold_iter(&mut f.iter);
                }
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::With(w) | StmtKind::AsyncWith(w) => {
                for item in w.items.iter_mut() {
                    self.expr(&mut item.context_expr)?;
                    self.opt(&mut item.optional_vars)?;
                }
                self.stmts(&mut w.body)?;
            }
            StmtKind::Raise { exc, cause } => {
                self.opt(exc)?;
                self.opt(cause)?;
            }
            StmtKind::Try(t) | StmtKind::TryStar(t) => {
                self.stmts(&mut t.body)?;
                for h in t.handlers.iter_mut() {
                    self.opt(&mut h.type_)?;
                    self.stmts(&mut h.body)?;
                }
                self.stmts(&mut t.orelse)?;
                self.stmts(&mut t.finalbody)?;
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                self.opt(msg)?;
            }
            StmtKind::Expr { value } => self.expr(value)?,
            StmtKind::Match { subject, cases } => {
                self.expr(subject)?;
                for c in cases.iter_mut() {
                    self.pattern(&mut c.pattern)?;
                    self.opt(&mut c.guard)?;
                    self.stmts(&mut c.body)?;
                }
            }
            StmtKind::Import { .. }
            | StmtKind::ImportFrom { .. }
            | StmtKind::Global { .. }
            | StmtKind::Nonlocal { .. }
            | StmtKind::Pass
            | StmtKind::Break
            | StmtKind::Continue => {}
        }
        Ok(())
    }

    fn comprehensions(&mut self, gens: &mut [Comprehension]) -> R {
        for g in gens.iter_mut() {
            self.expr(&mut g.target)?;
            self.expr(&mut g.iter)?;
            self.exprs(&mut g.ifs)?;
            fold_iter(&mut g.iter);
        }
        Ok(())
    }

    fn expr(&mut self, e: &mut Expr) -> R {
        self.nested(|o| o.expr_inner(e))
    }

    fn expr_inner(&mut self, e: &mut Expr) -> R {
        match &mut e.node {
            ExprKind::BoolOp { values, .. } => self.exprs(values)?,
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)?;
                fold_binop(e);
            }
            ExprKind::UnaryOp { operand, .. } => {
                self.expr(operand)?;
                fold_unaryop(e);
            }
            ExprKind::Lambda { args, body } => {
                self.arguments(args)?;
                self.expr(body)?;
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)?;
            }
            ExprKind::Dict { keys, values } => {
                for k in keys.iter_mut().flatten() {
                    self.expr(k)?;
                }
                self.exprs(values)?;
            }
            ExprKind::Set { elts } => self.exprs(elts)?,
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                self.expr(elt)?;
                self.comprehensions(generators)?;
            }
            ExprKind::DictComp { key, value, generators } => {
                self.expr(key)?;
                self.expr(value)?;
                self.comprehensions(generators)?;
            }
            ExprKind::Await { value } | ExprKind::YieldFrom { value } => self.expr(value)?,
            ExprKind::Yield { value } => self.opt(value)?,
            ExprKind::Compare { left, ops, comparators } => {
                self.expr(left)?;
                self.exprs(comparators)?;
                if matches!(ops.last(), Some(CmpOp::In | CmpOp::NotIn)) {
                    if let Some(last) = comparators.last_mut() {
                        fold_iter(last);
                    }
                }
            }
            ExprKind::Call { func, args, keywords } => {
                self.expr(func)?;
                self.exprs(args)?;
                keywords.iter_mut().try_for_each(|k| self.expr(&mut k.value))?;
            }
            ExprKind::FormattedValue { value, format_spec, .. } => {
                self.expr(value)?;
                self.opt(format_spec)?;
            }
            ExprKind::JoinedStr { values } => self.exprs(values)?,
            ExprKind::Attribute { value, .. } => self.expr(value)?,
            ExprKind::Subscript { value, slice, ctx } => {
                self.expr(value)?;
                self.expr(slice)?;
                if *ctx == ExprContext::Load {
                    if let (Some(v), Some(i)) = (as_const(value), as_const(slice)) {
                        if let Some(r) = const_fold::subscript(v, i) {
                            e.node = constant(r);
                        }
                    }
                }
            }
            ExprKind::Starred { value, .. } => self.expr(value)?,
            ExprKind::Slice { lower, upper, step } => {
                self.opt(lower)?;
                self.opt(upper)?;
                self.opt(step)?;
            }
            ExprKind::List { elts, .. } => self.exprs(elts)?,
            ExprKind::Tuple { elts, ctx } => {
                self.exprs(elts)?;
                if *ctx == ExprContext::Load {
                    if let Some(v) = const_tuple(elts) {
                        e.node = constant(Constant::Tuple(v));
                    }
                }
            }
            ExprKind::Name { id, ctx } => {
                if *ctx == ExprContext::Load && id == "__debug__" {
                    e.node = constant(Constant::Bool(self.optimize == 0));
                }
            }
            ExprKind::NamedExpr { value, .. } => self.expr(value)?,
            ExprKind::Constant { .. } => {}
        }
        Ok(())
    }

    fn pattern(&mut self, p: &mut Pattern) -> R {
        self.nested(|o| o.pattern_inner(p))
    }

    fn pattern_inner(&mut self, p: &mut Pattern) -> R {
        match &mut p.node {
            PatternKind::MatchValue { value } => self.expr(value),
            PatternKind::MatchSingleton { .. } | PatternKind::MatchStar { .. } => Ok(()),
            PatternKind::MatchSequence { patterns } | PatternKind::MatchOr { patterns } => {
                patterns.iter_mut().try_for_each(|q| self.pattern(q))
            }
            PatternKind::MatchMapping { keys, patterns, .. } => {
                self.exprs(keys)?;
                patterns.iter_mut().try_for_each(|q| self.pattern(q))
            }
            PatternKind::MatchClass { cls, patterns, kwd_patterns, .. } => {
                self.expr(cls)?;
                patterns.iter_mut().try_for_each(|q| self.pattern(q))?;
                kwd_patterns.iter_mut().try_for_each(|q| self.pattern(q))
            }
            PatternKind::MatchAs { pattern, .. } => match pattern {
                Some(q) => self.pattern(q),
                None => Ok(()),
            },
        }
    }
}

fn fold_unaryop(e: &mut Expr) {
    let ExprKind::UnaryOp { op, operand } = &mut e.node else { return };
    if let Some(v) = as_const(operand) {
        if let Some(r) = const_fold::unary(*op, v) {
            e.node = constant(r);
        }
        return;
    }
    // `not` over one `is`/`in` comparison: invert the comparison.
    if *op != UnaryOp::Not {
        return;
    }
    let ExprKind::Compare { ops, .. } = &operand.node else { return };
    if ops.len() != 1 {
        return;
    }
    let inverse = match ops[0] {
        CmpOp::Is => CmpOp::IsNot,
        CmpOp::IsNot => CmpOp::Is,
        CmpOp::In => CmpOp::NotIn,
        CmpOp::NotIn => CmpOp::In,
        _ => return,
    };
    let placeholder = Expr::new(constant(Constant::None), operand.loc);
    let mut cmp = std::mem::replace(&mut **operand, placeholder);
    if let ExprKind::Compare { ops, .. } = &mut cmp.node {
        ops[0] = inverse;
    }
    *e = cmp;
}

fn fold_binop(e: &mut Expr) {
    let ExprKind::BinOp { left, op, right } = &mut e.node else { return };
    let Some(lv) = as_const(left) else { return };
    if *op == Operator::Mod {
        if let (Some(fmt), ExprKind::Tuple { elts, .. }) = (const_fold::str_codes(lv), &right.node) {
            if !has_starred(elts) {
                if let Some(values) = optimize_format(&fmt, elts) {
                    e.node = ExprKind::JoinedStr { values };
                }
                return;
            }
        }
    }
    let Some(rv) = as_const(right) else { return };
    if let Some(r) = const_fold::binary(*op, lv, rv) {
        e.node = constant(r);
    }
}

/// Lists become tuples (constant ones if possible), sets of constants frozensets.
fn fold_iter(e: &mut Expr) {
    match &mut e.node {
        ExprKind::List { elts, ctx } => {
            if has_starred(elts) {
                return;
            }
            let elts = std::mem::take(elts);
            e.node = match const_tuple(&elts) {
                Some(v) => constant(Constant::Tuple(v)),
                None => ExprKind::Tuple { elts, ctx: *ctx },
            };
        }
        ExprKind::Set { elts } => {
            if let Some(v) = const_tuple(elts) {
                e.node = constant(const_fold::frozenset(v));
            }
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------
// '%s' % (a, b)  →  f'{a!s}{b!s}'

/// Literal text up to the next lone `%`, with `%%` unescaped; `None` if empty.
fn parse_literal(fmt: &[u32], pos: &mut usize) -> Option<Expr> {
    let start = *pos;
    let mut p = start;
    let mut text = Vec::new();
    while p < fmt.len() {
        if fmt[p] != '%' as u32 {
            text.push(fmt[p]);
            p += 1;
        } else if p + 1 < fmt.len() && fmt[p + 1] == '%' as u32 {
            text.push('%' as u32);
            p += 2;
        } else {
            break;
        }
    }
    *pos = p;
    if p == start {
        return None;
    }
    Some(Expr::new(constant(str_from_codes(text)), no_loc()))
}

const MAXDIGITS: u32 = 3;

/// One conversion unit after `%`: (spec, left-justified, width, precision).
fn simple_format_arg(fmt: &[u32], pos: &mut usize) -> Option<(u32, bool, i32, i32)> {
    let mut p = *pos;
    let mut next = || -> Option<u32> {
        let c = *fmt.get(p)?;
        p += 1;
        Some(c)
    };
    let mut ljust = false;
    let mut ch;
    loop {
        ch = next()?;
        match char::from_u32(ch) {
            Some('-') => ljust = true,
            Some('+' | ' ' | '#' | '0') => {}
            _ => break,
        }
    }
    let is_digit = |c: u32| ('0' as u32..='9' as u32).contains(&c);
    let (mut width, mut prec) = (-1, -1);
    if is_digit(ch) {
        width = 0;
        let mut digits = 0;
        while is_digit(ch) {
            width = width * 10 + (ch - '0' as u32) as i32;
            ch = next()?;
            digits += 1;
            if digits >= MAXDIGITS {
                return None;
            }
        }
    }
    if ch == '.' as u32 {
        ch = next()?;
        prec = 0;
        let mut digits = 0;
        while is_digit(ch) {
            prec = prec * 10 + (ch - '0' as u32) as i32;
            ch = next()?;
            digits += 1;
            if digits >= MAXDIGITS {
                return None;
            }
        }
    }
    *pos = p;
    Some((ch, ljust, width, prec))
}

fn parse_format(fmt: &[u32], pos: &mut usize, arg: &Expr) -> Option<Expr> {
    let (spec, ljust, width, prec) = simple_format_arg(fmt, pos)?;
    if ![b's', b'r', b'a'].iter().any(|&c| c as u32 == spec) {
        return None;
    }
    let mut s = String::new();
    if !ljust && width > 0 {
        s.push('>');
    }
    if width >= 0 {
        s.push_str(&width.to_string());
    }
    if prec >= 0 {
        s.push_str(&format!(".{prec}"));
    }
    let format_spec = (!s.is_empty()).then(|| Box::new(Expr::new(constant(Constant::Str(s)), no_loc())));
    Some(Expr::new(
        ExprKind::FormattedValue { value: Box::new(arg.clone()), conversion: spec as i32, format_spec },
        arg.loc,
    ))
}

/// The `JoinedStr` values for `fmt % (elts)`, or `None` to leave it alone.
fn optimize_format(fmt: &[u32], elts: &[Expr]) -> Option<Vec<Expr>> {
    let mut pos = 0;
    let mut cnt = 0;
    let mut seq = Vec::new();
    loop {
        if let Some(lit) = parse_literal(fmt, &mut pos) {
            seq.push(lit);
        }
        if pos >= fmt.len() {
            break;
        }
        if cnt >= elts.len() {
            return None; // more format units than items
        }
        pos += 1; // the '%'
        let v = parse_format(fmt, &mut pos, &elts[cnt])?;
        cnt += 1;
        seq.push(v);
    }
    if cnt < elts.len() {
        return None; // more items than format units
    }
    Some(seq)
}
