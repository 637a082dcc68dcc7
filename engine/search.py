"""Find actors, matters and case facts in a free-text question, Swedish- and English-aware.

Words are folded (case, accents) and lightly stemmed, so "anställa" meets "anställning", "yttra
sig" meets "yttrande" and "kommundirektören" meets "kommundirektör". Actors are found as whole
names or aliases in the text (the earliest mention is the one asked about); matters are scored
over their titles, keywords, ids and a small bilingual synonym table, each word weighted by how
rare it is among the rule set's matters. Facts are read only where the text is clear.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from engine.ruleset import RuleSet

STOP_TEXT = """
får far kan ska skall maste må vem vilka vilken vad om att i pa på av for för till med och eller en ett den det de
som har hade ar är bli blir besluta beslutar beslut fatta ta tar sig inom under vid fran från hos nar när utan
may can could should who whom what which does do is are be the a an of to for in on at by with and or decide
decides deciding make take sign signs kommunen kommunens municipality municipal inte ej icke not no nagon nagot
annan annat andra other another ny nytt nya new sin sitt sina its their own egen eget egna han hon hen he she they it this that denna detta
"""
# "sig" and "sign" are stop words only outside phrases: the phrase matcher sees every word

STOP = {"".join(c for c in __import__("unicodedata").normalize("NFKD", w) if c.isascii()) for w in STOP_TEXT.split()}

SUFFIXES = sorted("""
ningarnas ningarna ningar ningen ning ingar heterna heten het elserna elser elsen else andet anden ande ende
arnas ernas ornas arna erna orna aren ens ar er or en et ad at a e n s t ing ed es
""".split(), key=len, reverse=True)

# the only endings taken off a three-letter stem: nouns' inflections ("lönen" ~ "lön", not "måla" ~ "mål")
SHORT_OK = {"en", "er", "ar", "or", "na", "et", "n", "s", "ens", "arna", "erna", "orna"}

# English (and a few Swedish) words a clerk uses, mapped to the words the rule files use
SYNONYMS: dict[str, list[str]] = {
    "lease": ["hyresavtal", "inhyrning"], "leases": ["hyresavtal", "inhyrning"], "rent": ["hyra"],
    "hire": ["anställning"], "hiring": ["anställning"], "employ": ["anställning"], "recruit": ["rekrytering"],
    "appoint": ["anställning"], "fire": ["uppsägning"], "dismiss": ["uppsägning", "entlediga"],
    "dismissal": ["uppsägning", "entlediga"], "sack": ["uppsägning"],
    "pay": ["lönesättning"], "salary": ["lönesättning"], "wage": ["lönesättning"], "wages": ["lönesättning"],
    "procure": ["upphandling"], "procurement": ["upphandling"], "purchase": ["upphandling"], "buy": ["upphandling"],
    "tender": ["upphandling"], "statement": ["yttrande"], "opinion": ["yttrande"], "consultation": ["remiss"],
    "tax": ["skattesats"], "loan": ["upplåning"], "borrow": ["upplåning"], "borrowing": ["upplåning"],
    "grant": ["bidrag"], "grants": ["bidrag"], "subsidy": ["bidrag"], "appeal": ["överklagande"],
    "appealed": ["överklagat"], "record": ["handling"], "records": ["handling"], "document": ["handling"],
    "release": ["utlämnande"], "disclose": ["utlämnande"], "leave": ["tjänstledighet"], "damages": ["skadestånd"],
    "crisis": ["kris"], "contract": ["avtal"], "agreement": ["avtal"], "agreements": ["avtal"],
    "write": ["avskrivning"], "invest": ["placering"], "sell": ["försäljning"], "sale": ["försäljning"],
    "representative": ["ombud"], "attorney": ["ombud"], "goals": ["mål"], "guidelines": ["riktlinjer"],
    "annual": ["årsredovisning"], "strategy": ["strategi"], "management": ["ledningsgrupp"],
    "terminate": ["avbryta"], "abort": ["avbryta"], "cancel": ["avbryta"], "club": ["förening"],
    "association": ["förening"], "säga": ["uppsägning"], "let": ["uthyrning"], "land": ["mark"], "socialsekreterare": ["personal"],
    "handläggare": ["personal"], "lärarna": ["personal"], "upplåta": ["uthyrning", "upplåtelse"], "upplåtelse": ["uthyrning"], "lärare": ["personal"], "teacher": ["personal"], "undersköterska": ["personal"],
    "sjuksköterska": ["personal"], "staff": ["personal"], "employee": ["personal"], "employees": ["personal"],
    "anställd": ["personal"], "anställda": ["personal"], "medarbetare": ["personal"], "assistent": ["personal"], "hyra": ["hyresavtal"], "anställa": ["anställning"], "yttra": ["yttrande"],
}

PARTICLES = {"in", "ut", "upp", "bort", "ner"}

# words that say little about which matter is meant
WEAK = {"bestamma": 0.3, "teckna": 0.3, "underteckna": 0.3, "sign": 0.3, "arende": 0.2, "arendet": 0.2, "matter": 0.2,
        "fraga": 0.2, "fragan": 0.2, "question": 0.2, "ga": 0.2}

MODALS = {"far", "kan", "ska", "skall", "maste", "may", "can", "could", "should", "must", "will", "might", "is", "does",
          "ar", "har", "has"}

NUMBER_WORDS = {
    "ett": 1, "en": 1, "ettarigt": 1, "tva": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "atta": 8,
    "nio": 9, "tio": 10, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10,
}


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "Kommundirektören" -> "kommundirektoren"."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def stem(word: str) -> str:
    """A light stem of a folded word: one inflectional or derivational ending off, four letters kept
    (three for a noun's inflection)."""
    for suffix in SUFFIXES:
        rest = len(word) - len(suffix)
        if word.endswith(suffix) and (rest >= 4 or (rest == 3 and suffix in SHORT_OK)):
            return word[: -len(suffix)]
    return word


_SYN = {fold(k): v for k, v in SYNONYMS.items()}


@dataclass(frozen=True)
class Token:
    word: str  # folded
    stem: str
    start: int  # character offsets in the question
    end: int


def tokens(text: str) -> list[Token]:
    folded = fold(text)
    return [Token(m.group(), stem(m.group()), m.start(), m.end())
            for m in re.finditer(r"[a-z0-9]+", folded)]


Term = tuple[str, str]  # (stem, folded word)


def strength(a: Term, b: Term) -> float:
    """How well question term `a` matches term `b`: 1 same stem, 0.85 one word begins the other,
    0.3 the question's compound ends in the term ("hyresavtal" ~ "avtal"), 0.5 the reverse
    ("upplåta" ~ "markupplåtelse")."""
    (sa, wa), (sb, wb) = a, b
    if sa == sb or wa == wb:
        return 1.0
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) >= 5 and long_.startswith(short) and len(long_) - len(short) <= 5:  # an ending, not a compound
        return 0.85
    if (len(sb) >= 5 and wa.startswith(sb) and len(wa) - len(sb) <= 5) or \
            (len(sa) >= 5 and wb.startswith(sa) and len(wb) - len(sa) <= 5):  # "nyanställd" ~ "nyanställning"
        return 0.85
    if len(sb) >= 5 and sa.endswith(sb):  # the question's compound ends in the term
        return 0.3
    if len(sa) >= 5 and sb.endswith(sa):  # the term is a compound ending in the question's word
        return 0.5
    return 0.0


@dataclass
class Candidate:
    id: str
    score: float
    label: str
    span: tuple[int, int] | None = None  # where in the question (actors)
    words: list[str] = field(default_factory=list)  # the question words that matched


# -- actors -------------------------------------------------------------------------------------


_CACHE: dict[tuple[str, str, str], Any] = {}  # (kind, rule set id, version) -> prepared names


def _cached(kind: str, rs: RuleSet, build: Any) -> Any:
    key = (kind, rs.id, rs.version)
    if key not in _CACHE:
        if len(_CACHE) > 64:
            _CACHE.clear()
        _CACHE[key] = build()
    return _CACHE[key]


def _actor_phrases(rs: RuleSet, content: bool = False) -> list[tuple[str, list[str]]]:
    """Each actor's names and aliases as stems (`content`: without stop words)."""
    return _cached(f"actors{content}", rs, lambda: _build_actor_phrases(rs, content))  # type: ignore[no-any-return]


def _build_actor_phrases(rs: RuleSet, content: bool) -> list[tuple[str, list[str]]]:
    out = []
    for a in rs.actors.values():
        for name in sorted({a.id.replace("-", " "), a.name.sv, a.name.en or "", *a.aliases}):
            stems = [t.stem for t in tokens(name) if not (content and t.word in STOP)]
            if stems:
                out.append((a.id, stems))
    return out


def find_actors(rs: RuleSet, question: str) -> list[Candidate]:
    """Every actor named in the question, earliest and longest mention first."""
    toks = tokens(question)
    best: dict[str, Candidate] = {}
    for actor_id, phrase in _actor_phrases(rs):
        n = len(phrase)
        for i in range(len(toks) - n + 1):
            window = toks[i:i + n]
            if all(_actor_word(t.stem, p) for t, p in zip(window, phrase, strict=True)):
                score = n + 1 - i / 100  # a longer mention wins; earlier wins between equals
                span = (window[0].start, window[-1].end)
                old = best.get(actor_id)
                if old is None or (span[0], -score) < (old.span[0], -old.score):  # type: ignore[index]
                    best[actor_id] = Candidate(actor_id, score, rs.actors[actor_id].name.sv, span,
                                               [t.word for t in window])
    # the actor asked about is the one right after "får"/"may"/"can", else the first named
    found = sorted(best.values(), key=lambda c: (not _after_modal(toks, c), c.span[0], -c.score))  # type: ignore[index]
    # a mention inside a longer mention of another actor is not a mention of its own
    kept: list[Candidate] = []
    for c in found:
        if any(k.span[0] <= c.span[0] and c.span[1] <= k.span[1] and k.score > c.score for k in kept):  # type: ignore[index]
            continue
        kept.append(c)
    return kept


def _after_modal(toks: list[Token], c: Candidate) -> bool:
    """Whether the mention follows "får", "may", "can" (an article between allowed)."""
    prev = [t for t in toks if t.end <= c.span[0] and t.word not in {"the", "a", "an"}]  # type: ignore[index]
    return bool(prev) and prev[-1].word in MODALS


def _actor_word(q: str, p: str) -> bool:
    if q == p:
        return True
    short, long_ = (q, p) if len(q) <= len(p) else (p, q)
    return len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 3


def partial_actors(rs: RuleSet, question: str) -> list[Candidate]:
    """Actors whose name's words all occur in the question in another order ("education sector head"),
    or, failing that, whose name starts with a word of the question ("enhetschefen"); best first."""
    toks = [t for t in tokens(question) if t.word not in STOP]
    out: dict[str, Candidate] = {}
    for actor_id, phrase in _actor_phrases(rs, content=True):
        if len(phrase) < 2:
            continue
        hits = [next((t for t in toks if _actor_word(t.stem, p)), None) for p in phrase]
        if all(hits):
            score = float(len(phrase))
        elif hits[0] is not None:
            score = 0.5
        else:
            continue
        first = hits[0] or next(h for h in hits if h)
        if actor_id not in out or out[actor_id].score < score:
            out[actor_id] = Candidate(actor_id, score, rs.actors[actor_id].name.sv, (first.start, first.end),
                                      [h.word for h in hits if h])
    found = sorted(out.values(), key=lambda c: -c.score)
    return [c for c in found if c.score == found[0].score] if found else []


# -- matters ------------------------------------------------------------------------------------


def _matter_terms(rs: RuleSet) -> dict[str, list[tuple[list[Term], float]]]:
    """Per matter: its phrases (stems without stop words) with a weight by where they come from."""
    return _cached("matters", rs, lambda: _build_matter_terms(rs))  # type: ignore[no-any-return]


def _build_matter_terms(rs: RuleSet) -> dict[str, list[tuple[list[Term], float]]]:
    out: dict[str, list[tuple[list[Term], float]]] = {}
    for m in rs.matters.values():
        phrases: list[tuple[str, float]] = [(m.title.sv, 1.0), (m.title.en or "", 1.0),
                                            (m.id.replace("-", " "), 0.6), (m.area, 0.3)]
        phrases += [(k, 1.0) for k in m.keywords]
        for kind in m.kinds:
            mk = rs.matter_kinds.get(kind)
            if mk is not None:
                phrases += [(mk.title.sv, 0.3), *((k, 0.3) for k in mk.keywords)]
        ident = m.id.replace("-", " ")  # an id's words all count, "beslut" too: it is what tells matters apart
        out[m.id] = [(s, w) for text, w in phrases
                     if (s := [(t.stem, t.word) for t in tokens(text) if text == ident or t.word not in STOP])]
    return out


def find_matters(rs: RuleSet, question: str, skip: list[tuple[int, int]] | None = None,
                 extra: list[tuple[str, float]] | None = None) -> list[Candidate]:
    """Matters scored against the question, best first.

    Words inside `skip` spans (actors, facts) are ignored; `extra` (word, weight) pairs are added
    (e.g. "kf" for "fullmäktige": matters name actors by id).
    """
    skip = skip or []
    toks = [t for t in tokens(question)
            if t.word not in STOP and not any(a <= t.start < b for a, b in skip)]
    query: list[tuple[Term, float, str]] = [
        ((t.stem, t.word), WEAK.get(t.word, 0.3 if t.word in PARTICLES else 1.0), t.word) for t in toks]
    every = [t for t in tokens(question) if not any(a <= t.start < b for a, b in skip)]
    for verb, particle in zip(every, every[1:], strict=False):  # "hyra ut" ~ "uthyrning", "säga upp" ~ "uppsägning"
        if particle.word in PARTICLES and verb.word not in PARTICLES:
            word = particle.word + verb.word
            query.append(((stem(word), word), 1.0, verb.word))
    for t in toks:
        for syn in _SYN.get(t.word, []):
            query += [((s.stem, s.word), 0.9, t.word) for s in tokens(syn)]
    for word, weight in extra or []:
        query += [((s.stem, s.word), weight, word) for s in tokens(word)]
    terms = _matter_terms(rs)
    df: dict[Term, int] = {}
    for phrases in terms.values():
        for s in {s for p, _ in phrases for s in p}:
            df[s] = df.get(s, 0) + 1
    n = max(len(terms), 1)
    out = []
    for matter_id, phrases in terms.items():
        score, words = 0.0, []
        per_word: dict[str, float] = {}
        for q, qw, word in query:
            best = 0.0
            for phrase, w in phrases:
                for s in phrase:
                    st = strength(q, s)
                    if st:
                        best = max(best, st * w * qw * math.log(1 + n / df[s]))
            if best > per_word.get(word, 0.0):
                per_word[word] = best
        for phrase, w in phrases:  # a keyword or title matched as a whole phrase counts extra
            if len(phrase) > 1 and all(any(strength(q, s) >= 0.85 for q, _, _ in query) for s in phrase):
                score += 0.5 * w * len(phrase)
        score += sum(per_word.values())
        names = [p for p, w in phrases[:3] if w >= 0.6]  # title sv, title en, id
        cover = max((sum(any(strength(q, x) >= 0.85 for q, _, _ in query) for x in p) / len(p) for p in names),
                    default=0.0)
        score += 1.5 * cover
        words = [w for w, v in per_word.items() if v > 0]
        if score > 0:
            out.append(Candidate(matter_id, round(score, 3), rs.matters[matter_id].title.sv, None, words))
    return sorted(out, key=lambda c: (-c.score, c.id))


def ambiguous(cands: list[Candidate], ratio: float = 0.85) -> list[Candidate]:
    """The candidates too close to the best to choose between (one when the best is clear)."""
    if not cands:
        return []
    top = cands[0].score
    return [c for c in cands if c.score >= top * ratio][:6]


# -- facts --------------------------------------------------------------------------------------

_AMOUNT = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[ \u00a0.,]\d{3})+|\d+(?:[.,]\d+)?)\s*"
    r"(mkr|miljoner kronor|miljoner|miljon|million|millions|mn|tkr|tusen kronor|tusen|thousand|k|kronor|kr|sek|euro|eur|€)(?!\w)")
_AMOUNT_BEFORE = re.compile(r"(?:sek|eur|€)\s*(\d{1,3}(?:[ ,.]\d{3})+|\d+(?:[.,]\d+)?)")
_SCALE = {"mkr": 1e6, "miljoner kronor": 1e6, "miljoner": 1e6, "miljon": 1e6, "million": 1e6, "millions": 1e6,
          "mn": 1e6, "tkr": 1e3, "tusen kronor": 1e3, "tusen": 1e3, "thousand": 1e3, "k": 1e3}
_YEARS = re.compile(r"(?<!\w)(\d+|[a-z]+)\s*-?\s*(?:ar|ars|arig|arigt|ariga|year|years|yr)(?!\w)")
_NEG = re.compile(r"(?<!\w)(?:inte|ej|icke|not|non|no|isn't|isnt)(?:\s+(?:ar|var|vara|blir|is|was|be|an|a|ett|en))?[\s-]*$")
_FLAGS: dict[str, list[tuple[str, Any]]] = {
    "urgent": [(r"bradskande|bradskar|bradska|akut\w*|urgent\w*", True)],
    "principled": [(r"principiell\w*|av storre vikt|of principle|principled", True)],
    "extraordinary_event": [(r"extraordinar\w* handelse\w*|extraordinary event\w*", True)],
    "within_budget": [(r"inom (?:ramen for )?budget\w*|within (?:the )?budget", True),
                      (r"utanfor budget\w*|over budget|outside (?:the )?budget|overskrid\w* budget\w*", False)],
    "conflict_of_interest": [(r"javig\w*|jav|conflict of interest", True)],
}


def _number(text: str) -> float:
    text = text.replace("\u00a0", " ")
    if re.fullmatch(r"\d{1,3}(?:[ .,]\d{3})+", text):
        return float(re.sub(r"[ .,]", "", text))
    return float(text.replace(",", "."))


def find_facts(rs: RuleSet, question: str) -> tuple[dict[str, Any], list[tuple[int, int]]]:
    """Facts the question states clearly, and where it states them (so matter search skips them)."""
    text = fold(question)
    facts: dict[str, Any] = {}
    spans: list[tuple[int, int]] = []
    if "amount" in rs.facts:
        m = _AMOUNT.search(text)
        if m:
            facts["amount"] = _number(m.group(1)) * _SCALE.get(m.group(2), 1.0)
            spans.append(m.span())
        elif (m := _AMOUNT_BEFORE.search(text)) is not None:
            facts["amount"] = _number(m.group(1))
            spans.append(m.span())
    if "duration_years" in rs.facts:
        for m in _YEARS.finditer(text):
            word = m.group(1)
            value = int(word) if word.isdigit() else NUMBER_WORDS.get(word)
            if value is not None and value < 100:
                facts["duration_years"] = value
                spans.append(m.span())
                break
    for fact, patterns in _FLAGS.items():
        if fact not in rs.facts:
            continue
        for pattern, value in patterns:
            m = re.search(rf"(?<!\w)(?:{pattern})(?!\w)", text)
            if m:
                negated = bool(_NEG.search(text[: m.start()]))
                facts[fact] = (not value) if negated else value
                spans.append(m.span())
                break
    for key, value in facts.items():
        if isinstance(value, float) and value.is_integer():
            facts[key] = int(value)
    return facts, spans
