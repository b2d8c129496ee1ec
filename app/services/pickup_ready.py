"""The "ready for pickup" message (取件通知): queued in the outbox when the last open item of
an order becomes ready, wherever that happens (a scan at any tab, a batch, a scanner file).

Called from the lifecycle's one apply path (:func:`app.services.lifecycle._apply`) inside
the transition's transaction, so the message is written with the move or not at all. One
message per readiness: once the customer has been told (a message queued since the order's
last pickup), a rework and a second "ready" of the same items does not tell them again;
after a partial pickup, the rest becoming ready does.

The text is the studio's message template ``ready_for_pickup`` (settings, 短信模板; its
fields are filled here: customer, order number, items ready, balance, studio name), or the
built-in default when the template is missing.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Customer, CustomerPhone, Item, ItemEvent, ItemStatus, Order, OutboxMessage, OutboxStatus
from . import codes, money
from .balance import order_balance
from .clock import STUDIO_TZ
from .studio import STUDIO_NAME, get_setting
from .reminders import ready_items_text
from .templates import render, template_by_key

READY_TEMPLATE = "ready_for_pickup"  # OutboxMessage.template of this message
DEFAULT_READY_TEXT = ("【{studio}】{customer}先生/女士，您好！您的订单 {order} 的全部产品已可取件，"
                      "请携带取件单或任一产品标签到店领取。")
_OPEN_NOT_READY = (ItemStatus.WAITING, ItemStatus.SENT, ItemStatus.RETURNED, ItemStatus.REWORK)


def ready_text(studio: str, customer_name: str, order_number: str, body: str = DEFAULT_READY_TEXT,
               **more: object) -> str:
    """The message: ``body`` (the template's text; by default the built-in one) filled in."""
    return render(body, {"studio": studio, "customer": customer_name,
                         "order": codes.display_order_number(order_number), **more})


def queue_if_all_ready(session: Session, order: Order, item: Item, staff_id: int | None,
                       now: dt.datetime) -> OutboxMessage | None:
    """``item`` (of ``order``) has just been marked ready in the caller's transaction: when no
    other item of the order is still open and not ready, queue one pending message for the
    customer, unless they were told already since the order's last pickup. Returns it (None:
    nothing queued: items still missing, already told, a cancelled order, no phone)."""
    if order.cancelled_at is not None:
        return None
    others_missing = session.scalar(
        select(func.count(Item.id)).where(Item.order_id == order.id, Item.id != item.id,
                                          Item.status.in_(_OPEN_NOT_READY)))
    if others_missing:
        return None
    # from the history, not the items' status now: items a complaint brought back for a redo
    # are no longer picked up, but the customer was told before they took them
    last_pickup = session.scalar(
        select(func.max(ItemEvent.at)).join(Item, Item.id == ItemEvent.item_id)
        .where(Item.order_id == order.id, ItemEvent.to_status == ItemStatus.PICKED_UP))
    told = select(OutboxMessage.id).where(OutboxMessage.order_id == order.id,
                                          OutboxMessage.template == READY_TEMPLATE)
    if last_pickup is not None:
        told = told.where(OutboxMessage.created_at > last_pickup)
    if session.scalar(told.limit(1)) is not None:
        return None
    row = session.execute(
        select(Customer.name, CustomerPhone.digits).select_from(Customer)
        .outerjoin(CustomerPhone, CustomerPhone.customer_id == Customer.id)
        .where(Customer.id == order.customer_id).order_by(CustomerPhone.id).limit(1)).first()
    if row is None or not row[1]:
        return None  # no phone to text: the counter sees the order as ready anyway
    name, phone = row
    template = template_by_key(session, READY_TEMPLATE)
    session.flush()  # the item just marked ready counts among the items listed
    body = ready_text(get_setting(session, STUDIO_NAME) or "", name, order.number,
                      template.body if template is not None else DEFAULT_READY_TEXT,
                      items=ready_items_text(session, order.id), date=now.astimezone(STUDIO_TZ).date().isoformat(),
                      balance=money.amount(order_balance(session, order.id).due_fen))
    message = OutboxMessage(
        customer_id=order.customer_id, order_id=order.id, phone=phone[:20], template=READY_TEMPLATE, body=body,
        status=OutboxStatus.PENDING, created_at=now, staff_id=staff_id,
        **({"channel": template.channel, "marketing": template.marketing} if template is not None else {}))
    session.add(message)
    return message
