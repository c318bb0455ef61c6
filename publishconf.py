"""Production settings: the site hosted at SITEURL, which may be a sub-path such as
https://example.github.io/cities4cities (set it in the environment of the deploy job)."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = (os.environ.get("SITEURL") or PRODUCTION_URL).rstrip("/")  # noqa: F405
PUBLIC_URL = SITEURL
RELATIVE_URLS = False
