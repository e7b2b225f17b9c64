"""The variant store: validated on save, nothing half-saved, who and when recorded, patches that apply."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import yaml

from assistant.errors import OppiError
from assistant.prompt_variants import VariantStore, edited_prompt
from assistant.prompts import PROMPTS_DIR, Prompt, bump_version, dump_prompt, load_prompt_file

RULE = "Never use know, understand, learn, be aware of or be familiar with. "


@pytest.fixture
def store(tmp_path):
    prompts = tmp_path / "project" / "prompts"
    shutil.copytree(PROMPTS_DIR, prompts)
    return VariantStore(tmp_path / "home" / "prompt-variants", prompts)


def test_dumped_prompts_are_the_files_in_prompts_byte_for_byte():
    # So an adopted variant's diff shows only what changed.
    for path in sorted(PROMPTS_DIR.glob("*.yaml")):
        assert dump_prompt(load_prompt_file(path)) == path.read_text(encoding="utf-8"), path.name


def test_awkward_text_still_reads_back_as_the_same_prompt():
    prompt = Prompt(id="x", version="1.0", description="a: b #c", system="  indented first line\n\n\n",
                    user='{a} said "hi"\\\n', variables=["a"], examples=[{"input": "é\n\"", "output": "- dash"}])
    assert Prompt.model_validate(yaml.safe_load(dump_prompt(prompt))) == prompt


def test_versions_bump_their_last_number():
    assert [bump_version(v) for v in ("1.0", "2", "1.9")] == ["1.1", "3", "1.10"]
    with pytest.raises(OppiError, match="1.0-lax"):
        bump_version("1.0-lax")


def test_a_save_records_who_when_and_what_it_was_made_from(store):
    base = store.current()["draft_outcomes"]
    variant = store.save("lax", {"draft_outcomes": edited_prompt(base, base.system.replace(RULE, ""), base.user)},
                         "aino", "drop the vague-verb rule")
    assert variant.made_by == "aino" and variant.made_at and variant.note == "drop the vague-verb rule"
    assert variant.base == {"draft_outcomes": {"version": "1.0", "sha256": base.sha256}}
    assert RULE not in variant.prompts["draft_outcomes"].system
    assert variant.prompts["draft_outcomes"].version == "1.0+lax"
    assert sorted(p.name for p in variant.folder.iterdir()) == ["draft_outcomes.yaml", "variant.json"]
    assert store.names() == ["lax"]


def test_an_undefined_variable_is_refused_by_name_and_nothing_is_saved(store):
    base = store.current()["draft_outcomes"]
    good = edited_prompt(base, base.system + "Use one verb per outcome.\n", base.user)
    store.save("one-verb", {"draft_outcomes": good}, "aino")
    before = {p.name: p.read_bytes() for p in (store.root / "one-verb").iterdir()}
    review = store.current()["review_draft"]
    bad = edited_prompt(review, review.system, review.user + "Audience: {audience}\n")
    with pytest.raises(OppiError, match=r"\{audience\}"):
        store.save("one-verb", {"review_draft": bad}, "aino")
    after = {p.name: p.read_bytes() for p in (store.root / "one-verb").iterdir()}
    assert after == before
    assert sorted(p.name for p in store.root.iterdir()) == ["one-verb"]  # no staging folder left


def test_schema_errors_of_a_whole_file_are_refused_with_the_reason(store):
    data = yaml.safe_load((PROMPTS_DIR / "draft_outcomes.yaml").read_text())
    data["user"] += "{tone}"
    with pytest.raises(OppiError, match=r"undeclared variables \['tone'\]"):
        store.save("x", {"draft_outcomes": data}, "aino")
    data = yaml.safe_load((PROMPTS_DIR / "draft_outcomes.yaml").read_text())
    with pytest.raises(OppiError, match="same as"):
        store.save("x", {"draft_outcomes": data}, "aino")
    with pytest.raises(OppiError, match="not allowed"):
        store.save("../evil", {"draft_outcomes": data}, "aino")
    with pytest.raises(OppiError, match="cannot be read"):
        edited_prompt(store.current()["draft_outcomes"], "x\n", "Credential: {title\n")
    assert store.names() == []


def test_the_patch_applies_to_the_prompts_with_the_version_bump(store, tmp_path):
    base = store.current()["draft_outcomes"]
    store.save("one-verb", {"draft_outcomes": edited_prompt(base, base.system + "Use one verb per outcome.\n",
                                                            base.user)}, "aino")
    patch = store.patch("one-verb")
    assert '-version: "1.0"\n+version: "1.1"\n' in patch and "+  Use one verb per outcome.\n" in patch
    repo = tmp_path / "repo"
    shutil.copytree(store.prompts_dir, repo / "prompts")
    (repo / "change.patch").write_text(patch)
    subprocess.run(["git", "apply", "change.patch"], cwd=repo, check=True, capture_output=True)
    applied = load_prompt_file(repo / "prompts" / "draft_outcomes.yaml")
    assert applied.version == "1.1" and applied.system.endswith("Use one verb per outcome.\n")


def test_a_variant_goes_stale_when_its_prompt_changes_underneath(store):
    base = store.current()["draft_outcomes"]
    store.save("one-verb", {"draft_outcomes": edited_prompt(base, base.system + "One verb.\n", base.user)}, "aino")
    path = store.prompts_dir / "draft_outcomes.yaml"
    path.write_text(path.read_text().replace('version: "1.0"', 'version: "1.3"'))
    variant = store.get("one-verb")
    assert store.stale(variant) == ["draft_outcomes"]
    with pytest.raises(OppiError, match="changed in prompts/"):
        store.patch("one-verb")
