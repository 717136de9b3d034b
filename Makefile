# invite-milter: plain GNU make + pkg-config.
#   make                 build everything into build/
#   make check           install missing Debian packages, run all tests
#   make check SANITIZE=1  the same under ASan + UBSan (build/asan/)
#   make SANITIZE=thread   ThreadSanitizer build (build/tsan/), used by
#                          tests/t/tsan-milter.sh
#   make demo            the main job on bundled sample invitations
#   make eval            precision/recall on ../shared/corpus/dev-cases.tsv
#   make eval EVAL_CASES=tests/eval/extra-cases.tsv   ... on another labelled set
#                        (CASES=... is read the same way)
#   make bench           benchmarks (figures, not pass/fail)
#   make fuzz            libFuzzer harnesses (clang-14, ASan+UBSan, build/fuzz/),
#                        each for FUZZ_SECONDS (default 60)
#   make install         PREFIX=/usr/local DESTDIR=
#   make clean

VERSION   := 0.1.0
PREFIX    ?= /usr/local
DESTDIR   ?=
SANITIZE  ?=
SANOBJ    :=
PKGS      := libical glib-2.0 gio-2.0 gmime-3.0 libpcre2-8

ifeq ($(SANITIZE),1)
B         ?= build/asan
SANFLAGS  := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
OPT       := -O1
else ifeq ($(SANITIZE),thread)
B         ?= build/tsan
SANFLAGS  := -fsanitize=thread -fno-omit-frame-pointer
OPT       := -O1
# what TSan cannot see in the uninstrumented GLib (see the file)
SANOBJ    := $(B)/tests/tsan-glib.o
else
B         ?= build
SANFLAGS  :=
OPT       := -O2
endif

# libFuzzer build (make fuzz): clang, every object instrumented.
ifeq ($(FUZZ),1)
B         := build/fuzz
CC        := clang-14
SANFLAGS  := -fsanitize=fuzzer-no-link,address,undefined \
             -fno-sanitize-recover=undefined -fno-omit-frame-pointer
OPT       := -O1
endif

CC        ?= cc
WARN      := -Wall -Wextra -Werror -Wformat=2 -Wshadow -Wstrict-prototypes \
             -Wmissing-prototypes -Wpointer-arith -Wimplicit-fallthrough \
             -Wno-missing-field-initializers
HARDEN    := -D_FORTIFY_SOURCE=2 -fstack-protector-strong
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CPPFLAGS  += -D_GNU_SOURCE -DVERSION='"$(VERSION)"' -I. -I$(B)/gen
BASEFLAGS := -std=c11 $(OPT) -g -pthread $(SANFLAGS) $(PKG_CFLAGS)
CFLAGS    ?=
ALLCFLAGS := $(BASEFLAGS) $(WARN) $(HARDEN) $(CFLAGS)
LDLIBS    := $(PKG_LIBS) -lytnef -lpthread
LDFLAGS   += $(SANFLAGS) -pthread
# libytnef calls its own exported functions (to_utf8(), ...) through the
# PLT, and ld exports an executable's symbol that a linked shared library
# references: a function of ours with the same name would be called with
# libytnef's arguments (it was: a crash on every UTF-16 TNEF property;
# tnef_test checks). Nothing of libinvite.a is exported.
LDFLAGS   += -Wl,--exclude-libs,libinvite.a

# The rooms, lowest first (ARCHITECTURE.md): everything but the daemon
# (milter/) and the command-line front end (cli/) is the library.
LIBSRC    := $(sort $(wildcard parse/*.c rules/*.c conf/*.c pipeline/*.c notice/*.c))
# The embedded data registers itself from a constructor: nothing refers
# to it, so it is linked as an object, never from the archive.
RESOBJ    := $(B)/gen/resources.o $(B)/gen/wordblob.o
LIBOBJ    := $(LIBSRC:%.c=$(B)/%.o)
CHECKOBJ  := $(B)/cli/check.o
MILTERSRC := $(sort $(wildcard milter/*.c))
MILTEROBJ := $(MILTERSRC:%.c=$(B)/%.o)
UNITSRC   := $(sort $(wildcard tests/unit/*_test.c))
UNITBIN   := $(UNITSRC:tests/unit/%.c=$(B)/tests/%)
TOOLSRC   := $(sort $(wildcard tests/tools/*.c))
# Test-only support code linked into unit tests, tools and fuzz harnesses.
TESTLIBOBJ := $(B)/tests/lib/invdump.o
TOOLBIN   := $(TOOLSRC:tests/tools/%.c=$(B)/tests/%)
# the end-to-end benchmark's baseline: plain libmilter, no project code
BENCHBIN  := $(B)/tests/nullmilter
TOOLBIN   += $(BENCHBIN)
# Fuzz harnesses (tests/fuzz/fuzz_NAME.c): with driver.c for make check,
# with libFuzzer for make fuzz.
FUZZNAMES := message ics text conf tnef reduce lists redact
FUZZDRV   := $(FUZZNAMES:%=$(B)/tests/fuzz/fuzz_%)
FUZZBIN   := $(FUZZNAMES:%=$(B)/fuzz_%)
FUZZ_SECONDS ?= 60
DATAFILES := $(sort $(wildcard conf/names/*.txt conf/lexicon/*.txt))
# Language data built from Debian's dictionaries (hunspell-sv, wswedish,
# wamerican) by conf/words/build-wordlists.py, packed front-coded by
# conf/words/pack-wordlists.py into the binaries' read-only data.
WORDFILES := $(addprefix $(B)/gen/words/,sv-words.txt sv-compound-heads.txt sv-propernouns.txt en-words.txt en-propernouns.txt)

BINS      := $(B)/invite-check
# invite-report (report/): Python 3, stdlib only, one zipapp file
REPORTSRC := $(sort $(wildcard report/invite_report/*.py))
BINS      += $(B)/invite-report
ifneq ($(MILTERSRC),)
BINS      += $(B)/invite-milter
endif

.PHONY: all check demo eval bench install clean deps test-deps fuzz fuzz-build
all: $(BINS)

deps:
	@sh contrib/ensure-deps.sh build
test-deps:
	@sh contrib/ensure-deps.sh test

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALLCFLAGS) -MMD -MP -c -o $@ $<

# Word lists and lexicons are embedded so the built-in defaults need no
# files at run time (GResource); the config may point elsewhere.
$(B)/gen/resources.xml: $(DATAFILES) Makefile
	@mkdir -p $(dir $@)
	@{ echo '<?xml version="1.0" encoding="UTF-8"?>'; \
	   echo '<gresources><gresource prefix="/invite-milter">'; \
	   for f in $(DATAFILES); do echo "<file alias=\"$${f#conf/}\">$(CURDIR)/$$f</file>"; done; \
	   echo '</gresource></gresources>'; } > $@
# The dictionaries are build dependencies (contrib/ensure-deps.sh words
# installs them as root, or prints the apt-get line).
$(WORDFILES) &: conf/words/build-wordlists.py
	@sh contrib/ensure-deps.sh words
	@mkdir -p $(B)/gen/words
	python3 conf/words/build-wordlists.py $(B)/gen/words
$(B)/gen/words.bin: $(WORDFILES) conf/words/pack-wordlists.py
	python3 conf/words/pack-wordlists.py $@ $(WORDFILES)
$(B)/gen/wordblob.o: conf/words/wordblob.S $(B)/gen/words.bin
	$(CC) $(CPPFLAGS) -DWORDBLOB='"$(abspath $(B))/gen/words.bin"' -c -o $@ $<
$(B)/gen/resources.c: $(B)/gen/resources.xml
	glib-compile-resources --generate-source --target=$@ $<
$(B)/gen/resources.o: $(B)/gen/resources.c
	$(CC) $(CPPFLAGS) $(BASEFLAGS) -w -c -o $@ $<

$(B)/invite-report: $(REPORTSRC)
	@mkdir -p $(dir $@)
	python3 -c 'import sys, zipapp; zipapp.create_archive("report", sys.argv[1], interpreter="/usr/bin/python3", main="invite_report.cli:run", filter=lambda p: p.suffix == ".py" and "__pycache__" not in p.parts)' $@
	chmod 755 $@

$(B)/libinvite.a: $(LIBOBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/invite-check: $(CHECKOBJ) $(RESOBJ) $(B)/libinvite.a
	$(CC) $(LDFLAGS) -o $@ $(CHECKOBJ) $(RESOBJ) $(B)/libinvite.a $(LDLIBS)

$(B)/invite-milter: $(MILTEROBJ) $(SANOBJ) $(RESOBJ) $(B)/libinvite.a
	$(CC) $(LDFLAGS) -o $@ $(MILTEROBJ) $(SANOBJ) $(RESOBJ) $(B)/libinvite.a $(LDLIBS) -lmilter

$(B)/tests/%_test: $(B)/tests/unit/%_test.o $(TESTLIBOBJ) $(RESOBJ) \
    $(B)/libinvite.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# budget_test checks the daemon's memory budget.
$(B)/tests/budget_test: $(B)/tests/unit/budget_test.o $(B)/milter/budget.o
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# notice_test also checks the daemon's submission of notices.
$(B)/tests/notice_test: $(B)/tests/unit/notice_test.o $(B)/milter/submit.o \
    $(B)/milter/log.o $(B)/milter/stats.o $(B)/milter/budget.o $(TESTLIBOBJ) \
    $(RESOBJ) $(B)/libinvite.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lmilter

$(B)/tests/%: $(B)/tests/tools/%.o $(TESTLIBOBJ) $(RESOBJ) $(B)/libinvite.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lmilter

$(B)/tests/nullmilter: $(B)/tests/bench/nullmilter.o
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ -lmilter -lpthread
$(B)/tests/fuzz/fuzz_%: $(B)/tests/fuzz/fuzz_%.o $(B)/tests/fuzz/common.o \
    $(B)/tests/fuzz/driver.o $(TESTLIBOBJ) $(RESOBJ) $(B)/libinvite.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/fuzz_%: $(B)/tests/fuzz/fuzz_%.o $(B)/tests/fuzz/common.o \
    $(TESTLIBOBJ) $(RESOBJ) $(B)/libinvite.a
	$(CC) $(LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(LDLIBS)

fuzz-build: $(FUZZBIN)

fuzz: deps
	@$(MAKE) --no-print-directory FUZZ=1 fuzz-build
	@B=build/fuzz FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh

check: deps test-deps
	@$(MAKE) --no-print-directory all $(UNITBIN) $(TOOLBIN) $(FUZZDRV)
	@B=$(B) SANITIZE=$(SANITIZE) sh tests/run.sh

# The live part needs root (a private Postfix): as a normal user only the
# build packages are asked for and the live part says it is skipped.
demo: deps
	@[ "$$(id -u)" != 0 ] || sh contrib/ensure-deps.sh demo
	@$(MAKE) --no-print-directory all
	@B=$(B) sh tests/demo.sh

eval: all
	@B=$(B) CASES=$(or $(EVAL_CASES),$(CASES)) sh tests/eval/run.sh

bench: deps test-deps
	@$(MAKE) --no-print-directory all $(TOOLBIN)
	@B=$(B) sh tests/bench/run.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/sbin \
	    $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/man/man5 \
	    $(DESTDIR)$(PREFIX)/share/man/man8 $(DESTDIR)$(PREFIX)/share/invite-milter
	install -m 755 $(B)/invite-check $(DESTDIR)$(PREFIX)/bin/
	install -m 755 $(B)/invite-report $(DESTDIR)$(PREFIX)/bin/
	if [ -f $(B)/invite-milter ]; then install -m 755 $(B)/invite-milter $(DESTDIR)$(PREFIX)/sbin/; fi
	for m in man/*.[158]; do [ -f "$$m" ] || continue; \
	    s=$${m##*.}; install -m 644 $$m $(DESTDIR)$(PREFIX)/share/man/man$$s/; done
	if [ -f conf/invite-milter.conf ]; then install -m 644 conf/invite-milter.conf $(DESTDIR)$(PREFIX)/share/invite-milter/invite-milter.conf.sample; fi
	cp -r conf/names conf/lexicon $(DESTDIR)$(PREFIX)/share/invite-milter/ 2>/dev/null || true

clean:
	rm -rf build

-include $(shell find $(B) -name '*.d' 2>/dev/null)
.SECONDARY:

# Debian package into build/ (contrib/debian/, dpkg-buildpackage and
# debhelper; installs what it needs as root).
.PHONY: deb
deb:
	@B=$(B) sh contrib/debian/build.sh
