/* SPDX-License-Identifier: MIT */
/*
 * The names C and C++ keep for themselves: keywords of every standard the
 * generated headers are compiled as (C89 to C23, C++98 to C++23), C++'s
 * alternative tokens, the preprocessor's own words, GNU C's keywords,
 * macros the compilers predefine, the library names the headers use, and
 * the identifiers C reserves to the implementation (C11 7.1.3). A spec
 * name that is one of them gives a header that does not compile, or one
 * that a macro silently rewrites; name-reserved-c refuses it.
 */
#ifndef REGC_CWORDS_H
#define REGC_CWORDS_H

#include "util.h"

#include <stdbool.h>

enum cword_kind {
    CW_C,         /* a keyword of C */
    CW_CXX,       /* a keyword of C++, not of C */
    CW_ALT,       /* a C++ alternative token: `and` is && */
    CW_PP,        /* a word the preprocessor gives a meaning */
    CW_GNU,       /* a keyword of GNU C or GNU C++ */
    CW_PREDEF,    /* a macro GCC and Clang predefine */
    CW_LIBRARY,   /* a name of a C header the generated headers include */
    CW_XEN,       /* a Xen macro the generated headers use */
    CW_KERNEL,    /* a macro of the kernels that include the headers: Xen, Linux, FreeBSD */
};

struct cword {
    const char *word;
    enum cword_kind kind;
    const char *detail; /* the standard ("C99", "C++11"), the operator, the header */
};

/* The table's entry for NAME, or NULL. */
const struct cword *cword_lookup(const char *name);
/* The table, sorted by strcmp(), for the unit tests. */
const struct cword *cword_at(size_t i);
size_t cword_count(void);

/* Where a name lands in C, which decides what C reserves of it. */
enum c_scope {
    C_SCOPE_FILE,   /* a whole file-scope name: tag, typedef, macro */
    C_SCOPE_MEMBER, /* a struct or union member */
    C_SCOPE_BLOCK,  /* a function parameter */
    C_SCOPE_PREFIX, /* the leading part of file-scope names: REG of REG_get_F() */
};

/*
 * Why NAME cannot be spelt in C at SCOPE ("is a keyword of C++ (C++98)"),
 * or NULL when it can. *suggest is set to a spelling that can, or NULL when
 * regc has none to offer (a library name: any name of the author's own).
 */
const char *c_name_problem(struct arena *a, const char *name, enum c_scope scope, const char **suggest);

#endif
