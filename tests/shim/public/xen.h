/* SPDX-License-Identifier: MIT */
/*
 * Test stand-in for Xen's <public/xen.h>, which the hypervisor includes
 * before an arch's public header. regc's public headers need nothing from
 * it, so it is empty; the arch headers beside it here are links to the
 * ones the tests compile (generated/ and the golden ones).
 */
#ifndef REGC_SHIM_PUBLIC_XEN_H
#define REGC_SHIM_PUBLIC_XEN_H
#endif
