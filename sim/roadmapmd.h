/*
** roadmapmd.h: the text of DIR/roadmap.md, in English or German: the
** scenario's name and question, the objective, the investment per phase
** and domain of action (M EUR and per cent of the phase), the milestones
** and the constraints (met or violated, margin, binding).
*/
#ifndef DTSIM_ROADMAPMD_H
#define DTSIM_ROADMAPMD_H

#include <stddef.h>

#include "roadmap.h"
#include "roadmapplan.h"
#include "strbuf.h"

/* What roadmap.md says about the scenario besides the plan: its name and
** description (user text, escaped here) and its file name. */
struct roadmapmd_in {
	const char *name, *description, *file;
	const struct roadmap_plan *plan;
	const struct roadmap_constraint *c;
	size_t nc;
	const struct roadmap_opts *o;
};

/* Appends roadmap.md to b. User text (name, description, file name, the
** constraints' names and texts) goes through mdescape_text. */
void roadmapmd_write(const struct roadmapmd_in *in, struct strbuf *b);

/* The unit of constraint c's values: c->unit, else that of the column or
** KPI its text begins with, else "" (none). */
const char *roadmapmd_unit(const struct roadmap_constraint *c);

#endif
