//! The front end's second half: AST to code. Symbol table, code generation into
//! a control-flow graph, assembly (DESIGN.md section 6). Pure Rust over the AST
//! and plain values: nothing here touches the object model (STYLE.md habit 9).
#![forbid(unsafe_code)]

pub mod code;
pub mod opcode;
pub mod tables;
pub mod future;
pub mod symtable;
pub mod ast_opt;
pub mod const_fold;
pub mod verify;
pub mod assemble;
pub mod ast_unparse;
pub mod codegen;
pub mod flowgraph;
pub mod scopes;

use crate::parser::ast;
use code::CodeUnit;
use flowgraph::SrcLoc;

/// `compile()` flags that code objects inherit (CPython's PyCF_MASK: the
/// CO_FUTURE_* bits).
pub(crate) const PYCF_MASK: u32 = opcode::CO_FUTURE_DIVISION
    | opcode::CO_FUTURE_ABSOLUTE_IMPORT
    | opcode::CO_FUTURE_WITH_STATEMENT
    | opcode::CO_FUTURE_PRINT_FUNCTION
    | opcode::CO_FUTURE_UNICODE_LITERALS
    | opcode::CO_FUTURE_BARRY_AS_BDFL
    | opcode::CO_FUTURE_GENERATOR_STOP
    | opcode::CO_FUTURE_ANNOTATIONS;
pub(crate) const PYCF_ALLOW_TOP_LEVEL_AWAIT: u32 = 0x2000;

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

/// Compile a tree to a code object as CPython 3.11's `compile()` does after
/// parsing: future statements, AST optimization (on a copy), symbol table, code
/// generation, assembly. `flags` are `compile()`'s (CO_FUTURE_* bits,
/// PyCF_ALLOW_TOP_LEVEL_AWAIT); `optimize` is its `optimize` argument.
pub fn compile(
    m: &ast::Mod,
    filename: &str,
    mode: CompileMode,
    flags: u32,
    optimize: i32,
) -> Result<(CodeUnit, Vec<CompileWarning>), CompileError> {
    let ok = matches!(
        (mode, m),
        (CompileMode::Exec, ast::Mod::Module { .. })
            | (CompileMode::Eval, ast::Mod::Expression { .. })
            | (CompileMode::Single, ast::Mod::Interactive { .. })
    );
    if !ok {
        return Err(CompileError::value("compile() mode does not match the tree"));
    }
    let ff = future::parse(m).map_err(CompileError::from_sym)?;
    let features = ff.features | (flags & PYCF_MASK);
    // The optimizer works on a copy; cloning and dropping a deep tree recurse
    // (derived impls), so both run on a stack segment sized for it.
    let stack = 256 * 1024 * 1024;
    let mut tree = stacker::grow(stack, || m.clone());
    let r = (|| {
        ast_opt::optimize(&mut tree, optimize, features).map_err(CompileError::from_sym)?;
        let st = symtable::build(&tree, filename, features).map_err(CompileError::from_sym)?;
        let top = scopes::from_symtable(&st);
        compile_with_scopes(&tree, &top, filename, flags, features, optimize)
    })();
    stacker::grow(stack, move || drop(tree));
    r
}

impl CompileError {
    pub fn from_sym(e: symtable::SymError) -> CompileError {
        let kind = match e.class {
            symtable::ErrorClass::SyntaxError => "SyntaxError",
            symtable::ErrorClass::RecursionError => "RecursionError",
            symtable::ErrorClass::RuntimeError => "RuntimeError",
        };
        CompileError {
            kind,
            msg: e.msg,
            lineno: e.lineno.map_or(0, |x| x as i64),
            offset: e.offset.map_or(0, |x| x as i64),
            end_lineno: e.end_lineno.map_or(0, |x| x as i64),
            end_offset: e.end_offset.map_or(0, |x| x as i64),
        }
    }
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
    let ff = future::parse(m).map_err(CompileError::from_sym)?;
    let mut c = codegen::Compiler::new(top, filename, flags, future_flags | ff.features, optimize);
    c.future_lineno = ff.lineno as i64;
    let co = c.compile_mod(m)?;
    Ok((co, c.warnings))
}
