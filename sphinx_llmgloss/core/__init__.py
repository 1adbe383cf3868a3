"""The glossary core: model, loading, config, lookup and matching.

It imports neither Sphinx, docutils, pygls nor lsprotocol; both front ends and
the CLI build on it. A test checks that in a fresh interpreter.
"""

from .config import Config, discover, load_config, options
from .errors import ConfigError, LlmglossError, Location, Problem, Severity
from .glossary import Glossary, merge
from .load import LoadedFile, load_file, load_text
from .match import Matcher, Mention
from .model import Case, Entry, MatchPolicy, Origin, Reference, RefKind, Source
from .sources import builtin_path, load_builtin, load_glossary

__all__ = [
    "Case",
    "Config",
    "ConfigError",
    "Entry",
    "Glossary",
    "LlmglossError",
    "LoadedFile",
    "Location",
    "MatchPolicy",
    "Matcher",
    "Mention",
    "Origin",
    "Problem",
    "RefKind",
    "Reference",
    "Severity",
    "Source",
    "builtin_path",
    "discover",
    "load_builtin",
    "load_config",
    "load_file",
    "load_glossary",
    "load_text",
    "merge",
    "options",
]
