"""Message bodies are shown through the desk's sanitising renderer: Markdown becomes safe HTML, raw HTML and
javascript: links do not survive, plain text is escaped with its line breaks kept."""

from tests.desk.views_support import client_for, sent


def body_of(page: str) -> str:
    start = page.index('<div class="body"')
    return page[start : page.index("</div>", start)]


def test_markdown_is_rendered_without_scripts(desk):
    message = sent(
        desk,
        to="internal",
        body_format="markdown",
        body="**Bold** <script>alert('x')</script> [click](javascript:alert(1)) <img src=x onerror=alert(2)>",
    )

    body = body_of(client_for(desk.alice).get(f"/desk/messages/{message.stix_id}/").content.decode())

    assert "<strong>Bold</strong>" in body
    assert "<script" not in body and "<img" not in body
    assert 'href="javascript' not in body


def test_plain_text_is_escaped(desk):
    message = sent(desk, to="internal", body="<b>not bold</b>\nsecond line")

    body = body_of(client_for(desk.alice).get(f"/desk/messages/{message.stix_id}/").content.decode())

    assert "&lt;b&gt;not bold&lt;/b&gt;<br>second line" in body
