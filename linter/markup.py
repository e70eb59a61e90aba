"""Markdown and HTML -> same-length prose text (non-prose masked with spaces) + suppression comments.

Masking instead of stripping keeps every offset, line and column of the original file
(the idea Vale uses). Markdown structure comes from markdown-it-py, front matter from
mdit-py-plugins; HTML from the standard library's HTMLParser.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from html.parser import HTMLParser

import regex
import yaml

from linter.errors import InputError

#: Front-matter fields that are prose a reader sees; all other fields are masked.
PROSE_FIELDS = {"title", "subtitle", "description", "summary", "excerpt", "tags", "categories", "caption"}
_BARE_URL = regex.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]+")
_COMMENT = regex.compile(r"<!--(.*?)-->", regex.DOTALL)


@dataclass(frozen=True)
class Comment:
    """An HTML comment in the source (suppression directives live in these)."""

    start: int
    end: int
    body: str


@dataclass(frozen=True)
class Markup:
    """The prose view of a marked-up file: ``text`` has the original's length and offsets."""

    text: str
    comments: tuple[Comment, ...] = ()


class _Mask:
    """Character-level visibility over the original text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.visible = bytearray(b"\x01") * len(text)
        self.line_starts = [0] + [m.end() for m in regex.finditer(r"\n", text)]

    def hide(self, start: int, end: int) -> None:
        self.visible[start:end] = b"\x00" * (end - start)

    def show(self, start: int, end: int) -> None:
        self.visible[start:end] = b"\x01" * (end - start)

    def line_range(self, first: int, last: int) -> tuple[int, int]:
        """Offsets of lines [first, last) (0-based, markdown-it ``map`` style)."""
        start = self.line_starts[first] if first < len(self.line_starts) else len(self.text)
        end = self.line_starts[last] if last < len(self.line_starts) else len(self.text)
        return start, end

    def offset(self, line: int, column: int) -> int:
        """Offset of a 1-based line and 0-based column (HTMLParser's getpos)."""
        return self.line_starts[line - 1] + column

    def result(self) -> str:
        return "".join(
            ch if keep or ch in "\r\n" else " " for ch, keep in zip(self.text, self.visible, strict=False)
        )


def markdown_prose(text: str, source: str = "<markdown>") -> Markup:
    """Mask code, URLs, HTML and non-prose front matter of a Markdown document."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    mask = _Mask(text)
    code: list[tuple[int, int]] = []
    parser = MarkdownIt("commonmark").use(front_matter_plugin)
    for token in parser.parse(text):
        if token.map is None:
            continue
        start, end = mask.line_range(*token.map)
        if token.type in ("fence", "code_block"):
            mask.hide(start, end)
            code.append((start, end))
        elif token.type == "front_matter":
            mask.hide(start, end)
            _show_front_matter(mask, token.content, start, source)
        elif token.type == "html_block":
            mask.hide(start, end)
            _show_html_text(mask, start, end)
        elif token.type == "inline":
            code += _mask_inline(mask, token, start, end)
    _hide_urls(mask)
    comments = tuple(
        Comment(m.start(), m.end(), m.group(1).strip())
        for m in _COMMENT.finditer(text)
        if not any(s <= m.start() < e for s, e in code)
    )
    for comment in comments:
        mask.hide(comment.start, comment.end)
    return Markup(mask.result(), comments)


def html_prose(text: str) -> Markup:
    """Keep only the text content of an HTML document (no tags, attributes, scripts, styles)."""
    mask = _Mask(text)
    mask.hide(0, len(text))
    _show_html_text(mask, 0, len(text))
    _hide_urls(mask)
    comments = tuple(Comment(m.start(), m.end(), m.group(1).strip()) for m in _COMMENT.finditer(text))
    return Markup(mask.result(), comments)


def _mask_inline(mask: _Mask, token, start: int, end: int) -> list[tuple[int, int]]:
    """Hide inline code, link and image destinations, autolinks and inline HTML."""
    source = mask.text
    cursor = start
    code = []
    for child in token.children or []:
        if child.type == "code_inline":
            found = source.find(child.content, cursor, end)
            if found < 0:
                continue
            left = found
            while left > start and source[left - 1] in "` ":
                left -= 1
            right = found + len(child.content)
            while right < end and source[right] in "` ":
                right += 1
            mask.hide(left, right)
            code.append((left, right))
            cursor = right
        elif child.type == "link_open" and child.markup == "autolink":
            found = source.find("<", cursor, end)
            close = source.find(">", found, end) if found >= 0 else -1
            if found >= 0 and close >= 0:
                mask.hide(found, close + 1)
                cursor = close + 1
        elif child.type in ("link_open", "image"):
            target = child.attrs.get("href") or child.attrs.get("src") or ""
            found = source.find("](", cursor, end)
            if found < 0:
                continue
            close = _closing_paren(source, found + 2, end)
            mask.hide(found + 1, close)
            cursor = close
            if child.type == "image" and target:
                bang = source.rfind("![", start, found)
                if bang >= 0:
                    mask.hide(bang, bang + 2)
        elif child.type == "html_inline":
            found = source.find(child.content, cursor, end)
            if found >= 0:
                if not child.content.startswith("<!--"):
                    mask.hide(found, found + len(child.content))
                cursor = found + len(child.content)
    return code


def _closing_paren(source: str, position: int, end: int) -> int:
    depth = 1
    while position < end:
        ch = source[position]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return position + 1
        elif ch == "\n" and depth == 1 and source[position - 1:position] == "\n":
            break
        position += 1
    return min(position, end)


def _hide_urls(mask: _Mask) -> None:
    for match in _BARE_URL.finditer(mask.text):
        mask.hide(match.start(), match.end())


class _TextRanges(HTMLParser):
    """Collects (line, column, length) of text data outside script/style elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.ranges: list[tuple[int, int, int]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style", "code", "pre", "template"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "code", "pre", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            line, column = self.getpos()
            self.ranges.append((line, column, len(data)))


def _show_html_text(mask: _Mask, start: int, end: int) -> None:
    parser = _TextRanges()
    chunk = mask.text[start:end]
    parser.feed(chunk)
    parser.close()
    local = _Mask(chunk)
    for line, column, length in parser.ranges:
        offset = start + local.offset(line, column)
        mask.show(offset, min(offset + length, end))


def _show_front_matter(mask: _Mask, content: str, block_start: int, source: str) -> None:
    """Unmask the values of prose fields (title, description, tags, ...)."""
    first_line_end = mask.text.find("\n", block_start)
    content_start = first_line_end + 1 if first_line_end >= 0 else block_start
    try:
        node = yaml.compose(content, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mask.text.count("\n", 0, content_start) + (mark.line if mark else 0) + 1
        raise InputError(f"{source}:{line}: the front matter is not valid YAML") from None
    if not isinstance(node, yaml.MappingNode):
        return
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and str(key.value).lower() in PROSE_FIELDS:
            for scalar in _scalars(value):
                mask.show(content_start + scalar.start_mark.index, content_start + scalar.end_mark.index)


def _scalars(node: yaml.Node) -> list[yaml.ScalarNode]:
    if isinstance(node, yaml.ScalarNode):
        return [node]
    if isinstance(node, yaml.SequenceNode):
        return [s for item in node.value for s in _scalars(item)]
    return []


def line_of(text: str, offset: int) -> int:
    """1-based line of an offset (for directives)."""
    starts = [0] + [m.end() for m in regex.finditer(r"\n", text)]
    return bisect.bisect_right(starts, offset)
