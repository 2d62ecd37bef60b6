/* SPDX-License-Identifier: MIT */
/* Constants (evaluated once, exactly) and flags. */
#include "check_rows.h"
#include "derive.h"

#include <inttypes.h>

/* ---- constants and flags -------------------------------------------- */

/* "-5" or "0x1f": how messages show an exact value in 64-bit range. */
static const char *const_int_text(struct arena *a, __int128 v)
{
    if (v < 0)
        return arena_printf(a, "%" PRId64, (int64_t)v);
    return arena_printf(a, "0x%" PRIx64, (uint64_t)v);
}

/* Decimal, for values beyond 64 bits that printf cannot spell. */
static const char *const_int_decimal(struct arena *a, __int128 v)
{
    char digits[48], *p = digits + sizeof(digits);
    *--p = '\0';
    bool neg = v < 0;
    unsigned __int128 m = neg ? -(unsigned __int128)v : (unsigned __int128)v;
    do
        *--p = (char)('0' + (int)(m % 10));
    while ((m /= 10) != 0);
    if (neg)
        *--p = '-';
    return arena_strdup(a, p);
}

static const char range_note[] = "constants are computed exactly, and every part must lie between "
                                 "-9223372036854775808 and 18446744073709551615";

/* derive.c evaluated every constant and kept what stopped each; this
 * reports it, at the constant whose expression holds the problem. */
static void report_const_problem(struct check_ctx *cc, struct const_decl *c)
{
    const struct const_problem *p = &c->problem;
    struct arena *a = &cc->spec->arena;
    struct diag *d;
    switch (p->kind) {
    case CONST_IN_CYCLE:
        d = check_report(cc, &c->failed, p->loc, "constant '%s' is defined in terms of itself",
                         p->cycle->name.text);
        diag_note(d, p->cycle->name.loc, "'%s' is declared here", p->cycle->name.text);
        break;
    case CONST_DIVIDE_BY_ZERO:
        check_report_as(cc, DIAG_CONST_DIVIDE_BY_ZERO, &c->failed, p->loc, "division by zero in constant '%s'",
                        c->name.text);
        break;
    case CONST_SHIFT_TOO_FAR:
        check_report_as(cc, DIAG_CONST_OVERFLOW, &c->failed, p->loc, "shift by %s bits in constant '%s'",
                        const_int_text(a, p->value), c->name.text);
        break;
    case CONST_BEYOND_64_BITS:
        d = check_report_as(cc, DIAG_CONST_OVERFLOW, &c->failed, p->loc,
                            "this part of constant '%s' is %s, beyond 64 bits", c->name.text,
                            const_int_decimal(a, p->value));
        diag_note(d, c->name.loc, range_note);
        break;
    case CONST_FAR_BEYOND_64_BITS:
        d = check_report_as(cc, DIAG_CONST_OVERFLOW, &c->failed, p->loc,
                            "this part of constant '%s' is far beyond 64 bits", c->name.text);
        diag_note(d, c->name.loc, range_note);
        break;
    case CONST_OK:
    case CONST_NAMES_BAD:
        break;
    }
}

void check_const_cycle(struct check_ctx *cc)
{
    for (size_t i = 0; i < cc->spec->consts.len; i++) {
        struct const_decl *c = cc->spec->consts.items[i];
        if (!check_skip(cc, c->failed))
            report_const_problem(cc, c);
    }
}

/* Narrowest width of a type over the ABIs, for ulong; fixed types have one. */
static unsigned type_min_bits(const struct spec *spec, enum base_type bt)
{
    unsigned fixed = base_type_fixed_bits(bt);
    if (fixed)
        return fixed;
    unsigned best = 64;
    for (size_t i = 0; spec->arch && i < spec->arch->nabis; i++) {
        const struct abi_type_fact *f = &spec->arch->abis[i]->types[bt];
        if (f->set && f->size * 8 < best)
            best = f->size * 8;
    }
    return best;
}

static bool value_fits(__int128 v, unsigned bits, bool is_signed)
{
    if (is_signed)
        return v >= -((__int128)1 << (bits - 1)) && v < ((__int128)1 << (bits - 1));
    return v >= 0 && v < ((__int128)1 << bits);
}

void check_const_overflow(struct check_ctx *cc)
{
    for (size_t i = 0; i < cc->spec->consts.len; i++) {
        struct const_decl *c = cc->spec->consts.items[i];
        if (check_skip(cc, c->failed) || c->state != CONST_DONE || c->type == BT_COUNT)
            continue;
        unsigned bits = type_min_bits(cc->spec, c->type);
        bool sign = base_type_is_signed(c->type);
        if (value_fits(const_exact(c), bits, sign))
            continue;
        struct diag *d = check_report(cc, &c->failed, c->expr->loc,
                                      "value %s of constant '%s' does not fit its type %s",
                                      const_int_text(&cc->spec->arena, const_exact(c)), c->name.text,
                                      base_type_name(c->type));
        if (!c->type_name.text)
            diag_note(d, c->name.loc, "a constant without ': TYPE' is an s32 (C int); "
                                      "say ': u32' or ': u64' for wider values");
        else if (c->negative && !sign)
            diag_note(d, c->name.loc, "an unsigned constant cannot be negative: write the bits it means "
                                      "(~0 is -1; ~0 & 0xffffffff is 0xffffffff)");
    }
}

void check_flag_bit_range(struct check_ctx *cc)
{
    for (size_t i = 0; i < cc->spec->flagsets.len; i++) {
        struct flagset *fs = cc->spec->flagsets.items[i];
        if (check_skip(cc, fs->failed) || fs->type == BT_COUNT)
            continue;
        unsigned bits = type_min_bits(cc->spec, fs->type);
        /* (1 << 31) overflows a C int, so a signed type loses its top bit */
        unsigned limit = base_type_is_signed(fs->type) ? bits - 1 : bits;
        for (size_t j = 0; j < fs->nflags; j++) {
            struct flag *f = fs->flags[j];
            if (f->bit < limit)
                continue;
            struct diag *d = check_report(cc, &fs->failed, f->bit_loc,
                                          "flag bit %" PRIu64 " of '%s_%s' does not fit type %s",
                                          f->bit, fs->name.text, f->name.text, base_type_name(fs->type));
            if (!fs->type_name.text)
                diag_note(d, fs->name.loc, "flags without ': TYPE' are s32 (C int); say ': u32' or ': u64'");
        }
    }
}

