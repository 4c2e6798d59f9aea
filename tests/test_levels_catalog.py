"""Folders of levels: play order, cross-level rules, `--levels DIR`, and which levels unlock."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from calcquest.errors import CalcquestError
from calcquest.levels import builtin_levels_dir, load_catalog, open_levels
from calcquest.levels.validate import validate_paths

FIXTURES = Path(__file__).parent / "fixtures" / "levels"
COURSE = FIXTURES / "course"


def messages(problems, root: Path) -> list[str]:
    return [str(p).replace(f"{root}/", "") for p in problems]


@pytest.fixture
def course():
    return load_catalog([COURSE], builtin=False)


def test_catalog_is_in_play_order(course):
    assert [w.id for w in course.worlds] == ["basics", "next"]
    assert [lv.id for lv in course.levels] == ["one", "two", "three", "four", "five"]
    assert [lv.id for lv in course.levels_in("next")] == ["four", "five"]
    assert course.path_of("two") == COURSE / "01-basics" / "02-two.yaml"
    assert course.world("next").title == "Next steps"
    assert course.problems == []


def test_unknown_ids_suggest_close_ones(course):
    with pytest.raises(KeyError) as caught:
        course.level("thre")
    assert "there is no level 'thre' (did you mean 'three'?)" in str(caught.value)


def test_first_level_opens_then_its_dependants(course):
    assert open_levels(course, set()) == {"one"}
    assert open_levels(course, {"one"}) == {"one", "two", "three"}


def test_next_world_opens_only_when_the_previous_world_is_done(course):
    assert "four" not in open_levels(course, {"one", "two"})
    opened = open_levels(course, {"one", "two", "three"})
    assert opened == {"one", "two", "three", "four"}
    assert "five" in open_levels(course, {"one", "two", "three", "four"})


def test_done_levels_stay_open_and_unknown_ids_are_ignored(course):
    assert open_levels(course, {"five", "gone-level"}) >= {"five", "one"}
    assert "gone-level" not in open_levels(course, {"gone-level"})


def test_requires_cycle_is_named(tmp_path):
    report = validate_paths([FIXTURES / "cycle"], builtin_context=False)
    assert messages(report.problems, FIXTURES / "cycle") == [
        "01-loop/01-alpha.yaml:4:12: requires[0]: requires cycle: alpha -> gamma -> beta -> alpha; "
        "remove one of these requires"
    ]


def test_world_folder_without_world_yaml_is_a_problem():
    report = validate_paths([FIXTURES / "missing-world"], builtin_context=False)
    folder = FIXTURES / "missing-world" / "01-orphans"
    assert [str(p) for p in report.problems] == [
        f"{folder}:1:1: this folder has level files but no world.yaml; add one with "
        f"`calcquest new world {folder}`"
    ]


def test_cross_level_rules(tmp_path):
    folder = tmp_path / "levels"
    shutil.copytree(COURSE, folder)
    two = folder / "01-basics" / "02-two.yaml"
    two.write_text(two.read_text().replace("id: two", "id: one").replace("[one]", "[thre]"))
    four = folder / "02-next" / "01-four.yaml"
    four.write_text(four.read_text().replace("world: next", "world: nxt"))
    report = validate_paths([folder], builtin_context=False)
    assert messages(report.problems, folder) == [
        "01-basics/02-two.yaml:1:5: id: duplicate level id 'one' (also in "
        "01-basics/01-one.yaml:1); ids must be unique",
        "01-basics/02-two.yaml:4:12: requires[0]: unknown level 'thre' (did you mean 'three'?)",
        "02-next/01-four.yaml:3:8: world: unknown world 'nxt' (did you mean 'next'?)",
    ]
    catalog = load_catalog([folder], builtin=False)
    assert "nxt" not in {lv.world for lv in catalog.levels}  # left out, not crashed on
    assert len(catalog.problems) == 3


def test_broken_file_is_left_out_of_the_catalog_with_its_problem(tmp_path):
    folder = tmp_path / "levels"
    shutil.copytree(COURSE, folder)
    (folder / "02-next" / "02-five.yaml").write_text("id: five\ntitle: [\n")
    catalog = load_catalog([folder], builtin=False)
    assert "five" not in [lv.id for lv in catalog.levels]
    assert len(catalog.problems) == 1 and "02-five.yaml:" in str(catalog.problems[0])


def test_extra_folder_is_played_beside_the_builtin_levels(tmp_path):
    world = tmp_path / "mine" / "09-extra"
    world.mkdir(parents=True)
    (world / "world.yaml").write_text("id: my-extra\ntitle: Extra\norder: 99\n")
    shutil.copy(COURSE / "01-basics" / "01-one.yaml", world / "01-mine.yaml")
    text = (world / "01-mine.yaml").read_text()
    (world / "01-mine.yaml").write_text(
        text.replace("id: one", "id: my-own").replace("basics", "my-extra")
    )
    both = load_catalog([tmp_path / "mine"])
    assert both.worlds[-1].id == "my-extra" and both.levels[-1].id == "my-own"
    alone = load_catalog([tmp_path / "mine"], builtin=False)
    assert [lv.id for lv in alone.levels] == ["my-own"]


def test_missing_levels_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CalcquestError) as caught:
        load_catalog([tmp_path / "nope"])
    assert "is not a folder of levels" in caught.value.message


def test_builtin_levels_are_found_in_a_checkout():
    folder = builtin_levels_dir()
    assert folder == Path(__file__).parents[1] / "levels"


def test_loading_the_catalog_stays_light():
    """The game loads the catalog at start-up: no SymPy, NumPy or Textual may come with it."""
    code = (
        "import sys\n"
        "from calcquest.levels import load_catalog\n"
        "catalog = load_catalog()\n"
        "print(len(catalog.levels) > 0, [m for m in ('sympy', 'numpy', 'textual') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "True []"


def test_levels_in_a_folder_without_world_yaml_are_still_validated(tmp_path):
    orphans = tmp_path / "levels" / "01-orphans"
    shutil.copytree(FIXTURES / "missing-world" / "01-orphans", orphans)
    lost = orphans / "01-lost.yaml"
    lost.write_text(lost.read_text().replace("title:", "titel:"))
    report = validate_paths([tmp_path / "levels"], builtin_context=False)
    assert report.files == 1
    assert messages(report.problems, tmp_path / "levels") == [
        "01-orphans:1:1: this folder has level files but no world.yaml; add one with "
        "`calcquest new world 01-orphans`",
        "01-orphans/01-lost.yaml:2:1: titel: unknown key 'titel' (did you mean 'title'?)",
    ]
    assert load_catalog([tmp_path / "levels"], builtin=False).levels == []  # not playable


def test_a_folder_with_no_levels_is_reported_not_passed(tmp_path):
    (tmp_path / "empty" / "notes").mkdir(parents=True)
    (tmp_path / "empty" / "notes" / "readme.txt").write_text("hi")
    report = validate_paths([tmp_path / "empty"], builtin_context=False)
    assert messages(report.problems, tmp_path) == [
        "empty:1:1: no world or level files here; a levels folder holds world folders such as "
        "01-limits/ (start one with `calcquest new world empty/01-first`)"
    ]


def test_unreadable_folders_and_looping_links_are_problems_not_tracebacks(tmp_path, monkeypatch):
    folder = tmp_path / "levels"
    shutil.copytree(COURSE, folder)
    (folder / "02-next" / "03-loop.yaml").symlink_to("03-loop.yaml")
    (folder / "loop-dir").symlink_to("loop-dir")
    locked = folder / "03-locked"
    locked.mkdir()
    real_iterdir = Path.iterdir

    def iterdir(self):
        if self == locked:  # root may read anything, so pretend
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    report = validate_paths([folder], builtin_context=False)
    assert messages(report.problems, folder) == [
        "02-next/03-loop.yaml:1:1: cannot read it: too many levels of symbolic links; check the "
        "path (a broken or looping link?)",
        "03-locked:1:1: cannot read it: permission denied; give yourself read access (chmod u+rx)",
    ]
    catalog = load_catalog([folder], builtin=False)
    assert len(catalog.levels) == 5 and len(catalog.problems) == 2


def test_a_looping_levels_link_is_a_clear_error(tmp_path):
    (tmp_path / "loop").symlink_to("loop")
    with pytest.raises(CalcquestError) as caught:
        load_catalog([tmp_path / "loop"])
    assert "is not a folder of levels" in caught.value.message
    with pytest.raises(CalcquestError) as caught:
        validate_paths([tmp_path / "loop"])
    assert caught.value.message.endswith(
        "is a link that leads nowhere (broken, or looping back on itself)"
    )
