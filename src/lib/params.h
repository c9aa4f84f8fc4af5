/*
 * Query-string parameters, checked against a table declared once per
 * page. Unknown names are ignored (links carry tracking parameters); a
 * known name given twice, too long, not UTF-8, with control characters,
 * or failing its check is an error the page reports with a 400.
 */
#ifndef TOTEUMA_PARAMS_H
#define TOTEUMA_PARAMS_H

#include <stddef.h>

struct buf;

#define PARAMS_MAX		16
#define PARAMS_MAX_QUERY	4096	/* bytes of the whole query string */
#define PARAMS_MAX_FORM		(1024 * 1024)	/* bytes of a form body */

struct param_spec {
	const char	*name;
	size_t		 maxlen;	/* bytes, after decoding; characters
					   with PARAM_CHARS */
	int		(*check)(const char *);	/* NULL: any text */
	int		 flags;
};

/* A text area: line breaks (CRLF made LF) and tabs are allowed. */
#define PARAM_MULTILINE		0x01
/*
 * maxlen counts characters, as a field's maxlength does in the browser,
 * and a value may take up to four bytes for each.
 */
#define PARAM_CHARS		0x02

/* Bytes a text may take: four per character, the most UTF-8 needs. */
#define PARAM_BYTES(chars)	(4 * (size_t)(chars))

enum param_error {
	PARAM_OK,
	PARAM_REPEATED,
	PARAM_TOO_LONG,
	PARAM_ENCODING,
	PARAM_INVALID,
	PARAM_QUERY_TOO_LONG
};

/*
 * Fills values[i] (malloc'd, NULL when absent) for specs[i]. On error
 * returns the error and sets *bad to the offending spec's name.
 */
enum param_error params_parse(const char *qs, const struct param_spec *,
	    size_t nspecs, char **values, const char **bad);
/* The same for an application/x-www-form-urlencoded request body. */
enum param_error params_parse_form(const char *body,
	    const struct param_spec *, size_t nspecs, char **values,
	    const char **bad);
/*
 * Checks one decoded value (its text in val) against spec, as the two
 * above check each: PARAM_OK, or what is wrong with it. A text area's
 * CRLF becomes LF in val.
 */
enum param_error param_value(const struct param_spec *, struct buf *val);
void	params_free(char **values, size_t nspecs);
/*
 * Every name and value of a query or form, decoded (valid UTF-8 only),
 * at most max of them; the caller frees each string.
 */
size_t	params_list(const char *qs, char **names, char **values, size_t max);

/* Checks for common values. */
int	param_is_digits(const char *);
/*
 * The specs every table has the same way: a flag (?saved=1), a row's
 * id, and the form's CSRF token (checked against the session's apart).
 */
#define PARAM_ID_BYTES		18	/* a row's id: a bigint's digits */
#define PARAM_FLAG(name)	{ name, 1, param_is_digits, 0 }
#define PARAM_ID(name)		{ name, PARAM_ID_BYTES, param_is_digits, 0 }
#define PARAM_CSRF		{ "csrf", 64, NULL, 0 }
/* The whole number in s (digits only) into *out when it is in
 * [min, max]: 0; -1 otherwise, *out untouched. */
int	param_int(const char *s, int min, int max, int *out);
int	param_is_code(const char *);
/* The index of s among the n names, or -1 when it is none of them. */
int	param_index(const char *s, const char *const *names, int n);

#endif
