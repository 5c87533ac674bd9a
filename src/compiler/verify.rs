//! The bytecode verifier (DESIGN.md section 6): code that did not come from
//! our compiler must pass it before it can run, so bad bytecode raises instead
//! of crashing the evaluator.
//!
//! Design note.
//! * Input is the raw parts of a code object (`Parts`), so code objects with
//!   constants no compiler makes can be checked too; `verify(&CodeUnit)`
//!   builds the parts and recurses into nested code constants.
//! * Checks, in order: the locals table (kinds are LOCAL, CELL, LOCAL|CELL or
//!   FREE, free variables last, arguments are locals); the instruction stream
//!   (every opcode a real 3.11 base opcode, CACHE units exactly where the
//!   table says, zeroed, EXTENDED_ARG chains of at most three prefixes ending
//!   on an instruction that takes an argument, opargs in range for their kind
//!   and opcode); jump targets inside the code, on instruction starts (an
//!   EXTENDED_ARG prefix starts its instruction); the exception table (well
//!   formed, sorted, non-overlapping, ranges and targets on instruction
//!   starts); then the stack depth by abstract interpretation over every path,
//!   exception handlers included (entered with depth + lasti + 1 items): each
//!   instruction needs its inputs on the stack, the depth at an instruction is
//!   the same on every path reaching it, it never exceeds `co_stacksize`, and
//!   control never runs off the end of the code.
//! * Inputs per instruction (`inputs`) are what CPython 3.11's ceval reads,
//!   including what error paths peek at (DICT_MERGE reads the callable two
//!   below its dict); the net effect is `Op::stack_effect` from the opcode table.
//! * Never panics, never recurses on the code (a worklist), linear time.
//!
//! Known gaps: types of constants are not checked beyond KW_NAMES (a tuple of
//! str); LOAD_FAST of a cell slot and similar kind mismatches are allowed when
//! they cannot crash (they load the cell object itself).
#![forbid(unsafe_code)]

use super::code::{CodeConst, CodeUnit};
use super::opcode::{self, ArgKind, Op, CO_FAST_CELL, CO_FAST_FREE, CO_FAST_LOCAL};
use super::tables;
use std::fmt;

/// Why code was rejected: the byte offset (where there is one) and the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyError {
    pub offset: Option<usize>,
    pub msg: String,
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.offset {
            Some(o) => write!(f, "offset {}: {}", o, self.msg),
            None => f.write_str(&self.msg),
        }
    }
}

fn err<T>(offset: Option<usize>, msg: impl Into<String>) -> Result<T, VerifyError> {
    Err(VerifyError { offset, msg: msg.into() })
}

/// The parts of a code object the verifier reads.
pub struct Parts<'a> {
    pub code: &'a [u8],
    pub nconsts: usize,
    /// Is constant `i` a tuple of str (what KW_NAMES needs)?
    pub kw_names_ok: &'a dyn Fn(usize) -> bool,
    pub nnames: usize,
    pub kinds: &'a [u8],
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: u32,
    pub stacksize: u32,
    pub exceptiontable: &'a [u8],
}

/// Largest operand values per opcode (beyond the table's argument kinds).
const MAX_BINARY_OP: u32 = opcode::NB_OPS.len() as u32 - 1;

/// Verify a compiler unit and every code object nested in its constants.
pub fn verify(unit: &CodeUnit) -> Result<(), VerifyError> {
    let mut stack = vec![unit];
    while let Some(u) = stack.pop() {
        let kw = |i: usize| match u.consts.get(i) {
            Some(CodeConst::Value(crate::parser::ast::Constant::Tuple(items))) => items
                .iter()
                .all(|c| matches!(c, crate::parser::ast::Constant::Str(_) | crate::parser::ast::Constant::StrCodes(_))),
            _ => false,
        };
        let parts = Parts {
            code: &u.code,
            nconsts: u.consts.len(),
            kw_names_ok: &kw,
            nnames: u.names.len(),
            kinds: &u.localspluskinds,
            argcount: u.argcount,
            posonlyargcount: u.posonlyargcount,
            kwonlyargcount: u.kwonlyargcount,
            flags: u.flags,
            stacksize: u.stacksize,
            exceptiontable: &u.exceptiontable,
        };
        verify_parts(&parts).map_err(|e| VerifyError { offset: e.offset, msg: format!("{} (in {})", e.msg, u.qualname) })?;
        if u.localsplusnames.len() != u.localspluskinds.len() {
            return err(None, "localsplus names and kinds differ in length");
        }
        for c in &u.consts {
            if let CodeConst::Code(inner) = c {
                stack.push(inner);
            }
        }
    }
    Ok(())
}

/// One decoded instruction.
#[derive(Clone, Copy, Debug)]
struct Ins {
    /// Byte offset of the first EXTENDED_ARG prefix (the instruction start).
    start: usize,
    /// Byte offset of the opcode itself.
    at: usize,
    op: Op,
    arg: u32,
}

/// Stack items an instruction reads (pops or peeks) before it runs.
fn inputs(op: Op, a: u32) -> u32 {
    use Op::*;
    match op {
        POP_TOP | UNARY_POSITIVE | UNARY_NEGATIVE | UNARY_NOT | UNARY_INVERT | GET_LEN | MATCH_MAPPING
        | MATCH_SEQUENCE | PUSH_EXC_INFO | GET_AITER | GET_ANEXT | BEFORE_ASYNC_WITH | BEFORE_WITH | GET_ITER
        | GET_YIELD_FROM_ITER | PRINT_EXPR | LIST_TO_TUPLE | RETURN_VALUE | IMPORT_STAR | YIELD_VALUE
        | ASYNC_GEN_WRAP | POP_EXCEPT | STORE_NAME | UNPACK_SEQUENCE | FOR_ITER | UNPACK_EX | DELETE_ATTR
        | STORE_GLOBAL | LOAD_ATTR | IMPORT_FROM | JUMP_IF_FALSE_OR_POP | JUMP_IF_TRUE_OR_POP
        | POP_JUMP_FORWARD_IF_FALSE | POP_JUMP_FORWARD_IF_TRUE | POP_JUMP_FORWARD_IF_NOT_NONE
        | POP_JUMP_FORWARD_IF_NONE | POP_JUMP_BACKWARD_IF_NOT_NONE | POP_JUMP_BACKWARD_IF_NONE
        | POP_JUMP_BACKWARD_IF_FALSE | POP_JUMP_BACKWARD_IF_TRUE | STORE_FAST | GET_AWAITABLE | STORE_DEREF
        | LOAD_METHOD => 1,
        BINARY_SUBSCR | MATCH_KEYS | CHECK_EXC_MATCH | CHECK_EG_MATCH | END_ASYNC_FOR | DELETE_SUBSCR
        | PREP_RERAISE_STAR | STORE_ATTR | COMPARE_OP | IMPORT_NAME | IS_OP | CONTAINS_OP | BINARY_OP | SEND => 2,
        STORE_SUBSCR | MATCH_CLASS => 3,
        WITH_EXCEPT_START => 4,
        SWAP | COPY | BUILD_TUPLE | BUILD_LIST | BUILD_SET | BUILD_SLICE | BUILD_STRING | RAISE_VARARGS => a,
        BUILD_MAP => a.saturating_mul(2),
        RERAISE => a.saturating_add(1),
        MAKE_FUNCTION => 1 + (a & 0xF).count_ones(),
        CALL_FUNCTION_EX => 3 + (a & 1),
        FORMAT_VALUE => 1 + ((a & opcode::FVS_MASK) != 0) as u32,
        LIST_APPEND | SET_ADD | LIST_EXTEND | SET_UPDATE | DICT_UPDATE | BUILD_CONST_KEY_MAP => a.saturating_add(1),
        MAP_ADD | DICT_MERGE | PRECALL | CALL => a.saturating_add(2),
        _ => 0,
    }
}

/// Net stack effect as the verifier models it. Two differences from
/// `dis.stack_effect`: PRECALL leaves its arguments in place and CALL (always
/// right after it, see `check_pairs`) removes callable and arguments, which is
/// what the stack really holds between them; RETURN_GENERATOR is followed by
/// the value the generator is resumed with (the POP_TOP after it pops it).
fn effect(op: Op, a: u32, jump: Option<bool>) -> i64 {
    match op {
        Op::PRECALL => 0,
        Op::CALL => -(a as i64) - 1,
        Op::RETURN_GENERATOR => 1,
        _ => op.stack_effect(a, jump) as i64,
    }
}

/// Range checks of an oparg beyond its kind; `Some(message)` when bad.
fn bad_arg(op: Op, a: u32) -> Option<&'static str> {
    use Op::*;
    let ok = match op {
        BINARY_OP => a <= MAX_BINARY_OP,
        IS_OP | CONTAINS_OP | CALL_FUNCTION_EX => a <= 1,
        RAISE_VARARGS | GET_AWAITABLE => a <= 2,
        RESUME => a <= 3,
        FORMAT_VALUE => a <= 7,
        MAKE_FUNCTION => a <= 15,
        BUILD_SLICE => a == 2 || a == 3,
        COPY | SWAP | LIST_APPEND | SET_ADD | MAP_ADD | LIST_EXTEND | SET_UPDATE | DICT_UPDATE | DICT_MERGE => a >= 1,
        // UNPACK_EX: counts before and after the starred target, one byte each.
        UNPACK_EX => a <= 0xFFFF,
        _ => true,
    };
    if ok {
        None
    } else {
        Some("oparg out of range for its opcode")
    }
}

fn decode(p: &Parts) -> Result<Vec<Ins>, VerifyError> {
    let code = p.code;
    if code.is_empty() || code.len() % 2 != 0 {
        return err(None, "co_code length must be a positive even number");
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < code.len() {
        let start = i;
        let mut arg: u32 = 0;
        let mut prefixes = 0;
        while code[i] == Op::EXTENDED_ARG as u8 {
            prefixes += 1;
            if prefixes > 3 {
                return err(Some(start), "more than three EXTENDED_ARG prefixes");
            }
            arg = (arg << 8) | code[i + 1] as u32;
            i += 2;
            if i >= code.len() {
                return err(Some(start), "EXTENDED_ARG at the end of the code");
            }
        }
        let at = i;
        let b = code[i];
        let Some(op) = Op::from_byte(b) else {
            return err(Some(at), format!("unknown opcode {}", b));
        };
        if op == Op::CACHE {
            return err(Some(at), "CACHE where an instruction is expected");
        }
        if !op.has_arg() || (b < opcode::HAVE_ARGUMENT) {
            if prefixes > 0 {
                return err(Some(at), format!("EXTENDED_ARG before {}, which takes no argument", op.name()));
            }
            arg = 0;
        } else {
            arg = (arg << 8) | code[i + 1] as u32;
        }
        i += 2;
        for _ in 0..op.cache_entries() {
            if i >= code.len() {
                return err(Some(at), format!("{} lacks its inline cache", op.name()));
            }
            if code[i] != 0 || code[i + 1] != 0 {
                return err(Some(i), format!("nonzero CACHE unit after {}", op.name()));
            }
            i += 2;
        }
        out.push(Ins { start, at, op, arg });
    }
    Ok(out)
}

fn check_locals(p: &Parts) -> Result<(), VerifyError> {
    let mut seen_free = false;
    for (i, &k) in p.kinds.iter().enumerate() {
        let valid = matches!(k, CO_FAST_LOCAL | CO_FAST_CELL | CO_FAST_FREE) || k == CO_FAST_LOCAL | CO_FAST_CELL;
        if !valid {
            return err(None, format!("bad kind {:#x} for fast local {}", k, i));
        }
        if k == CO_FAST_FREE {
            seen_free = true;
        } else if seen_free {
            return err(None, format!("fast local {} follows the free variables", i));
        }
    }
    let nargs = p.argcount as u64
        + p.kwonlyargcount as u64
        + (p.flags & opcode::CO_VARARGS != 0) as u64
        + (p.flags & opcode::CO_VARKEYWORDS != 0) as u64;
    if p.posonlyargcount > p.argcount {
        return err(None, "co_posonlyargcount exceeds co_argcount");
    }
    if nargs > p.kinds.len() as u64 {
        return err(None, "more arguments than fast locals");
    }
    if p.kinds[..nargs as usize].iter().any(|&k| k & CO_FAST_LOCAL == 0) {
        return err(None, "an argument is not a local");
    }
    Ok(())
}

fn check_arg(p: &Parts, ins: &Ins) -> Result<(), VerifyError> {
    let (op, a) = (ins.op, ins.arg as usize);
    let at = Some(ins.at);
    let kind_at = |i: usize| p.kinds.get(i).copied();
    match op.arg_kind() {
        ArgKind::Const => {
            if a >= p.nconsts {
                return err(at, format!("{} constant index {} out of range ({} constants)", op.name(), a, p.nconsts));
            }
            if op == Op::KW_NAMES && !(p.kw_names_ok)(a) {
                return err(at, "KW_NAMES constant is not a tuple of str");
            }
        }
        ArgKind::Name => {
            let i = if op == Op::LOAD_GLOBAL { a >> 1 } else { a };
            if i >= p.nnames {
                return err(at, format!("{} name index {} out of range ({} names)", op.name(), i, p.nnames));
            }
        }
        ArgKind::Local => {
            if a >= p.kinds.len() {
                return err(at, format!("{} local index {} out of range", op.name(), a));
            }
        }
        ArgKind::Free => {
            let Some(k) = kind_at(a) else {
                return err(at, format!("{} cell/free index {} out of range", op.name(), a));
            };
            let ok = if op == Op::MAKE_CELL { k & CO_FAST_CELL != 0 } else { k & (CO_FAST_CELL | CO_FAST_FREE) != 0 };
            if !ok {
                return err(at, format!("{} index {} is not a cell or free variable", op.name(), a));
            }
        }
        ArgKind::Compare => {
            if a >= opcode::CMP_OP.len() {
                return err(at, "COMPARE_OP argument out of range");
            }
        }
        ArgKind::Label => return err(at, format!("pseudo-instruction {}", op.name())),
        _ => {}
    }
    if op == Op::COPY_FREE_VARS && a > p.kinds.iter().filter(|&&k| k == CO_FAST_FREE).count() {
        return err(at, "COPY_FREE_VARS copies more than the free variables");
    }
    if let Some(m) = bad_arg(op, ins.arg) {
        return err(at, format!("{} {}: {}", op.name(), ins.arg, m));
    }
    Ok(())
}

/// The jump target of a jump instruction, in bytes (may be out of range).
fn jump_target(ins: &Ins) -> i64 {
    let base = ins.at as i64 + 2 + 2 * ins.op.cache_entries() as i64;
    if ins.op.is_backward_jump() {
        base - 2 * ins.arg as i64
    } else {
        base + 2 * ins.arg as i64
    }
}

/// PRECALL n is always directly followed by CALL n, and CALL is reached only
/// from its PRECALL (the evaluator's specialised PRECALLs skip the CALL);
/// RETURN_GENERATOR only in generator and coroutine code.
fn check_pairs(p: &Parts, ins: &[Ins], targets: &[Option<usize>]) -> Result<(), VerifyError> {
    let mut is_target = vec![false; ins.len()];
    for t in targets.iter().flatten() {
        is_target[*t] = true;
    }
    for (n, i) in ins.iter().enumerate() {
        match i.op {
            Op::PRECALL => match ins.get(n + 1) {
                Some(c) if c.op == Op::CALL && c.arg == i.arg => {}
                _ => return err(Some(i.at), "PRECALL not followed by CALL with the same argument"),
            },
            Op::CALL => {
                let paired = n > 0 && ins[n - 1].op == Op::PRECALL && ins[n - 1].arg == i.arg;
                if !paired || is_target[n] {
                    return err(Some(i.at), "CALL not directly after its PRECALL");
                }
            }
            Op::RETURN_GENERATOR => {
                let gen = opcode::CO_GENERATOR | opcode::CO_COROUTINE | opcode::CO_ASYNC_GENERATOR | opcode::CO_ITERABLE_COROUTINE;
                if p.flags & gen == 0 {
                    return err(Some(i.at), "RETURN_GENERATOR outside generator or coroutine code");
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Verify the raw parts of one code object (nested code is not visited).
pub fn verify_parts(p: &Parts) -> Result<(), VerifyError> {
    check_locals(p)?;
    let ins = decode(p)?;
    // Instruction index by byte offset of its start (usize::MAX elsewhere).
    let mut index = vec![usize::MAX; p.code.len() / 2];
    for (n, i) in ins.iter().enumerate() {
        index[i.start / 2] = n;
    }
    let idx_of = |byte: i64| -> Option<usize> {
        if byte < 0 || byte as usize >= p.code.len() {
            return None;
        }
        let n = index[byte as usize / 2];
        (n != usize::MAX).then_some(n)
    };
    let mut targets = vec![None; ins.len()];
    for (n, i) in ins.iter().enumerate() {
        check_arg(p, i)?;
        if i.op.arg_kind() == ArgKind::Jrel {
            let t = jump_target(i);
            match idx_of(t) {
                Some(ti) => targets[n] = Some(ti),
                None => return err(Some(i.at), format!("{} target {} is not an instruction start", i.op.name(), t)),
            }
        }
    }
    check_pairs(p, &ins, &targets)?;
    // Exception table.
    let Some(entries) = tables::decode_exceptions(p.exceptiontable) else {
        return err(None, "malformed exception table");
    };
    let mut handlers = Vec::with_capacity(entries.len());
    let mut prev_end = 0u64;
    for e in &entries {
        let (s, en, t) = (e.start as u64 * 2, e.end as u64 * 2, e.target as u64 * 2);
        if s < prev_end || en <= s || en > p.code.len() as u64 {
            return err(None, format!("exception table entry {}-{} out of order or range", s, en));
        }
        prev_end = en;
        let (Some(si), Some(ti)) = (idx_of(s as i64), idx_of(t as i64)) else {
            return err(None, format!("exception table entry {}-{} -> {} not on instruction starts", s, en, t));
        };
        if en < p.code.len() as u64 && idx_of(en as i64).is_none() {
            return err(None, format!("exception table range end {} splits an instruction", en));
        }
        let need = e.depth as u64 + e.lasti as u64 + 1;
        if need > p.stacksize as u64 {
            return err(None, format!("handler at {} needs {} stack items, co_stacksize is {}", t, need, p.stacksize));
        }
        if ins[ti].op == Op::CALL {
            return err(None, format!("exception handler at {} is a CALL", t));
        }
        handlers.push((si, en, ti, e.depth, need as u32));
    }
    // Which handler covers each instruction.
    let mut handler_of = vec![None; ins.len()];
    for &(si, en, ti, depth, need) in &handlers {
        let mut n = si;
        while n < ins.len() && (ins[n].start as u64) < en {
            handler_of[n] = Some((ti, depth, need));
            n += 1;
        }
    }
    // Stack depth: worklist over instructions.
    let mut depth: Vec<Option<u32>> = vec![None; ins.len()];
    let mut work = vec![0usize];
    depth[0] = Some(0);
    let max = p.stacksize;
    let set = |depth: &mut Vec<Option<u32>>, n: usize, d: i64, from: usize, work: &mut Vec<usize>| -> Result<(), VerifyError> {
        if d < 0 || d > max as i64 {
            return err(Some(ins[from].at), format!("stack depth {} out of range 0..={}", d, max));
        }
        match depth[n] {
            None => {
                depth[n] = Some(d as u32);
                work.push(n);
                Ok(())
            }
            Some(old) if old as i64 == d => Ok(()),
            Some(old) => err(
                Some(ins[n].start),
                format!("inconsistent stack depth ({} and {}) reaching this instruction", old, d),
            ),
        }
    };
    while let Some(n) = work.pop() {
        let i = ins[n];
        let d = depth[n].unwrap_or(0) as i64;
        if let Some((ti, hdepth, need)) = handler_of[n] {
            if (hdepth as i64) > d {
                return err(Some(i.at), format!("handler depth {} above the stack depth {}", hdepth, d));
            }
            set(&mut depth, ti, need as i64, n, &mut work)?;
        }
        if (inputs(i.op, i.arg) as i64) > d {
            return err(Some(i.at), format!("{} needs {} stack items, {} present", i.op.name(), inputs(i.op, i.arg), d));
        }
        if let Some(t) = targets[n] {
            set(&mut depth, t, d + effect(i.op, i.arg, Some(true)), n, &mut work)?;
        }
        if !i.op.is_unconditional_exit() {
            if n + 1 >= ins.len() {
                return err(Some(i.at), "control runs off the end of the code");
            }
            let eff = effect(i.op, i.arg, if targets[n].is_some() { Some(false) } else { None });
            set(&mut depth, n + 1, d + eff, n, &mut work)?;
        }
    }
    Ok(())
}
