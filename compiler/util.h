/* SPDX-License-Identifier: MIT */
/*
 * Small pieces every phase uses: allocation that cannot fail silently, a
 * bump arena that owns the whole model of one compilation, and a growable
 * byte buffer that outputs are rendered into before anything touches disk.
 */
#ifndef REGC_UTIL_H
#define REGC_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define REGC_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#define REGC_NORETURN __attribute__((noreturn))
#else
#define REGC_PRINTF(fmt, args)
#define REGC_NORETURN
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Out of memory is not a diagnostic about the input: report and exit 2. */
REGC_NORETURN void die_oom(void);
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/*
 * The arena owns everything that lives as long as one compilation: the AST,
 * the resolved model, layouts and view models. Nothing in it is freed
 * individually, which is what lets the parser drop subtrees during error
 * recovery without a destructor for every semantic value.
 */
struct arena_chunk;
struct arena {
    struct arena_chunk *head; /* every chunk, newest first */
    struct arena_chunk *cur;  /* the one small allocations come from */
    size_t total;             /* bytes handed out, for benchmarks */
};

void arena_init(struct arena *a);
void arena_free(struct arena *a);
void *arena_alloc(struct arena *a, size_t size);   /* zeroed */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...) REGC_PRINTF(2, 3);
/* A position in the arena: everything allocated after it can be released
 * at once, for scratch data built and dropped in a loop. */
struct arena_mark {
    struct arena_chunk *head, *cur;
    size_t used, total;
};
struct arena_mark arena_mark(const struct arena *a);
void arena_reset(struct arena *a, struct arena_mark m);
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap) REGC_PRINTF(2, 0);
#define ARENA_NEW(a, type) ((type *)arena_alloc((a), sizeof(type)))
#define ARENA_ARRAY(a, type, n) ((type *)arena_alloc((a), sizeof(type) * (size_t)(n)))

/*
 * Growable array of pointers whose storage lives in an arena: what the
 * parser builds lists with, so that a list dropped by error recovery needs
 * no destructor. Growth copies; the old storage stays in the arena.
 */
struct avec {
    void **items;
    size_t len, cap;
};
void avec_push(struct arena *a, struct avec *v, void *p);

/* Growable array of pointers, storage on the heap, owner frees it. */
struct ptrvec {
    void **items;
    size_t len, cap;
};
void ptrvec_push(struct ptrvec *v, void *p);
void ptrvec_free(struct ptrvec *v);

/* Growable byte buffer, always NUL-terminated when non-empty. */
struct buf {
    char *data;
    size_t len, cap;
};
void buf_reserve(struct buf *b, size_t extra);
void buf_put(struct buf *b, const void *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) REGC_PRINTF(2, 3);
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) REGC_PRINTF(2, 0);
void buf_clear(struct buf *b);
void buf_free(struct buf *b);
/* Hands the bytes to the caller (malloc'd, NUL-terminated) and resets b. */
char *buf_steal(struct buf *b, size_t *len);

/* FNV-1a, used for the symbol and intern tables. */
uint64_t hash_bytes(const void *data, size_t len);

#endif
