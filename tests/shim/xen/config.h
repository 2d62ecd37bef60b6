/* SPDX-License-Identifier: MIT */
/*
 * Test stand-in for Xen's <xen/config.h>, which Xen's build includes in
 * every file (-include): what regc's headers take from it, offsetof
 * (Xen's xen/compiler.h defines it on GCC's builtin; the hypervisor has
 * no <stddef.h>).
 */
#ifndef REGC_SHIM_XEN_CONFIG_H
#define REGC_SHIM_XEN_CONFIG_H
#ifndef offsetof
#define offsetof(type, member) __builtin_offsetof(type, member)
#endif
#endif
