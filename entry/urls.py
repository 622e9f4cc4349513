from django.urls import path

from entry import views as entry

app_name = "entry"

QUARTER = "entry/<str:department>/<int:year>/q<int:quarter>/"

urlpatterns = [
    path("entry/", entry.entry_index, name="entry_index"),
    path(QUARTER, entry.entry_form, name="entry_form"),
    path(QUARTER + "approve/", entry.submission_approve, name="submission_approve"),
    path(QUARTER + "return/", entry.submission_return, name="submission_return"),
    path(QUARTER + "reopen/", entry.submission_reopen, name="submission_reopen"),
    path(QUARTER + "deadline/", entry.submission_deadline, name="submission_deadline"),
    path("entry/history/<str:code>/", entry.indicator_history, name="entry_history"),
    path("review/", entry.review_index, name="review_index"),
    path("review/<int:year>/q<int:quarter>/", entry.review_board, name="review_board"),
]
