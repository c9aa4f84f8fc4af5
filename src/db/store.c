/* Whole-table reading and the import document; see store.h. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "process_form.h"
#include "search.h"
#include "result.h"
#include "store.h"

struct node_ref {
	long long		 id;
	size_t			 rec;
	size_t			 child;		/* 0: the recommendation */
};

static json_t	*terms_json(const char *, const char *, const char *,
		    const char *);
static json_t	*node_json(const struct table_node *,
		    const struct status_list *);
static void	node_terms_json(json_t *, json_t *,
		    const struct table_node *);
static char	*month_json(int, int);

int
store_statuses(PGresult *res, struct status_list *list)
{
	static const char *const labels[LANG_COUNT] = {
		[LANG_FI] = "label_fi", [LANG_SV] = "label_sv",
		[LANG_EN] = "label_en"
	};
	static const char *const meanings[LANG_COUNT] = {
		[LANG_FI] = "meaning_fi", [LANG_SV] = "meaning_sv",
		[LANG_EN] = "meaning_en"
	};
	struct status	*s;
	int		 i, n = PQntuples(res), l;

	list->items = xcalloc((size_t)n + 1, sizeof(*list->items));
	list->count = (size_t)n;
	for (i = 0; i < n; i++) {
		s = &list->items[i];
		s->id = (int)res_int(res, i, "id");
		snprintf(s->code, sizeof(s->code), "%s",
		    res_text(res, i, "code"));
		for (l = 0; l < LANG_COUNT; l++) {
			s->label[l] = xstrdup(res_text(res, i, labels[l]));
			s->meaning[l] = xstrdup(res_text(res, i, meanings[l]));
		}
		s->is_final = res_true(res, i, "is_final");
		s->progress = res_null(res, i, "progress") ? -1 :
		    (int)res_int(res, i, "progress");
		snprintf(s->colour, sizeof(s->colour), "%s",
		    res_text(res, i, "colour"));
		s->position = (int)res_int(res, i, "position");
	}
	return 0;
}

int
store_table(PGresult *recs, PGresult *acts, const struct status_list *sl,
    struct table *t)
{
	struct node_ref		*refs;
	struct table_node	*rec, *node;
	struct table_action	*a;
	const struct status	*st;
	const char		*kind, *units;
	long long		 id, parent;
	int			 i, n = PQntuples(recs), j, k;
	char			*p, *q;

	memset(t, 0, sizeof(*t));
	refs = xcalloc((size_t)n + 1, sizeof(*refs));
	for (i = 0; i < n; i++) {
		id = res_int(recs, i, "id");
		kind = res_text(recs, i, "kind");
		refs[i].id = id;
		if (res_null(recs, i, "parent_id")) {
			rec = table_add_rec(t);
			refs[i].rec = t->nrecs - 1;
			refs[i].child = 0;
			node = rec;
		} else {
			parent = res_int(recs, i, "parent_id");
			for (j = 0; j < i && refs[j].id != parent; j++)
				;
			if (j == i) {
				free(refs);
				table_free(t);
				return -1;
			}
			rec = &t->recs[refs[j].rec];
			node = table_add_child(rec);
			node->kind = strcmp(kind, "sub") == 0 ? NODE_SUB :
			    NODE_SPECIFICATION;
			refs[i].rec = refs[j].rec;
			refs[i].child = rec->nchildren;
		}
		node->number = res_null(recs, i, "number") ? NULL :
		    xstrdup(res_text(recs, i, "number"));
		node->body = xstrdup(res_text(recs, i, "body"));
	}
	for (i = 0, j = 0; i < PQntuples(acts); i++) {
		id = res_int(acts, i, "recommendation_id");
		/* Both results are small; find the node by its id. */
		for (k = 0; k < n && refs[k].id != id; k++)
			;
		if (k == n)
			continue;
		rec = &t->recs[refs[k].rec];
		node = refs[k].child == 0 ? rec :
		    &rec->children[refs[k].child - 1];
		a = table_add_action(node);
		a->body = xstrdup(res_text(acts, i, "body"));
		schedule_kind_from_name(res_text(acts, i, "schedule_kind"),
		    &a->schedule.kind);
		a->schedule.start_year = (int)res_int(acts, i, "start_year");
		a->schedule.start_month = (int)res_int(acts, i, "start_month");
		a->schedule.end_year = (int)res_int(acts, i, "end_year");
		a->schedule.end_month = (int)res_int(acts, i, "end_month");
		a->schedule_text = xstrdup(res_text(acts, i, "schedule_text"));
		a->status = -1;
		if (!res_null(acts, i, "status") && (st = status_by_code(sl,
		    res_text(acts, i, "status"))) != NULL)
			a->status = (int)(st - sl->items);
		a->status_note = xstrdup(res_text(acts, i, "status_note"));
		a->info = xstrdup(res_text(acts, i, "info"));
		units = res_text(acts, i, "units");
		p = xstrdup(units);
		for (q = strtok(p, "\n"); q != NULL; q = strtok(NULL, "\n"))
			table_action_add_unit(a, q);
		free(p);
		j++;
	}
	free(refs);
	return 0;
}

/* Search terms of the given texts (NULLs skipped) as a JSON array. */
static json_t *
terms_json(const char *a, const char *b, const char *c, const char *d)
{
	struct strset	 set = { NULL, 0, 0 };
	const char	*texts[4] = { a, b, c, d };
	json_t		*arr;
	size_t		 i;

	for (i = 0; i < 4; i++)
		if (texts[i] != NULL)
			search_terms(texts[i], &set);
	strset_finish(&set);
	arr = json_array();
	for (i = 0; i < set.count; i++)
		json_array_append_new(arr, json_string(set.items[i]));
	strset_free(&set);
	return arr;
}

static char *
month_json(int year, int month)
{
	char	*s;

	if (year == 0)
		return NULL;
	s = xasprintf("%04d-%02d-01", year, month);
	return s;
}

/* A recommendation and its actions, without the actions' search terms. */
static json_t *
node_json(const struct table_node *n, const struct status_list *sl)
{
	const struct table_action	*a;
	json_t				*o, *acts, *ao, *units;
	char				*start, *end;
	size_t				 i, u;

	o = json_object();
	json_object_set_new(o, "number", n->number ? json_string(n->number) :
	    json_null());
	json_object_set_new(o, "body", json_string(n->body));
	json_object_set_new(o, "lexemes", terms_json(n->body, n->number,
	    NULL, NULL));
	acts = json_array();
	for (i = 0; i < n->nactions; i++) {
		a = &n->actions[i];
		ao = json_object();
		start = month_json(a->schedule.start_year,
		    a->schedule.start_month);
		end = month_json(a->schedule.end_year, a->schedule.end_month);
		json_object_set_new(ao, "body", json_string(a->body));
		json_object_set_new(ao, "schedule_kind", json_string(
		    schedule_kind_name(a->schedule.kind)));
		json_object_set_new(ao, "schedule_start", start ?
		    json_string(start) : json_null());
		json_object_set_new(ao, "schedule_end", end ?
		    json_string(end) : json_null());
		json_object_set_new(ao, "schedule_text",
		    json_string(a->schedule_text));
		json_object_set_new(ao, "status", a->status >= 0 ?
		    json_string(sl->items[a->status].code) : json_null());
		json_object_set_new(ao, "status_note",
		    json_string(a->status_note));
		json_object_set_new(ao, "info", json_string(a->info));
		units = json_array();
		for (u = 0; u < a->nunits; u++)
			json_array_append_new(units,
			    json_string(a->units[u]));
		json_object_set_new(ao, "units", units);
		json_array_append_new(acts, ao);
		free(start);
		free(end);
	}
	json_object_set_new(o, "actions", acts);
	return o;
}

/*
 * Into acts, the search terms of each action of n; into units, those of
 * each unit they name that units does not have yet (once per unit).
 */
static void
node_terms_json(json_t *acts, json_t *units, const struct table_node *n)
{
	const struct table_action	*a;
	size_t				 i, u;

	for (i = 0; i < n->nactions; i++) {
		a = &n->actions[i];
		json_array_append_new(acts, terms_json(a->body,
		    a->status_note, a->info, a->schedule_text));
		for (u = 0; u < a->nunits; u++)
			if (json_object_get(units, a->units[u]) == NULL)
				json_object_set_new(units, a->units[u],
				    terms_json(a->units[u], NULL, NULL, NULL));
	}
}

json_t *
store_import_terms(const struct table *t)
{
	json_t	*terms, *acts, *units;
	size_t	 i, j;

	acts = json_array();
	units = json_object();
	for (i = 0; i < t->nrecs; i++) {
		node_terms_json(acts, units, &t->recs[i]);
		for (j = 0; j < t->recs[i].nchildren; j++)
			node_terms_json(acts, units,
			    &t->recs[i].children[j]);
	}
	terms = json_object();
	json_object_set_new(terms, "action_lexemes", acts);
	json_object_set_new(terms, "unit_lexemes", units);
	return terms;
}

json_t *
store_import_doc(const struct table *t, const char *slug, const char *title,
    int year, const struct status_list *sl)
{
	json_t	*doc, *recs, *ro, *children, *co;
	size_t	 i, j;

	doc = json_object();
	json_object_set_new(doc, "slug", json_string(slug));
	json_object_set_new(doc, "title", title ? json_string(title) :
	    json_null());
	json_object_set_new(doc, "year", year ? json_integer(year) :
	    json_null());
	recs = json_array();
	for (i = 0; i < t->nrecs; i++) {
		ro = node_json(&t->recs[i], sl);
		children = json_array();
		for (j = 0; j < t->recs[i].nchildren; j++) {
			co = node_json(&t->recs[i].children[j], sl);
			json_object_set_new(co, "kind", json_string(
			    t->recs[i].children[j].kind == NODE_SUB ? "sub" :
			    "specification"));
			json_array_append_new(children, co);
		}
		json_object_set_new(ro, "children", children);
		json_array_append_new(recs, ro);
	}
	json_object_set_new(doc, "recommendations", recs);
	return doc;
}

int
store_year_of_slug(const char *slug)
{
	size_t	n = strlen(slug);
	int	y;

	if (n < 5 || slug[n - 5] != '-')
		return 0;
	y = atoi(slug + n - 4);
	return y >= PROCESS_YEAR_MIN && y <= PROCESS_YEAR_MAX ? y : 0;
}

void
store_time_zone(void)
{
	if (setenv("PGTZ", "Europe/Helsinki", 1) == -1)
		abort();
}
