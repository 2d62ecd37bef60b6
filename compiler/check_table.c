/* SPDX-License-Identifier: MIT */
/*
 * The table of checks, in the order they run: each row is a diagnostic
 * id, the function named check_<id> that reports it, its stage, and the
 * rows whose failures it skips. Also the ids that no row reports.
 */
#include "check_rows.h"

/* ---- the table ------------------------------------------------------ */

#define P(...) {__VA_ARGS__}
#define NONE {DIAG_COUNT, DIAG_COUNT, DIAG_COUNT, DIAG_COUNT}
#define PRE1(a) {DIAG_##a, DIAG_COUNT, DIAG_COUNT, DIAG_COUNT}
#define PRE2(a, b) {DIAG_##a, DIAG_##b, DIAG_COUNT, DIAG_COUNT}
#define PRE3(a, b, c) {DIAG_##a, DIAG_##b, DIAG_##c, DIAG_COUNT}

static const struct check check_table[] = {
    {DIAG_ARCH_MISSING, check_arch_missing, STAGE_MODEL, NONE},
    {DIAG_ARCH_DUPLICATE, check_arch_duplicate, STAGE_MODEL, PRE1(ARCH_MISSING)},
    {DIAG_HEADER_NAME, check_header_name, STAGE_MODEL, PRE1(ARCH_MISSING)},
    {DIAG_ABI_MISSING_FACT, check_abi_missing_fact, STAGE_MODEL, PRE1(ARCH_MISSING)},
    {DIAG_ABI_MISSING_TYPE, check_abi_missing_type, STAGE_MODEL, PRE1(ARCH_MISSING)},
    {DIAG_ABI_INVALID_TYPE, check_abi_invalid_type, STAGE_MODEL, PRE1(ARCH_MISSING)},
    {DIAG_NAME_RESERVED_C, check_name_reserved_c, STAGE_MODEL, NONE},
    {DIAG_DUPLICATE_NAME, check_duplicate_name, STAGE_MODEL, NONE},
    {DIAG_UNRESOLVED_NAME, check_unresolved_name, STAGE_MODEL, PRE1(DUPLICATE_NAME)},
    {DIAG_FEATURE_UNDECLARED, check_feature_undeclared, STAGE_MODEL, NONE},
    {DIAG_FEATURE_CYCLE, check_feature_cycle, STAGE_MODEL, PRE1(FEATURE_UNDECLARED)},
    {DIAG_FEATURE_NUMBER_MIXED, check_feature_number_mixed, STAGE_MODEL, NONE},
    {DIAG_FEATURE_NUMBER_TOO_LARGE, check_feature_number_too_large, STAGE_MODEL, NONE},
    {DIAG_FEATURE_NUMBER_DUPLICATE, check_feature_number_duplicate, STAGE_MODEL, PRE1(FEATURE_NUMBER_TOO_LARGE)},
    {DIAG_MISSING_VISIBILITY, check_missing_visibility, STAGE_MODEL, NONE},
    {DIAG_INVALID_VISIBILITY, check_invalid_visibility, STAGE_MODEL, NONE},
    {DIAG_INVALID_CONDITION, check_invalid_condition, STAGE_MODEL, PRE1(UNRESOLVED_NAME)},
    {DIAG_REGISTER_WIDTH, check_register_width, STAGE_MODEL, NONE},
    {DIAG_FIELD_BITS, check_field_bits, STAGE_MODEL, PRE1(REGISTER_WIDTH)},
    {DIAG_FIELD_NAME_RESERVED_KIND, check_field_name_reserved_kind, STAGE_MODEL, NONE},
    /* field-bits and field-outside mark single fields, so the checks after
     * them still look at a register's other fields */
    {DIAG_FIELD_OUTSIDE, check_field_outside, STAGE_MODEL, PRE1(REGISTER_WIDTH)},
    {DIAG_FIELD_OVERLAP, check_field_overlap, STAGE_MODEL, PRE2(REGISTER_WIDTH, DUPLICATE_NAME)},
    {DIAG_FIELD_UNCOVERED, check_field_uncovered, STAGE_MODEL, PRE3(FIELD_OVERLAP, FIELD_OUTSIDE, FIELD_BITS)},
    {DIAG_RESET_TOO_WIDE, check_reset_too_wide, STAGE_MODEL, NONE},
    {DIAG_ENUM_TOO_WIDE, check_enum_too_wide, STAGE_MODEL, NONE},
    {DIAG_ENUM_DUPLICATE_VALUE, check_enum_duplicate_value, STAGE_MODEL, NONE},
    {DIAG_INVALID_ARRAY, check_invalid_array, STAGE_MODEL, NONE},
    {DIAG_ALIAS_INVALID, check_alias_invalid, STAGE_MODEL, NONE},
    {DIAG_WAS_RESERVED_INVALID, check_was_reserved_invalid, STAGE_MODEL, PRE2(UNRESOLVED_NAME, INVALID_VISIBILITY)},
    {DIAG_INVALID_ALIGN, check_invalid_align, STAGE_MODEL, NONE},
    {DIAG_RECURSIVE_TYPE, check_recursive_type, STAGE_MODEL, PRE1(UNRESOLVED_NAME)},
    {DIAG_DECLARATION_ORDER, check_declaration_order, STAGE_MODEL, PRE2(UNRESOLVED_NAME, RECURSIVE_TYPE)},
    {DIAG_VISIBILITY_LEAK, check_visibility_leak, STAGE_MODEL, PRE2(UNRESOLVED_NAME, MISSING_VISIBILITY)},
    {DIAG_REGISTER_SLOT_TYPE, check_register_slot_type, STAGE_MODEL,
     PRE3(UNRESOLVED_NAME, ABI_MISSING_TYPE, ARCH_MISSING)},
    {DIAG_REGISTER_SLOT_TOO_NARROW, check_register_slot_too_narrow, STAGE_MODEL,
     PRE2(REGISTER_SLOT_TYPE, FIELD_UNCOVERED)},
    {DIAG_REGISTER_SLOT_NARROW, check_register_slot_narrow, STAGE_MODEL,
     PRE2(REGISTER_SLOT_TYPE, FIELD_UNCOVERED)},
    {DIAG_TRUNCATE_UNNEEDED, check_truncate_unneeded, STAGE_MODEL, PRE2(REGISTER_SLOT_TYPE, FIELD_UNCOVERED)},
    {DIAG_REGISTER_SELECT_MISMATCH, check_register_select_mismatch, STAGE_MODEL,
     PRE2(REGISTER_SLOT_TYPE, FIELD_UNCOVERED)},
    {DIAG_CONST_CYCLE, check_const_cycle, STAGE_MODEL, PRE2(UNRESOLVED_NAME, DUPLICATE_NAME)},
    {DIAG_CONST_OVERFLOW, check_const_overflow, STAGE_MODEL, PRE2(CONST_CYCLE, ABI_MISSING_TYPE)},
    {DIAG_FLAG_BIT_RANGE, check_flag_bit_range, STAGE_MODEL, PRE2(UNRESOLVED_NAME, ABI_MISSING_TYPE)},
    {DIAG_VERBATIM_LAYOUT, check_verbatim_layout, STAGE_MODEL, NONE},
    {DIAG_VERBATIM_PREPROCESSOR, check_verbatim_preprocessor, STAGE_MODEL, NONE},
    {DIAG_ABI_INVALID_PREDICATE, check_abi_invalid_predicate, STAGE_MODEL, PRE1(ARCH_MISSING)},
    {DIAG_HANDLE_MACRO_MISSING, check_handle_macro_missing, STAGE_MODEL,
     PRE3(MISSING_VISIBILITY, INVALID_VISIBILITY, INVALID_CONDITION)},
    {DIAG_HANDLE_TYPE_UNDECLARED, check_handle_type_undeclared, STAGE_MODEL, PRE2(UNRESOLVED_NAME, HANDLE_MACRO_MISSING)},
    {DIAG_MACRO_COLLISION, check_macro_collision, STAGE_MODEL, PRE3(DUPLICATE_NAME, UNRESOLVED_NAME, FIELD_BITS)},
    {DIAG_MACRO_SHADOWS_NAME, check_macro_shadows_name, STAGE_MODEL, PRE2(DUPLICATE_NAME, MACRO_COLLISION)},
    {DIAG_MACRO_RESERVED, check_macro_reserved, STAGE_MODEL, PRE3(DUPLICATE_NAME, UNRESOLVED_NAME, FIELD_BITS)},
    /* after layout.c */
    {DIAG_ALIAS_TOO_WIDE, check_alias_too_wide, STAGE_LAYOUT, PRE3(UNRESOLVED_NAME, INVALID_ARRAY, ALIAS_INVALID)},
    {DIAG_IMPLICIT_HOLE, check_implicit_hole, STAGE_LAYOUT, PRE1(UNRESOLVED_NAME)},
    {DIAG_ABI_LAYOUT_DIFFERS, check_abi_layout_differs, STAGE_LAYOUT, PRE1(UNRESOLVED_NAME)},
    {DIAG_EMPTY_AGGREGATE, check_empty_aggregate, STAGE_LAYOUT, PRE1(UNRESOLVED_NAME)},
    {DIAG_VIEW_PADDING, check_view_padding, STAGE_LAYOUT, PRE2(UNRESOLVED_NAME, INVALID_CONDITION)},
    {DIAG_TYPE_TOO_LARGE, check_type_too_large, STAGE_LAYOUT, PRE2(UNRESOLVED_NAME, INVALID_ARRAY)},
    {DIAG_OLD_LAYOUT_INVALID, check_old_layout_invalid, STAGE_LAYOUT, PRE2(UNRESOLVED_NAME, INVALID_VISIBILITY)},
    {DIAG_XLAT_UNION_SELECTOR, check_xlat_union_selector, STAGE_LAYOUT, PRE2(OLD_LAYOUT_INVALID, INVALID_ARRAY)},
    {DIAG_XLAT_SELECTOR_INVALID, check_xlat_selector_invalid, STAGE_LAYOUT, PRE2(OLD_LAYOUT_INVALID, INVALID_ARRAY)},
    {DIAG_XLAT_TYPE_MISMATCH, check_xlat_type_mismatch, STAGE_LAYOUT, PRE2(OLD_LAYOUT_INVALID, INVALID_ARRAY)},
};

size_t check_count(void)
{
    /* a check's bit in the `failed` masks is 1 << its row, and bit 63
     * is LAYOUT_FAILED_BIT */
    _Static_assert(ARRAY_SIZE(check_table) <= 63, "failed masks hold 63 checks plus layout");
    return ARRAY_SIZE(check_table);
}

const struct check *check_at(size_t i)
{
    return i < ARRAY_SIZE(check_table) ? &check_table[i] : NULL;
}

/* Ids checks report besides their own, for problems they find on the
 * way; an error under one of them fails the declaration for the check. */
static const struct {
    enum diag_id check, id;
} check_also[] = {
    {DIAG_UNRESOLVED_NAME, DIAG_WRONG_KIND},           /* a name of the wrong kind */
    {DIAG_CONST_CYCLE, DIAG_CONST_DIVIDE_BY_ZERO},     /* found while evaluating */
    {DIAG_CONST_CYCLE, DIAG_CONST_OVERFLOW},           /* a shift by 64 or more */
    {DIAG_ALIAS_TOO_WIDE, DIAG_INVALID_ALIGN},         /* an alignment C would not lay out so */
    {DIAG_RECURSIVE_TYPE, DIAG_NESTING_TOO_DEEP},      /* structs held by value beyond the limit */
};

bool check_reports(const struct check *c, enum diag_id id)
{
    if (id == c->id)
        return true;
    for (size_t i = 0; i < ARRAY_SIZE(check_also); i++)
        if (check_also[i].check == c->id && check_also[i].id == id)
            return true;
    return false;
}

/* Who raises the ids no check reports. */
static const enum diag_id outside_ids[] = {
    /* the scanner */
    DIAG_INVALID_CHAR, DIAG_NUL_BYTE, DIAG_INVALID_UTF8, DIAG_UNTERMINATED_COMMENT,
    DIAG_UNTERMINATED_STRING, DIAG_INVALID_ESCAPE, DIAG_INVALID_NUMBER, DIAG_NUMBER_OVERFLOW,
    DIAG_NAME_TOO_LONG, DIAG_NESTING_TOO_DEEP,
    /* the parser (which also reports some ids of checks, such as duplicate-name) */
    DIAG_SYNTAX,
    /* the loader */
    DIAG_INCLUDE_NOT_FOUND, DIAG_INCLUDE_CYCLE, DIAG_INCLUDE_TOO_DEEP,
    /* the ABI lock (abi_lock_*.c) */
    DIAG_ABI_LOCK_INVALID, DIAG_ABI_GUEST_REMOVED, DIAG_ABI_GUEST_CHANGED, DIAG_ABI_GUEST_VISIBILITY,
    DIAG_ABI_TOOLS_UNBUMPED, DIAG_ABI_REGISTER_CHANGED, DIAG_ABI_HISTORY_CHANGED, DIAG_ABI_VERSION_LOWERED,
    DIAG_ABI_STABLE_CHANGED, DIAG_ABI_FEATURE_CHANGED, DIAG_ABI_CHANGE, DIAG_ABI_LOCK_STALE,
    /* files and templates */
    DIAG_IO, DIAG_TEMPLATE,
};

const enum diag_id *check_outside_ids(size_t *n)
{
    *n = ARRAY_SIZE(outside_ids);
    return outside_ids;
}
