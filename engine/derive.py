"""Run the compiled rules once, when a rule set loads, and keep what they derive as immutable data.

Every chain of authority from the council to each actor for each matter is walked (engine/chains.py);
durable-rules infers which statute rules guard each link, which obligations it carries and which
hand-overs take the grantor's own power away. It runs in one session on a host whose background
dispatcher is disabled (with it, chained derivations crash or give wrong answers), in a child process.
Questions are then answered from the `Authority` index without touching durable-rules again.
"""

from __future__ import annotations

import itertools
import os
import pickle
import threading
from dataclasses import dataclass
from typing import Any

from engine.chains import walk
from engine.compile import DROPPED, SEP, Compiled, compile_facts, compile_ruleset, watch
from engine.errors import RuleFileError
from engine.models import LinkKind, StatuteRule
from engine.ruleset import Grant, RuleSet

_host_class: Any = None


def quiet_host_class() -> Any:
    """The durable-rules host class without the background dispatcher threads; durable-rules is imported
    here, when a rule set is derived, not when a cached one is read."""
    global _host_class
    if _host_class is None:
        import durable.engine as durable_engine

        class _QuietHost(durable_engine.Host):  # type: ignore[misc]
            def _run(self) -> None:  # noqa: D401 - the dispatcher is what we switch off
                return None

        _host_class = _QuietHost
    return _host_class


@dataclass(frozen=True)
class Link:
    """One derived link of a chain: a grant (or the root) with the statute rules that bear on it."""

    id: str
    kind: LinkKind
    grantor: str | None
    receiver: str
    matter: str
    grant: Grant | None
    guards: tuple[StatuteRule, ...]
    obligations: tuple[StatuteRule, ...]


@dataclass(frozen=True)
class Chain:
    """A path of authority from the root to an actor for a matter."""

    actor: str
    matter: str
    links: tuple[Link, ...]
    path: str = ""  # the link ids joined: what tells this chain from any other (a cheap key for memos)


@dataclass(frozen=True)
class Transfer:
    """The actor no longer decides the matter itself while `link` (handing it on) is in force."""

    rule: StatuteRule
    link: Link


@dataclass(frozen=True)
class Authority:
    """Everything derived from a rule set that does not depend on the case."""

    chains: dict[tuple[str, str], tuple[Chain, ...]]
    actors_by_matter: dict[str, tuple[str, ...]]
    matters_by_actor: dict[str, tuple[str, ...]]
    transfers: dict[tuple[str, str], tuple[Transfer, ...]]


_counter = itertools.count(1)
_lock = threading.Lock()


def run_durable(rs: RuleSet) -> list[dict[str, Any]]:
    """Derive every chain and the statute rules bearing on each link; return the derived facts.

    The chains are walked in Python (engine/chains.py: the mechanism); which statute rules guard,
    burden or transfer each link is inferred by durable-rules over the distinct link shapes.

    The durable-rules C engine keeps about 7.5 MB per session until the session is deleted, and
    deleting a session that holds facts corrupts its memory (a later ruleset fails to load with
    error 102, measured here). So the session runs in a forked child process that exits when done:
    the parent's engine never holds state, a crash in C cannot take the parent down, and memory is
    returned to the system after every load.
    """
    facts = compile_facts(rs)
    holders, relay_links = walk(facts)
    links = [f for f in facts if f["t"] == "link"] + relay_links
    compiled, members = compile_ruleset(rs, links)
    where = rs.origins[("municipality", "-")].path
    if not hasattr(os, "fork"):  # pragma: no cover - non-POSIX: run in-process, never delete state
        status, payload = _derive_in_session(compiled)
    else:
        with _lock:
            status, payload = _derive_in_child(compiled)
    if status != "ok":
        raise RuleFileError(where, 0, f"the inference failed: {payload}")
    return [*facts, *holders, *relay_links, *_expand(payload, members)]


def _expand(marks: list[dict[str, Any]], members: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The marks durable-rules put on each link shape, as marks on every link of that shape."""
    out: list[dict[str, Any]] = []
    for mark in marks:
        t = mark.get("t")
        if t not in ("guard", "oblige", "transfer"):
            continue
        for link in members[mark["link"]]:
            if t == "transfer":
                out.append({"t": t, "actor": link["frm"], "matter": link["matter"], "link": link["id"],
                            "rule": mark["rule"]})
            else:
                out.append({"t": t, "link": link["id"], "rule": mark["rule"]})
    return out


CREATE_ATTEMPTS = 8


def _create(compiled: Compiled) -> tuple[Any, str]:
    """A host holding the compiled ruleset.

    durable-rules reads an uninitialised node field while building the network, so creating a ruleset
    fails now and then with "error code: 102" (3.5 % of loads in tests/test_differential.py); a fresh
    attempt allocates new nodes and succeeds. Each attempt gets its own copy, since creation consumes
    the rules' actions.
    """
    import durable_rules_engine

    error: Exception | None = None
    for _ in range(CREATE_ATTEMPTS):
        name = f"mandat_{next(_counter)}"
        host = quiet_host_class()()
        try:
            host.set_rulesets({name: {k: dict(v) for k, v in compiled.rules.items()}})
            return host, name
        except durable_rules_engine.error as exc:
            error = exc
    raise RuntimeError(f"durable-rules could not build the ruleset ({error})")


def _derive_in_session(compiled: Compiled) -> tuple[str, Any]:
    """Assert the shape facts and return every fact the session holds afterwards.

    durable-rules refuses a fact whose 32-bit hash collides with one it holds (engine/compile.py,
    `_assert`); a session where that happened is redone as two halves in fresh sessions, so no fact is
    ever lost silently.
    """
    import durable.engine as durable_engine

    host, name = _create(compiled)
    if not compiled.facts:
        return "ok", []
    pending = [compiled.facts]
    out: list[dict[str, Any]] = []
    sessions = 0
    while pending:
        group = pending.pop()
        sessions += 1
        sid = str(sessions)
        watch()
        try:
            host.assert_facts(name, [{**f, "sid": sid} for f in group])
        except durable_engine.MessageObservedException:  # two distinct input facts share a hash
            DROPPED.append("input")
        state = host.get_state(name, sid)
        if state.get("exception"):
            return "error", str(state["exception"]).split(", traceback")[0][:300]
        if DROPPED:
            if len(group) == 1:
                return "error", f"durable-rules refused a distinct fact of link shape `{group[0]['id']}` (hash collision)"
            half = len(group) // 2
            pending += [group[half:], group[:half]]
            continue
        out.extend(host.get_facts(name, sid))
    return "ok", out


def _derive_in_child(compiled: Compiled) -> tuple[str, Any]:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: derive, send the facts, exit without cleaning up
        os.close(read_fd)
        try:
            payload = pickle.dumps(_derive_in_session(compiled), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent as a message
            payload = pickle.dumps(("error", f"{type(exc).__name__}: {exc}"))
        with os.fdopen(write_fd, "wb") as out:
            out.write(payload)
        os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as pipe:
        data = pipe.read()
    _, wait_status = os.waitpid(pid, 0)
    if not data:
        return "error", f"the inference process ended without a result (wait status {wait_status})"
    return pickle.loads(data)  # type: ignore[no-any-return]


def derive(rs: RuleSet) -> Authority:
    """Derive the authority index of a rule set."""
    return build_authority(rs, run_durable(rs))


def build_authority(rs: RuleSet, facts: list[dict[str, Any]]) -> Authority:
    """Turn the derived facts into immutable chains, keyed by (actor, matter)."""
    guards: dict[str, list[StatuteRule]] = {}
    obligations: dict[str, list[StatuteRule]] = {}
    relay_links: dict[str, dict[str, Any]] = {}
    holders: list[dict[str, Any]] = []
    transfer_facts: list[dict[str, Any]] = []
    for f in facts:
        t = f.get("t")
        if t == "guard":
            guards.setdefault(f["link"], []).append(rs.rules[f["rule"]])
        elif t == "oblige":
            obligations.setdefault(f["link"], []).append(rs.rules[f["rule"]])
        elif t == "holder":
            holders.append(f)
        elif t == "transfer":
            transfer_facts.append(f)
        elif t == "link" and "relay" in f:
            relay_links[f["id"]] = f
    links: dict[str, Link] = {}

    def link(link_id: str, matter: str) -> Link:
        if link_id in links:
            return links[link_id]
        if link_id.startswith("own:"):
            assert rs.council is not None  # a root holder is asserted only for a council
            made = Link(link_id, LinkKind.own, None, rs.council, matter, None,
                        tuple(guards.get(link_id, ())), tuple(obligations.get(link_id, ())))
        else:
            relay = relay_links.get(link_id)
            grant = rs.grants[relay["relay"] if relay else link_id]
            made = Link(link_id, grant.kind, grant.grantor, grant.receiver, matter, grant,
                        tuple(sorted(guards.get(link_id, ()), key=lambda r: r.id)),
                        tuple(sorted(obligations.get(link_id, ()), key=lambda r: r.id)))
        links[link_id] = made
        return made

    chains: dict[tuple[str, str], list[Chain]] = {}
    for h in holders:
        ids = h["path"].split(SEP)
        chain = Chain(h["actor"], h["matter"], tuple(link(i, h["matter"]) for i in ids), h["path"])
        chains.setdefault((h["actor"], h["matter"]), []).append(chain)
    frozen = {k: tuple(sorted(v, key=lambda c: (len(c.links), [x.id for x in c.links]))) for k, v in chains.items()}
    transfers: dict[tuple[str, str], list[Transfer]] = {}
    for f in transfer_facts:
        transfers.setdefault((f["actor"], f["matter"]), []).append(
            Transfer(rs.rules[f["rule"]], link(f["link"], f["matter"])))
    by_matter: dict[str, set[str]] = {}
    by_actor: dict[str, set[str]] = {}
    for actor, matter in frozen:
        by_matter.setdefault(matter, set()).add(actor)
        by_actor.setdefault(actor, set()).add(matter)
    return Authority(
        chains=frozen,
        actors_by_matter={k: tuple(sorted(v)) for k, v in by_matter.items()},
        matters_by_actor={k: tuple(sorted(v)) for k, v in by_actor.items()},
        transfers={k: tuple(sorted(v, key=lambda t: t.link.id)) for k, v in transfers.items()},
    )
