/* cli.h — the salesgoal command's parts (private to cli/).
 *
 * The command is a host like the add-in: it knows the catalogue only
 * through functions/sgf.h and the engine through engine/salesgoal.h. */
#ifndef CLI_H
#define CLI_H

#include <stddef.h>

#include "sgf.h"

/* Exit codes. */
#define CLI_OK 0
#define CLI_BAD_INPUT 1
#define CLI_USAGE 2

/* The language of messages and help, from LC_ALL, LC_MESSAGES or LANG
 * (the first one set): zh* = Chinese, anything else English. */
sgf_lang cli_lang(void);
/* en or zh, by cli_lang(). */
const char *cli_t(const char *en, const char *zh);

/* "salesgoal: " + a sentence in the language of the command, on stderr. */
void cli_error(const char *en, const char *zh, ...);

/* Subcommand name of a function: SG_FUNNEL_FORECAST -> funnel-forecast. */
void cli_command_name(const char *function, char *buf, size_t size);
/* Option name of an argument: avgDeal -> avg-deal, red_below -> red-below. */
void cli_option_name(const char *arg, char *buf, size_t size);

/* The function whose subcommand is `command`, or NULL. */
const sgf_function *cli_find_command(const char *command);

/* The first sentence of a description (up to ". " or "。"), into buf. */
void cli_first_sentence(const char *text, char *buf, size_t size);

/* Option parsing: does argv[*i] name option `name` ("--name VALUE" or
 * "--name=VALUE")? Sets *value (NULL when the value is missing) and moves
 * *i past what was used. */
int cli_option(int argc, char **argv, int *i, const char *name, const char **value);

/* Subcommands. argv[0] is the subcommand's name. */
int cli_run_function(const sgf_function *fn, int argc, char **argv);
void cli_function_help(const sgf_function *fn);
int cli_history(int argc, char **argv);
int cli_recalc(int argc, char **argv);

/* Progress on standard error, only when it is a terminal, and only once
 * an operation has run for a second: "salesgoal recalc: loading… 3 s". */
typedef struct cli_progress {
  int enabled, shown;
  double start, last;
  const char *what;
} cli_progress;
void cli_progress_start(cli_progress *p, const char *what);
/* Update with a phase text (may be NULL: keep the previous one) and,
 * when total > 0, done of total. Cheap to call often. */
void cli_progress_update(cli_progress *p, const char *phase, size_t done, size_t total);
void cli_progress_end(cli_progress *p); /* clears the line */

/* Where the snapshot store is (the same as the add-in's): 0, or -1 after
 * printing why. */
int cli_store_path(char *buf, size_t size);

#endif
