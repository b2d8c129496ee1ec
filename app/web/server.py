"""The phone pages' web application (Starlette): sign-in, work modes, the order view.

Every page is rendered on the server; every form posts with a CSRF token tied to the
browser's session (refused without it or with a wrong one, nothing written). Sign-in goes
through :func:`app.services.staff.login` (the desktop's throttle, lockout and audit); a
session ends after ``idle_seconds`` without a request and at sign-out. Each code typed or
opened in a mode is applied at once through the same services as the tracking tab.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import quote

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from ..models import ChoiceKind, ItemStatus
from ..models.db import make_session_factory, sqlite_path
from ..services import catalogue, choices, codes, lifecycle, pickup, receiving, staff
from ..services.clock import SYSTEM_CLOCK, Clock
from ..services.errors import StudioError
from ..services.messages import Message
from . import texts
from .templates import AUTO_APPLY, ENV, STATUS_COLOURS

T = TypeVar("T")
COOKIE = "studiodesk_phone"
LANG_COOKIE = "studiodesk_lang"
STATION = "phone"  # recorded with every sign-in and scan made on a phone
IDLE_SECONDS = 15 * 60
PRUNE_AT = 2000  # sessions kept in memory before the anonymous ones are pruned
ANONYMOUS_SECONDS = 10 * 60
MODES = ("send", "receive", "pass", "rework", "lookup")
# Nothing but this server's own forms, inline styles and the one known script: an injected
# script or a form posting elsewhere would not run.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'; script-src 'sha256-"
       + base64.b64encode(hashlib.sha256(AUTO_APPLY.encode()).digest()).decode() + "'")
MODE_TITLES = {"send": "Send to a lab", "receive": "Receive", "pass": "Pass", "rework": "Rework", "lookup": "Look up"}
TRY_AGAIN = "The database is busy; try again in a moment. Nothing changed."


@dataclass
class WebSession:
    token: str
    csrf: str
    seen: float
    actor: staff.Actor | None = None
    mode: str | None = None
    lab_id: int | None = None
    reason_id: int | None = None


@dataclass
class Answer:
    ok: bool
    text: str


@dataclass
class Sessions:
    """The browsers' sessions, in memory (a restart signs every phone out)."""

    idle_seconds: float = IDLE_SECONDS
    now: Callable[[], float] = time.monotonic
    _all: dict[str, WebSession] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def new(self) -> WebSession:
        token = secrets.token_urlsafe(32)
        web = WebSession(token, secrets.token_urlsafe(32), self.now())
        with self._lock:
            if len(self._all) >= PRUNE_AT:
                self._prune()
            self._all[token] = web
        return web

    def _prune(self) -> None:
        """Forget browsers that never signed in and have not come back (anyone may open the sign-in page)."""
        now = self.now()
        for token in [t for t, w in self._all.items() if w.actor is None and now - w.seen > ANONYMOUS_SECONDS]:
            del self._all[token]
        if len(self._all) >= PRUNE_AT:  # a flood of new visitors: the oldest anonymous ones go first
            anonymous = sorted((w.seen, t) for t, w in self._all.items() if w.actor is None)
            for _seen, token in anonymous[: len(anonymous) // 2 + 1]:
                del self._all[token]

    def __len__(self) -> int:
        return len(self._all)

    def get(self, token: str | None) -> tuple[WebSession | None, WebSession | None]:
        """(the live session, or None; a signed-in session that just ran out, to be audited)."""
        if not token:
            return None, None
        with self._lock:
            web = self._all.get(token)
            if web is None:
                return None, None
            if self.now() - web.seen > self.idle_seconds:
                del self._all[token]
                return None, web if web.actor is not None else None
            web.seen = self.now()
            return web, None

    def drop(self, web: WebSession) -> None:
        with self._lock:
            self._all.pop(web.token, None)


class PhoneApp:
    def __init__(self, engine: Engine, *, https: bool = True, clock: Clock = SYSTEM_CLOCK,
                 sessions: Sessions | None = None) -> None:
        self.engine = engine
        self.factory = make_session_factory(engine)
        # SQLite takes one writer at a time and makes the others sleep and retry: the phones'
        # calls take turns here instead (a few ms each), which keeps the slowest scan short.
        self.turns = threading.Lock() if sqlite_path(engine.url) is not None else None
        self.https = https
        self.clock = clock
        self.sessions = sessions if sessions is not None else Sessions()

    # -- plumbing ---------------------------------------------------------------------
    def _call(self, fn: Callable[..., T], *args: Any, **kw: Any) -> T:
        if self.turns is None:
            with self.factory() as session:
                return fn(session, *args, **kw)
        with self.turns, self.factory() as session:
            return fn(session, *args, **kw)

    async def call(self, fn: Callable[..., T], *args: Any, **kw: Any) -> T:
        return await run_in_threadpool(self._call, fn, *args, **kw)

    def _web(self, request: Request) -> tuple[WebSession, bool, WebSession | None]:
        web, expired = self.sessions.get(request.cookies.get(COOKIE))
        if web is None:
            return self.sessions.new(), True, expired
        return web, False, None

    def _cookie(self, response: Response, web: WebSession) -> None:
        response.set_cookie(COOKIE, web.token, httponly=True, samesite="lax", secure=self.https, path="/")

    @staticmethod
    def _language(request: Request) -> str:
        return texts.language_of(request.cookies.get(LANG_COOKIE))

    def page(self, request: Request, web: WebSession, template: str, status_code: int = 200, **values: Any) -> HTMLResponse:
        lang = self._language(request)

        def w(text: str) -> str:
            return texts.word(text, lang)

        def status(value: ItemStatus) -> str:
            return texts.render(Message("{s}", {"s": lifecycle.STATUS_TEXT[value]}), lang)

        html = ENV.get_template(template).render(
            lang=lang, w=w, status=status, actor=web.actor, csrf=web.csrf, colours=STATUS_COLOURS,
            modes=[(m, w(MODE_TITLES[m])) for m in MODES], **values)
        response = HTMLResponse(html, status_code=status_code)
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Content-Security-Policy"] = CSP
        self._cookie(response, web)
        return response

    async def _audit_idle(self, expired: WebSession | None) -> None:
        if expired is not None and expired.actor is not None:
            await self.call(staff.sign_out, "idle", expired.actor, station=STATION, clock=self.clock)

    async def _signin_page(self, request: Request, web: WebSession, next_path: str, notice: str = "",
                           name: str = "", status_code: int = 200) -> HTMLResponse:
        return self.page(request, web, "signin.html", status_code, next=next_path, notice=notice, name=name)

    async def _guard(self, request: Request) -> tuple[WebSession, Response | None]:
        """The session, or the sign-in page to show instead (nothing about any customer)."""
        web, fresh, expired = self._web(request)
        await self._audit_idle(expired)
        if web.actor is None:
            lang = self._language(request)
            notice = texts.word("Your session ended; sign in again.", lang) if expired is not None else ""
            return web, await self._signin_page(request, web, _safe_next(request.url.path), notice)
        return web, None

    async def _checked_form(self, request: Request, web: WebSession) -> dict[str, str] | None:
        form = await request.form()
        values = {k: v for k, v in form.items() if isinstance(v, str)}
        given = values.get("csrf", "")
        if not given or not hmac.compare_digest(given.encode(), web.csrf.encode()):
            return None
        return values

    def _csrf_refused(self, request: Request, web: WebSession) -> HTMLResponse:
        text = texts.word("The form was too old or came from elsewhere; nothing was written. Try again.",
                          self._language(request))
        return self.page(request, web, "signin.html" if web.actor is None else "mode.html", 403,
                         notice=text, next="/", name="", answer=Answer(False, text), mode=web.mode)

    # -- pages ------------------------------------------------------------------------
    async def home(self, request: Request) -> Response:
        web, guard = await self._guard(request)
        if guard is not None:
            return guard
        return self.page(request, web, "mode.html", mode=None)

    async def signin(self, request: Request) -> Response:
        web, _fresh, expired = self._web(request)
        await self._audit_idle(expired)
        if request.method == "GET":
            return await self._signin_page(request, web, _safe_next(request.query_params.get("next", "/")))
        form = await self._checked_form(request, web)
        if form is None:
            return self._csrf_refused(request, web)
        name = form.get("name", "")
        next_path = _safe_next(form.get("next", "/"))
        try:
            actor = await self.call(staff.login, name, form.get("pin", ""), station=STATION, clock=self.clock)
        except StudioError as exc:
            return await self._signin_page(request, web, next_path, texts.render(exc.as_message(),
                                           self._language(request)), name=name, status_code=403)
        except OperationalError:
            return await self._signin_page(request, web, next_path, texts.word(TRY_AGAIN, self._language(request)),
                                           name=name, status_code=503)
        self.sessions.drop(web)  # a new session (and token) for the signed-in browser
        signed = self.sessions.new()
        signed.actor = actor
        response = RedirectResponse(next_path, status_code=303)
        self._cookie(response, signed)
        return response

    async def signout(self, request: Request) -> Response:
        web, _fresh, expired = self._web(request)
        await self._audit_idle(expired)
        form = await self._checked_form(request, web)
        if form is None:
            return self._csrf_refused(request, web)
        if web.actor is not None:
            await self.call(staff.sign_out, "signed out", web.actor, station=STATION, clock=self.clock)
        self.sessions.drop(web)
        fresh = self.sessions.new()
        response = RedirectResponse("/signin", status_code=303)
        self._cookie(response, fresh)
        return response

    async def language(self, request: Request) -> Response:
        lang = texts.language_of(request.path_params["lang"])
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(LANG_COOKIE, lang, httponly=True, samesite="lax", secure=self.https, path="/",
                            max_age=3600 * 24 * 365)
        return response

    async def mode(self, request: Request) -> Response:
        mode = request.path_params["mode"]
        if mode not in MODES:
            web, _f, _e = self._web(request)
            return self.page(request, web, "404.html", 404)
        web, guard = await self._guard(request)
        if guard is not None:
            return guard
        if request.method == "GET":
            # The mode is what an opened label applies by itself (item()): only the person holding
            # the phone sets it, never a link on another site (its page shows the mode, unsaved).
            if request.headers.get("sec-fetch-site") not in ("cross-site", "same-site"):
                web.mode = mode
            values = await self._mode_values(web, self._language(request), mode)
            return self.page(request, web, "mode.html", mode=mode, code="", note="", **values)
        form = await self._checked_form(request, web)
        if form is None:
            return self._csrf_refused(request, web)
        web.mode = mode
        code = form.get("code", "").strip()
        lang = self._language(request)
        if mode == "send":
            web.lab_id = _int(form.get("lab")) or web.lab_id
        if mode == "rework":
            web.reason_id = _int(form.get("reason")) or web.reason_id
        note = form.get("note", "").strip()
        answer, view = await self._apply(web, mode, code, note or None, lang)
        values = await self._mode_values(web, self._language(request))
        return self.page(request, web, "mode.html", mode=mode, code="", note="", answer=answer, view=view,
                         scanned=_item_code(code), **values)

    async def item(self, request: Request) -> Response:
        """An item label's address: the item's order (signed in), else only the sign-in page."""
        web, guard = await self._guard(request)
        if guard is not None:
            return guard
        code = request.path_params["code"]
        lang = self._language(request)
        try:
            view = await self.call(pickup.station_view, code, clock=self.clock)
            answer = None
        except StudioError as exc:
            view, answer = None, Answer(False, texts.render(exc.as_message(), lang))
        mode = web.mode
        return self.page(request, web, "item.html", mode=mode, code=code, view=view, answer=answer,
                         scanned=_item_code(code), mode_title=texts.word(MODE_TITLES.get(mode or "", ""), lang),
                         auto_apply=_opened_by_staff(request), auto_apply_script=AUTO_APPLY)

    async def not_found(self, request: Request, _exc: Exception) -> Response:
        web, _f, _e = self._web(request)
        return self.page(request, web, "404.html", 404)

    # -- work -------------------------------------------------------------------------
    async def _mode_values(self, web: WebSession, lang: str, mode: str | None = None) -> dict[str, Any]:
        """What the page of ``mode`` (by default the session's) lists: the labs, or the rework reasons."""
        mode = mode or web.mode
        if mode == "send":
            labs = await self.call(catalogue.labs)
            return {"labs": labs, "lab_id": web.lab_id}
        if mode == "rework":
            entries = await self.call(choices.entries, ChoiceKind.REWORK_REASON)
            return {"reasons": [_Reason(e.id, (e.name_zh or e.name_en if lang == "zh_CN" else e.name_en or e.name_zh)
                                        or "") for e in entries],
                    "reason_id": web.reason_id}
        return {}

    async def _apply(self, web: WebSession, mode: str, code: str, note: str | None, lang: str
                     ) -> tuple[Answer | None, pickup.StationView | None]:
        """The scan applied, and the order's items as they are now: one session, one connection."""
        actor = web.actor
        assert actor is not None
        return await self.call(self._scan, actor, mode, code, note, web.lab_id, web.reason_id, lang)

    def _scan(self, session: Any, actor: staff.Actor, mode: str, code: str, note: str | None, lab_id: int | None,
              reason_id: int | None, lang: str) -> tuple[Answer | None, pickup.StationView | None]:
        answer = self._answer(session, actor, mode, code, note, lab_id, reason_id, lang)
        if not code:
            return answer, None
        try:
            return answer, pickup.station_view(session, code, clock=self.clock)
        except StudioError as exc:  # looking up a bad code: its reason; after a scan, its own answer
            session.rollback()
            return answer or Answer(False, texts.render(exc.as_message(), lang)), None
        except OperationalError:
            session.rollback()
            return answer or Answer(False, texts.word(TRY_AGAIN, lang)), None

    def _answer(self, session: Any, actor: staff.Actor, mode: str, code: str, note: str | None, lab_id: int | None,
                reason_id: int | None, lang: str) -> Answer | None:
        try:
            if mode == "lookup":
                return None
            if mode == "send":
                if lab_id is None:
                    return Answer(False, texts.word("Choose the lab first. Nothing changed.", lang))
                batch = lifecycle.transition_many(session, [code], ItemStatus.SENT, actor, lab_id=lab_id,
                                                  clock=self.clock)
                if batch.refused:
                    return Answer(False, texts.render(batch.refused[0][1], lang))
                result = (batch.done or batch.unchanged)[0]
                return Answer(result.changed, texts.render(result.message, lang))
            scanned = receiving.apply_scan(session, code, receiving.ScanMode(mode), actor,
                                           rework_reason_id=reason_id if mode == "rework" else None,
                                           detail=note if mode == "rework" else None, clock=self.clock)
            return Answer(scanned.changed, texts.render(scanned.message, lang))
        except StudioError as exc:
            session.rollback()
            return Answer(False, texts.render(exc.as_message(), lang))
        except OperationalError:
            session.rollback()
            return Answer(False, texts.word(TRY_AGAIN, lang))


@dataclass(frozen=True)
class _Reason:
    id: int
    name: str


def _opened_by_staff(request: Request) -> bool:
    """Whether an item address was opened by the person holding the phone (its camera app, the
    address bar, a page of this server), so working in a mode applies it at once. An address
    followed from another site, or from a browser that does not say (no Sec-Fetch-Site), only
    offers the one-tap button: a link elsewhere must not mark a studio's items."""
    return request.headers.get("sec-fetch-site") in ("none", "same-origin")


def _int(text: str | None) -> int | None:
    """A row id sent back by a form: None for anything that is not a plausible id (a tampered
    form's 99999999999999999999 would overflow the database's integer and end as a server error)."""
    try:
        value = int(text) if text else None
    except ValueError:
        return None
    return value if value is not None and 0 < value < 2**31 else None


def _item_code(text: str) -> str | None:
    try:
        parsed = codes.parse_code(text)
    except StudioError:
        return None
    return codes.item_code(parsed.order_number, parsed.item_seq or 0) if parsed.is_item else None


def _safe_next(path: str) -> str:
    """Where to go after signing in: a path on this server only."""
    if not path.startswith("/") or path.startswith("//") or path.startswith("/signin") or "\\" in path:
        return "/"
    return path


def item_path(code: str) -> str:
    return "/i/" + quote(code, safe="")


def make_app(engine: Engine, *, https: bool = True, clock: Clock = SYSTEM_CLOCK,
             sessions: Sessions | None = None) -> Starlette:
    phone = PhoneApp(engine, https=https, clock=clock, sessions=sessions)
    routes = [
        Route("/", phone.home),
        Route("/signin", phone.signin, methods=["GET", "POST"]),
        Route("/signout", phone.signout, methods=["POST"]),
        Route("/lang/{lang}", phone.language),
        Route("/mode/{mode}", phone.mode, methods=["GET", "POST"]),
        Route("/i/{code}", phone.item),
    ]
    app = Starlette(routes=routes, exception_handlers={404: phone.not_found})
    app.state.phone = phone
    return app
