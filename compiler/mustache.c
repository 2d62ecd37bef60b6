/* SPDX-License-Identifier: MIT */
/*
 * Compilation is in three passes over the source:
 *   1. scan into tokens (text split at line ends, and tags), following
 *      set-delimiter tags as they come;
 *   2. pair every section with its closing tag, then apply the
 *      specification's standalone-line rules, which need to know what a
 *      closing tag closes;
 *   3. build the node tree.
 *
 * Inheritance is defined on template text (a block's content is re-indented
 * where it is expanded), so parents, blocks and partials keep their source
 * text and are compiled again, with the indentation of the place they are
 * expanded at, when rendered. Those compilations are cached per render.
 */
#include "mustache.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- values --------------------------------------------------------- */

static struct mu_value *mu_new(struct arena *a, enum mu_kind kind)
{
    struct mu_value *v = ARENA_NEW(a, struct mu_value);
    v->kind = kind;
    return v;
}

struct mu_value *mu_null(struct arena *a)
{
    return mu_new(a, MU_NULL);
}

struct mu_value *mu_bool(struct arena *a, bool b)
{
    struct mu_value *v = mu_new(a, MU_BOOL);
    v->b = b;
    return v;
}

struct mu_value *mu_strn(struct arena *a, const char *s, size_t len)
{
    struct mu_value *v = mu_new(a, MU_STRING);
    v->str = arena_strndup(a, s, len);
    v->len = len;
    return v;
}

struct mu_value *mu_str(struct arena *a, const char *s)
{
    return mu_strn(a, s, strlen(s));
}

struct mu_value *mu_str_ref(struct arena *a, const char *s)
{
    struct mu_value *v = mu_new(a, MU_STRING);
    v->str = s;
    v->len = strlen(s);
    return v;
}

struct mu_value *mu_strf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return mu_str_ref(a, s);
}

struct mu_value *mu_list(struct arena *a)
{
    return mu_new(a, MU_LIST);
}

struct mu_value *mu_lazy_list(struct arena *a, size_t n, mu_item_fn fn, void *ctx)
{
    struct mu_value *v = mu_new(a, MU_LIST);
    struct mu_lazy *gen = ARENA_NEW(a, struct mu_lazy);
    gen->fn = fn;
    gen->ctx = ctx;
    v->lazy = true;
    v->gen = gen;
    v->n = n;
    return v;
}

void mu_list_push(struct arena *a, struct mu_value *list, struct mu_value *v)
{
    if (list->n == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 4;
        struct mu_value **items = ARENA_ARRAY(a, struct mu_value *, cap);
        if (list->n)
            memcpy(items, list->items, list->n * sizeof(*items));
        list->items = items;
        list->cap = cap;
    }
    list->items[list->n++] = v;
}

struct mu_value *mu_map(struct arena *a)
{
    return mu_new(a, MU_MAP);
}

/*
 * Maps are scanned linearly while small, which is what view models have.
 * From MAP_INDEXED pairs of capacity on, a hash index of twice the
 * capacity (uint32 slots holding pair index + 1, linear probing) lives in
 * the same allocation right after the pairs, so that a map keyed by, say,
 * every register name does not make building and lookups quadratic.
 */
enum { MAP_INDEXED = 32 };

static uint32_t *map_index(const struct mu_value *map)
{
    return map->cap >= MAP_INDEXED ? (uint32_t *)(void *)(map->pairs + map->cap) : NULL;
}

static size_t map_find(const struct mu_value *map, const char *key, size_t keylen)
{
    const uint32_t *index = map_index(map);
    if (!index) {
        for (size_t i = 0; i < map->n; i++) {
            const struct mu_pair *p = &map->pairs[i];
            if (p->keylen == keylen && memcmp(p->key, key, keylen) == 0)
                return i;
        }
        return SIZE_MAX;
    }
    size_t mask = map->cap * 2 - 1;
    for (size_t slot = (size_t)hash_bytes(key, keylen) & mask; index[slot]; slot = (slot + 1) & mask) {
        const struct mu_pair *p = &map->pairs[index[slot] - 1];
        if (p->keylen == keylen && memcmp(p->key, key, keylen) == 0)
            return index[slot] - 1;
    }
    return SIZE_MAX;
}

static void map_index_add(struct mu_value *map, size_t i)
{
    uint32_t *index = map_index(map);
    if (!index)
        return;
    size_t mask = map->cap * 2 - 1;
    size_t slot = (size_t)hash_bytes(map->pairs[i].key, map->pairs[i].keylen) & mask;
    while (index[slot])
        slot = (slot + 1) & mask;
    index[slot] = (uint32_t)(i + 1);
}

const struct mu_value *mu_map_get(const struct mu_value *map, const char *key, size_t keylen)
{
    if (!map || map->kind != MU_MAP)
        return NULL;
    size_t i = map_find(map, key, keylen);
    return i == SIZE_MAX ? NULL : map->pairs[i].value;
}

void mu_map_set(struct arena *a, struct mu_value *map, const char *key, struct mu_value *v)
{
    size_t keylen = strlen(key);
    size_t found = map_find(map, key, keylen);
    if (found != SIZE_MAX) {
        map->pairs[found].value = v;
        return;
    }
    if (map->n == map->cap) {
        size_t cap = map->cap ? map->cap * 2 : 8;
        if (cap > UINT32_MAX / 2)
            die_oom();
        size_t bytes = cap * sizeof(struct mu_pair);
        if (cap >= MAP_INDEXED)
            bytes += cap * 2 * sizeof(uint32_t);
        struct mu_pair *pairs = arena_alloc(a, bytes); /* zeroed: an empty index */
        if (map->n)
            memcpy(pairs, map->pairs, map->n * sizeof(*pairs));
        map->pairs = pairs;
        map->cap = cap;
        for (size_t i = 0; i < map->n; i++)
            map_index_add(map, i);
    }
    map->pairs[map->n] = (struct mu_pair){key, keylen, v};
    map_index_add(map, map->n);
    map->n++;
}

void mu_map_str(struct arena *a, struct mu_value *map, const char *key, const char *s)
{
    mu_map_set(a, map, key, mu_str_ref(a, s));
}

void mu_map_strf(struct arena *a, struct mu_value *map, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = arena_vprintf(a, fmt, ap);
    va_end(ap);
    mu_map_set(a, map, key, mu_str_ref(a, s));
}

void mu_map_bool(struct arena *a, struct mu_value *map, const char *key, bool b)
{
    mu_map_set(a, map, key, mu_bool(a, b));
}

bool mu_truthy(const struct mu_value *v)
{
    if (!v)
        return false;
    switch (v->kind) {
    case MU_NULL: return false;
    case MU_BOOL: return v->b;
    case MU_STRING: return v->len > 0;
    case MU_LIST: return v->n > 0;
    case MU_MAP: return true;
    }
    return false;
}

/* ---- compiled form -------------------------------------------------- */

enum node_kind { N_TEXT, N_VAR, N_RAW, N_SECTION, N_INVERTED, N_PARTIAL, N_PARENT, N_BLOCK };

struct mu_node {
    enum node_kind kind;
    const char *text;          /* N_TEXT: the text; tags: the name */
    size_t len;
    bool dynamic;              /* {{>*name}}: the name is looked up in the context */
    struct mu_node **children; /* sections; for parents, only blocks count */
    size_t nchildren;
    unsigned line, col;
    /* partials, parents and blocks on a standalone line */
    bool standalone;
    const char *indent;
    size_t indent_len;
    /* blocks: the content as template text, and the delimiters it starts with */
    const char *content;
    size_t content_len;
    const char *otag, *ctag;
    size_t olen, clen;
};

struct mu_template {
    const char *name;
    struct mu_node **nodes;
    size_t nnodes;
};

/* ---- pass 1: tokens -------------------------------------------------- */

enum tok_kind {
    TK_TEXT, TK_VAR, TK_RAW, TK_SECTION, TK_INVERTED, TK_CLOSE, TK_COMMENT,
    TK_PARTIAL, TK_DELIM, TK_PARENT, TK_BLOCK
};

struct tok {
    enum tok_kind kind;
    size_t start, end;          /* text: what remains; tags: the whole tag */
    size_t name_off, name_len;
    bool dynamic;
    bool removed;               /* dropped by the standalone rules */
    bool standalone;
    size_t indent_off, indent_len;
    int match;                  /* the paired open or close tag */
    const char *otag, *ctag;    /* delimiters in effect after this token */
    size_t olen, clen;
};

struct compiler {
    struct arena *a;
    const char *name;
    const char *src;
    size_t len;
    struct tok *toks;
    size_t ntoks, cap;
    struct mu_error *err;
    bool failed;
    /* Where node positions were last computed: nodes are built in source
     * order, so each position is counted on from the previous one instead
     * of from the start, which would be quadratic in a large template. */
    size_t pos_off;
    unsigned pos_line, pos_col;
};

static void pos_of(const char *src, size_t off, unsigned *line, unsigned *col)
{
    unsigned l = 1, c = 1;
    for (size_t i = 0; i < off; i++) {
        if (src[i] == '\n') {
            l++;
            c = 1;
        } else {
            c++;
        }
    }
    *line = l;
    *col = c;
}

static void compile_error(struct compiler *c, size_t off, const char *fmt, ...) REGC_PRINTF(3, 4);

static void compile_error(struct compiler *c, size_t off, const char *fmt, ...)
{
    if (c->failed)
        return;
    c->failed = true;
    snprintf(c->err->name, sizeof(c->err->name), "%s", c->name);
    pos_of(c->src, off, &c->err->line, &c->err->col);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err->message, sizeof(c->err->message), fmt, ap);
    va_end(ap);
}

static struct tok *tok_push(struct compiler *c, enum tok_kind kind, size_t start, size_t end)
{
    if (c->ntoks == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        struct tok *t = xrealloc(c->toks, cap * sizeof(*t));
        c->toks = t;
        c->cap = cap;
    }
    struct tok *t = &c->toks[c->ntoks++];
    memset(t, 0, sizeof(*t));
    t->kind = kind;
    t->start = start;
    t->end = end;
    t->match = -1;
    return t;
}

/* Text is split after every newline, so that a line is a run of tokens. */
static void push_text(struct compiler *c, size_t start, size_t end, const char *otag, size_t olen,
                      const char *ctag, size_t clen)
{
    while (start < end) {
        const char *nl = memchr(c->src + start, '\n', end - start);
        size_t stop = nl ? (size_t)(nl - c->src) + 1 : end;
        struct tok *t = tok_push(c, TK_TEXT, start, stop);
        t->otag = otag, t->olen = olen, t->ctag = ctag, t->clen = clen;
        start = stop;
    }
}

/* The specification's whitespace for standalone lines: spaces and tabs,
 * and the line ending. Counting \v or \f too made a line "\v{{>self}}"
 * standalone but its indentation empty, and each level of such a partial
 * recompiled a longer text, exponentially (found by fuzzing). */
static bool is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

static const char *find(const char *hay, size_t haylen, const char *needle, size_t nlen)
{
    if (nlen == 0 || haylen < nlen)
        return NULL;
    for (size_t i = 0; i + nlen <= haylen; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, nlen) == 0)
            return hay + i;
    return NULL;
}

static void scan(struct compiler *c, const char *otag, size_t olen, const char *ctag, size_t clen)
{
    size_t pos = 0;
    while (pos < c->len && !c->failed) {
        const char *open = find(c->src + pos, c->len - pos, otag, olen);
        if (!open) {
            push_text(c, pos, c->len, otag, olen, ctag, clen);
            break;
        }
        size_t tag = (size_t)(open - c->src);
        push_text(c, pos, tag, otag, olen, ctag, clen);
        size_t p = tag + olen;
        char sigil = p < c->len ? c->src[p] : '\0';
        enum tok_kind kind = TK_VAR;
        const char *close = ctag;
        size_t close_len = clen;
        char triple_close[64];
        switch (sigil) {
        case '#': kind = TK_SECTION; p++; break;
        case '^': kind = TK_INVERTED; p++; break;
        case '/': kind = TK_CLOSE; p++; break;
        case '!': kind = TK_COMMENT; p++; break;
        case '>': kind = TK_PARTIAL; p++; break;
        case '<': kind = TK_PARENT; p++; break;
        case '$': kind = TK_BLOCK; p++; break;
        case '&': kind = TK_RAW; p++; break;
        case '=':
            kind = TK_DELIM;
            p++;
            triple_close[0] = '=';
            memcpy(triple_close + 1, ctag, clen);
            close = triple_close;
            close_len = clen + 1;
            break;
        case '{':
            kind = TK_RAW;
            p++;
            triple_close[0] = '}';
            memcpy(triple_close + 1, ctag, clen);
            close = triple_close;
            close_len = clen + 1;
            break;
        default: break;
        }
        const char *end = find(c->src + p, c->len - p, close, close_len);
        if (!end) {
            compile_error(c, tag, "tag '%.*s' is not closed by '%.*s'", (int)olen, otag,
                          (int)close_len, close);
            return;
        }
        size_t content = p, content_end = (size_t)(end - c->src);
        size_t tag_end = content_end + close_len;
        struct tok *t = tok_push(c, kind, tag, tag_end);
        pos = tag_end;

        if (kind == TK_COMMENT) {
            t->otag = otag, t->olen = olen, t->ctag = ctag, t->clen = clen;
            continue;
        }
        while (content < content_end && is_space(c->src[content]))
            content++;
        while (content_end > content && is_space(c->src[content_end - 1]))
            content_end--;

        if (kind == TK_DELIM) {
            /* "=<% %>=": two words, no '=' and no whitespace in either */
            size_t a0 = content, a1 = a0;
            while (a1 < content_end && !is_space(c->src[a1]))
                a1++;
            size_t b0 = a1;
            while (b0 < content_end && is_space(c->src[b0]))
                b0++;
            size_t b1 = b0;
            while (b1 < content_end && !is_space(c->src[b1]))
                b1++;
            if (a1 == a0 || b1 == b0 || b1 != content_end || memchr(c->src + a0, '=', a1 - a0) ||
                memchr(c->src + b0, '=', b1 - b0) || a1 - a0 > 32 || b1 - b0 > 32) {
                compile_error(c, tag, "a set-delimiter tag needs two delimiters without "
                                      "whitespace or '=', e.g. {{=<%% %%>=}}");
                return;
            }
            otag = c->src + a0;
            olen = a1 - a0;
            ctag = c->src + b0;
            clen = b1 - b0;
            t->otag = otag, t->olen = olen, t->ctag = ctag, t->clen = clen;
            continue;
        }
        t->otag = otag, t->olen = olen, t->ctag = ctag, t->clen = clen;
        /* A closing tag parses the '*' too, so that a dynamic parent is
         * closed by a slash and the same starred name, padded as freely as
         * in its opening tag. */
        if ((kind == TK_PARTIAL || kind == TK_PARENT || kind == TK_CLOSE) && content < content_end &&
            c->src[content] == '*') {
            t->dynamic = true;
            content++;
            while (content < content_end && is_space(c->src[content]))
                content++;
        }
        t->name_off = content;
        t->name_len = content_end - content;
        if (t->name_len == 0) {
            compile_error(c, tag, "empty tag");
            return;
        }
        for (size_t i = content; i < content_end; i++) {
            if (is_space(c->src[i])) {
                compile_error(c, tag, "tag name '%.*s' contains whitespace", (int)t->name_len,
                              c->src + content);
                return;
            }
        }
    }
}

static void pos_advance(struct compiler *c, size_t off, unsigned *line, unsigned *col)
{
    if (off < c->pos_off) {
        c->pos_off = 0;
        c->pos_line = c->pos_col = 1;
    }
    for (size_t i = c->pos_off; i < off; i++) {
        if (c->src[i] == '\n') {
            c->pos_line++;
            c->pos_col = 1;
        } else {
            c->pos_col++;
        }
    }
    c->pos_off = off;
    *line = c->pos_line;
    *col = c->pos_col;
}

/* ---- pass 2: pairing and standalone lines ----------------------------- */

static bool opens_section(enum tok_kind k)
{
    return k == TK_SECTION || k == TK_INVERTED || k == TK_PARENT || k == TK_BLOCK;
}

static bool same_name(const struct compiler *c, const struct tok *a, const struct tok *b)
{
    if (a->dynamic != b->dynamic) {
        /* a section on the key "*x" is closed by a tag that was parsed as
         * the dynamic name "x" */
        const struct tok *plain = a->dynamic ? b : a, *dyn = a->dynamic ? a : b;
        return plain->name_len == dyn->name_len + 1 && c->src[plain->name_off] == '*' &&
               memcmp(c->src + plain->name_off + 1, c->src + dyn->name_off, dyn->name_len) == 0;
    }
    return a->name_len == b->name_len &&
           memcmp(c->src + a->name_off, c->src + b->name_off, a->name_len) == 0;
}

static void pair_sections(struct compiler *c)
{
    int stack[MU_MAX_NESTING];
    int depth = 0;
    for (size_t i = 0; i < c->ntoks && !c->failed; i++) {
        struct tok *t = &c->toks[i];
        if (opens_section(t->kind)) {
            if (depth == MU_MAX_NESTING) {
                compile_error(c, t->start, "sections nested more than %d deep", MU_MAX_NESTING);
                return;
            }
            stack[depth++] = (int)i;
        } else if (t->kind == TK_CLOSE) {
            if (depth == 0) {
                compile_error(c, t->start, "closing tag '%s%.*s' closes nothing",
                              t->dynamic ? "*" : "", (int)t->name_len, c->src + t->name_off);
                return;
            }
            struct tok *o = &c->toks[stack[depth - 1]];
            if (!same_name(c, o, t)) {
                unsigned line, col;
                pos_of(c->src, o->start, &line, &col);
                compile_error(c, t->start,
                              "closing tag '%s%.*s' does not match '%s%.*s', opened at line %u",
                              t->dynamic ? "*" : "", (int)t->name_len, c->src + t->name_off,
                              o->dynamic ? "*" : "", (int)o->name_len, c->src + o->name_off, line);
                return;
            }
            o->match = (int)i;
            t->match = stack[depth - 1];
            depth--;
        }
    }
    if (depth > 0 && !c->failed) {
        struct tok *o = &c->toks[stack[depth - 1]];
        compile_error(c, o->start, "section '%s%.*s' is not closed", o->dynamic ? "*" : "",
                      (int)o->name_len, c->src + o->name_off);
    }
}

static bool standalone_capable(enum tok_kind k)
{
    return k != TK_TEXT && k != TK_VAR && k != TK_RAW;
}

/* Kind of the tag a closing tag closes. */
static enum tok_kind closes(const struct compiler *c, const struct tok *t)
{
    return t->match >= 0 ? c->toks[t->match].kind : TK_CLOSE;
}

/*
 * Two tags side by side may share a standalone line when they belong to
 * inheritance: a parent or block opened and closed at once, a parent
 * opened with its first block, or a block closed with its parent.
 */
static bool standalone_pair(const struct compiler *c, size_t i, size_t j)
{
    const struct tok *a = &c->toks[i], *b = &c->toks[j];
    if (a->end != b->start)
        return false;
    if ((a->kind == TK_PARENT || a->kind == TK_BLOCK) && b->kind == TK_CLOSE && b->match == (int)i)
        return true;
    if (a->kind == TK_PARENT && b->kind == TK_BLOCK)
        return true;
    return a->kind == TK_CLOSE && b->kind == TK_CLOSE && closes(c, a) == TK_BLOCK &&
           closes(c, b) == TK_PARENT;
}

static bool text_is_blank(const struct compiler *c, const struct tok *t)
{
    for (size_t i = t->start; i < t->end; i++)
        if (!is_space(c->src[i]))
            return false;
    return true;
}

static void apply_standalone(struct compiler *c)
{
    size_t i = 0;
    while (i < c->ntoks) {
        /* one line: tokens up to and including the text that ends in '\n' */
        size_t first = i, last = i;
        while (last < c->ntoks) {
            struct tok *t = &c->toks[last];
            if (t->kind == TK_TEXT && t->end > t->start && c->src[t->end - 1] == '\n')
                break;
            last++;
        }
        if (last == c->ntoks)
            last--;
        i = last + 1;

        size_t tags[3], ntags = 0;
        bool blank = true;
        for (size_t k = first; k <= last; k++) {
            struct tok *t = &c->toks[k];
            if (t->kind == TK_TEXT) {
                blank = blank && text_is_blank(c, t);
            } else if (ntags < 3) {
                tags[ntags++] = k;
            } else {
                ntags++;
            }
        }
        if (!blank || ntags == 0 || ntags > 2)
            continue;
        if (ntags == 1 && !standalone_capable(c->toks[tags[0]].kind))
            continue;
        if (ntags == 2 && !standalone_pair(c, tags[0], tags[1]))
            continue;

        struct tok *t0 = &c->toks[tags[0]];
        size_t line_start = c->toks[first].start;
        t0->standalone = true;
        t0->indent_off = line_start;
        t0->indent_len = t0->start - line_start;
        if (ntags == 2)
            c->toks[tags[1]].standalone = true;
        for (size_t k = first; k < tags[0]; k++)
            c->toks[k].removed = true;
        /* A block opened and closed on its own line keeps the line end, so
         * that an empty block leaves an empty line, as the spec asks. */
        bool keep_newline = ntags == 2 && t0->kind == TK_BLOCK && c->toks[tags[1]].kind == TK_CLOSE;
        size_t tail = tags[ntags - 1] + 1;
        for (size_t k = tail; k <= last; k++) {
            struct tok *t = &c->toks[k];
            if (keep_newline && k == last && t->end > t->start && c->src[t->end - 1] == '\n') {
                size_t nl = t->end - 1;
                if (nl > t->start && c->src[nl - 1] == '\r')
                    nl--;
                t->start = nl;
            } else {
                t->removed = true;
            }
        }
    }
}

/* ---- pass 3: the tree ----------------------------------------------- */

static struct mu_template *compile_with(struct arena *a, const char *name, const char *text,
                                        size_t len, const char *otag, size_t olen, const char *ctag,
                                        size_t clen, struct mu_error *err);

/* textwrap.dedent: the common leading whitespace of the lines that are not
 * blank is removed; blank lines become empty. Returns the margin taken
 * from the first line. */
static char *dedent(struct arena *a, const char *text, size_t len, size_t *out_len,
                    const char **margin, size_t *margin_len)
{
    size_t common = SIZE_MAX;
    const char *common_at = NULL;
    for (size_t p = 0; p < len;) {
        size_t e = p;
        while (e < len && text[e] != '\n')
            e++;
        size_t w = p;
        while (w < e && (text[w] == ' ' || text[w] == '\t'))
            w++;
        bool blank = true;
        for (size_t k = w; k < e; k++)
            if (!is_space(text[k]))
                blank = false;
        if (!blank) {
            size_t n = w - p;
            if (!common_at) {
                common = n;
                common_at = text + p;
            } else {
                size_t k = 0;
                while (k < n && k < common && text[p + k] == common_at[k])
                    k++;
                common = k;
            }
        }
        p = e + 1;
    }
    if (!common_at)
        common = 0;
    struct buf b = {0};
    bool first = true;
    *margin = NULL;
    *margin_len = 0;
    for (size_t p = 0; p < len;) {
        size_t e = p;
        while (e < len && text[e] != '\n')
            e++;
        bool blank = true;
        for (size_t k = p; k < e; k++)
            if (!is_space(text[k]))
                blank = false;
        size_t skip = blank ? e - p : common;
        if (first) {
            *margin = text + p;
            *margin_len = skip < e - p ? skip : e - p;
            first = false;
        }
        if (!blank || e - p > 0)
            buf_put(&b, text + p + skip, e - p - skip);
        if (e < len)
            buf_putc(&b, '\n');
        p = e + 1;
    }
    char *s = arena_strndup(a, b.data ? b.data : "", b.len);
    *out_len = b.len;
    buf_free(&b);
    return s;
}

static struct mu_node *node_new(struct compiler *c, enum node_kind kind, const struct tok *t)
{
    struct mu_node *n = ARENA_NEW(c->a, struct mu_node);
    n->kind = kind;
    if (t) {
        pos_advance(c, t->start, &n->line, &n->col);
        if (kind != N_TEXT) {
            n->text = arena_strndup(c->a, c->src + t->name_off, t->name_len);
            n->len = t->name_len;
        }
        n->dynamic = t->dynamic;
        n->standalone = t->standalone;
        n->indent = c->src + t->indent_off;
        n->indent_len = t->indent_len;
    }
    return n;
}

/* Builds nodes from tokens [*i, end) into out; stops at a closing tag. */
static void build(struct compiler *c, size_t *i, struct avec *out)
{
    while (*i < c->ntoks && !c->failed) {
        struct tok *t = &c->toks[*i];
        switch (t->kind) {
        case TK_TEXT:
            if (!t->removed && t->end > t->start) {
                struct mu_node *n = node_new(c, N_TEXT, t);
                n->text = c->src + t->start;
                n->len = t->end - t->start;
                avec_push(c->a, out, n);
            }
            (*i)++;
            break;
        case TK_COMMENT:
        case TK_DELIM:
            (*i)++;
            break;
        case TK_VAR:
        case TK_RAW:
            avec_push(c->a, out, node_new(c, t->kind == TK_VAR ? N_VAR : N_RAW, t));
            (*i)++;
            break;
        case TK_PARTIAL:
            avec_push(c->a, out, node_new(c, N_PARTIAL, t));
            (*i)++;
            break;
        case TK_CLOSE:
            return;
        case TK_SECTION:
        case TK_INVERTED:
        case TK_PARENT:
        case TK_BLOCK: {
            enum node_kind k = t->kind == TK_SECTION ? N_SECTION
                             : t->kind == TK_INVERTED ? N_INVERTED
                             : t->kind == TK_PARENT ? N_PARENT : N_BLOCK;
            struct mu_node *n = node_new(c, k, t);
            size_t open = *i;
            (*i)++;
            struct avec kids = {0};
            build(c, i, &kids);
            if (c->failed)
                return;
            size_t close = *i; /* the matching TK_CLOSE, by pairing */
            (*i)++;
            if (k == N_PARENT) {
                /* only the blocks inside a parent mean anything */
                struct avec blocks = {0};
                for (size_t b = 0; b < kids.len; b++)
                    if (((struct mu_node *)kids.items[b])->kind == N_BLOCK)
                        avec_push(c->a, &blocks, kids.items[b]);
                kids = blocks;
            }
            n->children = (struct mu_node **)kids.items;
            n->nchildren = kids.len;
            if (k == N_BLOCK) {
                /* The content as text: from after the opening tag's line
                 * end (when that line is standalone) to the start of the
                 * closing tag's line (when that one is). */
                size_t from = c->toks[open].end, to = c->toks[close].start;
                for (size_t k2 = open + 1; k2 < close && c->toks[k2].removed; k2++) {
                    from = c->toks[k2].end;
                    if (c->src[c->toks[k2].end - 1] == '\n')
                        break;
                }
                for (size_t k2 = close; k2-- > open + 1 && c->toks[k2].removed;) {
                    if (c->src[c->toks[k2].end - 1] == '\n')
                        break;
                    to = c->toks[k2].start;
                }
                if (to < from)
                    to = from;
                n->otag = c->toks[open].otag, n->olen = c->toks[open].olen;
                n->ctag = c->toks[open].ctag, n->clen = c->toks[open].clen;
                if (n->standalone) {
                    const char *margin;
                    size_t margin_len;
                    n->content = dedent(c->a, c->src + from, to - from, &n->content_len, &margin,
                                        &margin_len);
                    if (margin_len) {
                        n->indent = margin;
                        n->indent_len = margin_len;
                    }
                } else {
                    n->content = c->src + from;
                    n->content_len = to - from;
                }
            }
            avec_push(c->a, out, n);
            break;
        }
        }
    }
}

static struct mu_template *compile_with(struct arena *a, const char *name, const char *text,
                                        size_t len, const char *otag, size_t olen, const char *ctag,
                                        size_t clen, struct mu_error *err)
{
    struct compiler c = {a, name, text, len, NULL, 0, 0, err, false, 0, 1, 1};
    memset(err, 0, sizeof(*err));
    scan(&c, otag, olen, ctag, clen);
    if (!c.failed)
        pair_sections(&c);
    if (!c.failed)
        apply_standalone(&c);
    struct mu_template *t = NULL;
    if (!c.failed) {
        t = ARENA_NEW(a, struct mu_template);
        t->name = arena_strdup(a, name);
        struct avec nodes = {0};
        size_t i = 0;
        build(&c, &i, &nodes);
        t->nodes = (struct mu_node **)nodes.items;
        t->nnodes = nodes.len;
    }
    free(c.toks);
    return c.failed ? NULL : t;
}

struct mu_template *mu_compile(struct arena *a, const char *name, const char *text, size_t len,
                               struct mu_error *err)
{
    return compile_with(a, name, text, len, "{{", 2, "}}", 2, err);
}

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
