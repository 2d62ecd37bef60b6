/* SPDX-License-Identifier: MIT */
/*
 * The register names Xen 4.22's x86 headers give the toolstack and the
 * hypervisor, in any dialect (-ansi included): every sub-register of
 * struct cpu_user_regs, at its offset and with its size. Compiled by
 * tools-x86.sh against an integrated tree, -ansi -D__XEN_TOOLS__, once
 * per ABI (-m64, -m32).
 */
#include <stddef.h>
#include <stdint.h>
#include "xen.h"

#define REGS struct cpu_user_regs
#define CHECK(tag, name, off, size)                                          \
    typedef char tag##_offset[offsetof(REGS, name) == (off) ? 1 : -1];        \
    typedef char tag##_size[sizeof(((REGS *)0)->name) == (size) ? 1 : -1];

#if defined(__x86_64__)
#define LOHI(R, off) CHECK(r##R##x, r##R##x, off, 8) CHECK(e##R##x, e##R##x, off, 4) \
    CHECK(R##x, R##x, off, 2) CHECK(R##l, R##l, off, 1) CHECK(R##h, R##h, (off) + 1, 1)
#define LO8(R, off) CHECK(r##R, r##R, off, 8) CHECK(e##R, e##R, off, 4) \
    CHECK(R, R, off, 2) CHECK(R##l, R##l, off, 1)
#define LO16(R, off) CHECK(r##R, r##R, off, 8) CHECK(e##R, e##R, off, 4) CHECK(R, R, off, 2)
#define HI(n, off) CHECK(r##n, r##n, off, 8) CHECK(r##n##d, r##n##d, off, 4) \
    CHECK(r##n##w, r##n##w, off, 2) CHECK(r##n##b, r##n##b, off, 1)
HI(15, 0) HI(14, 8) HI(13, 16) HI(12, 24)
LO8(bp, 32) LOHI(b, 40)
HI(11, 48) HI(10, 56) HI(9, 64) HI(8, 72)
LOHI(a, 80) LOHI(c, 88) LOHI(d, 96)
LO8(si, 104) LO8(di, 112)
LO16(ip, 128) LO16(flags, 144) LO8(sp, 152)
CHECK(size, ss, 160, 2)
typedef char regs_size[sizeof(REGS) == 200 ? 1 : -1];
#elif defined(__i386__)
#define LO8(R, off) CHECK(e##R##x, e##R##x, off, 4) CHECK(R##x, R##x, off, 2) \
    CHECK(R##l, R##l, off, 1) CHECK(R##h, R##h, (off) + 1, 1)
#define LO16(R, off) CHECK(e##R, e##R, off, 4) CHECK(_e##R, _e##R, off, 4) CHECK(R, R, off, 2)
LO8(b, 0) LO8(c, 4) LO8(d, 8)
LO16(si, 12) LO16(di, 16) LO16(bp, 20)
LO8(a, 24)
LO16(ip, 32) LO16(flags, 40) LO16(sp, 44)
CHECK(size, ss, 48, 2)
typedef char regs_size[sizeof(REGS) == 68 ? 1 : -1];
#endif
