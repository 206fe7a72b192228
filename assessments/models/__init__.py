from .readiness import ReadinessAnswer, ReadinessRound  # noqa: F401
from .risk import AISystem, Mitigation, RiskRating  # noqa: F401
from .workspaces import Membership, Workspace, WorkspaceInvitation, WorkspaceQuerySet  # noqa: F401
