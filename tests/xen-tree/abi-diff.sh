#!/bin/sh
# SPDX-License-Identifier: MIT
# The ABI of regc's integrated Xen tree against pristine Xen 4.22.0's:
# per arch and view, every macro, enumerator, struct, union, member and
# typedef of the public headers (tests/xen-tree/abi_diff.py says how).
# Every difference must be a row of the README's table "Differences from
# Xen 4.22.0's ABI", with its reason, and every row must still occur.
. "$(dirname "$0")/lib.sh"

integrated_tree
unpack "$WORK/pristine"
export ABI_DIFF_JOBS="$JOBS"
step abi-diff python3 "$PROJECT/tests/xen-tree/abi_diff.py" \
    --check "$PROJECT/README.md" "$WORK/pristine/xen-4.22.0" "$XEN"
grep "^# " "$WORK/abi-diff.log"
tail -n 1 "$WORK/abi-diff.log"
