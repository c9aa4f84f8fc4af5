# toteuma: see README.md. "make run" and "make test" install what they
# need on Debian 12; "make" only builds.

CC	?= cc
KORE_CFLAGS != cat /usr/share/kore/features 2>/dev/null || true
CFLAGS	?= -O2 -g
CFLAGS	+= -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter \
	   -Wmissing-prototypes -Wstrict-prototypes -Wshadow \
	   -I/usr/include/postgresql -I/usr/include/libxml2 -Ibuild -MMD -MP \
	   -D_FORTIFY_SOURCE=2 -fstack-protector-strong
LIBS	= -lvoikko -lstemmer -ljansson -lsodium -lpq -lxlsxwriter -lz -lbrotlienc \
	  -lcurl -lcrypto -loath -lqrencode -lzip -lxml2
# The mail sender (toteumactl mail) speaks SMTP through libcurl.
CTL_LIBS = -lm

# The layers, bottom up (docs/architecture.md). Each is compiled with
# the include paths of the layers below it and its own only, so an
# include that runs upward does not compile.
#   lib     buffers, UTF-8, escaping, templates, i18n, CSV, uploads, ...
#   domain  the product's concepts, without HTTP or a database
#   db      connections, statements, the catalogue, the rows of a view
#   web     the server, sessions, the page frame, answering a request
#   parts   public pages, staff, admin, import, rounds, reports,
#           exports, feeds, mail: each sits on web and sees no other part,
#           but for what its *_SEES line names
LIB_INC	   = -Isrc/lib
DOMAIN_INC = $(LIB_INC) -Isrc/domain
DB_INC	   = $(DOMAIN_INC) -Isrc/db
WEB_INC	   = $(DB_INC) -Isrc/web
PARTS	   = public staff admin import rounds reports exports feeds mail \
	     verdict api
# The staff dashboard shows the open round's request (rounds.h); an
# admin's action page has the admin's part of the form (admin.h).
staff_SEES = -Isrc/rounds -Isrc/admin

LIB_SRC	   = $(wildcard src/lib/*.c)
DOMAIN_SRC = $(wildcard src/domain/*.c)
# store.c, result.c and schema.c use libpq alone: toteumactl and the tests
# link them too.
DB_PURE	   = src/db/store.c src/db/result.c src/db/schema.c
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
	     build/pic/gen_functions.o build/pic/gen_varnames.o

.PHONY: all run stop test unit asan bench clean deps fuzz lint install FORCE
.DELETE_ON_ERROR:

all: toteuma.so toteumactl

toteuma.so: $(CORE_OBJ) $(SERVER_OBJ) $(GEN_OBJ)
	$(CC) -shared -o $@ $^ $(LIBS)

toteumactl: $(CORE_OBJ) $(CTL_OBJ) $(GEN_OBJ)
	$(CC) -o $@ $^ $(LIBS) $(CTL_LIBS)

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

# build/gen_KINDs.c embeds the files of one kind (build/embed KIND
# FILE...); po and sql keep their name.
EMBED_KINDS = migrations templates assets po sql functions
build/gen_migrations.c: $(MIGRATIONS)
build/gen_templates.c: $(TEMPLATES)
build/gen_assets.c: $(ASSETS)
build/gen_po.c: $(PO)
build/gen_sql.c: $(SQL)
build/gen_functions.c: $(FUNCTIONS)
build/migrations.list: LIST = $(MIGRATIONS)
build/templates.list: LIST = $(TEMPLATES)
build/assets.list: LIST = $(ASSETS)
build/po.list: LIST = $(PO)
build/sql.list: LIST = $(SQL)
build/functions.list: LIST = $(FUNCTIONS)
$(EMBED_KINDS:%=build/gen_%.c): build/gen_%.c: build/embed build/%.list
	build/embed $(patsubst %s,%,$*) $(filter-out build/embed build/%.list,$^) > $@
# The names of each kind's files, written again only when one comes or
# goes: a removed file remakes its gen_KINDs.c too.
$(EMBED_KINDS:%=build/%.list): FORCE
	@mkdir -p build
	@echo '$(LIST)' | cmp -s - $@ || echo '$(LIST)' > $@
FORCE:
# Every identifier-like string literal of the code and its headers (a
# form's err_csrf is FORM_CSRF's): the names a template variable can be
# set by (tmpl_check_names fails the start on others).
build/gen_varnames.c: $(LIB_SRC) $(DOMAIN_SRC) $(DB_SRC) $(DB_PURE) \
    $(WEB_SRC) $(PART_SRC) $(wildcard src/*/*.h)
	@mkdir -p build
	{ echo '/* Generated by the Makefile; do not edit. */'; \
	  echo '#include "embedded.h"'; \
	  echo 'const char *const template_var_names[] = {'; \
	  grep -ohE '"[a-z_][a-z0-9_]*"' $^ | LC_ALL=C sort -u | \
	      sed 's/$$/,/'; \
	  echo '};'; \
	  echo 'const size_t ntemplate_var_names ='; \
	  echo '    sizeof(template_var_names) / sizeof(template_var_names[0]);'; \
	} > $@

# Unit tests: pure modules only, linked without Kore.
build/test_%: tests/unit/test_%.c $(CORE_OBJ) $(GEN_OBJ) tests/unit/unit.h
	$(CC) $(CFLAGS) $(DB_INC) -Itests/unit -o $@ $< $(CORE_OBJ) $(GEN_OBJ) \
	    $(LIBS)

# The compression test reads brotli back.
build/test_compress build/asan/test_compress: LIBS += -lbrotlidec

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
	     build/gen_po.c build/gen_sql.c build/gen_functions.c \
	     build/gen_varnames.c

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
	       build/fuzz/fuzz_multipart build/fuzz/fuzz_view \
	       build/fuzz/fuzz_forms build/fuzz/fuzz_jwt build/fuzz/fuzz_xlsx
FUZZ_SRC     = $(addprefix src/lib/,buf.c date.c utf8.c csv.c params.c i18n.c \
	       multipart.c msg.c sqlq.c url.c mem.c form.c tmpl.c html.c auth.c \
	       embedded.c compress.c mime.c jwt.c oidc.c httpc.c totp.c \
	       xlsx.c) \
	       $(addprefix src/domain/,schedule.c status.c table.c \
	       search.c view.c labels.c) $(wildcard src/domain/*_form.c)
FUZZ_SECONDS ?= 60

build/fuzz/%: fuzz/%.c $(FUZZ_SRC) $(wildcard fuzz/*.h)
	@mkdir -p build/fuzz
	clang -g -O1 $(DOMAIN_INC) -I/usr/include/libxml2 \
	    -fsanitize=fuzzer,address,undefined -o $@ $< \
	    $(FUZZ_SRC) -ljansson -lvoikko -lstemmer -lsodium -lz -lbrotlienc \
	    -lcurl -lcrypto -loath -lqrencode -lzip -lxml2

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
	@# Style too, but for declarations at the top of a function
	@# (style(9)) and members only the other layers read.
	cppcheck --quiet --language=c --std=c11 --error-exitcode=1 \
	    --enable=warning,portability,performance,style --inline-suppr \
	    --suppress=missingIncludeSystem --suppress=variableScope \
	    --suppress=unusedStructMember $(LINT_INC) src fuzz tests/unit
	@# HTML only through the escaping writer and the template engine.
	@! grep -nE '(\.|->)b\.(data|len)|buf_[a-z]+\(&[^,)]*(\.|->)b[,)]' \
	    $$(ls src/*/*.c | grep -v '^src/lib/') || \
	    { echo "a raw write into HTML outside src/lib (above)"; exit 1; }
	@# A function on one screen, but for a parser kept in one piece.
	@awk -f tools/long-functions.awk src/*/*.c
	@# 80 columns, a tab reaching the next multiple of 8 (style(9)).
	@! for f in src/*/*.[ch] fuzz/*.c tests/unit/*.[ch] tests/limits.c; do \
	    expand "$$f" | awk -v f="$$f" 'length > 80 { print f ":" NR }'; \
	    done | grep . || { echo "lines over 80 columns (above)"; exit 1; }

deps:
	@scripts/deps.sh run

run: deps
	@$(MAKE) --no-print-directory all
	@scripts/run.sh start

stop:
	@scripts/run.sh stop

test:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory -j2 all $(UNIT_TESTS) $(ASAN_TESTS) \
	    build/toteuma-asan.so build/limits $(FUZZ_TARGETS) \
	    tests/node_modules/.installed
	@tests/run

# Test tools from npm (playwright-core, axe-core); never a browser download.
tests/node_modules/.installed: tests/package.json tests/package-lock.json
	cd tests && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit \
	    --no-fund --loglevel=error
	touch $@

bench: bench/lighthouse/node_modules/.installed
	@scripts/deps.sh bench
	@$(MAKE) --no-print-directory all
	@bench/run.sh
	@bench/scale.sh

# Lighthouse for make bench only: make test does not need it.
bench/lighthouse/node_modules/.installed: bench/lighthouse/package.json \
    bench/lighthouse/package-lock.json
	cd bench/lighthouse && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The production layout (docs/deploy.md): the module, toteumactl, the
# manual, Kore's configuration (workers as "toteuma" in $(CHROOT)), the
# environment file, the systemd units (the server, the mail sender) with
# their sysusers and tmpfiles
# entries, and the nginx site. An existing environment file or nginx
# site is kept: they hold the county's own settings.
PREFIX	    ?= /usr/local
BINDIR	    ?= $(PREFIX)/bin
LIBDIR	    ?= $(PREFIX)/lib/toteuma
MANDIR	    ?= $(PREFIX)/share/man
DOCDIR	    ?= $(PREFIX)/share/doc/toteuma
SYSCONFDIR  ?= /etc
UNITDIR	    ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
TMPFILESDIR ?= $(PREFIX)/lib/tmpfiles.d
CHROOT	    ?= /var/lib/toteuma/root
INSTALL_SED = sed -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' \
	      -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@CHROOT@|$(CHROOT)|g' \
	      -e 's|@DOCDIR@|$(DOCDIR)|g'

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) \
	    $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(DOCDIR) \
	    $(DESTDIR)$(SYSCONFDIR)/toteuma \
	    $(DESTDIR)$(SYSCONFDIR)/nginx/sites-available \
	    $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR) \
	    $(DESTDIR)$(TMPFILESDIR)
	install -m 0755 toteumactl $(DESTDIR)$(BINDIR)/toteumactl
	install -m 0644 toteuma.so $(DESTDIR)$(LIBDIR)/toteuma.so
	install -m 0644 docs/toteumactl.8 $(DESTDIR)$(MANDIR)/man8/
	install -m 0644 README.md docs/*.md $(DESTDIR)$(DOCDIR)/
	KORE_MODULE=$(LIBDIR)/toteuma.so KORE_HOST=127.0.0.1 KORE_PORT=8080 \
	    KORE_WORKERS=auto KORE_PIDFILE=/run/toteuma/kore.pid \
	    KORE_RUNAS=toteuma KORE_ROOT=$(CHROOT) scripts/kore-conf.sh \
	    >$(DESTDIR)$(SYSCONFDIR)/toteuma/kore.conf
	chmod 0644 $(DESTDIR)$(SYSCONFDIR)/toteuma/kore.conf
	test -e $(DESTDIR)$(SYSCONFDIR)/toteuma/toteuma.env || \
	    install -m 0640 dist/toteuma.env.in \
	    $(DESTDIR)$(SYSCONFDIR)/toteuma/toteuma.env
	test -e $(DESTDIR)$(SYSCONFDIR)/nginx/sites-available/toteuma || \
	    install -m 0644 dist/nginx-toteuma.conf \
	    $(DESTDIR)$(SYSCONFDIR)/nginx/sites-available/toteuma
	$(INSTALL_SED) dist/toteuma.service.in \
	    >$(DESTDIR)$(UNITDIR)/toteuma.service
	$(INSTALL_SED) dist/toteuma-mail.service.in \
	    >$(DESTDIR)$(UNITDIR)/toteuma-mail.service
	install -m 0644 dist/toteuma.sysusers \
	    $(DESTDIR)$(SYSUSERSDIR)/toteuma.conf
	$(INSTALL_SED) dist/toteuma.tmpfiles.in \
	    >$(DESTDIR)$(TMPFILESDIR)/toteuma.conf
	chmod 0644 $(DESTDIR)$(UNITDIR)/toteuma.service \
	    $(DESTDIR)$(UNITDIR)/toteuma-mail.service \
	    $(DESTDIR)$(TMPFILESDIR)/toteuma.conf

clean:
	rm -rf build toteuma.so toteumactl

-include $(wildcard build/*.d build/*/*.d build/*/*/*.d)
