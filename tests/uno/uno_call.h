/* uno_call.h — calling the add-in through its dispatcher as Calc's bridge
 * does, and the checks every call must pass (tests/uno). */
#ifndef SG_TEST_UNO_CALL_H
#define SG_TEST_UNO_CALL_H

#include "uno_fake.h"

#include <stdio.h>

extern long sgt_checks, sgt_failures;
#define CHECK(cond, ...)                                                  \
  do {                                                                    \
    sgt_checks++;                                                         \
    if (!(cond)) {                                                        \
      sgt_failures++;                                                     \
      fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                \
      fprintf(stderr, __VA_ARGS__);                                       \
      fputc('\n', stderr);                                                \
    }                                                                     \
  } while (0)

/* The member description "iface::method" (acquired; NULL if unknown). */
typelib_TypeDescription *sgt_member(const char *full);

/* Dispatch member on obj. Returns 0 with ret filled, or 1 when it raised
 * (*exc constructed). */
int sgt_dispatch(uno_Interface *obj, const typelib_TypeDescription *member, void *ret, void **args,
                 uno_Any *exc);

/* The same by name; the member must exist. */
int sgt_call(uno_Interface *obj, const char *full, void *ret, void **args, uno_Any *exc);

/* The add-in object's reference count. addin.c's sg_object starts with its
 * uno_Interface and then an atomic_long count; sgt_refs_valid() is checked
 * first, so a change of that layout fails the test instead of misreading. */
long sgt_refs(uno_Interface *addin);

/* One call of an XFunctions member with arguments args (one pointer per IDL
 * parameter): the result is well-formed, or an IllegalArgumentException
 * (Calc's Err:502) whose message names the function (and, when want_zh, is
 * Chinese). The result (or exception) is destroyed; with out_number/out_text
 * the single result is returned instead. Returns 0 for a result, 1 for an
 * error (message in msg), -1 for a malformed answer. */
int sgt_function_call(uno_Interface *addin, const typelib_TypeDescription *member, const char *name,
                      void **args, int want_zh, char *msg, size_t size, uno_Any *keep_result);

#endif
