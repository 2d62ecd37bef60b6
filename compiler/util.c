/* SPDX-License-Identifier: MIT */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void die_oom(void)
{
    fputs("regc: fatal: out of memory\n", stderr);
    exit(2);
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        die_oom();
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        die_oom();
    return p;
}

void *xrealloc(void *p, size_t size)
{
    p = realloc(p, size ? size : 1);
    if (!p)
        die_oom();
    return p;
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

/* ---- arena ---------------------------------------------------------- */

struct arena_chunk {
    struct arena_chunk *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

enum { ARENA_CHUNK = 64 * 1024, ARENA_ALIGN = 16 };

void arena_init(struct arena *a)
{
    a->head = a->cur = NULL;
    a->total = 0;
}

void arena_free(struct arena *a)
{
    struct arena_chunk *c = a->head;
    while (c) {
        struct arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = a->cur = NULL;
    a->total = 0;
}

static struct arena_chunk *arena_chunk_new(struct arena *a, size_t size)
{
    struct arena_chunk *n = xmalloc(sizeof(*n) + size);
    n->used = 0;
    n->size = size;
    n->next = a->head;
    a->head = n;
    return n;
}

void *arena_alloc(struct arena *a, size_t size)
{
    size_t need = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (need < size)
        die_oom();
    struct arena_chunk *c = a->cur;
    if (!c || c->size - c->used < need) {
        if (need > ARENA_CHUNK / 4) {
            /* A large request gets a chunk of its own, and the current
             * chunk keeps serving small ones. */
            c = arena_chunk_new(a, need);
        } else {
            c = a->cur = arena_chunk_new(a, ARENA_CHUNK);
        }
    }
    void *p = c->data + c->used;
    c->used += need;
    a->total += need;
    memset(p, 0, size);
    return p;
}

struct arena_mark arena_mark(const struct arena *a)
{
    struct arena_mark m = {a->head, a->cur, a->cur ? a->cur->used : 0, a->total};
    return m;
}

void arena_reset(struct arena *a, struct arena_mark m)
{
    while (a->head != m.head) {
        struct arena_chunk *next = a->head->next;
        free(a->head);
        a->head = next;
    }
    a->cur = m.cur;
    if (a->cur)
        a->cur->used = m.used;
    a->total = m.total;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

/* Formats made only of text and %s, such as "%s_%s_WITHOUT_%s" for macro
 * names, are most of what the views build; joining them directly skips
 * vsnprintf's machinery, a quarter of a large spec's compile time. */
static char *arena_join(struct arena *a, const char *fmt, va_list ap)
{
    const char *parts[16];
    size_t lens[16], n = 0, total = 0;
    va_list ap2;
    va_copy(ap2, ap);
    for (const char *f = fmt; *f; f++) {
        if (*f != '%')
            continue;
        if (f[1] != 's' || n == 16) {
            va_end(ap2);
            return NULL;
        }
        parts[n] = va_arg(ap2, const char *);
        lens[n] = strlen(parts[n]);
        total += lens[n++];
        f++;
    }
    va_end(ap2);
    total += strlen(fmt) - 2 * n;
    char *p = arena_alloc(a, total + 1), *q = p;
    size_t k = 0;
    for (const char *f = fmt; *f; f++) {
        if (*f == '%') {
            memcpy(q, parts[k], lens[k]);
            q += lens[k++];
            f++;
        } else {
            *q++ = *f;
        }
    }
    *q = '\0';
    return p;
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
    char *joined = arena_join(a, fmt, ap);
    if (joined)
        return joined;
    /* Most results are short: format on the stack, copy once. (This also
     * keeps GCC's format-truncation analysis, which misfires on a NULL
     * destination under -fsanitize=undefined, out of the way.) */
    char small[256];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(small, sizeof(small), fmt, ap2);
    va_end(ap2);
    if (n < 0)
        die_oom();
    char *p = arena_alloc(a, (size_t)n + 1);
    if ((size_t)n < sizeof(small))
        memcpy(p, small, (size_t)n + 1);
    else
        vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

/* ---- avec ------------------------------------------------------------ */

void avec_push(struct arena *a, struct avec *v, void *p)
{
    if (v->len == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 4;
        void **items = arena_alloc(a, cap * sizeof(*items));
        if (v->len)
            memcpy(items, v->items, v->len * sizeof(*items));
        v->items = items;
        v->cap = cap;
    }
    v->items[v->len++] = p;
}

/* ---- ptrvec ---------------------------------------------------------- */

void ptrvec_push(struct ptrvec *v, void *p)
{
    if (v->len == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 8;
        v->items = xrealloc(v->items, v->cap * sizeof(*v->items));
    }
    v->items[v->len++] = p;
}

void ptrvec_free(struct ptrvec *v)
{
    free(v->items);
    v->items = NULL;
    v->len = v->cap = 0;
}

/* ---- buf -------------------------------------------------------------- */

void buf_reserve(struct buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2)
            die_oom();
        cap *= 2;
    }
    b->data = xrealloc(b->data, cap);
    b->cap = cap;
}

void buf_put(struct buf *b, const void *data, size_t len)
{
    buf_reserve(b, len);
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
    buf_put(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
    buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
    /* Try the space already there first; grow and format again only when
     * it was too small. */
    buf_reserve(b, 64);
    va_list ap2;
    va_copy(ap2, ap);
    size_t room = b->cap - b->len;
    int n = vsnprintf(b->data + b->len, room, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        die_oom();
    if ((size_t)n >= room) {
        buf_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    }
    b->len += (size_t)n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void buf_clear(struct buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void buf_free(struct buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *buf_steal(struct buf *b, size_t *len)
{
    char *p = b->data ? b->data : xstrdup("");
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

uint64_t hash_bytes(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}
