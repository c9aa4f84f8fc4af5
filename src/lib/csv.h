/*
 * RFC 4180 CSV reading and writing, with the variants spreadsheets write:
 * a UTF-8 byte order mark, ';' as the delimiter, LF or CRLF line ends.
 */
#ifndef TOTEUMA_CSV_H
#define TOTEUMA_CSV_H

#include <stddef.h>

#include "buf.h"
#include "msg.h"

struct csv_field {
	char	*data;		/* NUL-terminated copy */
	size_t	 len;
};

struct csv_record {
	struct csv_field	*fields;
	size_t			 nfields;
	size_t			 line;	/* physical line where it starts */
};

struct csv_doc {
	struct csv_record	*records;
	size_t			 nrecords;
	char			 delim;
};

struct csv_error {
	size_t		line;
	size_t		column;		/* 1-based field number, 0 if none */
	struct msg	why;
	char		msg[200];	/* why, in English */
};

/*
 * Parses a whole file. Returns 0 and fills doc, or -1 and fills err with
 * the first problem; doc then holds nothing. Fields longer than
 * max_field bytes are an error. Lines that are entirely empty are
 * skipped.
 */
int	csv_parse(const char *data, size_t len, size_t max_field,
	    struct csv_doc *doc, struct csv_error *err);
void	csv_free(struct csv_doc *);

/* Writes one field, quoted when it must be. */
void	csv_write_field(struct buf *, const char *s, char delim);

#endif
