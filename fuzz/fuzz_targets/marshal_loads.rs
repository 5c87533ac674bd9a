//! Random and mutated bytes through `marshal.loads` (and so, for code objects,
//! through the bytecode verifier). Any panic, crash or hang is a bug; a
//! rejection must be an exception class CPython's marshal raises.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::Once;

static INIT: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    INIT.call_once(|| pyrite::capi::pylifecycle::Py_Initialize());
    // SAFETY: the runtime is initialised and this thread holds the GIL.
    unsafe {
        if pyrite::modules::marshal::loads(data).is_err() {
            let (t, v, tb) = pyrite::runtime::errors::fetch();
            let name = pyrite::objects::typeobject::type_name_str(t as *mut pyrite::PyTypeObject);
            assert!(
                matches!(name.as_str(), "EOFError" | "ValueError" | "UnicodeDecodeError" | "TypeError" | "SystemError" | "RecursionError" | "MemoryError"),
                "marshal.loads raised {name}"
            );
            pyrite::runtime::errors::restore(t, v, tb);
            pyrite::runtime::errors::clear();
        }
    }
});
