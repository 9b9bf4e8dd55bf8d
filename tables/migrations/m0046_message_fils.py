"""The messages already in the inbox join their threads: an annonce's notifications by the "Annonce n°84"
of their subject, a saved search's alerts by its address; each is linked to the e-mail it copies (same
account, subject and text). A message sent before m0045 by "Contacter l'auteur" does not say who wrote it:
it stays alone. Also the composite indexes of m0045's tables.
"""

import re

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-02T07:00:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "fils des messages existants, copies des e-mails ; index composites"

INDEX = (
    "CREATE UNIQUE INDEX IF NOT EXISTS territoire_section_unique ON territoire_section (departement, section)",
    "CREATE INDEX IF NOT EXISTS message_fil ON message (compte, sujet_type, sujet_id)",
)
ANNONCE = re.compile(r"^Ordre des médecins - Annonce n°(\d+) : ")
COPIE = ("UPDATE message SET copie_de = (SELECT MIN(n.id) FROM notification n WHERE n.compte = message.compte "
         "AND n.sujet = message.sujet AND n.texte = message.texte) WHERE copie_de IS NULL")
RECHERCHE = ("UPDATE message SET sujet_type = 'recherche', sujet_id = (SELECT MIN(r.id) FROM recherche_enregistree r "
             "WHERE r.compte = message.compte AND message.lien = '/annonces?' || r.requete) "
             "WHERE sujet_type = '' AND sujet LIKE 'Ordre des médecins - Nouvelles annonces pour %'")


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tables", description=DESCRIPTION)

    async def remplir():
        from tables.messages import Message

        async with Message._meta.db.transaction():
            for sql in INDEX:
                await Message.raw(sql)
            for row in await Message.raw("SELECT id, sujet FROM message WHERE sujet_type = ''"):
                if m := ANNONCE.match(row["sujet"]):
                    await Message.raw("UPDATE message SET sujet_type = 'annonce', sujet_id = {} WHERE id = {}",
                                      int(m.group(1)), row["id"])
            await Message.raw(RECHERCHE)
            await Message.raw("UPDATE message SET sujet_type = '' WHERE sujet_type = 'recherche' AND sujet_id IS NULL")
            await Message.raw(COPIE)

    manager.add_raw(remplir)
    return manager
