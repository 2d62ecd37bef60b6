# SPDX-License-Identifier: MIT
# Shared by the benchmarks (sourced): the source root, package installs,
# a regc built from the current sources, and figures for bench/run-all.
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib.sh"

# build_regc: configures build/ as scripts/regenerate does, when it is not
# yet, and brings build/compiler/regc up to date with the sources, so that
# no stale binary is measured. Sets $regc.
build_regc() {
    need_packages $BUILD_PACKAGES
    (cd "$root" && configure build && ninja -C build compiler/regc >&2) ||
        { echo "bench: cannot build regc" >&2; exit 2; }
    regc=$root/build/compiler/regc
}

# figure KEY VALUE: records a figure for bench/run-all's table (it sets
# BENCH_FIGURES to a file); does nothing when a benchmark runs alone.
figure() {
    [ -n "${BENCH_FIGURES:-}" ] && echo "$1 $2" >>"$BENCH_FIGURES"
    return 0
}
