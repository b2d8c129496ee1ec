"""The phone pages' templates (jinja2, autoescaped): plain HTML forms, no JavaScript needed.

The one script (AUTO_APPLY) only presses the "apply" button of an opened item address for staff
who are working in a mode; without it the button is still there to tap."""

from __future__ import annotations

from jinja2 import DictLoader, Environment, select_autoescape

STATUS_COLOURS = {  # as the desktop's status colours (app/ui/common.py)
    "waiting": "#e0e0e0", "sent": "#bbdefb", "returned": "#fff59d", "rework": "#ffab91", "ready": "#a5d6a7",
    "picked_up": "#cfd8dc", "cancelled": "#f5f5f5",
}

BASE = """<!DOCTYPE html>
<html lang="{{ 'zh-CN' if lang == 'zh_CN' else 'en' }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ w('StudioDesk phone') }}</title>
<style>
body{font-family:sans-serif;margin:0;padding:8px;font-size:18px;background:#fafafa}
header{display:flex;justify-content:space-between;align-items:center;gap:6px;flex-wrap:wrap}
h1{font-size:20px;margin:4px 0}
input,select,button{font-size:20px;padding:8px;width:100%;box-sizing:border-box;margin:4px 0}
button{background:#1976d2;color:#fff;border:0;border-radius:6px}
button.plain{background:#9e9e9e;width:auto;font-size:16px;padding:6px 10px}
.modes a{display:inline-block;margin:3px;padding:10px 12px;background:#e3f2fd;border-radius:6px;color:#000;
text-decoration:none}
.modes a.on{background:#1976d2;color:#fff}
.answer{font-size:26px;font-weight:bold;padding:16px;border-radius:8px;margin:8px 0}
.accepted{background:#2e7d32;color:#fff}.refused{background:#c62828;color:#fff}
.tile{padding:8px;margin:4px 0;border-radius:6px;border:1px solid #bbb}
.tile.scanned{border:3px solid #000}
.small{font-size:14px;color:#555}
</style></head><body>
<header><h1>{{ w('StudioDesk phone') }}</h1>
<span class="small"><a href="/lang/zh_CN">中文</a> · <a href="/lang/en">English</a></span>
{% if actor %}<span class="small">{{ w('Signed in as {name}').format(name=actor.name) }}</span>
<form method="post" action="/signout" style="margin:0"><input type="hidden" name="csrf" value="{{ csrf }}">
<button class="plain" id="signout" type="submit">{{ w('Sign out') }}</button></form>{% endif %}
</header>
{% block body %}{% endblock %}
</body></html>"""

SIGNIN = """{% extends "base.html" %}{% block body %}
{% if notice %}<p class="answer refused" id="notice">{{ notice }}</p>{% endif %}
<p>{{ w('Sign in with your name and PIN to continue.') }}</p>
<form method="post" action="/signin">
<input type="hidden" name="csrf" value="{{ csrf }}"><input type="hidden" name="next" value="{{ next }}">
<label>{{ w('Name') }}<input name="name" id="name" autocomplete="username" value="{{ name }}"></label>
<label>{{ w('PIN') }}<input name="pin" id="pin" type="password" inputmode="numeric" autocomplete="current-password">
</label>
<button type="submit" id="signin">{{ w('Sign in') }}</button></form>
{% endblock %}"""

MODE = """{% extends "base.html" %}{% block body %}
<nav class="modes">{% for key, title in modes %}<a href="/mode/{{ key }}" id="mode-{{ key }}"
class="{{ 'on' if key == mode else '' }}">{{ title }}</a>{% endfor %}</nav>
{% if answer %}<div class="answer {{ 'accepted' if answer.ok else 'refused' }}" id="answer">
{{ w('Accepted') if answer.ok else w('Refused') }}: {{ answer.text }}
{% if not answer.ok %}<br><span style="font-size:18px">{{ w('Nothing was written.') }}</span>{% endif %}</div>{% endif %}
{% if mode %}
<form method="post" action="/mode/{{ mode }}" id="scanform">
<input type="hidden" name="csrf" value="{{ csrf }}">
{% if mode == 'send' %}<label>{{ w('Lab') }}<select name="lab" id="lab">{% for lab in labs %}
<option value="{{ lab.id }}" {{ 'selected' if lab.id == lab_id else '' }}>{{ lab.name }}</option>{% endfor %}
</select></label>{% endif %}
{% if mode == 'rework' %}<label>{{ w('Reason') }}<select name="reason" id="reason">{% for r in reasons %}
<option value="{{ r.id }}" {{ 'selected' if r.id == reason_id else '' }}>{{ r.name }}</option>{% endfor %}
</select></label><label>{{ w('Note') }}<input name="note" id="note" value="{{ note }}"></label>{% endif %}
<label>{{ w('Item code') }}<input name="code" id="code" autofocus autocomplete="off" autocapitalize="characters"
value="{{ code }}"></label>
<button type="submit" id="apply">{{ w('Apply') }}</button></form>
{% else %}<p>{{ w('Choose a mode') }}</p>{% endif %}
{% if view %}{% include "order.html" %}{% endif %}
{% endblock %}"""

ITEM = """{% extends "base.html" %}{% block body %}
<nav class="modes">{% for key, title in modes %}<a href="/mode/{{ key }}" id="mode-{{ key }}">{{ title }}</a>
{% endfor %}</nav>
{% if answer %}<div class="answer refused" id="answer">{{ w('Refused') }}: {{ answer.text }}</div>{% endif %}
{% if mode and mode != 'lookup' and view %}
<form method="post" action="/mode/{{ mode }}" id="applyform"><input type="hidden" name="csrf" value="{{ csrf }}">
<input type="hidden" name="code" value="{{ code }}">
<button type="submit" id="apply">{{ w('Apply {mode} to this item').format(mode=mode_title) }}</button></form>
{% if auto_apply %}<script>{{ auto_apply_script|safe }}</script>{% endif %}
{% endif %}
{% if view %}{% include "order.html" %}{% endif %}
{% endblock %}"""

ORDER = """<section id="order"><h1>{{ w('Order {number} · {customer}').format(number=view.checked_number,
customer=view.customer_name) }}</h1>
<p class="small">{{ w('{ready} of {total} ready').format(ready=view.ready|length, total=view.open_count) }}</p>
{% for tile in view.tiles %}<div class="tile{{ ' scanned' if tile.code == scanned else '' }}"
style="background:{{ colours[tile.status.value] }}" data-code="{{ tile.code }}" data-status="{{ tile.status.value }}">
<b>{{ tile.code }}</b> {{ tile.product }}<br>{{ status(tile.status) }}{% if tile.shelf %} · {{ tile.shelf }}{% endif %}
</div>{% endfor %}</section>"""

# Submits the item page's form as soon as it is shown (a prerendered page waits until it is
# actually opened). Kept constant so the Content-Security-Policy can name it by its hash.
AUTO_APPLY = ("(function(){var f=document.getElementById('applyform');function go(){f.submit()}"
              "if(document.prerendering){document.addEventListener('prerenderingchange',go,{once:true})}"
              "else{go()}})();")

NOT_FOUND = """{% extends "base.html" %}{% block body %}<p>{{ w('Page not found.') }}</p>{% endblock %}"""

ENV = Environment(
    loader=DictLoader({"base.html": BASE, "signin.html": SIGNIN, "mode.html": MODE, "item.html": ITEM,
                       "order.html": ORDER, "404.html": NOT_FOUND}),
    autoescape=select_autoescape(default=True, default_for_string=True),
)
