"""Finnish with Voikko: sentences, tokens, analyses, skill phrases read from infinitive chains."""

from __future__ import annotations

import re
from functools import cache

from assistant.nlp import inflect
from assistant.nlp.types import SkillPhrase, Span, pieces_between
from assistant.rules import finnish as _voikko_reader

# Verbs that say someone must be able to do what follows ("joka osaa arvioida", "pitää pystyä
# laskemaan", "on osattava laatia").
NEED_BASES = {"osata", "pystyä", "kyetä", "osattava", "kyettävä", "pystyttävä", "oppia", "kyky", "valmius", "taito",
              "odottaa"}
# Words after which a list of action nouns names the skills ('tarvitaan osaamista kosteusvaurioiden
# tunnistamisessa, ...', 'joilla on hallussa asiakaspalautteen analysointi, ...').
NOUN_NEED_BASES = {"osaaminen", "taito", "tuntemus", "hallussa", "tarvita", "kaivata", "edellyttää", "vaatia", "hallita",
                   "toivoa"}
_GENERIC = {"osaaminen", "taito", "tuntemus", "kyky", "valmius", "tieto", "ymmärrys"}
# What teaches the skill, not a skill ('tarvitsemme koulutusta, jossa ...').
_LEARNING = {"koulutus", "kurssi", "opetus", "valmennus", "perehdytys", "opinto", "opinnot"}
FINITE_MOODS = {"indicative", "conditional", "imperative", "potential"}
NOMINAL = {"nimisana", "laatusana", "nimisana_laatusana", "lukusana", "asemosana", "erisnimi", "etunimi", "sukunimi", "paikannimi"}
COORDINATORS = frozenset({"ja", "sekä", "tai"})
# Words that open a subordinate clause after a comma: the clause says why or how, not what.
_SUBORDINATORS = {"että", "miten", "kun", "jos", "koska", "jotta", "vaikka", "mutta", "eikä", "sillä"}
_EXAMPLES = {"esimerkiksi", "kuten", "mm"}  # after a comma, examples of what went before
_TRAILING = {"niin", "siten", "myös", "siitä", "sitä", "tavalla", "kyllä", "silloin"}  # before a cut clause


def _voikko():
    return _voikko_reader._voikko()


@cache
def tokens(text: str) -> tuple[tuple[str, int, str], ...]:
    """(kind, offset, text) per token: kind is 'word', 'punct' or 'space'."""
    kinds = {1: "word", 2: "punct", 3: "space"}
    out, offset = [], 0
    for token in _voikko().tokens(text):  # type: ignore[attr-defined]
        out.append((kinds.get(token.tokenType, "other"), offset, token.tokenText))
        offset += len(token.tokenText)
    return tuple(out)


def sentences(text: str) -> list[Span]:
    """Voikko's sentences, except that a piece starting in lower case after a period goes on the
    sentence before it: Voikko ends one at an abbreviation ('(esim. viisi miksi -menetelmä)').
    After a colon it stays apart: there a list of needs often starts ('valmiuksia: ...')."""
    out: list[Span] = []
    offset = 0
    for sentence in _voikko().sentences(text):  # type: ignore[attr-defined]
        piece = sentence.sentenceText
        stripped = piece.strip()
        if stripped:
            start = offset + piece.index(stripped)
            if out and out[-1].text.endswith(".") and stripped[0].islower():
                out[-1] = Span(text[out[-1].start:start + len(stripped)], out[-1].start, start + len(stripped))
            else:
                out.append(Span(stripped, start, start + len(stripped)))
        offset += len(piece)
    return out


def analyses(word: str) -> tuple[dict[str, str], ...]:
    """Voikko's analyses; for 'NIS2-direktiivin', 'CII-arvo' the part after the acronym."""
    found = inflect.analyses(word)
    if not found and "-" in word.strip("-"):
        head, _, tail = word.rpartition("-")
        if tail and (any(ch.isdigit() for ch in head) or head.isupper()):
            return inflect.analyses(tail)
    return found


def is_known(word: str) -> bool:
    """Voikko reads the word (numbers, acronyms and their inflected forms count as known)."""
    if not any(ch.isalpha() for ch in word) or re.fullmatch(r"[A-ZÅÄÖ0-9]+(?::[a-zäö]+)?", word):
        return True
    return bool(analyses(word))


def is_finite_verb(word: str) -> bool:
    """Every reading is a finite verb ('kirjataan', 'hakevat'); ambiguous words are not."""
    found = analyses(word)
    return bool(found) and all(a.get("CLASS") == "teonsana" and a.get("MOOD") in FINITE_MOODS for a in found)


def finite_verbs(text: str) -> list[str]:
    return [t for kind, _, t in tokens(text) if kind == "word" and is_finite_verb(t)]


def lemma(word: str) -> str:
    found = analyses(word)
    return found[0].get("BASEFORM", word) if found else word


def cases(word: str) -> set[str]:
    return {a["SIJAMUOTO"] for a in analyses(word) if a.get("SIJAMUOTO")}


def noun_phrases(text: str) -> list[Span]:
    """Runs of nominal words (attributes and a noun head), cut at punctuation and verbs."""
    out: list[Span] = []
    run: list[tuple[int, str]] = []

    def close() -> None:
        while run and not any(a.get("CLASS") == "nimisana" for a in analyses(run[-1][1])):
            run.pop()
        if run:
            start, end = run[0][0], run[-1][0] + len(run[-1][1])
            out.append(Span(text[start:end], start, end))
        run.clear()

    for kind, offset, token in tokens(text):
        if kind == "space":
            continue
        if kind == "word" and analyses(token) and all(a.get("CLASS") in NOMINAL for a in analyses(token)):
            run.append((offset, token))
        else:
            close()
    close()
    return out


_PREPOSITIONS = {"ennen", "ilman", "kohti", "yli", "pitkin", "vailla"}


def _infinitive(word: str) -> str | None:
    """The base form when the word can be an A-infinitive or an MA-infinitive illative; not
    with the question clitic ('arvioida, kannattaako investointi': an indirect question)."""
    for a in analyses(word):
        if a.get("CLASS") == "teonsana" and a.get("KYSYMYSLIITE") != "true" and (
            a.get("MOOD") == "A-infinitive" or (a.get("MOOD") == "MA-infinitive" and a.get("SIJAMUOTO") == "sisatulento")
        ):
            return a.get("BASEFORM")
    return None


def _is_need(word: str) -> bool:
    return any(a.get("BASEFORM") in NEED_BASES for a in analyses(word))


_FOCUS = {"myös", "lisäksi", "aina", "myöskin", "jo", "ainakin"}  # may stand between the need verb and its infinitive
_MUST = {"tulla", "pitää", "täytyä"}  # 'Heidän tulee tunnistaa ...', 'Hänen pitää tulkita ...'


def _must_at(words: list[tuple[int, str, str]]) -> set[int]:
    """Offsets of 'tulee / pitää / täytyy' between a person in the genitive and an A-infinitive,
    where they say what someone must do ('Laborantin pitää tulkita', 'Heidän tulee myös
    tunnistaa'); 'tulee kalliiksi', 'Kurssi tulee järjestää' (a thing) or 'Meidän täytyy'
    (the writers) say no such thing, nor does 'pitää olla'."""
    found = set()
    text = [(offset, token) for offset, token, kind in words if kind == "word"]
    for index, (offset, token) in enumerate(text):
        following = [t for _, t in text[index + 1:index + 3]]
        if following and following[0].lower() in _FOCUS:
            following = following[1:]
        if not following or index == 0 or not _genitive_person(text[index - 1][1]):
            continue
        if any(a.get("BASEFORM") in _MUST and a.get("MOOD") in FINITE_MOODS for a in analyses(token)) and any(
                a.get("MOOD") == "A-infinitive" and a.get("BASEFORM") != "olla" for a in analyses(following[0])):
            found.add(offset)
    return found


_DUTY = {"tehtävä", "vastuu", "velvollisuus"}  # 'Hoitajan tehtävänä on laatia ...'


def _duty_at(words: list[tuple[int, str, str]]) -> set[int]:
    """Offsets of 'on' that say someone's duty is what follows: 'Työnjohtajan tehtävänä on
    huolehtia ...', 'Kuljettajan tehtävä on seurata ...' (a word for a duty, then 'on', then an
    A-infinitive)."""
    text = [(offset, token) for offset, token, kind in words if kind == "word"]
    found = set()
    for index in range(1, len(text) - 1):
        offset, token = text[index]
        if token.lower() not in {"on", "ovat"}:
            continue
        duty = any(a.get("BASEFORM") in _DUTY and a.get("CLASS") == "nimisana" and not a.get("POSSESSIVE")
                   for a in analyses(text[index - 1][1]))
        # Whose duty: a person in the genitive before it, not the course's ('Kurssin tehtävä').
        owner = text[index - 2][1] if index >= 2 else ""
        duty = duty and _genitive_person(owner) and not any(a.get("BASEFORM") in _LEARNING for a in analyses(owner))
        if duty and any(a.get("MOOD") == "A-infinitive" for a in analyses(text[index + 1][1])):
            found.add(offset)
    return found


def _necessive(word: str) -> str | None:
    """The verb of a necessive passive participle ('ilmoitettava', 'tehtävä', 'perehdytettävä'
    in 'on ilmoitettava'): what must be done, said without who. Not a need verb's ('osattava'),
    whose infinitive follows, and not 'oltava' ('on oltava suunniteltu')."""
    for a in analyses(word):
        if a.get("PARTICIPLE") == "present_passive" and a.get("SIJAMUOTO") == "nimento":
            verb = _participle_verb(a.get("WORDBASES", ""))
            if verb and verb not in NEED_BASES | {"olla"} and a.get("BASEFORM") not in NEED_BASES:
                return verb
    return None


_SEGMENT = re.compile(r"\+([^+(]*)(?:\(([^)]*)\))?")  # (surface, base) in '+ilmoitet(ilmoittaa)+tav+a(+a)'


def _participle_verb(wordbases: str) -> str:
    """The verb of a participle from Voikko's WORDBASES, with the parts before it as written:
    '+uudelleen+käynnistet(käynnistää)+täv+ä(+ä)' -> 'uudelleenkäynnistää',
    '+allekirjoitet(alle=kirjoittaa)+tav+a(+a)' -> 'allekirjoittaa'."""
    segments = _SEGMENT.findall(wordbases)
    own = [i for i, (_, base) in enumerate(segments) if base and not base.startswith("+")]
    if not own:
        return ""
    last = own[-1]
    return "".join(surface for surface, _ in segments[:last]) + segments[last][1].replace("=", "")


def _before_necessive(words: list[tuple[int, str, str]], at: int) -> list[tuple[int, str, str]]:
    """The words of the clause before 'on' + a necessive participle at `at`: the object or the
    complement when it comes first ('Vaaratilanteista on ilmoitettava', 'Viikoittaiset
    TR-mittaukset on tehtävä'); none when a person stands there ('Hänen on perehdytettävä ...')."""
    before = [w for w in words if w[0] < at]
    if not before or before[-1][1].lower() not in {"on", "ovat"}:
        return []
    clause: list[tuple[int, str, str]] = []
    for word in reversed(before[:-1]):
        if word[2] != "word" or word[1].lower() in COORDINATORS | _SUBORDINATORS:
            break
        clause.insert(0, word)
    clause = [w for w in clause if w[1].lower() not in _FOCUS]
    if clause and _genitive_person(clause[-1][1]):
        return []  # 'Jokaisen hoitajan on kirjattava ...': who must, not what
    return clause


def _not_necessive(words: list[tuple[int, str, str]], at: int, question: bool) -> bool:
    """'on' + a passive participle that states no task of the learners: a question ('Mitä on
    luettava?'), having ('Hänellä on tehtävä'), a superlative ('Tärkeintä on ...'), the course's
    own ('Koulutus on järjestettävä syksyllä')."""
    if question:
        return True
    before = [t for o, t, k in words if k == "word" and o < at][:-1]
    for word in before:
        found = analyses(word)
        if any(a.get("SIJAMUOTO") == "ulkoolento" and a.get("CLASS") in {"asemosana", "nimisana"} for a in found):
            return True
        if any(a.get("COMPARISON") == "superlative" or a.get("BASEFORM") in _LEARNING for a in found):
            return True
    return False


def _after_coordinator(current: list[tuple[int, str, str]]) -> bool:
    """Whether the object read so far ends in 'ja' / 'sekä' / 'tai' and at most two words after
    it: '... on tehtävä ja tulokset käytävä': a second necessive follows; 'laskea annettava
    lääkeannos' has a participle as an adjective, which stays in the object."""
    words = [w for w in current if w[2] == "word"]
    joins = [i for i, w in enumerate(words) if w[1].lower() in COORDINATORS]
    return bool(joins) and len(words) - joins[-1] - 1 <= 2


def _genitive_person(word: str) -> bool:
    """'Heidän', 'Laborantin', 'farmaseuttien': who must, in the genitive; not the writers
    ('meidän', 'minun') and not a word Voikko reads only as something else."""
    if word.lower() in {"meidän", "minun", "sinun", "teidän"}:
        return False
    # 'koulutuksen pitää onnistua vuorojen lomassa': the course's own, no one's skill.
    return any(a.get("SIJAMUOTO") == "omanto" and a.get("CLASS") in {"nimisana", "asemosana"}
               and a.get("BASEFORM") not in _LEARNING | _COURSE for a in analyses(word))


_COURSE = {"opintojakso", "toteutus", "kokonaisuus", "moduuli", "osio", "tutkinto", "ohjelma"}


def _asked_verb(word: str) -> str | None:
    """The base form of a finite verb with the question clitic ('tunnistavatko' -> 'tunnistaa'),
    not a need verb, 'olla' or a negation."""
    for a in analyses(word):
        if (a.get("CLASS") == "teonsana" and a.get("KYSYMYSLIITE") == "true" and a.get("MOOD") in FINITE_MOODS
                and a.get("BASEFORM") not in NEED_BASES | {"olla", "ei"}):
            return a.get("BASEFORM")
    return None


_NOT_ASKED = {"tulla", "saada", "maksaa", "riittää", "kestää"}  # 'Tuleeko kurssista maksu?'


def _subject_follows(words: list[tuple[int, str, str]], offset: int) -> bool:
    """'tunnistavatko he ...', 'käyttävätkö hoitajat ...': a person in the nominative next."""
    after = [t for o, t, k in words if k == "word" and o > offset][:1]
    return bool(after) and _is_subject(after[0])


def _is_subject(word: str) -> bool:
    """A word that can only be a subject in the nominative ('hoitajat', 'he')."""
    found = analyses(word)
    return bool(found) and all(a.get("CLASS") in {"nimisana", "asemosana"} and a.get("SIJAMUOTO") == "nimento"
                               for a in found)


def skill_phrases(text: str) -> list[SkillPhrase]:
    """The infinitives after 'osata / pystyä / kyetä' (and after 'tulee / pitää' with a person
    in the genitive, or in a question: 'Osaavatko hoitajat neuvoa ...?'; a question's own verb
    too: 'tunnistavatko he ...?') and their objects, each with its span.

    A new skill starts at an infinitive that follows the need verb, a comma or a conjunction;
    a relative or subordinate clause ('…, jotka kirjataan', '…, miten …') ends the object."""
    out: list[SkillPhrase] = []
    carried = False  # Voikko ends a sentence at a colon: 'odotetaan kolmea asiaa: vastata ...'
    nouns_carried = False  # ... and 'seuraavia valmiuksia: näytteiden ottaminen, ...'
    for sentence in sentences(text):
        words = [(o + sentence.start, t, k) for k, o, t in tokens(sentence.text) if k != "space"]
        before = len(out)
        active = carried  # after a need verb
        after_colon = nouns_carried  # the list of action nouns a colon opened ('valmiuksia:')
        current: list[tuple[int, str, str]] = []
        verb: tuple[str, int, str] | None = None
        skipping = False
        previous = ":" if carried else ""

        def close(kind: str = "verb-object", current: list = current, sentence: Span = sentence,
                  manner: str = "") -> None:
            nonlocal verb
            if verb is not None:
                phrase = _phrase(verb, current, sentence.text, text, kind, manner)
                if phrase is not None:
                    out.append(phrase)
            verb = None
            current.clear()

        question = sentence.text.rstrip().endswith("?")
        must = _must_at(words) | _duty_at(words)
        after_need = False
        for offset, token, kind in words:
            lower = token.lower()
            if kind == "word" and question and _is_subject(token) and (_is_need(previous) or _asked_verb(previous)):
                continue  # 'Osaavatko hoitajat neuvoa ...?', 'tunnistavatko he ...?': the subject
            if kind == "word" and not active and (_is_need(token) or offset in must):
                # 'etteivät ne osaa laskea', 'sitä ei osata käyttää': a lack, not the need.
                active = not _negation_before(words, offset)
            elif kind == "word" and not active and previous in {"on", "ovat"} and (base := _necessive(token)) and (
                    not _not_necessive(words, offset, question)):
                # 'Vaaratilanteista on ilmoitettava päätoteuttajalle': the participle's verb is the
                # skill, and a complement written before 'on' is part of its object.
                active, verb, skipping = True, (base, offset, token), False
                current.extend(_before_necessive(words, offset))
            elif kind == "word" and not active and question and (base := _asked_verb(token)) and (
                    base not in _NOT_ASKED and _subject_follows(words, offset)):
                # 'Entä tunnistavatko he huijausviestin?': whether they do it names the need.
                active, verb, skipping = True, (base, offset, token), False
            elif kind == "word" and active and (previous in {"", ",", ":", *COORDINATORS} or after_need) and (
                base := _infinitive(token)
            ):
                if not _is_need(token):
                    close()
                    verb, skipping = (base, offset, token), False
            elif kind == "word" and active and verb is not None and _after_coordinator(current) and (
                    base := _necessive(token)):
                # '... on tehtävä ja tulokset käytävä läpi': a second necessive, 'on' left out,
                # with its own object after the conjunction.
                joins = [i for i, w in enumerate(current) if w[1].lower() in COORDINATORS]
                own = current[joins[-1] + 1:]
                del current[joins[-1]:]
                # 'Raportti on luettava ja allekirjoitettava.': one object, when nothing follows.
                last = not any(k == "word" for o, _, k in words if o > offset)
                shared = list(current) if not own and last else []
                close()
                verb, skipping = (base, offset, token), False
                current.extend(own or shared)
            elif not active or verb is None or skipping:
                pass
            elif token == ";" or kind == "word" and previous == "," and lower in _EXAMPLES:
                close()  # 'rajata vahinko, esimerkiksi sulkea tunnuksia': examples of it, not it
                skipping = True
            elif kind == "word" and previous == "," and (lower in _SUBORDINATORS or lemma(token) in {"joka", "mikä"}
                                                         or _asked_verb(token)):  # ', kannattaako ...'
                if not any(k == "word" for _, _, k in current) and lower in {"miten", "mitkä", "mitä"}:
                    current.clear()
                    # 'vertailemaan, miten reitin ... valinta vaikuttaa': the clause's subject,
                    # in the nominative: the drafter puts it in the verb's case.
                    current.extend(_clause_subject(words, offset))
                    close(kind="clause-subject")
                manner = _passive_relative(words, offset) if lemma(token) in {"joka", "mikä"} else ""
                close(manner=manner)
                skipping = True
            elif kind == "word" and is_finite_verb(token):
                close()  # a new clause: 'ja osa on hävinnyt ...'
                skipping = True
            else:
                current.append((offset, token, kind))
            # 'odotetaan kolmea asiaa: vastata ...': a colon opens the list as a comma does.
            if kind == "word" or token in {",", ":"}:
                # Right after a need verb ('osaa laskea'; 'tulee myös tunnistaa' past 'myös').
                after_need = _is_need(token) or offset in must or (after_need and verb is None and lower in _FOCUS)
                previous = lower
        close()
        carried = active and verb is None and len(out) == before and sentence.text.endswith(":")
        nouns_carried = len(out) == before and sentence.text.rstrip().endswith(":") and _names_competence(words)
        if len(out) == before and not carried and not nouns_carried:
            # 'Hankkeen tarve: Pelastuslaitokset ovat kohdanneet ...': after a heading's colon
            # comes prose, not a list of action nouns; a list has no verb of its own.
            listed = after_colon and not any(k == "word" and is_finite_verb(t) for _, t, k in words)
            out.extend(_noun_needs(words, sentence.text, listed=listed) or _lack_needs(words, sentence.text))
    return split_coordinated(resolve_pronouns(out))


def _names_competence(words: list[tuple[int, str, str]]) -> bool:
    """'vahvistetaan erityisesti seuraavia valmiuksia:': a word for skills just before the colon,
    the list after it ('osaamista seuraavilla aloilla:' lists fields, not skills)."""
    last = next((t for _, t, k in reversed(words) if k == "word"), "")
    return _names_need(last) or any(a.get("BASEFORM") in {"valmius", "kyky"} for a in analyses(last))


# A compound whose head is a need ('Kehittämistarpeina nousivat esiin X, Y ...', 'osaamistarve').
_NEED_HEAD = re.compile(r"\+tarve\(tarve\)$")


def _names_need(word: str) -> bool:
    """A word that names a need ('tarvitaan', 'osaamista'); Voikko reads 'osaamista' as the
    MINEN form of 'osata' ('puuttuu osaamista X:n parantamiseen'), not as 'osaaminen'."""
    # Only the partitive: 'tekevät osaamisen päivittämisestä kiireellistä' names no need.
    return any(a.get("BASEFORM") in NOUN_NEED_BASES or a.get("BASEFORM") == "osata" and a.get("MOOD") == "MINEN-infinitive"
               and a.get("SIJAMUOTO") == "osanto" or _NEED_HEAD.search(a.get("WORDBASES", "")) for a in analyses(word))


def _noun_needs(words: list[tuple[int, str, str]], sentence: str, listed: bool = False) -> list[SkillPhrase]:
    """Action nouns listed after a word that names a need ('tarvitaan osaamista X:n
    tunnistamisessa, Y:n suunnittelussa ja ...'): in each piece between commas and
    conjunctions, the action noun and the genitives and adjectives before it, the head put back
    in the nominative ('kosteusvaurioiden tunnistaminen'). A piece opening a subordinate
    clause ends the list; `listed`: the whole sentence is the list ('...valmiuksia:' before it)."""
    start = -1 if listed else next((i for i, (_, t, k) in enumerate(words) if k == "word" and not _negation_before(words, words[i][0])
                                    and _names_need(t)), None)
    if start is None:
        return []
    pieces = _shared_actions(pieces_between(words[start + 1:],
                                            lambda item: item[2] != "word" or item[1].lower() in COORDINATORS), words)
    out = []
    for piece in pieces:
        if piece[0][1].lower() in _SUBORDINATORS:
            break
        if lemma(piece[0][1]) in {"joka", "mikä"}:
            # 'koulutusta, jossa painottuvat X-minen, ...': the relative clause lists the
            # skills after its verb, which Voikko may also read as a participle.
            piece = piece[1:]
            while piece and any(a.get("MOOD") in FINITE_MOODS for a in analyses(piece[0][1])):
                piece = piece[1:]
        # After a finite verb ('joilla on hallussa ...') only what follows it is the skill.
        finite = [i for i, (_, w, _) in enumerate(piece) if is_finite_verb(w)]
        piece = piece[finite[-1] + 1:] if finite else piece
        phrase = _action_phrase(piece)
        if phrase is None:
            continue
        if out and _shares_attributes(words, piece, phrase, out[-1].object):
            # 'korjuuohjeiden laatiminen ja välittäminen koneenkuljettajille': the second action
            # is done to the same instructions.
            phrase = " ".join(out[-1].object.split()[:-1] + [phrase])
            first = piece[0]
        else:
            first = piece[-len(phrase.split())]
            if phrase[:1].isupper() and not _name(first[1]):
                phrase = phrase[0].lower() + phrase[1:]  # the sentence's first word ('Näytteiden ottaminen')
        last = piece[-1]
        out.append(SkillPhrase("", "", phrase, first[0], last[0] + len(last[1]), sentence, kind="noun-phrase",
                               core=phrase))
    return out


def _shared_actions(pieces: list[list], words: list[tuple[int, str, str]]) -> list[list]:
    """'keräilyn ja täydennysten ohjaaminen': genitives alone before 'ja' are attributes of the
    next piece's action, not a skill of their own ('keräily'); they join it, with the 'ja'."""
    out: list[list] = []
    held: list = []
    for index, piece in enumerate(pieces):
        piece = held + piece
        held = []
        nxt = pieces[index + 1] if index + 1 < len(pieces) else None
        joiner = next((w for w in words if w[0] > piece[-1][0]), None)
        if (nxt and joiner is not None and joiner[1].lower() in COORDINATORS and "omanto" in cases(nxt[0][1])
                and all("omanto" in cases(t) for _, t, _ in piece if t.lower() not in COORDINATORS)):
            held = piece + [joiner]
            continue
        out.append(piece)
    return out + ([held] if held else [])


def _shares_attributes(words, piece, phrase: str, before: str) -> bool:
    """Whether an action noun with no attribute of its own, right after 'ja' or 'sekä', takes
    those of the action before it: that one is its genitives and its head, nothing after."""
    at = words.index(piece[0])  # the sentence's words and punctuation, no spaces
    joined = at > 0 and words[at - 1][1].lower() in COORDINATORS - {"tai"}
    previous = before.split()
    return (joined and _is_minen(piece[0][1]) and phrase.split()[0] == inflect.to_nominative([piece[0][1]])[0]
            and len(previous) >= 2 and all(cases(w) & {"omanto"} for w in previous[:-1]) and _is_minen(previous[-1]))


def _is_minen(word: str, case: str = "") -> bool:
    """Whether Voikko reads the word as an action noun in -minen (in `case`, when given)."""
    return any(a.get("MOOD") == "MINEN-infinitive" and (not case or a.get("SIJAMUOTO") == case) for a in analyses(word))


def _lack_needs(words: list[tuple[int, str, str]], sentence: str) -> list[SkillPhrase]:
    """A lack said as a noun after what is lacking: 'Ilmoitusten käsittelyssä ja kiireellisyyden
    arvioinnissa on ollut puutteita' names two skills, the action nouns before the verb."""
    at = next((i for i, (_, t, k) in enumerate(words) if k == "word"
               and any(a.get("BASEFORM") == "puute" for a in analyses(t))), None)
    if at is None or _negation_before(words, words[at][0]):
        return []
    verbs = [i for i, (_, t, k) in enumerate(words[:at]) if k == "word" and is_finite_verb(t)]
    # Only 'X:ssä on puutteita': 'piti esteenä osaamisen puutetta' says nothing of where.
    if not verbs or lemma(words[verbs[-1]][1]) != "olla":
        return []
    # From the last clause start before the verb: 'Todettiin, että X:ssä on puutteita'.
    opening = max((i + 1 for i, (_, t, _) in enumerate(words[:verbs[-1]])
                   if t.lower() in _SUBORDINATORS or is_finite_verb(t)), default=0)
    # What the lack is in stands in the inessive ('käsittelyssä', 'hinnoittelussa').
    ends = {offset + len(token): token for offset, token, kind in words if kind == "word"}
    return [p for p in _noun_needs(words[opening:verbs[-1]], sentence, listed=True)
            if "sisaolento" in cases(ends.get(p.end, ""))]


PLACE_CASES = frozenset({"sisaolento", "sisaeronto", "sisatulento", "ulkoolento", "ulkoeronto", "ulkotulento"})


def _action_phrase(piece: list[tuple[int, str, str]]) -> str | None:
    """'kosteusvaurioiden tunnistamisessa' -> 'kosteusvaurioiden tunnistaminen'; None when the
    piece has no action noun. What follows a -minen noun stays with it as its complement
    ('poikkeaman kirjaaminen potilastietojärjestelmään')."""
    # The last action noun: a -minen form, or a simple deverbal noun ('infektioiden torjuntaan
    # toimenpidehuoneessa'); what follows it is its complement, unless the last word is an
    # action noun itself ('pesien talvehtimisen valmistelusta': the preparing is the skill).
    # A -minen noun in the nominative is the item's head even before an action noun in a
    # place case: 'paikkatietoaineistojen hyödyntäminen leimikon suunnittelussa' (using data
    # in planning), where a genitive one is an attribute ('pesien talvehtimisen valmistelusta').
    head_at = next((i for i in range(len(piece) - 2, -1, -1) if _is_minen(piece[i][1], "nimento")
                    and cases(piece[-1][1]) & PLACE_CASES), None)
    if head_at is None and not (piece and _deverbal(piece[-1][1])):
        head_at = next((i for i in range(len(piece) - 1, -1, -1)
                        if _is_minen(piece[i][1]) or i < len(piece) - 1 and _deverbal(piece[i][1])), None)
    if head_at is not None and head_at < len(piece) - 1:
        phrase = _action_phrase(piece[:head_at + 1])
        return phrase and " ".join([phrase] + [w for _, w, _ in piece[head_at + 1:]])
    if not piece:
        return None
    head = piece[-1][1]
    readings = analyses(head)
    minen = next((a.get("BASEFORM") for a in readings if a.get("MOOD") == "MINEN-infinitive"), None)
    if minen and minen not in _GENERIC:
        nominative = inflect.minen_form(minen)
        if nominative is None or nominative in _GENERIC:
            return None  # 'tarvitaan osaamista, kuten ...': the word for skill, not a skill
    else:
        nominative = inflect.to_nominative([head])[0]
        if lemma(nominative) in _GENERIC | _LEARNING or inflect.derived_verb(nominative) is None:
            return None
    if nominative is None:
        return None
    attributes: list[str] = []
    for _, word, _ in reversed(piece[:-1]):
        adjective = any(a.get("CLASS") == "laatusana" for a in analyses(word)) and cases(word) & cases(head)
        # A word Voikko does not know, in '-n' before the action, is kept as its genitive
        # ('ristikontaminaation ehkäiseminen'): the guard then names it, rather than the
        # action being shown without what it acts on.
        unknown_genitive = not analyses(word) and word.endswith("n") and word[:1].islower()
        # 'keräilyn ja täydennysten ohjaaminen': two genitives joined are both the action's.
        joined = word.lower() in COORDINATORS and attributes and cases(attributes[0]) & {"omanto"}
        if not (cases(word) & {"omanto"} or adjective or unknown_genitive or joined):
            break
        if adjective and attributes and cases(attributes[0]) & {"omanto"} and not cases(word) & {"omanto"}:
            # 'uudenlaista asiakkaiden opastamista': before the genitive, the adjective says how
            # the action is done, and no verb can take it with the genitive as its object.
            break
        attributes.insert(0, word)
    attributes = inflect.to_nominative(attributes + [head])[:-1] if attributes else []
    if attributes and any(a.get("BASEFORM") in COMPLEMENT_PARTICIPLES for a in analyses(attributes[0])):
        # 'haavoittuvassa asemassa | olevien asiakasryhmien tavoittaminen': the participle keeps
        # its complement, without which it says nothing.
        complement: list[str] = []
        for _, word, _ in reversed(piece[:len(piece) - 1 - len(attributes)]):
            if _names_need(word) or not cases(word) - {"nimento", "osanto", "omanto"}:
                break  # 'tarvitaan osaamista | haavoittuvassa asemassa ...': the need's own word
            complement.insert(0, word)
        attributes = complement + attributes
    return " ".join(attributes + [nominative])


# Participles that say nothing without their complement ('asemassa olevien', 'kauppaan liittyvät').
COMPLEMENT_PARTICIPLES = frozenset({"oleva", "liittyvä", "kuuluva", "perustuva", "kohdistuva", "sisältyvä"})


def _deverbal(word: str) -> bool:
    """A simple action noun that is no word for skill or learning ('torjuntaan', 'valmisteluun'),
    not in the genitive (an attribute: 'korjaushankkeiden valmisteluun')."""
    if cases(word) & {"omanto"}:
        return False
    nominative = inflect.to_nominative([word])[0]
    return bool(nominative) and lemma(nominative) not in _GENERIC | _LEARNING and inflect.derived_verb(nominative) is not None


def split_coordinated(phrases: list[SkillPhrase]) -> list[SkillPhrase]:
    """'tunnistaa kodin vaaranpaikat ja lääkityksen riskit' is two skills: two full noun
    phrases of two words or more, heads in the same case, joined by 'ja' or 'sekä'."""
    from dataclasses import replace

    out: list[SkillPhrase] = []
    for phrase in phrases:
        words = phrase.object.split()
        joins = [i for i, w in enumerate(words) if w.lower() in {"ja", "sekä"}]
        if phrase.kind == "verb-object" and len(joins) == 1 and not phrase.manner:
            left, right = words[: joins[0]], words[joins[0] + 1:]
            heads = [cases(left[-1].rstrip(",")), cases(right[-1])] if left and right else [set(), set()]
            nouns = all(any(a.get("CLASS") in {"nimisana", "nimisana_laatusana"} for a in analyses(w.rstrip(",")))
                        for w in (left[-1:] + right[-1:]))
            if (len(left) >= 2 and len(right) >= 2 and nouns and not left[-1].endswith("-") and "," not in phrase.object
                    and heads[0] & heads[1] & {"nimento", "omanto", "osanto"}):
                out += [replace(phrase, object=" ".join(left), core=" ".join(left)),
                        replace(phrase, object=" ".join(right), core=" ".join(right))]
                continue
        out.append(phrase)
    return out


def _passive_relative(words: list[tuple[int, str, str]], offset: int) -> str:
    """A passive relative clause as a manner phrase: ', jossa myös X otetaan huomioon' ->
    'X huomioon ottaen' (the E-infinitive, checked by Voikko); '' for any other clause."""
    clause = []
    for item in words:
        if item[0] <= offset:
            continue
        if item[2] != "word":
            break
        clause.append(item[1])
    passive = [w for w in clause if any(a.get("MOOD") == "indicative" and a.get("PERSON") == "4" for a in analyses(w))]
    if len(passive) != 1:
        return ""
    form = _e_infinitive(lemma(passive[0]))
    rest = [w for w in clause if w != passive[0] and w.lower() not in {"myös", "aina", "sitten"}]
    return " ".join(rest + [form]) if form and rest else ""


def _e_infinitive(verb: str) -> str | None:
    """'ottaa' -> 'ottaen', 'kirjata' -> 'kirjaten': generated, then read back by Voikko."""
    for candidate in (verb[:-1] + "en", verb[:-2] + "ten", verb[:-2] + "en", verb[:-3] + "ten"):
        if any(a.get("MOOD") == "E-infinitive" and a.get("BASEFORM") == verb for a in analyses(candidate)):
            return candidate
    return None


def _negation_before(words: list[tuple[int, str, str]], offset: int) -> bool:
    before = [t for o, t, k in words if o < offset and k == "word"][-3:]
    return any(a.get("CLASS") == "kieltosana" for t in before for a in analyses(t))


def _clause_subject(words: list[tuple[int, str, str]], offset: int) -> list[tuple[int, str, str]]:
    """The words of a question clause before its finite verb."""
    out = []
    for item in words:
        if item[0] <= offset:
            continue
        if item[2] == "word" and any(a.get("MOOD") in FINITE_MOODS for a in analyses(item[1])):
            return out
        out.append(item)
    return []


def _phrase(verb: tuple[str, int, str], words: list[tuple[int, str, str]], sentence: str, text: str,
            kind: str = "verb-object", manner: str = "") -> SkillPhrase | None:
    base, start, verb_text = verb
    # Drop what trails the object: list commas, conjunctions, full stops, 'niin' before 'että'.
    # A preposition whose noun a cut clause took ('tehdä ilmoitus ... ilman', before 'että') goes too.
    while words and (words[-1][2] != "word" or words[-1][1].lower() in COORDINATORS | _TRAILING | _PREPOSITIONS):
        words.pop()
    text_words = [w for w in words if w[2] == "word"]
    if len(text_words) <= 2 and text_words and text_words[0][1].lower() in _PREPOSITIONS:
        return None  # 'arvioida ennen päätöksentekoa, mitä ...': a time, not what is evaluated
    if not words:
        return None
    end = words[-1][0] + len(words[-1][1])
    # A necessive's object may stand before its verb ('Vaaratilanteista on ilmoitettava ...'):
    # the words before and after the verb, without 'on' and the participle between them.
    before, after = [w for w in words if w[0] < start], [w for w in words if w[0] > start]
    pieces = [p for p in (before, after) if p]
    obj = " ".join(" ".join(text[p[0][0]:p[-1][0] + len(p[-1][1])].split()) for p in pieces)
    if before and _sentence_initial(before[0], text) and not _name(before[0][1]):
        obj = obj[0].lower() + obj[1:]  # 'Vaaratilanteista on ilmoitettava' -> 'ilmoittaa vaaratilanteista'
    return SkillPhrase(base, verb_text, obj, min(start, words[0][0]), end, sentence, kind=kind, core=_core(obj),
                       manner=manner)


def _sentence_initial(word: tuple[int, str, str], text: str) -> bool:
    return not text[:word[0]].strip() or text[:word[0]].rstrip()[-1:] in {".", "!", "?", ":", '"', "”"}


def _name(word: str) -> bool:
    """A proper name, or an acronym: its capital stays."""
    found = analyses(word)
    return word.isupper() or "-" in word and word.split("-")[0].isupper() or not found or all(
        a.get("CLASS") in {"erisnimi", "etunimi", "sukunimi", "paikannimi"} for a in found)


def _core(obj: str) -> str:
    """The object's own words: the leading words in an object case (not acronyms, numbers)."""
    out = []
    for word in obj.split():
        bare = word.rstrip(",")
        if bare.isupper() or any(ch.isdigit() for ch in bare) or not (cases(bare) & {"nimento", "omanto", "osanto"}
                                                                         or bare.lower() in COORDINATORS):
            break
        out.append(word)
    while out and out[-1].lower() in COORDINATORS:
        out.pop()
    return " ".join(out)


# A pronoun that points at the object before it, and its case.
POINTING_PRONOUNS = {"se": "nimento", "ne": "nimento", "niitä": "osanto", "sitä": "osanto", "niiden": "omanto",
                     "sen": "omanto"}


def resolve_pronouns(phrases: list[SkillPhrase]) -> list[SkillPhrase]:
    """'raportoida ne asiakkaalle', 'laatia niiden perusteella': the pronoun points at the
    previous object; put that object in the pronoun's case (checked by Voikko), else leave it."""
    from dataclasses import replace

    out: list[SkillPhrase] = []
    for phrase in phrases:
        words = phrase.object.split()
        if out and words and words[0].lower() in POINTING_PRONOUNS and out[-1].core:
            antecedent = " ".join(inflect.to_nominative(out[-1].core.split()))
            case = POINTING_PRONOUNS[words[0].lower()]
            form = antecedent if case == "nimento" else inflect.inflect_phrase(antecedent, case)
            if form is None and len(antecedent.split()) > 1:
                # A list ('vedenottamon, käsittelyn ja jakeluverkoston vaaratekijät'): its head.
                head = antecedent.split()[-1]
                form = head if case == "nimento" else inflect.inflect_phrase(head, case)
            if form is not None:
                obj = " ".join([form] + words[1:])
                phrase = replace(phrase, object=obj, core=_core(obj))
        out.append(phrase)
    return out


# The cases a title's setting stands in: where ('kotihoidossa', 'pk-yrityksissä', 'työpaikalla')
# and on what basis ('... pohjalta'); not the illative of a goal ('siirtyminen uusiutuvaan energiaan').
_SETTING_CASES = {"sisaolento", "ulkoolento", "ulkoeronto"}


def title_focus(title: str) -> str:
    """A title without the phrase that names its setting ('Kaatumisten ehkäisy kotihoidossa' ->
    'Kaatumisten ehkäisy'): cut at the first word after the second that Voikko reads only in a
    setting's case, with the words before it in the same case and the genitives that belong to
    it ('pienten yritysten asiakaspalvelussa', 'viljavuustutkimuksen pohjalta'); the title itself
    when fewer than two words would stay."""
    words = [(offset, word) for kind, offset, word in tokens(title) if kind == "word"]
    for i in range(2, len(words)):
        found = analyses(words[i][1])
        if found and all(a.get("SIJAMUOTO") in _SETTING_CASES for a in found):
            case = cases(words[i][1])
            start = i
            while start > 0 and (cases(words[start - 1][1]) == case or cases(words[start - 1][1]) == {"omanto"}):
                start -= 1
            return title[:words[start][0]].strip() if start >= 2 else title
    return title
