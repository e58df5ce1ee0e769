"""Markdown bodies become sanitised HTML; plain text is escaped."""

from hotline.desk.rendering import render_body


def test_markdown_formatting_is_kept():
    html = render_body("**Urgent**: see [report](https://example.org/r)\n\n- one\n- two", "markdown")

    assert "<strong>Urgent</strong>" in html and "<li>one</li>" in html
    assert 'href="https://example.org/r"' in html and 'rel="noopener noreferrer nofollow"' in html


def test_scripts_and_dangerous_links_are_removed():
    html = render_body(
        "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>", "markdown"
    )

    assert "<script" not in html and "<img" not in html and "href" not in html
    assert "&lt;script&gt;" in html  # shown as text, never run


def test_plain_text_is_escaped_with_line_breaks():
    html = render_body("a <b>bold</b> claim\nsecond line", "text")

    assert html == "<p>a &lt;b&gt;bold&lt;/b&gt; claim<br>second line</p>"
