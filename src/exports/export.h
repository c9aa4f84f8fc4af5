/*
 * Downloads of a process's public table as a view selects it: CSV in the
 * published-table layout (a spreadsheet dialect and RFC 4180), XLSX and
 * JSON. Each carries the licence and the time of the data.
 */
#ifndef TOTEUMA_EXPORT_H
#define TOTEUMA_EXPORT_H

#include <time.h>

#include <jansson.h>

#include "buf.h"
#include "view.h"
#include "progress.h"
#include "verdict.h"
#include "rows.h"

#define EXPORT_LICENCE		"CC BY 4.0"
#define EXPORT_LICENCE_URL	"https://creativecommons.org/licenses/by/4.0/"

enum csv_dialect {
	CSV_SPREADSHEET,	/* UTF-8 BOM, ';', CRLF */
	CSV_RFC4180		/* ',', CRLF */
};

/* What every download says about itself. */
struct export_meta {
	const struct view	*view;
	const char		*source;	/* absolute URL of the view */
	time_t			 data_time;
	long			 total;
	/* The JSON's: the progress of the rows' recommendations. */
	const struct progress_set *progress;
	/* The JSON's: the panel's aggregate verdict of them, or NULL. */
	const struct verdict_set *verdict;
};

void	export_csv(struct buf *, const struct rowset *,
	    const struct status_list *, enum csv_dialect,
	    const struct export_meta *);
/* 0, or -1 when the workbook could not be written. */
int	export_xlsx(struct buf *, const struct rowset *,
	    const struct status_list *, const struct export_meta *);
/* The rows as the API's document; the caller owns it. */
json_t	*export_json(const struct rowset *, const struct status_list *,
	    const struct export_meta *);

/* "2026-11-22T08:15:00Z" */
void	export_time(time_t, char *, size_t);
/* A status as JSON: code, labels and progress; json null for NULL. */
json_t	*export_status(const struct status *);
/* A process's progress from the catalogue (process_progress). */
struct cat_process;
json_t	*export_process_progress(const struct cat_process *);

/* A text in three languages: {"fi": ..., "sv": ..., "en": ...}. */
json_t	*export_texts(const char *fi, const char *sv, const char *en);

#endif
