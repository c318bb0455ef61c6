"""Pelican settings for local builds (make build / make serve). Production: publishconf.py."""

SITENAME = "cities4cities"
SITEURL = ""  # links are root-relative locally
PUBLIC_URL = "http://localhost:8000"  # absolute addresses: canonical, Open Graph, sitemap
REPOSITORY = "cities4cities/cities4cities"  # owner/name on GitHub, for "edit" and submit links
REPOSITORY_BRANCH = "main"  # where submissions and "create new file" links go
# Where the deployed site lives when no SITEURL is given (publishconf.py; the issue forms link it).
PRODUCTION_URL = "https://cities4cities.github.io/cities4cities"
# The licence of the open data at /data/ (the JSON, CSV and GeoJSON files carry it too).
DATA_LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}

PATH = "content"
THEME = "theme"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"

# Every page comes from the cities4cities.site plugin; Pelican reads no articles or pages.
PLUGINS = ["cities4cities.site"]
ARTICLE_PATHS: list[str] = []
PAGE_PATHS: list[str] = []
STATIC_PATHS: list[str] = []
DIRECT_TEMPLATES: list[str] = []
for _kind in (
    "ARTICLE",
    "PAGE",
    "CATEGORY",
    "TAG",
    "AUTHOR",
    "ARCHIVES",
    "YEAR_ARCHIVE",
    "MONTH_ARCHIVE",
    "DAY_ARCHIVE",
    "DRAFT",
    "DRAFT_PAGE",
    "ARTICLE_LANG",
    "PAGE_LANG",
):
    globals()[f"{_kind}_SAVE_AS"] = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None

# The output folder is kept between builds: only pages whose content changed are written again,
# and files no longer made are removed (cities4cities/site/manifest.py), with what is kept
# between builds in CACHE_PATH. The first build into a folder empties it.
DELETE_OUTPUT_DIRECTORY = False
CACHE_PATH = ".cache"
OUTPUT_PATH = "output"
JINJA_ENVIRONMENT = {"extensions": ["jinja2.ext.i18n"], "trim_blocks": True, "lstrip_blocks": True}
THEME_STATIC_PATHS = ["static"]
