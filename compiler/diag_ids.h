/* SPDX-License-Identifier: MIT */
/*
 * Every diagnostic regc can produce, with its stable id. The id is what
 * users see in brackets, what -W<id>/-Wno-<id> name, and what the bad-input
 * corpus asserts on, so an id is never renamed once it has shipped.
 *
 * X(enum_suffix, "id", default severity, "one-line summary")
 */
#ifndef REGC_DIAG_IDS_H
#define REGC_DIAG_IDS_H

#define REGC_DIAG_IDS(X) \
    /* reading input */ \
    X(IO, "io", ERROR, "a file could not be read or written") \
    X(INVALID_CHAR, "invalid-char", ERROR, "a byte that cannot start any token") \
    X(NUL_BYTE, "nul-byte", ERROR, "a NUL byte in a spec") \
    X(INVALID_UTF8, "invalid-utf8", ERROR, "a string or comment that is not UTF-8") \
    X(UNTERMINATED_COMMENT, "unterminated-comment", ERROR, "a /* comment without */") \
    X(UNTERMINATED_STRING, "unterminated-string", ERROR, "a string without its closing quote") \
    X(INVALID_ESCAPE, "invalid-escape", ERROR, "an unknown \\ escape in a string") \
    X(INVALID_NUMBER, "invalid-number", ERROR, "a malformed integer literal") \
    X(NUMBER_OVERFLOW, "number-overflow", ERROR, "an integer literal beyond 64 bits") \
    X(NAME_TOO_LONG, "name-too-long", ERROR, "an identifier longer than the limit") \
    X(NESTING_TOO_DEEP, "nesting-too-deep", ERROR, "braces nested beyond the limit") \
    X(SYNTAX, "syntax", ERROR, "input that does not follow the grammar") \
    /* includes */ \
    X(INCLUDE_NOT_FOUND, "include-not-found", ERROR, "an include that names no file in the search path") \
    X(INCLUDE_CYCLE, "include-cycle", ERROR, "a file that includes itself, directly or not") \
    X(INCLUDE_TOO_DEEP, "include-too-deep", ERROR, "includes nested beyond the limit") \
    /* declarations and names */ \
    X(ARCH_MISSING, "arch-missing", ERROR, "a spec that declares no arch") \
    X(ARCH_DUPLICATE, "arch-duplicate", ERROR, "a spec that declares two archs") \
    X(HEADER_NAME, "header-name", ERROR, "an arch 'header' that is not a plain file name") \
    X(NAME_RESERVED_C, "name-reserved-c", ERROR, "a name that C or C++ keeps for itself: a keyword, a reserved identifier, a library name") \
    X(DUPLICATE_NAME, "duplicate-name", ERROR, "a name declared twice in one namespace") \
    X(UNRESOLVED_NAME, "unresolved-name", ERROR, "a reference to a name that is not declared") \
    X(WRONG_KIND, "wrong-kind", ERROR, "a name used as something it is not") \
    X(ABI_MISSING_TYPE, "abi-missing-type", ERROR, "an ABI that does not give every base type") \
    X(ABI_INVALID_TYPE, "abi-invalid-type", ERROR, "a base type size or alignment that is not a power of two, or an integer type over 8 bytes") \
    X(ABI_MISSING_FACT, "abi-missing-fact", ERROR, "an ABI without its endianness or predicate") \
    X(MISSING_VISIBILITY, "missing-visibility", ERROR, "a declaration that does not say who may see it") \
    X(INVALID_VISIBILITY, "invalid-visibility", ERROR, "a visibility clause that does not make sense") \
    X(INVALID_CONDITION, "invalid-condition", ERROR, "an only(...) clause that names no view or ABI") \
    /* features */ \
    X(FEATURE_UNDECLARED, "feature-undeclared", ERROR, "a feature that is used but not declared") \
    X(FEATURE_CYCLE, "feature-cycle", ERROR, "features that require each other") \
    X(FEATURE_NUMBER_MIXED, "feature-number-mixed", ERROR, "a spec that numbers some features and not others") \
    X(FEATURE_NUMBER_DUPLICATE, "feature-number-duplicate", ERROR, "two features given the same number") \
    X(FEATURE_NUMBER_TOO_LARGE, "feature-number-too-large", ERROR, "a feature number above 1023") \
    /* registers */ \
    X(REGISTER_WIDTH, "register-width", ERROR, "a register width other than 8, 16, 32, 64 or 128") \
    X(FIELD_BITS, "field-bits", ERROR, "a bit range written msb below lsb") \
    X(FIELD_NAME_RESERVED_KIND, "field-name-reserved-kind", ERROR, "a field named like a reserved kind, e.g. RES0 or reso") \
    X(FIELD_OUTSIDE, "field-outside", ERROR, "a field beyond the register's width") \
    X(FIELD_OVERLAP, "field-overlap", ERROR, "two fields that claim the same bit") \
    X(FIELD_UNCOVERED, "field-uncovered", ERROR, "register bits that no field or reserved range accounts for") \
    X(RESET_TOO_WIDE, "reset-too-wide", ERROR, "a reset value wider than its field") \
    X(ENUM_TOO_WIDE, "enum-too-wide", ERROR, "an enum value wider than its field") \
    X(ENUM_DUPLICATE_VALUE, "enum-duplicate-value", ERROR, "two enum names for one value") \
    /* structures */ \
    X(INVALID_ARRAY, "invalid-array", ERROR, "an array of zero or absurdly many elements") \
    X(WAS_RESERVED_INVALID, "was-reserved-invalid", ERROR, "'was reserved' on a member that cannot have been padding, or with a version it cannot have") \
    X(INVALID_ALIGN, "invalid-align", ERROR, "an alignment that is not a power of two") \
    X(ALIAS_TOO_WIDE, "alias-too-wide", ERROR, "an alias that does not fit its storage slot") \
    X(ALIAS_INVALID, "alias-invalid", ERROR, "an alias on a member that cannot have one") \
    X(RECURSIVE_TYPE, "recursive-type", ERROR, "a struct that contains itself") \
    X(DECLARATION_ORDER, "declaration-order", ERROR, "a type used before it is declared, which C does not allow") \
    X(VISIBILITY_LEAK, "visibility-leak", ERROR, "a guest item that uses a tools-only or xen-only type") \
    X(REGISTER_SLOT_TOO_NARROW, "register-slot-too-narrow", ERROR, "a member too narrow for its register's defined bits") \
    X(REGISTER_SLOT_NARROW, "register-slot-narrow", WARNING, "a member narrower than its register, with only reserved bits beyond it") \
    X(TRUNCATE_UNNEEDED, "truncate-unneeded", WARNING, "'truncate' on a member as wide as its register") \
    X(REGISTER_SLOT_TYPE, "register-slot-type", ERROR, "a register held in a member that is not an unsigned integer") \
    X(REGISTER_SELECT_MISMATCH, "register-select-mismatch", ERROR, "a register select whose alternatives do not agree with its selector bits") \
    /* constants */ \
    X(CONST_OVERFLOW, "const-overflow", ERROR, "a constant that does not fit its type") \
    X(CONST_CYCLE, "const-cycle", ERROR, "constants defined in terms of each other") \
    X(CONST_DIVIDE_BY_ZERO, "const-divide-by-zero", ERROR, "a constant expression that divides by zero") \
    X(FLAG_BIT_RANGE, "flag-bit-range", ERROR, "a flag bit beyond its type") \
    X(VERBATIM_LAYOUT, "verbatim-layout", ERROR, "verbatim C that declares a struct, union or enum") \
    X(VERBATIM_PREPROCESSOR, "verbatim-preprocessor", ERROR, "verbatim C that reaches beyond its block: an unbalanced #if, an open comment or literal, a trailing splice, a trigraph, a // comment") \
    X(ABI_INVALID_PREDICATE, "abi-invalid-predicate", ERROR, "an ABI predicate that is not a one-line preprocessor constant expression") \
    X(HANDLE_MACRO_MISSING, "handle-macro-missing", ERROR, "a guest handle used where no earlier verbatim block defines its macro") \
    X(HANDLE_TYPE_UNDECLARED, "handle-type-undeclared", ERROR, "a handle(T) whose T is not a typedef that says 'handle'") \
    X(MACRO_COLLISION, "macro-collision", ERROR, "two declarations that would generate the same C macro") \
    X(MACRO_SHADOWS_NAME, "macro-shadows-name", ERROR, "a constant or flag whose macro has the name of a struct, member, typedef or enumerator of the headers") \
    X(MACRO_RESERVED, "macro-reserved", ERROR, "a generated macro that a --reserved-macros list names") \
    /* layout (computed per ABI) */ \
    X(IMPLICIT_HOLE, "implicit-hole", WARNING, "padding the compiler would insert silently") \
    X(ABI_LAYOUT_DIFFERS, "abi-layout-differs", ERROR, "a layout that differs between ABIs of a same_layout arch") \
    X(EMPTY_AGGREGATE, "empty-aggregate", WARNING, "a struct or union with no members") \
    X(VIEW_PADDING, "view-padding", ERROR, "only(tools) padding that guests would not get from the compiler") \
    X(TYPE_TOO_LARGE, "type-too-large", ERROR, "a struct or union larger than the largest object of an ABI") \
    /* translation (compat layouts and older versions) */ \
    X(OLD_LAYOUT_INVALID, "old-layout-invalid", ERROR, "an old(NAME, VERSION) layout that is not an older version of a tools struct") \
    X(XLAT_UNION_SELECTOR, "xlat-union-selector", ERROR, "a union whose translation needs a select(MEMBER) it does not have") \
    X(XLAT_SELECTOR_INVALID, "xlat-selector-invalid", ERROR, "a union selector, or an alternative's selector values, that translation cannot use") \
    X(XLAT_TYPE_MISMATCH, "xlat-type-mismatch", ERROR, "a member whose two layouts have types that cannot be translated") \
    /* ABI stability, against the lock */ \
    X(ABI_LOCK_INVALID, "abi-lock-invalid", ERROR, "an ABI lock file that regc cannot read") \
    X(ABI_GUEST_REMOVED, "abi-guest-removed", ERROR, "a guest item of the lock that the spec no longer has") \
    X(ABI_GUEST_CHANGED, "abi-guest-changed", ERROR, "a guest item whose layout, type or value changed") \
    X(ABI_GUEST_VISIBILITY, "abi-guest-visibility", ERROR, "a guest item hidden from guest versions that saw it") \
    X(ABI_TOOLS_UNBUMPED, "abi-tools-unbumped", ERROR, "a tools item that changed without an interface version bump") \
    X(ABI_REGISTER_CHANGED, "abi-register-changed", ERROR, "a register field moved, resized, removed or gated differently, or reserved bits that changed kind") \
    X(ABI_STABLE_CHANGED, "abi-stable-changed", ERROR, "an item of a stable tools interface that changed, was removed or left its interface") \
    X(ABI_HISTORY_CHANGED, "abi-history-changed", ERROR, "an old(NAME, VERSION) layout of the lock that changed: a released version's layout is frozen") \
    X(ABI_FEATURE_CHANGED, "abi-feature-changed", ERROR, "a feature of the lock whose number changed, or that the spec no longer declares") \
    X(ABI_VERSION_LOWERED, "abi-version-lowered", ERROR, "an interface version below the lock's: a released version number used again") \
    X(ABI_CHANGE, "abi-change", NOTE, "a difference from the lock that the rules allow") \
    X(ABI_LOCK_STALE, "abi-lock-stale", NOTE, "an ABI lock that the spec's allowed changes have left behind: --update-lock would rewrite it") \
    /* templates and outputs */ \
    X(TEMPLATE, "template", ERROR, "a template that is missing or malformed")

enum diag_id {
#define REGC_DIAG_ENUM(e, name, sev, summary) DIAG_##e,
    REGC_DIAG_IDS(REGC_DIAG_ENUM)
#undef REGC_DIAG_ENUM
    DIAG_COUNT
};

#endif
