"""Reading an incoming report: its text becomes proposed figures, each with the sentence it came
from (issue 14). Nothing here writes to the database.

The pipeline, one module a step: `extraction` (a file's text), `header` (the report's number, date
and period), `sentences` (the text cut into sentences and table rows, each with the section it sits
in), `numbers` and `units` (a value and its unit as written in running text), `periods`, `grammar`
(the figures of one sentence: value, qualifier, kind, completions, change on last year), `tables`
(a table row through its column headings), `labels` (the indicator phrase before a figure),
`matching` (the label against the catalogue, read by `selectors`) and `document` (all of it, as
the JSON of `read_report`). `evaluation` measures it against curated figures (tests, benchmark).
"""
