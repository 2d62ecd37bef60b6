/* SPDX-License-Identifier: MIT */
/*
 * The grammar of regc specs (docs/language.md is its reference). The parser
 * is pure and builds the model straight into the spec's arena, so values
 * that error recovery drops need no %destructor: the arena owns them.
 *
 * Recovery works at two levels. An item, a member or a field that goes
 * wrong skips to its ';'. A block whose last statement goes wrong still
 * closes at its '}', because every block rule has a `... error '}'` twin
 * that shares the state with the statement-level `error ';'`.
 *
 * Only the block-level rules say yyerrok: after skipping a statement the
 * parser stays quiet for three tokens, so the rest of a broken statement
 * (a stray '}' after a skipped ';') is not reported a second time.
 */
%require "3.8"
%define api.pure full
%define api.prefix {regc_yy}
%define parse.error detailed
%define parse.lac full
%locations
%parse-param {struct parse_ctx *ctx} {void *scanner}
%lex-param {void *scanner}
%expect 0

%code requires {
#include "ast.h"
#include "util.h"

struct parse_ctx;

struct p_bits {
    uint64_t msb, lsb;
    struct loc loc;
};

struct p_fieldopts {
    struct name feature;
    enum bit_kind absent_kind;
    bool has_reset, has_enum;
    uint64_t reset;
    struct loc reset_loc;
    struct avec enums;
};

struct p_dims {
    struct avec values; /* uint64_t * */
    struct avec locs;   /* struct loc * */
};

struct p_decl {
    struct name name;
    struct p_dims dims;
};

struct p_old {
    struct name of;
    uint64_t version;
    struct loc loc;
};

/* a keyword that is there or not: `stable` */
struct p_word {
    bool present;
    struct loc loc;
};

struct p_number {
    bool present;
    uint64_t value;
    struct loc loc;
};

struct p_select {
    struct name name, type; /* type.text == NULL: a member of the struct */
};

struct p_when {
    struct avec values;     /* struct expr * */
    bool is_else;
    struct loc loc;
};

/* a register-typed member: its register(s) and truncate */
struct p_reg_select {
    struct reg_select *sel;
    bool truncate;
    struct loc truncate_loc;
};

struct p_reg_body {
    struct avec fields;
    bool has_rest;
    enum bit_kind rest_kind;
    struct loc rest_loc;
};

/* An expression and the depth of its tree, which the parser bounds so
 * that the recursive walkers over expressions never run out of stack. */
struct p_expr {
    struct expr *e;
    unsigned depth;
};
}

%code provides {
int regc_yylex(REGC_YYSTYPE *lval, REGC_YYLTYPE *lloc, void *scanner);
}

%code {
#include "parse_ctx.h"

#define YYSTYPE REGC_YYSTYPE
#define YYLTYPE REGC_YYLTYPE
#include "lexer.h"

#include <string.h>

#define LOC(yl) parse_loc(ctx, (uint32_t)(yl).first_line, (uint32_t)(yl).first_column, \
                          (uint32_t)(yl).last_line, (uint32_t)(yl).last_column)
#define NEW(type) ARENA_NEW(ctx->arena, type)
#define TAKE(vec, type, out, n) ((out) = (type **)avec_take(&(vec), &(n)))

static void regc_yyerror(REGC_YYLTYPE *lloc, struct parse_ctx *ctx, void *scanner, const char *msg);
static struct name mkname(struct parse_ctx *ctx, char *text, REGC_YYLTYPE yl);
static struct item *mkitem(struct parse_ctx *ctx, enum item_kind kind);
static void **avec_take(struct avec *v, size_t *n);
static void apply_block_visibility(struct parse_ctx *ctx, struct avec *items,
                                   const struct visibility *vis);
static struct p_expr mkleaf(struct parse_ctx *ctx, enum expr_op op, REGC_YYLTYPE yl);
static struct p_expr mkexpr(struct parse_ctx *ctx, enum expr_op op, const struct p_expr *l,
                            const struct p_expr *r, REGC_YYLTYPE yl, REGC_YYLTYPE op_loc);
static char *join_doc(struct parse_ctx *ctx, const struct avec *pieces);
static void member_set_decl(struct parse_ctx *ctx, struct member *m, struct p_decl *d);
static void agg_set_members(struct aggregate *agg, struct avec *members);
static void duplicate_option(struct parse_ctx *ctx, REGC_YYLTYPE yl, const char *what);

/* The parser reads tokens through this, so that a syntax error can look
 * back at the token before the one it did not expect. */
static int lex_tracked(REGC_YYSTYPE *lval, REGC_YYLTYPE *lloc, void *scanner);
#undef yylex
#define yylex lex_tracked
}

%union {
    char *str;
    uint64_t num;
    int kind;
    struct avec vec;
    struct name name;
    struct p_bits bits;
    struct p_fieldopts fopts;
    struct p_dims dims;
    struct p_decl decl;
    struct p_old old;
    struct p_word word;
    struct p_number number;
    struct p_select select;
    struct p_when when;
    struct p_reg_body regbody;
    struct p_reg_select regsel;
    struct reg_alt *regalt;
    struct visibility vis;
    struct condition cond;
    struct type_ref tref;
    struct item *item;
    struct abi *abi;
    struct arch *arch;
    struct field *field;
    struct enum_value *ev;
    struct member *member;
    struct alias *alias;
    struct p_expr expr;
}

%token <str> IDENT "identifier"
%token <str> STRING "string"
%token <num> NUMBER "number"
%token INCLUDE "include" ARCH "arch" ABI "abi" SAME_LAYOUT "same_layout" HEADER "header"
%token ENDIAN "endian" LITTLE "little" BIG "big" PREDICATE "predicate"
%token TYPE "type" SIZE "size" ALIGN "align"
%token FEATURE "feature" REQUIRES "requires" INTERFACE "interface" VERSION "version"
%token REGISTER "register" IF "if" ELSE "else" RESET "reset" ENUM "enum"
%token RES0 "res0" RES1 "res1" RAZ "raz" UNKNOWN "unknown" REST "rest"
%token STRUCT "struct" UNION "union" TYPEDEF "typedef" CONST "const" FLAGS "flags"
%token VERBATIM "verbatim" GUEST "guest" TOOLS "tools" XEN "xen"
%token SINCE "since" UNTIL "until" ONLY "only"
%token PAD "pad" RESERVED "reserved" ALIGNED "aligned" HANDLE "handle" HANDLE64 "handle64"
%token C11 "c11"
%token TRUNCATE "truncate" LIKE "like" COMPAT "compat" FOR "for" OLD "old" SELECT "select" RETIRE "retire"
%token STABLE "stable" WAS "was"
%token SHL "<<" SHR ">>"

%type <vec> items block_items enum_items enum_list ident_list requires_opt
%type <vec> members aliases flag_items cond_list bit_list reg_alts reg_alt_items doc
%type <arch> arch_items
%type <str> doc_opt abi_type_name
%type <name> member_name const_type_opt cond_atom
%type <select> select_opt
%type <word> stable_opt
%type <when> alternative
%type <vec> alt_values
%type <expr> alt_value
%type <old> old_opt
%type <number> feature_number_opt
%type <item> item arch_decl feature_decl interface_decl register_decl agg_decl
%type <item> typedef_decl const_decl flags_decl verbatim_decl
%type <abi> abi_decl abi_items
%type <bits> bits
%type <fopts> field_opts
%type <field> field_stmt
%type <ev> enum_item
%type <regbody> reg_items
%type <vis> vis vis_opt guest_bounds
%type <cond> cond_opt
%type <kind> agg_kw reserved_kind handle_opt
%type <num> abi_align_opt
%type <tref> type_spec type_base
%type <decl> declarator declarator_opt
%type <dims> dims
%type <member> member broken_nested
%type <alias> alias
%type <regsel> reg_select
%type <regalt> reg_alt
%type <expr> expr

%left '|'
%left '^'
%left '&'
%left SHL SHR
%left '+' '-'
%left '*' '/' '%'
%precedence UNARY

%start spec

%%

spec:
    items                               { ctx->items = $1; }
    ;

items:
    %empty                              { memset(&$$, 0, sizeof($$)); }
  | items item                          { $$ = $1; if ($2) avec_push(ctx->arena, &$$, $2); }
  | items vis '{' block_items '}'       {
        apply_block_visibility(ctx, &$4, &$2);
        $$ = $1;
        for (size_t i = 0; i < $4.len; i++)
            avec_push(ctx->arena, &$$, $4.items[i]);
    }
  | items vis '{' block_items error '}' { $$ = $1; yyerrok; }
  | items error ';'                     { $$ = $1; }
  | items error '}'                     { $$ = $1; yyerrok; }
    ;

/* Items inside a visibility block: no includes, and recovery stops at ';'
 * so that the block's own '}' is not eaten. */
block_items:
    %empty                              { memset(&$$, 0, sizeof($$)); }
  | block_items item                    {
        $$ = $1;
        if ($2 && $2->kind == ITEM_INCLUDE) {
            diag_report(ctx->diags, DIAG_SYNTAX, $2->u.include.loc,
                        "'include' is not allowed inside a visibility block");
        } else if ($2) {
            avec_push(ctx->arena, &$$, $2);
        }
    }
  | block_items error ';'               { $$ = $1; }
    ;

item:
    INCLUDE STRING ';'                  {
        $$ = mkitem(ctx, ITEM_INCLUDE);
        $$->u.include.path = $2;
        $$->u.include.loc = LOC(@2);
    }
  | arch_decl | feature_decl | interface_decl | register_decl | agg_decl
  | typedef_decl | const_decl | flags_decl | verbatim_decl
    ;

/* Adjacent strings are one doc string, joined once at the end: joining
 * them pairwise would copy the text once per piece. */
doc:
    STRING                              { memset(&$$, 0, sizeof($$)); avec_push(ctx->arena, &$$, $1); }
  | doc STRING                          { $$ = $1; avec_push(ctx->arena, &$$, $2); }
    ;

doc_opt:
    %empty                              { $$ = NULL; }
  | doc                                 { $$ = join_doc(ctx, &$1); }
    ;

/* ---- arch and ABIs ------------------------------------------------- */

arch_decl:
    ARCH IDENT doc_opt '{' arch_items '}' {
        $5->name = mkname(ctx, $2, @2);
        $5->doc = $3;
        $5->loc = LOC(@2);
        $$ = mkitem(ctx, ITEM_ARCH);
        $$->u.arch = $5;
    }
  | ARCH IDENT doc_opt '{' arch_items error '}' { $$ = NULL; yyerrok; }
    ;

arch_items:
    %empty                              { $$ = NEW(struct arch); $$->compat = $$->native = -1; }
  | arch_items abi_decl                 {
        $$ = $1;
        struct avec v = {(void **)$$->abis, $$->nabis, $$->nabis};
        avec_push(ctx->arena, &v, $2);
        $$->abis = (struct abi **)v.items;
        $$->nabis = v.len;
    }
  | arch_items SAME_LAYOUT ';'          {
        $$ = $1;
        if ($$->same_layout)
            duplicate_option(ctx, @2, "same_layout");
        $$->same_layout = true;
        $$->same_layout_loc = LOC(@2);
    }
  | arch_items COMPAT IDENT FOR IDENT ';' {
        $$ = $1;
        if ($$->compat_abi.text)
            duplicate_option(ctx, @2, "compat");
        $$->compat_abi = mkname(ctx, $3, @3);
        $$->native_abi = mkname(ctx, $5, @5);
    }
  | arch_items HEADER STRING ';'        {
        $$ = $1;
        if ($$->header)
            duplicate_option(ctx, @2, "header");
        $$->header = $3;
        $$->header_loc = LOC(@3);
    }
  | arch_items error ';'                { $$ = $1; }
    ;

abi_decl:
    ABI IDENT doc_opt '{' abi_items '}' {
        $$ = $5;
        $$->name = mkname(ctx, $2, @2);
        $$->doc = $3;
        $$->loc = LOC(@2);
    }
  | ABI IDENT doc_opt '{' abi_items error '}' {
        $$ = $5;
        $$->name = mkname(ctx, $2, @2);
        $$->loc = LOC(@2);
        yyerrok;
    }
    ;

abi_items:
    %empty                              { $$ = NEW(struct abi); }
  | abi_items ENDIAN LITTLE ';'         {
        $$ = $1;
        if ($$->endian) duplicate_option(ctx, @2, "endian");
        $$->endian = ENDIAN_LITTLE;
        $$->endian_loc = LOC(@3);
    }
  | abi_items ENDIAN BIG ';'            {
        $$ = $1;
        if ($$->endian) duplicate_option(ctx, @2, "endian");
        $$->endian = ENDIAN_BIG;
        $$->endian_loc = LOC(@3);
    }
  | abi_items PREDICATE STRING ';'      {
        $$ = $1;
        if ($$->predicate) duplicate_option(ctx, @2, "predicate");
        $$->predicate = $3;
        $$->predicate_loc = LOC(@3);
    }
  | abi_items TYPE abi_type_name SIZE NUMBER abi_align_opt ';' {
        $$ = $1;
        enum base_type bt = base_type_lookup($3);
        if (bt == BT_COUNT) {
            struct diag *d = diag_report(ctx->diags, DIAG_UNRESOLVED_NAME, LOC(@3),
                                         "'%s' is not a base type", $3);
            diag_note(d, LOC(@3), "the base types are u8 u16 u32 u64 s8 s16 s32 s64 char "
                                  "ulong pointer handle handle64");
        } else {
            struct abi_type_fact *f = &$$->types[bt];
            if (f->set) {
                struct diag *d = diag_report(ctx->diags, DIAG_DUPLICATE_NAME, LOC(@3),
                                             "type '%s' is given twice", $3);
                diag_note(d, f->loc, "first given here");
            }
            f->set = true;
            f->size = $5 > UINT32_MAX ? UINT32_MAX : (uint32_t)$5;
            f->align = $6 == 0 ? f->size : ($6 > UINT32_MAX ? UINT32_MAX : (uint32_t)$6);
            f->size_written = $5;
            f->align_written = $6 == 0 ? $5 : $6;
            f->loc = LOC(@3);
        }
    }
  | abi_items error ';'                 { $$ = $1; }
    ;

abi_type_name:
    IDENT | HANDLE { $$ = "handle"; } | HANDLE64 { $$ = "handle64"; }
    ;

abi_align_opt:
    %empty                              { $$ = 0; }
  | ALIGN NUMBER                        { $$ = $2 ? $2 : 1; }
    ;

/* ---- features and interfaces ---------------------------------------- */

feature_decl:
    FEATURE IDENT feature_number_opt requires_opt doc_opt ';' {
        struct feature *f = NEW(struct feature);
        f->name = mkname(ctx, $2, @2);
        f->loc = LOC(@2);
        f->doc = $5;
        f->has_number = $3.present;
        f->number_written = $3.value;
        f->number_loc = $3.loc;
        TAKE($4, struct name, f->requires, f->nrequires);
        $$ = mkitem(ctx, ITEM_FEATURE);
        $$->u.feature = f;
    }
    ;

feature_number_opt:
    %empty                              { memset(&$$, 0, sizeof($$)); }
  | '=' NUMBER                          { $$.present = true; $$.value = $2; $$.loc = LOC(@2); }
    ;

requires_opt:
    %empty                              { memset(&$$, 0, sizeof($$)); }
  | REQUIRES ident_list                 { $$ = $2; }
    ;

ident_list:
    IDENT                               {
        memset(&$$, 0, sizeof($$));
        struct name *n = NEW(struct name);
        *n = mkname(ctx, $1, @1);
        avec_push(ctx->arena, &$$, n);
    }
  | ident_list ',' IDENT                {
        $$ = $1;
        struct name *n = NEW(struct name);
        *n = mkname(ctx, $3, @3);
        avec_push(ctx->arena, &$$, n);
    }
    ;

/* `stable`: an interface whose every version stays supported, as Xen's
 * stable domctls, which callers reach with their own version numbers
 * (XEN_DOMCTL_get_domain_state, interface_version 0). */
interface_decl:
    INTERFACE IDENT VERSION NUMBER stable_opt doc_opt ';' {
        struct interface *i = NEW(struct interface);
        i->name = mkname(ctx, $2, @2);
        i->loc = LOC(@2);
        i->version = $4;
        i->version_loc = LOC(@4);
        i->stable = $5.present;
        i->stable_loc = $5.loc;
        i->doc = $6;
        $$ = mkitem(ctx, ITEM_INTERFACE);
        $$->u.iface = i;
    }
    ;

stable_opt:
    %empty                              { memset(&$$, 0, sizeof($$)); }
  | STABLE                              { memset(&$$, 0, sizeof($$)); $$.present = true; $$.loc = LOC(@1); }
    ;

/* ---- visibility and conditions ---------------------------------------- */

vis_opt:
    %empty                              { memset(&$$, 0, sizeof($$)); }
  | vis
    ;

vis:
    GUEST guest_bounds                  { $$ = $2; $$.kind = VIS_GUEST; $$.loc = loc_join(LOC(@1), $$.loc); }
  | TOOLS '(' IDENT ')'                 {
        memset(&$$, 0, sizeof($$));
        $$.kind = VIS_TOOLS;
        $$.loc = LOC(@$);
        $$.iface = mkname(ctx, $3, @3);
    }
  | TOOLS '(' IDENT ')' GUEST UNTIL NUMBER {
        memset(&$$, 0, sizeof($$));
        $$.kind = VIS_TOOLS;
        $$.loc = LOC(@$);
        $$.iface = mkname(ctx, $3, @3);
        $$.guest_window = true;
        $$.has_until = true;
        $$.until = $7;
        $$.until_loc = LOC(@7);
    }
  | TOOLS '(' IDENT ')' RETIRE STRING   {
        memset(&$$, 0, sizeof($$));
        $$.kind = VIS_TOOLS;
        $$.loc = LOC(@$);
        $$.iface = mkname(ctx, $3, @3);
        $$.retire = $6;
        $$.retire_loc = LOC(@5);
    }
  | XEN                                 { memset(&$$, 0, sizeof($$)); $$.kind = VIS_XEN; $$.loc = LOC(@1); }
    ;

guest_bounds:
    %empty                              { memset(&$$, 0, sizeof($$)); }
  | guest_bounds SINCE NUMBER           {
        $$ = $1;
        if ($$.has_since) duplicate_option(ctx, @2, "since");
        $$.has_since = true;
        $$.since = $3;
        $$.since_loc = LOC(@3);
        $$.loc = loc_join($$.loc.src ? $$.loc : LOC(@2), LOC(@3));
    }
  | guest_bounds UNTIL NUMBER           {
        $$ = $1;
        if ($$.has_until) duplicate_option(ctx, @2, "until");
        $$.has_until = true;
        $$.until = $3;
        $$.until_loc = LOC(@3);
        $$.loc = loc_join($$.loc.src ? $$.loc : LOC(@2), LOC(@3));
    }
    ;

cond_opt:
    %empty                              { memset(&$$, 0, sizeof($$)); $$.views = VIEW_ALL; }
  | ONLY '(' cond_list ')'              {
        memset(&$$, 0, sizeof($$));
        $$.present = true;
        $$.loc = LOC(@$);
        unsigned views = 0;
        struct avec abis = {0};
        for (size_t i = 0; i < $3.len; i++) {
            struct name *n = $3.items[i];
            if (strcmp(n->text, "guest") == 0)
                views |= VIEW_GUEST;
            else if (strcmp(n->text, "tools") == 0)
                views |= VIEW_TOOLS;
            else if (strcmp(n->text, "xen") == 0)
                views |= VIEW_XEN;
            else
                avec_push(ctx->arena, &abis, n);
        }
        $$.views = views ? views : VIEW_ALL;
        if (views == VIEW_ALL) {
            diag_report(ctx->diags, DIAG_INVALID_CONDITION, LOC(@$),
                        "only(guest, tools) names every view and restricts nothing");
        }
        struct name *names = ARENA_ARRAY(ctx->arena, struct name, abis.len);
        for (size_t i = 0; i < abis.len; i++)
            names[i] = *(struct name *)abis.items[i];
        $$.abi_names = names;
        $$.nabi_names = abis.len;
    }
    ;

cond_list:
    cond_atom                           {
        memset(&$$, 0, sizeof($$));
        struct name *n = NEW(struct name);
        *n = $1;
        avec_push(ctx->arena, &$$, n);
    }
  | cond_list ',' cond_atom             {
        $$ = $1;
        struct name *n = NEW(struct name);
        *n = $3;
        avec_push(ctx->arena, &$$, n);
    }
    ;

/* guest, tools and xen select a view; any other name is an ABI of the arch */
cond_atom:
    GUEST                               { $$ = mkname(ctx, "guest", @1); }
  | TOOLS                               { $$ = mkname(ctx, "tools", @1); }
  | XEN                                 { $$ = mkname(ctx, "xen", @1); }
  | IDENT                               { $$ = mkname(ctx, $1, @1); }
    ;

/* ---- registers ------------------------------------------------------- */

register_decl:
    REGISTER IDENT ':' NUMBER vis_opt doc_opt '{' reg_items '}' {
        struct reg *r = NEW(struct reg);
        r->name = mkname(ctx, $2, @2);
        r->loc = LOC(@2);
        r->width = $4 > 4096 ? 4096 : (unsigned)$4;
        r->width_written = $4;
        r->width_loc = LOC(@4);
        r->vis = $5;
        r->doc = $6;
        TAKE($8.fields, struct field, r->fields, r->nfields);
        r->has_rest = $8.has_rest;
        r->rest_kind = $8.rest_kind;
        r->rest_loc = $8.rest_loc;
        $$ = mkitem(ctx, ITEM_REGISTER);
        $$->u.reg = r;
    }
  | REGISTER IDENT ':' NUMBER vis_opt doc_opt LIKE IDENT ';' {
        struct reg *r = NEW(struct reg);
        r->name = mkname(ctx, $2, @2);
        r->loc = LOC(@2);
        r->width = $4 > 4096 ? 4096 : (unsigned)$4;
        r->width_written = $4;
        r->width_loc = LOC(@4);
        r->vis = $5;
        r->doc = $6;
        r->like = mkname(ctx, $8, @8);
        $$ = mkitem(ctx, ITEM_REGISTER);
        $$->u.reg = r;
    }
  | REGISTER IDENT ':' NUMBER vis_opt doc_opt '{' reg_items error '}' { $$ = NULL; yyerrok; }
    ;

reg_items:
    %empty                              { memset(&$$, 0, sizeof($$)); }
  | reg_items field_stmt                { $$ = $1; avec_push(ctx->arena, &$$.fields, $2); }
  | reg_items reserved_kind bit_list ';' {
        $$ = $1;
        for (size_t i = 0; i < $3.len; i++) {
            struct p_bits *b = $3.items[i];
            struct field *f = NEW(struct field);
            f->kind = (enum bit_kind)$2;
            f->msb = b->msb > 4095 ? 4095 : (unsigned)b->msb;
            f->lsb = b->lsb > 4095 ? 4095 : (unsigned)b->lsb;
            f->msb_written = b->msb;
            f->lsb_written = b->lsb;
            f->bits_loc = b->loc;
            f->loc = b->loc;
            avec_push(ctx->arena, &$$.fields, f);
        }
    }
  | reg_items reserved_kind REST ';'   {
        $$ = $1;
        if ($$.has_rest) {
            struct diag *d = diag_report(ctx->diags, DIAG_DUPLICATE_NAME, LOC(@3),
                                         "'rest' is given twice");
            diag_note(d, $$.rest_loc, "first given here");
        }
        $$.has_rest = true;
        $$.rest_kind = (enum bit_kind)$2;
        $$.rest_loc = loc_join(LOC(@2), LOC(@3));
    }
  | reg_items error ';'                 { $$ = $1; }
    ;

reserved_kind:
    RES0 { $$ = BITS_RES0; } | RES1 { $$ = BITS_RES1; }
  | RAZ { $$ = BITS_RAZ; } | UNKNOWN { $$ = BITS_UNKNOWN; }
    ;

bit_list:
    bits                                {
        memset(&$$, 0, sizeof($$));
        struct p_bits *b = NEW(struct p_bits);
        *b = $1;
        avec_push(ctx->arena, &$$, b);
    }
  | bit_list ',' bits                   {
        $$ = $1;
        struct p_bits *b = NEW(struct p_bits);
        *b = $3;
        avec_push(ctx->arena, &$$, b);
    }
    ;

bits:
    NUMBER                              { $$.msb = $$.lsb = $1; $$.loc = LOC(@$); }
  | NUMBER ':' NUMBER                   { $$.msb = $1; $$.lsb = $3; $$.loc = LOC(@$); }
    ;

field_stmt:
    IDENT bits field_opts doc_opt ';'   {
        struct field *f = NEW(struct field);
        f->kind = BITS_FIELD;
        f->name = mkname(ctx, $1, @1);
        f->msb = $2.msb > 4095 ? 4095 : (unsigned)$2.msb;
        f->lsb = $2.lsb > 4095 ? 4095 : (unsigned)$2.lsb;
        f->msb_written = $2.msb;
        f->lsb_written = $2.lsb;
        f->bits_loc = $2.loc;
        f->loc = LOC(@1);
        f->feature = $3.feature;
        f->absent_kind = $3.absent_kind;
        f->has_reset = $3.has_reset;
        f->reset = $3.reset;
        f->reset_loc = $3.reset_loc;
        TAKE($3.enums, struct enum_value, f->enums, f->nenums);
        f->doc = $4;
        $$ = f;
    }
    ;

field_opts:
    %empty                              { memset(&$$, 0, sizeof($$)); $$.absent_kind = BITS_RES0; }
  | field_opts IF IDENT                 {
        $$ = $1;
        if ($$.feature.text) duplicate_option(ctx, @2, "if");
        $$.feature = mkname(ctx, $3, @3);
        $$.absent_kind = BITS_RES0;
    }
  | field_opts IF IDENT ELSE reserved_kind {
        $$ = $1;
        if ($$.feature.text) duplicate_option(ctx, @2, "if");
        $$.feature = mkname(ctx, $3, @3);
        $$.absent_kind = (enum bit_kind)$5;
        if ($5 != BITS_RES0 && $5 != BITS_RES1) {
            diag_report(ctx->diags, DIAG_SYNTAX, LOC(@5),
                        "a field whose feature is absent reads as res0 or res1, not %s",
                        bit_kind_name((enum bit_kind)$5));
        }
    }
  | field_opts RESET NUMBER             {
        $$ = $1;
        if ($$.has_reset) duplicate_option(ctx, @2, "reset");
        $$.has_reset = true;
        $$.reset = $3;
        $$.reset_loc = LOC(@3);
    }
  | field_opts ENUM '{' enum_items '}'  {
        $$ = $1;
        if ($$.has_enum) duplicate_option(ctx, @2, "enum");
        $$.has_enum = true;
        $$.enums = $4;
    }
  | field_opts ENUM '{' error '}'      { $$ = $1; $$.has_enum = true; yyerrok; }
    ;

enum_items:
    %empty                              { memset(&$$, 0, sizeof($$)); }
  | enum_list
  | enum_list ','
    ;

enum_list:
    enum_item                           { memset(&$$, 0, sizeof($$)); avec_push(ctx->arena, &$$, $1); }
  | enum_list ',' enum_item             { $$ = $1; avec_push(ctx->arena, &$$, $3); }
    ;

enum_item:
    IDENT '=' NUMBER doc_opt            {
        $$ = NEW(struct enum_value);
        $$->name = mkname(ctx, $1, @1);
        $$->value = $3;
        $$->value_loc = LOC(@3);
        $$->doc = $4;
    }
    ;

/* ---- structures --------------------------------------------------- */

agg_kw:
    STRUCT { $$ = AGG_STRUCT; } | UNION { $$ = AGG_UNION; }
    ;

agg_decl:
    agg_kw IDENT vis_opt cond_opt old_opt doc_opt '{' members '}' {
        struct aggregate *a = NEW(struct aggregate);
        a->kind = (enum agg_kind)$1;
        a->name = mkname(ctx, $2, @2);
        a->loc = LOC(@2);
        a->vis = $3;
        a->cond = $4;
        a->old_of = $5.of;
        a->old_version = $5.version;
        a->old_loc = $5.loc;
        a->doc = $6;
        agg_set_members(a, &$8);
        $$ = mkitem(ctx, ITEM_AGGREGATE);
        $$->u.agg = a;
    }
  | agg_kw IDENT vis_opt cond_opt old_opt doc_opt '{' members error '}' { $$ = NULL; yyerrok; }
    ;

/* old(NAME, VERSION): this struct is NAME as it was at interface VERSION */
old_opt:
    %empty                              { memset(&$$, 0, sizeof($$)); }
  | OLD '(' IDENT ',' NUMBER ')'        {
        $$.of = mkname(ctx, $3, @3);
        $$.version = $5;
        $$.loc = LOC(@1);
    }
    ;

/* select(MEMBER) or select(PARAM : TYPE): what says which alternative of
 * a union holds data, for translation */
select_opt:
    %empty                              { memset(&$$, 0, sizeof($$)); }
  | SELECT '(' IDENT ')'                { memset(&$$, 0, sizeof($$)); $$.name = mkname(ctx, $3, @3); }
  | SELECT '(' IDENT ':' IDENT ')'      { $$.name = mkname(ctx, $3, @3); $$.type = mkname(ctx, $5, @5); }
    ;

members:
    %empty                              { memset(&$$, 0, sizeof($$)); }
  | members member                      { $$ = $1; avec_push(ctx->arena, &$$, $2); }
  | members alternative member          {
        $$ = $1;
        TAKE($2.values, struct expr, $3->when, $3->nwhen);
        $3->when_else = $2.is_else;
        $3->when_loc = $2.loc;
        avec_push(ctx->arena, &$$, $3);
    }
  | members error ';'                   { $$ = $1; }
    ;

/* if (V, ...) or else before an alternative of a union with select() */
alternative:
    IF '(' alt_values ')'               { memset(&$$, 0, sizeof($$)); $$.values = $3; $$.loc = LOC(@$); }
  | ELSE                                { memset(&$$, 0, sizeof($$)); $$.is_else = true; $$.loc = LOC(@1); }
    ;

alt_values:
    alt_value                           { memset(&$$, 0, sizeof($$)); avec_push(ctx->arena, &$$, $1.e); }
  | alt_values ',' alt_value            { $$ = $1; avec_push(ctx->arena, &$$, $3.e); }
    ;

alt_value:
    NUMBER                              { $$ = mkleaf(ctx, EX_INT, @$); $$.e->value = $1; }
  | IDENT                               { $$ = mkleaf(ctx, EX_NAME, @$); $$.e->path[0] = mkname(ctx, $1, @1); }
    ;

member:
    WAS RESERVED member                 {
        /* the member takes the place of padding callers had to zero */
        $$ = $3;
        if ($$->was_reserved) duplicate_option(ctx, @1, "was reserved");
        $$->was_reserved = true;
        $$->was_loc = loc_join(LOC(@1), LOC(@2));
    }
  | WAS RESERVED UNTIL NUMBER member     {
        /* ... and callers that ask for a version below NUMBER still must */
        $$ = $5;
        if ($$->was_reserved) duplicate_option(ctx, @1, "was reserved");
        $$->was_reserved = true;
        $$->was_loc = loc_join(LOC(@1), LOC(@2));
        $$->has_reserved_until = true;
        $$->reserved_until = $4;
        $$->reserved_until_loc = LOC(@4);
    }
  | C11 member                          {
        /* `c11`: the alias union is a plain anonymous union, there for every
         * compiler (C11, C++), as Xen spells Arm's spsr_el1/spsr_svc */
        $$ = $2;
        if ($$->c11_union) duplicate_option(ctx, @1, "c11");
        $$->c11_union = true;
        $$->c11_loc = LOC(@1);
    }
  | cond_opt type_spec declarator ':' IDENT TRUNCATE aliases doc_opt ';' {
        $$ = NEW(struct member);
        $$->kind = MEMBER_DATA;
        $$->cond = $1;
        $$->type = $2;
        member_set_decl(ctx, $$, &$3);
        $$->reg = mkname(ctx, $5, @5);
        $$->truncate = true;
        $$->truncate_loc = LOC(@6);
        TAKE($7, struct alias, $$->aliases, $$->naliases);
        $$->doc = $8;
        $$->loc = LOC(@3);
    }
  | cond_opt type_spec declarator ':' IDENT aliases doc_opt ';' {
        $$ = NEW(struct member);
        $$->kind = MEMBER_DATA;
        $$->cond = $1;
        $$->type = $2;
        member_set_decl(ctx, $$, &$3);
        $$->reg = mkname(ctx, $5, @5);
        TAKE($6, struct alias, $$->aliases, $$->naliases);
        $$->doc = $7;
        $$->loc = LOC(@3);
    }
  | cond_opt type_spec declarator ':' reg_select aliases doc_opt ';' {
        $$ = NEW(struct member);
        $$->kind = MEMBER_DATA;
        $$->cond = $1;
        $$->type = $2;
        member_set_decl(ctx, $$, &$3);
        $$->select = $5.sel;
        $$->truncate = $5.truncate;
        $$->truncate_loc = $5.truncate_loc;
        TAKE($6, struct alias, $$->aliases, $$->naliases);
        $$->doc = $7;
        $$->loc = LOC(@3);
    }
  | cond_opt type_spec declarator aliases doc_opt ';' {
        $$ = NEW(struct member);
        $$->kind = MEMBER_DATA;
        $$->cond = $1;
        $$->type = $2;
        member_set_decl(ctx, $$, &$3);
        TAKE($4, struct alias, $$->aliases, $$->naliases);
        $$->doc = $5;
        $$->loc = LOC(@3);
    }
  | cond_opt PAD type_spec declarator doc_opt ';' {
        $$ = NEW(struct member);
        $$->kind = MEMBER_PAD;
        $$->cond = $1;
        $$->type = $3;
        member_set_decl(ctx, $$, &$4);
        $$->doc = $5;
        $$->loc = LOC(@4);
    }
  | cond_opt RESERVED type_spec declarator doc_opt ';' {
        $$ = NEW(struct member);
        $$->kind = MEMBER_RESERVED;
        $$->cond = $1;
        $$->type = $3;
        member_set_decl(ctx, $$, &$4);
        $$->doc = $5;
        $$->loc = LOC(@4);
    }
  | cond_opt agg_kw select_opt '{' members '}' declarator_opt doc_opt ';' {
        struct aggregate *a = NEW(struct aggregate);
        a->kind = (enum agg_kind)$2;
        a->loc = LOC(@2);
        a->select = $3.name;
        a->select_type = $3.type;
        agg_set_members(a, &$5);
        $$ = NEW(struct member);
        $$->kind = MEMBER_AGG;
        $$->cond = $1;
        $$->type.kind = TR_INLINE;
        $$->type.inline_agg = a;
        $$->type.loc = LOC(@2);
        member_set_decl(ctx, $$, &$7);
        $$->doc = $8;
        $$->loc = $7.name.text ? $7.name.loc : LOC(@2);
    }
  | broken_nested declarator_opt doc_opt ';' {
        /* keep a placeholder so that the enclosing struct is not misread */
        $$ = $1;
        member_set_decl(ctx, $$, &$2);
    }
    ;

/* `select [4] { 0: SPSR_EL2, 1: SPSR_EL2_AARCH32 }`: the register a slot
 * holds, chosen by bits of its value; `truncate` as after one register. */
reg_select:
    SELECT '[' bits ']' '{' reg_alt_items '}' {
        memset(&$$, 0, sizeof($$));
        $$.sel = NEW(struct reg_select);
        $$.sel->msb = $3.msb > 4095 ? 4095 : (unsigned)$3.msb;
        $$.sel->lsb = $3.lsb > 4095 ? 4095 : (unsigned)$3.lsb;
        $$.sel->msb_written = $3.msb;
        $$.sel->lsb_written = $3.lsb;
        $$.sel->bits_loc = $3.loc;
        $$.sel->loc = LOC(@1);
        TAKE($6, struct reg_alt, $$.sel->alts, $$.sel->nalts);
    }
  | reg_select TRUNCATE                 {
        $$ = $1;
        if ($$.truncate) duplicate_option(ctx, @2, "truncate");
        $$.truncate = true;
        $$.truncate_loc = LOC(@2);
    }
    ;

reg_alts:
    reg_alt                             { memset(&$$, 0, sizeof($$)); avec_push(ctx->arena, &$$, $1); }
  | reg_alts ',' reg_alt                { $$ = $1; avec_push(ctx->arena, &$$, $3); }
    ;

reg_alt_items:
    reg_alts
  | reg_alts ','
    ;

reg_alt:
    NUMBER ':' IDENT                    {
        $$ = NEW(struct reg_alt);
        $$->value = $1;
        $$->value_loc = LOC(@1);
        $$->reg = mkname(ctx, $3, @3);
    }
    ;

/* A nested block that went wrong, closed at its '}'. Reduced right there,
 * so that the parser reports the next mistake instead of swallowing it. */
broken_nested:
    cond_opt agg_kw select_opt '{' members error '}' {
        struct aggregate *a = NEW(struct aggregate);
        a->kind = (enum agg_kind)$2;
        a->loc = LOC(@2);
        a->bad = true;
        $$ = NEW(struct member);
        $$->kind = MEMBER_AGG;
        $$->cond = $1;
        $$->type.kind = TR_INLINE;
        $$->type.inline_agg = a;
        $$->type.loc = LOC(@2);
        $$->loc = LOC(@2);
        yyerrok;
    }
    ;

type_spec:
    type_base
  | ALIGNED '(' NUMBER ')' type_base    {
        $$ = $5;
        $$.aligned = $3 > UINT32_MAX ? UINT32_MAX : ($3 ? (uint32_t)$3 : UINT32_MAX);
        $$.aligned_loc = LOC(@3);
        $$.loc = loc_join(LOC(@1), $5.loc);
    }
    ;

type_base:
    IDENT                               {
        memset(&$$, 0, sizeof($$));
        $$.kind = TR_NAME;
        $$.name = mkname(ctx, $1, @1);
        $$.loc = LOC(@1);
    }
  | agg_kw IDENT                        {
        /* C habit: `struct foo member;` names the same type as `foo member;` */
        memset(&$$, 0, sizeof($$));
        $$.kind = TR_NAME;
        $$.name = mkname(ctx, $2, @2);
        $$.loc = LOC(@$);
        $$.tag = $1 == AGG_STRUCT ? TAG_STRUCT : TAG_UNION;
    }
  | HANDLE '(' IDENT ')'                {
        memset(&$$, 0, sizeof($$));
        $$.kind = TR_HANDLE;
        $$.name = mkname(ctx, $3, @3);
        $$.loc = LOC(@$);
    }
  | HANDLE64 '(' IDENT ')'              {
        memset(&$$, 0, sizeof($$));
        $$.kind = TR_HANDLE64;
        $$.name = mkname(ctx, $3, @3);
        $$.loc = LOC(@$);
    }
    ;

declarator:
    member_name dims                    { $$.name = $1; $$.dims = $2; }
    ;

declarator_opt:
    %empty                              { memset(&$$, 0, sizeof($$)); }
  | declarator
    ;

dims:
    %empty                              { memset(&$$, 0, sizeof($$)); }
  | dims '[' NUMBER ']'                 {
        $$ = $1;
        uint64_t *v = NEW(uint64_t);
        *v = $3;
        struct loc *l = NEW(struct loc);
        *l = LOC(@3);
        avec_push(ctx->arena, &$$.values, v);
        avec_push(ctx->arena, &$$.locs, l);
    }
    ;

/* Member names may be words the language reserves elsewhere: Xen's
 * structs have members called flags, size, type and version. */
member_name:
    IDENT                               { $$ = mkname(ctx, $1, @1); }
  | TYPE { $$ = mkname(ctx, "type", @1); } | SIZE { $$ = mkname(ctx, "size", @1); }
  | ALIGN { $$ = mkname(ctx, "align", @1); } | FLAGS { $$ = mkname(ctx, "flags", @1); }
  | VERSION { $$ = mkname(ctx, "version", @1); } | RESET { $$ = mkname(ctx, "reset", @1); }
  | ENUM { $$ = mkname(ctx, "enum", @1); } | REST { $$ = mkname(ctx, "rest", @1); }
  | RESERVED { $$ = mkname(ctx, "reserved", @1); } | PAD { $$ = mkname(ctx, "pad", @1); }
  | FEATURE { $$ = mkname(ctx, "feature", @1); } | INTERFACE { $$ = mkname(ctx, "interface", @1); }
  | REGISTER { $$ = mkname(ctx, "register", @1); } | ARCH { $$ = mkname(ctx, "arch", @1); }
  | ABI { $$ = mkname(ctx, "abi", @1); } | ENDIAN { $$ = mkname(ctx, "endian", @1); }
  | LITTLE { $$ = mkname(ctx, "little", @1); } | BIG { $$ = mkname(ctx, "big", @1); }
  | PREDICATE { $$ = mkname(ctx, "predicate", @1); } | GUEST { $$ = mkname(ctx, "guest", @1); }
  | TOOLS { $$ = mkname(ctx, "tools", @1); } | XEN { $$ = mkname(ctx, "xen", @1); }
  | SINCE { $$ = mkname(ctx, "since", @1); } | UNTIL { $$ = mkname(ctx, "until", @1); }
  | ONLY { $$ = mkname(ctx, "only", @1); } | HANDLE { $$ = mkname(ctx, "handle", @1); }
  | HANDLE64 { $$ = mkname(ctx, "handle64", @1); } | TRUNCATE { $$ = mkname(ctx, "truncate", @1); }
  | C11 { $$ = mkname(ctx, "c11", @1); }
  | RES0 { $$ = mkname(ctx, "res0", @1); } | RES1 { $$ = mkname(ctx, "res1", @1); }
  | RAZ { $$ = mkname(ctx, "raz", @1); } | UNKNOWN { $$ = mkname(ctx, "unknown", @1); }
  | REQUIRES { $$ = mkname(ctx, "requires", @1); } | IF { $$ = mkname(ctx, "if", @1); }
  | ELSE { $$ = mkname(ctx, "else", @1); } | INCLUDE { $$ = mkname(ctx, "include", @1); }
  | LIKE { $$ = mkname(ctx, "like", @1); } | HEADER { $$ = mkname(ctx, "header", @1); }
  | COMPAT { $$ = mkname(ctx, "compat", @1); } | FOR { $$ = mkname(ctx, "for", @1); }
  | OLD { $$ = mkname(ctx, "old", @1); } | SELECT { $$ = mkname(ctx, "select", @1); }
  | RETIRE { $$ = mkname(ctx, "retire", @1); }
  | STABLE { $$ = mkname(ctx, "stable", @1); } | WAS { $$ = mkname(ctx, "was", @1); }
  | TYPEDEF { $$ = mkname(ctx, "typedef", @1); } | CONST { $$ = mkname(ctx, "const", @1); }
  | VERBATIM { $$ = mkname(ctx, "verbatim", @1); } | SAME_LAYOUT { $$ = mkname(ctx, "same_layout", @1); }
  | ALIGNED { $$ = mkname(ctx, "aligned", @1); }
    ;

aliases:
    %empty                              { memset(&$$, 0, sizeof($$)); }
  | aliases '|' alias                   { $$ = $1; avec_push(ctx->arena, &$$, $3); }
    ;

alias:
    type_spec member_name cond_opt      {
        $$ = NEW(struct alias);
        $$->type = $1;
        $$->name = $2;
        $$->cond = $3;
        $$->loc = $2.loc;
    }
  | type_spec member_name '@' NUMBER cond_opt {
        $$ = NEW(struct alias);
        $$->type = $1;
        $$->name = $2;
        $$->has_offset = true;
        $$->offset = $4;
        $$->offset_loc = LOC(@4);
        $$->cond = $5;
        $$->loc = $2.loc;
    }
    ;

/* ---- typedefs, constants, flags, verbatim --------------------------- */

typedef_decl:
    TYPEDEF type_spec IDENT vis_opt cond_opt handle_opt doc_opt ';' {
        struct typedef_decl *t = NEW(struct typedef_decl);
        t->type = $2;
        t->name = mkname(ctx, $3, @3);
        t->loc = LOC(@3);
        t->vis = $4;
        t->cond = $5;
        t->guest_handle = $6;
        t->doc = $7;
        $$ = mkitem(ctx, ITEM_TYPEDEF);
        $$->u.td = t;
    }
    ;

handle_opt:
    %empty                              { $$ = 0; }
  | HANDLE                              { $$ = 1; }
    ;

const_type_opt:
    %empty                              { memset(&$$, 0, sizeof($$)); }
  | ':' IDENT                           { $$ = mkname(ctx, $2, @2); }
    ;

const_decl:
    CONST IDENT const_type_opt vis_opt cond_opt '=' expr doc_opt ';' {
        struct const_decl *c = NEW(struct const_decl);
        c->name = mkname(ctx, $2, @2);
        c->loc = LOC(@2);
        c->type_name = $3;
        c->vis = $4;
        c->cond = $5;
        c->expr = $7.e;
        c->doc = $8;
        $$ = mkitem(ctx, ITEM_CONST);
        $$->u.cst = c;
    }
    ;

expr:
    NUMBER                              { $$ = mkleaf(ctx, EX_INT, @$); $$.e->value = $1; }
  | IDENT                               { $$ = mkleaf(ctx, EX_NAME, @$); $$.e->path[0] = mkname(ctx, $1, @1); }
  | IDENT '.' IDENT '.' IDENT           {
        $$ = mkleaf(ctx, EX_ENUM_REF, @$);
        $$.e->path[0] = mkname(ctx, $1, @1);
        $$.e->path[1] = mkname(ctx, $3, @3);
        $$.e->path[2] = mkname(ctx, $5, @5);
    }
  | '(' expr ')'                        { $$ = $2; $$.e->loc = LOC(@$); }
  | '-' expr %prec UNARY                { $$ = mkexpr(ctx, EX_NEG, &$2, NULL, @$, @1); }
  | '~' expr %prec UNARY                { $$ = mkexpr(ctx, EX_NOT, &$2, NULL, @$, @1); }
  | '!' expr %prec UNARY                { $$ = mkexpr(ctx, EX_LNOT, &$2, NULL, @$, @1); }
  | expr '*' expr                       { $$ = mkexpr(ctx, EX_MUL, &$1, &$3, @$, @2); }
  | expr '/' expr                       { $$ = mkexpr(ctx, EX_DIV, &$1, &$3, @$, @2); }
  | expr '%' expr                       { $$ = mkexpr(ctx, EX_MOD, &$1, &$3, @$, @2); }
  | expr '+' expr                       { $$ = mkexpr(ctx, EX_ADD, &$1, &$3, @$, @2); }
  | expr '-' expr                       { $$ = mkexpr(ctx, EX_SUB, &$1, &$3, @$, @2); }
  | expr SHL expr                       { $$ = mkexpr(ctx, EX_SHL, &$1, &$3, @$, @2); }
  | expr SHR expr                       { $$ = mkexpr(ctx, EX_SHR, &$1, &$3, @$, @2); }
  | expr '&' expr                       { $$ = mkexpr(ctx, EX_AND, &$1, &$3, @$, @2); }
  | expr '^' expr                       { $$ = mkexpr(ctx, EX_XOR, &$1, &$3, @$, @2); }
  | expr '|' expr                       { $$ = mkexpr(ctx, EX_OR, &$1, &$3, @$, @2); }
    ;

flags_decl:
    FLAGS IDENT const_type_opt vis_opt cond_opt doc_opt '{' flag_items '}' {
        struct flagset *fs = NEW(struct flagset);
        fs->name = mkname(ctx, $2, @2);
        fs->loc = LOC(@2);
        fs->type_name = $3;
        fs->vis = $4;
        fs->cond = $5;
        fs->doc = $6;
        TAKE($8, struct flag, fs->flags, fs->nflags);
        $$ = mkitem(ctx, ITEM_FLAGS);
        $$->u.flags = fs;
    }
  | FLAGS IDENT const_type_opt vis_opt cond_opt doc_opt '{' flag_items error '}' { $$ = NULL; yyerrok; }
    ;

flag_items:
    %empty                              { memset(&$$, 0, sizeof($$)); }
  | flag_items IDENT NUMBER doc_opt ';' {
        $$ = $1;
        struct flag *f = NEW(struct flag);
        f->name = mkname(ctx, $2, @2);
        f->loc = LOC(@2);
        f->bit = $3;
        f->bit_loc = LOC(@3);
        f->doc = $4;
        avec_push(ctx->arena, &$$, f);
    }
  | flag_items error ';'                { $$ = $1; }
    ;

verbatim_decl:
    VERBATIM vis_opt cond_opt STRING ';' {
        struct verbatim *v = NEW(struct verbatim);
        v->vis = $2;
        v->cond = $3;
        v->text = $4;
        v->loc = LOC(@1);
        v->text_loc = LOC(@4);
        $$ = mkitem(ctx, ITEM_VERBATIM);
        $$->u.verbatim = v;
    }
    ;

%%

static int lex_tracked(REGC_YYSTYPE *lval, REGC_YYLTYPE *lloc, void *scanner)
{
    struct parse_ctx *ctx = regc_yyget_extra(scanner);
    ctx->prev_line = ctx->cur_line;
    ctx->prev_col = ctx->cur_col;
    ctx->prev_token = ctx->cur_token;
    /* Past -fmax-errors the input ends here: recovery would only find
     * more errors that nobody will read. */
    if (ctx->diags->stopped)
        return 0;
    int tok = regc_yylex(lval, lloc, scanner);
    ctx->cur_line = (uint32_t)lloc->last_line;
    ctx->cur_col = (uint32_t)lloc->last_column;
    ctx->cur_token = tok;
    return tok;
}

static struct name mkname(struct parse_ctx *ctx, char *text, REGC_YYLTYPE yl)
{
    struct name n = {text, LOC(yl)};
    return n;
}

static struct item *mkitem(struct parse_ctx *ctx, enum item_kind kind)
{
    struct item *it = NEW(struct item);
    it->kind = kind;
    return it;
}

static void **avec_take(struct avec *v, size_t *n)
{
    *n = v->len;
    return v->items;
}

/* The depth of a tree is the number of operators on its deepest path. */
static struct p_expr mkleaf(struct parse_ctx *ctx, enum expr_op op, REGC_YYLTYPE yl)
{
    struct p_expr x = {NEW(struct expr), 0};
    x.e->op = op;
    x.e->loc = LOC(yl);
    return x;
}

/*
 * A left-deep chain (1 + 1 + ... + 1) is as deep as a nested one, and
 * takes no brackets, so the depth of the tree is bounded here, where it
 * is built. A tree over the limit is reported once, at the operator that
 * crossed it, and replaced by a leaf that stays over the limit: the
 * operators around it add nothing, so the model keeps no deep tree.
 */
static struct p_expr mkexpr(struct parse_ctx *ctx, enum expr_op op, const struct p_expr *l,
                            const struct p_expr *r, REGC_YYLTYPE yl, REGC_YYLTYPE op_loc)
{
    if (l->depth > REGC_MAX_EXPR_DEPTH)
        return *l;
    if (r && r->depth > REGC_MAX_EXPR_DEPTH)
        return *r;
    unsigned depth = 1 + (r && r->depth > l->depth ? r->depth : l->depth);
    if (depth > REGC_MAX_EXPR_DEPTH) {
        struct diag *d = diag_report(ctx->diags, DIAG_NESTING_TOO_DEEP, LOC(op_loc),
                                     "expression nested more than %d operators deep",
                                     REGC_MAX_EXPR_DEPTH);
        diag_note(d, LOC(yl), "the expression starts here; split it into named constants");
        struct p_expr x = mkleaf(ctx, EX_INT, yl);
        x.depth = depth;
        return x;
    }
    struct p_expr x = mkleaf(ctx, op, yl);
    x.e->lhs = l->e;
    x.e->rhs = r ? r->e : NULL;
    x.depth = depth;
    return x;
}

static char *join_doc(struct parse_ctx *ctx, const struct avec *pieces)
{
    if (pieces->len == 1)
        return pieces->items[0];
    size_t total = 0;
    for (size_t i = 0; i < pieces->len; i++)
        total += strlen(pieces->items[i]);
    char *text = arena_alloc(ctx->arena, total + 1);
    size_t at = 0;
    for (size_t i = 0; i < pieces->len; i++) {
        size_t n = strlen(pieces->items[i]);
        memcpy(text + at, pieces->items[i], n);
        at += n;
    }
    text[at] = '\0';
    return text;
}

static void member_set_decl(struct parse_ctx *ctx, struct member *m, struct p_decl *d)
{
    m->name = d->name;
    m->ndims = d->dims.values.len;
    m->dims = ARENA_ARRAY(ctx->arena, uint64_t, m->ndims);
    m->dim_locs = ARENA_ARRAY(ctx->arena, struct loc, m->ndims);
    for (size_t i = 0; i < m->ndims; i++) {
        m->dims[i] = *(uint64_t *)d->dims.values.items[i];
        m->dim_locs[i] = *(struct loc *)d->dims.locs.items[i];
    }
}

static void agg_set_members(struct aggregate *agg, struct avec *members)
{
    agg->members = (struct member **)members->items;
    agg->nmembers = members->len;
    for (size_t i = 0; i < agg->nmembers; i++) {
        struct member *m = agg->members[i];
        m->parent = agg;
        if (m->kind == MEMBER_AGG && m->type.inline_agg)
            m->type.inline_agg->enclosing = agg;
    }
}

static void duplicate_option(struct parse_ctx *ctx, REGC_YYLTYPE yl, const char *what)
{
    diag_report(ctx->diags, DIAG_SYNTAX, LOC(yl), "'%s' is given twice", what);
}

/* Gives each item of a `guest { }` / `tools(x) { }` block the block's
 * visibility, unless it says otherwise itself. */
static void apply_block_visibility(struct parse_ctx *ctx, struct avec *items,
                                   const struct visibility *vis)
{
    (void)ctx;
    for (size_t i = 0; i < items->len; i++) {
        struct item *it = items->items[i];
        struct visibility *v = NULL;
        switch (it->kind) {
        case ITEM_REGISTER: v = &it->u.reg->vis; break;
        case ITEM_AGGREGATE: v = &it->u.agg->vis; break;
        case ITEM_TYPEDEF: v = &it->u.td->vis; break;
        case ITEM_CONST: v = &it->u.cst->vis; break;
        case ITEM_FLAGS: v = &it->u.flags->vis; break;
        case ITEM_VERBATIM: v = &it->u.verbatim->vis; break;
        default: break;
        }
        if (v && v->kind == VIS_UNSET)
            *v = *vis;
    }
}

/*
 * Bison's detailed messages name the token kind; adding the token's text
 * and a hint for the commonest slips makes them worth reading.
 */
static void regc_yyerror(REGC_YYLTYPE *lloc, struct parse_ctx *ctx, void *scanner, const char *msg)
{
    (void)scanner;
    if (ctx->aborted)
        return;
    struct loc loc = LOC(*lloc);
    if (strstr(msg, "unexpected end of file") && ctx->nopen) {
        const struct loc *open = &ctx->open_braces[ctx->nopen - 1];
        struct diag *d = diag_report(ctx->diags, DIAG_SYNTAX, loc, "unexpected end of file");
        diag_note(d, *open, "the '{' on line %u is not closed", open->line);
        return;
    }
    if (strcmp(msg, "memory exhausted") == 0) {
        diag_report(ctx->diags, DIAG_NESTING_TOO_DEEP, loc,
                    "expression nested too deeply for the parser");
        return;
    }
    const char *text = msg;
    if (strncmp(text, "syntax error, ", 14) == 0)
        text += 14;

    size_t len = 0;
    const char *line = source_line(ctx->src, loc.line, &len);
    size_t start = loc.col ? loc.col - 1 : 0;
    size_t end = loc.end_line == loc.line ? loc.end_col : start + 1;
    const char *tok = NULL;
    int toklen = 0;
    if (start < len && end <= len && end > start && end - start <= 40 &&
        strstr(text, "unexpected end of file") == NULL) {
        tok = line + start;
        toklen = (int)(end - start);
    }

    /* "unexpected identifier" says less than "unexpected identifier 'B'" */
    struct diag *d;
    const char *kinds[] = {"unexpected identifier", "unexpected number"};
    const char *kind = NULL;
    for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
        if (strncmp(text, kinds[i], strlen(kinds[i])) == 0)
            kind = kinds[i];
    if (tok && kind) {
        size_t k = strlen(kind);
        d = diag_report(ctx->diags, DIAG_SYNTAX, loc, "%s '%.*s'%s", kind, toklen, tok, text + k);
    } else {
        d = diag_report(ctx->diags, DIAG_SYNTAX, loc, "%s", text);
    }

    /* The commonest slip: a statement's ';' forgotten at the end of a line,
     * noticed only at the next line's first token. */
    bool prev_ends = ctx->prev_token == ';' || ctx->prev_token == '{' || ctx->prev_token == '}';
    if (ctx->prev_line && ctx->prev_line < loc.line && !prev_ends && ctx->prev_token != 0) {
        struct loc at = parse_loc(ctx, ctx->prev_line, ctx->prev_col, ctx->prev_line, ctx->prev_col);
        diag_note(d, at, "is a ';' missing at the end of line %u?", ctx->prev_line);
    } else if (ctx->cur_token == '}' && !prev_ends && ctx->prev_token != 0) {
        diag_note(d, loc, "is a ';' missing before the '}'?");
    } else if (tok && toklen == 1 && tok[0] == '=' && strstr(text, "expecting ':'"))
        diag_note(d, loc, "a register's width is written ': WIDTH', e.g. 'register SCTLR_EL1 : 64'");
}

bool parse_source(struct parse_ctx *ctx)
{
    void *scanner;
    if (regc_yylex_init_extra(ctx, &scanner) != 0)
        die_oom();
    ctx->line = 1;
    ctx->col = 1;
    ctx->off = ctx->nul_end = 0;
    unsigned errors_before = ctx->diags->errors;
    regc_yy_scan_bytes(ctx->src->text, (int)ctx->src->len, scanner);
    int rc = regc_yyparse(ctx, scanner);
    regc_yylex_destroy(scanner);
    buf_free(&ctx->strbuf);
    return rc == 0 && !ctx->aborted && ctx->diags->errors == errors_before;
}

size_t lex_source(struct parse_ctx *ctx, struct avec *tokens)
{
    void *scanner;
    if (regc_yylex_init_extra(ctx, &scanner) != 0)
        die_oom();
    ctx->line = 1;
    ctx->col = 1;
    ctx->off = ctx->nul_end = 0;
    regc_yy_scan_bytes(ctx->src->text, (int)ctx->src->len, scanner);
    for (;;) {
        REGC_YYSTYPE v;
        REGC_YYLTYPE l;
        memset(&v, 0, sizeof(v));
        int kind = regc_yylex(&v, &l, scanner);
        if (kind == REGC_YYEOF)
            break;
        struct lex_token *t = NEW(struct lex_token);
        t->kind = kind;
        t->loc = LOC(l);
        if (kind == IDENT || kind == STRING)
            t->text = v.str;
        else if (kind == NUMBER)
            t->num = v.num;
        avec_push(ctx->arena, tokens, t);
    }
    regc_yylex_destroy(scanner);
    buf_free(&ctx->strbuf);
    return tokens->len;
}
