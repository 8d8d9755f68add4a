/*
** test_profiles.c: the municipality profiles of docs/MODEL.md 1.2. The three
** bundled profiles (town, city, metropolis) run, and their first-year
** figures lie inside the ranges MODEL.md 1.2 documents: the base IT budget
** per inhabitant, the O&M share of the base budget (0.70-0.80, F§1), the
** staff per 1,000 inhabitants (from workforce.staff, E§12) and the count
** of services. Every bundled scenario resized with --set
** municipality.inhabitants=N runs, and its first-year figures lie inside
** the ranges that apply to it (test_resized_scenarios says which). The
** money identity (MODEL.md 2.6) holds in every row of every run, no value
** is NaN, and no run raises a consistency warning (MODEL.md 15).
**
** MODEL.md 1.2 also says that a scenario resized to a profile's size lies
** inside that profile's ranges: the staff density and services follow
** the size classes of models/sizes.def (test_resized_to_profiles).
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "model.h"
#include "scenario.h"
#include "testutil.h"
#include "testrun.h"

#define NELEM(a) (sizeof (a) / sizeof (a)[0])

/*
** A profile and its documented first-year figures (MODEL.md 1.2, "The
** bundled profiles"): inhabitants; staff per 1,000 inhabitants, its value
** and range (E§12); IT workplaces; the base IT budget in EUR m as the
** table rounds it (to `digits` decimals); the base budget per inhabitant
** and its range; the O&M share of the base budget in the first year as
** the table rounds it (two decimals); the services and their range (the
** town's 150 is an assumption, 100-250; the city and the metropolis
** execute the 237 OZG services, F§4); the cost per service in EUR.
*/
struct profile {
	const char *path, *name;
	double inhabitants;
	double staff_per_1000, staff_lo, staff_hi;
	double workplaces;
	double base_m;
	int digits;
	double per_inh, per_inh_lo, per_inh_hi;
	double om_share;
	double services, services_lo, services_hi;
	double cost_per_service;
};

static const struct profile profiles[] = {
	{ "scenarios/profile_town.ini", "town", 20000, 8, 4, 11, 112, 0.65, 2,
	  32, 25, 45, 0.77, 150, 100, 250, 24000 },
	{ "scenarios/profile_city.ini", "city", 150000, 16, 14, 20, 1680, 6.92, 2,
	  46, 40, 60, 0.78, 237, 237, 237, 50000 },
	{ "scenarios/profile_metropolis.ini", "metropolis", 1000000, 21, 18, 24, 14700, 59.0, 1,
	  59, 50, 90, 0.78, 237, 237, 237, 220000 },
};
enum { TOWN, CITY, METROPOLIS };

/* MODEL.md 1.2 and 3.1: the O&M share of the base budget in the first year
** lies in 0.70-0.80 (F§1 GAO-16-468: O&M 75-80 % of IT spending; the
** portfolio value is derived so that it is om_share_initial = 0.75, plus
** the double running the first year starts with). */
#define OM_SHARE_LO 0.70
#define OM_SHARE_HI 0.80

/* The sizes the resized runs take: the three profiles' and one between
** each pair. */
static const double sizes[] = { 20000, 40000, 150000, 400000, 1000000 };

/* The first-year figures of a run, as MODEL.md 1.2 defines them. */
struct figures {
	double staff_per_1000, per_inh, om_share, services;
};

/* Staff per 1,000 from workforce.staff (IT workplaces) and the workplace
** share; the base budget per inhabitant and the O&M share of the base
** budget from the first row (the first year, price index 1); the services
** from the resolved parameters. */
static struct figures first_year(const struct series *s, const struct model_params *p)
{
	struct figures f;
	double N = p->municipality_inhabitants;
	double om = testrun_at(s, 0, OV_om_legacy_eur) + testrun_at(s, 0, OV_om_modern_eur)
	            + testrun_at(s, 0, OV_om_digital_eur);

	f.staff_per_1000 = p->workforce_staff / p->municipality_workplace_share / (N / 1000);
	f.per_inh = testrun_at(s, 0, OV_base_budget_eur) / N;
	f.om_share = om / testrun_at(s, 0, OV_base_budget_eur);
	f.services = p->services_count;
	return f;
}

/* Runs path with sets, fails on any error, a warning, a value that is not
** finite, or a row that breaks the money identity; returns the first
** year's figures and parameters. */
static struct figures checked_run(const char *path, const struct testrun_sets *ss,
                                  struct model_params *p, const char *what)
{
	struct series s;
	struct figures f;
	int nwarn;

	testrun_run(path, ss->ptr, ss->n, &s, p, &nwarn);
	if (nwarn != 0)
		fail_msg("%s: %d consistency warnings", what, nwarn);
	testrun_check_finite(&s, what);
	testrun_money_identity(&s, p->budget_reserve_eur, what);
	f = first_year(&s, p);
	series_free(&s);
	return f;
}

static int inside(double v, double lo, double hi)
{
	return v >= lo && v <= hi;
}

/* Fails the test unless v lies in [lo, hi]. */
static void in_range(double v, double lo, double hi, const char *what, const char *figure)
{
	if (!inside(v, lo, hi))
		fail_msg("%s: %s = %.6g outside %g-%g", what, figure, v, lo, hi);
}

/*
** The three profiles as bundled: their inputs give the documented
** first-year figures by the equations of MODEL.md 1.2 (IT workplaces =
** N staff_per_1000 / 1000 x workplace_share, base budget = it_fixed +
** workplaces x IT cost per workplace, cost per service = build_fixed +
** N x build_per_inhabitant), each as the table states it, and every figure
** lies inside its documented range.
*/
static void test_profiles_first_year(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(profiles); i++) {
		const struct profile *q = &profiles[i];
		struct testrun_sets none = { 0 };
		struct model_params p;
		struct figures f = checked_run(q->path, &none, &p, q->path);
		double scale = pow(10, q->digits);

		assert_close(p.municipality_inhabitants, q->inhabitants, 0, 0);
		assert_close(p.municipality_staff_per_1000, q->staff_per_1000, 0, 0);
		assert_close(p.workforce_staff, q->inhabitants * q->staff_per_1000 / 1000
		             * p.municipality_workplace_share, 1e-12, 0);
		assert_close(p.workforce_staff, q->workplaces, 0, 0.5);
		assert_close(p.budget_it_base_eur, p.municipality_it_fixed_eur
		             + p.workforce_staff * p.municipality_it_cost_per_workplace_eur, 1e-12, 0);
		assert_close(round(p.budget_it_base_eur / 1e6 * scale) / scale, q->base_m, 1e-12, 0);
		assert_close(p.services_cost_per_service_eur, p.services_build_fixed_eur
		             + q->inhabitants * p.services_build_per_inhabitant_eur, 1e-12, 0);
		assert_close(p.services_cost_per_service_eur, q->cost_per_service, 1e-12, 0);
		assert_close(f.per_inh, q->per_inh, 0, 0.5);
		assert_close(f.om_share, q->om_share, 0, 0.005);
		in_range(f.staff_per_1000, q->staff_lo, q->staff_hi, q->path, "staff per 1,000");
		in_range(f.per_inh, q->per_inh_lo, q->per_inh_hi, q->path, "base budget per inhabitant");
		in_range(f.om_share, OM_SHARE_LO, OM_SHARE_HI, q->path, "O&M share");
		in_range(f.services, q->services_lo, q->services_hi, q->path, "services");
		/* The O&M share is om_share_initial by construction of the
		** portfolio value, raised by the double running (3.1). */
		assert_true(f.om_share > p.budget_om_share_initial);
	}
}

/* The scenarios the resized runs take: every bundled scenario, then the
** three profiles. */
#define NSCENARIOS (TESTRUN_NBUNDLED + NELEM(profiles))

static const char *scenario_path(size_t i)
{
	return i < TESTRUN_NBUNDLED ? testrun_bundled[i] : profiles[i - TESTRUN_NBUNDLED].path;
}

/* Runs scenario i (scenario_path) resized to N inhabitants with
** municipality.inhabitants, checked as checked_run does; with `as` not
** NULL also with that profile's staff density and services. Writes what
** the run is into what[0..len-1]. */
static struct figures resized(size_t i, double N, const struct profile *as,
                              struct model_params *p, char *what, size_t len)
{
	struct testrun_sets ss = { 0 };

	snprintf(what, len, "%s at %g inhabitants%s%s", scenario_path(i), N,
	         as ? " with the staff and services of the " : "", as ? as->name : "");
	testrun_add(&ss, "municipality.inhabitants=%.17g", N);
	if (as) {
		testrun_add(&ss, "municipality.staff_per_1000=%.17g", as->staff_per_1000);
		testrun_add(&ss, "services.count=%.17g", as->services);
	}
	return checked_run(scenario_path(i), &ss, p, what);
}

/*
** Every bundled scenario and every profile resized to each of `sizes`
** with --set municipality.inhabitants=N. The staff density and services
** follow the size classes (MODEL.md 1.2, models/sizes.def): linear in
** ln N between two profiles, so they lie between those two profiles'
** ranges; the O&M share lies in 0.70-0.80 whatever the size (the
** portfolio value is derived from the base budget, 3.1); the base budget
** per inhabitant is it_fixed / N + staff_per_1000 / 1000 x workplace_share
** x IT cost per workplace (1.2), inside the union of the two profiles'
** ranges.
*/
static void test_resized_scenarios(void **state)
{
	(void)state;
	for (size_t i = 0; i < NSCENARIOS; i++)
		for (size_t k = 0; k < NELEM(sizes); k++) {
			const struct profile *lo = &profiles[0], *hi = &profiles[NELEM(profiles) - 1];
			struct model_params p;
			char what[256];
			struct figures f = resized(i, sizes[k], NULL, &p, what, sizeof what);
			double per_inh = p.municipality_it_fixed_eur / sizes[k]
			                 + p.municipality_staff_per_1000 / 1000
			                   * p.municipality_workplace_share
			                   * p.municipality_it_cost_per_workplace_eur;

			/* The profiles either side of N. */
			for (size_t q = 0; q + 1 < NELEM(profiles); q++)
				if (sizes[k] >= profiles[q].inhabitants && sizes[k] <= profiles[q + 1].inhabitants) {
					lo = &profiles[q];
					hi = &profiles[q + 1];
					break;
				}
			assert_close(p.municipality_inhabitants, sizes[k], 0, 0);
			in_range(f.om_share, OM_SHARE_LO, OM_SHARE_HI, what, "O&M share");
			in_range(f.staff_per_1000, lo->staff_per_1000, hi->staff_per_1000, what,
			         "staff per 1,000 between the profiles'");
			in_range(f.services, lo->services, hi->services, what,
			         "services between the profiles'");
			assert_close(f.per_inh, per_inh, 1e-12, 0);
			in_range(f.per_inh, fmin(lo->per_inh_lo, hi->per_inh_lo),
			         fmax(lo->per_inh_hi, hi->per_inh_hi), what, "base budget per inhabitant");
		}
}

/* The profile nearest to N inhabitants on a logarithmic scale (the
** profiles are 7.5 and 6.7 times apart): the town below 54,772
** (sqrt(20,000 x 150,000)), the metropolis above 387,298. */
static int nearest(double N)
{
	int best = TOWN;

	for (int i = 1; i < (int)NELEM(profiles); i++)
		if (fabs(log(N / profiles[i].inhabitants)) < fabs(log(N / profiles[best].inhabitants)))
			best = i;
	return best;
}

/* How many of a run's first-year figures lie outside profile q's ranges;
** each is printed. */
static size_t outside_profile(const struct figures *f, const struct profile *q, const char *what)
{
	const struct {
		const char *name;
		double v, lo, hi;
	} fig[] = {
		{ "O&M share", f->om_share, OM_SHARE_LO, OM_SHARE_HI },
		{ "staff per 1,000", f->staff_per_1000, q->staff_lo, q->staff_hi },
		{ "services", f->services, q->services_lo, q->services_hi },
		{ "base budget per inhabitant", f->per_inh, q->per_inh_lo, q->per_inh_hi },
	};
	size_t n = 0;

	for (size_t i = 0; i < NELEM(fig); i++)
		if (!inside(fig[i].v, fig[i].lo, fig[i].hi)) {
			print_message("%s: %s = %.4g outside the %s's %g-%g\n", what, fig[i].name,
			              fig[i].v, q->name, fig[i].lo, fig[i].hi);
			n++;
		}
	return n;
}

/*
** Where the staff density and services of the nearest profile apply, the
** first-year figures lie inside that profile's ranges (MODEL.md 1.2): every
** bundled scenario and profile resized to each of `sizes` with
** municipality.staff_per_1000 and services.count set to the nearest
** profile's.
*/
static void test_resized_with_nearest_profile(void **state)
{
	(void)state;
	for (size_t i = 0; i < NSCENARIOS; i++)
		for (size_t k = 0; k < NELEM(sizes); k++) {
			const struct profile *q = &profiles[nearest(sizes[k])];
			struct model_params p;
			char what[256];
			struct figures f = resized(i, sizes[k], q, &p, what, sizeof what);

			assert_int_equal(outside_profile(&f, q, what), 0);
		}
}

/*
** --set municipality.inhabitants=N on any bundled scenario gives first-year
** figures inside the ranges of the profile nearest in size (MODEL.md 1.2),
** at each profile's size. Every figure outside is printed.
*/
static void test_resized_to_profiles(void **state)
{
	size_t failed = 0;

	(void)state;
	for (size_t i = 0; i < NSCENARIOS; i++)
		for (size_t k = 0; k < NELEM(profiles); k++) {
			struct model_params p;
			char what[256];
			double N = profiles[k].inhabitants;
			struct figures f = resized(i, N, NULL, &p, what, sizeof what);

			failed += outside_profile(&f, &profiles[nearest(N)], what);
		}
	assert_int_equal(failed, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_profiles_first_year),
		cmocka_unit_test(test_resized_scenarios),
		cmocka_unit_test(test_resized_with_nearest_profile),
		cmocka_unit_test(test_resized_to_profiles),
	};

	gsl_set_error_handler_off();
	return cmocka_run_group_tests_name("profiles", tests, NULL, NULL);
}
