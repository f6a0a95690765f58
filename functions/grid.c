/* grid.c — the neutral cell grid that carries arguments and results. */
#include "sgf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int sgf_grid_init(sgf_grid *g, size_t rows, size_t cols) {
  g->omitted = 0;
  g->rows = 0;
  g->cols = 0;
  g->cells = NULL;
  if (rows == 0 || cols == 0) return 0;
  if (rows > SIZE_MAX / cols || rows * cols > SIZE_MAX / sizeof(sgf_cell)) return -1;
  g->cells = calloc(rows * cols, sizeof(sgf_cell));
  if (!g->cells) return -1;
  g->rows = rows;
  g->cols = cols;
  return 0;
}

void sgf_grid_init_omitted(sgf_grid *g) {
  sgf_grid_init(g, 0, 0);
  g->omitted = 1;
}

void sgf_grid_free(sgf_grid *g) {
  if (!g) return;
  size_t n = sgf_grid_size(g);
  for (size_t i = 0; i < n; i++) free(g->cells[i].text);
  free(g->cells);
  g->cells = NULL;
  g->rows = g->cols = 0;
}

static void clear_cell(sgf_cell *c) {
  free(c->text);
  c->text = NULL;
  c->number = 0;
  c->has_nul = 0;
}

void sgf_grid_set_number(sgf_grid *g, size_t i, double v) {
  clear_cell(&g->cells[i]);
  g->cells[i].kind = SGF_NUMBER;
  g->cells[i].number = v;
}

int sgf_grid_set_text(sgf_grid *g, size_t i, const char *utf8, size_t len) {
  char *copy = malloc(len + 1);
  if (!copy) return -1;
  memcpy(copy, utf8, len);
  copy[len] = '\0';
  clear_cell(&g->cells[i]);
  g->cells[i].kind = SGF_TEXT;
  g->cells[i].text = copy;
  g->cells[i].has_nul = len > 0 && memchr(utf8, '\0', len) != NULL;
  return 0;
}

void sgf_grid_set_error(sgf_grid *g, size_t i) {
  clear_cell(&g->cells[i]);
  g->cells[i].kind = SGF_ERROR;
}

sgf_lang sgf_lang_from_tag(const char *tag) {
  if (tag && (tag[0] == 'z' || tag[0] == 'Z') && (tag[1] == 'h' || tag[1] == 'H') &&
      (tag[2] == '\0' || tag[2] == '-' || tag[2] == '_'))
    return SGF_LANG_ZH;
  return SGF_LANG_EN;
}
