/*
 * What the admin pages share with each other, and the admin's part of
 * the action form, which the staff action page shows to admins.
 */
#ifndef TOTEUMA_ADMIN_H
#define TOTEUMA_ADMIN_H

#include <jansson.h>

#include "backend.h"
#include "fields.h"

/*
 * The fields of a vocabulary's entry (a status, a reason): its code,
 * typed only for a new one, and its label in three languages, fields
 * first to first + 2.
 */
#define CODE_VIEW(f) { .field = (f), .label = N_("Code"),		\
	.hint = N_("Lowercase letters a-z and _; used in addresses "	\
	"and open data, never changed."), .required = 1 }
#define LABEL_VIEWS(first) FIELD_VIEWS_FI_SV_EN(first,			\
	N_("Label in Finnish"), N_("Label in Swedish"),			\
	N_("Label in English"), 0)

/* Units in tree order with their depth (for indentation). */
#define UNITS_SQL \
	"WITH RECURSIVE t(id, name, depth, path) AS (" \
	"SELECT id, name, 0, ARRAY[name] FROM unit WHERE parent_id IS NULL " \
	"UNION ALL SELECT u.id, u.name, t.depth + 1, t.path || u.name " \
	"FROM unit u JOIN t ON u.parent_id = t.id) " \
	"SELECT id, name, depth FROM t ORDER BY path COLLATE \"fi-x-icu\""

/*
 * The recommendations r of a process in the order of its public table:
 * each top-level one by its position, its specifications below it.
 */
#define REC_ORDER_SQL \
	"ORDER BY (SELECT t.position FROM recommendation t " \
	"WHERE t.id = coalesce(r.parent_id, r.id)), " \
	"r.parent_id NULLS FIRST, r.position"

/*
 * The admin's part of the action form: what the action is, its units and
 * recommendations, and removing it. Appends to out.
 */
void	admin_action_section(struct html *out, struct backend *,
	    long long id, const char *revision, const char *body,
	    const char *body_sv, const char *body_en);
/*
 * The answer to an admin's change that the database refused with code:
 * 404 when it was removed meanwhile (P0002), 403 when the user is no
 * longer an administrator (42501), and otherwise 503; what was typed is
 * shown back.
 */
void	admin_refused(struct http_request *, struct backend *,
	    const char *code);
/*
 * Saves doc (freed here) through query, an SQL function that takes the
 * admin, the page's id (NULL for a new one), the document and the
 * address. -1 after answering: a redirect to then with saved=1, or as
 * the row of codes (ending in BACKEND_ADMIN_END) says; otherwise 0 with
 * the page's error and status for the form shown again
 * (backend_save_refused()).
 */
int	admin_save_doc(struct http_request *, struct backend_page *,
	    const char *query, json_t *doc, const char *then,
	    const struct backend_refusal *codes);
/*
 * Runs an admin's change of what the page shows (backend_change): -1
 * after answering, a 303 back to the page (then and its id) with
 * saved=1, or admin_refused() when it was removed meanwhile (P0002) or
 * the user is no longer an administrator (42501); otherwise 0 with the
 * SQLSTATE in code (8 bytes), for the form shown again.
 */
int	admin_page_change(struct http_request *, struct backend_page *,
	    const char *query, int n, const char *const *args,
	    const char *then, char *code);
/*
 * A list page of the admin pages: the rows of query (no parameters,
 * each with its id), each linked to url and the id and filled by row()
 * into the template's block "tpl.row", the list into tpl with the
 * notices it tells of, under the title (msgid) and path.
 */
struct kore_pgsql;
struct admin_list {
	const char	*query;
	const char	*url;		/* a row's link before its id */
	void		(*row)(struct tmpl_vars *, struct kore_pgsql *, int,
			    enum lang);
	const char	*title;
	const char	*path;
	const char	*tpl;
	unsigned	 notices;	/* the BACKEND_* the page tells of */
};
int	admin_list_page(struct http_request *, const struct admin_list *);
/*
 * Unit checkboxes (name="unit") in tree order, ticked for the ids in
 * checked: 0, or -1 when the database did not answer.
 */
int	unit_checkboxes(struct html *, enum lang, char **checked,
	    size_t nchecked);
/*
 * The actions of a process (of_process) or those answering a
 * recommendation, id, as a table with their count, each linked to its
 * page: the variable "actions" of tv. 0, or -1 when the database did
 * not answer.
 */
int	admin_action_list(struct tmpl_vars *, const struct backend *,
	    int of_process, const char *id);
/*
 * The document recommendation_define() and _create() take, from a
 * checked form; the caller frees it.
 */
struct rec_form;
char	*admin_rec_doc(const struct rec_form *);
/* POST /b/r/ID/define: a recommendation's number and texts. */
int	admin_rec_define(struct http_request *);

#endif
