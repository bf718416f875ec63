"""LLM brief rewrite against a local fake OpenAI-compatible server."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from storytrace.brief.llm import rewrite, supported
from storytrace.config import Config
from storytrace.model import Article, BriefSentence

ARTICLES = {
    "a": Article(
        id="a", text="The council approved the budget of 40 million on Monday. Mayor Lee welcomed it."
    ),
    "b": Article(id="b", text="Lee, the mayor, said the budget was approved."),
}
BRIEF = [
    BriefSentence(text="The council approved the budget of 40 million on Monday.", citations=["a"]),
    BriefSentence(text="Mayor Lee welcomed it.", citations=["a", "b"], section="who said what"),
]
# Line 1 is a faithful rewrite; line 2 invents a number and a name that no cited text has.
ANSWER = (
    "1. On Monday the council approved the 40 million budget.\n"
    "2. Mayor Lee welcomed the 55 million plan, said Governor Park."
)


class _Handler(BaseHTTPRequestHandler):
    requests: list[dict] = []

    def do_POST(self):  # noqa: N802 - http.server API
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _Handler.requests.append({"path": self.path, "body": body})
        data = json.dumps({"choices": [{"message": {"role": "assistant", "content": ANSWER}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture()
def server():
    httpd = HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def test_rewrite_keeps_supported_and_rejects_invented(server):
    out = rewrite(BRIEF, ARTICLES, Config(stages={"brief": {"llm_url": server}}))
    assert out[0].text == "On Monday the council approved the 40 million budget."
    assert out[1].text == "Mayor Lee welcomed it."  # rejected: 55 and Park are in no cited article
    assert [b.citations for b in out] == [["a"], ["a", "b"]]
    assert [b.section for b in out] == ["what happened", "who said what"]
    req = _Handler.requests[-1]
    assert req["path"] == "/v1/chat/completions"
    assert "1. The council approved" in req["body"]["messages"][1]["content"]


def test_unreachable_endpoint_keeps_extractive_brief():
    out = rewrite(BRIEF, ARTICLES, Config(stages={"brief": {"llm_url": "http://127.0.0.1:9"}}))
    assert [b.text for b in out] == [b.text for b in BRIEF]


def test_supported_checks_numbers_and_names():
    from storytrace.brief.options import BriefOptions

    src = "The council approved the budget of 40 million on Monday."
    least = BriefOptions().llm_min_overlap
    assert supported("On Monday the council approved the 40 million budget.", src, "", least)
    assert not supported("On Tuesday the council approved the 40 million budget.", src, "", least)
    assert not supported("The council approved the budget of 45 million on Monday.", src, "", least)
    # its content words "council", "approved", "budget" are the original's, "finally", "after",
    # "debate" are not: half of six, which a floor of 0.6 no longer lets through
    reworded = "The council finally approved the budget after debate."
    assert supported(reworded, src, "", 0.5)
    assert not supported(reworded, src, "", 0.6)
