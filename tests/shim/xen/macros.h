/* SPDX-License-Identifier: MIT */
/*
 * Test stand-in for Xen's <xen/macros.h>: BUILD_BUG_ON(), as Xen has it
 * since 4.17, a C11 static assertion in a statement expression (so only
 * inside a function), whose message is the condition.
 */
#ifndef REGC_SHIM_XEN_MACROS_H
#define REGC_SHIM_XEN_MACROS_H
#define BUILD_BUG_ON(cond) ({ _Static_assert(!(cond), "!(" #cond ")"); })
#endif
