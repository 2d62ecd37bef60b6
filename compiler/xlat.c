/* SPDX-License-Identifier: MIT */
/*
 * Planning a translation between two layouts of one struct. Members are
 * paired by name: a member of one layout matches the member of the other
 * with that name, or whose alias has it (x86_32's eax is x86_64's rax,
 * whose guest alias is eax). What one side has and the other cannot hold
 * must be zero; what does not fit is refused, never truncated.
 */
#include "xlat.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "symtab.h"

/* ---- types, reduced to what translation needs ------------------------- */

enum xt_kind { XT_INT, XT_AGG, XT_HANDLE, XT_OTHER };

struct xt {
    enum xt_kind kind;
    unsigned bytes;
    bool is_signed;
    const struct aggregate *agg; /* the variant on the ABI asked for */
    const char *handle;
    bool handle64;
};

static struct xt classify(struct spec *spec, unsigned abi, const struct type_ref *t)
{
    struct xt x = {XT_OTHER, 0, false, NULL, NULL, false};
    /* typedefs to their end: recursive-type has refused cycles, and the
     * bound only keeps a failed spec from looping */
    for (size_t n = 0; t && n <= spec->typedefs.len; n++) {
        switch (t->kind) {
        case TR_HANDLE:
        case TR_HANDLE64:
            x.kind = XT_HANDLE;
            x.handle = t->name.text;
            x.handle64 = t->kind == TR_HANDLE64;
            return x;
        case TR_INLINE:
            x.kind = XT_AGG;
            x.agg = t->inline_agg;
            return x;
        case TR_NAME:
            break;
        }
        switch (t->cls) {
        case TC_BASE: {
            uint64_t size;
            uint32_t align;
            if (!base_type_is_integer(t->base) || !layout_type(spec, abi, t, &size, &align))
                return x;
            x.kind = XT_INT;
            x.bytes = (unsigned)size;
            x.is_signed = base_type_is_signed(t->base);
            return x;
        }
        case TC_AGG:
            x.kind = XT_AGG;
            x.agg = agg_variant_for_abi(t->agg, abi);
            if (!x.agg)
                x.kind = XT_OTHER;
            return x;
        case TC_TYPEDEF: {
            struct typedef_decl *td = typedef_variant_for_abi(t->td, abi);
            t = td ? &td->type : NULL;
            break;
        }
        default:
            return x;
        }
    }
    return x;
}

/* ---- layout identity ------------------------------------------------------ */

static bool present(const struct member *m, unsigned abi)
{
    return member_layout_on(m, abi) != NULL;
}

static bool same_type(struct spec *spec, const struct type_ref *ta, unsigned abi_a,
                      const struct type_ref *tb, unsigned abi_b, unsigned depth)
{
    struct xt a = classify(spec, abi_a, ta), b = classify(spec, abi_b, tb);
    if (a.kind != b.kind || depth > 32)
        return false;
    switch (a.kind) {
    case XT_INT:
        return a.bytes == b.bytes && a.is_signed == b.is_signed;
    case XT_HANDLE:
        return a.handle64 == b.handle64 && strcmp(a.handle, b.handle) == 0 &&
               abi_a == abi_b;
    case XT_AGG:
        return xlat_same_layout(spec, a.agg, abi_a, b.agg, abi_b);
    case XT_OTHER:
        break;
    }
    return false;
}

bool xlat_same_layout(struct spec *spec, const struct aggregate *a, unsigned abi_a,
                      const struct aggregate *b, unsigned abi_b)
{
    if (!a || !b || a->kind != b->kind)
        return false;
    if (a == b && abi_a == abi_b)
        return true;
    const struct agg_layout *la = agg_layout_on(a, abi_a), *lb = agg_layout_on(b, abi_b);
    if (!la || !lb || !la->ok || !lb->ok || la->size != lb->size || la->align != lb->align)
        return false;
    size_t i = 0, j = 0;
    for (;;) {
        while (i < a->nmembers && !present(a->members[i], abi_a))
            i++;
        while (j < b->nmembers && !present(b->members[j], abi_b))
            j++;
        if (i == a->nmembers || j == b->nmembers)
            return i == a->nmembers && j == b->nmembers;
        const struct member *ma = a->members[i++], *mb = b->members[j++];
        const struct member_layout *xa = member_layout_on(ma, abi_a), *xb = member_layout_on(mb, abi_b);
        if ((ma->name.text == NULL) != (mb->name.text == NULL) ||
            (ma->name.text && strcmp(ma->name.text, mb->name.text) != 0) ||
            xa->offset != xb->offset || xa->size != xb->size || ma->ndims != mb->ndims)
            return false;
        for (size_t k = 0; k < ma->ndims; k++)
            if (ma->dims[k] != mb->dims[k])
                return false;
        if (!same_type(spec, &ma->type, abi_a, &mb->type, abi_b, 0))
            return false;
    }
}

/* ---- the plan ----------------------------------------------------------- */

static struct xlat_step *add_step(struct xlat_plan *p, enum xlat_step_kind kind, unsigned depth)
{
    struct xlat_step *s = ARENA_NEW(p->a, struct xlat_step);
    memset(s, 0, sizeof(*s));
    s->kind = kind;
    s->depth = depth;
    avec_push(p->a, &p->steps, s);
    return s;
}

static void problem(struct xlat_plan *p, enum diag_id id, struct loc loc, const char *note,
                    const char *fmt, ...) REGC_PRINTF(5, 6);

static void problem(struct xlat_plan *p, enum diag_id id, struct loc loc, const char *note,
                    const char *fmt, ...)
{
    if (p->problem != DIAG_COUNT)
        return;
    va_list ap;
    va_start(ap, fmt);
    p->problem = id;
    p->problem_loc = loc;
    p->problem_message = arena_vprintf(p->a, fmt, ap);
    p->problem_note = note;
    va_end(ap);
}

static const char *abi_name(const struct xlat_plan *p, unsigned abi)
{
    return p->spec->arch->abis[abi]->name.text;
}

/* Where a walk is: the C lvalues of the enclosing aggregates on both
 * sides, and the member path errors name. */
struct place {
    const char *dst, *src, *path;
    unsigned depth;
};

static void walk(struct xlat_plan *p, const struct aggregate *d, const struct aggregate *s,
                 struct place at);

static const char *join(struct arena *a, const char *base, const char *name)
{
    if (!name)
        return base;
    size_t n = strlen(base);
    if (n > 3 && base[0] == '(' && base[1] == '*' && base[n - 1] == ')')
        return arena_printf(a, "%.*s->%s", (int)(n - 3), base + 2, name);
    return arena_printf(a, "%s.%s", base, name);
}

static const char *join_path(struct arena *a, const char *path, const char *name)
{
    if (!name)
        return path;
    return *path ? arena_printf(a, "%s.%s", path, name) : name;
}

/* The range test a narrowing needs, from the two integer types. */
static void plan_int(struct xlat_plan *p, struct xt d, struct xt s, const char *dst, const char *src,
                     const char *path, unsigned depth)
{
    uint64_t dmax = d.is_signed ? (UINT64_MAX >> (65 - 8 * d.bytes)) : (UINT64_MAX >> (64 - 8 * d.bytes));
    int64_t dmin = d.is_signed ? -(int64_t)(dmax) - 1 : 0;
    uint64_t smax = s.is_signed ? (UINT64_MAX >> (65 - 8 * s.bytes)) : (UINT64_MAX >> (64 - 8 * s.bytes));
    bool neg = s.is_signed && !d.is_signed;
    bool over = smax > dmax;
    bool under = s.is_signed && d.is_signed && s.bytes > d.bytes;
    struct xlat_step *st = add_step(p, neg || over || under ? XS_NARROW : XS_COPY, depth);
    st->dst = dst;
    st->src = src;
    st->member = path;
    st->check_negative = neg;
    st->check_max = over;
    st->check_min = under;
    st->max = dmax;
    st->min = dmin;
}

static const struct member *nth_anonymous(const struct aggregate *a, unsigned abi, unsigned n)
{
    for (size_t i = 0; i < a->nmembers; i++) {
        const struct member *m = a->members[i];
        if (!m->name.text && present(m, abi) && n-- == 0)
            return m;
    }
    return NULL;
}

/* A member of the enclosing aggregate that selects a union's alternative. */
static const struct member *find_selector(const struct aggregate *enclosing, const char *name)
{
    for (const struct aggregate *e = enclosing; e; e = e->enclosing)
        for (size_t i = 0; i < e->nmembers; i++)
            if (e->members[i]->name.text && strcmp(e->members[i]->name.text, name) == 0)
                return e->members[i];
    return NULL;
}

static void plan_value(struct xlat_plan *p, const struct member *dm, struct xt d, struct xt s,
                       const char *dst, const char *src, const char *path, struct place at);

bool xlat_alt_value(const struct expr *e, uint64_t *out)
{
    if (e->op == EX_INT) {
        *out = e->value;
        return true;
    }
    if (e->op == EX_NAME && e->cst && e->cst->state == CONST_DONE) {
        *out = e->cst->value;
        return true;
    }
    return false;
}

/* Names the generated functions use themselves, which a selector
 * parameter cannot take. */
static bool name_is_taken(const char *name)
{
    static const char *const taken[] = {"dst", "src", "member", "nonzero"};
    for (size_t i = 0; i < ARRAY_SIZE(taken); i++)
        if (strcmp(name, taken[i]) == 0)
            return true;
    /* loop indexes i0, i1, ... and accumulators acc0, acc1, ... */
    const char *digits = name[0] == 'i' ? name + 1 : strncmp(name, "acc", 3) == 0 ? name + 3 : NULL;
    return digits && *digits && strspn(digits, "0123456789") == strlen(digits);
}

/* The C expression a union's selector is read from: a member of the
 * enclosing struct on the source side, or a parameter of the function.
 * NULL, with the problem noted, when the spec's selector is unusable. */
static const char *selector_source(struct xlat_plan *p, const struct aggregate *du, const char *uname,
                                   struct place at)
{
    if (!du->select_type.text) {
        const struct member *sel = find_selector(du->enclosing, du->select.text);
        struct xt selt = sel ? classify(p->spec, p->src_abi, &sel->type)
                             : (struct xt){XT_OTHER, 0, false, NULL, NULL, false};
        if (!sel || selt.kind != XT_INT || sel->ndims) {
            problem(p, DIAG_XLAT_SELECTOR_INVALID, du->select.loc,
                    "the selector is an integer member of the struct that holds the union, or a "
                    "parameter of the translation functions, 'select(NAME : u32)'",
                    "'%s' is not an integer member of the struct that holds union '%s'",
                    du->select.text, uname);
            return NULL;
        }
        return join(p->a, at.src, du->select.text);
    }
    enum base_type bt = base_type_lookup(du->select_type.text);
    if (bt == BT_COUNT || !base_type_is_integer(bt)) {
        problem(p, DIAG_XLAT_SELECTOR_INVALID, du->select_type.loc, "write an integer type: u8 ... u64, s8 ... s64 or ulong",
                "selector parameter '%s' of union '%s' has type '%s', which is not an integer type",
                du->select.text, uname, du->select_type.text);
        return NULL;
    }
    if (name_is_taken(du->select.text)) {
        problem(p, DIAG_XLAT_SELECTOR_INVALID, du->select.loc, "dst, src, member, nonzero, iN and accN are taken",
                "selector parameter '%s' of union '%s' has a name the translation functions use themselves",
                du->select.text, uname);
        return NULL;
    }
    for (size_t i = 0; i < p->params.len; i++) {
        const struct xlat_param *q = p->params.items[i];
        if (strcmp(q->name, du->select.text) != 0)
            continue;
        if (q->type != bt) {
            problem(p, DIAG_XLAT_SELECTOR_INVALID, du->select_type.loc,
                    "unions that share a selector parameter share its type",
                    "selector parameter '%s' of union '%s' is '%s' here and '%s' for another union",
                    du->select.text, uname, du->select_type.text, base_type_name(q->type));
            return NULL;
        }
        return q->name;
    }
    struct xlat_param *q = ARENA_NEW(p->a, struct xlat_param);
    q->name = du->select.text;
    q->type = bt;
    avec_push(p->a, &p->params, q);
    return q->name;
}

/* A union whose layouts differ: switch on the selector, and translate the
 * alternative it picks. Alternatives are picked by the values their
 * `if (...)` lists, the `else` one by every other; when no alternative
 * lists any, by their position in the union, from 0. Any other value
 * fails, naming the union. */
static void plan_union(struct xlat_plan *p, const struct member *dm, const struct aggregate *du,
                       const struct aggregate *su, const char *dst, const char *src, const char *path,
                       struct place at)
{
    const char *uname = du->name.text ? du->name.text : dm->name.text ? dm->name.text : "(anonymous)";
    if (!du->select.text) {
        problem(p, DIAG_XLAT_UNION_SELECTOR, dm->loc,
                "declare which member selects the alternative, e.g. 'union select(kind) { ... }'",
                "union '%s' differs between %s and %s, and translating it needs to know which "
                "alternative holds data", path && *path ? path : uname, abi_name(p, p->dst_abi),
                abi_name(p, p->src_abi));
        return;
    }
    const char *selector = selector_source(p, du, uname, at);
    if (!selector)
        return;
    /* the alternatives differ in size: clear the whole union first */
    if (dst != at.dst) {
        add_step(p, XS_ZERO_DST, at.depth)->dst = dst;
    } else {
        for (size_t i = 0; i < du->nmembers; i++)
            if (du->members[i]->name.text && present(du->members[i], p->dst_abi))
                add_step(p, XS_ZERO_DST, at.depth)->dst = join(p->a, dst, du->members[i]->name.text);
    }
    struct xlat_step *sw = add_step(p, XS_SWITCH, at.depth);
    sw->src = selector;
    sw->member = path;
    bool declared = false, has_else = false;
    for (size_t i = 0; i < du->nmembers; i++)
        declared = declared || du->members[i]->nwhen || du->members[i]->when_else;
    uint64_t position = 0;
    for (size_t i = 0; i < du->nmembers; i++) {
        const struct member *alt = du->members[i];
        if (!present(alt, p->dst_abi) || alt->kind == MEMBER_PAD)
            continue;
        const struct member *salt = NULL;
        for (size_t j = 0; j < su->nmembers && !salt; j++)
            if (su->members[j]->name.text && alt->name.text &&
                strcmp(su->members[j]->name.text, alt->name.text) == 0 && present(su->members[j], p->src_abi))
                salt = su->members[j];
        struct xlat_step *c = add_step(p, XS_CASE, at.depth);
        uint64_t *values = ARENA_ARRAY(p->a, uint64_t, alt->nwhen + 1);
        const char **names = ARENA_ARRAY(p->a, const char *, alt->nwhen + 1);
        if (!declared) {
            values[c->nvalues] = position;
            names[c->nvalues++] = NULL;
        }
        for (size_t k = 0; declared && k < alt->nwhen; k++)
            if (xlat_alt_value(alt->when[k], &values[c->nvalues]))
                names[c->nvalues++] = alt->when[k]->op == EX_NAME ? alt->when[k]->path[0].text : NULL;
        c->values = values;
        c->value_names = names;
        c->is_default = declared && alt->when_else;
        has_else = has_else || c->is_default;
        position++;
        if (salt) {
            struct place in = {dst, src, path, at.depth + 1};
            plan_value(p, alt, classify(p->spec, p->dst_abi, &alt->type),
                       classify(p->spec, p->src_abi, &salt->type), join(p->a, dst, alt->name.text),
                       join(p->a, src, salt->name.text), join_path(p->a, path, alt->name.text), in);
        }
        add_step(p, XS_END, at.depth);
    }
    /* the default case names the union */
    struct xlat_step *end = add_step(p, XS_END, at.depth);
    end->member = path && *path ? path : uname;
    end->has_default = has_else;
}

static void plan_value(struct xlat_plan *p, const struct member *dm, struct xt d, struct xt s,
                       const char *dst, const char *src, const char *path, struct place at)
{
    if (d.kind != s.kind || d.kind == XT_OTHER) {
        problem(p, DIAG_XLAT_TYPE_MISMATCH, dm->loc,
                "a member shared by name must be an integer, a struct or a handle on both sides",
                "member '%s' has types that cannot be translated between %s and %s", path,
                abi_name(p, p->dst_abi), abi_name(p, p->src_abi));
        return;
    }
    switch (d.kind) {
    case XT_INT:
        plan_int(p, d, s, dst, src, path, at.depth);
        return;
    case XT_HANDLE:
        if (!p->compat) {
            struct xlat_step *st = add_step(p, XS_BYTES, at.depth);
            st->dst = dst;
            st->src = src;
            st->member = path;
        } else {
            struct xlat_step *st = add_step(p, XS_HANDLE, at.depth);
            st->dst = dst;
            st->src = src;
            st->member = path;
            st->handle = d.handle;
            st->handle64 = d.handle64;
        }
        return;
    case XT_AGG:
        if (xlat_same_layout(p->spec, d.agg, p->dst_abi, s.agg, p->src_abi)) {
            struct xlat_step *st = add_step(p, XS_BYTES, at.depth);
            st->dst = dst;
            st->src = src;
            st->member = path;
            return;
        }
        if (d.agg->kind != s.agg->kind) {
            problem(p, DIAG_XLAT_TYPE_MISMATCH, dm->loc, "a struct translates to a struct, a union to a union",
                    "member '%s' is a struct on one side and a union on the other", path);
            return;
        }
        if (d.agg->kind == AGG_UNION) {
            plan_union(p, dm, d.agg, s.agg, dst, src, path, at);
            return;
        }
        walk(p, d.agg, s.agg, (struct place){dst, src, path, at.depth});
        return;
    case XT_OTHER:
        break;
    }
}

static bool same_dims(const struct member *a, const struct member *b);

static void plan_member(struct xlat_plan *p, const struct member *dm, const struct member *sm,
                        struct place at)
{
    const char *dst = join(p->a, at.dst, dm->name.text);
    const char *src = join(p->a, at.src, sm->name.text);
    const char *path = join_path(p->a, at.path, dm->name.text);
    struct xt d = classify(p->spec, p->dst_abi, &dm->type), s = classify(p->spec, p->src_abi, &sm->type);
    if (dm->ndims > 1 || sm->ndims > 1 || (dm->ndims == 0) != (sm->ndims == 0)) {
        if (same_dims(dm, sm) &&
            d.kind == XT_INT && s.kind == XT_INT && d.bytes == s.bytes && d.is_signed == s.is_signed) {
            struct xlat_step *st = add_step(p, XS_BYTES, at.depth);
            st->dst = dst;
            st->src = src;
            st->member = path;
            return;
        }
        problem(p, DIAG_XLAT_TYPE_MISMATCH, dm->loc, "arrays translate element by element, with one dimension",
                "member '%s' is an array on one side only, or has several dimensions", path);
        return;
    }
    if (!dm->ndims) {
        plan_value(p, dm, d, s, dst, src, path, at);
        return;
    }
    uint64_t n = dm->dims[0] < sm->dims[0] ? dm->dims[0] : sm->dims[0];
    /* Identical integer arrays are one byte copy; anything else goes
     * element by element. */
    if (dm->dims[0] == sm->dims[0] && d.kind == XT_INT && s.kind == XT_INT && d.bytes == s.bytes &&
        d.is_signed == s.is_signed) {
        struct xlat_step *st = add_step(p, XS_BYTES, at.depth);
        st->dst = dst;
        st->src = src;
        st->member = path;
        return;
    }
    /* a longer dst: what the loop does not reach is zero */
    if (dm->dims[0] > n)
        add_step(p, XS_ZERO_DST, at.depth)->dst = dst;
    const char *index = arena_printf(p->a, "i%u", p->loops++);
    struct xlat_step *loop = add_step(p, XS_LOOP, at.depth);
    loop->index = index;
    loop->count = n;
    plan_value(p, dm, d, s, arena_printf(p->a, "%s[%s]", dst, index), arena_printf(p->a, "%s[%s]", src, index),
               arena_printf(p->a, "%s[]", path), (struct place){at.dst, at.src, at.path, at.depth + 1});
    add_step(p, XS_END, at.depth);
    if (sm->dims[0] > n) {
        struct xlat_step *z = add_step(p, XS_ZERO_CHECK, at.depth);
        z->src = src;
        z->zero_from = arena_printf(p->a, "%" PRIu64, n);
        z->member = arena_printf(p->a, "%s[%" PRIu64 "..]", path, n);
    }
}

static bool same_dims(const struct member *a, const struct member *b)
{
    if (a->ndims != b->ndims)
        return false;
    for (size_t k = 0; k < a->ndims; k++)
        if (a->dims[k] != b->dims[k])
            return false;
    return true;
}

/* The member of s (on abi) that a name pairs with: the member of that
 * name, or one with an alias of that name. */
static const struct member *partner_on(const struct aggregate *s, unsigned abi, const char *name)
{
    for (size_t i = 0; i < s->nmembers; i++) {
        const struct member *m = s->members[i];
        if (present(m, abi) && m->name.text && strcmp(m->name.text, name) == 0)
            return m;
    }
    for (size_t i = 0; i < s->nmembers; i++) {
        const struct member *m = s->members[i];
        if (!present(m, abi))
            continue;
        for (size_t j = 0; j < m->naliases; j++)
            if (strcmp(m->aliases[j]->name.text, name) == 0 && m->name.text)
                return m;
    }
    return NULL;
}

static const struct member *partner(const struct xlat_plan *p, const struct aggregate *s, const char *name)
{
    return partner_on(s, p->src_abi, name);
}

/* A split slot: a member of one layout whose aliases pair with two or
 * more members of the other, as x86_64's syscall_callback_eip holds, in
 * the hypervisor's view, the event_callback_cs and failsafe_callback_cs
 * that x86_32 has as members. Then each alias translates on its own.
 * Returns how many aliases pair (0 when m is not split), filling the
 * aliases and their partners. */
#define XLAT_MAX_SPLIT 8

static size_t split_pairs(const struct member *m, unsigned abi, const struct aggregate *other,
                          unsigned other_abi, const struct alias **aliases, const struct member **partners)
{
    if (!m->name.text || partner_on(other, other_abi, m->name.text))
        return 0;
    size_t n = 0;
    bool several = false;
    for (size_t j = 0; j < m->naliases && n < XLAT_MAX_SPLIT; j++) {
        const struct alias *x = m->aliases[j];
        const struct member *o = alias_layout_on(x, abi) ? partner_on(other, other_abi, x->name.text) : NULL;
        if (!o)
            continue;
        bool seen = false;
        for (size_t k = 0; k < n; k++)
            seen = seen || partners[k] == o;
        several = several || (n && partners[0] != o);
        if (seen)
            continue;
        aliases[n] = x;
        partners[n++] = o;
    }
    return several ? n : 0;
}

static const struct alias *alias_named(const struct member *m, const char *name)
{
    for (size_t j = 0; j < m->naliases; j++)
        if (strcmp(m->aliases[j]->name.text, name) == 0)
            return m->aliases[j];
    return NULL;
}

/* The aliases of a split slot must tile it: nothing of it may be left
 * out of the translation, nor written twice. */
static bool split_tiles(const struct member *m, unsigned abi, const struct alias *const *aliases, size_t n)
{
    const struct member_layout *ml = member_layout_on(m, abi);
    if (!ml)
        return false;
    /* alias offsets are in the struct, as the member's */
    uint64_t at = ml->offset;
    for (size_t done = 0; done < n; done++) {
        bool found = false;
        for (size_t k = 0; k < n && !found; k++) {
            const struct member_layout *xl = alias_layout_on(aliases[k], abi);
            if (xl->offset == at) {
                at += xl->size;
                found = true;
            }
        }
        if (!found)
            return false;
    }
    return at == ml->offset + ml->size;
}

static void mark_used(const struct aggregate *s, const struct member *sm, bool *used)
{
    for (size_t j = 0; j < s->nmembers; j++)
        if (s->members[j] == sm)
            used[j] = true;
}

/* Checks that a split slot can be translated alias by alias, and limits
 * the translation to the views that see the aliases it names. */
static bool plan_split(struct xlat_plan *p, const struct member *slot, unsigned abi,
                       const struct alias *const *aliases, size_t n)
{
    for (size_t k = 0; k < n; k++)
        p->views &= aliases[k]->cond.views;
    p->uses_aliases = true;
    if (split_tiles(slot, abi, aliases, n))
        return true;
    problem(p, DIAG_XLAT_TYPE_MISMATCH, slot->loc,
            "aliases that stand for members of the other layout must cover the member exactly, without overlap",
            "member '%s' is split between members of %s, but its aliases do not cover it exactly",
            slot->name.text, abi_name(p, abi == p->dst_abi ? p->src_abi : p->dst_abi));
    return false;
}

/* One name of a split slot and its partner: scalar on both sides. dm and
 * sm are the members, when the names are members (for arrays and errors). */
static void plan_pair(struct xlat_plan *p, const char *dname, const struct type_ref *dt, const struct member *dm,
                      const char *sname, const struct type_ref *st, const struct member *sm, struct place at)
{
    const struct member *m = dm ? dm : sm;
    if ((dm && dm->ndims) || (sm && sm->ndims)) {
        problem(p, DIAG_XLAT_TYPE_MISMATCH, m->loc, "an alias is one value: it pairs with a member that is one too",
                "member '%s' is an array and pairs with an alias", m->name.text);
        return;
    }
    plan_value(p, m, classify(p->spec, p->dst_abi, dt), classify(p->spec, p->src_abi, st),
               join(p->a, at.dst, dname), join(p->a, at.src, sname), join_path(p->a, at.path, dname), at);
}

static bool member_names(const struct member *m, const char *name)
{
    if (m->name.text && strcmp(m->name.text, name) == 0)
        return true;
    for (size_t j = 0; j < m->naliases; j++)
        if (strcmp(m->aliases[j]->name.text, name) == 0)
            return true;
    return false;
}

static void walk(struct xlat_plan *p, const struct aggregate *d, const struct aggregate *s,
                 struct place at)
{
    bool *used = ARENA_ARRAY(p->a, bool, s->nmembers + 1);
    memset(used, 0, sizeof(bool) * (s->nmembers + 1));
    unsigned anon = 0;
    for (size_t i = 0; i < d->nmembers; i++) {
        const struct member *dm = d->members[i];
        if (!present(dm, p->dst_abi))
            continue;
        if (dm->kind == MEMBER_PAD) {
            if (dm->name.text && !(dm->ndims == 1 && dm->dims[0] == 0)) {
                struct xlat_step *z = add_step(p, XS_ZERO_DST, at.depth);
                z->dst = join(p->a, at.dst, dm->name.text);
                z->tools_only = member_is_view_padding(dm);
            }
            continue;
        }
        const struct member *sm;
        if (!dm->name.text) {
            sm = nth_anonymous(s, p->src_abi, anon++);
            if (!sm) {
                p->clear = true;
                continue;
            }
            struct xt dt = classify(p->spec, p->dst_abi, &dm->type), st = classify(p->spec, p->src_abi, &sm->type);
            if (xlat_same_layout(p->spec, dt.agg, p->dst_abi, st.agg, p->src_abi)) {
                /* an anonymous member has no lvalue; copy what it names */
                walk(p, dt.agg, st.agg, at);
            } else if (dt.agg->kind == AGG_UNION || st.agg->kind == AGG_UNION) {
                plan_union(p, dm, dt.agg, st.agg, at.dst, at.src, at.path, at);
            } else {
                walk(p, dt.agg, st.agg, at);
            }
        } else {
            const struct alias *aliases[XLAT_MAX_SPLIT];
            const struct member *partners[XLAT_MAX_SPLIT];
            size_t n = split_pairs(dm, p->dst_abi, s, p->src_abi, aliases, partners);
            if (n) {
                /* dst's slot is split: each alias from its own member */
                if (plan_split(p, dm, p->dst_abi, aliases, n)) {
                    for (size_t k = 0; k < n; k++) {
                        plan_pair(p, aliases[k]->name.text, &aliases[k]->type, NULL, partners[k]->name.text,
                                  &partners[k]->type, partners[k], at);
                        mark_used(s, partners[k], used);
                    }
                }
                continue;
            }
            sm = partner(p, s, dm->name.text);
            if (sm && (n = split_pairs(sm, p->src_abi, d, p->dst_abi, aliases, partners)) != 0) {
                /* src's slot is split: dm is one of its aliases */
                const struct alias *x = alias_named(sm, dm->name.text);
                if (plan_split(p, sm, p->src_abi, aliases, n))
                    plan_pair(p, dm->name.text, &dm->type, dm, x->name.text, &x->type, NULL, at);
                mark_used(s, sm, used);
                continue;
            }
            /* x86_64's rax pairs with x86_32's eax through its alias */
            for (size_t k = 0; !sm && k < dm->naliases; k++)
                sm = partner(p, s, dm->aliases[k]->name.text);
            if (!sm) {
                add_step(p, XS_ZERO_DST, at.depth)->dst = join(p->a, at.dst, dm->name.text);
                continue;
            }
            plan_member(p, dm, sm, at);
        }
        mark_used(s, sm, used);
    }
    /* What the source has and the destination cannot hold must be zero. */
    for (size_t j = 0; j < s->nmembers; j++) {
        const struct member *sm = s->members[j];
        if (used[j] || !present(sm, p->src_abi) || sm->kind == MEMBER_PAD)
            continue;
        bool held = false;
        for (size_t i = 0; i < d->nmembers && !held; i++)
            held = present(d->members[i], p->dst_abi) && sm->name.text && member_names(d->members[i], sm->name.text);
        if (held)
            continue;
        if (!sm->name.text) {
            problem(p, DIAG_XLAT_TYPE_MISMATCH, sm->loc, "give it a name, or declare it on both sides",
                    "an anonymous %s exists on %s only, and has nothing to translate into",
                    sm->type.inline_agg && sm->type.inline_agg->kind == AGG_UNION ? "union" : "struct",
                    abi_name(p, p->src_abi));
            continue;
        }
        struct xlat_step *z = add_step(p, XS_ZERO_CHECK, at.depth);
        z->src = join(p->a, at.src, sm->name.text);
        z->zero_from = "0";
        z->scalar = !sm->ndims && classify(p->spec, p->src_abi, &sm->type).kind == XT_INT;
        z->member = join_path(p->a, at.path, sm->name.text);
    }
}

/* Whether a struct has bytes that belong to no member: C's alignment
 * holes, which a translation would otherwise leave uninitialised. */
static bool has_holes(struct spec *spec, const struct aggregate *agg, unsigned abi, unsigned depth)
{
    if (!agg_layout_on(agg, abi) || depth > 32)
        return true;
    struct layout_hole h;
    struct layout_holes it = layout_holes(agg, abi);
    if (layout_hole_next(&it, &h))
        return true;
    for (size_t i = 0; i < agg->nmembers; i++) {
        const struct member *m = agg->members[i];
        if (!member_layout_on(m, abi))
            continue;
        struct xt t = classify(spec, abi, &m->type);
        if (t.kind == XT_AGG && has_holes(spec, t.agg, abi, depth + 1))
            return true;
    }
    return false;
}

void xlat_plan_init(struct xlat_plan *p, struct arena *a, struct spec *spec, unsigned dst_abi,
                    unsigned src_abi, bool compat)
{
    memset(p, 0, sizeof(*p));
    p->a = a;
    p->spec = spec;
    p->dst_abi = dst_abi;
    p->src_abi = src_abi;
    p->compat = compat;
    p->problem = DIAG_COUNT;
    p->views = VIEW_ALL;
}

void xlat_plan_build(struct xlat_plan *p, const struct aggregate *dst, const struct aggregate *src)
{
    p->steps = (struct avec){0};
    p->loops = 0;
    p->problem = DIAG_COUNT;
    p->views = VIEW_ALL;
    p->uses_aliases = false;
    p->params = (struct avec){0};
    p->clear = has_holes(p->spec, dst, p->dst_abi, 0);
    walk(p, dst, src, (struct place){"(*dst)", "(*src)", "", 1});
}

/* ---- which structs ------------------------------------------------------ */

bool xlat_is_first_variant(struct spec *spec, const struct aggregate *agg)
{
    struct sym *s = agg->name.text ? symtab_get(spec->types, agg->name.text) : NULL;
    return s && s->decl == agg;
}

bool xlat_has_compat(struct spec *spec, const struct aggregate *agg)
{
    const struct arch *arch = spec->arch;
    if (!arch || arch->compat < 0 || arch->native < 0 || agg->old_of.text || agg->vis.kind != VIS_GUEST)
        return false;
    if (!xlat_is_first_variant(spec, agg) || agg->failed)
        return false;
    struct aggregate *head = (struct aggregate *)agg;
    struct aggregate *c = agg_variant_for_abi(head, (unsigned)arch->compat);
    struct aggregate *n = agg_variant_for_abi(head, (unsigned)arch->native);
    return c && n && agg_layout_on(c, (unsigned)arch->compat) && agg_layout_on(n, (unsigned)arch->native);
}

const char *xlat_version_tag(struct arena *a, uint64_t version)
{
    return arena_printf(a, "v%" PRIx64, version);
}
