/*
 * The form that closes a reporting round (/b/rounds/ID/close): the
 * CSRF token and confirm ("1": posted from the step that says how many
 * units have not answered); the round is in the address.
 */
#ifndef TOTEUMA_ROUND_CLOSE_FORM_H
#define TOTEUMA_ROUND_CLOSE_FORM_H

#include "form.h"

enum { RX_CSRF, RX_CONFIRM, RX_COUNT };

extern const struct form_field round_close_fields[RX_COUNT];

#endif
