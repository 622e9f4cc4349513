from indicators.urls import dashboard

app_name = "indicators"
urlpatterns = dashboard.urlpatterns
