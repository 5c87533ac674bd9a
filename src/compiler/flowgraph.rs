//! The control-flow graph of one code unit and CPython 3.11's passes over it.
//!
//! Design note.
//! * Blocks live in `Cfg::blocks`, indexed by `BlockId` in allocation order
//!   (CPython walks `b_list`, newest first: `ids_newest_first`). The layout order
//!   is the `next` chain from block 0, the entry block, as `b_next` in CPython.
//! * Instructions carry a `SrcLoc`; `lineno < 0` is "no location" (CPython's -1).
//!   Jumps and block pushes (SETUP_*) name their target block in `target`.
//! * Passes, in `assemble.rs`'s order as 3.11's `assemble()`: `optimize_cfg`
//!   (peepholes of `optimize_basic_block`, jump threading, constant-tuple folding,
//!   `extend_block`, reachability, unreachable removal, redundant-jump removal),
//!   `duplicate_exits_without_lineno`, `propagate_line_numbers`,
//!   `guarantee_lineno_for_exits`, `stackdepth`, `label_exception_targets`,
//!   NOP cleaning, `normalize_jumps` (3.11 has no cold-block reordering).
//! * Constants are plain `CodeConst` values; the folding pass appends new ones
//!   through `ConstTable`, deduplicated by CPython's constant-key semantics (type
//!   and value; 0, 0.0, -0.0 and False distinct).
//! * SWAP runs are shortened (`swaptimize`) and applied statically to the
//!   STORE_FAST/POP_TOP that follow (`apply_static_swaps`), as 3.11.

use super::code::CodeConst;
use super::opcode::Op;
use crate::parser::ast::Constant;

pub type BlockId = usize;
pub(crate) const NO_BLOCK: BlockId = usize::MAX;
/// Jump sequences copied into their predecessor when they exit the scope.
const MAX_COPY_SIZE: usize = 4;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SrcLoc {
    pub lineno: i32,
    pub end_lineno: i32,
    pub col: i32,
    pub end_col: i32,
}

pub(crate) const NO_LOC: SrcLoc = SrcLoc { lineno: -1, end_lineno: -1, col: -1, end_col: -1 };

#[derive(Clone, Debug)]
pub struct Instr {
    pub op: Op,
    pub arg: u32,
    pub target: BlockId,
    pub loc: SrcLoc,
    /// Innermost exception handler (set by `label_exception_targets`).
    pub except: BlockId,
}

#[derive(Clone, Debug)]
pub struct Block {
    pub instrs: Vec<Instr>,
    pub next: BlockId,
    pub predecessors: u32,
    pub preserve_lasti: bool,
    pub visited: bool,
    pub startdepth: i32,
    pub offset: u32,
    except_stack: Option<Vec<BlockId>>,
}

impl Block {
    fn new() -> Block {
        Block {
            instrs: Vec::new(),
            next: NO_BLOCK,
            predecessors: 0,
            preserve_lasti: false,
            visited: false,
            startdepth: i32::MIN,
            offset: 0,
            except_stack: None,
        }
    }
    pub fn last(&self) -> Option<&Instr> {
        self.instrs.last()
    }
    /// Control may fall through to `next` (CPython's BB_HAS_FALLTHROUGH).
    pub fn has_fallthrough(&self) -> bool {
        match self.instrs.last() {
            None => true,
            Some(i) => !i.op.is_unconditional_exit(),
        }
    }
    pub fn exits_scope(&self) -> bool {
        self.instrs.last().map_or(false, |i| i.op.is_scope_exit())
    }
    fn is_exit_without_lineno(&self) -> bool {
        self.exits_scope() && self.instrs.iter().all(|i| i.loc.lineno < 0)
    }
}

pub fn is_block_push(op: Op) -> bool {
    matches!(op, Op::SETUP_FINALLY | Op::SETUP_CLEANUP | Op::SETUP_WITH)
}

pub fn is_jump(op: Op) -> bool {
    op.is_jump()
}

/// Constant key with CPython's `_PyCode_ConstantKey` equality.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ConstKey {
    None,
    Bool(bool),
    Ellipsis,
    Int(num_bigint::BigInt),
    Float(u64),
    Complex(u64, u64),
    Str(String),
    StrCodes(Vec<u32>),
    Bytes(Vec<u8>),
    Tuple(Vec<ConstKey>),
    FrozenSet(Vec<ConstKey>),
    Code(usize),
}

pub fn const_key(c: &Constant) -> ConstKey {
    match c {
        Constant::None => ConstKey::None,
        Constant::Bool(b) => ConstKey::Bool(*b),
        Constant::Ellipsis => ConstKey::Ellipsis,
        Constant::Int(i) => ConstKey::Int(i.clone()),
        Constant::Float(f) => ConstKey::Float(f.to_bits()),
        Constant::Complex { real, imag } => ConstKey::Complex(real.to_bits(), imag.to_bits()),
        Constant::Str(s) => ConstKey::Str(s.clone()),
        Constant::StrCodes(s) => ConstKey::StrCodes(s.clone()),
        Constant::Bytes(b) => ConstKey::Bytes(b.clone()),
        Constant::Tuple(t) => ConstKey::Tuple(t.iter().map(const_key).collect()),
        Constant::FrozenSet(t) => {
            let mut v: Vec<ConstKey> = t.iter().map(const_key).collect();
            v.sort_by_key(|k| format!("{:?}", k));
            ConstKey::FrozenSet(v)
        }
    }
}

/// `co_consts` under construction: insertion order, deduplicated by key.
#[derive(Default)]
pub struct ConstTable {
    pub items: Vec<CodeConst>,
    keys: std::collections::HashMap<ConstKey, usize>,
    code_ids: usize,
}

impl ConstTable {
    pub fn add(&mut self, c: Constant) -> u32 {
        let k = const_key(&c);
        if let Some(&i) = self.keys.get(&k) {
            return i as u32;
        }
        let i = self.items.len();
        self.items.push(CodeConst::Value(c));
        self.keys.insert(k, i);
        i as u32
    }
    pub fn add_code(&mut self, c: super::code::CodeUnit) -> u32 {
        // Equal code objects are one constant (code objects compare by value).
        for (i, it) in self.items.iter().enumerate() {
            if let CodeConst::Code(x) = it {
                if **x == c {
                    return i as u32;
                }
            }
        }
        self.code_ids += 1;
        let i = self.items.len();
        self.items.push(CodeConst::Code(Box::new(c)));
        self.keys.insert(ConstKey::Code(self.code_ids), i);
        i as u32
    }
    pub fn value(&self, i: u32) -> Option<&Constant> {
        match self.items.get(i as usize) {
            Some(CodeConst::Value(v)) => Some(v),
            _ => None,
        }
    }
    pub fn truncate(&mut self, n: usize) {
        if n < self.items.len() {
            self.items.truncate(n);
            self.keys.retain(|_, v| *v < n);
        }
    }
}

fn const_is_true(c: &Constant) -> bool {
    super::const_fold::truthy(c)
}

pub struct Cfg {
    pub blocks: Vec<Block>,
    pub entry: BlockId,
}

impl Default for Cfg {
    fn default() -> Self {
        Cfg::new()
    }
}

impl Cfg {
    pub fn new() -> Cfg {
        Cfg { blocks: vec![Block::new()], entry: 0 }
    }
    pub fn new_block(&mut self) -> BlockId {
        self.blocks.push(Block::new());
        self.blocks.len() - 1
    }
    /// Layout order, from the entry block.
    pub fn order(&self) -> Vec<BlockId> {
        let mut v = Vec::new();
        let mut b = self.entry;
        while b != NO_BLOCK {
            v.push(b);
            b = self.blocks[b].next;
        }
        v
    }
    fn ids_newest_first(&self) -> Vec<BlockId> {
        (0..self.blocks.len()).rev().collect()
    }
    fn skip_empty(&self, mut t: BlockId) -> BlockId {
        while t != NO_BLOCK && self.blocks[t].instrs.is_empty() {
            t = self.blocks[t].next;
        }
        t
    }

    /// Jump targets that are empty blocks point past them (normalize_basic_block).
    pub fn normalize(&mut self) {
        for b in 0..self.blocks.len() {
            for i in 0..self.blocks[b].instrs.len() {
                let ins = &self.blocks[b].instrs[i];
                if is_jump(ins.op) || is_block_push(ins.op) {
                    let t = self.skip_empty(ins.target);
                    self.blocks[b].instrs[i].target = t;
                }
            }
        }
    }

    // ---------------------------------------------------------------- optimize

    pub fn optimize(&mut self, consts: &mut ConstTable) {
        for b in self.order() {
            self.optimize_basic_block(b, consts);
            self.clean_basic_block(b);
        }
        for b in self.ids_newest_first() {
            self.extend_block(b);
        }
        self.mark_reachable();
        for b in self.order() {
            if self.blocks[b].predecessors == 0 {
                self.blocks[b].instrs.clear();
            }
        }
        for b in self.order() {
            self.clean_basic_block(b);
        }
        self.eliminate_empty_basic_blocks();
        let mut maybe_empty = false;
        for b in self.order() {
            let next = self.blocks[b].next;
            if let Some(last) = self.blocks[b].instrs.last_mut() {
                if matches!(last.op, Op::JUMP | Op::JUMP_NO_INTERRUPT) && last.target == next {
                    last.op = Op::NOP;
                    maybe_empty = true;
                }
            }
        }
        if maybe_empty {
            for b in self.order() {
                self.clean_basic_block(b);
            }
            self.eliminate_empty_basic_blocks();
        }
    }

    fn target_first(&self, t: BlockId) -> Option<(Op, i32, BlockId)> {
        let i = self.blocks[t].instrs.first()?;
        Some((i.op, i.loc.lineno, i.target))
    }

    fn jump_thread(&mut self, b: BlockId, i: usize, op: Op) -> bool {
        let inst = &self.blocks[b].instrs[i];
        let t = inst.target;
        let Some(tgt) = self.blocks[t].instrs.first() else { return false };
        if inst.loc.lineno == tgt.loc.lineno && inst.target != tgt.target {
            let nt = tgt.target;
            let inst = &mut self.blocks[b].instrs[i];
            inst.target = nt;
            inst.op = op;
            return true;
        }
        false
    }

    fn optimize_basic_block(&mut self, b: BlockId, consts: &mut ConstTable) {
        let mut i: isize = 0;
        while (i as usize) < self.blocks[b].instrs.len() {
            let iu = i as usize;
            let n = self.blocks[b].instrs.len();
            let op = self.blocks[b].instrs[iu].op;
            let oparg = self.blocks[b].instrs[iu].arg;
            let nextop = if iu + 1 < n { Some(self.blocks[b].instrs[iu + 1].op) } else { None };
            let mut target_op: Option<Op> = None;
            if is_jump(op) || is_block_push(op) {
                let t = self.skip_empty(self.blocks[b].instrs[iu].target);
                self.blocks[b].instrs[iu].target = t;
                if t != NO_BLOCK {
                    target_op = self.target_first(t).map(|x| x.0);
                }
            }
            match op {
                Op::LOAD_CONST => {
                    let cnt = consts.value(oparg).cloned();
                    match nextop {
                        Some(Op::POP_JUMP_IF_FALSE) | Some(Op::POP_JUMP_IF_TRUE) => {
                            if let Some(c) = cnt {
                                let is_true = const_is_true(&c);
                                self.blocks[b].instrs[iu].op = Op::NOP;
                                let jump_if_true = nextop == Some(Op::POP_JUMP_IF_TRUE);
                                self.blocks[b].instrs[iu + 1].op =
                                    if is_true == jump_if_true { Op::JUMP } else { Op::NOP };
                            }
                        }
                        Some(Op::JUMP_IF_FALSE_OR_POP) | Some(Op::JUMP_IF_TRUE_OR_POP) => {
                            if let Some(c) = cnt {
                                let is_true = const_is_true(&c);
                                let jump_if_true = nextop == Some(Op::JUMP_IF_TRUE_OR_POP);
                                if is_true == jump_if_true {
                                    self.blocks[b].instrs[iu + 1].op = Op::JUMP;
                                } else {
                                    self.blocks[b].instrs[iu].op = Op::NOP;
                                    self.blocks[b].instrs[iu + 1].op = Op::NOP;
                                }
                            }
                        }
                        Some(Op::IS_OP) => {
                            let jump_op = if iu + 2 < n { Some(self.blocks[b].instrs[iu + 2].op) } else { None };
                            if matches!(cnt, Some(Constant::None))
                                && matches!(jump_op, Some(Op::POP_JUMP_IF_FALSE) | Some(Op::POP_JUMP_IF_TRUE))
                            {
                                let nextarg = self.blocks[b].instrs[iu + 1].arg != 0;
                                self.blocks[b].instrs[iu].op = Op::NOP;
                                self.blocks[b].instrs[iu + 1].op = Op::NOP;
                                let jf = jump_op == Some(Op::POP_JUMP_IF_FALSE);
                                self.blocks[b].instrs[iu + 2].op =
                                    if nextarg ^ jf { Op::POP_JUMP_IF_NOT_NONE } else { Op::POP_JUMP_IF_NONE };
                            }
                        }
                        _ => {}
                    }
                }
                Op::BUILD_TUPLE => {
                    if nextop == Some(Op::UNPACK_SEQUENCE) && oparg == self.blocks[b].instrs[iu + 1].arg {
                        match oparg {
                            1 => {
                                self.blocks[b].instrs[iu].op = Op::NOP;
                                self.blocks[b].instrs[iu + 1].op = Op::NOP;
                                i += 1;
                                continue;
                            }
                            2 | 3 => {
                                self.blocks[b].instrs[iu].op = Op::NOP;
                                self.blocks[b].instrs[iu + 1].op = Op::SWAP;
                                i += 1;
                                continue;
                            }
                            _ => {}
                        }
                    }
                    if iu >= oparg as usize {
                        self.fold_tuple_on_constants(b, iu, oparg as usize, consts);
                    }
                }
                Op::JUMP_IF_FALSE_OR_POP | Op::JUMP_IF_TRUE_OR_POP => {
                    let false_side = op == Op::JUMP_IF_FALSE_OR_POP;
                    let (same_pop, same_keep, opp_pop, opp_keep) = if false_side {
                        (Op::POP_JUMP_IF_FALSE, Op::JUMP_IF_FALSE_OR_POP, Op::POP_JUMP_IF_TRUE, Op::JUMP_IF_TRUE_OR_POP)
                    } else {
                        (Op::POP_JUMP_IF_TRUE, Op::JUMP_IF_TRUE_OR_POP, Op::POP_JUMP_IF_FALSE, Op::JUMP_IF_FALSE_OR_POP)
                    };
                    match target_op {
                        Some(t) if t == same_pop => {
                            if self.jump_thread(b, iu, same_pop) {
                                i -= 1;
                            }
                        }
                        Some(t) if t == Op::JUMP || t == same_keep => {
                            if self.jump_thread(b, iu, same_keep) {
                                i -= 1;
                            }
                        }
                        Some(t) if t == opp_keep || t == opp_pop => {
                            let tb = self.blocks[b].instrs[iu].target;
                            let nb = self.blocks[tb].next;
                            if nb != NO_BLOCK {
                                let inst = &mut self.blocks[b].instrs[iu];
                                inst.op = if false_side { Op::POP_JUMP_IF_FALSE } else { Op::POP_JUMP_IF_TRUE };
                                inst.target = nb;
                                i -= 1;
                            }
                        }
                        _ => {}
                    }
                }
                Op::POP_JUMP_IF_NOT_NONE | Op::POP_JUMP_IF_NONE | Op::POP_JUMP_IF_FALSE | Op::POP_JUMP_IF_TRUE | Op::JUMP => {
                    if target_op == Some(Op::JUMP) && self.jump_thread(b, iu, op) {
                        i -= 1;
                    }
                }
                Op::SWAP => {
                    if oparg == 1 {
                        self.blocks[b].instrs[iu].op = Op::NOP;
                    } else {
                        let mut ix = iu;
                        swaptimize(&mut self.blocks[b].instrs, &mut ix);
                        apply_static_swaps(&mut self.blocks[b].instrs, ix as isize);
                        i = ix as isize;
                    }
                }
                Op::PUSH_NULL => {
                    if nextop == Some(Op::LOAD_GLOBAL) {
                        self.blocks[b].instrs[iu].op = Op::NOP;
                        self.blocks[b].instrs[iu].arg = 0;
                        self.blocks[b].instrs[iu + 1].arg |= 1;
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }

    fn fold_tuple_on_constants(&mut self, b: BlockId, iu: usize, n: usize, consts: &mut ConstTable) {
        let start = iu - n;
        let mut vals = Vec::with_capacity(n);
        for k in start..iu {
            let ins = &self.blocks[b].instrs[k];
            if ins.op != Op::LOAD_CONST {
                return;
            }
            match consts.value(ins.arg) {
                Some(v) => vals.push(v.clone()),
                None => return,
            }
        }
        let idx = consts.add(Constant::Tuple(vals));
        for k in start..iu {
            self.blocks[b].instrs[k].op = Op::NOP;
        }
        let ins = &mut self.blocks[b].instrs[iu];
        ins.op = Op::LOAD_CONST;
        ins.arg = idx;
    }

    /// Remove NOPs where no line event is lost (3.11's clean_basic_block).
    pub fn clean_basic_block(&mut self, b: BlockId) {
        let n = self.blocks[b].instrs.len();
        let mut out: Vec<Instr> = Vec::with_capacity(n);
        let mut prev_lineno = -1;
        let next_first_line = {
            let nb = self.skip_empty(self.blocks[b].next);
            if nb == NO_BLOCK {
                None
            } else {
                Some(self.blocks[nb].instrs[0].loc.lineno)
            }
        };
        let mut instrs = std::mem::take(&mut self.blocks[b].instrs);
        for src in 0..n {
            let lineno = instrs[src].loc.lineno;
            if instrs[src].op == Op::NOP {
                if lineno < 0 || prev_lineno == lineno {
                    continue;
                }
                if src < n - 1 {
                    let next_lineno = instrs[src + 1].loc.lineno;
                    if next_lineno == lineno {
                        continue;
                    }
                    if next_lineno < 0 {
                        instrs[src + 1].loc = instrs[src].loc;
                        continue;
                    }
                } else if next_first_line == Some(lineno) {
                    continue;
                }
            }
            out.push(instrs[src].clone());
            prev_lineno = lineno;
        }
        instrs.clear();
        self.blocks[b].instrs = out;
    }

    fn extend_block(&mut self, b: BlockId) {
        let Some(last) = self.blocks[b].instrs.last() else { return };
        if !matches!(last.op, Op::JUMP | Op::JUMP_FORWARD | Op::JUMP_BACKWARD) {
            return;
        }
        let t = last.target;
        if t == NO_BLOCK || !self.blocks[t].exits_scope() || self.blocks[t].instrs.len() > MAX_COPY_SIZE {
            return;
        }
        // Only blocks without line numbers (implicit `return None`s) are copied.
        if self.blocks[t].instrs.iter().any(|i| i.loc.lineno >= 0) {
            return;
        }
        let copy = self.blocks[t].instrs.clone();
        self.blocks[b].instrs.last_mut().unwrap().op = Op::NOP;
        self.blocks[b].instrs.extend(copy);
    }

    pub fn mark_reachable(&mut self) {
        for bl in self.blocks.iter_mut() {
            bl.predecessors = 0;
            bl.visited = false;
        }
        let mut stack = vec![self.entry];
        self.blocks[self.entry].predecessors = 1;
        while let Some(b) = stack.pop() {
            self.blocks[b].visited = true;
            let next = self.blocks[b].next;
            if next != NO_BLOCK && self.blocks[b].has_fallthrough() {
                if !self.blocks[next].visited {
                    stack.push(next);
                }
                self.blocks[next].predecessors += 1;
            }
            for i in 0..self.blocks[b].instrs.len() {
                let ins = &self.blocks[b].instrs[i];
                if is_jump(ins.op) || is_block_push(ins.op) {
                    let t = ins.target;
                    if !self.blocks[t].visited {
                        stack.push(t);
                    }
                    self.blocks[t].predecessors += 1;
                }
            }
        }
    }

    fn eliminate_empty_basic_blocks(&mut self) {
        let order = self.order();
        for &b in &order {
            let mut next = self.blocks[b].next;
            if next != NO_BLOCK {
                while self.blocks[next].instrs.is_empty() && self.blocks[next].next != NO_BLOCK {
                    next = self.blocks[next].next;
                }
                self.blocks[b].next = next;
            }
        }
        for b in self.order() {
            if let Some(last) = self.blocks[b].instrs.last() {
                if is_jump(last.op) {
                    let t = self.skip_empty(last.target);
                    self.blocks[b].instrs.last_mut().unwrap().target = t;
                }
            }
        }
    }

    // ------------------------------------------------------------ line numbers

    pub fn duplicate_exits_without_lineno(&mut self) {
        for b in self.ids_newest_first() {
            let Some(last) = self.blocks[b].instrs.last() else { continue };
            if !is_jump(last.op) {
                continue;
            }
            let t = last.target;
            let loc = last.loc;
            if self.blocks[t].is_exit_without_lineno() && self.blocks[t].predecessors > 1 {
                let nt = self.new_block();
                self.blocks[nt].instrs = self.blocks[t].instrs.clone();
                self.blocks[nt].instrs[0].loc = loc;
                self.blocks[b].instrs.last_mut().unwrap().target = nt;
                self.blocks[t].predecessors -= 1;
                self.blocks[nt].predecessors = 1;
                self.blocks[nt].next = self.blocks[t].next;
                self.blocks[t].next = nt;
            }
        }
        for b in self.ids_newest_first() {
            loop {
                let n = self.blocks[b].next;
                if n != NO_BLOCK && self.blocks[n].instrs.is_empty() {
                    self.blocks[b].next = self.blocks[n].next;
                } else {
                    break;
                }
            }
        }
        for b in self.ids_newest_first() {
            let n = self.blocks[b].next;
            if self.blocks[b].has_fallthrough() && n != NO_BLOCK && !self.blocks[b].instrs.is_empty()
                && self.blocks[n].is_exit_without_lineno()
            {
                let loc = self.blocks[b].instrs.last().unwrap().loc;
                self.blocks[n].instrs[0].loc = loc;
            }
        }
    }

    pub fn propagate_line_numbers(&mut self) {
        for b in self.order() {
            if self.blocks[b].instrs.is_empty() {
                continue;
            }
            let mut prev = NO_LOC;
            for ins in self.blocks[b].instrs.iter_mut() {
                if ins.loc.lineno < 0 {
                    ins.loc = prev;
                } else {
                    prev = ins.loc;
                }
            }
            let next = self.blocks[b].next;
            if self.blocks[b].has_fallthrough() && next != NO_BLOCK && self.blocks[next].predecessors == 1
                && !self.blocks[next].instrs.is_empty()
                && self.blocks[next].instrs[0].loc.lineno < 0
            {
                self.blocks[next].instrs[0].loc = prev;
            }
            let last = self.blocks[b].instrs.last().unwrap();
            if is_jump(last.op) {
                let t = last.target;
                if self.blocks[t].predecessors == 1 && self.blocks[t].instrs[0].loc.lineno < 0 {
                    self.blocks[t].instrs[0].loc = prev;
                }
            }
        }
    }

    pub fn guarantee_lineno_for_exits(&mut self, firstlineno: i32) {
        let mut lineno = firstlineno;
        for b in self.order() {
            let Some(last) = self.blocks[b].instrs.last() else { continue };
            if last.loc.lineno < 0 {
                if last.op == Op::RETURN_VALUE {
                    for ins in self.blocks[b].instrs.iter_mut() {
                        ins.loc.lineno = lineno;
                    }
                }
            } else {
                lineno = last.loc.lineno;
            }
        }
    }

    // --------------------------------------------------------------- stack depth

    pub fn stackdepth(&mut self, generator: bool) -> Result<u32, String> {
        for bl in self.blocks.iter_mut() {
            bl.startdepth = i32::MIN;
        }
        let mut stack: Vec<BlockId> = Vec::new();
        let mut maxdepth = 0i32;
        let push = |blocks: &mut Vec<Block>, stack: &mut Vec<BlockId>, b: BlockId, depth: i32| {
            if blocks[b].startdepth < depth {
                blocks[b].startdepth = depth;
                stack.push(b);
            }
        };
        push(&mut self.blocks, &mut stack, self.entry, if generator { 1 } else { 0 });
        while let Some(b) = stack.pop() {
            let mut depth = self.blocks[b].startdepth;
            let mut next = self.blocks[b].next;
            for i in 0..self.blocks[b].instrs.len() {
                let ins = self.blocks[b].instrs[i].clone();
                let effect = ins.op.stack_effect(ins.arg, Some(false));
                let new_depth = depth + effect;
                maxdepth = maxdepth.max(new_depth);
                if new_depth < 0 {
                    return Err("stack underflow".into());
                }
                if is_jump(ins.op) || is_block_push(ins.op) {
                    let te = ins.op.stack_effect(ins.arg, Some(true));
                    let target_depth = depth + te;
                    maxdepth = maxdepth.max(target_depth);
                    push(&mut self.blocks, &mut stack, ins.target, target_depth);
                }
                depth = new_depth;
                if matches!(ins.op, Op::JUMP_NO_INTERRUPT | Op::JUMP | Op::RETURN_VALUE | Op::RAISE_VARARGS | Op::RERAISE) {
                    next = NO_BLOCK;
                    break;
                }
            }
            if next != NO_BLOCK {
                push(&mut self.blocks, &mut stack, next, depth);
            }
        }
        Ok(maxdepth as u32)
    }

    // ---------------------------------------------------------------- exceptions

    pub fn label_exception_targets(&mut self) {
        for bl in self.blocks.iter_mut() {
            bl.visited = false;
            bl.except_stack = None;
        }
        let entry = self.entry;
        let mut todo = vec![entry];
        self.blocks[entry].visited = true;
        self.blocks[entry].except_stack = Some(vec![NO_BLOCK]);
        while let Some(b) = todo.pop() {
            let mut es = self.blocks[b].except_stack.take();
            let mut handler = *es.as_ref().unwrap().last().unwrap();
            let n = self.blocks[b].instrs.len();
            for i in 0..n {
                let op = self.blocks[b].instrs[i].op;
                let target = self.blocks[b].instrs[i].target;
                if is_block_push(op) {
                    if !self.blocks[target].visited {
                        self.blocks[target].except_stack = es.clone();
                        self.blocks[target].visited = true;
                        todo.push(target);
                    }
                    if matches!(op, Op::SETUP_WITH | Op::SETUP_CLEANUP) {
                        self.blocks[target].preserve_lasti = true;
                    }
                    es.as_mut().unwrap().push(target);
                    handler = target;
                } else if op == Op::POP_BLOCK {
                    let s = es.as_mut().unwrap();
                    if s.len() > 1 {
                        s.pop();
                    }
                    handler = *s.last().unwrap();
                } else if is_jump(op) {
                    self.blocks[b].instrs[i].except = handler;
                    if !self.blocks[target].visited {
                        if self.blocks[b].has_fallthrough() {
                            self.blocks[target].except_stack = es.clone();
                        } else {
                            self.blocks[target].except_stack = es.take();
                        }
                        self.blocks[target].visited = true;
                        todo.push(target);
                    }
                } else {
                    self.blocks[b].instrs[i].except = handler;
                }
            }
            let next = self.blocks[b].next;
            if self.blocks[b].has_fallthrough() && next != NO_BLOCK && !self.blocks[next].visited {
                self.blocks[next].except_stack = es;
                self.blocks[next].visited = true;
                todo.push(next);
            }
        }
    }

    pub fn convert_exception_handlers_to_nops(&mut self) {
        for bl in self.blocks.iter_mut() {
            for ins in bl.instrs.iter_mut() {
                if is_block_push(ins.op) || ins.op == Op::POP_BLOCK {
                    ins.op = Op::NOP;
                    ins.except = NO_BLOCK;
                }
            }
        }
    }

    // -------------------------------------------------------------------- jumps

    pub fn normalize_jumps(&mut self) {
        for bl in self.blocks.iter_mut() {
            bl.visited = false;
        }
        for b in self.order() {
            self.blocks[b].visited = true;
            let Some(last) = self.blocks[b].instrs.last() else { continue };
            if !is_jump(last.op) {
                continue;
            }
            let fwd = !self.blocks[last.target].visited;
            let op = match last.op {
                Op::JUMP => if fwd { Op::JUMP_FORWARD } else { Op::JUMP_BACKWARD },
                Op::JUMP_NO_INTERRUPT => if fwd { Op::JUMP_FORWARD } else { Op::JUMP_BACKWARD_NO_INTERRUPT },
                Op::POP_JUMP_IF_NOT_NONE => {
                    if fwd { Op::POP_JUMP_FORWARD_IF_NOT_NONE } else { Op::POP_JUMP_BACKWARD_IF_NOT_NONE }
                }
                Op::POP_JUMP_IF_NONE => if fwd { Op::POP_JUMP_FORWARD_IF_NONE } else { Op::POP_JUMP_BACKWARD_IF_NONE },
                Op::POP_JUMP_IF_FALSE => if fwd { Op::POP_JUMP_FORWARD_IF_FALSE } else { Op::POP_JUMP_BACKWARD_IF_FALSE },
                Op::POP_JUMP_IF_TRUE => if fwd { Op::POP_JUMP_FORWARD_IF_TRUE } else { Op::POP_JUMP_BACKWARD_IF_TRUE },
                o => o,
            };
            self.blocks[b].instrs.last_mut().unwrap().op = op;
        }
    }
}

fn swappable(op: Op) -> bool {
    matches!(op, Op::STORE_FAST | Op::POP_TOP)
}

/// Replace a run of SWAPs (and NOPs) by the shortest equivalent run (3.11's swaptimize).
fn swaptimize(instrs: &mut [Instr], ix: &mut usize) {
    let start = *ix;
    let mut depth = instrs[start].arg as usize;
    let mut len = 0;
    let mut more = false;
    let limit = instrs.len() - start;
    loop {
        len += 1;
        if len >= limit {
            break;
        }
        let op = instrs[start + len].op;
        if op == Op::SWAP {
            depth = depth.max(instrs[start + len].arg as usize);
            more = true;
        } else if op != Op::NOP {
            break;
        }
    }
    if !more {
        return;
    }
    const VISITED: isize = -1;
    let mut stack: Vec<isize> = (0..depth as isize).collect();
    for k in 0..len {
        let ins = &instrs[start + k];
        if ins.op == Op::SWAP {
            let a = ins.arg as usize - 1;
            stack.swap(0, a);
        }
    }
    let mut current = len as isize - 1;
    for i in 0..depth {
        if stack[i] == VISITED || stack[i] == i as isize {
            continue;
        }
        let mut j = i;
        loop {
            if j != 0 {
                let ins = &mut instrs[start + current as usize];
                ins.op = Op::SWAP;
                ins.arg = j as u32 + 1;
                current -= 1;
            }
            if stack[j] == VISITED {
                break;
            }
            let next_j = stack[j] as usize;
            stack[j] = VISITED;
            j = next_j;
        }
    }
    while current >= 0 {
        instrs[start + current as usize].op = Op::NOP;
        current -= 1;
    }
    *ix += len - 1;
}

fn next_swappable_instruction(instrs: &[Instr], mut i: usize, lineno: i32) -> Option<usize> {
    loop {
        i += 1;
        if i >= instrs.len() {
            return None;
        }
        let ins = &instrs[i];
        if lineno >= 0 && ins.loc.lineno != lineno {
            return None;
        }
        if ins.op == Op::NOP {
            continue;
        }
        if swappable(ins.op) {
            return Some(i);
        }
        return None;
    }
}

/// Apply SWAPs by swapping the instructions that consume the items (3.11's apply_static_swaps).
fn apply_static_swaps(instrs: &mut [Instr], mut i: isize) {
    while i >= 0 {
        let iu = i as usize;
        if instrs[iu].op != Op::SWAP {
            if instrs[iu].op == Op::NOP || swappable(instrs[iu].op) {
                i -= 1;
                continue;
            }
            return;
        }
        let Some(j) = next_swappable_instruction(instrs, iu, -1) else { return };
        let mut k = j;
        let lineno = instrs[j].loc.lineno;
        let mut count = instrs[iu].arg as i64 - 1;
        while count > 0 {
            match next_swappable_instruction(instrs, k, lineno) {
                Some(x) => k = x,
                None => return,
            }
            count -= 1;
        }
        instrs[iu].op = Op::NOP;
        instrs.swap(j, k);
        i -= 1;
    }
}

/// Code units one instruction takes: EXTENDED_ARG prefixes, itself, caches.
pub fn instr_size(op: Op, arg: u32) -> u32 {
    let arg = if op.has_arg() { arg } else { 0 };
    let ext = if arg > 0xff_ffff {
        3
    } else if arg > 0xffff {
        2
    } else if arg > 0xff {
        1
    } else {
        0
    };
    ext + 1 + op.cache_entries()
}
