/*
 * The milestones of an action as a list, for its public page (a
 * timeline) and its editor's form (with a link to edit each): read from
 * action_milestone_list() in sql/functions/milestones.sql, which says
 * what is done, overdue or planned.
 */
#ifndef TOTEUMA_MILESTONES_H
#define TOTEUMA_MILESTONES_H

#include "html.h"
#include "i18n.h"

/*
 * The milestones of action aid, each through the template block tplname
 * into out (vars: title, title_lang, target, done, state, state_label,
 * note, note_lang, url). With edit (a staff page, read from the
 * primary) url is the milestone's form. Returns how many, or -1 when
 * the database failed.
 */
int	milestones_render(struct html *out, const char *tplname,
	    const char *aid, int edit, enum lang);

#endif
