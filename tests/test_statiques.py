"""Static files: linked under hashed names, cached for a year, gzipped once; plain names revalidated."""

from __future__ import annotations

import gzip
import os
import re
import time

from jinja2 import Environment

from config import ROOT
from web import statiques as statiques_module
from web.statiques import Statiques
from web.templating import ChargeurSurveille

CSS = (ROOT / "static" / "app.css").read_bytes()


async def test_pages_link_hashed_names_served_for_a_year(client):
    page = await client.get("/connexion")
    liens = re.findall(r'(?:href|src)="(/static/[^"]+)"', page.text)
    assert liens and all(re.fullmatch(r"/static/[a-z.]+\.[0-9a-f]{12}\.(css|js|svg)", lien) for lien in liens)
    css = next(lien for lien in liens if lien.startswith("/static/app."))
    response = await client.get(css, headers={"accept-encoding": "gzip"})
    assert response.status_code == 200 and response.content == CSS  # httpx decodes the gzip
    assert response.headers["content-encoding"] == "gzip" and response.headers["vary"] == "Accept-Encoding"
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert response.headers["content-type"].startswith("text/css")
    assert int(response.headers["content-length"]) == len(gzip.compress(CSS, 9, mtime=0)) < len(CSS) / 2


async def test_without_gzip_the_file_goes_as_it_is(client):
    page = await client.get("/connexion")
    js = re.search(r'src="(/static/htmx\.min\.[0-9a-f]{12}\.js)"', page.text)[1]
    response = await client.get(js, headers={"accept-encoding": "identity"})
    assert "content-encoding" not in response.headers
    assert response.content == (ROOT / "static" / "htmx.min.js").read_bytes()


async def test_a_plain_name_is_revalidated_and_an_old_hash_is_gone(client):
    response = await client.get("/static/app.css")
    assert response.status_code == 200 and response.content == CSS
    assert response.headers["cache-control"] == "no-cache"
    again = await client.get("/static/app.css", headers={"if-none-match": response.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    for absent in ("/static/app.000000000000.css", "/static/VENDORED.md", "/static/..%2Fpyproject.toml"):
        missing = await client.get(absent)
        assert missing.status_code == 404 and "Page introuvable" in missing.text


def _plus_tard(monkeypatch, secondes: float) -> None:
    horloge = time.monotonic() + secondes
    monkeypatch.setattr(statiques_module.time, "monotonic", lambda: horloge)


def test_an_edited_file_gets_a_new_name_within_a_second(tmp_path, monkeypatch):
    (tmp_path / "site.css").write_text("body { color: black; }")
    statiques = Statiques(tmp_path, recharger=True)
    avant = statiques.url("site.css")
    (tmp_path / "site.css").write_text("body { color: navy; }")
    os.utime(tmp_path / "site.css", (1e9, 1e9))  # whatever the file system's clock resolution
    assert statiques.url("site.css") == avant  # looked at less than a second ago: no stat on every page
    _plus_tard(monkeypatch, 1.5)
    apres = statiques.url("site.css")
    assert avant != apres and statiques.trouver(apres.removeprefix("/static/"))[0].contenu == b"body { color: navy; }"


def test_an_edited_template_is_noticed_within_a_second_without_a_stat_per_render(tmp_path, monkeypatch):
    (tmp_path / "page.html").write_text("avant")
    env = Environment(loader=ChargeurSurveille([tmp_path]), auto_reload=True, autoescape=True)
    stats = []
    original = os.path.getmtime
    monkeypatch.setattr(statiques_module.os.path, "getmtime", lambda p: stats.append(p) or original(p))
    assert env.get_template("page.html").render() == "avant"
    stats.clear()
    assert [env.get_template("page.html").render() for _ in range(50)] == ["avant"] * 50
    assert stats == []  # Jinja's own check stats the file on every render
    (tmp_path / "page.html").write_text("après")
    os.utime(tmp_path / "page.html", (1e9, 1e9))
    assert env.get_template("page.html").render() == "avant"
    _plus_tard(monkeypatch, 1.5)
    assert env.get_template("page.html").render() == "après"
