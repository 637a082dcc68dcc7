"""Run every Swedish feature file under features/ as tests."""

from pytest_bdd import scenarios

scenarios(".")
