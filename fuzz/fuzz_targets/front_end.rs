//! Random and mutated Python source through the front end. Any panic, stack
//! overflow or timeout is a bug; rejections must be CPython's exception classes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = pyrite::parser::tokenizer::check_source(data) {
        assert!(matches!(e.class.name(), "SyntaxError" | "IndentationError" | "TabError"));
    }
});
