"""The map index: what the map shows before the full catalog has loaded, cached between runs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from calcquest.levels import load_catalog, open_levels
from calcquest.levels.index import CACHE_NAME, MapIndex, index_of_catalog, load_map_index

COURSE = Path(__file__).resolve().parent / "fixtures" / "levels" / "course"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A writable copy of the two-world fixture course."""
    return Path(shutil.copytree(COURSE, tmp_path / "course"))


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


def _same(index: MapIndex, other: MapIndex) -> bool:
    return (index.worlds, index.levels) == (other.worlds, other.levels)


def test_the_quick_index_of_the_builtin_levels_matches_the_full_catalog(cache: Path) -> None:
    index = load_map_index(cache_dir=cache)
    catalog = load_catalog()
    assert _same(index, index_of_catalog(catalog))
    assert [level.title for level in index.levels] == [level.title for level in catalog.levels]
    assert index.level(catalog.levels[0].id).question_ids() == catalog.levels[0].question_ids()
    done = {catalog.levels[0].id}
    assert open_levels(index, done) == open_levels(catalog, done)


def test_a_second_start_reads_the_cache_instead_of_the_level_files(
    course: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_map_index([course], builtin=False, cache_dir=cache)
    assert (cache / CACHE_NAME).is_file()

    def refuse(files: object) -> None:
        raise AssertionError("the level files were read again")

    monkeypatch.setattr("calcquest.levels.index_build.build_entries", refuse)
    assert _same(load_map_index([course], builtin=False, cache_dir=cache), first)


def test_an_edited_level_file_is_read_again(course: Path, cache: Path) -> None:
    load_map_index([course], builtin=False, cache_dir=cache)
    level_file = course / "01-basics" / "01-one.yaml"
    level_file.write_text(level_file.read_text().replace("Level one", "Level one, renamed"))
    index = load_map_index([course], builtin=False, cache_dir=cache)
    assert index.level("one").title == "Level one, renamed"


def test_an_added_or_removed_level_file_is_noticed(course: Path, cache: Path) -> None:
    before = load_map_index([course], builtin=False, cache_dir=cache)
    (course / "02-next" / "02-five.yaml").unlink()
    after = load_map_index([course], builtin=False, cache_dir=cache)
    assert "five" in [level.id for level in before.levels]
    assert "five" not in [level.id for level in after.levels]


def test_a_level_only_the_full_check_rejects_leaves_the_map_once_the_catalog_loads(
    course: Path, cache: Path
) -> None:
    broken = course / "02-next" / "01-four.yaml"
    broken.write_text(broken.read_text().replace("kind: numeric", "kind: nonsense"))
    quick = load_map_index([course], builtin=False, cache_dir=cache)
    assert "four" in [level.id for level in quick.levels], "the quick read does not validate"

    catalog = quick.load_catalog()
    assert "four" not in [level.id for level in catalog.levels]
    assert _same(quick, index_of_catalog(catalog)), "the index now follows the catalog"
    again = load_map_index([course], builtin=False, cache_dir=cache)
    assert _same(again, index_of_catalog(catalog)), "and so does the next start's cache"


def test_a_damaged_cache_is_rebuilt(course: Path, cache: Path) -> None:
    good = load_map_index([course], builtin=False, cache_dir=cache)
    (cache / CACHE_NAME).write_text("{not json")
    assert _same(load_map_index([course], builtin=False, cache_dir=cache), good)
    assert json.loads((cache / CACHE_NAME).read_text())["levels"], "rewritten whole"


def test_without_a_writable_cache_the_index_is_still_read(course: Path, tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "folder"
    index = load_map_index([course], builtin=False, cache_dir=missing)
    assert [world.id for world in index.worlds] == ["basics", "next"]
    assert not missing.exists()


def test_files_without_the_map_fields_are_left_out_like_the_catalog_does(
    course: Path, cache: Path
) -> None:
    (course / "01-basics" / "09-empty.yaml").write_text("")
    (course / "01-basics" / "10-list.yaml").write_text("- just\n- a list\n")
    (course / "01-basics" / "11-no-world.yaml").write_text(
        "id: lost\ntitle: Lost\nworld: nowhere\nlesson: x\nquestions: [{prompt: p}]\n"
    )
    index = load_map_index([course], builtin=False, cache_dir=cache)
    catalog = load_catalog([course], builtin=False)
    assert _same(index, index_of_catalog(catalog))
