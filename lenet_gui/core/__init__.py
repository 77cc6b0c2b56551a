"""Torch and numpy only: everything here must work without Qt (and is tested without a display).

Torch-free, for any layer to import at the top: ``config`` (training and fine-tuning configs, the named recipes),
``events`` (what runs yield), ``errors`` (one ``UserError`` hierarchy), ``control`` (pause/stop flags), ``folders``
(where things live), ``weights_files`` (kinds, names and metadata of weights files), ``parameters`` (statistics and
histograms of weights), ``atomic_files``, and numpy/Pillow's ``preprocess``, ``strokes``, ``personal``, ``trash``.
Torch-heavy, for the CLI and the GUI's workers only: ``model``, ``data``, ``training``, ``finetune``, ``recipes``,
``inference``, ``checkpoint``, ``threads``, ``devices`` (which devices can train, in words: the UI asks through a
worker; the choices themselves are ``config.DEVICE_CHOICES``). The import-linter contracts in pyproject.toml hold
both lists.
"""
