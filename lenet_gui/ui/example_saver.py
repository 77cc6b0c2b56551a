"""Saving the drawing as a personal example: by a digit key, a correction button, or "Add as example".

"Add as example" means "it read it right": it saves the drawing as the digit the network reads. The answer for the
very latest strokes may still be on its way when the button is clicked; then the drawing is saved as soon as that
answer is on screen, and not at all if the drawing changed meanwhile. That small state machine lives here, not in
the window.

Nothing blank is ever saved: a blank example would teach fine-tuning that empty paper is a digit. "Blank" is what the
network's preprocessing says (no ink once cropped), not just an empty canvas: an opened all-white picture, or strokes
all erased, are blank too. The digit buttons follow the answer on screen (disabled once it says blank); a key press
is checked at once with the same test, and core refuses a blank picture as the last guard.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from lenet_gui.core.personal import has_digit
from lenet_gui.ui.canvas import Content, DrawingCanvas
from lenet_gui.ui.prediction_panel import CorrectionBar, PredictionPanel
from lenet_gui.ui.workers.inference import InferenceService
from lenet_gui.ui.workers.personal_store import PersonalExamples


class ExampleSaver(QObject):
    """Saves the canvas into the personal store (off the GUI thread) and says how it went."""

    exampleSaved = Signal(object, int)  # core Example just saved, how many examples of its digit there are now
    status = Signal(str, int)  # a status bar message, for how many milliseconds

    def __init__(
        self,
        parent: QObject,
        *,
        canvas: DrawingCanvas,
        prediction_panel: PredictionPanel,
        correction_bar: CorrectionBar,
        inference: InferenceService,
        store: PersonalExamples,
    ) -> None:
        super().__init__(parent)
        self._canvas = canvas
        self._panel = prediction_panel
        self._bar = correction_bar
        self._inference = inference
        self._store = store
        self._add_when_predicted: Content | None = None  # the drawing "Add as example" waits to save
        self._saving: Content | None = None  # the drawing being saved: pressed again meanwhile, it is not saved twice
        self._blank: Content | None = None  # a drawing the network's answer found blank (no ink once preprocessed)
        correction_bar.labelChosen.connect(self.save_example)
        correction_bar.addRequested.connect(self.add_as_example)
        canvas.digitPressed.connect(self.save_example)
        canvas.imageChanged.connect(self._update)
        prediction_panel.shown.connect(self._on_shown)

    def _on_shown(self, request_id: int) -> None:
        if request_id == self._inference.last_request_id:  # the answer for the drawing as it is now
            blank = self._panel.current is None and not self._canvas.is_blank()
            self._blank = self._canvas.content if blank else None
        self._update()

    def _update(self, *_: object) -> None:
        view = self._panel.current
        self._bar.set_state(has_drawing=self._has_something(), predicted=self._panel.readable_digit)
        waiting = self._add_when_predicted
        if waiting is not None and waiting is not self._canvas.content:
            self._add_when_predicted = None  # drawn on, cleared or replaced since the click: not what was asked for
        elif waiting is not None and self._panel.shown_request == self._inference.last_request_id:
            self._add_when_predicted = None
            if self._panel.readable_digit is not None:
                self.save_example(self._panel.readable_digit)
            elif view is not None:  # no digit stands out: nothing to save as "the digit it reads"
                self._bar.show_feedback(
                    self.tr("It doesn't look like a digit to the network: if it is one, press its key to save it.")
                )

    def _has_something(self) -> bool:
        """Whether there is a drawing to save, as far as the answer on screen tells: not an empty canvas, nor one
        the network found blank (the canvas's content is immutable and replaced on every change, so "the same
        object" means "unchanged since that answer")."""
        return not self._canvas.is_blank() and self._canvas.content is not self._blank

    def _refuse(self, text: str) -> None:
        """Say why nothing was saved, beside the buttons and in the status bar (a key press shows no button)."""
        self._bar.show_feedback(text)
        self.status.emit(text, 6000)

    def add_as_example(self) -> None:
        """Save the drawing as the digit the network reads in it, once the answer for it is on screen."""
        if self._canvas.is_blank():
            self._bar.show_feedback(self.tr("Draw a digit first."))
            return
        self._add_when_predicted = self._canvas.content
        self._update()

    def save_example(self, label: int) -> None:
        """Save the drawing as an example of ``label``. On success the canvas is cleared for the next one
        (undoable); on failure the drawing stays and a message says why."""
        canvas = self._canvas
        if canvas.is_blank():
            self._refuse(self.tr("Nothing to save: draw a digit first, then press its key."))
            return
        content = canvas.content
        if content is self._saving:
            return  # a double click, or the key again before the save came back: one example is enough
        image = canvas.to_array()
        if not has_digit(image):  # at once, even before the network's answer for this drawing has come
            self._blank = content
            self._update()
            self._refuse(self.tr("Nothing to save: there is no digit in this picture."))
            return
        self._saving = content
        strokes = None if canvas.has_picture() else canvas.strokes_data()

        def done() -> None:
            if self._saving is content:
                self._saving = None

        def saved(example: Any, counts: list[int]) -> None:
            done()
            count = counts[label]
            if count == 1:
                text = self.tr("Saved as a {label} — 1 example of {label}").format(label=label)
            else:
                text = self.tr("Saved as a {label} — {count} examples of {label}").format(label=label, count=count)
            self._bar.show_feedback(text)
            self.status.emit(text + self.tr(" (Ctrl+Z brings the drawing back)"), 6000)
            if canvas.content is content:  # not drawn on meanwhile
                canvas.clear()
            self.exampleSaved.emit(example, count)

        def failed(message: str) -> None:
            done()
            self._bar.show_feedback(self.tr("Not saved: {message}").format(message=message), error=True)

        self._store.add(image, label, strokes, then=saved, on_error=failed)
