"""Fixtures for Strand's browser tests.

One Strand server per pytest session (SQLite in a temp dir, or a fresh PostgreSQL database when
STRAND_BROWSER_POSTGRES_URL is set), a fresh headless Chromium per test, and small helpers for API
setup, signing in, waiting and screenshots. See README.md in this directory.
"""
from __future__ import annotations

import base64
import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import requests
from selenium import webdriver
from selenium.common.exceptions import WebDriverException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

REPO_ROOT = Path(__file__).resolve().parents[2]
OUTPUT_DIR = Path(os.environ.get("STRAND_BROWSER_OUTPUT", REPO_ROOT / "test-output"))
POSTGRES_URL = os.environ.get("STRAND_BROWSER_POSTGRES_URL", "").strip()
BACKEND = "postgres" if POSTGRES_URL else "sqlite"

CHROMIUM = os.environ.get("STRAND_BROWSER_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("STRAND_BROWSER_CHROMEDRIVER", "/usr/bin/chromedriver")

WAIT_SECONDS = float(os.environ.get("STRAND_BROWSER_WAIT", "20"))

_counter = itertools.count(1)


def unique(prefix: str = "t") -> str:
    """A short name that is unique within this test session (and across sessions)."""
    return f"{prefix}{next(_counter)}{uuid.uuid4().hex[:6]}"


# --------------------------------------------------------------------------------------------
# API helper


class ApiError(AssertionError):
    pass


class Api:
    """A bearer-token JSON client for /api/v1."""

    def __init__(self, base_url: str, username: str, password: str):
        self.base_url = base_url
        self.session = requests.Session()
        r = self.session.post(f"{base_url}/api/v1/auth/token", json={"username": username, "password": password}, timeout=15)
        if r.status_code != 200:
            raise ApiError(f"token for {username!r}: HTTP {r.status_code} {r.text[:300]}")
        self.token = r.json()["token"]
        self.session.headers["Authorization"] = f"Bearer {self.token}"

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", 15)
        return self.session.request(method, f"{self.base_url}/api/v1{path}", **kwargs)

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, json=None, **kwargs) -> requests.Response:
        return self.request("POST", path, json=json, **kwargs)

    def create(self, path: str, payload: dict) -> dict:
        """POST and insist on 201; returns the created object."""
        r = self.post(path, json=payload)
        if r.status_code != 201:
            raise ApiError(f"POST {path} {payload!r}: HTTP {r.status_code} {r.text[:500]}")
        return r.json()

    def customers(self, q: str) -> list[dict]:
        r = self.get("/customers", params={"q": q})
        assert r.status_code == 200, r.text
        return r.json()["data"]


# --------------------------------------------------------------------------------------------
# Server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                        key=lambda p: [int(x) if x.isdigit() else x for x in p.split("/")])
    if not candidates:
        pytest.exit(f"{name} not found (needed for STRAND_BROWSER_POSTGRES_URL)", returncode=3)
    return candidates[-1]


def _pg_command(tool: str, url: str, dbname: str) -> tuple[list[str], dict]:
    """A createdb/dropdb command line for the server named by url, plus its environment."""
    parts = urlsplit(url)
    user = unquote(parts.username or "postgres")
    cmd = [_pg_tool(tool), "-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432), "-U", user, dbname]
    env = dict(os.environ)
    if parts.password:
        env["PGPASSWORD"] = unquote(parts.password)
    # The test cluster trusts local connections; when run as root, act as the postgres OS user.
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("runuser"):
        cmd = ["runuser", "-u", "postgres", "--"] + cmd
    return cmd, env


def _database_url(url: str, dbname: str) -> str:
    parts = urlsplit(url)
    return parts._replace(path="/" + dbname).geturl()


class StrandServer:
    def __init__(self, joining: "StrandServer | None" = None):
        """A server of its own database, or a second process `joining` another's database."""
        self.backend = BACKEND
        self.joining = joining
        self.admin_password = joining.admin_password if joining else "Admin-" + uuid.uuid4().hex[:12]
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.data_dir = joining.data_dir if joining else tempfile.mkdtemp(prefix=f"strand-browser-{self.backend}-")
        self.database_url: str | None = joining.database_url if joining else None
        self.database_name: str | None = None
        self.process: subprocess.Popen | None = None
        self.log_path = OUTPUT_DIR / f"server-{self.backend}{'-second' if joining else ''}.log"
        self._admin_api: Api | None = None

    # lifecycle ---------------------------------------------------------------------------

    def start(self):
        binary = Path(os.environ.get("STRAND_BIN", ".build/debug/strand"))
        if not binary.is_absolute():
            binary = REPO_ROOT / binary
        if not binary.exists():
            pytest.exit(f"Strand binary not found at {binary} (set STRAND_BIN)", returncode=3)

        env = dict(os.environ)
        for inherited in ("DATABASE_URL", "STRAND_DATABASE_SCHEMA", "STRAND_DATA_DIR"):
            env.pop(inherited, None)
        env.update(STRAND_DATA_DIR=self.data_dir, STRAND_ADMIN_PASSWORD=self.admin_password, STRAND_BCRYPT_COST="4")
        if self.joining:
            if self.database_url:
                env["DATABASE_URL"] = self.database_url
        elif POSTGRES_URL:
            self.database_name = "strand_browser_" + uuid.uuid4().hex[:10]
            cmd, pg_env = _pg_command("createdb", POSTGRES_URL, self.database_name)
            done = subprocess.run(cmd, env=pg_env, capture_output=True, text=True, timeout=60)
            if done.returncode != 0:
                pytest.exit(f"createdb failed: {' '.join(cmd)}\n{done.stderr}", returncode=3)
            self.database_url = _database_url(POSTGRES_URL, self.database_name)
            env["DATABASE_URL"] = self.database_url

        OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [str(binary), "serve", "--hostname", "127.0.0.1", "--port", str(self.port)],
            cwd=self.data_dir, env=env, stdout=self._log, stderr=subprocess.STDOUT)

        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                self.stop()
                pytest.exit(f"Strand exited with {self.process.returncode} during start; see {self.log_path}", returncode=3)
            try:
                if requests.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                self.stop()
                pytest.exit(f"Strand did not answer /healthz within 60 s; see {self.log_path}", returncode=3)
            time.sleep(0.25)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        if getattr(self, "_log", None):
            self._log.close()
            self._log = None
        if self.database_name and not os.environ.get("STRAND_BROWSER_KEEP_DB"):
            cmd, pg_env = _pg_command("dropdb", POSTGRES_URL, self.database_name)
            subprocess.run(cmd, env=pg_env, capture_output=True, timeout=60)
            self.database_name = None
        if not self.joining:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    # helpers -----------------------------------------------------------------------------

    def api(self, username: str = "admin", password: str | None = None) -> Api:
        """An API client signed in as username (the admin by default)."""
        if username == "admin" and password is None:
            if self._admin_api is None:
                self._admin_api = Api(self.url, "admin", self.admin_password)
            return self._admin_api
        return Api(self.url, username, password)

    @property
    def admin_api(self) -> Api:
        return self.api()

    def create_department(self, name: str | None = None, parent_id=None) -> dict:
        return self.admin_api.create("/departments", {"name": name or unique("部门"), "parent_id": parent_id})

    def create_user(self, roles=("sales_rep",), department_id=None, name: str | None = None) -> "TestUser":
        """A new active user; returns its username, password, display name and id."""
        username = unique("u")
        password = "Pw-" + uuid.uuid4().hex[:14]
        name = name or ("测试" + username)
        body = self.admin_api.create("/users", {
            "username": username, "password": password, "name": name,
            "department_id": department_id, "roles": list(roles)})
        return TestUser(username=username, password=password, name=name, id=body["id"])

    def create_customer(self, api: Api | None = None, **fields) -> dict:
        payload = {"name": unique("客户"), "type": "direct", "status": "potential"}
        payload.update(fields)
        return (api or self.admin_api).create("/customers", payload)


class TestUser:
    __test__ = False  # not a pytest class

    def __init__(self, username: str, password: str, name: str, id: int):
        self.username, self.password, self.name, self.id = username, password, name, id

    def __repr__(self):
        return f"TestUser({self.username!r})"


@pytest.fixture(scope="session")
def server():
    srv = StrandServer()
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="session")
def backend() -> str:
    return BACKEND


@pytest.fixture
def api(server) -> Api:
    """The admin's API client."""
    return server.admin_api


# --------------------------------------------------------------------------------------------
# Browser


def _chrome_options(width: int, height: int) -> webdriver.ChromeOptions:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=zh-CN",
                f"--window-size={width},{height}", "--disable-gpu", "--no-first-run",
                "--disable-extensions", "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    return options


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def second_browser():
    """Another person's browser beside `browser`, with its own cookies."""
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=_chrome_options(1280, 900))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def browser(request):
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=_chrome_options(1280, 900))
    driver.set_window_size(1280, 900)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            # Keep what the browser showed when the test failed.
            try:
                name = "FAILED-" + request.node.name
                save_screenshot(driver, name)
                (OUTPUT_DIR / "screenshots" / f"{BACKEND}-{name}.html").write_text(driver.page_source, encoding="utf-8")
            except Exception:  # noqa: BLE001 - best effort
                pass
        driver.quit()


def save_screenshot(driver, name: str) -> Path:
    """Saves test-output/screenshots/<backend>-<name>.png (full page height where possible)."""
    directory = OUTPUT_DIR / "screenshots"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{BACKEND}-{name}.png"
    try:
        size = driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        width = max(1, int(size[0]))
        height = max(1, min(int(size[1]), 6000))
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
        path.write_bytes(base64.b64decode(shot["data"]))
    except Exception:  # noqa: BLE001 - fall back to the visible viewport
        driver.save_screenshot(str(path))
    return path


@pytest.fixture
def screenshot(browser):
    return lambda name: save_screenshot(browser, name)


def replaced(marker):
    """A wait condition: the page holding `marker` has been replaced. Chromium may answer a
    question about a node of a page being torn down with an error other than "stale", so any
    error about the old node counts as gone."""
    def _gone(_driver):
        try:
            marker.is_enabled()
            return False
        except WebDriverException:
            return True
    return _gone


def wait(driver, seconds: float = WAIT_SECONDS) -> WebDriverWait:
    return WebDriverWait(driver, seconds)


def wait_for(driver, css: str, seconds: float = WAIT_SECONDS, visible: bool = False):
    condition = EC.visibility_of_element_located if visible else EC.presence_of_element_located
    try:
        return wait(driver, seconds).until(condition((By.CSS_SELECTOR, css)))
    except TimeoutException:
        raise AssertionError(f"{css!r} did not appear on {driver.current_url}\n{page_text(driver)[:1500]}") from None


def wait_for_path(driver, predicate, seconds: float = WAIT_SECONDS) -> str:
    """Waits until predicate(path) holds for the current URL's path; returns the path."""
    try:
        wait(driver, seconds).until(lambda d: predicate(urlsplit(d.current_url).path))
    except TimeoutException:
        raise AssertionError(f"unexpected URL {driver.current_url}\n{page_text(driver)[:1500]}") from None
    return urlsplit(driver.current_url).path


def page_text(driver) -> str:
    try:
        return driver.find_element(By.TAG_NAME, "body").text
    except Exception:  # noqa: BLE001 - only for messages
        return driver.page_source


def h1_text(driver) -> str:
    return wait_for(driver, "h1").text.strip()


def sign_in(driver, server: StrandServer, username: str, password: str, expect_success: bool = True):
    """Signs in as the user, leaving whoever was signed in before."""
    driver.get(f"{server.url}/sign-in")
    if driver.get_cookies():
        driver.delete_all_cookies()
        driver.get(f"{server.url}/sign-in")
    form = wait_for(driver, "#sign-in-form")
    form.find_element(By.ID, "username").clear()
    form.find_element(By.ID, "username").send_keys(username)
    form.find_element(By.ID, "password").send_keys(password)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    if expect_success:
        wait_for_path(driver, lambda p: p == "/")
        wait_for(driver, "header.topbar nav.user-menu")


@pytest.fixture
def sign_in_as(browser, server):
    """sign_in_as(user) or sign_in_as() for the admin."""
    def _sign_in(user: TestUser | None = None):
        if user is None:
            sign_in(browser, server, "admin", server.admin_password)
        else:
            sign_in(browser, server, user.username, user.password)
    return _sign_in


def libreoffice_convert(data: bytes, name: str, target: str, converted: str) -> bytes:
    """`data` saved as `name` and converted by LibreOffice headless (`--convert-to target`);
    the bytes of `converted`, the file it writes."""
    soffice = shutil.which("libreoffice") or shutil.which("soffice")
    assert soffice, "LibreOffice is needed (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui)"
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / name
        source.write_bytes(data)
        profile = Path(folder) / "profile"
        result = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target,
                                 "--outdir", folder, str(source)], capture_output=True, timeout=180)
        assert result.returncode == 0, result.stderr.decode(errors="replace")
        output = Path(folder) / converted
        assert output.exists(), result.stdout.decode(errors="replace")
        return output.read_bytes()
