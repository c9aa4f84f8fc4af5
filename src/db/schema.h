/*
 * Whether a database has the schema this build carries: every
 * migration applied, none that this build lacks, and the function
 * files as this build has them. The server refuses to start otherwise
 * and says what to run; "toteumactl check" says the same beforehand.
 * libpq only (the server's parent, toteumactl and the tests).
 */
#ifndef TOTEUMA_SCHEMA_H
#define TOTEUMA_SCHEMA_H

#include <stddef.h>

#include <libpq-fe.h>

#include "embedded.h"

#define SCHEMA_CHECKSUM_LEN	65	/* hex SHA-256 and its NUL */

/* The newest migration this build carries ("0007_x.sql" -> 7). */
int	schema_expected(void);
/* The hex SHA-256 of an embedded file (migration or function file). */
void	schema_checksum(const struct embedded *, char *hex);
/*
 * 0 when the database on conn has this build's schema; otherwise -1
 * with what is wrong, and what to run, in msg.
 */
int	schema_check(PGconn *, char *msg, size_t len);
/* The same on a connection of its own (conninfo: libpq's string). */
int	schema_check_conninfo(const char *conninfo, char *msg, size_t len);

#endif
