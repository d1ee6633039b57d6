"""Pages of the workforce app (namespace ``workforce``); every name is in config/permissions.py."""

from django.urls import path  # noqa: F401

from cadre.workforce import views_picture

app_name = "workforce"
urlpatterns: list = []
urlpatterns += [  # the workforce picture
    path("", views_picture.picture_home, name="picture-home"),
    path("government/", views_picture.government_picture, name="picture-government"),
    path("organisation/<str:abbreviation>/", views_picture.organisation_picture,
         name="picture-organisation"),
    path("organisation/<str:abbreviation>/senior/", views_picture.senior,
         name="picture-senior"),
]

from cadre.workforce import views as views_import  # noqa: E402

urlpatterns += [  # HR extracts (import)
    path("extracts/", views_import.extract_list, name="extracts"),
    path("extracts/upload/", views_import.extract_upload, name="extract-upload"),
    path("extracts/mapping/", views_import.extract_mapping, name="extract-mapping"),
    path("extracts/confirm/", views_import.extract_confirm, name="extract-confirm"),
    path("extracts/<int:pk>/", views_import.extract_detail, name="extract"),
    path("extracts/<int:pk>/changes.csv", views_import.extract_changes_csv,
         name="extract-changes-csv"),
    path("mappings/", views_import.mapping_list, name="mappings"),
]

from cadre.workforce import views_review  # noqa: E402

urlpatterns += [  # classification and review (classify section)
    path("review/", views_review.review_queue, name="review-queue"),
    path("review/<int:pk>/", views_review.review_detail, name="review-detail"),
    path("review/classify/", views_review.review_classify, name="review-classify"),
    path("review/try/", views_review.try_title, name="review-try"),
    path("review/settings/", views_review.review_settings, name="review-settings"),
]
