/*
** sensprov.h: the provenance of a table of `dtsim sensitivity --method
** tornado|morris|sobol`: the scenario it analysed and the digest of its
** inputs, written in its columns `scenario` and `inputs_digest`, so that
** `dtsim report` shows a table only beside the run it belongs to. The
** inputs are the resolved parameters as DIR/<id>.params.ini holds them and
** the distribution of every uncertain parameter (uncertainty.h): a changed
** value or a changed [uncertainty] line changes the digest.
*/
#ifndef DTSIM_SENSPROV_H
#define DTSIM_SENSPROV_H

#include "digest.h"
#include "err.h"
#include "uncertainty.h"

/* Writes the inputs digest of scenario id, run into dir, with the
** uncertain parameters u, to hex. Returns 0, or -1 with e filled when
** DIR/<id>.params.ini cannot be read. */
int sensprov_digest(const char *dir, const char *id, const struct unc_set *u,
                    char hex[DIGEST_HEX_LEN], struct err *e);

#endif
