//! Helpers shared by the integration tests that compile C: the C compiler the
//! `cc` crate picks for this target, the freshly built `libpyrite.so`, and
//! CPython 3.11's installed headers (found through `python3-config`).
//! Each test binary includes this with `mod common;` and uses what it needs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `target/<profile>` of the running test binary.
pub fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.parent().unwrap().parent().unwrap().to_path_buf()
}

/// Build the shared library once per test binary (`cargo test` does not
/// build the cdylib) and return the directory holding `libpyrite.so`.
pub fn libdir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = target_dir();
        let profile = dir.file_name().unwrap().to_string_lossy().to_string();
        let mut cmd = Command::new(env!("CARGO"));
        cmd.arg("build").arg("--lib").current_dir(root());
        if profile == "release" {
            cmd.arg("--release");
        }
        let st = cmd.status().expect("cargo build --lib");
        assert!(st.success(), "building libpyrite failed");
        dir
    })
}

/// A scratch directory under target/ for one test's generated files.
pub fn scratch(name: &str) -> PathBuf {
    let d = target_dir().join("test-scratch").join(name);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The C compiler `cc` chooses for this target.
pub fn c_compiler() -> cc::Tool {
    cc::Build::new()
        .target(env!("PYRITE_TARGET"))
        .host(env!("PYRITE_TARGET"))
        .opt_level(0)
        .cargo_metadata(false)
        .get_compiler()
}

/// The C++ compiler `cc` chooses for this target.
pub fn cxx_compiler() -> cc::Tool {
    cc::Build::new()
        .cpp(true)
        .target(env!("PYRITE_TARGET"))
        .host(env!("PYRITE_TARGET"))
        .opt_level(0)
        .cargo_metadata(false)
        .get_compiler()
}

/// `-I` flags for CPython 3.11's headers, or the reason they are unavailable
/// (`python3-config` missing or not 3.11). `PYTHON3_CONFIG` names another
/// config tool (e.g. `python3.11-config`).
pub fn cpython_includes() -> Result<Vec<String>, String> {
    let tool = std::env::var("PYTHON3_CONFIG").unwrap_or_else(|_| "python3-config".into());
    let out = Command::new(&tool)
        .arg("--includes")
        .output()
        .map_err(|e| format!("{tool} not available ({e})"))?;
    if !out.status.success() {
        return Err("python3-config --includes failed".into());
    }
    let flags: Vec<String> = String::from_utf8_lossy(&out.stdout).split_whitespace().map(String::from).collect();
    let dir = flags
        .iter()
        .find_map(|f| f.strip_prefix("-I"))
        .ok_or("python3-config printed no -I flag")?
        .to_string();
    let patchlevel = std::fs::read_to_string(Path::new(&dir).join("patchlevel.h")).map_err(|e| e.to_string())?;
    if !patchlevel.contains("#define PY_MINOR_VERSION        11") && !patchlevel.contains("#define PY_MINOR_VERSION 11")
    {
        return Err(format!("python3-config points at {dir}, which is not CPython 3.11"));
    }
    Ok(flags)
}

/// The first `-I` directory of CPython's headers.
pub fn cpython_include_dir(flags: &[String]) -> PathBuf {
    PathBuf::from(flags.iter().find_map(|f| f.strip_prefix("-I")).unwrap())
}

/// Compile `src` with `cmd` + `args`; on failure return the compiler output.
pub fn compile(mut cmd: Command, args: &[&str], src: &Path, exe: &Path) -> Result<(), String> {
    cmd.args(args).arg(src).arg("-o").arg(exe);
    let out = cmd.output().map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "compiling {} failed:\n{}{}",
            src.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// Run an executable; return stdout, or an error with both streams.
pub fn run(exe: &Path) -> Result<String, String> {
    let out = Command::new(exe).output().map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    if !out.status.success() {
        return Err(format!(
            "{} failed ({}):\n{}{}",
            exe.display(),
            out.status,
            stdout,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(stdout)
}
