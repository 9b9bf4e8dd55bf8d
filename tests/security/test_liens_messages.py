"""Inbox messages: only addresses that stay on our origin become links (issue 15, item 4).

A relayed message is text written by another user; an address that reads as ours but that a browser resolves
to another host (`//evil`, `/\\evil`, userinfo, controls it strips) must stay text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from hypothesis import given
from hypothesis import strategies as st

from config import settings
from tables.comptes import Compte
from tables.messages import Message
from tests.support import login, medecin
from web.templating import chemin_interne, liens_internes

BASE = settings().base_url
HOTE = urlsplit(BASE).netloc
PIEGES = [f"{BASE}//evil.example/x", f"{BASE}/\\evil.example/x", f"{BASE}/%2F%2Fevil.example/x",
          f"{BASE}/%5cevil.example/x", f"http://evil.example@{HOTE}/x", f"http://{HOTE}@evil.example/x",
          f"{BASE}/a\x1b/b", f"{BASE}/a\x00b", f"{BASE}:99/x", f"https://{HOTE}/x", f"{BASE}/a//evil.example",
          f"http://{HOTE.upper()}.evil.example/x", f"{BASE}/%09/evil.example"]


class _Lecteur(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.texte: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.hrefs += [v for k, v in attrs if k == "href"]

    def handle_data(self, data):
        self.texte.append(data)


def _lire(html: str) -> _Lecteur:
    lecteur = _Lecteur()
    lecteur.feed(html)
    lecteur.close()
    return lecteur


def _comme_un_navigateur(href: str) -> str:
    """How a browser (WHATWG URL) resolves an href against our page: tabs and newlines removed, leading and
    trailing controls and spaces stripped, "\\" read as "/"."""
    href = re.sub(r"[\t\n\r]", "", href).strip("".join(map(chr, range(0x21)))).replace("\\", "/")
    return urljoin(BASE + "/espace/messages/1", href)


def _origine(url: str) -> tuple:
    parts = urlsplit(url)
    return parts.scheme, parts.hostname, parts.port


def test_addresses_that_leave_the_site_stay_text():
    for piege in PIEGES:
        rendu = _lire(str(liens_internes(f"Voir {piege} ici")))
        assert rendu.hrefs == [], piege
        assert "".join(rendu.texte) == f"Voir {piege} ici"
    rendu = _lire(str(liens_internes(f"Votre annonce : {BASE}/annonces/12?x=1#photos.")))
    assert rendu.hrefs == ["/annonces/12?x=1#photos"]


MORCEAUX = st.sampled_from([BASE, f"http://{HOTE}", "http://", "https://", HOTE, "evil.example", "/", "//", "\\",
                            "%2f", "%5C", "%2e", "..", ".", "@", ":", ":80", "?", "#", "&", "=", " ", "\t", "\n",
                            "\x00", "\x1f", "\x7f", "\u2028", "a", "annonces", "é", "<", '"', "'", ")", ","])


@given(st.lists(st.one_of(MORCEAUX, st.text(max_size=3)), max_size=14).map("".join))
def test_every_link_stays_on_our_origin_and_the_text_is_kept(ligne):
    rendu = _lire(str(liens_internes(ligne)))
    for href in rendu.hrefs:
        assert href.startswith("/") and not href.startswith("//"), href
        assert _origine(_comme_un_navigateur(href)) == _origine(BASE), href
    assert "".join(rendu.texte) == ligne


@given(st.text(max_size=40))
def test_whatever_follows_our_address_the_link_resolves_on_our_origin(suite):
    for adresse in (BASE + "/" + suite, BASE + suite):
        chemin = chemin_interne(adresse)
        if chemin is not None:
            assert _origine(_comme_un_navigateur(chemin)) == _origine(BASE), adresse


async def test_a_planted_message_shows_no_off_site_link(client):
    await medecin()
    compte = (await Compte.select(Compte.id).first())["id"]
    texte = "\n".join(["Bonjour,", *(p for p in PIEGES if "\x00" not in p), f"Votre annonce : {BASE}/annonces/7"])
    mid = (await Message.insert(Message(compte=compte, sujet="Piège", texte=texte)).returning(Message.id))[0]["id"]
    await login(client)
    page = (await client.get(f"/espace/messages/{mid}")).text
    corps = page[page.index("message__corps"):]
    corps = corps[:corps.index("</div>")]
    assert re.findall(r'href="([^"]*)"', corps) == ["/annonces/7"]
    assert "evil.example" in corps  # still shown, as text
