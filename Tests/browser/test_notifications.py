"""Notifications that reach people: mail through a real SMTP server (aiosmtpd) in plain text and
over STARTTLS with Chinese headers intact, reminders mailed to those who asked, and a followed
record's change arriving live in another person's open page."""
from __future__ import annotations

import email
import email.policy
import re
import ssl
import subprocess
import tempfile
import time
from datetime import datetime, timedelta, timezone
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import _free_port, replaced, save_screenshot, sign_in, unique, wait, wait_for, wait_for_path


class Inbox:
    """Keeps what the SMTP server received: the envelope, the parsed message, whether TLS was on."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.messages.append((envelope, parsed, session.ssl is not None))
        return "250 OK"

    def wait_for(self, predicate, seconds: float = 30):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for item in self.messages:
                if predicate(item[1]):
                    return item
            time.sleep(0.2)
        raise AssertionError(f"no such message among {[m[1]['Subject'] for m in self.messages]}")


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


@pytest.fixture
def smtp_starttls():
    """An SMTP server that takes mail only after STARTTLS, with a certificate of its own making."""
    directory = Path(tempfile.mkdtemp(prefix="strand-smtp-"))
    key, cert = directory / "key.pem", directory / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "2", "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(cert), str(key))
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port(), tls_context=context, require_starttls=True)
    controller.start()
    yield controller, inbox
    controller.stop()


def configure_mail(driver, server, port: int, security: str, site: str = "http://crm.example.com"):
    """Fills the administrator's mail server form and saves it."""
    driver.get(f"{server.url}/admin/mail")
    form = wait_for(driver, "#mail-settings")
    for name, value in (("host", "127.0.0.1"), ("port", str(port)), ("from_address", "crm@example.com"),
                        ("from_name", "销售系统"), ("site_url", site)):
        field = form.find_element(By.NAME, name)
        field.clear()
        field.send_keys(value)
    Select(form.find_element(By.NAME, "security")).select_by_value(security)
    verify = form.find_element(By.NAME, "verify_certificate")
    if verify.is_selected():
        verify.click()
    marker = driver.find_element(By.TAG_NAME, "html")
    form.find_element(By.CSS_SELECTOR, "button.primary").click()
    wait(driver).until(replaced(marker))
    assert wait_for(driver, "p.alert.success")


def test_a_test_message_arrives_with_chinese_headers_and_is_logged(browser, server, sign_in_as, smtp, screenshot):
    controller, inbox = smtp
    sign_in_as()
    configure_mail(browser, server, controller.port, "none")
    # A wrong port is refused beside its field and changes nothing.
    form = wait_for(browser, "#mail-settings")
    form.find_element(By.NAME, "port").clear()
    form.find_element(By.NAME, "port").send_keys("70000")
    marker = browser.find_element(By.TAG_NAME, "html")
    form.find_element(By.CSS_SELECTOR, "button.primary").click()
    wait(browser).until(replaced(marker))
    assert "invalid" in wait_for(browser, "#mail-port").find_element(By.XPATH, "..").get_attribute("class")

    to = unique("boss") + "@example.com"
    browser.get(f"{server.url}/admin/mail")
    test_form = wait_for(browser, "form[action='/admin/mail/test']")
    field = test_form.find_element(By.NAME, "to")
    field.clear()
    field.send_keys(to)
    test_form.find_element(By.CSS_SELECTOR, "button").click()
    envelope, message, tls = inbox.wait_for(lambda m: m["To"] and to in m["To"])
    assert envelope.mail_from == "crm@example.com" and envelope.rcpt_tos == [to] and not tls
    assert str(message["Subject"]) == "Strand 测试邮件"
    assert parseaddr(str(message["From"])) == ("销售系统", "crm@example.com")
    assert message.get_content_type() == "text/plain" and message.get_content_charset() == "utf-8"
    assert "测试邮件" in message.get_content()
    assert message["Message-ID"] and abs(parsedate_to_datetime(str(message["Date"])) - datetime.now(timezone.utc)) < timedelta(minutes=5)

    # The log shows it sent.
    deadline = time.monotonic() + 20
    while True:
        browser.get(f"{server.url}/admin/mail")
        row = [r for r in browser.find_elements(By.CSS_SELECTOR, "#mail-log tbody tr") if to in r.text]
        if row and "已发送" in row[0].text:
            break
        assert time.monotonic() < deadline, row[0].text if row else "not logged"
        time.sleep(0.5)
    screenshot("mail-log")


def test_a_reminder_is_mailed_over_starttls_to_whoever_asked(browser, server, sign_in_as, smtp_starttls):
    controller, inbox = smtp_starttls
    sign_in_as()
    configure_mail(browser, server, controller.port, "starttls")
    rep = server.create_user()
    address = rep.username + "@example.com"
    r = server.admin_api.request("PATCH", f"/users/{rep.id}", json={"email": address})
    assert r.status_code == 200, r.text

    # The salesperson asks for mail on the account page, then books a visit starting soon.
    sign_in(browser, server, rep.username, rep.password)
    browser.get(f"{server.url}/account")
    form = wait_for(browser, "#notice-preferences form")
    form.find_element(By.NAME, "email").click()
    marker = browser.find_element(By.TAG_NAME, "html")
    form.find_element(By.CSS_SELECTOR, "button.primary").click()
    wait(browser).until(replaced(marker))
    rep_api = server.api(rep.username, rep.password)
    subject = "上门拜访" + unique("-")
    starts = (datetime.now(timezone.utc) + timedelta(minutes=5)).replace(microsecond=0).isoformat()
    event = rep_api.create("/events", {"subject": subject, "kind": "visit", "starts_at": starts})

    envelope, message, tls = inbox.wait_for(lambda m: subject in str(m["Subject"]), seconds=40)
    assert tls and envelope.rcpt_tos == [address]
    assert str(message["Subject"]).startswith(subject + " 将于")
    assert f"http://crm.example.com/events/{event['id']}" in message.get_content()
    # The reminder is also in the notification center.
    browser.get(f"{server.url}/notifications")
    assert subject in wait_for(browser, "ul.notifications").text


def test_a_followed_change_arrives_live_and_is_read_from_the_center(browser, second_browser, server, sign_in_as):
    rep = server.create_user()
    rep_api = server.api(rep.username, rep.password)
    customer = server.create_customer(rep_api)

    # The administrator follows the customer and keeps the workbench open.
    sign_in(second_browser, server, "admin", server.admin_password)
    second_browser.get(f"{server.url}/customers/{customer['id']}")
    follow = wait_for(second_browser, "#follow")
    assert follow.text == "关注"
    marker = second_browser.find_element(By.TAG_NAME, "html")
    follow.click()
    wait(second_browser).until(replaced(marker))
    assert wait_for(second_browser, "#follow").text == "取消关注"
    second_browser.get(f"{server.url}/")
    wait_for(second_browser, "#notice-bell")
    time.sleep(1)  # the stream has opened

    # The salesperson changes it in their own browser.
    sign_in_as(rep)
    browser.get(f"{server.url}/customers/{customer['id']}/edit")
    form = wait_for(browser, "#record-form")
    phone = form.find_element(By.ID, "f-phone")
    phone.clear()
    phone.send_keys("13912345678")
    marker = browser.find_element(By.TAG_NAME, "html")
    form.find_element(By.CSS_SELECTOR, "button.primary").click()
    wait(browser).until(replaced(marker))

    toast = wait_for(second_browser, "#toasts a.toast", seconds=15)
    assert rep.name in toast.text and customer["name"] in toast.text and "电话" in toast.text
    assert wait_for(second_browser, "#notice-bell .count").text != ""
    save_screenshot(second_browser, "notification-live")
    second_browser.get(f"{server.url}/notifications?unread=1")
    item = wait_for(second_browser, "ul.notifications li.unread a")
    assert customer["name"] in item.text
    item.click()
    wait_for_path(second_browser, lambda p: p == f"/customers/{customer['id']}")
    second_browser.get(f"{server.url}/notifications?unread=1")
    assert customer["name"] not in wait_for(second_browser, "main").text


def test_two_server_processes_send_each_reminder_once(server):
    """A second server process on the same database: both send reminders as they fall due, and
    each reaches its person once."""
    from conftest import StrandServer
    second = StrandServer(joining=server)
    second.start()
    try:
        people = [server.create_user() for _ in range(4)]
        apis = [server.api(p.username, p.password) for p in people]
        seconds = [second.api(p.username, p.password) for p in people]
        soon = (datetime.now(timezone.utc) + timedelta(minutes=3)).replace(microsecond=0).isoformat()
        made = []
        for n in range(120):
            # Written through both processes alike.
            api = apis[n % 4] if n % 2 == 0 else seconds[n % 4]
            made.append((n % 4, api.create("/events", {"subject": f"同时提醒{n}", "kind": "call", "starts_at": soon})["id"]))
        deadline = time.monotonic() + 40
        while True:
            counts = {}
            for index, api in enumerate(apis):
                r = api.get("/notifications", params={"unread": "1"})
                assert r.status_code == 200, r.text
                for notice in r.json()["data"]:
                    if notice["kind"] == "reminder_event":
                        counts[notice["record_id"]] = counts.get(notice["record_id"], 0) + 1
            if len(counts) == len(made) or time.monotonic() > deadline:
                break
            time.sleep(1)
        assert sorted(counts) == sorted(event for _, event in made)
        assert set(counts.values()) == {1}
    finally:
        second.stop()


def test_a_manager_gives_a_task_to_a_rep_who_is_told(browser, second_browser, server, sign_in_as):
    department = server.create_department()["id"]
    manager = server.create_user(roles=("manager",), department_id=department)
    rep = server.create_user(department_id=department)
    subject = "准备投标文件" + unique("-")
    sign_in_as(manager)
    browser.get(f"{server.url}/tasks/new")
    form = wait_for(browser, "#record-form")
    form.find_element(By.ID, "f-subject").send_keys(subject)
    browser.execute_script("arguments[0].value = '2099-05-10'", form.find_element(By.ID, "f-due_date"))
    Select(form.find_element(By.ID, "f-owner_id")).select_by_visible_text(rep.name)
    marker = browser.find_element(By.TAG_NAME, "html")
    form.find_element(By.CSS_SELECTOR, "button.primary").click()
    wait(browser).until(replaced(marker))
    assert rep.name in wait_for(browser, "main").text

    sign_in(second_browser, server, rep.username, rep.password)
    second_browser.get(f"{server.url}/notifications?unread=1")
    item = wait_for(second_browser, "ul.notifications li.unread a")
    assert item.text.startswith(f"{manager.name} 把「{subject}」交给了您"), item.text
    save_screenshot(second_browser, "notification-task-assigned")
    item.click()
    wait_for_path(second_browser, lambda p: re.fullmatch(r"/tasks/\d+", p) is not None)
    assert subject in wait_for(second_browser, "h1").text
