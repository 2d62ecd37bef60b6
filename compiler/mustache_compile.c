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
#include "mustache_tree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

struct mu_template *compile_with(struct arena *a, const char *name, const char *text, size_t len,
                                 const char *otag, size_t olen, const char *ctag, size_t clen,
                                 struct mu_error *err)
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

