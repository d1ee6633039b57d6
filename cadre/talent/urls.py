"""Pages of the talent app (namespace ``talent``): the talent hub, ratings, nine-box,
pools and succession; every name is in config/permissions.py."""

from django.urls import path

from cadre.talent import hub
from cadre.talent import views as ident

app_name = "talent"
urlpatterns = [
    path("", hub.home, name="home"),
    # Talent identification (ratings, nine-box, pools) and succession.
    path("identification/ratings/", ident.ratings, name="ratings"),
    path("identification/ratings/<int:pk>/", ident.rating, name="rating"),
    path("identification/cycles/", ident.cycles, name="cycles"),
    path("identification/cycles/<int:pk>/", ident.ninebox, name="ninebox"),
    path("identification/cycles/<int:pk>/export/", ident.ninebox_export,
         name="ninebox-export"),
    path("identification/government/", ident.government_ninebox, name="ninebox-government"),
    path("pools/", ident.pools, name="pools"),
    path("pools/mine/", ident.my_pools, name="my-pools"),
    path("pools/<int:pk>/", ident.pool, name="pool"),
    path("pools/<int:pk>/export/", ident.pool_export, name="pool-export"),
    path("succession/", ident.succession, name="succession"),
    path("succession/coverage/", ident.succession_coverage, name="succession-coverage"),
    path("succession/export/", ident.succession_export, name="succession-export"),
    path("succession/<int:pk>/", ident.critical_post, name="critical-post"),
]
