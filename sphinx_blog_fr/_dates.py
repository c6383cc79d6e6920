"""French dates, formatted once and the same everywhere.

ABlog formats dates with ``strftime``, which speaks the build machine's locale
(« 13 November ») and knows nothing of time zones. This extension adds the
``blog_timezone`` setting and two Jinja filters that format with Babel in the
site's ``language``: ``blog_date`` (« 10 novembre 2017 ») and ``blog_month``
(« novembre 2017 »). Templates, listings and feeds use these and nothing else.
"""

from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_skeleton
from sphinx.application import Sphinx
from sphinx.config import Config


def blog_zone(config: Config) -> ZoneInfo:
    """Return the blog's time zone, the one ``blog_timezone`` names."""
    return ZoneInfo(config.blog_timezone)


def localize(moment: date | datetime, config: Config) -> datetime:
    """Return *moment* as an aware datetime in the blog's time zone.

    A bare date, or a naive datetime as ABlog reads from front matter, is a
    moment on the blog's own clock; an aware one is converted to it.
    """
    zone = blog_zone(config)
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time())
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    return moment.astimezone(zone)


def today(config: Config) -> date:
    """Return today's date on the blog's clock, whatever the machine's time zone."""
    return datetime.now(blog_zone(config)).date()


def format_day(moment: date, config: Config) -> str:
    """Return « 10 novembre 2017 » for *moment*, in the site's language."""
    # Babel formats a datetime by its date, as written (no time zone change): the day is the key.
    return _format_day(moment.date() if isinstance(moment, datetime) else moment, config.language)


@lru_cache(maxsize=4096)
def _format_day(day: date, language: str) -> str:
    """Format *day* in *language*, once: a build formats the same few days thousands of times, and Babel is slow."""
    # French writes the first day of a month as an ordinal: « 1er novembre 2017 ».
    if day.day == 1 and language.startswith("fr"):
        return format_date(day, "d'er' MMMM y", locale=language)
    return format_date(day, "d MMMM y", locale=language)


def format_month(moment: date, config: Config) -> str:
    """Return « novembre 2017 » for *moment*, in the site's language."""
    return _format_month(moment.year, moment.month, config.language)


@lru_cache(maxsize=4096)
def _format_month(year: int, month: int, language: str) -> str:
    """Format a month in *language*, once: Babel finds the skeleton's best pattern again on every call."""
    return format_skeleton("yMMMM", date(year, month, 1), locale=language)


def _install_filters(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    if templates is None:
        return
    filters = templates.environment.filters
    filters["blog_date"] = lambda moment: format_day(moment, app.config)
    filters["blog_month"] = lambda moment: format_month(moment, app.config)


def setup(app: Sphinx) -> dict:
    app.add_config_value("blog_timezone", "UTC", "env", types=[str])
    app.connect("builder-inited", _install_filters)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
