"""One widget per question type: it shows the answer controls, gives the response, and marks it after grading."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from quizapp.grading import Grade
from quizapp.model import (
    Blank,
    ClozeQuestion,
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    SingleQuestion,
    TrueFalseQuestion,
)

RIGHT, WRONG = "\u2713", "\u2717"


def tr(text: str) -> str:
    return QCoreApplication.translate("QuestionView", text)


def plain(text: str, parent: QWidget | None = None, wrap: bool = True) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setText(text)
    return label


class QuestionView(QWidget):
    """The answer area for one question; subclasses implement one type each."""

    responseChanged = Signal()
    submitRequested = Signal()

    def __init__(self, question: Question, order: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.order = order
        self.locked = False

    def response(self) -> Any:
        raise NotImplementedError

    def set_response(self, response: Any) -> None:
        raise NotImplementedError

    def show_grade(self, grade: Grade) -> None:
        self.set_locked(True)

    def set_locked(self, locked: bool) -> None:
        self.locked = locked
        for child in self.findChildren(QWidget):
            if isinstance(child, QAbstractButton | QLineEdit | QComboBox | QListWidget):
                child.setEnabled(not locked)

    def choose_by_key(self, index: int) -> bool:
        return False


class _ChoiceRow(QWidget):
    """A radio button or check box with a wrapping, plain-text label that also toggles it."""

    def __init__(self, button: QAbstractButton, number: int, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.button = button
        self.text = text
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        button.setText(f"{number}.")
        button.setAccessibleName(tr("Choice {n}: {text}").format(n=number, text=text))
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.mark = plain("", self, wrap=False)
        self.mark.hide()
        layout.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignTop)
        self.label = plain(text, self)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.label, 1, Qt.AlignmentFlag.AlignTop)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.button.isEnabled() and event.button() == Qt.MouseButton.LeftButton:
            self.button.click()
            self.button.setFocus()
        super().mousePressEvent(event)


class _ChoicesView(QuestionView):
    """Radio buttons (one answer) or check boxes (several)."""

    exclusive = True

    def __init__(self, question: Question, order: list[str], parent: QWidget | None = None) -> None:
        super().__init__(question, order, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.group.setExclusive(self.exclusive)
        self.rows: list[_ChoiceRow] = []
        for number, text in enumerate(self.labels(), start=1):
            button: QAbstractButton = QRadioButton(self) if self.exclusive else QCheckBox(self)
            row = _ChoiceRow(button, number, text, self)
            self.group.addButton(button, number - 1)
            button.toggled.connect(lambda _checked: self.responseChanged.emit())
            self.rows.append(row)
            layout.addWidget(row)

    def labels(self) -> list[str]:
        return list(self.order)

    def values(self) -> list[Any]:
        return list(self.order)

    def focusInEvent(self, event: Any) -> None:
        if self.rows:
            self.rows[0].button.setFocus()
        super().focusInEvent(event)

    def checked(self) -> list[Any]:
        return [value for value, row in zip(self.values(), self.rows, strict=True) if row.button.isChecked()]

    def choose_by_key(self, index: int) -> bool:
        if self.locked or index >= len(self.rows):
            return False
        self.rows[index].button.click()
        self.rows[index].button.setFocus()
        return True

    def mark_rows(self, right: set[Any]) -> None:
        for value, row in zip(self.values(), self.rows, strict=True):
            picked = row.button.isChecked()
            if value in right:
                row.mark.setText(f"{RIGHT} " + (tr("your answer") if picked else tr("right answer")) + " \u2014")
                row.mark.show()
            elif picked:
                row.mark.setText(f"{WRONG} " + tr("your answer") + " \u2014")
                row.mark.show()


class SingleView(_ChoicesView):
    def response(self) -> Any:
        checked = self.checked()
        return checked[0] if checked else None

    def set_response(self, response: Any) -> None:
        for value, row in zip(self.values(), self.rows, strict=True):
            row.button.setChecked(value == response)

    def show_grade(self, grade: Grade) -> None:
        super().show_grade(grade)
        self.mark_rows({self.question.answer})  # type: ignore[attr-defined]


class TrueFalseView(SingleView):
    def labels(self) -> list[str]:
        return [tr("True"), tr("False")]

    def values(self) -> list[Any]:
        return [True, False]

    def show_grade(self, grade: Grade) -> None:
        QuestionView.show_grade(self, grade)
        self.mark_rows({self.question.answer})  # type: ignore[attr-defined]


class MultipleView(_ChoicesView):
    exclusive = False

    def response(self) -> Any:
        return self.checked() or None

    def set_response(self, response: Any) -> None:
        chosen = set(response or ())
        for value, row in zip(self.values(), self.rows, strict=True):
            row.button.setChecked(value in chosen)

    def show_grade(self, grade: Grade) -> None:
        super().show_grade(grade)
        self.mark_rows(set(self.question.answers))  # type: ignore[attr-defined]


class TextView(QuestionView):
    """A typed answer: `short` and `numeric`."""

    def __init__(self, question: Question, order: list[str], parent: QWidget | None = None) -> None:
        super().__init__(question, order, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.field = QLineEdit(self)
        self.field.setAccessibleName(tr("Your answer"))
        self.field.setMaxLength(500)
        self.field.textChanged.connect(lambda _text: self.responseChanged.emit())
        self.field.returnPressed.connect(self.submitRequested)
        layout.addWidget(self.field, 1)
        if isinstance(question, NumericQuestion):
            self.field.setPlaceholderText(tr("a number, e.g. 1,200 or 1.14 billion"))
            if question.unit:
                layout.addWidget(plain(question.unit, self, wrap=False))
        else:
            self.field.setPlaceholderText(tr("Type your answer"))
        self.mark = plain("", self, wrap=False)
        layout.addWidget(self.mark)
        self.setFocusProxy(self.field)

    def response(self) -> Any:
        text = self.field.text()
        return text if text.strip() else None

    def set_response(self, response: Any) -> None:
        self.field.setText("" if response is None else str(response))

    def show_grade(self, grade: Grade) -> None:
        super().show_grade(grade)
        self.mark.setText(RIGHT if grade.correct else WRONG)


class FlowLayout(QLayout):
    """Lays widgets out like words in a paragraph, wrapping at the right edge."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self.items: list[QLayoutItem] = []
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self.items.append(item)

    def count(self) -> int:
        return len(self.items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self.items[index] if 0 <= index < len(self.items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self.items.pop(index) if 0 <= index < len(self.items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self.items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _place(self, rect: QRect, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        space = self.spacing()
        for item in self.items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() and line > 0:
                x, y, line = rect.x(), y + line + space, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + space
            line = max(line, hint.height())
        return y + line - rect.y()


class ClozeView(QuestionView):
    """The sentence with each blank as a small field among its words."""

    def __init__(self, question: ClozeQuestion, order: list[str], parent: QWidget | None = None) -> None:
        super().__init__(question, order, parent)
        flow = FlowLayout(self)
        self.fields: list[QLineEdit] = []
        self.marks: list[QLabel] = []
        blanks = len(question.blanks)
        for part in question.parts:
            if isinstance(part, Blank):
                field = QLineEdit(self)
                number = len(self.fields) + 1
                field.setAccessibleName(tr("Blank {n} of {count}").format(n=number, count=blanks))
                longest = max(len(a) for a in part.answers)
                field.setMinimumWidth(field.fontMetrics().averageCharWidth() * max(8, longest + 4))
                field.setMaxLength(200)
                field.textChanged.connect(lambda _text: self.responseChanged.emit())
                field.returnPressed.connect(self._return_pressed)
                self.fields.append(field)
                flow.addWidget(field)
                mark = plain("", self, wrap=False)
                mark.hide()
                self.marks.append(mark)
                flow.addWidget(mark)
            else:
                for word in part.split():
                    flow.addWidget(plain(word, self, wrap=False))
        if self.fields:
            self.setFocusProxy(self.fields[0])

    def _return_pressed(self) -> None:
        sender = self.sender()
        if sender is self.fields[-1] or all(f.text().strip() for f in self.fields):
            self.submitRequested.emit()
        elif isinstance(sender, QLineEdit):
            self.fields[self.fields.index(sender) + 1].setFocus()

    def response(self) -> Any:
        texts = [field.text() for field in self.fields]
        return texts if any(t.strip() for t in texts) else None

    def set_response(self, response: Any) -> None:
        for field, text in zip(self.fields, response or (), strict=False):
            field.setText(str(text))

    def show_grade(self, grade: Grade) -> None:
        super().show_grade(grade)
        for mark, ok, expected in zip(self.marks, grade.marks, grade.expected, strict=False):
            mark.setText(RIGHT if ok else f"{WRONG} {expected}")
            mark.show()


class OrderingView(QuestionView):
    """A list to put in order by drag and drop, Alt+Up/Down, or the buttons."""

    def __init__(self, question: OrderingQuestion, order: list[str], parent: QWidget | None = None) -> None:
        super().__init__(question, order, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.setAccessibleName(tr("Items to put in order, first at the top"))
        self.list.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setWordWrap(True)
        self.list.addItems(order)
        self.list.setCurrentRow(0)
        self.list.model().rowsMoved.connect(lambda *_: self._moved())
        self.list.installEventFilter(self)
        rows = max(4, len(order))
        self.list.setMinimumHeight(self.list.sizeHintForRow(0) * rows + 12)
        layout.addWidget(self.list, 1)
        buttons = QVBoxLayout()
        self.up = QPushButton(tr("Move up"), self)
        self.up.setAccessibleName(tr("Move the selected item up"))
        self.up.clicked.connect(lambda: self.move(-1))
        self.down = QPushButton(tr("Move down"), self)
        self.down.setAccessibleName(tr("Move the selected item down"))
        self.down.clicked.connect(lambda: self.move(1))
        buttons.addWidget(self.up)
        buttons.addWidget(self.down)
        buttons.addWidget(plain(tr("Alt+\u2191/\u2193 moves the selected item"), self))
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.list)
        self.touched = False

    def _moved(self) -> None:
        self.touched = True
        self.responseChanged.emit()

    def eventFilter(self, obj: Any, event: Any) -> bool:
        if obj is self.list and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            moving = event.modifiers() & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier)
            if moving and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move(-1 if event.key() == Qt.Key.Key_Up else 1)
                return True
        return super().eventFilter(obj, event)

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if self.locked or row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self._moved()

    def items(self) -> list[str]:
        return [
            self.list.item(i).text().removeprefix(f"{RIGHT} ").removeprefix(f"{WRONG} ")
            for i in range(self.list.count())
        ]

    def response(self) -> Any:
        return self.items()

    def set_response(self, response: Any) -> None:
        if response and sorted(response) == sorted(self.order):
            self.list.clear()
            self.list.addItems(list(response))
            self.touched = True

    def show_grade(self, grade: Grade) -> None:
        items = self.items()
        super().show_grade(grade)
        self.list.setEnabled(True)  # readable, but no longer movable
        self.list.setDragDropMode(QListWidget.DragDropMode.NoDragDrop)
        for index, text in enumerate(items):
            ok = index < len(grade.marks) and grade.marks[index]
            self.list.item(index).setText(f"{RIGHT if ok else WRONG} {text}")
        self.list.addItem(tr("Right order: ") + " \u2192 ".join(grade.expected))


class MatchingView(QuestionView):
    """For each left item, a drop-down of the right-hand options."""

    def __init__(self, question: MatchingQuestion, order: list[str], parent: QWidget | None = None) -> None:
        super().__init__(question, order, parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        self.combos: list[tuple[str, QComboBox]] = []
        self.marks: list[QLabel] = []
        for row, (left, _right) in enumerate(question.pairs):
            grid.addWidget(plain(left, self), row, 0)
            combo = QComboBox(self)
            combo.setAccessibleName(tr("Answer for {left}").format(left=left))
            combo.addItem(tr("Choose\u2026"), None)
            for option in order:
                combo.addItem(option, option)
            combo.currentIndexChanged.connect(lambda _i: self.responseChanged.emit())
            grid.addWidget(combo, row, 1)
            mark = plain("", self, wrap=False)
            grid.addWidget(mark, row, 2)
            self.combos.append((left, combo))
            self.marks.append(mark)
        if self.combos:
            self.setFocusProxy(self.combos[0][1])

    def response(self) -> Any:
        chosen = {left: combo.currentData() for left, combo in self.combos if combo.currentData() is not None}
        return chosen or None

    def set_response(self, response: Any) -> None:
        for left, combo in self.combos:
            index = combo.findData((response or {}).get(left))
            combo.setCurrentIndex(max(0, index))

    def show_grade(self, grade: Grade) -> None:
        super().show_grade(grade)
        pairs = dict(self.question.pairs)  # type: ignore[attr-defined]
        for (left, _combo), mark, ok in zip(self.combos, self.marks, grade.marks, strict=False):
            mark.setText(RIGHT if ok else f"{WRONG} {pairs[left]}")


_VIEWS: dict[type[Question], type[QuestionView]] = {
    SingleQuestion: SingleView,
    TrueFalseQuestion: TrueFalseView,
    MultipleQuestion: MultipleView,
    ClozeQuestion: ClozeView,
    OrderingQuestion: OrderingView,
    MatchingQuestion: MatchingView,
}


def make_question_view(question: Question, order: list[str], parent: QWidget | None = None) -> QuestionView:
    """The answer widget for a question, its choices or items shown in `order`."""
    view = _VIEWS.get(type(question), TextView)
    return view(question, order, parent)  # type: ignore[arg-type]
