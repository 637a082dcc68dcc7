"""Chaining: every path of authority from the council to each actor, for each matter.

The mechanism, not the law: a holder of a matter who makes a link for it hands the matter on
(holder + link -> holder), a link that passes on one particular point (vidaredelegation, `via`)
extends only the chain through that point, and a relay grant (take-over, inherit: every matter of
its grantor) becomes a link for each matter its grantor holds. A chain never revisits an actor and
has at most MAX_CHAIN + 1 actors. Which of these links the law allows, guards or burdens is decided
by the statute rules, in durable-rules (engine/compile.py, engine/derive.py).

Facts keep the shapes the rest of the engine reads: holders {t, actor, matter, mks, path, actors, last}
and relay links {t: link, id: "<relay>#<matter>", ..., relay, via: "*"}.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from engine.compile import MAX_CHAIN, SEP

Fact = dict[str, Any]


def relay_link(relay: Fact, holder: Fact) -> Fact:
    """The link a relay grant makes for one matter its grantor holds."""
    return {
        "t": "link", "id": f"{relay['id']}#{holder['matter']}", "kind": relay["kind"], "frm": relay["frm"],
        "to": relay["to"], "matter": holder["matter"], "mks": list(holder["mks"]),
        "to_kinds": list(relay["to_kinds"]), "from_kinds": list(relay["from_kinds"]), "parent_kind": "none",
        "parent_further": "none", "reporting": relay["reporting"], "relay": relay["id"], "via": "*",
    }


def walk(facts: list[Fact]) -> tuple[list[Fact], list[Fact]]:
    """Every holder reachable from the root holders in `facts` (the roots not repeated), and the relay
    links made on the way."""
    links: dict[tuple[str, str, str], list[Fact]] = {}
    relays: dict[str, list[Fact]] = {}
    queue: deque[Fact] = deque()
    for f in facts:
        if f["t"] == "link":
            links.setdefault((f["frm"], f["matter"], f["via"]), []).append(f)
        elif f["t"] == "relay":
            relays.setdefault(f["frm"], []).append(f)
        elif f["t"] == "holder":
            queue.append(f)
    holders: list[Fact] = []
    made: dict[str, Fact] = {}
    while queue:
        h = queue.popleft()
        actor, matter = h["actor"], h["matter"]
        for relay in relays.get(actor, ()):
            link = relay_link(relay, h)
            if link["id"] not in made:
                made[link["id"]] = link
                links.setdefault((actor, matter, "*"), []).append(link)
        actors = h["actors"].split(SEP)
        if len(actors) > MAX_CHAIN:
            continue
        for link in (*links.get((actor, matter, "*"), ()), *links.get((actor, matter, h["last"]), ())):
            if link["to"] in actors:
                continue
            nxt = {"t": "holder", "actor": link["to"], "matter": matter, "mks": h["mks"],
                   "path": h["path"] + SEP + link["id"], "actors": h["actors"] + SEP + link["to"],
                   "last": link["id"]}
            holders.append(nxt)
            queue.append(nxt)
    return holders, list(made.values())
