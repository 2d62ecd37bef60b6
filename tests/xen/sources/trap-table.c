/* SPDX-License-Identifier: MIT */
/* header: arch-x86-vcpu.h
 * targets: x86_32 x86_64 host
 * views: guest
 *
 * Guests fill trap_info tables positionally, as Mini-OS does. Xen's
 * header leaves the x86_64 hole after cs to the compiler, so the generated
 * one must not name it in the guest view. */
extern void divide_error(void);
extern void debug(void);

static trap_info_t trap_table[] = {
    { 0, 0, 0xe019, (unsigned long)divide_error },
    { 1, 0, 0xe019, (unsigned long)debug },
    { 0, 0, 0, 0 }
};

trap_info_t *regc_trap_table(void);
trap_info_t *regc_trap_table(void)
{
    return trap_table;
}
