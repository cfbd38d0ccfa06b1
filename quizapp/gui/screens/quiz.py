"""The quiz screen: one question at a time, its answer widget, progress, countdown, and feedback."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from quizapp.grading import Grade
from quizapp.gui.feedback import FeedbackPanel
from quizapp.gui.question_views import QuestionView, make_question_view
from quizapp.gui.screens.library import plain_label, type_title
from quizapp.model import Bank, Question

_LETTER_KEYS = {getattr(Qt.Key, f"Key_{c}"): i for i, c in enumerate("ABCDEFGHI")}
_DIGIT_KEYS = {getattr(Qt.Key, f"Key_{d}"): i for i, d in enumerate("123456789")}


class QuizScreen(QWidget):
    """Shows a question and collects the answer; the main window drives the session."""

    submitted = Signal(object, int)  # response, milliseconds taken
    skipped = Signal(int)  # milliseconds taken
    next_requested = Signal()
    leave_requested = Signal()
    finish_requested = Signal()
    flag_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: QuestionView | None = None
        self.answered = False
        self.started = time.monotonic()
        self.question: Question | None = None

        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        self.progress = QLabel(self)
        self.progress.setAccessibleName(self.tr("Progress"))
        header.addWidget(self.progress)
        header.addStretch(1)
        self.countdown = QLabel(self)
        self.countdown.setAccessibleName(self.tr("Time left"))
        font = self.countdown.font()
        font.setBold(True)
        self.countdown.setFont(font)
        header.addWidget(self.countdown)
        self.flag_button = QPushButton(self.tr("&Flag"), self)
        self.flag_button.setCheckable(True)
        self.flag_button.setAccessibleName(self.tr("Flag this question"))
        self.flag_button.toggled.connect(self._flag_toggled)
        header.addWidget(self.flag_button)
        layout.addLayout(header)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        scroll.setWidget(body)
        self.body_layout = QVBoxLayout(body)
        self.meta = plain_label("", body)
        self.body_layout.addWidget(self.meta)
        self.prompt = plain_label("", body)
        self.prompt.setAccessibleName(self.tr("Question"))
        font = self.prompt.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.prompt.setFont(font)
        self.body_layout.addWidget(self.prompt)
        self.image = QLabel(body)
        self.image.setAccessibleName(self.tr("Picture for the question"))
        self.image.hide()
        self.body_layout.addWidget(self.image)
        self.view_holder = QVBoxLayout()
        self.body_layout.addLayout(self.view_holder)
        self.feedback = FeedbackPanel(body)
        self.feedback.hide()
        self.body_layout.addWidget(self.feedback)
        self.body_layout.addStretch(1)
        layout.addWidget(scroll, 1)

        buttons = QHBoxLayout()
        self.leave_button = QPushButton(self.tr("Leave"), self)
        self.leave_button.setAccessibleName(self.tr("Leave the session"))
        self.leave_button.clicked.connect(self.leave_requested)
        buttons.addWidget(self.leave_button)
        self.finish_button = QPushButton(self.tr("&Finish"), self)
        self.finish_button.setAccessibleName(self.tr("Finish the session and see the results"))
        self.finish_button.clicked.connect(self.finish_requested)
        buttons.addWidget(self.finish_button)
        buttons.addStretch(1)
        self.hint = QLabel(self.tr("Keys: 1\u20139 pick, Enter submits, Esc leaves"), self)
        buttons.addWidget(self.hint)
        self.skip_button = QPushButton(self.tr("&Skip"), self)
        self.skip_button.setAccessibleName(self.tr("Skip this question"))
        self.skip_button.clicked.connect(self._skip)
        buttons.addWidget(self.skip_button)
        self.submit_button = QPushButton(self.tr("Submit"), self)
        self.submit_button.setAccessibleName(self.tr("Submit the answer"))
        self.submit_button.clicked.connect(self.submit)
        buttons.addWidget(self.submit_button)
        self.next_button = QPushButton(self.tr("Next"), self)
        self.next_button.setAccessibleName(self.tr("Next question"))
        self.next_button.clicked.connect(self.next_requested)
        self.next_button.hide()
        buttons.addWidget(self.next_button)
        layout.addLayout(buttons)

    # -- showing ----------------------------------------------------------------------------------

    def show_question(
        self,
        bank: Bank,
        question: Question,
        order: list[str],
        index: int,
        total: int | None,
        flagged: bool = False,
        response: Any = None,
    ) -> None:
        """Show a question; `total` is None in an open-ended practice."""
        self.question = question
        self.answered = False
        if total:
            self.progress.setText(self.tr("Question {n} of {total}").format(n=index + 1, total=total))
        else:
            self.progress.setText(self.tr("Question {n}").format(n=index + 1))
        topic = bank.topic_title(question.topic) if question.topic else ""
        self.meta.setText(" \u00b7 ".join(p for p in (bank.title, topic, type_title(question.type)) if p))
        self.prompt.setText(question.prompt)
        self._show_image(bank, question)
        if self.view is not None:
            old = self.view
            self.view_holder.removeWidget(old)
            old.hide()
            old.setParent(None)  # gone from the screen now, not at the next turn of the event loop
            old.deleteLater()
        self.view = make_question_view(question, order, self)
        self.view.submitRequested.connect(self.submit)
        self.view_holder.addWidget(self.view)
        if response is not None:
            self.view.set_response(response)
        self.feedback.clear()
        self.feedback.hide()
        self.flag_button.blockSignals(True)
        self.flag_button.setChecked(flagged)
        self.flag_button.blockSignals(False)
        self.submit_button.show()
        self.skip_button.show()
        self.next_button.hide()
        self.view.setFocus()
        first = self.view.focusWidget() if hasattr(self.view, "focusWidget") else None
        if first is None:
            self.view.focusNextChild()
        self.started = time.monotonic()

    def _show_image(self, bank: Bank, question: Question) -> None:
        if not question.image:
            self.image.hide()
            return
        pixmap = QPixmap(str(bank.path.parent / question.image))
        if pixmap.isNull():
            self.image.hide()
            return
        if pixmap.width() > 640:
            pixmap = pixmap.scaledToWidth(640, Qt.TransformationMode.SmoothTransformation)
        self.image.setPixmap(pixmap)
        self.image.show()

    def show_feedback(self, bank: Bank, question: Question, grade: Grade) -> None:
        """After an answer in practice, review or mistakes: mark it and explain it."""
        self.answered = True
        if self.view is not None:
            self.view.show_grade(grade)
        self.feedback.show_feedback(bank, question, grade)
        self.feedback.show()
        self.submit_button.hide()
        self.skip_button.hide()
        self.next_button.show()
        self.next_button.setFocus()

    def set_time_left(self, seconds: float | None) -> None:
        if seconds is None:
            self.countdown.setText("")
            return
        seconds = max(0, int(seconds + 0.999))
        self.countdown.setText(self.tr("Time left: {m}:{s:02d}").format(m=seconds // 60, s=seconds % 60))

    # -- acting ------------------------------------------------------------------------------------

    def elapsed_ms(self) -> int:
        return int((time.monotonic() - self.started) * 1000)

    def submit(self) -> None:
        if self.answered or self.view is None:
            self.next_requested.emit()
            return
        response = self.view.response()
        if response is None:
            self.view.setFocus()
            return
        self.submitted.emit(response, self.elapsed_ms())

    def _skip(self) -> None:
        if not self.answered:
            self.skipped.emit(self.elapsed_ms())

    def _flag_toggled(self, checked: bool) -> None:
        self.flag_toggled.emit(checked)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
            return
        if key == Qt.Key.Key_Escape:
            self.leave_requested.emit()
            return
        index = _DIGIT_KEYS.get(key, _LETTER_KEYS.get(key))
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if index is not None and modifiers == Qt.KeyboardModifier.NoModifier and self.view and not self.answered:
            if self.view.choose_by_key(index):
                return
        super().keyPressEvent(event)
