# dtsim: municipal digital-transformation scenario simulator.
# ---------------------------------------------------------------------------
# User settings: override on the command line (make CC=clang CFLAGS=-O0).
CC       = cc
CFLAGS   = -O2 -g
LDFLAGS  =
PREFIX   = /usr/local
DESTDIR  =
PKG_CONFIG = pkg-config
# Link-time optimisation lets the compiler inline the sub-models' small
# functions into the engine's inner loop (about 1.7x faster). The everyday
# build goes without it, for a quick edit-test loop; `make bench` and
# `make install` build with LTO_FLAGS in $(BUILD)-lto. LTO=-flto=auto puts
# it into every build.
LTO       =
LTO_FLAGS = -flto=auto
# ---------------------------------------------------------------------------
# End of user settings.

bindir  = $(PREFIX)/bin
datadir = $(PREFIX)/share/dtsim
man1dir = $(PREFIX)/share/man/man1

# Project flags; the user's CFLAGS come last so they win.
DT_CPPFLAGS = -D_POSIX_C_SOURCE=200809L -Isim -Imodels
DT_WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
              -Wmissing-prototypes -Wwrite-strings -Wpointer-arith \
              -Wformat=2 -Wundef
DT_CFLAGS   = -std=c11 $(DT_WARN)
DEP_PKGS    = gsl inih
DEP_CFLAGS  = $$($(PKG_CONFIG) --cflags $(DEP_PKGS))
DEP_LIBS    = $$($(PKG_CONFIG) --libs $(DEP_PKGS)) -lcsv -lm
TEST_CFLAGS = $$($(PKG_CONFIG) --cflags cmocka)
TEST_LIBS   = $$($(PKG_CONFIG) --libs cmocka)

BUILD    = build
LIB_SRC  = $(filter-out sim/main.c sim/engine_nogsl.c,$(wildcard sim/*.c models/*.c))
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ = $(BUILD)/sim/main.o
LIB      = $(BUILD)/libdtsim.a
BIN      = $(BUILD)/dtsim
TESTS    = $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/test_*.c))
# The programs that draw charts or start many dtsim and gnuplot processes
# take most of the suite's time: `make test` runs them last, `make
# test-fast` leaves them out.
SLOW_TESTS = $(addprefix $(BUILD)/tests/,test_plot test_results test_readme)
FAST_TESTS = $(filter-out $(SLOW_TESTS),$(TESTS))
BENCH    = $(BUILD)/tests/bench

.DELETE_ON_ERROR:
.PHONY: all run test check test-fast bench valgrind valgrind-all sanitize deps install \
        uninstall clean core deps-check domain-check docs

all: $(BIN)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(DT_CPPFLAGS) $(CPPFLAGS) $(DT_CFLAGS) $(LTO) $(DEP_CFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BIN): $(MAIN_OBJ) $(LIB)
	$(CC) $(DT_CFLAGS) $(LTO) $(CFLAGS) $(LDFLAGS) -o $@ $(MAIN_OBJ) $(LIB) $(DEP_LIBS) $(LDLIBS)

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(CC) $(DT_CPPFLAGS) -Itests $(CPPFLAGS) $(DT_CFLAGS) $(LTO) $(DEP_CFLAGS) $(TEST_CFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(LIB)
	$(CC) $(DT_CFLAGS) $(LTO) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(DEP_LIBS) $(TEST_LIBS) $(LDLIBS)

# The model and the engine's default integrator on their own: built and
# linked with the C library alone (no GSL, libcsv, inih or command line), as
# a build for another target needs them; tests/core_only.c says what it runs.
CORE_SRC = $(wildcard models/*.c) sim/engine.c sim/engine_nogsl.c sim/err.c
core: $(BUILD)/core_only
	./$(BUILD)/core_only

$(BUILD)/core_only: tests/core_only.c $(CORE_SRC)
	@mkdir -p $(@D)
	$(CC) $(DT_CPPFLAGS) $(CPPFLAGS) $(DT_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ tests/core_only.c $(CORE_SRC) -lm

# Installs the Debian packages dtsim needs, only when something is missing.
deps:
	@sh .ci/deps

# Runs every bundled scenario into out/.
run: deps
	@$(MAKE) --no-print-directory all
	./$(BIN) run --plot -o out $(filter-out scenarios/baseline.ini,$(wildcard scenarios/*.ini)) scenarios/baseline.ini

# Each test program prints cmocka's summary (on stderr, kept visible);
# the target fails if any program fails. The fast programs run first, then
# the core build and the layering check, then the slow programs.
RUN_TESTS = failed=0; n=0; for t in $(1); do \
	  echo "== $$t"; n=$$((n + 1)); \
	  DTSIM=$(CURDIR)/$(BIN) ./$$t || failed=$$((failed + 1)); \
	done; \
	if [ $$failed -ne 0 ]; then echo "test: $$failed of $$n test programs FAILED"; exit 1; fi; \
	echo "test: all $$n test programs passed"

test check: deps
	@$(MAKE) --no-print-directory $(BIN) $(TESTS)
	@$(call RUN_TESTS,$(FAST_TESTS))
	@$(MAKE) --no-print-directory core deps-check
	@$(call RUN_TESTS,$(SLOW_TESTS))

# The edit loop: the fast programs, the core build and the layering check.
# Installs nothing (make test does, when something is missing).
test-fast:
	@$(MAKE) --no-print-directory $(BIN) $(FAST_TESTS)
	@$(call RUN_TESTS,$(FAST_TESTS))
	@$(MAKE) --no-print-directory core deps-check

# Adding a domain of action is one line in models/domains.def: a copy of
# the tree with one more builds, runs and charts it (tests/domain_add.sh).
domain-check:
	@sh tests/domain_add.sh

# The generated documents, from the program as built: the parameter table,
# the baseline's one-at-a-time sensitivity, the module listing. After a
# change to the model (models/), `make docs` brings them in step; tests fail
# while they are not (test_cli, deps-check).
docs: $(BIN)
	./$(BIN) params --markdown > docs/PARAMETERS.md.tmp
	mv docs/PARAMETERS.md.tmp docs/PARAMETERS.md
	@tmp=$$(mktemp -d "$${TMPDIR:-/tmp}/dtsim-docs-XXXXXX") && \
	  ./$(BIN) sensitivity --method oat -o "$$tmp" scenarios/baseline.ini && \
	  cp "$$tmp/sensitivity.md" docs/SENSITIVITY.md; status=$$?; rm -rf "$$tmp"; exit $$status
	sh tests/deps.sh > docs/DEPENDENCIES.md.tmp
	mv docs/DEPENDENCIES.md.tmp docs/DEPENDENCIES.md

# docs/DEPENDENCIES.md is tests/deps.sh's listing of the includes, and the
# layering rules it states hold.
deps-check:
	@sh tests/deps.sh --check

bench:
	@$(MAKE) --no-print-directory BUILD=$(BUILD)-lto LTO="$(LTO_FLAGS)" $(BUILD)-lto/tests/bench
	./$(BUILD)-lto/tests/bench

$(BENCH): $(BUILD)/tests/bench.o $(LIB)
	$(CC) $(DT_CFLAGS) $(LTO) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(DEP_LIBS) $(LDLIBS)

# The fast test programs under valgrind (memcheck); any error fails.
# test_cli runs build/dtsim as a child process: valgrind follows it, and its
# exit status 99 on an error fails the test that ran it. The shell and
# system tools are not followed. The chart and process tests (SLOW_TESTS)
# run under the sanitizers instead (make sanitize), which check the same
# code for memory errors and leaks at a tenth of the time; `make
# valgrind-all` runs them under valgrind too.
VALGRIND = valgrind -q --error-exitcode=99 --leak-check=full \
           --errors-for-leak-kinds=definite,indirect --trace-children=yes \
           --trace-children-skip='/bin/*,/usr/bin/*,/usr/local/bin/*'
valgrind: $(BIN) $(FAST_TESTS)
	@for t in $(FAST_TESTS); do \
	  echo "== valgrind $$t"; \
	  DTSIM=$(CURDIR)/$(BIN) $(VALGRIND) ./$$t || exit 1; \
	done

valgrind-all: $(BIN) $(TESTS)
	@for t in $(TESTS); do \
	  echo "== valgrind $$t"; \
	  DTSIM=$(CURDIR)/$(BIN) $(VALGRIND) ./$$t || exit 1; \
	done

# The test suite built with AddressSanitizer and UndefinedBehaviorSanitizer.
# Any report stops the program with status 86, which no test expects, so it
# fails the test program (or, in build-san/dtsim, the test that ran it).
# LeakSanitizer is on: it works in the CI sandbox (checked with a leaking
# program); valgrind checks leaks as well.
SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
sanitize:
	ASAN_OPTIONS=detect_leaks=1:exitcode=86:abort_on_error=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=86 \
	  $(MAKE) BUILD=build-san LTO= CFLAGS="-O1 -g $(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" test

install:
	@$(MAKE) --no-print-directory BUILD=$(BUILD)-lto LTO="$(LTO_FLAGS)" $(BUILD)-lto/dtsim
	install -d $(DESTDIR)$(bindir) $(DESTDIR)$(datadir)/scenarios $(DESTDIR)$(datadir)/plots $(DESTDIR)$(man1dir)
	install -m 755 $(BUILD)-lto/dtsim $(DESTDIR)$(bindir)/dtsim
	install -m 644 $(wildcard scenarios/*.ini scenarios/*.csv) $(DESTDIR)$(datadir)/scenarios/
	install -m 644 $(wildcard plots/*.gp) plots/README.md $(DESTDIR)$(datadir)/plots/
	install -m 644 docs/dtsim.1 $(DESTDIR)$(man1dir)/dtsim.1

uninstall:
	rm -f $(DESTDIR)$(bindir)/dtsim $(DESTDIR)$(man1dir)/dtsim.1
	rm -rf $(DESTDIR)$(datadir)

clean:
	rm -rf build build-lto build-san out

-include $(wildcard $(BUILD)/*/*.d $(BUILD)/tests/*.d)
