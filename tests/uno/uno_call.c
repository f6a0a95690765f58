/* uno_call.c — dispatching into the add-in and checking each answer. */
#include "uno_call.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

long sgt_checks, sgt_failures;

typelib_TypeDescription *sgt_member(const char *full) {
  typelib_TypeDescription *td = NULL;
  rtl_uString *name = sgt_ustring(full);
  typelib_typedescription_getByName(&td, name);
  rtl_uString_release(name);
  return td;
}

int sgt_dispatch(uno_Interface *obj, const typelib_TypeDescription *member, void *ret, void **args,
                 uno_Any *exc) {
  uno_Any *e = exc;
  (*obj->pDispatcher)(obj, member, ret, args, &e);
  return e != NULL;
}

int sgt_call(uno_Interface *obj, const char *full, void *ret, void **args, uno_Any *exc) {
  typelib_TypeDescription *td = sgt_member(full);
  if (!td) {
    fprintf(stderr, "no type description for %s\n", full);
    abort();
  }
  int raised = sgt_dispatch(obj, td, ret, args, exc);
  typelib_typedescription_release(td);
  return raised;
}

long sgt_refs(uno_Interface *addin) {
  struct layout { uno_Interface uno; atomic_long refcount; };
  return atomic_load(&((struct layout *)(void *)addin)->refcount);
}

static int has_non_ascii(const char *s) {
  for (; *s; s++)
    if ((unsigned char)*s >= 0x80) return 1;
  return 0;
}

int sgt_function_call(uno_Interface *addin, const typelib_TypeDescription *member, const char *name,
                      void **args, int want_zh, char *msg, size_t size, uno_Any *keep_result) {
  /* An any holding a number or a pointer points into itself (pReserved):
   * it cannot be copied as a struct, so the result goes where it is kept. */
  uno_Any own, exc, *result = keep_result ? keep_result : &own;
  msg[0] = '\0';
  if (sgt_dispatch(addin, member, result, args, &exc)) {
    sgt_exception_message(&exc, msg, size);
    int typed = sgt_equals_ascii(exc.pType->pTypeName, "com.sun.star.lang.IllegalArgumentException");
    uno_any_destruct(&exc, NULL);
    CHECK(typed, "%s raised something other than IllegalArgumentException (Calc would show #VALUE!)", name);
    CHECK(strstr(msg, name) != NULL, "%s: the message does not name the function: \"%s\"", name, msg);
    CHECK(!want_zh || has_non_ascii(msg), "%s: message not in Chinese after setLocale(zh): \"%s\"", name, msg);
    return typed ? 1 : -1;
  }
  char why[160];
  int ok = sgt_result_is_well_formed(result, why, sizeof why) == 0;
  CHECK(ok, "%s: malformed result: %s", name, why);
  if (!keep_result) uno_any_destruct(result, NULL);
  return ok ? 0 : -1;
}
