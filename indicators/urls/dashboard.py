from django.urls import path

from indicators.views import dashboard

urlpatterns = [
    path("", dashboard.home, name="home"),
    path("search/", dashboard.search, name="search"),
    path("sectors/<str:code>/", dashboard.sector, name="sector"),
    path("indicators/<str:code>/", dashboard.indicator_detail_page, name="indicator_detail"),
]
