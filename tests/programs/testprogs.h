/*
 * The main functions of the test and benchmark programs in tests/programs/, for
 * the test image's program table (programs.c here).
 */
#ifndef TESTPROGS_H
#define TESTPROGS_H

int test_spawn_main(void);
int test_ipc_main(void);
int test_preempt_main(void);
int test_faults_main(void);
int test_mem_main(void);
int test_irq_main(void);
int test_io_main(void);
int test_drivers_main(void);
int driver_caller_main(void);
int test_protect_main(void);
int child_main(void);
int echo_server_main(void);
int probe_main(void);
int spin_main(void);
int grower_main(void);
int big_heap_main(void);
int irq_child_main(void);
int io_child_main(void);
int bench_main(void);
int stack_bench_main(void);
int yielder_main(void);
int ping_server_main(void);
int first_main(void);
int table_bytes_main(void);
int opener_main(void);
int irq_bench_main(void);

#endif
