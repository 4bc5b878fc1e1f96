"""`--diff-base REF` in a real git repository built by the test."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.pr.conftest import INTERNET, ROOT, run, run_json, statuses, weak_notebook

NOTEBOOK = "aws_sagemaker_notebook_instance"
RULES = ("--rule", INTERNET, "--rule", ROOT)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(folder: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(folder.parent),  # no user configuration
    }
    done = subprocess.run(
        ["git", *args], cwd=folder, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def commit_all(folder: Path, message: str) -> str:
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", message)
    return git(folder, "rev-parse", "HEAD")


@pytest.fixture
def repo(project: Path) -> Path:
    git(project, "init", "-q")
    modules = project / "modules" / "notebook"
    modules.mkdir(parents=True)
    (modules / "main.tf").write_text('variable "name" {}\n' + weak_notebook("this"))
    infra = project / "infra"
    infra.mkdir()
    (infra / "main.tf").write_text(
        weak_notebook("legacy")
        + 'module "team" {\n  source = "../modules/notebook"\n  name = "team"\n}\n'
    )
    commit_all(project, "base")
    git(project, "branch", "base")
    return project


def test_only_findings_new_against_the_base_are_reported(repo: Path) -> None:
    (repo / "infra" / "new.tf").write_text(weak_notebook("fresh"))
    commit_all(repo, "add a weak notebook")

    code, full = run_json("scan", "infra", *RULES)
    assert len(full["results"]) == 6  # legacy, the module's, fresh: two rules each

    code, report = run_json("scan", "infra", *RULES, "--diff-base", "base")
    assert code == 1
    assert statuses(report) == {
        (f"{NOTEBOOK}.fresh", INTERNET): "failed",
        (f"{NOTEBOOK}.fresh", ROOT): "failed",
    }
    assert report["summary"]["preexisting"] == 4
    assert report["summary"]["failed"] == 2


def test_uncommitted_changes_are_compared_too_and_a_clean_change_passes(repo: Path) -> None:
    code, report = run_json("scan", "infra", *RULES, "--diff-base", "HEAD")
    assert (code, report["results"]) == (0, [])
    # A fix in the working tree: nothing new, nothing fails.
    (repo / "infra" / "main.tf").write_text(
        'module "team" {\n  source = "../modules/notebook"\n  name = "team"\n}\n'
    )
    code, report = run_json("scan", "infra", *RULES, "--diff-base", "HEAD")
    assert (code, report["results"]) == (0, [])
    assert report["summary"]["preexisting"] == 2


def test_removing_a_suppression_makes_its_finding_new(repo: Path) -> None:
    main = repo / "infra" / "main.tf"
    main.write_text(f'# mlposture:ignore {INTERNET} reason="lab"\n' + main.read_text().lstrip())
    commit_all(repo, "suppress")
    main.write_text(main.read_text().split("\n", 1)[1])
    code, report = run_json("scan", "infra", *RULES, "--diff-base", "HEAD")
    assert statuses(report) == {(f"{NOTEBOOK}.legacy", INTERNET): "failed"}
    assert code == 1


def test_a_folder_new_since_the_base_is_all_new(repo: Path) -> None:
    (repo / "sandbox").mkdir()
    (repo / "sandbox" / "main.tf").write_text(weak_notebook("sandbox"))
    code, report = run_json("scan", "infra", "sandbox", *RULES, "--diff-base", "base")
    assert {resource for resource, _ in statuses(report)} == {f"{NOTEBOOK}.sandbox"}
    assert code == 1


def test_scanning_from_a_subfolder_lines_up_with_the_base(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "infra" / "new.tf").write_text(weak_notebook("fresh"))
    monkeypatch.chdir(repo / "infra")
    code, report = run_json("scan", ".", *RULES, "--diff-base", "base")
    assert {resource for resource, _ in statuses(report)} == {f"{NOTEBOOK}.fresh"}
    assert code == 1


def test_the_users_repository_is_left_untouched(repo: Path) -> None:
    (repo / "infra" / "new.tf").write_text(weak_notebook("fresh"))
    before = (git(repo, "status", "--porcelain"), git(repo, "worktree", "list"))
    run("scan", "infra", *RULES, "--diff-base", "base")
    assert (git(repo, "status", "--porcelain"), git(repo, "worktree", "list")) == before


def test_unknown_ref_is_a_usage_error(repo: Path) -> None:
    code, out = run("scan", "infra", "--diff-base", "no-such-branch")
    assert code == 2
    assert "unknown git ref 'no-such-branch'" in out


def test_outside_a_git_repository_is_a_usage_error(project: Path) -> None:
    (project / "main.tf").write_text(weak_notebook("n"))
    code, out = run("scan", ".", "--diff-base", "main")
    assert code == 2
    assert "is not in a git repository" in out


def _entries(cache: Path) -> set[Path]:
    return {p for p in cache.rglob("*.json") if "base" not in p.relative_to(cache).parts}


def test_the_base_tree_is_kept_and_read_from_the_cache_on_the_next_run(repo: Path) -> None:
    """A pull request is scanned many times against one base: the base's tree and its
    evaluated modules are kept in the cache folder instead of being made again each run."""
    (repo / "infra" / "new.tf").write_text(weak_notebook("fresh"))
    commit_all(repo, "add a weak notebook")
    cache = repo.parent / "cache"
    args = ("scan", "infra", *RULES, "--diff-base", "base", "--cache-dir", str(cache))
    first = run_json(*args)
    base_commit = git(repo, "rev-parse", "base")
    kept = cache / "base" / base_commit
    assert (kept / "infra" / "main.tf").is_file()
    written = _entries(cache)
    assert written  # the head's modules and the base's
    again = run_json(*args)
    assert (again[0], again[1]["results"]) == (first[0], first[1]["results"])
    # Nothing evaluated again: the base tree kept its paths, so its modules' entries hold.
    assert _entries(cache) == written
    assert [p.name for p in (cache / "base").iterdir()] == [base_commit]


def test_a_cache_folder_inside_the_scanned_folder_is_never_scanned(repo: Path) -> None:
    (repo / "infra" / "new.tf").write_text(weak_notebook("fresh"))
    commit_all(repo, "add a weak notebook")
    inside = repo / "infra" / "mlposture-cache"
    args = ("scan", "infra", *RULES, "--diff-base", "base", "--cache-dir", str(inside))
    code, first = run_json(*args)
    assert (inside / "CACHEDIR.TAG").is_file() and (inside / "base").is_dir()
    code_again, again = run_json(*args)
    assert (code_again, statuses(again)) == (code, statuses(first))
    assert statuses(first) == {
        (f"{NOTEBOOK}.fresh", INTERNET): "failed",
        (f"{NOTEBOOK}.fresh", ROOT): "failed",
    }


def test_the_bases_failures_are_kept_and_its_tree_not_scanned_again(repo: Path) -> None:
    """The base of a pull request does not change between its runs: what failed there is
    kept with the base tree, so the next run against it scans the head only."""
    (repo / "infra" / "new.tf").write_text(weak_notebook("fresh"))
    commit_all(repo, "add a weak notebook")
    cache = repo.parent / "cache"
    args = ("scan", "infra", *RULES, "--diff-base", "base", "--cache-dir", str(cache))
    code, first = run_json(*args)
    assert first["summary"]["preexisting"] == 4
    # Were the base scanned again, the legacy notebook, gone from it, would be a new finding.
    kept = cache / "base" / git(repo, "rev-parse", "base")
    (kept / "infra" / "main.tf").write_text(
        'module "team" {\n  source = "../modules/notebook"\n  name = "team"\n}\n'
    )
    again_code, again = run_json(*args)
    assert (again_code, statuses(again)) == (code, statuses(first))
    assert again["summary"]["preexisting"] == 4
    # Other options are another base scan.
    _, one_rule = run_json("scan", "infra", "--rule", INTERNET, "--diff-base", "base",
                           "--cache-dir", str(cache))  # fmt: skip
    assert statuses(one_rule) == {
        (f"{NOTEBOOK}.fresh", INTERNET): "failed",
        (f"{NOTEBOOK}.legacy", INTERNET): "failed",
    }


def test_an_unchanged_pull_request_is_answered_from_the_run_cache(repo: Path) -> None:
    (repo / "infra" / "new.tf").write_text(weak_notebook("fresh"))
    commit_all(repo, "add a weak notebook")
    cache = repo.parent / "cache"
    # The repository's root: a module outside the scanned folders is never answered from
    # the run cache (its files are not watched).
    args = ("scan", ".", *RULES, "--diff-base", "base", "--cache-dir", str(cache))
    code, first = run_json(*args)
    shutil.rmtree(cache / "terraform")
    again_code, again = run_json(*args)
    assert not (cache / "terraform").exists(), "the unchanged head was judged again"
    assert (again_code, again["results"]) == (code, first["results"])
    # The ref moved on: another base, scanned.
    (repo / "infra" / "new.tf").unlink()
    commit_all(repo, "drop it")
    git(repo, "branch", "-f", "base")
    _, moved = run_json(*args)
    assert (cache / "terraform").exists()
    assert statuses(moved) == {}
