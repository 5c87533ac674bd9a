/* Allocator stress through the three C families (PyMem_Raw*, PyMem_*,
 * PyObject_*): random sizes 0..2048 filled with a per-block pattern and
 * verified before release, interleaved frees, realloc growing and shrinking
 * across the 512-byte small-object limit (data preserved up to the smaller
 * size), calloc zeroing, zero-size requests giving distinct non-NULL pointers,
 * and live bytes back to where they started. Runs also under
 * PYTHONMALLOC=debug and valgrind (tests/capi.rs). */
#include "check.h"
#include <stdint.h>

#define SLOTS 512
#define ROUNDS 8000

typedef struct {
    void *(*malloc_)(size_t);
    void *(*calloc_)(size_t, size_t);
    void *(*realloc_)(void *, size_t);
    void (*free_)(void *);
    const char *name;
} Family;

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rnd(void) {
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}

static unsigned char pattern(size_t slot, size_t i) {
    return (unsigned char)(slot * 31u + i * 7u + 1u);
}

static void fill(unsigned char *p, size_t n, size_t slot) {
    for (size_t i = 0; i < n; i++) p[i] = pattern(slot, i);
}

/* Number of bytes in p[0..n) that differ from the slot's pattern. */
static size_t damaged(const unsigned char *p, size_t n, size_t slot) {
    size_t bad = 0;
    for (size_t i = 0; i < n; i++) bad += p[i] != pattern(slot, i);
    return bad;
}

static void stress(const Family *f) {
    static void *ptr[SLOTS];
    static size_t len[SLOTS];
    size_t bad = 0, nulls = 0;
    memset(ptr, 0, sizeof ptr);

    for (int round = 0; round < ROUNDS; round++) {
        size_t s = (size_t)(rnd() % SLOTS);
        uint64_t op = rnd() % 8;
        if (ptr[s] != NULL) {
            bad += damaged(ptr[s], len[s], s);
        }
        if (op < 3 || ptr[s] == NULL) {
            /* free (if any) and allocate a fresh block */
            f->free_(ptr[s]);
            size_t n = (size_t)(rnd() % 2049);
            ptr[s] = f->malloc_(n);
            len[s] = n;
            if (ptr[s] == NULL) nulls++;
            else fill(ptr[s], n, s);
        } else if (op < 6) {
            /* realloc to a random size, often across the 512-byte line */
            size_t n = (op == 3) ? 400 + (size_t)(rnd() % 224) : (size_t)(rnd() % 2049);
            unsigned char *q = f->realloc_(ptr[s], n);
            if (q == NULL) {
                nulls++;
                continue;
            }
            size_t keep = n < len[s] ? n : len[s];
            bad += damaged(q, keep, s);
            fill(q, n, s);
            ptr[s] = q;
            len[s] = n;
        } else if (op == 6) {
            /* calloc: zeroed */
            f->free_(ptr[s]);
            size_t n = (size_t)(rnd() % 700);
            unsigned char *q = f->calloc_(n, 3);
            if (q == NULL) {
                nulls++;
                ptr[s] = NULL;
                continue;
            }
            for (size_t i = 0; i < n * 3; i++) bad += q[i] != 0;
            fill(q, n * 3, s);
            ptr[s] = q;
            len[s] = n * 3;
        } else {
            /* plain free */
            f->free_(ptr[s]);
            ptr[s] = NULL;
            len[s] = 0;
        }
    }
    for (size_t s = 0; s < SLOTS; s++) {
        if (ptr[s] != NULL) bad += damaged(ptr[s], len[s], s);
        f->free_(ptr[s]);
    }
    if (bad || nulls) fprintf(stderr, "%s: %zu damaged bytes, %zu NULL results\n", f->name, bad, nulls);
    CHECK(bad == 0);
    CHECK(nulls == 0);
}

/* realloc across the small-object limit, byte-exact both ways. */
static void across_the_line(const Family *f) {
    static const size_t steps[] = {1, 16, 500, 511, 512, 513, 600, 2048, 513, 512, 511, 100, 8, 1, 4096, 3};
    unsigned char *p = f->malloc_(1);
    size_t n = 1;
    fill(p, 1, 99);
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        unsigned char *q = f->realloc_(p, steps[i]);
        CHECK(q != NULL);
        if (q == NULL) break;
        size_t keep = steps[i] < n ? steps[i] : n;
        CHECK(damaged(q, keep, 99) == 0);
        fill(q, steps[i], 99);
        p = q;
        n = steps[i];
    }
    /* realloc(NULL, n) is malloc(n); realloc to 0 gives a usable pointer. */
    unsigned char *r = f->realloc_(NULL, 40);
    CHECK(r != NULL);
    fill(r, 40, 5);
    r = f->realloc_(r, 0);
    CHECK(r != NULL);
    f->free_(r);
    f->free_(p);
    f->free_(NULL);
}

/* Zero-size requests return distinct, non-NULL, freeable pointers. */
static void zero_sizes(const Family *f) {
    void *a = f->malloc_(0), *b = f->malloc_(0), *c = f->calloc_(0, 0), *d = f->calloc_(0, 16);
    CHECK(a != NULL && b != NULL && c != NULL && d != NULL);
    CHECK(a != b && a != c && b != c && c != d);
    f->free_(a);
    f->free_(b);
    f->free_(c);
    f->free_(d);
}

/* Overflowing requests fail cleanly with NULL. */
static void too_big(const Family *f) {
    CHECK(f->malloc_((size_t)PY_SSIZE_T_MAX + 1) == NULL);
    CHECK(f->calloc_((size_t)1 << 62, 16) == NULL);
    void *p = f->malloc_(10);
    CHECK(f->realloc_(p, (size_t)PY_SSIZE_T_MAX + 1) == NULL); /* p still valid */
    f->free_(p);
}

int main(void) {
    BEGIN_TEST();
    const Family families[] = {
        {PyMem_RawMalloc, PyMem_RawCalloc, PyMem_RawRealloc, PyMem_RawFree, "PyMem_Raw"},
        {PyMem_Malloc, PyMem_Calloc, PyMem_Realloc, PyMem_Free, "PyMem"},
        {PyObject_Malloc, PyObject_Calloc, PyObject_Realloc, PyObject_Free, "PyObject"},
    };
    Py_ssize_t bytes_start = Pyrite_LiveBytes();
    for (size_t i = 0; i < 3; i++) {
        stress(&families[i]);
        across_the_line(&families[i]);
        zero_sizes(&families[i]);
        too_big(&families[i]);
        CHECK(PyErr_Occurred() == NULL);
    }
    /* The families interleaved: blocks of each alive at once. */
    void *keep[3][64];
    for (int j = 0; j < 64; j++)
        for (int i = 0; i < 3; i++) {
            keep[i][j] = families[i].malloc_((size_t)(j * 37 % 1100));
            CHECK(keep[i][j] != NULL);
        }
    for (int j = 63; j >= 0; j--)
        for (int i = 2; i >= 0; i--) families[i].free_(keep[i][j]);

    Py_ssize_t bytes_end = Pyrite_LiveBytes();
    if (bytes_end != bytes_start) fprintf(stderr, "live bytes %zd -> %zd\n", bytes_start, bytes_end);
    CHECK(bytes_end == bytes_start);
    printf("allocator stress: %d rounds x 3 families ok\n", ROUNDS);
    END_TEST();
}
