"""Torch and numpy only: everything here must work without Qt (and is tested without a display)."""
