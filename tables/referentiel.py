"""Reference data: French geography (régions, départements, communes), councils, specialties.

Loaded by a data migration from the compact files in `tables/reference/`; read-only for the app.
"""

from piccolo.columns import ForeignKey, Integer, Varchar
from piccolo.table import Table


class Region(Table, tablename="region"):
    code = Varchar(length=3, primary_key=True)
    nom = Varchar(length=80)
    nom_normalise = Varchar(length=80, index=True)


class Departement(Table, tablename="departement"):
    code = Varchar(length=3, primary_key=True)
    nom = Varchar(length=80)
    nom_normalise = Varchar(length=80, index=True)
    region = ForeignKey(references=Region)


class Commune(Table, tablename="commune"):
    """A current commune, or a municipal arrondissement of Paris, Lyon or Marseille (with `parent`)."""

    code = Varchar(length=5, primary_key=True)
    nom = Varchar(length=100)
    nom_normalise = Varchar(length=100, index=True)
    departement = ForeignKey(references=Departement, index=True)
    parent = Varchar(length=5, null=True, default=None)
    population = Integer(default=0)


class CodePostal(Table, tablename="code_postal"):
    code_postal = Varchar(length=5, index=True)
    commune = ForeignKey(references=Commune, index=True)


class Conseil(Table, tablename="conseil"):
    """A conseil départemental (CD38) or régional (CR84) de l'Ordre."""

    code = Varchar(length=5, primary_key=True)
    nom = Varchar(length=200)
    departement = ForeignKey(references=Departement, null=True, index=True)
    region = ForeignKey(references=Region, null=True)


class Specialite(Table, tablename="specialite"):
    """A DES specialty with its ordinal code (ANS TRE_R38 "SMnn")."""

    code = Varchar(length=5, primary_key=True)
    libelle = Varchar(length=120)
    cng = Varchar(length=5)
    discipline = Varchar(length=20)
