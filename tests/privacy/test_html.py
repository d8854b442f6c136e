"""Published HTML and tables read as a reader sees them (privacy/html.py, privacy/boxes.py; 政府信息公开条例 Art. 15):
every attribute, cells apart, and a number printed one digit to a cell read as one number when it is one."""

from __future__ import annotations

import pytest

from zhengtong.privacy import Kind, scan

from ..factories import valid_id_number

_ID = valid_id_number()


@pytest.mark.parametrize(
    "html",
    [
        '<a href="smsto:13905740021">发短信</a>',
        '<a href=" tel:13905740022">来电</a>',
        '<a href="sip:13905740023@voip.example.cn">通话</a>',
        '<a href="https://map.example.com/?home=%E7%BB%BF%E5%9F%8E%E6%98%A5%E6%B1%9F%E8%8A%B1%E5%9B%AD9%E5%B9%A2800%E5%AE%A4">地图</a>',
        '<img src="https://img.example.cn/idcard/330206199003071231.jpg" alt="扫描件">',
    ],
)
def test_every_attribute_of_published_html_is_read_decoded(html):
    """Issue 20 (outside attack): only tel:/mailto:/sms: links and a few shown attributes were read, so other link
    schemes, a leading space, an address in a link's query and an ID number in a picture's address were published.
    Every attribute is in the page's source."""
    from zhengtong.privacy.html import mask_html, visible_text

    assert scan(visible_text(html)), html
    assert not scan(visible_text(mask_html(html)))


def test_html_is_scanned_as_it_is_seen_cells_apart_and_shown_attributes_in():
    """Issue 20: attributes (title=, alt=, href="tel:") are published and were dropped before the scan; table
    cells glued together made a false name of 第（一）项 + 规章."""
    from zhengtong.privacy.html import visible_text

    html = (
        "<table><tr><td>第二十条第（一）项</td><td>规章</td></tr></table>"
        '<p title="联系人王建国">详见</p><a href="tel:13805740001">电话</a><img alt="身份证 ' + _ID + '">'
    )
    found = {(f.kind, f.text) for f in scan(visible_text(html))}
    assert found == {(Kind.NAME, "王建国"), (Kind.MOBILE, "13805740001"), (Kind.ID_NUMBER, _ID)}


@pytest.mark.parametrize(
    "html",
    [
        '<p>联系电话：138<span title="转">0574</span>0001</p>',
        '<p>身份证号：330206<span title="a">1990</span>03071231</p>',
        '<p>经查，当事人：王<a href="#">秀英</a>在本辖区经营</p>',
    ],
)
def test_an_inline_elements_attribute_does_not_split_the_text_a_reader_sees(html):
    """Outside attack, session 62: an attribute's value was read in the place of its element, so it split the
    number or the name the page shows whole (138 0574 0001 on the page, 138, 转, 05740001 to the scan). Attributes
    are read apart from the text they sit in."""
    from zhengtong.privacy.html import mask_html, visible_text

    assert scan(visible_text(html)), visible_text(html)
    assert not scan(visible_text(mask_html(html))), mask_html(html)


@pytest.mark.parametrize(
    ("html", "kind"),
    [
        ('<p>手机：<bdo dir="rtl">10004750831</bdo></p>', Kind.MOBILE),
        ('<p>邮寄地址：<bdo dir="rtl">室205幢3号88路州明道街碶新区仑北</bdo></p>', Kind.ADDRESS),
        ('<p>电子邮箱：<bdo dir="rtl">moc.qq@1000475083</bdo></p>', Kind.EMAIL),
        ("<p>联系电话：<ruby>1380574<rp>转</rp>0002</ruby></p>", Kind.MOBILE),
        ("<p>领奖车辆：<ruby>浙B<rp>（</rp><rt>蓝牌</rt><rp>）</rp>12345</ruby></p>", Kind.PLATE),
    ],
)
def test_text_is_read_in_the_order_and_with_the_parts_a_page_shows(html, kind):
    """Outside attack, session 62: a number typed backwards in <bdo dir="rtl"> shows the right way round, and a
    ruby's <rp> and <rt> stand apart from the text it annotates (a browser shows <rp> only where ruby is not
    drawn): read in source order, each was no number, and was published."""
    from zhengtong.privacy.html import mask_html, visible_text

    assert kind in {f.kind for f in scan(visible_text(html))}, visible_text(html)
    assert not scan(visible_text(mask_html(html))), mask_html(html)


def test_a_number_in_an_html_table_one_digit_to_a_cell_is_read_and_masked_whole():
    """Issue 20 (outside attack, session 44): a form's table prints an ID number one digit to a cell; a reader reads
    the row as one number, and the published body must not show it digit by digit either."""
    from zhengtong.privacy.html import mask_html, visible_text

    cells = "".join(f"<td>{c}</td>" for c in _ID)
    html = f"<table><tr><td>身份证号码</td>{cells}</tr><tr><td>序号</td><td>1</td><td>2</td></tr></table>"
    assert (Kind.ID_NUMBER, _ID) in {(f.kind, f.text) for f in scan(visible_text(html))}
    published = mask_html(html)
    assert not scan(visible_text(published))
    assert _ID[6:14] not in visible_text(published).replace("\n", "")


def test_a_row_of_counts_one_digit_to_a_cell_is_no_number():
    """Review (session 44): eleven single-digit counts in a row are a statistics table, not a mobile; boxes make
    a number when it is an ID number (its check character) or beside a telephone or card label."""
    from zhengtong.privacy.html import visible_text

    counts = "".join(f"<td>{c}</td>" for c in "15203124012")
    assert scan(visible_text(f"<table><tr><td>受理件数</td>{counts}<td>12</td></tr></table>")) == []
    phone = "".join(f"<td>{c}</td>" for c in "13805740001")
    assert [f.kind for f in scan(visible_text(f"<table><tr><td>联系电话</td>{phone}</tr></table>"))] == [Kind.MOBILE]


def test_a_text_nodes_line_breaks_and_spaces_are_read_as_the_one_space_a_page_shows():
    """Issue 20 (outside attack, session 48): a browser shows a run of spaces inside a paragraph as one space, so
    1380      5740      002 in the source is 1380 5740 002 on the page; a <pre> keeps its spaces. Line breaks are
    kept as breaks: a paragraph's lines of figures read as one line made a table's figures a mobile (review)."""
    from zhengtong.privacy.html import mask_html, visible_text

    html = "<p>户主乙 1380      5740      002</p>"
    assert [f.kind for f in scan(visible_text(html))] == [Kind.MOBILE]
    assert not scan(visible_text(mask_html(html)))
    assert visible_text("<pre>第1行  第2行</pre>") == "\n第1行  第2行\n"


@pytest.mark.parametrize(
    "html",
    [
        "<table><tr><td>来电</td><td>1568</td><td>1432</td><td>136</td></tr></table>",
        "<p>各年度参保人数（人）：\n  1800\n  1200\n  350</p>",
        "<table><tr><td>规格</td><td>1800*2000*200mm</td></tr><tr><td>联系电话</td><td>0574-86781234</td></tr></table>",
    ],
)
def test_a_tables_figures_keep_the_table(html):
    """Review (session 48): figures in cells or on a paragraph's lines beside a telephone word were read as a mobile,
    and the masked body fell back to plain paragraphs, losing the table."""
    from zhengtong.privacy.html import mask_html, visible_text

    assert "<table>" in mask_html(html, allow={"0574-86781234"}) or "<p>" in html
    assert Kind.MOBILE not in {f.kind for f in scan(visible_text(html))}


def test_every_tag_the_sanitiser_keeps_is_read_as_a_block_or_inline():
    """Outside attack, session 63: <aside> was read inline, so a right-to-left mark before it turned the number
    inside, which a page shows on a line of its own (138 0574 0001), and the reading found nothing."""
    import nh3

    from zhengtong.privacy.html import BLOCKS, INLINE, visible_text

    assert set(nh3.ALLOWED_TAGS) <= BLOCKS | INLINE, set(nh3.ALLOWED_TAGS) - BLOCKS - INLINE
    html = "<p>如有疑问请联系经办人</p>&#x200F;<aside>138 <b></b>0574 0001</aside><p>特此通知。</p>"
    assert Kind.MOBILE in {f.kind for f in scan(visible_text(nh3.clean(html)))}


def test_a_pictures_alt_is_read_in_its_line_where_the_picture_is_not_drawn():
    """Outside attack, session 63: a browser shows an <img>'s alt in the line when the picture cannot be drawn (no
    src), so 138<img alt="0574">0001 read 13805740001 on the page; the reader read the alt apart, 1380001."""
    from zhengtong.privacy.html import mask_html, visible_text

    html = '<p>手机138<img alt="0574">0001</p>'
    assert Kind.MOBILE in {f.kind for f in scan(visible_text(html))}
    assert not scan(visible_text(mask_html(html)))


def test_struck_out_digits_split_no_number_a_reader_reads_past_them():
    """Outside attack, session 63: 手机138<del>9999</del>05740001 reads 13805740001 to anyone who skips the
    struck-out decoy; read in its line, it was a fifteen-digit run and no number."""
    from zhengtong.privacy.html import mask_html, visible_text

    html = "<p>手机138<del>9999</del>05740001</p>"
    assert Kind.MOBILE in {f.kind for f in scan(visible_text(html))}
    assert not scan(visible_text(mask_html(html)))
