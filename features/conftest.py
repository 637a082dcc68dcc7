"""Make the generic step library available to every feature file."""

from features.steps.library import *  # noqa: F401,F403
