"""The one pattern of an id, a record's or a taxonomy entry's: lower-case ASCII letters, digits and dashes."""
from __future__ import annotations

import re

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
ID = re.compile(ID_PATTERN)
MAX_ID_LENGTH = 100   # a record id, the name of its file
