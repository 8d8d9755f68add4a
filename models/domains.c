/*
** domains.c: the per-domain tables, generated from domains.def. Each has
** DOM_COUNT entries by construction (the compiler checks the sizes).
*/
#include <stddef.h>

#include "domains.h"

#define DOMAIN_GROUP(group, label, colour)

#define DOMAIN(ID, key, share, share_meaning, share_source, label, group, rank) #key,
const char *const domain_keys[DOM_COUNT + 1] = {
#include "domains.def"
	NULL
};
#undef DOMAIN

#define DOMAIN(ID, key, share, share_meaning, share_source, label, group, rank) label,
const char *const domain_labels[DOM_COUNT] = {
#include "domains.def"
};
#undef DOMAIN

#define DOMAIN(ID, key, share, share_meaning, share_source, label, group, rank) DGROUP_##group,
const enum domain_group domain_group_of[DOM_COUNT] = {
#include "domains.def"
};
#undef DOMAIN

#define DOMAIN(ID, key, share, share_meaning, share_source, label, group, rank) rank,
const int domain_rank[DOM_COUNT] = {
#include "domains.def"
};
#undef DOMAIN
#undef DOMAIN_GROUP

#define DOMAIN(ID, key, share, share_meaning, share_source, label, group, rank)
#define DOMAIN_GROUP(group, label, colour) { #group, label, colour },
const struct domain_group_def domain_groups[DGROUP_COUNT] = {
#include "domains.def"
};
#undef DOMAIN
#undef DOMAIN_GROUP

/* Every table above is as long as the list: a DOMAIN line too few or too
** many in an initialiser would not compile, and these hold the counts. */
_Static_assert(sizeof domain_keys / sizeof domain_keys[0] == DOM_COUNT + 1, "domain_keys");
_Static_assert(sizeof domain_labels / sizeof domain_labels[0] == DOM_COUNT, "domain_labels");
