//! The PEG parser: parser tokens to CPython 3.11's AST, with its syntax errors.
//!
//! Design note.
//! * Hand-written recursive descent following Grammar/python.gram of 3.11: one
//!   method per grammar rule (same names), ordered choice by resetting `pos`,
//!   left-recursive rules (`primary`, `t_primary`, binary operators,
//!   `dotted_name`) written as loops that grow the seed, which is what pegen's
//!   left recursion computes for these rules.
//! * Tokens are pulled lazily from the tokenizer into a buffer (`toks`), as
//!   CPython does: a tokenizer error surfaces only when the parser looks that far,
//!   and "the furthest token reached" (the generic error location) is the last
//!   token in the buffer.
//! * Errors follow CPython's two passes: a first pass without the `invalid_*`
//!   rules; on failure the position resets and a second pass runs with them
//!   (`self.invalid`); if none raised, "invalid syntax" at the last token of the
//!   first pass (or "unexpected indent", an unclosed bracket, ...). After a
//!   parser-raised error the rest of the source is tokenized, and a tokenizer
//!   error there wins, as in `_PyPegen_set_syntax_error` (except the ones
//!   CPython's tokenizer signals without an exception: bad dedent, tabs, line
//!   continuation). Reading the end of file inside brackets raises "'(' was
//!   never closed" at once, in either pass, as pegen's token fill does.
//! * Columns: the parser's own errors count characters when the encoding is
//!   known (a `str` source, a coding declaration, a BOM) and UTF-8 bytes
//!   otherwise (`compile(b"...")`, `Py_CompileString`), as CPython's
//!   tok->encoding decides; INDENT/DEDENT/ENDMARKER errors are at the
//!   tokenizer's cursor.
//! * `self.err` is pegen's error indicator: once set, every rule fails at once.
//! * Depth: every rule entry counts a level (`enter`); past CPython's MAXSTACK
//!   (6000) the parse fails with MemoryError as CPython 3.11's parser does. The
//!   stack grows on demand (`stacker`) so 6000 levels fit on any thread.
//!   After a successful parse the tree's depth is checked against the limit
//!   `ast.parse` applies when it builds Python objects (RecursionError).
//! * Memoization: `expression` (after a bracket or comma), `bitwise_or`,
//!   `block`, `invalid_named_expression` and the target rules
//!   (`t_primary`-based) which the assignment alternatives re-try at the same
//!   position. Results are cloned into the memo, so fewer rules are memoized
//!   than in pegen (`disjunction` and `star_expression` are only reached
//!   through memoized rules at a given position). The error pass stays
//!   linear in bracket nesting (tests/parser/errors.tsv has 30-deep cases).
//!
//! Known gaps: level counts per construct approximate pegen's generated
//! functions (the MemoryError boundary can differ by a few dozen levels);
//! type comments and feature_version are not supported; in single mode the
//! statement-end check is on tokens (CPython's `bad_single_statement` scans
//! characters). All 876 programs of tests/parser/errors.tsv match, and so do
//! the mutated stdlib snippets of tests/parser.rs (6,000 per run; 100,000
//! checked locally).
//! Warnings (DeprecationWarning for invalid escapes, SyntaxWarning for
//! `1if x`) are not reported to the caller yet. The tokenizer's invalid-UTF-8
//! error in test/tokenizedata/badsyntax_pep3120.py has end_offset 13 where
//! CPython has 14 (the only stdlib difference).
#![forbid(unsafe_code)]

mod expr;
mod invalid;
mod pattern;
mod stmt;
mod strings;

use super::ast::*;
use super::tokenizer::{self, ErrClass, TokError, TokKind, Tokenizer};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A cheap hasher for the memo's (position, rule) keys.
#[derive(Default)]
pub(crate) struct PosHasher(u64);

impl Hasher for PosHasher {
    fn finish(&self) -> u64 {
        self.0.wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ b as u64;
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = self.0.rotate_left(5) ^ n as u64;
    }
    fn write_u8(&mut self, n: u8) {
        self.0 = self.0.rotate_left(5) ^ n as u64;
    }
    fn write_isize(&mut self, n: isize) {
        self.write_usize(n as usize);
    }
}

/// What the parser was asked to parse (`compile()`'s mode).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Exec,
    Eval,
    Single,
    FuncType,
}

/// Why a parse failed: a SyntaxError (or subclass) as `compile()` reports it,
/// MemoryError (parser stack overflow), RecursionError (tree too deep).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    Syntax(TokError),
    Memory,
    Recursion(String),
}

const MAXSTACK: usize = 6000;
/// `ast.parse` builds Python objects with a limit of 3 x the recursion limit
/// (1000), less the frames already in use.
const AST_DEPTH_LIMIT: usize = 2980;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kw {
    False, None_, True, And, As, Assert, Async, Await, Break, Class, Continue, Def, Del, Elif, Else,
    Except, Finally, For, From, Global, If, Import, In, Is, Lambda, Nonlocal, Not, Or, Pass, Raise,
    Return, Try, While, With, Yield,
}

fn keyword(s: &str) -> Option<Kw> {
    use Kw::*;
    Some(match s {
        "False" => False,
        "None" => None_,
        "True" => True,
        "and" => And,
        "as" => As,
        "assert" => Assert,
        "async" => Async,
        "await" => Await,
        "break" => Break,
        "class" => Class,
        "continue" => Continue,
        "def" => Def,
        "del" => Del,
        "elif" => Elif,
        "else" => Else,
        "except" => Except,
        "finally" => Finally,
        "for" => For,
        "from" => From,
        "global" => Global,
        "if" => If,
        "import" => Import,
        "in" => In,
        "is" => Is,
        "lambda" => Lambda,
        "nonlocal" => Nonlocal,
        "not" => Not,
        "or" => Or,
        "pass" => Pass,
        "raise" => Raise,
        "return" => Return,
        "try" => Try,
        "while" => While,
        "with" => With,
        "yield" => Yield,
        _ => return None,
    })
}

/// A parser token: kind, keyword, text range, positions (lines from 1; `sc`/`ec`
/// UTF-8 byte columns and `scol`/`ecol` code-point columns, from 0).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub kind: TokKind,
    pub kw: Option<Kw>,
    pub s: usize,
    pub e: usize,
    pub sl: u32,
    pub sc: u32,
    pub el: u32,
    pub ec: u32,
    /// Bracket depth before this token (CPython's `token->level`).
    pub level: u32,
}

/// Where a sub-parser's tokens sit in the real source (f-string expressions).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Shift {
    pub line: u32,
    pub col: u32,
}

#[derive(Clone)]
enum MemoVal {
    Expr(Option<Expr>),
    Stmts(Option<Vec<Stmt>>),
    /// A rule run for its side effect (an invalid_ rule raising an error):
    /// where it ended.
    Unit,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Rule {
    Block,
    TPrimary,
    StarTarget,
    TargetWithStarAtom,
    DelTarget,
    Expression,
    BitwiseOr,
    InvalidNamedExpression,
}

pub(crate) struct Parser<'a> {
    pub src: &'a str,
    tz: Tokenizer<'a>,
    pub toks: Vec<Tok>,
    pub pos: usize,
    done: bool,
    paren_depth: u32,
    /// The unclosed-bracket error the tokenizer gave at EOF (CPython's E_EOF state).
    eof_err: Option<TokError>,
    /// A tokenizer error: raised as soon as it is met.
    tok_err: bool,
    pub err: Option<ParseError>,
    pub invalid: bool,
    level: usize,
    /// Tree depth the left-recursive loops around the current point add.
    pub chain: usize,
    /// A left-recursive chain passed `ast.parse`'s depth limit: the tree was
    /// not grown further and a successful parse ends in RecursionError.
    pub too_deep: bool,
    memo: HashMap<(usize, Rule), (MemoVal, usize), BuildHasherDefault<PosHasher>>,
    /// Byte offset of each line start in `src` (index 0 = line 1).
    line_starts: Vec<usize>,
    shift: Option<Shift>,
    /// The source of the whole file (for error lines) when this is a sub-parser.
    pub outer_src: Option<&'a str>,
    /// Columns of parser-raised errors in characters (else UTF-8 bytes):
    /// see `Decoded::char_offsets`.
    pub char_offsets: bool,
}

/// Tokenizer errors that CPython's tokenizer reports through its state, not
/// an exception (see check_rest_of_source).
const SILENT_TOKENIZER_ERRORS: [&str; 5] = [
    "unindent does not match any outer indentation level",
    "inconsistent use of tabs and spaces in indentation",
    "too many levels of indentation",
    "unexpected character after line continuation character",
    "unexpected EOF while parsing",
];

/// Check-and-bail: a rule's result, with `?` semantics for failure.
pub(crate) type R<T> = Option<T>;

impl<'a> Parser<'a> {
    pub fn new(src: &'a str, tz: Tokenizer<'a>) -> Parser<'a> {
        let b = src.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'\n' {
                line_starts.push(i + 1);
            } else if b[i] == b'\r' {
                if b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                line_starts.push(i + 1);
            }
            i += 1;
        }
        Parser {
            src,
            tz,
            toks: Vec::new(),
            pos: 0,
            done: false,
            paren_depth: 0,
            eof_err: None,
            tok_err: false,
            err: None,
            invalid: false,
            level: 0,
            chain: 0,
            too_deep: false,
            memo: HashMap::with_capacity_and_hasher(256, Default::default()),
            line_starts,
            shift: None,
            outer_src: None,
            char_offsets: true,
        }
    }

    pub fn with_shift(mut self, shift: Shift) -> Self {
        self.shift = Some(shift);
        self
    }

    // --- tokens --------------------------------------------------------------

    fn fill_one(&mut self) {
        if self.done {
            let mut t = *self.toks.last().expect("a token after done");
            t.s = t.e;
            self.toks.push(t);
            return;
        }
        match self.tz.next_parser_token() {
            Ok(t) => {
                let kw = if t.kind == TokKind::NAME { keyword(t.text(self.src)) } else { None };
                match t.kind {
                    TokKind::LPAR | TokKind::LSQB | TokKind::LBRACE => self.paren_depth += 1,
                    TokKind::RPAR | TokKind::RSQB | TokKind::RBRACE => self.paren_depth = self.paren_depth.saturating_sub(1),
                    TokKind::ENDMARKER => self.done = true,
                    _ => {}
                }
                let (mut sl, mut sc, mut el, mut ec) = (t.start.line as u32, t.start.byte_col as u32, t.end.line as u32, t.end.byte_col as u32);
                if let Some(sh) = self.shift {
                    if sl == 1 {
                        sc += sh.col;
                    }
                    if el == 1 {
                        ec += sh.col;
                    }
                    sl += sh.line - 1;
                    el += sh.line - 1;
                }
                // CPython's token level is the tokenizer's after the token.
                let level = self.paren_depth;
                if t.kind == TokKind::NEWLINE {
                    // The C tokenizer's NEWLINE has no extent, except after a
                    // comment: then it starts where the comment does.
                    el = sl;
                    ec = sc;
                    if self.shift.is_none() {
                        let from = self.toks.last().map_or(0, |p| p.e).min(t.text_start);
                        let gap = &self.src.as_bytes()[from..t.text_start];
                        if let Some(h) = gap.iter().position(|&b| b == b'#') {
                            if !gap[h..].contains(&b'\n') {
                                sc -= (gap.len() - h) as u32;
                            }
                        }
                    }
                }
                self.toks.push(Tok { kind: t.kind, kw, s: t.text_start, e: t.text_end, sl, sc, el, ec, level });
            }
            Err(e) => {
                let level = self.paren_depth;
                self.done = true;
                let n = self.src.len();
                let line = self.line_starts.len() as u32;
                let mut t = Tok { kind: TokKind::ERRORTOKEN, kw: None, s: n, e: n, sl: line, sc: 0, el: line, ec: 0, level };
                if e.msg.ends_with("was never closed") {
                    // CPython's tokenizer reports EOF inside brackets as an
                    // ERRORTOKEN; the parser turns it into this error later.
                    if let Some(last) = self.toks.last() {
                        t.sl = last.el;
                        t.el = last.el;
                        t.sc = last.ec;
                        t.ec = last.ec;
                    }
                    // Like pegen, fetching that token raises the error at
                    // once, in either pass, before any later custom error.
                    self.toks.push(t);
                    if self.err.is_none() {
                        self.err = Some(ParseError::Syntax(self.unclosed_error(e.clone())));
                    }
                    self.eof_err = Some(e);
                    return;
                } else {
                    self.tok_err = true;
                    self.err = Some(ParseError::Syntax(e));
                }
                self.toks.push(t);
            }
        }
    }

    #[inline]
    pub fn tok(&mut self, i: usize) -> Tok {
        while self.toks.len() <= i {
            self.fill_one();
        }
        self.toks[i]
    }

    #[inline]
    pub fn cur(&mut self) -> Tok {
        self.tok(self.pos)
    }

    #[inline]
    pub fn peek_kind(&mut self) -> TokKind {
        self.cur().kind
    }

    /// The last token consumed (for node end positions).
    pub fn last(&self) -> Tok {
        let mut i = self.pos.min(self.toks.len());
        while i > 0 {
            i -= 1;
            let t = &self.toks[i];
            if !matches!(t.kind, TokKind::NEWLINE | TokKind::INDENT | TokKind::DEDENT | TokKind::ENDMARKER) {
                return *t;
            }
        }
        self.toks[0]
    }

    pub fn text(&self, t: &Tok) -> &'a str {
        &self.src[t.s..t.e]
    }

    /// Consume a token of `kind`.
    #[inline]
    pub fn expect(&mut self, kind: TokKind) -> Option<Tok> {
        let t = self.cur();
        if t.kind == kind && self.err.is_none() {
            self.pos += 1;
            Some(t)
        } else {
            None
        }
    }

    #[inline]
    pub fn at(&mut self, kind: TokKind) -> bool {
        self.cur().kind == kind
    }

    #[inline]
    pub fn kw(&mut self, k: Kw) -> Option<Tok> {
        let t = self.cur();
        if t.kw == Some(k) && self.err.is_none() {
            self.pos += 1;
            Some(t)
        } else {
            None
        }
    }

    #[inline]
    pub fn at_kw(&mut self, k: Kw) -> bool {
        self.cur().kw == Some(k)
    }

    /// A soft keyword (`match`, `case`, `_`).
    pub fn soft(&mut self, s: &str) -> Option<Tok> {
        let t = self.cur();
        if t.kind == TokKind::NAME && self.text(&t) == s && self.err.is_none() {
            self.pos += 1;
            Some(t)
        } else {
            None
        }
    }

    /// A NAME that is not a keyword, NFKC-normalised.
    pub fn name(&mut self) -> Option<(String, Tok)> {
        let t = self.cur();
        if t.kind == TokKind::NAME && t.kw.is_none() && self.err.is_none() {
            self.pos += 1;
            let s = self.text(&t);
            let id = if s.is_ascii() { s.to_string() } else { tokenizer::normalize_identifier(s) };
            Some((id, t))
        } else {
            None
        }
    }

    pub fn name_expr(&mut self) -> Option<Expr> {
        let (id, t) = self.name()?;
        Some(Expr::new(ExprKind::Name { id, ctx: ExprContext::Load }, loc1(&t)))
    }

    /// Location from token `start` to the last consumed token.
    pub fn loc_from(&self, start: &Tok) -> Loc {
        let l = self.last();
        Loc { lineno: start.sl, col_offset: start.sc, end_lineno: l.el, end_col_offset: l.ec }
    }

    pub fn failed(&self) -> bool {
        self.err.is_some()
    }

    /// Enter a rule: count a level (MemoryError past MAXSTACK) and make sure
    /// the Rust stack has room.
    #[inline]
    pub fn enter<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        if self.err.is_some() {
            return None;
        }
        self.level += 1;
        if self.level > MAXSTACK {
            self.level -= 1;
            self.err = Some(ParseError::Memory);
            return None;
        }
        // A large red zone: dropping a deep subtree inside a rule recurses too.
        // (Also cloning one into the memo: left-recursive loops build trees
        // far deeper than the rule nesting.)
        let r = stacker::maybe_grow(2 << 20, 16 << 20, || f(self));
        self.level -= 1;
        if self.err.is_some() {
            return None;
        }
        r
    }

    /// A memoized expression rule.
    pub fn memo_expr(&mut self, rule: Rule, f: impl FnOnce(&mut Self) -> Option<Expr>) -> Option<Expr> {
        let key = (self.pos, rule);
        if let Some((MemoVal::Expr(v), end)) = self.memo.get(&key) {
            let (v, end) = (v.clone(), *end);
            self.pos = end;
            return v;
        }
        let r = self.enter(f);
        if self.err.is_none() {
            self.memo.insert(key, (MemoVal::Expr(r.clone()), self.pos));
        }
        r
    }

    /// A memoized rule that matters only through the error it may raise
    /// (pegen memoizes invalid_named_expression: without it every nested
    /// bracket tries it twice, from tuple and from group, and the error pass
    /// over deeply nested brackets becomes exponential).
    pub fn memo_unit(&mut self, rule: Rule, f: impl FnOnce(&mut Self) -> Option<()>) -> Option<()> {
        let key = (self.pos, rule);
        if let Some((MemoVal::Unit, end)) = self.memo.get(&key) {
            self.pos = *end;
            return None;
        }
        let r = self.enter(f);
        if self.err.is_none() {
            self.memo.insert(key, (MemoVal::Unit, self.pos));
        }
        r
    }

    pub fn memo_stmts(&mut self, rule: Rule, f: impl FnOnce(&mut Self) -> Option<Vec<Stmt>>) -> Option<Vec<Stmt>> {
        let key = (self.pos, rule);
        if let Some((MemoVal::Stmts(v), end)) = self.memo.get(&key) {
            let (v, end) = (v.clone(), *end);
            self.pos = end;
            return v;
        }
        let r = self.enter(f);
        if self.err.is_none() {
            self.memo.insert(key, (MemoVal::Stmts(r.clone()), self.pos));
        }
        r
    }

    /// A left-recursive loop is about to wrap its tree once more: false (and
    /// the parse marked too deep) past `ast.parse`'s depth limit, so trees
    /// stay shallow enough to clone and drop by recursion.
    pub fn chain_grow(&mut self, count: &mut usize) -> bool {
        *count += 1;
        if self.chain + *count > AST_DEPTH_LIMIT {
            self.too_deep = true;
            return false;
        }
        true
    }

    /// Run `f` as a lookahead: position restored, result is whether it matched.
    pub fn lookahead(&mut self, f: impl FnOnce(&mut Self) -> bool) -> bool {
        let m = self.pos;
        let r = f(self);
        self.pos = m;
        r
    }

    // --- errors --------------------------------------------------------------

    /// The text of line `n` (from 1) of the file, without its line break.
    pub fn line_text(&self, n: u32) -> String {
        let src = self.outer_src.unwrap_or(self.src);
        let mut i = 0usize;
        let mut line = 1u32;
        let b = src.as_bytes();
        if self.outer_src.is_none() {
            let s = self.line_starts.get(n as usize - 1).copied().unwrap_or(b.len());
            let rest = &src[s.min(src.len())..];
            let e = rest.find(['\n', '\r']).unwrap_or(rest.len());
            return rest[..e].to_string();
        }
        while line < n && i < b.len() {
            if b[i] == b'\n' {
                line += 1;
            }
            i += 1;
        }
        let rest = &src[i.min(src.len())..];
        let e = rest.find(['\n', '\r']).unwrap_or(rest.len());
        rest[..e].to_string()
    }

    /// The number of the source's last line (the ENDMARKER's line in CPython).
    fn last_line(&self) -> u32 {
        let b = self.src.as_bytes();
        let n = self.line_starts.len() as u32;
        if b.is_empty() || b.ends_with(b"\n") || b.ends_with(b"\r") {
            n.saturating_sub(1).max(1)
        } else {
            n
        }
    }

    /// The line of the tokenizer's cursor (the end line of the last token read).
    fn tokenizer_line(&self) -> u32 {
        self.toks.last().map_or(1, |t| if t.kind == TokKind::ENDMARKER || t.kind == TokKind::DEDENT { t.sl.saturating_sub(1).max(1) } else { t.el })
    }

    /// Raise an error at byte columns (1-based) of the given lines, as
    /// `_PyPegen_raise_error_known_location` does.
    pub fn raise_at(&mut self, class: ErrClass, msg: &str, lineno: u32, col: i64, end_lineno: u32, end_col: i64) {
        if self.err.is_some() {
            return;
        }
        if let Some(sh) = self.shift {
            // f-string expression: columns relative to "(expr)", which is the text.
            let rel = |c: i64| if lineno == sh.line && c > 0 { c - sh.col as i64 } else { c };
            let (col, end_col) = (rel(col), if end_lineno == sh.line { rel(end_col) } else { end_col });
            self.err = Some(ParseError::Syntax(TokError {
                class,
                msg: msg.to_string(),
                lineno: Some(lineno as i64),
                offset: Some(col),
                end_lineno: Some(end_lineno as i64),
                end_offset: Some(end_col),
                text: Some(format!("{}\n", self.src)),
            }));
            return;
        }
        let line = self.line_text(lineno);
        // CPython's error line ends with the newline when the tokenizer is on it.
        let with_nl = lineno >= self.tokenizer_line() && self.outer_src.is_none();
        let mut text = if with_nl && lineno as usize <= self.line_starts.len() { format!("{line}\n") } else { line.clone() };
        if with_nl {
            // CPython's buffer holds every line joined by backslashes.
            // Not across a backslash in the indentation: the tokenizer reads
            // the next line at the start of a line, with no token begun.
            let bare = |t: &str| t.trim_start_matches([' ', '\t', '\x0c']) == "\\";
            let mut l = lineno;
            loop {
                // A token read across line ends (a triple-quoted string)
                // keeps its first line in the buffer too.
                if let Some(t) = self.toks.iter().rev().find(|t| t.sl < l && t.el >= l && t.kind == TokKind::STRING) {
                    for k in (t.sl..l).rev() {
                        text = format!("{}\n{text}", self.line_text(k));
                    }
                    l = t.sl;
                    continue;
                }
                if l <= 1 {
                    break;
                }
                let prev = self.line_text(l - 1);
                if !prev.ends_with('\\') {
                    break;
                }
                if bare(&prev) {
                    let mut k = l - 1;
                    while k > 1 && bare(&self.line_text(k - 1)) {
                        k -= 1;
                    }
                    if k == 1 || !self.line_text(k - 1).ends_with('\\') {
                        break;
                    }
                }
                text = format!("{prev}\n{text}");
                l -= 1;
            }
        }
        let chars = self.char_offsets;
        let to_chars = |c: i64| -> i64 {
            if c < 0 || !chars {
                return c;
            }
            let len = text.len() as i64;
            let c = c.min(len + 1) as usize;
            let cut = c.min(text.len());
            let mut k = cut;
            while k < text.len() && !text.is_char_boundary(k) {
                k += 1;
            }
            let n = text[..k.min(text.len())].chars().count() as i64;
            n + (c as i64 - cut as i64)
        };
        let offset = to_chars(col);
        let end_offset = if end_col > 0 { to_chars(end_col) } else { end_col };
        self.err = Some(ParseError::Syntax(TokError {
            class,
            msg: msg.to_string(),
            lineno: Some(lineno as i64),
            offset: Some(offset),
            end_lineno: Some(end_lineno as i64),
            end_offset: Some(end_offset),
            text: Some(text),
        }));
    }

    /// RAISE_SYNTAX_ERROR_KNOWN_RANGE(a, b): from the start of `a` to the end of `b`.
    pub fn raise_range(&mut self, msg: &str, a: Loc, b: Loc) -> Option<()> {
        self.raise_at(ErrClass::SyntaxError, msg, a.lineno, a.col_offset as i64 + 1, b.end_lineno, b.end_col_offset as i64 + 1);
        None
    }

    /// RAISE_SYNTAX_ERROR_KNOWN_LOCATION(a).
    pub fn raise_loc(&mut self, msg: &str, a: Loc) -> Option<()> {
        self.raise_range(msg, a, a)
    }

    /// RAISE_SYNTAX_ERROR_STARTING_FROM(a): from the start of `a`, no end.
    pub fn raise_from(&mut self, msg: &str, a: Loc) -> Option<()> {
        self.raise_from_to_cursor(msg, a)
    }

    /// RAISE_SYNTAX_ERROR / RAISE_INDENTATION_ERROR: at the last token read.
    pub fn raise_last(&mut self, class: ErrClass, msg: &str) -> Option<()> {
        let t = *self.toks.last().expect("a token");
        if t.kind == TokKind::ENDMARKER && self.shift.is_none() {
            // No column: CPython reports the tokenizer's cursor, the end of
            // the last line, and no end.
            let l = self.last_line();
            let col = self.line_text(l).len() as i64 + 1;
            self.raise_at(class, msg, l, col, l, -1);
            return None;
        }
        if matches!(t.kind, TokKind::DEDENT | TokKind::INDENT) && self.shift.is_none() {
            let (l, col) = self.cursor_at(&t);
            self.raise_at(class, msg, l, col, l, -1);
            return None;
        }
        self.raise_tok(class, msg, &t);
        None
    }

    /// Where an INDENT or DEDENT is reported. They have no extent: CPython
    /// gives the tokenizer's cursor, after the new line's indentation (bytes
    /// from 0), or for the DEDENTs at end of file the end of the last line.
    fn cursor_at(&self, t: &Tok) -> (u32, i64) {
        if t.kind == TokKind::DEDENT && t.s >= self.src.len() {
            let l = self.last_line();
            (l, self.line_text(l).len() as i64 + 1)
        } else if t.kind == TokKind::DEDENT {
            (t.sl, t.sc as i64)
        } else {
            (t.sl, t.ec as i64)
        }
    }

    pub fn raise_tok(&mut self, class: ErrClass, msg: &str, t: &Tok) {
        self.raise_at(class, msg, t.sl, t.sc as i64 + 1, t.el, t.ec as i64 + 1);
    }

    /// After a parser-raised error: tokenize the rest; a tokenizer error wins.
    fn check_rest_of_source(&mut self) {
        if self.tok_err {
            return;
        }
        // CPython compares the line of the last token read with the bracket's.
        let err_line = self.toks.last().map_or(0, |t| t.sl as i64);
        let raised = self.err.clone();
        while !self.done {
            self.fill_one();
        }
        if self.tok_err {
            // Errors CPython's tokenizer signals without an exception (its
            // E_DEDENT, E_TABSPACE, E_TOODEEP, E_LINECONT, E_EOF states) only
            // count when the parser itself reads the bad token: here they end
            // the scan and the parser's error stands.
            let silent = matches!(&self.err, Some(ParseError::Syntax(e)) if SILENT_TOKENIZER_ERRORS.contains(&e.msg.as_str()));
            if silent {
                self.err = raised;
            }
            return;
        }
        self.err = raised;
        if let Some(e) = self.eof_err.clone() {
            if e.lineno.unwrap_or(0) < err_line {
                self.err = Some(ParseError::Syntax(self.unclosed_error(e)));
            }
        }
    }

    /// The tokenizer's unclosed-bracket error as the parser raises it: the
    /// line's text ends with its newline only when the tokenizer is still on it.
    fn unclosed_error(&self, mut e: TokError) -> TokError {
        let tline = self.toks.last().map_or(0, |t| t.sl as i64);
        if e.lineno.unwrap_or(0) < tline {
            if let Some(t) = &mut e.text {
                if t.ends_with('\n') {
                    t.pop();
                }
            }
        }
        if !self.char_offsets {
            // The tokenizer counts characters; the parser raises this one,
            // in bytes when the encoding is not known.
            if let (Some(l), Some(off)) = (e.lineno, e.offset) {
                if off > 0 && l >= 1 {
                    let line = self.line_text(l as u32);
                    let bytes: usize = line.chars().take(off as usize - 1).map(char::len_utf8).sum();
                    e.offset = Some(bytes as i64 + 1);
                }
            }
        }
        e
    }

    /// RAISE_SYNTAX_ERROR_STARTING_FROM / CURRENT_POS: the end is the
    /// tokenizer's cursor (the end of the last token read, no +1).
    pub fn raise_from_to_cursor(&mut self, msg: &str, a: Loc) -> Option<()> {
        let t = *self.toks.last().expect("a token");
        let end = if t.kind == TokKind::NEWLINE { t.ec as i64 + 1 } else { t.ec as i64 };
        self.raise_at(ErrClass::SyntaxError, msg, a.lineno, a.col_offset as i64 + 1, t.el, end);
        None
    }

    fn reset_for_second_pass(&mut self) {
        self.pos = 0;
        self.memo.clear();
        self.invalid = true;
        self.level = 0;
    }
}

pub(crate) fn loc1(t: &Tok) -> Loc {
    Loc { lineno: t.sl, col_offset: t.sc, end_lineno: t.el, end_col_offset: t.ec }
}


/// Parse a decoded source in `mode`.
pub fn parse_decoded(d: &tokenizer::Decoded, mode: Mode) -> Result<Mod, ParseError> {
    let r = parse_decoded_inner(d, mode);
    if mode == Mode::Exec || d.text.ends_with('\n') || d.text.ends_with('\r') {
        return r;
    }
    // eval/single sources are not newline-terminated by CPython's string
    // tokenizer (only exec input is): an error on the last line shows that
    // line without a newline, and a position on the implicit newline after it
    // moves back by one column, or to 0 for the generic error at the end.
    r.map_err(|e| match e {
        ParseError::Syntax(mut t) => {
            let last = d.text.rsplit('\n').next().unwrap_or("");
            if t.text.as_deref() == Some(&format!("{last}\n")) {
                t.text = Some(last.to_string());
                let past_end = last.chars().count() as i64 + 1;
                if t.offset == Some(past_end) {
                    if t.end_offset == Some(past_end) {
                        t.offset = Some(0);
                        t.end_offset = Some(0);
                    } else {
                        t.offset = Some(past_end - 1);
                    }
                }
            }
            ParseError::Syntax(t)
        }
        other => other,
    })
}

fn parse_decoded_inner(d: &tokenizer::Decoded, mode: Mode) -> Result<Mod, ParseError> {
    if d.text.contains('\0') {
        return Err(ParseError::Syntax(TokError {
            class: ErrClass::SyntaxError,
            msg: "source code string cannot contain null bytes".into(),
            lineno: None,
            offset: None,
            end_lineno: None,
            end_offset: None,
            text: None,
        }));
    }
    let tz = Tokenizer::for_decoded(d);
    let mut p = Parser::new(&d.text, tz);
    p.char_offsets = d.char_offsets;
    let r = p.enter(|p| p.start(mode));
    if let Some(m) = r {
        if p.err.is_none() {
            if p.too_deep || stacker::maybe_grow(2 << 20, 16 << 20, || expr::mod_depth(&m)) > AST_DEPTH_LIMIT {
                // Dropping a tree this deep recurses: give it room.
                stacker::grow(64 << 20, move || drop(m));
                return Err(ParseError::Recursion("maximum recursion depth exceeded during ast construction".into()));
            }
            return Ok(m);
        }
    }
    match &p.err {
        Some(ParseError::Memory) | Some(ParseError::Recursion(_)) => return Err(p.err.clone().expect("set")),
        Some(ParseError::Syntax(_)) => {
            p.check_rest_of_source();
            return Err(p.err.clone().expect("set"));
        }
        None => {}
    }
    let last = *p.toks.last().expect("a token was read");
    p.reset_for_second_pass();
    let _ = p.enter(|p| p.start(mode));
    match &p.err {
        Some(ParseError::Memory) | Some(ParseError::Recursion(_)) => return Err(p.err.clone().expect("set")),
        Some(ParseError::Syntax(_)) => {
            p.check_rest_of_source();
            return Err(p.err.clone().expect("set"));
        }
        None => {}
    }
    if last.kind == TokKind::ERRORTOKEN {
        if let Some(e) = p.eof_err.clone() {
            return Err(ParseError::Syntax(p.unclosed_error(e)));
        }
    }
    if last.kind == TokKind::INDENT || last.kind == TokKind::DEDENT {
        let msg = if last.kind == TokKind::INDENT { "unexpected indent" } else { "unexpected unindent" };
        let (l, c) = p.cursor_at(&last);
        p.raise_at(ErrClass::IndentationError, msg, l, c, l, -1);
        if last.kind == TokKind::INDENT {
            if let Some(ParseError::Syntax(e)) = &mut p.err {
                e.end_offset = Some(-1);
            }
        }
    } else {
        if last.kind == TokKind::ENDMARKER {
            // CPython's ENDMARKER has no column: offset and end_offset 0.
            let l = p.last_line();
            p.raise_at(ErrClass::SyntaxError, "invalid syntax", l, 0, l, 0);
        } else {
            p.raise_tok(ErrClass::SyntaxError, "invalid syntax", &last);
        }
        // Only the generic error gives way to a tokenizer error further on
        // (an unexpected indent/unindent is reported as is).
        p.check_rest_of_source();
    }
    Err(p.err.clone().expect("set"))
}
