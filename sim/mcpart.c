/*
** mcpart.c: partial results of `dtsim mc --shard K/N`, written and read
** (mcpart.h). The reader trusts nothing: every number is checked against
** what the header and the study allow, and a mistake is "FILE:LINE: ...".
*/
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "mcpart.h"
#include "resdir.h"

/* The most fiscal years a partial file may hold (the registry's range
** of sim.years). */
#define MCPART_YEARS_MAX 100
/* The widest start year a partial file may hold. */
#define MCPART_YEAR_MAX 100000
/* The largest limb a partial file may hold: a normalised limb is below
** 2^32; merging 2^20 such files stays far within an int64. */
#define MCPART_LIMB_MAX ((int64_t)1 << 40)
/* The largest magnitude of a number, and of a sum, in a partial file: far
** beyond any result, and small enough that differences, widths and
** means stay finite. */
#define MCPART_NUM_MAX 1e300

char *mcpart_name(const char *dir, unsigned k, unsigned n)
{
	char name[64];

	snprintf(name, sizeof name, "mc-part-%u-of-%u", k, n);
	return resdir_join(dir, name, ".txt");
}

/* ---- writing ------------------------------------------------------------------ */

/* Writes " X" (a hex float), or " -" for NaN. */
static int put_num(FILE *f, double x)
{
	return (isnan(x) ? fputs(" -", f) : fprintf(f, " %a", x)) < 0 ? -1 : 0;
}

int mcpart_write_head(FILE *f, const struct mcpart_head *h)
{
	char hex[DIGEST_HEX_LEN];

	digest_hex(h->inputs, hex);
	if (fprintf(f, "%s %d\ndtsim %s\nmodel %s\ninputs %s\nseed %" PRIu64 "\nruns %" PRIu64
	            "\nexact-max %" PRIu64 "\nstochastic %d\nindependent %d\nruns-csv %d"
	            "\nresistance-above", MCPART_MAGIC, MCPART_VERSION, h->dtsim, h->model, hex,
	            h->st.seed, h->st.runs, h->st.exact_max, h->st.stochastic, h->independent,
	            h->runs_csv) < 0
	    || put_num(f, h->st.resistance_above) != 0 || fputs("\ntarget-by", f) == EOF
	    || put_num(f, h->st.target_by) != 0
	    || fprintf(f, "\nshard %u/%u\nscenarios %zu\n", h->shard, h->nshards, h->nscen) < 0)
		return -1;
	return 0;
}

int mcpart_write_scenario(FILE *f, const char *id, long start_year, size_t nyears)
{
	return fprintf(f, "scenario %ld %zu %s\n", start_year, nyears, id) < 0 ? -1 : 0;
}

/* Writes "NAME OVERFLOW LIMB:VALUE..." of s. */
static int put_sum(FILE *f, const char *name, const struct exactsum *s)
{
	struct exactsum c = *s;

	exactsum_normalise(&c);
	if (fprintf(f, "%s %d", name, c.overflow) < 0)
		return -1;
	for (unsigned i = 0; i < EXACTSUM_LIMBS; i++)
		if (c.limb[i] && fprintf(f, " %u:%" PRId64, i, c.limb[i]) < 0)
			return -1;
	return fputc('\n', f) == EOF ? -1 : 0;
}

/* The message of a failed run on one line: control bytes become spaces. */
static int put_why(FILE *f, const char *why)
{
	for (const char *p = why; *p; p++)
		if (fputc((unsigned char)*p < 0x20 || *p == 0x7f ? ' ' : *p, f) == EOF)
			return -1;
	return 0;
}

int mcpart_write_result(FILE *f, const struct mc_result *r)
{
	if (fprintf(f, "failed %" PRIu64 " %" PRIu64, r->failed, r->first_failed) < 0
	    || (r->why && (fputc(' ', f) == EOF || put_why(f, r->why) != 0))
	    || fputc('\n', f) == EOF)
		return -1;
	for (size_t m = 0; m < r->nmeas; m++) {
		const struct mcstat_bins *b = &r->bins[m];
		const struct mcstat_acc *a = &r->acc[m];

		if (fprintf(f, "m %zu %d", m, b->integer) < 0 || put_num(f, b->lo) != 0
		    || put_num(f, b->hi) != 0 || fprintf(f, " %zu", b->n) < 0
		    || put_num(f, r->shift[m]) != 0
		    || fprintf(f, " %" PRIu64 " %" PRIu64, a->n, a->nan) < 0
		    || put_num(f, a->n > a->nan ? a->min : NAN) != 0
		    || put_num(f, a->n > a->nan ? a->max : NAN) != 0
		    || fprintf(f, " %" PRIu64 " %" PRIu64 "\n", a->under, a->over) < 0
		    || put_sum(f, "s1", &a->s1) != 0 || put_sum(f, "s2", &a->s2) != 0
		    || fputc('b', f) == EOF)
			return -1;
		for (size_t k = 0; k < b->n; k++)
			if (mcstat_count(a, k) && fprintf(f, " %zu:%" PRIu64, k, mcstat_count(a, k)) < 0)
				return -1;
		if (fputc('\n', f) == EOF)
			return -1;
	}
	for (uint64_t i = 0; r->val && i < r->st.runs; i++) {
		if (!r->held[i])
			continue;
		if (fprintf(f, "v %" PRIu64, i) < 0)
			return -1;
		for (size_t m = 0; m < r->nmeas; m++)
			if (put_num(f, r->val[m * r->st.runs + i]) != 0)
				return -1;
		if (fputc('\n', f) == EOF)
			return -1;
	}
	return fputs("end\n", f) == EOF ? -1 : 0;
}

int mcpart_write_end(FILE *f)
{
	return fputs("end-of-partial\n", f) == EOF ? -1 : 0;
}

/* ---- reading ------------------------------------------------------------------ */

struct mcpart_reader {
	FILE *f;
	char *path;
	long line;
	char *buf;     /* the current line, NUL-ended, without its newline */
	size_t cap;
	size_t len;    /* the line's length */
	char *tok;     /* the next field (strtok_r state) */
	char *save;
};

struct mcpart_reader *mcpart_open(const char *path, struct err *e)
{
	struct mcpart_reader *rd = calloc(1, sizeof *rd);

	if (!rd || !(rd->path = strdup(path))) {
		free(rd);
		err_set(e, NULL, 0, NULL, "out of memory");
		return NULL;
	}
	rd->f = fopen(path, "r");
	if (!rd->f) {
		err_set(e, path, 0, NULL, "cannot read %s: %s", path, strerror(errno));
		mcpart_close(rd);
		return NULL;
	}
	return rd;
}

void mcpart_close(struct mcpart_reader *rd)
{
	if (!rd)
		return;
	if (rd->f)
		fclose(rd->f);
	free(rd->buf);
	free(rd->path);
	free(rd);
}

/* Reports a mistake at the current line. Returns -1. */
static int bad(struct mcpart_reader *rd, struct err *e, const char *what)
{
	return err_set(e, rd->path, rd->line, NULL, "%s (a partial result of 'dtsim mc --shard'"
	               " is expected)", what);
}

/* Reads the next line into rd->buf. Returns 0, or -1 with e at the end of
** the file, on a read error, a NUL byte or a line over MCPART_LINE_MAX. */
static int next_line(struct mcpart_reader *rd, struct err *e)
{
	ssize_t n = getline(&rd->buf, &rd->cap, rd->f);

	rd->line++;
	if (n < 0)
		return bad(rd, e, ferror(rd->f) ? "cannot read the file" : "the file ends early");
	if (n > MCPART_LINE_MAX)
		return bad(rd, e, "the line is too long");
	if ((size_t)n != strlen(rd->buf))
		return bad(rd, e, "the line holds a NUL byte");
	if (n > 0 && rd->buf[n - 1] == '\n')
		rd->buf[--n] = '\0';
	else
		return bad(rd, e, "the file ends early");
	rd->len = (size_t)n;
	rd->tok = strtok_r(rd->buf, " ", &rd->save);
	return 0;
}

/* The next field of the line, or NULL. */
static const char *field(struct mcpart_reader *rd)
{
	const char *t = rd->tok;

	if (t)
		rd->tok = strtok_r(NULL, " ", &rd->save);
	return t;
}

/* A whole number 0..max (decimal digits only). */
static int get_u64(struct mcpart_reader *rd, uint64_t max, uint64_t *out, struct err *e,
                   const char *what)
{
	const char *t = field(rd);
	char *end;
	char msg[160];

	errno = 0;
	if (t && t[0] >= '0' && t[0] <= '9') {
		unsigned long long v = strtoull(t, &end, 10);

		if (!*end && errno == 0 && v <= max) {
			*out = v;
			return 0;
		}
	}
	snprintf(msg, sizeof msg, "%s: expected a whole number from 0 to %" PRIu64, what, max);
	return bad(rd, e, msg);
}

/* A number (decimal or hex float), finite; "-" for none when nan_ok. */
static int get_num(struct mcpart_reader *rd, int nan_ok, double *out, struct err *e,
                   const char *what)
{
	const char *t = field(rd);
	char *end;
	char msg[160];

	if (t && nan_ok && strcmp(t, "-") == 0) {
		*out = NAN;
		return 0;
	}
	if (t && (t[0] == '-' || t[0] == '+' || (t[0] >= '0' && t[0] <= '9'))) {
		double v = strtod(t, &end);

		if (!*end && fabs(v) <= MCPART_NUM_MAX) {
			*out = v;
			return 0;
		}
	}
	snprintf(msg, sizeof msg, "%s: expected a number of magnitude at most 1e300%s", what,
	         nan_ok ? ", or '-'" : "");
	return bad(rd, e, msg);
}

/* The line must have ended. */
static int line_end(struct mcpart_reader *rd, struct err *e)
{
	return rd->tok ? bad(rd, e, "unexpected text at the end of the line") : 0;
}

/* A line "KEY VALUE" whose key is key; the value's field is next. */
static int key_line(struct mcpart_reader *rd, const char *key, struct err *e)
{
	const char *t;
	char msg[96];

	if (next_line(rd, e) != 0)
		return -1;
	t = field(rd);
	if (!t || strcmp(t, key) != 0) {
		snprintf(msg, sizeof msg, "expected a line '%s ...'", key);
		return bad(rd, e, msg);
	}
	return 0;
}

/* A text field of at most len - 1 bytes into buf. */
static int get_text(struct mcpart_reader *rd, char *buf, size_t len, struct err *e,
                    const char *what)
{
	const char *t = field(rd);
	char msg[96];

	if (!t || strlen(t) >= len) {
		snprintf(msg, sizeof msg, "%s: expected a word of at most %zu bytes", what, len - 1);
		return bad(rd, e, msg);
	}
	memcpy(buf, t, strlen(t) + 1);
	return 0;
}

int mcpart_read_head(struct mcpart_reader *rd, struct mcpart_head *h, struct err *e)
{
	uint64_t v, k, n;
	char hex[DIGEST_HEX_LEN + 1], *end;
	const char *t;

	memset(h, 0, sizeof *h);
	if (key_line(rd, MCPART_MAGIC, e) != 0 || get_u64(rd, 1000, &v, e, "the format") != 0)
		return -1;
	if (v != MCPART_VERSION)
		return bad(rd, e, "this format version is not one this dtsim reads (1)");
	if (line_end(rd, e) != 0
	    || key_line(rd, "dtsim", e) != 0 || get_text(rd, h->dtsim, sizeof h->dtsim, e, "dtsim") != 0
	    || line_end(rd, e) != 0
	    || key_line(rd, "model", e) != 0 || get_text(rd, h->model, sizeof h->model, e, "model") != 0
	    || line_end(rd, e) != 0
	    || key_line(rd, "inputs", e) != 0 || get_text(rd, hex, sizeof hex, e, "inputs") != 0)
		return -1;
	h->inputs = strtoull(hex, &end, 16);
	if (strlen(hex) != DIGEST_HEX_LEN - 1 || *end || hex[0] == '-' || hex[0] == '+')
		return bad(rd, e, "inputs: expected 16 hex digits");
	if (line_end(rd, e) != 0
	    || key_line(rd, "seed", e) != 0 || get_u64(rd, UINT64_MAX, &h->st.seed, e, "seed") != 0
	    || line_end(rd, e) != 0
	    || key_line(rd, "runs", e) != 0 || get_u64(rd, MC_RUNS_MAX, &h->st.runs, e, "runs") != 0
	    || line_end(rd, e) != 0)
		return -1;
	if (h->st.runs == 0)
		return bad(rd, e, "runs: expected at least 1");
	if (key_line(rd, "exact-max", e) != 0
	    || get_u64(rd, MCSTAT_EXACT_MAX, &h->st.exact_max, e, "exact-max") != 0
	    || line_end(rd, e) != 0)
		return -1;
	if (key_line(rd, "stochastic", e) != 0 || get_u64(rd, 1, &v, e, "stochastic") != 0
	    || line_end(rd, e) != 0)
		return -1;
	h->st.stochastic = (int)v;
	if (key_line(rd, "independent", e) != 0 || get_u64(rd, 1, &v, e, "independent") != 0
	    || line_end(rd, e) != 0)
		return -1;
	h->independent = (int)v;
	if (key_line(rd, "runs-csv", e) != 0 || get_u64(rd, 1, &v, e, "runs-csv") != 0
	    || line_end(rd, e) != 0)
		return -1;
	h->runs_csv = (int)v;
	if (key_line(rd, "resistance-above", e) != 0
	    || get_num(rd, 0, &h->st.resistance_above, e, "resistance-above") != 0
	    || line_end(rd, e) != 0
	    || key_line(rd, "target-by", e) != 0
	    || get_num(rd, 1, &h->st.target_by, e, "target-by") != 0 || line_end(rd, e) != 0
	    || key_line(rd, "shard", e) != 0)
		return -1;
	t = field(rd);
	if (!t || sscanf(t, "%" SCNu64 "/%" SCNu64, &k, &n) != 2 || n < 1 || n > MC_SHARDS_MAX
	    || k < 1 || k > n || strspn(t, "0123456789/") != strlen(t))
		return bad(rd, e, "shard: expected K/N, 1 <= K <= N <= 100000");
	h->shard = (unsigned)k;
	h->nshards = (unsigned)n;
	if (line_end(rd, e) != 0 || key_line(rd, "scenarios", e) != 0
	    || get_u64(rd, 100000, &v, e, "scenarios") != 0 || line_end(rd, e) != 0)
		return -1;
	if (v == 0)
		return bad(rd, e, "scenarios: expected at least 1");
	h->nscen = (size_t)v;
	return 0;
}

/* Reads a line "s1|s2 OVERFLOW LIMB:VALUE..." into s. */
static int read_sum(struct mcpart_reader *rd, const char *key, struct exactsum *s, struct err *e)
{
	uint64_t ovf;
	const char *t;

	if (key_line(rd, key, e) != 0 || get_u64(rd, 1, &ovf, e, "overflow") != 0)
		return -1;
	s->overflow = (int)ovf;
	while ((t = field(rd)) != NULL) {
		unsigned i;
		long long v;
		int used = 0;

		if (sscanf(t, "%u:%lld%n", &i, &v, &used) != 2 || (size_t)used != strlen(t)
		    || t[0] < '0' || t[0] > '9' || i >= EXACTSUM_LIMBS
		    || v <= -MCPART_LIMB_MAX || v >= MCPART_LIMB_MAX)
			return bad(rd, e, "expected LIMB:VALUE, a limb below 68 and a value below 2^40");
		exactsum_add_limb(s, i, (int64_t)v);
	}
	if (!s->overflow && !(fabs(exactsum_value(s)) <= MCPART_NUM_MAX))
		return bad(rd, e, "the sum is beyond 1e300");
	return 0;
}

/* Reads the "m", "s1", "s2" and "b" lines of measure m of r (runs the runs
** of the shard). */
static int read_measure(struct mcpart_reader *rd, struct mc_result *r, size_t m,
                        uint64_t runs, int fixed, struct err *e)
{
	struct mcstat_bins b = { 0, 0, 0, 0 };
	struct mcstat_acc *a = &r->acc[m];
	uint64_t v, integer, nbins;
	double mn, mx;
	const char *t;
	uint64_t inbins = 0;

	if (key_line(rd, "m", e) != 0 || get_u64(rd, SIZE_MAX, &v, e, "measure") != 0)
		return -1;
	if (v != m)
		return bad(rd, e, "the measures are not in order");
	if (get_u64(rd, 1, &integer, e, "integer") != 0 || get_num(rd, 0, &b.lo, e, "lo") != 0
	    || get_num(rd, 0, &b.hi, e, "hi") != 0
	    || get_u64(rd, MCSTAT_FINE_BINS > MCPART_YEARS_MAX + 1 ? MCSTAT_FINE_BINS
	               : MCPART_YEARS_MAX + 1, &nbins, e, "bins") != 0
	    || get_num(rd, 0, &r->shift[m], e, "shift") != 0)
		return -1;
	b.integer = (int)integer;
	b.n = (size_t)nbins;
	if (fixed) {
		if (!mcstat_bins_equal(&b, &r->bins[m]))
			return bad(rd, e, "the bins of this measure are not the study's");
	} else if (r->exact ? (b.n != 0 || b.integer)
	           : (b.n != MCSTAT_FINE_BINS || b.integer || !(b.lo < b.hi))) {
		return bad(rd, e, "the bins of this measure are not the study's");
	}
	r->bins[m] = b;
	if (mcstat_acc_init(a, &b) != 0)
		return err_set(e, NULL, 0, NULL, "out of memory");
	if (get_u64(rd, runs, &a->n, e, "count") != 0 || get_u64(rd, a->n, &a->nan, e, "no value") != 0
	    || get_num(rd, 1, &mn, e, "minimum") != 0 || get_num(rd, 1, &mx, e, "maximum") != 0
	    || get_u64(rd, a->n, &a->under, e, "below") != 0
	    || get_u64(rd, a->n, &a->over, e, "above") != 0 || line_end(rd, e) != 0)
		return -1;
	if ((a->n > a->nan) != (!isnan(mn) && !isnan(mx)) || (!isnan(mn) && mn > mx))
		return bad(rd, e, "the minimum and maximum do not fit the count");
	a->min = isnan(mn) ? INFINITY : mn;
	a->max = isnan(mx) ? -INFINITY : mx;
	if (read_sum(rd, "s1", &a->s1, e) != 0 || read_sum(rd, "s2", &a->s2, e) != 0
	    || key_line(rd, "b", e) != 0)
		return -1;
	while ((t = field(rd)) != NULL) {
		unsigned long long k, c;
		int used = 0;

		if (sscanf(t, "%llu:%llu%n", &k, &c, &used) != 2 || (size_t)used != strlen(t)
		    || t[0] < '0' || t[0] > '9' || k >= b.n || c > a->n || a->bin[k])
			return bad(rd, e, "expected BIN:COUNT, each bin once, within the bins and the count");
		a->bin[k] = c;
		inbins += c;
	}
	if (b.n && inbins + a->under + a->over != a->n - a->nan)
		return bad(rd, e, "the bins do not add up to the count");
	if (!b.n && (a->under || a->over))
		return bad(rd, e, "a measure without bins has values below or above them");
	return 0;
}

/* Reads the runs' lines of the section ("r"), writing them to runs. */
static int read_runs(struct mcpart_reader *rd, FILE *runs, uint64_t first, uint64_t end,
                     uint64_t *nruns, struct err *e)
{
	double kpi[KPI_COUNT];
	uint64_t next = first, r;

	*nruns = 0;
	for (;;) {
		const char *t;

		if (next_line(rd, e) != 0)
			return -1;
		t = field(rd);
		if (!t || strcmp(t, "r") != 0)
			return 0;
		if (get_u64(rd, end ? end - 1 : 0, &r, e, "run") != 0)
			return -1;
		if (r < next || end == 0)
			return bad(rd, e, "run: not one of this shard's runs in order");
		for (size_t k = 0; k < KPI_COUNT; k++)
			if (get_num(rd, 1, &kpi[k], e, "KPI") != 0)
				return -1;
		if (line_end(rd, e) != 0)
			return -1;
		if (runs && mc_runs_line(runs, 0, r, kpi) != 0)
			return err_set(e, NULL, 0, NULL, "cannot write the runs' file: %s", strerror(errno));
		next = r + 1;
		(*nruns)++;
	}
}

/* Reads the "v" lines of an exact result and its "end" line. */
static int read_values(struct mcpart_reader *rd, struct mc_result *r, uint64_t first,
                       uint64_t end, struct err *e)
{
	uint64_t next = first, run, n = 0;

	for (;;) {
		const char *t;

		if (next_line(rd, e) != 0)
			return -1;
		t = field(rd);
		if (t && strcmp(t, "end") == 0)
			break;
		if (!t || strcmp(t, "v") != 0 || !r->exact)
			return bad(rd, e, r->exact ? "expected a line 'v ...' or 'end'"
			                           : "expected a line 'end'");
		if (get_u64(rd, end ? end - 1 : 0, &run, e, "run") != 0)
			return -1;
		if (run < next || end == 0)
			return bad(rd, e, "run: not one of this shard's runs in order");
		if (mc_result_values(r) != 0)
			return err_set(e, NULL, 0, NULL, "out of memory");
		for (size_t m = 0; m < r->nmeas; m++)
			if (get_num(rd, 1, &r->val[m * r->st.runs + run], e, "value") != 0)
				return -1;
		if (line_end(rd, e) != 0)
			return -1;
		r->held[run] = 1;
		next = run + 1;
		n++;
	}
	if (line_end(rd, e) != 0)
		return -1;
	if (r->exact && n != r->acc[0].n)
		return bad(rd, e, "the runs' values do not match the count");
	return 0;
}

int mcpart_read_scenario(struct mcpart_reader *rd, const struct mcpart_head *h, FILE *runs,
                         struct mc_result **out, struct err *e)
{
	struct mc_result *r = NULL;
	uint64_t first, end, ny, failed, ff, nr = 0;
	long start;
	const char *t;
	char *id, *p, *q;
	struct err ide;

	*out = NULL;
	mc_shard_range(h->st.runs, h->shard, h->nshards, &first, &end);
	if (next_line(rd, e) != 0)
		return -1;
	if (strcmp(rd->buf, "scenario") != 0)
		return bad(rd, e, "expected a line 'scenario ...'");
	/* "scenario START NYEARS ID": the id is the rest of the line, spaces
	** and all, so the line is read by hand past the key. */
	p = rd->buf + strlen("scenario") + 1;
	if (rd->len <= strlen("scenario") + 1 || !*p || !strchr("-0123456789", *p) || !p[*p == '-']
	    || !strchr("0123456789", p[*p == '-']))
		return bad(rd, e, "start year: expected a whole number");
	errno = 0;
	start = strtol(p, &q, 10);
	if (errno || *q != ' ' || start < -MCPART_YEAR_MAX || start > MCPART_YEAR_MAX)
		return bad(rd, e, "start year: expected a whole number from -100000 to 100000");
	p = q + 1;
	if (!strchr("0123456789", *p) || !*p)
		return bad(rd, e, "years: expected a whole number");
	ny = strtoull(p, &q, 10);
	if (errno || *q != ' ' || ny < 1 || ny > MCPART_YEARS_MAX)
		return bad(rd, e, "years: expected a whole number from 1 to 100, then the id");
	id = q + 1;
	rd->tok = NULL;
	err_clear(&ide);
	if (resdir_check_id(id, &ide) != 0)
		return bad(rd, e, ide.msg);
	r = mc_result_new(id, start, (size_t)ny, &h->st, h->nshards);
	if (!r)
		return err_set(e, NULL, 0, NULL, "out of memory");
	if (h->runs_csv) {
		if (read_runs(rd, runs, first, end, &nr, e) != 0)
			goto fail;
		/* read_runs stopped at the first other line: "failed". */
		t = rd->buf;
		if (strcmp(t, "failed") != 0) {
			bad(rd, e, "expected a line 'r ...' or 'failed ...'");
			goto fail;
		}
	} else if (key_line(rd, "failed", e) != 0) {
		goto fail;
	}
	if (get_u64(rd, end - first, &failed, e, "failed") != 0
	    || get_u64(rd, h->st.runs, &ff, e, "first failed run") != 0)
		goto fail;
	if (failed && (ff < first || ff >= end)) {
		bad(rd, e, "first failed run: not one of this shard's runs");
		goto fail;
	}
	r->failed = failed;
	r->first_failed = ff;
	if (rd->tok) {
		char *why = rd->tok;

		if (rd->save && *rd->save)
			why[strlen(why)] = ' ';
		r->why = strdup(why);
		rd->tok = NULL;
	}
	for (size_t m = 0; m < r->nmeas; m++)
		if (read_measure(rd, r, m, end - first, r->bins[m].n != 0, e) != 0)
			goto fail;
	for (size_t m = 0; m < r->nmeas; m++)
		if (r->acc[m].n != end - first - failed) {
			bad(rd, e, "the counts of the measures do not match the shard's runs");
			goto fail;
		}
	if (h->runs_csv && nr != end - first - failed) {
		bad(rd, e, "the runs' lines do not match the shard's runs");
		goto fail;
	}
	if (read_values(rd, r, first, end, e) != 0)
		goto fail;
	r->shards[h->shard - 1] = 1;
	*out = r;
	return 0;
fail:
	mc_result_free(r);
	return -1;
}

int mcpart_read_end(struct mcpart_reader *rd, struct err *e)
{
	int c;

	if (key_line(rd, "end-of-partial", e) != 0 || line_end(rd, e) != 0)
		return -1;
	c = fgetc(rd->f);
	if (c != EOF) {
		rd->line++;
		return bad(rd, e, "unexpected text after 'end-of-partial'");
	}
	return 0;
}
