//! Expression unparser: the text CPython 3.11's Python/ast_unparse.c writes for
//! an annotation under `from __future__ import annotations`.
//!
//! Design note.
//! * Same precedence table and parenthesization rules as ast_unparse.c
//!   (`Pr`), same spacing (" + ", ", ", " if "/" else ", "lambda a: …"),
//!   `(yield …)` always parenthesized, `1e309` for infinities.
//! * Constants are written with Python's repr: str quoting/escaping as
//!   `unicode_repr` (printability approximated: controls, separators, format
//!   characters and unassigned code points are escaped), bytes as `bytes_repr`,
//!   floats in repr's shortest form.
//! * Known gaps: f-string bodies follow ast_unparse.c's common cases (nested
//!   quotes are not re-chosen as CPython does for strings containing both kinds).

use crate::parser::ast::*;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Pr {
    Tuple,
    Test,
    Or,
    And,
    Not,
    Cmp,
    Bor,
    Bxor,
    Band,
    Shift,
    Arith,
    Term,
    Factor,
    Power,
    Await,
    Atom,
}

impl Pr {
    fn next(self) -> Pr {
        use Pr::*;
        match self {
            Tuple => Test,
            Test => Or,
            Or => And,
            And => Not,
            Not => Cmp,
            Cmp => Bor,
            Bor => Bxor,
            Bxor => Band,
            Band => Shift,
            Shift => Arith,
            Arith => Term,
            Term => Factor,
            Factor => Power,
            Power => Await,
            Await | Atom => Atom,
        }
    }
}

/// `_PyAST_ExprAsUnicode`: the annotation text.
pub fn unparse(e: &Expr) -> String {
    let mut s = String::new();
    expr(&mut s, e, Pr::Test);
    s
}

fn is_printable(c: char) -> bool {
    let u = c as u32;
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    if (0xD800..0xE000).contains(&u) || (0xE000..0xF900).contains(&u) || u >= 0xF0000 {
        return false;
    }
    if matches!(u, 0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB)
    {
        return false;
    }
    u < 0x80 || unicode_names2::name(c).is_some()
}

fn escape_cp(out: &mut String, u: u32) {
    if u < 0x100 {
        out.push_str(&format!("\\x{:02x}", u));
    } else if u < 0x10000 {
        out.push_str(&format!("\\u{:04x}", u));
    } else {
        out.push_str(&format!("\\U{:08x}", u));
    }
}

/// Python's `repr()` of a str given as code points.
pub fn str_repr(cps: &[u32]) -> String {
    let has_sq = cps.contains(&('\'' as u32));
    let has_dq = cps.contains(&('"' as u32));
    let q = if has_sq && !has_dq { '"' } else { '\'' };
    let mut out = String::new();
    out.push(q);
    for &u in cps {
        match char::from_u32(u) {
            Some(c) if c == q || c == '\\' => {
                out.push('\\');
                out.push(c);
            }
            Some('\t') => out.push_str("\\t"),
            Some('\n') => out.push_str("\\n"),
            Some('\r') => out.push_str("\\r"),
            Some(c) if (c as u32) < 0x20 || c as u32 == 0x7f => escape_cp(&mut out, u),
            Some(c) if (c as u32) < 0x7f => out.push(c),
            Some(c) if is_printable(c) => out.push(c),
            _ => escape_cp(&mut out, u),
        }
    }
    out.push(q);
    out
}

fn bytes_repr(b: &[u8]) -> String {
    let q = if b.contains(&b'\'') && !b.contains(&b'"') { '"' } else { '\'' };
    let mut out = String::from("b");
    out.push(q);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            c if c as char == q => {
                out.push('\\');
                out.push(q);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{:02x}", c)),
        }
    }
    out.push(q);
    out
}

/// Python's `repr()` of a float.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    let sci = format!("{:e}", f);
    let (mant, exp) = sci.split_once('e').unwrap();
    let exp: i32 = exp.parse().unwrap();
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        let decpt = exp + 1;
        if decpt <= 0 {
            out.push_str("0.");
            out.push_str(&"0".repeat((-decpt) as usize));
            out.push_str(&digits);
        } else if decpt as usize >= digits.len() {
            out.push_str(&digits);
            out.push_str(&"0".repeat(decpt as usize - digits.len()));
            out.push_str(".0");
        } else {
            out.push_str(&digits[..decpt as usize]);
            out.push('.');
            out.push_str(&digits[decpt as usize..]);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push_str(&format!("e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs()));
    }
    out
}

fn const_repr(c: &Constant) -> String {
    let inf = |s: String| s.replace("inf", "1e309");
    match c {
        Constant::None => "None".into(),
        Constant::Bool(b) => if *b { "True" } else { "False" }.into(),
        Constant::Ellipsis => "...".into(),
        Constant::Int(i) => i.to_string(),
        Constant::Float(f) => inf(float_repr(*f)),
        Constant::Complex { real, imag } => {
            let im = float_repr(*imag);
            let im = im.strip_suffix(".0").unwrap_or(&im).to_string();
            if *real == 0.0 && !real.is_sign_negative() {
                inf(format!("{}j", im))
            } else {
                let re = float_repr(*real);
                let re = re.strip_suffix(".0").unwrap_or(&re).to_string();
                let sign = if imag.is_sign_negative() || imag.is_nan() { "" } else { "+" };
                inf(format!("({}{}{}j)", re, sign, im))
            }
        }
        Constant::Str(s) => str_repr(&s.chars().map(|c| c as u32).collect::<Vec<_>>()),
        Constant::StrCodes(cps) => str_repr(cps),
        Constant::Bytes(b) => bytes_repr(b),
        Constant::Tuple(t) => {
            let parts: Vec<String> = t.iter().map(const_repr).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Constant::FrozenSet(t) => {
            let parts: Vec<String> = t.iter().map(const_repr).collect();
            format!("frozenset({{{}}})", parts.join(", "))
        }
    }
}

fn binop(op: Operator) -> (&'static str, Pr) {
    match op {
        Operator::Add => (" + ", Pr::Arith),
        Operator::Sub => (" - ", Pr::Arith),
        Operator::Mult => (" * ", Pr::Term),
        Operator::MatMult => (" @ ", Pr::Term),
        Operator::Div => (" / ", Pr::Term),
        Operator::Mod => (" % ", Pr::Term),
        Operator::LShift => (" << ", Pr::Shift),
        Operator::RShift => (" >> ", Pr::Shift),
        Operator::BitOr => (" | ", Pr::Bor),
        Operator::BitXor => (" ^ ", Pr::Bxor),
        Operator::BitAnd => (" & ", Pr::Band),
        Operator::FloorDiv => (" // ", Pr::Term),
        Operator::Pow => (" ** ", Pr::Power),
    }
}

fn cmpop(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => " == ",
        CmpOp::NotEq => " != ",
        CmpOp::Lt => " < ",
        CmpOp::LtE => " <= ",
        CmpOp::Gt => " > ",
        CmpOp::GtE => " >= ",
        CmpOp::Is => " is ",
        CmpOp::IsNot => " is not ",
        CmpOp::In => " in ",
        CmpOp::NotIn => " not in ",
    }
}

fn join(s: &mut String, v: &[Expr], level: Pr) {
    for (i, x) in v.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        expr(s, x, level);
    }
}

fn comprehensions(s: &mut String, gens: &[Comprehension]) {
    for g in gens {
        s.push_str(if g.is_async { " async for " } else { " for " });
        expr(s, &g.target, Pr::Tuple);
        s.push_str(" in ");
        expr(s, &g.iter, Pr::Test.next());
        for c in &g.ifs {
            s.push_str(" if ");
            expr(s, c, Pr::Test.next());
        }
    }
}

fn arg(s: &mut String, a: &Arg) {
    s.push_str(&a.arg);
    if let Some(ann) = &a.annotation {
        s.push_str(": ");
        expr(s, ann, Pr::Test);
    }
}

fn args(s: &mut String, a: &Arguments) {
    let mut first = true;
    let sep = |s: &mut String, first: &mut bool| {
        if !*first {
            s.push_str(", ");
        }
        *first = false;
    };
    let npos = a.posonlyargs.len();
    let total = npos + a.args.len();
    for i in 0..total {
        sep(s, &mut first);
        let x = if i < npos { &a.posonlyargs[i] } else { &a.args[i - npos] };
        arg(s, x);
        let di = i as isize - total as isize + a.defaults.len() as isize;
        if di >= 0 {
            s.push('=');
            expr(s, &a.defaults[di as usize], Pr::Test);
        }
        if npos > 0 && i + 1 == npos {
            s.push_str(", /");
        }
    }
    if a.vararg.is_some() || !a.kwonlyargs.is_empty() {
        sep(s, &mut first);
        s.push('*');
        if let Some(v) = &a.vararg {
            arg(s, v);
        }
    }
    for (i, k) in a.kwonlyargs.iter().enumerate() {
        sep(s, &mut first);
        arg(s, k);
        if let Some(Some(d)) = a.kw_defaults.get(i) {
            s.push('=');
            expr(s, d, Pr::Test);
        }
    }
    if let Some(k) = &a.kwarg {
        sep(s, &mut first);
        s.push_str("**");
        arg(s, k);
    }
}

fn fstring_part(body: &mut String, e: &Expr) {
    match &e.node {
        ExprKind::Constant { value: Constant::Str(t), .. } => body.push_str(&t.replace('{', "{{").replace('}', "}}")),
        ExprKind::JoinedStr { values } => {
            for v in values {
                fstring_part(body, v);
            }
        }
        ExprKind::FormattedValue { value, conversion, format_spec } => {
            let mut inner = String::new();
            expr(&mut inner, value, Pr::Test.next());
            body.push('{');
            if inner.starts_with('{') {
                body.push(' ');
            }
            body.push_str(&inner);
            if *conversion >= 0 {
                body.push('!');
                body.push(char::from_u32(*conversion as u32).unwrap_or('r'));
            }
            if let Some(spec) = format_spec {
                body.push(':');
                fstring_part(body, spec);
            }
            body.push('}');
        }
        _ => {}
    }
}

fn expr(s: &mut String, e: &Expr, level: Pr) {
    let paren = |s: &mut String, cond: bool, open: bool| {
        if cond {
            s.push(if open { '(' } else { ')' });
        }
    };
    match &e.node {
        ExprKind::BoolOp { op, values } => {
            let (sep, pr) = if *op == BoolOp::And { (" and ", Pr::And) } else { (" or ", Pr::Or) };
            paren(s, level > pr, true);
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    s.push_str(sep);
                }
                expr(s, v, pr.next());
            }
            paren(s, level > pr, false);
        }
        ExprKind::BinOp { left, op, right } => {
            let (txt, pr) = binop(*op);
            let rassoc = *op == Operator::Pow;
            paren(s, level > pr, true);
            expr(s, left, if rassoc { pr.next() } else { pr });
            s.push_str(txt);
            expr(s, right, if rassoc { pr } else { pr.next() });
            paren(s, level > pr, false);
        }
        ExprKind::UnaryOp { op, operand } => {
            let (txt, pr) = match op {
                UnaryOp::Invert => ("~", Pr::Factor),
                UnaryOp::Not => ("not ", Pr::Not),
                UnaryOp::UAdd => ("+", Pr::Factor),
                UnaryOp::USub => ("-", Pr::Factor),
            };
            paren(s, level > pr, true);
            s.push_str(txt);
            expr(s, operand, pr);
            paren(s, level > pr, false);
        }
        ExprKind::Lambda { args: a, body } => {
            paren(s, level > Pr::Test, true);
            let empty = a.posonlyargs.is_empty() && a.args.is_empty() && a.vararg.is_none() && a.kwonlyargs.is_empty() && a.kwarg.is_none();
            s.push_str("lambda");
            if !empty {
                s.push(' ');
                args(s, a);
            }
            s.push_str(": ");
            expr(s, body, Pr::Test);
            paren(s, level > Pr::Test, false);
        }
        ExprKind::IfExp { test, body, orelse } => {
            paren(s, level > Pr::Test, true);
            expr(s, body, Pr::Test.next());
            s.push_str(" if ");
            expr(s, test, Pr::Test.next());
            s.push_str(" else ");
            expr(s, orelse, Pr::Test);
            paren(s, level > Pr::Test, false);
        }
        ExprKind::Dict { keys, values } => {
            s.push('{');
            for (i, (k, v)) in keys.iter().zip(values).enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                match k {
                    Some(k) => {
                        expr(s, k, Pr::Test);
                        s.push_str(": ");
                        expr(s, v, Pr::Test);
                    }
                    None => {
                        s.push_str("**");
                        expr(s, v, Pr::Bor);
                    }
                }
            }
            s.push('}');
        }
        ExprKind::Set { elts } => {
            if elts.is_empty() {
                s.push_str("{*()}");
            } else {
                s.push('{');
                join(s, elts, Pr::Test);
                s.push('}');
            }
        }
        ExprKind::ListComp { elt, generators } => {
            s.push('[');
            expr(s, elt, Pr::Test);
            comprehensions(s, generators);
            s.push(']');
        }
        ExprKind::SetComp { elt, generators } => {
            s.push('{');
            expr(s, elt, Pr::Test);
            comprehensions(s, generators);
            s.push('}');
        }
        ExprKind::DictComp { key, value, generators } => {
            s.push('{');
            expr(s, key, Pr::Test);
            s.push_str(": ");
            expr(s, value, Pr::Test);
            comprehensions(s, generators);
            s.push('}');
        }
        ExprKind::GeneratorExp { elt, generators } => {
            s.push('(');
            expr(s, elt, Pr::Test);
            comprehensions(s, generators);
            s.push(')');
        }
        ExprKind::Await { value } => {
            paren(s, level > Pr::Await, true);
            s.push_str("await ");
            expr(s, value, Pr::Atom);
            paren(s, level > Pr::Await, false);
        }
        ExprKind::Yield { value } => match value {
            None => s.push_str("(yield)"),
            Some(v) => {
                s.push_str("(yield ");
                expr(s, v, Pr::Test);
                s.push(')');
            }
        },
        ExprKind::YieldFrom { value } => {
            s.push_str("(yield from ");
            expr(s, value, Pr::Test);
            s.push(')');
        }
        ExprKind::Compare { left, ops, comparators } => {
            paren(s, level > Pr::Cmp, true);
            expr(s, left, Pr::Cmp.next());
            for (op, c) in ops.iter().zip(comparators) {
                s.push_str(cmpop(*op));
                expr(s, c, Pr::Cmp.next());
            }
            paren(s, level > Pr::Cmp, false);
        }
        ExprKind::Call { func, args: a, keywords } => {
            expr(s, func, Pr::Atom);
            if a.len() == 1 && keywords.is_empty() && matches!(a[0].node, ExprKind::GeneratorExp { .. }) {
                expr(s, &a[0], Pr::Test);
                return;
            }
            s.push('(');
            join(s, a, Pr::Test);
            for (i, k) in keywords.iter().enumerate() {
                if i > 0 || !a.is_empty() {
                    s.push_str(", ");
                }
                match &k.arg {
                    Some(n) => {
                        s.push_str(n);
                        s.push('=');
                    }
                    None => s.push_str("**"),
                }
                expr(s, &k.value, Pr::Test);
            }
            s.push(')');
        }
        ExprKind::FormattedValue { .. } | ExprKind::JoinedStr { .. } => {
            let mut body = String::new();
            fstring_part(&mut body, e);
            s.push('f');
            s.push_str(&str_repr(&body.chars().map(|c| c as u32).collect::<Vec<_>>()));
        }
        ExprKind::Constant { value, kind } => {
            if kind.as_deref() == Some("u") {
                s.push('u');
            }
            s.push_str(&const_repr(value));
        }
        ExprKind::Attribute { value, attr, .. } => {
            expr(s, value, Pr::Atom);
            if matches!(value.node, ExprKind::Constant { value: Constant::Int(_), .. }) {
                s.push(' ');
            }
            s.push('.');
            s.push_str(attr);
        }
        ExprKind::Subscript { value, slice, .. } => {
            expr(s, value, Pr::Atom);
            s.push('[');
            expr(s, slice, Pr::Tuple);
            s.push(']');
        }
        ExprKind::Starred { value, .. } => {
            s.push('*');
            expr(s, value, Pr::Bor);
        }
        ExprKind::Name { id, .. } => s.push_str(id),
        ExprKind::List { elts, .. } => {
            s.push('[');
            join(s, elts, Pr::Test);
            s.push(']');
        }
        ExprKind::Tuple { elts, .. } => {
            if elts.is_empty() {
                s.push_str("()");
                return;
            }
            paren(s, level > Pr::Tuple, true);
            join(s, elts, Pr::Test);
            if elts.len() == 1 {
                s.push(',');
            }
            paren(s, level > Pr::Tuple, false);
        }
        ExprKind::Slice { lower, upper, step } => {
            if let Some(x) = lower {
                expr(s, x, Pr::Test);
            }
            s.push(':');
            if let Some(x) = upper {
                expr(s, x, Pr::Test);
            }
            if let Some(x) = step {
                s.push(':');
                expr(s, x, Pr::Test);
            }
        }
        ExprKind::NamedExpr { target, value } => {
            paren(s, level > Pr::Tuple, true);
            expr(s, target, Pr::Atom);
            s.push_str(" := ");
            expr(s, value, Pr::Atom);
            paren(s, level > Pr::Tuple, false);
        }
    }
}
