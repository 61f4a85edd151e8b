# paiban — typesets Chinese newspaper pages.  See README.md.
#
#   make            install missing Debian packages (as root), build, typeset the sample
#   make check      every test: unit, golden, PDF, bad inputs, sanitizers, valgrind
#   make bench      release build and timings (never fails on timing); bench-year: the year alone
#   make year       a synthetic year of editions in build/year/2018 (tools/make-year)
#   make fuzz       libFuzzer over the loaders and the pipeline
#   make install    the program, its man page, bash completion, the default layout
#                   and fonts manifest under $(PREFIX) (default /usr/local), into $(DESTDIR)
#   make uninstall  removes what install put there
#
# Objects go under build/<variant>/; the program is build/paiban.

SHELL := /bin/bash
CC ?= cc
PKGS := harfbuzz harfbuzz-subset freetype2 fontconfig yaml-0.1 icu-uc zlib lcms2 libturbojpeg \
	libpng nettle libqpdf libxxhash libdeflate
WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter -Werror
BASE_CFLAGS := -std=c17 -D_GNU_SOURCE -Isrc $(WARN) -MMD -MP
OPT ?= -O2 -g
# libqpdf is not linked but opened when a PDF logo is read
# (src/input/logopdf.h), by the name its library file gives itself.
QPDF_SONAME = $(shell objdump -p "$$(pkg-config --variable=libdir libqpdf 2>/dev/null)/libqpdf.so" \
	2>/dev/null | awk '/SONAME/ {print $$2}')
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null) \
	$(if $(QPDF_SONAME),-DQPDF_SONAME='"$(QPDF_SONAME)"')
# libhyphen ships no pkg-config file.
PKG_LIBS = $(shell pkg-config --libs $(filter-out libqpdf,$(PKGS)) 2>/dev/null) -lhpdf -lhyphen -lm \
	-lpthread

# One folder a stage (src/README.md); every include names its folder: "base/arena.h".
SRCS := $(wildcard src/*/*.c)
MAIN_SRC := src/cli/main.c
EDITION := content/2018-12-28
SAMPLE := out/2018-12-28.pdf

# Debian packages: to build and typeset, and in addition to test.
DEPS_BUILD := gcc make pkg-config libhpdf-dev libharfbuzz-dev libfreetype-dev \
	libfontconfig-dev libyaml-dev libicu-dev zlib1g-dev libpng-dev \
	liblcms2-dev libturbojpeg0-dev nettle-dev libqpdf-dev libxxhash-dev libdeflate-dev \
	icc-profiles-free \
	libhyphen-dev hyphen-en-us \
	fonts-noto-cjk fonts-noto-cjk-extra fonts-arphic-gkai00mp fonts-dejavu-core fonts-hanazono
DEPS_CHECK := poppler-utils qpdf mupdf-tools ghostscript valgrind python3 clang \
	libclang-rt-14-dev

.PHONY: all deps deps-check build check unit golden accept clean sample asan fuzz bench bench-year year \
	format install uninstall

all: deps build $(SAMPLE)

# Install what is missing (as root); otherwise say what to install.
deps:
	@./tools/ensure-packages $(DEPS_BUILD)

deps-check:
	@./tools/ensure-packages $(DEPS_BUILD) $(DEPS_CHECK)

build: build/paiban

# ---- variants: default (build/obj), sanitize (build/asan), release (build/release)
OBJ_DIR := build/obj
OBJS := $(patsubst src/%.c,$(OBJ_DIR)/%.o,$(SRCS))

$(OBJ_DIR)/%.o: src/%.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(BASE_CFLAGS) $(OPT) $(PKG_CFLAGS) $(XCFLAGS) -c -o $@ $<

build/tests out:
	@mkdir -p $@

build/paiban: $(OBJS)
	@echo "  LINK    $@"
	@$(CC) -o $@ $(OBJS) $(PKG_LIBS)

ASAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
ASAN_OBJS := $(patsubst src/%.c,build/asan/%.o,$(SRCS))
build/asan/%.o: src/%.c
	@mkdir -p $(@D)
	@echo "  CC/ASAN $<"
	@$(CC) $(BASE_CFLAGS) $(ASAN_FLAGS) $(PKG_CFLAGS) -c -o $@ $<
build/asan/paiban: $(ASAN_OBJS)
	@echo "  LINK    $@"
	@$(CC) $(ASAN_FLAGS) -o $@ $(ASAN_OBJS) $(PKG_LIBS)

REL_OBJS := $(patsubst src/%.c,build/release/%.o,$(SRCS))
build/release/%.o: src/%.c
	@mkdir -p $(@D)
	@echo "  CC/REL  $<"
	@$(CC) $(BASE_CFLAGS) -O2 -DNDEBUG $(PKG_CFLAGS) -c -o $@ $<
build/release/paiban: $(REL_OBJS)
	@echo "  LINK    $@"
	@$(CC) -o $@ $(REL_OBJS) $(PKG_LIBS)

asan: build/asan/paiban

# The floor make bench holds paiban against (tools/floor.c).
build/release/floor: tools/floor.c
	@mkdir -p $(@D)
	@echo "  CC/REL  $<"
	@$(CC) $(BASE_CFLAGS) -O2 -DNDEBUG $(shell pkg-config --cflags harfbuzz harfbuzz-subset libdeflate) \
		-o $@ $< $(shell pkg-config --libs harfbuzz harfbuzz-subset libdeflate)

# ---- the sample edition
$(SAMPLE): build/paiban $(shell find $(EDITION) layout fonts -type f 2>/dev/null) | out
	build/paiban build $(EDITION) -o $@ --dump out/2018-12-28.layout.json

sample: $(SAMPLE)

# ---- tests
UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_BIN := build/tests/unit
$(UNIT_BIN): $(UNIT_SRCS) $(wildcard tests/unit/*.h) $(filter-out $(OBJ_DIR)/cli/main.o,$(OBJS)) | build/tests
	@echo "  LINK    $@"
	@$(CC) $(BASE_CFLAGS) $(OPT) $(PKG_CFLAGS) -o $@ $(UNIT_SRCS) \
		$(filter-out $(OBJ_DIR)/cli/main.o,$(OBJS)) $(PKG_LIBS)

build/tests/unit-asan: $(UNIT_SRCS) $(wildcard tests/unit/*.h) $(filter-out build/asan/cli/main.o,$(ASAN_OBJS)) | build/tests
	@echo "  LINK    $@"
	@$(CC) $(BASE_CFLAGS) $(ASAN_FLAGS) $(PKG_CFLAGS) -o $@ $(UNIT_SRCS) \
		$(filter-out build/asan/cli/main.o,$(ASAN_OBJS)) $(PKG_LIBS)

unit: $(UNIT_BIN)
	@$(UNIT_BIN)

# The ink coverage of the print PDF's photos, decoded (tests/pdf/run-press).
build/tests/inkcheck: tests/pdf/inkcheck.c | build/tests
	@echo "  LINK    $@"
	@$(CC) $(BASE_CFLAGS) $(OPT) -o $@ $< -lturbojpeg

# ---- fuzzing (tests/fuzz): the targets run on editions held in memory.
# fuzz-replay runs saved inputs once each, with the sanitizers, for
# `make check`; the libFuzzer binaries are built with clang for `make fuzz`.
FUZZ_SRCS := tests/fuzz/harness.c tests/fuzz/memfiles.c
FUZZ_DEPS := $(FUZZ_SRCS) $(wildcard tests/fuzz/*.h)
FUZZ_DEFS := -Itests/fuzz -DPAIBAN_ROOT='"$(CURDIR)"'
build/tests/fuzz-replay: tests/fuzz/replay.c $(FUZZ_DEPS) $(filter-out build/asan/cli/main.o,$(ASAN_OBJS)) | build/tests
	@echo "  LINK    $@"
	@$(CC) $(BASE_CFLAGS) $(ASAN_FLAGS) $(PKG_CFLAGS) $(FUZZ_DEFS) -o $@ tests/fuzz/replay.c \
		$(FUZZ_SRCS) $(filter-out build/asan/cli/main.o,$(ASAN_OBJS)) $(PKG_LIBS)

FUZZ_CC := clang
FUZZ_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
FUZZ_OBJS := $(patsubst src/%.c,build/fuzz/obj/%.o,$(filter-out $(MAIN_SRC),$(SRCS)))
build/fuzz/obj/%.o: src/%.c
	@mkdir -p $(@D)
	@echo "  CC/FUZZ $<"
	@$(FUZZ_CC) $(BASE_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link $(PKG_CFLAGS) -c -o $@ $<
.SECONDARY: $(FUZZ_OBJS)
build/fuzz/%: tests/fuzz/target_%.c $(FUZZ_DEPS) $(FUZZ_OBJS)
	@echo "  LINK    $@"
	@$(FUZZ_CC) $(BASE_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) $(FUZZ_DEFS) -o $@ \
		$< $(FUZZ_SRCS) $(FUZZ_OBJS) $(PKG_LIBS)

check: deps-check build $(UNIT_BIN) build/asan/paiban build/tests/unit-asan build/tests/fuzz-replay \
	build/tests/inkcheck
	@tests/run-all

golden: build/paiban
	@tests/run-golden

accept: build/paiban
	@tests/run-golden --accept

bench: deps build/release/paiban build/release/floor
	@tools/bench

# The synthetic year alone (also part of bench): 300 editions of 8 pages.
bench-year: deps build/release/paiban
	@tools/bench --year-only

# A synthetic year to archive by hand: build/year/2018 (see tools/make-year).
year:
	@tools/make-year build/year

fuzz: deps-check build/fuzz/load build/fuzz/compose build/fuzz/build
	@tests/fuzz/run

# ---- install: the program finds the layout and fonts in $(PREFIX)/share/paiban
# from its own place ($(PREFIX)/bin/../share/paiban), so the tree works where
# DESTDIR puts it too (page/build.h, build_share_dir).
PREFIX ?= /usr/local
BINDIR = $(DESTDIR)$(PREFIX)/bin
MANDIR = $(DESTDIR)$(PREFIX)/share/man/man1
COMPDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
SHAREDIR = $(DESTDIR)$(PREFIX)/share/paiban
# The templates, styles and the press's output profile they name.
LAYOUT_FILES := $(wildcard layout/*.yaml layout/*.icc)

install: build/paiban
	install -d $(BINDIR) $(MANDIR) $(COMPDIR) $(SHAREDIR)/layout $(SHAREDIR)/fonts
	install -m 755 build/paiban $(BINDIR)/paiban
	install -m 644 man/paiban.1 $(MANDIR)/paiban.1
	install -m 644 completion/paiban.bash $(COMPDIR)/paiban
	install -m 644 $(LAYOUT_FILES) $(SHAREDIR)/layout
	install -m 644 fonts/fonts.yaml $(SHAREDIR)/fonts/fonts.yaml

uninstall:
	rm -f $(BINDIR)/paiban $(MANDIR)/paiban.1 $(COMPDIR)/paiban $(SHAREDIR)/fonts/fonts.yaml
	rm -f $(addprefix $(SHAREDIR)/,$(LAYOUT_FILES))
	-rmdir $(SHAREDIR)/layout $(SHAREDIR)/fonts $(SHAREDIR) 2>/dev/null

format:
	clang-format -i src/*/*.c src/*/*.h tests/unit/*.c tests/unit/*.h tests/fuzz/*.c tests/fuzz/*.h

clean:
	rm -rf build out

-include $(OBJS:.o=.d) $(ASAN_OBJS:.o=.d) $(REL_OBJS:.o=.d) $(FUZZ_OBJS:.o=.d)
