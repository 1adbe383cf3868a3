"""Prepare the (de)serializers of the messages that editing sends while the server idles.

cattrs writes the function that turns a JSON message into lsprotocol objects (and a
result back into JSON) the first time it meets each type: 1-3 ms apiece. Without this,
the first keystroke after opening a file, the first completion and the first code
action each waited for theirs (measured: a first edit's diagnostics 11 ms after the
debounce, the edits after it 6 ms; ``bench/lsp_speed.py``). The messages of start-up
and of the first hover are left alone: they are needed at once. The rest takes about
20 ms, which would delay the first hover as much, so it waits until start-up's burst
of messages is usually over, then goes one type per step of the event loop: a message
arriving meanwhile waits for one step (1-4 ms) at most.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Iterator

from cattrs import Converter
from lsprotocol.types import METHOD_TO_TYPES

log = logging.getLogger(__name__)

# After initialize, the first didOpen and the first hover, before a person types.
DELAY_SECONDS = 0.5


def message_types(methods: Iterable[str]) -> Iterator[tuple[bool, type]]:
    """(structure?, type) for each method's message, and its result when it has one."""
    for method in methods:
        found = METHOD_TO_TYPES.get(method)
        if found is None:
            continue
        message, response = found[0], found[1]
        yield True, message
        if response is not None:
            yield False, response


def warm_later(converter: Converter, methods: Iterable[str]) -> None:
    """Build the hooks of ``methods``' messages one by one, from ``DELAY_SECONDS`` on."""
    steps = message_types(methods)
    loop = asyncio.get_running_loop()

    def step() -> None:
        item = next(steps, None)
        if item is None:
            return
        incoming, kind = item
        try:
            if incoming:
                converter.get_structure_hook(kind)
            else:
                converter.get_unstructure_hook(kind)
        except Exception:  # a hook that cannot be built now is built when first needed
            log.debug("no converter hook for %s", kind, exc_info=True)
        loop.call_soon(step)

    loop.call_later(DELAY_SECONDS, step)
