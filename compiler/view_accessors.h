/* SPDX-License-Identifier: MIT */
/* The view of the accessor headers (both flavours share it). */
#ifndef REGC_VIEW_ACCESSORS_H
#define REGC_VIEW_ACCESSORS_H

#include "ast.h"
#include "mustache.h"

/* Adds to root: the feature set (features, their requirement closures),
 * registers (fields, enums, reserved masks per feature), and the check
 * plan of each struct that holds registers or reserved padding. */
void view_accessors(struct arena *a, struct mu_value *root, struct spec *spec);

#endif
