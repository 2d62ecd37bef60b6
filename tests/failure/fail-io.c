/* SPDX-License-Identifier: MIT */
/*
 * An LD_PRELOAD shim that makes regc's file system calls fail on demand,
 * for the failure-injection tests:
 *   REGC_FAIL_MKSTEMP=EROFS      creating a temporary file fails (a read-only directory)
 *   REGC_FAIL_WRITE_AFTER=N      writes fail with ENOSPC once N bytes are written (a full disk)
 *   REGC_FAIL_RENAME_AFTER=N     renames fail with EIO after N have succeeded
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
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
    if (fail_mkstemp())
        return -1;
    int (*real)(char *) = (int (*)(char *))dlsym(RTLD_NEXT, "mkstemp");
    return real(template);
}

int mkstemp64(char *template);
int mkstemp64(char *template)
{
    if (fail_mkstemp())
        return -1;
    int (*real)(char *) = (int (*)(char *))dlsym(RTLD_NEXT, "mkstemp64");
    return real(template);
}

static long long written;

ssize_t write(int fd, const void *buf, size_t n)
{
    ssize_t (*real)(int, const void *, size_t) =
        (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
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

static long long renamed;

int rename(const char *from, const char *to)
{
    int (*real)(const char *, const char *) = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
    long long after = env_number("REGC_FAIL_RENAME_AFTER");
    if (after >= 0 && renamed >= after) {
        errno = EIO;
        return -1;
    }
    renamed++;
    return real(from, to);
}
