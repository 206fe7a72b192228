"""What the self-assessments ask, in code: the readiness dimensions and their questions, the
answer scale, the toolkit's principles, the groups an AI system can affect, and the risk scales.

The words are ours (written for Liaison, in gettext so that a member may answer in one language
and read the report in the other); the structure follows the public description of the
Toolkit for Responsible AI Innovation in Law Enforcement: five core principles, each with its
instrumental ones, and practical tools for organisational readiness and risk. Answers are
stored by key, so rewording a question never changes what was answered.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Question:
    key: str
    text: str


@dataclass(frozen=True)
class Dimension:
    key: str
    name: str
    purpose: str
    questions: tuple[Question, ...]


# The answer scale of every readiness question: 0 to 4.
LEVELS = (
    (0, pgettext_lazy("readiness level", "Not started")),
    (1, pgettext_lazy("readiness level", "Planned")),
    (2, pgettext_lazy("readiness level", "Partly in place")),
    (3, pgettext_lazy("readiness level", "In place")),
    (4, pgettext_lazy("readiness level", "In place and reviewed")),
)
LEVEL_HELP = {
    0: _("Nothing is done or decided yet."),
    1: _("It is decided and planned, with someone in charge, but not begun."),
    2: _("It exists for some units, systems or cases, not all."),
    3: _("It exists across the agency and is used."),
    4: _("It exists, is used, and was checked and improved in the last year."),
}
TOP_LEVEL = 4

DIMENSIONS = (
    Dimension(
        "governance",
        _("Governance"),
        _("Who decides about AI in the agency, by which rules, and who answers for it."),
        (
            Question(
                "governance.owner", _("A named senior person is accountable for every AI system the agency uses.")
            ),
            Question("governance.policy", _("A written policy says when the agency may use AI and when it may not.")),
            Question(
                "governance.inventory", _("The agency keeps an up-to-date list of the AI systems it uses or tests.")
            ),
            Question(
                "governance.oversight",
                _("An independent body (an ethics board, an inspectorate) reviews new uses of AI before they start."),
            ),
        ),
    ),
    Dimension(
        "people",
        _("People and skills"),
        _("Whether staff understand the systems they use and can question them."),
        (
            Question("people.training", _("Officers who use an AI system are trained in what it can and cannot do.")),
            Question("people.experts", _("The agency has, or can call on, data scientists and legal experts.")),
            Question(
                "people.challenge",
                _("Staff know how to report a result they think is wrong, and are protected when they do."),
            ),
            Question("people.leaders", _("Senior leaders have been briefed on the risks of AI in policing.")),
        ),
    ),
    Dimension(
        "data",
        _("Data"),
        _("The quality, lawfulness and protection of the data AI systems learn from and work on."),
        (
            Question("data.basis", _("Each data set used by an AI system has a documented legal basis.")),
            Question("data.quality", _("Data sets are checked for errors, gaps and bias before use.")),
            Question("data.protection", _("Access to the data is limited, logged and reviewed.")),
            Question("data.retention", _("Retention periods are set and applied to the data and the results.")),
        ),
    ),
    Dimension(
        "technology",
        _("Technology"),
        _("How systems are chosen, tested, secured and kept under watch."),
        (
            Question("technology.testing", _("Systems are tested on local data before they are used on real cases.")),
            Question("technology.monitoring", _("Accuracy is measured in use, and drift is noticed and acted on.")),
            Question("technology.security", _("Systems are protected against attack and misuse, and tested for it.")),
            Question(
                "technology.suppliers",
                _("Contracts with suppliers give the agency the information it needs to explain the system."),
            ),
        ),
    ),
    Dimension(
        "processes",
        _("Processes"),
        _("How AI fits the agency's procedures, from the first idea to retirement."),
        (
            Question(
                "processes.assessment", _("A risk assessment is done before each new use of AI and updated after.")
            ),
            Question(
                "processes.human", _("A person decides every action that affects someone; the system only assists.")
            ),
            Question("processes.records", _("Each use of a system on a case leaves a record that can be audited.")),
            Question(
                "processes.incidents", _("There is a procedure for incidents, including stopping a system quickly.")
            ),
        ),
    ),
    Dimension(
        "engagement",
        _("Engagement with the public"),
        _("Whether the public knows, can ask, and can complain."),
        (
            Question("engagement.information", _("The public is told which AI systems the agency uses, and why.")),
            Question("engagement.consultation", _("Communities affected are consulted before a system is introduced.")),
            Question(
                "engagement.redress", _("People can contest a decision in which AI played a part, and get an answer.")
            ),
            Question("engagement.reporting", _("The agency publishes what it learns from its use of AI.")),
        ),
    ),
)
DIMENSION_BY_KEY = {d.key: d for d in DIMENSIONS}
QUESTION_KEYS = tuple(q.key for d in DIMENSIONS for q in d.questions)
QUESTION_BY_KEY = {q.key: q for d in DIMENSIONS for q in d.questions}

# Readiness bands of a score (0-100), for the words beside a number.
BANDS = (
    (75, pgettext_lazy("readiness band", "Advanced")),
    (50, pgettext_lazy("readiness band", "Established")),
    (25, pgettext_lazy("readiness band", "Developing")),
    (0, pgettext_lazy("readiness band", "Early")),
)


@dataclass(frozen=True)
class Principle:
    key: str
    name: str
    instrumental: tuple[str, ...]


PRINCIPLES = (
    Principle("lawfulness", _("Lawfulness"), (_("legitimacy"), _("necessity"), _("proportionality"))),
    Principle(
        "harm",
        _("Minimisation of harm"),
        (_("well-being"), _("robustness and safety"), _("accuracy"), _("efficiency")),
    ),
    Principle(
        "autonomy",
        _("Human autonomy"),
        (_("privacy"), _("human control and oversight"), _("agency"), _("transparency and explainability")),
    ),
    Principle(
        "fairness",
        _("Fairness"),
        (
            _("diversity and accessibility"),
            _("non-discrimination"),
            _("protection of vulnerable groups"),
            _("contestability and redress"),
        ),
    ),
    Principle("governance", _("Good governance"), (_("accountability"), _("traceability and auditability"))),
)
PRINCIPLE_BY_KEY = {p.key: p for p in PRINCIPLES}

AFFECTED_GROUPS = (
    ("public", _("The general public")),
    ("suspects", _("Suspects and accused persons")),
    ("victims", _("Victims and witnesses")),
    ("vulnerable", _("Vulnerable groups (children, minorities, people with disabilities)")),
    ("staff", _("The agency's own staff")),
)

LIKELIHOOD = (
    (1, pgettext_lazy("likelihood", "Rare")),
    (2, pgettext_lazy("likelihood", "Unlikely")),
    (3, pgettext_lazy("likelihood", "Possible")),
    (4, pgettext_lazy("likelihood", "Likely")),
    (5, pgettext_lazy("likelihood", "Almost certain")),
)
SEVERITY = (
    (1, pgettext_lazy("severity", "Negligible")),
    (2, pgettext_lazy("severity", "Minor")),
    (3, pgettext_lazy("severity", "Moderate")),
    (4, pgettext_lazy("severity", "Major")),
    (5, pgettext_lazy("severity", "Severe")),
)

# Risk level of likelihood × severity (1-25): the lowest product of each level.
RISK_LEVELS = (
    (15, "critical", pgettext_lazy("risk level", "Critical")),
    (10, "high", pgettext_lazy("risk level", "High")),
    (5, "medium", pgettext_lazy("risk level", "Medium")),
    (1, "low", pgettext_lazy("risk level", "Low")),
)

STAGES = (
    ("idea", pgettext_lazy("life-cycle stage", "Idea")),
    ("procurement", pgettext_lazy("life-cycle stage", "Procurement")),
    ("development", pgettext_lazy("life-cycle stage", "Development")),
    ("pilot", pgettext_lazy("life-cycle stage", "Pilot")),
    ("in_use", pgettext_lazy("life-cycle stage", "In use")),
    ("retired", pgettext_lazy("life-cycle stage", "Retired")),
)
