"""Analysis pauses the garbage collector and always turns it back on: at once without an
event loop, on the loop's next turn with one (after the answer that needed it is sent)."""

from __future__ import annotations

import asyncio
import gc

from lsp_server.state import Project

from .conftest import MARKDOWN, view_of


def test_collector_is_back_on_after_a_direct_analysis(project: Project) -> None:
    assert gc.isenabled()
    view_of(MARKDOWN, project)
    assert gc.isenabled()


def test_collector_comes_back_on_the_next_turn_of_the_loop(project: Project) -> None:
    async def analyse_then_look() -> tuple[bool, bool]:
        view_of(MARKDOWN, project)
        paused = not gc.isenabled()
        await asyncio.sleep(0)
        return paused, gc.isenabled()

    assert asyncio.run(analyse_then_look()) == (True, True)


def test_a_failing_analysis_still_restores_the_collector(project: Project) -> None:
    project.linter.analyze = None  # type: ignore[assignment,method-assign]  # now it raises
    view_of(MARKDOWN, project)
    assert gc.isenabled()
