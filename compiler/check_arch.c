/* SPDX-License-Identifier: MIT */
/* The arch and its ABIs: one arch, a header name, every fact and type. */
#include "check_rows.h"

#include "view.h"

#include <inttypes.h>
#include <string.h>

/* ---- arch and ABIs ----------------------------------------------------- */

void check_arch_missing(struct check_ctx *cc)
{
    if (cc->spec->arch)
        return;
    struct loc top = {cc->spec->sources[0], 1, 1, 1, 1};
    struct diag *d = check_report(cc, &cc->spec->failed, top, "spec declares no arch");
    diag_note(d, top, "every spec describes one architecture: 'arch NAME { abi ... }'");
}

void check_arch_duplicate(struct check_ctx *cc)
{
    for (size_t i = 0; i < cc->spec->nitems; i++) {
        struct item *it = cc->spec->items[i];
        if (it->kind != ITEM_ARCH || it->u.arch == cc->spec->arch)
            continue;
        struct diag *d = check_report(cc, &cc->spec->failed, it->u.arch->name.loc,
                                      "second arch '%s' in one spec", it->u.arch->name.text);
        diag_note(d, cc->spec->arch->name.loc, "arch '%s' is declared here",
                  cc->spec->arch->name.text);
        diag_note(d, it->u.arch->name.loc, "give each architecture its own spec file");
    }
}

/* The header is written into the output directory and named in
 * `#include <public/NAME>` and `#include "NAME"`: a '/' or '..' would
 * write outside -o, a '>', '"' or newline would break the include, and a
 * leading '.' or '-' makes a hidden file or one that reads as an option.
 * The POSIX portable file name characters are all any of that needs. */
static const char *header_name_problem(struct arena *a, const char *h)
{
    if (!*h)
        return "is empty";
    if (strlen(h) > REGC_MAX_HEADER_NAME)
        return arena_printf(a, "is longer than %d bytes", REGC_MAX_HEADER_NAME);
    if (strchr(h, '/'))
        return "contains '/'";
    if (h[0] == '.')
        return "starts with '.'";
    if (h[0] == '-')
        return "starts with '-'";
    for (const char *p = h; *p; p++) {
        char c = *p;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
              c == '_' || c == '-'))
            return "contains a character other than A-Z a-z 0-9 . _ -";
    }
    return NULL;
}

void check_header_name(struct check_ctx *cc)
{
    struct arch *arch = cc->spec->arch;
    if (check_skip(cc, 0) || !arch->header)
        return;
    struct arena *a = &cc->spec->arena;
    const char *why = header_name_problem(a, arch->header);
    if (!why) {
        /* Two outputs of one name: one would silently be the other. (The
         * layout check's name ends in -layout.h, which no other has.) */
        const char *stem = view_stem(a, cc->spec->path);
        for (int i = 0; i < STEM_OUTPUT_COUNT; i++) {
            const char *other = arena_printf(a, "%s%s", stem, view_stem_suffixes[i]);
            if (strcmp(arch->header, other) != 0)
                continue;
            struct diag *d = check_report(cc, &cc->spec->failed, arch->header_loc,
                                          "header '%s' is also the name of this spec's output STEM%s",
                                          arch->header, view_stem_suffixes[i]);
            diag_note(d, arch->header_loc, "name the header after the arch, e.g. 'header \"arch-%s.h\";'",
                      arch->name.text);
            return;
        }
        return;
    }
    /* no output is named after it, so nothing is written at all */
    struct diag *d = check_report(cc, &cc->spec->failed, arch->header_loc,
                                  "header name %s; it must be a plain file name in the output directory", why);
    diag_note(d, arch->header_loc, "e.g. 'header \"arch-%s.h\";'", arch->name.text);
}

void check_abi_missing_fact(struct check_ctx *cc)
{
    struct arch *arch = cc->spec->arch;
    if (check_skip(cc, 0))
        return;
    if (arch->nabis == 0)
        check_report(cc, &cc->spec->failed, arch->name.loc, "arch '%s' declares no ABI",
                     arch->name.text);
    if (arch->nabis > 64)
        check_report(cc, &cc->spec->failed, arch->abis[64]->name.loc,
                     "arch '%s' declares more than 64 ABIs", arch->name.text);
    for (size_t i = 0; i < arch->nabis; i++) {
        struct abi *abi = arch->abis[i];
        if (!abi->endian) {
            struct diag *d = check_report(cc, &abi->failed, abi->name.loc,
                                          "ABI '%s' does not give its endianness", abi->name.text);
            diag_note(d, abi->name.loc, "add 'endian little;' or 'endian big;'");
        }
        if (!abi->predicate) {
            struct diag *d = check_report(cc, &abi->failed, abi->name.loc,
                                          "ABI '%s' does not say how C code recognises it",
                                          abi->name.text);
            diag_note(d, abi->name.loc, "add e.g. 'predicate \"defined(__aarch64__)\";'");
        }
    }
}

void check_abi_missing_type(struct check_ctx *cc)
{
    struct arch *arch = cc->spec->arch;
    if (check_skip(cc, 0))
        return;
    for (size_t i = 0; i < arch->nabis; i++) {
        struct abi *abi = arch->abis[i];
        struct buf missing = {0};
        for (int t = 0; t < BT_COUNT; t++)
            if (!abi->types[t].set)
                buf_printf(&missing, "%s%s", missing.len ? ", " : "", base_type_name((enum base_type)t));
        if (missing.len) {
            struct diag *d = check_report(cc, &abi->failed, abi->name.loc,
                                          "ABI '%s' does not give the size of: %s", abi->name.text,
                                          missing.data);
            diag_note(d, abi->name.loc, "each base type is declared 'type NAME size N align N;'");
        }
        buf_free(&missing);
    }
}

/* Layouts and translations computed from impossible sizes mean nothing
 * (and a 16-byte integer does not fit regc's 64-bit arithmetic), so an
 * invalid fact fails the spec: nothing is laid out. */
void check_abi_invalid_type(struct check_ctx *cc)
{
    struct arch *arch = cc->spec->arch;
    if (check_skip(cc, 0))
        return;
    for (size_t i = 0; i < arch->nabis; i++) {
        struct abi *abi = arch->abis[i];
        for (int t = 0; t < BT_COUNT; t++) {
            struct abi_type_fact *f = &abi->types[t];
            if (!f->set)
                continue;
            unsigned bits = base_type_fixed_bits((enum base_type)t);
            if (!is_pow2(f->size_written) || f->size_written > 256) {
                check_report(cc, &cc->spec->failed, f->loc, "size %" PRIu64 " of '%s' is not a power of two up to 256",
                             f->size_written, base_type_name((enum base_type)t));
            } else if (!is_pow2(f->align_written) || f->align_written > 256) {
                check_report(cc, &cc->spec->failed, f->loc,
                             "alignment %" PRIu64 " of '%s' is not a power of two up to 256", f->align_written,
                             base_type_name((enum base_type)t));
            } else if (bits && f->size * 8 != bits) {
                check_report(cc, &cc->spec->failed, f->loc, "'%s' is %u bits wide by definition, not %" PRIu32 " bytes",
                             base_type_name((enum base_type)t), bits, f->size);
            } else if (base_type_is_integer((enum base_type)t) && f->size > 8) {
                /* regc computes with integers in 64 bits, as C does with these */
                check_report(cc, &cc->spec->failed, f->loc, "size %" PRIu32 " of integer type '%s' is not 1, 2, 4 or 8",
                             f->size, base_type_name((enum base_type)t));
            }
        }
    }
}

