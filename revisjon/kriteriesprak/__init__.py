"""The criteria language: declarative YAML criteria, checked at load and compiled once."""
