from indicators.urls import dashboard, entry

app_name = "indicators"
urlpatterns = [*dashboard.urlpatterns, *entry.urlpatterns]
