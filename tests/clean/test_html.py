"""clean_html on pages written for these tests (a fictional outlet, people and countries)."""
from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from redline.clean import clean
from redline.clean.html import clean_html, find_dateline
from redline.errors import CleanError

BODY = [
    "PORT ESKEL, Valdoria (ML) — Negotiators from Valdoria and the Republic of Tessaly left the "
    "harbour talks on Tuesday without an agreement on fishing rights, officials said.",
    '"We came with an open hand and we leave with an empty one," said Foreign Minister Aurel '
    "Dantescu, who led the Valdorian delegation for the third round of talks since the spring.",
    "Tessaly's envoy, Mira Okonkwo-Bell, said her government would submit a new proposal within "
    'two weeks and called the dispute "a question of livelihoods, not of flags".',
    "The next round is due to open in the Tessalian port of Lindqvar at the end of the month, "
    "the two delegations said in a joint statement read out by a harbour official.",
]
CHROME = [
    "We use cookies to improve your experience. Accept all cookies or manage your settings.",
    "Subscribe to the Morning Ledger newsletter",
    "All rights reserved. Reproduction without permission is prohibited.",
]


def page(head: str = "", *, body: list[str] = BODY, headline: str = "Harbour talks stall in Valdoria") -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body)
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>{headline} | The Meridian Ledger</title>
{head}
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
<div id="cookie-banner" class="cookie-consent"><p>{CHROME[0]}</p><button>Accept</button></div>
<main><article>
<h1>{headline}</h1>
{paragraphs}
</article>
<aside class="newsletter-promo"><a href="/newsletter">{CHROME[1]}</a></aside>
</main>
<footer class="site-footer"><p>© The Meridian Ledger. {CHROME[2]}</p>
<ul><li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of use</a></li></ul></footer>
</body></html>"""


META_HEAD = """
<meta property="og:title" content="Harbour talks stall in Valdoria">
<meta property="og:site_name" content="The Meridian Ledger">
<meta name="author" content="Ines Marquard">
<meta property="article:published_time" content="2023-04-11T08:30:00+00:00">
<meta property="article:section" content="World">
"""


def jsonld_head(**fields: object) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Harbour talks stall in Valdoria",
        "author": {"@type": "Person", "name": "Teodor Vasquez-Lind"},
        "publisher": {"@type": "Organization", "name": "The Meridian Ledger"},
        **fields,
    }
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_main_text_kept_and_chrome_dropped():
    result = clean_html(page(META_HEAD))
    for paragraph in BODY:
        assert paragraph in result.text
    for line in CHROME + ["Privacy policy", "Opinion"]:
        assert line not in result.text


def test_paragraphs_are_separated_by_blank_lines():
    result = clean_html(page(META_HEAD))
    assert result.text.split("\n\n") == BODY


def test_headline_is_metadata_not_body():
    result = clean_html(page(META_HEAD))
    assert result.title == "Harbour talks stall in Valdoria"
    assert result.text.startswith("PORT ESKEL, Valdoria (ML) —")


def test_metadata_from_meta_tags():
    result = clean_html(page(META_HEAD), url="https://ledger.example/world/harbour-talks")
    assert result.format == "html"
    assert result.byline == "Ines Marquard"
    assert result.source == "The Meridian Ledger"
    assert result.published == "2023-04-11"
    assert result.published_source == "html-meta"
    assert result.published_confidence >= 0.9
    assert result.language == "en"
    assert result.url == "https://ledger.example/world/harbour-talks"
    assert result.dateline == "PORT ESKEL, Valdoria (ML) —"
    assert result.categories == ["World"]


def test_date_and_author_from_json_ld():
    result = clean_html(page(jsonld_head(datePublished="2022-11-30T17:05:00+01:00")))
    assert result.published == "2022-11-30"
    assert result.published_source == "html-meta"
    assert result.published_confidence >= 0.9
    assert result.byline == "Teodor Vasquez-Lind"


def test_original_date_is_preferred_over_modification():
    head = jsonld_head(datePublished="2022-11-30T09:00:00Z", dateModified="2023-01-15T09:00:00Z")
    assert clean_html(page(head)).published == "2022-11-30"


def test_url_date_agreeing_with_markup_raises_confidence():
    head = jsonld_head(datePublished="2022-11-30T09:00:00Z")
    plain = clean_html(page(head))
    agreed = clean_html(page(head), url="https://ledger.example/2022/11/30/harbour-talks/")
    assert agreed.published == plain.published == "2022-11-30"
    assert agreed.published_confidence > plain.published_confidence


def test_no_date_is_none():
    result = clean_html(page())
    assert result.published is None
    assert result.published_source is None
    assert result.published_confidence == 0.0
    assert result.byline is None


def test_future_date_is_never_returned():
    future = (date.today() + timedelta(days=400)).isoformat()
    result = clean_html(page(jsonld_head(datePublished=f"{future}T10:00:00Z")))
    assert result.published != future
    assert result.published is None or result.published <= date.today().isoformat()


def test_date_found_only_in_the_text_has_lower_confidence():
    body = BODY + ["Published on 14 March 2021 by the Meridian Ledger newsroom in Port Eskel."]
    result = clean_html(page(body=body))
    assert result.published == "2021-03-14"
    assert 0 < result.published_confidence < 0.9


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n  ",
        "garbage \x00\x01 <<<>>> %%%",
        "<html><body></body></html>",
        "<html><head><title>Empty</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
        "<div><p>unclosed <b>bold <i>x",
    ],
)
def test_pages_without_main_text_raise_clean_error(html):
    with pytest.raises(CleanError) as err:
        clean_html(html)
    assert "\n" not in str(err.value)


def test_truncated_page_keeps_what_it_has():
    html = page(META_HEAD)
    cut = html[: html.index(BODY[2][:30])] + BODY[2][:30]  # stops mid-paragraph, tags left open
    result = clean_html(cut)
    assert BODY[0] in result.text and BODY[1] in result.text
    assert result.published == "2023-04-11"


def test_mangled_markup_never_crashes():
    html = page(META_HEAD).replace("</p>", "").replace("<article>", "<article <<").replace("</div>", "</span>")
    try:
        result = clean_html(html)
    except CleanError:
        return
    assert BODY[0][:40] in result.text


def test_bytes_are_decoded_by_declared_charset():
    body = [p.replace("Valdoria", "Brännvik-Öster").replace(" —", " -") for p in BODY]
    html = page(META_HEAD, body=body).replace('charset="utf-8"', 'charset="windows-1252"')
    result = clean_html(html.encode("cp1252"))
    assert "Brännvik-Öster" in result.text


def test_clean_routes_html_here():
    result = clean(page(META_HEAD).encode("utf-8"), url="https://ledger.example/a")
    assert result.format == "html"
    assert result.text.startswith("PORT ESKEL")
    assert result.url == "https://ledger.example/a"


@pytest.mark.parametrize(
    "first, expected",
    [
        ("PORT ESKEL, Valdoria (ML) — Talks stalled.", "PORT ESKEL, Valdoria (ML) —"),
        ("(CN) — A judge in Brennmark ruled on Friday.", "(CN) —"),
        ("LINDQVAR (Tessaly Wire) - The port reopened.", "LINDQVAR (Tessaly Wire) -"),
        ("NEW ASHFORD, March 3 (Ledger Wire) - Shares rose.", "NEW ASHFORD, March 3 (Ledger Wire) -"),
        ("BRENNMARK (lwa) - Die Hafengespräche wurden vertagt.", "BRENNMARK (lwa) -"),
        ("KORVALA — The minister resigned on Monday.", "KORVALA —"),
        ("ST. ODRIN, Valdoria -- Voters queued early.", "ST. ODRIN, Valdoria --"),
    ],
)
def test_dateline_found(first, expected):
    assert find_dateline(first + "\n\nSecond paragraph.") == expected


@pytest.mark.parametrize(
    "first",
    [
        "The minister resigned on Monday - and nobody was surprised.",
        "US - led talks resumed in Lindqvar on Friday.",
        "Negotiators met again (in private) — and again failed.",
        "",
    ],
)
def test_no_dateline(first):
    assert find_dateline(first) is None
