"""HTML for notebooks (``_repr_html_``): the body of each report's HTML page, without the
page's style sheet (which would restyle the whole notebook).  Formatting only."""

from __future__ import annotations

from html import escape


def fragment(page: str) -> str:
    """What is between ``<body>`` and ``</body>`` of an HTML page.

    >>> fragment("<html><body><p>x</p></body></html>")
    '<div class="gamesolve"><p>x</p></div>'
    """
    start, end = page.find("<body>"), page.rfind("</body>")
    body = page[start + len("<body>"):end].strip() if 0 <= start < end else page
    return f'<div class="gamesolve">{body}</div>'


def analysis_html(result) -> str:
    from .html import render_analysis

    return fragment(render_analysis(result))


def equilibria_html(eqs) -> str:
    if eqs.game is None:
        return f"<pre>{escape(repr(eqs))}</pre>"
    from .html import render_equilibria

    return fragment(render_equilibria(eqs.game, eqs))


def claims_html(report) -> str:
    if report.game is None:
        return f"<pre>{escape(repr(report))}</pre>"
    from .html import render_check

    return fragment(render_check(report, report.game))


def learning_html(result) -> str:
    from .learning_report import render_learning

    return fragment(render_learning(result, "html"))
