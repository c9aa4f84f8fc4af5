/*
 * The form that confirms a checked import (/b/import/ID): the CSRF
 * token only; the upload is in the address.
 */
#ifndef TOTEUMA_IMPORT_CONFIRM_FORM_H
#define TOTEUMA_IMPORT_CONFIRM_FORM_H

#include "form.h"

enum { IC_CSRF, IC_COUNT };

extern const struct form_field import_confirm_fields[IC_COUNT];

#endif
