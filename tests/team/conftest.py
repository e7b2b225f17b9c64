"""The shared-workspace fixtures (tests/team_support.py) and a free loopback port."""

from team_support import team  # noqa: F401 - a fixture
from workspace.conftest import free_port_factory  # noqa: F401 - a fixture
