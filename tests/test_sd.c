/*
** test_sd.c: the sd building blocks, by hand-computed values and by
** re-running the SDXorg reference models (tests/data/sd-test-models, MIT
** licence, Vensim outputs) with the sd_* functions and plain Euler at the
** reference's time step, comparing every reported variable on every row.
** Run from the repository root (as `make test` does): the data paths are
** relative to it.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <gsl/gsl_errno.h>

#include "sd.h"
#include "testutil.h"

/*
** Vensim prints about 6 significant digits, so a printed value carries a
** relative rounding error of at most 5e-6; 1e-5 allows that plus the
** difference between Vensim's and our floating-point evaluation order.
** Values that are 0 in exact arithmetic are printed as rounding residue
** (about 1e-15), hence an absolute
** tolerance far below any value the models print otherwise.
*/
#define REF_REL_TOL 1e-5
#define REF_ABS_TOL 1e-10

/* Stella 10.0.6 prints about 12 significant digits (rounding error 5e-12);
** 1e-9 leaves room for a different order of floating-point operations. */
#define STELLA_REL_TOL 1e-9

/* Hand-computed values are exact decimals; this only absorbs binary
** rounding of the inputs. */
#define HAND_REL_TOL 1e-12
#define HAND_ABS_TOL 1e-12

/* Longest delay or smooth chain the reference models need (third order). */
#define MAX_ORDER 3

#define REF_DIR "tests/data/sd-test-models/"

/* Vensim's STEP(height, t0) as the reference models use it for their
** inputs: 0 before t0, height from t0 on. (dtsim's model has no use for it,
** so it is not in sd.c.) */
static double ref_step(double t, double height, double t0)
{
	return t >= t0 ? height : 0.0;
}

/* The outflow rate of a delay of order n, s[n-1] * n / delay: the output
** the delays reference model reports. */
static double ref_outflow(const double *s, size_t n, double delay)
{
	return s[n - 1] * (double)n / delay;
}

/* ------------------------------------------------------------------------
** Reference reader (libcsv)
** --------------------------------------------------------------------- */

/*
** A reference output: the header's column names and the numeric rows,
** row-major. The libcsv callbacks fill it; err is set on the first
** malformed field or row, or when memory runs out.
*/
struct ref {
	size_t ncols, nrows, col, cap;
	char **names;
	double *v;
	double rel_tol;
	int in_header;
	int err;
};

/* Frees everything a reference table owns (and nothing when r is NULL). */
static void ref_free(struct ref *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->ncols; i++)
		free(r->names[i]);
	free(r->names);
	free(r->v);
	free(r);
}

/* Appends a copy of the header field s[0..len-1] to r->names. */
static void ref_add_name(struct ref *r, const char *s, size_t len)
{
	char **names = realloc(r->names, (r->ncols + 1) * sizeof *names);
	if (names == NULL) {
		r->err = 1;
		return;
	}
	r->names = names;
	char *name = malloc(len + 1);
	if (name == NULL) {
		r->err = 1;
		return;
	}
	memcpy(name, s, len);
	name[len] = '\0';
	r->names[r->ncols++] = name;
}

/*
** libcsv field callback: a column name in the header, a number afterwards.
** A field that is not entirely a finite number, or a row longer than the
** header, sets r->err.
*/
static void ref_field(void *s, size_t len, void *data)
{
	struct ref *r = data;
	if (r->err)
		return;
	if (r->in_header) {
		ref_add_name(r, s, len);
		return;
	}
	char buf[64], *end;
	if (r->col >= r->ncols || len == 0 || len >= sizeof buf) {
		r->err = 1;
		return;
	}
	memcpy(buf, s, len);
	buf[len] = '\0';
	errno = 0;
	double x = strtod(buf, &end);
	if (*end != '\0' || errno != 0 || !isfinite(x)) {
		r->err = 1;
		return;
	}
	size_t need = (r->nrows + 1) * r->ncols;
	if (need > r->cap) {
		double *v = realloc(r->v, 2 * need * sizeof *v);
		if (v == NULL) {
			r->err = 1;
			return;
		}
		r->v = v;
		r->cap = 2 * need;
	}
	r->v[r->nrows * r->ncols + r->col++] = x;
}

/*
** libcsv row callback: ends the header (which must name at least one
** column) or a data row, which must be exactly as wide as the header.
*/
static void ref_row(int c, void *data)
{
	struct ref *r = data;
	(void)c;
	if (r->err)
		return;
	if (r->in_header) {
		r->in_header = 0;
		if (r->ncols == 0)
			r->err = 1;
		return;
	}
	if (r->col != r->ncols)
		r->err = 1;
	r->nrows++;
	r->col = 0;
}

/*
** Reads a reference output (delimiter `delim`; libcsv accepts the CR-only,
** LF and CRLF row ends these files use, and a last row without one).
** Returns the table, owned by the caller (ref_free), or NULL after printing
** why.
*/
static struct ref *ref_read(const char *path, unsigned char delim)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		print_error("%s: %s\n", path, strerror(errno));
		return NULL;
	}
	struct ref *r = calloc(1, sizeof *r);
	struct csv_parser p;
	if (r == NULL || csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		free(r);
		fclose(f);
		return NULL;
	}
	r->in_header = 1;
	csv_set_delim(&p, delim);
	char buf[4096];
	size_t n;
	int ok = 1;
	while (ok && (n = fread(buf, 1, sizeof buf, f)) > 0)
		ok = csv_parse(&p, buf, n, ref_field, ref_row, r) == n;
	ok = ok && !ferror(f) && csv_fini(&p, ref_field, ref_row, r) == 0;
	if (!ok)
		print_error("%s: %s\n", path, csv_strerror(csv_error(&p)));
	csv_free(&p);
	fclose(f);
	if (!ok || r->err || r->nrows == 0) {
		if (ok)
			print_error("%s: malformed reference table\n", path);
		ref_free(r);
		return NULL;
	}
	return r;
}

/* The column called `name`, or ncols when there is none. */
static size_t ref_col(const struct ref *r, const char *name)
{
	for (size_t j = 0; j < r->ncols; j++)
		if (strcmp(r->names[j], name) == 0)
			return j;
	return r->ncols;
}

/* One computed variable of a model at one time, named as in the reference. */
struct var {
	const char *name;
	double value;
};

/*
** Compares one computed row with row `row` of the reference: every
** reference column must be among vars (so no reported variable goes
** unchecked), every var must name a column, and each value must agree to
** r->rel_tol / REF_ABS_TOL. Fails the test with the model, variable and
** time on the first mismatch.
*/
static void ref_check_row(const struct ref *r, size_t row, const char *model,
                          const struct var *vars, size_t nvars)
{
	if (nvars != r->ncols) {
		print_error("%s: %zu variables computed, reference has %zu columns\n",
		            model, nvars, r->ncols);
		fail();
	}
	for (size_t i = 0; i < nvars; i++) {
		size_t j = ref_col(r, vars[i].name);
		if (j == r->ncols) {
			print_error("%s: no reference column '%s'\n", model, vars[i].name);
			fail();
		}
		for (size_t k = 0; k < i; k++)
			if (strcmp(vars[k].name, vars[i].name) == 0) {
				print_error("%s: '%s' computed twice\n", model, vars[i].name);
				fail();
			}
		double want = r->v[row * r->ncols + j], got = vars[i].value;
		if (!(isfinite(got) && fabs(got - want) <= REF_ABS_TOL + r->rel_tol * fabs(want))) {
			print_error("%s: '%s' at row %zu (Time %g): %.9g, reference %.9g\n",
			            model, vars[i].name, row, r->v[row * r->ncols], got, want);
			fail();
		}
	}
}

/*
** What a reference test owns, so that teardown frees it even when a failed
** assertion leaves the test early (cmocka longjmps out of it).
*/
struct fixture {
	struct ref *ref;
};

/* cmocka setup: an empty fixture in *state. */
static int fixture_setup(void **state)
{
	*state = calloc(1, sizeof(struct fixture));
	return *state == NULL ? -1 : 0;
}

/* cmocka teardown: frees the fixture and everything in it. */
static int fixture_teardown(void **state)
{
	struct fixture *fx = *state;
	if (fx != NULL) {
		ref_free(fx->ref);
		free(fx);
	}
	*state = NULL;
	return 0;
}

/*
** Reads the reference for a test into the fixture and checks it has one
** row per Euler step from t0 to t1 inclusive; rows are then compared to
** the relative tolerance rel_tol. Returns the table, owned by the fixture.
*/
static struct ref *ref_open(void **state, const char *path, unsigned char delim,
                            double t0, double t1, double dt, double rel_tol)
{
	struct fixture *fx = *state;
	fx->ref = ref_read(path, delim);
	assert_non_null(fx->ref);
	fx->ref->rel_tol = rel_tol;
	size_t steps = (size_t)lround((t1 - t0) / dt);
	assert_int_equal(fx->ref->nrows, steps + 1);
	return fx->ref;
}

/* ------------------------------------------------------------------------
** Reference models
**
** Each loop follows Vensim's Euler scheme: at t = t0 + k dt evaluate the
** auxiliaries from the stocks, report them, then stock += dt * net flow.
** Time is computed from k, never accumulated.
** --------------------------------------------------------------------- */

/* The column names one tool gives the teacup model's variables. */
struct teacup_names {
	const char *time, *tau, *loss, *room, *temp;
};

/*
** teacup: Teacup Temperature = INTEG(-Heat Loss to Room, 180), Heat Loss to
** Room = (Teacup Temperature - Room Temperature) / Characteristic Time,
** compared with the output at `path` under the column names `nm`.
*/
static void run_teacup(void **state, const char *path, double rel_tol,
                       const struct teacup_names *nm)
{
	const double t0 = 0, t1 = 30, dt = 0.125;
	const double room = 70, tau = 10;
	struct ref *r = ref_open(state, path, CSV_COMMA, t0, t1, dt, rel_tol);
	double temp = 180;
	for (size_t k = 0; k < r->nrows; k++) {
		double t = t0 + (double)k * dt;
		double loss = (temp - room) / tau;
		struct var v[] = {
			{nm->time, t}, {nm->tau, tau}, {nm->loss, loss},
			{nm->room, room}, {nm->temp, temp},
		};
		ref_check_row(r, k, path, v, sizeof v / sizeof v[0]);
		temp += dt * -loss;
	}
}

/* teacup against Vensim DSS 6.3. */
static void test_ref_teacup(void **state)
{
	static const struct teacup_names nm = {
		"Time", "Characteristic Time", "Heat Loss to Room", "Room Temperature",
		"Teacup Temperature",
	};
	run_teacup(state, REF_DIR "teacup/output.csv", REF_REL_TOL, &nm);
}

/* teacup against Stella 10.0.6 (lower-case names, 12 digits). */
static void test_ref_teacup_stella(void **state)
{
	static const struct teacup_names nm = {
		"Time", "characteristic time", "heat loss to room", "room temperature",
		"teacup temperature",
	};
	run_teacup(state, REF_DIR "teacup/output_stella1006.csv", STELLA_REL_TOL, &nm);
}

/* The control variables Vensim writes into every .tab output. */
#define CONTROL_VARS(t0, t1, dt) \
	{"FINAL TIME", (t1)}, {"INITIAL TIME", (t0)}, {"SAVEPER", (dt)}, {"TIME STEP", (dt)}

/*
** smooth: Input = -1 + STEP(5, 5), Adjustment Time = 2 + STEP(2, 10),
** Variable Order = 2 + STEP(1, 10), Initial Value = 5; SMOOTH and SMOOTH3
** start at the input, the I variants and SMOOTH N at Initial Value.
** SMOOTH N's order jumps from 2 to 3 at t = 10, yet the reference keeps
** following a second-order smooth to the end: Vensim fixes the order at
** initialisation, which a stage array sized once reproduces exactly. The
** change of adjustment time at t = 10 is taken up at once by every stage.
*/
static void test_ref_smooth(void **state)
{
	const double t0 = 0, t1 = 20, dt = 0.25, init = 5;
	struct ref *r = ref_open(state, REF_DIR "smooth/output.tab", CSV_TAB, t0, t1, dt, REF_REL_TOL);
	double in0 = -1 + ref_step(t0, 5, 5);
	size_t nn = (size_t)lround(2 + ref_step(t0, 1, 10));
	assert_true(nn >= 1 && nn <= MAX_ORDER);
	double s1[1] = {in0}, s1i[1] = {init}, s3[3], s3i[3], sn[MAX_ORDER];
	double d1[1], d1i[1], d3[3], d3i[3], dn[MAX_ORDER];
	for (size_t i = 0; i < 3; i++) {
		s3[i] = in0;
		s3i[i] = init;
	}
	for (size_t i = 0; i < nn; i++)
		sn[i] = init;

	for (size_t k = 0; k < r->nrows; k++) {
		double t = t0 + (double)k * dt;
		double in = -1 + ref_step(t, 5, 5);
		double adj = 2 + ref_step(t, 2, 10);
		double order = 2 + ref_step(t, 1, 10);
		struct var v[] = {
			{"Time", t}, CONTROL_VARS(t0, t1, dt),
			{"Adjustment Time", adj}, {"Initial Value", init}, {"Input", in},
			{"Variable Order", order},
			{"Smooth output", sd_smooth_deriv(s1, 1, in, adj, d1)},
			{"SmoothI output", sd_smooth_deriv(s1i, 1, in, adj, d1i)},
			{"Smooth3 output", sd_smooth_deriv(s3, 3, in, adj, d3)},
			{"Smooth3I output", sd_smooth_deriv(s3i, 3, in, adj, d3i)},
			{"Smooth N output", sd_smooth_deriv(sn, nn, in, adj, dn)},
		};
		ref_check_row(r, k, "smooth", v, sizeof v / sizeof v[0]);
		s1[0] += dt * d1[0];
		s1i[0] += dt * d1i[0];
		for (size_t i = 0; i < 3; i++) {
			s3[i] += dt * d3[i];
			s3i[i] += dt * d3i[i];
		}
		for (size_t i = 0; i < nn; i++)
			sn[i] += dt * dn[i];
	}
}

/* The delays model's exogenous inputs at time t. */
static double delays_input(double t) { return -1 + ref_step(t, 5, 5); }
static double delays_time(double t) { return 4 + ref_step(t, 2, 15); }
static double delays_order(double t) { return 2 + ref_step(t, 1, 10); }

/*
** delays: DELAY1, DELAY1I, DELAY3, DELAY3I and DELAY N(Input, Delay Time,
** Initial Value, Order Variable), Initial Value = 6; the plain forms start
** in equilibrium with the initial input. DELAY N's order request changes
** from 2 to 3 at t = 10 and the reference keeps a second-order delay: the
** order is fixed at initialisation, as with a stage array sized once.
**
** DELAY N also reacts to the change of Delay Time (4 -> 6 at t = 15) one
** step later than DELAY1/DELAY3 do: fitting the reference shows that its
** last stage drains at s[n-1] * n / (delay time of the previous step),
** while its inner stages use the current delay time (other hypotheses,
** e.g. all stages lagged, or only the reported value lagged, miss by 20 %
** or more). sd_delay_deriv keeps the DELAY1/DELAY3 semantics, which the
** dtsim model wants (every stage reads the same delay time); this test
** reproduces Vensim's DELAY N by replacing the outflow with one computed at
** the previous delay time, and test_ref_delayn_plain shows what the
** library's own semantics match.
*/
static void test_ref_delays(void **state)
{
	const double t0 = 0, t1 = 100, dt = 1, init = 6;
	struct ref *r = ref_open(state, REF_DIR "delays/output.tab", CSV_TAB, t0, t1, dt, REF_REL_TOL);
	size_t nn = (size_t)lround(delays_order(t0));
	assert_true(nn >= 1 && nn <= MAX_ORDER);
	double s1[1], s1i[1], s3[3], s3i[3], sn[MAX_ORDER];
	double d1[1], d1i[1], d3[3], d3i[3], dn[MAX_ORDER];
	sd_delay_init(s1, 1, delays_input(t0), delays_time(t0));
	sd_delay_init(s1i, 1, init, delays_time(t0));
	sd_delay_init(s3, 3, delays_input(t0), delays_time(t0));
	sd_delay_init(s3i, 3, init, delays_time(t0));
	sd_delay_init(sn, nn, init, delays_time(t0));
	double prev_delay = delays_time(t0);

	for (size_t k = 0; k < r->nrows; k++) {
		double t = t0 + (double)k * dt;
		double in = delays_input(t), delay = delays_time(t);
		double n_now = sd_delay_deriv(sn, nn, in, delay, dn);
		double n_out = ref_outflow(sn, nn, prev_delay);
		dn[nn - 1] += n_now - n_out;
		struct var v[] = {
			{"Time", t}, CONTROL_VARS(t0, t1, dt),
			{"Delay Time", delay}, {"Initial Value", init}, {"Input", in},
			{"Order Variable", delays_order(t)},
			{"Output Delay1", sd_delay_deriv(s1, 1, in, delay, d1)},
			{"Output Delay1I", sd_delay_deriv(s1i, 1, in, delay, d1i)},
			{"Output Delay3", sd_delay_deriv(s3, 3, in, delay, d3)},
			{"Output Delay3I", sd_delay_deriv(s3i, 3, in, delay, d3i)},
			{"OutputDelayN", n_out},
		};
		ref_check_row(r, k, "delays", v, sizeof v / sizeof v[0]);
		s1[0] += dt * d1[0];
		s1i[0] += dt * d1i[0];
		for (size_t i = 0; i < 3; i++) {
			s3[i] += dt * d3[i];
			s3i[i] += dt * d3i[i];
		}
		for (size_t i = 0; i < nn; i++)
			sn[i] += dt * dn[i];
		prev_delay = delay;
	}
}

/*
** DELAY N with the library's own semantics (every stage at the current
** delay time) matches the reference on every row before the delay time
** changes (t < 15, including the ignored order change at t = 10) and
** departs from it at t = 15, by far more than the tolerance: the lag
** emulated in test_ref_delays is real, not a fitting artefact.
*/
static void test_ref_delayn_plain(void **state)
{
	const double t0 = 0, t1 = 100, dt = 1, init = 6, change = 15;
	struct ref *r = ref_open(state, REF_DIR "delays/output.tab", CSV_TAB, t0, t1, dt, REF_REL_TOL);
	size_t col = ref_col(r, "OutputDelayN");
	assert_true(col < r->ncols);
	size_t nn = (size_t)lround(delays_order(t0));
	assert_true(nn >= 1 && nn <= MAX_ORDER);
	double sn[MAX_ORDER], dn[MAX_ORDER];
	sd_delay_init(sn, nn, init, delays_time(t0));
	size_t k;
	for (k = 0; k < r->nrows; k++) {
		double t = t0 + (double)k * dt;
		double out = sd_delay_deriv(sn, nn, delays_input(t), delays_time(t), dn);
		double want = r->v[k * r->ncols + col];
		if (t < change) {
			assert_close(out, want, REF_REL_TOL, REF_ABS_TOL);
		} else {
			assert_true(fabs(out - want) > 0.1 * fabs(want));
			break;
		}
		for (size_t i = 0; i < nn; i++)
			sn[i] += dt * dn[i];
	}
	assert_true(k < r->nrows);
}

/* ------------------------------------------------------------------------
** Unit tests with hand-computed values
** --------------------------------------------------------------------- */

/*
** Third-order delay, delay 7.5, so each stage drains at n / delay = 0.4 of
** its content: stage flows 2.385 * 0.4 = 0.954, 4.71 * 0.4 = 1.884, 1.93 *
** 0.4 = 0.772; ds = 0.817 - 0.954, 0.954 - 1.884, 1.884 - 0.772. A first-
** order delay of 4.5 drains 2.385 / 4.5 = 0.53.
*/
static void test_delay_deriv(void **state)
{
	(void)state;
	const double s[3] = {2.385, 4.71, 1.93};
	double ds[3];
	assert_close(sd_delay_deriv(s, 3, 0.817, 7.5, ds), 0.772, HAND_REL_TOL, HAND_ABS_TOL);
	assert_close(ds[0], -0.137, HAND_REL_TOL, HAND_ABS_TOL);
	assert_close(ds[1], -0.930, HAND_REL_TOL, HAND_ABS_TOL);
	assert_close(ds[2], 1.112, HAND_REL_TOL, HAND_ABS_TOL);
	/* Conservation: what the stages gain is inflow minus outflow. */
	assert_close(ds[0] + ds[1] + ds[2], 0.817 - 0.772, HAND_REL_TOL, HAND_ABS_TOL);

	double d1[1];
	assert_close(sd_delay_deriv(s, 1, 0.817, 4.5, d1), 0.53, HAND_REL_TOL, HAND_ABS_TOL);
	assert_close(d1[0], 0.287, HAND_REL_TOL, HAND_ABS_TOL);
}

/* Each of 4 stages holds 2.385 * 7.3 / 4 = 4.352625; in equilibrium every
** derivative is zero and the outflow equals the inflow. */
static void test_delay_init(void **state)
{
	(void)state;
	double s[4], ds[4];
	sd_delay_init(s, 4, 2.385, 7.3);
	for (size_t i = 0; i < 4; i++)
		assert_close(s[i], 4.352625, HAND_REL_TOL, HAND_ABS_TOL);
	assert_close(sd_delay_deriv(s, 4, 2.385, 7.3, ds), 2.385, HAND_REL_TOL, HAND_ABS_TOL);
	for (size_t i = 0; i < 4; i++)
		assert_close(ds[i], 0.0, 0.0, HAND_ABS_TOL);
}

/*
** Smooth of order 3 over 7.5 (rate 0.4 per stage): ds = (5.385 - 4.2) *
** 0.4, (4.2 - 3.1) * 0.4, (3.1 - 1.5) * 0.4 = 0.474, 0.44, 0.64; output
** 1.5. Order 2 over 5 has the same rate and the first two derivatives.
** Order 1 over 2.5: (5.385 - 2.6) / 2.5 = 1.114.
*/
static void test_smooth_deriv(void **state)
{
	(void)state;
	const double s[3] = {4.2, 3.1, 1.5};
	double ds[3];
	assert_close(sd_smooth_deriv(s, 3, 5.385, 7.5, ds), 1.5, HAND_REL_TOL, HAND_ABS_TOL);
	assert_close(ds[0], 0.474, HAND_REL_TOL, HAND_ABS_TOL);
	assert_close(ds[1], 0.44, HAND_REL_TOL, HAND_ABS_TOL);
	assert_close(ds[2], 0.64, HAND_REL_TOL, HAND_ABS_TOL);

	double d2[2];
	assert_close(sd_smooth_deriv(s, 2, 5.385, 5.0, d2), 3.1, HAND_REL_TOL, HAND_ABS_TOL);
	assert_close(d2[0], 0.474, HAND_REL_TOL, HAND_ABS_TOL);
	assert_close(d2[1], 0.44, HAND_REL_TOL, HAND_ABS_TOL);

	const double s1[1] = {2.6};
	double d1[1];
	assert_close(sd_smooth_deriv(s1, 1, 5.385, 2.5, d1), 2.6, HAND_REL_TOL, HAND_ABS_TOL);
	assert_close(d1[0], 1.114, HAND_REL_TOL, HAND_ABS_TOL);
}

/* Every invalid order or time gives NaN, in the result and in every ds. */
static void test_chain_errors(void **state)
{
	(void)state;
	const double s[3] = {2.385, 4.71, 1.93};
	const double bad[] = {0.0, -2.385, NAN, INFINITY};
	double ds[3];
	for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++) {
		ds[0] = ds[1] = ds[2] = 1.0;
		assert_true(isnan(sd_delay_deriv(s, 3, 0.817, bad[b], ds)));
		for (size_t i = 0; i < 3; i++)
			assert_true(isnan(ds[i]));
		ds[0] = ds[1] = ds[2] = 1.0;
		assert_true(isnan(sd_smooth_deriv(s, 3, 0.817, bad[b], ds)));
		for (size_t i = 0; i < 3; i++)
			assert_true(isnan(ds[i]));
		double init[3] = {1.0, 1.0, 1.0};
		sd_delay_init(init, 3, 2.385, bad[b]);
		for (size_t i = 0; i < 3; i++)
			assert_true(isnan(init[i]));
	}
	/* n == 0: NaN, and nothing written. */
	ds[0] = 2.385;
	assert_true(isnan(sd_delay_deriv(s, 0, 0.817, 7.5, ds)));
	assert_true(isnan(sd_smooth_deriv(s, 0, 0.817, 7.5, ds)));
	sd_delay_init(ds, 0, 0.817, 7.5);
	assert_true(ds[0] == 2.385);
}

/* x / (x + 2.385): 0 at 0, 1/2 at 2.385, 3/4 at 3 * 2.385 = 7.155, 1/4 at
** 2.385 / 3 = 0.795. */
static void test_half(void **state)
{
	(void)state;
	assert_close(sd_half(0.0, 2.385), 0, 0, 0);
	assert_close(sd_half(2.385, 2.385), 0.5, HAND_REL_TOL, HAND_ABS_TOL);
	assert_close(sd_half(7.155, 2.385), 0.75, HAND_REL_TOL, HAND_ABS_TOL);
	assert_close(sd_half(0.795, 2.385), 0.25, HAND_REL_TOL, HAND_ABS_TOL);
	assert_close(sd_half(-4.71, 2.385), 0, 0, 0);
	double big = sd_half(1e300, 2.385);
	assert_true(big <= 1.0 && big > 0.999);
	assert_true(isnan(sd_half(2.385, 0.0)));
	assert_true(isnan(sd_half(2.385, -2.385)));
	assert_true(isnan(sd_half(2.385, INFINITY)));
	assert_true(isnan(sd_half(NAN, 2.385)));
}

/*
** 7.155 * 2.385 / (7.155 + 2.385) = 2.385 * 3/4 = 1.78875, either way
** round. A potential 1e-6 of the capacity passes almost whole (deficit
** p / (p + c) ~ 2.4e-6); a potential 5e8 times the capacity yields the
** capacity (deficit ~ 2e-9). Never above either argument, even at DBL_MAX.
*/
static void test_saturate(void **state)
{
	(void)state;
	assert_close(sd_saturate(7.155, 2.385), 1.78875, HAND_REL_TOL, HAND_ABS_TOL);
	assert_close(sd_saturate(2.385, 7.155), 1.78875, HAND_REL_TOL, HAND_ABS_TOL);
	double small = sd_saturate(0.002385, 1000.0);
	assert_close(small, 0.002385, 1e-5, 0);
	assert_true(small < 0.002385);
	double large = sd_saturate(2.385e9, 4.7);
	assert_close(large, 4.7, 1e-8, 0);
	assert_true(large <= 4.7);
	assert_close(sd_saturate(0.0, 2.385), 0, 0, 0);
	assert_close(sd_saturate(2.385, 0.0), 0, 0, 0);
	assert_close(sd_saturate(0.0, 0.0), 0, 0, 0);
	assert_close(sd_saturate(-2.385, 4.7), 0, 0, 0);
	assert_close(sd_saturate(2.385, -4.7), 0, 0, 0);
	assert_close(sd_saturate(INFINITY, 2.385), 2.385, 0, 0);
	assert_true(isnan(sd_saturate(NAN, 2.385)));
	assert_true(isnan(sd_saturate(2.385, NAN)));

	const double v[] = {1e-300, 2.385e-7, 0.5, 2.385, 4.71, 1e6, 1e308, DBL_MAX};
	const size_t nv = sizeof v / sizeof v[0];
	for (size_t i = 0; i < nv; i++)
		for (size_t j = 0; j < nv; j++) {
			double r = sd_saturate(v[i], v[j]);
			assert_true(isfinite(r) && r > 0.0);
			assert_true(r <= v[i] && r <= v[j]);
		}
}

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_delay_deriv),
		cmocka_unit_test(test_delay_init),
		cmocka_unit_test(test_smooth_deriv),
		cmocka_unit_test(test_chain_errors),
		cmocka_unit_test(test_half),
		cmocka_unit_test(test_saturate),
		cmocka_unit_test_setup_teardown(test_ref_teacup, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_ref_teacup_stella, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_ref_smooth, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_ref_delays, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_ref_delayn_plain, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
