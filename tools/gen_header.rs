// Shared by build.rs and tests/headers.rs (through `include!`): generate
// pyrite_generated.h from the Rust sources with cbindgen, then fix up what
// cbindgen cannot express.

/// The header text cbindgen generates for the crate at `root`.
pub fn generate_header(root: &std::path::Path) -> String {
    let config = cbindgen::Config::from_file(root.join("cbindgen.toml")).expect("cbindgen.toml");
    let bindings = cbindgen::Builder::new()
        .with_crate(root)
        .with_config(config)
        .generate()
        .expect("cbindgen failed");
    let mut raw = Vec::new();
    bindings.write(&mut raw);
    fixup_header(&String::from_utf8(raw).unwrap())
}

/// cbindgen emits structs in source order; C needs `PyObject` defined before
/// anything embeds it by value, and the flag constants need unsigned long
/// arithmetic (`1 << 31` overflows an int).
fn fixup_header(h: &str) -> String {
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
