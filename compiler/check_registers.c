/* SPDX-License-Identifier: MIT */
/*
 * Registers and their fields, and the struct members that hold a
 * register (register slots).
 */
#include "check_rows.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* ---- registers -------------------------------------------------------- */

void check_register_width(struct check_ctx *cc)
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

static void field_bits_field(struct check_ctx *cc, struct reg *r, struct field *f)
{
    if (f->msb_written >= f->lsb_written)
        return;
    f->failed |= cc->bit;
    struct diag *d = check_report(cc, &r->failed, f->bits_loc,
                                  "bit range %" PRIu64 ":%" PRIu64 " of %s is written low to high",
                                  f->msb_written, f->lsb_written, field_label(&cc->spec->arena, f));
    diag_note(d, f->bits_loc, "ranges are written msb:lsb, e.g. %" PRIu64 ":%" PRIu64, f->lsb_written,
              f->msb_written);
}

void check_field_bits(struct check_ctx *cc)
{
    visit_own_fields(cc, field_bits_field);
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

static void field_name_reserved_kind_field(struct check_ctx *cc, struct reg *r, struct field *f)
{
    if (f->kind != BITS_FIELD || !f->name.text)
        return;
    const char *kind = field_name_reserved_kind(f->name.text);
    if (!kind)
        return;
    f->failed |= cc->bit;
    struct diag *d = check_report(cc, &r->failed, f->name.loc,
                                  "field '%s' of '%s' is named like a reserved kind, so its bits "
                                  "would be a field, not reserved",
                                  f->name.text, r->name.text);
    diag_note(d, f->name.loc,
              "did you mean '%s'? the reserved kinds are the lowercase keywords res0, res1, raz and unknown",
              kind);
}

void check_field_name_reserved_kind(struct check_ctx *cc)
{
    visit_own_fields(cc, field_name_reserved_kind_field);
}

static void field_outside_field(struct check_ctx *cc, struct reg *r, struct field *f)
{
    if (f->failed || f->msb < r->width)
        return;
    f->failed |= cc->bit;
    struct diag *d = check_report(cc, &r->failed, f->bits_loc,
                                  "%s (%s) lies outside %u-bit register '%s'",
                                  field_label(&cc->spec->arena, f),
                                  field_bits_text(&cc->spec->arena, f), r->width, r->name.text);
    diag_note(d, r->width_loc, "the register's width is given here");
}

void check_field_outside(struct check_ctx *cc)
{
    visit_own_fields(cc, field_outside_field);
}

static int field_compare_lsb(const void *a, const void *b)
{
    const struct field *x = *(const struct field *const *)a, *y = *(const struct field *const *)b;
    if (x->lsb != y->lsb)
        return x->lsb < y->lsb ? -1 : 1;
    return loc_compare(&x->loc, &y->loc);
}

static void field_overlap_register(struct check_ctx *cc, struct reg *r)
{
    struct arena *a = &cc->spec->arena;
    if (r->nfields == 0)
        return;
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
        return;
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

void check_field_overlap(struct check_ctx *cc)
{
    visit_own_registers(cc, field_overlap_register);
}

/* derive.c computed the masks and the bits left over; a `like` register
 * is judged at its source. */
static void field_uncovered_register(struct check_ctx *cc, struct reg *r)
{
    if (r->like.text || mask_empty(r->uncovered))
        return;
    struct buf b = {0}, ranges = {0};
    diag_bits(&b, r->uncovered);
    diag_bit_ranges(&ranges, r->uncovered);
    struct diag *d = check_report(cc, &r->failed, r->name.loc, "register '%s' does not account for %s",
                                  r->name.text, b.data);
    diag_note(d, r->name.loc, "declare them, e.g. 'res0 %s;', or say 'res0 rest;'", ranges.data);
    buf_free(&b);
    buf_free(&ranges);
}

void check_field_uncovered(struct check_ctx *cc)
{
    visit_own_registers(cc, field_uncovered_register);
}

static void reset_too_wide_field(struct check_ctx *cc, struct reg *r, struct field *f)
{
    if (f->failed || !f->has_reset || f->reset <= field_max_value(f))
        return;
    check_report(cc, &r->failed, f->reset_loc,
                 "reset value 0x%" PRIx64 " does not fit %u-bit field %s.%s", f->reset,
                 f->msb - f->lsb + 1, r->name.text, f->name.text);
}

void check_reset_too_wide(struct check_ctx *cc)
{
    visit_own_fields(cc, reset_too_wide_field);
}

static void enum_too_wide_field(struct check_ctx *cc, struct reg *r, struct field *f)
{
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

void check_enum_too_wide(struct check_ctx *cc)
{
    visit_own_fields(cc, enum_too_wide_field);
}

static void enum_duplicate_value_field(struct check_ctx *cc, struct reg *r, struct field *f)
{
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

void check_enum_duplicate_value(struct check_ctx *cc)
{
    visit_own_fields(cc, enum_duplicate_value_field);
}

/* ---- register slots ------------------------------------------------- */

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

void check_register_slot_type(struct check_ctx *cc)
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

void check_register_slot_too_narrow(struct check_ctx *cc)
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

void check_register_slot_narrow(struct check_ctx *cc)
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

void check_truncate_unneeded(struct check_ctx *cc)
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

void check_register_select_mismatch(struct check_ctx *cc)
{
    if (check_skip(cc, 0))
        return;
    visit_all_members(cc, select_member);
}

