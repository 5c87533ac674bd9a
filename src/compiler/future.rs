//! `from __future__ import ...`: CPython 3.11's future.c.
//!
//! Design note.
//! * `parse` scans the leading statements of a `Module`/`Interactive` body (a
//!   docstring may come first) for `from __future__ import` statements, collects
//!   the feature flags and rejects unknown features ("future feature X is not
//!   defined"), `braces` ("not a chance") and a future import that follows
//!   another statement *on the same line* ("from __future__ imports must occur
//!   at the beginning of the file"). Those errors carry CPython's location:
//!   the statement's line and column+1, `end_lineno` = line, no end offset.
//! * A future import on a later line after other statements is the compiler's
//!   error in CPython (compile.c, `compiler_from_import`, with the statement's
//!   full range): `late_future_error` gives it; the code generator calls it when
//!   it meets an `ImportFrom` (so symtable errors win, as in CPython).
//! * Only `barry_as_FLUFL` and `annotations` set flags in 3.11; the other
//!   historical features are accepted and set nothing.
//! * Known gaps: none known.

use super::opcode::{CO_FUTURE_ANNOTATIONS, CO_FUTURE_BARRY_AS_BDFL};
use super::symtable::SymError;
use crate::parser::ast::{Mod, Stmt, StmtKind};


/// What the future statements of a module declare (CPython's `PyFutureFeatures`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Future {
    /// `CO_FUTURE_*` bits.
    pub features: u32,
    /// Line of the last future statement (0 if none): a future import on a
    /// later line is an error (`late_future_error`).
    pub lineno: u32,
}

const LATE_FUTURE: &str = "from __future__ imports must occur at the beginning of the file";

fn is_future_import(s: &Stmt) -> bool {
    matches!(&s.node, StmtKind::ImportFrom { module: Some(m), .. } if m == "__future__")
}

fn is_docstring(s: &Stmt) -> bool {
    use crate::parser::ast::{Constant, ExprKind};
    matches!(&s.node, StmtKind::Expr { value } if matches!(&value.node,
        ExprKind::Constant { value: Constant::Str(_) | Constant::StrCodes(_), .. }))
}

fn located(msg: String, s: &Stmt) -> SymError {
    SymError::syntax(msg, s.loc.lineno, s.loc.col_offset + 1, Some(s.loc.lineno), None)
}

/// Scan `m` for future statements (CPython's `_PyFuture_FromAST`).
pub fn parse(m: &Mod) -> Result<Future, SymError> {
    let mut ff = Future::default();
    let body = match m {
        Mod::Module { body, .. } | Mod::Interactive { body } => body,
        _ => return Ok(ff),
    };
    let start = usize::from(body.first().is_some_and(is_docstring));
    let (mut done, mut prev_line) = (false, 0u32);
    for s in &body[start..] {
        if done && s.loc.lineno > prev_line {
            break;
        }
        prev_line = s.loc.lineno;
        let names = match &s.node {
            StmtKind::ImportFrom { module: Some(m), names, .. } if m == "__future__" => names,
            _ => {
                done = true;
                continue;
            }
        };
        if done {
            // CPython locates this one at the bare column (no +1).
            let l = s.loc;
            return Err(SymError::syntax(LATE_FUTURE.to_string(), l.lineno, l.col_offset, Some(l.lineno), None));
        }
        for a in names {
            ff.features |= match a.name.as_str() {
                "nested_scopes" | "generators" | "division" | "absolute_import" | "with_statement"
                | "print_function" | "unicode_literals" | "generator_stop" => 0,
                "barry_as_FLUFL" => CO_FUTURE_BARRY_AS_BDFL,
                "annotations" => CO_FUTURE_ANNOTATIONS,
                "braces" => return Err(located("not a chance".to_string(), s)),
                other => return Err(located(format!("future feature {other} is not defined"), s)),
            };
        }
        ff.lineno = s.loc.lineno;
    }
    Ok(ff)
}

/// The compiler's check on an `ImportFrom` statement: a `from __future__`
/// import after the module's leading future statements.
pub fn late_future_error(s: &Stmt, ff: &Future) -> Option<SymError> {
    if is_future_import(s) && s.loc.lineno > ff.lineno {
        let l = s.loc;
        return Some(SymError::syntax(
            LATE_FUTURE.to_string(),
            l.lineno,
            l.col_offset + 1,
            Some(l.end_lineno),
            Some(l.end_col_offset + 1),
        ));
    }
    None
}
