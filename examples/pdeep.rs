fn main() {
    let kind = std::env::args().nth(1).unwrap();
    let n: usize = std::env::args().nth(2).unwrap().parse().unwrap();
    let src = match kind.as_str() {
        "minus" => "-".repeat(n) + "1",
        "not" => "not ".repeat(n) + "x",
        "lambda" => "lambda: ".repeat(n) + "1",
        "pow" => "2**".repeat(n) + "1",
        "attr" => "a".to_string() + &".b".repeat(n),
        "call" => "f".to_string() + &"()".repeat(n),
        "add" => "1".to_string() + &"+1".repeat(n),
        "ifexp" => "a if b else ".repeat(n) + "c",
        "star" => "*".repeat(n) + "a = 1",
        _ => unreachable!(),
    };
    let r = std::thread::Builder::new().stack_size(2 << 20).spawn(move || {
        match pyrite::parser::parse(src.as_bytes(), pyrite::parser::Mode::Exec, "<d>") {
            Ok(m) => format!("ok {}", pyrite::parser::ast_dump::dump(&m, true).len()),
            Err(e) => format!("{:?}", e).chars().take(80).collect(),
        }
    }).unwrap().join().unwrap();
    println!("{kind} {n}: {r}");
}
