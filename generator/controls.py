"""Control characters: the one definition of those that article text, records and YAML do not keep as they are.

The three sets differ on purpose: article text keeps line breaks and C1 codes (a later stage may read
them), a record's strings lose carriage returns, C1 codes and lone surrogates, and a YAML scalar is
double-quoted for any character a plain or single-quoted one would not keep exactly.
"""
from __future__ import annotations

import re

C0 = "\x00-\x08\x0b\x0c\x0e-\x1f"   # the C0 controls but tab, line feed and carriage return
C1 = "\x7f-\x9f"                     # DEL and the C1 controls

# In decoded article text: replaced by a space (lxml refuses them).
IN_TEXT = re.compile(f"[{C0}\x7f]")
# In an extracted record's strings: removed (JSON "\ud800" can carry lone surrogates).
IN_RECORD = re.compile(f"[{C0}\r{C1}\ud800-\udfff]")
# In a YAML scalar: forces double quotes (tabs and carriage returns, line and paragraph separators,
# the byte-order mark and the non-characters included).
IN_YAML = re.compile(f"[{C0}\t\r{C1}\u2028\u2029\ufeff\ufffe\uffff]")
