/* csv.c — reading CSV into cell tables, writing CSV fields. */
#define _POSIX_C_SOURCE 200809L
#include "csv.h"

#include "salesgoal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void say(char *err, size_t size, sgf_lang lang, const char *en, const char *zh, ...) {
  va_list ap;
  va_start(ap, zh);
  vsnprintf(err, size, lang == SGF_LANG_ZH ? zh : en, ap);
  va_end(ap);
}

/* Line of the first byte that is not valid UTF-8, or 0 when all is. */
static size_t bad_utf8_line(const unsigned char *s, size_t len) {
  size_t line = 1;
  for (size_t i = 0; i < len;) {
    unsigned char c = s[i];
    size_t need = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2
                             : (c & 0xF8) == 0xF0 ? 3 : 9;
    if (need == 9 || (need == 1 && c < 0xC2) || i + need >= len + (need ? 0 : 1)) return line;
    for (size_t k = 1; k <= need; k++)
      if ((s[i + k] & 0xC0) != 0x80) return line;
    if (c == '\n') line++;
    i += need + 1;
  }
  return 0;
}

/* The separator: ',' or ';', whichever the first record has more of
 * outside quotes (',' on a tie). */
static char detect_sep(const char *s, size_t len) {
  size_t commas = 0, semis = 0;
  int quoted = 0;
  for (size_t i = 0; i < len; i++) {
    char c = s[i];
    if (c == '"') quoted = !quoted;
    else if (!quoted && (c == '\n' || c == '\r')) break;
    else if (!quoted && c == ',') commas++;
    else if (!quoted && c == ';') semis++;
  }
  return semis > commas ? ';' : ',';
}

typedef struct builder {
  char **fields;
  size_t n, cap;
  size_t *row_fields; /* fields per record */
  size_t *row_lines;
  size_t nrows, rows_cap;
} builder;

static int push_field(builder *b, const char *text, size_t len) {
  if (b->n == b->cap) {
    size_t cap = b->cap ? 2 * b->cap : 64;
    char **grown = realloc(b->fields, cap * sizeof *grown);
    if (!grown) return -1;
    b->fields = grown;
    b->cap = cap;
  }
  char *copy = malloc(len + 1);
  if (!copy) return -1;
  memcpy(copy, text, len);
  copy[len] = '\0';
  b->fields[b->n++] = copy;
  return 0;
}

static int push_row(builder *b, size_t nfields, size_t line) {
  if (b->nrows == b->rows_cap) {
    size_t cap = b->rows_cap ? 2 * b->rows_cap : 64;
    size_t *f = realloc(b->row_fields, cap * sizeof *f);
    if (!f) return -1;
    b->row_fields = f;
    size_t *l = realloc(b->row_lines, cap * sizeof *l);
    if (!l) return -1;
    b->row_lines = l;
    b->rows_cap = cap;
  }
  b->row_fields[b->nrows] = nfields;
  b->row_lines[b->nrows++] = line;
  return 0;
}

static void builder_free(builder *b) {
  for (size_t i = 0; i < b->n; i++) free(b->fields[i]);
  free(b->fields);
  free(b->row_fields);
  free(b->row_lines);
}

/* Split into records of fields. Returns 0, -1 out of memory, -2 an
 * unterminated quote (*bad_line = where it opened). */
static int split_records(const char *s, size_t len, char sep, builder *b, size_t *bad_line) {
  char *buf = malloc(len + 1);
  if (!buf) return -1;
  size_t line = 1, used = 0, nfields = 0, record_line = 1;
  int in_record = 0;
  size_t i = 0;
  while (i < len) {
    in_record = 1;
    used = 0;
    if (s[i] == '"') { /* quoted field */
      size_t open_line = line;
      i++;
      for (;;) {
        if (i >= len) {
          free(buf);
          *bad_line = open_line;
          return -2;
        }
        if (s[i] == '"') {
          if (i + 1 < len && s[i + 1] == '"') buf[used++] = '"', i += 2;
          else { i++; break; }
        } else {
          if (s[i] == '\n' || (s[i] == '\r' && !(i + 1 < len && s[i + 1] == '\n'))) line++;
          buf[used++] = s[i++];
        }
      }
      /* text after the closing quote, up to the separator, is kept as is */
      while (i < len && s[i] != sep && s[i] != '\n' && s[i] != '\r') buf[used++] = s[i++];
    } else {
      while (i < len && s[i] != sep && s[i] != '\n' && s[i] != '\r') buf[used++] = s[i++];
    }
    if (push_field(b, buf, used) != 0) goto nomem;
    nfields++;
    if (i < len && s[i] == sep) {
      i++;
      if (i == len) { /* a separator ends the file: one more empty field */
        if (push_field(b, "", 0) != 0) goto nomem;
        nfields++;
      }
      continue;
    }
    /* end of record */
    if (push_row(b, nfields, record_line) != 0) goto nomem;
    nfields = 0;
    in_record = 0;
    if (i < len) {
      if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n') i++;
      i++;
      line++;
      record_line = line;
    }
  }
  if (in_record && nfields > 0 && push_row(b, nfields, record_line) != 0) goto nomem;
  free(buf);
  return 0;
nomem:
  free(buf);
  return -1;
}

static int is_blank_text(const char *t) {
  for (; *t; t++)
    if (*t != ' ' && *t != '\t') return 0;
  return 1;
}

/* An ISO date 2026-03-31 as a day serial. */
static int iso_date(const char *t, double *out) {
  int y, m, d, used = 0;
  if (strlen(t) != 10 || sscanf(t, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || used != 10)
    return 0;
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > sg_month_days(y, m)) return 0;
  *out = (double)sg_date_serial(y, m, d);
  return 1;
}

int cli_text_is_number(const char *text, char decimal_comma, double *out) {
  char buf[128];
  while (*text == ' ' || *text == '\t') text++;
  size_t len = strlen(text);
  while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t')) len--;
  if (len == 0 || len >= sizeof buf) return 0;
  memcpy(buf, text, len);
  buf[len] = '\0';
  if (iso_date(buf, out)) return 1;
  int percent = 0;
  if (buf[len - 1] == '%') {
    percent = 1;
    buf[--len] = '\0';
  }
  /* Plain decimal notation only: strtod would also take "inf", "nan" and hex. */
  size_t digits = 0;
  for (size_t i = 0; i < len; i++) {
    char c = buf[i];
    if (decimal_comma && c == ',') buf[i] = c = '.';
    if (isdigit((unsigned char)c)) digits++;
    else if (!(c == '.' || c == '+' || c == '-' || c == 'e' || c == 'E')) return 0;
  }
  if (digits == 0) return 0;
  char *end;
  errno = 0;
  double v = strtod(buf, &end);
  if (*end != '\0' || end == buf || !isfinite(v)) return 0;
  *out = percent ? v / 100.0 : v;
  return 1;
}

int cli_cell_from_text(sgf_grid *g, size_t i, const char *text, char decimal_comma) {
  double v;
  if (is_blank_text(text)) return 0; /* cells start blank */
  if (cli_text_is_number(text, decimal_comma, &v)) {
    sgf_grid_set_number(g, i, v);
    return 0;
  }
  return sgf_grid_set_text(g, i, text, strlen(text));
}

static int looks_like_header(const builder *b, size_t cols, char decimal_comma) {
  double v;
  if (b->nrows < 2) return 0;
  for (size_t c = 0; c < cols; c++) {
    const char *f = b->fields[c];
    if (is_blank_text(f) || cli_text_is_number(f, decimal_comma, &v)) return 0;
  }
  for (size_t i = cols; i < b->n; i++)
    if (cli_text_is_number(b->fields[i], decimal_comma, &v)) return 1;
  return 0;
}

int cli_csv_parse(const char *data, size_t len, const char *source, cli_header_mode header,
                  sgf_lang lang, cli_table *t, char *err, size_t errsize) {
  memset(t, 0, sizeof *t);
  t->sep = ',';
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) data += 3, len -= 3;
  size_t bad = bad_utf8_line((const unsigned char *)data, len);
  if (bad) {
    say(err, errsize, lang,
        "%s, line %zu: not UTF-8 text; save the file as \"CSV UTF-8\" and try again.",
        "%s 第 %zu 行：不是 UTF-8 文本；请另存为“CSV UTF-8”后重试。", source, bad);
    return -1;
  }
  /* Trailing line ends and blank lines carry nothing. */
  while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r' || data[len - 1] == ' ' ||
                     data[len - 1] == '\t'))
    len--;
  if (len == 0) {
    say(err, errsize, lang, "%s is empty: no rows to read.", "%s 是空文件：没有可读取的行。",
        source);
    return -1;
  }
  t->sep = detect_sep(data, len);
  builder b = {0};
  size_t open_line = 0;
  int rc = split_records(data, len, t->sep, &b, &open_line);
  if (rc == -2) {
    say(err, errsize, lang, "%s, line %zu: a quoted field is never closed (a '\"' is missing).",
        "%s 第 %zu 行：带引号的字段没有结束（缺少一个 '\"'）。", source, open_line);
    builder_free(&b);
    return -1;
  }
  if (rc != 0) goto nomem;
  size_t cols = b.row_fields[0];
  for (size_t r = 1; r < b.nrows; r++) {
    if (b.row_fields[r] != cols) {
      say(err, errsize, lang,
          "%s, line %zu has %zu fields but line %zu has %zu; every row needs the same number of "
          "fields (separator '%c').",
          "%s 第 %zu 行有 %zu 个字段，而第 %zu 行有 %zu 个；每一行的字段数必须相同（分隔符 '%c'）。",
          source, b.row_lines[r], b.row_fields[r], b.row_lines[0], cols, t->sep);
      builder_free(&b);
      return -1;
    }
  }
  char dc = t->sep == ';';
  t->has_header = header == CLI_HEADER_YES ||
                  (header == CLI_HEADER_AUTO && looks_like_header(&b, cols, dc));
  size_t skip = t->has_header ? 1 : 0;
  if (b.nrows <= skip) {
    say(err, errsize, lang, "%s has a header line but no rows below it.",
        "%s 只有标题行，下面没有数据行。", source);
    builder_free(&b);
    return -1;
  }
  t->source = strdup(source);
  t->rows = b.nrows - skip;
  t->cols = cols;
  t->lines = malloc(t->rows * sizeof *t->lines);
  if (!t->source || !t->lines) goto nomem;
  memcpy(t->lines, b.row_lines + skip, t->rows * sizeof *t->lines);
  if (t->has_header) {
    t->header = malloc(cols * sizeof *t->header);
    if (!t->header) goto nomem;
    memcpy(t->header, b.fields, cols * sizeof *t->header);
  }
  t->fields = malloc(t->rows * cols * sizeof *t->fields);
  if (!t->fields) goto nomem;
  memcpy(t->fields, b.fields + skip * cols, t->rows * cols * sizeof *t->fields);
  free(b.fields); /* the texts now belong to the table */
  free(b.row_fields);
  free(b.row_lines);
  return 0;
nomem: /* the texts are still the builder's */
  free(t->header);
  free(t->fields);
  free(t->lines);
  free(t->source);
  memset(t, 0, sizeof *t);
  builder_free(&b);
  say(err, errsize, lang, "%s: out of memory.", "%s：内存不足。", source);
  return -1;
}

int cli_csv_load(const char *path, cli_header_mode header, sgf_lang lang, cli_table *t,
                 char *err, size_t errsize) {
  int from_stdin = strcmp(path, "-") == 0;
  FILE *f = from_stdin ? stdin : fopen(path, "rb");
  memset(t, 0, sizeof *t);
  if (!f) {
    say(err, errsize, lang, "cannot open %s: %s.", "无法打开 %s：%s。", path, strerror(errno));
    return -1;
  }
  char *data = NULL;
  size_t len = 0, cap = 0;
  for (;;) {
    if (cap - len < 65536) {
      size_t ncap = cap ? 2 * cap : 65536;
      char *grown = realloc(data, ncap);
      if (!grown) {
        free(data);
        if (!from_stdin) fclose(f);
        say(err, errsize, lang, "%s: out of memory.", "%s：内存不足。", path);
        return -1;
      }
      data = grown;
      cap = ncap;
    }
    size_t got = fread(data + len, 1, cap - len, f);
    len += got;
    if (got == 0) break;
  }
  int read_error = ferror(f);
  if (!from_stdin) fclose(f);
  if (read_error) {
    free(data);
    say(err, errsize, lang, "cannot read %s.", "无法读取 %s。", path);
    return -1;
  }
  int rc = cli_csv_parse(data, len, from_stdin ? "-" : path, header, lang, t, err, errsize);
  free(data);
  return rc;
}

void cli_table_free(cli_table *t) {
  if (!t) return;
  if (t->fields)
    for (size_t i = 0; i < t->rows * t->cols; i++) free(t->fields[i]);
  if (t->header)
    for (size_t c = 0; c < t->cols; c++) free(t->header[c]);
  free(t->fields);
  free(t->header);
  free(t->lines);
  free(t->source);
  memset(t, 0, sizeof *t);
}

static int trimmed_caseeq(const char *a, const char *b) {
  while (*a == ' ') a++;
  size_t la = strlen(a);
  while (la > 0 && a[la - 1] == ' ') la--;
  return la == strlen(b) && strncasecmp(a, b, la) == 0;
}

long cli_table_column(const cli_table *t, const char *name) {
  if (t->has_header) {
    for (size_t c = 0; c < t->cols; c++)
      if (strcmp(t->header[c], name) == 0) return (long)c;
    for (size_t c = 0; c < t->cols; c++)
      if (trimmed_caseeq(t->header[c], name)) return (long)c;
  }
  char *end;
  long k = strtol(name, &end, 10);
  if (*name && *end == '\0' && k >= 1 && (size_t)k <= t->cols) return k - 1;
  return -1;
}

void cli_csv_put_field(FILE *f, const char *text) {
  if (!strpbrk(text, ",;\"\r\n")) {
    fputs(text, f);
    return;
  }
  fputc('"', f);
  for (const char *p = text; *p; p++) {
    if (*p == '"') fputc('"', f);
    fputc(*p, f);
  }
  fputc('"', f);
}
