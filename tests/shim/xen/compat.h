/* SPDX-License-Identifier: MIT */
/*
 * Test stand-in for Xen's <xen/compat.h> (CONFIG_COMPAT): the handle
 * macros a translation header has to live with. As in Xen, a compat handle
 * is a 32-bit guest address next to a zero-length array whose element type
 * is the target, for copy_from_compat() and friends to check.
 */
#ifndef REGC_SHIM_XEN_COMPAT_H
#define REGC_SHIM_XEN_COMPAT_H
#include <stdint.h>

typedef uint32_t compat_ptr_t;
#ifndef __packed
#define __packed __attribute__((__packed__))
#endif

#define __DEFINE_COMPAT_HANDLE(name, type) \
    typedef struct { compat_ptr_t c; type *_[0] __packed; } __compat_handle_ ## name; \
    typedef struct { compat_ptr_t c; const type *_[0] __packed; } __compat_handle_const_ ## name
#define DEFINE_COMPAT_HANDLE(name) __DEFINE_COMPAT_HANDLE(name, name)
#define COMPAT_HANDLE(name) __compat_handle_ ## name
#define COMPAT_HANDLE_PARAM(name) __compat_handle_ ## name

#endif
