/*
** commands.h: the commands of dtsim, one file each (cmd_NAME.c): the
** command itself, given its arguments (argv[0] is the command's name) and
** returning the exit status, and its --help text on stdout.
*/
#ifndef DTSIM_COMMANDS_H
#define DTSIM_COMMANDS_H

int cmd_run(int argc, char **argv);
void cmd_run_help(void);
int cmd_compare(int argc, char **argv);
void cmd_compare_help(void);
int cmd_sensitivity(int argc, char **argv);
void cmd_sensitivity_help(void);
int cmd_check(int argc, char **argv);
void cmd_check_help(void);
int cmd_params(int argc, char **argv);
void cmd_params_help(void);
int cmd_plot(int argc, char **argv);
void cmd_plot_help(void);
int cmd_report(int argc, char **argv);
void cmd_report_help(void);
int cmd_mc(int argc, char **argv);
void cmd_mc_help(void);
int cmd_merge(int argc, char **argv);
void cmd_merge_help(void);
int cmd_optimise(int argc, char **argv);
void cmd_optimise_help(void);
int cmd_calibrate(int argc, char **argv);
void cmd_calibrate_help(void);

#endif
