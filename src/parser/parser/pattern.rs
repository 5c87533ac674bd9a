//! `match` statements and patterns (PEP 634) as in the 3.11 grammar.

use super::*;
use TokKind as T;

fn pat(node: PatternKind, loc: Loc) -> Pattern {
    Pattern { node, loc }
}

impl<'a> Parser<'a> {
    /// match_stmt: "match" subject_expr ':' NEWLINE INDENT case_block+ DEDENT | invalid_match_stmt
    pub fn match_stmt(&mut self) -> R<Stmt> {
        self.enter(|p| {
            let m = p.pos;
            let t = p.soft("match")?;
            if let Some(subject) = p.subject_expr() {
                if p.expect(T::COLON).is_some() && p.expect(T::NEWLINE).is_some() && p.expect(T::INDENT).is_some() {
                    let mut cases = Vec::new();
                    loop {
                        let m1 = p.pos;
                        match p.case_block() {
                            Some(c) => cases.push(c),
                            None => {
                                p.pos = m1;
                                break;
                            }
                        }
                    }
                    if p.failed() {
                        return None;
                    }
                    if !cases.is_empty() && p.expect(T::DEDENT).is_some() {
                        return Some(Stmt::new(StmtKind::Match { subject: Box::new(subject), cases }, p.loc_from(&t)));
                    }
                }
            }
            p.pos = m;
            if p.invalid && !p.failed() {
                p.invalid_match_stmt();
            }
            None
        })
    }

    /// subject_expr: star_named_expression ',' star_named_expressions? | named_expression
    fn subject_expr(&mut self) -> R<Expr> {
        let m = self.pos;
        let start = self.cur();
        if let Some(a) = self.star_named_expression() {
            if self.expect(T::COMMA).is_some() {
                let mut v = vec![a];
                let m1 = self.pos;
                match self.star_named_expressions() {
                    Some(w) => v.extend(w),
                    None => self.pos = m1,
                }
                if self.failed() {
                    return None;
                }
                return Some(Expr::new(ExprKind::Tuple { elts: v, ctx: ExprContext::Load }, self.loc_from(&start)));
            }
        }
        self.pos = m;
        if self.failed() {
            return None;
        }
        self.named_expression()
    }

    /// case_block: invalid_case_block | "case" patterns guard? ':' block
    fn case_block(&mut self) -> R<MatchCase> {
        self.enter(|p| {
            let m = p.pos;
            if p.invalid {
                p.invalid_case_block();
                p.pos = m;
                if p.failed() {
                    return None;
                }
            }
            p.soft("case")?;
            let pattern = p.patterns()?;
            let m1 = p.pos;
            let mut guard = None;
            if p.kw(Kw::If).is_some() {
                match p.named_expression() {
                    Some(g) => guard = Some(Box::new(g)),
                    None => p.pos = m1,
                }
            }
            if p.failed() {
                return None;
            }
            p.expect(T::COLON)?;
            let body = p.block()?;
            Some(MatchCase { pattern, guard, body })
        })
    }

    /// patterns: open_sequence_pattern | pattern
    fn patterns(&mut self) -> R<Pattern> {
        self.enter(|p| {
            let m = p.pos;
            let start = p.cur();
            if let Some(v) = p.open_sequence_pattern() {
                return Some(pat(PatternKind::MatchSequence { patterns: v }, p.loc_from(&start)));
            }
            p.pos = m;
            if p.failed() {
                return None;
            }
            p.pattern()
        })
    }

    /// pattern: as_pattern | or_pattern
    pub fn pattern(&mut self) -> R<Pattern> {
        self.enter(|p| {
            let m = p.pos;
            let start = p.cur();
            let a = p.or_pattern()?;
            let m1 = p.pos;
            if p.kw(Kw::As).is_some() {
                if let Some(name) = p.pattern_capture_target() {
                    return Some(pat(PatternKind::MatchAs { pattern: Some(Box::new(a)), name: Some(name) }, p.loc_from(&start)));
                }
                p.pos = m;
                if p.invalid && !p.failed() {
                    p.invalid_as_pattern();
                    if p.failed() {
                        return None;
                    }
                }
                p.pos = m1;
            }
            Some(a)
        })
    }

    /// or_pattern: '|'.closed_pattern+
    fn or_pattern(&mut self) -> R<Pattern> {
        self.enter(|p| {
            let start = p.cur();
            let mut v = vec![p.closed_pattern()?];
            loop {
                let m = p.pos;
                if p.expect(T::VBAR).is_none() {
                    break;
                }
                match p.closed_pattern() {
                    Some(x) => v.push(x),
                    None => {
                        p.pos = m;
                        break;
                    }
                }
            }
            if p.failed() {
                return None;
            }
            if v.len() == 1 {
                return v.pop();
            }
            Some(pat(PatternKind::MatchOr { patterns: v }, p.loc_from(&start)))
        })
    }

    /// closed_pattern (memo)
    fn closed_pattern(&mut self) -> R<Pattern> {
        self.enter(|p| {
            let m = p.pos;
            let start = p.cur();
            // literal_pattern
            if let Some(e) = p.literal_expr_inner(true) {
                return Some(e);
            }
            p.pos = m;
            if p.failed() {
                return None;
            }
            // capture_pattern
            if let Some(name) = p.pattern_capture_target() {
                return Some(pat(PatternKind::MatchAs { pattern: None, name: Some(name) }, p.loc_from(&start)));
            }
            p.pos = m;
            // wildcard_pattern
            if p.soft("_").is_some() {
                return Some(pat(PatternKind::MatchAs { pattern: None, name: None }, p.loc_from(&start)));
            }
            // value_pattern: attr !('.' | '(' | '=')
            if let Some(a) = p.attr() {
                if !matches!(p.peek_kind(), T::DOT | T::LPAR | T::EQUAL) {
                    return Some(pat(PatternKind::MatchValue { value: Box::new(a) }, p.loc_from(&start)));
                }
            }
            p.pos = m;
            if p.failed() {
                return None;
            }
            // group_pattern: '(' pattern ')'
            if p.expect(T::LPAR).is_some() {
                if let Some(x) = p.pattern() {
                    if p.expect(T::RPAR).is_some() {
                        return Some(x);
                    }
                }
                p.pos = m;
                if p.failed() {
                    return None;
                }
            }
            // sequence_pattern
            if p.expect(T::LSQB).is_some() {
                let mut v = Vec::new();
                if !p.at(T::RSQB) {
                    let m1 = p.pos;
                    match p.maybe_sequence_pattern() {
                        Some(w) => v = w,
                        None => p.pos = m1,
                    }
                }
                if p.expect(T::RSQB).is_some() {
                    return Some(pat(PatternKind::MatchSequence { patterns: v }, p.loc_from(&start)));
                }
                p.pos = m;
                if p.failed() {
                    return None;
                }
            }
            if p.expect(T::LPAR).is_some() {
                let mut v = Vec::new();
                if !p.at(T::RPAR) {
                    let m1 = p.pos;
                    match p.open_sequence_pattern() {
                        Some(w) => v = w,
                        None => p.pos = m1,
                    }
                }
                if p.expect(T::RPAR).is_some() {
                    return Some(pat(PatternKind::MatchSequence { patterns: v }, p.loc_from(&start)));
                }
                p.pos = m;
                if p.failed() {
                    return None;
                }
            }
            // mapping_pattern
            if let Some(x) = p.mapping_pattern() {
                return Some(x);
            }
            p.pos = m;
            if p.failed() {
                return None;
            }
            p.class_pattern()
        })
    }

    /// literal_pattern (as_pattern = true) or literal_expr (false: gives MatchValue's expr wrapped).
    fn literal_expr_inner(&mut self, as_pattern: bool) -> R<Pattern> {
        let start = self.cur();
        let m = self.pos;
        let t = self.cur();
        let mk = |e: Expr| {
            let loc = e.loc;
            pat(PatternKind::MatchValue { value: Box::new(e) }, loc)
        };
        match (t.kind, t.kw) {
            (T::NAME, Some(Kw::None_)) | (T::NAME, Some(Kw::True)) | (T::NAME, Some(Kw::False)) => {
                self.pos += 1;
                let c = match t.kw {
                    Some(Kw::None_) => Constant::None,
                    Some(Kw::True) => Constant::Bool(true),
                    _ => Constant::Bool(false),
                };
                if as_pattern {
                    return Some(pat(PatternKind::MatchSingleton { value: c }, loc1(&t)));
                }
                return Some(mk(Expr::new(ExprKind::Constant { value: c, kind: None }, loc1(&t))));
            }
            (T::STRING, _) => {
                let e = self.strings()?;
                return Some(mk(e));
            }
            (T::NUMBER, _) | (T::MINUS, _) => {}
            _ => return None,
        }
        // signed_number !('+' | '-') | complex_number
        let a = self.signed_number()?;
        if !matches!(self.peek_kind(), T::PLUS | T::MINUS) {
            return Some(mk(a));
        }
        // complex_number: signed_real_number ('+'|'-') imaginary_number
        self.pos = m;
        let real = self.signed_number()?;
        if is_imag(&real) {
            // Located at the number (the rule checking it has no sign).
            let at = match &real.node {
                ExprKind::UnaryOp { operand, .. } => operand.loc,
                _ => real.loc,
            };
            self.raise_loc("real number required in complex literal", at);
            return None;
        }
        let op = if self.expect(T::PLUS).is_some() {
            Operator::Add
        } else {
            self.expect(T::MINUS)?;
            Operator::Sub
        };
        let nt = self.expect(T::NUMBER)?;
        let imag = Expr::new(ExprKind::Constant { value: expr::number_value(self.text(&nt)), kind: None }, loc1(&nt));
        if !is_imag(&imag) {
            self.raise_loc("imaginary number required in complex literal", imag.loc);
            return None;
        }
        let e = Expr::new(ExprKind::BinOp { left: Box::new(real), op, right: Box::new(imag) }, self.loc_from(&start));
        Some(mk(e))
    }

    fn signed_number(&mut self) -> R<Expr> {
        let m = self.pos;
        if let Some(t) = self.expect(T::MINUS) {
            if let Some(nt) = self.expect(T::NUMBER) {
                let c = Expr::new(ExprKind::Constant { value: expr::number_value(self.text(&nt)), kind: None }, loc1(&nt));
                return Some(Expr::new(ExprKind::UnaryOp { op: UnaryOp::USub, operand: Box::new(c) }, self.loc_from(&t)));
            }
            self.pos = m;
            return None;
        }
        let nt = self.expect(T::NUMBER)?;
        Some(Expr::new(ExprKind::Constant { value: expr::number_value(self.text(&nt)), kind: None }, loc1(&nt)))
    }

    /// pattern_capture_target: !"_" NAME !('.' | '(' | '=')
    fn pattern_capture_target(&mut self) -> Option<String> {
        let m = self.pos;
        let t = self.cur();
        if t.kind == T::NAME && self.text(&t) == "_" {
            return None;
        }
        let (n, _) = self.name()?;
        if matches!(self.peek_kind(), T::DOT | T::LPAR | T::EQUAL) {
            self.pos = m;
            return None;
        }
        Some(n)
    }

    /// attr: name_or_attr '.' NAME (at least one dot)
    fn attr(&mut self) -> R<Expr> {
        let m = self.pos;
        let a = self.name_or_attr()?;
        if matches!(a.node, ExprKind::Attribute { .. }) {
            return Some(a);
        }
        self.pos = m;
        None
    }

    /// name_or_attr: attr | NAME
    fn name_or_attr(&mut self) -> R<Expr> {
        let start = self.cur();
        let mut a = self.name_expr()?;
        let mut count = 0;
        loop {
            let m = self.pos;
            if self.expect(T::DOT).is_none() {
                break;
            }
            match self.name() {
                Some(_) if !self.chain_grow(&mut count) => {}
                Some((attr, _)) => a = Expr::new(ExprKind::Attribute { value: Box::new(a), attr, ctx: ExprContext::Load }, self.loc_from(&start)),
                None => {
                    self.pos = m;
                    break;
                }
            }
        }
        Some(a)
    }

    /// open_sequence_pattern: maybe_star_pattern ',' maybe_sequence_pattern?
    fn open_sequence_pattern(&mut self) -> R<Vec<Pattern>> {
        let a = self.maybe_star_pattern()?;
        self.expect(T::COMMA)?;
        let mut v = vec![a];
        let m = self.pos;
        match self.maybe_sequence_pattern() {
            Some(w) => v.extend(w),
            None => self.pos = m,
        }
        if self.failed() {
            return None;
        }
        Some(v)
    }

    /// maybe_sequence_pattern: ','.maybe_star_pattern+ ','?
    fn maybe_sequence_pattern(&mut self) -> R<Vec<Pattern>> {
        let mut v = vec![self.maybe_star_pattern()?];
        loop {
            let m = self.pos;
            if self.expect(T::COMMA).is_none() {
                break;
            }
            match self.maybe_star_pattern() {
                Some(x) => v.push(x),
                None => {
                    self.pos = m + 1;
                    break;
                }
            }
        }
        if self.failed() {
            return None;
        }
        Some(v)
    }

    /// maybe_star_pattern: star_pattern | pattern
    fn maybe_star_pattern(&mut self) -> R<Pattern> {
        let m = self.pos;
        if let Some(t) = self.expect(T::STAR) {
            if let Some(n) = self.pattern_capture_target() {
                return Some(pat(PatternKind::MatchStar { name: Some(n) }, self.loc_from(&t)));
            }
            if self.soft("_").is_some() {
                return Some(pat(PatternKind::MatchStar { name: None }, self.loc_from(&t)));
            }
            self.pos = m;
            return None;
        }
        self.pattern()
    }

    /// mapping_pattern
    fn mapping_pattern(&mut self) -> R<Pattern> {
        let start = self.expect(T::LBRACE)?;
        let mut keys = Vec::new();
        let mut pats = Vec::new();
        let mut rest = None;
        loop {
            if self.at(T::RBRACE) {
                break;
            }
            if self.expect(T::DOUBLESTAR).is_some() {
                rest = Some(self.pattern_capture_target()?);
                self.expect(T::COMMA);
                break;
            }
            // key_value_pattern: (literal_expr | attr) ':' pattern
            let m = self.pos;
            let key = match self.literal_expr_inner(false) {
                Some(Pattern { node: PatternKind::MatchValue { value }, .. }) => *value,
                _ => {
                    self.pos = m;
                    if self.failed() {
                        return None;
                    }
                    self.attr()?
                }
            };
            self.expect(T::COLON)?;
            let v = self.pattern()?;
            keys.push(key);
            pats.push(v);
            if self.expect(T::COMMA).is_none() {
                break;
            }
        }
        self.expect(T::RBRACE)?;
        Some(pat(PatternKind::MatchMapping { keys, patterns: pats, rest }, self.loc_from(&start)))
    }

    /// class_pattern
    fn class_pattern(&mut self) -> R<Pattern> {
        let m = self.pos;
        let start = self.cur();
        let cls = self.name_or_attr()?;
        self.expect(T::LPAR)?;
        let mut pats = Vec::new();
        let mut kwd_attrs = Vec::new();
        let mut kwd_pats = Vec::new();
        loop {
            if self.at(T::RPAR) {
                break;
            }
            let t = self.cur();
            if t.kind == T::NAME && t.kw.is_none() && self.tok(self.pos + 1).kind == T::EQUAL {
                let (n, _) = self.name()?;
                self.pos += 1;
                let v = self.pattern()?;
                kwd_attrs.push(n);
                kwd_pats.push(v);
            } else {
                if !kwd_attrs.is_empty() {
                    break;
                }
                match self.pattern() {
                    Some(x) => pats.push(x),
                    None => break,
                }
            }
            if self.expect(T::COMMA).is_none() {
                break;
            }
        }
        if self.failed() {
            return None;
        }
        if self.expect(T::RPAR).is_some() {
            return Some(pat(PatternKind::MatchClass { cls: Box::new(cls), patterns: pats, kwd_attrs, kwd_patterns: kwd_pats }, self.loc_from(&start)));
        }
        self.pos = m;
        if self.invalid {
            self.invalid_class_pattern();
        }
        None
    }
}

impl<'a> Parser<'a> {
    pub(super) fn subject_expr_pub(&mut self) -> R<Expr> {
        self.subject_expr()
    }
    pub(super) fn patterns_pub(&mut self) -> R<Pattern> {
        self.patterns()
    }
    pub(super) fn or_pattern_pub(&mut self) -> R<Pattern> {
        self.or_pattern()
    }

    /// invalid_class_argument_pattern after name_or_attr '(':
    /// [positional_patterns ','] keyword_patterns ',' positional_patterns
    pub(super) fn class_pattern_args_error(&mut self) -> R<()> {
        self.name_or_attr()?;
        self.expect(T::LPAR)?;
        let mut seen_kw = false;
        loop {
            let t = self.cur();
            if t.kind == T::NAME && t.kw.is_none() && self.tok(self.pos + 1).kind == T::EQUAL {
                self.pos += 2;
                self.pattern()?;
                seen_kw = true;
            } else if seen_kw {
                let first = self.pattern()?;
                let mut last = first.loc;
                loop {
                    let m = self.pos;
                    if self.expect(T::COMMA).is_none() {
                        break;
                    }
                    match self.pattern() {
                        Some(x) => last = x.loc,
                        None => {
                            self.pos = m;
                            break;
                        }
                    }
                }
                if self.failed() {
                    return None;
                }
                return self.raise_range("positional patterns follow keyword patterns", first.loc, last);
            } else {
                self.pattern()?;
            }
            self.expect(T::COMMA)?;
        }
    }
}

fn is_imag(e: &Expr) -> bool {
    match &e.node {
        ExprKind::Constant { value: Constant::Complex { .. }, .. } => true,
        ExprKind::UnaryOp { operand, .. } => is_imag(operand),
        _ => false,
    }
}
