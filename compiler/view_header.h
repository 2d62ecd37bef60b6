/* SPDX-License-Identifier: MIT */
/* The views of Xen public headers and of their layout assertions. */
#ifndef REGC_VIEW_HEADER_H
#define REGC_VIEW_HEADER_H

#include "ast.h"
#include "mustache.h"

/* "blocks": the spec's declarations in source order, in runs that share a
 * preprocessor condition and whether they are C (or macros). */
struct mu_value *view_public_header(struct arena *a, struct spec *spec);
/* "abis": per ABI, every size and offset of every struct, per view. */
struct mu_value *view_layout_asserts(struct arena *a, struct spec *spec);

/* One struct as the public header spells it (aliases, helper macros),
 * for the c-item template; for structs that live in other outputs. */
struct mu_value *view_struct_item(struct arena *a, struct spec *spec, const struct aggregate *agg);

/* The include guard of a public header: __XEN_PUBLIC_ARCH_ARM_H__. */
const char *header_guard(struct arena *a, const char *header);
/* A type as C spells it in a declaration. */
const char *c_type_of(struct arena *a, const struct type_ref *t);

#endif
