"""Statistics with QtCharts: accuracy and volume over time, by topic, the review forecast, the weakest questions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class StatsData:
    """What the statistics screen shows, in plain values."""

    seen: int = 0
    answered: int = 0
    accuracy: float | None = None
    streak: int = 0
    due_today: int = 0
    days: Sequence[tuple[str, int, int]] = field(default_factory=tuple)  # (day label, answered, right)
    topics: Sequence[tuple[str, int, int]] = field(default_factory=tuple)  # (topic title, answered, right)
    forecast: Sequence[tuple[str, int]] = field(default_factory=tuple)  # (day label, due)
    weakest: Sequence[tuple[str, int, int]] = field(default_factory=tuple)  # (prompt, answered, right)
    exams: Sequence[tuple[str, float, bool | None]] = field(default_factory=tuple)  # (when, score, passed)


MAX_TOPICS = 8


def _chart(title: str) -> tuple[QChart, QChartView]:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(240)
    view.setAccessibleName(title)
    return chart, view


class StatsScreen(QWidget):
    """Four panels: progress over time, topics, forecast, weakest questions; with figures on top."""

    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.figures = QLabel(self)
        self.figures.setTextFormat(Qt.TextFormat.PlainText)
        self.figures.setWordWrap(True)
        self.figures.setAccessibleName(self.tr("Summary"))
        font = self.figures.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.figures.setFont(font)
        top.addWidget(self.figures, 1)
        back = QPushButton(self.tr("Back to the &library"), self)
        back.clicked.connect(self.back_requested)
        top.addWidget(back)
        layout.addLayout(top)
        grid = QGridLayout()
        self.time_chart, self.time_view = _chart(self.tr("Answers and accuracy by day"))
        self.topic_chart, self.topic_view = _chart(self.tr("Accuracy by topic"))
        self.forecast_chart, self.forecast_view = _chart(self.tr("Reviews due in the coming days"))
        grid.addWidget(self.time_view, 0, 0)
        grid.addWidget(self.topic_view, 0, 1)
        grid.addWidget(self.forecast_view, 1, 0)
        weakest_box = QVBoxLayout()
        weakest_label = QLabel(self.tr("Weakest questions"), self)
        bold = weakest_label.font()
        bold.setBold(True)
        weakest_label.setFont(bold)
        weakest_box.addWidget(weakest_label)
        self.weakest = QTableWidget(0, 2, self)
        self.weakest.setAccessibleName(self.tr("Weakest questions"))
        self.weakest.setHorizontalHeaderLabels([self.tr("Question"), self.tr("Right")])
        self.weakest.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.weakest.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.weakest.verticalHeader().hide()
        self.weakest.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        weakest_box.addWidget(self.weakest)
        grid.addLayout(weakest_box, 1, 1)
        layout.addLayout(grid, 1)

    def show_stats(self, data: StatsData) -> None:
        accuracy = f"{data.accuracy:.0%}" if data.accuracy is not None else "\u2013"
        self.figures.setText(
            self.tr(
                "Questions seen: {seen} \u00b7 answers: {answered} \u00b7 right: {accuracy} \u00b7 "
                "study streak: {streak} days \u00b7 due today: {due}"
            ).format(seen=data.seen, answered=data.answered, accuracy=accuracy, streak=data.streak, due=data.due_today)
        )
        self._time(data.days)
        self._topics(data.topics)
        self._forecast(data.forecast)
        self.weakest.setRowCount(len(data.weakest))
        for row, (prompt, answered, right) in enumerate(data.weakest):
            self.weakest.setItem(row, 0, QTableWidgetItem(prompt))
            self.weakest.setItem(row, 1, QTableWidgetItem(f"{right} / {answered}"))

    def _time(self, days: Sequence[tuple[str, int, int]]) -> None:
        chart = self.time_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        answered = QBarSet(self.tr("Answers (bars)"))
        line = QLineSeries()
        line.setName(self.tr("% right (line with points)"))
        line.setPointsVisible(True)
        pen = line.pen()
        pen.setWidth(3)
        pen.setStyle(Qt.PenStyle.DashLine)
        line.setPen(pen)
        labels = []
        for index, (label, count, right) in enumerate(days):
            labels.append(label)
            answered.append(count)
            if count:
                line.append(index, 100.0 * right / count)
        bars = QBarSeries()
        bars.append(answered)
        chart.addSeries(bars)
        chart.addSeries(line)
        categories = QBarCategoryAxis()
        categories.append([str(i) for i in range(len(labels))] or [""])
        categories.setLabelsVisible(False)  # the day axis below names the days without eliding them
        categories.setGridLineVisible(False)
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        bars.attachAxis(categories)
        volume = QValueAxis()
        volume.setTitleText(self.tr("answers"))
        volume.setLabelFormat("%d")
        top = max([c for _, c, _ in days] + [4])
        volume.setRange(0, -(-top // 4) * 4)  # a multiple of 4, so that the 5 ticks are whole numbers
        volume.setTickCount(5)
        chart.addAxis(volume, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(volume)
        percent = QValueAxis()
        percent.setTitleText(self.tr("% right"))
        percent.setRange(0, 100)
        percent.setLabelFormat("%d%%")
        chart.addAxis(percent, Qt.AlignmentFlag.AlignRight)
        line.attachAxis(percent)
        line.attachAxis(_day_axis(chart, labels))

    def _topics(self, topics: Sequence[tuple[str, int, int]]) -> None:
        chart = self.topic_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        values = QBarSet(self.tr("% right"))
        labels = []
        # The topics with the most answers, at most eight, so that every bar stays readable.
        shown = sorted(sorted(topics, key=lambda t: -t[1])[:MAX_TOPICS], key=lambda t: t[0], reverse=True)
        for title, answered, right in shown:
            short = title if len(title) <= 34 else title[:33].rstrip() + "\u2026"
            labels.append(f"{short} ({answered})")
            values.append(round(100.0 * right / answered) if answered else 0)
        series = QHorizontalBarSeries()
        series.append(values)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value%")
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append(labels or [""])
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        axis = QValueAxis()
        axis.setRange(0, 100)
        axis.setLabelFormat("%d%%")
        chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis)
        chart.legend().hide()

    def _forecast(self, forecast: Sequence[tuple[str, int]]) -> None:
        chart = self.forecast_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        due = QBarSet(self.tr("Due"))
        labels = []
        for label, count in forecast:
            labels.append(label)
            due.append(count)
        due.setLabelColor(self.palette().color(self.foregroundRole()))
        series = QBarSeries()
        series.append(due)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append(labels or [""])
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        axis = QValueAxis()
        axis.setLabelFormat("%d")
        axis.setRange(0, max([c for _, c in forecast] + [1]) * 1.15)
        chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis)
        chart.legend().hide()


def _day_axis(chart: QChart, labels: list[str]) -> QCategoryAxis:
    """The x axis of the line, one unit a day under the bars, naming every few days."""
    axis = QCategoryAxis()
    axis.setRange(-0.5, max(len(labels), 1) - 0.5)
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    step = max(1, (len(labels) + 5) // 6)
    for index, label in enumerate(labels):
        if index % step == 0:
            axis.append(label, index)
    axis.setGridLineVisible(False)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    return axis
