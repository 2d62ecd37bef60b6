/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void outputs_add(struct outputs *o, char *path, char *data, size_t len)
{
    if (o->len == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 8;
        o->items = xrealloc(o->items, o->cap * sizeof(*o->items));
    }
    o->items[o->len++] = (struct output){path, data, len};
}

void outputs_free(struct outputs *o)
{
    for (size_t i = 0; i < o->len; i++) {
        free(o->items[i].path);
        free(o->items[i].data);
    }
    free(o->items);
    memset(o, 0, sizeof(*o));
}

const struct output *outputs_find(const struct outputs *o, const char *path)
{
    for (size_t i = 0; i < o->len; i++)
        if (strcmp(o->items[i].path, path) == 0)
            return &o->items[i];
    return NULL;
}

/* True when path holds exactly data; errors count as "differs" and the
 * write that follows reports them. */
static bool file_has_content(const char *path, const char *data, size_t len)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return false;
    struct stat st;
    bool same = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size == len;
    char chunk[65536];
    size_t off = 0;
    while (same && off < len) {
        ssize_t n = read(fd, chunk, sizeof(chunk));
        if (n <= 0 || (size_t)n > len - off || memcmp(chunk, data + off, (size_t)n) != 0)
            same = false;
        else
            off += (size_t)n;
    }
    if (same) {
        /* the file must end where the data does */
        same = read(fd, chunk, 1) == 0;
    }
    close(fd);
    return same;
}

static bool write_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t n = write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        if (n == 0) {
            errno = ENOSPC;
            return false;
        }
        data += n;
        len -= (size_t)n;
    }
    return true;
}

/* Writes data to a new temporary file in path's directory. */
static char *write_temp(const char *path, const char *data, size_t len, mode_t mode, FILE *err)
{
    size_t n = strlen(path);
    char *tmp = xmalloc(n + 16);
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".regc-XXXXXX", 13);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(err, "regc: error: cannot write '%s': %s\n", path, strerror(errno));
        free(tmp);
        return NULL;
    }
    bool ok = write_all(fd, data, len) && fchmod(fd, mode) == 0;
    int saved = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        fprintf(err, "regc: error: cannot write '%s': %s\n", path, strerror(saved));
        unlink(tmp);
        free(tmp);
        return NULL;
    }
    return tmp;
}

bool outputs_commit(const struct outputs *o, FILE *err, struct write_stats *stats)
{
    struct write_stats local = {0, 0};
    if (!stats)
        stats = &local;
    /* New files get the permissions any other tool would give them. */
    mode_t mask = umask(0);
    umask(mask);
    mode_t mode = 0666 & ~mask;

    char **temps = xcalloc(o->len ? o->len : 1, sizeof(*temps));
    bool ok = true;
    for (size_t i = 0; i < o->len && ok; i++) {
        const struct output *out = &o->items[i];
        struct stat st;
        if (stat(out->path, &st) == 0 && S_ISDIR(st.st_mode)) {
            fprintf(err, "regc: error: cannot write '%s': %s\n", out->path, strerror(EISDIR));
            ok = false;
            break;
        }
        if (file_has_content(out->path, out->data, out->len)) {
            stats->unchanged++;
            continue;
        }
        temps[i] = write_temp(out->path, out->data, out->len, mode, err);
        if (!temps[i])
            ok = false;
    }
    for (size_t i = 0; i < o->len && ok; i++) {
        if (!temps[i])
            continue;
        if (rename(temps[i], o->items[i].path) != 0) {
            fprintf(err, "regc: error: cannot replace '%s': %s\n", o->items[i].path, strerror(errno));
            ok = false;
            break;
        }
        free(temps[i]);
        temps[i] = NULL;
        stats->written++;
    }
    for (size_t i = 0; i < o->len; i++) {
        if (temps[i]) {
            unlink(temps[i]);
            free(temps[i]);
        }
    }
    free(temps);
    return ok;
}

static void depfile_put_path(struct buf *b, const char *p)
{
    for (; *p; p++) {
        if (*p == ' ' || *p == '\\' || *p == '#')
            buf_putc(b, '\\');
        if (*p == '$')
            buf_putc(b, '$');
        buf_putc(b, *p);
    }
}

char *depfile_render(const char *const *targets, size_t ntargets, const char *const *deps,
                     size_t ndeps, size_t *len)
{
    struct buf b = {0};
    for (size_t i = 0; i < ntargets; i++) {
        if (i)
            buf_putc(&b, ' ');
        depfile_put_path(&b, targets[i]);
    }
    buf_putc(&b, ':');
    for (size_t i = 0; i < ndeps; i++) {
        buf_puts(&b, " \\\n  ");
        depfile_put_path(&b, deps[i]);
    }
    buf_putc(&b, '\n');
    return buf_steal(&b, len);
}
