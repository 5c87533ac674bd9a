//! Parse one source given on the command line (`\n` for newlines) and print
//! its AST dump or the error: a debugging aid for the parser.
fn main() {
    let src = std::env::args().nth(1).unwrap().replace("\\n", "\n");
    match pyrite::parser::parse(src.as_bytes(), pyrite::parser::Mode::Exec, "<s>") {
        Ok(m) => println!("{}", pyrite::parser::ast_dump::dump(&m, true)),
        Err(e) => println!("{e:?}"),
    }
}
