//! The symbol table: CPython 3.11's symtable.c over our AST.
//!
//! Design note.
//! * Two passes, as CPython. Pass 1 (`Builder`) walks the tree once, creates one
//!   `Block` per scope (module, class, function, lambda, each comprehension and
//!   generator expression — 3.11 inlines none) and records raw `DEF_*`/`USE`
//!   flags per (mangled) name, parameters in `varnames` (positional-only, regular,
//!   keyword-only, then `*args`, `**kwargs`), and the global/nonlocal directives
//!   for error positions. Pass 2 (`analyze`) resolves every name to LOCAL,
//!   GLOBAL_EXPLICIT, GLOBAL_IMPLICIT, FREE or CELL, propagating free names up
//!   and turning bound names of enclosing functions into cells; class blocks get
//!   `needs_class_closure` when a method uses `__class__` or `super`.
//! * Final flags are CPython's encoding: `DEF_*` bits | scope << `SCOPE_OFFSET`,
//!   so a dump compares bit for bit with Python's `symtable` module.
//! * Scopes are found by AST node identity, like CPython's `st_blocks`: the key
//!   is the node's address (`key_of_stmt`, `key_of_expr`, `key_of_mod`), valid
//!   while the tree is neither moved nor mutated after `build`. Children are in
//!   visiting order (`Block::children`).
//! * With `from __future__ import annotations`, annotations are visited in an
//!   annotation block that is nobody's child (CPython too): names they use are
//!   not recorded in the enclosing scope, and yield/await/walrus in them are
//!   errors. Without it, annotations are visited in the enclosing scope.
//! * Errors carry CPython's positions: `offset`/`end_offset` are UTF-8 byte
//!   columns + 1, as CPython's symtable reports them. The errors that CPython
//!   raises in the compiler ("'return' outside function", "'yield' outside
//!   function", "'await' outside ...", "asynchronous comprehension outside of an
//!   asynchronous function", late `from __future__`) are not raised here.
//! * Recursion: stmt/expr/pattern nesting beyond `RECURSION_LIMIT` gives
//!   RecursionError "maximum recursion depth exceeded during compilation"
//!   (CPython: 3 × the recursion limit, minus 3 × the caller's frame depth; we
//!   count from 0). `stacker` keeps deep but legal trees off the thread's stack
//!   limit.
//! * Known gaps: the recursion threshold ignores the caller's depth; the order of
//!   symbols added during analysis differs from CPython's (set-ordered there,
//!   hash-seed dependent), so compare symbols by name.

use crate::parser::ast::*;
use std::collections::HashMap;

pub const DEF_GLOBAL: u32 = 1;
pub const DEF_LOCAL: u32 = 2;
pub const DEF_PARAM: u32 = 2 << 1;
pub const DEF_NONLOCAL: u32 = 2 << 2;
pub const USE: u32 = 2 << 3;
pub const DEF_FREE: u32 = 2 << 4;
pub const DEF_FREE_CLASS: u32 = 2 << 5;
pub const DEF_IMPORT: u32 = 2 << 6;
pub const DEF_ANNOT: u32 = 2 << 7;
pub const DEF_COMP_ITER: u32 = 2 << 8;
pub const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;
pub const SCOPE_OFFSET: u32 = 11;
pub const SCOPE_MASK: u32 = DEF_GLOBAL | DEF_LOCAL | DEF_PARAM | DEF_NONLOCAL;

/// Stmt/expr nesting that triggers RecursionError (CPython: 3 × 1000).
pub const RECURSION_LIMIT: u32 = 3000;

/// Stack a nested visit may use before `stacker` moves it to a new segment.
const RED_ZONE: usize = 64 * 1024;
const STACK_SEGMENT: usize = 1024 * 1024;

pub(crate) fn recursion_error() -> SymError {
    SymError::plain(ErrorClass::RecursionError, "maximum recursion depth exceeded during compilation")
}

/// A tree walk that counts nesting as CPython's compile-time walks do.
pub(crate) trait Nesting: Sized {
    fn depth(&mut self) -> &mut u32;

    /// Run `f` one level deeper: RecursionError past `RECURSION_LIMIT`, and
    /// fresh stack where the thread's runs low.
    fn nested(&mut self, f: impl FnOnce(&mut Self) -> Result<(), SymError>) -> Result<(), SymError> {
        *self.depth() += 1;
        let r = if *self.depth() > RECURSION_LIMIT {
            Err(recursion_error())
        } else {
            stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || f(self))
        };
        *self.depth() -= 1;
        r
    }
}

/// The resolved scope of a name (CPython's LOCAL … CELL; `Unknown` = 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Unknown = 0,
    Local = 1,
    GlobalExplicit = 2,
    GlobalImplicit = 3,
    Free = 4,
    Cell = 5,
}

impl Scope {
    fn from_bits(v: u32) -> Scope {
        match v {
            1 => Scope::Local,
            2 => Scope::GlobalExplicit,
            3 => Scope::GlobalImplicit,
            4 => Scope::Free,
            5 => Scope::Cell,
            _ => Scope::Unknown,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockType {
    Function = 0,
    Class = 1,
    Module = 2,
    Annotation = 3,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComprehensionKind {
    None = 0,
    List = 1,
    Dict = 2,
    Set = 3,
    Generator = 4,
}

pub type BlockId = usize;

/// One scope (CPython's `PySTEntryObject`).
#[derive(Clone, Debug)]
pub struct Block {
    pub name: String,
    pub kind: BlockType,
    pub loc: Loc,
    /// (mangled name, flags), in first-definition order; after analysis the
    /// flags include the scope bits.
    pub symbols: Vec<(String, u32)>,
    index: HashMap<String, usize>,
    /// Parameters in definition order (comprehensions: the implicit `.0`).
    pub varnames: Vec<String>,
    pub children: Vec<BlockId>,
    /// `global`/`nonlocal` directives (and walrus targets in comprehensions):
    /// mangled name and the statement's (or target's) location.
    pub directives: Vec<(String, Loc)>,
    pub nested: bool,
    pub free: bool,
    pub child_free: bool,
    pub generator: bool,
    pub coroutine: bool,
    pub comprehension: ComprehensionKind,
    pub varargs: bool,
    pub varkeywords: bool,
    pub returns_value: bool,
    pub needs_class_closure: bool,
    comp_iter_target: bool,
    comp_iter_expr: u32,
}

impl Block {
    fn new(name: &str, kind: BlockType, loc: Loc, nested: bool) -> Block {
        Block {
            name: name.to_string(),
            kind,
            loc,
            symbols: Vec::new(),
            index: HashMap::new(),
            varnames: Vec::new(),
            children: Vec::new(),
            directives: Vec::new(),
            nested,
            free: false,
            child_free: false,
            generator: false,
            coroutine: false,
            comprehension: ComprehensionKind::None,
            varargs: false,
            varkeywords: false,
            returns_value: false,
            needs_class_closure: false,
            comp_iter_target: false,
            comp_iter_expr: 0,
        }
    }

    /// Flags of `name` (already mangled), 0 if absent.
    pub fn flags(&self, name: &str) -> u32 {
        self.index.get(name).map_or(0, |&i| self.symbols[i].1)
    }

    fn set_flags(&mut self, name: &str, flags: u32) {
        match self.index.get(name) {
            Some(&i) => self.symbols[i].1 = flags,
            None => {
                self.index.insert(name.to_string(), self.symbols.len());
                self.symbols.push((name.to_string(), flags));
            }
        }
    }

    /// The resolved scope of `name` (already mangled): CPython's `_PyST_GetScope`.
    pub fn scope(&self, name: &str) -> Scope {
        Scope::from_bits((self.flags(name) >> SCOPE_OFFSET) & SCOPE_MASK)
    }

    fn names_where(&self, pred: impl Fn(u32) -> bool) -> Vec<String> {
        let mut v: Vec<String> =
            self.symbols.iter().filter(|(_, f)| pred(*f)).map(|(n, _)| n.clone()).collect();
        v.sort();
        v
    }

    /// `co_cellvars` as CPython's compiler builds them: CELL names sorted, or
    /// just `__class__` for a class that needs the implicit cell.
    pub fn cellvars(&self) -> Vec<String> {
        let mut v = self.names_where(|f| (f >> SCOPE_OFFSET) & SCOPE_MASK == Scope::Cell as u32);
        if self.needs_class_closure {
            v.push("__class__".to_string());
        }
        v
    }

    /// `co_freevars`: FREE names and class names free in a method, sorted.
    pub fn freevars(&self) -> Vec<String> {
        self.names_where(|f| (f >> SCOPE_OFFSET) & SCOPE_MASK == Scope::Free as u32 || f & DEF_FREE_CLASS != 0)
    }
}

/// The symbol table of one module (or expression / interactive input).
#[derive(Clone, Debug)]
pub struct SymTable {
    /// All blocks; `blocks[0]` is the module (`top`).
    pub blocks: Vec<Block>,
    keys: HashMap<usize, BlockId>,
}

/// Error classes the symbol table raises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorClass {
    SyntaxError,
    RecursionError,
    /// "this compiler does not handle FunctionTypes", internal bookkeeping.
    RuntimeError,
}

/// A symbol-table (or future-statement) error with CPython's location:
/// `offset`/`end_offset` are UTF-8 byte columns + 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SymError {
    pub class: ErrorClass,
    pub msg: String,
    pub lineno: Option<u32>,
    pub offset: Option<u32>,
    pub end_lineno: Option<u32>,
    pub end_offset: Option<u32>,
}

impl SymError {
    pub fn syntax(msg: String, lineno: u32, offset: u32, end_lineno: Option<u32>, end_offset: Option<u32>) -> SymError {
        SymError { class: ErrorClass::SyntaxError, msg, lineno: Some(lineno), offset: Some(offset), end_lineno, end_offset }
    }

    fn at(msg: String, l: Loc) -> SymError {
        SymError::syntax(msg, l.lineno, l.col_offset + 1, Some(l.end_lineno), Some(l.end_col_offset + 1))
    }

    fn plain(class: ErrorClass, msg: &str) -> SymError {
        SymError { class, msg: msg.to_string(), lineno: None, offset: None, end_lineno: None, end_offset: None }
    }
}

pub fn key_of_stmt(s: &Stmt) -> usize {
    s as *const Stmt as usize
}

pub fn key_of_expr(e: &Expr) -> usize {
    e as *const Expr as usize
}

pub fn key_of_mod(m: &Mod) -> usize {
    m as *const Mod as usize
}

impl SymTable {
    pub fn top(&self) -> &Block {
        &self.blocks[0]
    }

    /// The block created for the node with this key (`key_of_*`); a function's
    /// own block wins over its annotation block, as in CPython.
    pub fn lookup(&self, key: usize) -> Option<&Block> {
        self.keys.get(&key).map(|&i| &self.blocks[i])
    }

    pub fn lookup_id(&self, key: usize) -> Option<BlockId> {
        self.keys.get(&key).copied()
    }

    /// The block of a `FunctionDef`/`AsyncFunctionDef`/`ClassDef` statement.
    pub fn for_stmt(&self, s: &Stmt) -> Option<&Block> {
        self.lookup(key_of_stmt(s))
    }

    /// The block of a `Lambda` or comprehension expression.
    pub fn for_expr(&self, e: &Expr) -> Option<&Block> {
        self.lookup(key_of_expr(e))
    }
}

/// CPython's `_Py_Mangle`: `__name` inside class `C` becomes `_C__name`.
pub fn mangle(private: Option<&str>, name: &str) -> String {
    let Some(class) = private else { return name.to_string() };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    let stripped = class.trim_start_matches('_');
    if stripped.is_empty() {
        return name.to_string();
    }
    format!("_{stripped}{name}")
}

/// Build the symbol table of `m` (CPython's `_PySymtable_Build`). `future_flags`
/// are the module's `CO_FUTURE_*` bits (see `future::parse`).
pub fn build(m: &Mod, filename: &str, future_flags: u32) -> Result<SymTable, SymError> {
    let _ = filename; // CPython only uses it for the error's file name
    let mut b = Builder {
        blocks: Vec::new(),
        keys: HashMap::new(),
        stack: Vec::new(),
        private: None,
        future_annotations: future_flags & super::opcode::CO_FUTURE_ANNOTATIONS != 0,
        depth: 0,
    };
    b.enter_block("top", BlockType::Module, key_of_mod(m), Loc::default());
    match m {
        Mod::Module { body, .. } | Mod::Interactive { body } => b.stmts(body)?,
        Mod::Expression { body } => b.expr(body)?,
        Mod::FunctionType { .. } => {
            return Err(SymError::plain(ErrorClass::RuntimeError, "this compiler does not handle FunctionTypes"))
        }
    }
    b.exit_block();
    let mut st = SymTable { blocks: b.blocks, keys: b.keys };
    analyze(&mut st)?;
    Ok(st)
}

// ---------------------------------------------------------------------------
// Pass 1: collect definitions and uses

struct Builder<'a> {
    blocks: Vec<Block>,
    keys: HashMap<usize, BlockId>,
    stack: Vec<BlockId>,
    private: Option<&'a str>,
    future_annotations: bool,
    depth: u32,
}

type R = Result<(), SymError>;

const NAMED_EXPR_COMP_IN_CLASS: &str = "assignment expression within a comprehension cannot be used in a class body";
const NAMED_EXPR_COMP_ITER_EXPR: &str = "assignment expression cannot be used in a comprehension iterable expression";

impl Nesting for Builder<'_> {
    fn depth(&mut self) -> &mut u32 {
        &mut self.depth
    }
}

impl<'a> Builder<'a> {
    fn cur_id(&self) -> BlockId {
        self.stack.last().copied().unwrap_or(0)
    }

    fn cur(&mut self) -> &mut Block {
        let i = self.cur_id();
        &mut self.blocks[i]
    }

    fn enter_block(&mut self, name: &str, kind: BlockType, key: usize, loc: Loc) {
        let prev = self.stack.last().copied();
        let nested = prev.is_some_and(|p| self.blocks[p].nested || self.blocks[p].kind == BlockType::Function);
        let mut b = Block::new(name, kind, loc, nested);
        if let Some(p) = prev {
            b.comp_iter_expr = self.blocks[p].comp_iter_expr;
        }
        let id = self.blocks.len();
        self.blocks.push(b);
        self.keys.insert(key, id);
        self.stack.push(id);
        if kind == BlockType::Annotation {
            return;
        }
        if let Some(p) = prev {
            self.blocks[p].children.push(id);
        }
    }

    fn exit_block(&mut self) {
        self.stack.pop();
    }

    fn add_def(&mut self, name: &str, flag: u32, loc: Loc) -> R {
        let id = self.cur_id();
        self.add_def_in(name, flag, id, loc)
    }

    fn add_def_in(&mut self, name: &str, flag: u32, id: BlockId, loc: Loc) -> R {
        let mangled = mangle(self.private, name);
        let old = self.blocks[id].flags(&mangled);
        let exists = self.blocks[id].index.contains_key(&mangled);
        if exists && flag & DEF_PARAM != 0 && old & DEF_PARAM != 0 {
            return Err(SymError::at(format!("duplicate argument '{name}' in function definition"), loc));
        }
        let mut val = old | flag;
        if self.blocks[id].comp_iter_target {
            if val & (DEF_GLOBAL | DEF_NONLOCAL) != 0 {
                return Err(SymError::at(
                    format!("comprehension inner loop cannot rebind assignment expression target '{name}'"),
                    loc,
                ));
            }
            val |= DEF_COMP_ITER;
        }
        self.blocks[id].set_flags(&mangled, val);
        if flag & DEF_PARAM != 0 {
            self.blocks[id].varnames.push(mangled);
        } else if flag & DEF_GLOBAL != 0 {
            let g = flag | self.blocks[0].flags(&mangled);
            self.blocks[0].set_flags(&mangled, g);
        }
        Ok(())
    }

    fn lookup(&self, name: &str) -> u32 {
        self.blocks[self.cur_id()].flags(&mangle(self.private, name))
    }

    fn record_directive(&mut self, name: &str, loc: Loc) {
        let mangled = mangle(self.private, name);
        self.cur().directives.push((mangled, loc));
    }

    fn stmts(&mut self, v: &'a [Stmt]) -> R {
        v.iter().try_for_each(|s| self.stmt(s))
    }

    fn exprs(&mut self, v: &'a [Expr]) -> R {
        v.iter().try_for_each(|e| self.expr(e))
    }

    fn opt_expr(&mut self, e: &'a Option<Box<Expr>>) -> R {
        match e {
            Some(e) => self.expr(e),
            None => Ok(()),
        }
    }

    fn stmt(&mut self, s: &'a Stmt) -> R {
        self.nested(|b| b.stmt_inner(s))
    }

    fn function_def(&mut self, s: &'a Stmt, f: &'a FunctionDef, is_async: bool) -> R {
        self.add_def(&f.name, DEF_LOCAL, s.loc)?;
        self.exprs(&f.args.defaults)?;
        for d in f.args.kw_defaults.iter().flatten() {
            self.expr(d)?;
        }
        self.annotations(s, &f.args, f.returns.as_deref())?;
        self.exprs(&f.decorator_list)?;
        self.enter_block(&f.name, BlockType::Function, key_of_stmt(s), s.loc);
        if is_async {
            self.cur().coroutine = true;
        }
        self.arguments(&f.args)?;
        self.stmts(&f.body)?;
        self.exit_block();
        Ok(())
    }

    fn stmt_inner(&mut self, s: &'a Stmt) -> R {
        match &s.node {
            StmtKind::FunctionDef(f) => self.function_def(s, f, false)?,
            StmtKind::AsyncFunctionDef(f) => self.function_def(s, f, true)?,
            StmtKind::ClassDef { name, bases, keywords, body, decorator_list } => {
                self.add_def(name, DEF_LOCAL, s.loc)?;
                self.exprs(bases)?;
                keywords.iter().try_for_each(|k| self.expr(&k.value))?;
                self.exprs(decorator_list)?;
                self.enter_block(name, BlockType::Class, key_of_stmt(s), s.loc);
                let saved = self.private.replace(name);
                let r = self.stmts(body);
                self.private = saved;
                r?;
                self.exit_block();
            }
            StmtKind::Return { value } => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.cur().returns_value = true;
                }
            }
            StmtKind::Delete { targets } => self.exprs(targets)?,
            StmtKind::Assign { targets, value, .. } => {
                self.exprs(targets)?;
                self.expr(value)?;
            }
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                if let ExprKind::Name { id, .. } = &target.node {
                    let cur = self.lookup(id);
                    let is_module = self.cur_id() == 0;
                    if cur & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && !is_module && *simple {
                        let what = if cur & DEF_GLOBAL != 0 { "global" } else { "nonlocal" };
                        return Err(SymError::at(format!("annotated name '{id}' can't be {what}"), s.loc));
                    }
                    if *simple {
                        self.add_def(id, DEF_ANNOT | DEF_LOCAL, target.loc)?;
                    }
                    if value.is_some() {
                        self.add_def(id, DEF_LOCAL, target.loc)?;
                    }
                } else {
                    self.expr(target)?;
                }
                self.annotation(annotation)?;
                self.opt_expr(value)?;
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(target)?;
                self.expr(value)?;
            }
            StmtKind::For(f) | StmtKind::AsyncFor(f) => {
                self.expr(&f.target)?;
                self.expr(&f.iter)?;
                self.stmts(&f.body)?;
                self.stmts(&f.orelse)?;
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::Match { subject, cases } => {
                self.expr(subject)?;
                for c in cases {
                    self.pattern(&c.pattern)?;
                    self.opt_expr(&c.guard)?;
                    self.stmts(&c.body)?;
                }
            }
            StmtKind::Raise { exc, cause } => {
                self.opt_expr(exc)?;
                self.opt_expr(cause)?;
            }
            StmtKind::Try(t) | StmtKind::TryStar(t) => {
                // CPython's order: body, else, handlers, finally.
                self.stmts(&t.body)?;
                self.stmts(&t.orelse)?;
                for h in &t.handlers {
                    self.opt_expr(&h.type_)?;
                    if let Some(n) = &h.name {
                        self.add_def(n, DEF_LOCAL, h.loc)?;
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(&t.finalbody)?;
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                self.opt_expr(msg)?;
            }
            StmtKind::Import { names } | StmtKind::ImportFrom { names, .. } => {
                names.iter().try_for_each(|a| self.alias(a))?;
            }
            StmtKind::Global { names } => self.directive(s, names, true)?,
            StmtKind::Nonlocal { names } => self.directive(s, names, false)?,
            StmtKind::Expr { value } => self.expr(value)?,
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
            StmtKind::With(w) | StmtKind::AsyncWith(w) => {
                for item in &w.items {
                    self.expr(&item.context_expr)?;
                    self.opt_expr(&item.optional_vars)?;
                }
                self.stmts(&w.body)?;
            }
        }
        Ok(())
    }

    /// `global` (is_global) or `nonlocal` statement.
    fn directive(&mut self, s: &Stmt, names: &[Ident], is_global: bool) -> R {
        let kw = if is_global { "global" } else { "nonlocal" };
        for name in names {
            let cur = self.lookup(name);
            if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                let msg = if cur & DEF_PARAM != 0 {
                    format!("name '{name}' is parameter and {kw}")
                } else if cur & USE != 0 {
                    format!("name '{name}' is used prior to {kw} declaration")
                } else if cur & DEF_ANNOT != 0 {
                    format!("annotated name '{name}' can't be {kw}")
                } else {
                    format!("name '{name}' is assigned to before {kw} declaration")
                };
                return Err(SymError::at(msg, s.loc));
            }
            self.add_def(name, if is_global { DEF_GLOBAL } else { DEF_NONLOCAL }, s.loc)?;
            self.record_directive(name, s.loc);
        }
        Ok(())
    }

    fn alias(&mut self, a: &Alias) -> R {
        let name = a.asname.as_deref().unwrap_or(&a.name);
        if name == "*" {
            if self.blocks[self.cur_id()].kind != BlockType::Module {
                return Err(SymError::at("import * only allowed at module level".to_string(), a.loc));
            }
            return Ok(());
        }
        let store = name.split('.').next().unwrap_or(name);
        self.add_def(store, DEF_IMPORT, a.loc)
    }

    /// Parameter annotations, then the return annotation (CPython's order).
    fn annotations(&mut self, s: &Stmt, a: &'a Arguments, returns: Option<&'a Expr>) -> R {
        if self.future_annotations {
            self.enter_block("_annotation", BlockType::Annotation, key_of_stmt(s), s.loc);
        }
        let ann = |x: &'a Arg| x.annotation.as_deref();
        let mut all: Vec<&'a Expr> = Vec::new();
        all.extend(a.posonlyargs.iter().filter_map(ann));
        all.extend(a.args.iter().filter_map(ann));
        all.extend(a.vararg.as_deref().and_then(ann));
        all.extend(a.kwarg.as_deref().and_then(ann));
        all.extend(a.kwonlyargs.iter().filter_map(ann));
        all.into_iter().try_for_each(|e| self.expr(e))?;
        if self.future_annotations {
            self.exit_block();
        }
        match returns {
            Some(r) => self.annotation(r),
            None => Ok(()),
        }
    }

    fn annotation(&mut self, e: &'a Expr) -> R {
        if self.future_annotations {
            self.enter_block("_annotation", BlockType::Annotation, key_of_expr(e), e.loc);
        }
        self.expr(e)?;
        if self.future_annotations {
            self.exit_block();
        }
        Ok(())
    }

    fn arguments(&mut self, a: &Arguments) -> R {
        for p in a.posonlyargs.iter().chain(&a.args).chain(&a.kwonlyargs) {
            self.add_def(&p.arg, DEF_PARAM, p.loc)?;
        }
        if let Some(v) = &a.vararg {
            self.add_def(&v.arg, DEF_PARAM, v.loc)?;
            self.cur().varargs = true;
        }
        if let Some(k) = &a.kwarg {
            self.add_def(&k.arg, DEF_PARAM, k.loc)?;
            self.cur().varkeywords = true;
        }
        Ok(())
    }

    fn raise_if_annotation_block(&self, what: &str, e: &Expr) -> R {
        if self.blocks[self.cur_id()].kind == BlockType::Annotation {
            return Err(SymError::at(format!("'{what}' can not be used within an annotation"), e.loc));
        }
        Ok(())
    }

    fn expr(&mut self, e: &'a Expr) -> R {
        self.nested(|b| b.expr_inner(e))
    }

    fn expr_inner(&mut self, e: &'a Expr) -> R {
        match &e.node {
            ExprKind::NamedExpr { target, value } => {
                self.raise_if_annotation_block("named expression", e)?;
                self.named_expr(e, target, value)?;
            }
            ExprKind::BoolOp { values, .. } => self.exprs(values)?,
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)?;
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand)?,
            ExprKind::Lambda { args, body } => {
                self.exprs(&args.defaults)?;
                for d in args.kw_defaults.iter().flatten() {
                    self.expr(d)?;
                }
                self.enter_block("lambda", BlockType::Function, key_of_expr(e), e.loc);
                self.arguments(args)?;
                self.expr(body)?;
                self.exit_block();
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)?;
            }
            ExprKind::Dict { keys, values } => {
                keys.iter().flatten().try_for_each(|k| self.expr(k))?;
                self.exprs(values)?;
            }
            ExprKind::Set { elts } => self.exprs(elts)?,
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(e, "genexpr", ComprehensionKind::Generator, generators, elt, None)?
            }
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(e, "listcomp", ComprehensionKind::List, generators, elt, None)?
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(e, "setcomp", ComprehensionKind::Set, generators, elt, None)?
            }
            ExprKind::DictComp { key, value, generators } => {
                self.comprehension(e, "dictcomp", ComprehensionKind::Dict, generators, key, Some(value))?
            }
            ExprKind::Yield { value } => {
                self.raise_if_annotation_block("yield expression", e)?;
                self.opt_expr(value)?;
                self.yield_seen(e)?;
            }
            ExprKind::YieldFrom { value } => {
                self.raise_if_annotation_block("yield expression", e)?;
                self.expr(value)?;
                self.yield_seen(e)?;
            }
            ExprKind::Await { value } => {
                self.raise_if_annotation_block("await expression", e)?;
                self.expr(value)?;
                self.cur().coroutine = true;
            }
            ExprKind::Compare { left, comparators, .. } => {
                self.expr(left)?;
                self.exprs(comparators)?;
            }
            ExprKind::Call { func, args, keywords } => {
                self.expr(func)?;
                self.exprs(args)?;
                keywords.iter().try_for_each(|k| self.expr(&k.value))?;
            }
            ExprKind::FormattedValue { value, format_spec, .. } => {
                self.expr(value)?;
                self.opt_expr(format_spec)?;
            }
            ExprKind::JoinedStr { values } => self.exprs(values)?,
            ExprKind::Constant { .. } => {}
            ExprKind::Attribute { value, .. } => self.expr(value)?,
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)?;
            }
            ExprKind::Starred { value, .. } => self.expr(value)?,
            ExprKind::Slice { lower, upper, step } => {
                self.opt_expr(lower)?;
                self.opt_expr(upper)?;
                self.opt_expr(step)?;
            }
            ExprKind::Name { id, ctx } => {
                let load = *ctx == ExprContext::Load;
                self.add_def(id, if load { USE } else { DEF_LOCAL }, e.loc)?;
                if load && self.blocks[self.cur_id()].kind == BlockType::Function && id == "super" {
                    self.add_def("__class__", USE, e.loc)?;
                }
            }
            ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => self.exprs(elts)?,
        }
        Ok(())
    }

    fn yield_seen(&mut self, e: &Expr) -> R {
        let cur = self.cur();
        cur.generator = true;
        let msg = match cur.comprehension {
            ComprehensionKind::None => return Ok(()),
            ComprehensionKind::List => "'yield' inside list comprehension",
            ComprehensionKind::Set => "'yield' inside set comprehension",
            ComprehensionKind::Dict => "'yield' inside dict comprehension",
            ComprehensionKind::Generator => "'yield' inside generator expression",
        };
        Err(SymError::at(msg.to_string(), e.loc))
    }

    fn named_expr(&mut self, e: &Expr, target: &'a Expr, value: &'a Expr) -> R {
        if self.blocks[self.cur_id()].comp_iter_expr > 0 {
            return Err(SymError::at(NAMED_EXPR_COMP_ITER_EXPR.to_string(), e.loc));
        }
        if self.blocks[self.cur_id()].comprehension != ComprehensionKind::None {
            self.extend_namedexpr_scope(target)?;
        }
        self.expr(value)?;
        self.expr(target)
    }

    /// A walrus in a comprehension binds in the nearest enclosing function (as
    /// nonlocal) or module (as global).
    fn extend_namedexpr_scope(&mut self, target: &Expr) -> R {
        let ExprKind::Name { id: name, .. } = &target.node else { return Ok(()) };
        let loc = target.loc;
        for i in (0..self.stack.len()).rev() {
            let id = self.stack[i];
            let b = &self.blocks[id];
            if b.comprehension != ComprehensionKind::None {
                if b.flags(name) & DEF_COMP_ITER != 0 {
                    return Err(SymError::at(
                        format!("assignment expression cannot rebind comprehension iteration variable '{name}'"),
                        loc,
                    ));
                }
                continue;
            }
            match b.kind {
                BlockType::Function => {
                    let flag = if b.flags(name) & DEF_GLOBAL != 0 { DEF_GLOBAL } else { DEF_NONLOCAL };
                    self.add_def(name, flag, loc)?;
                    self.record_directive(name, loc);
                    return self.add_def_in(name, DEF_LOCAL, id, loc);
                }
                BlockType::Module => {
                    self.add_def(name, DEF_GLOBAL, loc)?;
                    self.record_directive(name, loc);
                    return self.add_def_in(name, DEF_GLOBAL, id, loc);
                }
                BlockType::Class => return Err(SymError::at(NAMED_EXPR_COMP_IN_CLASS.to_string(), loc)),
                BlockType::Annotation => {}
            }
        }
        Err(SymError::plain(ErrorClass::RuntimeError, "BUG: no scope for an assignment expression"))
    }

    fn comprehension(
        &mut self,
        e: &'a Expr,
        name: &str,
        kind: ComprehensionKind,
        generators: &'a [Comprehension],
        elt: &'a Expr,
        value: Option<&'a Expr>,
    ) -> R {
        let is_generator = kind == ComprehensionKind::Generator;
        let Some(outermost) = generators.first() else { return Ok(()) };
        // The outermost iterable is evaluated in the enclosing scope.
        self.cur().comp_iter_expr += 1;
        let r = self.expr(&outermost.iter);
        self.cur().comp_iter_expr -= 1;
        r?;
        self.enter_block(name, BlockType::Function, key_of_expr(e), e.loc);
        self.cur().comprehension = kind;
        if outermost.is_async {
            self.cur().coroutine = true;
        }
        // The outermost iterator arrives as the implicit argument `.0`.
        let loc = self.blocks[self.cur_id()].loc;
        self.add_def(".0", DEF_PARAM, loc)?;
        self.cur().comp_iter_target = true;
        self.expr(&outermost.target)?;
        self.cur().comp_iter_target = false;
        self.exprs(&outermost.ifs)?;
        for g in &generators[1..] {
            self.cur().comp_iter_target = true;
            self.expr(&g.target)?;
            self.cur().comp_iter_target = false;
            self.cur().comp_iter_expr += 1;
            self.expr(&g.iter)?;
            self.cur().comp_iter_expr -= 1;
            self.exprs(&g.ifs)?;
            if g.is_async {
                self.cur().coroutine = true;
            }
        }
        if let Some(v) = value {
            self.expr(v)?;
        }
        self.expr(elt)?;
        let cur = self.cur();
        cur.generator = is_generator;
        let is_async = cur.coroutine && !is_generator;
        self.exit_block();
        if is_async {
            self.cur().coroutine = true;
        }
        Ok(())
    }

    fn pattern(&mut self, p: &'a Pattern) -> R {
        self.nested(|b| b.pattern_inner(p))
    }

    fn patterns(&mut self, v: &'a [Pattern]) -> R {
        v.iter().try_for_each(|p| self.pattern(p))
    }

    fn pattern_inner(&mut self, p: &'a Pattern) -> R {
        match &p.node {
            PatternKind::MatchValue { value } => self.expr(value),
            PatternKind::MatchSingleton { .. } => Ok(()),
            PatternKind::MatchSequence { patterns } | PatternKind::MatchOr { patterns } => self.patterns(patterns),
            PatternKind::MatchStar { name } => match name {
                Some(n) => self.add_def(n, DEF_LOCAL, p.loc),
                None => Ok(()),
            },
            PatternKind::MatchMapping { keys, patterns, rest } => {
                self.exprs(keys)?;
                self.patterns(patterns)?;
                match rest {
                    Some(n) => self.add_def(n, DEF_LOCAL, p.loc),
                    None => Ok(()),
                }
            }
            PatternKind::MatchClass { cls, patterns, kwd_patterns, .. } => {
                self.expr(cls)?;
                self.patterns(patterns)?;
                self.patterns(kwd_patterns)
            }
            PatternKind::MatchAs { pattern, name } => {
                if let Some(sub) = pattern {
                    self.pattern(sub)?;
                }
                match name {
                    Some(n) => self.add_def(n, DEF_LOCAL, p.loc),
                    None => Ok(()),
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Pass 2: resolve scopes

/// Name sets of the analysis. Ordered sets are not needed: only membership is
/// observable (symbols added for free names are compared by name).
type NameSet = std::collections::HashSet<String>;

fn analyze(st: &mut SymTable) -> R {
    let mut free = NameSet::new();
    let mut global = NameSet::new();
    analyze_block(st, 0, None, &mut free, &mut global)
}

fn error_at_directive(b: &Block, name: &str, msg: String) -> SymError {
    match b.directives.iter().find(|(n, _)| n == name) {
        Some((_, loc)) => SymError::at(msg, *loc),
        None => SymError::plain(ErrorClass::RuntimeError, "BUG: internal directive bookkeeping broken"),
    }
}

#[allow(clippy::too_many_arguments)]
fn analyze_name(
    b: &mut Block,
    scopes: &mut HashMap<String, Scope>,
    name: &str,
    flags: u32,
    bound: Option<&NameSet>,
    local: &mut NameSet,
    free: &mut NameSet,
    global: &mut NameSet,
) -> Result<Option<String>, SymError> {
    // Returns a name to discard from `bound` (the caller owns it mutably).
    if flags & DEF_GLOBAL != 0 {
        if flags & DEF_NONLOCAL != 0 {
            return Err(error_at_directive(b, name, format!("name '{name}' is nonlocal and global")));
        }
        scopes.insert(name.to_string(), Scope::GlobalExplicit);
        global.insert(name.to_string());
        return Ok(Some(name.to_string()));
    }
    if flags & DEF_NONLOCAL != 0 {
        let Some(bound) = bound else {
            return Err(error_at_directive(b, name, "nonlocal declaration not allowed at module level".to_string()));
        };
        if !bound.contains(name) {
            return Err(error_at_directive(b, name, format!("no binding for nonlocal '{name}' found")));
        }
        scopes.insert(name.to_string(), Scope::Free);
        b.free = true;
        free.insert(name.to_string());
        return Ok(None);
    }
    if flags & DEF_BOUND != 0 {
        scopes.insert(name.to_string(), Scope::Local);
        local.insert(name.to_string());
        global.remove(name);
        return Ok(None);
    }
    if bound.is_some_and(|bd| bd.contains(name)) {
        scopes.insert(name.to_string(), Scope::Free);
        b.free = true;
        free.insert(name.to_string());
        return Ok(None);
    }
    if global.contains(name) {
        scopes.insert(name.to_string(), Scope::GlobalImplicit);
        return Ok(None);
    }
    if b.nested {
        b.free = true;
    }
    scopes.insert(name.to_string(), Scope::GlobalImplicit);
    Ok(None)
}

fn analyze_block(
    st: &mut SymTable,
    id: BlockId,
    mut bound: Option<NameSet>,
    free: &mut NameSet,
    global: &mut NameSet,
) -> R {
    let mut local = NameSet::new();
    let mut scopes: HashMap<String, Scope> = HashMap::new();
    let mut newglobal = NameSet::new();
    let mut newfree = NameSet::new();
    let mut newbound = NameSet::new();
    let kind = st.blocks[id].kind;
    if kind == BlockType::Class {
        newglobal.extend(global.iter().cloned());
        if let Some(bd) = &bound {
            newbound.extend(bd.iter().cloned());
        }
    }
    let symbols = st.blocks[id].symbols.clone();
    for (name, flags) in &symbols {
        let discard = analyze_name(
            &mut st.blocks[id],
            &mut scopes,
            name,
            *flags,
            bound.as_ref(),
            &mut local,
            free,
            global,
        )?;
        if let (Some(n), Some(bd)) = (discard, bound.as_mut()) {
            bd.remove(&n);
        }
    }
    if kind != BlockType::Class {
        if kind == BlockType::Function {
            newbound.extend(local.iter().cloned());
        }
        if let Some(bd) = &bound {
            newbound.extend(bd.iter().cloned());
        }
        newglobal.extend(global.iter().cloned());
    } else {
        newbound.insert("__class__".to_string());
    }
    let mut allfree = NameSet::new();
    let children = st.blocks[id].children.clone();
    for c in children {
        let mut temp_free = newfree.clone();
        let mut temp_global = newglobal.clone();
        stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || {
            analyze_block(st, c, Some(newbound.clone()), &mut temp_free, &mut temp_global)
        })?;
        allfree.extend(temp_free);
        if st.blocks[c].free || st.blocks[c].child_free {
            st.blocks[id].child_free = true;
        }
    }
    newfree.extend(allfree);
    if kind == BlockType::Function {
        // Locals free in a child become cells.
        for (name, sc) in scopes.iter_mut() {
            if *sc == Scope::Local && newfree.remove(name) {
                *sc = Scope::Cell;
            }
        }
    } else if kind == BlockType::Class && newfree.remove("__class__") {
        st.blocks[id].needs_class_closure = true;
    }
    update_symbols(&mut st.blocks[id], &scopes, bound.as_ref(), &newfree, kind == BlockType::Class);
    free.extend(newfree);
    Ok(())
}

fn update_symbols(b: &mut Block, scopes: &HashMap<String, Scope>, bound: Option<&NameSet>, free: &NameSet, classflag: bool) {
    for (name, flags) in b.symbols.iter_mut() {
        let sc = scopes.get(name).copied().unwrap_or(Scope::Unknown) as u32;
        *flags |= sc << SCOPE_OFFSET;
    }
    // Free names of children not bound here are free here too (propagated up).
    let mut names: Vec<&String> = free.iter().collect();
    names.sort();
    for name in names {
        if b.index.contains_key(name.as_str()) {
            let f = b.flags(name);
            if classflag && f & (DEF_BOUND | DEF_GLOBAL) != 0 {
                b.set_flags(name, f | DEF_FREE_CLASS);
            }
            continue;
        }
        if bound.is_some_and(|bd| !bd.contains(name.as_str())) {
            continue;
        }
        b.set_flags(name, (Scope::Free as u32) << SCOPE_OFFSET);
    }
}
