"""What a filing must contain and what its narrative parts explain, as the layout profiles declare it.

The profiles (budget_graph/profiles/) hold the requirement sets (disclosure-rules.md A.1, A.2, A.4, the
Shenzhen, Shanghai and Jiangsu sets) and the narrative topics. The mapper writes each layout that applies
to a filing into its graph (bg:layout) and the topics each part explains, and the completeness shapes
compare the filing with them. Topics are recognised from part titles and headings, because parts are
numbered and titled differently in every region.
"""

from __future__ import annotations

import re

from budget_graph.model import NarrativePart
from budget_graph.profiles import Layout, Topic, layouts_for, topics

__all__ = ["TOPICS", "Layout", "Topic", "layouts_for", "topics_of"]

TOPICS = topics()

# A paragraph the reader did not recognise as a heading: short and enumerated (一、… （二）…).
_HEADING_LIKE = re.compile(r"^\s*(（?[一二三四五六七八九十]+[、）]|第[一二三四五六七八九十]+部分)")
_HEADING_MAX = 40


def topics_of(part: NarrativePart) -> list[Topic]:
    """The topics a part explains: named in its title, its headings or its heading-like lines."""
    texts = [part.title, *(heading.text for heading in part.headings)]
    texts += [p.heading for p in part.paragraphs if p.heading]
    texts += [p.text for p in part.paragraphs if len(p.text) <= _HEADING_MAX and _HEADING_LIKE.match(p.text)]
    joined = "\n".join(texts)
    return [topic for topic in TOPICS if topic.pattern.search(joined)]
