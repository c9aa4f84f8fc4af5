/*
 * Prints an SQL test (run by tests/sql.sh, with tests/sql/harness.sql)
 * that holds the limits of the forms, as the C code defines them,
 * against the CHECKs of the tables: a text at its limit is stored and
 * one character more is refused; every kind the form offers is allowed;
 * the years at the ends of the range are allowed and those beyond not.
 * The forms: process, round (title, message) and snapshot (label);
 * the weight of an action in a recommendation's progress, a status's
 * progress percentage; API tokens (name, how long one lasts).
 * Comments on a returned update and a panel member's verdict; the
 * action form's texts; the site's details, statements and feedback;
 * a process's address name.
 * Milestones live in one column of the action (a list checked by
 * milestones_valid), so theirs are held with whole lists.
 */
#include <stdio.h>
#include <string.h>

#include "action_form.h"
#include "define_form.h"
#include "field_limits.h"
#include "labels.h"
#include "milestone_form.h"
#include "new_process_form.h"
#include "process_form.h"
#include "reason_form.h"
#include "round_form.h"
#include "site_form.h"
#include "snapshot_form.h"
#include "rec_form.h"
#include "response_form.h"
#include "status_form.h"
#include "token_form.h"
#include "unit_form.h"
#include "user_form.h"
#include "verdict_form.h"
#include "totp.h"

int	main(void);

static void	fits(const char *, const char *, int);
static void	form(const char *, const struct form_field *, int);
static void	year(int, int);
static void	milestones(void);
static void	weight(int, int);
static void	status_progress(int, int);
static void	tokens(void);
static void	comments(void);
static void	action_texts(void);
static void	site(void);
static void	slug(const char *);
static void	slugs(void);

static const char *const helpers =
    "BEGIN;\n"
    "\\i tests/sql/harness.sql\n"
    "CREATE FUNCTION pg_temp.fits(tbl text, col text, n integer)\n"
    "RETURNS boolean LANGUAGE plpgsql AS $$\n"
    "DECLARE r bigint;\n"
    "BEGIN\n"
    "\tEXECUTE format('SELECT min(id) FROM %I', tbl) INTO r;\n"
    "\tBEGIN\n"
    "\t\tEXECUTE format('UPDATE %I SET %I = repeat(''ä'', %s) "
    "WHERE id = %s', tbl, col, n, r);\n"
    "\tEXCEPTION WHEN check_violation THEN RETURN false;\n"
    "\tEND;\n"
    "\tBEGIN\n"
    "\t\tEXECUTE format('UPDATE %I SET %I = repeat(''ä'', %s) "
    "WHERE id = %s', tbl, col, n + 1, r);\n"
    "\t\tRETURN false;\n"
    "\tEXCEPTION WHEN check_violation THEN RETURN true;\n"
    "\tEND;\n"
    "END $$;\n"
    "CREATE FUNCTION pg_temp.runs(stmt text) RETURNS boolean\n"
    "LANGUAGE plpgsql AS $$\n"
    "BEGIN\n"
    "\tEXECUTE stmt;\n"
    "\tRETURN true;\n"
    "EXCEPTION WHEN others THEN RETURN false;\n"
    "END $$;\n"
    "INSERT INTO process (slug, title) VALUES ('t-limits', 'Rajat');\n"
    "INSERT INTO round (title, deadline) VALUES ('Rajat', current_date);\n"
    "INSERT INTO snapshot (process_id, as_of) SELECT id, current_date "
    "FROM process WHERE slug = 't-limits';\n"
    "INSERT INTO app_user (email, role, password_hash) VALUES "
    "('t-limits@example.org', 'editor', '$argon2id$t');\n"
    "INSERT INTO unit (name) VALUES ('T-limits');\n"
    "INSERT INTO recommendation (process_id, kind, body, position) "
    "SELECT id, 'recommendation', 'Rajat', 0 FROM process "
    "WHERE slug = 't-limits';\n"
    "INSERT INTO action (process_id) SELECT id FROM process "
    "WHERE slug = 't-limits';\n"
    "INSERT INTO recommendation_action (process_id, recommendation_id, "
    "action_id, position) SELECT r.process_id, r.id, a.id, 0 "
    "FROM recommendation r JOIN action a ON a.process_id = r.process_id "
    "JOIN process p ON p.id = r.process_id WHERE p.slug = 't-limits';\n";

static void
fits(const char *table, const char *column, int max)
{
	printf("SELECT pg_temp.ok(pg_temp.fits('%s', '%s', %d), '%s.%s: at "
	    "most %d characters, in the form and in the table');\n", table,
	    column, max, table, column, max);
}

/*
 * Every text field of a form that has a limit, against table's column.
 * An address name is held by slugs() below instead: its column takes
 * only a-z, digits and hyphens, so no run of letters over a byte fits.
 */
static void
form(const char *table, const struct form_field *fields, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		if (fields[i].chars > 0 && strcmp(fields[i].name, "slug") != 0)
			fits(table, fields[i].name, fields[i].chars);
}

static void
year(int y, int allowed)
{
	printf("SELECT pg_temp.ok(%spg_temp.runs('UPDATE process SET year = "
	    "%d WHERE slug = ''t-limits'''), 'process.year: %d is %s');\n",
	    allowed ? "" : "NOT ", y, y, allowed ? "allowed" : "refused");
}

/* An action's weight in a recommendation's progress: stored or not. */
static void
weight(int w, int stored)
{
	printf("SELECT pg_temp.ok(%spg_temp.runs('UPDATE recommendation_action "
	    "SET weight = %d WHERE process_id = (SELECT id FROM process "
	    "WHERE slug = ''t-limits'')'), 'recommendation_action.weight: "
	    "%d is %s, in the form and in the table');\n", stored ? "" :
	    "NOT ", w, w, stored ? "stored" : "refused");
}

/* A status's progress percentage: stored or not. */
static void
status_progress(int p, int stored)
{
	printf("SELECT pg_temp.ok(%spg_temp.runs('UPDATE status SET progress "
	    "= %d WHERE id = (SELECT min(id) FROM status)'), 'status.progress: "
	    "%d is %s, in the form and in the table');\n", stored ? "" :
	    "NOT ", p, p, stored ? "stored" : "refused");
}

/* A milestone's key at n characters, alone in a list: stored or not. */
static void
milestone_text(const char *key, int n, int stored)
{
	printf("SELECT pg_temp.ok(%spg_temp.runs('UPDATE action SET "
	    "milestones = jsonb_build_array(jsonb_build_object(''id'', 1, "
	    "''title'', ''M'', ''target'', ''2025-03-01'', ''%s'', "
	    "repeat(''ä'', %d))) WHERE process_id = (SELECT id FROM process "
	    "WHERE slug = ''t-limits'')'), 'action.milestones: a %s of %d "
	    "characters is %s');\n", stored ? "" : "NOT ", key, n, key, n,
	    stored ? "stored" : "refused");
}

/* The limits of milestone_form.h against milestones_valid (0021). */
static void
milestones(void)
{
	static const char *const keys[] = { "title", "title_sv", "title_en" };
	size_t	i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		milestone_text(keys[i], MILESTONE_TITLE_MAX, 1);
		milestone_text(keys[i], MILESTONE_TITLE_MAX + 1, 0);
	}
	milestone_text("note", MILESTONE_NOTE_MAX, 1);
	milestone_text("note", MILESTONE_NOTE_MAX + 1, 0);
	printf("SELECT pg_temp.ok(pg_temp.runs('UPDATE action SET milestones "
	    "= (SELECT jsonb_agg(jsonb_build_object(''id'', i, ''title'', "
	    "''M'', ''target'', ''2025-03-01'')) FROM generate_series(1, %d) "
	    "i) WHERE process_id = (SELECT id FROM process WHERE slug = "
	    "''t-limits'')'), 'action.milestones: %d are stored');\n",
	    MILESTONES_MAX, MILESTONES_MAX);
	printf("SELECT pg_temp.ok(NOT pg_temp.runs('UPDATE action SET "
	    "milestones = (SELECT jsonb_agg(jsonb_build_object(''id'', i, "
	    "''title'', ''M'', ''target'', ''2025-03-01'')) FROM "
	    "generate_series(1, %d) i) WHERE process_id = (SELECT id FROM "
	    "process WHERE slug = ''t-limits'')'), 'action.milestones: %d "
	    "are refused');\n", MILESTONES_MAX + 1, MILESTONES_MAX + 1);
}

/* token_form.h against api_token (0027): the name, the days. */
static void
tokens(void)
{
	int	d;

	puts("INSERT INTO api_token (user_id, name, token_hash, expires_at) "
	    "SELECT id, 'Rajat', decode(repeat('00', 32), 'hex'), now() + "
	    "interval '1 day' FROM app_user WHERE email = "
	    "'t-limits@example.org';");
	fits("api_token", "name", TOKEN_NAME_MAX);
	for (d = TOKEN_DAYS_MAX; d <= TOKEN_DAYS_MAX + 1; d++)
		printf("SELECT pg_temp.ok(%spg_temp.runs('UPDATE api_token SET "
		    "expires_at = created_at + interval ''%d days'''), "
		    "'api_token: %d days is %s');\n", d == TOKEN_DAYS_MAX ?
		    "" : "NOT ", d, d, d == TOKEN_DAYS_MAX ? "allowed" :
		    "refused");
}

/*
 * An update returned with a comment (action_pending, 0026) and a
 * panel member's verdict with a comment and the reason it was hidden
 * (verdict, 0023).
 */
static void
comments(void)
{
	puts("INSERT INTO action_pending (action_id, base_revision, doc) "
	    "SELECT a.id, 0, '{}' FROM action a JOIN process p ON p.id = "
	    "a.process_id WHERE p.slug = 't-limits';");
	fits("action_pending", "comment", REVIEW_COMMENT_MAX);
	puts("INSERT INTO verdict_link (process_id, number, token_hash) "
	    "SELECT id, 1, decode(repeat('00', 32), 'hex') FROM process "
	    "WHERE slug = 't-limits';");
	puts("INSERT INTO verdict (link_id, recommendation_id, process_id, "
	    "response, hidden_at, hidden_reason) SELECT l.id, r.id, "
	    "r.process_id, 1, now(), 'x' FROM verdict_link l JOIN "
	    "recommendation r ON r.process_id = l.process_id JOIN process p "
	    "ON p.id = l.process_id WHERE p.slug = 't-limits';");
	fits("verdict", "comment", VERDICT_COMMENT_MAX);
	fits("verdict", "hidden_reason", VERDICT_REASON_MAX);
}

/* The texts of the action form (action_form.h). */
static void
action_texts(void)
{
	static const char *const cols[] = { "status_note", "status_note_sv",
	    "status_note_en", "info", "info_sv", "info_en" };
	size_t	i;

	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		fits("action", cols[i], ACTION_TEXT_MAX);
	/* A schedule in words has the kind "text". */
	puts("UPDATE action SET schedule_kind = 'text', schedule_text = 'x' "
	    "WHERE process_id = (SELECT id FROM process WHERE slug = "
	    "'t-limits');");
	fits("action", "schedule_text", ACTION_SCHEDULE_TEXT_MAX);
}

/*
 * The county's details and statements, and accessibility feedback
 * (site_form.h; 0008). The website's address has a form of its own.
 */
static void
site(void)
{
	fits("site", "name", SITE_NAME_MAX);
	fits("site", "name_sv", SITE_NAME_MAX);
	fits("site", "name_en", SITE_NAME_MAX);
	fits("site", "address", SITE_ADDRESS_MAX);
	fits("site", "phone", SITE_PHONE_MAX);
	fits("site", "email", SITE_EMAIL_MAX);
	puts("INSERT INTO site_text (page, lang) VALUES ('privacy', 'fi') "
	    "ON CONFLICT DO NOTHING;");
	fits("site_text", "body", SITE_TEXT_MAX);
	puts("INSERT INTO accessibility_feedback (message, lang) VALUES "
	    "('Rajat', 'fi');");
	fits("accessibility_feedback", "name", FEEDBACK_NAME_MAX);
	fits("accessibility_feedback", "email", SITE_EMAIL_MAX);
	fits("accessibility_feedback", "message", FEEDBACK_MESSAGE_MAX);
}

/* process_slug_valid() on s against the CHECK of process.slug. */
static void
slug(const char *s)
{
	int	ok = process_slug_valid(s);

	printf("SELECT pg_temp.ok(%spg_temp.runs('INSERT INTO process (slug, "
	    "title) VALUES (''%s'', ''Rajat'')'), 'process.slug: \"%s\" is "
	    "%s, in the form and in the table');\n", ok ? "" : "NOT ", s, s,
	    ok ? "allowed" : "refused");
}

/* Slugs of every kind, the longest and one byte more. */
static void
slugs(void)
{
	static const char *const samples[] = { "t", "t-limits-2025", "t-1-2",
	    "-t", "t-", "t--x", "T", "t\xc3\xa4", "t_x", "t x", "" };
	char	 longest[PROCESS_SLUG_MAX + 2];
	size_t	 i;

	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++)
		slug(samples[i]);
	memset(longest, 'x', sizeof(longest));
	longest[PROCESS_SLUG_MAX] = '\0';
	slug(longest);
	longest[PROCESS_SLUG_MAX] = 'x';
	longest[PROCESS_SLUG_MAX + 1] = '\0';
	slug(longest);
}

int
main(void)
{
	int	i;

	fputs(helpers, stdout);
	form("process", process_fields, PF_COUNT);
	form("round", round_fields, RF_COUNT);
	form("snapshot", snapshot_fields, SN_COUNT);
	form("process", new_process_fields, NP_COUNT);
	form("status", status_fields, SF_COUNT);
	form("reason_category", reason_fields, RNF_COUNT);
	form("app_user", user_fields, UF_COUNT);
	form("action", define_fields, DF_COUNT);
	form("recommendation", rec_fields, RD_COUNT);
	/* Fields whose column has another name, or checked after trimming. */
	fits("recommendation", "response_reason", RESPONSE_REASON_MAX);
	fits("history", "correction", CORRECTION_MAX);
	fits("unit", "name", UNIT_NAME_MAX);
	fits("unit", "name_sv", UNIT_NAME_MAX);
	fits("unit", "name_en", UNIT_NAME_MAX);
	for (i = 0; i < PROCESS_KINDS; i++)
		printf("SELECT pg_temp.ok(pg_temp.runs('UPDATE process SET "
		    "kind = ''%s'' WHERE slug = ''t-limits'''), "
		    "'process.kind: the form''s %s is allowed');\n",
		    process_kinds[i][0], process_kinds[i][0]);
	year(PROCESS_YEAR_MIN, 1);
	year(PROCESS_YEAR_MAX, 1);
	year(PROCESS_YEAR_MIN - 1, 0);
	year(PROCESS_YEAR_MAX + 1, 0);
	milestones();
	comments();
	action_texts();
	site();
	slugs();
	weight(DEFINE_WEIGHT_MIN, 1);
	weight(DEFINE_WEIGHT_MAX, 1);
	weight(DEFINE_WEIGHT_MIN - 1, 0);
	weight(DEFINE_WEIGHT_MAX + 1, 0);
	weight(DEFINE_WEIGHT_DEFAULT, 1);
	status_progress(STATUS_PROGRESS_MIN, 1);
	status_progress(STATUS_PROGRESS_MAX, 1);
	status_progress(STATUS_PROGRESS_MIN - 1, 0);
	status_progress(STATUS_PROGRESS_MAX + 1, 0);
	/* The second factor's secret, salt and recovery code hashes. */
	printf("SELECT pg_temp.ok(pg_temp.runs('INSERT INTO user_totp "
	    "(user_id, secret, recovery_salt, enabled_at) SELECT id, "
	    "decode(repeat(''ab'', %d), ''hex''), decode(repeat(''cd'', %d), "
	    "''hex''), now() FROM app_user WHERE email = "
	    "''t-limits@example.org'''), 'user_totp: a secret and a salt of "
	    "the sizes totp.h makes');\n", TOTP_SECRET_LEN, TOTP_SALT_LEN);
	printf("SELECT pg_temp.ok(pg_temp.runs('INSERT INTO user_recovery_code "
	    "(user_id, code_hash) SELECT id, repeat(''e'', %d) FROM app_user "
	    "WHERE email = ''t-limits@example.org'''), 'user_recovery_code: "
	    "a hash as long as totp.h makes it');\n", TOTP_RECOVERY_HASH_HEX);
	tokens();
	puts("ROLLBACK;");
	return 0;
}
