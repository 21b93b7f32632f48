"""One answer vocabulary everywhere (issue #18, item 6): `?` is *tidak yakin* / *not sure* in the
walk's legend, the report, the printable checklist, the workbook and what an answers file takes;
old forms' labels ("Tidak tahu") still import."""

from __future__ import annotations

from pmi_ready.checklists import load_catalog
from pmi_ready.core import AnswerValue
from pmi_ready.export.words import words
from pmi_ready.i18n import both, translator
from pmi_ready.records.submissions.columns import columns_for
from pmi_ready.render.labels import make_labels
from tests.conftest import MINI


def test_one_word_for_unsure_in_each_language() -> None:
    for lang, word in (("id", "tidak yakin"), ("en", "not sure")):
        tr = translator(lang)
        assert tr.answer("unsure") == word  # the walk's legend and its replies
        report = make_labels(both).answer_words[AnswerValue.UNSURE].get(lang)
        assert report.lower() == word  # the report
        assert words().unsure.get(lang).lower() == word  # the printable checklist, the form


def test_answers_files_and_old_forms_take_the_words() -> None:
    from pmi_ready.assessment.answers_file import _WORDS

    for typed in ("tidak yakin", "not sure", "unsure", "?"):
        assert _WORDS[typed] is AnswerValue.UNSURE
    cols = columns_for(load_catalog([MINI], builtin=False))
    for label in ("Tidak yakin", "Not sure", "Tidak tahu"):
        assert cols.answer(label) == "unsure"
