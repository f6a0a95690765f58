/* rng.h — xorshift64 for the property tests: a fixed seed gives the same
 * inputs on every run and platform. Set rng_state before use. */
#ifndef SG_TEST_RNG_H
#define SG_TEST_RNG_H

#include <stdint.h>

static uint64_t rng_state;
static inline uint64_t rng_next(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return rng_state;
}
static inline double rng_unit(void) { return (double)(rng_next() >> 11) / 9007199254740992.0; }
static inline int64_t rng_int(int64_t lo, int64_t hi) { /* inclusive */
  return lo + (int64_t)(rng_next() % (uint64_t)(hi - lo + 1));
}

#endif /* SG_TEST_RNG_H */
