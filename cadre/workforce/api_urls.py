"""API endpoints of the workforce app, included under /api/v1/ in the ``api`` namespace."""

from django.urls import path  # noqa: F401

from cadre.workforce import api_picture

urlpatterns: list = []
urlpatterns += [  # the workforce picture
    path("workforce/government/picture/", api_picture.government_picture,
         name="workforce-picture-government"),
    path("workforce/organisation/<str:abbreviation>/picture/", api_picture.organisation_picture,
         name="workforce-picture-organisation"),
    path("workforce/organisation/<str:abbreviation>/senior/", api_picture.senior_people,
         name="workforce-picture-senior"),
]

from cadre.workforce import api as api_import  # noqa: E402

urlpatterns += [  # HR extracts (import)
    path("workforce/extracts/", api_import.extract_list, name="workforce-extract-list"),
    path("workforce/extracts/<int:pk>/", api_import.extract_detail,
         name="workforce-extract-detail"),
    path("workforce/extracts/<int:pk>/changes/", api_import.extract_changes,
         name="workforce-extract-changes"),
    path("workforce/column-mappings/", api_import.mapping_list,
         name="workforce-column-mapping-list"),
    path("workforce/column-mappings/<str:organisation>/<str:name>/", api_import.mapping_detail,
         name="workforce-column-mapping-detail"),
]

from cadre.workforce import api_review  # noqa: E402

urlpatterns += [  # classification and review (classify section)
    path("workforce/classifications/", api_review.classification_list,
         name="workforce-classification-list"),
    path("workforce/classifications/<int:pk>/", api_review.classification_detail,
         name="workforce-classification-detail"),
    path("workforce/organisation/<str:abbreviation>/classify/",
         api_review.classify_organisation_view, name="workforce-classify-organisation"),
    path("workforce/classify/", api_review.classify_title, name="workforce-classify-title"),
    path("workforce/classification-settings/", api_review.classification_settings,
         name="workforce-classification-settings"),
]
