/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
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
    /* O_NONBLOCK: a FIFO (or a device) where an output goes is not read
     * at all, let alone waited on; only a regular file can be the same */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
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

/* A new, empty file named PATH.regc-XXXXXX, next to path (so renames
 * between them stay in one directory, and .gitignore covers them). */
static int make_temp(const char *path, char **name)
{
    size_t n = strlen(path);
    *name = xmalloc(n + 16);
    memcpy(*name, path, n);
    memcpy(*name + n, ".regc-XXXXXX", 13);
    int fd = mkstemp(*name);
    if (fd < 0) {
        free(*name);
        *name = NULL;
    }
    return fd;
}

/* Writes data to a new temporary file in path's directory, with mode, or
 * with the permissions, owner and times of old when it is given; with
 * sync, on disk before it returns (a rename of a file whose data is not
 * yet written can leave an empty file after a power loss). NULL after
 * reporting the failure. */
static char *write_temp(const char *path, const char *data, size_t len, mode_t mode,
                        const struct stat *old, bool sync, FILE *err)
{
    char *tmp;
    int fd = make_temp(path, &tmp);
    if (fd < 0) {
        fprintf(err, "regc: error: cannot write '%s': %s [io]\n", path, strerror(errno));
        return NULL;
    }
    bool ok = write_all(fd, data, len) && fchmod(fd, old ? old->st_mode & 07777 : mode) == 0;
    if (ok && old) {
        struct timespec times[2] = {old->st_atim, old->st_mtim};
        ok = futimens(fd, times) == 0;
        /* another owner is kept where the user may give files away */
        if (ok && fchown(fd, old->st_uid, old->st_gid) != 0 && errno != EPERM)
            ok = false;
    }
    if (ok && sync)
        ok = fsync(fd) == 0;
    int saved = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        fprintf(err, "regc: error: cannot write '%s': %s [io]\n", path, strerror(saved));
        unlink(tmp);
        free(tmp);
        return NULL;
    }
    return tmp;
}

/* A copy of path in a temporary file, where the file system has no hard
 * links: its content, and its permissions, owner and times, so that
 * renaming it back restores what a link would. */
static char *copy_backup(const char *path, FILE *err)
{
    int fd = open(path, O_RDONLY);
    struct stat st;
    struct buf b = {0};
    bool ok = fd >= 0 && fstat(fd, &st) == 0;
    char chunk[65536];
    ssize_t n;
    while (ok && (n = read(fd, chunk, sizeof(chunk))) != 0) {
        if (n < 0 && errno != EINTR)
            ok = false;
        else if (n > 0)
            buf_put(&b, chunk, (size_t)n);
    }
    int saved = errno;
    if (fd >= 0)
        close(fd);
    char *backup = NULL;
    if (!ok)
        fprintf(err, "regc: error: cannot keep the old content of '%s': %s [io]\n", path, strerror(saved));
    else
        backup = write_temp(path, b.data ? b.data : "", b.len, 0, &st, false, err);
    buf_free(&b);
    return backup;
}

/*
 * Keeps path's current content reachable under a new name next to it, so
 * that a failed commit can put it back: a hard link (no copy, and the
 * file stays in place for readers), or a copy where links are refused.
 * Sets *backup to NULL when path does not exist. False after reporting.
 */
static bool keep_old(const char *path, char **backup, FILE *err)
{
    *backup = NULL;
    struct stat st;
    if (lstat(path, &st) != 0) {
        if (errno == ENOENT)
            return true;
        fprintf(err, "regc: error: cannot replace '%s': %s [io]\n", path, strerror(errno));
        return false;
    }
    /* link() needs a free name: take one from mkstemp, then free it; a
     * name some other process takes in between is tried again */
    for (int tries = 0; tries < 100; tries++) {
        char *name;
        int fd = make_temp(path, &name);
        if (fd < 0) {
            fprintf(err, "regc: error: cannot write '%s': %s [io]\n", path, strerror(errno));
            return false;
        }
        close(fd);
        unlink(name);
        if (link(path, name) == 0) {
            *backup = name;
            return true;
        }
        int saved = errno;
        free(name);
        if (saved == EEXIST)
            continue;
        if (saved == ENOENT)
            return true; /* removed meanwhile: nothing to keep */
        if (saved == EPERM || saved == ENOTSUP || saved == EOPNOTSUPP || saved == EMLINK || saved == EXDEV) {
            *backup = copy_backup(path, err);
            return *backup != NULL;
        }
        fprintf(err, "regc: error: cannot keep the old content of '%s': %s [io]\n", path, strerror(saved));
        return false;
    }
    fprintf(err, "regc: error: cannot keep the old content of '%s': %s [io]\n", path, strerror(EEXIST));
    return false;
}

/* What committing one output involves. */
struct pending {
    char *temp;    /* the new content, until renamed into place */
    char *backup;  /* the old content, when the output existed */
    bool changed;  /* its content differs: it is replaced */
    bool replaced; /* renamed into place */
};

/* Puts every replaced output back as it was. False if one could not be:
 * its old content then stays in its backup, which is named. */
static bool roll_back(const struct outputs *o, struct pending *p, FILE *err)
{
    bool ok = true;
    for (size_t i = 0; i < o->len; i++) {
        if (!p[i].replaced)
            continue;
        const char *path = o->items[i].path;
        if (p[i].backup ? rename(p[i].backup, path) != 0 : unlink(path) != 0) {
            if (p[i].backup) {
                fprintf(err, "regc: error: cannot restore '%s': %s; its old content is in '%s' [io]\n", path,
                        strerror(errno), p[i].backup);
                free(p[i].backup);
                p[i].backup = NULL; /* kept for the user */
            } else {
                fprintf(err, "regc: error: cannot remove the new '%s': %s [io]\n", path, strerror(errno));
            }
            ok = false;
            continue;
        }
        free(p[i].backup);
        p[i].backup = NULL;
        p[i].replaced = false;
    }
    return ok;
}

/* One directory outputs of a commit go to, open once however many outputs
 * it holds and however its path is spelled. One that cannot be opened is
 * not in the list: writing there fails, and reports why. */
struct out_dir {
    int fd;
    dev_t dev;
    ino_t ino;
    bool locked;
};

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    return xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
}

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static int compare_dirs(const void *a, const void *b)
{
    const struct out_dir *x = a, *y = b;
    if (x->dev != y->dev)
        return x->dev < y->dev ? -1 : 1;
    if (x->ino != y->ino)
        return x->ino < y->ino ? -1 : 1;
    return 0;
}

/*
 * Opens the directory of each output (which[i]: its index in the result,
 * or -1) and locks each with flock(): two runs committing into one
 * directory take turns, so that one never removes as a leftover a
 * temporary file the other is still using. Locks are taken in the order
 * of device and inode, the same in every run, so two runs sharing several
 * directories cannot wait for each other forever. A file system without
 * flock() is used unlocked, and its leftovers are left alone.
 */
static struct out_dir *open_dirs(const struct outputs *o, size_t *which, size_t *n)
{
    struct out_dir *d = xcalloc(o->len ? o->len : 1, sizeof(*d));
    *n = 0;
    for (size_t i = 0; i < o->len; i++) {
        char *dir = dir_of(o->items[i].path);
        int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        free(dir);
        struct stat st;
        if (fd >= 0 && fstat(fd, &st) != 0) {
            close(fd);
            fd = -1;
        }
        if (fd < 0)
            continue;
        bool seen = false;
        for (size_t k = 0; k < *n && !seen; k++)
            seen = d[k].dev == st.st_dev && d[k].ino == st.st_ino;
        if (seen)
            close(fd);
        else
            d[(*n)++] = (struct out_dir){fd, st.st_dev, st.st_ino, false};
    }
    qsort(d, *n, sizeof(*d), compare_dirs);
    for (size_t k = 0; k < *n; k++) {
        int r;
        while ((r = flock(d[k].fd, LOCK_EX)) != 0 && errno == EINTR)
            ;
        d[k].locked = r == 0;
    }
    for (size_t i = 0; i < o->len; i++) {
        which[i] = (size_t)-1;
        char *dir = dir_of(o->items[i].path);
        struct stat st;
        if (stat(dir, &st) == 0)
            for (size_t k = 0; k < *n; k++)
                if (d[k].dev == st.st_dev && d[k].ino == st.st_ino)
                    which[i] = k;
        free(dir);
    }
    return d;
}

static void close_dirs(struct out_dir *d, size_t n)
{
    for (size_t k = 0; k < n; k++)
        close(d[k].fd); /* and the lock goes with it */
    free(d);
}

/* True when name is base followed by ".regc-" and six characters of
 * mkstemp()'s alphabet: what make_temp() makes for base, and nothing a
 * user would name a file of theirs. */
static bool is_leftover_of(const char *name, const char *base)
{
    size_t bl = strlen(base);
    if (strncmp(name, base, bl) != 0 || strncmp(name + bl, ".regc-", 6) != 0)
        return false;
    const char *x = name + bl + 6;
    for (int k = 0; k < 6; k++)
        if (!((x[k] >= 'a' && x[k] <= 'z') || (x[k] >= 'A' && x[k] <= 'Z') || (x[k] >= '0' && x[k] <= '9')))
            return false;
    return x[6] == '\0';
}

/*
 * Removes, from a locked directory, the temporary files and backups an
 * earlier run killed in the middle of its commit left beside the outputs
 * this one writes there: regular files named OUTPUT.regc-XXXXXX, nothing
 * else (not a symlink, a directory, another tool's file, nor the leftover
 * of an output this run does not write). With the lock held, no other run
 * is using them.
 */
static void remove_leftovers(const struct outputs *o, const size_t *which, const struct out_dir *d, size_t k)
{
    if (!d[k].locked)
        return;
    int fd = openat(d[k].fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
    if (!dir) {
        if (fd >= 0)
            close(fd);
        return; /* a directory that cannot be listed keeps its leftovers */
    }
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        bool ours = false;
        for (size_t i = 0; i < o->len && !ours; i++)
            ours = which[i] == k && is_leftover_of(e->d_name, base_of(o->items[i].path));
        struct stat st;
        if (ours && fstatat(d[k].fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
            unlinkat(d[k].fd, e->d_name, 0);
    }
    closedir(dir);
}

/* A rename is on disk once its directory is: fsync() each directory where
 * an output was renamed, as git and kconfig do. File systems that cannot
 * sync a directory say EINVAL (or EROFS, ENOTSUP): theirs are as durable
 * as they get. False after reporting. */
static bool sync_dirs(const struct outputs *o, const struct pending *p, const size_t *which,
                      const struct out_dir *d, size_t n, FILE *err)
{
    for (size_t k = 0; k < n; k++) {
        size_t first = o->len;
        for (size_t i = 0; i < o->len && first == o->len; i++)
            if (which[i] == k && p[i].replaced)
                first = i;
        if (first == o->len || fsync(d[k].fd) == 0 || errno == EINVAL || errno == EROFS || errno == ENOTSUP)
            continue;
        fprintf(err, "regc: error: cannot write '%s': %s [io]\n", o->items[first].path, strerror(errno));
        return false;
    }
    return true;
}

static bool commit(const struct outputs *o, FILE *err, struct write_stats *stats)
{
    struct write_stats local = {0, 0};
    if (!stats)
        stats = &local;
    /* New files get the permissions any other tool would give them. */
    mode_t mask = umask(0);
    umask(mask);
    mode_t mode = 0666 & ~mask;

    /* REGC_FSYNC=0 is for measuring what syncing costs (bench/fsync),
     * never for a build that must survive a power loss */
    const char *env = getenv("REGC_FSYNC");
    bool sync = !(env && strcmp(env, "0") == 0);

    struct pending *p = xcalloc(o->len ? o->len : 1, sizeof(*p));
    size_t *which = xcalloc(o->len ? o->len : 1, sizeof(*which));
    size_t ndirs;
    struct out_dir *dirs = open_dirs(o, which, &ndirs);
    /* 0. what a run killed in its commit left beside these outputs */
    for (size_t k = 0; k < ndirs; k++)
        remove_leftovers(o, which, dirs, k);
    bool ok = true;
    /* 1. every new content into a temporary file: a full disk or a
     *    read-only directory fails here, before anything is touched */
    for (size_t i = 0; i < o->len && ok; i++) {
        const struct output *out = &o->items[i];
        struct stat st;
        bool exists = stat(out->path, &st) == 0;
        if (exists && S_ISDIR(st.st_mode)) {
            fprintf(err, "regc: error: cannot write '%s': %s [io]\n", out->path, strerror(EISDIR));
            ok = false;
            break;
        }
        if (file_has_content(out->path, out->data, out->len))
            continue; /* not touched at all: no write, no link, no rename */
        p[i].changed = true;
        /* a file replaced keeps its mode: a header or lock made read-only
         * (444) on purpose stays so, as with an editor's save */
        mode_t keep = exists && S_ISREG(st.st_mode) ? st.st_mode & 07777 : mode;
        p[i].temp = write_temp(out->path, out->data, out->len, keep, NULL, sync, err);
        ok = p[i].temp != NULL;
    }
    /* 2. every old content kept under a second name */
    for (size_t i = 0; i < o->len && ok; i++)
        if (p[i].changed)
            ok = keep_old(o->items[i].path, &p[i].backup, err);
    /* 3. the renames; the first that fails undoes the ones before it */
    for (size_t i = 0; i < o->len && ok; i++) {
        if (!p[i].changed)
            continue;
        if (rename(p[i].temp, o->items[i].path) != 0) {
            fprintf(err, "regc: error: cannot replace '%s': %s [io]\n", o->items[i].path, strerror(errno));
            ok = false;
            roll_back(o, p, err);
            break;
        }
        free(p[i].temp);
        p[i].temp = NULL;
        p[i].replaced = true;
    }
    /* 4. the renames on disk; until then the backups are kept, so a
     *    directory that cannot be synced is put back as it was */
    if (ok && sync && !sync_dirs(o, p, which, dirs, ndirs, err)) {
        ok = false;
        roll_back(o, p, err);
    }
    /* 5. what is left: temporaries of a failed commit, the backups */
    for (size_t i = 0; i < o->len; i++) {
        if (p[i].temp)
            unlink(p[i].temp);
        if (p[i].backup)
            unlink(p[i].backup);
        free(p[i].temp);
        free(p[i].backup);
        if (ok && p[i].changed)
            stats->written++;
        else if (ok)
            stats->unchanged++;
    }
    free(p);
    free(which);
    close_dirs(dirs, ndirs);
    return ok;
}

/*
 * Ctrl-C, a build tool's SIGTERM or a closed terminal during the commit
 * would leave temporaries and backups behind, or half of the outputs
 * renamed. Those signals wait until the commit is over, done or rolled
 * back, and then take effect as usual: the run ends with all of its
 * outputs or none. (SIGKILL cannot wait; step 0 of the next run removes
 * what it leaves.)
 */
bool outputs_commit(const struct outputs *o, FILE *err, struct write_stats *stats)
{
    sigset_t deferred, old;
    sigemptyset(&deferred);
    sigaddset(&deferred, SIGINT);
    sigaddset(&deferred, SIGTERM);
    sigaddset(&deferred, SIGHUP);
    sigaddset(&deferred, SIGQUIT);
    bool masked = sigprocmask(SIG_BLOCK, &deferred, &old) == 0;
    bool ok = commit(o, err, stats);
    if (masked) {
        fflush(err); /* what the commit said goes out before a signal ends the run */
        sigprocmask(SIG_SETMASK, &old, NULL);
    }
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

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The paths sorted, each once: the order of specs on the command line, or
 * two specs sharing an include, do not change the depfile. */
static const char **sorted_once(const char *const *paths, size_t n, size_t *out_n)
{
    const char **v = xcalloc(n ? n : 1, sizeof(*v));
    memcpy(v, paths, n * sizeof(*v));
    qsort(v, n, sizeof(*v), compare_paths);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || strcmp(v[k - 1], v[i]) != 0)
            v[k++] = v[i];
    *out_n = k;
    return v;
}

char *depfile_render(const char *const *targets, size_t ntargets, const char *const *deps,
                     size_t ndeps, size_t *len)
{
    struct buf b = {0};
    size_t nt, nd;
    const char **t = sorted_once(targets, ntargets, &nt);
    const char **d = sorted_once(deps, ndeps, &nd);
    for (size_t i = 0; i < nt; i++) {
        if (i)
            buf_putc(&b, ' ');
        depfile_put_path(&b, t[i]);
    }
    buf_putc(&b, ':');
    for (size_t i = 0; i < nd; i++) {
        buf_puts(&b, " \\\n  ");
        depfile_put_path(&b, d[i]);
    }
    buf_putc(&b, '\n');
    free(t);
    free(d);
    return buf_steal(&b, len);
}
