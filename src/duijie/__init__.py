"""Duijie (對接): the Django project around the pure domain core ``duijie_core``."""
