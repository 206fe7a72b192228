"""The Wagtail admin under a nonce-based script policy.

Wagtail 8 still writes a few inline ``<script>`` initialisers into admin pages (chooser
widgets, date/time pickers, inline panels; wagtail-localize adds two), which ``script-src
'self'`` blocks. Allowing ``'unsafe-inline'`` would let any injected script run too. Instead
the admin's policy carries a fresh nonce per response, and this module gives that nonce only
to inline scripts that are exactly one of those initialisers: a constructor or init call whose
arguments are JSON data, or one of the fixed snippets below. Anything else inline — an
injected ``<script>``, an event-handler attribute — has no nonce and is refused by the browser.

Written by hand because no library knows Wagtail's initialisers; when Wagtail moves one of
them to a data attribute, its pattern here simply stops matching anything.
"""

from __future__ import annotations

import json
import re

# An opening tag with no attributes (or only the classic type): Wagtail's initialisers are
# written exactly like that.
_INLINE_SCRIPT = re.compile(r'<script(?: type="text/javascript")?>(.*?)</script>', re.S)
_JS_STRING = r'"(?:[^"\\\n]|\\.)*"'
_IDENT = r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*"

# BaseChooser.render_js_init and its subclasses: new PageChooser("id", {...});
_CONSTRUCTOR = re.compile(rf"new ({_IDENT})\((.*)\);?", re.S)
# date_input.html / time_input.html / datetime_input.html: initDateChooser("id", {...});
# AdminTaskChooser: createTaskChooser("id");
_INIT_CALL = re.compile(r"(initDateChooser|initTimeChooser|initDateTimeChooser|createTaskChooser)\((.*)\);?", re.S)
# inline_panel.html and multiple_chooser_panel.html
_PANEL = re.compile(
    r"\(function\(\) \{ var panel = new (InlinePanel|MultipleChooserPanel)"
    rf"\(JSON\.parse\(({_JS_STRING})\)\); \}}\)\(\);",
    re.S,
)
# wagtail-localize's translation editor: chooser URLs for its React app.
_LOCALIZE_CHOOSER_URLS = re.compile(
    r'if \(typeof window\.chooserUrls === "undefined"\) \{ window\.chooserUrls = \{ '
    r'imageChooser: "(/[\w/-]*)", documentChooser: "(/[\w/-]*)", pageChooser: "(/[\w/-]*)", \} \}'
)
# wagtail-localize's "translate" form: the "select all locales" box.
_LOCALIZE_SELECT_ALL = (
    "document.addEventListener('DOMContentLoaded', function() { "
    "var selectAll = document.querySelector('[name=\"select_all\"]'); "
    "var locales = document.querySelectorAll('[name=\"locales\"]'); "
    "selectAll.addEventListener('change', function() { "
    "for (var i = 0; i < locales.length; i++) { locales[i].checked = selectAll.checked; } }); });"
)


def _json_arguments(text: str) -> bool:
    """Whether ``text`` is a comma-separated list of JSON values and nothing else."""
    try:
        json.loads(f"[{text}]")
    except ValueError:
        return False
    return True


def is_wagtail_initialiser(body: str) -> bool:
    """Whether an inline script's body is one of the admin initialisers this policy allows."""
    text = " ".join(body.split())
    if match := _CONSTRUCTOR.fullmatch(text):
        return match.group(1).endswith(("Chooser", "chooser")) and _json_arguments(match.group(2))
    if match := _INIT_CALL.fullmatch(text):
        return _json_arguments(match.group(2))
    if _PANEL.fullmatch(text):
        return True
    return bool(_LOCALIZE_CHOOSER_URLS.fullmatch(text)) or text == _LOCALIZE_SELECT_ALL


def add_nonces(html: str, nonce: str) -> str:
    """Give ``nonce`` to the allowed initialisers in ``html``; other inline scripts stay as they are."""

    def replace(match: re.Match) -> str:
        if is_wagtail_initialiser(match.group(1)):
            return f'<script nonce="{nonce}">{match.group(1)}</script>'
        return match.group(0)

    return _INLINE_SCRIPT.sub(replace, html)
