//! The built-in codecs every str needs: UTF-8, ASCII and Latin-1, with the
//! standard error handlers (strict, ignore, replace, backslashreplace,
//! xmlcharrefreplace, surrogateescape, surrogatepass).
//!
//! Design note. The codec registry (`codecs.lookup`, other encodings) belongs
//! to the codecs module; `str.encode`, `bytes.decode`, `str(b, enc)` and the
//! `PyUnicode_Decode*`/`AsEncodedString` C API come here first and use these
//! three directly. Errors raise `UnicodeDecodeError`/`UnicodeEncodeError`
//! built from CPython's 5-tuple `(encoding, object, start, end, reason)`, with
//! CPython's positions: a UTF-8 decode error covers the maximal invalid
//! subpart, an encode error covers the whole run of unencodable characters.
//! Unknown handler names raise `LookupError` only when an error occurs, as in
//! CPython. Lone surrogates round-trip through surrogateescape/surrogatepass.
use super::object::*;
use super::pyref::*;
use crate::runtime::errors::{self, PyResult};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

impl Codec {
    /// The name used in error messages.
    pub fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }
    fn limit(self) -> u32 {
        match self {
            Codec::Utf8 => 0x110000,
            Codec::Ascii => 0x80,
            Codec::Latin1 => 0x100,
        }
    }
}

/// Find a codec by name, normalised as the encodings package does (case,
/// `_`/space/`-` equivalence); None for codecs pyrite does not have yet.
pub fn lookup(name: &str) -> Option<Codec> {
    let n: String = name
        .trim()
        .chars()
        .map(|c| if c == '_' || c == ' ' { '-' } else { c.to_ascii_lowercase() })
        .collect();
    match n.as_str() {
        "utf-8" | "utf8" | "u8" | "utf" | "cp65001" | "utf-8-strict" => Some(Codec::Utf8),
        "ascii" | "us-ascii" | "646" | "us" | "ansi-x3.4-1968" | "iso646-us" => Some(Codec::Ascii),
        "latin-1" | "latin1" | "latin" | "l1" | "iso-8859-1" | "iso8859-1" | "8859" | "cp819" | "iso-ir-100" => {
            Some(Codec::Latin1)
        }
        _ => None,
    }
}

/// `lookup` or LookupError "unknown encoding: x".
pub fn lookup_or_raise(name: &str) -> PyResult<Codec> {
    lookup(name).ok_or_else(|| crate::raise!(PyExc_LookupError, "unknown encoding: {}", name))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Handler {
    Strict,
    Ignore,
    Replace,
    BackslashReplace,
    XmlCharRefReplace,
    SurrogateEscape,
    SurrogatePass,
}

fn handler(name: &str) -> PyResult<Handler> {
    Ok(match name {
        "strict" => Handler::Strict,
        "ignore" => Handler::Ignore,
        "replace" => Handler::Replace,
        "backslashreplace" => Handler::BackslashReplace,
        "xmlcharrefreplace" => Handler::XmlCharRefReplace,
        "surrogateescape" => Handler::SurrogateEscape,
        "surrogatepass" => Handler::SurrogatePass,
        _ => return Err(crate::raise!(PyExc_LookupError, "unknown error handler name '{}'", name)),
    })
}

/// Raise `exc(encoding, object, start, end, reason)`.
pub fn raise_unicode_error(
    exc: *mut PyObject,
    encoding: &str,
    object: *mut PyObject,
    start: usize,
    end: usize,
    reason: &str,
) -> errors::Raised {
    let r: PyResult<Owned> = (|| {
        let enc = super::unicodeobject::from_str(encoding)?;
        let s = super::longobject::from_isize(start as isize)?;
        let e = super::longobject::from_isize(end as isize)?;
        let why = super::unicodeobject::from_str(reason)?;
        super::tupleobject::pack(&[enc.as_ptr(), object, s.as_ptr(), e.as_ptr(), why.as_ptr()])
    })();
    match r {
        Ok(args) => errors::set_object(exc, args.as_ptr()),
        Err(e) => e,
    }
}

// ---------------------------------------------------------------- decoding

/// The bytes object an error refers to: the caller's, or a copy of the data.
fn error_object(src: Option<*mut PyObject>, data: &[u8]) -> PyResult<Owned> {
    match src {
        Some(p) if !p.is_null() => Ok(unsafe { Owned::from_borrowed(p) }),
        _ => super::bytesobject::from_slice(data),
    }
}

fn push_escaped_byte(out: &mut Vec<u32>, b: u8) {
    for c in format!("\\x{:02x}", b).chars() {
        out.push(c as u32);
    }
}

/// Decode `data`; `src` is the bytes object it came from (for the exception),
/// or None to make one. With `final_ == false` an incomplete UTF-8 sequence at
/// the end is left undecoded; returns (code points, bytes consumed).
pub fn decode_to_codepoints(
    data: &[u8],
    codec: Codec,
    errors_: &str,
    src: Option<*mut PyObject>,
    final_: bool,
) -> PyResult<(Vec<u32>, usize)> {
    let mut out: Vec<u32> = Vec::with_capacity(data.len());
    let mut i = 0;
    let n = data.len();
    let mut h: Option<Handler> = None;
    while i < n {
        // (start, end, reason) of the next error, after decoding what precedes it.
        let (start, end, reason): (usize, usize, &str) = match codec {
            Codec::Latin1 => {
                out.extend(data[i..].iter().map(|&b| b as u32));
                i = n;
                continue;
            }
            Codec::Ascii => {
                let k = data[i..].iter().position(|&b| b >= 0x80).map(|k| k + i).unwrap_or(n);
                out.extend(data[i..k].iter().map(|&b| b as u32));
                if k == n {
                    i = n;
                    continue;
                }
                (k, k + 1, "ordinal not in range(128)")
            }
            Codec::Utf8 => match std::str::from_utf8(&data[i..]) {
                Ok(s) => {
                    out.extend(s.chars().map(|c| c as u32));
                    i = n;
                    continue;
                }
                Err(e) => {
                    let good = i + e.valid_up_to();
                    // SAFETY: the prefix was just validated.
                    let s = unsafe { std::str::from_utf8_unchecked(&data[i..good]) };
                    out.extend(s.chars().map(|c| c as u32));
                    match e.error_len() {
                        None => {
                            if !final_ {
                                return Ok((out, good));
                            }
                            (good, n, "unexpected end of data")
                        }
                        Some(len) => {
                            let b = data[good];
                            let bad_start = (0x80..0xc2).contains(&b) || b >= 0xf5;
                            (good, good + len, if bad_start { "invalid start byte" } else { "invalid continuation byte" })
                        }
                    }
                }
            },
        };
        let hd = match h {
            Some(x) => x,
            None => {
                let x = handler(errors_)?;
                h = Some(x);
                x
            }
        };
        match hd {
            Handler::Strict | Handler::XmlCharRefReplace => {
                let obj = error_object(src, data)?;
                return Err(raise_unicode_error(
                    unsafe { super::exceptions::PyExc_UnicodeDecodeError },
                    codec.name(),
                    obj.as_ptr(),
                    start,
                    end,
                    reason,
                ));
            }
            Handler::Ignore => i = end,
            Handler::Replace => {
                out.push(0xfffd);
                i = end;
            }
            Handler::BackslashReplace => {
                for &b in &data[start..end] {
                    push_escaped_byte(&mut out, b);
                }
                i = end;
            }
            Handler::SurrogateEscape => {
                // Only bytes >= 128 can be escaped (all of them here).
                for &b in &data[start..end] {
                    out.push(0xdc00 + b as u32);
                }
                i = end;
            }
            Handler::SurrogatePass => {
                if codec == Codec::Utf8
                    && start + 3 <= n
                    && data[start] == 0xed
                    && (0xa0..0xc0).contains(&data[start + 1])
                    && (0x80..0xc0).contains(&data[start + 2])
                {
                    let cp = 0xd000 | ((data[start + 1] as u32 & 0x3f) << 6) | (data[start + 2] as u32 & 0x3f);
                    out.push(cp);
                    i = start + 3;
                } else {
                    let obj = error_object(src, data)?;
                    return Err(raise_unicode_error(
                        unsafe { super::exceptions::PyExc_UnicodeDecodeError },
                        codec.name(),
                        obj.as_ptr(),
                        start,
                        end,
                        reason,
                    ));
                }
            }
        }
    }
    Ok((out, n))
}

/// Decode into a str object.
pub fn decode(data: &[u8], codec: Codec, errors_: &str, src: Option<*mut PyObject>) -> PyResult<Owned> {
    if codec == Codec::Utf8 || codec == Codec::Ascii {
        if data.is_ascii() {
            let o = super::unicodeobject::new_uninit(data.len() as Py_ssize_t, 0)?;
            // SAFETY: a fresh ASCII str has room for len bytes.
            unsafe { core::ptr::copy_nonoverlapping(data.as_ptr(), super::unicodeobject::data(o.as_ptr()), data.len()) };
            return Ok(o);
        }
    }
    let (cps, _) = decode_to_codepoints(data, codec, errors_, src, true)?;
    super::unicodeobject::from_codepoints(&cps)
}

// ---------------------------------------------------------------- encoding

fn encodable(codec: Codec, ch: u32) -> bool {
    ch < codec.limit() && !(codec == Codec::Utf8 && (0xd800..0xe000).contains(&ch))
}

fn push_utf8(out: &mut Vec<u8>, ch: u32) {
    if ch < 0x80 {
        out.push(ch as u8);
    } else if ch < 0x800 {
        out.push(0xc0 | (ch >> 6) as u8);
        out.push(0x80 | (ch & 0x3f) as u8);
    } else if ch < 0x10000 {
        out.push(0xe0 | (ch >> 12) as u8);
        out.push(0x80 | ((ch >> 6) & 0x3f) as u8);
        out.push(0x80 | (ch & 0x3f) as u8);
    } else {
        out.push(0xf0 | (ch >> 18) as u8);
        out.push(0x80 | ((ch >> 12) & 0x3f) as u8);
        out.push(0x80 | ((ch >> 6) & 0x3f) as u8);
        out.push(0x80 | (ch & 0x3f) as u8);
    }
}

/// Encode the str `op` with `codec` and the named error handler.
pub unsafe fn encode(op: *mut PyObject, codec: Codec, errors_: &str) -> PyResult<Vec<u8>> {
    unsafe {
        use super::unicodeobject as u;
        let n = u::len(op) as usize;
        if u::is_ascii(op) {
            return Ok(core::slice::from_raw_parts(u::data(op), n).to_vec());
        }
        if codec == Codec::Utf8 {
            if let Ok(b) = u::as_utf8(op) {
                return Ok(b.to_vec());
            }
            errors::clear();
        }
        let mut out = Vec::with_capacity(n);
        let mut h: Option<Handler> = None;
        let mut i = 0;
        while i < n {
            let ch = u::read(op, i);
            if encodable(codec, ch) {
                match codec {
                    Codec::Utf8 => push_utf8(&mut out, ch),
                    _ => out.push(ch as u8),
                }
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i + 1;
            while end < n && !encodable(codec, u::read(op, end)) {
                end += 1;
            }
            let reason = match codec {
                Codec::Utf8 => "surrogates not allowed",
                Codec::Ascii => "ordinal not in range(128)",
                Codec::Latin1 => "ordinal not in range(256)",
            };
            let hd = match h {
                Some(x) => x,
                None => {
                    let x = handler(errors_)?;
                    h = Some(x);
                    x
                }
            };
            let fail = || {
                Err(raise_unicode_error(
                    super::exceptions::PyExc_UnicodeEncodeError,
                    codec.name(),
                    op,
                    start,
                    end,
                    reason,
                ))
            };
            match hd {
                Handler::Strict => return fail(),
                Handler::Ignore => {}
                Handler::Replace => out.extend(std::iter::repeat_n(b'?', end - start)),
                Handler::BackslashReplace => {
                    for k in start..end {
                        let c = u::read(op, k);
                        let s = if c < 0x100 {
                            format!("\\x{:02x}", c)
                        } else if c < 0x10000 {
                            format!("\\u{:04x}", c)
                        } else {
                            format!("\\U{:08x}", c)
                        };
                        out.extend_from_slice(s.as_bytes());
                    }
                }
                Handler::XmlCharRefReplace => {
                    for k in start..end {
                        out.extend_from_slice(format!("&#{};", u::read(op, k)).as_bytes());
                    }
                }
                Handler::SurrogateEscape => {
                    let mut tmp = Vec::with_capacity(end - start);
                    for k in start..end {
                        let c = u::read(op, k);
                        if !(0xdc80..0xdd00).contains(&c) {
                            return fail();
                        }
                        tmp.push((c - 0xdc00) as u8);
                    }
                    out.extend_from_slice(&tmp);
                }
                Handler::SurrogatePass => {
                    if codec != Codec::Utf8 {
                        return fail();
                    }
                    for k in start..end {
                        let c = u::read(op, k);
                        if !(0xd800..0xe000).contains(&c) {
                            return fail();
                        }
                        push_utf8(&mut out, c);
                    }
                }
            }
            i = end;
        }
        Ok(out)
    }
}

