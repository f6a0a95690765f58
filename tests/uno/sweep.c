/* sweep.c — every catalogue function through the add-in's dispatcher. */
#define _POSIX_C_SOURCE 200809L /* sysconf */
#include "sweep.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_PARAMS 16

typedef union slot {
  uno_Any any;
  uno_Sequence *seq;
  uno_Interface *iface;
} slot;

/* One call's arguments, as Calc's bridge lays them out: one pointer per
 * IDL parameter, to an any, a sequence pointer or an interface pointer. */
typedef struct pack {
  const sgf_function *fn;
  typelib_TypeDescription *member;
  sal_Int32 nparams;
  slot slots[MAX_PARAMS];
  void *args[MAX_PARAMS];
  sgt_census census;
} pack;

/* Fills argument argi (0 = the first the user sees) of IDL type class cls. */
typedef void (*filler)(const void *ctx, size_t argi, typelib_TypeClass cls, slot *s);

static typelib_TypeDescription *function_member(const sgf_function *fn) {
  char full[128];
  snprintf(full, sizeof full, "org.salesgoal.XFunctions::%s", fn->name);
  return sgt_member(full);
}

static void pack_build(pack *p, const sgf_function *fn, uno_Interface *document, uno_Interface *cell,
                       filler fill, const void *ctx) {
  memset(p, 0, sizeof *p);
  p->fn = fn;
  p->member = function_member(fn);
  const typelib_InterfaceMethodTypeDescription *m = (const void *)p->member;
  p->nparams = m->nParams;
  size_t first = fn->needs_document ? 1 : 0;
  for (sal_Int32 i = 0; i < m->nParams && i < MAX_PARAMS; i++) {
    typelib_TypeDescriptionReference *type = m->pParams[i].pTypeRef;
    if (type->eTypeClass == typelib_TypeClass_INTERFACE) {
      p->slots[i].iface = sgt_equals_ascii(type->pTypeName, "com.sun.star.beans.XPropertySet") ? document : cell;
      p->args[i] = &p->slots[i].iface;
      continue;
    }
    fill(ctx, (size_t)i - first, type->eTypeClass, &p->slots[i]);
    p->args[i] = type->eTypeClass == typelib_TypeClass_ANY ? (void *)&p->slots[i].any : (void *)&p->slots[i].seq;
    sgt_census_add(&p->census, p->args[i], type);
  }
  sgt_census_seal(&p->census);
}

static void pack_free(pack *p) {
  const typelib_InterfaceMethodTypeDescription *m = (const void *)p->member;
  for (sal_Int32 i = 0; i < p->nparams; i++) {
    typelib_TypeDescriptionReference *type = m->pParams[i].pTypeRef;
    if (type->eTypeClass == typelib_TypeClass_ANY) uno_any_destruct(&p->slots[i].any, NULL);
    if (type->eTypeClass == typelib_TypeClass_SEQUENCE) uno_type_destructData(&p->slots[i].seq, type, NULL);
  }
  typelib_typedescription_release(p->member);
  sgt_census_free(&p->census);
}

/* Call, check the answer and that every value passed in kept its count.
 * Returns as sgt_function_call. */
static int pack_call(uno_Interface *addin, pack *p, int want_zh, char *msg, size_t size, uno_Any *keep) {
  int rc = sgt_function_call(addin, p->member, p->fn->name, p->args, want_zh, msg, size, keep);
  CHECK(sgt_census_check(&p->census, p->fn->name) == 0, "%s: reference counts of its arguments", p->fn->name);
  return rc;
}

/* ----------------------------------------------------- argument values */

/* An argument spelled out: void, a matrix, a number or a text. */
typedef struct arg_spec {
  enum { A_VOID, A_MATRIX, A_NUMBER, A_TEXT } kind;
  size_t rows, cols;
  const tv *cells;
  double d;
  const char *s;
} arg_spec;

static void fill_spec(const void *ctx, size_t argi, typelib_TypeClass cls, slot *s) {
  const arg_spec *spec = (const arg_spec *)ctx + argi;
  tv one = {spec->kind == A_TEXT ? TV_STRING : spec->kind == A_NUMBER ? TV_DOUBLE : TV_VOID, spec->d, spec->s};
  uno_Sequence *m = spec->kind == A_MATRIX ? sgt_matrix(spec->rows, spec->cols, spec->cells, NULL)
                                           : sgt_matrix(1, 1, &one, NULL); /* Calc: a scalar is 1 x 1 */
  if (cls == typelib_TypeClass_SEQUENCE) {
    s->seq = m;
    return;
  }
  if (spec->kind == A_VOID) uno_any_construct(&s->any, NULL, NULL, NULL);
  else if (spec->kind == A_NUMBER) sgt_any_double(&s->any, spec->d);
  else if (spec->kind == A_TEXT) sgt_any_string(&s->any, spec->s);
  else sgt_any_matrix(&s->any, m);
  uno_type_destructData(&m, sgt_matrix_type(), NULL);
}

#define NUMBER(x) {A_NUMBER, 0, 0, NULL, (x), NULL}
#define TEXT(x) {A_TEXT, 0, 0, NULL, 0, (x)}
#define COLUMN(cells) {A_MATRIX, sizeof(cells) / sizeof((cells)[0]), 1, (cells), 0, NULL}
#define OMITTED {A_VOID, 0, 0, NULL, 0, NULL}

/* The hostile shapes: what Calc can send, and some it never does. */
enum { SHAPES = 14 };
static const char *const shape_names[SHAPES] = {
    "numbers", "scalars", "text", "blanks", "void cells", "mismatched shapes", "NaN and inf",
    "huge and tiny", "ragged rows", "empty sequences", "odd element types", "10 KB text", "dates", "2,000 rows"};

/* The shape for every argument (target < 0), or for argument `target`
 * alone, the others being one number (required) or omitted (optional). */
typedef struct shape_ctx {
  int shape;
  long target;
} shape_ctx;

static void fill_shape(const void *ctx, size_t argi, typelib_TypeClass cls, slot *s) {
  const shape_ctx *sc = ctx;
  int shape = sc->target < 0 || (size_t)sc->target == argi ? sc->shape : 1;
  if (shape != sc->shape && cls == typelib_TypeClass_ANY) {
    uno_any_construct(&s->any, NULL, NULL, NULL);
    return;
  }
  static char long_text[10241];
  if (!long_text[0]) memset(long_text, 'x', sizeof long_text - 1);
  tv cells[2000];
  size_t rows = 3, cols = 1, ragged[3] = {1, 3, 0};
  const size_t *cols_of_row = NULL;
  for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) cells[i] = (tv){TV_DOUBLE, (double)(i % 6 + 1), NULL};
  switch (shape) {
  case 1: rows = 1; cells[0].d = 100; break;
  case 2:
    cells[0] = (tv){TV_STRING, 0, "abc"};
    cells[1] = (tv){TV_STRING, 0, "北区"};
    cells[2] = (tv){TV_STRING, 0, "12x"};
    break;
  case 3: rows = cols = 2; for (int i = 0; i < 4; i++) cells[i] = (tv){TV_STRING, 0, ""}; break;
  case 4: for (int i = 0; i < 3; i++) cells[i] = (tv){TV_VOID, 0, NULL}; break;
  case 5: rows = argi + 1; cols = argi % 2 + 1; break;
  case 6: cells[0].d = NAN; cells[1].d = INFINITY; cells[2].d = -INFINITY; break;
  case 7: cells[0].d = 1e308; cells[1].d = -1.7976931348623157e308; cells[2].d = 5e-324; break;
  case 8: cols = 3; cols_of_row = ragged; break;
  case 9: rows = 0; break;
  case 10:
    cells[0] = (tv){TV_BOOL, 1, NULL};
    cells[1] = (tv){TV_LONG, 7, NULL};
    cells[2] = (tv){TV_NESTED, 0, NULL};
    cells[3] = (tv){TV_STRING, 0, NULL}; /* text holding a NUL */
    rows = 2; cols = 2;
    break;
  case 11: rows = 1; cells[0] = (tv){TV_STRING, 0, long_text}; break;
  case 12: cells[0].d = 46023; cells[1].d = 46387; cells[2].d = 0.5; break; /* 2026-01-01, 2026-12-31 */
  case 13: rows = 2000; break;
  default: break;
  }
  uno_Sequence *m = sgt_matrix(rows, cols, cells, cols_of_row);
  if (cls == typelib_TypeClass_SEQUENCE) {
    s->seq = m;
    return;
  }
  /* An optional argument: omitted, or one value, or the matrix. */
  if (shape == 0 || shape == 4 || shape == 13) uno_any_construct(&s->any, NULL, NULL, NULL);
  else if (shape == 1 || shape == 12) sgt_any_double(&s->any, shape == 1 ? 1 : 2);
  else if (shape == 3) sgt_any_string(&s->any, "");
  else if (shape == 6) sgt_any_double(&s->any, NAN);
  else sgt_any_matrix(&s->any, m);
  uno_type_destructData(&m, sgt_matrix_type(), NULL);
}

/* ------------------------------------------------ catalogue and types */

static int non_empty(const char *s) { return s && s[0]; }
static int chinese(const char *s) {
  for (; s && *s; s++)
    if ((unsigned char)*s >= 0x80) return 1;
  return 0;
}

void sweep_catalogue_matches_types(void) {
  typelib_TypeDescription *itd = sgt_member("org.salesgoal.XFunctions");
  CHECK(itd != NULL, "salesgoal.rdb describes org.salesgoal.XFunctions");
  if (!itd) return;
  if (!itd->bComplete) typelib_typedescription_complete(&itd);
  size_t n = sgf_catalogue_size();
  CHECK(n > 0 && ((typelib_InterfaceTypeDescription *)itd)->nAllMembers == (sal_Int32)n + 3,
        "XFunctions has XInterface's 3 members and one per catalogue function (%zu)", n);
  typelib_typedescription_release(itd);
  for (size_t i = 0; i < n; i++) {
    const sgf_function *fn = sgf_catalogue_at(i);
    typelib_TypeDescription *td = function_member(fn);
    CHECK(td != NULL, "%s is in the type library", fn->name);
    if (!td) continue;
    const typelib_InterfaceMethodTypeDescription *m = (const void *)td;
    /* The dispatcher finds a function by position: catalogue index + 3. */
    CHECK(m->aBase.nPosition == (sal_Int32)i + 3, "%s sits at position %zu", fn->name, i + 3);
    CHECK(m->pReturnTypeRef->eTypeClass == typelib_TypeClass_ANY, "%s returns any", fn->name);
    size_t first = fn->needs_document ? 1 : 0;
    CHECK(m->nParams == (sal_Int32)(fn->nargs + first), "%s has %zu parameters", fn->name, fn->nargs + first);
    if (first && m->nParams > 0)
      CHECK(sgt_equals_ascii(m->pParams[0].pTypeRef->pTypeName, "com.sun.star.beans.XPropertySet"),
            "%s: the hidden document comes first", fn->name);
    for (size_t a = 0; a < fn->nargs && (sal_Int32)(a + first) < m->nParams; a++) {
      const sgf_arg *arg = &fn->args[a];
      typelib_TypeDescriptionReference *t = m->pParams[a + first].pTypeRef;
      const char *want = arg->optional == SGF_ARG_CELL ? "com.sun.star.table.XCellRange"
                         : sgf_arg_is_optional(arg) ? "any" : "[][]any";
      CHECK(sgt_equals_ascii(t->pTypeName, want) && m->pParams[a + first].bIn && !m->pParams[a + first].bOut,
            "%s argument %zu (%s) is [in] %s", fn->name, a + 1, arg->name, want);
      CHECK(sgt_equals_ascii(m->pParams[a + first].pName, arg->name), "%s argument %zu is named %s", fn->name,
            a + 1, arg->name);
      CHECK(non_empty(arg->display[SGF_LANG_EN]) && non_empty(arg->help[SGF_LANG_EN]) &&
                chinese(arg->display[SGF_LANG_ZH]) && chinese(arg->help[SGF_LANG_ZH]),
            "%s argument %s: name and help in en-US and zh-CN", fn->name, arg->name);
    }
    CHECK(non_empty(fn->description[SGF_LANG_EN]) && chinese(fn->description[SGF_LANG_ZH]),
          "%s: description in en-US and zh-CN", fn->name);
    typelib_typedescription_release(td);
  }
}

/* --------------------------------------------------- worked examples */

/* The numbers of a result: a plain double is 1 x 1. Returns cells read. */
static size_t numbers_of(const uno_Any *r, double *out, size_t max, size_t *rows) {
  *rows = 0;
  if (r->pType->eTypeClass == typelib_TypeClass_DOUBLE) {
    out[0] = *(const double *)r->pData;
    *rows = 1;
    return 1;
  }
  /* numbers (and #N/A) come back as [][]double, mixed cells as [][]any */
  int doubles = sgt_equals_ascii(r->pType->pTypeName, "[][]double");
  if (!doubles && !sgt_equals_ascii(r->pType->pTypeName, "[][]any")) return 0;
  uno_Sequence *m = *(uno_Sequence *const *)r->pData;
  size_t k = 0;
  *rows = (size_t)m->nElements;
  for (sal_Int32 i = 0; i < m->nElements; i++) {
    uno_Sequence *row = ((uno_Sequence *const *)(const void *)m->elements)[i];
    for (sal_Int32 c = 0; c < row->nElements && k < max; c++) {
      if (doubles) {
        out[k++] = ((const double *)(const void *)row->elements)[c];
        continue;
      }
      const uno_Any *a = (const uno_Any *)(const void *)row->elements + c;
      out[k++] = a->pType->eTypeClass == typelib_TypeClass_DOUBLE ? *(const double *)a->pData : NAN;
    }
  }
  return k;
}

/* How a result comes back: one plain cell, a column, or one row. */
enum { AS_PLAIN, AS_COLUMN, AS_ROW };

/* Call name with specs and compare with expected (row-major). */
static void expect_numbers(uno_Interface *addin, uno_Interface *document, const char *name, const arg_spec *specs,
                           const double *expected, size_t n, int as) {
  pack p;
  pack_build(&p, sgf_find(name), document, NULL, fill_spec, specs);
  uno_Any result;
  char msg[SGF_MESSAGE_SIZE];
  int rc = pack_call(addin, &p, 0, msg, sizeof msg, &result);
  CHECK(rc == 0, "%s: a result, not \"%s\"", name, msg);
  if (rc == 0) {
    double got[16];
    size_t rows, k = numbers_of(&result, got, 16, &rows);
    CHECK(as != AS_PLAIN || result.pType->eTypeClass == typelib_TypeClass_DOUBLE,
          "%s: one cell comes back as a plain double", name);
    CHECK(k == n && rows == (as == AS_COLUMN ? n : 1), "%s: %zu values in %zu rows, got %zu in %zu", name, n,
          as == AS_COLUMN ? n : 1, k, rows);
    for (size_t i = 0; i < n && i < k; i++)
      CHECK(fabs(got[i] - expected[i]) <= 1e-9 * fmax(1, fabs(expected[i])), "%s: value %zu is %.17g, expected %.17g",
            name, i + 1, got[i], expected[i]);
    uno_any_destruct(&result, NULL);
  }
  pack_free(&p);
}

/* Call name with specs; it must fail. The message is returned in msg. */
static void expect_error(uno_Interface *addin, uno_Interface *document, const char *name, const arg_spec *specs,
                         int want_zh, char *msg, size_t size) {
  pack p;
  pack_build(&p, sgf_find(name), document, NULL, fill_spec, specs);
  CHECK(pack_call(addin, &p, want_zh, msg, size, NULL) == 1, "%s fails with a message", name);
  pack_free(&p);
}

static void set_language(uno_Interface *addin, const char *language) {
  rtl_uString *locale[3] = {sgt_ustring(language), sgt_ustring(""), sgt_ustring("")};
  void *args[1] = {locale};
  uno_Any exc;
  CHECK(!sgt_call(addin, "com.sun.star.lang.XLocalizable::setLocale", NULL, args, &exc), "setLocale");
  for (int i = 0; i < 3; i++) rtl_uString_release(locale[i]);
}

/* The text of a single-cell result ("" for anything else). */
static char *string_of(const uno_Any *r, char *buf, size_t size) {
  buf[0] = '\0';
  if (r->pType->eTypeClass != typelib_TypeClass_STRING) return buf;
  rtl_uString *s = *(rtl_uString *const *)r->pData;
  rtl_String *u = NULL;
  rtl_uString2String(&u, s->buffer, s->length, RTL_TEXTENCODING_UTF8, OUSTRING_TO_OSTRING_CVTFLAGS);
  snprintf(buf, size, "%s", u ? u->buffer : "");
  if (u) rtl_string_release(u);
  return buf;
}

/* SG_WHY on a cell of a saved document holding formula and showing error. */
static char *why_of(uno_Interface *addin, const char *formula, int error, char *buf, size_t size) {
  sgt_object doc, cell;
  sgt_object_init(&doc, SGT_DOCUMENT, "file:///tmp/sg-uno-why.ods");
  sgt_object_init(&cell, SGT_CELL, formula);
  cell.error_code = error;
  pack p;
  pack_build(&p, sgf_find("SG_WHY"), &doc.uno, &cell.uno, fill_spec, NULL);
  uno_Any result;
  char msg[SGF_MESSAGE_SIZE];
  buf[0] = '\0';
  CHECK(pack_call(addin, &p, 0, msg, sizeof msg, &result) == 0, "SG_WHY answers, not \"%s\"", msg);
  if (msg[0] == '\0') {
    string_of(&result, buf, size);
    uno_any_destruct(&result, NULL);
  }
  pack_free(&p);
  CHECK(doc.refcount == 1 && cell.refcount == 1, "SG_WHY gave back the cell's references (%ld)", cell.refcount);
  return buf;
}

void sweep_worked_examples(uno_Interface *addin) {
  static const tv w13[] = {{TV_DOUBLE, 1, NULL}, {TV_DOUBLE, 3, NULL}};
  static const tv w123[] = {{TV_DOUBLE, 1, NULL}, {TV_DOUBLE, 2, NULL}, {TV_DOUBLE, 3, NULL}};
  static const tv w14[] = {{TV_DOUBLE, 1, NULL}, {TV_DOUBLE, 4, NULL}};
  static const tv w11[] = {{TV_DOUBLE, 1, NULL}, {TV_DOUBLE, 1, NULL}};
  static const tv w1[] = {{TV_DOUBLE, 1, NULL}};
  static const tv counts[] = {{TV_DOUBLE, 10, NULL}, {TV_DOUBLE, 20, NULL}};
  static const tv rates[] = {{TV_DOUBLE, 0.5, NULL}, {TV_DOUBLE, 0.2, NULL}};
  static const tv rate_half[] = {{TV_DOUBLE, 0.5, NULL}};

  /* 100 by weights 1:3 -> 100/4 = 25 and 3 x 25 = 75. */
  arg_spec split13[] = {NUMBER(100), COLUMN(w13), OMITTED, OMITTED, OMITTED, OMITTED};
  expect_numbers(addin, NULL, "SG_SPLIT", split13, (double[]){25, 75}, 2, AS_COLUMN);
  /* 90 by 1:2:3 -> 90/6 = 15, 30, 45. */
  arg_spec split123[] = {NUMBER(90), COLUMN(w123), OMITTED, OMITTED, OMITTED, OMITTED};
  expect_numbers(addin, NULL, "SG_SPLIT", split123, (double[]){15, 30, 45}, 3, AS_COLUMN);
  /* 100 by 1:4 in units of 10 -> 20 and 80 (both multiples already). */
  arg_spec split14[] = {NUMBER(100), COLUMN(w14), NUMBER(10), OMITTED, OMITTED, OMITTED};
  expect_numbers(addin, NULL, "SG_SPLIT", split14, (double[]){20, 80}, 2, AS_COLUMN);
  /* One weight: the whole total, as one plain cell. */
  arg_spec split1[] = {NUMBER(100), COLUMN(w1), OMITTED, OMITTED, OMITTED, OMITTED};
  expect_numbers(addin, NULL, "SG_SPLIT", split1, (double[]){100}, 1, AS_PLAIN);
  /* 0.5 x (1/4, 3/4) + 0.5 x (1/2, 1/2) = 0.375, 0.625. */
  arg_spec blend[] = {COLUMN(w13), COLUMN(w11), NUMBER(0.5)};
  expect_numbers(addin, NULL, "SG_BLEND", blend, (double[]){0.375, 0.625}, 2, AS_COLUMN);
  /* (10 x 0.5 x 0.2 + 20 x 0.2) x 1000 = (1 + 4) x 1000 = 5000. */
  arg_spec forecast[] = {COLUMN(counts), COLUMN(rates), NUMBER(1000)};
  expect_numbers(addin, NULL, "SG_FUNNEL_FORECAST", forecast, (double[]){5000}, 1, AS_PLAIN);
  /* 1000 / 100 = 10 wins; the stage above: 10 / 0.5 = 20. */
  arg_spec backsolve[] = {NUMBER(1000), NUMBER(100), COLUMN(rate_half), OMITTED, OMITTED, OMITTED};
  expect_numbers(addin, NULL, "SG_FUNNEL_BACKSOLVE", backsolve, (double[]){20, 10}, 2, AS_COLUMN);

  /* Text where the total goes: Err:502 with a sentence naming it, and
   * SG_LASTERROR hands the same sentence back. */
  char msg[SGF_MESSAGE_SIZE], zh[SGF_MESSAGE_SIZE];
  arg_spec bad[] = {TEXT("abc"), COLUMN(w13), OMITTED, OMITTED, OMITTED, OMITTED};
  expect_error(addin, NULL, "SG_SPLIT", bad, 0, msg, sizeof msg);
  CHECK(strstr(msg, "SG_SPLIT") && strstr(msg, "total"), "the message names the argument: \"%s\"", msg);
  pack p;
  pack_build(&p, sgf_find("SG_LASTERROR"), NULL, NULL, fill_spec, NULL);
  uno_Any last;
  char unused[8];
  char text[SGF_MESSAGE_SIZE] = "";
  if (pack_call(addin, &p, 0, unused, sizeof unused, &last) == 0) {
    string_of(&last, text, sizeof text);
    CHECK(strcmp(text, msg) == 0, "SG_LASTERROR is the last message: \"%s\"", text);
    uno_any_destruct(&last, NULL);
  }
  pack_free(&p);
  /* SG_WHY on a cell holding that call gives the same sentence, worked out
   * again from the cell's formula (read through XCellRange and XCell). */
  CHECK(strcmp(why_of(addin, "=ORG.SALESGOAL.FUNCTIONS.SG_SPLIT(\"abc\";{1;3})", 502, text, sizeof text), msg) == 0,
        "SG_WHY gives \"%s\"", text);
  CHECK(strcmp(why_of(addin, "=ORG.SALESGOAL.FUNCTIONS.SG_SPLIT(100;{1;3})", 0, text, sizeof text), "") == 0,
        "SG_WHY of a cell without error is empty, not \"%s\"", text);
  /* References it cannot read (this fake sheet refuses getCellRangeByName):
   * still a sentence about that cell's SG_SPLIT, not a crash or "". */
  why_of(addin, "=ORG.SALESGOAL.FUNCTIONS.SG_SPLIT($'Plan'.A1;B1:B3)", 502, text, sizeof text);
  CHECK(strstr(text, "SG_SPLIT") != NULL, "SG_WHY explains a cell it cannot re-read: \"%s\"", text);
  if (getenv("SG_UNO_VERBOSE")) printf("SG_WHY with unreadable references: %s\n", text);
  set_language(addin, "zh");
  expect_error(addin, NULL, "SG_SPLIT", bad, 1, zh, sizeof zh);
  CHECK(strcmp(zh, msg) != 0, "the Chinese message differs from the English one");
  set_language(addin, "en");
}

/* --------------------------------------------------------- the store */

void sweep_store(uno_Interface *addin, const char *dir) {
  sgt_object doc, other, mute;
  char url[300];
  snprintf(url, sizeof url, "file://%s/plan-a.ods", dir);
  sgt_object_init(&doc, SGT_DOCUMENT, url);
  snprintf(url, sizeof url, "file://%s/plan-b.ods", dir);
  sgt_object_init(&other, SGT_DOCUMENT, url);
  sgt_object_init(&mute, SGT_MUTE, NULL);
  arg_spec snap[] = {TEXT("uno-plan"), TEXT("North"), NUMBER(46000), NUMBER(100), NUMBER(80)};
  expect_numbers(addin, &doc.uno, "SG_SNAPSHOT", snap, (double[]){1}, 1, AS_PLAIN); /* one unit recorded */
  CHECK(doc.property_reads > 0, "the add-in read the document's NullDate");
  arg_spec history[] = {TEXT("uno-plan"), TEXT("North"), OMITTED, OMITTED};
  expect_numbers(addin, &doc.uno, "SG_HISTORY", history, (double[]){46000, 100, 80}, 3, AS_ROW);
  /* The same day seen from a 1904-based document: 46000 - 1462 = 44538. */
  doc.null_date_1904 = 1;
  expect_numbers(addin, &doc.uno, "SG_HISTORY", history, (double[]){44538, 100, 80}, 3, AS_ROW);
  doc.null_date_1904 = 0;
  char msg[SGF_MESSAGE_SIZE];
  /* Only one day recorded: no line yet. */
  arg_spec trend[] = {TEXT("uno-plan"), TEXT("North"), NUMBER(46020)};
  expect_error(addin, &doc.uno, "SG_TREND", trend, 0, msg, sizeof msg);
  /* (46000, 80) and (46010, 180): 10 a day, so 280 on day 46020. */
  arg_spec snap2[] = {TEXT("uno-plan"), TEXT("North"), NUMBER(46010), NUMBER(100), NUMBER(180)};
  expect_numbers(addin, &doc.uno, "SG_SNAPSHOT", snap2, (double[]){1}, 1, AS_PLAIN);
  expect_numbers(addin, &doc.uno, "SG_TREND", trend, (double[]){280}, 1, AS_PLAIN);
  /* Another document may not read or change this plan; no document, or
   * one that cannot say where it is saved, is refused. */
  expect_error(addin, &other.uno, "SG_HISTORY", history, 0, msg, sizeof msg);
  CHECK(strstr(msg, "SALESGOAL_SHARED_PLANS") != NULL, "it says how to share the plan: \"%s\"", msg);
  expect_error(addin, &other.uno, "SG_SNAPSHOT", snap, 0, msg, sizeof msg);
  expect_error(addin, NULL, "SG_SNAPSHOT", snap, 0, msg, sizeof msg);
  expect_error(addin, &mute.uno, "SG_SNAPSHOT", snap, 0, msg, sizeof msg);
  CHECK(doc.refcount == 1 && other.refcount == 1 && mute.refcount == 1,
        "the documents' counts are back to 1 (%ld, %ld, %ld)", doc.refcount, other.refcount, mute.refcount);
}

/* ------------------------------------------------------- hostile sweep */

void sweep_hostile(uno_Interface *addin, int quick) {
  sgt_object doc, mute;
  sgt_object_init(&doc, SGT_DOCUMENT, "file:///tmp/sg-uno-hostile.ods");
  sgt_object_init(&mute, SGT_MUTE, NULL);
  /* A cell whose formula refers to ranges: SG_WHY asks the sheet for them,
   * and this sheet refuses (getCellRangeByName raises). */
  sgt_object cell;
  sgt_object_init(&cell, SGT_CELL, "=ORG.SALESGOAL.FUNCTIONS.SG_SPLIT($'Plan'.A1;B1:B3;;;;C1:C3)+1");
  cell.error_code = 502;
  long results = 0, errors = 0, calls = 0;
  for (int zh = 0; zh < 2; zh++) {
    set_language(addin, zh ? "zh" : "en");
    for (size_t i = 0; i < sgf_catalogue_size(); i++) {
      const sgf_function *fn = sgf_catalogue_at(i);
      int variants = quick && zh ? 1 : (int)fn->nargs + 1;
      for (int k = 0; k < SHAPES * variants; k++) {
        int shape = k % SHAPES;
        shape_ctx ctx = {shape, k / SHAPES - 1}; /* first every argument, then each alone */
        uno_Interface *document = k % 3 == 1 ? NULL : k % 3 == 2 ? &mute.uno : &doc.uno;
        uno_Interface *range = k % 3 == 0 ? &cell.uno : k % 3 == 1 ? &mute.uno : NULL;
        pack p;
        pack_build(&p, fn, document, range, fill_shape, &ctx);
        char msg[SGF_MESSAGE_SIZE];
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        int rc = pack_call(addin, &p, zh, msg, sizeof msg, NULL);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
        CHECK(rc >= 0, "%s with %s", fn->name, shape_names[shape]);
        if (getenv("SG_UNO_VERBOSE"))
          printf("%.1f ms %s %s %s in %s: %s\n", ms, zh ? "zh" : "en", fn->name, shape_names[shape],
                 ctx.target < 0 ? "every argument" : fn->args[ctx.target].name, rc == 0 ? "a result" : msg);
        calls++;
        results += rc == 0;
        errors += rc == 1;
        pack_free(&p);
      }
    }
  }
  set_language(addin, "en");
  CHECK(doc.refcount == 1 && mute.refcount == 1 && cell.refcount == 1,
        "the document and the cells are back to 1 reference (%ld, %ld, %ld)", doc.refcount, mute.refcount,
        cell.refcount);
  printf("hostile sweep: %zu functions x %d shapes (in every argument, then in each alone) x 2 languages: "
         "%ld calls, %ld results, %ld errors with messages\n",
         sgf_catalogue_size(), SHAPES, calls, results, errors);
}

/* ------------------------------------------------------------ endurance */

static long resident_kb(void) {
  long size = 0, resident = 0;
  FILE *f = fopen("/proc/self/statm", "r");
  if (!f) return -1;
  if (fscanf(f, "%ld %ld", &size, &resident) != 2) resident = -1;
  fclose(f);
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

void sweep_endurance(uno_Interface *addin, long calls, int check_rss) {
  sgt_object doc;
  sgt_object_init(&doc, SGT_DOCUMENT, "file:///tmp/sg-uno-endurance.ods");
  /* Every function with the shapes that compute and those that fail. */
  static const shape_ctx shapes[] = {{0, -1}, {1, -1}, {2, -1}, {12, -1}, {0, 1}, {12, 1}};
  enum { NSHAPES = sizeof shapes / sizeof shapes[0] };
  size_t n = sgf_catalogue_size() * NSHAPES;
  pack *packs = calloc(n, sizeof *packs);
  for (size_t i = 0; i < n; i++)
    pack_build(&packs[i], sgf_catalogue_at(i / NSHAPES), &doc.uno, NULL, fill_shape, &shapes[i % NSHAPES]);
  static const tv w[] = {{TV_DOUBLE, 1, NULL}, {TV_DOUBLE, 3, NULL}, {TV_DOUBLE, 2, NULL}};
  long bad = 0, warm = calls >= 10000 ? calls / 10 : calls / 2, rss_warm = 0;
  char msg[SGF_MESSAGE_SIZE];
  for (long c = 0; c < calls; c++) {
    if (c == warm) rss_warm = resident_kb();
    if (c % 4 == 0) {
      /* A new split each time, built and freed like Calc's arguments, so
       * the result cache keeps being replaced. */
      arg_spec split[] = {NUMBER(1000 + (double)(c % 5000)), COLUMN(w), NUMBER(c % 3 ? 1 : 0), OMITTED, OMITTED, OMITTED};
      pack p;
      pack_build(&p, sgf_find("SG_SPLIT"), NULL, NULL, fill_spec, split);
      bad += sgt_function_call(addin, p.member, "SG_SPLIT", p.args, 0, msg, sizeof msg, NULL) != 0;
      bad += sgt_census_check(&p.census, "SG_SPLIT") != 0;
      pack_free(&p);
      continue;
    }
    pack *p = &packs[(size_t)c % n];
    /* Writes are slow (a transaction each): one in 1,000 snapshot calls. */
    if (strcmp(p->fn->name, "SG_SNAPSHOT") == 0 && c % 1000 != 1) p = &packs[0];
    bad += sgt_function_call(addin, p->member, p->fn->name, p->args, 0, msg, sizeof msg, NULL) < 0;
  }
  long rss_end = resident_kb();
  for (size_t i = 0; i < n; i++) {
    CHECK(sgt_census_check(&packs[i].census, packs[i].fn->name) == 0, "%s: counts after %ld calls",
          packs[i].fn->name, calls);
    pack_free(&packs[i]);
  }
  free(packs);
  CHECK(bad == 0, "%ld of %ld endurance calls misbehaved", bad, calls);
  CHECK(doc.refcount == 1, "the document is back to 1 reference after %ld calls", calls);
  printf("endurance: %ld calls, resident %ld kB after %ld warm-up calls, %ld kB at the end\n", calls, rss_warm, warm,
         rss_end);
  /* Flat: at most 1 MB more, a fraction of one call's arguments per 1,000 calls. */
  if (check_rss) CHECK(rss_end - rss_warm <= 1024, "resident memory grew by %ld kB", rss_end - rss_warm);
}
