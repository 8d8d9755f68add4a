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
# Fuzzing (tests/fuzz/README.md): libFuzzer needs clang; FUZZ_SECONDS is the
# time `make fuzz` gives each harness. LLVM_SUFFIX names the llvm-cov and
# llvm-profdata that match FUZZ_CC (Debian: llvm-cov-14).
FUZZ_CC      = clang
FUZZ_SECONDS = 60
LLVM_SUFFIX  = -14
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
DT_CFLAGS   = -std=c11 -pthread $(DT_WARN)
DEP_PKGS    = gsl inih xlsxwriter nlopt
DEP_CFLAGS  = $$($(PKG_CONFIG) --cflags $(DEP_PKGS))
# POSIX threads: the runs of dtsim sensitivity's global methods (sim/sensrun.c).
DEP_LIBS    = $$($(PKG_CONFIG) --libs $(DEP_PKGS)) -lcsv -lm -pthread
TEST_CFLAGS = $$($(PKG_CONFIG) --cflags cmocka)
TEST_LIBS   = $$($(PKG_CONFIG) --libs cmocka)
# test_drawn measures the charts as drawn: the font fontconfig gives for
# Arial, text widths (FreeType), SVG (libxml2), PNG (libpng), PDF (zlib).
DRAWN_PKGS  = fontconfig freetype2 libxml-2.0 libpng zlib

BUILD    = build
LIB_SRC  = $(filter-out sim/main.c sim/engine_nogsl.c,$(wildcard sim/*.c models/*.c))
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ = $(BUILD)/sim/main.o
LIB      = $(BUILD)/libdtsim.a
BIN      = $(BUILD)/dtsim
TESTS    = $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/test_*.c))
# The programs that draw charts, start many dtsim and gnuplot processes or
# make thousands of Monte Carlo runs (test_mc, test_cmd_mc) take most of the
# suite's time: `make test` runs them last, `make
# test-fast` leaves them out.
# SKIP_TESTS names programs a run leaves out (make sanitize: test_drawn).
SLOW_NAMES = test_plot test_drawn test_results test_readme test_hostile test_cmd_report test_dialect \
             test_mc test_cmd_mc test_optim_example
SLOW_TESTS = $(addprefix $(BUILD)/tests/,$(filter-out $(SKIP_TESTS),$(SLOW_NAMES)))
FAST_TESTS = $(filter-out $(addprefix $(BUILD)/tests/,$(SLOW_NAMES) $(SKIP_TESTS)),$(TESTS))
BENCH    = $(BUILD)/tests/bench

.DELETE_ON_ERROR:
.PHONY: all run test check test-fast bench bench-engine bench-charts valgrind valgrind-all sanitize deps install \
        uninstall clean core deps-check domain-check test-slurm docs \
        fuzz fuzz-build fuzz-ci fuzz-merge fuzz-coverage fuzzers web web-files test-web

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

$(BUILD)/tests/test_drawn.o: TEST_CFLAGS += $$($(PKG_CONFIG) --cflags $(DRAWN_PKGS))
$(BUILD)/tests/test_drawn: TEST_LIBS += $$($(PKG_CONFIG) --libs $(DRAWN_PKGS))

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

# The test programs run TEST_JOBS at a time (tests/run_tests.sh: a line
# per program, the log of each that fails; every log in $(BUILD)/testlog);
# the target fails if any program fails. The fast programs run first, then
# the core build and the layering check, then the slow programs.
TEST_JOBS ?= $(shell nproc 2>/dev/null || echo 2)
RUN_TESTS = DTSIM=$(CURDIR)/$(BIN) TEST_LOGDIR=$(BUILD)/$(or $(2),testlog) sh tests/run_tests.sh $(TEST_JOBS) $(1)

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

# examples/slurm/ on a real one-node Slurm cluster (munge, slurmctld,
# slurmd) that tests/slurm.sh starts and stops in a temporary directory:
# the merged shards must be one machine's dtsim mc, byte for byte. Needs
# root; installs Slurm and munge when missing.
test-slurm:
	@sh .ci/deps slurm
	@$(MAKE) --no-print-directory $(BIN)
	@sh tests/slurm.sh $(BIN)

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

# The engine (tests/bench.c) and dtsim mc, this tree beside BENCH_REF (the
# main before issue 12's default step: monthly steps, no mc), in BENCH_PAIRS alternating
# pairs and BENCH_MC_RUNS runs of mc (tests/bench.sh). bench-engine runs
# this tree's tests/bench alone.
BENCH_REF     = 0229b89
BENCH_MC_RUNS = 1000000
bench:
	@sh tests/bench.sh $(BENCH_REF) $(BENCH_PAIRS) $(BENCH_MC_RUNS)

bench-engine:
	@$(MAKE) --no-print-directory BUILD=$(BUILD)-lto LTO="$(LTO_FLAGS)" $(BUILD)-lto/tests/bench
	./$(BUILD)-lto/tests/bench

# The charts of `make run` drawn by this tree and by BENCH_BASE, timed
# side by side in BENCH_PAIRS alternating pairs (tests/bench_charts.sh).
BENCH_BASE  = bd93bc2
BENCH_PAIRS = 5
bench-charts:
	@sh tests/bench_charts.sh $(BENCH_BASE) $(BENCH_PAIRS)

$(BENCH): $(BUILD)/tests/bench.o $(LIB)
	$(CC) $(DT_CFLAGS) $(LTO) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(DEP_LIBS) $(LDLIBS)

# The fast test programs under valgrind (memcheck); any error fails.
# test_cli runs build/dtsim as a child process: valgrind follows it, and its
# exit status 99 on an error fails the test that ran it. The shell and
# system tools are not followed. The chart and process tests (SLOW_TESTS)
# run under the sanitizers instead (make sanitize), which check the same
# code for memory errors and leaks at a tenth of the time; `make
# valgrind-all` runs them under valgrind too.
# (the wrapper of tests/run_tests.sh: split into words, never globbed)
VALGRIND = valgrind -q --error-exitcode=99 --leak-check=full \
           --errors-for-leak-kinds=definite,indirect --trace-children=yes \
           --trace-children-skip=/bin/*,/usr/bin/*,/usr/local/bin/*
valgrind: $(BIN) $(FAST_TESTS)
	@TEST_WRAPPER='$(VALGRIND)' $(call RUN_TESTS,$(FAST_TESTS),valgrind)

valgrind-all: $(BIN) $(TESTS)
	@TEST_WRAPPER='$(VALGRIND)' $(call RUN_TESTS,$(TESTS),valgrind)

# The test suite built with AddressSanitizer and UndefinedBehaviorSanitizer.
# Any report stops the program with status 86, which no test expects, so it
# fails the test program (or, in build-san/dtsim, the test that ran it).
# LeakSanitizer is on: it works in the CI sandbox (checked with a leaking
# program); valgrind checks leaks as well. test_drawn is left out: what it
# adds is the geometry of gnuplot's output (not instrumented), and the
# dtsim runs it makes are those test_plot makes (every chart in every
# format, run --plot) and test_cmd_report (the Monte Carlo charts).
SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
sanitize:
	ASAN_OPTIONS=detect_leaks=1:exitcode=86:abort_on_error=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=86 \
	  $(MAKE) BUILD=build-san LTO= CFLAGS="-O1 -g $(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" \
	  SKIP_TESTS=test_drawn test

# ---- fuzzing (tests/fuzz/README.md) --------------------------------------
# The harnesses and the library they test are built with clang into their own
# directory: the library with -fsanitize=fuzzer-no-link (coverage feedback,
# no main), each harness linked with -fsanitize=fuzzer. `make test` needs none
# of this. New inputs go to $(FUZZ_BUILD)/corpus/NAME, findings to
# $(FUZZ_BUILD)/findings/; the committed corpus is only read (fuzz-merge adds
# to it what is new and interesting).
FUZZ_NAMES  = scenario schedule manifest csvtab csvde run report dist merge optim history
FUZZ_BUILD  = build-fuzz
COV_BUILD   = build-cov
FUZZ_BINS   = $(FUZZ_NAMES:%=$(BUILD)/tests/fuzz/fuzz_%)
FUZZ_SAN    = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_OPTS   = -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1
# A partial result of dtsim mc is larger: the smallest (one year, one run)
# is about 12 kB, so fuzz_merge gets more room (a later -max_len wins).
FUZZ_MAXLEN = $$(test $$n = merge && echo -max_len=32768)
FUZZ_ENV    = ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
FUZZ_MAKE   = $(MAKE) --no-print-directory CC=$(FUZZ_CC) LTO=
# The deterministic pass of fuzz-ci: fixed seed and number of runs.
FUZZ_CI_SEED = 1
FUZZ_CI_RUNS = 5000
# fuzz_merge's inputs are larger and slower (about 200 a second): fewer runs
# keep its pass near 5 s.
FUZZ_CI_RUNS_MERGE = 1000
# fuzz_optim searches (up to 12 runs of the model) for every input that
# asks for an optimisation: about 400 inputs a second, so 2000 runs.
FUZZ_CI_RUNS_OPTIM = 2000

# Keeps the harness objects (make would delete them as intermediates).
.SECONDARY: $(FUZZ_BINS:=.o)

fuzzers: $(FUZZ_BINS)

fuzz-build:
	@sh .ci/deps fuzz
	+@$(FUZZ_MAKE) BUILD=$(FUZZ_BUILD) CFLAGS="-O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link" \
	  LDFLAGS="$(FUZZ_SAN) -fsanitize=fuzzer" fuzzers

# Runs each harness for FUZZ_SECONDS on its corpus; stops at the first finding.
fuzz: fuzz-build
	@for n in $(FUZZ_NAMES); do \
	  echo "== fuzz_$$n: $(FUZZ_SECONDS) s"; \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$n $(FUZZ_BUILD)/findings; \
	  $(FUZZ_ENV) $(FUZZ_BUILD)/tests/fuzz/fuzz_$$n $(FUZZ_OPTS) $(FUZZ_MAXLEN) \
	    -max_total_time=$(FUZZ_SECONDS) -dict=tests/fuzz/fuzz_$$n.dict \
	    -artifact_prefix=$(FUZZ_BUILD)/findings/$$n- \
	    $(FUZZ_BUILD)/corpus/$$n tests/fuzz/corpus/$$n || exit 1; \
	done

# Adds the inputs of the last `make fuzz` that reach new code to the
# committed corpus (libFuzzer -merge=1 keeps only those).
fuzz-merge: fuzz-build
	@for n in $(FUZZ_NAMES); do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$n; \
	  $(FUZZ_ENV) $(FUZZ_BUILD)/tests/fuzz/fuzz_$$n -merge=1 $(FUZZ_OPTS) $(FUZZ_MAXLEN) \
	    tests/fuzz/corpus/$$n $(FUZZ_BUILD)/corpus/$$n || exit 1; \
	done

# For CI: replays every corpus, then a deterministic pass per harness (fixed
# seed and runs, from the committed corpus, new inputs to a fresh scratch
# directory), so a chance finding never fails CI; long fuzzing is `make fuzz`.
# Address-space randomisation changes which features libFuzzer sees (and so
# which inputs it keeps and mutates), so the pass runs without it (setarch -R)
# where the system allows that.
# One target per harness, so that `make -j2 fuzz-ci` runs two at a time
# (--output-sync keeps each harness's lines together).
fuzz-ci: $(FUZZ_NAMES:%=fuzz-ci-%)
	@echo "fuzz-ci: $(words $(FUZZ_NAMES)) passed, 0 failed"

.PHONY: $(FUZZ_NAMES:%=fuzz-ci-%)
$(FUZZ_NAMES:%=fuzz-ci-%): fuzz-ci-%: fuzz-build
	@n=$*; noaslr=$$(setarch $$(uname -m) -R true 2>/dev/null && echo "setarch $$(uname -m) -R"); \
	  echo "== fuzz_$$n: replay and a deterministic pass, seed $(FUZZ_CI_SEED)"; \
	  rm -rf $(FUZZ_BUILD)/ci/$$n; mkdir -p $(FUZZ_BUILD)/ci/$$n $(FUZZ_BUILD)/findings; \
	  $$noaslr env $(FUZZ_ENV) $(FUZZ_BUILD)/tests/fuzz/fuzz_$$n $(FUZZ_OPTS) $(FUZZ_MAXLEN) -seed=$(FUZZ_CI_SEED) -runs=0 \
	    -artifact_prefix=$(FUZZ_BUILD)/findings/$$n- tests/fuzz/corpus/$$n \
	    2>$(FUZZ_BUILD)/ci/$$n.replay.log \
	    || { tail -n 40 $(FUZZ_BUILD)/ci/$$n.replay.log; exit 1; }; \
	  $$noaslr env $(FUZZ_ENV) $(FUZZ_BUILD)/tests/fuzz/fuzz_$$n $(FUZZ_OPTS) $(FUZZ_MAXLEN) -seed=$(FUZZ_CI_SEED) \
	    -runs=$$(case $$n in merge) echo $(FUZZ_CI_RUNS_MERGE);; optim) echo $(FUZZ_CI_RUNS_OPTIM);; \
	             *) echo $(FUZZ_CI_RUNS);; esac) \
	    -dict=tests/fuzz/fuzz_$$n.dict \
	    -artifact_prefix=$(FUZZ_BUILD)/findings/$$n- $(FUZZ_BUILD)/ci/$$n tests/fuzz/corpus/$$n \
	    2>$(FUZZ_BUILD)/ci/$$n.log || { tail -n 40 $(FUZZ_BUILD)/ci/$$n.log; exit 1; }; \
	  grep -h '^Done' $(FUZZ_BUILD)/ci/$$n.log

# Line coverage of sim/ and models/ that each harness's corpus reaches
# (clang source-based coverage; the harness replays its corpus once).
fuzz-coverage:
	@sh .ci/deps fuzz
	+@$(FUZZ_MAKE) BUILD=$(COV_BUILD) CFLAGS="-O1 -g -fprofile-instr-generate -fcoverage-mapping" \
	  LDFLAGS="-fprofile-instr-generate -fsanitize=fuzzer" fuzzers
	@for n in $(FUZZ_NAMES); do \
	  b=$(COV_BUILD)/tests/fuzz/fuzz_$$n; rm -f $$b.profraw; \
	  LLVM_PROFILE_FILE=$$b.profraw $$b -runs=0 $(FUZZ_OPTS) $(FUZZ_MAXLEN) tests/fuzz/corpus/$$n 2>/dev/null || exit 1; \
	  llvm-profdata$(LLVM_SUFFIX) merge -sparse $$b.profraw -o $$b.profdata || exit 1; \
	  echo "== fuzz_$$n: line coverage of sim/ and models/ ($$(ls tests/fuzz/corpus/$$n | wc -l) inputs)"; \
	  llvm-cov$(LLVM_SUFFIX) report $$b -instr-profile=$$b.profdata sim models \
	    | awk 'BEGIN { print "file lines missed covered" } \
	           ($$1 ~ /[.][ch]$$/ && $$8 > 0) || $$1 == "TOTAL" { print $$1, $$8, $$9, $$10 }' \
	    | column -t; \
	done

# ---- the what-if page (README: "The what-if page") ------------------------
# make web builds $(WEB)/index.html and its files: the model and the
# engine's rk4 compiled to WebAssembly by Debian's emscripten (one file,
# dtsim.js, the .wasm inside it as base64, so that file:// works), every
# bundled scenario resolved by the native dtsim (data.js), uPlot from npm
# (web/package-lock.json, npm ci), and the page (web/src/). emcc 3.1.6
# needs NODE_PATH for its optimiser (node-acorn). make test-web compares
# the WebAssembly build with the native dtsim run on every scenario and
# drives the page in headless chromium (web/test/). make test needs none
# of this.
EMCC      = emcc
WEB       = $(BUILD)/web
WEB_SRC   = $(wildcard models/*.c) sim/engine.c sim/engine_nogsl.c sim/err.c sim/summary.c \
            sim/webrun.c
WEB_FUNCS = webrun_new webrun_free webrun_nparam webrun_input webrun_set_named webrun_run \
            webrun_error webrun_series webrun_rows webrun_cols webrun_kpis webrun_kpi_count \
            webrun_derive webrun_derived
WEB_EMFLAGS = -O2 -sSINGLE_FILE=1 -sMODULARIZE=1 -sEXPORT_NAME=createDtsim \
            -sALLOW_MEMORY_GROWTH=1 -sENVIRONMENT=web,node -sFILESYSTEM=0 \
            -sEXPORTED_FUNCTIONS=$$(echo $(WEB_FUNCS:%=_%) | tr ' ' ',') \
            -sEXPORTED_RUNTIME_METHODS=UTF8ToString
WEB_PAGE  = $(patsubst web/src/%,$(WEB)/%,$(wildcard web/src/*))
WEB_UPLOT = $(WEB)/uPlot.iife.min.js $(WEB)/uPlot.min.css
WEB_SCENARIOS = $(wildcard scenarios/*.ini)

# Installs what is missing first (sh .ci/deps web), then builds.
web:
	@sh .ci/deps web
	@$(MAKE) --no-print-directory web-files

web-files: $(BIN) $(WEB)/dtsim.js $(WEB)/data.js $(WEB_UPLOT) $(WEB_PAGE)
	@echo "web: open $(WEB)/index.html"

$(WEB)/dtsim.js: $(WEB_SRC) $(wildcard models/*.h models/*.def sim/engine*.h sim/err.h sim/summary.h sim/webrun.h)
	@mkdir -p $(@D)
	NODE_PATH=/usr/share/nodejs $(EMCC) $(DT_CPPFLAGS) -std=c11 $(DT_WARN) $(WEB_EMFLAGS) \
	  -o $(WEB)/.dtsim.tmp.js $(WEB_SRC)
	mv $(WEB)/.dtsim.tmp.js $@

$(WEB)/data.js: $(BIN) $(WEB_SCENARIOS)
	@mkdir -p $(@D)
	{ printf 'var DTSIM_DATA = '; ./$(BIN) params --json $(WEB_SCENARIOS) && printf ';\n'; } > $@.tmp
	mv $@.tmp $@

web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund

$(WEB)/uPlot.%: web/node_modules/.package-lock.json
	@mkdir -p $(@D)
	cp web/node_modules/uplot/dist/uPlot.$* $@

$(WEB)/%: web/src/%
	@mkdir -p $(@D)
	cp $< $@

# The WebAssembly build against the native dtsim on every scenario
# (web/test/wasm_native.js), then the page in headless chromium
# (web/test/page.js), which leaves its screenshot and the scenario it
# downloaded in $(WEB_TEST) (CI keeps them as artifacts).
WEB_TEST = $(BUILD)/web-test
test-web: web
	@tmp=$$(mktemp -d "$${TMPDIR:-/tmp}/dtsim-web-XXXXXX") && \
	  ./$(BIN) run -o "$$tmp" $(WEB_SCENARIOS) >/dev/null && \
	  node web/test/wasm_native.js $(WEB) "$$tmp" $(BIN) scenarios; status=$$?; rm -rf "$$tmp"; exit $$status
	node web/test/page.js $(WEB) $(BIN) scenarios $(WEB_TEST)

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
	rm -rf build build-lto build-san build-fuzz build-cov out

-include $(wildcard $(BUILD)/*/*.d $(BUILD)/tests/*.d $(BUILD)/tests/fuzz/*.d)
