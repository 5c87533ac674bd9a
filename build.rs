// Build script: C shims for the variadic C API functions (compiled by `cc`,
// exported through Rust naked trampolines, DESIGN.md §11), and the link
// arguments the library and binary need.
fn main() {
    // The target triple, for tests that compile C with the `cc` crate.
    println!("cargo:rustc-env=PYRITE_TARGET={}", std::env::var("TARGET").unwrap());
    println!("cargo:rerun-if-changed=src/shims");
    println!("cargo:rerun-if-changed=include");
    let shims: Vec<_> = std::fs::read_dir("src/shims")
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "c")).collect())
        .unwrap_or_default();
    if !shims.is_empty() {
        cc::Build::new()
            .files(&shims)
            .include("include")
            .flag_if_supported("-Wno-unused-parameter")
            .compile("pyrite_shims");
    }
    // Calls inside libpyrite.so bind to its own definitions, never to another
    // Python's symbols loaded in the same process.
    println!("cargo:rustc-cdylib-link-arg=-Wl,-Bsymbolic-functions");
    // Extensions loaded by the `pyrite` binary resolve Py* against it.
    println!("cargo:rustc-link-arg-bins=-Wl,--export-dynamic");
}
