"""calcquest's benchmarks: `python -m benchmarks` measures every budget in DESIGN.md side by side."""
