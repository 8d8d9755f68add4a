/*
** outvars.c: the output-variable table, generated from outvars.def.
*/
#include <string.h>

#include "outvars.h"

#define OUT(n, u, m) { #n, u, m },
const struct outvar_def outvars_table[OV_COUNT] = {
#include "outvars.def"
};
#undef OUT

int outvars_find(const char *name)
{
	for (int i = 0; i < OV_COUNT; i++)
		if (strcmp(outvars_table[i].name, name) == 0)
			return i;
	return -1;
}
