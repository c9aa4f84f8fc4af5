/*
 * The upload form of an import (/b/import): the process chosen, or a
 * new one's address name and title, and a workbook's sheet, read from
 * the multipart body beside the file with form_parse_parts().
 */
#ifndef TOTEUMA_IMPORT_FORM_H
#define TOTEUMA_IMPORT_FORM_H

#include "form.h"

/* A sheet's name: Excel takes 31 characters, other programs more. */
#define IMPORT_SHEET_MAX	100	/* characters */

/* What is told when no process is chosen and no new address given. */
#define IMPORT_SLUG_BAD	N_("Choose a process, or give the new process " \
	"an address name of lowercase letters a-z, digits and hyphens, " \
	"such as asukaspaneeli-2025.")

enum { IMP_CSRF, IMP_PROCESS, IMP_NEW_SLUG, IMP_TITLE, IMP_SHEET,
    IMP_COUNT };

extern const struct form_field import_fields[IMP_COUNT];

#endif
