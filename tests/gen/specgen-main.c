/* SPDX-License-Identifier: MIT */
/*
 * Writes spec number INDEX of the sequence SEED gives, for run-gen.sh:
 *   specgen [--avoid LIST] SEED INDEX STEM FILE
 * LIST: comma-separated, of keywords and empty (specgen.h)
 * and prints what the test needs to judge regc's answer, on one line:
 *   abis=KIND,... allowed=ID,...
 * the ABI kinds (x86_32, x86_64, arm32, arm64) to compile for, and the
 * diagnostic ids a refusal may carry (none: the spec must be accepted).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "specgen.h"

int main(int argc, char **argv)
{
    unsigned avoid = 0;
    if (argc > 2 && strcmp(argv[1], "--avoid") == 0) {
        char *list = argv[2];
        for (char *w = strtok(list, ","); w; w = strtok(NULL, ",")) {
            if (strcmp(w, "keywords") == 0)
                avoid |= SPECGEN_AVOID_KEYWORDS;
            else if (strcmp(w, "empty") == 0)
                avoid |= SPECGEN_AVOID_EMPTY;
            else if (*w && strcmp(w, "none") != 0) {
                fprintf(stderr, "specgen: unknown construct '%s'\n", w);
                return 2;
            }
        }
        argc -= 2;
        argv += 2;
    }
    if (argc != 5) {
        fprintf(stderr, "usage: specgen [--avoid LIST] SEED INDEX STEM FILE\n");
        return 2;
    }
    uint64_t seed = strtoull(argv[1], NULL, 0), index = strtoull(argv[2], NULL, 0);
    struct specgen_src src;
    /* each index a sequence of its own, so that one can be run alone */
    specgen_src_seed(&src, seed * 0x100000001b3u + index * 0x9e3779b97f4a7c15u);
    struct specgen_result r;
    specgen_generate(&src, argv[3], avoid, &r);
    FILE *f = fopen(argv[4], "wb");
    if (!f || fwrite(r.text, 1, r.len, f) != r.len || fclose(f) != 0) {
        perror(argv[4]);
        return 2;
    }
    const char *sep = "";
    printf("abis=");
    for (unsigned k = 0; specgen_abi_kind(k); k++)
        if (r.abis >> k & 1) {
            printf("%s%s", sep, specgen_abi_kind(k));
            sep = ",";
        }
    printf(" allowed=");
    sep = "";
    for (const char *const *id = specgen_hazard_ids(r.hazards); *id; id++) {
        printf("%s%s", sep, *id);
        sep = ",";
    }
    printf("%s\n", *sep ? "" : "-");
    free(r.text);
    return 0;
}
