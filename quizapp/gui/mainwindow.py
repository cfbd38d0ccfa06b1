"""The main window: a small state machine of screens over the learner's records and the banks."""

from __future__ import annotations

import logging
import random
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QStackedWidget, QWidget

from quizapp.gui.dialogs import confirm
from quizapp.gui.errors import show_error
from quizapp.gui.preferences import Preferences, apply_appearance
from quizapp.gui.taskman import TaskManager

if TYPE_CHECKING:
    from quizapp.gui.screens.library import BankProgress, StartRequest
    from quizapp.loader import Library

# Bank files the window accepts when dropped (the loader's own list, without importing it before the first paint).
BANK_SUFFIXES = (".yaml", ".yml")

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """Moves between screens; the screens lay out widgets, this window wires them to the core."""

    def __init__(self, data: Path, locations: list[Path], preferences: Preferences) -> None:
        super().__init__()
        self.data = data
        self.locations = list(locations)
        self.preferences = preferences
        self.taskman = TaskManager(self)
        self.library: Library | None = None
        self.library_loaded = False
        self.records = None
        self.profile_id: int | None = None
        self.state = ""
        self.started = False

        self.setWindowTitle(self.tr("quizapp"))
        self.setAcceptDrops(True)
        self.resize(1280, 800)
        if (geometry := preferences.geometry()) is not None:
            self.restoreGeometry(geometry)

        # Only a light frame is built before the first paint; the screens follow in start().
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.screens: dict[str, QWidget] = {}
        self.stats_screen = None  # built when first shown: QtCharts is not needed before
        self.last_request = None
        self.placeholder = QLabel(self.tr("Loading\u2026"), self)
        self.stack.addWidget(self.placeholder)
        self.status = QLabel(self)
        self.statusBar().addWidget(self.status, 1)
        self._build_menus()

    def build_screens(self) -> None:
        """The screens and the study controller, imported and built right after the first paint."""
        from quizapp.gui.screens.library import LibraryScreen
        from quizapp.gui.screens.profiles import ProfilesScreen
        from quizapp.gui.screens.quiz import QuizScreen
        from quizapp.gui.screens.results import ResultsScreen
        from quizapp.gui.study import StudyController
        from quizapp.loader import Library

        self.library = Library()
        self.library_screen = LibraryScreen(self)
        self.library_screen.open_requested.connect(self.open_bank_dialog)
        self.library_screen.start_requested.connect(self.start_session)
        self.library_screen.resume_requested.connect(self.resume_session)
        self.profiles_screen = ProfilesScreen(self)
        self.profiles_screen.chosen.connect(self.choose_profile)
        self.profiles_screen.create_requested.connect(self.create_profile)
        self.profiles_screen.rename_requested.connect(self.rename_profile)
        self.profiles_screen.delete_requested.connect(self.delete_profile)
        self.quiz_screen = QuizScreen(self)
        self.results_screen = ResultsScreen(self)
        self.results_screen.retry_mistakes.connect(self.retry_mistakes)
        self.study = StudyController(self.quiz_screen, self.results_screen, self)
        self.study.show_screen.connect(self.move_to)
        self._add_screen("library", self.library_screen)
        self._add_screen("profiles", self.profiles_screen)
        self._add_screen("quiz", self.quiz_screen)
        self._add_screen("results", self.results_screen)
        self.move_to("library")

    # -- start ----------------------------------------------------------------------------------

    def start(self) -> None:
        """After the first paint: build the screens, load the banks in the background, open the records."""
        if self.started:
            return
        self.started = True
        self.build_screens()
        self.load_banks()
        self.open_records()
        if self.records is None:
            return
        profiles = self.records.profiles()
        last = self.preferences.last_profile
        if any(p.id == last for p in profiles):
            self.choose_profile(last)  # type: ignore[arg-type]
        else:
            self.move_to("profiles")

    def open_records(self) -> None:
        """Open the database; a damaged or newer one is left as it is and the user decides."""
        from quizapp.records import DatabaseError, Records

        while True:
            try:
                self.records = Records.open(self.data)
                return
            except DatabaseError as error:
                log.error("cannot open the learner records: %s", error)
                if error.kind == "damaged" and self.ask_start_afresh(str(error)):
                    Records.start_afresh(self.data)
                    continue
                self.records = None
                self.status.setText(self.tr("Your records could not be opened; answers are not saved."))
                show_error(self, str(error))
                self.move_to("library")
                return

    def ask_start_afresh(self, message: str) -> bool:
        return confirm(
            self,
            self.tr("Learner records"),
            message + "\n\n" + self.tr("Start afresh with an empty record? The old file is kept as it is."),
            yes=self.tr("Start afresh"),
        )

    # -- profiles -------------------------------------------------------------------------------

    def _enter_profiles(self) -> None:
        profiles = self.records.profiles() if self.records is not None else []
        self.profiles_screen.show_profiles(profiles, self.profile_id)

    def choose_profile(self, profile_id: int) -> None:
        self.profile_id = profile_id
        self.preferences.last_profile = profile_id
        name = next((p.name for p in self.records.profiles() if p.id == profile_id), "") if self.records else ""
        self.setWindowTitle(self.tr("quizapp \u2014 {name}").format(name=name) if name else self.tr("quizapp"))
        self.move_to("library")

    def create_profile(self, name: str) -> None:
        if self.records is None:
            return
        try:
            profile = self.records.create_profile(name)
        except ValueError as error:
            show_error(self, str(error))
            return
        self.profiles_screen.name.clear()
        self.choose_profile(profile.id)

    def rename_profile(self, profile_id: int, name: str) -> None:
        if self.records is None:
            return
        try:
            self.records.rename_profile(profile_id, name)
        except ValueError as error:
            show_error(self, str(error))
        if profile_id == self.profile_id:
            self.choose_profile(profile_id)
        self.move_to("profiles")

    def delete_profile(self, profile_id: int) -> None:
        if self.records is None:
            return
        self.records.delete_profile(profile_id)
        if profile_id == self.profile_id:
            self.profile_id = None
            self.preferences.last_profile = None
        self.move_to("profiles")

    # -- set-up ---------------------------------------------------------------------------------

    def _add_screen(self, name: str, screen: QWidget) -> None:
        self.screens[name] = screen
        self.stack.addWidget(screen)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.open_action = QAction(self.tr("&Open bank file\u2026"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.open_bank_dialog)
        file_menu.addAction(self.open_action)
        self.reload_action = QAction(self.tr("&Reload banks"), self)
        self.reload_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.reload_action.triggered.connect(self.reload_banks)
        file_menu.addAction(self.reload_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        self.library_action = QAction(self.tr("&Library"), self)
        self.library_action.setShortcut(QKeySequence("Ctrl+L"))
        self.library_action.triggered.connect(lambda: self.move_to("library"))
        go_menu.addAction(self.library_action)
        self.profiles_action = QAction(self.tr("&Profiles"), self)
        self.profiles_action.setShortcut(QKeySequence("Ctrl+P"))
        self.profiles_action.triggered.connect(lambda: self.move_to("profiles"))
        go_menu.addAction(self.profiles_action)
        self.stats_action = QAction(self.tr("&Statistics"), self)
        self.stats_action.setShortcut(QKeySequence("Ctrl+T"))
        self.stats_action.triggered.connect(self.show_stats)
        go_menu.addAction(self.stats_action)
        tools_menu = self.menuBar().addMenu(self.tr("&Tools"))
        settings_action = QAction(self.tr("&Settings\u2026"), self)
        settings_action.setShortcut(QKeySequence("Ctrl+,"))
        settings_action.triggered.connect(self.show_settings)
        tools_menu.addAction(settings_action)

    # -- states ---------------------------------------------------------------------------------

    def move_to(self, state: str) -> None:
        """Show a screen, refreshing it from the current records first."""
        if state not in self.screens and state != "stats":
            return  # not built yet: the window is still starting
        if state in ("stats",) and self.profile_id is None:
            state = "profiles"
        if self.state == "quiz" and state != "quiz" and self.study.session is not None:
            self.study.timer.stop()
            self.study.session = None  # left: its answers and place are stored, it can be resumed
        log.info("moving to %s", state)
        refresh = getattr(self, f"_enter_{state}", None)
        if refresh is not None:
            refresh()
        self.state = state
        self.stack.setCurrentWidget(self.screens[state])

    def _enter_library(self) -> None:
        if not self.library_loaded:
            self.library_screen.show_loading()
            return
        self.library_screen.show_library(self.library, self.bank_progress())
        self.library_screen.show_unfinished(self.unfinished())

    def bank_progress(self) -> dict[str, BankProgress]:
        """The learner's accuracy and what is due today, per bank."""
        from quizapp.gui.screens.library import BankProgress
        from quizapp.gui.study import utc_now

        if self.records is None or self.profile_id is None:
            return {}
        now = utc_now()
        end_of_day = datetime.combine(now.date(), datetime.max.time(), UTC)
        progress: dict[str, BankProgress] = {}
        for bank_id, answered, right in self.records.db.execute(
            "SELECT bank_id, sum(answered), sum(right) FROM question_totals WHERE profile_id = ? GROUP BY bank_id",
            (self.profile_id,),
        ):
            progress[bank_id] = BankProgress(right / answered if answered else None, answered)
        for bank in self.library.banks:
            due = len(self.records.due_cards(self.profile_id, [bank.id], end_of_day))
            old = progress.get(bank.id, BankProgress())
            progress[bank.id] = BankProgress(old.accuracy, old.answered, due)
        return progress

    def unfinished(self) -> list[tuple[int, str]]:
        """(session id, description) of the learner's sessions that can be resumed."""
        if self.records is None or self.profile_id is None:
            return []
        names = {
            "practice": self.tr("Practice"),
            "exam": self.tr("Exam"),
            "review": self.tr("Review"),
            "mistakes": self.tr("Mistakes"),
        }
        return [
            (
                session_id,
                self.tr("{mode} started {when}").format(
                    mode=names.get(mode, mode), when=started[:16].replace("T", " ")
                ),
            )
            for session_id, mode, started, _updated in self.records.unfinished_sessions(self.profile_id)
        ]

    # -- sessions -------------------------------------------------------------------------------

    def start_session(self, request: StartRequest) -> None:
        from quizapp.gui.study import utc_now
        from quizapp.sessions import NothingToStudy, SessionFilter, SessionMode, SessionSpec, start_session

        if self.records is None or self.profile_id is None:
            show_error(self, self.tr("Choose a learner first (Go \u2192 Profiles)."))
            return
        self.last_request = request
        spec = SessionSpec(
            mode=SessionMode(request.mode),
            bank_ids=request.bank_ids,
            filter=SessionFilter(request.topics, frozenset(), request.types, request.difficulties),
            count=request.count,
            time_limit_s=request.time_limit_s,
            seed=random.randrange(2**31),
            daily_new_limit=self.preferences.new_per_day,
        )
        try:
            session = start_session(self.records, self.library, self.profile_id, spec, utc_now())
        except NothingToStudy as reason:
            show_error(self, str(reason))
            return
        self.study.sounds = self.preferences.sounds
        self.study.run(session, self.library)

    def resume_session(self, session_id: int) -> None:
        from quizapp.sessions import NothingToStudy, resume_session

        if self.records is None:
            return
        try:
            session = resume_session(self.records, self.library, session_id)
        except NothingToStudy as reason:
            show_error(self, str(reason))
            self.move_to("library")
            return
        self.study.run(session, self.library)

    def retry_mistakes(self) -> None:
        from quizapp.gui.screens.library import StartRequest

        request = self.last_request
        bank_ids = request.bank_ids if request is not None else tuple(self.library_screen.selected_bank_ids())
        self.start_session(StartRequest("mistakes", bank_ids, frozenset(), frozenset(), frozenset(), None, None))

    # -- statistics and settings ----------------------------------------------------------------

    def _enter_stats(self) -> None:
        from quizapp.gui.study import utc_now
        from quizapp.stats import profile_stats

        if self.records is None or self.profile_id is None:
            return
        stats = profile_stats(self.records, self.profile_id, self.library, utc_now())
        self.stats_screen.show_stats(stats_data(stats, self.library))  # type: ignore[union-attr]

    def show_stats(self) -> None:
        if self.stats_screen is None:
            from quizapp.gui.screens.stats import StatsScreen

            self.stats_screen = StatsScreen(self)
            self.stats_screen.back_requested.connect(lambda: self.move_to("library"))
            self._add_screen("stats", self.stats_screen)
        self.move_to("stats")

    def show_settings(self) -> None:
        from quizapp.gui.screens.settings import SettingsDialog

        dialog = SettingsDialog(self.preferences, self)
        if dialog.exec():
            apply_appearance(QApplication.instance(), self.preferences)  # type: ignore[arg-type]

    # -- banks ----------------------------------------------------------------------------------

    def load_banks(self) -> None:
        """Load every bank off the GUI thread; the window is already on screen."""
        self.status.setText(self.tr("Loading question banks\u2026"))
        locations = list(self.locations)
        from quizapp.loader import load_library

        self.taskman.run(lambda: load_library(locations), self._banks_loaded, self._banks_failed)

    def _banks_loaded(self, library: Library) -> None:
        self.library = library
        self.library_loaded = True
        self.status.setText(
            self.tr("{banks} question banks loaded, {problems} with problems").format(
                banks=len(library.banks), problems=len({p.path for p in library.problems})
            )
        )
        if self.state == "library":
            self._enter_library()

    def _banks_failed(self, error: BaseException) -> None:
        self.status.setText(self.tr("The question banks could not be loaded."))
        show_error(self, self.tr("The question banks could not be loaded: {error}").format(error=error))

    def reload_banks(self) -> None:
        self.load_banks()

    def open_bank_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Open question bank"), str(Path.home()), self.tr("Question banks (*.yaml *.yml)")
        )
        self.open_paths([Path(p) for p in paths])

    def open_paths(self, paths: list[Path]) -> None:
        """Add bank files or folders to the library and reload it."""
        added = [p for p in paths if p not in self.locations]
        if not added:
            return
        self.locations.extend(added)
        self.load_banks()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(self._bank_path(url) for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [p for url in event.mimeData().urls() if (p := self._bank_path(url))]
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths)

    @staticmethod
    def _bank_path(url: QUrl) -> Path | None:
        if not url.isLocalFile():
            return None
        path = Path(url.toLocalFile())
        return path if path.is_dir() or path.suffix.lower() in BANK_SUFFIXES else None

    # -- closing --------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.preferences.save_geometry(self.saveGeometry())
        self.preferences.sync()
        self.taskman.wait(5000)
        super().closeEvent(event)


def stats_data(stats, library: Library):
    """The statistics screen's plain values from the core's ProfileStats."""
    from quizapp.gui.screens.stats import StatsData

    def label(day: str) -> str:
        moment = datetime.fromisoformat(day)
        return f"{moment.day} {moment.strftime('%b')}"

    topics = sorted(stats.by_topic.items(), key=lambda kv: kv[0])
    return StatsData(
        seen=stats.seen,
        answered=stats.total.answered,
        accuracy=stats.total.accuracy,
        streak=stats.streak,
        due_today=stats.due_today,
        days=[(label(day), answered, right) for day, answered, right in stats.days],
        topics=[(title or "\u2013", t.answered, t.right) for title, t in topics],
        forecast=[(label(day), count) for day, count in stats.forecast],
        weakest=[(w.prompt + (" (edited since)" if w.edited else ""), w.answered, w.right) for w in stats.weakest],
    )
