"""The one exception a service raises to refuse: a ``code`` and its parameters, which the UI
words for the user (`app.ui.kit.texts.exception_text`) and the command line prints.

It lived in `app.services.orders`, which still re-exports it; import it from here.
"""

from __future__ import annotations


class ServiceError(Exception):
    """A refusal the UI words for the user: ``code`` plus parameters."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params
