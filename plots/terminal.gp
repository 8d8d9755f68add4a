# terminal.gp: the output file of one format. A chart script loads it once
# per format, with `fmt` (png, svg, pdf or emf), `out` (the file name
# without extension) and the sizes set:
#   width_cm, height_cm     vector formats, in centimetres
#   png_width, png_height   PNG, in pixels
#   png_scale               fonts and lines of the PNG: its dots per inch / 72
# and sets page_w, page_h: the page in cm.
#
# Text has the same size in points in every format (font_size of style.gp;
# tests/test_drawn measures it in each). The terminals count differently:
# SVG and EMF measure in 1/96 inch, so SVG fonts and lines scale by 96/72
# (EMF converts points itself); gnuplot's cairo terminals (PNG, PDF) set a
# font 96/72 times its point size, so their fonts scale by 72/96, the
# PNG's by its dots per inch as well (9 pt at 300 dpi: 37.5 pixels).

px_per_cm = 96 / 2.54
vec_scale = 96.0 / 72
cairo_font = 72 / 96.0
font_spec = font_name . ',' . font_size

if (fmt eq 'png') {
	set terminal pngcairo size png_width, png_height font font_spec fontscale png_scale * cairo_font linewidth png_scale noenhanced background '#FFFFFF'
} else {
	if (fmt eq 'svg') {
		set terminal svg size width_cm * px_per_cm, height_cm * px_per_cm font font_spec fontscale vec_scale linewidth vec_scale noenhanced background '#FFFFFF'
	} else {
		if (fmt eq 'pdf') {
			set terminal pdfcairo size width_cm / 2.54, height_cm / 2.54 font font_spec fontscale cairo_font noenhanced
		} else {
			if (fmt eq 'emf') {
				set terminal emf color size width_cm * px_per_cm, height_cm * px_per_cm font font_spec noenhanced
			} else {
				print 'terminal.gp: unknown format ', fmt, '; use png, svg, pdf or emf'
				exit status 1
			}
		}
	}
}
set output out . '.' . fmt

# The page in centimetres at the size of its fonts, for the layout of the
# chart script (margins and keys are placed in cm: scr_x, scr_y of style.gp).
# A PNG is laid out as the vector chart its fonts were scaled from.
if (fmt eq 'png') {
	page_w = png_width / png_scale / 72.0 * 2.54
	page_h = png_height / png_scale / 72.0 * 2.54
} else {
	page_w = width_cm
	page_h = height_cm
}
