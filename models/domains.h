/*
** domains.h: the domains of action (seed 000), generated from domains.def:
** their enum, names, labels, chart groups and bit masks. Nothing here knows
** a domain by name but through DOM_ID; adding one is a line in domains.def.
*/
#ifndef DTSIM_DOMAINS_H
#define DTSIM_DOMAINS_H

#define DOMAIN(ID, key, share, share_meaning, share_source, label, group, rank) DOM_##ID,
#define DOMAIN_GROUP(group, label, colour)
enum domain {
#include "domains.def"
	DOM_COUNT
};
#undef DOMAIN
#undef DOMAIN_GROUP

#define DOMAIN(ID, key, share, share_meaning, share_source, label, group, rank)
#define DOMAIN_GROUP(group, label, colour) DGROUP_##group,
enum domain_group {
#include "domains.def"
	DGROUP_COUNT
};
#undef DOMAIN
#undef DOMAIN_GROUP

/* A set of domains (grant.NAME.domains, ...) is a bit mask: bit d is
** domain d. The masks are unsigned, hence at most 32 domains. */
#define DOMAIN_BIT(d) (1u << (d))
#define DOMAINS_ALL ((1u << DOM_COUNT) - 1u)
_Static_assert(DOM_COUNT >= 1 && DOM_COUNT <= 32, "a set of domains is an unsigned mask");

/* Each domain's key (allocation.KEY, invest_KEY_eur), NULL-terminated as
** choices are; its label; its chart group and its rank in the group's
** stack (1 at the bottom). */
extern const char *const domain_keys[DOM_COUNT + 1];
extern const char *const domain_labels[DOM_COUNT];
extern const enum domain_group domain_group_of[DOM_COUNT];
extern const int domain_rank[DOM_COUNT];

/* A chart group: its name, key label (lang.gp) and fill colour (style.gp). */
struct domain_group_def {
	const char *name, *label, *colour;
};
extern const struct domain_group_def domain_groups[DGROUP_COUNT];

#endif
