"""LeNet GUI: the PyTorch "Neural Networks" tutorial's LeNet as a desktop app you can draw into and train."""

__version__ = "0.1.0"
