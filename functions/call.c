/* call.c — looking up and invoking catalogue functions; localised failures. */
#include "sgf.h"
#include "sgf_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const sgf_function *sgf_find(const char *name) {
  const sgf_function *fn;
  for (size_t i = 0; (fn = sgf_catalogue_at(i)) != NULL; i++)
    if (strcmp(fn->name, name) == 0) return fn;
  return NULL;
}

/* Append a printf-formatted sentence after `used` bytes of call->message. */
static void append_v(sgf_call *call, size_t used, const char *fmt, va_list ap) {
  if (used >= sizeof call->message) used = sizeof call->message - 1;
  int len = vsnprintf(call->message + used, sizeof call->message - used, fmt, ap);
  /* Cut a long message on a character boundary, with "…". */
  sg_utf8_fit(call->message, sizeof call->message, len < 0 ? len : (int)used + len);
}

static const char *fn_name(const sgf_call *call) { return call->fn ? call->fn->name : "SG"; }

int sgf_fail(sgf_call *call, const char *en, const char *zh, ...) {
  int zh_lang = call->lang == SGF_LANG_ZH;
  int used = snprintf(call->message, sizeof call->message, zh_lang ? "%s：" : "%s: ", fn_name(call));
  va_list ap;
  va_start(ap, zh);
  append_v(call, used < 0 ? 0 : (size_t)used, zh_lang ? zh : en, ap);
  va_end(ap);
  return -1;
}

int sgf_fail_arg(sgf_call *call, size_t argi, const char *en, const char *zh, ...) {
  int zh_lang = call->lang == SGF_LANG_ZH;
  const char *arg = "?";
  if (call->fn && argi < call->fn->nargs) arg = call->fn->args[argi].display[call->lang];
  int used = snprintf(call->message, sizeof call->message,
                      zh_lang ? "%s，第 %zu 个参数（%s）：" : "%s, argument %zu (%s): ",
                      fn_name(call), argi + 1, arg);
  va_list ap;
  va_start(ap, zh);
  append_v(call, used < 0 ? 0 : (size_t)used, zh_lang ? zh : en, ap);
  va_end(ap);
  return -1;
}

int sgf_fail_nomem(sgf_call *call) {
  return sgf_fail(call, "out of memory; try a smaller range.", "内存不足，请缩小区域。");
}

/* Text with a NUL inside would be read only up to the NUL (two units
 * "A\0x" and "A\0y" would both be "A"): refuse it, naming the cell. */
static int reject_nul(sgf_call *call, const sgf_grid *args, size_t argi) {
  const sgf_grid *g = &args[argi];
  for (size_t k = 0; k < sgf_grid_size(g); k++) {
    if (g->cells[k].kind != SGF_TEXT || !g->cells[k].has_nul) continue;
    char pos[96];
    sgf_cell_pos(call, g, k, pos, sizeof pos);
    sgf_vars vars = {.pos = pos};
    return sgf_fail_vars(call, argi,
                         "the text{at}{pos} contains a NUL character (code 0), which would cut "
                         "it short; remove it, e.g. with CLEAN().",
                         "{pos}的文本含有 NUL 字符（代码 0），会被截断；请删除它，例如用 CLEAN()。",
                         &vars);
  }
  return 0;
}

int sgf_invoke(const sgf_function *fn, sgf_call *call, const sgf_grid *args, size_t nargs,
               sgf_grid *result) {
  call->fn = fn;
  call->args = args;
  call->message[0] = '\0';
  sgf_grid_init(result, 0, 0);
  if (nargs != fn->nargs)
    return sgf_fail(call, "expects %zu arguments, got %zu.", "需要 %zu 个参数，实际为 %zu 个。",
                    fn->nargs, nargs);
  for (size_t i = 0; i < nargs; i++) {
    if (!sgf_arg_is_optional(&fn->args[i]) && args[i].omitted)
      return sgf_fail_arg(call, i, "is required but missing.", "为必填参数，但未提供。");
    if (reject_nul(call, args, i) != 0) return -1;
  }
  int rc = fn->impl(call, args, result);
  if (rc != 0) {
    sgf_grid_free(result);
    if (call->message[0] == '\0')
      sgf_fail(call, "failed for an unknown reason.", "因未知原因失败。");
    return -1;
  }
  return 0;
}

/* Expand a template into buf. Unknown {names} are copied as they are. */
static void expand(char *buf, size_t size, const char *tpl, const sgf_vars *vars) {
  size_t used = 0;
  buf[0] = '\0';
  for (const char *p = tpl; *p && used + 1 < size;) {
    char num[40];
    const char *piece = NULL;
    size_t skip = 0;
    if (*p == '{') {
      if (strncmp(p, "{text}", 6) == 0) piece = vars->text ? vars->text : "", skip = 6;
      else if (strncmp(p, "{pos}", 5) == 0) {
        piece = vars->pos ? vars->pos : "", skip = 5;
        /* "{pos}的值" with no position would read "：的值": drop the 的. */
        if (!piece[0] && strncmp(p + 5, "的", 3) == 0) skip += 3;
      }
      else if (strncmp(p, "{at}", 4) == 0) piece = (vars->pos && vars->pos[0]) ? " at " : "", skip = 4;
      else if (strncmp(p, "{v2}", 4) == 0) snprintf(num, sizeof num, "%.10g", vars->v2), piece = num, skip = 4;
      else if (strncmp(p, "{v}", 3) == 0) snprintf(num, sizeof num, "%.10g", vars->v), piece = num, skip = 3;
    }
    if (piece) {
      int w = snprintf(buf + used, size - used, "%s", piece);
      if (w < 0) break;
      used += (size_t)w;
      if (used >= size) used = size - 1;
      p += skip;
    } else {
      buf[used++] = *p++;
      buf[used] = '\0';
    }
  }
}

int sgf_fail_vars(sgf_call *call, size_t argi, const char *en, const char *zh,
                  const sgf_vars *vars) {
  char sentence[2 * SGF_MESSAGE_SIZE]; /* roomier than the message: one cut, at the end */
  expand(sentence, sizeof sentence, call->lang == SGF_LANG_ZH ? zh : en, vars);
  if (argi == SGF_NO_ARG || !call->fn || argi >= call->fn->nargs)
    return sgf_fail(call, "%s", "%s", sentence);
  return sgf_fail_arg(call, argi, "%s", "%s", sentence);
}
