/* SPDX-License-Identifier: MIT */
#include "cnames.h"

#include "symtab.h"

#include <inttypes.h>
#include <string.h>

static void field_macros(struct arena *a, const struct reg *r, const struct field *f,
                         reg_macro_fn fn, void *ctx)
{
    const char *base = arena_printf(a, "%s_%s", r->name.text, f->name.text);
    struct reg_macro m = {0};
    m.field = f;
    m.loc = f->name.loc;
    m.kind = RM_FIELD_SHIFT;
    m.name = arena_printf(a, "%s_SHIFT", base);
    fn(ctx, &m);
    m.kind = RM_FIELD_WIDTH;
    m.name = arena_printf(a, "%s_WIDTH", base);
    fn(ctx, &m);
    /* Masks need an integer as wide as the register; C has none above
     * 64 bits, so wider registers get shifts and widths only. */
    if (r->width <= 64) {
        m.kind = RM_FIELD_MASK;
        m.name = arena_printf(a, "%s_MASK", base);
        fn(ctx, &m);
    }
    for (size_t i = 0; i < f->nenums; i++) {
        m.kind = RM_ENUM;
        m.ev = f->enums[i];
        m.loc = f->enums[i]->name.loc;
        m.name = arena_printf(a, "%s_%s", base, f->enums[i]->name.text);
        fn(ctx, &m);
    }
}

size_t reg_gating_features(const struct reg *r, const struct feature **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < r->nfields; i++) {
        const struct feature *f = r->fields[i]->feature_decl;
        if (!f)
            continue;
        bool seen = false;
        for (size_t k = 0; k < n; k++)
            seen = seen || out[k] == f;
        if (!seen && n < max)
            out[n++] = f;
    }
    return n;
}

struct mask128 reg_feature_mask(const struct reg *r, const struct feature *f, enum bit_kind kind)
{
    struct mask128 m = mask_none();
    for (size_t i = 0; i < r->nfields; i++) {
        const struct field *x = r->fields[i];
        if (x->feature_decl == f && x->absent_kind == kind)
            m = mask_or(m, mask_range(x->msb, x->lsb));
    }
    return m;
}

/* For every feature whose absence makes bits of r reserved (the features
 * its fields are gated by, and every feature those require), the bits
 * that are then RES0 and RES1; in the order the fields first reach them. */
struct reg_absence {
    const struct feature *feature;
    struct mask128 res0, res1;
};

/* A feature cannot be present without the features it requires, so a
 * field gated by FEAT_MTE_ASYNC (which requires FEAT_MTE2) is reserved
 * when FEAT_MTE2 is absent too. Walks `requires` from each field's gate,
 * without recursion (a spec may chain thousands of features), and visits
 * each feature once per field: `last_field` records the walk that saw it. */
struct absence {
    const struct feature *feature;
    struct mask128 mask[2];  /* RES0, RES1 */
    size_t last_field;
};

static size_t reg_absence_masks(struct arena *a, const struct reg *r, struct reg_absence **out)
{
    struct symtab *seen = symtab_new();
    struct ptrvec found = {0}, stack = {0};
    for (size_t i = 0; i < r->nfields; i++) {
        const struct field *x = r->fields[i];
        if (!x->feature_decl || (x->absent_kind != BITS_RES0 && x->absent_kind != BITS_RES1))
            continue;
        struct mask128 bits = mask_range(x->msb, x->lsb);
        int kind = x->absent_kind == BITS_RES1;
        ptrvec_push(&stack, x->feature_decl);
        while (stack.len) {
            const struct feature *f = stack.items[--stack.len];
            struct absence *e = symtab_get(seen, f->name.text);
            if (e && e->last_field == i + 1)
                continue;
            if (!e) {
                e = ARENA_NEW(a, struct absence);
                e->feature = f;
                symtab_put(seen, f->name.text, e);
                ptrvec_push(&found, e);
            }
            e->last_field = i + 1;
            e->mask[kind] = mask_or(e->mask[kind], bits);
            for (size_t k = 0; k < f->nrequires; k++)
                if (f->requires_decl[k])
                    ptrvec_push(&stack, f->requires_decl[k]);
        }
    }
    struct reg_absence *list = ARENA_ARRAY(a, struct reg_absence, found.len ? found.len : 1);
    for (size_t k = 0; k < found.len; k++) {
        const struct absence *e = found.items[k];
        list[k].feature = e->feature;
        list[k].res0 = e->mask[0];
        list[k].res1 = e->mask[1];
    }
    size_t n = found.len;
    ptrvec_free(&found);
    ptrvec_free(&stack);
    symtab_free(seen);
    *out = list;
    return n;
}

bool reg_reset(const struct reg *r, struct mask128 *value, struct mask128 *defined)
{
    *value = mask_none();
    *defined = mask_none();
    bool any = false;
    for (size_t i = 0; i < r->nfields; i++) {
        const struct field *f = r->fields[i];
        if (!f->has_reset)
            continue;
        any = true;
        *defined = mask_or(*defined, mask_range(f->msb, f->lsb));
        for (unsigned b = 0; b <= f->msb - f->lsb && b < 64; b++)
            if ((f->reset >> b) & 1)
                *value = mask_or(*value, mask_range(f->lsb + b, f->lsb + b));
    }
    return any;
}

void reg_macros(struct arena *a, const struct reg *r, reg_macro_fn fn, void *ctx)
{
    for (size_t i = 0; i < r->nfields; i++)
        if (r->fields[i]->kind == BITS_FIELD)
            field_macros(a, r, r->fields[i], fn, ctx);
    if (r->width > 64)
        return;
    static const char *const kinds[BITS_KIND_COUNT] = {NULL, "RES0", "RES1", "RAZ", "UNKNOWN"};
    struct reg_macro m = {0};
    m.loc = r->name.loc;
    for (int k = BITS_RES0; k < BITS_KIND_COUNT; k++) {
        m.kind = RM_RESERVED;
        m.reserved = (enum bit_kind)k;
        m.name = arena_printf(a, "%s_%s", r->name.text, kinds[k]);
        fn(ctx, &m);
    }
    struct reg_absence *absent;
    size_t nabsent = reg_absence_masks(a, r, &absent);
    for (size_t i = 0; i < nabsent; i++) {
        for (int k = BITS_RES0; k <= BITS_RES1; k++) {
            struct mask128 bits = k == BITS_RES0 ? absent[i].res0 : absent[i].res1;
            if (mask_empty(bits))
                continue;
            m.kind = RM_FEATURE_RESERVED;
            m.reserved = (enum bit_kind)k;
            m.feature = absent[i].feature;
            m.mask = bits;
            m.name = arena_printf(a, "%s_%s_WITHOUT_%s", r->name.text, kinds[k], absent[i].feature->name.text);
            fn(ctx, &m);
        }
    }
    struct mask128 value, defined;
    if (reg_reset(r, &value, &defined)) {
        m.kind = RM_RESET;
        m.feature = NULL;
        m.name = arena_printf(a, "%s_RESET", r->name.text);
        fn(ctx, &m);
        m.kind = RM_RESET_MASK;
        m.name = arena_printf(a, "%s_RESET_MASK", r->name.text);
        fn(ctx, &m);
    }
}

const char *c_base_type(enum base_type bt)
{
    switch (bt) {
    case BT_U8: return "uint8_t";
    case BT_U16: return "uint16_t";
    case BT_U32: return "uint32_t";
    case BT_U64: return "uint64_t";
    case BT_S8: return "int8_t";
    case BT_S16: return "int16_t";
    case BT_S32: return "int32_t";
    case BT_S64: return "int64_t";
    case BT_CHAR: return "char";
    case BT_ULONG: return "unsigned long";
    case BT_POINTER: return "void *";
    case BT_HANDLE:
    case BT_HANDLE64:
    case BT_COUNT: break;
    }
    return "?";
}

const char *c_const_wrapper(enum base_type bt)
{
    switch (bt) {
    case BT_U8: case BT_U16: case BT_U32: return "xen_mk_uint";
    case BT_ULONG: return "xen_mk_ulong";
    default: return "xen_mk_ullong";
    }
}

const char *c_const_suffix(enum base_type bt)
{
    switch (bt) {
    case BT_U8: case BT_U16: case BT_U32: return "U";
    case BT_ULONG: return "UL";
    default: return "ULL";
    }
}

enum base_type reg_storage_type(const struct reg *r)
{
    return r->width <= 8 ? BT_U8 : r->width <= 16 ? BT_U16 : r->width <= 32 ? BT_U32 : BT_U64;
}

const char *c_visibility_condition(struct arena *a, const struct visibility *v)
{
    const char *tools = "defined(__XEN__) || defined(__XEN_TOOLS__)";
    switch (v->kind) {
    case VIS_TOOLS:
        if (v->guest_window)
            return arena_printf(a, "%s || __XEN_INTERFACE_VERSION__ < 0x%08" PRIx64, tools, v->until);
        return tools;
    case VIS_XEN:
        return "defined(__XEN__)";
    case VIS_GUEST:
        if (v->has_since && v->has_until)
            return arena_printf(a, "__XEN_INTERFACE_VERSION__ >= 0x%08" PRIx64
                                   " && __XEN_INTERFACE_VERSION__ < 0x%08" PRIx64, v->since, v->until);
        if (v->has_since)
            return arena_printf(a, "__XEN_INTERFACE_VERSION__ >= 0x%08" PRIx64, v->since);
        if (v->has_until)
            return arena_printf(a, "__XEN_INTERFACE_VERSION__ < 0x%08" PRIx64, v->until);
        return NULL;
    case VIS_UNSET:
        break;
    }
    return NULL;
}

const char *c_view_condition(unsigned views)
{
    static const char *const tests[] = {
        "0",
        "!defined(__XEN__) && !defined(__XEN_TOOLS__)",
        "defined(__XEN_TOOLS__) && !defined(__XEN__)",
        "!defined(__XEN__)",
        "defined(__XEN__)",
        "defined(__XEN__) || !defined(__XEN_TOOLS__)",
        "defined(__XEN__) || defined(__XEN_TOOLS__)",
        "",
    };
    return tests[views & VIEW_ALL];
}

const char *c_view_tag(unsigned views)
{
    static const char *const tags[] = {
        "none", "guest", "toolstack", "guest_toolstack", "xen", "guest_xen", "tools", "",
    };
    return tags[views & VIEW_ALL];
}

const char *c_visibility_comment(struct arena *a, const struct visibility *v)
{
    switch (v->kind) {
    case VIS_TOOLS:
        if (v->guest_window)
            return arena_printf(a, "__XEN__ || __XEN_TOOLS__ || __XEN_INTERFACE_VERSION__ < 0x%08" PRIx64,
                                v->until);
        return "__XEN__ || __XEN_TOOLS__";
    case VIS_XEN:
        return "__XEN__";
    default:
        break;
    }
    const char *cond = c_visibility_condition(a, v);
    return cond ? cond : "";
}

const char *c_comment_text(struct arena *a, const char *s)
{
    struct buf b = {0};
    for (const char *p = s; *p; p++) {
        if (p[0] == '*' && p[1] == '/') {
            buf_puts(&b, "* /");
            p++;
        } else if (p[0] == '/' && p[1] == '*') {
            buf_puts(&b, "/ *");
            p++;
        } else if (p[0] == '?' && p[1] == '?' && p[2] && strchr("=/'()!<>-", p[2])) {
            /* a trigraph: C89 (-ansi) reads ??/ as a backslash, and
             * -Wtrigraphs, in -Wall, errs on it under -Werror */
            buf_puts(&b, "?? ");
            p++;
        } else if ((unsigned char)*p < 0x20 && *p != '\n') {
            buf_putc(&b, ' ');
        } else {
            buf_putc(&b, *p);
        }
    }
    const char *r = arena_strdup(a, b.data ? b.data : "");
    buf_free(&b);
    return r;
}

const char *const arch_helper_upper[] = {
    "BOOL", "FEATURE_COUNT", "INLINE", "REGISTER_COUNT", "U64",
    "XLAT_INLINE", "XLAT_S64", "XLAT_U64", "XLAT_XEN_COMPAT",
};
const size_t arch_helper_upper_count = sizeof(arch_helper_upper) / sizeof(arch_helper_upper[0]);

const char *const arch_helper_lower[] = {
    "check_fail", "check_fail_at", "check_failure", "feature", "features_add", "features_clear",
    "features_has", "features_queue", "features_t", "register", "reserved", "reserved_diff",
    "reserved_sanitize", "reserved_valid", "xlat_fail", "xlat_is_zero",
};
const size_t arch_helper_lower_count = sizeof(arch_helper_lower) / sizeof(arch_helper_lower[0]);

/*
 * Whether a struct or union has a member that C89 sees by its own name in
 * every view and dialect, and on every ABI of abis (where it is). Anonymous structs and unions are
 * C11's, and so are alias unions, which GNU C gets in every view (and
 * any dialect with `c11` or aliases that differ between views);
 * only(tools) padding is not there for guests, and an only(ABI) member
 * not on the other ABIs.
 * Without one, C90 and C99 -pedantic refuse the struct ("struct has no
 * named members", or "no members"), which GNU C's __extension__ lets be.
 */
bool agg_names_a_member(const struct aggregate *agg, uint64_t abis)
{
    for (size_t i = 0; i < agg->nmembers; i++) {
        const struct member *m = agg->members[i];
        if (m->name.text && !m->naliases && !member_is_view_padding(m) && (m->cond.abi_mask & abis) == abis)
            return true;
    }
    return false;
}

/* ---- types and declarations --------------------------------------------- */

/* One spelling of types for both layouts, so that the compat structs
 * cannot drift from the native ones they mirror: the compat layout names
 * its handles COMPAT_HANDLE, its structs compat_NAME, and its 64-bit
 * integers regc_compat_*_t, whose alignment is the compat ABI's. */
static const char *type_spelling(struct arena *a, const struct type_ref *t, bool compat)
{
    switch (t->kind) {
    case TR_HANDLE:
        return arena_printf(a, "%s(%s)", compat ? "COMPAT_HANDLE" : "XEN_GUEST_HANDLE", t->name.text);
    case TR_HANDLE64:
        return arena_printf(a, "%s(%s)", compat ? "COMPAT_HANDLE_64" : "XEN_GUEST_HANDLE_64", t->name.text);
    case TR_INLINE:
        return t->inline_agg->kind == AGG_STRUCT ? "struct" : "union";
    case TR_NAME:
        break;
    }
    switch (t->cls) {
    case TC_BASE:
        if (compat) {
            switch (t->base) {
            case BT_U64: return "regc_compat_u64_t";
            case BT_S64: return "regc_compat_s64_t";
            case BT_ULONG: return "regc_compat_ulong_t";
            default: break;
            }
        }
        return c_base_type(t->base);
    case TC_AGG:
        if (compat)
            return arena_printf(a, "%s compat_%s", t->agg->kind == AGG_STRUCT ? "struct" : "union",
                                t->agg->name.text);
        return arena_printf(a, "%s %s", t->agg->kind == AGG_STRUCT ? "struct" : "union", t->name.text);
    default:
        return t->name.text;
    }
}

const char *c_type_of(struct arena *a, const struct type_ref *t)
{
    return type_spelling(a, t, false);
}

const char *c_compat_type_of(struct arena *a, const struct type_ref *t)
{
    return type_spelling(a, t, true);
}

/* aligned(N) is GCC's attribute on the declaration, the way Xen spells
 * uint64_aligned_t; the layout engine raises the alignment the same way. */
const char *c_type_attribute(struct arena *a, const struct type_ref *t)
{
    if (!t->aligned || t->aligned == UINT32_MAX)
        return "";
    return arena_printf(a, " __attribute__((__aligned__(%" PRIu32 ")))", t->aligned);
}

const char *c_decl(struct arena *a, const struct type_ref *t, const char *name)
{
    return arena_printf(a, "%s %s%s", c_type_of(a, t), name, c_type_attribute(a, t));
}

/* ---- preprocessor conditions and guards ---------------------------------- */

const char *c_abi_condition(struct arena *a, const struct arch *arch, uint64_t mask)
{
    struct buf b = {0};
    for (size_t i = 0; i < arch->nabis; i++) {
        if (!(mask & (1ull << i)))
            continue;
        buf_printf(&b, "%s%s", b.len ? " || " : "", arch->abis[i]->predicate);
    }
    const char *s = arena_strdup(a, b.data ? b.data : "0");
    buf_free(&b);
    return s;
}

const char *c_and_conditions(struct arena *a, const char *x, const char *y)
{
    if (!x || !x[0])
        return y ? y : "";
    if (!y || !y[0])
        return x;
    return arena_printf(a, "(%s) && (%s)", x, y);
}

const char *header_guard(struct arena *a, const char *header)
{
    struct buf b = {0};
    buf_puts(&b, "__XEN_PUBLIC_");
    for (const char *p = header; *p; p++) {
        char c = *p;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        else if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            c = '_';
        buf_putc(&b, c);
    }
    buf_puts(&b, "__");
    const char *s = arena_strdup(a, b.data);
    buf_free(&b);
    return s;
}

/* ---- constants and expressions ------------------------------------------- */

/* A signed constant has its value, and a signed type, in C89, C99 and
 * C++: a literal is never negative, so the most negative values are spelt
 * as differences (`-2147483648` negates 2147483648, which is long in C99
 * and unsigned long in C89 on ILP32). A value beyond int takes LL, which
 * also keeps an s64 in [2^31, 2^32) from being hex's unsigned int; values
 * within int stay plain ints, as Xen spells them. */
const char *c_const_value(struct arena *a, enum base_type type, uint64_t v)
{
    if (!base_type_is_signed(type))
        return arena_printf(a, "0x%" PRIx64 "%s", v, c_const_suffix(type));
    int64_t s = (int64_t)v;
    const char *ll = s < INT32_MIN || s > INT32_MAX ? "LL" : "";
    if (s == INT64_MIN)
        return "(-9223372036854775807LL - 1)";
    if (s == INT32_MIN)
        return "(-2147483647 - 1)";
    if (s < 0)
        return arena_printf(a, "(%" PRId64 "%s)", s, ll);
    return s < 10 ? arena_printf(a, "%" PRId64, s) : arena_printf(a, "0x%" PRIx64 "%s", v, ll);
}

const char *c_mk_const(struct arena *a, enum base_type bt, const char *hex)
{
    return arena_printf(a, "%s(%s)", c_const_wrapper(bt), hex);
}

/* One format, not a wrapper around a hex string: a register header has
 * an enum value per field value, and this is its hot path. */
const char *c_mk_value(struct arena *a, uint64_t v)
{
    if (v <= 0xffffffffu)
        return arena_printf(a, "xen_mk_uint(0x%" PRIx64 ")", v);
    return arena_printf(a, "xen_mk_ullong(0x%" PRIx64 ")", v);
}

const char *c_flag_mask(struct arena *a, enum base_type bt, const char *bit_macro)
{
    const char *one = base_type_is_signed(bt) ? "1" : arena_printf(a, "1%s", c_const_suffix(bt));
    return arena_printf(a, "(%s << %s)", one, bit_macro);
}

const char *c_offsetof(struct arena *a, const char *type, const char *path)
{
    return arena_printf(a, "offsetof(%s, %s)", type, path);
}

const char *c_member_sizeof(struct arena *a, const char *type, const char *path)
{
    return arena_printf(a, "sizeof(((%s *)0)->%s)", type, path);
}
