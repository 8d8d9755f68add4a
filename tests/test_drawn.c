/*
** test_drawn.c: the charts as drawn, for every bundled scenario, in English
** and German. Checks what a reader of the charts sees:
**   - fontconfig resolves the font the templates name (Arial) to Liberation
**     Sans, the metric-compatible font .ci/deps installs;
**   - every chart's text has the same point sizes in SVG, PDF and EMF, the
**     body text in the size the README promises (9 pt on a chart of its own,
**     8 pt on a chart of several panels), and a PNG's text is as many pixels
**     high as that size at the PNG's resolution;
**   - no text leaves the canvas and no two texts overlap: each SVG text's
**     ink box from its position, anchor and rotation and the width FreeType
**     measures for it in Liberation Sans; no PNG has ink in its outermost
**     two pixel columns or rows;
**   - every chart carries the footer with the dtsim version, the model
**     version and the scenario's (or the run's) digest from manifest.csv;
**   - every chart fits an A4 page with margins (at most 18 x 26 cm).
** The roadmap chart of dtsim optimise is drawn by roadmap_write (its
** module) for council_plan, in every format and in German.
** The Monte Carlo charts (fan charts and histograms) are checked alike,
** drawn from the study in tests/data/mc (the files of dtsim mc): beside a
** run, and alone in a directory without one.
** $DTSIM runs in a scratch directory; gnuplot is the real one.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <png.h>
#include <zlib.h>

#include "digest.h"
#include "roadmap.h"
#include "testproc.h"
#include "testutil.h"

/* The page a chart must fit: A4 (21 x 29.7 cm) less margins of 1.5 cm
** across and 1.85 cm down, cm. */
#define A4_TEXT_W_CM 18.0
#define A4_TEXT_H_CM 26.0

/* SVG units: 96 a inch; points: 72 a inch. */
#define PX_PER_PT (96.0 / 72.0)

/* Two text boxes that share less than this (px, either way) touch but do
** not overlap: the rounding of gnuplot's two decimals. */
#define OVERLAP_TOL_PX 0.3

/* A PNG pixel is ink when a channel is below this (of 255; the background
** is white). */
#define INK_BELOW 250

/* The outermost pixel columns and rows of a PNG that must stay blank. */
#define PNG_EDGE 2

/* The body text the README promises, pt; the footer's size. */
#define BODY_PT  9.0
#define PANEL_PT 8.0
#define FOOTER_PT 6.0

#define MAX_SCEN  64
#define MAX_TEXTS 2048

static char scenarios[MAX_SCEN][PROC_ID_LEN];
static size_t nscen;

struct ctx {
	struct proc_sandbox sb;
	FT_Library ft;
	FT_Face face;          /* what fontconfig gives for Arial */
	char family[128];
};

/* ---- setup ---------------------------------------------------------------- */

/*
** Asks fontconfig which font a chart's "Arial" becomes (as cairo and
** gnuplot do) and opens that file with FreeType: the widths measured
** below are then those of the font the charts are drawn with.
*/
static int open_font(struct ctx *c)
{
	FcPattern *pat = FcNameParse((const FcChar8 *)"Arial"), *match;
	FcResult res;
	FcChar8 *file = NULL, *family = NULL;
	int rc = -1;

	if (!pat || !FcConfigSubstitute(NULL, pat, FcMatchPattern))
		return -1;
	FcDefaultSubstitute(pat);
	match = FcFontMatch(NULL, pat, &res);
	if (match && FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch
	    && FcPatternGetString(match, FC_FAMILY, 0, &family) == FcResultMatch) {
		snprintf(c->family, sizeof c->family, "%s", (const char *)family);
		rc = FT_Init_FreeType(&c->ft) == 0
		     && FT_New_Face(c->ft, (const char *)file, 0, &c->face) == 0 ? 0 : -1;
	}
	FcPatternDestroy(pat);
	if (match)
		FcPatternDestroy(match);
	return rc;
}

static int group_setup(void **state)
{
	static struct ctx c;
	char scen[PATH_MAX + 32];

	if (proc_sandbox_enter(&c.sb, "test-drawn") != 0)
		return -1;
	snprintf(scen, sizeof scen, "%s/scenarios", c.sb.srcdir);
	if (symlink(scen, "scenarios") != 0 || proc_find_ids("scenarios", scenarios, MAX_SCEN, &nscen) != 0 || open_font(&c) != 0) {
		fprintf(stderr, "test_drawn: no scenarios, or no font for Arial\n");
		proc_sandbox_leave(&c.sb);
		return -1;
	}
	*state = &c;
	return 0;
}

static int group_teardown(void **state)
{
	struct ctx *c = *state;

	FT_Done_Face(c->face);
	FT_Done_FreeType(c->ft);
	FcFini();
	xmlCleanupParser();
	return proc_sandbox_leave(&c->sb);
}

/* Runs dtsim with the NULL-terminated arguments; fails unless it exits 0. */
static void dt_v(const struct ctx *c, const char *const *args)
{
	char *argv[MAX_SCEN + 16];
	struct proc_result r;
	size_t n = 0;

	argv[n++] = (char *)c->sb.dtsim;
	while (*args && n < sizeof argv / sizeof argv[0] - 1)
		argv[n++] = (char *)*args++;
	argv[n] = NULL;
	assert_int_equal(proc_run(argv, NULL, &r), 0);
	if (r.status != 0) {
		print_error("dtsim exit status %d\n--- stderr:\n%s---\n", r.status, r.err);
		proc_result_free(&r);
		fail();
	}
	proc_result_free(&r);
}

/* The Monte Carlo study of tests/data/mc (dtsim mc's files) and its
** scenarios. */
static const char *const mc_files[] = {
	"mc_summary.csv", "balanced.mc.csv", "balanced.mc_hist.csv", "baseline.mc.csv",
	"baseline.mc_hist.csv",
};
static const char *const mc_ids[] = { "balanced", "baseline" };
#define N_MC_IDS (sizeof mc_ids / sizeof mc_ids[0])

/* Copies the study into dir (made when missing). */
static void copy_mc(const struct ctx *c, const char *dir)
{
	char src[PATH_MAX + 64], dst[PATH_MAX];
	struct proc_result r;

	for (size_t i = 0; i < sizeof mc_files / sizeof mc_files[0]; i++) {
		char *argv[] = { (char *)"/bin/cp", src, dst, NULL };
		char *mk[] = { (char *)"/bin/mkdir", (char *)"-p", (char *)dir, NULL };

		assert_int_equal(proc_run(mk, NULL, &r), 0);
		proc_result_free(&r);
		snprintf(src, sizeof src, "%s/tests/data/mc/%s", c->sb.srcdir, mc_files[i]);
		snprintf(dst, sizeof dst, "%s/%s", dir, mc_files[i]);
		assert_int_equal(proc_run(argv, NULL, &r), 0);
		assert_int_equal(r.status, 0);
		proc_result_free(&r);
	}
}

/* ---- measuring text -------------------------------------------------------- */

/* A text's ink box on the canvas, px; its size in pt and where it is. */
struct tbox {
	double x0, y0, x1, y1, pt;
	char text[96];
};

/*
** The ink of text set at px pixels in the font of c, from the pen's start
** on the baseline: x from *lo to *hi along the baseline, y from *below
** (negative: under it) to *above. UTF-8 is decoded by FreeType's charmap
** lookup per code point. Returns the advance width.
*/
static double ink(const struct ctx *c, const char *text, double px, double *lo, double *hi,
                  double *below, double *above)
{
	const unsigned char *p = (const unsigned char *)text;
	double pen = 0;

	*lo = *below = *above = 0;
	*hi = 0;
	assert_int_equal(FT_Set_Char_Size(c->face, 0, (FT_F26Dot6)lround(px * 64), 72, 72), 0);
	while (*p) {
		unsigned long cp = *p++;
		int more = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : cp >= 0xC0 ? 1 : 0;
		FT_Glyph_Metrics *m;

		if (more)
			cp &= 0x3F >> more;
		while (more-- && (*p & 0xC0) == 0x80)
			cp = cp << 6 | (*p++ & 0x3F);
		if (FT_Load_Char(c->face, cp, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP) != 0)
			continue;
		m = &c->face->glyph->metrics;
		if (m->width > 0) {
			double gx0 = pen + m->horiBearingX / 64.0, gx1 = gx0 + m->width / 64.0;

			if (*lo == *hi) {
				*lo = gx0;
				*hi = gx1;
			} else {
				*lo = fmin(*lo, gx0);
				*hi = fmax(*hi, gx1);
			}
			*above = fmax(*above, m->horiBearingY / 64.0);
			*below = fmin(*below, (m->horiBearingY - m->height) / 64.0);
		}
		pen += m->horiAdvance / 64.0;
	}
	return pen;
}

/* Reads "translate(X,Y)" and an optional " rotate(A)" from s. */
static int parse_transform(const char *s, double *x, double *y, double *deg)
{
	const char *r;

	*deg = 0;
	if (sscanf(s, "translate(%lf,%lf)", x, y) != 2)
		return -1;
	r = strstr(s, "rotate(");
	if (r && sscanf(r, "rotate(%lf)", deg) != 1)
		return -1;
	return 0;
}

/* The attribute name of node (as a new string), or NULL. */
static char *attr(xmlNode *node, const char *name)
{
	return (char *)xmlGetProp(node, (const xmlChar *)name);
}

/*
** Collects the ink box of every <text> of a gnuplot SVG: gnuplot writes
** each text as <g transform="translate(x,y) [rotate(a)]" font-size="px"
** text-anchor="start|middle|end"><text>...</text></g>, the baseline at y.
*/
static void collect(const struct ctx *c, xmlNode *node, struct tbox *b, size_t *n)
{
	for (; node; node = node->next) {
		if (node->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)node->name, "text") == 0 && node->parent
		    && node->parent->type == XML_ELEMENT_NODE) {
			char *tr = attr(node->parent, "transform"), *fs = attr(node->parent, "font-size");
			char *an = attr(node->parent, "text-anchor");
			char *txt = (char *)xmlNodeGetContent(node);
			double x = 0, y = 0, deg = 0, px, lo, hi, below, above, w, shift, rad;
			double cx[4], cy[4];

			if (!tr || !fs || !txt || parse_transform(tr, &x, &y, &deg) != 0) {
				print_error("a <text> without translate() or font-size\n");
				fail();
			}
			assert_true(*n < MAX_TEXTS);
			px = atof(fs);
			w = ink(c, txt, px, &lo, &hi, &below, &above);
			shift = an && strcmp(an, "middle") == 0 ? -w / 2 : an && strcmp(an, "end") == 0 ? -w : 0;
			rad = deg * acos(-1) / 180;
			/* The corners in the text's own frame (y down), rotated, moved. */
			for (int k = 0; k < 4; k++) {
				double u = shift + (k & 1 ? hi : lo), v = k & 2 ? -above : -below;

				cx[k] = x + u * cos(rad) - v * sin(rad);
				cy[k] = y + u * sin(rad) + v * cos(rad);
			}
			b[*n].x0 = fmin(fmin(cx[0], cx[1]), fmin(cx[2], cx[3]));
			b[*n].x1 = fmax(fmax(cx[0], cx[1]), fmax(cx[2], cx[3]));
			b[*n].y0 = fmin(fmin(cy[0], cy[1]), fmin(cy[2], cy[3]));
			b[*n].y1 = fmax(fmax(cy[0], cy[1]), fmax(cy[2], cy[3]));
			b[*n].pt = px / PX_PER_PT;
			snprintf(b[*n].text, sizeof b[*n].text, "%s", txt);
			/* Blank text (an empty title) takes no room. */
			if (hi > lo)
				(*n)++;
			xmlFree(tr);
			xmlFree(fs);
			xmlFree(an);
			xmlFree(txt);
		}
		collect(c, node->children, b, n);
	}
}

/* ---- checks of one chart ------------------------------------------------------ */

/* What is wrong with the charts, counted over a whole run. */
struct faults {
	size_t clipped, overlaps, edges, sizes, footers, pages, charts;
};

/* 1 when text is a number (a tick label): digits, signs, separators. */
static int is_number(const char *text)
{
	return text[0] && strspn(text, "0123456789.,- %") == strlen(text);
}

/* The most frequent size of the tick labels of b[0..n) (pt, to 0.01):
** the body text of the chart. */
static double body_pt(const struct tbox *b, size_t n)
{
	double best = 0;
	size_t most = 0;

	for (size_t i = 0; i < n; i++) {
		size_t k = 0;

		if (!is_number(b[i].text))
			continue;
		for (size_t j = 0; j < n; j++)
			k += is_number(b[j].text) && fabs(b[j].pt - b[i].pt) < 0.01;
		if (k > most) {
			most = k;
			best = b[i].pt;
		}
	}
	return best;
}

/* 1 when size pt is in set[0..n) to 0.05 pt. */
static int has_size(const double *set, size_t n, double pt)
{
	for (size_t i = 0; i < n; i++)
		if (fabs(set[i] - pt) < 0.05)
			return 1;
	return 0;
}

/* Adds pt to set[0..*n) unless there. */
static void add_size(double *set, size_t *n, size_t cap, double pt)
{
	if (!has_size(set, *n, pt) && *n < cap)
		set[(*n)++] = pt;
}

/*
** The distinct text sizes (pt) of a cairo PDF: each text is drawn with a
** text matrix "a b c d x y Tm" whose scale is the size (the font is set
** at 1 pt). The content streams are deflated (zlib).
*/
static size_t pdf_sizes(const char *path, double *set, size_t cap)
{
	size_t len = 0, n = 0;
	char *pdf = proc_read_file(path, &len), *p;

	assert_non_null(pdf);
	for (p = pdf; (p = strstr(p, "stream")) && (size_t)(p - pdf) < len;) {
		size_t out_cap = 1 << 22;
		unsigned char *out = malloc(out_cap);
		z_stream z;

		p += 6;
		if (*p == '\r')
			p++;
		if (*p != '\n') {
			free(out);
			continue;
		}
		p++;
		memset(&z, 0, sizeof z);
		assert_non_null(out);
		z.next_in = (unsigned char *)p;
		z.avail_in = (uInt)(len - (size_t)(p - pdf));
		z.next_out = out;
		z.avail_out = (uInt)out_cap - 1;
		if (inflateInit(&z) == Z_OK) {
			int rc = inflate(&z, Z_FINISH);

			inflateEnd(&z);
			if (rc == Z_STREAM_END) {
				char *s = (char *)out, *t;

				out[z.total_out] = '\0';
				while ((t = strstr(s, " Tm"))) {
					char *q = t;
					double m[6];
					int k;

					for (k = 0; k < 6 && q > (char *)out; k++) {
						while (q > (char *)out && q[-1] == ' ')
							q--;
						while (q > (char *)out && q[-1] != ' ' && q[-1] != '\n')
							q--;
					}
					if (k == 6 && sscanf(q, "%lf %lf %lf %lf %lf %lf", &m[0], &m[1], &m[2],
					                     &m[3], &m[4], &m[5]) == 6)
						add_size(set, &n, cap, round(hypot(m[0], m[1]) * 100) / 100);
					s = t + 3;
				}
			}
		}
		free(out);
	}
	free(pdf);
	return n;
}

static int32_t le32s(const unsigned char *p)
{
	return (int32_t)((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16
	                 | (uint32_t)p[3] << 24);
}

/*
** The distinct sizes (pt) of the text of an EMF: the height of the font
** selected (EMR_SELECTOBJECT) when each text is drawn (EMR_EXTTEXTOUTW),
** as created (EMR_EXTCREATEFONTINDIRECTW: handle, lfHeight in logical
** units), in mm by the picture frame (rclFrame, 0.01 mm) over the window
** extent (EMR_SETWINDOWEXTEX).
*/
static size_t emf_sizes(const char *path, double *set, size_t cap)
{
	enum { HEADER = 1, WINDOW_EXT = 9, SELECT = 37, FONT = 82, TEXT = 84, HANDLES = 1024 };
	static int32_t height[HANDLES];
	size_t len = 0, n = 0, pos = 0;
	unsigned char *d = (unsigned char *)proc_read_file(path, &len);
	double frame_w = 0, win_w = 0;
	int32_t cur = 0;

	assert_non_null(d);
	memset(height, 0, sizeof height);
	while (pos + 8 <= len) {
		uint32_t type = (uint32_t)le32s(d + pos), size = (uint32_t)le32s(d + pos + 4);
		uint32_t h = size >= 12 ? (uint32_t)le32s(d + pos + 8) : 0;

		if (size < 8 || pos + size > len)
			break;
		if (type == HEADER && size >= 40)
			frame_w = le32s(d + pos + 32) - le32s(d + pos + 24);
		else if (type == WINDOW_EXT && size >= 16)
			win_w = le32s(d + pos + 8);
		else if (type == FONT && size >= 16 && h < HANDLES)
			height[h] = le32s(d + pos + 12);
		else if (type == SELECT && h < HANDLES && height[h])
			cur = height[h];
		else if (type == TEXT && cur && frame_w > 0 && win_w > 0)
			add_size(set, &n, cap, round(fabs((double)cur) * frame_w / win_w * 0.01 / 25.4
			                             * 72 * 100) / 100);
		pos += size;
	}
	free(d);
	return n;
}

/* Fills the image of the PNG at path (RGB, 8 bits); the caller frees *px. */
static void png_load(const char *path, unsigned char **px, unsigned *w, unsigned *h)
{
	png_image img;

	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	assert_true(png_image_begin_read_from_file(&img, path));
	img.format = PNG_FORMAT_RGB;
	*px = malloc(PNG_IMAGE_SIZE(img));
	assert_non_null(*px);
	assert_true(png_image_finish_read(&img, NULL, *px, 0, NULL));
	*w = img.width;
	*h = img.height;
}

static int is_ink(const unsigned char *p)
{
	return p[0] < INK_BELOW || p[1] < INK_BELOW || p[2] < INK_BELOW;
}

/* 1 when the PNG has ink within PNG_EDGE pixels of an edge. */
static int png_edge_ink(const char *path)
{
	unsigned char *px;
	unsigned w, h;
	int found = 0;

	png_load(path, &px, &w, &h);
	for (unsigned y = 0; y < h && !found; y++)
		for (unsigned x = 0; x < w && !found; x++)
			if ((x < PNG_EDGE || x >= w - PNG_EDGE || y < PNG_EDGE || y >= h - PNG_EDGE)
			    && is_ink(px + 3 * ((size_t)y * w + x)))
				found = 1;
	free(px);
	return found;
}

/* Prints at most this many faults of each kind, then counts them. */
#define SHOW_FAULTS 40

/*
** Checks chart (DIR/plots/<chart>.svg, .png and, when pdf_emf, .pdf and
** .emf): text inside the canvas, no two texts overlapping, no ink at the
** PNG's edges, one set of sizes in every format, the body text in the
** promised size (multi: a chart of several panels), the footer, the page.
*/
static void check_chart(const struct ctx *c, const char *dir, const char *chart, int multi,
                        const char *footer, int pdf_emf, struct faults *f)
{
	static struct tbox b[MAX_TEXTS];
	char path[PATH_MAX];
	xmlDoc *doc;
	xmlNode *root;
	char *ws, *hs;
	double W, H, body, sizes[32];
	size_t n = 0, nsizes = 0;
	int has_footer = 0;

	f->charts++;
	snprintf(path, sizeof path, "%s/plots/%s.svg", dir, chart);
	doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	if (!doc) {
		print_error("%s: not an SVG\n", path);
		fail();
	}
	root = xmlDocGetRootElement(doc);
	ws = attr(root, "width");
	hs = attr(root, "height");
	assert_non_null(ws);
	assert_non_null(hs);
	W = atof(ws);
	H = atof(hs);
	xmlFree(ws);
	xmlFree(hs);
	collect(c, root, b, &n);
	xmlFreeDoc(doc);

	if (W / 96 * 2.54 > A4_TEXT_W_CM + 1e-6 || H / 96 * 2.54 > A4_TEXT_H_CM + 1e-6) {
		if (f->pages++ < SHOW_FAULTS)
			print_error("%s: %.1f x %.1f cm does not fit an A4 page (%g x %g cm)\n", path,
			            W / 96 * 2.54, H / 96 * 2.54, A4_TEXT_W_CM, A4_TEXT_H_CM);
	}
	for (size_t i = 0; i < n; i++) {
		add_size(sizes, &nsizes, 32, round(b[i].pt * 100) / 100);
		if (footer && strstr(b[i].text, footer) && fabs(b[i].pt - FOOTER_PT) < 0.05)
			has_footer = 1;
		if (b[i].x0 < 0 || b[i].y0 < 0 || b[i].x1 > W || b[i].y1 > H) {
			if (f->clipped++ < SHOW_FAULTS)
				print_error("%s: '%s' leaves the canvas: x %.1f..%.1f, y %.1f..%.1f of %g x %g px\n",
				            chart, b[i].text, b[i].x0, b[i].x1, b[i].y0, b[i].y1, W, H);
		}
		for (size_t j = i + 1; j < n; j++) {
			double ox = fmin(b[i].x1, b[j].x1) - fmax(b[i].x0, b[j].x0);
			double oy = fmin(b[i].y1, b[j].y1) - fmax(b[i].y0, b[j].y0);

			if (ox > OVERLAP_TOL_PX && oy > OVERLAP_TOL_PX && f->overlaps++ < SHOW_FAULTS)
				print_error("%s: '%s' and '%s' overlap by %.1f x %.1f px\n", chart, b[i].text,
				            b[j].text, ox, oy);
		}
	}
	if (footer && !has_footer && f->footers++ < SHOW_FAULTS)
		print_error("%s: no %g pt footer with '%s'\n", chart, FOOTER_PT, footer);
	body = body_pt(b, n);
	if (fabs(body - (multi ? PANEL_PT : BODY_PT)) > 0.05 && f->sizes++ < SHOW_FAULTS)
		print_error("%s: the tick labels are %g pt, expected %g pt\n", chart, body,
		            multi ? PANEL_PT : BODY_PT);
	if (pdf_emf) {
		double other[32];
		size_t m;
		const char *ext[] = { "pdf", "emf" };

		for (int k = 0; k < 2; k++) {
			snprintf(path, sizeof path, "%s/plots/%s.%s", dir, chart, ext[k]);
			m = k ? emf_sizes(path, other, 32) : pdf_sizes(path, other, 32);
			for (size_t i = 0; i < nsizes; i++)
				if (!has_size(other, m, sizes[i]) && f->sizes++ < SHOW_FAULTS)
					print_error("%s: text of %g pt in the SVG but not in the %s\n", chart,
					            sizes[i], ext[k]);
			for (size_t i = 0; i < m; i++)
				if (!has_size(sizes, nsizes, other[i]) && f->sizes++ < SHOW_FAULTS)
					print_error("%s: text of %g pt in the %s but not in the SVG\n", chart,
					            other[i], ext[k]);
		}
	}
	snprintf(path, sizeof path, "%s/plots/%s.png", dir, chart);
	if (png_edge_ink(path) && f->edges++ < SHOW_FAULTS)
		print_error("%s: ink in the outermost %d pixel columns or rows\n", path, PNG_EDGE);
}

/* ---- the whole chart set --------------------------------------------------------- */

/* A field of a line of manifest.csv (every field quoted, none of the
** bundled scenarios' with '","' inside): the n-th (0-based), unquoted. */
static void csv_field(const char *line, size_t n, char *buf, size_t len)
{
	const char *p = line;

	for (size_t i = 0; i < n && p; i++) {
		p = strstr(p, "\",\"");
		if (p)
			p += 2;
	}
	assert_non_null(p);
	if (*p == '"')
		p++;
	snprintf(buf, len, "%.*s", (int)strcspn(p, "\""), p);
}

/* The index of column name in the header line of manifest.csv. */
static size_t csv_column(const char *header, const char *name)
{
	char buf[64];

	for (size_t i = 0; i < 32; i++) {
		csv_field(header, i, buf, sizeof buf);
		if (strcmp(buf, name) == 0)
			return i;
	}
	fail_msg("manifest.csv has no column %s", name);
	return 0;
}

/* Checks the Monte Carlo charts of dir (<id>-fan, <id>-mc-kpi, several
** panels each) whose footer names <id>.mc.csv; returns how many. */
static size_t check_mc(const struct ctx *c, const char *dir, int pdf_emf, struct faults *f)
{
	static const char *const kinds[] = { "fan", "mc-kpi" };
	char chart[128], path[PATH_MAX], foot[128];
	size_t n = 0;

	for (size_t i = 0; i < N_MC_IDS; i++)
		for (size_t k = 0; k < 2; k++) {
			snprintf(chart, sizeof chart, "%s-%s", mc_ids[i], kinds[k]);
			snprintf(path, sizeof path, "%s/plots/%s.svg", dir, chart);
			if (!proc_exists(path))
				continue;
			snprintf(foot, sizeof foot, "%s.mc.csv ", mc_ids[i]);
			check_chart(c, dir, chart, 1, foot, pdf_emf, f);
			n++;
		}
	return n;
}

/*
** Runs every bundled scenario with charts in every format, then draws
** them again in German (SVG and PNG), and checks every chart of both.
*/
static void check_set(const struct ctx *c, const char *lang, int pdf_emf, struct faults *f)
{
	static const char *const panels[] = {
		"dashboard", "funding", "spend", "programme", "services", "cumulative", "om-legacy",
		"skill", "resistance",
	};
	char path[PATH_MAX], chart[128], gen[32], *man, *line;
	size_t ncharts = 0, cdig, cgen;
	DIR *d;
	struct dirent *de;

	snprintf(path, sizeof path, "out/manifest.csv");
	man = proc_read_file(path, NULL);
	assert_non_null(man);
	/* The footer of a scenario's chart names its params_digest, a chart
	** across scenarios the run's generation. */
	line = strchr(man, '\n');
	assert_non_null(line);
	cdig = csv_column(man, "params_digest");
	cgen = csv_column(man, "generation");
	for (line++; *line; line = strchr(line, '\n') + 1) {
		char id[64], digest[32], foot[128];

		csv_field(line, 0, id, sizeof id);
		csv_field(line, cdig, digest, sizeof digest);
		csv_field(line, cgen, gen, sizeof gen);
		snprintf(foot, sizeof foot, "%s.params.ini %s", id, digest);
		for (size_t p = 0; p < sizeof panels / sizeof panels[0]; p++) {
			snprintf(chart, sizeof chart, "%s-%s", id, panels[p]);
			snprintf(path, sizeof path, "out/plots/%s.svg", chart);
			if (!proc_exists(path))
				continue;
			check_chart(c, "out", chart, p == 0, foot, pdf_emf, f);
		}
		if (!strchr(line, '\n'))
			break;
	}
	free(man);
	assert_true(check_mc(c, "out", pdf_emf, f) == 2 * N_MC_IDS);
	/* The charts across scenarios carry the run's generation. */
	d = opendir("out/plots");
	assert_non_null(d);
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		char foot[64];

		if (strncmp(de->d_name, "compare-", 8) != 0 || len < 5
		    || strcmp(de->d_name + len - 4, ".svg") != 0)
			continue;
		snprintf(chart, sizeof chart, "%.*s", (int)(len - 4), de->d_name);
		snprintf(foot, sizeof foot, " %s", gen);
		check_chart(c, "out", chart, strncmp(chart, "compare-kpi", 11) == 0
		            || strncmp(chart, "compare-funding", 15) == 0, foot, pdf_emf, f);
		ncharts++;
	}
	closedir(d);
	assert_true(ncharts >= 10);
	(void)lang;
}

/*
** The charts of dtsim sensitivity (plotsens.h) in dir: each one there is
** checked as a single chart, with the footer of the one scenario of dir's
** manifest. Returns how many were found.
*/
static size_t check_sens(const struct ctx *c, const char *dir, int pdf_emf, struct faults *f)
{
	static const char *const charts[] = { "sensitivity-tornado", "sensitivity-morris",
	                                      "sensitivity-sobol" };
	char path[PATH_MAX], id[64], digest[32], foot[128], *man, *line;
	size_t found = 0;

	snprintf(path, sizeof path, "%s/manifest.csv", dir);
	man = proc_read_file(path, NULL);
	assert_non_null(man);
	line = strchr(man, '\n');
	assert_non_null(line);
	csv_field(line + 1, 0, id, sizeof id);
	csv_field(line + 1, csv_column(man, "params_digest"), digest, sizeof digest);
	free(man);
	snprintf(foot, sizeof foot, "%s.params.ini %s", id, digest);
	for (size_t k = 0; k < sizeof charts / sizeof charts[0]; k++) {
		snprintf(path, sizeof path, "%s/plots/%s.svg", dir, charts[k]);
		if (!proc_exists(path))
			continue;
		check_chart(c, dir, charts[k], 0, foot, pdf_emf, f);
		found++;
	}
	return found;
}

static void report(const char *lang, const struct faults *f)
{
	print_message("%s: %zu charts: %zu texts off the canvas, %zu overlaps, %zu PNGs with ink"
	              " at the edge, %zu size faults, %zu without footer, %zu larger than A4\n",
	              lang, f->charts, f->clipped, f->overlaps, f->edges, f->sizes, f->footers,
	              f->pages);
}

/* ---- tests ------------------------------------------------------------------------ */

/* The font the templates name is the metric-compatible one. */
static void test_font_resolves(void **state)
{
	const struct ctx *c = *state;

	if (strcmp(c->family, "Liberation Sans") != 0) {
		print_error("fc-match Arial gives '%s', not Liberation Sans: install"
		            " fonts-liberation2 (sh .ci/deps)\n", c->family);
		fail();
	}
}

/* The width FreeType measures is Arial's: "Skills, knowledge, communication"
** at 8 pt (10.67 px) is 159.5 px in Arial's metrics (2048 units an em: the
** advance widths of its characters summed, from Arial's hmtx table, which
** Liberation Sans copies). */
static void test_width_is_arials(void **state)
{
	const struct ctx *c = *state;
	double lo, hi, below, above;
	double w = ink(c, "Skills, knowledge, communication", 8 * PX_PER_PT, &lo, &hi, &below,
	               &above);

	/* S 1366, k 1024 x2, i 455 x3, l 455 x3, s 1024, ',' 569 x2, ' ' 569 x2,
	** n 1139 x3, o 1139 x3, w 1479, e 1139 x2, d 1139, g 1139, c 1024 x2,
	** m 1706 x2, u 1139, a 1139, t 569: 32 characters, 30 620 units. */
	assert_close(w, 30620.0 / 2048 * 8 * PX_PER_PT, 1e-3, 0.05);
}

/* A PNG's text: 9 pt at the PNG's resolution. A probe script loads the
** templates as a chart does and writes "HHHH" in every format; its ink is
** as high as FreeType's "HHHH" at 9 pt x dpi / 72 pixels. */
static void test_png_text_height(void **state)
{
	const struct ctx *c = *state;
	static const char probe[] =
	        "formats = 'png'\nout = './probe'\nwidth_cm = 16\nheight_cm = 10\n"
	        "png_width = 1890\npng_height = 1181\npng_scale = 1890 / (16 / 2.54) / 72\n"
	        "load 'style.gp'\nload 'lang.gp'\n"
	        "do for [fmt in formats] {\nload 'terminal.gp'\nunset border\nunset tics\n"
	        "set label 1 'HHHH' at screen 0.5, 0.5\nplot [0:1] [0:1] 2 notitle\nunset output\n}\n";
	char *argv[] = { (char *)"/usr/bin/env", (char *)"gnuplot", (char *)"-d",
	                 (char *)"probe.gp", NULL };
	double dpi = 1890 / (16 / 2.54), lo, hi, below, above;
	struct proc_result r;
	unsigned char *px;
	unsigned w, h, top = UINT_MAX, bottom = 0;
	FILE *fp;

	dt_v(c, (const char *const[]){ "run", "--plot", "-o", "probe-run", "scenarios/balanced.ini",
	                               NULL });
	assert_int_equal(chdir("probe-run/plots"), 0);
	fp = fopen("probe.gp", "w");
	assert_non_null(fp);
	fputs(probe, fp);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(proc_run(argv, NULL, &r), 0);
	assert_int_equal(r.status, 0);
	proc_result_free(&r);
	png_load("probe.png", &px, &w, &h);
	for (unsigned y = 0; y < h; y++)
		for (unsigned x = 0; x < w; x++)
			if (is_ink(px + 3 * ((size_t)y * w + x))) {
				top = y < top ? y : top;
				bottom = y > bottom ? y : bottom;
			}
	free(px);
	assert_int_equal(chdir("../.."), 0);
	ink(c, "HHHH", BODY_PT / 72 * dpi, &lo, &hi, &below, &above);
	assert_true(top < bottom);
	/* Antialiasing may add a row of faint ink above and below. */
	assert_close((double)(bottom - top + 1), above - below, 0, 2.0);
}

/* Every chart of `make run`'s scenarios in English: sizes in every format. */
static void test_charts_en(void **state)
{
	const struct ctx *c = *state;
	const char *args[MAX_SCEN + 16];
	static char paths[MAX_SCEN][96];
	size_t n = 0;
	struct faults f = { 0 };

	args[n++] = "run";
	args[n++] = "--plot";
	args[n++] = "--format";
	args[n++] = "png,svg,pdf,emf";
	args[n++] = "-o";
	args[n++] = "out";
	for (size_t i = 0; i < nscen; i++) {
		snprintf(paths[i], sizeof paths[i], "scenarios/%s.ini", scenarios[i]);
		args[n++] = paths[i];
	}
	args[n] = NULL;
	/* A Monte Carlo study in the run's directory: its charts are drawn with
	** the run's (names and targets from the run's manifest). */
	copy_mc(c, "out");
	dt_v(c, args);
	check_set(c, "en", 1, &f);
	report("en", &f);
	assert_true(f.charts > 100);
	assert_int_equal(f.clipped + f.overlaps + f.edges + f.sizes + f.footers + f.pages, 0);
}

/* The same charts in German, whose words are longer. */
static void test_charts_de(void **state)
{
	const struct ctx *c = *state;
	struct faults f = { 0 };

	if (!proc_exists("out/manifest.csv"))
		skip();
	dt_v(c, (const char *const[]){ "plot", "--lang", "de", "--format", "png,svg", "out", NULL });
	check_set(c, "de", 0, &f);
	report("de", &f);
	assert_int_equal(f.clipped + f.overlaps + f.edges + f.sizes + f.footers + f.pages, 0);
}

/* A study without a run (dtsim mc -o DIR alone): its charts, in every
** format and in German. */
static void test_mc_alone(void **state)
{
	const struct ctx *c = *state;
	struct faults f = { 0 };

	copy_mc(c, "mc-alone");
	dt_v(c, (const char *const[]){ "plot", "--format", "png,svg,pdf,emf", "mc-alone", NULL });
	assert_int_equal(check_mc(c, "mc-alone", 1, &f), 2 * N_MC_IDS);
	assert_false(proc_exists("mc-alone/plots/balanced-dashboard.svg"));
	dt_v(c, (const char *const[]){ "plot", "--lang", "de", "--format", "png,svg", "mc-alone",
	                               NULL });
	assert_int_equal(check_mc(c, "mc-alone", 0, &f), 2 * N_MC_IDS);
	report("mc", &f);
	assert_int_equal(f.clipped + f.overlaps + f.edges + f.sizes + f.footers + f.pages, 0);
}

/* The tornado, Morris and Sobol charts of dtsim sensitivity --plot, in
** English in every format and in German. */
static void test_sensitivity_charts(void **state)
{
	const struct ctx *c = *state;
	struct faults f = { 0 };
	char few[PATH_MAX + 64];

	dt_v(c, (const char *const[]){ "sensitivity", "--method", "tornado", "--plot", "--format",
	                               "png,svg,pdf,emf", "-o", "sens", "scenarios/baseline.ini",
	                               NULL });
	/* Sobol on good.ini with 3 uncertain parameters (tests/data/cli). */
	snprintf(few, sizeof few, "%s/tests/data/cli/sens_few.ini", c->sb.srcdir);
	dt_v(c, (const char *const[]){ "sensitivity", "--method", "sobol", "-n", "64", "--kpi",
	                               "pv_net_benefit_eur", "--plot", "--format", "png,svg,pdf,emf",
	                               "-o", "sens-sobol", few, NULL });
	/* Morris with a money KPI (its axis in a unit of EUR). */
	dt_v(c, (const char *const[]){ "sensitivity", "--method", "morris", "-n", "4", "--kpi",
	                               "pv_net_benefit_eur", "--plot", "--format", "png,svg,pdf,emf",
	                               "-o", "sens-morris", few, NULL });
	assert_int_equal(check_sens(c, "sens", 1, &f) + check_sens(c, "sens-sobol", 1, &f) +
	                 check_sens(c, "sens-morris", 1, &f), 3);
	dt_v(c, (const char *const[]){ "plot", "--lang", "de", "--format", "png,svg", "sens", NULL });
	dt_v(c, (const char *const[]){ "plot", "--lang", "de", "--format", "png,svg", "sens-sobol",
	                               NULL });
	dt_v(c, (const char *const[]){ "plot", "--lang", "de", "--format", "png,svg", "sens-morris",
	                               NULL });
	assert_int_equal(check_sens(c, "sens", 0, &f) + check_sens(c, "sens-sobol", 0, &f) +
	                 check_sens(c, "sens-morris", 0, &f), 3);
	report("sensitivity", &f);
	assert_int_equal(f.clipped + f.overlaps + f.edges + f.sizes + f.footers + f.pages, 0);
}

/*
** The roadmap chart of dtsim optimise (roadmap.h), drawn by roadmap_write
** for council_plan (two phases, two milestones reached, two not): in
** English in every format and in German, a single chart whose footer
** names roadmap.ini with the digest of its bytes.
*/
static void test_roadmap_chart(void **state)
{
	const struct ctx *c = *state;
	struct roadmap_opts o = { .lang = PLOT_EN, .chart = 1 };
	struct errlist el = { 0 };
	struct faults f = { 0 };
	char tmpl[PATH_MAX + 16], foot[64], hex[DIGEST_HEX_LEN], *ini;
	FILE *fp;
	size_t len = 0;

	snprintf(tmpl, sizeof tmpl, "%s/plots", c->sb.srcdir);
	assert_int_equal(mkdir("road", 0777), 0);
	fp = fopen("road/roadmap.ini", "w");
	assert_non_null(fp);
	fprintf(fp, "[scenario]\nextends = %s/scenarios/council_plan.ini\n", c->sb.srcdir);
	assert_int_equal(fclose(fp), 0);
	ini = proc_read_file("road/roadmap.ini", &len);
	assert_non_null(ini);
	digest_hex(digest_add(DIGEST_INIT, ini, len), hex);
	free(ini);
	snprintf(foot, sizeof foot, "roadmap.ini %s", hex);
	o.plot.formats = PLOT_PNG | PLOT_SVG | PLOT_PDF | PLOT_EMF;
	o.plot.templates = tmpl;
	if (roadmap_write("road", "road/roadmap.ini", NULL, 0, &o, &el) != 0) {
		print_error("%s\n", el.n ? el.a[0].msg : "roadmap_write failed");
		errlist_free(&el);
		fail();
	}
	check_chart(c, "road", "roadmap", 0, foot, 1, &f);
	o.lang = PLOT_DE;
	o.plot.formats = PLOT_PNG | PLOT_SVG;
	assert_int_equal(roadmap_write("road", "road/roadmap.ini", NULL, 0, &o, &el), 0);
	check_chart(c, "road", "roadmap", 0, foot, 0, &f);
	report("roadmap", &f);
	assert_int_equal(f.charts, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_font_resolves),
		cmocka_unit_test(test_width_is_arials),
		cmocka_unit_test(test_png_text_height),
		cmocka_unit_test(test_charts_en),
		cmocka_unit_test(test_charts_de),
		cmocka_unit_test(test_mc_alone),
		cmocka_unit_test(test_sensitivity_charts),
		cmocka_unit_test(test_roadmap_chart),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
