//! Interpreter frames and the per-thread data stack they live on (CPython
//! 3.11's `_PyInterpreterFrame` and `_PyThreadState_PushFrame`).
//!
//! Design note. A frame is a header followed by `co_nlocalsplus` local slots
//! (arguments, locals, cells, free variables) and `co_stacksize` value-stack
//! slots, all in one block carved from the thread's data stack: a chain of
//! chunks that never move, so a `*mut Frame` stays valid for the frame's
//! life. Pushing a frame is a pointer bump; popping moves the top back (a
//! chunk emptied this way is kept for the next push). The evaluator links
//! frames through `previous`; `is_entry` marks a frame entered from Rust/C,
//! where a return or an unhandled exception leaves the dispatch loop.
//! Generators keep their frame inside the generator object (`owner`), and a
//! frame object that outlives its frame receives a copy (frameobject.rs).
//! Invariant: slots `[0, stacktop)` of `localsplus` hold strong references or
//! null; everything above is garbage.
use crate::objects::codeobject::PyCodeObject;
use crate::objects::object::*;
use crate::objects::pyref::*;
use crate::runtime::errors::{self, PyResult};
use crate::runtime::pystate::PyThreadState;
use core::mem::size_of;
use core::ptr::null_mut;

/// Who owns a frame's memory.
pub const OWNED_BY_THREAD: u8 = 0;
pub const OWNED_BY_GENERATOR: u8 = 1;
pub const OWNED_BY_FRAME_OBJECT: u8 = 2;

#[repr(C)]
pub struct Frame {
    /// The function being run (strong).
    pub func: *mut PyObject,
    /// Borrowed from `func`.
    pub globals: *mut PyObject,
    /// Borrowed from `func`.
    pub builtins: *mut PyObject,
    /// The locals mapping of module/class bodies and `exec` (strong), or null.
    pub locals: *mut PyObject,
    /// Strong.
    pub code: *mut PyCodeObject,
    /// The frame object made for this frame, if any (strong).
    pub frame_obj: *mut PyObject,
    pub previous: *mut Frame,
    /// The instruction being executed (or last executed): a code-unit pointer
    /// into `code.co_code_adaptive`. Before the first instruction it points one
    /// unit before the start.
    pub prev_instr: *mut u16,
    /// Index of the first free stack slot, counted from `localsplus`.
    pub stacktop: i32,
    pub is_entry: u8,
    pub owner: u8,
    pub localsplus: [*mut PyObject; 0],
}

/// Words (pointers) a frame header takes on the data stack.
pub const HEADER_WORDS: usize = size_of::<Frame>().div_ceil(size_of::<*mut PyObject>());

impl Frame {
    #[inline(always)]
    pub unsafe fn locals_ptr(this: *mut Frame) -> *mut *mut PyObject {
        unsafe { (&raw mut (*this).localsplus) as *mut *mut PyObject }
    }
    #[inline(always)]
    pub unsafe fn first_instr(this: *mut Frame) -> *mut u16 {
        unsafe { (&raw mut (*(*this).code).co_code_adaptive) as *mut u16 }
    }
    /// Offset in code units of the current instruction.
    #[inline]
    pub unsafe fn lasti(this: *mut Frame) -> i32 {
        unsafe { (*this).prev_instr.offset_from(Frame::first_instr(this)) as i32 }
    }
    /// Words this frame needs (header, locals, value stack).
    pub unsafe fn size_words(code: *mut PyCodeObject) -> usize {
        unsafe { HEADER_WORDS + (*code).co_nlocalsplus as usize + (*code).co_stacksize as usize }
    }
}

/// One chunk of the data stack.
#[repr(C)]
pub struct Chunk {
    pub previous: *mut Chunk,
    /// Words in `data`.
    pub size: usize,
    /// Saved top of the previous chunk when this one was entered.
    pub saved_top: *mut *mut PyObject,
    pub data: [*mut PyObject; 0],
}

const CHUNK_WORDS: usize = 16 * 1024;

/// The data-stack fields of a thread state.
#[repr(C)]
pub struct DataStack {
    pub chunk: *mut Chunk,
    pub top: *mut *mut PyObject,
    pub limit: *mut *mut PyObject,
}

impl DataStack {
    pub const fn new() -> DataStack {
        DataStack { chunk: null_mut(), top: null_mut(), limit: null_mut() }
    }
}

impl Default for DataStack {
    fn default() -> Self {
        Self::new()
    }
}

unsafe fn new_chunk(words: usize, previous: *mut Chunk) -> *mut Chunk {
    unsafe {
        let bytes = size_of::<Chunk>() + words * size_of::<*mut PyObject>();
        let c = libc::malloc(bytes) as *mut Chunk;
        if c.is_null() {
            return c;
        }
        (*c).previous = previous;
        (*c).size = words;
        (*c).saved_top = null_mut();
        c
    }
}

/// Reserve `words` words on the thread's data stack (uninitialised).
pub unsafe fn push_words(ds: &mut DataStack, words: usize) -> PyResult<*mut *mut PyObject> {
    unsafe {
        if !ds.top.is_null() && (ds.limit.offset_from(ds.top) as usize) >= words {
            let p = ds.top;
            ds.top = ds.top.add(words);
            return Ok(p);
        }
        // A new chunk (or the next one kept from before).
        let size = words.max(CHUNK_WORDS);
        let c = new_chunk(size, ds.chunk);
        if c.is_null() {
            return Err(errors::no_memory());
        }
        (*c).saved_top = ds.top;
        ds.chunk = c;
        let base = (&raw mut (*c).data) as *mut *mut PyObject;
        ds.limit = base.add(size);
        ds.top = base.add(words);
        Ok(base)
    }
}

/// Release the block starting at `base` (the most recent push).
pub unsafe fn pop_words(ds: &mut DataStack, base: *mut *mut PyObject) {
    unsafe {
        let c = ds.chunk;
        if !c.is_null() && base == (&raw mut (*c).data) as *mut *mut PyObject {
            // The chunk is empty again: go back to the previous one.
            ds.top = (*c).saved_top;
            ds.chunk = (*c).previous;
            ds.limit = if ds.chunk.is_null() {
                null_mut()
            } else {
                ((&raw mut (*ds.chunk).data) as *mut *mut PyObject).add((*ds.chunk).size)
            };
            libc::free(c as *mut libc::c_void);
        } else {
            ds.top = base;
        }
    }
}

/// Free every chunk (thread-state teardown).
pub unsafe fn free_all(ds: &mut DataStack) {
    unsafe {
        let mut c = ds.chunk;
        while !c.is_null() {
            let p = (*c).previous;
            libc::free(c as *mut libc::c_void);
            c = p;
        }
        *ds = DataStack::new();
    }
}

/// Push a frame for `func` (a function object) with its slots nulled; the
/// caller fills the arguments. Takes a new reference to `func`, `code`
/// and `locals`.
pub unsafe fn push_frame(ts: *mut PyThreadState, func: *mut PyObject, locals: *mut PyObject) -> PyResult<*mut Frame> {
    unsafe {
        let f = func as *mut crate::objects::funcobject::PyFunctionObject;
        let code = (*f).func_code as *mut PyCodeObject;
        let words = Frame::size_words(code);
        let base = push_words(&mut (*ts).datastack, words)?;
        let frame = base as *mut Frame;
        init_frame(frame, func, locals);
        Ok(frame)
    }
}

/// Initialise a frame header in place (memory from the data stack or a
/// generator): references taken to func, code and locals; locals nulled.
pub unsafe fn init_frame(frame: *mut Frame, func: *mut PyObject, locals: *mut PyObject) {
    unsafe {
        let f = func as *mut crate::objects::funcobject::PyFunctionObject;
        let code = (*f).func_code as *mut PyCodeObject;
        (*frame).func = new_ref(func);
        (*frame).globals = (*f).func_globals;
        (*frame).builtins = (*f).func_builtins;
        (*frame).locals = if locals.is_null() { locals } else { new_ref(locals) };
        (*frame).code = new_ref(code as *mut PyObject) as *mut PyCodeObject;
        (*frame).frame_obj = null_mut();
        (*frame).previous = null_mut();
        (*frame).prev_instr = Frame::first_instr(frame).sub(1);
        let n = (*code).co_nlocalsplus as usize;
        (*frame).stacktop = n as i32;
        (*frame).is_entry = 0;
        (*frame).owner = OWNED_BY_THREAD;
        core::ptr::write_bytes(Frame::locals_ptr(frame), 0, n);
    }
}

/// Drop every reference a frame holds (its slots up to `stacktop`, locals,
/// code, function). The frame object, if any, takes over a copy first
/// (frameobject::take_ownership) when it is still referenced.
pub unsafe fn clear_frame(frame: *mut Frame) {
    unsafe {
        let lp = Frame::locals_ptr(frame);
        for i in 0..(*frame).stacktop as usize {
            xdecref(*lp.add(i));
        }
        (*frame).stacktop = 0;
        xdecref((*frame).locals);
        (*frame).locals = null_mut();
        decref((*frame).code as *mut PyObject);
        decref((*frame).func);
    }
}

/// Pop the top frame of the thread (after its evaluation ended).
pub unsafe fn pop_frame(ts: *mut PyThreadState, frame: *mut Frame) {
    unsafe {
        if !(*frame).frame_obj.is_null() {
            let fo = (*frame).frame_obj;
            (*frame).frame_obj = null_mut();
            if (*fo).ob_refcnt > 1 {
                // Someone still holds the frame object: it gets a copy.
                crate::objects::frameobject::take_ownership(fo, frame);
                decref(fo);
                pop_words(&mut (*ts).datastack, frame as *mut *mut PyObject);
                return;
            }
            crate::objects::frameobject::detach(fo);
            decref(fo);
        }
        clear_frame(frame);
        pop_words(&mut (*ts).datastack, frame as *mut *mut PyObject);
    }
}
