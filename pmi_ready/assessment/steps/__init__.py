"""The steps of an assessment, one module each: its screen and what a reply to it does."""
