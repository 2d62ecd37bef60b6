/* SPDX-License-Identifier: MIT */
/*
 * A Mustache engine: the core specification (interpolation, sections,
 * inverted sections, comments, partials, set delimiters), inheritance
 * (parents and blocks) and dynamic names. No lambdas.
 *
 * View models are trees of mu_value built by C code; templates decide all
 * the text. Everything is allocated from an arena.
 */
#ifndef REGC_MUSTACHE_H
#define REGC_MUSTACHE_H

#include "util.h"

#include <stdbool.h>
#include <stddef.h>

enum {
    MU_MAX_NESTING = 64,   /* sections, parents and blocks open at once in one template */
    MU_MAX_DEPTH = 128,    /* partials, parents, blocks and sections active while rendering */
    /* Partials, parents and blocks expanded in one render, all told: a
     * template that includes itself twice at each of 128 levels would
     * otherwise run for ever without ever being too deep. */
    MU_MAX_EXPANSIONS = 1 << 20,
    /* Items of lists rendered by sections in one render: sections nested
     * over lists multiply, and twenty levels of three items would run for
     * hours. */
    MU_MAX_ITERATIONS = 1 << 20,
};
/* Bytes one render may produce. */
#define MU_MAX_OUTPUT ((size_t)1 << 30)

/* What one render may do. The defaults above suit a small view model; a
 * caller whose data is large (regc renders a 100k-register spec with
 * millions of items) raises them in proportion to its input, so that a
 * runaway template still stops after work linear in that input. Zero
 * means the default. */
struct mu_budget {
    unsigned long expansions, iterations;
    size_t output;
};

/* ---- values ------------------------------------------------------------ */

enum mu_kind { MU_NULL, MU_BOOL, MU_STRING, MU_LIST, MU_MAP };

struct mu_pair;
struct mu_value;
struct arena;

/*
 * A lazy list makes its items when a section walks it, one at a time, in a
 * scratch arena that is emptied after each item: a header for 100,000
 * registers never holds 100,000 register views at once.
 */
typedef struct mu_value *(*mu_item_fn)(void *ctx, size_t index, struct arena *scratch);

struct mu_lazy {
    mu_item_fn fn;
    void *ctx;
};

struct mu_value {
    unsigned char kind;
    bool b;
    bool lazy;
    union {
        size_t len;  /* string */
        size_t n;    /* list and map */
    };
    size_t cap;
    union {
        const char *str;
        struct mu_value **items;
        struct mu_pair *pairs;
        const struct mu_lazy *gen;
    };
};

struct mu_pair {
    const char *key;
    size_t keylen;
    struct mu_value *value;
};

struct mu_value *mu_null(struct arena *a);
struct mu_value *mu_bool(struct arena *a, bool b);
/* The string is copied into the arena. */
struct mu_value *mu_str(struct arena *a, const char *s);
struct mu_value *mu_strn(struct arena *a, const char *s, size_t len);
/* The string is not copied: it must outlive the value (arena strings do). */
struct mu_value *mu_str_ref(struct arena *a, const char *s);
struct mu_value *mu_strf(struct arena *a, const char *fmt, ...) REGC_PRINTF(2, 3);
struct mu_value *mu_list(struct arena *a);
struct mu_value *mu_lazy_list(struct arena *a, size_t n, mu_item_fn fn, void *ctx);
void mu_list_push(struct arena *a, struct mu_value *list, struct mu_value *v);
struct mu_value *mu_map(struct arena *a);
/* Keys are not copied. Setting a key twice replaces the value. */
void mu_map_set(struct arena *a, struct mu_value *map, const char *key, struct mu_value *v);
void mu_map_str(struct arena *a, struct mu_value *map, const char *key, const char *s);
void mu_map_strf(struct arena *a, struct mu_value *map, const char *key, const char *fmt, ...)
    REGC_PRINTF(4, 5);
void mu_map_bool(struct arena *a, struct mu_value *map, const char *key, bool b);
const struct mu_value *mu_map_get(const struct mu_value *map, const char *key, size_t keylen);
/* Sections render for true, non-empty strings, non-empty lists and maps. */
bool mu_truthy(const struct mu_value *v);

/* ---- templates --------------------------------------------------------- */

struct mu_error {
    char name[128];      /* template the error is in */
    unsigned line, col;  /* 1-based; byte columns */
    char message[256];
};

struct mu_template;

/*
 * Compiles template text. Every syntax error is found here, so a template
 * that compiles renders without syntax surprises. Returns NULL and fills
 * err on error. `name` is copied into the arena; `text` must outlive the
 * template (block and parent expansion re-read it).
 */
struct mu_template *mu_compile(struct arena *a, const char *name, const char *text, size_t len,
                               struct mu_error *err);

enum mu_escape {
    MU_ESCAPE_HTML, /* the specification's behaviour: & " < > become entities */
    MU_ESCAPE_NONE, /* regc's: it renders C, where {{x}} must be verbatim */
};

/*
 * Partials and parents are looked up by name through this callback, which
 * returns the template's text (NULL: not found, rendered as empty, as the
 * specification asks). The engine compiles and caches what it gets.
 */
typedef const char *(*mu_lookup_fn)(void *ctx, const char *name, size_t *len);

struct mu_render_opts {
    enum mu_escape escape;
    mu_lookup_fn lookup;
    void *lookup_ctx;
    /* A name found nowhere in the context is an error instead of empty:
     * regc's view models define every name their templates use, so a
     * misspelt one cannot silently drop text from a header. */
    bool strict;
    struct mu_budget budget;
};

/* Appends the rendering to out, which is NUL-terminated afterwards even when
 * nothing was rendered. Returns false with err filled when the depth limit
 * is hit, a partial does not compile, or (strict) a name is undefined. */
bool mu_render(const struct mu_template *t, const struct mu_value *data,
               const struct mu_render_opts *opts, struct buf *out, struct mu_error *err);

#endif
