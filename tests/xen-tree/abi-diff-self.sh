#!/bin/sh
# SPDX-License-Identifier: MIT
# abi_diff.py on two small trees whose differences are known: what it
# must report (a C type, an enumerator, a member, a C++ size, an
# assembler suffix, a new header), what it must not (the same value or
# expansion spelt otherwise), and --check against a README's table.
# Needs clang only, not Xen's tarball.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/regc-abi-self.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
abi_diff() { python3 "$HERE/abi_diff.py" "$@"; }
fail() { echo "FAILED: $*"; exit 1; }

mkdir -p "$WORK/a/xen/include/public" "$WORK/b/xen/include/public"
cat >"$WORK/a/xen/include/public/xen.h" <<'EOF'
#ifndef MINI_XEN_H
#define MINI_XEN_H
#define MINI_FLAG (1U << 3)
#define MINI_COUNT 4
#define MINI_NAME "mini"
#define MINI_ADD(a, b) ((a) + (b))
#ifndef __ASSEMBLER__
enum mini_kind { MINI_KIND_A, MINI_KIND_B = 5 };
struct mini_empty { };
struct mini_regs {
    uint32_t a;
    uint64_t b;
    union { uint32_t w; uint16_t h; } u;
};
typedef struct mini_regs mini_regs_t;
typedef union { struct mini_regs *p; uint64_t q; } mini_handle_t;
struct mini_info {
    uint8_t pending;
    struct mini_empty arch;
    uint32_t time;
};
#endif
#endif
EOF
cp "$WORK/a/xen/include/public/xen.h" "$WORK/same.h"
cat >"$WORK/b/xen/include/public/xen.h" <<'EOF'
#ifndef MINI_XEN_H
#define MINI_XEN_H
#define MINI_FLAG 0x08U
#define MINI_COUNT 4U
#define MINI_NAME "mini"
#define MINI_PLUS(x, y) ((x) + (y))
#define MINI_ADD(a, b) MINI_PLUS(a, b)
#ifndef __ASSEMBLER__
enum mini_kind { MINI_KIND_A, MINI_KIND_B = 6 };
struct mini_empty { __extension__ uint8_t _pad[0]; };
struct mini_regs {
    uint32_t a;
    uint32_t _pad0;
    uint64_t b;
    union { uint32_t w; uint16_t h; } u;
};
typedef struct mini_regs mini_regs_t;
typedef union { struct mini_regs *p; uint32_t q; } mini_handle_t;
struct mini_info {
    uint8_t pending;
    struct mini_empty arch;
    uint32_t time;
};
#endif
#endif
EOF
printf '#define MINI_EXTRA 1\n' >"$WORK/b/xen/include/public/mini-extra.h"

# 1. every difference, and nothing that is only spelt otherwise
# (MINI_FLAG, MINI_ADD's expansion)
status=0
abi_diff --arch x86_64 "$WORK/a" "$WORK/b" >"$WORK/got" 2>"$WORK/err" || status=$?
[ "$status" -eq 1 ] || { cat "$WORK/err"; fail "a -> b: exit $status, not 1"; }
for view in guest guest-ansi tools tools-ansi xen; do
    cat <<EOF
x86_64 $view header public/mini-extra.h: (absent) -> compiles
x86_64 $view enumerator MINI_KIND_B: 0x5 int -> 0x6 int
x86_64 $view macro MINI_COUNT: 0x4 int -> 0x4 unsigned int
x86_64 $view macro MINI_PLUS: (absent) -> (x,y) = ( ( x ) + ( y ) )
x86_64 $view member mini_handle_t.q: offset 0, unsigned long, size 8 -> offset 0, unsigned int, size 4
x86_64 $view member struct mini_empty._pad: (absent) -> offset 0, unsigned char[0], size 0
x86_64 $view member struct mini_regs._pad0: (absent) -> offset 4, unsigned int, size 4
EOF
done >"$WORK/want"
cat >>"$WORK/want" <<'EOF'
x86_64 asm header public/mini-extra.h: (absent) -> compiles
x86_64 asm macro MINI_COUNT: 0x4 -> 0x4, with a C suffix
x86_64 asm macro MINI_PLUS: (absent) -> (x,y) = ( ( x ) + ( y ) )
x86_64 c++ header public/mini-extra.h: (absent) -> compiles
x86_64 c++ enumerator MINI_KIND_B: 0x5 enum -> 0x6 enum
x86_64 c++ macro MINI_COUNT: 0x4 int -> 0x4 unsigned int
x86_64 c++ macro MINI_PLUS: (absent) -> (x,y) = ( ( x ) + ( y ) )
x86_64 c++ member mini_handle_t.q: offset 0, unsigned long, size 8 -> offset 0, unsigned int, size 4
x86_64 c++ member struct mini_empty._pad: (absent) -> offset 0, unsigned char[0], size 0
x86_64 c++ member struct mini_info.arch: offset 1, struct mini_empty, size 1 -> offset 1, struct mini_empty, size 0
x86_64 c++ member struct mini_regs._pad0: (absent) -> offset 4, unsigned int, size 4
x86_64 c++ record struct mini_empty: size 1, align 1 -> size 0, align 1
EOF
diff -u "$WORK/want" "$WORK/got" || fail "a -> b: not the differences expected (- expected, + reported)"
# what the new header alone declares (MINI_EXTRA) is its row, and counted
[ "$(grep -c "; 1 item of headers only the second tree has" "$WORK/err")" = 7 ] ||
    { cat "$WORK/err"; fail "a -> b: MINI_EXTRA is not counted in each view's summary"; }
echo "ok: a -> b, $(wc -l <"$WORK/got") differences, as expected"

# 2. a tree against itself: none
abi_diff --arch arm32,x86_32 "$WORK/a" "$WORK/a" >"$WORK/got" 2>"$WORK/err" ||
    { cat "$WORK/got" "$WORK/err"; fail "a -> a: differences"; }
[ ! -s "$WORK/got" ] || fail "a -> a: printed differences"
# 13 pairs: x86_32 has no __XEN__ view
grep -q '^abi_diff: 13 arch-view pairs, [1-9][0-9]* items compared, 0 differences$' "$WORK/err" ||
    { cat "$WORK/err"; fail "a -> a: not 13 arch-view pairs with items compared"; }
echo "ok: a -> a, none in $(sed -n 's/^abi_diff: \(.*\), 0 differences$/\1/p' "$WORK/err")"

# 3. --check: the table lists them all; one row fewer; one row more
{ echo "# T"; echo; echo "### Differences from Xen 4.22.0's ABI"; echo
  abi_diff --table --arch x86_64 --view guest,asm "$WORK/a" "$WORK/b" 2>>"$WORK/err" | sed 's/|  |$/| a reason |/'
  echo; echo "## Next"; } >"$WORK/README.md" || true
[ "$(grep -c "| a reason |$" "$WORK/README.md")" -eq 8 ] || fail "--table: not 8 rows: $(grep -c "| a reason |$" "$WORK/README.md")"
abi_diff --check "$WORK/README.md" --arch x86_64 --view guest,asm "$WORK/a" "$WORK/b" >"$WORK/got" 2>>"$WORK/err" ||
    { cat "$WORK/got"; fail "--check: a full table fails"; }
echo "ok: --check passes with every difference listed"
grep -v 'MINI_COUNT' "$WORK/README.md" >"$WORK/fewer.md"
status=0
abi_diff --check "$WORK/fewer.md" --arch x86_64 --view guest,asm "$WORK/a" "$WORK/b" >"$WORK/got" 2>>"$WORK/err" || status=$?
[ "$status" -eq 1 ] && grep -q "^not in the README's table: x86_64 asm macro MINI_COUNT: 0x4 -> 0x4, with a C suffix$" "$WORK/got" ||
    { cat "$WORK/got"; fail "--check: an unlisted difference is not reported"; }
echo "ok: --check fails on an unlisted difference"
status=0
abi_diff --check "$WORK/README.md" --arch x86_64 --view guest,asm "$WORK/a" "$WORK/a" >"$WORK/got" 2>>"$WORK/err" || status=$?
[ "$status" -eq 1 ] && [ "$(grep -c '^listed but not seen: ' "$WORK/got")" -eq 8 ] ||
    { cat "$WORK/got"; fail "--check: rows that no longer occur are not reported"; }
echo "ok: --check fails on rows that no longer occur"
sed 's/| a reason |$/| |/' "$WORK/README.md" >"$WORK/bare.md"
status=0
abi_diff --check "$WORK/bare.md" --arch x86_64 --view guest "$WORK/a" "$WORK/b" >"$WORK/got" 2>&1 || status=$?
[ "$status" -eq 2 ] && grep -q 'gives no reason' "$WORK/got" || { cat "$WORK/got"; fail "--check: a row without a reason passes"; }
echo "ok: --check refuses a row without a reason"
abi_diff --table --reasons "$WORK/fewer.md" --arch x86_64 --view guest,asm "$WORK/a" "$WORK/b" >"$WORK/got" 2>>"$WORK/err" || true
[ "$(grep -c '| a reason |$' "$WORK/got")" -eq 6 ] && [ "$(grep -c '|  |$' "$WORK/got")" -eq 2 ] ||
    { cat "$WORK/got"; fail "--table --reasons: reasons not kept"; }
echo "ok: --table --reasons keeps the reasons of rows still listed"
