//! Header hygiene: pyrite's headers must compile cleanly in every mode a C or
//! C++ extension might use — C99 and C11 with `-Wall -Wextra -Werror`, and
//! C++17 with `-Wall -Werror` — alone (`Python.h`) and together with the
//! satellite headers extensions include (`structmember.h`, `pythread.h`,
//! `frameobject.h`, `marshal.h`). Every `include/*.h` is also compiled on its
//! own, so a new header is checked without editing this file.
mod common;

use common::*;

/// A translation unit that uses the header a little, so unused-function and
/// inline-definition warnings have a chance to fire.
fn source(includes: &[&str]) -> String {
    let mut s = String::from("#define PY_SSIZE_T_CLEAN\n");
    for i in includes {
        s.push_str(&format!("#include <{i}>\n"));
    }
    s.push_str(
        r#"
int pyrite_header_probe(PyObject *o);
int pyrite_header_probe(PyObject *o) {
    Py_INCREF(o);
    Py_DECREF(o);
    return (int)Py_REFCNT(o) + (Py_TYPE(o) == &PyLong_Type) + (int)PyTuple_Check(o);
}
"#,
    );
    s
}

struct Mode {
    name: &'static str,
    cxx: bool,
    flags: &'static [&'static str],
}

const MODES: &[Mode] = &[
    Mode { name: "c99", cxx: false, flags: &["-std=c99", "-Wall", "-Wextra", "-Werror"] },
    Mode { name: "c11", cxx: false, flags: &["-std=c11", "-Wall", "-Wextra", "-Werror"] },
    Mode { name: "c++17", cxx: true, flags: &["-x", "c++", "-std=c++17", "-Wall", "-Wextra", "-Werror"] },
];

fn runnable(tool: &cc::Tool) -> bool {
    tool.to_command().arg("--version").output().is_ok_and(|o| o.status.success())
}

fn compile_in_all_modes(name: &str, includes: &[&str]) -> Vec<String> {
    let dir = scratch("header_compile");
    let src = dir.join(format!("{name}.c"));
    std::fs::write(&src, source(includes)).unwrap();
    let inc = format!("-I{}", root().join("include").display());
    let mut failures = Vec::new();
    for m in MODES {
        let obj = dir.join(format!("{name}-{}.o", m.name));
        let tool = if m.cxx { cxx_compiler() } else { c_compiler() };
        if m.cxx && !runnable(&tool) {
            eprintln!("SKIPPED {}: no C++ compiler ({})", m.name, tool.path().display());
            continue;
        }
        let mut args: Vec<&str> = m.flags.to_vec();
        args.extend(["-c", inc.as_str()]);
        if let Err(e) = compile(tool.to_command(), &args, &src, &obj) {
            failures.push(format!("[{} {}] {e}", name, m.name));
        }
    }
    failures
}

#[test]
fn python_h_alone() {
    let f = compile_in_all_modes("python_only", &["Python.h"]);
    assert!(f.is_empty(), "{}", f.join("\n"));
}

#[test]
fn python_h_with_satellite_headers() {
    let f = compile_in_all_modes(
        "satellites",
        &["Python.h", "structmember.h", "pythread.h", "frameobject.h", "marshal.h"],
    );
    assert!(f.is_empty(), "{}", f.join("\n"));
}

#[test]
fn every_header_on_its_own() {
    let mut headers: Vec<String> = std::fs::read_dir(root().join("include"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        // pyrite_generated.h is Python.h's own include, not for users.
        .filter(|n| n.ends_with(".h") && !n.starts_with("pyrite_"))
        .collect();
    headers.sort();
    let mut failures = Vec::new();
    for h in &headers {
        // Each header is included first, then Python.h for the probe body.
        failures.extend(compile_in_all_modes(&format!("alone_{}", h.trim_end_matches(".h")), &[h, "Python.h"]));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
