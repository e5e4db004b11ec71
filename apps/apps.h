/*
 * The main functions of the built-in programs in apps/, servers/ and drivers/, for the
 * program table (kernel/programs.c).
 */
#ifndef APPS_H
#define APPS_H

int mem_main(void);
int io_main(void);
int init_main(void);
int hello_main(void);
int heap_demo_main(void);
int stack_demo_main(void);
int stack_bomb_main(void);
int rtc_main(void);
int mbox_main(void);
int gpio_main(void);
int date_main(void);
int board_main(void);
int led_main(void);

#endif
