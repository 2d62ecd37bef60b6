#!/bin/sh
# SPDX-License-Identifier: MIT
# Lists every register and field of a generated register header as X-macro
# lines, so that the accessor property tests cover all of them, not a
# hand-picked few:
#   ACC_REGISTER(spsr_el2, SPSR_EL2)
#   ACC_FIELD(spsr_el2, m, SPSR_EL2_M)
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
' "$1"
