/* SPDX-License-Identifier: MIT */
/* The view of the layout report (STEM-layout.txt). */
#ifndef REGC_VIEW_LAYOUT_REPORT_H
#define REGC_VIEW_LAYOUT_REPORT_H

#include "ast.h"
#include "mustache.h"

/* Adds "aggregates" to root: one item per top-level struct or union, with
 * its layout grouped by the ABIs that share it, built when the template
 * reaches it. */
void view_layout_report(struct arena *a, struct mu_value *root, struct spec *spec);

#endif
