"""Slow clients (headers sent a byte at a time, bodies never finished) must not starve the workers."""

from __future__ import annotations

import socket
import time

import httpx

from tests.faults.serveur import serveur


def test_slow_clients_do_not_block_others():
    with serveur() as (base, port):
        lents = []
        for _ in range(50):
            sock = socket.create_connection(("127.0.0.1", port))
            sock.sendall(b"POST /connexion HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n")
            lents.append(sock)
        try:
            for sock in lents[:25]:
                sock.sendall(b"X-Lent: 1\r\n\r\nidentifiant=")  # a body that never ends
            time.sleep(0.5)
            for _ in range(5):
                response = httpx.get(f"{base}/connexion", timeout=10)
                assert response.status_code == 200 and "Connectez-vous à votre espace" in response.text
        finally:
            for sock in lents:
                sock.close()
