//! String literals: concatenation of STRING tokens, bytes/str mixing errors,
//! and f-strings (3.11: the f-string body is split here, each `{...}`
//! expression is parsed by a sub-parser over "(expr)" whose token positions are
//! shifted to where the expression sits in the file).
//!
//! Design note. Positions follow CPython 3.11's quirks: the JoinedStr, its
//! Constant parts and FormattedValue nodes all span the whole concatenation; a
//! format spec's JoinedStr spans from its own token to the end of the
//! concatenation; the expression nodes get their real positions.
//! Known gaps: literal-decoding errors inside f-string literal parts are
//! located at the end of the literal (as for plain strings) without CPython's
//! finer f-string offsets.

use super::*;
use crate::parser::tokenizer::LiteralValue;
use TokKind as T;

fn codes_to_constant(v: Vec<u32>) -> Constant {
    let mut s = String::with_capacity(v.len());
    for &c in &v {
        match char::from_u32(c) {
            Some(ch) => s.push(ch),
            None => return Constant::StrCodes(v),
        }
    }
    Constant::Str(s)
}

enum Piece {
    Lit(Vec<u32>),
    Val(Expr),
}

struct FBuild {
    pieces: Vec<Piece>,
}

impl FBuild {
    fn lit(&mut self, v: Vec<u32>) {
        if v.is_empty() {
            return;
        }
        if let Some(Piece::Lit(l)) = self.pieces.last_mut() {
            l.extend(v);
        } else {
            self.pieces.push(Piece::Lit(v));
        }
    }
    /// The parts as nodes: a literal flushed before a field spans the whole
    /// concatenation (`whole`), the trailing one `loc` (CPython 3.11's order
    /// of making them).
    fn finish(self, loc: Loc, whole: Loc, kind: &Option<String>) -> Vec<Expr> {
        let n = self.pieces.len();
        self.pieces
            .into_iter()
            .enumerate()
            .map(|(i, p)| match p {
                Piece::Lit(v) => Expr::new(ExprKind::Constant { value: codes_to_constant(v), kind: kind.clone() }, if i + 1 == n { loc } else { whole }),
                Piece::Val(e) => e,
            })
            .collect()
    }
}

impl<'a> Parser<'a> {
    /// strings (memo): STRING+
    pub fn strings(&mut self) -> R<Expr> {
        self.enter(|p| {
            let first = p.expect(T::STRING)?;
            let mut toks = vec![first];
            while let Some(t) = p.expect(T::STRING) {
                toks.push(t);
            }
            let last = *toks.last().expect("one");
            // Lookahead past the last string, as pegen's loop does.
            p.cur();
            let loc = Loc { lineno: first.sl, col_offset: first.sc, end_lineno: last.el, end_col_offset: last.ec };
            let ftext = p.text(&first);
            let kind = if ftext.starts_with(['u', 'U']) { Some("u".to_string()) } else { None };
            let is_bytes = |s: &str| s[..s.find(['\'', '"']).unwrap_or(0)].contains(['b', 'B']);
            let bytesmode = is_bytes(ftext);
            let mut fmode = false;
            for t in &toks {
                let s = p.text(t);
                if is_bytes(s) != bytesmode {
                    p.raise_last(ErrClass::SyntaxError, "cannot mix bytes and nonbytes literals");
                    return None;
                }
                if s[..s.find(['\'', '"']).unwrap_or(0)].contains(['f', 'F']) {
                    fmode = true;
                }
            }
            if bytesmode {
                let mut out = Vec::new();
                for t in &toks {
                    match p.decode_literal(t)? {
                        LiteralValue::Bytes(b) => out.extend(b),
                        LiteralValue::Str(_) => {}
                    }
                }
                return Some(Expr::new(ExprKind::Constant { value: Constant::Bytes(out), kind: None }, loc));
            }
            if !fmode {
                let mut out = Vec::new();
                for t in &toks {
                    if let LiteralValue::Str(v) = p.decode_literal(t)? {
                        out.extend(v);
                    }
                }
                return Some(Expr::new(ExprKind::Constant { value: codes_to_constant(out), kind }, loc));
            }
            let mut b = FBuild { pieces: Vec::new() };
            for t in &toks {
                let s = p.text(t);
                let q = s.find(['\'', '"']).unwrap_or(0);
                let prefix = &s[..q];
                if !prefix.contains(['f', 'F']) {
                    if let LiteralValue::Str(v) = p.decode_literal(t)? {
                        b.lit(v);
                    }
                    continue;
                }
                let raw = prefix.contains(['r', 'R']);
                let rest = &s[q..];
                let qs = if rest.len() >= 6 && rest.as_bytes()[1] == rest.as_bytes()[0] && rest.as_bytes()[2] == rest.as_bytes()[0] { 3 } else { 1 };
                let body_start = q + qs;
                let body_end = s.len() - qs;
                let stop = p.fstring_body(&mut b, t, body_start, body_end, raw, 0, &last, &loc, &kind)?;
                let _ = stop;
            }
            let values = b.finish(loc, loc, &kind);
            Some(Expr::new(ExprKind::JoinedStr { values }, loc))
        })
    }

    fn decode_literal(&mut self, t: &Tok) -> R<LiteralValue> {
        let s = self.text(t);
        match tokenizer::decode_string_literal(s) {
            Ok((v, _)) => Some(v),
            Err(e) => {
                self.literal_error(t, &e.msg, e.whole_token);
                None
            }
        }
    }

    fn literal_error(&mut self, t: &Tok, msg: &str, whole: bool) {
        if !whole {
            // A decoding error: RAISE_SYNTAX_ERROR, at the last token read
            // (the one after the strings).
            self.raise_last(ErrClass::SyntaxError, msg);
            return;
        }
        let (c, e) = if whole { (t.sc as i64 + 1, t.ec as i64 + 1) } else { (t.ec as i64 + 1, t.ec as i64 + 1) };
        // CPython shows every line of the literal and counts bytes.
        let mut text = String::new();
        for l in t.sl..=t.el {
            text.push_str(&self.line_text(l));
            text.push('\n');
        }
        let (c, e) = if whole {
            let line = self.line_text(t.sl);
            let cc = line[..(t.sc as usize).min(line.len())].chars().count() as i64 + 1;
            (cc, e)
        } else {
            (c, e)
        };
        if self.err.is_none() {
            self.err = Some(ParseError::Syntax(TokError {
                class: ErrClass::SyntaxError,
                msg: msg.to_string(),
                lineno: Some(t.el as i64),
                offset: Some(c),
                end_lineno: Some(t.el as i64),
                end_offset: Some(e),
                text: Some(text),
            }));
        }
    }

    /// Split an f-string body `s[from..to]` (of token `t`) into literal parts
    /// and formatted values.
    #[allow(clippy::too_many_arguments)]
    fn fstring_body(&mut self, b: &mut FBuild, t: &Tok, from: usize, to: usize, raw: bool, depth: u32, last: &Tok, whole: &Loc, kind: &Option<String>) -> R<usize> {
        let s = self.text(t);
        let bytes = s.as_bytes();
        let mut i = from;
        while i < to {
            // Literal part up to '{' (or '}' in a format spec).
            let lit_start = i;
            let mut lit = String::new();
            let mut seg_start = i;
            while i < to {
                let c = bytes[i];
                if !raw && c == b'\\' && i + 1 < to {
                    if bytes[i + 1] == b'N' && i + 2 < to && bytes[i + 2] == b'{' {
                        // \N{NAME}: its braces are not a field.
                        match s[i..to].find('}') {
                            Some(k) => {
                                i += k + 1;
                                continue;
                            }
                            None => {
                                i = to;
                                break;
                            }
                        }
                    }
                    i += 2;
                    continue;
                }
                if c == b'{' || c == b'}' {
                    if i + 1 < to && bytes[i + 1] == c && depth == 0 {
                        lit.push_str(&s[seg_start..i + 1]);
                        i += 2;
                        seg_start = i;
                        continue;
                    }
                    if c == b'}' {
                        if depth > 0 {
                            break;
                        }
                        self.raise_last(ErrClass::SyntaxError, "f-string: single '}' is not allowed");
                        return None;
                    }
                    break;
                }
                i += 1;
            }
            lit.push_str(&s[seg_start..i]);
            let _ = lit_start;
            if !lit.is_empty() {
                let v = if raw {
                    lit.chars().map(|c| c as u32).collect()
                } else {
                    match tokenizer::decode_escaped_body(&lit, false) {
                        Ok((v, _)) => v,
                        Err(e) => {
                            self.literal_error(t, &e.msg, false);
                            return None;
                        }
                    }
                };
                b.lit(v);
            }
            if i >= to {
                break;
            }
            if bytes[i] == b'}' {
                // End of a format spec.
                break;
            }
            // bytes[i] == '{': an expression.
            i = self.fstring_field(b, t, i, to, raw, depth, last, whole, kind)?;
        }
        Some(i)
    }

    /// One `{expr[=][!c][:spec]}` field starting at the '{' at `open`; returns
    /// the index after its '}'.
    #[allow(clippy::too_many_arguments)]
    fn fstring_field(&mut self, b: &mut FBuild, t: &Tok, open: usize, to: usize, raw: bool, depth: u32, last: &Tok, whole: &Loc, kind: &Option<String>) -> R<usize> {
        if depth >= 2 {
            self.raise_last(ErrClass::SyntaxError, "f-string: expressions nested too deeply");
            return None;
        }
        let s = self.text(t);
        let bytes = s.as_bytes();
        let expr_start = open + 1;
        let mut i = expr_start;
        let mut stack: Vec<u8> = Vec::new();
        let mut quote: Option<(u8, usize)> = None;
        let mut string_type = 0usize;
        let _ = &mut string_type;
        while i < to {
            let c = bytes[i];
            if c == b'\\' {
                self.raise_last(ErrClass::SyntaxError, "f-string expression part cannot include a backslash");
                return None;
            }
            if let Some((q, n)) = quote {
                if c == q {
                    if n == 3 {
                        if i + 2 < to && bytes[i + 1] == q && bytes[i + 2] == q {
                            i += 3;
                            quote = None;
                            continue;
                        }
                    } else {
                        quote = None;
                    }
                }
                i += 1;
                continue;
            }
            match c {
                b'\'' | b'"' => {
                    if i + 2 < to && bytes[i + 1] == c && bytes[i + 2] == c {
                        quote = Some((c, 3));
                        i += 3;
                        continue;
                    }
                    quote = Some((c, 1));
                }
                b'[' | b'(' | b'{' => {
                    if stack.len() >= 200 {
                        self.raise_last(ErrClass::SyntaxError, "f-string: too many nested parenthesis");
                        return None;
                    }
                    stack.push(c);
                }
                b'#' => {
                    self.raise_last(ErrClass::SyntaxError, "f-string expression part cannot include '#'");
                    return None;
                }
                b']' | b')' | b'}' => {
                    if stack.is_empty() {
                        if c == b'}' {
                            break;
                        }
                        self.raise_last(ErrClass::SyntaxError, &format!("f-string: unmatched '{}'", c as char));
                        return None;
                    }
                    let o = stack.pop().expect("nonempty");
                    let ok = matches!((o, c), (b'(', b')') | (b'[', b']') | (b'{', b'}'));
                    if !ok {
                        self.raise_last(
                            ErrClass::SyntaxError,
                            &format!("f-string: closing parenthesis '{}' does not match opening parenthesis '{}'", c as char, o as char),
                        );
                        return None;
                    }
                }
                b'!' if stack.is_empty() => {
                    if i + 1 < to && bytes[i + 1] == b'=' {
                        i += 2;
                        continue;
                    }
                    break;
                }
                b':' if stack.is_empty() => break,
                b'=' if stack.is_empty() => {
                    if i + 1 < to && bytes[i + 1] == b'=' {
                        i += 2;
                        continue;
                    }
                    let prev = if i > expr_start { bytes[i - 1] } else { 0 };
                    if !matches!(prev, b'<' | b'>' | b'=' | b'!') {
                        break;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        let expr_end = i;
        if quote.is_some() {
            self.raise_last(ErrClass::SyntaxError, "f-string: unterminated string");
            return None;
        }
        if i >= to {
            self.raise_last(ErrClass::SyntaxError, "f-string: expecting '}'");
            return None;
        }
        if let Some(&o) = stack.last() {
            let _ = o;
            self.raise_last(ErrClass::SyntaxError, "f-string: expecting '}'");
            return None;
        }
        let expr_text = &s[expr_start..expr_end];
        if expr_text.chars().all(|c| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')) {
            let msg = match bytes[i] {
                c @ (b'!' | b':' | b'=') => format!("f-string: expression required before '{}'", c as char),
                _ => "f-string: empty expression not allowed".to_string(),
            };
            self.raise_last(ErrClass::SyntaxError, &msg);
            return None;
        }
        let value = self.fstring_compile_expr(t, open, expr_text)?;
        // '=' (self-documenting)
        let mut equal = false;
        if bytes[i] == b'=' {
            equal = true;
            i += 1;
            while i < to && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                i += 1;
            }
            b.lit(s[expr_start..i].chars().map(|c| c as u32).collect());
        }
        if i >= to {
            self.raise_last(ErrClass::SyntaxError, "f-string: expecting '}'");
            return None;
        }
        let mut conversion = -1;
        if bytes[i] == b'!' {
            i += 1;
            if i >= to {
                self.raise_last(ErrClass::SyntaxError, "f-string: expecting '}'");
                return None;
            }
            let c = bytes[i];
            i += 1;
            if !matches!(c, b's' | b'r' | b'a') {
                self.raise_last(ErrClass::SyntaxError, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
                return None;
            }
            conversion = c as i32;
        }
        if i >= to {
            self.raise_last(ErrClass::SyntaxError, "f-string: expecting '}'");
            return None;
        }
        let mut format_spec = None;
        if bytes[i] == b':' {
            i += 1;
            let mut sb = FBuild { pieces: Vec::new() };
            let spec_loc = Loc { lineno: t.sl, col_offset: t.sc, end_lineno: t.el, end_col_offset: t.ec };
            // The spec ends at its '}' (the body stops there).
            i = self.fstring_body(&mut sb, t, i, to, raw, depth + 1, last, whole, kind)?;
            let vals = sb.finish(spec_loc, *whole, kind);
            format_spec = Some(Box::new(Expr::new(ExprKind::JoinedStr { values: vals }, spec_loc)));
        }
        if i >= to || bytes[i] != b'}' {
            self.raise_last(ErrClass::SyntaxError, "f-string: expecting '}'");
            return None;
        }
        i += 1;
        if equal && conversion == -1 && format_spec.is_none() {
            conversion = b'r' as i32;
        }
        b.pieces.push(Piece::Val(Expr::new(ExprKind::FormattedValue { value: Box::new(value), conversion, format_spec }, *whole)));
        Some(i)
    }

    /// Parse one f-string expression with a sub-parser over "(expr)".
    fn fstring_compile_expr(&mut self, t: &Tok, open: usize, expr_text: &str) -> R<Expr> {
        let s = self.text(t);
        let before = &s[..open];
        let lines = before.matches('\n').count() as u32;
        let after = &s[open + 1..];
        let newline_after_brace = {
            let mut r = true;
            for c in after.chars() {
                if c == '}' || c == '\n' {
                    break;
                }
                if !matches!(c, ' ' | '\t' | '\x0c') {
                    r = false;
                    break;
                }
            }
            r
        };
        let mut cols = 0u32;
        if !newline_after_brace {
            cols = match before.rfind('\n') {
                Some(k) => (open - k - 1) as u32,
                None => open as u32,
            };
        }
        let shift = Shift { line: t.sl + lines, col: if lines != 0 { cols } else { t.sc + cols } };
        let text = format!("({expr_text})");
        let tz = Tokenizer::new(&text);
        let mut sub = Parser::new(&text, tz).with_shift(shift);
        sub.outer_src = Some(self.outer_src.unwrap_or(self.src));
        let r = sub.enter(|p| p.star_expressions());
        if let Some(e) = r {
            if sub.err.is_none() {
                return Some(e);
            }
        }
        if sub.err.is_none() {
            let last = *sub.toks.last().expect("a token");
            sub.reset_for_second_pass();
            let _ = sub.enter(|p| p.star_expressions());
            if sub.err.is_none() {
                sub.raise_tok(ErrClass::SyntaxError, "invalid syntax", &last);
            }
        }
        let mut err = sub.err.take().expect("set");
        if let ParseError::Syntax(e) = &mut err {
            if !e.msg.starts_with("f-string") {
                e.msg = format!("f-string: {}", e.msg);
            }
        }
        self.err = Some(err);
        None
    }
}
