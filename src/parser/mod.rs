//! The front end's source-level half: text in, tokens out, tokens to an AST.
//! Pure Rust over `&str`/`&[u8]`: nothing here touches the object model, so
//! the whole module forbids `unsafe` (STYLE.md habit 9).
#![forbid(unsafe_code)]

pub mod ast;
pub mod charsets;
pub mod tokenizer;
