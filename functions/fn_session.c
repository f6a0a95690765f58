/* fn_session.c — SG_LASTERROR: the session's most recent message; SG_WHY:
 * the reason one cell's salesgoal call fails (functions/why.c). */
#include "sgf_internal.h"

#include <string.h>

static int sgf_impl_lasterror(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
  (void)args;
  const char *text = call->last_error ? call->last_error : "";
  if (sgf_grid_init(result, 1, 1) != 0) return sgf_fail_nomem(call);
  if (sgf_grid_set_text(result, 0, text, strlen(text)) != 0) return sgf_fail_nomem(call);
  return 0;
}

static int sgf_impl_why(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
  (void)args;
  return sgf_why(call, 0, result);
}

/* ------------------------------------------------------------ catalogue rows */

static const sgf_arg why_args[] = {
    {"cell", EN_ZH("cell", "单元格"),
     EN_ZH("The cell whose SG_ formula shows an error, e.g. B4.",
           "显示错误的 SG_ 公式所在的单元格，例如 B4。"),
     SGF_ARG_CELL},
};

static const sgf_function session_functions[] = {
    {"SG_LASTERROR",
     EN_ZH("Returns the most recent salesgoal error message of this session (which function, "
           "which argument, what is wrong), or empty text if none. To read the message of a "
           "given cell: =IF(ISERROR(B2); SG_LASTERROR(); \"\").",
           "返回本次会话中最近一条 salesgoal 错误信息（哪个函数、哪个参数、出了什么问题）；没有错误时返回空文本。"
           "查看某个单元格的错误：=IF(ISERROR(B2); SG_LASTERROR(); \"\")。"),
     0, NULL, sgf_impl_lasterror, 0, SGF_IMPURE},
    {"SG_WHY",
     EN_ZH("Returns why the salesgoal formula in a cell fails, in the language of the menus, naming "
           "the argument and the sheet cell at fault (\"SG_SPLIT, argument 2 (weights): -1 at "
           "Plan.D12 is negative ...\"), or empty text when that cell shows no error or holds no "
           "SG_ formula. Worked out again from the cell's formula and inputs each time, so it is "
           "never another cell's or an old reason. Enter as a normal formula beside the cell: "
           "=SG_WHY(B4). Arguments that are expressions (A1*2) cannot be re-checked.",
           "返回某单元格中 salesgoal 公式出错的原因（按界面语言），指出出错的参数和工作表单元格"
           "（“SG_SPLIT，第 2 个参数（权重）：Plan.D12 的值 -1 为负数……”）；该单元格没有错误或没有 SG_ "
           "公式时返回空文本。每次都根据该单元格的公式和输入重新判断，不会显示其他单元格或过时的原因。"
           "在该单元格旁以普通公式输入：=SG_WHY(B4)。参数为表达式（如 A1*2）时无法复核。"),
     sizeof why_args / sizeof why_args[0], why_args, sgf_impl_why, 1, SGF_IMPURE},
};

SGF_FAMILY(session, session_functions);
