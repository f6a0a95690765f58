/* catalogue.c — THE description of every spreadsheet function, once.
 *
 * The IDL, CalcAddIns.xcu (names, help in en-US and zh-CN, compatibility
 * names) and the add-in's dispatch are all generated from / driven by this
 * table. Adding a function = engine math + one entry here + tests. */
#include "sgf_internal.h"

#define EN_ZH(en, zh) {en, zh}

static const sgf_arg split_args[] = {
    {"total", EN_ZH("total", "总额"),
     EN_ZH("The amount to split, e.g. the yearly company target.",
           "要分解的总额，例如公司年度目标。"),
     0},
    {"weights", EN_ZH("weights", "权重"),
     EN_ZH("One weight per unit (history, potential or SG_BLEND); a column gives a column, a row "
           "gives a row. Blank = 0; all zero = split evenly.",
           "每个单元一个权重（历史、潜力或 SG_BLEND 的结果）；输入列则输出列，输入行则输出行。空白视为 "
           "0；全部为 0 时平均分配。"),
     0},
    {"unit", EN_ZH("unit", "取整单位"),
     EN_ZH("Optional. Round every result to a multiple of this (1, 100, 0.01) while keeping the "
           "sum exactly equal to total (largest remainder). Omitted or 0 = no rounding.",
           "可选。每个结果取整为该单位的整数倍（如 1、100、0.01），且合计仍精确等于总额（最大余数法）。省略或 "
           "0 表示不取整。"),
     1},
    {"floors", EN_ZH("floors", "下限"),
     EN_ZH("Optional. Minimum per unit: one number for all or a range shaped like weights. Blank "
           "= 0.",
           "可选。每个单元的最低值：一个数适用于全部，或与权重形状相同的区域。空白视为 0。"),
     1},
    {"caps", EN_ZH("caps", "上限"),
     EN_ZH("Optional. Maximum per unit: one number for all or a range shaped like weights. Blank "
           "= no cap.",
           "可选。每个单元的最高值：一个数适用于全部，或与权重形状相同的区域。空白表示不设上限。"),
     1},
    {"locked", EN_ZH("locked", "锁定值"),
     EN_ZH("Optional. A range shaped like weights: a number locks that unit at exactly that value "
           "(e.g. a committed quota); blank = free. The rest of the total is spread over the free "
           "units.",
           "可选。与权重形状相同的区域：填写数字即把该单元锁定为该值（例如已承诺的指标）；空白表示不锁定。总额扣除锁定值后"
           "分配给其余单元。"),
     1},
};

static const sgf_arg blend_args[] = {
    {"weights1", EN_ZH("weights1", "权重1"),
     EN_ZH("First basis, e.g. last year's sales per unit. Blank = 0.",
           "第一种依据，例如各单元去年的销售额。空白视为 0。"),
     0},
    {"weights2", EN_ZH("weights2", "权重2"),
     EN_ZH("Second basis shaped like weights1, e.g. market potential per unit. Blank = 0.",
           "第二种依据，与权重1 形状相同，例如各单元的市场潜力。空白视为 0。"),
     0},
    {"mix", EN_ZH("mix", "比例"),
     EN_ZH("Share given to weights1, between 0 and 1 (0.6 = 60% history, 40% potential).",
           "分配给权重1 的比例，介于 0 和 1 之间（0.6 = 60% 历史、40% 潜力）。"),
     0},
};

static const sgf_arg backsolve_args[] = {
    {"target", EN_ZH("target", "目标收入"),
     EN_ZH("Revenue to land, e.g. this quarter's target. 0 or more.",
           "需要达成的收入，例如本季度目标。大于或等于 0。"),
     0},
    {"avgDeal", EN_ZH("avg_deal", "平均单价"),
     EN_ZH("Average revenue per won deal. More than 0.", "每笔赢单的平均收入。必须大于 0。"), 0},
    {"rates", EN_ZH("rates", "转化率"),
     EN_ZH("Stage-to-stage conversion rates in funnel order, top first (e.g. lead→opportunity, "
           "opportunity→demo, demo→quote, quote→win), each more than 0 and at most 1. n rates "
           "mean n+1 stages.",
           "按漏斗顺序（自上而下）的阶段转化率，例如线索→商机、商机→演示、演示→报价、报价→赢单；每个大于 0 且不超过 1。"
           "n 个转化率对应 n+1 个阶段。"),
     0},
    {"stageDays", EN_ZH("stage_days", "阶段天数"),
     EN_ZH("Optional. Days each transition takes, one per rate. With deadline, adds a second "
           "column: the latest date each stage must be reached.",
           "可选。每次转化所需天数，与转化率一一对应。与截止日期一起使用时，增加第二列：每个阶段最晚需达到的日期。"),
     1},
    {"deadline", EN_ZH("deadline", "截止日期"),
     EN_ZH("Optional. The date the wins must be closed by (used with stage_days). Format the "
           "second result column as a date.",
           "可选。赢单的最晚日期（与阶段天数一起使用）。请将结果第二列设置为日期格式。"),
     1},
    {"whole", EN_ZH("whole", "取整"),
     EN_ZH("Optional. TRUE (default) rounds every stage up to whole deals and leads; FALSE keeps "
           "fractions.",
           "可选。TRUE（默认）把每个阶段向上取整为整数；FALSE 保留小数。"),
     1},
};

static const sgf_arg forecast_args[] = {
    {"counts", EN_ZH("counts", "各阶段数量"),
     EN_ZH("Deals now in each stage, top first, aligned with rates (won deals are not counted). "
           "Blank = 0.",
           "当前各阶段的商机数量，自上而下，与转化率对应（已赢单不计入）。空白视为 0。"),
     0},
    {"rates", EN_ZH("rates", "转化率"),
     EN_ZH("Conversion rate of each stage to the next, top first; the last one is the win rate.",
           "各阶段转化到下一阶段的比率，自上而下；最后一个为赢单率。"),
     0},
    {"avgDeal", EN_ZH("avg_deal", "平均单价"),
     EN_ZH("Average revenue per won deal. More than 0.", "每笔赢单的平均收入。必须大于 0。"), 0},
};

static const sgf_arg periods_args[] = {
    {"total", EN_ZH("total", "总额"),
     EN_ZH("The amount to spread over the periods, e.g. a rep's yearly target.",
           "要按期间分解的总额，例如某销售代表的年度目标。"),
     0},
    {"start", EN_ZH("start", "开始日期"),
     EN_ZH("First day of the plan (a date). A time of day is ignored.",
           "计划的第一天（日期）。忽略时间部分。"),
     0},
    {"end", EN_ZH("end", "结束日期"),
     EN_ZH("Last day of the plan, included. Not before start.",
           "计划的最后一天（含当天）。不得早于开始日期。"),
     0},
    {"grain", EN_ZH("grain", "粒度"),
     EN_ZH("Optional. \"month\" (default), \"quarter\", \"week\" (ISO weeks, Monday to Sunday) or "
           "\"day\".",
           "可选。\"month\"（月，默认）、\"quarter\"（季度）、\"week\"（ISO 周，周一至周日）或 \"day\"（日）。"),
     1},
    {"seasonality", EN_ZH("seasonality", "季节性"),
     EN_ZH("Optional. 12 monthly weights, January to December (any scale, need not add up to "
           "100; a day weighs its month's weight / days in that month), or one weight per output "
           "period. With grain month, 12 weights are always January to December, also for a plan "
           "starting in April: list them from January. Omitted = every day weighs the same.",
           "可选。12 个月度权重（一月至十二月，比例任意，合计无需为 100；每天的权重 = 当月权重 / "
           "当月天数），或每个输出期间一个权重。粒度为月时，12 个权重始终表示一月至十二月，计划从四月开始也一样："
           "请从一月起列出。省略时每天权重相同。"),
     1},
    {"unit", EN_ZH("unit", "取整单位"),
     EN_ZH("Optional. Round every amount to a multiple of this (1, 100, 0.01) while the amounts "
           "still add up to total exactly (largest remainder). Omitted or 0 = no rounding.",
           "可选。每个金额取整为该单位的整数倍（如 1、100、0.01），合计仍精确等于总额（最大余数法）。省略或 0 "
           "表示不取整。"),
     1},
    {"fiscalStartMonth", EN_ZH("fiscal_start_month", "财年起始月"),
     EN_ZH("Optional. Month the fiscal year starts in, 1 to 12 (default 1). Moves quarter "
           "boundaries: 4 makes Q1 April to June.",
           "可选。财年开始的月份，1 到 12（默认 1）。决定季度边界：4 表示第一季度为四月至六月。"),
     1},
    {"holidays", EN_ZH("holidays", "节假日"),
     EN_ZH("Optional. Dates of holidays (any range, blanks ignored). When given, only working "
           "days carry weight: Saturdays, Sundays and these dates count 0, as in NETWORKDAYS.",
           "可选。节假日日期（任意区域，忽略空白）。提供后只有工作日计入权重：周六、周日和这些日期计为 "
           "0，与 NETWORKDAYS 相同。"),
     1},
};

static const sgf_arg ramp_args[] = {
    {"quota", EN_ZH("quota", "全额指标"),
     EN_ZH("The full target for the period, as for a fully ramped rep. 0 or more.",
           "该期间的完整指标（按已完全上岗人员计）。大于或等于 0。"),
     0},
    {"hireDate", EN_ZH("hire_date", "入职日期"),
     EN_ZH("The new hire's first day. Tenure month 1 starts on it, month 2 on the same day of "
           "the next month (Jan 31 -> Feb 28 or 29).",
           "新员工的第一天。司龄第 1 个月从这一天开始，第 2 个月从下个月同一天开始（1 月 31 日 -> 2 月 28 或 29 日）。"),
     0},
    {"periodStart", EN_ZH("period_start", "期间开始"),
     EN_ZH("First day of the period the quota is for.", "指标所属期间的第一天。"), 0},
    {"periodEnd", EN_ZH("period_end", "期间结束"),
     EN_ZH("Last day of the period, included.", "期间的最后一天（含当天）。"), 0},
    {"ramp", EN_ZH("ramp", "爬坡系数"),
     EN_ZH("Optional. Factor per tenure month, e.g. 0.3; 0.6; 1 (a row or column, 0 or more); "
           "after the last one every day counts in full. Omitted = pro rata by days employed.",
           "可选。每个司龄月的系数，例如 0.3; 0.6; 1（单行或单列，大于或等于 0）；超出后每天按全额计。"
           "省略时按在职天数折算。"),
     1},
};

static const sgf_arg progress_args[] = {
    {"target", EN_ZH("target", "目标"),
     EN_ZH("The target for the whole period. 0 or more.", "整个期间的目标。大于或等于 0。"), 0},
    {"actual", EN_ZH("actual", "实际"),
     EN_ZH("What has been achieved so far (may be negative after returns).",
           "截至目前的实际完成额（有退货时可为负）。"),
     0},
    {"start", EN_ZH("start", "开始日期"),
     EN_ZH("First day of the period.", "期间的第一天。"), 0},
    {"end", EN_ZH("end", "结束日期"),
     EN_ZH("Last day of the period, included. Not before start.",
           "期间的最后一天（含当天）。不得早于开始日期。"),
     0},
    {"asOf", EN_ZH("as_of", "截至日期"),
     EN_ZH("The day actual counts up to, included (e.g. TODAY()-1). Before start = nothing "
           "elapsed; after end = all of it.",
           "实际完成额截至的日期（含当天，例如 TODAY()-1）。早于开始日期视为尚未开始；晚于结束日期视为全部已过。"),
     0},
    {"metric", EN_ZH("metric", "指标"),
     EN_ZH("Optional. One of \"attainment\", \"expected\", \"pace\", \"gap\", "
           "\"required_per_day\", \"forecast\" (or 1 to 6) to get just that number. Omitted = a "
           "row of all six.",
           "可选。\"attainment\"（达成率）、\"expected\"（应完成）、\"pace\"（进度）、\"gap\"（差距）、"
           "\"required_per_day\"（日均所需）、\"forecast\"（预测）之一（或 1 到 6），只返回该数值。省略时返回六项一行。"),
     1},
    {"seasonality", EN_ZH("seasonality", "季节性"),
     EN_ZH("Optional. 12 monthly weights, January to December: expected and forecast then follow "
           "the seasonal share of the period elapsed (a partial month pro rata by days) instead of "
           "the share of days.",
           "可选。12 个月度权重（一月至十二月）：应完成额和预测按已过的季节性份额计算（不足一月按天数折算），而非按天数比例。"),
     1},
};

/* @args:time */
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

/* @args:alerts */
static const sgf_arg snapshot_args[] = {
    {"plan", EN_ZH("plan", "计划"),
     EN_ZH("Name of the plan the snapshot belongs to, e.g. \"FY2025\". Text or a number.",
           "快照所属计划的名称，例如“FY2025”。文本或数字。"),
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

/* @args:snapshots */

const sgf_function sgf_catalogue[] = {
    {"SG_SPLIT",
     EN_ZH("Splits a total across units by weights, exactly: locked units keep their value, the "
           "rest is shared in proportion to weight within floors and caps, and with a unit every "
           "result is a multiple of it and the results add up to the total. Enter as an array "
           "formula over a range shaped like weights.",
           "按权重精确分解总额：锁定单元保持其值，其余部分在上下限之内按权重比例分配；指定取整单位时，每个结果都是该单位的整数倍，"
           "且合计精确等于总额。请在与权重形状相同的区域中以数组公式输入。"),
     sizeof split_args / sizeof split_args[0], split_args, sgf_impl_split, 0},
    {"SG_BLEND",
     EN_ZH("Blends two weight bases into shares: mix × weights1/Σweights1 + (1 − mix) × "
           "weights2/Σweights2. The shares add up to 1; use them as weights for SG_SPLIT.",
           "把两种权重依据混合成份额：比例 × 权重1/Σ权重1 + (1 − 比例) × 权重2/Σ权重2。份额合计为 1，"
           "可作为 SG_SPLIT 的权重。"),
     sizeof blend_args / sizeof blend_args[0], blend_args, sgf_impl_blend, 0},
    {"SG_FUNNEL_BACKSOLVE",
     EN_ZH("Works a revenue target back through the funnel: wins = target / avg_deal, each "
           "earlier stage = next stage / its conversion rate, rounded up (unless whole is "
           "FALSE). Returns a column, top stage first, wins last; with stage_days and deadline "
           "a second column gives the latest date each stage must be reached. Array formula.",
           "把收入目标沿销售漏斗倒推：赢单数 = 目标 / 平均单价，之前每个阶段 = 下一阶段 / 其转化率，向上取整（取整为 FALSE "
           "时保留小数）。返回一列，最上层阶段在前、赢单在后；提供阶段天数和截止日期时，第二列给出各阶段最晚需达到的日期。请以数组公式输入。"),
     sizeof backsolve_args / sizeof backsolve_args[0], backsolve_args,
     sgf_impl_funnel_backsolve, 0},
    {"SG_FUNNEL_FORECAST",
     EN_ZH("Expected revenue from today's pipeline: Σ count × (product of the rates from that "
           "stage down to the win) × avg_deal.",
           "当前销售管道的预期收入：Σ 各阶段数量 × 该阶段至赢单各转化率之积 × 平均单价。"),
     sizeof forecast_args / sizeof forecast_args[0], forecast_args,
     sgf_impl_funnel_forecast, 0},
    {"SG_PERIODS",
     EN_ZH("Spreads a total over calendar periods from start to end: returns one row per period "
           "(month, fiscal quarter, ISO week or day) with the period's first day and its amount. "
           "A partial first or last period starts on start and gets its share pro rata by days; "
           "amounts follow the seasonality (12 monthly weights or one per period; per-period "
           "weights are used as given) and, with holidays, working days only. With unit the "
           "amounts are multiples of it and add up to total exactly. Errors if no day carries "
           "weight. Array formula, 2 columns; format the first as a date.",
           "把总额按日历期间（月、财年季度、ISO 周或日）从开始日期分解到结束日期：每个期间返回一行，包括期间第一天和金额。"
           "首尾不完整的期间从开始日期起算，并按天数折算份额；金额按季节性分配（12 个月度权重或每期一个权重；每期权重按原值使用），"
           "提供节假日时只计工作日。指定取整单位时，金额都是该单位的整数倍且合计精确等于总额。没有任何一天有权重时报错。"
           "请以两列的数组公式输入，第一列设置为日期格式。"),
     sizeof periods_args / sizeof periods_args[0], periods_args, sgf_impl_periods,
     1},
    {"SG_RAMP",
     EN_ZH("A new hire's target for a period: each day is worth quota / days in the period, days "
           "before the hire date 0, and a day in tenure month m counts ramp[m] of its worth (in "
           "full after the ramp). E.g. quota 30,000 for June 2026, hired June 16, ramp 0.3; 0.6; "
           "1 gives 30,000 / 30 x 15 x 0.3 = 4,500.",
           "新员工在某期间的指标：每天价值 = 全额指标 / 期间天数，入职前的天数为 0，司龄第 m 个月的每天按爬坡系数[m] "
           "计（爬坡结束后按全额）。例如 2026 年 6 月指标 30,000，6 月 16 日入职，爬坡 0.3; 0.6; 1，结果为 30,000 / 30 × "
           "15 × 0.3 = 4,500。"),
     sizeof ramp_args / sizeof ramp_args[0], ramp_args, sgf_impl_ramp, 1},
    {"SG_PROGRESS",
     EN_ZH("Pacing as of a date. Returns a row {attainment, expected, pace, gap, "
           "required_per_day, forecast}, or one of them with metric. Days count inclusively; f = "
           "days(start..as_of) / days(start..end), or the seasonal share. attainment = actual / "
           "target; expected = target x f; pace = actual / expected; gap = target - actual; "
           "required_per_day = max(gap, 0) / days left after as_of; forecast = actual / f. A figure "
           "that does not exist shows #N/A in the row (a single metric is an error with a "
           "message): attainment when target is 0; pace when expected is 0 (as_of before start, "
           "target 0); forecast when nothing has elapsed; required_per_day when no day is left and "
           "gap > 0 (it is 0 when nothing is missing).",
           "截至某日的进度。返回一行 {达成率, 应完成, 进度, 差距, 日均所需, 预测}，指定指标时只返回其中一项。天数含首尾；f = "
           "天数(开始..截至) / 天数(开始..结束)，或季节性份额。达成率 = 实际 / 目标；应完成 = 目标 × f；进度 = 实际 / 应完成；"
           "差距 = 目标 − 实际；日均所需 = max(差距, 0) / 截至日之后的剩余天数；预测 = 实际 / f。不存在的数值在结果行中显示 "
           "#N/A（单独指定指标时报错并说明原因）：目标为 0 时的达成率；应完成为 0 时（截至日早于开始、目标为 0）的进度；尚未开始时的预测；"
           "没有剩余天数且差距 > 0 时的日均所需（没有差距时为 0）。"),
     sizeof progress_args / sizeof progress_args[0], progress_args,
     sgf_impl_progress, 1},
    /* @entries:time */
    {"SG_ALERT",
     EN_ZH("Traffic light for a pace or attainment: RED below red_below, AMBER below "
           "amber_below, else GREEN (defaults 0.85 and 0.95). Rules set other thresholds for "
           "units whose path matches a pattern (first match wins). Returns codes or readable "
           "messages, one per value; enter as an array formula over a range shaped like value.",
           "进度或达成率的红黄绿灯：低于红色下限为 RED，低于黄色下限为 AMBER，否则为 GREEN（默认 0.85 和 0.95）。规则可为路径"
           "与模式匹配的单元设定其他阈值（以第一条匹配的规则为准）。每个值返回一个代码或一句说明；请在与进度值形状相同的区域中以"
           "数组公式输入。"),
     sizeof alert_args / sizeof alert_args[0], alert_args, sgf_impl_alert, 0},
    {"SG_ROLLUP",
     EN_ZH("Rolls values up a hierarchy: the sum (or count, avg, min, max) of the values whose "
           "unit path matches a regular expression, e.g. ^APAC/China/ for everything under "
           "China. A range of patterns gives one result per pattern (array formula).",
           "沿层级汇总数值：路径与正则表达式匹配的各单元数值之和（或计数、平均、最小、最大），例如 ^APAC/China/ 表示 China "
           "之下的全部单元。给出模式区域时每个模式返回一个结果（数组公式）。"),
     sizeof rollup_args / sizeof rollup_args[0], rollup_args, sgf_impl_rollup, 0},
    /* @entries:alerts */
    {"SG_SNAPSHOT",
     EN_ZH("Records today's progress for later: stores target and actual of each unit as of a "
           "day in the snapshot database (SALESGOAL_DB, or ~/.local/share/salesgoal/"
           "snapshots.sqlite), shared by all workbooks. Returns how many units the snapshot "
           "covers. Recording the same plan, unit and day again updates that snapshot, so "
           "recalculating adds no rows; snapshots are never deleted. A range of units is written "
           "all together or not at all.",
           "记录当前进度以备日后查看：把各单元截至某日的目标和实际值保存到快照数据库（SALESGOAL_DB，或 "
           "~/.local/share/salesgoal/snapshots.sqlite），所有工作簿共用。返回本次快照覆盖的单元数。对同一计划、单元和日期"
           "再次记录会更新该快照，因此重新计算不会增加行；快照永不删除。一组单元要么全部写入，要么全部不写入。"),
     sizeof snapshot_args / sizeof snapshot_args[0], snapshot_args,
     sgf_impl_snapshot, 1},
    {"SG_HISTORY",
     EN_ZH("The recorded snapshots of one unit, oldest first: three columns as_of, target, "
           "actual (format the first as a date). Array formula; an error when there are none.",
           "某个单元已记录的快照，按日期从早到晚：三列依次为截至日期、目标、实际（请将第一列设置为日期格式）。"
           "请以数组公式输入；没有快照时返回错误。"),
     sizeof history_args / sizeof history_args[0], history_args,
     sgf_impl_history, 1},
    {"SG_TREND",
     EN_ZH("Forecasts a unit's actual at a date from its snapshots: the least-squares straight "
           "line through (as_of, actual), read at end. Needs snapshots on at least 2 different "
           "days.",
           "根据快照预测某个单元在某日的实际完成额：通过 (截至日期, 实际) 的最小二乘直线在预测日期处的值。"
           "至少需要 2 个不同日期的快照。"),
     sizeof trend_args / sizeof trend_args[0], trend_args, sgf_impl_trend, 1},
    /* @entries:snapshots */
    {"SG_LASTERROR",
     EN_ZH("Returns the most recent salesgoal error message of this session (which function, "
           "which argument, what is wrong), or empty text if none. To read the message of a "
           "given cell: =IF(ISERROR(B2); SG_LASTERROR(); \"\").",
           "返回本次会话中最近一条 salesgoal 错误信息（哪个函数、哪个参数、出了什么问题）；没有错误时返回空文本。"
           "查看某个单元格的错误：=IF(ISERROR(B2); SG_LASTERROR(); \"\")。"),
     0, NULL, sgf_impl_lasterror, 0},
};

const size_t sgf_catalogue_count = sizeof sgf_catalogue / sizeof sgf_catalogue[0];
