"""The append-only history of every table that feeds a published figure.

Database triggers write it (audit/triggers.py), so a bulk write, a `QuerySet.update`, a raw
statement or a command can no more skip it than a form can. django-simple-history defines the
history tables and the admin's history pages; its own Python-side recording is switched off
(SIMPLE_HISTORY_ENABLED = False) so that each change is recorded once, by the database.
"""
