/* SPDX-License-Identifier: MIT */
/*
 * The set of templates emitters render with: the ones built into regc, or,
 * file by file, the ones in a --templates directory. A template that is
 * missing or does not compile is a [template] diagnostic with its file,
 * line and column; regc then writes nothing and exits 2.
 */
#ifndef REGC_TEMPLATES_H
#define REGC_TEMPLATES_H

#include "diag.h"
#include "mustache.h"

struct embedded_template {
    const char *name;
    const char *text;
    size_t len;
};
extern const struct embedded_template embedded_templates[];
extern const size_t embedded_template_count;

struct templates;

/* dir may be NULL. */
struct templates *templates_open(const char *dir, struct diags *diags);
void templates_close(struct templates *t);

/* Renders template `name` with `view` into out, within `budget` (see
 * struct mu_budget). Returns false after reporting a [template]
 * diagnostic. */
bool templates_render(struct templates *t, const char *name, const struct mu_value *view,
                      const struct mu_budget *budget, struct buf *out);

/* Every template file read from the --templates directory, for -M. */
void templates_collect_deps(const struct templates *t, struct ptrvec *deps);

#endif
