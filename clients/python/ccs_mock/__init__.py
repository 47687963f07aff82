"""Start or attach to ccs-mock and give each test its own session."""
from .client import CcsMock, CcsMockError, Session

__all__ = ["CcsMock", "CcsMockError", "Session"]
