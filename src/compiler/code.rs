//! `CodeUnit`: what the compiler produces and what a code object is made from.
//!
//! Design note.
//! * A plain-Rust mirror of CPython 3.11's code object fields (the same fields
//!   marshal writes, in the same order): the compiler builds one per scope, and
//!   `objects/codeobject.rs` turns it into a `PyCodeObject` (constants become
//!   Python objects there, once). Nothing here touches the object model.
//! * `code` is `co_code` in CPython 3.11's format: 2-byte units, `EXTENDED_ARG`
//!   prefixes, zeroed `CACHE` units after instructions that have them
//!   (`opcode::Op::cache_entries`). `linetable`/`exceptiontable` use the formats
//!   of `tables.rs`.
//! * Nested code objects sit in `consts` as `CodeConst::Code`.

use crate::parser::ast::Constant;

#[derive(Clone, Debug, PartialEq)]
pub enum CodeConst {
    Value(Constant),
    Code(Box<CodeUnit>),
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct CodeUnit {
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub stacksize: u32,
    pub flags: u32,
    pub code: Vec<u8>,
    pub consts: Vec<CodeConst>,
    pub names: Vec<String>,
    /// Locals, then cells, then free variables (3.11's "localsplus").
    pub localsplusnames: Vec<String>,
    /// One `opcode::CO_FAST_*` mask per `localsplusnames` entry.
    pub localspluskinds: Vec<u8>,
    pub filename: String,
    pub name: String,
    pub qualname: String,
    pub firstlineno: u32,
    pub linetable: Vec<u8>,
    pub exceptiontable: Vec<u8>,
}
