/*
 * Reads kept in this worker for a data version: what every page of a
 * process asks the same way (its recommendations' progress, the panel's
 * verdict, its reporting rounds) is read once per version of that
 * process rather than once per page.
 */
#ifndef TOTEUMA_MEMO_H
#define TOTEUMA_MEMO_H

#include <stdint.h>

#include <kore/kore.h>
#include <kore/pgsql.h>

/*
 * The result of the public read query with params at version: kept
 * from an earlier call with the same query, params and version, or read
 * now (db_read) and kept. NULL when the database failed. The result is
 * borrowed: it stays valid until MEMO_KEEP more calls, so at least for
 * the rest of the request.
 */
#define MEMO_KEEP	4
const PGresult	*memo_read(const char *query, int n, const char *const *params,
		    uint64_t version);
struct cat_process;
/* memo_read of a query whose one parameter, $1, is proc's id. */
const PGresult	*memo_read_process(const char *query,
		    const struct cat_process *proc, uint64_t version);
/*
 * memo_read at the catalogue's data version, as a db_reader
 * (db_render_rows): a copy of the result goes into sql.
 */
int	memo_reader(struct kore_pgsql *sql, const char *query, int n,
	    const char *const *params);

#endif
