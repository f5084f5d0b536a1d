"""bench/mutation.py's Python driver: mutmut 3 on one row of the module table, in a copy of the
working tree.

mutmut copies the package into ``mutants/`` beside the tests, where every function of the files
named in ``only_mutate`` becomes a trampoline to its original or one of its mutants (chosen by an
environment variable). It first runs the row's tests once under a tracer to learn which tests
reach which function, then runs, for each mutant, only those tests (``pytest -x``),
``--max-children`` at a time, each in a process forked from a server that has imported the
tests but run none of them (``process_isolation = forkserver``). Forked from a process that had
run them, as by default, a mutant would inherit warm caches (the sanitiser's ``lru_cache`` of
rendered texts, its lazily built Markdown converter) and its mutated code would never run.

mutmut reads its settings from ``setup.cfg`` in the folder it runs in; this driver writes one
per row into the copy. mutmut mutates the bodies of functions and methods, not module-level
code nor functions with a decorator other than ``staticmethod``/``classmethod`` (a
``property``, say): those lines have no mutants here.

Before mutmut runs, the row's tests run once as they are. A test that already fails (a change
someone is in the middle of) would stop mutmut's clean run, so it is deselected and reported.
"""

from __future__ import annotations

import ast
import difflib
import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from mutation_common import ModuleResult, Mutant, Target, environment, missing

PYTHON = Path(sys.executable)
MUTMUT = PYTHON.with_name("mutmut")

# mutmut's exit codes of a mutant's test run (mutmut/stats.py), in our vocabulary.
STATUS_BY_EXIT_CODE = {
    1: "killed",
    3: "killed",  # pytest's internal error: the mutant broke something
    0: "survived",
    5: "no tests",  # pytest collected nothing
    33: "no tests",  # no test of the selection reaches the function
    -24: "timeout",  # SIGXCPU: its CPU time ran out
    24: "timeout",
    152: "timeout",
    255: "timeout",
    36: "timeout",
    -9: "timeout",  # SIGKILL, one CPU second after SIGXCPU
    -11: "crashed",
}
SUMMARY_LINE = re.compile(r"^(?:FAILED|ERROR) (\S+)")


def run(target: Target, tree: Path, workers: int, log: Path) -> ModuleResult:
    """Mutate ``target``'s files in ``tree`` (a fresh copy of the working tree) and run its
    tests against each mutant; mutmut's output goes to ``log``."""
    result = ModuleResult(target.name, list(target.sources), list(target.tests))
    result.skipped = list(target.skip)
    result.missing_tests = missing(tree, target.tests)
    tests = [test for test in target.tests if test not in result.missing_tests]
    if not tests:
        result.error = "none of its test files is in the working tree"
        return result
    started = time.monotonic()
    result.deselected = failing_tests(tree, tests, target.skip)
    write_configuration(tree, target, tests, [*target.skip, *result.deselected])
    copy_other_files(tree)
    with log.open("w", encoding="utf-8") as output:
        command = [str(MUTMUT), "run", "--max-children", str(workers)]
        env = environment(PYTHONPATH=str(tree / "mutants"))
        finished = subprocess.run(command, cwd=tree, env=env, stdout=output, stderr=output)
    result.seconds = time.monotonic() - started
    if finished.returncode != 0:
        result.error = f"mutmut exited with {finished.returncode}: {last_words(log)}"
    result.mutants = list(read_mutants(tree, target))
    return result


def failing_tests(tree: Path, tests: list[str], skip: tuple[str, ...]) -> list[str]:
    """The node ids of the tests that fail in ``tree`` before any mutation."""
    deselect = [arg for test in skip for arg in ("--deselect", test)]
    command = [str(PYTHON), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rfE", *deselect]
    command += tests
    finished = subprocess.run(
        command, cwd=tree, env=environment(), capture_output=True, text=True, check=False
    )
    found = (SUMMARY_LINE.match(line) for line in finished.stdout.splitlines())
    return sorted({match[1] for match in found if match})


def write_configuration(tree: Path, target: Target, tests: list[str], skip: list[str]) -> None:
    """mutmut's settings for this row, in the copy's setup.cfg (pyproject.toml has none)."""
    deselect = [arg for test in skip for arg in ("--deselect", test)]

    def listing(values: list[str]) -> str:
        return "".join(f"\n    {value}" for value in values)

    (tree / "setup.cfg").write_text(
        "[mutmut]\n"
        "source_paths = credsite\n"
        f"only_mutate ={listing(list(target.sources))}\n"
        f"pytest_add_cli_args_test_selection ={listing(tests)}\n"
        f"pytest_add_cli_args ={listing(['-p', 'no:cacheprovider', *deselect])}\n"
        "use_git_change_detection = false\n"
        "process_isolation = forkserver\n"
        # A mutant's tests may use (their usual time + 1 s) x 8 of CPU time before it counts
        # as a timeout (detected); mutmut's default, x 30, let each of ed25519's runaway
        # exponentiations (pow without its modulus) hold a worker for minutes.
        "timeout_multiplier = 4\n",
        encoding="utf-8",
    )


def copy_other_files(tree: Path) -> None:
    """The tests run in ``mutants/``, where mutmut copies only the package and the tests: the
    rest of the tree (content, theme, browser code, data) is copied in beside them. Copied, not
    linked: browser/build.mjs finds its files from its own real path, which must be there."""
    mutants = tree / "mutants"
    mutants.mkdir(exist_ok=True)
    for entry in tree.iterdir():
        if entry.name in {"credsite", "tests", "mutants", "setup.cfg", "pyproject.toml"}:
            continue
        if entry.is_dir():
            shutil.copytree(entry, mutants / entry.name, symlinks=True)
        else:
            shutil.copy2(entry, mutants / entry.name)


def last_words(log: Path) -> str:
    """The end of mutmut's output without its spinner: why it stopped."""
    text = log.read_text(encoding="utf-8", errors="replace")
    lines = [line for line in re.split(r"[\r\n]", text) if line.strip() and "⠋" not in line]
    return " / ".join(lines[-6:])


def read_mutants(tree: Path, target: Target) -> Iterator[Mutant]:
    """Every mutant mutmut made of ``target``'s files, with its line and change."""
    for meta in sorted((tree / "mutants").rglob("*.py.meta")):
        path = meta.relative_to(tree / "mutants").as_posix().removesuffix(".meta")
        exit_codes: dict[str, int | None] = json.loads(meta.read_text())["exit_code_by_key"]
        changes = MutatedFile(tree, path)
        for key, code in sorted(exit_codes.items(), key=lambda item: mutant_order(item[0])):
            line, change = changes.locate(key)
            status = "invalid" if code is None else STATUS_BY_EXIT_CODE.get(code, "invalid")
            yield Mutant(path, line, change, status)


def mutant_order(key: str) -> tuple[str, int]:
    stem, _, number = key.rpartition("__mutmut_")
    return stem, int(number) if number.isdigit() else 0


class MutatedFile:
    """mutmut's copy of one source file, which holds each function's original (renamed
    ``<name>__mutmut_orig``) beside its mutants (``<name>__mutmut_<n>``): a mutant's change is
    its first difference from the original, and its line that of the original in the source."""

    def __init__(self, tree: Path, path: str) -> None:
        self.lines = (tree / "mutants" / path).read_text(encoding="utf-8").splitlines()
        mutated = ast.parse("\n".join(self.lines))
        self.functions = {
            node.name: node
            for node in ast.walk(mutated)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        self.definitions = definition_lines(ast.parse((tree / path).read_text(encoding="utf-8")))

    def locate(self, key: str) -> tuple[int, str]:
        """The source line and the one-line change of the mutant named ``key``."""
        name = key.rpartition(".")[2]
        stem = name.rpartition("__mutmut_")[0]
        original = self.body(f"{stem}__mutmut_orig")
        mutant = self.body(name)
        matcher = difflib.SequenceMatcher(None, original, mutant, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                old = " ⏎ ".join(line.strip() for line in original[i1:i2])
                new = " ⏎ ".join(line.strip() for line in mutant[j1:j2])
                return self.definitions.get(stem, 0) + i1, f"`{old}` → `{new}`"
        return self.definitions.get(stem, 0), "(no difference found)"

    def body(self, name: str) -> list[str]:
        """A function's lines, its own name in the first taken out, so two versions compare."""
        node = self.functions[name]
        lines = self.lines[node.lineno - 1 : node.end_lineno]
        return [lines[0].replace(name, "<function>"), *lines[1:]]


def definition_lines(module: ast.Module) -> dict[str, int]:
    """Where each function mutmut can mutate is defined, by mutmut's name for it:
    ``x_<function>``, ``xǁ<Class>ǁ<method>``."""
    found: dict[str, int] = {}
    for node in module.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found[f"x_{node.name}"] = node.lineno
        elif isinstance(node, ast.ClassDef):
            for member in node.body:
                if isinstance(member, ast.FunctionDef | ast.AsyncFunctionDef):
                    found[f"xǁ{node.name}ǁ{member.name}"] = member.lineno
    return found
