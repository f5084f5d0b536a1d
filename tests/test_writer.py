"""The writer on its own: small changes go into the site file by file, large ones swap a tree."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from credsite.base.errors import BuildError
from credsite.build.output import Output
from credsite.build.writer import IN_PLACE_MIN, in_place_limit, record_path, write_site

from .test_build import tree_digest


def outputs(texts: dict[str, str]) -> tuple[list[Output], dict[str, str]]:
    planned = [Output(path, "text", {"text": text}) for path, text in sorted(texts.items())]
    prints = {o.path: hashlib.sha256(o.data["text"].encode()).hexdigest() for o in planned}
    return planned, prints


def render(output: Output) -> bytes:
    if output.data["text"] == "boom":
        raise BuildError(f"{output.path}: cannot render")
    return output.data["text"].encode()


def write(tmp_path: Path, texts: dict[str, str], renderer=render):
    planned, prints = outputs(texts)
    return write_site(tmp_path / "out", planned, prints, renderer, tmp_path / "cache")


def many(count: int, **changes: str) -> dict[str, str]:
    texts = {f"c/{n:04d}/index.html": f"page {n}" for n in range(count)}
    return texts | {path.replace("__", "/"): text for path, text in changes.items()}


def test_a_few_changes_go_into_the_same_folder_and_leave_the_rest_alone(tmp_path: Path) -> None:
    write(tmp_path, many(300))
    out = tmp_path / "out"
    folder, kept = out.stat().st_ino, (out / "c/0001/index.html").stat().st_ino
    stats = write(tmp_path, many(300) | {"c/0002/index.html": "changed", "new/page.html": "new"})
    assert (stats.rendered, stats.written) == (2, True)
    assert out.stat().st_ino == folder  # not a new tree
    assert (out / "c/0001/index.html").stat().st_ino == kept
    assert (out / "c/0002/index.html").read_text() == "changed"
    assert (out / "new/page.html").read_text() == "new"
    assert list(tmp_path.glob("out.tmp-*")) == []


def test_removed_files_and_the_folders_they_empty_disappear_in_place(tmp_path: Path) -> None:
    write(tmp_path, many(300) | {"gone/deep/page.html": "x", "gone/kept.html": "y"})
    folder = (tmp_path / "out").stat().st_ino
    stats = write(tmp_path, many(300) | {"gone/kept.html": "y"})
    assert stats.removed == 1
    assert (tmp_path / "out").stat().st_ino == folder
    assert not (tmp_path / "out/gone/deep").exists()
    assert (tmp_path / "out/gone/kept.html").is_file()


def test_many_changes_swap_in_a_whole_new_tree(tmp_path: Path) -> None:
    write(tmp_path, many(300))
    folder = (tmp_path / "out").stat().st_ino
    changed = dict.fromkeys(many(300), "new")
    assert len(changed) > in_place_limit(300)
    write(tmp_path, changed)
    assert (tmp_path / "out").stat().st_ino != folder
    assert set(tree_digest(tmp_path / "out").values()) == {hashlib.sha256(b"new").hexdigest()}


def test_the_in_place_limit_grows_with_the_site() -> None:
    assert in_place_limit(10) == IN_PLACE_MIN
    assert in_place_limit(200_000) == 20_000


def test_a_render_error_in_a_small_change_leaves_the_site_as_it_was(tmp_path: Path) -> None:
    write(tmp_path, many(300))
    before = tree_digest(tmp_path / "out")
    with pytest.raises(BuildError, match="cannot render"):
        write(tmp_path, many(300) | {"c/0001/index.html": "fine", "c/0002/index.html": "boom"})
    assert tree_digest(tmp_path / "out") == before
    assert list(tmp_path.glob("out.tmp-*")) == []
    stats = write(tmp_path, many(300) | {"c/0001/index.html": "fine"})
    assert stats.rendered == 1  # the record still describes the site


def test_a_build_stopped_while_renaming_is_repaired_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, many(300))
    real_replace = Path.replace
    calls = []

    def stop_after_one(self: Path, target: Path) -> Path:
        calls.append(target)
        if len(calls) > 1:
            raise KeyboardInterrupt  # as if the build were stopped half-way
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", stop_after_one)
    with pytest.raises(KeyboardInterrupt):
        write(tmp_path, many(300) | {"c/0001/index.html": "one", "c/0002/index.html": "two"})
    monkeypatch.setattr(Path, "replace", real_replace)
    assert not record_path(tmp_path / "cache", tmp_path / "out").exists()
    stats = write(tmp_path, many(300) | {"c/0001/index.html": "one", "c/0002/index.html": "two"})
    assert stats.rendered == stats.outputs  # no record: the whole tree is made again
    assert (tmp_path / "out/c/0002/index.html").read_text() == "two"
    assert list(tmp_path.glob("out.tmp-*")) == []


def test_a_deleted_output_file_is_made_again_with_the_next_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, many(300))
    (tmp_path / "out/c/0003/index.html").unlink()
    write(tmp_path, many(300) | {"c/0001/index.html": "changed"})
    assert (tmp_path / "out/c/0003/index.html").read_text() == "page 3"


def test_on_a_large_site_only_a_new_tree_remakes_deleted_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A national site has 200,000 files: an in-place build does not look at unchanged ones."""
    monkeypatch.setattr("credsite.build.writer.LOOK_FOR_MISSING", 100)
    write(tmp_path, many(300))
    (tmp_path / "out/c/0003/index.html").unlink()
    write(tmp_path, many(300) | {"c/0001/index.html": "changed"})
    assert not (tmp_path / "out/c/0003/index.html").exists()
    write(tmp_path, dict.fromkeys(many(300), "new") | {"c/0003/index.html": "page 3"})
    assert (tmp_path / "out/c/0003/index.html").read_text() == "page 3"


@pytest.mark.parametrize(
    "path", ["a\nb.html", "tab\there.html", "../out.html", "/abs.html", "dir/"]
)
def test_paths_that_are_not_plain_site_paths_are_refused(tmp_path: Path, path: str) -> None:
    """The record is a line per file: no output path may hold a control character."""
    with pytest.raises(BuildError, match="refusing to write outside the site"):
        write(tmp_path, {"ok.html": "x", path: "y"})
    assert not (tmp_path / "out").exists()


def test_a_credential_file_that_changed_or_vanished_during_the_build_is_not_published(
    tmp_path: Path,
) -> None:
    from credsite.issuer.store import read_checked

    source = tmp_path / "credential.json"
    source.write_bytes(b'{"id": "x"}')
    digest = hashlib.sha256(b'{"id": "x"}').hexdigest()
    assert read_checked(str(source), digest) == b'{"id": "x"}'
    source.write_bytes(b'{"id": "y"}')
    with pytest.raises(BuildError, match="changed while the site was being built"):
        read_checked(str(source), digest)
    source.unlink()
    with pytest.raises(BuildError, match=r"credential\.json: cannot read"):
        read_checked(str(source), digest)
