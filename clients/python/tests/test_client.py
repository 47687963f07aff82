"""The helper against a real ccs-mock: started once for the run (see conftest.py)."""
from ccs_mock import CcsMock, CcsMockError

JOB = "a282d163-2248-4904-8135-0eaf08be8e55"
JOBS = "/ccs/api/v1/jobs"


def job(name):
    return {
        "JobType": "CollectionEvaluationJob",
        "JobDetails": {
            "JobName": name,
            "AssetsResolutionInfo": [{"Id": "d387d8b5-6278-4bcb-83c7-b55d2072d2a8", "Type": "symc-csm-AssetSystem-Asset-Unix-Machine"}],
            "Standards": ["6b020d29-5fe8-47d0-bd89-ccd3339a5ebe"],
        },
    }


def test_a_started_server_is_healthy_over_https_with_its_own_certificate(ccs_mock):
    assert ccs_mock.url.startswith("https://127.0.0.1:")
    assert ccs_mock.admin.health()["status"] == "ok"


def test_a_session_logs_in_and_reads(ccs_session):
    token = ccs_session.login()
    r = ccs_session.get(f"/ccs/api/v1/Jobs/{JOB}", token=token)
    assert r.status_code == 200
    assert r.json()["JobID"] == JOB


def test_sessions_never_see_each_other(ccs_mock):
    with ccs_mock.session() as a, ccs_mock.session() as b:
        token_a, token_b = a.login(), b.login()
        assert b.get(f"/ccs/api/v1/Jobs/{JOB}", token=token_a).status_code == 401, "a token is good only in its session"

        a.faults.add({"method": "POST", "path": JOBS, "count": 1, "fault": {"type": "status", "status": 503}})
        assert a.post(JOBS, token=token_a, json=job("in a")).status_code == 503
        assert b.post(JOBS, token=token_b, json=job("in b")).status_code == 200, "a's fault rule is a's only"
        assert a.requests.count({"method": "POST", "path": JOBS}) == 1
        assert b.requests.count({"method": "POST", "path": JOBS}) == 1

        a.clock.advance("PT90M")
        assert a.get(f"/ccs/api/v1/Jobs/{JOB}", token=token_a).status_code == 401, "a's clock expired a's token"
        assert b.get(f"/ccs/api/v1/Jobs/{JOB}", token=token_b).status_code == 200, "b's clock did not move"


def test_snapshot_restore_and_reset(ccs_session):
    token = ccs_session.login()
    created = ccs_session.post(JOBS, token=token, json=job("kept in the snapshot")).json()["JobID"]
    snapshot = ccs_session.snapshot()
    ccs_session.reset()
    token = ccs_session.login()
    assert ccs_session.get(f"/ccs/api/v1/Jobs/{created}", token=token).status_code == 404, "reset to the fixtures"
    ccs_session.restore(snapshot)
    assert ccs_session.get(f"/ccs/api/v1/Jobs/{created}", token=token).status_code == 200, "restored"


def test_attach_to_a_running_server(ccs_mock):
    attached = CcsMock.attach(ccs_mock.url, verify=ccs_mock.verify)
    with attached.session() as s:
        assert s.get(f"/ccs/api/v1/Jobs/{JOB}", token=s.login()).status_code == 200
    assert attached.admin.health()["status"] == "ok"
    attached.close()


def test_control_plane_errors_raise(ccs_session):
    try:
        ccs_session.clock.advance("ninety minutes")
    except CcsMockError as err:
        assert err.status == 400
        assert "advance" in err.body
    else:
        raise AssertionError("a bad duration must raise")
