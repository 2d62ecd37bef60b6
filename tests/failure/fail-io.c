/* SPDX-License-Identifier: MIT */
/*
 * An LD_PRELOAD shim that makes regc's file system calls fail on demand,
 * for the failure-injection tests:
 *   REGC_FAIL_MKSTEMP=EROFS      creating a temporary file fails (a read-only directory)
 *   REGC_FAIL_WRITE_AFTER=N      writes fail with ENOSPC once N bytes are written (a full disk)
 *   REGC_FAIL_RENAME_AFTER=N     the rename after N successful ones fails with EIO ...
 *   REGC_FAIL_RENAME_COUNT=K     ... and so do the K - 1 after it (default 1; a large K
 *                                makes the renames that undo a failed commit fail too)
 *   REGC_FAIL_LINK=ERRNO-NAME    link() fails (EPERM: a file system without hard links)
 *   REGC_FAIL_OPEN=PATH          opening PATH (fopen or open) fails with EACCES (root reads
 *                                any file, whatever its permissions)
 *   REGC_SLOW_US=N               each mkstemp, write, rename, link and unlink first sleeps
 *                                N us, so that a SIGKILL lands while outputs are committed
 *   REGC_SLOW_MARK=PATH          ... and the first of them creates PATH: the commit began
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static long long env_number(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? atoll(v) : -1;
}

static int marked;

static void slow_down(void)
{
    long long us = env_number("REGC_SLOW_US");
    const char *mark = getenv("REGC_SLOW_MARK");
    if (mark && *mark && !marked) {
        marked = 1;
        int fd = open(mark, O_WRONLY | O_CREAT, 0644);
        if (fd >= 0)
            close(fd);
    }
    if (us > 0)
        usleep((useconds_t)us);
}

static int fail_mkstemp(void)
{
    const char *v = getenv("REGC_FAIL_MKSTEMP");
    if (!v || !*v)
        return 0;
    errno = strcmp(v, "EACCES") == 0 ? EACCES : EROFS;
    return 1;
}

int mkstemp(char *template);
int mkstemp(char *template)
{
    slow_down();
    if (fail_mkstemp())
        return -1;
    int (*real)(char *) = (int (*)(char *))dlsym(RTLD_NEXT, "mkstemp");
    return real(template);
}

int mkstemp64(char *template);
int mkstemp64(char *template)
{
    slow_down();
    if (fail_mkstemp())
        return -1;
    int (*real)(char *) = (int (*)(char *))dlsym(RTLD_NEXT, "mkstemp64");
    return real(template);
}

static FILE *open_or_fail(const char *sym, const char *path, const char *mode)
{
    const char *v = getenv("REGC_FAIL_OPEN");
    if (v && *v && strcmp(v, path) == 0) {
        errno = EACCES;
        return NULL;
    }
    FILE *(*real)(const char *, const char *) = (FILE * (*)(const char *, const char *)) dlsym(RTLD_NEXT, sym);
    return real(path, mode);
}

FILE *fopen(const char *path, const char *mode)
{
    return open_or_fail("fopen", path, mode);
}

FILE *fopen64(const char *path, const char *mode);
FILE *fopen64(const char *path, const char *mode)
{
    return open_or_fail("fopen64", path, mode);
}

/* regc reads its inputs with open(2), to fstat them before it reads */
static int open_fd_or_fail(const char *sym, const char *path, int flags, mode_t mode)
{
    const char *v = getenv("REGC_FAIL_OPEN");
    if (v && *v && strcmp(v, path) == 0) {
        errno = EACCES;
        return -1;
    }
    int (*real)(const char *, int, ...) = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, sym);
    return real(path, flags, mode);
}

static mode_t open_mode(int flags, va_list ap)
{
    return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? (mode_t)va_arg(ap, int) : 0;
}

int open(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = open_mode(flags, ap);
    va_end(ap);
    return open_fd_or_fail("open", path, flags, mode);
}

int open64(const char *path, int flags, ...);
int open64(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = open_mode(flags, ap);
    va_end(ap);
    return open_fd_or_fail("open64", path, flags, mode);
}

/* what _FORTIFY_SOURCE builds call */
int __open_2(const char *path, int flags);
int __open_2(const char *path, int flags)
{
    return open_fd_or_fail("open", path, flags, 0);
}

int __open64_2(const char *path, int flags);
int __open64_2(const char *path, int flags)
{
    return open_fd_or_fail("open64", path, flags, 0);
}

static long long written;

ssize_t write(int fd, const void *buf, size_t n)
{
    ssize_t (*real)(int, const void *, size_t) =
        (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    if (fd > 2)
        slow_down();
    long long limit = env_number("REGC_FAIL_WRITE_AFTER");
    /* only files: diagnostics on stderr still get out */
    if (limit >= 0 && fd > 2) {
        if (written >= limit) {
            errno = ENOSPC;
            return -1;
        }
        if ((long long)n > limit - written)
            n = (size_t)(limit - written);
        written += (long long)n;
    }
    return real(fd, buf, n);
}

static long long renamed, rename_failures;

int rename(const char *from, const char *to)
{
    int (*real)(const char *, const char *) = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
    slow_down();
    long long after = env_number("REGC_FAIL_RENAME_AFTER");
    long long count = env_number("REGC_FAIL_RENAME_COUNT");
    if (after >= 0 && renamed >= after && rename_failures < (count > 0 ? count : 1)) {
        rename_failures++;
        errno = EIO;
        return -1;
    }
    renamed++;
    return real(from, to);
}

int link(const char *from, const char *to)
{
    int (*real)(const char *, const char *) = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "link");
    slow_down();
    const char *v = getenv("REGC_FAIL_LINK");
    if (v && *v) {
        errno = strcmp(v, "EPERM") == 0 ? EPERM : EIO;
        return -1;
    }
    return real(from, to);
}

int unlink(const char *path)
{
    int (*real)(const char *) = (int (*)(const char *))dlsym(RTLD_NEXT, "unlink");
    slow_down();
    return real(path);
}
