/* SPDX-License-Identifier: MIT */
/*
 * View models: every fact a template needs, computed from the checked and
 * laid-out model and spelt as strings and lists (masks in hex, offsets, C
 * type names, guard conditions). Templates decide the text around them;
 * the C in them is spelt by cnames.c, except the few pieces
 * templates/README.md lists. One view file per output (view_regs.c,
 * view_layout_report.c, view_header.c, view_layout_check.c,
 * view_accessors.c, view_xlat.c); this one holds what they share.
 *
 * Lists that grow with the spec (registers, structs) are lazy: each item
 * is built when the template reaches it and dropped after.
 */
#ifndef REGC_VIEW_H
#define REGC_VIEW_H

#include "ast.h"
#include "mustache.h"

/* The name outputs are named after: "specs/arm.reg" gives "arm". */
const char *view_stem(struct arena *a, const char *path);

/* What follows the stem in the name of each per-spec output, so that the
 * checks can keep the arch's header from taking one of those names. */
enum view_stem_output {
    STEM_REGS, STEM_LAYOUT_REPORT, STEM_ACCESSORS_XEN, STEM_ACCESSORS_TOOLS, STEM_XLAT, STEM_OUTPUT_COUNT,
    STEM_NONE = STEM_OUTPUT_COUNT /* an output named otherwise */
};
extern const char *const view_stem_suffixes[STEM_OUTPUT_COUNT];

/* Names common to every output: arch, stem, guard prefix, ... */
void view_common(struct arena *a, struct mu_value *root, struct spec *spec);

/* The layout check of a public header: NAME.h gives NAME-layout.h. */
const char *view_layout_check_name(struct arena *a, const char *header);
/* The public header's name and include guard, and its layout check's
 * (header, guard, layout_check, layout_guard), for the two outputs that
 * name both. The spec's arch must name a header. */
void view_header_names(struct arena *a, struct mu_value *root, struct spec *spec);

/* Every view builder: adds to root what its output's template needs. */
typedef void view_fn(struct arena *a, struct mu_value *root, struct spec *spec);

/* Spelling helpers every view shares. */
const char *view_upper(struct arena *a, const char *s);
const char *view_lower(struct arena *a, const char *s);
/* Four spaces per level. */
const char *view_indent(struct arena *a, unsigned depth);
/* A member's array dimensions as C writes them: "[16]", or "". */
const char *view_dims(struct arena *a, const struct member *m);

/* The spaces that take s to column (at least one), to align #defines. */
const char *view_pad_to(struct arena *a, const char *s, unsigned column);
/* A doc string as a list of lines ({text}), comment-safe; empty without one. */
struct mu_value *view_doc_lines(struct arena *a, const char *doc);
/* Sets doc (one line), doc_lines and has_doc of m. */
void view_set_doc(struct arena *a, struct mu_value *m, const char *doc);
/* The register a member holds, "SPSR_EL2", or for a select each register
 * with its selector, "SPSR_EL2 if [4] = 0, SPSR_EL2_AARCH32 if [4] = 1";
 * NULL when it holds none. */
const char *view_member_registers(struct arena *a, const struct member *m);

/*
 * The structs and unions the public header names otherwise for the
 * hypervisor: a verbatim block of the xen view holding
 * "#define TAG OTHER", where TAG is a struct or union of the spec (x86's
 * "#define cpu_user_regs guest_user_regs", because Xen has a struct
 * cpu_user_regs of its own). A list of {name, xen_name}, in spec order.
 */
struct mu_value *view_xen_renames(struct arena *a, const struct spec *spec);
/* Adds them to root as xen_renames, and has_xen_renames. */
void view_xen_names(struct arena *a, struct mu_value *root, struct spec *spec);

/* Hex with the digits of the width: 0x0000001f for 32 bits. */
const char *view_hex(struct arena *a, uint64_t v, unsigned bits);

#endif
