#!/bin/sh
# SPDX-License-Identifier: MIT
# docs/language.md must list every diagnostic regc can produce, with its
# severity, and nothing else: the ids are the user's interface.
# usage: check-docs.sh SOURCE-ROOT
set -u
root=$1
code=$(sed -n 's/^ *X([A-Z0-9_]*, "\([a-z0-9-]*\)", \([A-Z]*\),.*/\1 \2/p' "$root/compiler/diag_ids.h" |
       tr 'A-Z' 'a-z' | LC_ALL=C sort)
docs=$(sed -n 's/^| \([a-z0-9-]*\) | \(error\|warning\|note\) | .*/\1 \2/p' "$root/docs/language.md" | LC_ALL=C sort)
if [ "$code" != "$docs" ]; then
    echo "docs/language.md and compiler/diag_ids.h disagree:"
    printf '%s\n' "$code" >"${TMPDIR:-/tmp}/regc-ids-code.$$"
    printf '%s\n' "$docs" >"${TMPDIR:-/tmp}/regc-ids-docs.$$"
    diff "${TMPDIR:-/tmp}/regc-ids-code.$$" "${TMPDIR:-/tmp}/regc-ids-docs.$$"
    rm -f "${TMPDIR:-/tmp}/regc-ids-code.$$" "${TMPDIR:-/tmp}/regc-ids-docs.$$"
    exit 1
fi
echo "docs/language.md lists all $(printf '%s\n' "$code" | wc -l) diagnostics"
