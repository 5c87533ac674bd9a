//! obmalloc — pyrite's small-object allocator ("pymalloc") and the three
//! allocator families of the C API.
//!
//! # What this file owns
//!
//! * `raw_*`    — `PyMem_Raw*`: the system allocator (libc), callable without the
//!   GIL from any thread.
//! * `mem_*`    — `PyMem_*` and
//! * `object_*` — `PyObject_*`: pymalloc. The caller holds the GIL; the pool
//!   state below is *not* synchronised beyond that.
//! * the `PYTHONMALLOC` mode (`pymalloc`, `malloc`, `debug`, `malloc_debug`),
//!   the debug hooks, and the statistics (`live_bytes`, `allocated_blocks`,
//!   `print_stats` for `sys._debugmallocstats()`).
//!
//! # How pymalloc works
//!
//! Requests of 1..=512 bytes (0 is treated as 1) are rounded up to a multiple
//! of 16, giving 32 *size classes*.  Memory is taken from the OS in 1 MiB
//! *arenas* (`mmap`, aligned to 1 MiB).  An arena is cut into 64 *pools* of
//! 16 KiB; a pool serves one size class at a time.  Its first `POOL_OVERHEAD`
//! bytes are a `Pool` header, the rest are blocks.
//!
//! (The header actually sits 0..448 bytes into its pool, "coloured" by the
//! pool's number so that headers spread over L1 cache sets: `pool_at`.)
//! Because arenas are arena-aligned, the pool of a block is `p & !POOL_MASK`,
//! and "is this pointer ours" is one bit in a two-level radix bitmap keyed by
//! `p >> ARENA_BITS` (`arena_map_*`).  The test never reads memory at `p`, so
//! it is correct for any pointer, including ones from libc `malloc`.
//!
//! * `usedpools[c]` lists the pools of class `c` that are partly used, and
//!   `curpool[c]` is the one allocations pop from: the pool of the block
//!   freed last (so reuse is LIFO and cache-warm, like glibc's tcache), or
//!   the list head once that pool fills up. CPython instead always allocates
//!   from the head; measured here (benches/alloc_ratio.rs) that is ~15% faster
//!   on a random-size churn but ~2.4x slower on a fixed-size churn, where the
//!   block handed out is a cold one and pools flip between full and not.
//! * A pool's freed blocks form a singly linked list through their first
//!   word (`freeblock`); when it is empty, fresh blocks are carved at
//!   `nextoffset` until `maxnextoffset`. A pool found full by the slow path
//!   leaves `usedpools` and is marked `unlinked`; the next free into it puts it
//!   back. Detecting fullness lazily keeps both fast paths free of branches
//!   whose outcome depends on the pool (CPython unlinks eagerly, which made a
//!   fixed-size churn mispredict on every other step).
//! * `usable_arenas` lists arenas with at least one free pool, sorted by
//!   `nfreepools` ascending, so new pools come from the fullest arenas and
//!   nearly empty ones drain. `nfp2lasta[n]` is the last arena in that list
//!   with `n` free pools, which keeps re-sorting O(1) on every pool release.
//! * An arena whose pools are all free is unmapped, unless it is the only
//!   usable arena (hysteresis against map/unmap thrashing at a boundary).
//!
//! # Invariants (checked by `check_invariants` in tests)
//!
//! 1. A carved pool is in exactly one of: `usedpools[szidx]` (count > 0, or 0
//!    for the one `spare` pool kept by `pool_became_empty`;
//!    possibly full — fullness is found lazily by the allocation slow path),
//!    unlinked (`unlinked == 1`, count == capacity), or its arena's
//!    `freepools` (count == 0). Pools at or above the arena's `pool_address`
//!    were never carved. `curpool[c]` is a member of `usedpools[c]`, null iff
//!    the list is empty.
//! 2. An arena is in `usable_arenas` iff `nfreepools > 0`; the list is sorted by
//!    `nfreepools` ascending; `nfp2lasta[n]` is null or the last arena with `n`.
//! 3. `BIG_BYTES` / `BIG_BLOCKS` count every libc block handed out by `mem_*`
//!    / `object_*` and not yet freed (by `malloc_usable_size`); pool blocks are
//!    counted by `Pool::count` only; raw allocations are not counted.
//!
//! # Debug hooks (`PYTHONMALLOC=debug` / `malloc_debug`)
//!
//! Every block of every family (raw included) is laid out as
//! `[size: usize][api id: u8][7 x 0xFD] data[size] [8 x 0xFD]`.  New data is
//! filled with 0xCD (not for calloc), freed blocks with 0xDD.  Free and
//! realloc verify the id ('r', 'm', 'o') and both guards and abort with a
//! CPython-style "Fatal Python error" on a mismatch.
//!
//! # Tunables
//!
//! ```text
//! ALIGNMENT                 16        block alignment and size-class step
//! SMALL_REQUEST_THRESHOLD  512        larger requests go to libc malloc
//! POOL_BITS                 14        16 KiB pools
//! ARENA_BITS                20        1 MiB arenas (64 pools each)
//! ADDRESS_BITS              48        user address space covered by the arena map
//! MAP_LEAF_BITS             14        arena-map leaf: 2^14 arenas = 2 KiB bitmap
//! ```
#![deny(unsafe_op_in_unsafe_fn)]
#![allow(
    clippy::manual_is_multiple_of,
    reason = "const assertions read as the arithmetic they check"
)]

use libc::c_void;
use std::cell::UnsafeCell;
use std::io::Write;
use std::ptr;
use std::sync::atomic::{AtomicIsize, AtomicU8, Ordering::Relaxed};

// ---------------------------------------------------------------------------
// Tunables
// ---------------------------------------------------------------------------

const ALIGNMENT_SHIFT: usize = 4;
const ALIGNMENT: usize = 1 << ALIGNMENT_SHIFT;
const SMALL_REQUEST_THRESHOLD: usize = 512;
const NB_SMALL_SIZE_CLASSES: usize = SMALL_REQUEST_THRESHOLD / ALIGNMENT;

const POOL_BITS: usize = 14;
const POOL_SIZE: usize = 1 << POOL_BITS;
const POOL_MASK: usize = POOL_SIZE - 1;

const ARENA_BITS: usize = 20;
const ARENA_SIZE: usize = 1 << ARENA_BITS;
const POOLS_PER_ARENA: usize = ARENA_SIZE / POOL_SIZE;

const ADDRESS_BITS: usize = 48;
const MAP_LEAF_BITS: usize = 14;
const MAP_ROOT_BITS: usize = ADDRESS_BITS - ARENA_BITS - MAP_LEAF_BITS;
const MAP_ROOT_LEN: usize = 1 << MAP_ROOT_BITS;
const MAP_LEAF_WORDS: usize = (1 << MAP_LEAF_BITS) / 64;

/// Bytes at the start of each pool taken by its header, rounded to ALIGNMENT.
const POOL_OVERHEAD: usize = (std::mem::size_of::<Pool>() + ALIGNMENT - 1) & !(ALIGNMENT - 1);

const _: () = assert!(ALIGNMENT >= std::mem::size_of::<*mut u8>());
const _: () = assert!(SMALL_REQUEST_THRESHOLD % ALIGNMENT == 0);
const _: () = assert!(NB_SMALL_SIZE_CLASSES == 32);
const _: () = assert!(POOL_SIZE % ALIGNMENT == 0);
const _: () = assert!(ARENA_SIZE % POOL_SIZE == 0);
const _: () = assert!(POOLS_PER_ARENA <= u32::MAX as usize);
const _: () = assert!(POOL_OVERHEAD % ALIGNMENT == 0);
// Every pool must hold at least two blocks of the largest class, so a pool that
// was full can never become empty by a single free (see `pymalloc_free`).
const _: () = assert!((POOL_SIZE - POOL_OVERHEAD) / SMALL_REQUEST_THRESHOLD >= 2);
const _: () = assert!((1 << MAP_LEAF_BITS) % 64 == 0);
const _: () = assert!(ARENA_BITS + MAP_LEAF_BITS + MAP_ROOT_BITS == ADDRESS_BITS);

/// Pool headers are coloured: the header of the pool at `base` sits
/// `pool_header_offset(base)` bytes in (0, 64, ..., 448 by the pool's number),
/// with the pool's blocks after it. Pools are 16 KiB-aligned, so uncoloured
/// headers would all fall in the same L1 cache set (8 ways): with more than
/// 8 pools in use every free missed on its pool header. Any address inside
/// the pool gives the same offset.
const POOL_COLORS: usize = 8;
const COLOR_STRIDE: usize = 64;
const _: () = assert!((POOL_SIZE - (POOL_COLORS - 1) * COLOR_STRIDE - POOL_OVERHEAD) / SMALL_REQUEST_THRESHOLD >= 2);

#[inline(always)]
const fn pool_header_offset(addr: usize) -> usize {
    ((addr >> POOL_BITS) & (POOL_COLORS - 1)) * COLOR_STRIDE
}

/// The header of the pool whose first byte is `base`.
#[inline(always)]
fn pool_at(base: usize) -> *mut Pool {
    (base + pool_header_offset(base)) as *mut Pool
}

/// The header of the pool holding block `p`.
#[inline(always)]
fn pool_of_block(p: usize) -> *mut Pool {
    pool_at(p & !POOL_MASK)
}

/// Capacity in blocks of the pool with header `pool`, of size class `idx`.
fn pool_capacity_at(pool: *const Pool, idx: usize) -> usize {
    (POOL_SIZE - pool_header_offset(pool as usize) - POOL_OVERHEAD) / index2size(idx)
}

#[inline(always)]
const fn index2size(idx: usize) -> usize {
    (idx + 1) << ALIGNMENT_SHIFT
}

// ---------------------------------------------------------------------------
// Mode
// ---------------------------------------------------------------------------

const MODE_UNINIT: u8 = 0;
const MODE_PYMALLOC: u8 = 1;
const MODE_MALLOC: u8 = 2;
const MODE_PYMALLOC_DEBUG: u8 = 3;
const MODE_MALLOC_DEBUG: u8 = 4;

/// Allocator mode, written once (UNINIT -> one of the others) and read with a
/// relaxed load on every call.
static MODE: AtomicU8 = AtomicU8::new(MODE_UNINIT);

/// Reads `PYTHONMALLOC` once and fixes the allocator mode. Later calls do
/// nothing: the mode must not change once blocks exist. An unknown value is a
/// fatal startup error, as in CPython.
pub fn set_mode_from_env() {
    if MODE.load(Relaxed) != MODE_UNINIT {
        return;
    }
    // SAFETY: getenv with a NUL-terminated name; the result is read at once.
    let value = unsafe {
        let v = libc::getenv(c"PYTHONMALLOC".as_ptr());
        if v.is_null() {
            Vec::new()
        } else {
            std::ffi::CStr::from_ptr(v).to_bytes().to_vec()
        }
    };
    let mode = match &value[..] {
        b"" | b"pymalloc" | b"default" => MODE_PYMALLOC,
        b"malloc" => MODE_MALLOC,
        b"debug" | b"pymalloc_debug" => MODE_PYMALLOC_DEBUG,
        b"malloc_debug" => MODE_MALLOC_DEBUG,
        _ => {
            let _ = std::io::stderr().write_all(
                b"Fatal Python error: preconfig_init_allocator: PYTHONMALLOC: unknown allocator\n\
                  Python runtime state: preinitializing\n",
            );
            std::process::exit(1);
        }
    };
    // Two threads may race here at startup; both computed the same value.
    let _ = MODE.compare_exchange(MODE_UNINIT, mode, Relaxed, Relaxed);
}

#[inline(always)]
fn mode() -> u8 {
    let m = MODE.load(Relaxed);
    if m != MODE_UNINIT {
        return m;
    }
    set_mode_from_env();
    MODE.load(Relaxed)
}

// ---------------------------------------------------------------------------
// Statistics counters (written under the GIL, readable from anywhere)
// ---------------------------------------------------------------------------

/// Bytes and blocks of live libc-backed blocks of mem_*/object_* (big blocks,
/// and everything under PYTHONMALLOC=malloc). Pool blocks are not counted on
/// the hot path: `live_bytes`/`allocated_blocks` add them up from the pool
/// headers, which already hold a per-pool count.
static BIG_BYTES: AtomicIsize = AtomicIsize::new(0);
static BIG_BLOCKS: AtomicIsize = AtomicIsize::new(0);

/// Plain load + store: writers are serialised by the GIL, so no locked RMW.
#[inline(always)]
fn count_alloc(bytes: usize) {
    BIG_BYTES.store(BIG_BYTES.load(Relaxed) + bytes as isize, Relaxed);
    BIG_BLOCKS.store(BIG_BLOCKS.load(Relaxed) + 1, Relaxed);
}

#[inline(always)]
fn count_free(bytes: usize) {
    BIG_BYTES.store(BIG_BYTES.load(Relaxed) - bytes as isize, Relaxed);
    BIG_BLOCKS.store(BIG_BLOCKS.load(Relaxed) - 1, Relaxed);
}

/// (bytes, blocks) in use in pools, summed over all carved pools.
fn pool_usage() -> (isize, isize) {
    // SAFETY: read-only walk under the GIL (see `live_bytes`).
    let st = unsafe { state() };
    let (mut bytes, mut blocks) = (0isize, 0isize);
    let mut ao = st.all_arenas;
    while !ao.is_null() {
        // SAFETY: arenas on the all-list are mapped; pools below
        // pool_address have initialised headers.
        unsafe {
            let a = &*ao;
            let mut pa = a.address;
            while pa < a.pool_address {
                let pool = &*pool_at(pa);
                bytes += (pool.count as usize * index2size(pool.szidx as usize)) as isize;
                blocks += pool.count as isize;
                pa += POOL_SIZE;
            }
            ao = a.all_next;
        }
    }
    (bytes, blocks)
}

/// Bytes currently allocated through `mem_*` and `object_*` (not `raw_*`):
/// the class size of each pool block plus `malloc_usable_size` of each libc
/// block. Walks the arenas (O(arenas)); the caller holds the GIL.
pub fn live_bytes() -> isize {
    pool_usage().0 + BIG_BYTES.load(Relaxed)
}

/// Number of live blocks from `mem_*` / `object_*` (`sys.getallocatedblocks()`).
/// Walks the arenas (O(arenas)); the caller holds the GIL.
pub fn allocated_blocks() -> isize {
    pool_usage().1 + BIG_BLOCKS.load(Relaxed)
}

// ---------------------------------------------------------------------------
// Pool and arena structures
// ---------------------------------------------------------------------------

/// Header at the start of every carved pool.
#[repr(C)]
struct Pool {
    /// Blocks in use.
    count: u32,
    /// Size class index.
    szidx: u16,
    /// 1 when the pool was found full and unlinked from `usedpools`.
    unlinked: u16,
    /// Head of the free-block list (freed blocks); null when empty, which
    /// does not mean full: blocks may still be carved at `nextoffset`.
    freeblock: *mut u8,
    /// `usedpools` links, or the arena's `freepools` link (nextpool only).
    nextpool: *mut Pool,
    prevpool: *mut Pool,
    arena: *mut Arena,
    /// Offset of the next never-used block, and the last offset where one fits.
    nextoffset: u32,
    maxnextoffset: u32,
}

/// Bookkeeping for one arena; allocated with libc and never moved, recycled
/// through `unused_arena_objects`.
struct Arena {
    address: usize,
    /// First never-carved pool.
    pool_address: usize,
    nfreepools: u32,
    ntotalpools: u32,
    /// Singly linked list of empty pools (through `Pool::nextpool`).
    freepools: *mut Pool,
    /// `usable_arenas` links (or `unused_arena_objects` via `nextarena`).
    nextarena: *mut Arena,
    prevarena: *mut Arena,
    /// List of all mapped arenas, for statistics.
    all_next: *mut Arena,
    all_prev: *mut Arena,
}

struct State {
    usedpools: [*mut Pool; NB_SMALL_SIZE_CLASSES],
    /// The pool each class allocates from: a member of `usedpools[c]`, null
    /// iff that list is empty. Set to the pool of the last freed block, so
    /// allocation is LIFO (the block freed last is handed out first, while
    /// it is still in cache) without reordering the list.
    curpool: [*mut Pool; NB_SMALL_SIZE_CLASSES],
    usable_arenas: *mut Arena,
    nfp2lasta: [*mut Arena; POOLS_PER_ARENA + 1],
    all_arenas: *mut Arena,
    unused_arena_objects: *mut Arena,
    arenas_allocated_total: usize,
    arenas_reclaimed: usize,
    arenas_current: usize,
    arenas_highwater: usize,
    map_leaves: usize,
    /// At most one pool kept linked in its `usedpools` list although it has
    /// no block in use (see `pool_became_empty`); null if none.
    spare: *mut Pool,
    /// Arena map root: bit `k & leaf mask` of leaf `k >> MAP_LEAF_BITS` is set
    /// iff the 1 MiB region number `k = p >> ARENA_BITS` is one of our arenas.
    map_root: [*mut u64; MAP_ROOT_LEN],
}

struct GlobalState(UnsafeCell<State>);
// SAFETY: the state is only touched by mem_*/object_*/print_stats, whose
// callers hold the GIL, which serialises all access.
unsafe impl Sync for GlobalState {}

static STATE: GlobalState = GlobalState(UnsafeCell::new(State {
    usedpools: [ptr::null_mut(); NB_SMALL_SIZE_CLASSES],
    curpool: [ptr::null_mut(); NB_SMALL_SIZE_CLASSES],
    usable_arenas: ptr::null_mut(),
    nfp2lasta: [ptr::null_mut(); POOLS_PER_ARENA + 1],
    all_arenas: ptr::null_mut(),
    unused_arena_objects: ptr::null_mut(),
    arenas_allocated_total: 0,
    arenas_reclaimed: 0,
    arenas_current: 0,
    arenas_highwater: 0,
    map_leaves: 0,
    spare: ptr::null_mut(),
    map_root: [ptr::null_mut(); MAP_ROOT_LEN],
}));

/// The pymalloc state.
///
/// # Safety
/// The caller holds the GIL and keeps the reference for one entry point only
/// (no two live `&mut State` at once).
#[inline(always)]
unsafe fn state() -> &'static mut State {
    // SAFETY: exclusive access is guaranteed by the GIL (see above).
    unsafe { &mut *STATE.0.get() }
}

// ---------------------------------------------------------------------------
// Arena map
// ---------------------------------------------------------------------------

/// Is `p` inside one of our arenas? Never dereferences `p`.
#[inline(always)]
fn address_in_range(st: &State, p: usize) -> bool {
    let k = p >> ARENA_BITS;
    let Some(&leaf) = st.map_root.get(k >> MAP_LEAF_BITS) else {
        return false;
    };
    if leaf.is_null() {
        return false;
    }
    let bit = k & ((1 << MAP_LEAF_BITS) - 1);
    // SAFETY: a non-null leaf is a live MAP_LEAF_WORDS-word allocation and
    // bit >> 6 < MAP_LEAF_WORDS.
    unsafe { (*leaf.add(bit >> 6) >> (bit & 63)) & 1 != 0 }
}

/// Sets or clears the map bit of the arena at `base`; false if a leaf could
/// not be allocated.
fn arena_map_mark(st: &mut State, base: usize, used: bool) -> bool {
    let k = base >> ARENA_BITS;
    let ri = k >> MAP_LEAF_BITS;
    if ri >= MAP_ROOT_LEN {
        return false;
    }
    if st.map_root[ri].is_null() {
        if !used {
            return true;
        }
        // SAFETY: plain libc allocation; leaves are never freed.
        let leaf = unsafe { libc::calloc(MAP_LEAF_WORDS, 8) } as *mut u64;
        if leaf.is_null() {
            return false;
        }
        st.map_root[ri] = leaf;
        st.map_leaves += 1;
    }
    let bit = k & ((1 << MAP_LEAF_BITS) - 1);
    // SAFETY: leaf is live and bit >> 6 < MAP_LEAF_WORDS.
    unsafe {
        let w = st.map_root[ri].add(bit >> 6);
        if used {
            *w |= 1 << (bit & 63);
        } else {
            *w &= !(1 << (bit & 63));
        }
    }
    true
}

// ---------------------------------------------------------------------------
// Arenas
// ---------------------------------------------------------------------------

/// Maps ARENA_SIZE bytes aligned to ARENA_SIZE, or returns 0.
fn map_aligned_arena() -> usize {
    let prot = libc::PROT_READ | libc::PROT_WRITE;
    let flags = libc::MAP_PRIVATE | libc::MAP_ANONYMOUS;
    // SAFETY: anonymous mappings; we only unmap parts of what we mapped.
    unsafe {
        let p = libc::mmap(ptr::null_mut(), 2 * ARENA_SIZE, prot, flags, -1, 0);
        if p == libc::MAP_FAILED {
            return 0;
        }
        let start = p as usize;
        let base = (start + ARENA_SIZE - 1) & !(ARENA_SIZE - 1);
        if base > start {
            libc::munmap(start as *mut c_void, base - start);
        }
        let end = start + 2 * ARENA_SIZE;
        if end > base + ARENA_SIZE {
            libc::munmap((base + ARENA_SIZE) as *mut c_void, end - base - ARENA_SIZE);
        }
        base
    }
}

/// Allocates a fresh arena and makes it the (only) usable arena.
/// Precondition: `usable_arenas` is empty.
#[cold]
#[inline(never)]
fn new_arena(st: &mut State) -> bool {
    debug_assert!(st.usable_arenas.is_null());
    let base = map_aligned_arena();
    if base == 0 {
        return false;
    }
    if !arena_map_mark(st, base, true) {
        // SAFETY: unmapping the arena we just mapped.
        unsafe { libc::munmap(base as *mut c_void, ARENA_SIZE) };
        return false;
    }
    let ao = if st.unused_arena_objects.is_null() {
        // SAFETY: plain libc allocation of an Arena-sized block.
        let a = unsafe { libc::malloc(std::mem::size_of::<Arena>()) } as *mut Arena;
        if a.is_null() {
            arena_map_mark(st, base, false);
            // SAFETY: as above.
            unsafe { libc::munmap(base as *mut c_void, ARENA_SIZE) };
            return false;
        }
        a
    } else {
        let a = st.unused_arena_objects;
        // SAFETY: arena objects on the unused list are live allocations.
        st.unused_arena_objects = unsafe { (*a).nextarena };
        a
    };
    // SAFETY: ao points to writable memory for one Arena; the all-list head
    // is null or a live arena.
    unsafe {
        ao.write(Arena {
            address: base,
            pool_address: base,
            nfreepools: POOLS_PER_ARENA as u32,
            ntotalpools: POOLS_PER_ARENA as u32,
            freepools: ptr::null_mut(),
            nextarena: ptr::null_mut(),
            prevarena: ptr::null_mut(),
            all_next: st.all_arenas,
            all_prev: ptr::null_mut(),
        });
        if !st.all_arenas.is_null() {
            (*st.all_arenas).all_prev = ao;
        }
    }
    st.all_arenas = ao;
    st.usable_arenas = ao;
    st.nfp2lasta[POOLS_PER_ARENA] = ao;
    st.arenas_allocated_total += 1;
    st.arenas_current += 1;
    st.arenas_highwater = st.arenas_highwater.max(st.arenas_current);
    true
}

/// Returns an arena (already unlinked from `usable_arenas`) to the OS.
///
/// # Safety
/// `ao` is a live arena with every pool free and in no usable list.
#[cold]
#[inline(never)]
unsafe fn free_arena(st: &mut State, ao: *mut Arena) {
    // SAFETY: per the contract, ao and its all-list neighbours are live.
    unsafe {
        let a = &mut *ao;
        arena_map_mark(st, a.address, false);
        libc::munmap(a.address as *mut c_void, ARENA_SIZE);
        if a.all_prev.is_null() {
            st.all_arenas = a.all_next;
        } else {
            (*a.all_prev).all_next = a.all_next;
        }
        if !a.all_next.is_null() {
            (*a.all_next).all_prev = a.all_prev;
        }
        a.address = 0;
        a.nextarena = st.unused_arena_objects;
    }
    st.unused_arena_objects = ao;
    st.arenas_reclaimed += 1;
    st.arenas_current -= 1;
}

/// Unlinks `ao` from `usable_arenas`.
///
/// # Safety
/// `ao` is a live arena in the usable list.
unsafe fn usable_unlink(st: &mut State, ao: *mut Arena) {
    // SAFETY: list members and their neighbours are live arenas.
    unsafe {
        let (prev, next) = ((*ao).prevarena, (*ao).nextarena);
        if prev.is_null() {
            st.usable_arenas = next;
        } else {
            (*prev).nextarena = next;
        }
        if !next.is_null() {
            (*next).prevarena = prev;
        }
        (*ao).nextarena = ptr::null_mut();
        (*ao).prevarena = ptr::null_mut();
    }
}

// ---------------------------------------------------------------------------
// Pools
// ---------------------------------------------------------------------------

/// Pushes `pool` on the head of `usedpools[idx]`.
///
/// # Safety
/// `pool` is a carved pool in no list.
#[inline(always)]
unsafe fn usedpools_push(st: &mut State, idx: usize, pool: *mut Pool) {
    let head = st.usedpools[idx];
    // SAFETY: pool and head (if any) are live pool headers.
    unsafe {
        (*pool).prevpool = ptr::null_mut();
        (*pool).nextpool = head;
        if !head.is_null() {
            (*head).prevpool = pool;
        }
    }
    st.usedpools[idx] = pool;
}

/// Unlinks `pool` from `usedpools[idx]`.
///
/// # Safety
/// `pool` is in `usedpools[idx]`.
#[inline(always)]
unsafe fn usedpools_unlink(st: &mut State, idx: usize, pool: *mut Pool) {
    // SAFETY: list members are live pool headers.
    unsafe {
        let (prev, next) = ((*pool).prevpool, (*pool).nextpool);
        if prev.is_null() {
            st.usedpools[idx] = next;
        } else {
            (*prev).nextpool = next;
        }
        if !next.is_null() {
            (*next).prevpool = prev;
        }
    }
}

/// Slow path of allocation: `usedpools[idx]` is empty, so take a pool from
/// the fullest usable arena (mapping a new arena if needed).
#[cold]
#[inline(never)]
fn allocate_from_new_pool(st: &mut State, idx: usize) -> *mut u8 {
    if st.usable_arenas.is_null() && !new_arena(st) {
        return ptr::null_mut();
    }
    let ao = st.usable_arenas;
    // SAFETY: ao is the live head of the usable list and has a free pool;
    // the pool we take lies inside its mapping.
    unsafe {
        let a = &mut *ao;
        let nf = a.nfreepools as usize;
        debug_assert!(nf > 0);
        let pool: *mut Pool = if !a.freepools.is_null() {
            let p = a.freepools;
            a.freepools = (*p).nextpool;
            p
        } else {
            let p = pool_at(a.pool_address);
            a.pool_address += POOL_SIZE;
            p
        };
        a.nfreepools -= 1;
        // The head has the fewest free pools, so after the decrement it is
        // alone in group nf-1; group nf loses it if it was its last member.
        if st.nfp2lasta[nf] == ao {
            st.nfp2lasta[nf] = ptr::null_mut();
        }
        if nf > 1 {
            st.nfp2lasta[nf - 1] = ao;
        } else {
            usable_unlink(st, ao);
        }

        let size = index2size(idx);
        let first = (pool as *mut u8).add(POOL_OVERHEAD);
        pool.write(Pool {
            count: 1,
            szidx: idx as u16,
            unlinked: 0,
            freeblock: ptr::null_mut(),
            nextpool: ptr::null_mut(),
            prevpool: ptr::null_mut(),
            arena: ao,
            nextoffset: (POOL_OVERHEAD + size) as u32,
            maxnextoffset: (POOL_SIZE - pool_header_offset(pool as usize) - size) as u32,
        });
        usedpools_push(st, idx, pool);
        st.curpool[idx] = pool;
        first
    }
}

/// Allocation slow path: `curpool[idx]` has no freed block to hand out.
/// Carve a fresh block from it; if it is full, unlink it and move on to the
/// next pool of the list (unlinking the full ones met on the way), and to a
/// new pool when the list runs out.
#[inline(never)]
fn pool_refill_alloc(st: &mut State, idx: usize) -> *mut u8 {
    loop {
        let pool = st.curpool[idx];
        if pool.is_null() {
            return allocate_from_new_pool(st, idx);
        }
        // SAFETY: curpool is a live pool of usedpools[idx]; carved blocks stay
        // inside the pool because nextoffset <= maxnextoffset = POOL_SIZE - size.
        unsafe {
            let p = &mut *pool;
            let bp = p.freeblock;
            if !bp.is_null() {
                p.freeblock = *(bp as *mut *mut u8);
                p.count += 1;
                return bp;
            }
            if p.nextoffset <= p.maxnextoffset {
                let bp = (pool as *mut u8).add(p.nextoffset as usize);
                p.nextoffset += index2size(idx) as u32;
                p.count += 1;
                return bp;
            }
            // Full: leave the list until a block is freed into it.
            usedpools_unlink(st, idx, pool);
            p.unlinked = 1;
            st.curpool[idx] = st.usedpools[idx];
        }
    }
}

/// Allocates a block for a request of `n <= SMALL_REQUEST_THRESHOLD` bytes.
#[inline(always)]
fn pymalloc_alloc_small(st: &mut State, n: usize) -> *mut u8 {
    debug_assert!(n <= SMALL_REQUEST_THRESHOLD);
    let idx = n.saturating_sub(1) >> ALIGNMENT_SHIFT;
    let pool = st.curpool[idx & (NB_SMALL_SIZE_CLASSES - 1)];
    if !pool.is_null() {
        // SAFETY: curpool is a live pool; a non-null freeblock is a free block
        // whose first word is the next free block (or null).
        unsafe {
            let p = &mut *pool;
            let bp = p.freeblock;
            if !bp.is_null() {
                p.freeblock = *(bp as *mut *mut u8);
                p.count += 1;
                return bp;
            }
            if p.nextoffset <= p.maxnextoffset {
                // Carve; stays inside the pool (maxnextoffset = POOL_SIZE - size).
                let bp = (pool as *mut u8).add(p.nextoffset as usize);
                p.nextoffset += index2size(idx) as u32;
                p.count += 1;
                return bp;
            }
        }
    }
    pool_refill_alloc(st, idx)
}

/// Returns a block to its pool.
///
/// # Safety
/// `p` is a live block inside one of our arenas.
#[inline(always)]
unsafe fn pymalloc_free_small(st: &mut State, p: *mut u8) {
    let pool = pool_of_block(p as usize);
    // SAFETY: the pool of a live block is a carved pool with a valid header.
    unsafe {
        let pl = &mut *pool;
        let idx = pl.szidx as usize;
        *(p as *mut *mut u8) = pl.freeblock;
        pl.freeblock = p;
        pl.count -= 1;
        if pl.unlinked != 0 {
            // It was full; pools hold >= 2 blocks so it is not empty now.
            pl.unlinked = 0;
            usedpools_push(st, idx, pool);
        } else if pl.count == 0 {
            pool_became_empty(st, idx, pool);
            return;
        }
        // LIFO: the next allocation of this class reuses this block.
        st.curpool[idx] = pool;
    }
}

/// A pool's last block was freed. If it is the only pool of its class it
/// stays in `usedpools` as the (single, global) spare — otherwise one object
/// of an otherwise unused class, created and destroyed in a loop, would move
/// a pool out to its arena and back on every iteration — and the previous
/// spare, if still empty, is released instead. Any other empty pool goes to
/// its arena's free list. One spare pins at most one arena.
///
/// # Safety
/// `pool` is a live, empty pool in `usedpools[idx]`.
#[inline(never)]
unsafe fn pool_became_empty(st: &mut State, idx: usize, pool: *mut Pool) {
    // SAFETY: pool and the spare are live pool headers.
    unsafe {
        if (*pool).prevpool.is_null() && (*pool).nextpool.is_null() {
            st.curpool[idx] = pool;
            let old = core::mem::replace(&mut st.spare, pool);
            if !old.is_null() && old != pool && (*old).count == 0 && (*old).unlinked == 0 {
                release_empty_pool(st, (*old).szidx as usize, old);
            }
            return;
        }
        if st.spare == pool {
            st.spare = ptr::null_mut();
        }
        release_empty_pool(st, idx, pool);
    }
}

/// Moves an empty pool to its arena's free list and re-sorts the arena.
///
/// # Safety
/// `pool` is a live, empty pool in `usedpools[idx]`.
unsafe fn release_empty_pool(st: &mut State, idx: usize, pool: *mut Pool) {
    // SAFETY: pool, its arena and the arenas in the usable list are live.
    unsafe {
        usedpools_unlink(st, idx, pool);
        if st.curpool[idx] == pool {
            st.curpool[idx] = st.usedpools[idx];
        }
        let ao = (*pool).arena;
        let a = &mut *ao;
        (*pool).nextpool = a.freepools;
        a.freepools = pool;
        a.nfreepools += 1;
        let nf = a.nfreepools as usize;

        if nf == 1 {
            // Was full (in no list): it now has the fewest free pools.
            a.prevarena = ptr::null_mut();
            a.nextarena = st.usable_arenas;
            if !a.nextarena.is_null() {
                (*a.nextarena).prevarena = ao;
            }
            st.usable_arenas = ao;
            if st.nfp2lasta[1].is_null() {
                st.nfp2lasta[1] = ao;
            }
            return;
        }

        // Leave group nf-1.
        let lastnf = st.nfp2lasta[nf - 1];
        if lastnf == ao {
            let prev = a.prevarena;
            st.nfp2lasta[nf - 1] =
                if !prev.is_null() && (*prev).nfreepools as usize == nf - 1 { prev } else { ptr::null_mut() };
        }

        if nf == a.ntotalpools as usize && !(a.prevarena.is_null() && a.nextarena.is_null()) {
            // Entirely free and not the only usable arena: give it back.
            usable_unlink(st, ao);
            free_arena(st, ao);
            return;
        }

        // Join group nf. If ao was the last of group nf-1 the list is still
        // sorted; otherwise move it to just after that group's last member,
        // i.e. in front of group nf.
        if st.nfp2lasta[nf].is_null() {
            st.nfp2lasta[nf] = ao;
        }
        if lastnf == ao {
            return;
        }
        usable_unlink(st, ao);
        let after = &mut *lastnf;
        a.prevarena = lastnf;
        a.nextarena = after.nextarena;
        if !after.nextarena.is_null() {
            (*after.nextarena).prevarena = ao;
        }
        after.nextarena = ao;
    }
}

// ---------------------------------------------------------------------------
// pymalloc entry points (GIL held)
// ---------------------------------------------------------------------------

#[inline(always)]
unsafe fn pymalloc_malloc(n: usize) -> *mut c_void {
    if n <= SMALL_REQUEST_THRESHOLD {
        // SAFETY: GIL held by the caller.
        let st = unsafe { state() };
        return pymalloc_alloc_small(st, n) as *mut c_void;
    }
    // SAFETY: n > 0.
    unsafe { big_malloc(n) }
}

#[cold]
unsafe fn big_malloc(n: usize) -> *mut c_void {
    if n > isize::MAX as usize {
        return ptr::null_mut();
    }
    // SAFETY: plain libc calls.
    unsafe {
        let p = libc::malloc(n);
        if !p.is_null() {
            count_alloc(libc::malloc_usable_size(p));
        }
        p
    }
}

unsafe fn pymalloc_calloc(nelem: usize, elsize: usize) -> *mut c_void {
    let Some(n) = nelem.checked_mul(elsize) else {
        return ptr::null_mut();
    };
    if n <= SMALL_REQUEST_THRESHOLD {
        // SAFETY: GIL held; the block has at least n bytes.
        unsafe {
            let p = pymalloc_alloc_small(state(), n);
            if !p.is_null() {
                ptr::write_bytes(p, 0, n);
            }
            p as *mut c_void
        }
    } else {
        if n > isize::MAX as usize {
            return ptr::null_mut();
        }
        // SAFETY: plain libc calls.
        unsafe {
            let p = libc::calloc(nelem, elsize);
            if !p.is_null() {
                count_alloc(libc::malloc_usable_size(p));
            }
            p
        }
    }
}

#[inline(always)]
unsafe fn pymalloc_free(p: *mut c_void) {
    // SAFETY: GIL held; p is null, one of our blocks, or a libc block.
    unsafe {
        let st = state();
        if address_in_range(st, p as usize) {
            pymalloc_free_small(st, p as *mut u8);
        } else if !p.is_null() {
            big_free(p);
        }
    }
}

#[cold]
unsafe fn big_free(p: *mut c_void) {
    // SAFETY: p is a live libc block.
    unsafe {
        count_free(libc::malloc_usable_size(p));
        libc::free(p);
    }
}

unsafe fn pymalloc_realloc(p: *mut c_void, n: usize) -> *mut c_void {
    if p.is_null() {
        // SAFETY: forwarding.
        return unsafe { pymalloc_malloc(n) };
    }
    // SAFETY: GIL held; p is a live block from pymalloc_* (pool or libc).
    unsafe {
        let st = state();
        if address_in_range(st, p as usize) {
            let pool = pool_of_block(p as usize);
            let size = index2size((*pool).szidx as usize);
            if n <= size && 4 * n > 3 * size {
                // Same class or shrinking by less than a quarter: stay.
                return p;
            }
            let q = pymalloc_malloc(n);
            if !q.is_null() {
                ptr::copy_nonoverlapping(p as *const u8, q as *mut u8, n.min(size));
                pymalloc_free_small(state(), p as *mut u8);
            }
            return q;
        }
        // A libc block stays with libc, whatever the new size.
        if n > isize::MAX as usize {
            return ptr::null_mut();
        }
        let old = libc::malloc_usable_size(p);
        let q = libc::realloc(p, n.max(1));
        if !q.is_null() {
            count_free(old);
            count_alloc(libc::malloc_usable_size(q));
        }
        q
    }
}

// ---------------------------------------------------------------------------
// libc backends
// ---------------------------------------------------------------------------

/// libc malloc for PYTHONMALLOC=malloc (counted).
unsafe fn counted_malloc(n: usize) -> *mut c_void {
    // SAFETY: plain libc calls.
    unsafe {
        let p = libc::malloc(n.max(1));
        if !p.is_null() {
            count_alloc(libc::malloc_usable_size(p));
        }
        p
    }
}

unsafe fn counted_calloc(nelem: usize, elsize: usize) -> *mut c_void {
    let (nelem, elsize) = if nelem == 0 || elsize == 0 { (1, 1) } else { (nelem, elsize) };
    if nelem.checked_mul(elsize).is_none() {
        return ptr::null_mut();
    }
    // SAFETY: plain libc calls.
    unsafe {
        let p = libc::calloc(nelem, elsize);
        if !p.is_null() {
            count_alloc(libc::malloc_usable_size(p));
        }
        p
    }
}

unsafe fn counted_realloc(p: *mut c_void, n: usize) -> *mut c_void {
    if p.is_null() {
        // SAFETY: forwarding.
        return unsafe { counted_malloc(n) };
    }
    // SAFETY: p is a live libc block.
    unsafe {
        let old = libc::malloc_usable_size(p);
        let q = libc::realloc(p, n.max(1));
        if !q.is_null() {
            count_free(old);
            count_alloc(libc::malloc_usable_size(q));
        }
        q
    }
}

unsafe fn counted_free(p: *mut c_void) {
    if !p.is_null() {
        // SAFETY: p is a live libc block.
        unsafe { big_free(p) }
    }
}

/// Where a family's memory comes from underneath the debug hooks.
#[derive(Clone, Copy)]
enum Backend {
    /// libc, uncounted (raw family).
    Raw,
    /// libc, counted (mem/object under malloc_debug).
    Libc,
    /// pymalloc (mem/object under debug).
    Pymalloc,
}

unsafe fn backend_malloc(be: Backend, n: usize) -> *mut c_void {
    // SAFETY: forwarding to the backend with its own contract.
    unsafe {
        match be {
            Backend::Raw => libc::malloc(n.max(1)),
            Backend::Libc => counted_malloc(n),
            Backend::Pymalloc => pymalloc_malloc(n),
        }
    }
}

unsafe fn backend_calloc(be: Backend, n: usize) -> *mut c_void {
    // SAFETY: forwarding to the backend with its own contract.
    unsafe {
        match be {
            Backend::Raw => libc::calloc(1, n.max(1)),
            Backend::Libc => counted_calloc(1, n),
            Backend::Pymalloc => pymalloc_calloc(1, n),
        }
    }
}

unsafe fn backend_free(be: Backend, p: *mut c_void) {
    // SAFETY: p came from the same backend.
    unsafe {
        match be {
            Backend::Raw => libc::free(p),
            Backend::Libc => counted_free(p),
            Backend::Pymalloc => pymalloc_free(p),
        }
    }
}

// ---------------------------------------------------------------------------
// Debug hooks
// ---------------------------------------------------------------------------

const SST: usize = std::mem::size_of::<usize>();
/// `[size][id + (SST-1) forbidden bytes]` before the data, SST forbidden after.
const DEBUG_HEADER: usize = 2 * SST;
const DEBUG_OVERHEAD: usize = 3 * SST;
const FORBIDDENBYTE: u8 = 0xFD;
const CLEANBYTE: u8 = 0xCD;
const DEADBYTE: u8 = 0xDD;
const API_RAW: u8 = b'r';
const API_MEM: u8 = b'm';
const API_OBJECT: u8 = b'o';

const _: () = assert!(DEBUG_HEADER % ALIGNMENT == 0);

unsafe fn debug_alloc(api: u8, be: Backend, zero: bool, n: usize) -> *mut c_void {
    if n > isize::MAX as usize - DEBUG_OVERHEAD {
        return ptr::null_mut();
    }
    let total = n + DEBUG_OVERHEAD;
    // SAFETY: the backend returns total writable bytes or null.
    unsafe {
        let base = if zero { backend_calloc(be, total) } else { backend_malloc(be, total) } as *mut u8;
        if base.is_null() {
            return ptr::null_mut();
        }
        (base as *mut usize).write_unaligned(n);
        *base.add(SST) = api;
        ptr::write_bytes(base.add(SST + 1), FORBIDDENBYTE, SST - 1);
        let data = base.add(DEBUG_HEADER);
        if !zero {
            ptr::write_bytes(data, CLEANBYTE, n);
        }
        ptr::write_bytes(data.add(n), FORBIDDENBYTE, SST);
        data as *mut c_void
    }
}

unsafe fn debug_calloc(api: u8, be: Backend, nelem: usize, elsize: usize) -> *mut c_void {
    match nelem.checked_mul(elsize) {
        // SAFETY: forwarding.
        Some(n) => unsafe { debug_alloc(api, be, true, n) },
        None => ptr::null_mut(),
    }
}

/// Verifies id and guards of the debug block `p`; aborts on corruption.
unsafe fn debug_check(func: &str, api: u8, p: *mut u8) {
    // SAFETY: p is claimed to be a debug block; we read its header and, when
    // the header is sane, its trailer (as CPython does).
    unsafe {
        let base = p.sub(DEBUG_HEADER);
        let id = *base.add(SST);
        if id != api {
            debug_fatal(
                p,
                func,
                &format!(
                    "bad ID: Allocated using API '{}', verified using API '{}'",
                    id as char, api as char
                ),
            );
        }
        if (1..SST).any(|i| *p.sub(i) != FORBIDDENBYTE) {
            debug_fatal(p, func, "bad leading pad byte");
        }
        let n = (base as *const usize).read_unaligned();
        let tail = p.add(n);
        if (0..SST).any(|i| *tail.add(i) != FORBIDDENBYTE) {
            debug_fatal(p, func, "bad trailing pad byte");
        }
    }
}

/// Writes a description of the debug block `p` (the layout of CPython's
/// report) to `out`.
///
/// # Safety
/// `p` points DEBUG_HEADER bytes into a readable block.
unsafe fn debug_dump(out: &mut String, p: *mut u8) {
    use std::fmt::Write as _;
    // SAFETY: per the contract; the trailer is read only if the leading pad
    // is intact, and then the size is believed.
    unsafe {
        let base = p.sub(DEBUG_HEADER);
        let n = (base as *const usize).read_unaligned();
        let id = *base.add(SST);
        let _ = writeln!(out, "Debug memory block at address p={:p}: API '{}'", p, id as char);
        let _ = writeln!(out, "    {} bytes originally requested", n);
        let lead_ok = (1..SST).all(|i| *p.sub(i) == FORBIDDENBYTE);
        let _ = write!(out, "    The {} pad bytes at p-{} are ", SST - 1, SST - 1);
        if lead_ok {
            let _ = writeln!(out, "FORBIDDENBYTE, as expected.");
        } else {
            let _ = writeln!(out, "not all FORBIDDENBYTE (0x{:02x}):", FORBIDDENBYTE);
            for i in (1..SST).rev() {
                let b = *p.sub(i);
                let ouch = if b == FORBIDDENBYTE { "" } else { " *** OUCH" };
                let _ = writeln!(out, "        at p-{}: 0x{:02x}{}", i, b, ouch);
            }
            let _ = writeln!(
                out,
                "    Because memory is corrupted at the start, the count of bytes requested\n       may be bogus, and checking the trailing pad bytes may segfault."
            );
        }
        let tail = p.add(n);
        let _ = write!(out, "    The {} pad bytes at tail={:p} are ", SST, tail);
        if (0..SST).all(|i| *tail.add(i) == FORBIDDENBYTE) {
            let _ = writeln!(out, "FORBIDDENBYTE, as expected.");
        } else {
            let _ = writeln!(out, "not all FORBIDDENBYTE (0x{:02x}):", FORBIDDENBYTE);
            for i in 0..SST {
                let b = *tail.add(i);
                let ouch = if b == FORBIDDENBYTE { "" } else { " *** OUCH" };
                let _ = writeln!(out, "        at tail+{}: 0x{:02x}{}", i, b, ouch);
            }
        }
        if n > 0 {
            let _ = write!(out, "    Data at p:");
            let show = |out: &mut String, range: std::ops::Range<usize>| {
                for i in range {
                    let _ = write!(out, " {:02x}", *p.add(i));
                }
            };
            if n <= 2 * 8 {
                show(out, 0..n);
            } else {
                show(out, 0..8);
                let _ = write!(out, " ...");
                show(out, n - 8..n);
            }
            let _ = writeln!(out);
        }
    }
}

#[cold]
unsafe fn debug_fatal(p: *mut u8, func: &str, msg: &str) -> ! {
    let mut s = String::new();
    // SAFETY: p is the block being verified.
    unsafe { debug_dump(&mut s, p) };
    s.push('\n');
    s.push_str(&format!("Fatal Python error: {}: {}\n", func, msg));
    let _ = std::io::stderr().write_all(s.as_bytes());
    // SAFETY: abort never returns.
    unsafe { libc::abort() }
}

unsafe fn debug_free(api: u8, be: Backend, p: *mut c_void) {
    if p.is_null() {
        return;
    }
    // SAFETY: p is a debug block of this family (verified first).
    unsafe {
        let p = p as *mut u8;
        debug_check("_PyMem_DebugRawFree", api, p);
        let n = (p.sub(DEBUG_HEADER) as *const usize).read_unaligned();
        let base = p.sub(DEBUG_HEADER);
        ptr::write_bytes(base, DEADBYTE, n + DEBUG_OVERHEAD);
        backend_free(be, base as *mut c_void);
    }
}

unsafe fn debug_realloc(api: u8, be: Backend, p: *mut c_void, n: usize) -> *mut c_void {
    // SAFETY: p is null or a debug block of this family (verified first).
    unsafe {
        if p.is_null() {
            return debug_alloc(api, be, false, n);
        }
        let p = p as *mut u8;
        debug_check("_PyMem_DebugRawRealloc", api, p);
        let old = (p.sub(DEBUG_HEADER) as *const usize).read_unaligned();
        // Always move, so stale pointers to the old block see DEADBYTE.
        let q = debug_alloc(api, be, false, n) as *mut u8;
        if q.is_null() {
            return ptr::null_mut();
        }
        ptr::copy_nonoverlapping(p, q, old.min(n));
        let base = p.sub(DEBUG_HEADER);
        ptr::write_bytes(base, DEADBYTE, old + DEBUG_OVERHEAD);
        backend_free(be, base as *mut c_void);
        q as *mut c_void
    }
}

// ---------------------------------------------------------------------------
// Public families
// ---------------------------------------------------------------------------

/// `PyMem_RawMalloc`: libc, no GIL needed; `n == 0` gives a unique pointer.
///
/// # Safety
/// `p` (where taken) is null or a live block from the `raw_*` family.
#[inline]
pub unsafe fn raw_malloc(n: usize) -> *mut c_void {
    // SAFETY: libc / debug-hook calls with no shared state.
    unsafe {
        match mode() {
            MODE_PYMALLOC | MODE_MALLOC => libc::malloc(n.max(1)),
            _ => debug_alloc(API_RAW, Backend::Raw, false, n),
        }
    }
}

/// `PyMem_RawCalloc`; null if `nelem * elsize` overflows.
///
/// # Safety
/// `p` (where taken) is null or a live block from the `raw_*` family.
pub unsafe fn raw_calloc(nelem: usize, elsize: usize) -> *mut c_void {
    // SAFETY: as raw_malloc.
    unsafe {
        match mode() {
            MODE_PYMALLOC | MODE_MALLOC => {
                if nelem == 0 || elsize == 0 {
                    libc::calloc(1, 1)
                } else if nelem.checked_mul(elsize).is_none() {
                    ptr::null_mut()
                } else {
                    libc::calloc(nelem, elsize)
                }
            }
            _ => debug_calloc(API_RAW, Backend::Raw, nelem, elsize),
        }
    }
}

/// `PyMem_RawRealloc`; `p == null` acts as malloc, `n == 0` keeps a 1-byte block.
///
/// # Safety
/// `p` (where taken) is null or a live block from the `raw_*` family.
pub unsafe fn raw_realloc(p: *mut c_void, n: usize) -> *mut c_void {
    // SAFETY: p is null or a live raw block.
    unsafe {
        match mode() {
            MODE_PYMALLOC | MODE_MALLOC => libc::realloc(p, n.max(1)),
            _ => debug_realloc(API_RAW, Backend::Raw, p, n),
        }
    }
}

/// `PyMem_RawFree`.
///
/// # Safety
/// `p` (where taken) is null or a live block from the `raw_*` family.
#[inline]
pub unsafe fn raw_free(p: *mut c_void) {
    // SAFETY: p is null or a live raw block.
    unsafe {
        match mode() {
            MODE_PYMALLOC | MODE_MALLOC => libc::free(p),
            _ => debug_free(API_RAW, Backend::Raw, p),
        }
    }
}

macro_rules! pymalloc_family {
    ($api:expr, $malloc:ident, $malloc_slow:ident, $calloc:ident, $realloc:ident, $free:ident, $free_slow:ident) => {
        /// PyMem_Malloc / PyObject_Malloc; `n == 0` gives a unique pointer;
        /// null for `n > isize::MAX`.
        ///
        /// The pool fast path (pymalloc mode, `n <= 512`) is inlined into the
        /// caller (the exported C function); everything else is one call away.
        ///
        /// # Safety
        /// The caller holds the GIL; `p` (where taken) is null or a live
        /// block of the same family.
        #[inline(always)]
        pub unsafe fn $malloc(n: usize) -> *mut c_void {
            if MODE.load(Relaxed) == MODE_PYMALLOC && n <= SMALL_REQUEST_THRESHOLD {
                // SAFETY: the caller holds the GIL.
                return pymalloc_alloc_small(unsafe { state() }, n) as *mut c_void;
            }
            // SAFETY: as above.
            unsafe { $malloc_slow(n) }
        }

        /// Everything but the pool fast path of `$malloc`.
        ///
        /// # Safety
        /// As `$malloc`.
        #[inline(never)]
        unsafe fn $malloc_slow(n: usize) -> *mut c_void {
            if n > isize::MAX as usize {
                return ptr::null_mut();
            }
            // SAFETY: the caller holds the GIL.
            unsafe {
                match mode() {
                    MODE_PYMALLOC => pymalloc_malloc(n),
                    MODE_MALLOC => counted_malloc(n),
                    MODE_PYMALLOC_DEBUG => debug_alloc($api, Backend::Pymalloc, false, n),
                    _ => debug_alloc($api, Backend::Libc, false, n),
                }
            }
        }

        /// Zeroed allocation; null if `nelem * elsize` overflows.
        ///
        /// # Safety
        /// The caller holds the GIL; `p` (where taken) is null or a live
        /// block of the same family.
        pub unsafe fn $calloc(nelem: usize, elsize: usize) -> *mut c_void {
            // SAFETY: the caller holds the GIL.
            unsafe {
                match mode() {
                    MODE_PYMALLOC => pymalloc_calloc(nelem, elsize),
                    MODE_MALLOC => counted_calloc(nelem, elsize),
                    MODE_PYMALLOC_DEBUG => debug_calloc($api, Backend::Pymalloc, nelem, elsize),
                    _ => debug_calloc($api, Backend::Libc, nelem, elsize),
                }
            }
        }

        /// Resize; `p == null` acts as malloc; may move across the 512-byte line.
        ///
        /// # Safety
        /// The caller holds the GIL; `p` (where taken) is null or a live
        /// block of the same family.
        pub unsafe fn $realloc(p: *mut c_void, n: usize) -> *mut c_void {
            // SAFETY: the caller holds the GIL; p is null or a block of this family.
            unsafe {
                match mode() {
                    MODE_PYMALLOC => pymalloc_realloc(p, n),
                    MODE_MALLOC => counted_realloc(p, n),
                    MODE_PYMALLOC_DEBUG => debug_realloc($api, Backend::Pymalloc, p, n),
                    _ => debug_realloc($api, Backend::Libc, p, n),
                }
            }
        }

        /// Free; null is ignored.
        ///
        /// The pool fast path (pymalloc mode, a block of ours) is inlined
        /// into the caller; libc blocks and the other modes are one call away.
        ///
        /// # Safety
        /// The caller holds the GIL; `p` (where taken) is null or a live
        /// block of the same family.
        #[inline(always)]
        pub unsafe fn $free(p: *mut c_void) {
            if MODE.load(Relaxed) == MODE_PYMALLOC {
                // SAFETY: the caller holds the GIL; a pointer in our arenas
                // is a live pool block of this family.
                unsafe {
                    let st = state();
                    if address_in_range(st, p as usize) {
                        pymalloc_free_small(st, p as *mut u8);
                        return;
                    }
                }
            }
            // SAFETY: as above.
            unsafe { $free_slow(p) }
        }

        /// Everything but the pool fast path of `$free`.
        ///
        /// # Safety
        /// As `$free`.
        #[inline(never)]
        unsafe fn $free_slow(p: *mut c_void) {
            // SAFETY: the caller holds the GIL; p is null or a block of this family.
            unsafe {
                match mode() {
                    MODE_PYMALLOC => pymalloc_free(p),
                    MODE_MALLOC => counted_free(p),
                    MODE_PYMALLOC_DEBUG => debug_free($api, Backend::Pymalloc, p),
                    _ => debug_free($api, Backend::Libc, p),
                }
            }
        }
    };
}

pymalloc_family!(API_MEM, mem_malloc, mem_malloc_slow, mem_calloc, mem_realloc, mem_free, mem_free_slow);
pymalloc_family!(
    API_OBJECT,
    object_malloc,
    object_malloc_slow,
    object_calloc,
    object_realloc,
    object_free,
    object_free_slow
);

// ---------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------

/// Arena counters: (allocated total, reclaimed, currently mapped, highwater).
/// Caller holds the GIL.
pub fn arena_counts() -> (usize, usize, usize, usize) {
    // SAFETY: read-only snapshot under the GIL.
    let st = unsafe { state() };
    (st.arenas_allocated_total, st.arenas_reclaimed, st.arenas_current, st.arenas_highwater)
}

fn with_commas(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn print_line(out: &mut dyn Write, label: &str, n: usize) -> std::io::Result<()> {
    writeln!(out, "{:<35}= {:>20}", label, with_commas(n))
}

/// Prints what `sys._debugmallocstats()` prints for the allocator.
/// Caller holds the GIL.
pub fn print_stats(out: &mut dyn Write) {
    let _ = print_stats_inner(out);
}

fn print_stats_inner(out: &mut dyn Write) -> std::io::Result<()> {
    // SAFETY: read-only walk under the GIL.
    let st = unsafe { state() };
    let mut numpools = [0usize; NB_SMALL_SIZE_CLASSES];
    let mut numblocks = [0usize; NB_SMALL_SIZE_CLASSES];
    let mut numfree = [0usize; NB_SMALL_SIZE_CLASSES];
    let mut headers = [0usize; NB_SMALL_SIZE_CLASSES];
    let mut quant = [0usize; NB_SMALL_SIZE_CLASSES];
    let mut unused_pools = 0usize;
    let mut narenas = 0usize;
    let mut ao = st.all_arenas;
    while !ao.is_null() {
        // SAFETY: arenas on the all-list are mapped; carved pools (below
        // pool_address) have initialised headers.
        unsafe {
            let a = &*ao;
            narenas += 1;
            unused_pools += a.nfreepools as usize;
            let mut pa = a.address;
            while pa < a.pool_address {
                let pool = &*pool_at(pa);
                if pool.count > 0 {
                    let i = pool.szidx as usize;
                    let head = pool_header_offset(pa) + POOL_OVERHEAD;
                    numpools[i] += 1;
                    numblocks[i] += pool.count as usize;
                    numfree[i] += pool_capacity_at(pool, i) - pool.count as usize;
                    headers[i] += head;
                    quant[i] += (POOL_SIZE - head) % index2size(i);
                }
                pa += POOL_SIZE;
            }
            ao = a.all_next;
        }
    }

    writeln!(
        out,
        "Small block threshold = {}, in {} size classes.\n",
        SMALL_REQUEST_THRESHOLD, NB_SMALL_SIZE_CLASSES
    )?;
    writeln!(out, "class   size   num pools   blocks in use  avail blocks")?;
    writeln!(out, "-----   ----   ---------   -------------  ------------")?;
    let (mut allocated, mut available, mut pool_headers, mut quantization) = (0, 0, 0, 0);
    for i in 0..NB_SMALL_SIZE_CLASSES {
        if numpools[i] == 0 {
            continue;
        }
        let size = index2size(i);
        writeln!(out, "{:5} {:6} {:11} {:15} {:13}", i, size, numpools[i], numblocks[i], numfree[i])?;
        allocated += numblocks[i] * size;
        available += numfree[i] * size;
        pool_headers += headers[i];
        quantization += quant[i];
    }
    writeln!(out)?;
    print_line(out, "# arenas allocated total", st.arenas_allocated_total)?;
    print_line(out, "# arenas reclaimed", st.arenas_reclaimed)?;
    print_line(out, "# arenas highwater mark", st.arenas_highwater)?;
    print_line(out, "# arenas allocated current", narenas)?;
    print_line(out, &format!("{} arenas * {} bytes/arena", narenas, ARENA_SIZE), narenas * ARENA_SIZE)?;
    writeln!(out)?;
    print_line(out, "# bytes in allocated blocks", allocated)?;
    print_line(out, "# bytes in available blocks", available)?;
    print_line(out, &format!("{} unused pools * {} bytes", unused_pools, POOL_SIZE), unused_pools * POOL_SIZE)?;
    print_line(out, "# bytes lost to pool headers", pool_headers)?;
    print_line(out, "# bytes lost to quantization", quantization)?;
    // Arenas are mapped arena-aligned, so nothing is lost to alignment.
    print_line(out, "# bytes lost to arena alignment", 0)?;
    let total = allocated + available + unused_pools * POOL_SIZE + pool_headers + quantization;
    debug_assert_eq!(total, narenas * ARENA_SIZE);
    print_line(out, "Total", total)?;
    writeln!(out)?;
    writeln!(out, "arena map counts")?;
    print_line(out, "# arena map leaf nodes", st.map_leaves)?;
    writeln!(out)?;
    let root = MAP_ROOT_LEN * std::mem::size_of::<*mut u64>();
    let leaves = st.map_leaves * MAP_LEAF_WORDS * 8;
    print_line(out, "# bytes lost to arena map root", root)?;
    print_line(out, "# bytes lost to arena map leaves", leaves)?;
    print_line(out, "Total", root + leaves)?;
    Ok(())
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

/// Checks invariants 1 and 2 of the design note; panics on a violation.
/// Caller holds the GIL.
#[cfg(test)]
fn check_invariants() {
    // SAFETY: read-only walk under the (test) GIL.
    unsafe {
        let st = state();
        // usable list sorted, back links right, nfp2lasta right.
        let mut prev: *mut Arena = ptr::null_mut();
        let mut ao = st.usable_arenas;
        let mut last_of = [ptr::null_mut::<Arena>(); POOLS_PER_ARENA + 1];
        while !ao.is_null() {
            let a = &*ao;
            assert_eq!(a.prevarena, prev);
            assert!(a.nfreepools > 0);
            if !prev.is_null() {
                assert!((*prev).nfreepools <= a.nfreepools, "usable_arenas not sorted");
            }
            last_of[a.nfreepools as usize] = ao;
            prev = ao;
            ao = a.nextarena;
        }
        assert_eq!(last_of, st.nfp2lasta, "nfp2lasta out of date");
        // usedpools: partly used pools of the right class.
        for (i, &head) in st.usedpools.iter().enumerate() {
            let mut prev: *mut Pool = ptr::null_mut();
            let mut p = head;
            let mut cur_seen = false;
            while !p.is_null() {
                cur_seen |= p == st.curpool[i];
                let pl = &*p;
                assert_eq!(pl.prevpool, prev);
                assert_eq!(pl.szidx as usize, i);
                assert!((pl.count > 0 || p == st.spare) && (pl.count as usize) <= pool_capacity_at(p, i));
                assert_eq!(pl.unlinked, 0);
                prev = p;
                p = pl.nextpool;
            }
            assert_eq!(cur_seen, !head.is_null(), "curpool[{i}] not in usedpools");
            assert_eq!(st.curpool[i].is_null(), head.is_null());
        }
        // Each arena's free pool count matches its lists.
        let mut ao = st.all_arenas;
        while !ao.is_null() {
            let a = &*ao;
            let mut nf = (a.address + ARENA_SIZE - a.pool_address) / POOL_SIZE;
            let mut fp = a.freepools;
            while !fp.is_null() {
                assert_eq!((*fp).count, 0);
                nf += 1;
                fp = (*fp).nextpool;
            }
            assert_eq!(nf, a.nfreepools as usize);
            let mut pa = a.address;
            while pa < a.pool_address {
                let pl = &*pool_at(pa);
                if pl.unlinked != 0 {
                    assert_eq!(pl.count as usize, pool_capacity_at(pl, pl.szidx as usize));
                }
                pa += POOL_SIZE;
            }
            ao = a.all_next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Mutex, MutexGuard};

    /// Stands in for the GIL: tests run on several threads.
    static GIL: Mutex<()> = Mutex::new(());

    fn gil() -> MutexGuard<'static, ()> {
        GIL.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// xorshift64*: deterministic, no dependencies.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    fn fill(p: *mut c_void, n: usize, seed: usize) {
        for i in 0..n {
            // SAFETY: p has n writable bytes.
            unsafe { *(p as *mut u8).add(i) = (seed.wrapping_mul(31).wrapping_add(i) % 251) as u8 };
        }
    }

    fn verify(p: *mut c_void, n: usize, seed: usize) {
        for i in 0..n {
            // SAFETY: p has n readable bytes.
            let b = unsafe { *(p as *mut u8).add(i) };
            assert_eq!(b, (seed.wrapping_mul(31).wrapping_add(i) % 251) as u8, "block {seed} byte {i}");
        }
    }

    #[test]
    fn random_sizes_pattern() {
        let _g = gil();
        let bytes0 = live_bytes();
        let blocks0 = allocated_blocks();
        let mut rng = Rng(0x1234_5678_9abc_def1);
        let mut live: Vec<(*mut c_void, usize, usize)> = Vec::new();
        for step in 0..200_000usize {
            if live.len() < 3000 && (live.is_empty() || rng.below(3) != 0) {
                let n = rng.below(2049);
                // SAFETY: GIL held.
                let p = unsafe { if step % 2 == 0 { object_malloc(n) } else { mem_malloc(n) } };
                assert!(!p.is_null());
                assert_eq!(p as usize % ALIGNMENT, 0);
                fill(p, n, step);
                live.push((p, n, step));
            } else {
                let i = rng.below(live.len());
                let (p, n, s) = live.swap_remove(i);
                verify(p, n, s);
                // SAFETY: GIL held; p is live.
                unsafe { if s % 2 == 0 { object_free(p) } else { mem_free(p) } };
            }
            if step % 50_000 == 0 {
                check_invariants();
            }
        }
        // Distinct pointers (zero-size included).
        let mut ptrs: Vec<usize> = live.iter().map(|l| l.0 as usize).collect();
        ptrs.sort();
        ptrs.dedup();
        assert_eq!(ptrs.len(), live.len());
        for (p, n, s) in live.drain(..) {
            verify(p, n, s);
            // SAFETY: GIL held; p is live.
            unsafe { object_free(p) };
        }
        check_invariants();
        assert_eq!(live_bytes(), bytes0);
        assert_eq!(allocated_blocks(), blocks0);
    }

    #[test]
    fn zero_size_unique() {
        let _g = gil();
        // SAFETY: GIL held.
        unsafe {
            let a = object_malloc(0);
            let b = object_malloc(0);
            let c = raw_malloc(0);
            let d = raw_malloc(0);
            assert!(!a.is_null() && !b.is_null() && a != b);
            assert!(!c.is_null() && !d.is_null() && c != d);
            let e = raw_realloc(c, 0);
            assert!(!e.is_null());
            let f = object_realloc(a, 0);
            assert!(!f.is_null());
            object_free(f);
            object_free(b);
            raw_free(e);
            raw_free(d);
            assert!(raw_calloc(usize::MAX, 2).is_null());
            assert!(object_calloc(usize::MAX, 2).is_null());
            assert!(mem_calloc(1 << 40, 1 << 40).is_null());
            let z = mem_calloc(3, 100);
            assert!((0..300).all(|i| *(z as *mut u8).add(i) == 0));
            mem_free(z);
            let z = mem_calloc(10, 100);
            assert!((0..1000).all(|i| *(z as *mut u8).add(i) == 0));
            mem_free(z);
            object_free(ptr::null_mut());
            raw_free(ptr::null_mut());
        }
    }

    #[test]
    fn realloc_across_threshold() {
        let _g = gil();
        let bytes0 = live_bytes();
        let sizes = [1usize, 16, 17, 100, 500, 512, 513, 700, 2000, 511, 64, 8, 3000, 0, 512, 1];
        // SAFETY: GIL held; each pointer is live until reallocated.
        unsafe {
            let mut p = object_malloc(sizes[0]);
            fill(p, sizes[0], 7);
            for w in sizes.windows(2) {
                let (old, new) = (w[0], w[1]);
                let q = object_realloc(p, new);
                assert!(!q.is_null());
                verify(q, old.min(new), 7);
                fill(q, new, 7);
                p = q;
            }
            // Shrinking a little stays in place.
            let a = object_malloc(100);
            assert_eq!(object_realloc(a, 97), a);
            assert_eq!(object_realloc(a, 112), a);
            object_free(a);
            object_free(p);
            let r = object_realloc(ptr::null_mut(), 40);
            object_free(r);
        }
        assert_eq!(live_bytes(), bytes0);
    }

    #[test]
    fn foreign_pointers_are_not_ours() {
        let _g = gil();
        // SAFETY: read-only state access under the GIL.
        let st = unsafe { state() };
        for n in [1usize, 100, 1000, 100_000] {
            // SAFETY: libc allocation.
            let p = unsafe { libc::malloc(n) };
            assert!(!address_in_range(st, p as usize));
            // SAFETY: freeing what we allocated.
            unsafe { libc::free(p) };
        }
        let x = 5u64;
        assert!(!address_in_range(st, &x as *const u64 as usize));
        assert!(!address_in_range(st, usize::MAX));
        assert!(!address_in_range(st, 0));
    }

    #[test]
    fn arenas_are_released() {
        let _g = gil();
        let (_, reclaimed0, _, _) = arena_counts();
        let bytes0 = live_bytes();
        let mut rng = Rng(99);
        let mut v = Vec::new();
        // ~20 MiB in mixed small classes.
        for i in 0..100_000usize {
            let n = 16 + (i * 37) % 480;
            // SAFETY: GIL held.
            let p = unsafe { object_malloc(n) };
            assert!(!p.is_null());
            v.push(p);
        }
        let (total1, _, current1, _) = arena_counts();
        assert!(current1 >= 10, "expected many arenas, got {current1}");
        // Free in random order, checking the arena list as it drains.
        for k in 0..v.len() {
            let i = k + rng.below(v.len() - k);
            v.swap(k, i);
            // SAFETY: GIL held; each pointer is freed once.
            unsafe { object_free(v[k]) };
            if k % 10_000 == 0 {
                check_invariants();
            }
        }
        check_invariants();
        let (total2, reclaimed2, current2, _) = arena_counts();
        assert_eq!(total1, total2);
        assert!(current2 <= 1, "arenas still mapped: {current2}");
        assert!(reclaimed2 - reclaimed0 >= current1 - 1);
        assert_eq!(live_bytes(), bytes0);
        let mut s = Vec::new();
        print_stats(&mut s);
        let s = String::from_utf8(s).unwrap();
        assert!(s.contains("# arenas reclaimed"));
    }

    #[test]
    fn stats_layout() {
        let _g = gil();
        // SAFETY: GIL held.
        let ps: Vec<_> = (0..1000).map(|i| unsafe { object_malloc(1 + i % 512) }).collect();
        let mut s = Vec::new();
        print_stats(&mut s);
        let s = String::from_utf8(s).unwrap();
        assert!(s.starts_with("Small block threshold = 512, in 32 size classes.\n\n"));
        assert!(s.contains("\n    0     16 "));
        assert!(s.contains("\n   31    512 "));
        let line = s.lines().find(|l| l.starts_with("# arenas allocated total")).unwrap();
        assert_eq!(line.find('='), Some(35));
        assert_eq!(line.len(), 35 + 2 + 20);
        assert!(s.contains(&format!("# bytes lost to arena alignment    = {:>20}\n", 0)));
        for p in ps {
            // SAFETY: GIL held.
            unsafe { object_free(p) };
        }
        assert_eq!(with_commas(4194304), "4,194,304");
        assert_eq!(with_commas(0), "0");
        assert_eq!(with_commas(999), "999");
        assert_eq!(with_commas(1000), "1,000");
    }

    #[test]
    fn raw_is_thread_safe() {
        let hs: Vec<_> = (0..4)
            .map(|t| {
                std::thread::spawn(move || {
                    for i in 0..10_000usize {
                        let n = (i * 7 + t) % 1000;
                        // SAFETY: raw_* need no GIL.
                        unsafe {
                            let p = raw_malloc(n);
                            fill(p, n, i);
                            let p = raw_realloc(p, n + 10);
                            verify(p, n, i);
                            raw_free(p);
                        }
                    }
                })
            })
            .collect();
        for h in hs {
            h.join().unwrap();
        }
    }

    // ----- child-process tests (debug and malloc modes) -----

    const CHILD_ENV: &str = "ALLOC_DEV_CHILD";

    /// Runs the test `name` in a child with PYTHONMALLOC=`mode`; returns
    /// (signal or exit code, stderr).
    fn run_child(name: &str, mode: &str) -> (Option<i32>, Option<i32>, String) {
        use std::os::unix::process::ExitStatusExt;
        // The harness names tests by their path below the crate root
        // (`runtime::obmalloc::tests::child_x`); callers give the tail.
        let tests_path = module_path!().split_once("::").map_or(module_path!(), |(_, rest)| rest);
        let short = name.rsplit("::").next().unwrap_or(name);
        let name = &format!("{tests_path}::{short}");
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args([name.as_str(), "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, name)
            .env("PYTHONMALLOC", mode)
            .output()
            .unwrap();
        (out.status.signal(), out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
    }

    fn is_child(name: &str) -> bool {
        std::env::var(CHILD_ENV).map(|v| v.ends_with(name)).unwrap_or(false)
    }

    macro_rules! child_case {
        ($name:ident, $body:block) => {
            #[test]
            fn $name() {
                if is_child(stringify!($name)) {
                    let _g = gil();
                    set_mode_from_env();
                    // SAFETY: deliberately misusing the allocator in a child.
                    unsafe { $body }
                }
            }
        };
    }

    child_case!(child_wrong_family, {
        let p = object_malloc(10);
        mem_free(p);
    });
    child_case!(child_tail_overrun, {
        let p = mem_malloc(10) as *mut u8;
        *p.add(10) = 0;
        mem_free(p as *mut c_void);
    });
    child_case!(child_head_underrun, {
        let p = mem_malloc(10) as *mut u8;
        *p.sub(1) = 0;
        mem_realloc(p as *mut c_void, 20);
    });
    child_case!(child_raw_vs_object, {
        let p = raw_malloc(10);
        object_free(p);
    });
    child_case!(child_clean_run, {
        assert_eq!(MODE.load(Relaxed), MODE_PYMALLOC_DEBUG);
        let p = object_malloc(10) as *mut u8;
        assert!((0..10).all(|i| *p.add(i) == CLEANBYTE));
        let q = object_realloc(p as *mut c_void, 600) as *mut u8;
        assert!((0..10).all(|i| *q.add(i) == CLEANBYTE));
        let z = mem_calloc(4, 4) as *mut u8;
        assert!((0..16).all(|i| *z.add(i) == 0));
        mem_free(z as *mut c_void);
        let r = raw_realloc(raw_malloc(5), 50);
        raw_free(r);
        object_free(q as *mut c_void);
        assert_eq!(live_bytes(), 0);
        assert_eq!(allocated_blocks(), 0);
        eprintln!("CLEAN-OK");
    });
    child_case!(child_malloc_mode, {
        assert_eq!(MODE.load(Relaxed), MODE_MALLOC);
        let p = object_malloc(100);
        let q = object_realloc(p, 1000);
        mem_free(mem_calloc(3, 3));
        assert!(live_bytes() >= 1000);
        object_free(q);
        assert_eq!(live_bytes(), 0);
        assert_eq!(arena_counts().0, 0);
        eprintln!("MALLOC-OK");
    });

    const SIGABRT: Option<i32> = Some(libc::SIGABRT);

    #[test]
    fn debug_detects_wrong_family() {
        let (sig, _, err) = run_child("obmalloc::tests::child_wrong_family", "debug");
        assert_eq!(sig, SIGABRT, "{err}");
        assert!(err.contains("Debug memory block at address p=0x"), "{err}");
        assert!(
            err.contains("Fatal Python error: _PyMem_DebugRawFree: bad ID: Allocated using API 'o', verified using API 'm'"),
            "{err}"
        );
        let (sig, _, err) = run_child("obmalloc::tests::child_raw_vs_object", "malloc_debug");
        assert_eq!(sig, SIGABRT, "{err}");
        assert!(
            err.contains("Fatal Python error: _PyMem_DebugRawFree: bad ID: Allocated using API 'r', verified using API 'o'"),
            "{err}"
        );
    }

    #[test]
    fn debug_detects_guard_corruption() {
        let (sig, _, err) = run_child("obmalloc::tests::child_tail_overrun", "debug");
        assert_eq!(sig, SIGABRT, "{err}");
        assert!(err.contains("at tail+0: 0x00 *** OUCH"), "{err}");
        assert!(err.contains("Fatal Python error: _PyMem_DebugRawFree: bad trailing pad byte"), "{err}");
        let (sig, _, err) = run_child("obmalloc::tests::child_head_underrun", "debug");
        assert_eq!(sig, SIGABRT, "{err}");
        assert!(err.contains("at p-1: 0x00 *** OUCH"), "{err}");
        assert!(err.contains("Fatal Python error: _PyMem_DebugRawRealloc: bad leading pad byte"), "{err}");
    }

    #[test]
    fn debug_and_malloc_modes_work() {
        let (sig, code, err) = run_child("obmalloc::tests::child_clean_run", "debug");
        assert_eq!((sig, code), (None, Some(0)), "{err}");
        assert!(err.contains("CLEAN-OK"), "{err}");
        let (sig, code, err) = run_child("obmalloc::tests::child_malloc_mode", "malloc");
        assert_eq!((sig, code), (None, Some(0)), "{err}");
        assert!(err.contains("MALLOC-OK"), "{err}");
    }
}
