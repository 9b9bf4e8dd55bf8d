"""Every accepted connection gets TCP_NODELAY, even on a socket rebuilt by `uvicorn --workers N`."""

from __future__ import annotations

import asyncio.base_events
import socket

import web.app  # noqa: F401 - importing the app applies the fix, as in every uvicorn worker


def test_a_socket_without_its_protocol_number_still_gets_nodelay():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM, 0) as sock:  # proto 0, as multiprocessing rebuilds it
        assert sock.proto == 0
        asyncio.base_events._set_nodelay(sock)
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
