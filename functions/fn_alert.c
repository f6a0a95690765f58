/* fn_alert.c — SG_ALERT (traffic lights with pattern-scoped rules) and
 * SG_ROLLUP (aggregates over unit paths picked by a pattern). Both match
 * patterns through the session's compiled-pattern cache. */
#include "sgf_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------ pattern cache */

/* The session cache outlives the call, so a pattern repeated in 10,000
 * cells compiles once; it is not thread-safe, hence the session lock for
 * the whole call. Without a session (tests, fuzzing) a cache lives for one
 * call only. */
typedef struct regex_scope {
  sgf_session *session;
  sg_regex_cache *cache;
  int temporary;
} regex_scope;

static void destroy_cache(void *cache) { sg_regex_cache_free(cache); }

static int regex_begin(sgf_call *call, regex_scope *s) {
  s->session = call->session;
  s->temporary = 0;
  sgf_session_lock(s->session);
  s->cache = sgf_session_get(s->session, SGF_SLOT_REGEX);
  if (!s->cache) {
    s->cache = sg_regex_cache_create(0, 0);
    if (s->cache && s->session) sgf_session_set(s->session, SGF_SLOT_REGEX, s->cache, destroy_cache);
    else s->temporary = 1;
  }
  if (!s->cache) {
    sgf_session_unlock(s->session);
    return sgf_fail_nomem(call);
  }
  sg_regex_cache_budget(s->cache, sgf_match_seconds());
  return 0;
}

static void regex_end(regex_scope *s) {
  if (s->temporary) sg_regex_cache_free(s->cache);
  sgf_session_unlock(s->session);
}

/* ------------------------------------------------------------ helpers */

static int fail_error_cell(sgf_call *call, const sgf_grid *args, size_t argi, size_t i,
                           const char *en_what, const char *zh_what) {
  char pos[96];
  sgf_cell_pos(call, &args[argi], i, pos, sizeof pos);
  sgf_vars vars = {.pos = pos, .text = call->lang == SGF_LANG_ZH ? zh_what : en_what};
  return sgf_fail_vars(call, argi, "an error value or non-finite number{at}{pos} where {text} is needed.",
                       "{pos}是错误值或非有限数值，此处需要{text}。", &vars);
}

static int fail_text_cell(sgf_call *call, const sgf_grid *args, size_t argi, size_t i) {
  char pos[96], quoted[48];
  sgf_cell_pos(call, &args[argi], i, pos, sizeof pos);
  sgf_quote(args[argi].cells[i].text, quoted, sizeof quoted);
  sgf_vars vars = {.pos = pos, .text = quoted};
  return sgf_fail_vars(call, argi, "text \"{text}\"{at}{pos} where a threshold number is needed.",
                       "{pos}是文本“{text}”，此处需要阈值数字。", &vars);
}

/* Pin an engine failure on one cell of argument argi before reporting it. */
static int fail_engine_at(sgf_call *call, const sgf_grid *args, sg_error *err, size_t argi,
                          size_t cell) {
  err->arg = (int)argi;
  err->index = (long)cell;
  return sgf_fail_engine(call, err, args);
}

/* ------------------------------------------------------------ SG_ALERT */

/* Argument positions are the engine's, which names them in sg_error.arg. */
enum {
  AL_VALUE = SG_ALERT_ARG_VALUE,
  AL_THRESHOLDS = SG_ALERT_ARG_THRESHOLDS,
  AL_UNIT = SG_ALERT_ARG_UNIT,
  AL_RULES = SG_ALERT_ARG_RULES,
  AL_WHAT = SG_ALERT_ARG_WHAT
};

typedef struct rule {
  sg_regex *re;
  double red, amber;
  const char *label; /* NULL when none */
  char label_buf[SGF_CELL_NAME_SIZE];
  size_t row;        /* in the rules range, for messages */
} rule;

/* thresholds: omitted = defaults; else two cells {red_below; amber_below},
 * a blank one keeping its default. */
static int read_thresholds(sgf_call *call, const sgf_grid *args, double *red, double *amber) {
  *red = SG_ALERT_RED_BELOW;
  *amber = SG_ALERT_AMBER_BELOW;
  const sgf_grid *g = &args[AL_THRESHOLDS];
  if (g->omitted) return 0;
  if (sgf_grid_size(g) != 2 || (g->rows != 1 && g->cols != 1))
    return sgf_fail_arg(call, AL_THRESHOLDS,
                        "needs two numbers {red_below; amber_below}, e.g. {0.85; 0.95}; got a %zu "
                        "x %zu range.",
                        "需要两个数 {红色下限; 黄色下限}，例如 {0.85; 0.95}；实际是 %zu 行 × %zu 列的区域。",
                        g->rows, g->cols);
  double t[2];
  if (sgf_arg_numbers(call, args, AL_THRESHOLDS, SGF_BLANK_NAN, t) != 0) return -1;
  if (!isnan(t[0])) *red = t[0];
  if (!isnan(t[1])) *amber = t[1];
  sg_alert_level level;
  sg_error err;
  if (sg_alert_classify(0, *red, *amber, &level, &err) != SG_OK)
    return sgf_fail_engine(call, &err, args);
  return 0;
}

static int read_what(sgf_call *call, const sgf_grid *args, int *message) {
  static const sgf_choice whats[] = {{0, {"code", NULL}}, {1, {"message", NULL}}};
  return sgf_arg_choice(call, args, AL_WHAT, whats, sizeof whats / sizeof whats[0], 0,
                        "must be \"code\" (RED, AMBER, GREEN) or \"message\" (a sentence).",
                        "必须是 \"code\"（RED、AMBER、GREEN）或 \"message\"（一句说明）。", message);
}

static void release_rules(regex_scope *scope, rule *rules, size_t n) {
  for (size_t r = 0; r < n; r++) sg_regex_release(scope->cache, rules[r].re);
}

/* rules: rows of pattern | red_below | amber_below | [label]; blank rows
 * are skipped, a blank threshold inherits the thresholds argument. */
static int read_rules(sgf_call *call, const sgf_grid *args, regex_scope *scope, double red,
                      double amber, rule *rules, size_t *nrules) {
  const sgf_grid *g = &args[AL_RULES];
  *nrules = 0;
  if (g->cols != 3 && g->cols != 4)
    return sgf_fail_arg(call, AL_RULES,
                        "needs 3 or 4 columns (pattern | red_below | amber_below | label), got %zu.",
                        "需要 3 或 4 列（模式 | 红色下限 | 黄色下限 | 标签），实际为 %zu 列。", g->cols);
  for (size_t r = 0; r < g->rows; r++) {
    const sgf_cell *row = &g->cells[r * g->cols];
    int blank = 1;
    for (size_t c = 0; c < g->cols; c++)
      if (row[c].kind != SGF_BLANK && !(row[c].kind == SGF_TEXT && !row[c].text[0])) blank = 0;
    if (blank) continue;
    if (*nrules == SG_ALERT_MAX_RULES)
      return sgf_fail_arg(call, AL_RULES,
                          "has more than %u rules; one call takes at most %u (group units with "
                          "patterns such as ^APAC/ instead of one rule per unit).",
                          "规则超过 %u 条；一次调用最多 %u 条（请用 ^APAC/ 这样的模式对单元分组，"
                          "而不是每个单元一条规则）。",
                          SG_ALERT_MAX_RULES, SG_ALERT_MAX_RULES);
    rule *ru = &rules[*nrules];
    char pbuf[SGF_CELL_NAME_SIZE];
    const char *pattern;
    if (sgf_cell_name(&row[0], pbuf, sizeof pbuf, &pattern) != 0)
      return fail_error_cell(call, args, AL_RULES, r * g->cols, "a pattern", "模式");
    if (!pattern)
      return sgf_fail_arg(call, AL_RULES,
                          "row %zu has thresholds but no pattern; to match every unit use .*",
                          "第 %zu 行有阈值但没有模式；要匹配所有单元请用 .*", r + 1);
    for (size_t c = 1; c <= 2; c++) {
      const sgf_cell *t = &row[c];
      if (t->kind == SGF_BLANK) continue;
      if (t->kind != SGF_NUMBER || !isfinite(t->number)) {
        if (t->kind == SGF_TEXT) return fail_text_cell(call, args, AL_RULES, r * g->cols + c);
        return fail_error_cell(call, args, AL_RULES, r * g->cols + c, "a number", "数字");
      }
    }
    ru->red = row[1].kind == SGF_NUMBER ? row[1].number : red;
    ru->amber = row[2].kind == SGF_NUMBER ? row[2].number : amber;
    ru->label = NULL;
    if (g->cols == 4 &&
        sgf_cell_name(&row[3], ru->label_buf, sizeof ru->label_buf, &ru->label) != 0)
      return fail_error_cell(call, args, AL_RULES, r * g->cols + 3, "a label", "标签");
    sg_alert_level level;
    sg_error err;
    if (sg_alert_classify(0, ru->red, ru->amber, &level, &err) != SG_OK)
      return fail_engine_at(call, args, &err, AL_RULES, r * g->cols + 1);
    if (sg_regex_compile(scope->cache, pattern, strlen(pattern), &ru->re, &err) != SG_OK)
      return fail_engine_at(call, args, &err, AL_RULES, r * g->cols);
    ru->row = r;
    (*nrules)++;
  }
  return 0;
}

/* v as a percentage with as few decimals as keep it on the same side of
 * each threshold as v itself: 0.8499 must not read "85%" next to "red
 * below 85%". Thresholds print with up to 10 significant digits. */
static void format_pct(double v, double red, double amber, char *buf, size_t size) {
  char tr[32], ta[32];
  snprintf(tr, sizeof tr, "%.10g", red * 100);
  snprintf(ta, sizeof ta, "%.10g", amber * 100);
  double pr = strtod(tr, NULL), pa = strtod(ta, NULL);
  /* At least as many decimals as the thresholds show: "95.5% (green from
   * 95.5%)" rather than "96%". */
  int d0 = 0;
  for (int k = 0; k < 2; k++) {
    const char *dot = strchr(k ? ta : tr, '.');
    int decimals = dot && !strchr(dot, 'e') ? (int)strlen(dot + 1) : 0;
    if (decimals > d0) d0 = decimals < 6 ? decimals : 6;
  }
  for (int d = d0; d <= 6; d++) {
    snprintf(buf, size, "%.*f", d, v * 100);
    double x = strtod(buf, NULL);
    if ((x < pr) == (v < red) && (x < pa) == (v < amber)) return;
  }
  snprintf(buf, size, "%.10g", v * 100);
}

static void format_alert(const sgf_call *call, int message, sg_alert_level level, double v,
                         const char *unit, double red, double amber, const char *label, char *buf,
                         size_t size) {
  const char *code = sg_alert_code(level);
  if (!message) { /* fixed ASCII in every language, so formulas can test it */
    if (label) snprintf(buf, size, "%s: %s", label, code);
    else snprintf(buf, size, "%s", code);
    return;
  }
  char pct[48], limit[32], who[224] = "", rule_note[96] = "";
  format_pct(v, red, amber, pct, sizeof pct);
  snprintf(limit, sizeof limit, "%.10g", (level == SG_ALERT_RED ? red : amber) * 100);
  int zh = call->lang == SGF_LANG_ZH;
  if (unit) {
    sgf_quote(unit, who, sizeof who - 1);
    size_t len = strlen(who);
    who[len] = ' '; /* "APAC/张三 at 72%": the unit reads as the subject */
    who[len + 1] = '\0';
  }
  if (label) {
    char q[64];
    sgf_quote(label, q, sizeof q);
    snprintf(rule_note, sizeof rule_note, zh ? "，规则“%s”" : ", rule \"%s\"", q);
  }
  if (zh) {
    static const char *const what_zh[] = {"达到 %s%% 为绿色", "低于 %s%% 为黄色", "低于 %s%% 为红色"};
    char why[64];
    snprintf(why, sizeof why, what_zh[level], limit);
    snprintf(buf, size, "%s：%s达成进度 %s%%（%s%s）", code, who, pct, why, rule_note);
  } else {
    static const char *const what_en[] = {"green from %s%%", "amber below %s%%", "red below %s%%"};
    char why[64];
    snprintf(why, sizeof why, what_en[level], limit);
    snprintf(buf, size, "%s: %sat %s%% of pace (%s%s)", code, who, pct, why, rule_note);
  }
}

static int sgf_impl_alert(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
  const sgf_grid *gv = &args[AL_VALUE], *gu = &args[AL_UNIT];
  double red, amber;
  int message;
  if (read_thresholds(call, args, &red, &amber) != 0 || read_what(call, args, &message) != 0)
    return -1;
  size_t nv = sgf_grid_size(gv), nu = gu->omitted ? 0 : sgf_grid_size(gu);
  if (nv > 1 && nu > 1 && (gv->rows != gu->rows || gv->cols != gu->cols))
    return sgf_arg_same_shape(call, args, AL_UNIT, AL_VALUE, 1);
  if (!args[AL_RULES].omitted && gu->omitted)
    return sgf_fail_arg(call, AL_RULES, "picks thresholds by unit, so unit is needed too.",
                        "按单元选择阈值，因此还需要提供单元。");
  /* Row in, row out: the result takes the shape of whichever input is a range. */
  const sgf_grid *shape = nv > 1 || nu <= 1 ? gv : gu;
  size_t n = sgf_grid_size(shape);
  double *values = malloc((nv ? nv : 1) * sizeof *values);
  rule *rules = calloc(args[AL_RULES].rows ? args[AL_RULES].rows : 1, sizeof *rules);
  size_t nrules = 0;
  int rc = -1, scoped = 0;
  regex_scope scope;
  if (!values || !rules) {
    sgf_fail_nomem(call);
    goto done;
  }
  if (sgf_arg_numbers(call, args, AL_VALUE, SGF_BLANK_NAN, values) != 0) goto done;
  for (size_t i = 0; i < nu; i++)
    if (gu->cells[i].kind == SGF_ERROR ||
        (gu->cells[i].kind == SGF_NUMBER && !isfinite(gu->cells[i].number))) {
      fail_error_cell(call, args, AL_UNIT, i, "a unit name", "单元名称");
      goto done;
    }
  if (!args[AL_RULES].omitted) {
    if (regex_begin(call, &scope) != 0) goto done;
    scoped = 1;
    if (read_rules(call, args, &scope, red, amber, rules, &nrules) != 0) goto done;
  }
  if (sgf_grid_init(result, shape->rows, shape->cols) != 0) {
    sgf_fail_nomem(call);
    goto done;
  }
  for (size_t i = 0; i < n; i++) {
    double v = values[nv > 1 ? i : 0];
    if (isnan(v)) continue; /* no figure yet: leave the cell blank */
    const char *unit = NULL;
    char ubuf[SGF_CELL_NAME_SIZE];
    if (nu) sgf_cell_name(&gu->cells[nu > 1 ? i : 0], ubuf, sizeof ubuf, &unit);
    const rule *hit = NULL;
    for (size_t r = 0; r < nrules && !hit; r++) {
      int matched;
      sg_error err;
      const char *subject = unit ? unit : "";
      if (sg_regex_match(scope.cache, rules[r].re, subject, strlen(subject), &matched, &err) !=
          SG_OK) {
        fail_engine_at(call, args, &err, AL_RULES, rules[r].row * args[AL_RULES].cols);
        goto done;
      }
      if (matched) hit = &rules[r];
    }
    double r_below = hit ? hit->red : red, a_below = hit ? hit->amber : amber;
    sg_alert_level level;
    sg_error err;
    if (sg_alert_classify(v, r_below, a_below, &level, &err) != SG_OK) {
      fail_engine_at(call, args, &err, AL_VALUE, nv > 1 ? i : 0);
      goto done;
    }
    char text[512];
    format_alert(call, message, level, v, unit, r_below, a_below, hit ? hit->label : NULL, text,
                 sizeof text);
    if (sgf_grid_set_text(result, i, text, strlen(text)) != 0) {
      sgf_fail_nomem(call);
      goto done;
    }
  }
  rc = 0;
done:
  if (scoped) {
    release_rules(&scope, rules, nrules);
    regex_end(&scope);
  }
  free(values);
  free(rules);
  return rc;
}

/* ----------------------------------------------------------- SG_ROLLUP */

enum {
  RU_PATHS = SG_ROLLUP_ARG_PATHS,
  RU_VALUES = SG_ROLLUP_ARG_VALUES,
  RU_PATTERN = SG_ROLLUP_ARG_PATTERN,
  RU_MODE = SG_ROLLUP_ARG_MODE
};

static int read_mode(sgf_call *call, const sgf_grid *args, sg_rollup_mode *mode) {
  static const sgf_choice modes[] = {{SG_ROLLUP_SUM, {"sum", NULL}},
                                     {SG_ROLLUP_COUNT, {"count", NULL}},
                                     {SG_ROLLUP_AVG, {"avg", "average", NULL}},
                                     {SG_ROLLUP_MIN, {"min", NULL}},
                                     {SG_ROLLUP_MAX, {"max", NULL}}};
  int chosen;
  if (sgf_arg_choice(call, args, RU_MODE, modes, sizeof modes / sizeof modes[0], SG_ROLLUP_SUM,
                     "must be \"sum\", \"count\", \"avg\", \"min\" or \"max\".",
                     "必须是 \"sum\"、\"count\"、\"avg\"、\"min\" 或 \"max\"。", &chosen) != 0)
    return -1;
  *mode = (sg_rollup_mode)chosen;
  return 0;
}

/* The texts of a path or pattern range as pointers into the grid; numbers
 * are printed into one block allocated for them (*numbers, to free). */
static int read_texts(sgf_call *call, const sgf_grid *args, size_t argi, const char *en_what,
                      const char *zh_what, const char **texts, char **numbers) {
  const sgf_grid *g = &args[argi];
  size_t n = sgf_grid_size(g), nnum = 0;
  enum { NUM_TEXT = SGF_CELL_NAME_SIZE };
  for (size_t i = 0; i < n; i++) nnum += g->cells[i].kind == SGF_NUMBER;
  *numbers = nnum ? malloc(nnum * NUM_TEXT) : NULL;
  if (nnum && !*numbers) return sgf_fail_nomem(call);
  char *next = *numbers;
  for (size_t i = 0; i < n; i++) {
    if (sgf_cell_name(&g->cells[i], next, NUM_TEXT, &texts[i]) != 0)
      return fail_error_cell(call, args, argi, i, en_what, zh_what);
    if (g->cells[i].kind == SGF_NUMBER) next += NUM_TEXT;
  }
  return 0;
}

static int sgf_impl_rollup(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
  sg_rollup_mode mode;
  if (read_mode(call, args, &mode) != 0) return -1;
  if (sgf_arg_same_shape(call, args, RU_VALUES, RU_PATHS, 0) != 0) return -1;
  const sgf_grid *gp = &args[RU_PATTERN];
  size_t n = sgf_grid_size(&args[RU_PATHS]), np = sgf_grid_size(gp);
  double *values = malloc((n ? n : 1) * sizeof *values), *out = malloc((np ? np : 1) * sizeof *out);
  const char **paths = malloc((n ? n : 1) * sizeof *paths);
  const char **patterns = malloc((np ? np : 1) * sizeof *patterns);
  char *path_numbers = NULL, *pattern_numbers = NULL;
  int rc = -1;
  if (!values || !out || !paths || !patterns) {
    sgf_fail_nomem(call);
    goto done;
  }
  if (sgf_arg_numbers(call, args, RU_VALUES, SGF_BLANK_NAN, values) != 0 ||
      read_texts(call, args, RU_PATHS, "a unit path", "单元路径", paths, &path_numbers) != 0 ||
      read_texts(call, args, RU_PATTERN, "a pattern", "模式", patterns, &pattern_numbers) != 0)
    goto done;
  sg_rollup_input in = {n, paths, values, np, patterns, mode};
  regex_scope scope;
  if (regex_begin(call, &scope) != 0) goto done;
  sg_error err;
  int erc = sg_rollup(scope.cache, &in, out, &err);
  regex_end(&scope);
  if (erc != SG_OK) {
    if (err.arg == RU_PATTERN && np == 1) err.index = -1; /* no "item 1" for one pattern */
    sgf_fail_engine(call, &err, args);
    goto done;
  }
  if (sgf_grid_init(result, gp->rows, gp->cols) != 0) {
    sgf_fail_nomem(call);
    goto done;
  }
  /* A blank pattern gives a blank cell (an empty pattern would match every
   * path: too easy to get by accident at the end of a range); an average,
   * minimum or maximum of nothing is #N/A, which IFNA can replace. */
  for (size_t k = 0; k < np; k++) {
    if (!patterns[k]) continue;
    if (isnan(out[k])) sgf_grid_set_error(result, k);
    else sgf_grid_set_number(result, k, out[k]);
  }
  rc = 0;
done:
  free(values);
  free(out);
  free(paths);
  free(patterns);
  free(path_numbers);
  free(pattern_numbers);
  return rc;
}

/* ------------------------------------------------------------ catalogue rows */

static const sgf_arg alert_args[] = {
    {"value", EN_ZH("value", "进度值"),
     EN_ZH("Pace or attainment as a fraction (0.72 = 72%): one cell or a column. A blank cell "
           "gives a blank result.",
           "进度或达成率，以小数表示（0.72 = 72%）：单个单元格或一列。空白单元格的结果为空白。"),
     0},
    {"thresholds", EN_ZH("thresholds", "阈值"),
     EN_ZH("Optional. {red_below; amber_below}, default {0.85; 0.95}: below red_below is RED, "
           "below amber_below AMBER, else GREEN (exactly 0.85 is AMBER, exactly 0.95 GREEN). A "
           "blank cell keeps its default.",
           "可选。{红色下限; 黄色下限}，默认 {0.85; 0.95}：低于红色下限为 RED，低于黄色下限为 AMBER，否则为 "
           "GREEN（恰好 0.85 为 AMBER，恰好 0.95 为 GREEN）。空白单元格沿用默认值。"),
     1},
    {"unit", EN_ZH("unit", "单元"),
     EN_ZH("Optional. Unit name or path per value, e.g. APAC/China/East/张三: one for all or a "
           "range shaped like value. Needed with rules; shown in messages.",
           "可选。每个值对应的单元名称或路径，例如 APAC/China/East/张三：一个适用于全部，或与进度值形状相同的区域。"
           "使用规则时必须提供；会显示在说明中。"),
     1},
    {"rules", EN_ZH("rules", "规则"),
     EN_ZH("Optional. Rows of pattern | red_below | amber_below | [label]. The first row whose "
           "regular expression (PCRE2) matches the unit sets the thresholds (a blank threshold "
           "keeps the thresholds argument); no match uses thresholds. A label is shown before "
           "the code, e.g. \"Key accounts: RED\". Blank rows are skipped.",
           "可选。每行为 模式 | 红色下限 | 黄色下限 | [标签]。第一个正则表达式（PCRE2）与单元匹配的行决定阈值（阈值留空则沿用"
           "阈值参数）；都不匹配时使用阈值参数。标签显示在代码之前，例如 \"Key accounts: RED\"。空白行会被跳过。"),
     1},
    {"what", EN_ZH("what", "显示内容"),
     EN_ZH("Optional. \"code\" (default): RED, AMBER or GREEN, the same in every language; "
           "\"message\": a sentence in the UI language, e.g. RED: APAC/China/East/张三 at 72% of "
           "pace (red below 85%).",
           "可选。\"code\"（默认）：RED、AMBER 或 GREEN，在任何语言下都相同；\"message\"：界面语言的一句说明，例如 "
           "RED：APAC/China/East/张三 达成进度 72%（低于 85% 为红色）。"),
     1},
};

static const sgf_arg rollup_args[] = {
    {"paths", EN_ZH("paths", "路径"),
     EN_ZH("Unit paths, e.g. APAC/China/East/张三, one per value. Blank rows are skipped.",
           "单元路径，例如 APAC/China/East/张三，每个值一个。空白行会被跳过。"),
     0},
    {"values", EN_ZH("values", "数值"),
     EN_ZH("Numbers shaped like paths (targets, actuals...). Blank cells are skipped; text is an "
           "error.",
           "与路径形状相同的数字（目标、实际等）。空白单元格会被跳过；文本会报错。"),
     0},
    {"pattern", EN_ZH("pattern", "模式"),
     EN_ZH("Regular expression (PCRE2) matched anywhere in each path: ^APAC/China/ picks a "
           "subtree, .* everything. A range of patterns gives one result per pattern, in its "
           "shape; a blank pattern gives a blank cell.",
           "在每个路径中任意位置匹配的正则表达式（PCRE2）：^APAC/China/ 选取一棵子树，.* 选取全部。给出模式区域时每个模式"
           "返回一个结果，形状与该区域相同；空白模式的结果为空白。"),
     0},
    {"mode", EN_ZH("mode", "方式"),
     EN_ZH("Optional. \"sum\" (default), \"count\", \"avg\", \"min\" or \"max\" (any case). "
           "With no matching path sum and count give 0; avg, min and max give #N/A.",
           "可选。\"sum\"（默认）、\"count\"、\"avg\"、\"min\" 或 \"max\"（不区分大小写）。没有匹配的路径时，sum 和 "
           "count 返回 0；avg、min 和 max 返回 #N/A。"),
     1},
};

static const sgf_function alert_functions[] = {
    {"SG_ALERT",
     EN_ZH("Traffic light for a pace or attainment: RED below red_below, AMBER below "
           "amber_below, else GREEN (defaults 0.85 and 0.95). Rules set other thresholds for "
           "units whose path matches a pattern (first match wins). Returns codes or readable "
           "messages, one per value; for a range enter as an array formula over a range shaped like "
           "value, or fill down =INDEX(SG_ALERT($B$2:$B$40); ROW()-1) from row 2.",
           "进度或达成率的红黄绿灯：低于红色下限为 RED，低于黄色下限为 AMBER，否则为 GREEN（默认 0.85 和 0.95）。规则可为路径"
           "与模式匹配的单元设定其他阈值（以第一条匹配的规则为准）。每个值返回一个代码或一句说明；请在与进度值形状相同的区域中以"
           "数组公式输入，或从第 2 行起向下填充 =INDEX(SG_ALERT($B$2:$B$40); ROW()-1)。"),
     sizeof alert_args / sizeof alert_args[0], alert_args, sgf_impl_alert, 0, SGF_PURE},
    {"SG_ROLLUP",
     EN_ZH("Rolls values up a hierarchy: the sum (or count, avg, min, max) of the values whose "
           "unit path matches a regular expression, e.g. ^APAC/China/ for everything under "
           "China. A range of patterns gives one result per pattern (array formula, or fill down "
           "=INDEX(SG_ROLLUP(…; $D$2:$D$9); ROW()-1) from row 2).",
           "沿层级汇总数值：路径与正则表达式匹配的各单元数值之和（或计数、平均、最小、最大），例如 ^APAC/China/ 表示 China "
           "之下的全部单元。给出模式区域时每个模式返回一个结果（数组公式，或从第 2 行起向下填充 =INDEX(SG_ROLLUP(…; $D$2:$D$9); ROW()-1)）。"),
     sizeof rollup_args / sizeof rollup_args[0], rollup_args, sgf_impl_rollup, 0, SGF_PURE},
};

SGF_FAMILY(alert, alert_functions);
