/* origin.c — naming the sheet cell behind an argument's cell ("Plan.D12"),
 * when the host says where the argument came from (sgf_call.origins). */
#include "sgf_internal.h"

#include <stdio.h>
#include <string.h>

/* Column letters of a 0-based column: 0 -> A, 25 -> Z, 26 -> AA. */
static void column_letters(long col, char *buf, size_t size) {
  char rev[8];
  size_t n = 0;
  for (long c = col + 1; c > 0 && n < sizeof rev; c = (c - 1) / 26)
    rev[n++] = (char)('A' + (c - 1) % 26);
  size_t k = 0;
  while (n > 0 && k + 1 < size) buf[k++] = rev[--n];
  buf[k] = '\0';
}

/* A sheet name as Calc writes it in a reference: quoted when it holds
 * anything but letters, digits and '_' (or starts with a digit). */
static int plain_sheet_name(const char *s) {
  if (!*s || (*s >= '0' && *s <= '9')) return 0;
  for (; *s; s++) {
    unsigned char ch = (unsigned char)*s;
    if (!(ch >= 0x80 || ch == '_' || (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') ||
          (ch >= 'a' && ch <= 'z')))
      return 0;
  }
  return 1;
}

void sgf_sheet_cell_name(const char *sheet, long row, long col, char *buf, size_t size) {
  char letters[8];
  column_letters(col, letters, sizeof letters);
  if (!sheet || !*sheet)
    snprintf(buf, size, "%s%ld", letters, row + 1);
  else if (plain_sheet_name(sheet))
    snprintf(buf, size, "%s.%s%ld", sheet, letters, row + 1);
  else
    snprintf(buf, size, "'%s'.%s%ld", sheet, letters, row + 1);
}

int sgf_origin_cell_name(const sgf_call *call, const sgf_grid *g, size_t i, char *buf,
                         size_t size) {
  if (!call->origins || !call->args || !call->fn || g < call->args ||
      g >= call->args + call->fn->nargs)
    return 0;
  const sgf_origin *o = &call->origins[g - call->args];
  if (!o->known || g->cols == 0) return 0;
  sgf_sheet_cell_name(o->sheet, o->row + (long)(i / g->cols), o->col + (long)(i % g->cols), buf,
                      size);
  return 1;
}
