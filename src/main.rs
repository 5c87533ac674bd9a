//! The `pyrite` command. For now it reports its version; it becomes python3's
//! twin (`Py_BytesMain`) when the evaluator lands.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--version" || a == "-V") {
        println!("Python {} (pyrite {})", pyrite::PY_VERSION, pyrite::PYRITE_VERSION);
        return;
    }
    eprintln!("pyrite: only --version is supported so far");
    std::process::exit(2);
}
