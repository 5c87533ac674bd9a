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
    let mut raw = Vec::new();
    bindings.write(&mut raw);
    let out = fixup(&String::from_utf8(raw).unwrap()).into_bytes();
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

/// cbindgen emits structs in source order; C needs `PyObject` defined before
/// anything embeds it by value, and the flag constants need unsigned long
/// arithmetic (`1 << 31` overflows an int).
fn fixup(h: &str) -> String {
    let mut h = h.to_string();
    let start = h.find("typedef struct PyObject {").expect("PyObject in header");
    let end = start + h[start..].find("} PyObject;").unwrap() + "} PyObject;\n".len();
    let block = h[start..end].to_string();
    h.replace_range(start..end, "");
    let first = h.find("typedef struct PyVarObject {").expect("PyVarObject in header");
    h.insert_str(first, &format!("{}\n", block));
    h.lines()
        .map(|l| {
            if l.starts_with("#define Py_TPFLAGS_") {
                l.replace("(1 << ", "(1UL << ")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}
