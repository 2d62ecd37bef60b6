/* SPDX-License-Identifier: MIT */
#include "reserved.h"

#include "symtab.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static bool is_ident_start(char c)
{
    return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool is_ident_char(char c)
{
    return is_ident_start(c) || (c >= '0' && c <= '9');
}

static char *read_all(const char *path, size_t *len, FILE *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(err, "regc: error: --reserved-macros %s: cannot read: %s\n", path, strerror(errno));
        return NULL;
    }
    struct buf b = {0};
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        buf_put(&b, chunk, n);
    bool failed = ferror(f);
    int saved = errno;
    fclose(f);
    if (failed) {
        fprintf(err, "regc: error: --reserved-macros %s: cannot read: %s\n", path, strerror(saved));
        buf_free(&b);
        return NULL;
    }
    buf_put(&b, "", 1); /* NUL-terminated even when empty */
    return buf_steal(&b, len);
}

static bool load_one(struct reserved_macros *rm, const char *path, FILE *err)
{
    size_t len;
    char *text = read_all(path, &len, err);
    if (!text)
        return false;
    char *copy = arena_strndup(&rm->arena, text, len);
    free(text);
    unsigned line = 0;
    for (char *p = copy; *p;) {
        char *nl = strchr(p, '\n');
        char *e = nl ? nl : p + strlen(p);
        char *next = nl ? nl + 1 : e;
        line++;
        /* surrounding blanks and a CR are tolerated; anything else is not a name */
        while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
            e--;
        while (p < e && (*p == ' ' || *p == '\t'))
            p++;
        if (p < e && *p != '#') {
            bool ok = is_ident_start(*p);
            for (char *q = p; ok && q < e; q++)
                ok = is_ident_char(*q);
            if (!ok) {
                fprintf(err, "regc: error: --reserved-macros %s:%u: '%.*s' is not a macro name\n", path, line,
                        (int)(e - p), p);
                return false;
            }
            *e = '\0';
            struct reserved_macro *r = ARENA_NEW(&rm->arena, struct reserved_macro);
            r->file = path;
            r->line = line;
            symtab_put(rm->names, p, r);
        }
        p = next;
    }
    return true;
}

bool reserved_load(struct reserved_macros *rm, const char *const *paths, size_t n, FILE *err)
{
    arena_init(&rm->arena);
    rm->names = symtab_new();
    for (size_t i = 0; i < n; i++)
        if (!load_one(rm, paths[i], err))
            return false;
    return true;
}

void reserved_free(struct reserved_macros *rm)
{
    symtab_free(rm->names);
    arena_free(&rm->arena);
    rm->names = NULL;
}
