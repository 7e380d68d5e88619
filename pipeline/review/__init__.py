"""Human review of model suggestions: users, append-only reviews, the web app, agreement, interop.

Reviews never overwrite anything: each decision is a new row, the current labels of a
provision are derived from them (``state``), and every provision carries a version
number so two reviewers cannot silently overwrite each other (HTTP 409).
"""
