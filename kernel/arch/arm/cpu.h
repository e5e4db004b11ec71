/*
 * Access to the CP15 system registers and the few ARMv7-A instructions that C
 * cannot express.
 */
#ifndef CPU_H
#define CPU_H

#include <stdint.h>

#define CP15_READ(name, op1, crn, crm, op2)                                                        \
	static inline uint32_t read_##name(void)                                                   \
	{                                                                                          \
		uint32_t v;                                                                        \
		__asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(v));    \
		return v;                                                                          \
	}
#define CP15_WRITE(name, op1, crn, crm, op2)                                                       \
	static inline void write_##name(uint32_t v)                                                \
	{                                                                                          \
		__asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 ::"r"(v)       \
				 : "memory");                                                      \
	}

CP15_READ(midr, 0, c0, c0, 0)
CP15_READ(ctr, 0, c0, c0, 1)
CP15_READ(mpidr, 0, c0, c0, 5)
CP15_READ(sctlr, 0, c1, c0, 0)
CP15_READ(dfsr, 0, c5, c0, 0)
CP15_READ(ifsr, 0, c5, c0, 1)
CP15_READ(dfar, 0, c6, c0, 0)
CP15_READ(ifar, 0, c6, c0, 2)
CP15_READ(cntfrq, 0, c14, c0, 0)
CP15_WRITE(cntv_ctl, 0, c14, c3, 1)
CP15_WRITE(tlbiall, 0, c8, c7, 0)
CP15_WRITE(tpidruro, 0, c13, c0, 3)
CP15_WRITE(cntkctl, 0, c14, c1, 0)
#define CNTKCTL_PL0VCTEN (1u << 1)
#define CNTKCTL_PL0PTEN (1u << 9)

static inline uint64_t read_cntvct(void)
{
	uint32_t lo, hi;
	__asm__ volatile("isb; mrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return (uint64_t)hi << 32 | lo;
}

static inline void write_cntv_cval(uint64_t v)
{
	__asm__ volatile("mcrr p15, 3, %0, %1, c14" ::"r"((uint32_t)v), "r"((uint32_t)(v >> 32)));
}

/* Starts the PMU cycle counter (PMCCNTR), which counts retired instructions
 * under QEMU -icount: the benchmarks' clock; and lets user mode at the PMU. */
static inline void pmu_open_to_user(void)
{
	uint32_t pmcr;
	__asm__ volatile("mrc p15, 0, %0, c9, c12, 0" : "=r"(pmcr));
	__asm__ volatile(
	    "mcr p15, 0, %0, c9, c12, 0" ::"r"(pmcr | 1u | 4u));        /* enable, reset PMCCNTR */
	__asm__ volatile("mcr p15, 0, %0, c9, c12, 1" ::"r"(1u << 31)); /* PMCNTENSET: PMCCNTR */
	__asm__ volatile("mcr p15, 0, %0, c9, c14, 0" ::"r"(1u));       /* PMUSERENR.EN */
}

/* Keeps user mode from the PMU: its every access is an undefined instruction. */
static inline void pmu_close_to_user(void)
{
	__asm__ volatile("mcr p15, 0, %0, c9, c14, 0" ::"r"(0u)); /* PMUSERENR */
}

static inline void dsb(void)
{
	__asm__ volatile("dsb" ::: "memory");
}

static inline void isb(void)
{
	__asm__ volatile("isb" ::: "memory");
}

/* Makes page-table changes visible to the MMU and drops every cached translation. */
static inline void tlb_flush_all(void)
{
	dsb();
	write_tlbiall(0);
	dsb();
	isb();
}

static inline void irq_enable(void)
{
	__asm__ volatile("cpsie i" ::: "memory");
}

static inline void irq_disable(void)
{
	__asm__ volatile("cpsid i" ::: "memory");
}

static inline void wait_for_interrupt(void)
{
	__asm__ volatile("dsb; wfi" ::: "memory");
}

#endif
