/* uno_types.c — type descriptions for tests/uno, built on demand from the
 * IDL text that unoidl-read prints for the registries soffice loads.
 *
 * unoidl-read prints one declaration a line, nested in `module x {`
 * blocks: `interface X {` with `interface ::base;`, methods and
 * `[attribute] T name;` lines (an attribute with exceptions opens a block),
 * `struct`/`exception X[: ::Base] {` with `T name;`, `enum X {` with
 * `NAME = n,`, `typedef T X;`. Only what the typelib needs is read:
 * services, singletons, constants and polymorphic struct templates are
 * skipped. The typelib asks for a name ("org.salesgoal.XFunctions", or a
 * member "org.salesgoal.XFunctions::SG_SPLIT") and gets a description made
 * by cppu's own constructors, as from soffice's type manager. */
#include "uno_types.h"


#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { K_INTERFACE, K_STRUCT, K_EXCEPTION, K_ENUM, K_TYPEDEF } entity_kind;

typedef struct entity {
  char *name; /* dotted: com.sun.star.lang.Locale */
  entity_kind kind;
  size_t line; /* its header line */
} entity;

rtl_uString *sgt_ustring(const char *utf8) {
  rtl_uString *s = NULL;
  rtl_string2UString(&s, utf8, (sal_Int32)strlen(utf8), RTL_TEXTENCODING_UTF8,
                     OSTRING_TO_OUSTRING_CVTFLAGS);
  if (!s) rtl_uString_new(&s);
  return s;
}

int sgt_equals_ascii(const rtl_uString *s, const char *ascii) {
  size_t n = strlen(ascii);
  if (!s || (size_t)s->length != n) return 0;
  for (size_t i = 0; i < n; i++)
    if (s->buffer[i] != (sal_Unicode)(unsigned char)ascii[i]) return 0;
  return 1;
}

static struct {
  char *text;
  char **lines;
  size_t nlines;
  entity *entities;
  size_t nentities;
  long built;
} g;

#define MAX_MEMBERS 512
#define NAME_SIZE 1024

/* A line without its indentation, a leading doc comment and `published `. */
static const char *stripped(const char *s) {
  while (*s == ' ') s++;
  if (strncmp(s, "/**", 3) == 0) {
    const char *end = strstr(s, "*/");
    if (end) s = end + 2;
    while (*s == ' ') s++;
  }
  if (strncmp(s, "published ", 10) == 0) s += 10;
  return s;
}

static int ends_with(const char *s, const char *tail) {
  size_t n = strlen(s), t = strlen(tail);
  return n >= t && strcmp(s + n - t, tail) == 0;
}

static int by_name(const void *a, const void *b) {
  return strcmp(((const entity *)a)->name, ((const entity *)b)->name);
}

static const entity *find_entity(const char *name) {
  entity key = {.name = (char *)name};
  return g.nentities ? bsearch(&key, g.entities, g.nentities, sizeof key, by_name) : NULL;
}

/* Record the entity declared by header line i (s = its stripped text) at
 * module path `path`. */
static int add_entity(const char *path, const char *s, size_t i) {
  static const struct { const char *word; entity_kind kind; } words[] = {
      {"interface ", K_INTERFACE}, {"struct ", K_STRUCT}, {"exception ", K_EXCEPTION},
      {"enum ", K_ENUM}, {"typedef ", K_TYPEDEF}};
  for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
    size_t n = strlen(words[w].word);
    if (strncmp(s, words[w].word, n) != 0) continue;
    const char *name = s + n, *end;
    if (words[w].kind == K_TYPEDEF) { /* typedef T NAME; */
      name = strrchr(s, ' ') + 1;
      end = name + strlen(name) - 1;
    } else {
      end = name + strcspn(name, " :<{;");
      if (*end == '<' || ends_with(s, ";")) return 0; /* template, or forward declaration */
    }
    entity *grown = realloc(g.entities, (g.nentities + 1) * sizeof *grown);
    if (!grown) return -1;
    g.entities = grown;
    size_t np = strlen(path), nn = (size_t)(end - name);
    char *full = malloc(np + 1 + nn + 1);
    if (!full) return -1;
    snprintf(full, np + 1 + nn + 1, "%s%s%.*s", path, np ? "." : "", (int)nn, name);
    g.entities[g.nentities++] = (entity){full, words[w].kind, i};
    return 0;
  }
  return 0;
}

/* One pass over the lines: module nesting, and every entity's header. */
static int index_lines(void) {
  char path[NAME_SIZE] = "";
  int depth = 0, entity_depth = -1; /* inside an entity body from this depth */
  size_t module_len[64];
  int modules = 0;
  for (size_t i = 0; i < g.nlines; i++) {
    const char *s = stripped(g.lines[i]);
    if (strcmp(s, "};") == 0) {
      depth--;
      if (entity_depth >= 0 && depth < entity_depth) entity_depth = -1;
      else if (entity_depth < 0 && modules > 0) path[module_len[--modules]] = '\0';
      continue;
    }
    if (entity_depth < 0) {
      if (strncmp(s, "module ", 7) == 0 && ends_with(s, "{") && modules < 64) {
        module_len[modules++] = strlen(path);
        size_t n = strcspn(s + 7, " ");
        size_t used = strlen(path);
        snprintf(path + used, sizeof path - used, "%s%.*s", used ? "." : "", (int)n, s + 7);
        depth++;
        continue;
      }
      if (add_entity(path, s, i) != 0) return -1;
      if (ends_with(s, "{")) entity_depth = depth + 1;
    }
    if (ends_with(s, "{")) depth++;
  }
  qsort(g.entities, g.nentities, sizeof *g.entities, by_name);
  return 0;
}

/* ------------------------------------------------------------- types */

/* The type written s[0..n) as its UNO name ("[]any", "com.sun.star.lang.Locale")
 * into out and its type class. Typedefs resolve to what they name.
 * Returns 0, or -1 for a type this loader does not read. */
static int parse_type(const char *s, size_t n, typelib_TypeClass *cls, char *out, size_t size) {
  static const struct { const char *idl; typelib_TypeClass cls; } basics[] = {
      {"void", typelib_TypeClass_VOID}, {"boolean", typelib_TypeClass_BOOLEAN},
      {"byte", typelib_TypeClass_BYTE}, {"short", typelib_TypeClass_SHORT},
      {"unsigned short", typelib_TypeClass_UNSIGNED_SHORT}, {"long", typelib_TypeClass_LONG},
      {"unsigned long", typelib_TypeClass_UNSIGNED_LONG}, {"hyper", typelib_TypeClass_HYPER},
      {"unsigned hyper", typelib_TypeClass_UNSIGNED_HYPER}, {"float", typelib_TypeClass_FLOAT},
      {"double", typelib_TypeClass_DOUBLE}, {"char", typelib_TypeClass_CHAR},
      {"string", typelib_TypeClass_STRING}, {"type", typelib_TypeClass_TYPE},
      {"any", typelib_TypeClass_ANY}};
  while (n && s[0] == ' ') s++, n--;
  while (n && s[n - 1] == ' ') n--;
  if (n > 9 && strncmp(s, "sequence<", 9) == 0 && s[n - 1] == '>') {
    if (size < 3) return -1;
    *cls = typelib_TypeClass_SEQUENCE;
    typelib_TypeClass inner;
    memcpy(out, "[]", 2);
    return parse_type(s + 9, n - 10, &inner, out + 2, size - 2);
  }
  for (size_t b = 0; b < sizeof basics / sizeof basics[0]; b++) {
    if (strlen(basics[b].idl) == n && strncmp(s, basics[b].idl, n) == 0) {
      *cls = basics[b].cls;
      snprintf(out, size, "%s", basics[b].idl);
      return 0;
    }
  }
  if (n < 3 || strncmp(s, "::", 2) != 0 || memchr(s, '<', n)) return -1;
  size_t o = 0;
  for (size_t i = 2; i < n && o + 1 < size; i++) {
    if (s[i] == ':' && i + 1 < n && s[i + 1] == ':') {
      out[o++] = '.';
      i++;
    } else {
      out[o++] = s[i];
    }
  }
  out[o] = '\0';
  const entity *e = find_entity(out);
  if (!e) return -1;
  switch (e->kind) {
  case K_INTERFACE: *cls = typelib_TypeClass_INTERFACE; return 0;
  case K_STRUCT: *cls = typelib_TypeClass_STRUCT; return 0;
  case K_EXCEPTION: *cls = typelib_TypeClass_EXCEPTION; return 0;
  case K_ENUM: *cls = typelib_TypeClass_ENUM; return 0;
  case K_TYPEDEF: { /* typedef T NAME; */
    const char *line = stripped(g.lines[e->line]) + 8;
    const char *last = strrchr(line, ' ');
    return parse_type(line, (size_t)(last - line), cls, out, size);
  }
  }
  return -1;
}

/* The body lines of the entity whose header is line `header`: [first, end). */
static void body(size_t header, size_t *first, size_t *end) {
  int depth = 1;
  size_t i = header + 1;
  for (; i < g.nlines; i++) {
    const char *s = stripped(g.lines[i]);
    if (strcmp(s, "};") == 0 && --depth == 0) break;
    if (ends_with(s, "{")) depth++;
  }
  *first = header + 1;
  *end = i;
}

/* The member name of an interface body line (a method or attribute), into
 * out; 0 for another line (a base, a block's inner line). */
static int member_name(const char *s, char *out, size_t size) {
  if (strncmp(s, "interface ", 10) == 0 || strncmp(s, "get raises", 10) == 0 ||
      strncmp(s, "set raises", 10) == 0 || strcmp(s, "};") == 0)
    return 0;
  const char *paren = strchr(s, '(');
  const char *end = paren ? paren : s + strcspn(s, ";{");
  while (end > s && end[-1] == ' ') end--;
  const char *start = end;
  while (start > s && start[-1] != ' ') start--;
  snprintf(out, size, "%.*s", (int)(end - start), start);
  return end > start;
}

/* Split a comma list s[0..n) at depth 0 of <...>; calls each(part). */
static int split_list(const char *s, size_t n, const char **parts, size_t *lens, int max) {
  int count = 0, depth = 0;
  size_t start = 0;
  for (size_t i = 0; i <= n; i++) {
    if (i < n && s[i] == '<') depth++;
    if (i < n && s[i] == '>') depth--;
    if (i == n || (s[i] == ',' && depth == 0)) {
      size_t a = start, b = i;
      while (a < b && s[a] == ' ') a++;
      if (b > a) {
        if (count == max) return -1;
        parts[count] = s + a;
        lens[count++] = b - a;
      }
      start = i + 1;
    }
  }
  return count;
}

/* Exception names of "raises (::a::E, ::b::F)" starting at s, as new strings. */
static int raises(const char *s, rtl_uString **names, int max) {
  const char *r = s ? strstr(s, "raises (") : NULL;
  if (!r) return 0;
  r += 8;
  const char *close = strchr(r, ')');
  const char *parts[64];
  size_t lens[64];
  int n = split_list(r, close ? (size_t)(close - r) : strlen(r), parts, lens, max < 64 ? max : 64);
  for (int i = 0; i < n; i++) {
    char name[NAME_SIZE];
    typelib_TypeClass cls;
    if (parse_type(parts[i], lens[i], &cls, name, sizeof name) != 0) snprintf(name, sizeof name, "?");
    names[i] = sgt_ustring(name);
  }
  return n < 0 ? 0 : n;
}

static void release_all(rtl_uString **s, int n) {
  for (int i = 0; i < n; i++) rtl_uString_release(s[i]);
}

static typelib_TypeDescription *build_interface(const entity *e) {
  size_t first, end;
  body(e->line, &first, &end);
  typelib_TypeDescriptionReference *bases[16], *members[MAX_MEMBERS];
  int nbases = 0, nmembers = 0;
  for (size_t i = first; i < end; i++) {
    const char *s = stripped(g.lines[i]);
    char name[NAME_SIZE], full[NAME_SIZE * 2];
    typelib_TypeClass cls;
    if (strncmp(s, "interface ", 10) == 0 && nbases < 16) {
      if (parse_type(s + 10, strcspn(s + 10, ";"), &cls, name, sizeof name) == 0) {
        bases[nbases] = NULL;
        typelib_typedescriptionreference_newByAsciiName(&bases[nbases++], cls, name);
      }
    } else if (member_name(s, name, sizeof name) && nmembers < MAX_MEMBERS) {
      snprintf(full, sizeof full, "%s::%s", e->name, name);
      members[nmembers] = NULL;
      typelib_typedescriptionreference_newByAsciiName(
          &members[nmembers++],
          s[0] == '[' && strncmp(s, "[attribute", 10) == 0 ? typelib_TypeClass_INTERFACE_ATTRIBUTE
                                                          : typelib_TypeClass_INTERFACE_METHOD,
          full);
    }
  }
  typelib_InterfaceTypeDescription *itd = NULL;
  rtl_uString *uname = sgt_ustring(e->name);
  typelib_typedescription_newMIInterface(&itd, uname, 0, 0, 0, 0, 0, nbases, bases, nmembers, members);
  rtl_uString_release(uname);
  for (int i = 0; i < nbases; i++) typelib_typedescriptionreference_release(bases[i]);
  for (int i = 0; i < nmembers; i++) typelib_typedescriptionreference_release(members[i]);
  return itd ? &itd->aBase : NULL;
}

/* A method line: "[oneway] RET NAME([in] T a, [out] T b) raises (E);". */
static typelib_TypeDescription *build_method(const char *full, sal_Int32 position, const char *s) {
  sal_Bool oneway = strncmp(s, "[oneway] ", 9) == 0;
  if (oneway) s += 9;
  const char *paren = strchr(s, '('), *close = strrchr(s, ')');
  const char *name_start = paren;
  while (name_start > s && name_start[-1] != ' ') name_start--;
  char ret_name[NAME_SIZE];
  typelib_TypeClass ret_cls;
  if (parse_type(s, (size_t)(name_start - s), &ret_cls, ret_name, sizeof ret_name) != 0) return NULL;
  /* The parameter list ends at the ')' before " raises", if any. */
  const char *raises_at = strstr(paren, ") raises (");
  const char *plist_end = raises_at ? raises_at : close;
  const char *parts[64];
  size_t lens[64];
  int nparams = split_list(paren + 1, (size_t)(plist_end - paren - 1), parts, lens, 64);
  if (nparams < 0) return NULL;
  typelib_Parameter_Init params[64];
  char type_names[64][NAME_SIZE / 4];
  int ok = 1;
  for (int i = 0; i < nparams; i++) {
    const char *p = parts[i], *bracket = memchr(p, ']', lens[i]);
    const char *last = p + lens[i];
    while (last > p && last[-1] != ' ') last--;
    params[i].bIn = strncmp(p, "[in]", 4) == 0 || strncmp(p, "[inout]", 7) == 0;
    params[i].bOut = strncmp(p, "[out]", 5) == 0 || strncmp(p, "[inout]", 7) == 0;
    if (!bracket || parse_type(bracket + 1, (size_t)(last - bracket - 1), &params[i].eTypeClass,
                               type_names[i], sizeof type_names[i]) != 0)
      ok = 0;
    params[i].pTypeName = sgt_ustring(ok ? type_names[i] : "void");
    char pname[NAME_SIZE];
    snprintf(pname, sizeof pname, "%.*s", (int)(p + lens[i] - last), last);
    params[i].pParamName = sgt_ustring(pname);
  }
  rtl_uString *exceptions[64];
  int nexc = raises(raises_at, exceptions, 64);
  typelib_InterfaceMethodTypeDescription *mtd = NULL;
  if (ok) {
    rtl_uString *ufull = sgt_ustring(full), *uret = sgt_ustring(ret_name);
    typelib_typedescription_newInterfaceMethod(&mtd, position, oneway, ufull, ret_cls, uret, nparams,
                                               params, nexc, exceptions);
    rtl_uString_release(ufull);
    rtl_uString_release(uret);
  }
  for (int i = 0; i < nparams; i++) {
    rtl_uString_release(params[i].pTypeName);
    rtl_uString_release(params[i].pParamName);
  }
  release_all(exceptions, nexc);
  return mtd ? &mtd->aBase.aBase : NULL;
}

/* "[attribute, readonly] T NAME;" or "... NAME {" + get/set raises lines. */
static typelib_TypeDescription *build_attribute(const char *full, sal_Int32 position, size_t line) {
  const char *s = stripped(g.lines[line]);
  const char *close = strchr(s, ']');
  sal_Bool readonly = strstr(s, "readonly") != NULL && strstr(s, "readonly") < close;
  const char *type = close + 2, *name_end = type + strcspn(type, ";{");
  while (name_end > type && name_end[-1] == ' ') name_end--;
  const char *name_start = name_end;
  while (name_start > type && name_start[-1] != ' ') name_start--;
  char type_name[NAME_SIZE];
  typelib_TypeClass cls;
  if (parse_type(type, (size_t)(name_start - type), &cls, type_name, sizeof type_name) != 0) return NULL;
  rtl_uString *get_exc[64], *set_exc[64];
  int nget = 0, nset = 0;
  if (ends_with(s, "{")) {
    for (size_t i = line + 1; i < g.nlines && strcmp(stripped(g.lines[i]), "};") != 0; i++) {
      const char *t = stripped(g.lines[i]);
      if (strncmp(t, "get ", 4) == 0) nget = raises(t, get_exc, 64);
      if (strncmp(t, "set ", 4) == 0) nset = raises(t, set_exc, 64);
    }
  }
  typelib_InterfaceAttributeTypeDescription *atd = NULL;
  rtl_uString *ufull = sgt_ustring(full), *utype = sgt_ustring(type_name);
  typelib_typedescription_newExtendedInterfaceAttribute(&atd, position, ufull, cls, utype, readonly,
                                                        nget, get_exc, nset, set_exc);
  rtl_uString_release(ufull);
  rtl_uString_release(utype);
  release_all(get_exc, nget);
  release_all(set_exc, nset);
  return atd ? &atd->aBase.aBase : NULL;
}

/* "iface::member": its position among all the interface's members, then
 * its own line. */
static typelib_TypeDescription *build_member(const char *full) {
  const char *sep = strstr(full, "::");
  char iface[NAME_SIZE];
  snprintf(iface, sizeof iface, "%.*s", (int)(sep - full), full);
  const entity *e = find_entity(iface);
  if (!e || e->kind != K_INTERFACE) return NULL;
  typelib_TypeDescription *td = NULL;
  rtl_uString *uiface = sgt_ustring(iface);
  typelib_typedescription_getByName(&td, uiface);
  rtl_uString_release(uiface);
  if (!td) return NULL;
  const typelib_InterfaceTypeDescription *itd = (const typelib_InterfaceTypeDescription *)td;
  sal_Int32 position = -1;
  for (sal_Int32 i = 0; i < itd->nAllMembers && position < 0; i++)
    if (sgt_equals_ascii(itd->ppAllMembers[i]->pTypeName, full)) position = i;
  typelib_typedescription_release(td);
  if (position < 0) return NULL;
  size_t first, end;
  body(e->line, &first, &end);
  for (size_t i = first; i < end; i++) {
    const char *s = stripped(g.lines[i]);
    char name[NAME_SIZE];
    if (!member_name(s, name, sizeof name) || strcmp(name, sep + 2) != 0) continue;
    return strncmp(s, "[attribute", 10) == 0 ? build_attribute(full, position, i)
                                             : build_method(full, position, s);
  }
  return NULL;
}

/* struct / exception X[: ::Base] { T name; ... } */
static typelib_TypeDescription *build_compound(const entity *e) {
  typelib_TypeClass cls = e->kind == K_STRUCT ? typelib_TypeClass_STRUCT : typelib_TypeClass_EXCEPTION;
  const char *header = stripped(g.lines[e->line]);
  const char *colon = strstr(header, ": ::");
  typelib_TypeDescriptionReference *base = NULL;
  if (colon) {
    char name[NAME_SIZE];
    typelib_TypeClass base_cls;
    if (parse_type(colon + 2, strcspn(colon + 2, "{"), &base_cls, name, sizeof name) != 0) return NULL;
    typelib_typedescriptionreference_newByAsciiName(&base, base_cls, name);
  }
  size_t first, end;
  body(e->line, &first, &end);
  typelib_CompoundMember_Init members[MAX_MEMBERS];
  int n = 0, ok = 1;
  for (size_t i = first; i < end && n < MAX_MEMBERS; i++) {
    const char *s = stripped(g.lines[i]);
    const char *last = strrchr(s, ' ');
    char type_name[NAME_SIZE];
    if (!last) continue;
    if (parse_type(s, (size_t)(last - s), &members[n].eTypeClass, type_name, sizeof type_name) != 0) ok = 0;
    members[n].pTypeName = sgt_ustring(type_name);
    char name[NAME_SIZE];
    snprintf(name, sizeof name, "%.*s", (int)strcspn(last + 1, ";"), last + 1);
    members[n++].pMemberName = sgt_ustring(name);
  }
  typelib_TypeDescription *td = NULL;
  if (ok) {
    rtl_uString *uname = sgt_ustring(e->name);
    typelib_typedescription_new(&td, cls, uname, base, n, members);
    rtl_uString_release(uname);
  }
  for (int i = 0; i < n; i++) {
    rtl_uString_release(members[i].pTypeName);
    rtl_uString_release(members[i].pMemberName);
  }
  if (base) typelib_typedescriptionreference_release(base);
  return td;
}

static typelib_TypeDescription *build_enum(const entity *e) {
  size_t first, end;
  body(e->line, &first, &end);
  rtl_uString *names[MAX_MEMBERS];
  sal_Int32 values[MAX_MEMBERS];
  int n = 0;
  for (size_t i = first; i < end && n < MAX_MEMBERS; i++) {
    const char *s = stripped(g.lines[i]);
    const char *eq = strstr(s, " = ");
    if (!eq) continue;
    char name[NAME_SIZE];
    snprintf(name, sizeof name, "%.*s", (int)(eq - s), s);
    names[n] = sgt_ustring(name);
    values[n++] = (sal_Int32)strtol(eq + 3, NULL, 0);
  }
  typelib_TypeDescription *td = NULL;
  rtl_uString *uname = sgt_ustring(e->name);
  typelib_typedescription_newEnum(&td, uname, n ? values[0] : 0, n, names, values);
  rtl_uString_release(uname);
  release_all(names, n);
  return td;
}

static void SAL_CALL on_demand(void *context, typelib_TypeDescription **ret, rtl_uString *type_name) {
  (void)context;
  char name[NAME_SIZE];
  if (!type_name || type_name->length >= NAME_SIZE) return;
  for (sal_Int32 i = 0; i < type_name->length; i++)
    name[i] = type_name->buffer[i] < 128 ? (char)type_name->buffer[i] : '?';
  name[type_name->length] = '\0';
  typelib_TypeDescription *td = NULL;
  if (strstr(name, "::")) {
    td = build_member(name);
  } else {
    const entity *e = find_entity(name);
    if (!e) return;
    switch (e->kind) {
    case K_INTERFACE: td = build_interface(e); break;
    case K_STRUCT:
    case K_EXCEPTION: td = build_compound(e); break;
    case K_ENUM: td = build_enum(e); break;
    case K_TYPEDEF: {
      typelib_TypeClass cls;
      char target[NAME_SIZE];
      const char *line = stripped(g.lines[e->line]) + 8, *last = strrchr(line, ' ');
      if (parse_type(line, (size_t)(last - line), &cls, target, sizeof target) == 0) {
        rtl_uString *utarget = sgt_ustring(target);
        typelib_typedescription_getByName(&td, utarget);
        rtl_uString_release(utarget);
      }
      break;
    }
    }
  }
  if (!td) return;
  if (*ret) typelib_typedescription_release(*ret);
  *ret = td;
  g.built++;
}

int sgt_types_load(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "uno_types: cannot read %s\n", path);
    return -1;
  }
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  g.text = malloc((size_t)size + 1);
  if (!g.text || fread(g.text, 1, (size_t)size, f) != (size_t)size) {
    fclose(f);
    fprintf(stderr, "uno_types: cannot read %s\n", path);
    return -1;
  }
  fclose(f);
  g.text[size] = '\0';
  size_t lines = 1;
  for (long i = 0; i < size; i++) lines += g.text[i] == '\n';
  g.lines = malloc(lines * sizeof *g.lines);
  if (!g.lines) return -1;
  char *p = g.text;
  while (*p) {
    g.lines[g.nlines++] = p;
    char *nl = strchr(p, '\n');
    if (!nl) break;
    *nl = '\0';
    p = nl + 1;
  }
  if (index_lines() != 0) return -1;
  typelib_typedescription_registerCallback(NULL, on_demand);
  return 0;
}

void sgt_types_unload(void) {
  typelib_typedescription_revokeCallback(NULL, on_demand);
  for (size_t i = 0; i < g.nentities; i++) free(g.entities[i].name);
  free(g.entities);
  free(g.lines);
  free(g.text);
  memset(&g, 0, sizeof g);
}

long sgt_types_built(void) { return g.built; }
