//! UTF-16 and UTF-32 (CPython's codecs of the same name in
//! `Objects/unicodeobject.c`), for `PyUnicode_AsUTF16String`/`AsUTF32String`
//! and `PyUnicode_DecodeUTF16`/`DecodeUTF32` (+ `Stateful`).
//!
//! Design note. Byte order follows CPython's `*byteorder` convention: -1
//! little, 1 big, 0 "detect": a leading BOM picks the order and is skipped,
//! else native (little-endian here); the order used is written back. Encoding
//! always writes a native BOM then native order. Decode errors carry CPython's
//! reasons and positions (relative to the whole input, BOM included) and name
//! the codec "utf-16-le"/"utf-16-be" ("utf-32-…"); the error handlers are
//! strict, ignore, replace, backslashreplace, surrogateescape and surrogatepass.
//! With `consumed` (stateful decoding) an incomplete unit or surrogate pair at
//! the end is left for the next call.
use super::object::*;
use super::pyref::*;
use super::unicode_codecs::raise_unicode_error;
use crate::runtime::errors::{self, PyResult};

/// Encode `op` (a str) as UTF-16 or UTF-32 (`width` 2 or 4) with a native BOM.
/// Surrogates are not encodable (strict: UnicodeEncodeError).
pub unsafe fn encode(op: *mut PyObject, width: usize) -> PyResult<Owned> {
    unsafe {
        use super::unicodeobject as u;
        let n = u::len(op) as usize;
        let name = if width == 2 { "utf-16" } else { "utf-32" };
        let mut out = Vec::with_capacity((n + 1) * width);
        let push = |out: &mut Vec<u8>, c: u32| {
            if width == 4 {
                out.extend_from_slice(&c.to_le_bytes());
            } else if c >= 0x10000 {
                let c = c - 0x10000;
                out.extend_from_slice(&((0xd800 + (c >> 10)) as u16).to_le_bytes());
                out.extend_from_slice(&((0xdc00 + (c & 0x3ff)) as u16).to_le_bytes());
            } else {
                out.extend_from_slice(&(c as u16).to_le_bytes());
            }
        };
        push(&mut out, 0xfeff);
        for i in 0..n {
            let c = u::read(op, i);
            if (0xd800..0xe000).contains(&c) {
                return Err(raise_unicode_error(
                    super::exceptions::PyExc_UnicodeEncodeError,
                    name,
                    op,
                    i,
                    i + 1,
                    "surrogates not allowed",
                ));
            }
            push(&mut out, c);
        }
        super::bytesobject::from_slice(&out)
    }
}

/// One decoding problem: bytes `start..end`, and why.
struct Problem {
    start: usize,
    end: usize,
    reason: &'static str,
}

/// Decode UTF-16 (`width` 2) or UTF-32 (`width` 4). `byteorder` in/out as
/// described above; `consumed` is Some for stateful decoding.
pub fn decode(
    data: &[u8],
    width: usize,
    errors_: &str,
    byteorder: Option<&mut i32>,
    consumed: Option<&mut isize>,
) -> PyResult<Owned> {
    let mut bo = byteorder.as_ref().map_or(0, |b| **b);
    let mut q = 0usize;
    if bo == 0 && data.len() >= width {
        let bom = if width == 2 {
            u16::from_le_bytes([data[0], data[1]]) as u32
        } else {
            u32::from_le_bytes([data[0], data[1], data[2], data[3]])
        };
        if bom == 0xfeff {
            bo = -1;
            q = width;
        } else if bom == if width == 2 { 0xfffe } else { 0xfffe0000 } {
            bo = 1;
            q = width;
        }
    }
    let stateful = consumed.is_some();
    let little = bo <= 0;
    let name = match (width, little) {
        (2, true) => "utf-16-le",
        (2, false) => "utf-16-be",
        (_, true) => "utf-32-le",
        (_, false) => "utf-32-be",
    };
    let unit = |at: usize| -> u32 {
        if width == 2 {
            let b = [data[at], data[at + 1]];
            (if little { u16::from_le_bytes(b) } else { u16::from_be_bytes(b) }) as u32
        } else {
            let b = [data[at], data[at + 1], data[at + 2], data[at + 3]];
            if little {
                u32::from_le_bytes(b)
            } else {
                u32::from_be_bytes(b)
            }
        }
    };
    let e = data.len();
    let mut out: Vec<u32> = Vec::with_capacity((e - q) / width);
    let mut src: Option<Owned> = None;
    loop {
        // Decode what is clean; stop at the end or a problem.
        let mut problem: Option<Problem> = None;
        while e - q >= width {
            let ch = unit(q);
            if width == 4 {
                if (0xd800..0xe000).contains(&ch) {
                    problem = Some(Problem {
                        start: q,
                        end: q + 4,
                        reason: "code point in surrogate code point range(0xd800, 0xe000)",
                    });
                    break;
                }
                if ch >= 0x110000 {
                    problem = Some(Problem { start: q, end: q + 4, reason: "code point not in range(0x110000)" });
                    break;
                }
                out.push(ch);
                q += 4;
                continue;
            }
            if !(0xd800..0xe000).contains(&ch) {
                out.push(ch);
                q += 2;
                continue;
            }
            if ch >= 0xdc00 {
                problem = Some(Problem { start: q, end: q + 2, reason: "illegal encoding" });
                break;
            }
            if e - (q + 2) < 2 {
                if stateful {
                    break;
                }
                problem = Some(Problem { start: q, end: e, reason: "unexpected end of data" });
                break;
            }
            let ch2 = unit(q + 2);
            if !(0xdc00..0xe000).contains(&ch2) {
                problem = Some(Problem { start: q, end: q + 2, reason: "illegal UTF-16 surrogate" });
                break;
            }
            out.push(0x10000 + ((ch - 0xd800) << 10) + (ch2 - 0xdc00));
            q += 4;
        }
        let p = match problem {
            Some(p) => p,
            None => {
                if q == e || stateful {
                    break;
                }
                Problem { start: q, end: e, reason: "truncated data" }
            }
        };
        // The error handler.
        let fail = |src: &mut Option<Owned>| -> errors::Raised {
            let obj = match src {
                Some(o) => o.as_ptr(),
                None => match super::bytesobject::from_slice(data) {
                    Ok(o) => src.insert(o).as_ptr(),
                    Err(e) => return e,
                },
            };
            // SAFETY: reading an exception type pointer set at start-up.
            let exc = unsafe { super::exceptions::PyExc_UnicodeDecodeError };
            raise_unicode_error(exc, name, obj, p.start, p.end, p.reason)
        };
        match errors_ {
            "strict" => return Err(fail(&mut src)),
            "ignore" => {}
            "replace" => out.push(0xfffd),
            "backslashreplace" => {
                for &b in &data[p.start..p.end] {
                    out.extend(format!("\\x{:02x}", b).chars().map(|c| c as u32));
                }
            }
            "surrogateescape" => {
                if data[p.start..p.end].iter().any(|&b| b < 128) {
                    return Err(fail(&mut src));
                }
                out.extend(data[p.start..p.end].iter().map(|&b| 0xdc00 + b as u32));
            }
            "surrogatepass" => {
                // A lone surrogate encoded in this codec passes through; a
                // range of any other length (a high surrogate followed by a
                // stray byte) fails, as CPython's handler does.
                if p.end - p.start != width {
                    return Err(fail(&mut src));
                }
                let ch = unit(p.start);
                if !(0xd800..0xe000).contains(&ch) {
                    return Err(fail(&mut src));
                }
                out.push(ch);
                q = p.start + width;
                continue;
            }
            "xmlcharrefreplace" | "namereplace" => {
                return Err(errors::type_error("don't know how to handle UnicodeDecodeError in error callback"));
            }
            other => {
                return Err(crate::raise!(PyExc_LookupError, "unknown error handler name '{}'", other));
            }
        }
        q = p.end;
    }
    if let Some(b) = byteorder {
        *b = bo;
    }
    if let Some(c) = consumed {
        *c = q as isize;
    }
    super::unicodeobject::from_codepoints(&out)
}
