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
 * Register masks: each register's kind_mask (the bits of each kind, rest
 * included) and `uncovered` (the bits nothing accounts for, the problem
 * field-uncovered reports); masks_ok when they were computed and nothing
 * is uncovered. A `like` register has its source's.
 */
void derive_spec(struct spec *spec);

#endif
