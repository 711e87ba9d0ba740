"""Error-level findings on the corpus PDFs: each one below was confirmed by reading the PDF.

A new error on these filings is either a real inconsistency (confirm it in the PDF and add it here)
or a false alarm (fix the reader or the check). Skipped when ../shared/corpus is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

# (folder/year, rule, page of the first figure, figure as found) — what the PDF says, checked by eye
CONFIRMED = {
    # '与上年相比减少2,233.13万元，下降66.69%' on a base of 3,348.98: 66.68%
    ("js-court/2017", "BG-Y001", 22, "增长79.05%"),  # 提租补贴 865.57 / (1,959.99 − 865.57) = 79.09%
    ("js-court/2018", "BG-Y001", 19, "减少5.95%"),  # 一般行政事务管理 392.92 / (6,049.97 + 392.92) = 6.10%
    ("js-cppcc/2018", "BG-Y001", 15, "下降66.69%"),
    # 基本支出 stated 12323.46万元 (p19); 三、支出预算总表 and p19's own 占比 line print 12,323.48
    ("js-procuratorate/2017", "BG-N002", 19, "12,323.46万元"),
    # 机关运行经费 6032.55万元, '比2016年增加3401.59万元，增长129.97%': 129.29%
    ("js-procuratorate/2017", "BG-Y001", 22, "增长129.97%"),
    # '因公出国（境）费支出110万元，占“三公”经费的18.85%；公务用车购置及运行费支出317.8万元，占…54.43%；公务接待费
    # 支出156.55万元，占…26.72%' — of the 三公 小计 584.35 (p22 and table 十一) they are 18.82%, 54.39%, 26.79%
    ("js-procuratorate/2017", "BG-N011", 22, "54.43%"),
    ("js-procuratorate/2017", "BG-N011", 22, "26.72%"),
    ("js-procuratorate/2018", "BG-Y001", 23, "增长21.95%"),  # 3,958.67 / 17,996.68 = 22.00%
    ("js-procuratorate/2018", "BG-Y001", 26, "增长0.06%"),  # 21.8 / 3,644.2 = 0.60%
    ("js-procuratorate/2018", "BG-Y001", 26, "降幅0.66%"),  # 134 / 2,029 = 6.60%
    ("js-procuratorate/2019", "BG-Y001", 25, "增长10.06%"),  # 2,214.39 / 21,955.35 = 10.09%
    ("js-procuratorate/2019", "BG-Y001", 26, "减少13.22%"),  # 项目支出 1,237.7 / 5,573.0 = 22.21%
    ("js-procuratorate/2019", "BG-Y001", 29, "增加34.38%"),  # 368.97 / 1,073.77 = 34.36%
    # PROVENANCE.txt: '行政运行（项）支出6106.99万元，与上年相比增加101.48万元，增长1.66%' — 101.48 / 6005.51 = 1.69%
    ("js-party-office/2017", "BG-Y001", 8, "增长1.66%"),
    # PROVENANCE.txt: '住房保障（类）支出3894.09万元，增加878.93万元，增长30%' — 878.93 / 3015.16 = 29.15%
    ("js-party-office/2019", "BG-Y001", 8, "增长30%"),
    # item 7 states 职业年金 887.36万元; the tables print 873,617.00元 (87.36万元)
    ("sh-putuo-caizhengju-2025-yusuan/2025", "BG-N008", 7, "887.36万元"),
    # item 3: 45.41 against 11.67 is +289.12%, printed 增加314.82%
    ("sh-putuo-wanli-jiedao-2023-yusuan/2023", "BG-Y001", 6, "增加314.82%"),
    # '政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元' (the line above, copied)
    ("sh-putuo-wanli-jiedao-2023-yusuan/2023", "BG-Y003", 6, "1,421.25万元"),
    # item 16 restates item 15's '2023年预算安排441.25万元 … 增加60.54%' for 职业年金 (tables: 220.63万元)
    ("sh-putuo-wanli-jiedao-2023-yusuan/2023", "BG-N008", 7, "441.25万元"),
    ("sh-putuo-wanli-jiedao-2023-yusuan/2023", "BG-Y001", 7, "增加60.54%"),
    # '2024年度财政拨款收入支出总计0.3万元' (p21); the 财政拨款收入支出决算总表 (p13) prints 总计 2,961.68
    ("sh-putuo-caizhengju-2024-juesuan/2024", "BG-D007", 21, "0.3万元"),
    # '一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出（类）2106.66万元，占71.73%；…' — 71.65%
    # (the four shares printed add up to 100.07%)
    ("sh-putuo-caizhengju-2024-juesuan/2024", "BG-N011", 21, "71.73%"),
}


# False alarms still raised by a check (not by the reader); remove each when its check is fixed.
@pytest.fixture(scope="module")
def errors(corpus: Path) -> set[tuple[str, str, int | None, str]]:
    from budget_graph.check.engine import check_filing
    from budget_graph.read import read_paths

    found = set()
    for filing in read_paths([str(p) for p in sorted(corpus.glob("*/*.pdf"))]):
        key = f"{Path(filing.sources[0]).parent.name}/{filing.year}"
        for finding in check_filing(filing).findings:
            # BG-T (text hygiene): the template's placeholders, listed by page in test_hygiene_corpus.py
            if finding.severity.value == "error" and not finding.rule.startswith("BG-T"):
                found.add((key, finding.rule, finding.locations[0].page, finding.actual))
    return found


def test_every_error_on_the_corpus_is_confirmed(errors) -> None:
    assert errors - CONFIRMED == set()


def test_every_confirmed_inconsistency_is_found(errors) -> None:
    assert CONFIRMED - errors == set()
