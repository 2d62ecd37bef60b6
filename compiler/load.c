/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include "load.h"

#include "parse_ctx.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct loader {
    struct spec *spec;
    const struct load_opts *opts;
    struct diags *diags;
    bool syntax_ok;
    /* Files are included once per spec: a second include of the same file
     * (same device and inode) is a no-op, so shared definitions can be
     * included from several places. */
    struct file_id {
        dev_t dev;
        ino_t ino;
    } *seen;
    size_t nseen;
    /* the chain of files being read, for cycle detection */
    struct source *stack[REGC_MAX_INCLUDE_DEPTH + 1];
    struct file_id stack_ids[REGC_MAX_INCLUDE_DEPTH + 1];
    size_t depth;
    struct avec out; /* items, includes expanded */
};

static void spec_add_source(struct spec *spec, struct source *src)
{
    spec->sources = xrealloc(spec->sources, (spec->nsources + 1) * sizeof(*spec->sources));
    src->index = (unsigned)spec->nsources;
    spec->sources[spec->nsources++] = src;
}

static bool file_id_of(const char *path, struct file_id *id)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    id->dev = st.st_dev;
    id->ino = st.st_ino;
    return true;
}

/*
 * Whether an include candidate is there: a regular file is (*id set); a
 * missing name is not (NULL); anything else is there but unusable, and
 * the result says why (a directory, a device, a FIFO, a symlink loop, no
 * permission). A name too long for a path cannot be there.
 */
static const char *probe_include(const char *path, struct file_id *id, bool *found)
{
    struct stat st;
    *found = false;
    if (stat(path, &st) != 0)
        return errno == ENOENT || errno == ENOTDIR || errno == ENAMETOOLONG ? NULL : strerror(errno);
    if (S_ISDIR(st.st_mode))
        return strerror(EISDIR);
    if (!S_ISREG(st.st_mode))
        return "not a regular file";
    id->dev = st.st_dev;
    id->ino = st.st_ino;
    *found = true;
    return NULL;
}

static bool file_id_eq(struct file_id a, struct file_id b)
{
    return a.dev == b.dev && a.ino == b.ino;
}

static char *path_join_dir(struct arena *a, const char *base_file, const char *rel)
{
    if (rel[0] == '/')
        return arena_strdup(a, rel);
    const char *slash = strrchr(base_file, '/');
    if (!slash)
        return arena_strdup(a, rel);
    return arena_printf(a, "%.*s/%s", (int)(slash - base_file), base_file, rel);
}

static char *path_in_dir(struct arena *a, const char *dir, const char *rel)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    return arena_printf(a, "%.*s/%s", (int)n, dir, rel);
}

static void load_items(struct loader *ld, struct source *src, struct file_id id);

static void load_include(struct loader *ld, struct source *from, const struct item *inc)
{
    const char *rel = inc->u.include.path;
    struct loc at = inc->u.include.loc;
    struct arena *a = &ld->spec->arena;

    if (rel[0] == '\0') {
        diag_report(ld->diags, DIAG_INCLUDE_NOT_FOUND, at, "empty include path");
        ld->syntax_ok = false;
        return;
    }
    /* Search the including file's directory, then each -I directory. A
     * name that is there but cannot be read (a directory, a device, a
     * FIFO, a symlink loop) is passed over, and named if nothing else is
     * found. */
    char *found = NULL, *unusable = NULL;
    const char *why = NULL;
    struct file_id id;
    for (size_t i = 0; !found && (i == 0 || (rel[0] != '/' && i <= ld->opts->ninclude_dirs)); i++) {
        char *candidate = i == 0 ? path_join_dir(a, from->path, rel)
                                 : path_in_dir(a, ld->opts->include_dirs[i - 1], rel);
        bool ok;
        const char *bad = probe_include(candidate, &id, &ok);
        if (ok) {
            found = candidate;
        } else if (bad && !unusable) {
            unusable = candidate;
            why = bad;
        }
    }
    /* a file that is there but cannot be read is a failure of the
     * environment, like an unreadable top-level spec: [io], exit 2 */
    if (!found && unusable) {
        diag_report(ld->diags, DIAG_IO, at, "cannot read include file '%s': %s", unusable, why);
        ld->syntax_ok = false;
        return;
    }
    if (!found) {
        size_t n = strlen(rel);
        struct diag *d = diag_report(ld->diags, DIAG_INCLUDE_NOT_FOUND, at, "cannot find include file \"%.*s%s\"",
                                     diag_quote_len(n), rel, diag_quote_more(n));
        /* the including file's directory (or none for an absolute path) */
        const char *dir_part = rel[0] == '/' ? "" : path_join_dir(a, from->path, "");
        diag_note(d, at, "searched %s%.*s%s%s", dir_part, diag_quote_len(n), rel, diag_quote_more(n),
                  ld->opts->ninclude_dirs ? " and the -I directories" : " (no -I directories given)");
        ld->syntax_ok = false;
        return;
    }
    for (size_t i = 0; i < ld->depth; i++) {
        if (file_id_eq(ld->stack_ids[i], id)) {
            struct diag *d = diag_report(ld->diags, DIAG_INCLUDE_CYCLE, at,
                                         "\"%s\" includes itself", rel);
            for (size_t j = i + 1; j < ld->depth; j++) {
                struct loc l = {ld->stack[j]->included_from, ld->stack[j]->include_line,
                                ld->stack[j]->include_col, ld->stack[j]->include_line,
                                ld->stack[j]->include_col};
                diag_note(d, l, "through the include of \"%s\" here", ld->stack[j]->path);
            }
            ld->syntax_ok = false;
            return;
        }
    }
    for (size_t i = 0; i < ld->nseen; i++)
        if (file_id_eq(ld->seen[i], id))
            return; /* already part of this spec */
    if (ld->depth >= REGC_MAX_INCLUDE_DEPTH) {
        diag_report(ld->diags, DIAG_INCLUDE_TOO_DEEP, at,
                    "includes nested more than %d deep", REGC_MAX_INCLUDE_DEPTH);
        ld->syntax_ok = false;
        return;
    }
    struct source *src = source_read(found, &why);
    if (!src) {
        diag_report(ld->diags, DIAG_IO, at, "cannot read include file '%s': %s", found, why);
        ld->syntax_ok = false;
        return;
    }
    src->included_from = from;
    src->include_line = at.line;
    src->include_col = at.col;
    spec_add_source(ld->spec, src);
    load_items(ld, src, id);
}

static void load_items(struct loader *ld, struct source *src, struct file_id id)
{
    ld->seen = xrealloc(ld->seen, (ld->nseen + 1) * sizeof(*ld->seen));
    ld->seen[ld->nseen++] = id;

    if (src->len > REGC_MAX_FILE_SIZE) {
        struct loc l = {src, 1, 1, 1, 1};
        diag_report(ld->diags, DIAG_IO, l, "file is larger than %d MiB",
                    REGC_MAX_FILE_SIZE / (1024 * 1024));
        ld->syntax_ok = false;
        return;
    }

    struct parse_ctx ctx = {0};
    ctx.diags = ld->diags;
    ctx.arena = &ld->spec->arena;
    ctx.src = src;
    if (!parse_source(&ctx))
        ld->syntax_ok = false;

    ld->stack[ld->depth] = src;
    ld->stack_ids[ld->depth] = id;
    ld->depth++;
    for (size_t i = 0; i < ctx.items.len; i++) {
        struct item *it = ctx.items.items[i];
        if (it->kind == ITEM_INCLUDE)
            load_include(ld, src, it);
        else
            avec_push(&ld->spec->arena, &ld->out, it);
    }
    ld->depth--;
}

static struct spec *spec_load(struct source *top, const struct load_opts *opts,
                              struct diags *diags, bool *syntax_ok)
{
    static const struct load_opts no_opts = {0};
    struct spec *spec = xcalloc(1, sizeof(*spec));
    arena_init(&spec->arena);
    spec->path = arena_strdup(&spec->arena, top->path);
    spec_add_source(spec, top);

    struct loader ld = {0};
    ld.spec = spec;
    ld.opts = opts ? opts : &no_opts;
    ld.diags = diags;
    ld.syntax_ok = true;
    struct file_id id = {0, 0};
    if (!file_id_of(top->path, &id)) {
        /* In-memory specs have no inode; give them one nothing else has. */
        id.dev = (dev_t)-1;
        id.ino = (ino_t)-1;
    }
    load_items(&ld, top, id);
    free(ld.seen);
    spec->items = (struct item **)ld.out.items;
    spec->nitems = ld.out.len;
    *syntax_ok = ld.syntax_ok;
    return spec;
}

struct spec *spec_from_file(const char *path, const struct load_opts *opts,
                            struct diags *diags, bool *syntax_ok)
{
    const char *why;
    struct source *top = source_read(path, &why);
    if (!top) {
        struct loc none = {0};
        diag_report(diags, DIAG_IO, none, "cannot read '%s': %s", path, why);
        *syntax_ok = false;
        return NULL;
    }
    return spec_load(top, opts, diags, syntax_ok);
}

struct spec *spec_from_memory(const char *path, const char *text, size_t len,
                              const struct load_opts *opts, struct diags *diags,
                              bool *syntax_ok)
{
    return spec_load(source_from_memory(path, text, len), opts, diags, syntax_ok);
}
