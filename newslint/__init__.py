"""newslint: a data-quality linter for scraped news."""

__version__ = "0.1.0"
