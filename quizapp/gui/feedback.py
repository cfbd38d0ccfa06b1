"""The feedback after an answer: right or wrong at a glance, the right answer, why, and the source passage."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from quizapp.grading import Grade
from quizapp.gui.answers import describe_expected
from quizapp.model import Bank, Question

# A tint behind the verdict; the symbol and the words carry the meaning, not the colour.
_TINTS = {"right": QColor(46, 160, 67, 60), "partly": QColor(210, 153, 34, 60), "wrong": QColor(218, 54, 51, 60)}


def _label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(name)
    return label


class FeedbackPanel(QFrame):
    """Shown under the question once it is answered (not in exams)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        self.verdict = _label(self, self.tr("Verdict"))
        font = self.verdict.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.verdict.setFont(font)
        layout.addWidget(self.verdict)
        self.expected = _label(self, self.tr("The right answer"))
        layout.addWidget(self.expected)
        self.why_not = _label(self, self.tr("Why your choice is wrong"))
        layout.addWidget(self.why_not)
        self.explanation = _label(self, self.tr("Explanation"))
        layout.addWidget(self.explanation)
        self.quote = _label(self, self.tr("Source passage"))
        italic = self.quote.font()
        italic.setItalic(True)
        self.quote.setFont(italic)
        layout.addWidget(self.quote)
        self.citation = _label(self, self.tr("Source"))
        layout.addWidget(self.citation)

    def clear(self) -> None:
        for label in (self.verdict, self.expected, self.why_not, self.explanation, self.quote, self.citation):
            label.clear()
            label.hide()

    def show_feedback(self, bank: Bank, question: Question, grade: Grade) -> None:
        self.clear()
        if not grade.answered:
            verdict, tint = self.tr("\u2013 Skipped"), "wrong"
        elif grade.correct:
            verdict, tint = self.tr("\u2713 Right"), "right"
        elif grade.score > 0:
            verdict, tint = self.tr("\u25d0 Partly right \u2014 {score:.0%}").format(score=grade.score), "partly"
        else:
            verdict, tint = self.tr("\u2717 Wrong"), "wrong"
        self._set(self.verdict, verdict)
        palette = self.palette()
        base = self.parentWidget().palette().color(QPalette.ColorRole.Window) if self.parentWidget() else None
        if base is not None:
            tinted = QColor(base)
            colour = _TINTS[tint]
            alpha = colour.alphaF()
            tinted.setRgbF(
                base.redF() * (1 - alpha) + colour.redF() * alpha,
                base.greenF() * (1 - alpha) + colour.greenF() * alpha,
                base.blueF() * (1 - alpha) + colour.blueF() * alpha,
            )
            palette.setColor(QPalette.ColorRole.Window, tinted)
            self.setPalette(palette)
        if not grade.correct:
            self._set(
                self.expected, self.tr("Right answer: {answer}").format(answer=describe_expected(question, grade))
            )
        if grade.unreadable:
            self._set(
                self.why_not,
                self.tr("Your answer could not be read as a number; type it like 1,200 or 1.14 billion."),
            )
        elif grade.why_not:
            self._set(
                self.why_not, "\n".join(self.tr("Why not your choice: {text}").format(text=t) for t in grade.why_not)
            )
        self._set(self.explanation, question.explanation)
        if question.source is not None:
            self._set(self.quote, f"\u201c{question.source.quote.strip()}\u201d")
            source = bank.source(question.source.id)
            if source is not None:
                citation = "\u2014 " + source.citation()
                if source.url:
                    citation += f"\n{source.url}"
                self._set(self.citation, citation)

    @staticmethod
    def _set(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))
