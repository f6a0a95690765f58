# salesgoal — build, test and package the Calc add-in.
#   make demo    install missing packages, build, recalculate the sample workbook
#   make check   install missing packages, run every test (unit, ASan+UBSan, valgrind, fuzz,
#                real Calc, and real Calc under valgrind)
#   make cli     the salesgoal command (build/salesgoal); make install-cli puts it under PREFIX
#   make oxt | install | install-cli | cli-test | bench | clean

CC      ?= gcc
CFLAGS_COMMON = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -g
CFLAGS  ?= -O2
LO_SDK  ?= /usr/lib/libreoffice/sdk
LO_PROG ?= /usr/lib/libreoffice/program
UNO_CFLAGS = -I/usr/include/libreoffice -DUNX -DGCC -DLINUX
UNO_LIBS   = -L$(LO_SDK)/lib -Wl,-rpath-link,$(LO_PROG) -luno_cppu -luno_sal

B = build
PQ_CFLAGS := $(shell pkg-config --cflags libpq 2>/dev/null || echo -I/usr/include/postgresql)
LIBS = -lpcre2-8 -lsqlite3 -lpq -lm
ENGINE_SRC    = $(sort $(wildcard engine/*.c))
FUNCTIONS_SRC = $(sort $(filter-out functions/gen.c,$(wildcard functions/*.c)))
ADDIN_SRC     = $(sort $(wildcard addin/*.c))
CORE_SRC      = $(ENGINE_SRC) $(FUNCTIONS_SRC)
FAMILY_SRC    = $(sort $(wildcard functions/fn_*.c))
# Every family's SGF_FAMILY line, collected for functions/catalogue.c.
GEN_H         = $(B)/gen/families.h
CLI_SRC       = $(sort $(wildcard cli/*.c))
HEADERS       = $(wildcard engine/*.h functions/*.h addin/*.h cli/*.h) $(GEN_H)
INC           = -Iengine -Ifunctions -I$(B)/gen $(PQ_CFLAGS)

UNIT_TESTS = $(patsubst tests/unit/%.c,%,$(sort $(wildcard tests/unit/test_*.c)))
BENCHES    = $(patsubst tests/bench/%.c,%,$(sort $(wildcard tests/bench/bench_*.c)))
TEST_SUPPORT = $(filter-out $(wildcard tests/unit/test_*.c),$(wildcard tests/unit/*.c))

.PHONY: all deps demo check no-cxx test-scripts unit asan valgrind fuzz fuzz-check hardening integration valgrind-calc oxt install bench clean
.PHONY: cli install-cli cli-test
all: oxt cli

deps:
	@scripts/install-deps.sh

# ---------------------------------------------------------------- objects
$(B)/obj/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) $(CFLAGS) -fPIC $(INC) -c $< -o $@

# The add-in runs inside soffice: stack canaries, checked libc calls,
# read-only relocations resolved at load.
HARDEN_CFLAGS  = -fstack-protector-strong -D_FORTIFY_SOURCE=2
HARDEN_LDFLAGS = -Wl,-z,relro,-z,now
$(B)/pic-uno/%.o: %.c $(HEADERS) Makefile
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) $(CFLAGS) $(HARDEN_CFLAGS) -fPIC -fvisibility=hidden $(INC) $(UNO_CFLAGS) -c $< -o $@

CORE_OBJ = $(patsubst %.c,$(B)/obj/%.o,$(CORE_SRC))
SAN = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
ASAN_CORE_OBJ = $(patsubst %.c,$(B)/asan-obj/%.o,$(CORE_SRC))

# ---------------------------------------------- generated from the catalogue
$(GEN_H): $(FAMILY_SRC)
	@mkdir -p $(dir $@)
	sed -n 's/^SGF_FAMILY(\([a-z0-9_]*\),.*/SGF_FAMILY_ENTRY(\1)/p' $(FAMILY_SRC) > $@.tmp
	@if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi

$(B)/sg-gen: functions/gen.c $(CORE_OBJ)
	$(CC) $(CFLAGS_COMMON) $(CFLAGS) $(INC) $^ -o $@ $(LIBS)

$(B)/gen/XFunctions.idl: $(B)/sg-gen
	@mkdir -p $(dir $@)
	$(B)/sg-gen idl > $@.tmp && mv $@.tmp $@
$(B)/gen/CalcAddIns.xcu: $(B)/sg-gen
	@mkdir -p $(dir $@)
	$(B)/sg-gen xcu > $@.tmp && mv $@.tmp $@
# The Extension Manager's description names every function of the catalogue.
$(B)/gen/description-%.txt: $(B)/sg-gen
	@mkdir -p $(dir $@)
	$(B)/sg-gen description-$* > $@.tmp && mv $@.tmp $@
$(B)/gen/salesgoal.rdb: $(B)/gen/XFunctions.idl
	$(LO_SDK)/bin/unoidl-write $(LO_PROG)/types.rdb $(LO_PROG)/types/offapi.rdb $< $@

# ---------------------------------------------------------------- add-in
ADDIN_OBJ = $(patsubst %.c,$(B)/pic-uno/%.o,$(ADDIN_SRC) $(CORE_SRC))
$(B)/libsalesgoal.so: $(ADDIN_OBJ)
	$(CC) -shared -Wl,--no-undefined -Wl,-z,defs $(HARDEN_LDFLAGS) $^ -o $@ $(UNO_LIBS) $(LIBS)

OXT_STAGE = $(B)/oxt
$(B)/salesgoal.oxt: $(B)/libsalesgoal.so $(B)/gen/salesgoal.rdb $(B)/gen/CalcAddIns.xcu \
                    $(B)/gen/description-en.txt $(B)/gen/description-zh.txt \
                    $(wildcard addin/oxt/* addin/oxt/*/*) LICENSE
	rm -rf $(OXT_STAGE) && mkdir -p $(OXT_STAGE)/description
	cp -r addin/oxt/. $(OXT_STAGE)/
	cp $(B)/gen/description-en.txt $(B)/gen/description-zh.txt $(OXT_STAGE)/description/
	cp $(B)/libsalesgoal.so $(B)/gen/salesgoal.rdb $(B)/gen/CalcAddIns.xcu LICENSE $(OXT_STAGE)/
	rm -f $@ && cd $(OXT_STAGE) && zip -q -X -r ../salesgoal.oxt .

oxt: deps $(B)/salesgoal.oxt

# Into your own LibreOffice (not as root: unopkg refuses, and extensions are per
# user). Calc reads its add-ins when it starts: restart it if it was open.
install:
	@if [ "$$(id -u)" -eq 0 ]; then \
	  echo "make install: refusing to run as root, because LibreOffice extensions are installed per user (unopkg refuses root): run 'make install' as the user who uses Calc, without sudo."; \
	  exit 1; fi
	$(MAKE) oxt
	$(LO_PROG)/unopkg add --force --suppress-license $(B)/salesgoal.oxt
	@echo "salesgoal installed for $$(id -un). If LibreOffice is open, close every LibreOffice window (and the Quickstarter) and start Calc again: Calc reads add-ins only when it starts."

# ---------------------------------------------------------------- command line
# build/salesgoal: the catalogue's functions on CSV, the snapshot history,
# workbook recalculation (cli/). Built only on functions/sgf.h and the engine.
CLI_OBJ = $(patsubst %.c,$(B)/obj/%.o,$(CLI_SRC))
$(B)/salesgoal: $(CLI_OBJ) $(CORE_OBJ)
	$(CC) $^ -o $@ $(LIBS) -lpthread

$(B)/asan/salesgoal: $(CLI_SRC) $(ASAN_CORE_OBJ) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -O1 $(SAN) $(INC) $(filter %.c %.o,$^) -o $@ $(LIBS) -lpthread

cli: $(B)/salesgoal

# The command, its recalc helper and the extension it loads, under PREFIX.
# A separate target from `install` (the extension into your own LibreOffice,
# refused as root): this one is meant to run as root for /usr/local.
PREFIX  ?= /usr/local
BINDIR   = $(DESTDIR)$(PREFIX)/bin
LIBEXEC  = $(DESTDIR)$(PREFIX)/libexec/salesgoal
SHAREDIR = $(DESTDIR)$(PREFIX)/share/salesgoal
install-cli: $(B)/salesgoal $(B)/salesgoal.oxt
	install -d $(BINDIR) $(LIBEXEC) $(SHAREDIR)
	install -m 755 $(B)/salesgoal $(BINDIR)/salesgoal
	install -m 755 cli/salesgoal-recalc.sh $(LIBEXEC)/salesgoal-recalc
	install -m 644 cli/recalc.py cli/sg_uno.py scripts/lo-profile.sh $(LIBEXEC)/
	install -m 644 $(B)/salesgoal.oxt $(SHAREDIR)/salesgoal.oxt
	@echo "installed $(BINDIR)/salesgoal (try: salesgoal --help)"

# The command on CSV files, bad CSV, the history on a temporary store, and
# recalc of a sample to xlsx (real LibreOffice); then the CSV and history
# part again under ASan+UBSan.
cli-test: oxt $(B)/salesgoal $(B)/asan/salesgoal
	tests/cli/run.sh
	ASAN_OPTIONS=detect_leaks=1 SG_CLI_SKIP_RECALC=1 SALESGOAL_BIN=$(B)/asan/salesgoal tests/cli/run.sh

# ---------------------------------------------------------------- tests
$(B)/tests/%: tests/unit/%.c $(TEST_SUPPORT) $(CORE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) $(CFLAGS) $(INC) -Itests/unit $^ -o $@ -lcmocka $(LIBS)

# The engine and functions compiled once with the sanitizers, linked into every
# ASan test, fuzz target and the ASan command.
$(B)/asan-obj/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -O1 $(SAN) $(INC) -c $< -o $@
$(B)/asan/%: tests/unit/%.c $(TEST_SUPPORT) $(ASAN_CORE_OBJ) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -O1 $(SAN) $(INC) -Itests/unit $(filter %.c %.o,$^) -o $@ -lcmocka $(LIBS)

# The unit tests run beside a throw-away PostgreSQL server (scripts/pg-cluster.sh),
# so the store tests cover both backends; without it they would be skipped.
PG_RUN = SG_REQUIRE_PG=1 scripts/pg-cluster.sh

unit: deps $(addprefix $(B)/tests/,$(UNIT_TESTS))
	@$(PG_RUN) sh -ec 'for t in $(UNIT_TESTS); do echo "== $$t"; $(B)/tests/$$t; done'

asan: deps $(addprefix $(B)/asan/,$(UNIT_TESTS))
	@$(PG_RUN) sh -ec 'for t in $(UNIT_TESTS); do echo "== asan $$t"; \
	  SG_SLOW_CHECKER=1 ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 $(B)/asan/$$t; done'

valgrind: deps $(addprefix $(B)/tests/,$(UNIT_TESTS))
	@$(PG_RUN) sh -ec 'for t in $(UNIT_TESTS); do echo "== valgrind $$t"; \
	  SG_SLOW_CHECKER=1 SALESGOAL_MATCH_SECONDS=60 SG_TEST_PG_SNAPSHOTS=100 valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
	    $(B)/tests/$$t > /dev/null; done; echo "valgrind: clean"'

# Fuzz targets: a deterministic random campaign under ASan+UBSan here; the same
# files build as libFuzzer targets with clang -fsanitize=fuzzer (see tests/fuzz).
FUZZERS = $(patsubst tests/fuzz/%.c,%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
$(B)/fuzz/%: tests/fuzz/%.c $(ASAN_CORE_OBJ) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -O1 $(SAN) -DSG_FUZZ_STANDALONE $(INC) $(filter %.c %.o,$^) -o $@ $(LIBS)

# The command's CSV reader is outside the core: built in as well.
$(B)/fuzz/fuzz_csv: tests/fuzz/fuzz_csv.c cli/csv.c $(ASAN_CORE_OBJ) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -O1 $(SAN) -DSG_FUZZ_STANDALONE $(INC) -Icli $(filter %.c %.o,$^) -o $@ $(LIBS)

# The catalogue fuzzer's argument generators are a file of their own.
$(B)/fuzz/fuzz_functions: tests/fuzz/fuzz_functions.c tests/fuzz/arg_inputs.c tests/fuzz/arg_inputs.h $(ASAN_CORE_OBJ) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -O1 $(SAN) -DSG_FUZZ_STANDALONE $(INC) -Itests/fuzz $(filter %.c %.o,$^) -o $@ $(LIBS)

# make check: the corpus (tests/fuzz/corpus) and 1,000,000 random inputs.
# make fuzz: the corpus, then random inputs without end (Ctrl-C to stop;
# SG_FUZZ_SEED=0 for a new sequence each run); a crash leaves crash-input.bin.
FUZZ_ENV = ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1
fuzz-check: deps $(addprefix $(B)/fuzz/,$(FUZZERS))
	@set -e; for f in $(FUZZERS); do $(FUZZ_ENV) $(B)/fuzz/$$f 1000000 tests/fuzz/corpus; done

fuzz: deps $(addprefix $(B)/fuzz/,$(FUZZERS))
	@set -e; for f in $(FUZZERS); do $(FUZZ_ENV) $(B)/fuzz/$$f 0 tests/fuzz/corpus; done

# The add-in really carries the hardening flags (readelf on the library).
hardening: $(B)/libsalesgoal.so
	tests/hardening.sh $(B)/libsalesgoal.so

integration: oxt
	tests/integration/run.sh

# The add-in inside a real soffice under valgrind: no record through its code
# (libsalesgoal.so or its engine/, functions/, addin/ sources).
valgrind-calc: oxt
	tests/integration/valgrind_calc.sh

# The product is C only: no C++ sources anywhere in the tree.
# Without git (or outside a work tree), every file but build/.
no-cxx:
	@files=$$(git ls-files 2>/dev/null) || \
	  files=$$(find . -path ./build -prune -o -type f -print); \
	found=$$(printf '%s\n' "$$files" | grep -E '\.(cxx|cpp|cc|hxx|hpp|hh)$$' || true); \
	if [ -n "$$found" ]; then echo "C++ sources found: $$found"; exit 1; fi; echo "no C++ sources"

# The shell scripts' own tests (install-deps.sh never removes a LibreOffice).
test-scripts:
	@set -e; for t in tests/scripts/test_*.sh; do echo "== $$t"; sh $$t; done

check: deps no-cxx test-scripts unit asan valgrind fuzz-check hardening integration valgrind-calc cli-test
	@echo "make check: all passed"

# ------------------------------------------------ the UNO boundary (tests/uno)
# libsalesgoal.so loaded as soffice loads it (dlopen, component_getFactory),
# with the type descriptions of the registries soffice reads (printed by the
# SDK's unoidl-read, built on demand by tests/uno/uno_types.c), every
# interface method and every catalogue function called through the
# dispatcher: plain build with 1,000,000 calls and resident memory checked,
# an ASan+UBSan build of the library and test, and valgrind.
UNOIDL_READ = $(LO_SDK)/bin/unoidl-read
UNO_TEST_SRC = $(sort $(wildcard tests/uno/*.c))
UNO_TEST_CFLAGS = $(INC) -Iaddin -Itests/uno $(UNO_CFLAGS)
UNO_TEST_LIBS = -ldl $(UNO_LIBS) -Wl,-rpath,$(LO_PROG) $(LIBS)
UNO_CALLS ?= 1000000
$(B)/uno/types.idl: $(B)/gen/salesgoal.rdb
	@mkdir -p $(dir $@)
	{ $(UNOIDL_READ) $(LO_PROG)/types.rdb && \
	  $(UNOIDL_READ) $(LO_PROG)/types.rdb $(LO_PROG)/types/offapi.rdb && \
	  $(UNOIDL_READ) $(LO_PROG)/types.rdb $(LO_PROG)/types/offapi.rdb $<; } > $@.tmp && mv $@.tmp $@
$(B)/uno/test_uno_boundary: $(UNO_TEST_SRC) $(wildcard tests/uno/*.h) $(CORE_OBJ) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) $(CFLAGS) $(UNO_TEST_CFLAGS) $(UNO_TEST_SRC) $(CORE_OBJ) -o $@ $(UNO_TEST_LIBS)
$(B)/asan-uno/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -O1 $(SAN) -fPIC -fvisibility=hidden $(INC) $(UNO_CFLAGS) -c $< -o $@
$(B)/asan-uno/libsalesgoal.so: $(patsubst %.c,$(B)/asan-uno/%.o,$(ADDIN_SRC) $(CORE_SRC))
	$(CC) -shared $(SAN) $^ -o $@ $(UNO_LIBS) $(LIBS)
$(B)/asan-uno/test_uno_boundary: $(UNO_TEST_SRC) $(wildcard tests/uno/*.h) $(ASAN_CORE_OBJ) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) -O1 $(SAN) $(UNO_TEST_CFLAGS) $(UNO_TEST_SRC) $(ASAN_CORE_OBJ) -o $@ $(UNO_TEST_LIBS)
.PHONY: uno
uno: deps $(B)/libsalesgoal.so $(B)/uno/types.idl $(B)/uno/test_uno_boundary \
     $(B)/asan-uno/libsalesgoal.so $(B)/asan-uno/test_uno_boundary
	$(B)/uno/test_uno_boundary $(B)/libsalesgoal.so $(B)/uno/types.idl $(UNO_CALLS) --rss
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  $(B)/asan-uno/test_uno_boundary $(B)/asan-uno/libsalesgoal.so $(B)/uno/types.idl 20000
	valgrind -q --error-exitcode=99 --leak-check=full \
	  --errors-for-leak-kinds=definite,indirect \
	  $(B)/uno/test_uno_boundary $(B)/libsalesgoal.so $(B)/uno/types.idl 2000 --quick
check: uno

# ---------------------------------------------------------------- demo, bench
demo: oxt cli
	scripts/demo.sh

$(B)/bench/%: tests/bench/%.c $(CORE_SRC) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -Wall -Wextra -Werror -O2 -DNDEBUG $(INC) $(filter %.c,$^) -o $@ $(LIBS)

# Not part of check: the C benches, then salesgoal in Calc against native
# formulas (tests/bench/calc.sh, into $(B)/bench/report.md) and the fill-down
# recipe against the array formula (tests/bench/calc_filldown.sh).
bench: deps oxt $(addprefix $(B)/bench/,$(BENCHES))
	@mkdir -p $(B)/bench
	@set -e; for b in $(BENCHES); do $(B)/bench/$$b; done > $(B)/bench/c-benches.txt; cat $(B)/bench/c-benches.txt
	$(MAKE) --no-print-directory $(B)/bench/engine_scaling && $(B)/bench/engine_scaling $(B)/bench/engine.md
	tests/bench/calc.sh
	tests/bench/calc_filldown.sh
# The Python-UNO comparison add-in (tests/bench/pybench), installed by
# tests/bench/calc.sh in the bench's own profile only.
PYBENCH_STAGE = $(B)/bench/pybench
$(B)/bench/pybench.oxt: $(wildcard tests/bench/pybench/* tests/bench/pybench/*/*)
	rm -rf $(PYBENCH_STAGE) && mkdir -p $(PYBENCH_STAGE)
	cp -r tests/bench/pybench/. $(PYBENCH_STAGE)/
	$(LO_SDK)/bin/unoidl-write $(LO_PROG)/types.rdb $(LO_PROG)/types/offapi.rdb \
	  $(PYBENCH_STAGE)/XPyBench.idl $(PYBENCH_STAGE)/pybench.rdb
	rm -f $@ && cd $(PYBENCH_STAGE) && zip -q -X -r ../pybench.oxt .
bench: $(B)/bench/pybench.oxt

clean:
	rm -rf $(B)
