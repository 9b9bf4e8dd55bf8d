/* MonEspace – sélecteur de lieux (components/lieux.html) : combobox ARIA au-dessus de htmx.
   htmx remplit la liste de suggestions ; ce script gère le clavier, les puces et les annonces.
   Sans JS, le texte saisi part dans « {name}_saisie » et le serveur le résout.
   Aucun script en ligne, aucun eval : compatible avec la CSP « script-src 'self' ». */
(function () {
  "use strict";

  function annoncer(texte) {
    var zone = document.getElementById("annonce-live");
    if (!zone) return;
    zone.textContent = ""; // vider puis réécrire : un même texte est annoncé à nouveau
    setTimeout(function () { zone.textContent = texte; }, 100);
  }

  function selecteur(el) { return el instanceof Element ? el.closest("[data-lieux]") : null; }
  function saisie(p) { return p.querySelector("[data-lieux-saisie]"); }
  function liste(p) { return p.querySelector("[role=listbox]"); }
  function options(p) {
    var l = liste(p);
    return l ? Array.prototype.slice.call(l.querySelectorAll("[role=option]")) : [];
  }
  function ouverte(p) { var l = liste(p); return !!l && !l.hidden; }

  function activeIndex(p) {
    var id = saisie(p).getAttribute("aria-activedescendant");
    return options(p).findIndex(function (o) { return o.id === id; });
  }

  function fermer(p) {
    var l = liste(p), champ = saisie(p);
    if (l) l.hidden = true;
    champ.setAttribute("aria-expanded", "false");
    champ.removeAttribute("aria-activedescendant");
    options(p).forEach(function (o) { o.setAttribute("aria-selected", "false"); });
  }

  function ouvrir(p) {
    if (!options(p).length) { fermer(p); return; }
    liste(p).hidden = false;
    saisie(p).setAttribute("aria-expanded", "true");
  }

  function activer(p, index) {
    var opts = options(p);
    if (!opts.length) return;
    ouvrir(p);
    index = (index + opts.length) % opts.length;
    opts.forEach(function (o, i) { o.setAttribute("aria-selected", i === index ? "true" : "false"); });
    saisie(p).setAttribute("aria-activedescendant", opts[index].id);
    opts[index].scrollIntoView({ block: "nearest" });
  }

  function vider(p) {
    var conteneur = liste(p).parentNode;
    liste(p).replaceChildren();
    conteneur.querySelectorAll(".lieux__vide").forEach(function (el) { el.remove(); });
    fermer(p);
  }

  // The search form listens for this (data-hx-trigger="lieux-change") to refresh its results.
  function signaler(p) { p.dispatchEvent(new CustomEvent("lieux-change", { bubbles: true })); }

  function choisir(p, bouton) {
    var cle = bouton.getAttribute("data-cle"), libelle = bouton.getAttribute("data-libelle");
    var puces = p.querySelector(".lieux__choisis");
    var deja = Array.prototype.some.call(puces.querySelectorAll("input[type=hidden]"),
      function (i) { return i.value === cle; });
    if (deja) {
      annoncer(libelle + " est déjà choisi.");
    } else {
      var puce = p.querySelector("template[data-lieux-modele]").content.firstElementChild.cloneNode(true);
      puce.querySelector("input").value = cle;
      puce.querySelector(".lieux__libelle").textContent = libelle;
      puce.querySelector("[data-lieux-retirer]").setAttribute("aria-label", "Retirer " + libelle);
      puces.appendChild(puce);
      puces.hidden = false;
      annoncer(libelle + " ajouté.");
    }
    var champ = saisie(p);
    champ.value = "";
    vider(p);
    champ.focus();
    if (!deja) signaler(p);
  }

  function retirer(bouton) {
    var p = selecteur(bouton), puce = bouton.closest("li"), puces = puce.parentNode;
    var libelle = puce.querySelector(".lieux__libelle").textContent;
    puce.remove();
    if (!puces.querySelector("li")) puces.hidden = true;
    saisie(p).focus();
    annoncer(libelle + " retiré.");
    signaler(p);
  }

  document.addEventListener("keydown", function (evt) {
    var champ = evt.target;
    if (!(champ instanceof Element) || !champ.matches("[data-lieux-saisie]")) return;
    var p = selecteur(champ), i = activeIndex(p);
    if (evt.key === "ArrowDown" || evt.key === "ArrowUp") {
      if (!options(p).length) return;
      evt.preventDefault();
      if (evt.key === "ArrowDown") activer(p, ouverte(p) ? i + 1 : 0);
      else activer(p, i < 0 ? -1 : i - 1);
    } else if (evt.key === "Enter" && ouverte(p) && i >= 0) {
      evt.preventDefault(); // sinon le formulaire part
      choisir(p, options(p)[i]);
    } else if (evt.key === "Escape" && ouverte(p)) {
      evt.preventDefault(); // un champ « search » s'effacerait
      fermer(p);
    }
  });

  // Garder le focus dans le champ quand on clique une suggestion.
  document.addEventListener("mousedown", function (evt) {
    if (evt.target instanceof Element && evt.target.closest("[data-lieux] [role=option]")) evt.preventDefault();
  });

  document.addEventListener("click", function (evt) {
    if (!(evt.target instanceof Element)) return;
    var suggestion = evt.target.closest("[data-lieux] [role=listbox] [data-cle]");
    if (suggestion) { choisir(selecteur(suggestion), suggestion); return; }
    var bouton = evt.target.closest("[data-lieux] [data-lieux-retirer]");
    if (bouton) retirer(bouton);
  });

  document.addEventListener("focusout", function (evt) {
    var p = selecteur(evt.target);
    if (!p || !evt.target.matches("[data-lieux-saisie]")) return;
    var zone = p.querySelector(".lieux__saisie");
    if (!(evt.relatedTarget instanceof Element && zone.contains(evt.relatedTarget))) fermer(p);
  });

  // Nouvelles suggestions : ouvrir la liste et dire combien il y en a (ou le message « aucun lieu »).
  document.addEventListener("htmx:afterSwap", function (evt) {
    var cible = evt.target;
    if (!(cible instanceof Element) || !cible.matches(".lieux__suggestions")) return;
    var p = selecteur(cible), n = options(p).length;
    if (!saisie(p).value.trim()) { vider(p); return; } // réponse arrivée après un choix
    fermer(p);
    if (n) {
      ouvrir(p);
      annoncer(n + (n > 1 ? " lieux proposés." : " lieu proposé."));
    } else {
      var vide = cible.querySelector(".lieux__vide");
      if (vide) annoncer(vide.textContent);
    }
  });
})();
