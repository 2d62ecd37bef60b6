/* SPDX-License-Identifier: MIT */
/* The view of the register header (STEM-regs.h). */
#ifndef REGC_VIEW_REGS_H
#define REGC_VIEW_REGS_H

#include "ast.h"
#include "mustache.h"

/* Adds "registers" to root: one item per register (fields, enums,
 * reserved masks), built when the template reaches it. */
void view_regs_header(struct arena *a, struct mu_value *root, struct spec *spec);

#endif
