"""ccs-mock from Python: a server (started or attached) and per-test sessions.

Only `requests` is needed. A started server listens on a free port of 127.0.0.1 over
HTTPS with its self-signed certificate, which the client trusts (no verify=False).
"""
import json
import os
import shlex
import shutil
import subprocess
import tempfile
import threading
import uuid

import requests

SESSION_HEADER = "X-CCS-Mock-Session"
ADMIN_KEY_HEADER = "X-CCS-Mock-Admin-Key"
DEFAULT_USER = ("domain1\\administrator", "pass@123")
START_TIMEOUT = 60


class CcsMockError(Exception):
    """A control-plane call that did not succeed."""

    def __init__(self, method, path, status, body):
        super().__init__(f"{method} {path} answered {status}: {body}")
        self.method = method
        self.path = path
        self.status = status
        self.body = body


class CcsMock:
    """A ccs-mock server: one this process started (`start`) or one running already (`attach`)."""

    def __init__(self, url, verify=True, admin_key=None, process=None, data_dir=None):
        self.url = url.rstrip("/")
        self.api_url = self.url + "/ccs/api/v1"
        self.verify = verify
        self.admin_key = admin_key
        self._process = process
        self._data_dir = data_dir
        self._http = requests.Session()
        self.admin = Admin(self, None)

    @classmethod
    def attach(cls, url=None, admin_key=None, verify=False):
        """A server that runs already (`url`, default `CCS_MOCK_URL`). HTTPS with its own certificate: pass `verify` (a CA file) or leave False."""
        url = url or os.environ.get("CCS_MOCK_URL")
        if not url:
            raise ValueError("no URL: pass one or set CCS_MOCK_URL")
        return cls(url, verify=verify, admin_key=admin_key or os.environ.get("CCS_MOCK_ADMIN_KEY"))

    @classmethod
    def start(cls, command=None, args=(), admin_key=None, http=False):
        """Starts ccs-mock on a free port with a fresh data dir; `close()` (or the `with` block) stops it and removes the dir."""
        command = command or shlex.split(os.environ.get("CCS_MOCK_COMMAND", "npx --yes ccs-mock"))
        data_dir = tempfile.mkdtemp(prefix="ccs-mock-py-")
        argv = [*command, "--port", "0", "--host", "127.0.0.1", "--data-dir", data_dir, "--log-level", "warn", *args]
        if http:
            argv.append("--http")
        if admin_key:
            argv += ["--admin-key", admin_key]
        env = {k: v for k, v in os.environ.items() if not k.startswith("CCS_MOCK_")}
        process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        ready = {}
        got_ready = threading.Event()

        def read_stdout():
            # The first JSON line with "ready" names the URL; later lines are drained so the pipe never fills.
            for line in process.stdout:
                if not got_ready.is_set():
                    try:
                        parsed = json.loads(line)
                    except ValueError:
                        continue
                    if isinstance(parsed, dict) and parsed.get("ready") is True:
                        ready.update(parsed)
                        got_ready.set()
            got_ready.set()

        stderr_lines = []
        threading.Thread(target=read_stdout, daemon=True).start()
        threading.Thread(target=lambda: stderr_lines.extend(process.stderr), daemon=True).start()
        if not got_ready.wait(START_TIMEOUT) or "url" not in ready:
            process.kill()
            shutil.rmtree(data_dir, ignore_errors=True)
            raise RuntimeError(f"ccs-mock did not start: {''.join(stderr_lines).strip() or 'no ready line'}")
        verify = True if http else os.path.join(data_dir, "tls", "cert.pem")
        return cls(ready["url"], verify=verify, admin_key=admin_key, process=process, data_dir=data_dir)

    def session(self, name=None):
        """A session of its own for one test (a fresh unique name unless given)."""
        return Session(self, name or f"py-{uuid.uuid4()}")

    def close(self):
        """Stops a started server (in-flight work finishes) and removes its data dir; nothing for an attached one."""
        self._http.close()
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._process.kill()
            self._process = None
        if self._data_dir is not None:
            shutil.rmtree(self._data_dir, ignore_errors=True)
            self._data_dir = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def request(self, method, path, session=None, token=None, headers=None, **kwargs):
        """Any request to the server; `session` and `token` add their headers."""
        all_headers = dict(headers or {})
        if session is not None:
            all_headers[SESSION_HEADER] = session
        if token is not None:
            all_headers["Authorization"] = f"Bearer {token}"
        # Per request: requests lets REQUESTS_CA_BUNDLE override a Session's verify, not a request's.
        kwargs.setdefault("verify", self.verify)
        return self._http.request(method, self.url + path, headers=all_headers, **kwargs)


class Session:
    """One test's session: CCS calls and control-plane calls that name it."""

    def __init__(self, server, name):
        self.server = server
        self.name = name
        self.headers = {SESSION_HEADER: name}
        self.admin = Admin(server, name)
        self.clock = self.admin.clock
        self.faults = self.admin.faults
        self.requests = self.admin.requests

    def login(self, username=DEFAULT_USER[0], password=DEFAULT_USER[1]):
        """An access token issued in this session (tokens are good only where they were issued)."""
        r = self.server.request("POST", "/ccs/api/v1/oauth/tokens", session=self.name,
                                data={"grant_type": "password", "username": username, "password": password})
        if r.status_code != 200:
            raise CcsMockError("POST", "/ccs/api/v1/oauth/tokens", r.status_code, r.text)
        return r.json()["access_token"]

    def request(self, method, path, token=None, **kwargs):
        return self.server.request(method, path, session=self.name, token=token, **kwargs)

    def get(self, path, token=None, **kwargs):
        return self.request("GET", path, token=token, **kwargs)

    def post(self, path, token=None, **kwargs):
        return self.request("POST", path, token=token, **kwargs)

    def patch(self, path, token=None, **kwargs):
        return self.request("PATCH", path, token=token, **kwargs)

    def delete(self, path, token=None, **kwargs):
        return self.request("DELETE", path, token=token, **kwargs)

    def reset(self):
        """Back to the fixtures: data, clock, fault rules, journal and coverage of this session."""
        return self.admin.call("POST", f"/sessions/{self.name}/reset", json={})

    def snapshot(self):
        """The session's whole state (GET /__admin/state)."""
        return self.admin.call("GET", "/state")

    def restore(self, snapshot):
        """Replaces the session's state with a snapshot (PUT /__admin/state)."""
        return self.admin.call("PUT", "/state", json=snapshot)

    def notifications(self):
        return self.admin.call("GET", "/notifications")["notifications"]

    def close(self):
        """Removes the session and its data (fine when it was never used)."""
        try:
            self.admin.call("DELETE", f"/sessions/{self.name}", scoped=False)
        except CcsMockError as err:
            if err.status != 404:
                raise

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Admin:
    """The control plane (`/__admin`), for the whole server or (`session`) for one session."""

    def __init__(self, server, session):
        self.server = server
        self.session = session
        self.clock = _Clock(self)
        self.faults = _Faults(self)
        self.requests = _Requests(self)

    def call(self, method, path, scoped=True, **kwargs):
        headers = {}
        if self.server.admin_key:
            headers[ADMIN_KEY_HEADER] = self.server.admin_key
        session = self.session if scoped else None
        r = self.server.request(method, "/__admin" + path, session=session, headers=headers, **kwargs)
        if r.status_code >= 300:
            raise CcsMockError(method, "/__admin" + path, r.status_code, r.text)
        return None if r.status_code == 204 else r.json()

    def health(self):
        return self.call("GET", "/health")

    def reset(self):
        """Every data set back to the fixtures (the whole server)."""
        return self.call("POST", "/reset", json={})

    def coverage(self):
        return self.call("GET", "/coverage")


class _Clock:
    def __init__(self, admin):
        self._admin = admin

    def get(self):
        return self._admin.call("GET", "/clock")

    def change(self, **change):
        """Any of real, set, advance, freeze, applied in that order."""
        return self._admin.call("POST", "/clock", json=change)

    def advance(self, duration):
        """An ISO 8601 duration such as "PT90M" or "P7D"; plays every schedule and run it passes."""
        return self.change(advance=duration)

    def set(self, instant):
        return self.change(set=instant)

    def freeze(self):
        return self.change(freeze=True)

    def resume(self):
        return self.change(freeze=False)


class _Faults:
    def __init__(self, admin):
        self._admin = admin

    def add(self, rule):
        """A fault rule; made for a session, it applies only to that session's requests."""
        return self._admin.call("POST", "/faults", json=rule)

    def list(self):
        return self._admin.call("GET", "/faults")

    def remove(self, rule_id):
        self._admin.call("DELETE", f"/faults/{rule_id}")

    def clear(self):
        self._admin.call("DELETE", "/faults")


class _Requests:
    def __init__(self, admin):
        self._admin = admin

    def list(self, **query):
        return self._admin.call("GET", "/requests", params=query)

    def count(self, matcher=None):
        """How many journal entries match (method, path, status, user, bodyContains, ...)."""
        return self._admin.call("POST", "/requests/count", json=matcher or {})["count"]

    def clear(self):
        self._admin.call("DELETE", "/requests")
