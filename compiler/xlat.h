/* SPDX-License-Identifier: MIT */
/*
 * Translation between two layouts of one struct: a native struct and its
 * 32-bit compat layout (x86_64 and x86_32), or a struct and an older
 * version of it (`old(NAME, VERSION)`). This phase runs after layout and
 * plans each translation as a list of steps (copy, checked narrowing,
 * byte copy of an identical part, zero check of what the other layout
 * cannot hold, loops, union selection, handle hooks). The checks use the
 * plan to find what cannot be translated; the xlat view renders it.
 */
#ifndef REGC_XLAT_H
#define REGC_XLAT_H

#include "ast.h"
#include "diag.h"
#include "util.h"

enum xlat_step_kind {
    XS_COPY,       /* dst = src: every value of src fits dst */
    XS_NARROW,     /* dst = src, after checking that src fits dst */
    XS_BYTES,      /* the same layout on both sides: copy the bytes */
    XS_ZERO_CHECK, /* src bytes the other layout cannot hold: must be 0 */
    XS_LOOP,       /* for ( index = 0; index < count; index++ ) { */
    XS_SWITCH,     /* switch ( selector ) {, for a union */
    XS_CASE,       /* case value: ... (a union alternative), or default: */
    XS_END,        /* closes a loop, a case or a switch (a switch without an
                      else alternative fails in its default:, naming member) */
    XS_HANDLE,     /* a guest handle, through its hook */
    XS_ZERO_DST,   /* dst bytes nothing is copied into: padding, members the
                      source lacks */
};

struct xlat_step {
    enum xlat_step_kind kind;
    unsigned depth;         /* nesting of loops and switches */
    const char *dst, *src;  /* C lvalues, e.g. (*dst).user_regs.eax */
    const char *member;     /* what an error names: "trap_ctxt[].address" */
    /* XS_NARROW: the destination's range, and which tests are needed */
    bool check_negative;    /* src is signed and dst unsigned */
    bool check_max;         /* src may exceed dst's maximum */
    bool check_min;         /* src may be below dst's (negative) minimum */
    uint64_t max;
    int64_t min;
    /* XS_ZERO_DST of padding that only the tools view names */
    bool tools_only;
    /* XS_ZERO_CHECK: from offset (C expression) on, to the end of src */
    const char *zero_from;
    bool scalar;            /* XS_ZERO_CHECK of one integer: a plain test */
    /* XS_LOOP */
    const char *index;
    uint64_t count;
    /* XS_CASE: the selector values, or default: */
    const uint64_t *values;
    const char *const *value_names; /* the constant each value was written as, or NULL */
    size_t nvalues;
    bool is_default;
    /* XS_END of a switch: the union has an else alternative */
    bool has_default;
    /* XS_HANDLE */
    const char *handle;     /* the handle's target type name */
    bool handle64;
};

/* A union selector that is a parameter of the translation functions. */
struct xlat_param {
    const char *name;
    enum base_type type;
};

struct xlat_plan {
    struct arena *a;
    struct spec *spec;
    unsigned dst_abi, src_abi;
    bool compat;            /* between ABIs: handles go through hooks */
    struct avec steps;      /* struct xlat_step, in the arena */
    unsigned loops;
    bool clear;             /* dst has bytes no step writes: clear it first */
    unsigned views;         /* VIEW_*: where the names the steps use exist */
    bool uses_aliases;      /* steps name aliases, which need GNU C (see view_header.c) */
    struct avec params;     /* struct xlat_param, in order of first use */
    /* The first thing that cannot be translated, for the checks. */
    enum diag_id problem;   /* DIAG_COUNT when there is none */
    struct loc problem_loc;
    const char *problem_message;
    const char *problem_note;
};

void xlat_plan_init(struct xlat_plan *p, struct arena *a, struct spec *spec, unsigned dst_abi,
                    unsigned src_abi, bool compat);
/* Plans dst <- src, where dst is laid out on dst_abi and src on src_abi. */
void xlat_plan_build(struct xlat_plan *p, const struct aggregate *dst, const struct aggregate *src);

/* Whether two aggregates have the same bytes: member for member the same
 * names, offsets, sizes and types. */
bool xlat_same_layout(struct spec *spec, const struct aggregate *a, unsigned abi_a,
                      const struct aggregate *b, unsigned abi_b);

/* The value a selector value of an alternative stands for; false when it
 * names a constant that has no value (an error reported elsewhere). */
bool xlat_alt_value(const struct expr *e, uint64_t *out);

/* The first declaration of a name, for walking each struct once. */
bool xlat_is_first_variant(struct spec *spec, const struct aggregate *agg);

/* The structs that get compat translation: guest-visible, declared on
 * both the native and the compat ABI. */
bool xlat_has_compat(struct spec *spec, const struct aggregate *agg);

/* "v13" for version 0x13: how function names spell a version. */
const char *xlat_version_tag(struct arena *a, uint64_t version);

#endif
