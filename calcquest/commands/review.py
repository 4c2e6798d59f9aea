"""`calcquest review`: answer the questions you got wrong, spaced out over days."""

from __future__ import annotations

import argparse


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register `review`."""
    from calcquest.cli import add_common_options

    parser = subparsers.add_parser(
        "review",
        help="answer the questions due for review",
        description="Questions you answered wrong come back after 1, 3, 7 and 14 days, "
        "with fresh random numbers. This plays the ones due now.",
    )
    add_common_options(parser)


def run(args: argparse.Namespace) -> int:
    """Play the review in the game (or line by line in plain mode)."""
    from calcquest.commands.play import (
        honour_colour_setting,
        load_game_catalog,
        open_store,
        play_plain,
        run_textual,
        wants_plain,
    )

    seed = getattr(args, "seed", None)
    with open_store(args) as store:
        catalog = load_game_catalog(args)
        if wants_plain(args):
            return play_plain(catalog, store, seed, review=True)
        from calcquest.ui.app import make_app

        honour_colour_setting(store)
        return run_textual(make_app(catalog, store, seed=seed, start_review=True))
