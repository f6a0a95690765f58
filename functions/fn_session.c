/* fn_session.c — SG_LASTERROR: the session's most recent message. */
#include "sgf_internal.h"

#include <string.h>

int sgf_impl_lasterror(sgf_call *call, const sgf_grid *args, sgf_grid *result) {
  (void)args;
  const char *text = call->last_error ? call->last_error : "";
  if (sgf_grid_init(result, 1, 1) != 0) return sgf_fail_nomem(call);
  if (sgf_grid_set_text(result, 0, text, strlen(text)) != 0) return sgf_fail_nomem(call);
  return 0;
}
