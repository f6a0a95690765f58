/*
 * sgf.h — the spreadsheet face of salesgoal, independent of any host.
 *
 * A host (the UNO add-in, or a test) turns each argument of a call into a
 * neutral cell grid, finds the function in the catalogue and calls
 * sgf_invoke(). The result is another grid, or an error with a localised
 * message that names the function, the argument and what is wrong.
 * Nothing here knows about UNO; only engine/salesgoal.h is used below.
 */
#ifndef SGF_H
#define SGF_H

#include <stddef.h>

/* ------------------------------------------------------------ cell grid */

typedef enum { SGF_BLANK = 0, SGF_NUMBER, SGF_TEXT, SGF_ERROR } sgf_kind;

typedef struct sgf_cell {
  sgf_kind kind;
  double number;   /* SGF_NUMBER (booleans arrive as 0/1) */
  char *text;      /* SGF_TEXT: UTF-8, NUL-terminated, owned by the grid */
  /* SGF_TEXT whose source held a NUL character (U+0000 is legal in a UNO
   * string): the C string would end early and merge distinct names, so
   * sgf_invoke refuses such arguments. Set by sgf_grid_set_text. */
  int has_nul;
} sgf_cell;

/* rows x cols cells in row-major order. An omitted optional argument is a
 * grid with `omitted` set and 0 x 0 cells; a scalar is 1 x 1. */
typedef struct sgf_grid {
  int omitted;
  size_t rows, cols;
  sgf_cell *cells;
} sgf_grid;

/* Initialise *g as rows x cols blank cells. Returns 0, or -1 if out of
 * memory or rows*cols overflows (then *g is an empty grid). */
int sgf_grid_init(sgf_grid *g, size_t rows, size_t cols);
void sgf_grid_init_omitted(sgf_grid *g);
/* Release cells and texts; *g becomes an empty grid. Accepts NULL. */
void sgf_grid_free(sgf_grid *g);
void sgf_grid_set_number(sgf_grid *g, size_t i, double v);
/* Copy len bytes of UTF-8 into cell i. Returns 0 or -1 on out of memory. */
int sgf_grid_set_text(sgf_grid *g, size_t i, const char *utf8, size_t len);
void sgf_grid_set_error(sgf_grid *g, size_t i);
static inline size_t sgf_grid_size(const sgf_grid *g) { return g->rows * g->cols; }

/* ------------------------------------------------------------ languages */

typedef enum { SGF_LANG_EN = 0, SGF_LANG_ZH = 1, SGF_LANG_COUNT } sgf_lang;

/* "zh", "zh-CN", "zh_TW" ... -> SGF_LANG_ZH; anything else -> SGF_LANG_EN. */
sgf_lang sgf_lang_from_tag(const char *bcp47_or_posix);

/* ------------------------------------------------------------ catalogue */

/* The add-in's service and AddInInfo node name. It is stored in every saved
 * formula (ORG.SALESGOAL.FUNCTIONS.SG_SPLIT): it must never change. */
#define SGF_SERVICE_NAME "org.salesgoal.Functions"

#define SGF_MESSAGE_SIZE 512

/* Resources that live as long as the host's add-in object: compiled
 * pattern cache, open snapshot store. Created and freed by the host; a
 * call may carry NULL, in which case such functions fail with a message. */
typedef struct sgf_session sgf_session;
sgf_session *sgf_session_new(void);
void sgf_session_free(sgf_session *session); /* accepts NULL */

struct sgf_function;

/* Everything a call needs besides its arguments. The host fills lang and
 * last_error (the session's most recent message, for SG_LASTERROR); on
 * failure the function writes a localised sentence into message. */
typedef struct sgf_call {
  const struct sgf_function *fn;
  sgf_lang lang;
  const char *last_error;
  sgf_session *session;
  /* For functions with needs_document: days from 1899-12-30 to the calling
   * document's NullDate (0 for the default, 1462 for 1904-01-01), so that
   * serial + null_date_offset is a serial in the 1899-12-30 system. */
  double null_date_offset;
  /* Who is calling, for plans bound to documents (sg_store_access): the
   * calling document's identity (its URL), "" for a document never saved,
   * NULL for a host without documents (tests, command line), which may
   * use every plan. Filled by the host for functions with needs_document. */
  const char *document;
  char message[SGF_MESSAGE_SIZE];
} sgf_call;

/* An implementation receives exactly fn->nargs grids (omitted ones have
 * `omitted` set), fills *result and returns 0, or returns -1 after
 * writing call->message (via sgf_fail / sgf_fail_arg). */
typedef int (*sgf_impl)(sgf_call *call, const sgf_grid *args, sgf_grid *result);

typedef struct sgf_arg {
  const char *name;                   /* IDL parameter name, ASCII */
  const char *display[SGF_LANG_COUNT];/* name shown in the Function Wizard */
  const char *help[SGF_LANG_COUNT];   /* one-line help */
  int optional;
} sgf_arg;

typedef struct sgf_function {
  const char *name;                        /* SG_SPLIT: IDL method and compat name */
  const char *description[SGF_LANG_COUNT]; /* what it returns, how it behaves */
  size_t nargs;
  const sgf_arg *args;
  sgf_impl impl;
  /* Calc passes the calling document (a hidden first parameter) so the
   * host can fill sgf_call.null_date_offset. Only for functions that
   * turn serials into calendar dates or persist dates. */
  int needs_document;
} sgf_function;

/* One family's rows (functions/fn_FAMILY.c), see SGF_FAMILY. */
typedef struct sgf_family {
  const sgf_function *functions;
  size_t count;
} sgf_family;

/* Every function: families in file-name order, rows in their order. */
size_t sgf_catalogue_size(void);
/* Function i (0 <= i < sgf_catalogue_size()), or NULL past the end. */
const sgf_function *sgf_catalogue_at(size_t i);

/* The entry named `name` (exact, case-sensitive), or NULL. */
const sgf_function *sgf_find(const char *name);

/* Check the argument count and required arguments, then run fn.
 * Returns 0 with *result filled, or -1 with call->message set and *result
 * empty. */
int sgf_invoke(const sgf_function *fn, sgf_call *call, const sgf_grid *args,
               size_t nargs, sgf_grid *result);

/* ------------------------------------------------- helpers for functions */

/* Write "<FN>: <sentence>" in the call's language. en and zh are printf
 * formats taking the same arguments. Always returns -1. */
int sgf_fail(sgf_call *call, const char *en, const char *zh, ...);
/* Same, naming argument argi: "SG_SPLIT, argument 2 (weights): ...". */
int sgf_fail_arg(sgf_call *call, size_t argi, const char *en, const char *zh, ...);

#endif /* SGF_H */
