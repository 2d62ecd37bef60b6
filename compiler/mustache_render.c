/* SPDX-License-Identifier: MIT */
/*
 * Rendering a compiled template: names looked up through the context
 * stack, sections, partials, parents and blocks (compiled again where
 * they are expanded, and cached per render), and escaping.
 */
#include "mustache_tree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- rendering -------------------------------------------------------- */

struct cached {
    const char *text;
    size_t len;
    const char *indent;
    size_t indent_len;
    const char *otag; /* delimiters it was compiled with */
    struct mu_template *tmpl;
};

struct render {
    const struct mu_render_opts *opts;
    struct buf *out;
    struct mu_error *err;
    struct arena scratch;        /* compilations made while rendering */
    struct arena items;          /* items of lazy lists, one at a time */
    struct ptrvec stack;         /* context stack, const struct mu_value * */
    struct ptrvec frames;        /* parents being expanded, outermost first */
    struct cached *cache;
    size_t ncache, cache_cap;
    unsigned depth;
    unsigned long expansions;    /* of partials, parents and blocks, for the budget */
    unsigned long iterations;    /* list items rendered by sections, for the budget */
    struct mu_budget budget;     /* the caller's, defaults filled in */
    bool failed;
};

static void render_error(struct render *r, const char *name, const struct mu_node *n,
                         const char *fmt, ...) REGC_PRINTF(4, 5);

static void render_error(struct render *r, const char *name, const struct mu_node *n,
                         const char *fmt, ...)
{
    if (r->failed)
        return;
    r->failed = true;
    snprintf(r->err->name, sizeof(r->err->name), "%s", name);
    r->err->line = n ? n->line : 0;
    r->err->col = n ? n->col : 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err->message, sizeof(r->err->message), fmt, ap);
    va_end(ap);
}

/* Context lookup: "." is the top; a dotted name resolves its first part
 * down the stack and the rest inside what it found, and nowhere else. */
static const struct mu_value *resolve(struct render *r, const char *name, size_t len)
{
    if (len == 1 && name[0] == '.')
        return r->stack.len ? r->stack.items[r->stack.len - 1] : NULL;
    const char *dot = memchr(name, '.', len);
    size_t first = dot ? (size_t)(dot - name) : len;
    const struct mu_value *v = NULL;
    for (size_t i = r->stack.len; i-- > 0;) {
        v = mu_map_get(r->stack.items[i], name, first);
        if (v)
            break;
    }
    while (v && dot) {
        const char *part = dot + 1;
        const char *next = memchr(part, '.', (size_t)(name + len - part));
        size_t plen = next ? (size_t)(next - part) : (size_t)(name + len - part);
        v = mu_map_get(v, part, plen);
        dot = next;
    }
    return v;
}

/* Every byte goes through here, so the output budget holds to the byte:
 * checked only where sections and partials are entered, a loop of
 * variables over a large value wrote gigabytes before the next check. */
static bool emit(struct render *r, const char *tname, const struct mu_node *n, const char *s,
                 size_t len)
{
    if (r->failed)
        return false;
    if (len > r->budget.output || r->out->len > r->budget.output - len) {
        render_error(r, tname, n, "output passed %zu bytes (a template that includes itself, or "
                                  "repeats a large value?)", r->budget.output);
        return false;
    }
    buf_put(r->out, s, len);
    return true;
}

static void put_escaped(struct render *r, const char *tname, const struct mu_node *n, const char *s,
                        size_t len)
{
    if (r->opts->escape == MU_ESCAPE_NONE) {
        emit(r, tname, n, s, len);
        return;
    }
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        const char *rep = NULL;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '"': rep = "&quot;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        default: continue;
        }
        if (!emit(r, tname, n, s + run, i - run) || !emit(r, tname, n, rep, strlen(rep)))
            return;
        run = i + 1;
    }
    emit(r, tname, n, s + run, len - run);
}

static void put_value(struct render *r, const char *tname, const struct mu_node *n,
                      const struct mu_value *v, bool escape)
{
    if (!v)
        return;
    const char *s = "";
    size_t len = 0;
    if (v->kind == MU_STRING) {
        s = v->str;
        len = v->len;
    } else if (v->kind == MU_BOOL) {
        s = v->b ? "true" : "false";
        len = strlen(s);
    }
    if (escape)
        put_escaped(r, tname, n, s, len);
    else
        emit(r, tname, n, s, len);
}

/* Prefixes every line that is not blank, as partials and parents on a
 * standalone line are indented. */
static char *indent_text(struct arena *a, const char *text, size_t len, const char *indent,
                         size_t indent_len, size_t *out_len)
{
    struct buf b = {0};
    for (size_t p = 0; p < len;) {
        size_t e = p;
        while (e < len && text[e] != '\n')
            e++;
        bool blank = true;
        for (size_t k = p; k < e; k++)
            if (!is_space(text[k]))
                blank = false;
        if (!blank)
            buf_put(&b, indent, indent_len);
        buf_put(&b, text + p, e - p);
        if (e < len)
            buf_putc(&b, '\n');
        p = e + 1;
    }
    char *s = arena_strndup(a, b.data ? b.data : "", b.len);
    *out_len = b.len;
    buf_free(&b);
    return s;
}

static const struct mu_template *compile_cached(struct render *r, const char *name, const char *text,
                                                size_t len, const char *indent, size_t indent_len,
                                                const char *otag, size_t olen, const char *ctag,
                                                size_t clen, const struct mu_node *at)
{
    for (size_t i = 0; i < r->ncache; i++) {
        struct cached *k = &r->cache[i];
        if (k->text == text && k->len == len && k->otag == otag && k->indent_len == indent_len &&
            (indent_len == 0 || memcmp(k->indent, indent, indent_len) == 0))
            return k->tmpl;
    }
    const char *src = text;
    size_t srclen = len;
    if (indent_len)
        src = indent_text(&r->scratch, text, len, indent, indent_len, &srclen);
    struct mu_error e;
    struct mu_template *t = compile_with(&r->scratch, name, src, srclen, otag, olen, ctag, clen, &e);
    if (!t) {
        render_error(r, e.name, at, "in '%s', line %u column %u: %s", e.name, e.line, e.col, e.message);
        return NULL;
    }
    if (r->ncache == r->cache_cap) {
        r->cache_cap = r->cache_cap ? r->cache_cap * 2 : 16;
        r->cache = xrealloc(r->cache, r->cache_cap * sizeof(*r->cache));
    }
    r->cache[r->ncache++] = (struct cached){text, len, indent, indent_len, otag, t};
    return t;
}

static void render_nodes(struct render *r, const char *tname, struct mu_node *const *nodes, size_t n);

static bool enter(struct render *r, const char *tname, const struct mu_node *n)
{
    if (n->kind != N_SECTION && n->kind != N_INVERTED && ++r->expansions > r->budget.expansions) {
        render_error(r, tname, n, "templates expanded more than %lu partials, parents and blocks (a "
                                  "template that includes itself more than once?)", r->budget.expansions);
        return false;
    }
    if (++r->depth > MU_MAX_DEPTH) {
        render_error(r, tname, n, "templates nested more than %d deep (a partial that includes "
                                  "itself forever?)", MU_MAX_DEPTH);
        return false;
    }
    return true;
}

/* A partial or parent's name, or for {{>*name}} the name found in the context. */
static bool target_name(struct render *r, const struct mu_node *n, const char **name)
{
    if (!n->dynamic) {
        *name = n->text;
        return true;
    }
    const struct mu_value *v = resolve(r, n->text, n->len);
    if (!v || v->kind != MU_STRING)
        return false;
    *name = v->str;
    return true;
}

static void render_external(struct render *r, const char *tname, const struct mu_node *n)
{
    const char *kind = n->kind == N_PARENT ? "parent" : "partial";
    const char *name;
    if (!target_name(r, n, &name)) {
        if (r->opts->strict)
            render_error(r, tname, n, "the name of %s '*%.*s' is not a string in the context", kind,
                         (int)n->len, n->text);
        return;
    }
    size_t len = 0;
    const char *text = r->opts->lookup ? r->opts->lookup(r->opts->lookup_ctx, name, &len) : NULL;
    /* The specification renders a missing partial as nothing; strictly,
     * it is a mistake, reported where the template names it. */
    if (!text) {
        if (r->opts->strict)
            render_error(r, tname, n, "%s '%s' does not exist", kind, name);
        return;
    }
    const struct mu_template *t =
        compile_cached(r, name, text, len, n->standalone ? n->indent : NULL,
                       n->standalone ? n->indent_len : 0, "{{", 2, "}}", 2, n);
    if (!t || !enter(r, tname, n))
        return;
    if (n->kind == N_PARENT)
        ptrvec_push(&r->frames, (void *)n);
    render_nodes(r, t->name, t->nodes, t->nnodes);
    if (n->kind == N_PARENT)
        r->frames.len--;
    r->depth--;
}

/* The argument a parent expansion passes for a block: the outermost one
 * wins, so a child overrides its parent's parent. */
static const struct mu_node *block_argument(struct render *r, const struct mu_node *block)
{
    for (size_t f = 0; f < r->frames.len; f++) {
        const struct mu_node *parent = r->frames.items[f];
        for (size_t i = 0; i < parent->nchildren; i++) {
            const struct mu_node *b = parent->children[i];
            if (b->len == block->len && memcmp(b->text, block->text, b->len) == 0)
                return b;
        }
    }
    return NULL;
}

static void render_block(struct render *r, const char *tname, const struct mu_node *n)
{
    const struct mu_node *arg = block_argument(r, n);
    const struct mu_node *src = arg ? arg : n;
    const struct mu_template *t =
        compile_cached(r, tname, src->content, src->content_len, n->standalone ? n->indent : NULL,
                       n->standalone ? n->indent_len : 0, src->otag, src->olen, src->ctag, src->clen, n);
    if (!t || !enter(r, tname, n))
        return;
    render_nodes(r, tname, t->nodes, t->nnodes);
    r->depth--;
}

static void render_section(struct render *r, const char *tname, const struct mu_node *n)
{
    const struct mu_value *v = resolve(r, n->text, n->len);
    if (!v && r->opts->strict) {
        render_error(r, tname, n, "section '%s' is not defined here", n->text);
        return;
    }
    if (n->kind == N_INVERTED) {
        if (!mu_truthy(v))
            render_nodes(r, tname, n->children, n->nchildren);
        return;
    }
    if (!mu_truthy(v) || !enter(r, tname, n))
        return;
    if (v->kind == MU_LIST) {
        for (size_t i = 0; i < v->n && !r->failed; i++) {
            if (++r->iterations > r->budget.iterations) {
                render_error(r, tname, n, "sections rendered more than %lu list items (sections "
                                          "nested over lists multiply)", r->budget.iterations);
                break;
            }
            struct arena_mark mark = arena_mark(&r->items);
            struct mu_value *item = v->lazy ? v->gen->fn(v->gen->ctx, i, &r->items) : v->items[i];
            ptrvec_push(&r->stack, item);
            render_nodes(r, tname, n->children, n->nchildren);
            r->stack.len--;
            if (v->lazy)
                arena_reset(&r->items, mark);
        }
    } else {
        ptrvec_push(&r->stack, (void *)v);
        render_nodes(r, tname, n->children, n->nchildren);
        r->stack.len--;
    }
    r->depth--;
}

static void render_nodes(struct render *r, const char *tname, struct mu_node *const *nodes, size_t n)
{
    for (size_t i = 0; i < n && !r->failed; i++) {
        const struct mu_node *node = nodes[i];
        switch (node->kind) {
        case N_TEXT:
            emit(r, tname, node, node->text, node->len);
            break;
        case N_VAR:
        case N_RAW: {
            const struct mu_value *v = resolve(r, node->text, node->len);
            if (!v && r->opts->strict)
                render_error(r, tname, node, "'%s' is not defined here", node->text);
            put_value(r, tname, node, v, node->kind == N_VAR);
            break;
        }
        case N_SECTION:
        case N_INVERTED:
            render_section(r, tname, node);
            break;
        case N_PARTIAL:
        case N_PARENT:
            render_external(r, tname, node);
            break;
        case N_BLOCK:
            render_block(r, tname, node);
            break;
        }
    }
}

bool mu_render(const struct mu_template *t, const struct mu_value *data,
               const struct mu_render_opts *opts, struct buf *out, struct mu_error *err)
{
    struct render r;
    memset(&r, 0, sizeof(r));
    r.opts = opts;
    r.out = out;
    r.err = err;
    r.budget = opts->budget;
    if (!r.budget.expansions)
        r.budget.expansions = MU_MAX_EXPANSIONS;
    if (!r.budget.iterations)
        r.budget.iterations = MU_MAX_ITERATIONS;
    if (!r.budget.output)
        r.budget.output = MU_MAX_OUTPUT;
    memset(err, 0, sizeof(*err));
    arena_init(&r.scratch);
    arena_init(&r.items);
    if (data)
        ptrvec_push(&r.stack, (void *)data);
    /* out is a valid C string even when nothing is rendered */
    buf_reserve(out, 0);
    out->data[out->len] = '\0';
    render_nodes(&r, t->name, t->nodes, t->nnodes);
    ptrvec_free(&r.stack);
    ptrvec_free(&r.frames);
    free(r.cache);
    arena_free(&r.scratch);
    arena_free(&r.items);
    return !r.failed;
}

