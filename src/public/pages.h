/*
 * The public pages, rendered from the database and the catalogue into
 * HTML in the reader's language. Handlers (http_public.c) validate the
 * request and cache the result; these functions only render.
 */
#ifndef TOTEUMA_PAGES_H
#define TOTEUMA_PAGES_H

#include "catalog.h"
#include "labels.h"
#include "page.h"
#include "view.h"

int	render_index(struct page *);
int	render_statuses(struct page *);
/* A responsible unit's page (units.c). */
int	render_unit(struct page *, long long id);
int	render_process(struct page *, const struct view *);
int	render_recommendation(struct page *, const struct cat_process *,
	    long long id);
int	render_action(struct page *, const struct cat_process *,
	    long long id);

#endif
