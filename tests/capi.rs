//! Builds every C program in `capi-tests/` against `include/` and the library,
//! runs it, and compares its stdout with `<name>.expected` when present.
//! A second pass runs everything under `PYTHONMALLOC=debug`; a third, under
//! valgrind with `PYTHONMALLOC=malloc`, when valgrind is installed.
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Build the shared library once (cargo test does not build the cdylib).
fn libdir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let exe = std::env::current_exe().unwrap();
        let target_debug = exe.parent().unwrap().parent().unwrap().to_path_buf();
        let profile = target_debug.file_name().unwrap().to_string_lossy().to_string();
        let mut cmd = Command::new(env!("CARGO"));
        cmd.arg("build").arg("--lib").current_dir(root());
        if profile == "release" {
            cmd.arg("--release");
        }
        let st = cmd.status().expect("cargo build --lib");
        assert!(st.success(), "building libpyrite failed");
        target_debug
    })
}

fn compiler() -> cc::Tool {
    cc::Build::new()
        .target(env!("PYRITE_TARGET"))
        .host(env!("PYRITE_TARGET"))
        .opt_level(0)
        .cargo_metadata(false)
        .get_compiler()
}

/// Compile `src` into an executable linked to libpyrite; returns its path.
pub fn build_c(src: &Path, extra: &[&str], pass: &str) -> Result<PathBuf, String> {
    let lib = libdir();
    let out_dir = lib.join(format!("capi-tests-{}", pass));
    std::fs::create_dir_all(&out_dir).unwrap();
    let exe = out_dir.join(src.file_stem().unwrap());
    let mut cmd = compiler().to_command();
    cmd.arg("-std=c11")
        .arg("-Wall")
        .arg("-Wextra")
        .arg("-Wno-unused-parameter")
        .arg("-Werror=implicit-function-declaration")
        .arg("-g")
        .arg("-I")
        .arg(root().join("include"))
        .arg("-I")
        .arg(root().join("capi-tests"))
        .args(extra)
        .arg(src)
        .arg("-o")
        .arg(&exe)
        .arg(format!("-L{}", lib.display()))
        .arg("-lpyrite")
        .arg(format!("-Wl,-rpath,{}", lib.display()))
        .arg("-lm");
    let out = cmd.output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!("compile {} failed:\n{}", src.display(), String::from_utf8_lossy(&out.stderr)));
    }
    Ok(exe)
}

fn tests() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("capi-tests"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "c")
                && p.file_name().unwrap().to_string_lossy().starts_with("test_")
        })
        .collect();
    v.sort();
    v
}

fn run_one(src: &Path, pass: &str, env: &[(&str, &str)], wrapper: Option<&[&str]>) -> Result<(), String> {
    let exe = build_c(src, &[], pass)?;
    let mut cmd = match wrapper {
        Some(w) => {
            let mut c = Command::new(w[0]);
            c.args(&w[1..]).arg(&exe);
            c
        }
        None => Command::new(&exe),
    };
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(format!("{} failed ({}):\n{}{}", src.display(), out.status, stdout, stderr));
    }
    let expected = src.with_extension("expected");
    if expected.exists() {
        let want = std::fs::read_to_string(&expected).unwrap();
        if want != stdout {
            return Err(format!("{}: output differs\n--- want\n{}--- got\n{}", src.display(), want, stdout));
        }
    }
    Ok(())
}

fn run_all(pass: &str, env: &[(&str, &str)], wrapper: Option<&[&str]>) {
    let srcs = tests();
    assert!(!srcs.is_empty());
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = srcs
            .iter()
            .map(|src| s.spawn(move || run_one(src, pass, env, wrapper)))
            .collect();
        handles.into_iter().filter_map(|h| h.join().unwrap().err()).collect()
    });
    assert!(failures.is_empty(), "{} of {} C tests failed:\n{}", failures.len(), srcs.len(), failures.join("\n"));
}

#[test]
fn capi_tests() {
    run_all("plain", &[], None);
}

#[test]
fn capi_tests_debug_allocator() {
    run_all("debug", &[("PYTHONMALLOC", "debug")], None);
}

#[test]
fn capi_tests_valgrind() {
    if Command::new("valgrind").arg("--version").output().is_err() {
        eprintln!("valgrind not installed: skipped");
        return;
    }
    run_all(
        "valgrind",
        &[("PYTHONMALLOC", "malloc")],
        Some(&["valgrind", "-q", "--error-exitcode=99", "--leak-check=no", "--track-origins=no"]),
    );
}
