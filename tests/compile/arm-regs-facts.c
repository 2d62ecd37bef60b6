/* SPDX-License-Identifier: MIT */
/*
 * Facts about Arm registers, from the Arm Architecture Reference Manual,
 * that arm-regs.h must agree with. C89 assertions: a false one is a
 * negative array size.
 */
#include "arm-regs.h"

#define FACT(name, cond) typedef char fact_##name[(cond) ? 1 : -1]

/* SCTLR_EL1.DSSBS is bit 44, RES0 without FEAT_SSBS. */
FACT(dssbs_shift, SCTLR_EL1_DSSBS_SHIFT == 44);
FACT(dssbs_mask, SCTLR_EL1_DSSBS_MASK == (1ULL << 44));
FACT(dssbs_without_ssbs, (SCTLR_EL1_RES0_WITHOUT_FEAT_SSBS & SCTLR_EL1_DSSBS_MASK) != 0);

/* FEAT_MTE_ASYNC and FEAT_MTE_STORE_ONLY require FEAT_MTE2: without
 * FEAT_MTE2, ITFSB (bit 37) and TCSO/TCSO0 (bits 59:58) are RES0 too. */
FACT(itfsb_without_mte2, (SCTLR_EL1_RES0_WITHOUT_FEAT_MTE2 & SCTLR_EL1_ITFSB_MASK) == SCTLR_EL1_ITFSB_MASK);
FACT(tcso_without_mte2, (SCTLR_EL1_RES0_WITHOUT_FEAT_MTE2 & (3ULL << 58)) == (3ULL << 58));
FACT(itfsb_shift, SCTLR_EL1_ITFSB_SHIFT == 37);
/* SCTLR_EL1.SPAN (bit 23) is RES1 without FEAT_PAN; EPAN (bit 57, FEAT_PAN3,
 * which requires FEAT_PAN) is RES0 then. */
FACT(span_res1_without_pan, SCTLR_EL1_RES1_WITHOUT_FEAT_PAN == (1ULL << 23));
FACT(epan_without_pan, (SCTLR_EL1_RES0_WITHOUT_FEAT_PAN & (1ULL << 57)) != 0);

/* SPSR_EL2.M[3:0]: EL1h is 0b0101; the AArch32 SVC mode is 0b10011. */
FACT(spsr_m_el1h, SPSR_EL2_M_EL1h == 5);
FACT(spsr_m_mask, SPSR_EL2_M_MASK == 0xf);
FACT(spsr_aarch32_svc, SPSR_EL2_AARCH32_M_SVC == 0x13);
FACT(spsr_ssbs, SPSR_EL2_SSBS_SHIFT == 12 && SPSR_EL2_AARCH32_SSBS_SHIFT == 23);

/* TCR_EL1: T0SZ 5:0, TG0 15:14, T1SZ 21:16, TG1 31:30, IPS 34:32. */
FACT(tcr_t0sz, TCR_EL1_T0SZ_MASK == 0x3f);
FACT(tcr_tg0, TCR_EL1_TG0_SHIFT == 14 && TCR_EL1_TG0_WIDTH == 2);
FACT(tcr_t1sz, TCR_EL1_T1SZ_SHIFT == 16);
FACT(tcr_tg1, TCR_EL1_TG1_SHIFT == 30);
FACT(tcr_ips, TCR_EL1_IPS_SHIFT == 32 && TCR_EL1_IPS_WIDTH == 3);
