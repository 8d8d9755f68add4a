/*
** fuzz_report.c: libFuzzer harness for the Markdown of dtsim report
** (report_write_md, sim/report.h) and the escaping of user text in it
** (mdescape_text, mdescape_path, sim/mdescape.h).
**
** Input: a flags byte (bit 0 German, bit 1 a reference scenario, bit 2
** the charts exist, bits 3-4 which scenario is analysed, bits 5-6 which
** one has no dashboard), then up to
** three scenarios' fields separated by NUL bytes: name, description, id,
** name, ... (missing fields are empty); every byte after the third id is
** ignored. An id that dtsim would refuse (resdir_check_id: '/', a leading
** '.', control characters, reserved names) becomes "x", as no such id
** reaches the report. The KPIs, burdens and parameters are fixed,
** high-entropy values (the third scenario infeasible, so the tables mark
** it); the names and descriptions go in as they are.
**
** A finding besides a crash or a sanitizer report: the report is not
** valid UTF-8; its Markdown skeleton (tests/mdcheck.h: the unescaped
** punctuation, line by line) differs from that of the same report with
** every name and description that is not empty replaced by "x", that is,
** user text changed the markup; the number of images is not the number of
** charts given; an image's destination starts with '/', has a ".."
** component, or holds a character other than letters, digits, - . _ / and
** %.
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzzutil.h"
#include "mdcheck.h"
#include "params.h"
#include "report.h"
#include "resdir.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NSC 3
#define NFIELDS (3 * NSC)

/* Everything a report needs, as the harness builds it. */
struct input {
	struct compare_entry rows[NSC];
	struct report_scenario sc[NSC];
	struct model_params p;
	struct burden burden[NSC];
	double years[NSC][2][BURDEN_ITEMS];
	struct council_col cols[COUNCIL_MAX_COLUMNS];
	struct report_in in;
};

/* The report, with each name and description that is not empty replaced
** by "x" when plain (an empty one has text of its own in the report); a
** new string. */
static char *write_report(struct input *x, char *const fields[NFIELDS], size_t ref,
                          enum plot_lang lang, int plain)
{
	struct comparison cmp;
	struct strbuf b = STRBUF_INIT;

	for (size_t i = 0; i < NSC; i++) {
		x->rows[i].name = plain && fields[3 * i][0] ? "x" : fields[3 * i];
		x->sc[i].description = plain && fields[3 * i + 1][0] ? "x" : fields[3 * i + 1];
	}
	if (compare_init(&cmp, x->rows, NSC, KPI_pv_net_benefit_eur, ref, lang) != 0)
		abort();
	x->in.cmp = &cmp;
	if (report_write_md(&x->in, &b) != 0)
		fuzz_fail("report_write_md failed on valid input");
	compare_free(&cmp);
	x->in.cmp = NULL;
	return strbuf_take(&b);
}

/* Checks every image destination of md. */
static void check_destinations(const char *md)
{
	for (const char *p = md; (p = strstr(p, "](")) != NULL; ) {
		const char *d = p + 2, *end = strchr(d, ')');

		if (!end)
			fuzz_fail("an image destination without its ')'");
		if (*d == '/')
			fuzz_fail("an absolute image destination");
		for (const char *c = d; c < end; c++) {
			if ((c == d || c[-1] == '/') && c[0] == '.' && c[1] == '.'
			    && (c + 2 == end || c[2] == '/'))
				fuzz_fail("a '..' component in an image destination");
			if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z')
			      || (*c >= '0' && *c <= '9') || strchr("-._/%", *c)))
				fuzz_fail("byte 0x%02x in an image destination", (unsigned char)*c);
		}
		p = end;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct report_assumption as[1] = {
		{ "budget.om_share_initial", "share | of *O&M*", "1", "F\xc2\xa7" "1 [x](y)", 0.75,
		  { -2.36, NAN, -0.3 } },
	};
	static struct input x;
	char *fields[NFIELDS] = { NULL };
	unsigned flags = size ? data[0] : 0;
	size_t pos = size ? 1 : 0, nfields = 0, images, ref = flags & 2 ? 1 : NSC;
	enum plot_lang lang = flags & 1 ? PLOT_DE : PLOT_EN;
	char *md, *plain, *sk, *psk;
	struct err e;

	/* the fields, each a NUL-terminated copy */
	while (nfields < NFIELDS) {
		const uint8_t *end = pos < size ? memchr(data + pos, 0, size - pos) : NULL;
		size_t len = pos >= size ? 0 : end ? (size_t)(end - (data + pos)) : size - pos;

		fields[nfields] = malloc(len + 1);
		if (!fields[nfields])
			abort();
		memcpy(fields[nfields], data + pos, len);
		fields[nfields][len] = '\0';
		nfields++;
		pos += len + 1;
	}
	memset(&x, 0, sizeof x);
	params_defaults(&x.p);
	for (size_t i = 0; i < NSC; i++) {
		struct summary *k = &x.rows[i].kpi;

		err_clear(&e);
		x.rows[i].id = resdir_check_id(fields[3 * i + 2], &e) == 0 ? fields[3 * i + 2] : "x";
		for (int j = 0; j < KPI_COUNT; j++)
			k->v[j] = 2.385e6 * (double)(j + 1) - 1.5e7 * (double)i;
		k->v[KPI_target_year] = i == 1 ? NAN : 2034 + (double)i;
		k->v[KPI_end_service_maturity] = 0.71385 + 0.05 * (double)i;
		k->v[KPI_feasible] = i != 2;
		for (size_t y = 0; y < 2; y++)
			for (int b = 0; b < BURDEN_ITEMS; b++)
				x.years[i][y][b] = 0.1385e6 * (double)(b + 1 + y + i);
		x.burden[i] = (struct burden){ 2026, 2, x.years[i], { 0 } };
		x.rows[i].burden = &x.burden[i];
		x.rows[i].p = &x.p;
		x.sc[i].start_year = 2026;
		x.sc[i].dashboard = (int)i != (flags >> 5) % 4;
		keyfig_from(k, ref < NSC ? &x.rows[ref].kpi : NULL, 0.8, 2040, &x.sc[i].kf);
	}
	council_default_columns(KPI_pv_net_benefit_eur, ref < NSC, x.cols, &x.in.ncols);
	x.in.sc = x.sc;
	x.in.cols = x.cols;
	for (int c = 0; c < REPORT_NCHARTS; c++)
		x.in.chart[c] = (struct report_chart_files){ (flags & 4) != 0, 0 };
	x.in.sens_sc = ((flags >> 3) & 3) % NSC;
	x.in.as = as;
	x.in.nas = 1;
	x.in.sens_step = 0.1;
	md = write_report(&x, fields, ref, lang, 0);
	plain = write_report(&x, fields, ref, lang, 1);
	if (!mdcheck_utf8(md))
		fuzz_fail("the report is not valid UTF-8");
	sk = mdcheck_skeleton(md);
	psk = mdcheck_skeleton(plain);
	if (!sk || !psk)
		abort();
	if (strcmp(sk, psk) != 0)
		fuzz_fail("user text changed the Markdown structure:\n%s", md);
	images = (flags & 4 ? REPORT_NCHARTS : 0);
	for (size_t i = 0; i < NSC; i++)
		images += x.sc[i].dashboard != 0;
	if (mdcheck_images(md) != images)
		fuzz_fail("%zu images, expected %zu", mdcheck_images(md), images);
	check_destinations(md);
	free(sk);
	free(psk);
	free(md);
	free(plain);
	for (size_t i = 0; i < NFIELDS; i++)
		free(fields[i]);
	return 0;
}
