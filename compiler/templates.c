/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include "templates.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct template_file {
    const char *name;
    struct source *src;          /* text, and the excerpts of diagnostics */
    bool from_disk;
    bool tried, compiled_ok;
    struct mu_template *compiled;
};

struct templates {
    struct arena arena;
    const char *dir;
    struct diags *diags;
    struct ptrvec files;         /* struct template_file * */
    bool broken;                 /* the directory itself is unusable */
};

struct templates *templates_open(const char *dir, struct diags *diags)
{
    struct templates *t = xcalloc(1, sizeof(*t));
    arena_init(&t->arena);
    t->dir = dir;
    t->diags = diags;
    if (dir) {
        struct stat st;
        struct loc none = {0};
        if (stat(dir, &st) != 0) {
            diag_report(diags, DIAG_IO, none, "cannot use templates directory '%s': %s", dir,
                        strerror(errno));
            t->broken = true;
        } else if (!S_ISDIR(st.st_mode)) {
            diag_report(diags, DIAG_IO, none, "cannot use templates directory '%s': %s", dir,
                        strerror(ENOTDIR));
            t->broken = true;
        }
    }
    return t;
}

void templates_close(struct templates *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->files.len; i++)
        source_free(((struct template_file *)t->files.items[i])->src);
    ptrvec_free(&t->files);
    arena_free(&t->arena);
    free(t);
}

/* Finds the template's text: the directory first, then the built-ins. */
static struct template_file *template_file(struct templates *t, const char *name)
{
    for (size_t i = 0; i < t->files.len; i++) {
        struct template_file *f = t->files.items[i];
        if (strcmp(f->name, name) == 0)
            return f;
    }
    /* Template names are plain file names; a path would escape the
     * directory the user named. */
    if (strchr(name, '/') || name[0] == '.' || name[0] == '\0')
        return NULL;
    struct source *src = NULL;
    bool from_disk = false;
    if (t->dir && !t->broken) {
        char *path = arena_printf(&t->arena, "%s/%s", t->dir, name);
        struct stat st;
        /* Only a name that is not there at all falls back to the built-in
         * template; a directory, device, FIFO, symlink loop or too large a
         * file is refused before it is read, like a spec. */
        if (stat(path, &st) == 0 || errno != ENOENT) {
            const char *why;
            src = source_read(path, &why);
            if (!src) {
                /* reported once; later uses find the entry and fail quietly */
                struct loc none = {0};
                diag_report(t->diags, DIAG_IO, none, "cannot read template '%s': %s", path, why);
                struct template_file *f = ARENA_NEW(&t->arena, struct template_file);
                f->name = arena_strdup(&t->arena, name);
                ptrvec_push(&t->files, f);
                return f;
            }
            from_disk = true;
        }
    }
    for (size_t i = 0; !src && i < embedded_template_count; i++) {
        if (strcmp(embedded_templates[i].name, name) == 0) {
            char *path = arena_printf(&t->arena, "templates/%s", name);
            src = source_from_memory(path, embedded_templates[i].text, embedded_templates[i].len);
        }
    }
    if (!src)
        return NULL;
    struct template_file *f = ARENA_NEW(&t->arena, struct template_file);
    f->name = arena_strdup(&t->arena, name);
    f->src = src;
    f->from_disk = from_disk;
    ptrvec_push(&t->files, f);
    return f;
}

static void report_at(struct templates *t, struct template_file *f, unsigned line, unsigned col,
                      const char *message)
{
    struct loc at = {f ? f->src : NULL, line, col, line, col};
    diag_report(t->diags, DIAG_TEMPLATE, at, "%s", message);
}

static const struct mu_template *template_compiled(struct templates *t, struct template_file *f)
{
    if (!f->tried) {
        f->tried = true;
        struct mu_error e;
        f->compiled = mu_compile(&t->arena, f->src->path, f->src->text, f->src->len, &e);
        if (!f->compiled)
            report_at(t, f, e.line, e.col, e.message);
    }
    return f->compiled;
}

struct lookup_ctx {
    struct templates *t;
    bool failed;
};

/* Partials and parents. A missing one is reported by the engine (strict
 * rendering), at the tag that names it; one that does not compile is
 * reported here, in its own file, and `failed` keeps the engine's second
 * report of it from being shown. */
static const char *lookup_partial(void *ctx, const char *name, size_t *len)
{
    struct lookup_ctx *lc = ctx;
    struct template_file *f = template_file(lc->t, name);
    if (!f)
        return NULL;
    if (!f->src || !template_compiled(lc->t, f)) {
        lc->failed = true;
        return NULL;
    }
    *len = f->src->len;
    return f->src->text;
}

static struct template_file *file_by_path(struct templates *t, const char *path)
{
    for (size_t i = 0; i < t->files.len; i++) {
        struct template_file *f = t->files.items[i];
        if (f->src && (strcmp(f->src->path, path) == 0 || strcmp(f->name, path) == 0))
            return f;
    }
    return NULL;
}

bool templates_render(struct templates *t, const char *name, const struct mu_value *view,
                      const struct mu_budget *budget, struct buf *out)
{
    if (t->broken)
        return false;
    struct template_file *f = template_file(t, name);
    if (!f) {
        struct loc none = {0};
        diag_report(t->diags, DIAG_TEMPLATE, none, "template '%s' does not exist%s%s", name,
                    t->dir ? " in the built-in set or in " : "", t->dir ? t->dir : "");
        return false;
    }
    const struct mu_template *m = f->src ? template_compiled(t, f) : NULL;
    if (!m)
        return false;
    struct lookup_ctx lc = {t, false};
    struct mu_render_opts opts = {MU_ESCAPE_NONE, lookup_partial, &lc, true, *budget};
    struct mu_error e;
    if (!mu_render(m, view, &opts, out, &e)) {
        if (!lc.failed)
            report_at(t, file_by_path(t, e.name), e.line, e.col, arena_strdup(&t->arena, e.message));
        return false;
    }
    return !lc.failed;
}

void templates_collect_deps(const struct templates *t, struct ptrvec *deps)
{
    for (size_t i = 0; i < t->files.len; i++) {
        const struct template_file *f = t->files.items[i];
        if (f->from_disk)
            ptrvec_push(deps, xstrdup(f->src->path));
    }
}
