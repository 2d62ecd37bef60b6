/* SPDX-License-Identifier: MIT */
/*
 * How the model is spelt in C: macro names, type names, guards. One place,
 * so that the checks that look for clashes and the emitters that write the
 * names cannot disagree.
 */
#ifndef REGC_CNAMES_H
#define REGC_CNAMES_H

#include "ast.h"

/* The macros the register header defines for a register, in order. */
enum reg_macro_kind {
    RM_FIELD_SHIFT, RM_FIELD_WIDTH, RM_FIELD_MASK, RM_ENUM,
    RM_RESERVED, RM_FEATURE_RESERVED, RM_RESET, RM_RESET_MASK
};

struct reg_macro {
    enum reg_macro_kind kind;
    const char *name;
    struct loc loc;                 /* what it was generated for */
    const struct field *field;      /* field macros and enums */
    const struct enum_value *ev;    /* RM_ENUM */
    enum bit_kind reserved;         /* RM_RESERVED, RM_FEATURE_RESERVED */
    const struct feature *feature;  /* RM_FEATURE_RESERVED */
    struct mask128 mask;            /* RM_FEATURE_RESERVED: the bits */
};

typedef void (*reg_macro_fn)(void *ctx, const struct reg_macro *m);
void reg_macros(struct arena *a, const struct reg *r, reg_macro_fn fn, void *ctx);


/* Bits of fields gated by f itself, of the kind they take without it. */
struct mask128 reg_feature_mask(const struct reg *r, const struct feature *f, enum bit_kind kind);
/* The features that gate some field of r, in the order they first appear. */
size_t reg_gating_features(const struct reg *r, const struct feature **out, size_t max);
/* Reset value and the bits it defines. */
bool reg_reset(const struct reg *r, struct mask128 *value, struct mask128 *defined);

/* C spelling of a base type: uint32_t, unsigned long, ... */
const char *c_base_type(enum base_type bt);
/* Xen's constant wrapper for an unsigned type: xen_mk_uint, xen_mk_ulong or
 * xen_mk_ullong. Signed constants are written plain, as Xen has no
 * wrapper for them. */
const char *c_const_wrapper(enum base_type bt);
/* The C suffix that gives an unsigned constant the type xen_mk_*() would:
 * U, UL or ULL. The public headers spell constants with it, as Xen writes
 * `(1U << 7)`, so that they need nothing defined before them (xen.h
 * defines xen_mk_*() only after including the arch header). */
const char *c_const_suffix(enum base_type bt);
/* The integer type wide enough for a register. */
enum base_type reg_storage_type(const struct reg *r);

/* The preprocessor condition that shows a declaration (NULL: always). */
const char *c_visibility_condition(struct arena *a, const struct visibility *v);

/* What an #endif of that condition says in its comment, Xen style:
 * "__XEN__ || __XEN_TOOLS__". */
const char *c_visibility_comment(struct arena *a, const struct visibility *v);

/* The preprocessor test for a set of views (VIEW_*): "" for every view,
 * "defined(__XEN__)" for the hypervisor's, ... */
const char *c_view_condition(unsigned views);
/* How a name of one view only is tagged in identifiers and listings:
 * "guest", "tools", "xen", or "" for every view. */
const char *c_view_tag(unsigned views);

/*
 * The names the accessor and translation headers define for their own
 * use, after the arch's name: upper-cased (ARM_INLINE, a macro) or
 * lower-cased (arm_check_fail, a function). The templates spell them; a
 * test holds this list to the templates. A spec's constant, flag, feature
 * or register must not take one.
 */
extern const char *const arch_helper_upper[];
extern const size_t arch_helper_upper_count;
extern const char *const arch_helper_lower[];
extern const size_t arch_helper_lower_count;

/* A type as C spells it in a declaration: uint64_t, struct NAME,
 * XEN_GUEST_HANDLE(T), a typedef's name. */
const char *c_type_of(struct arena *a, const struct type_ref *t);
/* The same as a compat layout spells it: COMPAT_HANDLE(T), struct
 * compat_NAME, regc_compat_u64_t for 64-bit integers (whose alignment is
 * the compat ABI's). The caller follows typedefs to the compat ABI's
 * variant first. */
const char *c_compat_type_of(struct arena *a, const struct type_ref *t);
/* The attribute aligned(N) gives a declaration,
 * " __attribute__((__aligned__(N)))", or "". */
const char *c_type_attribute(struct arena *a, const struct type_ref *t);
/* "uint64_t name", with the attribute aligned(N) needs. */
const char *c_decl(struct arena *a, const struct type_ref *t, const char *name);

/* "defined(__i386__) || defined(__x86_64__)": the predicates of the ABIs
 * in mask, or "0" for none. */
const char *c_abi_condition(struct arena *a, const struct arch *arch, uint64_t mask);
/* "(x) && (y)", or the one that is not empty, or "". */
const char *c_and_conditions(struct arena *a, const char *x, const char *y);
/* The include guard of a public header: __XEN_PUBLIC_ARCH_ARM_H__ for
 * arch-arm.h. */
const char *header_guard(struct arena *a, const char *header);

/* Preprocessor tests the views combine with c_and_conditions(). */
#define C_TEST_GNU_C "defined(__GNUC__) && !defined(__STRICT_ANSI__)"   /* anonymous unions */
#define C_TEST_GNU_C_NOT_CXX "defined(__GNUC__) && !defined(__cplusplus)" /* empty arrays */
#define C_TEST_NOT_CXX "!defined(__cplusplus)" /* C's layout of empty structs */

/* A constant of a declaration's type: 0x10U for a u32, (-1) for a
 * signed one; see cnames.c for why each is spelt as it is. */
const char *c_const_value(struct arena *a, enum base_type type, uint64_t v);
/* A register constant in Xen's wrapper for bt, so that it has bt's type
 * in assembly and C alike: xen_mk_uint(0x1f). */
const char *c_mk_const(struct arena *a, enum base_type bt, const char *hex);
/* An enum value of a register field, as wide as it needs rather than as
 * its register: xen_mk_uint(0x3), xen_mk_ullong(0x100000000). */
const char *c_mk_value(struct arena *a, uint64_t v);
/* The mask of a flag: (1U << _NAME_FLAG), 1 as wide as the flag set's type. */
const char *c_flag_mask(struct arena *a, enum base_type bt, const char *bit_macro);
/* offsetof(TYPE, PATH) and sizeof(((TYPE *)0)->PATH), for the layout
 * check's assertions. */
const char *c_offsetof(struct arena *a, const char *type, const char *path);
const char *c_member_sizeof(struct arena *a, const char *type, const char *path);

/* Comment-safe text: no "*" "/" sequence, no control characters. */
const char *c_comment_text(struct arena *a, const char *s);

/* Whether C89 names a member of agg in every view and dialect and on
 * every ABI of abis; see cnames.c. */
bool agg_names_a_member(const struct aggregate *agg, uint64_t abis);

#endif
