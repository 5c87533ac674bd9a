//! Python node objects -> Rust tree (CPython's `obj2ast_*`), with CPython's
//! error messages.
//!
//! Design note.
//! * Fields are read with `getattr` semantics (an instance attribute or a
//!   class default such as `FunctionDef.returns = None`). A sum-type node
//!   (`stmt`, `expr`, `excepthandler`, `pattern`) has its positions read
//!   first ("required field \"lineno\" missing from stmt"), then its kind is
//!   found by `isinstance` in the ASDL's order ("expected some sort of expr,
//!   but got …"), then its fields are read in `_fields` order. A product
//!   type (`arguments`, `keyword`, …) reads its fields, then its positions.
//! * A required field holding None passes conversion and is reported, after
//!   all the node's fields were read, as the node constructor reports it
//!   ("field 'left' is required for BinOp").
//! * Positions are C ints in CPython; the Rust tree holds them as `u32`, so a
//!   negative value is stored wrapped (`as u32`) and `validate` reads it back
//!   as `i32`. Same for `ImportFrom.level` and `TypeIgnore.lineno`.
//! * Where CPython's tree can hold what the Rust tree cannot (a None inside a
//!   statement or expression list, a Constant of a type no compiler makes),
//!   conversion goes on with a placeholder expression and records the error
//!   the validator will raise when it reaches the placeholder
//!   (`validate::Deferred`), so the error reported is CPython's even when a
//!   tree has several. Where CPython crashes (a None in an identifier, handler
//!   or pattern list) we raise a TypeError/ValueError at once.
use super::validate::{self, Deferred};
use super::{state, State};
use core::cell::RefCell;
use crate::objects::abstract_::DepthGuard;
use crate::objects::object::*;
use crate::objects::pyref::*;
use crate::objects::{self as o, typeobject as t};
use crate::parser::ast::*;
use crate::runtime::errors::{self, PyResult};

/// Convert `obj`, which must be an instance of the `mod` class `want`
/// (`Module`, `Expression`, `Interactive` or `FunctionType`). The tree comes
/// with the validator errors met on the way (see `validate::Deferred`);
/// `validate::validate_mod` raises them where CPython's validator would.
pub unsafe fn mod_from_py(obj: *mut PyObject, want: &str) -> PyResult<(Mod, Vec<Deferred>)> {
    unsafe {
        let r = Reader { st: state()?, deferred: RefCell::new(Vec::new()) };
        if !r.isinstance(obj, want) {
            return Err(errors::type_error(format!("expected {} node, got {}", want, t::short_name(Py_TYPE(obj)))));
        }
        let m = r.module(obj)?;
        Ok((m, r.deferred.into_inner()))
    }
}

struct Reader {
    st: &'static State,
    deferred: RefCell<Vec<Deferred>>,
}

fn missing(name: &str, owner: &str) -> errors::Raised {
    errors::type_error(format!("required field \"{name}\" missing from {owner}"))
}

fn required<T>(v: Option<T>, name: &str, owner: &str) -> PyResult<T> {
    v.ok_or_else(|| errors::value_error(format!("field '{name}' is required for {owner}")))
}

impl Reader {
    /// A placeholder expression standing for validator error `d`.
    fn defer(&self, d: Deferred) -> Expr {
        let mut v = self.deferred.borrow_mut();
        v.push(d);
        validate::placeholder(v.len() - 1)
    }

    unsafe fn isinstance(&self, obj: *mut PyObject, cls: &str) -> bool {
        unsafe { t::is_subtype(Py_TYPE(obj), self.st.ty(cls) as *mut PyTypeObject) }
    }

    /// The first concrete class of abstract class `base` that `obj` is an instance of.
    unsafe fn kind_of(&self, obj: *mut PyObject, base: &str) -> PyResult<&'static str> {
        unsafe {
            for c in super::nodes::CLASSES {
                if c.base == base && self.isinstance(obj, c.name) {
                    return Ok(c.name);
                }
            }
            let r = o::abstract_::repr_string_checked(obj)?;
            Err(errors::type_error(format!("expected some sort of {base}, but got {r}")))
        }
    }

    unsafe fn get(&self, obj: *mut PyObject, name: &str) -> PyResult<Option<Owned>> {
        unsafe {
            let k = o::unicodeobject::from_str(name)?;
            o::abstract_::lookup_attr(obj, k.as_ptr())
        }
    }

    unsafe fn req(&self, obj: *mut PyObject, name: &str, owner: &str) -> PyResult<Owned> {
        unsafe { self.get(obj, name)?.ok_or_else(|| missing(name, owner)) }
    }

    /// An optional field: absent or None gives None.
    unsafe fn opt(&self, obj: *mut PyObject, name: &str) -> PyResult<Option<Owned>> {
        unsafe { Ok(self.get(obj, name)?.filter(|v| v.as_ptr() != o::noneobject::none_ptr())) }
    }

    /// A list field: each item converted by `f`.
    unsafe fn seq<T>(
        &self,
        obj: *mut PyObject,
        name: &str,
        owner: &str,
        mut f: impl FnMut(&Self, *mut PyObject) -> PyResult<T>,
    ) -> PyResult<Vec<T>> {
        unsafe {
            let v = self.req(obj, name, owner)?;
            if !o::listobject::is_list(v.as_ptr()) {
                return Err(errors::type_error(format!(
                    "{owner} field \"{name}\" must be a list, not a {}",
                    t::short_name(Py_TYPE(v.as_ptr()))
                )));
            }
            let len = Py_SIZE(v.as_ptr());
            let mut out = Vec::with_capacity(len as usize);
            for i in 0..len {
                if i >= Py_SIZE(v.as_ptr()) {
                    break;
                }
                let item = Owned::from_borrowed(o::listobject::get_item(v.as_ptr(), i));
                out.push(f(self, item.as_ptr())?);
                if len != Py_SIZE(v.as_ptr()) {
                    return Err(errors::runtime_error(format!("{owner} field \"{name}\" changed size during iteration")));
                }
            }
            Ok(out)
        }
    }

    // ---- scalars ----

    unsafe fn int(&self, v: *mut PyObject) -> PyResult<i32> {
        unsafe {
            if !o::longobject::is_long(v) {
                let r = o::abstract_::repr_string_checked(v)?;
                return Err(errors::value_error(format!("invalid integer value: {r}")));
            }
            match o::longobject::as_i64(v) {
                Some(x) if x >= i32::MIN as i64 && x <= i32::MAX as i64 => Ok(x as i32),
                _ => Err(errors::overflow_error("Python int too large to convert to C int")),
            }
        }
    }

    unsafe fn int_field(&self, obj: *mut PyObject, name: &str, owner: &str) -> PyResult<i32> {
        unsafe { self.int(self.req(obj, name, owner)?.as_ptr()) }
    }

    /// An identifier: str (not a subclass) or None.
    unsafe fn ident(&self, v: *mut PyObject) -> PyResult<Option<String>> {
        unsafe {
            if v == o::noneobject::none_ptr() {
                return Ok(None);
            }
            if !o::unicodeobject::is_str_exact(v) {
                return Err(errors::type_error("AST identifier must be of type str"));
            }
            Ok(Some(o::unicodeobject::to_string_lossy(v)))
        }
    }

    unsafe fn ident_field(&self, obj: *mut PyObject, name: &str, owner: &str) -> PyResult<Option<String>> {
        unsafe { self.ident(self.req(obj, name, owner)?.as_ptr()) }
    }

    unsafe fn opt_ident(&self, obj: *mut PyObject, name: &str) -> PyResult<Option<String>> {
        unsafe {
            match self.opt(obj, name)? {
                Some(v) => self.ident(v.as_ptr()),
                None => Ok(None),
            }
        }
    }

    unsafe fn idents(&self, obj: *mut PyObject, name: &str, owner: &str) -> PyResult<Vec<String>> {
        unsafe {
            self.seq(obj, name, owner, |r, v| {
                r.ident(v)?.ok_or_else(|| errors::type_error("AST identifier must be of type str"))
            })
        }
    }

    /// A `string` (str or bytes) optional field.
    unsafe fn opt_string(&self, obj: *mut PyObject, name: &str) -> PyResult<Option<String>> {
        unsafe {
            match self.opt(obj, name)? {
                Some(v) => Ok(Some(self.string(v.as_ptr())?)),
                None => Ok(None),
            }
        }
    }

    unsafe fn string(&self, v: *mut PyObject) -> PyResult<String> {
        unsafe {
            if o::unicodeobject::is_str_exact(v) {
                Ok(o::unicodeobject::to_string_lossy(v))
            } else if o::bytesobject::is_bytes_exact(v) {
                Ok(String::from_utf8_lossy(o::bytesobject::as_slice(v)).into_owned())
            } else {
                Err(errors::type_error("AST string must be of type str"))
            }
        }
    }

    /// A constant: the types a compiler makes (validate_constant). For
    /// another type, `bad` gets its name (the innermost one, as CPython
    /// names it) and the value read is None.
    unsafe fn constant(&self, v: *mut PyObject, bad: &mut Option<String>) -> PyResult<Constant> {
        self.constant_at(v, bad, 0)
    }

    /// `constant` at nesting `depth` (tuples and frozensets in tuples…), with
    /// the validator's limit.
    unsafe fn constant_at(&self, v: *mut PyObject, bad: &mut Option<String>, depth: u32) -> PyResult<Constant> {
        if depth > validate::MAX_DEPTH {
            return Err(errors::set_string(
                unsafe { o::exceptions::PyExc_RecursionError },
                "maximum recursion depth exceeded during compilation",
            ));
        }
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || unsafe { self.constant_inner(v, bad, depth) })
    }

    unsafe fn constant_inner(&self, v: *mut PyObject, bad: &mut Option<String>, depth: u32) -> PyResult<Constant> {
        unsafe {
            use o::*;
            if v == noneobject::none_ptr() {
                Ok(Constant::None)
            } else if v == noneobject::ellipsis_ptr() {
                Ok(Constant::Ellipsis)
            } else if boolobject::is_bool(v) {
                Ok(Constant::Bool(v == boolobject::true_ptr()))
            } else if longobject::is_long_exact(v) {
                Ok(Constant::Int(longobject::to_big(v)))
            } else if Py_TYPE(v) == &raw mut floatobject::PyFloat_Type {
                Ok(Constant::Float(floatobject::value(v)))
            } else if Py_TYPE(v) == &raw mut complexobject::PyComplex_Type {
                let z = complexobject::cval(v);
                Ok(Constant::Complex { real: z.real, imag: z.imag })
            } else if unicodeobject::is_str_exact(v) {
                match unicodeobject::as_str(v) {
                    Ok(s) => Ok(Constant::Str(s.to_string())),
                    Err(_) => {
                        errors::clear();
                        Ok(Constant::StrCodes(unicodeobject::codepoints(v)))
                    }
                }
            } else if bytesobject::is_bytes_exact(v) {
                Ok(Constant::Bytes(bytesobject::as_slice(v).to_vec()))
            } else if tupleobject::is_tuple_exact(v) {
                let items = tupleobject::as_slice(v).to_vec();
                let keep: Vec<Owned> = items.iter().map(|&p| Owned::from_borrowed(p)).collect();
                Ok(Constant::Tuple(keep.iter().map(|x| self.constant_at(x.as_ptr(), bad, depth + 1)).collect::<PyResult<_>>()?))
            } else if setobject::is_frozenset_exact(v) {
                let mut pos = 0;
                let mut keep = Vec::new();
                while let Some((k, _)) = setobject::next_entry(v, &mut pos) {
                    keep.push(Owned::from_borrowed(k));
                }
                Ok(Constant::FrozenSet(keep.iter().map(|x| self.constant_at(x.as_ptr(), bad, depth + 1)).collect::<PyResult<_>>()?))
            } else {
                if bad.is_none() {
                    *bad = Some(t::short_name(Py_TYPE(v)));
                }
                Ok(Constant::None)
            }
        }
    }

    /// Positions of a sum-type node (`owner` = stmt, expr, excepthandler,
    /// pattern) or a product type with attributes (arg, keyword, alias).
    unsafe fn loc(&self, obj: *mut PyObject, owner: &str) -> PyResult<Loc> {
        unsafe {
            let lineno = self.int_field(obj, "lineno", owner)?;
            let col_offset = self.int_field(obj, "col_offset", owner)?;
            let (end_lineno, end_col_offset) = if owner == "pattern" {
                (self.int_field(obj, "end_lineno", owner)?, self.int_field(obj, "end_col_offset", owner)?)
            } else {
                let el = match self.opt(obj, "end_lineno")? {
                    Some(v) => self.int(v.as_ptr())?,
                    None => lineno,
                };
                let ec = match self.opt(obj, "end_col_offset")? {
                    Some(v) => self.int(v.as_ptr())?,
                    None => col_offset,
                };
                (el, ec)
            };
            Ok(Loc {
                lineno: lineno as u32,
                col_offset: col_offset as u32,
                end_lineno: end_lineno as u32,
                end_col_offset: end_col_offset as u32,
            })
        }
    }

    // ---- mod ----

    unsafe fn module(&self, obj: *mut PyObject) -> PyResult<Mod> {
        unsafe {
            let _g = DepthGuard::enter(" while traversing 'mod' node")?;
            match self.kind_of(obj, "mod")? {
                "Module" => {
                    let body = self.stmts(obj, "body", "Module")?;
                    // A None item is kept by CPython and never read: dropped.
                    let type_ignores = self.seq(obj, "type_ignores", "Module", |r, v| {
                        if v == o::noneobject::none_ptr() {
                            Ok(None)
                        } else {
                            r.type_ignore(v).map(Some)
                        }
                    })?;
                    let type_ignores = type_ignores.into_iter().flatten().collect();
                    Ok(Mod::Module { body, type_ignores })
                }
                "Interactive" => Ok(Mod::Interactive { body: self.stmts(obj, "body", "Interactive")? }),
                "Expression" => {
                    let body = self.expr_field(obj, "body", "Expression")?;
                    Ok(Mod::Expression { body: Box::new(required(body, "body", "Expression")?) })
                }
                _ => {
                    let argtypes = self.exprs(obj, "argtypes", "FunctionType")?;
                    let returns = self.expr_field(obj, "returns", "FunctionType")?;
                    Ok(Mod::FunctionType { argtypes, returns: Box::new(required(returns, "returns", "FunctionType")?) })
                }
            }
        }
    }

    unsafe fn type_ignore(&self, obj: *mut PyObject) -> PyResult<TypeIgnore> {
        unsafe {
            let _g = DepthGuard::enter(" while traversing 'type_ignore' node")?;
            self.kind_of(obj, "type_ignore")?;
            let lineno = self.int_field(obj, "lineno", "TypeIgnore")?;
            let tag = self.req(obj, "tag", "TypeIgnore")?;
            let tag = self.string(tag.as_ptr())?;
            Ok(TypeIgnore { lineno: lineno as u32, tag })
        }
    }

    // ---- statements ----

    unsafe fn stmts(&self, obj: *mut PyObject, name: &str, owner: &str) -> PyResult<Vec<Stmt>> {
        unsafe {
            self.seq(obj, name, owner, |r, v| {
                Ok(match r.stmt(v)? {
                    Some(s) => s,
                    None => {
                        let e = r.defer(Deferred { type_error: false, msg: "None disallowed in statement list".into() });
                        Stmt { loc: e.loc, node: StmtKind::Expr { value: Box::new(e) } }
                    }
                })
            })
        }
    }

    unsafe fn stmt(&self, obj: *mut PyObject) -> PyResult<Option<Stmt>> {
        unsafe {
            if obj == o::noneobject::none_ptr() {
                return Ok(None);
            }
            let _g = DepthGuard::enter(" while traversing 'stmt' node")?;
            stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.stmt_inner(obj)).map(Some)
        }
    }

    unsafe fn function(&self, obj: *mut PyObject, k: &str) -> PyResult<FunctionDef> {
        unsafe {
            let name = self.ident_field(obj, "name", k)?;
            let args = self.arguments_field(obj, "args", k)?;
            let body = self.stmts(obj, "body", k)?;
            let decorator_list = self.exprs(obj, "decorator_list", k)?;
            let returns = self.opt_expr(obj, "returns")?;
            let type_comment = self.opt_string(obj, "type_comment")?;
            Ok(FunctionDef {
                name: required(name, "name", k)?,
                args: Box::new(required(args, "args", k)?),
                body,
                decorator_list,
                returns: returns.map(Box::new),
                type_comment,
            })
        }
    }

    unsafe fn for_(&self, obj: *mut PyObject, k: &str) -> PyResult<For> {
        unsafe {
            let target = self.expr_field(obj, "target", k)?;
            let iter = self.expr_field(obj, "iter", k)?;
            let body = self.stmts(obj, "body", k)?;
            let orelse = self.stmts(obj, "orelse", k)?;
            let type_comment = self.opt_string(obj, "type_comment")?;
            Ok(For {
                target: Box::new(required(target, "target", k)?),
                iter: Box::new(required(iter, "iter", k)?),
                body,
                orelse,
                type_comment,
            })
        }
    }

    unsafe fn with(&self, obj: *mut PyObject, k: &str) -> PyResult<With> {
        unsafe {
            let items = self.seq(obj, "items", k, |r, v| r.withitem(v))?;
            let body = self.stmts(obj, "body", k)?;
            let type_comment = self.opt_string(obj, "type_comment")?;
            Ok(With { items, body, type_comment })
        }
    }

    unsafe fn try_(&self, obj: *mut PyObject, k: &str) -> PyResult<Try> {
        unsafe {
            let body = self.stmts(obj, "body", k)?;
            let handlers = self.seq(obj, "handlers", k, |r, v| {
                r.excepthandler(v)?.ok_or_else(|| errors::value_error("None disallowed in handler list"))
            })?;
            let orelse = self.stmts(obj, "orelse", k)?;
            let finalbody = self.stmts(obj, "finalbody", k)?;
            Ok(Try { body, handlers, orelse, finalbody })
        }
    }

    unsafe fn stmt_inner(&self, obj: *mut PyObject) -> PyResult<Stmt> {
        unsafe {
            let loc = self.loc(obj, "stmt")?;
            let k = self.kind_of(obj, "stmt")?;
            let node = match k {
                "FunctionDef" => StmtKind::FunctionDef(self.function(obj, k)?),
                "AsyncFunctionDef" => StmtKind::AsyncFunctionDef(self.function(obj, k)?),
                "ClassDef" => {
                    let name = self.ident_field(obj, "name", k)?;
                    let bases = self.exprs(obj, "bases", k)?;
                    let keywords = self.seq(obj, "keywords", k, |r, v| r.keyword(v))?;
                    let body = self.stmts(obj, "body", k)?;
                    let decorator_list = self.exprs(obj, "decorator_list", k)?;
                    StmtKind::ClassDef { name: required(name, "name", k)?, bases, keywords, body, decorator_list }
                }
                "Return" => StmtKind::Return { value: self.opt_expr(obj, "value")?.map(Box::new) },
                "Delete" => StmtKind::Delete { targets: self.exprs(obj, "targets", k)? },
                "Assign" => {
                    let targets = self.exprs(obj, "targets", k)?;
                    let value = self.expr_field(obj, "value", k)?;
                    let type_comment = self.opt_string(obj, "type_comment")?;
                    StmtKind::Assign { targets, value: Box::new(required(value, "value", k)?), type_comment }
                }
                "AugAssign" => {
                    let target = self.expr_field(obj, "target", k)?;
                    let op = self.operator(self.req(obj, "op", k)?.as_ptr())?;
                    let value = self.expr_field(obj, "value", k)?;
                    StmtKind::AugAssign {
                        target: Box::new(required(target, "target", k)?),
                        op,
                        value: Box::new(required(value, "value", k)?),
                    }
                }
                "AnnAssign" => {
                    let target = self.expr_field(obj, "target", k)?;
                    let annotation = self.expr_field(obj, "annotation", k)?;
                    let value = self.opt_expr(obj, "value")?;
                    let simple = self.int_field(obj, "simple", k)?;
                    StmtKind::AnnAssign {
                        target: Box::new(required(target, "target", k)?),
                        annotation: Box::new(required(annotation, "annotation", k)?),
                        value: value.map(Box::new),
                        simple: simple != 0,
                    }
                }
                "For" => StmtKind::For(self.for_(obj, k)?),
                "AsyncFor" => StmtKind::AsyncFor(self.for_(obj, k)?),
                "While" | "If" => {
                    let test = self.expr_field(obj, "test", k)?;
                    let body = self.stmts(obj, "body", k)?;
                    let orelse = self.stmts(obj, "orelse", k)?;
                    let test = Box::new(required(test, "test", k)?);
                    if k == "While" {
                        StmtKind::While { test, body, orelse }
                    } else {
                        StmtKind::If { test, body, orelse }
                    }
                }
                "With" => StmtKind::With(self.with(obj, k)?),
                "AsyncWith" => StmtKind::AsyncWith(self.with(obj, k)?),
                "Match" => {
                    let subject = self.expr_field(obj, "subject", k)?;
                    let cases = self.seq(obj, "cases", k, |r, v| r.match_case(v))?;
                    StmtKind::Match { subject: Box::new(required(subject, "subject", k)?), cases }
                }
                "Raise" => {
                    let exc = self.opt_expr(obj, "exc")?;
                    let cause = self.opt_expr(obj, "cause")?;
                    StmtKind::Raise { exc: exc.map(Box::new), cause: cause.map(Box::new) }
                }
                "Try" => StmtKind::Try(self.try_(obj, k)?),
                "TryStar" => StmtKind::TryStar(self.try_(obj, k)?),
                "Assert" => {
                    let test = self.expr_field(obj, "test", k)?;
                    let msg = self.opt_expr(obj, "msg")?;
                    StmtKind::Assert { test: Box::new(required(test, "test", k)?), msg: msg.map(Box::new) }
                }
                "Import" => StmtKind::Import { names: self.seq(obj, "names", k, |r, v| r.alias(v))? },
                "ImportFrom" => {
                    let module = self.opt_ident(obj, "module")?;
                    let names = self.seq(obj, "names", k, |r, v| r.alias(v))?;
                    let level = match self.opt(obj, "level")? {
                        Some(v) => self.int(v.as_ptr())?,
                        None => 0,
                    };
                    StmtKind::ImportFrom { module, names, level: level as u32 }
                }
                "Global" => StmtKind::Global { names: self.idents(obj, "names", k)? },
                "Nonlocal" => StmtKind::Nonlocal { names: self.idents(obj, "names", k)? },
                "Expr" => {
                    let value = self.expr_field(obj, "value", k)?;
                    StmtKind::Expr { value: Box::new(required(value, "value", k)?) }
                }
                "Pass" => StmtKind::Pass,
                "Break" => StmtKind::Break,
                _ => StmtKind::Continue,
            };
            Ok(Stmt { node, loc })
        }
    }

    // ---- product types ----

    unsafe fn keyword(&self, obj: *mut PyObject) -> PyResult<Keyword> {
        unsafe {
            let _g = DepthGuard::enter(" while traversing 'keyword' node")?;
            let arg = self.opt_ident(obj, "arg")?;
            let value = self.expr_field(obj, "value", "keyword")?;
            let loc = self.loc(obj, "keyword")?;
            Ok(Keyword { arg, value: required(value, "value", "keyword")?, loc })
        }
    }

    unsafe fn alias(&self, obj: *mut PyObject) -> PyResult<Alias> {
        unsafe {
            let _g = DepthGuard::enter(" while traversing 'alias' node")?;
            let name = self.ident_field(obj, "name", "alias")?;
            let asname = self.opt_ident(obj, "asname")?;
            let loc = self.loc(obj, "alias")?;
            Ok(Alias { name: required(name, "name", "alias")?, asname, loc })
        }
    }

    unsafe fn withitem(&self, obj: *mut PyObject) -> PyResult<WithItem> {
        unsafe {
            let _g = DepthGuard::enter(" while traversing 'withitem' node")?;
            let context_expr = self.expr_field(obj, "context_expr", "withitem")?;
            let optional_vars = self.opt_expr(obj, "optional_vars")?;
            Ok(WithItem {
                context_expr: required(context_expr, "context_expr", "withitem")?,
                optional_vars: optional_vars.map(Box::new),
            })
        }
    }

    unsafe fn match_case(&self, obj: *mut PyObject) -> PyResult<MatchCase> {
        unsafe {
            let _g = DepthGuard::enter(" while traversing 'match_case' node")?;
            let pattern = self.pattern(self.req(obj, "pattern", "match_case")?.as_ptr())?;
            let guard = self.opt_expr(obj, "guard")?;
            let body = self.stmts(obj, "body", "match_case")?;
            Ok(MatchCase { pattern: required(pattern, "pattern", "match_case")?, guard: guard.map(Box::new), body })
        }
    }

    unsafe fn excepthandler(&self, obj: *mut PyObject) -> PyResult<Option<ExceptHandler>> {
        unsafe {
            if obj == o::noneobject::none_ptr() {
                return Ok(None);
            }
            let _g = DepthGuard::enter(" while traversing 'excepthandler' node")?;
            let loc = self.loc(obj, "excepthandler")?;
            let k = self.kind_of(obj, "excepthandler")?;
            let type_ = self.opt_expr(obj, "type")?;
            let name = self.opt_ident(obj, "name")?;
            let body = self.stmts(obj, "body", k)?;
            Ok(Some(ExceptHandler { type_: type_.map(Box::new), name, body, loc }))
        }
    }

    unsafe fn arg(&self, obj: *mut PyObject) -> PyResult<Arg> {
        unsafe {
            let _g = DepthGuard::enter(" while traversing 'arg' node")?;
            let arg = self.ident_field(obj, "arg", "arg")?;
            let annotation = self.opt_expr(obj, "annotation")?;
            let type_comment = self.opt_string(obj, "type_comment")?;
            let loc = self.loc(obj, "arg")?;
            Ok(Arg { arg: required(arg, "arg", "arg")?, annotation: annotation.map(Box::new), type_comment, loc })
        }
    }

    unsafe fn opt_arg(&self, obj: *mut PyObject, name: &str) -> PyResult<Option<Box<Arg>>> {
        unsafe {
            match self.opt(obj, name)? {
                Some(v) => Ok(Some(Box::new(self.arg(v.as_ptr())?))),
                None => Ok(None),
            }
        }
    }

    unsafe fn arguments_field(&self, obj: *mut PyObject, name: &str, owner: &str) -> PyResult<Option<Arguments>> {
        unsafe {
            // A product type: None is not special (its fields are missing).
            let v = self.req(obj, name, owner)?;
            self.arguments(v.as_ptr()).map(Some)
        }
    }

    unsafe fn arguments(&self, obj: *mut PyObject) -> PyResult<Arguments> {
        unsafe {
            let _g = DepthGuard::enter(" while traversing 'arguments' node")?;
            let k = "arguments";
            let posonlyargs = self.seq(obj, "posonlyargs", k, |r, v| r.arg(v))?;
            let args = self.seq(obj, "args", k, |r, v| r.arg(v))?;
            let vararg = self.opt_arg(obj, "vararg")?;
            let kwonlyargs = self.seq(obj, "kwonlyargs", k, |r, v| r.arg(v))?;
            let kw_defaults = self.seq(obj, "kw_defaults", k, |r, v| r.expr(v))?;
            let kwarg = self.opt_arg(obj, "kwarg")?;
            let defaults = self.exprs(obj, "defaults", k)?;
            Ok(Arguments { posonlyargs, args, vararg, kwonlyargs, kw_defaults, kwarg, defaults })
        }
    }

    unsafe fn comprehension(&self, obj: *mut PyObject) -> PyResult<Comprehension> {
        unsafe {
            let _g = DepthGuard::enter(" while traversing 'comprehension' node")?;
            let k = "comprehension";
            let target = self.expr_field(obj, "target", k)?;
            let iter = self.expr_field(obj, "iter", k)?;
            let ifs = self.exprs(obj, "ifs", k)?;
            let is_async = self.int_field(obj, "is_async", k)?;
            Ok(Comprehension {
                target: required(target, "target", k)?,
                iter: required(iter, "iter", k)?,
                ifs,
                is_async: is_async != 0,
            })
        }
    }

    // ---- enumerations ----

    unsafe fn enum_kind(&self, v: *mut PyObject, base: &str) -> PyResult<&'static str> {
        unsafe { self.kind_of(v, base) }
    }

    unsafe fn operator(&self, v: *mut PyObject) -> PyResult<Operator> {
        unsafe {
            use Operator::*;
            Ok(match self.enum_kind(v, "operator")? {
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
                _ => FloorDiv,
            })
        }
    }

    unsafe fn cmpop(&self, v: *mut PyObject) -> PyResult<CmpOp> {
        unsafe {
            use CmpOp::*;
            Ok(match self.enum_kind(v, "cmpop")? {
                "Eq" => Eq,
                "NotEq" => NotEq,
                "Lt" => Lt,
                "LtE" => LtE,
                "Gt" => Gt,
                "GtE" => GtE,
                "Is" => Is,
                "IsNot" => IsNot,
                "In" => In,
                _ => NotIn,
            })
        }
    }

    unsafe fn ctx(&self, obj: *mut PyObject, owner: &str) -> PyResult<ExprContext> {
        unsafe {
            let v = self.req(obj, "ctx", owner)?;
            Ok(match self.enum_kind(v.as_ptr(), "expr_context")? {
                "Load" => ExprContext::Load,
                "Store" => ExprContext::Store,
                _ => ExprContext::Del,
            })
        }
    }

    // ---- expressions ----

    unsafe fn exprs(&self, obj: *mut PyObject, name: &str, owner: &str) -> PyResult<Vec<Expr>> {
        unsafe {
            self.seq(obj, name, owner, |r, v| {
                Ok(match r.expr(v)? {
                    Some(e) => e,
                    None => r.defer(Deferred { type_error: false, msg: "None disallowed in expression list".into() }),
                })
            })
        }
    }

    /// A required expr field (None gives None; the caller reports it).
    unsafe fn expr_field(&self, obj: *mut PyObject, name: &str, owner: &str) -> PyResult<Option<Expr>> {
        unsafe { self.expr(self.req(obj, name, owner)?.as_ptr()) }
    }

    unsafe fn opt_expr(&self, obj: *mut PyObject, name: &str) -> PyResult<Option<Expr>> {
        unsafe {
            match self.opt(obj, name)? {
                Some(v) => self.expr(v.as_ptr()),
                None => Ok(None),
            }
        }
    }

    unsafe fn comprehensions(&self, obj: *mut PyObject, owner: &str) -> PyResult<Vec<Comprehension>> {
        unsafe { self.seq(obj, "generators", owner, |r, v| r.comprehension(v)) }
    }

    unsafe fn expr(&self, obj: *mut PyObject) -> PyResult<Option<Expr>> {
        unsafe {
            if obj == o::noneobject::none_ptr() {
                return Ok(None);
            }
            let _g = DepthGuard::enter(" while traversing 'expr' node")?;
            stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.expr_inner(obj)).map(Some)
        }
    }

    unsafe fn expr_inner(&self, obj: *mut PyObject) -> PyResult<Expr> {
        unsafe {
            let loc = self.loc(obj, "expr")?;
            let k = self.kind_of(obj, "expr")?;
            let bx = |e: Option<Expr>, name: &str| required(e, name, k).map(Box::new);
            let node = match k {
                "BoolOp" => {
                    let op = self.req(obj, "op", k)?;
                    let op = match self.enum_kind(op.as_ptr(), "boolop")? {
                        "And" => BoolOp::And,
                        _ => BoolOp::Or,
                    };
                    ExprKind::BoolOp { op, values: self.exprs(obj, "values", k)? }
                }
                "NamedExpr" => {
                    let target = self.expr_field(obj, "target", k)?;
                    let value = self.expr_field(obj, "value", k)?;
                    ExprKind::NamedExpr { target: bx(target, "target")?, value: bx(value, "value")? }
                }
                "BinOp" => {
                    let left = self.expr_field(obj, "left", k)?;
                    let op = self.operator(self.req(obj, "op", k)?.as_ptr())?;
                    let right = self.expr_field(obj, "right", k)?;
                    ExprKind::BinOp { left: bx(left, "left")?, op, right: bx(right, "right")? }
                }
                "UnaryOp" => {
                    let op = self.req(obj, "op", k)?;
                    let op = match self.enum_kind(op.as_ptr(), "unaryop")? {
                        "Invert" => UnaryOp::Invert,
                        "Not" => UnaryOp::Not,
                        "UAdd" => UnaryOp::UAdd,
                        _ => UnaryOp::USub,
                    };
                    let operand = self.expr_field(obj, "operand", k)?;
                    ExprKind::UnaryOp { op, operand: bx(operand, "operand")? }
                }
                "Lambda" => {
                    let args = self.arguments_field(obj, "args", k)?;
                    let body = self.expr_field(obj, "body", k)?;
                    ExprKind::Lambda { args: Box::new(required(args, "args", k)?), body: bx(body, "body")? }
                }
                "IfExp" => {
                    let test = self.expr_field(obj, "test", k)?;
                    let body = self.expr_field(obj, "body", k)?;
                    let orelse = self.expr_field(obj, "orelse", k)?;
                    ExprKind::IfExp { test: bx(test, "test")?, body: bx(body, "body")?, orelse: bx(orelse, "orelse")? }
                }
                "Dict" => {
                    let keys = self.seq(obj, "keys", k, |r, v| r.expr(v))?;
                    let values = self.exprs(obj, "values", k)?;
                    ExprKind::Dict { keys, values }
                }
                "Set" => ExprKind::Set { elts: self.exprs(obj, "elts", k)? },
                "ListComp" | "SetComp" | "GeneratorExp" => {
                    let elt = self.expr_field(obj, "elt", k)?;
                    let generators = self.comprehensions(obj, k)?;
                    let elt = bx(elt, "elt")?;
                    match k {
                        "ListComp" => ExprKind::ListComp { elt, generators },
                        "SetComp" => ExprKind::SetComp { elt, generators },
                        _ => ExprKind::GeneratorExp { elt, generators },
                    }
                }
                "DictComp" => {
                    let key = self.expr_field(obj, "key", k)?;
                    let value = self.expr_field(obj, "value", k)?;
                    let generators = self.comprehensions(obj, k)?;
                    ExprKind::DictComp { key: bx(key, "key")?, value: bx(value, "value")?, generators }
                }
                "Await" => ExprKind::Await { value: bx(self.expr_field(obj, "value", k)?, "value")? },
                "Yield" => ExprKind::Yield { value: self.opt_expr(obj, "value")?.map(Box::new) },
                "YieldFrom" => ExprKind::YieldFrom { value: bx(self.expr_field(obj, "value", k)?, "value")? },
                "Compare" => {
                    let left = self.expr_field(obj, "left", k)?;
                    let ops = self.seq(obj, "ops", k, |r, v| r.cmpop(v))?;
                    let comparators = self.exprs(obj, "comparators", k)?;
                    ExprKind::Compare { left: bx(left, "left")?, ops, comparators }
                }
                "Call" => {
                    let func = self.expr_field(obj, "func", k)?;
                    let args = self.exprs(obj, "args", k)?;
                    let keywords = self.seq(obj, "keywords", k, |r, v| r.keyword(v))?;
                    ExprKind::Call { func: bx(func, "func")?, args, keywords }
                }
                "FormattedValue" => {
                    let value = self.expr_field(obj, "value", k)?;
                    let conversion = self.int_field(obj, "conversion", k)?;
                    let format_spec = self.opt_expr(obj, "format_spec")?;
                    ExprKind::FormattedValue { value: bx(value, "value")?, conversion, format_spec: format_spec.map(Box::new) }
                }
                "JoinedStr" => ExprKind::JoinedStr { values: self.exprs(obj, "values", k)? },
                "Constant" => {
                    let value = self.req(obj, "value", k)?;
                    let mut bad = None;
                    let value = self.constant(value.as_ptr(), &mut bad)?;
                    let kind = self.opt_string(obj, "kind")?;
                    if let Some(name) = bad {
                        let msg = format!("got an invalid type in Constant: {name}");
                        return Ok(self.defer(Deferred { type_error: true, msg }));
                    }
                    ExprKind::Constant { value, kind }
                }
                "Attribute" => {
                    let value = self.expr_field(obj, "value", k)?;
                    let attr = self.ident_field(obj, "attr", k)?;
                    let ctx = self.ctx(obj, k)?;
                    ExprKind::Attribute { value: bx(value, "value")?, attr: required(attr, "attr", k)?, ctx }
                }
                "Subscript" => {
                    let value = self.expr_field(obj, "value", k)?;
                    let slice = self.expr_field(obj, "slice", k)?;
                    let ctx = self.ctx(obj, k)?;
                    ExprKind::Subscript { value: bx(value, "value")?, slice: bx(slice, "slice")?, ctx }
                }
                "Starred" => {
                    let value = self.expr_field(obj, "value", k)?;
                    let ctx = self.ctx(obj, k)?;
                    ExprKind::Starred { value: bx(value, "value")?, ctx }
                }
                "Name" => {
                    let id = self.ident_field(obj, "id", k)?;
                    let ctx = self.ctx(obj, k)?;
                    ExprKind::Name { id: required(id, "id", k)?, ctx }
                }
                "List" | "Tuple" => {
                    let elts = self.exprs(obj, "elts", k)?;
                    let ctx = self.ctx(obj, k)?;
                    if k == "List" {
                        ExprKind::List { elts, ctx }
                    } else {
                        ExprKind::Tuple { elts, ctx }
                    }
                }
                _ => {
                    let lower = self.opt_expr(obj, "lower")?;
                    let upper = self.opt_expr(obj, "upper")?;
                    let step = self.opt_expr(obj, "step")?;
                    ExprKind::Slice { lower: lower.map(Box::new), upper: upper.map(Box::new), step: step.map(Box::new) }
                }
            };
            Ok(Expr { node, loc })
        }
    }

    // ---- patterns ----

    unsafe fn patterns(&self, obj: *mut PyObject, name: &str, owner: &str) -> PyResult<Vec<Pattern>> {
        unsafe {
            self.seq(obj, name, owner, |r, v| {
                r.pattern(v)?.ok_or_else(|| errors::value_error("None disallowed in pattern list"))
            })
        }
    }

    unsafe fn pattern(&self, obj: *mut PyObject) -> PyResult<Option<Pattern>> {
        unsafe {
            if obj == o::noneobject::none_ptr() {
                return Ok(None);
            }
            let _g = DepthGuard::enter(" while traversing 'pattern' node")?;
            stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.pattern_inner(obj)).map(Some)
        }
    }

    unsafe fn pattern_inner(&self, obj: *mut PyObject) -> PyResult<Pattern> {
        unsafe {
            let loc = self.loc(obj, "pattern")?;
            let k = self.kind_of(obj, "pattern")?;
            let node = match k {
                "MatchValue" => {
                    let value = self.expr_field(obj, "value", k)?;
                    PatternKind::MatchValue { value: Box::new(required(value, "value", k)?) }
                }
                "MatchSingleton" => {
                    // Any other value is the validator's error; Ellipsis stands for it.
                    let keep = self.req(obj, "value", k)?;
                    let v = keep.as_ptr();
                    let value = if v == o::noneobject::none_ptr() || o::boolobject::is_bool(v) {
                        self.constant(v, &mut None)?
                    } else {
                        Constant::Ellipsis
                    };
                    PatternKind::MatchSingleton { value }
                }
                "MatchSequence" => PatternKind::MatchSequence { patterns: self.patterns(obj, "patterns", k)? },
                "MatchMapping" => {
                    let keys = self.exprs(obj, "keys", k)?;
                    let patterns = self.patterns(obj, "patterns", k)?;
                    let rest = self.opt_ident(obj, "rest")?;
                    PatternKind::MatchMapping { keys, patterns, rest }
                }
                "MatchClass" => {
                    let cls = self.expr_field(obj, "cls", k)?;
                    let patterns = self.patterns(obj, "patterns", k)?;
                    let kwd_attrs = self.idents(obj, "kwd_attrs", k)?;
                    let kwd_patterns = self.patterns(obj, "kwd_patterns", k)?;
                    PatternKind::MatchClass { cls: Box::new(required(cls, "cls", k)?), patterns, kwd_attrs, kwd_patterns }
                }
                "MatchStar" => PatternKind::MatchStar { name: self.opt_ident(obj, "name")? },
                "MatchAs" => {
                    let pattern = match self.opt(obj, "pattern")? {
                        Some(p) => self.pattern(p.as_ptr())?.map(Box::new),
                        None => None,
                    };
                    let name = self.opt_ident(obj, "name")?;
                    PatternKind::MatchAs { pattern, name }
                }
                _ => PatternKind::MatchOr { patterns: self.patterns(obj, "patterns", k)? },
            };
            Ok(Pattern { node, loc })
        }
    }
}
