#!/bin/sh
# SPDX-License-Identifier: MIT
# scripts/xen-integrate as a user meets it: it integrates a pristine tree
# and says what it changed; run again, it changes nothing; --dry-run
# writes nothing; a tree that is not Xen 4.22.x, or whose files are not
# what it knows, is refused, with a message, and left exactly as it was.
. "$(dirname "$0")/lib.sh"
INTEGRATE=$PROJECT/scripts/xen-integrate

# snapshot DIR : every file's content and mode, in a stable order
snapshot() {
    [ -d "$1" ] || return 0
    (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum && find . -printf '%m %p\n' | sort)
}
fail() { echo "FAILED: $*"; exit 1; }

unpack "$WORK/a"
tree=$WORK/a/xen-4.22.0
snapshot "$tree" >"$WORK/pristine"

"$INTEGRATE" --dry-run "$tree" >"$WORK/dry" || fail "--dry-run on a pristine tree failed"
grep -q '^changed  *xen/' "$WORK/dry" || fail "--dry-run listed no change"
snapshot "$tree" | cmp -s - "$WORK/pristine" || fail "--dry-run wrote to the tree"
echo "ok: --dry-run lists $(wc -l <"$WORK/dry") files and writes none"

"$INTEGRATE" "$tree" >"$WORK/first" || fail "integrating a pristine tree failed"
cmp -s "$WORK/dry" "$WORK/first" || fail "--dry-run and the real run differ"
# The README's section on Xen is what the run does, file by file.
python3 "$(dirname "$0")/readme_table.py" "$PROJECT/README.md" "$WORK/first" ||
    fail "README.md's table of the integration's files is not what it does"
snapshot "$tree" >"$WORK/integrated"
"$INTEGRATE" "$tree" >"$WORK/second" || fail "a second run failed"
grep -q 'already integrated, nothing to change' "$WORK/second" || fail "a second run changed: $(cat "$WORK/second")"
snapshot "$tree" | cmp -s - "$WORK/integrated" || fail "a second run wrote to the tree"
echo "ok: a second run changes nothing"

# refused TREE WHY : xen-integrate fails on TREE, says so, and writes nothing
refused() {
    snapshot "$1" >"$WORK/before"
    if "$INTEGRATE" "$1" >"$WORK/out" 2>&1; then
        fail "$2: accepted"
    fi
    grep -q 'xen-integrate: error: ' "$WORK/out" || fail "$2: no error message"
    grep -q 'nothing was changed' "$WORK/out" || fail "$2: does not say nothing was changed"
    snapshot "$1" | cmp -s - "$WORK/before" || fail "$2: the tree was written"
    echo "ok: $2: $(grep 'error: ' "$WORK/out" | head -1)"
}

unpack "$WORK/b"
sed -i 's/^export XEN_SUBVERSION\( *\)= 22$/export XEN_SUBVERSION\1= 21/' "$WORK/b/xen-4.22.0/xen/Makefile"
refused "$WORK/b/xen-4.22.0" "Xen 4.21"
refused "$WORK/b/xen-4.22.0/tools" "not a Xen tree"
refused "$WORK/nonexistent" "no such directory"

# A tree integrated differently: the file the build step extends was
# edited by someone else, so its text is neither Xen's nor regc's.
unpack "$WORK/c"
sed -i 's/^hostprogs-always-y += fixdep$/hostprogs-always-y += fixdep other/' "$WORK/c/xen-4.22.0/xen/tools/Makefile"
refused "$WORK/c/xen-4.22.0" "an edited xen/tools/Makefile"

# A spec edited in an integrated tree is someone's work: not overwritten.
spec=$tree/xen/include/specs/arm/registers.reg
printf '// a maintainer was here\n' >>"$spec"
refused "$tree" "a spec edited in the tree"

# One of the blocks the x86 step cuts was edited (its first line): the
# other blocks are Xen's, so the file is neither Xen's nor integrated.
unpack "$WORK/d"
sed -i 's/Send an array of these to HYPERVISOR_set_trap_table()/Send an array of these to the trap table hypercall/' \
    "$WORK/d/xen-4.22.0/xen/include/public/arch-x86/xen.h"
refused "$WORK/d/xen-4.22.0" "an edited block of arch-x86/xen.h"
rm -rf "$WORK/d"

# A file of someone else's where the integration adds one of its own.
unpack "$WORK/e"
mkdir -p "$WORK/e/xen-4.22.0/xen/tools/regc"
echo 'all:' >"$WORK/e/xen-4.22.0/xen/tools/regc/Makefile"
refused "$WORK/e/xen-4.22.0" "a foreign xen/tools/regc/Makefile"
rm -rf "$WORK/e"

# A write that fails half way (a file where a directory must go, found
# only when writing, after the files that sort before it): nothing is
# renamed into place, no temporary file is left, no directory is made.
unpack "$WORK/f"
: >"$WORK/f/xen-4.22.0/xen/include/specs"
refused "$WORK/f/xen-4.22.0" "a file in the way of a directory"
rm -rf "$WORK/f"

# --generated naming a directory without regc's outputs
unpack "$WORK/g"
snapshot "$WORK/g/xen-4.22.0" >"$WORK/before"
if "$INTEGRATE" --generated "$WORK/nonexistent" "$WORK/g/xen-4.22.0" >"$WORK/out" 2>&1 ||
   ! grep -q 'xen-integrate: error: .*not in' "$WORK/out"; then
    cat "$WORK/out"
    fail "--generated without outputs: not refused with a message"
fi
snapshot "$WORK/g/xen-4.22.0" | cmp -s - "$WORK/before" || fail "--generated without outputs: the tree was written"
echo "ok: --generated without regc's outputs: $(grep 'error: ' "$WORK/out")"
