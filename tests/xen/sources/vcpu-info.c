/* SPDX-License-Identifier: MIT */
/* header: arch-arm.h
 * targets: arm32 arm64 host
 *
 * xen.h embeds Arm's empty arch_vcpu_info in vcpu_info. Xen's own header
 * makes that 48 bytes in C and 56 in C++ (an empty struct is 0 bytes in
 * GNU C and 1 in C++); the generated one must give the same sizes, or a
 * C++ toolstack and Xen would disagree on vcpu_info. The struct below has
 * vcpu_info's layout: two bytes, the pending selector, arch, then the
 * 32-byte vcpu_time_info. */
#include <stddef.h>

struct regc_time_info {
    uint32_t version, pad0;
    uint64_t tsc_timestamp, system_time;
    uint32_t tsc_to_system_mul;
    int8_t tsc_shift;
    uint8_t flags, pad1[2];
};

struct regc_vcpu_info {
    uint8_t evtchn_upcall_pending, evtchn_upcall_mask;
    xen_ulong_t evtchn_pending_sel;
    struct arch_vcpu_info arch;
    struct regc_time_info time;
};

#if defined(__cplusplus)
typedef char regc_vcpu_info_size[sizeof(struct regc_vcpu_info) == 56 ? 1 : -1];
typedef char regc_vcpu_info_time[offsetof(struct regc_vcpu_info, time) == 24 ? 1 : -1];
typedef char regc_arch_vcpu_info_size[sizeof(struct arch_vcpu_info) == 1 ? 1 : -1];
#else
typedef char regc_vcpu_info_size[sizeof(struct regc_vcpu_info) == 48 ? 1 : -1];
typedef char regc_vcpu_info_time[offsetof(struct regc_vcpu_info, time) == 16 ? 1 : -1];
typedef char regc_arch_vcpu_info_size[sizeof(struct arch_vcpu_info) == 0 ? 1 : -1];
#endif
