/* Lookup in the tables that tools/embed generates. */
#include <string.h>

#include "embedded.h"

const struct embedded *
embedded_find(const struct embedded *files, const char *name)
{
	for (; files->name != NULL; files++)
		if (strcmp(files->name, name) == 0)
			return files;
	return NULL;
}
