/*
** cmd_compare.c: dtsim compare [-o DIR] [--rank KPI] [--baseline ID]
** [--columns LIST] [--transpose] [--lang L] [run's options] SCENARIO.ini...:
** run every scenario as dtsim run does, then rank them by one KPI, feasible
** ones first, in DIR/comparison.csv and the council tables of
** DIR/comparison.md.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batchrun.h"
#include "commands.h"
#include "compare.h"
#include "council.h"
#include "resdir.h"

/* The direction a KPI ranks in, as the compare help shows it. */
static const char *kpi_direction(int better)
{
	return better > 0 ? "higher" : better < 0 ? "lower" : "neither";
}

void cmd_compare_help(void)
{
	printf("Usage: dtsim compare [OPTION]... SCENARIO.ini...\n"
	       "Run every scenario as 'dtsim run' does, writing the same files into DIR,\n"
	       "and rank the scenarios by one KPI of summary.csv, best first, every feasible\n"
	       "one before every infeasible one (feasible = 0: a funding gap, a year short of\n"
	       "money, or cash below zero). Also write:\n"
	       "  DIR/comparison.csv  rank, scenario (id), name, then every KPI and, with\n"
	       "                      --baseline, delta_<KPI> (the difference from the\n"
	       "                      reference) for every KPI but feasible; exact numbers\n"
	       "  DIR/comparison.md   the council tables: the key figures (at most %d\n"
	       "                      columns), the burden per budget year (own cost, debt\n"
	       "                      service, fees, grants: the first %d years and the\n"
	       "                      horizon) and the economic efficiency in the structure\n"
	       "                      of WiBe 5.0; money in M EUR, units in the headers, how\n"
	       "                      amounts are discounted and priced under every table\n"
	       "  DIR/burden.csv      a row per scenario and fiscal year: scenario, name, year,\n"
	       "                      own_cost_eur, debt_service_eur, service_fees_eur,\n"
	       "                      grants_eur (the sums of the year's rows of ID.csv)\n"
	       "A KPI where lower is better ranks the lowest first; one where neither is\n"
	       "better ranks the highest first. A KPI without a value (target_year when the\n"
	       "target is never reached) ranks last; equal values share a rank.\n"
	       "\n"
	       "Options:\n"
	       "  -o, --output=DIR       write into DIR, created if missing (default: out)\n"
	       "      --rank=KPI         rank by KPI, one of those below\n"
	       "                         (default: %s)\n"
	       "      --baseline=ID      the reference scenario, one of those compared (its\n"
	       "                         id: the file name without .ini): differences from it;\n"
	       "                         without it, the one the scenarios name in\n"
	       "                         scenario.reference, if they agree\n"
	       "      --columns=LIST     the key figures' columns, comma-separated (at most %d):\n"
	       "                         rank, scenario, name, a KPI, or delta_<KPI> (needs a\n"
	       "                         reference); default: rank, name, feasible, the\n"
	       "                         ranking KPI (and its difference), then maturity, target\n"
	       "                         year, PV cost and PV net benefit\n"
	       "      --transpose        the key figures as rows and the strategies as columns,\n"
	       "                         %d strategies to a table\n"
	       "      --lang=L           en (default) or de: the tables' language, with the\n"
	       "                         scenarios' name_de (and the charts' with --plot)\n"
	       "      --xlsx             also write DIR/results.xlsx: sheets for summary.csv,\n"
	       "                         comparison.csv, burden.csv and each scenario's time\n"
	       "                         series\n"
	       "      --csv-dialect=D    write the CSV files in dialect D: en (the default)\n"
	       "                         or de (';' between fields, decimal comma)\n"
	       "      --plot             also draw compare-funding (funding sources per year,\n"
	       "                         one panel per scenario, in pages of at most 6:\n"
	       "                         compare-funding-1, ...) and compare-net-benefit into\n"
	       "                         DIR/plots, as 'dtsim plot' draws charts\n"
	       "      --format=LIST, --size=W,H\n"
	       "                         chart options, as in 'dtsim plot' (need --plot)\n"
	       "      --set=KEY=VALUE    set parameter KEY in every scenario, as in 'dtsim run'\n"
	       "                         (--set finance.discounting=wibe: WiBe's discounting)\n"
	       "      --years=N, --dt=D, --method=M, --report-step=S\n"
	       "                         shorthands for --set sim.KEY=VALUE, as in 'dtsim run'\n"
	       "  -h, --help             show this help and exit\n"
	       "\n"
	       "KPIs (name, unit, which is better, meaning):\n", COUNCIL_MAX_COLUMNS,
	       COUNCIL_BURDEN_YEARS, COMPARE_RANK_DEFAULT, COUNCIL_MAX_COLUMNS,
	       COUNCIL_MAX_COLUMNS - 1);
	for (int k = 0; k < KPI_COUNT; k++)
		printf("  %-24s %-6s %-8s %s\n", summary_kpis[k].name, summary_kpis[k].unit,
		       kpi_direction(summary_kpis[k].better), summary_kpis[k].meaning);
	printf("\n%s", cli_exit_table);
}

/* What compare adds to run's options: the ranking KPI, the reference
** scenario (an index into the batch, or the batch's size when none), the
** council view's columns and its layout, the tables' language and the
** CSV dialect. */
struct compare_opts {
	enum kpi by;
	size_t ref;
	struct council_col cols[COUNCIL_MAX_COLUMNS];
	size_t ncols;
	int transpose;
	enum plot_lang lang;
	enum csvdialect dialect;   /* of comparison.csv (comparison.md has none) */
};

static int write_csv(const char *path, const struct comparison *c,
                     const struct compare_opts *co, struct err *e)
{
	return council_write_csv(path, c, co->dialect, e);
}

static int write_burden(const char *path, const struct comparison *c,
                        const struct compare_opts *co, struct err *e)
{
	return council_write_burden_csv(path, c, co->dialect, e);
}

static int write_md(const char *path, const struct comparison *c,
                    const struct compare_opts *co, struct err *e)
{
	return council_write_md(path, c, co->cols, co->ncols, co->transpose, e);
}

/* The comparison files and the function that writes each. */
static const struct {
	const char *name, *suffix;
	int (*write)(const char *path, const struct comparison *c, const struct compare_opts *co,
	             struct err *e);
} comparison_files[] = {
	{ "comparison", ".csv", write_csv },
	{ "comparison", ".md", write_md },
	{ "burden", ".csv", write_burden },
};

/*
** Writes dir/comparison.csv, dir/comparison.md and dir/burden.csv for the
** runs in res.
** Returns CLI_OK, or CLI_RUN_FAILED having printed why (each file is
** written whole or not at all, independently).
*/
static int write_comparison(const struct cli_batch *b, const struct batchrun_results *res,
                            const char *dir, const struct compare_opts *co,
                            struct cli_diag *d)
{
	struct compare_entry *rows = calloc(res->n + 1, sizeof *rows);
	struct comparison c;
	size_t ref = res->n;
	int status = CLI_OK;

	if (!rows) {
		fputs("dtsim: out of memory\n", stderr);
		return CLI_RUN_FAILED;
	}
	for (size_t i = 0; i < res->n; i++) {
		const struct scenario *sc = b->sc[res->index[i]];

		rows[i].id = scenario_id(sc);
		rows[i].name = scenario_text_de(sc, P_scenario_name, co->lang == PLOT_DE);
		rows[i].kpi = res->rows[i];
		rows[i].burden = &res->burden[i];
		rows[i].p = &b->years[res->index[i]][0];
		if (res->index[i] == co->ref)
			ref = i;
	}
	if (co->ref < b->n && ref == res->n) {
		fprintf(stderr, "dtsim: compare: the reference scenario %s did not run; the "
		        "comparison has no differences\n", scenario_id(b->sc[co->ref]));
		status = CLI_RUN_FAILED;
	}
	if (compare_init(&c, rows, res->n, co->by, ref, co->lang) != 0) {
		fputs("dtsim: out of memory\n", stderr);
		free(rows);
		return CLI_RUN_FAILED;
	}
	for (size_t f = 0; f < sizeof comparison_files / sizeof comparison_files[0]; f++) {
		char *path = resdir_join(dir, comparison_files[f].name, comparison_files[f].suffix);
		struct err e;

		err_clear(&e);
		if (!path) {
			fputs("dtsim: out of memory\n", stderr);
			status = CLI_RUN_FAILED;
		} else if (comparison_files[f].write(path, &c, co, &e) != 0) {
			cli_diag_err(d, &e, NULL);
			status = CLI_RUN_FAILED;
		}
		free(path);
	}
	compare_free(&c);
	free(rows);
	return status;
}

/* The KPI, the columns and the reference are checked before anything is
** written, so a mistake in them writes nothing. */
int cmd_compare(int argc, char **argv)
{
	static const char *const xlsx_tables[] = { "summary", "comparison", "burden" };
	struct compare_opts co;
	struct batchrun r;
	struct err e;

	memset(&co, 0, sizeof co);
	co.by = KPI_COUNT;
	if (batchrun_begin(&r, argc, argv, CLI_COMPARE, cmd_compare_help) != 0)
		return batchrun_end(&r);
	if (!r.o.rank)
		r.o.rank = COMPARE_RANK_DEFAULT;
	/* The workbook's tables; the burden table joins them here when
	** compare writes one. */
	r.xlsx_tables = xlsx_tables;
	r.nxlsx_tables = sizeof xlsx_tables / sizeof xlsx_tables[0];
	err_clear(&e);
	if (compare_kpi_find(r.o.rank, &co.by, &e) != 0) {
		r.status = cli_usage_error("compare: --rank: %s", e.msg);
		return batchrun_end(&r);
	}
	co.transpose = r.o.transpose;
	co.lang = r.po.lang;
	co.dialect = r.dialect;
	if (batchrun_load(&r, argv + optind, (size_t)(argc - optind)) != 0)
		return batchrun_end(&r);
	co.ref = batchrun_reference(&r);
	if (r.o.columns
	    && council_parse_columns(r.o.columns, co.ref < r.b.n, co.cols, &co.ncols, &e) != 0) {
		r.status = cli_usage_error("compare: --columns: %s", e.msg);
		return batchrun_end(&r);
	}
	if (!r.o.columns)
		council_default_columns(co.by, co.ref < r.b.n, co.cols, &co.ncols);
	if (batchrun_execute(&r) == 0
	    && write_comparison(&r.b, &r.res, r.o.outdir, &co, &r.d) != CLI_OK)
		r.status = CLI_RUN_FAILED;
	return batchrun_end(&r);
}
