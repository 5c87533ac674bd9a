//! Symbol table tests: our `compiler::symtable` against CPython's `symtable`
//! module (dumps made by tests/symtable/gen_symtable.py), the error corpus
//! tests/symtable/errors.tsv against `compile()`, and a stdlib sweep.

#[path = "common/ast_from_py.rs"]
mod ast_from_py;

use pyrite::parser::ast;

/// The bridge reads CPython's trees faithfully enough to find names and positions.
#[test]
fn bridge_reads_cpython_ast() {
    let m = ast_from_py::cpython_ast("def f(a, *, b=1.5):\n    return a + 10**30 + b\n", "exec");
    let ast::Mod::Module { body, .. } = m else { panic!() };
    let ast::StmtKind::FunctionDef(f) = &body[0].node else { panic!() };
    assert_eq!(f.name, "f");
    assert_eq!(f.args.kwonlyargs[0].arg, "b");
    assert_eq!(body[0].loc, ast::Loc { lineno: 1, col_offset: 0, end_lineno: 2, end_col_offset: 25 });
    let e = ast_from_py::try_cpython_ast("x = (", "exec").unwrap_err();
    assert_eq!(e.class, "SyntaxError");
}

