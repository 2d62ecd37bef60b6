/* SPDX-License-Identifier: MIT */
/*
 * The emitters, as data: each row names an output's template, how its file
 * is named, and the view builders whose facts it renders. One loop builds
 * the view, renders it and hands the text over. Output files are named
 * after the spec: specs/arm.reg gives arm-regs.h, arm-layout.txt, ...
 */
#include "emit.h"

#include "templates.h"
#include "view.h"
#include "view_accessors.h"
#include "view_header.h"
#include "view_layout_check.h"
#include "view_layout_report.h"
#include "view_regs.h"
#include "view_xlat.h"

#include <stdlib.h>
#include <string.h>

/* Only specs whose arch names its header have one. */
static const char *no_header(const struct spec *spec)
{
    return spec->arch->header ? NULL : "its arch names no public header (declare one: 'header \"FILE.h\";')";
}

static const char *public_header_name(struct arena *a, const struct spec *spec)
{
    (void)a;
    return spec->arch->header;
}

static const char *layout_check_name(struct arena *a, const struct spec *spec)
{
    return view_layout_check_name(a, spec->arch->header);
}

static const struct emitter emitters[] = {
    {"public-header", "the Xen public header the arch names (e.g. arch-arm.h)", "public-header.mustache",
     STEM_NONE, public_header_name, {view_header_names, view_public_header}, no_header},
    {"layout-check", "size and offset assertions for that header (e.g. arch-arm-layout.h)",
     "layout-check.mustache", STEM_NONE, layout_check_name,
     {view_header_names, view_layout_check, view_xen_names}, no_header},
    {"regs-header", "register field, enum and reserved-bit macros (STEM-regs.h)", "regs-header.mustache",
     STEM_REGS, NULL, {view_regs_header}, NULL},
    {"layout-report", "every struct's layout on every ABI, for reviewers (STEM-layout.txt)",
     "layout-report.mustache", STEM_LAYOUT_REPORT, NULL, {view_layout_report}, NULL},
    {"accessors-xen", "field accessors and reserved-bit checks for Xen (STEM-accessors-xen.h)",
     "accessors-xen.mustache", STEM_ACCESSORS_XEN, NULL, {view_accessors, view_xen_names}, NULL},
    {"accessors-tools", "the same for toolstacks, with error returns (STEM-accessors-tools.h)",
     "accessors-tools.mustache", STEM_ACCESSORS_TOOLS, NULL, {view_accessors, view_xen_names}, NULL},
    {"xlat", "compat layouts and checked translation, between ABIs and versions (STEM-xlat.h)",
     "xlat.mustache", STEM_XLAT, NULL, {view_xlat, view_xen_names}, NULL},
};

/* The engine's budgets stop a runaway template; they grow with the spec,
 * so that what a render may do stays linear in what it was given: a
 * 10k-register spec renders 280k list items and 120k partials from 5 MB
 * of text, and the shipped specs under a thousand of each. */
static struct mu_budget render_budget(const struct spec *spec)
{
    size_t bytes = 0;
    for (size_t i = 0; i < spec->nsources; i++)
        bytes += spec->sources[i]->len;
    struct mu_budget b = {MU_MAX_EXPANSIONS + 4 * bytes, MU_MAX_ITERATIONS + 4 * bytes, MU_MAX_OUTPUT + 64 * bytes};
    return b;
}

/* Builds the emitter's view, renders its template over it, and adds the
 * text as OUT-DIR/NAME to the outputs. */
static bool emit_one(const struct emitter *e, struct emit_ctx *ec)
{
    struct arena arena;
    arena_init(&arena);
    struct mu_value *root = mu_map(&arena);
    view_common(&arena, root, ec->spec);
    for (size_t i = 0; i < ARRAY_SIZE(e->views) && e->views[i]; i++)
        e->views[i](&arena, root, ec->spec);
    struct buf out = {0};
    struct mu_budget budget = render_budget(ec->spec);
    bool ok = templates_render(ec->templates, e->template, root, &budget, &out);
    if (ok) {
        const char *name = e->file_name ? e->file_name(&arena, ec->spec)
                                        : arena_printf(&arena, "%s%s", view_stem(&arena, ec->spec->path),
                                                       view_stem_suffixes[e->stem]);
        struct buf path = {0};
        buf_printf(&path, "%s/%s", ec->out_dir, name);
        size_t len;
        char *data = buf_steal(&out, &len);
        outputs_add(ec->outputs, buf_steal(&path, NULL), data, len);
    }
    buf_free(&out);
    arena_free(&arena);
    return ok;
}

size_t emitter_count(void)
{
    return ARRAY_SIZE(emitters);
}

const struct emitter *emitter_at(size_t i)
{
    return i < ARRAY_SIZE(emitters) ? &emitters[i] : NULL;
}

const struct emitter *emitter_lookup(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(emitters); i++)
        if (strcmp(emitters[i].name, name) == 0)
            return &emitters[i];
    return NULL;
}

bool emit_selected(struct emit_ctx *ec, const char *const *names, size_t n)
{
    bool ok = true;
    for (size_t i = 0; i < ARRAY_SIZE(emitters); i++) {
        bool wanted = n == 0;
        for (size_t k = 0; k < n && !wanted; k++)
            wanted = strcmp(names[k], emitters[i].name) == 0;
        const char *why = emitters[i].unavailable ? emitters[i].unavailable(ec->spec) : NULL;
        if (wanted && why && n) {
            /* asked for by name: writing nothing would look like success */
            if (ec->err)
                fprintf(ec->err, "regc: error: --emit %s: %s cannot produce it: %s\n", emitters[i].name,
                        ec->spec->path, why);
            ok = false;
        } else if (wanted && !why && !emit_one(&emitters[i], ec)) {
            ok = false;
        }
    }
    return ok;
}
