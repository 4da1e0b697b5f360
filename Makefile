# budgetlint - plain GNU make; outputs only under build/.
#   make                 build build/budgetlint (release)
#   make check           every test; ends with "N passed, N failed"
#   make demo            install what is missing, build, check the sample reports
#   make BUILD=asan ...  AddressSanitizer + UBSan build in build/asan
#   make fixtures        regenerate fixture PDFs (needs LibreOffice, CJK fonts, qpdf)
#   make formats         regenerate the fixtures' DOCX and OFD twins (LibreOffice, python3-pdfminer)
#   make fuzz            libFuzzer targets for FUZZ_SECONDS each (needs clang)
#   make bench           speed and memory figures on the real and a generated corpus
#   make install         PREFIX=/usr/local DESTDIR=: the binary, budgetlint(1), bash and zsh completion
BUILD ?= release
OUT := build/$(BUILD)
PKGS := poppler-glib glib-2.0 libpcre2-8 libcjson sqlite3 xlsxwriter opencc libzip libxml-2.0 tesseract

CC ?= cc
WARN := -std=c11 -Wall -Wextra -Werror -pedantic -Wstrict-prototypes -Wshadow \
        -Wwrite-strings -Wvla -Wmissing-prototypes
ifeq ($(BUILD),release)
  OPT := -O2 -g
else ifeq ($(BUILD),debug)
  OPT := -O0 -g
else ifeq ($(BUILD),asan)
  OPT := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
else
  $(error unknown BUILD '$(BUILD)': use release, debug or asan)
endif

# `make check` and `make demo` install missing packages first (tools/deps.sh);
# plain builds only say what is missing.
ifeq ($(filter deps demo check test clean,$(MAKECMDGOALS)),)
ifneq ($(shell pkg-config --exists $(PKGS) 2>/dev/null && echo yes),yes)
  $(error missing libraries: run 'make deps' (Debian: libpoppler-glib-dev libpcre2-dev libcjson-dev libsqlite3-dev libxlsxwriter-dev libopencc-dev libzip-dev libxml2-dev libtesseract-dev pkg-config))
endif
ifeq ($(shell command -v msgfmt 2>/dev/null),)
  $(error msgfmt is missing (the Chinese messages): run 'make deps' (Debian: gettext))
endif
endif
# library headers as system headers: their warnings are not ours
PKG_CFLAGS := $(patsubst -I%,-isystem %,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
PREFIX ?= /usr/local
CFLAGS := $(WARN) $(OPT) -D_DEFAULT_SOURCE -DBL_LOCALEDIR='"$(PREFIX)/share/locale"' -I$(OUT)/gen $(PKG_CFLAGS)
LDFLAGS := $(OPT)
# Poppler's colour transforms once per document, not per page (extract/cmscache.c): the
# executable defines lcms2's cmsReverseToneCurveEx, and exports it so lcms2 calls it
LDFLAGS += -Wl,--undefined=cmsReverseToneCurveEx -Wl,--export-dynamic-symbol=cmsReverseToneCurveEx

LIB_SRCS := core/core.c core/doc.c core/outfile.c core/i18n.c extract/extract.c extract/cmscache.c extract/layout.c extract/segments.c extract/rows.c extract/rules.c extract/zip.c extract/docx.c extract/ofd.c extract/glyphs.c extract/ocr.c extract/ocrimage.c normalize/normalize.c normalize/t2s.c normalize/numerals.c normalize/arabic.c normalize/quantity.c \
            parse/parse.c parse/clause.c parse/tables.c parse/cells.c parse/counts.c parse/roles.c parse/subject.c validate/validate.c validate/check.c validate/rates.c validate/sums.c validate/scores.c validate/conflicts.c validate/report.c validate/profiles.c emit/emit.c emit/sarif.c batch/batch.c store/store.c report/report.c annotate/annotate.c annotate/docx.c
LIB_OBJS := $(LIB_SRCS:%.c=$(OUT)/%.o)
RULE_DOCS := $(sort $(wildcard validate/rules/*.txt))
UNIT_SRCS := $(sort $(wildcard tests/unit/*.c))

.PHONY: all check test demo deps fixtures layouts formats nzh-refresh clean unit fuzz bench eval install uninstall po-update
FUZZ_SECONDS ?= 60
all: $(OUT)/budgetlint build/budgetlint build/locale/zh_CN/LC_MESSAGES/budgetlint.mo

# the Chinese messages (gettext): the program finds build/locale beside build/budgetlint
# (or build/asan/budgetlint), and $(PREFIX)/share/locale when installed
build/locale/zh_CN/LC_MESSAGES/budgetlint.mo: po/zh_CN.po
	@mkdir -p $(@D)
	msgfmt --check -o $@.tmp $< && mv $@.tmp $@

# po/budgetlint.pot from the sources (make po-update; tests/i18n.sh checks the catalogue is complete)
I18N_SRCS = $(CLI_SRCS) emit/emit.c core/outfile.c
po-update:
	xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=die_usage:1 \
	  --package-name=budgetlint --no-location --sort-output -o po/budgetlint.pot $(I18N_SRCS)
	msgmerge --quiet --update --backup=none --no-fuzzy-matching po/zh_CN.po po/budgetlint.pot

build/budgetlint: $(OUT)/budgetlint
	@if [ "$(BUILD)" = release ]; then cp $< $@; fi

$(OUT)/gen/rules_doc.inc: $(RULE_DOCS) tools/gen_rules_doc.sh
	@mkdir -p $(@D)
	sh tools/gen_rules_doc.sh $(RULE_DOCS) > $@.tmp && mv $@.tmp $@

$(OUT)/validate/validate.o: $(OUT)/gen/rules_doc.inc

$(OUT)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(OUT)/libbudgetlint.a: $(LIB_OBJS)
	rm -f $@
	ar rcs $@ $^

CLI_SRCS := $(sort $(wildcard cli/*.c))

$(OUT)/budgetlint: $(CLI_SRCS:%.c=$(OUT)/%.o) $(OUT)/libbudgetlint.a
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(OUT)/unit_tests: $(UNIT_SRCS:%.c=$(OUT)/%.o) $(OUT)/libbudgetlint.a
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(OUT)/xcheck: $(OUT)/tests/xcheck/xcheck.o $(OUT)/libbudgetlint.a
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(OUT)/textpath: $(OUT)/bench/textpath.o $(OUT)/libbudgetlint.a
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(OUT)/mutate: $(OUT)/eval/mutate.o $(OUT)/libbudgetlint.a
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(OUT)/annots: $(OUT)/tests/xcheck/annots.o
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(OUT)/s2t: $(OUT)/tests/xcheck/s2t.o
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

unit: $(OUT)/unit_tests $(OUT)/xcheck $(OUT)/annots $(OUT)/s2t $(OUT)/mutate

# The whole suite: unit tests, fixture goldens, CLI behaviour and rule examples
# on the release build, then the unit tests and fixtures again under ASan/UBSan.
check test: deps
	$(MAKE) --no-print-directory all unit
	$(MAKE) --no-print-directory BUILD=asan build/asan/budgetlint build/asan/unit_tests
	sh tests/run.sh build/release build/asan

demo:
	sh tools/deps.sh build
	$(MAKE) --no-print-directory all
	sh tools/demo.sh build/budgetlint

deps:
	sh tools/deps.sh

fixtures: all
	sh tools/make_fixtures.sh

# the fixtures laid out as other programs print them (#13; dev-time, needs soffice)
LAYOUT_SRCS = fixtures/tables/src/*.tbl fixtures/prose/*.txt fixtures/src/seed.txt fixtures/src/nonfigures.txt
layouts:
	python3 tools/layouts.py --out fixtures/layouts --layout grid --layout dense --layout narrow \
	  --layout threeline --layout borderless --layout middle $(LAYOUT_SRCS)

# the DOCX and OFD twins of every fixture (#15): LibreOffice saves the sources as DOCX
# (the forms and their error variants, the seed and its variants, the prose reports);
# tools/ofd.py writes the fixture PDFs' glyphs and rules as OFD (Debian python3-pdfminer)
FORMAT_PDFS = $(patsubst %.expected.json,%.pdf,$(wildcard fixtures/*.expected.json))
formats:
	python3 tools/make_tables.py --docx fixtures/formats/docx
	python3 tools/make_fixtures.py --docx fixtures/formats/docx
	python3 tools/layouts.py --out build/formats --layout standard --to docx fixtures/prose/*.txt
	python3 tools/layouts.py --out build/formats --layout standard fixtures/prose/*.txt
	cp build/formats/standard/*.docx fixtures/formats/docx/
	/usr/bin/python3 tools/ofd.py --out fixtures/formats/ofd build/formats/standard/*.pdf fixtures/tables/*.pdf \
	    $(wildcard $(FORMAT_PDFS))
	python3 tools/make_docx.py fixtures/word/tracked.docx

# record nzh's answers again (needs node and npm, and the npm registry): tests/nzh.sh reads them
nzh-refresh:
	mkdir -p build/nzh
	npm install --silent --no-audit --no-fund --prefix build/nzh nzh@1.0.14
	node tests/xcheck/nzh_gen.js "$$(pwd)/build/nzh/node_modules/nzh" | gzip -9n > tests/xcheck/nzh-answers.tsv.gz.tmp
	mv tests/xcheck/nzh-answers.tsv.gz.tmp tests/xcheck/nzh-answers.tsv.gz

# the mutation harness: injected errors caught per rule family, false alarms on clean documents
eval: all $(OUT)/mutate
	sh eval/run.sh $(OUT)

# speed and memory figures (not a test): RUNS=3 GEN=1000 by default
bench: all $(OUT)/textpath
	sh bench/run.sh build/budgetlint

# libFuzzer targets (clang): each runs FUZZ_SECONDS; make check smoke-runs the seeds
fuzz:
	sh fuzz/run.sh $(FUZZ_SECONDS)

# install: the binary, its Chinese messages, the man page and shell completion under $(DESTDIR)$(PREFIX)
BINDIR := $(DESTDIR)$(PREFIX)/bin
MANDIR := $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR := $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR := $(DESTDIR)$(PREFIX)/share/zsh/site-functions
MODIR := $(DESTDIR)$(PREFIX)/share/locale/zh_CN/LC_MESSAGES
install: all
	install -d $(BINDIR) $(MANDIR) $(BASHDIR) $(ZSHDIR) $(MODIR)
	install -m 0755 build/budgetlint $(BINDIR)/budgetlint
	install -m 0644 build/locale/zh_CN/LC_MESSAGES/budgetlint.mo $(MODIR)/budgetlint.mo
	install -m 0644 docs/man/budgetlint.1 $(MANDIR)/budgetlint.1
	install -m 0644 tools/completion/budgetlint.bash $(BASHDIR)/budgetlint
	install -m 0644 tools/completion/_budgetlint $(ZSHDIR)/_budgetlint

uninstall:
	rm -f $(BINDIR)/budgetlint $(MANDIR)/budgetlint.1 $(BASHDIR)/budgetlint $(ZSHDIR)/_budgetlint $(MODIR)/budgetlint.mo

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
