//! What the code generator reads from the symbol table, per scope: CPython's
//! `PySTEntryObject` fields that compile.c consults.
//!
//! Design note.
//! * A plain tree (`ScopeInfo` with `children` in the symbol table's order), so
//!   the code generator does not depend on how `symtable.rs` stores its table;
//!   `from_symtable` (added when the symbol table lands) fills it. Tests may also
//!   fill it from CPython's `symtable` module.
//! * Symbol flags use CPython's bit values (`symtable::DEF_*`, scope from bit 11).
//! * Child scopes are found by (symtable name, line, column) in order: the compiler
//!   visits nested scopes in a different order than the symbol table builds
//!   them (decorators, defaults), so position in `children` is not enough.

use super::symtable::{SCOPE_MASK, SCOPE_OFFSET};
use std::collections::HashMap;


pub(crate) const LOCAL: u32 = 1;
pub(crate) const GLOBAL_EXPLICIT: u32 = 2;
pub(crate) const GLOBAL_IMPLICIT: u32 = 3;
pub(crate) const FREE: u32 = 4;
pub(crate) const CELL: u32 = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockType {
    Module,
    Class,
    Function,
}

#[derive(Clone, Debug)]
pub struct ScopeInfo {
    pub kind: BlockType,
    /// The symbol table's name: the def/class name, "top", "lambda", "listcomp",
    /// "setcomp", "dictcomp", "genexpr".
    pub name: String,
    pub lineno: u32,
    /// Column of the scope's node (UTF-8 bytes), `u32::MAX` when unknown.
    pub col: u32,
    /// Name → flags (`DEF_*` | scope << SCOPE_OFFSET), as `ste_symbols`.
    pub symbols: HashMap<String, u32>,
    /// Parameters in order (`ste_varnames`).
    pub varnames: Vec<String>,
    pub children: Vec<ScopeInfo>,
    pub generator: bool,
    pub coroutine: bool,
    pub nested: bool,
    pub varargs: bool,
    pub varkeywords: bool,
    pub needs_class_closure: bool,
    pub comprehension: bool,
}

impl ScopeInfo {
    pub fn new(kind: BlockType, name: &str, lineno: u32) -> ScopeInfo {
        ScopeInfo {
            kind,
            name: name.to_string(),
            lineno,
            col: u32::MAX,
            symbols: HashMap::new(),
            varnames: Vec::new(),
            children: Vec::new(),
            generator: false,
            coroutine: false,
            nested: false,
            varargs: false,
            varkeywords: false,
            needs_class_closure: false,
            comprehension: false,
        }
    }
    pub fn flags(&self, name: &str) -> u32 {
        self.symbols.get(name).copied().unwrap_or(0)
    }
    pub fn scope(&self, name: &str) -> u32 {
        (self.flags(name) >> SCOPE_OFFSET) & SCOPE_MASK
    }
    /// Names whose scope is `scope` or whose flags have `flag`, sorted (dictbytype).
    pub fn names_by_type(&self, scope: u32, flag: u32) -> Vec<String> {
        let mut v: Vec<String> = self
            .symbols
            .iter()
            .filter(|(_, &f)| ((f >> SCOPE_OFFSET) & SCOPE_MASK) == scope || (f & flag) != 0)
            .map(|(k, _)| k.clone())
            .collect();
        v.sort();
        v
    }
}

/// The scope tree of a built symbol table (`symtable::build`).
pub fn from_symtable(st: &super::symtable::SymTable) -> ScopeInfo {
    fn conv(st: &super::symtable::SymTable, id: usize) -> ScopeInfo {
        use super::symtable::{BlockType as B, ComprehensionKind};
        let b = &st.blocks[id];
        let kind = match b.kind {
            B::Module => BlockType::Module,
            B::Class => BlockType::Class,
            B::Function | B::Annotation => BlockType::Function,
        };
        let mut s = ScopeInfo::new(kind, &b.name, b.loc.lineno);
        s.col = b.loc.col_offset;
        s.symbols = b.symbols.iter().cloned().collect();
        s.varnames = b.varnames.clone();
        s.generator = b.generator;
        s.coroutine = b.coroutine;
        s.nested = b.nested;
        s.varargs = b.varargs;
        s.varkeywords = b.varkeywords;
        s.needs_class_closure = b.needs_class_closure;
        s.comprehension = b.comprehension != ComprehensionKind::None;
        s.children = b.children.iter().map(|&c| conv(st, c)).collect();
        s
    }
    conv(st, 0)
}
