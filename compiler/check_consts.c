/* SPDX-License-Identifier: MIT */
/* Constants (evaluated once, exactly) and flags. */
#include "check_rows.h"

#include <inttypes.h>
#include <stdlib.h>

/* ---- constants and flags -------------------------------------------- */

/*
 * Constant expressions are computed exactly, as the integers they mean,
 * not in the wrapping arithmetic of some C type: `-4 % 3` is -1 and
 * `9223372036854775807 + 1` is 2^63, which an s64 cannot hold, rather
 * than whatever a 64-bit register would make of them. Every step must lie
 * in [-2^63, 2^64 - 1], the union of what s64 and u64 hold; 128 bits hold
 * any step's result before it is checked.
 */
typedef __int128 const_int;
#define CONST_INT_MIN (-((const_int)1 << 63))
#define CONST_INT_MAX (((const_int)1 << 64) - 1)

static const_int const_exact(const struct const_decl *c)
{
    return c->negative ? (const_int)(int64_t)c->value : (const_int)c->value;
}

/* "-5" or "0x1f": how messages show an exact value in 64-bit range. */
static const char *const_int_text(struct arena *a, const_int v)
{
    if (v < 0)
        return arena_printf(a, "%" PRId64, (int64_t)v);
    return arena_printf(a, "0x%" PRIx64, (uint64_t)v);
}

/* l * r, or false when its magnitude is beyond 2^64 (and so beyond the
 * range of any step). Not __builtin_mul_overflow: for 128-bit operands
 * clang calls __muloti4, which libgcc does not have. */
static bool const_mul(const_int l, const_int r, const_int *out)
{
    unsigned __int128 ml = l < 0 ? -(unsigned __int128)l : (unsigned __int128)l;
    unsigned __int128 mr = r < 0 ? -(unsigned __int128)r : (unsigned __int128)r;
    if (ml && mr > ((unsigned __int128)1 << 64) / ml)
        return false;
    *out = l * r;
    return true;
}

/* Decimal, for values beyond 64 bits that printf cannot spell. */
static const char *const_int_decimal(struct arena *a, const_int v)
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

static bool eval_in_range(struct check_ctx *cc, struct const_decl *owner, const struct expr *e, const_int v,
                          bool overflowed)
{
    if (!overflowed && v >= CONST_INT_MIN && v <= CONST_INT_MAX)
        return true;
    struct diag *d;
    if (overflowed)
        d = check_report_as(cc, DIAG_CONST_OVERFLOW, &owner->failed, e->loc,
                            "this part of constant '%s' is far beyond 64 bits", owner->name.text);
    else
        d = check_report_as(cc, DIAG_CONST_OVERFLOW, &owner->failed, e->loc,
                            "this part of constant '%s' is %s, beyond 64 bits", owner->name.text,
                            const_int_decimal(&cc->spec->arena, v));
    diag_note(d, owner->name.loc, "constants are computed exactly, and every part must lie between "
                                  "-9223372036854775808 and 18446744073709551615");
    return false;
}

/* Evaluates one expression whose constants have been evaluated; a
 * constant that did not evaluate makes it fail silently, as whatever
 * stopped that constant has been reported. The parser bounds the depth. */
static bool eval_expr(struct check_ctx *cc, struct const_decl *owner, const struct expr *e, const_int *out)
{
    const_int l = 0, r = 0;
    switch (e->op) {
    case EX_INT:
        *out = e->value;
        return true;
    case EX_NAME:
        if (!e->cst || e->cst->state != CONST_DONE)
            return false;
        *out = const_exact(e->cst);
        return true;
    case EX_ENUM_REF:
        if (!e->ev)
            return false;
        *out = e->ev->value;
        return true;
    default:
        break;
    }
    if (!eval_expr(cc, owner, e->lhs, &l))
        return false;
    if (e->rhs && !eval_expr(cc, owner, e->rhs, &r))
        return false;
    bool overflowed = false;
    switch (e->op) {
    case EX_NEG: *out = -l; break;
    case EX_NOT: *out = -l - 1; break; /* ~ of the two's complement of any width */
    case EX_LNOT: *out = !l; break;
    case EX_MUL: overflowed = !const_mul(l, r, out); break;
    case EX_ADD: *out = l + r; break;
    case EX_SUB: *out = l - r; break;
    case EX_AND: *out = l & r; break;
    case EX_XOR: *out = l ^ r; break;
    case EX_OR: *out = l | r; break;
    case EX_DIV:
    case EX_MOD:
        if (r == 0) {
            check_report_as(cc, DIAG_CONST_DIVIDE_BY_ZERO, &owner->failed, e->rhs->loc,
                            "division by zero in constant '%s'", owner->name.text);
            return false;
        }
        /* C's: the quotient truncated toward zero, the remainder with
         * the sign of the dividend */
        *out = e->op == EX_DIV ? l / r : l % r;
        break;
    case EX_SHL:
    case EX_SHR:
        if (r < 0 || r >= 64) {
            check_report_as(cc, DIAG_CONST_OVERFLOW, &owner->failed, e->rhs->loc,
                            "shift by %s bits in constant '%s'", const_int_text(&cc->spec->arena, r),
                            owner->name.text);
            return false;
        }
        if (e->op == EX_SHL)
            overflowed = !const_mul(l, (const_int)1 << r, out);
        else /* floor, as an arithmetic shift: -4 >> 1 is -2, -1 >> 1 is -1 */
            *out = l >= 0 ? l >> r : -((-l - 1) >> r) - 1;
        break;
    default:
        return false;
    }
    return eval_in_range(cc, owner, e, *out, overflowed);
}

/* The constants an expression names, left to right. */
static void expr_const_refs(const struct expr *e, struct ptrvec *out)
{
    if (!e)
        return;
    if (e->op == EX_NAME && e->cst)
        ptrvec_push(out, (void *)e);
    expr_const_refs(e->lhs, out);
    expr_const_refs(e->rhs, out);
}

/* A constant being evaluated, and the constants it names still to do:
 * refs[next..end) of the walk's shared list. */
struct const_frame {
    struct const_decl *c;
    size_t begin, next, end;
    bool cycle;
};

/*
 * Evaluates a constant after the constants it names, depth first, with
 * the path on a heap stack: a chain of 100,000 constants is legal. A
 * constant met again while it is being evaluated closes a cycle, which is
 * reported where the name is used.
 */
static void eval_const(struct check_ctx *cc, struct const_decl *root)
{
    if (root->state != CONST_UNEVALUATED)
        return;
    struct ptrvec refs = {0};
    size_t len = 0, cap = 16;
    struct const_frame *stack = xmalloc(cap * sizeof(*stack));
    for (struct const_decl *c = root; c;) {
        if (len == cap) {
            cap *= 2;
            stack = xrealloc(stack, cap * sizeof(*stack));
        }
        struct const_frame *f = &stack[len++];
        c->state = CONST_EVALUATING;
        f->c = c;
        f->begin = f->next = refs.len;
        expr_const_refs(c->expr, &refs);
        f->end = refs.len;
        f->cycle = false;
        for (c = NULL; len && !c;) {
            f = &stack[len - 1];
            if (f->next < f->end) {
                const struct expr *e = refs.items[f->next++];
                if (e->cst->state == CONST_EVALUATING) {
                    struct diag *d = check_report(cc, &f->c->failed, e->loc,
                                                  "constant '%s' is defined in terms of itself",
                                                  e->cst->name.text);
                    diag_note(d, e->cst->name.loc, "'%s' is declared here", e->cst->name.text);
                    f->cycle = true;
                    f->next = f->end;
                } else if (e->cst->state == CONST_UNEVALUATED) {
                    c = e->cst;
                }
                continue;
            }
            const_int v = 0;
            bool ok = !f->cycle && eval_expr(cc, f->c, f->c->expr, &v);
            f->c->state = ok ? CONST_DONE : CONST_BAD;
            f->c->value = (uint64_t)v;
            f->c->negative = v < 0;
            refs.len = f->begin;
            len--;
        }
    }
    free(stack);
    ptrvec_free(&refs);
}

void check_const_cycle(struct check_ctx *cc)
{
    for (size_t i = 0; i < cc->spec->consts.len; i++) {
        struct const_decl *c = cc->spec->consts.items[i];
        if (check_skip(cc, c->failed))
            c->state = CONST_BAD;
    }
    for (size_t i = 0; i < cc->spec->consts.len; i++)
        eval_const(cc, cc->spec->consts.items[i]);
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

static bool value_fits(const_int v, unsigned bits, bool is_signed)
{
    if (is_signed)
        return v >= -((const_int)1 << (bits - 1)) && v < ((const_int)1 << (bits - 1));
    return v >= 0 && v < ((const_int)1 << bits);
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

