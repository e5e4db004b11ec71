/*
 * The main functions of the built-in programs in apps/ and servers/, for the
 * program table (kernel/programs.c).
 */
#ifndef APPS_H
#define APPS_H

int mem_main(int argc, char **argv);
int init_main(int argc, char **argv);
int hello_main(int argc, char **argv);
int heap_demo_main(int argc, char **argv);
int stack_demo_main(int argc, char **argv);
int stack_bomb_main(int argc, char **argv);

#endif
