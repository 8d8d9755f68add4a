/*
** cmd_compare.c: dtsim compare [-o DIR] [--rank KPI] [run's options]
** SCENARIO.ini...: run every scenario as dtsim run does, then rank them by
** one KPI in DIR/comparison.csv and DIR/comparison.md.
*/
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "batchrun.h"
#include "commands.h"
#include "compare.h"
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
	       "and rank the scenarios by one KPI of summary.csv, best first. Also write:\n"
	       "  DIR/comparison.csv  rank, scenario (id), name, then every KPI; exact numbers\n"
	       "  DIR/comparison.md   a Markdown table for a report: money in M EUR, shares\n"
	       "                      in percent, units in the headers\n"
	       "A KPI where lower is better ranks the lowest first; one where neither is\n"
	       "better ranks the highest first. A KPI without a value (target_year when the\n"
	       "target is never reached) ranks last; equal values share a rank.\n"
	       "\n"
	       "Options:\n"
	       "  -o, --output=DIR       write into DIR, created if missing (default: out)\n"
	       "      --rank=KPI         rank by KPI, one of those below\n"
	       "                         (default: %s)\n"
	       "      --xlsx             also write DIR/results.xlsx: sheets for summary.csv,\n"
	       "                         comparison.csv and each scenario's time series\n"
	       "      --csv-dialect=D    write the CSV files in dialect D: en (the default)\n"
	       "                         or de (';' between fields, decimal comma)\n"
	       "      --plot             also draw compare-funding (funding sources per year,\n"
	       "                         one panel per scenario) and compare-net-benefit into\n"
	       "                         DIR/plots, as 'dtsim plot' draws charts\n"
	       "      --format=LIST, --size=W,H, --lang=L\n"
	       "                         chart options, as in 'dtsim plot' (need --plot)\n"
	       "      --set=KEY=VALUE    set parameter KEY in every scenario, as in 'dtsim run'\n"
	       "      --years=N, --dt=D, --method=M, --report-step=S\n"
	       "                         shorthands for --set sim.KEY=VALUE, as in 'dtsim run'\n"
	       "  -h, --help             show this help and exit\n"
	       "\n"
	       "KPIs (name, unit, which is better, meaning):\n", COMPARE_RANK_DEFAULT);
	for (int k = 0; k < KPI_COUNT; k++)
		printf("  %-24s %-6s %-8s %s\n", summary_kpis[k].name, summary_kpis[k].unit,
		       kpi_direction(summary_kpis[k].better), summary_kpis[k].meaning);
	printf("\n%s", cli_exit_table);
}

/* comparison.md is the same in every CSV dialect. */
static int write_md(const char *path, const struct compare_entry *rows, size_t n,
                    enum kpi by, enum csvdialect d, struct err *e)
{
	(void)d;
	return compare_write_md(path, rows, n, by, e);
}

/* The comparison files and the function that writes each. */
static const struct {
	const char *suffix;
	int (*write)(const char *path, const struct compare_entry *rows, size_t n,
	             enum kpi by, enum csvdialect d, struct err *e);
} comparison_files[] = {
	{ ".csv", compare_write_csv },
	{ ".md", write_md },
};

/*
** Writes dir/comparison.csv (in CSV dialect dialect) and dir/comparison.md
** for the runs in res, ranked by `by`. Returns CLI_OK, or CLI_RUN_FAILED
** having printed why (each file is written whole or not at all,
** independently).
*/
static int write_comparison(const struct cli_batch *b, const struct batchrun_results *res,
                            const char *dir, enum kpi by, enum csvdialect dialect,
                            struct cli_diag *d)
{
	struct compare_entry *rows = calloc(res->n + 1, sizeof *rows);
	int status = CLI_OK;

	if (!rows) {
		fputs("dtsim: out of memory\n", stderr);
		return CLI_RUN_FAILED;
	}
	for (size_t i = 0; i < res->n; i++) {
		const struct scenario *sc = b->sc[res->index[i]];

		rows[i].id = scenario_id(sc);
		rows[i].name = scenario_text(sc, P_scenario_name);
		rows[i].kpi = res->rows[i];
	}
	for (size_t f = 0; f < sizeof comparison_files / sizeof comparison_files[0]; f++) {
		char *path = resdir_join(dir, "comparison", comparison_files[f].suffix);
		struct err e;

		err_clear(&e);
		if (!path) {
			fputs("dtsim: out of memory\n", stderr);
			status = CLI_RUN_FAILED;
		} else if (comparison_files[f].write(path, rows, res->n, by, dialect, &e) != 0) {
			cli_diag_err(d, &e, NULL);
			status = CLI_RUN_FAILED;
		}
		free(path);
	}
	free(rows);
	return status;
}


/* The KPI is checked before any scenario is loaded, so a bad --rank
** writes nothing. */
int cmd_compare(int argc, char **argv)
{
	enum kpi by = KPI_COUNT;
	struct batchrun r;
	struct err e;

	if (batchrun_begin(&r, argc, argv, CLI_COMPARE, cmd_compare_help) != 0)
		return batchrun_end(&r);
	static const char *const xlsx_tables[] = { "summary", "comparison" };

	if (!r.o.rank)
		r.o.rank = COMPARE_RANK_DEFAULT;
	/* The workbook's tables; the burden table joins them here when
	** compare writes one. */
	r.xlsx_tables = xlsx_tables;
	r.nxlsx_tables = sizeof xlsx_tables / sizeof xlsx_tables[0];
	err_clear(&e);
	if (compare_kpi_find(r.o.rank, &by, &e) != 0) {
		r.status = cli_usage_error("compare: --rank: %s", e.msg);
		return batchrun_end(&r);
	}
	if (batchrun_run(&r, argv + optind, (size_t)(argc - optind)) == 0
	    && write_comparison(&r.b, &r.res, r.o.outdir, by, r.dialect, &r.d) != CLI_OK)
		r.status = CLI_RUN_FAILED;
	return batchrun_end(&r);
}
