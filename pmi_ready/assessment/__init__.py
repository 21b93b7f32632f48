"""An assessment: its steps (profile, items, funds, review) run through an `Asker`, its state saved
answer by answer, answers files, and the one evaluation path that scores it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmi_ready._lazy import lazy_exports

if TYPE_CHECKING:
    from pmi_ready.assessment.answers_file import (
        AnswersFile as AnswersFile,
        answers_record as answers_record,
        check_answers as check_answers,
        load_answers as load_answers,
        save_answers as save_answers,
    )
    from pmi_ready.assessment.flow import (
        Assessment as Assessment,
    )
    from pmi_ready.assessment.replies import (
        ANSWER_KEYS as ANSWER_KEYS,
        Problem as Problem,
        parse_answer as parse_answer,
    )
    from pmi_ready.assessment.screens import (
        Asker as Asker,
        FundsRequest as FundsRequest,
        ItemPrompt as ItemPrompt,
        Notice as Notice,
        Outcome as Outcome,
        Place as Place,
        ProfilePrompt as ProfilePrompt,
        Prompt as Prompt,
        Review as Review,
    )
    from pmi_ready.assessment.state import (
        CONSENT as CONSENT,
    )
    from pmi_ready.assessment.verdict import (
        CatalogUsed as CatalogUsed,
        catalog_for as catalog_for,
        checklists_section as checklists_section,
        evaluate as evaluate,
        local_date as local_date,
        report_context as report_context,
        wants_funds as wants_funds,
    )

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "ANSWER_KEYS": "replies",
        "AnswersFile": "answers_file",
        "answers_record": "answers_file",
        "check_answers": "answers_file",
        "Asker": "screens",
        "CONSENT": "state",
        "CatalogUsed": "verdict",
        "catalog_for": "verdict",
        "checklists_section": "verdict",
        "evaluate": "verdict",
        "local_date": "verdict",
        "report_context": "verdict",
        "FundsRequest": "screens",
        "load_answers": "answers_file",
        "Notice": "screens",
        "Outcome": "screens",
        "Problem": "replies",
        "parse_answer": "replies",
        "ItemPrompt": "screens",
        "Place": "screens",
        "ProfilePrompt": "screens",
        "Prompt": "screens",
        "Review": "screens",
        "save_answers": "answers_file",
        "Assessment": "flow",
        "wants_funds": "verdict",
    },
)
