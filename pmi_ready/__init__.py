"""pmi-ready: how ready a prospective Indonesian migrant worker is to leave, and what to do next."""

__version__ = "0.1.0"
