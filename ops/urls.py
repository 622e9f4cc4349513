from django.urls import path

from ops import views

urlpatterns = [
    path("healthz", views.alive, name="health_alive"),
    path("healthz/ready", views.ready, name="health_ready"),
]
