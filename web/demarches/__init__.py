"""The démarches: importing any of its modules registers every type first (registre.py fills moteur.TYPES)."""

from web.demarches import registre  # noqa: F401
