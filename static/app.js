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

  function premierFocus(racine) {
    if (racine.matches("[data-focus]")) return racine;
    return racine.querySelector("[data-focus]");
  }

  // Après chaque échange : focus sur [data-focus], sinon annonce de data-announce.
  document.addEventListener("htmx:afterSettle", function (evt) {
    var cible = evt.target;
    if (!(cible instanceof Element) || !cible.isConnected) return;
    retirerAlerte();
    var detail = evt.detail || {};
    var el = premierFocus(cible);
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

  document.addEventListener("DOMContentLoaded", function () {
    preparerReplis();
    signalerDefilement();
    // A page rendered with errors (a plain form post): focus the error summary so that it is read first.
    var resume = document.querySelector("main .alerte--erreur[data-focus]");
    if (resume) resume.focus();
  });
})();
