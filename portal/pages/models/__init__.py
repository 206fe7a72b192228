"""Page types of the portal, one module per type (and its index page)."""

from .base import ContentPage, ContentPageQuerySet, ThemeLink  # noqa: F401
from .best_practice import (  # noqa: F401
    BestPracticeAttachment,
    BestPracticeIndexPage,
    BestPracticePage,
    BestPracticeTheme,
)
from .compendium import CompendiumEntry, CompendiumIndexPage, CompendiumPage, CompendiumTheme  # noqa: F401
from .conclusion import (  # noqa: F401
    ConclusionIndexPage,
    ConclusionPage,
    ConclusionTheme,
    FollowUpStatus,
    ProgressUpdate,
)
from .conference import CoLocatedMeeting, ConferenceIndexPage, ConferencePage  # noqa: F401
from .home import HomePage  # noqa: F401
from .initiative import InitiativeIndexPage, InitiativePage, InitiativeTheme  # noqa: F401
from .news import NewsIndexPage, NewsPage, NewsTheme  # noqa: F401
from .toolkit import (  # noqa: F401
    ToolkitChapter,
    ToolkitIndexPage,
    ToolkitPage,
    ToolkitPartner,
    ToolkitRelease,
    ToolkitTheme,
)
