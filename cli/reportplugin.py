"""A pytest plugin that records each feature scenario as written, its outcome and the answers it got.

Loaded by `mandat report` (`-p cli.reportplugin --mandat-report FILE`); writes FILE as JSON:
{"features": {file: {name, keyword, description}}, "scenarios": [{nodeid, feature, name, keyword,
line, steps: [{keyword, text, status}], answers: [{actor, matter, answer, basis: [...]}], outcome,
message}]}. The answers are read from the step library's `case` fixture after every step.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--mandat-report", default=None, help="Write the feature report data (JSON) here.")


class Recorder:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.features: dict[str, dict[str, Any]] = {}
        self.scenarios: dict[str, dict[str, Any]] = {}

    def scenario(self, request: Any, feature: Any, scenario: Any) -> dict[str, Any]:
        nodeid = request.node.nodeid
        if nodeid not in self.scenarios:
            self.features.setdefault(feature.rel_filename, {
                "name": feature.name, "keyword": feature.keyword, "description": feature.description or "",
                "language": feature.language})
            steps = [{"keyword": s.keyword.strip(), "text": s.name, "line": s.line_number, "status": "not run",
                      "background": s.background is not None} for s in scenario.steps]
            self.scenarios[nodeid] = {
                "nodeid": nodeid, "feature": feature.rel_filename, "name": scenario.name,
                "keyword": getattr(scenario, "keyword", "Scenario"), "line": scenario.line_number,
                "steps": steps, "answers": [], "outcome": "not run", "message": ""}
        return self.scenarios[nodeid]

    def step(self, request: Any, feature: Any, scenario: Any, step: Any, status: str) -> None:
        record = self.scenario(request, feature, scenario)
        for s in record["steps"]:
            if s["line"] == step.line_number and s["status"] == "not run":
                s["status"] = status
                break
        self._answer(request, record)

    def _answer(self, request: Any, record: dict[str, Any]) -> None:
        try:
            case = request.getfixturevalue("case")
        except Exception:  # noqa: BLE001 - a scenario without the step library's case has no answers
            return
        answer = getattr(case, "answer", None)
        if answer is None:
            return
        item = {"actor": answer.actor, "actor_name": answer.actor_name, "matter": answer.matter,
                "matter_title": answer.matter_title, "answer": answer.answer, "date": answer.date,
                "facts": answer.facts, "basis": [{"ref": b.ref, "title": b.title, "document": b.document,
                                                  "point": b.point} for b in answer.basis],
                "obligations": [o.ref for o in answer.obligations]}
        if not record["answers"] or record["answers"][-1] != item:
            record["answers"].append(item)

    def write(self) -> None:
        data = {"features": self.features, "scenarios": list(self.scenarios.values())}
        self.path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")


_recorder: Recorder | None = None


def pytest_configure(config: pytest.Config) -> None:
    global _recorder
    path = config.getoption("--mandat-report")
    _recorder = Recorder(Path(path)) if path else None


def pytest_bdd_before_scenario(request: Any, feature: Any, scenario: Any) -> None:
    if _recorder:
        _recorder.scenario(request, feature, scenario)


def pytest_bdd_after_step(request: Any, feature: Any, scenario: Any, step: Any, step_func: Any,
                          step_func_args: Any) -> None:
    if _recorder:
        _recorder.step(request, feature, scenario, step, "passed")


def pytest_bdd_step_error(request: Any, feature: Any, scenario: Any, step: Any, step_func: Any,
                          step_func_args: Any, exception: Exception) -> None:
    if _recorder:
        _recorder.step(request, feature, scenario, step, "failed")


def pytest_bdd_step_func_lookup_error(request: Any, feature: Any, scenario: Any, step: Any,
                                      exception: Exception) -> None:
    if _recorder:
        _recorder.step(request, feature, scenario, step, "undefined")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if not _recorder or report.nodeid not in _recorder.scenarios:
        return
    record = _recorder.scenarios[report.nodeid]
    if report.when == "call" or (report.when == "setup" and report.failed):
        record["outcome"] = report.outcome
        if report.failed:
            crash = getattr(report.longrepr, "reprcrash", None)
            record["message"] = (crash.message if crash else str(report.longrepr))[:600]


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _recorder:
        _recorder.write()
