"""Document text made safe to render: no HTML and no Markdown image can load an outside resource.

Library documents and drafts come from anywhere; a plain `<img src="http://…">` in one would
make every browser that shows it call that server. nh3 (the ammonia sanitiser) strips all raw
HTML to its text; Markdown image syntax is escaped so it shows as text.
"""

from __future__ import annotations

import nh3


def safe_markdown(text: str) -> str:
    """Markdown with every HTML tag removed (its text kept) and no image syntax left."""
    cleaned = nh3.clean(text, tags=set())
    # "![alt](url)" and "![alt][ref]" are the only Markdown forms that fetch on render.
    return cleaned.replace("![", "!\\[")
