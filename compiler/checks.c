/* SPDX-License-Identifier: MIT */
#include "checks.h"
#include "reserved.h"

#include "cnames.h"
#include "ctext.h"
#include "cwords.h"
#include "layout.h"
#include "symtab.h"
#include "view.h"
#include "view_header.h"
#include "xlat.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- reporting and skipping ----------------------------------------- */

bool check_skip(const struct check_ctx *cc, uint64_t failed)
{
    return ((failed | cc->spec->failed) & cc->skip_mask) != 0;
}

static struct diag *check_vreport(struct check_ctx *cc, enum diag_id id, uint64_t *failed,
                                  struct loc loc, const char *fmt, va_list ap) REGC_PRINTF(5, 0);

static struct diag *check_vreport(struct check_ctx *cc, enum diag_id id, uint64_t *failed,
                                  struct loc loc, const char *fmt, va_list ap)
{
    struct diag *d = diag_vreport(cc->diags, id, loc, fmt, ap);
    /* Only errors stop dependent checks; a warning leaves the model sound. */
    if (d && d->severity == SEV_ERROR && diag_id_default_severity(id) == SEV_ERROR && failed)
        *failed |= cc->bit;
    return d;
}

struct diag *check_report(struct check_ctx *cc, uint64_t *failed, struct loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct diag *d = check_vreport(cc, cc->check->id, failed, loc, fmt, ap);
    va_end(ap);
    return d;
}

struct diag *check_report_as(struct check_ctx *cc, enum diag_id id, uint64_t *failed,
                             struct loc loc, const char *fmt, ...)
{
    if (!check_reports(cc->check, id)) {
        fprintf(stderr, "regc: internal error: check '%s' reports '%s', which its row does not list\n",
                diag_id_name(cc->check->id), diag_id_name(id));
        fflush(stderr); /* main() buffers it, and abort() flushes nothing */
        abort();
    }
    va_list ap;
    va_start(ap, fmt);
    struct diag *d = check_vreport(cc, id, failed, loc, fmt, ap);
    va_end(ap);
    return d;
}

/* ---- shared helpers ---------------------------------------------------- */

static const char *agg_kind_name(const struct aggregate *a)
{
    return a->kind == AGG_STRUCT ? "struct" : "union";
}

/* Messages quote bit numbers as written, not as clamped for the checks. */
static const char *field_bits_text(struct arena *a, const struct field *f)
{
    if (f->msb_written == f->lsb_written)
        return arena_printf(a, "bit %" PRIu64, f->lsb_written);
    return arena_printf(a, "bits %" PRIu64 ":%" PRIu64, f->msb_written, f->lsb_written);
}

static const char *field_label(struct arena *a, const struct field *f)
{
    return f->name.text ? arena_printf(a, "field '%s'", f->name.text)
                        : arena_printf(a, "%s range", bit_kind_name(f->kind));
}

static uint64_t field_max_value(const struct field *f)
{
    unsigned w = f->msb - f->lsb + 1;
    return w >= 64 ? UINT64_MAX : (1ull << w) - 1;
}

/* The size of a base type or of a typedef's target on one ABI, in bytes;
 * 0 when it is not a scalar there. A chain of typedefs is followed to its
 * end, however long: a chain with more links than there are typedefs is
 * a cycle, which recursive-type reports. */
static uint64_t scalar_size(const struct spec *spec, const struct type_ref *t, unsigned abi,
                            enum base_type *base)
{
    for (size_t links = 0; links <= spec->typedefs.len && t; links++) {
        if (t->kind != TR_NAME)
            return 0;
        if (t->cls == TC_BASE) {
            if (base)
                *base = t->base;
            const struct abi_type_fact *f = &spec->arch->abis[abi]->types[t->base];
            return f->set ? f->size : 0;
        }
        if (t->cls != TC_TYPEDEF)
            return 0;
        struct typedef_decl *td = typedef_variant_for_abi(t->td, abi);
        t = td ? &td->type : NULL;
    }
    return 0;
}

/* ---- arch and ABIs ----------------------------------------------------- */

static void check_arch_missing(struct check_ctx *cc)
{
    if (cc->spec->arch)
        return;
    struct loc top = {cc->spec->sources[0], 1, 1, 1, 1};
    struct diag *d = check_report(cc, &cc->spec->failed, top, "spec declares no arch");
    diag_note(d, top, "every spec describes one architecture: 'arch NAME { abi ... }'");
}

static void check_arch_duplicate(struct check_ctx *cc)
{
    for (size_t i = 0; i < cc->spec->nitems; i++) {
        struct item *it = cc->spec->items[i];
        if (it->kind != ITEM_ARCH || it->u.arch == cc->spec->arch)
            continue;
        struct diag *d = check_report(cc, &cc->spec->failed, it->u.arch->name.loc,
                                      "second arch '%s' in one spec", it->u.arch->name.text);
        diag_note(d, cc->spec->arch->name.loc, "arch '%s' is declared here",
                  cc->spec->arch->name.text);
        diag_note(d, it->u.arch->name.loc, "give each architecture its own spec file");
    }
}

/* The header is written into the output directory and named in
 * `#include <public/NAME>` and `#include "NAME"`: a '/' or '..' would
 * write outside -o, a '>', '"' or newline would break the include, and a
 * leading '.' or '-' makes a hidden file or one that reads as an option.
 * The POSIX portable file name characters are all any of that needs. */
static const char *header_name_problem(struct arena *a, const char *h)
{
    if (!*h)
        return "is empty";
    if (strlen(h) > REGC_MAX_HEADER_NAME)
        return arena_printf(a, "is longer than %d bytes", REGC_MAX_HEADER_NAME);
    if (strchr(h, '/'))
        return "contains '/'";
    if (h[0] == '.')
        return "starts with '.'";
    if (h[0] == '-')
        return "starts with '-'";
    for (const char *p = h; *p; p++) {
        char c = *p;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
              c == '_' || c == '-'))
            return "contains a character other than A-Z a-z 0-9 . _ -";
    }
    return NULL;
}

static void check_header_name(struct check_ctx *cc)
{
    struct arch *arch = cc->spec->arch;
    if (check_skip(cc, 0) || !arch->header)
        return;
    struct arena *a = &cc->spec->arena;
    const char *why = header_name_problem(a, arch->header);
    if (!why) {
        /* Two outputs of one name: one would silently be the other. (The
         * layout check's name ends in -layout.h, which no other has.) */
        const char *stem = view_stem(a, cc->spec->path);
        for (int i = 0; i < STEM_OUTPUT_COUNT; i++) {
            const char *other = arena_printf(a, "%s%s", stem, view_stem_suffixes[i]);
            if (strcmp(arch->header, other) != 0)
                continue;
            struct diag *d = check_report(cc, &cc->spec->failed, arch->header_loc,
                                          "header '%s' is also the name of this spec's output STEM%s",
                                          arch->header, view_stem_suffixes[i]);
            diag_note(d, arch->header_loc, "name the header after the arch, e.g. 'header \"arch-%s.h\";'",
                      arch->name.text);
            return;
        }
        return;
    }
    /* no output is named after it, so nothing is written at all */
    struct diag *d = check_report(cc, &cc->spec->failed, arch->header_loc,
                                  "header name %s; it must be a plain file name in the output directory", why);
    diag_note(d, arch->header_loc, "e.g. 'header \"arch-%s.h\";'", arch->name.text);
}

/* ---- name-reserved-c ------------------------------------------------- */

/*
 * A spec's names become C names, whole (a struct's tag, a member, a
 * constant's macro) or as the leading part of one (a register's macros and
 * accessors). C and C++ keep some names for themselves (cwords.h): as a
 * whole name a keyword does not compile, a predefined macro is rewritten,
 * and a reserved identifier may be either tomorrow. Names that only ever
 * follow a prefix (fields, enum values, features) cannot be one.
 */
/* KIND 'NAME' [of OWNER]: the description is formatted only for a name
 * refused, as a spec may have a million names and refuse none. */
static void name_reserved(struct check_ctx *cc, uint64_t *failed, const char *name, struct loc loc,
                          enum c_scope scope, const char *kind, const char *owner)
{
    if (!name)
        return;
    struct arena *a = &cc->spec->arena;
    const char *suggest;
    const char *why = c_name_problem(a, name, scope, &suggest);
    if (!why)
        return;
    struct diag *d = check_report(cc, failed, loc, "%s '%s'%s%s %s", kind, name, owner ? " of " : "",
                                  owner ? owner : "", why);
    const char *rename = suggest ? arena_printf(a, "rename it, e.g. '%s'", suggest) : "choose a name of your own";
    if (scope == C_SCOPE_PREFIX)
        diag_note(d, loc, "the C names generated for it begin with '%s'; %s", name, rename);
    else
        diag_note(d, loc, "%s", rename);
}

static void name_reserved_members(struct check_ctx *cc, struct aggregate *top, struct aggregate *agg,
                                  const char *owner)
{
    struct arena *a = &cc->spec->arena;
    if (agg->select_type.text)
        name_reserved(cc, &top->failed, agg->select.text, agg->select.loc, C_SCOPE_BLOCK, "selector parameter",
                      owner);
    for (size_t i = 0; i < agg->nmembers; i++) {
        struct member *m = agg->members[i];
        name_reserved(cc, &top->failed, m->name.text, m->name.loc, C_SCOPE_MEMBER, "member", owner);
        bool nested = m->kind == MEMBER_AGG && m->type.inline_agg;
        if (!m->naliases && !nested)
            continue;
        const char *what = arena_printf(a, "member '%s' of %s", m->name.text ? m->name.text : "(anonymous)", owner);
        for (size_t k = 0; k < m->naliases; k++)
            name_reserved(cc, &top->failed, m->aliases[k]->name.text, m->aliases[k]->name.loc, C_SCOPE_MEMBER,
                          "alias", what);
        if (nested)
            name_reserved_members(cc, top, m->type.inline_agg, what);
    }
}

static void check_name_reserved_c(struct check_ctx *cc)
{
    struct spec *spec = cc->spec;
    struct arena *a = &spec->arena;
    if (spec->arch)
        name_reserved(cc, &spec->failed, spec->arch->name.text, spec->arch->name.loc, C_SCOPE_PREFIX, "arch", NULL);
    for (size_t i = 0; i < spec->regs.len; i++) {
        struct reg *r = spec->regs.items[i];
        name_reserved(cc, &r->failed, r->name.text, r->name.loc, C_SCOPE_PREFIX, "register", NULL);
    }
    for (size_t i = 0; i < spec->aggs.len; i++) {
        struct aggregate *agg = spec->aggs.items[i];
        name_reserved(cc, &agg->failed, agg->name.text, agg->name.loc, C_SCOPE_FILE, agg_kind_name(agg), NULL);
        name_reserved_members(cc, agg, agg, arena_printf(a, "%s '%s'", agg_kind_name(agg), agg->name.text));
    }
    for (size_t i = 0; i < spec->typedefs.len; i++) {
        struct typedef_decl *td = spec->typedefs.items[i];
        name_reserved(cc, &td->failed, td->name.text, td->name.loc, C_SCOPE_FILE, "typedef", NULL);
    }
    for (size_t i = 0; i < spec->consts.len; i++) {
        struct const_decl *c = spec->consts.items[i];
        name_reserved(cc, &c->failed, c->name.text, c->name.loc, C_SCOPE_FILE, "constant", NULL);
    }
    struct buf macro = {0};
    for (size_t i = 0; i < spec->flagsets.len; i++) {
        struct flagset *fs = spec->flagsets.items[i];
        uint64_t before = fs->failed;
        name_reserved(cc, &fs->failed, fs->name.text, fs->name.loc, C_SCOPE_PREFIX, "flags", NULL);
        if (fs->failed != before)
            continue;
        /* FS_flag is a whole macro (static + assert is static_assert); its
         * _FS_flag twin is Xen's own convention, reserved as it is */
        for (size_t j = 0; j < fs->nflags; j++) {
            macro.len = 0;
            buf_printf(&macro, "%s_%s", fs->name.text, fs->flags[j]->name.text);
            const char *suggest;
            const char *why = c_name_problem(a, macro.data, C_SCOPE_FILE, &suggest);
            if (!why)
                continue;
            struct diag *d = check_report(cc, &fs->failed, fs->flags[j]->name.loc,
                                          "flag '%s' of '%s' would define macro '%s', which %s",
                                          fs->flags[j]->name.text, fs->name.text, macro.data, why);
            diag_note(d, fs->flags[j]->name.loc, "rename the flag or the flags");
        }
    }
    buf_free(&macro);
}

static void check_abi_missing_fact(struct check_ctx *cc)
{
    struct arch *arch = cc->spec->arch;
    if (check_skip(cc, 0))
        return;
    if (arch->nabis == 0)
        check_report(cc, &cc->spec->failed, arch->name.loc, "arch '%s' declares no ABI",
                     arch->name.text);
    if (arch->nabis > 64)
        check_report(cc, &cc->spec->failed, arch->abis[64]->name.loc,
                     "arch '%s' declares more than 64 ABIs", arch->name.text);
    for (size_t i = 0; i < arch->nabis; i++) {
        struct abi *abi = arch->abis[i];
        if (!abi->endian) {
            struct diag *d = check_report(cc, &abi->failed, abi->name.loc,
                                          "ABI '%s' does not give its endianness", abi->name.text);
            diag_note(d, abi->name.loc, "add 'endian little;' or 'endian big;'");
        }
        if (!abi->predicate) {
            struct diag *d = check_report(cc, &abi->failed, abi->name.loc,
                                          "ABI '%s' does not say how C code recognises it",
                                          abi->name.text);
            diag_note(d, abi->name.loc, "add e.g. 'predicate \"defined(__aarch64__)\";'");
        }
    }
}

static void check_abi_missing_type(struct check_ctx *cc)
{
    struct arch *arch = cc->spec->arch;
    if (check_skip(cc, 0))
        return;
    for (size_t i = 0; i < arch->nabis; i++) {
        struct abi *abi = arch->abis[i];
        struct buf missing = {0};
        for (int t = 0; t < BT_COUNT; t++)
            if (!abi->types[t].set)
                buf_printf(&missing, "%s%s", missing.len ? ", " : "", base_type_name((enum base_type)t));
        if (missing.len) {
            struct diag *d = check_report(cc, &abi->failed, abi->name.loc,
                                          "ABI '%s' does not give the size of: %s", abi->name.text,
                                          missing.data);
            diag_note(d, abi->name.loc, "each base type is declared 'type NAME size N align N;'");
        }
        buf_free(&missing);
    }
}

static bool is_pow2(uint64_t v)
{
    return v && !(v & (v - 1));
}

/* Layouts and translations computed from impossible sizes mean nothing
 * (and a 16-byte integer does not fit regc's 64-bit arithmetic), so an
 * invalid fact fails the spec: nothing is laid out. */
static void check_abi_invalid_type(struct check_ctx *cc)
{
    struct arch *arch = cc->spec->arch;
    if (check_skip(cc, 0))
        return;
    for (size_t i = 0; i < arch->nabis; i++) {
        struct abi *abi = arch->abis[i];
        for (int t = 0; t < BT_COUNT; t++) {
            struct abi_type_fact *f = &abi->types[t];
            if (!f->set)
                continue;
            unsigned bits = base_type_fixed_bits((enum base_type)t);
            if (!is_pow2(f->size_written) || f->size_written > 256) {
                check_report(cc, &cc->spec->failed, f->loc, "size %" PRIu64 " of '%s' is not a power of two up to 256",
                             f->size_written, base_type_name((enum base_type)t));
            } else if (!is_pow2(f->align_written) || f->align_written > 256) {
                check_report(cc, &cc->spec->failed, f->loc,
                             "alignment %" PRIu64 " of '%s' is not a power of two up to 256", f->align_written,
                             base_type_name((enum base_type)t));
            } else if (bits && f->size * 8 != bits) {
                check_report(cc, &cc->spec->failed, f->loc, "'%s' is %u bits wide by definition, not %" PRIu32 " bytes",
                             base_type_name((enum base_type)t), bits, f->size);
            } else if (base_type_is_integer((enum base_type)t) && f->size > 8) {
                /* regc computes with integers in 64 bits, as C does with these */
                check_report(cc, &cc->spec->failed, f->loc, "size %" PRIu32 " of integer type '%s' is not 1, 2, 4 or 8",
                             f->size, base_type_name((enum base_type)t));
            }
        }
    }
}

/* ---- features ---------------------------------------------------------- */

/* The "through A -> B -> A" note; a long cycle shows its ends. */
static void note_feature_cycle(struct diag *d, struct ptrvec *path, size_t start, struct feature *r)
{
    enum { SHOWN = 8 };
    struct buf chain = {0};
    size_t n = path->len - start;
    for (size_t k = start; k < path->len; k++) {
        if (n > 2 * SHOWN && k == start + SHOWN) {
            buf_printf(&chain, "... (%zu more) -> ", n - 2 * SHOWN);
            k = path->len - SHOWN;
        }
        buf_printf(&chain, "%s -> ", ((struct feature *)path->items[k])->name.text);
    }
    buf_puts(&chain, r->name.text);
    diag_note(d, r->name.loc, "through %s", chain.data);
    buf_free(&chain);
}

/*
 * Depth-first over `requires`, with the path on a heap stack rather than
 * the C stack: a chain of 100,000 features is legal. state: 0 unvisited,
 * 1 on the path, 2 finished; next[i] is the next requirement to follow
 * from the feature at path position i.
 */
static void feature_cycle_walk(struct check_ctx *cc, struct feature *root, unsigned char *state,
                               struct ptrvec *path, size_t *next)
{
    state[root->index] = 1;
    next[0] = 0;
    ptrvec_push(path, root);
    while (path->len) {
        struct feature *f = path->items[path->len - 1];
        size_t *i = &next[path->len - 1];
        if (*i == f->nrequires) {
            state[f->index] = 2;
            path->len--;
            continue;
        }
        struct feature *r = f->requires_decl[*i];
        size_t via = (*i)++;
        if (!r)
            continue;
        if (state[r->index] == 1) {
            struct diag *d = check_report(cc, &f->failed, f->requires[via]->loc,
                                          "feature '%s' requires itself", r->name.text);
            size_t start = 0;
            while (start < path->len && path->items[start] != r)
                start++;
            note_feature_cycle(d, path, start, r);
            for (size_t k = start; k < path->len; k++)
                ((struct feature *)path->items[k])->failed |= cc->bit;
        } else if (state[r->index] == 0) {
            state[r->index] = 1;
            next[path->len] = 0;
            ptrvec_push(path, r);
        }
    }
}

static void check_feature_cycle(struct check_ctx *cc)
{
    struct ptrvec *fs = &cc->spec->features;
    unsigned char *state = xcalloc(fs->len ? fs->len : 1, 1);
    size_t *next = xcalloc(fs->len ? fs->len : 1, sizeof(*next));
    struct ptrvec path = {0};
    for (size_t i = 0; i < fs->len; i++) {
        struct feature *f = fs->items[i];
        if (state[f->index] == 0 && !check_skip(cc, f->failed))
            feature_cycle_walk(cc, f, state, &path, next);
    }
    ptrvec_free(&path);
    free(next);
    free(state);
}

/* The number after the highest one given, within the bound. */
static uint64_t next_feature_number(const struct ptrvec *fs)
{
    uint64_t next = 0;
    for (size_t i = 0; i < fs->len; i++) {
        const struct feature *f = fs->items[i];
        if (f->has_number && f->number_written <= FEATURE_NUMBER_MAX && f->number_written + 1 > next)
            next = f->number_written + 1;
    }
    return next;
}

/*
 * Feature numbers are ARCH_FEAT_* values that code outside Xen keeps, as
 * x86's cpufeatureset.h gives each feature its number once. Numbers from
 * declaration order shift whenever a feature is declared before others,
 * so a spec numbers every feature or none: a mix would leave the
 * unnumbered ones to shift.
 */
static void check_feature_number_mixed(struct check_ctx *cc)
{
    struct ptrvec *fs = &cc->spec->features;
    const struct feature *numbered = NULL;
    for (size_t i = 0; i < fs->len && !numbered; i++)
        if (((struct feature *)fs->items[i])->has_number)
            numbered = fs->items[i];
    if (!numbered)
        return;
    for (size_t i = 0; i < fs->len; i++) {
        struct feature *f = fs->items[i];
        if (f->has_number || check_skip(cc, f->failed))
            continue;
        struct diag *d = check_report(cc, &f->failed, f->name.loc, "feature '%s' has no number", f->name.text);
        diag_note(d, numbered->number_loc, "'%s' has one: once one feature is numbered, each must, since a number "
                  "taken from declaration order would change when a feature is declared before it",
                  numbered->name.text);
        diag_note(d, f->name.loc, "give it the next free number: 'feature %s = %" PRIu64 " ...;'", f->name.text,
                  next_feature_number(fs));
        return; /* the first says it for all */
    }
}

static void check_feature_number_too_large(struct check_ctx *cc)
{
    struct ptrvec *fs = &cc->spec->features;
    for (size_t i = 0; i < fs->len; i++) {
        struct feature *f = fs->items[i];
        if (!f->has_number || f->number_written <= FEATURE_NUMBER_MAX || check_skip(cc, f->failed))
            continue;
        struct diag *d = check_report(cc, &f->failed, f->number_loc,
                                      "feature number %" PRIu64 " of '%s' is above the limit of %u",
                                      f->number_written, f->name.text, FEATURE_NUMBER_MAX);
        diag_note(d, f->number_loc, "a feature set has one bit per number up to the highest: "
                  "number features from 0, without large gaps");
    }
}

/* Quadratic, like the other pairwise checks: specs declare tens of features. */
static void check_feature_number_duplicate(struct check_ctx *cc)
{
    struct ptrvec *fs = &cc->spec->features;
    for (size_t i = 0; i < fs->len; i++) {
        struct feature *f = fs->items[i];
        if (!f->has_number || check_skip(cc, f->failed))
            continue;
        for (size_t k = 0; k < i; k++) {
            const struct feature *g = fs->items[k];
            if (!g->has_number || g->number_written != f->number_written || check_skip(cc, g->failed))
                continue;
            struct diag *d = check_report(cc, &f->failed, f->number_loc, "feature '%s' has number %" PRIu64
                                          ", which '%s' has already", f->name.text, f->number_written,
                                          g->name.text);
            diag_note(d, g->number_loc, "'%s' is given %" PRIu64 " here", g->name.text, g->number_written);
            diag_note(d, f->number_loc, "a number is given once and kept: give '%s' the next free number, %" PRIu64,
                      f->name.text, next_feature_number(fs));
            break;
        }
    }
}

/* ---- visibility and conditions --------------------------------------- */

struct vis_item {
    const char *what;
    const char *name;
    struct visibility *vis;
    uint64_t *failed;
    struct loc loc;
};

static size_t collect_vis_items(struct spec *spec, struct vis_item **out)
{
    size_t n = spec->regs.len + spec->aggs.len + spec->typedefs.len + spec->consts.len +
               spec->flagsets.len + spec->verbatims.len;
    struct vis_item *v = xcalloc(n ? n : 1, sizeof(*v));
    size_t k = 0;
    for (size_t i = 0; i < spec->regs.len; i++) {
        struct reg *r = spec->regs.items[i];
        v[k++] = (struct vis_item){"register", r->name.text, &r->vis, &r->failed, r->name.loc};
    }
    for (size_t i = 0; i < spec->aggs.len; i++) {
        struct aggregate *a = spec->aggs.items[i];
        v[k++] = (struct vis_item){agg_kind_name(a), a->name.text, &a->vis, &a->failed, a->name.loc};
    }
    for (size_t i = 0; i < spec->typedefs.len; i++) {
        struct typedef_decl *t = spec->typedefs.items[i];
        v[k++] = (struct vis_item){"typedef", t->name.text, &t->vis, &t->failed, t->name.loc};
    }
    for (size_t i = 0; i < spec->consts.len; i++) {
        struct const_decl *c = spec->consts.items[i];
        v[k++] = (struct vis_item){"constant", c->name.text, &c->vis, &c->failed, c->name.loc};
    }
    for (size_t i = 0; i < spec->flagsets.len; i++) {
        struct flagset *f = spec->flagsets.items[i];
        v[k++] = (struct vis_item){"flags", f->name.text, &f->vis, &f->failed, f->name.loc};
    }
    for (size_t i = 0; i < spec->verbatims.len; i++) {
        struct verbatim *x = spec->verbatims.items[i];
        v[k++] = (struct vis_item){"verbatim", "text", &x->vis, &x->failed, x->loc};
    }
    *out = v;
    return k;
}

static void check_missing_visibility(struct check_ctx *cc)
{
    struct vis_item *v;
    size_t n = collect_vis_items(cc->spec, &v);
    for (size_t i = 0; i < n; i++) {
        if (v[i].vis->kind != VIS_UNSET)
            continue;
        struct diag *d = check_report(cc, v[i].failed, v[i].loc, "%s '%s' does not say who may see it",
                                      v[i].what, v[i].name);
        diag_note(d, v[i].loc, "add 'guest', 'tools(INTERFACE)' or 'xen' after its name, "
                               "or declare it inside such a block");
    }
    free(v);
}

static void check_invalid_visibility(struct check_ctx *cc)
{
    struct vis_item *v;
    size_t n = collect_vis_items(cc->spec, &v);
    for (size_t i = 0; i < n; i++) {
        struct visibility *vis = v[i].vis;
        if (vis->has_since && vis->since > 0xffffffffu)
            check_report(cc, v[i].failed, vis->since_loc,
                         "interface version 0x%" PRIx64 " does not fit __XEN_INTERFACE_VERSION__ (32 bits)",
                         vis->since);
        if (vis->has_until && vis->until > 0xffffffffu)
            check_report(cc, v[i].failed, vis->until_loc,
                         "interface version 0x%" PRIx64 " does not fit __XEN_INTERFACE_VERSION__ (32 bits)",
                         vis->until);
        if (vis->has_since && vis->has_until && vis->since >= vis->until) {
            struct diag *d = check_report(cc, v[i].failed, vis->until_loc,
                                          "%s '%s' is visible to no guest: until 0x%" PRIx64
                                          " is not after since 0x%" PRIx64,
                                          v[i].what, v[i].name, vis->until, vis->since);
            diag_note(d, vis->since_loc, "'since' is here");
        }
        if (vis->has_until && vis->until == 0)
            check_report(cc, v[i].failed, vis->until_loc, "'until 0' makes %s '%s' visible to no guest",
                         v[i].what, v[i].name);
    }
    free(v);
}

static void check_member_conditions(struct check_ctx *cc, struct aggregate *top, struct aggregate *agg,
                                    uint64_t abis)
{
    for (size_t i = 0; i < agg->nmembers; i++) {
        struct member *m = agg->members[i];
        if (m->cond.present && m->cond.views != VIEW_ALL && !member_is_view_padding(m)) {
            struct diag *d = check_report(cc, &top->failed, m->cond.loc,
                                          "member '%s' cannot depend on the view",
                                          m->name.text ? m->name.text : "(anonymous)");
            diag_note(d, m->cond.loc, "guests and tools would lay the struct out differently; only "
                                      "an alias ('| TYPE name only(tools)') or padding "
                                      "('only(tools) pad TYPE name') may differ by view");
        }
        uint64_t mabis = abis & m->cond.abi_mask;
        if (m->cond.present && m->cond.nabi_names && !mabis) {
            check_report(cc, &top->failed, m->cond.loc,
                         "member '%s' is present on no ABI its %s exists on",
                         m->name.text ? m->name.text : "(anonymous)", agg_kind_name(top));
        }
        for (size_t j = 0; j < m->naliases; j++) {
            struct alias *a = m->aliases[j];
            if (a->cond.present && a->cond.nabi_names && !(mabis & a->cond.abi_mask))
                check_report(cc, &top->failed, a->cond.loc,
                             "alias '%s' is present on no ABI its member exists on", a->name.text);
        }
        if (m->kind == MEMBER_AGG && m->type.inline_agg)
            check_member_conditions(cc, top, m->type.inline_agg, mabis);
    }
}

static void check_item_condition(struct check_ctx *cc, uint64_t *failed, const struct condition *c,
                                 const char *what, const char *name)
{
    if (!c->present || c->views == VIEW_ALL)
        return;
    struct diag *d = check_report(cc, failed, c->loc, "%s '%s' restricts the view with only(...)",
                                  what, name);
    diag_note(d, c->loc, "declarations choose their audience with guest, tools(...) or xen");
}

static void check_invalid_condition(struct check_ctx *cc)
{
    struct spec *spec = cc->spec;
    for (size_t i = 0; i < spec->aggs.len; i++) {
        struct aggregate *a = spec->aggs.items[i];
        if (check_skip(cc, a->failed))
            continue;
        check_item_condition(cc, &a->failed, &a->cond, agg_kind_name(a), a->name.text);
        check_member_conditions(cc, a, a, a->cond.abi_mask);
    }
    for (size_t i = 0; i < spec->typedefs.len; i++) {
        struct typedef_decl *t = spec->typedefs.items[i];
        check_item_condition(cc, &t->failed, &t->cond, "typedef", t->name.text);
    }
    for (size_t i = 0; i < spec->consts.len; i++) {
        struct const_decl *c = spec->consts.items[i];
        check_item_condition(cc, &c->failed, &c->cond, "constant", c->name.text);
    }
    for (size_t i = 0; i < spec->flagsets.len; i++) {
        struct flagset *f = spec->flagsets.items[i];
        check_item_condition(cc, &f->failed, &f->cond, "flags", f->name.text);
    }
    for (size_t i = 0; i < spec->verbatims.len; i++) {
        struct verbatim *v = spec->verbatims.items[i];
        check_item_condition(cc, &v->failed, &v->cond, "verbatim", "text");
    }
}

/* ---- registers -------------------------------------------------------- */

static void check_register_width(struct check_ctx *cc)
{
    for (size_t i = 0; i < cc->spec->regs.len; i++) {
        struct reg *r = cc->spec->regs.items[i];
        unsigned w = r->width;
        if (r->like_decl && r->like_decl->width != w) {
            struct diag *d = check_report(cc, &r->failed, r->width_loc,
                                          "register '%s' is %" PRIu64 " bits wide but borrows the fields of "
                                          "%" PRIu64 "-bit register '%s'", r->name.text, r->width_written,
                                          r->like_decl->width_written,
                                          r->like_decl->name.text);
            diag_note(d, r->like_decl->width_loc, "'%s' is declared here", r->like_decl->name.text);
            continue;
        }
        if (w == 8 || w == 16 || w == 32 || w == 64 || w == 128)
            continue;
        check_report(cc, &r->failed, r->width_loc,
                     "register '%s' is %" PRIu64 " bits wide; registers are 8, 16, 32, 64 or 128 bits",
                     r->name.text, r->width_written);
    }
}

static void check_field_bits(struct check_ctx *cc)
{
    for (size_t i = 0; i < cc->spec->regs.len; i++) {
        struct reg *r = cc->spec->regs.items[i];
        if (r->like_decl)
            continue; /* checked where the fields are declared */
        if (check_skip(cc, r->failed))
            continue;
        for (size_t j = 0; j < r->nfields; j++) {
            struct field *f = r->fields[j];
            if (f->msb_written >= f->lsb_written)
                continue;
            f->failed |= cc->bit;
            struct diag *d = check_report(cc, &r->failed, f->bits_loc,
                                          "bit range %" PRIu64 ":%" PRIu64 " of %s is written low to high",
                                          f->msb_written, f->lsb_written, field_label(&cc->spec->arena, f));
            diag_note(d, f->bits_loc, "ranges are written msb:lsb, e.g. %" PRIu64 ":%" PRIu64, f->lsb_written,
                      f->msb_written);
        }
    }
}

/*
 * The reserved kinds are lowercase keywords, but the Arm ARM writes them
 * RES0, RES1, RAZ, UNKNOWN and Linux's sysreg file Res0, Res1, Unkn. Copied
 * from either, `RES0 58:8;` parses as a field called RES0: the bits drop
 * out of the register's RES0 mask and gain accessors, silently. So does a
 * letter typed for a digit (`reso`). No register has a real field with such
 * a name, so any spelling that reads as a kind is refused with the keyword.
 */
const char *field_name_reserved_kind(const char *name)
{
    static const struct {
        const char *spelling; /* lowercase, underscores dropped */
        const char *kind;
    } lookalikes[] = {
        {"res0", "res0"},    {"reso", "res0"},    {"resz", "res0"},    {"reserved", "res0"},
        {"res1", "res1"},    {"resl", "res1"},    {"resi", "res1"},    {"raz", "raz"},
        {"razwi", "raz"},    {"unknown", "unknown"}, {"unkn", "unknown"}, {"unk", "unknown"},
    };
    char folded[16];
    size_t n = 0;
    for (const char *p = name; *p; p++) {
        if (*p == '_')
            continue;
        if (n + 1 >= sizeof(folded))
            return NULL; /* longer than any spelling */
        char c = *p;
        folded[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    folded[n] = '\0';
    for (size_t i = 0; i < ARRAY_SIZE(lookalikes); i++)
        if (strcmp(folded, lookalikes[i].spelling) == 0)
            return lookalikes[i].kind;
    /* res2..res9: a kind mistyped, there is no other digit */
    if (n == 4 && strncmp(folded, "res", 3) == 0 && folded[3] >= '2' && folded[3] <= '9')
        return "res0' or 'res1";
    return NULL;
}

static void check_field_name_reserved_kind(struct check_ctx *cc)
{
    for (size_t i = 0; i < cc->spec->regs.len; i++) {
        struct reg *r = cc->spec->regs.items[i];
        if (r->like_decl)
            continue; /* checked where the fields are declared */
        if (check_skip(cc, r->failed))
            continue;
        for (size_t j = 0; j < r->nfields; j++) {
            struct field *f = r->fields[j];
            if (f->kind != BITS_FIELD || !f->name.text)
                continue;
            const char *kind = field_name_reserved_kind(f->name.text);
            if (!kind)
                continue;
            f->failed |= cc->bit;
            struct diag *d = check_report(cc, &r->failed, f->name.loc,
                                          "field '%s' of '%s' is named like a reserved kind, so its bits "
                                          "would be a field, not reserved",
                                          f->name.text, r->name.text);
            diag_note(d, f->name.loc,
                      "did you mean '%s'? the reserved kinds are the lowercase keywords res0, res1, raz and unknown",
                      kind);
        }
    }
}

static void check_field_outside(struct check_ctx *cc)
{
    for (size_t i = 0; i < cc->spec->regs.len; i++) {
        struct reg *r = cc->spec->regs.items[i];
        if (r->like_decl)
            continue; /* checked where the fields are declared */
        if (check_skip(cc, r->failed))
            continue;
        for (size_t j = 0; j < r->nfields; j++) {
            struct field *f = r->fields[j];
            if (f->failed || f->msb < r->width)
                continue;
            f->failed |= cc->bit;
            struct diag *d = check_report(cc, &r->failed, f->bits_loc,
                                          "%s (%s) lies outside %u-bit register '%s'",
                                          field_label(&cc->spec->arena, f),
                                          field_bits_text(&cc->spec->arena, f), r->width, r->name.text);
            diag_note(d, r->width_loc, "the register's width is given here");
        }
    }
}

static int field_compare_lsb(const void *a, const void *b)
{
    const struct field *x = *(const struct field *const *)a, *y = *(const struct field *const *)b;
    if (x->lsb != y->lsb)
        return x->lsb < y->lsb ? -1 : 1;
    return loc_compare(&x->loc, &y->loc);
}

static void check_field_overlap(struct check_ctx *cc)
{
    struct arena *a = &cc->spec->arena;
    for (size_t i = 0; i < cc->spec->regs.len; i++) {
        struct reg *r = cc->spec->regs.items[i];
        if (r->like_decl)
            continue; /* checked where the fields are declared */
        if (check_skip(cc, r->failed) || r->nfields == 0)
            continue;
        /* Sorted by lsb, a field overlaps an earlier one exactly when it
         * starts at or below the highest msb seen so far. Fields whose own
         * bits are broken were reported already and sit this out. */
        struct field **sorted = xmalloc(r->nfields * sizeof(*sorted));
        size_t n = 0;
        for (size_t j = 0; j < r->nfields; j++)
            if (!r->fields[j]->failed)
                sorted[n++] = r->fields[j];
        if (n == 0) {
            free(sorted);
            continue;
        }
        qsort(sorted, n, sizeof(*sorted), field_compare_lsb);
        struct field *reach = sorted[0];
        for (size_t j = 1; j < n; j++) {
            struct field *f = sorted[j];
            if (f->lsb <= reach->msb) {
                unsigned hi = f->msb < reach->msb ? f->msb : reach->msb;
                struct field *later = loc_compare(&f->loc, &reach->loc) > 0 ? f : reach;
                struct field *earlier = later == f ? reach : f;
                const char *bits = hi == f->lsb ? arena_printf(a, "bit %u", hi)
                                                : arena_printf(a, "bits %u:%u", hi, f->lsb);
                struct diag *d = check_report(cc, &r->failed, later->bits_loc,
                                              "%s of register '%s' overlaps %s at %s",
                                              field_label(a, later), r->name.text,
                                              field_label(a, earlier), bits);
                diag_note(d, earlier->bits_loc, "%s (%s) is declared here", field_label(a, earlier),
                          field_bits_text(a, earlier));
            }
            if (f->msb > reach->msb)
                reach = f;
        }
        free(sorted);
    }
}

/* Also fills each register's kind masks, which later checks and the
 * emitters read: only registers whose bit map checked out get them. */
static void check_field_uncovered(struct check_ctx *cc)
{
    for (size_t i = 0; i < cc->spec->regs.len; i++) {
        struct reg *r = cc->spec->regs.items[i];
        if (check_skip(cc, r->failed))
            continue;
        if (r->like_decl || r->like.text)
            continue; /* gets its source's masks below, if `like` resolved */
        struct mask128 all = mask_range(r->width - 1, 0), used = mask_none();
        for (int k = 0; k < BITS_KIND_COUNT; k++)
            r->kind_mask[k] = mask_none();
        for (size_t j = 0; j < r->nfields; j++) {
            struct field *f = r->fields[j];
            struct mask128 m = mask_range(f->msb, f->lsb);
            r->kind_mask[f->kind] = mask_or(r->kind_mask[f->kind], m);
            used = mask_or(used, m);
        }
        struct mask128 rest = mask_andnot(all, used);
        if (r->has_rest) {
            r->kind_mask[r->rest_kind] = mask_or(r->kind_mask[r->rest_kind], rest);
            r->masks_ok = true;
            continue;
        }
        if (mask_empty(rest)) {
            r->masks_ok = true;
            continue;
        }
        struct buf b = {0}, ranges = {0};
        diag_bits(&b, rest);
        diag_bit_ranges(&ranges, rest);
        struct diag *d = check_report(cc, &r->failed, r->name.loc, "register '%s' does not account for %s",
                                      r->name.text, b.data);
        diag_note(d, r->name.loc, "declare them, e.g. 'res0 %s;', or say 'res0 rest;'", ranges.data);
        buf_free(&b);
        buf_free(&ranges);
    }
    for (size_t i = 0; i < cc->spec->regs.len; i++) {
        struct reg *r = cc->spec->regs.items[i];
        if (!r->like_decl || !r->like_decl->masks_ok || (r->failed & cc->bit))
            continue;
        memcpy(r->kind_mask, r->like_decl->kind_mask, sizeof(r->kind_mask));
        r->masks_ok = true;
    }
}

static void check_reset_too_wide(struct check_ctx *cc)
{
    for (size_t i = 0; i < cc->spec->regs.len; i++) {
        struct reg *r = cc->spec->regs.items[i];
        if (r->like_decl)
            continue; /* checked where the fields are declared */
        if (check_skip(cc, r->failed))
            continue;
        for (size_t j = 0; j < r->nfields; j++) {
            struct field *f = r->fields[j];
            if (f->failed || !f->has_reset || f->reset <= field_max_value(f))
                continue;
            check_report(cc, &r->failed, f->reset_loc,
                         "reset value 0x%" PRIx64 " does not fit %u-bit field %s.%s", f->reset,
                         f->msb - f->lsb + 1, r->name.text, f->name.text);
        }
    }
}

static void check_enum_too_wide(struct check_ctx *cc)
{
    for (size_t i = 0; i < cc->spec->regs.len; i++) {
        struct reg *r = cc->spec->regs.items[i];
        if (r->like_decl)
            continue; /* checked where the fields are declared */
        if (check_skip(cc, r->failed))
            continue;
        for (size_t j = 0; j < r->nfields; j++) {
            struct field *f = r->fields[j];
            for (size_t k = 0; !f->failed && k < f->nenums; k++) {
                struct enum_value *e = f->enums[k];
                if (e->value <= field_max_value(f))
                    continue;
                struct diag *d = check_report(cc, &r->failed, e->value_loc,
                                              "value 0x%" PRIx64 " of %s.%s.%s does not fit the field's %u bits",
                                              e->value, r->name.text, f->name.text, e->name.text,
                                              f->msb - f->lsb + 1);
                diag_note(d, f->bits_loc, "the field is %s", field_bits_text(&cc->spec->arena, f));
            }
        }
    }
}

static void check_enum_duplicate_value(struct check_ctx *cc)
{
    for (size_t i = 0; i < cc->spec->regs.len; i++) {
        struct reg *r = cc->spec->regs.items[i];
        if (r->like_decl)
            continue; /* checked where the fields are declared */
        if (check_skip(cc, r->failed))
            continue;
        for (size_t j = 0; j < r->nfields; j++) {
            struct field *f = r->fields[j];
            for (size_t k = 0; k < f->nenums; k++) {
                for (size_t p = 0; p < k; p++) {
                    if (f->enums[k]->value != f->enums[p]->value)
                        continue;
                    struct diag *d = check_report(cc, &r->failed, f->enums[k]->value_loc,
                                                  "%s.%s.%s has the same value (0x%" PRIx64 ") as %s",
                                                  r->name.text, f->name.text, f->enums[k]->name.text,
                                                  f->enums[k]->value, f->enums[p]->name.text);
                    diag_note(d, f->enums[p]->value_loc, "'%s' is declared here", f->enums[p]->name.text);
                    break;
                }
            }
        }
    }
}

/* ---- structures ------------------------------------------------------- */

typedef void (*member_visit_fn)(struct check_ctx *cc, struct aggregate *top, struct member *m,
                                uint64_t abis);

static void visit_members(struct check_ctx *cc, struct aggregate *top, struct aggregate *agg,
                          uint64_t abis, member_visit_fn fn)
{
    for (size_t i = 0; i < agg->nmembers; i++) {
        struct member *m = agg->members[i];
        uint64_t mabis = abis & m->cond.abi_mask;
        fn(cc, top, m, mabis);
        if (m->kind == MEMBER_AGG && m->type.inline_agg)
            visit_members(cc, top, m->type.inline_agg, mabis, fn);
    }
}

static void visit_all_members(struct check_ctx *cc, member_visit_fn fn)
{
    for (size_t i = 0; i < cc->spec->aggs.len; i++) {
        struct aggregate *a = cc->spec->aggs.items[i];
        if (!check_skip(cc, a->failed))
            visit_members(cc, a, a, a->cond.abi_mask, fn);
    }
}

enum { REGC_MAX_ARRAY_ELEMENTS = 1 << 24 };

static void array_member(struct check_ctx *cc, struct aggregate *top, struct member *m, uint64_t abis)
{
    (void)abis;
    uint64_t total = 1;
    for (size_t i = 0; i < m->ndims; i++) {
        /* `pad u8 _pad[0];` is how a spec says "deliberately empty": Xen's
         * empty struct, 0 bytes in GNU C and 1 in C++. */
        if (m->dims[i] == 0 && m->kind == MEMBER_PAD && m->ndims == 1)
            continue;
        if (m->dims[i] == 0) {
            struct diag *d = check_report(cc, &top->failed, m->dim_locs[i], "array '%s' has zero elements",
                                          m->name.text ? m->name.text : "?");
            diag_note(d, m->dim_locs[i], "only a padding member may be empty: 'pad u8 _pad[0];'");
            return;
        }
        if (m->dims[i] > REGC_MAX_ARRAY_ELEMENTS || total * m->dims[i] > REGC_MAX_ARRAY_ELEMENTS) {
            check_report(cc, &top->failed, m->dim_locs[i], "array '%s' has more than %d elements",
                         m->name.text ? m->name.text : "?", REGC_MAX_ARRAY_ELEMENTS);
            return;
        }
        total *= m->dims[i];
    }
}

static void check_invalid_array(struct check_ctx *cc)
{
    visit_all_members(cc, array_member);
}

/* `was reserved` says what callers had to do with a slot at released
 * versions: only a member with a value of its own can have taken the
 * place of padding, and `until V` names a version callers can ask for. */
static void was_reserved_member(struct check_ctx *cc, struct aggregate *top, struct member *m, uint64_t abis)
{
    (void)abis;
    if (!m->was_reserved)
        return;
    if (m->kind != MEMBER_DATA) {
        struct diag *d = check_report(cc, &m->failed, m->was_loc, "'was reserved' on %s, which is not a member with a value",
                                      m->kind == MEMBER_AGG ? "a nested struct or union" : "padding");
        diag_note(d, m->was_loc, "say it of the member that took the padding's place: 'was reserved u16 caps;'");
        return;
    }
    if (!m->has_reserved_until)
        return;
    /* the version check compares the member with 0: an integer's value */
    const struct type_ref *t = &m->type;
    for (unsigned depth = 0; t->kind == TR_NAME && t->cls == TC_TYPEDEF && t->td && depth < 16; depth++)
        t = &t->td->type;
    const struct interface *x = top->vis.kind == VIS_TOOLS ? top->vis.iface_decl : NULL;
    if (t->kind != TR_NAME || t->cls != TC_BASE) {
        struct diag *d = check_report(cc, &m->failed, m->reserved_until_loc,
                                      "'%s' is not an integer, which callers of older versions could be held to "
                                      "zero", m->name.text);
        diag_note(d, m->was_loc, "write 'was reserved' without a version, or reserve integers");
    } else if (top->vis.kind == VIS_XEN) {
        struct diag *d = check_report(cc, &m->failed, m->reserved_until_loc,
                                      "'until' names a version callers ask for, and %s is xen-only: it has none",
                                      top->name.text);
        diag_note(d, m->was_loc, "write 'was reserved' without a version");
    } else if (m->reserved_until == 0) {
        check_report(cc, &m->failed, m->reserved_until_loc,
                     "no caller asks for a version below 0: 'until 0' says nothing");
    } else if (x && m->reserved_until > x->version) {
        struct diag *d = check_report(cc, &m->failed, m->reserved_until_loc,
                                      "'%s' exists from 0x%" PRIx64 " on, after interface %s's version, 0x%" PRIx64,
                                      m->name.text, m->reserved_until, x->name.text, x->version);
        diag_note(d, x->version_loc, "bump the interface to 0x%" PRIx64 " with the member, or name a version up to 0x%" PRIx64,
                  m->reserved_until, x->version);
    }
}

static void check_was_reserved_invalid(struct check_ctx *cc)
{
    visit_all_members(cc, was_reserved_member);
}

/* An alias is another view of one scalar slot: an array has no one slot.
 * Only the member fails, so its struct is still laid out and checked. */
static void alias_invalid_member(struct check_ctx *cc, struct aggregate *top, struct member *m, uint64_t abis)
{
    (void)top;
    (void)abis;
    if (m->c11_union && !m->naliases) {
        struct diag *d = check_report(cc, &m->failed, m->c11_loc, "'c11' on member '%s', which has no aliases",
                                      m->name.text ? m->name.text : "?");
        diag_note(d, m->c11_loc, "'c11' spells a member's alias union for every compiler: "
                                 "'c11 u64 x | u32 w;'");
        return;
    }
    if (!m->ndims || !m->naliases)
        return;
    struct diag *d = check_report(cc, &m->failed, m->aliases[0]->loc, "array '%s' cannot have aliases",
                                  m->name.text);
    diag_note(d, m->name.loc, "alias one element's worth with a union: "
                              "'union { u32 %s[N]; u16 halves[2 * N]; };'", m->name.text);
}

static void check_alias_invalid(struct check_ctx *cc)
{
    visit_all_members(cc, alias_invalid_member);
}

static void check_align_value(struct check_ctx *cc, uint64_t *failed, const struct type_ref *t)
{
    if (!t->aligned)
        return;
    if (t->aligned == UINT32_MAX || !is_pow2(t->aligned) || t->aligned > 4096)
        check_report(cc, failed, t->aligned_loc, "alignment must be a power of two up to 4096");
}

static void align_member(struct check_ctx *cc, struct aggregate *top, struct member *m, uint64_t abis)
{
    (void)abis;
    check_align_value(cc, &top->failed, &m->type);
    for (size_t i = 0; i < m->naliases; i++)
        check_align_value(cc, &top->failed, &m->aliases[i]->type);
}

static void check_invalid_align(struct check_ctx *cc)
{
    visit_all_members(cc, align_member);
    for (size_t i = 0; i < cc->spec->typedefs.len; i++) {
        struct typedef_decl *t = cc->spec->typedefs.items[i];
        check_align_value(cc, &t->failed, &t->type);
    }
}

/*
 * What GCC makes of an alignment, once laid out. On a typedef its aligned
 * attribute sets the alignment, lowering it too (typedef aligned(2) u64
 * is 2-aligned in GCC, 8-aligned in regc's model, which raises only), so
 * one below the type's own is refused; and an array of a type whose
 * alignment does not divide its size is no C ("alignment of array
 * elements is greater than element size").
 */
static void align_array_member(struct check_ctx *cc, struct aggregate *top, struct member *m, uint64_t abis)
{
    if (!m->ndims || m->type.kind != TR_NAME || m->type.cls != TC_TYPEDEF || !m->type.td)
        return;
    for (unsigned abi = 0; abi < cc->spec->arch->nabis; abi++) {
        if (!(abis >> abi & 1))
            continue;
        struct typedef_decl *td = typedef_variant_for_abi(m->type.td, abi);
        const struct agg_layout *l = td && td->layouts ? &td->layouts[abi] : NULL;
        if (!l || l->state != LAYOUT_DONE || !l->ok || l->align == 0 || l->size % l->align == 0)
            continue;
        struct diag *d = check_report_as(cc, DIAG_INVALID_ALIGN, &top->failed, m->name.loc,
                                      "array '%s' of '%s', %" PRIu64 " bytes aligned to %" PRIu32
                                      " on %s: C has no array of elements aligned beyond their size",
                                      m->name.text ? m->name.text : "?", td->name.text, l->size, l->align,
                                      cc->spec->arch->abis[abi]->name.text);
        diag_note(d, td->loc, "'%s' is declared here; align the member instead: 'aligned(N) T %s[...]'",
                  td->name.text, m->name.text ? m->name.text : "x");
        return;
    }
}

/* Run by the alias-too-wide row, the first after layout: an alignment
 * is only judged once laid out, and one id has one row. */
static void check_align_layout(struct check_ctx *cc)
{
    for (size_t i = 0; i < cc->spec->typedefs.len; i++) {
        struct typedef_decl *t = cc->spec->typedefs.items[i];
        if (check_skip(cc, t->failed) || !t->type.aligned || !t->layouts)
            continue;
        for (unsigned abi = 0; abi < cc->spec->arch->nabis; abi++) {
            const struct agg_layout *l = &t->layouts[abi];
            if (!(t->cond.abi_mask >> abi & 1) || l->state != LAYOUT_DONE || !l->ok || l->align <= t->type.aligned)
                continue;
            struct diag *d = check_report_as(cc, DIAG_INVALID_ALIGN, &t->failed, t->type.aligned_loc,
                                          "aligned(%" PRIu32 ") on typedef '%s' is below its type's own "
                                          "alignment, %" PRIu32 " on %s",
                                          t->type.aligned, t->name.text, l->align,
                                          cc->spec->arch->abis[abi]->name.text);
            diag_note(d, t->type.aligned_loc, "on a typedef, GCC's aligned attribute lowers the alignment "
                                              "too, which regc's layout would not follow");
            break;
        }
    }
    visit_all_members(cc, align_array_member);
}

/*
 * Depth-first over by-value containment: aggregates (named, per-ABI
 * variants and inline) contain the types of their members and aliases, a
 * typedef contains its type; handles point, so they do not contain. The
 * walk keeps its path on a heap stack, because a legal spec can chain
 * 100,000 structs. mark: 0 unvisited, 1 on the path, 2 finished.
 */
struct rec_frame {
    struct aggregate *agg;        /* one of agg and td */
    struct typedef_decl *td;
    size_t member, alias;         /* the next type to follow: alias 0 is the member's own */
    struct aggregate *next_agg;   /* variants of the type being followed, still to visit */
    struct typedef_decl *next_td;
    struct member *via;           /* the member being followed */
};

struct rec_walk {
    struct check_ctx *cc;
    struct rec_frame *stack;
    size_t len, cap;
};

static unsigned *rec_mark(struct aggregate *agg, struct typedef_decl *td)
{
    return agg ? &agg->mark : &td->mark;
}

static void rec_push(struct rec_walk *w, struct aggregate *agg, struct typedef_decl *td)
{
    if (w->len == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 64;
        w->stack = xrealloc(w->stack, w->cap * sizeof(*w->stack));
    }
    w->stack[w->len++] = (struct rec_frame){agg, td, 0, 0, NULL, NULL, NULL};
    *rec_mark(agg, td) = 1;
}

/* The next type the frame contains, or NULL when it has been followed. */
static const struct type_ref *rec_next_type(struct rec_frame *f)
{
    if (f->td) {
        if (f->member++ > 0)
            return NULL;
        return &f->td->type;
    }
    while (f->member < f->agg->nmembers) {
        struct member *m = f->agg->members[f->member];
        if (f->alias <= m->naliases) {
            f->via = m;
            return f->alias++ == 0 ? &m->type : &m->aliases[f->alias - 2]->type;
        }
        f->member++;
        f->alias = 0;
    }
    return NULL;
}

/* The frame at the top of the path reaches the node on the path at
 * `at`: every node from there up is on the cycle. */
static void rec_report(struct rec_walk *w, size_t at)
{
    struct check_ctx *cc = w->cc;
    struct rec_frame *target = &w->stack[at], *top = &w->stack[w->len - 1];
    if (target->agg) {
        struct member *via = top->via;
        for (size_t k = w->len; !via && k-- > at;)
            via = w->stack[k].via;
        struct diag *d = check_report(cc, &target->agg->failed, via->type.loc, "%s '%s' contains itself",
                                      agg_kind_name(target->agg), target->agg->name.text);
        diag_note(d, via->loc, "through member '%s'; a struct can refer to itself only "
                               "through a handle", via->name.text ? via->name.text : "(anonymous)");
    } else {
        struct typedef_decl *td = top->td ? top->td : target->td;
        struct diag *d = check_report(cc, &td->failed, td->type.loc, "typedef '%s' is defined in terms of itself",
                                      td->name.text);
        diag_note(d, target->td->name.loc, "'%s' is declared here", target->td->name.text);
    }
    /* every declaration on the cycle is unusable for layout */
    for (size_t k = at; k < w->len; k++) {
        if (w->stack[k].agg)
            w->stack[k].agg->failed |= cc->bit;
        else
            w->stack[k].td->failed |= cc->bit;
    }
}

/* Walks from one root; stops at the first cycle, as one is enough to
 * report for the declarations on it. */
static void rec_walk_from(struct rec_walk *w, struct aggregate *agg, struct typedef_decl *td)
{
    rec_push(w, agg, td);
    bool found = false;
    while (w->len && !found) {
        struct rec_frame *f = &w->stack[w->len - 1];
        struct aggregate *va = f->next_agg;
        struct typedef_decl *vt = f->next_td;
        if (va || vt) {
            if (va)
                f->next_agg = va->next_variant;
            else
                f->next_td = vt->next_variant;
            unsigned mark = *rec_mark(va, vt);
            if (mark == 1) {
                size_t at = w->len;
                while (at-- > 0 && (w->stack[at].agg != va || w->stack[at].td != vt))
                    ;
                rec_report(w, at);
                found = true;
            } else if (mark == 0) {
                rec_push(w, va, vt);
            }
            continue;
        }
        const struct type_ref *t = rec_next_type(f);
        if (!t) {
            *rec_mark(f->agg, f->td) = 2;
            w->len--;
        } else if (t->kind == TR_INLINE) {
            f->next_agg = t->inline_agg;
        } else if (t->kind == TR_NAME && t->cls == TC_AGG) {
            f->next_agg = t->agg;
        } else if (t->kind == TR_NAME && t->cls == TC_TYPEDEF) {
            f->next_td = t->td;
        }
    }
    while (w->len)
        *rec_mark(w->stack[w->len - 1].agg, w->stack[w->len - 1].td) = 2, w->len--;
}

/* ---- nesting -------------------------------------------------------------- */

/* The aggregates a type holds by value, on any ABI: through every variant
 * of the typedefs it names and of the struct it ends at, and through
 * inline aggregates (whose own depth the scanner bounds). */
static void push_held(struct spec *spec, const struct type_ref *t, struct ptrvec *out)
{
    struct ptrvec types = {0};
    ptrvec_push(&types, (void *)t);
    size_t budget = spec->typedefs.len + 1;
    while (types.len) {
        const struct type_ref *x = types.items[--types.len];
        if (x->kind == TR_INLINE && x->inline_agg) {
            for (size_t i = 0; i < x->inline_agg->nmembers; i++)
                ptrvec_push(&types, &x->inline_agg->members[i]->type);
            continue;
        }
        if (x->kind != TR_NAME)
            continue;
        if (x->cls == TC_AGG)
            for (struct aggregate *v = x->agg; v; v = v->next_variant)
                ptrvec_push(out, v);
        if (x->cls == TC_TYPEDEF && budget) {
            budget--; /* a typedef cycle, which recursive-type reports, ends here */
            for (struct typedef_decl *v = x->td; v; v = v->next_variant)
                ptrvec_push(&types, &v->type);
        }
    }
    ptrvec_free(&types);
}

/* Kept in agg->nesting; computed without recursion, since a hostile spec
 * can chain structs far deeper than the C stack. */
static unsigned agg_value_nesting(struct spec *spec, struct aggregate *agg)
{
    enum { BUSY = UINT32_MAX };
    struct frame {
        struct aggregate *agg;
        struct ptrvec held;
        size_t next;
        unsigned deepest;
    };
    if (agg->nesting && agg->nesting != BUSY)
        return agg->nesting;
    size_t n = 0, cap = 16;
    struct frame *f = xcalloc(cap, sizeof(*f));
    f[n++] = (struct frame){agg, {0}, 0, 0};
    agg->nesting = BUSY;
    for (size_t i = 0; i < agg->nmembers; i++)
        push_held(spec, &agg->members[i]->type, &f[0].held);
    while (n) {
        struct frame *top = &f[n - 1];
        if (top->next < top->held.len) {
            struct aggregate *h = top->held.items[top->next++];
            if (h->nesting == BUSY)
                continue; /* a cycle, which recursive-type reports */
            if (h->nesting) {
                if (h->nesting > top->deepest)
                    top->deepest = h->nesting;
                continue;
            }
            if (n == cap) {
                cap *= 2;
                f = xrealloc(f, cap * sizeof(*f));
            }
            f[n] = (struct frame){h, {0}, 0, 0};
            h->nesting = BUSY;
            for (size_t i = 0; i < h->nmembers; i++)
                push_held(spec, &h->members[i]->type, &f[n].held);
            n++;
            continue;
        }
        top->agg->nesting = top->deepest + 1;
        ptrvec_free(&top->held);
        n--;
        if (n && f[n].agg->nesting > f[n - 1].deepest)
            f[n - 1].deepest = f[n].agg->nesting;
    }
    free(f);
    return agg->nesting;
}

static void check_recursive_type(struct check_ctx *cc)
{
    unsigned errors_before = cc->diags->errors;
    struct rec_walk w = {cc, NULL, 0, 0};
    for (size_t i = 0; i < cc->spec->aggs.len; i++) {
        struct aggregate *a = cc->spec->aggs.items[i];
        if (!check_skip(cc, a->failed) && !a->mark)
            rec_walk_from(&w, a, NULL);
    }
    for (size_t i = 0; i < cc->spec->typedefs.len; i++) {
        struct typedef_decl *t = cc->spec->typedefs.items[i];
        if (!check_skip(cc, t->failed) && !t->mark)
            rec_walk_from(&w, NULL, t);
    }
    free(w.stack);
    /* Translations and struct checks inline every struct held by value,
     * so how deep that goes is bounded (a chain of 100,000 would make
     * their code quadratic in the spec). Only the emitters need the
     * bound, so nothing is marked failed; after a cycle, the depths mean
     * nothing and are not judged. */
    if (cc->diags->errors != errors_before)
        return;
    for (size_t i = 0; i < cc->spec->aggs.len; i++) {
        struct aggregate *a = cc->spec->aggs.items[i];
        if (check_skip(cc, a->failed))
            continue;
        unsigned depth = agg_value_nesting(cc->spec, a);
        uint64_t ignored = 0;
        if (depth > REGC_MAX_VALUE_NESTING)
            check_report_as(cc, DIAG_NESTING_TOO_DEEP, &ignored, a->name.loc,
                            "'%s' holds structs by value %u deep; the limit is %u", a->name.text, depth,
                            (unsigned)REGC_MAX_VALUE_NESTING);
    }
}

/* Who can see a declaration: a range of guest interface versions, the
 * toolstack, the hypervisor. */
struct audience {
    bool guest;
    uint64_t lo, hi; /* guest versions [lo, hi) */
    bool tools, xen;
};

static struct audience audience_of(const struct visibility *v)
{
    struct audience a = {false, 0, UINT64_MAX, false, false};
    switch (v->kind) {
    case VIS_GUEST:
        a.guest = true;
        a.lo = v->has_since ? v->since : 0;
        a.hi = v->has_until ? v->until : UINT64_MAX;
        /* Xen and the toolstack build against the latest interface. */
        a.tools = a.xen = !v->has_until;
        break;
    case VIS_TOOLS:
        a.guest = v->guest_window;
        a.lo = 0;
        a.hi = v->has_until ? v->until : 0;
        a.tools = a.xen = true;
        break;
    case VIS_XEN:
        a.xen = true;
        break;
    case VIS_UNSET:
        a.guest = a.tools = a.xen = true;
        break;
    }
    return a;
}

static bool audience_within(struct audience user, struct audience used)
{
    if (user.guest && user.lo < user.hi) {
        if (!used.guest || user.lo < used.lo || user.hi > used.hi)
            return false;
    }
    return (!user.tools || used.tools) && (!user.xen || used.xen);
}

static const char *visibility_text(struct arena *ar, const struct visibility *v)
{
    switch (v->kind) {
    case VIS_GUEST:
        if (v->has_since && v->has_until)
            return arena_printf(ar, "guest-visible from 0x%" PRIx64 " until 0x%" PRIx64, v->since, v->until);
        if (v->has_since)
            return arena_printf(ar, "guest-visible since 0x%" PRIx64, v->since);
        if (v->has_until)
            return arena_printf(ar, "guest-visible until 0x%" PRIx64, v->until);
        return "guest-visible";
    case VIS_TOOLS:
        return arena_printf(ar, "tools-only (%s)", v->iface.text);
    case VIS_XEN:
        return "xen-only";
    case VIS_UNSET:
        break;
    }
    return "unspecified";
}

static void leak_check_type(struct check_ctx *cc, uint64_t *failed, const char *what, const char *name,
                            const struct visibility *user_vis, const struct type_ref *t)
{
    if (t->kind == TR_INLINE) {
        struct aggregate *in = t->inline_agg;
        for (size_t i = 0; in && i < in->nmembers; i++) {
            leak_check_type(cc, failed, what, name, user_vis, &in->members[i]->type);
            for (size_t j = 0; j < in->members[i]->naliases; j++)
                leak_check_type(cc, failed, what, name, user_vis, &in->members[i]->aliases[j]->type);
        }
        return;
    }
    const struct visibility *used_vis = NULL;
    struct loc used_loc;
    const char *used_name = t->name.text;
    if (t->cls == TC_AGG) {
        used_vis = &t->agg->vis;
        used_loc = t->agg->name.loc;
    } else if (t->cls == TC_TYPEDEF) {
        used_vis = &t->td->vis;
        used_loc = t->td->name.loc;
    }
    if (!used_vis || used_vis->kind == VIS_UNSET)
        return;
    if (audience_within(audience_of(user_vis), audience_of(used_vis)))
        return;
    struct arena *ar = &cc->spec->arena;
    struct diag *d = check_report(cc, failed, t->loc, "%s %s '%s' uses %s type '%s'",
                                  visibility_text(ar, user_vis), what, name,
                                  visibility_text(ar, used_vis), used_name);
    diag_note(d, used_vis->loc.src ? used_vis->loc : used_loc, "'%s' is declared %s here", used_name,
              visibility_text(ar, used_vis));
}

/* ---- declaration-order ------------------------------------------------- */

/* Headers declare in the spec's order, and C needs a struct complete
 * before a member holds it by value, a typedef before its name is used,
 * and a handle type's DEFINE_XEN_GUEST_HANDLE() before XEN_GUEST_HANDLE().
 * Positions are item indexes + 1, so that 0 is "not found". */
struct order_ctx {
    struct check_ctx *cc;
    struct symtab *declared;  /* type name: where its first variant is */
    struct symtab *complete;  /* typedef name: where the struct it names by value is */
};

static size_t order_at(const struct symtab *t, const char *name)
{
    return (size_t)(uintptr_t)symtab_get(t, name);
}

/* The layout and every other check stay meaningful in any order: only
 * the C spelling is wrong, so nothing is marked failed. */
static void order_report(struct order_ctx *oc, struct loc use, const char *what, const char *name,
                         const char *user, size_t at)
{
    uint64_t ignored = 0;
    struct diag *d = check_report(oc->cc, &ignored, use, "'%s' uses %s '%s' before it is declared, "
                                  "which C does not allow", user, what, name);
    const struct item *it = oc->cc->spec->items[at - 1];
    struct loc decl = it->kind == ITEM_AGGREGATE ? it->u.agg->name.loc : it->u.td->name.loc;
    diag_note(d, decl, "'%s' is declared here: move it above '%s'", name, user);
}

static void order_check_type(struct order_ctx *oc, const struct type_ref *t, const char *user, size_t pos)
{
    if (t->kind == TR_INLINE) {
        for (size_t i = 0; t->inline_agg && i < t->inline_agg->nmembers; i++) {
            const struct member *m = t->inline_agg->members[i];
            order_check_type(oc, &m->type, user, pos);
            for (size_t j = 0; j < m->naliases; j++)
                order_check_type(oc, &m->aliases[j]->type, user, pos);
        }
        return;
    }
    size_t at;
    if (t->kind == TR_HANDLE || t->kind == TR_HANDLE64) {
        /* the handle type is made where the typedef says `handle` */
        if (t->cls == TC_TYPEDEF && (at = order_at(oc->declared, t->td->name.text)) > pos)
            order_report(oc, t->loc, "handle type", t->td->name.text, user, at);
        return;
    }
    if (t->cls == TC_AGG && (at = order_at(oc->declared, t->agg->name.text)) > pos)
        order_report(oc, t->loc, t->agg->kind == AGG_STRUCT ? "struct" : "union",
                     t->agg->name.text, user, at);
    if (t->cls == TC_TYPEDEF) {
        if ((at = order_at(oc->declared, t->td->name.text)) > pos)
            order_report(oc, t->loc, "typedef", t->td->name.text, user, at);
        else if ((at = order_at(oc->complete, t->td->name.text)) > pos)
            order_report(oc, t->loc, "the struct behind typedef", t->td->name.text, user, at);
    }
}

static void check_declaration_order(struct check_ctx *cc)
{
    struct spec *spec = cc->spec;
    struct order_ctx oc = {cc, symtab_new(), symtab_new()};
    for (size_t i = 0; i < spec->nitems; i++) {
        const struct item *it = spec->items[i];
        const char *name = it->kind == ITEM_AGGREGATE ? it->u.agg->name.text
                         : it->kind == ITEM_TYPEDEF ? it->u.td->name.text : NULL;
        if (name)
            symtab_put(oc.declared, name, (void *)(uintptr_t)(i + 1));
    }
    for (size_t i = 0; i < spec->nitems; i++) {
        const struct item *it = spec->items[i];
        if (it->kind == ITEM_AGGREGATE) {
            struct aggregate *a = it->u.agg;
            if (check_skip(cc, a->failed))
                continue;
            for (size_t k = 0; k < a->nmembers; k++) {
                const struct member *m = a->members[k];
                order_check_type(&oc, &m->type, a->name.text, i + 1);
                for (size_t j = 0; j < m->naliases; j++)
                    order_check_type(&oc, &m->aliases[j]->type, a->name.text, i + 1);
            }
        } else if (it->kind == ITEM_TYPEDEF) {
            struct typedef_decl *td = it->u.td;
            if (check_skip(cc, td->failed))
                continue;
            /* a typedef of a struct may come first (the struct is then
             * incomplete); what holds the typedef by value needs the struct */
            size_t need = 0;
            if (td->type.kind == TR_NAME && td->type.cls == TC_AGG)
                need = order_at(oc.declared, td->type.agg->name.text);
            else if (td->type.kind == TR_NAME && td->type.cls == TC_TYPEDEF) {
                order_check_type(&oc, &td->type, td->name.text, i + 1);
                need = order_at(oc.complete, td->type.td->name.text);
            }
            if (need)
                symtab_put(oc.complete, td->name.text, (void *)(uintptr_t)need); /* the first variant's */
        }
    }
    symtab_free(oc.declared);
    symtab_free(oc.complete);
}

static void check_visibility_leak(struct check_ctx *cc)
{
    struct spec *spec = cc->spec;
    for (size_t i = 0; i < spec->aggs.len; i++) {
        struct aggregate *a = spec->aggs.items[i];
        if (check_skip(cc, a->failed))
            continue;
        for (size_t j = 0; j < a->nmembers; j++) {
            leak_check_type(cc, &a->failed, agg_kind_name(a), a->name.text, &a->vis, &a->members[j]->type);
            for (size_t k = 0; k < a->members[j]->naliases; k++)
                leak_check_type(cc, &a->failed, agg_kind_name(a), a->name.text, &a->vis,
                                &a->members[j]->aliases[k]->type);
        }
    }
    for (size_t i = 0; i < spec->typedefs.len; i++) {
        struct typedef_decl *t = spec->typedefs.items[i];
        if (!check_skip(cc, t->failed))
            leak_check_type(cc, &t->failed, "typedef", t->name.text, &t->vis, &t->type);
    }
}

/* ---- register slots ------------------------------------------------- */

/* A member whose register is chosen by its value (`select`) is checked as
 * if it held each of its registers alone. */
static void each_register(struct check_ctx *cc, struct aggregate *top, struct member *m, uint64_t abis)
{
    if (!m->select) {
        cc->per_register(cc, top, m, abis);
        return;
    }
    for (size_t i = 0; i < m->select->nalts; i++) {
        struct member alt = *m;
        alt.reg = m->select->alts[i]->reg;
        alt.reg_decl = m->select->alts[i]->reg_decl;
        cc->per_register(cc, top, &alt, abis);
    }
}

static void visit_register_members(struct check_ctx *cc, member_visit_fn fn)
{
    cc->per_register = fn;
    visit_all_members(cc, each_register);
}

static void slot_type_member(struct check_ctx *cc, struct aggregate *top, struct member *m, uint64_t abis)
{
    const struct reg *r = m->reg_decl;
    if (m->select && m->select->nalts)
        r = m->select->alts[0]->reg_decl;
    if (!r)
        return;
    for (unsigned abi = 0; abi < cc->spec->arch->nabis; abi++) {
        if (!(abis & (1ull << abi)))
            continue;
        enum base_type bt = BT_COUNT;
        uint64_t size = scalar_size(cc->spec, &m->type, abi, &bt);
        if (size && base_type_is_integer(bt) && !base_type_is_signed(bt) && bt != BT_CHAR)
            continue;
        struct diag *d = check_report(cc, &top->failed, m->type.loc,
                                      "member '%s' holds register '%s' but its type is not an unsigned integer",
                                      m->name.text, r->name.text);
        diag_note(d, m->type.loc, "use u8, u16, u32, u64, ulong or a typedef of one");
        return;
    }
}

static void check_register_slot_type(struct check_ctx *cc)
{
    if (check_skip(cc, 0))
        return;
    visit_all_members(cc, slot_type_member);
}

/* The narrowest the slot gets on any ABI the member exists on. */
static unsigned slot_bits(struct check_ctx *cc, const struct member *m, uint64_t abis, unsigned *abi_out)
{
    unsigned best = UINT32_MAX;
    for (unsigned abi = 0; abi < cc->spec->arch->nabis; abi++) {
        if (!(abis & (1ull << abi)))
            continue;
        unsigned bits = (unsigned)scalar_size(cc->spec, &m->type, abi, NULL) * 8;
        if (bits && bits < best) {
            best = bits;
            *abi_out = abi;
        }
    }
    return best;
}

static const char *abis_with_slot_bits(struct check_ctx *cc, const struct member *m, uint64_t abis,
                                       unsigned bits)
{
    struct buf b = {0};
    for (unsigned abi = 0; abi < cc->spec->arch->nabis; abi++) {
        if ((abis & (1ull << abi)) && scalar_size(cc->spec, &m->type, abi, NULL) * 8 == bits)
            buf_printf(&b, "%s%s", b.len ? ", " : "", cc->spec->arch->abis[abi]->name.text);
    }
    const char *s = arena_strdup(&cc->spec->arena, b.data ? b.data : "");
    buf_free(&b);
    return s;
}

static bool slot_checkable(struct check_ctx *cc, const struct member *m)
{
    return m->reg_decl && m->reg_decl->masks_ok && !check_skip(cc, m->reg_decl->failed);
}

/*
 * Bits beyond a narrow slot are lost when the register is saved into it
 * and written back as zero when it is restored. That is an error for a
 * defined field, and for RES1 bits, which must be written back as ones.
 * RES0 and RAZ bits are zero anyway, and UNKNOWN bits hold nothing to
 * keep: those may be dropped (register-slot-narrow, or `truncate`).
 */
static void slot_too_narrow_member(struct check_ctx *cc, struct aggregate *top, struct member *m, uint64_t abis)
{
    if (!slot_checkable(cc, m))
        return;
    struct reg *r = m->reg_decl;
    unsigned abi = 0;
    unsigned bits = slot_bits(cc, m, abis, &abi);
    if (bits == UINT32_MAX || bits >= r->width)
        return;
    /* The message names the first few fields and counts the rest, so that
     * SCTLR_EL1 in a 32-bit slot is not a 900-character line; the note
     * has them all. */
    enum { NAMED = 3 };
    struct buf b = {0}, all = {0};
    size_t nfields = 0;
    for (size_t i = 0; i < r->nfields; i++) {
        struct field *f = r->fields[i];
        if (f->kind != BITS_FIELD || f->msb < bits)
            continue;
        const char *text = arena_printf(&cc->spec->arena, "%s.%s at %s", r->name.text, f->name.text,
                                        field_bits_text(&cc->spec->arena, f));
        if (nfields < NAMED)
            buf_printf(&b, "%s%s", b.len ? ", " : "", text);
        buf_printf(&all, "%s%s", all.len ? ", " : "", text);
        nfields++;
    }
    if (nfields > NAMED)
        buf_printf(&b, " and %zu more field%s", nfields - NAMED, nfields - NAMED == 1 ? "" : "s");
    struct mask128 res1 = mask_and(mask_range(r->width - 1, bits), r->kind_mask[BITS_RES1]);
    if (!mask_empty(res1)) {
        buf_printf(&b, "%sres1 ", b.len ? ", " : "");
        diag_bits(&b, res1);
        buf_printf(&b, " of %s", r->name.text);
    }
    if (b.len) {
        struct diag *d = check_report(cc, &top->failed, m->name.loc,
                                      "%u-bit member '%s' cannot hold %s", bits, m->name.text, b.data);
        diag_note(d, m->type.loc, "'%s' is %u bits wide on %s", m->name.text, bits,
                  abis_with_slot_bits(cc, m, abis, bits));
        diag_note(d, r->name.loc, "register '%s' is %u bits wide", r->name.text, r->width);
        if (nfields > NAMED)
            diag_note(d, r->name.loc, "the %zu fields beyond bit %u: %s", nfields, bits - 1, all.data);
        if (!mask_empty(res1))
            diag_note(d, r->name.loc, "res1 bits must be written back as ones; restored from '%s' they "
                                      "would be zero, and 'truncate' cannot drop them", m->name.text);
    }
    buf_free(&b);
    buf_free(&all);
}

static void check_register_slot_too_narrow(struct check_ctx *cc)
{
    if (check_skip(cc, 0))
        return;
    visit_register_members(cc, slot_too_narrow_member);
}

static void slot_narrow_member(struct check_ctx *cc, struct aggregate *top, struct member *m, uint64_t abis)
{
    if (!slot_checkable(cc, m) || m->truncate)
        return;
    struct reg *r = m->reg_decl;
    unsigned abi = 0;
    unsigned bits = slot_bits(cc, m, abis, &abi);
    if (bits == UINT32_MAX || bits >= r->width)
        return;
    struct mask128 beyond = mask_range(r->width - 1, bits);
    if (!mask_empty(mask_and(beyond, mask_or(r->kind_mask[BITS_FIELD], r->kind_mask[BITS_RES1]))))
        return; /* register-slot-too-narrow has said it */
    struct diag *d = check_report(cc, &top->failed, m->name.loc,
                                  "%u-bit member '%s' is narrower than %u-bit register '%s'", bits,
                                  m->name.text, r->width, r->name.text);
    struct buf b = {0};
    diag_bits(&b, beyond);
    diag_note(d, r->name.loc, "%s of '%s' %s reserved today; a future ISA extension that "
                              "defines them could not be stored in '%s'", b.data, r->name.text,
              strncmp(b.data, "bit ", 4) == 0 ? "is" : "are", m->name.text);
    if (m->select)
        diag_note(d, m->select->loc, "write 'truncate' after the select's '}' if the narrow slot is intended");
    else
        diag_note(d, m->reg.loc, "write '%s truncate' if the narrow slot is intended", r->name.text);
    buf_free(&b);
}

static void check_register_slot_narrow(struct check_ctx *cc)
{
    if (check_skip(cc, 0))
        return;
    visit_register_members(cc, slot_narrow_member);
}

/* `truncate` is needed when the slot is narrower than its register, or
 * than any of the registers a select chooses from. */
static void truncate_member(struct check_ctx *cc, struct aggregate *top, struct member *m, uint64_t abis)
{
    if (!m->truncate)
        return;
    const struct reg *widest = slot_checkable(cc, m) ? m->reg_decl : NULL;
    for (size_t i = 0; m->select && i < m->select->nalts; i++) {
        struct member alt = *m;
        alt.reg_decl = m->select->alts[i]->reg_decl;
        if (!slot_checkable(cc, &alt))
            return;
        if (!widest || alt.reg_decl->width > widest->width)
            widest = alt.reg_decl;
    }
    unsigned abi = 0;
    unsigned bits = slot_bits(cc, m, abis, &abi);
    if (!widest || bits == UINT32_MAX || bits < widest->width)
        return;
    check_report(cc, &top->failed, m->truncate_loc,
                 "'truncate' on member '%s', which is as wide as register '%s'", m->name.text,
                 widest->name.text);
}

static void check_truncate_unneeded(struct check_ctx *cc)
{
    if (check_skip(cc, 0))
        return;
    visit_all_members(cc, truncate_member);
}

/*
 * `select [4] { 0: SPSR_EL2, 1: SPSR_EL2_AARCH32 }`: each value must fit the
 * selector bits and name one register, the bits must exist in the slot and
 * in every register, and each register must agree that a value with those
 * selector bits can be one of its values: no RES0 bit set, no RES1 bit
 * clear, and an enum field over the bits (M in SPSR_EL2_AARCH32) must have
 * a value with those bits.
 */
/* "[4] = 1", "[4:0] = 0x13" */
static const char *bits_value_text(struct arena *a, unsigned msb, unsigned lsb, uint64_t value)
{
    if (msb == lsb)
        return arena_printf(a, "[%u] = %" PRIu64, lsb, value);
    return arena_printf(a, "[%u:%u] = 0x%" PRIx64, msb, lsb, value);
}

static const char *bits_text(struct arena *a, uint64_t msb, uint64_t lsb)
{
    return msb == lsb ? arena_printf(a, "[%" PRIu64 "]", lsb)
                      : arena_printf(a, "[%" PRIu64 ":%" PRIu64 "]", msb, lsb);
}

/* Why register r cannot hold a value whose selector bits are `value`, or NULL. */
static const char *select_disagreement(struct arena *a, const struct reg_select *sel, const struct reg *r,
                                       uint64_t value)
{
    struct mask128 res0 = mask_or(r->kind_mask[BITS_RES0], r->kind_mask[BITS_RAZ]);
    for (unsigned bit = sel->lsb; bit <= sel->msb; bit++) {
        bool one = (value >> (bit - sel->lsb)) & 1;
        if (one && mask_test(res0, bit))
            return arena_printf(a, "bit %u of '%s' is RES0", bit, r->name.text);
        if (!one && mask_test(r->kind_mask[BITS_RES1], bit))
            return arena_printf(a, "bit %u of '%s' is RES1", bit, r->name.text);
    }
    for (size_t i = 0; i < r->nfields; i++) {
        const struct field *f = r->fields[i];
        if (f->kind != BITS_FIELD || !f->nenums || f->msb < sel->lsb || f->lsb > sel->msb)
            continue;
        unsigned lo = f->lsb > sel->lsb ? f->lsb : sel->lsb;
        unsigned hi = f->msb < sel->msb ? f->msb : sel->msb;
        uint64_t width_mask = hi - lo + 1 >= 64 ? UINT64_MAX : (1ull << (hi - lo + 1)) - 1;
        uint64_t want = (value >> (lo - sel->lsb)) & width_mask;
        size_t k = 0;
        while (k < f->nenums && ((f->enums[k]->value >> (lo - f->lsb)) & width_mask) != want)
            k++;
        if (k == f->nenums)
            return arena_printf(a, "no value of %s.%s has %s", r->name.text, f->name.text,
                                bits_value_text(a, hi, lo, want));
    }
    return NULL;
}

static void select_member(struct check_ctx *cc, struct aggregate *top, struct member *m, uint64_t abis)
{
    struct reg_select *sel = m->select;
    struct arena *a = &cc->spec->arena;
    if (!sel)
        return;
    if (sel->msb_written < sel->lsb_written || sel->msb_written - sel->lsb_written >= 64) {
        check_report(cc, &top->failed, sel->bits_loc, "selector %s is not a range of at most 64 bits, msb first",
                     bits_text(a, sel->msb_written, sel->lsb_written));
        return;
    }
    unsigned abi = 0;
    unsigned slot = slot_bits(cc, m, abis, &abi);
    if (slot != UINT32_MAX && sel->msb >= slot) {
        struct diag *d = check_report(cc, &top->failed, sel->bits_loc,
                                      "selector bit %" PRIu64 " is beyond %u-bit member '%s'", sel->msb_written, slot,
                                      m->name.text);
        diag_note(d, m->type.loc, "'%s' is %u bits wide on %s", m->name.text, slot,
                  abis_with_slot_bits(cc, m, abis, slot));
        return;
    }
    uint64_t max = sel->msb - sel->lsb == 63 ? UINT64_MAX : (1ull << (sel->msb - sel->lsb + 1)) - 1;
    for (size_t i = 0; i < sel->nalts; i++) {
        struct reg_alt *alt = sel->alts[i];
        if (alt->value > max) {
            check_report(cc, &top->failed, alt->value_loc, "selector value 0x%" PRIx64 " does not fit %s",
                         alt->value, bits_text(a, sel->msb_written, sel->lsb_written));
            continue;
        }
        size_t k = 0;
        while (k < i && sel->alts[k]->value != alt->value)
            k++;
        if (k < i) {
            struct diag *d = check_report(cc, &top->failed, alt->value_loc, "two registers for %s",
                                          bits_value_text(a, sel->msb, sel->lsb, alt->value));
            diag_note(d, sel->alts[k]->value_loc, "'%s' is selected by it here", sel->alts[k]->reg.text);
            continue;
        }
        struct reg *r = alt->reg_decl;
        if (!r || !r->masks_ok || check_skip(cc, r->failed))
            continue;
        if (sel->msb >= r->width) {
            struct diag *d = check_report(cc, &top->failed, alt->reg.loc,
                                          "selector bit %" PRIu64 " is beyond %u-bit register '%s'", sel->msb_written,
                                          r->width, r->name.text);
            diag_note(d, sel->bits_loc, "the selector is here");
            continue;
        }
        const char *why = select_disagreement(a, sel, r, alt->value);
        if (why) {
            struct diag *d = check_report(cc, &top->failed, alt->reg.loc,
                                          "'%s' holds no value with %s", r->name.text,
                                          bits_value_text(a, sel->msb, sel->lsb, alt->value));
            diag_note(d, r->name.loc, "%s", why);
        }
    }
}

static void check_register_select_mismatch(struct check_ctx *cc)
{
    if (check_skip(cc, 0))
        return;
    visit_all_members(cc, select_member);
}

/* ---- constants and flags -------------------------------------------- */

/*
 * Constant expressions are computed exactly, as the integers they mean,
 * not in the wrapping arithmetic of some C type: `-4 % 3` is -1 and
 * `9223372036854775807 + 1` is 2^63, which an s64 cannot hold, rather
 * than whatever a 64-bit register would make of them. Every step must lie
 * in [-2^63, 2^64 - 1], the union of what s64 and u64 hold; 128 bits hold
 * any step's result before it is checked.
 */
typedef __int128 const_int;
#define CONST_INT_MIN (-((const_int)1 << 63))
#define CONST_INT_MAX (((const_int)1 << 64) - 1)

static const_int const_exact(const struct const_decl *c)
{
    return c->negative ? (const_int)(int64_t)c->value : (const_int)c->value;
}

/* "-5" or "0x1f": how messages show an exact value in 64-bit range. */
static const char *const_int_text(struct arena *a, const_int v)
{
    if (v < 0)
        return arena_printf(a, "%" PRId64, (int64_t)v);
    return arena_printf(a, "0x%" PRIx64, (uint64_t)v);
}

/* l * r, or false when its magnitude is beyond 2^64 (and so beyond the
 * range of any step). Not __builtin_mul_overflow: for 128-bit operands
 * clang calls __muloti4, which libgcc does not have. */
static bool const_mul(const_int l, const_int r, const_int *out)
{
    unsigned __int128 ml = l < 0 ? -(unsigned __int128)l : (unsigned __int128)l;
    unsigned __int128 mr = r < 0 ? -(unsigned __int128)r : (unsigned __int128)r;
    if (ml && mr > ((unsigned __int128)1 << 64) / ml)
        return false;
    *out = l * r;
    return true;
}

/* Decimal, for values beyond 64 bits that printf cannot spell. */
static const char *const_int_decimal(struct arena *a, const_int v)
{
    char digits[48], *p = digits + sizeof(digits);
    *--p = '\0';
    bool neg = v < 0;
    unsigned __int128 m = neg ? -(unsigned __int128)v : (unsigned __int128)v;
    do
        *--p = (char)('0' + (int)(m % 10));
    while ((m /= 10) != 0);
    if (neg)
        *--p = '-';
    return arena_strdup(a, p);
}

static bool eval_in_range(struct check_ctx *cc, struct const_decl *owner, const struct expr *e, const_int v,
                          bool overflowed)
{
    if (!overflowed && v >= CONST_INT_MIN && v <= CONST_INT_MAX)
        return true;
    struct diag *d;
    if (overflowed)
        d = check_report_as(cc, DIAG_CONST_OVERFLOW, &owner->failed, e->loc,
                            "this part of constant '%s' is far beyond 64 bits", owner->name.text);
    else
        d = check_report_as(cc, DIAG_CONST_OVERFLOW, &owner->failed, e->loc,
                            "this part of constant '%s' is %s, beyond 64 bits", owner->name.text,
                            const_int_decimal(&cc->spec->arena, v));
    diag_note(d, owner->name.loc, "constants are computed exactly, and every part must lie between "
                                  "-9223372036854775808 and 18446744073709551615");
    return false;
}

/* Evaluates one expression whose constants have been evaluated; a
 * constant that did not evaluate makes it fail silently, as whatever
 * stopped that constant has been reported. The parser bounds the depth. */
static bool eval_expr(struct check_ctx *cc, struct const_decl *owner, const struct expr *e, const_int *out)
{
    const_int l = 0, r = 0;
    switch (e->op) {
    case EX_INT:
        *out = e->value;
        return true;
    case EX_NAME:
        if (!e->cst || e->cst->state != CONST_DONE)
            return false;
        *out = const_exact(e->cst);
        return true;
    case EX_ENUM_REF:
        if (!e->ev)
            return false;
        *out = e->ev->value;
        return true;
    default:
        break;
    }
    if (!eval_expr(cc, owner, e->lhs, &l))
        return false;
    if (e->rhs && !eval_expr(cc, owner, e->rhs, &r))
        return false;
    bool overflowed = false;
    switch (e->op) {
    case EX_NEG: *out = -l; break;
    case EX_NOT: *out = -l - 1; break; /* ~ of the two's complement of any width */
    case EX_LNOT: *out = !l; break;
    case EX_MUL: overflowed = !const_mul(l, r, out); break;
    case EX_ADD: *out = l + r; break;
    case EX_SUB: *out = l - r; break;
    case EX_AND: *out = l & r; break;
    case EX_XOR: *out = l ^ r; break;
    case EX_OR: *out = l | r; break;
    case EX_DIV:
    case EX_MOD:
        if (r == 0) {
            check_report_as(cc, DIAG_CONST_DIVIDE_BY_ZERO, &owner->failed, e->rhs->loc,
                            "division by zero in constant '%s'", owner->name.text);
            return false;
        }
        /* C's: the quotient truncated toward zero, the remainder with
         * the sign of the dividend */
        *out = e->op == EX_DIV ? l / r : l % r;
        break;
    case EX_SHL:
    case EX_SHR:
        if (r < 0 || r >= 64) {
            check_report_as(cc, DIAG_CONST_OVERFLOW, &owner->failed, e->rhs->loc,
                            "shift by %s bits in constant '%s'", const_int_text(&cc->spec->arena, r),
                            owner->name.text);
            return false;
        }
        if (e->op == EX_SHL)
            overflowed = !const_mul(l, (const_int)1 << r, out);
        else /* floor, as an arithmetic shift: -4 >> 1 is -2, -1 >> 1 is -1 */
            *out = l >= 0 ? l >> r : -((-l - 1) >> r) - 1;
        break;
    default:
        return false;
    }
    return eval_in_range(cc, owner, e, *out, overflowed);
}

/* The constants an expression names, left to right. */
static void expr_const_refs(const struct expr *e, struct ptrvec *out)
{
    if (!e)
        return;
    if (e->op == EX_NAME && e->cst)
        ptrvec_push(out, (void *)e);
    expr_const_refs(e->lhs, out);
    expr_const_refs(e->rhs, out);
}

/* A constant being evaluated, and the constants it names still to do:
 * refs[next..end) of the walk's shared list. */
struct const_frame {
    struct const_decl *c;
    size_t begin, next, end;
    bool cycle;
};

/*
 * Evaluates a constant after the constants it names, depth first, with
 * the path on a heap stack: a chain of 100,000 constants is legal. A
 * constant met again while it is being evaluated closes a cycle, which is
 * reported where the name is used.
 */
static void eval_const(struct check_ctx *cc, struct const_decl *root)
{
    if (root->state != CONST_UNEVALUATED)
        return;
    struct ptrvec refs = {0};
    size_t len = 0, cap = 16;
    struct const_frame *stack = xmalloc(cap * sizeof(*stack));
    for (struct const_decl *c = root; c;) {
        if (len == cap) {
            cap *= 2;
            stack = xrealloc(stack, cap * sizeof(*stack));
        }
        struct const_frame *f = &stack[len++];
        c->state = CONST_EVALUATING;
        f->c = c;
        f->begin = f->next = refs.len;
        expr_const_refs(c->expr, &refs);
        f->end = refs.len;
        f->cycle = false;
        for (c = NULL; len && !c;) {
            f = &stack[len - 1];
            if (f->next < f->end) {
                const struct expr *e = refs.items[f->next++];
                if (e->cst->state == CONST_EVALUATING) {
                    struct diag *d = check_report(cc, &f->c->failed, e->loc,
                                                  "constant '%s' is defined in terms of itself",
                                                  e->cst->name.text);
                    diag_note(d, e->cst->name.loc, "'%s' is declared here", e->cst->name.text);
                    f->cycle = true;
                    f->next = f->end;
                } else if (e->cst->state == CONST_UNEVALUATED) {
                    c = e->cst;
                }
                continue;
            }
            const_int v = 0;
            bool ok = !f->cycle && eval_expr(cc, f->c, f->c->expr, &v);
            f->c->state = ok ? CONST_DONE : CONST_BAD;
            f->c->value = (uint64_t)v;
            f->c->negative = v < 0;
            refs.len = f->begin;
            len--;
        }
    }
    free(stack);
    ptrvec_free(&refs);
}

static void check_const_cycle(struct check_ctx *cc)
{
    for (size_t i = 0; i < cc->spec->consts.len; i++) {
        struct const_decl *c = cc->spec->consts.items[i];
        if (check_skip(cc, c->failed))
            c->state = CONST_BAD;
    }
    for (size_t i = 0; i < cc->spec->consts.len; i++)
        eval_const(cc, cc->spec->consts.items[i]);
}

/* Narrowest width of a type over the ABIs, for ulong; fixed types have one. */
static unsigned type_min_bits(const struct spec *spec, enum base_type bt)
{
    unsigned fixed = base_type_fixed_bits(bt);
    if (fixed)
        return fixed;
    unsigned best = 64;
    for (size_t i = 0; spec->arch && i < spec->arch->nabis; i++) {
        const struct abi_type_fact *f = &spec->arch->abis[i]->types[bt];
        if (f->set && f->size * 8 < best)
            best = f->size * 8;
    }
    return best;
}

static bool value_fits(const_int v, unsigned bits, bool is_signed)
{
    if (is_signed)
        return v >= -((const_int)1 << (bits - 1)) && v < ((const_int)1 << (bits - 1));
    return v >= 0 && v < ((const_int)1 << bits);
}

static void check_const_overflow(struct check_ctx *cc)
{
    for (size_t i = 0; i < cc->spec->consts.len; i++) {
        struct const_decl *c = cc->spec->consts.items[i];
        if (check_skip(cc, c->failed) || c->state != CONST_DONE || c->type == BT_COUNT)
            continue;
        unsigned bits = type_min_bits(cc->spec, c->type);
        bool sign = base_type_is_signed(c->type);
        if (value_fits(const_exact(c), bits, sign))
            continue;
        struct diag *d = check_report(cc, &c->failed, c->expr->loc,
                                      "value %s of constant '%s' does not fit its type %s",
                                      const_int_text(&cc->spec->arena, const_exact(c)), c->name.text,
                                      base_type_name(c->type));
        if (!c->type_name.text)
            diag_note(d, c->name.loc, "a constant without ': TYPE' is an s32 (C int); "
                                      "say ': u32' or ': u64' for wider values");
        else if (c->negative && !sign)
            diag_note(d, c->name.loc, "an unsigned constant cannot be negative: write the bits it means "
                                      "(~0 is -1; ~0 & 0xffffffff is 0xffffffff)");
    }
}

static void check_flag_bit_range(struct check_ctx *cc)
{
    for (size_t i = 0; i < cc->spec->flagsets.len; i++) {
        struct flagset *fs = cc->spec->flagsets.items[i];
        if (check_skip(cc, fs->failed) || fs->type == BT_COUNT)
            continue;
        unsigned bits = type_min_bits(cc->spec, fs->type);
        /* (1 << 31) overflows a C int, so a signed type loses its top bit */
        unsigned limit = base_type_is_signed(fs->type) ? bits - 1 : bits;
        for (size_t j = 0; j < fs->nflags; j++) {
            struct flag *f = fs->flags[j];
            if (f->bit < limit)
                continue;
            struct diag *d = check_report(cc, &fs->failed, f->bit_loc,
                                          "flag bit %" PRIu64 " of '%s_%s' does not fit type %s",
                                          f->bit, fs->name.text, f->name.text, base_type_name(fs->type));
            if (!fs->type_name.text)
                diag_note(d, fs->name.loc, "flags without ': TYPE' are s32 (C int); say ': u32' or ': u64'");
        }
    }
}

/* The tokens of verbatim C the layout rule reads: words and punctuation,
 * with literals and directive names passed over. */
static bool next_code(struct ctext *c, struct ctok *t)
{
    do
        ctext_next(c, t);
    while (t->kind == CTOK_LITERAL || t->kind == CTOK_DIRECTIVE);
    return t->kind != CTOK_END;
}

struct verbatim_body {
    const char *keyword;  /* "struct", "union" or "enum" */
    const char *tag;      /* NULL when anonymous */
    size_t tag_len;
    unsigned line;
};

/*
 * Finds the first aggregate body in verbatim C that is not allowed: every
 * struct, union or enum followed by '{', after an optional tag and
 * attributes (a word followed by a parenthesised list), except an
 * anonymous struct or union in the body of a function-like macro. That is
 * how Xen's guest-handle macros spell a handle, whose layout regc knows
 * from the ABI; anywhere else a body declares structure regc would not see.
 */
static const char *aggregate_keyword(const char *w, size_t n)
{
    return n == 6 && !strncmp(w, "struct", 6) ? "struct"
         : n == 5 && !strncmp(w, "union", 5) ? "union"
         : n == 4 && !strncmp(w, "enum", 4) ? "enum" : NULL;
}

static bool is_attribute_word(const char *w, size_t n)
{
    static const char *const words[] = {"__attribute__", "__attribute", "__declspec", "alignas", "_Alignas"};
    for (size_t i = 0; i < ARRAY_SIZE(words); i++)
        if (n == strlen(words[i]) && !strncmp(w, words[i], n))
            return true;
    return false;
}

static bool verbatim_declares_layout(const char *text, struct verbatim_body *out)
{
    struct ctext c;
    ctext_init(&c, text);
    for (struct ctok w; next_code(&c, &w);) {
        const char *kw = aggregate_keyword(w.s, w.len);
        if (!kw)
            continue;
        unsigned line = w.line;
        bool in_macro = c.in_function_macro;
        const char *tag = NULL;
        size_t tag_len = 0;
        struct ctext look = c;
        struct ctok t;
        bool more;
        /* Only the tag and attributes may stand between the keyword and
         * '{'. Another keyword starts a new candidate, so that a run of
         * them (hostile input) is scanned once, not once per keyword. */
        while ((more = next_code(&look, &t)) && t.kind == CTOK_WORD && !aggregate_keyword(t.s, t.len)) {
            if (!is_attribute_word(t.s, t.len)) {
                tag = t.s;
                tag_len = t.len;
                continue;
            }
            /* an attribute: skip its balanced parentheses */
            struct ctok x;
            bool any = next_code(&look, &x);
            for (int depth = any && *x.s == '(' ? 1 : 0; depth > 0 && next_code(&look, &x);)
                depth += *x.s == '(' ? 1 : *x.s == ')' ? -1 : 0;
        }
        if (!more || *t.s != '{')
            continue;
        if (!tag && in_macro && kw[0] != 'e')
            continue;
        *out = (struct verbatim_body){kw, tag, tag_len, line};
        return true;
    }
    return false;
}

static void check_verbatim_layout(struct check_ctx *cc)
{
    for (size_t i = 0; i < cc->spec->verbatims.len; i++) {
        struct verbatim *v = cc->spec->verbatims.items[i];
        struct verbatim_body b;
        if (!verbatim_declares_layout(v->text, &b))
            continue;
        struct diag *d;
        if (b.tag)
            d = check_report(cc, &v->failed, v->loc, "verbatim C declares %s '%.*s' (line %u of the text)",
                             b.keyword, (int)b.tag_len, b.tag, b.line);
        else
            d = check_report(cc, &v->failed, v->loc, "verbatim C declares an anonymous %s (line %u of the text)",
                             b.keyword, b.line);
        diag_note(d, v->loc, "verbatim C is for what has no layout; declare ABI structure as a %s, "
                             "so that regc checks and lays it out", b.keyword[0] == 'e' ? "constant" : b.keyword);
        if (!b.tag && b.keyword[0] != 'e')
            diag_note(d, v->loc, "only the body of a function-like macro may hold an anonymous struct or "
                                 "union, as Xen's guest-handle macros do");
    }
}

/* ---- C text regc copies: verbatim blocks and ABI predicates --------- */

/*
 * Where bytes of a string's value are in the source: """ strings keep
 * their bytes as written, "..." strings went through the \n \t \" \\
 * escapes. The span covers len bytes from at, or ends at the first when
 * the last is on another line; at == the value's length is the closing
 * quote.
 */
static struct loc string_value_loc(struct loc str, size_t at, size_t len)
{
    if (!str.src || !str.col)
        return str;
    size_t n;
    const char *line = source_line((struct source *)str.src, str.line, &n);
    const char *p = line + str.col - 1, *end = str.src->text + str.src->len;
    bool raw = end - p >= 3 && !strncmp(p, "\"\"\"", 3);
    p += raw ? 3 : 1;
    uint32_t l = str.line, col = str.col + (raw ? 3 : 1);
    size_t last = len ? at + len - 1 : at;
    struct loc r = str;
    for (size_t i = 0; p < end;) {
        size_t w = 1;
        bool value = true;
        if (!raw && *p == '\\' && end - p >= 2) {
            w = 2;
            value = strchr("nt\"\\", p[1]) != NULL; /* an unknown escape gave nothing */
        }
        if (value) {
            if (i == at)
                r = (struct loc){str.src, l, col, l, col + (uint32_t)w - 1};
            if (i == last) {
                if (i != at && l == r.line)
                    r.end_col = col + (uint32_t)w - 1;
                break;
            }
            i++;
        }
        for (size_t k = 0; k < w && p < end; k++, p++) {
            if (*p == '\n')
                l++, col = 1;
            else
                col++;
        }
    }
    return r;
}

/* A problem in C text: bytes [at, at + len) of it, and what to say. */
struct ctext_problem {
    size_t at, len;
    const char *message; /* with one %.*s for the bytes */
    const char *note;
    size_t other_at, other_len; /* a second place the note points at, or CTEXT_NONE */
};

static void keep_first(struct ctext_problem *best, struct ctext_problem p)
{
    if (p.at != CTEXT_NONE && (best->at == CTEXT_NONE || p.at < best->at))
        *best = p;
}

static struct ctext_problem no_problem(void)
{
    return (struct ctext_problem){CTEXT_NONE, 0, NULL, NULL, CTEXT_NONE, 0};
}

static const char trigraph_note[] =
    "the headers are also compiled as C89 (-ansi), which replaces trigraphs before anything else, even in "
    "comments and literals: '?\?/' is a '\\'; keep two question marks apart (in a string, write '?\\?')";

/* What regc's own #if and #endif around a verbatim block need of it:
 * its conditionals close inside it, and no comment, literal or splice
 * runs out of it into the header; the text reads alike with and without
 * trigraphs, and as C89 (no // comments). */
static struct ctext_problem verbatim_damage(const char *text)
{
    struct ctext_problem best = no_problem();
    size_t tri = ctext_trigraph(text);
    if (tri != CTEXT_NONE)
        return (struct ctext_problem){tri, 3, "trigraph '%.*s' in verbatim C", trigraph_note, CTEXT_NONE, 0};

    struct cond_level {
        size_t at, len;
        size_t else_at, else_len;
    } *stack = NULL;
    size_t depth = 0, cap = 0;
    struct ctext_problem structure = no_problem();
    struct ctext c;
    ctext_init(&c, text);
    static const char cond_note[] =
        "regc wraps each verbatim block in #if and #endif of its own, for its visibility and ABIs: a block "
        "opens and closes its conditionals itself";
    for (struct ctok t; ctext_next(&c, &t), t.kind != CTOK_END;) {
        if (t.kind != CTOK_DIRECTIVE || structure.at != CTEXT_NONE)
            continue;
        size_t len = (size_t)(t.s + t.len - (text + t.at));
        bool opens = ctext_word_is(&t, "if") || ctext_word_is(&t, "ifdef") || ctext_word_is(&t, "ifndef");
        bool is_else = ctext_word_is(&t, "else");
        bool is_elif = ctext_word_is(&t, "elif") || ctext_word_is(&t, "elifdef") || ctext_word_is(&t, "elifndef");
        bool closes = ctext_word_is(&t, "endif");
        if (opens) {
            if (depth == cap) {
                cap = cap ? cap * 2 : 8;
                stack = xrealloc(stack, cap * sizeof(*stack));
            }
            stack[depth++] = (struct cond_level){t.at, len, CTEXT_NONE, 0};
        } else if ((is_else || is_elif || closes) && !depth) {
            structure = (struct ctext_problem){t.at, len, "'%.*s' without '#if' in verbatim C", cond_note,
                                               CTEXT_NONE, 0};
        } else if ((is_else || is_elif) && stack[depth - 1].else_at != CTEXT_NONE) {
            struct cond_level *lv = &stack[depth - 1];
            structure = (struct ctext_problem){t.at, len, "'%.*s' after '#else' in verbatim C",
                                               "the '#else' of the same '#if' is here", lv->else_at, lv->else_len};
        } else if (is_else) {
            stack[depth - 1].else_at = t.at;
            stack[depth - 1].else_len = len;
        } else if (closes) {
            depth--;
        }
    }
    if (structure.at == CTEXT_NONE && depth)
        structure = (struct ctext_problem){stack[depth - 1].at, stack[depth - 1].len,
                                           "'%.*s' without '#endif' in verbatim C", cond_note, CTEXT_NONE, 0};
    free(stack);

    /* A comment or literal left open, or a splice, hides the text after
     * it from the directives: those come first, in text order. */
    keep_first(&best, (struct ctext_problem){c.open_comment, 2, "unterminated comment in verbatim C",
                                             "it would run on into the header after the block", CTEXT_NONE, 0});
    keep_first(&best, (struct ctext_problem){c.open_literal, 1, "unterminated %.*s literal in verbatim C",
                                             "a literal ends with its line, and the compiler rejects one left open",
                                             CTEXT_NONE, 0});
    keep_first(&best, (struct ctext_problem){c.line_comment, 2, "'%.*s' comment in verbatim C",
                                             "the headers are also compiled as C89, which has no // comments; "
                                             "write /* */", CTEXT_NONE, 0});
    keep_first(&best, (struct ctext_problem){ctext_trailing_splice(text), 1, "verbatim C ends with a line splice '%.*s'",
                                             "the header's next line would be joined to the block's last one",
                                             CTEXT_NONE, 0});
    return best.at != CTEXT_NONE ? best : structure;
}

/* The messages quote the offending bytes where they say %.*s. */
static struct diag *report_quoting(struct check_ctx *cc, uint64_t *failed, struct loc loc, const char *message,
                                   int n, const char *bytes)
{
    const char *mark = strstr(message, "%.*s");
    int pre = mark ? (int)(mark - message) : (int)strlen(message);
    return check_report(cc, failed, loc, "%.*s%.*s%s", pre, message, mark ? n : 0, bytes, mark ? mark + 4 : "");
}

static struct diag *report_ctext_problem(struct check_ctx *cc, uint64_t *failed, struct loc str,
                                         const char *text, struct ctext_problem p)
{
    /* the literal's kind is its quote; every other message quotes the bytes */
    const char *bytes = text + p.at;
    int n = (int)p.len;
    if (strstr(p.message, "literal")) {
        bytes = text[p.at] == '"' ? "string" : "character";
        n = (int)strlen(bytes);
    }
    struct diag *d = report_quoting(cc, failed, string_value_loc(str, p.at, p.len), p.message, n, bytes);
    struct loc other = p.other_at != CTEXT_NONE ? string_value_loc(str, p.other_at, p.other_len)
                                                : string_value_loc(str, p.at, p.len);
    diag_note(d, other, "%s", p.note);
    return d;
}

/* The header's include guard is the one macro of regc's that a block
 * could undo structurally: after `#undef` a second #include of the header
 * declares everything again. */
static struct ctext_problem verbatim_undoes_guard(const char *text, const char *guard)
{
    struct ctext c;
    ctext_init(&c, text);
    for (struct ctok t; ctext_next(&c, &t), t.kind != CTOK_END;)
        if (t.kind == CTOK_DIRECTIVE && ctext_word_is(&t, "undef") && t.macro_len == strlen(guard) &&
            !strncmp(t.macro, guard, t.macro_len))
            return (struct ctext_problem){t.at, (size_t)(t.macro + t.macro_len - (text + t.at)),
                                          "verbatim C undefines the header's include guard: '%.*s'",
                                          "a second #include of the header would then declare everything again",
                                          CTEXT_NONE, 0};
    return no_problem();
}

static void check_verbatim_preprocessor(struct check_ctx *cc)
{
    const struct arch *arch = cc->spec->arch;
    const char *guard = arch && arch->header ? header_guard(&cc->spec->arena, arch->header) : NULL;
    for (size_t i = 0; i < cc->spec->verbatims.len; i++) {
        struct verbatim *v = cc->spec->verbatims.items[i];
        struct ctext_problem p = verbatim_damage(v->text);
        if (p.at == CTEXT_NONE && guard)
            p = verbatim_undoes_guard(v->text, guard);
        if (p.at != CTEXT_NONE)
            report_ctext_problem(cc, &v->failed, v->text_loc, v->text, p);
    }
}

/*
 * An ABI predicate goes into `#if P`, `#endif /+ P +/` comments, and
 * `P || Q` and `(P) && (Q)` conditions: it must be one line of a
 * preprocessor constant expression with nothing that ends a comment, and
 * nothing at its top that binds looser than ||. The rule is C's grammar
 * for #if, over the tokens of the one C-text scanner.
 */
struct pred_parser {
    const char *text;
    struct ctext c;
    struct ctok t;
    unsigned depth;
    struct ctext_problem err;
};

static void pred_next(struct pred_parser *pp)
{
    ctext_next(&pp->c, &pp->t);
    if (pp->t.kind != CTOK_PUNCT)
        return;
    static const char *const two[] = {"&&", "||", "==", "!=", "<=", ">=", "<<", ">>"};
    for (size_t i = 0; i < ARRAY_SIZE(two); i++) {
        if (pp->t.s[0] == two[i][0] && *pp->c.p == two[i][1]) {
            pp->c.p++;
            pp->t.len = 2;
            return;
        }
    }
}

static bool pred_is(const struct pred_parser *pp, const char *op)
{
    return pp->t.kind == CTOK_PUNCT && ctext_word_is(&pp->t, op);
}

static void pred_fail(struct pred_parser *pp, const char *message, const char *note)
{
    /* at the end there is nothing to quote */
    if (pp->t.kind == CTOK_END)
        message = "predicate ends before its expression does";
    if (pp->err.at == CTEXT_NONE)
        pp->err = (struct ctext_problem){pp->t.at, pp->t.len ? pp->t.len : 1, message, note, CTEXT_NONE, 0};
}

static const char pred_rule[] =
    "a predicate is one line of a preprocessor constant expression: names, defined(NAME), integers, "
    "parentheses and C's operators";

/* An integer constant as #if takes it in C89 too: decimal, octal or hex,
 * then u and l in either order (ll is C99's, an error under -pedantic),
 * within the preprocessor's 64 bits (a decimal one without u within the
 * signed range, or the compiler warns that it is unsigned). */
static bool pred_integer(const char *s, size_t n)
{
    size_t i = 0;
    unsigned base = 10;
    if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        base = 16, i = 2;
    else if (s[0] == '0')
        base = 8;
    size_t digits = i;
    uint64_t v = 0;
    bool over = false;
    for (; i < n; i++) {
        char ch = s[i];
        unsigned d = ch >= '0' && ch <= '9' ? (unsigned)(ch - '0')
                   : ch >= 'a' && ch <= 'f' ? (unsigned)(ch - 'a' + 10)
                   : ch >= 'A' && ch <= 'F' ? (unsigned)(ch - 'A' + 10) : 99;
        if (d >= base)
            break;
        over = over || v > (UINT64_MAX - d) / base;
        v = v * base + d;
    }
    if (i == digits)
        return false;
    bool u = false, l = false;
    while (i < n) {
        if ((s[i] == 'u' || s[i] == 'U') && !u) {
            u = true;
            i++;
        } else if ((s[i] == 'l' || s[i] == 'L') && !l) {
            l = true;
            i++;
        } else {
            return false;
        }
    }
    return !over && (base != 10 || u || v <= INT64_MAX);
}

static void pred_conditional(struct pred_parser *pp);

static void pred_primary(struct pred_parser *pp)
{
    if (pp->err.at != CTEXT_NONE)
        return;
    if (++pp->depth > REGC_MAX_NESTING) {
        pred_fail(pp, "'%.*s' nests deeper than regc reads in a predicate", pred_rule);
        return;
    }
    if (pred_is(pp, "-") || pred_is(pp, "+") || pred_is(pp, "!") || pred_is(pp, "~")) {
        pred_next(pp);
        pred_primary(pp);
    } else if (pred_is(pp, "(")) {
        struct ctok open = pp->t;
        pred_next(pp);
        pred_conditional(pp);
        if (pp->err.at == CTEXT_NONE && !pred_is(pp, ")")) {
            pred_fail(pp, "expected ')' in predicate, not '%.*s'", "to close this '('");
            pp->err.other_at = open.at;
            pp->err.other_len = 1;
        }
        pred_next(pp);
    } else if (pp->t.kind == CTOK_WORD && pp->t.s[0] >= '0' && pp->t.s[0] <= '9') {
        if (!pred_integer(pp->t.s, pp->t.len))
            pred_fail(pp, "'%.*s' is not an integer constant", pred_rule);
        pred_next(pp);
    } else if (pp->t.kind == CTOK_WORD && ctext_word_is(&pp->t, "defined")) {
        pred_next(pp);
        bool paren = pred_is(pp, "(");
        if (paren)
            pred_next(pp);
        if (pp->t.kind != CTOK_WORD || (pp->t.s[0] >= '0' && pp->t.s[0] <= '9'))
            pred_fail(pp, "expected a macro name after 'defined', not '%.*s'", pred_rule);
        pred_next(pp);
        if (paren && pp->err.at == CTEXT_NONE && !pred_is(pp, ")"))
            pred_fail(pp, "expected ')' after 'defined(NAME', not '%.*s'", pred_rule);
        if (paren)
            pred_next(pp);
    } else if (pp->t.kind == CTOK_WORD) {
        pred_next(pp);
    } else {
        pred_fail(pp, "expected an operand in predicate, not '%.*s'", pred_rule);
    }
    pp->depth--;
}

/* A number with a nonzero digit (whether it is a valid one, the operand
 * says); a name or an expression may be 0. */
static bool pred_nonzero_number(const struct ctok *t)
{
    if (t->kind != CTOK_WORD || t->s[0] < '0' || t->s[0] > '9')
        return false;
    size_t i = t->len > 2 && (t->s[1] == 'x' || t->s[1] == 'X') ? 2 : 0;
    for (; i < t->len; i++)
        if (strchr("123456789abcdefABCDEF", t->s[i]))
            return true;
    return false;
}

/* Binary operators by how tightly they bind, loosest first. */
static void pred_binary(struct pred_parser *pp, unsigned level)
{
    static const char *const ops[][5] = {
        {"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="}, {"<", ">", "<=", ">="}, {"<<", ">>"},
        {"+", "-"}, {"*", "/", "%"},
    };
    if (level == ARRAY_SIZE(ops)) {
        pred_primary(pp);
        return;
    }
    pred_binary(pp, level + 1);
    for (;;) {
        bool match = false;
        for (size_t i = 0; i < 5 && ops[level][i] && !match; i++)
            match = pred_is(pp, ops[level][i]);
        if (!match || pp->err.at != CTEXT_NONE)
            return;
        bool divides = pred_is(pp, "/") || pred_is(pp, "%");
        pred_next(pp);
        /* Every ABI's predicate is evaluated on every target, where the
         * names it tests are 0: a division by anything but a nonzero
         * number would be a division by zero, an error in #if. */
        if (divides && !pred_nonzero_number(&pp->t)) {
            pred_fail(pp, "'%.*s' divides in a predicate, where it may be 0",
                      "the names a predicate tests are 0 where they are not defined: divide by a nonzero number");
            return;
        }
        pred_binary(pp, level + 1);
    }
}

static void pred_conditional(struct pred_parser *pp)
{
    pred_binary(pp, 0);
    if (pp->err.at != CTEXT_NONE || !pred_is(pp, "?"))
        return;
    if (pp->depth == 0) {
        pred_fail(pp, "'%.*s' at the top of a predicate",
                  "regc joins predicates with ||, which binds tighter than ?:; put the conditional in parentheses");
        return;
    }
    pred_next(pp);
    pred_conditional(pp);
    if (pp->err.at == CTEXT_NONE && !pred_is(pp, ":"))
        pred_fail(pp, "expected ':' in predicate, not '%.*s'", pred_rule);
    pred_next(pp);
    pred_conditional(pp);
}

static struct ctext_problem predicate_problem(const char *text)
{
    size_t tri = ctext_trigraph(text);
    if (tri != CTEXT_NONE)
        return (struct ctext_problem){tri, 3, "trigraph '%.*s' in predicate", trigraph_note, CTEXT_NONE, 0};
    /* The text as tokens first: what may not be in it at all, wherever it is. */
    struct ctext_problem best = no_problem();
    struct ctext c;
    ctext_init(&c, text);
    for (struct ctok t; ctext_next(&c, &t), t.kind != CTOK_END;) {
        if (t.kind == CTOK_LITERAL)
            keep_first(&best, (struct ctext_problem){t.at, 1, "string or character literal in predicate", pred_rule,
                                                     CTEXT_NONE, 0});
        else if (t.kind == CTOK_DIRECTIVE || (t.kind == CTOK_PUNCT && !strchr("!&|=<>()+-*/%^~?:", t.s[0]))) {
            /* quoted whole when it is a multibyte character */
            size_t rest = 0;
            while (rest < 4 && t.s[rest])
                rest++;
            size_t n = t.kind == CTOK_PUNCT ? utf8_char_len(t.s, rest) : 1;
            keep_first(&best, (struct ctext_problem){t.at, n ? n : 1, "'%.*s' in predicate", pred_rule,
                                                     CTEXT_NONE, 0});
        }
    }
    for (size_t i = 0; text[i]; i++)
        if ((unsigned char)text[i] < 0x20 && text[i] != '\t' && text[i] != '\n') {
            keep_first(&best, (struct ctext_problem){i, 1, "control character in predicate%.*s", pred_rule,
                                                     CTEXT_NONE, 0});
            break;
        }
    keep_first(&best, (struct ctext_problem){c.comment, 2, "comment '%.*s' in predicate",
                                             "regc writes the predicate into '#endif /* ... */' comments, which "
                                             "a comment in it would end", CTEXT_NONE, 0});
    keep_first(&best, (struct ctext_problem){c.line_break, 1, "line break in predicate%.*s",
                                             "it would end the '#if' line and start a line of its own",
                                             CTEXT_NONE, 0});
    keep_first(&best, (struct ctext_problem){c.splice, 1, "line splice '%.*s' in predicate",
                                             "a predicate is one line: the splice would join the next line of "
                                             "the header to it", CTEXT_NONE, 0});
    if (best.at != CTEXT_NONE)
        return best;
    struct pred_parser pp = {.text = text, .err = no_problem()};
    ctext_init(&pp.c, text);
    pred_next(&pp);
    pred_conditional(&pp);
    if (pp.err.at == CTEXT_NONE && pp.t.kind != CTOK_END)
        pred_fail(&pp, pred_is(&pp, ")") ? "'%.*s' without '(' in predicate" : "expected an operator in predicate, "
                                                                                "not '%.*s'", pred_rule);
    return pp.err;
}

static void check_abi_invalid_predicate(struct check_ctx *cc)
{
    const struct arch *arch = cc->spec->arch;
    for (size_t i = 0; arch && i < arch->nabis; i++) {
        struct abi *abi = arch->abis[i];
        if (!abi->predicate)
            continue;
        struct ctext_problem p = predicate_problem(abi->predicate);
        if (p.at == CTEXT_NONE)
            continue;
        /* a line break or control character is not quoted: %.*s of 0 bytes */
        int shown = strstr(p.message, "line break") || strstr(p.message, "control") ? 0 : (int)p.len;
        struct loc at = string_value_loc(abi->predicate_loc, p.at, p.len);
        struct diag *d = report_quoting(cc, &abi->failed, at, p.message, shown, abi->predicate + p.at);
        struct loc other = p.other_at != CTEXT_NONE ? string_value_loc(abi->predicate_loc, p.other_at, p.other_len)
                                                    : at;
        diag_note(d, other, "%s", p.note);
    }
}

/* ---- guest handles ---------------------------------------------------- */

/*
 * regc does not define Xen's guest-handle machinery: the specs copy it in
 * verbatim, spelt as Xen spells it, so that the headers stay drop-in. A
 * declaration that uses a handle needs its macro defined by verbatim
 * blocks before it, wherever the header shows it: in each view, on each
 * ABI, for each __XEN_INTERFACE_VERSION__ it is shown for.
 */
enum { HM_DEFINE, HM_HANDLE, HM_HANDLE64, HM_COUNT };

static const struct {
    const char *name, *example;
} handle_macros[HM_COUNT] = {
    {"DEFINE_XEN_GUEST_HANDLE", "#define DEFINE_XEN_GUEST_HANDLE(name) typedef struct { name *p; } __guest_handle_ ## name"},
    {"XEN_GUEST_HANDLE", "#define XEN_GUEST_HANDLE(name) __guest_handle_ ## name"},
    {"XEN_GUEST_HANDLE_64", "#define XEN_GUEST_HANDLE_64(name) __guest_handle_64_ ## name"},
};

enum { NVIEWS = 3 }; /* guest, toolstack, hypervisor: VIEW_* bit k */

/* Where a declaration is shown: per view, its ABIs and the interface
 * versions [lo, hi) (hi UINT64_MAX: no bound). */
struct shown {
    uint64_t abis[NVIEWS];
    uint64_t lo[NVIEWS], hi[NVIEWS];
};

static struct shown shown_where(const struct visibility *vis, uint64_t abis, unsigned views)
{
    struct shown s = {{0}, {0}, {0}};
    for (unsigned k = 0; k < NVIEWS; k++) {
        unsigned view = 1u << k;
        uint64_t lo = 0, hi = UINT64_MAX;
        bool in = false;
        if (vis->kind == VIS_GUEST) {
            in = true;
            lo = vis->has_since ? vis->since : 0;
            hi = vis->has_until ? vis->until : UINT64_MAX;
        } else if (vis->kind == VIS_TOOLS) {
            in = view != VIEW_GUEST || vis->guest_window;
            hi = view == VIEW_GUEST ? vis->until : UINT64_MAX;
        } else if (vis->kind == VIS_XEN) {
            in = view == VIEW_XEN;
        }
        if (in && (views & view) && lo < hi) {
            s.abis[k] = abis;
            s.lo[k] = lo;
            s.hi[k] = hi;
        }
    }
    return s;
}

/* Disjoint, non-adjacent intervals of interface versions, sorted: a
 * block is almost always for every version, one interval, and the
 * searches keep thousands of windowed blocks cheap. */
struct versions {
    struct { uint64_t lo, hi; } *v;
    size_t n, cap;
};

/* The first interval that ends at or after x (n when none). */
static size_t versions_from(const struct versions *s, uint64_t x)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->v[mid].hi < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool versions_cover(const struct versions *s, uint64_t lo, uint64_t hi)
{
    size_t i = versions_from(s, hi);
    return i < s->n && s->v[i].lo <= lo;
}

static void versions_add(struct versions *s, uint64_t lo, uint64_t hi)
{
    if (versions_cover(s, lo, hi))
        return;
    /* [first, last) are the intervals it overlaps or touches */
    size_t first = versions_from(s, lo), last = first;
    for (; last < s->n && s->v[last].lo <= hi; last++) {
        lo = s->v[last].lo < lo ? s->v[last].lo : lo;
        hi = s->v[last].hi > hi ? s->v[last].hi : hi;
    }
    if (first == last) {
        if (s->n == s->cap) {
            s->cap = s->cap ? s->cap * 2 : 4;
            s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
        }
        memmove(&s->v[first + 1], &s->v[first], (s->n - first) * sizeof(*s->v));
        s->n++;
    } else {
        memmove(&s->v[first + 1], &s->v[last], (s->n - last) * sizeof(*s->v));
        s->n -= last - first - 1;
    }
    s->v[first].lo = lo;
    s->v[first].hi = hi;
}

struct handle_walk {
    struct check_ctx *cc;
    unsigned nabis;
    struct versions *defined; /* [macro][view][abi] */
    const struct verbatim *last_def[HM_COUNT]; /* the latest block that defines it, for notes */
};

static struct versions *defined_at(struct handle_walk *hw, unsigned macro, unsigned view, unsigned abi)
{
    return &hw->defined[(macro * NVIEWS + view) * hw->nabis + abi];
}

static const char *const view_words[NVIEWS] = {"guests", "the toolstack", "the hypervisor"};

/* The first place the declaration is shown and the macro is not defined
 * before it; false when there is none. */
static bool handle_gap(struct handle_walk *hw, unsigned macro, const struct shown *s, unsigned *view, unsigned *abi)
{
    for (unsigned k = 0; k < NVIEWS; k++)
        for (unsigned a = 0; a < hw->nabis; a++)
            if ((s->abis[k] >> a & 1) && !versions_cover(defined_at(hw, macro, k, a), s->lo[k], s->hi[k])) {
                *view = k;
                *abi = a;
                return true;
            }
    return false;
}

static void handle_need(struct handle_walk *hw, uint64_t *failed, bool *said, unsigned macro, struct loc at,
                        const char *what, const struct shown *s)
{
    unsigned view, abi;
    if (said[macro] || !handle_gap(hw, macro, s, &view, &abi))
        return;
    said[macro] = true;
    const char *name = handle_macros[macro].name;
    struct diag *d = check_report(hw->cc, failed, at, "%s, but no verbatim block before it defines %s for %s on %s",
                                  what, name, view_words[view], hw->cc->spec->arch->abis[abi]->name.text);
    const struct verbatim *last = hw->last_def[macro];
    if (last)
        diag_note(d, last->loc, "this block defines %s, but is not shown everywhere the declaration is", name);
    diag_note(d, at, "regc does not define Xen's guest-handle macros; define %s in a verbatim block before this "
                     "declaration, e.g. verbatim guest \"%s\";", name, handle_macros[macro].example);
}

static bool is_handle(const struct type_ref *t)
{
    return t->kind == TR_HANDLE || t->kind == TR_HANDLE64;
}

static void handle_type(struct handle_walk *hw, uint64_t *failed, bool *said, const struct type_ref *t,
                        const char *what, const struct shown *s)
{
    if (t->kind == TR_HANDLE)
        handle_need(hw, failed, said, HM_HANDLE, t->loc, what, s);
    else if (t->kind == TR_HANDLE64)
        handle_need(hw, failed, said, HM_HANDLE64, t->loc, what, s);
}

static void handle_members(struct handle_walk *hw, struct aggregate *top, bool *said,
                           const struct aggregate *agg, uint64_t abis)
{
    struct arena *a = &hw->cc->spec->arena;
    for (size_t i = 0; i < agg->nmembers; i++) {
        const struct member *m = agg->members[i];
        uint64_t mabis = abis & m->cond.abi_mask;
        const char *mname = m->name.text ? m->name.text : "(anonymous)";
        if (is_handle(&m->type)) {
            struct shown s = shown_where(&top->vis, mabis, m->cond.views);
            handle_type(hw, &top->failed, said, &m->type,
                        arena_printf(a, "member '%s' of %s '%s' is a guest handle", mname, agg_kind_name(top),
                                     top->name.text), &s);
        }
        for (size_t j = 0; j < m->naliases; j++) {
            const struct alias *x = m->aliases[j];
            if (!is_handle(&x->type))
                continue;
            struct shown xs = shown_where(&top->vis, mabis & x->cond.abi_mask, m->cond.views & x->cond.views);
            handle_type(hw, &top->failed, said, &x->type,
                        arena_printf(a, "alias '%s' of %s '%s' is a guest handle", x->name.text,
                                     agg_kind_name(top), top->name.text), &xs);
        }
        if (m->kind == MEMBER_AGG && m->type.inline_agg)
            handle_members(hw, top, said, m->type.inline_agg, mabis);
    }
}

static void handle_defines(struct handle_walk *hw, const struct verbatim *v)
{
    struct shown s = shown_where(&v->vis, v->cond.abi_mask, VIEW_ALL);
    struct ctext c;
    ctext_init(&c, v->text);
    for (struct ctok t; ctext_next(&c, &t), t.kind != CTOK_END;) {
        if (t.kind != CTOK_DIRECTIVE || !t.macro_len || !ctext_word_is(&t, "define"))
            continue;
        for (unsigned m = 0; m < HM_COUNT; m++) {
            if (strlen(handle_macros[m].name) != t.macro_len || strncmp(t.macro, handle_macros[m].name, t.macro_len))
                continue;
            hw->last_def[m] = v;
            for (unsigned k = 0; k < NVIEWS; k++)
                for (unsigned a = 0; a < hw->nabis; a++)
                    if (s.abis[k] >> a & 1)
                        versions_add(defined_at(hw, m, k, a), s.lo[k], s.hi[k]);
        }
    }
}

static void check_handle_macro_missing(struct check_ctx *cc)
{
    struct spec *spec = cc->spec;
    if (!spec->arch || !spec->arch->nabis || check_skip(cc, 0))
        return;
    struct handle_walk hw = {cc, spec->arch->nabis, NULL, {NULL}};
    size_t nlists = (size_t)HM_COUNT * NVIEWS * hw.nabis;
    hw.defined = xmalloc(nlists * sizeof(*hw.defined));
    memset(hw.defined, 0, nlists * sizeof(*hw.defined));
    /* in the header's order, which is the spec's: a macro is defined for
     * what comes after it */
    for (size_t i = 0; i < spec->nitems; i++) {
        struct item *it = spec->items[i];
        bool said[HM_COUNT] = {false};
        if (it->kind == ITEM_VERBATIM) {
            handle_defines(&hw, it->u.verbatim);
        } else if (it->kind == ITEM_TYPEDEF && !check_skip(cc, it->u.td->failed)) {
            struct typedef_decl *t = it->u.td;
            struct shown s = shown_where(&t->vis, t->cond.abi_mask, VIEW_ALL);
            const char *what = arena_printf(&spec->arena, "typedef '%s' declares a guest handle", t->name.text);
            if (t->guest_handle)
                handle_need(&hw, &t->failed, said, HM_DEFINE, t->loc, what, &s);
            if (is_handle(&t->type))
                handle_type(&hw, &t->failed, said, &t->type,
                            arena_printf(&spec->arena, "typedef '%s' is a guest handle", t->name.text), &s);
        } else if (it->kind == ITEM_AGGREGATE && !it->u.agg->old_of.text && !check_skip(cc, it->u.agg->failed)) {
            /* older layouts are the translation header's, which has handles of its own */
            struct aggregate *agg = it->u.agg;
            handle_members(&hw, agg, said, agg, agg->cond.abi_mask);
        }
    }
    for (size_t i = 0; i < nlists; i++)
        free(hw.defined[i].v);
    free(hw.defined);
}

/*
 * handle(T) is XEN_GUEST_HANDLE(T), a type that DEFINE_XEN_GUEST_HANDLE(T)
 * declares: regc writes that for a typedef that says `handle`, and a
 * verbatim block may write it itself. Anything else (a typedef without
 * `handle`, a struct, a base type) names a type nothing declares.
 */
static void handle_invocations(struct arena *a, struct symtab *made, const char *text)
{
    struct ctext c;
    ctext_init(&c, text);
    struct ctok t, open, name;
    for (ctext_next(&c, &t); t.kind != CTOK_END;) {
        if (t.kind != CTOK_WORD || !(ctext_word_is(&t, "DEFINE_XEN_GUEST_HANDLE") ||
                                     ctext_word_is(&t, "__DEFINE_XEN_GUEST_HANDLE"))) {
            ctext_next(&c, &t);
            continue;
        }
        ctext_next(&c, &open);
        if (open.kind != CTOK_PUNCT || *open.s != '(') {
            t = open;
            continue;
        }
        ctext_next(&c, &name);
        if (name.kind == CTOK_WORD)
            symtab_set(made, arena_strndup(a, name.s, name.len), (void *)1);
        t = name;
    }
}

static bool handle_target_made(const struct type_ref *t, const struct symtab *made)
{
    for (const struct typedef_decl *td = t->cls == TC_TYPEDEF ? t->td : NULL; td; td = td->next_variant)
        if (td->guest_handle)
            return true;
    return symtab_get(made, t->name.text) != NULL;
}

static void handle_target_check(struct check_ctx *cc, uint64_t *failed, const struct type_ref *t,
                                const struct symtab *made)
{
    if (!is_handle(t) || !t->name.text || t->cls == TC_UNRESOLVED || handle_target_made(t, made))
        return;
    const char *what = t->cls == TC_TYPEDEF ? "typedef" : t->cls == TC_AGG ? agg_kind_name(t->agg) : "base type";
    struct diag *d = check_report(cc, failed, t->loc, "%s(%s) names %s '%s', which has no guest handle",
                                  t->kind == TR_HANDLE64 ? "handle64" : "handle", t->name.text, what, t->name.text);
    if (t->cls == TC_TYPEDEF)
        diag_note(d, t->td->name.loc, "say 'handle' at the end of the typedef, and the header declares its "
                                      "handle with DEFINE_XEN_GUEST_HANDLE(%s)", t->name.text);
    else
        diag_note(d, t->loc, "a handle is of a typedef that says 'handle', e.g. 'typedef struct foo foo_t guest "
                             "handle;', or of a name a verbatim block before it passes to "
                             "DEFINE_XEN_GUEST_HANDLE()");
}

static void handle_target_members(struct check_ctx *cc, struct aggregate *top, const struct aggregate *agg,
                                  const struct symtab *made)
{
    for (size_t i = 0; i < agg->nmembers; i++) {
        const struct member *m = agg->members[i];
        handle_target_check(cc, &top->failed, &m->type, made);
        for (size_t j = 0; j < m->naliases; j++)
            handle_target_check(cc, &top->failed, &m->aliases[j]->type, made);
        if (m->kind == MEMBER_AGG && m->type.inline_agg)
            handle_target_members(cc, top, m->type.inline_agg, made);
    }
}

static void check_handle_type_undeclared(struct check_ctx *cc)
{
    struct spec *spec = cc->spec;
    if (check_skip(cc, 0))
        return;
    struct symtab *made = symtab_new();
    for (size_t i = 0; i < spec->nitems; i++) {
        struct item *it = spec->items[i];
        if (it->kind == ITEM_VERBATIM)
            handle_invocations(&spec->arena, made, it->u.verbatim->text);
        else if (it->kind == ITEM_TYPEDEF && !check_skip(cc, it->u.td->failed))
            handle_target_check(cc, &it->u.td->failed, &it->u.td->type, made);
        else if (it->kind == ITEM_AGGREGATE && !it->u.agg->old_of.text && !check_skip(cc, it->u.agg->failed))
            handle_target_members(cc, it->u.agg, it->u.agg, made);
    }
    symtab_free(made);
}

/* Every macro the headers define, from constants, flags and registers,
 * in one table: C has a single macro namespace. */
struct macro_seen {
    const char *name;
    struct loc loc;
    const char *what;
    const struct field *field; /* a register field's macro: "field 'F' of" what */
};

/* The descriptions are formatted only when a collision is reported: a
 * spec defines hundreds of thousands of macros and collides on few. */
struct macro_check {
    struct check_ctx *cc;
    struct symtab *seen;
    struct arena *records; /* where the macro_seen records go */
    uint64_t *failed;
    const char *what;
    const struct field *field;
};

static const char *macro_seen_what(struct arena *a, const char *what, const struct field *field)
{
    return field ? arena_printf(a, "field '%s' of %s", field->name.text, what) : what;
}

static void macro_claim(struct macro_check *mc, const char *name, struct loc loc)
{
    struct arena *a = &mc->cc->spec->arena;
    struct macro_seen *m = ARENA_NEW(mc->records, struct macro_seen);
    m->name = name;
    m->loc = loc;
    m->what = mc->what;
    m->field = mc->field;
    /* one probe of the table, which is too big for any cache */
    struct macro_seen *prev = symtab_put(mc->seen, name, m);
    if (prev) {
        struct diag *d = check_report(mc->cc, mc->failed, loc, "%s would define macro '%s' a second time",
                                      macro_seen_what(a, mc->what, mc->field), name);
        diag_note(d, prev->loc, "%s defines it", macro_seen_what(a, prev->what, prev->field));
    }
}

static void macro_claim_reg(void *ctx, const struct reg_macro *m)
{
    struct macro_check *mc = ctx;
    mc->field = m->field;
    macro_claim(mc, m->name, m->loc);
    mc->field = NULL;
}

/*
 * Every macro of register R is R's name, '_' and more. So R's macros can
 * meet another's only when some other name (a register, a constant, a
 * flag's macro) starts with R's name and '_': only such registers, and the
 * names that start with theirs, share the table of constants and flags.
 * Every other register is checked against itself alone, in a table that
 * is emptied after it, so that 100k registers (3M macros) never build one
 * table of every macro, which costs a cache miss per macro.
 */
struct macro_prefixes {
    const struct spec *spec;
    struct symtab *shared; /* names of the registers whose macros share the table */
    struct buf prefix;
};

/* The register called NAME's own copy of its name, or NULL. */
static const char *register_name(const struct spec *spec, const char *name)
{
    for (const struct sym *s = symtab_get(spec->registers, name); s; s = s->next)
        if (s->kind == SYM_REGISTER)
            return s->name;
    return NULL;
}

/* Marks every register whose name followed by '_' begins NAME, and the
 * register SELF_NAME (when not NULL) too if there was one. Keys are names
 * that live in the spec. */
static void mark_register_prefixes(struct macro_prefixes *mp, const char *name, const char *self_name)
{
    for (const char *u = strchr(name + 1, '_'); u; u = strchr(u + 1, '_')) {
        mp->prefix.len = 0;
        buf_put(&mp->prefix, name, (size_t)(u - name));
        const char *reg = register_name(mp->spec, mp->prefix.data);
        if (!reg)
            continue;
        symtab_set(mp->shared, reg, (void *)reg);
        if (self_name)
            symtab_set(mp->shared, self_name, (void *)self_name);
    }
}

/*
 * The accessor header names registers and features in one C namespace, in
 * another case than the spec: enum PREFIX_feature holds PREFIX_<feature>
 * as written, enum PREFIX_register holds PREFIX_REG_<REGISTER> upper-cased,
 * and each register's functions start with its name lower-cased. So `foo`
 * and `FOO` define one function twice, and a feature REG_SIE is the
 * register SIE's enumerator. The regs header keeps the spec's case and
 * cannot meet these, so they get a table of their own.
 */
struct accessor_name {
    struct loc loc;
    const char *what;
};

static const char *fold_case(struct arena *a, const char *s, bool upper)
{
    char *out = arena_printf(a, "%s", s);
    for (char *p = out; *p; p++) {
        if (upper && *p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
        else if (!upper && *p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    }
    return out;
}

static void accessor_claim(struct check_ctx *cc, struct symtab *seen, uint64_t *failed, const char *name,
                           struct loc loc, const char *what)
{
    struct arena *a = &cc->spec->arena;
    struct accessor_name *n = ARENA_NEW(a, struct accessor_name);
    n->loc = loc;
    n->what = what;
    struct accessor_name *prev = symtab_put(seen, name, n);
    if (!prev)
        return;
    struct diag *d = check_report(cc, failed, loc, "%s would be '%s' in the accessor header, as %s is",
                                  what, name, prev->what);
    diag_note(d, prev->loc, "%s is declared here", prev->what);
}

static void check_accessor_names(struct check_ctx *cc)
{
    struct spec *spec = cc->spec;
    if (!spec->arch || !spec->arch->name.text)
        return;
    struct arena *a = &spec->arena;
    const char *prefix = fold_case(a, spec->arch->name.text, true);
    struct symtab *seen = symtab_new();
    /* the header's own macros (the counts, ARCH_INLINE, ...) are beside
     * the enumerators */
    struct accessor_name *helper = ARENA_NEW(a, struct accessor_name);
    helper->loc = spec->arch->name.loc;
    helper->what = "the accessor header's own macro";
    for (size_t i = 0; i < arch_helper_upper_count; i++)
        symtab_put(seen, arena_printf(a, "%s_%s", prefix, arch_helper_upper[i]), helper);
    for (size_t i = 0; i < spec->features.len; i++) {
        struct feature *f = spec->features.items[i];
        if (check_skip(cc, f->failed))
            continue;
        accessor_claim(cc, seen, &f->failed, arena_printf(a, "%s_%s", prefix, f->name.text), f->name.loc,
                       arena_printf(a, "feature '%s'", f->name.text));
    }
    for (size_t i = 0; i < spec->regs.len; i++) {
        struct reg *r = spec->regs.items[i];
        if (r->width > 64 || !r->masks_ok || check_skip(cc, r->failed))
            continue; /* no accessors */
        /* names equal upper-cased are equal lower-cased: one claim covers
         * the enumerator and the functions */
        accessor_claim(cc, seen, &r->failed, arena_printf(a, "%s_REG_%s", prefix, fold_case(a, r->name.text, true)),
                       r->name.loc, arena_printf(a, "register '%s'", r->name.text));
    }
    symtab_free(seen);
}

static void check_macro_collision(struct check_ctx *cc)
{
    struct spec *spec = cc->spec;
    struct arena *ar = &spec->arena;
    struct macro_check mc = {cc, symtab_new(), ar, NULL, NULL, NULL};
    struct macro_prefixes mp = {spec, symtab_new(), {0}};
    for (size_t i = 0; i < spec->regs.len; i++) {
        struct reg *r = spec->regs.items[i];
        const struct sym *s = symtab_get(spec->registers, r->name.text);
        if (s && s->decl != r) /* a second register of one name */
            symtab_set(mp.shared, s->name, (void *)s->name);
        mark_register_prefixes(&mp, r->name.text, r->name.text);
    }
    /* constants and flags first: their names are the author's own */
    for (size_t i = 0; i < spec->consts.len; i++) {
        struct const_decl *c = spec->consts.items[i];
        if (check_skip(cc, c->failed))
            continue;
        mark_register_prefixes(&mp, c->name.text, NULL);
        mc.failed = &c->failed;
        mc.what = arena_printf(ar, "constant '%s'", c->name.text);
        /* per-ABI variants of one constant share their name */
        struct macro_seen *prev = symtab_get(mc.seen, c->name.text);
        if (!prev || !c->cond.present)
            macro_claim(&mc, c->name.text, c->name.loc);
    }
    for (size_t i = 0; i < spec->flagsets.len; i++) {
        struct flagset *fs = spec->flagsets.items[i];
        if (check_skip(cc, fs->failed))
            continue;
        mc.failed = &fs->failed;
        for (size_t j = 0; j < fs->nflags; j++) {
            const char *name = arena_printf(ar, "%s_%s", fs->name.text, fs->flags[j]->name.text);
            mark_register_prefixes(&mp, name, NULL);
            mc.what = arena_printf(ar, "flag '%s' of '%s'", fs->flags[j]->name.text, fs->name.text);
            macro_claim(&mc, arena_printf(ar, "_%s", name), fs->flags[j]->name.loc);
            macro_claim(&mc, name, fs->flags[j]->name.loc);
        }
    }
    struct symtab *shared = mc.seen;
    struct arena scratch;
    arena_init(&scratch);
    for (size_t i = 0; i < spec->regs.len; i++) {
        struct reg *r = spec->regs.items[i];
        if (check_skip(cc, r->failed))
            continue;
        mc.failed = &r->failed;
        mc.what = arena_printf(ar, "register '%s'", r->name.text);
        if (symtab_get(mp.shared, r->name.text)) {
            mc.seen = shared;
            mc.records = ar;
            reg_macros(ar, r, macro_claim_reg, &mc);
        } else {
            /* names and records live until the register is done */
            struct arena_mark mark = arena_mark(&scratch);
            mc.seen = symtab_new();
            mc.records = &scratch;
            reg_macros(&scratch, r, macro_claim_reg, &mc);
            symtab_free(mc.seen);
            arena_reset(&scratch, mark);
        }
    }
    arena_free(&scratch);
    symtab_free(shared);
    symtab_free(mp.shared);
    buf_free(&mp.prefix);
    check_accessor_names(cc);
}

/* ---- macro-shadows-name ------------------------------------------------- */

/*
 * Constants and flags are object-like macros of the public header, and
 * the preprocessor rewrites every later token of their name: a member,
 * tag or typedef of that name, in this header or in the accessor and
 * translation headers that include it, turns into a number. C compilers
 * then fail far from the cause, or, for an enumerator, not at all.
 */
struct shadowed_name {
    struct loc loc;
    const char *what;
};

static void shadow_add(struct arena *a, struct symtab *names, const char *name, struct loc loc, const char *what)
{
    if (!name || symtab_get(names, name))
        return;
    struct shadowed_name *n = ARENA_NEW(a, struct shadowed_name);
    n->loc = loc;
    n->what = what;
    symtab_put(names, name, n);
}

static void shadow_add_members(struct arena *a, struct symtab *names, const struct aggregate *agg,
                               const char *owner)
{
    for (size_t i = 0; i < agg->nmembers; i++) {
        const struct member *m = agg->members[i];
        if (m->name.text)
            shadow_add(a, names, m->name.text, m->name.loc, arena_printf(a, "member '%s' of %s", m->name.text, owner));
        for (size_t j = 0; j < m->naliases; j++)
            shadow_add(a, names, m->aliases[j]->name.text, m->aliases[j]->name.loc,
                       arena_printf(a, "member '%s' of %s", m->aliases[j]->name.text, owner));
        if (m->kind == MEMBER_AGG && m->type.inline_agg)
            shadow_add_members(a, names, m->type.inline_agg, owner);
    }
}

static void shadow_check(struct check_ctx *cc, struct symtab *names, uint64_t *failed, const char *macro,
                         struct loc loc, const char *what)
{
    const struct shadowed_name *n = symtab_get(names, macro);
    if (!n)
        return;
    struct diag *d = check_report(cc, failed, loc, "%s would be a macro '%s', which rewrites %s", what, macro,
                                  n->what);
    diag_note(d, n->loc, "%s is declared here; rename one of them", n->what);
}

static void check_macro_shadows_name(struct check_ctx *cc)
{
    struct spec *spec = cc->spec;
    struct arena *a = &spec->arena;
    if (check_skip(cc, 0))
        return;
    struct symtab *names = symtab_new();
    for (size_t i = 0; i < spec->aggs.len; i++) {
        const struct aggregate *agg = spec->aggs.items[i];
        const char *owner = arena_printf(a, "%s '%s'", agg_kind_name(agg), agg->name.text);
        shadow_add(a, names, agg->name.text, agg->name.loc, owner);
        shadow_add_members(a, names, agg, owner);
    }
    for (size_t i = 0; i < spec->typedefs.len; i++) {
        const struct typedef_decl *td = spec->typedefs.items[i];
        shadow_add(a, names, td->name.text, td->name.loc, arena_printf(a, "typedef '%s'", td->name.text));
    }
    /* the accessor header's enumerators, spelt as check_accessor_names does,
     * and the accessor and translation headers' own names */
    if (spec->arch && spec->arch->name.text) {
        const char *prefix = fold_case(a, spec->arch->name.text, true);
        const char *lower = fold_case(a, spec->arch->name.text, false);
        for (size_t i = 0; i < arch_helper_upper_count; i++)
            shadow_add(a, names, arena_printf(a, "%s_%s", prefix, arch_helper_upper[i]), spec->arch->name.loc,
                       arena_printf(a, "the accessor header's own '%s_%s'", prefix, arch_helper_upper[i]));
        for (size_t i = 0; i < arch_helper_lower_count; i++)
            shadow_add(a, names, arena_printf(a, "%s_%s", lower, arch_helper_lower[i]), spec->arch->name.loc,
                       arena_printf(a, "the accessor header's own '%s_%s'", lower, arch_helper_lower[i]));
        for (size_t i = 0; i < spec->features.len; i++) {
            const struct feature *f = spec->features.items[i];
            shadow_add(a, names, arena_printf(a, "%s_%s", prefix, f->name.text), f->name.loc,
                       arena_printf(a, "the accessor header's enumerator for feature '%s'", f->name.text));
        }
        for (size_t i = 0; i < spec->regs.len; i++) {
            const struct reg *r = spec->regs.items[i];
            if (r->width <= 64)
                shadow_add(a, names, arena_printf(a, "%s_REG_%s", prefix, fold_case(a, r->name.text, true)),
                           r->name.loc, arena_printf(a, "the accessor header's enumerator for register '%s'",
                                                     r->name.text));
        }
    }
    for (size_t i = 0; i < spec->consts.len; i++) {
        struct const_decl *c = spec->consts.items[i];
        if (!check_skip(cc, c->failed))
            shadow_check(cc, names, &c->failed, c->name.text, c->name.loc,
                         arena_printf(a, "constant '%s'", c->name.text));
    }
    for (size_t i = 0; i < spec->flagsets.len; i++) {
        struct flagset *fs = spec->flagsets.items[i];
        if (check_skip(cc, fs->failed))
            continue;
        for (size_t j = 0; j < fs->nflags; j++) {
            const struct flag *f = fs->flags[j];
            const char *name = arena_printf(a, "%s_%s", fs->name.text, f->name.text);
            const char *what = arena_printf(a, "flag '%s' of '%s'", f->name.text, fs->name.text);
            shadow_check(cc, names, &fs->failed, name, f->name.loc, what);
            shadow_check(cc, names, &fs->failed, arena_printf(a, "_%s", name), f->name.loc, what);
        }
    }
    symtab_free(names);
}

/*
 * --reserved-macros: the headers a generated one is included beside (Xen's
 * asm/ and xen/ headers) define these names already, so a header of this
 * spec that defined one too would be refused by the compiler (or, worse,
 * redefine it identically today and differently tomorrow). Constants,
 * flags and every register macro, each at the declaration it comes from.
 */
struct reserved_check {
    struct check_ctx *cc;
    uint64_t *failed;
    const char *what;
};

static void reserved_claim(struct reserved_check *rc, const char *name, struct loc loc, const struct field *field)
{
    const struct reserved_macro *r = symtab_get(rc->cc->spec->reserved_macros, name);
    if (!r)
        return;
    struct arena *a = &rc->cc->spec->arena;
    check_report(rc->cc, rc->failed, loc, "%s would define macro '%s', which %s:%u reserves",
                 macro_seen_what(a, rc->what, field), name, r->file, r->line);
}

static void reserved_claim_reg(void *ctx, const struct reg_macro *m)
{
    reserved_claim(ctx, m->name, m->loc, m->field);
}

static void check_macro_reserved(struct check_ctx *cc)
{
    struct spec *spec = cc->spec;
    if (!spec->reserved_macros)
        return;
    struct arena *ar = &spec->arena;
    struct reserved_check rc = {cc, NULL, NULL};
    for (size_t i = 0; i < spec->consts.len; i++) {
        struct const_decl *c = spec->consts.items[i];
        if (check_skip(cc, c->failed))
            continue;
        rc.failed = &c->failed;
        rc.what = arena_printf(ar, "constant '%s'", c->name.text);
        reserved_claim(&rc, c->name.text, c->name.loc, NULL);
    }
    for (size_t i = 0; i < spec->flagsets.len; i++) {
        struct flagset *fs = spec->flagsets.items[i];
        if (check_skip(cc, fs->failed))
            continue;
        rc.failed = &fs->failed;
        for (size_t j = 0; j < fs->nflags; j++) {
            const char *name = arena_printf(ar, "%s_%s", fs->name.text, fs->flags[j]->name.text);
            rc.what = arena_printf(ar, "flag '%s' of '%s'", fs->flags[j]->name.text, fs->name.text);
            reserved_claim(&rc, arena_printf(ar, "_%s", name), fs->flags[j]->name.loc, NULL);
            reserved_claim(&rc, name, fs->flags[j]->name.loc, NULL);
        }
    }
    struct arena scratch;
    arena_init(&scratch);
    for (size_t i = 0; i < spec->regs.len; i++) {
        struct reg *r = spec->regs.items[i];
        if (check_skip(cc, r->failed))
            continue;
        rc.failed = &r->failed;
        rc.what = arena_printf(ar, "register '%s'", r->name.text);
        struct arena_mark mark = arena_mark(&scratch);
        reg_macros(&scratch, r, reserved_claim_reg, &rc);
        arena_reset(&scratch, mark);
    }
    arena_free(&scratch);
}

/* ---- layout stage ---------------------------------------------------- */

static const char *abi_list_text(struct check_ctx *cc, uint64_t mask)
{
    struct buf b = {0};
    for (unsigned i = 0; i < cc->spec->arch->nabis; i++)
        if (mask & (1ull << i))
            buf_printf(&b, "%s%s", b.len ? ", " : "", cc->spec->arch->abis[i]->name.text);
    const char *s = arena_strdup(&cc->spec->arena, b.data ? b.data : "");
    buf_free(&b);
    return s;
}

static void alias_width_member(struct check_ctx *cc, struct aggregate *top, struct member *m, uint64_t abis)
{
    if (!m->naliases || check_skip(cc, m->failed))
        return;
    for (size_t j = 0; j < m->naliases; j++) {
        struct alias *a = m->aliases[j];
        uint64_t bad_abis = 0;
        uint64_t slot = 0, size = 0;
        for (unsigned abi = 0; abi < cc->spec->arch->nabis; abi++) {
            uint64_t in = abis & a->cond.abi_mask;
            if (!(in & (1ull << abi)))
                continue;
            const struct member_layout *ml = member_layout_on(m, abi);
            const struct member_layout *al = alias_layout_on(a, abi);
            if (!ml || !al)
                continue;
            if (a->offset > ml->size || al->size > ml->size - a->offset) {
                bad_abis |= 1ull << abi;
                slot = ml->size;
                size = al->size;
            }
        }
        if (!bad_abis)
            continue;
        struct diag *d = check_report(cc, &top->failed, a->name.loc,
                                      "%" PRIu64 "-byte alias '%s' at offset %" PRIu64
                                      " does not fit %" PRIu64 "-byte slot '%s' on %s",
                                      size, a->name.text, a->offset, slot, m->name.text,
                                      abi_list_text(cc, bad_abis));
        diag_note(d, m->name.loc, "the slot is declared here");
    }
}

static void check_alias_too_wide(struct check_ctx *cc)
{
    if (check_skip(cc, 0))
        return;
    visit_all_members(cc, alias_width_member);
    check_align_layout(cc);
}

/*
 * The layout checks report about the top-level struct the user declared:
 * offsets are from its start, whatever inline struct or union a member is
 * nested in (as the layout report prints them), and members are named by
 * their C path from it ('fpu.x'; an anonymous level adds nothing, as in C).
 */

/* Where an inline aggregate starts inside its top-level struct, per ABI. */
struct nest {
    const char *prefix;      /* C path of the aggregate's members: "", "fpu." */
    uint64_t base[64];       /* offset of the aggregate on each ABI */
};

static void nest_enter(struct check_ctx *cc, const struct nest *outer, const struct member *m,
                       struct nest *inner)
{
    inner->prefix = m->name.text ? arena_printf(&cc->spec->arena, "%s%s.", outer->prefix, m->name.text)
                                 : outer->prefix;
    for (unsigned abi = 0; abi < cc->spec->arch->nabis && abi < 64; abi++) {
        const struct member_layout *ml = member_layout_on(m, abi);
        inner->base[abi] = outer->base[abi] + (ml ? ml->offset : 0);
    }
}

/* "'fpu.x'", or "an anonymous union" for a nested aggregate without a name. */
static const char *member_label(struct check_ctx *cc, const struct nest *n, const struct member *m)
{
    if (m->name.text)
        return arena_printf(&cc->spec->arena, "'%s%s'", n->prefix, m->name.text);
    if (m->kind == MEMBER_AGG && m->type.inline_agg)
        return arena_printf(&cc->spec->arena, "an anonymous %s", agg_kind_name(m->type.inline_agg));
    return "an unnamed member";
}

static bool is_inline_agg(const struct member *m)
{
    return m->kind == MEMBER_AGG && m->type.inline_agg;
}

struct hole {
    uint64_t offset, size;        /* offset from the top-level struct */
    const struct member *before;  /* NULL for padding at the end */
    unsigned abi;
    bool claimed;                 /* reported with an earlier hole */
};

/* The holes of one aggregate on one ABI, appended to `out`. */
static void agg_holes(const struct aggregate *agg, unsigned abi, uint64_t base, struct hole *out, size_t *n)
{
    struct layout_holes it = layout_holes(agg, abi);
    if (!it.layout || !it.layout->ok || agg->kind != AGG_STRUCT)
        return;
    struct layout_hole h;
    while (layout_hole_next(&it, &h))
        out[(*n)++] = (struct hole){base + h.offset, h.size, h.before, abi, false};
}

/* Reports each distinct hole once, listing the ABIs that have it, then
 * looks inside the nested aggregates. */
static void hole_check_agg(struct check_ctx *cc, struct aggregate *top, struct aggregate *agg,
                           const struct nest *nest)
{
    unsigned nabis = (unsigned)cc->spec->arch->nabis;
    struct hole *holes = xmalloc((agg->nmembers + 1) * nabis * sizeof(*holes));
    size_t n = 0;
    for (unsigned abi = 0; abi < nabis; abi++)
        agg_holes(agg, abi, nest->base[abi], holes, &n);
    for (size_t h = 0; h < n; h++) {
        struct hole *x = &holes[h];
        if (x->claimed)
            continue;
        uint64_t mask = 1ull << x->abi;
        for (size_t k = h + 1; k < n; k++) {
            struct hole *y = &holes[k];
            if (!y->claimed && y->offset == x->offset && y->size == x->size && y->before == x->before) {
                mask |= 1ull << y->abi;
                y->claimed = true;
            }
        }
        struct loc at = x->before ? x->before->loc : agg->loc;
        struct diag *d;
        if (x->before)
            d = check_report(cc, &top->failed, at,
                             "%s '%s' has an implicit %" PRIu64 "-byte hole at offset %" PRIu64 " before %s on %s",
                             agg_kind_name(top), top->name.text, x->size, x->offset,
                             member_label(cc, nest, x->before), abi_list_text(cc, mask));
        else if (agg == top)
            d = check_report(cc, &top->failed, at,
                             "%s '%s' has %" PRIu64 " bytes of implicit trailing padding at offset %" PRIu64 " on %s",
                             agg_kind_name(top), top->name.text, x->size, x->offset, abi_list_text(cc, mask));
        else
            d = check_report(cc, &top->failed, at,
                             "%s '%s' has %" PRIu64 " bytes of implicit padding at offset %" PRIu64
                             " at the end of %s on %s", agg_kind_name(top), top->name.text, x->size, x->offset,
                             nest->prefix[0] ? arena_printf(&cc->spec->arena, "'%.*s'",
                                                            (int)strlen(nest->prefix) - 1, nest->prefix)
                                             : arena_printf(&cc->spec->arena, "an anonymous %s",
                                                            agg_kind_name(agg)),
                             abi_list_text(cc, mask));
        diag_note(d, at, "declare the padding, e.g. 'pad u8 _pad%" PRIu64 "[%" PRIu64 "];', so "
                         "that every byte is accounted for", x->offset, x->size);
    }
    free(holes);
    for (size_t i = 0; i < agg->nmembers; i++) {
        if (!is_inline_agg(agg->members[i]))
            continue;
        struct nest inner;
        nest_enter(cc, nest, agg->members[i], &inner);
        hole_check_agg(cc, top, agg->members[i]->type.inline_agg, &inner);
    }
}

static const struct nest top_nest = {"", {0}};

static void check_implicit_hole(struct check_ctx *cc)
{
    if (check_skip(cc, 0))
        return;
    for (size_t i = 0; i < cc->spec->aggs.len; i++) {
        struct aggregate *a = cc->spec->aggs.items[i];
        if (!check_skip(cc, a->failed))
            hole_check_agg(cc, a, a, &top_nest);
    }
}

static struct diag *report_differs(struct check_ctx *cc, struct aggregate *top, struct loc at,
                                   const char *fmt, ...) REGC_PRINTF(4, 5);

static struct diag *report_differs(struct check_ctx *cc, struct aggregate *top, struct loc at,
                                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *what = arena_vprintf(&cc->spec->arena, fmt, ap);
    va_end(ap);
    struct diag *d = check_report(cc, &top->failed, at, "layout of '%s' differs between ABIs: %s",
                                  top->name.text, what);
    diag_note(d, cc->spec->arch->same_layout_loc, "arch '%s' requires one layout for all ABIs",
              cc->spec->arch->name.text);
    return d;
}

/*
 * Reports the first member, in declaration order and from the inside of
 * nested aggregates out, whose presence, offset or size differs between
 * the two ABIs: a nested union differs because one of its members does,
 * and that member is the one to name.
 */
static bool layout_differs(struct check_ctx *cc, struct aggregate *top, struct aggregate *agg,
                           unsigned a0, unsigned a1, const struct nest *nest)
{
    const struct agg_layout *x = agg_layout_on(agg, a0), *y = agg_layout_on(agg, a1);
    if (!x || !y || !x->ok || !y->ok)
        return false;
    const char *n0 = cc->spec->arch->abis[a0]->name.text, *n1 = cc->spec->arch->abis[a1]->name.text;
    for (size_t i = 0; i < agg->nmembers; i++) {
        struct member *m = agg->members[i];
        const struct member_layout *p = member_layout_on(m, a0), *q = member_layout_on(m, a1);
        if (!p != !q) {
            report_differs(cc, top, m->loc, "member %s exists on %s but not on %s",
                           member_label(cc, nest, m), p ? n0 : n1, p ? n1 : n0);
            return true;
        }
        if (!p)
            continue;
        if (is_inline_agg(m)) {
            struct nest inner;
            nest_enter(cc, nest, m, &inner);
            if (layout_differs(cc, top, m->type.inline_agg, a0, a1, &inner))
                return true;
        }
        uint64_t o0 = nest->base[a0] + p->offset, o1 = nest->base[a1] + q->offset;
        if (o0 != o1) {
            report_differs(cc, top, m->loc, "member %s is at offset %" PRIu64 " (size %" PRIu64 ") on %s "
                           "but at offset %" PRIu64 " (size %" PRIu64 ") on %s", member_label(cc, nest, m),
                           o0, p->size, n0, o1, q->size, n1);
            return true;
        }
        if (p->size != q->size) {
            report_differs(cc, top, m->loc, "member %s at offset %" PRIu64 " is %" PRIu64 " bytes on %s "
                           "but %" PRIu64 " bytes on %s", member_label(cc, nest, m), o0, p->size, n0,
                           q->size, n1);
            return true;
        }
    }
    if (agg == top && (x->size != y->size || x->align != y->align)) {
        report_differs(cc, top, agg->loc, "size %" PRIu64 " (align %" PRIu32 ") on %s but size %" PRIu64
                       " (align %" PRIu32 ") on %s", x->size, x->align, n0, y->size, y->align, n1);
        return true;
    }
    return false;
}

static void check_abi_layout_differs(struct check_ctx *cc)
{
    if (check_skip(cc, 0) || !cc->spec->arch->same_layout)
        return;
    for (size_t i = 0; i < cc->spec->aggs.len; i++) {
        struct aggregate *a = cc->spec->aggs.items[i];
        if (check_skip(cc, a->failed))
            continue;
        unsigned first = UINT32_MAX;
        for (unsigned abi = 0; abi < cc->spec->arch->nabis; abi++) {
            if (!(a->cond.abi_mask & (1ull << abi)))
                continue;
            if (first == UINT32_MAX) {
                first = abi;
                continue;
            }
            if (layout_differs(cc, a, a, first, abi, &top_nest))
                break;
        }
    }
}

/* The first ABI on which the aggregate is laid out without a member, or -1. */
static int empty_on(struct check_ctx *cc, const struct aggregate *agg)
{
    for (unsigned abi = 0; abi < cc->spec->arch->nabis; abi++) {
        const struct agg_layout *l = agg_layout_on(agg, abi);
        if (!l || !l->ok)
            continue;
        bool any = false;
        for (size_t i = 0; i < agg->nmembers && !any; i++)
            any = member_layout_on(agg->members[i], abi) != NULL;
        if (!any)
            return (int)abi;
    }
    return -1;
}

static void note_empty(struct diag *d, const struct aggregate *agg)
{
    diag_note(d, agg->loc, "an empty struct has size 0 in GNU C but 1 in C++, so anything that "
                           "contains it has two layouts; if that is meant, as in Xen's empty structs, "
                           "say so with 'pad u8 _pad[0];'");
}

static void empty_check_nested(struct check_ctx *cc, struct aggregate *top, struct aggregate *agg,
                               const struct nest *nest)
{
    for (size_t i = 0; i < agg->nmembers; i++) {
        struct member *m = agg->members[i];
        if (!is_inline_agg(m))
            continue;
        struct aggregate *in = m->type.inline_agg;
        int abi = empty_on(cc, in);
        if (abi >= 0) {
            const char *what = m->name.text ? arena_printf(&cc->spec->arena, "an empty %s %s", agg_kind_name(in),
                                                           member_label(cc, nest, m))
                                            : arena_printf(&cc->spec->arena, "an empty anonymous %s",
                                                           agg_kind_name(in));
            struct diag *d = check_report(cc, &top->failed, in->loc, "%s '%s' has %s at offset %" PRIu64 " on %s",
                                          agg_kind_name(top), top->name.text, what,
                                          nest->base[abi] + member_layout_on(m, (unsigned)abi)->offset,
                                          cc->spec->arch->abis[abi]->name.text);
            note_empty(d, in);
        }
        struct nest inner;
        nest_enter(cc, nest, m, &inner);
        empty_check_nested(cc, top, in, &inner);
    }
}

static void check_empty_aggregate(struct check_ctx *cc)
{
    if (check_skip(cc, 0))
        return;
    for (size_t i = 0; i < cc->spec->aggs.len; i++) {
        struct aggregate *a = cc->spec->aggs.items[i];
        if (check_skip(cc, a->failed))
            continue;
        int abi = empty_on(cc, a);
        if (abi >= 0) {
            struct diag *d = check_report(cc, &a->failed, a->loc, "%s '%s' is empty on %s", agg_kind_name(a),
                                          a->name.text, cc->spec->arch->abis[abi]->name.text);
            note_empty(d, a);
        }
        empty_check_nested(cc, a, a, &top_nest);
    }
}

/* ---- type-too-large ---------------------------------------------------- */

/* C compilers refuse a type beyond PTRDIFF_MAX, and every size regc
 * writes (sizeof assertions, offsets, copies) must be one they accept:
 * 2^24 arrays of 2^24 arrays would otherwise wrap to a small size. The
 * layout engine marks the member that crosses the limit; its aggregate,
 * and whatever contains it, has no layout on that ABI. */
static void too_large_member(struct check_ctx *cc, struct aggregate *top, struct member *m, uint64_t abis)
{
    (void)top;
    uint64_t on = 0;
    unsigned first = 0;
    for (unsigned abi = 0; abi < cc->spec->arch->nabis; abi++)
        if (((abis >> abi) & 1) && m->layouts && m->layouts[abi].too_large) {
            if (!on)
                first = abi;
            on |= 1ull << abi;
        }
    if (!on)
        return;
    struct diag *d = check_report(cc, &top->failed, m->type.loc,
                                  "%s '%s' ends beyond %" PRIu64 " bytes, the largest object on %s",
                                  m->ndims ? "array" : "member", m->name.text ? m->name.text : "(anonymous)",
                                  layout_max_object(cc->spec, first), abi_list_text(cc, on));
    diag_note(d, m->type.loc, "C compilers refuse a type larger than PTRDIFF_MAX of the ABI's pointer size");
}

static void check_type_too_large(struct check_ctx *cc)
{
    if (check_skip(cc, 0))
        return;
    /* the aggregates it finds carry LAYOUT_FAILED_BIT, which is its point */
    for (size_t i = 0; i < cc->spec->aggs.len; i++) {
        struct aggregate *a = cc->spec->aggs.items[i];
        if (!check_skip(cc, a->failed & ~LAYOUT_FAILED_BIT))
            visit_members(cc, a, a, a->cond.abi_mask, too_large_member);
    }
}

/* ---- view-padding ------------------------------------------------------ */

/* `only(tools) pad` names bytes for the tools and the hypervisor that
 * guests see as the compiler's own padding (Xen's x86_64 trap_info has a
 * silent hole that guests fill with positional initialisers). That is
 * only the same layout if, without the padding, the compiler would leave
 * exactly those bytes: the next member starts where it did, or the
 * struct's tail padding covers them. */
static void view_padding_check_agg(struct check_ctx *cc, struct aggregate *top, struct aggregate *agg)
{
    for (unsigned abi = 0; abi < cc->spec->arch->nabis; abi++) {
        const struct agg_layout *L = agg_layout_on(agg, abi);
        if (!L || !L->ok)
            continue;
        uint32_t align = 1;
        uint64_t end = 0, size = 0;
        const struct member *run = NULL;
        for (size_t i = 0; i <= agg->nmembers; i++) {
            const struct member *m = i < agg->nmembers ? agg->members[i] : NULL;
            const struct member_layout *ml = m ? member_layout_on(m, abi) : NULL;
            if (m && !ml)
                continue;
            if (m && member_is_view_padding(m)) {
                if (!run)
                    run = m;
                continue;
            }
            if (run && agg->kind == AGG_STRUCT) {
                /* where the member after the padding (or the end) falls
                 * without it */
                uint64_t at = m ? layout_align_up(end, ml->align) : 0;
                bool same = m ? at == ml->offset : true;
                /* at the end, align holds every other member's already */
                if (!m)
                    same = align == L->align && layout_align_up(end, align) == L->size;
                if (!same) {
                    struct diag *d = check_report(cc, &top->failed, run->name.loc,
                                                  "padding '%s' of '%s' is only(tools), but guests would not "
                                                  "get these bytes without it on %s", run->name.text,
                                                  top->name.text, cc->spec->arch->abis[abi]->name.text);
                    if (m)
                        diag_note(d, m->name.loc.src ? m->name.loc : m->loc,
                                  "without it, '%s' would be at offset %" PRIu64 " instead of %" PRIu64,
                                  m->name.text ? m->name.text : "(anonymous)", at, ml->offset);
                    else
                        diag_note(d, agg->loc, "without it, '%s' would be %" PRIu64 " bytes (align %" PRIu32
                                  ") instead of %" PRIu64 " (align %" PRIu32 ")", top->name.text,
                                  layout_align_up(end, align), align, L->size, L->align);
                    return;
                }
            }
            run = NULL;
            if (!m)
                break;
            if (ml->align > align)
                align = ml->align;
            end = agg->kind == AGG_STRUCT ? ml->offset + ml->size : end;
            if (ml->size > size)
                size = ml->size;
        }
        if (agg->kind == AGG_UNION) {
            for (size_t i = 0; i < agg->nmembers; i++) {
                const struct member *m = agg->members[i];
                if (member_is_view_padding(m) && member_layout_on(m, abi) &&
                    layout_align_up(size, align) != L->size) {
                    check_report(cc, &top->failed, m->name.loc,
                                 "padding '%s' of '%s' is only(tools), but it makes the union larger on %s",
                                 m->name.text, top->name.text, cc->spec->arch->abis[abi]->name.text);
                    return;
                }
            }
        }
    }
    for (size_t i = 0; i < agg->nmembers; i++)
        if (agg->members[i]->kind == MEMBER_AGG && agg->members[i]->type.inline_agg)
            view_padding_check_agg(cc, top, agg->members[i]->type.inline_agg);
}

static void check_view_padding(struct check_ctx *cc)
{
    if (check_skip(cc, 0))
        return;
    for (size_t i = 0; i < cc->spec->aggs.len; i++) {
        struct aggregate *a = cc->spec->aggs.items[i];
        if (!check_skip(cc, a->failed))
            view_padding_check_agg(cc, a, a);
    }
}

/* ---- translation: old layouts, compat layouts -------------------------- */

/* old(NAME, VERSION) keeps the layout a tools struct had at an older
 * version of its interface; translation needs both to be of the same
 * interface, and the version to be older than the current one. */
static void check_old_layout_invalid(struct check_ctx *cc)
{
    for (size_t i = 0; i < cc->spec->aggs.len; i++) {
        struct aggregate *a = cc->spec->aggs.items[i];
        if (!a->old_of.text || !a->old_target || check_skip(cc, a->failed))
            continue;
        const struct aggregate *t = a->old_target;
        const struct interface *x = t->vis.kind == VIS_TOOLS ? t->vis.iface_decl : NULL;
        struct diag *d = NULL;
        if (t->old_of.text) {
            d = check_report(cc, &a->failed, a->old_of.loc, "'%s' is itself an old layout; name the current struct",
                             t->name.text);
        } else if (!x) {
            d = check_report(cc, &a->failed, a->old_of.loc,
                             "'%s' is not a tools struct, so it has no interface versions", t->name.text);
            diag_note(d, t->loc, "a guest struct is frozen: it has one layout for ever");
        } else if (a->vis.kind != VIS_TOOLS || a->vis.iface_decl != x) {
            d = check_report(cc, &a->failed, a->loc, "an old layout of '%s' must be tools(%s), as '%s' is",
                             t->name.text, x->name.text, t->name.text);
        } else if (a->old_version >= x->version) {
            d = check_report(cc, &a->failed, a->old_loc,
                             "version 0x%" PRIx64 " is not older than interface %s, 0x%" PRIx64,
                             a->old_version, x->name.text, x->version);
            diag_note(d, x->loc, "interface '%s' is declared here", x->name.text);
        } else if (t->kind != a->kind) {
            d = check_report(cc, &a->failed, a->loc, "'%s' and its old layout must both be structs or both unions",
                             t->name.text);
        }
    }
}

static void report_plan(struct check_ctx *cc, uint64_t *failed, const struct xlat_plan *p)
{
    if (p->problem == DIAG_COUNT)
        return;
    struct diag *d = check_report_as(cc, p->problem, failed, p->problem_loc, "%s", p->problem_message);
    if (p->problem_note)
        diag_note(d, p->problem_loc, "%s", p->problem_note);
}

/* Plans every translation the xlat output will have, both ways, and
 * reports the first thing in each that cannot be translated. */
static void check_translations(struct check_ctx *cc, enum diag_id only)
{
    struct spec *spec = cc->spec;
    struct arena scratch = {0};
    struct arena_mark start = arena_mark(&scratch);
    for (size_t i = 0; i < spec->aggs.len; i++) {
        struct aggregate *a = spec->aggs.items[i];
        if (check_skip(cc, a->failed))
            continue;
        struct xlat_plan p;
        xlat_plan_init(&p, &scratch, spec, 0, 0, false);
        if (xlat_has_compat(spec, a)) {
            unsigned n = (unsigned)spec->arch->native, c = (unsigned)spec->arch->compat;
            struct aggregate *nv = agg_variant_for_abi(a, n), *cv = agg_variant_for_abi(a, c);
            p.compat = true;
            for (unsigned dir = 0; dir < 2 && p.problem == DIAG_COUNT; dir++) {
                p.dst_abi = dir ? n : c;
                p.src_abi = dir ? c : n;
                xlat_plan_build(&p, dir ? nv : cv, dir ? cv : nv);
            }
        } else if (a->old_target && !a->old_target->failed && !a->old_target->old_of.text) {
            for (unsigned abi = 0; abi < spec->arch->nabis && p.problem == DIAG_COUNT; abi++) {
                struct aggregate *cur = agg_variant_for_abi(a->old_target, abi);
                if (!cur || !(a->cond.abi_mask & (1ull << abi)))
                    continue;
                p.dst_abi = p.src_abi = abi;
                xlat_plan_build(&p, cur, a);
                if (p.problem == DIAG_COUNT)
                    xlat_plan_build(&p, a, cur);
            }
        }
        if (p.problem == only)
            report_plan(cc, &a->failed, &p);
        arena_reset(&scratch, start);
    }
    arena_free(&scratch);
}

static void check_xlat_union_selector(struct check_ctx *cc)
{
    if (!check_skip(cc, 0))
        check_translations(cc, DIAG_XLAT_UNION_SELECTOR);
}

/* Where value v is listed in union u before the k-th value of its i-th
 * member, and by which alternative. */
static const struct expr *listed_before(const struct aggregate *u, size_t i, size_t k, uint64_t v,
                                        const struct member **alt)
{
    for (size_t j = 0; j <= i; j++) {
        const struct member *o = u->members[j];
        for (size_t l = 0; l < (j == i ? k : o->nwhen); l++) {
            uint64_t w;
            if (xlat_alt_value(o->when[l], &w) && w == v) {
                *alt = o;
                return o->when[l];
            }
        }
    }
    return NULL;
}

/* The selector values of a union's alternatives: only in a union with
 * select(), on every alternative or none, each value once, one else. */
static void check_alternatives(struct check_ctx *cc, uint64_t *failed, const struct aggregate *agg,
                               const char *name)
{
    bool selects = agg->kind == AGG_UNION && agg->select.text;
    const struct member *with = NULL, *without = NULL, *other_else = NULL;
    for (size_t i = 0; i < agg->nmembers; i++) {
        const struct member *m = agg->members[i];
        if (m->kind == MEMBER_AGG && m->type.inline_agg)
            check_alternatives(cc, failed, m->type.inline_agg, m->name.text ? m->name.text : "(anonymous)");
        bool clause = m->nwhen || m->when_else;
        if (clause && !selects) {
            struct diag *d = check_report(cc, failed, m->when_loc,
                                          "'%s' is not an alternative of a union with select(...)",
                                          m->name.text ? m->name.text : "(anonymous)");
            diag_note(d, m->when_loc, "'if (...)' and 'else' say which selector values pick an alternative");
            continue;
        }
        if (!selects || m->kind == MEMBER_PAD)
            continue;
        if (!clause)
            without = without ? without : m;
        else
            with = with ? with : m;
        if (m->when_else && other_else) {
            struct diag *d = check_report(cc, failed, m->when_loc, "union '%s' has a second 'else' alternative",
                                          name);
            diag_note(d, other_else->when_loc, "the first is here");
        } else if (m->when_else) {
            other_else = m;
        }
        /* each value picks one alternative */
        for (size_t k = 0; k < m->nwhen; k++) {
            uint64_t v;
            const struct member *o;
            const struct expr *first = xlat_alt_value(m->when[k], &v) ? listed_before(agg, i, k, v, &o) : NULL;
            if (!first)
                continue;
            struct diag *d = check_report(cc, failed, m->when[k]->loc,
                                          "selector value %" PRIu64 " of union '%s' picks '%s' and '%s'", v, name,
                                          o->name.text ? o->name.text : "(anonymous)",
                                          m->name.text ? m->name.text : "(anonymous)");
            diag_note(d, first->loc, "it is listed here first");
        }
    }
    if (with && without) {
        struct diag *d = check_report(cc, failed, without->loc,
                                      "alternative '%s' of union '%s' says no selector value",
                                      without->name.text ? without->name.text : "(anonymous)", name);
        diag_note(d, with->when_loc, "once one alternative lists its values, each must, with "
                                     "'if (...)' or 'else'");
    }
}

static void check_xlat_selector_invalid(struct check_ctx *cc)
{
    if (check_skip(cc, 0))
        return;
    for (size_t i = 0; i < cc->spec->aggs.len; i++) {
        struct aggregate *a = cc->spec->aggs.items[i];
        if (!check_skip(cc, a->failed))
            check_alternatives(cc, &a->failed, a, a->name.text);
    }
    check_translations(cc, DIAG_XLAT_SELECTOR_INVALID);
}

static void check_xlat_type_mismatch(struct check_ctx *cc)
{
    if (!check_skip(cc, 0))
        check_translations(cc, DIAG_XLAT_TYPE_MISMATCH);
}

/* ---- the table ------------------------------------------------------ */

#define P(...) {__VA_ARGS__}
#define NONE {DIAG_COUNT, DIAG_COUNT, DIAG_COUNT, DIAG_COUNT}
#define PRE1(a) {DIAG_##a, DIAG_COUNT, DIAG_COUNT, DIAG_COUNT}
#define PRE2(a, b) {DIAG_##a, DIAG_##b, DIAG_COUNT, DIAG_COUNT}
#define PRE3(a, b, c) {DIAG_##a, DIAG_##b, DIAG_##c, DIAG_COUNT}

static const struct check check_table[] = {
    {DIAG_ARCH_MISSING, check_arch_missing, STAGE_MODEL, NONE},
    {DIAG_ARCH_DUPLICATE, check_arch_duplicate, STAGE_MODEL, PRE1(ARCH_MISSING)},
    {DIAG_HEADER_NAME, check_header_name, STAGE_MODEL, PRE1(ARCH_MISSING)},
    {DIAG_ABI_MISSING_FACT, check_abi_missing_fact, STAGE_MODEL, PRE1(ARCH_MISSING)},
    {DIAG_ABI_MISSING_TYPE, check_abi_missing_type, STAGE_MODEL, PRE1(ARCH_MISSING)},
    {DIAG_ABI_INVALID_TYPE, check_abi_invalid_type, STAGE_MODEL, PRE1(ARCH_MISSING)},
    {DIAG_NAME_RESERVED_C, check_name_reserved_c, STAGE_MODEL, NONE},
    {DIAG_DUPLICATE_NAME, check_duplicate_name, STAGE_MODEL, NONE},
    {DIAG_UNRESOLVED_NAME, check_unresolved_name, STAGE_MODEL, PRE1(DUPLICATE_NAME)},
    {DIAG_FEATURE_UNDECLARED, check_feature_undeclared, STAGE_MODEL, NONE},
    {DIAG_FEATURE_CYCLE, check_feature_cycle, STAGE_MODEL, PRE1(FEATURE_UNDECLARED)},
    {DIAG_FEATURE_NUMBER_MIXED, check_feature_number_mixed, STAGE_MODEL, NONE},
    {DIAG_FEATURE_NUMBER_TOO_LARGE, check_feature_number_too_large, STAGE_MODEL, NONE},
    {DIAG_FEATURE_NUMBER_DUPLICATE, check_feature_number_duplicate, STAGE_MODEL, PRE1(FEATURE_NUMBER_TOO_LARGE)},
    {DIAG_MISSING_VISIBILITY, check_missing_visibility, STAGE_MODEL, NONE},
    {DIAG_INVALID_VISIBILITY, check_invalid_visibility, STAGE_MODEL, NONE},
    {DIAG_INVALID_CONDITION, check_invalid_condition, STAGE_MODEL, PRE1(UNRESOLVED_NAME)},
    {DIAG_REGISTER_WIDTH, check_register_width, STAGE_MODEL, NONE},
    {DIAG_FIELD_BITS, check_field_bits, STAGE_MODEL, PRE1(REGISTER_WIDTH)},
    {DIAG_FIELD_NAME_RESERVED_KIND, check_field_name_reserved_kind, STAGE_MODEL, NONE},
    /* field-bits and field-outside mark single fields, so the checks after
     * them still look at a register's other fields */
    {DIAG_FIELD_OUTSIDE, check_field_outside, STAGE_MODEL, PRE1(REGISTER_WIDTH)},
    {DIAG_FIELD_OVERLAP, check_field_overlap, STAGE_MODEL, PRE2(REGISTER_WIDTH, DUPLICATE_NAME)},
    {DIAG_FIELD_UNCOVERED, check_field_uncovered, STAGE_MODEL, PRE3(FIELD_OVERLAP, FIELD_OUTSIDE, FIELD_BITS)},
    {DIAG_RESET_TOO_WIDE, check_reset_too_wide, STAGE_MODEL, NONE},
    {DIAG_ENUM_TOO_WIDE, check_enum_too_wide, STAGE_MODEL, NONE},
    {DIAG_ENUM_DUPLICATE_VALUE, check_enum_duplicate_value, STAGE_MODEL, NONE},
    {DIAG_INVALID_ARRAY, check_invalid_array, STAGE_MODEL, NONE},
    {DIAG_ALIAS_INVALID, check_alias_invalid, STAGE_MODEL, NONE},
    {DIAG_WAS_RESERVED_INVALID, check_was_reserved_invalid, STAGE_MODEL, PRE2(UNRESOLVED_NAME, INVALID_VISIBILITY)},
    {DIAG_INVALID_ALIGN, check_invalid_align, STAGE_MODEL, NONE},
    {DIAG_RECURSIVE_TYPE, check_recursive_type, STAGE_MODEL, PRE1(UNRESOLVED_NAME)},
    {DIAG_DECLARATION_ORDER, check_declaration_order, STAGE_MODEL, PRE2(UNRESOLVED_NAME, RECURSIVE_TYPE)},
    {DIAG_VISIBILITY_LEAK, check_visibility_leak, STAGE_MODEL, PRE2(UNRESOLVED_NAME, MISSING_VISIBILITY)},
    {DIAG_REGISTER_SLOT_TYPE, check_register_slot_type, STAGE_MODEL,
     PRE3(UNRESOLVED_NAME, ABI_MISSING_TYPE, ARCH_MISSING)},
    {DIAG_REGISTER_SLOT_TOO_NARROW, check_register_slot_too_narrow, STAGE_MODEL,
     PRE2(REGISTER_SLOT_TYPE, FIELD_UNCOVERED)},
    {DIAG_REGISTER_SLOT_NARROW, check_register_slot_narrow, STAGE_MODEL,
     PRE2(REGISTER_SLOT_TYPE, FIELD_UNCOVERED)},
    {DIAG_TRUNCATE_UNNEEDED, check_truncate_unneeded, STAGE_MODEL, PRE2(REGISTER_SLOT_TYPE, FIELD_UNCOVERED)},
    {DIAG_REGISTER_SELECT_MISMATCH, check_register_select_mismatch, STAGE_MODEL,
     PRE2(REGISTER_SLOT_TYPE, FIELD_UNCOVERED)},
    {DIAG_CONST_CYCLE, check_const_cycle, STAGE_MODEL, PRE2(UNRESOLVED_NAME, DUPLICATE_NAME)},
    {DIAG_CONST_OVERFLOW, check_const_overflow, STAGE_MODEL, PRE2(CONST_CYCLE, ABI_MISSING_TYPE)},
    {DIAG_FLAG_BIT_RANGE, check_flag_bit_range, STAGE_MODEL, PRE2(UNRESOLVED_NAME, ABI_MISSING_TYPE)},
    {DIAG_VERBATIM_LAYOUT, check_verbatim_layout, STAGE_MODEL, NONE},
    {DIAG_VERBATIM_PREPROCESSOR, check_verbatim_preprocessor, STAGE_MODEL, NONE},
    {DIAG_ABI_INVALID_PREDICATE, check_abi_invalid_predicate, STAGE_MODEL, PRE1(ARCH_MISSING)},
    {DIAG_HANDLE_MACRO_MISSING, check_handle_macro_missing, STAGE_MODEL,
     PRE3(MISSING_VISIBILITY, INVALID_VISIBILITY, INVALID_CONDITION)},
    {DIAG_HANDLE_TYPE_UNDECLARED, check_handle_type_undeclared, STAGE_MODEL, PRE2(UNRESOLVED_NAME, HANDLE_MACRO_MISSING)},
    {DIAG_MACRO_COLLISION, check_macro_collision, STAGE_MODEL, PRE3(DUPLICATE_NAME, UNRESOLVED_NAME, FIELD_BITS)},
    {DIAG_MACRO_SHADOWS_NAME, check_macro_shadows_name, STAGE_MODEL, PRE2(DUPLICATE_NAME, MACRO_COLLISION)},
    {DIAG_MACRO_RESERVED, check_macro_reserved, STAGE_MODEL, PRE3(DUPLICATE_NAME, UNRESOLVED_NAME, FIELD_BITS)},
    /* after layout.c */
    {DIAG_ALIAS_TOO_WIDE, check_alias_too_wide, STAGE_LAYOUT, PRE3(UNRESOLVED_NAME, INVALID_ARRAY, ALIAS_INVALID)},
    {DIAG_IMPLICIT_HOLE, check_implicit_hole, STAGE_LAYOUT, PRE1(UNRESOLVED_NAME)},
    {DIAG_ABI_LAYOUT_DIFFERS, check_abi_layout_differs, STAGE_LAYOUT, PRE1(UNRESOLVED_NAME)},
    {DIAG_EMPTY_AGGREGATE, check_empty_aggregate, STAGE_LAYOUT, PRE1(UNRESOLVED_NAME)},
    {DIAG_VIEW_PADDING, check_view_padding, STAGE_LAYOUT, PRE2(UNRESOLVED_NAME, INVALID_CONDITION)},
    {DIAG_TYPE_TOO_LARGE, check_type_too_large, STAGE_LAYOUT, PRE2(UNRESOLVED_NAME, INVALID_ARRAY)},
    {DIAG_OLD_LAYOUT_INVALID, check_old_layout_invalid, STAGE_LAYOUT, PRE2(UNRESOLVED_NAME, INVALID_VISIBILITY)},
    {DIAG_XLAT_UNION_SELECTOR, check_xlat_union_selector, STAGE_LAYOUT, PRE2(OLD_LAYOUT_INVALID, INVALID_ARRAY)},
    {DIAG_XLAT_SELECTOR_INVALID, check_xlat_selector_invalid, STAGE_LAYOUT, PRE2(OLD_LAYOUT_INVALID, INVALID_ARRAY)},
    {DIAG_XLAT_TYPE_MISMATCH, check_xlat_type_mismatch, STAGE_LAYOUT, PRE2(OLD_LAYOUT_INVALID, INVALID_ARRAY)},
};

size_t check_count(void)
{
    return ARRAY_SIZE(check_table);
}

const struct check *check_at(size_t i)
{
    return i < ARRAY_SIZE(check_table) ? &check_table[i] : NULL;
}

/* Ids checks report besides their own, for problems they find on the
 * way; an error under one of them fails the declaration for the check. */
static const struct {
    enum diag_id check, id;
} check_also[] = {
    {DIAG_UNRESOLVED_NAME, DIAG_WRONG_KIND},           /* a name of the wrong kind */
    {DIAG_CONST_CYCLE, DIAG_CONST_DIVIDE_BY_ZERO},     /* found while evaluating */
    {DIAG_CONST_CYCLE, DIAG_CONST_OVERFLOW},           /* a shift by 64 or more */
    {DIAG_ALIAS_TOO_WIDE, DIAG_INVALID_ALIGN},         /* an alignment C would not lay out so */
    {DIAG_RECURSIVE_TYPE, DIAG_NESTING_TOO_DEEP},      /* structs held by value beyond the limit */
};

bool check_reports(const struct check *c, enum diag_id id)
{
    if (id == c->id)
        return true;
    for (size_t i = 0; i < ARRAY_SIZE(check_also); i++)
        if (check_also[i].check == c->id && check_also[i].id == id)
            return true;
    return false;
}

/* Who raises the ids no check reports. */
static const enum diag_id outside_ids[] = {
    /* the scanner */
    DIAG_INVALID_CHAR, DIAG_NUL_BYTE, DIAG_INVALID_UTF8, DIAG_UNTERMINATED_COMMENT,
    DIAG_UNTERMINATED_STRING, DIAG_INVALID_ESCAPE, DIAG_INVALID_NUMBER, DIAG_NUMBER_OVERFLOW,
    DIAG_NAME_TOO_LONG, DIAG_NESTING_TOO_DEEP,
    /* the parser (which also reports some ids of checks, such as duplicate-name) */
    DIAG_SYNTAX,
    /* the loader */
    DIAG_INCLUDE_NOT_FOUND, DIAG_INCLUDE_CYCLE, DIAG_INCLUDE_TOO_DEEP,
    /* the ABI lock (abi_lock.c) */
    DIAG_ABI_LOCK_INVALID, DIAG_ABI_GUEST_REMOVED, DIAG_ABI_GUEST_CHANGED, DIAG_ABI_GUEST_VISIBILITY,
    DIAG_ABI_TOOLS_UNBUMPED, DIAG_ABI_REGISTER_CHANGED, DIAG_ABI_HISTORY_CHANGED, DIAG_ABI_VERSION_LOWERED,
    DIAG_ABI_STABLE_CHANGED, DIAG_ABI_FEATURE_CHANGED, DIAG_ABI_CHANGE, DIAG_ABI_LOCK_STALE,
    /* files and templates */
    DIAG_IO, DIAG_TEMPLATE,
};

const enum diag_id *check_outside_ids(size_t *n)
{
    *n = ARRAY_SIZE(outside_ids);
    return outside_ids;
}

static size_t check_index_of(enum diag_id id)
{
    for (size_t i = 0; i < ARRAY_SIZE(check_table); i++)
        if (check_table[i].id == id)
            return i;
    return SIZE_MAX;
}

/* Prerequisites are transitive: if FIELD_OUTSIDE failed for a register,
 * FIELD_UNCOVERED skips it too, via FIELD_OVERLAP. */
static uint64_t prereq_mask(size_t idx, unsigned depth)
{
    uint64_t m = 0;
    if (depth > ARRAY_SIZE(check_table))
        return 0;
    for (int k = 0; k < CHECK_MAX_PREREQS; k++) {
        enum diag_id p = check_table[idx].prereqs[k];
        if (p == DIAG_COUNT)
            continue;
        size_t j = check_index_of(p);
        if (j == SIZE_MAX) {
            /* the unit tests hold every prerequisite to be a row */
            fprintf(stderr, "regc: internal error: check '%s' needs '%s', which is no check\n",
                    diag_id_name(check_table[idx].id), diag_id_name(p));
            fflush(stderr);
            abort();
        }
        m |= (1ull << j) | prereq_mask(j, depth + 1);
    }
    return m;
}

/* In the layout stage, aggregates the engine could not lay out carry
 * LAYOUT_FAILED_BIT and every layout check skips them. */
void check_spec(struct spec *spec, struct diags *diags, enum check_stage stage)
{
    _Static_assert(ARRAY_SIZE(check_table) <= 63, "failed masks hold 63 checks plus layout");
    /* Without an arch there are no ABIs, so nothing was laid out. */
    if (stage == STAGE_LAYOUT && (!spec->arch || spec->failed))
        return;
    for (size_t i = 0; i < ARRAY_SIZE(check_table); i++) {
        const struct check *c = &check_table[i];
        if (c->stage != stage)
            continue;
        struct check_ctx cc = {spec, diags, c, 1ull << i, prereq_mask(i, 0), NULL};
        if (stage == STAGE_LAYOUT)
            cc.skip_mask |= LAYOUT_FAILED_BIT;
        c->fn(&cc);
        /* A `like` register has its source's fields, which the field checks
         * judge only at the source: where they failed there, they failed
         * here too, so that no later check reads a bad field through it. */
        for (size_t k = 0; k < spec->regs.len; k++) {
            struct reg *r = spec->regs.items[k];
            if (r->like_decl)
                r->failed |= r->like_decl->failed & cc.bit;
        }
    }
}
