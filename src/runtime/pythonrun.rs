//! Source to code object: the one path every entry point takes
//! (`Py_CompileString*`, and later `compile()`, `exec` of source, the import
//! system and the `pyrite` command).
//!
//! Design note.
//! * The front end is pure Rust (`parser`, `compiler`): bytes in, `CodeUnit`
//!   out, errors as plain values. This file is the seam to the object model:
//!   it turns those error values into the exception CPython raises and the
//!   `CodeUnit` into a code object (`codeobject::from_unit`).
//! * Parse-phase errors (tokenizer and parser) carry CPython's positions
//!   already: `offset`/`end_offset` in code points from 1 and the source line
//!   as `text`. Compile-phase errors (symbol table, code generator) are
//!   reported as CPython's compiler reports them: byte offsets from 1, and
//!   `text` read from the file named `filename` when it exists (None for
//!   "<string>"), which is what `compile()` gives in 3.11.
//! * Compiler warnings (SyntaxWarning, DeprecationWarning) go through
//!   `_warnings`' `warn_explicit` with the source's filename and line; one a
//!   filter turns into an error is raised as a SyntaxError at its location,
//!   as CPython's compiler does.

use crate::capi::pyerrors::PyErr_ProgramTextObject;
use crate::compiler::{self, CompileError, CompileMode};
use crate::modules::ast;
use crate::objects::object::*;
use crate::objects::pyref::Owned;
use crate::objects::{abstract_, codeobject, exceptions as exc, longobject, noneobject, tupleobject, unicodeobject};
use crate::parser::{self, tokenizer::TokError, Mode, ParseError};
use crate::runtime::errors::{self, PyResult, Raised};
use core::ptr::null_mut;
use libc::c_int;

/// The parse mode of a `Py_*_input` start symbol.
pub fn mode_of_start(start: c_int) -> Option<Mode> {
    match start {
        Py_file_input => Some(Mode::Exec),
        Py_eval_input => Some(Mode::Eval),
        Py_single_input => Some(Mode::Single),
        Py_func_type_input => Some(Mode::FuncType),
        _ => None,
    }
}

/// Compile source text to a code object.
/// `flags` are PyCF_*/CO_FUTURE_* bits; `optimize` is -1 (the interpreter's
/// level), 0, 1 or 2.
pub fn compile_source(source: &[u8], filename: &str, start: c_int, flags: c_int, optimize: c_int) -> PyResult<Owned> {
    let Some(mode) = mode_of_start(start) else {
        return Err(errors::value_error("compile() mode must be 'exec', 'eval' or 'single'"));
    };
    if mode == Mode::FuncType && flags & PyCF_ONLY_AST == 0 {
        return Err(errors::value_error("compile() mode 'func_type' requires flag PyCF_ONLY_AST"));
    }
    let tree = if flags & PyCF_IGNORE_COOKIE != 0 {
        match std::str::from_utf8(source) {
            Ok(text) => parser::parse_str(text, mode, filename),
            Err(_) => parser::parse(source, mode, filename),
        }
    } else {
        parser::parse(source, mode, filename)
    };
    let tree = tree.map_err(|e| raise_parse_error(e, filename))?;
    if flags & PyCF_ONLY_AST != 0 {
        return ast::to_py::mod_to_py(&tree);
    }
    compile_tree(&tree, filename, mode, flags, optimize)
}

/// `compile()` of an AST object (an instance of `ast.AST`): with
/// PyCF_ONLY_AST the object itself; otherwise the tree is converted
/// (CPython's `PyAST_obj2mod`: "expected Module node, got …" and the
/// conversion's errors), validated (`_PyAST_Validate`) and compiled.
pub fn compile_ast(obj: *mut PyObject, filename: &str, start: c_int, flags: c_int, optimize: c_int) -> PyResult<Owned> {
    let Some(mode) = mode_of_start(start) else {
        return Err(errors::value_error("compile() mode must be 'exec', 'eval' or 'single'"));
    };
    if mode == Mode::FuncType && flags & PyCF_ONLY_AST == 0 {
        return Err(errors::value_error("compile() mode 'func_type' requires flag PyCF_ONLY_AST"));
    }
    if flags & PyCF_ONLY_AST != 0 {
        // SAFETY: the caller's live object.
        return Ok(unsafe { Owned::from_borrowed(obj) });
    }
    let want = match mode {
        Mode::Exec => "Module",
        Mode::Eval => "Expression",
        Mode::Single => "Interactive",
        Mode::FuncType => "FunctionType",
    };
    // SAFETY: the caller's live object.
    let (tree, deferred) = unsafe { ast::from_py::mod_from_py(obj, want)? };
    ast::validate::validate_mod(&tree, &deferred)?;
    compile_tree(&tree, filename, mode, flags, optimize)
}

/// A parsed or converted tree to a code object.
fn compile_tree(tree: &parser::ast::Mod, filename: &str, mode: Mode, flags: c_int, optimize: c_int) -> PyResult<Owned> {
    let cmode = match mode {
        Mode::Exec => CompileMode::Exec,
        Mode::Eval => CompileMode::Eval,
        Mode::Single => CompileMode::Single,
        Mode::FuncType => {
            return Err(errors::value_error("compile() mode 'func_type' requires flag PyCF_ONLY_AST"));
        }
    };
    let optimize = if optimize < 0 { 0 } else { optimize };
    let (unit, warnings) =
        compiler::compile(tree, filename, cmode, flags as u32, optimize).map_err(|e| raise_compile_error(&e, filename))?;
    for w in &warnings {
        if let Err(r) = warn(w.category, &w.msg, filename, w.lineno) {
            // As CPython's compiler: a warning a filter turned into an error
            // becomes a SyntaxError at the warning's location.
            if errors::exception_matches(warning_class(w.category)) {
                errors::clear();
                let e = CompileError {
                    kind: "SyntaxError",
                    msg: w.msg.clone(),
                    lineno: w.lineno,
                    offset: w.offset,
                    end_lineno: w.end_lineno,
                    end_offset: w.end_offset,
                };
                return Err(raise_compile_error(&e, filename));
            }
            return Err(r);
        }
    }
    codeobject::from_unit(&unit)
}

fn warning_class(category: &str) -> *mut PyObject {
    unsafe {
        match category {
            "DeprecationWarning" => exc::PyExc_DeprecationWarning,
            "RuntimeWarning" => exc::PyExc_RuntimeWarning,
            _ => exc::PyExc_SyntaxWarning,
        }
    }
}

fn warn(category: &str, msg: &str, filename: &str, lineno: i64) -> PyResult<()> {
    let cat = warning_class(category);
    let m = unicodeobject::from_str(msg)?;
    let f = unicodeobject::from_str(filename)?;
    // SAFETY: live objects; module and registry absent, as the compiler passes them.
    unsafe { crate::modules::warnings::warn_explicit(cat, m.as_ptr(), f.as_ptr(), lineno, null_mut(), null_mut(), null_mut(), null_mut()) }
}

fn opt_int(v: Option<i64>) -> PyResult<Owned> {
    match v {
        Some(v) => longobject::from_i64(v),
        None => Ok(unsafe { Owned::from_borrowed(noneobject::none_ptr()) }),
    }
}

/// Raise `cls(msg, (filename, lineno, offset, text, end_lineno, end_offset))`.
#[allow(clippy::too_many_arguments)]
fn raise_syntax(
    cls: *mut PyObject,
    msg: &str,
    filename: &str,
    lineno: Option<i64>,
    offset: Option<i64>,
    text: Option<Owned>,
    end_lineno: Option<i64>,
    end_offset: Option<i64>,
) -> Raised {
    let build = || -> PyResult<Owned> {
        let m = unicodeobject::from_str(msg)?;
        let f = unicodeobject::from_str(filename)?;
        let t = text.unwrap_or_else(|| unsafe { Owned::from_borrowed(noneobject::none_ptr()) });
        let (l, o, el, eo) = (opt_int(lineno)?, opt_int(offset)?, opt_int(end_lineno)?, opt_int(end_offset)?);
        let details = tupleobject::pack(&[f.as_ptr(), l.as_ptr(), o.as_ptr(), t.as_ptr(), el.as_ptr(), eo.as_ptr()])?;
        let args = tupleobject::pack(&[m.as_ptr(), details.as_ptr()])?;
        // SAFETY: calling an exception class with a fresh argument tuple.
        unsafe { abstract_::call(cls, args.as_ptr(), null_mut()) }
    };
    match build() {
        Ok(e) => errors::set_object(unsafe { (*e.as_ptr()).ob_type } as *mut PyObject, e.as_ptr()),
        Err(r) => r,
    }
}

/// The exception for a tokenizer/parser error.
pub fn raise_parse_error(e: ParseError, filename: &str) -> Raised {
    match e {
        ParseError::Syntax(t) => raise_tok_error(&t, filename),
        ParseError::Memory => errors::no_memory(),
        ParseError::Recursion(msg) => errors::set_string(unsafe { exc::PyExc_RecursionError }, &msg),
    }
}

pub fn raise_tok_error(t: &TokError, filename: &str) -> Raised {
    let cls = unsafe {
        match t.class.name() {
            "IndentationError" => exc::PyExc_IndentationError,
            "TabError" => exc::PyExc_TabError,
            _ => exc::PyExc_SyntaxError,
        }
    };
    let text = match &t.text {
        Some(s) => match unicodeobject::from_str(s) {
            Ok(o) => Some(o),
            Err(r) => return r,
        },
        None => None,
    };
    raise_syntax(cls, &t.msg, filename, t.lineno, t.offset, text, t.end_lineno, t.end_offset)
}

/// The exception for a compile-phase error (positions as CPython's compiler gives them).
pub fn raise_compile_error(e: &CompileError, filename: &str) -> Raised {
    let cls = unsafe {
        match e.kind {
            "SyntaxError" => exc::PyExc_SyntaxError,
            "RecursionError" => return errors::set_string(exc::PyExc_RecursionError, &e.msg),
            "ValueError" => return errors::value_error(&e.msg),
            "MemoryError" => return errors::no_memory(),
            "NotImplementedError" => exc::PyExc_NotImplementedError,
            _ => return errors::system_error(&e.msg),
        }
    };
    if cls != unsafe { exc::PyExc_SyntaxError } {
        return errors::set_string(cls, &format!("{} (line {})", e.msg, e.lineno));
    }
    let text = match unicodeobject::from_str(filename) {
        // SAFETY: a live str; NULL back means no such file/line (no exception set).
        Ok(f) => unsafe { Owned::from_raw_opt(PyErr_ProgramTextObject(f.as_ptr(), e.lineno as c_int)) },
        Err(r) => return r,
    };
    raise_syntax(cls, &e.msg, filename, Some(e.lineno), Some(e.offset), text, Some(e.end_lineno), Some(e.end_offset))
}
