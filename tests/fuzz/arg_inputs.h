/* arg_inputs.h — fuzzer bytes made into catalogue arguments, for
 * tests/fuzz/fuzz_functions.c (built with tests/fuzz/arg_inputs.c).
 *
 * Every choice reads the next byte (0 when the input has run out), and a
 * zero byte always makes a valid choice: an input that runs out of bytes
 * still builds a valid call. The byte order is part of the corpus: a change
 * to what a generator reads changes what each seed in tests/fuzz/corpus
 * does. */
#ifndef SG_FUZZ_ARG_INPUTS_H
#define SG_FUZZ_ARG_INPUTS_H

#include <stddef.h>
#include <stdint.h>

#include "sgf.h"

typedef struct reader {
  const uint8_t *data;
  size_t size, pos;
} reader;

/* The next byte, or 0 past the end. */
static inline unsigned take(reader *r) { return r->pos < r->size ? r->data[r->pos++] : 0; }

/* A wild grid: any shape, mostly blank, error, text or odd numbers. */
void take_grid(reader *r, sgf_grid *g);

/* What one input's arguments share. */
typedef struct input_ctx {
  size_t rows, cols; /* the shared shape */
  double base_date;  /* 40000..50000 */
} input_ctx;

/* The shared shape and base date of one input's call. */
void take_shape(reader *r, input_ctx *ctx);

/* Argument argi of fn, read the way the catalogue describes it (mostly
 * valid; now and then a wild cell or grid, or omitted when optional). */
void take_arg(reader *r, const sgf_function *fn, size_t argi, const input_ctx *ctx, sgf_grid *g);

/* Set when the current input made a text with a NUL inside or a name past
 * the cap (the seed writer keeps such inputs, see SG_FUZZ_WRITE_SEEDS);
 * cleared by the caller before each input. */
extern int g_made_nul, g_made_long;

#endif
