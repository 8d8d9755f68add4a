/*
** evstreams.c: the stochastic mode's event streams (evstreams.h).
*/
#include "evstreams.h"

static double next(void *ctx, enum model_draw which)
{
	struct event_streams *es = ctx;

	return stream_uniform(&es->s[which]);
}

int event_streams_init(struct event_streams *es)
{
	for (int w = 0; w < DRAW_COUNT; w++) {
		es->id[w] = stream_id(events_draw_names[w]);
		if (stream_init(&es->s[w]) != 0) {
			while (w-- > 0)
				stream_release(&es->s[w]);
			return -1;
		}
	}
	es->rng.uniform = next;
	es->rng.ctx = es;
	return 0;
}

void event_streams_release(struct event_streams *es)
{
	for (int w = 0; w < DRAW_COUNT; w++)
		stream_release(&es->s[w]);
}

void event_streams_seed(struct event_streams *es, uint64_t seed, uint64_t run, uint64_t sid)
{
	for (int w = 0; w < DRAW_COUNT; w++)
		stream_seed(&es->s[w], seed, run, sid ? stream_combine(es->id[w], sid) : es->id[w]);
}
