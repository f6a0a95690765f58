/* fn_snapshot.c — SG_SNAPSHOT, SG_HISTORY and SG_TREND over the snapshot
 * store: where the database lives, the session's open store, and turning
 * cells into store rows and back. Dates cross the store in the 1899-12-30
 * system (serial + null_date_offset) so documents with either NullDate
 * share one database. */
#define _POSIX_C_SOURCE 200809L
#include "sgf_internal.h"

#include <errno.h>
#include <math.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Argument positions are the engine's, which names them in sg_error.arg.
 * SG_HISTORY and SG_TREND have no engine positions: the store and
 * sg_trend never name one of their arguments. */
enum {
  SN_PLAN = SG_SNAPSHOT_ARG_PLAN,
  SN_UNIT = SG_SNAPSHOT_ARG_UNIT,
  SN_AS_OF = SG_SNAPSHOT_ARG_AS_OF,
  SN_TARGET = SG_SNAPSHOT_ARG_TARGET,
  SN_ACTUAL = SG_SNAPSHOT_ARG_ACTUAL
};
enum { HI_PLAN, HI_UNIT, HI_FROM, HI_TO };
enum { TR_PLAN, TR_UNIT, TR_END };

#define PATH_SIZE 4096
#define KEY_NUM_SIZE SGF_CELL_NAME_SIZE

/* ------------------------------------------------------------ location */

/* A plan whose name starts with "demo:" or "示例:" ("示例：") belongs to a
 * sample workbook: its snapshots go to a demo database beside the real one,
 * so opening a sample never writes into a planner's history (which cannot
 * be deleted from a formula). ASCII case does not matter ("Demo:"). */
static int is_demo_plan(const char *plan) {
  if (!plan) return 0;
  static const char demo[] = "demo:";
  size_t i = 0;
  while (demo[i] && (plan[i] >= 'A' && plan[i] <= 'Z' ? plan[i] + 32 : plan[i]) == demo[i]) i++;
  if (!demo[i]) return 1;
  return strncmp(plan, "示例:", 7) == 0 || strncmp(plan, "示例：", 9) == 0;
}

/* path with "-demo" before a ".sqlite" ending (or at the end): the demo
 * database beside the real one. */
static int demo_path(char *buf, size_t size) {
  size_t len = strlen(buf), ext = strlen(".sqlite");
  size_t stem = len >= ext && strcmp(buf + len - ext, ".sqlite") == 0 ? len - ext : len;
  if (len + 5 >= size) return -1;
  memmove(buf + stem + 5, buf + stem, len - stem + 1);
  memcpy(buf + stem, "-demo", 5);
  return 0;
}

/* Only the user's environment chooses the store, never a workbook: a
 * formula must not be able to point the add-in at an arbitrary path or
 * server (store_location.c). The plan name only picks between the real
 * store and the demo database: beside the store file, or, when the store
 * is a PostgreSQL server, beside the default local file (sample data never
 * goes to a team's server). */
static int db_path(sgf_call *call, const char *plan, char *buf, size_t size) {
  if (sgf_locate_store(call, buf, size) != 0) return -1;
  if (!is_demo_plan(plan)) return 0;
  if (sg_store_kind(buf) == SG_STORE_POSTGRESQL && sgf_default_store_file(call, buf, size) != 0)
    return -1;
  if (demo_path(buf, size) != 0)
    return sgf_fail(call, "the snapshot database path is too long.", "快照数据库路径过长。");
  return 0;
}

int sgf_store_location(sgf_call *call, char *buf, size_t size) {
  return db_path(call, NULL, buf, size); /* the real database, not the demo one */
}

int sgf_fail_store(sgf_call *call, const sg_error *e) { return sgf_fail_engine(call, e, NULL); }

/* mkdir -p of the file's folder, new folders private (0700). */
static int make_parents(sgf_call *call, const char *path) {
  char dir[PATH_SIZE], why[128];
  snprintf(dir, sizeof dir, "%s", path);
  char *slash = strrchr(dir, '/');
  if (!slash || slash == dir) return 0; /* in the current folder or in / */
  *slash = '\0';
  int failed = 0;
  for (char *p = dir + 1;; p++) {
    if (*p != '/' && *p != '\0') continue;
    char c = *p;
    *p = '\0';
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) failed = errno;
    *p = c;
    if (failed || c == '\0') break;
  }
  struct stat sb;
  if (!failed && stat(dir, &sb) != 0) failed = errno;
  if (!failed && !S_ISDIR(sb.st_mode)) failed = ENOTDIR;
  if (!failed) return 0;
  if (strerror_r(failed, why, sizeof why) != 0) snprintf(why, sizeof why, "error %d", failed);
  return sgf_fail(call,
                  "cannot create the folder %s for the snapshot database (%s); set SALESGOAL_DB "
                  "to a writable place.",
                  "无法创建快照数据库所在的文件夹 %s（%s）；请将 SALESGOAL_DB 设置为可写的位置。",
                  dir, why);
}

/* ------------------------------------------------------------ the store */

typedef struct cached_store {
  sg_store *store;
  char path[PATH_SIZE];
} cached_store;

static void cached_free(void *p) {
  cached_store *c = p;
  sg_store_close(c->store);
  free(c);
}

/* One use of the store by one call; the session lock is held throughout. */
typedef struct store_use {
  sg_store *store;
  int owned; /* opened for this call only: close afterwards */
  char path[PATH_SIZE];
} store_use;

static int is_store_code(int code) {
  return (code >= SG_ESTORE_OPEN && code <= SG_ESTORE_IO) || code == SG_ESTORE_OFFLINE ||
         code == SG_ESTORE_LOCATION;
}

/* The localised sentence, then the file it is about. */
static int fail_store(sgf_call *call, const sg_error *e, const sgf_grid *args, const char *path) {
  sgf_fail_engine(call, e, args);
  if (is_store_code(e->code)) { /* a URI is shown without its password */
    char shown[512];
    sg_store_redact(path, shown, sizeof shown);
    size_t used = strlen(call->message);
    snprintf(call->message + used, sizeof call->message - used,
             call->lang == SGF_LANG_ZH ? "（%s）" : " (%s)", shown);
  }
  return -1;
}

/* Open the store, or reuse the one the session holds for the same path
 * (SALESGOAL_DB may change between calls, e.g. in tests). */
static int store_acquire(sgf_call *call, const sgf_grid *args, const char *plan, store_use *use) {
  use->store = NULL;
  use->owned = 0;
  if (db_path(call, plan, use->path, sizeof use->path) != 0) return -1;
  cached_store *c = sgf_session_get(call->session, SGF_SLOT_STORE);
  if (c && strcmp(c->path, use->path) == 0) {
    use->store = c->store;
    return 0;
  }
  if (sg_store_kind(use->path) == SG_STORE_SQLITE && make_parents(call, use->path) != 0) return -1;
  sg_error err;
  sg_store *st;
  if (sg_store_open(use->path, &st, &err) != SG_OK) return fail_store(call, &err, args, use->path);
  cached_store *nc = call->session ? malloc(sizeof *nc) : NULL;
  if (nc) {
    nc->store = st;
    memcpy(nc->path, use->path, sizeof nc->path);
    sgf_session_set(call->session, SGF_SLOT_STORE, nc, cached_free); /* closes an older one */
  } else {
    use->owned = 1; /* no session (or no memory to cache): per call */
  }
  use->store = st;
  return 0;
}

/* After a storage failure the cached connection is dropped, so the next
 * call starts from a fresh open (and reports a still-broken file again). */
static void store_release(sgf_call *call, store_use *use, int storage_failed) {
  if (use->owned) {
    sg_store_close(use->store);
  } else if (storage_failed && use->store) {
    sgf_session_set(call->session, SGF_SLOT_STORE, NULL, NULL);
  }
  use->store = NULL;
}

/* ------------------------------------------------------------ access */

/* Is plan listed in SALESGOAL_SHARED_PLANS (names separated by commas or
 * semicolons; "*" = every plan)? The user's environment, not a workbook,
 * decides: a received workbook cannot grant itself anything. */
static int plan_shared(const char *plan) {
  const char *list = getenv("SALESGOAL_SHARED_PLANS");
  size_t len = strlen(plan);
  for (const char *p = list; p && *p;) {
    const char *end = p + strcspn(p, ",;");
    while (p < end && *p == ' ') p++;
    const char *last = end;
    while (last > p && last[-1] == ' ') last--;
    if ((last - p == 1 && *p == '*') || ((size_t)(last - p) == len && memcmp(p, plan, len) == 0))
      return 1;
    p = *end ? end + 1 : end;
  }
  return 0;
}

/* May the calling document read (or write) plan? Called under the session
 * lock with the store in hand. */
static int check_access(sgf_call *call, const sgf_grid *args, store_use *use, const char *plan,
                        int mode) {
  if (!call->document || plan_shared(plan)) return 0;
  if (!call->document[0])
    return sgf_fail(call,
                    "save this workbook first: snapshots belong to the workbook file that "
                    "records them, and an unsaved workbook has no file yet.",
                    "请先保存本工作簿：快照归属于记录它们的工作簿文件，未保存的工作簿还没有文件。");
  sg_error err;
  int code = sg_store_access(use->store, plan, call->document, mode, &err);
  if (code == SG_OK) return 0;
  return fail_store(call, &err, args, use->path);
}

/* ------------------------------------------------------------ keys */

/* A plan or unit name from cell i: text as it is, a number the way Calc
 * shows it in General format, so unit 101 and "101" are the same unit (the
 * same text SG_ALERT and SG_ROLLUP match: sgf_cell_name). num (KEY_NUM_SIZE
 * bytes) holds the text of a number. */
static int key_of(sgf_call *call, const sgf_grid *args, size_t argi, size_t i, char *num,
                  const char **out) {
  const sgf_grid *g = &args[argi];
  const sgf_cell *cell = &g->cells[i];
  if (sgf_cell_name(cell, num, KEY_NUM_SIZE, out) == 0 && *out) return 0;
  char pos[96];
  sgf_cell_pos(call, g, i, pos, sizeof pos);
  sgf_vars vars = {.pos = pos};
  if (cell->kind == SGF_ERROR)
    return sgf_fail_vars(call, argi, "an error value{at}{pos} where a name is needed.",
                         "{pos}是错误值，此处需要名称。", &vars);
  return sgf_fail_vars(call, argi, "a blank cell{at}{pos} where a name is needed.",
                       "{pos}是空白单元格，此处需要名称。", &vars);
}

/* A name argument that must be one cell. */
static int key_scalar(sgf_call *call, const sgf_grid *args, size_t argi, char *num,
                      const char **out) {
  const sgf_grid *g = &args[argi];
  if (sgf_grid_size(g) != 1)
    return sgf_fail_arg(call, argi, "expects one name, got a %zu x %zu range.",
                        "应为单个名称，实际是 %zu 行 × %zu 列的区域。", g->rows, g->cols);
  return key_of(call, args, argi, 0, num, out);
}

typedef struct key_ref {
  const char *key;
  size_t i;
} key_ref;

static int key_ref_cmp(const void *a, const void *b) {
  const key_ref *x = a, *y = b;
  int c = strcmp(x->key, y->key);
  if (c) return c;
  return x->i < y->i ? -1 : x->i > y->i;
}

/* Two rows for one unit and date would leave only the last one stored,
 * silently; say so instead. */
static int reject_duplicates(sgf_call *call, const sgf_grid *args, const char *const *keys,
                             size_t n) {
  if (n < 2) return 0;
  key_ref *refs = malloc(n * sizeof *refs);
  if (!refs) return sgf_fail_nomem(call);
  for (size_t i = 0; i < n; i++) refs[i] = (key_ref){keys[i], i};
  qsort(refs, n, sizeof *refs, key_ref_cmp);
  int rc = 0;
  for (size_t k = 1; k < n && rc == 0; k++) {
    if (strcmp(refs[k - 1].key, refs[k].key) != 0) continue;
    char pos[96], quoted[64];
    sgf_cell_pos(call, &args[SN_UNIT], refs[k].i, pos, sizeof pos);
    sgf_quote(refs[k].key, quoted, sizeof quoted);
    sgf_vars vars = {.text = quoted, .pos = pos};
    rc = sgf_fail_vars(call, SN_UNIT,
                       "\"{text}\" appears again{at}{pos}; give each unit once per snapshot.",
                       "{pos}再次出现“{text}”；每次快照中每个单元只能出现一次。", &vars);
  }
  free(refs);
  return rc;
}

/* ------------------------------------------------------------ SG_SNAPSHOT */

static int sgf_impl_snapshot(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
  char plan_num[KEY_NUM_SIZE];
  const char *plan;
  double as_of;
  if (key_scalar(call, args, SN_PLAN, plan_num, &plan) != 0 ||
      sgf_arg_scalar(call, args, SN_AS_OF, 0, 0, &as_of) != 0)
    return -1;
  const sgf_grid *units = &args[SN_UNIT];
  if (units->rows != 1 && units->cols != 1)
    return sgf_fail_arg(call, SN_UNIT, "must be a single row or column, got a %zu x %zu range.",
                        "必须是单行或单列，实际是 %zu 行 × %zu 列的区域。", units->rows,
                        units->cols);
  if (sgf_arg_same_shape(call, args, SN_TARGET, SN_UNIT, 0) != 0 ||
      sgf_arg_same_shape(call, args, SN_ACTUAL, SN_UNIT, 0) != 0)
    return -1;
  /* A snapshot is per day: the time of NOW() must not make a new row at
   * every recalculation. */
  double day = floor(as_of + call->null_date_offset);

  size_t n = sgf_grid_size(units);
  double *targets = malloc(n * sizeof *targets), *actuals = malloc(n * sizeof *actuals);
  char (*nums)[KEY_NUM_SIZE] = malloc(n * sizeof *nums);
  const char **keys = malloc(n * sizeof *keys);
  sg_snapshot_row *rows = malloc(n * sizeof *rows);
  int rc = -1;
  if (!targets || !actuals || !nums || !keys || !rows) {
    sgf_fail_nomem(call);
    goto done;
  }
  if (sgf_arg_numbers(call, args, SN_TARGET, SGF_BLANK_REJECT, targets) != 0 ||
      sgf_arg_numbers(call, args, SN_ACTUAL, SGF_BLANK_REJECT, actuals) != 0)
    goto done;
  for (size_t i = 0; i < n; i++)
    if (key_of(call, args, SN_UNIT, i, nums[i], &keys[i]) != 0) goto done;
  if (reject_duplicates(call, args, keys, n) != 0) goto done;
  for (size_t i = 0; i < n; i++)
    rows[i] = (sg_snapshot_row){plan, keys[i], day, targets[i], actuals[i]};

  store_use use;
  sgf_session_lock(call->session);
  if (store_acquire(call, args, plan, &use) != 0) {
    sgf_session_unlock(call->session);
    goto done;
  }
  if (check_access(call, args, &use, plan, SG_STORE_WRITE) != 0) {
    store_release(call, &use, 0);
    sgf_session_unlock(call->session);
    goto done;
  }
  sg_error err;
  int code = sg_store_put(use.store, n, rows, NULL, &err);
  store_release(call, &use, is_store_code(code));
  sgf_session_unlock(call->session);
  if (code != SG_OK) {
    fail_store(call, &err, args, use.path);
    goto done;
  }
  /* Rows covered, written now or already up to date: the same number at
   * every recalculation. */
  rc = sgf_result_number(call, (double)n, result);
done:
  free(targets);
  free(actuals);
  free(nums);
  free(keys);
  free(rows);
  return rc;
}

/* ------------------------------------------------------------ reading */

/* All snapshots of (plan, unit) between from and to (1899 day serials). */
static int read_history(sgf_call *call, const sgf_grid *args, const char *plan, const char *unit,
                        double from, double to, sg_snapshot **rows, size_t *n) {
  store_use use;
  sgf_session_lock(call->session);
  if (store_acquire(call, args, plan, &use) != 0) {
    sgf_session_unlock(call->session);
    return -1;
  }
  if (check_access(call, args, &use, plan, SG_STORE_READ) != 0) {
    store_release(call, &use, 0);
    sgf_session_unlock(call->session);
    return -1;
  }
  sg_error err;
  int code = sg_store_history(use.store, plan, unit, from, to, rows, n, &err);
  store_release(call, &use, is_store_code(code));
  sgf_session_unlock(call->session);
  if (code != SG_OK) return fail_store(call, &err, args, use.path);
  return 0;
}

static int fail_no_rows(sgf_call *call, const char *plan, const char *unit, int bounded) {
  char qplan[64], qunit[64];
  sgf_quote(plan, qplan, sizeof qplan);
  sgf_quote(unit, qunit, sizeof qunit);
  /* Both languages take plan, then unit: printf arguments cannot be reordered. */
  if (bounded)
    return sgf_fail(call, "plan \"%s\" has no snapshots of unit \"%s\" between these dates.",
                    "计划“%s”中单元“%s”在这段日期内没有快照。", qplan, qunit);
  return sgf_fail(call,
                  "plan \"%s\" has no snapshots of unit \"%s\" yet; record some with "
                  "SG_SNAPSHOT.",
                  "计划“%s”中单元“%s”还没有快照；请先用 SG_SNAPSHOT 记录。", qplan, qunit);
}

static int sgf_impl_history(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
  char plan_num[KEY_NUM_SIZE], unit_num[KEY_NUM_SIZE];
  const char *plan, *unit;
  double from, to;
  if (key_scalar(call, args, HI_PLAN, plan_num, &plan) != 0 ||
      key_scalar(call, args, HI_UNIT, unit_num, &unit) != 0 ||
      sgf_arg_scalar(call, args, HI_FROM, 1, -HUGE_VAL, &from) != 0 ||
      sgf_arg_scalar(call, args, HI_TO, 1, HUGE_VAL, &to) != 0)
    return -1;
  if (from > to)
    return sgf_fail_arg(call, HI_TO, "is before from.", "早于起始日期。");
  int bounded = isfinite(from) || isfinite(to);
  /* Whole days, like the snapshots themselves: both ends are included. */
  from = floor(from + call->null_date_offset);
  to = floor(to + call->null_date_offset);

  sg_snapshot *rows = NULL;
  size_t n = 0;
  if (read_history(call, args, plan, unit, from, to, &rows, &n) != 0) return -1;
  int rc = -1;
  if (n == 0) {
    fail_no_rows(call, plan, unit, bounded);
  } else if (sgf_grid_init(result, n, 3) != 0) {
    sgf_fail_nomem(call);
  } else {
    for (size_t i = 0; i < n; i++) {
      sgf_grid_set_number(result, 3 * i, rows[i].as_of - call->null_date_offset);
      sgf_grid_set_number(result, 3 * i + 1, rows[i].target);
      sgf_grid_set_number(result, 3 * i + 2, rows[i].actual);
    }
    rc = 0;
  }
  sg_store_free(rows);
  return rc;
}

static int sgf_impl_trend(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
  char plan_num[KEY_NUM_SIZE], unit_num[KEY_NUM_SIZE];
  const char *plan, *unit;
  double end;
  if (key_scalar(call, args, TR_PLAN, plan_num, &plan) != 0 ||
      key_scalar(call, args, TR_UNIT, unit_num, &unit) != 0 ||
      sgf_arg_scalar(call, args, TR_END, 0, 0, &end) != 0)
    return -1;
  sg_snapshot *rows = NULL;
  size_t n = 0;
  if (read_history(call, args, plan, unit, -HUGE_VAL, HUGE_VAL, &rows, &n) != 0) return -1;
  if (n == 0) {
    sg_store_free(rows);
    return fail_no_rows(call, plan, unit, 0);
  }
  int rc = -1;
  double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
  if (!x || !y) {
    sgf_fail_nomem(call);
    goto done;
  }
  for (size_t i = 0; i < n; i++) {
    x[i] = rows[i].as_of;
    y[i] = rows[i].actual;
  }
  double forecast;
  sg_error err;
  /* The line is fitted in 1899 serials; `end` moves into the same system
   * (the forecast is the same either way, the arithmetic is consistent). */
  if (sg_trend(n, x, y, end + call->null_date_offset, &forecast, NULL, NULL, &err) != SG_OK) {
    sgf_fail_engine(call, &err, args);
    goto done;
  }
  rc = sgf_result_number(call, forecast, result);
done:
  free(x);
  free(y);
  sg_store_free(rows);
  return rc;
}

/* ------------------------------------------------------------ catalogue rows */

static const sgf_arg snapshot_args[] = {
    {"plan", EN_ZH("plan", "计划"),
     EN_ZH("Name of the plan the snapshot belongs to, e.g. \"FY2025\". Text or a number. A "
           "name starting with \"demo:\" keeps the snapshots in the separate demo database.",
           "快照所属计划的名称，例如“FY2025”。文本或数字。名称以“示例:”或“demo:”开头时，快照保存在单独的示例数据库中。"),
     0},
    {"unit", EN_ZH("unit", "单元"),
     EN_ZH("The unit (region, team, rep): one name, or a column of names to record many units in "
           "one go. Each unit at most once.",
           "单元（区域、团队、销售代表）：一个名称，或一列名称以一次记录多个单元。每个单元最多出现一次。"),
     0},
    {"asOf", EN_ZH("as_of", "截至日期"),
     EN_ZH("The day the figures are as of, e.g. TODAY(). A time of day is ignored, so one day "
           "holds one snapshot per unit; recording the same day again updates it.",
           "数据所截至的日期，例如 TODAY()。忽略时间部分，因此每个单元每天只有一条快照；同一天再次记录会更新该快照。"),
     0},
    {"target", EN_ZH("target", "目标"),
     EN_ZH("Target of each unit, shaped like unit.", "各单元的目标，与单元形状相同。"), 0},
    {"actual", EN_ZH("actual", "实际"),
     EN_ZH("Actual result to date of each unit, shaped like unit.",
           "各单元截至该日的实际完成额，与单元形状相同。"),
     0},
};

static const sgf_arg history_args[] = {
    {"plan", EN_ZH("plan", "计划"),
     EN_ZH("Name of the plan, as given to SG_SNAPSHOT.", "计划名称，与 SG_SNAPSHOT 中的一致。"), 0},
    {"unit", EN_ZH("unit", "单元"),
     EN_ZH("Name of one unit, as given to SG_SNAPSHOT.", "单个单元的名称，与 SG_SNAPSHOT 中的一致。"),
     0},
    {"from", EN_ZH("from", "起始日期"),
     EN_ZH("Optional. First day to include. Omitted = from the first snapshot.",
           "可选。包含的第一天。省略表示从第一条快照开始。"),
     1},
    {"to", EN_ZH("to", "结束日期"),
     EN_ZH("Optional. Last day to include. Omitted = up to the latest snapshot.",
           "可选。包含的最后一天。省略表示到最新一条快照为止。"),
     1},
};

static const sgf_arg trend_args[] = {
    {"plan", EN_ZH("plan", "计划"),
     EN_ZH("Name of the plan, as given to SG_SNAPSHOT.", "计划名称，与 SG_SNAPSHOT 中的一致。"), 0},
    {"unit", EN_ZH("unit", "单元"),
     EN_ZH("Name of one unit, as given to SG_SNAPSHOT.", "单个单元的名称，与 SG_SNAPSHOT 中的一致。"),
     0},
    {"end", EN_ZH("end", "预测日期"),
     EN_ZH("The date to forecast the actual for, e.g. the last day of the period.",
           "要预测实际完成额的日期，例如期末最后一天。"),
     0},
};

static const sgf_function snapshot_functions[] = {
    {"SG_SNAPSHOT",
     EN_ZH("Records today's progress for later: stores target and actual of each unit as of a "
           "day in the snapshot database (SALESGOAL_DB or ~/.config/salesgoal/config: a file, by "
           "default ~/.local/share/salesgoal/snapshots.sqlite, or the team's PostgreSQL "
           "database), shared by all workbooks. Returns how many units the snapshot "
           "covers. Recording the same plan, unit and day again updates that snapshot, so "
           "recalculating adds no rows; no formula deletes snapshots (the command line "
           "`salesgoal history delete` does) and an overwritten value is kept as a revision. A "
           "range of units is written all together or not at all. A plan belongs to the saved "
           "workbook that first records it: other workbooks can neither change nor read it unless "
           "the user shares it (SALESGOAL_SHARED_PLANS). A plan named \"demo:...\" or "
           "\"示例:...\" (as in the samples) is kept apart in snapshots-demo.sqlite beside the "
           "store file (beside the default file when the store is PostgreSQL), so trying a sample "
           "never touches real history.",
           "记录当前进度以备日后查看：把各单元截至某日的目标和实际值保存到快照数据库（由 SALESGOAL_DB 或 "
           "~/.config/salesgoal/config 指定：一个文件，默认 ~/.local/share/salesgoal/snapshots.sqlite，"
           "或团队的 PostgreSQL 数据库），所有工作簿共用。返回本次快照覆盖的单元数。对同一计划、单元和日期"
           "再次记录会更新该快照，因此重新计算不会增加行；公式不会删除快照（可在命令行用 `salesgoal history delete` "
           "删除），被覆盖的值作为修订保留。一组单元要么全部写入，要么全部不写入。计划属于最先记录它的已保存工作簿："
           "除非用户共享（SALESGOAL_SHARED_PLANS），其他工作簿既不能修改也不能读取它。名称以“demo:”或“示例:”开头的计划"
           "（示例工作簿即如此）单独保存在快照文件同一文件夹的 snapshots-demo.sqlite 中（使用 PostgreSQL 时保存在默认文件旁），"
           "因此试用示例不会影响真实的历史记录。"),
     sizeof snapshot_args / sizeof snapshot_args[0], snapshot_args,
     sgf_impl_snapshot, 1, SGF_IMPURE},
    {"SG_HISTORY",
     EN_ZH("The recorded snapshots of one unit, oldest first: three columns as_of, target, "
           "actual (format the first as a date). Array formula over 3 columns, or fill down "
           "=INDEX(SG_HISTORY(…); ROW()-1; 1) from row 2; an error when there are none.",
           "某个单元已记录的快照，按日期从早到晚：三列依次为截至日期、目标、实际（请将第一列设置为日期格式）。"
           "请以三列的数组公式输入，或从第 2 行起向下填充 =INDEX(SG_HISTORY(…); ROW()-1; 1)；没有快照时返回错误。"),
     sizeof history_args / sizeof history_args[0], history_args,
     sgf_impl_history, 1, SGF_IMPURE},
    {"SG_TREND",
     EN_ZH("Forecasts a unit's actual at a date from its snapshots: the least-squares straight "
           "line through (as_of, actual), read at end. Needs snapshots on at least 2 different "
           "days.",
           "根据快照预测某个单元在某日的实际完成额：通过 (截至日期, 实际) 的最小二乘直线在预测日期处的值。"
           "至少需要 2 个不同日期的快照。"),
     sizeof trend_args / sizeof trend_args[0], trend_args, sgf_impl_trend, 1, SGF_IMPURE},
};

SGF_FAMILY(snapshot, snapshot_functions);
