/*
 * cascade.c — sg_cascade (a total split down a tree given by its leaf
 * paths, sg_split at every node) and sg_mismatch (each listed node's target
 * minus its nearest listed descendants').
 *
 * The tree is built once from the paths with a hash table keyed by (parent,
 * level name); nodes are numbered in order of first appearance, so a parent
 * always comes before its children: one backward pass sums leaves up, one
 * forward pass splits amounts down.
 */
#include "decompose.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NONE ((size_t)-1)

typedef struct node {
  size_t parent, first_child, last_child, next_sibling;
  const char *name; /* points into the caller's path */
  size_t len;
  size_t row;       /* the row that lists this node, or NONE */
  size_t via_row;   /* the first row whose path passes through or ends here */
  int depth;        /* root 0, first level 1 */
} node;

typedef struct tree {
  node *nodes;
  size_t count, cap;
  size_t *slots; /* hash table of node indices (NONE = empty), size mask + 1 */
  size_t mask;
} tree;

static uint64_t hash_of(size_t parent, const char *s, size_t len) {
  uint64_t h = 1469598103934665603u ^ (uint64_t)parent * 0x9e3779b97f4a7c15u;
  for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211u;
  return h ^ (h >> 29);
}

static void tree_free(tree *t) {
  free(t->nodes);
  free(t->slots);
}

/* Room for every level of every path plus the root. */
static int tree_init(tree *t, size_t n, const char *const *paths) {
  size_t levels = 1;
  for (size_t i = 0; i < n; i++) {
    if (!paths[i]) continue;
    levels++;
    for (const char *p = paths[i]; *p; p++) levels += *p == '/';
  }
  size_t size = 16;
  while (size < 2 * levels) size *= 2;
  t->nodes = malloc(levels * sizeof *t->nodes);
  t->slots = malloc(size * sizeof *t->slots);
  if (!t->nodes || !t->slots) return SG_ENOMEM;
  for (size_t k = 0; k < size; k++) t->slots[k] = NONE;
  t->mask = size - 1;
  t->cap = levels;
  t->count = 1;
  t->nodes[0] = (node){NONE, NONE, NONE, NONE, "", 0, NONE, NONE, 0};
  return SG_OK;
}

/* The child of parent called name[0..len), created if new. */
static size_t child_of(tree *t, size_t parent, const char *name, size_t len, size_t row) {
  size_t k = (size_t)hash_of(parent, name, len) & t->mask;
  for (;; k = (k + 1) & t->mask) {
    size_t v = t->slots[k];
    if (v == NONE) break;
    const node *c = &t->nodes[v];
    if (c->parent == parent && c->len == len && memcmp(c->name, name, len) == 0) return v;
  }
  size_t v = t->count++;
  t->slots[k] = v;
  node *p = &t->nodes[parent];
  t->nodes[v] = (node){parent, NONE, NONE, NONE, name, len, NONE, row, p->depth + 1};
  if (p->last_child == NONE) p->first_child = v;
  else t->nodes[p->last_child].next_sibling = v;
  p->last_child = v;
  return v;
}

static int is_space(char c) { return c == ' ' || c == '\t'; }

/* Walk (creating) the nodes of row i's path; *end is its last node. With
 * leaves_only, a path may not pass through or end on another row's leaf. */
static int add_path(tree *t, const char *path, size_t i, int leaves_only, size_t *end,
                    sg_error *err) {
  size_t v = 0;
  const char *p = path;
  for (;;) {
    const char *q = p;
    while (*q && *q != '/') q++;
    const char *a = p, *b = q;
    while (a < b && is_space(*a)) a++;
    while (b > a && is_space(b[-1])) b--;
    if (a == b)
      return sg_fail(err, SG_EPATH, SG_CASCADE_ARG_PATHS, (long)i, SG_PATH_EMPTY_LEVEL, 0,
                     "path on row %zu (\"%.60s\") has an empty level", i + 1, path);
    if (t->nodes[v].depth >= SG_CASCADE_MAX_DEPTH)
      return sg_fail(err, SG_EPATH, SG_CASCADE_ARG_PATHS, (long)i, SG_PATH_TOO_DEEP,
                     SG_CASCADE_MAX_DEPTH, "path on row %zu has more than %d levels", i + 1,
                     SG_CASCADE_MAX_DEPTH);
    if (leaves_only && t->nodes[v].row != NONE)
      return sg_fail(err, SG_EPATH, SG_CASCADE_ARG_PATHS, (long)i, SG_PATH_PARENT,
                     (double)t->nodes[v].row + 1,
                     "path on row %zu runs through the leaf of row %zu", i + 1,
                     t->nodes[v].row + 1);
    v = child_of(t, v, a, (size_t)(b - a), i);
    if (!*q) break;
    p = q + 1;
  }
  node *leaf = &t->nodes[v];
  if (leaf->row != NONE)
    return sg_fail(err, SG_EPATH, SG_CASCADE_ARG_PATHS, (long)i, SG_PATH_DUPLICATE,
                   (double)leaf->row + 1, "path on row %zu repeats row %zu", i + 1,
                   leaf->row + 1);
  if (leaves_only && leaf->first_child != NONE)
    return sg_fail(err, SG_EPATH, SG_CASCADE_ARG_PATHS, (long)i, SG_PATH_PARENT,
                   (double)t->nodes[leaf->first_child].via_row + 1,
                   "the leaf on row %zu is the parent of row %zu", i + 1,
                   t->nodes[leaf->first_child].via_row + 1);
  leaf->row = i;
  *end = v;
  return SG_OK;
}

static int build(tree *t, size_t n, const char *const *paths, int leaves_only, size_t *leaf_of,
                 sg_error *err) {
  if (tree_init(t, n, paths) != SG_OK) return sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory");
  for (size_t i = 0; i < n; i++) {
    leaf_of[i] = NONE;
    if (!paths[i]) continue;
    int rc = add_path(t, paths[i], i, leaves_only, &leaf_of[i], err);
    if (rc != SG_OK) return rc;
  }
  return SG_OK;
}

/* ------------------------------------------------------------- cascade */

/* Units: finite, >= 0, and each a multiple of the next (a 0 unit, no
 * rounding, only below nothing but 0s). */
static int check_units(const sg_cascade_input *in, sg_error *err) {
  int rc = sg_check_nonneg(in->units, in->nunits, SG_CASCADE_ARG_UNITS, 0, "units", err);
  if (rc != SG_OK) return rc;
  for (size_t k = 0; k + 1 < in->nunits; k++) {
    double a = in->units[k], b = in->units[k + 1];
    if (b == 0) continue;
    int64_t steps = 0;
    sgd_unit us;
    sgd_unit_init(&us, b);
    if (a == 0 || sgd_to_steps(&us, a, &steps) != SG_OK)
      return sg_fail(err, SG_EUNITS, SG_CASCADE_ARG_UNITS, (long)k, a, b,
                     "the unit of level %zu (%g) is not a multiple of the unit of level %zu (%g)",
                     k + 1, a, k + 2, b);
  }
  return SG_OK;
}

static double unit_of_level(const sg_cascade_input *in, size_t level) {
  if (in->nunits == 0) return 0;
  return in->units[level - 1 < in->nunits ? level - 1 : in->nunits - 1];
}

/* The unit to split `amount` in at `level`: that level's, or when amount is
 * not a multiple of it, the next finer one that fits. -1 when none does. */
static double fitting_unit(const sg_cascade_input *in, size_t level, double amount) {
  size_t last = in->nunits > level ? in->nunits : level;
  for (size_t k = level; k <= last; k++) {
    double u = unit_of_level(in, k);
    if (u == 0) return 0;
    sgd_unit us;
    int64_t steps;
    sgd_unit_init(&us, u);
    if (sgd_to_steps(&us, amount, &steps) == SG_OK) return u;
  }
  return -1;
}

typedef struct sums {
  double w, locked; /* free weight and locked amount below a node */
  size_t nfree;     /* free leaves below it */
  double amount;    /* forward pass: the free amount it receives */
} sums;

static int split_down(const sg_cascade_input *in, const tree *t, sums *s, double *out,
                      sg_error *err) {
  size_t maxc = 1;
  for (size_t v = 0; v < t->count; v++) {
    size_t c = 0;
    for (size_t w = t->nodes[v].first_child; w != NONE; w = t->nodes[w].next_sibling) c++;
    if (c > maxc) maxc = c;
  }
  double *w = malloc(maxc * sizeof *w), *share = malloc(maxc * sizeof *share);
  size_t *who = malloc(maxc * sizeof *who);
  /* One split context for every node: its scratch grows to the largest
   * node and is reused, instead of fresh scratch for each node. */
  sg_split_ctx *ctx = sg_split_ctx_new();
  int rc = SG_OK;
  if (!w || !share || !who || !ctx) {
    rc = sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory");
    goto done;
  }
  for (size_t v = 0; v < t->count && rc == SG_OK; v++) {
    const node *nd = &t->nodes[v];
    if (nd->row != NONE) {
      size_t i = nd->row;
      out[i] = in->locked && !isnan(in->locked[i]) ? in->locked[i] + 0.0 : s[v].amount;
      continue;
    }
    if (s[v].nfree == 0) continue;
    size_t c = 0;
    for (size_t k = nd->first_child; k != NONE; k = t->nodes[k].next_sibling) {
      s[k].amount = 0;
      if (s[k].nfree == 0) continue;
      who[c] = k;
      w[c++] = s[k].w;
    }
    size_t level = (size_t)nd->depth + 1;
    double unit = fitting_unit(in, level, s[v].amount);
    if (unit < 0) {
      double finest = unit_of_level(in, in->nunits > level ? in->nunits : level);
      rc = sg_fail(err, SG_ENOTMULTIPLE, SG_CASCADE_ARG_LOCKED, -1, s[v].amount, finest,
                   "total minus the locked leaves (%.15g) is not a multiple of the unit %g",
                   s[v].amount, finest);
      break;
    }
    sg_split_input si = {.n = c, .total = s[v].amount, .weights = w, .unit = unit};
    sg_error e;
    if (sg_split_with(ctx, &si, share, &e) != SG_OK) {
      rc = sg_fail(err, e.code, SG_CASCADE_ARG_TOTAL, -1, e.value, e.value2, "%s", e.message);
      break;
    }
    for (size_t k = 0; k < c; k++) s[who[k]].amount = share[k];
  }
done:
  free(w), free(share), free(who);
  sg_split_ctx_free(ctx);
  return rc;
}

int sg_cascade(const sg_cascade_input *in, double *out, sg_error *err) {
  if (!in || !out || !in->paths || !in->weights || (in->nunits && !in->units))
    return sg_fail(err, SG_EINVAL, -1, -1, 0, 0, "cascade: no input or output array");
  if (!isfinite(in->total))
    return sg_fail(err, SG_ENONFINITE, SG_CASCADE_ARG_TOTAL, -1, in->total, 0,
                   "total (%g) must be a finite number", in->total);
  if (in->total < 0)
    return sg_fail(err, SG_ENEGATIVE, SG_CASCADE_ARG_TOTAL, -1, in->total, 0,
                   "total (%g) must not be negative", in->total);
  int rc = check_units(in, err);
  if (rc != SG_OK) return rc;
  size_t n = in->n, leaves = 0;
  for (size_t i = 0; i < n; i++) {
    if (!in->paths[i]) continue;
    leaves++;
    rc = sg_check_nonneg(&in->weights[i], 1, SG_CASCADE_ARG_WEIGHTS, (long)i, "weights", err);
    if (rc == SG_OK && in->locked && !isnan(in->locked[i]))
      rc = sg_check_nonneg(&in->locked[i], 1, SG_CASCADE_ARG_LOCKED, (long)i, "locked", err);
    if (rc != SG_OK) return rc;
  }
  if (leaves == 0)
    return sg_fail(err, SG_EINVAL, SG_CASCADE_ARG_PATHS, -1, 0, 0, "paths lists no leaf");
  tree t = {0};
  size_t *leaf_of = malloc((n ? n : 1) * sizeof *leaf_of);
  sums *s = NULL;
  if (!leaf_of) {
    rc = sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory");
    goto done;
  }
  rc = build(&t, n, in->paths, 1, leaf_of, err);
  if (rc != SG_OK) goto done;
  s = calloc(t.count, sizeof *s);
  if (!s) {
    rc = sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory");
    goto done;
  }
  for (size_t i = 0; i < n; i++) {
    out[i] = NAN;
    if (leaf_of[i] == NONE) continue;
    sums *q = &s[leaf_of[i]];
    if (in->locked && !isnan(in->locked[i])) q->locked = in->locked[i];
    else q->w = in->weights[i], q->nfree = 1;
  }
  for (size_t v = t.count; v-- > 1;) {
    sums *p = &s[t.nodes[v].parent];
    p->w += s[v].w;
    p->locked += s[v].locked;
    p->nfree += s[v].nfree;
  }
  double left = in->total - s[0].locked;
  double tol = SG_SPLIT2D_TOL * fmax(in->total, s[0].locked);
  if (left < -tol || (s[0].nfree == 0 && fabs(left) > tol)) {
    rc = sg_fail(err, SG_ELOCKED, SG_CASCADE_ARG_LOCKED, -1, s[0].locked, in->total,
                 "the locked leaves add up to %.15g %s the total %.15g", s[0].locked,
                 left < 0 ? "which is more than" : "and every leaf is locked, not", in->total);
    goto done;
  }
  /* The total itself must be whole units of level 1 (as in SG_SPLIT); only
   * locked leaves may push a level onto a finer unit. */
  double u1 = unit_of_level(in, 1);
  if (u1 > 0) {
    sgd_unit us;
    int64_t steps;
    sgd_unit_init(&us, u1);
    int code = sgd_to_steps(&us, in->total, &steps);
    if (code != SG_OK) {
      rc = sg_fail(err, code, SG_CASCADE_ARG_TOTAL, -1, in->total, u1,
                   "total %.15g is not a multiple of the level-1 unit %g", in->total, u1);
      goto done;
    }
  }
  s[0].amount = left > 0 ? left : 0;
  rc = split_down(in, &t, s, out, err);
done:
  free(leaf_of);
  free(s);
  tree_free(&t);
  return rc == SG_OK ? sg_ok(err) : rc;
}

/* ------------------------------------------------------------ mismatch */

int sg_mismatch(size_t n, const char *const *paths, const double *targets, double *out,
                sg_error *err) {
  if (!paths || !targets || !out)
    return sg_fail(err, SG_EINVAL, -1, -1, 0, 0, "mismatch: no input or output array");
  for (size_t i = 0; i < n; i++) {
    if (!paths[i]) continue;
    int rc = sg_check_nonneg(&targets[i], 1, SG_MISMATCH_ARG_TARGETS, (long)i, "targets", err);
    if (rc == SG_ENEGATIVE) continue; /* a negative target is odd but checkable */
    if (rc != SG_OK) return rc;
  }
  tree t = {0};
  size_t *at = malloc((n ? n : 1) * sizeof *at);
  double *below = NULL; /* what a node's nearest listed rows (itself, if listed) add up to */
  unsigned char *listed_below = NULL;
  int rc = at ? build(&t, n, paths, 0, at, err) : sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory");
  if (rc != SG_OK) goto done;
  below = calloc(t.count, sizeof *below);
  listed_below = calloc(t.count, 1);
  sg_ksum *children = calloc(t.count, sizeof *children);
  double *mag = calloc(t.count, sizeof *mag); /* sum of |target| of the nearest listed rows */
  if (!below || !listed_below || !children || !mag) {
    free(children), free(mag);
    rc = sg_fail(err, SG_ENOMEM, -1, -1, 0, 0, "out of memory");
    goto done;
  }
  for (size_t v = t.count; v-- > 1;) {
    const node *nd = &t.nodes[v];
    double m = nd->row != NONE ? fabs(targets[nd->row]) : mag[v];
    below[v] = nd->row != NONE ? targets[nd->row] : sg_ksum_value(&children[v]);
    if (nd->row != NONE || listed_below[v]) {
      sg_ksum_add(&children[nd->parent], below[v]);
      mag[nd->parent] += m;
      listed_below[nd->parent] = 1;
    }
  }
  for (size_t i = 0; i < n; i++) {
    out[i] = NAN;
    if (at[i] == NONE) continue;
    size_t v = at[i];
    if (!listed_below[v]) {
      out[i] = 0.0;
      continue;
    }
    sg_ksum d = children[v];
    d.s = -d.s, d.c = -d.c;
    sg_ksum_add(&d, targets[i]);
    double diff = sg_ksum_value(&d);
    /* Decimal noise (0.1 + 0.2 against 0.3) is not a mismatch. */
    out[i] = fabs(diff) <= SG_SPLIT2D_TOL * (fabs(targets[i]) + mag[v]) ? 0.0 : diff;
  }
  free(children), free(mag);
done:
  free(at), free(below), free(listed_below);
  tree_free(&t);
  return rc == SG_OK ? sg_ok(err) : rc;
}
