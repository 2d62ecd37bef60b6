/* SPDX-License-Identifier: MIT */
/*
 * Inside the checks: the rows of the table (check.c) that the check_*.c
 * files define, one function per row named check_<id>, and what those
 * files share (check_walk.c). Nothing outside the checks includes this.
 */
#ifndef REGC_CHECK_ROWS_H
#define REGC_CHECK_ROWS_H

#include "check.h"

/* The rows, in table order. */
void check_arch_missing(struct check_ctx *cc);
void check_arch_duplicate(struct check_ctx *cc);
void check_header_name(struct check_ctx *cc);
void check_abi_missing_fact(struct check_ctx *cc);
void check_abi_missing_type(struct check_ctx *cc);
void check_abi_invalid_type(struct check_ctx *cc);
void check_name_reserved_c(struct check_ctx *cc);
void check_duplicate_name(struct check_ctx *cc);
void check_unresolved_name(struct check_ctx *cc);
void check_feature_undeclared(struct check_ctx *cc);
void check_feature_cycle(struct check_ctx *cc);
void check_feature_number_mixed(struct check_ctx *cc);
void check_feature_number_too_large(struct check_ctx *cc);
void check_feature_number_duplicate(struct check_ctx *cc);
void check_missing_visibility(struct check_ctx *cc);
void check_invalid_visibility(struct check_ctx *cc);
void check_invalid_condition(struct check_ctx *cc);
void check_register_width(struct check_ctx *cc);
void check_field_bits(struct check_ctx *cc);
void check_field_name_reserved_kind(struct check_ctx *cc);
void check_field_outside(struct check_ctx *cc);
void check_field_overlap(struct check_ctx *cc);
void check_field_uncovered(struct check_ctx *cc);
void check_reset_too_wide(struct check_ctx *cc);
void check_enum_too_wide(struct check_ctx *cc);
void check_enum_duplicate_value(struct check_ctx *cc);
void check_invalid_array(struct check_ctx *cc);
void check_alias_invalid(struct check_ctx *cc);
void check_was_reserved_invalid(struct check_ctx *cc);
void check_invalid_align(struct check_ctx *cc);
void check_recursive_type(struct check_ctx *cc);
void check_declaration_order(struct check_ctx *cc);
void check_visibility_leak(struct check_ctx *cc);
void check_register_slot_type(struct check_ctx *cc);
void check_register_slot_too_narrow(struct check_ctx *cc);
void check_register_slot_narrow(struct check_ctx *cc);
void check_truncate_unneeded(struct check_ctx *cc);
void check_register_select_mismatch(struct check_ctx *cc);
void check_const_cycle(struct check_ctx *cc);
void check_const_overflow(struct check_ctx *cc);
void check_flag_bit_range(struct check_ctx *cc);
void check_verbatim_layout(struct check_ctx *cc);
void check_verbatim_preprocessor(struct check_ctx *cc);
void check_abi_invalid_predicate(struct check_ctx *cc);
void check_handle_macro_missing(struct check_ctx *cc);
void check_handle_type_undeclared(struct check_ctx *cc);
void check_macro_collision(struct check_ctx *cc);
void check_macro_shadows_name(struct check_ctx *cc);
void check_macro_reserved(struct check_ctx *cc);
void check_alias_too_wide(struct check_ctx *cc);
void check_implicit_hole(struct check_ctx *cc);
void check_abi_layout_differs(struct check_ctx *cc);
void check_empty_aggregate(struct check_ctx *cc);
void check_view_padding(struct check_ctx *cc);
void check_type_too_large(struct check_ctx *cc);
void check_old_layout_invalid(struct check_ctx *cc);
void check_xlat_union_selector(struct check_ctx *cc);
void check_xlat_selector_invalid(struct check_ctx *cc);
void check_xlat_type_mismatch(struct check_ctx *cc);

/* check_structs.c: the alignment rules that need the layout, which the
 * alias-too-wide row runs (one id, one row). */
void report_align_layout(struct check_ctx *cc);

/* ---- check_walk.c ------------------------------------------------------- */

const char *agg_kind_name(const struct aggregate *a);
const char *field_bits_text(struct arena *a, const struct field *f);
const char *field_label(struct arena *a, const struct field *f);
uint64_t field_max_value(const struct field *f);
uint64_t scalar_size(const struct spec *spec, const struct type_ref *t, unsigned abi,
                     enum base_type *base);
const char *abi_list_text(struct check_ctx *cc, uint64_t mask);
bool is_pow2(uint64_t v);

typedef void (*aggregate_visit_fn)(struct check_ctx *cc, struct aggregate *a);
void visit_aggregates(struct check_ctx *cc, aggregate_visit_fn fn);
typedef void (*member_visit_fn)(struct check_ctx *cc, struct aggregate *top, struct member *m,
                                uint64_t abis);
void visit_members(struct check_ctx *cc, struct aggregate *top, struct aggregate *agg,
                   uint64_t abis, member_visit_fn fn);
void visit_all_members(struct check_ctx *cc, member_visit_fn fn);
void visit_register_members(struct check_ctx *cc, member_visit_fn fn);

/* Each register with fields of its own (not `like`), and each of its
 * fields, that no prerequisite of the row failed on. */
typedef void (*register_visit_fn)(struct check_ctx *cc, struct reg *r);
typedef void (*field_visit_fn)(struct check_ctx *cc, struct reg *r, struct field *f);
void visit_own_registers(struct check_ctx *cc, register_visit_fn fn);
void visit_own_fields(struct check_ctx *cc, field_visit_fn fn);

#endif
