/*
** projects.c: absorption capacity and overruns (MODEL.md 14).
*/
#include "projects.h"

double projects_capacity(const struct model_coef *k, double S, double lead)
{
	return k->absorption * S * k->inv_ref_skill * lead;
}

