"""Norwegian argparse for the benchmark scripts: headings, usage line and error messages."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn


class _Formatering(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, prefix="bruk: " if prefix is None else prefix)


class NorskParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are in Norwegian."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(formatter_class=_Formatering, add_help=False, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = "argumenter"
        self._optionals.title = "valg"
        self.add_argument("-h", "--help", action="help", help="vis denne hjelpen og avslutt")

    def error(self, message: str) -> NoReturn:
        message = (
            message.replace("the following arguments are required", "disse argumentene mangler")
            .replace("unrecognized arguments", "ukjente argumenter")
            .replace("invalid int value", "ugyldig heltall")
            .replace("argument", "argument")
        )
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: feil: {message}\n")
