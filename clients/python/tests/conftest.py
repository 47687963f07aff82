import os
import sys

# The tests run from a checkout without installing the package.
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

pytest_plugins = ["ccs_mock.pytest_plugin"]
