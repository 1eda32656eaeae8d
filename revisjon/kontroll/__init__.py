"""Internal control (internkontroll): reproducible spot checks, sample sizes, tolerable deviation,
the avvik export and month-on-month trends.

One module per concern: ``andel`` (reading shares exactly), ``sannsynlighet`` (exact tail
tests), ``utvalgsstorrelse``, ``utvalg`` (the sha256-ranked draw), ``manifest``, ``kopiering``,
``stikkprove`` (the library side of ``revisjon stikkprove``), ``beskrivelse`` (the sample in the
report), ``toleranse``, ``avvik``, ``trend`` and ``graf`` (the SVG chart).
"""
