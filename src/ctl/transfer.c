/*
 * toteumactl import and export: a process's table in the published CSV
 * layout. Import checks the whole file first and writes nothing unless
 * every row is valid; a file that matches what is stored changes
 * nothing at all.
 */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "buf.h"
#include "ctl.h"
#include "import_form.h"
#include "process_form.h"
#include "result.h"
#include "search.h"
#include "store.h"
#include "table.h"
#include "utf8.h"
#include "xlsx.h"

#define IMPORT_MAX_FILE		(64 * 1024 * 1024)

static int	read_file(const char *, struct buf *);
static int	load_statuses(PGconn *, struct status_list *);
static int	load_table(PGconn *, const char *, const struct status_list *,
		    struct table *, int *);
struct import_args;
static int	text_fits(const char *, int);
static int	import_args(int, char **, struct import_args *);
static void	import_problems(const char *, const struct msg_problems *);
static void	table_count(const struct table *, size_t *, size_t *);
static int	import_unchanged(PGconn *, const struct import_args *,
		    const struct status_list *, const struct table *, int *);
static int	import_failed(PGconn *, const char *);
static int	import_send(PGconn *, const char *, const char *,
		    const char *);
static int	import_wait(PGconn *, const char *);
static int	import_merge(PGconn *, json_t *, struct table *, struct buf *,
		    const char *);

static int
read_file(const char *path, struct buf *b)
{
	FILE	*f;
	char	 chunk[65536];
	size_t	 n;

	if (strcmp(path, "-") == 0)
		f = stdin;
	else if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "toteumactl: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		buf_append(b, chunk, n);
		if (b->len > IMPORT_MAX_FILE) {
			fprintf(stderr, "toteumactl: %s: the file is larger "
			    "than %d MB\n", path, IMPORT_MAX_FILE >> 20);
			if (f != stdin)
				fclose(f);
			return -1;
		}
	}
	if (ferror(f)) {
		fprintf(stderr, "toteumactl: %s: read error\n", path);
		if (f != stdin)
			fclose(f);
		return -1;
	}
	if (f != stdin)
		fclose(f);
	return 0;
}

static int
load_statuses(PGconn *conn, struct status_list *sl)
{
	PGresult	*res;

	if ((res = ctl_query(conn, STORE_SQL_STATUSES, 0, NULL)) == NULL)
		return -1;
	store_statuses(res, sl);
	PQclear(res);
	return 0;
}

/*
 * Reads a process's stored table. *exists is 0 when there is no such
 * process (the table is then empty).
 */
static int
load_table(PGconn *conn, const char *slug, const struct status_list *sl,
    struct table *t, int *exists)
{
	PGresult	*res, *recs = NULL, *acts = NULL;
	const char	*params[1];
	int		 rc = -1;

	memset(t, 0, sizeof(*t));
	params[0] = slug;
	if ((res = ctl_query(conn, "SELECT id FROM process WHERE slug = $1",
	    1, params)) == NULL)
		return -1;
	*exists = PQntuples(res) == 1;
	if (!*exists) {
		PQclear(res);
		return 0;
	}
	params[0] = res_text(res, 0, "id");
	if ((recs = ctl_query(conn, STORE_SQL_RECOMMENDATIONS, 1,
	    params)) == NULL)
		goto out;
	if ((acts = ctl_query(conn, STORE_SQL_ACTIONS, 1, params)) == NULL)
		goto out;
	if (store_table(recs, acts, sl, t) == -1) {
		fprintf(stderr, "toteumactl: the stored process is "
		    "inconsistent\n");
		goto out;
	}
	rc = 0;
out:
	PQclear(res);
	PQclear(recs);
	PQclear(acts);
	return rc;
}


/* What "toteumactl import" was asked to do. */
struct import_args {
	const char	*slug;
	const char	*title;		/* NULL: keep, or the slug when new */
	const char	*file;
	const char	*sheet;		/* --sheet: of a workbook */
	int		 dry;
	int		 publish;	/* --publish: publish it too */
};

/* Whether s is 1 to max characters of UTF-8. */
static int
text_fits(const char *s, int max)
{
	size_t	n = strlen(s);

	return n > 0 && utf8_check(s, n) == n &&
	    utf8_length(s, n) <= (size_t)max;
}

/* 0, or 2 after saying what is wrong with the command line. */
static int
import_args(int argc, char **argv, struct import_args *a)
{
	static const struct option opts[] = {
		{ "process", required_argument, NULL, 'p' },
		{ "title", required_argument, NULL, 't' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "publish", no_argument, NULL, 'P' },
		{ "sheet", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	int	c;

	memset(a, 0, sizeof(*a));
	optind = 1;
	while ((c = getopt_long(argc, argv, "p:t:nPs:", opts, NULL)) != -1) {
		switch (c) {
		case 'p': a->slug = optarg; break;
		case 't': a->title = optarg; break;
		case 'n': a->dry = 1; break;
		case 'P': a->publish = 1; break;
		case 's': a->sheet = optarg; break;
		default: goto usage;
		}
	}
	if (a->slug == NULL || optind != argc - 1)
		goto usage;
	a->file = argv[optind];
	if (!process_slug_valid(a->slug)) {
		fprintf(stderr, "toteumactl: \"%s\" is not a valid process "
		    "slug: use 1-64 lowercase letters a-z, digits and single "
		    "hyphens\n", a->slug);
		return 2;
	}
	if (a->title != NULL && !text_fits(a->title, PROCESS_TITLE_MAX)) {
		fprintf(stderr, "toteumactl: a title is 1-%d characters of "
		    "UTF-8\n", PROCESS_TITLE_MAX);
		return 2;
	}
	if (a->sheet != NULL && !text_fits(a->sheet, IMPORT_SHEET_MAX)) {
		fprintf(stderr, "toteumactl: a sheet name is 1-%d characters "
		    "of UTF-8\n", IMPORT_SHEET_MAX);
		return 2;
	}
	return 0;
usage:
	fputs("usage: toteumactl import --process SLUG [--title TITLE] "
	    "[--publish] [--dry-run] [--sheet NAME] FILE.csv|FILE.xlsx\n",
	    stderr);
	return 2;
}

/*
 * Every problem of a file that was not read, by line and column (or,
 * in a workbook, by cell).
 */
static void
import_problems(const char *file, const struct msg_problems *pr)
{
	char	place[32], why[480];
	size_t	i;

	for (i = 0; i < pr->count; i++) {
		msg_english(&pr->items[i].why, why, sizeof(why));
		table_problem_place(pr, &pr->items[i], place, sizeof(place));
		fprintf(stderr, "%s:%s: ", file, place);
		if (pr->items[i].column >= 0 &&
		    pr->items[i].column < TABLE_COLUMNS)
			fprintf(stderr, "column %s: ",
			    table_headers[pr->items[i].column]);
		fprintf(stderr, "%s\n", why);
	}
	if (pr->more > 0)
		fprintf(stderr, "%s: %zu more problems\n", file, pr->more);
	fprintf(stderr, "toteumactl: %s was not imported; nothing was "
	    "changed\n", file);
}

static void
table_count(const struct table *t, size_t *nrecs, size_t *nactions)
{
	size_t	i, j;

	*nrecs = t->nrecs;
	*nactions = 0;
	for (i = 0; i < t->nrecs; i++) {
		*nactions += t->recs[i].nactions;
		for (j = 0; j < t->recs[i].nchildren; j++)
			*nactions += t->recs[i].children[j].nactions;
	}
}

/*
 * 1 when t and the title are what is stored for the process (and it is
 * published when --publish asks for it), 0 when not (or there is no
 * such process: *exists 0), -1 on failure.
 */
static int
import_unchanged(PGconn *conn, const struct import_args *a,
    const struct status_list *sl, const struct table *t, int *exists)
{
	struct table	 stored;
	struct buf	 before, after;
	PGresult	*res = NULL;
	const char	*params[1] = { a->slug };
	int		 rc = -1;

	buf_init(&before);
	buf_init(&after);
	if (load_table(conn, a->slug, sl, &stored, exists) == -1)
		goto out;
	rc = 0;
	if (!*exists)
		goto out;
	table_write(&stored, sl, ',', &before);
	table_write(t, sl, ',', &after);
	if ((res = ctl_query(conn, "SELECT title, CASE WHEN published THEN "
	    "'1' ELSE '' END AS published FROM process WHERE slug = $1", 1,
	    params)) == NULL) {
		rc = -1;
		goto out;
	}
	rc = before.len == after.len && memcmp(before.data, after.data,
	    before.len) == 0 && (a->title == NULL ||
	    strcmp(a->title, res_text(res, 0, "title")) == 0) &&
	    (!a->publish || res_text(res, 0, "published")[0] != '\0');
out:
	PQclear(res);
	table_free(&stored);
	buf_free(&before);
	buf_free(&after);
	return rc;
}

/* Says why the merge failed and rolls it back: -1. */
static int
import_failed(PGconn *conn, const char *file)
{
	fprintf(stderr, "toteumactl: %s", PQerrorMessage(conn));
	PQclear(PQexec(conn, "ROLLBACK"));
	fprintf(stderr, "toteumactl: %s was not imported; nothing was "
	    "changed\n", file);
	return -1;
}

/*
 * Opens the import's transaction and sends query with document json,
 * without waiting (import_wait waits): 0, or -1 (nothing changed).
 */
static int
import_send(PGconn *conn, const char *query, const char *json,
    const char *file)
{
	PGresult	*res;
	const char	*params[1];

	if (json == NULL) {
		fputs("toteumactl: could not encode the import\n", stderr);
		if (PQtransactionStatus(conn) != PQTRANS_IDLE)
			return import_failed(conn, file);
		return -1;
	}
	params[0] = json;
	if (PQtransactionStatus(conn) == PQTRANS_IDLE) {
		if ((res = ctl_query(conn, "BEGIN", 0, NULL)) == NULL)
			return -1;
		PQclear(res);
		PQclear(PQexec(conn, "SET LOCAL toteuma.actor = "
		    "'toteumactl import'"));
	}
	/* libpq has copied the document once this returns. */
	if (!PQsendQueryParams(conn, query, 1, NULL, params, NULL, NULL, 0))
		return import_failed(conn, file);
	return 0;
}

/* Waits for what import_send sent: 0, or -1 (rolled back). */
static int
import_wait(PGconn *conn, const char *file)
{
	PGresult	*res, *last = NULL;
	int		 ok;

	while ((res = PQgetResult(conn)) != NULL) {
		PQclear(last);
		last = res;
	}
	ok = PQresultStatus(last) == PGRES_TUPLES_OK;
	PQclear(last);
	return ok ? 0 : import_failed(conn, file);
}

/*
 * Merges doc (taken) and commits: 0, or -1 (nothing changed). The
 * database stages the file while the search terms of its actions are
 * made here, and merges once they come; what the client holds is freed
 * while the database merges.
 */
static int
import_merge(PGconn *conn, json_t *doc, struct table *t, struct buf *data,
    const char *file)
{
	PGresult	*res;
	json_t		*terms;
	char		*json;
	int		 rc;

	buf_free(data);
	json = json_dumps(doc, JSON_COMPACT);
	rc = import_send(conn, "SELECT process_import_stage($1::jsonb)",
	    json, file);
	free(json);
	terms = store_import_terms(t);
	json_object_set(terms, "slug", json_object_get(doc, "slug"));
	json_decref(doc);
	json = json_dumps(terms, JSON_COMPACT);
	json_decref(terms);
	if (rc == 0 && (rc = import_wait(conn, file)) == 0)
		rc = import_send(conn,
		    "SELECT process_import_finish($1::jsonb)", json, file);
	free(json);
	table_free(t);
	search_fini();
	if (rc == -1 || import_wait(conn, file) == -1 ||
	    (res = ctl_query(conn, "COMMIT", 0, NULL)) == NULL)
		return -1;
	PQclear(res);
	return 0;
}

int
ctl_import(int argc, char **argv)
{
	struct import_args	 a;
	struct status_list	 sl = { NULL, 0 };
	struct table		 t;
	struct msg_problems	 pr;
	struct buf		 data;
	PGconn			*conn = NULL;
	json_t			*doc = NULL;
	char			 err[200];
	size_t			 nrecs, nactions;
	int			 exists, merged, rc;

	if ((rc = import_args(argc, argv, &a)) != 0)
		return rc;
	rc = 1;
	memset(&t, 0, sizeof(t));
	buf_init(&data);
	if (read_file(a.file, &data) == -1)
		goto out;
	if (search_init(err, sizeof(err)) == -1) {
		fprintf(stderr, "toteumactl: Finnish dictionary: %s\n", err);
		goto out;
	}
	if ((conn = ctl_connect()) == NULL || load_statuses(conn, &sl) == -1)
		goto out;
	if (a.sheet != NULL && !xlsx_sniff(data.data, data.len)) {
		fprintf(stderr, "toteumactl: %s is not an Excel workbook: "
		    "--sheet is for a workbook (.xlsx)\n", a.file);
		rc = 2;
		goto out;
	}
	if ((xlsx_sniff(data.data, data.len) ? table_read_xlsx(data.data,
	    data.len, a.sheet, &sl, &t, &pr) : table_read(data.data ?
	    data.data : "", data.len, &sl, &t, &pr)) == -1) {
		import_problems(a.file, &pr);
		goto out;
	}
	table_count(&t, &nrecs, &nactions);
	switch (import_unchanged(conn, &a, &sl, &t, &exists)) {
	case -1:
		goto out;
	case 1:
		printf("%s: no changes\n", a.slug);
		rc = 0;
		goto out;
	}
	if (a.dry) {
		printf("%s: %zu recommendations and %zu actions are valid; "
		    "nothing was written (--dry-run)\n", a.slug, nrecs,
		    nactions);
		rc = 0;
		goto out;
	}
	doc = store_import_doc(&t, a.slug, exists ? a.title : (a.title ?
	    a.title : a.slug), store_year_of_slug(a.slug), &sl);
	/* A new process starts unpublished, as one made in the backend. */
	json_object_set_new(doc, "published", json_boolean(a.publish));
	merged = import_merge(conn, doc, &t, &data, a.file);
	doc = NULL;	/* taken */
	if (merged == -1)
		goto out;
	printf("%s: imported %zu recommendations and %zu actions\n", a.slug,
	    nrecs, nactions);
	if (!exists && !a.publish)
		printf("%s: the new process is not published; publish it "
		    "with --publish or on its page in the backend\n", a.slug);
	rc = 0;
out:
	json_decref(doc);
	table_free(&t);
	status_list_free(&sl);
	buf_free(&data);
	if (conn != NULL)
		PQfinish(conn);
	search_fini();
	return rc;
}

int
ctl_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "process", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	struct status_list	 sl = { NULL, 0 };
	struct table		 t;
	struct buf		 out;
	PGconn			*conn = NULL;
	const char		*slug = NULL;
	int			 c, exists, rc = 1;

	memset(&t, 0, sizeof(t));
	buf_init(&out);
	optind = 1;
	while ((c = getopt_long(argc, argv, "p:", opts, NULL)) != -1) {
		if (c == 'p')
			slug = optarg;
		else
			goto usage;
	}
	if (slug == NULL || optind != argc)
		goto usage;
	if ((conn = ctl_connect()) == NULL || load_statuses(conn, &sl) == -1)
		goto out;
	if (load_table(conn, slug, &sl, &t, &exists) == -1)
		goto out;
	if (!exists) {
		fprintf(stderr, "toteumactl: there is no process \"%s\"\n",
		    slug);
		goto out;
	}
	table_write(&t, &sl, ',', &out);
	if (fwrite(out.data, 1, out.len, stdout) != out.len ||
	    fflush(stdout) != 0) {
		fputs("toteumactl: write error\n", stderr);
		goto out;
	}
	rc = 0;
	goto out;
usage:
	fputs("usage: toteumactl export --process SLUG\n", stderr);
	rc = 2;
out:
	table_free(&t);
	status_list_free(&sl);
	buf_free(&out);
	if (conn != NULL)
		PQfinish(conn);
	return rc;
}
