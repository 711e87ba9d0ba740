"""BG-N014 beyond its fixture (tests/rules/BG-N014.yaml): what it leaves alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_graph.check import parts
from budget_graph.read import read_file

_DOCUMENT = """# 2024年某某统计局部门预算

## 第三部分 某某统计局2024年部门预算情况说明

### 九、其他重要事项的情况说明

（二）政府采购情况

{sentence}
"""


@pytest.mark.parametrize(
    "sentence",
    [
        # two of the three kinds: a '其中' list may be partial
        "政府采购预算总额101.89万元，其中：政府采购货物预算22.74万元，政府采购服务预算69.15万元。",
        # the kinds of what was awarded to small enterprises, a part of the total
        "政府采购预算总额101.89万元，其中：授予中小企业合同金额22.74万元，其中：货物10.00万元，工程0万元，服务12.74万元。",
        # the parts of another figure
        "政府采购预算总额101.89万元。机关运行经费50.00万元，其中：货物10.00万元，工程0万元，服务10.00万元。",
    ],
)
def test_parts_that_need_not_make_up_the_total_are_not_summed(tmp_path: Path, sentence: str) -> None:
    path = tmp_path / "budget.md"
    path.write_text(_DOCUMENT.format(sentence=sentence), encoding="utf-8")
    assert list(parts.check(read_file(path))) == []
