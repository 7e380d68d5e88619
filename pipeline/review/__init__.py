"""Human review of model suggestions: users, append-only reviews, the web app, agreement, interop.

Reads: provisions and model predictions from the store. Writes: users and reviews, through
``pipeline.store.reviews`` (the only SQL); exports to files (``interop``).

Reviews never overwrite anything: each decision is a new row, the current labels of a
provision are derived from them (``pipeline.store.queries.active_reviews``), and every
provision carries a version number so two reviewers cannot silently overwrite each other
(HTTP 409). ``service`` is what a reviewer can do, ``app`` serves it on the web, ``auth`` holds
passwords and sessions, ``agreement`` measures reviewers against each other, ``interop``
converts review histories to and from other annotation tools.
"""
