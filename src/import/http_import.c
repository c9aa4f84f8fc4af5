/*
 * Importing a published table in the backend: upload a CSV file or an
 * Excel workbook (.xlsx, its first sheet or one named), see every
 * problem by line and column (or cell), or see what would change and
 * confirm. The checked file waits in import_upload until it is confirmed;
 * the merge is toteumactl's: process_import() stages and merges in one
 * call what toteumactl sends in two (process_import_stage() and
 * process_import_finish()).
 */
#include <libpq-fe.h>
#include <malloc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "mem.h"
#include "backend.h"
#include "catalog_cache.h"
#include "csv.h"
#include "db.h"
#include "fields.h"
#include "import_confirm_form.h"
#include "import_form.h"
#include "multipart.h"
#include "new_process_form.h"
#include "process_form.h"
#include "store.h"
#include "table.h"
#include "tmpl.h"
#include "xlsx.h"

int	page_import(struct http_request *);
int	page_import_confirm(struct http_request *);

#define IMPORT_MAX_PARTS	8
#define IMPORT_DIFF_LINES	60

struct import_upload;
static void	import_form(struct backend *, const struct import_upload *);
static int	load_stored(const char *, struct table *, int *, char *,
		    size_t);
static void	diff_row(struct html *, enum lang, const struct csv_record *,
		    const struct csv_record *);
static int	record_same(const struct csv_record *,
		    const struct csv_record *);
static void	diff_lines(struct html *, enum lang, const struct buf *,
		    const struct buf *, int *);
/* What an upload form sent: its fields' values ("" when absent). */
struct import_upload {
	struct form		 form;		/* owns the values */
	const char		*slug;		/* a process chosen */
	const char		*new_slug;	/* or a new one's address */
	const char		*title;
	const char		*sheet;		/* of a workbook; "" first */
	const struct mp_part	*file;		/* borrowed from the body */
	const char		*use;		/* slug or new_slug */
	struct buf		 csv;		/* a workbook's table as CSV */
};

static int	import_read(struct http_request *, struct backend *,
		    struct mp_part *, struct import_upload *);
static const char *import_check(struct import_upload *);
static void	import_give_back(const struct http_request *);
static void	import_post(struct http_request *, struct backend *);
static void	import_problems(struct http_request *, struct backend *,
		    const struct import_upload *,
		    const struct msg_problems *);
static int	import_preview(struct http_request *, struct backend *,
		    const struct import_upload *, const struct table *);
static int	import_store(struct backend *, const struct import_upload *,
		    struct tmpl_vars *);
static void	import_again(struct http_request *, struct backend *,
		    const struct import_upload *, const char *, int);
static void	import_upload_free(struct import_upload *);
static int	import_table(struct import_upload *, struct table *,
		    struct msg_problems *);
static int	confirm_load(struct http_request *, struct backend *,
		    const char *, const char *, struct table *, char **,
		    char **);

/*
 * The form, with the processes to choose from: empty (u NULL), or as
 * sent with a message beside each field that has one.
 */
static void
import_form(struct backend *b, const struct import_upload *u)
{
	static const struct field_view	 new_process[] = {
		{ .field = IMP_NEW_SLUG, .label = N_("Address name"),
		    .hint = PROCESS_SLUG_HINT },
		{ .field = IMP_TITLE, .label = N_("Title") },
	};
	static const struct field_view	 sheet[] = {
		{ .field = IMP_SHEET, .label = N_("Sheet of the workbook"),
		    .hint = N_("Leave empty to read the first sheet.") },
	};
	const struct catalog	*c = catalog_get();
	const struct form	*f = u != NULL ? form_sent(&u->form) : NULL;
	const char *const	*v = f != NULL ?
				    (const char *const *)f->v : NULL;
	struct tmpl_vars	 tv;
	struct html		 options;
	size_t			 i;

	tv_init(&tv);
	html_init(&options);
	for (i = 0; i < c->nprocs; i++)
		backend_option(&options, c->procs[i].slug,
		    c->procs[i].title[LANG_FI], u != NULL &&
		    strcmp(u->slug, c->procs[i].slug) == 0, b->pg.lang);
	tv_html(&tv, "processes", &options);
	fields_html(&tv, "new_fields", import_fields,
	    FIELD_VIEWS(new_process), v, f, b->pg.lang);
	fields_html(&tv, "sheet_field", import_fields, FIELD_VIEWS(sheet), v,
	    f, b->pg.lang);
	tv_text(&tv, "csrf", b->st.csrf);
	tv_text(&tv, "lang_query", lang_query(b->pg.lang));
	tmpl_render(&b->pg.content, tpl("import.form"), &tv, b->pg.lang);
	tv_free(&tv);
	html_free(&options);
}

/* The process's table as stored; *exists 0 for a new process. */
static int
load_stored(const char *slug, struct table *t, int *exists, char *title,
    size_t tlen)
{
	struct kore_pgsql	 p, recs, acts;
	const char		*params[1];
	char			 pid[32];
	int			 rc = -1;

	memset(t, 0, sizeof(*t));
	kore_pgsql_init(&recs);
	kore_pgsql_init(&acts);
	params[0] = slug;
	if (db_query(&p, "SELECT id, title FROM process WHERE slug = $1", 1,
	    params) == -1)
		goto out;
	*exists = kore_pgsql_ntuples(&p) == 1;
	if (!*exists) {
		rc = 0;
		goto out;
	}
	snprintf(title, tlen, "%s", db_text(&p, 0, "title"));
	/* The id outlives its result: two results at once is the pool. */
	snprintf(pid, sizeof(pid), "%s", db_text(&p, 0, "id"));
	kore_pgsql_cleanup(&p);
	params[0] = pid;
	if (db_query(&recs, STORE_SQL_RECOMMENDATIONS, 1, params) == -1)
		goto out;
	if (db_query(&acts, STORE_SQL_ACTIONS, 1, params) == -1)
		goto out;
	rc = store_table(recs.result, acts.result, &catalog_get()->statuses,
	    t);
out:
	kore_pgsql_cleanup(&p);
	kore_pgsql_cleanup(&recs);
	kore_pgsql_cleanup(&acts);
	return rc;
}

/*
 * One changed row of the preview: the cells of column c that differ
 * (or, for a new or removed row, every cell that has text), before and
 * after, under a caption that names the row and what happens to it.
 */
static void
diff_row(struct html *out, enum lang lang, const struct csv_record *old,
    const struct csv_record *new)
{
	struct tmpl_vars	 tv, cv;
	struct html		 cells;
	const struct csv_record	*r = new != NULL ? new : old;
	const char		*bv, *av;
	size_t			 c;

	tv_init(&tv);
	tv_init(&cv);
	html_init(&cells);
	for (c = 0; c < TABLE_COLUMNS; c++) {
		bv = old != NULL && c < old->nfields ? old->fields[c].data : "";
		av = new != NULL && c < new->nfields ? new->fields[c].data : "";
		if (strcmp(bv, av) == 0)
			continue;
		tv_reset(&cv);
		tv_text(&cv, "column", table_headers[c]);
		tv_text(&cv, "before", bv);
		tv_text(&cv, "after", av);
		tmpl_render(&cells, tpl("import.change_cell"), &cv, lang);
	}
	tv_textf(&tv, "line", "%zu", r->line);
	/* Named by its action, or by what it specifies or recommends. */
	for (c = 3; c > 0; c--)
		if (c - 1 < r->nfields && r->fields[c - 1].data[0] != '\0')
			break;
	tv_text(&tv, "action", c > 0 ? r->fields[c - 1].data : "");
	tv_text(&tv, "added", old == NULL ? "1" : "");
	tv_text(&tv, "removed", new == NULL ? "1" : "");
	tv_text(&tv, "changed", old != NULL && new != NULL ? "1" : "");
	tv_html(&tv, "cells", &cells);
	tmpl_render(out, tpl("import.change"), &tv, lang);
	tv_free(&tv);
	tv_free(&cv);
	html_free(&cells);
}

static int
record_same(const struct csv_record *a, const struct csv_record *b)
{
	size_t	c;

	if (a->nfields != b->nfields)
		return 0;
	for (c = 0; c < a->nfields; c++)
		if (strcmp(a->fields[c].data, b->fields[c].data) != 0)
			return 0;
	return 1;
}

/*
 * Rows are matched by position (as the import merges them): the rows
 * that differ, each with only its changed cells, at most
 * IMPORT_DIFF_LINES of them. Both tables were written by table_write,
 * so they parse.
 */
static void
diff_lines(struct html *out, enum lang lang, const struct buf *before,
    const struct buf *after, int *changed)
{
	struct csv_doc		 bd, ad;
	struct csv_error	 err;
	const struct csv_record	*o, *n;
	size_t			 i, rows;

	*changed = 0;
	memset(&bd, 0, sizeof(bd));
	memset(&ad, 0, sizeof(ad));
	if ((before->len > 0 && csv_parse(before->data, before->len,
	    (size_t)-1, &bd, &err) == -1) || (after->len > 0 &&
	    csv_parse(after->data, after->len, (size_t)-1, &ad, &err) == -1))
		goto out;
	rows = bd.nrecords > ad.nrecords ? bd.nrecords : ad.nrecords;
	/* Record 0 is the header, the same in both. */
	for (i = 1; i < rows; i++) {
		o = i < bd.nrecords ? &bd.records[i] : NULL;
		n = i < ad.nrecords ? &ad.records[i] : NULL;
		if (o != NULL && n != NULL && record_same(o, n))
			continue;
		if (++*changed <= IMPORT_DIFF_LINES)
			diff_row(out, lang, o, n);
	}
out:
	csv_free(&bd);
	csv_free(&ad);
}

/*
 * Reads the multipart upload into u and checks its CSRF token; a field
 * over its limit is a message of u->form. Returns -1 after answering
 * (400 or 403).
 */
static int
import_read(struct http_request *req, struct backend *b,
    struct mp_part *parts, struct import_upload *u)
{
	char		 boundary[MULTIPART_MAX_BOUNDARY + 1];
	const char	*ct, *bad;
	int		 n;

	if (!b->multipart || !http_request_header(req, "content-type", &ct) ||
	    multipart_boundary(ct, boundary, sizeof(boundary)) == -1 ||
	    (n = multipart_parse(b->body.data, b->body.len, boundary, parts,
	    IMPORT_MAX_PARTS)) == -1 || form_parse_parts(&u->form,
	    import_fields, IMP_COUNT, parts, n, &bad) != PARAM_OK) {
		backend_error(req, b, 400, N_("The upload could not be read. "
		    "Choose the file again and send the form."));
		return -1;
	}
	if (!session_csrf_ok(&b->st, u->form.v[IMP_CSRF])) {
		backend_forged(req, b);
		return -1;
	}
	u->slug = u->form.v[IMP_PROCESS];
	u->new_slug = u->form.v[IMP_NEW_SLUG];
	u->title = u->form.v[IMP_TITLE];
	u->sheet = u->form.v[IMP_SHEET];
	u->file = multipart_get(parts, n, "file");
	u->use = u->slug[0] != '\0' ? u->slug : u->new_slug;
	return 0;
}

/*
 * What is wrong with the upload's choices (a msgid), or NULL; each also
 * beside its field where the form draws one.
 */
static const char *
import_check(struct import_upload *u)
{
	struct form	*f = &u->form;

	if (!process_slug_valid(u->use))
		/* A forged choice of the list is not the new name's. */
		form_fail(f, u->slug[0] != '\0' ? IMP_PROCESS : IMP_NEW_SLUG,
		    IMPORT_SLUG_BAD);
	else if (u->slug[0] == '\0' && catalog_process(u->new_slug) != NULL)
		form_fail(f, IMP_NEW_SLUG, N_("A process with this address "
		    "name exists already: choose it from the list."));
	if (u->slug[0] == '\0' && u->title[0] == '\0')
		form_fail(f, IMP_TITLE, N_("Give the new process a title."));
	if (f->nerr > 0)
		return form_first_error(f, NULL);
	if (u->file == NULL || u->file->len == 0)
		return N_("Choose a CSV file or an Excel workbook (.xlsx) to "
		    "import.");
	return NULL;
}

/* The page again with msgid above the form, as status. */
static void
import_again(struct http_request *req, struct backend *b,
    const struct import_upload *u, const char *msgid, int status)
{
	struct tmpl_vars	tv;

	tv_init(&tv);
	tv_text(&tv, "error", T(b->pg.lang, msgid));
	tmpl_render(&b->pg.content, tpl("import"), &tv, b->pg.lang);
	import_form(b, u);
	page_send(req, &b->pg, status);
	tv_free(&tv);
}

/* Every problem of the file by line and column, and the form (422). */
static void
import_problems(struct http_request *req, struct backend *b,
    const struct import_upload *u, const struct msg_problems *pr)
{
	struct tmpl_vars	 tv, pv, mv;
	struct html		 problems, msg;
	char			 place[32];
	size_t			 i;

	tv_init(&tv);
	tv_init(&pv);
	tv_init(&mv);
	html_init(&problems);
	for (i = 0; i < pr->count; i++) {
		tv_reset(&pv);
		table_problem_place(pr, &pr->items[i], place, sizeof(place));
		tv_text(&pv, "line", place);
		tv_text(&pv, "column", pr->items[i].column >= 0 &&
		    pr->items[i].column < TABLE_COLUMNS ?
		    table_headers[pr->items[i].column] : "");
		/* In the reader's language. */
		tv_reset(&mv);
		html_init(&msg);
		tv_text(&mv, "a", pr->items[i].why.a);
		tv_text(&mv, "b", pr->items[i].why.b);
		tmpl_message(&msg, pr->items[i].why.id, &mv, b->pg.lang);
		tv_html(&pv, "message", &msg);
		html_free(&msg);
		tmpl_render(&problems, tpl("import.problem"), &pv,
		    b->pg.lang);
	}
	tv_textf(&tv, "nproblems", "%zu", pr->count + pr->more);
	tv_text(&tv, "cells", pr->cells ? "1" : "");
	tv_html(&tv, "problems", &problems);
	tv_text(&tv, "filename", u->file->filename);
	tmpl_render(&b->pg.content, tpl("import"), &tv, b->pg.lang);
	tmpl_render(&b->pg.content, tpl("import.problems"), &tv, b->pg.lang);
	import_form(b, u);
	page_send(req, &b->pg, 422);
	tv_free(&tv);
	tv_free(&pv);
	tv_free(&mv);
	html_free(&problems);
}

/*
 * Keeps the checked file in import_upload until it is confirmed: its
 * id as "upload" in tv. -1 when the database failed.
 */
static int
import_store(struct backend *b, const struct import_upload *u,
    struct tmpl_vars *tv)
{
	struct kore_pgsql	 sql;
	const char		*params[5];
	const char		*data = u->file->data;
	size_t			 len = u->file->len;
	char			*hex, uid[32];
	int			 rc = -1;

	/* A workbook waits as the CSV of its table, read the same. */
	if (u->csv.len > 0) {
		data = u->csv.data;
		len = u->csv.len;
	}
	hex = xmalloc(len * 2 + 1);
	sodium_bin2hex(hex, len * 2 + 1, (const unsigned char *)data, len);
	snprintf(uid, sizeof(uid), "%lld", b->st.id);
	params[0] = uid;
	params[1] = u->use;
	params[2] = u->title[0] ? u->title : NULL;
	params[3] = u->file->filename;
	params[4] = hex;
	kore_pgsql_init(&sql);
	if (db_write(&sql, "SELECT import_upload_store($1, $2, $3, $4, $5) "
	    "AS upload", 5, params) == 0) {
		tv_text(tv, "upload", db_text(&sql, 0, "upload"));
		rc = 0;
	}
	kore_pgsql_cleanup(&sql);
	free(hex);
	return rc;
}

/*
 * What the import of a readable file t would change, stored to be
 * confirmed; or that it changes nothing. -1 when the database failed
 * (nothing answered).
 */
static int
import_preview(struct http_request *req, struct backend *b,
    const struct import_upload *u, const struct table *t)
{
	struct table		 stored;
	struct tmpl_vars	 tv;
	struct html		 changes;
	struct buf		 before, after;
	char			 stored_title[PROCESS_TITLE_BYTES] = "";
	size_t			 i, j, nactions = 0;
	int			 exists = 0, changed = 0, rc = -1;

	tv_init(&tv);
	html_init(&changes);
	buf_init(&before);
	buf_init(&after);
	for (i = 0; i < t->nrecs; i++) {
		nactions += t->recs[i].nactions;
		for (j = 0; j < t->recs[i].nchildren; j++)
			nactions += t->recs[i].children[j].nactions;
	}
	if (load_stored(u->use, &stored, &exists, stored_title,
	    sizeof(stored_title)) == -1)
		goto out;
	if (exists)
		table_write(&stored, &catalog_get()->statuses, ',', &before);
	/* A table of 10,000 actions is megabytes: one at a time. */
	table_free(&stored);
	table_write(t, &catalog_get()->statuses, ',', &after);
	buf_cstr(&before);
	buf_cstr(&after);
	diff_lines(&changes, b->pg.lang, &before, &after, &changed);
	buf_free(&before);
	buf_free(&after);
	tv_text(&tv, "filename", u->file->filename);
	if (exists && changed == 0 && (u->title[0] == '\0' ||
	    strcmp(u->title, stored_title) == 0)) {
		tmpl_render(&b->pg.content, tpl("import"), &tv, b->pg.lang);
		tmpl_render(&b->pg.content, tpl("import.same"), &tv,
		    b->pg.lang);
		import_form(b, u);
		page_send(req, &b->pg, 200);
		rc = 0;
		goto out;
	}
	if (import_store(b, u, &tv) == -1)
		goto out;
	tv_text(&tv, "slug", u->use);
	tv_text(&tv, "new", exists ? "" : "1");
	tv_textf(&tv, "nrecs", "%zu", t->nrecs);
	tv_textf(&tv, "nactions", "%zu", nactions);
	tv_textf(&tv, "changed", "%d", changed);
	tv_text(&tv, "more", changed > IMPORT_DIFF_LINES ? "1" : "");
	tv_html(&tv, "changes", &changes);
	tv_text(&tv, "csrf", b->st.csrf);
	tv_text(&tv, "lang_query", lang_query(b->pg.lang));
	backend_show(req, b, "import.preview", &tv, 200);
	rc = 0;
out:
	table_free(&stored);
	buf_free(&before);
	buf_free(&after);
	tv_free(&tv);
	html_free(&changes);
	return rc;
}

/* Reads, checks and previews an upload; answers in every case. */
static void
import_post(struct http_request *req, struct backend *b)
{
	struct mp_part		 parts[IMPORT_MAX_PARTS];
	struct import_upload	 u;
	struct table		 t;
	struct msg_problems	 pr;
	const char		*error;

	memset(&u, 0, sizeof(u));
	memset(&t, 0, sizeof(t));
	memset(&pr, 0, sizeof(pr));
	buf_init(&u.csv);
	if (import_read(req, b, parts, &u) == -1)
		goto out;
	if ((error = import_check(&u)) != NULL) {
		import_again(req, b, &u, error, 422);
		goto out;
	}
	if (import_table(&u, &t, &pr) == -1) {
		import_problems(req, b, &u, &pr);
		goto out;
	}
	if (import_preview(req, b, &u, &t) == -1)
		import_again(req, b, &u, N_("Please try again in a moment."),
		    503);
out:
	table_free(&t);
	import_upload_free(&u);
}

/*
 * The upload's table: a workbook's sheet (its CSV kept in u->csv), or
 * a CSV file. -1 with its problems.
 */
static int
import_table(struct import_upload *u, struct table *t,
    struct msg_problems *pr)
{
	const struct status_list	*sl = &catalog_get()->statuses;

	if (!xlsx_sniff(u->file->data, u->file->len))
		return table_read(u->file->data, u->file->len, sl, t, pr);
	if (table_read_xlsx(u->file->data, u->file->len, u->sheet, sl, t,
	    pr) == -1)
		return -1;
	table_write(t, sl, ',', &u->csv);
	return 0;
}

static void
import_upload_free(struct import_upload *u)
{
	form_free(&u->form);
	buf_free(&u->csv);
	memset(u, 0, sizeof(*u));
}

/*
 * An upload's tables and their copies are megabytes for a large file;
 * freed, they would stay with the worker (the allocator keeps freed
 * memory for reuse), which then serves pages with them resident.
 */
static void
import_give_back(const struct http_request *req)
{
	if (req->method == HTTP_METHOD_POST)
		malloc_trim(0);
}

int
page_import(struct http_request *req)
{
	struct backend		b;
	struct tmpl_vars	tv;

	tv_init(&tv);
	if (backend_open(req, &b, BACKEND_NEED_ADMIN |
	    BACKEND_NEED_CATALOG) == -1)
		goto out;
	backend_title(&b, N_("Import a table"), "/b/import");
	if (req->method == HTTP_METHOD_POST) {
		import_post(req, &b);
		goto out;
	}
	tmpl_render(&b.pg.content, tpl("import"), &tv, b.pg.lang);
	import_form(&b, NULL);
	page_send(req, &b.pg, 200);
out:
	backend_end(&b);
	tv_free(&tv);
	import_give_back(req);
	return KORE_RESULT_OK;
}

/*
 * The upload id of user uid, read again against today's status list
 * into t, with its process's address and title (owned). Returns -1
 * after answering (404, 409 or 503).
 */
static int
confirm_load(struct http_request *req, struct backend *b, const char *id,
    const char *uid, struct table *t, char **slug, char **title)
{
	struct kore_pgsql	 sql;
	struct msg_problems	 pr;
	const char		*params[2] = { id, uid }, *hex;
	unsigned char		*csv = NULL;
	size_t			 csvlen = 0, hexlen;
	int			 rc = -1;

	kore_pgsql_init(&sql);
	if (backend_query_row(req, b, &sql, "SELECT slug, title, "
	    "encode(csv, 'hex') AS csv FROM import_upload WHERE id = $1 AND "
	    "user_id = $2 AND created_at > now() - interval '1 day'", 2, params,
	    N_("This upload has been imported already or has expired. Upload "
	    "the file again.")) == -1)
		goto out;
	*slug = xstrdup(db_text(&sql, 0, "slug"));
	*title = db_text(&sql, 0, "title")[0] != '\0' ?
	    xstrdup(db_text(&sql, 0, "title")) : NULL;
	hex = db_text(&sql, 0, "csv");
	hexlen = strlen(hex);
	csv = xmalloc(hexlen / 2 + 1);
	sodium_hex2bin(csv, hexlen / 2 + 1, hex, hexlen, NULL, &csvlen, NULL);
	/* The status list may have changed since the check: read again. */
	if (table_read((const char *)csv, csvlen, &catalog_get()->statuses,
	    t, &pr) == -1) {
		backend_error(req, b, 409, N_("The file no longer passes the "
		    "checks (the status list has changed). Upload it "
		    "again."));
		goto out;
	}
	rc = 0;
out:
	free(csv);
	kore_pgsql_cleanup(&sql);
	return rc;
}

/*
 * Where a confirmed import of process slug goes: the list of processes,
 * or the page of a process that is not published (a new one), whose
 * notice says so and links to publishing it.
 */
static void
imported_url(char *url, size_t len, const char *slug, enum lang lang)
{
	struct kore_pgsql	 sql;
	const char		*params[1] = { slug };

	kore_pgsql_init(&sql);
	if (db_query(&sql, "SELECT id, published FROM process WHERE "
	    "slug = $1", 1, params) == 0 && kore_pgsql_ntuples(&sql) == 1 &&
	    !db_true(&sql, 0, "published"))
		snprintf(url, len, "/b/p/%s%s%simported=%s",
		    db_text(&sql, 0, "id"), lang_query(lang),
		    lang == LANG_FI ? "?" : "&", slug);
	else
		snprintf(url, len, "/b/p%s%simported=%s", lang_query(lang),
		    lang == LANG_FI ? "?" : "&", slug);
	kore_pgsql_cleanup(&sql);
}

int
page_import_confirm(struct http_request *req)
{
	struct kore_pgsql	 save;
	struct backend		 b;
	struct form		 f;
	struct table		 t;
	char			 uid[32], id[32], url[192], code[8] = "";
	char			*slug = NULL, *title = NULL, *docs = NULL;
	const char		*bad, *args[2];
	json_t			*doc = NULL, *terms;

	memset(&f, 0, sizeof(f));
	memset(&t, 0, sizeof(t));
	kore_pgsql_init(&save);
	if (backend_open(req, &b, BACKEND_NEED_ADMIN) == -1)
		goto out;
	/* Any fault of this form is a forgery: it has nothing to type. */
	if (form_parse(&f, import_confirm_fields, IC_COUNT, buf_cstr(&b.body),
	    &bad) != PARAM_OK || !session_csrf_ok(&b.st, f.v[IC_CSRF])) {
		backend_forged(req, &b);
		goto out;
	}
	if (backend_need_catalog(req, &b) == -1)
		goto out;
	snprintf(uid, sizeof(uid), "%lld", b.st.id);
	snprintf(id, sizeof(id), "%lld", strtoll(req->path +
	    strlen("/b/import/"), NULL, 10));
	if (confirm_load(req, &b, id, uid, &t, &slug, &title) == -1)
		goto out;
	doc = store_import_doc(&t, slug, title, store_year_of_slug(slug),
	    &catalog_get()->statuses);
	/* One document: the file and its search terms. */
	terms = store_import_terms(&t);
	json_object_update(doc, terms);
	json_decref(terms);
	/* A new process starts unpublished, as with toteumactl import. */
	json_object_set_new(doc, "published", json_false());
	docs = json_dumps(doc, JSON_COMPACT);
	args[0] = id;
	args[1] = docs;
	if (backend_change(req, &b, &save, "SELECT import_confirm($1, $2, "
	    "$3::jsonb, $4)", 2, args, code, sizeof(code)) == 0) {
		imported_url(url, sizeof(url), slug, b.pg.lang);
		backend_redirect(req, url);
		goto out;
	}
	if (strcmp(code, "P0002") == 0) {
		backend_error(req, &b, 404, N_("This upload has been imported "
		    "already or has expired. Upload the file again."));
	} else
		backend_refused(req, &b, 503, N_("The import failed and "
		    "nothing was changed. Try again in a moment."));
out:
	backend_end(&b);
	form_free(&f);
	free(slug);
	free(title);
	free(docs);
	json_decref(doc);
	table_free(&t);
	kore_pgsql_cleanup(&save);
	import_give_back(req);
	return KORE_RESULT_OK;
}
