//! Parse one source given on the command line (`\n` for newlines) and print
//! its AST dump or the error: a debugging aid for the parser. An optional
//! second argument picks the mode: exec (default), eval, single, func_type.
fn main() {
    let src = std::env::args().nth(1).unwrap().replace("\\n", "\n");
    let mode = match std::env::args().nth(2).as_deref() {
        Some("eval") => pyrite::parser::Mode::Eval,
        Some("single") => pyrite::parser::Mode::Single,
        Some("func_type") => pyrite::parser::Mode::FuncType,
        _ => pyrite::parser::Mode::Exec,
    };
    match pyrite::parser::parse(src.as_bytes(), mode, "<s>") {
        Ok(m) => println!("{}", pyrite::parser::ast_dump::dump(&m, true)),
        Err(e) => println!("{e:?}"),
    }
}
