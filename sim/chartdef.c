/*
** chartdef.c: the chart catalogue's tables (chartdef.h). Every column named
** here must be one that dtsim writes: test_chartdef looks each one up in
** the output registry (models/outvars.def) or the KPIs (summary.h), so that
** a renamed column cannot silently drop out of a stack or a chart.
*/
#include <stddef.h>

#include "chartdef.h"

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

const struct chartdef_panel_def chartdef_panels[CHARTDEF_NPANELS] = {
	{ "funding", "L_t_funding", "funding sources per year, stacked" },
	{ "spend", "L_t_spend", "spending by domain of action per year, stacked" },
	{ "services", "L_t_services", "service maturity and citizen adoption, with target and mandate" },
	{ "cumulative", "L_t_cumulative", "cumulative investment against cumulative savings" },
	{ "cash", "L_t_cash", "cash at the end of each year, loans outstanding and the funding gap" },
	{ "om-legacy", "L_t_om_legacy", "O&M share of IT spending and legacy share" },
	{ "skill", "L_t_skill", "workforce digital skill" },
	{ "resistance", "L_t_resistance", "change resistance" },
};

const struct chartdef_stack chartdef_funding[CHARTDEF_NFUNDING] = {
	{ { "base_budget_eur", NULL }, "L_base_budget", "c_blue" },
	{ { "transformation_budget_eur", NULL }, "L_transformation_budget", "c_orange" },
	{ { "reinvested_savings_eur", NULL }, "L_reinvested_savings", "c_green" },
	/* The general budget pays the top-up and the incidents (MODEL.md 2.3, 7). */
	{ { "topup_eur", "incident_funding_eur", NULL }, "L_topup", "c_vermillion" },
	{ { "grants_eur", NULL }, "L_grants", "c_sky" },
	{ { "loans_eur", NULL }, "L_loans", "c_purple" },
	{ { "partner_eur", NULL }, "L_partner", "c_gray" },
	{ { "treasury_eur", NULL }, "L_treasury", "c_gold" },
};

/*
** O&M, the domains of action in their chart groups, incidents and
** financing. The groups come from models/domains.def: each DOMAIN_GROUP is
** one area, and each domain's invest_KEY_eur column goes into its group's
** area at its rank (designated initialisers place it).
*/
#define SPEND_GROUP(g) (3 + DGROUP_##g)
const struct chartdef_stack chartdef_spend[CHARTDEF_NSPEND] = {
	{ { "om_legacy_eur", NULL }, "L_om_legacy", "c_vermillion" },
	{ { "om_modern_eur", NULL }, "L_om_modern", "c_gray" },
	{ { "om_digital_eur", NULL }, "L_om_digital", "c_sky" },
#define DOMAIN(ID, key, share, share_meaning, share_source, lab, g, rank) \
	[SPEND_GROUP(g)].cols[(rank) - 1] = "invest_" #key "_eur",
#define DOMAIN_GROUP(g, lab, col) \
	[SPEND_GROUP(g)].label = lab, [SPEND_GROUP(g)].colour = col,
#include "domains.def"
#undef DOMAIN
#undef DOMAIN_GROUP
	[3 + DGROUP_COUNT] = { { "incident_cost_eur", NULL }, "L_incidents", "c_black" },
	{ { "debt_service_eur", NULL }, "L_debt_service", "c_gold" },
	{ { "service_fees_eur", NULL }, "L_service_fees", "c_brown" },
};
#undef SPEND_GROUP

const struct chartdef_line chartdef_services[2] = {
	{ "service_maturity", "L_maturity" }, { "citizen_adoption", "L_adoption" } };
const struct chartdef_line chartdef_cumulative[2] = {
	{ "investment_eur", "L_cum_investment" }, { "savings_eur", "L_cum_savings" } };
const struct chartdef_line chartdef_om_legacy[2] = {
	{ "om_share", "L_om_share" }, { "legacy_share", "L_legacy_share" } };
const struct chartdef_line chartdef_cash[3] = {
	{ "cash_eur", "L_cash" }, { "loan_balance_eur", "L_loan_balance" },
	{ "funding_gap_eur", "L_funding_gap" } };
const struct chartdef_line chartdef_skill[1] = { { "workforce_skill", "L_skill" } };
const struct chartdef_line chartdef_resistance[1] = { { "change_resistance", "L_resistance" } };

/*
** The programme's money (<id>-programme): what the municipality borrows,
** receives and owes for the strategy, per year on its own scale, because
** beside the base budget in the funding chart these are hairlines. Interest
** is the part of the debt service that is not repayment (MODEL.md 12.1).
*/
static const struct chartdef_line programme[] = {
	{ "loans_eur", "L_loans" }, { "grants_eur", "L_grants" }, { "partner_eur", "L_partner" },
	{ "debt_service_eur", "L_debt_service" }, { "interest_eur", "L_interest" },
	{ "service_fees_eur", "L_service_fees" },
};

const struct chartdef_chart chartdef_charts[CHARTDEF_NCHARTS] = {
	{ "programme", "L_t_programme", "programme money per year: loans, grants, partner capital,"
	  " debt service, interest, service fees", CHARTDEF_MONEY, 1, programme, COUNT(programme) },
};

const struct chartdef_compare chartdef_compare[CHARTDEF_NCOMPARE] = {
	{ "service_maturity", CHARTDEF_SHARE, 0, "L_v_service_maturity" },
	{ "citizen_adoption", CHARTDEF_SHARE, 0, "L_v_citizen_adoption" },
	{ "legacy_share", CHARTDEF_SHARE, 0, "L_v_legacy_share" },
	{ "om_share", CHARTDEF_SHARE, 0, "L_v_om_share" },
	{ "workforce_skill", CHARTDEF_INDEX, 0, "L_v_workforce_skill" },
	{ "change_resistance", CHARTDEF_INDEX, 0, "L_v_change_resistance" },
	{ "cash_eur", CHARTDEF_MONEY, 0, "L_v_cash_eur" },
	{ "investment_eur", CHARTDEF_MONEY, 1, "L_v_investment_eur" },
	{ "savings_eur", CHARTDEF_MONEY, 1, "L_v_savings_eur" },
	{ "cum_net_benefit_eur", CHARTDEF_MONEY, 0, "L_v_cum_net_benefit_eur" },
};

const struct chartdef_kpi chartdef_kpis[CHARTDEF_NKPIS] = {
	{ "end_service_maturity", CHARTDEF_SHARE, "L_k_end_service_maturity" },
	{ "end_citizen_adoption", CHARTDEF_SHARE, "L_k_end_citizen_adoption" },
	{ "end_legacy_share", CHARTDEF_SHARE, "L_k_end_legacy_share" },
	{ "end_change_resistance", CHARTDEF_INDEX, "L_k_end_change_resistance" },
	{ "total_investment_eur", CHARTDEF_MONEY, "L_k_total_investment_eur" },
	{ "total_savings_eur", CHARTDEF_MONEY, "L_k_total_savings_eur" },
};

/*
** The Monte Carlo charts: the core stocks a planner and a treasurer ask a
** range for, in the dashboard's order, and the key figures of the worked
** question (when is the target reached, at what maturity, does it pay
** back, at what net benefit, with what funding gap).
*/
const struct chartdef_fan chartdef_fan[CHARTDEF_NFAN] = {
	{ "service_maturity", CHARTDEF_SHARE, "L_v_service_maturity", 1 },
	{ "citizen_adoption", CHARTDEF_SHARE, "L_v_citizen_adoption", 0 },
	{ "workforce_skill", CHARTDEF_INDEX, "L_v_workforce_skill", 0 },
	{ "change_resistance", CHARTDEF_INDEX, "L_v_change_resistance", 0 },
	{ "legacy_share", CHARTDEF_SHARE, "L_v_legacy_share", 0 },
	{ "cash_eur", CHARTDEF_MONEY, "L_v_cash_eur", 0 },
};

const struct chartdef_mc_kpi chartdef_mc_kpis[CHARTDEF_NMC_KPIS] = {
	{ "end_service_maturity", CHARTDEF_SHARE, 0, "L_k_end_service_maturity", CHARTDEF_MARK_TARGET },
	{ "target_year", CHARTDEF_INDEX, 1, "L_k_target_year", CHARTDEF_MARK_DEADLINE },
	{ "end_citizen_adoption", CHARTDEF_SHARE, 0, "L_k_end_citizen_adoption", CHARTDEF_MARK_NONE },
	{ "payback_year", CHARTDEF_INDEX, 1, "L_k_payback_year", CHARTDEF_MARK_NONE },
	{ "pv_net_benefit_eur", CHARTDEF_MONEY, 0, "L_k_pv_net_benefit_eur", CHARTDEF_MARK_NONE },
	{ "total_funding_gap_eur", CHARTDEF_MONEY, 0, "L_k_total_funding_gap_eur", CHARTDEF_MARK_NONE },
};

/*
** Walks the tables above in order: the year column every chart plots
** against, the stacks, the lines, the charts' lines, the compared variables,
** the fan charts' variables (all from DIR/ID.csv; DIR/ID.mc.csv has their
** percentiles), then the key figures and the histograms' key figures
** (DIR/summary.csv; DIR/ID.mc_hist.csv has their distributions). A table added above
** must be added here too, or test_chartdef does not see its columns.
*/
const char *chartdef_column(size_t i, enum chartdef_file *file)
{
	static const struct {
		const struct chartdef_stack *def;
		size_t n;
	} stacks[] = {
		{ chartdef_funding, CHARTDEF_NFUNDING }, { chartdef_spend, CHARTDEF_NSPEND },
	};
	static const struct {
		const struct chartdef_line *def;
		size_t n;
	} lines[] = {
		{ chartdef_services, COUNT(chartdef_services) },
		{ chartdef_cumulative, COUNT(chartdef_cumulative) },
		{ chartdef_om_legacy, COUNT(chartdef_om_legacy) },
		{ chartdef_cash, COUNT(chartdef_cash) },
		{ chartdef_skill, COUNT(chartdef_skill) },
		{ chartdef_resistance, COUNT(chartdef_resistance) },
	};

	*file = CHARTDEF_RESULTS_CSV;
	if (i-- == 0)
		return "year";
	for (size_t t = 0; t < COUNT(stacks); t++)
		for (size_t k = 0; k < stacks[t].n; k++)
			for (size_t c = 0; c < CHARTDEF_STACK_COLS && stacks[t].def[k].cols[c]; c++)
				if (i-- == 0)
					return stacks[t].def[k].cols[c];
	for (size_t t = 0; t < COUNT(lines); t++)
		for (size_t k = 0; k < lines[t].n; k++)
			if (i-- == 0)
				return lines[t].def[k].col;
	for (size_t t = 0; t < CHARTDEF_NCHARTS; t++)
		for (size_t k = 0; k < chartdef_charts[t].n; k++)
			if (i-- == 0)
				return chartdef_charts[t].lines[k].col;
	for (size_t k = 0; k < CHARTDEF_NCOMPARE; k++)
		if (i-- == 0)
			return chartdef_compare[k].col;
	for (size_t k = 0; k < CHARTDEF_NFAN; k++)
		if (i-- == 0)
			return chartdef_fan[k].col;
	*file = CHARTDEF_SUMMARY_CSV;
	for (size_t k = 0; k < CHARTDEF_NKPIS; k++)
		if (i-- == 0)
			return chartdef_kpis[k].col;
	for (size_t k = 0; k < CHARTDEF_NMC_KPIS; k++)
		if (i-- == 0)
			return chartdef_mc_kpis[k].kpi;
	return NULL;
}
