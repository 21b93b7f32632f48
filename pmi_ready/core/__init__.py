"""The pure core: values, the checklist model, errors, conditions and scoring. No I/O."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmi_ready._lazy import lazy_exports

if TYPE_CHECKING:
    from pmi_ready.core.conditions import (
        answer_of as answer_of,
        applicable as applicable,
        checklist_applies as checklist_applies,
        derived_answer as derived_answer,
        describe as describe,
        describe_answers as describe_answers,
        matches as matches,
    )
    from pmi_ready.core.errors import (
        EXIT_USER as EXIT_USER,
        InputEndedError as InputEndedError,
        NotFoundError as NotFoundError,
        PmiReadyError as PmiReadyError,
        Problem as Problem,
        ProblemsError as ProblemsError,
        StorageError as StorageError,
        UsageError as UsageError,
        display_path as display_path,
    )
    from pmi_ready.core.model import (
        LANGS as LANGS,
        Answer as Answer,
        AnswerCondition as AnswerCondition,
        AnswerValue as AnswerValue,
        Catalog as Catalog,
        Checklist as Checklist,
        Choice as Choice,
        Condition as Condition,
        ConditionValue as ConditionValue,
        Contact as Contact,
        Contacts as Contacts,
        DataFile as DataFile,
        FieldType as FieldType,
        FromProfile as FromProfile,
        Item as Item,
        Lang as Lang,
        Level as Level,
        Profile as Profile,
        ProfileField as ProfileField,
        ProfileSpec as ProfileSpec,
        Range as Range,
        Source as Source,
        Text as Text,
        Words as Words,
    )
    from pmi_ready.core.scoring import (
        STATUS_TEXT as STATUS_TEXT,
        ItemResult as ItemResult,
        Readiness as Readiness,
        RedFlag as RedFlag,
        Status as Status,
        assess as assess,
    )
    from pmi_ready.core.values import (
        frozen as frozen,
    )

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "Answer": "model",
        "AnswerValue": "model",
        "applicable": "conditions",
        "assess": "scoring",
        "Catalog": "model",
        "Checklist": "model",
        "checklist_applies": "conditions",
        "Choice": "model",
        "Condition": "model",
        "ConditionValue": "model",
        "Contact": "model",
        "Contacts": "model",
        "DataFile": "model",
        "describe": "conditions",
        "display_path": "errors",
        "EXIT_USER": "errors",
        "FieldType": "model",
        "frozen": "values",
        "InputEndedError": "errors",
        "Item": "model",
        "ItemResult": "scoring",
        "Lang": "model",
        "LANGS": "model",
        "Level": "model",
        "matches": "conditions",
        "NotFoundError": "errors",
        "PmiReadyError": "errors",
        "Problem": "errors",
        "ProblemsError": "errors",
        "Profile": "model",
        "ProfileField": "model",
        "ProfileSpec": "model",
        "Range": "model",
        "Words": "model",
        "AnswerCondition": "model",
        "FromProfile": "model",
        "answer_of": "conditions",
        "derived_answer": "conditions",
        "describe_answers": "conditions",
        "Readiness": "scoring",
        "RedFlag": "scoring",
        "Source": "model",
        "Status": "scoring",
        "STATUS_TEXT": "scoring",
        "StorageError": "errors",
        "Text": "model",
        "UsageError": "errors",
    },
)
