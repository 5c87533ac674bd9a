// Build script: generates the declarations header into OUT_DIR (cbindgen, from
// the Rust sources), compiles the C shims of the variadic C API against it
// (exported through Rust naked trampolines, DESIGN.md §11), and sets the link
// arguments the library and binary need.
use std::path::{Path, PathBuf};

include!("tools/gen_header.rs");

fn main() {
    // The target triple, for tests that compile C with the `cc` crate.
    println!("cargo:rustc-env=PYRITE_TARGET={}", std::env::var("TARGET").unwrap());
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=include");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    println!("cargo:rerun-if-changed=tools/gen_header.rs");
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    // The shims always see the declarations of the code being built, even
    // before the committed copy in include/ is regenerated: they compile
    // against a copy of include/ whose generated header is fresh.
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("include");
    std::fs::create_dir_all(&out).unwrap();
    for e in std::fs::read_dir(root.join("include")).unwrap().flatten() {
        std::fs::copy(e.path(), out.join(e.file_name())).unwrap();
    }
    std::fs::write(out.join("pyrite_generated.h"), generate_header(&root)).unwrap();
    let shims: Vec<_> = std::fs::read_dir(Path::new("src/shims"))
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "c")).collect())
        .unwrap_or_default();
    if !shims.is_empty() {
        cc::Build::new()
            .files(&shims)
            .include(&out)
            .flag_if_supported("-Wno-unused-parameter")
            .flag("-Werror=implicit-function-declaration")
            .flag("-Werror=int-conversion")
            .compile("pyrite_shims");
    }
    // Calls inside libpyrite.so bind to its own definitions, never to another
    // Python's symbols loaded in the same process.
    println!("cargo:rustc-cdylib-link-arg=-Wl,-Bsymbolic-functions");
    // Extensions loaded by the `pyrite` binary resolve Py* against it.
    println!("cargo:rustc-link-arg-bins=-Wl,--export-dynamic");
}
