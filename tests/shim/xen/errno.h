/* SPDX-License-Identifier: MIT */
/* Test stand-in for Xen's <xen/errno.h>. */
#ifndef REGC_SHIM_XEN_ERRNO_H
#define REGC_SHIM_XEN_ERRNO_H
#define EINVAL 22
#define ERANGE 34
#endif
