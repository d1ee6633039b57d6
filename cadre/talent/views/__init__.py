"""Pages of the talent app, one module per area: ``ratings`` (appraisal cycles, ratings,
calibration, nine-box grids), ``pools`` (talent pools), ``succession`` (critical posts,
successors, coverage) and ``hub`` (the talent home page). Scoping is in
``cadre.talent.selectors``; who may change what is decided in ``cadre.talent.services``."""
