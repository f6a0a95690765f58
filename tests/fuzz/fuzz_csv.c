/* fuzz_csv.c — the salesgoal command's CSV reader (cli/csv.c) on hostile
 * bytes: a libFuzzer target (LLVMFuzzerTestOneInput), or with
 * -DSG_FUZZ_STANDALONE a deterministic random campaign over an alphabet of
 * separators, quotes, line ends, a BOM, digits, text and invalid UTF-8.
 * Properties: no crash, hang or leak; a refusal always carries a message; an
 * accepted table is rectangular, its rows start on increasing lines, and
 * every field reads as a cell (numbers finite). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

static long g_accepted, g_refused;

static void check(int ok, const char *what) {
  if (!ok) {
    fprintf(stderr, "fuzz_csv: %s\n", what);
    abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  cli_table t;
  char err[CLI_ERR_SIZE] = "";
  cli_header_mode mode = size ? (cli_header_mode)(data[0] % 3) : CLI_HEADER_AUTO;
  if (cli_csv_parse((const char *)data, size, "fuzz.csv", mode, SGF_LANG_EN, &t, err,
                    sizeof err) != 0) {
    check(err[0] != '\0', "a refusal without a message");
    g_refused++;
    return 0;
  }
  g_accepted++;
  check(t.rows > 0 && t.cols > 0, "an accepted table without cells");
  for (size_t r = 1; r < t.rows; r++) check(t.lines[r] > t.lines[r - 1], "lines out of order");
  sgf_grid g;
  check(sgf_grid_init(&g, t.rows, t.cols) == 0, "out of memory");
  for (size_t i = 0; i < t.rows * t.cols; i++) {
    check(t.fields[i] != NULL, "a missing field");
    check(cli_cell_from_text(&g, i, t.fields[i], t.sep == ';') == 0, "a field not read");
    check(g.cells[i].kind != SGF_NUMBER || isfinite(g.cells[i].number), "a non-finite number");
  }
  if (t.has_header)
    for (size_t c = 0; c < t.cols; c++) check(cli_table_column(&t, t.header[c]) >= 0, "header lost");
  sgf_grid_free(&g);
  cli_table_free(&t);
  return 0;
}

#ifdef SG_FUZZ_STANDALONE
static uint64_t next_random(uint64_t *state) { /* xorshift64 */
  *state ^= *state << 13;
  *state ^= *state >> 7;
  *state ^= *state << 17;
  return *state;
}

int main(int argc, char **argv) {
  static const char *const pieces[] = {
      ",", ";", "\"", "\"\"", "\r\n", "\n", "\r", "\xEF\xBB\xBF", "1", "2.5", "-3e2", "1,5", "12%",
      "2026-03-31", "2026-02-30", "abc", "上海", " ", "\xC3", "\xFF", "\xE4\xB8", "inf", "nan", "0x1p3",
      "", "1e999", "."};
  long iterations = argc > 1 ? atol(argv[1]) : 20000;
  uint64_t state = 0x2545F4914F6CDD1Dull;
  char buf[512];
  for (long it = 0; it < iterations; it++) {
    size_t len = 0, n = (size_t)(next_random(&state) % 40);
    for (size_t k = 0; k < n; k++) {
      const char *p = pieces[next_random(&state) % (sizeof pieces / sizeof pieces[0])];
      size_t plen = strlen(p);
      if (len + plen >= sizeof buf) break;
      memcpy(buf + len, p, plen);
      len += plen;
    }
    LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
  }
  printf("fuzz_csv: %ld inputs (%ld tables accepted, %ld refused with a message), no crash\n",
         iterations, g_accepted, g_refused);
  return g_accepted > iterations / 20 && g_refused > iterations / 20 ? 0 : 1;
}
#endif
