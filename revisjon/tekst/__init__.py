"""Reading Norwegian decision letters the way an auditor does (bokmål and nynorsk).

- ``setninger(tekst)``: the sentences of a text, numbered from 1 by their place in the list –
  the numbering of a verdict's ``setninger`` (for the auditor's working paper).
- ``Leser``: a reading compiled from its data (phrase lists, negation, kinds of sentence to
  leave out, scopes), which answers a ``Lesning`` per text: a level (``ingen``, ``nevnt``,
  ``vektet``), the sentences that decided it and the phrases found, never the text itself.

The modules, in reading order: ``segmentering`` (sentences), ``ord`` (words and lemmas),
``fraser`` (phrases), ``ledd`` (clauses and negation), ``arter`` (kinds of sentence),
``setningsanalyse`` (what one sentence says), ``lesing`` (the level of a text), ``leser``.
The default data is ``standard.yaml``; the criteria language checks it and a criteria file's
own ``tekstlesing:`` with the same models.
"""

from revisjon.tekst.leser import Leser
from revisjon.tekst.lesing import NIVAER, Lesning
from revisjon.tekst.segmentering import setninger

__all__ = ["NIVAER", "Leser", "Lesning", "setninger"]
