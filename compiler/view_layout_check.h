/* SPDX-License-Identifier: MIT */
/* The view of the layout check of a public header (HEADER-layout.h). */
#ifndef REGC_VIEW_LAYOUT_CHECK_H
#define REGC_VIEW_LAYOUT_CHECK_H

#include "ast.h"
#include "mustache.h"

/* Adds "abis" to root: per ABI, every size and offset of every struct,
 * per view. */
void view_layout_check(struct arena *a, struct mu_value *root, struct spec *spec);

#endif
