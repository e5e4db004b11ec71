/*
 * The main functions of the built-in programs in apps/, servers/ and drivers/, for the
 * program table (kernel/programs.c).
 */
#ifndef APPS_H
#define APPS_H

int mem_main(int argc, char **argv);
int io_main(int argc, char **argv);
int init_main(int argc, char **argv);
int hello_main(int argc, char **argv);
int heap_demo_main(int argc, char **argv);
int stack_demo_main(int argc, char **argv);
int stack_bomb_main(int argc, char **argv);
int rtc_main(int argc, char **argv);
int mbox_main(int argc, char **argv);
int gpio_main(int argc, char **argv);
int date_main(int argc, char **argv);
int board_main(int argc, char **argv);
int led_main(int argc, char **argv);
int console_main(int argc, char **argv);
int shell_main(int argc, char **argv);
int echo_main(int argc, char **argv);
int spin_main(int argc, char **argv);

/* The supervisor (servers/super/): adopts the boot servers, starts the count
 * programs names gives and restarts what is killed; never returns. */
int supervise(const char *const *names, unsigned count);

#endif
