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

/* Where an argument's cells sit in the workbook, when the host knows it
 * (SG_WHY re-reads references): messages then name the sheet cell
 * ("Plan.D12") instead of "row 3, column 1 of the range". */
typedef struct sgf_origin {
  int known;
  char sheet[128]; /* UTF-8 sheet name */
  long col, row;   /* 0-based, top-left cell of the argument's range */
} sgf_origin;

/* What a host offers functions that look at the workbook itself (SG_WHY,
 * through SGF_ARG_CELL arguments). All return 0, or -1
 * when the host cannot say. */
typedef struct sgf_host {
  void *ctx;
  /* The cell passed as reference argument argi: its formula as Calc stores
   * it ("=ORG.SALESGOAL.FUNCTIONS.SG_SPLIT(100;F4:F6)", "" for a cell
   * without formula) and the error code it shows (0 = none, 502 ...). */
  int (*target)(void *ctx, size_t argi, char *formula, size_t size, int *error);
  /* The cells of `range` ("B2:B9", "$B$2", a named range) on `sheet`
   * (NULL = the target cell's sheet) as a grid: numbers, text, "" as
   * blank, error cells as SGF_ERROR; *origin says where it is. */
  int (*read)(void *ctx, const char *sheet, const char *range, sgf_grid *grid,
              sgf_origin *origin);
  /* The error code shown at row/col (0-based, absolute) of origin->sheet. */
  int (*cell_error)(void *ctx, const sgf_origin *origin, long row, long col, int *error);
} sgf_host;

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
  /* Optional: what the host offers (reference arguments), and where each
   * argument's cells are (NULL: unknown; else fn->nargs entries). */
  const sgf_host *host;
  const sgf_origin *origins;
  /* Set by sgf_invoke: the arguments of the running call (for origins). */
  const struct sgf_grid *args;
  /* Who is calling, for plans bound to documents (sg_store_access): the
   * calling document's identity (its URL), "" for a document never saved,
   * NULL for a host without documents (tests, command line), which may
   * use every plan. Filled by the host for functions with needs_document. */
  const char *document;
  /* Set by sgf_invoke_cached: 1 when the result may be reused for equal
   * inputs (the function is pure and the call did not reach the store), 0
   * otherwise. A host's own cache of results (the add-in's memo) keeps only
   * these, so it never keeps what the result cache would not. */
  int reusable;
  /* Set when the call failed for a reason of the moment, not of its inputs
   * (the matching time budget ran out on a busy machine): such a failure is
   * never kept, so recalculating on a quieter machine computes again. */
  int transient;
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
  /* 0 = required, 1 = optional, SGF_ARG_CELL = required, and the host
   * passes the cell itself rather than its value (an XCellRange in Calc),
   * for the function to look at through sgf_call.host (SG_WHY). */
  int optional;
} sgf_arg;

#define SGF_ARG_CELL 2
static inline int sgf_arg_is_optional(const sgf_arg *a) { return a->optional == 1; }

/* SGF_PURE: the result depends only on the arguments, the language of
 * messages and the document's NullDate, so it may be reused for equal ones
 * (result cache, the add-in's fill-down memo) and SG_WHY may run it again.
 * SGF_IMPURE: it reads or writes anything else (the snapshot store, the
 * session's last error, cells of the workbook). Zero is impure: a row that
 * forgot to say is never reused. A pure function has at least one argument
 * and no SGF_ARG_CELL argument (sg-gen refuses the catalogue otherwise). */
typedef enum { SGF_IMPURE = 0, SGF_PURE = 1 } sgf_purity;

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
  /* The one purity fact, read by every cache (sgf_function_is_pure). */
  sgf_purity purity;
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

/* sgf_invoke through the session's result cache (functions/cache.c): a call
 * whose function, arguments (every cell), language and NullDate equal an
 * earlier one's gets that call's result or message without computing it
 * again. Only pure functions (sgf_function_is_pure) are cached, and only
 * calls that did not reach the snapshot store; call->reusable says whether
 * this one may be. Same contract as sgf_invoke; without a session it is
 * sgf_invoke (and call->reusable is 0). */
int sgf_invoke_cached(const sgf_function *fn, sgf_call *call, const sgf_grid *args,
                      size_t nargs, sgf_grid *result);

/* When an argument spans a whole column (whole_rows rows or more) or a
 * whole row (whole_cols columns; 0 = no limit), drop the result's trailing
 * all-blank rows (columns), keeping at least one (functions/trim.c).
 * Returns 1 when it shrank the result. */
int sgf_trim_whole_span(const sgf_grid *args, size_t nargs, size_t whole_rows,
                        size_t whole_cols, sgf_grid *result);

/* fn->purity == SGF_PURE (NULL: 0). The only test of purity: the result
 * cache, the add-in's memo and SG_WHY all ask it. */
int sgf_function_is_pure(const sgf_function *fn);

/* ------------------------------------------------- helpers for functions */

/* Write "<FN>: <sentence>" in the call's language. en and zh are printf
 * formats taking the same arguments. Always returns -1. */
int sgf_fail(sgf_call *call, const char *en, const char *zh, ...);
/* Same, naming argument argi: "SG_SPLIT, argument 2 (weights): ...". */
int sgf_fail_arg(sgf_call *call, size_t argi, const char *en, const char *zh, ...);

/* ------------------------------------------- for hosts that manage the store
 * The salesgoal command lists, exports and deletes the snapshot history on
 * the same file the snapshot functions use. */

struct sg_error;

/* The snapshot store's file: SALESGOAL_DB, else
 * $XDG_DATA_HOME/salesgoal/snapshots.sqlite, else
 * ~/.local/share/salesgoal/snapshots.sqlite. Returns 0, or -1 with
 * call->message set. */
int sgf_store_location(sgf_call *call, char *buf, size_t size);

/* The localised sentence for an engine failure e (a store failure, or any
 * other engine code) in call->message, prefixed with call->fn's name
 * (call->fn must be set). Always returns -1. */
int sgf_fail_store(sgf_call *call, const struct sg_error *e);

#endif /* SGF_H */
