/* Files compiled into the program by tools/embed. */
#ifndef TOTEUMA_EMBEDDED_H
#define TOTEUMA_EMBEDDED_H

#include <stddef.h>

struct embedded {
	const char		*name;
	const unsigned char	*data;	/* NUL-terminated */
	size_t			 len;
};

extern const struct embedded migration_files[];
extern const struct embedded template_files[];
extern const struct embedded asset_files[];
extern const struct embedded po_files[];
extern const struct embedded sql_files[];
extern const struct embedded function_files[];
/* The names the code can set in a template, sorted (the Makefile). */
extern const char *const template_var_names[];
extern const size_t ntemplate_var_names;

const struct embedded *embedded_find(const struct embedded *, const char *);

#endif
