build-clang/sim/engine.o: sim/engine.c sim/engine.h sim/err.h \
  models/params.h models/params.def models/model.h models/outvars.h \
  models/outvars.def sim/numfmt.h

sim/engine.h:

sim/err.h:

models/params.h:

models/params.def:

models/model.h:

models/outvars.h:

models/outvars.def:

sim/numfmt.h:
