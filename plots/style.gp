# style.gp: the shared look of dtsim's charts (gnuplot 5.4).
# dtsim plot copies this file into DIR/plots/, where every chart script loads
# it; edit that copy and run `gnuplot CHART.gp` there to restyle a chart.

set encoding utf8
set datafile separator ','
set datafile columnheaders

# Fonts: 9 pt on a chart 16 cm wide (an A4 text width); titles a little
# larger. A dashboard sets font_size to 8 before it loads this file.
font_name = 'Arial'
if (!exists('font_size')) { font_size = 9 }

# Okabe-Ito, a palette colour-blind readers can tell apart (Okabe & Ito 2008).
# Its yellow is too pale on white, so a darker gold stands in for it.
c_black = '#000000'
c_orange = '#E69F00'
c_sky = '#56B4E9'
c_green = '#009E73'
c_blue = '#0072B2'
c_vermillion = '#D55E00'
c_purple = '#CC79A7'
c_gold = '#B59A00'
c_gray = '#999999'
c_brown = '#8C5A2B'
c_axis = '#404040'
c_grid = '#DDDDDD'

# Lines, one per scenario: colour and dash pattern both change, so lines
# stay apart in grayscale print. Dash patterns 11 to 18 are those of line
# types 1 to 8; from the ninth scenario on, a chart across scenarios gives
# a line its colour's line type with another of these dash patterns and
# points (layout_scen_style), so no two lines share colour and dash.
set dashtype 11 solid
set dashtype 12 (8, 3)
set dashtype 13 (2, 2)
set dashtype 14 (8, 3, 2, 3)
set dashtype 15 (14, 4)
set dashtype 16 (8, 3, 2, 3, 2, 3)
set dashtype 17 (4, 4)
set dashtype 18 (14, 3, 4, 3)
set linetype 1 lc rgb c_blue lw 1.6 dt 11
set linetype 2 lc rgb c_vermillion lw 1.6 dt 12
set linetype 3 lc rgb c_green lw 1.6 dt 13
set linetype 4 lc rgb c_orange lw 1.6 dt 14
set linetype 5 lc rgb c_purple lw 1.6 dt 15
set linetype 6 lc rgb c_sky lw 1.6 dt 16
set linetype 7 lc rgb c_black lw 1.6 dt 17
set linetype 8 lc rgb c_gold lw 1.6 dt 18
set linetype cycle 8

# Reference marks: a target level (100) and a deadline (101).
set style line 100 lc rgb c_axis lw 1 dt (6, 4)
set style line 101 lc rgb c_black lw 1 dt (2, 3)
# The reference scenario's lines: grey and wide, under the scenario's own.
c_ref = '#A8A8A8'
ref_lw = 2.8

# Fan charts (dtsim mc): the 5-95 and 25-75 percentile bands in two light
# blues, opaque (EMF ignores transparency), apart in greyscale; the median
# in c_blue over them.
c_band_90 = '#C6DBEF'
c_band_50 = '#7FB2DC'

# The roadmap's heat map (dtsim optimise): from a pale to a dark blue over
# the fan charts' blues and c_blue, one hue, so that greyscale print keeps
# the order of the amounts.
c_heat_lo = '#EEF4FA'
c_heat_hi = '#08306B'
# Its phases: bands of two greys in turn.
c_phase_a = '#E2E2E2'
c_phase_b = '#F2F2F2'

# Stacked areas: solid fills; every other area of a stack is hatched in
# its colour instead (layout_stack_fill), for greyscale print.
set style fill solid 1.0 noborder

set border 3 lc rgb c_axis lw 0.8
set tics nomirror out scale 0.5 textcolor rgb c_axis
set grid ytics lc rgb c_grid lw 0.6 dt solid
set grid noxtics
set key below Left reverse samplen 2 spacing 1.1 noopaque
set title font ',' . (font_size + 1)

# Layout: the chart scripts place plots and keys in centimetres of the
# page (page_w x page_h, set by terminal.gp): scr_x(cm) from the left edge,
# scr_y(cm) from the top edge, as screen coordinates. Margins set this way
# keep every plot at its place whatever the length of a key or a label.
scr_x(cm) = cm / page_w
scr_y(cm) = 1 - cm / page_h

# Number labels with the decimal sign and grouping of lang.gp: gnum(x, d)
# writes x with d decimals, e.g. gnum(12345.67, 1) = 12,345.7 (en) or
# 12.345,7 (de), and a negative number lang.gp's minus sign (U+2212 in
# German). gnuplot's own formats have no grouping without a locale.
# A value that is not a number (a missing field) or too big gives ''.
gint(n) = n < 1000 ? sprintf('%d', n) : gint(n / 1000) . L_thousands . sprintf('%03d', n % 1000)
gfrac(r, d) = d > 0 ? L_decimal . sprintf(sprintf('%%0%dd', d), r % int(10**d)) : ''
gscaled(x, d) = int(floor(abs(x) * 10**d + 0.5))
gnum(x, d) = !(abs(x) < 1e15) ? '' : (gscaled(x, d) > 0 && x < 0 ? L_minus : '') . gint(gscaled(x, d) / int(10**d)) . gfrac(gscaled(x, d), d)
