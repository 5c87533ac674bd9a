//! Assembly: one unit's control-flow graph to a `CodeUnit`, in the order of
//! CPython 3.11's `assemble()`.
//!
//! Design note.
//! * Order: implicit `return None` (done by the code generator), localsplus
//!   layout (parameters and locals, then cells that are not arguments, then free
//!   variables), prefix instructions (COPY_FREE_VARS, MAKE_CELL,
//!   RETURN_GENERATOR and POP_TOP), cell offset fix-up, `optimize_cfg`, exit
//!   duplication, trailing unused-constant trimming, line propagation, stack
//!   depth, exception labelling, NOP cleaning, jump direction, offsets with
//!   EXTENDED_ARG (iterated until stable), then emission of `co_code`, the
//!   location table (one entry run per instruction, as 3.11) and the exception
//!   table.
//! * 3.11 keeps exception handlers in place (no cold-block reordering; that
//!   pass is 3.12's), so `Cfg::push_cold_blocks_to_end` is not called.
//! * `co_firstlineno` is the unit's first line (decorators included), or the
//!   entry instruction's line when unset, or 1.

use super::code::CodeUnit;
use super::codegen::{Compiler, Unit};
use super::flowgraph::{instr_size, is_jump, Instr, NO_BLOCK, NO_LOC};
use super::opcode::{self, Op};
use super::tables::{encode_exceptions, ExceptEntry, LocationWriter, Position};
use super::CompileError;

fn except_entry(start: u32, end: u32, h: &super::flowgraph::Block) -> ExceptEntry {
    let depth = h.startdepth - 1 - h.preserve_lasti as i32;
    ExceptEntry { start, end, target: h.offset, depth: depth.max(0) as u32, lasti: h.preserve_lasti }
}

fn is_relative_jump(op: Op) -> bool {
    op.is_jump()
}

pub fn assemble(mut u: Unit, c: &Compiler) -> Result<CodeUnit, CompileError> {
    u.cfg.normalize();
    let code_flags = c.compute_code_flags(&u);
    let nlocals = u.varnames.len();
    let ncells = u.cellvars.len();
    let nfree = u.freevars.len();

    // build_cellfixedoffsets
    let mut fixed: Vec<usize> = (0..ncells + nfree).map(|i| nlocals + i).collect();
    for (ci, name) in u.cellvars.list.iter().enumerate() {
        if let Some(vi) = u.varnames.get(name) {
            fixed[ci] = vi as usize;
        }
    }

    if u.firstlineno == 0 {
        u.firstlineno = u.cfg.blocks[u.cfg.entry].instrs.first().map_or(1, |i| if i.loc.lineno > 0 { i.loc.lineno } else { 1 });
    }
    let firstlineno = u.firstlineno;

    // insert_prefix_instructions
    let entry = u.cfg.entry;
    let mut prefix: Vec<Instr> = Vec::new();
    let mk = |op: Op, arg: u32| Instr { op, arg, target: NO_BLOCK, loc: NO_LOC, except: NO_BLOCK };
    if nfree > 0 {
        prefix.push(mk(Op::COPY_FREE_VARS, nfree as u32));
    }
    if ncells > 0 {
        let nvars = ncells + nlocals;
        let mut sorted = vec![0usize; nvars];
        for (i, &f) in fixed.iter().take(ncells).enumerate() {
            sorted[f] = i + 1;
        }
        for &s in sorted.iter() {
            if s == 0 {
                continue;
            }
            prefix.push(mk(Op::MAKE_CELL, (s - 1) as u32));
        }
    }
    if code_flags & (opcode::CO_GENERATOR | opcode::CO_COROUTINE | opcode::CO_ASYNC_GENERATOR) != 0 {
        let mut g = mk(Op::RETURN_GENERATOR, 0);
        g.loc.lineno = firstlineno;
        g.loc.end_lineno = firstlineno;
        prefix.push(g);
        prefix.push(mk(Op::POP_TOP, 0));
    }
    if !prefix.is_empty() {
        let b = &mut u.cfg.blocks[entry].instrs;
        let rest = std::mem::take(b);
        *b = prefix;
        b.extend(rest);
    }

    // fix_cell_offsets
    let mut numdropped = 0;
    for (i, f) in fixed.iter_mut().enumerate() {
        if *f == i + nlocals {
            *f -= numdropped;
        } else {
            numdropped += 1;
        }
    }
    for bl in u.cfg.blocks.iter_mut() {
        for ins in bl.instrs.iter_mut() {
            if matches!(
                ins.op,
                Op::MAKE_CELL | Op::LOAD_CLOSURE | Op::LOAD_DEREF | Op::STORE_DEREF | Op::DELETE_DEREF | Op::LOAD_CLASSDEREF
            ) {
                if let Some(&f) = fixed.get(ins.arg as usize) {
                    ins.arg = f as u32;
                }
            }
        }
    }

    // localsplus names and kinds
    let nlocalsplus = nlocals + ncells + nfree - numdropped;
    let mut names = vec![String::new(); nlocalsplus];
    let mut kinds = vec![0u8; nlocalsplus];
    for (i, n) in u.varnames.list.iter().enumerate() {
        names[i] = n.clone();
        kinds[i] = opcode::CO_FAST_LOCAL;
        if u.cellvars.get(n).is_some() {
            kinds[i] |= opcode::CO_FAST_CELL;
        }
    }
    let mut dropped = 0;
    for (i, n) in u.cellvars.list.iter().enumerate() {
        if u.varnames.get(n).is_some() {
            dropped += 1;
            continue;
        }
        let off = i + nlocals - dropped;
        names[off] = n.clone();
        kinds[off] = opcode::CO_FAST_CELL;
    }
    for (i, n) in u.freevars.list.iter().enumerate() {
        let off = ncells + i + nlocals - dropped;
        names[off] = n.clone();
        kinds[off] = opcode::CO_FAST_FREE;
    }

    u.cfg.optimize(&mut u.consts);
    u.cfg.duplicate_exits_without_lineno();

    // trim_unused_consts: keep index 0 (docstring), drop unused trailing ones.
    let mut max_const = 0;
    for b in u.cfg.order() {
        for ins in &u.cfg.blocks[b].instrs {
            if matches!(ins.op, Op::LOAD_CONST | Op::KW_NAMES) && ins.arg as usize > max_const {
                max_const = ins.arg as usize;
            }
        }
    }
    u.consts.truncate(max_const + 1);

    u.cfg.propagate_line_numbers();
    u.cfg.guarantee_lineno_for_exits(firstlineno);
    let is_gen = code_flags & (opcode::CO_GENERATOR | opcode::CO_COROUTINE | opcode::CO_ASYNC_GENERATOR) != 0;
    let maxdepth = u.cfg.stackdepth(is_gen).map_err(|m| CompileError::system(&m))?;
    u.cfg.label_exception_targets();
    u.cfg.convert_exception_handlers_to_nops();
    for b in u.cfg.order() {
        u.cfg.clean_basic_block(b);
    }
    u.cfg.normalize_jumps();

    // assemble_jump_offsets
    let order = u.cfg.order();
    loop {
        let mut tot = 0;
        for &b in &order {
            u.cfg.blocks[b].offset = tot;
            tot += u.cfg.blocks[b].instrs.iter().map(|i| instr_size(i.op, i.arg)).sum::<u32>();
        }
        let mut recompile = false;
        for &b in &order {
            let mut off = u.cfg.blocks[b].offset;
            for k in 0..u.cfg.blocks[b].instrs.len() {
                let (op, arg, target) = {
                    let i = &u.cfg.blocks[b].instrs[k];
                    (i.op, i.arg, i.target)
                };
                let isize = instr_size(op, arg);
                off += isize;
                if is_jump(op) {
                    let t = u.cfg.blocks[target].offset;
                    let newarg = if is_relative_jump(op) {
                        t.abs_diff(off)
                    } else {
                        t
                    };
                    u.cfg.blocks[b].instrs[k].arg = newarg;
                    if instr_size(op, newarg) != isize {
                        recompile = true;
                    }
                }
            }
        }
        if !recompile {
            break;
        }
    }

    // emit code and location table
    let mut code: Vec<u8> = Vec::new();
    let mut lw = LocationWriter::new(firstlineno);
    for &b in &order {
        for ins in &u.cfg.blocks[b].instrs {
            let size = instr_size(ins.op, ins.arg);
            let byte = ins.op.byte().ok_or_else(|| CompileError::system("pseudo-instruction left in code"))?;
            let arg = if ins.op.has_arg() { ins.arg } else { 0 };
            let ext = size - 1 - ins.op.cache_entries();
            for s in (1..=ext).rev() {
                code.push(Op::EXTENDED_ARG as u16 as u8);
                code.push(((arg >> (8 * s)) & 0xff) as u8);
            }
            code.push(byte);
            code.push((arg & 0xff) as u8);
            for _ in 0..ins.op.cache_entries() {
                code.push(0);
                code.push(0);
            }
            let pos = if ins.loc.lineno < 0 {
                Position::NONE
            } else {
                Position {
                    lineno: Some(ins.loc.lineno),
                    end_lineno: if ins.loc.end_lineno < 0 { None } else { Some(ins.loc.end_lineno) },
                    col: if ins.loc.col < 0 { None } else { Some(ins.loc.col) },
                    end_col: if ins.loc.end_col < 0 { None } else { Some(ins.loc.end_col) },
                }
            };
            lw.add(pos, size);
        }
    }

    // exception table
    let mut entries: Vec<ExceptEntry> = Vec::new();
    let mut handler = NO_BLOCK;
    let mut start = 0u32;
    let mut ioff = 0u32;
    for &b in &order {
        ioff = u.cfg.blocks[b].offset;
        for ins in &u.cfg.blocks[b].instrs {
            if ins.except != handler {
                if handler != NO_BLOCK {
                    let h = &u.cfg.blocks[handler];
                    entries.push(except_entry(start, ioff, h));
                }
                start = ioff;
                handler = ins.except;
            }
            ioff += instr_size(ins.op, ins.arg);
        }
    }
    if handler != NO_BLOCK {
        let h = &u.cfg.blocks[handler];
        entries.push(except_entry(start, ioff, h));
    }

    Ok(CodeUnit {
        argcount: u.argcount + u.posonlyargcount,
        posonlyargcount: u.posonlyargcount,
        kwonlyargcount: u.kwonlyargcount,
        stacksize: maxdepth,
        flags: code_flags,
        code,
        consts: u.consts.items,
        names: u.names.list,
        localsplusnames: names,
        localspluskinds: kinds,
        filename: c.filename.clone(),
        name: u.name,
        qualname: u.qualname,
        firstlineno: firstlineno as u32,
        linetable: lw.out,
        exceptiontable: encode_exceptions(&entries),
    })
}
