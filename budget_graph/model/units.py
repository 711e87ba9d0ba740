"""One unit, however a filing names it: the key by which files and filings of a unit are matched.

Real files name one unit several ways — 中共江苏省委办公厅, 江苏省委办公厅 and 中国共产党江苏省委员会办公厅 on
the cover, the tables and the filer lines of one filing; 深圳市罗湖区企业服务中心（本级） beside the same name
without 本级; 江苏省人民检察院 beside 江苏省检察院, the 人民 common use drops. The key folds the forms
official text uses for one body; it keeps everything that tells two bodies apart (the district in
上海市普陀区财政局, 政协 against the Party committee).
"""

from __future__ import annotations

import re
import unicodedata

# what a name may carry to say which of the unit's accounts a table shows — its own office, or all its
# units together — and still name the unit: '（本级）', '（汇总）', '（部门汇总）', '（含下属单位）', '机关'
# (on the width-folded, space-free name)
ACCOUNTS_NAMED = re.compile(
    r"(?:\((?:本级|汇总|部门汇总|部门|合并|本部|机关|含(?:下属|所属)单位)\)|本级|机关|本部)$"
)

# (pattern, replacement) applied in order to the width-folded, space-free name
_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (ACCOUNTS_NAMED, ""),
    (re.compile(r"中国共产党"), "中共"),
    (re.compile(r"中国共产主义青年团"), "共青团"),
    (re.compile(r"人民代表大会常务委员会"), "人大常委会"),
    # 江苏省人民检察院 = 江苏省检察院, 上海市人民政府办公厅 = 上海市政府办公厅: 人民 is dropped in common use
    (re.compile(r"人民(?=检察院|法院|政府)"), ""),
    # 普陀区人民政府万里街道办事处 = 普陀区万里街道办事处: an office of the district's government
    (re.compile(r"政府(?=.+办事处$)"), ""),
    (re.compile(r"中国人民政治协商会议"), "政协"),
    (re.compile(r"^政协(.+?)委员会"), r"\1政协"),  # 政协江苏省委员会办公厅 = 江苏省政协办公厅
    # 江苏省委员会办公厅 = 江苏省委办公厅: a committee of a province, city, district, county …
    (re.compile(r"(省|市|区|县|州|旗)委员会"), r"\1委"),
    # 中共江苏省委办公厅 = 江苏省委办公厅: a Party committee's organ is named with or without 中共
    (re.compile(r"^中共(?=.+委)"), ""),
)


def unit_key(name: str) -> str:
    """The name with the variants of one unit folded: equal keys name the same unit."""
    key = "".join(unicodedata.normalize("NFKC", name).split())
    for pattern, replacement in _FORMS:
        key = pattern.sub(replacement, key)
    return key


# Administrative divisions a name may be given under: 上海市, 普陀区, 江苏省, 某某自治州, 某某县 …
_DIVISIONS = re.compile(r"^(?:.{1,8}?(?:省|自治区|市|自治州|地区|盟|区|县|旗))+$")


def same_unit(one: str, other: str) -> bool:
    """Equal keys, or one name is the other under the divisions above the one it starts with: a tables
    file's filer line says 普陀区财政局 where the cover says 上海市普陀区财政局. A name that starts with
    no division of its own (财政局) is matched to no other."""
    short, long = sorted((unit_key(one), unit_key(other)), key=len)
    if short == long:
        return True
    above = long[: len(long) - len(short)]
    return long.endswith(short) and bool(_DIVISIONS.match(above)) and _starts_with_division(short)


def _starts_with_division(name: str) -> bool:
    return any(_DIVISIONS.match(name[:end]) for end in range(2, min(len(name), 10)))
