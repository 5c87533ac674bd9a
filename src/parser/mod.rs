//! The front end's source-level half: text in, tokens out, tokens to an AST.
//! Pure Rust over `&str`/`&[u8]`: nothing here touches the object model, so
//! the whole module forbids `unsafe` (STYLE.md habit 9).
#![forbid(unsafe_code)]

pub mod ast;
pub mod charsets;
pub mod printable;
pub mod tokenizer;
pub mod ast_dump;
// The brief names the PEG parser `parser::parser`.
#[allow(clippy::module_inception)]
pub mod parser;

pub use parser::{Mode, ParseError};

/// Parse Python source bytes (decoded as `compile()` decodes them) in `mode`.
/// `filename` is kept for messages; errors carry what `compile()` reports.
pub fn parse(source: &[u8], mode: Mode, _filename: &str) -> Result<ast::Mod, ParseError> {
    let d = tokenizer::decode_source(source).map_err(ParseError::Syntax)?;
    parser::parse_decoded(&d, mode)
}

/// Parse already-decoded text (a `str` source).
pub fn parse_str(source: &str, mode: Mode, _filename: &str) -> Result<ast::Mod, ParseError> {
    let d = tokenizer::Decoded { text: source.to_string(), encoding: "utf-8".into(), utf8_error: None, char_offsets: true };
    parser::parse_decoded(&d, mode)
}
