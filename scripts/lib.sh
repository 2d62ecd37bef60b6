# SPDX-License-Identifier: MIT
# Shared by scripts/regenerate and scripts/test: install what is missing,
# configure a build directory once. Safe to run again and again.

# need_packages PKG... : installs the Debian packages that are not installed.
need_packages() {
    missing=""
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
            missing="$missing $p"
    done
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" != 0 ]; then
        echo "regc: these Debian packages are missing:$missing" >&2
        echo "regc: install them (apt-get install$missing) or run this as root" >&2
        exit 2
    fi
    echo "regc: installing$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 &&
        apt-get install -y -qq --no-install-recommends $missing >&2 ||
        { echo "regc: apt-get failed" >&2; exit 2; }
}

# configure DIR [MESON-OPTIONS...] : meson setup, unless DIR is already set up.
configure() {
    dir=$1
    shift
    if [ -f "$dir/build.ninja" ]; then
        return 0
    fi
    rm -rf "$dir"
    meson setup "$dir" "$@" >/dev/null || { echo "regc: meson setup $dir failed" >&2; exit 2; }
}

BUILD_PACKAGES="gcc libc6-dev flex bison meson ninja-build pkg-config"
# locales: the determinism test builds a Turkish locale with localedef
TEST_PACKAGES="libcmocka-dev clang g++ diffutils locales"
# the xen-tree suite builds Xen 4.22.0 (hypervisors for arm64 and x86_64,
# and the toolstack's configure and objects) with regc's outputs in it
XEN_PACKAGES="build-essential python3 xz-utils file gcc-aarch64-linux-gnu g++-aarch64-linux-gnu acpica-tools uuid-dev libyajl-dev libncurses-dev zlib1g-dev"
