"""Hotline: the exchange node of the Indonesia-Vietnam Joint Working Group on Counter-Terrorism."""

__version__ = "0.1.0"
