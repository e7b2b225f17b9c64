"""Every label of the workspace in English and Finnish, keyed by id."""

from __future__ import annotations

LANGUAGES = {"en": "English", "fi": "Suomi"}

STRINGS: dict[str, dict[str, str]] = {
    "app.title": {"en": "# Oppi\nA learning-design assistant for micro-credential planners.",
                  "fi": "# Oppi\nSuunnitteluavustaja mikrotutkintojen suunnittelijoille."},
    "app.language": {"en": "Language", "fi": "Kieli"},
    # tabs
    "tab.chat": {"en": "Chat", "fi": "Keskustelu"},
    "tab.draft": {"en": "Draft", "fi": "Luonnos"},
    "tab.check": {"en": "Check", "fi": "Tarkistus"},
    "tab.credentials": {"en": "Credentials", "fi": "Mikrotutkinnot"},
    "tab.library": {"en": "Library", "fi": "Kirjasto"},
    "tab.evaluations": {"en": "Evaluations", "fi": "Arvioinnit"},
    "tab.about": {"en": "About", "fi": "Tietoja"},
    # chat
    "chat.intro": {"en": "Ask about micro-credential design. Answers come from the library, with sources.",
                   "fi": "Kysy mikrotutkintojen suunnittelusta. Vastaukset tulevat kirjastosta lähteineen."},
    "chat.question": {"en": "Your question", "fi": "Kysymyksesi"},
    "chat.send": {"en": "Ask", "fi": "Kysy"},
    "chat.clear": {"en": "Clear chat", "fi": "Tyhjennä keskustelu"},
    "chat.sources": {"en": "Sources", "fi": "Lähteet"},
    "chat.examples": {"en": "Examples", "fi": "Esimerkkejä"},
    "chat.no_sources": {"en": "No sources yet.", "fi": "Ei vielä lähteitä."},
    "chat.mode_extractive": {"en": "Quoted from the library: nothing here is generated.",
                             "fi": "Lainattu kirjastosta: mitään tästä ei ole tuotettu mallilla."},
    "chat.mode_generative": {"en": "Written by the model and checked sentence by sentence against its sources.",
                             "fi": "Mallin kirjoittama ja lause lauseelta lähteisiin verrattu."},
    "chat.unsupported_count": {"en": "{n} of {total} sentences are not supported by the sources.",
                               "fi": "{n}/{total} lausetta ei saa tukea lähteistä."},
    "chat.unsupported": {"en": "not supported by the sources", "fi": "lähteet eivät tue tätä"},
    "chat.dropped": {"en": "{n} unsupported sentences were left out.", "fi": "{n} lähteiden tukematonta lausetta jätettiin pois."},
    # draft
    "draft.intro": {"en": "Describe the credential; Oppi suggests learning outcomes you can accept, edit or reject.",
                    "fi": "Kuvaa mikrotutkinto; Oppi ehdottaa osaamistavoitteita, jotka voit hyväksyä, muokata tai hylätä."},
    "draft.title": {"en": "Title", "fi": "Nimi"},
    "draft.target_group": {"en": "Target group", "fi": "Kohderyhmä"},
    "draft.level": {"en": "EQF level", "fi": "EQF-taso"},
    "draft.ects": {"en": "Size (ECTS)", "fi": "Laajuus (op)"},
    "draft.skills": {"en": "Skill needs (one per line)", "fi": "Osaamistarpeet (yksi riville)"},
    "draft.work_context": {"en": "Work context", "fi": "Työympäristö"},
    "draft.language": {"en": "Language of the outcomes", "fi": "Tavoitteiden kieli"},
    "draft.strategy": {"en": "Strategy", "fi": "Tapa"},
    "draft.run": {"en": "Suggest outcomes", "fi": "Ehdota tavoitteita"},
    "draft.table": {"en": "Suggested outcomes", "fi": "Ehdotetut osaamistavoitteet"},
    "draft.number": {"en": "Outcome number", "fi": "Tavoitteen numero"},
    "draft.accept": {"en": "Accept", "fi": "Hyväksy"},
    "draft.reject": {"en": "Reject", "fi": "Hylkää"},
    "draft.regenerate": {"en": "Regenerate", "fi": "Luo uudelleen"},
    "draft.edit_text": {"en": "New text for the chosen outcome", "fi": "Valitun tavoitteen uusi teksti"},
    "draft.edit": {"en": "Save edit", "fi": "Tallenna muutos"},
    "draft.save": {"en": "Save credential", "fi": "Tallenna"},
    "draft.status": {"en": "Status", "fi": "Tila"},
    # check
    "check.intro": {"en": "Paste a draft or upload a file (md, txt, pdf, docx, json).",
                    "fi": "Liitä luonnos tai lataa tiedosto (md, txt, pdf, docx, json)."},
    "check.text": {"en": "Draft text", "fi": "Luonnoksen teksti"},
    "check.file": {"en": "Or upload a file", "fi": "Tai lataa tiedosto"},
    "check.run": {"en": "Check", "fi": "Tarkista"},
    "check.apply": {"en": "Apply suggestion", "fi": "Käytä ehdotusta"},
    "check.finding": {"en": "Finding with a suggestion", "fi": "Havainto, jolla on ehdotus"},
    "check.ready": {"en": "Ready: no errors", "fi": "Valmis: ei virheitä"},
    "check.not_ready": {"en": "Not ready: {n} error(s)", "fi": "Ei valmis: {n} virhe(ttä)"},
    "check.E": {"en": "Errors", "fi": "Virheet"},
    "check.W": {"en": "Warnings", "fi": "Varoitukset"},
    "check.I": {"en": "Information", "fi": "Tiedoksi"},
    "check.do_instead": {"en": "Do instead", "fi": "Tee näin"},
    "check.source": {"en": "Source", "fi": "Lähde"},
    "check.model": {"en": "model judgement", "fi": "mallin arvio"},
    "check.unread": {"en": "Could not read", "fi": "Ei luettavissa"},
    # credentials
    "cred.intro": {"en": "Saved credentials with their review history.", "fi": "Tallennetut mikrotutkinnot ja niiden käsittelyhistoria."},
    "cred.refresh": {"en": "Refresh", "fi": "Päivitä"},
    "cred.select": {"en": "Credential", "fi": "Mikrotutkinto"},
    "cred.open": {"en": "Open in Draft", "fi": "Avaa luonnoksena"},
    "cred.export": {"en": "Export", "fi": "Vie"},
    "cred.format": {"en": "Format", "fi": "Muoto"},
    "cred.history": {"en": "History", "fi": "Historia"},
    # library
    "lib.intro": {"en": "The indexed documents. Upload guidelines, QA handbooks or past credentials.",
                  "fi": "Indeksoidut asiakirjat. Lataa ohjeita, laatukäsikirjoja tai aiempia mikrotutkintoja."},
    "lib.upload": {"en": "Upload files", "fi": "Lataa tiedostoja"},
    "lib.index": {"en": "Index uploaded files", "fi": "Indeksoi ladatut"},
    "lib.reindex": {"en": "Re-index everything", "fi": "Indeksoi kaikki uudelleen"},
    "lib.remove": {"en": "Remove document", "fi": "Poista asiakirja"},
    "lib.document": {"en": "Document", "fi": "Asiakirja"},
    # evaluations and about
    "eval.placeholder": {"en": "Evaluation runs will appear here (`oppi eval`).", "fi": "Arviointiajot näkyvät tässä (`oppi eval`)."},
    "eval.intro": {"en": "Evaluation suites measure prompts against a baseline. Start a suite, or open a run's report.",
                   "fi": "Arviointisarjat mittaavat kehotteita vertailutasoa vasten. Käynnistä sarja tai avaa ajon raportti."},
    "eval.suite": {"en": "Suite", "fi": "Sarja"},
    "eval.model": {"en": "Model (fake: offline and repeatable)", "fi": "Malli (fake: paikallinen ja toistettava)"},
    "eval.run": {"en": "Run suite", "fi": "Aja sarja"},
    "eval.refresh": {"en": "Refresh runs", "fi": "Päivitä ajot"},
    "eval.select": {"en": "Run", "fi": "Ajo"},
    "eval.show": {"en": "Show report", "fi": "Näytä raportti"},
    "eval.no_suite": {"en": "Choose a suite first.", "fi": "Valitse ensin sarja."},
    "about.heading": {"en": "## What Oppi is running on", "fi": "## Millä Oppi toimii"},
}


def t(key: str, lang: str) -> str:
    """The label for `key` in `lang`, falling back to English."""
    entry = STRINGS[key]
    return entry.get(lang) or entry["en"]
