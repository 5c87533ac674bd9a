//! The opcode table and the code-object side tables against CPython 3.11:
//! `dis.stack_effect` for every opcode (recorded in tests/compiler/stack_effect.txt
//! by gen_stack_effect.py), and — where python3 exists — the location and
//! exception tables of code CPython compiles from a slice of its standard
//! library: our decoders give CPython's `co_positions()`/`co_lines()`, and our
//! encoders reproduce CPython's bytes from the decoded entries.

use pyrite::compiler::opcode::{self, Op};
use pyrite::compiler::tables::*;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

#[test]
fn stack_effects_match_dis() {
    let data = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/compiler/stack_effect.txt")).unwrap();
    let mut n = 0;
    let mut seen = std::collections::HashSet::new();
    for line in data.lines() {
        let f: Vec<&str> = line.split(' ').collect();
        let op = opcode::by_name(f[0]).unwrap_or_else(|| panic!("unknown opcode {}", f[0]));
        assert!(!op.is_pseudo());
        seen.insert(op);
        let arg: u32 = f[1].parse().unwrap();
        for (i, jump) in [None, Some(true), Some(false)].into_iter().enumerate() {
            let want: i32 = f[2 + i].parse().unwrap();
            assert_eq!(op.stack_effect(arg, jump), want, "{} {} jump={:?}", f[0], arg, jump);
            n += 1;
        }
    }
    // Every real opcode of the table is one of CPython's and vice versa.
    let real: Vec<Op> = opcode::ALL.iter().copied().filter(|o| !o.is_pseudo()).collect();
    assert_eq!(real.len(), seen.len());
    assert_eq!(real.len(), 110);
    for op in real {
        assert_eq!(Op::from_byte(op.byte().unwrap()), Some(op));
        assert_eq!(op.has_arg(), op.byte().unwrap() >= opcode::HAVE_ARGUMENT, "{}", op.name());
    }
    assert!(n > 3000);
}

fn stdlib_files() -> Option<Vec<String>> {
    let out = Command::new("python3")
        .args(["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"])
        .output()
        .ok()?;
    let dir = String::from_utf8(out.stdout).ok()?.trim().to_string();
    let mut files = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(dir)];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "py") {
                files.push(p.to_string_lossy().into_owned());
            }
        }
    }
    files.sort();
    Some(files)
}

fn unhex(s: &str) -> Vec<u8> {
    if s == "-" {
        return Vec::new();
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

fn opt(v: Option<i32>) -> String {
    v.map_or("N".into(), |x| x.to_string())
}

#[test]
fn side_tables_match_cpython_on_stdlib() {
    let Some(files) = stdlib_files() else {
        println!("SKIPPED: no python3 on this machine; the side-table sweep needs it");
        return;
    };
    // Every 7th file keeps the sweep to a few seconds while covering every construct.
    let slice: Vec<&String> = files.iter().step_by(7).collect();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/compiler/gen_tables_sweep.py");
    let mut child = Command::new("python3").arg(script).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    let input: String = slice.iter().map(|f| format!("{}\n", f)).collect();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    let (mut codes, mut units_total) = (0, 0usize);
    while let Some(head) = lines.next() {
        let h: Vec<&str> = head.split(' ').collect();
        assert_eq!(h[0], "code");
        let first: i32 = h[1].parse().unwrap();
        let n_units: usize = h[2].parse().unwrap();
        let lt = unhex(h[3]);
        let et = unhex(h[4]);
        let pos_line = lines.next().unwrap();
        let lines_line = lines.next().unwrap();
        codes += 1;
        units_total += n_units;

        let ours: Vec<String> = positions(&lt, first, n_units)
            .iter()
            .map(|p| format!("{},{},{},{}", opt(p.lineno), opt(p.end_lineno), opt(p.col), opt(p.end_col)))
            .collect();
        assert_eq!(format!("pos {}", ours.join(" ")).trim_end(), pos_line.trim_end(), "co_positions, table {}", h[3]);
        let ours: Vec<String> = pyrite::compiler::tables::lines(&lt, first)
            .iter()
            .map(|(a, b, l)| format!("{},{},{}", a, b, opt(*l)))
            .collect();
        assert_eq!(format!("lines {}", ours.join(" ")).trim_end(), lines_line.trim_end(), "co_lines, table {}", h[3]);

        // Re-encoding the decoded entries reproduces CPython's bytes.
        let (entries, ok) = decode_locations(&lt, first);
        assert!(ok);
        let mut w = LocationWriter::new(first);
        for e in &entries {
            w.add(e.pos, e.end - e.start);
        }
        assert_eq!(w.out, lt, "location table re-encoding");
        let ex = decode_exceptions(&et).expect("exception table decodes");
        assert_eq!(encode_exceptions(&ex), et, "exception table re-encoding");
    }
    println!("side tables: {} code objects, {} code units from {} stdlib files match CPython", codes, units_total, slice.len());
    assert!(codes > 1000);
}
