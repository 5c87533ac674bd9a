//! The front end's second half: AST to code. Symbol table, code generation into
//! a control-flow graph, assembly (DESIGN.md section 6). Pure Rust over the AST
//! and plain values: nothing here touches the object model (STYLE.md habit 9).
#![forbid(unsafe_code)]

pub mod code;
pub mod opcode;
pub mod tables;
pub mod assemble;
pub mod codegen;
pub mod flowgraph;
pub mod scopes;

use crate::parser::ast;
use code::CodeUnit;
use flowgraph::SrcLoc;

/// `compile()` flags that code objects inherit (CPython's PyCF_MASK: the
/// CO_FUTURE_* bits).
pub const PYCF_MASK: u32 = opcode::CO_FUTURE_DIVISION
    | opcode::CO_FUTURE_ABSOLUTE_IMPORT
    | opcode::CO_FUTURE_WITH_STATEMENT
    | opcode::CO_FUTURE_PRINT_FUNCTION
    | opcode::CO_FUTURE_UNICODE_LITERALS
    | opcode::CO_FUTURE_BARRY_AS_BDFL
    | opcode::CO_FUTURE_GENERATOR_STOP
    | opcode::CO_FUTURE_ANNOTATIONS;
pub const PYCF_ALLOW_TOP_LEVEL_AWAIT: u32 = 0x2000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompileMode {
    Exec,
    Eval,
    Single,
}

/// A compile-phase error. `kind` is the Python exception class name
/// ("SyntaxError", "RecursionError", "SystemError", "ValueError", or
/// "NotImplementedError" for constructs the compiler does not handle yet).
/// Positions: lines from 1; `offset`/`end_offset` are UTF-8 byte columns from 1
/// (`to_syntax_error` converts them to CPython's code-point offsets).
#[derive(Clone, Debug, PartialEq)]
pub struct CompileError {
    pub kind: &'static str,
    pub msg: String,
    pub lineno: i64,
    pub offset: i64,
    pub end_lineno: i64,
    pub end_offset: i64,
}

impl CompileError {
    pub fn syntax(msg: &str, l: SrcLoc) -> CompileError {
        CompileError {
            kind: "SyntaxError",
            msg: msg.to_string(),
            lineno: l.lineno as i64,
            offset: l.col as i64 + 1,
            end_lineno: l.end_lineno as i64,
            end_offset: l.end_col as i64 + 1,
        }
    }
    pub fn system(msg: &str) -> CompileError {
        CompileError { kind: "SystemError", msg: msg.to_string(), lineno: 0, offset: 0, end_lineno: 0, end_offset: 0 }
    }
    pub fn value(msg: &str) -> CompileError {
        CompileError { kind: "ValueError", msg: msg.to_string(), lineno: 0, offset: 0, end_lineno: 0, end_offset: 0 }
    }
    pub fn recursion() -> CompileError {
        CompileError {
            kind: "RecursionError",
            msg: "maximum recursion depth exceeded during compilation".to_string(),
            lineno: 0,
            offset: 0,
            end_lineno: 0,
            end_offset: 0,
        }
    }
    pub fn unsupported(what: &str, l: SrcLoc) -> CompileError {
        let mut e = CompileError::syntax(&format!("compiler: {} not supported yet", what), l);
        e.kind = "NotImplementedError";
        e
    }
    /// CPython's SyntaxError offsets count code points of the source line, from 1.
    pub fn to_syntax_error(&self, source: &str) -> CompileError {
        let conv = |line: i64, off: i64| -> i64 {
            if line < 1 || off < 1 {
                return off;
            }
            match source.split('\n').nth((line - 1) as usize) {
                Some(text) => {
                    let b = ((off - 1) as usize).min(text.len());
                    let mut cut = b;
                    while cut > 0 && !text.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    text[..cut].chars().count() as i64 + 1
                }
                None => off,
            }
        };
        let mut e = self.clone();
        e.offset = conv(self.lineno, self.offset);
        e.end_offset = conv(self.end_lineno, self.end_offset);
        e
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct CompileWarning {
    pub category: &'static str,
    pub msg: String,
    pub lineno: i64,
    pub offset: i64,
    pub end_lineno: i64,
    pub end_offset: i64,
}

/// Compile with scope information already computed (`scopes::ScopeInfo` tree for
/// the module). `mode` must match the tree's kind.
pub fn compile_with_scopes(
    m: &ast::Mod,
    top: &scopes::ScopeInfo,
    filename: &str,
    flags: u32,
    future_flags: u32,
    optimize: i32,
) -> Result<(CodeUnit, Vec<CompileWarning>), CompileError> {
    let (fl, ff) = future_features(m);
    let mut c = codegen::Compiler::new(top, filename, flags, future_flags | ff, optimize);
    c.future_lineno = fl;
    let co = c.compile_mod(m)?;
    Ok((co, c.warnings))
}

/// The line of the last `from __future__` import future.c accepts (0 if none)
/// and the CO_FUTURE_* flags they set.
fn future_features(m: &ast::Mod) -> (i64, u32) {
    let body = match m {
        ast::Mod::Module { body, .. } | ast::Mod::Interactive { body } => body,
        _ => return (0, 0),
    };
    let mut line = 0;
    let mut flags = 0;
    for (i, s) in body.iter().enumerate() {
        match &s.node {
            ast::StmtKind::ImportFrom { module: Some(m), names, .. } if m == "__future__" => {
                line = s.loc.lineno as i64;
                for a in names {
                    flags |= match a.name.as_str() {
                        "barry_as_FLUFL" => opcode::CO_FUTURE_BARRY_AS_BDFL,
                        "annotations" => opcode::CO_FUTURE_ANNOTATIONS,
                        _ => 0,
                    };
                }
            }
            ast::StmtKind::Expr { value } if i == 0 && matches!(value.node, ast::ExprKind::Constant { value: ast::Constant::Str(_), .. }) => {}
            _ => break,
        }
    }
    (line, flags)
}
