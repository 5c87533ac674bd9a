//! The committed `include/pyrite_generated.h` must equal what cbindgen
//! generates from the Rust sources (the build compiles the C shims against a
//! fresh copy in OUT_DIR, so a stale committed header would only hurt users).
//! `PYRITE_BLESS=1 cargo test --test headers` rewrites it.
use std::path::Path;

include!("../tools/gen_header.rs");

#[test]
fn generated_header_is_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = generate_header(root).into_bytes();
    let path = root.join("include/pyrite_generated.h");
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
