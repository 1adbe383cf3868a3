#!/usr/bin/env python3
"""Module docstring: a toy scheduler for the KV cache.

Second paragraph mentions TTFT.
"""

import os  # trailing comment about paged attention

URL = "http://example.com/#fragment"  # the "#" in the string is not a comment
PATTERN = r"\s*# not a comment either"


def schedule(batch: list[str]) -> int:
    # A comment before the docstring does not stop it being the docstring.
    r"""Raw docstring: continuous batching — naïve version."""
    "A second string statement is not a docstring."
    return len(batch)  # llmgloss: ignore TTFT


class Engine:
    """Class docstring about speculative decoding."""

    greeting = """A class attribute string, not prose."""

    @property
    def step(self) -> str:
        """Docstring of a decorated method."""
        return os.sep

    async def run(self) -> None:
        """Multi-line docstring.

        Second line about the prefill phase.
        """
        if self:
            """A string first in an if-body is not a docstring."""
        # Ünïcödé comment: 推理 and prefill
