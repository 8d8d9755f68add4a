/*
** modelversion.h: the version of the model (its equations, parameters and
** defaults), apart from the version of the program (sim/version.h). The same
** scenario file gives other numbers under another model version, so every
** output records both: `dtsim --version`, the resolved scenario
** (ID.params.ini), the results manifest and the sensitivity tables. Raise it
** with every change to models/ that changes a result of a bundled scenario.
*/
#ifndef DTSIM_MODELVERSION_H
#define DTSIM_MODELVERSION_H

#define MODEL_VERSION "2"

#endif
