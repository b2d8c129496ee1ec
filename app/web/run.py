"""Running the phone server: from ``studiodesk-admin serve`` or in a background thread of the desktop."""

from __future__ import annotations

import errno
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from sqlalchemy import Engine

from ..services.clock import SYSTEM_CLOCK, Clock
from .certs import CertFiles, ensure_certificate, local_addresses
from .server import make_app

log = logging.getLogger(__name__)
DEFAULT_PORT = 8443
DEFAULT_BIND = "0.0.0.0"


@dataclass(frozen=True)
class ServerConfig:
    bind: str = DEFAULT_BIND
    port: int = DEFAULT_PORT
    plain_http: bool = False  # only when the studio turns it on knowingly
    data_dir: Path | None = None  # where the certificate is kept (beside the studio's data)

    @property
    def scheme(self) -> str:
        return "http" if self.plain_http else "https"


def address(config: ServerConfig, host: str | None = None) -> str:
    """The address a phone opens: this PC's address on the studio's network."""
    if host is None:
        if config.bind not in ("0.0.0.0", "::", ""):
            host = config.bind
        else:
            others = [a for a in local_addresses() if a != "127.0.0.1"]
            host = others[0] if others else "127.0.0.1"
    return f"{config.scheme}://{host}:{config.port}"


def uvicorn_server(engine: Engine, config: ServerConfig, *, clock: Clock = SYSTEM_CLOCK,
                   cert: CertFiles | None = None) -> uvicorn.Server:
    app = make_app(engine, https=not config.plain_http, clock=clock)
    ssl: dict[str, str] = {}
    if not config.plain_http:
        if cert is None:
            if config.data_dir is None:
                raise ValueError("HTTPS needs a folder for its certificate")
            cert = ensure_certificate(config.data_dir)
        ssl = {"ssl_certfile": str(cert.cert), "ssl_keyfile": str(cert.key)}
    uv = uvicorn.Config(app, host=config.bind, port=config.port, log_level="warning", access_log=False,
                        lifespan="off", **ssl)  # type: ignore[arg-type]
    return uvicorn.Server(uv)


class ServerThread:
    """The phone server in a background thread (the desktop's settings turn it on and off)."""

    def __init__(self, engine: Engine, config: ServerConfig, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self.config = config
        self.server = uvicorn_server(engine, config, clock=clock)
        self.failed: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="phone-server", daemon=True)

    def _run(self) -> None:
        try:
            self.server.run()
        except BaseException as exc:  # noqa: BLE001 - uvicorn exits (SystemExit) when it cannot listen
            self.failed = exc
            log.warning("the phone server stopped: %r", exc)

    def start(self, timeout: float = 10.0) -> None:
        self.thread.start()
        waited = 0.0
        while not self.server.started and self.thread.is_alive() and waited < timeout:
            threading.Event().wait(0.05)
            waited += 0.05
        if not self.server.started:
            self.stop()
            raise OSError(errno.EADDRINUSE, f"the phone server could not listen on port {self.config.port}")

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
