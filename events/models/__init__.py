"""Event data, one module per part: the week and its events, the programme, registrations, roundtables."""

from .checkins import CheckIn  # noqa: F401
from .programme import AgendaFeed, AgendaItem, Session, SessionDocument, SessionKind, Speaker, session_language_choices  # noqa: F401
from .registrations import (  # noqa: F401
    HOLDING,
    Attendance,
    Invitation,
    Notification,
    Registration,
    Role,
    SeatCount,
    Status,
    StatusChange,
)
from .roundtables import Placement, Roundtable, TopicKind  # noqa: F401
from .week import ConferenceWeek, Event  # noqa: F401
