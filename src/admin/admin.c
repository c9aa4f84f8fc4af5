/* See admin.h. */
#include <string.h>

#include "admin.h"

void
admin_refused(struct http_request *req, struct backend *b, const char *code)
{
	if (strcmp(code, "P0002") == 0)
		backend_refused(req, b, 404, N_("It has been removed "
		    "meanwhile. Nothing was saved."));
	else if (strcmp(code, "42501") == 0)
		backend_refused(req, b, 403, N_("This page is for the "
		    "participation team's administrators."));
	else
		backend_refused(req, b, 503, N_("Saving failed. Try again in "
		    "a moment; your text is still in the form."));
}
