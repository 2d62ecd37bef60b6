/* SPDX-License-Identifier: MIT */
/*
 * Test stand-in for Xen's <xen/types.h>: the fixed-width types and bool,
 * made as the hypervisor makes them, from the compiler's own type macros,
 * without libc (Xen builds with -nostdinc), so that tests compile regc's
 * hypervisor headers the way Xen does. A test that includes <stdint.h>
 * or <stdbool.h> as well gets the same types again, which C11 allows.
 */
#ifndef REGC_SHIM_XEN_TYPES_H
#define REGC_SHIM_XEN_TYPES_H
typedef __INT8_TYPE__ int8_t;
typedef __UINT8_TYPE__ uint8_t;
typedef __INT16_TYPE__ int16_t;
typedef __UINT16_TYPE__ uint16_t;
typedef __INT32_TYPE__ int32_t;
typedef __UINT32_TYPE__ uint32_t;
typedef __INT64_TYPE__ int64_t;
typedef __UINT64_TYPE__ uint64_t;
#ifndef UINT64_MAX
#define UINT64_MAX __UINT64_MAX__
#endif
#if !defined(__cplusplus)
#define bool _Bool
#define true 1
#define false 0
#endif
#endif
