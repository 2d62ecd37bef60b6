/* SPDX-License-Identifier: MIT */
/*
 * The generated Arm accessors, run: facts from the Arm ARM, the struct
 * check on a vCPU context, narrow slots, and properties over every field
 * of every register with a fixed seed. Built twice, once per flavour:
 * REGC_FLAVOUR_XEN includes the hypervisor header (against stand-ins for
 * Xen's own headers, with ASSERT() recorded), otherwise the toolstack header.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

/* xen.h defines these after including arch-arm.h */
#define xen_mk_uint(x)   x##U
#define xen_mk_ulong(x)  x##UL
#define xen_mk_ullong(x) x##ULL

#ifdef REGC_FLAVOUR_XEN
static unsigned asserts_failed;
#define ASSERT(p) ((p) ? (void)0 : (void)asserts_failed++)
#include "arm-accessors-xen.h"
#else
#include "arm-accessors-tools.h"
#endif
#include "arm-regs.h"
#include "../rng.h"

static arm_features_t random_features(struct rng *prng)
{
    arm_features_t f;
    arm_features_clear(&f);
    uint64_t bits = rng_next(prng);
    for (unsigned i = 0; i < ARM_FEATURE_COUNT; i++)
        if ((bits >> i) & 1)
            arm_features_add(&f, (enum arm_feature)i);
    return f;
}

static arm_features_t no_features(void)
{
    arm_features_t f;
    arm_features_clear(&f);
    return f;
}

static arm_features_t all_features(void)
{
    arm_features_t f;
    arm_features_clear(&f);
    for (unsigned i = 0; i < ARM_FEATURE_COUNT; i++)
        arm_features_add(&f, (enum arm_feature)i);
    return f;
}

/* Sets a field the way each flavour does; returns false when the value
 * was refused (toolstack: -ERANGE; hypervisor: a failed ASSERT()). */
#ifdef REGC_FLAVOUR_XEN
#define SET_FIELD(reg, field, v, x, ok)                                       \
    do {                                                                      \
        unsigned before_ = asserts_failed;                                    \
        uint64_t r_ = reg##_set_##field((v), (x));                            \
        (ok) = asserts_failed == before_;                                     \
        if (ok)                                                               \
            (v) = r_;                                                         \
    } while (0)
#else
#define SET_FIELD(reg, field, v, x, ok)                                       \
    do {                                                                      \
        (ok) = reg##_set_##field(&(v), (x)) == 0;                             \
    } while (0)
#endif

/* ---- facts from the Arm ARM ---- */

/* SCTLR_EL1.DSSBS, bit 44, exists with FEAT_SSBS and is RES0 without. */
static void test_sctlr_dssbs_res0_without_ssbs(void **state)
{
    (void)state;
    const uint64_t dssbs = UINT64_C(1) << 44;
    arm_features_t none = no_features(), ssbs = no_features();
    arm_features_add(&ssbs, ARM_FEAT_SSBS);

    assert_true(sctlr_el1_res0(&none) & dssbs);
    assert_false(sctlr_el1_res0(&ssbs) & dssbs);

    uint64_t v = sctlr_el1_sanitize(0, &none) | dssbs;
    assert_false(sctlr_el1_valid(v, &none));
    assert_int_equal(sctlr_el1_diff(v, &none), dssbs);
    assert_int_equal(sctlr_el1_sanitize(v, &none), v & ~dssbs);
    assert_true(sctlr_el1_valid(v, &ssbs) || (sctlr_el1_diff(v, &ssbs) & dssbs) == 0);
    assert_int_equal(sctlr_el1_get_dssbs(v), 1);
}

/* SPSR_EL2.M = EL1h (AArch64, SP_EL1) is 0b0101; with D, A, I and F
 * masked it is 0x3c5, and without D Xen's PSR_GUEST64_INIT, 0x1c5. */
static void test_spsr_el2_el1h(void **state)
{
    (void)state;
    uint64_t v = 0;
    bool ok;
    SET_FIELD(spsr_el2, m, v, 0x5, ok);
    assert_true(ok);
    assert_int_equal(v, 0x5);
    assert_true(spsr_el2_m_is_el1h(v));
    assert_false(spsr_el2_m_is_el1t(v));
    assert_int_equal(spsr_el2_get_nrw(v), 0);

    SET_FIELD(spsr_el2, a, v, 1, ok);
    SET_FIELD(spsr_el2, i, v, 1, ok);
    SET_FIELD(spsr_el2, f, v, 1, ok);
    assert_int_equal(v, PSR_GUEST64_INIT);
    SET_FIELD(spsr_el2, d, v, 1, ok);
    assert_int_equal(v, 0x3c5);
    assert_int_equal(v, PSR_GUEST64_INIT | PSR_DBG_MASK);

    arm_features_t none = no_features();
    assert_true(spsr_el2_valid(v, &none));
}

/* M is 4 bits: 0x10 does not fit, and the register is left alone. */
static void test_set_refuses_a_wide_value(void **state)
{
    (void)state;
    uint64_t v = 0x3c5;
    bool ok;
    SET_FIELD(spsr_el2, m, v, 0x10, ok);
    assert_false(ok);
    assert_int_equal(v, 0x3c5);
#ifdef REGC_FLAVOUR_XEN
    assert_int_equal(asserts_failed, 1);
    asserts_failed = 0;
#endif
}

/*
 * TCR_EL1, as the Arm ARM (and Linux's arm64 sysreg) lays it out: T0SZ is
 * bits 5:0 and T1SZ bits 21:16; TG0 (15:14) encodes 4KB as 0b00, 64KB as
 * 0b01 and 16KB as 0b10, and TG1 (31:30) 16KB as 0b01, 4KB as 0b10 and
 * 64KB as 0b11. Both halves with 39-bit VAs (T0SZ = T1SZ = 25), 4KB
 * granules, and inner-shareable (SH = 0b11) write-back (IRGN = ORGN = 0b01)
 * table walks make 0xb5193519.
 */
static void test_tcr_el1_facts(void **state)
{
    (void)state;
    const uint64_t linux_39bit = UINT64_C(0xb5193519);
    uint64_t v = 0;
    bool ok = true, each;

    assert_true(tcr_el1_tg0_is_granule_4kb(0));
    assert_int_equal(TCR_EL1_TG0_SHIFT, 14);
    assert_int_equal(TCR_EL1_TG1_SHIFT, 30);
    assert_int_equal(TCR_EL1_T0SZ_MASK, 0x3f);
    assert_int_equal(TCR_EL1_T1SZ_MASK, UINT64_C(0x3f) << 16);
    assert_true(tcr_el1_tg1_is_granule_4kb(UINT64_C(2) << 30));
    assert_true(tcr_el1_tg1_is_granule_16kb(UINT64_C(1) << 30));
    assert_true(tcr_el1_tg1_is_granule_64kb(UINT64_C(3) << 30));
    assert_true(tcr_el1_tg0_is_granule_64kb(UINT64_C(1) << 14));
    assert_true(tcr_el1_tg0_is_granule_16kb(UINT64_C(2) << 14));

    SET_FIELD(tcr_el1, t0sz, v, 25, each); ok = ok && each;
    SET_FIELD(tcr_el1, t1sz, v, 25, each); ok = ok && each;
    SET_FIELD(tcr_el1, tg0, v, 0x0, each); ok = ok && each;
    SET_FIELD(tcr_el1, tg1, v, 0x2, each); ok = ok && each;
    SET_FIELD(tcr_el1, sh0, v, 0x3, each); ok = ok && each;
    SET_FIELD(tcr_el1, sh1, v, 0x3, each); ok = ok && each;
    SET_FIELD(tcr_el1, irgn0, v, 0x1, each); ok = ok && each;
    SET_FIELD(tcr_el1, orgn0, v, 0x1, each); ok = ok && each;
    SET_FIELD(tcr_el1, irgn1, v, 0x1, each); ok = ok && each;
    SET_FIELD(tcr_el1, orgn1, v, 0x1, each); ok = ok && each;
    assert_true(ok);
    assert_int_equal(v, linux_39bit);
    assert_int_equal(tcr_el1_get_t0sz(linux_39bit), 25);
    assert_int_equal(tcr_el1_get_t1sz(linux_39bit), 25);
    assert_true(tcr_el1_tg1_is_granule_4kb(linux_39bit));
    assert_true(tcr_el1_sh0_is_inner_shareable(linux_39bit));

    /* a valid TCR_EL1 on a CPU without any feature */
    arm_features_t none = no_features();
    assert_true(tcr_el1_valid(linux_39bit, &none));
    /* T1SZ is 6 bits: 64 does not fit */
    SET_FIELD(tcr_el1, t1sz, v, 64, each);
    assert_false(each);
    assert_int_equal(v, linux_39bit);
#ifdef REGC_FLAVOUR_XEN
    asserts_failed = 0;
#endif
}

/* Adding a feature adds what it requires: FEAT_MTE_ASYNC needs FEAT_MTE2,
 * which needs FEAT_MTE. */
static void test_features_add_requirements(void **state)
{
    (void)state;
    arm_features_t f = no_features();
    arm_features_add(&f, ARM_FEAT_MTE_ASYNC);
    assert_true(arm_features_has(&f, ARM_FEAT_MTE_ASYNC));
    assert_true(arm_features_has(&f, ARM_FEAT_MTE2));
    assert_true(arm_features_has(&f, ARM_FEAT_MTE));
    assert_false(arm_features_has(&f, ARM_FEAT_SSBS));
}

/* ---- the struct check ---- */

/* A context whose every register is valid for f and whose padding is 0. */
static void good_context(struct vcpu_guest_context *c, const arm_features_t *f)
{
    memset(c, 0, sizeof(*c));
    c->user_regs.cpsr = spsr_el2_sanitize(PSR_GUEST64_INIT, f);
    c->user_regs.spsr_el1 = spsr_el1_sanitize(0, f);
    c->user_regs.spsr_fiq = (uint32_t)spsr_fiq_sanitize(0, f);
    c->user_regs.spsr_irq = (uint32_t)spsr_irq_sanitize(0, f);
    c->user_regs.spsr_und = (uint32_t)spsr_und_sanitize(0, f);
    c->user_regs.spsr_abt = (uint32_t)spsr_abt_sanitize(0, f);
    c->sctlr = sctlr_el1_sanitize(SCTLR_GUEST_INIT, f);
    c->ttbcr = tcr_el1_sanitize(0, f);
    c->ttbr0 = ttbr0_el1_sanitize(0, f);
    c->ttbr1 = ttbr1_el1_sanitize(0, f);
}

/* The check refuses c, and names member and bits. */
static void assert_refused(const struct vcpu_guest_context *c, const arm_features_t *f,
                           const char *member, uint64_t bits)
{
    struct arm_check_failure why = {NULL, 0, {0}};
    assert_int_equal(vcpu_guest_context_check(c, f, &why), -EINVAL);
    assert_string_equal(why.member, member);
    assert_int_equal(why.bits, bits);
}

static void test_check_accepts_a_good_context(void **state)
{
    (void)state;
    struct vcpu_guest_context c;
    struct arm_check_failure why = {NULL, 0, {0}};
    arm_features_t f = no_features();
    good_context(&c, &f);
    assert_int_equal(vcpu_guest_context_check(&c, &f, &why), 0);
    assert_null(why.member);
}

static void test_check_names_bad_padding(void **state)
{
    (void)state;
    struct vcpu_guest_context c;
    arm_features_t f = no_features();
    good_context(&c, &f);
    c._pad0 = 0x80;
    assert_refused(&c, &f, "_pad0", 0x80);
    /* why may be NULL */
    assert_int_equal(vcpu_guest_context_check(&c, &f, NULL), -EINVAL);
}

/* Bit 27 of SPSR_EL2 is RES0 whatever the features. */
static void test_check_names_res0_bit_in_cpsr(void **state)
{
    (void)state;
    struct vcpu_guest_context c;
    arm_features_t f = all_features();
    good_context(&c, &f);
    c.user_regs.cpsr |= UINT64_C(1) << 27;
    assert_refused(&c, &f, "user_regs.cpsr", UINT64_C(1) << 27);
}

/* DSSBS set in a context for a CPU without FEAT_SSBS. */
static void test_check_names_absent_feature_bit(void **state)
{
    (void)state;
    struct vcpu_guest_context c;
    arm_features_t f = no_features();
    good_context(&c, &f);
    c.sctlr |= SCTLR_EL1_DSSBS_MASK;
    assert_refused(&c, &f, "sctlr", SCTLR_EL1_DSSBS_MASK);
    arm_features_add(&f, ARM_FEAT_SSBS);
    assert_int_equal(vcpu_guest_context_check(&c, &f, NULL), 0);
}

/* ---- AArch32 guests: cpsr and spsr_svc in AArch32 form (M[4] = 1) ---- */

/* The PSR bits of the Arm ARM's AArch32 SPSR: Q is bit 27, GE bits
 * 19:16, IT[1:0] bits 26:25 and IT[7:2] bits 15:10, T bit 5. */
#define A32_Q      (UINT64_C(1) << 27)
#define A32_GE     (UINT64_C(0xf) << 16)
#define A32_IT     (UINT64_C(3) << 25 | UINT64_C(0x3f) << 10)
#define A32_NZCV   (UINT64_C(0xf) << 28)

/* Xen's PSR_GUEST32_INIT context, the way a toolstack builds a 32-bit
 * guest, with Thumb, Q, GE, IT and the condition flags set, in every mode
 * a guest can be in: all valid on a CPU without any of the features. */
static void test_check_accepts_aarch32_contexts(void **state)
{
    (void)state;
    static const uint32_t modes[] = {
        PSR_MODE_USR, PSR_MODE_FIQ, PSR_MODE_IRQ, PSR_MODE_SVC,
        PSR_MODE_ABT, PSR_MODE_UND, PSR_MODE_SYS,
    };
    arm_features_t f = no_features();
    for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
        struct vcpu_guest_context c;
        struct arm_check_failure why = {NULL, 0, {0}};
        uint64_t psr = (PSR_GUEST32_INIT & ~UINT64_C(0x1f)) | modes[i] | PSR_THUMB | A32_Q | A32_GE |
                       A32_IT | A32_NZCV;
        good_context(&c, &f);
        c.user_regs.cpsr = psr;
        c.user_regs.spsr_el1 = psr; /* spsr_svc, its low half in the guest view */
        assert_int_equal(vcpu_guest_context_check(&c, &f, &why), 0);
        assert_null(why.member);
    }
}

/* In AArch32 form bit 34 is RES0 and bit 23 is SSBS; in AArch64 form they
 * are EXLOCK (FEAT_GCS) and UAO (FEAT_UAO). With FEAT_GCS and FEAT_UAO but
 * not FEAT_SSBS, an AArch64 cpsr may have both set, an AArch32 one
 * neither: the check judges each form by its own layout. */
static void test_check_judges_cpsr_by_its_form(void **state)
{
    (void)state;
    const uint64_t bit34 = UINT64_C(1) << 34, bit23 = UINT64_C(1) << 23;
    struct vcpu_guest_context c;
    arm_features_t f = no_features();
    arm_features_add(&f, ARM_FEAT_GCS);
    arm_features_add(&f, ARM_FEAT_UAO);
    good_context(&c, &f);

    c.user_regs.cpsr = PSR_GUEST64_INIT | bit34 | bit23;
    assert_int_equal(vcpu_guest_context_check(&c, &f, NULL), 0);

    c.user_regs.cpsr = PSR_GUEST32_INIT | bit34;
    assert_refused(&c, &f, "user_regs.cpsr", bit34);

    c.user_regs.cpsr = PSR_GUEST32_INIT | bit23;
    assert_refused(&c, &f, "user_regs.cpsr", bit23);
    arm_features_add(&f, ARM_FEAT_SSBS);
    assert_int_equal(vcpu_guest_context_check(&c, &f, NULL), 0);

    /* Thumb is bit 5 of the AArch32 form only: RES0 in AArch64's */
    c.user_regs.cpsr = PSR_GUEST64_INIT | PSR_THUMB;
    assert_refused(&c, &f, "user_regs.cpsr", PSR_THUMB);
}

/* A 32-bit guest's spsr_svc is the AArch32 SPSR_svc, where bit 24 (J in
 * Armv7) is RES0 and DIT is bit 21; SPSR_EL1's AArch64 form has DIT at 24. */
static void test_check_judges_spsr_svc_as_aarch32(void **state)
{
    (void)state;
    const uint64_t bit24 = UINT64_C(1) << 24, bit21 = UINT64_C(1) << 21;
    struct vcpu_guest_context c;
    arm_features_t f = no_features();
    arm_features_add(&f, ARM_FEAT_DIT);
    good_context(&c, &f);

    c.user_regs.spsr_el1 = PSR_MODE_EL1h | bit24;
    assert_int_equal(vcpu_guest_context_check(&c, &f, NULL), 0);

    c.user_regs.cpsr = PSR_GUEST32_INIT;
    c.user_regs.spsr_el1 = PSR_MODE_SVC | bit21;
    assert_int_equal(vcpu_guest_context_check(&c, &f, NULL), 0);
    c.user_regs.spsr_el1 = PSR_MODE_SVC | bit24;
    assert_refused(&c, &f, "user_regs.spsr_el1", bit24);
}

/* ---- narrow slots: 32-bit members holding 64-bit registers ---- */

static void test_narrow_slot_zero_extends_and_refuses(void **state)
{
    (void)state;
    struct vcpu_guest_core_regs r;
    memset(&r, 0xff, sizeof(r));
    bool ok;
#ifdef REGC_FLAVOUR_XEN
    unsigned before = asserts_failed;
    vcpu_guest_core_regs_set_spsr_fiq(&r, 0x1d1);
    ok = asserts_failed == before;
#else
    ok = vcpu_guest_core_regs_set_spsr_fiq(&r, 0x1d1) == 0;
#endif
    assert_true(ok);
    assert_int_equal(r.spsr_fiq, 0x1d1);
    assert_int_equal(vcpu_guest_core_regs_get_spsr_fiq(&r), UINT64_C(0x1d1));

    /* the upper half of the register does not fit the slot */
#ifdef REGC_FLAVOUR_XEN
    before = asserts_failed;
    vcpu_guest_core_regs_set_spsr_irq(&r, UINT64_C(1) << 32);
    assert_int_equal(asserts_failed, before + 1);
    asserts_failed = 0;
#else
    uint32_t old = r.spsr_irq;
    assert_int_equal(vcpu_guest_core_regs_set_spsr_irq(&r, UINT64_C(1) << 32), -ERANGE);
    assert_int_equal(r.spsr_irq, old);
#endif
    /* the getter zero-extends: all 32 bits of the slot, and no more (a
     * sign extension would set bits 63:32, a narrower read lose some) */
    r.spsr_und = 0x80000001u;
    assert_int_equal(vcpu_guest_core_regs_get_spsr_und(&r), UINT64_C(0x0000000080000001));
    r.spsr_und = 0xffffffffu;
    assert_int_equal(vcpu_guest_core_regs_get_spsr_und(&r), UINT64_C(0x00000000ffffffff));
}

/* ---- properties, over every field of every register ---- */

#define ROUNDS 2000

static void test_field_properties(void **state)
{
    (void)state;
    unsigned fields = 0;
    struct rng prng = {1};
    for (unsigned round = 0; round < ROUNDS; round++) {
        uint64_t v0 = rng_next(&prng);
#define ACC_REGISTER(reg, REG)
#define ACC_GATE(reg, REG, KIND, FEAT)
#define ACC_FIELD(reg, field, NAME)                                           \
        {                                                                     \
            typedef __typeof__(reg##_get_##field(0)) reg_t;                   \
            const uint64_t mask = (uint64_t)(NAME##_MASK);                    \
            const uint64_t max = mask >> NAME##_SHIFT;                        \
            const reg_t v = (reg_t)v0;                                        \
            const uint64_t x = rng_next(&prng) & max;                         \
            reg_t w = v;                                                      \
            bool ok;                                                          \
            SET_FIELD(reg, field, w, (reg_t)x, ok);                           \
            assert_true(ok);                                                  \
            assert_int_equal(reg##_get_##field(w), x);                        \
            assert_int_equal((uint64_t)(w ^ v) & ~mask, 0);                   \
            if (max < (uint64_t)(reg_t)~(reg_t)0) {                           \
                w = v;                                                        \
                SET_FIELD(reg, field, w, (reg_t)(max + 1), ok);               \
                assert_false(ok);                                             \
                assert_int_equal(w, v);                                       \
            }                                                                 \
            fields += round == 0;                                             \
        }
#include "arm-fields.h"
#undef ACC_GATE
#undef ACC_FIELD
#undef ACC_REGISTER
    }
#ifdef REGC_FLAVOUR_XEN
    asserts_failed = 0;
#endif
    print_message("# %u fields, %u rounds each\n", fields, ROUNDS);
    assert_true(fields > 200);
}

/* A random bit of m, which is not 0. */
static uint64_t random_bit_of(struct rng *prng, uint64_t m)
{
    unsigned n = (unsigned)(rng_next(prng) % (uint64_t)__builtin_popcountll(m));
    while (n--)
        m &= m - 1;
    return m & -m;
}

/*
 * For each register and many feature sets: the reserved masks against
 * the register header's own macros (REG_RES0 | REG_RAZ, plus
 * REG_RES0_WITHOUT_FEAT for each absent feature), which a different
 * emitter writes; values valid by construction from those masks are
 * valid, and stay so through sanitize(); flipping one reserved bit of
 * them makes diff() exactly that bit; a random value is valid exactly
 * when diff() is 0; sanitize() output is always valid.
 */
static void test_register_properties(void **state)
{
    (void)state;
    unsigned regs = 0, one_bit = 0;
    struct rng prng = {2};
    for (unsigned round = 0; round < ROUNDS * 10; round++) {
        arm_features_t f = random_features(&prng);
        uint64_t v0 = rng_next(&prng);
        /* the masks the register header implies for f */
#define ACC_FIELD(reg, field, NAME)
#define ACC_REGISTER(reg, REG)                                                \
        uint64_t want_RES0_##reg = (uint64_t)(REG##_RES0 | REG##_RAZ);         \
        uint64_t want_RES1_##reg = (uint64_t)(REG##_RES1);
#define ACC_GATE(reg, REG, KIND, FEAT)
#include "arm-fields.h"
#undef ACC_GATE
#undef ACC_REGISTER
#define ACC_REGISTER(reg, REG)
#define ACC_GATE(reg, REG, KIND, FEAT)                                        \
        if (!arm_features_has(&f, ARM_##FEAT))                                \
            want_##KIND##_##reg |= (uint64_t)(REG##_##KIND##_WITHOUT_##FEAT);
#include "arm-fields.h"
#undef ACC_GATE
#undef ACC_REGISTER
#define ACC_GATE(reg, REG, KIND, FEAT)
#define ACC_REGISTER(reg, REG)                                                \
        {                                                                     \
            typedef __typeof__(reg##_res0(&f)) reg_t;                         \
            const reg_t res0 = (reg_t)want_RES0_##reg;                        \
            const reg_t res1 = (reg_t)want_RES1_##reg;                        \
            const reg_t v = (reg_t)v0;                                        \
            const reg_t s = reg##_sanitize(v, &f);                            \
            const reg_t good = (reg_t)((v & ~res0) | res1);                   \
            struct arm_reserved r = reg##_reserved(&f);                       \
            assert_int_equal(reg##_res0(&f), res0);                           \
            assert_int_equal(reg##_res1(&f), res1);                           \
            assert_int_equal(r.res0, res0);                                   \
            assert_int_equal(r.res1, res1);                                   \
            assert_true(reg##_valid(good, &f));                               \
            assert_int_equal(reg##_diff(good, &f), 0);                        \
            assert_int_equal(reg##_sanitize(good, &f), good);                 \
            if (res0 | res1) {                                                \
                const reg_t bit = (reg_t)random_bit_of(&prng, res0 | res1);   \
                const reg_t bad = (reg_t)(good ^ bit);                        \
                assert_false(reg##_valid(bad, &f));                           \
                assert_int_equal(reg##_diff(bad, &f), bit);                   \
                assert_int_equal(reg##_sanitize(bad, &f), good);              \
                assert_false(arm_reserved_valid(bad, r));                     \
                one_bit++;                                                    \
            }                                                                 \
            assert_true(reg##_valid(s, &f));                                  \
            assert_int_equal(reg##_diff(s, &f), 0);                           \
            assert_int_equal(reg##_valid(v, &f), reg##_diff(v, &f) == 0);     \
            assert_int_equal((s ^ v) & ~(res0 | res1), 0);                    \
            assert_int_equal(res0 & res1, 0);                                 \
            assert_int_equal(arm_reserved_sanitize(v, r), s);                 \
            assert_int_equal(arm_reserved_valid(v, r), reg##_valid(v, &f));   \
            assert_int_equal(arm_reserved_diff(v, r), reg##_diff(v, &f));     \
            regs += round == 0;                                               \
        }
#include "arm-fields.h"
#undef ACC_GATE
#undef ACC_FIELD
#undef ACC_REGISTER
    }
    print_message("# %u registers, %u value and feature-set pairs each, %u with one reserved bit wrong\n",
                  regs, ROUNDS * 10, one_bit);
    assert_true(regs >= 12);
    assert_true(one_bit > regs * ROUNDS);
}

/* The feature set's masks do not depend on the order features are added
 * in, and adding a feature never makes a bit reserved. */
static void test_feature_order(void **state)
{
    (void)state;
    struct rng prng = {3};
    for (unsigned round = 0; round < ROUNDS; round++) {
        arm_features_t fwd = no_features(), back = no_features(), more;
        unsigned char in[ARM_FEATURE_COUNT];
        for (unsigned i = 0; i < ARM_FEATURE_COUNT; i++)
            in[i] = rng_next(&prng) & 1;
        for (unsigned i = 0; i < ARM_FEATURE_COUNT; i++) {
            if (in[i])
                arm_features_add(&fwd, (enum arm_feature)i);
            if (in[ARM_FEATURE_COUNT - 1 - i])
                arm_features_add(&back, (enum arm_feature)(ARM_FEATURE_COUNT - 1 - i));
        }
        more = fwd;
        arm_features_add(&more, (enum arm_feature)(rng_next(&prng) % ARM_FEATURE_COUNT));
        assert_memory_equal(&fwd, &back, sizeof(fwd));
        for (unsigned k = 0; k < ARM_REGISTER_COUNT; k++) {
            assert_int_equal(more.reserved[k].res0 & ~fwd.reserved[k].res0, 0);
            assert_int_equal(more.reserved[k].res1 & ~fwd.reserved[k].res1, 0);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sctlr_dssbs_res0_without_ssbs),
        cmocka_unit_test(test_spsr_el2_el1h),
        cmocka_unit_test(test_set_refuses_a_wide_value),
        cmocka_unit_test(test_tcr_el1_facts),
        cmocka_unit_test(test_features_add_requirements),
        cmocka_unit_test(test_check_accepts_a_good_context),
        cmocka_unit_test(test_check_names_bad_padding),
        cmocka_unit_test(test_check_names_res0_bit_in_cpsr),
        cmocka_unit_test(test_check_names_absent_feature_bit),
        cmocka_unit_test(test_check_accepts_aarch32_contexts),
        cmocka_unit_test(test_check_judges_cpsr_by_its_form),
        cmocka_unit_test(test_check_judges_spsr_svc_as_aarch32),
        cmocka_unit_test(test_narrow_slot_zero_extends_and_refuses),
        cmocka_unit_test(test_field_properties),
        cmocka_unit_test(test_register_properties),
        cmocka_unit_test(test_feature_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
