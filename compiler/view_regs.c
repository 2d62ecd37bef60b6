/* SPDX-License-Identifier: MIT */
/*
 * The view of the register header (STEM-regs.h): per register, its
 * fields' shift, width and mask macros, enum values, reserved masks per
 * kind and per feature, and reset values, each as a #define the template
 * lines up.
 */
#include "view_regs.h"

#include "cnames.h"
#include "view.h"

#include <inttypes.h>

enum { DEFINE_COLUMN = 48 };

static struct mu_value *define(struct arena *a, const char *macro, const char *value)
{
    struct mu_value *m = mu_map(a);
    mu_map_str(a, m, "macro", macro);
    mu_map_str(a, m, "pad", view_pad_to(a, macro, DEFINE_COLUMN));
    mu_map_str(a, m, "value", value);
    return m;
}

static const char *wrap_mask(struct arena *a, const struct reg *r, struct mask128 m)
{
    return c_mk_const(a, reg_storage_type(r), view_hex(a, m.lo, r->width));
}

struct reg_view {
    struct arena *a;
    struct mu_value *fields, *reserved, *features, *resets;
    struct mu_value *cur_field, *cur_enums;
    const struct reg *r;
};

static const char *kind_upper(enum bit_kind k)
{
    static const char *const names[BITS_KIND_COUNT] = {"FIELD", "RES0", "RES1", "RAZ", "UNKNOWN"};
    return names[k];
}

static void reg_view_macro(void *ctx, const struct reg_macro *m)
{
    struct reg_view *rv = ctx;
    struct arena *a = rv->a;
    const struct reg *r = rv->r;
    const struct field *f = m->field;
    switch (m->kind) {
    case RM_FIELD_SHIFT: {
        struct mu_value *fv = mu_map(a);
        mu_map_str(a, fv, "name", f->name.text);
        mu_map_str(a, fv, "bits", f->msb == f->lsb ? arena_printf(a, "%u", f->lsb)
                                                   : arena_printf(a, "%u:%u", f->msb, f->lsb));
        view_set_doc(a, fv, f->doc);
        mu_map_str(a, fv, "feature", f->feature_decl ? f->feature_decl->name.text : "");
        mu_map_str(a, fv, "absent", kind_upper(f->absent_kind));
        mu_map_set(a, fv, "shift", define(a, m->name, arena_printf(a, "%u", f->lsb)));
        mu_map_set(a, fv, "mask", mu_list(a));
        rv->cur_enums = mu_list(a);
        mu_map_set(a, fv, "enums", rv->cur_enums);
        mu_map_str(a, fv, "reset", f->has_reset ? arena_printf(a, "0x%" PRIx64, f->reset) : "");
        mu_list_push(a, rv->fields, fv);
        rv->cur_field = fv;
        break;
    }
    case RM_FIELD_WIDTH:
        mu_map_set(a, rv->cur_field, "width", define(a, m->name, arena_printf(a, "%u", f->msb - f->lsb + 1)));
        break;
    case RM_FIELD_MASK: {
        struct mu_value *list = mu_list(a);
        mu_list_push(a, list, define(a, m->name, wrap_mask(a, r, mask_range(f->msb, f->lsb))));
        mu_map_set(a, rv->cur_field, "mask", list);
        break;
    }
    case RM_ENUM: {
        struct mu_value *ev = define(a, m->name, c_mk_value(a, m->ev->value));
        mu_map_str(a, ev, "name", m->ev->name.text);
        view_set_doc(a, ev, m->ev->doc);
        mu_list_push(a, rv->cur_enums, ev);
        break;
    }
    case RM_RESERVED: {
        struct mu_value *d = define(a, m->name, wrap_mask(a, r, r->kind_mask[m->reserved]));
        mu_map_str(a, d, "kind", kind_upper(m->reserved));
        mu_list_push(a, rv->reserved, d);
        break;
    }
    case RM_FEATURE_RESERVED: {
        struct mu_value *d = define(a, m->name, wrap_mask(a, r, m->mask));
        mu_map_str(a, d, "kind", kind_upper(m->reserved));
        mu_map_str(a, d, "feature", m->feature->name.text);
        view_set_doc(a, d, m->feature->doc);
        mu_list_push(a, rv->features, d);
        break;
    }
    case RM_RESET:
    case RM_RESET_MASK: {
        struct mask128 value, defined;
        reg_reset(r, &value, &defined);
        mu_list_push(a, rv->resets, define(a, m->name, wrap_mask(a, r, m->kind == RM_RESET ? value : defined)));
        break;
    }
    }
}

static struct mu_value *register_item(void *ctx, size_t i, struct arena *a)
{
    struct spec *spec = ctx;
    const struct reg *r = spec->regs.items[i];
    struct mu_value *m = mu_map(a);
    mu_map_str(a, m, "name", r->name.text);
    mu_map_strf(a, m, "width", "%u", r->width);
    view_set_doc(a, m, r->doc);
    const char *cond = c_visibility_condition(a, &r->vis);
    mu_map_str(a, m, "condition", cond ? cond : "");
    mu_map_str(a, m, "condition_end", c_visibility_comment(a, &r->vis));
    struct reg_view rv = {a, mu_list(a), mu_list(a), mu_list(a), mu_list(a), NULL, NULL, r};
    reg_macros(a, r, reg_view_macro, &rv);
    mu_map_set(a, m, "fields", rv.fields);
    mu_map_set(a, m, "reserved", rv.reserved);
    mu_map_set(a, m, "feature_masks", rv.features);
    mu_map_set(a, m, "reset", rv.resets);
    mu_map_bool(a, m, "has_masks", r->width <= 64);
    return m;
}

void view_regs_header(struct arena *a, struct mu_value *root, struct spec *spec)
{
    mu_map_set(a, root, "registers", mu_lazy_list(a, spec->regs.len, register_item, spec));
}
