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

static void ws(struct jp *p)
{
    while (p->pos < p->len && strchr(" \t\r\n", p->s[p->pos]))
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
    if (p->pos + 4 > p->len)
        return false;
    char tmp[5];
    memcpy(tmp, p->s + p->pos, 4);
    tmp[4] = '\0';
    char *end;
    *out = strtoul(tmp, &end, 16);
    p->pos += 4;
    return *end == '\0';
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
                if (!hex4(p, &lo))
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
    } else if (!strncmp(p->s + p->pos, "true", 4)) {
        p->pos += 4;
        v = mu_bool(p->a, true);
    } else if (!strncmp(p->s + p->pos, "false", 5)) {
        p->pos += 5;
        v = mu_bool(p->a, false);
    } else if (!strncmp(p->s + p->pos, "null", 4)) {
        p->pos += 4;
        v = mu_null(p->a);
    } else {
        char tmp[64];
        size_t n = 0;
        while (p->pos < p->len && n < sizeof(tmp) - 1 && strchr("+-0123456789.eE", p->s[p->pos]))
            tmp[n++] = p->s[p->pos++];
        tmp[n] = '\0';
        char *end;
        double d = strtod(tmp, &end);
        if (n == 0 || *end)
            return fail(p, "bad value");
        v = mu_strf(p->a, "%.15g", d);
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
