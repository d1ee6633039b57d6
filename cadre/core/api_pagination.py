"""Page-number pagination with a caller-chosen page size (at most 500)."""

from rest_framework.pagination import PageNumberPagination


class CadrePagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
