/* SPDX-License-Identifier: MIT */
/*
 * C text regc copies into headers: verbatim blocks and ABI predicates.
 */
#include "check_rows.h"

#include "cnames.h"
#include "ctext.h"

#include <stdlib.h>
#include <string.h>

/* The tokens of verbatim C the layout rule reads: words and punctuation,
 * with literals and directive names passed over. */
static bool next_code(struct ctext *c, struct ctok *t)
{
    do
        ctext_next(c, t);
    while (t->kind == CTOK_LITERAL || t->kind == CTOK_DIRECTIVE);
    return t->kind != CTOK_END;
}

struct verbatim_body {
    const char *keyword;  /* "struct", "union" or "enum" */
    const char *tag;      /* NULL when anonymous */
    size_t tag_len;
    unsigned line;
};

/*
 * Finds the first aggregate body in verbatim C that is not allowed: every
 * struct, union or enum followed by '{', after an optional tag and
 * attributes (a word followed by a parenthesised list), except an
 * anonymous struct or union in the body of a function-like macro. That is
 * how Xen's guest-handle macros spell a handle, whose layout regc knows
 * from the ABI; anywhere else a body declares structure regc would not see.
 */
static const char *aggregate_keyword(const char *w, size_t n)
{
    return n == 6 && !strncmp(w, "struct", 6) ? "struct"
         : n == 5 && !strncmp(w, "union", 5) ? "union"
         : n == 4 && !strncmp(w, "enum", 4) ? "enum" : NULL;
}

static bool is_attribute_word(const char *w, size_t n)
{
    static const char *const words[] = {"__attribute__", "__attribute", "__declspec", "alignas", "_Alignas"};
    for (size_t i = 0; i < ARRAY_SIZE(words); i++)
        if (n == strlen(words[i]) && !strncmp(w, words[i], n))
            return true;
    return false;
}

static bool verbatim_declares_layout(const char *text, struct verbatim_body *out)
{
    struct ctext c;
    ctext_init(&c, text);
    for (struct ctok w; next_code(&c, &w);) {
        const char *kw = aggregate_keyword(w.s, w.len);
        if (!kw)
            continue;
        unsigned line = w.line;
        bool in_macro = c.in_function_macro;
        const char *tag = NULL;
        size_t tag_len = 0;
        struct ctext look = c;
        struct ctok t;
        bool more;
        /* Only the tag and attributes may stand between the keyword and
         * '{'. Another keyword starts a new candidate, so that a run of
         * them (hostile input) is scanned once, not once per keyword. */
        while ((more = next_code(&look, &t)) && t.kind == CTOK_WORD && !aggregate_keyword(t.s, t.len)) {
            if (!is_attribute_word(t.s, t.len)) {
                tag = t.s;
                tag_len = t.len;
                continue;
            }
            /* an attribute: skip its balanced parentheses */
            struct ctok x;
            bool any = next_code(&look, &x);
            for (int depth = any && *x.s == '(' ? 1 : 0; depth > 0 && next_code(&look, &x);)
                depth += *x.s == '(' ? 1 : *x.s == ')' ? -1 : 0;
        }
        if (!more || *t.s != '{')
            continue;
        if (!tag && in_macro && kw[0] != 'e')
            continue;
        *out = (struct verbatim_body){kw, tag, tag_len, line};
        return true;
    }
    return false;
}

void check_verbatim_layout(struct check_ctx *cc)
{
    for (size_t i = 0; i < cc->spec->verbatims.len; i++) {
        struct verbatim *v = cc->spec->verbatims.items[i];
        struct verbatim_body b;
        if (!verbatim_declares_layout(v->text, &b))
            continue;
        struct diag *d;
        if (b.tag)
            d = check_report(cc, &v->failed, v->loc, "verbatim C declares %s '%.*s' (line %u of the text)",
                             b.keyword, (int)b.tag_len, b.tag, b.line);
        else
            d = check_report(cc, &v->failed, v->loc, "verbatim C declares an anonymous %s (line %u of the text)",
                             b.keyword, b.line);
        diag_note(d, v->loc, "verbatim C is for what has no layout; declare ABI structure as a %s, "
                             "so that regc checks and lays it out", b.keyword[0] == 'e' ? "constant" : b.keyword);
        if (!b.tag && b.keyword[0] != 'e')
            diag_note(d, v->loc, "only the body of a function-like macro may hold an anonymous struct or "
                                 "union, as Xen's guest-handle macros do");
    }
}

/* ---- C text regc copies: verbatim blocks and ABI predicates --------- */

/*
 * Where bytes of a string's value are in the source: """ strings keep
 * their bytes as written, "..." strings went through the \n \t \" \\
 * escapes. The span covers len bytes from at, or ends at the first when
 * the last is on another line; at == the value's length is the closing
 * quote.
 */
static struct loc string_value_loc(struct loc str, size_t at, size_t len)
{
    if (!str.src || !str.col)
        return str;
    size_t n;
    const char *line = source_line((struct source *)str.src, str.line, &n);
    const char *p = line + str.col - 1, *end = str.src->text + str.src->len;
    bool raw = end - p >= 3 && !strncmp(p, "\"\"\"", 3);
    p += raw ? 3 : 1;
    uint32_t l = str.line, col = str.col + (raw ? 3 : 1);
    size_t last = len ? at + len - 1 : at;
    struct loc r = str;
    for (size_t i = 0; p < end;) {
        size_t w = 1;
        bool value = true;
        if (!raw && *p == '\\' && end - p >= 2) {
            w = 2;
            value = strchr("nt\"\\", p[1]) != NULL; /* an unknown escape gave nothing */
        }
        if (value) {
            if (i == at)
                r = (struct loc){str.src, l, col, l, col + (uint32_t)w - 1};
            if (i == last) {
                if (i != at && l == r.line)
                    r.end_col = col + (uint32_t)w - 1;
                break;
            }
            i++;
        }
        for (size_t k = 0; k < w && p < end; k++, p++) {
            if (*p == '\n')
                l++, col = 1;
            else
                col++;
        }
    }
    return r;
}

/* A problem in C text: bytes [at, at + len) of it, and what to say. */
struct ctext_problem {
    size_t at, len;
    const char *message; /* with one %.*s for the bytes */
    const char *note;
    size_t other_at, other_len; /* a second place the note points at, or CTEXT_NONE */
};

static void keep_first(struct ctext_problem *best, struct ctext_problem p)
{
    if (p.at != CTEXT_NONE && (best->at == CTEXT_NONE || p.at < best->at))
        *best = p;
}

static struct ctext_problem no_problem(void)
{
    return (struct ctext_problem){CTEXT_NONE, 0, NULL, NULL, CTEXT_NONE, 0};
}

static const char trigraph_note[] =
    "the headers are also compiled as C89 (-ansi), which replaces trigraphs before anything else, even in "
    "comments and literals: '?\?/' is a '\\'; keep two question marks apart (in a string, write '?\\?')";

/* What regc's own #if and #endif around a verbatim block need of it:
 * its conditionals close inside it, and no comment, literal or splice
 * runs out of it into the header; the text reads alike with and without
 * trigraphs, and as C89 (no // comments). */
static struct ctext_problem verbatim_damage(const char *text)
{
    struct ctext_problem best = no_problem();
    size_t tri = ctext_trigraph(text);
    if (tri != CTEXT_NONE)
        return (struct ctext_problem){tri, 3, "trigraph '%.*s' in verbatim C", trigraph_note, CTEXT_NONE, 0};

    struct cond_level {
        size_t at, len;
        size_t else_at, else_len;
    } *stack = NULL;
    size_t depth = 0, cap = 0;
    struct ctext_problem structure = no_problem();
    struct ctext c;
    ctext_init(&c, text);
    static const char cond_note[] =
        "regc wraps each verbatim block in #if and #endif of its own, for its visibility and ABIs: a block "
        "opens and closes its conditionals itself";
    for (struct ctok t; ctext_next(&c, &t), t.kind != CTOK_END;) {
        if (t.kind != CTOK_DIRECTIVE || structure.at != CTEXT_NONE)
            continue;
        size_t len = (size_t)(t.s + t.len - (text + t.at));
        bool opens = ctext_word_is(&t, "if") || ctext_word_is(&t, "ifdef") || ctext_word_is(&t, "ifndef");
        bool is_else = ctext_word_is(&t, "else");
        bool is_elif = ctext_word_is(&t, "elif") || ctext_word_is(&t, "elifdef") || ctext_word_is(&t, "elifndef");
        bool closes = ctext_word_is(&t, "endif");
        if (opens) {
            if (depth == cap) {
                cap = cap ? cap * 2 : 8;
                stack = xrealloc(stack, cap * sizeof(*stack));
            }
            stack[depth++] = (struct cond_level){t.at, len, CTEXT_NONE, 0};
        } else if ((is_else || is_elif || closes) && !depth) {
            structure = (struct ctext_problem){t.at, len, "'%.*s' without '#if' in verbatim C", cond_note,
                                               CTEXT_NONE, 0};
        } else if ((is_else || is_elif) && stack[depth - 1].else_at != CTEXT_NONE) {
            struct cond_level *lv = &stack[depth - 1];
            structure = (struct ctext_problem){t.at, len, "'%.*s' after '#else' in verbatim C",
                                               "the '#else' of the same '#if' is here", lv->else_at, lv->else_len};
        } else if (is_else) {
            stack[depth - 1].else_at = t.at;
            stack[depth - 1].else_len = len;
        } else if (closes) {
            depth--;
        }
    }
    if (structure.at == CTEXT_NONE && depth)
        structure = (struct ctext_problem){stack[depth - 1].at, stack[depth - 1].len,
                                           "'%.*s' without '#endif' in verbatim C", cond_note, CTEXT_NONE, 0};
    free(stack);

    /* A comment or literal left open, or a splice, hides the text after
     * it from the directives: those come first, in text order. */
    keep_first(&best, (struct ctext_problem){c.open_comment, 2, "unterminated comment in verbatim C",
                                             "it would run on into the header after the block", CTEXT_NONE, 0});
    keep_first(&best, (struct ctext_problem){c.open_literal, 1, "unterminated %.*s literal in verbatim C",
                                             "a literal ends with its line, and the compiler rejects one left open",
                                             CTEXT_NONE, 0});
    keep_first(&best, (struct ctext_problem){c.line_comment, 2, "'%.*s' comment in verbatim C",
                                             "the headers are also compiled as C89, which has no // comments; "
                                             "write /* */", CTEXT_NONE, 0});
    keep_first(&best, (struct ctext_problem){ctext_trailing_splice(text), 1, "verbatim C ends with a line splice '%.*s'",
                                             "the header's next line would be joined to the block's last one",
                                             CTEXT_NONE, 0});
    return best.at != CTEXT_NONE ? best : structure;
}

/* The messages quote the offending bytes where they say %.*s. */
static struct diag *report_quoting(struct check_ctx *cc, uint64_t *failed, struct loc loc, const char *message,
                                   int n, const char *bytes)
{
    const char *mark = strstr(message, "%.*s");
    int pre = mark ? (int)(mark - message) : (int)strlen(message);
    return check_report(cc, failed, loc, "%.*s%.*s%s", pre, message, mark ? n : 0, bytes, mark ? mark + 4 : "");
}

static struct diag *report_ctext_problem(struct check_ctx *cc, uint64_t *failed, struct loc str,
                                         const char *text, struct ctext_problem p)
{
    /* the literal's kind is its quote; every other message quotes the bytes */
    const char *bytes = text + p.at;
    int n = (int)p.len;
    if (strstr(p.message, "literal")) {
        bytes = text[p.at] == '"' ? "string" : "character";
        n = (int)strlen(bytes);
    }
    struct diag *d = report_quoting(cc, failed, string_value_loc(str, p.at, p.len), p.message, n, bytes);
    struct loc other = p.other_at != CTEXT_NONE ? string_value_loc(str, p.other_at, p.other_len)
                                                : string_value_loc(str, p.at, p.len);
    diag_note(d, other, "%s", p.note);
    return d;
}

/* The header's include guard is the one macro of regc's that a block
 * could undo structurally: after `#undef` a second #include of the header
 * declares everything again. */
static struct ctext_problem verbatim_undoes_guard(const char *text, const char *guard)
{
    struct ctext c;
    ctext_init(&c, text);
    for (struct ctok t; ctext_next(&c, &t), t.kind != CTOK_END;)
        if (t.kind == CTOK_DIRECTIVE && ctext_word_is(&t, "undef") && t.macro_len == strlen(guard) &&
            !strncmp(t.macro, guard, t.macro_len))
            return (struct ctext_problem){t.at, (size_t)(t.macro + t.macro_len - (text + t.at)),
                                          "verbatim C undefines the header's include guard: '%.*s'",
                                          "a second #include of the header would then declare everything again",
                                          CTEXT_NONE, 0};
    return no_problem();
}

void check_verbatim_preprocessor(struct check_ctx *cc)
{
    const struct arch *arch = cc->spec->arch;
    const char *guard = arch && arch->header ? header_guard(&cc->spec->arena, arch->header) : NULL;
    for (size_t i = 0; i < cc->spec->verbatims.len; i++) {
        struct verbatim *v = cc->spec->verbatims.items[i];
        struct ctext_problem p = verbatim_damage(v->text);
        if (p.at == CTEXT_NONE && guard)
            p = verbatim_undoes_guard(v->text, guard);
        if (p.at != CTEXT_NONE)
            report_ctext_problem(cc, &v->failed, v->text_loc, v->text, p);
    }
}

/*
 * An ABI predicate goes into `#if P`, `#endif /+ P +/` comments, and
 * `P || Q` and `(P) && (Q)` conditions: it must be one line of a
 * preprocessor constant expression with nothing that ends a comment, and
 * nothing at its top that binds looser than ||. The rule is C's grammar
 * for #if, over the tokens of the one C-text scanner.
 */
struct pred_parser {
    const char *text;
    struct ctext c;
    struct ctok t;
    unsigned depth;
    struct ctext_problem err;
};

static void pred_next(struct pred_parser *pp)
{
    ctext_next(&pp->c, &pp->t);
    if (pp->t.kind != CTOK_PUNCT)
        return;
    static const char *const two[] = {"&&", "||", "==", "!=", "<=", ">=", "<<", ">>"};
    for (size_t i = 0; i < ARRAY_SIZE(two); i++) {
        if (pp->t.s[0] == two[i][0] && *pp->c.p == two[i][1]) {
            pp->c.p++;
            pp->t.len = 2;
            return;
        }
    }
}

static bool pred_is(const struct pred_parser *pp, const char *op)
{
    return pp->t.kind == CTOK_PUNCT && ctext_word_is(&pp->t, op);
}

static void pred_fail(struct pred_parser *pp, const char *message, const char *note)
{
    /* at the end there is nothing to quote */
    if (pp->t.kind == CTOK_END)
        message = "predicate ends before its expression does";
    if (pp->err.at == CTEXT_NONE)
        pp->err = (struct ctext_problem){pp->t.at, pp->t.len ? pp->t.len : 1, message, note, CTEXT_NONE, 0};
}

static const char pred_rule[] =
    "a predicate is one line of a preprocessor constant expression: names, defined(NAME), integers, "
    "parentheses and C's operators";

/* An integer constant as #if takes it in C89 too: decimal, octal or hex,
 * then u and l in either order (ll is C99's, an error under -pedantic),
 * within the preprocessor's 64 bits (a decimal one without u within the
 * signed range, or the compiler warns that it is unsigned). */
static bool pred_integer(const char *s, size_t n)
{
    size_t i = 0;
    unsigned base = 10;
    if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        base = 16, i = 2;
    else if (s[0] == '0')
        base = 8;
    size_t digits = i;
    uint64_t v = 0;
    bool over = false;
    for (; i < n; i++) {
        char ch = s[i];
        unsigned d = ch >= '0' && ch <= '9' ? (unsigned)(ch - '0')
                   : ch >= 'a' && ch <= 'f' ? (unsigned)(ch - 'a' + 10)
                   : ch >= 'A' && ch <= 'F' ? (unsigned)(ch - 'A' + 10) : 99;
        if (d >= base)
            break;
        over = over || v > (UINT64_MAX - d) / base;
        v = v * base + d;
    }
    if (i == digits)
        return false;
    bool u = false, l = false;
    while (i < n) {
        if ((s[i] == 'u' || s[i] == 'U') && !u) {
            u = true;
            i++;
        } else if ((s[i] == 'l' || s[i] == 'L') && !l) {
            l = true;
            i++;
        } else {
            return false;
        }
    }
    return !over && (base != 10 || u || v <= INT64_MAX);
}

static void pred_conditional(struct pred_parser *pp);

static void pred_primary(struct pred_parser *pp)
{
    if (pp->err.at != CTEXT_NONE)
        return;
    if (++pp->depth > REGC_MAX_NESTING) {
        pred_fail(pp, "'%.*s' nests deeper than regc reads in a predicate", pred_rule);
        return;
    }
    if (pred_is(pp, "-") || pred_is(pp, "+") || pred_is(pp, "!") || pred_is(pp, "~")) {
        pred_next(pp);
        pred_primary(pp);
    } else if (pred_is(pp, "(")) {
        struct ctok open = pp->t;
        pred_next(pp);
        pred_conditional(pp);
        if (pp->err.at == CTEXT_NONE && !pred_is(pp, ")")) {
            pred_fail(pp, "expected ')' in predicate, not '%.*s'", "to close this '('");
            pp->err.other_at = open.at;
            pp->err.other_len = 1;
        }
        pred_next(pp);
    } else if (pp->t.kind == CTOK_WORD && pp->t.s[0] >= '0' && pp->t.s[0] <= '9') {
        if (!pred_integer(pp->t.s, pp->t.len))
            pred_fail(pp, "'%.*s' is not an integer constant", pred_rule);
        pred_next(pp);
    } else if (pp->t.kind == CTOK_WORD && ctext_word_is(&pp->t, "defined")) {
        pred_next(pp);
        bool paren = pred_is(pp, "(");
        if (paren)
            pred_next(pp);
        if (pp->t.kind != CTOK_WORD || (pp->t.s[0] >= '0' && pp->t.s[0] <= '9'))
            pred_fail(pp, "expected a macro name after 'defined', not '%.*s'", pred_rule);
        pred_next(pp);
        if (paren && pp->err.at == CTEXT_NONE && !pred_is(pp, ")"))
            pred_fail(pp, "expected ')' after 'defined(NAME', not '%.*s'", pred_rule);
        if (paren)
            pred_next(pp);
    } else if (pp->t.kind == CTOK_WORD) {
        pred_next(pp);
    } else {
        pred_fail(pp, "expected an operand in predicate, not '%.*s'", pred_rule);
    }
    pp->depth--;
}

/* A number with a nonzero digit (whether it is a valid one, the operand
 * says); a name or an expression may be 0. */
static bool pred_nonzero_number(const struct ctok *t)
{
    if (t->kind != CTOK_WORD || t->s[0] < '0' || t->s[0] > '9')
        return false;
    size_t i = t->len > 2 && (t->s[1] == 'x' || t->s[1] == 'X') ? 2 : 0;
    for (; i < t->len; i++)
        if (strchr("123456789abcdefABCDEF", t->s[i]))
            return true;
    return false;
}

/* Binary operators by how tightly they bind, loosest first. */
static void pred_binary(struct pred_parser *pp, unsigned level)
{
    static const char *const ops[][5] = {
        {"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="}, {"<", ">", "<=", ">="}, {"<<", ">>"},
        {"+", "-"}, {"*", "/", "%"},
    };
    if (level == ARRAY_SIZE(ops)) {
        pred_primary(pp);
        return;
    }
    pred_binary(pp, level + 1);
    for (;;) {
        bool match = false;
        for (size_t i = 0; i < 5 && ops[level][i] && !match; i++)
            match = pred_is(pp, ops[level][i]);
        if (!match || pp->err.at != CTEXT_NONE)
            return;
        bool divides = pred_is(pp, "/") || pred_is(pp, "%");
        pred_next(pp);
        /* Every ABI's predicate is evaluated on every target, where the
         * names it tests are 0: a division by anything but a nonzero
         * number would be a division by zero, an error in #if. */
        if (divides && !pred_nonzero_number(&pp->t)) {
            pred_fail(pp, "'%.*s' divides in a predicate, where it may be 0",
                      "the names a predicate tests are 0 where they are not defined: divide by a nonzero number");
            return;
        }
        pred_binary(pp, level + 1);
    }
}

static void pred_conditional(struct pred_parser *pp)
{
    pred_binary(pp, 0);
    if (pp->err.at != CTEXT_NONE || !pred_is(pp, "?"))
        return;
    if (pp->depth == 0) {
        pred_fail(pp, "'%.*s' at the top of a predicate",
                  "regc joins predicates with ||, which binds tighter than ?:; put the conditional in parentheses");
        return;
    }
    pred_next(pp);
    pred_conditional(pp);
    if (pp->err.at == CTEXT_NONE && !pred_is(pp, ":"))
        pred_fail(pp, "expected ':' in predicate, not '%.*s'", pred_rule);
    pred_next(pp);
    pred_conditional(pp);
}

static struct ctext_problem predicate_problem(const char *text)
{
    size_t tri = ctext_trigraph(text);
    if (tri != CTEXT_NONE)
        return (struct ctext_problem){tri, 3, "trigraph '%.*s' in predicate", trigraph_note, CTEXT_NONE, 0};
    /* The text as tokens first: what may not be in it at all, wherever it is. */
    struct ctext_problem best = no_problem();
    struct ctext c;
    ctext_init(&c, text);
    for (struct ctok t; ctext_next(&c, &t), t.kind != CTOK_END;) {
        if (t.kind == CTOK_LITERAL)
            keep_first(&best, (struct ctext_problem){t.at, 1, "string or character literal in predicate", pred_rule,
                                                     CTEXT_NONE, 0});
        else if (t.kind == CTOK_DIRECTIVE || (t.kind == CTOK_PUNCT && !strchr("!&|=<>()+-*/%^~?:", t.s[0]))) {
            /* quoted whole when it is a multibyte character */
            size_t rest = 0;
            while (rest < 4 && t.s[rest])
                rest++;
            size_t n = t.kind == CTOK_PUNCT ? utf8_char_len(t.s, rest) : 1;
            keep_first(&best, (struct ctext_problem){t.at, n ? n : 1, "'%.*s' in predicate", pred_rule,
                                                     CTEXT_NONE, 0});
        }
    }
    for (size_t i = 0; text[i]; i++)
        if ((unsigned char)text[i] < 0x20 && text[i] != '\t' && text[i] != '\n') {
            keep_first(&best, (struct ctext_problem){i, 1, "control character in predicate%.*s", pred_rule,
                                                     CTEXT_NONE, 0});
            break;
        }
    keep_first(&best, (struct ctext_problem){c.comment, 2, "comment '%.*s' in predicate",
                                             "regc writes the predicate into '#endif /* ... */' comments, which "
                                             "a comment in it would end", CTEXT_NONE, 0});
    keep_first(&best, (struct ctext_problem){c.line_break, 1, "line break in predicate%.*s",
                                             "it would end the '#if' line and start a line of its own",
                                             CTEXT_NONE, 0});
    keep_first(&best, (struct ctext_problem){c.splice, 1, "line splice '%.*s' in predicate",
                                             "a predicate is one line: the splice would join the next line of "
                                             "the header to it", CTEXT_NONE, 0});
    if (best.at != CTEXT_NONE)
        return best;
    struct pred_parser pp = {.text = text, .err = no_problem()};
    ctext_init(&pp.c, text);
    pred_next(&pp);
    pred_conditional(&pp);
    if (pp.err.at == CTEXT_NONE && pp.t.kind != CTOK_END)
        pred_fail(&pp, pred_is(&pp, ")") ? "'%.*s' without '(' in predicate" : "expected an operator in predicate, "
                                                                                "not '%.*s'", pred_rule);
    return pp.err;
}

void check_abi_invalid_predicate(struct check_ctx *cc)
{
    const struct arch *arch = cc->spec->arch;
    for (size_t i = 0; arch && i < arch->nabis; i++) {
        struct abi *abi = arch->abis[i];
        if (!abi->predicate)
            continue;
        struct ctext_problem p = predicate_problem(abi->predicate);
        if (p.at == CTEXT_NONE)
            continue;
        /* a line break or control character is not quoted: %.*s of 0 bytes */
        int shown = strstr(p.message, "line break") || strstr(p.message, "control") ? 0 : (int)p.len;
        struct loc at = string_value_loc(abi->predicate_loc, p.at, p.len);
        struct diag *d = report_quoting(cc, &abi->failed, at, p.message, shown, abi->predicate + p.at);
        struct loc other = p.other_at != CTEXT_NONE ? string_value_loc(abi->predicate_loc, p.other_at, p.other_len)
                                                    : at;
        diag_note(d, other, "%s", p.note);
    }
}

