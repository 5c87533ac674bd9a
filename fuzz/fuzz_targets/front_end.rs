//! Random and mutated Python source through the whole front end: tokenizer,
//! parser, AST dump, symbol table, compiler, and the bytecode verifier on what
//! the compiler produced. Any panic, stack overflow or timeout is a bug;
//! rejections must be exception classes CPython raises for source.
#![no_main]
use libfuzzer_sys::fuzz_target;
use pyrite::compiler::{self, CompileMode};
use pyrite::parser::{self, Mode, ParseError};

fuzz_target!(|data: &[u8]| {
    if let Err(e) = parser::tokenizer::check_source(data) {
        assert!(matches!(e.class.name(), "SyntaxError" | "IndentationError" | "TabError"));
    }
    let m = match parser::parse(data, Mode::Exec, "<fuzz>") {
        Ok(m) => m,
        Err(ParseError::Syntax(_) | ParseError::Memory | ParseError::Recursion(_)) => return,
    };
    let _ = parser::ast_dump::dump(&m, true);
    match compiler::compile(&m, "<fuzz>", CompileMode::Exec, 0, 0) {
        Ok((unit, _)) => {
            if let Err(e) = compiler::verify::verify(&unit) {
                panic!("compiler output fails the verifier: {e:?}");
            }
        }
        Err(e) => assert!(
            matches!(e.kind, "SyntaxError" | "RecursionError" | "MemoryError" | "ValueError"),
            "compile raised {}: {}",
            e.kind,
            e.msg
        ),
    }
});
