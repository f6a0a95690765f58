/* csv.h — CSV files as cell tables for the salesgoal command (private to cli/).
 *
 * A table is what a spreadsheet range would be: rows x cols fields, read
 * from UTF-8 text (a BOM is dropped), with ',' or ';' between fields (the
 * one the first line uses more), CRLF, LF or CR line ends, fields quoted
 * with '"' ("" inside for one quote, line breaks allowed). Every row has the
 * same number of fields, or the file is refused. The first line is a header
 * when asked for (CLI_HEADER_YES), or in auto mode when all of its fields
 * are text and some field below it is a number. */
#ifndef CLI_CSV_H
#define CLI_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "sgf.h"

typedef enum { CLI_HEADER_AUTO, CLI_HEADER_YES, CLI_HEADER_NO } cli_header_mode;

typedef struct cli_table {
  char *source;     /* the path as given, "-" for standard input */
  char sep;         /* ',' or ';' */
  size_t rows, cols; /* data rows (header excluded) x fields */
  char **header;    /* cols names when has_header, else NULL */
  int has_header;
  char **fields;    /* rows x cols field texts, row-major, owned */
  size_t *lines;    /* file line where each data row starts (1-based) */
} cli_table;

#define CLI_ERR_SIZE 512

/* Parse len bytes of CSV. Returns 0, or -1 with a sentence in the
 * language lang in err (which line, what is wrong). */
int cli_csv_parse(const char *data, size_t len, const char *source, cli_header_mode header,
                  sgf_lang lang, cli_table *t, char *err, size_t errsize);

/* Read a whole file ("-" = standard input) and parse it. */
int cli_csv_load(const char *path, cli_header_mode header, sgf_lang lang, cli_table *t,
                 char *err, size_t errsize);

void cli_table_free(cli_table *t); /* accepts NULL */

/* Column index of a name (exact, then ASCII case-insensitive and trimmed;
 * then a 1-based number), or -1. */
long cli_table_column(const cli_table *t, const char *name);

/* One field as a cell: empty (or spaces only) = blank; a decimal number
 * (with ',' as the decimal mark when the file uses ';'), a percentage
 * ("12.5%") or an ISO date (2026-03-31, as a day serial) = number;
 * anything else = text as written. Returns 0 or -1 (out of memory). */
int cli_cell_from_text(sgf_grid *g, size_t i, const char *text, char decimal_comma);

/* Is this text a number as cli_cell_from_text reads it? */
int cli_text_is_number(const char *text, char decimal_comma, double *out);

/* Write one CSV field (quoted when it holds the separator, a quote or a
 * line break) to f. */
void cli_csv_put_field(FILE *f, const char *text);

#endif
