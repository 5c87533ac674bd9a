//! The committed headers must equal what cbindgen generates from the Rust
//! sources; `PYRITE_BLESS=1 cargo test --test headers` rewrites them.
use std::path::Path;

#[test]
fn generated_header_is_current() {
    let root = env!("CARGO_MANIFEST_DIR");
    let config = cbindgen::Config::from_file(Path::new(root).join("cbindgen.toml")).expect("cbindgen.toml");
    let bindings = cbindgen::Builder::new()
        .with_crate(root)
        .with_config(config)
        .generate()
        .expect("cbindgen failed");
    let mut out = Vec::new();
    bindings.write(&mut out);
    let path = Path::new(root).join("include/pyrite_generated.h");
    if std::env::var_os("PYRITE_BLESS").is_some() {
        std::fs::write(&path, &out).unwrap();
        return;
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == out,
        "include/pyrite_generated.h is stale: run `PYRITE_BLESS=1 cargo test --test headers` and commit it"
    );
}
