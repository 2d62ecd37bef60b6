/* SPDX-License-Identifier: MIT */
/*
 * Test stand-in for Xen's <xen/const.h>: _AC(), how Xen writes an integer
 * constant with its suffix (in C; assembly drops the suffix).
 */
#ifndef REGC_SHIM_XEN_CONST_H
#define REGC_SHIM_XEN_CONST_H
#define REGC_SHIM_PASTE(x, y) x ## y
#define _AC(x, y) REGC_SHIM_PASTE(x, y)
#endif
