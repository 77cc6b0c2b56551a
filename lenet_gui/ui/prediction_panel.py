"""The answer: a large digit, ten probability bars, an honest "not sure", and the 32×32 image the network saw.

How sure it is comes from core.confidence in four kinds: sure (a dark digit), leaning (a grey digit, "probably"),
two-way (a grey digit and "or B" under it, "maybe A or B"), and no digit standing out (a grey "?" in place of the
digit, "doesn't look like a digit"). The ``predictedDigit`` label keeps the top digit as its text in every kind (the
automation contract); for the last one it is only hidden behind the "?".

Pure Qt painting (no plotting library) so it is ready the moment the window opens and costs little per update:
it is redrawn for every prediction while you draw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.core.confidence import Kind, Reading
from lenet_gui.ui.images import gray_to_qimage
from lenet_gui.ui.reflow import ReflowBox
from lenet_gui.ui.steady_label import Steady, SteadyLabel, fit_widest
from lenet_gui.ui.view_models import PredictionView, reading

if TYPE_CHECKING:
    import numpy as np


class ProbabilityBars(QWidget):
    """Ten horizontal bars, one per digit, the top one highlighted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("probabilityBars")
        self.setAccessibleName(self.tr("Probabilities"))
        self.setToolTip(self.tr("The network's softmax output: how likely it finds each digit"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 150)
        self._probabilities: np.ndarray | None = None
        self._sure = True
        self._highlight = True
        self._tracks_pixmap = QPixmap()
        self._tracks_key: tuple[object, ...] | None = None
        self._texts: dict[tuple[str, bool], QStaticText] = {}
        self._fonts = (QFont(), QFont())  # regular and bold, made with the tracks

    def sizeHint(self) -> QSize:
        return QSize(240, 230)

    def set_probabilities(self, probabilities: np.ndarray | None, sure: bool = True, highlight: bool = True) -> None:
        """``sure``: the top bar in the highlight colour, else in orange; ``highlight`` False: no bar stands out
        (no digit does either)."""
        self._probabilities = probabilities
        self._sure = sure
        self._highlight = highlight
        if probabilities is None:
            self.setAccessibleDescription(self.tr("No prediction"))
        else:
            parts = ", ".join(f"{digit}: {p * 100:.0f}%" for digit, p in enumerate(probabilities))
            self.setAccessibleDescription(parts)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        # Repainted after every prediction while drawing: the empty tracks come from a pixmap made once per size and
        # palette, and the texts are QStaticText laid out once (the whole paint took 0.36 ms; issue 10).
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._tracks())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        highlight = palette.color(QPalette.ColorRole.Highlight) if self._sure else QColor(214, 140, 30)
        bar_color = palette.color(QPalette.ColorRole.Text)
        bar_color.setAlpha(140)
        label_width, _value_width, row, bar_height, width = self._geometry()
        top_digit = None if self._probabilities is None or not self._highlight else int(self._probabilities.argmax())
        fonts = self._fonts  # (regular, bold): a static text is drawn in the font it was laid out in
        painter.setPen(text)
        painter.setFont(fonts[False])
        for digit in range(10):
            y = digit * row
            bold = digit == top_digit  # the top digit's label and number in bold
            if bold:
                painter.setFont(fonts[True])
            label = self._static(str(digit), bold=bold)
            size = label.size()
            painter.drawStaticText(QPointF(label_width - 6 - size.width(), y + (row - size.height()) / 2.0), label)
            if self._probabilities is not None:
                value = float(self._probabilities[digit])
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(highlight if bold else bar_color)
                bar = QRectF(label_width, y + (row - bar_height) / 2.0, max(0.0, width * value), bar_height)
                painter.drawRoundedRect(bar, 3, 3)
                painter.setPen(text)
                percent = self._static(f"{value * 100:.0f}%", bold=bold)
                painter.drawStaticText(
                    QPointF(label_width + width + 4, y + (row - percent.size().height()) / 2.0), percent
                )
            if bold:
                painter.setFont(fonts[False])
        painter.end()

    def _geometry(self) -> tuple[float, float, float, float, float]:
        """Where things go: label and value columns, row height, bar height, bar length."""
        metrics = self.fontMetrics()
        label_width = metrics.horizontalAdvance("0") + 8
        value_width = metrics.horizontalAdvance("100%") + 8
        row = self.height() / 10.0
        return label_width, value_width, row, max(4.0, row * 0.62), max(1.0, self.width() - label_width - value_width)

    def _tracks(self) -> QPixmap:
        """The ten empty tracks, drawn once per size, palette and font."""
        key = (self.width(), self.height(), self.palette().cacheKey(), self.font().key(), self.devicePixelRatioF())
        if self._tracks_key != key:
            ratio = self.devicePixelRatioF()
            tracks = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
            tracks.setDevicePixelRatio(ratio)
            tracks.fill(Qt.GlobalColor.transparent)
            painter = QPainter(tracks)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            # The text colour, faint: visible on a light and on a dark background (Mid can be the background
            # itself in a dark desktop theme, and the tracks vanished).
            track = self.palette().color(QPalette.ColorRole.WindowText)
            track.setAlpha(28)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(track)
            label_width, _value_width, row, bar_height, width = self._geometry()
            for digit in range(10):
                painter.drawRoundedRect(
                    QRectF(label_width, digit * row + (row - bar_height) / 2.0, width, bar_height), 3, 3
                )
            painter.end()
            self._tracks_pixmap, self._tracks_key = tracks, key
            bold = QFont(self.font())
            bold.setBold(True)
            self._fonts = (QFont(self.font()), bold)  # the font may have changed too: texts are laid out again
            self._texts.clear()
        return self._tracks_pixmap

    def _static(self, text: str, *, bold: bool) -> QStaticText:
        found = self._texts.get((text, bold))
        if found is None:
            found = QStaticText(text)
            found.setTextFormat(Qt.TextFormat.PlainText)
            found.prepare(QTransform(), self._fonts[bold])
            self._texts[(text, bold)] = found
        return found


class PixelView(QWidget):
    """The 32×32 input shown large with sharp pixels: white ink on black, like MNIST."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("networkInput")
        self.setAccessibleName(self.tr("What the network sees"))
        self.setToolTip(
            self.tr("The 32×32 image the network actually sees: your drawing cropped, scaled and centred like MNIST")
        )
        self.setFixedSize(112, 112)
        self._image: QImage | None = None

    def set_pixels(self, pixels: np.ndarray | None) -> None:
        # In the window's own pixel format: a grayscale picture is converted on every paint (5× slower to draw).
        self._image = None if pixels is None else gray_to_qimage(pixels).convertToFormat(QImage.Format.Format_RGB32)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0))
        if self._image is not None:
            painter.drawImage(QRectF(self.rect()), self._image)  # no smoothing: each input pixel stays a square
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()


class AnswerBox(QWidget):
    """The big digit (or the "?"), and "or N" under it when two digits compete.

    Without a layout, as steady_label.Steady and for its reason: a new digit on every mouse move repaints itself and
    relayouts nothing else. "or N" takes its strip from the digit's own room when it shows, so it costs the panel no
    height while no second digit competes (keeping a strip for it made the window too tall for 900×600 in Korean).
    """

    def __init__(self, digit: QLabel, no_digit: QLabel, alternative: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._answers = (digit, no_digit)
        self._alternative = alternative
        for child in (digit, no_digit, alternative):
            child.setParent(self)
        self.setSizePolicy(QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred))

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint().expandedTo(self._answers[0].sizeHint())

    def minimumSizeHint(self) -> QSize:
        return self._answers[0].minimumSize().expandedTo(self._answers[1].minimumSize())

    def show_alternative(self, shown: bool) -> None:
        if shown != self._alternative.isVisibleTo(self):
            self._alternative.setVisible(shown)
            self._arrange()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange()
        super().resizeEvent(event)

    def _arrange(self) -> None:
        room = self.rect()
        if self._alternative.isVisibleTo(self):
            strip = self._alternative.sizeHint().height()
            self._alternative.setGeometry(room.x(), room.bottom() + 1 - strip, room.width(), strip)
            room.setBottom(room.bottom() - strip)
        for answer in self._answers:
            answer.setGeometry(room)


class PredictionPanel(QFrame):
    """Shows what the inference worker says about the current drawing."""

    shown = Signal(int)  # request id of the prediction now on screen (0 when blank)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("predictionPanel")
        self.setAccessibleName(self.tr("Prediction"))
        self.digit_label = QLabel("", self)
        self.digit_label.setObjectName("predictedDigit")
        self.digit_label.setAccessibleName(self.tr("Predicted digit"))
        self.digit_label.setToolTip(self.tr("The digit the network reads in your drawing"))
        self.digit_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.digit_label.setMinimumSize(80, 120)  # the 72-pt digit is ~60 px wide: room for the picture beside it
        font = QFont(self.font())
        font.setPointSize(72)
        font.setBold(True)
        self.digit_label.setFont(font)
        # Shown instead of the digit when no digit stands out, so no digit is offered as the answer.
        self.no_digit = QLabel("?", self)
        self.no_digit.setObjectName("noDigit")
        self.no_digit.setAccessibleName(self.tr("No digit"))
        self.no_digit.setToolTip(self.tr("No digit stands out: the drawing does not look like a digit to the network"))
        self.no_digit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_digit.setFont(font)
        self._grey(self.no_digit)
        # Under a grey digit when a second digit competes with it ("maybe 7 or 1").
        self.alternative = QLabel("", self)
        self.alternative.setObjectName("alternativeDigit")
        self.alternative.setAccessibleName(self.tr("Other possible digit"))
        self.alternative.setToolTip(self.tr("The digit the network finds almost as likely"))
        self.alternative.setAlignment(Qt.AlignmentFlag.AlignCenter)
        small = QFont(self.font())
        small.setPointSize(20)
        small.setBold(True)
        self.alternative.setFont(small)
        self._grey(self.alternative)
        self.alternative.setVisible(False)
        self.reading: Reading | None = None  # how sure the network is about the prediction on screen
        self.verdict = SteadyLabel(self._verdict_samples, self.tr("Loading the network…"), self)
        self.verdict.setObjectName("verdict")
        self.verdict.setAccessibleName(self.tr("Confidence"))
        self.verdict.setToolTip(
            self.tr("How sure the network is; it says so when the drawing is ambiguous or not a digit")
        )
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.current: PredictionView | None = None  # the prediction on screen
        self.shown_request = 0  # its request id
        self.bars = ProbabilityBars(self)
        self.pixels = PixelView(self)
        sees = QLabel(self.tr("What the network sees\n(32×32)"), self)
        sees.setAccessibleName(self.tr("What the network sees caption"))
        sees.setAlignment(Qt.AlignmentFlag.AlignCenter)
        sees.setToolTip(self.pixels.toolTip())
        self._ready = False

        # In holders without a layout: a new digit, verdict or alternative on every mouse move repaints itself and
        # relayouts nothing else (steady_label).
        self.no_digit.setVisible(False)
        self._answer = AnswerBox(self.digit_label, self.no_digit, self.alternative, parent=self)
        top = QHBoxLayout()
        top.addWidget(self._answer, 1)
        side = QVBoxLayout()
        side.addWidget(self.pixels, 0, Qt.AlignmentFlag.AlignHCenter)
        side.addWidget(sees)
        side.addStretch(1)
        top.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(Steady(self.verdict, parent=self))
        layout.addWidget(self.bars, 1)

    def _verdict_samples(self) -> list[str]:
        """The longest verdicts, for the room the verdict keeps (steady_label)."""
        return [
            self.tr("Not sure — maybe {digit} ({percent}%) or {second} ({second_percent}%)").format(
                digit=8, percent=48, second=3, second_percent=47
            ),
            self.tr("This doesn't look like a digit: no digit gets more than {percent}%").format(percent=38),
            self.tr("Not sure — probably {digit} ({percent}%)").format(digit=8, percent=88),
        ]

    def _grey(self, label: QLabel) -> None:
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, self.palette().color(QPalette.ColorRole.PlaceholderText))
        label.setPalette(palette)

    @property
    def readable_digit(self) -> int | None:
        """The digit on screen as the answer: None when nothing is drawn or no digit stands out (then nothing may be
        saved as "the digit it reads")."""
        if self.current is None or self.reading is None or not self.reading.looks_like_a_digit:
            return None
        return self.current.digit

    def set_ready(self, ready: bool) -> None:
        """Before the network is loaded, say so instead of showing an empty answer."""
        self._ready = ready
        if ready and not self.digit_label.text():
            self.verdict.setText(self.tr("Draw a digit"))

    def _show_answer(self, widget: QWidget) -> None:
        """The big digit or the "not a digit" note. Switching only when it changes: a switch relayouts the panel
        (~0.25 ms), twice per prediction while a scribble was drawn, on every mouse move (issue 10)."""
        if widget.isHidden():
            for shown in (self.digit_label, self.no_digit):
                shown.setVisible(shown is widget)

    def show_prediction(self, request_id: int, view: PredictionView | None) -> None:
        self.current = view
        self.shown_request = request_id
        if view is None:
            self._answer.show_alternative(False)
            self._show_answer(self.digit_label)
            self.reading = None
            self.digit_label.setText("")
            self.digit_label.setToolTip(self.tr("Nothing drawn yet"))
            self.verdict.setText(self.tr("Draw a digit") if self._ready else self.tr("Loading the network…"))
            self.bars.set_probabilities(None)
            self.pixels.set_pixels(None)
            self.shown.emit(request_id)
            return
        self.reading = read = reading(view)
        digit = view.digit
        self.digit_label.setText(str(digit))  # the top digit in every kind: the automation contract
        palette = self.digit_label.palette()
        role = QPalette.ColorRole.WindowText
        color = self.palette().color(role)
        if not read.sure:
            color = self.palette().color(QPalette.ColorRole.PlaceholderText)
        if palette.color(role) != color:  # each change restyles the label: not on every mouse move
            palette.setColor(role, color)
            self.digit_label.setPalette(palette)
        answer: QWidget = self.digit_label
        percent, second = f"{read.probability * 100:.0f}", read.runner_up
        if read.kind is Kind.CONFIDENT:
            text = self.tr("{digit} — {percent}% sure").format(digit=digit, percent=percent)
        elif read.kind is Kind.TWO_WAY:
            text = self.tr("Not sure — maybe {digit} ({percent}%) or {second} ({second_percent}%)").format(
                digit=digit, percent=percent, second=second, second_percent=f"{read.runner_up_probability * 100:.0f}"
            )
            self.alternative.setText(self.tr("or {digit}").format(digit=second))
        elif read.kind is Kind.LEANING:
            text = self.tr("Not sure — probably {digit} ({percent}%)").format(digit=digit, percent=percent)
        else:
            text = self.tr("This doesn't look like a digit: no digit gets more than {percent}%").format(percent=percent)
            answer = self.no_digit
        self._answer.show_alternative(read.kind is Kind.TWO_WAY)
        self._show_answer(answer)
        self.verdict.setText(text)
        self.digit_label.setToolTip(text)
        self.bars.set_probabilities(view.probabilities, read.sure, highlight=read.looks_like_a_digit)
        self.pixels.set_pixels(view.pixels)
        self.shown.emit(request_id)


FEEDBACK_MS = 6000


class CorrectionBar(QFrame):
    """Tell the network the right answer: "That's wrong, it's…" 0-9, or "Add as example" when it read it right.

    Only emits what was chosen; the window saves the drawing into the personal dataset and reports back here.
    """

    labelChosen = Signal(int)  # a digit button: save the drawing as this digit
    addRequested = Signal()  # save the drawing as the predicted digit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("correctionBar")
        self.setAccessibleName(self.tr("Correct the prediction"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._predicted: int | None = None
        self._state: tuple[bool, int | None] | None = None
        title = QLabel(self.tr("That's wrong, it's…"), self)
        title.setObjectName("correctionTitle")
        title.setAccessibleName(self.tr("That's wrong, it's"))
        title.setToolTip(self.tr("Save the drawing with the right digit, to teach the network your handwriting"))
        self.digit_buttons: list[QToolButton] = []
        for digit in range(10):
            button = QToolButton(self)
            button.setObjectName(f"correctAs{digit}")
            button.setText(str(digit))
            button.setAccessibleName(self.tr("It's a {digit}").format(digit=digit))
            button.setToolTip(
                self.tr("Save the drawing as a {digit} in My digits (or press {digit} on the canvas)").format(
                    digit=digit
                )
            )
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumWidth(22)
            button.clicked.connect(lambda _=False, d=digit: self.labelChosen.emit(d))
            self.digit_buttons.append(button)
        # One row of ten, or two of five where the window is narrow (a 900-px window, half a 1920-px screen).
        digits = ReflowBox(self.digit_buttons, columns=(10, 5), spacing=3, stretch_last=False)
        digits.setObjectName("correctionDigits")
        self.add_button = QPushButton(self.tr("Add as example"), self)
        self.add_button.setObjectName("addExampleButton")
        self.add_button.setAccessibleName(self.tr("Add as example"))
        self.add_button.clicked.connect(self.addRequested)
        self.feedback = QLabel("", self)
        self.feedback.setObjectName("correctionFeedback")
        self.feedback.setAccessibleName(self.tr("Saved example"))
        self.feedback.setToolTip(self.tr("What happened to the last drawing you saved"))
        self.feedback.setWordWrap(True)
        self._clear_feedback = QTimer(self)
        self._clear_feedback.setSingleShot(True)
        self._clear_feedback.setInterval(FEEDBACK_MS)
        self._clear_feedback.timeout.connect(lambda: self.feedback.setText(""))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addWidget(title)
        layout.addWidget(digits)
        # Its text names the digit read, which changes while drawing: in a holder, at its widest (steady_label).
        fit_widest(self.add_button, [self.tr("Add as example of {digit}").format(digit=d) for d in range(10)])
        layout.addWidget(Steady(self.add_button, parent=self))
        layout.addWidget(self.feedback)
        self.set_state(has_drawing=False, predicted=None)

    def set_state(self, *, has_drawing: bool, predicted: int | None) -> None:
        """Digit buttons need something drawn; "Add as example" also needs the network's answer for it."""
        predicted = predicted if has_drawing else None
        if (has_drawing, predicted) == self._state:
            return  # called for every mouse move while drawing
        self._state = (has_drawing, predicted)
        self._predicted = predicted
        for button in self.digit_buttons:
            button.setEnabled(has_drawing)
        self.add_button.setEnabled(self._predicted is not None)
        if self._predicted is None:
            self.add_button.setText(self.tr("Add as example"))
            self.add_button.setToolTip(self.tr("Draw a digit first; when the network reads it right, save it as it is"))
        else:
            self.add_button.setText(self.tr("Add as example of {digit}").format(digit=self._predicted))
            self.add_button.setToolTip(
                self.tr("It is a {digit}: save the drawing as one, in My digits").format(digit=self._predicted)
            )

    def show_feedback(self, text: str, *, error: bool = False) -> None:
        """A short confirmation ("Saved as a 7 — 12 examples of 7") or failure, gone after a few seconds."""
        self.feedback.setText(text)
        self.feedback.setProperty("error", error)
        self.feedback.setAccessibleDescription(text)
        if error:
            self._clear_feedback.stop()  # a failure stays until the next save
        else:
            self._clear_feedback.start()
