# toteuma: see README.md. "make run" and "make test" install what they
# need on Debian 12; "make" only builds.

CC	?= cc
KORE_CFLAGS != cat /usr/share/kore/features 2>/dev/null || true
CFLAGS	?= -O2 -g
CFLAGS	+= -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter \
	   -Wmissing-prototypes -Wstrict-prototypes -Wshadow \
	   -I/usr/include/postgresql -Isrc -Ibuild -MMD -MP \
	   -D_FORTIFY_SOURCE=2 -fstack-protector-strong
LIBS	= -lvoikko -ljansson -lsodium -lpq -lxlsxwriter

# Pure modules: no Kore, shared by the server, toteumactl and the tests.
CORE_SRC = src/buf.c src/utf8.c src/sqlq.c src/view.c src/netaddr.c src/csv.c src/schedule.c src/status.c \
	   src/table.c src/search.c src/store.c src/i18n.c src/embedded.c \
	   src/tmpl.c src/html.c src/params.c src/cache.c src/url.c \
	   src/search_index.c src/auth.c src/action_form.c src/multipart.c \
	   src/msg.c src/feed.c
SERVER_SRC = src/server.c src/db.c src/catalog.c src/http_public.c src/http_util.c \
	   src/session.c src/backend.c src/http_auth.c src/http_backend.c \
	   src/http_admin.c src/http_admin_users.c src/http_import.c \
	   src/http_admin_actions.c src/export.c src/http_export.c \
	   src/http_rounds.c \
	   src/report.c src/http_report.c src/http_snapshot.c \
	   src/pages.c src/http_feed.c src/conn.c
CTL_SRC	= src/ctl/toteumactl.c src/ctl/migrate.c src/ctl/transfer.c \
	   src/ctl/user.c src/ctl/prune.c

MIGRATIONS = $(sort $(wildcard migrations/*.sql))
SQL	   = $(sort $(wildcard sql/*.sql))
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

.PHONY: all run stop test unit asan bench clean deps fuzz
.DELETE_ON_ERROR:

all: toteuma.so toteumactl

toteuma.so: $(CORE_OBJ) $(SERVER_OBJ) $(GEN_OBJ)
	$(CC) -shared -o $@ $^ $(LIBS)

toteumactl: $(CORE_OBJ) $(CTL_OBJ) $(GEN_OBJ)
	$(CC) -o $@ $^ $(LIBS)

build/pic/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(KORE_CFLAGS) -fPIC -c -o $@ $<

build/pic/gen_%.o: build/gen_%.c
	$(CC) $(CFLAGS) -fPIC -c -o $@ $<

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
	$(CC) $(CFLAGS) -Itests/unit -o $@ $< $(CORE_OBJ) $(GEN_OBJ) $(LIBS)

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
	@mkdir -p build/asan
	$(CC) $(CFLAGS) $(ASAN_FLAGS) -c -o $@ $<

build/asan/gen_%.o: build/gen_%.c
	@mkdir -p build/asan
	$(CC) $(CFLAGS) $(ASAN_FLAGS) -c -o $@ $<

build/asan/test_%: tests/unit/test_%.c $(ASAN_OBJ) tests/unit/unit.h
	$(CC) $(CFLAGS) $(ASAN_FLAGS) -Itests/unit -o $@ $< $(ASAN_OBJ) $(LIBS)

# The server module under AddressSanitizer and UBSan, for the HTTP tests.
ASAN_PIC_OBJ = $(CORE_SRC:src/%.c=build/asan-pic/%.o) \
	       $(SERVER_SRC:src/%.c=build/asan-pic/%.o) \
	       $(GEN_SRC:build/%.c=build/asan-pic/%.o)

build/asan-pic/%.o: src/%.c
	@mkdir -p build/asan-pic
	$(CC) $(CFLAGS) $(ASAN_FLAGS) $(KORE_CFLAGS) -fPIC -c -o $@ $<

build/asan-pic/gen_%.o: build/gen_%.c
	@mkdir -p build/asan-pic
	$(CC) $(CFLAGS) $(ASAN_FLAGS) -fPIC -c -o $@ $<

build/toteuma-asan.so: $(ASAN_PIC_OBJ)
	$(CC) -shared $(ASAN_FLAGS) -o $@ $^ $(LIBS)

asan: $(ASAN_TESTS)
	@for t in $(ASAN_TESTS); do \
	    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    $$t | sed 's/^\(not \)*ok [0-9]* - /&[asan] /' || exit 1; done

# libFuzzer targets for the parsers of outside input (needs clang).
FUZZ_TARGETS = build/fuzz/fuzz_csv build/fuzz/fuzz_params build/fuzz/fuzz_po \
	       build/fuzz/fuzz_multipart build/fuzz/fuzz_view
FUZZ_SRC     = src/buf.c src/utf8.c src/csv.c src/schedule.c src/status.c \
	       src/table.c src/params.c src/i18n.c src/multipart.c \
	       src/action_form.c src/msg.c src/search.c src/sqlq.c src/view.c
FUZZ_SECONDS ?= 60

build/fuzz/%: fuzz/%.c $(FUZZ_SRC)
	@mkdir -p build/fuzz
	clang -g -O1 -Isrc -fsanitize=fuzzer,address,undefined -o $@ $< \
	    $(FUZZ_SRC) -ljansson -lvoikko

fuzz: $(FUZZ_TARGETS)
	@for t in $(FUZZ_TARGETS); do \
	    n=$$(basename $$t); c=fuzz/corpus/$${n#fuzz_}; \
	    mkdir -p build/fuzz/corpus-$$n; \
	    $$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	        build/fuzz/corpus-$$n $$c || exit 1; done

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
	    build/toteuma-asan.so tests/node_modules/.installed
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

-include $(wildcard build/pic/*.d build/pic/ctl/*.d build/*.d build/asan/*.d \
    build/asan-pic/*.d)
