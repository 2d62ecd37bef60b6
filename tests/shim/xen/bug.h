/* SPDX-License-Identifier: MIT */
/*
 * Test stand-in for Xen's <xen/bug.h>: ASSERT(). A test that wants to see
 * failed assertions defines ASSERT itself before including the accessors.
 */
#ifndef REGC_SHIM_XEN_BUG_H
#define REGC_SHIM_XEN_BUG_H
#ifndef ASSERT
#define ASSERT(p) do { if ( !(p) ) __builtin_trap(); } while ( 0 )
#endif
#endif
