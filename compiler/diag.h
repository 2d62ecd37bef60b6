/* SPDX-License-Identifier: MIT */
/*
 * Diagnostics are data: every phase appends {id, severity, span, message,
 * notes} to the compile's list, and one printer renders them at the end.
 * Tests assert on ids and spans rather than on text.
 */
#ifndef REGC_DIAG_H
#define REGC_DIAG_H

#include "diag_ids.h"
#include "mask.h"
#include "source.h"
#include "util.h"

#include <stdbool.h>
#include <stdio.h>

enum severity { SEV_NOTE, SEV_WARNING, SEV_ERROR };

struct diag_note {
    struct loc loc;
    char *message;
};

struct diag {
    enum diag_id id;
    enum severity severity;
    struct loc loc;
    char *message;
    struct diag_note *notes;
    size_t nnotes;
};

/* What the command line made of each id (-W, -Wno-, -Werror). */
struct diag_policy {
    bool enabled[DIAG_COUNT];
    bool as_error[DIAG_COUNT];
    bool all_warnings_as_errors;
    /* -fmax-errors: errors kept before the run stops (0: no limit). A
     * hostile spec has an error every byte, and printing each one, with
     * its source line, would make 500 bytes of output per byte of input. */
    unsigned max_errors;
};

struct diags {
    struct diag *items;
    size_t len, cap;
    unsigned errors, warnings;
    struct diag_policy policy;
    /* An error beyond policy.max_errors was dropped: the phases stop
     * (the scanner ends its input) and the run reports what it kept. */
    bool stopped;
};

void diags_init(struct diags *d);
void diags_free(struct diags *d);

const char *diag_id_name(enum diag_id id);
const char *diag_id_summary(enum diag_id id);
enum severity diag_id_default_severity(enum diag_id id);
/* Returns DIAG_COUNT when the name is not an id. */
enum diag_id diag_id_lookup(const char *name);

/*
 * Report a problem. For an id whose default is a warning, the policy may
 * drop it (returns NULL; diag_note() accepts NULL) or promote it to an
 * error. Errors are dropped (NULL) only beyond policy.max_errors, which
 * sets `stopped`.
 */
struct diag *diag_report(struct diags *d, enum diag_id id, struct loc loc,
                         const char *fmt, ...) REGC_PRINTF(4, 5);
struct diag *diag_vreport(struct diags *d, enum diag_id id, struct loc loc,
                          const char *fmt, va_list ap) REGC_PRINTF(4, 0);
void diag_note(struct diag *diag, struct loc loc, const char *fmt, ...) REGC_PRINTF(3, 4);

/*
 * Quoting input text (a literal, a path) in a message: at most
 * DIAG_QUOTE_MAX bytes of it, then "...", so that a 200,000-digit number
 * does not make a 200 KB line. Use as
 *     "'%.*s%s'", diag_quote_len(len), text, diag_quote_more(len)
 */
enum { DIAG_QUOTE_MAX = 40 };
static inline int diag_quote_len(size_t len)
{
    return len > DIAG_QUOTE_MAX ? DIAG_QUOTE_MAX : (int)len;
}
static inline const char *diag_quote_more(size_t len)
{
    return len > DIAG_QUOTE_MAX ? "..." : "";
}

/*
 * The column a diagnostic prints: characters (UTF-8 code points) from the
 * start of the line, from 1, where a tab and an invalid byte count one
 * each. Locations keep byte columns; on an ASCII line the two agree.
 */
unsigned diag_display_col(const struct loc *loc);
/* The length of the valid UTF-8 character at text (n bytes there), or 0
 * when it is not one: strict, no overlong forms or surrogates. */
size_t utf8_char_len(const char *text, size_t n);

/*
 * Renders collected diagnostics, GCC style, with source excerpts. Sources
 * must still be alive, so callers print a spec's diagnostics before they
 * free the spec: diags_print_from() prints those from index `from` on.
 */
void diags_print(const struct diags *d, FILE *out);
void diags_print_from(const struct diags *d, size_t from, FILE *out);
void diags_print_summary(const struct diags *d, FILE *out);
void diag_print(const struct diag *diag, FILE *out);
/* Text quoted from the input, one line whatever it holds: control bytes
 * go out as C escapes (\n, \t, \x1b). */
void diag_put_text(const char *s, FILE *out);

/* How messages spell a set of bits, highest first: "35:32, 7", and with
 * its noun, "bits 35:32, 7" or "bit 31". */
void diag_bit_ranges(struct buf *b, struct mask128 m);
void diag_bits(struct buf *b, struct mask128 m);

#endif
