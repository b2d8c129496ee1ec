"""What every screen needs to call services: the database, who is working, where, and "now"."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from ..models.db import describe, make_session_factory
from ..services.clock import SYSTEM_CLOCK, Clock
from ..services.staff import Actor


@dataclass
class AppContext:
    engine: Engine
    url: URL
    station: str
    clock: Clock = field(default_factory=lambda: SYSTEM_CLOCK)
    studio_name: str = ""
    actor: Actor | None = None
    sessions: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        self.sessions = make_session_factory(self.engine)

    def session(self) -> Session:
        return self.sessions()

    @property
    def database(self) -> str:
        return describe(self.url)

    def me(self) -> Actor:
        assert self.actor is not None, "nobody is logged in"
        return self.actor
