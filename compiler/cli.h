/* SPDX-License-Identifier: MIT */
/* The command line, parsed into plain data before anything is read. */
#ifndef REGC_CLI_H
#define REGC_CLI_H

#include "diag.h"

#include <stdbool.h>
#include <stdio.h>

struct options {
    const char *out_dir;
    struct ptrvec include_dirs;   /* const char * */
    struct ptrvec specs;          /* const char * */
    struct ptrvec emit;           /* const char *, empty: every emitter */
    const char *depfile;
    const char *depfile_target;
    const char *templates_dir;
    bool check_only;
    const char *abi_lock;         /* --abi-lock FILE; NULL: SPEC-DIR/abi/STEM.lock */
    bool update_lock;             /* --update-lock */
    const char *abi_report;       /* --abi-report FILE (JSON) */
    struct ptrvec reserved_macros; /* --reserved-macros FILE, repeatable: const char * */
    struct diag_policy policy;
};

/*
 * Parses argv. Returns -1 when regc should go on, or the exit status to
 * stop with: 0 after --help or --version, 2 after a usage error (already
 * reported on err). Either way the caller frees o with cli_free().
 */
int cli_parse(int argc, char **argv, struct options *o, FILE *out, FILE *err);
void cli_free(struct options *o);

#endif
