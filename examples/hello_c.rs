//! `cargo run --release --example hello_c`: compile examples/hello.c (a C
//! program embedding pyrite through `#include <Python.h>`) against `include/`
//! and this profile's `libpyrite.so`, then run it.
//!
//! The C twin of this file is examples/hello.c; tests/examples.rs builds and
//! runs every examples/*.c the same way and checks its output.
use std::path::{Path, PathBuf};
use std::process::{exit, Command};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // target/<profile>/examples/hello_c -> target/<profile>
    let exe = std::env::current_exe().expect("current_exe");
    let profile_dir: PathBuf = exe.parent().and_then(Path::parent).expect("target/<profile>").to_path_buf();
    let lib = profile_dir.join("libpyrite.so");
    if !lib.exists() {
        // Building an example builds the library's cdylib too; this covers a
        // target directory where only the example binary was kept.
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let mut cmd = Command::new(cargo);
        cmd.args(["build", "--lib"]).current_dir(root);
        if profile_dir.file_name().is_some_and(|n| n == "release") {
            cmd.arg("--release");
        }
        let ok = cmd.status().map(|s| s.success()).unwrap_or(false);
        if !ok || !lib.exists() {
            eprintln!("hello_c: could not build {}", lib.display());
            exit(1);
        }
    }

    let src = root.join("examples/hello.c");
    let out = profile_dir.join("examples/hello");
    let compiler = cc::Build::new()
        .target(env!("PYRITE_TARGET"))
        .host(env!("PYRITE_TARGET"))
        .opt_level(2)
        .cargo_metadata(false)
        .get_compiler();
    let status = compiler
        .to_command()
        .args(["-std=c11", "-Wall", "-Wextra"])
        .arg(format!("-I{}", root.join("include").display()))
        .arg(&src)
        .arg("-o")
        .arg(&out)
        .arg(format!("-L{}", profile_dir.display()))
        .arg("-lpyrite")
        .arg(format!("-Wl,-rpath,{}", profile_dir.display()))
        .arg("-lm")
        .status();
    match status {
        Ok(s) if s.success() => {}
        _ => {
            eprintln!("hello_c: compiling {} failed", src.display());
            exit(1);
        }
    }
    eprintln!("hello_c: built {} from {}; running it:\n", out.display(), src.display());
    let code = Command::new(&out).status().map(|s| s.code().unwrap_or(1)).unwrap_or(1);
    exit(code);
}
