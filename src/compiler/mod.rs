//! The front end's second half: AST to code. Symbol table, code generation into
//! a control-flow graph, assembly (DESIGN.md section 6). Pure Rust over the AST
//! and plain values: nothing here touches the object model (STYLE.md habit 9).
#![forbid(unsafe_code)]

pub mod code;
pub mod opcode;
pub mod tables;
pub mod future;
pub mod symtable;
pub mod verify;
