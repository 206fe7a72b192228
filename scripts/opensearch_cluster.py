"""A local OpenSearch cluster from Maven Central's jars: `make opensearch` and the tests use it.

No OpenSearch distribution is downloaded: Maven fetches the server jar and the two modules the
portal needs (scripts/opensearch/pom.xml, cached under var/maven), and Launcher.java starts a
node on them with the modules on the classpath. Every node listens on 127.0.0.1 only.

    python scripts/opensearch_cluster.py start [--nodes 3] [--port 9200]   # waits for green
    python scripts/opensearch_cluster.py status
    python scripts/opensearch_cluster.py stop

The tests use :class:`Cluster` directly (a node or three of their own, on free ports).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "scripts" / "opensearch"
POM = HERE / "pom.xml"
LAUNCHER = HERE / "Launcher.java"
VAR = ROOT / "var"
LIB = VAR / "opensearch" / "lib"
MAVEN_REPO = VAR / "maven"
STATE = VAR / "opensearch" / "cluster.json"  # what `start` launched, for `stop`


class LauncherError(RuntimeError):
    """Something the launcher needs is missing or did not come up; the message says what."""


def say(message: str) -> None:
    print(f"opensearch: {message}", file=sys.stderr, flush=True)


def java_binary() -> str:
    """Java 17 (JAVA_HOME, else the one on PATH): OpenSearch 2.19 runs on 11 to 21."""
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if not java or not Path(java).exists():
        raise LauncherError("Java is not installed (OpenJDK 17: apt-get install openjdk-17-jdk-headless)")
    return java


def fetch(progress=say) -> Path:
    """The jars under var/opensearch/lib, fetched by Maven once per version of the pom."""
    stamp = LIB / f".pom-{zlib.crc32(POM.read_bytes()):08x}"
    if stamp.exists():
        return LIB
    mvn = shutil.which("mvn")
    if not mvn:
        raise LauncherError("Maven is not installed (apt-get install maven): it fetches OpenSearch's jars")
    progress("fetching OpenSearch's jars from Maven Central (once; cached under var/maven)")
    if LIB.exists():
        shutil.rmtree(LIB)
    command = [
        mvn,
        "--batch-mode",
        "--quiet",
        "--file",
        str(POM),
        f"-Dmaven.repo.local={MAVEN_REPO}",
        "dependency:copy-dependencies",
        f"-DoutputDirectory={LIB}",
    ]
    result = subprocess.run(command, capture_output=True, text=True, cwd=HERE)  # noqa: S603 (our own command)
    if result.returncode != 0:
        raise LauncherError("Maven could not fetch OpenSearch:\n" + (result.stdout + result.stderr)[-3000:])
    jars = list(LIB.glob("*.jar"))
    progress(f"{len(jars)} jars in {LIB.relative_to(ROOT)}")
    stamp.touch()
    return LIB


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get_json(url: str, timeout: float = 5) -> dict:
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback only)
        return json.load(response)


@dataclass
class Node:
    name: str
    http_port: int
    transport_port: int
    home: Path
    process: subprocess.Popen | None = None
    pid: int | None = None
    stopped: bool = False  # stopped on purpose (stop_node): its exit is not a failure

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def log(self) -> Path:
        return self.home / "node.log"

    def alive(self) -> bool:
        if self.process is not None:
            return self.process.poll() is None
        if self.pid is None:
            return False
        try:
            os.kill(self.pid, 0)
        except OSError:
            return False
        return True


@dataclass
class Cluster:
    """``nodes`` OpenSearch nodes under ``home``; ports are free ones unless given."""

    home: Path
    nodes: int = 1
    http_port: int | None = None
    transport_port: int | None = None
    name: str = "liaison"
    heap: str = "512m"
    settings: dict[str, str] = field(default_factory=dict)
    members: list[Node] = field(default_factory=list)

    def __post_init__(self):
        if not self.members:
            self.members = [
                Node(
                    name=f"node-{i}",
                    http_port=(self.http_port + i) if self.http_port else free_port(),
                    transport_port=(self.transport_port + i) if self.transport_port else free_port(),
                    home=Path(self.home) / f"node-{i}",
                )
                for i in range(self.nodes)
            ]

    @property
    def url(self) -> str:
        return self.members[0].url

    @property
    def urls(self) -> list[str]:
        return [node.url for node in self.members]

    def node_settings(self, node: Node) -> dict[str, str]:
        values = {
            "cluster.name": self.name,
            "node.name": node.name,
            "path.home": str(node.home),
            "path.data": str(node.home / "data"),
            "path.logs": str(node.home / "logs"),
            "network.host": "127.0.0.1",
            "http.port": str(node.http_port),
            "transport.port": str(node.transport_port),
            # A shared developer disk is often fuller than the default 85 % watermark: without
            # this, a node refuses to allocate shards and the cluster never turns green.
            "cluster.routing.allocation.disk.threshold_enabled": "false",
        }
        if len(self.members) == 1:
            values["discovery.type"] = "single-node"
        else:
            values["discovery.seed_hosts"] = ",".join(f"127.0.0.1:{n.transport_port}" for n in self.members)
            values["cluster.initial_cluster_manager_nodes"] = ",".join(n.name for n in self.members)
        values.update(self.settings)
        return values

    def start_node(self, node: Node) -> None:
        java = java_binary()
        node.stopped = False
        (node.home / "data").mkdir(parents=True, exist_ok=True)
        (node.home / "tmp").mkdir(exist_ok=True)
        command = [
            java,
            f"-Xms{self.heap}",
            f"-Xmx{self.heap}",
            f"-Djava.io.tmpdir={node.home / 'tmp'}",
            "-Dlog4j2.formatMsgNoLookups=true",
            "-XX:-UsePerfData",
            "-cp",
            f"{LIB}/*",
            str(LAUNCHER),
            *(f"{key}={value}" for key, value in self.node_settings(node).items()),
        ]
        log = node.log.open("ab")
        node.process = subprocess.Popen(  # noqa: S603 (our own command)
            command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
        )
        log.close()
        node.pid = node.process.pid

    def start(self, timeout: float = 240, progress=say) -> Cluster:
        fetch(progress)
        try:
            for node in self.members:
                progress(f"starting {node.name} on {node.url} (log: {node.log})")
                self.start_node(node)
            self.wait_for("green", timeout=timeout, progress=progress)
        except BaseException:
            self.stop()  # a cluster that did not come up leaves no node behind
            raise
        return self

    def health(self, node: Node | None = None) -> dict:
        return _get_json(f"{(node or self.members[0]).url}/_cluster/health")

    def wait_for(self, status: str, nodes: int | None = None, timeout: float = 240, progress=say) -> dict:
        """Until some live node reports ``status`` (or better) with ``nodes`` nodes."""
        wanted = {"green": ("green",), "yellow": ("green", "yellow")}[status]
        nodes = len(self.members) if nodes is None else nodes
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            for node in self.members:
                if not node.stopped and node.process is not None and node.process.poll() is not None:
                    tail = node.log.read_text(errors="replace")[-2500:] if node.log.exists() else ""
                    raise LauncherError(f"{node.name} stopped (exit {node.process.returncode}):\n{tail}")
            for node in self.members:
                if not node.alive():
                    continue
                try:
                    health = self.health(node)
                except (OSError, urllib.error.URLError, ValueError):
                    continue
                seen = f"{health['status']}, {health['number_of_nodes']} of {nodes} nodes"
                if seen != last:
                    progress(f"cluster {seen}")
                    last = seen
                if health["status"] in wanted and health["number_of_nodes"] == nodes:
                    return health
                break
            time.sleep(0.5)
        raise LauncherError(f"the cluster was not {status} with {nodes} nodes after {timeout:.0f} s (last: {last})")

    def stop_node(self, node: Node, kill: bool = False, timeout: float = 60) -> None:
        node.stopped = True
        if not node.alive():
            return
        try:
            os.kill(node.pid, signal.SIGKILL if kill else signal.SIGTERM)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + timeout
        while node.alive() and time.monotonic() < deadline:
            if node.process is not None:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    node.process.wait(timeout=0.2)
            else:
                time.sleep(0.2)
        if node.alive():
            os.kill(node.pid, signal.SIGKILL)
            if node.process is not None:
                node.process.wait()

    def stop(self) -> None:
        for node in self.members:
            self.stop_node(node)

    def state(self) -> dict:
        return {
            "name": self.name,
            "members": [
                {
                    "name": n.name,
                    "http_port": n.http_port,
                    "transport_port": n.transport_port,
                    "home": str(n.home),
                    "pid": n.pid,
                }
                for n in self.members
            ],
        }

    @classmethod
    def from_state(cls, state: dict) -> Cluster:
        members = [
            Node(m["name"], m["http_port"], m["transport_port"], Path(m["home"]), pid=m["pid"])
            for m in state["members"]
        ]
        return cls(home=members[0].home.parent, nodes=len(members), name=state["name"], members=members)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="A local OpenSearch cluster on 127.0.0.1 (data under var/).")
    commands = parser.add_subparsers(dest="command", required=True)
    start = commands.add_parser("start", help="start the nodes and wait for green")
    start.add_argument("--nodes", type=int, default=3)
    start.add_argument("--port", type=int, default=9200, help="HTTP port of the first node (the next ones follow)")
    start.add_argument("--transport-port", type=int, default=9300)
    start.add_argument("--heap", default="512m")
    commands.add_parser("stop", help="stop what start started")
    commands.add_parser("status", help="the cluster's health")
    args = parser.parse_args(argv)

    try:
        if args.command == "start":
            if STATE.exists():
                running = Cluster.from_state(json.loads(STATE.read_text()))
                if any(node.alive() for node in running.members):
                    say(f"already running: SEARCH_URL={running.url} (make opensearch-stop stops it)")
                    return 0
            for port in range(args.port, args.port + args.nodes):
                with socket.socket() as sock:
                    if sock.connect_ex(("127.0.0.1", port)) == 0:
                        raise LauncherError(f"port {port} is taken: stop what listens there, or give --port")
            cluster = Cluster(
                home=VAR / "opensearch" / "cluster",
                nodes=args.nodes,
                http_port=args.port,
                transport_port=args.transport_port,
                heap=args.heap,
            )
            STATE.parent.mkdir(parents=True, exist_ok=True)
            try:
                cluster.start()
            finally:
                STATE.write_text(json.dumps(cluster.state(), indent=2))
            print(f"SEARCH_URL={cluster.url}")
            say(f"green with {args.nodes} nodes: SEARCH_URL={cluster.url} make run")
        elif args.command == "stop":
            if not STATE.exists():
                say("nothing to stop")
                return 0
            cluster = Cluster.from_state(json.loads(STATE.read_text()))
            for node in cluster.members:
                say(f"stopping {node.name}")
                cluster.stop_node(node)
            STATE.unlink()
            say("stopped")
        else:
            if not STATE.exists():
                say("not running (make opensearch starts it)")
                return 1
            cluster = Cluster.from_state(json.loads(STATE.read_text()))
            print(json.dumps(cluster.health(), indent=2))
    except LauncherError as error:
        say(str(error))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
