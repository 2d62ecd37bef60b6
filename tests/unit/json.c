/* SPDX-License-Identifier: MIT */
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct jp {
    struct arena *a;
    const char *s;
    size_t len, pos;
    char *err;
    unsigned depth;
};

/* strchr() would also match the terminating NUL, and input may hold NULs */
static bool one_of(const char *set, char c)
{
    return c != '\0' && strchr(set, c) != NULL;
}

/* The input need not be NUL-terminated: compare within its length only. */
static bool looking_at(const struct jp *p, const char *word)
{
    size_t n = strlen(word);
    return p->len - p->pos >= n && memcmp(p->s + p->pos, word, n) == 0;
}

static void ws(struct jp *p)
{
    while (p->pos < p->len && one_of(" \t\r\n", p->s[p->pos]))
        p->pos++;
}

static struct mu_value *fail(struct jp *p, const char *what)
{
    if (!p->err[0])
        snprintf(p->err, 128, "%s at byte %zu", what, p->pos);
    return NULL;
}

static void put_utf8(struct buf *b, unsigned long cp)
{
    if (cp < 0x80) {
        buf_putc(b, (char)cp);
    } else if (cp < 0x800) {
        buf_putc(b, (char)(0xc0 | (cp >> 6)));
        buf_putc(b, (char)(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        buf_putc(b, (char)(0xe0 | (cp >> 12)));
        buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
        buf_putc(b, (char)(0x80 | (cp & 0x3f)));
    } else {
        buf_putc(b, (char)(0xf0 | (cp >> 18)));
        buf_putc(b, (char)(0x80 | ((cp >> 12) & 0x3f)));
        buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
        buf_putc(b, (char)(0x80 | (cp & 0x3f)));
    }
}

static bool hex4(struct jp *p, unsigned long *out)
{
    if (p->len - p->pos < 4)
        return false;
    *out = 0;
    for (int i = 0; i < 4; i++) {
        char c = p->s[p->pos++];
        unsigned long digit;
        if (c >= '0' && c <= '9')
            digit = (unsigned long)(c - '0');
        else if (c >= 'a' && c <= 'f')
            digit = (unsigned long)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            digit = (unsigned long)(c - 'A' + 10);
        else
            return false;
        *out = *out * 16 + digit;
    }
    return true;
}

static char *string(struct jp *p, size_t *len)
{
    struct buf b = {0};
    p->pos++; /* the opening quote */
    while (p->pos < p->len && p->s[p->pos] != '"') {
        char c = p->s[p->pos++];
        if (c != '\\') {
            buf_putc(&b, c);
            continue;
        }
        if (p->pos >= p->len)
            break;
        c = p->s[p->pos++];
        switch (c) {
        case 'n': buf_putc(&b, '\n'); break;
        case 't': buf_putc(&b, '\t'); break;
        case 'r': buf_putc(&b, '\r'); break;
        case 'b': buf_putc(&b, '\b'); break;
        case 'f': buf_putc(&b, '\f'); break;
        case 'u': {
            unsigned long cp, lo;
            if (!hex4(p, &cp))
                goto bad;
            if (cp >= 0xd800 && cp < 0xdc00 && p->pos + 2 <= p->len && p->s[p->pos] == '\\' &&
                p->s[p->pos + 1] == 'u') {
                p->pos += 2;
                if (!hex4(p, &lo) || lo < 0xdc00 || lo > 0xdfff)
                    goto bad;
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            }
            put_utf8(&b, cp);
            break;
        }
        default: buf_putc(&b, c); break;
        }
    }
    if (p->pos >= p->len)
        goto bad;
    p->pos++;
    char *s = arena_strndup(p->a, b.data ? b.data : "", b.len);
    *len = b.len;
    buf_free(&b);
    return s;
bad:
    buf_free(&b);
    return NULL;
}

static struct mu_value *value(struct jp *p)
{
    ws(p);
    if (p->pos >= p->len)
        return fail(p, "unexpected end");
    if (++p->depth > 200)
        return fail(p, "too deep");
    char c = p->s[p->pos];
    struct mu_value *v = NULL;
    if (c == '{') {
        v = mu_map(p->a);
        p->pos++;
        ws(p);
        if (p->pos < p->len && p->s[p->pos] == '}') {
            p->pos++;
        } else {
            for (;;) {
                ws(p);
                size_t klen;
                if (p->pos >= p->len || p->s[p->pos] != '"')
                    return fail(p, "expected a key");
                char *key = string(p, &klen);
                ws(p);
                if (!key || p->pos >= p->len || p->s[p->pos++] != ':')
                    return fail(p, "expected ':'");
                struct mu_value *item = value(p);
                if (!item)
                    return NULL;
                mu_map_set(p->a, v, key, item);
                ws(p);
                if (p->pos < p->len && p->s[p->pos] == ',') {
                    p->pos++;
                    continue;
                }
                if (p->pos < p->len && p->s[p->pos] == '}') {
                    p->pos++;
                    break;
                }
                return fail(p, "expected ',' or '}'");
            }
        }
    } else if (c == '[') {
        v = mu_list(p->a);
        p->pos++;
        ws(p);
        if (p->pos < p->len && p->s[p->pos] == ']') {
            p->pos++;
        } else {
            for (;;) {
                struct mu_value *item = value(p);
                if (!item)
                    return NULL;
                mu_list_push(p->a, v, item);
                ws(p);
                if (p->pos < p->len && p->s[p->pos] == ',') {
                    p->pos++;
                    continue;
                }
                if (p->pos < p->len && p->s[p->pos] == ']') {
                    p->pos++;
                    break;
                }
                return fail(p, "expected ',' or ']'");
            }
        }
    } else if (c == '"') {
        size_t len;
        char *s = string(p, &len);
        if (!s)
            return fail(p, "bad string");
        v = mu_strn(p->a, s, len);
    } else if (looking_at(p, "true")) {
        p->pos += 4;
        v = mu_bool(p->a, true);
    } else if (looking_at(p, "false")) {
        p->pos += 5;
        v = mu_bool(p->a, false);
    } else if (looking_at(p, "null")) {
        p->pos += 4;
        v = mu_null(p->a);
    } else {
        char tmp[64];
        size_t n = 0;
        while (p->pos < p->len && n < sizeof(tmp) - 1 && one_of("+-0123456789.eE", p->s[p->pos]))
            tmp[n++] = p->s[p->pos++];
        tmp[n] = '\0';
        char *end;
        double d = strtod(tmp, &end);
        if (n == 0 || *end)
            return fail(p, "bad value");
        /* the shortest of the usual spellings that reads back the same:
         * 1.210 prints as 1.21, 85 as 85 */
        char shortest[32];
        snprintf(shortest, sizeof(shortest), "%.15g", d);
        if (strtod(shortest, NULL) != d)
            snprintf(shortest, sizeof(shortest), "%.17g", d);
        v = mu_str(p->a, shortest);
    }
    p->depth--;
    return v;
}

struct mu_value *json_parse(struct arena *a, const char *text, size_t len, char *err)
{
    struct jp p = {a, text, len, 0, err, 0};
    err[0] = '\0';
    struct mu_value *v = value(&p);
    ws(&p);
    if (v && p.pos != len)
        return fail(&p, "trailing bytes");
    return v;
}

char *json_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        buf_put(&b, chunk, n);
    fclose(f);
    return buf_steal(&b, len);
}
