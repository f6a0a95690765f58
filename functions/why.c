/* why.c — SG_WHY(cell): why the salesgoal call in that cell fails.
 *
 * The reason is worked out again, never remembered: the host hands over the
 * cell's formula as Calc stores it and the error it shows; each
 * ORG.SALESGOAL.FUNCTIONS.SG_xxx( call in it (outermost first, nested ones
 * too) is split into its top-level arguments; each is read the way Calc passes it (a reference through the
 * workbook, a number, a "text", TRUE/FALSE, an inline {1;2|3;4} array, or
 * omitted) and the function is run once more on those values; the first
 * call that fails gives the reason. Its message names the sheet cell at fault ("Plan.D12"). So the answer belongs to that
 * cell whatever order Calc computes cells in, to that document, and it is
 * never stale: a fixed cell shows no error, and SG_WHY says "".
 * What cannot be re-read is said so, with the error Calc shows and what it
 * is: an expression such as A1*2 or SUM(B2:B9), a deleted reference (#REF!),
 * cells of another document, a name the workbook does not hand over as
 * cells, a reference it would not let SG_WHY read, or a function with side
 * effects such as SG_SNAPSHOT.
 *
 * The formula is parsed again on every call too, on purpose: parsing is a
 * scan of its text (0.3-1 us measured, a tenth of a call with an in-memory
 * host, before any of the reads through Calc), and a cache keyed by the
 * formula would have to compare that same text to find its entry: it would
 * save next to nothing and add shared state. */
#include "sgf_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PREFIX "ORG.SALESGOAL.FUNCTIONS."
#define MAX_ARGS 16
#define FORMULA_SIZE 8192

typedef struct piece {
  const char *start;
  size_t len;
} piece;

static int starts_with_ci(const char *s, const char *prefix) {
  for (; *prefix; s++, prefix++)
    if (toupper((unsigned char)*s) != *prefix) return 0;
  return 1;
}

/* Skip a "..." string or a '...' sheet name starting at p (doubled quotes
 * inside); returns the character after it. */
static const char *skip_quoted(const char *p) {
  char q = *p++;
  while (*p) {
    if (*p == q && p[1] == q) p += 2;
    else if (*p == q) return p + 1;
    else p++;
  }
  return p;
}

/* The first salesgoal call at or after from: its name into name, its
 * argument text into pieces, and in *resume where to look for the next one
 * (just inside its bracket, so calls nested in its arguments are found too).
 * Returns the number of arguments, or -1 when there is none (or it cannot
 * be parsed). */
static int find_call(const char *formula, const char *from, char *name, size_t name_size,
                     piece *pieces, const char **resume) {
  const char *p = from;
  *resume = NULL;
  while (*p) {
    if (*p == '"' || *p == '\'') { p = skip_quoted(p); continue; }
    if (starts_with_ci(p, PREFIX) && (p == formula || !(isalnum((unsigned char)p[-1]) || p[-1] == '.' || p[-1] == '_')))
      break;
    p++;
  }
  if (!*p) return -1;
  p += strlen(PREFIX);
  size_t n = 0;
  while (isalnum((unsigned char)*p) || *p == '_') {
    if (n + 1 < name_size) name[n++] = (char)toupper((unsigned char)*p);
    p++;
  }
  name[n] = '\0';
  while (*p == ' ') p++;
  if (*p != '(') return -1;
  p++;
  *resume = p;
  int count = 0, depth = 0;
  const char *arg = p;
  for (; *p; p++) {
    if (*p == '"' || *p == '\'') { p = skip_quoted(p) - 1; continue; }
    if (*p == '(' || *p == '{') depth++;
    else if ((*p == ')' || *p == '}') && depth > 0) depth--;
    else if ((*p == ';' || *p == ')') && depth == 0) {
      if (count >= MAX_ARGS) return -1;
      pieces[count].start = arg;
      pieces[count].len = (size_t)(p - arg);
      count++;
      if (*p == ')') break;
      arg = p + 1;
    }
  }
  if (*p != ')') return -1;
  if (count == 1 && pieces[0].len == 0) count = 0; /* SG_X() */
  return count;
}

static void trim(piece *a) {
  while (a->len && isspace((unsigned char)a->start[0])) a->start++, a->len--;
  while (a->len && isspace((unsigned char)a->start[a->len - 1])) a->len--;
}

/* A number literal filling the whole piece. */
static int parse_number(const char *s, size_t len, double *out) {
  char buf[64];
  if (len == 0 || len >= sizeof buf) return 0;
  memcpy(buf, s, len);
  buf[len] = '\0';
  char *end;
  *out = strtod(buf, &end);
  return *end == '\0' && (isdigit((unsigned char)buf[0]) || buf[0] == '.' || buf[0] == '-' || buf[0] == '+');
}

/* "te""xt" -> te"xt into a 1 x 1 grid cell i. */
static int set_string_literal(sgf_grid *g, size_t i, const char *s, size_t len) {
  char *text = malloc(len + 1);
  if (!text) return -1;
  size_t n = 0;
  for (size_t k = 1; k + 1 < len; k++) {
    text[n++] = s[k];
    if (s[k] == '"' && s[k + 1] == '"') k++;
  }
  int rc = 0;
  if (n) rc = sgf_grid_set_text(g, i, text, n); /* "" reads as Calc reads it: blank */
  free(text);
  return rc;
}

static int is_string_literal(const char *s, size_t len) {
  if (len < 2 || s[0] != '"') return 0;
  return skip_quoted(s) == s + len;
}

/* One constant (number, "text", TRUE/FALSE) into cell i. */
static int set_constant(sgf_grid *g, size_t i, const char *s, size_t len) {
  double v;
  if (is_string_literal(s, len)) return set_string_literal(g, i, s, len) == 0 ? 1 : -1;
  if (parse_number(s, len, &v)) { sgf_grid_set_number(g, i, v); return 1; }
  if (len == 4 && starts_with_ci(s, "TRUE")) { sgf_grid_set_number(g, i, 1); return 1; }
  if (len == 5 && starts_with_ci(s, "FALSE")) { sgf_grid_set_number(g, i, 0); return 1; }
  return 0;
}

/* {1;2|3;4}: ';' separates columns, '|' rows (Calc's API grammar). */
static int parse_inline_array(const char *s, size_t len, sgf_grid *g) {
  if (len < 2 || s[0] != '{' || s[len - 1] != '}') return 0;
  size_t rows = 1, cols = 1, col = 1;
  for (const char *p = s + 1; p < s + len - 1; p++) {
    if (*p == '"') { p = skip_quoted(p) - 1; continue; }
    if (*p == ';') { if (++col > cols) cols = col; }
    else if (*p == '|') { rows++; col = 1; }
  }
  if (sgf_grid_init(g, rows, cols) != 0) return -1;
  const char *p = s + 1, *item = p;
  size_t r = 0, c = 0;
  for (;; p++) {
    if (p < s + len - 1 && *p == '"') { p = skip_quoted(p) - 1; continue; }
    if (p == s + len - 1 || *p == ';' || *p == '|') {
      piece it = {item, (size_t)(p - item)};
      trim(&it);
      if (set_constant(g, r * cols + c, it.start, it.len) != 1) { sgf_grid_free(g); return 0; }
      if (p == s + len - 1) break;
      if (*p == ';') c++;
      else { r++; c = 0; }
      item = p + 1;
    }
  }
  return 1;
}

/* A reference: [$]['Sheet name'|Sheet].range, or a range alone (A1, $B$2:$B$40,
 * A:A, a named range). Splits off the sheet (unquoted) into sheet (""
 * when none) and the range into range. Returns 1 if it looks like one. */
static int split_reference(const char *s, size_t len, char *sheet, size_t sheet_size,
                           char *range, size_t range_size) {
  sheet[0] = range[0] = '\0';
  size_t k = 0;
  if (k < len && s[k] == '$') k++;
  size_t sn = 0;
  if (k < len && s[k] == '\'') {
    const char *end = skip_quoted(s + k);
    if (end > s + len || end[-1] != '\'' || end >= s + len || *end != '.') return 0;
    for (size_t j = k + 1; s + j < end - 1; j++) {
      if (s[j] == '\'' && s[j + 1] == '\'') j++;
      if (sn + 1 < sheet_size) sheet[sn++] = s[j];
    }
    sheet[sn] = '\0';
    k = (size_t)(end - s) + 1;
  } else {
    const char *dot = memchr(s + k, '.', len - k);
    if (dot) {
      for (const char *q = s + k; q < dot; q++)
        if (!(isalnum((unsigned char)*q) || *q == '_' || (unsigned char)*q >= 0x80)) return 0;
      sn = (size_t)(dot - (s + k));
      if (sn == 0 || sn >= sheet_size) return 0;
      memcpy(sheet, s + k, sn);
      sheet[sn] = '\0';
      k = (size_t)(dot - s) + 1;
    }
  }
  /* The range part: cell addresses, ':' and '$'; "Sheet1.A1:Sheet1.B2"
   * repeats the sheet on the far end (dropped when it is the same). */
  size_t rn = 0;
  for (size_t j = k; j < len; j++) {
    char ch = s[j];
    if (ch == ':' && sn) {
      size_t rest = len - j - 1;
      const char *far = s + j + 1;
      if (*far == '$') far++, rest--;
      if (rest > sn && strncmp(far, sheet, sn) == 0 && far[sn] == '.') {
        if (rn + 1 < range_size) range[rn++] = ':';
        j = (size_t)(far + sn - s);
        continue;
      }
    }
    if (!(isalnum((unsigned char)ch) || ch == '$' || ch == ':' || ch == '_')) return 0;
    if (rn + 1 < range_size) range[rn++] = ch;
  }
  range[rn] = '\0';
  return rn > 0 && isalpha((unsigned char)range[0] == '$' ? range[1] : range[0]);
}

/* ------------------------------------------------------------ messages */

static const char *error_name(int code) {
  switch (code) {
  case 532: return "#DIV/0!";
  case 519: return "#VALUE!";
  case 524: return "#REF!";
  case 525: return "#NAME?";
  case 503: return "#NUM!";
  case 32767: return "#N/A";
  default: return NULL;
  }
}

static void error_text(int code, char *buf, size_t size) {
  const char *name = error_name(code);
  if (name) snprintf(buf, size, "%s", name);
  else snprintf(buf, size, "Err:%d", code);
}

static int say(sgf_call *call, sgf_grid *result, const char *text) {
  if (sgf_grid_init(result, 1, 1) != 0) return sgf_fail_nomem(call);
  if (text[0] && sgf_grid_set_text(result, 0, text, strlen(text)) != 0) return sgf_fail_nomem(call);
  return 0;
}

#define LANG(call, en, zh) ((call)->lang == SGF_LANG_ZH ? (zh) : (en))

/* ------------------------------------------------------------ SG_WHY */

typedef struct why_state {
  const sgf_function *fn;
  int nargs;
  piece pieces[MAX_ARGS];
  sgf_grid grids[MAX_ARGS];
  sgf_origin origins[MAX_ARGS];
} why_state;

/* What read_argument found: the argument read, or why it cannot be. */
enum {
  ARG_NOMEM = -1,
  ARG_EXPRESSION = 0,     /* A1*2, SUM(B2:B9): Calc computes it, SG_WHY cannot */
  ARG_READ = 1,
  ARG_DELETED = 2,        /* #REF!: cells or a sheet it named were deleted */
  ARG_OTHER_DOCUMENT = 3, /* 'file:///...'#$Sheet1.A1 */
  ARG_NAME = 4,           /* a name the workbook does not hand over as cells */
  ARG_REFUSED = 5         /* a reference the workbook would not let SG_WHY read */
};

/* "#REF!" outside "..." strings: Calc writes it where a deleted reference was. */
static int has_deleted_reference(const char *s, size_t len) {
  for (size_t k = 0; k < len; k++) {
    if (s[k] == '"') { k = (size_t)(skip_quoted(s + k) - s) - 1; continue; }
    if (len - k >= 5 && memcmp(s + k, "#REF!", 5) == 0) return 1;
  }
  return 0;
}

/* ['$']'document URL'#...: Calc's text for cells of another document. */
static int is_other_document(const char *s, size_t len) {
  size_t k = len && s[0] == '$' ? 1 : 0;
  if (k >= len || s[k] != '\'') return 0;
  const char *end = skip_quoted(s + k);
  return end < s + len && *end == '#';
}

/* Only the characters of references, no operator or bracket: a reference
 * SG_WHY could not take apart (cells on several sheets), not an expression. */
static int is_reference_text(const char *s, size_t len) {
  for (size_t k = 0; k < len; k++) {
    unsigned char ch = (unsigned char)s[k];
    if (ch == '\'') { k = (size_t)(skip_quoted(s + k) - s) - 1; continue; }
    if (!(isalnum(ch) || ch == '$' || ch == '.' || ch == ':' || ch == '_' || ch >= 0x80)) return 0;
  }
  return len > 0;
}

/* $?letters$?digits, $?letters (a column) or $?digits (a row): one end of an address. */
static int address_end(const char *s, size_t len, int *letters, int *digits) {
  size_t k = 0, nl = 0, nd = 0;
  if (k < len && s[k] == '$') k++;
  while (k < len && isalpha((unsigned char)s[k])) k++, nl++;
  if (k < len && s[k] == '$' && nl) k++;
  while (k < len && isdigit((unsigned char)s[k])) k++, nd++;
  *letters = nl > 0, *digits = nd > 0;
  return k == len && nl <= 3 && (nl || nd);
}

/* B4, $B$2:$B$40, A:A or 1:3, as opposed to a name such as Targets or FY2026. */
static int is_address(const char *range) {
  const char *colon = strchr(range, ':');
  int l0, d0, l1, d1;
  if (!colon) return address_end(range, strlen(range), &l0, &d0) && l0 && d0;
  return address_end(range, (size_t)(colon - range), &l0, &d0) &&
         address_end(colon + 1, strlen(colon + 1), &l1, &d1) && l0 == l1 && d0 == d1;
}

/* Read argument a the way Calc passes it: ARG_READ, ARG_NOMEM, or what
 * keeps it from being re-read. */
static int read_argument(const sgf_host *host, why_state *w, int a) {
  piece p = w->pieces[a];
  trim(&p);
  sgf_grid *g = &w->grids[a];
  if (p.len == 0) { sgf_grid_init_omitted(g); return ARG_READ; }
  if (sgf_grid_init(g, 1, 1) != 0) return ARG_NOMEM;
  int k = set_constant(g, 0, p.start, p.len);
  if (k != 0) return k;
  sgf_grid_free(g);
  k = parse_inline_array(p.start, p.len, g);
  if (k != 0) return k;
  if (has_deleted_reference(p.start, p.len)) return ARG_DELETED;
  if (is_other_document(p.start, p.len)) return ARG_OTHER_DOCUMENT;
  char sheet[128], range[96];
  if (!split_reference(p.start, p.len, sheet, sizeof sheet, range, sizeof range))
    return is_reference_text(p.start, p.len) ? ARG_REFUSED : ARG_EXPRESSION;
  if (host->read(host->ctx, sheet[0] ? sheet : NULL, range, g, &w->origins[a]) != 0) {
    sgf_grid_free(g);
    return is_address(range) ? ARG_REFUSED : ARG_NAME;
  }
  /* One cell passes its value: Calc reads a blank one as 0. */
  if (sgf_grid_size(g) == 1 && g->cells[0].kind == SGF_BLANK) sgf_grid_set_number(g, 0, 0);
  return ARG_READ;
}

/* Why argument a (text quoted) cannot be re-checked, and what to do. */
static void say_unreadable(sgf_call *call, const sgf_function *fn, int a, int kind,
                           const char *err, const char *quoted, char *msg) {
  static const char *const en[] = {
      [ARG_EXPRESSION] = "\"%s\" is an expression (such as A1*2 or SUM(B2:B9)), not a reference or a "
                         "constant; put it in a cell of its own and refer to that cell to see the reason.",
      [ARG_DELETED] = "\"%s\" is a reference Calc no longer resolves (#REF!: the cells, rows or sheet it "
                      "named were deleted); point the argument at existing cells again.",
      [ARG_OTHER_DOCUMENT] = "\"%s\" refers to cells of another document, which SG_WHY does not read; "
                             "copy those values into this document and refer to them there to see the reason.",
      [ARG_NAME] = "\"%s\" is a name the workbook would not let SG_WHY read as cells (it stands for a "
                   "formula or a constant, not for cells); refer to the cells themselves, such as B2:B9, to see the reason.",
      [ARG_REFUSED] = "the workbook would not let SG_WHY read the reference \"%s\" (a sheet it cannot "
                      "find, cells on several sheets, or more than 2 million cells); refer to just the "
                      "cells that hold the values, such as Plan.B2:B40, to see the reason.",
  };
  static const char *const zh[] = {
      [ARG_EXPRESSION] = "“%s”是一个表达式（例如 A1*2 或 SUM(B2:B9)），不是单元格引用或常量；"
                         "请把它放进单独的单元格并引用该单元格，即可看到原因。",
      [ARG_DELETED] = "“%s”是 Calc 已无法解析的引用（#REF!：它所指的单元格、行或工作表已被删除）；"
                      "请让该参数重新指向现有的单元格。",
      [ARG_OTHER_DOCUMENT] = "“%s”引用的是另一个文档中的单元格，SG_WHY 不读取其他文档；"
                             "请把这些数值复制到本文档中再引用，即可看到原因。",
      [ARG_NAME] = "“%s”是一个名称，工作簿不允许 SG_WHY 把它当作单元格读取（它代表公式或常量，而不是单元格）；"
                   "请直接引用单元格（例如 B2:B9），即可看到原因。",
      [ARG_REFUSED] = "工作簿不允许 SG_WHY 读取引用“%s”（找不到的工作表、跨多个工作表，或超过 200 万个单元格）；"
                      "请只引用存放数值的单元格（例如 Plan.B2:B40），即可看到原因。",
  };
  char what[SGF_MESSAGE_SIZE];
  snprintf(what, sizeof what, LANG(call, en[kind], zh[kind]), quoted);
  snprintf(msg, SGF_MESSAGE_SIZE,
           LANG(call, "%s shows %s. SG_WHY cannot re-check argument %d (%s): %s",
                "%s 显示 %s。SG_WHY 无法复核第 %d 个参数（%s）：%s"),
           fn->name, err, a + 1, fn->args[a].display[call->lang], what);
}

enum { WHY_SUCCEEDS = 0, WHY_FAILS = 1, WHY_UNCHECKED = 2, WHY_NOMEM = -1 };

/* Re-check one call (w->fn with w->pieces): WHY_FAILS with its reason in msg,
 * WHY_UNCHECKED with why it cannot be re-checked, or WHY_SUCCEEDS. */
static int explain(sgf_call *call, const sgf_host *host, why_state *w, int error, char *msg) {
  char err[24];
  error_text(error, err, sizeof err);
  const sgf_function *fn = w->fn;
  if ((size_t)w->nargs > fn->nargs) {
    snprintf(msg, SGF_MESSAGE_SIZE, LANG(call, "%s takes at most %zu arguments; this cell gives %d (it shows %s).",
                                   "%s 最多接受 %zu 个参数，此单元格给了 %d 个（显示 %s）。"),
             fn->name, fn->nargs, w->nargs, err);
    return WHY_FAILS;
  }
  for (int a = 0; a < w->nargs; a++) {
    int k = read_argument(host, w, a);
    if (k == ARG_NOMEM) return WHY_NOMEM;
    if (k != ARG_READ) {
      char quoted[64];
      piece p = w->pieces[a];
      trim(&p);
      char text[256];
      snprintf(text, sizeof text, "%.*s", (int)(p.len < 255 ? p.len : 255), p.start);
      sgf_quote(text, quoted, sizeof quoted);
      say_unreadable(call, fn, a, k, err, quoted, msg);
      return WHY_UNCHECKED;
    }
  }
  for (size_t a = (size_t)w->nargs; a < fn->nargs; a++) sgf_grid_init_omitted(&w->grids[a]);
  /* A required argument left empty: Calc does not call the function. */
  for (size_t a = 0; a < fn->nargs; a++) {
    if (w->grids[a].omitted && !sgf_arg_is_optional(&fn->args[a])) {
      snprintf(msg, SGF_MESSAGE_SIZE, LANG(call, "%s, argument %zu (%s) is required but missing.",
                                     "%s，第 %zu 个参数（%s）为必填参数，但未提供。"),
               fn->name, a + 1, fn->args[a].display[call->lang]);
      return WHY_FAILS;
    }
  }
  /* An error value inside an argument: Calc does not call the function. */
  for (size_t a = 0; a < fn->nargs; a++) {
    const sgf_grid *g = &w->grids[a];
    for (size_t i = 0; i < sgf_grid_size(g); i++) {
      if (g->cells[i].kind != SGF_ERROR) continue;
      char where[160] = "", shown[24] = "";
      const sgf_origin *o = &w->origins[a];
      int code = 0;
      if (o->known) {
        long row = o->row + (long)(i / g->cols), col = o->col + (long)(i % g->cols);
        sgf_sheet_cell_name(o->sheet, row, col, where, sizeof where);
        if (host->cell_error && host->cell_error(host->ctx, o, row, col, &code) == 0 && code)
          error_text(code, shown, sizeof shown);
      }
      snprintf(msg, SGF_MESSAGE_SIZE,
               LANG(call, "%s, argument %zu (%s): %s shows an error%s%s%s; fix that cell first.",
                    "%s，第 %zu 个参数（%s）：%s 显示错误值%s%s%s；请先修正该单元格。"),
               fn->name, a + 1, fn->args[a].display[call->lang], where[0] ? where : "a cell",
               shown[0] ? " (" : "", shown, shown[0] ? ")" : "");
      if (call->lang == SGF_LANG_ZH && !where[0])
        snprintf(msg, SGF_MESSAGE_SIZE, "%s，第 %zu 个参数（%s）中有单元格显示错误值；请先修正该单元格。",
                 fn->name, a + 1, fn->args[a].display[call->lang]);
      return WHY_FAILS;
    }
  }
  if (!sgf_function_is_pure(fn)) {
    snprintf(msg, SGF_MESSAGE_SIZE,
             LANG(call, "%s shows %s. SG_WHY does not run %s again (it reads or writes the snapshot "
                        "store); =SG_LASTERROR() holds the most recent message.",
                  "%s 显示 %s。SG_WHY 不会重新运行 %s（它读写快照库）；=SG_LASTERROR() 保存最近一条错误信息。"),
             fn->name, err, fn->name);
    return WHY_UNCHECKED;
  }
  sgf_call again = {.lang = call->lang, .session = call->session,
                    .null_date_offset = call->null_date_offset, .origins = w->origins};
  sgf_grid out;
  if (sgf_invoke(fn, &again, w->grids, fn->nargs, &out) != 0) {
    memcpy(msg, again.message, SGF_MESSAGE_SIZE);
    return WHY_FAILS;
  }
  sgf_grid_free(&out);
  return WHY_SUCCEEDS;
}

static void why_reset(why_state *w) {
  for (int a = 0; a < MAX_ARGS; a++) sgf_grid_free(&w->grids[a]);
  memset(w, 0, sizeof *w);
}

/* Every salesgoal call of the formula, outermost first: the first that
 * fails gives the reason; else the first that cannot be re-checked says so;
 * else the error comes from the rest of the formula. */
static int explain_formula(sgf_call *call, const sgf_host *host, const char *formula, int error,
                           why_state *w, char *reason) {
  char msg[SGF_MESSAGE_SIZE], name[64], first_sg[64] = "";
  int unchecked = 0, examined = 0;
  const char *from = formula, *resume;
  reason[0] = '\0';
  while (examined < MAX_ARGS) {
    why_reset(w);
    w->nargs = find_call(formula, from, name, sizeof name, w->pieces, &resume);
    if (!resume) break;
    from = resume;
    if (w->nargs < 0 || !(w->fn = sgf_find(name)) || w->fn->name == call->fn->name) continue;
    examined++;
    if (!first_sg[0]) snprintf(first_sg, sizeof first_sg, "%s", w->fn->name);
    int k = explain(call, host, w, error, msg);
    if (k == WHY_NOMEM) return -1;
    if (k == WHY_FAILS) {
      memcpy(reason, msg, SGF_MESSAGE_SIZE);
      return 0;
    }
    if (k == WHY_UNCHECKED && !unchecked) {
      memcpy(reason, msg, SGF_MESSAGE_SIZE);
      unchecked = 1;
    }
  }
  if (unchecked || !examined) return 0;
  char err[24];
  error_text(error, err, sizeof err);
  snprintf(reason, SGF_MESSAGE_SIZE,
           LANG(call, "%s itself succeeds with these inputs; the %s comes from the rest of the formula "
                      "(e.g. INDEX beyond the size of the result).",
                "%s 本身对这些输入可以算出结果；%s 来自公式的其他部分（例如 INDEX 超出了结果的范围）。"),
           first_sg, err);
  return 0;
}

int sgf_why(sgf_call *call, size_t argi, sgf_grid *result) {
  const sgf_host *host = call->host;
  if (!host || !host->target || !host->read)
    return sgf_fail(call, "needs the spreadsheet (it reads the cell's formula).",
                    "需要在电子表格中使用（它读取该单元格的公式）。");
  char *formula = malloc(FORMULA_SIZE);
  why_state *w = calloc(1, sizeof *w);
  char *reason = malloc(SGF_MESSAGE_SIZE);
  int rc, error = 0;
  if (!formula || !w || !reason) {
    rc = sgf_fail_nomem(call);
  } else if (host->target(host->ctx, argi, formula, FORMULA_SIZE, &error) != 0) {
    rc = sgf_fail_arg(call, argi, "must be a cell reference, such as B4.", "必须是单元格引用，例如 B4。");
  } else if (!error) {
    rc = say(call, result, ""); /* no error: nothing to explain */
  } else if (explain_formula(call, host, formula, error, w, reason) != 0) {
    rc = sgf_fail_nomem(call);
  } else {
    rc = say(call, result, reason); /* "" when the formula has no salesgoal call */
  }
  if (w) why_reset(w);
  free(w);
  free(reason);
  free(formula);
  return rc;
}
