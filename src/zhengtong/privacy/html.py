"""What a reader can see or reach in a piece of HTML, as text to scan: every text node, in the order a page shows
it (reading_order.py; a <bdo dir="rtl"> right to left), with a line break at each block and table cell (so that two
cells never run together into a false "name"; but a number printed one digit to a cell reads as one number); then,
apart, a ruby's annotations and every attribute's value, percent-decoded: what a page shows on hover or reads aloud
(title, alt), and what it only holds in its source (a link of any scheme, an address in a link's query, a picture's
file name) are published alike."""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser
from urllib.parse import unquote

from .boxes import box_runs
from .detect import scan
from .mask import mask
from .normalize import HORIZONTAL_SPACES
from .reading_order import FIRST_STRONG_ISOLATE, ISOLATE_ENDS, ISOLATED_OVERRIDE, OVERRIDE_ENDS

# What a browser starts on a line of its own, and what it runs into the text around it: every tag the sanitiser
# (nh3) keeps is one or the other (a test holds the two lists to its list). An <aside> read inline joined its number
# to a mark before it, which a page shows on another line (outside attack, session 63). A tag outside both is
# removed by the sanitiser, its text kept in the line: read inline.
BLOCKS = frozenset(
    "p div br li ul ol table tr td th thead tbody tfoot caption h1 h2 h3 h4 h5 h6 section article header footer "
    "blockquote pre dl dt dd figure figcaption hr address aside center details summary nav hgroup main menu "
    "fieldset legend dialog search col colgroup".split()
)
INLINE = frozenset(
    "a abbr acronym b bdi bdo cite code data del dfn em i img ins kbd map area mark q rp rt rtc ruby s samp small "
    "span strike strong sub sup time tt u var wbr".split()
)


# Read apart from the line they stand in: a ruby's reading and brackets (shown only where ruby is not drawn), and
# struck-out text, which a reader reads past (手机138<del>9999</del>05740001 is 13805740001 to him: session 63).
_APART = frozenset(("rp", "rt", "del", "s", "strike"))

# Where a page keeps a text's own spaces; elsewhere a run of them shows as one. Line breaks are kept as breaks: a
# paragraph's lines of figures read as one line made a table's figures a mobile. (&nbsp; and U+3000 are no
# collapsing white space to a browser.)
_KEEPS_SPACES = frozenset(("pre", "textarea", "listing", "plaintext"))


class _Visible(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        # Attributes' values and a ruby's annotations, read apart from the text: read in their element's place, a
        # title on a <span> inside a number split the number the page shows whole (138<span title="转">0574</span>0001).
        self.apart: list[str] = []
        self.hidden = 0  # inside <script> or <style>
        self.kept = 0  # inside <pre> or <textarea>
        self.rows: list[list[tuple[int, int]]] = []  # each open table row's cells, as ranges of `parts`
        self.cell_start: list[int] = []
        self.overrides: list[bool] = []  # each open <bdo>: whether it overrides the direction
        self.aside = 0  # inside a ruby's <rp> or <rt>, or struck-out text: read apart (_APART)

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.hidden += 1
        if tag in _KEEPS_SPACES:
            self.kept += 1
        if tag == "tr":
            self.rows.append([])
        if tag in BLOCKS:
            self.parts.append("\n")
        if tag in ("td", "th"):
            self.cell_start.append(len(self.parts))
        # <bdo dir> overrides and <bdi> isolates, as HTML's own style sheet shows them: written as the controls that
        # do so in plain text, for reading_order.py to read both alike
        if tag == "bdo":
            direction = next(((value or "").strip().lower() for name, value in attrs if name == "dir"), "")
            override = ISOLATED_OVERRIDE.get(direction)
            self.overrides.append(override is not None)
            self.parts += [override] if override else []
        if tag == "bdi":
            self.parts.append(FIRST_STRONG_ISOLATE)
        if tag in _APART:
            self.aside += 1
        if tag == "img" and not self.hidden:  # a picture that cannot be drawn shows its alt in the line (session 63)
            self.parts += [HORIZONTAL_SPACES.sub(" ", value) for name, value in attrs if name == "alt" and value]
        self.apart += [unquote(value) for _name, value in attrs if value]

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.hidden = max(0, self.hidden - 1)
        if tag == "bdo" and self.overrides and self.overrides.pop():
            self.parts.append(OVERRIDE_ENDS)
        if tag == "bdi":
            self.parts.append(ISOLATE_ENDS)
        if tag in _APART:
            self.aside = max(0, self.aside - 1)
        if tag in _KEEPS_SPACES:
            self.kept = max(0, self.kept - 1)
        if tag in ("td", "th") and self.cell_start and self.rows:
            self.rows[-1].append((self.cell_start.pop(), len(self.parts)))
        if tag == "tr" and self.rows:
            self._read_boxes(self.rows.pop())
        if tag in BLOCKS:
            self.parts.append("\n")

    def _read_boxes(self, cells: list[tuple[int, int]]) -> None:
        """A row's cells that print a number one digit to a cell (privacy/boxes.py) are read as the one number a
        reader sees: their texts joined, without the line breaks between cells."""
        texts = ["".join(self.parts[start:end]).strip() for start, end in cells]
        # from the right, so that the ranges still to rewrite keep their places
        for first, last in reversed(box_runs(texts)):
            self.parts[cells[first][0] : cells[last - 1][1]] = ["".join(texts[first:last])]

    def handle_data(self, data):
        """As a browser shows it: a paragraph's run of spaces as one (1380      5740      002 in the source is
        1380 5740 002 on the page), a <pre>'s as they are."""
        if self.hidden:
            return
        text = data if self.kept else HORIZONTAL_SPACES.sub(" ", data)
        if self.aside:  # a ruby's reading or its brackets: read apart, so that they split nothing they stand in
            self.apart.append(text)
        else:
            self.parts.append(text)


def _read(html: str) -> _Visible:
    parser = _Visible()
    parser.feed(html or "")
    parser.close()
    return parser


def visible_text(html: str) -> str:
    """The text as the page shows it, then a ruby's annotations and every attribute's value, each on a line of its
    own."""
    parser = _read(html)
    return "\n".join(["".join(parser.parts), *parser.apart])


def mask_html(html: str, *, allow=frozenset()) -> str:
    """The HTML with every finding masked. Masked in place where the value stands whole; where the reader's text
    still shows one (a number split by tags, or written as character references: <b>138</b>00138000,
    &#49;3800138000), the result is the masked visible text, paragraph by paragraph: formatting is lost rather
    than a mobile number published."""
    masked = mask(html, allow=allow)
    if scan(visible_text(masked), allow=allow):  # the text only: the tags go, and their attributes with them
        text = mask("".join(_read(masked).parts), allow=allow)
        masked = "".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())
    return masked
