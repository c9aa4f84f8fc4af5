/*
 * multipart/form-data bodies (RFC 7578), as a browser sends a file
 * upload: the parts of a body already in memory, without copying.
 */
#ifndef TOTEUMA_MULTIPART_H
#define TOTEUMA_MULTIPART_H

#include <stddef.h>

#define MULTIPART_MAX_BOUNDARY	70	/* RFC 2046 */

struct mp_part {
	char		 name[64];
	char		 filename[256];	/* "" when not a file */
	const char	*data;		/* into the body */
	size_t		 len;
};

/*
 * The boundary of a Content-Type header "multipart/form-data;
 * boundary=..."; 0, or -1 when it is not such a header.
 */
int	multipart_boundary(const char *content_type, char *out, size_t len);
/*
 * Splits body into at most max parts. Returns their number, or -1 when
 * the body is not well formed (no closing delimiter, a part without a
 * name, too many parts).
 */
int	multipart_parse(const char *body, size_t len, const char *boundary,
	    struct mp_part *parts, size_t max);
/* The part called name, or NULL. */
const struct mp_part *multipart_get(const struct mp_part *, int n,
	    const char *name);

#endif
