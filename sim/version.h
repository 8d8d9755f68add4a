/*
** version.h: the version of dtsim, printed by --version and recorded in
** every results manifest, so a chart or table in a council paper can be
** traced to the program that made it.
*/
#ifndef DTSIM_VERSION_H
#define DTSIM_VERSION_H

#define DTSIM_VERSION "0.3.0"

#endif
