"""calcquest: learn the calculus behind machine learning in a terminal game.

This module holds the version only, so `calcquest --version` stays instant.
"""

__version__ = "0.1.0"
