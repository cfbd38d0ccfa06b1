"""The library: the banks found, their details and the learner's progress, and how to start a session."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from quizapp.loader import Library
from quizapp.model import QUESTION_TYPES, Bank

MODES = ("practice", "exam", "review", "mistakes")


@dataclass(frozen=True)
class BankProgress:
    """What the learner has done with a bank, for the library."""

    accuracy: float | None = None  # share of right answers, None when never answered
    answered: int = 0
    due_today: int = 0


@dataclass(frozen=True)
class StartRequest:
    """What the learner chose in the library: a mode, the banks and the filters."""

    mode: str
    bank_ids: tuple[str, ...]
    topics: frozenset[str]
    types: frozenset[str]
    difficulties: frozenset[int]
    count: int | None
    time_limit_s: int | None


def plain_label(text: str = "", parent: QWidget | None = None, *, wrap: bool = True) -> QLabel:
    """A label that shows bank text literally (never as HTML)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setText(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class LibraryScreen(QWidget):
    """The banks on the left; the selected bank's details and the session set-up on the right."""

    start_requested = Signal(object)  # StartRequest
    resume_requested = Signal(int)  # session id
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = Library()
        self._progress: dict[str, BankProgress] = {}

        splitter = QSplitter(self)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("Question banks"), left)
        heading.setObjectName("heading")
        left_layout.addWidget(heading)
        self.bank_list = QListWidget(left)
        self.bank_list.setAccessibleName(self.tr("Question banks"))
        self.bank_list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.bank_list.setWordWrap(True)
        self.bank_list.setSpacing(4)
        self.bank_list.itemSelectionChanged.connect(self._selection_changed)
        left_layout.addWidget(self.bank_list, 3)
        open_button = QPushButton(self.tr("Open a bank file\u2026"), left)
        open_button.clicked.connect(self.open_requested)
        left_layout.addWidget(open_button)
        self.problems_box = QGroupBox(self.tr("Problems"), left)
        problems_layout = QVBoxLayout(self.problems_box)
        self.problems_note = plain_label(self.tr("These bank files could not be loaded:"), self.problems_box)
        problems_layout.addWidget(self.problems_note)
        self.problem_list = QListWidget(self.problems_box)
        self.problem_list.setAccessibleName(self.tr("Problems in bank files"))
        self.problem_list.setWordWrap(True)
        problems_layout.addWidget(self.problem_list)
        left_layout.addWidget(self.problems_box, 2)
        self.problems_box.hide()

        scroll = QScrollArea(splitter)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        right = QWidget()
        scroll.setWidget(right)
        right_layout = QVBoxLayout(right)
        self.title = plain_label("", right)
        self.title.setObjectName("title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        right_layout.addWidget(self.title)
        self.description = plain_label("", right)
        right_layout.addWidget(self.description)
        self.summary = plain_label("", right)
        right_layout.addWidget(self.summary)
        self.progress_label = plain_label("", right)
        self.progress_label.setAccessibleName(self.tr("Your progress"))
        right_layout.addWidget(self.progress_label)
        self.sources = plain_label("", right)
        right_layout.addWidget(self.sources)

        self.setup_box = QGroupBox(self.tr("Start a session"), right)
        setup = QVBoxLayout(self.setup_box)
        modes_row = QHBoxLayout()
        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[str, QRadioButton] = {}
        labels = {
            "practice": self.tr("&Practice"),
            "exam": self.tr("E&xam"),
            "review": self.tr("&Review"),
            "mistakes": self.tr("&Mistakes"),
        }
        for mode in MODES:
            button = QRadioButton(labels[mode], self.setup_box)
            button.setAccessibleName(labels[mode].replace("&", ""))
            self.mode_group.addButton(button)
            self.mode_buttons[mode] = button
            modes_row.addWidget(button)
            button.toggled.connect(self._mode_changed)
        modes_row.addStretch(1)
        setup.addLayout(modes_row)
        self.mode_help = plain_label("", self.setup_box)
        setup.addWidget(self.mode_help)

        filters = QHBoxLayout()
        self.topic_list = QListWidget(self.setup_box)
        self.topic_list.setAccessibleName(self.tr("Topics"))
        self.topic_list.setMinimumHeight(120)
        topic_box = QVBoxLayout()
        topic_box.addWidget(QLabel(self.tr("Topics"), self.setup_box))
        topic_box.addWidget(self.topic_list)
        filters.addLayout(topic_box, 3)
        self.type_list = QListWidget(self.setup_box)
        self.type_list.setAccessibleName(self.tr("Question types"))
        for qtype in QUESTION_TYPES:
            item = QListWidgetItem(type_title(qtype))
            item.setData(Qt.ItemDataRole.UserRole, qtype)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.type_list.addItem(item)
        type_box = QVBoxLayout()
        type_box.addWidget(QLabel(self.tr("Question types"), self.setup_box))
        type_box.addWidget(self.type_list)
        filters.addLayout(type_box, 2)
        setup.addLayout(filters)

        form = QFormLayout()
        difficulty_row = QHBoxLayout()
        self.difficulty_boxes: dict[int, QCheckBox] = {}
        for level, text in ((1, self.tr("Easy")), (2, self.tr("Medium")), (3, self.tr("Hard"))):
            box = QCheckBox(text, self.setup_box)
            box.setChecked(True)
            box.setAccessibleName(self.tr("Difficulty: {level}").format(level=text))
            self.difficulty_boxes[level] = box
            difficulty_row.addWidget(box)
        difficulty_row.addStretch(1)
        form.addRow(self.tr("Difficulty:"), difficulty_row)
        self.count = QSpinBox(self.setup_box)
        self.count.setRange(0, 1000)
        self.count.setSpecialValueText(self.tr("All"))
        self.count.setValue(20)
        self.count.setAccessibleName(self.tr("Number of questions"))
        self.count.setMaximumWidth(160)
        form.addRow(self.tr("Number of questions:"), self.count)
        self.time_limit = QSpinBox(self.setup_box)
        self.time_limit.setRange(0, 600)
        self.time_limit.setSpecialValueText(self.tr("No limit"))
        self.time_limit.setSuffix(self.tr(" min"))
        self.time_limit.setValue(20)
        self.time_limit.setAccessibleName(self.tr("Exam time limit in minutes"))
        self.time_limit.setMaximumWidth(160)
        form.addRow(self.tr("Exam time limit:"), self.time_limit)
        setup.addLayout(form)
        self.start_button = QPushButton(self.tr("Start"), self.setup_box)
        self.start_button.setDefault(True)
        self.start_button.setAccessibleName(self.tr("Start the session"))
        self.start_button.clicked.connect(self._start)
        start_row = QHBoxLayout()
        start_row.addStretch(1)
        start_row.addWidget(self.start_button)
        setup.addLayout(start_row)
        right_layout.addWidget(self.setup_box)
        self.resume_box = QGroupBox(self.tr("Sessions you left"), right)
        resume_layout = QHBoxLayout(self.resume_box)
        self.resume_list = QListWidget(self.resume_box)
        self.resume_list.setAccessibleName(self.tr("Sessions you can resume"))
        self.resume_list.setMaximumHeight(90)
        self.resume_list.itemActivated.connect(lambda _item: self._resume())
        resume_layout.addWidget(self.resume_list, 1)
        self.resume_button = QPushButton(self.tr("Res&ume"), self.resume_box)
        self.resume_button.clicked.connect(self._resume)
        resume_layout.addWidget(self.resume_button, 0, Qt.AlignmentFlag.AlignTop)
        self.resume_box.hide()
        right_layout.addWidget(self.resume_box)
        right_layout.addStretch(1)

        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.mode_buttons["practice"].setChecked(True)
        self._selection_changed()

    # -- filling --------------------------------------------------------------------------------

    def show_library(self, library: Library, progress: dict[str, BankProgress]) -> None:
        selected = set(self.selected_bank_ids())
        self._library = library
        self._progress = progress
        self.bank_list.blockSignals(True)
        self.bank_list.clear()
        for bank in library.banks:
            item = QListWidgetItem(self._bank_line(bank))
            item.setData(Qt.ItemDataRole.UserRole, bank.id)
            item.setToolTip(str(bank.path))
            self.bank_list.addItem(item)
            if bank.id in selected:
                item.setSelected(True)
        if not self.bank_list.selectedItems() and self.bank_list.count():
            self.bank_list.item(0).setSelected(True)
        self.bank_list.blockSignals(False)
        self.problem_list.clear()
        for problem in library.problems:
            item = QListWidgetItem(str(problem))
            item.setToolTip(str(problem))
            self.problem_list.addItem(item)
        self.problems_box.setVisible(bool(library.problems))
        self.problems_box.setTitle(self.tr("Problems ({count})").format(count=len(library.problems)))
        self._selection_changed()

    def show_unfinished(self, sessions: list[tuple[int, str]]) -> None:
        """The sessions the learner left before the end, newest first."""
        self.resume_list.clear()
        for session_id, text in sessions:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, session_id)
            self.resume_list.addItem(item)
        if sessions:
            self.resume_list.setCurrentRow(0)
        self.resume_box.setVisible(bool(sessions))

    def _resume(self) -> None:
        item = self.resume_list.currentItem()
        if item is not None:
            self.resume_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def show_loading(self) -> None:
        self.title.setText(self.tr("Loading question banks\u2026"))
        self.setup_box.setEnabled(False)

    def _bank_line(self, bank: Bank) -> str:
        line = count_text(len(bank.questions), self.tr("1 question"), self.tr("{n} questions"))
        progress = self._progress.get(bank.id)
        if progress and progress.accuracy is not None:
            line += self.tr(" \u00b7 {accuracy:.0%} right").format(accuracy=progress.accuracy)
        if progress and progress.due_today:
            line += self.tr(" \u00b7 {due} due today").format(due=progress.due_today)
        return f"{bank.title}\n{line}"

    def selected_bank_ids(self) -> list[str]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self.bank_list.selectedItems()]

    def selected_banks(self) -> list[Bank]:
        ids = self.selected_bank_ids()
        return [bank for bank in self._library.banks if bank.id in ids]

    def select_mode(self, mode: str) -> None:
        self.mode_buttons[mode].setChecked(True)

    def _selection_changed(self) -> None:
        banks = self.selected_banks()
        self.setup_box.setEnabled(bool(banks))
        if not banks:
            self.title.setText(self.tr("No bank selected") if self._library.banks else self.tr("No question banks"))
            self.description.setText(
                "" if self._library.banks else self.tr("Open a bank file, or put .yaml banks in your banks folder.")
            )
            for label in (self.summary, self.progress_label, self.sources):
                label.setText("")
            self.topic_list.clear()
            return
        bank = banks[0]
        if len(banks) == 1:
            self.title.setText(bank.title)
            self.description.setText(bank.description)
        else:
            self.title.setText(self.tr("{n} banks selected").format(n=len(banks)))
            self.description.setText(", ".join(b.title for b in banks))
        questions = sum(len(b.questions) for b in banks)
        topics = [t for b in banks for t in b.topics]
        self.summary.setText(
            self.tr("{questions} \u00b7 {topics} \u00b7 language: {language}").format(
                questions=count_text(questions, self.tr("1 question"), self.tr("{n} questions")),
                topics=count_text(len(topics), self.tr("1 topic"), self.tr("{n} topics")),
                language=", ".join(sorted({b.language for b in banks})),
            )
        )
        answered = sum(self._progress.get(b.id, BankProgress()).answered for b in banks)
        due = sum(self._progress.get(b.id, BankProgress()).due_today for b in banks)
        rights = sum(
            (self._progress[b.id].accuracy or 0) * self._progress[b.id].answered
            for b in banks
            if b.id in self._progress
        )
        if answered:
            self.progress_label.setText(
                self.tr("Your progress: {answered} answers, {accuracy:.0%} right; {due} due for review today").format(
                    answered=answered, accuracy=rights / answered, due=due
                )
            )
        else:
            self.progress_label.setText(self.tr("You have not answered questions from this bank yet."))
        citations = [f"\u2022 {s.citation()}" + (f" \u2014 {s.url}" if s.url else "") for b in banks for s in b.sources]
        self.sources.setText(self.tr("Sources:") + "\n" + "\n".join(citations) if citations else "")
        checked = {
            self.topic_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.topic_list.count())
            if self.topic_list.item(i).checkState() == Qt.CheckState.Unchecked
        }
        self.topic_list.clear()
        for b in banks:
            counts = b.count_by_topic()
            for topic in b.topics:
                item = QListWidgetItem(f"{topic.title} ({counts.get(topic.id, 0)})")
                item.setData(Qt.ItemDataRole.UserRole, topic.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                unchecked = topic.id in checked
                item.setCheckState(Qt.CheckState.Unchecked if unchecked else Qt.CheckState.Checked)
                self.topic_list.addItem(item)

    def _mode_changed(self) -> None:
        mode = self.mode()
        help_text = {
            "practice": self.tr("Questions in a shuffled order, with feedback after each answer."),
            "exam": self.tr("A set number of questions, an optional time limit, and the results at the end."),
            "review": self.tr("Spaced repetition: the questions that are due, then new ones up to your daily limit."),
            "mistakes": self.tr("The questions you got wrong last time, until you get them right."),
        }[mode]
        self.mode_help.setText(help_text)
        self.time_limit.setEnabled(mode == "exam")
        self.count.setEnabled(mode in ("practice", "exam"))

    def mode(self) -> str:
        for mode, button in self.mode_buttons.items():
            if button.isChecked():
                return mode
        return "practice"

    def _checked(self, widget: QListWidget) -> frozenset:
        values = [
            widget.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked
        ]
        if len(values) == widget.count():
            return frozenset()  # everything: no filter
        return frozenset(values)

    def request(self) -> StartRequest:
        difficulties = frozenset(level for level, box in self.difficulty_boxes.items() if box.isChecked())
        mode = self.mode()
        return StartRequest(
            mode=mode,
            bank_ids=tuple(self.selected_bank_ids()),
            topics=self._checked(self.topic_list),
            types=self._checked(self.type_list),
            difficulties=frozenset() if len(difficulties) == 3 else difficulties,
            count=(self.count.value() or None) if mode in ("practice", "exam") else None,
            time_limit_s=(self.time_limit.value() * 60 or None) if mode == "exam" else None,
        )

    def _start(self) -> None:
        if self.selected_bank_ids():
            self.start_requested.emit(self.request())


def count_text(n: int, one: str, many: str) -> str:
    """ "1 question" or "{n} questions", each form translated on its own."""
    return one if n == 1 else many.format(n=n)


def type_title(qtype: str) -> str:
    """A question type's name as the learner reads it."""
    names = {
        "single": QCoreApplication.translate("types", "Single choice"),
        "multiple": QCoreApplication.translate("types", "Multiple choice"),
        "true_false": QCoreApplication.translate("types", "True or false"),
        "short": QCoreApplication.translate("types", "Short answer"),
        "numeric": QCoreApplication.translate("types", "Number"),
        "ordering": QCoreApplication.translate("types", "Put in order"),
        "matching": QCoreApplication.translate("types", "Matching"),
        "cloze": QCoreApplication.translate("types", "Fill in the blanks"),
    }
    return names.get(qtype, qtype)
