# SPDX-License-Identifier: MIT
# Sourced by every xen-tree test: a fresh Xen 4.22.0 tree, integrated.
#
# The tests run one at a time (each build takes both cores) and each in
# its own tree, so that one test's build products never hide another's
# failure. Each prints what it ran and how long it took.
set -eu

PROJECT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${REGC_SHARED:-$PROJECT/../shared}
TARBALL=$SHARED/reference/xen/xen-4.22.0.tar.xz
JOBS=${XEN_TREE_JOBS:-$(nproc)}

if [ ! -f "$TARBALL" ]; then
    echo "SKIP: $TARBALL is absent: Xen 4.22.0 cannot be built here"
    exit 77
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/regc-xen-tree.XXXXXX")
if [ -z "${XEN_TREE_KEEP:-}" ]; then
    trap 'rm -rf "$WORK"' EXIT
else
    echo "keeping $WORK"
fi

# step NAME COMMAND... : runs COMMAND, logging to $WORK/NAME.log; on failure
# prints the log's tail and fails the test.
step() {
    name=$1
    shift
    start=$(date +%s)
    if "$@" >"$WORK/$name.log" 2>&1; then
        echo "ok: $name ($(( $(date +%s) - start )) s)"
    else
        status=$?
        echo "FAILED: $name (exit $status, $(( $(date +%s) - start )) s): $*"
        tail -n 60 "$WORK/$name.log"
        exit 1
    fi
}

# unpack DIR : Xen 4.22.0's pristine tree at DIR/xen-4.22.0
unpack() {
    mkdir -p "$1"
    tar -C "$1" -xJf "$TARBALL"
}

# integrated_tree : a pristine tree in $WORK/xen-4.22.0, then
# scripts/xen-integrate on it; sets XEN to its path.
integrated_tree() {
    unpack "$WORK"
    XEN=$WORK/xen-4.22.0
    step integrate "$PROJECT/scripts/xen-integrate" "$XEN"
}

# Xen's own build, as its README in shared/reference/xen runs it.
ARM64_MAKE="make -C xen XEN_TARGET_ARCH=arm64 XEN_COMPILE_ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- HOSTCC=gcc HOSTCXX=g++"
TOOLS_CONFIGURE="./configure --disable-xen --disable-stubdom --disable-docs --disable-qemu-traditional --disable-rombios --disable-ipxe --disable-seabios --disable-ocamltools --disable-golang --disable-xsmpolicy --disable-monitors --disable-pvshim --with-system-qemu=/usr/bin/qemu-system-i386"
