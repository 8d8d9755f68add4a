/*
** sensprov.c: the inputs digest of a sensitivity table (sensprov.h): the
** digest of DIR/<id>.params.ini's bytes, continued over a line
** "NAME=DISTRIBUTION\n" per uncertain parameter in the set's order.
*/
#include <stdlib.h>
#include <string.h>

#include "manifest.h"
#include "resdir.h"
#include "sensprov.h"
#include "strbuf.h"

/* The largest DIR/<id>.params.ini read (a resolved scenario is about
** 5 kB; a named section per domain or instrument adds lines). */
#define SENSPROV_PARAMS_MAX (16u << 20)

int sensprov_digest(const char *dir, const char *id, const struct unc_set *u,
                    char hex[DIGEST_HEX_LEN], struct err *e)
{
	char *path = resdir_join(dir, id, ".params.ini");
	struct manifest_file mf;
	struct strbuf b = STRBUF_INIT;
	uint64_t h;

	if (!path)
		return err_set(e, NULL, 0, NULL, "out of memory");
	if (manifest_digest_file(path, SENSPROV_PARAMS_MAX, &mf, e) != 0) {
		free(path);
		return -1;
	}
	free(path);
	h = mf.digest;
	for (size_t i = 0; i < unc_count(u); i++) {
		strbuf_reset(&b);
		strbuf_printf(&b, "%s=", unc_name(u, i));
		unc_format(u, i, &b);
		strbuf_printf(&b, "\n");
		if (b.failed) {
			strbuf_free(&b);
			return err_set(e, NULL, 0, NULL, "out of memory");
		}
		h = digest_add(h, strbuf_str(&b), strlen(strbuf_str(&b)));
	}
	strbuf_free(&b);
	digest_hex(h, hex);
	return 0;
}
