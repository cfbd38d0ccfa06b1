"""Reading bank files: safe YAML, strict validation, every problem with its file, line and column."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from quizapp.model import (
    FORMAT_VERSION,
    QUESTION_TYPES,
    Bank,
    BankError,
    Blank,
    ClozeQuestion,
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    ShortQuestion,
    SingleQuestion,
    Source,
    SourceRef,
    Topic,
    TrueFalseQuestion,
)
from quizapp.textmatch import normalize_answer

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 32
MAX_TEXT = 20_000
BANK_SUFFIXES = (".yaml", ".yml")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp")

_T = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = _T + "str", _T + "int", _T + "float", _T + "bool", _T + "null"
_TIMESTAMP, _SEQ, _MAP = _T + "timestamp", _T + "seq", _T + "map"
_PLAIN_TAGS = frozenset({_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP, _SEQ, _MAP})
_TAG_NAMES = {
    _STR: "text",
    _INT: "a whole number",
    _FLOAT: "a number",
    _BOOL: "true or false",
    _NULL: "nothing",
    _TIMESTAMP: "a date",
}
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")
_BLANK = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)

_BANK_KEYS = {
    "format": True,
    "id": True,
    "title": True,
    "description": False,
    "language": True,
    "version": True,
    "authors": False,
    "license": False,
    "sources": False,
    "topics": False,
    "questions": True,
}
_SOURCE_KEYS = {"id": True, "title": True, "date": True, "publisher": False, "url": False, "file": False}
_TOPIC_KEYS = {"id": True, "title": True}
_SOURCE_REF_KEYS = {"id": True, "quote": True}
_PAIR_KEYS = {"left": True, "right": True}
_COMMON_KEYS = {
    "id": True,
    "type": True,
    "prompt": True,
    "explanation": True,
    "topic": False,
    "tags": False,
    "difficulty": False,
    "image": False,
    "source": False,
}
_TYPE_KEYS: dict[str, dict[str, bool]] = {
    "single": {"choices": True, "answer": True, "why_not": False, "shuffle": False},
    "multiple": {"choices": True, "answers": True, "why_not": False, "shuffle": False},
    "true_false": {"answer": True},
    "short": {"answers": True, "typo_tolerance": False},
    "numeric": {"answer": False, "tolerance": False, "range": False, "unit": False, "units": False},
    "ordering": {"items": True},
    "matching": {"pairs": True, "distractors": False},
    "cloze": {"text": True, "typo_tolerance": False},
}
_ALL_QUESTION_KEYS = sorted(set(_COMMON_KEYS).union(*_TYPE_KEYS.values()))
_constructor = yaml.constructor.SafeConstructor()


def _suggest(word: str, candidates: Iterable[str]) -> str:
    """A ' (did you mean ...?)' suffix, or nothing."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return _TAG_NAMES.get(node.tag, "a value")


@dataclass
class LoadResult:
    """What loading one file gave: the bank when it is valid, and every problem found."""

    path: Path
    bank: Bank | None
    errors: list[BankError] = field(default_factory=list)


class _Reader:
    """Walks the composed YAML of one bank, building the model and collecting every problem."""

    def __init__(self, path: Path, display: str) -> None:
        self.path = path
        self.display = display
        self.errors: list[BankError] = []

    # -- reporting ---------------------------------------------------------------------------

    def error(self, node: Node | None, message: str) -> None:
        if node is None:
            self.errors.append(BankError(self.display, 1, 1, message))
        else:
            mark = node.start_mark
            self.errors.append(BankError(self.display, mark.line + 1, mark.column + 1, message))

    # -- the shape of the document ------------------------------------------------------------

    def check_tree(self, root: Node) -> bool:
        """Refuse aliases, tags that build objects, and deep nesting, without recursion."""
        seen: set[int] = set()
        stack: list[tuple[Node, int]] = [(root, 1)]
        ok = True
        while stack:
            node, depth = stack.pop()
            if id(node) in seen:
                self.error(node, "anchors and aliases (&name, *name) are not allowed in a bank")
                return False
            seen.add(id(node))
            if node.tag not in _PLAIN_TAGS:
                self.error(node, f"the tag '{node.tag}' is not allowed in a bank")
                ok = False
                continue
            if depth > MAX_DEPTH:
                self.error(node, f"nested more than {MAX_DEPTH} levels deep")
                return False
            if isinstance(node, MappingNode):
                for key, value in node.value:
                    stack.append((value, depth + 1))
                    stack.append((key, depth + 1))
            elif isinstance(node, SequenceNode):
                for item in node.value:
                    stack.append((item, depth + 1))
        return ok

    def mapping(
        self, node: Node, keys: dict[str, bool], what: str, hint_keys: Iterable[str] = ()
    ) -> dict[str, tuple[Node, Node]] | None:
        """The key and value nodes of a mapping, checking required, unknown and repeated keys."""
        if not isinstance(node, MappingNode):
            self.error(node, f"{what} must be a mapping of keys, not {_kind(node)}")
            return None
        found: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != _STR:
                self.error(key_node, f"keys must be plain words, not {_kind(key_node)}")
                continue
            key = key_node.value
            if key in found:
                first = found[key][0].start_mark.line + 1
                self.error(key_node, f"the key '{key}' is repeated (first at line {first})")
                continue
            if key not in keys:
                self.error(key_node, self.unknown_key_message(key, what, keys, hint_keys))
                continue
            found[key] = (key_node, value_node)
        for key, required in keys.items():
            if required and key not in found:
                self.error(node, f"{what} is missing the required key '{key}'")
        return found

    @staticmethod
    def unknown_key_message(key: str, what: str, keys: dict[str, bool], hint_keys: Iterable[str]) -> str:
        if key in hint_keys:
            return f"'{key}' is not a key of {what}{_suggest(key, keys)}"
        return f"unknown key '{key}' in {what}{_suggest(key, keys)}"

    # -- scalars ------------------------------------------------------------------------------

    def text(self, node: Node, what: str, *, empty_ok: bool = False, loose: bool = False) -> str | None:
        """A text value. `loose` also accepts numbers and dates as written (for versions, dates)."""
        if not isinstance(node, ScalarNode):
            self.error(node, f"{what} must be text, not {_kind(node)}")
            return None
        if node.tag != _STR and not (loose and node.tag in (_INT, _FLOAT, _TIMESTAMP)):
            if node.tag == _NULL:
                if empty_ok:
                    return ""
                self.error(node, f"{what} must not be empty")
            else:
                self.error(node, f"{what} must be text, not {_kind(node)}; put it in quotes")
            return None
        value: str = node.value
        if not value.strip() and not empty_ok:
            self.error(node, f"{what} must not be empty")
            return None
        if len(value) > MAX_TEXT:
            self.error(node, f"{what} is longer than {MAX_TEXT:,} characters")
            return None
        return value

    def identifier(self, node: Node, what: str) -> str | None:
        value = self.text(node, what, loose=True)
        if value is not None and not _ID.fullmatch(value):
            self.error(
                node,
                f"{what} '{value}' may hold only letters, digits, '-', '_' and '.' "
                "(at most 100, starting with a letter or digit)",
            )
            return None
        return value

    def integer(self, node: Node, what: str, low: int, high: int) -> int | None:
        if not isinstance(node, ScalarNode) or node.tag != _INT:
            self.error(node, f"{what} must be a whole number from {low} to {high}, not {_kind(node)}")
            return None
        value = _constructor.construct_yaml_int(node)
        if not low <= value <= high:
            self.error(node, f"{what} must be from {low} to {high}, not {value}")
            return None
        return value

    def number(self, node: Node, what: str) -> float | None:
        if not isinstance(node, ScalarNode) or node.tag not in (_INT, _FLOAT):
            self.error(node, f"{what} must be a number, not {_kind(node)}")
            return None
        if node.tag == _INT:
            return float(_constructor.construct_yaml_int(node))
        value = _constructor.construct_yaml_float(node)
        if value != value or value in (float("inf"), float("-inf")):
            self.error(node, f"{what} must be a finite number")
            return None
        return value

    def boolean(self, node: Node, what: str) -> bool | None:
        if not isinstance(node, ScalarNode) or node.tag != _BOOL:
            hint = "; write true or false without quotes" if node.tag == _STR else ""
            self.error(node, f"{what} must be true or false, not {_kind(node)}{hint}")
            return None
        return _constructor.construct_yaml_bool(node)

    def sequence(self, node: Node, what: str, minimum: int = 0) -> list[Node] | None:
        if not isinstance(node, SequenceNode):
            self.error(node, f"{what} must be a list, not {_kind(node)}")
            return None
        if len(node.value) < minimum:
            self.error(node, f"{what} must have at least {minimum} entries, not {len(node.value)}")
            return None
        return node.value

    def texts(self, node: Node, what: str, minimum: int = 0, unique: bool = True) -> list[str] | None:
        """A list of distinct texts, each checked; None when the list itself is unusable."""
        items = self.sequence(node, what, minimum)
        if items is None:
            return None
        values: list[str] = []
        first: dict[str, Node] = {}
        ok = True
        for item in items:
            value = self.text(item, f"each of {what}")
            if value is None:
                ok = False
                continue
            if unique and value in first:
                line = first[value].start_mark.line + 1
                self.error(item, f"'{value}' stands twice in {what} (first at line {line})")
                ok = False
                continue
            first[value] = item
            values.append(value)
        return values if ok else None

    # -- the bank -----------------------------------------------------------------------------

    def bank(self, root: Node) -> Bank | None:
        if not isinstance(root, MappingNode):
            self.error(
                root,
                f"a bank must be a mapping with keys such as 'id', 'title' and 'questions', not {_kind(root)}",
            )
            return None
        keys = self.mapping(root, _BANK_KEYS, "the bank")
        if keys is None:
            return None
        if "format" in keys:
            node = keys["format"][1]
            if isinstance(node, ScalarNode) and node.tag == _INT:
                fmt = _constructor.construct_yaml_int(node)
                if fmt > FORMAT_VERSION:
                    self.error(
                        node,
                        f"this bank is written in format {fmt}; this version of quizapp reads "
                        f"format {FORMAT_VERSION}: update quizapp to open it",
                    )
                    return None
                if fmt != FORMAT_VERSION:
                    self.error(node, f"'format' must be {FORMAT_VERSION}, not {fmt}")
            else:
                self.error(node, f"'format' must be the number {FORMAT_VERSION}, not {_kind(node)}")

        def get(key: str, reader: Any, *args: Any, **kwargs: Any) -> Any:
            return reader(keys[key][1], *args, **kwargs) if key in keys else None

        bank_id = get("id", self.identifier, "the bank 'id'")
        title = get("title", self.text, "'title'")
        description = get("description", self.text, "'description'", empty_ok=True) or ""
        language = get("language", self.text, "'language'")
        if language is not None and not _LANGUAGE.fullmatch(language):
            self.error(keys["language"][1], f"'language' must be a BCP 47 tag such as 'en' or 'vi', not '{language}'")
        version = get("version", self.text, "'version'", loose=True)
        authors = get("authors", self.texts, "'authors'") or []
        license_ = get("license", self.text, "'license'", empty_ok=True) or ""
        sources = self.sources(keys["sources"][1]) if "sources" in keys else []
        topics = self.topics(keys["topics"][1]) if "topics" in keys else []
        questions: list[Question] = []
        if "questions" in keys:
            questions = self.questions(keys["questions"][1], {s.id for s in sources}, {t.id for t in topics})
        if self.errors or bank_id is None or title is None or language is None or version is None:
            return None
        return Bank(
            id=bank_id,
            title=title,
            description=description,
            language=language,
            version=version,
            authors=tuple(authors),
            license=license_,
            sources=tuple(sources),
            topics=tuple(topics),
            questions=tuple(questions),
            path=self.path,
        )

    def sources(self, node: Node) -> list[Source]:
        result: list[Source] = []
        seen: dict[str, int] = {}
        for item in self.sequence(node, "'sources'") or []:
            keys = self.mapping(item, _SOURCE_KEYS, "a source")
            if keys is None:
                continue
            values: dict[str, str] = {}
            for key, (_, value_node) in keys.items():
                if key == "id":
                    value = self.identifier(value_node, "a source 'id'")
                elif key == "date":
                    value = self.text(value_node, "a source's 'date'", loose=True)
                else:
                    value = self.text(value_node, f"a source's '{key}'", empty_ok=key != "title")
                if value is not None:
                    values[key] = value
            if "file" in values and not self.safe_relative(keys["file"][1], values["file"], "a source's 'file'"):
                continue
            if {"id", "title", "date"} <= values.keys():
                if values["id"] in seen:
                    self.error(
                        keys["id"][1],
                        f"the source id '{values['id']}' is used twice (first at line {seen[values['id']]})",
                    )
                    continue
                seen[values["id"]] = keys["id"][1].start_mark.line + 1
                result.append(Source(**values))
        return result

    def topics(self, node: Node) -> list[Topic]:
        result: list[Topic] = []
        seen: dict[str, int] = {}
        for item in self.sequence(node, "'topics'") or []:
            keys = self.mapping(item, _TOPIC_KEYS, "a topic")
            if keys is None or len(keys) < 2:
                continue
            topic_id = self.identifier(keys["id"][1], "a topic 'id'")
            title = self.text(keys["title"][1], "a topic's 'title'")
            if topic_id is None or title is None:
                continue
            if topic_id in seen:
                self.error(keys["id"][1], f"the topic id '{topic_id}' is used twice (first at line {seen[topic_id]})")
                continue
            seen[topic_id] = keys["id"][1].start_mark.line + 1
            result.append(Topic(topic_id, title))
        return result

    def safe_relative(self, node: Node, value: str, what: str) -> bool:
        """Whether a path written in the bank stays inside the bank's folder."""
        posix = PurePosixPath(value.replace("\\", "/"))
        if posix.is_absolute() or re.match(r"^[A-Za-z]:", value) or ".." in posix.parts:
            self.error(node, f"{what} '{value}' must be a path inside the bank's folder")
            return False
        folder = self.path.parent.resolve()
        try:
            (folder / posix).resolve().relative_to(folder)
        except ValueError:
            self.error(node, f"{what} '{value}' leads outside the bank's folder")
            return False
        return True

    # -- questions ----------------------------------------------------------------------------

    def questions(self, node: Node, source_ids: set[str], topic_ids: set[str]) -> list[Question]:
        items = self.sequence(node, "'questions'", minimum=1)
        if items is None:
            return []
        result: list[Question] = []
        seen: dict[str, int] = {}
        for item in items:
            question = self.question(item, source_ids, topic_ids, seen)
            if question is not None:
                result.append(question)
        return result

    def question(self, node: Node, source_ids: set[str], topic_ids: set[str], seen: dict[str, int]) -> Question | None:
        if not isinstance(node, MappingNode):
            self.error(node, f"each question must be a mapping of keys, not {_kind(node)}")
            return None
        # The type decides which keys are allowed, so read it first.
        qtype = None
        has_type = False
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == "type":
                has_type = True
                qtype = self.text(value_node, "'type'")
                if qtype is not None and qtype not in QUESTION_TYPES:
                    self.error(
                        value_node,
                        f"unknown question type '{qtype}'{_suggest(qtype, QUESTION_TYPES)}; "
                        f"the types are: {', '.join(QUESTION_TYPES)}",
                    )
                    return None
                break
        errors_before = len(self.errors)
        if qtype is None:
            # Without a usable type, check only what can be checked: unknown and missing keys.
            allowed = {key: False for key in _ALL_QUESTION_KEYS}
            allowed.update(_COMMON_KEYS, type=not has_type)
            self.mapping(node, allowed, "a question")
            return None
        allowed = {**_COMMON_KEYS, **_TYPE_KEYS[qtype]}
        keys = self.mapping(node, allowed, f"a '{qtype}' question", _ALL_QUESTION_KEYS)
        if keys is None:
            return None

        def val(key: str) -> Node | None:
            return keys[key][1] if key in keys else None

        common: dict[str, Any] = {"line": node.start_mark.line + 1}
        if (n := val("id")) is not None:
            qid = self.identifier(n, "a question 'id'")
            if qid is not None:
                if qid in seen:
                    self.error(n, f"the question id '{qid}' is used twice (first at line {seen[qid]})")
                else:
                    seen[qid] = n.start_mark.line + 1
                common["id"] = qid
        for key in ("prompt", "explanation"):
            if (n := val(key)) is not None:
                common[key] = self.text(n, f"'{key}'")
        if (n := val("topic")) is not None:
            topic = self.identifier(n, "'topic'")
            if topic is not None and topic not in topic_ids:
                known = (
                    f"; the bank's topics are: {', '.join(sorted(topic_ids))}"
                    if topic_ids
                    else "; the bank defines no topics"
                )
                self.error(n, f"unknown topic '{topic}'{_suggest(topic, topic_ids)}{known}")
            common["topic"] = topic or ""
        if (n := val("tags")) is not None:
            common["tags"] = tuple(self.texts(n, "'tags'") or ())
        if (n := val("difficulty")) is not None:
            common["difficulty"] = self.integer(n, "'difficulty'", 1, 3) or 2
        if (n := val("image")) is not None:
            common["image"] = self.image(n) or ""
        if (n := val("source")) is not None:
            common["source"] = self.source_ref(n, source_ids)

        specific = getattr(self, f"q_{qtype}")(val, node)
        if len(self.errors) > errors_before or specific is None:
            return None
        return _QUESTION_CLASS[qtype](**common, **specific)

    def image(self, node: Node) -> str | None:
        value = self.text(node, "'image'")
        if value is None or not self.safe_relative(node, value, "the image"):
            return None
        if not value.lower().endswith(IMAGE_SUFFIXES):
            self.error(node, f"the image '{value}' must be a {', '.join(IMAGE_SUFFIXES)} file")
            return None
        if not (self.path.parent / value).is_file():
            self.error(node, f"the image '{value}' is not in the bank's folder")
            return None
        return value

    def source_ref(self, node: Node, source_ids: set[str]) -> SourceRef | None:
        keys = self.mapping(node, _SOURCE_REF_KEYS, "'source'")
        if keys is None or len(keys) < 2:
            return None
        sid_node, quote_node = keys["id"][1], keys["quote"][1]
        sid = self.identifier(sid_node, "the source 'id'")
        quote = self.text(quote_node, "the source 'quote'")
        if sid is not None and sid not in source_ids:
            known = (
                f"; the bank's sources are: {', '.join(sorted(source_ids))}"
                if source_ids
                else "; the bank lists no sources"
            )
            self.error(sid_node, f"unknown source '{sid}'{_suggest(sid, source_ids)}{known}")
            return None
        if sid is None or quote is None:
            return None
        mark = quote_node.start_mark
        return SourceRef(sid, quote, mark.line + 1, mark.column + 1)

    def why_not(self, node: Node | None, choices: list[str], right: set[str]) -> dict[str, str]:
        if node is None:
            return {}
        if not isinstance(node, MappingNode):
            self.error(node, f"'why_not' must map wrong choices to explanations, not {_kind(node)}")
            return {}
        result: dict[str, str] = {}
        for key_node, value_node in node.value:
            key = self.text(key_node, "each key of 'why_not'", loose=False)
            value = self.text(value_node, "each explanation in 'why_not'")
            if key is None or value is None:
                continue
            if key in right:
                self.error(key_node, f"'why_not' explains '{key}', which is a right answer")
            elif key not in choices:
                self.error(
                    key_node, f"'why_not' names '{key}', which is not one of the choices{_suggest(key, choices)}"
                )
            else:
                result[key] = value
        return result

    def q_single(self, val: Any, node: Node) -> dict[str, Any] | None:
        choices = self.texts(val("choices"), "'choices'", minimum=2) if val("choices") else None
        answer = self.text(val("answer"), "'answer'") if val("answer") else None
        if choices is None or answer is None:
            return None
        if answer not in choices:
            self.error(val("answer"), f"the answer '{answer}' is not one of the choices{_suggest(answer, choices)}")
            return None
        why_not = self.why_not(val("why_not"), choices, {answer})
        shuffle = self.boolean(val("shuffle"), "'shuffle'") if val("shuffle") else True
        return {"choices": tuple(choices), "answer": answer, "why_not": why_not, "shuffle": shuffle is not False}

    def q_multiple(self, val: Any, node: Node) -> dict[str, Any] | None:
        choices = self.texts(val("choices"), "'choices'", minimum=2) if val("choices") else None
        answers = self.texts(val("answers"), "'answers'", minimum=1) if val("answers") else None
        if choices is None or answers is None:
            return None
        missing = [a for a in answers if a not in choices]
        for answer in missing:
            self.error(val("answers"), f"the answer '{answer}' is not one of the choices{_suggest(answer, choices)}")
        if missing:
            return None
        why_not = self.why_not(val("why_not"), choices, set(answers))
        shuffle = self.boolean(val("shuffle"), "'shuffle'") if val("shuffle") else True
        return {
            "choices": tuple(choices),
            "answers": frozenset(answers),
            "why_not": why_not,
            "shuffle": shuffle is not False,
        }

    def q_true_false(self, val: Any, node: Node) -> dict[str, Any] | None:
        answer = self.boolean(val("answer"), "'answer'") if val("answer") else None
        return None if answer is None else {"answer": answer}

    def accepted(self, node: Node, what: str) -> list[str] | None:
        answers = self.texts(node, what, minimum=1, unique=False)
        if answers is None:
            return None
        for answer in answers:
            if not normalize_answer(answer):
                self.error(node, f"the answer '{answer}' in {what} is only punctuation or spaces")
                return None
        return answers

    def typo_tolerance(self, val: Any) -> int:
        if val("typo_tolerance") is None:
            return 0
        return self.integer(val("typo_tolerance"), "'typo_tolerance'", 0, 2) or 0

    def q_short(self, val: Any, node: Node) -> dict[str, Any] | None:
        answers = self.accepted(val("answers"), "'answers'") if val("answers") else None
        tolerance = self.typo_tolerance(val)
        return None if answers is None else {"answers": tuple(answers), "typo_tolerance": tolerance}

    def q_numeric(self, val: Any, node: Node) -> dict[str, Any] | None:
        answer_node, range_node, tol_node = val("answer"), val("range"), val("tolerance")
        unit = self.text(val("unit"), "'unit'") if val("unit") else ""
        units = tuple(self.texts(val("units"), "'units'") or ()) if val("units") else ()
        if (answer_node is None) == (range_node is None):
            self.error(
                range_node or node,
                "a 'numeric' question needs either 'answer' or 'range', not both"
                if answer_node
                else "a 'numeric' question needs 'answer' (with an optional 'tolerance') or 'range'",
            )
            return None
        if range_node is not None:
            if tol_node is not None:
                self.error(tol_node, "'tolerance' goes with 'answer', not with 'range'")
                return None
            items = self.sequence(range_node, "'range'")
            if items is None:
                return None
            if len(items) != 2:
                self.error(range_node, f"'range' must be [low, high], two numbers, not {len(items)}")
                return None
            low, high = (
                self.number(items[0], "the low end of 'range'"),
                self.number(items[1], "the high end of 'range'"),
            )
            if low is None or high is None:
                return None
            if low > high:
                self.error(range_node, f"the low end of 'range' ({low:g}) is above the high end ({high:g})")
                return None
            return {"low": low, "high": high, "answer": None, "unit": unit or "", "units": units}
        answer = self.number(answer_node, "'answer'")
        tolerance = 0.0
        if tol_node is not None:
            tol = self.number(tol_node, "'tolerance'")
            if tol is not None and tol < 0:
                self.error(tol_node, f"'tolerance' must not be below zero, not {tol:g}")
                return None
            tolerance = tol or 0.0
        if answer is None:
            return None
        return {
            "low": answer - tolerance,
            "high": answer + tolerance,
            "answer": answer,
            "unit": unit or "",
            "units": units,
        }

    def q_ordering(self, val: Any, node: Node) -> dict[str, Any] | None:
        items = self.texts(val("items"), "'items'", minimum=2) if val("items") else None
        return None if items is None else {"items": tuple(items)}

    def q_matching(self, val: Any, node: Node) -> dict[str, Any] | None:
        pairs_node = val("pairs")
        items = self.sequence(pairs_node, "'pairs'", minimum=2) if pairs_node else None
        if items is None:
            return None
        pairs: list[tuple[str, str]] = []
        lefts: dict[str, int] = {}
        rights: dict[str, int] = {}
        for item in items:
            keys = self.mapping(item, _PAIR_KEYS, "a pair")
            if keys is None or len(keys) < 2:
                continue
            left = self.text(keys["left"][1], "'left'")
            right = self.text(keys["right"][1], "'right'")
            if left is None or right is None:
                continue
            line = item.start_mark.line + 1
            if left in lefts:
                self.error(keys["left"][1], f"'{left}' stands twice on the left (first at line {lefts[left]})")
                continue
            if right in rights:
                self.error(keys["right"][1], f"'{right}' stands twice on the right (first at line {rights[right]})")
                continue
            lefts[left], rights[right] = line, line
            pairs.append((left, right))
        distractors: list[str] = []
        if val("distractors") is not None:
            for text, item in zip(
                self.texts(val("distractors"), "'distractors'") or [], val("distractors").value, strict=False
            ):
                if text in rights:
                    self.error(item, f"the distractor '{text}' is also a right-hand answer")
                else:
                    distractors.append(text)
        return {"pairs": tuple(pairs), "distractors": tuple(distractors)}

    def q_cloze(self, val: Any, node: Node) -> dict[str, Any] | None:
        text_node = val("text")
        text = self.text(text_node, "'text'") if text_node else None
        tolerance = self.typo_tolerance(val)
        if text is None:
            return None
        parts: list[str | Blank] = []
        position = 0
        for match in _BLANK.finditer(text):
            parts.append(text[position : match.start()])
            answers = tuple(a.strip() for a in match.group(1).split("|"))
            if not all(normalize_answer(a) for a in answers):
                self.error(text_node, f"the blank '{match.group(0)}' has an empty answer")
                return None
            parts.append(Blank(answers))
            position = match.end()
        parts.append(text[position:])
        rest = "".join(p for p in parts if isinstance(p, str))
        if "{{" in rest or "}}" in rest:
            self.error(text_node, "'text' has a '{{' without its '}}' (or the other way round)")
            return None
        if len(parts) < 3:
            self.error(text_node, "'text' must have at least one blank, written {{answer}}")
            return None
        return {"text": text, "parts": tuple(parts), "typo_tolerance": tolerance}


_QUESTION_CLASS: dict[str, type[Question]] = {
    "single": SingleQuestion,
    "multiple": MultipleQuestion,
    "true_false": TrueFalseQuestion,
    "short": ShortQuestion,
    "numeric": NumericQuestion,
    "ordering": OrderingQuestion,
    "matching": MatchingQuestion,
    "cloze": ClozeQuestion,
}


def _decode(data: bytes, display: str) -> tuple[str | None, BankError | None]:
    """The file's text, or the reason it is not a UTF-8 text file."""
    if b"\x00" in data[:8192] or b"\x00" in data:
        return None, BankError(display, 1, 1, "this is not a text file (it holds binary data)")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, BankError(
            display, line, column, f"this file is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        )


def _yaml_error(exc: yaml.YAMLError, display: str) -> BankError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    if context and problem.startswith("but "):
        message = f"YAML syntax error: {context}, {problem}"  # "expected ..., but found ..."
    else:
        message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    if mark is None:
        return BankError(display, 1, 1, message)
    return BankError(display, mark.line + 1, mark.column + 1, message)


def parse_bank_text(text: str, path: Path, display: str | None = None) -> LoadResult:
    """Validate the text of a bank file and build the bank."""
    display = display if display is not None else str(path)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        return LoadResult(path, None, [_yaml_error(exc, display)])
    except RecursionError:
        return LoadResult(path, None, [BankError(display, 1, 1, f"nested more than {MAX_DEPTH} levels deep")])
    if root is None:
        return LoadResult(
            path,
            None,
            [BankError(display, 1, 1, "the file is empty: a bank needs 'id', 'title', 'questions' and more")],
        )
    reader = _Reader(path, display)
    if not reader.check_tree(root):
        return LoadResult(path, None, reader.errors)
    bank = reader.bank(root)
    return LoadResult(path, bank, reader.errors)


def load_bank(path: Path | str, display: str | None = None) -> LoadResult:
    """Read and validate one bank file; never raises for a problem in the file."""
    path = Path(path)
    display = display if display is not None else str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return LoadResult(
                path,
                None,
                [
                    BankError(
                        display,
                        1,
                        1,
                        f"the file is {size / 2**20:.1f} MiB; a bank may be at most {MAX_FILE_BYTES // 2**20} MiB",
                    )
                ],
            )
        data = path.read_bytes()
    except OSError as exc:
        return LoadResult(path, None, [BankError(display, 1, 1, f"cannot read the file: {exc.strerror or exc}")])
    text, problem = _decode(data, display)
    if problem is not None or text is None:
        return LoadResult(path, None, [problem] if problem else [])
    return parse_bank_text(text, path, display)


def find_bank_files(location: Path) -> Iterator[Path]:
    """The bank files at a location: the file itself, or the .yaml/.yml files below a folder."""
    if location.is_file():
        yield location
        return
    if not location.is_dir():
        return
    for path in sorted(location.rglob("*")):
        relative = path.relative_to(location)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.suffix.lower() in BANK_SUFFIXES and path.is_file():
            yield path


@dataclass
class Library:
    """Every bank found in some locations, and the problems of those that could not be loaded."""

    banks: list[Bank] = field(default_factory=list)
    problems: list[BankError] = field(default_factory=list)
    results: list[LoadResult] = field(default_factory=list)

    def bank(self, bank_id: str) -> Bank | None:
        for bank in self.banks:
            if bank.id == bank_id:
                return bank
        return None


def display_path(path: Path) -> str:
    """A path as a user recognises it: relative to the working folder when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def load_library(locations: Iterable[Path]) -> Library:
    """Load every bank at the given locations; a bank with problems is reported and skipped."""
    library = Library()
    owners: dict[str, Path] = {}
    for location in locations:
        if not location.exists():
            library.problems.append(BankError(display_path(location), 1, 1, "no such file or folder"))
            continue
        for path in find_bank_files(location):
            result = load_bank(path, display_path(path))
            library.results.append(result)
            library.problems.extend(result.errors)
            bank = result.bank
            if bank is None:
                continue
            if bank.id in owners:
                error = BankError(
                    display_path(path),
                    1,
                    1,
                    f"the bank id '{bank.id}' is already used by {display_path(owners[bank.id])}; this bank is skipped",
                )
                library.problems.append(error)
                result.errors.append(error)
                result.bank = None
                continue
            owners[bank.id] = path
            library.banks.append(bank)
    return library
