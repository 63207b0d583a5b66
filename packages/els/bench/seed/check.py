"""
The seed's ELS parser as a command, for `pnpm bench:els` to time whole process against whole
process: `python3 check.py FILE` parses FILE as the seed did (validate, then parse) and prints
the beat count. audio_models.py and els_parser_service.py are the seed's code as written in
its implementation plan ("Phase 1: Data Models", "Phase 4: ELS Parser Service"), only the package import
made local. Exit status 3 when pydantic, which the seed needs, is not installed.
"""

import sys

try:
    import pydantic  # noqa: F401
except ImportError:
    sys.stderr.write("the seed parser needs pydantic: pip install pydantic\n")
    sys.exit(3)

from els_parser_service import parse_els

with open(sys.argv[1], encoding="utf-8") as source:
    result = parse_els(source.read())
print(f"beats: {len(result.beats)}")
