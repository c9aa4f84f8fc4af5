/*
 * Importing a published table in the backend: upload a CSV file, see
 * every problem by line and column, or see what would change and
 * confirm. The checked file waits in import_upload until it is confirmed;
 * the merge is the same process_import() as toteumactl's.
 */
#include <libpq-fe.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "mem.h"
#include "backend.h"
#include "catalog_cache.h"
#include "db.h"
#include "multipart.h"
#include "store.h"
#include "table.h"
#include "tmpl.h"

int	page_import(struct http_request *);
int	page_import_confirm(struct http_request *);

#define IMPORT_MAX_PARTS	8
#define IMPORT_DIFF_LINES	60

static void	import_form(struct backend *, const char *, const char *,
		    const char *);
static int	load_stored(const char *, struct table *, int *, char *,
		    size_t);
static void	diff_lines(struct html *, enum lang, const struct buf *,
		    const struct buf *, int *);
static char	*part_string(const struct mp_part *, size_t);

/* A text field of the upload form, or NULL when absent or too long. */
static char *
part_string(const struct mp_part *p, size_t max)
{
	char	*s;

	if (p == NULL || p->len > max || memchr(p->data, '\0', p->len))
		return NULL;
	s = xmalloc(p->len + 1);
	memcpy(s, p->data, p->len);
	s[p->len] = '\0';
	return s;
}

/* The form, with the processes to choose from. */
static void
import_form(struct backend *b, const char *slug, const char *new_slug,
    const char *title)
{
	const struct catalog	*c = catalog_get();
	struct tmpl_vars	 tv, ov;
	struct html		 options;
	size_t			 i;

	tv_init(&tv);
	tv_init(&ov);
	html_init(&options);
	for (i = 0; i < c->nprocs; i++) {
		tv_reset(&ov);
		tv_text(&ov, "value", c->procs[i].slug);
		tv_text(&ov, "label", c->procs[i].title[LANG_FI]);
		tv_text(&ov, "selected", strcmp(slug, c->procs[i].slug) == 0 ?
		    "1" : "");
		tmpl_render(&options, tpl("backend_action.option"), &ov,
		    b->pg.lang);
	}
	tv_html(&tv, "processes", &options);
	tv_text(&tv, "new_slug", new_slug);
	tv_text(&tv, "title", title);
	tv_text(&tv, "csrf", b->st.csrf);
	tv_text(&tv, "lang_query", lang_query(b->pg.lang));
	tmpl_render(&b->pg.content, tpl("import.form"), &tv, b->pg.lang);
	tv_free(&tv);
	tv_free(&ov);
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
	snprintf(title, tlen, "%s", kore_pgsql_getvalue(&p, 0, 1));
	/* The id outlives its result: two results at once is the pool. */
	snprintf(pid, sizeof(pid), "%s", kore_pgsql_getvalue(&p, 0, 0));
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
 * Rows are matched by position (as the import merges them): the lines
 * that differ, before and after, at most IMPORT_DIFF_LINES of them.
 */
static void
diff_lines(struct html *out, enum lang lang, const struct buf *before,
    const struct buf *after, int *changed)
{
	struct tmpl_vars	 tv;
	const char		*a = before->data ? before->data : "";
	const char		*b = after->data ? after->data : "";
	const char		*ae, *be;
	int			 line = 1;

	tv_init(&tv);
	*changed = 0;
	while (*a != '\0' || *b != '\0') {
		ae = *a ? strstr(a, "\r\n") : a;
		be = *b ? strstr(b, "\r\n") : b;
		if (ae == NULL)
			ae = a + strlen(a);
		if (be == NULL)
			be = b + strlen(b);
		if (ae - a != be - b || memcmp(a, b, (size_t)(ae - a)) != 0) {
			if (++*changed <= IMPORT_DIFF_LINES) {
				tv_reset(&tv);
				tv_textf(&tv, "line", "%d", line);
				tv_textf(&tv, "before", "%.*s", (int)(ae - a), a);
				tv_textf(&tv, "after", "%.*s", (int)(be - b), b);
				tmpl_render(out, tpl("import.change"), &tv,
				    lang);
			}
		}
		a = *ae ? ae + 2 : ae;
		b = *be ? be + 2 : be;
		line++;
	}
	tv_free(&tv);
}

int
page_import(struct http_request *req)
{
	struct mp_part		 parts[IMPORT_MAX_PARTS];
	const struct mp_part	*file;
	struct kore_pgsql	 sql;
	struct backend		 b;
	struct table		 t, stored;
	struct table_problems	 pr;
	struct tmpl_vars	 tv, pv;
	struct html		 problems, changes;
	struct buf		 before, after;
	char			*csrf = NULL, *slug = NULL, *new_slug = NULL;
	char			*title = NULL, *hex = NULL, uid[32];
	char			 boundary[MULTIPART_MAX_BOUNDARY + 1];
	char			 stored_title[400] = "";
	const char		*ct, *use, *error = NULL, *params[5];
	size_t			 i, j, nrecs = 0, nactions = 0;
	int			 n, exists = 0, changed = 0, status = 200;

	memset(&t, 0, sizeof(t));
	memset(&stored, 0, sizeof(stored));
	memset(&pr, 0, sizeof(pr));
	kore_pgsql_init(&sql);
	tv_init(&tv);
	tv_init(&pv);
	html_init(&problems);
	html_init(&changes);
	buf_init(&before);
	buf_init(&after);
	if (backend_begin(req, &b) == -1)
		goto done;
	if (backend_need_admin(req, &b) == -1)
		goto out;
	if (catalog_refresh() == -1) {
		backend_unavailable(req, &b);
		goto out;
	}
	snprintf(b.pg.title, sizeof(b.pg.title), "%s", T(b.pg.lang,
	    "Import a table"));
	buf_reset(&b.pg.path);
	buf_puts(&b.pg.path, "/b/import");
	if (req->method != HTTP_METHOD_POST) {
		tmpl_render(&b.pg.content, tpl("import"), &tv, b.pg.lang);
		import_form(&b, "", "", "");
		backend_send(req, &b.pg, 200);
		goto out;
	}
	if (!b.multipart || !http_request_header(req, "content-type", &ct) ||
	    multipart_boundary(ct, boundary, sizeof(boundary)) == -1 ||
	    (n = multipart_parse(b.body.data, b.body.len, boundary, parts,
	    IMPORT_MAX_PARTS)) == -1) {
		render_error(&b.pg, 400, N_("The upload could not be read. "
		    "Choose the file again and send the form."), "");
		backend_send(req, &b.pg, 400);
		goto out;
	}
	csrf = part_string(multipart_get(parts, n, "csrf"), 64);
	if (csrf == NULL || !session_csrf_ok(&b.st, csrf)) {
		audit(req, &b.st, NULL, "forged", req->path, NULL);
		backend_refused(req, &b, 403, N_("This form did not come from "
		    "this site, or it was opened in another session. Nothing "
		    "was saved."));
		goto out;
	}
	slug = part_string(multipart_get(parts, n, "process"), 64);
	new_slug = part_string(multipart_get(parts, n, "new_slug"), 64);
	title = part_string(multipart_get(parts, n, "title"), 1200);
	file = multipart_get(parts, n, "file");
	if (slug == NULL)
		slug = xstrdup("");
	if (new_slug == NULL)
		new_slug = xstrdup("");
	if (title == NULL)
		title = xstrdup("");
	use = slug[0] != '\0' ? slug : new_slug;
	status = 422;
	if (!store_valid_slug(use))
		error = N_("Choose a process, or give the new process an "
		    "address name of lowercase letters a-z, digits and "
		    "hyphens, such as asukaspaneeli-2025.");
	else if (slug[0] == '\0' && catalog_process(new_slug) != NULL)
		error = N_("A process with this address name exists already: "
		    "choose it from the list.");
	else if (slug[0] == '\0' && title[0] == '\0')
		error = N_("Give the new process a title.");
	else if (file == NULL || file->len == 0)
		error = N_("Choose a CSV file to import.");
	if (error != NULL)
		goto form;

	if (table_read(file->data, file->len, &catalog_get()->statuses, &t,
	    &pr) == -1) {
		for (i = 0; i < pr.count; i++) {
			tv_reset(&pv);
			tv_textf(&pv, "line", "%zu", pr.items[i].line);
			tv_text(&pv, "column", pr.items[i].column >= 0 ?
			    table_headers[pr.items[i].column] : "");
			{
				struct tmpl_vars	mv;
				struct html		msg;

				/* In the reader's language. */
				tv_init(&mv);
				html_init(&msg);
				tv_text(&mv, "a", pr.items[i].why.a);
				tv_text(&mv, "b", pr.items[i].why.b);
				tmpl_message(&msg, pr.items[i].why.id, &mv,
				    b.pg.lang);
				tv_html(&pv, "message", &msg);
				html_free(&msg);
				tv_free(&mv);
			}
			tmpl_render(&problems, tpl("import.problem"), &pv,
			    b.pg.lang);
		}
		tv_textf(&tv, "nproblems", "%zu", pr.count + pr.more);
		tv_html(&tv, "problems", &problems);
		tv_text(&tv, "filename", file->filename);
		tmpl_render(&b.pg.content, tpl("import"), &tv, b.pg.lang);
		tmpl_render(&b.pg.content, tpl("import.problems"), &tv,
		    b.pg.lang);
		import_form(&b, slug, new_slug, title);
		backend_send(req, &b.pg, 422);
		goto out;
	}
	for (i = 0; i < t.nrecs; i++) {
		nrecs++;
		nactions += t.recs[i].nactions;
		for (j = 0; j < t.recs[i].nchildren; j++)
			nactions += t.recs[i].children[j].nactions;
	}
	if (load_stored(use, &stored, &exists, stored_title,
	    sizeof(stored_title)) == -1) {
		error = N_("Please try again in a moment.");
		status = 503;
		goto form;
	}
	if (exists)
		table_write(&stored, &catalog_get()->statuses, ',', &before);
	table_write(&t, &catalog_get()->statuses, ',', &after);
	buf_cstr(&before);
	buf_cstr(&after);
	diff_lines(&changes, b.pg.lang, &before, &after, &changed);
	if (exists && changed == 0 && (title[0] == '\0' ||
	    strcmp(title, stored_title) == 0)) {
		tv_text(&tv, "filename", file->filename);
		tmpl_render(&b.pg.content, tpl("import"), &tv, b.pg.lang);
		tmpl_render(&b.pg.content, tpl("import.same"), &tv, b.pg.lang);
		import_form(&b, slug, new_slug, title);
		backend_send(req, &b.pg, 200);
		goto out;
	}

	/* Keep the checked file until it is confirmed. */
	hex = xmalloc(file->len * 2 + 1);
	sodium_bin2hex(hex, file->len * 2 + 1, (const unsigned char *)
	    file->data, file->len);
	snprintf(uid, sizeof(uid), "%lld", b.st.id);
	params[0] = uid;
	params[1] = use;
	params[2] = title[0] ? title : NULL;
	params[3] = file->filename;
	params[4] = hex;
	if (db_write(&sql, "SELECT import_upload_store($1, $2, $3, $4, $5)", 5,
	    params) == -1) {
		error = N_("Please try again in a moment.");
		status = 503;
		goto form;
	}
	tv_text(&tv, "upload", kore_pgsql_getvalue(&sql, 0, 0));
	tv_text(&tv, "filename", file->filename);
	tv_text(&tv, "slug", use);
	tv_text(&tv, "new", exists ? "" : "1");
	tv_textf(&tv, "nrecs", "%zu", nrecs);
	tv_textf(&tv, "nactions", "%zu", nactions);
	tv_textf(&tv, "changed", "%d", changed);
	tv_text(&tv, "more", changed > IMPORT_DIFF_LINES ? "1" : "");
	tv_html(&tv, "changes", &changes);
	tv_text(&tv, "csrf", b.st.csrf);
	tv_text(&tv, "lang_query", lang_query(b.pg.lang));
	tmpl_render(&b.pg.content, tpl("import.preview"), &tv, b.pg.lang);
	backend_send(req, &b.pg, 200);
	goto out;
form:
	tv_text(&tv, "error", T(b.pg.lang, error));
	tmpl_render(&b.pg.content, tpl("import"), &tv, b.pg.lang);
	import_form(&b, slug ? slug : "", new_slug ? new_slug : "",
	    title ? title : "");
	backend_send(req, &b.pg, status);
out:
	backend_end(&b);
done:
	free(csrf);
	free(slug);
	free(new_slug);
	free(title);
	free(hex);
	table_free(&t);
	table_free(&stored);
	buf_free(&before);
	buf_free(&after);
	kore_pgsql_cleanup(&sql);
	tv_free(&tv);
	tv_free(&pv);
	html_free(&problems);
	html_free(&changes);
	return KORE_RESULT_OK;
}

enum { CF_CSRF, CF_COUNT };
static const struct param_spec confirm_params[CF_COUNT] = {
	{ "csrf", 64, NULL, 0 },
};

int
page_import_confirm(struct http_request *req)
{
	struct kore_pgsql	 sql, save;
	struct backend		 b;
	struct table		 t;
	struct table_problems	 pr;
	char			*v[CF_COUNT], uid[32], id[32], ip[64];
	char			 url[120], code[8] = "";
	const char		*bad, *params[4], *slug, *title;
	unsigned char		*csv = NULL;
	size_t			 csvlen = 0, hexlen;
	json_t			*doc = NULL;
	char			*docs = NULL;

	memset(v, 0, sizeof(v));
	memset(&t, 0, sizeof(t));
	kore_pgsql_init(&sql);
	kore_pgsql_init(&save);
	if (backend_begin(req, &b) == -1)
		goto done;
	if (backend_need_admin(req, &b) == -1)
		goto out;
	if (params_parse_form(buf_cstr(&b.body), confirm_params, CF_COUNT, v,
	    &bad) != PARAM_OK || !session_csrf_ok(&b.st, v[CF_CSRF])) {
		audit(req, &b.st, NULL, "forged", req->path, NULL);
		backend_refused(req, &b, 403, N_("This form did not come from "
		    "this site, or it was opened in another session. Nothing "
		    "was saved."));
		goto out;
	}
	if (catalog_refresh() == -1) {
		backend_unavailable(req, &b);
		goto out;
	}
	snprintf(uid, sizeof(uid), "%lld", b.st.id);
	snprintf(id, sizeof(id), "%lld", strtoll(req->path +
	    strlen("/b/import/"), NULL, 10));
	params[0] = id;
	params[1] = uid;
	if (db_query(&sql, "SELECT slug, title, encode(csv, 'hex') FROM "
	    "import_upload WHERE id = $1 AND user_id = $2 AND "
	    "created_at > now() - interval '1 day'", 2, params) == -1) {
		backend_unavailable(req, &b);
		goto out;
	}
	if (kore_pgsql_ntuples(&sql) != 1) {
		render_error(&b.pg, 404, N_("This upload has been imported "
		    "already or has expired. Upload the file again."), "");
		backend_send(req, &b.pg, 404);
		goto out;
	}
	slug = kore_pgsql_getvalue(&sql, 0, 0);
	title = kore_pgsql_getlength(&sql, 0, 1) ?
	    kore_pgsql_getvalue(&sql, 0, 1) : NULL;
	hexlen = (size_t)kore_pgsql_getlength(&sql, 0, 2);
	csv = xmalloc(hexlen / 2 + 1);
	sodium_hex2bin(csv, hexlen / 2 + 1, kore_pgsql_getvalue(&sql, 0, 2),
	    hexlen, NULL, &csvlen, NULL);
	/* The status list may have changed since the check: read again. */
	if (table_read((const char *)csv, csvlen, &catalog_get()->statuses,
	    &t, &pr) == -1) {
		render_error(&b.pg, 409, N_("The file no longer passes the "
		    "checks (the status list has changed). Upload it "
		    "again."), "");
		backend_send(req, &b.pg, 409);
		goto out;
	}
	doc = store_import_doc(&t, slug, title, store_year_of_slug(slug),
	    &catalog_get()->statuses);
	docs = json_dumps(doc, JSON_COMPACT);
	client_ip(req, ip, sizeof(ip));
	snprintf(url, sizeof(url), "/b/p%s%simported=%s",
	    lang_query(b.pg.lang), b.pg.lang == LANG_FI ? "?" : "&", slug);
	params[0] = uid;
	params[1] = id;
	params[2] = docs;
	params[3] = ip;
	kore_pgsql_cleanup(&sql);
	if (db_write(&save, "SELECT import_confirm($1, $2, $3::jsonb, $4)",
	    4, params) == 0) {
		backend_redirect(req, url);
		goto out;
	}
	db_sqlstate(&save, code, sizeof(code));
	if (strcmp(code, "P0002") == 0) {
		render_error(&b.pg, 404, N_("This upload has been imported "
		    "already or has expired. Upload the file again."), "");
		backend_send(req, &b.pg, 404);
	} else
		backend_refused(req, &b, 503, N_("The import failed and "
		    "nothing was changed. Try again in a moment."));
out:
	backend_end(&b);
done:
	params_free(v, CF_COUNT);
	free(csv);
	free(docs);
	json_decref(doc);
	table_free(&t);
	kore_pgsql_cleanup(&sql);
	kore_pgsql_cleanup(&save);
	return KORE_RESULT_OK;
}
