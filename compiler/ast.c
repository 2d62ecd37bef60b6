/* SPDX-License-Identifier: MIT */
#include "ast.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    unsigned bits;
    bool is_signed;
} base_types[BT_COUNT] = {
#define REGC_BT_ROW(e, name, bits, sign) [BT_##e] = {name, bits, sign},
    REGC_BASE_TYPES(REGC_BT_ROW)
#undef REGC_BT_ROW
};

const char *base_type_name(enum base_type bt)
{
    return bt < BT_COUNT ? base_types[bt].name : "?";
}

unsigned base_type_fixed_bits(enum base_type bt)
{
    return bt < BT_COUNT ? base_types[bt].bits : 0;
}

bool base_type_is_signed(enum base_type bt)
{
    return bt < BT_COUNT && base_types[bt].is_signed;
}

bool base_type_is_integer(enum base_type bt)
{
    return bt <= BT_ULONG;
}

enum base_type base_type_lookup(const char *name)
{
    for (int i = 0; i < BT_COUNT; i++)
        if (strcmp(base_types[i].name, name) == 0)
            return (enum base_type)i;
    return BT_COUNT;
}

const char *bit_kind_name(enum bit_kind k)
{
    static const char *const names[BITS_KIND_COUNT] = {"field", "res0", "res1", "raz", "unknown"};
    return k < BITS_KIND_COUNT ? names[k] : "?";
}

void spec_free(struct spec *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nsources; i++)
        source_free(s->sources[i]);
    free(s->sources);
    ptrvec_free(&s->features);
    ptrvec_free(&s->interfaces);
    ptrvec_free(&s->regs);
    ptrvec_free(&s->aggs);
    ptrvec_free(&s->typedefs);
    ptrvec_free(&s->consts);
    ptrvec_free(&s->flagsets);
    ptrvec_free(&s->verbatims);
    symtab_free(s->types);
    symtab_free(s->registers);
    symtab_free(s->feature_names);
    symtab_free(s->interface_names);
    symtab_free(s->macros);
    symtab_free(s->abi_names);
    arena_free(&s->arena);
    free(s);
}

uint64_t spec_all_abis(const struct spec *spec)
{
    size_t n = spec->arch ? spec->arch->nabis : 0;
    return n >= 64 ? ~0ull : ((1ull << n) - 1);
}

struct aggregate *agg_variant_for_abi(struct aggregate *agg, unsigned abi)
{
    for (struct aggregate *a = agg; a; a = a->next_variant)
        if (a->cond.abi_mask & (1ull << abi))
            return a;
    return NULL;
}

struct typedef_decl *typedef_variant_for_abi(struct typedef_decl *td, unsigned abi)
{
    for (struct typedef_decl *t = td; t; t = t->next_variant)
        if (t->cond.abi_mask & (1ull << abi))
            return t;
    return NULL;
}

bool type_names_match(const struct sym *s, const struct type_ref *t)
{
    if (t->tag == TAG_NONE)
        return true;
    if (s->kind != SYM_AGGREGATE)
        return false;
    const struct aggregate *a = s->decl;
    return (t->tag == TAG_STRUCT) == (a->kind == AGG_STRUCT);
}
