/* SPDX-License-Identifier: MIT */
/*
 * Runs a fuzz target on files, without a fuzzing engine: how the test
 * suite replays the seed and regression corpora under ASan and UBSan.
 * usage: replay FILE-OR-DIRECTORY...
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    size_t cap = 4096, len = 0;
    uint8_t *data = malloc(cap);
    size_t n;
    while (data && (n = fread(data + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap)
            data = realloc(data, cap *= 2);
    }
    fclose(f);
    if (!data)
        exit(2);
    LLVMFuzzerTestOneInput(data, len);
    free(data);
    return 1;
}

static unsigned run(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        exit(2);
    }
    if (!S_ISDIR(st.st_mode))
        return run_file(path);
    DIR *d = opendir(path);
    unsigned count = 0;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        size_t l = strlen(path) + strlen(e->d_name) + 2;
        char *p = malloc(l);
        snprintf(p, l, "%s/%s", path, e->d_name);
        count += run(p);
        free(p);
    }
    if (d)
        closedir(d);
    return count;
}

int main(int argc, char **argv)
{
    unsigned count = 0;
    for (int i = 1; i < argc; i++)
        count += run(argv[i]);
    printf("replayed %u inputs\n", count);
    return 0;
}
