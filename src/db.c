/* Server-side queries; see db.h. */
#include <libpq-fe.h>

#include "db.h"

int
db_query(struct kore_pgsql *sql, const char *query, int n,
    const char *const *params)
{
	kore_pgsql_init(sql);
	if (!kore_pgsql_setup(sql, DB_NAME, KORE_PGSQL_SYNC)) {
		kore_pgsql_logerror(sql);
		return -1;
	}
	if (!kore_pgsql_query_param_fields(sql, query, 0, n,
	    (const char **)(uintptr_t)params, NULL, NULL)) {
		kore_pgsql_logerror(sql);
		/*
		 * A connection broken by a database restart would go back
		 * to the pool and fail every later query: reset it here.
		 */
		if (sql->conn != NULL && PQstatus(sql->conn->db) ==
		    CONNECTION_BAD) {
			kore_log(LOG_NOTICE, "database connection lost, "
			    "reconnecting");
			PQreset(sql->conn->db);
		}
		return -1;
	}
	return 0;
}
