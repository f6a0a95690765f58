/*
 * flow.c — the two network computations behind sg_split2d, on the bipartite
 * rows x columns graph of a matrix's free cells:
 *   sgd_feasible: can the margins be met at all on this zero pattern (max
 *     flow, Dinic), and which seeded cells must be 0 in every solution
 *     (cells with no flow whose row and column sit in different strongly
 *     connected components of the residual graph);
 *   sgd_round: controlled rounding as a minimum-cost flow: start from the
 *     best rounding of each row on its own (its largest fractions go up),
 *     which is optimal while columns are ignored, then move ups from columns
 *     with too many to columns with too few along shortest augmenting paths
 *     (Dijkstra with potentials), which keeps it optimal.
 */
#include "decompose.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* --------------------------------------------------------------- Dinic */

typedef struct arc {
  size_t to;
  double cap; /* residual capacity */
} arc;

typedef struct network {
  size_t nodes, narcs;
  arc *arcs;      /* arc e and e ^ 1 are a pair */
  size_t *first;  /* CSR: arcs of node v are order[first[v] .. first[v + 1]) */
  size_t *order;
  size_t *level, *next, *queue;
  double eps;
} network;

static int bfs_levels(network *g, size_t s, size_t t) {
  for (size_t v = 0; v < g->nodes; v++) g->level[v] = (size_t)-1;
  size_t head = 0, tail = 0;
  g->level[s] = 0;
  g->queue[tail++] = s;
  while (head < tail) {
    size_t v = g->queue[head++];
    for (size_t k = g->first[v]; k < g->first[v + 1]; k++) {
      const arc *a = &g->arcs[g->order[k]];
      if (a->cap > g->eps && g->level[a->to] == (size_t)-1) {
        g->level[a->to] = g->level[v] + 1;
        g->queue[tail++] = a->to;
      }
    }
  }
  return g->level[t] != (size_t)-1;
}

/* One augmenting path in the level graph, iteratively (paths can be as long
 * as the graph, so no recursion). Returns the amount pushed, 0 if none. */
static double push_path(network *g, size_t s, size_t t, size_t *stack_arc) {
  size_t depth = 0, v = s;
  for (;;) {
    if (v == t) {
      double f = INFINITY;
      for (size_t d = 0; d < depth; d++)
        if (g->arcs[stack_arc[d]].cap < f) f = g->arcs[stack_arc[d]].cap;
      for (size_t d = 0; d < depth; d++) {
        g->arcs[stack_arc[d]].cap -= f;
        g->arcs[stack_arc[d] ^ 1].cap += f;
      }
      return f;
    }
    int advanced = 0;
    for (; g->next[v] < g->first[v + 1]; g->next[v]++) {
      size_t e = g->order[g->next[v]];
      const arc *a = &g->arcs[e];
      if (a->cap > g->eps && g->level[a->to] == g->level[v] + 1) {
        stack_arc[depth++] = e;
        v = a->to;
        advanced = 1;
        break;
      }
    }
    if (advanced) continue;
    if (depth == 0) return 0;
    g->level[v] = (size_t)-1; /* dead end: never visit again this phase */
    depth--;
    v = g->arcs[stack_arc[depth] ^ 1].to;
    g->next[v]++;
  }
}

/* Tarjan's strongly connected components, iteratively, over rows and
 * columns: row -> column for every cell, column -> row for cells with flow. */
static int components(const sgd_support *sp, const double *flow, double eps, size_t *comp) {
  size_t nv = sp->rows + sp->cols;
  size_t *first = calloc(nv + 1, sizeof *first);
  size_t *adj = malloc((2 * sp->ncells + 1) * sizeof *adj);
  size_t *index = malloc((nv + 1) * sizeof *index), *low = malloc((nv + 1) * sizeof *low);
  size_t *stack = malloc((nv + 1) * sizeof *stack), *call = malloc((nv + 1) * sizeof *call);
  size_t *pos = malloc((nv + 1) * sizeof *pos);
  unsigned char *on = calloc(nv + 1, 1);
  int rc = SG_ENOMEM;
  if (!first || !adj || !index || !low || !stack || !call || !pos || !on) goto done;
  for (size_t k = 0; k < sp->ncells; k++) {
    first[sp->cell_row[k] + 1]++;
    if (flow[k] > eps) first[sp->rows + sp->cell_col[k] + 1]++;
  }
  for (size_t v = 0; v < nv; v++) first[v + 1] += first[v];
  memcpy(pos, first, nv * sizeof *pos);
  for (size_t k = 0; k < sp->ncells; k++) {
    adj[pos[sp->cell_row[k]]++] = sp->rows + sp->cell_col[k];
    if (flow[k] > eps) adj[pos[sp->rows + sp->cell_col[k]]++] = sp->cell_row[k];
  }
  const size_t unseen = (size_t)-1;
  for (size_t v = 0; v < nv; v++) index[v] = unseen;
  size_t counter = 0, sp_top = 0, ncomp = 0;
  for (size_t root = 0; root < nv; root++) {
    if (index[root] != unseen) continue;
    size_t depth = 0;
    call[depth++] = root;
    index[root] = low[root] = counter++;
    pos[root] = first[root];
    stack[sp_top++] = root;
    on[root] = 1;
    while (depth > 0) {
      size_t v = call[depth - 1];
      if (pos[v] < first[v + 1]) {
        size_t w = adj[pos[v]++];
        if (index[w] == unseen) {
          index[w] = low[w] = counter++;
          pos[w] = first[w];
          stack[sp_top++] = w;
          on[w] = 1;
          call[depth++] = w;
        } else if (on[w] && index[w] < low[v]) {
          low[v] = index[w];
        }
        continue;
      }
      if (low[v] == index[v]) {
        size_t w;
        do {
          w = stack[--sp_top];
          on[w] = 0;
          comp[w] = ncomp;
        } while (w != v);
        ncomp++;
      }
      depth--;
      if (depth > 0) {
        size_t u = call[depth - 1];
        if (low[v] < low[u]) low[u] = low[v];
      }
    }
  }
  rc = SG_OK;
done:
  free(first), free(adj), free(index), free(low), free(stack), free(call), free(pos), free(on);
  return rc;
}

int sgd_feasible(const sgd_support *sp, const double *row_need, const double *col_need,
                 int *feasible, unsigned char *forced, size_t *bad_row, double *need,
                 double *room) {
  size_t m = sp->rows, n = sp->cols, nc = sp->ncells;
  size_t nodes = m + n + 2, s = m + n, t = m + n + 1;
  size_t narcs = 2 * (m + n + nc);
  network g = {0};
  g.nodes = nodes;
  g.narcs = narcs;
  g.arcs = malloc(narcs * sizeof *g.arcs);
  g.first = calloc(nodes + 1, sizeof *g.first);
  g.order = malloc(narcs * sizeof *g.order);
  g.level = malloc(nodes * sizeof *g.level);
  g.next = malloc(nodes * sizeof *g.next);
  g.queue = malloc(nodes * sizeof *g.queue);
  size_t *stack_arc = malloc(nodes * sizeof *stack_arc);
  size_t *from = malloc(narcs * sizeof *from);
  double *flow = malloc((nc + 1) * sizeof *flow);
  size_t *comp = malloc((m + n + 1) * sizeof *comp);
  int rc = SG_ENOMEM;
  if (!g.arcs || !g.first || !g.order || !g.level || !g.next || !g.queue || !stack_arc ||
      !from || !flow || !comp)
    goto done;
  /* Work in shares of the grand total so one absolute eps fits every size. */
  sg_ksum total = {0, 0};
  for (size_t i = 0; i < m; i++) sg_ksum_add(&total, row_need[i]);
  double scale = sg_ksum_value(&total);
  if (!(scale > 0)) { /* nothing to place: every cell is 0 */
    *feasible = 1;
    for (size_t k = 0; k < nc; k++) forced[k] = 1;
    rc = SG_OK;
    goto done;
  }
  g.eps = 1e-13;
  size_t e = 0;
#define ADD_ARC(u, v, c)                                                                       \
  do {                                                                                         \
    g.arcs[e] = (arc){(v), (c)};                                                               \
    from[e++] = (u);                                                                           \
    g.arcs[e] = (arc){(u), 0};                                                                 \
    from[e++] = (v);                                                                           \
  } while (0)
  for (size_t i = 0; i < m; i++) ADD_ARC(s, i, row_need[i] / scale);
  for (size_t j = 0; j < n; j++) ADD_ARC(m + j, t, col_need[j] / scale);
  size_t cell_arc0 = e;
  for (size_t k = 0; k < nc; k++) ADD_ARC(sp->cell_row[k], m + sp->cell_col[k], INFINITY);
#undef ADD_ARC
  for (size_t a = 0; a < narcs; a++) g.first[from[a] + 1]++;
  for (size_t v = 0; v < nodes; v++) g.first[v + 1] += g.first[v];
  memcpy(g.next, g.first, nodes * sizeof *g.next);
  for (size_t a = 0; a < narcs; a++) g.order[g.next[from[a]]++] = a;
  double pushed = 0;
  while (bfs_levels(&g, s, t)) {
    memcpy(g.next, g.first, nodes * sizeof *g.next);
    double f;
    while ((f = push_path(&g, s, t, stack_arc)) > 0) pushed += f;
  }
  for (size_t k = 0; k < nc; k++) flow[k] = g.arcs[cell_arc0 + 2 * k + 1].cap;
  *feasible = pushed >= 1 - 1e-9;
  if (*feasible) {
    rc = components(sp, flow, g.eps, comp);
    if (rc != SG_OK) goto done;
    for (size_t k = 0; k < nc; k++)
      forced[k] = flow[k] <= g.eps && comp[sp->cell_row[k]] != comp[m + sp->cell_col[k]];
  } else {
    /* The source side of a minimum cut: those rows need more than the
     * columns they reach can hold (Hall's condition fails for them). */
    bfs_levels(&g, s, t);
    sg_ksum need_sum = {0, 0}, room_sum = {0, 0};
    *bad_row = (size_t)-1;
    for (size_t i = 0; i < m; i++) {
      if (g.level[i] == (size_t)-1) continue;
      sg_ksum_add(&need_sum, row_need[i]);
      if (*bad_row == (size_t)-1 && g.arcs[2 * i].cap > g.eps) *bad_row = i;
    }
    for (size_t j = 0; j < n; j++)
      if (g.level[m + j] != (size_t)-1) sg_ksum_add(&room_sum, col_need[j]);
    if (*bad_row == (size_t)-1) *bad_row = 0;
    *need = sg_ksum_value(&need_sum);
    *room = sg_ksum_value(&room_sum);
  }
  rc = SG_OK;
done:
  free(g.arcs), free(g.first), free(g.order), free(g.level), free(g.next), free(g.queue);
  free(stack_arc), free(from), free(flow), free(comp);
  return rc;
}

/* ------------------------------------------------ controlled rounding */

typedef struct heap_item {
  double d;
  size_t v;
} heap_item;

typedef struct heap {
  heap_item *a;
  size_t n;
} heap;

static int heap_less(const heap_item *x, const heap_item *y) {
  return x->d < y->d || (x->d == y->d && x->v < y->v);
}

static void heap_push(heap *h, double d, size_t v) {
  size_t i = h->n++;
  h->a[i] = (heap_item){d, v};
  while (i > 0) {
    size_t p = (i - 1) / 2;
    if (!heap_less(&h->a[i], &h->a[p])) break;
    heap_item tmp = h->a[i];
    h->a[i] = h->a[p];
    h->a[p] = tmp;
    i = p;
  }
}

static heap_item heap_pop(heap *h) {
  heap_item top = h->a[0];
  h->a[0] = h->a[--h->n];
  size_t i = 0;
  for (;;) {
    size_t l = 2 * i + 1, r = l + 1, b = i;
    if (l < h->n && heap_less(&h->a[l], &h->a[b])) b = l;
    if (r < h->n && heap_less(&h->a[r], &h->a[b])) b = r;
    if (b == i) break;
    heap_item tmp = h->a[i];
    h->a[i] = h->a[b];
    h->a[b] = tmp;
    i = b;
  }
  return top;
}

/* Cells of one row in cost order (cheapest up first; ties: earlier cell). */
typedef struct costed {
  double cost;
  size_t k;
} costed;
static int by_cost(const void *pa, const void *pb) {
  const costed *a = pa, *b = pb;
  if (a->cost != b->cost) return a->cost < b->cost ? -1 : 1;
  return a->k < b->k ? -1 : a->k > b->k;
}

/* The cells of one row that are down, or of one column that are up, kept
 * in the row's (column's) scan order so that Dijkstra relaxes exactly the
 * cells, in exactly the order, that a scan of all of them skipping the
 * others would: list[base .. base + *n), sorted by rank. */
static size_t list_find(const size_t *list, size_t base, size_t n, const size_t *rank, size_t k) {
  size_t lo = base, hi = base + n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (rank[list[mid]] < rank[k]) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

static void list_insert(size_t *list, size_t base, size_t *n, const size_t *rank, size_t k) {
  size_t at = list_find(list, base, *n, rank, k);
  memmove(&list[at + 1], &list[at], (base + *n - at) * sizeof *list);
  list[at] = k;
  (*n)++;
}

static void list_remove(size_t *list, size_t base, size_t *n, const size_t *rank, size_t k) {
  size_t at = list_find(list, base, *n, rank, k);
  memmove(&list[at], &list[at + 1], (base + *n - at - 1) * sizeof *list);
  (*n)--;
}

int sgd_round(const sgd_support *sp, const double *frac, const int64_t *row_up,
              const int64_t *col_up, unsigned char *up, size_t *moves) {
  size_t m = sp->rows, n = sp->cols, nc = sp->ncells;
  size_t nv = m + n + 2, S = m + n, T = m + n + 1;
  double *cost = malloc((nc + 1) * sizeof *cost);
  size_t *rfirst = calloc(m + 1, sizeof *rfirst), *cfirst = calloc(n + 1, sizeof *cfirst);
  size_t *rcells = malloc((nc + 1) * sizeof *rcells), *ccells = malloc((nc + 1) * sizeof *ccells);
  size_t *fill = malloc((m + n + 1) * sizeof *fill);
  double *pot = calloc(nv, sizeof *pot), *dist = malloc(nv * sizeof *dist);
  size_t *via = malloc(nv * sizeof *via); /* the cell used to reach a node (or a column for T) */
  unsigned char *done = malloc(nv);
  int64_t *excess = malloc((n + 1) * sizeof *excess);
  costed *sorted = malloc((nc + 1) * sizeof *sorted);
  heap h = {malloc((nc + 2 * nv + 1) * sizeof(heap_item)), 0};
  /* Down cells by row, up cells by column (see list_insert). */
  size_t *rank = malloc((nc + 1) * sizeof *rank), *crank = malloc((nc + 1) * sizeof *crank);
  size_t *rdown = malloc((nc + 1) * sizeof *rdown), *cup = malloc((nc + 1) * sizeof *cup);
  size_t *rdn = calloc(m + 1, sizeof *rdn), *cun = calloc(n + 1, sizeof *cun);
  int rc = SG_ENOMEM;
  *moves = 0;
  if (!cost || !rfirst || !cfirst || !rcells || !ccells || !fill || !pot || !dist || !via ||
      !done || !excess || !sorted || !h.a || !rank || !crank || !rdown || !cup || !rdn || !cun)
    goto done;
  /* Going up costs (1 - f) instead of f: 1 - 2f more. */
  for (size_t k = 0; k < nc; k++) {
    cost[k] = 1 - 2 * frac[k];
    up[k] = 0;
  }
  for (size_t k = 0; k < nc; k++) {
    rfirst[sp->cell_row[k] + 1]++;
    cfirst[sp->cell_col[k] + 1]++;
  }
  for (size_t i = 0; i < m; i++) rfirst[i + 1] += rfirst[i];
  for (size_t j = 0; j < n; j++) cfirst[j + 1] += cfirst[j];
  memcpy(fill, rfirst, m * sizeof *fill);
  memcpy(fill + m, cfirst, n * sizeof *fill);
  for (size_t k = 0; k < nc; k++) {
    if (frac[k] > 0) rcells[fill[sp->cell_row[k]]++] = k;
    ccells[fill[m + sp->cell_col[k]]++] = k;
  }
  /* Each row on its own: its cheapest cells go up. Rows list eligible
   * cells only (fill[i] marks the end). */
  for (size_t i = 0; i < m; i++) {
    size_t a = rfirst[i], b = fill[i];
    for (size_t q = a; q < b; q++) sorted[q - a] = (costed){cost[rcells[q]], rcells[q]};
    qsort(sorted, b - a, sizeof *sorted, by_cost);
    for (size_t q = a; q < b; q++) rcells[q] = sorted[q - a].k;
    if (row_up[i] < 0 || (uint64_t)row_up[i] > b - a) {
      rc = SG_EINTERNAL;
      goto done;
    }
    double max_up = -INFINITY, min_down = INFINITY;
    for (size_t q = a; q < b; q++) {
      size_t k = rcells[q];
      if ((int64_t)(q - a) < row_up[i]) {
        up[k] = 1;
        if (cost[k] > max_up) max_up = cost[k];
      } else if (cost[k] < min_down) {
        min_down = cost[k];
      }
    }
    /* Potentials making every residual arc's reduced cost >= 0 (columns 0). */
    pot[i] = isfinite(max_up) ? -max_up : isfinite(min_down) ? -min_down : 0;
  }
  for (size_t i = 0; i < m; i++)
    for (size_t q = rfirst[i]; q < fill[i]; q++) {
      size_t k = rcells[q];
      rank[k] = q;
      if (!up[k]) rdown[rfirst[i] + rdn[i]++] = k;
    }
  for (size_t j = 0; j < n; j++)
    for (size_t q = cfirst[j]; q < cfirst[j + 1]; q++) {
      size_t k = ccells[q];
      crank[k] = q;
      if (up[k]) cup[cfirst[j] + cun[j]++] = k;
    }
  int64_t left = 0;
  for (size_t j = 0; j < n; j++) excess[j] = -col_up[j];
  for (size_t k = 0; k < nc; k++) excess[sp->cell_col[k]] += up[k];
  for (size_t j = 0; j < n; j++)
    if (excess[j] > 0) left += excess[j];
  while (left > 0) {
    for (size_t v = 0; v < nv; v++) {
      dist[v] = INFINITY;
      done[v] = 0;
    }
    h.n = 0;
    dist[S] = 0;
    heap_push(&h, 0, S);
    while (h.n > 0) {
      heap_item it = heap_pop(&h);
      size_t v = it.v;
      if (done[v] || it.d > dist[v]) continue;
      done[v] = 1;
      if (v == T) break;
#define RELAX(w, c, by)                                                                        \
  do {                                                                                         \
    double red_ = (c) + pot[v] - pot[w];                                                       \
    double nd_ = dist[v] + (red_ > 0 ? red_ : 0);                                              \
    if (!done[w] && nd_ < dist[w]) {                                                           \
      dist[w] = nd_;                                                                           \
      via[w] = (by);                                                                           \
      heap_push(&h, nd_, w);                                                                   \
    }                                                                                          \
  } while (0)
      if (v == S) {
        for (size_t j = 0; j < n; j++)
          if (excess[j] > 0) RELAX(m + j, 0.0, (size_t)-1);
      } else if (v < m) { /* row: a cell that is down and eligible goes up */
        for (size_t q = rfirst[v]; q < rfirst[v] + rdn[v]; q++) {
          size_t k = rdown[q];
          RELAX(m + sp->cell_col[k], cost[k], k);
        }
      } else { /* column: a cell that is up goes down */
        size_t j = v - m;
        for (size_t q = cfirst[j]; q < cfirst[j] + cun[j]; q++) {
          size_t k = cup[q];
          RELAX(sp->cell_row[k], -cost[k], k);
        }
        if (excess[j] < 0) RELAX(T, 0.0, j);
      }
#undef RELAX
    }
    if (!done[T]) {
      rc = SG_EINTERNAL;
      goto done;
    }
    double dt = dist[T];
    for (size_t v = 0; v < nv; v++) pot[v] += done[v] && dist[v] < dt ? dist[v] : dt;
    /* Walk back from T: flip every cell on the path. */
    size_t j = via[T];
    excess[j]++;
    size_t v = m + j;
    while (v != S) {
      size_t k = via[v];
      if (k == (size_t)-1) { /* reached from S */
        excess[v - m]--;
        break;
      }
      up[k] = !up[k];
      size_t i = sp->cell_row[k], c = sp->cell_col[k];
      if (up[k]) {
        list_remove(rdown, rfirst[i], &rdn[i], rank, k);
        list_insert(cup, cfirst[c], &cun[c], crank, k);
      } else {
        list_remove(cup, cfirst[c], &cun[c], crank, k);
        list_insert(rdown, rfirst[i], &rdn[i], rank, k);
      }
      v = v < m ? m + sp->cell_col[k] : sp->cell_row[k];
    }
    left--;
    (*moves)++;
  }
  rc = SG_OK;
done:
  free(cost), free(rfirst), free(cfirst), free(rcells), free(ccells), free(fill);
  free(pot), free(dist), free(via), free(done), free(excess), free(sorted), free(h.a);
  free(rank), free(crank), free(rdown), free(cup), free(rdn), free(cun);
  return rc;
}
