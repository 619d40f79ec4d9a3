"""The extension speaks English and Simplified Chinese: two message catalogues that match,
every key used exists and every key defined is used, and no sentence the user reads is
written into the pages or the scripts around the catalogues."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment, Tag

EXTENSION = Path(__file__).parents[1] / "extension"
LANGUAGES = ["en", "zh_CN"]
PAGES = ["popup.html", "options.html"]
# The attributes a user sees or hears, each with the data-i18n-* attribute that fills it.
ATTRIBUTES = {"title": "data-i18n-title", "placeholder": "data-i18n-placeholder"}
ATTRIBUTES["aria-label"] = "data-i18n-aria-label"


def catalogue(language: str) -> dict[str, dict]:
    return json.loads((EXTENSION / "_locales" / language / "messages.json").read_text("utf-8"))


def scripts() -> list[Path]:
    return sorted(p for p in EXTENSION.rglob("*.js"))


def placeholders_used(message: str) -> set[str]:
    return {name.lower() for name in re.findall(r"\$([A-Za-z0-9_@]+)\$", message)}


def keys_used() -> dict[str, set[str]]:
    """Each key the extension asks for, with the files that ask."""
    used: dict[str, set[str]] = {}
    sources = [*scripts(), *(EXTENSION / p for p in PAGES), EXTENSION / "manifest.json"]
    patterns = [
        r"""\bt\(\s*["']([A-Za-z0-9_]+)["']""",  # t("key", ...)
        r"""\bdata-i18n(?:-[a-z-]+)?=["']([A-Za-z0-9_]+)["']""",
        r"__MSG_([A-Za-z0-9_]+)__",
    ]
    for path in sources:
        text = path.read_text("utf-8")
        for pattern in patterns:
            for key in re.findall(pattern, text):
                used.setdefault(key, set()).add(path.name)
    return used


def test_the_manifest_names_english_as_the_default_and_says_everything_through_messages():
    manifest = json.loads((EXTENSION / "manifest.json").read_text("utf-8"))
    assert manifest["default_locale"] == "en"
    said = [
        manifest["name"],
        manifest["description"],
        manifest["action"]["default_title"],
        *(command["description"] for command in manifest["commands"].values()),
    ]
    assert all(re.fullmatch(r"__MSG_\w+__", text) for text in said), said


def test_both_languages_have_the_same_keys_and_placeholders_and_no_empty_message():
    en, zh = catalogue("en"), catalogue("zh_CN")
    assert sorted(en) == sorted(zh)
    for key in en:
        for language, messages in (("en", en), ("zh_CN", zh)):
            entry = messages[key]
            assert entry["message"].strip(), f"{language}: {key} is empty"
            declared = {name.lower() for name in entry.get("placeholders", {})}
            # Every $name$ is declared, every declared one is said: none is silently dropped.
            assert placeholders_used(entry["message"]) == declared, f"{language}: {key}"
        contents = lambda e: {n.lower(): p["content"] for n, p in e.get("placeholders", {}).items()}  # noqa: E731
        assert contents(en[key]) == contents(zh[key]), key
        assert all(re.fullmatch(r"\$[1-9]", c) for c in contents(en[key]).values()), key


PRODUCTS = {"Hallway", "LinkedIn", "Meetup", "Luma", "Eventbrite", "Zoom"}


def test_chinese_is_written_in_chinese():
    """A message copied over untranslated would pass the key checks: a Chinese message with
    English words in it says something in Chinese too (product names aside)."""
    untranslated = set()
    for key, entry in catalogue("zh_CN").items():
        text = re.sub(r"\$\w+\$", "", entry["message"])
        english = set(re.findall(r"[A-Za-z]{2,}", text)) - PRODUCTS
        if english and not re.search(r"[\u4e00-\u9fff]", text):
            untranslated.add(key)
    assert untranslated == set()


def test_every_key_used_exists_in_both_languages():
    used = keys_used()
    assert used, "no key found: the patterns no longer match how the extension asks"
    for language in LANGUAGES:
        missing = {key: files for key, files in used.items() if key not in catalogue(language)}
        assert not missing, f"{language}: {missing}"


def test_every_key_defined_is_used():
    dead = set(catalogue("en")) - set(keys_used())
    assert not dead, f"messages nothing asks for: {sorted(dead)}"


def untranslated_in(html: str) -> list[str]:
    """Visible text in the page not under a data-i18n element (or translate="no"), and
    user-facing attributes without their data-i18n-* twin."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for text in soup.find_all(string=True):
        if isinstance(text, Comment) or not text.strip() or text.parent.name in {"script", "style"}:
            continue
        if text.parent.name == "[document]":  # the doctype
            continue
        covered = any(
            isinstance(node, Tag) and (node.has_attr("data-i18n") or node.get("translate") == "no")
            for node in text.parents
        )
        if not covered:
            found.append(f"text {text.strip()!r} in <{text.parent.name}>")
    for node in soup.find_all(True):
        for attribute, twin in ATTRIBUTES.items():
            if node.has_attr(attribute) and not node.has_attr(twin):
                found.append(f"{attribute}={node[attribute]!r} on <{node.name}>")
    return found


@pytest.mark.parametrize("page", PAGES)
def test_the_pages_say_nothing_outside_the_catalogue(page):
    assert untranslated_in((EXTENSION / page).read_text("utf-8")) == []


@pytest.mark.parametrize("page", PAGES)
def test_the_english_written_in_the_pages_is_the_catalogues(page):
    """The pages keep English in the HTML until localize() runs: it must not drift from en."""
    en = catalogue("en")
    soup = BeautifulSoup((EXTENSION / page).read_text("utf-8"), "html.parser")
    marked = soup.select("[data-i18n]")
    assert marked
    for node in marked:
        assert node.get_text() == en[node["data-i18n"]]["message"], node
    for attribute, twin in ATTRIBUTES.items():
        for node in soup.select(f"[{twin}]"):
            assert node.get(attribute) == en[node[twin]]["message"], node


def test_the_page_scanner_finds_a_sentence_left_in_the_html():
    found = untranslated_in(
        '<p data-i18n="k">Fine <b>too</b></p><p>Left <code translate="no">cmd</code></p>'
        '<button title="Tip">x</button><input aria-label="A" data-i18n-aria-label="a">'
    )
    assert found == ["text 'Left' in <p>", "text 'x' in <button>", "title='Tip' on <button>"]


# --- Sentences written straight into the scripts -------------------------------------------
#
# A simple scan, not a JavaScript parser: it finds the places a sentence reaches the user
# (textContent/title/innerText assignments, the helpers that show or carry a sentence, and
# the error/title/message fields of the objects handed to the browser) and flags any string
# literal with letters there that is not a t("key") call. Substitutions (${...}) are data.

# callee -> the argument positions that carry words the user reads
CALLS = {
    "setStatus": [0],
    "el": [1],
    "button": [0],
    "warn": [0],
    "Error": [0],
    "CompanionError": [0],
    "Unreachable": [0],
    "Unauthorized": [0],
}
# (a <style> element's textContent is CSS, not words)
ASSIGNED = re.compile(r"(?<!\bstyle)\.(?:textContent|innerText|title)\s*=(?!=)")
SET_ATTRIBUTE = re.compile(r"""\.setAttribute\(\s*["'](?:title|aria-label|placeholder)["']\s*,""")
FIELDS = re.compile(r"\b(?:error|title|message)\s*:")
CALL = re.compile(r"(?<![\w.$])(?:new\s+)?(?:[\w$]+\.)*(" + "|".join(CALLS) + r")\s*\(")
QUOTES = "\"'`"


def skip_string(source: str, i: int) -> int:
    """The index just past the string literal starting at i (templates may nest ${...})."""
    quote, i = source[i], i + 1
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if c == quote:
            return i + 1
        if quote == "`" and source.startswith("${", i):
            i = expression_end(source, i + 2, "}") + 1
            continue
        i += 1
    return i


def expression_end(source: str, i: int, closer: str) -> int:
    """The index of the closer (`)`, `}` or `,`/`;` at depth 0) ending the expression at i."""
    depth = 0
    while i < len(source):
        c = source[i]
        if c in QUOTES:
            i = skip_string(source, i)
            continue
        if c == "/" and source.startswith("//", i):
            i = source.find("\n", i)
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                return i
            depth -= 1
        elif depth == 0 and c in closer:
            return i
        i += 1
    return i


def arguments(source: str, open_paren: int) -> list[str]:
    args, i = [], open_paren + 1
    while i < len(source) and source[i] != ")":
        end = expression_end(source, i, ",)")
        args.append(source[i:end])
        i = end + 1 if source[end] == "," else end
    return args


def words_in(expression: str) -> list[str]:
    """The string literals in an expression that hold words, outside t(...) calls and ${...}."""
    found, i = [], 0
    while i < len(expression):
        called_t = expression.startswith("t(", i)
        if called_t and (i == 0 or not re.match(r"[\w.$]", expression[i - 1])):
            i = expression_end(expression, i + 2, ")") + 1
            continue
        c = expression[i]
        if c in QUOTES:
            end = skip_string(expression, i)
            literal = expression[i + 1 : end - 1]
            if c == "`":
                literal = re.sub(r"\$\{.*?\}", "", literal, flags=re.S)  # crude, fine here
            literal = re.sub(r"\\.", "", literal)
            if re.search(r"[A-Za-z]{2,}", literal):
                found.append(expression[i:end])
            i = end
            continue
        i += 1
    return found


def hardcoded_sentences(source: str) -> list[str]:
    found = []
    for match in CALL.finditer(source):
        args = arguments(source, match.end() - 1)
        for position in CALLS[match.group(1)]:
            if position < len(args):
                found += words_in(args[position])
    for pattern in (ASSIGNED, SET_ATTRIBUTE, FIELDS):
        for match in pattern.finditer(source):
            found += words_in(source[match.end() : expression_end(source, match.end(), ",;")])
    return found


@pytest.mark.parametrize("script", scripts(), ids=lambda p: str(p.relative_to(EXTENSION)))
def test_no_sentence_is_written_into_a_script(script):
    assert hardcoded_sentences(script.read_text("utf-8")) == []


def test_the_script_scanner_finds_what_it_looks_for():
    bad = """
        setStatus("Saved.");
        setStatus(`Recorded for ${name}: ${t("done")}.`, true);
        node.textContent = `${done} ✓`;
        copy.textContent = "Copied";
        list.append(el("li", "Nothing else is due.", "empty"));
        throw new CompanionError("Hallway is already capturing this page.");
        text.setAttribute("aria-label", `Note for ${name}`);
        ext.contextMenus.create({ id: MENU, title: "Capture with Hallway" });
        return { error: "Hallway is already collecting this list." };
        $("event-title").textContent = event?.title ?? "Captured";
    """
    assert hardcoded_sentences(bad) == [
        '"Saved."',
        '`Recorded for ${name}: ${t("done")}.`',
        '"Nothing else is due."',
        '"Hallway is already capturing this page."',
        '"Copied"',
        '"Captured"',
        "`Note for ${name}`",
        '"Capture with Hallway"',
        '"Hallway is already collecting this list."',
    ]
    good = """
        setStatus(t("saved"));
        setStatus(t("recordedFor", name, label.toLowerCase()), true);
        node.textContent = `${done} ✓`;
        list.append(el("li", t("nothingElseDue"), "empty"), el("span", ` · ${when}`, "when"));
        throw new CompanionError(t("alreadyCapturing"));
        return { error: t("alreadyCollecting"), title: t("extName"), message: lines.join("\\n") };
    """
    assert hardcoded_sentences(good) == []
