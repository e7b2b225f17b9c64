"""Other phrasings of an outcome's object, for when the first one fails the grammar guard.

Most often the first phrasing repeats the brief word for word; a rephrasing in the plural,
without its trailing adverb, with fewer complements (English) or with its adverbial moved
before the object (Finnish, whose word order is free) says the same in the drafter's words.
Rephrasings that keep every complement come before those that cut one, and of the cuts the
one that keeps the most words comes first: 'survey buildings for hazardous materials' is
tried before 'survey buildings'.
"""

from __future__ import annotations

from assistant.drafting.verbs import government
from assistant.nlp import inflect
from assistant.nlp.finnish import COMPLEMENT_PARTICIPLES

_OBJECT_CASES = {"nimento", "omanto", "osanto"}
# Adjectives that qualify a noun rather than name a kind of it: 'about actual practice' says
# what 'about practice' says, so one may go to stop a phrase repeating the brief word for word.
_QUALIFYING_ADJECTIVES = frozenset({
    "actual", "real", "simple", "clear", "proper", "correct", "appropriate", "relevant", "basic",
    "full", "complete", "right", "good", "effective", "practical", "necessary", "suitable", "whole",
    "understandable", "transparent",
})


def object_variants(obj: str, language: str, verb: str = "do") -> list[str]:
    """The object as given, then the rephrasings, without repeats. A Finnish verb that takes no
    plain object ('toimia', 'neuvotella') gets its trailing adverbial moved first, then its first
    complement alone: the other rephrasings move or cut around an object, and 'toimia poikkeaman
    ensimmäisinä tunteina' has none ('poikkeaman' is an attribute there)."""
    if language == "fi" and government(verb) is None:
        return [v for v in dict.fromkeys([obj, *_adverbial_first(obj.split()), _first_complement(obj.split())]) if v]
    found = [obj] + (_finnish(obj) if language == "fi" else _english(obj, verb))
    return [v for i, v in enumerate(found) if v and v not in found[:i]]


def _english(obj: str, verb: str) -> list[str]:
    from assistant.nlp.english import en_plural, parse

    doc = parse(obj)
    tokens = list(doc)
    if not tokens:
        return []
    out = []
    # 'a shipment from its data sheet' -> 'shipments from the data sheet'; 'the labels and
    # markings' -> 'labels and markings'; 'the ADR document' -> 'an ADR document'.
    rewrites: dict[int, str] = {}
    for det in (t for t in tokens if t.pos_ == "DET" and t.lower_ in {"a", "an", "the"}):
        # The head ends the noun run: not 'surface' in 'surface-water treatment plant'.
        head = next((t for t in tokens[det.i:] if t.pos_ in {"NOUN", "PROPN"}
                     and (t.i + 1 == len(tokens) or tokens[t.i + 1].pos_ not in {"NOUN", "PROPN"}
                          and tokens[t.i + 1].tag_ != "HYPH")), None)
        if head is None or (head.i + 1 < len(tokens) and tokens[head.i + 1].tag_ == "POS"):
            continue  # "a battery's revenue" stays
        between = tokens[det.i + 1:head.i]
        if det.lower_ in {"a", "an"} and head.tag_ == "NN" and en_plural(head.text) != head.text:
            rewrites[det.i], rewrites[head.i] = "", en_plural(head.text)  # never a bare singular
        elif det.lower_ == "the" and det.head.tag_ == "NNS" and det.head.i > det.i and not any(
            t.lower_ in {"first", "last", "same", "right", "next"} for t in tokens[det.i + 1:det.head.i]
        ) and not any(t.tag_ == "POS" for t in tokens[det.i + 1:det.head.i]):
            # 'the grid connection and safety requirements': the article of a plural head
            rewrites[det.i] = ""
        elif det.lower_ == "the" and head.tag_ == "NNS" and not any(
            t.lower_ in {"first", "last", "same", "right", "next"} for t in between
        ):
            rewrites[det.i] = ""
        elif det.lower_ == "the" and head.tag_ in {"NN", "NNP"} and det.i == 0 and (
            head.i + 1 == len(tokens) or tokens[head.i + 1].lower_ != "of" and tokens[head.i + 1].tag_ not in {"VBZ", "VBP", "NNS"}
        ):
            # Not where the word after the head reads as a verb or a plural: alone, 'the product
            # approvals against ...' has 'approvals' tagged a verb, and 'a product approvals' is wrong.
            following = tokens[det.i + 1].text
            vowel = following[:1].lower() in "aeio" or (following.isupper() and following[:1] in "AEFHILMNORSX")
            rewrites[det.i] = "an" if vowel else "a"
    rewritten = []
    for token in tokens:
        text = rewrites.get(token.i, token.text)
        if token.tag_ == "PRP$" and token.lower_ == "its":
            text = "the"
        if text:
            rewritten.append(text + token.whitespace_)
    out.append("".join(rewritten).strip())
    out += _plural_rewordings(tokens)
    no_adverb = [t for t in tokens if not (t.pos_ == "ADV" and t.i == len(tokens) - 1)]
    if len(no_adverb) < len(tokens):
        out.append(_text(no_adverb))
        out += [_strip_adverb(v) for v in out[:1]]
    out += _swapped_conjuncts(out[0])
    # 'student work produced with AI': cut before a participle read as a finite verb.
    from assistant.nlp.english import finite_verbs

    # ... or a participle ('produced with AI') that spaCy may read as one in the outcome.
    finite = set(finite_verbs(obj, verb))
    # Not an attribute ('evidence-based reports', 'trained staff'): it opens no clause.
    found = next((t for t in tokens if t.i > 0 and t.dep_ != "amod" and (t.text in finite or t.tag_ in {"VBN", "VBD"})),
                 None)
    clause_cut = ""
    if found is not None:
        # The cut takes the whole clause: 'customers who have suffered a loss' -> 'customers',
        # not 'customers who' (an auxiliary's clause is its verb's, which opens at 'who').
        clause = found.head if found.dep_ in {"aux", "auxpass"} else found
        cut = min(found.i, clause.left_edge.i) if clause.left_edge.i > 0 else found.i
        # 'charges to residents in a way people understand': without its clause, 'in a way'
        # says nothing, so the cut takes the preposition too.
        owner = clause.head if clause.dep_ == "relcl" else None
        if owner is not None and owner.lemma_ in _EMPTY_NOUNS and owner.dep_ == "pobj" and owner.head.i > 0:
            cut = owner.head.i
        clause_cut = _text(tokens[:cut]).rstrip(",").strip()
        out.append(clause_cut)
    # Without a qualifying adjective, also once the clause is cut ('a short safety induction to
    # workers', from 'a short, understandable safety induction to workers, many of whom ...').
    out += [_without_adjective(list(parse(base)), adjective.i) for base in dict.fromkeys(filter(None, [out[0], obj, clause_cut]))
            for adjective in parse(base) if adjective.dep_ == "amod" and adjective.lower_ in _QUALIFYING_ADJECTIVES
            # 'clear and evidence-based reports': a coordinated adjective would leave its 'and'
            and not any(c.dep_ in {"cc", "conj"} for c in adjective.children)]
    cuts: list[str] = []
    # Fewer complements: cut before each preposition, the longest phrasing first, from the
    # rewritten object and then from the one as given.
    for base in dict.fromkeys([out[0], obj]):
        base_tokens = list(parse(base))
        # 'from the markets and from peak-load reduction': a coordinated preposition cuts too,
        # and takes its conjunction with it; none inside a hyphenated word ('end-of-life').
        preps = [t.i - 1 if t.i > 1 and base_tokens[t.i - 1].dep_ == "cc" else t.i for t in base_tokens
                 if t.i > 0 and (t.dep_ == "prep" or (t.dep_ == "conj" and t.pos_ == "ADP"))
                 and not (base_tokens[t.i - 1].tag_ == "HYPH" and not base_tokens[t.i - 1].whitespace_)]
        # 'according to', 'due to': the first word of a two-word preposition goes with it.
        preps = [i - 1 if i > 1 and base_tokens[i - 1].lower_ in {"according", "due", "prior", "thanks", "instead", "because", "such"} else i for i in preps]
        # A participle's phrase is a complement too: 'risk to children | using the framework',
        # 'instruments | following the manufacturer's instructions'.
        preps += [t.i for t in base_tokens if t.i > 1 and t.tag_ == "VBG" and t.dep_ in {"acl", "advcl"}]
        # 'budgets together | with the art team': the preposition's own adverb goes with it.
        preps = [i - 1 if i > 1 and base_tokens[i - 1].dep_ == "advmod" and base_tokens[i - 1].head.i == i else i
                 for i in preps]
        # A cut that leaves a preposition without its object ('records up | to date') is none.
        kept = [_text(base_tokens[:i]).rstrip(",").strip() for i in sorted(set(preps), reverse=True)
                if not any(c.i >= i for c in base_tokens[i - 1].children if base_tokens[i - 1].pos_ == "ADP")]
        # Each cut also with its conjuncts swapped: 'CPU, memory use and GPU in Unity' says
        # 'CPU, GPU and memory use in Unity' without copying the brief's run of words.
        cuts += [v for cut in kept for v in (cut, *_swapped_conjuncts(cut))]
    cuts += _coordination_cuts(out[0], obj)
    # The cut that keeps the most words first ('complaints by urgency' before 'complaints').
    out += sorted(cuts, key=lambda cut: -len(cut.split()))
    return [v for v in out if v and not _question_stub(v)]


def _without_adjective(tokens: list, at: int) -> str:
    """The phrase without one adjective, and the comma that listed it ('a short, understandable
    induction' -> 'a short induction')."""
    before, after = at > 0 and tokens[at - 1].text == ",", at + 1 < len(tokens) and tokens[at + 1].text == ","
    drop = {at} | ({at - 1} if before else {at + 1} if after else set())
    kept = [t for t in tokens if t.i not in drop]
    return "".join(t.text + (t.whitespace_ or (" " if t.i + 1 in drop else "")) for t in kept).strip()


def _question_stub(phrase: str) -> bool:
    """'which installer' (cut from 'which installer did the work') is the start of a question
    and names no object; 'what to isolate' is a whole one."""
    words = phrase.lower().split()
    return words[0] in _WH_WORDS and (len(words) < 2 or words[1] != "to")


_EMPTY_NOUNS = frozenset({"way", "manner"})
_WH_WORDS = frozenset({"which", "what", "who", "whom", "whose", "when", "where", "how", "whether", "why"})


def _plural_rewordings(tokens: list) -> list[str]:
    """The object with its head, or a possessor, in the plural: 'the container according to
    the carrier's instructions' -> 'containers according to ...', 'a patron's journey through
    the library' -> "patrons' journeys through the library". Every complement stays."""
    from assistant.nlp.english import en_plural

    out = []
    if len(tokens) > 2 and tokens[0].lower_ == "the" and tokens[1].tag_ == "NN" and tokens[1].dep_ == "ROOT":
        plural = en_plural(tokens[1].text)
        if plural != tokens[1].text:
            out.append(_text_with(tokens[2:], plural + tokens[1].whitespace_))
    if (len(tokens) > 3 and tokens[0].lower_ in {"a", "an"} and tokens[1].tag_ == "NN" and tokens[2].tag_ == "POS"
            and tokens[3].tag_ == "NN"):
        owner, owned = en_plural(tokens[1].text), en_plural(tokens[3].text)
        if owner.endswith("s") and owner != tokens[1].text:
            out.append(_text_with(tokens[4:], f"{owner}' {owned}{tokens[3].whitespace_}"))
    return out


def _text_with(rest: list, first: str) -> str:
    return (first + "".join(t.text + t.whitespace_ for t in rest)).strip()


def _swapped_conjuncts(base: str) -> list[str]:
    """'by urgency and health risk' -> 'by health risk and urgency': the same content in the
    drafter's order, when the object as written repeats the brief word for word."""
    from assistant.nlp.english import parse

    tokens = list(parse(base))
    for conj in tokens:
        head = conj.head
        if conj.dep_ != "conj" or conj.pos_ not in {"NOUN", "PROPN"} or head.pos_ not in {"NOUN", "PROPN"}:
            continue
        if head.dep_ in {"compound", "amod", "nmod"}:
            continue  # '(urgency and health) risk': swapping modifiers would read wrongly
        between = tokens[head.i + 1:conj.left_edge.i]
        if len(between) != 1 or between[0].dep_ != "cc" or head.right_edge.i != conj.right_edge.i:
            continue
        left = tokens[head.left_edge.i:head.i + 1]
        right = tokens[conj.left_edge.i:conj.right_edge.i + 1]
        if any(t.pos_ == "DET" for t in left + right):
            continue  # 'the labels and the markings': the articles would need moving too
        return [" ".join(filter(None, (_text(tokens[:head.left_edge.i]), _text(right), between[0].text, _text(left),
                                       _text(tokens[conj.right_edge.i + 1:]))))]
    return _swapped_modifiers(tokens)


def _swapped_modifiers(tokens: list) -> list[str]:
    """'for reusable and hazardous materials' -> 'for hazardous and reusable materials': two
    one-word modifiers of one noun, joined by a conjunction, in the other order."""
    for first in tokens:
        if first.dep_ != "amod" or first.i + 3 >= len(tokens):
            continue
        cc, second, noun = tokens[first.i + 1], tokens[first.i + 2], tokens[first.i + 3]
        if cc.dep_ == "cc" and second.dep_ == "conj" and second.head.i == first.i and noun.i == first.head.i:
            swapped = {first.i: second.text, second.i: first.text}
            return ["".join(swapped.get(t.i, t.text) + t.whitespace_ for t in tokens).strip()]
    return []


def _coordination_cuts(*bases: str) -> list[str]:
    """The object up to its first conjunction: 'what to isolate and when to restore' ->
    'what to isolate'. Coordinated clauses first (the second clause is a skill of its own);
    coordinated nouns ('the labels and markings') last, as the way out of a copied run; among
    cuts of one length this order stands (`_english` sorts the cuts by length, stably)."""
    from assistant.nlp.english import parse

    clauses, nouns = [], []
    for base in dict.fromkeys(bases):
        tokens = list(parse(base))
        for token in tokens:
            if token.dep_ != "cc" or token.i == 0:
                continue
            if tokens[token.i - 1].pos_ == "ADJ":
                continue  # 'between financial | and sustainability information' leaves a modifier alone
            conjunct = next((c for c in token.head.children if c.dep_ == "conj"), None)
            cut = _listed(tokens, token).rstrip(",")
            if conjunct is not None and conjunct.pos_ in {"VERB", "AUX"}:
                clauses.append(cut)
            elif conjunct is not None:
                nouns.append(cut)
    return clauses + nouns


def _listed(tokens: list, conjunction) -> str:
    """The words before a list's conjunction, the list closed again: 'CPU, GPU | and memory
    use' -> 'CPU and GPU' (a comma alone between the last two reads as a fragment). Only the
    list the conjunction joins: not 'CPU, GPU and memory use in Unity | or Unreal'."""
    before = tokens[:conjunction.i]
    comma = next((t for t in reversed(before[:-1]) if t.text == "," and t.i + 1 == conjunction.head.i), None)
    return "".join(" and " if comma is not None and t.i == comma.i else t.text + t.whitespace_ for t in before).strip()


def _strip_adverb(text: str) -> str:
    from assistant.nlp.english import parse

    tokens = list(parse(text))
    while tokens and tokens[-1].pos_ == "ADV":
        tokens.pop()
    return _text(tokens)


def _text(tokens: list) -> str:
    return "".join(t.text + t.whitespace_ for t in tokens).strip()


def _finnish(obj: str) -> list[str]:
    words = obj.split()
    # The adverbial that trails the object ('ISO 14083 -standardin mukaisesti'): the longest
    # end with no nominative or partitive word in it and some word outside the object cases.
    cut = len(words)
    for index in range(len(words) - 1, 0, -1):
        word = words[index].rstrip(",")
        neutral = is_code(word)
        cases = inflect.case_of(word)
        following = inflect.case_of(words[index + 1].rstrip(",")) if index + 1 < len(words) else set()
        adjective = all(a.get("CLASS") == "laatusana" for a in inflect.analyses(word))
        # 'eri osakkaiden': an adjective that does not agree with the next word is uninflected.
        if not neutral and cases & {"nimento", "osanto"} and not (adjective and following and not cases & following):
            break
        if not neutral and "omanto" in cases and "omanto" in inflect.case_of(words[index - 1].rstrip(",")):
            break  # 'hankkeen kannattavuuden': a genitive head with its genitive attribute
        cut = index
    tail, head = words[cut:], words[:cut]
    while head and inflect.analyses(head[-1]) is not False and not inflect.case_of(head[-1]) and head[-1][:1].islower():
        tail.insert(0, head.pop())  # 'eri osakkaiden': an uninflected word goes with the next
    if tail and _postposition(tail[0]):
        # 'kriteerien mukaan': a postposition takes its genitive, and that genitive's own
        # attributes ('ennalta ilmoitettujen'), with it; the object stays.
        while len(head) > 1 and ("omanto" in inflect.case_of(head[-1].rstrip(",")) or _caseless_adverb(head[-1])):
            tail.insert(0, head.pop())
    out = _leading_complement_cut(words)
    if not tail or not head or all(inflect.case_of(w) & _OBJECT_CASES for w in tail if w[:1].islower()):
        return out
    return [" ".join(tail + head), " ".join(head)] + out


def _adverbial_first(words: list[str]) -> list[str]:
    """'poikkeaman ensimmäisinä tunteina suunnitelman mukaisesti' -> 'suunnitelman mukaisesti
    poikkeaman ensimmäisinä tunteina': a trailing postposition or manner form with the genitives
    (and codes: 'ISO 14083 -standardin') before it goes first, as does an E-infinitive with its
    complement ('suunnitelmaan kirjaten'); the other groups stay whole."""
    if len(words) < 2:
        return []
    last = words[-1]
    manner = "kerrontosti" in inflect.case_of(last) or _caseless_adverb(last)
    if not (manner or _postposition(last)):
        return []
    start = len(words) - 1
    if _e_infinitive(last):
        # 'suunnitelmaan kirjaten': the infinitive's own complement, a word in a case that is
        # not a genitive (that would be another word's attribute) and no adposition.
        before = words[start - 1].rstrip(",")
        cases = inflect.case_of(before)
        if not cases or cases == {"omanto"} or _postposition(before):
            return []
        start -= 1
    while start > 0 and ("omanto" in inflect.case_of(words[start - 1].rstrip(",")) or is_code(words[start - 1])):
        start -= 1
    # A postposition never moves without its genitive; a manner word may move alone ('nopeasti').
    if start == len(words) - 1 and not manner:
        return []
    return [" ".join(words[start:] + words[:start])] if start > 0 else []


def _first_complement(words: list[str]) -> str:
    """'työmaan turvallisuudesta koko rakennushankkeen ajan' -> 'työmaan turvallisuudesta': a
    verb's complement up to its first noun in a case other than the genitive (its attributes and
    a postposition's genitives before it stay); '' when that is all there is."""
    for index, word in enumerate(words):
        found = [a for a in inflect.analyses(word.rstrip(",")) if a.get("CLASS") == "nimisana" and a.get("SIJAMUOTO")]
        if found and not {a["SIJAMUOTO"] for a in found} & {"omanto", "nimento"}:
            return " ".join(words[:index + 1]).rstrip(",") if index + 1 < len(words) else ""
    return ""


def is_code(word: str) -> bool:
    """Acronyms and numbers ('ISO', '14083') are no case of a Finnish word."""
    return word.isupper() or any(ch.isdigit() for ch in word)


def _postposition(word: str) -> bool:
    """'mukaan', 'jälkeen', 'kanssa', 'kuluessa': an adposition, an adverb with no case that
    Voikko files as one ('mukaan' is a seikkasana), or an E-infinitive that works as one ('yhden
    työpäivän kuluessa'); not a manner form ('kirjallisesti')."""
    found = inflect.analyses(word)
    return any(a.get("CLASS") == "suhdesana" for a in found) or _caseless_adverb(word) or _e_infinitive(word)


def _e_infinitive(word: str) -> bool:
    found = inflect.analyses(word)
    return bool(found) and all(a.get("MOOD") == "E-infinitive" for a in found)


def _caseless_adverb(word: str) -> bool:
    found = inflect.analyses(word)
    return bool(found) and all(a.get("CLASS") == "seikkasana" and not a.get("SIJAMUOTO") for a in found)


def _leading_complement_cut(words: list[str]) -> list[str]:
    """'yhteisölle sopivan oikeudellisen mallin': a leading complement in another case
    ('yhteisölle') and then the participle it belongs to ('sopivan') can go, and the head
    noun phrase stays in the verb's case: the way out when the object repeats the brief."""
    lead = 0
    while lead < len(words) - 1 and (cases := inflect.case_of(words[lead].rstrip(","))) and not cases & _OBJECT_CASES:
        lead += 1
    if lead == 0:
        return []
    readings = inflect.analyses(words[lead].rstrip(","))
    # 'vaikeasti tavoitettavissa | olevien asiakasryhmien', 'kauppaan | liittyviä kysymyksiä':
    # these participles say nothing without the complement, so none is cut from them.
    out = [] if any(a.get("BASEFORM") in COMPLEMENT_PARTICIPLES for a in readings) else [" ".join(words[lead:])]
    if lead + 1 < len(words) and any(a.get("PARTICIPLE") for a in readings):
        # The participle goes with its complement first: most dangle without one ('liittyvät
        # vero- ja rahoitusvaihtoehdot' once 'kauppaan' is cut); 'sopivan mallin' is the exception.
        out.insert(0, " ".join(words[lead + 1:]))
    return out
