"""A person's private calendar feed, read by a real iCalendar parser (python `icalendar`): events
with their zone, repetition and Chinese text, all-day events, tasks; an edited event keeps its
UID; a new address retires the old one."""
from __future__ import annotations

from datetime import date, datetime

import requests
from icalendar import Calendar
from selenium.webdriver.common.by import By

from conftest import replaced, unique, wait, wait_for


def feed_address(driver, server, button: str = "#feed-renew") -> str:
    driver.get(f"{server.url}/account")
    marker = driver.find_element(By.TAG_NAME, "html")
    wait_for(driver, button).click()
    wait(driver).until(replaced(marker))
    return wait_for(driver, "#feed-url").text.strip()


def parsed(address: str) -> Calendar:
    r = requests.get(address, timeout=15)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(r.content)


def components(calendar: Calendar, kind: str) -> dict[str, object]:
    return {str(c["UID"]): c for c in calendar.walk(kind)}


def test_the_feed_parses_keeps_uids_and_is_retired_by_a_new_address(browser, server, sign_in_as):
    rep = server.create_user()
    api = server.api(rep.username, rep.password)
    subject = "周例会" + unique("-")
    weekly = api.create("/events", {"subject": subject, "kind": "meeting", "starts_at": "2026-12-07T14:00:00+08:00",
                                    "ends_at": "2026-12-07T15:00:00+08:00", "repetition": "weekly", "repeat_until": "2027-01-31",
                                    "place": "三楼会议室, A 区; 靠窗", "description": "议程：\n一、回款\n二、新客户"})
    all_day = api.create("/events", {"subject": "展会", "kind": "visit", "starts_at": "2026-12-10T00:00:00+08:00",
                                     "ends_at": "2026-12-11T00:00:00+08:00", "all_day": True})
    task = api.create("/tasks", {"subject": "寄送合同", "due_date": "2026-12-15", "priority": "high"})

    sign_in_as(rep)
    address = feed_address(browser, server)
    assert "/calendar/feed/cal_" in address and address.endswith(".ics")
    calendar = parsed(address)
    events = components(calendar, "VEVENT")
    meeting = events[f"event-{weekly['id']}@strand"]
    assert str(meeting["SUMMARY"]) == subject
    assert str(meeting["LOCATION"]) == "三楼会议室, A 区; 靠窗"
    assert str(meeting["DESCRIPTION"]) == "议程：\n一、回款\n二、新客户"
    start = meeting.decoded("DTSTART")
    assert (start.hour, start.minute, str(start.tzinfo)) == (14, 0, "Asia/Shanghai") or start.utcoffset().total_seconds() == 8 * 3600
    assert meeting["RRULE"]["FREQ"] == ["WEEKLY"] and meeting["RRULE"]["UNTIL"][0].date() >= date(2027, 1, 31)
    fair = events[f"event-{all_day['id']}@strand"]
    assert fair.decoded("DTSTART") == date(2026, 12, 10) and not isinstance(fair.decoded("DTSTART"), datetime)
    todo = components(calendar, "VTODO")[f"task-{task['id']}@strand"]
    assert todo.decoded("DUE") == date(2026, 12, 15) and int(todo["PRIORITY"]) == 3 and str(todo["STATUS"]) == "NEEDS-ACTION"
    sequence = int(meeting["SEQUENCE"])

    # Moved and renamed, it is the same event to a subscriber: one UID, a later SEQUENCE.
    version = api.get(f"/events/{weekly['id']}").json()["version"]
    r = api.request("PATCH", f"/events/{weekly['id']}", json={"subject": subject + "（改）", "starts_at": "2026-12-07T15:00:00+08:00",
                                                              "ends_at": "2026-12-07T16:00:00+08:00", "version": version})
    assert r.status_code == 200, r.text
    again = [c for c in parsed(address).walk("VEVENT") if str(c["UID"]) == f"event-{weekly['id']}@strand"]
    assert len(again) == 1 and str(again[0]["SUMMARY"]) == subject + "（改）" and int(again[0]["SEQUENCE"]) > sequence
    assert again[0].decoded("DTSTART").hour == 15

    # A new address retires the old one (the page asks first).
    browser.get(f"{server.url}/account")
    browser.execute_script("window.confirm = function () { return true; }")
    marker = browser.find_element(By.TAG_NAME, "html")
    wait_for(browser, "#feed-renew").click()
    wait(browser).until(replaced(marker))
    renewed = wait_for(browser, "#feed-url").text.strip()
    assert renewed != address
    assert requests.get(address, timeout=15).status_code == 404
    parsed(renewed)
    browser.get(f"{server.url}/account")
    browser.execute_script("window.confirm = function () { return true; }")
    marker = browser.find_element(By.TAG_NAME, "html")
    wait_for(browser, "#feed-stop").click()
    wait(browser).until(replaced(marker))
    assert requests.get(renewed, timeout=15).status_code == 404
