//! Allocator churn: `PyObject_Malloc`/`PyObject_Free` (pymalloc,
//! src/runtime/obmalloc.rs) against glibc `malloc`/`free` on 16..=512-byte
//! requests. Run: `cargo bench --bench alloc` (not part of `cargo test`).
//!
//! A window of WINDOW live blocks; each step frees a random slot and refills
//! it with a new block of the pattern's size, touching its first and last
//! byte. The operation sequence is generated up front so both allocators
//! replay the same steps. Runs alternate (libc, pymalloc) ROUNDS times; the
//! ratio (libc time / pymalloc time, above 1 means pymalloc is faster) uses
//! the best time of each.
//!
//! Adapted from the allocator's development benchmark (alloc_ratio.rs), now
//! calling the exported C API functions as an extension would.
use pyrite::capi::object::PyObject_Free;
use pyrite::capi::pymem::PyObject_Malloc;
use std::hint::black_box;
use std::time::{Duration, Instant};

const WINDOW: usize = 1000;
const STEPS: usize = 2_000_000;
const ROUNDS: usize = 7;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// (slot, size) pairs.
fn make_ops(seed: u64, size: impl Fn(&mut Rng) -> usize) -> Vec<(u32, u32)> {
    let mut rng = Rng(seed);
    (0..STEPS)
        .map(|_| {
            let slot = (rng.next() % WINDOW as u64) as u32;
            (slot, size(&mut rng) as u32)
        })
        .collect()
}

#[inline(always)]
unsafe fn churn(
    ops: &[(u32, u32)],
    malloc: unsafe extern "C" fn(usize) -> *mut libc::c_void,
    free: unsafe extern "C" fn(*mut libc::c_void),
) -> Duration {
    let mut slots = [std::ptr::null_mut::<libc::c_void>(); WINDOW];
    for (i, s) in slots.iter_mut().enumerate() {
        // SAFETY: plain allocation calls.
        *s = unsafe { malloc(16 + (i * 16) % 497) };
    }
    let t = Instant::now();
    for &(slot, size) in ops {
        let slot = slot as usize;
        let size = size as usize;
        // SAFETY: every slot holds a live block of at least `size` bytes
        // once refilled; the allocator's own free matches its malloc.
        unsafe {
            free(slots[slot]);
            let p = malloc(size) as *mut u8;
            *p = size as u8;
            *p.add(size - 1) = 1;
            slots[slot] = black_box(p as *mut libc::c_void);
        }
    }
    let d = t.elapsed();
    for s in slots {
        // SAFETY: releasing the blocks allocated above.
        unsafe { free(s) };
    }
    d
}

#[inline(never)]
fn run_libc(ops: &[(u32, u32)]) -> Duration {
    // SAFETY: libc's pair.
    unsafe { churn(ops, libc::malloc, libc::free) }
}
#[inline(never)]
fn run_pymalloc(ops: &[(u32, u32)]) -> Duration {
    // SAFETY: pyrite's PyObject_ pair (mode read from PYTHONMALLOC on first use).
    unsafe { churn(ops, PyObject_Malloc, PyObject_Free) }
}

fn main() {
    pyrite::runtime::obmalloc::set_mode_from_env();
    let patterns: Vec<(&str, Vec<(u32, u32)>)> = vec![
        ("random 16..512", make_ops(1, |r| 16 + (r.next() % 497) as usize)),
        ("random 16..128", make_ops(2, |r| 16 + (r.next() % 113) as usize)),
        ("fixed 16", make_ops(3, |_| 16)),
        ("fixed 64", make_ops(4, |_| 64)),
        ("fixed 256", make_ops(5, |_| 256)),
        ("fixed 512", make_ops(6, |_| 512)),
    ];
    println!("PyObject_Malloc/Free vs libc malloc/free");
    println!("{STEPS} free+malloc steps, window {WINDOW}, best of {ROUNDS} alternating rounds");
    println!("{:<16} {:>12} {:>14} {:>8}", "pattern", "libc ns/op", "pymalloc ns/op", "ratio");
    let mut worst = f64::INFINITY;
    for (name, ops) in &patterns {
        let (mut best_libc, mut best_py) = (Duration::MAX, Duration::MAX);
        for _ in 0..ROUNDS {
            best_libc = best_libc.min(run_libc(ops));
            best_py = best_py.min(run_pymalloc(ops));
        }
        let ns = |d: Duration| d.as_nanos() as f64 / STEPS as f64;
        let ratio = best_libc.as_secs_f64() / best_py.as_secs_f64();
        worst = worst.min(ratio);
        println!("{:<16} {:>12.2} {:>14.2} {:>7.2}x", name, ns(best_libc), ns(best_py), ratio);
    }
    println!("worst ratio (libc time / pymalloc time; >1 = pymalloc faster): {worst:.2}x");
}
