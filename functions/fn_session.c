/* fn_session.c — SG_LASTERROR: the session's most recent message. */
#include "sgf_internal.h"

#include <string.h>

static int sgf_impl_lasterror(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
  (void)args;
  const char *text = call->last_error ? call->last_error : "";
  if (sgf_grid_init(result, 1, 1) != 0) return sgf_fail_nomem(call);
  if (sgf_grid_set_text(result, 0, text, strlen(text)) != 0) return sgf_fail_nomem(call);
  return 0;
}

/* ------------------------------------------------------------ catalogue rows */

static const sgf_function session_functions[] = {
    {"SG_LASTERROR",
     EN_ZH("Returns the most recent salesgoal error message of this session (which function, "
           "which argument, what is wrong), or empty text if none. To read the message of a "
           "given cell: =IF(ISERROR(B2); SG_LASTERROR(); \"\").",
           "返回本次会话中最近一条 salesgoal 错误信息（哪个函数、哪个参数、出了什么问题）；没有错误时返回空文本。"
           "查看某个单元格的错误：=IF(ISERROR(B2); SG_LASTERROR(); \"\")。"),
     0, NULL, sgf_impl_lasterror, 0},
};

SGF_FAMILY(session, session_functions);
