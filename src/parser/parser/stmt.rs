//! Statement rules of the 3.11 grammar: start rules, simple and compound
//! statements, blocks, parameters, imports.
//!
//! Design note: `parameters` and `lambda_parameters` share one procedural
//! parser (`params`) that accepts exactly the grammar's sequences (plain,
//! `/`, `*`, `**` sections in order; no plain parameter after one with a
//! default before `*`); anything else fails and is left to `invalid_parameters`.

use super::*;
use TokKind as T;

impl<'a> Parser<'a> {
    pub(super) fn start(&mut self, mode: Mode) -> R<Mod> {
        match mode {
            Mode::Exec => {
                let body = if self.at(T::ENDMARKER) { vec![] } else { self.statements()? };
                self.expect(T::ENDMARKER)?;
                Some(Mod::Module { body, type_ignores: vec![] })
            }
            Mode::Eval => {
                let e = self.expressions()?;
                while self.expect(T::NEWLINE).is_some() {}
                self.expect(T::ENDMARKER)?;
                Some(Mod::Expression { body: Box::new(e) })
            }
            Mode::Single => {
                let body = self.statement_newline()?;
                // CPython's bad_single_statement: anything but blank lines and
                // comments after the statement.
                if !self.at(T::ENDMARKER) {
                    let t = self.toks[self.pos - 1];
                    self.raise_tok(ErrClass::SyntaxError, "multiple statements found while compiling a single statement", &t);
                    return None;
                }
                Some(Mod::Interactive { body })
            }
            Mode::FuncType => {
                self.expect(T::LPAR)?;
                let mut argtypes = Vec::new();
                if !self.at(T::RPAR) {
                    argtypes = self.type_expressions()?;
                }
                self.expect(T::RPAR)?;
                self.expect(T::RARROW)?;
                let r = self.expression()?;
                while self.expect(T::NEWLINE).is_some() {}
                self.expect(T::ENDMARKER)?;
                Some(Mod::FunctionType { argtypes, returns: Box::new(r) })
            }
        }
    }

    /// type_expressions (func_type mode): ','.expression+ with `*`/`**` forms.
    fn type_expressions(&mut self) -> R<Vec<Expr>> {
        let mut v = Vec::new();
        loop {
            // `*a` and `**k` contribute their expression alone, as in pegen.
            if self.expect(T::STAR).is_none() {
                self.expect(T::DOUBLESTAR);
            }
            v.push(self.expression()?);
            let m = self.pos;
            if self.expect(T::COMMA).is_none() {
                break;
            }
            if self.at(T::RPAR) {
                self.pos = m;
                break;
            }
        }
        Some(v)
    }

    /// statement_newline (single mode)
    fn statement_newline(&mut self) -> R<Vec<Stmt>> {
        let m = self.pos;
        if let Some(s) = self.compound_stmt() {
            // At the end of a string source, CPython's tokenizer ends the
            // compound statement with the NEWLINE this rule wants.
            if self.expect(T::NEWLINE).is_some() || self.at(T::ENDMARKER) {
                return Some(vec![s]);
            }
        }
        self.pos = m;
        if self.failed() {
            return None;
        }
        if let Some(v) = self.simple_stmts() {
            return Some(v);
        }
        self.pos = m;
        if self.failed() {
            return None;
        }
        if let Some(t) = self.expect(T::NEWLINE) {
            return Some(vec![Stmt::new(StmtKind::Pass, loc1(&t))]);
        }
        None
    }

    /// statements: statement+
    pub fn statements(&mut self) -> R<Vec<Stmt>> {
        self.enter(|p| {
            let mut v = Vec::new();
            loop {
                let m = p.pos;
                match p.statement() {
                    Some(s) => v.extend(s),
                    None => {
                        p.pos = m;
                        break;
                    }
                }
            }
            if v.is_empty() || p.failed() {
                return None;
            }
            Some(v)
        })
    }

    /// statement: compound_stmt | simple_stmts
    fn statement(&mut self) -> R<Vec<Stmt>> {
        self.enter(|p| {
            let m = p.pos;
            if let Some(s) = p.compound_stmt() {
                return Some(vec![s]);
            }
            p.pos = m;
            if p.failed() {
                return None;
            }
            p.simple_stmts()
        })
    }

    /// simple_stmts: simple_stmt !';' NEWLINE | ';'.simple_stmt+ [';'] NEWLINE
    pub fn simple_stmts(&mut self) -> R<Vec<Stmt>> {
        self.enter(|p| {
            let mut v = vec![p.simple_stmt()?];
            loop {
                let m = p.pos;
                if p.expect(T::SEMI).is_none() {
                    break;
                }
                match p.simple_stmt() {
                    Some(s) => v.push(s),
                    None => {
                        p.pos = m + 1;
                        break;
                    }
                }
            }
            if p.failed() {
                return None;
            }
            p.expect(T::NEWLINE)?;
            Some(v)
        })
    }

    /// simple_stmt (memo)
    fn simple_stmt(&mut self) -> R<Stmt> {
        self.enter(|p| {
            let m = p.pos;
            let t = p.cur();
            if let Some(s) = p.assignment() {
                return Some(s);
            }
            p.pos = m;
            if p.failed() {
                return None;
            }
            if let Some(e) = p.star_expressions() {
                return Some(Stmt::new(StmtKind::Expr { value: Box::new(e) }, p.loc_from(&t)));
            }
            p.pos = m;
            if p.failed() {
                return None;
            }
            match t.kw {
                Some(Kw::Return) => {
                    p.pos += 1;
                    let m = p.pos;
                    let v = p.star_expressions();
                    if v.is_none() {
                        p.pos = m;
                    }
                    if p.failed() {
                        return None;
                    }
                    Some(Stmt::new(StmtKind::Return { value: v.map(Box::new) }, p.loc_from(&t)))
                }
                Some(Kw::Import) | Some(Kw::From) => p.import_stmt(),
                Some(Kw::Raise) => {
                    p.pos += 1;
                    let m = p.pos;
                    if let Some(a) = p.expression() {
                        let m2 = p.pos;
                        if p.kw(Kw::From).is_some() {
                            if let Some(b) = p.expression() {
                                return Some(Stmt::new(StmtKind::Raise { exc: Some(Box::new(a)), cause: Some(Box::new(b)) }, p.loc_from(&t)));
                            }
                        }
                        p.pos = m2;
                        if p.failed() {
                            return None;
                        }
                        return Some(Stmt::new(StmtKind::Raise { exc: Some(Box::new(a)), cause: None }, p.loc_from(&t)));
                    }
                    p.pos = m;
                    if p.failed() {
                        return None;
                    }
                    Some(Stmt::new(StmtKind::Raise { exc: None, cause: None }, p.loc_from(&t)))
                }
                Some(Kw::Pass) => {
                    p.pos += 1;
                    Some(Stmt::new(StmtKind::Pass, loc1(&t)))
                }
                Some(Kw::Break) => {
                    p.pos += 1;
                    Some(Stmt::new(StmtKind::Break, loc1(&t)))
                }
                Some(Kw::Continue) => {
                    p.pos += 1;
                    Some(Stmt::new(StmtKind::Continue, loc1(&t)))
                }
                Some(Kw::Del) => {
                    p.pos += 1;
                    if let Some(targets) = p.del_targets() {
                        if matches!(p.peek_kind(), T::SEMI | T::NEWLINE) {
                            return Some(Stmt::new(StmtKind::Delete { targets }, p.loc_from(&t)));
                        }
                    }
                    p.pos = m;
                    if p.invalid && !p.failed() {
                        p.invalid_del_stmt();
                    }
                    None
                }
                Some(Kw::Yield) => {
                    let e = p.yield_expr()?;
                    Some(Stmt::new(StmtKind::Expr { value: Box::new(e) }, p.loc_from(&t)))
                }
                Some(Kw::Assert) => {
                    p.pos += 1;
                    let a = p.expression()?;
                    let m = p.pos;
                    let mut b = None;
                    if p.expect(T::COMMA).is_some() {
                        b = p.expression();
                        if b.is_none() {
                            p.pos = m;
                        }
                    }
                    if p.failed() {
                        return None;
                    }
                    Some(Stmt::new(StmtKind::Assert { test: Box::new(a), msg: b.map(Box::new) }, p.loc_from(&t)))
                }
                Some(Kw::Global) | Some(Kw::Nonlocal) => {
                    p.pos += 1;
                    let mut names = vec![p.name()?.0];
                    loop {
                        let m = p.pos;
                        if p.expect(T::COMMA).is_none() {
                            break;
                        }
                        match p.name() {
                            Some((n, _)) => names.push(n),
                            None => {
                                p.pos = m;
                                break;
                            }
                        }
                    }
                    let node = if t.kw == Some(Kw::Global) { StmtKind::Global { names } } else { StmtKind::Nonlocal { names } };
                    Some(Stmt::new(node, p.loc_from(&t)))
                }
                _ => None,
            }
        })
    }

    /// annotated_rhs: yield_expr | star_expressions
    pub fn annotated_rhs(&mut self) -> R<Expr> {
        if self.at_kw(Kw::Yield) {
            let m = self.pos;
            if let Some(e) = self.yield_expr() {
                return Some(e);
            }
            self.pos = m;
            if self.failed() {
                return None;
            }
        }
        self.star_expressions()
    }

    /// assignment
    fn assignment(&mut self) -> R<Stmt> {
        self.enter(|p| {
            let m = p.pos;
            let t = p.cur();
            // NAME ':' expression ['=' annotated_rhs]
            if let Some((id, nt)) = p.name() {
                if p.expect(T::COLON).is_some() {
                    if let Some(ann) = p.expression() {
                        let value = p.ann_value();
                        if p.failed() {
                            return None;
                        }
                        let target = Expr::new(ExprKind::Name { id, ctx: ExprContext::Store }, loc1(&nt));
                        return Some(Stmt::new(
                            StmtKind::AnnAssign { target: Box::new(target), annotation: Box::new(ann), value, simple: true },
                            p.loc_from(&t),
                        ));
                    }
                }
            }
            p.pos = m;
            if p.failed() {
                return None;
            }
            // ('(' single_target ')' | single_subscript_attribute_target) ':' expression ['=' annotated_rhs]
            let target = if p.at(T::LPAR) {
                p.pos += 1;
                let r = p.single_target();
                if r.is_some() && p.expect(T::RPAR).is_some() {
                    r
                } else {
                    p.pos = m;
                    if p.failed() {
                        return None;
                    }
                    p.single_subscript_attribute_target()
                }
            } else {
                p.single_subscript_attribute_target()
            };
            if let Some(target) = target {
                if p.expect(T::COLON).is_some() {
                    if let Some(ann) = p.expression() {
                        let value = p.ann_value();
                        if p.failed() {
                            return None;
                        }
                        return Some(Stmt::new(
                            StmtKind::AnnAssign { target: Box::new(target), annotation: Box::new(ann), value, simple: false },
                            p.loc_from(&t),
                        ));
                    }
                }
            }
            p.pos = m;
            if p.failed() {
                return None;
            }
            // (star_targets '=')+ (yield_expr | star_expressions) !'=' [TYPE_COMMENT]
            let mut targets = Vec::new();
            loop {
                let m1 = p.pos;
                match p.star_targets() {
                    Some(e) if p.expect(T::EQUAL).is_some() => targets.push(e),
                    _ => {
                        p.pos = m1;
                        break;
                    }
                }
            }
            if p.failed() {
                return None;
            }
            if !targets.is_empty() {
                if let Some(v) = p.annotated_rhs() {
                    if !p.at(T::EQUAL) {
                        return Some(Stmt::new(StmtKind::Assign { targets, value: Box::new(v), type_comment: None }, p.loc_from(&t)));
                    }
                }
            }
            p.pos = m;
            if p.failed() {
                return None;
            }
            // single_target augassign ~ (yield_expr | star_expressions)
            if let Some(target) = p.single_target() {
                let op = match p.peek_kind() {
                    T::PLUSEQUAL => Some(Operator::Add),
                    T::MINEQUAL => Some(Operator::Sub),
                    T::STAREQUAL => Some(Operator::Mult),
                    T::ATEQUAL => Some(Operator::MatMult),
                    T::SLASHEQUAL => Some(Operator::Div),
                    T::PERCENTEQUAL => Some(Operator::Mod),
                    T::AMPEREQUAL => Some(Operator::BitAnd),
                    T::VBAREQUAL => Some(Operator::BitOr),
                    T::CIRCUMFLEXEQUAL => Some(Operator::BitXor),
                    T::LEFTSHIFTEQUAL => Some(Operator::LShift),
                    T::RIGHTSHIFTEQUAL => Some(Operator::RShift),
                    T::DOUBLESTAREQUAL => Some(Operator::Pow),
                    T::DOUBLESLASHEQUAL => Some(Operator::FloorDiv),
                    _ => None,
                };
                if let Some(op) = op {
                    p.pos += 1;
                    // Cut: no alternative after the operator.
                    let v = p.annotated_rhs()?;
                    return Some(Stmt::new(StmtKind::AugAssign { target: Box::new(target), op, value: Box::new(v) }, p.loc_from(&t)));
                }
            }
            p.pos = m;
            if p.invalid && !p.failed() {
                p.invalid_assignment();
            }
            None
        })
    }

    fn ann_value(&mut self) -> Option<Box<Expr>> {
        let m = self.pos;
        if self.expect(T::EQUAL).is_some() {
            if let Some(v) = self.annotated_rhs() {
                return Some(Box::new(v));
            }
        }
        self.pos = m;
        None
    }

    // --- imports -------------------------------------------------------------------

    fn dotted_name(&mut self) -> R<String> {
        let (mut s, _) = self.name()?;
        loop {
            let m = self.pos;
            if self.expect(T::DOT).is_none() {
                break;
            }
            match self.name() {
                Some((n, _)) => {
                    s.push('.');
                    s.push_str(&n);
                }
                None => {
                    self.pos = m;
                    break;
                }
            }
        }
        Some(s)
    }

    fn as_name(&mut self) -> Option<String> {
        let m = self.pos;
        if self.kw(Kw::As).is_some() {
            if let Some((n, _)) = self.name() {
                return Some(n);
            }
        }
        self.pos = m;
        None
    }

    /// import_stmt: import_name | import_from
    fn import_stmt(&mut self) -> R<Stmt> {
        self.enter(|p| {
            let t = p.cur();
            if p.kw(Kw::Import).is_some() {
                let mut names = Vec::new();
                loop {
                    let s = p.cur();
                    let name = p.dotted_name()?;
                    let asname = p.as_name();
                    names.push(Alias { name, asname, loc: p.loc_from(&s) });
                    let m = p.pos;
                    if p.expect(T::COMMA).is_none() {
                        break;
                    }
                    if !(p.at(T::NAME) && p.cur().kw.is_none()) {
                        p.pos = m;
                        break;
                    }
                }
                return Some(Stmt::new(StmtKind::Import { names }, p.loc_from(&t)));
            }
            p.kw(Kw::From)?;
            let mut level = 0;
            loop {
                if p.expect(T::DOT).is_some() {
                    level += 1;
                } else if p.expect(T::ELLIPSIS).is_some() {
                    level += 3;
                } else {
                    break;
                }
            }
            let m = p.pos;
            let module = if p.at_kw(Kw::Import) && level > 0 { None } else { Some(p.dotted_name()?) };
            if p.kw(Kw::Import).is_none() {
                p.pos = m;
                return None;
            }
            let names = p.import_from_targets()?;
            Some(Stmt::new(StmtKind::ImportFrom { module, names, level }, p.loc_from(&t)))
        })
    }

    fn import_from_targets(&mut self) -> R<Vec<Alias>> {
        let m = self.pos;
        if self.expect(T::LPAR).is_some() {
            if let Some(v) = self.import_from_as_names() {
                self.expect(T::COMMA);
                if self.expect(T::RPAR).is_some() {
                    return Some(v);
                }
            }
            self.pos = m;
            if self.failed() {
                return None;
            }
        } else if let Some(t) = self.expect(T::STAR) {
            return Some(vec![Alias { name: "*".into(), asname: None, loc: loc1(&t) }]);
        } else if let Some(v) = self.import_from_as_names() {
            if !self.at(T::COMMA) {
                return Some(v);
            }
        }
        self.pos = m;
        if self.invalid && !self.failed() {
            self.invalid_import_from_targets();
        }
        None
    }

    fn import_from_as_names(&mut self) -> R<Vec<Alias>> {
        let mut v = Vec::new();
        loop {
            let m = self.pos;
            let Some((name, s)) = self.name() else {
                self.pos = m;
                if v.is_empty() {
                    return None;
                }
                self.pos = m - 1;
                break;
            };
            let asname = self.as_name();
            v.push(Alias { name, asname, loc: self.loc_from(&s) });
            if self.expect(T::COMMA).is_none() {
                break;
            }
        }
        Some(v)
    }

    // --- blocks --------------------------------------------------------------------

    /// block (memo): NEWLINE INDENT statements DEDENT | simple_stmts | invalid_block
    pub fn block(&mut self) -> R<Vec<Stmt>> {
        // Memoized in the second pass only: the first never re-parses a block
        // at the same position, and cloning bodies costs.
        if !self.invalid {
            return self.enter(|p| p.block_inner());
        }
        self.memo_stmts(Rule::Block, |p| p.block_inner())
    }

    fn block_inner(&mut self) -> R<Vec<Stmt>> {
        {
            let p = self;
            let m = p.pos;
            if p.expect(T::NEWLINE).is_some() {
                if p.expect(T::INDENT).is_some() {
                    if let Some(v) = p.statements() {
                        if p.expect(T::DEDENT).is_some() {
                            return Some(v);
                        }
                    }
                }
                p.pos = m;
                if p.failed() {
                    return None;
                }
            }
            if let Some(v) = p.simple_stmts() {
                return Some(v);
            }
            p.pos = m;
            if p.invalid && !p.failed() {
                p.invalid_block();
            }
            None
        }
    }

    /// A forced token (`&&'x'`): raises "expected 'x'" at the current token.
    pub fn forced(&mut self, kind: T, what: &str) -> R<Tok> {
        if let Some(t) = self.expect(kind) {
            return Some(t);
        }
        if self.failed() {
            return None;
        }
        let t = self.cur();
        self.raise_tok(ErrClass::SyntaxError, &format!("expected '{what}'"), &t);
        None
    }

    fn decorators(&mut self) -> R<Vec<Expr>> {
        let mut v = Vec::new();
        loop {
            let m = self.pos;
            if self.expect(T::AT).is_none() {
                break;
            }
            match self.named_expression() {
                Some(e) if self.expect(T::NEWLINE).is_some() => v.push(e),
                _ => {
                    self.pos = m;
                    break;
                }
            }
        }
        if v.is_empty() || self.failed() {
            return None;
        }
        Some(v)
    }

    /// compound_stmt
    fn compound_stmt(&mut self) -> R<Stmt> {
        self.enter(|p| {
            let t = p.cur();
            match (t.kind, t.kw) {
                (T::AT, _) => {
                    let m = p.pos;
                    let decos = p.decorators()?;
                    let m2 = p.pos;
                    if let Some(mut s) = p.function_def_raw() {
                        if let StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) = &mut s.node {
                            f.decorator_list = decos;
                        }
                        return Some(s);
                    }
                    p.pos = m2;
                    if p.failed() {
                        return None;
                    }
                    if let Some(mut s) = p.class_def_raw() {
                        if let StmtKind::ClassDef { decorator_list, .. } = &mut s.node {
                            *decorator_list = decos;
                        }
                        return Some(s);
                    }
                    p.pos = m;
                    None
                }
                (_, Some(Kw::Def)) => p.function_def_raw(),
                (_, Some(Kw::Async)) => {
                    let m = p.pos;
                    match p.tok(p.pos + 1).kw {
                        Some(Kw::Def) => p.function_def_raw(),
                        Some(Kw::With) => p.with_stmt(),
                        Some(Kw::For) => p.for_stmt(),
                        _ => {
                            p.pos = m;
                            None
                        }
                    }
                }
                (_, Some(Kw::If)) => p.if_stmt(),
                (_, Some(Kw::Class)) => p.class_def_raw(),
                (_, Some(Kw::With)) => p.with_stmt(),
                (_, Some(Kw::For)) => p.for_stmt(),
                (_, Some(Kw::Try)) => p.try_stmt(),
                (_, Some(Kw::While)) => p.while_stmt(),
                (T::NAME, None) if p.text(&t) == "match" => p.match_stmt(),
                _ => None,
            }
        })
    }

    /// class_def_raw: invalid_class_def_raw | 'class' NAME ['(' [arguments] ')'] ':' block
    fn class_def_raw(&mut self) -> R<Stmt> {
        self.enter(|p| {
            let m = p.pos;
            if p.invalid {
                p.invalid_class_def_raw();
                p.pos = m;
                if p.failed() {
                    return None;
                }
            }
            let t = p.kw(Kw::Class)?;
            let (name, _) = p.name()?;
            let (mut bases, mut keywords) = (vec![], vec![]);
            let m1 = p.pos;
            if p.expect(T::LPAR).is_some() {
                let mut ok = true;
                if !p.at(T::RPAR) {
                    match p.arguments() {
                        Some((a, k)) => {
                            bases = a;
                            keywords = k;
                        }
                        None => ok = false,
                    }
                }
                if !ok || p.expect(T::RPAR).is_none() {
                    p.pos = m1;
                    bases.clear();
                    keywords.clear();
                }
            }
            if p.failed() {
                return None;
            }
            p.expect(T::COLON)?;
            let body = p.block()?;
            Some(Stmt::new(StmtKind::ClassDef { name, bases, keywords, body, decorator_list: vec![] }, p.loc_from(&t)))
        })
    }

    /// function_def_raw: invalid_def_raw | [ASYNC] 'def' NAME &&'(' [params] ')' ['->' expression] &&':' block
    fn function_def_raw(&mut self) -> R<Stmt> {
        self.enter(|p| {
            let m = p.pos;
            if p.invalid {
                p.invalid_def_raw();
                p.pos = m;
                if p.failed() {
                    return None;
                }
            }
            let t = p.cur();
            let is_async = p.kw(Kw::Async).is_some();
            p.kw(Kw::Def)?;
            let (name, _) = p.name()?;
            p.forced(T::LPAR, "(")?;
            let args = if p.at(T::RPAR) {
                Arguments::default()
            } else {
                let m = p.pos;
                match p.params(false) {
                    Some(a) => a,
                    None => {
                        p.pos = m;
                        if p.failed() {
                            return None;
                        }
                        Arguments::default()
                    }
                }
            };
            p.expect(T::RPAR)?;
            let m2 = p.pos;
            let mut returns = None;
            if p.expect(T::RARROW).is_some() {
                match p.expression() {
                    Some(e) => returns = Some(Box::new(e)),
                    None => p.pos = m2,
                }
            }
            if p.failed() {
                return None;
            }
            p.forced(T::COLON, ":")?;
            let body = p.block()?;
            let f = FunctionDef { name, args: Box::new(args), body, decorator_list: vec![], returns, type_comment: None };
            let node = if is_async { StmtKind::AsyncFunctionDef(f) } else { StmtKind::FunctionDef(f) };
            Some(Stmt::new(node, p.loc_from(&t)))
        })
    }

    // --- parameters ------------------------------------------------------------------

    /// One `param` (NAME [annotation]); `star` allows a `*`-annotation.
    fn param(&mut self, lambda: bool, star: bool) -> R<Arg> {
        let (arg, t) = self.name()?;
        let mut annotation = None;
        if !lambda {
            let m = self.pos;
            if self.expect(T::COLON).is_some() {
                let a = if star && self.at(T::STAR) { self.star_expression() } else { self.expression() };
                match a {
                    Some(a) => annotation = Some(Box::new(a)),
                    None => self.pos = m,
                }
            }
        }
        if self.failed() {
            return None;
        }
        Some(Arg { arg, annotation, type_comment: None, loc: self.loc_from(&t) })
    }

    /// `default: '=' expression | invalid_default`
    fn default(&mut self) -> Option<Expr> {
        let m = self.pos;
        if self.expect(T::EQUAL).is_some() {
            if let Some(e) = self.expression() {
                return Some(e);
            }
            self.pos = m;
            if self.invalid && !self.failed() {
                self.invalid_default();
            }
        }
        self.pos = m;
        None
    }

    /// The separator after a parameter: ',' or a lookahead of the closing token.
    fn param_end(&mut self, lambda: bool) -> bool {
        if self.expect(T::COMMA).is_some() {
            return true;
        }
        self.at(if lambda { T::COLON } else { T::RPAR })
    }

    /// params / lambda_params (without the invalid_ alternative's first call).
    pub fn params(&mut self, lambda: bool) -> R<Arguments> {
        self.enter(|p| {
            let m = p.pos;
            if p.invalid {
                if lambda {
                    p.invalid_lambda_parameters();
                } else {
                    p.invalid_parameters();
                }
                p.pos = m;
                if p.failed() {
                    return None;
                }
            }
            let r = p.parameters(lambda);
            if r.is_none() {
                p.pos = m;
            }
            r
        })
    }

    fn parameters(&mut self, lambda: bool) -> R<Arguments> {
        let mut a = Arguments::default();
        let mut seen_default = false;
        let mut seen_slash = false;
        let mut any = false;
        // Positional (and positional-only) parameters.
        loop {
            if self.at(T::NAME) && self.cur().kw.is_none() {
                let m = self.pos;
                let arg = self.param(lambda, false)?;
                let d = self.default();
                if self.failed() {
                    return None;
                }
                if d.is_none() && seen_default {
                    self.pos = m;
                    break;
                }
                if !self.param_end(lambda) {
                    self.pos = m;
                    break;
                }
                if let Some(d) = d {
                    seen_default = true;
                    a.defaults.push(d);
                }
                a.args.push(arg);
                any = true;
                continue;
            }
            if self.at(T::SLASH) && !seen_slash && !a.args.is_empty() {
                let m = self.pos;
                self.pos += 1;
                if !self.param_end(lambda) {
                    self.pos = m;
                    break;
                }
                seen_slash = true;
                a.posonlyargs = std::mem::take(&mut a.args);
                continue;
            }
            break;
        }
        // star_etc
        let m = self.pos;
        if self.at(T::STAR) {
            if self.invalid {
                if lambda {
                    self.invalid_lambda_star_etc();
                } else {
                    self.invalid_star_etc();
                }
                self.pos = m;
                if self.failed() {
                    return None;
                }
            }
            self.pos += 1;
            let mut ok = true;
            if self.expect(T::COMMA).is_none() {
                match self.param(lambda, true) {
                    Some(v) if self.param_end(lambda) => a.vararg = Some(Box::new(v)),
                    _ => ok = false,
                }
            } else if !(self.at(T::NAME) && self.cur().kw.is_none()) {
                ok = false;
            }
            if self.failed() {
                return None;
            }
            if ok {
                loop {
                    if !(self.at(T::NAME) && self.cur().kw.is_none()) {
                        break;
                    }
                    let m1 = self.pos;
                    let arg = self.param(lambda, false)?;
                    let d = self.default();
                    if self.failed() {
                        return None;
                    }
                    if !self.param_end(lambda) {
                        self.pos = m1;
                        break;
                    }
                    a.kwonlyargs.push(arg);
                    a.kw_defaults.push(d);
                }
                if a.vararg.is_none() && a.kwonlyargs.is_empty() {
                    ok = false;
                }
            }
            if !ok {
                self.pos = m;
                return if any { Some(a) } else { None };
            }
            any = true;
        }
        if self.at(T::DOUBLESTAR) {
            let m1 = self.pos;
            if self.invalid {
                if lambda {
                    self.invalid_lambda_kwds();
                } else {
                    self.invalid_kwds();
                }
                self.pos = m1;
                if self.failed() {
                    return None;
                }
            }
            self.pos += 1;
            match self.param(lambda, false) {
                Some(v) if self.param_end(lambda) => {
                    a.kwarg = Some(Box::new(v));
                    any = true;
                }
                _ => self.pos = m1,
            }
        }
        if self.failed() || !any {
            return None;
        }
        Some(a)
    }

    // --- compound statements -----------------------------------------------------

    /// if_stmt / elif_stmt
    fn if_stmt(&mut self) -> R<Stmt> {
        self.enter(|p| {
            let m = p.pos;
            if p.invalid {
                p.invalid_if_stmt();
                p.pos = m;
                if p.failed() {
                    return None;
                }
            }
            p.if_tail()
        })
    }

    fn if_tail(&mut self) -> R<Stmt> {
        let t = self.cur();
        self.pos += 1;
        let test = self.named_expression()?;
        self.expect(T::COLON)?;
        let body = self.block()?;
        let m = self.pos;
        let orelse = if self.at_kw(Kw::Elif) {
            let r = self.enter(|p| {
                if p.invalid {
                    p.invalid_elif_stmt();
                    p.pos = m;
                    if p.failed() {
                        return None;
                    }
                }
                p.if_tail()
            });
            match r {
                Some(s) => vec![s],
                None => {
                    self.pos = m;
                    return None;
                }
            }
        } else {
            self.else_block()?.unwrap_or_default()
        };
        Some(Stmt::new(StmtKind::If { test: Box::new(test), body, orelse }, self.loc_from(&t)))
    }

    /// [else_block]: None = failed hard; Some(None) = absent.
    fn else_block(&mut self) -> Option<Option<Vec<Stmt>>> {
        let m = self.pos;
        if self.invalid && self.at_kw(Kw::Else) {
            self.invalid_else_stmt();
            self.pos = m;
            if self.failed() {
                return None;
            }
        }
        if self.kw(Kw::Else).is_some() {
            self.forced(T::COLON, ":")?;
            match self.block() {
                Some(b) => return Some(Some(b)),
                None => {
                    self.pos = m;
                    if self.failed() {
                        return None;
                    }
                }
            }
        }
        Some(None)
    }

    fn while_stmt(&mut self) -> R<Stmt> {
        self.enter(|p| {
            let m = p.pos;
            if p.invalid {
                p.invalid_while_stmt();
                p.pos = m;
                if p.failed() {
                    return None;
                }
            }
            let t = p.kw(Kw::While)?;
            let test = p.named_expression()?;
            p.expect(T::COLON)?;
            let body = p.block()?;
            let orelse = p.else_block()?.unwrap_or_default();
            Some(Stmt::new(StmtKind::While { test: Box::new(test), body, orelse }, p.loc_from(&t)))
        })
    }

    fn for_stmt(&mut self) -> R<Stmt> {
        self.enter(|p| {
            let m = p.pos;
            if p.invalid {
                p.invalid_for_stmt();
                p.pos = m;
                if p.failed() {
                    return None;
                }
            }
            let t = p.cur();
            let is_async = p.kw(Kw::Async).is_some();
            p.kw(Kw::For)?;
            let target = p.star_targets();
            if let Some(target) = target {
                if p.kw(Kw::In).is_some() {
                    // Cut after 'in'.
                    let iter = p.star_expressions()?;
                    p.expect(T::COLON)?;
                    let body = p.block()?;
                    let orelse = p.else_block()?.unwrap_or_default();
                    let f = For { target: Box::new(target), iter: Box::new(iter), body, orelse, type_comment: None };
                    let node = if is_async { StmtKind::AsyncFor(f) } else { StmtKind::For(f) };
                    return Some(Stmt::new(node, p.loc_from(&t)));
                }
            }
            p.pos = m;
            if p.invalid && !p.failed() {
                p.invalid_for_target();
            }
            None
        })
    }

    /// with_item: expression 'as' star_target &(',' | ')' | ':') | invalid_with_item | expression
    fn with_item(&mut self) -> R<WithItem> {
        self.enter(|p| {
            let m = p.pos;
            let e = p.expression()?;
            let m1 = p.pos;
            if p.kw(Kw::As).is_some() {
                if let Some(mut t) = p.star_target() {
                    if matches!(p.peek_kind(), T::COMMA | T::RPAR | T::COLON) {
                        set_ctx_store(&mut t);
                        return Some(WithItem { context_expr: e, optional_vars: Some(Box::new(t)) });
                    }
                }
                if p.failed() {
                    return None;
                }
                p.pos = m;
                if p.invalid {
                    p.invalid_with_item();
                    if p.failed() {
                        return None;
                    }
                }
            }
            p.pos = m1;
            Some(WithItem { context_expr: e, optional_vars: None })
        })
    }

    fn with_items(&mut self) -> R<Vec<WithItem>> {
        let mut v = vec![self.with_item()?];
        loop {
            let m = self.pos;
            if self.expect(T::COMMA).is_none() {
                break;
            }
            match self.with_item() {
                Some(w) => v.push(w),
                None => {
                    self.pos = m;
                    break;
                }
            }
        }
        if self.failed() {
            return None;
        }
        Some(v)
    }

    fn with_stmt(&mut self) -> R<Stmt> {
        self.enter(|p| {
            let m = p.pos;
            if p.invalid {
                p.invalid_with_stmt_indent();
                p.pos = m;
                if p.failed() {
                    return None;
                }
            }
            let t = p.cur();
            let is_async = p.kw(Kw::Async).is_some();
            p.kw(Kw::With)?;
            let m1 = p.pos;
            let mut items = None;
            if p.expect(T::LPAR).is_some() {
                if let Some(v) = p.with_items() {
                    p.expect(T::COMMA);
                    if p.expect(T::RPAR).is_some() && p.at(T::COLON) {
                        items = Some(v);
                    }
                }
                if items.is_none() {
                    p.pos = m1;
                }
            }
            if p.failed() {
                return None;
            }
            if items.is_none() {
                items = p.with_items();
            }
            if let Some(items) = items {
                if p.expect(T::COLON).is_some() {
                    if let Some(body) = p.block() {
                        let w = With { items, body, type_comment: None };
                        let node = if is_async { StmtKind::AsyncWith(w) } else { StmtKind::With(w) };
                        return Some(Stmt::new(node, p.loc_from(&t)));
                    }
                }
            }
            p.pos = m;
            if p.invalid && !p.failed() {
                p.invalid_with_stmt();
            }
            None
        })
    }

    fn try_stmt(&mut self) -> R<Stmt> {
        self.enter(|p| {
            let m = p.pos;
            if p.invalid {
                p.invalid_try_stmt();
                p.pos = m;
                if p.failed() {
                    return None;
                }
            }
            let t = p.kw(Kw::Try)?;
            p.forced(T::COLON, ":")?;
            let body = p.block()?;
            let mut handlers = Vec::new();
            let mut star = None;
            loop {
                let m1 = p.pos;
                if !p.at_kw(Kw::Except) {
                    break;
                }
                let is_star = p.tok(p.pos + 1).kind == T::STAR;
                if star.is_some() && star != Some(is_star) {
                    break;
                }
                match p.except_block(is_star) {
                    Some(h) => {
                        star = Some(is_star);
                        handlers.push(h);
                    }
                    None => {
                        p.pos = m1;
                        break;
                    }
                }
            }
            if p.failed() {
                return None;
            }
            let mut orelse = Vec::new();
            if !handlers.is_empty() {
                orelse = p.else_block()?.unwrap_or_default();
            }
            let finalbody = p.finally_block()?;
            if handlers.is_empty() && finalbody.is_none() {
                return None;
            }
            let tr = Try { body, handlers, orelse, finalbody: finalbody.unwrap_or_default() };
            let node = if star == Some(true) { StmtKind::TryStar(tr) } else { StmtKind::Try(tr) };
            Some(Stmt::new(node, p.loc_from(&t)))
        })
    }

    fn finally_block(&mut self) -> Option<Option<Vec<Stmt>>> {
        let m = self.pos;
        if self.invalid && self.at_kw(Kw::Finally) {
            self.invalid_finally_stmt();
            self.pos = m;
            if self.failed() {
                return None;
            }
        }
        if self.kw(Kw::Finally).is_some() {
            self.forced(T::COLON, ":")?;
            if let Some(b) = self.block() {
                return Some(Some(b));
            }
            self.pos = m;
            if self.failed() {
                return None;
            }
        }
        Some(None)
    }

    fn except_block(&mut self, star: bool) -> R<ExceptHandler> {
        self.enter(|p| {
            let m = p.pos;
            if p.invalid {
                p.invalid_except_stmt_indent(star);
                p.pos = m;
                if p.failed() {
                    return None;
                }
            }
            let t = p.kw(Kw::Except)?;
            if star {
                p.expect(T::STAR)?;
            }
            let m1 = p.pos;
            if let Some(e) = p.expression() {
                let name = p.as_name();
                if p.expect(T::COLON).is_some() {
                    if let Some(body) = p.block() {
                        return Some(ExceptHandler { type_: Some(Box::new(e)), name, body, loc: p.loc_from(&t) });
                    }
                }
            }
            p.pos = m1;
            if p.failed() {
                return None;
            }
            if !star && p.expect(T::COLON).is_some() {
                if let Some(body) = p.block() {
                    return Some(ExceptHandler { type_: None, name: None, body, loc: p.loc_from(&t) });
                }
            }
            p.pos = m;
            if p.invalid && !p.failed() {
                p.invalid_except_stmt();
            }
            None
        })
    }
}

fn set_ctx_store(e: &mut Expr) {
    super::expr::set_ctx(e, ExprContext::Store);
}
