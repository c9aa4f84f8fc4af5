/* See user_form.h. */
#include <string.h>

#include "i18n.h"
#include "mime.h"
#include "password_form.h"
#include "user_form.h"

const struct form_field user_fields[UF_COUNT] = {
	[UF_EMAIL] = { "email", NULL, 0, USER_EMAIL_BYTES, 0, NULL,
	    NULL, NULL },
	[UF_NAME] = { "name", NULL, USER_NAME_MAX, 0, 0,
	    N_("The name is too long: at most 200 characters."), NULL, NULL },
	[UF_ROLE] = { "role", NULL, 0, 16, 0, NULL, NULL, NULL },
	[UF_DISABLED] = { "disabled", NULL, 0, 1, 0, NULL, NULL,
	    NULL },
	[UF_PASSWORD] = { "password", NULL, 0, PASSWORD_NEW_MAX,
	    0, NULL, NULL, NULL },
	[UF_MAIL_LANG] = { "mail_lang", NULL, 0, 2, 0, NULL, NULL,
	    NULL },
	[UF_CSRF] = FORM_CSRF,
};

int
user_valid_email(const char *s)
{
	const char	*at = strchr(s, '@');
	size_t		 i;

	if (at == NULL || at == s || at[1] == '\0' || strchr(at + 1, '@') ||
	    strlen(s) > USER_EMAIL_BYTES)
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if ((unsigned char)s[i] <= 0x20 || (s[i] >= 'A' && s[i] <= 'Z'))
			return 0;
	return 1;
}

int
user_form_check(struct user_form *uf, int is_new, size_t nunits)
{
	static const int	 order[] = { UF_EMAIL, UF_ROLE, UF_PASSWORD,
				    UF_NAME };
	struct form		*f = &uf->form;
	const char		*role = f->v[UF_ROLE], *pw = f->v[UF_PASSWORD];
	size_t			 i;

	mime_address_lower(f->v[UF_EMAIL]);
	if (is_new && !user_valid_email(f->v[UF_EMAIL]))
		form_fail(f, UF_EMAIL, N_("Give an e-mail address, such as "
		    "name@example.org."));
	if (strcmp(role, "admin") != 0 && strcmp(role, "editor") != 0)
		form_fail(f, UF_ROLE, N_("Choose a role."));
	else if (strcmp(role, "editor") == 0 && nunits == 0)
		form_fail(f, UF_ROLE, N_("A unit editor needs at least one "
		    "unit."));
	/* A new user without a password is invited to choose one. */
	uf->invite = is_new && pw[0] == '\0';
	if (pw[0] != '\0')
		form_fail(f, UF_PASSWORD, auth_password_problem(pw));
	if (uf->invite && f->err[UF_EMAIL] == NULL &&
	    !mime_address_valid(f->v[UF_EMAIL]))
		form_fail(f, UF_EMAIL, N_("This address cannot receive the "
		    "invitation: give an address such as name@example.org."));
	/* None given (or another): the account's stays, a new one's is fi. */
	uf->mail_lang = strcmp(f->v[UF_MAIL_LANG], "sv") == 0 ? "sv" :
	    strcmp(f->v[UF_MAIL_LANG], "en") == 0 ? "en" :
	    strcmp(f->v[UF_MAIL_LANG], "fi") == 0 || is_new ? "fi" : NULL;
	uf->admin = strcmp(role, "admin") == 0;
	uf->disabled = form_ticked(f, UF_DISABLED);
	/* The page says one thing, in this order. */
	uf->error = NULL;
	for (i = 0; i < sizeof(order) / sizeof(order[0]) && !uf->error; i++)
		uf->error = f->err[order[i]];
	return f->nerr;
}

void
user_form_free(struct user_form *uf)
{
	form_wipe(&uf->form, UF_PASSWORD);
	form_free(&uf->form);
	memset(uf, 0, sizeof(*uf));
}
