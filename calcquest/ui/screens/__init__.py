"""The game's screens: map, level, complete, review, help, settings, confirm, too small."""
