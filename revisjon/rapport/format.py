"""The output formats a user can choose."""

from enum import StrEnum


class Format(StrEnum):
    markdown = "markdown"
    json = "json"
    jsonl = "jsonl"
    docx = "docx"
