/* SPDX-License-Identifier: MIT */
/*
 * The model of one spec: what the parser builds, what resolve links up and
 * the checks read, and what layout and the emitters consume. Everything is
 * allocated from the spec's arena. Fields marked "resolved" are filled in by
 * resolve.c; before that they are zero.
 */
#ifndef REGC_AST_H
#define REGC_AST_H

#include "mask.h"
#include "source.h"
#include "symtab.h"
#include "util.h"

#include <stdbool.h>
#include <stdint.h>

struct name {
    const char *text; /* NULL when absent */
    struct loc loc;
};

/* Limits of the model, which the scanner and the checks enforce. */
enum {
    REGC_MAX_NESTING = 64,       /* open braces, parentheses and brackets */
    REGC_MAX_VALUE_NESTING = 32, /* aggregates held by value in one another */
    /* bytes in an arch's header name: with "-layout.h" and the temporary
     * ".regc-XXXXXX" suffix it stays within any file system's NAME_MAX */
    REGC_MAX_HEADER_NAME = 128,
};

/* ---- base types ------------------------------------------------------ */

#define REGC_BASE_TYPES(X) \
    X(U8, "u8", 8, false) \
    X(U16, "u16", 16, false) \
    X(U32, "u32", 32, false) \
    X(U64, "u64", 64, false) \
    X(S8, "s8", 8, true) \
    X(S16, "s16", 16, true) \
    X(S32, "s32", 32, true) \
    X(S64, "s64", 64, true) \
    X(CHAR, "char", 8, false) \
    X(ULONG, "ulong", 0, false) \
    X(POINTER, "pointer", 0, false) \
    X(HANDLE, "handle", 0, false) \
    X(HANDLE64, "handle64", 0, false)

enum base_type {
#define REGC_BT_ENUM(e, name, bits, sign) BT_##e,
    REGC_BASE_TYPES(REGC_BT_ENUM)
#undef REGC_BT_ENUM
    BT_COUNT
};

const char *base_type_name(enum base_type bt);
/* Width fixed by the language (u8..s64, char), or 0 when only the ABI knows. */
unsigned base_type_fixed_bits(enum base_type bt);
bool base_type_is_signed(enum base_type bt);
bool base_type_is_integer(enum base_type bt);
/* Returns BT_COUNT for a name that is not a base type. */
enum base_type base_type_lookup(const char *name);

/* ---- architecture ------------------------------------------------------ */

struct abi_type_fact {
    uint32_t size, align;
    uint64_t size_written, align_written; /* unclamped, for messages */
    bool set;
    struct loc loc;
};

enum endian { ENDIAN_UNSET, ENDIAN_LITTLE, ENDIAN_BIG };

struct abi {
    struct name name;
    const char *doc;
    struct loc loc;
    enum endian endian;
    struct loc endian_loc;
    const char *predicate; /* C preprocessor test that selects this ABI */
    struct loc predicate_loc;
    struct abi_type_fact types[BT_COUNT];
    unsigned index;
    uint64_t failed;        /* checks that reported an error here */
};

struct arch {
    struct name name;
    const char *doc;
    struct loc loc;
    struct abi **abis;
    size_t nabis;
    bool same_layout; /* every aggregate must lay out identically on all ABIs */
    struct loc same_layout_loc;
    const char *header;   /* file name of the public header, e.g. "arch-arm.h" */
    struct loc header_loc;
    /* `compat x86_32 for x86_64;`: 32-bit guests of a 64-bit Xen */
    struct name compat_abi, native_abi;
    int compat, native;   /* ABI indexes, -1 when there is no compat ABI */
};

/* ---- visibility and conditions -------------------------------------- */

enum vis_kind { VIS_UNSET, VIS_GUEST, VIS_TOOLS, VIS_XEN };

struct interface;

struct visibility {
    enum vis_kind kind;
    struct loc loc;
    struct name iface;              /* tools(INTERFACE) */
    struct interface *iface_decl;   /* resolved */
    /* Guest interface-version window [since, until). For a tools item,
     * `guest until V` keeps it visible to guests that ask for an older
     * __XEN_INTERFACE_VERSION__. */
    bool guest_window;
    bool has_since, has_until;
    uint64_t since, until;
    struct loc since_loc, until_loc;
    /* `tools(I) retire "why"`: a former guest item no guest uses any more */
    const char *retire;
    struct loc retire_loc;
};

/* Views: what a translation unit sees, decided by __XEN__ and
 * __XEN_TOOLS__: guests (neither), the toolstack (__XEN_TOOLS__ alone) and
 * the hypervisor (__XEN__). `only(tools)` is the last two, as Xen's
 * `defined(__XEN__) || defined(__XEN_TOOLS__)`; `only(xen)` the last. */
enum {
    VIEW_GUEST = 1u << 0,
    VIEW_TOOLSTACK = 1u << 1,
    VIEW_XEN = 1u << 2,
    VIEW_TOOLS = VIEW_TOOLSTACK | VIEW_XEN,
    VIEW_ALL = VIEW_GUEST | VIEW_TOOLS
};

struct condition {
    bool present;
    struct loc loc;
    unsigned views;          /* VIEW_* mask; VIEW_ALL when not restricted */
    struct name *abi_names;
    size_t nabi_names;
    uint64_t abi_mask;       /* resolved: bit i = arch->abis[i]; all ones when not restricted */
};

/* ---- features and interfaces ---------------------------------------- */

/*
 * The highest feature number. A feature set is a bitmap up to the highest
 * number, and ARCH_features_add() keeps a queue of ARCH_FEATURE_COUNT
 * (the highest number plus one) enumerators on the stack: 1024 numbers
 * keep the bitmap at 128 bytes and the queue at 4 KiB, which a
 * hypervisor's stack can spare, and leave room for every FEAT_* the Arm
 * ARM names (a few hundred) and for x86's cpufeatureset.h numbering.
 */
#define FEATURE_NUMBER_MAX 1023u

struct feature {
    struct name name;
    const char *doc;
    struct loc loc;
    struct name **requires;
    size_t nrequires;
    struct feature **requires_decl; /* resolved, NULL entries when unresolved */
    unsigned index;          /* declaration order: for the checks' arrays */
    bool has_number;         /* `feature NAME = NUMBER` */
    uint64_t number_written; /* as written, for messages */
    struct loc number_loc;
    unsigned number;         /* ARCH_NAME's value: as written, or the index when none is */
    uint64_t failed;
};

struct interface {
    struct name name;
    const char *doc;
    struct loc loc;
    uint64_t version;
    struct loc version_loc;
    /* Every version stays supported (Xen's stable domctls): its items are
     * frozen like the guest ABI, and invisible to guests. */
    bool stable;
    struct loc stable_loc;
    uint64_t failed;
};

/* ---- registers -------------------------------------------------------- */

enum bit_kind { BITS_FIELD, BITS_RES0, BITS_RES1, BITS_RAZ, BITS_UNKNOWN, BITS_KIND_COUNT };
const char *bit_kind_name(enum bit_kind k); /* "res0", ... */

struct enum_value {
    struct name name;
    uint64_t value;
    struct loc value_loc;
    const char *doc;
};

struct field {
    enum bit_kind kind;
    struct name name;        /* absent for reserved ranges */
    unsigned msb, lsb;       /* clamped to 4095, which is outside every register */
    uint64_t msb_written, lsb_written; /* as written, for messages */
    struct loc bits_loc;
    struct loc loc;          /* the whole statement */
    struct name feature;     /* `if FEAT` */
    struct feature *feature_decl; /* resolved */
    enum bit_kind absent_kind;    /* RES0 or RES1 when the feature is absent */
    bool has_reset;
    uint64_t reset;
    struct loc reset_loc;
    struct enum_value **enums;
    size_t nenums;
    const char *doc;
    uint64_t failed;         /* field-level checks that failed here */
    struct field *next;      /* parser list link */
};

struct reg {
    struct name name;
    unsigned width;           /* clamped to 4096, which no register may be */
    uint64_t width_written;   /* as written, for messages */
    struct loc width_loc;
    struct visibility vis;
    const char *doc;
    struct loc loc;
    struct field **fields;   /* source order, reserved ranges included */
    size_t nfields;
    struct name like;        /* `like OTHER`: the fields are OTHER's */
    struct reg *like_decl;   /* resolved */
    bool has_rest;           /* `res0 rest;`: every bit not otherwise claimed */
    enum bit_kind rest_kind;
    struct loc rest_loc;
    /* derived (derive.c) from the fields, before the checks */
    struct mask128 kind_mask[BITS_KIND_COUNT]; /* bits of each kind, rest included */
    struct mask128 uncovered; /* bits no field or rest accounts for: field-uncovered */
    bool masks_ok;           /* kind_mask computed, every bit accounted for */
    uint64_t failed;
};

/* ---- structures ---------------------------------------------------- */

enum agg_kind { AGG_STRUCT, AGG_UNION };

struct aggregate;
struct typedef_decl;
struct member;
struct agg_layout;    /* layout.h */
struct member_layout; /* layout.h */

enum type_ref_kind { TR_NAME, TR_HANDLE, TR_HANDLE64, TR_INLINE };
enum type_tag { TAG_NONE, TAG_STRUCT, TAG_UNION }; /* `struct foo` written with its keyword */
enum type_class { TC_UNRESOLVED, TC_BASE, TC_TYPEDEF, TC_AGG };

struct type_ref {
    enum type_ref_kind kind;
    struct name name;             /* TR_NAME, or the target of a handle */
    enum type_tag tag;
    struct aggregate *inline_agg; /* TR_INLINE: `struct { ... } name` */
    uint32_t aligned;             /* aligned(N), 0 when absent */
    struct loc aligned_loc;
    struct loc loc;
    /* resolved: what name refers to (for handles: the handle's target) */
    enum type_class cls;
    enum base_type base;
    struct typedef_decl *td;
    struct aggregate *agg;
};

struct alias {
    struct type_ref type;
    struct name name;
    uint64_t offset;          /* byte offset inside the slot, `@ N` */
    bool has_offset;
    struct loc offset_loc;
    struct condition cond;
    struct loc loc;
    struct member_layout *layouts; /* per ABI, from layout.c */
    struct alias *next;
};

enum member_kind {
    MEMBER_DATA,      /* a typed slot, possibly holding a register */
    MEMBER_PAD,       /* explicit padding, contents ignored */
    MEMBER_RESERVED,  /* explicit padding that must be zero ("reserved") */
    MEMBER_AGG        /* nested struct/union, named or anonymous */
};

/*
 * `: select [MSB:LSB] { VALUE: REGISTER, ... }`: a slot whose register is
 * chosen by bits of the value itself, as SPSR_EL2 is read in its AArch64 or
 * its AArch32 form by M[4].
 */
struct reg_alt {
    uint64_t value;
    struct loc value_loc;
    struct name reg;
    struct reg *reg_decl;     /* resolved */
};

struct reg_select {
    unsigned msb, lsb;        /* the selector bits, clamped to 4095 */
    uint64_t msb_written, lsb_written; /* as written, for messages */
    struct loc bits_loc;
    struct loc loc;           /* `select` */
    struct reg_alt **alts;
    size_t nalts;
};

struct member {
    enum member_kind kind;
    struct type_ref type;     /* for MEMBER_AGG: TR_INLINE */
    struct name name;         /* absent for an anonymous nested aggregate */
    uint64_t *dims;
    struct loc *dim_locs;
    size_t ndims;
    struct alias **aliases;
    size_t naliases;
    struct name reg;          /* `: REGISTER` */
    struct reg *reg_decl;     /* resolved */
    struct reg_select *select; /* `: select ...` instead of one register */
    bool truncate;            /* declared narrower than its register(s) on purpose */
    bool c11_union;           /* `c11`: aliases in every dialect, not GNU C's only */
    /* `was reserved [until V]`: the member took the place of reserved
     * padding that callers had to zero; those that ask for a version
     * below V still must. */
    bool was_reserved, has_reserved_until;
    uint64_t reserved_until;
    struct loc was_loc, reserved_until_loc;
    struct loc c11_loc;
    struct loc truncate_loc;
    struct condition cond;
    const char *doc;
    struct loc loc;
    struct aggregate *parent;
    struct member_layout *layouts; /* per ABI, from layout.c */
    uint64_t failed;          /* member-level checks that failed here */
    struct member *next;
    /* An alternative of a union with select(): `if (V, ...)` lists the
     * selector values that pick it (literals or constants), `else` picks
     * it for every value no other alternative lists. */
    struct expr **when;
    size_t nwhen;
    bool when_else;
    struct loc when_loc;    /* the clause; loc.src == NULL without one */
};

/* A tools item of a stable interface: frozen, as guest items are. */
static inline bool vis_is_stable(const struct visibility *v)
{
    return v->kind == VIS_TOOLS && v->iface_decl && v->iface_decl->stable;
}

/* Padding that only the tools and the hypervisor name (`only(tools) pad`):
 * guests see the compiler's own padding in its place. */
static inline bool member_is_view_padding(const struct member *m)
{
    return (m->kind == MEMBER_PAD || m->kind == MEMBER_RESERVED) && m->cond.views == VIEW_TOOLS;
}

struct aggregate {
    enum agg_kind kind;
    struct name name;         /* absent for an inline aggregate */
    struct visibility vis;    /* top-level only */
    struct condition cond;    /* top-level only: only(ABI...) */
    const char *doc;
    struct loc loc;
    struct member **members;
    size_t nmembers;
    struct aggregate *enclosing; /* NULL at top level */
    bool bad;                 /* recovered from a syntax error */
    struct aggregate *next_variant; /* same name, other ABIs */
    struct name old_of;       /* `old(NAME, VERSION)`: an older layout of NAME */
    uint64_t old_version;
    struct loc old_loc;
    struct aggregate *old_target; /* resolved */
    struct name select;       /* inline union: `select(MEMBER)` picks the alternative */
    struct name select_type;  /* `select(NAME : TYPE)`: the selector is a parameter of the
                                 translation functions, of integer type TYPE */
    unsigned mark;            /* scratch for graph walks */
    unsigned nesting;         /* derived (derive.c): how deep it holds others by value; meaningless on a cycle */
    uint64_t failed;          /* top level: checks that failed here or inside */
    struct agg_layout *layouts; /* per ABI (arch->nabis), from layout.c */
};

struct typedef_decl {
    struct name name;
    struct type_ref type;
    bool guest_handle;        /* `handle`: also DEFINE_XEN_GUEST_HANDLE(name) */
    struct visibility vis;
    struct condition cond;
    const char *doc;
    struct loc loc;
    struct typedef_decl *next_variant;
    unsigned mark;            /* scratch for graph walks */
    uint64_t failed;
    struct agg_layout *layouts; /* per ABI (arch->nabis), from layout.c */
};

/* ---- constants, flags, verbatim ----------------------------------- */

enum expr_op {
    EX_INT, EX_NAME, EX_ENUM_REF, EX_NEG, EX_NOT, EX_LNOT,
    EX_MUL, EX_DIV, EX_MOD, EX_ADD, EX_SUB, EX_SHL, EX_SHR, EX_AND, EX_XOR, EX_OR
};

struct expr {
    enum expr_op op;
    uint64_t value;           /* EX_INT */
    struct name path[3];      /* EX_NAME: path[0]; EX_ENUM_REF: REG.FIELD.VALUE */
    struct expr *lhs, *rhs;
    struct loc loc;
    struct const_decl *cst;   /* resolved EX_NAME */
    struct enum_value *ev;    /* resolved EX_ENUM_REF */
};

/* What stopped a constant's evaluation, for const-cycle to report. */
struct const_problem {
    enum {
        CONST_OK,
        CONST_NAMES_BAD,         /* it names a constant that did not evaluate: reported there */
        CONST_IN_CYCLE,          /* `cycle` names a constant on the path again, at `loc` */
        CONST_DIVIDE_BY_ZERO,    /* the divisor at `loc` is zero */
        CONST_SHIFT_TOO_FAR,     /* the shift count at `loc` is `value`, not in [0, 63] */
        CONST_BEYOND_64_BITS,    /* the part at `loc` is `value`, out of [-2^63, 2^64 - 1] */
        CONST_FAR_BEYOND_64_BITS /* the part at `loc` overflowed even 128 bits */
    } kind;
    struct loc loc;
    __int128 value;
    struct const_decl *cycle;
};

struct const_decl {
    struct name name;
    struct name type_name;    /* `: TYPE`, absent for s32 */
    enum base_type type;      /* resolved: the C type of the macro */
    struct expr *expr;
    struct visibility vis;
    struct condition cond;
    const char *doc;
    struct loc loc;
    /* derived (derive.c), before the checks */
    enum { CONST_UNEVALUATED, CONST_EVALUATING, CONST_DONE, CONST_BAD } state;
    uint64_t value;           /* two's complement when `negative` */
    bool negative;            /* the exact value is below zero */
    struct const_problem problem; /* why it is CONST_BAD, when derive found out */
    struct const_decl *next_variant;
    uint64_t failed;
};

struct flag {
    struct name name;
    uint64_t bit;
    struct loc bit_loc;
    const char *doc;
    struct loc loc;
    struct flag *next;
};

/* Xen style flags: `_PREFIX_name` is the bit number, `PREFIX_name` its mask. */
struct flagset {
    struct name name;
    struct name type_name;    /* `: TYPE`, absent for s32 */
    enum base_type type;      /* resolved */
    struct visibility vis;
    struct condition cond;
    const char *doc;
    struct loc loc;
    struct flag **flags;
    size_t nflags;
    uint64_t failed;
};

struct verbatim {
    struct visibility vis;
    struct condition cond;
    const char *text;
    struct loc loc;
    struct loc text_loc;      /* the string, from its opening quote */
    uint64_t failed;
};

/* ---- items and specs ------------------------------------------------ */

enum item_kind {
    ITEM_INCLUDE, ITEM_ARCH, ITEM_FEATURE, ITEM_INTERFACE, ITEM_REGISTER,
    ITEM_AGGREGATE, ITEM_TYPEDEF, ITEM_CONST, ITEM_FLAGS, ITEM_VERBATIM
};

struct item {
    enum item_kind kind;
    union {
        struct { const char *path; struct loc loc; } include;
        struct arch *arch;
        struct feature *feature;
        struct interface *iface;
        struct reg *reg;
        struct aggregate *agg;
        struct typedef_decl *td;
        struct const_decl *cst;
        struct flagset *flags;
        struct verbatim *verbatim;
    } u;
    struct item *next;
};

/*
 * A symbol table entry. Names may be declared more than once when the
 * declarations are for disjoint sets of ABIs (x86's cpu_user_regs has one
 * layout per ABI); those variants are chained in source order.
 */
enum sym_kind {
    SYM_AGGREGATE, SYM_TYPEDEF, SYM_REGISTER, SYM_FEATURE, SYM_INTERFACE,
    SYM_CONST, SYM_FLAGSET, SYM_FLAG_BIT, SYM_FLAG_MASK, SYM_ABI
};

struct sym {
    enum sym_kind kind;
    void *decl;
    uint64_t abi_mask;
    struct loc loc;
    const char *name;
    struct sym *next;
};

/*
 * One spec: a top-level file and everything it includes. Items appear in
 * source order with includes expanded in place, so emitters can keep the
 * author's order.
 */
struct spec {
    struct arena arena;
    const char *path;
    struct source **sources; /* owned; [0] is the top-level file */
    size_t nsources;
    struct item **items;
    size_t nitems;

    /* filled by resolve */
    struct arch *arch;
    uint64_t failed;         /* checks that failed for the spec as a whole */
    struct ptrvec features, interfaces, regs, aggs, typedefs, consts, flagsets, verbatims;
    struct symtab *types, *registers, *feature_names, *interface_names, *macros, *abi_names;

    /* set by the caller before checking: names no generated macro may
     * have (--reserved-macros), each a const struct reserved_macro *; NULL: none */
    const struct symtab *reserved_macros;
};

void spec_free(struct spec *s);

/* Every ABI of the spec's arch, as a mask. */
uint64_t spec_all_abis(const struct spec *spec);
/* The variant of a declaration that holds on one ABI, or NULL. */
struct aggregate *agg_variant_for_abi(struct aggregate *agg, unsigned abi);
struct typedef_decl *typedef_variant_for_abi(struct typedef_decl *td, unsigned abi);
/* Whether a symbol is what a type reference names: `struct x` names no
 * union, and an untagged name any type. */
bool type_names_match(const struct sym *s, const struct type_ref *t);

#endif
