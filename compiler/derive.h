/* SPDX-License-Identifier: MIT */
/*
 * Facts computed once from the linked model, before any check runs, and
 * kept on the declarations: the checks report the problems recorded here,
 * and the views and the ABI lock read the facts. Nothing here reports or
 * judges: a declaration whose facts cannot be computed is left without
 * them, and the checks that stop on it say why.
 */
#ifndef REGC_DERIVE_H
#define REGC_DERIVE_H

#include "ast.h"

/*
 * Derives, for every declaration it can:
 * - register masks: each register's kind_mask (the bits of each kind, rest
 *   included) and `uncovered` (the bits nothing accounts for, the problem
 *   field-uncovered reports); masks_ok when they were computed and nothing
 *   is uncovered. A `like` register has its source's;
 * - constant values: each constant's exact value and state, or the
 *   problem that stopped it (`const_decl.problem`, reported by const-cycle);
 * - struct nesting: how deep each aggregate holds others by value
 *   (`aggregate.nesting`, judged by recursive-type).
 */
void derive_spec(struct spec *spec);

/* A constant's exact value, from its 64 bits and sign. */
static inline __int128 const_exact(const struct const_decl *c)
{
    return c->negative ? (__int128)(int64_t)c->value : (__int128)c->value;
}

#endif
