/* SPDX-License-Identifier: MIT */
/*
 * Validates regc's --abi-report against what a step expects.
 *
 *   check-report REPORT.json judged CONSEQUENCES [RULE|ITEM|WHAT|ABI|VERDICT ...]
 *   check-report REPORT.json unjudged [ERROR-ID ...]
 *
 * The report must be strict JSON of the documented shape and types (a
 * reader of its own here, since the tests' JSON reader turns numbers into
 * strings). A judged report must list exactly the given differences that
 * are their own (no "follows"), each once, and CONSEQUENCES records that
 * follow from one of them on the same item and ABI; "breaks" must be the
 * number of "break" verdicts; every rule must be an abi-* id of regc's,
 * and "allowed" exactly the [abi-change] ones. An unjudged report must say
 * why, and list exactly the given error ids.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "json.h"
#include "util.h"

enum jkind { J_NULL, J_BOOL, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT };

struct jvalue {
    enum jkind kind;
    const char *text;        /* a string's value; a number's spelling */
    bool integer;            /* a number without fraction or exponent */
    struct jvalue **items;   /* array elements, object values */
    const char **keys;       /* object keys */
    size_t n;
};

struct reader {
    struct arena *a;
    const char *s, *end;
    const char *err;
};

static void skip_ws(struct reader *r)
{
    while (r->s < r->end && (*r->s == ' ' || *r->s == '\n' || *r->s == '\t' || *r->s == '\r'))
        r->s++;
}

static struct jvalue *bad(struct reader *r, const char *why)
{
    if (!r->err)
        r->err = why;
    return NULL;
}

/* A string, after its opening quote; the escapes the report can hold. */
static const char *read_string(struct reader *r)
{
    struct buf b = {0};
    while (r->s < r->end && *r->s != '"') {
        char c = *r->s++;
        if ((unsigned char)c < 0x20) {
            buf_free(&b);
            return NULL;
        }
        if (c == '\\') {
            if (r->s >= r->end) {
                buf_free(&b);
                return NULL;
            }
            c = *r->s++;
            if (c == 'u' && r->end - r->s >= 4) {
                char hex[5] = {r->s[0], r->s[1], r->s[2], r->s[3], 0};
                c = (char)strtoul(hex, NULL, 16);
                r->s += 4;
            } else if (c == 'n' || c == 't') {
                c = c == 'n' ? '\n' : '\t';
            } else if (c != '"' && c != '\\' && c != '/') {
                buf_free(&b);
                return NULL;
            }
        }
        buf_putc(&b, c);
    }
    if (r->s >= r->end) {
        buf_free(&b);
        return NULL;
    }
    r->s++;
    const char *s = arena_strndup(r->a, b.data ? b.data : "", b.len);
    buf_free(&b);
    return s;
}

static struct jvalue *read_value(struct reader *r, unsigned depth);

static void push(struct reader *r, struct jvalue *v, const char *key, struct jvalue *item)
{
    struct jvalue **items = ARENA_ARRAY(r->a, struct jvalue *, v->n + 1);
    const char **keys = ARENA_ARRAY(r->a, const char *, v->n + 1);
    for (size_t i = 0; i < v->n; i++) {
        items[i] = v->items[i];
        keys[i] = v->keys[i];
    }
    items[v->n] = item;
    keys[v->n++] = key;
    v->items = items;
    v->keys = keys;
}

static struct jvalue *read_container(struct reader *r, struct jvalue *v, char close, unsigned depth)
{
    skip_ws(r);
    if (r->s < r->end && *r->s == close) {
        r->s++;
        return v;
    }
    for (;;) {
        const char *key = NULL;
        skip_ws(r);
        if (v->kind == J_OBJECT) {
            if (r->s >= r->end || *r->s++ != '"' || !(key = read_string(r)))
                return bad(r, "expected a key");
            skip_ws(r);
            if (r->s >= r->end || *r->s++ != ':')
                return bad(r, "expected ':'");
        }
        struct jvalue *item = read_value(r, depth + 1);
        if (!item)
            return NULL;
        push(r, v, key, item);
        skip_ws(r);
        if (r->s < r->end && *r->s == ',') {
            r->s++;
            continue;
        }
        if (r->s < r->end && *r->s++ == close)
            return v;
        return bad(r, "expected ',' or the end of a list or object");
    }
}

static struct jvalue *read_value(struct reader *r, unsigned depth)
{
    skip_ws(r);
    if (r->s >= r->end || depth > 32)
        return bad(r, "unexpected end, or too deep");
    struct jvalue *v = ARENA_NEW(r->a, struct jvalue);
    const char *start = r->s;
    static const struct {
        const char *word;
        enum jkind kind;
    } words[] = {{"true", J_BOOL}, {"false", J_BOOL}, {"null", J_NULL}};
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        size_t n = strlen(words[i].word);
        if ((size_t)(r->end - r->s) >= n && memcmp(r->s, words[i].word, n) == 0) {
            v->kind = words[i].kind;
            v->text = words[i].word;
            r->s += n;
            return v;
        }
    }
    switch (*r->s) {
    case '{':
        r->s++;
        v->kind = J_OBJECT;
        return read_container(r, v, '}', depth);
    case '[':
        r->s++;
        v->kind = J_ARRAY;
        return read_container(r, v, ']', depth);
    case '"':
        r->s++;
        v->kind = J_STRING;
        return (v->text = read_string(r)) ? v : bad(r, "a malformed string");
    default:
        break;
    }
    /* -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
    if (r->s < r->end && *r->s == '-')
        r->s++;
    const char *digits = r->s;
    while (r->s < r->end && *r->s >= '0' && *r->s <= '9')
        r->s++;
    if (r->s == digits || (*digits == '0' && r->s - digits > 1))
        return bad(r, "not a JSON value");
    v->integer = true;
    if (r->s < r->end && (*r->s == '.' || *r->s == 'e' || *r->s == 'E')) {
        v->integer = false;
        while (r->s < r->end && strchr("0123456789.eE+-", *r->s))
            r->s++;
    }
    v->kind = J_NUMBER;
    v->text = arena_strndup(r->a, start, (size_t)(r->s - start));
    return v;
}

static const struct jvalue *member(const struct jvalue *obj, const char *key, enum jkind kind)
{
    for (size_t i = 0; obj->kind == J_OBJECT && i < obj->n; i++)
        if (strcmp(obj->keys[i], key) == 0)
            return obj->items[i]->kind == kind ? obj->items[i] : NULL;
    return NULL;
}

static const char *str(const struct jvalue *obj, const char *key)
{
    const struct jvalue *v = member(obj, key, J_STRING);
    return v ? v->text : NULL;
}

static int fail(const char *fmt, ...) REGC_PRINTF(1, 2);

static int fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return 1;
}

static int check_unjudged(const struct jvalue *root, int nexpect, char **expect)
{
    const struct jvalue *errors = member(root, "errors", J_ARRAY);
    const char *reason = str(root, "reason");
    if (!reason || !*reason || !errors)
        return fail("an unjudged report needs a reason and the errors");
    if (member(root, "breaks", J_NUMBER) || member(root, "differences", J_ARRAY))
        return fail("an unjudged report must have no breaks or differences");
    for (size_t i = 0; i < errors->n; i++)
        if (errors->items[i]->kind != J_STRING || diag_id_lookup(errors->items[i]->text) == DIAG_COUNT)
            return fail("an error is not one of regc's ids");
    if ((size_t)nexpect != errors->n)
        return fail("%zu errors, not %d (%s)", errors->n, nexpect, reason);
    for (int k = 0; k < nexpect; k++)
        if (strcmp(errors->items[k]->text, expect[k]) != 0)
            return fail("errors differ: expected %s", expect[k]);
    printf("report: not judged (%s)\n", reason);
    return 0;
}

static const char *entry_key(struct arena *a, const struct jvalue *d)
{
    return arena_printf(a, "%s|%s|%s|%s|%s", str(d, "rule"), str(d, "item"), str(d, "what"), str(d, "abi"),
                        str(d, "verdict"));
}

static int check_judged(struct arena *a, const struct jvalue *root, long consequences, int nexpect, char **expect)
{
    const struct jvalue *breaks = member(root, "breaks", J_NUMBER);
    const struct jvalue *diffs = member(root, "differences", J_ARRAY);
    if (!breaks || !breaks->integer || breaks->text[0] == '-' || !diffs)
        return fail("a judged report needs \"breaks\", a count, and \"differences\", a list");
    long nbreaks = 0, nfollows = 0;
    int rc = 0;
    bool *matched = ARENA_ARRAY(a, bool, nexpect + 1);
    for (size_t i = 0; i < diffs->n && !rc; i++) {
        const struct jvalue *d = diffs->items[i];
        static const char *const keys[] = {"rule", "verdict", "item", "what", "abi", "old", "new", "follows", "message"};
        for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]) && !rc; k++)
            if (!str(d, keys[k]))
                rc = fail("a difference lacks the string \"%s\"", keys[k]);
        if (rc)
            break;
        const char *rule = str(d, "rule"), *verdict = str(d, "verdict"), *follows = str(d, "follows");
        if (diag_id_lookup(rule) == DIAG_COUNT || strncmp(rule, "abi-", 4) != 0)
            rc = fail("%s is not one of regc's abi-* ids", rule);
        else if (strcmp(verdict, "break") != 0 && strcmp(verdict, "allowed") != 0)
            rc = fail("%s is neither break nor allowed", verdict);
        else if ((strcmp(verdict, "allowed") == 0) != (strcmp(rule, "abi-change") == 0))
            rc = fail("%s: a verdict and its rule disagree", rule);
        if (rc)
            break;
        nbreaks += strcmp(verdict, "break") == 0;
        if (*follows) {
            /* a consequence: of an own difference of the same item and ABI */
            bool cause = false;
            for (size_t k = 0; k < diffs->n && !cause; k++) {
                const struct jvalue *e = diffs->items[k];
                cause = str(e, "what") && strcmp(str(e, "what"), follows) == 0 && str(e, "item") &&
                        strcmp(str(e, "item"), str(d, "item")) == 0 && str(e, "abi") &&
                        strcmp(str(e, "abi"), str(d, "abi")) == 0;
            }
            if (!cause)
                rc = fail("a difference follows one the report does not have: %s", follows);
            nfollows++;
            continue;
        }
        const char *key = entry_key(a, d);
        int hit = -1;
        for (int k = 0; k < nexpect && hit < 0; k++)
            if (strcmp(expect[k], key) == 0)
                hit = k;
        if (hit < 0)
            rc = fail("unexpected difference: %s", key);
        else if (matched[hit])
            rc = fail("a difference is listed twice: %s", key);
        else
            matched[hit] = true;
    }
    for (int k = 0; k < nexpect && !rc; k++)
        if (!matched[k])
            rc = fail("missing difference: %s", expect[k]);
    if (!rc && strtol(breaks->text, NULL, 10) != nbreaks)
        rc = fail("\"breaks\" is %s, not the number of break verdicts", breaks->text);
    if (!rc && nfollows != consequences)
        rc = fail("%ld differences follow from others, not %ld", nfollows, consequences);
    if (!rc)
        printf("report: %zu differences, %ld breaks\n", diffs->n, nbreaks);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 3 || (strcmp(argv[2], "judged") == 0 && argc < 4))
        return fail("usage: check-report REPORT.json judged CONSEQUENCES [ENTRY...] | unjudged [ID...]");
    size_t len;
    char *text = json_read_file(argv[1], &len);
    if (!text)
        return fail("cannot read %s", argv[1]);
    struct arena a = {0};
    struct reader r = {&a, text, text + len, NULL};
    struct jvalue *root = read_value(&r, 0);
    skip_ws(&r);
    int rc;
    const struct jvalue *judged = root ? member(root, "judged", J_BOOL) : NULL;
    if (!root || r.s != r.end)
        rc = fail("not JSON: %s", r.err ? r.err : "trailing bytes");
    else if (root->kind != J_OBJECT || !str(root, "spec") || !judged)
        rc = fail("the report needs \"spec\", a string, and \"judged\", a boolean");
    else if ((strcmp(judged->text, "true") == 0) != (strcmp(argv[2], "judged") == 0))
        rc = fail("the report is %s, not as expected", strcmp(judged->text, "true") == 0 ? "judged" : "not judged");
    else if (strcmp(argv[2], "judged") == 0)
        rc = check_judged(&a, root, strtol(argv[3], NULL, 10), argc - 4, argv + 4);
    else
        rc = check_unjudged(root, argc - 3, argv + 3);
    arena_free(&a);
    free(text);
    return rc;
}
