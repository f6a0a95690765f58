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

const sgf_function sgf_catalogue[] = {
    {"SG_SPLIT",
     EN_ZH("Splits a total across units by weights, exactly: locked units keep their value, the "
           "rest is shared in proportion to weight within floors and caps, and with a unit every "
           "result is a multiple of it and the results add up to the total. Enter as an array "
           "formula over a range shaped like weights.",
           "按权重精确分解总额：锁定单元保持其值，其余部分在上下限之内按权重比例分配；指定取整单位时，每个结果都是该单位的整数倍，"
           "且合计精确等于总额。请在与权重形状相同的区域中以数组公式输入。"),
     SGF_RESULT_ARRAY, sizeof split_args / sizeof split_args[0], split_args, sgf_impl_split},
    {"SG_BLEND",
     EN_ZH("Blends two weight bases into shares: mix × weights1/Σweights1 + (1 − mix) × "
           "weights2/Σweights2. The shares add up to 1; use them as weights for SG_SPLIT.",
           "把两种权重依据混合成份额：比例 × 权重1/Σ权重1 + (1 − 比例) × 权重2/Σ权重2。份额合计为 1，"
           "可作为 SG_SPLIT 的权重。"),
     SGF_RESULT_ARRAY, sizeof blend_args / sizeof blend_args[0], blend_args, sgf_impl_blend},
    {"SG_LASTERROR",
     EN_ZH("Returns the most recent salesgoal error message of this session (which function, "
           "which argument, what is wrong), or empty text if none. To read the message of a "
           "given cell: =IF(ISERROR(B2); SG_LASTERROR(); \"\").",
           "返回本次会话中最近一条 salesgoal 错误信息（哪个函数、哪个参数、出了什么问题）；没有错误时返回空文本。"
           "查看某个单元格的错误：=IF(ISERROR(B2); SG_LASTERROR(); \"\")。"),
     SGF_RESULT_SCALAR, 0, NULL, sgf_impl_lasterror},
};

const size_t sgf_catalogue_count = sizeof sgf_catalogue / sizeof sgf_catalogue[0];
