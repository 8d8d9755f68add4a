/*
** mcpart.h: the partial result of `dtsim mc --shard K/N`, a text file that
** `dtsim merge` reads and combines (README, "Monte Carlo on many
** machines"). It holds everything mcwrite.h needs, exactly (sums as their
** limbs, numbers as hex floats), so the merged files are the bytes one
** machine writes. One item a line, fields separated by one space:
**
**   dtsim-mc-partial 1            the format and its version
**   dtsim VERSION                 the dtsim that wrote it
**   model VERSION                 its model version
**   inputs HEX                    digest of the resolved scenarios, their
**                                 uncertain parameters and the options
**   seed S / runs N / exact-max N / stochastic 0|1 / independent 0|1 /
**   runs-csv 0|1
**   resistance-above X / target-by X|-     (hex floats)
**   shard K/N
**   scenarios M
** then for each of the M scenarios:
**   scenario START NYEARS ID
**   r RUN X...                    with runs-csv: each run's KPIs
**   failed COUNT FIRST [WHY]      runs that failed, the first, its message
**   m INDEX INTEGER LO HI NBINS SHIFT N NAN MIN MAX UNDER OVER
**   s1 OVERFLOW [LIMB:VALUE]...   the exact sums of the measure above
**   s2 OVERFLOW [LIMB:VALUE]...
**   b [BIN:COUNT]...              its bins that are not 0
**   v RUN X...                    exact results: each run's measures
**   end
** and last "end-of-partial". A number without a value is "-".
*/
#ifndef DTSIM_MCPART_H
#define DTSIM_MCPART_H

#include <stdint.h>
#include <stdio.h>

#include "err.h"
#include "mc.h"

#define MCPART_MAGIC "dtsim-mc-partial"
#define MCPART_VERSION 1
/* The longest line a reader takes (a "v" line of an exact result with
** many years; longer is an error). */
#define MCPART_LINE_MAX (1 << 20)

/* What a partial file is a part of: the same in every shard but shard. */
struct mcpart_head {
	char dtsim[32], model[32];
	uint64_t inputs;
	struct mc_study st;
	int independent, runs_csv;
	unsigned shard, nshards;
	size_t nscen;
};

/* The name of shard k of n's file in dir: "mc-part-K-of-N.txt" (owned by
** the caller). */
char *mcpart_name(const char *dir, unsigned k, unsigned n);

/* Writes the header h. Returns 0, or -1 when the stream failed. */
int mcpart_write_head(FILE *f, const struct mcpart_head *h);

/* Writes the line that starts a scenario's section; its "r" lines follow
** (mc_runs_line with partial). */
int mcpart_write_scenario(FILE *f, const char *id, long start_year, size_t nyears);

/* Writes the rest of a scenario's section from r (its shard's result). */
int mcpart_write_result(FILE *f, const struct mc_result *r);

/* Writes the last line. */
int mcpart_write_end(FILE *f);

/* ---- reading ------------------------------------------------------------------ */

struct mcpart_reader;

/* Opens path for reading. Returns NULL with e when it cannot be read. */
struct mcpart_reader *mcpart_open(const char *path, struct err *e);
void mcpart_close(struct mcpart_reader *rd);

/* Reads the header into h. Returns 0, or -1 with e ("FILE:LINE: ..."). */
int mcpart_read_head(struct mcpart_reader *rd, struct mcpart_head *h, struct err *e);

/*
** Reads the next scenario's section (of a file with header h): its runs'
** KPIs (with runs-csv) go to runs (the <id>.mc_runs.csv being written, as
** mc_runs_line writes them; NULL to only check them). On success *out is
** a new result holding the shard. Returns 0, or -1 with e.
*/
int mcpart_read_scenario(struct mcpart_reader *rd, const struct mcpart_head *h, FILE *runs,
                         struct mc_result **out, struct err *e);

/* Reads the last line; anything after it is an error. Returns 0 or -1. */
int mcpart_read_end(struct mcpart_reader *rd, struct err *e);

#endif
