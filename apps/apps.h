/*
 * The main functions of the built-in programs in apps/ and servers/, for the
 * program table (kernel/programs.c).
 */
#ifndef APPS_H
#define APPS_H

int mem_main(void);
int init_main(void);
int hello_main(void);
int test_spawn_main(void);
int test_ipc_main(void);
int test_preempt_main(void);
int test_faults_main(void);
int child_main(void);
int echo_server_main(void);
int probe_main(void);
int spin_main(void);
int bench_main(void);
int yielder_main(void);
int ping_server_main(void);
int first_main(void);
int table_bytes_main(void);
int heap_demo_main(void);
int stack_demo_main(void);
int stack_bomb_main(void);
int test_mem_main(void);
int grower_main(void);
int big_heap_main(void);
int stack_bench_main(void);
int test_irq_main(void);
int irq_child_main(void);

#endif
