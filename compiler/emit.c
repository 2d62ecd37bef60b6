/* SPDX-License-Identifier: MIT */
/*
 * One small function per output: build the view model the output's
 * template needs, render it, hand the text over. Output files are named
 * after the spec: specs/arm.reg gives arm-regs.h, arm-layout.txt, ...
 */
#include "emit.h"

#include "templates.h"
#include "view.h"
#include "view_accessors.h"
#include "view_xlat.h"
#include "view_header.h"

#include <stdlib.h>
#include <string.h>

struct emission {
    struct emit_ctx *ec;
    struct arena arena;
    struct mu_value *root;
};

static void emission_begin(struct emission *em, struct emit_ctx *ec)
{
    em->ec = ec;
    arena_init(&em->arena);
    em->root = mu_map(&em->arena);
    view_common(&em->arena, em->root, ec->spec);
}

static bool emission_render_as(struct emission *em, const char *template, const char *name);

/* Renders template into OUT-DIR/STEM-SUFFIX. */
static bool emission_render(struct emission *em, const char *template, const char *suffix)
{
    const char *stem = view_stem(&em->arena, em->ec->spec->path);
    return emission_render_as(em, template, arena_printf(&em->arena, "%s%s", stem, suffix));
}

static void emission_end(struct emission *em)
{
    arena_free(&em->arena);
}

static bool emit_regs_header(struct emit_ctx *ec)
{
    struct emission em;
    emission_begin(&em, ec);
    mu_map_set(&em.arena, em.root, "registers", view_registers(&em.arena, ec->spec));
    bool ok = emission_render(&em, "regs-header.mustache", view_stem_suffixes[STEM_REGS]);
    emission_end(&em);
    return ok;
}

static bool emit_layout_report(struct emit_ctx *ec)
{
    struct emission em;
    emission_begin(&em, ec);
    mu_map_set(&em.arena, em.root, "aggregates", view_layouts(&em.arena, ec->spec));
    bool ok = emission_render(&em, "layout-report.mustache", view_stem_suffixes[STEM_LAYOUT_REPORT]);
    emission_end(&em);
    return ok;
}

/* NAME.h -> NAME-layout.h */
static const char *layout_check_name(struct arena *a, const char *header)
{
    size_t n = strlen(header);
    if (n > 2 && strcmp(header + n - 2, ".h") == 0)
        n -= 2;
    return arena_printf(a, "%.*s-layout.h", (int)n, header);
}

static void header_names(struct emission *em)
{
    struct arena *a = &em->arena;
    const char *header = em->ec->spec->arch->header;
    const char *check = layout_check_name(a, header);
    mu_map_str(a, em->root, "header", header);
    mu_map_str(a, em->root, "guard", header_guard(a, header));
    mu_map_str(a, em->root, "layout_check", check);
    mu_map_str(a, em->root, "layout_guard", header_guard(a, check));
}

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

/* Renders into OUT-DIR/NAME. */
static bool emission_render_as(struct emission *em, const char *template, const char *name)
{
    struct buf out = {0};
    struct mu_budget budget = render_budget(em->ec->spec);
    if (!templates_render(em->ec->templates, template, em->root, &budget, &out)) {
        buf_free(&out);
        return false;
    }
    struct buf path = {0};
    buf_printf(&path, "%s/%s", em->ec->out_dir, name);
    size_t len;
    char *data = buf_steal(&out, &len);
    outputs_add(em->ec->outputs, buf_steal(&path, NULL), data, len);
    return true;
}

/* Only specs whose arch names its header have one. */
static const char *no_header(const struct spec *spec)
{
    return spec->arch->header ? NULL : "its arch names no public header (declare one: 'header \"FILE.h\";')";
}

static bool emit_public_header(struct emit_ctx *ec)
{
    struct emission em;
    emission_begin(&em, ec);
    header_names(&em);
    mu_map_set(&em.arena, em.root, "blocks", view_public_header(&em.arena, ec->spec));
    bool ok = emission_render_as(&em, "public-header.mustache", ec->spec->arch->header);
    emission_end(&em);
    return ok;
}

/* The names the hypervisor gives structs of the spec (view_xen_renames). */
static void xen_renames(struct emission *em)
{
    struct mu_value *renames = view_xen_renames(&em->arena, em->ec->spec);
    mu_map_bool(&em->arena, em->root, "has_xen_renames", renames->n > 0);
    mu_map_set(&em->arena, em->root, "xen_renames", renames);
}

static bool emit_layout_check(struct emit_ctx *ec)
{
    struct emission em;
    emission_begin(&em, ec);
    header_names(&em);
    mu_map_set(&em.arena, em.root, "abis", view_layout_asserts(&em.arena, ec->spec));
    xen_renames(&em);
    bool ok = emission_render_as(&em, "layout-check.mustache",
                                 layout_check_name(&em.arena, ec->spec->arch->header));
    emission_end(&em);
    return ok;
}

static bool emit_accessors(struct emit_ctx *ec, const char *template, const char *suffix)
{
    struct emission em;
    emission_begin(&em, ec);
    view_accessors(&em.arena, em.root, ec->spec);
    xen_renames(&em);
    bool ok = emission_render(&em, template, suffix);
    emission_end(&em);
    return ok;
}

static bool emit_accessors_xen(struct emit_ctx *ec)
{
    return emit_accessors(ec, "accessors-xen.mustache", view_stem_suffixes[STEM_ACCESSORS_XEN]);
}

static bool emit_accessors_tools(struct emit_ctx *ec)
{
    return emit_accessors(ec, "accessors-tools.mustache", view_stem_suffixes[STEM_ACCESSORS_TOOLS]);
}

static bool emit_xlat(struct emit_ctx *ec)
{
    struct emission em;
    emission_begin(&em, ec);
    view_xlat(&em.arena, em.root, ec->spec);
    xen_renames(&em);
    bool ok = emission_render(&em, "xlat.mustache", view_stem_suffixes[STEM_XLAT]);
    emission_end(&em);
    return ok;
}

static const struct emitter emitters[] = {
    {"public-header", "the Xen public header the arch names (e.g. arch-arm.h)", emit_public_header,
     no_header},
    {"layout-check", "size and offset assertions for that header (e.g. arch-arm-layout.h)",
     emit_layout_check, no_header},
    {"regs-header", "register field, enum and reserved-bit macros (STEM-regs.h)", emit_regs_header, NULL},
    {"layout-report", "every struct's layout on every ABI, for reviewers (STEM-layout.txt)",
     emit_layout_report, NULL},
    {"accessors-xen", "field accessors and reserved-bit checks for Xen (STEM-accessors-xen.h)",
     emit_accessors_xen, NULL},
    {"accessors-tools", "the same for toolstacks, with error returns (STEM-accessors-tools.h)",
     emit_accessors_tools, NULL},
    {"xlat", "compat layouts and checked translation, between ABIs and versions (STEM-xlat.h)",
     emit_xlat, NULL},
};

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
        } else if (wanted && !why && !emitters[i].run(ec)) {
            ok = false;
        }
    }
    return ok;
}
