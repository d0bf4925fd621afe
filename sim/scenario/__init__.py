"""Authored data to model: YAML reading, conditions, the scenario model and its checker."""
