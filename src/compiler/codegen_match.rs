//! `match` statements: CPython 3.11's pattern compilation (compile.c's
//! compiler_match and compiler_pattern_*), as a child module of `codegen`.
//!
//! Design note.
//! * `PatCtx` is compile.c's pattern_context: names captured so far (`stores`,
//!   kept on the stack until the whole case matched), whether an irrefutable
//!   pattern is allowed here, the `fail_pop` blocks (jumping to `fail_pop[i]`
//!   pops i items, each block falling through to the next) and `on_top`, the
//!   number of items that must stay above the captures.
//! * Captured values are rotated under `on_top` items with SWAP chains; the
//!   flow-graph pass `swaptimize` shortens them as CPython's does.
//! * Errors are CPython's: unreachable patterns after an irrefutable one,
//!   repeated or differing names, duplicate mapping keys, bad value patterns.

use super::*;

pub(super) struct PatCtx {
    stores: Vec<String>,
    allow_irrefutable: bool,
    fail_pop: Vec<BlockId>,
    on_top: usize,
}

fn is_wildcard(p: &Pattern) -> bool {
    matches!(&p.node, PatternKind::MatchAs { pattern: None, name: None })
}

fn is_star_wildcard(p: &Pattern) -> bool {
    matches!(&p.node, PatternKind::MatchStar { name: None })
}

fn name_repr(n: &str) -> String {
    format!("'{}'", n)
}

impl<'a> Compiler<'a> {
    pub(super) fn match_stmt(&mut self, subject: &'a Expr, cases: &'a [MatchCase]) -> R {
        self.expr(subject)?;
        let end = self.new_block();
        let n = cases.len();
        let has_default = is_wildcard(&cases[n - 1].pattern) && n > 1;
        let mut pc = PatCtx { stores: Vec::new(), allow_irrefutable: false, fail_pop: Vec::new(), on_top: 0 };
        for (i, m) in cases[..n - has_default as usize].iter().enumerate() {
            self.set_loc(&m.pattern.loc);
            let last = i == n - has_default as usize - 1;
            if !last {
                self.addop_i(Op::COPY, 1);
            }
            pc.stores = Vec::new();
            pc.allow_irrefutable = m.guard.is_some() || i == n - 1;
            pc.fail_pop = Vec::new();
            pc.on_top = 0;
            self.pattern(&m.pattern, &mut pc)?;
            for name in pc.stores.clone() {
                self.nameop(&name, ExprContext::Store)?;
            }
            if let Some(g) = &m.guard {
                self.ensure_fail_pop(&mut pc, 0);
                let t = pc.fail_pop[0];
                self.jump_if(g, t, false)?;
            }
            if !last {
                self.addop(Op::POP_TOP);
            }
            self.stmts(&m.body)?;
            self.unset_loc();
            self.addop_j(Op::JUMP, end);
            self.set_loc(&m.pattern.loc);
            self.emit_and_reset_fail_pop(&mut pc);
        }
        if has_default {
            let m = &cases[n - 1];
            self.set_loc(&m.pattern.loc);
            if n == 1 {
                self.addop(Op::POP_TOP);
            } else {
                self.addop(Op::NOP);
            }
            if let Some(g) = &m.guard {
                self.jump_if(g, end, false)?;
            }
            self.stmts(&m.body)?;
        }
        self.use_next_block(end);
        Ok(())
    }

    fn ensure_fail_pop(&mut self, pc: &mut PatCtx, n: usize) {
        while pc.fail_pop.len() < n + 1 {
            let b = self.new_block();
            pc.fail_pop.push(b);
        }
    }

    fn jump_to_fail_pop(&mut self, pc: &mut PatCtx, op: Op) {
        let pops = pc.on_top + pc.stores.len();
        self.ensure_fail_pop(pc, pops);
        self.addop_j(op, pc.fail_pop[pops]);
    }

    fn emit_and_reset_fail_pop(&mut self, pc: &mut PatCtx) {
        if pc.fail_pop.is_empty() {
            return;
        }
        for k in (1..pc.fail_pop.len()).rev() {
            self.use_next_block(pc.fail_pop[k]);
            self.addop(Op::POP_TOP);
        }
        self.use_next_block(pc.fail_pop[0]);
        pc.fail_pop.clear();
    }

    fn pattern_rotate(&mut self, mut count: usize) {
        while count > 1 {
            self.addop_i(Op::SWAP, count as u32);
            count -= 1;
        }
    }

    fn pattern_store_name(&mut self, n: Option<&str>, pc: &mut PatCtx) -> R {
        let Some(n) = n else {
            self.addop(Op::POP_TOP);
            return Ok(());
        };
        if n == "__debug__" {
            return Err(self.error("cannot assign to __debug__"));
        }
        if pc.stores.iter().any(|s| s == n) {
            return Err(self.error(&format!("multiple assignments to name {} in pattern", name_repr(n))));
        }
        let rotations = pc.on_top + pc.stores.len() + 1;
        self.pattern_rotate(rotations);
        pc.stores.push(n.to_string());
        Ok(())
    }

    fn pattern_subpattern(&mut self, p: &'a Pattern, pc: &mut PatCtx) -> R {
        let allow = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        self.pattern(p, pc)?;
        pc.allow_irrefutable = allow;
        Ok(())
    }

    fn pattern(&mut self, p: &'a Pattern, pc: &mut PatCtx) -> R {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.depth -= 1;
            return Err(CompileError::recursion());
        }
        self.set_loc(&p.loc);
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.pattern1(p, pc));
        self.depth -= 1;
        r
    }

    fn pattern1(&mut self, p: &'a Pattern, pc: &mut PatCtx) -> R {
        match &p.node {
            PatternKind::MatchValue { value } => {
                if !matches!(value.node, ExprKind::Constant { .. } | ExprKind::Attribute { .. }) {
                    return Err(self.error("patterns may only match literals and attribute lookups"));
                }
                self.expr(value)?;
                self.addop_compare(CmpOp::Eq);
                self.jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
            }
            PatternKind::MatchSingleton { value } => {
                self.load_const(value.clone());
                self.addop_compare(CmpOp::Is);
                self.jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
            }
            PatternKind::MatchSequence { patterns } => self.pattern_sequence(patterns, pc)?,
            PatternKind::MatchMapping { keys, patterns, rest } => self.pattern_mapping(keys, patterns, rest.as_deref(), pc)?,
            PatternKind::MatchClass { cls, patterns, kwd_attrs, kwd_patterns } => {
                self.pattern_class(p, cls, patterns, kwd_attrs, kwd_patterns, pc)?
            }
            PatternKind::MatchStar { name } => self.pattern_store_name(name.as_deref(), pc)?,
            PatternKind::MatchAs { pattern, name } => match pattern {
                None => {
                    if !pc.allow_irrefutable {
                        return Err(match name {
                            Some(n) => self.error(&format!("name capture {} makes remaining patterns unreachable", name_repr(n))),
                            None => self.error("wildcard makes remaining patterns unreachable"),
                        });
                    }
                    self.pattern_store_name(name.as_deref(), pc)?;
                }
                Some(sub) => {
                    pc.on_top += 1;
                    self.addop_i(Op::COPY, 1);
                    self.pattern(sub, pc)?;
                    pc.on_top -= 1;
                    self.pattern_store_name(name.as_deref(), pc)?;
                }
            },
            PatternKind::MatchOr { patterns } => self.pattern_or(patterns, pc)?,
        }
        Ok(())
    }

    fn pattern_sequence(&mut self, patterns: &'a [Pattern], pc: &mut PatCtx) -> R {
        let size = patterns.len();
        let mut star: Option<usize> = None;
        let mut only_wildcard = true;
        let mut star_wildcard = false;
        for (i, p) in patterns.iter().enumerate() {
            if matches!(p.node, PatternKind::MatchStar { .. }) {
                if star.is_some() {
                    return Err(self.error("multiple starred names in sequence pattern"));
                }
                star_wildcard = is_star_wildcard(p);
                only_wildcard &= star_wildcard;
                star = Some(i);
                continue;
            }
            only_wildcard &= is_wildcard(p);
        }
        pc.on_top += 1;
        self.addop(Op::MATCH_SEQUENCE);
        self.jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
        if star.is_none() {
            self.addop(Op::GET_LEN);
            self.load_const(Constant::Int(size.into()));
            self.addop_compare(CmpOp::Eq);
            self.jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
        } else if size > 1 {
            self.addop(Op::GET_LEN);
            self.load_const(Constant::Int((size - 1).into()));
            self.addop_compare(CmpOp::GtE);
            self.jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
        }
        pc.on_top -= 1;
        if only_wildcard {
            self.addop(Op::POP_TOP);
        } else if star_wildcard {
            let star = star.unwrap();
            pc.on_top += 1;
            for (i, p) in patterns.iter().enumerate() {
                if is_wildcard(p) || i == star {
                    continue;
                }
                self.addop_i(Op::COPY, 1);
                if i < star {
                    self.load_const(Constant::Int(i.into()));
                } else {
                    self.addop(Op::GET_LEN);
                    self.load_const(Constant::Int((size - i).into()));
                    self.addop_i(Op::BINARY_OP, binop_arg(Operator::Sub, false));
                }
                self.addop(Op::BINARY_SUBSCR);
                self.pattern_subpattern(p, pc)?;
            }
            pc.on_top -= 1;
            self.addop(Op::POP_TOP);
        } else {
            let mut seen_star = false;
            for (i, p) in patterns.iter().enumerate() {
                if matches!(p.node, PatternKind::MatchStar { .. }) && !seen_star {
                    if i >= (1 << 8) || size - i - 1 >= (i32::MAX as usize >> 8) {
                        return Err(self.error("too many expressions in star-unpacking sequence pattern"));
                    }
                    self.addop_i(Op::UNPACK_EX, (i + ((size - i - 1) << 8)) as u32);
                    seen_star = true;
                } else if matches!(p.node, PatternKind::MatchStar { .. }) {
                    return Err(self.error("multiple starred expressions in sequence pattern"));
                }
            }
            if !seen_star {
                self.addop_i(Op::UNPACK_SEQUENCE, size as u32);
            }
            pc.on_top += size;
            for p in patterns {
                pc.on_top -= 1;
                self.pattern_subpattern(p, pc)?;
            }
        }
        Ok(())
    }

    fn pattern_mapping(&mut self, keys: &'a [Expr], patterns: &'a [Pattern], rest: Option<&str>, pc: &mut PatCtx) -> R {
        let size = keys.len();
        if size != patterns.len() {
            return Err(self.error(&format!(
                "keys ({}) / patterns ({}) length mismatch in mapping pattern",
                size,
                patterns.len()
            )));
        }
        pc.on_top += 1;
        self.addop(Op::MATCH_MAPPING);
        self.jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
        if size == 0 && rest.is_none() {
            pc.on_top -= 1;
            self.addop(Op::POP_TOP);
            return Ok(());
        }
        if size > 0 {
            self.addop(Op::GET_LEN);
            self.load_const(Constant::Int(size.into()));
            self.addop_compare(CmpOp::GtE);
            self.jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
        }
        let mut seen: Vec<crate::compiler::flowgraph::ConstKey> = Vec::new();
        for key in keys {
            match &key.node {
                ExprKind::Constant { value, .. } => {
                    let k = crate::compiler::flowgraph::const_key(value);
                    // Python set membership: 1 == 1.0 == True; compare numerically.
                    let dup = seen.contains(&k) || seen_numeric_dup(&seen, value);
                    if dup {
                        let r = crate::compiler::ast_unparse::unparse(key);
                        return Err(self.error(&format!("mapping pattern checks duplicate key ({})", r)));
                    }
                    seen.push(k);
                }
                ExprKind::Attribute { .. } => {}
                _ => return Err(self.error("mapping pattern keys may only match literals and attribute lookups")),
            }
            self.expr(key)?;
        }
        self.addop_i(Op::BUILD_TUPLE, size as u32);
        self.addop(Op::MATCH_KEYS);
        pc.on_top += 2;
        self.addop_i(Op::COPY, 1);
        self.load_const(Constant::None);
        self.addop_i(Op::IS_OP, 1);
        self.jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
        self.addop_i(Op::UNPACK_SEQUENCE, size as u32);
        pc.on_top += size;
        pc.on_top -= 1;
        for p in patterns {
            pc.on_top -= 1;
            self.pattern_subpattern(p, pc)?;
        }
        pc.on_top -= 2;
        if let Some(star) = rest {
            self.addop_i(Op::BUILD_MAP, 0);
            self.addop_i(Op::SWAP, 3);
            self.addop_i(Op::DICT_UPDATE, 2);
            self.addop_i(Op::UNPACK_SEQUENCE, size as u32);
            let mut sz = size;
            while sz > 0 {
                self.addop_i(Op::COPY, 1 + sz as u32);
                sz -= 1;
                self.addop_i(Op::SWAP, 2);
                self.addop(Op::DELETE_SUBSCR);
            }
            self.pattern_store_name(Some(star), pc)?;
        } else {
            self.addop(Op::POP_TOP);
            self.addop(Op::POP_TOP);
        }
        Ok(())
    }

    fn pattern_class(
        &mut self,
        p: &'a Pattern,
        cls: &'a Expr,
        patterns: &'a [Pattern],
        kwd_attrs: &'a [Ident],
        kwd_patterns: &'a [Pattern],
        pc: &mut PatCtx,
    ) -> R {
        let nargs = patterns.len();
        let nattrs = kwd_attrs.len();
        if nattrs != kwd_patterns.len() {
            return Err(self.error(&format!(
                "kwd_attrs ({}) / kwd_patterns ({}) length mismatch in class pattern",
                nattrs,
                kwd_patterns.len()
            )));
        }
        if nattrs > 0 {
            for i in 0..nattrs {
                self.set_loc(&kwd_patterns[i].loc);
                if kwd_attrs[i] == "__debug__" {
                    return Err(self.error("cannot assign to __debug__"));
                }
                for j in i + 1..nattrs {
                    if kwd_attrs[i] == kwd_attrs[j] {
                        self.set_loc(&kwd_patterns[j].loc);
                        return Err(self.error(&format!("attribute name repeated in class pattern: {}", kwd_attrs[i])));
                    }
                }
            }
            self.set_loc(&p.loc);
        }
        self.expr(cls)?;
        let names: Vec<Constant> = kwd_attrs.iter().map(|a| Constant::Str(a.clone())).collect();
        self.load_const(Constant::Tuple(names));
        self.addop_i(Op::MATCH_CLASS, nargs as u32);
        self.addop_i(Op::COPY, 1);
        self.load_const(Constant::None);
        self.addop_i(Op::IS_OP, 1);
        pc.on_top += 1;
        self.jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
        self.addop_i(Op::UNPACK_SEQUENCE, (nargs + nattrs) as u32);
        pc.on_top += nargs + nattrs;
        pc.on_top -= 1;
        for i in 0..nargs + nattrs {
            pc.on_top -= 1;
            let sub = if i < nargs { &patterns[i] } else { &kwd_patterns[i - nargs] };
            if is_wildcard(sub) {
                self.addop(Op::POP_TOP);
                continue;
            }
            self.pattern_subpattern(sub, pc)?;
        }
        Ok(())
    }

    fn pattern_or(&mut self, alts: &'a [Pattern], pc: &mut PatCtx) -> R {
        let end = self.new_block();
        let old_stores = std::mem::take(&mut pc.stores);
        let old_allow = pc.allow_irrefutable;
        let old_fail_pop = std::mem::take(&mut pc.fail_pop);
        let old_on_top = pc.on_top;
        let mut control: Option<Vec<String>> = None;
        let size = alts.len();
        for (i, alt) in alts.iter().enumerate() {
            self.set_loc(&alt.loc);
            pc.stores = Vec::new();
            pc.allow_irrefutable = i == size - 1 && old_allow;
            pc.fail_pop = Vec::new();
            pc.on_top = 0;
            self.addop_i(Op::COPY, 1);
            self.pattern(alt, pc)?;
            let nstores = pc.stores.len();
            match &control {
                None => control = Some(pc.stores.clone()),
                Some(ctl) if ctl.len() != nstores => {
                    return Err(self.error("alternative patterns bind different names"));
                }
                Some(ctl) if nstores > 0 => {
                    let ctl = ctl.clone();
                    let mut icontrol = nstores;
                    while icontrol > 0 {
                        icontrol -= 1;
                        let name = &ctl[icontrol];
                        let Some(istores) = pc.stores.iter().position(|s| s == name) else {
                            return Err(self.error("alternative patterns bind different names"));
                        };
                        if icontrol != istores {
                            let rotations = istores + 1;
                            let rotated: Vec<String> = pc.stores.drain(..rotations).collect();
                            let at = icontrol - istores;
                            for (k, r) in rotated.into_iter().enumerate() {
                                pc.stores.insert(at + k, r);
                            }
                            for _ in 0..rotations {
                                self.pattern_rotate(icontrol + 1);
                            }
                        }
                    }
                }
                _ => {}
            }
            self.addop_j(Op::JUMP, end);
            self.emit_and_reset_fail_pop(pc);
        }
        pc.stores = old_stores;
        pc.allow_irrefutable = old_allow;
        pc.fail_pop = old_fail_pop;
        pc.on_top = old_on_top;
        self.addop(Op::POP_TOP);
        self.jump_to_fail_pop(pc, Op::JUMP);
        self.use_next_block(end);
        let control = control.unwrap_or_default();
        let nstores = control.len();
        let nrots = nstores + 1 + pc.on_top + pc.stores.len();
        for name in control {
            self.pattern_rotate(nrots);
            if pc.stores.contains(&name) {
                return Err(self.error(&format!("multiple assignments to name {} in pattern", name_repr(&name))));
            }
            pc.stores.push(name);
        }
        self.addop(Op::POP_TOP);
        Ok(())
    }
}

/// Whether `value` equals (as Python's `==` on numbers) a key already seen.
fn seen_numeric_dup(seen: &[crate::compiler::flowgraph::ConstKey], value: &Constant) -> bool {
    use crate::compiler::flowgraph::ConstKey as K;
    let as_f = |k: &K| -> Option<f64> {
        match k {
            K::Bool(b) => Some(*b as i64 as f64),
            K::Int(i) => i.to_string().parse::<f64>().ok(),
            K::Float(bits) => Some(f64::from_bits(*bits)),
            _ => None,
        }
    };
    let Some(v) = as_f(&crate::compiler::flowgraph::const_key(value)) else { return false };
    seen.iter().any(|s| as_f(s) == Some(v))
}
