/*
 * What the public part's handlers (http_public.c, http_site.c,
 * http_seo.c) do first; defined in http_public.c.
 */
#ifndef TOTEUMA_PUBLIC_H
#define TOTEUMA_PUBLIC_H

#include <kore/kore.h>
#include <kore/http.h>

#include "page.h"
#include "params.h"

/*
 * The page in the request's language, its n parameters into v and an
 * up-to-date catalogue. Returns -1 after answering with an error.
 */
int	page_begin(struct http_request *, struct page *,
	    const struct param_spec *, size_t n, char **v);

#endif
