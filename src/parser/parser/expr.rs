//! Expression rules of the 3.11 grammar: from `expressions` down to `atom`,
//! comprehensions, call arguments, slices, lambdas, and the target rules
//! (`star_targets`, `single_target`, `del_targets`, `t_primary`).
//!
//! Design note: left-recursive rules are loops growing the left operand;
//! `t_primary` stops growing when the next token is not `(`, `[` or `.`, which is
//! pegen's result for that rule. Invariant: a rule that fails restores `pos`.

use super::*;
use num_bigint::BigInt;
use TokKind as T;

pub(crate) fn set_ctx(e: &mut Expr, ctx: ExprContext) {
    match &mut e.node {
        ExprKind::Name { ctx: c, .. } | ExprKind::Attribute { ctx: c, .. } | ExprKind::Subscript { ctx: c, .. } => *c = ctx,
        ExprKind::Starred { ctx: c, value } => {
            *c = ctx;
            set_ctx(value, ctx);
        }
        ExprKind::List { ctx: c, elts } | ExprKind::Tuple { ctx: c, elts } => {
            *c = ctx;
            for x in elts {
                set_ctx(x, ctx);
            }
        }
        _ => {}
    }
}

/// Depth of a tree as `ast.parse` counts it while converting to objects.
pub(crate) fn mod_depth(m: &Mod) -> usize {
    struct D {
        max: usize,
    }
    impl D {
        fn stmts(&mut self, v: &[Stmt], d: usize) {
            for s in v {
                self.stmt(s, d + 1);
            }
        }
        fn stmt(&mut self, s: &Stmt, d: usize) {
            self.max = self.max.max(d);
            if d > AST_DEPTH_LIMIT + 10 {
                return;
            }
            match &s.node {
                StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => {
                    self.args(&f.args, d + 1);
                    self.stmts(&f.body, d);
                    for e in &f.decorator_list {
                        self.expr(e, d + 1);
                    }
                    if let Some(r) = &f.returns {
                        self.expr(r, d + 1);
                    }
                }
                StmtKind::ClassDef { bases, keywords, body, decorator_list, .. } => {
                    for e in bases.iter().chain(decorator_list) {
                        self.expr(e, d + 1);
                    }
                    for k in keywords {
                        self.expr(&k.value, d + 2);
                    }
                    self.stmts(body, d);
                }
                StmtKind::Return { value } => self.oexpr(value, d),
                StmtKind::Delete { targets } => targets.iter().for_each(|e| self.expr(e, d + 1)),
                StmtKind::Assign { targets, value, .. } => {
                    targets.iter().for_each(|e| self.expr(e, d + 1));
                    self.expr(value, d + 1);
                }
                StmtKind::AugAssign { target, value, .. } => {
                    self.expr(target, d + 1);
                    self.expr(value, d + 1);
                }
                StmtKind::AnnAssign { target, annotation, value, .. } => {
                    self.expr(target, d + 1);
                    self.expr(annotation, d + 1);
                    self.oexpr(value, d);
                }
                StmtKind::For(f) | StmtKind::AsyncFor(f) => {
                    self.expr(&f.target, d + 1);
                    self.expr(&f.iter, d + 1);
                    self.stmts(&f.body, d);
                    self.stmts(&f.orelse, d);
                }
                StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                    self.expr(test, d + 1);
                    self.stmts(body, d);
                    self.stmts(orelse, d);
                }
                StmtKind::With(w) | StmtKind::AsyncWith(w) => {
                    for it in &w.items {
                        self.expr(&it.context_expr, d + 2);
                        self.oexpr(&it.optional_vars, d + 1);
                    }
                    self.stmts(&w.body, d);
                }
                StmtKind::Match { subject, cases } => {
                    self.expr(subject, d + 1);
                    for c in cases {
                        self.pat(&c.pattern, d + 2);
                        self.oexpr(&c.guard, d + 1);
                        self.stmts(&c.body, d + 1);
                    }
                }
                StmtKind::Raise { exc, cause } => {
                    self.oexpr(exc, d);
                    self.oexpr(cause, d);
                }
                StmtKind::Try(t) | StmtKind::TryStar(t) => {
                    self.stmts(&t.body, d);
                    for h in &t.handlers {
                        self.max = self.max.max(d + 1);
                        self.oexpr(&h.type_, d + 1);
                        self.stmts(&h.body, d + 1);
                    }
                    self.stmts(&t.orelse, d);
                    self.stmts(&t.finalbody, d);
                }
                StmtKind::Assert { test, msg } => {
                    self.expr(test, d + 1);
                    self.oexpr(msg, d);
                }
                StmtKind::Expr { value } => self.expr(value, d + 1),
                _ => {}
            }
        }
        fn oexpr(&mut self, e: &Option<Box<Expr>>, d: usize) {
            if let Some(e) = e {
                self.expr(e, d + 1);
            }
        }
        fn args(&mut self, a: &Arguments, d: usize) {
            self.max = self.max.max(d);
            for x in a.posonlyargs.iter().chain(&a.args).chain(&a.kwonlyargs).chain(a.vararg.as_deref()).chain(a.kwarg.as_deref()) {
                if let Some(an) = &x.annotation {
                    self.expr(an, d + 2);
                }
            }
            for e in a.defaults.iter().chain(a.kw_defaults.iter().flatten()) {
                self.expr(e, d + 1);
            }
        }
        fn comps(&mut self, g: &[Comprehension], d: usize) {
            for c in g {
                self.expr(&c.target, d + 1);
                self.expr(&c.iter, d + 1);
                c.ifs.iter().for_each(|e| self.expr(e, d + 1));
            }
        }
        fn pat(&mut self, p: &Pattern, d: usize) {
            self.max = self.max.max(d);
            if d > AST_DEPTH_LIMIT + 10 {
                return;
            }
            match &p.node {
                PatternKind::MatchValue { value } => self.expr(value, d + 1),
                PatternKind::MatchSequence { patterns } | PatternKind::MatchOr { patterns } => patterns.iter().for_each(|x| self.pat(x, d + 1)),
                PatternKind::MatchMapping { keys, patterns, .. } => {
                    keys.iter().for_each(|e| self.expr(e, d + 1));
                    patterns.iter().for_each(|x| self.pat(x, d + 1));
                }
                PatternKind::MatchClass { cls, patterns, kwd_patterns, .. } => {
                    self.expr(cls, d + 1);
                    patterns.iter().chain(kwd_patterns).for_each(|x| self.pat(x, d + 1));
                }
                PatternKind::MatchAs { pattern: Some(x), .. } => self.pat(x, d + 1),
                _ => {}
            }
        }
        fn expr(&mut self, e: &Expr, d: usize) {
            self.max = self.max.max(d);
            if d > AST_DEPTH_LIMIT + 10 {
                return;
            }
            let d1 = d + 1;
            match &e.node {
                ExprKind::BoolOp { values, .. } => values.iter().for_each(|x| self.expr(x, d1)),
                ExprKind::NamedExpr { target, value } => {
                    self.expr(target, d1);
                    self.expr(value, d1)
                }
                ExprKind::BinOp { left, right, .. } => {
                    self.expr(left, d1);
                    self.expr(right, d1)
                }
                ExprKind::UnaryOp { operand, .. } => self.expr(operand, d1),
                ExprKind::Lambda { args, body } => {
                    self.args(args, d1);
                    self.expr(body, d1)
                }
                ExprKind::IfExp { test, body, orelse } => {
                    self.expr(test, d1);
                    self.expr(body, d1);
                    self.expr(orelse, d1)
                }
                ExprKind::Dict { keys, values } => {
                    keys.iter().flatten().for_each(|x| self.expr(x, d1));
                    values.iter().for_each(|x| self.expr(x, d1))
                }
                ExprKind::Set { elts } | ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => elts.iter().for_each(|x| self.expr(x, d1)),
                ExprKind::ListComp { elt, generators } | ExprKind::SetComp { elt, generators } | ExprKind::GeneratorExp { elt, generators } => {
                    self.expr(elt, d1);
                    self.comps(generators, d1)
                }
                ExprKind::DictComp { key, value, generators } => {
                    self.expr(key, d1);
                    self.expr(value, d1);
                    self.comps(generators, d1)
                }
                ExprKind::Await { value } | ExprKind::YieldFrom { value } => self.expr(value, d1),
                ExprKind::Yield { value } => self.oexpr(value, d),
                ExprKind::Compare { left, comparators, .. } => {
                    self.expr(left, d1);
                    comparators.iter().for_each(|x| self.expr(x, d1))
                }
                ExprKind::Call { func, args, keywords } => {
                    self.expr(func, d1);
                    args.iter().for_each(|x| self.expr(x, d1));
                    keywords.iter().for_each(|k| self.expr(&k.value, d1 + 1))
                }
                ExprKind::FormattedValue { value, format_spec, .. } => {
                    self.expr(value, d1);
                    self.oexpr(format_spec, d)
                }
                ExprKind::JoinedStr { values } => values.iter().for_each(|x| self.expr(x, d1)),
                ExprKind::Attribute { value, .. } | ExprKind::Starred { value, .. } => self.expr(value, d1),
                ExprKind::Subscript { value, slice, .. } => {
                    self.expr(value, d1);
                    self.expr(slice, d1)
                }
                ExprKind::Slice { lower, upper, step } => {
                    self.oexpr(lower, d);
                    self.oexpr(upper, d);
                    self.oexpr(step, d)
                }
                ExprKind::Constant { .. } | ExprKind::Name { .. } => {}
            }
        }
    }
    let mut d = D { max: 0 };
    match m {
        Mod::Module { body, .. } | Mod::Interactive { body } => d.stmts(body, 1),
        Mod::Expression { body } => d.expr(body, 2),
        Mod::FunctionType { argtypes, returns } => {
            argtypes.iter().for_each(|e| d.expr(e, 2));
            d.expr(returns, 2)
        }
    }
    d.max
}

fn binop(l: Expr, op: Operator, r: Expr, loc: Loc) -> Expr {
    Expr::new(ExprKind::BinOp { left: Box::new(l), op, right: Box::new(r) }, loc)
}

fn tuple(elts: Vec<Expr>, ctx: ExprContext, loc: Loc) -> Expr {
    Expr::new(ExprKind::Tuple { elts, ctx }, loc)
}

/// The value of a NUMBER token.
pub(crate) fn number_value(text: &str) -> Constant {
    let t: String = text.chars().filter(|&c| c != '_').collect();
    let lower = t.to_ascii_lowercase();
    if lower.ends_with('j') {
        let v: f64 = lower[..lower.len() - 1].parse().unwrap_or(f64::INFINITY);
        return Constant::Complex { real: 0.0, imag: v };
    }
    let radix = if lower.starts_with("0x") {
        16
    } else if lower.starts_with("0o") {
        8
    } else if lower.starts_with("0b") {
        2
    } else {
        10
    };
    if radix != 10 {
        return Constant::Int(BigInt::parse_bytes(&lower.as_bytes()[2..], radix).unwrap_or_default());
    }
    if lower.contains(['.', 'e']) {
        return Constant::Float(lower.parse().unwrap_or(f64::INFINITY));
    }
    Constant::Int(BigInt::parse_bytes(lower.as_bytes(), 10).unwrap_or_default())
}

impl<'a> Parser<'a> {
    // --- expressions -----------------------------------------------------------

    /// expressions: expression (',' expression)* [',']
    pub fn expressions(&mut self) -> R<Expr> {
        self.enter(|p| {
            let start = p.cur();
            let a = p.expression()?;
            if !p.at(T::COMMA) {
                return Some(a);
            }
            let mut v = vec![a];
            while p.expect(T::COMMA).is_some() {
                let m = p.pos;
                match p.expression() {
                    Some(e) => v.push(e),
                    None => {
                        p.pos = m;
                        break;
                    }
                }
            }
            Some(tuple(v, ExprContext::Load, p.loc_from(&start)))
        })
    }

    /// expression (memo). Memoized only after an opening bracket or a comma:
    /// the positions alternatives re-parse (tuple/group/genexp, call
    /// arguments, dict/set, slices); elsewhere the clone into the memo would
    /// make right-nested chains (`a if b else ...`) quadratic.
    pub fn expression(&mut self) -> R<Expr> {
        let after_open = self.pos > 0 && matches!(self.toks[self.pos - 1].kind, T::LPAR | T::LSQB | T::LBRACE | T::COMMA);
        if after_open {
            self.memo_expr(Rule::Expression, |p| p.expression_inner())
        } else {
            self.enter(|p| p.expression_inner())
        }
    }

    fn expression_inner(&mut self) -> R<Expr> {
        {
            let p = self;
            let m = p.pos;
            if p.invalid {
                p.invalid_expression();
                p.pos = m;
                p.invalid_legacy_expression();
                p.pos = m;
                if p.failed() {
                    return None;
                }
            }
            if p.at_kw(Kw::Lambda) {
                return p.lambdef();
            }
            let start = p.cur();
            let a = p.disjunction()?;
            let m2 = p.pos;
            if p.kw(Kw::If).is_some() {
                if let Some(b) = p.disjunction() {
                    if p.kw(Kw::Else).is_some() {
                        if let Some(c) = p.expression() {
                            let loc = p.loc_from(&start);
                            return Some(Expr::new(ExprKind::IfExp { test: Box::new(b), body: Box::new(a), orelse: Box::new(c) }, loc));
                        }
                    }
                }
                p.pos = m2;
            }
            Some(a)
        }
    }

    /// expression without the invalid_ alternatives (expression_without_invalid).
    /// Like pegen, inner memo entries are shared with the other mode.
    pub fn expression_without_invalid(&mut self) -> R<Expr> {
        let saved = self.invalid;
        self.invalid = false;
        let r = self.enter(|p| p.expression_inner());
        self.invalid = saved;
        r
    }

    /// yield_expr
    pub fn yield_expr(&mut self) -> R<Expr> {
        self.enter(|p| {
            let t = p.kw(Kw::Yield)?;
            if p.kw(Kw::From).is_some() {
                let a = p.expression()?;
                return Some(Expr::new(ExprKind::YieldFrom { value: Box::new(a) }, p.loc_from(&t)));
            }
            let m = p.pos;
            let v = match p.star_expressions() {
                Some(e) => Some(Box::new(e)),
                None => {
                    p.pos = m;
                    if p.failed() {
                        return None;
                    }
                    None
                }
            };
            Some(Expr::new(ExprKind::Yield { value: v }, p.loc_from(&t)))
        })
    }

    /// star_expressions
    pub fn star_expressions(&mut self) -> R<Expr> {
        self.enter(|p| {
            let start = p.cur();
            let a = p.star_expression()?;
            if !p.at(T::COMMA) {
                return Some(a);
            }
            let mut v = vec![a];
            while p.expect(T::COMMA).is_some() {
                let m = p.pos;
                match p.star_expression() {
                    Some(e) => v.push(e),
                    None => {
                        p.pos = m;
                        break;
                    }
                }
            }
            Some(tuple(v, ExprContext::Load, p.loc_from(&start)))
        })
    }

    /// star_expression (memo): '*' bitwise_or | expression
    pub fn star_expression(&mut self) -> R<Expr> {
        self.enter(|p| {
            if let Some(t) = p.expect(T::STAR) {
                let a = p.bitwise_or()?;
                return Some(Expr::new(ExprKind::Starred { value: Box::new(a), ctx: ExprContext::Load }, p.loc_from(&t)));
            }
            p.expression()
        })
    }

    /// star_named_expressions: ','.star_named_expression+ [',']
    pub fn star_named_expressions(&mut self) -> R<Vec<Expr>> {
        self.enter(|p| {
            let mut v = vec![p.star_named_expression()?];
            loop {
                let m = p.pos;
                if p.expect(T::COMMA).is_none() {
                    break;
                }
                match p.star_named_expression() {
                    Some(e) => v.push(e),
                    None => {
                        p.pos = m + 1;
                        break;
                    }
                }
            }
            Some(v)
        })
    }

    /// star_named_expression: '*' bitwise_or | named_expression
    pub fn star_named_expression(&mut self) -> R<Expr> {
        self.enter(|p| {
            if let Some(t) = p.expect(T::STAR) {
                let a = p.bitwise_or()?;
                return Some(Expr::new(ExprKind::Starred { value: Box::new(a), ctx: ExprContext::Load }, p.loc_from(&t)));
            }
            p.named_expression()
        })
    }

    /// assignment_expression: NAME ':=' ~ expression
    pub fn assignment_expression(&mut self) -> R<Expr> {
        self.enter(|p| {
            let m = p.pos;
            let (id, t) = p.name()?;
            if p.expect(T::COLONEQUAL).is_none() {
                p.pos = m;
                return None;
            }
            // Cut: no other alternative is tried after ':='.
            let b = p.expression()?;
            let target = Expr::new(ExprKind::Name { id, ctx: ExprContext::Store }, loc1(&t));
            Some(Expr::new(ExprKind::NamedExpr { target: Box::new(target), value: Box::new(b) }, p.loc_from(&t)))
        })
    }

    /// named_expression: assignment_expression | invalid_named_expression | expression !':='
    pub fn named_expression(&mut self) -> R<Expr> {
        self.enter(|p| {
            let m = p.pos;
            if let Some(e) = p.assignment_expression() {
                return Some(e);
            }
            p.pos = m;
            if p.failed() {
                return None;
            }
            if p.invalid {
                p.invalid_named_expression();
                p.pos = m;
                if p.failed() {
                    return None;
                }
            }
            let e = p.expression()?;
            if p.at(T::COLONEQUAL) {
                p.pos = m;
                return None;
            }
            Some(e)
        })
    }

    /// disjunction (memo): conjunction ('or' conjunction)+ | conjunction
    pub fn disjunction(&mut self) -> R<Expr> {
        self.enter(|p| p.boolop(Kw::Or))
    }

    fn boolop(&mut self, k: Kw) -> R<Expr> {
        let start = p_cur(self);
        let a = if k == Kw::Or { self.conjunction()? } else { self.inversion()? };
        if !self.at_kw(k) {
            return Some(a);
        }
        let mut v = vec![a];
        loop {
            let m = self.pos;
            if self.kw(k).is_none() {
                break;
            }
            let b = if k == Kw::Or { self.conjunction() } else { self.inversion() };
            match b {
                Some(b) => v.push(b),
                None => {
                    self.pos = m;
                    break;
                }
            }
        }
        if self.failed() {
            return None;
        }
        let op = if k == Kw::Or { BoolOp::Or } else { BoolOp::And };
        Some(Expr::new(ExprKind::BoolOp { op, values: v }, self.loc_from(&start)))
    }

    /// conjunction (memo)
    pub fn conjunction(&mut self) -> R<Expr> {
        self.enter(|p| p.boolop(Kw::And))
    }

    /// inversion (memo): 'not' inversion | comparison
    pub fn inversion(&mut self) -> R<Expr> {
        self.enter(|p| {
            if let Some(t) = p.kw(Kw::Not) {
                let a = p.inversion()?;
                return Some(Expr::new(ExprKind::UnaryOp { op: UnaryOp::Not, operand: Box::new(a) }, p.loc_from(&t)));
            }
            p.comparison()
        })
    }

    fn compare_op(&mut self) -> Option<CmpOp> {
        let t = self.cur();
        let op = match t.kind {
            T::EQEQUAL => CmpOp::Eq,
            T::NOTEQUAL => {
                // '!=' is only valid in its standard spelling (`<>` is an ERRORTOKEN here).
                CmpOp::NotEq
            }
            T::LESSEQUAL => CmpOp::LtE,
            T::LESS => CmpOp::Lt,
            T::GREATEREQUAL => CmpOp::GtE,
            T::GREATER => CmpOp::Gt,
            T::NAME => match t.kw {
                Some(Kw::In) => CmpOp::In,
                Some(Kw::Not) => {
                    if self.tok(self.pos + 1).kw == Some(Kw::In) {
                        self.pos += 2;
                        return Some(CmpOp::NotIn);
                    }
                    return None;
                }
                Some(Kw::Is) => {
                    if self.tok(self.pos + 1).kw == Some(Kw::Not) {
                        self.pos += 2;
                        return Some(CmpOp::IsNot);
                    }
                    CmpOp::Is
                }
                _ => return None,
            },
            _ => return None,
        };
        self.pos += 1;
        Some(op)
    }

    /// comparison: bitwise_or compare_op_bitwise_or_pair+ | bitwise_or
    pub fn comparison(&mut self) -> R<Expr> {
        self.enter(|p| {
            let start = p.cur();
            let a = p.bitwise_or()?;
            let mut ops = Vec::new();
            let mut cmps = Vec::new();
            loop {
                let m = p.pos;
                let Some(op) = p.compare_op() else { break };
                match p.bitwise_or() {
                    Some(b) => {
                        ops.push(op);
                        cmps.push(b);
                    }
                    None => {
                        p.pos = m;
                        break;
                    }
                }
            }
            if p.failed() {
                return None;
            }
            if ops.is_empty() {
                return Some(a);
            }
            let loc = p.loc_from(&start);
            Some(Expr::new(ExprKind::Compare { left: Box::new(a), ops, comparators: cmps }, loc))
        })
    }

    fn binary(&mut self, level: u8) -> R<Expr> {
        self.enter(|p| {
            let start = p.cur();
            let mut a = if level == 5 { p.factor()? } else { p.binary(level + 1)? };
            let mut count = 0;
            loop {
                let t = p.cur();
                let op = match (level, t.kind) {
                    (0, T::VBAR) => Operator::BitOr,
                    (1, T::CIRCUMFLEX) => Operator::BitXor,
                    (2, T::AMPER) => Operator::BitAnd,
                    (3, T::LEFTSHIFT) => Operator::LShift,
                    (3, T::RIGHTSHIFT) => Operator::RShift,
                    (4, T::PLUS) => Operator::Add,
                    (4, T::MINUS) => Operator::Sub,
                    (5, T::STAR) => Operator::Mult,
                    (5, T::SLASH) => Operator::Div,
                    (5, T::DOUBLESLASH) => Operator::FloorDiv,
                    (5, T::PERCENT) => Operator::Mod,
                    (5, T::AT) => Operator::MatMult,
                    _ => break,
                };
                let m = p.pos;
                p.pos += 1;
                let base = p.chain;
                p.chain = base + count + 1;
                let b = if level == 5 { p.factor() } else { p.binary(level + 1) };
                p.chain = base;
                match b {
                    Some(b) => {
                        if p.chain_grow(&mut count) {
                            let loc = p.loc_from(&start);
                            a = binop(a, op, b, loc)
                        }
                    }
                    None => {
                        p.pos = m;
                        break;
                    }
                }
            }
            if p.failed() {
                return None;
            }
            Some(a)
        })
    }

    /// bitwise_or (left-recursive; its loop here)
    /// bitwise_or is left-recursive, so pegen memoizes it; without the memo
    /// the invalid_ rules' re-tries at one position cost 4x per nesting level.
    pub fn bitwise_or(&mut self) -> R<Expr> {
        self.memo_expr(Rule::BitwiseOr, |p| p.binary(0))
    }

    /// factor (memo): '+' factor | '-' factor | '~' factor | power
    pub fn factor(&mut self) -> R<Expr> {
        self.enter(|p| {
            let t = p.cur();
            let op = match t.kind {
                T::PLUS => UnaryOp::UAdd,
                T::MINUS => UnaryOp::USub,
                T::TILDE => UnaryOp::Invert,
                _ => return p.power(),
            };
            p.pos += 1;
            let a = p.factor()?;
            Some(Expr::new(ExprKind::UnaryOp { op, operand: Box::new(a) }, p.loc_from(&t)))
        })
    }

    /// power: await_primary '**' factor | await_primary
    pub fn power(&mut self) -> R<Expr> {
        self.enter(|p| {
            let start = p.cur();
            let a = p.await_primary()?;
            let m = p.pos;
            if p.expect(T::DOUBLESTAR).is_some() {
                if let Some(b) = p.factor() {
                    let loc = p.loc_from(&start);
                    return Some(binop(a, Operator::Pow, b, loc));
                }
                p.pos = m;
                if p.failed() {
                    return None;
                }
            }
            Some(a)
        })
    }

    /// await_primary (memo): AWAIT primary | primary
    pub fn await_primary(&mut self) -> R<Expr> {
        self.enter(|p| {
            if let Some(t) = p.kw(Kw::Await) {
                let a = p.primary()?;
                return Some(Expr::new(ExprKind::Await { value: Box::new(a) }, p.loc_from(&t)));
            }
            p.primary()
        })
    }

    /// primary (left-recursive): atom followed by '.' NAME, genexp, call, subscript.
    pub fn primary(&mut self) -> R<Expr> {
        self.enter(|p| {
            let start = p.cur();
            let mut a = p.atom()?;
            let mut count = 0;
            let base = p.chain;
            loop {
                let m = p.pos;
                p.chain = base + count + 1;
                let r = p.primary_tail(a, &start, false);
                p.chain = base;
                match r {
                    Ok(b) => a = if p.chain_grow(&mut count) { b } else { strip_last_step(b) },
                    Err(b) => {
                        p.pos = m;
                        a = b;
                        break;
                    }
                }
            }
            if p.failed() {
                return None;
            }
            Some(a)
        })
    }

    /// One step of `primary`/`t_primary`: `.NAME`, genexp call, call, subscript.
    /// Gives the operand back when no step applies.
    fn primary_tail(&mut self, a: Expr, start: &Tok, _target: bool) -> Result<Expr, Expr> {
        let t = self.cur();
        if self.invalid && matches!(t.kind, T::LSQB | T::LBRACE) {
            // `primary genexp` comes before the subscript alternative; on
            // these brackets only its invalid_comprehension part can match.
            let m = self.pos;
            let _ = self.genexp();
            self.pos = m;
            if self.failed() {
                return Err(a);
            }
        }
        match t.kind {
            T::DOT => {
                self.pos += 1;
                match self.name() {
                    Some((attr, _)) => {
                        let loc = self.loc_from(start);
                        Ok(Expr::new(ExprKind::Attribute { value: Box::new(a), attr, ctx: ExprContext::Load }, loc))
                    }
                    None => Err(a),
                }
            }
            T::LPAR => {
                let m = self.pos;
                if let Some(g) = self.genexp() {
                    let loc = self.loc_from(start);
                    return Ok(Expr::new(ExprKind::Call { func: Box::new(a), args: vec![g], keywords: vec![] }, loc));
                }
                self.pos = m;
                if self.failed() {
                    return Err(a);
                }
                self.pos += 1;
                let (args, keywords) = if self.at(T::RPAR) {
                    (vec![], vec![])
                } else {
                    match self.arguments() {
                        Some(x) => x,
                        None => return Err(a),
                    }
                };
                if self.expect(T::RPAR).is_none() {
                    return Err(a);
                }
                let loc = self.loc_from(start);
                Ok(Expr::new(ExprKind::Call { func: Box::new(a), args, keywords }, loc))
            }
            T::LSQB => {
                self.pos += 1;
                let Some(s) = self.slices() else { return Err(a) };
                if self.expect(T::RSQB).is_none() {
                    return Err(a);
                }
                let loc = self.loc_from(start);
                Ok(Expr::new(ExprKind::Subscript { value: Box::new(a), slice: Box::new(s), ctx: ExprContext::Load }, loc))
            }
            _ => Err(a),
        }
    }

    /// slices: slice !',' | ','.(slice | starred_expression)+ [',']
    pub fn slices(&mut self) -> R<Expr> {
        self.enter(|p| {
            let start = p.cur();
            let m = p.pos;
            if let Some(s) = p.slice() {
                if !p.at(T::COMMA) {
                    return Some(s);
                }
            }
            p.pos = m;
            if p.failed() {
                return None;
            }
            let mut v = Vec::new();
            loop {
                let m = p.pos;
                let e = match p.slice() {
                    Some(s) => Some(s),
                    None => {
                        p.pos = m;
                        if p.failed() {
                            return None;
                        }
                        p.starred_expression()
                    }
                };
                match e {
                    Some(e) => v.push(e),
                    None => {
                        p.pos = m;
                        if v.is_empty() {
                            return None;
                        }
                        break;
                    }
                }
                if p.expect(T::COMMA).is_none() {
                    break;
                }
            }
            if p.failed() {
                return None;
            }
            Some(tuple(v, ExprContext::Load, p.loc_from(&start)))
        })
    }

    /// slice: [expression] ':' [expression] [':' [expression]] | named_expression
    pub fn slice(&mut self) -> R<Expr> {
        self.enter(|p| {
            let start = p.cur();
            let m = p.pos;
            let lower = p.expression();
            if lower.is_none() {
                p.pos = m;
            }
            if p.failed() {
                return None;
            }
            if p.expect(T::COLON).is_some() {
                let m = p.pos;
                let upper = p.expression();
                if upper.is_none() {
                    p.pos = m;
                }
                let mut step = None;
                let m = p.pos;
                if p.expect(T::COLON).is_some() {
                    let m2 = p.pos;
                    step = p.expression();
                    if step.is_none() {
                        p.pos = m2;
                    }
                } else {
                    p.pos = m;
                }
                if p.failed() {
                    return None;
                }
                return Some(Expr::new(
                    ExprKind::Slice { lower: lower.map(Box::new), upper: upper.map(Box::new), step: step.map(Box::new) },
                    p.loc_from(&start),
                ));
            }
            p.pos = m;
            p.named_expression()
        })
    }

    /// atom
    pub fn atom(&mut self) -> R<Expr> {
        self.enter(|p| {
            let t = p.cur();
            let c = match t.kind {
                T::NAME => match t.kw {
                    None => return p.name_expr(),
                    Some(Kw::True) => Constant::Bool(true),
                    Some(Kw::False) => Constant::Bool(false),
                    Some(Kw::None_) => Constant::None,
                    _ => return None,
                },
                T::STRING => return p.strings(),
                T::NUMBER => number_value(p.text(&t)),
                T::LPAR => {
                    let m = p.pos;
                    if let Some(e) = p.tuple() {
                        return Some(e);
                    }
                    p.pos = m;
                    if let Some(e) = p.group() {
                        return Some(e);
                    }
                    p.pos = m;
                    return p.genexp();
                }
                T::LSQB => {
                    let m = p.pos;
                    if let Some(e) = p.list() {
                        return Some(e);
                    }
                    p.pos = m;
                    return p.listcomp();
                }
                T::LBRACE => {
                    let m = p.pos;
                    if let Some(e) = p.dict() {
                        return Some(e);
                    }
                    p.pos = m;
                    if let Some(e) = p.set() {
                        return Some(e);
                    }
                    p.pos = m;
                    if let Some(e) = p.dictcomp() {
                        return Some(e);
                    }
                    p.pos = m;
                    return p.setcomp();
                }
                T::ELLIPSIS => Constant::Ellipsis,
                _ => return None,
            };
            p.pos += 1;
            Some(Expr::new(ExprKind::Constant { value: c, kind: None }, loc1(&t)))
        })
    }

    /// group: '(' (yield_expr | named_expression) ')' | invalid_group
    fn group(&mut self) -> R<Expr> {
        self.enter(|p| {
            let m = p.pos;
            p.expect(T::LPAR)?;
            let m1 = p.pos;
            let a = match p.yield_expr() {
                Some(a) => Some(a),
                None => {
                    p.pos = m1;
                    if p.failed() {
                        return None;
                    }
                    p.named_expression()
                }
            };
            if let Some(a) = a {
                if p.expect(T::RPAR).is_some() {
                    return Some(a);
                }
            }
            p.pos = m;
            if p.invalid && !p.failed() {
                p.invalid_group();
            }
            None
        })
    }

    /// tuple: '(' [star_named_expression ',' [star_named_expressions]] ')'
    pub(super) fn tuple(&mut self) -> R<Expr> {
        self.enter(|p| {
            let t = p.expect(T::LPAR)?;
            let mut v = Vec::new();
            if !p.at(T::RPAR) {
                v.push(p.star_named_expression()?);
                p.expect(T::COMMA)?;
                if !p.at(T::RPAR) {
                    let m = p.pos;
                    match p.star_named_expressions() {
                        Some(w) => v.extend(w),
                        None => p.pos = m,
                    }
                }
            }
            p.expect(T::RPAR)?;
            Some(tuple(v, ExprContext::Load, p.loc_from(&t)))
        })
    }

    /// list: '[' [star_named_expressions] ']'
    pub(super) fn list(&mut self) -> R<Expr> {
        self.enter(|p| {
            let t = p.expect(T::LSQB)?;
            let mut v = Vec::new();
            if !p.at(T::RSQB) {
                v = p.star_named_expressions()?;
            }
            p.expect(T::RSQB)?;
            Some(Expr::new(ExprKind::List { elts: v, ctx: ExprContext::Load }, p.loc_from(&t)))
        })
    }

    /// set: '{' star_named_expressions '}'
    fn set(&mut self) -> R<Expr> {
        self.enter(|p| {
            let t = p.expect(T::LBRACE)?;
            let v = p.star_named_expressions()?;
            p.expect(T::RBRACE)?;
            Some(Expr::new(ExprKind::Set { elts: v }, p.loc_from(&t)))
        })
    }

    /// dict: '{' [double_starred_kvpairs] '}' | '{' invalid_double_starred_kvpairs '}'
    fn dict(&mut self) -> R<Expr> {
        self.enter(|p| {
            let t = p.expect(T::LBRACE)?;
            let m = p.pos;
            let mut keys = Vec::new();
            let mut values = Vec::new();
            if let Some((k, v)) = p.double_starred_kvpair() {
                keys.push(k);
                values.push(v);
                loop {
                    let m2 = p.pos;
                    if p.expect(T::COMMA).is_none() {
                        break;
                    }
                    match p.double_starred_kvpair() {
                        Some((k, v)) => {
                            keys.push(k);
                            values.push(v);
                        }
                        None => {
                            p.pos = m2;
                            break;
                        }
                    }
                }
                p.expect(T::COMMA);
            } else {
                p.pos = m;
            }
            if p.failed() {
                return None;
            }
            if p.expect(T::RBRACE).is_some() {
                return Some(Expr::new(ExprKind::Dict { keys, values }, p.loc_from(&t)));
            }
            p.pos = m;
            if p.invalid {
                p.invalid_double_starred_kvpairs();
            }
            None
        })
    }

    /// double_starred_kvpair: '**' bitwise_or | kvpair
    fn double_starred_kvpair(&mut self) -> R<(Option<Expr>, Expr)> {
        self.enter(|p| {
            if p.expect(T::DOUBLESTAR).is_some() {
                let v = p.bitwise_or()?;
                return Some((None, v));
            }
            let (k, v) = p.kvpair()?;
            Some((Some(k), v))
        })
    }

    /// kvpair: expression ':' expression
    fn kvpair(&mut self) -> R<(Expr, Expr)> {
        let k = self.expression()?;
        self.expect(T::COLON)?;
        let v = self.expression()?;
        Some((k, v))
    }

    /// for_if_clauses: for_if_clause+
    pub fn for_if_clauses(&mut self) -> R<Vec<Comprehension>> {
        self.enter(|p| {
            let mut v = Vec::new();
            loop {
                let m = p.pos;
                match p.for_if_clause() {
                    Some(c) => v.push(c),
                    None => {
                        p.pos = m;
                        break;
                    }
                }
            }
            if v.is_empty() || p.failed() {
                return None;
            }
            Some(v)
        })
    }

    /// for_if_clause: [ASYNC] 'for' star_targets 'in' ~ disjunction ('if' disjunction)* | invalid_for_target
    fn for_if_clause(&mut self) -> R<Comprehension> {
        self.enter(|p| {
            let m = p.pos;
            let is_async = p.kw(Kw::Async).is_some();
            if p.kw(Kw::For).is_some() {
                if let Some(target) = p.star_targets() {
                    if p.kw(Kw::In).is_some() {
                        // Cut: after 'in' no other alternative.
                        let iter = p.disjunction()?;
                        let mut ifs = Vec::new();
                        loop {
                            let m2 = p.pos;
                            if p.kw(Kw::If).is_none() {
                                break;
                            }
                            match p.disjunction() {
                                Some(e) => ifs.push(e),
                                None => {
                                    p.pos = m2;
                                    break;
                                }
                            }
                        }
                        if p.failed() {
                            return None;
                        }
                        return Some(Comprehension { target, iter, ifs, is_async });
                    }
                }
            }
            p.pos = m;
            if p.invalid && !p.failed() {
                p.invalid_for_target();
            }
            None
        })
    }

    fn comp_generic(&mut self, open: T, close: T, kind: u8) -> R<Expr> {
        self.enter(|p| {
            let Some(t) = p.expect(open) else {
                // genexp's invalid_comprehension alternative takes any of
                // the three brackets: `f[x, y for y in z]`, `1{f loop}`.
                if kind == 2 && p.invalid && !p.failed() {
                    p.invalid_comprehension();
                }
                return None;
            };
            let m = p.pos;
            let elt = if kind == 2 {
                let m1 = p.pos;
                match p.assignment_expression() {
                    Some(e) => e,
                    None => {
                        p.pos = m1;
                        if p.failed() {
                            return None;
                        }
                        let e = p.expression();
                        if e.is_none() || p.at(T::COLONEQUAL) {
                            p.pos = m;
                            return p.invalid_comprehension_alt();
                        }
                        e?
                    }
                }
            } else {
                match p.named_expression() {
                    Some(e) => e,
                    None => {
                        p.pos = m;
                        return p.invalid_comprehension_alt();
                    }
                }
            };
            let Some(gens) = p.for_if_clauses() else {
                p.pos = m;
                return p.invalid_comprehension_alt();
            };
            if p.expect(close).is_none() {
                p.pos = m;
                return p.invalid_comprehension_alt();
            }
            let loc = p.loc_from(&t);
            let elt = Box::new(elt);
            Some(Expr::new(
                match kind {
                    0 => ExprKind::ListComp { elt, generators: gens },
                    1 => ExprKind::SetComp { elt, generators: gens },
                    _ => ExprKind::GeneratorExp { elt, generators: gens },
                },
                loc,
            ))
        })
    }

    fn invalid_comprehension_alt(&mut self) -> R<Expr> {
        if self.invalid && !self.failed() {
            // invalid_comprehension is tried from the opening bracket.
            self.pos -= 1;
            self.invalid_comprehension();
        }
        None
    }

    pub fn listcomp(&mut self) -> R<Expr> {
        self.comp_generic(T::LSQB, T::RSQB, 0)
    }
    pub fn setcomp(&mut self) -> R<Expr> {
        self.comp_generic(T::LBRACE, T::RBRACE, 1)
    }
    pub fn genexp(&mut self) -> R<Expr> {
        self.comp_generic(T::LPAR, T::RPAR, 2)
    }

    /// dictcomp: '{' kvpair for_if_clauses '}' | invalid_dict_comprehension
    fn dictcomp(&mut self) -> R<Expr> {
        self.enter(|p| {
            let t = p.expect(T::LBRACE)?;
            let m = p.pos;
            if let Some((k, v)) = p.kvpair() {
                if let Some(gens) = p.for_if_clauses() {
                    if p.expect(T::RBRACE).is_some() {
                        return Some(Expr::new(ExprKind::DictComp { key: Box::new(k), value: Box::new(v), generators: gens }, p.loc_from(&t)));
                    }
                }
            }
            p.pos = m - 1;
            if p.invalid && !p.failed() {
                p.invalid_dict_comprehension();
            }
            None
        })
    }

    /// arguments (memo): args [','] &')' | invalid_arguments
    pub fn arguments(&mut self) -> R<(Vec<Expr>, Vec<Keyword>)> {
        self.enter(|p| {
            let m = p.pos;
            if let Some(r) = p.args() {
                p.expect(T::COMMA);
                if p.at(T::RPAR) {
                    return Some(r);
                }
            }
            p.pos = m;
            if p.invalid && !p.failed() {
                p.invalid_arguments();
            }
            None
        })
    }

    /// args: ','.(starred_expression | (assignment_expression | expression !':=') !'=')+ [',' kwargs] | kwargs
    pub(super) fn args_rule(&mut self) -> R<(Vec<Expr>, Vec<Keyword>)> {
        self.args()
    }

    fn args(&mut self) -> R<(Vec<Expr>, Vec<Keyword>)> {
        self.enter(|p| {
            let m = p.pos;
            if let Some(first) = p.arg_item() {
                let mut args = vec![first];
                loop {
                    let m2 = p.pos;
                    if p.expect(T::COMMA).is_none() {
                        break;
                    }
                    match p.arg_item() {
                        Some(e) => args.push(e),
                        None => {
                            p.pos = m2;
                            break;
                        }
                    }
                }
                if p.failed() {
                    return None;
                }
                let mut kws = Vec::new();
                let m3 = p.pos;
                if p.expect(T::COMMA).is_some() {
                    match p.kwargs() {
                        Some((s, k)) => {
                            args.extend(s);
                            kws = k;
                        }
                        None => p.pos = m3,
                    }
                }
                if p.failed() {
                    return None;
                }
                return Some((args, kws));
            }
            p.pos = m;
            if p.failed() {
                return None;
            }
            p.kwargs()
        })
    }

    /// starred_expression | (assignment_expression | expression !':=') !'='
    fn arg_item(&mut self) -> R<Expr> {
        let m = self.pos;
        if self.at(T::STAR) {
            if let Some(e) = self.starred_expression() {
                return Some(e);
            }
            self.pos = m;
            return None;
        }
        let e = match self.assignment_expression() {
            Some(e) => e,
            None => {
                self.pos = m;
                if self.failed() {
                    return None;
                }
                let e = self.expression()?;
                if self.at(T::COLONEQUAL) {
                    self.pos = m;
                    return None;
                }
                e
            }
        };
        if self.at(T::EQUAL) {
            self.pos = m;
            return None;
        }
        Some(e)
    }

    /// kwargs: ','.kwarg_or_starred+ ',' ','.kwarg_or_double_starred+ | ... ;
    /// starred items go to the positional list.
    fn kwargs(&mut self) -> R<(Vec<Expr>, Vec<Keyword>)> {
        self.enter(|p| {
            let mut starred = Vec::new();
            let mut kws = Vec::new();
            let mut double = false;
            let mut any = false;
            loop {
                let m = p.pos;
                if any && p.expect(T::COMMA).is_none() {
                    break;
                }
                let m1 = p.pos;
                if p.invalid {
                    p.invalid_kwarg();
                    p.pos = m1;
                    if p.failed() {
                        return None;
                    }
                }
                let t = p.cur();
                let ok = if t.kind == T::NAME && t.kw.is_none() && p.tok(p.pos + 1).kind == T::EQUAL {
                    let (id, _) = p.name()?;
                    p.pos += 1;
                    match p.expression() {
                        Some(v) => {
                            kws.push(Keyword { arg: Some(id), value: v, loc: p.loc_from(&t) });
                            true
                        }
                        None => false,
                    }
                } else if t.kind == T::STAR && !double {
                    match p.starred_expression() {
                        Some(e) => {
                            starred.push(e);
                            true
                        }
                        None => false,
                    }
                } else if t.kind == T::DOUBLESTAR {
                    p.pos += 1;
                    match p.expression() {
                        Some(v) => {
                            double = true;
                            kws.push(Keyword { arg: None, value: v, loc: p.loc_from(&t) });
                            true
                        }
                        None => false,
                    }
                } else {
                    false
                };
                if p.failed() {
                    return None;
                }
                if !ok {
                    p.pos = m;
                    break;
                }
                any = true;
            }
            if !any {
                return None;
            }
            Some((starred, kws))
        })
    }

    /// starred_expression: '*' expression
    pub fn starred_expression(&mut self) -> R<Expr> {
        self.enter(|p| {
            let t = p.expect(T::STAR)?;
            let e = p.expression()?;
            Some(Expr::new(ExprKind::Starred { value: Box::new(e), ctx: ExprContext::Load }, p.loc_from(&t)))
        })
    }

    // --- lambda ------------------------------------------------------------------

    /// lambdef: 'lambda' [lambda_params] ':' expression
    pub fn lambdef(&mut self) -> R<Expr> {
        self.enter(|p| {
            let t = p.kw(Kw::Lambda)?;
            let args = if p.at(T::COLON) {
                Arguments::default()
            } else {
                p.params(true)?
            };
            p.expect(T::COLON)?;
            let body = p.expression()?;
            Some(Expr::new(ExprKind::Lambda { args: Box::new(args), body: Box::new(body) }, p.loc_from(&t)))
        })
    }

    // --- targets -----------------------------------------------------------------

    fn t_lookahead(&mut self) -> bool {
        matches!(self.peek_kind(), T::LPAR | T::LSQB | T::DOT)
    }

    /// t_primary: a primary that is followed by '(' '[' or '.'.
    pub fn t_primary(&mut self) -> R<Expr> {
        self.memo_expr(Rule::TPrimary, |p| {
            let start = p.cur();
            let mut a = p.atom()?;
            if !p.t_lookahead() {
                return None;
            }
            let mut count = 0;
            let base = p.chain;
            loop {
                let m = p.pos;
                p.chain = base + count + 1;
                let r = p.primary_tail(a, &start, true);
                p.chain = base;
                match r {
                    Ok(b) => {
                        if p.t_lookahead() {
                            a = if p.chain_grow(&mut count) { b } else { strip_last_step(b) };
                        } else {
                            p.pos = m;
                            // `b` is dropped: the step is undone.
                            a = strip_last_step(b);
                            break;
                        }
                    }
                    Err(b) => {
                        p.pos = m;
                        a = b;
                        break;
                    }
                }
            }
            if p.failed() {
                return None;
            }
            Some(a)
        })
    }

    /// t_primary '.' NAME !t_lookahead | t_primary '[' slices ']' !t_lookahead
    fn subscript_attribute_target(&mut self, ctx: ExprContext) -> R<Expr> {
        let m = self.pos;
        let start = self.cur();
        let a = self.t_primary()?;
        let t = self.cur();
        if t.kind == T::DOT {
            self.pos += 1;
            if let Some((attr, _)) = self.name() {
                if !self.t_lookahead() {
                    return Some(Expr::new(ExprKind::Attribute { value: Box::new(a), attr, ctx }, self.loc_from(&start)));
                }
            }
        } else if t.kind == T::LSQB {
            self.pos += 1;
            if let Some(s) = self.slices() {
                if self.expect(T::RSQB).is_some() && !self.t_lookahead() {
                    return Some(Expr::new(ExprKind::Subscript { value: Box::new(a), slice: Box::new(s), ctx }, self.loc_from(&start)));
                }
            }
        }
        self.pos = m;
        None
    }

    /// star_targets: star_target !',' | star_target (',' star_target)* [',']
    pub fn star_targets(&mut self) -> R<Expr> {
        self.enter(|p| {
            let start = p.cur();
            let a = p.star_target()?;
            if !p.at(T::COMMA) {
                return Some(a);
            }
            let mut v = vec![a];
            while p.expect(T::COMMA).is_some() {
                let m = p.pos;
                match p.star_target() {
                    Some(e) => v.push(e),
                    None => {
                        p.pos = m;
                        break;
                    }
                }
            }
            if p.failed() {
                return None;
            }
            Some(tuple(v, ExprContext::Store, p.loc_from(&start)))
        })
    }

    /// ','.star_target+ [','] (list and tuple contents)
    fn star_targets_seq(&mut self) -> R<(Vec<Expr>, bool)> {
        let mut v = vec![self.star_target()?];
        let mut trailing = false;
        while self.expect(T::COMMA).is_some() {
            trailing = true;
            let m = self.pos;
            match self.star_target() {
                Some(e) => {
                    v.push(e);
                    trailing = false;
                }
                None => {
                    self.pos = m;
                    break;
                }
            }
        }
        if self.failed() {
            return None;
        }
        Some((v, trailing))
    }

    /// star_target (memo): '*' (!'*' star_target) | target_with_star_atom
    pub fn star_target(&mut self) -> R<Expr> {
        self.memo_expr(Rule::StarTarget, |p| {
            if let Some(t) = p.expect(T::STAR) {
                if p.at(T::STAR) {
                    return None;
                }
                let mut a = p.star_target()?;
                set_ctx(&mut a, ExprContext::Store);
                return Some(Expr::new(ExprKind::Starred { value: Box::new(a), ctx: ExprContext::Store }, p.loc_from(&t)));
            }
            p.target_with_star_atom()
        })
    }

    /// target_with_star_atom (memo)
    pub fn target_with_star_atom(&mut self) -> R<Expr> {
        self.memo_expr(Rule::TargetWithStarAtom, |p| {
            let m = p.pos;
            if let Some(e) = p.subscript_attribute_target(ExprContext::Store) {
                return Some(e);
            }
            p.pos = m;
            if p.failed() {
                return None;
            }
            p.star_atom()
        })
    }

    /// star_atom
    fn star_atom(&mut self) -> R<Expr> {
        self.enter(|p| {
            let t = p.cur();
            match t.kind {
                T::NAME => {
                    let (id, t) = p.name()?;
                    Some(Expr::new(ExprKind::Name { id, ctx: ExprContext::Store }, loc1(&t)))
                }
                T::LPAR => {
                    p.pos += 1;
                    let m = p.pos;
                    if let Some(mut a) = p.target_with_star_atom() {
                        if p.expect(T::RPAR).is_some() {
                            set_ctx(&mut a, ExprContext::Store);
                            return Some(a);
                        }
                    }
                    p.pos = m;
                    if p.failed() {
                        return None;
                    }
                    // '(' [star_targets_tuple_seq] ')'
                    let mut v = Vec::new();
                    if !p.at(T::RPAR) {
                        let (w, trailing) = p.star_targets_seq()?;
                        if w.len() == 1 && !trailing {
                            return None;
                        }
                        v = w;
                    }
                    p.expect(T::RPAR)?;
                    Some(tuple(v, ExprContext::Store, p.loc_from(&t)))
                }
                T::LSQB => {
                    p.pos += 1;
                    let mut v = Vec::new();
                    if !p.at(T::RSQB) {
                        v = p.star_targets_seq()?.0;
                    }
                    p.expect(T::RSQB)?;
                    Some(Expr::new(ExprKind::List { elts: v, ctx: ExprContext::Store }, p.loc_from(&t)))
                }
                _ => None,
            }
        })
    }

    /// single_target: single_subscript_attribute_target | NAME | '(' single_target ')'
    pub fn single_target(&mut self) -> R<Expr> {
        self.enter(|p| {
            let m = p.pos;
            if let Some(e) = p.subscript_attribute_target(ExprContext::Store) {
                return Some(e);
            }
            p.pos = m;
            if p.failed() {
                return None;
            }
            if let Some((id, t)) = p.name() {
                return Some(Expr::new(ExprKind::Name { id, ctx: ExprContext::Store }, loc1(&t)));
            }
            p.expect(T::LPAR)?;
            let a = p.single_target()?;
            p.expect(T::RPAR)?;
            Some(a)
        })
    }

    /// single_subscript_attribute_target
    pub fn single_subscript_attribute_target(&mut self) -> R<Expr> {
        self.enter(|p| p.subscript_attribute_target(ExprContext::Store))
    }

    /// del_targets: ','.del_target+ [',']
    pub fn del_targets(&mut self) -> R<Vec<Expr>> {
        self.enter(|p| {
            let mut v = vec![p.del_target()?];
            while p.expect(T::COMMA).is_some() {
                let m = p.pos;
                match p.del_target() {
                    Some(e) => v.push(e),
                    None => {
                        p.pos = m;
                        break;
                    }
                }
            }
            if p.failed() {
                return None;
            }
            Some(v)
        })
    }

    /// del_target (memo)
    fn del_target(&mut self) -> R<Expr> {
        self.memo_expr(Rule::DelTarget, |p| {
            let m = p.pos;
            if let Some(e) = p.subscript_attribute_target(ExprContext::Del) {
                return Some(e);
            }
            p.pos = m;
            if p.failed() {
                return None;
            }
            let t = p.cur();
            match t.kind {
                T::NAME => {
                    let (id, t) = p.name()?;
                    Some(Expr::new(ExprKind::Name { id, ctx: ExprContext::Del }, loc1(&t)))
                }
                T::LPAR => {
                    p.pos += 1;
                    let m = p.pos;
                    if let Some(mut a) = p.del_target() {
                        if p.expect(T::RPAR).is_some() {
                            set_ctx(&mut a, ExprContext::Del);
                            return Some(a);
                        }
                    }
                    p.pos = m;
                    if p.failed() {
                        return None;
                    }
                    let mut v = Vec::new();
                    if !p.at(T::RPAR) {
                        v = p.del_targets()?;
                    }
                    p.expect(T::RPAR)?;
                    Some(tuple(v, ExprContext::Del, p.loc_from(&t)))
                }
                T::LSQB => {
                    p.pos += 1;
                    let mut v = Vec::new();
                    if !p.at(T::RSQB) {
                        v = p.del_targets()?;
                    }
                    p.expect(T::RSQB)?;
                    Some(Expr::new(ExprKind::List { elts: v, ctx: ExprContext::Del }, p.loc_from(&t)))
                }
                _ => None,
            }
        })
    }
}

/// Undo the last growth step of a t_primary candidate.
fn strip_last_step(e: Expr) -> Expr {
    match e.node {
        ExprKind::Attribute { value, .. } | ExprKind::Subscript { value, .. } => *value,
        ExprKind::Call { func, .. } => *func,
        node => Expr { node, loc: e.loc },
    }
}

fn p_cur(p: &mut Parser) -> Tok {
    p.cur()
}
