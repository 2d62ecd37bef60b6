/* SPDX-License-Identifier: MIT */
/*
 * Test stand-in for Xen's <xen/types.h>: just what regc's hypervisor
 * accessors use, so that tests can compile them outside a Xen tree.
 */
#ifndef REGC_SHIM_XEN_TYPES_H
#define REGC_SHIM_XEN_TYPES_H
#include <stdint.h>
#if !defined(__cplusplus)
# if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L
#  include <stdbool.h>
# else
typedef int bool;
# endif
#endif
#endif
