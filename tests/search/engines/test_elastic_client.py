"""How the search client reaches a cluster: media types, credentials, TLS, several nodes.

OpenSearch without its security plugin accepts any request, so credentials and TLS are checked
by a small gatekeeper in front of the real node: it serves HTTPS with a certificate from a
throwaway CA (trustme) and forwards a request only with the right Basic or ApiKey header — the
way a production cluster, or the proxy before it, answers."""

from __future__ import annotations

import base64
import http.client
import json
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
import trustme

from search.engines.elastic_client import ClusterSettings, connect
from search.query import EngineUnavailable

VENDOR_JSON = "application/vnd.elasticsearch+json; compatible-with=8"


class _Recorder(BaseHTTPRequestHandler):
    """Answers like an Elasticsearch 8 (or, with ``distribution``, an OpenSearch) root and
    count endpoint, and records the headers of every request."""

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.server.seen.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
        if self.path.startswith("/_count") or "/_count" in self.path:
            body = {"count": 3, "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0}}
        else:
            version = {"number": "8.15.0", "build_flavor": "default"}
            if self.server.distribution:
                version = {"number": "2.19.6", "distribution": self.server.distribution}
            body = {"name": "n", "cluster_name": "c", "version": version, "tagline": "You Know, for Search"}
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        if not self.server.distribution:
            self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_POST = do_GET

    def log_message(self, *args):
        pass


def _serve(handler, context=None, **attributes):
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    for name, value in attributes.items():
        setattr(server, name, value)
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def recorder():
    servers = []

    def start(distribution=None):
        server = _serve(_Recorder, seen=[], distribution=distribution)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_elasticsearch_gets_the_8x_vendor_media_types(recorder):
    server = recorder()
    url = f"http://127.0.0.1:{server.server_port}"
    client, flavour = connect(ClusterSettings(url=url))
    assert flavour == "elasticsearch"
    client.count(index="liaison")
    probe_headers, count_headers = server.seen[0][1], server.seen[-1][1]
    assert probe_headers["accept"] == "application/json"  # the flavour probe speaks plain JSON
    assert count_headers["accept"] == VENDOR_JSON
    # Set explicitly, no probe: the first request already carries the vendor type.
    server.seen.clear()
    client, flavour = connect(ClusterSettings(url=url, flavour="elasticsearch"))
    client.count(index="liaison")
    assert flavour == "elasticsearch" and [h["accept"] for _p, h in server.seen] == [VENDOR_JSON]


def test_opensearch_gets_plain_json_and_no_product_check(recorder):
    server = recorder(distribution="opensearch")
    client, flavour = connect(ClusterSettings(url=f"http://127.0.0.1:{server.server_port}"))
    assert flavour == "opensearch"
    assert client.count(index="liaison")["count"] == 3  # no X-Elastic-Product sent: still accepted
    assert {h["accept"] for _p, h in server.seen} == {"application/json"}


@pytest.fixture(scope="module")
def authority():
    return trustme.CA()


class _Gatekeeper(BaseHTTPRequestHandler):
    """HTTPS in front of the real node; forwards only requests with the expected credentials."""

    def _forward(self):
        if self.headers.get("Authorization") not in self.server.accepted:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="search"')
            self.send_header("Content-Type", "application/json")
            body = b'{"error":{"type":"security_exception","reason":"missing or wrong credentials"},"status":401}'
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        target = urlsplit(self.server.upstream)
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
        connection.request(self.command, self.path, body=body, headers=headers)
        answer = connection.getresponse()
        data = answer.read()
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.getheader("Content-Type", "application/json"))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        connection.close()

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward

    def log_message(self, *args):
        pass


@pytest.fixture
def gatekeeper(authority, opensearch_node):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    authority.issue_cert("127.0.0.1").configure_cert(context)
    basic = "Basic " + base64.b64encode(b"liaison:s3cret").decode()
    api_key = base64.b64encode(b"key-id:key-secret").decode()
    server = _serve(_Gatekeeper, context, upstream=opensearch_node.url, accepted={basic, f"ApiKey {api_key}"})
    yield {"url": f"https://127.0.0.1:{server.server_port}", "api_key": api_key}
    server.shutdown()
    server.server_close()


def test_basic_credentials_and_a_ca_file_reach_the_node(gatekeeper, authority, tmp_path):
    ca_file = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    client, flavour = connect(
        ClusterSettings(url=gatekeeper["url"], username="liaison", password="s3cret", ca_file=str(ca_file))
    )
    assert flavour == "opensearch"  # detected through the same credentials and CA
    assert client.cluster.health()["status"] in ("green", "yellow")


def test_an_api_key_reaches_the_node(gatekeeper, authority, tmp_path):
    ca_file = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    cluster = ClusterSettings(url=gatekeeper["url"], api_key=gatekeeper["api_key"], ca_file=str(ca_file))
    client, _flavour = connect(cluster)
    assert client.cluster.health()["number_of_nodes"] >= 1


def test_wrong_credentials_say_which_setting_to_check(gatekeeper, authority, tmp_path):
    ca_file = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    with pytest.raises(EngineUnavailable, match="refused the credentials.*SEARCH_USERNAME"):
        connect(ClusterSettings(url=gatekeeper["url"], username="liaison", password="wrong", ca_file=str(ca_file)))


def test_an_untrusted_certificate_says_to_set_the_ca_file(gatekeeper):
    with pytest.raises(EngineUnavailable, match="not trusted; set SEARCH_CA_FILE"):
        connect(ClusterSettings(url=gatekeeper["url"], username="liaison", password="s3cret"))
    # Verification can be turned off (a test cluster); the credentials still count.
    client, _flavour = connect(
        ClusterSettings(url=gatekeeper["url"], username="liaison", password="s3cret", verify_certs=False)
    )
    assert client.cluster.health()["status"]


def test_settings_that_contradict_each_other_are_refused():
    with pytest.raises(ValueError, match="not both"):
        ClusterSettings(url="http://x", username="u", api_key="k")
    with pytest.raises(ValueError, match="SEARCH_FLAVOUR"):
        ClusterSettings(url="http://x", flavour="solr")
    with pytest.raises(ValueError, match="SEARCH_SHARDS"):
        ClusterSettings(url="http://x", shards=0)


def test_the_settings_come_from_django(settings):
    settings.SEARCH_URL = "http://127.0.0.1:9200, http://127.0.0.1:9201"
    settings.SEARCH_SHARDS, settings.SEARCH_REPLICAS, settings.SEARCH_REFRESH_INTERVAL = 3, 1, "30s"
    settings.SEARCH_API_KEY, settings.SEARCH_CA_FILE = "a2V5", "/etc/ssl/ca.pem"
    cluster = ClusterSettings.from_django()
    assert cluster.hosts == ["http://127.0.0.1:9200", "http://127.0.0.1:9201"]
    assert (cluster.shards, cluster.replicas, cluster.refresh_interval) == (3, 1, "30s")
    options = cluster.client_options()
    assert options["api_key"] == "a2V5" and options["ca_certs"] == "/etc/ssl/ca.pem"
    assert options["max_retries"] == 2  # a request can try each node
