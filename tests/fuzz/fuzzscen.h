/*
** fuzzscen.h: the input of the scenario harnesses (fuzz_scenario, fuzz_run)
** and the files beside it.
**
** Input format: the bytes up to a line that is exactly "--set" are the
** scenario file s.ini; each line after it is one --set assignment
** ("section.key=value"), at most FUZZ_MAX_SETS of them, each cut at a NUL
** byte. Without a "--set" line the whole input is the file. Example:
**
**   [scenario]
**   extends = base.ini
**   --set
**   budget.transformation_eur=3e6
**
** Beside s.ini the scratch directory holds fixed files that s.ini may name:
** base.ini (texts, a year block, a grant, a schedule block), mid.ini (which
** extends base.ini), loop.ini (which extends s.ini: a cycle), plan.csv (a
** schedule for `schedule = plan.csv`), and fifo.ini and fifo.csv (FIFOs).
*/
#ifndef DTSIM_FUZZSCEN_H
#define DTSIM_FUZZSCEN_H

#include "fuzzutil.h"

/* The most --set lines one input carries (more are ignored). */
#define FUZZ_MAX_SETS 128

struct fuzz_scen {
	char *buf;                     /* the input, copied; owned */
	size_t filelen;                /* bytes of s.ini at the start of buf */
	const char *set[FUZZ_MAX_SETS]; /* the assignments, into buf */
	size_t nset;
};

static const char fuzz_base_ini[] =
	"; the base that fuzzed scenarios may extend\n"
	"[scenario]\n"
	"name = Fuzz \"base\" @x `id`\n"
	"description = texts with quotes, @macros and `backquotes`; kept as text\n"
	"\n"
	"[sim]\n"
	"start_year = 2026\n"
	"years = 4\n"
	"report_step = 0.5\n"
	"dt = 0.25\n"
	"\n"
	"[budget]\n"
	"transformation_eur = 1.615e6\n"
	"\n"
	"[budget@2028]\n"
	"transformation_eur = 2.385e6\n"
	"\n"
	"[grant.eu]\n"
	"amount_eur = 1e6\n"
	"first_year = 2027\n"
	"last_year = 2028\n"
	"cofunding_share = 0.35\n"
	"domains = infrastructure, value_creation\n"
	"\n"
	"[loan.kfw]\n"
	"principal_eur = 2e6\n"
	"draw_year = 2027\n"
	"interest_rate = 0.03\n"
	"term_years = 10\n"
	"\n"
	"[schedule@2027]\n"
	"literacy = 900000\n";

static const char fuzz_mid_ini[] =
	"[scenario]\n"
	"extends = base.ini\n"
	"name = mid\n"
	"[sim]\n"
	"method = rkf45\n";

static const char fuzz_loop_ini[] =
	"[scenario]\n"
	"extends = s.ini\n";

static const char fuzz_plan_csv[] =
	"year,process,infrastructure,literacy\n"
	"2027,125000.5,2385000,0\n"
	"\"2029\",\"310000\",1e6,\"42.125\"\n";

/* Writes the fixed files into the scratch directory (once per process). */
static inline void fuzz_scen_files(void)
{
	static int done;

	if (done++)
		return;
	fuzz_write_text("base.ini", fuzz_base_ini);
	fuzz_write_text("mid.ini", fuzz_mid_ini);
	fuzz_write_text("loop.ini", fuzz_loop_ini);
	fuzz_write_text("plan.csv", fuzz_plan_csv);
	/* Opening a FIFO for reading blocks until a writer comes: a hang. */
	if (mkfifo(fuzz_path("fifo.ini"), 0600) != 0 || mkfifo(fuzz_path("fifo.csv"), 0600) != 0)
		abort();
}

/* Splits the input (see above) into in, and writes s.ini. Returns its
** path. Free in->buf. */
static inline const char *fuzz_scen_split(const uint8_t *data, size_t size, struct fuzz_scen *in)
{
	static const char mark[] = "--set\n";
	char *p, *end;

	memset(in, 0, sizeof *in);
	if (!(in->buf = malloc(size + 1)))
		abort();
	memcpy(in->buf, data, size);
	in->buf[size] = '\0';
	in->filelen = size;
	end = in->buf + size;
	for (p = in->buf; p < end; p = memchr(p, '\n', (size_t)(end - p)), p = p ? p + 1 : end) {
		size_t rest = (size_t)(end - p);
		if ((rest >= sizeof mark - 1 && memcmp(p, mark, sizeof mark - 1) == 0)
		    || (rest == sizeof mark - 2 && memcmp(p, mark, rest) == 0)) {
			in->filelen = (size_t)(p - in->buf);
			p += rest < sizeof mark - 1 ? rest : sizeof mark - 1;
			break;
		}
	}
	fuzz_scen_files();
	fuzz_write("s.ini", in->buf, in->filelen);
	while (p < end && in->nset < FUZZ_MAX_SETS) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		if (nl)
			*nl = '\0';
		in->set[in->nset++] = p;
		p = nl ? nl + 1 : end;
	}
	return fuzz_path("s.ini");
}

#endif
