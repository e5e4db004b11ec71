/*
 * The main functions of the test and benchmark programs in tests/programs/, for
 * the test image's program table (programs.c here).
 */
#ifndef TESTPROGS_H
#define TESTPROGS_H

int test_spawn_main(int argc, char **argv);
int test_ipc_main(int argc, char **argv);
int test_preempt_main(int argc, char **argv);
int test_faults_main(int argc, char **argv);
int test_mem_main(int argc, char **argv);
int test_irq_main(int argc, char **argv);
int test_io_main(int argc, char **argv);
int test_drivers_main(int argc, char **argv);
int driver_caller_main(int argc, char **argv);
int test_protect_main(int argc, char **argv);
int child_main(int argc, char **argv);
int echo_server_main(int argc, char **argv);
int probe_main(int argc, char **argv);
int reporter_main(int argc, char **argv);
int grower_main(int argc, char **argv);
int big_heap_main(int argc, char **argv);
int irq_child_main(int argc, char **argv);
int io_child_main(int argc, char **argv);
int bench_main(int argc, char **argv);
int stack_bench_main(int argc, char **argv);
int yielder_main(int argc, char **argv);
int ping_server_main(int argc, char **argv);
int first_main(int argc, char **argv);
int table_bytes_main(int argc, char **argv);
int opener_main(int argc, char **argv);
int irq_bench_main(int argc, char **argv);
int bench_child_main(int argc, char **argv);
int test_hostile_main(int argc, char **argv);
int test_fuzz_main(int argc, char **argv);
int intruder_main(int argc, char **argv);
int spawner_main(int argc, char **argv);
int mapper_main(int argc, char **argv);
int hog_main(int argc, char **argv);
int fuzzer_main(int argc, char **argv);
int test_restart_mem_main(int argc, char **argv);
int test_restart_io_main(int argc, char **argv);
int test_restart_driver_main(int argc, char **argv);
int test_restart_crash_main(int argc, char **argv);
int restart_helper_main(int argc, char **argv);
int restart_driver_main(int argc, char **argv);
int crasher_main(int argc, char **argv);
int supervisor_main(int argc, char **argv);
int restart_bench_main(int argc, char **argv);

#endif
