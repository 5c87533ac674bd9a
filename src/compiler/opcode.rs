//! The opcode table: every instruction defined once (STYLE.md habit 5).
//!
//! Design note.
//! * pyrite's bytecode *is* CPython 3.11's: the same opcode numbers, the same
//!   2-byte code units `(opcode, oparg)` with `EXTENDED_ARG` prefixes, and the same
//!   number of inline `CACHE` units after each instruction (zeroed in `co_code`).
//!   Chosen because (1) `dis.opmap`, `co_code` and the `dis` text of a function are
//!   then what CPython users and tools expect, (2) the compiler can be checked
//!   instruction by instruction against CPython's on the whole standard library, and
//!   (3) `.pyc` files and marshalled code from CPython 3.11 load (through the bytecode
//!   verifier) and run. The evaluator is free to rewrite a private copy (quickening).
//! * The table gives, per opcode: number, name, inline cache units, argument kind
//!   (what `dis` files the op under: hasconst, hasname, hasjrel, haslocal, hasfree,
//!   hascompare) and stack effect as CPython's `dis.stack_effect` computes it
//!   (`jump`: `Some(true)` taking the jump, `Some(false)` not, `None` the maximum).
//! * Pseudo-instructions (SETUP_FINALLY, POP_BLOCK, JUMP, direction-less
//!   POP_JUMP_IF_*, …) exist only inside the compiler's control-flow graph; they are
//!   numbered from 256 so no byte can name them, and assembly replaces them.
//! * The `dis` tables, the compiler's stack-depth pass, the verifier and the
//!   evaluator all read this table; nothing else lists opcodes.

/// Argument kind, as the `dis` module classifies opcodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgKind {
    /// Opcode below HAVE_ARGUMENT: the oparg byte is ignored.
    None,
    /// A plain number (counts, flags, operator index…).
    Int,
    /// Index into `co_consts` (hasconst).
    Const,
    /// Index into `co_names` (hasname).
    Name,
    /// Relative jump (hasjrel): forward or backward in code units.
    Jrel,
    /// Index into the fast locals (haslocal).
    Local,
    /// Index into the fast locals' cell/free part (hasfree).
    Free,
    /// Index into `cmp_op` (hascompare).
    Compare,
    /// Pseudo-instruction jump target (a block label) inside the compiler.
    Label,
}

macro_rules! opcodes {
    ($( $name:ident = $num:expr, $cache:expr, $kind:ident, |$a:ident, $j:ident| $eff:expr; )*) => {
        /// Every instruction: CPython 3.11's opcodes (< 256) and the compiler's
        /// pseudo-instructions (>= 256).
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u16)]
        pub enum Op { $( $name = $num, )* }

        /// All opcodes, in numeric order.
        pub const ALL: &[Op] = &[ $( Op::$name, )* ];

        impl Op {
            pub fn name(self) -> &'static str {
                match self { $( Op::$name => stringify!($name), )* }
            }
            /// Inline cache units that follow the instruction in `co_code`.
            pub fn cache_entries(self) -> u32 {
                match self { $( Op::$name => $cache, )* }
            }
            pub fn arg_kind(self) -> ArgKind {
                match self { $( Op::$name => ArgKind::$kind, )* }
            }
            /// Stack effect as `dis.stack_effect(op, oparg, jump=jump)`.
            #[allow(unused_variables)]
            pub fn stack_effect(self, oparg: u32, jump: Option<bool>) -> i32 {
                let (both, taken) = match jump {
                    None => (true, false),
                    Some(t) => (false, t),
                };
                let eff = |a: i32, j: bool| -> i32 {
                    match self { $( Op::$name => { let f = |$a: i32, $j: bool| -> i32 { $eff }; f(a, j) } )* }
                };
                let a = oparg as i32;
                if both { eff(a, true).max(eff(a, false)) } else { eff(a, taken) }
            }
        }
    };
}

// name = number, cache units, argument kind, |oparg, jump| stack effect
opcodes! {
    CACHE = 0, 0, None, |a, j| 0;
    POP_TOP = 1, 0, None, |a, j| -1;
    PUSH_NULL = 2, 0, None, |a, j| 1;
    NOP = 9, 0, None, |a, j| 0;
    UNARY_POSITIVE = 10, 0, None, |a, j| 0;
    UNARY_NEGATIVE = 11, 0, None, |a, j| 0;
    UNARY_NOT = 12, 0, None, |a, j| 0;
    UNARY_INVERT = 15, 0, None, |a, j| 0;
    BINARY_SUBSCR = 25, 4, None, |a, j| -1;
    GET_LEN = 30, 0, None, |a, j| 1;
    MATCH_MAPPING = 31, 0, None, |a, j| 1;
    MATCH_SEQUENCE = 32, 0, None, |a, j| 1;
    MATCH_KEYS = 33, 0, None, |a, j| 1;
    PUSH_EXC_INFO = 35, 0, None, |a, j| 1;
    CHECK_EXC_MATCH = 36, 0, None, |a, j| 0;
    CHECK_EG_MATCH = 37, 0, None, |a, j| 0;
    WITH_EXCEPT_START = 49, 0, None, |a, j| 1;
    GET_AITER = 50, 0, None, |a, j| 0;
    GET_ANEXT = 51, 0, None, |a, j| 1;
    BEFORE_ASYNC_WITH = 52, 0, None, |a, j| 1;
    BEFORE_WITH = 53, 0, None, |a, j| 1;
    END_ASYNC_FOR = 54, 0, None, |a, j| -2;
    STORE_SUBSCR = 60, 1, None, |a, j| -3;
    DELETE_SUBSCR = 61, 0, None, |a, j| -2;
    GET_ITER = 68, 0, None, |a, j| 0;
    GET_YIELD_FROM_ITER = 69, 0, None, |a, j| 0;
    PRINT_EXPR = 70, 0, None, |a, j| -1;
    LOAD_BUILD_CLASS = 71, 0, None, |a, j| 1;
    LOAD_ASSERTION_ERROR = 74, 0, None, |a, j| 1;
    RETURN_GENERATOR = 75, 0, None, |a, j| 0;
    LIST_TO_TUPLE = 82, 0, None, |a, j| 0;
    RETURN_VALUE = 83, 0, None, |a, j| -1;
    IMPORT_STAR = 84, 0, None, |a, j| -1;
    SETUP_ANNOTATIONS = 85, 0, None, |a, j| 0;
    YIELD_VALUE = 86, 0, None, |a, j| 0;
    ASYNC_GEN_WRAP = 87, 0, None, |a, j| 0;
    PREP_RERAISE_STAR = 88, 0, None, |a, j| -1;
    POP_EXCEPT = 89, 0, None, |a, j| -1;
    STORE_NAME = 90, 0, Name, |a, j| -1;
    DELETE_NAME = 91, 0, Name, |a, j| 0;
    UNPACK_SEQUENCE = 92, 1, Int, |a, j| a - 1;
    FOR_ITER = 93, 0, Jrel, |a, j| if j { -1 } else { 1 };
    UNPACK_EX = 94, 0, Int, |a, j| (a & 0xFF) + (a >> 8);
    STORE_ATTR = 95, 4, Name, |a, j| -2;
    DELETE_ATTR = 96, 0, Name, |a, j| -1;
    STORE_GLOBAL = 97, 0, Name, |a, j| -1;
    DELETE_GLOBAL = 98, 0, Name, |a, j| 0;
    SWAP = 99, 0, Int, |a, j| 0;
    LOAD_CONST = 100, 0, Const, |a, j| 1;
    LOAD_NAME = 101, 0, Name, |a, j| 1;
    BUILD_TUPLE = 102, 0, Int, |a, j| 1 - a;
    BUILD_LIST = 103, 0, Int, |a, j| 1 - a;
    BUILD_SET = 104, 0, Int, |a, j| 1 - a;
    BUILD_MAP = 105, 0, Int, |a, j| 1 - 2 * a;
    LOAD_ATTR = 106, 4, Name, |a, j| 0;
    COMPARE_OP = 107, 2, Compare, |a, j| -1;
    IMPORT_NAME = 108, 0, Name, |a, j| -1;
    IMPORT_FROM = 109, 0, Name, |a, j| 1;
    JUMP_FORWARD = 110, 0, Jrel, |a, j| 0;
    JUMP_IF_FALSE_OR_POP = 111, 0, Jrel, |a, j| if j { 0 } else { -1 };
    JUMP_IF_TRUE_OR_POP = 112, 0, Jrel, |a, j| if j { 0 } else { -1 };
    POP_JUMP_FORWARD_IF_FALSE = 114, 0, Jrel, |a, j| -1;
    POP_JUMP_FORWARD_IF_TRUE = 115, 0, Jrel, |a, j| -1;
    LOAD_GLOBAL = 116, 5, Name, |a, j| 1 + (a & 1);
    IS_OP = 117, 0, Int, |a, j| -1;
    CONTAINS_OP = 118, 0, Int, |a, j| -1;
    RERAISE = 119, 0, Int, |a, j| -1;
    COPY = 120, 0, Int, |a, j| 1;
    BINARY_OP = 122, 1, Int, |a, j| -1;
    SEND = 123, 0, Jrel, |a, j| if j { -1 } else { 0 };
    LOAD_FAST = 124, 0, Local, |a, j| 1;
    STORE_FAST = 125, 0, Local, |a, j| -1;
    DELETE_FAST = 126, 0, Local, |a, j| 0;
    POP_JUMP_FORWARD_IF_NOT_NONE = 128, 0, Jrel, |a, j| -1;
    POP_JUMP_FORWARD_IF_NONE = 129, 0, Jrel, |a, j| -1;
    RAISE_VARARGS = 130, 0, Int, |a, j| -a;
    GET_AWAITABLE = 131, 0, Int, |a, j| 0;
    MAKE_FUNCTION = 132, 0, Int, |a, j| -((a & 1 != 0) as i32) - ((a & 2 != 0) as i32) - ((a & 4 != 0) as i32) - ((a & 8 != 0) as i32);
    BUILD_SLICE = 133, 0, Int, |a, j| if a == 3 { -2 } else { -1 };
    JUMP_BACKWARD_NO_INTERRUPT = 134, 0, Jrel, |a, j| 0;
    MAKE_CELL = 135, 0, Free, |a, j| 0;
    LOAD_CLOSURE = 136, 0, Free, |a, j| 1;
    LOAD_DEREF = 137, 0, Free, |a, j| 1;
    STORE_DEREF = 138, 0, Free, |a, j| -1;
    DELETE_DEREF = 139, 0, Free, |a, j| 0;
    JUMP_BACKWARD = 140, 0, Jrel, |a, j| 0;
    CALL_FUNCTION_EX = 142, 0, Int, |a, j| -2 - ((a & 1 != 0) as i32);
    EXTENDED_ARG = 144, 0, Int, |a, j| 0;
    LIST_APPEND = 145, 0, Int, |a, j| -1;
    SET_ADD = 146, 0, Int, |a, j| -1;
    MAP_ADD = 147, 0, Int, |a, j| -2;
    LOAD_CLASSDEREF = 148, 0, Free, |a, j| 1;
    COPY_FREE_VARS = 149, 0, Int, |a, j| 0;
    RESUME = 151, 0, Int, |a, j| 0;
    MATCH_CLASS = 152, 0, Int, |a, j| -2;
    FORMAT_VALUE = 155, 0, Int, |a, j| if a & 0x04 == 0x04 { -1 } else { 0 };
    BUILD_CONST_KEY_MAP = 156, 0, Int, |a, j| -a;
    BUILD_STRING = 157, 0, Int, |a, j| 1 - a;
    LOAD_METHOD = 160, 10, Name, |a, j| 1;
    LIST_EXTEND = 162, 0, Int, |a, j| -1;
    SET_UPDATE = 163, 0, Int, |a, j| -1;
    DICT_MERGE = 164, 0, Int, |a, j| -1;
    DICT_UPDATE = 165, 0, Int, |a, j| -1;
    PRECALL = 166, 1, Int, |a, j| -a;
    CALL = 171, 4, Int, |a, j| -1;
    KW_NAMES = 172, 0, Const, |a, j| 0;
    POP_JUMP_BACKWARD_IF_NOT_NONE = 173, 0, Jrel, |a, j| -1;
    POP_JUMP_BACKWARD_IF_NONE = 174, 0, Jrel, |a, j| -1;
    POP_JUMP_BACKWARD_IF_FALSE = 175, 0, Jrel, |a, j| -1;
    POP_JUMP_BACKWARD_IF_TRUE = 176, 0, Jrel, |a, j| -1;
    // Pseudo-instructions: compiler only, replaced during assembly.
    SETUP_FINALLY = 256, 0, Label, |a, j| if j { 1 } else { 0 };
    SETUP_CLEANUP = 257, 0, Label, |a, j| if j { 2 } else { 0 };
    SETUP_WITH = 258, 0, Label, |a, j| if j { 1 } else { 0 };
    POP_BLOCK = 259, 0, None, |a, j| 0;
    JUMP = 260, 0, Label, |a, j| 0;
    JUMP_NO_INTERRUPT = 261, 0, Label, |a, j| 0;
    POP_JUMP_IF_FALSE = 262, 0, Label, |a, j| -1;
    POP_JUMP_IF_TRUE = 263, 0, Label, |a, j| -1;
    POP_JUMP_IF_NONE = 264, 0, Label, |a, j| -1;
    POP_JUMP_IF_NOT_NONE = 265, 0, Label, |a, j| -1;
}

/// Opcodes at or above this take their oparg (CPython's `HAVE_ARGUMENT`).
pub const HAVE_ARGUMENT: u8 = 90;

/// `cmp_op` of the `dis` module: COMPARE_OP's argument indexes it.
pub const CMP_OP: [&str; 6] = ["<", "<=", "==", "!=", ">", ">="];

/// BINARY_OP's argument: (name for `dis`, operator) as CPython 3.11's `_nb_ops`.
pub const NB_OPS: [(&str, &str); 26] = [
    ("NB_ADD", "+"),
    ("NB_AND", "&"),
    ("NB_FLOOR_DIVIDE", "//"),
    ("NB_LSHIFT", "<<"),
    ("NB_MATRIX_MULTIPLY", "@"),
    ("NB_MULTIPLY", "*"),
    ("NB_REMAINDER", "%"),
    ("NB_OR", "|"),
    ("NB_POWER", "**"),
    ("NB_RSHIFT", ">>"),
    ("NB_SUBTRACT", "-"),
    ("NB_TRUE_DIVIDE", "/"),
    ("NB_XOR", "^"),
    ("NB_INPLACE_ADD", "+="),
    ("NB_INPLACE_AND", "&="),
    ("NB_INPLACE_FLOOR_DIVIDE", "//="),
    ("NB_INPLACE_LSHIFT", "<<="),
    ("NB_INPLACE_MATRIX_MULTIPLY", "@="),
    ("NB_INPLACE_MULTIPLY", "*="),
    ("NB_INPLACE_REMAINDER", "%="),
    ("NB_INPLACE_OR", "|="),
    ("NB_INPLACE_POWER", "**="),
    ("NB_INPLACE_RSHIFT", ">>="),
    ("NB_INPLACE_SUBTRACT", "-="),
    ("NB_INPLACE_TRUE_DIVIDE", "/="),
    ("NB_INPLACE_XOR", "^="),
];

/// FORMAT_VALUE's argument bits (CPython's FVC_*/FVS_*).
pub const FVC_MASK: u32 = 0x3;
pub const FVC_NONE: u32 = 0x0;
pub const FVC_STR: u32 = 0x1;
pub const FVC_REPR: u32 = 0x2;
pub const FVC_ASCII: u32 = 0x3;
pub const FVS_MASK: u32 = 0x4;
pub const FVS_HAVE_SPEC: u32 = 0x4;

/// MAKE_FUNCTION's argument bits.
pub const MKFN_DEFAULTS: u32 = 0x01;
pub const MKFN_KWDEFAULTS: u32 = 0x02;
pub const MKFN_ANNOTATIONS: u32 = 0x04;
pub const MKFN_CLOSURE: u32 = 0x08;

/// Kinds of the fast locals (`co_localspluskinds`), CPython 3.11's values.
pub const CO_FAST_LOCAL: u8 = 0x20;
pub const CO_FAST_CELL: u8 = 0x40;
pub const CO_FAST_FREE: u8 = 0x80;

/// `co_flags` bits, CPython 3.11's values.
pub const CO_OPTIMIZED: u32 = 0x0001;
pub const CO_NEWLOCALS: u32 = 0x0002;
pub const CO_VARARGS: u32 = 0x0004;
pub const CO_VARKEYWORDS: u32 = 0x0008;
pub const CO_NESTED: u32 = 0x0010;
pub const CO_GENERATOR: u32 = 0x0020;
pub const CO_NOFREE: u32 = 0x0040;
pub const CO_COROUTINE: u32 = 0x0080;
pub const CO_ITERABLE_COROUTINE: u32 = 0x0100;
pub const CO_ASYNC_GENERATOR: u32 = 0x0200;
pub const CO_FUTURE_DIVISION: u32 = 0x20000;
pub const CO_FUTURE_ABSOLUTE_IMPORT: u32 = 0x40000;
pub const CO_FUTURE_WITH_STATEMENT: u32 = 0x80000;
pub const CO_FUTURE_PRINT_FUNCTION: u32 = 0x100000;
pub const CO_FUTURE_UNICODE_LITERALS: u32 = 0x200000;
pub const CO_FUTURE_BARRY_AS_BDFL: u32 = 0x400000;
pub const CO_FUTURE_GENERATOR_STOP: u32 = 0x800000;
pub const CO_FUTURE_ANNOTATIONS: u32 = 0x1000000;

impl Op {
    /// The opcode a byte of `co_code` names, if any.
    pub fn from_byte(b: u8) -> Option<Op> {
        BY_BYTE[b as usize]
    }
    /// The byte of a real opcode; `None` for pseudo-instructions.
    pub fn byte(self) -> Option<u8> {
        let n = self as u16;
        if n < 256 {
            Some(n as u8)
        } else {
            None
        }
    }
    pub fn is_pseudo(self) -> bool {
        self as u16 >= 256
    }
    pub fn has_arg(self) -> bool {
        self.arg_kind() != ArgKind::None
    }
    pub fn is_jump(self) -> bool {
        matches!(self.arg_kind(), ArgKind::Jrel | ArgKind::Label)
            && !matches!(self, Op::SETUP_FINALLY | Op::SETUP_CLEANUP | Op::SETUP_WITH)
    }
    /// A jump whose target is before the instruction (real opcodes only).
    pub fn is_backward_jump(self) -> bool {
        matches!(
            self,
            Op::JUMP_BACKWARD
                | Op::JUMP_BACKWARD_NO_INTERRUPT
                | Op::POP_JUMP_BACKWARD_IF_NOT_NONE
                | Op::POP_JUMP_BACKWARD_IF_NONE
                | Op::POP_JUMP_BACKWARD_IF_FALSE
                | Op::POP_JUMP_BACKWARD_IF_TRUE
        )
    }
    /// Control never falls through to the next instruction.
    pub fn is_unconditional_exit(self) -> bool {
        matches!(
            self,
            Op::RETURN_VALUE
                | Op::RAISE_VARARGS
                | Op::RERAISE
                | Op::JUMP_FORWARD
                | Op::JUMP_BACKWARD
                | Op::JUMP_BACKWARD_NO_INTERRUPT
                | Op::JUMP
                | Op::JUMP_NO_INTERRUPT
        )
    }
    /// The instruction ends the frame (no successor at all).
    pub fn is_scope_exit(self) -> bool {
        matches!(self, Op::RETURN_VALUE | Op::RAISE_VARARGS | Op::RERAISE)
    }
}

static BY_BYTE: [Option<Op>; 256] = {
    let mut t: [Option<Op>; 256] = [None; 256];
    let mut i = 0;
    while i < ALL.len() {
        let n = ALL[i] as u16;
        if n < 256 {
            t[n as usize] = Some(ALL[i]);
        }
        i += 1;
    }
    t
};

/// `dis.opname`: the name of every byte value (`<N>` where none).
pub fn opname(b: u8) -> String {
    match Op::from_byte(b) {
        Some(op) => op.name().to_string(),
        None => format!("<{}>", b),
    }
}

/// Look an opcode up by name (real and pseudo).
pub fn by_name(name: &str) -> Option<Op> {
    ALL.iter().copied().find(|op| op.name() == name)
}

const _: () = assert!(HAVE_ARGUMENT as u16 == Op::STORE_NAME as u16);
