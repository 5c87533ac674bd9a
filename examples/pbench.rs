//! Parse files given on the command line N times (profiling aid).
fn main() {
    let files: Vec<Vec<u8>> = std::env::args().skip(1).map(|f| std::fs::read(f).unwrap()).collect();
    let t0 = std::time::Instant::now();
    for _ in 0..5 {
        for b in &files {
            let _ = pyrite::parser::parse(b, pyrite::parser::Mode::Exec, "<b>");
        }
    }
    eprintln!("{:?}", t0.elapsed() / 5);
}
