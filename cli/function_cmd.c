/* function_cmd.c — one subcommand per catalogue function.
 *
 *   salesgoal split --total 12000000 --weights weights.csv:history --unit 100
 *
 * Each argument of the function is an option of the same name. A value that
 * names a CSV file (FILE.csv, FILE.csv:COLUMN, - or -:COLUMN for standard
 * input) becomes a range; anything else one cell. The function runs through
 * sgf_invoke exactly as in Calc, so its checks and messages are the add-in's;
 * a message about a cell of a range is followed by where that cell is in the
 * file. The output is CSV: the columns of the input files that have one row
 * per result row, then the result, in columns named after the command. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define MAX_SOURCES 16
#define OPT_SIZE 64

typedef struct sources {
  cli_table tables[MAX_SOURCES];
  size_t n;
} sources;

/* How one argument was given. */
typedef struct arg_value {
  const char *text; /* as on the command line, NULL when omitted */
  int table;        /* index into sources, or -1 for one cell */
  long column;      /* column of the table, or -1 for all of it */
} arg_value;

void cli_function_help(const sgf_function *fn) {
  sgf_lang lang = cli_lang();
  char name[OPT_SIZE], opt[OPT_SIZE];
  cli_command_name(fn->name, name, sizeof name);
  printf(cli_t("usage: salesgoal %s", "用法：salesgoal %s"), name);
  for (size_t a = 0; a < fn->nargs; a++) {
    cli_option_name(fn->args[a].name, opt, sizeof opt);
    printf(fn->args[a].optional ? " [--%s %s]" : " --%s %s", opt, cli_t("VALUE", "值"));
  }
  printf("\n\n%s (%s)\n\n%s\n", fn->name, name, fn->description[lang]);
  if (fn->nargs) printf("\n%s\n", cli_t("Options:", "选项："));
  for (size_t a = 0; a < fn->nargs; a++) {
    const sgf_arg *arg = &fn->args[a];
    cli_option_name(arg->name, opt, sizeof opt);
    printf("  --%-20s %s%s\n", opt, arg->optional ? "" : cli_t("(required) ", "（必填）"),
           arg->help[lang]);
  }
  fputs(cli_t("\nA range: FILE.csv (every column), FILE.csv:COLUMN (by header or number), - for "
              "standard input.\nCSV in UTF-8, with or without a header line, ',' or ';' between "
              "fields. --no-header: the first\nline is data; --header: the first line names the "
              "columns. Dates as 2026-03-31.\n",
              "\n区域：文件.csv（全部列）、文件.csv:列（按标题或列号）、-（标准输入）。\n"
              "CSV 使用 UTF-8 编码，可有可无标题行，字段以“,”或“;”分隔。--no-header：第一行是数据；\n"
              "--header：第一行是列名。日期写作 2026-03-31。\n"),
        stdout);
}

static int is_file(const char *path) {
  struct stat sb;
  return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

static int ends_with_csv(const char *s, size_t len) {
  return len >= 4 && strncasecmp(s + len - 4, ".csv", 4) == 0;
}

/* Load (once) the table at path; its index, or -1 after printing why. */
static int load_source(sources *src, const char *path, cli_header_mode header, const char *opt) {
  for (size_t i = 0; i < src->n; i++)
    if (strcmp(src->tables[i].source, path) == 0) return (int)i;
  if (src->n == MAX_SOURCES) {
    cli_error("--%s: too many different files (at most %d).", "--%s：文件过多（最多 %d 个）。", opt,
              MAX_SOURCES);
    return -1;
  }
  char err[CLI_ERR_SIZE];
  if (cli_csv_load(path, header, cli_lang(), &src->tables[src->n], err, sizeof err) != 0) {
    cli_error("--%s: %s", "--%s：%s", opt, err);
    return -1;
  }
  return (int)src->n++;
}

/* Decide whether a value is a range from a file or one cell. Returns 0,
 * or CLI_BAD_INPUT after printing why. */
static int resolve(sources *src, arg_value *v, cli_header_mode header, const char *opt) {
  v->table = -1;
  v->column = -1;
  const char *t = v->text;
  char path[4096];
  const char *col = NULL;
  if (strcmp(t, "-") == 0 || is_file(t)) {
    snprintf(path, sizeof path, "%s", t);
  } else {
    const char *colon = strrchr(t, ':');
    size_t plen = colon ? (size_t)(colon - t) : strlen(t);
    if (colon && plen < sizeof path) {
      memcpy(path, t, plen);
      path[plen] = '\0';
    }
    if (colon && plen < sizeof path && (strcmp(path, "-") == 0 || is_file(path))) {
      col = colon + 1;
    } else if (ends_with_csv(t, plen) || ends_with_csv(t, strlen(t))) {
      cli_error("--%s: no such file: %s", "--%s：找不到文件：%s", opt, t);
      return CLI_BAD_INPUT;
    } else {
      return 0; /* one cell */
    }
  }
  /* a named column implies a header line (unless told otherwise) */
  int k = load_source(src, path, col && header == CLI_HEADER_AUTO ? CLI_HEADER_YES : header, opt);
  if (k < 0) return CLI_BAD_INPUT;
  v->table = k;
  if (col) {
    const cli_table *tab = &src->tables[k];
    v->column = cli_table_column(tab, col);
    if (v->column < 0) {
      char names[1024] = "";
      for (size_t c = 0; tab->has_header && c < tab->cols; c++) {
        size_t used = strlen(names);
        snprintf(names + used, sizeof names - used, "%s\"%s\"", c ? ", " : "", tab->header[c]);
      }
      if (tab->has_header)
        cli_error("--%s: %s has no column \"%s\"; its columns are %s.",
                  "--%s：%s 中没有“%s”列；现有列为 %s。", opt, path, col, names);
      else
        cli_error("--%s: %s has no header line and %zu columns; no column \"%s\".",
                  "--%s：%s 没有标题行，共 %zu 列；没有“%s”列。", opt, path, tab->cols, col);
      return CLI_BAD_INPUT;
    }
  }
  return 0;
}

/* The grid an argument stands for. Returns 0 or -1 (out of memory). */
static int build_grid(const sources *src, const arg_value *v, sgf_grid *g) {
  if (!v->text) {
    sgf_grid_init_omitted(g);
    return 0;
  }
  if (v->table < 0) {
    if (sgf_grid_init(g, 1, 1) != 0) return -1;
    return cli_cell_from_text(g, 0, v->text, 0);
  }
  const cli_table *t = &src->tables[v->table];
  size_t cols = v->column < 0 ? t->cols : 1;
  if (sgf_grid_init(g, t->rows, cols) != 0) return -1;
  char dc = t->sep == ';';
  for (size_t r = 0; r < t->rows; r++)
    for (size_t c = 0; c < cols; c++) {
      size_t tc = v->column < 0 ? c : (size_t)v->column;
      if (cli_cell_from_text(g, r * cols + c, t->fields[r * t->cols + tc], dc) != 0) return -1;
    }
  return 0;
}

/* From a function's message: which argument (1-based) and which cell of
 * its range ("row 3, column 1 of the range" / "区域第 3 行第 1 列"). */
static int message_cell(const char *msg, size_t *argno, size_t *row, size_t *col) {
  const char *p;
  *argno = *row = *col = 0;
  if ((p = strstr(msg, ", argument ")) != NULL) sscanf(p, ", argument %zu", argno);
  else if ((p = strstr(msg, "，第 ")) != NULL) sscanf(p, "，第 %zu", argno);
  if ((p = strstr(msg, "row ")) != NULL && sscanf(p, "row %zu, column %zu", row, col) == 2) return 1;
  if ((p = strstr(msg, "区域第 ")) != NULL && sscanf(p, "区域第 %zu 行第 %zu", row, col) == 2)
    return 1;
  *row = *col = 0;
  return *argno > 0;
}

/* After a function's message about a cell of a file: where it is. */
static void print_file_location(const sgf_function *fn, const sources *src, const arg_value *vals,
                                const char *msg) {
  size_t argno, row, col;
  if (!message_cell(msg, &argno, &row, &col) || argno == 0 || argno > fn->nargs) return;
  const arg_value *v = &vals[argno - 1];
  if (v->table < 0) return;
  const cli_table *t = &src->tables[v->table];
  if (row == 0) { /* a one-cell range, or the message names no cell */
    if (t->rows != 1 || (v->column < 0 && t->cols != 1)) return;
    row = col = 1;
  }
  if (row > t->rows) return;
  size_t tc = v->column >= 0 ? (size_t)v->column : col - 1;
  if (tc >= t->cols) return;
  char opt[OPT_SIZE], colname[256];
  cli_option_name(fn->args[argno - 1].name, opt, sizeof opt);
  if (t->has_header)
    snprintf(colname, sizeof colname, cli_t("column \"%s\"", "“%s”列"), t->header[tc]);
  else
    snprintf(colname, sizeof colname, cli_t("column %zu", "第 %zu 列"), tc + 1);
  fprintf(stderr,
          cli_t("  at --%s: %s, line %zu, %s, value \"%s\"\n",
                "  位置 --%s：%s 第 %zu 行，%s，值为“%s”\n"),
          opt, t->source, t->lines[row - 1], colname, t->fields[(row - 1) * t->cols + tc]);
  if (v->column < 0 && t->cols > 1 && t->has_header)
    fprintf(stderr,
            cli_t("  (--%s took every column of %s; for one of them write %s:%s)\n",
                  "  （--%s 读取了 %s 的全部列；只取其中一列请写 %s:%s）\n"),
            opt, t->source, t->source, t->header[t->cols - 1]);
}

static void put_number(double v) {
  char buf[64];
  if (v == 0) v = 0; /* no "-0" */
  snprintf(buf, sizeof buf, "%.15g", v);
  fputs(buf, stdout);
}

static void put_cell(const sgf_cell *c) {
  switch (c->kind) {
  case SGF_NUMBER: put_number(c->number); break;
  case SGF_TEXT: cli_csv_put_field(stdout, c->text); break;
  case SGF_ERROR: fputs("#N/A", stdout); break;
  case SGF_BLANK: default: break;
  }
}

/* The inputs that have one row per result row, then the result. */
static int print_result(const sgf_function *fn, const sources *src, const arg_value *vals,
                        const sgf_grid *res) {
  int shown[MAX_SOURCES] = {0};
  size_t nshown = 0, order[MAX_SOURCES];
  for (size_t a = 0; a < fn->nargs; a++) {
    const arg_value *v = &vals[a];
    if (!v->text || v->table < 0 || shown[v->table]) continue;
    if (src->tables[v->table].rows != res->rows || res->rows < 2) continue;
    shown[v->table] = 1;
    order[nshown++] = (size_t)v->table;
  }
  /* header: the file's names, else the option whose column it is */
  int first = 1;
  for (size_t s = 0; s < nshown; s++) {
    const cli_table *t = &src->tables[order[s]];
    for (size_t c = 0; c < t->cols; c++) {
      char name[OPT_SIZE + 16] = "";
      if (t->has_header) {
        snprintf(name, sizeof name, "%s", t->header[c]);
      } else {
        for (size_t a = 0; a < fn->nargs && !name[0]; a++) {
          const arg_value *v = &vals[a];
          if (!v->text || v->table != (int)order[s]) continue;
          if (v->column >= 0 && (size_t)v->column != c) continue;
          cli_option_name(fn->args[a].name, name, OPT_SIZE);
          if (v->column < 0 && t->cols > 1)
            snprintf(name + strlen(name), sizeof name - strlen(name), ".%zu", c + 1);
        }
        if (!name[0]) snprintf(name, sizeof name, "column%zu", c + 1);
      }
      if (!first) fputc(',', stdout);
      cli_csv_put_field(stdout, name);
      first = 0;
    }
  }
  /* the result's columns are named after the command: split, or periods.1 ... */
  char command[OPT_SIZE];
  cli_command_name(fn->name, command, sizeof command);
  for (size_t c = 0; c < res->cols; c++) {
    if (!first) fputc(',', stdout);
    if (res->cols == 1) fputs(command, stdout);
    else printf("%s.%zu", command, c + 1);
    first = 0;
  }
  fputc('\n', stdout);
  for (size_t r = 0; r < res->rows; r++) {
    first = 1;
    for (size_t s = 0; s < nshown; s++) {
      const cli_table *t = &src->tables[order[s]];
      for (size_t c = 0; c < t->cols; c++) {
        if (!first) fputc(',', stdout);
        cli_csv_put_field(stdout, t->fields[r * t->cols + c]);
        first = 0;
      }
    }
    for (size_t c = 0; c < res->cols; c++) {
      if (!first) fputc(',', stdout);
      put_cell(&res->cells[r * res->cols + c]);
      first = 0;
    }
    fputc('\n', stdout);
  }
  if (fflush(stdout) != 0) {
    cli_error("cannot write the output.", "无法写出结果。");
    return CLI_BAD_INPUT;
  }
  return CLI_OK;
}

static int usage_hint(const char *command) {
  fprintf(stderr, cli_t("  see: salesgoal %s --help\n", "  参见：salesgoal %s --help\n"), command);
  return CLI_USAGE;
}

int cli_run_function(const sgf_function *fn, int argc, char **argv) {
  const char *command = argv[0];
  arg_value *vals = calloc(fn->nargs ? fn->nargs : 1, sizeof *vals);
  sgf_grid *grids = calloc(fn->nargs ? fn->nargs : 1, sizeof *grids);
  sources *src = calloc(1, sizeof *src);
  int rc = CLI_BAD_INPUT;
  sgf_grid result = {0};
  sgf_session *session = NULL;
  if (!vals || !grids || !src) {
    cli_error("out of memory.", "内存不足。");
    goto done;
  }
  cli_header_mode header = CLI_HEADER_AUTO;
  for (int i = 1; i < argc;) {
    const char *a = argv[i], *value = NULL;
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      cli_function_help(fn);
      if (strcmp(command, "history") == 0)
        fputs(cli_t("\nThe snapshot database itself: salesgoal history list | export | delete "
                    "(salesgoal --help).\n",
                    "\n管理快照数据库本身：salesgoal history list | export | delete"
                    "（见 salesgoal --help）。\n"),
              stdout);
      rc = CLI_OK;
      goto done;
    }
    size_t k = 0;
    char opt[OPT_SIZE];
    for (; k < fn->nargs; k++) {
      cli_option_name(fn->args[k].name, opt, sizeof opt);
      if (cli_option(argc, argv, &i, opt, &value)) break;
    }
    if (k < fn->nargs) {
      if (!value) {
        cli_error("--%s needs a value.", "--%s 需要一个值。", opt);
        rc = usage_hint(command);
        goto done;
      }
      if (vals[k].text) {
        cli_error("--%s is given twice.", "--%s 重复给出。", opt);
        rc = usage_hint(command);
        goto done;
      }
      vals[k].text = value;
      continue;
    }
    if (strcmp(a, "--no-header") == 0 || strcmp(a, "--header") == 0) {
      header = a[2] == 'n' ? CLI_HEADER_NO : CLI_HEADER_YES;
      i++;
      continue;
    }
    cli_error("%s: unknown option %s.", "%s：未知选项 %s。", command, a);
    rc = usage_hint(command);
    goto done;
  }
  for (size_t k = 0; k < fn->nargs; k++) {
    char opt[OPT_SIZE];
    cli_option_name(fn->args[k].name, opt, sizeof opt);
    if (vals[k].text && (rc = resolve(src, &vals[k], header, opt)) != 0) goto done;
    rc = CLI_BAD_INPUT;
    if (build_grid(src, &vals[k], &grids[k]) != 0) {
      cli_error("out of memory.", "内存不足。");
      goto done;
    }
  }
  session = sgf_session_new();
  sgf_call call = {.lang = cli_lang(), .session = session, .null_date_offset = 0};
  int missing = 0;
  for (size_t k = 0; k < fn->nargs; k++) missing |= !fn->args[k].optional && !vals[k].text;
  if (sgf_invoke(fn, &call, grids, fn->nargs, &result) != 0) {
    fprintf(stderr, "%s\n", call.message);
    if (missing) {
      rc = usage_hint(command);
    } else {
      print_file_location(fn, src, vals, call.message);
      rc = CLI_BAD_INPUT;
    }
    goto done;
  }
  rc = print_result(fn, src, vals, &result);
done:
  sgf_grid_free(&result);
  if (grids)
    for (size_t k = 0; k < fn->nargs; k++) sgf_grid_free(&grids[k]);
  if (src)
    for (size_t s = 0; s < src->n; s++) cli_table_free(&src->tables[s]);
  sgf_session_free(session);
  free(vals);
  free(grids);
  free(src);
  return rc;
}
