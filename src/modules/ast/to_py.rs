//! Rust tree -> Python node objects (CPython's `ast2obj_*`).
//!
//! Design note. Each node is a fresh instance of its class (allocated without
//! calling `__init__`, as CPython does) whose instance dict gets the `_fields`
//! in order and then the `_attributes` (positions). Optional fields hold
//! None, sequences are lists, constants are the objects the compiler would
//! make (`codeobject::constant_to_object`), identifiers and strings are str.
//! Field-less classes of the enumerations (`Load`, `Add`, `Eq`, …) are the
//! shared instances of `State`. Nesting is bounded by the parser's limits;
//! the walk runs on a grown stack anyway, so trees built by hand and compiled
//! back never overflow.
use super::{state, State};
use crate::objects::object::*;
use crate::objects::pyref::*;
use crate::objects::{self as o, codeobject, typeobject as t};
use crate::parser::ast::*;
use crate::runtime::errors::{self, PyResult};

const RED_ZONE: usize = 64 * 1024;
const STACK_SEGMENT: usize = 1024 * 1024;

/// The Python object for a whole tree (`Module`, `Interactive`, `Expression`
/// or `FunctionType`).
pub fn mod_to_py(m: &Mod) -> PyResult<Owned> {
    let c = Conv { st: state()? };
    match m {
        Mod::Module { body, type_ignores } => {
            let ti = c.list(type_ignores, |c, t| {
                c.node("TypeIgnore", &[("lineno", c.int(t.lineno as i64)?), ("tag", c.str(&t.tag)?)], None)
            })?;
            c.node("Module", &[("body", c.stmts(body)?), ("type_ignores", ti)], None)
        }
        Mod::Interactive { body } => c.node("Interactive", &[("body", c.stmts(body)?)], None),
        Mod::Expression { body } => c.node("Expression", &[("body", c.expr(body)?)], None),
        Mod::FunctionType { argtypes, returns } => {
            c.node("FunctionType", &[("argtypes", c.exprs(argtypes)?), ("returns", c.expr(returns)?)], None)
        }
    }
}

struct Conv {
    st: &'static State,
}

impl Conv {
    /// A new instance of class `name` with `fields` then `loc`'s attributes.
    fn node(&self, name: &str, fields: &[(&str, Owned)], loc: Option<&Loc>) -> PyResult<Owned> {
        unsafe {
            let tp = self.st.ty(name) as *mut PyTypeObject;
            let inst = t::generic_alloc(tp, 0)?;
            let d = o::dictobject::new_dict()?;
            for (k, v) in fields {
                o::dictobject::set_item_str(d.as_ptr(), k, v.as_ptr())?;
            }
            if let Some(l) = loc {
                o::dictobject::set_item_str(d.as_ptr(), "lineno", self.int(l.lineno as i64)?.as_ptr())?;
                o::dictobject::set_item_str(d.as_ptr(), "col_offset", self.int(l.col_offset as i64)?.as_ptr())?;
                o::dictobject::set_item_str(d.as_ptr(), "end_lineno", self.int(l.end_lineno as i64)?.as_ptr())?;
                o::dictobject::set_item_str(d.as_ptr(), "end_col_offset", self.int(l.end_col_offset as i64)?.as_ptr())?;
            }
            let slot = t::dict_ptr(inst.as_ptr());
            if slot.is_null() {
                return Err(errors::system_error("AST node without an instance dict"));
            }
            setref(slot, d.into_raw());
            Ok(inst)
        }
    }

    fn singleton(&self, name: &str) -> PyResult<Owned> {
        let p = self.st.singleton(name);
        if p.is_null() {
            return Err(errors::system_error(format!("no AST singleton {name}")));
        }
        Ok(unsafe { Owned::from_borrowed(p) })
    }

    fn int(&self, v: i64) -> PyResult<Owned> {
        o::longobject::from_i64(v)
    }
    fn str(&self, s: &str) -> PyResult<Owned> {
        o::unicodeobject::from_str(s)
    }
    fn none(&self) -> Owned {
        o::noneobject::none()
    }
    fn ostr(&self, s: &Option<String>) -> PyResult<Owned> {
        match s {
            Some(s) => self.str(s),
            None => Ok(self.none()),
        }
    }
    fn list<T>(&self, v: &[T], f: impl Fn(&Self, &T) -> PyResult<Owned>) -> PyResult<Owned> {
        let items = v.iter().map(|x| f(self, x)).collect::<PyResult<Vec<_>>>()?;
        o::listobject::from_owned(items)
    }
    fn stmts(&self, v: &[Stmt]) -> PyResult<Owned> {
        self.list(v, |c, s| c.stmt(s))
    }
    fn exprs(&self, v: &[Expr]) -> PyResult<Owned> {
        self.list(v, |c, e| c.expr(e))
    }
    fn oexpr(&self, e: &Option<Box<Expr>>) -> PyResult<Owned> {
        match e {
            Some(e) => self.expr(e),
            None => Ok(self.none()),
        }
    }
    fn idents(&self, v: &[String]) -> PyResult<Owned> {
        self.list(v, |c, s| c.str(s))
    }

    fn stmt(&self, s: &Stmt) -> PyResult<Owned> {
        stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || self.stmt_inner(s))
    }

    fn function(&self, name: &str, f: &FunctionDef, loc: &Loc) -> PyResult<Owned> {
        self.node(
            name,
            &[
                ("name", self.str(&f.name)?),
                ("args", self.arguments(&f.args)?),
                ("body", self.stmts(&f.body)?),
                ("decorator_list", self.exprs(&f.decorator_list)?),
                ("returns", self.oexpr(&f.returns)?),
                ("type_comment", self.ostr(&f.type_comment)?),
            ],
            Some(loc),
        )
    }

    fn for_(&self, name: &str, f: &For, loc: &Loc) -> PyResult<Owned> {
        self.node(
            name,
            &[
                ("target", self.expr(&f.target)?),
                ("iter", self.expr(&f.iter)?),
                ("body", self.stmts(&f.body)?),
                ("orelse", self.stmts(&f.orelse)?),
                ("type_comment", self.ostr(&f.type_comment)?),
            ],
            Some(loc),
        )
    }

    fn with(&self, name: &str, w: &With, loc: &Loc) -> PyResult<Owned> {
        let items = self.list(&w.items, |c, i| {
            let ov = c.oexpr(&i.optional_vars)?;
            c.node("withitem", &[("context_expr", c.expr(&i.context_expr)?), ("optional_vars", ov)], None)
        })?;
        self.node(name, &[("items", items), ("body", self.stmts(&w.body)?), ("type_comment", self.ostr(&w.type_comment)?)], Some(loc))
    }

    fn try_(&self, name: &str, t: &Try, loc: &Loc) -> PyResult<Owned> {
        let handlers = self.list(&t.handlers, |c, h| {
            c.node(
                "ExceptHandler",
                &[("type", c.oexpr(&h.type_)?), ("name", c.ostr(&h.name)?), ("body", c.stmts(&h.body)?)],
                Some(&h.loc),
            )
        })?;
        self.node(
            name,
            &[
                ("body", self.stmts(&t.body)?),
                ("handlers", handlers),
                ("orelse", self.stmts(&t.orelse)?),
                ("finalbody", self.stmts(&t.finalbody)?),
            ],
            Some(loc),
        )
    }

    fn stmt_inner(&self, s: &Stmt) -> PyResult<Owned> {
        let l = Some(&s.loc);
        match &s.node {
            StmtKind::FunctionDef(f) => self.function("FunctionDef", f, &s.loc),
            StmtKind::AsyncFunctionDef(f) => self.function("AsyncFunctionDef", f, &s.loc),
            StmtKind::ClassDef { name, bases, keywords, body, decorator_list } => self.node(
                "ClassDef",
                &[
                    ("name", self.str(name)?),
                    ("bases", self.exprs(bases)?),
                    ("keywords", self.keywords(keywords)?),
                    ("body", self.stmts(body)?),
                    ("decorator_list", self.exprs(decorator_list)?),
                ],
                l,
            ),
            StmtKind::Return { value } => self.node("Return", &[("value", self.oexpr(value)?)], l),
            StmtKind::Delete { targets } => self.node("Delete", &[("targets", self.exprs(targets)?)], l),
            StmtKind::Assign { targets, value, type_comment } => self.node(
                "Assign",
                &[("targets", self.exprs(targets)?), ("value", self.expr(value)?), ("type_comment", self.ostr(type_comment)?)],
                l,
            ),
            StmtKind::AugAssign { target, op, value } => self.node(
                "AugAssign",
                &[("target", self.expr(target)?), ("op", self.singleton(&format!("{op:?}"))?), ("value", self.expr(value)?)],
                l,
            ),
            StmtKind::AnnAssign { target, annotation, value, simple } => self.node(
                "AnnAssign",
                &[
                    ("target", self.expr(target)?),
                    ("annotation", self.expr(annotation)?),
                    ("value", self.oexpr(value)?),
                    ("simple", self.int(*simple as i64)?),
                ],
                l,
            ),
            StmtKind::For(f) => self.for_("For", f, &s.loc),
            StmtKind::AsyncFor(f) => self.for_("AsyncFor", f, &s.loc),
            StmtKind::While { test, body, orelse } => self.node(
                "While",
                &[("test", self.expr(test)?), ("body", self.stmts(body)?), ("orelse", self.stmts(orelse)?)],
                l,
            ),
            StmtKind::If { test, body, orelse } => {
                self.node("If", &[("test", self.expr(test)?), ("body", self.stmts(body)?), ("orelse", self.stmts(orelse)?)], l)
            }
            StmtKind::With(w) => self.with("With", w, &s.loc),
            StmtKind::AsyncWith(w) => self.with("AsyncWith", w, &s.loc),
            StmtKind::Match { subject, cases } => {
                let cases = self.list(cases, |c, mc| {
                    c.node(
                        "match_case",
                        &[("pattern", c.pattern(&mc.pattern)?), ("guard", c.oexpr(&mc.guard)?), ("body", c.stmts(&mc.body)?)],
                        None,
                    )
                })?;
                self.node("Match", &[("subject", self.expr(subject)?), ("cases", cases)], l)
            }
            StmtKind::Raise { exc, cause } => self.node("Raise", &[("exc", self.oexpr(exc)?), ("cause", self.oexpr(cause)?)], l),
            StmtKind::Try(t) => self.try_("Try", t, &s.loc),
            StmtKind::TryStar(t) => self.try_("TryStar", t, &s.loc),
            StmtKind::Assert { test, msg } => self.node("Assert", &[("test", self.expr(test)?), ("msg", self.oexpr(msg)?)], l),
            StmtKind::Import { names } => self.node("Import", &[("names", self.aliases(names)?)], l),
            StmtKind::ImportFrom { module, names, level } => self.node(
                "ImportFrom",
                &[("module", self.ostr(module)?), ("names", self.aliases(names)?), ("level", self.int(*level as i64)?)],
                l,
            ),
            StmtKind::Global { names } => self.node("Global", &[("names", self.idents(names)?)], l),
            StmtKind::Nonlocal { names } => self.node("Nonlocal", &[("names", self.idents(names)?)], l),
            StmtKind::Expr { value } => self.node("Expr", &[("value", self.expr(value)?)], l),
            StmtKind::Pass => self.node("Pass", &[], l),
            StmtKind::Break => self.node("Break", &[], l),
            StmtKind::Continue => self.node("Continue", &[], l),
        }
    }

    fn aliases(&self, v: &[Alias]) -> PyResult<Owned> {
        self.list(v, |c, a| c.node("alias", &[("name", c.str(&a.name)?), ("asname", c.ostr(&a.asname)?)], Some(&a.loc)))
    }

    fn keywords(&self, v: &[Keyword]) -> PyResult<Owned> {
        self.list(v, |c, k| c.node("keyword", &[("arg", c.ostr(&k.arg)?), ("value", c.expr(&k.value)?)], Some(&k.loc)))
    }

    fn arg(&self, a: &Arg) -> PyResult<Owned> {
        self.node(
            "arg",
            &[("arg", self.str(&a.arg)?), ("annotation", self.oexpr(&a.annotation)?), ("type_comment", self.ostr(&a.type_comment)?)],
            Some(&a.loc),
        )
    }

    fn oarg(&self, a: &Option<Box<Arg>>) -> PyResult<Owned> {
        match a {
            Some(a) => self.arg(a),
            None => Ok(self.none()),
        }
    }

    fn arguments(&self, a: &Arguments) -> PyResult<Owned> {
        let kw_defaults = self.list(&a.kw_defaults, |c, d| match d {
            Some(e) => c.expr(e),
            None => Ok(c.none()),
        })?;
        self.node(
            "arguments",
            &[
                ("posonlyargs", self.list(&a.posonlyargs, |c, x| c.arg(x))?),
                ("args", self.list(&a.args, |c, x| c.arg(x))?),
                ("vararg", self.oarg(&a.vararg)?),
                ("kwonlyargs", self.list(&a.kwonlyargs, |c, x| c.arg(x))?),
                ("kw_defaults", kw_defaults),
                ("kwarg", self.oarg(&a.kwarg)?),
                ("defaults", self.exprs(&a.defaults)?),
            ],
            None,
        )
    }

    fn comprehensions(&self, v: &[Comprehension]) -> PyResult<Owned> {
        self.list(v, |c, g| {
            c.node(
                "comprehension",
                &[
                    ("target", c.expr(&g.target)?),
                    ("iter", c.expr(&g.iter)?),
                    ("ifs", c.exprs(&g.ifs)?),
                    ("is_async", c.int(g.is_async as i64)?),
                ],
                None,
            )
        })
    }

    fn pattern(&self, p: &Pattern) -> PyResult<Owned> {
        stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || self.pattern_inner(p))
    }

    fn patterns(&self, v: &[Pattern]) -> PyResult<Owned> {
        self.list(v, |c, p| c.pattern(p))
    }

    fn pattern_inner(&self, p: &Pattern) -> PyResult<Owned> {
        let l = Some(&p.loc);
        match &p.node {
            PatternKind::MatchValue { value } => self.node("MatchValue", &[("value", self.expr(value)?)], l),
            PatternKind::MatchSingleton { value } => {
                self.node("MatchSingleton", &[("value", codeobject::constant_to_object(value)?)], l)
            }
            PatternKind::MatchSequence { patterns } => self.node("MatchSequence", &[("patterns", self.patterns(patterns)?)], l),
            PatternKind::MatchMapping { keys, patterns, rest } => self.node(
                "MatchMapping",
                &[("keys", self.exprs(keys)?), ("patterns", self.patterns(patterns)?), ("rest", self.ostr(rest)?)],
                l,
            ),
            PatternKind::MatchClass { cls, patterns, kwd_attrs, kwd_patterns } => self.node(
                "MatchClass",
                &[
                    ("cls", self.expr(cls)?),
                    ("patterns", self.patterns(patterns)?),
                    ("kwd_attrs", self.idents(kwd_attrs)?),
                    ("kwd_patterns", self.patterns(kwd_patterns)?),
                ],
                l,
            ),
            PatternKind::MatchStar { name } => self.node("MatchStar", &[("name", self.ostr(name)?)], l),
            PatternKind::MatchAs { pattern, name } => {
                let pat = match pattern {
                    Some(p) => self.pattern(p)?,
                    None => self.none(),
                };
                self.node("MatchAs", &[("pattern", pat), ("name", self.ostr(name)?)], l)
            }
            PatternKind::MatchOr { patterns } => self.node("MatchOr", &[("patterns", self.patterns(patterns)?)], l),
        }
    }

    fn expr(&self, e: &Expr) -> PyResult<Owned> {
        stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || self.expr_inner(e))
    }

    fn ctx(&self, c: ExprContext) -> PyResult<Owned> {
        self.singleton(&format!("{c:?}"))
    }

    fn expr_inner(&self, e: &Expr) -> PyResult<Owned> {
        let l = Some(&e.loc);
        match &e.node {
            ExprKind::BoolOp { op, values } => {
                self.node("BoolOp", &[("op", self.singleton(&format!("{op:?}"))?), ("values", self.exprs(values)?)], l)
            }
            ExprKind::NamedExpr { target, value } => {
                self.node("NamedExpr", &[("target", self.expr(target)?), ("value", self.expr(value)?)], l)
            }
            ExprKind::BinOp { left, op, right } => self.node(
                "BinOp",
                &[("left", self.expr(left)?), ("op", self.singleton(&format!("{op:?}"))?), ("right", self.expr(right)?)],
                l,
            ),
            ExprKind::UnaryOp { op, operand } => {
                self.node("UnaryOp", &[("op", self.singleton(&format!("{op:?}"))?), ("operand", self.expr(operand)?)], l)
            }
            ExprKind::Lambda { args, body } => {
                self.node("Lambda", &[("args", self.arguments(args)?), ("body", self.expr(body)?)], l)
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.node("IfExp", &[("test", self.expr(test)?), ("body", self.expr(body)?), ("orelse", self.expr(orelse)?)], l)
            }
            ExprKind::Dict { keys, values } => {
                let keys = self.list(keys, |c, k| match k {
                    Some(k) => c.expr(k),
                    None => Ok(c.none()),
                })?;
                self.node("Dict", &[("keys", keys), ("values", self.exprs(values)?)], l)
            }
            ExprKind::Set { elts } => self.node("Set", &[("elts", self.exprs(elts)?)], l),
            ExprKind::ListComp { elt, generators } => {
                self.node("ListComp", &[("elt", self.expr(elt)?), ("generators", self.comprehensions(generators)?)], l)
            }
            ExprKind::SetComp { elt, generators } => {
                self.node("SetComp", &[("elt", self.expr(elt)?), ("generators", self.comprehensions(generators)?)], l)
            }
            ExprKind::DictComp { key, value, generators } => self.node(
                "DictComp",
                &[("key", self.expr(key)?), ("value", self.expr(value)?), ("generators", self.comprehensions(generators)?)],
                l,
            ),
            ExprKind::GeneratorExp { elt, generators } => {
                self.node("GeneratorExp", &[("elt", self.expr(elt)?), ("generators", self.comprehensions(generators)?)], l)
            }
            ExprKind::Await { value } => self.node("Await", &[("value", self.expr(value)?)], l),
            ExprKind::Yield { value } => self.node("Yield", &[("value", self.oexpr(value)?)], l),
            ExprKind::YieldFrom { value } => self.node("YieldFrom", &[("value", self.expr(value)?)], l),
            ExprKind::Compare { left, ops, comparators } => {
                let ops = self.list(ops, |c, op| c.singleton(&format!("{op:?}")))?;
                self.node("Compare", &[("left", self.expr(left)?), ("ops", ops), ("comparators", self.exprs(comparators)?)], l)
            }
            ExprKind::Call { func, args, keywords } => self.node(
                "Call",
                &[("func", self.expr(func)?), ("args", self.exprs(args)?), ("keywords", self.keywords(keywords)?)],
                l,
            ),
            ExprKind::FormattedValue { value, conversion, format_spec } => self.node(
                "FormattedValue",
                &[
                    ("value", self.expr(value)?),
                    ("conversion", self.int(*conversion as i64)?),
                    ("format_spec", self.oexpr(format_spec)?),
                ],
                l,
            ),
            ExprKind::JoinedStr { values } => self.node("JoinedStr", &[("values", self.exprs(values)?)], l),
            ExprKind::Constant { value, kind } => {
                self.node("Constant", &[("value", codeobject::constant_to_object(value)?), ("kind", self.ostr(kind)?)], l)
            }
            ExprKind::Attribute { value, attr, ctx } => self.node(
                "Attribute",
                &[("value", self.expr(value)?), ("attr", self.str(attr)?), ("ctx", self.ctx(*ctx)?)],
                l,
            ),
            ExprKind::Subscript { value, slice, ctx } => self.node(
                "Subscript",
                &[("value", self.expr(value)?), ("slice", self.expr(slice)?), ("ctx", self.ctx(*ctx)?)],
                l,
            ),
            ExprKind::Starred { value, ctx } => {
                self.node("Starred", &[("value", self.expr(value)?), ("ctx", self.ctx(*ctx)?)], l)
            }
            ExprKind::Name { id, ctx } => self.node("Name", &[("id", self.str(id)?), ("ctx", self.ctx(*ctx)?)], l),
            ExprKind::List { elts, ctx } => self.node("List", &[("elts", self.exprs(elts)?), ("ctx", self.ctx(*ctx)?)], l),
            ExprKind::Tuple { elts, ctx } => self.node("Tuple", &[("elts", self.exprs(elts)?), ("ctx", self.ctx(*ctx)?)], l),
            ExprKind::Slice { lower, upper, step } => self.node(
                "Slice",
                &[("lower", self.oexpr(lower)?), ("upper", self.oexpr(upper)?), ("step", self.oexpr(step)?)],
                l,
            ),
        }
    }
}
