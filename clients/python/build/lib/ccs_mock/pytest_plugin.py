"""pytest fixtures: `ccs_mock` (one server per test run, started or attached) and `ccs_session` (a fresh session per test)."""
import os

import pytest

from .client import CcsMock


@pytest.fixture(scope="session")
def ccs_mock():
    """A ccs-mock server for the whole run: `CCS_MOCK_URL` when set, else one started for it."""
    server = CcsMock.attach() if os.environ.get("CCS_MOCK_URL") else CcsMock.start()
    yield server
    server.close()


@pytest.fixture
def ccs_session(ccs_mock):
    """A session of its own for one test, removed afterwards."""
    with ccs_mock.session() as session:
        yield session
