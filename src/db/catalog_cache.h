/*
 * This worker's copy of the catalogue (processes, statuses, units; see
 * catalog.h), loaded from the database and brought up to date when the
 * data version changes.
 */
#ifndef TOTEUMA_CATALOG_CACHE_H
#define TOTEUMA_CATALOG_CACHE_H

#include "catalog.h"

/* Brings the catalogue up to date; -1 when the database is unreachable
 * and no catalogue was ever loaded. */
int	catalog_refresh(void);
const struct catalog *catalog_get(void);
/* The next catalog_refresh() asks the database whatever the time. */
void	catalog_invalidate(void);
/*
 * The primary announced data version (db_listen): the next
 * catalog_refresh() reads the version, and keeps reading it while what
 * it reads (from a replica) is older.
 */
void	catalog_announced(uint64_t version);
const struct cat_process *catalog_process(const char *slug);
/* A process by its id (NULL when the catalogue does not know it). */
const struct cat_process *catalog_process_by_id(long long);
const struct cat_unit *catalog_unit(const struct cat_process *, long long);
/* Any unit by its id (NULL when the catalogue does not know it). */
const struct cat_unit *catalog_unit_by_id(long long);


#endif
