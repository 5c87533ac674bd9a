//! Tokenizer: Python 3.11 source text to tokens, as CPython 3.11's tokenizer.
//!
//! Design note.
//! * Input: bytes. `decode_source` applies CPython's rules (UTF-8 by default, a
//!   UTF-8 BOM, a PEP 263 coding declaration on line 1 or 2) and yields a `&str`
//!   the scanner works on; invalid UTF-8 is reported as CPython reports it.
//! * One scanner produces the full token stream of the `tokenize` module
//!   (ENCODING, COMMENT, NL included, same positions); `parser_tokens` filters it
//!   to what CPython's C tokenizer hands its parser (no ENCODING/COMMENT/NL).
//! * Every token carries its kind (the `token` module's exact type numbers), the
//!   byte range of its text in the decoded source, and start/end positions with
//!   both columns: code points (what `tokenize` and `SyntaxError.offset` count)
//!   and UTF-8 bytes (what the AST's `col_offset` counts).
//! * Errors follow the C tokenizer's paths and carry exactly what `compile()`
//!   reports: class, message, lineno, offset, end_lineno, end_offset, text.
//!   Errors the C tokenizer reports through the parser (line continuation,
//!   indentation, EOF) use the parser's position conventions.
//! * Identifiers are checked against XID_Start/XID_Continue (PEP 3131); the
//!   token text stays as written (as `tokenize` shows it) and
//!   `normalize_identifier` gives the NFKC form the parser must use.
//! * `decode_string_literal` turns a STRING token into its value (str code
//!   points or bytes), with CPython's errors and DeprecationWarnings;
//!   `check_source` runs both over a whole source and gives the first error,
//!   as `compile()` reports it when the tokenizer is what rejects the source.
//! * Source encodings: UTF-8, Latin-1, ASCII and the single-byte code pages of
//!   `charsets.rs` (generated from CPython's codecs); others are "unknown encoding".
//!   Like CPython, bytes in comments are never decoded (bad UTF-8 there is fine).
//! * Line breaks: "\n", "\r\n", and a lone "\r" (which `compile()` translates).
//! Known gaps: multi-byte encodings (Shift-JIS,
//! EUC, GB*) are unknown encodings; the `tokenize` module's regex stops a NAME at
//! non-`\w` XID_Continue characters (U+E0100) where we, like CPython's real
//! tokenizer, do not.
//! Invariants: token byte ranges are on char boundaries of the decoded source;
//! the scanner never panics on any input (it works on bytes with bounds checks,
//! fuzzed by tests/tokenizer.rs).

use std::collections::VecDeque;

/// Token types, numbered as CPython 3.11's `token` module.
#[allow(clippy::upper_case_acronyms)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum TokKind {
    ENDMARKER = 0,
    NAME = 1,
    NUMBER = 2,
    STRING = 3,
    NEWLINE = 4,
    INDENT = 5,
    DEDENT = 6,
    LPAR = 7,
    RPAR = 8,
    LSQB = 9,
    RSQB = 10,
    COLON = 11,
    COMMA = 12,
    SEMI = 13,
    PLUS = 14,
    MINUS = 15,
    STAR = 16,
    SLASH = 17,
    VBAR = 18,
    AMPER = 19,
    LESS = 20,
    GREATER = 21,
    EQUAL = 22,
    DOT = 23,
    PERCENT = 24,
    LBRACE = 25,
    RBRACE = 26,
    EQEQUAL = 27,
    NOTEQUAL = 28,
    LESSEQUAL = 29,
    GREATEREQUAL = 30,
    TILDE = 31,
    CIRCUMFLEX = 32,
    LEFTSHIFT = 33,
    RIGHTSHIFT = 34,
    DOUBLESTAR = 35,
    PLUSEQUAL = 36,
    MINEQUAL = 37,
    STAREQUAL = 38,
    SLASHEQUAL = 39,
    PERCENTEQUAL = 40,
    AMPEREQUAL = 41,
    VBAREQUAL = 42,
    CIRCUMFLEXEQUAL = 43,
    LEFTSHIFTEQUAL = 44,
    RIGHTSHIFTEQUAL = 45,
    DOUBLESTAREQUAL = 46,
    DOUBLESLASH = 47,
    DOUBLESLASHEQUAL = 48,
    AT = 49,
    ATEQUAL = 50,
    RARROW = 51,
    ELLIPSIS = 52,
    COLONEQUAL = 53,
    OP = 54,
    AWAIT = 55,
    ASYNC = 56,
    TYPE_IGNORE = 57,
    TYPE_COMMENT = 58,
    SOFT_KEYWORD = 59,
    ERRORTOKEN = 60,
    COMMENT = 61,
    NL = 62,
    ENCODING = 63,
}

const KIND_NAMES: [&str; 64] = [
    "ENDMARKER", "NAME", "NUMBER", "STRING", "NEWLINE", "INDENT", "DEDENT", "LPAR", "RPAR",
    "LSQB", "RSQB", "COLON", "COMMA", "SEMI", "PLUS", "MINUS", "STAR", "SLASH", "VBAR", "AMPER",
    "LESS", "GREATER", "EQUAL", "DOT", "PERCENT", "LBRACE", "RBRACE", "EQEQUAL", "NOTEQUAL",
    "LESSEQUAL", "GREATEREQUAL", "TILDE", "CIRCUMFLEX", "LEFTSHIFT", "RIGHTSHIFT", "DOUBLESTAR",
    "PLUSEQUAL", "MINEQUAL", "STAREQUAL", "SLASHEQUAL", "PERCENTEQUAL", "AMPEREQUAL",
    "VBAREQUAL", "CIRCUMFLEXEQUAL", "LEFTSHIFTEQUAL", "RIGHTSHIFTEQUAL", "DOUBLESTAREQUAL",
    "DOUBLESLASH", "DOUBLESLASHEQUAL", "AT", "ATEQUAL", "RARROW", "ELLIPSIS", "COLONEQUAL", "OP",
    "AWAIT", "ASYNC", "TYPE_IGNORE", "TYPE_COMMENT", "SOFT_KEYWORD", "ERRORTOKEN", "COMMENT",
    "NL", "ENCODING",
];

impl TokKind {
    /// The `token.tok_name` of this (exact) type.
    pub fn name(self) -> &'static str {
        KIND_NAMES[self as usize]
    }
    /// The `token` module's number.
    pub fn number(self) -> u8 {
        self as u8
    }
    /// True for operator tokens (`tokenize` reports them with type OP).
    pub fn is_operator(self) -> bool {
        (7..=53).contains(&(self as u8))
    }
    /// The generic type `tokenize` reports (OP for every operator).
    pub fn generic(self) -> TokKind {
        if self.is_operator() {
            TokKind::OP
        } else {
            self
        }
    }
}

/// A position: line from 1; `col` in code points and `byte_col` in UTF-8 bytes, both from 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
    pub byte_col: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokKind,
    /// Byte range of the token's text in the decoded source (empty for
    /// INDENT-less markers: DEDENT, ENDMARKER, the implicit final NEWLINE).
    pub text_start: usize,
    pub text_end: usize,
    pub start: Pos,
    pub end: Pos,
}

impl Token {
    pub fn text<'s>(&self, src: &'s str) -> &'s str {
        &src[self.text_start..self.text_end]
    }
}

/// The exception class of a tokenizer error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrClass {
    SyntaxError,
    IndentationError,
    TabError,
}

impl ErrClass {
    pub fn name(self) -> &'static str {
        match self {
            ErrClass::SyntaxError => "SyntaxError",
            ErrClass::IndentationError => "IndentationError",
            ErrClass::TabError => "TabError",
        }
    }
}

/// What `compile()` reports for an invalid source (None where CPython's attribute is None).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokError {
    pub class: ErrClass,
    pub msg: String,
    pub lineno: Option<i64>,
    pub offset: Option<i64>,
    pub end_lineno: Option<i64>,
    pub end_offset: Option<i64>,
    pub text: Option<String>,
}

impl TokError {
    fn syntax(msg: String) -> TokError {
        TokError {
            class: ErrClass::SyntaxError,
            msg,
            lineno: None,
            offset: None,
            end_lineno: None,
            end_offset: None,
            text: None,
        }
    }
}

// ---------------------------------------------------------------------------
// Source decoding

/// The decoded source and the encoding `tokenize` names in its ENCODING token.
pub struct Decoded {
    /// The text; invalid UTF-8 is replaced by U+FFFD (see `utf8_error`).
    pub text: String,
    pub encoding: String,
    /// Invalid UTF-8 outside comments: CPython reports it only when the token
    /// holding it (an identifier or a string literal) is reached, so the
    /// tokenizer raises it then (`Tokenizer::with_deferred_error`). The offset
    /// is where the bad byte is in `text` (everything before it is valid).
    pub utf8_error: Option<(usize, TokError)>,
    /// The encoding is known (a `str` source, a coding declaration or a
    /// BOM): the parser's own errors then give columns in characters.
    /// Undeclared bytes keep CPython's byte columns (its tok->encoding is
    /// NULL there), as `compile(b"...")` and files without a cookie show.
    pub char_offsets: bool,
}

fn normal_encoding_name(name: &str) -> String {
    // CPython's get_normal_name: the first 12 characters, lower case, '_' -> '-'.
    let enc: String = name.chars().take(12).map(|c| if c == '_' { '-' } else { c.to_ascii_lowercase() }).collect();
    if enc == "utf-8" || enc.starts_with("utf-8-") {
        return "utf-8".into();
    }
    for p in ["latin-1", "iso-8859-1", "iso-latin-1"] {
        if enc == p || enc.starts_with(&format!("{p}-")) {
            return "iso-8859-1".into();
        }
    }
    name.to_string()
}

/// Find a PEP 263 declaration in one line (bytes, without its newline).
fn coding_spec(line: &[u8]) -> Option<String> {
    let mut i = 0;
    while i < line.len() && matches!(line[i], b' ' | b'\t' | b'\x0c') {
        i += 1;
    }
    if i >= line.len() || line[i] != b'#' {
        return None;
    }
    let rest = &line[i..];
    let mut k = 0;
    while k + 6 <= rest.len() {
        if &rest[k..k + 6] == b"coding" && k + 6 < rest.len() && matches!(rest[k + 6], b':' | b'=') {
            let mut j = k + 7;
            while j < rest.len() && matches!(rest[j], b' ' | b'\t') {
                j += 1;
            }
            let s = j;
            while j < rest.len() && (rest[j].is_ascii_alphanumeric() || matches!(rest[j], b'-' | b'_' | b'.')) {
                j += 1;
            }
            if j > s {
                return Some(normal_encoding_name(&String::from_utf8_lossy(&rest[s..j])));
            }
        }
        k += 1;
    }
    None
}

fn is_blank_or_comment(line: &[u8]) -> bool {
    for &b in line {
        match b {
            b' ' | b'\t' | b'\x0c' | b'\r' => continue,
            b'#' => return true,
            _ => return false,
        }
    }
    true
}

fn split_lines(b: &[u8]) -> Vec<(usize, usize)> {
    // (start, end-excluding-newline) of each physical line.
    let mut v = Vec::new();
    let mut s = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' {
            v.push((s, i));
            s = i + 1;
        }
    }
    if s < b.len() {
        v.push((s, b.len()));
    }
    v
}

fn line_end(rest: &str) -> Option<usize> {
    rest.find(['\n', '\r'])
}

fn line_text_with_newline(src: &str, ls: usize) -> String {
    let rest = &src[ls.min(src.len())..];
    match line_end(rest) {
        Some(i) => format!("{}\n", &rest[..i]),
        None => format!("{rest}\n"),
    }
}

fn line_text_no_newline(src: &str, ls: usize) -> String {
    let rest = &src[ls.min(src.len())..];
    match line_end(rest) {
        Some(i) => rest[..i].to_string(),
        None => rest.to_string(),
    }
}

fn utf8_error(bytes: &[u8], lines: &[(usize, usize)]) -> Option<(usize, TokError)> {
    let mut from = 0;
    let (bad, li, ls, le, col, body_start, quote) = loop {
        let e = match std::str::from_utf8(&bytes[from..]) {
            Ok(_) => return None,
            Err(e) => e,
        };
        let bad = from + e.valid_up_to();
        let li = lines.iter().position(|&(s, en)| bad >= s && bad <= en).unwrap_or(0);
        let (ls, le) = lines.get(li).copied().unwrap_or((0, bytes.len()));
        let line = &bytes[ls..le.min(bytes.len())];
        // Inside a string literal CPython reports positions relative to its body.
        let col = bad - ls;
        let mut body_start = None;
        let mut quote = 0u8;
        let mut in_comment = false;
        for (i, &c) in line[..col].iter().enumerate() {
            if body_start.is_none() && c == b'#' {
                in_comment = true;
                break;
            }
            if body_start.is_none() && (c == b'"' || c == b'\'') {
                body_start = Some(i + 1);
                quote = c;
            } else if body_start.is_some() && c == quote {
                body_start = None;
            }
        }
        if !in_comment {
            break (bad, li, ls, le, col, body_start, quote);
        }
        // CPython never decodes comments: skip to the next line.
        from = le.min(bytes.len());
    };
    let line = &bytes[ls..le.min(bytes.len())];
    let text = format!("{}\n", String::from_utf8_lossy(line));
    let is_id = |c: u8| c >= 0x80 || c.is_ascii_alphanumeric() || c == b'_';
    if let Some(bs) = body_start {
        // In a bytes literal the error is about the literal, not the encoding.
        let mut p = bs - 1;
        while p > 0 && line[p - 1].is_ascii_alphabetic() {
            p -= 1;
        }
        if line[p..bs - 1].iter().any(|&c| c == b'b' || c == b'B') {
            let mut j = col;
            while j < line.len() && line[j] != quote {
                j += 1;
            }
            let start = String::from_utf8_lossy(&line[..p]).chars().count() as i64 + 1;
            return Some((bad, TokError {
                class: ErrClass::SyntaxError,
                msg: "bytes can only contain ASCII literal characters".into(),
                lineno: Some(li as i64 + 1),
                offset: Some(start),
                end_lineno: Some(li as i64 + 1),
                end_offset: Some((j + 1).min(line.len()) as i64 + 1),
                text: Some(text),
            }));
        }
    }
    // Outside literals CPython decodes the identifier-like run holding the byte.
    let base = match body_start {
        Some(bs) => bs,
        None => {
            let mut p = col;
            while p > 0 && is_id(line[p - 1]) {
                p -= 1;
            }
            // A number before it ends there: the run starts after its digits.
            while p < col && line[p].is_ascii_digit() {
                p += 1;
            }
            p
        }
    };
    let rel = col - base;
    let b0 = bytes[bad];
    let need = match b0 {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => 0,
    };
    let (reason, posdesc) = if need == 0 {
        ("invalid start byte", format!("byte 0x{b0:02x} in position {rel}"))
    } else {
        // Continuation bytes present after the lead byte.
        let mut k = 0;
        while k + 1 < need && bad + 1 + k < le && (bytes[bad + 1 + k] & 0xc0) == 0x80 {
            k += 1;
        }
        let next = bytes.get(bad + 1 + k).copied();
        // CPython decodes a literal's body on its own: a sequence cut by the
        // closing quote (or the end of the source) is "unexpected end of data".
        let at_end = match body_start {
            Some(_) => next.is_none() || next == Some(quote),
            None => bad + 1 + k >= le || !next.is_some_and(is_id),
        };
        if at_end && k > 0 {
            ("unexpected end of data", format!("bytes in position {}-{}", rel, rel + k))
        } else if at_end {
            ("unexpected end of data", format!("byte 0x{b0:02x} in position {rel}"))
        } else if k > 0 {
            ("invalid continuation byte", format!("bytes in position {}-{}", rel, rel + k))
        } else {
            ("invalid continuation byte", format!("byte 0x{b0:02x} in position {rel}"))
        }
    };
    let msg = format!("(unicode error) 'utf-8' codec can't decode {posdesc}: {reason}");
    // Position (UTF-8 bytes, as CPython reports it): inside a string, the
    // token after the literal (CPython decodes the literal when the parser has
    // already read one token further): its start and end, the end equal to
    // the start for NEWLINE, and a comment before the NEWLINE counted in it.
    // Else the end of the identifier-like run holding the byte.
    let (offset, end_offset) = if body_start.is_some() {
        let mut j = col;
        while j < line.len() && line[j] != quote {
            j += 1;
        }
        let after = (j + 1).min(line.len());
        let mut k = after;
        while k < line.len() && matches!(line[k], b' ' | b'\t' | b'\x0c') {
            k += 1;
        }
        if k >= line.len() || line[k] == b'\\' {
            (k as i64 + 1, k as i64 + 1)
        } else if line[k] == b'#' {
            (k as i64 + 1, line.len() as i64 + 1)
        } else {
            let rest = &line[k..];
            let len = if is_id(rest[0]) {
                rest.iter().take_while(|&&c| is_id(c)).count()
            } else if [&b"**="[..], b"//=", b">>=", b"<<=", b"..."].iter().any(|op| rest.starts_with(op)) {
                3
            } else if [&b"**"[..], b"//", b">>", b"<<", b"<=", b">=", b"==", b"!=", b"->", b":=", b"+=", b"-=", b"*=", b"/=",
                b"%=", b"&=", b"|=", b"^=", b"@="]
                .iter()
                .any(|op| rest.starts_with(op))
            {
                2
            } else {
                1
            };
            (k as i64 + 1, (k + len) as i64 + 1)
        }
    } else {
        let mut j = col;
        while j < line.len() && (line[j] >= 0x80 || line[j].is_ascii_alphanumeric() || line[j] == b'_') {
            j += 1;
        }
        (j as i64, -1)
    };
    Some((bad, TokError {
        class: ErrClass::SyntaxError,
        msg,
        lineno: Some(li as i64 + 1),
        offset: Some(offset),
        end_lineno: Some(li as i64 + 1),
        end_offset: Some(end_offset),
        text: Some(text),
    }))
}

/// Decode source bytes as CPython 3.11 does for `compile(bytes, ...)`.
pub fn decode_source(bytes: &[u8]) -> Result<Decoded, TokError> {
    if bytes.contains(&0) {
        return Err(TokError::syntax("source code string cannot contain null bytes".into()));
    }
    let (bom, body) = if bytes.starts_with(b"\xef\xbb\xbf") { (true, &bytes[3..]) } else { (false, bytes) };
    let lines = split_lines(body);
    let mut declared = None;
    if let Some(&(s, e)) = lines.first() {
        declared = coding_spec(&body[s..e]);
        if declared.is_none() && is_blank_or_comment(&body[s..e]) {
            if let Some(&(s2, e2)) = lines.get(1) {
                declared = coding_spec(&body[s2..e2]);
            }
        }
    }
    let enc_err = |msg: String| TokError {
        class: ErrClass::SyntaxError,
        msg,
        lineno: Some(0),
        offset: Some(-1),
        end_lineno: None,
        end_offset: None,
        text: None,
    };
    let encoding = match &declared {
        None => "utf-8".to_string(),
        Some(d) => {
            if bom && d != "utf-8" {
                return Err(enc_err(format!("encoding problem: {d} with BOM")));
            }
            d.clone()
        }
    };
    let lower = encoding.to_ascii_lowercase().replace('_', "-");
    let mut utf8_err = None;
    let text = match lower.as_str() {
        "utf-8" | "utf-8-sig" | "utf8" => {
            utf8_err = utf8_error(body, &lines);
            String::from_utf8_lossy(body).into_owned()
        }
        "iso-8859-1" | "latin1" | "l1" | "iso8859-1" | "8859" | "cp819" | "latin" => body.iter().map(|&b| b as char).collect(),
        "ascii" | "us-ascii" | "646" => {
            if let Some(p) = body.iter().position(|&b| b >= 0x80) {
                return Err(enc_err(format!(
                    "'ascii' codec can't decode byte 0x{:02x} in position {}: ordinal not in range(128)",
                    body[p], p
                )));
            }
            String::from_utf8_lossy(body).into_owned()
        }
        _ => {
            let key = lower.replace([' ', '-'], "_");
            let Some((_, _, table)) =
                super::charsets::CHARSETS.iter().find(|(n, al, _)| *n == key || al.contains(&key.as_str()))
            else {
                return Err(enc_err(format!("unknown encoding: {}", declared.unwrap_or_default())));
            };
            let mut t = String::with_capacity(body.len());
            for (i, &b) in body.iter().enumerate() {
                match char::from_u32(table[b as usize] as u32) {
                    Some(ch) if table[b as usize] != 0xffff => t.push(ch),
                    _ => {
                        return Err(enc_err(format!(
                            "'charmap' codec can't decode byte 0x{b:02x} in position {i}: character maps to <undefined>"
                        )));
                    }
                }
            }
            t
        }
    };
    Ok(Decoded { text, encoding, utf8_error: utf8_err, char_offsets: bom || declared.is_some() })
}

// ---------------------------------------------------------------------------
// Character classes

fn is_id_start_byte(c: i32) -> bool {
    c >= 128 || (c >= 0 && ((c as u8).is_ascii_alphabetic() || c == b'_' as i32))
}
fn is_id_char_byte(c: i32) -> bool {
    c >= 128 || (c >= 0 && ((c as u8).is_ascii_alphanumeric() || c == b'_' as i32))
}
fn isdigit(c: i32) -> bool {
    (b'0' as i32..=b'9' as i32).contains(&c)
}
fn isxdigit(c: i32) -> bool {
    c >= 0 && c < 128 && (c as u8).is_ascii_hexdigit()
}

/// `str.isprintable()` for one character (Py_UNICODE_ISPRINTABLE): control,
/// format, separator other than ASCII space, surrogate, private-use and
/// unassigned characters are not printable. Unassigned = no Unicode name (every
/// assigned character outside the classes above has one).
pub fn is_printable(ch: char) -> bool {
    let c = ch as u32;
    if c == 0x20 {
        return true;
    }
    if c >= 0x80 && unicode_names2::name(ch).is_none() {
        return false;
    }
    !(c < 0x20
        || (0x7f..=0xa0).contains(&c)
        || c == 0xad
        || (0x600..=0x605).contains(&c)
        || c == 0x61c
        || c == 0x6dd
        || c == 0x70f
        || (0x890..=0x891).contains(&c)
        || c == 0x8e2
        || c == 0x1680
        || c == 0x180e
        || (0x2000..=0x200f).contains(&c)
        || (0x2028..=0x202f).contains(&c)
        || (0x205f..=0x2064).contains(&c)
        || (0x2066..=0x206f).contains(&c)
        || c == 0x3000
        || (0xd800..=0xf8ff).contains(&c)
        || c == 0xfeff
        || (0xfff9..=0xfffb).contains(&c)
        || c == 0x110bd
        || c == 0x110cd
        || (0x13430..=0x13438).contains(&c)
        || (0x1bca0..=0x1bca3).contains(&c)
        || (0x1d173..=0x1d17a).contains(&c)
        || c == 0xe0001
        || (0xe0020..=0xe007f).contains(&c)
        || c >= 0xf0000)
}

/// The NFKC form of an identifier, as the parser must intern it (PEP 3131).
pub fn normalize_identifier(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    use unicode_normalization::UnicodeNormalization;
    s.nfkc().collect()
}

// ---------------------------------------------------------------------------
// The scanner

const MAXLEVEL: usize = 200;
const MAXINDENT: usize = 100;
const EOF: i32 = -1;

/// Tokenizer over a decoded source. Iterate with `next_token` until ENDMARKER.
pub struct Tokenizer<'a> {
    src: &'a str,
    b: &'a [u8],
    pos: usize,
    line: usize,
    line_start: usize,
    indents: Vec<usize>,
    altindents: Vec<usize>,
    parens: Vec<(u8, usize, usize, usize)>, // (char, line, line start, byte col)
    at_bol: bool,
    pending: VecDeque<Token>,
    finished: bool,
    nlines: usize,
    /// Start of the token being scanned.
    tok_start: usize,
    /// Warnings CPython's tokenizer emits (SyntaxWarning "invalid decimal
    /// literal" for `1if x else y`), in source order, for the caller to issue.
    pub warnings: Vec<TokWarning>,
    /// Start of CPython's line buffer: the first line of a chain of lines
    /// joined by `\\` or by a multi-line string.
    buf_start: usize,
    /// A decoding error raised when the token holding its byte is reached.
    deferred: Option<(usize, TokError)>,
    /// (line start, byte, code-point column) of the last column computed.
    col_cache: std::cell::Cell<(usize, usize, usize)>,
}

/// A warning from the tokenizer: category name, message, line and 1-based offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokWarning {
    pub category: &'static str,
    pub msg: String,
    pub lineno: usize,
    pub offset: usize,
}

impl<'a> Tokenizer<'a> {
    pub fn new(src: &'a str) -> Tokenizer<'a> {
        let b = src.as_bytes();
        let nl = (0..b.len()).filter(|&i| is_line_break(b, i)).count();
        let nlines = if b.is_empty() || b.ends_with(b"\n") || b.ends_with(b"\r") { nl } else { nl + 1 };
        Tokenizer {
            src,
            b,
            pos: 0,
            line: 1,
            line_start: 0,
            indents: vec![0],
            altindents: vec![0],
            parens: Vec::new(),
            at_bol: true,
            pending: VecDeque::new(),
            finished: false,
            nlines,
            tok_start: 0,
            warnings: Vec::new(),
            deferred: None,
            buf_start: 0,
            col_cache: std::cell::Cell::new((0, 0, 0)),
        }
    }

    fn nextc(&mut self) -> i32 {
        let c = if self.pos < self.b.len() { self.b[self.pos] as i32 } else { EOF };
        self.pos += 1;
        c
    }
    fn backup(&mut self) {
        self.pos -= 1;
    }
    fn peek(&self, k: usize) -> i32 {
        self.b.get(self.pos + k).map_or(EOF, |&c| c as i32)
    }

    fn cols(&self, line_start: usize, byte: usize) -> (usize, usize) {
        let mut byte = byte.min(self.b.len());
        // A position inside a multi-byte character counts that character.
        while !self.src.is_char_boundary(byte) {
            byte += 1;
        }
        let ls = line_start.min(byte);
        // Columns are asked for in increasing order along a line: count on from
        // the last answer so a long line stays linear.
        let (cls, cbyte, ccol) = self.col_cache.get();
        let col = if cls == ls && cbyte <= byte && cbyte >= ls {
            ccol + self.src[cbyte..byte].chars().count()
        } else {
            self.src[ls..byte].chars().count()
        };
        self.col_cache.set((ls, byte, col));
        (col, byte - ls)
    }

    fn pos_at(&self, line: usize, line_start: usize, byte: usize) -> Pos {
        let (col, byte_col) = self.cols(line_start, byte);
        Pos { line, col, byte_col }
    }

    fn push(&mut self, kind: TokKind, s: usize, e: usize) {
        let p = self.pos_at(self.line, self.line_start, s);
        let q = self.pos_at(self.line, self.line_start, e);
        self.pending.push_back(Token { kind, text_start: s, text_end: e, start: p, end: q });
    }

    fn new_line(&mut self) {
        self.line += 1;
        self.line_start = self.pos;
        self.buf_start = self.pos;
    }

    /// A new physical line inside a token (string, `\\` continuation): CPython's
    /// buffer, which some error positions count from, keeps its start.
    fn new_line_cont(&mut self) {
        self.line += 1;
        self.line_start = self.pos;
    }

    /// Code points from the buffer start to `byte`, and the buffer's text.
    fn buf_err(&self, msg: &str, byte: usize, end: i64) -> TokError {
        let byte = byte.min(self.b.len());
        let mut e = byte;
        while !self.src.is_char_boundary(e) {
            e += 1;
        }
        let off = self.src[self.buf_start.min(e)..e].chars().count() as i64;
        let text = format!("{}{}", &self.src[self.buf_start.min(self.line_start)..self.line_start], line_text_with_newline(self.src, self.line_start));
        TokError {
            class: ErrClass::SyntaxError,
            msg: msg.into(),
            lineno: Some(self.line as i64),
            offset: Some(off),
            end_lineno: Some(self.line as i64),
            end_offset: Some(end),
            text: Some(text),
        }
    }

    // --- errors --------------------------------------------------------------

    /// CPython's `syntaxerror(tok, ...)`: offset = code points up to the cursor.
    fn err_here(&self, msg: String) -> TokError {
        let cur = self.pos.min(self.b.len());
        let off = self.cols(self.line_start, cur).0 as i64;
        self.err_range(msg, off, off)
    }
    /// `syntaxerror_known_range`: offsets given directly.
    fn err_range(&self, msg: String, off: i64, end: i64) -> TokError {
        TokError {
            class: ErrClass::SyntaxError,
            msg,
            lineno: Some(self.line as i64),
            offset: Some(off),
            end_lineno: Some(self.line as i64),
            end_offset: Some(end),
            text: Some(line_text_no_newline(self.src, self.line_start)),
        }
    }
    /// Errors the C tokenizer leaves to the parser, located at the whole current line.
    fn err_line(&self, class: ErrClass, msg: &str, offset: i64, end: i64) -> TokError {
        TokError {
            class,
            msg: msg.into(),
            lineno: Some(self.line as i64),
            offset: Some(offset),
            end_lineno: Some(self.line as i64),
            end_offset: Some(end),
            text: Some(line_text_with_newline(self.src, self.line_start)),
        }
    }
    fn line_len_chars(&self) -> i64 {
        let t = line_text_with_newline(self.src, self.line_start);
        t.chars().count() as i64
    }

    // --- driver -------------------------------------------------------------

    /// The next token (tokenize-module view). After ENDMARKER, ENDMARKER again.
    pub fn next_token(&mut self) -> Result<Token, TokError> {
        loop {
            if let Some(t) = self.pending.pop_front() {
                if t.kind == TokKind::STRING {
                    if let Some(e) = self.deferred_in(t.text_start, t.text_end) {
                        return Err(e);
                    }
                }
                return Ok(t);
            }
            if self.finished {
                let p = Pos { line: self.end_line(), col: 0, byte_col: 0 };
                let n = self.b.len();
                return Ok(Token { kind: TokKind::ENDMARKER, text_start: n, text_end: n, start: p, end: p });
            }
            if self.at_bol {
                self.at_bol = false;
                self.bol()?;
                continue;
            }
            self.scan()?;
        }
    }

    /// Tokenize a decoded source, raising its invalid-UTF-8 error where CPython does.
    pub fn for_decoded(d: &'a Decoded) -> Tokenizer<'a> {
        let mut t = Tokenizer::new(&d.text);
        t.deferred = d.utf8_error.clone();
        t
    }

    fn deferred_in(&self, s: usize, e: usize) -> Option<TokError> {
        match &self.deferred {
            Some((p, err)) if s <= *p && *p < e => Some(err.clone()),
            _ => None,
        }
    }

    /// The next token the parser sees (COMMENT and NL skipped), produced lazily
    /// so a tokenizer error surfaces only when the parser gets that far, as in CPython.
    pub fn next_parser_token(&mut self) -> Result<Token, TokError> {
        loop {
            let t = self.next_token()?;
            if !matches!(t.kind, TokKind::COMMENT | TokKind::NL) {
                return Ok(t);
            }
        }
    }

    /// The decoded source the tokens' byte ranges point into.
    pub fn source(&self) -> &'a str {
        self.src
    }

    fn at_eof(&mut self) -> Result<(), TokError> {
        if let Some(&(c, line, ls, bcol)) = self.parens.last() {
            let off = self.src[ls..ls + bcol].chars().count() as i64 + 1;
            return Err(TokError {
                class: ErrClass::SyntaxError,
                msg: format!("'{}' was never closed", c as char),
                lineno: Some(line as i64),
                offset: Some(off),
                end_lineno: Some(line as i64),
                end_offset: Some(0),
                text: Some(line_text_with_newline(self.src, ls)),
            });
        }
        let n = self.b.len();
        // Implicit NEWLINE when the last line has no newline and is not a comment
        // (nor only blanks: there `tokenize` stops before it).
        if n > 0 && !self.b.ends_with(b"\n") && !self.last_line_blank() {
            let ls = line_start_of(self.b, self.nlines);
            let last = &self.src[ls..];
            if !last.trim().starts_with('#') {
                let p = self.pos_at(self.nlines, ls, n);
                let q = Pos { line: p.line, col: p.col + 1, byte_col: p.byte_col + 1 };
                self.pending.push_back(Token { kind: TokKind::NEWLINE, text_start: n, text_end: n, start: p, end: q });
            }
        }
        let endp = Pos { line: self.end_line(), col: 0, byte_col: 0 };
        for _ in 1..self.indents.len() {
            self.pending.push_back(Token { kind: TokKind::DEDENT, text_start: n, text_end: n, start: endp, end: endp });
        }
        self.indents.truncate(1);
        self.finished = true;
        Ok(())
    }

    /// The last line lacks its newline and holds only blanks (`tokenize` stops on it).
    fn last_line_blank(&self) -> bool {
        if self.b.is_empty() || self.b.ends_with(b"\n") || self.b.ends_with(b"\r") {
            return false;
        }
        let ls = line_start_of(self.b, self.nlines);
        self.b[ls..].iter().all(|&c| matches!(c, b' ' | b'\t' | b'\x0c'))
    }

    /// The line of ENDMARKER (and of the DEDENTs before it).
    fn end_line(&self) -> usize {
        if self.last_line_blank() {
            self.nlines
        } else {
            self.nlines + 1
        }
    }

    /// The rest of a line continuation, its backslash read: a newline must
    /// follow, and something after it.
    fn continuation(&mut self) -> Result<(), TokError> {
        let c2 = self.nextc();
        let ok = c2 == b'\n' as i32 || (c2 == b'\r' as i32 && {
            if self.peek(0) == 0x0a {
                self.pos += 1;
            }
            true
        });
        if !ok && c2 != EOF {
            // The parser reports this at the byte after the backslash.
            return Err(self.buf_err("unexpected character after line continuation character", self.pos, 0));
        }
        if c2 == EOF || self.pos >= self.b.len() {
            // Located at the end of the last line (newline counted), shown with its buffer.
            let mut e = self.buf_err("unexpected EOF while parsing", self.b.len(), -1);
            e.offset = Some(self.line_len_chars());
            return Err(e);
        }
        self.new_line_cont();
        Ok(())
    }

    fn bol(&mut self) -> Result<(), TokError> {
        let mut col = 0usize;
        let mut altcol = 0usize;
        let mut cont_col = 0usize;
        loop {
            match self.peek(0) {
                0x20 => {
                    col += 1;
                    altcol += 1;
                }
                0x09 => {
                    col = (col / 8 + 1) * 8;
                    altcol += 1;
                }
                0x0c => {
                    col = 0;
                    altcol = 0;
                }
                0x5c => {
                    // A backslash continues the indentation on the next
                    // line, but the first one met (past column 0) fixes it.
                    if cont_col == 0 {
                        cont_col = col;
                    }
                    self.pos += 1;
                    self.continuation()?;
                    continue;
                }
                _ => break,
            }
            self.pos += 1;
        }
        let c = self.peek(0);
        if c == EOF {
            return self.at_eof();
        }
        if c == b'#' as i32 || c == b'\n' as i32 || c == b'\r' as i32 {
            // Blank or comment-only line: no indentation processing.
            if c == b'#' as i32 {
                let s = self.pos;
                while self.pos < self.b.len() && self.b[self.pos] != b'\n' && self.b[self.pos] != b'\r' {
                    self.pos += 1;
                }
                self.push(TokKind::COMMENT, s, self.pos);
            }
            let s = self.pos;
            self.eat_newline();
            let e = self.pos;
            let p = self.pos_at(self.line, self.line_start, s);
            let q = self.pos_at(self.line, self.line_start, e);
            self.pending.push_back(Token { kind: TokKind::NL, text_start: s, text_end: e, start: p, end: q });
            if e > s {
                self.new_line();
            }
            self.at_bol = true;
            return Ok(());
        }
        if cont_col != 0 {
            col = cont_col;
            altcol = cont_col;
        }
        let top = *self.indents.last().unwrap_or(&0);
        let alttop = *self.altindents.last().unwrap_or(&0);
        let tab_err = |t: &Self| Err(t.err_line(ErrClass::TabError, "inconsistent use of tabs and spaces in indentation", 1, 0));
        if col == top {
            if altcol != alttop {
                return tab_err(self);
            }
        } else if col > top {
            if self.indents.len() >= MAXINDENT {
                return Err(self.err_line(ErrClass::IndentationError, "too many levels of indentation", 1, 0));
            }
            if altcol <= alttop {
                return tab_err(self);
            }
            self.indents.push(col);
            self.altindents.push(altcol);
            let (ls, p) = (self.line_start, self.pos);
            self.push(TokKind::INDENT, ls, p);
        } else {
            let mut n = 0;
            while self.indents.len() > 1 && col < *self.indents.last().unwrap_or(&0) {
                self.indents.pop();
                self.altindents.pop();
                n += 1;
            }
            if col != *self.indents.last().unwrap_or(&0) {
                let off = self.line_len_chars();
                return Err(self.err_line(ErrClass::IndentationError, "unindent does not match any outer indentation level", off, -1));
            }
            if altcol != *self.altindents.last().unwrap_or(&0) {
                return tab_err(self);
            }
            for _ in 0..n {
                let p = self.pos;
                self.push(TokKind::DEDENT, p, p);
            }
        }
        Ok(())
    }

    /// Consume "\n", "\r\n" or a lone "\r" if present.
    fn eat_newline(&mut self) {
        match self.peek(0) {
            0x0a => self.pos += 1,
            0x0d => {
                self.pos += 1;
                if self.peek(0) == 0x0a {
                    self.pos += 1;
                }
            }
            _ => {}
        }
    }

    fn scan(&mut self) -> Result<(), TokError> {
        while matches!(self.peek(0), 0x20 | 0x09 | 0x0c) {
            self.pos += 1;
        }
        self.tok_start = self.pos;
        let start = self.pos;
        let c = self.nextc();
        if c == EOF {
            self.backup();
            return self.at_eof();
        }
        let cb = c as u8;
        // Comment
        if cb == b'#' {
            while self.pos < self.b.len() && self.b[self.pos] != b'\n' && self.b[self.pos] != b'\r' {
                self.pos += 1;
            }
            self.push(TokKind::COMMENT, start, self.pos);
            return Ok(());
        }
        // Newline
        if cb == b'\n' || cb == b'\r' {
            self.backup();
            self.eat_newline();
            let kind = if self.parens.is_empty() { TokKind::NEWLINE } else { TokKind::NL };
            let e = self.pos;
            self.push(kind, start, e);
            self.new_line();
            self.at_bol = self.parens.is_empty();
            return Ok(());
        }
        // Identifier or string prefix
        if is_id_start_byte(c) {
            let (mut saw_b, mut saw_r, mut saw_u, mut saw_f) = (false, false, false, false);
            let mut c = c;
            loop {
                let ch = c as u8;
                if !(saw_b || saw_u || saw_f) && (ch == b'b' || ch == b'B') && c < 128 {
                    saw_b = true;
                } else if !(saw_b || saw_u || saw_r || saw_f) && (ch == b'u' || ch == b'U') && c < 128 {
                    saw_u = true;
                } else if !(saw_r || saw_u) && (ch == b'r' || ch == b'R') && c < 128 {
                    saw_r = true;
                } else if !(saw_f || saw_b || saw_u) && (ch == b'f' || ch == b'F') && c < 128 {
                    saw_f = true;
                } else {
                    break;
                }
                c = self.nextc();
                if c == b'"' as i32 || c == b'\'' as i32 {
                    return self.string(c as u8);
                }
            }
            let mut nonascii = false;
            while is_id_char_byte(c) {
                if c >= 128 {
                    nonascii = true;
                }
                c = self.nextc();
            }
            self.backup();
            // Stay on a char boundary (every byte >= 128 was consumed, so we are).
            if nonascii {
                self.verify_identifier(start)?;
            }
            self.push(TokKind::NAME, start, self.pos);
            return Ok(());
        }
        // Line continuation
        if cb == b'\\' {
            return self.continuation();
        }
        // Number
        if isdigit(c) {
            return self.number(c);
        }
        if cb == b'.' {
            let c2 = self.nextc();
            if isdigit(c2) {
                return self.fraction(c2);
            }
            if c2 == b'.' as i32 && self.peek(0) == b'.' as i32 {
                self.pos += 1;
                self.push(TokKind::ELLIPSIS, start, self.pos);
                return Ok(());
            }
            self.backup();
            self.push(TokKind::DOT, start, self.pos);
            return Ok(());
        }
        if cb == b'"' || cb == b'\'' {
            return self.string(cb);
        }
        if c < 128 && !is_printable(cb as char) {
            return Err(self.err_here(format!("invalid non-printable character U+{:04X}", c)));
        }
        // Operators
        let c2 = self.peek(0);
        let c3 = self.peek(1);
        let three = match (cb, c2 as u8, c3 as u8) {
            (b'*', b'*', b'=') => Some(TokKind::DOUBLESTAREQUAL),
            (b'/', b'/', b'=') => Some(TokKind::DOUBLESLASHEQUAL),
            (b'>', b'>', b'=') => Some(TokKind::RIGHTSHIFTEQUAL),
            (b'<', b'<', b'=') => Some(TokKind::LEFTSHIFTEQUAL),
            _ => None,
        };
        if let (Some(k), true, true) = (three, c2 >= 0, c3 >= 0) {
            self.pos += 2;
            self.push(k, start, self.pos);
            return Ok(());
        }
        let two = if c2 < 0 {
            None
        } else {
            use TokKind::*;
            match (cb, c2 as u8) {
                (b'!', b'=') => Some(NOTEQUAL),
                (b'%', b'=') => Some(PERCENTEQUAL),
                (b'&', b'=') => Some(AMPEREQUAL),
                (b'*', b'*') => Some(DOUBLESTAR),
                (b'*', b'=') => Some(STAREQUAL),
                (b'+', b'=') => Some(PLUSEQUAL),
                (b'-', b'=') => Some(MINEQUAL),
                (b'-', b'>') => Some(RARROW),
                (b'/', b'/') => Some(DOUBLESLASH),
                (b'/', b'=') => Some(SLASHEQUAL),
                (b':', b'=') => Some(COLONEQUAL),
                (b'<', b'<') => Some(LEFTSHIFT),
                (b'<', b'=') => Some(LESSEQUAL),
                // `<>` only exists under barry_as_FLUFL: an error token here.
                (b'<', b'>') => Some(ERRORTOKEN),
                (b'=', b'=') => Some(EQEQUAL),
                (b'>', b'=') => Some(GREATEREQUAL),
                (b'>', b'>') => Some(RIGHTSHIFT),
                (b'@', b'=') => Some(ATEQUAL),
                (b'^', b'=') => Some(CIRCUMFLEXEQUAL),
                (b'|', b'=') => Some(VBAREQUAL),
                _ => None,
            }
        };
        if let Some(k) = two {
            self.pos += 1;
            self.push(k, start, self.pos);
            return Ok(());
        }
        use TokKind::*;
        let k = match cb {
            b'(' | b'[' | b'{' => {
                if self.parens.len() >= MAXLEVEL {
                    return Err(self.err_here("too many nested parentheses".into()));
                }
                let bcol = start - self.line_start;
                self.parens.push((cb, self.line, self.line_start, bcol));
                match cb {
                    b'(' => LPAR,
                    b'[' => LSQB,
                    _ => LBRACE,
                }
            }
            b')' | b']' | b'}' => {
                let Some((open, oline, _, _)) = self.parens.pop() else {
                    return Err(self.err_here(format!("unmatched '{}'", cb as char)));
                };
                let ok = matches!((open, cb), (b'(', b')') | (b'[', b']') | (b'{', b'}'));
                if !ok {
                    if oline != self.line {
                        return Err(self.err_here(format!(
                            "closing parenthesis '{}' does not match opening parenthesis '{}' on line {}",
                            cb as char, open as char, oline
                        )));
                    }
                    return Err(self.err_here(format!(
                        "closing parenthesis '{}' does not match opening parenthesis '{}'",
                        cb as char, open as char
                    )));
                }
                match cb {
                    b')' => RPAR,
                    b']' => RSQB,
                    _ => RBRACE,
                }
            }
            b':' => COLON,
            b',' => COMMA,
            b';' => SEMI,
            b'+' => PLUS,
            b'-' => MINUS,
            b'*' => STAR,
            b'/' => SLASH,
            b'|' => VBAR,
            b'&' => AMPER,
            b'<' => LESS,
            b'>' => GREATER,
            b'=' => EQUAL,
            b'%' => PERCENT,
            b'~' => TILDE,
            b'^' => CIRCUMFLEX,
            b'@' => AT,
            _ => ERRORTOKEN,
        };
        self.push(k, start, self.pos);
        Ok(())
    }

    fn verify_identifier(&mut self, start: usize) -> Result<(), TokError> {
        if let Some(e) = self.deferred_in(start, self.pos) {
            return Err(e);
        }
        let s = &self.src[start..self.pos];
        let mut invalid = None;
        for (i, (bi, ch)) in s.char_indices().enumerate() {
            let ok = if i == 0 { ch == '_' || unicode_ident::is_xid_start(ch) } else { unicode_ident::is_xid_continue(ch) };
            if !ok {
                invalid = Some((bi, ch));
                break;
            }
        }
        if let Some((bi, ch)) = invalid {
            self.pos = start + bi + ch.len_utf8();
            let msg = if is_printable(ch) {
                format!("invalid character '{}' (U+{:04X})", ch, ch as u32)
            } else {
                format!("invalid non-printable character U+{:04X}", ch as u32)
            };
            return Err(self.err_here(msg));
        }
        Ok(())
    }

    // --- numbers ------------------------------------------------------------

    /// The keyword rest `s` follows, and then no identifier character.
    fn lookahead(&mut self, s: &[u8]) -> bool {
        let mut n = 0;
        let mut ok = true;
        for &x in s {
            let c = self.nextc();
            n += 1;
            if c != x as i32 {
                ok = false;
                break;
            }
        }
        if ok {
            let c = self.nextc();
            n += 1;
            ok = !is_id_char_byte(c);
        }
        self.pos -= n;
        ok
    }

    /// CPython's verify_end_of_number: `c` was just read (cursor after it).
    fn verify_end_of_number(&mut self, c: i32, kind: &str) -> Result<(), TokError> {
        let r = match c {
            0x61 => self.lookahead(b"nd"),
            0x65 => self.lookahead(b"lse"),
            0x66 => self.lookahead(b"or"),
            0x69 => matches!(self.peek(0), 0x66 | 0x6e | 0x73),
            0x6f => self.lookahead(b"r"),
            0x6e => self.lookahead(b"ot"),
            _ => false,
        };
        if r {
            // CPython 3.11 warns here (a keyword follows the literal); the literal stands.
            let offset = self.cols(self.line_start, self.pos - 1).0;
            self.warnings.push(TokWarning {
                category: "SyntaxWarning",
                msg: format!("invalid {kind} literal"),
                lineno: self.line,
                offset,
            });
            return Ok(());
        }
        // Non-ASCII after a number starts the next token (CPython checks ASCII only).
        if c < 128 && is_id_char_byte(c) {
            self.backup();
            return Err(self.err_here(format!("invalid {kind} literal")));
        }
        Ok(())
    }

    /// Digits and single underscores; returns the first char after them (already read).
    fn decimal_tail(&mut self) -> Result<i32, TokError> {
        loop {
            let mut c;
            loop {
                c = self.nextc();
                if !isdigit(c) {
                    break;
                }
            }
            if c != b'_' as i32 {
                return Ok(c);
            }
            let c2 = self.nextc();
            if !isdigit(c2) {
                self.backup();
                return Err(self.err_here("invalid decimal literal".into()));
            }
        }
    }

    fn finish_number(&mut self) -> Result<(), TokError> {
        self.backup();
        let (s, e) = (self.tok_start, self.pos);
        self.push(TokKind::NUMBER, s, e);
        Ok(())
    }

    fn radix(&mut self, kind: &str, valid: fn(i32) -> bool, digit_err: bool) -> Result<(), TokError> {
        let mut c = self.nextc();
        loop {
            if c == b'_' as i32 {
                c = self.nextc();
            }
            if !valid(c) {
                if digit_err && isdigit(c) {
                    return Err(self.err_here(format!("invalid digit '{}' in {kind} literal", c as u8 as char)));
                }
                self.backup();
                return Err(self.err_here(format!("invalid {kind} literal")));
            }
            loop {
                c = self.nextc();
                if !valid(c) {
                    break;
                }
            }
            if c != b'_' as i32 {
                break;
            }
        }
        if digit_err && isdigit(c) {
            return Err(self.err_here(format!("invalid digit '{}' in {kind} literal", c as u8 as char)));
        }
        self.verify_end_of_number(c, kind)?;
        self.finish_number()
    }

    fn number(&mut self, c: i32) -> Result<(), TokError> {
        if c == b'0' as i32 {
            let mut c = self.nextc();
            match c as u8 {
                b'x' | b'X' if c >= 0 => return self.radix("hexadecimal", isxdigit, false),
                b'o' | b'O' if c >= 0 => return self.radix("octal", |c| (0x30..0x38).contains(&c), true),
                b'b' | b'B' if c >= 0 => return self.radix("binary", |c| c == 0x30 || c == 0x31, true),
                _ => {}
            }
            let mut nonzero = false;
            loop {
                if c == b'_' as i32 {
                    c = self.nextc();
                    if !isdigit(c) {
                        self.backup();
                        return Err(self.err_here("invalid decimal literal".into()));
                    }
                }
                if c != b'0' as i32 {
                    break;
                }
                c = self.nextc();
            }
            let zeros_end = self.pos;
            if isdigit(c) {
                nonzero = true;
                c = self.decimal_tail()?;
            }
            if c == b'.' as i32 {
                let c2 = self.nextc();
                return self.fraction(c2);
            } else if c == b'e' as i32 || c == b'E' as i32 {
                return self.exponent(c);
            } else if c == b'j' as i32 || c == b'J' as i32 {
                return self.imaginary();
            } else if nonzero {
                self.backup();
                let off = (self.tok_start + 1 - self.line_start) as i64;
                let end = (zeros_end - self.line_start) as i64;
                return Err(self.err_range(
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers".into(),
                    off,
                    end,
                ));
            }
            self.verify_end_of_number(c, "decimal")?;
            return self.finish_number();
        }
        self.backup();
        let c = self.decimal_tail()?;
        if c == b'.' as i32 {
            let c2 = self.nextc();
            return self.fraction(c2);
        }
        self.after_fraction(c)
    }

    /// `c` is the char after the '.', already read.
    fn fraction(&mut self, c: i32) -> Result<(), TokError> {
        let mut c = c;
        if isdigit(c) {
            self.backup();
            c = self.decimal_tail()?;
        }
        self.after_fraction(c)
    }

    fn after_fraction(&mut self, c: i32) -> Result<(), TokError> {
        if c == b'e' as i32 || c == b'E' as i32 {
            return self.exponent(c);
        }
        if c == b'j' as i32 || c == b'J' as i32 {
            return self.imaginary();
        }
        self.verify_end_of_number(c, "decimal")?;
        self.finish_number()
    }

    fn exponent(&mut self, e: i32) -> Result<(), TokError> {
        let mut c = self.nextc();
        if c == b'+' as i32 || c == b'-' as i32 {
            c = self.nextc();
            if !isdigit(c) {
                self.backup();
                return Err(self.err_here("invalid decimal literal".into()));
            }
        } else if !isdigit(c) {
            self.backup();
            // the 'e' itself is what ends the number
            self.verify_end_of_number(e, "decimal")?;
            self.backup();
            self.pos += 1;
            return self.finish_number();
        }
        self.backup();
        let c = self.decimal_tail()?;
        if c == b'j' as i32 || c == b'J' as i32 {
            return self.imaginary();
        }
        self.verify_end_of_number(c, "decimal")?;
        self.finish_number()
    }

    fn imaginary(&mut self) -> Result<(), TokError> {
        let c = self.nextc();
        self.verify_end_of_number(c, "imaginary")?;
        self.finish_number()
    }

    // --- strings ------------------------------------------------------------

    /// The opening quote `quote` was just read; the token started at tok_start.
    fn string(&mut self, quote: u8) -> Result<(), TokError> {
        let first_line = self.line;
        let first_ls = self.line_start;
        let mut quote_size = 1;
        let mut end_quote_size = 0;
        let q = quote as i32;
        let mut c = self.nextc();
        if c == q {
            c = self.nextc();
            if c == q {
                quote_size = 3;
            } else {
                end_quote_size = 1;
            }
        }
        if c != q {
            self.backup();
        }
        while end_quote_size != quote_size {
            let c = self.nextc();
            let is_nl = c == b'\n' as i32 || (c == b'\r' as i32 && self.peek(0) != b'\n' as i32);
            if c == EOF || (quote_size == 1 && (is_nl || c == b'\r' as i32)) {
                // At EOF CPython counts the last line, or one more after an escaped "\r\n".
                let escaped_nl = self.pos >= 4 && self.b[self.pos - 4..self.pos - 1] == *b"\\\r\n";
                let detected = if c == EOF { self.nlines.max(1) + escaped_nl as usize } else { self.line };
                self.line = first_line;
                self.line_start = first_ls;
                self.pos = self.tok_start + 1;
                let msg = if quote_size == 3 {
                    format!("unterminated triple-quoted string literal (detected at line {detected})")
                } else {
                    format!("unterminated string literal (detected at line {detected})")
                };
                return Err(self.err_here(msg));
            }
            if c == q {
                end_quote_size += 1;
            } else {
                end_quote_size = 0;
                if c == b'\\' as i32 {
                    let c2 = self.nextc();
                    if c2 == b'\r' as i32 && self.peek(0) == b'\n' as i32 {
                        self.pos += 1;
                        self.new_line_cont();
                    } else if c2 == b'\n' as i32 || c2 == b'\r' as i32 {
                        self.new_line_cont();
                    } else if c2 == EOF {
                        self.backup();
                    }
                } else if is_nl {
                    self.new_line_cont();
                }
            }
        }
        let s = self.tok_start;
        let p = self.pos_at(first_line, first_ls, s);
        let e = self.pos_at(self.line, self.line_start, self.pos);
        self.pending.push_back(Token { kind: TokKind::STRING, text_start: s, text_end: self.pos, start: p, end: e });
        Ok(())
    }
}

/// A line ends at "\n", or at a "\r" not followed by "\n" (as compile() translates it).
fn is_line_break(b: &[u8], i: usize) -> bool {
    b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n'))
}

fn line_start_of(b: &[u8], line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    let mut n = 1;
    for i in 0..b.len() {
        if is_line_break(b, i) {
            n += 1;
            if n == line {
                return i + 1;
            }
        }
    }
    b.len()
}

/// All tokens of a decoded source as the `tokenize` module yields them
/// (ENCODING first, with `encoding` as its string), up to ENDMARKER.
pub fn tokenize_module_view(d: &Decoded) -> Result<(Vec<Token>, String), TokError> {
    let encoding = d.encoding.as_str();
    let mut t = Tokenizer::for_decoded(d);
    let mut v = vec![Token { kind: TokKind::ENCODING, text_start: 0, text_end: 0, start: Pos::default(), end: Pos::default() }];
    loop {
        let tok = t.next_token()?;
        let end = tok.kind == TokKind::ENDMARKER;
        v.push(tok);
        if end {
            break;
        }
    }
    Ok((v, encoding.to_string()))
}

/// The tokens CPython's C tokenizer gives its parser: no ENCODING, COMMENT or NL.
/// (A `str` source with a NUL character is rejected first, as `compile()` does.)
pub fn parser_tokens(src: &str) -> Result<Vec<Token>, TokError> {
    if src.contains('\0') {
        return Err(TokError::syntax("source code string cannot contain null bytes".into()));
    }
    let mut t = Tokenizer::new(src);
    let mut v = Vec::new();
    loop {
        let tok = t.next_token()?;
        match tok.kind {
            TokKind::COMMENT | TokKind::NL => continue,
            TokKind::ENDMARKER => {
                v.push(tok);
                return Ok(v);
            }
            _ => v.push(tok),
        }
    }
}

/// Escape a token string for the test dumps: `\\`, `\n`, `\r`, `\t`, other
/// control characters as `\xHH`; everything else as is.
pub fn escape_for_dump(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => o.push_str(&format!("\\x{:02x}", c as u32)),
            c => o.push(c),
        }
    }
    o
}

/// One line per token: `EXACT_NAME sl,sc-el,ec text` (tokenize view, code-point columns).
pub fn dump_tokens(src: &str, encoding: &str, toks: &[Token]) -> String {
    let mut o = String::new();
    for t in toks {
        let text = if t.kind == TokKind::ENCODING { encoding } else { t.text(src) };
        o.push_str(&format!(
            "{} {},{}-{},{} {}\n",
            t.kind.name(),
            t.start.line,
            t.start.col,
            t.end.line,
            t.end.col,
            escape_for_dump(text)
        ));
    }
    o
}

// ---------------------------------------------------------------------------
// String literal values

/// The value of a string literal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LiteralValue {
    /// Code points (lone surrogates from `\ud800` are possible, so not a `String`).
    Str(Vec<u32>),
    Bytes(Vec<u8>),
}

/// A DeprecationWarning CPython 3.11 emits while decoding (e.g. "invalid escape sequence '\q'").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiteralWarning {
    pub category: &'static str,
    pub msg: String,
}

/// A decoding error: CPython's message; `token_relative` says that CPython
/// locates it at the end of the literal token (offset = token end + 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiteralError {
    pub msg: String,
    /// True for "bytes can only contain ASCII literal characters", located on the whole token.
    pub whole_token: bool,
}

fn lit_err(msg: String) -> LiteralError {
    LiteralError { msg, whole_token: false }
}

/// Decode the text of a STRING token (prefix and quotes included) into its value.
/// f-strings are decoded like plain strings: splitting out `{...}` fields is the
/// parser's job and must happen before this.
pub fn decode_string_literal(tok: &str) -> Result<(LiteralValue, Vec<LiteralWarning>), LiteralError> {
    let qpos = tok.find(['\'', '"']).ok_or_else(|| lit_err("not a string literal".into()))?;
    let prefix = tok[..qpos].to_ascii_lowercase();
    let raw = prefix.contains('r');
    let is_bytes = prefix.contains('b');
    let rest = &tok[qpos..];
    let q = rest.as_bytes()[0];
    let qs = if rest.len() >= 6 && rest.as_bytes()[1] == q && rest.as_bytes()[2] == q { 3 } else { 1 };
    if rest.len() < 2 * qs {
        return Err(lit_err("not a string literal".into()));
    }
    let body = &rest[qs..rest.len() - qs];
    let mut warnings = Vec::new();
    if is_bytes {
        if !body.is_ascii() {
            return Err(LiteralError { msg: "bytes can only contain ASCII literal characters".into(), whole_token: true });
        }
        if raw {
            return Ok((LiteralValue::Bytes(body.as_bytes().to_vec()), warnings));
        }
        let v = decode_escapes(body, true, &mut warnings)?;
        return Ok((LiteralValue::Bytes(v.into_iter().map(|c| c as u8).collect()), warnings));
    }
    if raw {
        return Ok((LiteralValue::Str(body.chars().map(|c| c as u32).collect()), warnings));
    }
    let v = decode_escapes(body, false, &mut warnings)?;
    Ok((LiteralValue::Str(v), warnings))
}

fn decode_escapes(body: &str, bytes: bool, warnings: &mut Vec<LiteralWarning>) -> Result<Vec<u32>, LiteralError> {
    // Positions in messages count UTF-8 bytes of the body (CPython counts in its
    // re-encoded buffer; identical for ASCII bodies).
    let b = body.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    let mut warned = false;
    // CPython decodes a buffer where each non-ASCII character became a 10-byte
    // `\UXXXXXXXX` escape: positions in messages count that way.
    let vp = |i: usize| -> usize { body[..i].chars().map(|c| if c.is_ascii() { 1 } else { 10 }).sum() };
    let codec_err = |s: usize, e: usize, what: &str| {
        lit_err(format!("(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: {}", vp(s), vp(e) - 1, what))
    };
    while i < b.len() {
        if b[i] != b'\\' {
            let ch = body[i..].chars().next().unwrap_or('\0');
            out.push(ch as u32);
            i += ch.len_utf8().max(1);
            continue;
        }
        let s = i;
        i += 1;
        if i >= b.len() {
            if bytes {
                return Err(lit_err("Trailing \\ in string".into()));
            }
            return Err(lit_err(format!(
                "(unicode error) 'unicodeescape' codec can't decode byte 0x5c in position {}: \\ at end of string",
                vp(s)
            )));
        }
        let c = b[i];
        i += 1;
        match c {
            b'\n' => {}
            b'\r' => {
                if b.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\\' => out.push(0x5c),
            b'\'' => out.push(0x27),
            b'"' => out.push(0x22),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b't' => out.push(9),
            b'n' => out.push(10),
            b'r' => out.push(13),
            b'v' => out.push(11),
            b'a' => out.push(7),
            b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                let mut n = 1;
                while n < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    n += 1;
                }
                if v > 0o377 && !warned {
                    warned = true;
                    warnings.push(LiteralWarning {
                        category: "DeprecationWarning",
                        msg: format!("invalid octal escape sequence '\\{}'", &body[s + 1..i]),
                    });
                }
                out.push(if bytes { v & 0xff } else { v });
            }
            b'x' | b'u' | b'U' if !(bytes && c != b'x') => {
                let n = match c {
                    b'x' => 2,
                    b'u' => 4,
                    _ => 8,
                };
                let mut v: u32 = 0;
                let mut k = 0;
                while k < n && i < b.len() && b[i].is_ascii_hexdigit() {
                    v = v * 16 + (b[i] as char).to_digit(16).unwrap_or(0);
                    i += 1;
                    k += 1;
                }
                if k < n {
                    if bytes {
                        return Err(lit_err(format!("(value error) invalid \\x escape at position {}", s)));
                    }
                    let what = match c {
                        b'x' => "truncated \\xXX escape",
                        b'u' => "truncated \\uXXXX escape",
                        _ => "truncated \\UXXXXXXXX escape",
                    };
                    return Err(codec_err(s, i, what));
                }
                if v > 0x10ffff {
                    return Err(codec_err(s, i, "illegal Unicode character"));
                }
                out.push(v);
            }
            b'N' if !bytes => {
                let malformed = |e: usize| codec_err(s, e, "malformed \\N character escape");
                if b.get(i) != Some(&b'{') {
                    return Err(malformed(i));
                }
                let open = i;
                let Some(close) = body[open..].find('}').map(|k| open + k) else {
                    return Err(malformed((open + 1).min(b.len())));
                };
                if close == open + 1 {
                    return Err(malformed(open + 1));
                }
                let name = &body[open + 1..close];
                i = close + 1;
                match unicode_names2::character(name) {
                    Some(ch) => out.push(ch as u32),
                    None => return Err(codec_err(s, i, "unknown Unicode character name")),
                }
            }
            _ => {
                if !warned {
                    warned = true;
                    let shown = body[s + 1..].chars().next().unwrap_or('\\');
                    warnings.push(LiteralWarning {
                        category: "DeprecationWarning",
                        msg: format!("invalid escape sequence '\\{}'", shown),
                    });
                }
                out.push(0x5c);
                // The escaped character itself is kept as it is.
                i -= 1;
            }
        }
    }
    Ok(out)
}

/// Tokenize `bytes` fully and decode every plain string literal; the first
/// error is what CPython's `compile()` reports when the tokenizer (or literal
/// decoding) is what rejects the source. Error tokens (`$`, `?`, `!`, `<>`)
/// give the parser's "invalid syntax" at the token.
pub fn check_source(bytes: &[u8]) -> Result<(), TokError> {
    let d = decode_source(bytes)?;
    let src = d.text.as_str();
    let b = src.as_bytes();
    let mut starts = vec![0, 0];
    starts.extend((0..b.len()).filter(|&i| is_line_break(b, i)).map(|i| i + 1));
    let line_start = |line: usize| starts.get(line).copied().unwrap_or(b.len());
    let mut t = Tokenizer::for_decoded(&d);
    loop {
        let tok = t.next_token()?;
        match tok.kind {
            TokKind::ENDMARKER => return Ok(()),
            TokKind::ERRORTOKEN => {
                let ls = line_start(tok.start.line);
                return Err(TokError {
                    class: ErrClass::SyntaxError,
                    msg: "invalid syntax".into(),
                    lineno: Some(tok.start.line as i64),
                    offset: Some(tok.start.col as i64 + 1),
                    end_lineno: Some(tok.end.line as i64),
                    end_offset: Some(tok.end.col as i64 + 1),
                    text: Some(line_text_with_newline(src, ls)),
                });
            }
            TokKind::STRING => {
                let text = tok.text(src);
                let prefix_len = text.find(['\'', '"']).unwrap_or(0);
                if text[..prefix_len].contains(['f', 'F']) {
                    continue;
                }
                if let Err(e) = decode_string_literal(text) {
                    // CPython shows every line of the literal.
                    let ls = line_start(tok.start.line);
                    let le = line_start(tok.end.line);
                    let text = format!("{}{}", &src[ls..le], line_text_with_newline(src, le));
                    let (off, end) = if e.whole_token {
                        (tok.start.col as i64 + 1, tok.end.byte_col as i64 + 1)
                    } else {
                        // CPython locates these one past the literal, in UTF-8 bytes.
                        (tok.end.byte_col as i64 + 1, tok.end.byte_col as i64 + 1)
                    };
                    return Err(TokError {
                        class: ErrClass::SyntaxError,
                        msg: e.msg,
                        lineno: Some(tok.end.line as i64),
                        offset: Some(off),
                        end_lineno: Some(tok.end.line as i64),
                        end_offset: Some(end),
                        text: Some(text),
                    });
                }
            }
            _ => {}
        }
    }
}

/// Decode the escapes of a literal body (no prefix, no quotes): the parser
/// uses it for the literal parts of f-strings.
pub fn decode_escaped_body(body: &str, bytes: bool) -> Result<(Vec<u32>, Vec<LiteralWarning>), LiteralError> {
    let mut warnings = Vec::new();
    let v = decode_escapes(body, bytes, &mut warnings)?;
    Ok((v, warnings))
}
