"""`calcquest schema`: print the JSON Schema of the level format, for editors.

Point the YAML language server at it (`# yaml-language-server: $schema=level.schema.json`)
to get completion, hover docs and errors while writing a level.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def add_parser(subparsers) -> None:
    """Register `schema`."""
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of level files (for editors)",
        description="Print the JSON Schema of the level format (or of world.yaml with --world).",
    )
    parser.add_argument("--world", action="store_true", help="the schema of world.yaml instead")
    parser.add_argument("-o", "--output", metavar="FILE", help="write it to FILE instead")


def run(args: argparse.Namespace) -> int:
    """Print or write the schema."""
    from calcquest.levels.json_schema import level_json_schema, world_json_schema

    schema = world_json_schema() if args.world else level_json_schema()
    text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            from calcquest.errors import CalcquestError

            raise CalcquestError(
                "Cannot write the schema",
                f"cannot write {args.output}: {(exc.strerror or str(exc)).lower()}",
                "Pick a file in a folder you can write to, or leave out -o to print it.",
            ) from None
        print(f"Wrote {args.output}.")
    else:
        print(text, end="")
    return 0
