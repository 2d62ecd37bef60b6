/* SPDX-License-Identifier: MIT */
#define _XOPEN_SOURCE 700
#include "paths.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void path_set_add(struct path_set *s, const char *path, const char *what, int group)
{
    if (s->len == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->items = xrealloc(s->items, s->cap * sizeof(*s->items));
    }
    s->items[s->len++] = (struct path_role){path, what, group};
}

void path_set_free(struct path_set *s)
{
    free(s->items);
    memset(s, 0, sizeof(*s));
}

/* What a path names: an existing file's device and inode, else the real
 * path of its directory followed by its name; a path whose directory
 * cannot be resolved either stays as spelled (nothing can be written
 * there, and the write reports it). */
struct identity {
    bool exists;
    dev_t dev;
    ino_t ino;
    char *name;
};

static struct identity identify(const char *path)
{
    struct identity id = {0};
    struct stat st;
    if (stat(path, &st) == 0) {
        id.exists = true;
        id.dev = st.st_dev;
        id.ino = st.st_ino;
        return id;
    }
    const char *slash = strrchr(path, '/');
    char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
    const char *base = slash ? slash + 1 : path;
    char *real = realpath(dir, NULL);
    free(dir);
    if (!real) {
        id.name = xstrdup(path);
        return id;
    }
    size_t rl = strlen(real), bl = strlen(base);
    id.name = xmalloc(rl + bl + 2);
    memcpy(id.name, real, rl);
    id.name[rl] = '/';
    memcpy(id.name + rl + 1, base, bl + 1);
    free(real);
    return id;
}

static bool same_file(const struct identity *a, const struct identity *b)
{
    if (a->exists != b->exists)
        return false;
    if (a->exists)
        return a->dev == b->dev && a->ino == b->ino;
    return strcmp(a->name, b->name) == 0;
}

static struct identity *identify_all(const struct path_set *s)
{
    struct identity *ids = xcalloc(s->len ? s->len : 1, sizeof(*ids));
    for (size_t i = 0; i < s->len; i++)
        ids[i] = identify(s->items[i].path);
    return ids;
}

static void free_all(struct identity *ids, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(ids[i].name);
    free(ids);
}

static void report(FILE *err, const struct path_role *a, const struct path_role *b, const char *verb)
{
    if (strcmp(a->what, b->what) == 0 && strcmp(verb, "writes") == 0)
        fprintf(err, "regc: error: two specs would both write '%s'", a->path);
    else if (strcmp(a->path, b->path) == 0)
        fprintf(err, "regc: error: '%s' would be both %s and %s, which regc %s", a->path, a->what, b->what,
                verb);
    else
        fprintf(err, "regc: error: '%s' (%s) and '%s' (%s, which regc %s) are one file", a->path, a->what,
                b->path, b->what, verb);
    fputs("; give each file regc writes a path of its own\n"
          "Try 'regc --help' for more information.\n", err);
}

bool paths_distinct(const struct path_set *writes, const struct path_set *reads, FILE *err)
{
    struct identity *w = identify_all(writes);
    struct identity *r = identify_all(reads);
    bool ok = true;
    for (size_t i = 0; i < writes->len && ok; i++) {
        for (size_t j = 0; j < i && ok; j++)
            if (same_file(&w[i], &w[j])) {
                report(err, &writes->items[i], &writes->items[j], "writes");
                ok = false;
            }
        for (size_t j = 0; j < reads->len && ok; j++) {
            int g = writes->items[i].group;
            if ((g == 0 || g != reads->items[j].group) && same_file(&w[i], &r[j])) {
                report(err, &writes->items[i], &reads->items[j], "reads");
                ok = false;
            }
        }
    }
    free_all(w, writes->len);
    free_all(r, reads->len);
    return ok;
}
