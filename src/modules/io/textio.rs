//! `TextIOWrapper` and `IncrementalNewlineDecoder` (CPython's
//! `Modules/_io/textio.c`), with the incremental codecs they need.
//!
//! Design note.
//! * Decoding is incremental and stateful like CPython's codec objects: a
//!   codec decoder keeps undecoded trailing bytes plus a small flag (BOM
//!   decided for utf-16/32, "first" for utf-8-sig), and the newline decoder
//!   keeps `pendingcr` (a `\r` that may start `\r\n`). Both states are
//!   exported as CPython's `(bytes, flags)` pairs, flags combined as
//!   `codec_flags << 1 | pendingcr`, because `tell()` cookies embed them.
//! * `tell()`/`seek()` use CPython's opaque cookie, bit for bit:
//!   `start_pos | dec_flags << 64 | bytes_to_feed << 96 | chars_to_skip << 128
//!   | need_eof << 160`, computed from the snapshot taken before each chunk
//!   (decoder state + bytes fed since) by the same search for the nearest
//!   safe start point, so cookies are interchangeable with CPython's.
//! * Writes are encoded at once and gathered in `pending` until a chunk
//!   (`_CHUNK_SIZE`, 8192) is full, a line-buffered write sees `\n`/`\r`, or
//!   `write_through` is set.
//!
//! Codecs: utf-8, utf-8-sig, ascii, latin-1 (`objects::unicode_codecs`),
//! utf-16/utf-32 with and without byte order (`objects::unicode_utf16_32`).
//! Others raise LookupError "unknown encoding: x" until a codec registry exists.
use super::stringio::{check_newline, line_length};
use super::*;
use crate::objects::unicode_codecs::{self as uc, Codec as BaseCodec};
use crate::runtime::ffi::guard_unit;
use libc::c_int;
use num_bigint::BigInt;

const CR: u32 = b'\r' as u32;
const LF: u32 = b'\n' as u32;
const SEEN_LF: u8 = 1;
const SEEN_CR: u8 = 2;
const SEEN_CRLF: u8 = 4;

// ---------------------------------------------------------------- newline decoder

/// The newline half of `IncrementalNewlineDecoder`.
#[derive(Clone)]
pub struct NlState {
    pub pendingcr: bool,
    pub seennl: u8,
    pub translate: bool,
}

impl NlState {
    pub fn new(translate: bool) -> NlState {
        NlState { pendingcr: false, seennl: 0, translate }
    }

    pub fn decode(&mut self, mut out: Vec<u32>, final_: bool) -> Vec<u32> {
        if self.pendingcr && (final_ || !out.is_empty()) {
            out.insert(0, CR);
            self.pendingcr = false;
        }
        if !final_ && out.last() == Some(&CR) {
            out.pop();
            self.pendingcr = true;
        }
        let mut i = 0;
        while i < out.len() {
            match out[i] {
                LF => self.seennl |= SEEN_LF,
                CR => {
                    if i + 1 < out.len() && out[i + 1] == LF {
                        self.seennl |= SEEN_CRLF;
                        i += 1;
                    } else {
                        self.seennl |= SEEN_CR;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        if self.translate && out.contains(&CR) {
            let mut t = Vec::with_capacity(out.len());
            let mut i = 0;
            while i < out.len() {
                if out[i] == CR {
                    t.push(LF);
                    if i + 1 < out.len() && out[i + 1] == LF {
                        i += 1;
                    }
                } else {
                    t.push(out[i]);
                }
                i += 1;
            }
            out = t;
        }
        out
    }

    pub fn newlines(&self) -> PyResult<Owned> {
        let names: Vec<&str> = [(SEEN_CR, "\r"), (SEEN_LF, "\n"), (SEEN_CRLF, "\r\n")]
            .iter()
            .filter(|(f, _)| self.seennl & f != 0)
            .map(|(_, s)| *s)
            .collect();
        match names.len() {
            0 => Ok(none()),
            1 => string(names[0]),
            _ => {
                let v: Vec<Owned> = names.iter().map(|s| string(s)).collect::<PyResult<_>>()?;
                o::tupleobject::from_owned(v)
            }
        }
    }
}

// ---------------------------------------------------------------- codecs

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Codec {
    Base(BaseCodec),
    Utf8Sig,
    /// UTF-16 (width 2) or UTF-32 (width 4); `order` 0 = BOM decides, -1 little, 1 big.
    Wide { width: usize, order: i32 },
}

pub fn lookup_codec(name: &str) -> Option<Codec> {
    if let Some(c) = uc::lookup(name) {
        return Some(Codec::Base(c));
    }
    let n: String = name
        .trim()
        .chars()
        .filter(|c| *c != '-' && *c != '_' && *c != ' ')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    Some(match n.as_str() {
        "utf8sig" => Codec::Utf8Sig,
        "utf16" | "u16" => Codec::Wide { width: 2, order: 0 },
        "utf16le" => Codec::Wide { width: 2, order: -1 },
        "utf16be" => Codec::Wide { width: 2, order: 1 },
        "utf32" | "u32" => Codec::Wide { width: 4, order: 0 },
        "utf32le" => Codec::Wide { width: 4, order: -1 },
        "utf32be" => Codec::Wide { width: 4, order: 1 },
        _ => return None,
    })
}

const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";

pub struct Decoder {
    codec: Codec,
    pending: Vec<u8>,
    /// utf-8-sig: the BOM question is still open.
    first: bool,
    /// utf-16/32 with BOM detection: 0 undecided, -1 little, 1 big.
    order: i32,
}

impl Decoder {
    pub fn new(codec: Codec) -> Decoder {
        let order = match codec {
            Codec::Wide { order, .. } => order,
            _ => 0,
        };
        Decoder { codec, pending: Vec::new(), first: true, order }
    }

    fn detecting(&self) -> bool {
        matches!(self.codec, Codec::Wide { order: 0, .. })
    }

    pub fn decode(&mut self, input: &[u8], final_: bool, errors_: &str) -> PyResult<Vec<u32>> {
        let mut data = core::mem::take(&mut self.pending);
        data.extend_from_slice(input);
        match self.codec {
            Codec::Base(c) => self.decode_base(data, c, final_, errors_),
            Codec::Utf8Sig => {
                if self.first {
                    if data.len() < 3 && UTF8_BOM.starts_with(&data) && !final_ {
                        self.pending = data;
                        return Ok(Vec::new());
                    }
                    self.first = false;
                    if data.starts_with(UTF8_BOM) {
                        data.drain(..3);
                    }
                }
                self.decode_base(data, BaseCodec::Utf8, final_, errors_)
            }
            Codec::Wide { width, .. } => {
                let name = if width == 2 { "UTF-16" } else { "UTF-32" };
                if self.order == 0 {
                    if data.len() < width && !final_ {
                        self.pending = data;
                        return Ok(Vec::new());
                    }
                    let (le, be): (&[u8], &[u8]) =
                        if width == 2 { (b"\xff\xfe", b"\xfe\xff") } else { (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff") };
                    if data.starts_with(le) {
                        self.order = -1;
                        data.drain(..width);
                    } else if data.starts_with(be) {
                        self.order = 1;
                        data.drain(..width);
                    } else if data.len() >= width {
                        // No BOM: CPython decodes in native order first (its
                        // errors win), then refuses the stream.
                        let mut bo = -1;
                        let mut consumed: isize = 0;
                        if final_ {
                            o::unicode_utf16_32::decode(&data, width, errors_, Some(&mut bo), None)?;
                        } else {
                            o::unicode_utf16_32::decode(&data, width, errors_, Some(&mut bo), Some(&mut consumed))?;
                        }
                        // SAFETY: a static exception class.
                        return Err(unsafe {
                            errors::set_string(
                                o::exceptions::PyExc_UnicodeError,
                                &format!("{} stream does not start with BOM", name),
                            )
                        });
                    }
                }
                let mut bo = if self.order == 0 { -1 } else { self.order };
                let mut consumed: isize = 0;
                let s = if final_ {
                    o::unicode_utf16_32::decode(&data, width, errors_, Some(&mut bo), None)?
                } else {
                    o::unicode_utf16_32::decode(&data, width, errors_, Some(&mut bo), Some(&mut consumed))?
                };
                if !final_ {
                    self.pending = data[consumed as usize..].to_vec();
                }
                // SAFETY: `s` is a str.
                Ok(unsafe { o::unicodeobject::codepoints(s.as_ptr()) })
            }
        }
    }

    fn decode_base(&mut self, data: Vec<u8>, c: BaseCodec, final_: bool, errors_: &str) -> PyResult<Vec<u32>> {
        let (cps, consumed) = uc::decode_to_codepoints(&data, c, errors_, None, final_)?;
        if consumed < data.len() {
            self.pending = data[consumed..].to_vec();
        }
        Ok(cps)
    }

    pub fn getstate(&self) -> (Vec<u8>, i64) {
        let flag = match self.codec {
            Codec::Utf8Sig => self.first as i64,
            Codec::Wide { order: 0, .. } => match self.order {
                0 => 2,
                -1 => 0,
                _ => 1,
            },
            _ => 0,
        };
        (self.pending.clone(), flag)
    }

    pub fn setstate(&mut self, buf: &[u8], flag: i64) {
        self.pending = buf.to_vec();
        match self.codec {
            Codec::Utf8Sig => self.first = flag != 0,
            Codec::Wide { order: 0, .. } => {
                self.order = match flag {
                    0 => -1,
                    1 => 1,
                    _ => 0,
                }
            }
            _ => {}
        }
    }

    pub fn reset(&mut self) {
        self.pending.clear();
        self.first = true;
        if self.detecting() {
            self.order = 0;
        }
    }
}

pub struct Encoder {
    codec: Codec,
    /// A BOM is still to be written (utf-8-sig, utf-16, utf-32).
    bom: bool,
}

impl Encoder {
    pub fn new(codec: Codec) -> Encoder {
        let mut e = Encoder { codec, bom: false };
        e.reset();
        e
    }

    pub fn reset(&mut self) {
        self.bom = matches!(self.codec, Codec::Utf8Sig | Codec::Wide { order: 0, .. });
    }

    pub fn setstate(&mut self, state: i64) {
        if matches!(self.codec, Codec::Utf8Sig | Codec::Wide { order: 0, .. }) {
            self.bom = state != 0;
        }
    }

    pub unsafe fn encode(&mut self, text: *mut PyObject, errors_: &str) -> PyResult<Vec<u8>> {
        unsafe {
            let mut out = Vec::new();
            match self.codec {
                Codec::Base(c) => return uc::encode(text, c, errors_),
                Codec::Utf8Sig => {
                    let body = uc::encode(text, BaseCodec::Utf8, errors_)?;
                    if self.bom {
                        out.extend_from_slice(UTF8_BOM);
                        self.bom = false;
                    }
                    out.extend_from_slice(&body);
                }
                Codec::Wide { width, order } => {
                    let big = order == 1;
                    let body = encode_wide(text, width, big, errors_)?;
                    if self.bom {
                        let b: &[u8] = if width == 2 { b"\xff\xfe" } else { b"\xff\xfe\x00\x00" };
                        out.extend_from_slice(b);
                        self.bom = false;
                    }
                    out.extend_from_slice(&body);
                }
            }
            Ok(out)
        }
    }
}

unsafe fn encode_wide(text: *mut PyObject, width: usize, big: bool, errors_: &str) -> PyResult<Vec<u8>> {
    unsafe {
        let cps = o::unicodeobject::codepoints(text);
        let name = match (width, big) {
            (2, false) => "utf-16-le",
            (2, true) => "utf-16-be",
            (_, false) => "utf-32-le",
            _ => "utf-32-be",
        };
        let mut out = Vec::with_capacity(cps.len() * width);
        let push_unit = |out: &mut Vec<u8>, u: u32| {
            if width == 2 {
                let b = if big { (u as u16).to_be_bytes() } else { (u as u16).to_le_bytes() };
                out.extend_from_slice(&b);
            } else {
                let b = if big { u.to_be_bytes() } else { u.to_le_bytes() };
                out.extend_from_slice(&b);
            }
        };
        let mut i = 0;
        while i < cps.len() {
            let c = cps[i];
            if (0xD800..=0xDFFF).contains(&c) && errors_ != "surrogatepass" {
                match errors_ {
                    "ignore" => {}
                    "replace" => push_unit(&mut out, b'?' as u32),
                    "backslashreplace" => {
                        for ch in format!("\\u{:04x}", c).chars() {
                            push_unit(&mut out, ch as u32);
                        }
                    }
                    "xmlcharrefreplace" => {
                        for ch in format!("&#{};", c).chars() {
                            push_unit(&mut out, ch as u32);
                        }
                    }
                    "strict" | "surrogateescape" => {
                        let mut j = i + 1;
                        while j < cps.len() && (0xD800..=0xDFFF).contains(&cps[j]) {
                            j += 1;
                        }
                        return Err(uc::raise_unicode_error(
                            o::exceptions::PyExc_UnicodeEncodeError,
                            name,
                            text,
                            i,
                            j,
                            "surrogates not allowed",
                        ));
                    }
                    _ => {
                        return Err(crate::raise!(PyExc_LookupError, "unknown error handler name '{}'", errors_));
                    }
                }
            } else if width == 2 && c >= 0x10000 {
                let v = c - 0x10000;
                push_unit(&mut out, 0xD800 | (v >> 10));
                push_unit(&mut out, 0xDC00 | (v & 0x3FF));
            } else {
                push_unit(&mut out, c);
            }
            i += 1;
        }
        Ok(out)
    }
}

// ---------------------------------------------------------------- IncrementalNewlineDecoder

pub struct NlDecoder {
    pub decoder: Owned,
    pub errors: Owned,
    pub nl: NlState,
}

pub static mut NLDECODER_TYPE: PyTypeObject = PyTypeObject {
    tp_init: Some(nldecoder_init),
    tp_methods: &raw mut NLDECODER_METHODS as *mut PyMethodDef,
    tp_getset: &raw mut NLDECODER_GETSET as *mut PyGetSetDef,
    ..io_type(c"_io.IncrementalNewlineDecoder")
};

static mut NLDECODER_METHODS: [PyMethodDef; 5] = [
    mdef!(c"decode", nldecoder_decode, METH_VARARGS | METH_KEYWORDS),
    mdef!(c"getstate", nldecoder_getstate, METH_NOARGS),
    mdef!(c"setstate", nldecoder_setstate, METH_O),
    mdef!(c"reset", nldecoder_reset, METH_NOARGS),
    PyMethodDef::SENTINEL,
];

static mut NLDECODER_GETSET: [PyGetSetDef; 2] = [getset!(c"newlines", nldecoder_newlines_get), GETSET_END];

unsafe fn nld<'a>(op: *mut PyObject) -> PyResult<&'a mut NlDecoder> {
    unsafe {
        match state(op) {
            Some(IoState::NlDecoder(d)) => Ok(d),
            _ => Err(errors::value_error("IncrementalNewlineDecoder.__init__() not called")),
        }
    }
}

unsafe extern "C" fn nldecoder_init(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        let a = parse_args("IncrementalNewlineDecoder", args, kw, &["decoder", "translate", "errors"], 2)?;
        let translate = int_arg(a[1], 0)? != 0;
        let errs = if a[2].is_null() { string("strict")? } else { Owned::from_borrowed(a[2]) };
        set_state(
            op,
            IoState::NlDecoder(NlDecoder { decoder: Owned::from_borrowed(a[0]), errors: errs, nl: NlState::new(translate) }),
        );
        Ok(())
    })
}

unsafe extern "C" fn nldecoder_decode(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = parse_args("decode", args, kw, &["input", "final"], 1)?;
        let final_ = int_arg(a[1], 0)? != 0;
        let d = nld(op)?;
        let dec = d.decoder.clone();
        let output = if is_none(dec.as_ptr()) {
            Owned::from_borrowed(a[0])
        } else {
            let f = int(final_ as i64)?;
            call_method(dec.as_ptr(), "decode", &[a[0], f.as_ptr()])?
        };
        if !o::unicodeobject::is_str(output.as_ptr()) {
            return Err(errors::type_error(format!(
                "decoder should return a string result, not '{}'",
                type_name(output.as_ptr())
            )));
        }
        let d = nld(op)?;
        let out = d.nl.decode(o::unicodeobject::codepoints(output.as_ptr()), final_);
        o::unicodeobject::from_codepoints(&out)
    })
}

unsafe extern "C" fn nldecoder_getstate(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let d = nld(op)?;
        let pendingcr = d.nl.pendingcr;
        let (buf, mut flag) = if is_none(d.decoder.as_ptr()) {
            (bytes(b"")?, 0i64)
        } else {
            let s = call_method0(d.decoder.as_ptr(), "getstate")?;
            if !o::tupleobject::is_tuple(s.as_ptr()) || o::tupleobject::as_slice(s.as_ptr()).len() != 2 {
                return Err(errors::type_error("illegal decoder state"));
            }
            let t = o::tupleobject::as_slice(s.as_ptr());
            (Owned::from_borrowed(t[0]), index_i64(t[1])?)
        };
        flag <<= 1;
        if pendingcr {
            flag |= 1;
        }
        let f = int(flag)?;
        o::tupleobject::pack(&[buf.as_ptr(), f.as_ptr()])
    })
}

unsafe extern "C" fn nldecoder_setstate(op: *mut PyObject, s: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !o::tupleobject::is_tuple(s) {
            return Err(errors::type_error("state argument must be a tuple"));
        }
        let t = o::tupleobject::as_slice(s);
        if t.len() != 2 {
            return Err(errors::type_error(format!("setstate expected 2 arguments, got {}", t.len())));
        }
        let flag = index_i64(t[1])?;
        let d = nld(op)?;
        d.nl.pendingcr = flag & 1 != 0;
        if !is_none(d.decoder.as_ptr()) {
            let f = int(flag >> 1)?;
            let st2 = o::tupleobject::pack(&[t[0], f.as_ptr()])?;
            call_method(d.decoder.as_ptr(), "setstate", &[st2.as_ptr()])?;
        }
        Ok(none())
    })
}

unsafe extern "C" fn nldecoder_reset(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let d = nld(op)?;
        d.nl.seennl = 0;
        d.nl.pendingcr = false;
        if !is_none(d.decoder.as_ptr()) {
            call_method0(d.decoder.as_ptr(), "reset")?;
        }
        Ok(none())
    })
}

unsafe extern "C" fn nldecoder_newlines_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { nld(op)?.nl.newlines() })
}

// ---------------------------------------------------------------- TextIOWrapper

pub struct TextState {
    pub buffer: Option<Owned>,
    pub encoding: String,
    pub errors: String,
    pub codec: Codec,
    pub decoder: Option<Decoder>,
    pub nl: Option<NlState>,
    pub encoder: Option<Encoder>,
    pub readuniversal: bool,
    pub readtranslate: bool,
    pub readnl: Option<Vec<u32>>,
    pub writetranslate: bool,
    pub writenl: Option<Vec<u32>>,
    pub line_buffering: bool,
    pub write_through: bool,
    pub decoded: Vec<u32>,
    pub used: usize,
    pub pending: Vec<u8>,
    /// (decoder flags, bytes fed since) before the current chunk.
    pub snapshot: Option<(i64, Vec<u8>)>,
    pub seekable: bool,
    pub telling: bool,
    pub has_read1: bool,
    pub b2cratio: f64,
    pub chunk_size: usize,
    pub finalizing: bool,
}

impl TextState {
    fn dec_decode(&mut self, input: &[u8], final_: bool) -> PyResult<Vec<u32>> {
        let errs = self.errors.clone();
        let d = self.decoder.as_mut().ok_or_else(|| unsupported("not readable"))?;
        let chars = d.decode(input, final_, &errs)?;
        Ok(match &mut self.nl {
            Some(nl) => nl.decode(chars, final_),
            None => chars,
        })
    }
    fn dec_getstate(&self) -> (Vec<u8>, i64) {
        let (b, mut f) = self.decoder.as_ref().map(|d| d.getstate()).unwrap_or_default();
        if let Some(nl) = &self.nl {
            f = (f << 1) | nl.pendingcr as i64;
        }
        (b, f)
    }
    fn dec_setstate(&mut self, buf: &[u8], mut flags: i64) {
        if let Some(nl) = &mut self.nl {
            nl.pendingcr = flags & 1 != 0;
            flags >>= 1;
        }
        if let Some(d) = &mut self.decoder {
            d.setstate(buf, flags);
        }
    }
    fn dec_reset(&mut self) {
        if let Some(nl) = &mut self.nl {
            nl.pendingcr = false;
            nl.seennl = 0;
        }
        if let Some(d) = &mut self.decoder {
            d.reset();
        }
    }
    fn set_decoded(&mut self, v: Vec<u32>) {
        self.decoded = v;
        self.used = 0;
    }
    fn take_decoded(&mut self, n: i64) -> Vec<u32> {
        let avail = self.decoded.len() - self.used;
        let k = if n < 0 || n as u64 > avail as u64 { avail } else { n as usize };
        let v = self.decoded[self.used..self.used + k].to_vec();
        self.used += k;
        v
    }
}

pub static mut TEXTIOWRAPPER_TYPE: PyTypeObject = PyTypeObject {
    tp_base: &raw mut super::iobase::TEXTIOBASE_TYPE,
    tp_init: Some(textio_init),
    tp_repr: Some(textio_repr),
    tp_iter: Some(textio_iter),
    tp_iternext: Some(textio_iternext),
    tp_methods: &raw mut TEXTIO_METHODS as *mut PyMethodDef,
    tp_getset: &raw mut TEXTIO_GETSET as *mut PyGetSetDef,
    ..io_type(c"_io.TextIOWrapper")
};

static mut TEXTIO_METHODS: [PyMethodDef; 18] = [
    mdef!(c"detach", textio_detach, METH_NOARGS),
    mdef!(c"reconfigure", textio_reconfigure, METH_VARARGS | METH_KEYWORDS),
    mdef!(c"write", textio_write, METH_O),
    mdef!(c"read", textio_read, METH_VARARGS),
    mdef!(c"readline", textio_readline, METH_VARARGS),
    mdef!(c"flush", textio_flush, METH_NOARGS),
    mdef!(c"close", textio_close, METH_NOARGS),
    mdef!(c"fileno", textio_fileno, METH_NOARGS),
    mdef!(c"seekable", textio_seekable, METH_NOARGS),
    mdef!(c"readable", textio_readable, METH_NOARGS),
    mdef!(c"writable", textio_writable, METH_NOARGS),
    mdef!(c"isatty", textio_isatty, METH_NOARGS),
    mdef!(c"seek", textio_seek, METH_VARARGS),
    mdef!(c"tell", textio_tell, METH_NOARGS),
    mdef!(c"truncate", textio_truncate, METH_VARARGS),
    mdef!(c"__next__", textio_next_m, METH_NOARGS),
    mdef!(c"_dealloc_warn", textio_dealloc_warn, METH_O),
    PyMethodDef::SENTINEL,
];

static mut TEXTIO_GETSET: [PyGetSetDef; 12] = [
    getset!(c"encoding", textio_encoding_get),
    getset!(c"buffer", textio_buffer_get),
    getset!(c"line_buffering", textio_line_buffering_get),
    getset!(c"write_through", textio_write_through_get),
    getset!(c"_finalizing", textio_finalizing_get),
    getset!(c"name", textio_name_get),
    getset!(c"closed", textio_closed_get),
    getset!(c"newlines", textio_newlines_get),
    getset!(c"errors", textio_errors_get),
    getset!(c"_CHUNK_SIZE", textio_chunk_size_get, textio_chunk_size_set),
    GETSET_END,
    GETSET_END,
];

/// The state, initialised and attached.
unsafe fn st<'a>(op: *mut PyObject) -> PyResult<&'a mut TextState> {
    unsafe {
        match state(op) {
            Some(IoState::Text(t)) => {
                if t.buffer.is_none() {
                    return Err(errors::value_error("underlying buffer has been detached"));
                }
                Ok(t)
            }
            _ => Err(uninitialized()),
        }
    }
}

fn buf(t: &TextState) -> *mut PyObject {
    t.buffer.as_ref().map(|b| b.as_ptr()).unwrap_or(null_mut())
}

unsafe fn check_closed(op: *mut PyObject) -> PyResult<()> {
    unsafe {
        let t = st(op)?;
        let c = if (*op).ob_type == &raw mut TEXTIOWRAPPER_TYPE {
            getattr(buf(t), "closed")?
        } else {
            getattr(op, "closed")?
        };
        if truthy(c.as_ptr())? {
            return Err(closed_error());
        }
        Ok(())
    }
}

/// Resolve an `encoding` argument: None/"locale" → the locale's (UTF-8 here).
fn resolve_encoding(enc: Option<&str>) -> String {
    match enc {
        None | Some("locale") => "UTF-8".to_string(),
        Some(e) => e.to_string(),
    }
}

/// `TextIOWrapper(buffer, ...)` as a new object.
pub unsafe fn new_wrapper(
    buffer: *mut PyObject,
    encoding: Option<&str>,
    errors_: Option<&str>,
    newline: Option<&str>,
    line_buffering: bool,
) -> PyResult<Owned> {
    unsafe {
        let w = o::typeobject::alloc_instance(&raw mut TEXTIOWRAPPER_TYPE, 0)?;
        init(w.as_ptr(), buffer, encoding, errors_, newline, line_buffering, false)?;
        Ok(w)
    }
}

unsafe fn init(
    op: *mut PyObject,
    buffer: *mut PyObject,
    encoding: Option<&str>,
    errors_: Option<&str>,
    newline: Option<&str>,
    line_buffering: bool,
    write_through: bool,
) -> PyResult<()> {
    unsafe {
        if let Some(n) = newline {
            if !matches!(n, "" | "\n" | "\r" | "\r\n") {
                return Err(errors::value_error(format!("illegal newline value: {}", n)));
            }
        }
        let encoding = resolve_encoding(encoding);
        let codec = lookup_codec(&encoding).ok_or_else(|| crate::raise!(PyExc_LookupError, "unknown encoding: {}", encoding))?;
        let errs = errors_.unwrap_or("strict").to_string();
        let readable = truthy(call_method0(buffer, "readable")?.as_ptr())?;
        let writable = truthy(call_method0(buffer, "writable")?.as_ptr())?;
        let readuniversal = newline.is_none_or(|n| n.is_empty());
        let readtranslate = newline.is_none();
        let readnl: Option<Vec<u32>> = newline.map(|n| n.chars().map(|c| c as u32).collect());
        let writetranslate = newline != Some("");
        let writenl = match newline {
            Some(n) if !readuniversal && n != "\n" => readnl.clone(),
            _ => None,
        };
        let seekable = truthy(call_method0(buffer, "seekable")?.as_ptr())?;
        let has_read1 = o::abstract_::lookup_attr(buffer, string("read1")?.as_ptr())?.is_some();
        let mut t = TextState {
            buffer: Some(Owned::from_borrowed(buffer)),
            encoding,
            errors: errs,
            codec,
            decoder: if readable { Some(Decoder::new(codec)) } else { None },
            nl: if readable && readuniversal { Some(NlState::new(readtranslate)) } else { None },
            encoder: if writable { Some(Encoder::new(codec)) } else { None },
            readuniversal,
            readtranslate,
            readnl,
            writetranslate,
            writenl,
            line_buffering,
            write_through,
            decoded: Vec::new(),
            used: 0,
            pending: Vec::new(),
            snapshot: None,
            seekable,
            telling: seekable,
            has_read1,
            b2cratio: 0.0,
            chunk_size: 8192,
            finalizing: false,
        };
        if seekable && writable {
            let pos = call_method0(buffer, "tell")?;
            if !o::abstract_::rich_compare_bool(pos.as_ptr(), int(0)?.as_ptr(), Py_EQ)? {
                if let Some(e) = &mut t.encoder {
                    e.setstate(0);
                }
            }
        }
        set_state(op, IoState::Text(t));
        Ok(())
    }
}

unsafe extern "C" fn textio_init(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> c_int {
    guard_unit(|| unsafe {
        let a = parse_args(
            "TextIOWrapper",
            args,
            kw,
            &["buffer", "encoding", "errors", "newline", "line_buffering", "write_through"],
            1,
        )?;
        let enc = opt_str_arg("TextIOWrapper", "encoding", a[1])?;
        let errs = opt_str_arg("TextIOWrapper", "errors", a[2])?;
        let nl = opt_str_arg("TextIOWrapper", "newline", a[3])?;
        let lb = int_arg(a[4], 0)? != 0;
        let wt = int_arg(a[5], 0)? != 0;
        init(op, a[0], enc.as_deref(), errs.as_deref(), nl.as_deref(), lb, wt)
    })
}

unsafe extern "C" fn textio_repr(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let tn = o::typeobject::type_name_full((*op).ob_type);
        let enc = match state(op) {
            Some(IoState::Text(t)) => t.encoding.clone(),
            _ => return string(&format!("<{}>", tn)),
        };
        if o::abstract_::repr_enter(op) {
            return Err(errors::runtime_error(format!("reentrant call inside {}.__repr__", tn)));
        }
        let r: PyResult<String> = (|| {
            let mut s = format!("<{}", tn);
            for attr in ["name", "mode"] {
                match o::abstract_::lookup_attr(op, string(attr)?.as_ptr()) {
                    Ok(Some(v)) => s.push_str(&format!(" {}={}", attr, o::abstract_::repr_string_checked(v.as_ptr())?)),
                    Ok(None) => {}
                    Err(e) => {
                        if errors::exception_matches(o::exceptions::PyExc_Exception) {
                            errors::clear();
                        } else {
                            return Err(e);
                        }
                    }
                }
            }
            let e = string(&enc)?;
            s.push_str(&format!(" encoding={}>", o::abstract_::repr_string_checked(e.as_ptr())?));
            Ok(s)
        })();
        o::abstract_::repr_leave(op);
        string(&r?)
    })
}

/// Send the gathered encoded bytes to the buffer.
unsafe fn writeflush(t: &mut TextState) -> PyResult<()> {
    unsafe {
        if t.pending.is_empty() {
            return Ok(());
        }
        let b = bytes(&core::mem::take(&mut t.pending))?;
        call_method(buf(t), "write", &[b.as_ptr()])?;
        Ok(())
    }
}

unsafe extern "C" fn textio_write(op: *mut PyObject, text: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        st(op)?;
        check_closed(op)?;
        if !o::unicodeobject::is_str(text) {
            return Err(errors::type_error(format!("write() argument must be str, not {}", type_name(text))));
        }
        let t = st(op)?;
        if t.encoder.is_none() {
            return Err(unsupported("not writable"));
        }
        let textlen = o::unicodeobject::len(text);
        let mut cps: Option<Vec<u32>> = None;
        let chars = o::unicodeobject::codepoints(text);
        let haslf = ((t.writetranslate && t.writenl.is_some()) || t.line_buffering) && chars.contains(&LF);
        let mut text_obj = Owned::from_borrowed(text);
        if haslf && t.writetranslate {
            if let Some(w) = &t.writenl {
                let mut v = Vec::with_capacity(chars.len());
                for &c in &chars {
                    if c == LF {
                        v.extend_from_slice(w);
                    } else {
                        v.push(c);
                    }
                }
                text_obj = o::unicodeobject::from_codepoints(&v)?;
                cps = Some(v);
            }
        }
        let cps = cps.unwrap_or(chars);
        let text_needflush = t.write_through;
        let needflush = t.line_buffering && (haslf || cps.contains(&CR));
        let errs = t.errors.clone();
        let encoded = t.encoder.as_mut().expect("checked above").encode(text_obj.as_ptr(), &errs)?;
        let t = st(op)?;
        if t.pending.len() + encoded.len() > t.chunk_size {
            writeflush(t)?;
        }
        let t = st(op)?;
        t.pending.extend_from_slice(&encoded);
        if t.pending.len() >= t.chunk_size || needflush || text_needflush {
            writeflush(t)?;
        }
        if needflush {
            call_method0(buf(st(op)?), "flush")?;
        }
        let t = st(op)?;
        t.set_decoded(Vec::new());
        t.snapshot = None;
        t.dec_reset_keep_newlines();
        int(textlen as i64)
    })
}

impl TextState {
    /// The decoder reset `write()` does (CPython calls `decoder.reset()`).
    fn dec_reset_keep_newlines(&mut self) {
        if self.decoder.is_some() {
            self.dec_reset();
        }
    }
}

/// Read and decode one chunk; false at EOF.
unsafe fn read_chunk(op: *mut PyObject, size_hint: i64) -> PyResult<bool> {
    unsafe {
        let t = st(op)?;
        if t.decoder.is_none() {
            return Err(unsupported("not readable"));
        }
        let (dec_buffer, dec_flags) = if t.telling { t.dec_getstate() } else { (Vec::new(), 0) };
        let mut size = t.chunk_size as i64;
        if size_hint > 0 {
            size = size.max((t.b2cratio.max(1.0) * size_hint as f64) as i64);
        }
        let n = int(size)?;
        let meth = if t.has_read1 { "read1" } else { "read" };
        let chunk = call_method(buf(t), meth, &[n.as_ptr()])?;
        let input = match o::buffer::get_contiguous_bytes(chunk.as_ptr()) {
            Some(r) => r?,
            None => {
                return Err(errors::type_error(format!(
                    "underlying {}() should have returned a bytes-like object, not '{}'",
                    meth,
                    type_name(chunk.as_ptr())
                )));
            }
        };
        let t = st(op)?;
        let mut eof = input.is_empty();
        let decoded = t.dec_decode(&input, eof)?;
        let nchars = decoded.len();
        t.b2cratio = if nchars > 0 { input.len() as f64 / nchars as f64 } else { 0.0 };
        if nchars > 0 {
            eof = false;
        }
        t.set_decoded(decoded);
        if t.telling {
            let mut next = dec_buffer;
            next.extend_from_slice(&input);
            t.snapshot = Some((dec_flags, next));
        }
        Ok(!eof)
    }
}

unsafe extern "C" fn textio_read(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = positional("read", args, 0, 1)?;
        let n = optional_size(a[0], -1)?;
        st(op)?;
        check_closed(op)?;
        let t = st(op)?;
        if t.decoder.is_none() {
            return Err(unsupported("not readable"));
        }
        writeflush(t)?;
        if n < 0 {
            let b = call_method0(buf(t), "read")?;
            let input = match o::buffer::get_contiguous_bytes(b.as_ptr()) {
                Some(r) if !is_none(b.as_ptr()) => r?,
                _ => {
                    return Err(errors::type_error(format!(
                        "underlying read() should have returned a bytes object, not '{}'",
                        type_name(b.as_ptr())
                    )));
                }
            };
            let t = st(op)?;
            let decoded = t.dec_decode(&input, true)?;
            let mut result = t.take_decoded(-1);
            result.extend_from_slice(&decoded);
            t.set_decoded(Vec::new());
            t.snapshot = None;
            return o::unicodeobject::from_codepoints(&result);
        }
        let mut result = st(op)?.take_decoded(n);
        while (result.len() as i64) < n {
            if !read_chunk(op, n - result.len() as i64)? {
                break;
            }
            let more = st(op)?.take_decoded(n - result.len() as i64);
            result.extend_from_slice(&more);
        }
        o::unicodeobject::from_codepoints(&result)
    })
}

/// Find the end of the first line in `line` (CPython's rules).
fn find_line_end(t: &TextState, line: &[u32]) -> Option<usize> {
    if t.readtranslate {
        return line.iter().position(|&c| c == LF).map(|i| i + 1);
    }
    if t.readuniversal {
        let i = line.iter().position(|&c| c == LF || c == CR)?;
        // The newline decoder never ends a chunk with a `\r` it could pair
        // with a following `\n`, so a `\r` at the end is a line end.
        if line[i] == CR && i + 1 < line.len() && line[i + 1] == LF {
            return Some(i + 2);
        }
        return Some(i + 1);
    }
    let nl = t.readnl.as_deref().unwrap_or(&[LF]);
    let n = line_length(line, false, false, Some(nl), -1);
    if n < line.len() || line.ends_with(nl) { Some(n) } else { None }
}

unsafe fn readline_impl(op: *mut PyObject, limit: i64) -> PyResult<Owned> {
    unsafe {
        st(op)?;
        check_closed(op)?;
        let t = st(op)?;
        writeflush(t)?;
        if t.decoder.is_none() {
            return Err(unsupported("not readable"));
        }
        let mut prefix: Vec<u32> = Vec::new();
        loop {
            let t = st(op)?;
            let mut line = prefix.clone();
            line.extend_from_slice(&t.decoded[t.used..]);
            let found = find_line_end(t, &line);
            let end = match found {
                Some(e) if limit < 0 || e as i64 <= limit => Some(e),
                _ if limit >= 0 && line.len() as i64 >= limit => Some(limit as usize),
                _ => None,
            };
            if let Some(e) = end {
                let take = e - prefix.len();
                t.used += take;
                return o::unicodeobject::from_codepoints(&line[..e]);
            }
            // No line end yet: everything decoded so far joins the line.
            t.used = t.decoded.len();
            prefix = line;
            let more = read_chunk(op, 0)?;
            if !more {
                let t = st(op)?;
                t.set_decoded(Vec::new());
                t.snapshot = None;
                let mut e = find_line_end(t, &prefix).unwrap_or(prefix.len());
                if limit >= 0 && e as i64 > limit {
                    e = limit as usize;
                }
                // Anything after the line end goes back into the decoded buffer.
                if e < prefix.len() {
                    let rest = prefix[e..].to_vec();
                    t.set_decoded(rest);
                }
                return o::unicodeobject::from_codepoints(&prefix[..e]);
            }
        }
    }
}

unsafe extern "C" fn textio_readline(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = positional("readline", args, 0, 1)?;
        let limit = if a[0].is_null() { -1 } else { index_i64(a[0])? };
        readline_impl(op, limit)
    })
}

unsafe extern "C" fn textio_flush(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        st(op)?;
        check_closed(op)?;
        let t = st(op)?;
        t.telling = t.seekable;
        writeflush(t)?;
        call_method0(buf(st(op)?), "flush")
    })
}

unsafe extern "C" fn textio_close(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let t = st(op)?;
        let b = buf(t);
        if truthy(getattr(op, "closed")?.as_ptr())? {
            return Ok(none());
        }
        if t.finalizing && call_method(b, "_dealloc_warn", &[op]).is_err() {
            errors::clear();
        }
        let r = call_method0(op, "flush");
        let saved = if r.is_err() { Some(errors::fetch()) } else { None };
        let b = buf(st(op)?);
        let r2 = call_method0(b, "close");
        if let Some((ty, v, tb)) = saved {
            if r2.is_err() {
                let second = errors::fetch_instance();
                errors::restore(ty, v, tb);
                let first = errors::fetch_instance();
                if let (Some(f), Some(s)) = (first, second) {
                    o::exceptions::set_context_raw(s.as_ptr(), f.into_raw());
                    return Err(errors::restore_instance(s));
                }
                return Err(errors::Raised::assume());
            }
            errors::restore(ty, v, tb);
            return Err(errors::Raised::assume());
        }
        r2.map(|_| none())
    })
}

unsafe fn forward(op: *mut PyObject, meth: &str) -> PyResult<Owned> {
    unsafe { call_method0(buf(st(op)?), meth) }
}

unsafe extern "C" fn textio_fileno(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { forward(op, "fileno") })
}
unsafe extern "C" fn textio_seekable(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { forward(op, "seekable") })
}
unsafe extern "C" fn textio_readable(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { forward(op, "readable") })
}
unsafe extern "C" fn textio_writable(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { forward(op, "writable") })
}
unsafe extern "C" fn textio_isatty(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { forward(op, "isatty") })
}

unsafe extern "C" fn textio_dealloc_warn(op: *mut PyObject, source: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if let Some(t) = ok_or_clear(st(op)) {
            if call_method(buf(t), "_dealloc_warn", &[source]).is_err() {
                errors::clear();
            }
        }
        Ok(none())
    })
}

unsafe extern "C" fn textio_truncate(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = positional("truncate", args, 0, 1)?;
        st(op)?;
        call_method0(op, "flush")?;
        let pos = if a[0].is_null() { none() } else { Owned::from_borrowed(a[0]) };
        call_method(buf(st(op)?), "truncate", &[pos.as_ptr()])
    })
}

unsafe extern "C" fn textio_detach(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        st(op)?;
        call_method0(op, "flush")?;
        let t = st(op)?;
        Ok(t.buffer.take().unwrap_or_else(none))
    })
}

// ---------------------------------------------------------------- cookies

#[derive(Default, Clone, Copy)]
struct Cookie {
    start_pos: i64,
    dec_flags: i32,
    bytes_to_feed: i32,
    chars_to_skip: i32,
    need_eof: u8,
}

fn build_cookie(c: &Cookie) -> PyResult<Owned> {
    let mut b = [0u8; 21];
    b[..8].copy_from_slice(&c.start_pos.to_le_bytes());
    b[8..12].copy_from_slice(&c.dec_flags.to_le_bytes());
    b[12..16].copy_from_slice(&c.bytes_to_feed.to_le_bytes());
    b[16..20].copy_from_slice(&c.chars_to_skip.to_le_bytes());
    b[20] = c.need_eof;
    o::longobject::from_byte_array(&b, true, false)
}

unsafe fn parse_cookie(v: *mut PyObject) -> PyResult<Cookie> {
    unsafe {
        let big: BigInt = o::longobject::to_big(v);
        let (_, mut bytes_) = big.to_bytes_le();
        if bytes_.len() > 21 {
            return Err(errors::overflow_error("int too big to convert"));
        }
        bytes_.resize(21, 0);
        let b = &bytes_;
        Ok(Cookie {
            start_pos: i64::from_le_bytes(b[..8].try_into().expect("8 bytes")),
            dec_flags: i32::from_le_bytes(b[8..12].try_into().expect("4 bytes")),
            bytes_to_feed: i32::from_le_bytes(b[12..16].try_into().expect("4 bytes")),
            chars_to_skip: i32::from_le_bytes(b[16..20].try_into().expect("4 bytes")),
            need_eof: b[20],
        })
    }
}

/// Restore the decoder to the cookie's state (reset at the stream start).
fn decoder_setstate(t: &mut TextState, c: &Cookie) {
    if c.start_pos == 0 && c.dec_flags == 0 {
        t.dec_reset();
    } else {
        t.dec_setstate(b"", c.dec_flags as i64);
    }
}

unsafe extern "C" fn textio_tell(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        st(op)?;
        check_closed(op)?;
        let t = st(op)?;
        if !t.seekable {
            return Err(unsupported("underlying stream is not seekable"));
        }
        if !t.telling {
            return Err(errors::set_string(o::exceptions::PyExc_OSError, "telling position disabled by next() call"));
        }
        writeflush(t)?;
        call_method0(op, "flush")?;
        let t = st(op)?;
        let posobj = call_method0(buf(t), "tell")?;
        let t = st(op)?;
        let (dec_flags, next_input) = match (&t.decoder, &t.snapshot) {
            (Some(_), Some(s)) => s.clone(),
            _ => return Ok(posobj),
        };
        let pos = index_i64(posobj.as_ptr())?;
        let mut cookie = Cookie { start_pos: pos - next_input.len() as i64, dec_flags: dec_flags as i32, ..Default::default() };
        if t.used == 0 {
            return build_cookie(&cookie);
        }
        let mut chars_to_skip = t.used as i64;
        let saved = t.dec_getstate();
        let r: PyResult<()> = (|| {
            // Fast search for a start point close to the position.
            let mut skip_bytes = (t.b2cratio * chars_to_skip as f64) as i64;
            let mut skip_back = 1i64;
            while skip_bytes > 0 {
                decoder_setstate(t, &cookie);
                let n = t.dec_decode(&next_input[..(skip_bytes as usize).min(next_input.len())], false)?.len() as i64;
                if n <= chars_to_skip {
                    let (dec_buffer, flags) = t.dec_getstate();
                    if dec_buffer.is_empty() {
                        cookie.dec_flags = flags as i32;
                        chars_to_skip -= n;
                        break;
                    }
                    skip_bytes -= dec_buffer.len() as i64;
                    skip_back = 1;
                } else {
                    skip_bytes -= skip_back;
                    skip_back *= 2;
                }
            }
            if skip_bytes <= 0 {
                skip_bytes = 0;
                decoder_setstate(t, &cookie);
            }
            cookie.start_pos += skip_bytes;
            cookie.chars_to_skip = chars_to_skip as i32;
            if chars_to_skip == 0 {
                return Ok(());
            }
            // Feed one byte at a time, noting the last safe start point.
            let mut chars_decoded = 0i64;
            let mut i = skip_bytes as usize;
            let mut reached = false;
            while i < next_input.len() {
                let n = t.dec_decode(&next_input[i..i + 1], false)?.len() as i64;
                chars_decoded += n;
                cookie.bytes_to_feed += 1;
                let (dec_buffer, flags) = t.dec_getstate();
                if dec_buffer.is_empty() && chars_decoded <= chars_to_skip {
                    cookie.start_pos += cookie.bytes_to_feed as i64;
                    chars_to_skip -= chars_decoded;
                    cookie.dec_flags = flags as i32;
                    cookie.bytes_to_feed = 0;
                    chars_decoded = 0;
                }
                if chars_decoded >= chars_to_skip {
                    reached = true;
                    break;
                }
                i += 1;
            }
            if !reached {
                chars_decoded += t.dec_decode(b"", true)?.len() as i64;
                cookie.need_eof = 1;
                if chars_decoded < chars_to_skip {
                    return Err(errors::set_string(o::exceptions::PyExc_OSError, "can't reconstruct logical file position"));
                }
            }
            cookie.chars_to_skip = chars_to_skip as i32;
            Ok(())
        })();
        let t = st(op)?;
        t.dec_setstate(&saved.0, saved.1);
        r?;
        build_cookie(&cookie)
    })
}

unsafe extern "C" fn textio_seek(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        let a = positional("seek", args, 1, 2)?;
        let whence = int_arg(a[1], 0)?;
        st(op)?;
        check_closed(op)?;
        let t = st(op)?;
        if !t.seekable {
            return Err(unsupported("underlying stream is not seekable"));
        }
        let mut cookie_obj = Owned::from_borrowed(a[0]);
        let zero = int(0)?;
        match whence {
            1 => {
                if !o::abstract_::rich_compare_bool(a[0], zero.as_ptr(), Py_EQ)? {
                    return Err(unsupported("can't do nonzero cur-relative seeks"));
                }
                cookie_obj = call_method0(op, "tell")?;
            }
            2 => {
                if !o::abstract_::rich_compare_bool(a[0], zero.as_ptr(), Py_EQ)? {
                    return Err(unsupported("can't do nonzero end-relative seeks"));
                }
                call_method0(op, "flush")?;
                let t = st(op)?;
                t.set_decoded(Vec::new());
                t.snapshot = None;
                if t.decoder.is_some() {
                    t.dec_reset();
                }
                let two = int(2)?;
                let res = call_method(buf(t), "seek", &[zero.as_ptr(), two.as_ptr()])?;
                let t = st(op)?;
                if let Some(e) = &mut t.encoder {
                    if o::abstract_::rich_compare_bool(res.as_ptr(), zero.as_ptr(), Py_EQ)? {
                        e.reset();
                    } else {
                        e.setstate(0);
                    }
                }
                return Ok(res);
            }
            0 => {}
            _ => return Err(errors::value_error(format!("invalid whence ({}, should be 0, 1 or 2)", whence))),
        }
        if o::abstract_::rich_compare_bool(cookie_obj.as_ptr(), zero.as_ptr(), Py_LT)? {
            return Err(errors::value_error(format!(
                "negative seek position {}",
                o::abstract_::repr_string(cookie_obj.as_ptr())
            )));
        }
        call_method0(op, "flush")?;
        let cookie_long = o::longobject::number_long(cookie_obj.as_ptr())?;
        let cookie = parse_cookie(cookie_long.as_ptr())?;
        let t = st(op)?;
        let sp = int(cookie.start_pos)?;
        call_method(buf(t), "seek", &[sp.as_ptr()])?;
        let t = st(op)?;
        t.set_decoded(Vec::new());
        t.snapshot = None;
        if t.decoder.is_some() {
            decoder_setstate(t, &cookie);
        }
        if cookie.chars_to_skip != 0 {
            let n = int(cookie.bytes_to_feed as i64)?;
            let chunk = call_method(buf(t), "read", &[n.as_ptr()])?;
            let input = match o::buffer::get_contiguous_bytes(chunk.as_ptr()) {
                Some(r) => r?,
                None => {
                    return Err(errors::type_error(format!(
                        "underlying read() should have returned a bytes object, not '{}'",
                        type_name(chunk.as_ptr())
                    )));
                }
            };
            let t = st(op)?;
            let decoded = t.dec_decode(&input, cookie.need_eof != 0)?;
            let len = decoded.len();
            t.set_decoded(decoded);
            t.snapshot = Some((cookie.dec_flags as i64, input));
            if len < cookie.chars_to_skip as usize {
                return Err(errors::set_string(o::exceptions::PyExc_OSError, "can't restore logical file position"));
            }
            t.used = cookie.chars_to_skip as usize;
        } else {
            t.snapshot = Some((cookie.dec_flags as i64, Vec::new()));
        }
        let t = st(op)?;
        if let Some(e) = &mut t.encoder {
            if cookie.start_pos == 0 && cookie.dec_flags == 0 && cookie.chars_to_skip == 0 {
                e.reset();
            } else {
                e.setstate(0);
            }
        }
        Ok(cookie_obj)
    })
}

// ---------------------------------------------------------------- reconfigure, iteration, getters

unsafe extern "C" fn textio_reconfigure(op: *mut PyObject, args: *mut PyObject, kw: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        if !args.is_null() && !o::tupleobject::as_slice(args).is_empty() {
            return Err(errors::type_error("reconfigure() takes no positional arguments"));
        }
        let a = parse_args("reconfigure", null_mut(), kw, &["encoding", "errors", "newline", "line_buffering", "write_through"], 0)?;
        let t = st(op)?;
        let enc = opt_str_arg("reconfigure", "encoding", a[0])?;
        let errs = opt_str_arg("reconfigure", "errors", a[1])?;
        let newline_given = !a[2].is_null();
        let newline = if newline_given { check_newline(a[2])? } else { None };
        if (enc.is_some() || errs.is_some() || newline_given) && !t.decoded.is_empty() {
            return Err(unsupported("It is not possible to set the encoding or newline of stream after the first read"));
        }
        let line_buffering = if is_none(a[3]) { t.line_buffering } else { truthy(a[3])? };
        let write_through = if is_none(a[4]) { t.write_through } else { truthy(a[4])? };
        call_method0(op, "flush")?;
        let t = st(op)?;
        let (new_enc, new_errs) = match (&enc, &errs) {
            (None, None) => (t.encoding.clone(), t.errors.clone()),
            (Some(e), None) => (resolve_encoding(Some(e)), "strict".to_string()),
            (None, Some(r)) => (t.encoding.clone(), r.clone()),
            (Some(e), Some(r)) => (resolve_encoding(Some(e)), r.clone()),
        };
        let nl_now: Option<String> = if newline_given {
            newline
        } else if t.readtranslate {
            None
        } else {
            Some(t.readnl.as_ref().map(|v| v.iter().filter_map(|&c| char::from_u32(c)).collect()).unwrap_or_default())
        };
        let b = t.buffer.clone().expect("attached");
        let (telling, pending_seek) = (t.telling, t.snapshot.clone());
        let fin = t.finalizing;
        let chunk = t.chunk_size;
        init(op, b.as_ptr(), Some(&new_enc), Some(&new_errs), nl_now.as_deref(), line_buffering, write_through)?;
        let t = st(op)?;
        t.telling = telling && t.seekable;
        t.snapshot = pending_seek;
        t.finalizing = fin;
        t.chunk_size = chunk;
        Ok(none())
    })
}

unsafe extern "C" fn textio_iter(op: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe {
        st(op)?;
        check_closed(op)?;
        Ok(Owned::from_borrowed(op))
    })
}

unsafe fn next_line(op: *mut PyObject) -> PyResult<Option<Owned>> {
    unsafe {
        st(op)?.telling = false;
        let line = if (*op).ob_type == &raw mut TEXTIOWRAPPER_TYPE {
            readline_impl(op, -1)?
        } else {
            let l = call_method0(op, "readline")?;
            if !o::unicodeobject::is_str(l.as_ptr()) {
                return Err(errors::set_string(
                    o::exceptions::PyExc_OSError,
                    &format!("readline() should have returned a str object, not '{}'", type_name(l.as_ptr())),
                ));
            }
            l
        };
        if o::unicodeobject::len(line.as_ptr()) == 0 {
            let t = st(op)?;
            t.snapshot = None;
            t.telling = t.seekable;
            return Ok(None);
        }
        Ok(Some(line))
    }
}

unsafe extern "C" fn textio_iternext(op: *mut PyObject) -> *mut PyObject {
    unsafe {
        match next_line(op) {
            Ok(Some(l)) => l.into_raw(),
            _ => null_mut(),
        }
    }
}

unsafe extern "C" fn textio_next_m(op: *mut PyObject, _a: *mut PyObject) -> *mut PyObject {
    guard_obj(|| unsafe { next_line(op)?.ok_or_else(errors::stop_iteration) })
}

unsafe extern "C" fn textio_encoding_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe {
        match state(op) {
            Some(IoState::Text(t)) => string(&t.encoding),
            _ => Err(uninitialized()),
        }
    })
}

unsafe extern "C" fn textio_errors_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe {
        match state(op) {
            Some(IoState::Text(t)) => string(&t.errors),
            _ => Err(uninitialized()),
        }
    })
}

unsafe extern "C" fn textio_buffer_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe {
        match state(op) {
            Some(IoState::Text(t)) => Ok(t.buffer.clone().unwrap_or_else(none)),
            _ => Err(uninitialized()),
        }
    })
}

unsafe extern "C" fn textio_line_buffering_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { Ok(boolean(st(op)?.line_buffering)) })
}

unsafe extern "C" fn textio_write_through_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { Ok(boolean(st(op)?.write_through)) })
}

unsafe extern "C" fn textio_finalizing_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { Ok(boolean(st(op)?.finalizing)) })
}

unsafe extern "C" fn textio_name_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { getattr(buf(st(op)?), "name") })
}

unsafe extern "C" fn textio_closed_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { getattr(buf(st(op)?), "closed") })
}

unsafe extern "C" fn textio_newlines_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe {
        let t = st(op)?;
        match &t.nl {
            Some(nl) => nl.newlines(),
            None => Ok(none()),
        }
    })
}

unsafe extern "C" fn textio_chunk_size_get(op: *mut PyObject, _c: *mut c_void) -> *mut PyObject {
    guard_obj(|| unsafe { int(st(op)?.chunk_size as i64) })
}

unsafe extern "C" fn textio_chunk_size_set(op: *mut PyObject, v: *mut PyObject, _c: *mut c_void) -> c_int {
    guard_unit(|| unsafe {
        let t = st(op)?;
        if v.is_null() {
            return Err(errors::attribute_error("cannot delete attribute"));
        }
        let n = index_i64(v)?;
        if n <= 0 {
            return Err(errors::value_error("a strictly positive integer is required"));
        }
        t.chunk_size = n as usize;
        Ok(())
    })
}
