"""Reaching an Elasticsearch or OpenSearch cluster: connection settings, the client, the flavour.

Everything that decides *how* we talk to the cluster (authentication, TLS, media types) lives
here, so the first request — the one that asks the server what it is — goes through the same
client, credentials and certificates as every later one.

OpenSearch-family servers refuse the 8.x client's vendor media types
(``application/vnd.elasticsearch+json; compatible-with=8``) and do not send the
``X-Elastic-Product`` header the client checks; :class:`PlainJSONNode` speaks plain JSON to
them. Elasticsearch itself gets the client's own media types.
"""

from __future__ import annotations

import dataclasses

from elastic_transport import HttpHeaders, Urllib3HttpNode
from elastic_transport import TransportError as _TransportError
from elasticsearch import ApiError, Elasticsearch

from ..query import EngineUnavailable

FLAVOURS = ("auto", "elasticsearch", "opensearch")


@dataclasses.dataclass(frozen=True)
class ClusterSettings:
    """What settings.SEARCH_* say about the cluster (see README, "Search")."""

    url: str
    index: str = "liaison"
    flavour: str = "auto"
    timeout: float = 5.0
    username: str | None = None
    password: str | None = None
    api_key: str | None = None
    ca_file: str | None = None
    verify_certs: bool = True
    shards: int = 1
    replicas: int = 0
    refresh_interval: str = "1s"

    def __post_init__(self):
        if self.flavour not in FLAVOURS:
            raise ValueError(f"SEARCH_FLAVOUR must be one of {', '.join(FLAVOURS)}, not {self.flavour!r}")
        if self.username and self.api_key:
            raise ValueError("Set SEARCH_USERNAME/SEARCH_PASSWORD or SEARCH_API_KEY, not both")
        if self.shards < 1 or self.replicas < 0:
            raise ValueError("SEARCH_SHARDS must be at least 1 and SEARCH_REPLICAS at least 0")

    @classmethod
    def from_django(cls) -> ClusterSettings:
        from django.conf import settings

        return cls(
            url=settings.SEARCH_URL,
            index=settings.SEARCH_INDEX_NAME,
            flavour=settings.SEARCH_FLAVOUR,
            timeout=float(settings.SEARCH_TIMEOUT),
            username=getattr(settings, "SEARCH_USERNAME", None),
            password=getattr(settings, "SEARCH_PASSWORD", None),
            api_key=getattr(settings, "SEARCH_API_KEY", None),
            ca_file=getattr(settings, "SEARCH_CA_FILE", None),
            verify_certs=getattr(settings, "SEARCH_VERIFY_CERTS", True),
            shards=getattr(settings, "SEARCH_SHARDS", 1),
            replicas=getattr(settings, "SEARCH_REPLICAS", 0),
            refresh_interval=getattr(settings, "SEARCH_REFRESH_INTERVAL", "1s"),
        )

    @property
    def hosts(self) -> list[str]:
        """SEARCH_URL may list several nodes, comma-separated: the client spreads requests over
        them and retries a request on another when one is down."""
        return [part.strip() for part in self.url.split(",") if part.strip()]

    def client_options(self) -> dict:
        options: dict = {"request_timeout": self.timeout, "max_retries": len(self.hosts), "retry_on_timeout": False}
        if self.username:
            options["basic_auth"] = (self.username, self.password or "")
        if self.api_key:
            options["api_key"] = self.api_key
        if self.ca_file:
            options["ca_certs"] = self.ca_file
        if not self.verify_certs:
            options.update(verify_certs=False, ssl_show_warn=False)
        return options


class PlainJSONNode(Urllib3HttpNode):
    """Plain ``application/json`` for OpenSearch, and the product header the client expects."""

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        headers = HttpHeaders(headers or {})
        for name in ("accept", "content-type"):
            value = headers.get(name)
            if value and "vnd.elasticsearch" in value:
                headers[name] = "application/x-ndjson" if "x-ndjson" in value else "application/json"
        response = super().perform_request(method, target, body=body, headers=headers, **kwargs)
        if "x-elastic-product" not in response.meta.headers:
            patched = HttpHeaders(response.meta.headers)
            patched["x-elastic-product"] = "Elasticsearch"
            response = response._replace(meta=dataclasses.replace(response.meta, headers=patched))
        return response


def explain(exc: Exception, url: str) -> EngineUnavailable:
    """The error a failed call becomes (credentials, certificate, or the cluster is down)."""
    if isinstance(exc, ApiError) and exc.meta.status in (401, 403):
        return EngineUnavailable(
            f"{url} refused the credentials (HTTP {exc.meta.status}): check SEARCH_USERNAME/SEARCH_PASSWORD "
            "or SEARCH_API_KEY"
        )
    text = str(exc)
    if "CERTIFICATE_VERIFY_FAILED" in text:
        return EngineUnavailable(f"{url}: the server's certificate is not trusted; set SEARCH_CA_FILE ({text})")
    return EngineUnavailable(f"cannot reach {url}: {text}")


def connect(cluster: ClusterSettings) -> tuple[Elasticsearch, str]:
    """A client for the cluster and its flavour ('elasticsearch' or 'opensearch').

    With flavour 'auto' the root endpoint is asked through a plain-JSON client (which every
    server of both families accepts), with the configured credentials and CA."""
    options = cluster.client_options()
    flavour = cluster.flavour
    if flavour == "auto":
        probe = Elasticsearch(cluster.hosts, node_class=PlainJSONNode, **options)
        try:
            info = probe.info().body
        except (_TransportError, ApiError) as exc:
            probe.close()
            raise explain(exc, cluster.url) from exc
        flavour = "opensearch" if info.get("version", {}).get("distribution") == "opensearch" else "elasticsearch"
        if flavour == "opensearch":
            return probe, flavour
        probe.close()
    if flavour == "opensearch":
        options["node_class"] = PlainJSONNode
    return Elasticsearch(cluster.hosts, **options), flavour
