#!/bin/sh
# SPDX-License-Identifier: MIT
#
# regc as a meson subproject: a project of its own with this source tree
# in subprojects/regc finds regc with find_program('regc') (the build's,
# by meson.override_find_program) and runs it on a spec at build time.
# TAP output; KEEP=1 keeps its work directory.
#
# usage: check-subproject.sh MESON NINJA SOURCE-ROOT
set -u
. "$(dirname "$0")/../tap.sh"
meson=$1
ninja=$2
root=$(cd "$3" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/regc-subproject-XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT INT TERM

mkdir -p "$work/user/subprojects"
ln -s "$root" "$work/user/subprojects/regc"
cp "$root/tests/golden/registers/registers.reg" "$work/user/"
cat >"$work/user/meson.build" <<'END'
project('regc-user', 'c', meson_version: '>= 1.0.1')
# regc's own tests would need cmocka, and are not the user's
subproject('regc', default_options: ['tests=disabled'])
regc = find_program('regc')
custom_target('registers-regs.h',
  input: 'registers.reg',
  output: 'registers-regs.h',
  command: [regc, '--emit', 'regs-header', '-o', '@OUTDIR@', '@INPUT@'],
  build_by_default: true)
END

# -O0: the user's choice, which is quick
tap_check_log "meson setup of a project with regc as a subproject" "$work/setup.log" \
    "$meson" setup --buildtype=plain "$work/build" "$work/user"
tap_check_log "its build runs the subproject's regc on its spec" "$work/build.log" \
    "$ninja" -C "$work/build"
tap_check "... which makes the golden header" \
    cmp "$root/tests/golden/registers/registers-regs.h" "$work/build/registers-regs.h"

tap_done
