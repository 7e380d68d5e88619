"""The rules' hits: every (act cue, object) pairing that makes a conduct present in a provision.

Reads: an ``Analysis`` (the provision with its cue matches). Gives: ``find_hits(an)`` -> ``Hit``s.
A conduct is found when an act cue (``distributes``, ``détient``...) attaches to its object
(a CSAM noun, or a child for grooming) in the same clause, inside text that is an offence
(an offence/actor/mens-rea marker in the provision or its ancestors), and outside
definitions, penalty-only clauses, defences, jurisdiction, repealed and heading text.
Negated acts and acts inside a purpose clause ("for the purpose of distributing") do not count.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.classify.analysis import DETERMINERS, MODALS, Analysis, Match, Spans

PAIR_WINDOW = 60  # tokens between an act cue and its object
PURPOSE_REACH = 15 # tokens after a purpose cue in which acts are mental elements


@dataclass
class Hit:
    conduct: str
    act: Match
    obj: Match | None
    anchor: tuple[int, int]  # token span used as evidence


def find_hits(an: Analysis) -> list[Hit]:
    """Every (act, object) pairing that makes a conduct present in the provision's own text."""
    if not an.has_offence_marker() or an.superseded():
        return []
    excluded, all_out = an.excluded_tokens()
    if all_out:
        return []
    acts = [m for cid in an.conduct_objects for m in an.get(f"c:{cid}")]
    if "live_streaming" in an.conduct_objects and an.get("g:performance") and an.live_performance():
        acts += [Match("c:live_streaming", m.start, m.end) for m in an.get("g:performance")]
    false_acts = an.spans("g:false_acts")
    acts = [m for m in acts if not any(m.end <= f.end for f in false_acts.covering(m.start))]
    adverts = an.get("g:advert_content")
    if adverts:
        acts = [m for m in acts if m.key == "c:csam_offering" or not _advertised(an, m, adverts)]
    all_acts = Spans(acts)
    acts = [m for m in acts if not any(o is not m and o.key != m.key and o.start <= m.start and m.end <= o.end
                                       and (o.end - o.start) > (m.end - m.start) for o in all_acts.covering(m.start))]
    materials = an.material_spans()
    children = an.get("g:child")
    ctx = _Context(an, materials, children)
    act_tokens = {i for m in acts for i in range(m.start, m.end)}
    pools: dict[str, Spans] = {}
    hits = []
    for act in acts:
        cid = act.key[2:]
        if act.start in excluded or _negated(an, act, ctx) or _in_purpose(an, act, ctx):
            continue
        if _descriptive(an, act, ctx) or _noun_use(an, act, ctx):
            continue
        obj_kind = an.conduct_objects[cid]
        obj = None
        if obj_kind != "none":
            pool = pools.get(obj_kind)
            if pool is None:
                pool = pools[obj_kind] = Spans({
                    "material": lambda: materials, "child": lambda: children,
                    "child_or_material": lambda: sorted(materials + children, key=lambda m: m.start),
                    "child_or_sexual": lambda: sorted(children + an.get("g:sexual"), key=lambda m: m.start),
                }[obj_kind]())
            obj = _nearest(an, act, pool, excluded)
            if obj_kind == "child_or_sexual":
                obj, keep = _by_reference(an, act, obj)
                if not keep:
                    continue
            if obj is None and obj_kind == "child_or_sexual" and "g:child" in an.detail_groups \
                    and an.in_text[act.start]:
                obj = act  # "communicates with another person (B)"; "(c) B is under 16" completes it
            if obj is None:
                continue
            if obj_kind == "material" and cid != "csam_production" and _object_is_person(an, act, ctx):
                continue
        if not an.in_text[act.start] and (obj is None or not an.in_text[obj.start]):
            continue
        if obj_kind == "material" and cid != "csam_production" and _solicited_from_child(an, act, act_tokens):
            cid = "grooming"  # "induces a child to send images of himself": the child sends (GUIDELINES rule 8)
        if an.missing_element(cid, act.start):
            continue
        if adverts and obj is not None and act.key != "c:csam_offering" and any(
                act.end <= a.start and a.end <= obj.start for a in adverts):
            continue  # "publishes any advertisement ... conveying that ... such photographs": it publishes the advert
        if _refers_back(an, act, obj) and not any(a.start == act.start for a in adverts):
            continue
        run = _list_start(an, act, act_tokens)
        lo = min(run, obj.start) if obj else run
        hi = max(act.end, obj.end) if obj else act.end
        hits.append(Hit(cid, act, obj, (lo, hi)))
    # the inducing verb of a "uses a minor ... to produce" production limb is not grooming
    uses = list({id(u): u for h in hits if (u := _child_use_for_production(an, h.act, ctx))}.values())
    return [h for h in hits if not (h.conduct == "grooming" and any(
        u.start <= h.act.start < u.end or (h.act.start <= u.start < h.act.end) for u in uses))]


class _Context:
    """What every act of one provision is checked against, indexed by start once (see
    ``analysis.Spans``): each check looks only at cues near the act."""

    def __init__(self, an: Analysis, materials: list[Match], children: list[Match]):
        self.materials = Spans(materials)
        self.children = Spans(children)
        self.purposes = an.spans("g:purpose")
        self.negations = an.spans("g:negation")
        self.descriptive = an.spans("g:descriptive")
        self.material_or_weak = Spans(materials + an.get("g:material_weak"))
        self.material_strong = an.spans("g:material_strong")
        self.child_use = an.get("g:child_use")
        # end a purpose clause: "for the purpose of obtaining sexual gratification, A intentionally communicates"
        self.blockers = Spans(materials + an.get("g:offence") + an.get("g:actor") + an.get("g:mens_rea"))
        self.all_act_tokens = {i for cid in an.conduct_objects for m in an.get(f"c:{cid}") for i in range(m.start, m.end)}


def _list_start(an: Analysis, act: Match, act_tokens: set[int]) -> int:
    """Start of the list of acts this one belongs to ("de fixer, d'enregistrer, de produire"), so
    that a qualifier attached to the list ("en vue de sa diffusion, ...") is judged for every item."""
    i = act.start
    while i > 0:
        low = an.lower(i - 1)
        if (i - 1) in act_tokens or an.is_punct(i - 1) and an.texts[i - 1] in {",", "/"} or low in LIST_WORDS \
                or low in DETERMINERS or low in {"se", "s'", "to"}:
            i -= 1
        else:
            break
    while i < act.start and (i not in act_tokens):
        i += 1
    return i


DEMONSTRATIVES = {"that", "such", "this", "these", "those", "cette", "ce", "cet", "ces", "ladite", "dette", "deze"}


def _refers_back(an: Analysis, act: Match, obj: Match | None) -> bool:
    """"engages in that production", "(B) the producing of such visual depiction involves...":
    a condition that refers back to an act punished elsewhere, not a new act."""
    prev = an.lower(act.start - 1) if act.start else ""
    if prev in DEMONSTRATIVES:
        return True
    if obj is not None and obj.key == "g:material_anaphor":
        # "the producing of such depiction" refers back; "le fait de diffuser une telle image" does not
        return not an.in_text[act.start] or prev in DETERMINERS - {"de", "d'"}
    return False


def _nearest(an: Analysis, act: Match, pool: Spans, excluded: set[int]) -> Match | None:
    """The object nearest to the act in its clause (the first of equals, in start order)."""
    best, dist = None, PAIR_WINDOW + 1
    for m in pool.starting(act.start - PAIR_WINDOW - pool.maxlen, act.end + PAIR_WINDOW):
        if m.start in excluded or an.clause[m.start] != an.clause[act.start]:
            continue
        if act.start <= m.start < act.end or m.start <= act.start < m.end:
            d = 0 if m.key != act.key else PAIR_WINDOW + 1  # an object inside the cue itself
        else:
            d = m.start - act.end if m.start >= act.end else act.start - m.end
        if d < dist:
            best, dist = m, d
    return best


def _by_reference(an: Analysis, act: Match, obj: Match | None) -> tuple[Match | None, bool]:
    """(object, keep) for an act whose sexual purpose is an offence named by number ("communicates
    with B for the purpose of facilitating the commission of an offence under section 12"): a
    section of the statute that is a sexual offence supplies the sexual element; one that is not
    makes it no sexual purpose at all; one not found leaves the hit to the judge, which says so
    (``judge.unresolved_reference``)."""
    ref = an.offence_reference(act)
    if ref is None or an.sexual_in_sentence(act.start) or not an.references:
        return obj, True
    if "g:sexual" in an.reference_groups:
        return obj or ref, True
    return obj, False


def _negated(an: Analysis, act: Match, ctx: _Context) -> bool:
    for n in ctx.negations.starting(min(act.start - 3, act.end - ctx.negations.maxlen), act.start - 1):
        if act.start - 3 <= n.start < act.start or (n.start < act.start and n.end >= act.end):
            before = an.lower(n.start - 1) if n.start else ""
            if before in MODALS:  # "shall not distribute" is a prohibition, not a negation
                continue
            return True
    return False


def _advertised(an: Analysis, act: Match, adverts: list[Match]) -> bool:
    """Is the act named inside an advertisement's content (after "advertisement ... conveying
    that" in the same sentence, or in a list item under a chapeau ending "advertisement seeking
    or offering—")? Then it is what the advertisement offers, not an act."""
    def opens_list(a: Match) -> bool:
        return not an.in_text[a.start] and a.end < an.n and an.texts[a.end] in ("—", "–", "-", ":")

    return any(a.end <= act.start and (an.sentence[a.start] == an.sentence[act.start]
                                       or (an.in_text[act.start] and opens_list(a))) for a in adverts)


def _solicited_from_child(an: Analysis, act: Match, act_tokens: set[int]) -> bool:
    """Is the act something a child is asked or induced to do ("determinare a una persona menor de
    catorce años a enviar, entregar o exhibir imágenes", "requests a child to send an image")? Then the
    child sends, and the offender's act is the solicitation."""
    start = _list_start(an, act, act_tokens)
    children = an.spans("g:child")
    for m in an.spans("g:solicits_child").starting(start - 14, start):
        if m.end in (start, start + 1) and children.starting(m.start, m.end - 1):
            return True
    return False


def _descriptive(an: Analysis, act: Match, ctx: _Context) -> bool:
    """"child pornography that has been mailed": a participle describing the material."""
    act_tokens = ctx.all_act_tokens
    for d in ctx.descriptive.starting(act.start - 8 - ctx.descriptive.maxlen, act.start - 1):
        if not (act.start - 8 <= d.end - 1 < act.start):
            continue
        between = range(d.end, act.start)
        if all(i in act_tokens or an.is_punct(i) or an.lower(i) in LIST_WORDS | {"has", "have", "had"}
               for i in between):
            return True
    return False


LIST_WORDS = {"or", "and", "ou", "et", "of", "de", "en", "und", "oder", "o", "e"}


def _noun_use(an: Analysis, act: Match, ctx: _Context) -> bool:
    """"any book, film, videotape": a one-word act cue that is really a material noun."""
    if act.end - act.start != 1:
        return False
    inside = bool(ctx.material_or_weak.covering(act.start))
    if not inside:
        return False
    if bool(ctx.material_strong.covering(act.start)) or not act.start:
        return True
    prev = an.lower(act.start - 1)
    return prev in DETERMINERS or prev in LIST_WORDS or an.is_punct(act.start - 1)


def _child_use_for_production(an: Analysis, act: Match, ctx: _Context | None = None) -> Match | None:
    """"employs, uses, induces ... any minor ... for the purpose of producing": the child-use verb."""
    if act.key not in ("c:csam_production", "c:live_streaming"):
        return None
    children = ctx.children if ctx else Spans(an.get("g:child"))
    for u in (ctx.child_use if ctx else an.get("g:child_use")):
        if u.end <= act.start and an.sentence[u.start] == an.sentence[act.start] and \
                children.starting(u.end, min(act.start - 1, u.end + 4)):
            return u
    return None


def _in_purpose(an: Analysis, act: Match, ctx: _Context) -> bool:
    """True when the act sits inside "for the purpose of ...", "with intent to ...", "en vue de ..."."""
    if _child_use_for_production(an, act, ctx):
        return False
    if act.key == "c:sexual_extortion" and an.in_sentence("threat", act.start):
        return False  # "threatens ... with intent to extort" is the offence itself;
        # "kidnaps a person for the purpose of extortion" is a kidnapping
    purposes = ctx.purposes
    for p in purposes.starting(act.start - PURPOSE_REACH - purposes.maxlen, act.start):
        if p.start <= act.start and act.end <= p.end:
            return True  # "with a view to": the act word is part of the purpose phrase
        if p.start >= act.start or act.start - p.end > PURPOSE_REACH or p.end > act.start + 1:
            continue
        if an.clause[p.start] != an.clause[act.start]:
            continue
        between = range(p.end, act.start)
        if ctx.blockers.starting(p.end, act.start - 1):
            continue
        if p.start and an.texts[p.start - 1] == "," and any(an.texts[i] == "," for i in between):
            continue  # ", en vue de sa diffusion, d'enregistrer": a parenthetical purpose has ended
        if any(an.texts[i] == "," and i + 1 < an.n and an.lower(i + 1) in {"or", "ou", "of", "oder", "o"}
               for i in between):
            continue
        return True
    return False


def _object_is_person(an: Analysis, act: Match, ctx: _Context) -> bool:
    """"procures a child", "offers a minor": the direct object is a person, not material."""
    i = act.end
    while i < an.n and (an.lower(i) in DETERMINERS | {"of", "to", "à"} or an.is_space(i)):
        i += 1
    starts_material = bool(ctx.materials.covering(i))
    return not starts_material and bool(ctx.children.starting(i, i))
