"""The status bar: messages on the left, and on the right which weights the predictions come from, with the
switcher to choose others.

``WeightsStatus`` follows the inference service (weights loaded, listed, refused) and the run coordinator (a run
changing the weights live, new weights waiting for Keep or Discard, choices blocked meanwhile), so the window only
places it. ``MessageStatusBar`` elides a long message to the room left of the weights, where QStatusBar drew it in
full until the label cut it ("Saved weights to …/weights/lenet-202Weights lenet-2026…"); the label elides too, and
takes at most a share of the bar, so a message keeps room at 900 px.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QStatusBar, QStyle, QStyleOption, QWidget

from lenet_gui.ui.run_coordinator import Blocks, RunCoordinator
from lenet_gui.ui.settings import AppSettings
from lenet_gui.ui.view_models import ModelInfo, TrainingSettings
from lenet_gui.ui.weights_chooser import WeightsChooser
from lenet_gui.ui.workers.inference import InferenceService
from lenet_gui.ui.workers.runs import TRAINING, Run, user_weights_folder

STATUS_WEIGHTS_WIDTH = 460  # pixels at most for "which weights are in use"; the rest of the status bar is for messages
WEIGHTS_SHARE = 0.35  # ... and at most this share of the bar's width, so a narrow window keeps room for messages
WEIGHTS_MIN_WIDTH = 120  # below this the label would say nothing
MESSAGE_MARGIN = 6  # the message's distance from the bar's left edge (as QStatusBar's own)
MESSAGE_GAP = 12  # between a message's end and the first widget on the right


class MessageStatusBar(QStatusBar):
    """A status bar whose message is elided to the room left of the permanent widgets, never drawn under them.

    ``currentMessage()`` stays the whole message (and is the tooltip); only what is painted is shortened."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.messageChanged.connect(self.setToolTip)

    def message_rect(self) -> QRect:
        """Where the message is painted: from the left margin to a gap before the first visible widget on the
        right (normal widgets are hidden while a message shows; the size grip counts)."""
        right = self.width() - MESSAGE_GAP
        for child in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if child.isVisible() and not child.isWindow():
                right = min(right, child.x() - MESSAGE_GAP)
        return QRect(MESSAGE_MARGIN, 0, max(0, right - MESSAGE_MARGIN), self.height())

    def shown_message(self) -> str:
        """The message as painted: elided with "…" when it does not fit its room."""
        return self.fontMetrics().elidedText(
            self.currentMessage(), Qt.TextElideMode.ElideRight, self.message_rect().width()
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.currentMessage():
            super().paintEvent(event)
            return
        # QStatusBar's own painting with the message elided: the panel, the frames of the widgets on the right
        # (styles that draw them), then the text.
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        style = self.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, option, painter, self)
        for child in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if child.isVisible() and not child.isWindow() and child.objectName() != "qt_sizegrip":
                frame = QStyleOption()
                frame.rect = child.geometry().adjusted(-2, -1, 2, 1)
                frame.palette = self.palette()
                style.drawPrimitive(QStyle.PrimitiveElement.PE_FrameStatusBarItem, frame, painter, child)
        painter.setPen(self.palette().windowText().color())
        flags = Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine
        painter.drawText(self.message_rect(), flags, self.shown_message())
        painter.end()


class ElidedLabel(QLabel):
    """A one-line label that shows as much of its text as fits its width, with "…", and the whole in its tooltip.
    It asks for no more than ``STATUS_WEIGHTS_WIDTH``, and gives way down to ``WEIGHTS_MIN_WIDTH``."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.set_full_text(text)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._elide()
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self._full) + margins.left() + margins.right() + 2
        return QSize(min(width, STATUS_WEIGHTS_WIDTH), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        hint = self.sizeHint()
        return QSize(min(hint.width(), WEIGHTS_MIN_WIDTH), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width()
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(0, width)))


class WeightsStatus(QObject):
    """The label saying which weights are in use, and the weights switcher beside it."""

    def __init__(
        self,
        status_bar: QStatusBar,
        *,
        inference: InferenceService,
        runs: RunCoordinator,
        settings: AppSettings,
        other_file: Any,
        training_settings: Any,
    ) -> None:
        super().__init__(status_bar)
        self._bar = status_bar
        self._inference = inference
        self._runs = runs
        self._settings = settings
        self._training_settings = training_settings  # () -> TrainingSettings of the panel, if built
        self.model: ModelInfo | None = None
        self.label = ElidedLabel(self.tr("Loading the network…"))
        self.label.setObjectName("weightsStatus")
        self.label.setAccessibleName(self.tr("Weights in use"))
        self.label.setToolTip(self.tr("Which weights the network is using"))
        self.chooser = WeightsChooser()
        self.chooser.set_blocked(self.tr("Available once the network has loaded"))
        self.chooser.chosen.connect(self._on_chosen)
        self.chooser.otherRequested.connect(other_file)
        status_bar.addPermanentWidget(self.label)
        status_bar.addPermanentWidget(self.chooser)
        status_bar.installEventFilter(self)
        inference.modelReady.connect(self._on_model_ready)
        inference.weightsListed.connect(self.chooser.set_files)
        inference.loadFailed.connect(self._on_load_failed)
        runs.blocksChanged.connect(self.set_blocks)
        runs.runStarted.connect(self._on_run_started)
        runs.runEnded.connect(self._on_run_ended)
        runs.runOffered.connect(self._on_run_offered)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._bar and event.type() == QEvent.Type.Resize:  # the label's share follows the bar's width
            share = max(WEIGHTS_MIN_WIDTH, int(self._bar.width() * WEIGHTS_SHARE))
            self.label.setMaximumWidth(min(STATUS_WEIGHTS_WIDTH, share))
        return False

    def show_in_use(self, text: str) -> None:
        """Which weights the predictions come from (elided to the label's width; the whole text in the tooltip)."""
        self.label.set_full_text(text)
        self.label.setToolTip(text)

    def set_blocks(self, blocks: Blocks) -> None:
        loading = "" if self.model else self.tr("Available once the network has loaded")
        self.chooser.set_blocked(blocks.weights or loading)

    def _on_model_ready(self, info: ModelInfo) -> None:
        self.model = info
        self.show_in_use(self.tr("Untrained random weights") if info.random_weights else info.description)
        if not info.random_weights:
            self._settings.remember_weights("" if info.bundled else info.source)
        self.chooser.set_current(None if info.random_weights else ("" if info.bundled else info.source))
        self.set_blocks(self._runs.blocks)
        self._inference.list_weights(user_weights_folder())

    def _on_chosen(self, path: str) -> None:
        """ "" is the bundled weights, else a file (remembered as the last weights once loaded)."""
        if path:
            self._inference.load_weights(path)
        else:
            self._inference.load_bundled()

    def _on_load_failed(self) -> None:
        """The switcher shows the weights still in use again, and lists the folder again (the file may be gone)."""
        self.chooser.show_current()
        self._inference.list_weights(user_weights_folder())

    def _on_run_started(self, kind: str, run: Run) -> None:
        if kind == TRAINING:
            settings: TrainingSettings | None = self._training_settings()
            if settings is not None and not settings.continue_from_current:
                live = self.tr("Training: the network is changing live (from scratch)")
            else:
                live = self.tr("Training: the network is changing live")
            run.dataMissing.connect(lambda _: self._bar.showMessage(self.tr("MNIST is missing — see the panel"), 10000))
            run.status.connect(lambda text: self._bar.showMessage(text, 5000))
        else:
            live = self.tr("Fine-tuning on your digits: the network is changing live")
        # Until the data is there the weights do not change: saying "changing live" while MNIST loads, or while its
        # download fails, would be untrue (issue 10.6).
        self.show_in_use(self.tr("Loading MNIST: the weights in use do not change yet"))
        run.dataReady.connect(lambda: self.show_in_use(live))
        self.chooser.set_current(None)  # live weights, in no file until kept

    def _on_run_ended(self, _kind: str, run: Run) -> None:
        """A run that ended with nothing to offer (MNIST missing, stopped while loading): the weights in use are
        the ones from before, as the label says again."""
        if run.finished_event is None and self.model is not None:
            self._on_model_ready(self.model)

    def _on_run_offered(self, kind: str, event: Any) -> None:
        if kind == TRAINING:
            done = self.tr("Training stopped") if event.cancelled else self.tr("Training finished")
            offer = self.tr("New weights from training: keep or discard them in the Training panel")
        else:
            done = self.tr("Fine-tuning stopped") if event.cancelled else self.tr("Fine-tuning finished")
            offer = self.tr("New weights from fine-tuning: keep or discard them in the My digits panel")
        self._bar.showMessage(done, 10000)
        self.show_in_use(offer)
