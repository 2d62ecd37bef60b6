/* SPDX-License-Identifier: MIT */
/*
 * One small function per output: build the view model the output's
 * template needs, render it, hand the text over. Output files are named
 * after the spec: specs/arm.reg gives arm-regs.h, arm-layout.txt, ...
 */
#include "emit.h"

#include "templates.h"
#include "view.h"

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

/* Renders template into OUT-DIR/STEM-SUFFIX. */
static bool emission_render(struct emission *em, const char *template, const char *suffix)
{
    struct buf out = {0};
    if (!templates_render(em->ec->templates, template, em->root, &out)) {
        buf_free(&out);
        return false;
    }
    const char *stem = view_stem(&em->arena, em->ec->spec->path);
    struct buf path = {0};
    buf_printf(&path, "%s/%s%s", em->ec->out_dir, stem, suffix);
    size_t len;
    char *data = buf_steal(&out, &len);
    outputs_add(em->ec->outputs, buf_steal(&path, NULL), data, len);
    return true;
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
    bool ok = emission_render(&em, "regs-header.mustache", "-regs.h");
    emission_end(&em);
    return ok;
}

static bool emit_layout_report(struct emit_ctx *ec)
{
    struct emission em;
    emission_begin(&em, ec);
    mu_map_set(&em.arena, em.root, "aggregates", view_layouts(&em.arena, ec->spec));
    bool ok = emission_render(&em, "layout-report.mustache", "-layout.txt");
    emission_end(&em);
    return ok;
}

static const struct emitter emitters[] = {
    {"regs-header", "register field, enum and reserved-bit macros (STEM-regs.h)", emit_regs_header},
    {"layout-report", "every struct's layout on every ABI, for reviewers (STEM-layout.txt)",
     emit_layout_report},
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
        if (wanted && !emitters[i].run(ec))
            ok = false;
    }
    return ok;
}
