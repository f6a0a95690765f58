/* test_uno_boundary.c — the add-in's UNO boundary without soffice.
 *
 * Loads libsalesgoal.so as soffice does (dlopen, component_getFactory),
 * gives it the type library soffice would (tests/uno/uno_types.c), and calls
 * every interface method through the object's dispatcher with values made
 * by the UNO C runtime: the factory, XInterface, XTypeProvider,
 * XServiceInfo, XServiceName, XLocalizable, and every function of the
 * catalogue with hostile arguments (tests/uno/sweep.c). Each call must
 * answer with a well-formed result or the IllegalArgumentException Calc
 * shows as Err:502 with a readable message; every string, sequence and
 * interface passed in keeps its reference count; the add-in object is
 * freed when its last reference goes (ASan / valgrind see any leak); and
 * resident memory stays flat over many calls.
 *
 * usage: test_uno_boundary LIB TYPES.idl CALLS [--rss] [--quick]
 *   CALLS    calls in the endurance loop; --rss checks resident memory over it
 *            (not under ASan, whose quarantine grows by design)
 *   --quick  the hostile shapes one argument at a time in English only (under
 *            valgrind: every shape still reaches every function in both
 *            languages through all its arguments at once). */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, setenv, clock_gettime */
#include "sweep.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define IMPL_NAME "org.salesgoal.FunctionsImpl"

static const char *const addin_interfaces[] = {
    "com.sun.star.uno.XInterface",    "com.sun.star.lang.XTypeProvider", "com.sun.star.lang.XServiceInfo",
    "com.sun.star.lang.XServiceName", "com.sun.star.lang.XLocalizable",  "org.salesgoal.XFunctions"};
#define N_ADDIN_INTERFACES (sizeof addin_interfaces / sizeof addin_interfaces[0])

/* queryInterface(name) on obj: the interface it answers with (the any is
 * destroyed again, so the count it took is given back), or NULL for void. */
static uno_Interface *query(uno_Interface *obj, const char *name, long *refs_while_held) {
  typelib_TypeDescriptionReference *type = NULL;
  typelib_typedescriptionreference_newByAsciiName(&type, typelib_TypeClass_INTERFACE, name);
  void *args[1] = {&type};
  uno_Any ret, exc;
  uno_Interface *found = NULL;
  if (sgt_call(obj, "com.sun.star.uno.XInterface::queryInterface", &ret, args, &exc)) {
    uno_any_destruct(&exc, NULL);
    CHECK(0, "queryInterface(%s) raised", name);
  } else {
    if (ret.pType->eTypeClass == typelib_TypeClass_INTERFACE) {
      found = *(uno_Interface **)ret.pData;
      CHECK(sgt_equals_ascii(ret.pType->pTypeName, name), "queryInterface(%s) answered another type", name);
    } else {
      CHECK(ret.pType->eTypeClass == typelib_TypeClass_VOID, "queryInterface(%s): neither void nor an interface", name);
    }
    if (refs_while_held) *refs_while_held = found ? sgt_refs(found) : 0;
    uno_any_destruct(&ret, NULL);
  }
  typelib_typedescriptionreference_release(type);
  return found;
}

static char *utf8_of(rtl_uString *s, char *buf, size_t size) {
  rtl_String *u = NULL;
  rtl_uString2String(&u, s->buffer, s->length, RTL_TEXTENCODING_UTF8, OUSTRING_TO_OSTRING_CVTFLAGS);
  snprintf(buf, size, "%s", u ? u->buffer : "");
  if (u) rtl_string_release(u);
  return buf;
}

/* --------------------------------------------------------- entry points */

typedef void *(*get_factory_fn)(const char *, void *, void *);
typedef void (*get_env_fn)(const char **, void **);

static uno_Interface *load_factory(const char *lib_path) {
  void *lib = dlopen(lib_path, RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    fprintf(stderr, "cannot load %s: %s\n", lib_path, dlerror());
    exit(2);
  }
  get_env_fn get_env = (get_env_fn)dlsym(lib, "component_getImplementationEnvironment");
  get_factory_fn get_factory = (get_factory_fn)dlsym(lib, "component_getFactory");
  CHECK(get_env && get_factory, "the two component entry points are exported");
  if (!get_env || !get_factory) exit(1);
  const char *env = NULL;
  void *env_ptr = NULL;
  get_env(&env, &env_ptr);
  CHECK(env && strcmp(env, "uno") == 0, "environment is \"uno\" (binary UNO), got %s", env ? env : "NULL");
  /* The engine stays private to the library: soffice's own symbols are
   * never shadowed, and nothing but the two entry points is exported. */
  CHECK(dlsym(lib, "sgf_catalogue_size") == NULL && dlsym(lib, "sg_split") == NULL &&
            dlsym(lib, "object_dispatch") == NULL,
        "internal symbols are hidden");
  CHECK(get_factory("org.salesgoal.Other", NULL, NULL) == NULL, "no factory for another implementation");
  CHECK(get_factory(NULL, NULL, NULL) == NULL, "no factory for a NULL name");
  uno_Interface *factory = get_factory(IMPL_NAME, NULL, NULL);
  CHECK(factory != NULL, "component_getFactory(%s)", IMPL_NAME);
  if (!factory) exit(1);
  return factory; /* the library stays loaded, as in soffice */
}

static uno_Interface *create_addin(uno_Interface *factory) {
  long held = 0;
  CHECK(sgt_refs(factory) == 1, "a new factory holds one reference (layout check), has %ld", sgt_refs(factory));
  CHECK(query(factory, "com.sun.star.lang.XSingleComponentFactory", &held) == factory && held == 2,
        "the factory is an XSingleComponentFactory (+1 reference while held)");
  CHECK(sgt_refs(factory) == 1, "the factory's count is back to 1, is %ld", sgt_refs(factory));
  CHECK(query(factory, "org.salesgoal.XFunctions", NULL) == NULL, "the factory offers no functions");
  rtl_uString *impl = NULL;
  uno_Any exc;
  CHECK(!sgt_call(factory, "com.sun.star.lang.XServiceInfo::getImplementationName", &impl, NULL, &exc) &&
            sgt_equals_ascii(impl, IMPL_NAME),
        "factory getImplementationName");
  if (impl) rtl_uString_release(impl);

  uno_Interface *context = NULL, *addin = NULL, *second = NULL;
  void *args1[1] = {&context};
  CHECK(!sgt_call(factory, "com.sun.star.lang.XSingleComponentFactory::createInstanceWithContext", &addin,
                  args1, &exc) && addin,
        "createInstanceWithContext");
  uno_Sequence *no_args = NULL;
  typelib_TypeDescriptionReference *any_seq = NULL;
  typelib_static_sequence_type_init(&any_seq, *typelib_static_type_getByTypeClass(typelib_TypeClass_ANY));
  uno_type_sequence_construct(&no_args, any_seq, NULL, 0, NULL);
  sal_Int32 no_args_refs = no_args->nRefCount; /* the runtime's shared empty sequence */
  void *args2[2] = {&no_args, &context};
  CHECK(!sgt_call(factory, "com.sun.star.lang.XSingleComponentFactory::createInstanceWithArgumentsAndContext",
                  &second, args2, &exc) && second && second != addin,
        "createInstanceWithArgumentsAndContext makes a second object");
  CHECK(no_args->nRefCount == no_args_refs, "the arguments sequence keeps its count");
  uno_type_destructData(&no_args, any_seq, NULL);
  if (second) (*second->release)(second); /* freed here: ASan / valgrind would see it otherwise */
  if (!addin) exit(1);
  return addin;
}

/* ------------------------------------------------- generic interfaces */

static void check_interfaces(uno_Interface *addin) {
  CHECK(sgt_refs(addin) == 1, "a new add-in object holds one reference (layout check)");
  for (size_t i = 0; i < N_ADDIN_INTERFACES; i++) {
    long held = 0;
    uno_Interface *got = query(addin, addin_interfaces[i], &held);
    CHECK(got == addin && held == 2, "queryInterface(%s): the object itself, +1 while held", addin_interfaces[i]);
    CHECK(sgt_refs(addin) == 1, "after queryInterface(%s) the count is back to 1", addin_interfaces[i]);
  }
  /* Functions are described by CalcAddIns.xcu, so XAddIn is not offered
   * (Calc then reads the .xcu); nor is anything else. */
  const char *absent[] = {"com.sun.star.sheet.XAddIn", "com.sun.star.beans.XPropertySet",
                          "com.sun.star.lang.XComponent", "com.sun.star.lang.XSingleComponentFactory"};
  for (size_t i = 0; i < sizeof absent / sizeof absent[0]; i++)
    CHECK(query(addin, absent[i], NULL) == NULL, "queryInterface(%s) is void", absent[i]);

  uno_Any exc;
  CHECK(!sgt_call(addin, "com.sun.star.uno.XInterface::acquire", NULL, NULL, &exc) && sgt_refs(addin) == 2,
        "acquire through the dispatcher");
  CHECK(!sgt_call(addin, "com.sun.star.uno.XInterface::release", NULL, NULL, &exc) && sgt_refs(addin) == 1,
        "release through the dispatcher");

  /* XTypeProvider: exactly the interfaces queryInterface grants. */
  uno_Sequence *types = NULL;
  CHECK(!sgt_call(addin, "com.sun.star.lang.XTypeProvider::getTypes", &types, NULL, &exc), "getTypes");
  CHECK(types && types->nElements == (sal_Int32)N_ADDIN_INTERFACES, "getTypes lists %zu types", N_ADDIN_INTERFACES);
  for (sal_Int32 i = 0; types && i < types->nElements && i < (sal_Int32)N_ADDIN_INTERFACES; i++) {
    typelib_TypeDescriptionReference *t = ((typelib_TypeDescriptionReference **)(void *)types->elements)[i];
    CHECK(t->eTypeClass == typelib_TypeClass_INTERFACE && sgt_equals_ascii(t->pTypeName, addin_interfaces[i]),
          "getTypes[%d] is %s", (int)i, addin_interfaces[i]);
  }
  typelib_TypeDescriptionReference *type_seq = NULL, *byte_seq = NULL, *string_seq = NULL;
  typelib_static_sequence_type_init(&type_seq, *typelib_static_type_getByTypeClass(typelib_TypeClass_TYPE));
  typelib_static_sequence_type_init(&byte_seq, *typelib_static_type_getByTypeClass(typelib_TypeClass_BYTE));
  typelib_static_sequence_type_init(&string_seq, *typelib_static_type_getByTypeClass(typelib_TypeClass_STRING));
  if (types) uno_type_destructData(&types, type_seq, NULL);
  uno_Sequence *id = NULL;
  CHECK(!sgt_call(addin, "com.sun.star.lang.XTypeProvider::getImplementationId", &id, NULL, &exc) && id &&
            id->nElements == 0,
        "getImplementationId is the empty sequence (deprecated: no id)");
  if (id) uno_type_destructData(&id, byte_seq, NULL);

  /* XServiceInfo, XServiceName. */
  rtl_uString *s = NULL;
  CHECK(!sgt_call(addin, "com.sun.star.lang.XServiceInfo::getImplementationName", &s, NULL, &exc) &&
            sgt_equals_ascii(s, IMPL_NAME),
        "getImplementationName");
  rtl_uString_release(s);
  s = NULL;
  CHECK(!sgt_call(addin, "com.sun.star.lang.XServiceName::getServiceName", &s, NULL, &exc) &&
            sgt_equals_ascii(s, "org.salesgoal.Functions"),
        "getServiceName (stored in every saved formula)");
  rtl_uString_release(s);
  const struct { const char *name; sal_Bool expected; } services[] = {
      {"com.sun.star.sheet.AddIn", 1}, {"org.salesgoal.Functions", 1}, {"com.sun.star.sheet.addin", 0}, {"", 0}};
  for (size_t i = 0; i < sizeof services / sizeof services[0]; i++) {
    rtl_uString *name = sgt_ustring(services[i].name);
    sal_Bool yes = 2;
    sal_Int32 refs = name->refCount; /* "" is the runtime's static empty string */
    void *args[1] = {&name};
    CHECK(!sgt_call(addin, "com.sun.star.lang.XServiceInfo::supportsService", &yes, args, &exc) &&
              yes == services[i].expected && name->refCount == refs,
          "supportsService(\"%s\") is %d and keeps the argument's count", services[i].name, services[i].expected);
    rtl_uString_release(name);
  }
  uno_Sequence *names = NULL;
  CHECK(!sgt_call(addin, "com.sun.star.lang.XServiceInfo::getSupportedServiceNames", &names, NULL, &exc) &&
            names && names->nElements == 2 &&
            sgt_equals_ascii(((rtl_uString **)(void *)names->elements)[0], "org.salesgoal.Functions") &&
            sgt_equals_ascii(((rtl_uString **)(void *)names->elements)[1], "com.sun.star.sheet.AddIn"),
        "getSupportedServiceNames");
  if (names) uno_type_destructData(&names, string_seq, NULL);

  /* A member of an interface it does not offer: a clean exception. */
  CHECK(sgt_call(addin, "com.sun.star.lang.XComponent::dispose", NULL, NULL, &exc), "an unsupported call raises");
  char msg[256];
  sgt_exception_message(&exc, msg, sizeof msg);
  CHECK(strstr(msg, "unsupported") != NULL, "it says so: \"%s\"", msg);
  uno_any_destruct(&exc, NULL);
  CHECK(sgt_refs(addin) == 1, "the add-in's count is 1 after the interface checks");
}

/* XLocalizable: getLocale echoes setLocale; the Locale's strings are held
 * (+1) while the object keeps the locale and given back when it changes. */
static void set_locale(uno_Interface *addin, const char *language, const char *country) {
  typelib_TypeDescription *td = NULL;
  rtl_uString *tname = sgt_ustring("com.sun.star.lang.Locale");
  typelib_typedescription_getByName(&td, tname);
  rtl_uString_release(tname);
  rtl_uString *locale[3] = {sgt_ustring(language), sgt_ustring(country), sgt_ustring("")};
  void *args[1] = {locale};
  uno_Any exc;
  CHECK(!sgt_call(addin, "com.sun.star.lang.XLocalizable::setLocale", NULL, args, &exc), "setLocale(%s)", language);
  CHECK(locale[0]->refCount == 2, "the add-in keeps a copy of the locale (Language now 2 references)");
  rtl_uString *back[3] = {NULL, NULL, NULL};
  char buf[32];
  CHECK(!sgt_call(addin, "com.sun.star.lang.XLocalizable::getLocale", back, NULL, &exc) &&
            strcmp(utf8_of(back[0], buf, sizeof buf), language) == 0 && sgt_equals_ascii(back[1], country),
        "getLocale gives %s-%s back", language, country);
  CHECK(back[0] == locale[0] && locale[0]->refCount == 3, "getLocale shares the strings (+1)");
  uno_destructData(back, td, NULL);
  uno_destructData(locale, td, NULL); /* the add-in's copy is what remains */
  typelib_typedescription_release(td);
}

static void check_locale(uno_Interface *addin) {
  typelib_TypeDescription *td = NULL;
  rtl_uString *tname = sgt_ustring("com.sun.star.lang.Locale");
  typelib_typedescription_getByName(&td, tname);
  rtl_uString_release(tname);
  CHECK(td && td->nSize == 3 * (sal_Int32)sizeof(void *), "Locale is three strings");
  rtl_uString *before[3] = {NULL, NULL, NULL};
  uno_Any exc;
  CHECK(!sgt_call(addin, "com.sun.star.lang.XLocalizable::getLocale", before, NULL, &exc) && before[0] &&
            before[0]->length == 0,
        "getLocale before setLocale is the empty Locale");
  uno_destructData(before, td, NULL);
  typelib_typedescription_release(td);
  set_locale(addin, "zh", "CN");
  set_locale(addin, "en", "US"); /* frees the zh copy: leak checkers see if not */
}

static void phase(const char *what) {
  static struct timespec start;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  if (what) printf("  %s: %.1f s\n", what, (double)(now.tv_sec - start.tv_sec) + (now.tv_nsec - start.tv_nsec) / 1e9);
  start = now;
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: %s LIB TYPES.idl CALLS [--rss] [--quick]\n", argv[0]);
    return 2;
  }
  long calls = atol(argv[3]);
  int check_rss = 0, quick = 0;
  for (int i = 4; i < argc; i++) {
    check_rss |= strcmp(argv[i], "--rss") == 0;
    quick |= strcmp(argv[i], "--quick") == 0;
  }
  phase(NULL);
  char dir[] = "/tmp/sg-uno-XXXXXX";
  if (!mkdtemp(dir)) return 2;
  char db[sizeof dir + 32];
  snprintf(db, sizeof db, "%s/snapshots.sqlite", dir);
  setenv("SALESGOAL_DB", db, 1);
  unsetenv("SALESGOAL_SHARED_PLANS");
  if (sgt_types_load(argv[2]) != 0) return 2;

  uno_Interface *factory = load_factory(argv[1]);
  uno_Interface *addin = create_addin(factory);
  check_interfaces(addin);
  check_locale(addin);
  sweep_catalogue_matches_types();
  sweep_worked_examples(addin);
  sweep_store(addin, dir);
  phase("interfaces, types, worked examples, store");
  sweep_hostile(addin, quick);
  phase("hostile sweep");
  sweep_endurance(addin, calls, check_rss);
  phase("endurance");
  CHECK(sgt_refs(addin) == 1, "the add-in holds one reference at the end, has %ld", sgt_refs(addin));
  (*addin->release)(addin);   /* frees it and its session (store, caches) */
  (*factory->release)(factory);
  long built = sgt_types_built();
  sgt_types_unload();
  char cmd[sizeof dir + 16];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
  printf("uno boundary: %ld checks, %ld failed (%ld type descriptions built from the registries)\n",
         sgt_checks, sgt_failures, built);
  return sgt_failures ? 1 : 0;
}
