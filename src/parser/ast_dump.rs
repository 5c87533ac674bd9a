//! `ast.dump(tree, include_attributes=…)` of CPython 3.11, byte for byte.
//!
//! Design note: one writer walks the tree in the ASDL field order; optional
//! fields (`?` in Python.asdl) that are absent are omitted, empty lists print
//! as `[]`, and constants print as their Python `repr` (str quote choice and
//! escapes as `unicode_repr`, floats shortest round-trip via the formatter's
//! `repr_f64`, imaginary literals as `repr(complex)`).
//! Known gaps: ints above CPython's 4300-digit str limit print in full where
//! CPython raises ValueError.

use super::ast::*;
use crate::objects::formatter::{repr_f64, repr_f64_no_dot0};

/// Python's `repr(str)` for a sequence of code points.
pub fn repr_str_codes(cs: &[u32]) -> String {
    let has_sq = cs.contains(&('\'' as u32));
    let has_dq = cs.contains(&('"' as u32));
    let q = if has_sq && !has_dq { '"' } else { '\'' };
    let mut o = String::with_capacity(cs.len() + 2);
    o.push(q);
    for &c in cs {
        match c {
            0x5c => o.push_str("\\\\"),
            0x09 => o.push_str("\\t"),
            0x0a => o.push_str("\\n"),
            0x0d => o.push_str("\\r"),
            _ if c == q as u32 => {
                o.push('\\');
                o.push(q);
            }
            _ => match char::from_u32(c) {
                Some(ch) if super::printable::is_printable(c) => o.push(ch),
                _ => {
                    if c < 0x100 {
                        o.push_str(&format!("\\x{c:02x}"));
                    } else if c < 0x10000 {
                        o.push_str(&format!("\\u{c:04x}"));
                    } else {
                        o.push_str(&format!("\\U{c:08x}"));
                    }
                }
            },
        }
    }
    o.push(q);
    o
}

/// Python's `repr(bytes)`.
pub fn repr_bytes(b: &[u8]) -> String {
    let has_sq = b.contains(&b'\'');
    let has_dq = b.contains(&b'"');
    let q = if has_sq && !has_dq { b'"' } else { b'\'' };
    let mut o = String::from("b");
    o.push(q as char);
    for &c in b {
        match c {
            b'\\' => o.push_str("\\\\"),
            b'\t' => o.push_str("\\t"),
            b'\n' => o.push_str("\\n"),
            b'\r' => o.push_str("\\r"),
            _ if c == q => {
                o.push('\\');
                o.push(q as char);
            }
            0x20..=0x7e => o.push(c as char),
            _ => o.push_str(&format!("\\x{c:02x}")),
        }
    }
    o.push(q as char);
    o
}

/// Python's `repr()` of a constant.
pub fn repr_constant(c: &Constant) -> String {
    match c {
        Constant::None => "None".into(),
        Constant::Bool(true) => "True".into(),
        Constant::Bool(false) => "False".into(),
        Constant::Ellipsis => "Ellipsis".into(),
        Constant::Int(i) => i.to_string(),
        Constant::Float(f) => repr_f64(*f),
        Constant::Complex { real, imag } => {
            if *real == 0.0 && real.is_sign_positive() {
                format!("{}j", repr_f64_no_dot0(*imag))
            } else {
                let re = repr_f64_no_dot0(*real);
                let im = repr_f64_no_dot0(*imag);
                let sign = if im.starts_with('-') || imag.is_nan() && im.starts_with('-') { "" } else { "+" };
                format!("({re}{sign}{im}j)")
            }
        }
        Constant::Str(s) => repr_str_codes(&s.chars().map(|c| c as u32).collect::<Vec<_>>()),
        Constant::StrCodes(v) => repr_str_codes(v),
        Constant::Bytes(b) => repr_bytes(b),
        Constant::Tuple(v) => {
            let items: Vec<String> = v.iter().map(repr_constant).collect();
            if items.len() == 1 {
                format!("({},)", items[0])
            } else {
                format!("({})", items.join(", "))
            }
        }
        Constant::FrozenSet(v) => {
            if v.is_empty() {
                "frozenset()".into()
            } else {
                format!("frozenset({{{}}})", v.iter().map(repr_constant).collect::<Vec<_>>().join(", "))
            }
        }
    }
}

struct W {
    out: String,
    attrs: bool,
}

/// Builder for one node: `Name(field=value, ...)`.
struct Node<'w> {
    w: &'w mut W,
    first: bool,
}

impl<'w> Node<'w> {
    fn sep(&mut self, name: &str) {
        if !self.first {
            self.w.out.push_str(", ");
        }
        self.first = false;
        self.w.out.push_str(name);
        self.w.out.push('=');
    }
    fn raw(&mut self, name: &str, v: &str) -> &mut Self {
        self.sep(name);
        self.w.out.push_str(v);
        self
    }
    fn s(&mut self, name: &str, v: &str) -> &mut Self {
        let r = repr_str_codes(&v.chars().map(|c| c as u32).collect::<Vec<_>>());
        self.raw(name, &r)
    }
    fn os(&mut self, name: &str, v: &Option<String>) -> &mut Self {
        if let Some(v) = v {
            self.s(name, v);
        }
        self
    }
    fn e(&mut self, name: &str, e: &Expr) -> &mut Self {
        self.sep(name);
        self.w.expr(e);
        self
    }
    fn oe(&mut self, name: &str, e: &Option<Box<Expr>>) -> &mut Self {
        if let Some(e) = e {
            self.e(name, e);
        }
        self
    }
    fn es(&mut self, name: &str, v: &[Expr]) -> &mut Self {
        self.sep(name);
        self.w.list(v, |w, e| w.expr(e));
        self
    }
    fn ss(&mut self, name: &str, v: &[Stmt]) -> &mut Self {
        self.sep(name);
        self.w.list(v, |w, s| w.stmt(s));
        self
    }
    fn names(&mut self, name: &str, v: &[String]) -> &mut Self {
        self.sep(name);
        let items: Vec<String> = v.iter().map(|s| repr_str_codes(&s.chars().map(|c| c as u32).collect::<Vec<_>>())).collect();
        self.w.out.push('[');
        self.w.out.push_str(&items.join(", "));
        self.w.out.push(']');
        self
    }
    fn loc(&mut self, l: &Loc) {
        if self.w.attrs {
            let s = format!("{}", l.lineno);
            self.raw("lineno", &s);
            let s = format!("{}", l.col_offset);
            self.raw("col_offset", &s);
            let s = format!("{}", l.end_lineno);
            self.raw("end_lineno", &s);
            let s = format!("{}", l.end_col_offset);
            self.raw("end_col_offset", &s);
        }
        self.w.out.push(')');
    }
    fn end(&mut self) {
        self.w.out.push(')');
    }
}

fn op_name(op: Operator) -> &'static str {
    match op {
        Operator::Add => "Add()",
        Operator::Sub => "Sub()",
        Operator::Mult => "Mult()",
        Operator::MatMult => "MatMult()",
        Operator::Div => "Div()",
        Operator::Mod => "Mod()",
        Operator::Pow => "Pow()",
        Operator::LShift => "LShift()",
        Operator::RShift => "RShift()",
        Operator::BitOr => "BitOr()",
        Operator::BitXor => "BitXor()",
        Operator::BitAnd => "BitAnd()",
        Operator::FloorDiv => "FloorDiv()",
    }
}

fn cmp_name(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "Eq()",
        CmpOp::NotEq => "NotEq()",
        CmpOp::Lt => "Lt()",
        CmpOp::LtE => "LtE()",
        CmpOp::Gt => "Gt()",
        CmpOp::GtE => "GtE()",
        CmpOp::Is => "Is()",
        CmpOp::IsNot => "IsNot()",
        CmpOp::In => "In()",
        CmpOp::NotIn => "NotIn()",
    }
}

fn ctx_name(c: ExprContext) -> &'static str {
    match c {
        ExprContext::Load => "Load()",
        ExprContext::Store => "Store()",
        ExprContext::Del => "Del()",
    }
}

impl W {
    fn node(&mut self, name: &str) -> Node<'_> {
        self.out.push_str(name);
        self.out.push('(');
        Node { w: self, first: true }
    }

    fn list<T>(&mut self, v: &[T], f: impl Fn(&mut W, &T)) {
        self.out.push('[');
        for (i, x) in v.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            f(self, x);
        }
        self.out.push(']');
    }

    fn stmt(&mut self, s: &Stmt) {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.stmt_inner(s))
    }

    fn stmt_inner(&mut self, s: &Stmt) {
        let l = &s.loc;
        match &s.node {
            StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => {
                let name = if matches!(s.node, StmtKind::FunctionDef(_)) { "FunctionDef" } else { "AsyncFunctionDef" };
                let mut n = self.node(name);
                n.s("name", &f.name);
                n.sep("args");
                n.w.arguments(&f.args);
                n.ss("body", &f.body).es("decorator_list", &f.decorator_list).oe("returns", &f.returns).os("type_comment", &f.type_comment).loc(l);
            }
            StmtKind::ClassDef { name, bases, keywords, body, decorator_list } => {
                let mut n = self.node("ClassDef");
                n.s("name", name).es("bases", bases);
                n.sep("keywords");
                n.w.list(keywords, |w, k| w.keyword(k));
                n.ss("body", body).es("decorator_list", decorator_list).loc(l);
            }
            StmtKind::Return { value } => self.node("Return").oe("value", value).loc(l),
            StmtKind::Delete { targets } => self.node("Delete").es("targets", targets).loc(l),
            StmtKind::Assign { targets, value, type_comment } => self.node("Assign").es("targets", targets).e("value", value).os("type_comment", type_comment).loc(l),
            StmtKind::AugAssign { target, op, value } => self.node("AugAssign").e("target", target).raw("op", op_name(*op)).e("value", value).loc(l),
            StmtKind::AnnAssign { target, annotation, value, simple } => self
                .node("AnnAssign")
                .e("target", target)
                .e("annotation", annotation)
                .oe("value", value)
                .raw("simple", if *simple { "1" } else { "0" })
                .loc(l),
            StmtKind::For(f) | StmtKind::AsyncFor(f) => {
                let name = if matches!(s.node, StmtKind::For(_)) { "For" } else { "AsyncFor" };
                self.node(name).e("target", &f.target).e("iter", &f.iter).ss("body", &f.body).ss("orelse", &f.orelse).os("type_comment", &f.type_comment).loc(l)
            }
            StmtKind::While { test, body, orelse } => self.node("While").e("test", test).ss("body", body).ss("orelse", orelse).loc(l),
            StmtKind::If { test, body, orelse } => self.node("If").e("test", test).ss("body", body).ss("orelse", orelse).loc(l),
            StmtKind::With(w) | StmtKind::AsyncWith(w) => {
                let name = if matches!(s.node, StmtKind::With(_)) { "With" } else { "AsyncWith" };
                let mut n = self.node(name);
                n.sep("items");
                n.w.list(&w.items, |w, it| {
                    let mut n = w.node("withitem");
                    n.e("context_expr", &it.context_expr).oe("optional_vars", &it.optional_vars).end();
                });
                n.ss("body", &w.body).os("type_comment", &w.type_comment).loc(l);
            }
            StmtKind::Match { subject, cases } => {
                let mut n = self.node("Match");
                n.e("subject", subject);
                n.sep("cases");
                n.w.list(cases, |w, c| {
                    let mut n = w.node("match_case");
                    n.sep("pattern");
                    n.w.pattern(&c.pattern);
                    n.oe("guard", &c.guard).ss("body", &c.body).end();
                });
                n.loc(l);
            }
            StmtKind::Raise { exc, cause } => self.node("Raise").oe("exc", exc).oe("cause", cause).loc(l),
            StmtKind::Try(t) | StmtKind::TryStar(t) => {
                let name = if matches!(s.node, StmtKind::Try(_)) { "Try" } else { "TryStar" };
                let mut n = self.node(name);
                n.ss("body", &t.body);
                n.sep("handlers");
                n.w.list(&t.handlers, |w, h| {
                    w.node("ExceptHandler").oe("type", &h.type_).os("name", &h.name).ss("body", &h.body).loc(&h.loc);
                });
                n.ss("orelse", &t.orelse).ss("finalbody", &t.finalbody).loc(l);
            }
            StmtKind::Assert { test, msg } => self.node("Assert").e("test", test).oe("msg", msg).loc(l),
            StmtKind::Import { names } => {
                let mut n = self.node("Import");
                n.sep("names");
                n.w.list(names, |w, a| w.alias(a));
                n.loc(l);
            }
            StmtKind::ImportFrom { module, names, level } => {
                let mut n = self.node("ImportFrom");
                n.os("module", module);
                n.sep("names");
                n.w.list(names, |w, a| w.alias(a));
                n.raw("level", &level.to_string()).loc(l);
            }
            StmtKind::Global { names } => self.node("Global").names("names", names).loc(l),
            StmtKind::Nonlocal { names } => self.node("Nonlocal").names("names", names).loc(l),
            StmtKind::Expr { value } => self.node("Expr").e("value", value).loc(l),
            StmtKind::Pass => self.node("Pass").loc(l),
            StmtKind::Break => self.node("Break").loc(l),
            StmtKind::Continue => self.node("Continue").loc(l),
        }
    }

    fn alias(&mut self, a: &Alias) {
        self.node("alias").s("name", &a.name).os("asname", &a.asname).loc(&a.loc);
    }

    fn keyword(&mut self, k: &Keyword) {
        self.node("keyword").os("arg", &k.arg).e("value", &k.value).loc(&k.loc);
    }

    fn arg(&mut self, a: &Arg) {
        self.node("arg").s("arg", &a.arg).oe("annotation", &a.annotation).os("type_comment", &a.type_comment).loc(&a.loc);
    }

    fn arguments(&mut self, a: &Arguments) {
        let mut n = self.node("arguments");
        n.sep("posonlyargs");
        n.w.list(&a.posonlyargs, |w, x| w.arg(x));
        n.sep("args");
        n.w.list(&a.args, |w, x| w.arg(x));
        if let Some(v) = &a.vararg {
            n.sep("vararg");
            n.w.arg(v);
        }
        n.sep("kwonlyargs");
        n.w.list(&a.kwonlyargs, |w, x| w.arg(x));
        n.sep("kw_defaults");
        n.w.list(&a.kw_defaults, |w, x| match x {
            Some(e) => w.expr(e),
            None => w.out.push_str("None"),
        });
        if let Some(v) = &a.kwarg {
            n.sep("kwarg");
            n.w.arg(v);
        }
        n.es("defaults", &a.defaults).end();
    }

    fn comprehensions(&mut self, g: &[Comprehension]) {
        self.list(g, |w, c| {
            w.node("comprehension").e("target", &c.target).e("iter", &c.iter).es("ifs", &c.ifs).raw("is_async", if c.is_async { "1" } else { "0" }).end();
        });
    }

    fn pattern(&mut self, p: &Pattern) {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.pattern_inner(p))
    }

    fn pattern_inner(&mut self, p: &Pattern) {
        let l = &p.loc;
        let pats = |n: &mut Node, name: &str, v: &[Pattern]| {
            n.sep(name);
            n.w.list(v, |w, x| w.pattern(x));
        };
        match &p.node {
            PatternKind::MatchValue { value } => self.node("MatchValue").e("value", value).loc(l),
            PatternKind::MatchSingleton { value } => self.node("MatchSingleton").raw("value", &repr_constant(value)).loc(l),
            PatternKind::MatchSequence { patterns } => {
                let mut n = self.node("MatchSequence");
                pats(&mut n, "patterns", patterns);
                n.loc(l);
            }
            PatternKind::MatchMapping { keys, patterns, rest } => {
                let mut n = self.node("MatchMapping");
                n.es("keys", keys);
                pats(&mut n, "patterns", patterns);
                n.os("rest", rest).loc(l);
            }
            PatternKind::MatchClass { cls, patterns, kwd_attrs, kwd_patterns } => {
                let mut n = self.node("MatchClass");
                n.e("cls", cls);
                pats(&mut n, "patterns", patterns);
                n.names("kwd_attrs", kwd_attrs);
                pats(&mut n, "kwd_patterns", kwd_patterns);
                n.loc(l);
            }
            PatternKind::MatchStar { name } => self.node("MatchStar").os("name", name).loc(l),
            PatternKind::MatchAs { pattern, name } => {
                let mut n = self.node("MatchAs");
                if let Some(x) = pattern {
                    n.sep("pattern");
                    n.w.pattern(x);
                }
                n.os("name", name).loc(l);
            }
            PatternKind::MatchOr { patterns } => {
                let mut n = self.node("MatchOr");
                pats(&mut n, "patterns", patterns);
                n.loc(l);
            }
        }
    }

    fn expr(&mut self, e: &Expr) {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.expr_inner(e))
    }

    fn expr_inner(&mut self, e: &Expr) {
        let l = &e.loc;
        match &e.node {
            ExprKind::BoolOp { op, values } => self.node("BoolOp").raw("op", if *op == BoolOp::And { "And()" } else { "Or()" }).es("values", values).loc(l),
            ExprKind::NamedExpr { target, value } => self.node("NamedExpr").e("target", target).e("value", value).loc(l),
            ExprKind::BinOp { left, op, right } => self.node("BinOp").e("left", left).raw("op", op_name(*op)).e("right", right).loc(l),
            ExprKind::UnaryOp { op, operand } => {
                let o = match op {
                    UnaryOp::Invert => "Invert()",
                    UnaryOp::Not => "Not()",
                    UnaryOp::UAdd => "UAdd()",
                    UnaryOp::USub => "USub()",
                };
                self.node("UnaryOp").raw("op", o).e("operand", operand).loc(l)
            }
            ExprKind::Lambda { args, body } => {
                let mut n = self.node("Lambda");
                n.sep("args");
                n.w.arguments(args);
                n.e("body", body).loc(l);
            }
            ExprKind::IfExp { test, body, orelse } => self.node("IfExp").e("test", test).e("body", body).e("orelse", orelse).loc(l),
            ExprKind::Dict { keys, values } => {
                let mut n = self.node("Dict");
                n.sep("keys");
                n.w.list(keys, |w, k| match k {
                    Some(k) => w.expr(k),
                    None => w.out.push_str("None"),
                });
                n.es("values", values).loc(l);
            }
            ExprKind::Set { elts } => self.node("Set").es("elts", elts).loc(l),
            ExprKind::ListComp { elt, generators } | ExprKind::SetComp { elt, generators } | ExprKind::GeneratorExp { elt, generators } => {
                let name = match &e.node {
                    ExprKind::ListComp { .. } => "ListComp",
                    ExprKind::SetComp { .. } => "SetComp",
                    _ => "GeneratorExp",
                };
                let mut n = self.node(name);
                n.e("elt", elt);
                n.sep("generators");
                n.w.comprehensions(generators);
                n.loc(l);
            }
            ExprKind::DictComp { key, value, generators } => {
                let mut n = self.node("DictComp");
                n.e("key", key).e("value", value);
                n.sep("generators");
                n.w.comprehensions(generators);
                n.loc(l);
            }
            ExprKind::Await { value } => self.node("Await").e("value", value).loc(l),
            ExprKind::Yield { value } => self.node("Yield").oe("value", value).loc(l),
            ExprKind::YieldFrom { value } => self.node("YieldFrom").e("value", value).loc(l),
            ExprKind::Compare { left, ops, comparators } => {
                let mut n = self.node("Compare");
                n.e("left", left);
                let o: Vec<&str> = ops.iter().map(|o| cmp_name(*o)).collect();
                n.raw("ops", &format!("[{}]", o.join(", ")));
                n.es("comparators", comparators).loc(l);
            }
            ExprKind::Call { func, args, keywords } => {
                let mut n = self.node("Call");
                n.e("func", func).es("args", args);
                n.sep("keywords");
                n.w.list(keywords, |w, k| w.keyword(k));
                n.loc(l);
            }
            ExprKind::FormattedValue { value, conversion, format_spec } => {
                self.node("FormattedValue").e("value", value).raw("conversion", &conversion.to_string()).oe("format_spec", format_spec).loc(l)
            }
            ExprKind::JoinedStr { values } => self.node("JoinedStr").es("values", values).loc(l),
            ExprKind::Constant { value, kind } => self.node("Constant").raw("value", &repr_constant(value)).os("kind", kind).loc(l),
            ExprKind::Attribute { value, attr, ctx } => self.node("Attribute").e("value", value).s("attr", attr).raw("ctx", ctx_name(*ctx)).loc(l),
            ExprKind::Subscript { value, slice, ctx } => self.node("Subscript").e("value", value).e("slice", slice).raw("ctx", ctx_name(*ctx)).loc(l),
            ExprKind::Starred { value, ctx } => self.node("Starred").e("value", value).raw("ctx", ctx_name(*ctx)).loc(l),
            ExprKind::Name { id, ctx } => self.node("Name").s("id", id).raw("ctx", ctx_name(*ctx)).loc(l),
            ExprKind::List { elts, ctx } => self.node("List").es("elts", elts).raw("ctx", ctx_name(*ctx)).loc(l),
            ExprKind::Tuple { elts, ctx } => self.node("Tuple").es("elts", elts).raw("ctx", ctx_name(*ctx)).loc(l),
            ExprKind::Slice { lower, upper, step } => self.node("Slice").oe("lower", lower).oe("upper", upper).oe("step", step).loc(l),
        }
    }
}

/// `ast.dump(m, include_attributes=include_attributes)` as CPython 3.11 prints it.
pub fn dump(m: &Mod, include_attributes: bool) -> String {
    let mut w = W { out: String::new(), attrs: include_attributes };
    match m {
        Mod::Module { body, type_ignores } => {
            let mut n = w.node("Module");
            n.ss("body", body);
            n.sep("type_ignores");
            n.w.list(type_ignores, |w, t| {
                w.node("TypeIgnore").raw("lineno", &t.lineno.to_string()).s("tag", &t.tag).end();
            });
            n.end();
        }
        Mod::Interactive { body } => w.node("Interactive").ss("body", body).end(),
        Mod::Expression { body } => w.node("Expression").e("body", body).end(),
        Mod::FunctionType { argtypes, returns } => w.node("FunctionType").es("argtypes", argtypes).e("returns", returns).end(),
    }
    w.out
}
