/* SPDX-License-Identifier: MIT */
#include "derive.h"

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

void derive_spec(struct spec *spec)
{
    derive_registers(spec);
}
