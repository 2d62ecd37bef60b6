/* SPDX-License-Identifier: MIT */
/* The view of the translation header (STEM-xlat.h). */
#ifndef REGC_VIEW_XLAT_H
#define REGC_VIEW_XLAT_H

#include "ast.h"
#include "mustache.h"

/* Adds to root: the compat structs of a native/compat arch (with the
 * layout checks of those identical to native), the older layouts of tools
 * structs, and a translation function each way for every pair. */
void view_xlat(struct arena *a, struct mu_value *root, struct spec *spec);

#endif
