//! Random bytecode through the bytecode verifier: the first bytes choose the
//! code object's shape (counts of constants, names and locals, flags, stack
//! size, argument counts), the rest are `co_code` and the exception table.
//! The verifier must answer (accept or reject) without panicking; whatever it
//! accepts must stay within the declared stack size (checked by the verifier
//! itself) and reference only existing constants, names and locals.
#![no_main]
use libfuzzer_sys::fuzz_target;
use pyrite::compiler::code::{CodeConst, CodeUnit};
use pyrite::compiler::opcode;
use pyrite::parser::ast::Constant;

fuzz_target!(|data: &[u8]| {
    if data.len() < 8 {
        return;
    }
    let (head, rest) = data.split_at(8);
    let split = (head[7] as usize * 2).min(rest.len()) & !1;
    let (code, table) = rest.split_at(split);
    let nlocals = (head[2] % 8) as usize;
    let kinds: Vec<u8> = (0..nlocals)
        .map(|i| match (head[3] >> i) & 3 {
            0 => opcode::CO_FAST_LOCAL,
            1 => opcode::CO_FAST_CELL,
            2 => opcode::CO_FAST_FREE,
            _ => opcode::CO_FAST_LOCAL | opcode::CO_FAST_CELL,
        })
        .collect();
    let unit = CodeUnit {
        argcount: (head[4] % 4) as u32,
        posonlyargcount: 0,
        kwonlyargcount: 0,
        stacksize: head[5] as u32,
        flags: (head[6] as u32) & 0x3ff,
        code: code.to_vec(),
        consts: (0..head[0] % 8)
            .map(|i| match i % 3 {
                0 => CodeConst::Value(Constant::None),
                1 => CodeConst::Value(Constant::Str(format!("s{i}"))),
                _ => CodeConst::Value(Constant::Tuple(vec![Constant::Str("k".into())])),
            })
            .collect(),
        names: (0..head[1] % 8).map(|i| format!("n{i}")).collect(),
        localsplusnames: (0..nlocals).map(|i| format!("v{i}")).collect(),
        localspluskinds: kinds,
        filename: "<fuzz>".into(),
        name: "f".into(),
        qualname: "f".into(),
        firstlineno: 1,
        linetable: Vec::new(),
        exceptiontable: table.to_vec(),
    };
    let _ = pyrite::compiler::verify::verify(&unit);
});
