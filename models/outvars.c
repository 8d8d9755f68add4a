/*
** outvars.c: the output-variable table, generated from outvars.def.
*/
#include <stdlib.h>
#include <string.h>

#include "outvars.h"

#define OUT(n, u, m) { #n, u, m },
const struct outvar_def outvars_table[OV_COUNT] = {
#include "outvars.def"
};
#undef OUT

#define DOMAIN(ID, key, share, share_meaning, share_source, label, group, rank) \
	OV_invest_##key##_eur,
#define DOMAIN_GROUP(group, label, colour)
const enum outvar outvars_invest[DOM_COUNT] = {
#include "domains.def"
};
#undef DOMAIN
#undef DOMAIN_GROUP

int outvars_find(const char *name)
{
	for (int i = 0; i < OV_COUNT; i++)
		if (strcmp(outvars_table[i].name, name) == 0)
			return i;
	return -1;
}

void series_free(struct series *s)
{
	if (!s)
		return;
	free(s->v);
	s->v = NULL;
	s->rows = s->cols = 0;
}
