//! The two side tables of a code object, in CPython 3.11's byte formats:
//! the location table (`co_linetable`) and the exception table
//! (`co_exceptiontable`). The assembler encodes them; `co_lines()`,
//! `co_positions()`, `dis`, tracebacks and the verifier decode them.
//!
//! Design note.
//! * Location table (CPython's Objects/locations.md): a run of entries, each
//!   covering 1–8 code units. Entry header byte: bit 7 set, bits 3–6 the form
//!   code, bits 0–2 the unit count minus one. Forms: 0–9 "short" (same line,
//!   column = code*8 + high 3 bits of the next byte, end column = column + low 4
//!   bits), 10–12 "one line" (line delta = code-10, then column and end column
//!   bytes), 13 "no columns" (signed varint line delta), 14 "long" (signed line
//!   delta, end-line delta, column+1, end-column+1 as varints), 15 "none" (no
//!   location). Line deltas are relative to the previous entry's line, starting
//!   at `co_firstlineno`. Varints: 6-bit chunks, least significant first, 0x40 =
//!   more follows; signed ones zig-zag (`v<<1`, or `(-v)<<1 | 1`).
//! * Exception table: entries (start, length, target, depth<<1 | lasti), all in
//!   code units, each a varint of 6-bit chunks *most* significant first, 0x40 =
//!   more follows, and bit 7 set on the first byte of an entry.
//! * Decoders never panic: on malformed bytes they stop (`decode_*` return what
//!   was read and whether the table was well formed) so the verifier can reject.

/// One instruction position: `None` where CPython shows None.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Position {
    pub lineno: Option<i32>,
    pub end_lineno: Option<i32>,
    pub col: Option<i32>,
    pub end_col: Option<i32>,
}

impl Position {
    pub const NONE: Position = Position { lineno: None, end_lineno: None, col: None, end_col: None };
}

/// One location-table entry, decoded: code units `[start, end)` and their position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocEntry {
    pub start: u32,
    pub end: u32,
    pub pos: Position,
}

// ---------------------------------------------------------------------------
// Location table: encoding

fn write_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 64 {
        out.push(0x40 | (v & 63) as u8);
        v >>= 6;
    }
    out.push(v as u8);
}

fn write_svarint(out: &mut Vec<u8>, v: i32) {
    let z = if v < 0 { ((v.unsigned_abs()) << 1) | 1 } else { (v as u32) << 1 };
    write_varint(out, z);
}

/// Encoder for the location table. `prev_line` starts at `co_firstlineno`.
pub struct LocationWriter {
    pub out: Vec<u8>,
    prev_line: i32,
}

impl LocationWriter {
    pub fn new(firstlineno: i32) -> LocationWriter {
        LocationWriter { out: Vec::new(), prev_line: firstlineno }
    }

    /// Append `units` code units (any number) all at `pos`, in entries of at most 8.
    pub fn add(&mut self, pos: Position, mut units: u32) {
        while units > 0 {
            let n = units.min(8);
            self.entry(pos, n);
            units -= n;
        }
    }

    fn header(&mut self, code: u8, units: u32) {
        self.out.push(0x80 | (code << 3) | (units - 1) as u8);
    }

    fn entry(&mut self, pos: Position, units: u32) {
        let line = match pos.lineno {
            None => {
                self.header(15, units);
                return;
            }
            Some(l) => l,
        };
        let delta = line - self.prev_line;
        self.prev_line = line;
        let end_line = pos.end_lineno.unwrap_or(line);
        match (pos.col, pos.end_col) {
            (Some(col), Some(end_col)) if end_line == line && col >= 0 && end_col >= 0 => {
                if delta == 0 && col < 80 && end_col >= col && end_col - col < 16 {
                    // Short form.
                    let code = (col / 8) as u8;
                    self.header(code, units);
                    self.out.push((((col % 8) as u8) << 4) | (end_col - col) as u8);
                    return;
                }
                if (0..3).contains(&delta) && col < 128 && end_col < 128 {
                    self.header(10 + delta as u8, units);
                    self.out.push(col as u8);
                    self.out.push(end_col as u8);
                    return;
                }
                self.long(delta, end_line - line, Some(col), Some(end_col), units);
            }
            (None, _) | (_, None) if end_line == line => {
                self.header(13, units);
                write_svarint(&mut self.out, delta);
            }
            (col, end_col) => self.long(delta, end_line - line, col, end_col, units),
        }
    }

    fn long(&mut self, delta: i32, end_delta: i32, col: Option<i32>, end_col: Option<i32>, units: u32) {
        self.header(14, units);
        write_svarint(&mut self.out, delta);
        write_varint(&mut self.out, end_delta.max(0) as u32);
        write_varint(&mut self.out, col.map_or(0, |c| (c + 1) as u32));
        write_varint(&mut self.out, end_col.map_or(0, |c| (c + 1) as u32));
    }
}

// ---------------------------------------------------------------------------
// Location table: decoding

struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let v = *self.b.get(self.i)?;
        self.i += 1;
        Some(v)
    }
    fn varint(&mut self) -> Option<u32> {
        let mut v: u32 = 0;
        let mut shift = 0;
        loop {
            let b = self.byte()?;
            if shift > 30 {
                return None;
            }
            v |= ((b & 63) as u32) << shift;
            shift += 6;
            if b & 0x40 == 0 {
                return Some(v);
            }
        }
    }
    fn svarint(&mut self) -> Option<i32> {
        let z = self.varint()?;
        let mag = (z >> 1) as i32;
        Some(if z & 1 != 0 { -mag } else { mag })
    }
}

/// Decode a location table. Returns the entries and whether the bytes were well
/// formed (a truncated or garbled table ends the list early with `false`).
pub fn decode_locations(table: &[u8], firstlineno: i32) -> (Vec<LocEntry>, bool) {
    let mut r = Reader { b: table, i: 0 };
    let mut out = Vec::new();
    let mut line = firstlineno;
    let mut unit: u32 = 0;
    while r.i < table.len() {
        let h = table[r.i];
        r.i += 1;
        if h & 0x80 == 0 {
            return (out, false);
        }
        let code = (h >> 3) & 15;
        let units = (h & 7) as u32 + 1;
        let pos = match code {
            15 => Position::NONE,
            14 => {
                let Some(d) = r.svarint() else { return (out, false) };
                let Some(ed) = r.varint() else { return (out, false) };
                let Some(c) = r.varint() else { return (out, false) };
                let Some(ec) = r.varint() else { return (out, false) };
                line = line.wrapping_add(d);
                Position {
                    lineno: Some(line),
                    end_lineno: Some(line.wrapping_add(ed as i32)),
                    col: if c == 0 { None } else { Some(c as i32 - 1) },
                    end_col: if ec == 0 { None } else { Some(ec as i32 - 1) },
                }
            }
            13 => {
                let Some(d) = r.svarint() else { return (out, false) };
                line = line.wrapping_add(d);
                Position { lineno: Some(line), end_lineno: Some(line), col: None, end_col: None }
            }
            10..=12 => {
                let Some(c) = r.byte() else { return (out, false) };
                let Some(ec) = r.byte() else { return (out, false) };
                line = line.wrapping_add(code as i32 - 10);
                Position { lineno: Some(line), end_lineno: Some(line), col: Some(c as i32), end_col: Some(ec as i32) }
            }
            _ => {
                let Some(b) = r.byte() else { return (out, false) };
                let col = code as i32 * 8 + ((b >> 4) & 7) as i32;
                Position { lineno: Some(line), end_lineno: Some(line), col: Some(col), end_col: Some(col + (b & 15) as i32) }
            }
        };
        // Continuation bytes never have bit 7 set; the next entry must start here.
        out.push(LocEntry { start: unit, end: unit + units, pos });
        unit += units;
    }
    (out, true)
}

/// `co_positions()`: one position per code unit of a code of `n_units` units
/// (units past the table's end have no position, as CPython).
pub fn positions(table: &[u8], firstlineno: i32, n_units: usize) -> Vec<Position> {
    let (entries, _) = decode_locations(table, firstlineno);
    let mut out = Vec::with_capacity(n_units);
    for e in &entries {
        for _ in e.start..e.end {
            if out.len() == n_units {
                return out;
            }
            out.push(e.pos);
        }
    }
    out.resize(n_units, Position::NONE);
    out
}

/// `co_lines()`: (start byte offset, end byte offset, line) per table entry,
/// skipping empty ranges, as CPython 3.11.
pub fn lines(table: &[u8], firstlineno: i32) -> Vec<(u32, u32, Option<i32>)> {
    let (entries, _) = decode_locations(table, firstlineno);
    entries.iter().map(|e| (e.start * 2, e.end * 2, e.pos.lineno)).collect()
}

// ---------------------------------------------------------------------------
// Exception table

/// One exception-table entry; all offsets in code units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExceptEntry {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    pub depth: u32,
    pub lasti: bool,
}

fn write_except_varint(out: &mut Vec<u8>, v: u32, mut msb: u8) {
    let mut shift = 24;
    while shift > 0 {
        if v >= 1 << shift {
            out.push(((v >> shift) & 63) as u8 | 0x40 | msb);
            msb = 0;
        }
        shift -= 6;
    }
    out.push((v & 63) as u8 | msb);
}

/// Encode entries (in order of `start`).
pub fn encode_exceptions(entries: &[ExceptEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    for e in entries {
        write_except_varint(&mut out, e.start, 0x80);
        write_except_varint(&mut out, e.end - e.start, 0);
        write_except_varint(&mut out, e.target, 0);
        write_except_varint(&mut out, (e.depth << 1) | e.lasti as u32, 0);
    }
    out
}

/// Decode an exception table; `None` if it is malformed.
pub fn decode_exceptions(table: &[u8]) -> Option<Vec<ExceptEntry>> {
    let mut i = 0;
    let mut out = Vec::new();
    let read = |i: &mut usize, first: bool| -> Option<u32> {
        let b0 = *table.get(*i)?;
        if first != (b0 & 0x80 != 0) {
            return None;
        }
        *i += 1;
        let mut v = (b0 & 63) as u32;
        let mut b = b0;
        while b & 0x40 != 0 {
            b = *table.get(*i)?;
            if b & 0x80 != 0 || v >= 1 << 26 {
                return None;
            }
            *i += 1;
            v = (v << 6) | (b & 63) as u32;
        }
        Some(v)
    };
    while i < table.len() {
        let start = read(&mut i, true)?;
        let len = read(&mut i, false)?;
        let target = read(&mut i, false)?;
        let dl = read(&mut i, false)?;
        out.push(ExceptEntry { start, end: start.checked_add(len)?, target, depth: dl >> 1, lasti: dl & 1 != 0 });
    }
    Some(out)
}
