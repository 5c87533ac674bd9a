//! marshal against CPython 3.11 (src/modules/marshal.rs).
//!
//! * `cpython_cases`: tests/marshal/cases.txt (from gen_marshal_cases.py) holds
//!   CPython's bytes for ~90 values at versions 0–4 and CPython's exception for
//!   ~500 bad inputs. Every value loads; dumping it back is byte-identical for
//!   versions 0–2 and loads to the same value (checked through its version-2
//!   bytes) for 3–4, where FLAG_REF follows reference counts (the count of
//!   identical version 3–4 outputs is printed). Every bad input raises
//!   CPython's exception class and message.
//! * `stdlib_code_roundtrip`: every stdlib module CPython compiles, marshalled
//!   by CPython (versions 2 and 4), loads in pyrite (through the bytecode
//!   verifier) and dumps back byte-identical at version 2; loaded from version
//!   4 it dumps to the same version-2 bytes (the same value). Version-4 bytes
//!   themselves are rarely identical: CPython sets FLAG_REF on every object
//!   with more than one reference, and the gen script's interpreter holds
//!   extra references to interned names of the modules it has imported.
//! * `corrupted_code_never_crashes`: byte flips and truncations of real code
//!   objects are rejected with an exception CPython's marshal could raise, or
//!   load as verified code; nothing panics.
//! * `cpython_loads_pyrite_bytes`: python3 loads what pyrite dumps (every
//!   case at every version, stdlib code at version 4) to the same values.
use pyrite::modules::marshal;
use pyrite::objects::object::PyObject;
use std::path::Path;
use std::process::Command;
use std::sync::{Mutex, Once};

static INIT: Once = Once::new();
static LOCK: Mutex<()> = Mutex::new(());

fn init() -> std::sync::MutexGuard<'static, ()> {
    INIT.call_once(|| pyrite::capi::pylifecycle::Py_Initialize());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

fn unhex(s: &str) -> Vec<u8> {
    if s == "-" {
        return Vec::new();
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

/// The pending exception as (class name, message).
fn take_exception() -> (String, String) {
    let e = pyrite::runtime::errors::fetch_instance().expect("an exception is set");
    unsafe {
        let tp = (*e.as_ptr()).ob_type;
        let name = std::ffi::CStr::from_ptr((*tp).tp_name).to_string_lossy().into_owned();
        let msg = pyrite::objects::abstract_::str_string(e.as_ptr());
        (name, msg)
    }
}

fn dumps(v: *mut PyObject, version: i32) -> Vec<u8> {
    unsafe { marshal::dumps(v, version) }.unwrap_or_else(|_| panic!("dumps failed: {:?}", take_exception()))
}

#[test]
fn cpython_cases() {
    let _g = init();
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/marshal/cases.txt")).unwrap();
    let (mut ok, mut same34, mut n34, mut errs) = (0, 0, 0, 0);
    let mut v2_of: Option<Vec<u8>> = None;
    let mut failures = Vec::new();
    for line in text.lines() {
        let f: Vec<&str> = line.splitn(4, ' ').collect();
        match f[0] {
            "OK" => {
                let ver: i32 = f[1].parse().unwrap();
                let data = unhex(f[2]);
                let Ok(v) = (unsafe { marshal::loads(&data) }) else {
                    failures.push(format!("{}: loads failed: {:?}", line, take_exception()));
                    continue;
                };
                // Emulate CPython's extra reference (the value list and the
                // loop variable of the gen script) on the top-level object.
                let extra = v.clone();
                let back = dumps(v.as_ptr(), ver);
                drop(extra);
                if ver == 2 {
                    v2_of = Some(data.clone());
                }
                if ver <= 2 {
                    if back != data {
                        failures.push(format!("{}: dumps gave {}", line, hex(&back)));
                    }
                } else {
                    n34 += 1;
                    if back == data {
                        same34 += 1;
                    }
                    let again = unsafe { marshal::loads(&back) }.expect("reload");
                    if Some(dumps(again.as_ptr(), 2)) != v2_of {
                        failures.push(format!("{}: reloaded value differs", line));
                    }
                }
                ok += 1;
            }
            "ERR" => {
                let data = unhex(f[1]);
                let want: Vec<&str> = line.splitn(4, ' ').collect();
                let (cls, msg) = (want[2], want.get(3).copied().unwrap_or(""));
                match unsafe { marshal::loads(&data) } {
                    Ok(_) => failures.push(format!("{}: loaded without error", line)),
                    Err(_) => {
                        let (c, m) = take_exception();
                        if c != cls || m != msg {
                            failures.push(format!("{}: got {} {}", line, c, m));
                        }
                    }
                }
                errs += 1;
            }
            _ => {}
        }
    }
    println!(
        "marshal cases: {} values loaded and dumped, versions 3-4 byte-identical {}/{}, {} bad inputs",
        ok, same34, n34, errs
    );
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{:02x}", x)).collect()
}

/// Records of the stdlib dump: (path, v2 bytes, v4 bytes).
fn stdlib_records(limit: Option<usize>) -> Option<Vec<(String, Vec<u8>, Vec<u8>)>> {
    let out = std::env::temp_dir().join(format!("pyrite_marshal_stdlib_{}.bin", std::process::id()));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/marshal/gen_stdlib_code.py");
    let mut cmd = Command::new("python3");
    cmd.arg(&script).arg(&out);
    if let Some(l) = limit {
        cmd.arg(l.to_string());
    }
    match cmd.status() {
        Ok(s) if s.success() => {}
        _ => {
            println!("python3 not available: skipping the stdlib sweep");
            return None;
        }
    }
    let data = std::fs::read(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    let mut recs = Vec::new();
    let mut i = 0;
    let field = |i: &mut usize| {
        let n = u32::from_le_bytes(data[*i..*i + 4].try_into().unwrap()) as usize;
        *i += 4 + n;
        data[*i - n..*i].to_vec()
    };
    while i < data.len() {
        let p = String::from_utf8(field(&mut i)).unwrap();
        let v2 = field(&mut i);
        let v4 = field(&mut i);
        recs.push((p, v2, v4));
    }
    Some(recs)
}

#[test]
fn stdlib_code_roundtrip() {
    let _g = init();
    let Some(recs) = stdlib_records(None) else { return };
    let (mut same2, mut same4) = (0, 0);
    let mut failures = Vec::new();
    for (p, v2, v4) in &recs {
        for (ver, data) in [(2, v2), (4, v4)] {
            match unsafe { marshal::loads(data) } {
                Ok(code) => {
                    // The gen script's variable holds a second reference.
                    let extra = code.clone();
                    let back = dumps(code.as_ptr(), ver);
                    drop(extra);
                    if back == *data {
                        if ver == 2 {
                            same2 += 1
                        } else {
                            same4 += 1
                        }
                    } else if ver == 2 {
                        failures.push(format!("{}: version-2 bytes differ", p));
                    } else if dumps(code.as_ptr(), 2) != *v2 {
                        failures.push(format!("{}: loaded from version 4, the value differs", p));
                    }
                }
                Err(_) => failures.push(format!("{} (v{}): {:?}", p, ver, take_exception())),
            }
        }
    }
    println!(
        "stdlib code via marshal: {} modules; v2 byte-identical {}/{}; v4 byte-identical {}/{}",
        recs.len(),
        same2,
        recs.len(),
        same4,
        recs.len()
    );
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures[..failures.len().min(30)].join("\n"));
}

/// xorshift64*: deterministic mutations.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn corrupted_code_never_crashes() {
    let _g = init();
    let Some(recs) = stdlib_records(Some(150)) else { return };
    let allowed = [
        "ValueError", "EOFError", "TypeError", "UnicodeDecodeError", "SystemError", "OverflowError", "MemoryError",
    ];
    let mut rng = Rng(0x1234_5678_9abc_def1);
    let (mut rejected, mut loaded) = (0, 0);
    let mut classes = std::collections::BTreeMap::new();
    for (_, v2, v4) in &recs {
        for data in [v2, v4] {
            for _ in 0..40 {
                let mut b = data.clone();
                match rng.below(4) {
                    0 => b.truncate(rng.below(b.len())),
                    1 => {
                        for _ in 0..1 + rng.below(4) {
                            let i = rng.below(b.len());
                            b[i] = rng.next() as u8;
                        }
                    }
                    2 => {
                        let i = rng.below(b.len());
                        b[i] ^= 1 << rng.below(8);
                    }
                    _ => {
                        let i = rng.below(b.len());
                        b[i] = b[i].wrapping_add(1);
                    }
                }
                let r = std::panic::catch_unwind(|| unsafe { marshal::loads(&b).is_ok() });
                match r {
                    Ok(true) => loaded += 1,
                    Ok(false) => {
                        let (c, _) = take_exception();
                        assert!(allowed.contains(&c.as_str()), "unexpected {}", c);
                        *classes.entry(c).or_insert(0) += 1;
                        rejected += 1;
                    }
                    Err(_) => panic!("marshal.loads panicked on a corrupted input"),
                }
            }
        }
    }
    println!("corrupted code: {} rejected {:?}, {} loaded (and verified)", rejected, classes, loaded);
}

/// The other direction: CPython 3.11 loads what pyrite dumps. For every value
/// of tests/marshal/cases.txt at every version, and for every 10th stdlib
/// module's code object at version 4, pyrite's bytes go to python3, which
/// loads them and must get the value it gets from its own bytes (compared
/// through CPython's version-2 dump of each, so NaNs and code compare too).
#[test]
fn cpython_loads_pyrite_bytes() {
    let _g = init();
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/marshal/cases.txt")).unwrap();
    let mut pairs = String::new();
    let mut n = 0;
    for line in text.lines() {
        let f: Vec<&str> = line.splitn(4, ' ').collect();
        if f[0] != "OK" {
            continue;
        }
        let ver: i32 = f[1].parse().unwrap();
        let data = unhex(f[2]);
        let v = unsafe { marshal::loads(&data) }.expect("CPython's bytes load");
        pairs.push_str(&format!("{} {}\n", f[2], hex(&dumps(v.as_ptr(), ver))));
        n += 1;
    }
    if let Some(recs) = stdlib_records(None) {
        for (_, _, v4) in recs.iter().step_by(10) {
            let v = unsafe { marshal::loads(v4) }.expect("CPython's code loads");
            pairs.push_str(&format!("{} {}\n", hex(v4), hex(&dumps(v.as_ptr(), 4))));
            n += 1;
        }
    }
    let script = "import marshal, sys\n\
        bad = 0\n\
        lines = sys.stdin.read().split('\\n')\n\
        for line in lines:\n\
        \x20   if not line: continue\n\
        \x20   c, p = line.split(' ')\n\
        \x20   want = marshal.dumps(marshal.loads(bytes.fromhex(c)), 2)\n\
        \x20   try:\n\
        \x20       got = marshal.dumps(marshal.loads(bytes.fromhex(p)), 2)\n\
        \x20   except Exception as e:\n\
        \x20       got = repr(e)\n\
        \x20   if got != want:\n\
        \x20       bad += 1\n\
        \x20       print('differs:', c[:80], p[:80])\n\
        print('checked', len([l for l in lines if l]), 'bad', bad)\n";
    use std::io::Write;
    let Ok(mut child) = Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
    else {
        println!("python3 not available: skipping");
        return;
    };
    child.stdin.take().unwrap().write_all(pairs.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let report = String::from_utf8_lossy(&out.stdout).to_string();
    println!("CPython loading pyrite's marshal bytes ({n} inputs): {}", report.lines().last().unwrap_or(""));
    assert!(out.status.success(), "python3 failed: {}", String::from_utf8_lossy(&out.stderr));
    assert!(report.contains(&format!("checked {n} bad 0")), "{report}");
}
