"""Classic XSS payloads saved through the project, update and comment forms render inert.

Each payload is typed into every text field a member controls (project title, summary and
description; update title and text; comment), then the project page is read as its owner and
as an anonymous visitor. The page must carry exactly the scripts and embedding tags of the same
page made from harmless text, no event-handler attribute, no style attribute and no
javascript:, vbscript: or data: address.
"""

import re
from collections import Counter
from html.parser import HTMLParser

import pytest

from conftest import client_for
from planet.projects.models import Comment, Project, Status
from planet.projects.tests.factories import form_data

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//xss.example.org/xss.js></SCRIPT>",
    '"><script>alert(document.cookie)</script>',
    "'><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text x='20' y='20'>XSS</text></a></svg>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    '<video><source onerror="alert(1)">',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    '<style>body{background:url("javascript:alert(1)")}</style>',
    '<div style="width: expression(alert(1));">CSS expression</div>',
    '<p style="background-image: url(javascript:alert(1))">CSS url</p>',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<form action="javascript:alert(1)"><button>Send</button></form>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab entity</a>',
    '<a href="&#106;avascript:alert(1)">decimal entity</a>',
    '<a href="data:text/html,<script>alert(1)</script>">data link</a>',
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click]( javascript:alert(1))",
    "[click](<javascript:alert(1)>)",
    "[click](jav&#x09;ascript:alert(1))",
    "[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click][ref]\n\n[ref]: javascript:alert(1)",
    '[click](https://example.org "a" onmouseover="alert(1)")',
    "![image](javascript:alert(1))",
    '![image](x" onerror="alert(1))',
    "<javascript:alert(1)>",
    "<data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>",
    '<https://example.org/" onmouseover="alert(1)>',
    "`<script>alert(1)</script>`",
    "    <script>alert('indented code')</script>",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<!--<img src=x onerror=alert(1)>-->",
    "{{ request.session }}{% debug %}",
]
HARMLESS = "Pupils adopt a river"
EMBEDDING_TAGS = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link",
    "meta", "base", "form", "input", "button", "textarea", "svg", "math", "img", "video",
    "audio", "source", "details", "noscript", "body", "html",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcdoc"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
# an attribute named on...= inside a tag, skipping over quoted attribute values
EVENT_HANDLER = re.compile(
    r"""<[a-z][a-z0-9-]*(?:\s+[^\s=>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*?\s+on\w+\s*=""",
    re.IGNORECASE,
)


class PageScan(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = Counter()
        self.scripts = []
        self.problems = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        if tag == "script":
            self.scripts.append(dict(attrs).get("src") or dict(attrs).get("type"))
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name} on <{tag}>")
            if name == "style":
                self.problems.append(f"style attribute on <{tag}>")
            if name in URL_ATTRIBUTES and value:
                address = re.sub(r"[\x00-\x20]", "", value).lower()
                if address.startswith(BAD_SCHEMES):
                    self.problems.append(f'{name}="{value}" on <{tag}>')

    handle_startendtag = handle_starttag


def scan(html: str) -> PageScan:
    page = PageScan()
    page.feed(html)
    page.close()
    return page


def _token(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["form"].initial["form_token"]


def project_saying(owner, text: str) -> Project:
    """A published project whose every member-typed text is `text`, saved through the forms."""
    client = client_for(owner)
    data = form_data(
        form_token=_token(client, "/projects/new/"),
        title=text[:200],
        summary=" ".join(text.split())[:240],
        description=text,
    )
    response = client.post("/projects/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    project = Project.objects.get(pk=Project.objects.latest("pk").pk)
    Project.objects.filter(pk=project.pk).update(status=Status.PUBLISHED)
    url = f"/projects/{project.slug}/updates/new/"
    update = {"title": text[:200], "body": text, "form_token": _token(client, url)}
    assert client.post(url, update).status_code == 302
    url = f"/projects/{project.slug}/comments/"
    comment = {"body": text, "form_token": _token(client, url)}
    assert client.post(url, comment).status_code == 302
    return project


def pages_of(project, owner) -> dict[str, str]:
    comment = Comment.objects.get(project=project)
    pages = {
        "owner": client_for(owner).get(project.get_absolute_url()),
        "anonymous": client_for(None).get(project.get_absolute_url()),
        "comment edit": client_for(owner).get(
            f"/projects/{project.slug}/comments/{comment.pk}/edit/"
        ),
    }
    assert all(response.status_code == 200 for response in pages.values())
    return {name: response.content.decode() for name, response in pages.items()}


@pytest.fixture
def baseline(member):
    return {
        name: scan(html)
        for name, html in pages_of(project_saying(member, HARMLESS), member).items()
    }


def test_there_are_at_least_30_payloads():
    assert len(PAYLOADS) >= 30 and len(set(PAYLOADS)) == len(PAYLOADS)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_render_inert(member, baseline, payload):
    project = project_saying(member, payload)
    for name, html in pages_of(project, member).items():
        page, expected = scan(html), baseline[name]
        assert page.problems == [], name
        assert html.lower().count("<script") == sum(1 for _ in expected.scripts), name
        assert page.scripts == expected.scripts, name
        assert not EVENT_HANDLER.search(html), name
        for tag in EMBEDDING_TAGS:
            assert page.tags[tag] == expected.tags[tag], f"{name}: <{tag}>"
    # the text is kept for what it is, shown rather than run
    assert Comment.objects.get(project=project).body.strip() == payload.strip()


@pytest.mark.parametrize(
    "html",
    [
        "<p><img src=x onerror=alert(1)></p>",
        '<a href=" JaVaScRiPt:alert(1)">x</a>',
        '<a href="jav&#x09;ascript:alert(1)">x</a>',
        '<iframe src="data:text/html,x"></iframe>',
        '<div style="width: expression(alert(1))"></div>',
    ],
)
def test_the_scan_itself_sees_live_markup(html):
    assert scan(html).problems
