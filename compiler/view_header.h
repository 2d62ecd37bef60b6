/* SPDX-License-Identifier: MIT */
/* The view of a Xen public header (the arch's, e.g. arch-arm.h). */
#ifndef REGC_VIEW_HEADER_H
#define REGC_VIEW_HEADER_H

#include "ast.h"
#include "mustache.h"

/* Adds "blocks" to root: the spec's declarations in source order, in runs
 * that share a preprocessor condition and whether they are C (or
 * macros). */
void view_public_header(struct arena *a, struct mu_value *root, struct spec *spec);

/* One struct as the public header spells it (aliases, helper macros),
 * for the c-item template; for structs that live in other outputs. */
struct mu_value *view_struct_item(struct arena *a, struct spec *spec, const struct aggregate *agg);

#endif
