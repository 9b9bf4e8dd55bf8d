"""Mon espace: what the home page shows, the services, and the Message inbox."""

from __future__ import annotations

from tables import horloge
from tables.messages import Message

# Mes services (SPEC §2): each a real page; those not built yet say so plainly.
SERVICES = {
    "abonnements": ("Abonnements", "Gérez vos abonnements aux lettres et publications de l'Ordre.", None),
    "cotisations": ("Cotisations", "Consultez l'appel de cotisation annuelle et réglez-la en ligne.", None),
    "message": ("Message", "Les messages que l'Ordre vous adresse.", "/espace/messages"),
    "annonces": ("Annonces", "Trouvez ou déposez une annonce de remplacement, collaboration, succession…",
                 "/annonces"),
    "entraide": ("Entraide", "Demandez une aide confidentielle à la commission d'entraide de l'Ordre "
                             "(numéro vert 0800 288 038).", None),
    "parametres": ("Paramètres", "Choisissez comment l'Ordre vous informe.", "/espace/parametres"),
}


async def messages(compte_id: int) -> list[dict]:
    return await Message.select().where(Message.compte == compte_id).order_by(
        Message.cree_le, ascending=False).limit(200)


async def lire_message(compte_id: int, message_id: int) -> dict | None:
    """The message if it is the user's own (marked read on first opening), else None."""
    row = await Message.select().where((Message.id == message_id) & (Message.compte == compte_id)).first()
    if row and row["lu_le"] is None:
        await Message.update({Message.lu_le: horloge.maintenant()}).where(Message.id == message_id)
    return row
