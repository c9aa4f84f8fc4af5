/*
 * What the admin pages share with each other, and the admin's part of
 * the action form, which the staff action page shows to admins.
 */
#ifndef TOTEUMA_ADMIN_H
#define TOTEUMA_ADMIN_H

#include "backend.h"

/* Units in tree order with their depth (for indentation). */
#define UNITS_SQL \
	"WITH RECURSIVE t(id, name, depth, path) AS (" \
	"SELECT id, name, 0, ARRAY[name] FROM unit WHERE parent_id IS NULL " \
	"UNION ALL SELECT u.id, u.name, t.depth + 1, t.path || u.name " \
	"FROM unit u JOIN t ON u.parent_id = t.id) " \
	"SELECT id, name, depth FROM t ORDER BY path COLLATE \"fi-x-icu\""

/*
 * The admin's part of the action form: what the action is, its units and
 * recommendations, and removing it. Appends to out.
 */
void	admin_action_section(struct html *out, struct backend *,
	    long long id, const char *revision, const char *body,
	    const char *body_sv, const char *body_en);
/*
 * The answer to an admin's change that the database refused with code:
 * 404 when it was removed meanwhile (P0002), 403 when the user is no
 * longer an administrator (42501), and otherwise 503; what was typed is
 * shown back.
 */
void	admin_refused(struct http_request *, struct backend *,
	    const char *code);
/* Unit checkboxes (name="unit"), ticked for the ids in checked. */
struct kore_pgsql;
void	unit_checkboxes(struct html *, struct kore_pgsql *, enum lang,
	    char **checked, size_t nchecked);

#endif
