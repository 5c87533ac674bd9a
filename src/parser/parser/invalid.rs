//! The `invalid_*` rules of the 3.11 grammar: only run in the second pass
//! (`self.invalid`), each either raises CPython's specific SyntaxError or
//! fails without effect. Callers restore `pos` after calling them.
//!
//! Known gaps: type-comment errors; `invalid_class_argument_pattern` reports
//! the range of the first keyword pattern to the last positional one only
//! approximately.

use super::*;
use TokKind as T;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Targets {
    Star,
    Del,
    For,
}

/// CPython's `_PyPegen_get_expr_name`.
pub(crate) fn expr_name(e: &Expr) -> &'static str {
    match &e.node {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred { .. } => "starred",
        ExprKind::Name { .. } => "name",
        ExprKind::List { .. } => "list",
        ExprKind::Tuple { .. } => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } => "yield expression",
        ExprKind::Await { .. } => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set { .. } => "set display",
        ExprKind::JoinedStr { .. } | ExprKind::FormattedValue { .. } => "f-string expression",
        ExprKind::Constant { value, .. } => match value {
            Constant::None => "None",
            Constant::Bool(true) => "True",
            Constant::Bool(false) => "False",
            Constant::Ellipsis => "ellipsis",
            _ => "literal",
        },
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

/// CPython's `_PyPegen_get_invalid_target`.
pub(crate) fn invalid_target(e: &Expr, ty: Targets) -> Option<&Expr> {
    match &e.node {
        ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => elts.iter().find_map(|x| invalid_target(x, ty)),
        ExprKind::Starred { value, .. } => {
            if ty == Targets::Del {
                Some(e)
            } else {
                invalid_target(value, ty)
            }
        }
        ExprKind::Compare { left, ops, .. } => {
            if ty == Targets::For {
                if ops[0] == CmpOp::In {
                    return invalid_target(left, ty);
                }
                return None;
            }
            Some(e)
        }
        ExprKind::Name { .. } | ExprKind::Subscript { .. } | ExprKind::Attribute { .. } => None,
        _ => Some(e),
    }
}

impl<'a> Parser<'a> {
    fn raise_invalid_target(&mut self, ty: Targets, e: &Expr) {
        match invalid_target(e, ty) {
            Some(t) => {
                let msg = if ty == Targets::Del { "cannot delete" } else { "cannot assign to" };
                let loc = t.loc;
                self.raise_loc(&format!("{msg} {}", expr_name(t)), loc);
            }
            // No invalid target: no error here (the generic one comes later).
            None => {}
        }
    }

    fn is_legacy(e: &Expr) -> bool {
        matches!(&e.node, ExprKind::Name { id, .. } if id == "print" || id == "exec")
    }

    /// invalid_expression
    pub fn invalid_expression(&mut self) -> R<()> {
        let m = self.pos;
        // !(NAME STRING | SOFT_KEYWORD) disjunction expression_without_invalid
        let t0 = self.cur();
        let is_name = t0.kind == T::NAME && t0.kw.is_none();
        let soft = is_name && matches!(self.text(&t0), "match" | "case" | "_");
        // The lookahead reads the second token only after a NAME, as pegen does.
        let name_string = is_name && self.tok(self.pos + 1).kind == T::STRING;
        if !name_string && !soft {
            if let Some(a) = self.disjunction() {
                if let Some(b) = self.expression_without_invalid() {
                    let level = self.toks[self.pos - 1].level;
                    if !Self::is_legacy(&a) && level != 0 {
                        return self.raise_range("invalid syntax. Perhaps you forgot a comma?", a.loc, b.loc);
                    }
                }
            }
        }
        self.pos = m;
        if self.failed() {
            return None;
        }
        // disjunction 'if' disjunction !('else'|':')
        if let Some(a) = self.disjunction() {
            if self.kw(Kw::If).is_some() {
                if let Some(b) = self.disjunction() {
                    if !self.at_kw(Kw::Else) && !self.at(T::COLON) {
                        return self.raise_range("expected 'else' after 'if' expression", a.loc, b.loc);
                    }
                }
            }
        }
        None
    }

    /// invalid_legacy_expression: NAME !'(' star_expressions
    pub fn invalid_legacy_expression(&mut self) -> R<()> {
        let a = self.name_expr()?;
        if self.at(T::LPAR) {
            return None;
        }
        let b = self.star_expressions()?;
        if Self::is_legacy(&a) {
            let ExprKind::Name { id, .. } = &a.node else { return None };
            let msg = format!("Missing parentheses in call to '{id}'. Did you mean {id}(...)?");
            return self.raise_range(&msg, a.loc, b.loc);
        }
        None
    }

    /// invalid_named_expression
    pub fn invalid_named_expression(&mut self) -> R<()> {
        self.memo_unit(Rule::InvalidNamedExpression, |p| p.invalid_named_expression_inner())
    }

    fn invalid_named_expression_inner(&mut self) -> R<()> {
        let m = self.pos;
        if let Some(a) = self.expression() {
            if self.expect(T::COLONEQUAL).is_some() && self.expression().is_some() {
                return self.raise_loc(&format!("cannot use assignment expressions with {}", expr_name(&a)), a.loc);
            }
        }
        self.pos = m;
        if self.failed() {
            return None;
        }
        if let Some(a) = self.name_expr() {
            if self.expect(T::EQUAL).is_some() {
                if let Some(b) = self.bitwise_or() {
                    if !self.at(T::EQUAL) && !self.at(T::COLONEQUAL) {
                        return self.raise_range("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", a.loc, b.loc);
                    }
                }
            }
        }
        self.pos = m;
        if self.failed() {
            return None;
        }
        // !(list|tuple|genexp|'True'|'None'|'False') bitwise_or '=' bitwise_or !('='|':=')
        let t = self.cur();
        if matches!(t.kw, Some(Kw::True) | Some(Kw::None_) | Some(Kw::False)) {
            return None;
        }
        let blocked = match t.kind {
            T::LSQB | T::LPAR | T::LBRACE => self.lookahead(|p| p.list_or_tuple_or_genexp()),
            _ => false,
        };
        if blocked || self.failed() {
            return None;
        }
        if let Some(a) = self.bitwise_or() {
            if self.expect(T::EQUAL).is_some() && self.bitwise_or().is_some() && !self.at(T::EQUAL) && !self.at(T::COLONEQUAL) {
                return self.raise_loc(&format!("cannot assign to {} here. Maybe you meant '==' instead of '='?", expr_name(&a)), a.loc);
            }
        }
        None
    }

    /// The lookahead `(list|tuple|genexp)`: those three rules only (not
    /// atom, whose group alternative would re-run the invalid_ rules inside).
    fn list_or_tuple_or_genexp(&mut self) -> bool {
        let m = self.pos;
        if self.list().is_some() {
            return true;
        }
        self.pos = m;
        if self.failed() {
            return false;
        }
        if self.tuple().is_some() {
            return true;
        }
        self.pos = m;
        !self.failed() && self.genexp().is_some()
    }

    /// invalid_assignment
    pub fn invalid_assignment(&mut self) -> R<()> {
        let m = self.pos;
        // invalid_ann_assign_target ':' expression
        let t = self.cur();
        if matches!(t.kind, T::LPAR | T::LSQB) {
            if let Some(a) = self.atom() {
                let target = ann_target(&a);
                if let Some(tg) = target {
                    if self.expect(T::COLON).is_some() && self.expression().is_some() {
                        return self.raise_loc(&format!("only single target (not {}) can be annotated", expr_name(tg)), tg.loc);
                    }
                }
            }
            self.pos = m;
            if self.failed() {
                return None;
            }
        }
        // star_named_expression ',' star_named_expressions* ':' expression
        if let Some(a) = self.star_named_expression() {
            if self.expect(T::COMMA).is_some() {
                while self.star_named_expressions().is_some() {}
                if self.expect(T::COLON).is_some() && self.expression().is_some() {
                    return self.raise_loc("only single target (not tuple) can be annotated", a.loc);
                }
            }
        }
        self.pos = m;
        if self.failed() {
            return None;
        }
        // expression ':' expression
        if let Some(a) = self.expression() {
            if self.expect(T::COLON).is_some() && self.expression().is_some() {
                return self.raise_loc("illegal target for annotation", a.loc);
            }
        }
        self.pos = m;
        if self.failed() {
            return None;
        }
        // (star_targets '=')* star_expressions '='  |  (star_targets '=')* yield_expr '='
        let skip_targets = |p: &mut Self| loop {
            let m1 = p.pos;
            match p.star_targets() {
                Some(_) if p.expect(T::EQUAL).is_some() => {}
                _ => {
                    p.pos = m1;
                    break;
                }
            }
        };
        skip_targets(self);
        if let Some(a) = self.star_expressions() {
            if self.expect(T::EQUAL).is_some() {
                self.raise_invalid_target(Targets::Star, &a);
                return None;
            }
        }
        self.pos = m;
        if self.failed() {
            return None;
        }
        skip_targets(self);
        if let Some(a) = self.yield_expr() {
            if self.expect(T::EQUAL).is_some() {
                return self.raise_loc("assignment to yield expression not possible", a.loc);
            }
        }
        self.pos = m;
        if self.failed() {
            return None;
        }
        // star_expressions augassign (yield_expr | star_expressions)
        if let Some(a) = self.star_expressions() {
            if matches!(
                self.peek_kind(),
                T::PLUSEQUAL
                    | T::MINEQUAL
                    | T::STAREQUAL
                    | T::ATEQUAL
                    | T::SLASHEQUAL
                    | T::PERCENTEQUAL
                    | T::AMPEREQUAL
                    | T::VBAREQUAL
                    | T::CIRCUMFLEXEQUAL
                    | T::LEFTSHIFTEQUAL
                    | T::RIGHTSHIFTEQUAL
                    | T::DOUBLESTAREQUAL
                    | T::DOUBLESLASHEQUAL
            ) {
                self.pos += 1;
                if self.annotated_rhs().is_some() {
                    return self.raise_loc(&format!("'{}' is an illegal expression for augmented assignment", expr_name(&a)), a.loc);
                }
            }
        }
        None
    }

    /// invalid_del_stmt: 'del' star_expressions
    pub fn invalid_del_stmt(&mut self) -> R<()> {
        self.kw(Kw::Del)?;
        let a = self.star_expressions()?;
        self.raise_invalid_target(Targets::Del, &a);
        None
    }

    /// invalid_block: NEWLINE !INDENT
    pub fn invalid_block(&mut self) -> R<()> {
        self.expect(T::NEWLINE)?;
        if self.at(T::INDENT) {
            return None;
        }
        self.raise_last(ErrClass::IndentationError, "expected an indented block")
    }

    /// invalid_comprehension
    pub fn invalid_comprehension(&mut self) -> R<()> {
        let m = self.pos;
        let open = self.cur();
        if !matches!(open.kind, T::LSQB | T::LPAR | T::LBRACE) {
            return None;
        }
        self.pos += 1;
        if let Some(a) = self.starred_expression() {
            if self.for_if_clauses().is_some() {
                return self.raise_loc("iterable unpacking cannot be used in comprehension", a.loc);
            }
        }
        self.pos = m + 1;
        if self.failed() || open.kind == T::LPAR {
            return None;
        }
        if let Some(a) = self.star_named_expression() {
            if let Some(c) = self.expect(T::COMMA) {
                let m1 = self.pos;
                if let Some(b) = self.star_named_expressions() {
                    if self.for_if_clauses().is_some() {
                        let last = b.last().expect("one").loc;
                        return self.raise_range("did you forget parentheses around the comprehension target?", a.loc, last);
                    }
                }
                self.pos = m1;
                if self.failed() {
                    return None;
                }
                if self.for_if_clauses().is_some() {
                    return self.raise_range("did you forget parentheses around the comprehension target?", a.loc, loc1(&c));
                }
            }
        }
        None
    }

    /// invalid_dict_comprehension: '{' '**' bitwise_or for_if_clauses '}'
    pub fn invalid_dict_comprehension(&mut self) -> R<()> {
        self.expect(T::LBRACE)?;
        let a = self.expect(T::DOUBLESTAR)?;
        self.bitwise_or()?;
        self.for_if_clauses()?;
        self.expect(T::RBRACE)?;
        self.raise_loc("dict unpacking cannot be used in dict comprehension", loc1(&a))
    }

    /// invalid_group
    pub fn invalid_group(&mut self) -> R<()> {
        let m = self.pos;
        self.expect(T::LPAR)?;
        if let Some(a) = self.starred_expression() {
            if self.expect(T::RPAR).is_some() {
                return self.raise_loc("cannot use starred expression here", a.loc);
            }
        }
        self.pos = m + 1;
        if self.failed() {
            return None;
        }
        let a = self.expect(T::DOUBLESTAR)?;
        self.expression()?;
        self.expect(T::RPAR)?;
        self.raise_loc("cannot use double starred expression here", loc1(&a))
    }

    /// invalid_double_starred_kvpairs (called after '{')
    pub fn invalid_double_starred_kvpairs(&mut self) -> R<()> {
        let m = self.pos;
        // ','.double_starred_kvpair+ ',' invalid_kvpair
        let mut n = 0;
        loop {
            let m1 = self.pos;
            let ok = if self.expect(T::DOUBLESTAR).is_some() {
                self.bitwise_or().is_some()
            } else {
                self.expression().is_some() && self.expect(T::COLON).is_some() && self.expression().is_some()
            };
            if !ok {
                self.pos = m1;
                break;
            }
            n += 1;
            if self.expect(T::COMMA).is_none() {
                self.pos = m1;
                n = 0;
                break;
            }
        }
        if self.failed() {
            return None;
        }
        if n > 0 {
            self.invalid_kvpair();
            if self.failed() {
                return None;
            }
        }
        self.pos = m;
        // expression ':' '*' bitwise_or | expression ':' &('}'|',')
        self.expression()?;
        let c = self.expect(T::COLON)?;
        if let Some(a) = self.expect(T::STAR) {
            if self.bitwise_or().is_some() {
                return self.raise_from("cannot use a starred expression in a dictionary value", loc1(&a));
            }
            return None;
        }
        if matches!(self.peek_kind(), T::RBRACE | T::COMMA) {
            return self.raise_loc("expression expected after dictionary key and ':'", loc1(&c));
        }
        None
    }

    fn invalid_kvpair(&mut self) -> R<()> {
        let m = self.pos;
        let a = self.expression()?;
        if !self.at(T::COLON) {
            self.raise_at(ErrClass::SyntaxError, "':' expected after dictionary key", a.loc.lineno, a.loc.end_col_offset as i64, a.loc.end_lineno, 0);
            return None;
        }
        let c = self.expect(T::COLON)?;
        if let Some(s) = self.expect(T::STAR) {
            if self.bitwise_or().is_some() {
                return self.raise_from("cannot use a starred expression in a dictionary value", loc1(&s));
            }
            self.pos = m;
            return None;
        }
        if matches!(self.peek_kind(), T::RBRACE | T::COMMA) {
            return self.raise_loc("expression expected after dictionary key and ':'", loc1(&c));
        }
        None
    }

    /// invalid_for_target: ASYNC? 'for' star_expressions
    pub fn invalid_for_target(&mut self) -> R<()> {
        self.kw(Kw::Async);
        self.kw(Kw::For)?;
        let a = self.star_expressions()?;
        self.raise_invalid_target(Targets::For, &a);
        None
    }

    /// invalid_arguments (at the start of the arguments)
    pub fn invalid_arguments(&mut self) -> R<()> {
        let m = self.pos;
        // args ',' '*'
        if let Some((_, kws)) = self.args_plain() {
            if self.expect(T::COMMA).is_some() {
                if let Some(s) = self.expect(T::STAR) {
                    let _ = kws;
                    return self.raise_loc("iterable argument unpacking follows keyword argument unpacking", loc1(&s));
                }
            }
        }
        self.pos = m;
        if self.failed() {
            return None;
        }
        // expression for_if_clauses ',' [args | expression for_if_clauses]
        if let Some(a) = self.expression() {
            if let Some(b) = self.for_if_clauses() {
                if self.expect(T::COMMA).is_some() {
                    let last = last_comprehension_item(&b);
                    return self.raise_range("Generator expression must be parenthesized", a.loc, last);
                }
            }
        }
        self.pos = m;
        if self.failed() {
            return None;
        }
        // NAME '=' expression for_if_clauses
        if let Some(a) = self.name_expr() {
            if let Some(b) = self.expect(T::EQUAL) {
                if self.expression().is_some() && self.for_if_clauses().is_some() {
                    return self.raise_range("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", a.loc, loc1(&b));
                }
            }
        }
        self.pos = m;
        if self.failed() {
            return None;
        }
        // args for_if_clauses
        if let Some((args, kws)) = self.args_plain() {
            if let Some(b) = self.for_if_clauses() {
                if args.len() > 1 || !kws.is_empty() {
                    let last = args.last().map(|e| e.loc).unwrap_or_default();
                    let end = last_comprehension_item(&b);
                    return self.raise_range("Generator expression must be parenthesized", last, end);
                }
                return None;
            }
        }
        self.pos = m;
        if self.failed() {
            return None;
        }
        // args ',' expression for_if_clauses
        if self.args_plain().is_some() && self.expect(T::COMMA).is_some() {
            if let Some(a) = self.expression() {
                if let Some(b) = self.for_if_clauses() {
                    let last = b.last().expect("one").target.loc;
                    return self.raise_range("Generator expression must be parenthesized", a.loc, last);
                }
            }
        }
        self.pos = m;
        if self.failed() {
            return None;
        }
        // args ',' args
        if let Some((_, kws)) = self.args_plain() {
            if self.expect(T::COMMA).is_some() && self.args_plain().is_some() {
                let msg = if kws.iter().any(|k| k.arg.is_none()) {
                    "positional argument follows keyword argument unpacking"
                } else {
                    "positional argument follows keyword argument"
                };
                return self.raise_last(ErrClass::SyntaxError, msg);
            }
        }
        None
    }

    fn args_plain(&mut self) -> R<(Vec<Expr>, Vec<Keyword>)> {
        let saved = self.invalid;
        self.invalid = false;
        let r = self.enter(|p| p.args_rule());
        self.invalid = saved;
        r
    }

    /// invalid_kwarg
    pub fn invalid_kwarg(&mut self) -> R<()> {
        let m = self.pos;
        let t = self.cur();
        if matches!(t.kw, Some(Kw::True) | Some(Kw::False) | Some(Kw::None_)) {
            if let Some(b) = self.tok(self.pos + 1).kind.eq(&T::EQUAL).then(|| self.tok(self.pos + 1)) {
                return self.raise_range(&format!("cannot assign to {}", self.text(&t)), loc1(&t), loc1(&b));
            }
        }
        if let Some(a) = self.name_expr() {
            if let Some(b) = self.expect(T::EQUAL) {
                if self.expression().is_some() && self.for_if_clauses().is_some() {
                    return self.raise_range("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", a.loc, loc1(&b));
                }
            }
        }
        self.pos = m;
        if self.failed() {
            return None;
        }
        if t.kind == T::NAME && t.kw.is_none() && self.tok(self.pos + 1).kind == T::EQUAL {
            return None;
        }
        let a = self.expression()?;
        let b = self.expect(T::EQUAL)?;
        self.raise_range("expression cannot contain assignment, perhaps you meant \"==\"?", a.loc, loc1(&b))
    }

    /// invalid_default: '=' &(')'|',')
    pub fn invalid_default(&mut self) -> R<()> {
        let a = self.expect(T::EQUAL)?;
        if matches!(self.peek_kind(), T::RPAR | T::COMMA) {
            return self.raise_loc("expected default value expression", loc1(&a));
        }
        None
    }

    fn skip_params(&mut self, lambda: bool, with_default: Option<bool>) -> usize {
        // param (default)? followed by ',' or the closing token; `with_default`
        // restricts to parameters with (Some(true)) or without (Some(false)) one.
        let mut n = 0;
        loop {
            let m = self.pos;
            if !(self.at(T::NAME) && self.cur().kw.is_none()) {
                break;
            }
            self.pos += 1;
            if !lambda && self.expect(T::COLON).is_some() && self.expression().is_none() {
                self.pos = m;
                break;
            }
            let has_default = if self.expect(T::EQUAL).is_some() {
                if self.expression().is_none() {
                    self.pos = m;
                    break;
                }
                true
            } else {
                false
            };
            if with_default.is_some_and(|w| w != has_default) {
                self.pos = m;
                break;
            }
            if self.expect(T::COMMA).is_none() && !self.at(if lambda { T::COLON } else { T::RPAR }) {
                self.pos = m;
                break;
            }
            n += 1;
        }
        n
    }

    /// invalid_parameters / invalid_lambda_parameters
    fn invalid_params_common(&mut self, lambda: bool) -> R<()> {
        let m = self.pos;
        // param_no_default* invalid_parameters_helper param_no_default
        self.skip_params(lambda, Some(false));
        let m1 = self.pos;
        let helper = {
            // slash_with_default | param_with_default+
            let n = self.skip_params(lambda, Some(true));
            if n > 0 {
                if self.expect(T::SLASH).is_some() && self.expect(T::COMMA).is_none() && !self.at(if lambda { T::COLON } else { T::RPAR }) {
                    self.pos = m1;
                    self.skip_params(lambda, Some(true));
                }
                true
            } else {
                false
            }
        };
        if helper {
            let t = self.cur();
            if t.kind == T::NAME && t.kw.is_none() {
                let m2 = self.pos;
                if self.skip_params(lambda, Some(false)) > 0 {
                    self.pos = m2;
                    let a = self.param_loc(lambda);
                    return self.raise_loc("non-default argument follows default argument", a);
                }
            }
        }
        self.pos = m;
        if self.failed() {
            return None;
        }
        // param_no_default* '(' param_no_default+ ','? ')'
        self.skip_params(lambda, Some(false));
        if let Some(a) = self.expect(T::LPAR) {
            let save_lambda = lambda;
            let n = {
                let mut n = 0;
                loop {
                    if self.name().is_none() {
                        break;
                    }
                    if !save_lambda && self.expect(T::COLON).is_some() {
                        self.expression();
                    }
                    n += 1;
                    if self.expect(T::COMMA).is_none() {
                        break;
                    }
                }
                n
            };
            if n > 0 {
                if let Some(b) = self.expect(T::RPAR) {
                    let msg = if lambda { "Lambda expression parameters cannot be parenthesized" } else { "Function parameters cannot be parenthesized" };
                    return self.raise_range(msg, loc1(&a), loc1(&b));
                }
            }
        }
        self.pos = m;
        if self.failed() {
            return None;
        }
        // "/" ','
        if let Some(a) = self.expect(T::SLASH) {
            if self.at(T::COMMA) {
                return self.raise_loc("at least one argument must precede /", loc1(&a));
            }
        }
        self.pos = m;
        // (slash_no_default | slash_with_default) param_maybe_default* '/'
        if self.skip_params(lambda, None) > 0 && self.expect(T::SLASH).is_some() && (self.expect(T::COMMA).is_some() || self.at(if lambda { T::COLON } else { T::RPAR })) {
            self.skip_params(lambda, None);
            if let Some(a) = self.expect(T::SLASH) {
                return self.raise_loc("/ may appear only once", loc1(&a));
            }
        }
        self.pos = m;
        if self.failed() {
            return None;
        }
        // (slash_no_default | slash_with_default)? param_maybe_default* '*' (',' | param_no_default) param_maybe_default* '/'
        let m3 = self.pos;
        if !(self.skip_params(lambda, None) > 0 && self.expect(T::SLASH).is_some() && (self.expect(T::COMMA).is_some() || self.at(if lambda { T::COLON } else { T::RPAR }))) {
            self.pos = m3;
        }
        self.skip_params(lambda, None);
        if self.expect(T::STAR).is_some() {
            let ok = self.expect(T::COMMA).is_some() || self.skip_params(lambda, Some(false)) > 0 || {
                // a bare NAME without comma before '/'
                false
            };
            if ok {
                self.skip_params(lambda, None);
                if let Some(a) = self.expect(T::SLASH) {
                    return self.raise_loc("/ must be ahead of *", loc1(&a));
                }
            }
        }
        self.pos = m;
        if self.failed() {
            return None;
        }
        // param_maybe_default+ '/' '*'
        if self.skip_params(lambda, None) > 0 && self.expect(T::SLASH).is_some() {
            if let Some(a) = self.expect(T::STAR) {
                return self.raise_loc("expected comma between / and *", loc1(&a));
            }
        }
        None
    }

    fn param_loc(&mut self, lambda: bool) -> Loc {
        let t = self.cur();
        self.pos += 1;
        if !lambda && self.expect(T::COLON).is_some() {
            self.expression();
        }
        self.loc_from(&t)
    }

    pub fn invalid_parameters(&mut self) -> R<()> {
        self.invalid_params_common(false)
    }

    pub fn invalid_lambda_parameters(&mut self) -> R<()> {
        self.invalid_params_common(true)
    }

    fn invalid_star_common(&mut self, lambda: bool) -> R<()> {
        let m = self.pos;
        let a = self.expect(T::STAR)?;
        let close = if lambda { T::COLON } else { T::RPAR };
        if self.at(close) || (self.at(T::COMMA) && matches!(self.tok(self.pos + 1).kind, k if k == close || k == T::DOUBLESTAR)) {
            if lambda {
                // The lambda rule raises at the last token read.
                self.pos += 1;
                return self.raise_last(ErrClass::SyntaxError, "named arguments must follow bare *");
            }
            return self.raise_loc("named arguments must follow bare *", loc1(&a));
        }
        // '*' param '='
        if self.name().is_some() {
            if !lambda && self.expect(T::COLON).is_some() {
                self.expression();
            }
            if let Some(e) = self.expect(T::EQUAL) {
                return self.raise_loc("var-positional argument cannot have default value", loc1(&e));
            }
        }
        self.pos = m + 1;
        if self.failed() {
            return None;
        }
        // '*' (param_no_default | ',') param_maybe_default* '*' (param_no_default | ',')
        let first = if self.expect(T::COMMA).is_some() { true } else { self.skip_params(lambda, Some(false)) == 1 || (self.pos = m + 1, false).1 };
        if first {
            self.skip_params(lambda, None);
            if let Some(b) = self.expect(T::STAR) {
                if self.at(T::COMMA) || self.skip_params(lambda, Some(false)) > 0 {
                    return self.raise_loc("* argument may appear only once", loc1(&b));
                }
            }
        }
        None
    }

    pub fn invalid_star_etc(&mut self) -> R<()> {
        self.invalid_star_common(false)
    }

    pub fn invalid_lambda_star_etc(&mut self) -> R<()> {
        self.invalid_star_common(true)
    }

    fn invalid_kwds_common(&mut self, lambda: bool) -> R<()> {
        self.expect(T::DOUBLESTAR)?;
        self.name()?;
        if !lambda && self.expect(T::COLON).is_some() {
            self.expression()?;
        }
        if let Some(a) = self.expect(T::EQUAL) {
            return self.raise_loc("var-keyword argument cannot have default value", loc1(&a));
        }
        self.expect(T::COMMA)?;
        let t = self.cur();
        if t.kind == T::NAME && t.kw.is_none() {
            let a = self.param_loc(lambda);
            return self.raise_loc("arguments cannot follow var-keyword argument", a);
        }
        if matches!(t.kind, T::STAR | T::DOUBLESTAR | T::SLASH) {
            return self.raise_loc("arguments cannot follow var-keyword argument", loc1(&t));
        }
        None
    }

    pub fn invalid_kwds(&mut self) -> R<()> {
        self.invalid_kwds_common(false)
    }

    pub fn invalid_lambda_kwds(&mut self) -> R<()> {
        self.invalid_kwds_common(true)
    }

    /// invalid_import_from_targets: import_from_as_names ',' NEWLINE
    pub fn invalid_import_from_targets(&mut self) -> R<()> {
        loop {
            self.name()?;
            if self.kw(Kw::As).is_some() {
                self.name()?;
            }
            self.expect(T::COMMA)?;
            if self.at(T::NEWLINE) {
                return self.raise_last(ErrClass::SyntaxError, "trailing comma not allowed without surrounding parentheses");
            }
        }
    }

    /// invalid_with_item: expression 'as' expression &(',' | ')' | ':')
    pub fn invalid_with_item(&mut self) -> R<()> {
        self.expression()?;
        self.kw(Kw::As)?;
        let a = self.expression()?;
        if matches!(self.peek_kind(), T::COMMA | T::RPAR | T::COLON) {
            self.raise_invalid_target(Targets::Star, &a);
        }
        None
    }

    /// Skip `','.(expression ['as' star_target])+`.
    fn skip_with_items(&mut self, paren: bool) -> bool {
        let mut n = 0;
        loop {
            let m = self.pos;
            let ok = if paren { self.expressions().is_some() } else { self.expression().is_some() };
            if !ok {
                // Back before the separator that led here.
                self.pos = if n > 0 { m - 1 } else { m };
                break;
            }
            let m1 = self.pos;
            if self.kw(Kw::As).is_some() && self.star_target().is_none() {
                self.pos = m1;
            }
            n += 1;
            if self.expect(T::COMMA).is_none() {
                break;
            }
        }
        n > 0
    }

    /// invalid_with_stmt: "expected ':'"
    pub fn invalid_with_stmt(&mut self) -> R<()> {
        let m = self.pos;
        self.kw(Kw::Async);
        self.kw(Kw::With)?;
        if self.skip_with_items(false) && self.at(T::NEWLINE) {
            return self.raise_last(ErrClass::SyntaxError, "expected ':'");
        }
        self.pos = m;
        if self.failed() {
            return None;
        }
        self.kw(Kw::Async);
        self.kw(Kw::With)?;
        self.expect(T::LPAR)?;
        if self.skip_with_items(true) {
            self.expect(T::COMMA);
            self.expect(T::RPAR)?;
            if self.at(T::NEWLINE) {
                return self.raise_last(ErrClass::SyntaxError, "expected ':'");
            }
        }
        None
    }

    /// Common tail of the "expected an indented block after X" rules: ':' NEWLINE !INDENT.
    fn expect_indent_after(&mut self, what: &str, line: u32) -> R<()> {
        self.expect(T::COLON)?;
        self.expect(T::NEWLINE)?;
        if self.at(T::INDENT) {
            return None;
        }
        self.raise_last(ErrClass::IndentationError, &format!("expected an indented block after {what} on line {line}"))
    }

    pub fn invalid_with_stmt_indent(&mut self) -> R<()> {
        let m = self.pos;
        self.kw(Kw::Async);
        let a = self.kw(Kw::With)?;
        let m1 = self.pos;
        if self.skip_with_items(false) {
            self.expect_indent_after("'with' statement", a.sl);
            if self.failed() {
                return None;
            }
        }
        self.pos = m1;
        if self.expect(T::LPAR).is_some() && self.skip_with_items(true) {
            self.expect(T::COMMA);
            if self.expect(T::RPAR).is_some() {
                self.expect_indent_after("'with' statement", a.sl);
            }
        }
        let _ = m;
        None
    }

    /// invalid_if_stmt
    pub fn invalid_if_stmt(&mut self) -> R<()> {
        let a = self.kw(Kw::If)?;
        self.named_expression()?;
        if self.at(T::NEWLINE) {
            return self.raise_last(ErrClass::SyntaxError, "expected ':'");
        }
        self.expect_indent_after("'if' statement", a.sl)
    }

    pub fn invalid_elif_stmt(&mut self) -> R<()> {
        let a = self.kw(Kw::Elif)?;
        self.named_expression()?;
        if self.at(T::NEWLINE) {
            return self.raise_last(ErrClass::SyntaxError, "expected ':'");
        }
        self.expect_indent_after("'elif' statement", a.sl)
    }

    pub fn invalid_else_stmt(&mut self) -> R<()> {
        let a = self.kw(Kw::Else)?;
        self.expect_indent_after("'else' statement", a.sl)
    }

    pub fn invalid_while_stmt(&mut self) -> R<()> {
        let a = self.kw(Kw::While)?;
        self.named_expression()?;
        if self.at(T::NEWLINE) {
            return self.raise_last(ErrClass::SyntaxError, "expected ':'");
        }
        self.expect_indent_after("'while' statement", a.sl)
    }

    pub fn invalid_for_stmt(&mut self) -> R<()> {
        self.kw(Kw::Async);
        let a = self.kw(Kw::For)?;
        self.star_targets()?;
        self.kw(Kw::In)?;
        self.star_expressions()?;
        if self.at(T::NEWLINE) {
            return self.raise_last(ErrClass::SyntaxError, "expected ':'");
        }
        self.expect_indent_after("'for' statement", a.sl)
    }

    pub fn invalid_def_raw(&mut self) -> R<()> {
        self.kw(Kw::Async);
        let a = self.kw(Kw::Def)?;
        self.name()?;
        self.expect(T::LPAR)?;
        if !self.at(T::RPAR) {
            let m = self.pos;
            if self.params(false).is_none() {
                self.pos = m;
            }
        }
        self.expect(T::RPAR)?;
        let m = self.pos;
        if self.expect(T::RARROW).is_some() && self.expression().is_none() {
            self.pos = m;
        }
        self.expect_indent_after("function definition", a.sl)
    }

    pub fn invalid_class_def_raw(&mut self) -> R<()> {
        let a = self.kw(Kw::Class)?;
        self.name()?;
        let m = self.pos;
        if self.expect(T::LPAR).is_some() && ((!self.at(T::RPAR) && self.arguments().is_none()) || self.expect(T::RPAR).is_none()) {
            self.pos = m;
        }
        if self.failed() {
            return None;
        }
        if self.at(T::NEWLINE) {
            return self.raise_last(ErrClass::SyntaxError, "expected ':'");
        }
        self.expect_indent_after("class definition", a.sl)
    }

    pub fn invalid_try_stmt(&mut self) -> R<()> {
        let m = self.pos;
        let a = self.kw(Kw::Try)?;
        if self.expect(T::COLON).is_some() && self.expect(T::NEWLINE).is_some() && !self.at(T::INDENT) {
            return self.raise_last(ErrClass::IndentationError, &format!("expected an indented block after 'try' statement on line {}", a.sl));
        }
        self.pos = m + 1;
        if self.failed() {
            return None;
        }
        self.expect(T::COLON)?;
        let m1 = self.pos;
        if self.block().is_some() && !self.at_kw(Kw::Except) && !self.at_kw(Kw::Finally) {
            return self.raise_last(ErrClass::SyntaxError, "expected 'except' or 'finally' block");
        }
        self.pos = m1;
        if self.failed() {
            return None;
        }
        // block* except_block+ 'except' '*'   |   block* except_star_block+ 'except' [expression ['as' NAME]] ':'
        while self.block().is_some() {}
        let mut plain = 0;
        let mut star = 0;
        loop {
            let m2 = self.pos;
            if !self.at_kw(Kw::Except) {
                break;
            }
            let is_star = self.tok(self.pos + 1).kind == T::STAR;
            if (is_star && plain > 0) || (!is_star && star > 0) {
                break;
            }
            let saved = self.invalid;
            self.invalid = false;
            let h = self.except_block_plain(is_star);
            self.invalid = saved;
            if h.is_none() {
                self.pos = m2;
                break;
            }
            if is_star {
                star += 1;
            } else {
                plain += 1;
            }
        }
        if self.failed() {
            return None;
        }
        if plain > 0 {
            let a = self.kw(Kw::Except)?;
            let b = self.expect(T::STAR)?;
            return self.raise_range("cannot have both 'except' and 'except*' on the same 'try'", loc1(&a), loc1(&b));
        }
        if star > 0 {
            let a = self.kw(Kw::Except)?;
            let m3 = self.pos;
            if self.expression().is_some() {
                if self.kw(Kw::As).is_some() {
                    self.name()?;
                }
            } else {
                self.pos = m3;
            }
            self.expect(T::COLON)?;
            return self.raise_loc("cannot have both 'except' and 'except*' on the same 'try'", loc1(&a));
        }
        None
    }

    fn except_block_plain(&mut self, star: bool) -> R<()> {
        self.kw(Kw::Except)?;
        if star {
            self.expect(T::STAR)?;
        }
        let m = self.pos;
        if self.expression().is_some() {
            let m1 = self.pos;
            if self.kw(Kw::As).is_some() && self.name().is_none() {
                self.pos = m1;
            }
            if self.expect(T::COLON).is_some() && self.block().is_some() {
                return Some(());
            }
        }
        self.pos = m;
        if star {
            return None;
        }
        self.expect(T::COLON)?;
        self.block()?;
        Some(())
    }

    pub fn invalid_except_stmt(&mut self) -> R<()> {
        let m = self.pos;
        self.kw(Kw::Except)?;
        let star = self.expect(T::STAR).is_some();
        if let Some(a) = self.expression() {
            if self.expect(T::COMMA).is_some() && self.expressions().is_some() {
                if self.kw(Kw::As).is_some() {
                    self.name();
                }
                if self.at(T::COLON) {
                    return self.raise_from("multiple exception types must be parenthesized", a.loc);
                }
            }
        }
        self.pos = m + 1 + star as usize;
        if self.failed() {
            return None;
        }
        if let Some(_a) = self.expression() {
            if self.kw(Kw::As).is_some() {
                self.name();
            }
            if self.at(T::NEWLINE) {
                return self.raise_last(ErrClass::SyntaxError, "expected ':'");
            }
        }
        self.pos = m + 1;
        if self.failed() {
            return None;
        }
        if self.at(T::NEWLINE) {
            return self.raise_last(ErrClass::SyntaxError, "expected ':'");
        }
        if self.expect(T::STAR).is_some() && matches!(self.peek_kind(), T::NEWLINE | T::COLON) {
            return self.raise_last(ErrClass::SyntaxError, "expected one or more exception types");
        }
        None
    }

    pub fn invalid_finally_stmt(&mut self) -> R<()> {
        let a = self.kw(Kw::Finally)?;
        self.expect_indent_after("'finally' statement", a.sl)
    }

    pub fn invalid_except_stmt_indent(&mut self, star: bool) -> R<()> {
        let a = self.kw(Kw::Except)?;
        if star {
            self.expect(T::STAR)?;
            self.expression()?;
            if self.kw(Kw::As).is_some() {
                self.name()?;
            }
            return self.expect_indent_after("'except*' statement", a.sl);
        }
        if !self.at(T::COLON) {
            self.expression()?;
            if self.kw(Kw::As).is_some() {
                self.name()?;
            }
        }
        self.expect_indent_after("'except' statement", a.sl)
    }

    pub fn invalid_match_stmt(&mut self) -> R<()> {
        let a = self.soft("match")?;
        let m = self.pos;
        let saved = self.invalid;
        let s = self.subject_expr_pub();
        self.invalid = saved;
        s?;
        if self.at(T::NEWLINE) {
            return self.raise_last(ErrClass::SyntaxError, "expected ':'");
        }
        let _ = m;
        self.expect_indent_after("'match' statement", a.sl)
    }

    pub fn invalid_case_block(&mut self) -> R<()> {
        let a = self.soft("case")?;
        self.patterns_pub()?;
        let m = self.pos;
        if self.kw(Kw::If).is_some() && self.named_expression().is_none() {
            self.pos = m;
        }
        if self.at(T::NEWLINE) {
            return self.raise_last(ErrClass::SyntaxError, "expected ':'");
        }
        self.expect_indent_after("'case' statement", a.sl)
    }

    /// invalid_as_pattern: or_pattern 'as' "_" | or_pattern 'as' !NAME expression
    pub fn invalid_as_pattern(&mut self) -> R<()> {
        self.or_pattern_pub()?;
        self.kw(Kw::As)?;
        let t = self.cur();
        if t.kind == T::NAME && self.text(&t) == "_" {
            return self.raise_loc("cannot use '_' as a target", loc1(&t));
        }
        if t.kind == T::NAME && t.kw.is_none() {
            return None;
        }
        let a = self.expression()?;
        self.raise_loc("invalid pattern target", a.loc)
    }

    /// invalid_class_pattern: name_or_attr '(' invalid_class_argument_pattern
    pub fn invalid_class_pattern(&mut self) -> R<()> {
        self.class_pattern_args_error()
    }
}

fn ann_target(e: &Expr) -> Option<&Expr> {
    match &e.node {
        ExprKind::List { .. } | ExprKind::Tuple { .. } => Some(e),
        _ => None,
    }
}

/// The last item of the last comprehension (its last `if`, else its iterable).
fn last_comprehension_item(v: &[Comprehension]) -> Loc {
    let c = v.last().expect("one");
    c.ifs.last().map_or(c.iter.loc, |e| e.loc)
}
