//! The `_io` module against CPython 3.11 (src/modules/io/).
//!
//! tests/io/cases.txt is a list of one-line Python statements over `_io`'s
//! names (files in a temporary directory, every mode, text/binary round
//! trips, newline handling, tell/seek cookies, encodings, errors, the
//! in-memory streams and the abstract bases). gen_io_cases.py runs them
//! under CPython and records each result's repr (or `!Type: message`) in
//! cases.expected; this test runs the same lines through pyrite's `_io` with
//! a small evaluator for the subset of Python the lines use (literals, names,
//! calls with keywords, attributes, `[n]`, `[:n]`, `is`, `>`, `* n`,
//! assignment, `del`)
//! and compares line by line.
use pyrite::objects::object::PyObject;
use pyrite::objects::pyref::Owned;
use pyrite::objects::{self as o};
use pyrite::runtime::errors::{self, PyResult};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, Once};

static INIT: Once = Once::new();
static LOCK: Mutex<()> = Mutex::new(());

fn init() -> std::sync::MutexGuard<'static, ()> {
    INIT.call_once(|| pyrite::capi::pylifecycle::Py_Initialize());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

// ---------------------------------------------------------------- tokens

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Name(String),
    Str(String),
    Bytes(Vec<u8>),
    Int(i64),
    Float(f64),
    Punct(&'static str),
}

fn hexval(s: &str) -> u32 {
    u32::from_str_radix(s, 16).expect("hex escape")
}

fn lex(line: &str) -> Vec<Tok> {
    let cs: Vec<char> = line.chars().collect();
    let mut i = 0;
    let mut out = Vec::new();
    while i < cs.len() {
        let c = cs[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '"' || c == '\'' || ((c == 'b') && i + 1 < cs.len() && (cs[i + 1] == '"' || cs[i + 1] == '\'')) {
            let is_bytes = c == 'b';
            if is_bytes {
                i += 1;
            }
            let q = cs[i];
            i += 1;
            let mut v: Vec<u32> = Vec::new();
            while cs[i] != q {
                if cs[i] == '\\' {
                    i += 1;
                    let e = cs[i];
                    i += 1;
                    match e {
                        'n' => v.push(10),
                        'r' => v.push(13),
                        't' => v.push(9),
                        '0' => v.push(0),
                        '\\' | '\'' | '"' => v.push(e as u32),
                        'x' => {
                            v.push(hexval(&cs[i..i + 2].iter().collect::<String>()));
                            i += 2;
                        }
                        'u' => {
                            v.push(hexval(&cs[i..i + 4].iter().collect::<String>()));
                            i += 4;
                        }
                        'U' => {
                            v.push(hexval(&cs[i..i + 8].iter().collect::<String>()));
                            i += 8;
                        }
                        _ => panic!("escape \\{}", e),
                    }
                } else {
                    v.push(cs[i] as u32);
                    i += 1;
                }
            }
            i += 1;
            if is_bytes {
                out.push(Tok::Bytes(v.iter().map(|&c| c as u8).collect()));
            } else {
                out.push(Tok::Str(v.iter().map(|&c| char::from_u32(c).expect("char")).collect()));
            }
        } else if c.is_ascii_digit() || (c == '-' && i + 1 < cs.len() && cs[i + 1].is_ascii_digit()) {
            let st = i;
            i += 1;
            while i < cs.len() && (cs[i].is_ascii_digit() || cs[i] == '.') {
                i += 1;
            }
            let s: String = cs[st..i].iter().collect();
            if s.contains('.') {
                out.push(Tok::Float(s.parse().expect("float")));
            } else {
                out.push(Tok::Int(s.parse().expect("int")));
            }
        } else if c.is_alphabetic() || c == '_' {
            let st = i;
            while i < cs.len() && (cs[i].is_alphanumeric() || cs[i] == '_') {
                i += 1;
            }
            out.push(Tok::Name(cs[st..i].iter().collect()));
        } else {
            let p = match c {
                '(' => "(",
                ')' => ")",
                '[' => "[",
                ']' => "]",
                ',' => ",",
                '.' => ".",
                ':' => ":",
                '=' => "=",
                '>' => ">",
                '*' => "*",
                _ => panic!("unexpected {:?} in {}", c, line),
            };
            out.push(Tok::Punct(p));
            i += 1;
        }
    }
    out
}

// ---------------------------------------------------------------- evaluator

struct Env {
    vars: HashMap<String, Owned>,
    module: Owned,
    tmp: String,
}

struct Parser<'a> {
    t: &'a [Tok],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.t.get(self.i)
    }
    fn eat(&mut self, p: &str) -> bool {
        if let Some(Tok::Punct(q)) = self.peek() {
            if *q == p {
                self.i += 1;
                return true;
            }
        }
        false
    }
}

fn s(v: &str) -> PyResult<Owned> {
    o::unicodeobject::from_str(v)
}

unsafe fn helper(env: &Env, name: &str, args: &[Owned]) -> PyResult<Option<Owned>> {
    unsafe {
        let path_of = |a: &Owned| o::unicodeobject::as_str(a.as_ptr()).map(|x| x.to_string());
        Ok(Some(match name {
            "P" => s(&format!("{}/{}", env.tmp, o::unicodeobject::as_str(args[0].as_ptr())?))?,
            "rawfile" => o::bytesobject::from_slice(&std::fs::read(path_of(&args[0])?).expect("rawfile"))?,
            "writefile" => {
                let d = o::bytesobject::as_slice(args[1].as_ptr());
                std::fs::write(path_of(&args[0])?, d).expect("writefile");
                o::longobject::from_i64(d.len() as i64)?
            }
            "bytearray" => {
                if o::longobject::is_long(args[0].as_ptr()) {
                    o::bytearrayobject::new_sized(o::longobject::as_i64(args[0].as_ptr()).expect("size") as isize)?
                } else {
                    o::bytearrayobject::from_slice(o::bytesobject::as_slice(args[0].as_ptr()))?
                }
            }
            "bytes" => {
                let v = o::buffer::get_contiguous_bytes(args[0].as_ptr()).expect("buffer")?;
                o::bytesobject::from_slice(&v)?
            }
            "memoryview" => o::memoryobject::from_object(args[0].as_ptr())?,
            "big" => {
                let n = o::longobject::as_i64(args[0].as_ptr()).expect("size");
                let text: String = (0..n).map(|i| if i % 7 == 0 { 'é' } else if i % 11 == 0 { '\n' } else { (b'a' + (i % 26) as u8) as char }).collect();
                s(&text)?
            }
            "pipe" => {
                let mut fds = [0i32; 2];
                assert_eq!(libc::pipe(fds.as_mut_ptr()), 0);
                let (r, w) = (o::longobject::from_i64(fds[0] as i64)?, o::longobject::from_i64(fds[1] as i64)?);
                o::tupleobject::pack(&[r.as_ptr(), w.as_ptr()])?
            }
            "list" => o::listobject::from_owned(o::abstract_::collect(args[0].as_ptr())?)?,
            "tuple" => o::tupleobject::from_owned(o::abstract_::collect(args[0].as_ptr())?)?,
            "len" => o::longobject::from_i64(o::abstract_::length(args[0].as_ptr())? as i64)?,
            "next" => {
                let it = o::abstract_::get_iter(args[0].as_ptr())?;
                match o::abstract_::iter_next(it.as_ptr())? {
                    Some(v) => v,
                    None => return Err(errors::stop_iteration()),
                }
            }
            _ => return Ok(None),
        }))
    }
}

unsafe fn parse_args(env: &mut Env, p: &mut Parser) -> PyResult<(Vec<Owned>, Vec<(String, Owned)>)> {
    unsafe {
        let mut pos = Vec::new();
        let mut kw = Vec::new();
        while !p.eat(")") {
            if let (Some(Tok::Name(n)), Some(Tok::Punct("="))) = (p.t.get(p.i), p.t.get(p.i + 1)) {
                let n = n.clone();
                p.i += 2;
                kw.push((n, expr(env, p)?));
            } else {
                pos.push(expr(env, p)?);
            }
            p.eat(",");
        }
        Ok((pos, kw))
    }
}

unsafe fn call(f: *mut PyObject, pos: &[Owned], kw: &[(String, Owned)]) -> PyResult<Owned> {
    unsafe {
        let ptrs: Vec<*mut PyObject> = pos.iter().map(|a| a.as_ptr()).collect();
        let args = o::tupleobject::pack(&ptrs)?;
        let kwd = if kw.is_empty() {
            None
        } else {
            let d = o::dictobject::new_dict()?;
            for (k, v) in kw {
                o::dictobject::set_item_str(d.as_ptr(), k, v.as_ptr())?;
            }
            Some(d)
        };
        o::abstract_::call(f, args.as_ptr(), kwd.as_ref().map_or(core::ptr::null_mut(), |d| d.as_ptr()))
    }
}

unsafe fn primary(env: &mut Env, p: &mut Parser) -> PyResult<Owned> {
    unsafe {
        let t = p.peek().cloned().expect("token");
        p.i += 1;
        let mut v = match t {
            Tok::Str(x) => s(&x)?,
            Tok::Bytes(b) => o::bytesobject::from_slice(&b)?,
            Tok::Int(n) => o::longobject::from_i64(n)?,
            Tok::Float(f) => o::floatobject::from_f64(f)?,
            Tok::Punct("[") => {
                let mut items = Vec::new();
                while !p.eat("]") {
                    items.push(expr(env, p)?);
                    p.eat(",");
                }
                o::listobject::from_owned(items)?
            }
            Tok::Punct("(") => {
                let mut items = Vec::new();
                while !p.eat(")") {
                    items.push(expr(env, p)?);
                    p.eat(",");
                }
                o::tupleobject::from_owned(items)?
            }
            Tok::Name(n) => match n.as_str() {
                "None" => o::noneobject::none(),
                "True" => o::boolobject::owned_bool(true),
                "False" => o::boolobject::owned_bool(false),
                _ => {
                    if p.eat("(") {
                        let (pos, kw) = parse_args(env, p)?;
                        match helper(env, &n, &pos)? {
                            Some(r) => r,
                            None => {
                                let f = o::abstract_::getattr_str(env.module.as_ptr(), &n)?;
                                call(f.as_ptr(), &pos, &kw)?
                            }
                        }
                    } else if let Some(v) = env.vars.get(&n) {
                        v.clone()
                    } else {
                        o::abstract_::getattr_str(env.module.as_ptr(), &n)?
                    }
                }
            },
            other => panic!("unexpected token {:?}", other),
        };
        loop {
            if p.eat(".") {
                let Some(Tok::Name(attr)) = p.peek().cloned() else { panic!("attribute name") };
                p.i += 1;
                if p.eat("(") {
                    let (pos, kw) = parse_args(env, p)?;
                    let m = o::abstract_::getattr_str(v.as_ptr(), &attr)?;
                    v = call(m.as_ptr(), &pos, &kw)?;
                } else {
                    v = o::abstract_::getattr_str(v.as_ptr(), &attr)?;
                }
            } else if p.eat("[") {
                if let Some(Tok::Int(n)) = p.peek().cloned() {
                    p.i += 1;
                    assert!(p.eat("]"));
                    v = o::abstract_::sequence_get_item(v.as_ptr(), n as isize)?;
                    continue;
                }
                assert!(p.eat(":"), "only [n] and [:n]");
                let Some(Tok::Int(n)) = p.peek().cloned() else { panic!("slice bound") };
                p.i += 1;
                assert!(p.eat("]"));
                v = o::abstract_::sequence_get_slice(v.as_ptr(), 0, n as isize)?;
            } else {
                return Ok(v);
            }
        }
    }
}

unsafe fn expr(env: &mut Env, p: &mut Parser) -> PyResult<Owned> {
    unsafe {
        let a = primary(env, p)?;
        if let Some(Tok::Name(n)) = p.peek() {
            if n == "is" {
                p.i += 1;
                let b = primary(env, p)?;
                return Ok(o::boolobject::owned_bool(a.as_ptr() == b.as_ptr()));
            }
        }
        if p.eat("*") {
            let Some(Tok::Int(n)) = p.peek().cloned() else { panic!("repeat count") };
            p.i += 1;
            return o::abstract_::sequence_repeat(a.as_ptr(), n as isize);
        }
        if p.eat(">") {
            let b = primary(env, p)?;
            return o::abstract_::rich_compare(a.as_ptr(), b.as_ptr(), pyrite::objects::object::Py_GT);
        }
        Ok(a)
    }
}

/// Run one statement; the line printed for it.
unsafe fn run_line(env: &mut Env, line: &str) -> String {
    unsafe {
        let toks = lex(line);
        let r: PyResult<String> = (|| {
            if let Some(Tok::Name(n)) = toks.first() {
                if n == "del" {
                    let Some(Tok::Name(v)) = toks.get(1) else { panic!("del target") };
                    env.vars.remove(v);
                    return Ok("ok".to_string());
                }
                if toks.get(1) == Some(&Tok::Punct("=")) {
                    let mut p = Parser { t: &toks[2..], i: 0 };
                    let v = expr(env, &mut p)?;
                    env.vars.insert(n.clone(), v);
                    return Ok("ok".to_string());
                }
            }
            let mut p = Parser { t: &toks, i: 0 };
            let v = expr(env, &mut p)?;
            assert_eq!(p.i, toks.len(), "trailing tokens in {}", line);
            o::abstract_::repr_string_checked(v.as_ptr())
        })();
        let text = match r {
            Ok(s) => s,
            Err(_) => {
                let e = errors::fetch_instance().expect("an exception is set");
                let name = o::typeobject::short_name((*e.as_ptr()).ob_type);
                let msg = o::abstract_::str_string(e.as_ptr());
                format!("!{}: {}", name, msg)
            }
        };
        text.replace(&env.tmp, "TMP")
    }
}

#[test]
fn cpython_cases() {
    let _g = init();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/io");
    let cases = std::fs::read_to_string(dir.join("cases.txt")).unwrap();
    let expected = std::fs::read_to_string(dir.join("cases.expected")).unwrap();
    let tmp = std::env::temp_dir().join(format!("pyrite-io-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let init_fn = pyrite::modules::find_builtin("_io").expect("_io is a built-in module");
    let module = unsafe { Owned::from_raw(init_fn()) }.expect("_io initialises");
    let mut env = Env { vars: HashMap::new(), module, tmp: tmp.to_string_lossy().into_owned() };
    let want: HashMap<usize, &str> = expected
        .lines()
        .map(|l| {
            let (n, r) = l.split_once(": ").unwrap();
            (n.parse().unwrap(), r)
        })
        .collect();
    let mut failures = Vec::new();
    let mut n = 0;
    for (i, line) in cases.split('\n').enumerate() {
        let s = line.trim();
        if s.is_empty() || s.starts_with('#') {
            continue;
        }
        n += 1;
        let got = unsafe { run_line(&mut env, s) };
        let w = want.get(&(i + 1)).copied().unwrap_or("<missing>");
        if got != w {
            failures.push(format!("line {}: {}\n   want: {}\n    got: {}", i + 1, s, w, got));
        }
    }
    env.vars.clear();
    let _ = std::fs::remove_dir_all(&tmp);
    println!("{} of {} cases agree with CPython", n - failures.len(), n);
    assert!(failures.is_empty(), "{} of {} cases differ:\n{}", failures.len(), n, failures.join("\n"));
}

fn unhex(s: &str) -> Vec<u8> {
    if s == "-" {
        return Vec::new();
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

fn hex_of_str(op: *mut PyObject) -> String {
    let b = unsafe {
        o::unicode_codecs::encode(op, o::unicode_codecs::Codec::Utf8, "surrogatepass").expect("utf-8 of a str")
    };
    if b.is_empty() {
        return "-".to_string();
    }
    b.iter().map(|x| format!("{:02x}", x)).collect()
}

/// Replay one tell_cases.txt line; Err(description) on any difference.
unsafe fn tell_case(module: *mut PyObject, line: &str) -> Result<(), String> {
    unsafe {
        let f: Vec<&str> = line.split('|').collect();
        let (enc, nl, cs, style, data) = (f[0], f[1], f[2], f[3], unhex(f[4]));
        let want_cookies: Vec<&str> = f[5].split(',').collect();
        let want_pieces: Vec<&str> = f[6].split(',').collect();
        let want_rests: Vec<&str> = f[7].split(',').collect();
        let r: PyResult<Result<(), String>> = (|| {
            let b = o::bytesobject::from_slice(&data)?;
            let bio = call(o::abstract_::getattr_str(module, "BytesIO")?.as_ptr(), &[b], &[])?;
            let nlo = match nl {
                "N" => o::noneobject::none(),
                h => s(std::str::from_utf8(&unhex(h)).unwrap())?,
            };
            let tw = o::abstract_::getattr_str(module, "TextIOWrapper")?;
            let t = call(tw.as_ptr(), &[bio], &[("encoding".into(), s(enc)?), ("newline".into(), nlo)])?;
            let csv = o::longobject::from_i64(cs.parse().unwrap())?;
            o::abstract_::setattr(t.as_ptr(), s("_CHUNK_SIZE")?.as_ptr(), csv.as_ptr())?;
            let one = o::longobject::from_i64(1)?;
            let mut cookies = Vec::new();
            let mut cookie_objs = Vec::new();
            let mut pieces = Vec::new();
            loop {
                let c = o::abstract_::call_method(t.as_ptr(), "tell", &[])?;
                cookies.push(o::longobject::to_decimal_string(c.as_ptr())?);
                cookie_objs.push(c);
                let p = if style == "c" {
                    o::abstract_::call_method(t.as_ptr(), "read", &[one.as_ptr()])?
                } else {
                    o::abstract_::call_method(t.as_ptr(), "readline", &[])?
                };
                pieces.push(hex_of_str(p.as_ptr()));
                if o::unicodeobject::len(p.as_ptr()) == 0 || pieces.len() > 1000 {
                    break;
                }
            }
            if cookies != want_cookies || pieces != want_pieces {
                return Ok(Err(format!("cookies {:?}\n pieces {:?}", cookies, pieces)));
            }
            let mut rests = Vec::new();
            for c in &cookie_objs {
                o::abstract_::call_method(t.as_ptr(), "seek", &[c.as_ptr()])?;
                let r = o::abstract_::call_method(t.as_ptr(), "read", &[])?;
                rests.push(hex_of_str(r.as_ptr()));
            }
            if rests != want_rests {
                return Ok(Err(format!("rests {:?}", rests)));
            }
            Ok(Ok(()))
        })();
        match r {
            Ok(x) => x,
            Err(_) => {
                let e = errors::fetch_instance().expect("an exception is set");
                Err(format!("raised {}", o::abstract_::str_string(e.as_ptr())))
            }
        }
    }
}

#[test]
fn tell_seek_cookies() {
    let _g = init();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/io");
    let cases = std::fs::read_to_string(dir.join("tell_cases.txt")).unwrap();
    let init_fn = pyrite::modules::find_builtin("_io").expect("_io is a built-in module");
    let module = unsafe { Owned::from_raw(init_fn()) }.expect("_io initialises");
    let mut failures = Vec::new();
    let mut n = 0;
    for line in cases.lines() {
        n += 1;
        if let Err(e) = unsafe { tell_case(module.as_ptr(), line) } {
            failures.push(format!("{}\n  -> {}", &line[..line.len().min(200)], e));
        }
    }
    println!("{} of {} tell/seek cases agree with CPython", n - failures.len(), n);
    assert!(failures.is_empty(), "{} of {} differ:\n{}", failures.len(), n, failures[..failures.len().min(10)].join("\n"));
}

/// `io::std_stream` builds the standard streams as CPython does (compared
/// with std_streams.expected, CPython's own under LC_ALL=C).
#[test]
fn std_streams_match_cpython() {
    let _g = init();
    // SAFETY: tests in this binary hold LOCK; nothing else reads the environment now.
    unsafe { std::env::set_var("LC_ALL", "C") };
    let want = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/io/std_streams.expected")).unwrap();
    let mut got = String::new();
    for (fd, write, lb) in [(0, false, false), (1, true, false), (2, true, true)] {
        let s = pyrite::modules::io::std_stream(fd, write, lb).expect("std_stream");
        unsafe {
            let attr = |o_: *mut PyObject, n: &str| o::abstract_::getattr_str(o_, n).expect(n);
            let r = |v: *mut PyObject| o::abstract_::repr_string(v);
            let st = |v: *mut PyObject| o::abstract_::str_string(v);
            let buf = attr(s.as_ptr(), "buffer");
            let raw = attr(buf.as_ptr(), "raw");
            got.push_str(&format!(
                "{} {} {} {} {} {} {} {}\n",
                r(s.as_ptr()),
                st(attr(s.as_ptr(), "encoding").as_ptr()),
                st(attr(s.as_ptr(), "errors").as_ptr()),
                r(attr(s.as_ptr(), "line_buffering").as_ptr()),
                r(attr(s.as_ptr(), "write_through").as_ptr()),
                r(buf.as_ptr()),
                r(raw.as_ptr()),
                r(attr(raw.as_ptr(), "closefd").as_ptr()),
            ));
        }
    }
    unsafe { std::env::remove_var("LC_ALL") };
    assert_eq!(got, want);
}

/// Every method of every `_io` type, on fresh, uninitialised, detached and
/// closed objects, with arguments of every kind: each call returns or raises
/// an ordinary exception — never SystemError (a caught panic) or a crash.
#[test]
fn no_panic_on_bad_input() {
    let _g = init();
    let tmp = std::env::temp_dir().join(format!("pyrite-io-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let path = tmp.join("f.bin");
    std::fs::write(&path, b"line\r\nline2\rline3\nend").unwrap();
    let init_fn = pyrite::modules::find_builtin("_io").expect("_io");
    let module = unsafe { Owned::from_raw(init_fn()) }.expect("_io initialises");
    let m = module.as_ptr();
    let mut calls = 0;
    let mut system_errors = Vec::new();
    unsafe {
        let p = s(path.to_str().unwrap()).unwrap();
        let get = |n: &str| o::abstract_::getattr_str(m, n).unwrap();
        let mk = |what: &str| -> Vec<Owned> {
            let mut v = Vec::new();
            let raw = |mode: &str| call(get("FileIO").as_ptr(), &[p.clone(), s(mode).unwrap()], &[]).unwrap();
            let bio = || call(get("BytesIO").as_ptr(), &[o::bytesobject::from_slice(b"ab\r\ncd\nef").unwrap()], &[]).unwrap();
            match what {
                "FileIO" => v.push(raw("r+")),
                "BytesIO" => v.push(bio()),
                "StringIO" => v.push(call(get("StringIO").as_ptr(), &[s("ab\r\ncd\r").unwrap()], &[]).unwrap()),
                "BufferedReader" | "BufferedWriter" | "BufferedRandom" => {
                    v.push(call(get(what).as_ptr(), &[raw("r+")], &[]).unwrap());
                    v.push(call(get(what).as_ptr(), &[bio()], &[]).unwrap());
                }
                "BufferedRWPair" => v.push(call(get(what).as_ptr(), &[bio(), bio()], &[]).unwrap()),
                "TextIOWrapper" => {
                    for nl in [None, Some(""), Some("\r")] {
                        let nlo = nl.map_or_else(o::noneobject::none, |x| s(x).unwrap());
                        v.push(call(get(what).as_ptr(), &[bio()], &[("newline".into(), nlo)]).unwrap());
                    }
                    let b = call(get("BufferedRandom").as_ptr(), &[raw("r+")], &[]).unwrap();
                    v.push(call(get(what).as_ptr(), &[b], &[("encoding".into(), s("utf-16").unwrap())]).unwrap());
                }
                "IncrementalNewlineDecoder" => {
                    v.push(call(get(what).as_ptr(), &[o::noneobject::none(), o::longobject::from_i64(1).unwrap()], &[]).unwrap())
                }
                _ => v.push(call(get(what).as_ptr(), &[], &[]).unwrap()),
            }
            // An uninitialised instance (tp_new only).
            let tp = get(what);
            let tpp = tp.as_ptr() as *mut pyrite::objects::object::PyTypeObject;
            let empty = o::tupleobject::new_empty().unwrap();
            v.push(Owned::from_raw(((*tpp).tp_new.unwrap())(tpp, empty.as_ptr(), core::ptr::null_mut())).unwrap());
            v
        };
        let args: Vec<Vec<Owned>> = vec![
            vec![],
            vec![o::noneobject::none()],
            vec![o::longobject::from_i64(-1).unwrap()],
            vec![o::longobject::from_i64(0).unwrap()],
            vec![o::longobject::from_i64(3).unwrap()],
            vec![o::longobject::from_i64(i64::MAX).unwrap()],
            vec![o::longobject::from_i64(1).unwrap(), o::longobject::from_i64(7).unwrap()],
            vec![o::floatobject::from_f64(1.5).unwrap()],
            vec![s("x\r\ny").unwrap()],
            vec![o::bytesobject::from_slice(b"xy\r").unwrap()],
            vec![o::bytearrayobject::new_sized(4).unwrap()],
            vec![o::tupleobject::pack(&[]).unwrap()],
            vec![o::listobject::from_owned(vec![s("a").unwrap()]).unwrap()],
        ];
        let types = [
            "_IOBase", "_RawIOBase", "_BufferedIOBase", "_TextIOBase", "FileIO", "BytesIO", "StringIO", "BufferedReader",
            "BufferedWriter", "BufferedRandom", "BufferedRWPair", "TextIOWrapper", "IncrementalNewlineDecoder",
        ];
        for round in 0..2 {
            for tn in types {
                for obj in mk(tn) {
                    let names = o::abstract_::collect(o::abstract_::dir(obj.as_ptr()).unwrap().as_ptr()).unwrap();
                    let mut names: Vec<String> = names.iter().map(|n| o::unicodeobject::to_string_lossy(n.as_ptr())).collect();
                    // Round 1 runs the closing methods first, so everything else meets a closed object.
                    if round == 1 {
                        names.sort_by_key(|n| !(n == "close" || n == "detach"));
                    }
                    for name in names {
                        if name.starts_with("__") && !matches!(name.as_str(), "__next__" | "__enter__" | "__exit__" | "__setstate__" | "__getstate__" | "__sizeof__") {
                            continue;
                        }
                        let Ok(meth) = o::abstract_::getattr_str(obj.as_ptr(), &name) else {
                            errors::clear();
                            continue;
                        };
                        for a in &args {
                            calls += 1;
                            if call(meth.as_ptr(), a, &[]).is_err() {
                                let e = errors::fetch_instance().expect("an exception is set");
                                if (*e.as_ptr()).ob_type as *mut PyObject == o::exceptions::PyExc_SystemError {
                                    system_errors.push(format!("{}.{}{:?}: {}", tn, name, a.len(), o::abstract_::str_string(e.as_ptr())));
                                }
                            }
                        }
                    }
                    let _ = o::abstract_::repr(obj.as_ptr());
                    errors::clear();
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    println!("{} calls", calls);
    assert!(system_errors.is_empty(), "{}", system_errors.join("\n"));
}

/// Running every differential case again leaves no objects behind: the
/// count of live objects after a second and a third run is the same.
#[test]
fn no_leaks() {
    let _g = init();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/io");
    let cases = std::fs::read_to_string(dir.join("cases.txt")).unwrap();
    let tmp = std::env::temp_dir().join(format!("pyrite-io-leak-{}", std::process::id()));
    let init_fn = pyrite::modules::find_builtin("_io").expect("_io");
    let module = unsafe { Owned::from_raw(init_fn()) }.expect("_io initialises");
    let mut env = Env { vars: HashMap::new(), module, tmp: tmp.to_string_lossy().into_owned() };
    let mut counts = Vec::new();
    for _ in 0..3 {
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(&tmp).unwrap();
        for line in cases.split('\n') {
            let s = line.trim();
            if !s.is_empty() && !s.starts_with('#') {
                unsafe { run_line(&mut env, s) };
            }
        }
        env.vars.clear();
        counts.push(pyrite::objects::pyref::live_objects());
    }
    let _ = std::fs::remove_dir_all(&tmp);
    assert_eq!(counts[1], counts[2], "live objects after runs: {:?}", counts);
}
