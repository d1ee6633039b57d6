"""Pages of the talent app (namespace ``talent``): the talent hub, ratings, nine-box,
pools and succession; every name is in config/permissions.py."""

from django.urls import path

from cadre.talent.views import hub, pools, ratings, succession

app_name = "talent"
urlpatterns = [
    path("", hub.home, name="home"),
    # Talent identification (ratings, nine-box, pools) and succession.
    path("identification/ratings/", ratings.ratings, name="ratings"),
    path("identification/ratings/<int:pk>/", ratings.rating, name="rating"),
    path("identification/cycles/", ratings.cycles, name="cycles"),
    path("identification/cycles/<int:pk>/", ratings.ninebox, name="ninebox"),
    path("identification/cycles/<int:pk>/export/", ratings.ninebox_export,
         name="ninebox-export"),
    path("identification/government/", ratings.government_ninebox, name="ninebox-government"),
    path("pools/", pools.pools, name="pools"),
    path("pools/mine/", pools.my_pools, name="my-pools"),
    path("pools/<int:pk>/", pools.pool, name="pool"),
    path("pools/<int:pk>/export/", pools.pool_export, name="pool-export"),
    path("succession/", succession.succession, name="succession"),
    path("succession/coverage/", succession.succession_coverage, name="succession-coverage"),
    path("succession/export/", succession.succession_export, name="succession-export"),
    path("succession/<int:pk>/", succession.critical_post, name="critical-post"),
]
