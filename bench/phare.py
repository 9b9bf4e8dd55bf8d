"""Lighthouse 12.8.2 for make bench: installed from its lock file, run on a page, the first load read off it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

from bench.outils import DATA, LH_RUNS, LIGHTHOUSE, ROOT, log


def lighthouse_pret() -> Path:
    binaire = LIGHTHOUSE / "node_modules" / ".bin" / "lighthouse"
    if not binaire.exists():
        log("installation de lighthouse@12.8.2 sous bench/lighthouse (npm)")
        cmd = ["npm", "ci" if (LIGHTHOUSE / "package-lock.json").exists() else "install", "--no-audit", "--no-fund"]
        subprocess.run(cmd, cwd=LIGHTHOUSE, check=True, timeout=600, stdout=subprocess.DEVNULL)
    return binaire


def _un_lighthouse(nom: str, url: str, entetes: Path, sortie: Path) -> dict | None:
    """One Lighthouse run (mobile, its default): the report, or None when it failed (trace errors happen)."""
    sortie.unlink(missing_ok=True)
    cmd = [str(lighthouse_pret()), url, "--quiet", "--output=json", f"--output-path={sortie}",
           "--only-categories=performance,accessibility,best-practices", "--chrome-flags=--headless --no-sandbox",
           f"--extra-headers={entetes}"]
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    try:
        subprocess.run(cmd, env=env, timeout=180, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        rapport = json.loads(sortie.read_text())
    except (subprocess.SubprocessError, OSError, ValueError) as exc:
        log(f"lighthouse {nom} : échec ({exc})")
        return None
    if rapport.get("runtimeError"):
        log(f"lighthouse {nom} : {rapport['runtimeError'].get('code')}, relancé")
        return None
    return rapport


def lighthouse(nom: str, url: str, cookie: str) -> dict:
    """LH_RUNS good runs (up to twice as many tries); the run of median performance is kept."""
    entetes = DATA / f"lh-{nom}-headers.json"
    entetes.write_text(json.dumps({"Cookie": cookie}))
    bons: list[tuple[float, Path]] = []
    for essai in range(2 * LH_RUNS):
        if len(bons) == LH_RUNS:
            break
        sortie = DATA / f"lh-{nom}-{essai}.json"
        if (rapport := _un_lighthouse(nom, url, entetes, sortie)) is not None:
            bons.append((rapport["categories"]["performance"]["score"] or 0, sortie))
    if not bons:
        raise RuntimeError(f"Lighthouse n'a pas pu mesurer {url}")
    bons.sort()
    garde = DATA / f"lh-{nom}.json"
    shutil.copyfile(bons[len(bons) // 2][1], garde)
    rapport = json.loads(garde.read_text())
    cat = rapport["categories"]
    scores = {"performance": round(100 * (cat["performance"]["score"] or 0)),
              "accessibility": round(100 * (cat["accessibility"]["score"] or 0)),
              "best_practices": round(100 * (cat["best-practices"]["score"] or 0))}
    if rapport.get("finalDisplayedUrl", url).split("?")[0] != url.split("?")[0]:
        scores["redirected_to"] = rapport.get("finalDisplayedUrl")
    manques = []
    for cle in ("performance", "accessibility", "best-practices"):
        for ref in cat[cle]["auditRefs"]:
            audit = rapport["audits"].get(ref["id"], {})
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                manques.append(f"{ref['id']} ({audit.get('displayValue') or audit['score']})")
    log(f"lighthouse {nom}: {scores} (médiane de {len(bons)} passages, performances "
        f"{[round(100 * p) for p, _ in bons]})" + (f" — à améliorer : {', '.join(manques)}" if manques else ""))
    scores["_runs_performance"] = [round(100 * p) for p, _ in bons]
    scores["_failing_audits"] = manques
    scores["_report"] = str(garde.relative_to(ROOT))
    return scores


def premier_chargement(rapport: Path) -> dict:
    """All requests of the page load as Lighthouse saw them: bytes on the wire, and any third party."""
    r = json.loads(rapport.read_text())
    items = r["audits"]["network-requests"]["details"]["items"]
    hote = urlsplit(r.get("finalDisplayedUrl") or r["requestedUrl"]).hostname
    tiers = sorted({i["url"] for i in items if urlsplit(i["url"]).hostname not in (hote, None)
                    and not i["url"].startswith("data:")})
    total = sum(i.get("transferSize") or 0 for i in items)
    return {"kb": round(total / 1000, 1), "requests": len(items), "third_party": tiers,
            "by_url": {i["url"].replace(f"http://{hote}", "").split(":", 2)[-1][:80]: i.get("transferSize")
                       for i in items}}


