"""The Korean translation: lenet_gui_ko.ts (source) and lenet_gui_ko.qm (what the app loads via importlib.resources)."""
