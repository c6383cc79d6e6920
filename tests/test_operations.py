"""The repository's operations: workflows that test before they publish, scheduled builds, licences.

The workflows cannot run here; they are validated offline against GitHub's
published schema and read as GitHub reads them.
"""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPOSITORY_ROOT

WORKFLOWS = REPOSITORY_ROOT / ".github" / "workflows"
#: The current major version of every action the workflows use (December 2026).
CURRENT_MAJORS = {
    "actions/checkout": 7,
    "actions/setup-python": 7,
    "actions/configure-pages": 6,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
    "actions/upload-artifact": 7,
}


def workflow(name: str) -> dict:
    # PyYAML reads `on:` as True: GitHub reads it as the key "on".
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps_of(job: dict) -> list[dict]:
    return job.get("steps", [])


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")), ids=lambda path: path.name)
def test_every_workflow_follows_githubs_schema(path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_pull_requests_run_the_readmes_test_command_and_the_lint():
    pages = workflow("pages.yml")
    assert "pull_request" in pages[True] and pages[True]["push"]["branches"] == ["main"]
    runs = [step.get("run", "") for step in steps_of(pages["jobs"]["test"])]
    assert "make test" in runs and "make lint" in runs
    assert any("chromium" in run and "default-jre-headless" in run and "npm" in run for run in runs)
    (upload,) = [
        step for step in steps_of(pages["jobs"]["test"]) if step.get("uses", "").startswith("actions/upload-artifact")
    ]
    assert upload["if"] == "failure()" and "_build/screenshots" in upload["with"]["path"]
    assert "make test" in (REPOSITORY_ROOT / "README.md").read_text(encoding="utf-8")


def test_the_site_is_deployed_from_main_only_after_the_tests_pass():
    jobs = workflow("pages.yml")["jobs"]
    deploy = jobs["deploy"]
    assert set(deploy["needs"]) == {"test", "build"}
    assert "github.ref == 'refs/heads/main'" in deploy["if"] and "pull_request" in deploy["if"]
    # configure-pages fails on pull requests until Pages is enabled: it is skipped there.
    (configure,) = [
        step for step in steps_of(jobs["build"]) if step.get("uses", "").startswith("actions/configure-pages")
    ]
    assert configure["if"] == "github.event_name != 'pull_request'"


def test_a_post_dated_today_goes_out_today():
    """Drafts wait for their date: the site is rebuilt every morning, Paris time, on both hosts."""
    for name in ("pages.yml", "readthedocs.yml"):
        (schedule,) = workflow(name)[True]["schedule"]
        minute, hour, *every_day = schedule["cron"].split()
        assert every_day == ["*", "*", "*"] and 3 <= int(hour) <= 5, name


def test_every_job_has_least_privilege():
    for path in WORKFLOWS.glob("*.yml"):
        flow = workflow(path.name)
        assert flow["permissions"] in ({"contents": "read"}, {}), path.name
        for name, job in flow["jobs"].items():
            granted = job.get("permissions", flow["permissions"])
            writes = {scope for scope, level in granted.items() if level == "write"}
            assert writes <= ({"pages", "id-token"} if name == "deploy" else set()), (path.name, name, writes)


def test_no_action_is_older_than_its_current_major_version():
    used = [
        step["uses"]
        for path in WORKFLOWS.glob("*.yml")
        for job in workflow(path.name)["jobs"].values()
        for step in steps_of(job)
        if "uses" in step
    ]
    assert used
    for uses in used:
        action, _, version = uses.partition("@")
        assert action in CURRENT_MAJORS, f"{action}: add its current major version to this test"
        assert version == f"v{CURRENT_MAJORS[action]}", uses


def test_the_upstream_job_tests_newest_releases_and_main_branches_without_changing_pins():
    flow = workflow("upstream.yml")
    assert flow[True]["schedule"]
    job = flow["jobs"]["test-upstream"]
    assert job["strategy"]["matrix"]["upstream"] == ["releases", "main"]
    assert any(step.get("run", "").startswith("make test-upstream") for step in steps_of(job))


def test_code_and_text_have_their_licences():
    code = (REPOSITORY_ROOT / "LICENSE").read_text(encoding="utf-8")
    assert code.startswith("MIT License") and "LICENSE-CONTENU.md" in code
    text = (REPOSITORY_ROOT / "LICENSE-CONTENU.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in text and "valeur provisoire" in text
