/* history_cmd.c — salesgoal history list | export | delete, on the
 * snapshot store the add-in uses (the same SALESGOAL_DB resolution). A
 * store that does not exist yet is an empty one: it is not created just to
 * be listed. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "csv.h"

#include "salesgoal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PATH_SIZE 4096

static const sgf_function history_fn = {"salesgoal history", {"", ""}, 0, NULL, NULL, 0, SGF_IMPURE};

static int history_usage(void) {
  fputs(cli_t("usage: salesgoal history list\n"
              "       salesgoal history export --plan PLAN [--format csv]\n"
              "       salesgoal history delete --plan PLAN [--yes]\n",
              "用法：salesgoal history list\n"
              "      salesgoal history export --plan 计划 [--format csv]\n"
              "      salesgoal history delete --plan 计划 [--yes]\n"),
        stderr);
  return CLI_USAGE;
}

static int fail_engine(const sg_error *err, const char *path) {
  sgf_call call = {.fn = &history_fn, .lang = cli_lang()};
  sgf_fail_store(&call, err);
  fprintf(stderr, "%s (%s)\n", call.message, path);
  return CLI_BAD_INPUT;
}

/* The store of one history command, and the plans read from it. */
typedef struct history_store {
  char path[PATH_SIZE];
  sg_store *st; /* NULL when there is no store yet */
  sg_plan_summary *plans;
  size_t nplans;
} history_store;

/* Open the store (not its plans); h->st stays NULL (and CLI_OK is
 * returned) when it is a file that does not exist yet. On an error nothing
 * is left to close. */
static int history_open(history_store *h) {
  h->st = NULL;
  h->plans = NULL;
  h->nplans = 0;
  if (cli_store_path(h->path, sizeof h->path) != 0) return CLI_BAD_INPUT;
  struct stat sb; /* a file that does not exist yet holds nothing; a server is always asked */
  if (sg_store_kind(h->path) == SG_STORE_SQLITE && stat(h->path, &sb) != 0) return CLI_OK;
  sg_error err;
  if (sg_store_open(h->path, &h->st, &err) != SG_OK) {
    h->st = NULL;
    return fail_engine(&err, h->path);
  }
  return CLI_OK;
}

static int history_read_plans(history_store *h) {
  sg_error err;
  if (sg_store_plans(h->st, &h->plans, &h->nplans, &err) != SG_OK) return fail_engine(&err, h->path);
  return CLI_OK;
}

static void history_close(history_store *h) {
  sg_store_plans_free(h->plans, h->nplans);
  if (h->st) sg_store_close(h->st);
}

static void no_such_plan(const char *plan, const char *path) {
  cli_error("no snapshots of plan \"%s\" in %s; 'salesgoal history list' shows the plans.",
            "%2$s 中没有计划“%1$s”的快照；运行“salesgoal history list”查看所有计划。", plan, path);
}

/* Open the store and find plan's summary in it, for export and delete:
 * CLI_OK with *p set (history_close after), or an error after printing why
 * (nothing left open). A store that does not exist has no plan. */
static int history_open_plan(history_store *h, const char *plan, const sg_plan_summary **p) {
  int rc = history_open(h);
  if (rc != CLI_OK) return rc;
  if (!h->st) {
    no_such_plan(plan, h->path);
    return CLI_BAD_INPUT;
  }
  rc = history_read_plans(h);
  *p = NULL;
  for (size_t i = 0; rc == CLI_OK && !*p && i < h->nplans; i++)
    if (strcmp(h->plans[i].plan, plan) == 0) *p = &h->plans[i];
  if (rc == CLI_OK && !*p) {
    no_such_plan(plan, h->path);
    rc = CLI_BAD_INPUT;
  }
  if (rc != CLI_OK) history_close(h);
  return rc;
}

static void put_date(FILE *f, double serial) {
  if (!isfinite(serial) || serial < SG_DATE_MIN || serial > SG_DATE_MAX) {
    fprintf(f, "%.15g", serial);
    return;
  }
  sg_date d = sg_date_civil((long)floor(serial));
  fprintf(f, "%04d-%02d-%02d", d.year, d.month, d.day);
}

/* Unix seconds as UTC ISO 8601; empty when unknown. */
static void put_time(FILE *f, double t) {
  if (!isfinite(t)) return;
  time_t secs = (time_t)floor(t);
  struct tm tm;
  if (!gmtime_r(&secs, &tm)) return;
  char buf[32];
  strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  fputs(buf, f);
}

static void put_number(FILE *f, double v) { fprintf(f, "%.15g", v == 0 ? 0.0 : v); }

static int finish_output(void) {
  if (fflush(stdout) != 0) {
    cli_error("cannot write the output.", "无法写出结果。");
    return CLI_BAD_INPUT;
  }
  return CLI_OK;
}

static int history_list(void) {
  history_store h;
  int rc = history_open(&h);
  if (rc != CLI_OK) return rc;
  puts("plan,units,snapshots,first,last,updated");
  if (!h.st) return finish_output();
  rc = history_read_plans(&h);
  for (size_t i = 0; rc == CLI_OK && i < h.nplans; i++) {
    const sg_plan_summary *p = &h.plans[i];
    cli_csv_put_field(stdout, p->plan);
    printf(",%zu,%zu,", p->units, p->snapshots);
    put_date(stdout, p->first);
    putchar(',');
    put_date(stdout, p->last);
    putchar(',');
    put_time(stdout, p->updated);
    putchar('\n');
  }
  history_close(&h);
  return rc == CLI_OK ? finish_output() : rc;
}

typedef struct export_ctx {
  cli_progress progress;
  int write_failed;
} export_ctx;

static int export_row(void *p, const sg_snapshot_record *r, size_t i, size_t total) {
  export_ctx *ctx = p;
  cli_csv_put_field(stdout, r->plan);
  putchar(',');
  cli_csv_put_field(stdout, r->unit);
  putchar(',');
  put_date(stdout, r->as_of);
  putchar(',');
  put_number(stdout, r->target);
  putchar(',');
  put_number(stdout, r->actual);
  putchar(',');
  put_time(stdout, r->created);
  putchar(',');
  put_time(stdout, r->updated);
  if (putchar('\n') == EOF) return ctx->write_failed = 1;
  if ((i & 1023) == 0 || i + 1 == total)
    cli_progress_update(&ctx->progress, cli_t("rows", "行"), i + 1, total);
  return 0;
}

static int history_export(const char *plan) {
  history_store h;
  const sg_plan_summary *p;
  int rc = history_open_plan(&h, plan, &p);
  if (rc != CLI_OK) return rc;
  export_ctx ctx = {0};
  sg_error err;
  cli_progress_start(&ctx.progress, "history export");
  puts("plan,unit,as_of,target,actual,created,updated");
  int code = sg_store_export(h.st, plan, export_row, &ctx, &err);
  cli_progress_end(&ctx.progress);
  if (ctx.write_failed) {
    cli_error("cannot write the output.", "无法写出结果。");
    rc = CLI_BAD_INPUT;
  } else if (code != SG_OK) {
    rc = fail_engine(&err, h.path);
  } else {
    rc = finish_output();
  }
  history_close(&h);
  return rc;
}

/* Ask on the terminal. 1 = confirmed. */
static int confirm(const sg_plan_summary *p, const char *path) {
  fprintf(stderr,
          cli_t("Delete all %zu snapshots of plan \"%s\" (%zu units, ", "删除计划“%2$s”的全部 %1$zu "
                                                                     "条快照（%3$zu 个单元，"),
          p->snapshots, p->plan, p->units);
  put_date(stderr, p->first);
  fputs(cli_t(" to ", " 至 "), stderr);
  put_date(stderr, p->last);
  fprintf(stderr,
          cli_t(") from %s?\nThis cannot be undone. Type yes to delete: ",
                "），数据库 %s？\n此操作无法撤销。输入 yes 确认删除："),
          path);
  fflush(stderr);
  char line[64];
  if (!fgets(line, sizeof line, stdin)) return 0;
  line[strcspn(line, "\r\n")] = '\0';
  return strcmp(line, "yes") == 0 || strcmp(line, "y") == 0 || strcmp(line, "YES") == 0 ||
         strcmp(line, "是") == 0;
}

static int history_delete(const char *plan, int yes) {
  history_store h;
  const sg_plan_summary *p;
  int rc = history_open_plan(&h, plan, &p);
  if (rc != CLI_OK) return rc;
  size_t deleted = 0;
  sg_error err;
  if (!yes && !(isatty(STDIN_FILENO) && isatty(STDERR_FILENO))) {
    cli_error("not deleting: deleting a plan's history needs a confirmation on a terminal, or "
              "--yes.",
              "未删除：删除计划的历史需要在终端上确认，或加上 --yes。");
    rc = CLI_USAGE;
  } else if (!yes && !confirm(p, h.path)) {
    fputs(cli_t("Nothing deleted.\n", "未删除任何内容。\n"), stderr);
    rc = CLI_USAGE;
  } else if (sg_store_delete_plan(h.st, plan, &deleted, &err) != SG_OK) {
    rc = fail_engine(&err, h.path);
  } else {
    printf(cli_t("Deleted %zu snapshots of plan \"%s\" from %s.\n",
                 "已从 %3$s 删除计划“%2$s”的 %1$zu 条快照。\n"),
           deleted, plan, h.path);
    rc = finish_output();
  }
  history_close(&h);
  return rc;
}

int cli_history(int argc, char **argv) {
  if (argc < 2) return history_usage();
  const char *sub = argv[1];
  if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0) {
    history_usage();
    return CLI_OK;
  }
  const char *plan = NULL, *format = "csv";
  int yes = 0;
  for (int i = 2; i < argc;) {
    const char *v = NULL;
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      history_usage();
      return CLI_OK;
    }
    if (strcmp(argv[i], "--yes") == 0 || strcmp(argv[i], "-y") == 0) {
      yes = 1;
      i++;
    } else if (cli_option(argc, argv, &i, "plan", &v) && v) {
      plan = v;
    } else if (cli_option(argc, argv, &i, "format", &v) && v) {
      format = v;
    } else {
      cli_error("history %s: unknown option or missing value: %s.",
                "history %s：未知选项或缺少值：%s。", sub, argv[i < argc ? i : argc - 1]);
      return history_usage();
    }
  }
  if (strcmp(sub, "list") == 0) return history_list();
  if (strcmp(sub, "export") != 0 && strcmp(sub, "delete") != 0) {
    cli_error("unknown history command '%s'.", "未知的 history 命令“%s”。", sub);
    return history_usage();
  }
  if (!plan || !plan[0]) {
    cli_error("history %s needs --plan PLAN.", "history %s 需要 --plan 计划。", sub);
    return history_usage();
  }
  if (strcmp(format, "csv") != 0) {
    cli_error("--format %s: only csv is supported.", "--format %s：只支持 csv。", format);
    return CLI_USAGE;
  }
  return strcmp(sub, "export") == 0 ? history_export(plan) : history_delete(plan, yes);
}
