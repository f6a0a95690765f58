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

/* @args:time */
/* @args:alerts */
/* @args:snapshots */

const sgf_function sgf_catalogue[] = {
    {"SG_SPLIT",
     EN_ZH("Splits a total across units by weights, exactly: locked units keep their value, the "
           "rest is shared in proportion to weight within floors and caps, and with a unit every "
           "result is a multiple of it and the results add up to the total. Enter as an array "
           "formula over a range shaped like weights.",
           "按权重精确分解总额：锁定单元保持其值，其余部分在上下限之内按权重比例分配；指定取整单位时，每个结果都是该单位的整数倍，"
           "且合计精确等于总额。请在与权重形状相同的区域中以数组公式输入。"),
     SGF_RESULT_ARRAY, sizeof split_args / sizeof split_args[0], split_args, sgf_impl_split, 0},
    {"SG_BLEND",
     EN_ZH("Blends two weight bases into shares: mix × weights1/Σweights1 + (1 − mix) × "
           "weights2/Σweights2. The shares add up to 1; use them as weights for SG_SPLIT.",
           "把两种权重依据混合成份额：比例 × 权重1/Σ权重1 + (1 − 比例) × 权重2/Σ权重2。份额合计为 1，"
           "可作为 SG_SPLIT 的权重。"),
     SGF_RESULT_ARRAY, sizeof blend_args / sizeof blend_args[0], blend_args, sgf_impl_blend, 0},
    {"SG_FUNNEL_BACKSOLVE",
     EN_ZH("Works a revenue target back through the funnel: wins = target / avg_deal, each "
           "earlier stage = next stage / its conversion rate, rounded up (unless whole is "
           "FALSE). Returns a column, top stage first, wins last; with stage_days and deadline "
           "a second column gives the latest date each stage must be reached. Array formula.",
           "把收入目标沿销售漏斗倒推：赢单数 = 目标 / 平均单价，之前每个阶段 = 下一阶段 / 其转化率，向上取整（取整为 FALSE "
           "时保留小数）。返回一列，最上层阶段在前、赢单在后；提供阶段天数和截止日期时，第二列给出各阶段最晚需达到的日期。请以数组公式输入。"),
     SGF_RESULT_ARRAY, sizeof backsolve_args / sizeof backsolve_args[0], backsolve_args,
     sgf_impl_funnel_backsolve, 0},
    {"SG_FUNNEL_FORECAST",
     EN_ZH("Expected revenue from today's pipeline: Σ count × (product of the rates from that "
           "stage down to the win) × avg_deal.",
           "当前销售管道的预期收入：Σ 各阶段数量 × 该阶段至赢单各转化率之积 × 平均单价。"),
     SGF_RESULT_SCALAR, sizeof forecast_args / sizeof forecast_args[0], forecast_args,
     sgf_impl_funnel_forecast, 0},
    /* @entries:time */
    /* @entries:alerts */
    /* @entries:snapshots */
    {"SG_LASTERROR",
     EN_ZH("Returns the most recent salesgoal error message of this session (which function, "
           "which argument, what is wrong), or empty text if none. To read the message of a "
           "given cell: =IF(ISERROR(B2); SG_LASTERROR(); \"\").",
           "返回本次会话中最近一条 salesgoal 错误信息（哪个函数、哪个参数、出了什么问题）；没有错误时返回空文本。"
           "查看某个单元格的错误：=IF(ISERROR(B2); SG_LASTERROR(); \"\")。"),
     SGF_RESULT_SCALAR, 0, NULL, sgf_impl_lasterror, 0},
};

const size_t sgf_catalogue_count = sizeof sgf_catalogue / sizeof sgf_catalogue[0];
