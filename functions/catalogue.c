/* catalogue.c — every spreadsheet function, collected from its family.
 *
 * Each family keeps its catalogue rows (names, arguments, en-US and zh-CN
 * help) beside its implementation in functions/fn_FAMILY.c and declares them
 * with SGF_FAMILY(FAMILY, rows). The Makefile collects those declarations
 * into build/gen/families.h; the IDL, CalcAddIns.xcu, the add-in's dispatch
 * and the command line are all driven by the list assembled here. Adding a
 * function = engine math + one row in its family + tests. */
#include "sgf_internal.h"

#define SGF_FAMILY_ENTRY(family) extern const sgf_family sgf_family_##family;
#include "families.h"
#undef SGF_FAMILY_ENTRY

#define SGF_FAMILY_ENTRY(family) &sgf_family_##family,
static const sgf_family *const families[] = {
#include "families.h"
};
#undef SGF_FAMILY_ENTRY

#define FAMILY_COUNT (sizeof families / sizeof families[0])

size_t sgf_catalogue_size(void) {
  size_t n = 0;
  for (size_t f = 0; f < FAMILY_COUNT; f++) n += families[f]->count;
  return n;
}

const sgf_function *sgf_catalogue_at(size_t i) {
  for (size_t f = 0; f < FAMILY_COUNT; f++) {
    if (i < families[f]->count) return &families[f]->functions[i];
    i -= families[f]->count;
  }
  return NULL;
}

/* The row's own word, nothing inferred from names or arguments: sg-gen and
 * tests/unit/test_purity.c check the rows against what each function does. */
int sgf_function_is_pure(const sgf_function *fn) { return fn && fn->purity == SGF_PURE; }
