//! The `marshal` module (CPython's `Python/marshal.c`): CPython 3.11's
//! serialization format, versions 0–4, for plain data and code objects.
//!
//! Design note.
//! * Byte-for-byte CPython's format: one type byte per object (bit 7 =
//!   FLAG_REF: the object is remembered and later `TYPE_REF n` names it),
//!   little-endian 4-byte longs, ints that fit 32 bits as TYPE_INT and larger
//!   ones as 15-bit digits, binary floats from version 2 (`%.17g` text before),
//!   interned/ASCII/short string forms and small tuples from version 4 (refs
//!   from version 3), set items sorted by their own marshalled bytes (3.11's
//!   reproducible-pyc rule), and TYPE_CODE in 3.11's field order. Because our
//!   bytecode is CPython's, `.pyc` files and `marshal.dumps(code)` from
//!   CPython load here; every loaded code object passes the verifier
//!   (`objects::codeobject::new_code`).
//! * FLAG_REF is decided as CPython does: only for objects with more than one
//!   reference at dump time. Version 2 output (no refs) is byte-identical to
//!   CPython's; for versions 3–4 bytes are identical whenever the reference
//!   counts of the dumped objects agree with CPython's, which the test checks
//!   on data where they do (refcounts of shared constants in code objects
//!   are an implementation detail and may differ; the loaded values are equal).
//! * Errors as CPython's: EOFError "EOF read where object expected" /
//!   "marshal data too short" / "EOF read where not expected" (files),
//!   ValueError "bad marshal data (…)", "recursion limit exceeded" (reading
//!   deeper than 2000), "object too deeply nested to marshal" and
//!   "unmarshallable object" (writing), TypeError "NULL object in marshal data
//!   for …". Nesting runs on a grown stack (`stacker`), so 2000 levels never
//!   overflow a small thread stack.
//!
//! Known gaps: `load` reads from files through `readinto` one object at a
//! time exactly like CPython, but the `FILE*` C API reads through stdio
//! without CPython's buffering tricks (same results).
use crate::objects::object::*;
use crate::objects::pyref::*;
use crate::objects::{self as o, codeobject};
use crate::runtime::errors::{self, PyResult};
use crate::runtime::ffi::guard_obj;
use core::ptr::null_mut;
use libc::c_void;
use std::collections::HashMap;

/// `marshal.version`.
pub const Py_MARSHAL_VERSION: i32 = 4;
/// CPython's MAX_MARSHAL_STACK_DEPTH.
const MAX_DEPTH: u32 = 2000;

const TYPE_NULL: u8 = b'0';
const TYPE_NONE: u8 = b'N';
const TYPE_FALSE: u8 = b'F';
const TYPE_TRUE: u8 = b'T';
const TYPE_STOPITER: u8 = b'S';
const TYPE_ELLIPSIS: u8 = b'.';
const TYPE_INT: u8 = b'i';
const TYPE_INT64: u8 = b'I';
const TYPE_FLOAT: u8 = b'f';
const TYPE_BINARY_FLOAT: u8 = b'g';
const TYPE_COMPLEX: u8 = b'x';
const TYPE_BINARY_COMPLEX: u8 = b'y';
const TYPE_LONG: u8 = b'l';
const TYPE_STRING: u8 = b's';
const TYPE_INTERNED: u8 = b't';
const TYPE_REF: u8 = b'r';
const TYPE_TUPLE: u8 = b'(';
const TYPE_LIST: u8 = b'[';
const TYPE_DICT: u8 = b'{';
const TYPE_CODE: u8 = b'c';
const TYPE_UNICODE: u8 = b'u';
const TYPE_UNKNOWN: u8 = b'?';
const TYPE_SET: u8 = b'<';
const TYPE_FROZENSET: u8 = b'>';
const TYPE_ASCII: u8 = b'a';
const TYPE_ASCII_INTERNED: u8 = b'A';
const TYPE_SMALL_TUPLE: u8 = b')';
const TYPE_SHORT_ASCII: u8 = b'z';
const TYPE_SHORT_ASCII_INTERNED: u8 = b'Z';
const FLAG_REF: u8 = 0x80;

const SIZE32_MAX: i64 = 0x7FFF_FFFF;

/// Stack kept free before recursing, and the size of each new segment.
const RED_ZONE: usize = 64 * 1024;
const STACK_SEGMENT: usize = 1024 * 1024;

// ---------------------------------------------------------------------------
// Writing

enum WErr {
    Unmarshallable,
    TooDeep,
    Raised(errors::Raised),
}

impl From<errors::Raised> for WErr {
    fn from(e: errors::Raised) -> WErr {
        WErr::Raised(e)
    }
}

struct Writer {
    out: Vec<u8>,
    version: i32,
    depth: u32,
    /// Objects written with FLAG_REF: address → reference index. The objects
    /// are kept alive in `keep` so an address cannot be reused meanwhile.
    refs: HashMap<usize, u32>,
    keep: Vec<Owned>,
}

impl Writer {
    fn byte(&mut self, b: u8) {
        self.out.push(b);
    }
    fn long(&mut self, v: i32) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    fn short(&mut self, v: u16) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    fn pstring(&mut self, b: &[u8]) -> Result<(), WErr> {
        if b.len() as u64 > SIZE32_MAX as u64 {
            return Err(WErr::Unmarshallable);
        }
        self.long(b.len() as i32);
        self.out.extend_from_slice(b);
        Ok(())
    }
    fn short_pstring(&mut self, b: &[u8]) {
        self.byte(b.len() as u8);
        self.out.extend_from_slice(b);
    }

    /// CPython's `w_ref`: write a back-reference, or decide FLAG_REF.
    unsafe fn reference(&mut self, v: *mut PyObject, flag: &mut u8) -> bool {
        unsafe {
            if self.version < 3 || (*v).ob_refcnt == 1 {
                return false;
            }
            if let Some(&i) = self.refs.get(&(v as usize)) {
                self.byte(TYPE_REF);
                self.long(i as i32);
                return true;
            }
            let n = self.refs.len() as u32;
            self.refs.insert(v as usize, n);
            self.keep.push(Owned::from_borrowed(v));
            *flag = FLAG_REF;
            false
        }
    }

    unsafe fn object(&mut self, v: *mut PyObject) -> Result<(), WErr> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(WErr::TooDeep);
        }
        let r = stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || unsafe { self.object_inner(v) });
        self.depth -= 1;
        r
    }

    unsafe fn object_inner(&mut self, v: *mut PyObject) -> Result<(), WErr> {
        unsafe {
            if v.is_null() {
                self.byte(TYPE_NULL);
            } else if v == o::noneobject::none_ptr() {
                self.byte(TYPE_NONE);
            } else if v == o::exceptions::PyExc_StopIteration {
                self.byte(TYPE_STOPITER);
            } else if v == o::noneobject::ellipsis_ptr() {
                self.byte(TYPE_ELLIPSIS);
            } else if v == o::boolobject::false_ptr() {
                self.byte(TYPE_FALSE);
            } else if v == o::boolobject::true_ptr() {
                self.byte(TYPE_TRUE);
            } else {
                let mut flag = 0;
                if !self.reference(v, &mut flag) {
                    self.complex_object(v, flag)?;
                }
            }
            Ok(())
        }
    }

    fn float_text(&mut self, x: f64) -> Vec<u8> {
        repr_g17(x).into_bytes()
    }

    unsafe fn complex_object(&mut self, v: *mut PyObject, flag: u8) -> Result<(), WErr> {
        unsafe {
            let tp = Py_TYPE(v);
            if o::longobject::is_long_exact(v) {
                match o::longobject::as_i64(v) {
                    Some(x) if x >= i32::MIN as i64 && x <= i32::MAX as i64 => {
                        self.byte(TYPE_INT | flag);
                        self.long(x as i32);
                    }
                    _ => self.py_long(v, flag)?,
                }
            } else if tp == &raw mut o::floatobject::PyFloat_Type {
                let x = o::floatobject::value(v);
                if self.version > 1 {
                    self.byte(TYPE_BINARY_FLOAT | flag);
                    self.out.extend_from_slice(&x.to_le_bytes());
                } else {
                    self.byte(TYPE_FLOAT | flag);
                    let t = self.float_text(x);
                    self.short_pstring(&t);
                }
            } else if tp == &raw mut o::complexobject::PyComplex_Type {
                let z = o::complexobject::cval(v);
                if self.version > 1 {
                    self.byte(TYPE_BINARY_COMPLEX | flag);
                    self.out.extend_from_slice(&z.real.to_le_bytes());
                    self.out.extend_from_slice(&z.imag.to_le_bytes());
                } else {
                    self.byte(TYPE_COMPLEX | flag);
                    let (r, i) = (self.float_text(z.real), self.float_text(z.imag));
                    self.short_pstring(&r);
                    self.short_pstring(&i);
                }
            } else if o::bytesobject::is_bytes_exact(v) {
                self.byte(TYPE_STRING | flag);
                self.pstring(o::bytesobject::as_slice(v))?;
            } else if o::unicodeobject::is_str_exact(v) {
                let interned = o::unicodeobject::state(v) & o::unicodeobject::STATE_INTERNED_MASK != 0;
                if self.version >= 4 && o::unicodeobject::is_ascii(v) {
                    let b = core::slice::from_raw_parts(o::unicodeobject::data(v), o::unicodeobject::len(v) as usize);
                    if b.len() < 256 {
                        self.byte(if interned { TYPE_SHORT_ASCII_INTERNED } else { TYPE_SHORT_ASCII } | flag);
                        self.short_pstring(b);
                    } else {
                        self.byte(if interned { TYPE_ASCII_INTERNED } else { TYPE_ASCII } | flag);
                        self.pstring(b)?;
                    }
                } else {
                    let codec = o::unicode_codecs::lookup("utf-8").ok_or(WErr::Unmarshallable)?;
                    let utf8 = o::unicode_codecs::encode(v, codec, "surrogatepass")?;
                    self.byte(if self.version >= 3 && interned { TYPE_INTERNED } else { TYPE_UNICODE } | flag);
                    self.pstring(&utf8)?;
                }
            } else if o::tupleobject::is_tuple_exact(v) {
                let items = o::tupleobject::as_slice(v);
                if self.version >= 4 && items.len() < 256 {
                    self.byte(TYPE_SMALL_TUPLE | flag);
                    self.byte(items.len() as u8);
                } else {
                    self.byte(TYPE_TUPLE | flag);
                    self.long(items.len() as i32);
                }
                for &it in items {
                    self.object(it)?;
                }
            } else if tp == &raw mut o::listobject::PyList_Type {
                self.byte(TYPE_LIST | flag);
                let n = o::listobject::as_slice(v).len();
                self.long(n as i32);
                // Items are read one by one: the list may change under us.
                let mut i = 0;
                while i < o::listobject::as_slice(v).len() {
                    let it = Owned::from_borrowed(o::listobject::get_item(v, i as Py_ssize_t));
                    self.object(it.as_ptr())?;
                    i += 1;
                }
            } else if tp == &raw mut o::dictobject::PyDict_Type {
                self.byte(TYPE_DICT | flag);
                for (k, val) in o::dictobject::items_owned(v) {
                    self.object(k.as_ptr())?;
                    self.object(val.as_ptr())?;
                }
                self.object(null_mut())?;
            } else if o::setobject::is_set_exact(v) || o::setobject::is_frozenset_exact(v) {
                self.byte(if o::setobject::is_set_exact(v) { TYPE_SET } else { TYPE_FROZENSET } | flag);
                let mut items = Vec::new();
                let mut pos = 0;
                while let Some((k, _)) = o::setobject::next_entry(v, &mut pos) {
                    items.push(Owned::from_borrowed(k));
                }
                self.long(items.len() as i32);
                // 3.11 writes the items sorted by their own marshalled bytes
                // (each dumped alone), ties broken by comparing the items.
                let mut keyed = Vec::with_capacity(items.len());
                for it in items {
                    let b = dumps(it.as_ptr(), self.version)?;
                    keyed.push((b, it));
                }
                let mut failed = None;
                keyed.sort_by(|a, b| {
                    a.0.cmp(&b.0).then_with(|| {
                        match o::abstract_::rich_compare_bool(a.1.as_ptr(), b.1.as_ptr(), Py_LT) {
                            Ok(true) => core::cmp::Ordering::Less,
                            Ok(false) => core::cmp::Ordering::Greater,
                            Err(e) => {
                                failed = Some(e);
                                core::cmp::Ordering::Equal
                            }
                        }
                    })
                });
                if let Some(e) = failed {
                    return Err(WErr::Raised(e));
                }
                for (_, it) in keyed {
                    self.object(it.as_ptr())?;
                }
            } else if codeobject::is_code(v) {
                let c = v as *mut codeobject::PyCodeObject;
                self.byte(TYPE_CODE | flag);
                self.long((*c).co_argcount);
                self.long((*c).co_posonlyargcount);
                self.long((*c).co_kwonlyargcount);
                self.long((*c).co_stacksize);
                self.long((*c).co_flags);
                let code = codeobject::get_code(v)?;
                self.object(code.as_ptr())?;
                drop(code);
                self.object((*c).co_consts)?;
                self.object((*c).co_names)?;
                self.object((*c).co_localsplusnames)?;
                self.object((*c).co_localspluskinds)?;
                self.object((*c).co_filename)?;
                self.object((*c).co_name)?;
                self.object((*c).co_qualname)?;
                self.long((*c).co_firstlineno);
                self.object((*c).co_linetable)?;
                self.object((*c).co_exceptiontable)?;
            } else if let Some(b) = o::buffer::get_contiguous_bytes(v) {
                let b = b?;
                self.byte(TYPE_STRING | flag);
                self.pstring(&b)?;
            } else {
                self.byte(TYPE_UNKNOWN);
                return Err(WErr::Unmarshallable);
            }
            Ok(())
        }
    }

    /// An int beyond 32 bits: its magnitude in 15-bit digits, sign in the count.
    unsafe fn py_long(&mut self, v: *mut PyObject, flag: u8) -> Result<(), WErr> {
        unsafe {
            let d30 = o::longobject::digits(v);
            let mut d15: Vec<u16> = Vec::with_capacity(d30.len() * 2);
            for &d in d30 {
                d15.push((d & 0x7FFF) as u16);
                d15.push((d >> 15) as u16);
            }
            while d15.last() == Some(&0) {
                d15.pop();
            }
            if d15.len() as u64 > SIZE32_MAX as u64 {
                return Err(WErr::Unmarshallable);
            }
            self.byte(TYPE_LONG | flag);
            let n = d15.len() as i32;
            self.long(if o::longobject::sign(v) < 0 { -n } else { n });
            for d in d15 {
                self.short(d);
            }
            Ok(())
        }
    }
}

/// `%.17g` as CPython's `PyOS_double_to_string(x, 'g', 17, 0)`.
fn repr_g17(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let mut buf = [0u8; 64];
    // SAFETY: snprintf writes at most buf.len() bytes including the NUL.
    let n = unsafe { libc::snprintf(buf.as_mut_ptr() as *mut libc::c_char, buf.len(), c"%.17g".as_ptr(), x) };
    String::from_utf8_lossy(&buf[..(n.max(0) as usize).min(buf.len() - 1)]).into_owned()
}

/// `marshal.dumps(value, version)`.
pub unsafe fn dumps(v: *mut PyObject, version: i32) -> PyResult<Vec<u8>> {
    let mut w = Writer { out: Vec::new(), version, depth: 0, refs: HashMap::new(), keep: Vec::new() };
    // SAFETY: v is a live object.
    match unsafe { w.object(v) } {
        Ok(()) => Ok(w.out),
        Err(WErr::Raised(e)) => Err(e),
        Err(WErr::Unmarshallable) => Err(errors::value_error("unmarshallable object")),
        Err(WErr::TooDeep) => Err(errors::value_error("object too deeply nested to marshal")),
    }
}

// ---------------------------------------------------------------------------
// Reading

/// Where the bytes come from.
pub enum Source<'a> {
    Bytes(&'a [u8], usize),
    /// A Python file object (its `readinto`).
    File(*mut PyObject),
    /// A C stdio stream.
    Stdio(*mut libc::FILE),
}

pub struct Reader<'a> {
    src: Source<'a>,
    depth: u32,
    /// Remembered objects; `None` for a slot reserved while its object is read.
    refs: Vec<Option<Owned>>,
}

fn eof_object() -> errors::Raised {
    crate::raise!(PyExc_EOFError, "EOF read where object expected")
}
fn bad(what: &str) -> errors::Raised {
    errors::value_error(format!("bad marshal data ({})", what))
}

impl<'a> Reader<'a> {
    pub fn new(src: Source<'a>) -> Reader<'a> {
        Reader { src, depth: 0, refs: Vec::new() }
    }

    /// Bytes consumed so far (for in-memory sources).
    pub fn position(&self) -> usize {
        match self.src {
            Source::Bytes(_, p) => p,
            _ => 0,
        }
    }

    /// CPython's `r_string`: exactly `n` bytes.
    unsafe fn bytes(&mut self, n: usize) -> PyResult<Vec<u8>> {
        unsafe {
            match &mut self.src {
                Source::Bytes(b, pos) => {
                    if b.len() - *pos < n {
                        return Err(crate::raise!(PyExc_EOFError, "marshal data too short"));
                    }
                    let v = b[*pos..*pos + n].to_vec();
                    *pos += n;
                    Ok(v)
                }
                Source::File(f) => {
                    let ba = o::bytearrayobject::new_sized(n as Py_ssize_t)?;
                    let r = o::abstract_::call_method(*f, "readinto", &[ba.as_ptr()])?;
                    let got = if o::longobject::is_long(r.as_ptr()) {
                        o::longobject::as_ssize_index(r.as_ptr(), None)?
                    } else {
                        return Err(errors::type_error(format!(
                            "readinto() returned {}, expected int",
                            std::ffi::CStr::from_ptr((*Py_TYPE(r.as_ptr())).tp_name).to_string_lossy()
                        )));
                    };
                    if got != n as Py_ssize_t {
                        if got > n as Py_ssize_t {
                            return Err(errors::value_error(format!(
                                "read() returned too much data: {} bytes requested, {} returned",
                                n, got
                            )));
                        }
                        return Err(crate::raise!(PyExc_EOFError, "EOF read where not expected"));
                    }
                    Ok(o::bytearrayobject::as_slice(ba.as_ptr()).to_vec())
                }
                Source::Stdio(fp) => {
                    let mut v = vec![0u8; n];
                    let got = if n == 0 { 0 } else { libc::fread(v.as_mut_ptr() as *mut c_void, 1, n, *fp) };
                    if got != n {
                        return Err(crate::raise!(PyExc_EOFError, "EOF read where not expected"));
                    }
                    Ok(v)
                }
            }
        }
    }

    /// CPython's `r_byte`: `None` at the end of in-memory data (files raise).
    unsafe fn byte(&mut self) -> PyResult<Option<u8>> {
        unsafe {
            match &mut self.src {
                Source::Bytes(b, pos) => Ok(if *pos < b.len() {
                    *pos += 1;
                    Some(b[*pos - 1])
                } else {
                    None
                }),
                Source::Stdio(fp) => {
                    let c = libc::fgetc(*fp);
                    Ok(if c == libc::EOF { None } else { Some(c as u8) })
                }
                Source::File(_) => Ok(Some(self.bytes(1)?[0])),
            }
        }
    }

    pub unsafe fn long(&mut self) -> PyResult<i32> {
        let b = unsafe { self.bytes(4)? };
        Ok(i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub unsafe fn short(&mut self) -> PyResult<i16> {
        let b = unsafe { self.bytes(2)? };
        Ok(i16::from_le_bytes([b[0], b[1]]))
    }

    fn remember(&mut self, flag: bool, v: &Owned) {
        if flag {
            self.refs.push(Some(v.clone()));
        }
    }

    fn reserve(&mut self, flag: bool) -> Option<usize> {
        if flag {
            self.refs.push(None);
            Some(self.refs.len() - 1)
        } else {
            None
        }
    }

    /// One object; `Ok(None)` is TYPE_NULL (the dict terminator).
    pub unsafe fn object(&mut self) -> PyResult<Option<Owned>> {
        unsafe {
            let Some(code) = self.byte()? else {
                return Err(eof_object());
            };
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                self.depth -= 1;
                return Err(errors::value_error("recursion limit exceeded"));
            }
            let r = stacker::maybe_grow(RED_ZONE, STACK_SEGMENT, || self.object_inner(code));
            self.depth -= 1;
            r
        }
    }

    /// A one-byte length (short strings, small tuples, text floats).
    unsafe fn len_byte(&mut self) -> PyResult<usize> {
        match unsafe { self.byte()? } {
            Some(n) => Ok(n as usize),
            None => Err(crate::raise!(PyExc_EOFError, "EOF read where not expected")),
        }
    }

    unsafe fn size(&mut self, what: &str) -> PyResult<usize> {
        let n = unsafe { self.long()? } as i64;
        if !(0..=SIZE32_MAX).contains(&n) {
            return Err(bad(&format!("{} size out of range", what)));
        }
        Ok(n as usize)
    }

    /// An item of a container: NULL is an error there.
    unsafe fn item(&mut self, what: &str) -> PyResult<Owned> {
        match unsafe { self.object()? } {
            Some(v) => Ok(v),
            None => Err(errors::type_error(format!("NULL object in marshal data for {}", what))),
        }
    }

    unsafe fn float_text(&mut self) -> PyResult<f64> {
        unsafe {
            let n = self.len_byte()?;
            let b = self.bytes(n)?;
            let t = String::from_utf8_lossy(&b).into_owned();
            o::floatobject::parse_float(&t)
                .filter(|_| !t.contains('_') && t.trim() == t)
                .ok_or_else(|| errors::value_error(format!("could not convert string to float: '{}'", t)))
        }
    }

    unsafe fn f64_bin(&mut self) -> PyResult<f64> {
        let b = unsafe { self.bytes(8)? };
        let mut a = [0u8; 8];
        a.copy_from_slice(&b);
        Ok(f64::from_le_bytes(a))
    }

    unsafe fn object_inner(&mut self, code: u8) -> PyResult<Option<Owned>> {
        unsafe {
            let flag = code & FLAG_REF != 0;
            let ty = code & !FLAG_REF;
            let v = match ty {
                TYPE_NULL => return Ok(None),
                TYPE_NONE => o::noneobject::none(),
                TYPE_STOPITER => Owned::from_borrowed(o::exceptions::PyExc_StopIteration),
                TYPE_ELLIPSIS => Owned::from_borrowed(o::noneobject::ellipsis_ptr()),
                TYPE_FALSE => o::boolobject::owned_bool(false),
                TYPE_TRUE => o::boolobject::owned_bool(true),
                TYPE_INT => {
                    let v = o::longobject::from_i64(self.long()? as i64)?;
                    self.remember(flag, &v);
                    v
                }
                TYPE_INT64 => {
                    let lo = self.long()? as u32 as i64;
                    let hi = self.long()? as i64;
                    let v = o::longobject::from_i64((hi << 32) | lo)?;
                    self.remember(flag, &v);
                    v
                }
                TYPE_LONG => {
                    let v = self.py_long()?;
                    self.remember(flag, &v);
                    v
                }
                TYPE_FLOAT => {
                    let v = o::floatobject::from_f64(self.float_text()?)?;
                    self.remember(flag, &v);
                    v
                }
                TYPE_BINARY_FLOAT => {
                    let v = o::floatobject::from_f64(self.f64_bin()?)?;
                    self.remember(flag, &v);
                    v
                }
                TYPE_COMPLEX => {
                    let re = self.float_text()?;
                    let im = self.float_text()?;
                    let v = o::complexobject::from_doubles(re, im)?;
                    self.remember(flag, &v);
                    v
                }
                TYPE_BINARY_COMPLEX => {
                    let re = self.f64_bin()?;
                    let im = self.f64_bin()?;
                    let v = o::complexobject::from_doubles(re, im)?;
                    self.remember(flag, &v);
                    v
                }
                TYPE_STRING => {
                    let n = self.size("bytes object")?;
                    let v = o::bytesobject::from_slice(&self.bytes(n)?)?;
                    self.remember(flag, &v);
                    v
                }
                TYPE_ASCII | TYPE_ASCII_INTERNED | TYPE_SHORT_ASCII | TYPE_SHORT_ASCII_INTERNED => {
                    let n = if ty == TYPE_SHORT_ASCII || ty == TYPE_SHORT_ASCII_INTERNED {
                        self.len_byte()?
                    } else {
                        self.size("string")?
                    };
                    let b = self.bytes(n)?;
                    // One byte per character, as CPython (no ASCII check).
                    let cps: Vec<u32> = b.iter().map(|&c| c as u32).collect();
                    let mut v = o::unicodeobject::from_codepoints(&cps)?;
                    if ty == TYPE_ASCII_INTERNED || ty == TYPE_SHORT_ASCII_INTERNED {
                        v = intern(v)?;
                    }
                    self.remember(flag, &v);
                    v
                }
                TYPE_INTERNED | TYPE_UNICODE => {
                    let n = self.size("string")?;
                    let b = self.bytes(n)?;
                    let codec = o::unicode_codecs::lookup("utf-8").ok_or_else(errors::bad_internal_call)?;
                    let mut v = o::unicode_codecs::decode(&b, codec, "surrogatepass", None)?;
                    if ty == TYPE_INTERNED {
                        v = intern(v)?;
                    }
                    self.remember(flag, &v);
                    v
                }
                TYPE_SMALL_TUPLE | TYPE_TUPLE => {
                    let n = if ty == TYPE_SMALL_TUPLE {
                        self.len_byte()?
                    } else {
                        self.size("tuple")?
                    };
                    // Items are read before the tuple exists (a tuple cannot
                    // contain itself), but the slot is taken first, as CPython.
                    let slot = self.reserve(flag);
                    let mut items = Vec::with_capacity(n.min(1 << 16));
                    for _ in 0..n {
                        items.push(self.item("tuple")?);
                    }
                    let v = o::tupleobject::from_owned(items)?;
                    if let Some(i) = slot {
                        self.refs[i] = Some(v.clone());
                    }
                    v
                }
                TYPE_LIST => {
                    let n = self.size("list")?;
                    let v = o::listobject::new_list(0)?;
                    self.remember(flag, &v);
                    for _ in 0..n {
                        let it = self.item("list")?;
                        o::listobject::append(v.as_ptr(), it.as_ptr())?;
                    }
                    v
                }
                TYPE_DICT => {
                    let v = o::dictobject::new_dict()?;
                    self.remember(flag, &v);
                    loop {
                        let Some(k) = self.object()? else { break };
                        let Some(val) = self.object()? else { break };
                        o::dictobject::set_item(v.as_ptr(), k.as_ptr(), val.as_ptr())?;
                    }
                    v
                }
                TYPE_SET | TYPE_FROZENSET => {
                    let n = self.size("set")?;
                    let is_set = ty == TYPE_SET;
                    let tp = if is_set { &raw mut o::setobject::PySet_Type } else { &raw mut o::setobject::PyFrozenSet_Type };
                    let v = o::setobject::new_set(tp, null_mut())?;
                    let slot = if is_set {
                        self.remember(flag, &v);
                        None
                    } else {
                        self.reserve(flag)
                    };
                    for _ in 0..n {
                        let it = self.item("set")?;
                        o::setobject::add_key(v.as_ptr(), it.as_ptr())?;
                    }
                    if let Some(i) = slot {
                        self.refs[i] = Some(v.clone());
                    }
                    v
                }
                TYPE_CODE => {
                    let slot = self.reserve(flag);
                    let v = self.code()?;
                    if let Some(i) = slot {
                        self.refs[i] = Some(v.clone());
                    }
                    v
                }
                TYPE_REF => {
                    let n = self.long()?;
                    match usize::try_from(n).ok().and_then(|i| self.refs.get(i)) {
                        Some(Some(v)) => v.clone(),
                        _ => return Err(bad("invalid reference")),
                    }
                }
                _ => return Err(bad("unknown type code")),
            };
            Ok(Some(v))
        }
    }

    unsafe fn py_long(&mut self) -> PyResult<Owned> {
        unsafe {
            let n = self.long()? as i64;
            if !(-SIZE32_MAX..=SIZE32_MAX).contains(&n) {
                return Err(bad("long size out of range"));
            }
            let count = n.unsigned_abs() as usize;
            let mut d30: Vec<o::longobject::digit> = Vec::with_capacity(count.div_ceil(2).min(1 << 20));
            let mut last = 0;
            for j in 0..count {
                let md = self.short()?;
                if md < 0 {
                    return Err(bad("digit out of range in long"));
                }
                last = md;
                if j % 2 == 0 {
                    d30.push(md as u32);
                } else {
                    *d30.last_mut().unwrap_or(&mut 0) |= (md as u32) << 15;
                }
            }
            if count > 0 && last == 0 {
                return Err(bad("unnormalized long data"));
            }
            o::longobject::from_digits(n < 0, &d30)
        }
    }

    unsafe fn code(&mut self) -> PyResult<Owned> {
        unsafe {
            let argcount = self.long()?;
            let posonlyargcount = self.long()?;
            let kwonlyargcount = self.long()?;
            let stacksize = self.long()?;
            let flags = self.long()?;
            let mut next = || -> PyResult<Owned> {
                match self.object()? {
                    Some(v) => Ok(v),
                    // CPython returns NULL without an exception; its caller
                    // reports the NULL.
                    None => Err(errors::type_error("NULL object in marshal data for object")),
                }
            };
            let code = next()?;
            let consts = next()?;
            let names = next()?;
            let localsplusnames = next()?;
            let localspluskinds = next()?;
            let filename = next()?;
            let name = next()?;
            let qualname = next()?;
            let firstlineno = self.long()?;
            let mut next = || -> PyResult<Owned> {
                match self.object()? {
                    Some(v) => Ok(v),
                    None => Err(errors::type_error("NULL object in marshal data for object")),
                }
            };
            let linetable = next()?;
            let exceptiontable = next()?;
            codeobject::new_code(codeobject::CodeParts {
                argcount,
                posonlyargcount,
                kwonlyargcount,
                stacksize,
                flags,
                firstlineno,
                code,
                consts,
                names,
                localsplusnames,
                localspluskinds,
                filename,
                name,
                qualname,
                linetable,
                exceptiontable,
            })
        }
    }

    /// CPython's `read_object`: one object, NULL is a TypeError.
    pub unsafe fn read_object(&mut self) -> PyResult<Owned> {
        match unsafe { self.object()? } {
            Some(v) => Ok(v),
            None => Err(errors::type_error("NULL object in marshal data for object")),
        }
    }
}

unsafe fn intern(v: Owned) -> PyResult<Owned> {
    unsafe {
        let mut p = v.into_raw();
        let r = o::unicodeobject::intern_in_place(&mut p);
        let v = Owned::from_raw_nonnull(p);
        r?;
        Ok(v)
    }
}

/// `marshal.loads(data)`.
pub unsafe fn loads(data: &[u8]) -> PyResult<Owned> {
    unsafe { Reader::new(Source::Bytes(data, 0)).read_object() }
}

/// `marshal.load(file)`: one object through `file.readinto`.
pub unsafe fn load(file: *mut PyObject) -> PyResult<Owned> {
    unsafe {
        // As CPython: check that `read(0)` gives bytes before reading.
        let zero = o::longobject::from_i64(0)?;
        let data = o::abstract_::call_method(file, "read", &[zero.as_ptr()])?;
        if !o::bytesobject::is_bytes(data.as_ptr()) {
            return Err(errors::type_error(format!(
                "file.read() returned not bytes but {}",
                std::ffi::CStr::from_ptr((*Py_TYPE(data.as_ptr())).tp_name).to_string_lossy()
            )));
        }
        Reader::new(Source::File(file)).read_object()
    }
}

// ---------------------------------------------------------------------------
// The module

unsafe fn version_arg(args: &[*mut PyObject], i: usize) -> PyResult<i32> {
    unsafe {
        let Some(&v) = args.get(i) else { return Ok(Py_MARSHAL_VERSION) };
        if !o::longobject::is_index(v) || o::floatobject::is_float(v) {
            return Err(errors::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                std::ffi::CStr::from_ptr((*Py_TYPE(v)).tp_name).to_string_lossy()
            )));
        }
        let i = o::abstract_number::index(v)?;
        match o::longobject::as_i64(i.as_ptr()) {
            Some(x) if x >= i32::MIN as i64 && x <= i32::MAX as i64 => Ok(x as i32),
            _ => Err(errors::overflow_error("Python int too large to convert to C int")),
        }
    }
}

unsafe fn check_positional(name: &str, n: usize, min: usize, max: usize) -> PyResult<()> {
    if n < min {
        let s = if min == 1 { "" } else { "s" };
        return Err(errors::type_error(format!("{} expected at least {} argument{}, got {}", name, min, s, n)));
    }
    if n > max {
        let s = if max == 1 { "" } else { "s" };
        return Err(errors::type_error(format!("{} expected at most {} argument{}, got {}", name, max, s, n)));
    }
    Ok(())
}

unsafe extern "C" fn m_dumps(_m: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = o::tupleobject::as_slice(args);
        check_positional("dumps", a.len(), 1, 2)?;
        let version = version_arg(a, 1)?;
        o::bytesobject::from_slice(&dumps(a[0], version)?)
    })
}

unsafe extern "C" fn m_dump(_m: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = o::tupleobject::as_slice(args);
        check_positional("dump", a.len(), 2, 3)?;
        let version = version_arg(a, 2)?;
        let b = o::bytesobject::from_slice(&dumps(a[0], version)?)?;
        o::abstract_::call_method(a[1], "write", &[b.as_ptr()])?;
        Ok(o::noneobject::none())
    })
}

unsafe extern "C" fn m_loads(_m: *mut PyObject, arg: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        match o::buffer::get_contiguous_bytes(arg) {
            Some(b) => loads(&b?),
            None => Err(errors::type_error(format!(
                "a bytes-like object is required, not '{}'",
                std::ffi::CStr::from_ptr((*Py_TYPE(arg)).tp_name).to_string_lossy()
            ))),
        }
    })
}

unsafe extern "C" fn m_load(_m: *mut PyObject, file: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { load(file) })
}

static mut MARSHAL_METHODS: [PyMethodDef; 5] = [
    PyMethodDef { ml_name: c"dump".as_ptr(), ml_meth: m_dump as *mut c_void, ml_flags: METH_VARARGS, ml_doc: c"dump($module, value, file, version=version, /)\n--\n\nWrite the value on the open file.".as_ptr() },
    PyMethodDef { ml_name: c"load".as_ptr(), ml_meth: m_load as *mut c_void, ml_flags: METH_O, ml_doc: c"load($module, file, /)\n--\n\nRead one value from the open file and return it.".as_ptr() },
    PyMethodDef { ml_name: c"dumps".as_ptr(), ml_meth: m_dumps as *mut c_void, ml_flags: METH_VARARGS, ml_doc: c"dumps($module, value, version=version, /)\n--\n\nReturn the bytes object that would be written to a file by dump(value, file).".as_ptr() },
    PyMethodDef { ml_name: c"loads".as_ptr(), ml_meth: m_loads as *mut c_void, ml_flags: METH_O, ml_doc: c"loads($module, bytes, /)\n--\n\nConvert the bytes-like object to a value.".as_ptr() },
    PyMethodDef::SENTINEL,
];

/// Build the `marshal` module object (the import system registers it).
pub fn init_module() -> *mut PyObject {
    guard_obj(|| unsafe {
        let name = o::unicodeobject::from_str("marshal")?;
        let m = o::moduleobject::new_module(name.as_ptr())?;
        o::moduleobject::add_functions(m.as_ptr(), name.as_ptr(), &raw mut MARSHAL_METHODS as *mut PyMethodDef)?;
        let v = o::longobject::from_i64(Py_MARSHAL_VERSION as i64)?;
        o::moduleobject::add_object_ref(m.as_ptr(), "version", v.as_ptr())?;
        Ok(m)
    })
}
