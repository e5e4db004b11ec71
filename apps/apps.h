/*
 * The main functions of the built-in programs in apps/ and servers/, for the
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

#endif
