/*
 * A process's published table in the import layout (Suositus, Tarkennus,
 * Toimenpide, Aikataulu, Status, Vastuu, Lisätieto): reading it into
 * recommendations, sub-recommendations and actions with every problem
 * reported by line and column, and writing it back in the same layout.
 */
#ifndef TOTEUMA_TABLE_H
#define TOTEUMA_TABLE_H

#include <stddef.h>

#include "buf.h"
#include "msg.h"
#include "schedule.h"
#include "status.h"

#define TABLE_COLUMNS		7
#define TABLE_MAX_CELL		20000	/* bytes */

enum node_kind {
	NODE_RECOMMENDATION,
	NODE_SUB,
	NODE_SPECIFICATION
};

struct table_action {
	char		*body;
	struct schedule	 schedule;
	char		*schedule_text;	/* for SCHEDULE_TEXT */
	int		 status;	/* index in the status list, -1 none */
	char		*status_note;
	char		**units;
	size_t		 nunits;
	char		*info;
};

struct table_node {
	enum node_kind		 kind;
	char			*number;	/* NULL when unnumbered */
	char			*body;
	struct table_action	*actions;
	size_t			 nactions;
	struct table_node	*children;	/* top level only */
	size_t			 nchildren;
};

struct table {
	struct table_node	*recs;
	size_t			 nrecs;
};

extern const char *const table_headers[TABLE_COLUMNS];

/*
 * Reads a whole CSV file. Returns 0, or -1 with every problem found (up
 * to MSG_MAX_PROBLEMS) in problems; the table is then empty.
 */
int	table_read(const char *data, size_t len, const struct status_list *,
	    struct table *, struct msg_problems *);
/*
 * The same from a workbook (.xlsx): its sheet named sheet, or the
 * first (NULL or ""). A row's cells are the columns from A on; a
 * Suositus or Tarkennus cell that repeats the one above continues it,
 * as the application's own workbook writes every row in full. Problems
 * are at cells (pr->cells is 1).
 */
int	table_read_xlsx(const char *data, size_t len, const char *sheet,
	    const struct status_list *, struct table *,
	    struct msg_problems *);
/* Where problem p is: "C7" in a sheet, the line number in a CSV file. */
void	table_problem_place(const struct msg_problems *,
	    const struct msg_problem *, char *out, size_t len);

/*
 * Writes the table: header, CRLF line ends, delim (',' or ';') and RFC
 * 4180 quotes. A cell that a spreadsheet would run as a formula (see
 * table_formula_like) gets a leading apostrophe, which table_read()
 * removes again.
 */
void	table_write(const struct table *, const struct status_list *,
	    char delim, struct buf *);
/* 1 when s starts with =, +, -, @, a tab or a carriage return. */
int	table_formula_like(const char *s);

/*
 * A downloaded table may end with a row that has only its first cell,
 * starting with this: the licence and source. table_read() skips it.
 */
#define TABLE_FOOTER_MARK	"CC BY 4.0 "
void	table_free(struct table *);

/* Building a table from stored data. */
struct table_node	*table_add_rec(struct table *);
struct table_node	*table_add_child(struct table_node *);
struct table_action	*table_add_action(struct table_node *);
void	table_action_add_unit(struct table_action *, const char *);

#endif
