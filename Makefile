# toteuma: see README.md. "make run" and "make test" install what they
# need on Debian 12; "make" only builds.

CC	?= cc
KORE_CFLAGS != cat /usr/share/kore/features 2>/dev/null || true
CFLAGS	?= -O2 -g
CFLAGS	+= -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter \
	   -Wmissing-prototypes -Wstrict-prototypes -Wshadow \
	   -I/usr/include/postgresql -Ibuild -MMD -MP \
	   -D_FORTIFY_SOURCE=2 -fstack-protector-strong
LIBS	= -lvoikko -ljansson -lsodium -lpq -lxlsxwriter

# The layers, bottom up (docs/architecture.md). Each is compiled with
# the include paths of the layers below it and its own only, so an
# include that runs upward does not compile.
#   lib     buffers, UTF-8, escaping, templates, i18n, CSV, uploads, ...
#   domain  the product's concepts, without HTTP or a database
#   db      connections, statements, the catalogue, the rows of a view
#   web     the server, sessions, the page frame, answering a request
#   parts   public pages, staff, admin, import, rounds, reports,
#           exports, feeds: each sits on web and sees no other part,
#           but for what its *_SEES line names
LIB_INC	   = -Isrc/lib
DOMAIN_INC = $(LIB_INC) -Isrc/domain
DB_INC	   = $(DOMAIN_INC) -Isrc/db
WEB_INC	   = $(DB_INC) -Isrc/web
PARTS	   = public staff admin import rounds reports exports feeds
# The staff dashboard shows the open round's request (rounds.h); an
# admin's action page has the admin's part of the form (admin.h).
staff_SEES = -Isrc/rounds -Isrc/admin

LIB_SRC	   = $(wildcard src/lib/*.c)
DOMAIN_SRC = $(wildcard src/domain/*.c)
# store.c uses libpq alone: toteumactl and the tests link it too.
DB_PURE	   = src/db/store.c
DB_SRC	   = $(filter-out $(DB_PURE),$(wildcard src/db/*.c))
WEB_SRC	   = $(wildcard src/web/*.c)
PART_SRC   = $(foreach p,$(PARTS),$(wildcard src/$(p)/*.c))
CTL_SRC	   = $(wildcard src/ctl/*.c)

# Pure modules: no Kore, shared by the server, toteumactl and the tests.
CORE_SRC   = $(LIB_SRC) $(DOMAIN_SRC) $(DB_PURE)
SERVER_SRC = $(DB_SRC) $(WEB_SRC) $(PART_SRC)

MIGRATIONS = $(sort $(wildcard migrations/*.sql))
SQL	   = sql/privileges.sql
FUNCTIONS  = $(sort $(wildcard sql/functions/*.sql))
TEMPLATES  = $(sort $(wildcard templates/*.html))
ASSETS	   = $(sort $(wildcard assets/*))
PO	   = po/fi.po po/sv.po po/en.po

UNIT_TESTS = $(patsubst tests/unit/%.c,build/%,$(wildcard tests/unit/test_*.c))

CORE_OBJ   = $(CORE_SRC:src/%.c=build/pic/%.o)
SERVER_OBJ = $(SERVER_SRC:src/%.c=build/pic/%.o)
CTL_OBJ	   = $(CTL_SRC:src/%.c=build/pic/%.o)
GEN_OBJ	   = build/pic/gen_migrations.o build/pic/gen_templates.o \
	     build/pic/gen_assets.o build/pic/gen_po.o build/pic/gen_sql.o \
	     build/pic/gen_functions.o

.PHONY: all run stop test unit asan bench clean deps fuzz lint
.DELETE_ON_ERROR:

all: toteuma.so toteumactl

toteuma.so: $(CORE_OBJ) $(SERVER_OBJ) $(GEN_OBJ)
	$(CC) -shared -o $@ $^ $(LIBS)

toteumactl: $(CORE_OBJ) $(CTL_OBJ) $(GEN_OBJ)
	$(CC) -o $@ $^ $(LIBS)

# Include paths by layer, for every flavour of object.
OBJ_DIRS   = build/pic build/asan build/asan-pic
$(foreach d,$(OBJ_DIRS),$(eval $(d)/lib/%.o: INC = $(LIB_INC)))
$(foreach d,$(OBJ_DIRS),$(eval $(d)/domain/%.o: INC = $(DOMAIN_INC)))
$(foreach d,$(OBJ_DIRS),$(eval $(d)/db/%.o: INC = $(DB_INC)))
$(foreach d,$(OBJ_DIRS),$(eval $(d)/web/%.o: INC = $(WEB_INC)))
$(foreach d,$(OBJ_DIRS),$(foreach p,$(PARTS),\
    $(eval $(d)/$(p)/%.o: INC = $(WEB_INC) $($(p)_SEES))))
build/pic/ctl/%.o: INC = $(DB_INC)
ALL_INC	   = $(WEB_INC)

build/pic/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(INC) $(KORE_CFLAGS) -fPIC -c -o $@ $<

build/pic/gen_%.o: build/gen_%.c
	$(CC) $(CFLAGS) $(LIB_INC) -fPIC -c -o $@ $<

build/embed: tools/embed.c
	@mkdir -p build/pic
	$(CC) -O2 -Wall -Wextra -o $@ $<

build/gen_migrations.c: build/embed $(MIGRATIONS)
	build/embed migration $(MIGRATIONS) > $@
build/gen_templates.c: build/embed $(TEMPLATES)
	build/embed template $(TEMPLATES) > $@
build/gen_assets.c: build/embed $(ASSETS)
	build/embed asset $(ASSETS) > $@
build/gen_po.c: build/embed $(PO)
	build/embed po $(PO) > $@
build/gen_sql.c: build/embed $(SQL)
	build/embed sql $(SQL) > $@
build/gen_functions.c: build/embed $(FUNCTIONS)
	build/embed function $(FUNCTIONS) > $@

# Unit tests: pure modules only, linked without Kore.
build/test_%: tests/unit/test_%.c $(CORE_OBJ) $(GEN_OBJ) tests/unit/unit.h
	$(CC) $(CFLAGS) $(DB_INC) -Itests/unit -o $@ $< $(CORE_OBJ) $(GEN_OBJ) \
	    $(LIBS)

# The forms' limits as an SQL test (tests/sql.sh runs it).
build/limits: tests/limits.c $(CORE_OBJ) $(GEN_OBJ)
	$(CC) $(CFLAGS) $(DB_INC) -o $@ $< $(CORE_OBJ) $(GEN_OBJ) $(LIBS)

unit: $(UNIT_TESTS)
	@for t in $(UNIT_TESTS); do $$t || exit 1; done

# The unit tests again under AddressSanitizer and UBSan.
ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	     -fno-sanitize-recover=all
ASAN_TESTS = $(UNIT_TESTS:build/%=build/asan/%)
GEN_SRC	   = build/gen_migrations.c build/gen_templates.c build/gen_assets.c \
	     build/gen_po.c build/gen_sql.c build/gen_functions.c

ASAN_OBJ   = $(CORE_SRC:src/%.c=build/asan/%.o) \
	     $(GEN_SRC:build/%.c=build/asan/%.o)

build/asan/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(INC) $(ASAN_FLAGS) -c -o $@ $<

build/asan/gen_%.o: build/gen_%.c
	@mkdir -p build/asan
	$(CC) $(CFLAGS) $(LIB_INC) $(ASAN_FLAGS) -c -o $@ $<

build/asan/test_%: tests/unit/test_%.c $(ASAN_OBJ) tests/unit/unit.h
	$(CC) $(CFLAGS) $(DB_INC) $(ASAN_FLAGS) -Itests/unit -o $@ $< \
	    $(ASAN_OBJ) $(LIBS)

# The server module under AddressSanitizer and UBSan, for the HTTP tests.
ASAN_PIC_OBJ = $(CORE_SRC:src/%.c=build/asan-pic/%.o) \
	       $(SERVER_SRC:src/%.c=build/asan-pic/%.o) \
	       $(GEN_SRC:build/%.c=build/asan-pic/%.o)

build/asan-pic/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(INC) $(ASAN_FLAGS) $(KORE_CFLAGS) -fPIC -c -o $@ $<

build/asan-pic/gen_%.o: build/gen_%.c
	@mkdir -p build/asan-pic
	$(CC) $(CFLAGS) $(LIB_INC) $(ASAN_FLAGS) -fPIC -c -o $@ $<

build/toteuma-asan.so: $(ASAN_PIC_OBJ)
	$(CC) -shared $(ASAN_FLAGS) -o $@ $^ $(LIBS)

asan: $(ASAN_TESTS)
	@for t in $(ASAN_TESTS); do \
	    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    $$t | sed 's/^\(not \)*ok [0-9]* - /&[asan] /' || exit 1; done

# libFuzzer targets for the parsers of outside input (needs clang).
FUZZ_TARGETS = build/fuzz/fuzz_csv build/fuzz/fuzz_params build/fuzz/fuzz_po \
	       build/fuzz/fuzz_multipart build/fuzz/fuzz_view
FUZZ_SRC     = $(addprefix src/lib/,buf.c utf8.c csv.c params.c i18n.c \
	       multipart.c msg.c sqlq.c url.c mem.c) \
	       $(addprefix src/domain/,schedule.c status.c table.c \
	       action_form.c search.c view.c)
FUZZ_SECONDS ?= 60

build/fuzz/%: fuzz/%.c $(FUZZ_SRC)
	@mkdir -p build/fuzz
	clang -g -O1 $(DOMAIN_INC) -fsanitize=fuzzer,address,undefined -o $@ $< \
	    $(FUZZ_SRC) -ljansson -lvoikko

fuzz: $(FUZZ_TARGETS)
	@for t in $(FUZZ_TARGETS); do \
	    n=$$(basename $$t); c=fuzz/corpus/$${n#fuzz_}; \
	    mkdir -p build/fuzz/corpus-$$n; \
	    $$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	        build/fuzz/corpus-$$n $$c || exit 1; done

# Static analysis, clean: cppcheck on every C file of the product, the
# fuzz targets and the unit tests (make test runs it).
LINT_INC = $(WEB_INC) $(foreach p,$(PARTS),-Isrc/$(p)) -Isrc/ctl
lint:
	cppcheck --quiet --language=c --std=c11 --error-exitcode=1 \
	    --enable=warning,portability,performance --inline-suppr \
	    --suppress=missingIncludeSystem $(LINT_INC) src fuzz tests/unit
	@# HTML only through the escaping writer and the template engine.
	@! grep -nE '(\.|->)b\.(data|len)|buf_[a-z]+\(&[^,)]*(\.|->)b[,)]' \
	    $$(ls src/*/*.c | grep -v '^src/lib/') || \
	    { echo "a raw write into HTML outside src/lib (above)"; exit 1; }

deps:
	@scripts/deps.sh run

run: deps
	@$(MAKE) --no-print-directory all
	@scripts/run.sh start

stop:
	@scripts/run.sh stop

test:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory all $(UNIT_TESTS) $(ASAN_TESTS) \
	    build/toteuma-asan.so build/limits tests/node_modules/.installed
	@tests/run

# Test tools from npm (playwright-core, axe-core); never a browser download.
tests/node_modules/.installed: tests/package.json tests/package-lock.json
	cd tests && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit \
	    --no-fund --loglevel=error
	touch $@

bench:
	@scripts/deps.sh bench
	@$(MAKE) --no-print-directory all
	@bench/run.sh

clean:
	rm -rf build toteuma.so toteumactl

-include $(wildcard build/*.d build/*/*.d build/*/*/*.d)
