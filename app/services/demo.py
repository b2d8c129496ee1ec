"""A believable demo studio, deterministic for a seed and a "today".

``build_demo`` writes years of orders ending today: customers with Chinese names
and phones, single and growth packages, items in every state (rework and overdue
ones included), payments with balances due, complaints, follow-ups, reminders and
outbox messages. At 10 years it reaches the sizes of DESIGN.md §7.

Rows are written with Core bulk inserts and ids assigned here, because the ORM's
unit of work would take many minutes for two million events. Every item event is
made by the lifecycle's own :func:`~app.services.lifecycle.event_values` (the same
transition rules and event builder a scan goes through), so the demo cannot hold an
illegal history; the ``check`` command proves the histories and cached statuses.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections.abc import Callable, Sequence
from typing import Any
from dataclasses import dataclass, field

from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from ..models import (
    ApprovalVia,
    DesignStatus,
    Position,
    SessionChange,
    SessionChangeKind,
    SessionState,
    SlotKind,
    StaffPosition,
    TimeSlot,
    Channel, Choice, ChoiceKind, Complaint, ComplaintStatus, Counter, Customer, CustomerPhone,
    CustomerSearchKey, FollowUp, FollowUpQuestion, FollowUpScore, FollowUpStage, Item, ItemEvent, ItemStatus, Lab,
    LabPrice, MessageChannel, Order, OutboxMessage,
    OutboxStatus, Package, PackageKind, PackageLine, Payment, PaymentKind, PaymentMethod, ProductCategory,
    ProductType, Progress, ReferralLead, Role, Setting, Shipment, ShipmentLine, ShootSession,
    Staff, SurveyAnswer, SurveyKind, SurveyQuestion, Tier,
)
from ..models.db import after_explicit_ids, bulk_insert, refresh_statistics
from . import codes
from .clock import STUDIO_TZ
from .customers import search_keys
from .lifecycle import event_values
from .progress import order_progress, session_progress
from .staff import hash_secret

log = logging.getLogger(__name__)
S = ItemStatus
UTC = dt.timezone.utc

# One login per role, listed in the README (with the badges demo_badges(2611) gives them).
DEMO_LOGINS = [("王店长", Role.MANAGER, "1111"), ("李前台", Role.COUNTER, "2222"), ("张后期", Role.PRODUCTION, "3333")]
_MORE_STAFF = [("陈前台", Role.COUNTER), ("赵后期", Role.PRODUCTION), ("刘客服", Role.COUNTER),
               ("孙理件", Role.PRODUCTION), ("周经理", Role.MANAGER)]
# What each does in the studio (岗位); apart from the program role above.
_POSITIONS = {
    "王店长": [Position.SELECTION_SALES], "李前台": [Position.COUNTER, Position.SELECTION_SALES],
    "张后期": [Position.PRODUCTION], "陈前台": [Position.COUNTER], "赵后期": [Position.PRODUCTION, Position.PHOTOGRAPHER],
    "刘客服": [Position.SERVICE, Position.MAKEUP], "孙理件": [Position.PRODUCTION], "周经理": [Position.SELECTION_SALES],
}
# Photographers and make-up artists who do not log in (no program role needed to be scheduled).
_STUDIO_CREW = [("黄摄影", Position.PHOTOGRAPHER), ("吴摄影", Position.PHOTOGRAPHER), ("郑摄影", Position.PHOTOGRAPHER),
                ("林化妆", Position.MAKEUP), ("何化妆", Position.MAKEUP)]
# A busy studio (500 orders, some 650 sessions a month, ~22 a day): eight sets and ten
# selection seats per slot leave weekdays with free places while weekend mornings fill up.
_DEMO_CAPACITY = {SlotKind.SHOOT: 8, SlotKind.SELECTION: 10}
RESCHEDULE_REASONS = ["客户临时有事", "宝宝生病", "天气原因", "新郎出差", "摄影师调班"]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红梅鑫波斌宇浩凯俊帆琳晶欣怡婷雪慧颖佳悦晨阳雨欣子涵梓轩诗琪思彤嘉怡一诺若曦子墨浩然宇航天佑欣妍"
STREETS = ["人民路", "解放路", "中山路", "建设路", "和平街", "新华路", "长江路", "黄河路", "朝阳路", "幸福里"]
PHONE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
                  "156", "157", "158", "159", "166", "176", "177", "178", "180", "181", "182", "183", "185",
                  "186", "187", "188", "189", "191", "198", "199"]
# (key of a seeded rework reason, what production typed as the detail)
REWORK_REASONS = [("colour", "色偏"), ("other", "裁切错误"), ("other", "相册压痕"), ("damage", "相框破损"),
                  ("damage", "照片划伤"), ("text_error", "文字错误"), ("wrong_size", "尺寸不符"), ("other", "覆膜起泡")]
# key of a seeded complaint category -> a sample complaint
COMPLAINT_SAMPLES = {
    "service_attitude": "门市接待不耐烦,电话查件没人回复",
    "photography": "部分照片表情僵硬,孩子没有拍到笑脸",
    "makeup": "化妆太浓,与沟通的风格不一致",
    "selection": "选片时被强行推销加选",
    "product_quality": "相册有划痕,放大照颜色偏黄",
    "delay": "约定取件日期到了产品还没回来",
    "price": "取件时被告知还有额外费用",
    "other": "停车不方便,等候时间太长",
}

# Product categories whose design the customer approves before it goes to the lab (看样).
_APPROVED_FIRST = {ProductCategory.ALBUM, ProductCategory.ENLARGEMENT}
# Catalogue price of one bought as an extra at selection (加选), fen, by product index.
_EXTRA_PRICES = [120000, 80000, 60000, 50000, 90000, 30000, 40000, 20000, 30000, None]
# name, category, in_house, (lab index, lab price fen, turnaround days)
PRODUCTS = [
    ("30P 水晶相册", ProductCategory.ALBUM, False, (0, 38000, 12)),
    ("20P 杂志册", ProductCategory.ALBUM, False, (0, 22000, 10)),
    ("12寸 宝宝成长册", ProductCategory.ALBUM, False, (1, 18000, 10)),
    ("24寸 油画放大", ProductCategory.ENLARGEMENT, False, (2, 15000, 7)),
    ("36寸 客厅挂画", ProductCategory.ENLARGEMENT, False, (2, 26000, 9)),
    ("7寸 摆台", ProductCategory.FRAME, False, (3, 4500, 5)),
    ("10寸 水晶摆台", ProductCategory.FRAME, False, (3, 6800, 6)),
    ("手机相册", ProductCategory.OTHER, False, (1, 3000, 5)),
    ("精修电子档", ProductCategory.DIGITAL, True, None),
    ("全部底片光盘", ProductCategory.DIGITAL, True, None),
]
LABS = [("金彩相册厂", 10), ("美印数码", 8), ("艺术画框坊", 7), ("晶品摆台", 5)]

# name, kind, price fen, session plan, [(product index, quantity, session index)]
PACKAGES = [
    ("经典婚纱套系", PackageKind.SINGLE, 599900, ["婚纱照"], [(0, 1, 0), (4, 1, 0), (6, 2, 0), (8, 1, 0)]),
    ("轻奢婚纱套系", PackageKind.SINGLE, 399900, ["婚纱照"], [(1, 1, 0), (3, 1, 0), (5, 2, 0), (8, 1, 0)]),
    ("写真套系", PackageKind.SINGLE, 129900, ["写真"], [(1, 1, 0), (3, 1, 0), (5, 2, 0), (8, 1, 0)]),
    ("全家福套系", PackageKind.SINGLE, 199900, ["全家福"], [(3, 1, 0), (6, 1, 0), (5, 2, 0), (8, 1, 0)]),
    ("百天宝宝套系", PackageKind.SINGLE, 159900, ["百天照"], [(2, 1, 0), (3, 1, 0), (5, 2, 0), (7, 1, 0), (8, 1, 0)]),
    ("成长套 (百天/周岁/两周岁)", PackageKind.GROWTH, 399900, ["百天照", "周岁照", "两周岁照"],
     [(2, 1, 0), (5, 1, 0), (8, 1, 0), (2, 1, 1), (3, 1, 1), (8, 1, 1), (2, 1, 2), (6, 1, 2), (9, 1, 2)]),
]
PACKAGE_WEIGHTS = [18, 22, 15, 12, 18, 15]


@dataclass
class DemoReport:
    customers: int = 0
    orders: int = 0
    items: int = 0
    events: int = 0
    complaints: int = 0
    follow_ups: int = 0
    seconds: float = 0.0


@dataclass
class _Rows:
    """Rows to insert, per table, with the ids handed out so far."""

    tables: dict[str, list[dict]] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)
    choices: dict[tuple[ChoiceKind, str], int] = field(default_factory=dict)  # seeded list rows by (kind, key)
    # each stage's questionnaire: (question id, overall, required, seeded key)
    questions: dict[FollowUpStage, list[tuple[int, bool, bool, str]]] = field(default_factory=dict)
    staff_mood: dict[int, float] = field(default_factory=dict)  # how often a staff member's answers run low

    def add(self, table: Any, row: dict, *, with_id: bool = True) -> int:
        if with_id:
            row["id"] = self.ids[table.name] = self.ids.get(table.name, 0) + 1
        self.tables.setdefault(table.name, []).append(row)
        return row.get("id", 0)


class _Random(random.Random):
    """randrange and choice from one float draw: as deterministic for a seed as the exact
    integer methods and several times faster, which counts over millions of draws."""

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:  # type: ignore[override]
        if stop is None:
            start, stop = 0, start
        return start + int(self.random() * (stop - start))

    def choice(self, seq):  # type: ignore[no-untyped-def, override]
        return seq[int(self.random() * len(seq))]


_MIDNIGHT: dict[dt.date, dt.datetime] = {}


def _local(day: dt.date, rng: random.Random, start_hour: int = 10, end_hour: int = 19) -> dt.datetime:
    """A moment of the studio's working day ``day``, in UTC, to the second."""
    midnight = _MIDNIGHT.get(day)
    if midnight is None:
        midnight = _MIDNIGHT[day] = dt.datetime.combine(day, dt.time(), STUDIO_TZ).astimezone(UTC)
    seconds = rng.randrange(start_hour * 3600, end_hour * 3600)
    return midnight + dt.timedelta(seconds=seconds)


def _phone(rng: random.Random) -> str:
    digits = rng.choice(PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}"
    style = rng.random()
    if style < 0.6:
        return digits
    if style < 0.85:
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    return f"+86 {digits}"


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def demo_badges(seed: int) -> dict[str, str]:
    """The demo staff's badges: issued codes like a studio's, but the same for a seed (the README
    lists those of seed 2611), from a generator of their own so the rest of the demo stays as it was."""
    rng = random.Random(f"badges:{seed}")
    return {name: codes.badge_code(rng.getrandbits(codes.BADGE_BITS))
            for name in [n for n, _r, _p in DEMO_LOGINS] + [n for n, _r in _MORE_STAFF]}


def build_demo(
    engine: Engine, *, years: float = 1, seed: int = 2611, today: dt.date | None = None,
    orders_per_month: int = 500, progress: Callable[[str], None] | None = None,
) -> DemoReport:
    """Fill an empty, migrated database with a demo studio ending at ``today``."""
    import time

    started = time.perf_counter()
    say = progress or (lambda _msg: None)
    today = today or dt.datetime.now(STUDIO_TZ).date()
    rng = _Random(seed)
    with engine.connect() as conn:
        if conn.execute(select(func.count()).select_from(Order.__table__)).scalar():
            raise ValueError("the database already holds orders; the demo is built into an empty one")
        seeded = conn.execute(select(Choice.kind, Choice.key, Choice.id).where(Choice.key.is_not(None))).all()
        questions = conn.execute(select(SurveyQuestion.id, SurveyQuestion.key, SurveyQuestion.kind,
                                        SurveyQuestion.options).where(SurveyQuestion.active)).all()
        asked: dict[FollowUpStage, list[tuple[int, bool, bool, str]]] = {}
        for qid, stage, overall, required, qkey in conn.execute(
                select(FollowUpQuestion.id, FollowUpQuestion.stage, FollowUpQuestion.overall, FollowUpQuestion.required,
                       FollowUpQuestion.key)
                .where(FollowUpQuestion.active).order_by(FollowUpQuestion.stage, FollowUpQuestion.seq)):
            asked.setdefault(FollowUpStage(stage), []).append((qid, bool(overall), bool(required), qkey or ""))
        slots = [(sid, SlotKind(k)) for sid, k in conn.execute(
            select(TimeSlot.id, TimeSlot.kind).where(TimeSlot.active).order_by(TimeSlot.kind, TimeSlot.starts))]
        for slot_kind, capacity in _DEMO_CAPACITY.items():
            conn.execute(update(TimeSlot).where(TimeSlot.kind == slot_kind).values(capacity=capacity))
        conn.commit()
    rows = _Rows(choices={(kind, key or ""): cid for kind, key, cid in seeded})
    rows.questions = asked
    report = DemoReport()
    now = dt.datetime.combine(today, dt.time(9), STUDIO_TZ).astimezone(UTC)

    # --- staff and catalogue -------------------------------------------------
    say("staff and catalogue")
    staff_ids: dict[Role, list[int]] = {r: [] for r in Role}
    start_day = today - dt.timedelta(days=round(365.25 * years))
    staff_created = _local(start_day - dt.timedelta(days=30), rng)
    badges = demo_badges(seed)
    for name, role, pin in DEMO_LOGINS:
        sid = rows.add(Staff.__table__, dict(name=name, role=role, password_hash=hash_secret(pin), badge_code=badges[name],
                                             active=True, created_at=staff_created, failed_logins=0))
        staff_ids[role].append(sid)
    for i, (name, role) in enumerate(_MORE_STAFF):
        sid = rows.add(Staff.__table__, dict(name=name, role=role, password_hash=hash_secret(f"{i + 4}" * 4),
                                             badge_code=badges[name], active=True, created_at=staff_created,
                                             failed_logins=0))
        staff_ids[role].append(sid)
    crew: dict[Position, list[int]] = {p: [] for p in Position}
    staff_by_name = {row["name"]: row["id"] for row in rows.tables["staff"]}
    for name, positions in _POSITIONS.items():
        for position in positions:
            rows.add(StaffPosition.__table__, dict(staff_id=staff_by_name[name], position=position))
            crew[position].append(staff_by_name[name])
    for name, position in _STUDIO_CREW:
        sid = rows.add(Staff.__table__, dict(name=name, role=Role.COUNTER, password_hash=None, badge_code=None,
                                             active=True, created_at=staff_created, failed_logins=0))
        rows.add(StaffPosition.__table__, dict(staff_id=sid, position=position))
        crew[position].append(sid)
    schedule = _Schedule(slots)
    for staff_row in rows.tables["staff"]:  # most staff do well; one or two draw low answers more often
        rows.staff_mood[staff_row["id"]] = rng.choice([0.03, 0.04, 0.05, 0.06, 0.15])
    lab_ids = [rows.add(Lab.__table__, dict(name=n, contact=_name(rng), phone=_phone(rng), default_turnaround_days=d,
                                            active=True)) for n, d in LABS]
    turnaround: dict[int, int] = {}
    lab_price: dict[int, int] = {}  # product type -> its lab's price
    product_ids: list[int] = []
    product_lab: dict[int, int | None] = {}
    in_house: dict[int, bool] = {}
    approval: dict[int, bool] = {}
    extra_prices: dict[int, int] = {}
    for (name, category, house, lab), price in zip(PRODUCTS, _EXTRA_PRICES):
        pid = rows.add(ProductType.__table__, dict(name=name, category=category, in_house=house,
                                                   default_lab_id=lab_ids[lab[0]] if lab else None, active=True,
                                                   needs_approval=category in _APPROVED_FIRST, extra_price_fen=price))
        product_ids.append(pid)
        approval[pid] = category in _APPROVED_FIRST
        if price is not None:
            extra_prices[pid] = price
        in_house[pid] = house
        product_lab[pid] = lab_ids[lab[0]] if lab else None
        if lab:
            rows.add(LabPrice.__table__, dict(lab_id=lab_ids[lab[0]], product_type_id=pid, price_fen=lab[1],
                                              turnaround_days=lab[2]))
            lab_price[pid] = lab[1]
            turnaround[pid] = lab[2]
    packages = []
    for name, kind, price, plan, package_lines in PACKAGES:
        pkg_id = rows.add(Package.__table__, dict(name=name, kind=kind, price_fen=price, session_plan=plan, active=True))
        expanded = []
        for prod, qty, s_index in package_lines:
            rows.add(PackageLine.__table__, dict(package_id=pkg_id, product_type_id=product_ids[prod], quantity=qty,
                                                 session_index=s_index, description=None))
            expanded += [(product_ids[prod], s_index)] * qty
        packages.append((pkg_id, name, kind, price, plan, expanded))
    for key, value in [("studio_name", "示范影楼 (Demo Studio)"), ("studio_timezone", "Asia/Shanghai")]:
        rows.add(Setting.__table__, dict(key=key, value=value), with_id=False)

    # --- customers and orders ------------------------------------------------
    months = max(1, round(12 * years)) + 1  # the current month too, up to today
    counters: dict[str, int] = {}
    customers: list[tuple[int, str, str]] = []  # id, name, first phone digits
    shipments: dict[tuple[int | None, dt.date], int] = {}
    shipment_staff: dict[int, int] = {}
    counter_staff = staff_ids[Role.COUNTER] + staff_ids[Role.MANAGER]
    prod_staff = staff_ids[Role.PRODUCTION]
    manager = staff_ids[Role.MANAGER][0]
    stations = ["前台1", "前台2", "后期"]
    say(f"{months} months of orders")
    for m in range(months):
        year, month0 = divmod(start_day.month - 1 + m, 12)
        month_start = dt.date(start_day.year + year, month0 + 1, 1)
        if month_start > today:
            break
        n_orders = max(1, round(orders_per_month * rng.uniform(0.8, 1.2)))
        for _ in range(n_orders):
            booked_day = month_start + dt.timedelta(days=rng.randrange(28))
            if booked_day > today:
                continue
            # customer: new (two in three) or returning
            if customers and rng.random() < 0.33:
                cust_id, cust_name, _ = rng.choice(customers)
            else:
                cust_id, cust_name = _new_customer(rows, rng, booked_day, customers, counter_staff)
                report.customers += 1
            pkg_id, pkg_name, kind, price, plan, expanded = packages[
                rng.choices(range(len(packages)), PACKAGE_WEIGHTS)[0]]
            key = f"order:{booked_day:%y%m}"
            counters[key] = counters.get(key, 0) + 1
            number = codes.order_number(booked_day, counters[key])
            booked_at = _local(booked_day, rng)
            discount = rng.choice([0, 0, 0, 20000, 50000]) if price > 200000 else 0
            order_id = rows.add(Order.__table__, dict(
                number=number, customer_id=cust_id, package_id=pkg_id, package_name=pkg_name,
                package_price_fen=price, discount_fen=discount, discount_reason="老客户优惠" if discount else None,
                progress=Progress.BOOKED, progress_due=None, notes=None, booked_at=booked_at,
                booked_by=rng.choice(counter_staff), cancelled_at=None))
            report.orders += 1
            session_rows = []
            first_shoot = booked_day + dt.timedelta(days=rng.randrange(3, 30))
            offsets = [0, 265, 630][: len(plan)]
            for s_index, s_name in enumerate(plan):
                shoot, shoot_slot = schedule.take(SlotKind.SHOOT, first_shoot + dt.timedelta(days=offsets[s_index]), rng)
                selection, selection_slot = schedule.take(
                    SlotKind.SELECTION, shoot + dt.timedelta(days=rng.randrange(5, 15)), rng)
                pickup = selection + dt.timedelta(days=rng.randrange(18, 30))
                sid = rows.add(ShootSession.__table__, dict(
                    order_id=order_id, seq=s_index + 1, name=s_name, state=SessionState.BOOKED,
                    shoot_date=shoot, shoot_slot_id=shoot_slot, selection_date=selection,
                    selection_slot_id=selection_slot, pickup_date=pickup,
                    photographer_id=rng.choice(crew[Position.PHOTOGRAPHER]), makeup_id=rng.choice(crew[Position.MAKEUP]),
                    selection_sales_id=rng.choice(crew[Position.SELECTION_SALES]), photos_chosen=None))
                session_rows.append((sid, shoot, selection, pickup))
            lines: list[tuple[int, int, int]] = [(prod, s_index, 0) for prod, s_index in expanded]
            extras_total = 0
            if rng.random() < 0.5:  # extras bought at selection (加选)
                for _ in range(rng.randrange(1, 4)):
                    prod = rng.choice(product_ids[:8])
                    extra_price = rng.choice([30000, 50000, 80000, 120000])
                    lines.append((prod, rng.randrange(len(plan)), extra_price))
                    extras_total += extra_price
            total = price - discount + extras_total
            deposit = min(total, rng.choice([50000, 100000, 200000, price // 2]))
            rows.add(Payment.__table__, dict(order_id=order_id, kind=PaymentKind.DEPOSIT,
                                             method=rng.choice(list(PaymentMethod)), amount_fen=deposit,
                                             paid_at=booked_at, staff_id=rng.choice(counter_staff), note=None))
            paid = deposit
            will_owe = rng.random() < 0.04  # a few pick up late and still owe at the end
            statuses_by_session: dict[int, list[tuple[ItemStatus, DesignStatus]]] = {}
            last_pickup: dt.datetime | None = None
            final_pickup: dt.datetime | None = None
            for seq, line in enumerate(lines, start=1):
                prod, s_index, extra_price = line
                sid, shoot, selection, pickup = session_rows[s_index]
                item_id = rows.ids.get("items", 0) + 1
                events = _item_story(rng, prod, in_house[prod], product_lab[prod], turnaround.get(prod, 0),
                                     booked_at, selection, pickup, today, now, will_owe, approval[prod])
                status, status_at = events[-1][0], events[-1][1]
                design, approved_at = _design(rng, approval[prod], events, selection, today)
                expected = None
                shipment_id = None
                lab_id = product_lab[prod]
                for ev_status, at, ev_extra in events:
                    if ev_status is S.SENT:
                        day = at.astimezone(STUDIO_TZ).date()
                        expected = ev_extra.get("expected")
                        sk = (lab_id, day)
                        if sk not in shipments:
                            shipments[sk] = rows.add(Shipment.__table__, dict(
                                lab_id=lab_id, sent_at=at, staff_id=rng.choice(prod_staff), note=None,
                                closed_at=at, station="后期"))
                            shipment_staff[shipments[sk]] = rows.tables["shipments"][-1]["staff_id"]
                        shipment_id = shipments[sk]
                        ev_extra["shipment_id"] = shipment_id
                        rows.add(ShipmentLine.__table__, dict(  # what the lab bills at month end
                            shipment_id=shipment_id, item_id=item_id, open_item_id=None, added_at=at,
                            added_by=shipment_staff[shipment_id], lab_price_fen=lab_price.get(prod)))
                code = codes.item_code(number, seq)
                rows.add(Item.__table__, dict(
                    code=code, order_id=order_id, session_id=sid, seq=seq,
                    product_type_id=prod, description=None, lab_id=lab_id, extra_price_fen=extra_price,
                    status=status, status_at=status_at, expected_return=expected if status is not S.WAITING else None,
                    shipment_id=shipment_id, shelf=f"{chr(65 + rng.randrange(6))}-{rng.randrange(1, 30):02d}"
                    if status is S.READY else None, version=len(events), price_reason=None,
                    design_status=design, approved_at=approved_at,
                    approved_by=rng.choice(counter_staff) if approved_at else None,
                    approved_via=rng.choice(list(ApprovalVia)) if approved_at else None))
                assert rows.ids["items"] == item_id
                prev: ItemStatus | None = None
                for ev_status, at, ev_extra in events:
                    # The lifecycle's own rules and event builder: an illegal story stops the build.
                    rows.add(ItemEvent.__table__, event_values(
                        item_id, code, prev, ev_status, at=at,
                        staff_id=rng.choice(counter_staff if ev_status in (S.WAITING, S.PICKED_UP) else prod_staff),
                        station=rng.choice(stations), shipment_id=ev_extra.get("shipment_id"),
                        reason=ev_extra.get("reason"), note=None,
                        rework_reason_id=rows.choices.get((ChoiceKind.REWORK_REASON, ev_extra.get("reason_key", ""))),
                        design=design))
                    prev = ev_status
                    if ev_status is S.PICKED_UP and (last_pickup is None or at < last_pickup):
                        last_pickup = at
                    if ev_status is S.PICKED_UP and (final_pickup is None or at > final_pickup):
                        final_pickup = at
                report.items += 1
                report.events += len(events)
                statuses_by_session.setdefault(s_index, []).append((status, design))
            # balance: paid in full at (or before) the first pickup, unless this order owes
            if last_pickup is not None or (not will_owe and rng.random() < 0.5 and booked_day < today - dt.timedelta(days=40)):
                when = last_pickup - dt.timedelta(minutes=5) if last_pickup else _local(
                    min(today, booked_day + dt.timedelta(days=20)), rng)
                if total - paid > 0:
                    rows.add(Payment.__table__, dict(order_id=order_id, kind=PaymentKind.BALANCE,
                                                     method=rng.choice(list(PaymentMethod)), amount_fen=total - paid,
                                                     paid_at=max(when, booked_at), staff_id=rng.choice(counter_staff),
                                                     note=None))
            per_session = []
            for i, (sid, shoot, selection, _pickup) in enumerate(session_rows):
                items_here = statuses_by_session.get(i, [])
                state = _session_state(rows, rng, sid, shoot, selection, items_here, today, now, counter_staff)
                per_session.append(session_progress(items_here, state))
            rows.tables["orders"][-1]["progress"] = order_progress(per_session)
            _care(rows, rng, report, cust_id, cust_name, order_id, number, session_rows, per_session, today,
                  counter_staff, manager, booked_day)
            _follow_ups(rows, rng, report, cust_id, order_id, session_rows, today, counter_staff,
                        final_pickup if rows.tables["orders"][-1]["progress"] is Progress.DONE else None)
    for counter_name, count in counters.items():
        rows.add(Counter.__table__, dict(name=counter_name, value=count), with_id=False)

    _consent_and_surveys(rows, random.Random(seed + 12), questions)
    say("writing")
    _write(engine, rows, say)
    say("customer tiers")
    from .tiers import recompute_tiers

    with Session(engine) as session:
        recompute_tiers(session)
    report.seconds = time.perf_counter() - started
    return report


# Survey answers of the demo customers who consented (by question key; choice questions pick an option).
_SURVEY_SAMPLES = {
    "reason": ["朋友推荐，口碑好", "样片风格喜欢", "价格合适", "离家近"], "district": ["朝阳区", "海淀区", "东城区", "丰台区"],
    "occupation": ["教师", "程序员", "护士", "会计", "销售"], "partner_occupation": ["工程师", "公务员", "医生", "设计师"],
    "compared": ["米兰婚纱", "金夫人", "没有比较"], "colour": ["白色", "粉色", "蓝色", "香槟色"],
    "hobbies": ["旅行", "登山", "烘焙", "摄影", "追剧"], "image": ["环境干净，服务热情", "停车不方便", "很专业"],
    "next_occasion": ["结婚一周年", "宝宝百天", "孕照", "全家福"], "opinion": ["希望选片时间短一些", "满意", "化妆间有点挤"],
}


def _consent_and_surveys(rows: _Rows, rng: random.Random, questions: Sequence[Any]) -> None:
    """Consent for about 60 % (marketing) and 35 % (survey facts) of the customers, given when
    they were first served; some survey answers for those who consented to the survey. A
    random stream of its own: the rest of the demo is the same for a seed as before."""
    for customer in rows.tables.get("customers", []):
        given = customer["created_at"]
        customer["marketing_consent_at"] = given if rng.random() < 0.6 else None
        customer["survey_consent_at"] = given if rng.random() < 0.35 else None
        if customer["survey_consent_at"] is None:
            continue
        for qid, key, kind, options in questions:
            if rng.random() < 0.5:
                continue
            if kind is SurveyKind.CHOICE:
                value = rng.choice((options or "").splitlines() or ["其他"])
            elif kind is SurveyKind.YES_NO:
                value = "yes" if rng.random() < 0.6 else "no"
            elif kind is SurveyKind.DATE:
                value = (given.date() + dt.timedelta(days=rng.randrange(20, 400))).isoformat()
            else:
                value = rng.choice(_SURVEY_SAMPLES.get(key, ["—"]))
            rows.add(SurveyAnswer.__table__, dict(customer_id=customer["id"], question_id=qid, value=value,
                                                  answered_at=given, staff_id=customer["created_by"]))


def _new_customer(rows: _Rows, rng: random.Random, day: dt.date, customers: list, staff: list[int]) -> tuple[int, str]:
    name = _name(rng)
    partner = _name(rng) if rng.random() < 0.55 else None
    channel = rng.choices(list(Channel), [40, 20, 20, 12, 8])[0]
    referrer = rng.choice(customers)[0] if channel is Channel.REFERRAL and customers else None
    birthday = dt.date(rng.randrange(1975, 2003), rng.randrange(1, 13), rng.randrange(1, 29))
    cid = rows.add(Customer.__table__, dict(
        name=name, partner_name=partner, birthday=birthday,
        partner_birthday=dt.date(rng.randrange(1975, 2003), rng.randrange(1, 13), rng.randrange(1, 29)) if partner else None,
        wedding_date=day + dt.timedelta(days=rng.randrange(30, 200)) if partner else None,
        address=f"{rng.choice(STREETS)}{rng.randrange(1, 300)}号", family_notes=None, notes=None, channel=channel,
        referrer_id=referrer, tier=rng.choices(list(Tier), [5, 20, 65, 10])[0],
        created_at=_local(day, rng), created_by=rng.choice(staff)))
    first = ""
    for label in ("本人", "配偶")[: 2 if partner and rng.random() < 0.7 else 1]:
        raw = _phone(rng)
        digits = "".join(ch for ch in raw if ch.isdigit())
        digits = digits[2:] if digits.startswith("86") and len(digits) == 13 else digits
        first = first or digits
        rows.add(CustomerPhone.__table__, dict(customer_id=cid, label=label, raw=raw, digits=digits,
                                               digits_reversed=digits[::-1]))
    for key in sorted(search_keys([name, partner])):
        rows.add(CustomerSearchKey.__table__, dict(customer_id=cid, key=key))
    customers.append((cid, name, first))
    return cid, name


def _item_story(
    rng: random.Random, prod: int, house: bool, lab: int | None, days: int, booked_at: dt.datetime,
    selection: dt.date, pickup: dt.date, today: dt.date, now: dt.datetime, owes: bool, approved_first: bool = False,
) -> list[tuple[ItemStatus, dt.datetime, dict]]:
    """The events of one item up to now: creation, then as far as the dates allow. A design
    the customer approves first goes to the lab a few days later (designing, then approval)."""
    events: list[tuple[ItemStatus, dt.datetime, dict]] = [(S.WAITING, booked_at, {})]

    def happen(status: ItemStatus, day: dt.date, **extra: object) -> bool:
        at = _local(day, rng)
        at = max(at, events[-1][1] + dt.timedelta(minutes=1))
        if at > now:
            return False
        events.append((status, at, dict(extra)))
        return True

    day = selection + dt.timedelta(days=rng.randrange(4, 9) if approved_first else rng.randrange(1, 5))
    if house:
        if not happen(S.READY, day):
            return events
    else:
        late = rng.random() < 0.06  # the lab runs late
        reworks = 1 if rng.random() < 0.05 else 0
        while True:
            if not happen(S.SENT, day, expected=day + dt.timedelta(days=days)):
                return events
            back = day + dt.timedelta(days=days + (rng.randrange(5, 20) if late else rng.randrange(-2, 2)))
            if back > today and late:
                return events  # still at the lab: overdue
            if not happen(S.RETURNED, back):
                return events
            day = back + dt.timedelta(days=rng.randrange(0, 2))
            if reworks:
                reworks -= 1
                reason_key, reason_text = rng.choice(REWORK_REASONS)
                if not happen(S.REWORK, day, reason=reason_text, reason_key=reason_key):
                    return events
                day += dt.timedelta(days=rng.randrange(0, 3))
                continue
            if not happen(S.READY, day):
                return events
            break
    if owes:
        return events
    pick_day = max(pickup, events[-1][1].astimezone(STUDIO_TZ).date()) + dt.timedelta(days=rng.randrange(0, 20))
    happen(S.PICKED_UP, pick_day)
    return events


class _Schedule:
    """Slots taken per day, so the demo never books more than a slot holds. Weekends and
    mornings are what customers ask for first; a full day moves the session on a day."""

    def __init__(self, slots: list[tuple[int, SlotKind]]) -> None:
        self.slots = {kind: [sid for sid, k in slots if k == kind] for kind in SlotKind}
        self.taken: dict[tuple[dt.date, int], int] = {}

    def take(self, kind: SlotKind, day: dt.date, rng: random.Random) -> tuple[dt.date, int | None]:
        slots = self.slots[kind]
        if not slots:
            return day, None
        if kind is SlotKind.SHOOT and day.weekday() < 5 and rng.random() < 0.4:
            day += dt.timedelta(days=5 - day.weekday())  # the coming Saturday
        while True:
            preferred = slots if rng.random() < 0.7 else slots[::-1]
            for slot in preferred:
                if self.taken.get((day, slot), 0) < _DEMO_CAPACITY[kind]:
                    self.taken[(day, slot)] = self.taken.get((day, slot), 0) + 1
                    return day, slot
            day += dt.timedelta(days=1)


def _design(
    rng: random.Random, approved_first: bool, events: list, selection: dt.date, today: dt.date,
) -> tuple[DesignStatus, dt.datetime | None]:
    """An item's design approval: approved the day before it went to the lab; one still
    waiting is designed for two days after selection, then awaits the customer."""
    if not approved_first:
        return DesignStatus.NOT_NEEDED, None
    if len(events) > 1:
        return DesignStatus.APPROVED, events[1][1] - dt.timedelta(hours=rng.randrange(18, 30))
    if selection >= today:
        return DesignStatus.DESIGNING, None
    return (DesignStatus.DESIGNING if (today - selection).days <= 2 else DesignStatus.AWAITING_APPROVAL), None


def _session_state(
    rows: _Rows, rng: random.Random, sid: int, shoot: dt.date, selection: dt.date,
    items: list[tuple[ItemStatus, DesignStatus]], today: dt.date, now: dt.datetime, staff: list[int],
) -> SessionState:
    """What the counter recorded for one session, with a history line for the reschedules
    (改期) and no-shows a real studio has: a few sessions moved, a few customers who did
    not come in the last week and wait to be rebooked."""
    row = rows.tables["shoot_sessions"][sid - 1]
    started = any(status is not S.WAITING for status, _ in items)
    if started or selection < today:
        state = SessionState.SELECTED
        row["photos_chosen"] = rng.randrange(30, 90)
    elif shoot < today:
        state = SessionState.SHOT
        if (today - shoot).days <= 7 and rng.random() < 0.12:
            state = SessionState.NO_SHOW
    else:
        state = SessionState.BOOKED

    def change(kind: SessionChangeKind, day: dt.date, **values: object) -> None:
        at = min(_local(day, rng), now)
        rows.add(SessionChange.__table__, dict(session_id=sid, kind=kind, at=at, staff_id=rng.choice(staff),
                                              station="前台1", slot_kind=SlotKind.SHOOT, **values))

    empty = dict(from_date=None, from_slot_id=None, to_date=None, to_slot_id=None, reason=None)
    if state is SessionState.NO_SHOW:
        change(SessionChangeKind.NO_SHOW, shoot, **empty)
    elif rng.random() < 0.05:  # moved once before it happened
        earlier = shoot - dt.timedelta(days=rng.randrange(2, 15))
        change(SessionChangeKind.RESCHEDULED, earlier - dt.timedelta(days=rng.randrange(1, 5)),
               from_date=earlier, from_slot_id=row["shoot_slot_id"], to_date=shoot, to_slot_id=row["shoot_slot_id"],
               reason=rng.choice(RESCHEDULE_REASONS))
    row["state"] = state
    return state


def _care(
    rows: _Rows, rng: random.Random, report: DemoReport, cust_id: int, cust_name: str, order_id: int, number: str,
    session_rows: list, per_session: list[Progress], today: dt.date, staff: list[int], manager: int,
    booked_day: dt.date,
) -> None:
    """Complaints, follow-ups, reminders and outbox messages around one order."""
    sid, shoot, selection, pickup = session_rows[0]
    if rng.random() < 0.05 and shoot < today:
        category = rng.choice(list(COMPLAINT_SAMPLES))
        received = _local(min(today, shoot + dt.timedelta(days=rng.randrange(1, 40))), rng)
        age = (today - received.astimezone(STUDIO_TZ).date()).days
        closed = age > 14 or rng.random() < 0.3
        step = dt.timedelta(hours=rng.randrange(1, 24))
        session_row = rows.tables["shoot_sessions"][sid - 1]
        position = _COMPLAINT_POSITION.get(category)
        involved = (rows.tables["orders"][-1]["booked_by"] if position is Position.COUNTER
                    else session_row[_SESSION_STAFF_FIELD[position]] if position is not None else None)
        rows.add(Complaint.__table__, dict(
            staff_id=involved, staff_position=position if involved else None,
            customer_id=cust_id, order_id=order_id, category_id=rows.choices[(ChoiceKind.COMPLAINT_CATEGORY, category)],
            description=COMPLAINT_SAMPLES[category],
            status=ComplaintStatus.CLOSED if closed else rng.choice([ComplaintStatus.OPEN, ComplaintStatus.IN_PROGRESS]),
            received_at=received, received_by=rng.choice(staff), owner_id=manager,
            # the step deadlines of a normal complaint (complaints.DEFAULT_HOURS); due: the next open step's
            **{f"{s}_due": received + dt.timedelta(hours=h) for s, h in zip(
                ("acknowledge", "apologize", "amend", "anticipate"), (4, 48, 168, 720), strict=True)},
            due_at=None if closed else received + dt.timedelta(hours=48), acknowledged_at=received + step,
            apologized_at=received + 2 * step if closed else None,
            amend_action="重新制作并赠送摆台一个" if closed else None, amended_at=received + 3 * step if closed else None,
            anticipate_note="加强出件前质检" if closed else None, anticipated_at=received + 4 * step if closed else None,
            closed_at=received + 4 * step if closed else None,
            resolution_score=rng.randrange(3, 6) if closed else None))
        report.complaints += 1
    for _row, prog in zip(session_rows, per_session):  # reminders: the generator makes them at start
        if prog is Progress.READY:
            rows.add(OutboxMessage.__table__, dict(
                customer_id=cust_id, order_id=order_id, phone="", template="ready_for_pickup",
                body=f"{cust_name}您好,您在示范影楼的订单 {codes.display_order_number(number)} "
                     "的产品已全部到店,欢迎来取件。",
                status=OutboxStatus.PENDING, channel=MessageChannel.SMS, marketing=False, reminder_id=None,
                created_at=_local(today, rng, 9, 10), sent_at=None, staff_id=None, sent_by=None))


# The staff a complaint of a category is about (the board counts complaints per position).
_COMPLAINT_POSITION = {"service_attitude": Position.COUNTER, "photography": Position.PHOTOGRAPHER,
                       "makeup": Position.MAKEUP, "selection": Position.SELECTION_SALES}
_SESSION_STAFF_FIELD = {Position.PHOTOGRAPHER: "photographer_id", Position.MAKEUP: "makeup_id",
                        Position.SELECTION_SALES: "selection_sales_id"}
# Which session staff a seeded question's answer is about (its low marks follow their mood).
_QUESTION_STAFF = {"photographer": "photographer_id", "makeup": "makeup_id", "selection": "selection_sales_id",
                   "photos": "photographer_id", "no_pressure": "selection_sales_id"}
_FOLLOW_UP_DAYS = {FollowUpStage.AFTER_SHOOT: 1, FollowUpStage.AFTER_SELECTION: 2, FollowUpStage.AFTER_PICKUP: 3}
_CALL_NOTES = ["很满意,照片很好看", "服务周到", "宝宝拍得很开心", "希望取件再快一点", "化妆师很专业", "选片时间有点长",
               "整体不错", "摄影师很有耐心", None, None, None]
_RELATIONS = ["同事", "朋友", "表姐", "同学", "邻居", "闺蜜"]
_LEAD_PLANS = ["计划明年拍婚纱照", "宝宝快满百天", "想拍全家福", None]


def _score(rng: random.Random, low: float) -> int:
    """A 1-5 answer: mostly 4 and 5; ``low`` is how often it is a 1-3."""
    r = rng.random()
    if r < low:
        return 1 + int(rng.random() * 3)
    return 5 if r < low + (1 - low) * 0.58 else 4


def _follow_ups(
    rows: _Rows, rng: random.Random, report: DemoReport, cust_id: int, order_id: int, session_rows: list,
    today: dt.date, staff: list[int], final_pickup: dt.datetime | None,
) -> None:
    """The follow-up calls (回访) of one order, as :mod:`app.services.follow_ups` makes and
    records them: after each session's shoot and selection and after the order is picked up;
    ~85% reached (some at a second try), the rest given up after three tries; calls due in
    the last few days still to make; a few referral leads that became customers."""
    calls: list[tuple[FollowUpStage, int, dt.date, str]] = []
    for sid, shoot, selection, _pickup in session_rows:
        state = rows.tables["shoot_sessions"][sid - 1]["state"]
        if state in (SessionState.SHOT, SessionState.SELECTED) and shoot < today:
            calls.append((FollowUpStage.AFTER_SHOOT, sid, shoot, f"after_shoot:s{sid}"))
        if state is SessionState.SELECTED and selection < today:
            calls.append((FollowUpStage.AFTER_SELECTION, sid, selection, f"after_selection:s{sid}"))
    if final_pickup is not None:
        calls.append((FollowUpStage.AFTER_PICKUP, session_rows[-1][0], final_pickup.astimezone(STUDIO_TZ).date(),
                      f"after_pickup:o{order_id}"))
    for stage, sid, day, key in calls:
        due = day + dt.timedelta(days=_FOLLOW_UP_DAYS[stage])
        row: dict[str, Any] = dict(customer_id=cust_id, order_id=order_id, stage=stage, due_on=due, called_at=None,
                                   complaint_id=None, staff_id=None, reached=False, notes=None, source_key=key,
                                   session_id=sid, attempts=0, given_up_at=None, score_overall=None)
        report.follow_ups += 1
        if due >= today - dt.timedelta(days=int(rng.random() * 2)):  # still to make (today's worklist)
            if due < today and rng.random() < 0.4:
                row["attempts"], row["due_on"] = 1, today  # not reached yesterday, again today
            rows.add(FollowUp.__table__, row)
            continue
        reached = rng.random() < 0.85
        tries = 0 if reached and rng.random() < 0.9 else (1 if reached else 3)
        called_day = min(due + dt.timedelta(days=tries), today - dt.timedelta(days=1))
        row.update(called_at=_local(called_day, rng), staff_id=rng.choice(staff), attempts=tries)
        if not reached:
            row["given_up_at"] = row["called_at"]
            rows.add(FollowUp.__table__, row)
            continue
        row["reached"] = True
        row["notes"] = rng.choice(_CALL_NOTES)
        session_row = rows.tables["shoot_sessions"][sid - 1]
        fid = rows.add(FollowUp.__table__, row)
        for qid, overall, required, qkey in rows.questions.get(stage, []):
            if not required and rng.random() < 0.3:
                continue
            field_name = _QUESTION_STAFF.get(qkey)
            low = rows.staff_mood.get(session_row[field_name], 0.05) if field_name else 0.05
            score = _score(rng, low)
            rows.add(FollowUpScore.__table__, dict(follow_up_id=fid, question_id=qid, score=score))
            if overall:
                row["score_overall"] = score
        if rng.random() < 0.03:  # a referral lead (转介绍): a prospect customer referred by this one
            lead_id, lead_name, digits = _prospect(rows, rng, called_day, cust_id, staff)
            rows.add(ReferralLead.__table__, dict(
                follow_up_id=fid, customer_id=lead_id, referrer_id=cust_id, name=lead_name, phone=digits,
                relation=rng.choice(_RELATIONS), created_at=row["called_at"], new_customer=True))
            report.customers += 1


def _prospect(rows: _Rows, rng: random.Random, day: dt.date, referrer: int, staff: list[int]) -> tuple[int, str, str]:
    """A customer a called customer recommended: channel referral, no order yet."""
    name = _name(rng)
    cid = rows.add(Customer.__table__, dict(
        name=name, partner_name=None, birthday=None, partner_birthday=None, wedding_date=None, address=None,
        family_notes=None, notes=rng.choice(_LEAD_PLANS), channel=Channel.REFERRAL, referrer_id=referrer, tier=None,
        created_at=_local(day, rng), created_by=rng.choice(staff)))
    raw = _phone(rng)
    digits = "".join(ch for ch in raw if ch.isdigit())
    digits = digits[2:] if digits.startswith("86") and len(digits) == 13 else digits
    rows.add(CustomerPhone.__table__, dict(customer_id=cid, label="本人", raw=raw, digits=digits,
                                           digits_reversed=digits[::-1]))
    for key in sorted(search_keys([name])):
        rows.add(CustomerSearchKey.__table__, dict(customer_id=cid, key=key))
    return cid, name, digits


def _write(engine: Engine, rows: _Rows, say: Callable[[str], None]) -> None:

    from ..models import Base

    order = [t for t in Base.metadata.sorted_tables if t.name in rows.tables]
    with engine.begin() as conn:
        _fill_outbox_phones(rows)
        for table in order:
            data = rows.tables[table.name]
            say(f"  {table.name}: {len(data):,} rows")
            bulk_insert(conn, table, data)
        after_explicit_ids(conn, {t.name: rows.ids[t.name] for t in order if "id" in t.c and rows.ids.get(t.name)})
    refresh_statistics(engine)


def _fill_outbox_phones(rows: _Rows) -> None:
    first_phone: dict[int, str] = {}
    for phone in rows.tables.get("customer_phones", []):
        first_phone.setdefault(phone["customer_id"], phone["digits"])
    for msg in rows.tables.get("outbox_messages", []):
        msg["phone"] = first_phone.get(msg["customer_id"], "")
