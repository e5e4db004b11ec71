/*
 * ARM GICv2, as QEMU virt has it.
 */
#ifndef GIC_H
#define GIC_H

void gic_init(void);
void gic_enable(int irq);
void gic_disable(int irq);
int gic_claim(void);
void gic_done(int irq);

#endif
