/*
** optimout.c: convergence.csv, constraints.csv and the report of dtsim
** optimise (optimout.h).
*/
#include <math.h>
#include <stdlib.h>

#include "afile.h"
#include "csvout.h"
#include "optimline.h"
#include "optimout.h"
#include "resdir.h"
#include "summary.h"

static const char *const stage_names[] = { "start", "global", "local" };

int optimout_convergence(const char *dir, const struct optim_result *r, struct err *e)
{
	struct afile *af = resdir_open(dir, "convergence.csv", e);
	FILE *f;
	int bad = 0;

	if (!af)
		return -1;
	f = afile_stream(af);
	fputs("evaluation,stage,objective,max_violation,best_so_far\n", f);
	for (long i = 0; i < r->evals; i++) {
		const struct optim_log *lg = &r->log[i];
		fprintf(f, "%ld,%s", lg->eval, stage_names[lg->stage]);
		bad |= csvout_number(f, lg->f, 0);
		bad |= csvout_number(f, isfinite(lg->viol) ? lg->viol : NAN, 0);
		bad |= csvout_number(f, lg->best, 0);
		fputc('\n', f);
	}
	if (bad) {
		afile_abort(af);
		return err_set(e, "", 0, "", "cannot write convergence.csv");
	}
	return afile_commit(af, e);
}

int optimout_binding(const struct optim_spec *sp, const struct optim_point *pt, size_t k)
{
	const struct optim_constraint *c = &sp->c[k];
	double scale = c->probability == c->probability ? 1 : fmax(1, fabs(c->bound));

	return fabs(pt->margin[k]) <= sp->binding_tol * scale;
}

int optimout_constraints(const char *dir, const struct optim_spec *sp,
                         const struct optim_point *pt, struct err *e)
{
	struct afile *af = resdir_open(dir, "constraints.csv", e);
	FILE *f;
	int bad = 0;

	if (!af)
		return -1;
	f = afile_stream(af);
	fputs("constraint,text,year,value,bound,margin,met,binding\n", f);
	for (size_t k = 0; k < sp->nc; k++) {
		const struct optim_constraint *c = &sp->c[k];
		double scale = c->probability == c->probability ? 1 : fmax(1, fabs(c->bound));
		int met = pt->margin[k] >= -sp->tol * scale;

		bad |= csvout_field(f, c->name, 1);
		bad |= csvout_field(f, c->text, 0);
		fprintf(f, ",%d", pt->year[k]);
		bad |= csvout_number(f, pt->value[k], 0);
		bad |= csvout_number(f, c->probability == c->probability ? c->probability : c->bound, 0);
		bad |= csvout_number(f, isfinite(pt->margin[k]) ? pt->margin[k] : NAN, 0);
		fprintf(f, ",%d,%d\n", met, optimout_binding(sp, pt, k));
	}
	if (bad) {
		afile_abort(af);
		return err_set(e, "", 0, "", "cannot write constraints.csv");
	}
	return afile_commit(af, e);
}

void optimout_report(FILE *f, const struct optim_spec *sp, const struct optim_result *r,
                     double seconds)
{
	const struct optim_point *b = &r->best;
	const char *kpi = summary_kpis[sp->objective].name;

	fprintf(f, "objective: %s %s\n", optimline_senses[sp->sense], kpi);
	fprintf(f, "  scenario as written: %.10g%s\n", r->start.f,
	        r->start.feasible ? "" : " (violates a constraint)");
	fprintf(f, "  roadmap:             %.10g\n", b->f);
	fprintf(f, "%s\n", b->feasible ? "feasible: every constraint is met" :
	        "INFEASIBLE: no point met every constraint; the roadmap is the least-violating point");
	for (size_t k = 0; k < sp->nc; k++) {
		const struct optim_constraint *c = &sp->c[k];
		double scale = c->probability == c->probability ? 1 : fmax(1, fabs(c->bound));
		int met = b->margin[k] >= -sp->tol * scale;

		fprintf(f, "  %-12s %s", c->name, c->text);
		if (c->probability == c->probability)
			fprintf(f, " with probability >= %g", c->probability);
		fprintf(f, ": %.10g (%d), margin %.6g, %s%s\n", b->value[k], b->year[k],
		        b->margin[k], met ? "met" : "VIOLATED",
		        optimout_binding(sp, b, k) ? ", binding" : "");
	}
	fprintf(f, "%ld evaluations, %ld model runs (%ld failed), %.2f s\n", r->evals, r->runs,
	        r->failed, seconds);
}
