/* SPDX-License-Identifier: MIT */
/*
 * The one C macro namespace: macros the headers define against each
 * other, against the spec's names, and against --reserved-macros.
 */
#include "check_rows.h"

#include "cnames.h"
#include "reserved.h"

#include <string.h>

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

static void report_accessor_names(struct check_ctx *cc)
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
    /* masks are derived for every register; those whose bit map the
     * checks refused get no accessors */
    uint64_t bit_map_refused = check_row_bits(DIAG_FIELD_UNCOVERED);
    for (size_t i = 0; i < spec->regs.len; i++) {
        struct reg *r = spec->regs.items[i];
        if (r->width > 64 || !r->masks_ok || ((r->failed | spec->failed) & bit_map_refused) ||
            check_skip(cc, r->failed))
            continue; /* no accessors */
        /* names equal upper-cased are equal lower-cased: one claim covers
         * the enumerator and the functions */
        accessor_claim(cc, seen, &r->failed, arena_printf(a, "%s_REG_%s", prefix, fold_case(a, r->name.text, true)),
                       r->name.loc, arena_printf(a, "register '%s'", r->name.text));
    }
    symtab_free(seen);
}

void check_macro_collision(struct check_ctx *cc)
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
    report_accessor_names(cc);
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

void check_macro_shadows_name(struct check_ctx *cc)
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
    /* the accessor header's enumerators, spelt as report_accessor_names does,
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

void check_macro_reserved(struct check_ctx *cc)
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

