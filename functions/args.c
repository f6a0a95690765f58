/* args.c — reading numbers, names and keywords out of argument grids, with
 * messages that say which argument, which cell and what is wrong. Nothing is
 * silently 0. Also the cell helpers shared by every family's messages. */
#include "sgf_internal.h"
#include "regex_zh.h"
#include "text_hints.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sgf_quote(const char *text, char *buf, size_t size) {
  if (size < 4) { /* no room for "...": nothing rather than a broken character */
    if (size) buf[0] = '\0';
    return;
  }
  size_t len = strlen(text), max = size - 4;
  if (len <= max) {
    snprintf(buf, size, "%s", text);
    return;
  }
  size_t cut = max;
  while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80) cut--;
  snprintf(buf, size, "%.*s...", (int)cut, text);
}

void sgf_cell_pos(const sgf_call *call, const sgf_grid *g, size_t i, char *buf, size_t size) {
  buf[0] = '\0';
  if (sgf_origin_cell_name(call, g, i, buf, size)) return; /* "Plan.D12" */
  if (sgf_grid_size(g) <= 1) return;
  size_t r = i / g->cols + 1, c = i % g->cols + 1;
  if (call->lang == SGF_LANG_ZH)
    snprintf(buf, size, "区域第 %zu 行第 %zu 列", r, c);
  else
    snprintf(buf, size, "row %zu, column %zu of the range", r, c);
}

int sgf_cell_name(const sgf_cell *cell, char *buf, size_t size, const char **out) {
  *out = NULL;
  switch (cell->kind) {
  case SGF_TEXT: *out = cell->text && cell->text[0] ? cell->text : NULL; return 0;
  case SGF_NUMBER:
    if (!isfinite(cell->number)) return -1;
    snprintf(buf, size, "%.15g", cell->number);
    *out = buf;
    return 0;
  case SGF_BLANK: return 0;
  case SGF_ERROR:
  default: return -1;
  }
}

static int fail_cell(sgf_call *call, const sgf_grid *args, size_t argi, size_t i) {
  const sgf_grid *g = &args[argi];
  const sgf_cell *cell = &g->cells[i];
  char pos[96], quoted[48];
  sgf_cell_pos(call, g, i, pos, sizeof pos);
  sgf_vars vars = {.text = quoted, .pos = pos, .v = cell->number};
  switch (cell->kind) {
  case SGF_TEXT: {
    char en[320], zh[320]; /* "100" and "2026-04-01" as text say how to fix them */
    sgf_quote(cell->text, quoted, sizeof quoted);
    sgf_text_templates(cell->text, en, zh, sizeof en);
    return sgf_fail_vars(call, argi, en, zh, &vars);
  }
  case SGF_ERROR:
    return sgf_fail_vars(call, argi, "an error value{at}{pos} where a number is needed.",
                         "{pos}是错误值，此处需要数字。", &vars);
  case SGF_BLANK:
    return sgf_fail_vars(call, argi, "a blank cell{at}{pos} where a number is needed.",
                         "{pos}是空白单元格，此处需要数字。", &vars);
  case SGF_NUMBER:
  default:
    return sgf_fail_vars(call, argi, "{v}{at}{pos} is not a finite number.",
                         "{pos}的值 {v} 不是有限数值。", &vars);
  }
}

int sgf_arg_scalar(sgf_call *call, const sgf_grid *args, size_t argi, int has_default,
                   double dflt, double *out) {
  const sgf_grid *g = &args[argi];
  if (g->omitted) {
    if (has_default) {
      *out = dflt;
      return 0;
    }
    return sgf_fail_arg(call, argi, "is required but missing.", "为必填参数，但未提供。");
  }
  if (sgf_grid_size(g) != 1)
    return sgf_fail_arg(call, argi, "expects one value, got a %zu x %zu range.",
                        "应为单个值，实际是 %zu 行 × %zu 列的区域。", g->rows, g->cols);
  const sgf_cell *cell = &g->cells[0];
  if (cell->kind == SGF_BLANK && has_default) {
    *out = dflt;
    return 0;
  }
  if (cell->kind != SGF_NUMBER || !isfinite(cell->number)) return fail_cell(call, args, argi, 0);
  *out = cell->number;
  return 0;
}

int sgf_arg_numbers(sgf_call *call, const sgf_grid *args, size_t argi,
                    sgf_blank_policy blanks, double *out) {
  const sgf_grid *g = &args[argi];
  size_t n = sgf_grid_size(g);
  for (size_t i = 0; i < n; i++) {
    const sgf_cell *cell = &g->cells[i];
    if (cell->kind == SGF_BLANK) {
      switch (blanks) {
      case SGF_BLANK_ZERO: out[i] = 0.0; continue;
      case SGF_BLANK_INF: out[i] = INFINITY; continue;
      case SGF_BLANK_NAN: out[i] = NAN; continue;
      case SGF_BLANK_REJECT: default: return fail_cell(call, args, argi, i);
      }
    }
    if (cell->kind != SGF_NUMBER || !isfinite(cell->number)) return fail_cell(call, args, argi, i);
    out[i] = cell->number;
  }
  return 0;
}

int sgf_arg_vector(sgf_call *call, const sgf_grid *args, size_t argi,
                   sgf_blank_policy blanks, double **out, size_t *n) {
  const sgf_grid *g = &args[argi];
  *out = NULL;
  *n = 0;
  if (g->omitted)
    return sgf_fail_arg(call, argi, "is required but missing.", "为必填参数，但未提供。");
  if (g->rows != 1 && g->cols != 1)
    return sgf_fail_arg(call, argi, "must be a single row or column, got a %zu x %zu range.",
                        "必须是单行或单列，实际是 %zu 行 × %zu 列的区域。", g->rows, g->cols);
  size_t count = sgf_grid_size(g);
  double *values = malloc(count * sizeof *values);
  if (!values) return sgf_fail_nomem(call);
  if (sgf_arg_numbers(call, args, argi, blanks, values) != 0) {
    free(values);
    return -1;
  }
  *out = values;
  *n = count;
  return 0;
}

int sgf_arg_flag(sgf_call *call, const sgf_grid *args, size_t argi, int dflt, int *out) {
  double v = 0;
  if (sgf_arg_scalar(call, args, argi, 1, dflt ? 1.0 : 0.0, &v) != 0) return -1;
  *out = v != 0.0;
  return 0;
}

int sgf_arg_same_shape(sgf_call *call, const sgf_grid *args, size_t argi, size_t refi,
                       int allow_single) {
  const sgf_grid *g = &args[argi], *ref = &args[refi];
  if (g->rows == ref->rows && g->cols == ref->cols) return 0;
  if (allow_single && sgf_grid_size(g) == 1) return 0;
  const char *refname = call->fn->args[refi].display[call->lang];
  if (allow_single)
    return sgf_fail_arg(call, argi,
                        "is %zu x %zu but %s is %zu x %zu; give one value or a range of the same shape.",
                        "为 %zu 行 × %zu 列，而 %s 为 %zu 行 × %zu 列；请给出单个值或形状相同的区域。",
                        g->rows, g->cols, refname, ref->rows, ref->cols);
  return sgf_fail_arg(call, argi, "is %zu x %zu but %s is %zu x %zu; the shapes must match.",
                      "为 %zu 行 × %zu 列，而 %s 为 %zu 行 × %zu 列；形状必须一致。", g->rows,
                      g->cols, refname, ref->rows, ref->cols);
}

/* The last line of defence for "every result is finite or an error": an
 * infinity never reaches a cell (the engine reports overflows itself; this
 * catches one it missed). */
static int fail_infinite(sgf_call *call) {
  return sgf_fail(call,
                  "the result would be larger than the largest number a cell can hold (about "
                  "1.8E308); check the inputs for a value far too large.",
                  "结果超过单元格能容纳的最大数值（约 1.8E308）；请检查输入中是否有过大的值。");
}

int sgf_result_numbers(sgf_call *call, const sgf_grid *shape, const double *values,
                       sgf_grid *result) {
  size_t n = sgf_grid_size(shape);
  for (size_t i = 0; i < n; i++)
    if (isinf(values[i])) return fail_infinite(call);
  if (sgf_grid_init(result, shape->rows, shape->cols) != 0) return sgf_fail_nomem(call);
  for (size_t i = 0; i < n; i++) sgf_grid_set_number(result, i, values[i]);
  return 0;
}

int sgf_result_number(sgf_call *call, double v, sgf_grid *result) {
  if (isinf(v)) return fail_infinite(call);
  if (sgf_grid_init(result, 1, 1) != 0) return sgf_fail_nomem(call);
  sgf_grid_set_number(result, 0, v);
  return 0;
}

/* Case-insensitive ASCII comparison of a trimmed cell text with a name in
 * which '_' also matches a space or '-' ("required per day"). */
static int text_is(const char *text, const char *name) {
  while (*text == ' ') text++;
  size_t len = strlen(text);
  while (len > 0 && text[len - 1] == ' ') len--;
  size_t i = 0;
  for (; i < len && name[i]; i++) {
    char c = text[i], n = name[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (n == '_' && (c == ' ' || c == '-')) c = '_';
    if (c != n) return 0;
  }
  return i == len && name[i] == '\0';
}

int sgf_arg_choice(sgf_call *call, const sgf_grid *args, size_t argi, const sgf_choice *choices,
                   size_t nchoices, int dflt, const char *en, const char *zh, int *out) {
  const sgf_grid *g = &args[argi];
  *out = dflt;
  if (g->omitted) return 0;
  if (sgf_grid_size(g) != 1)
    return sgf_fail_arg(call, argi, "expects one value, got a %zu x %zu range.",
                        "应为单个值，实际是 %zu 行 × %zu 列的区域。", g->rows, g->cols);
  const sgf_cell *cell = &g->cells[0];
  if (cell->kind == SGF_BLANK) return 0;
  if (cell->kind == SGF_TEXT)
    for (size_t i = 0; i < nchoices; i++)
      for (size_t k = 0; k < SGF_CHOICE_ALIASES && choices[i].aliases[k]; k++)
        if (text_is(cell->text, choices[i].aliases[k])) {
          *out = choices[i].value;
          return 0;
        }
  /* Both formats take the same arguments: pass the sentence of the call's
   * language. */
  const char *sentence = call->lang == SGF_LANG_ZH ? zh : en;
  return sgf_fail_arg(call, argi, "%s", "%s", sentence);
}

/* "item 3" / "第 3 项" for an engine index into argument argi. */
static void item_pos(const sgf_call *call, const sgf_grid *args, const sg_error *e, char *buf,
                     size_t size) {
  buf[0] = '\0';
  if (e->index < 0) return;
  size_t i = (size_t)e->index;
  const sgf_grid *g = (e->arg >= 0 && (size_t)e->arg < call->fn->nargs) ? &args[e->arg] : NULL;
  if (g && sgf_grid_size(g) > 1 && i < sgf_grid_size(g)) {
    sgf_cell_pos(call, g, i, buf, size);
  } else if (call->lang == SGF_LANG_ZH) {
    snprintf(buf, size, "第 %zu 项", i + 1);
  } else {
    snprintf(buf, size, "item %zu", i + 1);
  }
}

int sgf_fail_engine(sgf_call *call, const sg_error *e, const sgf_grid *args) {
  char pos[96];
  item_pos(call, args, e, pos, sizeof pos);
  size_t argi = (e->arg >= 0 && (size_t)e->arg < call->fn->nargs) ? (size_t)e->arg : SGF_NO_ARG;
  sgf_vars vars = {.pos = pos, .v = e->value, .v2 = e->value2};
#define FAIL(en, zh) sgf_fail_vars(call, argi, en, zh, &vars)
  switch (e->code) {
  case SG_ENOMEM: return sgf_fail_nomem(call);
  case SG_ENONFINITE:
    return FAIL("the value{at}{pos} is not a finite number.", "{pos}的值不是有限数值。");
  case SG_ENEGATIVE:
    return FAIL("{v}{at}{pos} is negative; it must be 0 or more.",
                "{pos}的值 {v} 为负数，必须大于或等于 0。");
  case SG_EFLOORCAP:
    return FAIL("floor {v} is above cap {v2}{at}{pos}.", "{pos}的下限 {v} 高于上限 {v2}。");
  case SG_ENOTMULTIPLE:
    return FAIL("{v}{at}{pos} is not a multiple of the rounding unit {v2}.",
                "{pos}的值 {v} 不是取整单位 {v2} 的整数倍。");
  case SG_EFLOORS:
    if (isinf(e->value)) /* floors near 1e308 each: their sum is no number to show */
      return FAIL("the floors add up to more than the largest number a cell can hold, more than "
                  "the {v2} left to split.",
                  "下限合计超过单元格能容纳的最大数值，超过可分配的 {v2}。");
    if (e->value2 < 0) /* the total (or the locks) are at fault, not the floors */
      return sgf_fail_vars(call, SGF_NO_ARG,
                           "total minus the locked values leaves {v2} to split; results cannot be negative.",
                           "总额减去锁定值后只剩 {v2} 可分配，而结果不能为负数。", &vars);
    return FAIL("the floors add up to {v}, more than the {v2} left to split.",
                "下限合计 {v}，超过可分配的 {v2}。");
  case SG_ECAPS:
    return FAIL("the caps (and zero weights) allow at most {v}, less than the {v2} left to split.",
                "上限（及零权重）最多只能容纳 {v}，少于需要分配的 {v2}。");
  case SG_ELOCKED:
    return FAIL("every cell is locked and the locked values add up to {v}, not the total {v2}.",
                "所有单元格均已锁定，锁定值合计 {v}，不等于总额 {v2}。");
  case SG_EPERCENT:
    return FAIL("{v}{at}{pos} is above 10 (1000%): a pace or attainment is a fraction, so 90% "
                "is 0.9. Did you mean {v2}? Type {v2}, or {v}% with the percent sign.",
                "{pos}的值 {v} 大于 10（即 1000%）：进度或达成率应为小数，90% 即 0.9。是否应为 "
                "{v2}？请输入 {v2}，或带百分号输入 {v}%。");
  case SG_EOVERFLOW:
    return FAIL("the result would be larger than the largest number a cell can hold (about "
                "1.8E308); check the inputs for a value far too large.",
                "结果超过单元格能容纳的最大数值（约 1.8E308）；请检查输入中是否有过大的值。");
  case SG_EWEIGHTS:
    return FAIL("the weights differ too much in size (a ratio beyond about 1e300) to split "
                "exactly; divide them by the largest (only their ratios matter).",
                "权重大小相差过大（比值超过约 1e300），无法精确分解；请把权重都除以其中最大的值（只有比例有意义）。");
  case SG_ENOPLUG:
    return FAIL("no cell has room under its cap for the {v} below one rounding unit {v2}: every "
                "result but one is a multiple of the unit, and one cell takes what is left. Raise "
                "a cap, or make the total a multiple of {v2}.",
                "每个结果都取整为 {v2} 的整数倍，只有一个单元格承担不足一个单位的余数 {v}，但没有单元格在上限内"
                "还有空间。请提高上限，或把总额改为 {v2} 的整数倍。");
  case SG_ENOROOM:
    return FAIL("no multiple of the rounding unit lies between floor {v} and cap {v2}{at}{pos}.",
                "{pos}的下限 {v} 与上限 {v2} 之间没有取整单位的整数倍。");
  case SG_ETOOLARGE:
    return FAIL("{v} is too large to round exactly to this unit.", "{v} 太大，无法按此单位精确取整。");
  case SG_EZEROSUM:
    return FAIL("the weights add up to 0, so no shares can be computed.", "权重合计为 0，无法计算份额。");
  case SG_ERATE:
    return FAIL("conversion rate {v}{at}{pos} must be more than 0 and at most 1 (e.g. 0.25 for 25%).",
                "{pos}的转化率 {v} 必须大于 0 且不超过 1（例如 25% 写作 0.25）。");
  case SG_ENOTPOSITIVE:
    return FAIL("must be more than 0, got {v}.", "必须大于 0，实际为 {v}。");
  case SG_EDATE:
    return FAIL("{v}{at}{pos} is not a date between 0001-01-01 and 9999-12-31.",
                "{pos}的值 {v} 不是 0001-01-01 至 9999-12-31 之间的日期。");
  case SG_EDATEORDER:
    return FAIL("the end date comes before the start date.", "结束日期早于开始日期。");
  case SG_ETOOMANY:
    return FAIL("start to end holds {v} periods, more than the {v2} one result can hold; use a "
                "coarser grain or a shorter range.",
                "开始至结束共有 {v} 个期间，超过单个结果最多可容纳的 {v2} 个；请使用更粗的粒度或更短的区间。");
  case SG_ECOUNT:
    return FAIL("has {v} values but {v2} are needed.", "有 {v} 个值，但需要 {v2} 个。");
  case SG_ENODAYS:
    return FAIL("no day between start and end carries any weight (check the seasonality weights "
                "and the holidays).",
                "开始至结束之间没有任何一天有权重（请检查季节性权重和节假日）。");
  case SG_EPATTERN: /* PCRE2's own (English) text, and where it stopped */
  case SG_EMATCHLIMIT: {
    char quoted[48] = "", pcre[128], pcre_zh[192], tpl[2][384];
    const sgf_grid *g = argi != SGF_NO_ARG ? &args[argi] : NULL;
    /* index -1 on a one-cell argument: that cell, without "item 1". */
    size_t at = e->index >= 0 ? (size_t)e->index : 0;
    if (g && (e->index >= 0 || sgf_grid_size(g) == 1) && at < sgf_grid_size(g) &&
        g->cells[at].kind == SGF_TEXT)
      sgf_quote(g->cells[at].text, quoted, sizeof quoted);
    vars.text = quoted;
    if (e->code == SG_EMATCHLIMIT)
      return FAIL("pattern \"{text}\"{at}{pos} needs too much backtracking (match limit reached); "
                  "simplify it, e.g. avoid nested repeats such as (a+)+.",
                  "{pos}的模式“{text}”回溯次数过多（超出匹配上限）；请简化模式，例如避免 (a+)+ "
                  "这样的嵌套重复。");
    sg_regex_error_text((int)e->value2, pcre, sizeof pcre);
    snprintf(tpl[0], sizeof tpl[0],
             "pattern \"{text}\"{at}{pos} is not a valid regular expression: %s (at offset {v}).",
             pcre);
    sgf_regex_error_zh((int)e->value2, pcre, pcre_zh, sizeof pcre_zh);
    snprintf(tpl[1], sizeof tpl[1], "{pos}的模式“{text}”不是有效的正则表达式：%s（偏移 {v} 处）。",
             pcre_zh);
    return FAIL(tpl[0], tpl[1]);
  }
  case SG_ETHRESHOLDS:
    return FAIL("red_below {v} is above amber_below {v2}{at}{pos}; red must be the lower "
                "threshold (e.g. 0.85 and 0.95).",
                "{pos}的红色下限 {v} 高于黄色下限 {v2}；红色下限必须较低（例如 0.85 和 0.95）。");
  case SG_ERANGE:
    return FAIL("{v} is outside the allowed range.", "{v} 超出允许范围。");
  case SG_ESTORE_OPEN:
    return FAIL("the snapshot database cannot be opened or created for writing; check that its "
                "folder is writable, or set SALESGOAL_DB to another file.",
                "无法打开或创建快照数据库用于写入；请检查其所在文件夹是否可写，或将 SALESGOAL_DB "
                "设置为其他文件。");
  case SG_ESTORE_BUSY:
    return FAIL("the snapshot database stayed locked by another program for more than 5 seconds; "
                "nothing was written. Recalculate to try again.",
                "快照数据库被其他程序锁定超过 5 秒；未写入任何内容。请重新计算以重试。");
  case SG_ESTORE_CORRUPT:
    return FAIL("the snapshot database is damaged or is not a database; it was left untouched. "
                "Restore it from a backup or set SALESGOAL_DB to another file.",
                "快照数据库已损坏或不是数据库文件；未对其做任何修改。请从备份恢复，或将 SALESGOAL_DB "
                "设置为其他文件。");
  case SG_ESTORE_FOREIGN:
    return FAIL("the file is a database of another program, not a salesgoal snapshot database; it "
                "was left untouched. Set SALESGOAL_DB to another file.",
                "该文件是其他程序的数据库，而不是 salesgoal 快照数据库；未对其做任何修改。请将 "
                "SALESGOAL_DB 设置为其他文件。");
  case SG_ESTORE_NEWER:
    return FAIL("the snapshot database was written by a newer salesgoal (schema version {v}, this "
                "one knows up to {v2}); update salesgoal.",
                "快照数据库由更新版本的 salesgoal 写入（结构版本 {v}，本版本最高支持 {v2}）；请升级 "
                "salesgoal。");
  case SG_ESTORE_FULL:
    return FAIL("the disk holding the snapshot database is full; nothing was written.",
                "快照数据库所在的磁盘已满；未写入任何内容。");
  case SG_ESTORE_IO:
    return FAIL("the snapshot database could not be read or written (input/output error); "
                "nothing was written.",
                "无法读写快照数据库（输入/输出错误）；未写入任何内容。");
  case SG_ETOOFEW:
    return FAIL("a trend needs snapshots on at least 2 different dates; found {v}.",
                "趋势至少需要 2 个不同日期的快照；目前只有 {v} 个。");
  /* hardening (issue 11) */
  case SG_ETOOLONG:
    return FAIL("the name{at}{pos} has {v} characters; names can have at most {v2}.",
                "{pos}的名称有 {v} 个字符；名称最多 {v2} 个字符。");
  case SG_ESTORE_DENIED:
    return FAIL("this plan belongs to another workbook (the one that first recorded it), so this "
                "workbook may neither read nor change it. To share it, start LibreOffice with "
                "SALESGOAL_SHARED_PLANS set to the plan's name (see the README).",
                "该计划属于另一个工作簿（最先记录它的那个），本工作簿不能读取或修改它。如需共享，"
                "请在启动 LibreOffice 前将 SALESGOAL_SHARED_PLANS 设置为该计划名称（见 README）。");
  /* store backends (issue 16): the engine's sentence names the role, plan
   * and unit, or the server's reason; it rides along as {text}. */
  case SG_ESTORE_ROLE:
    vars.text = e->message;
    return FAIL("the database refused this: {text}. Your database role may only use the units "
                "its administrator granted it; ask them for access.",
                "数据库拒绝了此操作：{text}。您的数据库角色只能使用管理员授权的单元；请向管理员申请权限。");
  case SG_ESTORE_OFFLINE:
    vars.text = e->message;
    return FAIL("the snapshot database server cannot be reached ({text}); nothing was written. "
                "Recalculate once it is back.",
                "无法连接快照数据库服务器（{text}）；未写入任何内容。服务器恢复后请重新计算。");
  case SG_ESTORE_LOCATION:
    vars.text = e->message;
    return FAIL("{text}.", "快照数据库位置无效：{text}。");
  case SG_EBUDGET:
    call->transient = 1;
    return FAIL("matching the patterns took more than {v} s in this call (stopped{at}{pos}); use "
                "simpler patterns, fewer rules or a smaller range.",
                "本次调用的模式匹配超过 {v} 秒（停在{pos}）；请简化模式、减少规则或缩小区域。");
  default:
    return sgf_fail(call, "%s", "%s", e->message);
  }
#undef FAIL
}
