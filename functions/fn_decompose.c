/* fn_decompose.c — SG_SPLIT2D, SG_CASCADE and SG_MISMATCH: cell grids in,
 * engine call (split2d.c, cascade.c), grid out; messages for the engine's
 * decomposition errors. */
#include "sgf_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
  S2_ROWS = SG_SPLIT2D_ARG_ROWS,
  S2_COLS = SG_SPLIT2D_ARG_COLS,
  S2_SEED = SG_SPLIT2D_ARG_SEED,
  S2_UNIT = SG_SPLIT2D_ARG_UNIT,
  S2_LOCKED = SG_SPLIT2D_ARG_LOCKED
};
enum {
  CA_PATHS = SG_CASCADE_ARG_PATHS,
  CA_WEIGHTS = SG_CASCADE_ARG_WEIGHTS,
  CA_TOTAL = SG_CASCADE_ARG_TOTAL,
  CA_UNITS = SG_CASCADE_ARG_UNITS,
  CA_LOCKED = SG_CASCADE_ARG_LOCKED
};
enum { MM_PATHS = SG_MISMATCH_ARG_PATHS, MM_TARGETS = SG_MISMATCH_ARG_TARGETS };

/* "row 3" / "第 3 行" (or column) for the engine's index. */
static void line_name(const sgf_call *call, int column, long index, char *buf, size_t size) {
  if (call->lang == SGF_LANG_ZH)
    snprintf(buf, size, "第 %ld %s", index + 1, column ? "列" : "行");
  else
    snprintf(buf, size, "%s %ld", column ? "column" : "row", index + 1);
}

/* Messages for the decomposition codes; everything else as usual. */
static int fail_decompose(sgf_call *call, const sg_error *e, const sgf_grid *args) {
  int is2d = strcmp(call->fn->name, "SG_SPLIT2D") == 0;
  char what[64] = "";
  int column = is2d && e->arg == S2_COLS;
  if (e->index >= 0) line_name(call, column, e->index, what, sizeof what);
  sgf_vars vars = {.text = what, .pos = "", .v = e->value, .v2 = e->value2};
  size_t argi = e->arg >= 0 && (size_t)e->arg < call->fn->nargs ? (size_t)e->arg : SGF_NO_ARG;
#define FAIL(a, en, zh) sgf_fail_vars(call, a, en, zh, &vars)
  switch (e->code) {
  case SG_EMARGINS:
    return FAIL(SGF_NO_ARG,
                "the row totals add up to {v} but the column totals to {v2}; both must add up "
                "to the same grand total.",
                "行合计之和为 {v}，列合计之和为 {v2}；两者必须等于同一个总计。");
  case SG_ENOSEED:
    return FAIL(argi,
                "{text} needs {v} but has no free cell with a seed above 0 (its seed cells are "
                "0, blank or locked); give it a seed or change its total.",
                "{text}需要分配 {v}，但没有种子大于 0 的未锁定单元格（种子均为 0、空白或已锁定）；请给出种子或修改其合计。");
  case SG_EINFEASIBLE:
    return FAIL(argi,
                "{text} and the rows sharing its columns need {v}, but the columns where they "
                "have a seed above 0 hold only {v2}; give those rows a seed in other columns or "
                "change the totals.",
                "{text}及与其共用列的各行合计需要 {v}，但它们种子大于 0 的列合计只有 {v2}；请在其他列给出种子或修改合计。");
  case SG_ENOCONVERGE:
    return FAIL(SGF_NO_ARG,
                "the fit did not converge: {text} still misses its total by a relative {v}; "
                "check for seeds that differ by many orders of magnitude.",
                "拟合未能收敛：{text}与其合计仍相差（相对）{v}；请检查种子是否相差过多个数量级。");
  case SG_ELOCKED:
    if (is2d)
      return FAIL(argi, "the locked cells of {text} add up to {v}, more than its total {v2}.",
                  "{text}的锁定单元格合计 {v}，超过其合计 {v2}。");
    if (e->value > e->value2)
      return FAIL(argi, "the locked leaves add up to {v}, more than the total {v2}.",
                  "锁定的末级合计 {v}，超过总额 {v2}。");
    return FAIL(argi, "every leaf is locked and the locked values add up to {v}, not the total {v2}.",
                "所有末级均已锁定，锁定值合计 {v}，不等于总额 {v2}。");
  case SG_EPATH: {
    char other[64] = "";
    line_name(call, 0, (long)e->value2 - 1, other, sizeof other);
    sgf_vars pv = {.text = what, .pos = other};
    if ((int)e->value == SG_PATH_DUPLICATE)
      return sgf_fail_vars(call, argi, "the path on {text} repeats the path on {pos}; each "
                           "path must appear once.",
                           "{text}的路径与{pos}重复；每条路径只能出现一次。", &pv);
    if ((int)e->value == SG_PATH_PARENT)
      return sgf_fail_vars(call, argi, "the path on {text} and the path on {pos}: one is a leaf "
                           "and the other runs below it; list leaves only (or use SG_MISMATCH).",
                           "{text}的路径与{pos}的路径：一个是末级，另一个却在其下级；请只列出末级（或使用 SG_MISMATCH）。",
                           &pv);
    if ((int)e->value == SG_PATH_TOO_DEEP)
      return sgf_fail_vars(call, argi, "the path on {text} has more than 64 levels.",
                           "{text}的路径超过 64 级。", &pv);
    return sgf_fail_vars(call, argi, "the path on {text} has an empty level (\"A//B\", or a '/' "
                         "at the start or end); write levels as Region/Team/Rep.",
                         "{text}的路径有空的层级（如“A//B”或首尾有“/”）；请写成 区域/团队/销售 的形式。", &pv);
  }
  case SG_EUNITS: {
    char lv[32];
    snprintf(lv, sizeof lv, "%ld", e->index + 1);
    vars.text = lv;
    return FAIL(argi,
                "the unit of level {text} ({v}) is not a multiple of the next level's unit "
                "({v2}); units must nest, e.g. 10000; 1000; 100.",
                "第 {text} 级的单位（{v}）不是下一级单位（{v2}）的整数倍；各级单位必须逐级整除，例如 10000；1000；100。");
  }
  case SG_ENOTMULTIPLE:
    if (!is2d && e->arg == CA_LOCKED)
      return FAIL(argi,
                  "total minus the locked leaves ({v}) is not a multiple of the finest unit "
                  "{v2}; lock whole units or use a smaller unit.",
                  "总额减去锁定的末级后（{v}）不是最小单位 {v2} 的整数倍；请按整单位锁定或使用更小的单位。");
    break;
  default: break;
  }
#undef FAIL
  return sgf_fail_engine(call, e, args);
}

/* A vector argument whose length must be `want` (the seed's rows or columns). */
static int read_margin(sgf_call *call, const sgf_grid *args, size_t argi, size_t want,
                       const char *en_dim, const char *zh_dim, double **out) {
  size_t n = 0;
  if (sgf_arg_vector(call, args, argi, SGF_BLANK_REJECT, out, &n) != 0) return -1;
  if (n == want) return 0;
  free(*out);
  *out = NULL;
  const char *seed = call->fn->args[S2_SEED].display[call->lang];
  return sgf_fail_arg(call, argi, "has %zu values but %s has %zu %s; they must match.",
                      "有 %zu 个值，但%s有 %zu %s；两者必须一致。", n, seed, want,
                      call->lang == SGF_LANG_ZH ? zh_dim : en_dim);
}

static int sgf_impl_split2d(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
  const sgf_grid *seed_grid = &args[S2_SEED];
  size_t m = seed_grid->rows, n = seed_grid->cols, cells = m * n;
  sg_split2d_input in = {.rows = m, .cols = n};
  if (sgf_arg_scalar(call, args, S2_UNIT, 1, 0.0, &in.unit) != 0) return -1;
  double *rows = NULL, *cols = NULL;
  double *buf = malloc(3 * (cells ? cells : 1) * sizeof *buf);
  if (!buf) return sgf_fail_nomem(call);
  double *seed = buf, *locked = buf + cells, *out = buf + 2 * cells;
  int rc = -1;
  if (read_margin(call, args, S2_ROWS, m, "rows", "行", &rows) != 0) goto done;
  if (read_margin(call, args, S2_COLS, n, "columns", "列", &cols) != 0) goto done;
  if (sgf_arg_numbers(call, args, S2_SEED, SGF_BLANK_ZERO, seed) != 0) goto done;
  if (!args[S2_LOCKED].omitted) {
    if (sgf_arg_same_shape(call, args, S2_LOCKED, S2_SEED, 0) != 0) goto done;
    if (sgf_arg_numbers(call, args, S2_LOCKED, SGF_BLANK_NAN, locked) != 0) goto done;
    in.locked = locked;
  }
  in.row_totals = rows;
  in.col_totals = cols;
  in.seed = seed;
  sg_error err;
  if (sg_split2d(&in, out, NULL, &err) != SG_OK) {
    fail_decompose(call, &err, args);
    goto done;
  }
  rc = sgf_result_numbers(call, seed_grid, out, result);
done:
  free(buf), free(rows), free(cols);
  return rc;
}

/* Paths as C strings (NULL = blank cell); numbers read as names. */
static int read_paths(sgf_call *call, const sgf_grid *args, size_t argi, const char ***paths,
                      char **names) {
  const sgf_grid *g = &args[argi];
  size_t n = sgf_grid_size(g);
  *paths = NULL;
  *names = NULL;
  if (g->rows != 1 && g->cols != 1)
    return sgf_fail_arg(call, argi, "must be a single row or column, got a %zu x %zu range.",
                        "必须是单行或单列，实际是 %zu 行 × %zu 列的区域。", g->rows, g->cols);
  *paths = malloc((n ? n : 1) * sizeof **paths);
  *names = malloc((n ? n : 1) * SGF_CELL_NAME_SIZE);
  if (!*paths || !*names) return sgf_fail_nomem(call);
  for (size_t i = 0; i < n; i++) {
    if (sgf_cell_name(&g->cells[i], *names + i * SGF_CELL_NAME_SIZE, SGF_CELL_NAME_SIZE,
                      &(*paths)[i]) != 0) {
      char pos[96];
      sgf_cell_pos(call, g, i, pos, sizeof pos);
      sgf_vars vars = {.pos = pos};
      return sgf_fail_vars(call, argi, "an error value or non-finite number{at}{pos} where a "
                           "path is needed.", "{pos}是错误值或非有限数值，此处需要路径。", &vars);
    }
  }
  return 0;
}

/* Result shaped like paths: numbers, blank where out is NaN (blank rows). */
static int result_column(sgf_call *call, const sgf_grid *shape, const double *out,
                         sgf_grid *result) {
  if (sgf_grid_init(result, shape->rows, shape->cols) != 0) return sgf_fail_nomem(call);
  for (size_t i = 0; i < sgf_grid_size(shape); i++)
    if (!isnan(out[i])) sgf_grid_set_number(result, i, out[i]);
  return 0;
}

/* A value column aligned with paths: on a row with a path, a number (a
 * blank as `blanks` says); on a row without one, nothing. */
static int read_aligned(sgf_call *call, const sgf_grid *args, size_t argi, const char **paths,
                        sgf_blank_policy blanks, double *out) {
  if (sgf_arg_same_shape(call, args, argi, 0, 0) != 0) return -1;
  const sgf_grid *g = &args[argi];
  for (size_t i = 0; i < sgf_grid_size(g); i++) {
    if (paths[i] || g->cells[i].kind == SGF_BLANK) continue;
    /* A value with no path would silently drop out of the tree. */
    char pos[96];
    sgf_cell_pos(call, g, i, pos, sizeof pos);
    sgf_vars vars = {.pos = pos};
    return sgf_fail_vars(call, argi, "a value{at}{pos} stands on a row whose path is blank; give "
                         "the row a path or clear the value.",
                         "{pos}有数值，但该行路径为空；请为该行填写路径或清除该值。", &vars);
  }
  return sgf_arg_numbers(call, args, argi, blanks, out);
}

static int sgf_impl_cascade(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
  const sgf_grid *pg = &args[CA_PATHS];
  size_t n = sgf_grid_size(pg);
  sg_cascade_input in = {.n = n};
  if (sgf_arg_scalar(call, args, CA_TOTAL, 0, 0.0, &in.total) != 0) return -1;
  const char **paths = NULL;
  char *names = NULL;
  double *units = NULL, *buf = malloc(3 * (n ? n : 1) * sizeof *buf);
  int rc = -1;
  if (!buf) {
    sgf_fail_nomem(call);
    goto done;
  }
  double *weights = buf, *locked = buf + n, *out = buf + 2 * n;
  if (read_paths(call, args, CA_PATHS, &paths, &names) != 0) goto done;
  if (read_aligned(call, args, CA_WEIGHTS, paths, SGF_BLANK_ZERO, weights) != 0) goto done;
  if (!args[CA_LOCKED].omitted) {
    if (read_aligned(call, args, CA_LOCKED, paths, SGF_BLANK_NAN, locked) != 0) goto done;
    in.locked = locked;
  }
  if (!args[CA_UNITS].omitted &&
      sgf_arg_vector(call, args, CA_UNITS, SGF_BLANK_REJECT, &units, &in.nunits) != 0)
    goto done;
  in.paths = paths;
  in.weights = weights;
  in.units = units;
  sg_error err;
  if (sg_cascade(&in, out, &err) != SG_OK) {
    fail_decompose(call, &err, args);
    goto done;
  }
  rc = result_column(call, pg, out, result);
done:
  free(buf), free(units), free(paths), free(names);
  return rc;
}

static int sgf_impl_mismatch(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
  const sgf_grid *pg = &args[MM_PATHS];
  size_t n = sgf_grid_size(pg);
  const char **paths = NULL;
  char *names = NULL;
  double *buf = malloc(2 * (n ? n : 1) * sizeof *buf);
  int rc = -1;
  if (!buf) {
    sgf_fail_nomem(call);
    goto done;
  }
  double *targets = buf, *out = buf + n;
  if (read_paths(call, args, MM_PATHS, &paths, &names) != 0) goto done;
  if (read_aligned(call, args, MM_TARGETS, paths, SGF_BLANK_ZERO, targets) != 0) goto done;
  sg_error err;
  if (sg_mismatch(n, paths, targets, out, &err) != SG_OK) {
    fail_decompose(call, &err, args);
    goto done;
  }
  rc = result_column(call, pg, out, result);
done:
  free(buf), free(paths), free(names);
  return rc;
}

/* ------------------------------------------------------------ catalogue rows */

static const sgf_arg split2d_args[] = {
    {"rowTotals", EN_ZH("row_totals", "行合计"),
     EN_ZH("The total of each row of seed, e.g. each region's target: a column (or row) with one "
           "number per seed row, 0 or more.",
           "种子每一行的合计，例如各区域的目标：一列（或一行），种子每行一个数，大于或等于 0。"),
     0},
    {"colTotals", EN_ZH("col_totals", "列合计"),
     EN_ZH("The total of each column of seed, e.g. each product line's target: a row (or column) "
           "with one number per seed column. Must add up to the same grand total as row_totals.",
           "种子每一列的合计，例如各产品线的目标：一行（或一列），种子每列一个数。其总和必须与行合计的总和相等。"),
     0},
    {"seed", EN_ZH("seed", "种子"),
     EN_ZH("The pattern to follow, e.g. last year's sales by region × product, 0 or more. A 0 or "
           "blank cell stays 0 (a region that does not sell that product); so does a cell the totals force "
           "to 0 (no matrix with this zero pattern can give it more).",
           "要遵循的结构，例如去年各区域 × 产品的销售额，大于或等于 0。为 0 或空白的单元格结果保持为 0（该区域不销售该产品）；"
           "合计迫使为 0 的单元格（在此零值结构下不可能分到更多）也为 0。"),
     0},
    {"unit", EN_ZH("unit", "取整单位"),
     EN_ZH("Optional. Round every cell down or up to a multiple of this (e.g. 1000) while every "
           "row and column total stays exact; totals and locked cells must be multiples of it. "
           "Omitted or 0 = the unrounded fit.",
           "可选。每个单元格向下或向上取整为该单位的整数倍（例如 1000），且每行、每列合计仍精确相等；合计与锁定值必须是该单位的整数倍。"
           "省略或 0 表示不取整。"),
     1},
    {"locked", EN_ZH("locked", "锁定值"),
     EN_ZH("Optional. A range shaped like seed: a number keeps that cell at exactly that value "
           "(e.g. a key-account commitment); blank = free. The rest of each row and column is "
           "fitted over its free cells.",
           "可选。与种子形状相同的区域：填写数字即把该单元格锁定为该值（例如大客户承诺）；空白表示不锁定。每行、每列的其余部分在未锁定单元格中拟合。"),
     1},
};

static const sgf_arg cascade_args[] = {
    {"paths", EN_ZH("paths", "路径"),
     EN_ZH("One leaf per row, its levels separated by '/', top level first: APAC/China/East/张三. "
           "Leaves may sit at different depths; spaces around a level are ignored. Rows with neither path "
           "nor value are skipped (blank result).",
           "每行一个末级，层级用“/”分隔，最上级在前：APAC/China/East/张三。末级可以处在不同层级；层级名称前后的空格忽略。"
           "路径和数值均为空的行跳过（结果为空白）。"),
     0},
    {"weights", EN_ZH("weights", "权重"),
     EN_ZH("One weight per leaf (e.g. last year's sales), aligned with paths, 0 or more. A node "
           "weighs the sum of its leaves. Blank = 0.",
           "每个末级一个权重（例如去年销售额），与路径对齐，大于或等于 0。每个节点的权重为其下各末级之和。空白视为 0。"),
     0},
    {"total", EN_ZH("total", "总额"),
     EN_ZH("The amount to split down the whole tree, e.g. the company target. 0 or more; with "
           "units, a multiple of the first level's unit.",
           "要沿整棵树分解的总额，例如公司目标。大于或等于 0；指定各级单位时须为第一级单位的整数倍。"),
     0},
    {"units", EN_ZH("units", "各级单位"),
     EN_ZH("Optional. Rounding unit per level, top level first: one number for every level or a "
           "column such as {10000;1000;100} (first-level nodes in tens of thousands, the next in "
           "thousands, the rest in hundreds; the last applies to deeper levels). Each must be a "
           "multiple of the next. Omitted or 0 = no rounding. If locked leaves leave an amount that is "
           "not a multiple of a level's unit, that level rounds in the next finer unit.",
           "可选。各级的取整单位，最上级在前：一个数适用于所有层级，或一列如 {10000;1000;100}（第一级按万、下一级按千、其余按百；"
           "最后一个适用于更深的层级）。每一级必须是下一级的整数倍。省略或 0 表示不取整。若锁定的末级使某级待分配金额不是该级单位的整数倍，"
           "该级改用下一级（更小）的单位取整。"),
     1},
    {"locked", EN_ZH("locked", "锁定值"),
     EN_ZH("Optional. A column aligned with paths: a number keeps that leaf at exactly that value; "
           "blank = free. Locked amounts count in every level above; the rest is cascaded over "
           "the free leaves.",
           "可选。与路径对齐的一列：填写数字即把该末级锁定为该值；空白表示不锁定。锁定值计入其上各级；其余部分在未锁定的末级中逐级分解。"),
     1},
};

static const sgf_arg mismatch_args[] = {
    {"paths", EN_ZH("paths", "路径"),
     EN_ZH("Every node of the tree that has a target, one per row, levels separated by '/': "
           "APAC, APAC/China, APAC/China/East/张三 … in any order. Rows with neither path nor target are "
           "skipped.",
           "树中每个有目标的节点，每行一个，层级用“/”分隔：APAC、APAC/China、APAC/China/East/张三……顺序不限。路径和目标均为空的行跳过。"),
     0},
    {"targets", EN_ZH("targets", "目标"),
     EN_ZH("The target on each row, aligned with paths. Blank = 0. Differences below 1e-12 of the "
           "amounts (decimal noise) show as 0.",
           "每行的目标，与路径对齐。空白视为 0。小于金额 1e-12 的差异（小数误差）显示为 0。"),
     0},
};

static const sgf_function decompose_functions[] = {
    {"SG_SPLIT2D",
     EN_ZH("Fits a matrix (e.g. regions × product lines) to row totals and column totals both at "
           "once, following seed (biproportional fit, RAS; every row and column within 1e-12 of "
           "its total). With unit, every cell is its fit rounded down or up to a multiple of the "
           "unit, chosen by a minimum-cost flow to stay closest to the fit, and every row and "
           "column total is still exact. Select a range shaped like seed and enter as an array "
           "formula (Ctrl+Shift+Enter).",
           "按种子结构同时拟合行合计与列合计（例如区域 × 产品线），即双比例拟合（RAS），每行每列与合计的相对误差不超过 1e-12。"
           "指定取整单位时，每个单元格是其拟合值向下或向上取整到单位的整数倍（用最小费用流选出最接近拟合值的取整），且每行、每列合计仍精确相等。"
           "请选中与种子形状相同的区域，以数组公式输入（Ctrl+Shift+Enter）。"),
     sizeof split2d_args / sizeof split2d_args[0], split2d_args, sgf_impl_split2d, 0, SGF_PURE},
    {"SG_CASCADE",
     EN_ZH("Splits a total down a whole tree in one formula (company → region → team → rep): "
           "each node's amount is shared among its children by the weights of their leaves, "
           "largest remainder at every level in that level's unit (ties as in SG_SPLIT), so "
           "every node is exactly the sum of its children. Returns each leaf's amount. Select a "
           "column beside paths and enter as an array formula, or fill down "
           "=INDEX(SG_CASCADE(…); ROW()-1).",
           "一个公式把总额沿整棵树逐级分解（公司 → 区域 → 团队 → 销售）：每个节点按其下各末级权重之和分给下级，"
           "每一级按该级单位用最大余数法取整（平局规则同 SG_SPLIT），因此每个节点都精确等于其下级之和。返回每个末级的金额。"
           "请选中路径旁的一列以数组公式输入，或向下填充 =INDEX(SG_CASCADE(…); ROW()-1)。"),
     sizeof cascade_args / sizeof cascade_args[0], cascade_args, sgf_impl_cascade, 0, SGF_PURE},
    {"SG_MISMATCH",
     EN_ZH("Checks a target tree edited by hand: for every row, its target minus the sum of its "
           "nearest listed descendants (children, or grandchildren where a level is not listed); "
           "0 for leaves. Non-zero = that node's target does not match its parts. Select a column "
           "beside paths and enter as an array formula.",
           "检查手工修改过的目标树：每行返回其目标减去最近一级已列出下级（子级；某级未列出时为孙级）的目标之和；末级为 0。"
           "非 0 表示该节点目标与其下级不一致。请选中路径旁的一列以数组公式输入。"),
     sizeof mismatch_args / sizeof mismatch_args[0], mismatch_args, sgf_impl_mismatch, 0, SGF_PURE},
};

SGF_FAMILY(decompose, decompose_functions);
