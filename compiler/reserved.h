/* SPDX-License-Identifier: MIT */
/*
 * --reserved-macros: the macro names a generated header must not define,
 * because the headers it is included beside (Xen's asm/ and xen/ headers)
 * define them already. One name a line; blank lines and lines starting
 * with '#' are ignored.
 */
#ifndef REGC_RESERVED_H
#define REGC_RESERVED_H

#include "util.h"

#include <stdbool.h>
#include <stdio.h>

struct symtab;

/* Where a reserved name was listed, for the diagnostic. */
struct reserved_macro {
    const char *file;
    unsigned line;
};

struct reserved_macros {
    struct arena arena;   /* the lists' text and the records */
    struct symtab *names; /* name -> struct reserved_macro * (the first listing) */
};

/* Reads every list into rm. false, after a message on err, when a file
 * cannot be read or holds a line that is not a C identifier. */
bool reserved_load(struct reserved_macros *rm, const char *const *paths, size_t n, FILE *err);
void reserved_free(struct reserved_macros *rm);

#endif
