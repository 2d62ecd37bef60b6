/* SPDX-License-Identifier: MIT */
#include "derive.h"

#include <stdlib.h>
#include <string.h>

/* Masks are computed for any register whose ranges can be read as masks,
 * not only for those the bit-map checks pass: the checks run later, and
 * each check that reads the masks skips a register its prerequisites
 * failed on. */
static bool reg_masks_computable(const struct reg *r)
{
    if (r->width < 1 || r->width > 128)
        return false;
    for (size_t j = 0; j < r->nfields; j++)
        if (r->fields[j]->lsb > r->fields[j]->msb)
            return false;
    return true;
}

static void derive_reg_masks(struct reg *r)
{
    for (int k = 0; k < BITS_KIND_COUNT; k++)
        r->kind_mask[k] = mask_none();
    r->uncovered = mask_none();
    r->masks_ok = false;
    if (r->like.text || !reg_masks_computable(r))
        return; /* a `like` register gets its source's, below */
    struct mask128 used = mask_none();
    for (size_t j = 0; j < r->nfields; j++) {
        struct field *f = r->fields[j];
        struct mask128 m = mask_range(f->msb, f->lsb);
        r->kind_mask[f->kind] = mask_or(r->kind_mask[f->kind], m);
        used = mask_or(used, m);
    }
    struct mask128 rest = mask_andnot(mask_range(r->width - 1, 0), used);
    if (r->has_rest)
        r->kind_mask[r->rest_kind] = mask_or(r->kind_mask[r->rest_kind], rest);
    else
        r->uncovered = rest;
    r->masks_ok = mask_empty(r->uncovered);
}

static void derive_registers(struct spec *spec)
{
    for (size_t i = 0; i < spec->regs.len; i++)
        derive_reg_masks(spec->regs.items[i]);
    /* resolve links `like` only to a register with fields of its own */
    for (size_t i = 0; i < spec->regs.len; i++) {
        struct reg *r = spec->regs.items[i];
        if (!r->like_decl)
            continue;
        memcpy(r->kind_mask, r->like_decl->kind_mask, sizeof(r->kind_mask));
        r->uncovered = r->like_decl->uncovered;
        r->masks_ok = r->like_decl->masks_ok;
    }
}

/* ---- constants ------------------------------------------------------------ */

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

static bool const_fail(struct const_decl *owner, int kind, const struct expr *e, const_int value)
{
    owner->problem = (struct const_problem){.kind = kind, .loc = e->loc, .value = value};
    return false;
}

/* Evaluates one expression whose constants have been evaluated; a
 * constant that did not evaluate makes it fail, with the problem kept on
 * that constant. The parser bounds the depth. */
static bool eval_expr(struct const_decl *owner, const struct expr *e, const_int *out)
{
    const_int l = 0, r = 0;
    switch (e->op) {
    case EX_INT:
        *out = e->value;
        return true;
    case EX_NAME:
        if (!e->cst || e->cst->state != CONST_DONE)
            return const_fail(owner, CONST_NAMES_BAD, e, 0); /* unresolved-name says why, or the other constant */
        *out = const_exact(e->cst);
        return true;
    case EX_ENUM_REF:
        if (!e->ev)
            return const_fail(owner, CONST_NAMES_BAD, e, 0);
        *out = e->ev->value;
        return true;
    default:
        break;
    }
    if (!eval_expr(owner, e->lhs, &l))
        return false;
    if (e->rhs && !eval_expr(owner, e->rhs, &r))
        return false;
    switch (e->op) {
    case EX_NEG: *out = -l; break;
    case EX_NOT: *out = -l - 1; break; /* ~ of the two's complement of any width */
    case EX_LNOT: *out = !l; break;
    case EX_MUL:
        if (!const_mul(l, r, out))
            return const_fail(owner, CONST_FAR_BEYOND_64_BITS, e, 0);
        break;
    case EX_ADD: *out = l + r; break;
    case EX_SUB: *out = l - r; break;
    case EX_AND: *out = l & r; break;
    case EX_XOR: *out = l ^ r; break;
    case EX_OR: *out = l | r; break;
    case EX_DIV:
    case EX_MOD:
        if (r == 0)
            return const_fail(owner, CONST_DIVIDE_BY_ZERO, e->rhs, 0);
        /* C's: the quotient truncated toward zero, the remainder with
         * the sign of the dividend */
        *out = e->op == EX_DIV ? l / r : l % r;
        break;
    case EX_SHL:
    case EX_SHR:
        if (r < 0 || r >= 64)
            return const_fail(owner, CONST_SHIFT_TOO_FAR, e->rhs, r);
        if (e->op == EX_SHL) {
            if (!const_mul(l, (const_int)1 << r, out))
                return const_fail(owner, CONST_FAR_BEYOND_64_BITS, e, 0);
        } else { /* floor, as an arithmetic shift: -4 >> 1 is -2, -1 >> 1 is -1 */
            *out = l >= 0 ? l >> r : -((-l - 1) >> r) - 1;
        }
        break;
    default:
        return const_fail(owner, CONST_NAMES_BAD, e, 0);
    }
    if (*out < CONST_INT_MIN || *out > CONST_INT_MAX)
        return const_fail(owner, CONST_BEYOND_64_BITS, e, *out);
    return true;
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
};

/*
 * Evaluates a constant after the constants it names, depth first, with
 * the path on a heap stack: a chain of 100,000 constants is legal. A
 * constant met again while it is being evaluated closes a cycle, kept
 * on the constant whose expression names it.
 */
static void eval_const(struct const_decl *root)
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
        c->problem = (struct const_problem){.kind = CONST_OK};
        f->c = c;
        f->begin = f->next = refs.len;
        expr_const_refs(c->expr, &refs);
        f->end = refs.len;
        for (c = NULL; len && !c;) {
            f = &stack[len - 1];
            if (f->next < f->end) {
                const struct expr *e = refs.items[f->next++];
                if (e->cst->state == CONST_EVALUATING) {
                    f->c->problem = (struct const_problem){.kind = CONST_IN_CYCLE, .loc = e->loc, .cycle = e->cst};
                    f->next = f->end;
                } else if (e->cst->state == CONST_UNEVALUATED) {
                    c = e->cst;
                }
                continue;
            }
            const_int v = 0;
            bool ok = f->c->problem.kind == CONST_OK && eval_expr(f->c, f->c->expr, &v);
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

static void derive_consts(struct spec *spec)
{
    for (size_t i = 0; i < spec->consts.len; i++)
        eval_const(spec->consts.items[i]);
}

/* ---- nesting -------------------------------------------------------------- */

/* The aggregates a type holds by value, on any ABI: through every variant
 * of the typedefs it names and of the struct it ends at, and through
 * inline aggregates (whose own depth the scanner bounds). */
static void push_held(struct spec *spec, const struct type_ref *t, struct ptrvec *out)
{
    struct ptrvec types = {0};
    ptrvec_push(&types, (void *)t);
    size_t budget = spec->typedefs.len + 1;
    while (types.len) {
        const struct type_ref *x = types.items[--types.len];
        if (x->kind == TR_INLINE && x->inline_agg) {
            for (size_t i = 0; i < x->inline_agg->nmembers; i++)
                ptrvec_push(&types, &x->inline_agg->members[i]->type);
            continue;
        }
        if (x->kind != TR_NAME)
            continue;
        if (x->cls == TC_AGG)
            for (struct aggregate *v = x->agg; v; v = v->next_variant)
                ptrvec_push(out, v);
        if (x->cls == TC_TYPEDEF && budget) {
            budget--; /* a typedef cycle, which recursive-type reports, ends here */
            for (struct typedef_decl *v = x->td; v; v = v->next_variant)
                ptrvec_push(&types, &v->type);
        }
    }
    ptrvec_free(&types);
}

/* Kept in agg->nesting; computed without recursion, since a hostile spec
 * can chain structs far deeper than the C stack. A cycle adds nothing to
 * the depth where it closes: recursive-type reports it, and the depths
 * on it are not judged. */
static void derive_agg_nesting(struct spec *spec, struct aggregate *agg)
{
    enum { BUSY = UINT32_MAX };
    struct frame {
        struct aggregate *agg;
        struct ptrvec held;
        size_t next;
        unsigned deepest;
    };
    if (agg->nesting)
        return;
    size_t n = 0, cap = 16;
    struct frame *f = xcalloc(cap, sizeof(*f));
    f[n++] = (struct frame){agg, {0}, 0, 0};
    agg->nesting = BUSY;
    for (size_t i = 0; i < agg->nmembers; i++)
        push_held(spec, &agg->members[i]->type, &f[0].held);
    while (n) {
        struct frame *top = &f[n - 1];
        if (top->next < top->held.len) {
            struct aggregate *h = top->held.items[top->next++];
            if (h->nesting == BUSY)
                continue;
            if (h->nesting) {
                if (h->nesting > top->deepest)
                    top->deepest = h->nesting;
                continue;
            }
            if (n == cap) {
                cap *= 2;
                f = xrealloc(f, cap * sizeof(*f));
            }
            f[n] = (struct frame){h, {0}, 0, 0};
            h->nesting = BUSY;
            for (size_t i = 0; i < h->nmembers; i++)
                push_held(spec, &h->members[i]->type, &f[n].held);
            n++;
            continue;
        }
        top->agg->nesting = top->deepest + 1;
        ptrvec_free(&top->held);
        n--;
        if (n && f[n].agg->nesting > f[n - 1].deepest)
            f[n - 1].deepest = f[n].agg->nesting;
    }
    free(f);
}

static void derive_nesting(struct spec *spec)
{
    for (size_t i = 0; i < spec->aggs.len; i++)
        derive_agg_nesting(spec, spec->aggs.items[i]);
}

void derive_spec(struct spec *spec)
{
    derive_registers(spec);
    derive_consts(spec);
    derive_nesting(spec);
}
