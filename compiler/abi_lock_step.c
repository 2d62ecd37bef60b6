/* SPDX-License-Identifier: MIT */
/*
 * The ABI step of a regc run: read the lock, judge the spec, write the
 * lock (--update-lock) and the report (--abi-report).
 */
#include "abi_lock_parts.h"

#include "load.h"
#include "output.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

char *lock_default_path(const char *spec_path)
{
    const char *slash = strrchr(spec_path, '/');
    const char *base = slash ? slash + 1 : spec_path;
    size_t dir = slash ? (size_t)(slash - spec_path) : 0;
    size_t stem = strlen(base);
    if (stem > 4 && strcmp(base + stem - 4, ".reg") == 0)
        stem -= 4;
    struct buf b = {0};
    if (slash)
        buf_printf(&b, "%.*s/", (int)dir, spec_path);
    buf_printf(&b, "abi/%.*s.lock", (int)stem, base);
    return buf_steal(&b, NULL);
}

/* ---- the version an item last changed in ---------------------------------- */

/* Whether a tools item is what the lock had, apart from its version label. */
static bool unchanged_tools_item(const struct lock_item *w, const struct lock_item *n)
{
    if (!n->iface || !w->iface || strcmp(w->vis, n->vis) != 0 || strcmp(w->iface, n->iface) != 0 ||
        w->window != n->window || (w->window && w->until != n->until) || w->rows.len != n->rows.len)
        return false;
    for (size_t i = 0; i < w->rows.len; i++)
        if (!lock_rows_same_from(w->rows.items[i], n->rows.items[i], 0))
            return false;
    return true;
}

/*
 * The lock text with each tools item labelled with the version it last
 * changed in: the lock's label for an item the lock has unchanged, the
 * interface's current version for the others. Labelling every item with
 * the current version would rewrite every line of an interface at each
 * bump and bury the real changes in the lock's diff.
 */
static char *relabel(const struct lock *was, const struct lock *now, const char *text, size_t len,
                     size_t *out_len)
{
    struct buf b = {0};
    uint32_t lineno = 0;
    size_t next = 0;
    for (size_t pos = 0; pos < len;) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) + 1 : len - pos;
        pos += n;
        lineno++;
        const struct lock_item *it = NULL;
        while (next < now->items.len && ((const struct lock_item *)now->items.items[next])->line < lineno)
            next++;
        if (next < now->items.len && ((const struct lock_item *)now->items.items[next])->line == lineno)
            it = now->items.items[next];
        const struct lock_item *w = it ? lock_find_item(was, it->kind, it->name) : NULL;
        if (!w || !unchanged_tools_item(w, it) || w->version == it->version) {
            buf_printf(&b, "%.*s", (int)n, line);
            continue;
        }
        /* "KIND NAME tools[-stable] IFACE VERSION [guest-until V]" */
        buf_printf(&b, "%s %s %s %s 0x%" PRIx64, it->kind, it->name, it->vis, it->iface, w->version);
        if (it->window)
            buf_printf(&b, " guest-until 0x%" PRIx64, it->until);
        buf_putc(&b, '\n');
    }
    return buf_steal(&b, out_len);
}

/* ---- the step -------------------------------------------------------------- */

/* A word of a shell command, quoted when the shell would split or expand
 * it, so that the command a note gives can be pasted as it is. */
static void put_shell_word(struct buf *b, const char *s)
{
    bool plain = *s != '\0';
    for (const char *c = s; *c && plain; c++)
        plain = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:=+,@%-", *c) != NULL;
    if (plain) {
        buf_puts(b, s);
        return;
    }
    buf_putc(b, '\'');
    for (const char *c = s; *c; c++) {
        if (*c == '\'')
            buf_puts(b, "'\\''");
        else
            buf_putc(b, *c);
    }
    buf_putc(b, '\'');
}

/*
 * The lock was judged, nothing broke and nothing is wrong, but the lock
 * --update-lock would write is not the one on disk: say so now, with the
 * command that approves it, rather than leave the stale lock to fail the
 * lock check later. Located at the lock's first line that differs.
 */
static void report_stale(const struct spec *spec, struct source *src, const char *lock_path,
                         const struct load_opts *load, const char *text, size_t len, struct diags *d)
{
    size_t pos = 0;
    while (pos < src->len && pos < len && src->text[pos] == text[pos])
        pos++;
    if (pos == src->len && pos == len)
        return;
    uint32_t line = 1;
    for (size_t i = 0; i < pos; i++)
        line += src->text[i] == '\n';
    /* a lock the new text only goes on from: point at its last line */
    if (pos == src->len && pos > 0 && src->text[pos - 1] == '\n')
        line--;
    size_t line_len;
    source_line(src, line, &line_len);
    struct loc at = {src, line, 1, line, line_len ? (uint32_t)line_len : 1};
    struct diag *g = diag_report(d, DIAG_ABI_LOCK_STALE, at,
                                 "the ABI lock no longer matches the spec: its differences are allowed, but the "
                                 "lock is not updated yet");
    if (!g)
        return;
    struct buf cmd = {0};
    buf_puts(&cmd, "regc --check --update-lock");
    for (size_t i = 0; load && i < load->ninclude_dirs; i++) {
        buf_puts(&cmd, " -I ");
        put_shell_word(&cmd, load->include_dirs[i]);
    }
    if (lock_path) {
        buf_puts(&cmd, " --abi-lock ");
        put_shell_word(&cmd, lock_path);
    }
    buf_putc(&cmd, ' ');
    put_shell_word(&cmd, spec->path);
    diag_note(g, (struct loc){0}, "approve them, then commit the lock: %s", cmd.data);
    buf_free(&cmd);
}

static void adopt_source(struct spec *spec, struct source *src)
{
    spec->sources = xrealloc(spec->sources, (spec->nsources + 1) * sizeof(*spec->sources));
    src->index = (unsigned)spec->nsources;
    spec->sources[spec->nsources++] = src;
}

static const char *stem_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void queue_report(struct outputs *report, const char *report_path, struct buf *r)
{
    size_t len;
    char *text = buf_steal(r, &len);
    outputs_add(report, xstrdup(report_path), text, len);
}

void abi_report_unjudged(const char *report_path, const char *spec_path, const char *reason,
                         const struct diags *d, size_t first_diag, struct outputs *report)
{
    if (!report_path)
        return;
    struct buf r = {0};
    buf_puts(&r, "{\n  \"spec\": ");
    lock_json_str(&r, stem_of(spec_path));
    buf_puts(&r, ",\n  \"judged\": false,\n  \"reason\": ");
    lock_json_str(&r, reason);
    buf_puts(&r, ",\n  \"errors\": [");
    bool listed[DIAG_COUNT] = {false};
    const char *sep = "";
    for (size_t i = first_diag; i < d->len; i++) {
        const struct diag *g = &d->items[i];
        if (g->severity != SEV_ERROR || listed[g->id])
            continue;
        listed[g->id] = true;
        buf_puts(&r, sep);
        lock_json_str(&r, diag_id_name(g->id));
        sep = ", ";
    }
    buf_puts(&r, "]\n}\n");
    queue_report(report, report_path, &r);
}

bool abi_lock_step(struct spec *spec, const char *lock_path, bool update, const char *report_path,
                   const struct load_opts *load, struct diags *d, struct outputs *outputs,
                   struct outputs *report)
{
    struct arena a = {0};
    size_t first_diag = d->len;
    char *path = lock_path ? xstrdup(lock_path) : lock_default_path(spec->path);
    const char *why = NULL;
    struct source *src = source_read(path, &why);
    if (!src && lock_path && !update) {
        diag_report(d, DIAG_IO, (struct loc){0}, "cannot read the ABI lock '%s': %s", path, why);
        abi_report_unjudged(report_path, spec->path, "the ABI lock cannot be read", d, first_diag, report);
        free(path);
        return false;
    }
    if (!src && !update) {
        /* no lock, and none asked for: nothing to judge or write */
        abi_report_unjudged(report_path, spec->path, "there is no ABI lock to judge the spec against", d,
                            first_diag, report);
        free(path);
        return true;
    }
    size_t len;
    char *text = lock_render(spec, &len);
    struct buf json = {0};
    unsigned errors_before = d->errors, breaks = 0;
    bool judged = false;
    if (src) {
        adopt_source(spec, src);
        struct source *now_src = source_from_memory(path, text, len);
        struct lock *was = lock_parse(&a, src, d);
        struct lock *now = lock_parse(&a, now_src, d);
        if (was && now) {
            breaks = lock_compare(&a, spec, was, now, d, &json);
            judged = true;
            size_t relen;
            char *re = relabel(was, now, text, len, &relen);
            free(text);
            text = re;
            len = relen;
            if (!update && breaks == 0 && d->errors == 0)
                report_stale(spec, src, lock_path, load, text, len, d);
        }
        source_free(now_src);
    }
    /* --update-lock writes only what every rule allows */
    if (update && breaks == 0 && d->errors == errors_before && d->errors == 0)
        outputs_add(outputs, path, text, len);
    else {
        free(path);
        free(text);
    }
    if (judged && report_path) {
        struct buf r = {0};
        buf_puts(&r, "{\n  \"spec\": ");
        lock_json_str(&r, stem_of(spec->path));
        buf_printf(&r, ",\n  \"judged\": true,\n  \"breaks\": %u,\n  \"differences\": [\n%s%s  ]\n}\n", breaks,
                   json.data ? json.data : "", json.len ? "\n" : "");
        queue_report(report, report_path, &r);
    } else if (!judged) {
        abi_report_unjudged(report_path, spec->path,
                            src ? "the ABI lock cannot be read"
                                : "there is no ABI lock yet: this run writes the first one",
                            d, first_diag, report);
    }
    buf_free(&json);
    arena_free(&a);
    return true;
}

