/* sgf_internal.h — helpers shared by the function implementations (private). */
#ifndef SGF_INTERNAL_H
#define SGF_INTERNAL_H

#include "salesgoal.h"
#include "sgf.h"

/* How a blank cell in a numeric range is read. */
typedef enum {
  SGF_BLANK_ZERO,     /* blank weight / floor = 0 */
  SGF_BLANK_INF,      /* blank cap = no cap */
  SGF_BLANK_NAN,      /* blank lock = free */
  SGF_BLANK_REJECT    /* blank is an error */
} sgf_blank_policy;

/* One number from argument argi. An omitted optional argument, or a blank
 * cell, yields dflt when has_default; otherwise it is an error. Text, error
 * cells, NaN/inf and ranges of more than one cell are errors. */
int sgf_arg_scalar(sgf_call *call, const sgf_grid *args, size_t argi, int has_default,
                   double dflt, double *out);

/* Every cell of argument argi as a number, row-major, into out[n] where
 * n = rows*cols of the grid. Text and error cells and non-finite numbers are
 * errors naming the cell. */
int sgf_arg_numbers(sgf_call *call, const sgf_grid *args, size_t argi,
                    sgf_blank_policy blanks, double *out);

/* Argument argi must be a single row or a single column (any length >= 1);
 * its cells are read like sgf_arg_numbers into a new array *out of *n
 * numbers (free with free()). */
int sgf_arg_vector(sgf_call *call, const sgf_grid *args, size_t argi,
                   sgf_blank_policy blanks, double **out, size_t *n);

/* An optional TRUE/FALSE argument: omitted or blank -> dflt; a number is
 * TRUE when non-zero; anything else is an error. */
int sgf_arg_flag(sgf_call *call, const sgf_grid *args, size_t argi, int dflt, int *out);

/* Argument argi must have the same shape as argument refi, or (when
 * allow_single) be a single cell. Returns 0, or -1 with a message. */
int sgf_arg_same_shape(sgf_call *call, const sgf_grid *args, size_t argi, size_t refi,
                       int allow_single);

/* Localised message for an engine failure; e->arg names the argument
 * (engine argument positions equal the function's). Returns -1. */
int sgf_fail_engine(sgf_call *call, const sg_error *e, const sgf_grid *args);

/* Fill *result as a grid shaped like `shape` with n numbers. */
int sgf_result_numbers(sgf_call *call, const sgf_grid *shape, const double *values,
                       sgf_grid *result);

/* Fill *result as one cell holding v. Returns 0, or -1 with a message. */
int sgf_result_number(sgf_call *call, double v, sgf_grid *result);

/* A keyword argument: each choice lists up to SGF_CHOICE_ALIASES names
 * (NULL-terminated when fewer) that select its value. */
#define SGF_CHOICE_ALIASES 6
typedef struct sgf_choice {
  int value;
  const char *aliases[SGF_CHOICE_ALIASES];
} sgf_choice;

/* Read argument argi as one of choices[]: the cell text, trimmed of
 * spaces, matched ASCII case-insensitively, '_' in an alias also matching
 * a space or '-' ("required per day"). Omitted or blank gives dflt. A range
 * is an error ("expects one value"); any other value fails with the
 * message en / zh (plain text, not a format). Returns 0 or -1. */
int sgf_arg_choice(sgf_call *call, const sgf_grid *args, size_t argi, const sgf_choice *choices,
                   size_t nchoices, int dflt, const char *en, const char *zh, int *out);

/* ------------------------------------------------- cells in messages */

/* Copy text for quoting in a message: at most size-4 bytes, cut on a UTF-8
 * character boundary, with "..." appended when cut. */
void sgf_quote(const char *text, char *buf, size_t size);

/* "row 2, column 1 of the range" / "区域第 2 行第 1 列" for cell i of g, or ""
 * when g has a single cell. */
void sgf_cell_pos(const sgf_call *call, const sgf_grid *g, size_t i, char *buf, size_t size);

/* "Plan.D12" ('My plan'.D12, D12 without sheet) for a 0-based row/col. */
void sgf_sheet_cell_name(const char *sheet, long row, long col, char *buf, size_t size);

/* When the host said where argument grid g came from (call->origins), the
 * sheet cell of its cell i into buf; returns 1, else 0 (buf untouched). */
int sgf_origin_cell_name(const sgf_call *call, const sgf_grid *g, size_t i, char *buf,
                         size_t size);

/* Room for a number printed as a name by sgf_cell_name. */
#define SGF_CELL_NAME_SIZE 32

/* A cell used as a name, unit path or pattern: text as it is, a number as
 * Calc shows it in General format ("%.15g": unit 1001 and "1001" are the
 * same name; buf, of size bytes, holds that text), a blank cell or empty
 * text as NULL. Returns 0, or -1 for an error cell or a non-finite number
 * (the caller reports it; *out is then NULL). */
int sgf_cell_name(const sgf_cell *cell, char *buf, size_t size, const char **out);

/* Values substituted into message templates: {text} {pos} {at} {v} {v2}.
 * Templates (rather than printf positional arguments, which glibc mishandles
 * when one is skipped) let each language order the parts freely. */
typedef struct sgf_vars {
  const char *text; /* quoted cell text */
  const char *pos;  /* "row 2, column 1 of the range" or "" */
  double v, v2;     /* the numbers the sentence talks about */
} sgf_vars;

#define SGF_NO_ARG ((size_t)-1)

/* Like sgf_fail_arg (or sgf_fail when argi == SGF_NO_ARG) with templates.
 * {at} expands to " at " when pos is not empty. Returns -1. */
int sgf_fail_vars(sgf_call *call, size_t argi, const char *en, const char *zh,
                  const sgf_vars *vars);

/* SG_WHY (why.c): the reason the salesgoal call in the cell given as
 * argument argi (an SGF_ARG_CELL, read through call->host) fails, as a
 * 1 x 1 text result ("" when it shows no error). */
int sgf_why(sgf_call *call, size_t argi, sgf_grid *result);

/* Output-of-memory message. Returns -1. */
int sgf_fail_nomem(sgf_call *call);



/* The snapshot store's location (store_location.c): an absolute path or a
 * postgresql:// URI from SALESGOAL_DB or the user's config file, else the
 * default SQLite file. 0, or -1 with call->message set. */
int sgf_locate_store(sgf_call *call, char *buf, size_t size);
/* The default store file (XDG_DATA_HOME or ~/.local/share/salesgoal/
 * snapshots.sqlite), whatever SALESGOAL_DB or the config file say. */
int sgf_default_store_file(sgf_call *call, char *buf, size_t size);

/* Session slots: each family that keeps a resource owns one slot. The
 * getter returns NULL until the family stores an object with its
 * destructor; sgf_session_free calls the destructors. Calls into one
 * session are serialised with sgf_session_lock/unlock by the family code. */
typedef enum { SGF_SLOT_REGEX = 0, SGF_SLOT_STORE, SGF_SLOT_COUNT } sgf_slot;
void *sgf_session_get(sgf_session *session, sgf_slot slot);
void sgf_session_set(sgf_session *session, sgf_slot slot, void *object,
                     void (*destroy)(void *object));
void sgf_session_lock(sgf_session *session);
void sgf_session_unlock(sgf_session *session);

/* SG_SPLIT's scratch (session.c): take returns the session's split
 * context, which no other call can then take, or a new one (NULL when out
 * of memory or without a session: sg_split_with then uses its own); give
 * hands it back after the split (or frees it). */
sg_split_ctx *sgf_session_split_take(sgf_session *session);
void sgf_session_split_give(sgf_session *session, sg_split_ctx *ctx);

/* The result cache (cache.c). sgf_session_cache_lock returns the session's
 * cache locked (made on first use), or NULL (no session, no memory; then
 * nothing is locked). */
typedef struct sgf_cache sgf_cache;
sgf_cache *sgf_cache_new(void);
void sgf_cache_free(sgf_cache *cache); /* accepts NULL */
sgf_cache *sgf_session_cache_lock(sgf_session *session);
void sgf_session_cache_unlock(sgf_session *session);
/* Calls answered from the cache, and looked up but computed (for tests). */
void sgf_session_cache_counts(sgf_session *session, unsigned long *hits, unsigned long *misses);
/* How many times a call fetched the snapshot store slot so far. */
unsigned long sgf_session_store_uses(sgf_session *session);
/* Seconds of pattern matching one call may use: SALESGOAL_MATCH_SECONDS
 * when set to a positive number (slow checkers such as valgrind), else
 * SG_REGEX_CALL_SECONDS. */
double sgf_match_seconds(void);

/* Catalogue rows: help texts in both languages, and a family's rows
 * declared for the generator (build/gen/families.h collects every
 * SGF_FAMILY line of functions/fn_*.c; it must start a line). */
#define EN_ZH(en, zh) {en, zh}
#define SGF_FAMILY(family, rows)                                                           \
  const sgf_family sgf_family_##family = {rows, sizeof rows / sizeof rows[0]}

#endif
