/*
** evstreams.h: the streams of the stochastic mode's events (models/events.h)
** for one thread of Monte Carlo runs: one stream.h stream per kind of
** event, named by events_draw_names ("security.incident",
** "projects.overrun"), handed to the engine as a struct model_rng.
**
**     struct event_streams es;
**     event_streams_init(&es);                      once per thread
**     engine_set_draws(en, &es.rng);                the thread's engine
**     event_streams_seed(&es, seed, run, sid);      before each run
**     engine_run(en, ...);
**     event_streams_release(&es);
*/
#ifndef DTSIM_EVSTREAMS_H
#define DTSIM_EVSTREAMS_H

#include <stdint.h>

#include "events.h"
#include "stream.h"

struct event_streams {
	struct stream s[DRAW_COUNT];
	uint64_t id[DRAW_COUNT];   /* stream_id of each name */
	struct model_rng rng;      /* draws from s; hand &rng to engine_set_draws */
};

/* Allocates the generators. Returns 0, or -1 when out of memory (nothing
** is then held). */
int event_streams_init(struct event_streams *es);

void event_streams_release(struct event_streams *es);

/*
** Starts every stream at run `run` of the study with seed `seed`: stream
** (seed, run, stream_id(name)), or with sid not 0 (--independent, sid =
** stream_id of the scenario id) (seed, run, stream_combine(id, sid)).
*/
void event_streams_seed(struct event_streams *es, uint64_t seed, uint64_t run, uint64_t sid);

#endif
