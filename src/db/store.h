/*
 * The SQL for processes, recommendations and actions as whole tables,
 * shared by the command-line tool and the server: statements, reading
 * their results (PGresult, from libpq or Kore's pgsql layer) into a
 * struct table or a status list, and the import document that
 * process_import() in the database merges.
 */
#ifndef TOTEUMA_STORE_H
#define TOTEUMA_STORE_H

#include <jansson.h>
#include <libpq-fe.h>

#include "status.h"
#include "table.h"

#define STORE_SQL_STATUSES \
	"SELECT id, code, label_fi, label_sv, label_en, is_final, colour, " \
	"position, progress, meaning_fi, meaning_sv, meaning_en " \
	"FROM status ORDER BY position"

/* $1: process id */
#define STORE_SQL_RECOMMENDATIONS \
	"SELECT r.id, r.parent_id, r.kind, r.number, r.body " \
	"FROM recommendation r LEFT JOIN recommendation p " \
	"ON p.id = r.parent_id " \
	"WHERE r.process_id = $1 AND r.deleted_at IS NULL " \
	"ORDER BY coalesce(p.position, r.position), " \
	"r.parent_id IS NOT NULL, r.position"

/* $1: process id */
#define STORE_SQL_ACTIONS \
	"SELECT ra.recommendation_id, a.body, a.schedule_kind, " \
	"extract(year FROM a.schedule_start)::int AS start_year, " \
	"extract(month FROM a.schedule_start)::int AS start_month, " \
	"extract(year FROM a.schedule_end)::int AS end_year, " \
	"extract(month FROM a.schedule_end)::int AS end_month, " \
	"a.schedule_text, s.code AS status, a.status_note, a.info, " \
	"(SELECT string_agg(u.name, E'\\n' ORDER BY au.position) " \
	"FROM action_unit au JOIN unit u ON u.id = au.unit_id " \
	"WHERE au.action_id = a.id) AS units " \
	"FROM recommendation_action ra " \
	"JOIN action a ON a.id = ra.action_id AND a.deleted_at IS NULL " \
	"JOIN recommendation r ON r.id = ra.recommendation_id " \
	"AND r.deleted_at IS NULL " \
	"LEFT JOIN status s ON s.id = a.status_id " \
	"WHERE ra.process_id = $1 ORDER BY ra.recommendation_id, ra.position"

int	store_statuses(PGresult *, struct status_list *);
int	store_table(PGresult *recs, PGresult *actions,
	    const struct status_list *, struct table *);
/*
 * The document of table t for process_import_stage(), without the
 * search terms of its actions and their units: store_import_terms()
 * makes those, in the file's order, for process_import_finish(). The
 * caller owns both.
 */
json_t	*store_import_doc(const struct table *, const char *slug,
	    const char *title, int year, const struct status_list *);
json_t	*store_import_terms(const struct table *);

/*
 * The days the database computes (current_date, a timestamp's ::date or
 * to_char, what is overdue, due soon or stale, a round's deadline) are
 * days in Finland: every connection made after this call has the
 * session time zone Europe/Helsinki (libpq's PGTZ), whatever the
 * server's or the database's own time zone. Called once at start-up.
 */
void	store_time_zone(void);

/* "asukaspaneeli-2023" -> 2023; 0 when the slug names no year. */
int	store_year_of_slug(const char *slug);

#endif
