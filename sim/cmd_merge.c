/*
** cmd_merge.c: dtsim merge [-o DIR] PART...: combines the partial results
** of `dtsim mc --shard K/N` (mcpart.h), one for every shard, into the files
** `dtsim mc` writes on one machine, byte for byte (mcwrite.h). Every part
** is read and checked before anything is written.
*/
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "cli.h"
#include "commands.h"
#include "mc.h"
#include "mcpart.h"
#include "mcwrite.h"
#include "resdir.h"

void cmd_merge_help(void)
{
	printf("Usage: dtsim merge [-o DIR] PART...\n"
	       "Combine the partial results that 'dtsim mc --shard K/N' wrote\n"
	       "(mc-part-K-of-N.txt), one for every shard 1..N, into the files 'dtsim mc'\n"
	       "writes on one machine: the same bytes. The parts must come from the same\n"
	       "scenarios, options, seed, number of runs, dtsim and model version; a part\n"
	       "that differs, a missing or repeated shard, or a damaged part is refused\n"
	       "(FILE:LINE: ...) and nothing is written.\n"
	       "\n"
	       "Options:\n"
	       "  -o, --output=DIR  write into DIR, created if missing (default: out)\n"
	       "  -h, --help        show this help and exit\n"
	       "\n"
	       "%s", cli_exit_table);
}

/* The open parts, in shard order once checked. */
struct parts {
	size_t n;
	char **path;
	struct mcpart_reader **rd;
	struct mcpart_head *h;
};

static void parts_close(struct parts *p)
{
	for (size_t i = 0; p->rd && i < p->n; i++) {
		mcpart_close(p->rd[i]);
		p->rd[i] = NULL;
	}
}

/* Opens every part and reads its header; orders them by shard. Returns
** CLI_OK, or CLI_BAD_INPUT having printed why. */
static int open_parts(struct parts *p, struct cli_diag *d)
{
	struct err e;

	for (size_t i = 0; i < p->n; i++) {
		err_clear(&e);
		if (!(p->rd[i] = mcpart_open(p->path[i], &e))
		    || mcpart_read_head(p->rd[i], &p->h[i], &e) != 0) {
			cli_diag_err(d, &e, NULL);
			return CLI_BAD_INPUT;
		}
	}
	/* In shard order (a few parts: insertion sort). */
	for (size_t i = 1; i < p->n; i++)
		for (size_t j = i; j > 0 && p->h[j].shard < p->h[j - 1].shard; j--) {
			struct mcpart_head th = p->h[j];
			struct mcpart_reader *tr = p->rd[j];
			char *tp = p->path[j];

			p->h[j] = p->h[j - 1];
			p->rd[j] = p->rd[j - 1];
			p->path[j] = p->path[j - 1];
			p->h[j - 1] = th;
			p->rd[j - 1] = tr;
			p->path[j - 1] = tp;
		}
	return CLI_OK;
}

/* The first field in which the header b differs from a, or NULL. */
static const char *head_differs(const struct mcpart_head *a, const struct mcpart_head *b)
{
	if (strcmp(a->dtsim, b->dtsim) != 0)
		return "the dtsim version";
	if (strcmp(a->model, b->model) != 0)
		return "the model version";
	if (a->inputs != b->inputs)
		return "the inputs (scenarios, --set, distributions)";
	if (a->st.seed != b->st.seed)
		return "the seed";
	if (a->st.runs != b->st.runs)
		return "the number of runs";
	if (a->st.exact_max != b->st.exact_max)
		return "the exact percentiles' limit";
	if (a->st.stochastic != b->st.stochastic)
		return "--stochastic";
	if (a->independent != b->independent)
		return "--independent";
	if (a->runs_csv != b->runs_csv)
		return "--runs-csv";
	if (memcmp(&a->st.resistance_above, &b->st.resistance_above, sizeof(double)) != 0)
		return "--resistance-above";
	if (memcmp(&a->st.target_by, &b->st.target_by, sizeof(double)) != 0)
		return "--target-by";
	if (a->nshards != b->nshards)
		return "the number of shards";
	if (a->nscen != b->nscen)
		return "the number of scenarios";
	return NULL;
}

/* Checks that the parts are of one study and hold every shard once. */
static int check_parts(const struct parts *p, struct cli_diag *d)
{
	char text[2048];
	unsigned n = p->h[0].nshards;

	for (size_t i = 1; i < p->n; i++) {
		const char *what = head_differs(&p->h[0], &p->h[i]);

		if (what) {
			snprintf(text, sizeof text, "%s:1: %s differs from that of %s; allowed: the parts"
			         " of one 'dtsim mc' study\n", p->path[i], what, p->path[0]);
			cli_diag_print(d, text);
			return CLI_BAD_INPUT;
		}
		if (p->h[i].shard == p->h[i - 1].shard) {
			snprintf(text, sizeof text, "%s:1: shard %u/%u is given twice (also %s)\n",
			         p->path[i], p->h[i].shard, n, p->path[i - 1]);
			cli_diag_print(d, text);
			return CLI_BAD_INPUT;
		}
	}
	for (unsigned k = 1, i = 0; k <= n; k++, i++)
		if (i >= p->n || p->h[i].shard != k) {
			snprintf(text, sizeof text, "dtsim: merge: shard %u/%u is missing; allowed: one"
			         " part for every shard 1..%u\n", k, n, n);
			cli_diag_print(d, text);
			return CLI_BAD_INPUT;
		}
	return CLI_OK;
}

/* Reads scenario s of every part (runs lines to runs, or only checked),
** merged into *out (with out NULL: read only). Returns 0, or -1 with e. */
static int read_scenario(struct parts *p, FILE *runs, struct mc_result **out, struct err *e)
{
	struct mc_result *total = NULL;

	for (size_t i = 0; i < p->n; i++) {
		struct mc_result *r = NULL;

		if (mcpart_read_scenario(p->rd[i], &p->h[i], runs, &r, e) != 0)
			goto fail;
		if (!total) {
			total = r;
			continue;
		}
		if (strcmp(total->id, r->id) != 0) {
			err_set(e, p->path[i], 0, NULL, "%s: its scenario '%s' is '%s' in %s; allowed:"
			        " the parts of one 'dtsim mc' study", p->path[i], r->id, total->id,
			        p->path[0]);
			mc_result_free(r);
			goto fail;
		}
		if (mc_result_merge(total, r, e) != 0) {
			err_set(e, p->path[i], 0, NULL, "%s: %s", p->path[i], e->msg);
			mc_result_free(r);
			goto fail;
		}
		mc_result_free(r);
	}
	if (out)
		*out = total;
	else
		mc_result_free(total);
	return 0;
fail:
	mc_result_free(total);
	return -1;
}

/* Reopens the parts (in their order) past their headers. */
static int reopen(struct parts *p, struct err *e)
{
	parts_close(p);
	for (size_t i = 0; i < p->n; i++) {
		struct mcpart_head h;

		if (!(p->rd[i] = mcpart_open(p->path[i], e)) || mcpart_read_head(p->rd[i], &h, e) != 0)
			return -1;
		if (head_differs(&p->h[i], &h) || h.shard != p->h[i].shard)
			return err_set(e, p->path[i], 0, NULL, "%s changed while it was read",
			               p->path[i]);
	}
	return 0;
}

/* Writes the merged files: the runs files from a second reading of the
** parts, then the rest. Returns CLI_OK or CLI_RUN_FAILED. */
static int write_all(struct parts *p, const char *dir, struct mc_result **res,
                     struct cli_diag *d)
{
	size_t ns = p->h[0].nscen;
	struct afile **runs = calloc(ns, sizeof *runs);
	struct err e;
	int status = CLI_OK;

	err_clear(&e);
	if (!runs) {
		fputs("dtsim: out of memory\n", stderr);
		return CLI_RUN_FAILED;
	}
	if (p->h[0].runs_csv) {
		if (reopen(p, &e) != 0)
			goto fail;
		for (size_t s = 0; s < ns; s++) {
			char *path = resdir_join(dir, res[s]->id, ".mc_runs.csv");

			runs[s] = path ? afile_open(path, &e) : NULL;
			free(path);
			if (!runs[s] || mcwrite_runs_header(afile_stream(runs[s])) != 0
			    || read_scenario(p, afile_stream(runs[s]), NULL, &e) != 0)
				goto fail;
		}
	}
	if (mcwrite_all(dir, res, ns, runs, &e) != 0)
		goto fail;
	free(runs);
	return status;
fail:
	cli_diag_err(d, &e, NULL);
	for (size_t s = 0; s < ns; s++)
		afile_abort(runs[s]);
	free(runs);
	return CLI_RUN_FAILED;
}

int cmd_merge(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dir = "out";
	struct parts p = { 0, NULL, NULL, NULL };
	struct mc_result **res = NULL;
	struct cli_diag d = { NULL, 0 };
	struct err e;
	int c, status = CLI_OK, lock = -1;
	size_t ns = 0;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:h", lo, NULL)) != -1) {
		if (c == 'h') {
			cmd_merge_help();
			return cli_close_stdout(CLI_OK);
		}
		if (c != 'o')
			return cli_option_error(0, c, argv);
		if (!optarg[0])
			return cli_usage_error("merge: the output directory is empty");
		dir = optarg;
	}
	if (optind >= argc)
		return cli_usage_error("merge: no partial result given");
	p.n = (size_t)(argc - optind);
	p.path = calloc(p.n, sizeof *p.path);
	p.rd = calloc(p.n, sizeof *p.rd);
	p.h = calloc(p.n, sizeof *p.h);
	if (!p.path || !p.rd || !p.h) {
		status = CLI_RUN_FAILED;
		fputs("dtsim: out of memory\n", stderr);
		goto out;
	}
	for (size_t i = 0; i < p.n; i++)
		p.path[i] = argv[optind + (int)i];
	if ((status = open_parts(&p, &d)) != CLI_OK || (status = check_parts(&p, &d)) != CLI_OK)
		goto out;
	ns = p.h[0].nscen;
	if (!(res = calloc(ns, sizeof *res))) {
		status = CLI_RUN_FAILED;
		fputs("dtsim: out of memory\n", stderr);
		goto out;
	}
	for (size_t s = 0; s < ns; s++) {
		err_clear(&e);
		if (read_scenario(&p, NULL, &res[s], &e) != 0) {
			cli_diag_err(&d, &e, NULL);
			status = CLI_BAD_INPUT;
			goto out;
		}
		for (size_t t = 0; t < s; t++)
			if (strcmp(res[t]->id, res[s]->id) == 0) {
				status = cli_usage_error("merge: %s: the scenario id '%s' comes twice",
				                         p.path[0], res[s]->id);
				goto out;
			}
	}
	for (size_t i = 0; i < p.n; i++) {
		err_clear(&e);
		if (mcpart_read_end(p.rd[i], &e) != 0) {
			cli_diag_err(&d, &e, NULL);
			status = CLI_BAD_INPUT;
			goto out;
		}
	}
	if (cli_make_dirs(dir) != 0) {
		fprintf(stderr, "dtsim: cannot create directory '%s': %s\n", dir, strerror(errno));
		status = CLI_RUN_FAILED;
		goto out;
	}
	if ((status = cli_results_open(dir, 0, &lock, &d)) != CLI_OK)
		goto out;
	status = write_all(&p, dir, res, &d);
	for (size_t s = 0; status == CLI_OK && s < ns; s++) {
		char text[1024];

		if (mcwrite_failed_text(res[s], text, sizeof text)) {
			cli_diag_print(&d, text);
			status = CLI_RUN_FAILED;
		}
	}
out:
	resdir_unlock(lock);
	parts_close(&p);
	for (size_t s = 0; res && s < ns; s++)
		mc_result_free(res[s]);
	free(res);
	free(p.path);
	free(p.rd);
	free(p.h);
	cli_diag_free(&d);
	return status;
}
