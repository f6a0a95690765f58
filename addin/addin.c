/* addin.c — the salesgoal Calc add-in as a UNO component in plain C.
 *
 * Loaded by LibreOffice with environment="uno" (binary UNO); LibreOffice's
 * bridge maps it into C++. One object layout serves every interface: the
 * dispatcher receives each call's member type description and dispatches by
 * its full name. Calc needs XInterface, XTypeProvider and our XFunctions;
 * XServiceInfo, XServiceName and XLocalizable are offered too (setLocale tells
 * us the UI language for messages). Functions come from the catalogue in
 * functions/; nothing here knows what any function computes. */
#include "memo.h"
#include "uno_c.h"
#include "workbook.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IMPL_NAME "org.salesgoal.FunctionsImpl"
#define ADDIN_SERVICE "com.sun.star.sheet.AddIn"
#define FUNCTIONS_IFACE "org.salesgoal.XFunctions"
/* A sheet of Calc 7.4: 1,048,576 rows, 16,384 columns. */
#define CALC_MAX_ROWS 1048576
#define CALC_MAX_COLS 16384

typedef enum { OBJ_FACTORY, OBJ_ADDIN } object_kind;

typedef struct sg_object {
  uno_Interface uno; /* must be first: the object is its own interface */
  atomic_long refcount;
  object_kind kind;
  atomic_int lang; /* sgf_lang, from XLocalizable::setLocale */
  pthread_mutex_t locale_lock;
  void *locale; /* com.sun.star.lang.Locale as last set, or NULL */
  sgf_session *session; /* add-in objects only: caches that outlive a call */
  sgu_memo *memo;       /* add-in objects only: repeated big calls (memo.c) */
} sg_object;

/* The most recent error message of this process (one Calc session). */
static pthread_mutex_t g_last_error_lock = PTHREAD_MUTEX_INITIALIZER;
static char g_last_error[SGF_MESSAGE_SIZE];

static const char *const factory_types[] = {"com.sun.star.uno.XInterface",
                                            "com.sun.star.lang.XSingleComponentFactory",
                                            "com.sun.star.lang.XServiceInfo", NULL};
static const char *const addin_types[] = {
    "com.sun.star.uno.XInterface",   "com.sun.star.lang.XTypeProvider",
    "com.sun.star.lang.XServiceInfo", "com.sun.star.lang.XServiceName",
    "com.sun.star.lang.XLocalizable", FUNCTIONS_IFACE, NULL};

static void SAL_CALL object_dispatch(uno_Interface *self, const typelib_TypeDescription *member,
                                     void *ret, void *args[], uno_Any **exception);

static void SAL_CALL object_acquire(uno_Interface *self) {
  atomic_fetch_add(&((sg_object *)self)->refcount, 1);
}

static void SAL_CALL object_release(uno_Interface *self) {
  sg_object *obj = (sg_object *)self;
  if (atomic_fetch_sub(&obj->refcount, 1) != 1) return;
  if (obj->locale) {
    typelib_TypeDescription *td = sgu_locale_type();
    if (td) uno_destructData(obj->locale, td, NULL);
    free(obj->locale);
  }
  sgf_session_free(obj->session);
  sgu_memo_free(obj->memo);
  pthread_mutex_destroy(&obj->locale_lock);
  free(obj);
}

static sg_object *object_new(object_kind kind) {
  sg_object *obj = calloc(1, sizeof *obj);
  if (!obj) return NULL;
  obj->uno.acquire = object_acquire;
  obj->uno.release = object_release;
  obj->uno.pDispatcher = object_dispatch;
  atomic_init(&obj->refcount, 1);
  atomic_init(&obj->lang, SGF_LANG_EN);
  obj->kind = kind;
  if (kind == OBJ_ADDIN && (!(obj->session = sgf_session_new()) || !(obj->memo = sgu_memo_new()))) {
    sgf_session_free(obj->session);
    free(obj);
    return NULL;
  }
  pthread_mutex_init(&obj->locale_lock, NULL);
  return obj;
}

static const char *const *object_types(const sg_object *obj) {
  return obj->kind == OBJ_FACTORY ? factory_types : addin_types;
}

/* ------------------------------------------------------- generic members */

static void query_interface(sg_object *obj, typelib_TypeDescriptionReference *type, uno_Any *ret) {
  for (const char *const *t = object_types(obj); *t; t++) {
    if (sgu_equals_ascii(type->pTypeName, *t)) {
      uno_Interface *iface = &obj->uno;
      uno_type_any_construct(ret, &iface, type, NULL); /* acquires through uno.acquire */
      return;
    }
  }
  uno_any_construct(ret, NULL, NULL, NULL);
}

static void get_types(const sg_object *obj, uno_Sequence **ret) {
  static typelib_TypeDescriptionReference *seq_type = NULL;
  typelib_static_sequence_type_init(&seq_type, *typelib_static_type_getByTypeClass(typelib_TypeClass_TYPE));
  typelib_TypeDescriptionReference *refs[8];
  sal_Int32 n = 0;
  for (const char *const *t = object_types(obj); *t && n < 8; t++)
    refs[n++] = sgu_type_ref(typelib_TypeClass_INTERFACE, *t);
  *ret = NULL;
  uno_type_sequence_construct(ret, seq_type, refs, n, NULL);
  for (sal_Int32 i = 0; i < n; i++) typelib_typedescriptionreference_release(refs[i]);
}

static void empty_byte_sequence(uno_Sequence **ret) {
  static typelib_TypeDescriptionReference *seq_type = NULL;
  typelib_static_sequence_type_init(&seq_type, *typelib_static_type_getByTypeClass(typelib_TypeClass_BYTE));
  *ret = NULL;
  uno_type_sequence_construct(ret, seq_type, NULL, 0, NULL);
}

static void service_names(uno_Sequence **ret) {
  static typelib_TypeDescriptionReference *seq_type = NULL;
  typelib_static_sequence_type_init(&seq_type, *typelib_static_type_getByTypeClass(typelib_TypeClass_STRING));
  rtl_uString *names[2] = {sgu_ustring(SGF_SERVICE_NAME), sgu_ustring(ADDIN_SERVICE)};
  *ret = NULL;
  uno_type_sequence_construct(ret, seq_type, names, 2, NULL);
  rtl_uString_release(names[0]);
  rtl_uString_release(names[1]);
}

/* ------------------------------------------------------------- locale */

static void set_locale(sg_object *obj, void *locale) {
  typelib_TypeDescription *td = sgu_locale_type();
  if (!td) return;
  const typelib_CompoundTypeDescription *ctd = (const typelib_CompoundTypeDescription *)td;
  for (sal_Int32 m = 0; m < ctd->nMembers; m++) {
    if (sgu_equals_ascii(ctd->ppMemberNames[m], "Language")) {
      rtl_uString *lang = *(rtl_uString **)(void *)((char *)locale + ctd->pMemberOffsets[m]);
      char tag[4] = {0};
      for (sal_Int32 i = 0; lang && i < lang->length && i < 3; i++)
        tag[i] = lang->buffer[i] < 128 ? (char)lang->buffer[i] : '?';
      atomic_store(&obj->lang, sgf_lang_from_tag(tag));
    }
  }
  void *copy = malloc((size_t)td->nSize);
  if (copy) {
    uno_copyData(copy, locale, td, NULL);
    pthread_mutex_lock(&obj->locale_lock);
    void *old = obj->locale;
    obj->locale = copy;
    pthread_mutex_unlock(&obj->locale_lock);
    if (old) {
      uno_destructData(old, td, NULL);
      free(old);
    }
  }
}

static void get_locale(sg_object *obj, void *ret) {
  typelib_TypeDescription *td = sgu_locale_type();
  if (!td) return;
  pthread_mutex_lock(&obj->locale_lock);
  if (obj->locale)
    uno_copyData(ret, obj->locale, td, NULL);
  else
    uno_constructData(ret, td);
  pthread_mutex_unlock(&obj->locale_lock);
}

/* ----------------------------------------------------------- functions */

static void remember_error(const char *message) {
  pthread_mutex_lock(&g_last_error_lock);
  snprintf(g_last_error, sizeof g_last_error, "%s", message);
  pthread_mutex_unlock(&g_last_error_lock);
}

/* One argument into a grid, by its IDL type: `any` (optional arguments),
 * sequence<sequence<any>> (required ones) or an XCellRange (SGF_ARG_CELL:
 * kept for the workbook host, the grid stays empty). Returns 0 or -1. */
static int argument_to_grid(typelib_TypeDescriptionReference *type, void *arg, size_t argi,
                            sgu_workbook *wb, sgf_grid *grid) {
  switch (type->eTypeClass) {
  case typelib_TypeClass_ANY: return sgu_any_to_grid((const uno_Any *)arg, grid);
  case typelib_TypeClass_SEQUENCE: return sgu_sequence_to_grid(*(uno_Sequence **)arg, type, 0, grid);
  case typelib_TypeClass_INTERFACE:
    if (argi < SGU_MAX_CELL_ARGS) wb->cells[argi] = *(uno_Interface **)arg;
    sgf_grid_init(grid, 0, 0);
    return 0;
  default: sgf_grid_init(grid, 0, 0); return 0;
  }
}

/* Run one catalogue function. Returns 0, or -1 with *exc constructed. */
static int call_function(sg_object *obj, const sgf_function *fn,
                         const typelib_TypeDescription *member, void *ret, void *args[],
                         uno_Any *exc) {
  const typelib_InterfaceMethodTypeDescription *method =
      (const typelib_InterfaceMethodTypeDescription *)member;
  char last_error[SGF_MESSAGE_SIZE];
  last_error[0] = '\0';
  /* Only impure functions (SG_LASTERROR) may read the session's last
   * message: a pure one, whose result is reused for equal arguments, must
   * not see it, and is spared copying it (a lock and 512 bytes a call). */
  if (!sgf_function_is_pure(fn)) {
    pthread_mutex_lock(&g_last_error_lock);
    memcpy(last_error, g_last_error, sizeof last_error);
    pthread_mutex_unlock(&g_last_error_lock);
  }

  sgf_call call = {.lang = (sgf_lang)atomic_load(&obj->lang),
                   .last_error = last_error,
                   .session = obj->session};
  sgu_workbook wb;
  sgu_workbook_init(&wb, NULL);
  call.host = &wb.host;
  /* Calc passes the calling document first, hidden from the user. Its
   * NullDate is read on every call: Calc offers no listener for it
   * (ScModelObj's property listeners are dummies) and a check would cost
   * what the read costs, while a stale NullDate would shift every date.
   * Its URL identifies it to the snapshot store (plans belong to
   * documents); a document that cannot say stays unnamed (""), so it is
   * refused, not trusted. Only functions that may touch outside data ask
   * for the URL: a pure function's result is cached without it (cache.c),
   * so it cannot depend on it, and asking costs two bridged calls and an
   * interface proxy a call. They get "" (an unsaved workbook: refused by
   * the store), never NULL (a host without documents, trusted). */
  char document[4096];
  size_t first = 0;
  if (fn->needs_document) {
    wb.document = *(uno_Interface **)args[0];
    sgu_document_null_date_offset(wb.document, &call.null_date_offset);
    document[0] = '\0';
    if (!sgf_function_is_pure(fn)) sgu_document_url(wb.document, document, sizeof document);
    call.document = document;
    first = 1;
  }
  /* Up to 16 arguments (every function so far) without an allocation. */
  sgf_grid stack_grids[16];
  sgf_grid *grids = fn->nargs <= 16 ? stack_grids : calloc(fn->nargs, sizeof *grids);
  sgf_grid result;
  sgf_grid_init(&result, 0, 0);
  int rc = -1;
  size_t converted = 0;
  if (!grids || method->nParams != (sal_Int32)(fn->nargs + first)) {
    if (grids) sgf_fail(&call, "the add-in and its type library differ; reinstall salesgoal.",
                        "加载项与其类型库不一致，请重新安装 salesgoal。");
    else sgf_fail(&call, "out of memory.", "内存不足。");
    goto done;
  }
  /* The fill-down recipe repeats a big call row after row: answered from
   * the memo with the very result sequence of the first row. */
  int memoizable = sgu_memo_eligible(fn, method, first, args);
  if (memoizable && sgu_memo_lookup(obj->memo, fn, call.lang, call.null_date_offset, method,
                                    first, args, (uno_Any *)ret)) {
    rc = 0;
    goto done;
  }
  for (; converted < fn->nargs; converted++) {
    if (argument_to_grid(method->pParams[first + converted].pTypeRef, args[first + converted],
                         converted, &wb, &grids[converted]) != 0) {
      call.fn = fn;
      sgf_fail_arg(&call, converted, "out of memory reading this range.", "读取该区域时内存不足。");
      goto done;
    }
  }
  if (sgf_invoke_cached(fn, &call, grids, fn->nargs, &result) != 0) goto done;
  /* A whole column (A:A) or row: only the used part (see functions/trim.c). */
  sgf_trim_whole_span(grids, fn->nargs, CALC_MAX_ROWS, CALC_MAX_COLS, &result);
  if (sgu_grid_to_result(&result, (uno_Any *)ret) != 0) {
    sgf_fail(&call, "out of memory returning the result.", "返回结果时内存不足。");
    goto done;
  }
  /* Kept only when the result cache says this result may be reused: one
   * verdict for both (the catalogue's purity, and the call did not reach
   * the store). */
  if (memoizable && call.reusable)
    sgu_memo_store(obj->memo, fn, call.lang, call.null_date_offset, method, first, args, (uno_Any *)ret);
  rc = 0;
done:
  if (rc != 0) {
    remember_error(call.message);
    sgu_throw_illegal_argument(exc, call.message);
  }
  for (size_t i = 0; i < converted; i++) sgf_grid_free(&grids[i]);
  if (grids != stack_grids) free(grids);
  sgf_grid_free(&result);
  sgu_workbook_done(&wb);
  return rc;
}

/* ----------------------------------------------------------- dispatch */

/* Does the member's full name "iface::method" equal iface + "::" + method? */
static bool member_is(const typelib_TypeDescription *member, const char *iface, const char *method) {
  const rtl_uString *full = member->pTypeName;
  size_t ni = strlen(iface), nm = strlen(method);
  if ((size_t)full->length != ni + 2 + nm) return false;
  for (size_t i = 0; i < ni; i++)
    if (full->buffer[i] != (sal_Unicode)iface[i]) return false;
  if (full->buffer[ni] != ':' || full->buffer[ni + 1] != ':') return false;
  for (size_t i = 0; i < nm; i++)
    if (full->buffer[ni + 2 + i] != (sal_Unicode)method[i]) return false;
  return true;
}

/* For the interface prefix of a member name ("org.salesgoal.XFunctions"). */
static bool member_of(const typelib_TypeDescription *member, const char *iface) {
  const rtl_uString *full = member->pTypeName;
  size_t ni = strlen(iface);
  if ((size_t)full->length <= ni + 2) return false;
  for (size_t i = 0; i < ni; i++)
    if (full->buffer[i] != (sal_Unicode)iface[i]) return false;
  return full->buffer[ni] == ':' && full->buffer[ni + 1] == ':';
}

/* The catalogue entry of an XFunctions method. The IDL lists the methods in
 * catalogue order after XInterface's three, so the member's position finds
 * it; the name is checked, and searched for should the two ever differ. */
static const sgf_function *function_of(const typelib_TypeDescription *member) {
  const typelib_InterfaceMemberTypeDescription *m =
      (const typelib_InterfaceMemberTypeDescription *)member;
  sal_Int32 k = m->nPosition - 3;
  const sgf_function *fn = k >= 0 ? sgf_catalogue_at((size_t)k) : NULL;
  if (fn && sgu_equals_ascii(m->pMemberName, fn->name)) return fn;
  char name[64] = {0};
  for (sal_Int32 i = 0; i < m->pMemberName->length && i < 63; i++)
    name[i] = m->pMemberName->buffer[i] < 128 ? (char)m->pMemberName->buffer[i] : '?';
  return sgf_find(name);
}

static void SAL_CALL object_dispatch(uno_Interface *self, const typelib_TypeDescription *member,
                                     void *ret, void *args[], uno_Any **exception) {
  sg_object *obj = (sg_object *)self;
  /* *exception is caller-owned memory for an exception we may construct. */
  uno_Any *exc = *exception;
  *exception = NULL;

  /* Spreadsheet calls first: they are nearly all the traffic. */
  if (member_of(member, FUNCTIONS_IFACE)) {
    const sgf_function *fn = function_of(member);
    if (!fn) {
      sgu_throw_illegal_argument(exc, "salesgoal: unknown function (add-in and type library differ).");
      *exception = exc;
    } else if (call_function(obj, fn, member, ret, args, exc) != 0) {
      *exception = exc;
    }
  } else if (member_is(member, "com.sun.star.uno.XInterface", "queryInterface")) {
    query_interface(obj, *(typelib_TypeDescriptionReference **)args[0], ret);
  } else if (member_is(member, "com.sun.star.uno.XInterface", "acquire")) {
    object_acquire(self);
  } else if (member_is(member, "com.sun.star.uno.XInterface", "release")) {
    object_release(self);
  } else if (member_is(member, "com.sun.star.lang.XTypeProvider", "getTypes")) {
    get_types(obj, ret);
  } else if (member_is(member, "com.sun.star.lang.XTypeProvider", "getImplementationId")) {
    empty_byte_sequence(ret);
  } else if (member_is(member, "com.sun.star.lang.XServiceInfo", "getImplementationName")) {
    *(rtl_uString **)ret = sgu_ustring(IMPL_NAME);
  } else if (member_is(member, "com.sun.star.lang.XServiceInfo", "supportsService")) {
    rtl_uString *name = *(rtl_uString **)args[0];
    *(sal_Bool *)ret = sgu_equals_ascii(name, SGF_SERVICE_NAME) || sgu_equals_ascii(name, ADDIN_SERVICE);
  } else if (member_is(member, "com.sun.star.lang.XServiceInfo", "getSupportedServiceNames")) {
    service_names(ret);
  } else if (member_is(member, "com.sun.star.lang.XServiceName", "getServiceName")) {
    *(rtl_uString **)ret = sgu_ustring(SGF_SERVICE_NAME);
  } else if (member_is(member, "com.sun.star.lang.XLocalizable", "setLocale")) {
    set_locale(obj, args[0]);
  } else if (member_is(member, "com.sun.star.lang.XLocalizable", "getLocale")) {
    get_locale(obj, ret);
  } else if (member_is(member, "com.sun.star.lang.XSingleComponentFactory", "createInstanceWithContext") ||
             member_is(member, "com.sun.star.lang.XSingleComponentFactory",
                       "createInstanceWithArgumentsAndContext")) {
    sg_object *addin = object_new(OBJ_ADDIN);
    if (!addin) {
      sgu_throw_illegal_argument(exc, "salesgoal: out of memory creating the add-in.");
      *exception = exc;
      return;
    }
    *(uno_Interface **)ret = &addin->uno;
  } else {
    sgu_throw_illegal_argument(exc, "salesgoal: unsupported call.");
    *exception = exc;
  }
}

/* ------------------------------------------------- component entry points */

SAL_DLLPUBLIC_EXPORT void SAL_CALL component_getImplementationEnvironment(const char **env_type_name,
                                                                        void **env) {
  *env_type_name = "uno";
  (void)env;
}

SAL_DLLPUBLIC_EXPORT void *SAL_CALL component_getFactory(const char *impl_name,
                                                       void *service_manager, void *registry_key) {
  (void)service_manager;
  (void)registry_key;
  if (!impl_name || strcmp(impl_name, IMPL_NAME) != 0) return NULL;
  sg_object *factory = object_new(OBJ_FACTORY);
  return factory ? &factory->uno : NULL;
}
