#!/bin/sh
# SPDX-License-Identifier: MIT
# Lists every register, field and feature-gated reserved mask of a
# generated register header as X-macro lines, so that the accessor property
# tests cover all of them, not a hand-picked few, and can compute each
# register's reserved bits from the register header's own macros:
#   ACC_REGISTER(spsr_el2, SPSR_EL2)
#   ACC_FIELD(spsr_el2, m, SPSR_EL2_M)
#   ACC_GATE(spsr_el2, SPSR_EL2, RES0, FEAT_SSBS)   for SPSR_EL2_RES0_WITHOUT_FEAT_SSBS
# A register's fields are the NAME_SHIFT macros under its "REG, N bits"
# comment; registers wider than 64 bits have no accessors and are left out.
# usage: list-fields.sh REGS-HEADER > OUT
set -eu
awk '
    /^ \* [A-Za-z0-9_]+, [0-9]+ bits$/ {
        reg = $2; sub(/,$/, "", reg); width = $3
        if (width <= 64) printf "ACC_REGISTER(%s, %s)\n", tolower(reg), reg
        else reg = ""
        next
    }
    reg != "" && /^#define [A-Za-z0-9_]+_SHIFT / {
        name = $2; sub(/_SHIFT$/, "", name)
        field = substr(name, length(reg) + 2)
        printf "ACC_FIELD(%s, %s, %s)\n", tolower(reg), tolower(field), name
    }
    reg != "" && $2 ~ ("^" reg "_RES[01]_WITHOUT_") {
        kind = substr($2, length(reg) + 2, 4)
        feat = substr($2, length(reg) + 15)
        printf "ACC_GATE(%s, %s, %s, %s)\n", tolower(reg), reg, kind, feat
    }
' "$1"
