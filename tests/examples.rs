//! Every C example in `examples/` is built against `include/` and the library
//! and run (STYLE.md habit 10); its stdout must equal `<name>.expected` beside
//! it — output recorded from the same program built against CPython 3.11.
mod common;

use common::*;
use std::path::Path;

fn build_and_run(src: &Path) -> Result<(), String> {
    let lib = libdir();
    let exe = scratch("examples").join(src.file_stem().unwrap());
    let mut cmd = c_compiler().to_command();
    // Examples must compile without a single warning.
    cmd.args(["-std=c11", "-Wall", "-Wextra", "-Werror"])
        .arg(format!("-I{}", root().join("include").display()))
        .arg(src)
        .arg("-o")
        .arg(&exe)
        .arg(format!("-L{}", lib.display()))
        .arg("-lpyrite")
        .arg(format!("-Wl,-rpath,{}", lib.display()))
        .arg("-lm");
    let out = cmd.output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!("compiling {} failed:\n{}", src.display(), String::from_utf8_lossy(&out.stderr)));
    }
    let stdout = run(&exe)?;
    let expected = src.with_extension("expected");
    if expected.exists() {
        let want = std::fs::read_to_string(&expected).unwrap();
        if want != stdout {
            return Err(format!("{}: output differs\n--- want\n{want}--- got\n{stdout}", src.display()));
        }
    }
    Ok(())
}

#[test]
fn c_examples_build_and_run() {
    let mut srcs: Vec<_> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "c"))
        .collect();
    srcs.sort();
    assert!(!srcs.is_empty(), "no examples/*.c");
    let failures: Vec<String> = srcs.iter().filter_map(|s| build_and_run(s).err()).collect();
    assert!(failures.is_empty(), "{} of {} examples failed:\n{}", failures.len(), srcs.len(), failures.join("\n"));
}
