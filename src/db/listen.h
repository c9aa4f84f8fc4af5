/*
 * The primary's word that the data changed: each server worker keeps a
 * connection that LISTENs for "toteuma_data" (sent by a trigger when the
 * data version moves, with the new version), watched by Kore's event
 * loop, so that a commit shows on the next request instead of after the
 * next poll. Without the connection (the database away) the catalogue
 * still polls once a second; the connection is tried again every few
 * seconds.
 */
#ifndef TOTEUMA_LISTEN_H
#define TOTEUMA_LISTEN_H

#include <stdint.h>

/* In the parent: the primary's connection string (copied). */
void	db_listen_configure(const char *conninfo);
/* In each worker, now and then: connects when not connected. */
void	db_listen_tick(uint64_t now_ms);
/* Whether this worker is listening (for /metrics and tests). */
int	db_listening(void);

#endif
