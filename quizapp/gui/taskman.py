"""The one place where the app runs work off the GUI thread and brings the results back."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Carries a worker's outcome back to the GUI thread (signals cross threads safely)."""

    finished = Signal(object, object)  # result, exception


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # reported to the GUI thread, which shows it to the user
            log.exception("background task failed")
            self.relay.finished.emit(None, exc)
        else:
            self.relay.finished.emit(result, None)


class TaskManager(QObject):
    """Runs a function in the thread pool; `on_done` or `on_error` then runs on the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._relays: set[_Relay] = set()

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        relay = _Relay()
        self._relays.add(relay)

        @Slot(object, object)
        def finished(result: Any, error: BaseException | None) -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            if error is None:
                on_done(result)
            elif on_error is not None:
                on_error(error)

        relay.finished.connect(finished)
        self.pool.start(_Task(work, relay))

    def wait(self, msecs: int = 10_000) -> bool:
        """Wait for running tasks (used when closing, and by tests)."""
        return self.pool.waitForDone(msecs)
