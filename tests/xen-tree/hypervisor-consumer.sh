#!/bin/sh
# SPDX-License-Identifier: MIT
#
# regc's hypervisor outputs compile inside Xen 4.22.0, by Xen's own build:
# one hypervisor file per arch (tests/xen-tree/consumers/) includes the
# layout checks, the register header and every hypervisor-only output,
# beside Xen's own headers, and calls a function of each. Each is added to
# its arch's obj-y, as a patch would, and built alone (Xen's single-object
# target), with Xen's flags: -nostdinc, -D__XEN__, -Werror. Then the
# object must define the file's functions and hold the accessors it uses.
# Last, a toolstack file per arch compiles against the toolstack flavours
# where the integration puts them.
#
# First, the list of Xen's macros that regc is given (--reserved-macros,
# scripts/xen/xen-macros.txt) must be this tree's: a Xen whose headers
# define more would otherwise go unchecked.
. "$(dirname "$0")/lib.sh"
integrated_tree
SOURCES=$PROJECT/tests/xen-tree/consumers
cd "$XEN" || exit 1

# shellcheck disable=SC2016 # expanded by the inner sh
step xen-macros sh -c '"$1/scripts/xen-macros" "$2" >"$3" && diff -u "$1/scripts/xen/xen-macros.txt" "$3"' \
    sh "$PROJECT" "$XEN" "$WORK/xen-macros.txt"

# has_symbols NM OBJECT SYMBOL... : each SYMBOL is in OBJECT's table
has_symbols() {
    nm=$1
    object=$2
    shift 2
    [ -f "$object" ] || { echo "$object was not built"; return 1; }
    "$nm" "$object" >"$WORK/symbols" || return 1
    cat "$WORK/symbols"
    for s in "$@"; do
        grep -q " $s\$" "$WORK/symbols" || { echo "$object lacks $s"; return 1; }
    done
}

# consumer ARCH-DIR SOURCE : the file in the arch's directory and obj-y
consumer() {
    cp "$SOURCES/$2" "xen/arch/$1/regc-consumer.c"
    printf 'obj-y += regc-consumer.o\n' >>"xen/arch/$1/Makefile"
}

consumer arm regc-consumer-arm.c
# shellcheck disable=SC2086 # ARM64_MAKE is a command line
step arm64-defconfig $ARM64_MAKE defconfig
# shellcheck disable=SC2086
step arm64-consumer $ARM64_MAKE -j"$JOBS" arch/arm/regc-consumer.o
step arm64-symbols has_symbols aarch64-linux-gnu-nm xen/arch/arm/regc-consumer.o \
    regc_consumer_check_context regc_consumer_ips vcpu_guest_context_check tcr_el1_get_ips tcr_el1_set_ips

# Xen makes what x86's objects need (include/compat/, asm/asm-macros.h,
# asm/asm-offsets.h) in its top-level target only, before every object:
# the test's copy of its Makefile gets that first part as a target of its
# own, so that one object builds without all the others.
prepare_target() {
    awk '/^\.PHONY: cloc$/ {
        print "PHONY += regc-prepare"
        print "regc-prepare: outputmakefile asm-generic FORCE"
        print "\t$(Q)$(MAKE) $(build)=tools"
        print "\t$(Q)$(MAKE) $(build)=. include/xen/compile.h"
        print "\t$(Q)$(MAKE) $(build)=include all"
        print "\t$(Q)$(MAKE) $(build)=arch/$(SRCARCH) include"
        print "\t$(Q)$(MAKE) $(build)=. arch/$(SRCARCH)/include/asm/asm-offsets.h"
        print ""
    } { print }' xen/Makefile >"$WORK/Makefile" && cp "$WORK/Makefile" xen/Makefile &&
        grep -q '^regc-prepare:' xen/Makefile
}

consumer x86 regc-consumer-x86.c
step x86_64-prepare-target prepare_target
step x86_64-defconfig make -C xen defconfig
step x86_64-headers make -C xen -j"$JOBS" regc-prepare
step x86_64-consumer make -C xen -j"$JOBS" arch/x86/regc-consumer.o
step x86_64-symbols has_symbols nm xen/arch/x86/regc-consumer.o \
    regc_consumer_check_context regc_consumer_regs_to_compat regc_consumer_frame_ip \
    vcpu_guest_context_check xlat_cpu_user_regs_to_compat

# The toolstack flavours, in tools/include/xen-tools/, compile as a
# toolstack's files do, with tools/include/xen/ linked to the public
# headers as tools/include/Makefile links them (without ./configure).
tools_include() {
    mkdir -p "$WORK/tools-include/xen" &&
        ln -s "$XEN"/xen/include/public/*.h "$XEN"/xen/include/public/*/ "$WORK/tools-include/xen/"
}
tools_consumer() {
    "$1" -std=gnu99 -Wall -Wextra -Werror -D__XEN_TOOLS__ -I "$WORK/tools-include" -I tools/include \
        -c "$SOURCES/$2" -o "$WORK/$2.o"
}
step tools-include tools_include
step tools-x86_64 tools_consumer gcc regc-tools-x86.c
step tools-arm64 tools_consumer aarch64-linux-gnu-gcc regc-tools-arm.c

# What the integration installed is source, not build output: Xen's
# `make clean` (which deletes xen/include/compat/) leaves all of it.
installed_after_clean() {
    make -C xen clean >/dev/null && make -C tools/include clean >/dev/null || return 1
    python3 - "$PROJECT" <<'PY'
import os, sys
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(sys.argv[1], "scripts", "xen"))
import step_hyp
gone = [p for p in step_hyp.installed_paths() if not os.path.isfile(p)]
print("\n".join("deleted by make clean: " + p for p in gone) or "all installed headers are still there")
sys.exit(1 if gone else 0)
PY
}
step make-clean installed_after_clean
