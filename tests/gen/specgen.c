/* SPDX-License-Identifier: MIT */
/*
 * Random valid specs (see specgen.h and tests/gen/README.md).
 *
 * The generator keeps what it has declared (types, registers, constants,
 * enum values) with who may see each and on which ABIs it exists, and
 * only ever refers back to a declaration the referring one may use: a
 * spec it writes breaks no rule of docs/language.md, hazards aside. Names
 * end in a number unique in the spec, so that no two collide, in the spec
 * or in the macros regc builds from them, whatever their case or prefix.
 */
#include "specgen.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { NAME_MAX_LEN = 255, MAX_DECLS = 96, MAX_ENUMS = 256, NKINDS = 4 };

/* Who may see a declaration: a declaration may use what its own class
 * may. Versioned guest items (since/until) are never used by others. */
enum { CLS_GUEST, CLS_TOOLS, CLS_XEN, CLS_NOREF = 99 };

struct sbuf {
    char *p;
    size_t len, cap;
};

struct type {
    char spell[NAME_MAX_LEN + 16]; /* as a member type: "struct x1", "t2" */
    char name[NAME_MAX_LEN + 1];
    int cls;
    unsigned abis;
    bool handle;   /* a typedef declared with handle */
    bool no_array; /* aligned beyond its size: no array of it */
    bool is_struct;
};

struct reg {
    char name[NAME_MAX_LEN + 1];
    unsigned width, top; /* top: bits up to the highest field or RES1 bit */
    int cls;
    bool like_ok;        /* declares its own fields */
};

/* A constant's exact value: regc computes constants as the integers they
 * mean, every step in [-2^63, 2^64 - 1]. */
typedef __int128 xint;
#define XINT_MIN (-((xint)1 << 63))
#define XINT_MAX (((xint)1 << 64) - 1)

struct konst {
    char name[NAME_MAX_LEN + 1];
    xint value;
    int cls;
    unsigned abis;
};

struct enumref {
    char text[3 * (NAME_MAX_LEN + 1)];
    uint64_t value;
    int cls;
};

struct gen {
    struct specgen_src *src;
    struct sbuf out;
    unsigned uid;
    unsigned hazards;
    unsigned abis;        /* the kinds present, as bits */
    unsigned nabis;
    char abi_name[NKINDS][NAME_MAX_LEN + 1];
    unsigned min_ulong;   /* bytes of ulong on the narrowest ABI */
    unsigned max_ulong;   /* and on the widest */
    bool handles;         /* the handle macros are in a verbatim block */
    bool same_layout;
    uint64_t keywords_used, kinds_used;
    unsigned block;       /* declarations left in a visibility block */
    int block_cls;
    unsigned keyword_rate; /* % of names that are keywords, in one spec of five
                            * (the one where fields may be named like kinds) */
    unsigned avoid;        /* SPECGEN_AVOID_* */
    char ifaces[3][NAME_MAX_LEN + 1];
    unsigned nifaces;
    char feats[16][NAME_MAX_LEN + 1];
    unsigned nfeats;
    struct type types[MAX_DECLS];
    unsigned ntypes;
    struct reg regs[MAX_DECLS];
    unsigned nregs;
    struct konst consts[MAX_DECLS];
    unsigned nconsts;
    struct enumref enums[MAX_ENUMS];
    unsigned nenums;
};

/* ---- the choice source ---- */

void specgen_src_seed(struct specgen_src *src, uint64_t seed)
{
    memset(src, 0, sizeof *src);
    src->rng.state = seed;
}

void specgen_src_bytes(struct specgen_src *src, const uint8_t *data, size_t size)
{
    memset(src, 0, sizeof *src);
    src->data = data;
    src->size = size;
}

/* A number in [0, n); 0 is the simplest choice, and the one made once
 * the bytes run out. */
static unsigned pick(struct gen *g, unsigned n)
{
    struct specgen_src *s = g->src;
    if (n <= 1)
        return 0;
    if (!s->data)
        return (unsigned)(rng_next(&s->rng) % n);
    unsigned bytes = n <= 256 ? 1 : n <= 65536 ? 2 : 4;
    uint64_t v = 0;
    for (unsigned i = 0; i < bytes; i++)
        v = v << 8 | (s->pos < s->size ? s->data[s->pos++] : 0);
    return (unsigned)(v % n);
}

/* True with about percent% chance; false when the bytes run out. */
static bool chance(struct gen *g, unsigned percent)
{
    return pick(g, 100) >= 100 - percent;
}

static uint64_t pick64(struct gen *g)
{
    uint64_t hi = pick(g, 65536), mid = pick(g, 65536), lo = pick(g, 65536), top = pick(g, 65536);
    return top << 48 | hi << 32 | mid << 16 | lo;
}

/* ---- output ---- */

static void put(struct gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_vput(struct sbuf *b, const char *fmt, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n < 0)
        abort();
    if (b->len + (size_t)n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (b->len + (size_t)n + 1 > cap)
            cap *= 2;
        b->p = realloc(b->p, cap);
        if (!b->p)
            abort();
        b->cap = cap;
    }
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

static void sb_put(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_put(struct sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sb_vput(b, fmt, ap);
    va_end(ap);
}

static void put(struct gen *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sb_vput(&g->out, fmt, ap);
    va_end(ap);
}

/* a, sep, b, sep, c into dst (gcc's -Wrestrict cannot tell that the
 * sources, other members of the generator, are not dst) */
static void join(char *dst, size_t cap, const char *a, const char *sep, const char *b, const char *c)
{
    size_t n = 0;
    const char *parts[5] = {a, sep, b, c ? sep : "", c ? c : ""};
    for (unsigned i = 0; i < 5; i++) {
        size_t l = strlen(parts[i]);
        if (n + l + 1 > cap)
            abort();
        memcpy(dst + n, parts[i], l);
        n += l;
    }
    dst[n] = '\0';
}

/* ---- names ---- */

/* C and C++ keywords and names the headers rely on, none a spec keyword:
 * regc must refuse them (issue 15, item 3). */
static const char *const c_words[] = {
    "int", "long", "short", "signed", "unsigned", "void", "float", "double", "auto", "static",
    "extern", "volatile", "while", "do", "goto", "return", "break", "continue", "switch", "case",
    "default", "sizeof", "inline", "restrict", "_Bool", "_Complex", "_Alignas", "_Atomic",
    "_Noreturn", "_Static_assert", "_Thread_local", "class", "new", "delete", "template", "this",
    "namespace", "operator", "private", "public", "virtual", "friend", "throw", "try", "catch",
    "bool", "true", "false", "typename", "using", "explicit", "mutable", "wchar_t", "asm",
    "typeof", "defined", "__XEN__", "__XEN_TOOLS__", "__ASSEMBLER__", "__XEN_INTERFACE_VERSION__",
    "_Rsv", "__rsv", "REGC_LAYOUT_CHECK",
};

/* Prefixes: plain, close to keywords and reserved names, holding the words
 * of reserved kinds. None ends in a digit, so a name is its prefix and
 * its unique number; none begins with '_', which C reserves at file scope
 * (members may: member_name()). */
static const char *const prefixes[] = {
    "x", "reg", "Ctl", "SCTLR_EL", "val", "data", "flags_", "type_", "size_", "int_", "Int",
    "INT_", "class_", "new_", "defined_", "struct_", "Union", "typedef_", "Bool_", "x__y",
    "XEN_", "XEN_TOOLS_", "RES0_", "res1_", "Raz_", "UNKNOWN_", "reserved_", "if_", "only_", "pad_",
    "handle_", "guest_", "tools_", "xen_", "a_b__c_", "Q", "z_", "Mixed_Case_", "ALLCAPS_",
    "const_", "enum_", "register_", "select_", "compat_not_", "xlat_not_", "uint32_t_", "PRIx",
};

static const char *const words[] = {"alpha", "Beta", "GAMMA", "delta_", "Eps", "zeta", "ETA_", "theta"};

static void fresh_name(struct gen *g, char *out)
{
    unsigned id = ++g->uid;
    const char *p = prefixes[pick(g, sizeof prefixes / sizeof *prefixes)];
    if (chance(g, 4)) {
        /* long names, up to the limit */
        size_t want = 20 + pick(g, NAME_MAX_LEN - 40), len = 0;
        out[0] = '\0';
        while (len < want) {
            const char *w = words[pick(g, sizeof words / sizeof *words)];
            if (len + strlen(w) > want)
                break;
            strcat(out, w);
            len += strlen(w);
        }
        if (len == 0)
            strcpy(out, "long");
        snprintf(out + strlen(out), 16, "%u", id);
        return;
    }
    snprintf(out, NAME_MAX_LEN + 1, "%s%u", p, id);
}

/* A name for a declaration; now and then a C keyword (a hazard). */
static void decl_name(struct gen *g, char *out)
{
    if (g->keyword_rate && !(g->avoid & SPECGEN_AVOID_KEYWORDS) && chance(g, g->keyword_rate)) {
        unsigned k = pick(g, sizeof c_words / sizeof *c_words);
        /* each once: a keyword drawn twice could be a duplicate name */
        if (!(g->keywords_used >> k & 1)) {
            g->keywords_used |= UINT64_C(1) << k;
            snprintf(out, NAME_MAX_LEN + 1, "%s", c_words[k]);
            g->hazards |= SPECGEN_HZ_KEYWORD;
            return;
        }
    }
    fresh_name(g, out);
}

/* A member's name: members live in a narrower scope than the file, and
 * may begin with '_' or '__' and a lowercase letter (x86's _pad0, Arm's
 * __unused_sp_hyp). */
static void member_name(struct gen *g, char *out)
{
    unsigned hazards = g->hazards;
    decl_name(g, out);
    if (g->hazards != hazards || !(out[0] >= 'a' && out[0] <= 'z') || strlen(out) > NAME_MAX_LEN - 2 ||
        !chance(g, 10))
        return;
    const char *u = chance(g, 50) ? "_" : "__";
    memmove(out + strlen(u), out, strlen(out) + 1);
    memcpy(out, u, strlen(u));
}

/* ---- strings ---- */

static const char *const doc_bits[] = {
    "a word", "Saved PSR", "\"quoted\"", "*/", "/*", "\\", "?\?/", "?\?=", "?\?'", "é", "€", "漢字",
    "😀", "#endif", "#define X 1", "%s%n", "{{name}}", "}}", "{{/x}}", "<tag>", "&amp;", "`code`",
    "--", "'", "\\n", "a\\", "// line", "*", "**/", "/**/", "\t",
};

static void doc_text(struct gen *g, struct sbuf *b, bool raw)
{
    unsigned n = pick(g, 8);
    for (unsigned i = 0; i < n; i++) {
        const char *s = doc_bits[pick(g, sizeof doc_bits / sizeof *doc_bits)];
        if (chance(g, 5)) {
            /* a long line */
            unsigned k = 10 + pick(g, 60);
            for (unsigned j = 0; j < k; j++)
                sb_put(b, "long line ");
        }
        if (raw) {
            /* raw text is as written; a newline may end a line */
            sb_put(b, "%s%s", s, chance(g, 20) ? "\n" : " ");
            continue;
        }
        for (const char *c = s; *c; c++) {
            if (*c == '"' || *c == '\\')
                sb_put(b, "\\%c", *c);
            else if (*c == '\t')
                sb_put(b, "\\t");
            else
                sb_put(b, "%c", *c);
        }
        sb_put(b, "%s", chance(g, 10) ? "\\n" : " ");
    }
    if (n == 0 || chance(g, 20))
        sb_put(b, "end");
}

/* A doc string, or none; always preceded by a space when there is one. */
static void doc(struct gen *g)
{
    if (!chance(g, 50))
        return;
    unsigned parts = 1 + (chance(g, 15) ? 1 : 0);
    for (unsigned i = 0; i < parts; i++) {
        bool raw = chance(g, 25);
        struct sbuf b = {0};
        doc_text(g, &b, raw);
        if (raw)
            put(g, " \"\"\"%s\"\"\"", b.p);
        else
            put(g, " \"%s\"", b.p);
        free(b.p);
    }
}

/* ---- numbers ---- */

/* v written as a spec integer: decimal, hex or binary, with underscores. */
static void number(struct gen *g, struct sbuf *b, uint64_t v)
{
    char digits[80];
    unsigned form = pick(g, 4);
    const char *prefix = "";
    if (form == 1 || (form == 3 && v > 0xffff)) {
        snprintf(digits, sizeof digits, chance(g, 50) ? "%llx" : "%llX", (unsigned long long)v);
        prefix = chance(g, 80) ? "0x" : "0X";
    } else if (form == 3) {
        int top = 63;
        while (top > 0 && !(v >> top & 1))
            top--;
        size_t n = 0;
        for (int i = top; i >= 0; i--)
            digits[n++] = (char)('0' + (v >> i & 1));
        digits[n] = '\0';
        prefix = chance(g, 80) ? "0b" : "0B";
    } else {
        snprintf(digits, sizeof digits, "%llu", (unsigned long long)v);
    }
    sb_put(b, "%s", prefix);
    bool under = chance(g, 15);
    for (size_t i = 0; digits[i]; i++) {
        sb_put(b, "%c", digits[i]);
        if (under && digits[i + 1] && chance(g, 30))
            sb_put(b, "_");
    }
}

static void put_number(struct gen *g, uint64_t v)
{
    number(g, &g->out, v);
}

/* ---- visibility ---- */

/* Writes a visibility (with its leading space) and returns the class
 * that may see the declaration; *use is the class whose types it may use
 * (a tools item that older guests still see may use only guest ones). */
static int visibility_use(struct gen *g, bool refable, int *use)
{
    if (g->block) {
        /* the block's, written once at its head */
        *use = g->block_cls;
        return g->block_cls;
    }
    *use = CLS_GUEST;
    unsigned k = pick(g, 10);
    if (g->nifaces == 0 && k >= 3 && k <= 7)
        k = 0;
    const char *iface = g->nifaces ? g->ifaces[pick(g, g->nifaces)] : "";
    switch (k) {
    case 0: case 1:
        put(g, " guest");
        return CLS_GUEST;
    case 2:
        if (refable) {
            put(g, " guest");
            return CLS_GUEST;
        }
        put(g, " guest");
        if (chance(g, 60)) {
            put(g, " since ");
            put_number(g, 0x00030200 + pick(g, 0x100));
        }
        if (chance(g, 60)) {
            put(g, " until ");
            put_number(g, 0x00040700 + pick(g, 0x100));
        }
        return CLS_NOREF;
    case 3: case 4: case 5:
        put(g, " tools(%s)", iface);
        *use = CLS_TOOLS;
        return CLS_TOOLS;
    case 6:
        put(g, " tools(%s) guest until ", iface);
        put_number(g, 0x00040000 + pick(g, 0x1000));
        return CLS_TOOLS;
    case 7:
        put(g, " tools(%s) retire \"no guest uses it \\\"since\\\" */ then\"", iface);
        *use = CLS_TOOLS;
        return CLS_TOOLS;
    default:
        put(g, " xen");
        *use = CLS_XEN;
        return CLS_XEN;
    }
}

static int visibility(struct gen *g, bool refable)
{
    int use;
    return visibility_use(g, refable, &use);
}

/* An only(ABI, ...) clause over a non-empty subset of within, written
 * when it is not all of within (or sometimes even then); returns it. */
static unsigned only_abis(struct gen *g, unsigned within, unsigned percent)
{
    if (!chance(g, percent)) {
        if (within == g->abis)
            return within;
        /* a declaration using a type of some ABIs is of those ABIs */
        percent = 0;
    }
    unsigned set = 0;
    for (unsigned k = 0; k < NKINDS; k++)
        if ((within >> k & 1) && (percent == 0 || chance(g, 60)))
            set |= 1u << k;
    if (!set)
        for (unsigned k = 0; k < NKINDS; k++)
            if (within >> k & 1) {
                set = 1u << k;
                break;
            }
    put(g, " only(");
    const char *sep = "";
    for (unsigned k = 0; k < NKINDS; k++)
        if (set >> k & 1) {
            put(g, "%s%s", sep, g->abi_name[k]);
            sep = ", ";
        }
    put(g, ")");
    return set;
}

/* ---- the arch ---- */

static const struct {
    const char *kind;
    const char *predicates[3];
    unsigned u64_align, ulong, pointer;
} abi_facts[NKINDS] = {
    {"x86_32", {"defined(__i386__)", "defined __i386__", "defined(__i386__) && !defined(__x86_64__)"}, 4, 4, 4},
    {"x86_64", {"defined(__x86_64__)", "defined(__amd64__)", "defined(__x86_64__) && defined(__LP64__)"}, 8, 8, 8},
    {"arm32", {"defined(__arm__)", "defined(__arm__) && !defined(__aarch64__)", "defined(__ARM_EABI__)"}, 8, 4, 4},
    {"arm64", {"defined(__aarch64__)", "defined __aarch64__", "defined(__aarch64__) && defined(__LP64__)"}, 8, 8, 8},
};

const char *specgen_abi_kind(unsigned k)
{
    return k < NKINDS ? abi_facts[k].kind : NULL;
}

static void arch(struct gen *g, const char *stem)
{
    char name[NAME_MAX_LEN + 1];
    fresh_name(g, name);
    put(g, "arch %s", name);
    doc(g);
    put(g, " {\n");
    unsigned want = 1 + pick(g, NKINDS);
    while (g->nabis < want) {
        unsigned k = pick(g, NKINDS);
        while (g->abis >> k & 1)
            k = (k + 1) % NKINDS;
        g->abis |= 1u << k;
        g->nabis++;
    }
    /* the ABIs in an order of their own */
    unsigned order[NKINDS], n = 0;
    for (unsigned k = 0; k < NKINDS; k++)
        if (g->abis >> k & 1)
            order[n++] = k;
    for (unsigned i = n; i > 1; i--) {
        unsigned j = pick(g, i), t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
    }
    g->min_ulong = 8;
    bool identical = true;
    for (unsigned i = 0; i < n; i++) {
        unsigned k = order[i];
        if (abi_facts[k].ulong < g->min_ulong)
            g->min_ulong = abi_facts[k].ulong;
        if (abi_facts[k].ulong > g->max_ulong)
            g->max_ulong = abi_facts[k].ulong;
        if (abi_facts[k].ulong != 8 || abi_facts[k].u64_align != 8)
            identical = identical && n == 1;
        fresh_name(g, g->abi_name[k]);
        put(g, "    abi %s", g->abi_name[k]);
        doc(g);
        put(g, " {\n        endian little;\n        predicate \"%s\";\n",
            abi_facts[k].predicates[pick(g, 3)]);
        /* the facts in any order, alignment written or left to default */
        static const char *const fixed[] = {"u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "char"};
        for (unsigned t = 0; t < sizeof fixed / sizeof *fixed; t++) {
            unsigned size = t == 8 ? 1 : 1u << (t % 4);
            unsigned align = size == 8 ? abi_facts[k].u64_align : size;
            put(g, "        type %s size %u", fixed[t], size);
            if (align != size || chance(g, 20))
                put(g, " align %u", align);
            put(g, ";\n");
        }
        put(g, "        type ulong size %u;\n        type pointer size %u;\n", abi_facts[k].ulong,
            abi_facts[k].pointer);
        /* as the handle macros below lay them out */
        put(g, "        type handle size %u;\n        type handle64 size 8 align 8;\n    }\n",
            abi_facts[k].pointer);
    }
    if (identical && chance(g, 50)) {
        put(g, "    same_layout;\n");
        g->same_layout = true;
    }
    if (chance(g, 90)) {
        /* a plain name of the characters allowed, never an output's */
        static const char *const before[] = {"arch-", "", "Pub_", "a-"};
        static const char *const after[] = {".h", ".h", "-x.1.h", "-public.h"};
        unsigned k = pick(g, 4);
        char h[200];
        snprintf(h, sizeof h, "%s%s%s", before[k], stem, after[k]);
        put(g, "    header \"%s\";\n", h);
    }
    put(g, "}\n\n");
}

/* The handle machinery, as specs/x86/vcpu.reg and the golden spec give it. */
static void handle_macros(struct gen *g)
{
    put(g, "verbatim guest \"\"\"\n"
           "#ifndef __ASSEMBLER__\n"
           "#define DEFINE_XEN_GUEST_HANDLE(name) \\\n"
           "    typedef struct { name *p; } __guest_handle_ ## name; \\\n"
           "    typedef union { name *p; uint64_t __attribute__((__aligned__(8))) q; } \\\n"
           "        __guest_handle_64_ ## name\n"
           "#define XEN_GUEST_HANDLE(name) __guest_handle_ ## name\n"
           "#define XEN_GUEST_HANDLE_64(name) __guest_handle_64_ ## name\n"
           "#endif\n"
           "\"\"\";\n\n");
    g->handles = true;
}

/* ---- registers ---- */

struct seg {
    unsigned lsb, msb;
    int kind; /* 0 field, 1..4 res0 res1 raz unknown, 5 left to rest */
};

static const char *const res_kinds[] = {"", "res0", "res1", "raz", "unknown"};
static const char *const reskind_names[] = {"RES0", "Res0", "reso", "RAZ", "UNKNOWN", "Unkn", "RES1", "res2"};

static void bits(struct gen *g, unsigned msb, unsigned lsb)
{
    if (msb == lsb && !chance(g, 10))
        put(g, "%u", msb);
    else
        put(g, "%u:%u", msb, lsb);
}

static void reg_name_for(struct gen *g, char *name)
{
    /* now and then the case variant of an earlier register (a hazard) */
    if (g->nregs && chance(g, 2)) {
        const char *o = g->regs[pick(g, g->nregs)].name;
        size_t i;
        for (i = 0; o[i]; i++) {
            char c = o[i];
            name[i] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        name[i] = '\0';
        /* a variant drawn twice would be the same name twice */
        bool taken = false;
        for (unsigned j = 0; j < g->nregs; j++)
            taken = taken || strcmp(g->regs[j].name, name) == 0;
        if (!taken) {
            g->hazards |= SPECGEN_HZ_CASE;
            return;
        }
    }
    decl_name(g, name);
}

static void reg(struct gen *g)
{
    static const unsigned widths[] = {8, 16, 32, 64, 64, 64, 32, 128};
    struct reg *r = &g->regs[g->nregs];
    reg_name_for(g, r->name);
    r->width = widths[pick(g, 8)];
    put(g, "register %s : %u", r->name, r->width);
    r->cls = visibility(g, true);
    doc(g);
    if (g->nregs && chance(g, 15)) {
        /* like an earlier register of the same width */
        for (unsigned i = 0; i < g->nregs; i++) {
            struct reg *o = &g->regs[(i + g->nregs - 1) % g->nregs];
            if (o->like_ok && o->width == r->width) {
                put(g, " like %s;\n\n", o->name);
                r->top = o->top;
                r->like_ok = false;
                g->nregs++;
                return;
            }
        }
    }
    put(g, " {\n");
    r->like_ok = true;
    struct seg segs[130];
    unsigned nseg = 0, at = 0;
    bool rest = false;
    while (at < r->width) {
        unsigned room = r->width - at;
        unsigned len = 1 + pick(g, room < 16 ? room : chance(g, 20) ? room : 16);
        int kind = (int)pick(g, 10);
        kind = kind < 6 ? 0 : kind < 9 ? (int)(1 + pick(g, 4)) : 5;
        segs[nseg++] = (struct seg){at, at + len - 1, kind};
        if (kind == 5)
            rest = true;
        at += len;
    }
    unsigned rest_kind = 1 + pick(g, 4);
    r->top = 0;
    for (unsigned i = 0; i < nseg; i++)
        if (segs[i].kind == 0 || segs[i].kind == 2 || (segs[i].kind == 5 && rest_kind == 2))
            r->top = segs[i].msb + 1;
    /* fields written in any order */
    for (unsigned i = nseg; i > 1; i--) {
        unsigned j = pick(g, i);
        struct seg t = segs[i - 1];
        segs[i - 1] = segs[j];
        segs[j] = t;
    }
    for (unsigned i = 0; i < nseg; i++) {
        struct seg *s = &segs[i];
        if (s->kind >= 5)
            continue;
        if (s->kind) {
            put(g, "    %s ", res_kinds[s->kind]);
            bits(g, s->msb, s->lsb);
            /* more ranges of the same kind on one line */
            for (unsigned j = i + 1; j < nseg; j++)
                if (segs[j].kind == s->kind && chance(g, 50)) {
                    put(g, ", ");
                    bits(g, segs[j].msb, segs[j].lsb);
                    segs[j].kind = 5 + 1; /* written */
                }
            put(g, ";\n");
            continue;
        }
        char fname[NAME_MAX_LEN + 1];
        unsigned kn = pick(g, 8);
        if (g->keyword_rate && chance(g, 1) && !(g->kinds_used >> kn & 1)) {
            g->kinds_used |= 1u << kn;
            strcpy(fname, reskind_names[kn]);
            g->hazards |= SPECGEN_HZ_RESERVED_KIND;
        } else {
            decl_name(g, fname);
        }
        put(g, "    %s ", fname);
        bits(g, s->msb, s->lsb);
        unsigned w = s->msb - s->lsb + 1;
        uint64_t max = w >= 64 ? UINT64_MAX : (UINT64_C(1) << w) - 1;
        if (g->nfeats && chance(g, 25)) {
            put(g, " if %s", g->feats[pick(g, g->nfeats)]);
            unsigned e = pick(g, 3);
            if (e)
                put(g, " else %s", e == 1 ? "res0" : "res1");
        }
        if (w <= 64 && chance(g, 20)) {
            put(g, " reset ");
            put_number(g, chance(g, 30) ? max : pick64(g) & max);
        }
        if (w <= 64 && chance(g, 25)) {
            put(g, " enum {");
            unsigned n = 1 + pick(g, 5);
            uint64_t used[6];
            unsigned nused = 0;
            for (unsigned k = 0; k < n; k++) {
                uint64_t v = k == 0 && chance(g, 30) ? max : pick64(g) & max;
                bool dup = false;
                for (unsigned u = 0; u < nused; u++)
                    dup = dup || used[u] == v;
                if (dup)
                    continue;
                used[nused++] = v;
                char ename[NAME_MAX_LEN + 1];
                decl_name(g, ename);
                put(g, "%s %s = ", nused > 1 ? "," : "", ename);
                put_number(g, v);
                doc(g);
                if (g->nenums < MAX_ENUMS && strlen(r->name) + strlen(fname) + strlen(ename) + 3 <
                                                 sizeof g->enums[0].text) {
                    struct enumref *er = &g->enums[g->nenums++];
                    join(er->text, sizeof er->text, r->name, ".", fname, ename);
                    er->value = v;
                    er->cls = r->cls;
                }
            }
            put(g, "%s }", chance(g, 30) ? "," : "");
        }
        doc(g);
        put(g, ";\n");
    }
    if (rest)
        put(g, "    %s rest;\n", res_kinds[rest_kind]);
    put(g, "}\n\n");
    g->nregs++;
}

/* ---- constants ---- */

static const struct {
    const char *name;
    unsigned bits;
    bool is_signed;
} int_types[] = {
    {"u8", 8, false},  {"u16", 16, false}, {"u32", 32, false}, {"u64", 64, false},
    {"s8", 8, true},   {"s16", 16, true},  {"s32", 32, true},  {"s64", 64, true},
    {"ulong", 0, false},
};

static bool fits(xint v, unsigned bits, bool is_signed)
{
    if (is_signed)
        return v >= -((xint)1 << (bits - 1)) && v < ((xint)1 << (bits - 1));
    return v >= 0 && v < ((xint)1 << bits);
}

/* l * r exactly, or false beyond 2^64 in magnitude (out of range anyway) */
static bool xmul(xint l, xint r, xint *out)
{
    unsigned __int128 ml = l < 0 ? -(unsigned __int128)l : (unsigned __int128)l;
    unsigned __int128 mr = r < 0 ? -(unsigned __int128)r : (unsigned __int128)r;
    if (ml && mr > ((unsigned __int128)1 << 64) / ml)
        return false;
    *out = l * r;
    return true;
}

/* An expression and its exact value, as regc computes it; *ok is cleared
 * when some step leaves [-2^63, 2^64 - 1], which regc refuses (the caller
 * then writes a literal instead). Refers to what class cls on ABIs abis
 * may use. */
static xint expr(struct gen *g, struct sbuf *b, unsigned depth, int cls, unsigned abis, bool *ok)
{
    unsigned k = depth >= 4 ? pick(g, 3) : pick(g, 9);
    if (k == 1 && g->nconsts) {
        struct konst *c = &g->consts[pick(g, g->nconsts)];
        if (c->cls <= cls && (abis & ~c->abis) == 0) {
            sb_put(b, "%s", c->name);
            return c->value;
        }
    }
    if (k == 2 && g->nenums) {
        struct enumref *e = &g->enums[pick(g, g->nenums)];
        if (e->cls <= cls) {
            sb_put(b, "%s", e->text);
            return e->value;
        }
    }
    if (k <= 2) {
        uint64_t v = chance(g, 20) ? pick64(g) : pick(g, 300);
        number(g, b, v);
        return v;
    }
    xint v;
    if (k == 3) {
        static const char ops[] = "-~!";
        char op = ops[pick(g, 3)];
        sb_put(b, "%c(", op);
        xint x = expr(g, b, depth + 1, cls, abis, ok);
        sb_put(b, ")");
        v = op == '-' ? -x : op == '~' ? -x - 1 : !x;
    } else {
        static const char *const ops[] = {"*", "/", "%", "+", "-", "<<", ">>", "&", "^", "|"};
        unsigned o = pick(g, 10);
        sb_put(b, "(");
        xint l = expr(g, b, depth + 1, cls, abis, ok);
        sb_put(b, " %s ", ops[o]);
        struct sbuf rb = {0};
        xint r = expr(g, &rb, depth + 1, cls, abis, ok);
        if ((o == 1 || o == 2) && r == 0) {
            free(rb.p);
            rb = (struct sbuf){0};
            r = 1 + pick(g, 9);
            number(g, &rb, (uint64_t)r);
        }
        if ((o == 5 || o == 6) && (r < 0 || r >= 64)) {
            free(rb.p);
            rb = (struct sbuf){0};
            r = pick(g, 64);
            number(g, &rb, (uint64_t)r);
        }
        sb_put(b, "%s)", rb.p ? rb.p : "");
        free(rb.p);
        switch (o) {
        case 0: *ok &= xmul(l, r, &v); break;
        case 1: v = l / r; break;
        case 2: v = l % r; break;
        case 3: v = l + r; break;
        case 4: v = l - r; break;
        case 5: *ok &= xmul(l, (xint)1 << r, &v); break;
        case 6: v = l >= 0 ? l >> r : -((-l - 1) >> r) - 1; break;
        case 7: v = l & r; break;
        case 8: v = l ^ r; break;
        default: v = l | r; break;
        }
    }
    if (!*ok || v < XINT_MIN || v > XINT_MAX) {
        *ok = false;
        return 0;
    }
    return v;
}

/* A literal in range of the type, extremes often, spelled as a spec
 * integer, negated where negative. */
static xint literal_of(struct gen *g, struct sbuf *b, unsigned bits, bool is_signed)
{
    uint64_t v;
    unsigned k = pick(g, 5);
    if (!is_signed) {
        uint64_t max = bits >= 64 ? UINT64_MAX : (UINT64_C(1) << bits) - 1;
        v = k == 0 ? max : k == 1 ? 0 : pick64(g) & max;
    } else {
        uint64_t lim = UINT64_C(1) << (bits - 1);
        v = k == 0 ? (uint64_t)0 - lim : k == 1 ? lim - 1 : k == 2 ? (uint64_t)0 - 1 - pick(g, 100)
                                                                   : pick64(g) & (lim - 1);
    }
    if (is_signed && (int64_t)v < 0) {
        sb_put(b, "-");
        number(g, b, (uint64_t)0 - v);
        return (xint)(int64_t)v;
    }
    number(g, b, v);
    return v;
}

static void konst(struct gen *g)
{
    struct konst *c = &g->consts[g->nconsts];
    decl_name(g, c->name);
    put(g, "const %s", c->name);
    unsigned t = 6; /* s32, the default */
    if (chance(g, 70)) {
        t = pick(g, 9);
        put(g, " : %s", int_types[t].name);
    }
    unsigned tbits = int_types[t].bits ? int_types[t].bits : g->min_ulong * 8;
    int use;
    c->cls = visibility_use(g, true, &use);
    c->abis = only_abis(g, g->abis, 15);
    struct sbuf b = {0};
    xint v;
    if (chance(g, 50)) {
        bool ok = true;
        v = expr(g, &b, 0, use, c->abis, &ok);
        if (!ok || !fits(v, tbits, int_types[t].is_signed)) {
            free(b.p);
            b = (struct sbuf){0};
            v = literal_of(g, &b, tbits, int_types[t].is_signed);
        }
    } else {
        v = literal_of(g, &b, tbits, int_types[t].is_signed);
    }
    put(g, " = %s", b.p);
    free(b.p);
    doc(g);
    put(g, ";\n\n");
    c->value = v;
    g->nconsts++;
}

static void flagset(struct gen *g)
{
    char prefix[NAME_MAX_LEN + 1];
    decl_name(g, prefix);
    put(g, "flags %s", prefix);
    unsigned t = 6; /* s32, the default */
    if (chance(g, 60)) {
        t = pick(g, 9);
        put(g, " : %s", int_types[t].name);
    }
    unsigned tbits = int_types[t].bits ? int_types[t].bits : g->min_ulong * 8;
    unsigned limit = int_types[t].is_signed ? tbits - 1 : tbits;
    visibility(g, false);
    only_abis(g, g->abis, 10);
    doc(g);
    put(g, " {\n");
    unsigned n = pick(g, 6);
    for (unsigned i = 0; i < n; i++) {
        char name[NAME_MAX_LEN + 1];
        fresh_name(g, name);
        put(g, "    %s %u", name, chance(g, 30) ? limit - 1 : pick(g, limit));
        doc(g);
        put(g, ";\n");
    }
    put(g, "}\n\n");
}

static void verbatim(struct gen *g)
{
    put(g, "verbatim");
    visibility(g, false);
    only_abis(g, g->abis, 10);
    char name[NAME_MAX_LEN + 1];
    fresh_name(g, name);
    if (chance(g, 50))
        put(g, " \"#define %s %u\";\n\n", name, pick(g, 1000));
    else
        put(g, " \"\"\"\n/* a comment: \"quoted\", 'c', unicode é */\n#define %s(a, b) \\\n    ((a) + (b))\n"
               "#ifndef __ASSEMBLER__\ntypedef unsigned int %s_t;\n#endif\n\"\"\";\n\n",
            name, name);
}

/* ---- structs ---- */

static const char *const base_types[] = {"u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "char", "ulong"};

struct agg_ctx {
    int cls;
    unsigned abis;
    unsigned named; /* named members written */
    bool in_union;
};

static void dims(struct gen *g)
{
    if (!chance(g, 20))
        return;
    unsigned n = 1 + (chance(g, 20) ? 1 : 0);
    for (unsigned i = 0; i < n; i++)
        put(g, "[%u]", 1 + pick(g, chance(g, 10) ? 300 : 8));
}

static void aligned(struct gen *g)
{
    if (chance(g, 8))
        put(g, "aligned(%u) ", 1u << pick(g, 6));
}

static void members(struct gen *g, struct agg_ctx *a, unsigned depth);

static void member(struct gen *g, struct agg_ctx *a, unsigned depth)
{
    char name[NAME_MAX_LEN + 1];
    put(g, "    ");
    unsigned abis = a->abis;
    unsigned k = pick(g, 12);
    /* only(ABI, ...) comes after c11, so it is kept until the member's
     * kind is known */
    char only[4 * (NAME_MAX_LEN + 2) + 16] = "";
    if (!g->same_layout && chance(g, 10) && __builtin_popcount(a->abis) > 1) {
        unsigned set = 0;
        for (unsigned i = 0; i < NKINDS; i++)
            if ((a->abis >> i & 1) && chance(g, 50))
                set |= 1u << i;
        if (!set)
            set = a->abis & -a->abis;
        strcpy(only, "only(");
        const char *sep = "";
        for (unsigned i = 0; i < NKINDS; i++)
            if (set >> i & 1) {
                strcat(only, sep);
                strcat(only, g->abi_name[i]);
                sep = ", ";
            }
        strcat(only, ") ");
        abis = set;
    }
    if ((k == 0 || k == 1) && !a->in_union) {
        /* a register in a slot, perhaps with aliases */
        struct reg *r = NULL;
        for (unsigned tries = 0; tries < 4 && g->nregs; tries++) {
            struct reg *c = &g->regs[pick(g, g->nregs)];
            if (c->cls <= a->cls && c->width <= 64) {
                r = c;
                break;
            }
        }
        if (r) {
            unsigned w = 8;
            while (w < r->top || (w < r->width && chance(g, 60)))
                w *= 2;
            bool alias = w > 8 && chance(g, 40);
            bool c11 = alias && chance(g, 40);
            if (c11)
                put(g, "c11 ");
            put(g, "%s", only);
            member_name(g, name);
            put(g, "u%u %s : %s%s", w, name, r->name, w < r->width ? " truncate" : "");
            if (alias) {
                char an[NAME_MAX_LEN + 1];
                fresh_name(g, an);
                put(g, " | u%u %s", w / 2, an);
            }
            a->named += !*only && !c11;
            doc(g);
            put(g, ";\n");
            return;
        }
        k = 3;
    }
    if (k == 2 && !a->in_union) {
        /* aliases of one slot */
        static const unsigned sizes[] = {2, 4, 8};
        unsigned size = sizes[pick(g, 3)];
        /* a slot that was padding callers had to zero, as get_domain_state's caps */
        if (chance(g, 15))
            put(g, "was reserved ");
        bool c11 = chance(g, 30);
        if (c11)
            put(g, "c11 ");
        put(g, "%s", only);
        member_name(g, name);
        put(g, "%c%u %s", chance(g, 80) ? 'u' : 's', size * 8, name);
        unsigned n = 1 + pick(g, 3);
        for (unsigned i = 0; i < n; i++) {
            unsigned as = 1u << pick(g, 4);
            while (as > size)
                as /= 2;
            unsigned at = pick(g, size / as) * as;
            char an[NAME_MAX_LEN + 1];
            fresh_name(g, an);
            put(g, " | %c%u %s", chance(g, 80) ? 'u' : 's', as * 8, an);
            if (at || chance(g, 10))
                put(g, " @%u", at);
            if (chance(g, 20)) {
                static const char *const views[] = {"guest", "tools", "xen"};
                put(g, " only(%s)", views[pick(g, 3)]);
            }
        }
        /* a c11 union is anonymous for every compiler; else a strict
         * compiler sees the slot alone, by its name */
        a->named += !*only && !c11;
        doc(g);
        put(g, ";\n");
        return;
    }
    if (k >= 3)
        put(g, "%s", only);
    if (k == 3 || k == 4) {
        /* a type declared before, by name */
        for (unsigned tries = 0; tries < 4 && g->ntypes; tries++) {
            struct type *t = &g->types[pick(g, g->ntypes)];
            if (t->cls > a->cls || (abis & ~t->abis))
                continue;
            member_name(g, name);
            aligned(g);
            put(g, "%s %s", chance(g, 50) || !t->is_struct ? t->spell : t->name, name);
            if (!t->no_array)
                dims(g);
            a->named += !*only;
            doc(g);
            put(g, ";\n");
            return;
        }
    }
    if (k == 5 && g->handles) {
        for (unsigned tries = 0; tries < 4 && g->ntypes; tries++) {
            struct type *t = &g->types[pick(g, g->ntypes)];
            if (!t->handle || t->cls > a->cls || (abis & ~t->abis))
                continue;
            member_name(g, name);
            put(g, "%s(%s) %s", chance(g, 50) ? "handle" : "handle64", t->name, name);
            dims(g);
            a->named += !*only;
            doc(g);
            put(g, ";\n");
            return;
        }
    }
    if (k == 6 && !a->in_union) {
        fresh_name(g, name);
        put(g, "%s %s %s", chance(g, 50) ? "pad" : "reserved", base_types[pick(g, 4)], name);
        dims(g);
        doc(g);
        put(g, ";\n");
        return;
    }
    if ((k == 7 || k == 8) && depth < 3) {
        bool is_union = chance(g, 50);
        put(g, "%s {\n", is_union ? "union" : "struct");
        struct agg_ctx in = {a->cls, abis, 0, is_union};
        members(g, &in, depth + 1);
        put(g, "    }");
        if (chance(g, 60) || in.named == 0) {
            member_name(g, name);
            put(g, " %s", name);
            dims(g);
            a->named += !*only;
        }
        doc(g);
        put(g, ";\n");
        return;
    }
    member_name(g, name);
    aligned(g);
    put(g, "%s %s", base_types[pick(g, 10)], name);
    dims(g);
    a->named += !*only;
    doc(g);
    put(g, ";\n");
}

static void members(struct gen *g, struct agg_ctx *a, unsigned depth)
{
    unsigned n = 1 + pick(g, depth ? 4 : 8);
    for (unsigned i = 0; i < n; i++)
        member(g, a, depth);
    /* a->named == 0 is fine: the header gives such a struct __extension__ */
}

static void aggregate(struct gen *g)
{
    struct type *t = &g->types[g->ntypes];
    bool is_union = chance(g, 25);
    decl_name(g, t->name);
    join(t->spell, sizeof t->spell, is_union ? "union" : "struct", " ", t->name, NULL);
    t->is_struct = true;
    /* now and then declared once per ABI: one type, a layout each */
    unsigned split = 0;
    if (g->nabis > 1 && !g->same_layout && chance(g, 15))
        split = g->abis & -g->abis;
    int use = CLS_GUEST;
    for (unsigned part = 0; part < (split ? 2u : 1u); part++) {
        put(g, "%s %s", is_union ? "union" : "struct", t->name);
        if (part == 0)
            t->cls = visibility_use(g, split || chance(g, 80), &use);
        else if (g->block)
            ; /* the block's, as the first's */
        else if (t->cls == CLS_TOOLS && use == CLS_GUEST)
            put(g, " tools(%s) guest until 0x40000", g->ifaces[0]);
        else if (t->cls == CLS_TOOLS)
            put(g, " tools(%s)", g->ifaces[0]);
        else
            put(g, " %s", t->cls == CLS_GUEST ? "guest" : "xen");
        unsigned abis = g->abis;
        if (split) {
            abis = part == 0 ? split : g->abis & ~split;
            const char *sep = "";
            put(g, " only(");
            for (unsigned i = 0; i < NKINDS; i++)
                if (abis >> i & 1) {
                    put(g, "%s%s", sep, g->abi_name[i]);
                    sep = ", ";
                }
            put(g, ")");
        } else {
            abis = only_abis(g, g->abis, g->same_layout ? 0 : 10);
        }
        t->abis = abis;
        if (split)
            t->abis = g->abis;
        doc(g);
        put(g, " {\n");
        struct agg_ctx a = {use, abis, 0, is_union};
        if (chance(g, 3))
            put(g, "    pad u8 _pad%u[0];\n", ++g->uid);
        else if (!chance(g, 2) || (g->avoid & SPECGEN_AVOID_EMPTY))
            members(g, &a, 0);
        put(g, "}\n\n");
    }
    /* a split type exists where its declarations do: everywhere */
    g->ntypes++;
}

static void typedef_checked(struct gen *g)
{
    /* a typedef of a type it may see: choose the type first */
    struct type *t = &g->types[g->ntypes];
    struct type *of = NULL;
    for (unsigned tries = 0; tries < 4 && g->ntypes && chance(g, 70); tries++) {
        struct type *c = &g->types[pick(g, g->ntypes)];
        if (c->cls != CLS_NOREF && (!g->block || c->cls <= g->block_cls)) {
            of = c;
            break;
        }
    }
    decl_name(g, t->name);
    put(g, "typedef ");
    t->no_array = false;
    if (of) {
        put(g, "%s %s", chance(g, 50) || !of->is_struct ? of->spell : of->name, t->name);
        t->no_array = of->no_array;
    } else {
        /* aligned(N) on a typedef sets the alignment in GCC, lowering it
         * too: only at or above the type's own on every ABI; an array of
         * it is no C when N does not divide its size */
        unsigned b = pick(g, 10);
        unsigned size = b == 8 ? 1 : b == 9 ? g->min_ulong : 1u << (b % 4);
        unsigned natural = b == 9 ? g->max_ulong : size;
        if (chance(g, 10)) {
            unsigned n = natural << pick(g, 3);
            put(g, "aligned(%u) ", n);
            t->no_array = size % n != 0 || (b == 9 && g->max_ulong % n != 0);
        }
        put(g, "%s %s", base_types[b], t->name);
    }
    /* the typedef's class: at least that of what it names */
    int cls = of ? of->cls : CLS_GUEST;
    if (g->block) {
        /* the block's visibility: 'of' was chosen among those it may use */
        cls = g->block_cls;
    } else if (cls == CLS_GUEST && chance(g, 70)) {
        put(g, " guest");
    } else if (cls <= CLS_TOOLS && g->nifaces && chance(g, 70)) {
        put(g, " tools(%s)", g->ifaces[pick(g, g->nifaces)]);
        cls = CLS_TOOLS;
    } else {
        put(g, " xen");
        cls = CLS_XEN;
    }
    t->cls = cls;
    t->abis = only_abis(g, of ? of->abis : g->abis, g->same_layout ? 0 : 10);
    join(t->spell, sizeof t->spell, t->name, "", "", NULL);
    t->is_struct = false;
    t->handle = g->handles && chance(g, 50);
    if (t->handle)
        put(g, " handle");
    doc(g);
    put(g, ";\n\n");
    g->ntypes++;
}

/* ---- the spec ---- */

void specgen_generate(struct specgen_src *src, const char *stem, unsigned avoid, struct specgen_result *out)
{
    struct gen *g = calloc(1, sizeof *g);
    if (!g)
        abort();
    g->src = src;
    g->avoid = avoid;
    put(g, "// Generated by tests/gen/specgen.c: a random valid spec.\n");
    g->keyword_rate = chance(g, 20) ? 2 : 0;
    arch(g, stem);
    unsigned n = pick(g, 3);
    for (unsigned i = 0; i < n; i++) {
        fresh_name(g, g->ifaces[g->nifaces]);
        put(g, "interface %s version ", g->ifaces[g->nifaces]);
        put_number(g, 1 + pick(g, 0x100));
        /* a stable interface's items are frozen in the lock, and are
         * tools items in every header */
        if (chance(g, 25))
            put(g, " stable");
        doc(g);
        put(g, ";\n");
        g->nifaces++;
    }
    n = pick(g, 6);
    for (unsigned i = 0; i < n; i++) {
        decl_name(g, g->feats[g->nfeats]);
        put(g, "feature %s", g->feats[g->nfeats]);
        if (g->nfeats && chance(g, 40)) {
            put(g, " requires %s", g->feats[pick(g, g->nfeats)]);
            if (g->nfeats > 1 && chance(g, 30))
                put(g, ", %s", g->feats[pick(g, g->nfeats)]);
        }
        doc(g);
        put(g, ";\n");
        g->nfeats++;
    }
    put(g, "\n");
    if (chance(g, 80))
        handle_macros(g);
    n = pick(g, 28);
    for (unsigned i = 0; i < n; i++) {
        if (g->ntypes >= MAX_DECLS - 1 || g->nregs >= MAX_DECLS - 1 || g->nconsts >= MAX_DECLS - 1)
            break;
        if (!g->block && chance(g, 8)) {
            /* a visibility block: a default for the declarations in it */
            unsigned k = pick(g, 3);
            if (k == 1 && !g->nifaces)
                k = 0;
            if (k == 0)
                put(g, "guest {\n\n");
            else if (k == 1)
                put(g, "tools(%s) {\n\n", g->ifaces[pick(g, g->nifaces)]);
            else
                put(g, "xen {\n\n");
            g->block_cls = k == 0 ? CLS_GUEST : k == 1 ? CLS_TOOLS : CLS_XEN;
            g->block = 1 + pick(g, 5);
        }
        switch (pick(g, 8)) {
        case 0: case 1: reg(g); break;
        case 2: case 3: aggregate(g); break;
        case 4: typedef_checked(g); break;
        case 5: konst(g); break;
        case 6: flagset(g); break;
        default: verbatim(g); break;
        }
        if (g->block && --g->block == 0)
            put(g, "}\n\n");
    }
    if (g->block)
        put(g, "}\n");
    out->text = g->out.p;
    out->len = g->out.len;
    out->hazards = g->hazards;
    out->abis = g->abis;
    free(g);
}

const char *const *specgen_hazard_ids(unsigned hazards)
{
    /* the ids, in order of the hazard bits; a refusal may carry any id of
     * any hazard the spec has */
    static const char *const keyword[] = {"name-reserved-c", NULL};
    static const char *const kase[] = {"macro-collision", NULL};
    static const char *const kind[] = {"field-name-reserved-kind", NULL};
    static const char *const kw_case[] = {"name-reserved-c", "macro-collision", NULL};
    static const char *const kw_kind[] = {"name-reserved-c", "field-name-reserved-kind", NULL};
    static const char *const case_kind[] = {"macro-collision", "field-name-reserved-kind", NULL};
    static const char *const all[] = {"name-reserved-c", "macro-collision", "field-name-reserved-kind", NULL};
    static const char *const none[] = {NULL};
    static const char *const *const table[8] = {none, keyword, kase, kw_case, kind, kw_kind, case_kind, all};
    return table[hazards & 7];
}
