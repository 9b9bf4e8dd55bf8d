/* MonEspace – amélioration progressive au-dessus de htmx (le site fonctionne sans JS).
   Aucun script en ligne, aucun eval : compatible avec la CSP « script-src 'self' ». */
(function () {
  "use strict";

  var FOCUSABLE = "a[href], button, input, select, textarea, summary, [tabindex]";
  var focaliseePour = new WeakSet(); // un seul déplacement de focus par échange htmx

  function annoncer(texte) {
    var zone = document.getElementById("annonce-live");
    if (!zone) return;
    zone.textContent = ""; // vider puis réécrire : un même texte est annoncé à nouveau
    setTimeout(function () { zone.textContent = texte; }, 100);
  }

  function premierFocus(racine, detail) {
    if (racine.matches("[data-focus]")) return racine;
    var tous = racine.querySelectorAll("[data-focus]");
    // Content appended to a list (the "+" of the périodes): the newest row is the last one.
    var swap = detail.elt && (detail.elt.getAttribute("hx-swap") || detail.elt.getAttribute("data-hx-swap"));
    var ajout = /^beforeend/.test(swap || "");
    return ajout ? tous[tous.length - 1] : tous[0];
  }

  // Après chaque échange : focus sur [data-focus], sinon annonce de data-announce.
  document.addEventListener("htmx:afterSettle", function (evt) {
    var cible = evt.target;
    if (!(cible instanceof Element) || !cible.isConnected) return;
    retirerAlerte();
    var detail = evt.detail || {};
    var el = premierFocus(cible, detail);
    if (el) {
      if (focaliseePour.has(detail)) return;
      focaliseePour.add(detail);
      if (!el.matches(FOCUSABLE)) el.setAttribute("tabindex", "-1");
      el.focus();
    } else if (cible.hasAttribute("data-announce")) {
      annoncer(cible.getAttribute("data-announce"));
    }
  });

  // Erreurs réseau ou serveur : une seule alerte visible en haut de <main>.
  function retirerAlerte() {
    var ancienne = document.getElementById("alerte-htmx");
    if (ancienne) ancienne.remove();
  }

  function alerter(message) {
    var main = document.getElementById("contenu");
    if (!main) return;
    retirerAlerte();
    var alerte = document.createElement("div");
    alerte.id = "alerte-htmx";
    alerte.className = "alerte alerte--erreur";
    alerte.setAttribute("role", "alert");
    var p = document.createElement("p");
    alerte.appendChild(p);
    main.insertBefore(alerte, main.firstChild);
    // Texte ajouté après l'insertion pour que les lecteurs d'écran l'annoncent.
    setTimeout(function () {
      p.textContent = message;
      alerte.scrollIntoView({ block: "nearest" });
    }, 50);
  }

  document.addEventListener("htmx:responseError", function (evt) {
    var xhr = evt.detail && evt.detail.xhr;
    var code = xhr && xhr.status ? xhr.status : "inconnu";
    alerter("Une erreur s'est produite (code " + code + "). Réessayez dans un instant.");
  });

  document.addEventListener("htmx:sendError", function () {
    alerter("Connexion impossible : vérifiez votre réseau et réessayez.");
  });

  // Repeatable rows (périodes): "Retirer" removes its row and gives focus back to the form.
  document.addEventListener("click", function (evt) {
    var bouton = evt.target.closest && evt.target.closest("[data-retirer]");
    if (!bouton) return;
    var ligne = bouton.closest("[data-ligne]");
    var form = bouton.form;
    if (!ligne) return;
    ligne.remove();
    if (form) form.dispatchEvent(new Event("change", { bubbles: true }));
    var live = document.getElementById("annonce-live");
    if (live) live.textContent = "Période retirée.";
  });

  // Batch acceptance: the confirmation says how many are ticked; with none, no question, the server's French
  // message says to tick some (as without JS).
  document.addEventListener("htmx:confirm", function (evt) {
    var form = evt.detail.elt;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-lot")) return;
    var n = document.querySelectorAll('input[form="' + form.id + '"]:checked').length;
    if (n === 0) return;
    evt.preventDefault();
    if (window.confirm("Accepter " + n + " annonce" + (n > 1 ? "s" : "") + " ?")) evt.detail.issueRequest(true);
  });

  // Upload progress of multipart htmx forms.
  document.addEventListener("htmx:xhr:progress", function (evt) {
    var form = evt.target.closest && evt.target.closest("form");
    var barre = form && form.querySelector("progress.envoi");
    if (!barre || !evt.detail.lengthComputable) return;
    barre.hidden = false;
    barre.value = Math.round((evt.detail.loaded / evt.detail.total) * 100);
  });

  // Phones: the nav folds behind "Menu", the search filters behind "Filtrer (n)". Each such button (.repli) is
  // hidden in the HTML, so that without JS what it controls simply stays shown; CSS folds it by aria-expanded.
  function basculer(bouton, ouvert) { bouton.setAttribute("aria-expanded", ouvert ? "true" : "false"); }

  function preparerReplis() {
    document.querySelectorAll("button.repli[aria-controls]:not([data-pret])").forEach(function (bouton) {
      var cible = document.getElementById(bouton.getAttribute("aria-controls"));
      if (!cible) return;
      bouton.setAttribute("data-pret", "");
      bouton.hidden = false;
      bouton.addEventListener("click", function () {
        basculer(bouton, bouton.getAttribute("aria-expanded") !== "true");
      });
      cible.addEventListener("keydown", function (evt) {
        if (evt.key === "Escape" && bouton.offsetParent !== null) { basculer(bouton, false); bouton.focus(); }
      });
      if (cible.hasAttribute("data-compter")) compterFiltres(cible, bouton);
    });
  }

  // "Filtrer (3)": how many of the form's criteria (data-compter, names) have a value; updated as they change.
  function compterFiltres(form, bouton) {
    var noms = form.getAttribute("data-compter").split(" ");
    var nombre = bouton.querySelector("[data-nombre]");
    function compter() {
      var donnees = new FormData(form);
      var n = noms.filter(function (nom) {
        return donnees.getAll(nom).some(function (v) { return v !== ""; });
      }).length;
      nombre.textContent = n ? "\u00a0(" + n + ")" : "";
    }
    form.addEventListener("change", compter);
    form.addEventListener("lieux-change", compter);
    compter();
  }

  // A search the user submitted (not one run as a box is ticked): the filters fold and focus goes to the
  // results' heading (data-resultats), so that the count is read and the results come next.
  document.addEventListener("htmx:afterSettle", function (evt) {
    var config = evt.detail && evt.detail.requestConfig;
    var form = config && config.elt && config.elt.closest && config.elt.closest("form[data-resultats]");
    if (!form || !config.triggeringEvent || config.triggeringEvent.type !== "submit") return;
    var titre = document.getElementById(form.getAttribute("data-resultats"));
    var bouton = document.querySelector('button.repli[aria-controls="' + form.id + '"]');
    if (bouton && bouton.offsetParent !== null) basculer(bouton, false);
    if (titre) { titre.setAttribute("tabindex", "-1"); titre.focus(); }
  });

  // A table wider than its frame scrolls inside it: say so above it, only while it does.
  var DEFILER = "Faites défiler le tableau horizontalement pour voir toutes ses colonnes.";
  function signalerDefilement() {
    document.querySelectorAll(".tableau").forEach(function (cadre) {
      var defile = cadre.scrollWidth > cadre.clientWidth + 1;
      var phrase = cadre.previousElementSibling;
      if (!(phrase && phrase.classList.contains("defilement"))) {
        if (!defile) return;
        phrase = document.createElement("p");
        phrase.className = "defilement";
        phrase.textContent = DEFILER;
        cadre.parentNode.insertBefore(phrase, cadre);
      }
      phrase.hidden = !defile;
      cadre.toggleAttribute("data-defile", defile);
    });
  }
  // Back and forward re-render the body from the server (historyCacheSize 0): its buttons are new ones.
  document.addEventListener("htmx:historyRestore", function () { preparerReplis(); signalerDefilement(); });
  window.addEventListener("resize", signalerDefilement);
  document.addEventListener("htmx:afterSettle", signalerDefilement);


  // A link of an error summary puts the focus in its field, not only the page at it.
  document.addEventListener("click", function (evt) {
    var lien = evt.target.closest && evt.target.closest(".alerte--erreur a[href^='#']");
    var champ = lien && document.getElementById(lien.getAttribute("href").slice(1));
    if (!champ) return;
    evt.preventDefault();
    champ.focus();
    champ.scrollIntoView({ block: "center" });
  });

  // « Afficher le mot de passe »: hidden in the HTML, offered once this script can act on it.
  function offrirAffichage(racine) {
    if (!racine.querySelectorAll) return;
    racine.querySelectorAll("[data-afficher-mdp][hidden]").forEach(function (el) { el.hidden = false; });
  }
  document.addEventListener("htmx:load", function (evt) { offrirAffichage(evt.target); });
  document.addEventListener("change", function (evt) {
    var bascule = evt.target.closest && evt.target.closest("[data-afficher-mdp] input");
    var champ = bascule && document.getElementById(bascule.getAttribute("aria-controls"));
    if (champ) champ.type = bascule.checked ? "text" : "password";
  });
  document.addEventListener("submit", function (evt) { // sent as a password, whatever was shown
    evt.target.querySelectorAll("[data-afficher-mdp] input:checked").forEach(function (bascule) {
      bascule.checked = false;
      var champ = document.getElementById(bascule.getAttribute("aria-controls"));
      if (champ) champ.type = "password";
    });
  });

  // Déposer, « 4. Vérifier »: what the form says now (the list stays hidden without JS).
  function jjmmaaaa(valeur) {
    var p = valeur.split("-");
    return p.length === 3 ? p[2] + "/" + p[1] + "/" + p[0] : valeur;
  }
  function texteDe(el) {
    if (el.tagName === "SELECT") return el.value ? el.options[el.selectedIndex].text : "";
    if (el.type === "date") return el.value ? jjmmaaaa(el.value) : "";
    if (el.tagName === "INPUT" || el.tagName === "TEXTAREA") return el.value.trim();
    if (el.querySelector("[data-ligne]")) {
      return Array.prototype.map.call(el.querySelectorAll("[data-ligne]"), function (ligne) {
        var dates = ligne.querySelectorAll("input[type=date]");
        if (!dates[0].value) return "";
        var debut = ligne.querySelector("label").firstChild.textContent.trim();
        return dates[1].value ? "Du " + jjmmaaaa(dates[0].value) + " au " + jjmmaaaa(dates[1].value)
          : debut + " " + jjmmaaaa(dates[0].value);
      }).filter(Boolean).join(" ; ");
    }
    return Array.prototype.map.call(el.querySelectorAll(".lieux__libelle"), function (l) {
      return l.textContent.trim();
    }).join(", ");
  }
  function recapituler() {
    var recap = document.querySelector("[data-recap]");
    if (!recap) return;
    recap.querySelectorAll("[data-recap-de]").forEach(function (dd) {
      var el = document.getElementById(dd.getAttribute("data-recap-de"));
      dd.textContent = (el && texteDe(el)) || "Non renseigné";
    });
    recap.hidden = false;
  }
  ["input", "change", "lieux-change", "htmx:afterSettle", "click"].forEach(function (nom) {
    document.addEventListener(nom, recapituler);
  });

  document.addEventListener("DOMContentLoaded", function () {
    preparerReplis();
    signalerDefilement();
    // A page rendered with errors (a plain form post): focus the error summary so that it is read first.
    var resume = document.querySelector("main .alerte--erreur[data-focus]");
    if (resume) resume.focus();
    offrirAffichage(document);
    recapituler();
  });
})();
