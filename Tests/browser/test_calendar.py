"""The calendar in Chromium: an event made in its form shows in the week, day and month views,
opens from there, and a weekly one shows again the next week."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import replaced, unique, wait, wait_for, wait_for_path


def set_value(driver, element, value: str):
    """Types into a date-time field whatever the browser's locale makes of its keys."""
    driver.execute_script("arguments[0].value = arguments[1]", element, value)


def submit_event(driver, server, subject: str, kind: str, starts_at: str, ends_at: str = "", repetition: str = ""):
    """Fills the new-event form and saves it, waiting for the page that answers."""
    driver.get(f"{server.url}/events/new")
    form = wait_for(driver, "#record-form")
    form.find_element(By.ID, "f-subject").send_keys(subject)
    Select(form.find_element(By.ID, "f-kind")).select_by_value(kind)
    set_value(driver, form.find_element(By.ID, "f-starts_at"), starts_at)
    set_value(driver, form.find_element(By.ID, "f-ends_at"), ends_at)
    if repetition:
        Select(form.find_element(By.ID, "f-repetition")).select_by_value(repetition)
    marker = driver.find_element(By.TAG_NAME, "html")
    form.find_element(By.CSS_SELECTOR, "button.primary").click()
    wait(driver).until(replaced(marker))


def test_an_event_from_its_form_shows_in_the_calendar(browser, server, sign_in_as, screenshot):
    sign_in_as()
    subject = "拜访客户" + unique("-")
    submit_event(browser, server, subject, "visit", "2026-12-02T14:00", "2026-12-02T15:30", repetition="weekly")
    path = wait_for_path(browser, lambda p: re.fullmatch(r"/events/\d+", p) is not None)

    # A second event at that time is held back, naming the first, until saved anyway.
    other = "电话会议" + unique("-")
    submit_event(browser, server, other, "call", "2026-12-09T15:00")
    assert subject in wait_for(browser, "#busy").text
    form = wait_for(browser, "#record-form")
    form.find_element(By.CSS_SELECTOR, "input[name='acknowledge_warnings']").click()
    marker = browser.find_element(By.TAG_NAME, "html")
    form.find_element(By.CSS_SELECTOR, "button.primary").click()
    wait(browser).until(replaced(marker))
    wait_for_path(browser, lambda p: re.fullmatch(r"/events/\d+", p) is not None and p != path)

    browser.get(f"{server.url}/calendar?view=week&day=2026-12-02")
    day = wait_for(browser, "section.calendar-day[data-day='2026-12-02']")
    entry = day.find_element(By.CSS_SELECTOR, "a.calendar-entry")
    assert entry.text.strip() == "14:00 " + subject
    assert "at-29" in entry.get_attribute("class") and "span-3" in entry.get_attribute("class")
    screenshot("calendar-week")
    entry.click()
    wait_for_path(browser, lambda p: p == path)

    # The next week holds it again; the day after holds nothing; the month holds both weeks' times.
    browser.get(f"{server.url}/calendar?view=week&day=2026-12-09")
    held = wait_for(browser, "section.calendar-day[data-day='2026-12-09']").text
    assert subject in held and other in held
    browser.get(f"{server.url}/calendar?view=day&day=2026-12-03")
    assert subject not in wait_for(browser, "#calendar").text
    browser.get(f"{server.url}/calendar?view=month&day=2026-12-02")
    assert wait_for(browser, "#calendar").text.count(subject) == 6
    assert urlsplit(browser.current_url).path == "/calendar"
    screenshot("calendar-month")


def test_dragging_on_the_week_makes_an_event_whose_guest_hears_live_and_moves_it(browser, second_browser, server, sign_in_as, screenshot):
    from selenium.webdriver.common.action_chains import ActionChains
    from conftest import save_screenshot, sign_in

    organiser, guest = server.create_user(), server.create_user()
    sign_in(second_browser, server, guest.username, guest.password)
    second_browser.get(f"{server.url}/")
    wait_for(second_browser, "#notice-bell")

    # Dragging from 10:00 to 11:00 on a Thursday opens the form for 10:00 to 11:30.
    sign_in_as(organiser)
    browser.get(f"{server.url}/calendar?view=week&day=2026-12-17")
    day = wait_for(browser, "section.calendar-day[data-day='2026-12-17']")
    first = day.find_element(By.CSS_SELECTOR, ".calendar-free[data-at='2026-12-17T10:00']")
    last = day.find_element(By.CSS_SELECTOR, ".calendar-free[data-at='2026-12-17T11:00']")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", first)
    ActionChains(browser).click_and_hold(first).move_to_element(last).release().perform()
    form = wait_for(browser, "#record-form")
    assert form.find_element(By.ID, "f-starts_at").get_attribute("value") == "2026-12-17T10:00"
    assert form.find_element(By.ID, "f-ends_at").get_attribute("value") == "2026-12-17T11:30"
    subject = "方案讨论" + unique("-")
    form.find_element(By.ID, "f-subject").send_keys(subject)
    Select(form.find_element(By.ID, "f-kind")).select_by_value("meeting")
    Select(form.find_element(By.ID, "f-participants")).select_by_value(str(guest.id))
    marker = browser.find_element(By.TAG_NAME, "html")
    form.find_element(By.CSS_SELECTOR, "button.primary").click()
    wait(browser).until(replaced(marker))
    path = wait_for_path(browser, lambda p: re.fullmatch(r"/events/\d+", p) is not None)

    # The guest's open page shows the invitation as it happens; they accept it there.
    toast = wait_for(second_browser, "#toasts a.toast", seconds=15)
    assert subject in toast.text and "2026-12-17 10:00" in toast.text
    save_screenshot(second_browser, "invitation-live")
    toast.click()
    wait_for_path(second_browser, lambda p: p == path)
    marker = second_browser.find_element(By.TAG_NAME, "html")
    wait_for(second_browser, "#accept-invitation").click()
    wait(second_browser).until(replaced(marker))
    assert "已接受" in wait_for(second_browser, f"#invitations li[data-user='{guest.id}']").text

    # The organiser takes it by its first half-hour and drops that on 14:00: it keeps its
    # length, and the guest's calendar follows.
    browser.get(f"{server.url}/calendar?view=week&day=2026-12-17")
    entry = wait_for(browser, f"a.calendar-entry[data-event='{path.rsplit('/', 1)[1]}']")
    target = browser.find_element(By.CSS_SELECTOR, ".calendar-free[data-at='2026-12-17T14:00']")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", entry)
    ActionChains(browser).move_to_element_with_offset(entry, 0, -entry.size['height'] // 2 + 6).click_and_hold().move_to_element(target).release().perform()
    wait(browser).until(lambda d: "14:00 " + subject in d.find_element(By.ID, "calendar").text)
    screenshot("calendar-dragged")
    second_browser.get(f"{server.url}/calendar?view=day&day=2026-12-17")
    moved = wait_for(second_browser, "a.calendar-entry[data-event]")
    assert moved.text.strip() == "14:00 " + subject and "span-3" in moved.get_attribute("class")


def test_the_week_opens_at_the_working_day_marks_today_and_is_an_agenda_on_a_phone(browser, server, sign_in_as, screenshot):
    from conftest import save_screenshot
    from test_strand import assert_fits_phone, phone_window

    sign_in_as()
    # Today as the reader's zone has it.
    browser.get(f"{server.url}/calendar")
    today = wait_for(browser, "section.calendar-day.today").get_attribute("data-day")
    early, late = "晨会" + unique("-"), "全天培训" + unique("-")
    submit_event(browser, server, early, "meeting", f"{today}T10:00", f"{today}T11:00")
    form_path = wait_for_path(browser, lambda p: re.fullmatch(r"/events/\d+", p) is not None)
    browser.get(f"{server.url}/events/new")
    form = wait_for(browser, "#record-form")
    form.find_element(By.ID, "f-subject").send_keys(late)
    form.find_element(By.ID, "f-all_day").click()
    set_value(browser, form.find_element(By.ID, "f-starts_at"), f"{today}T00:00")
    marker = browser.find_element(By.TAG_NAME, "html")
    form.find_element(By.CSS_SELECTOR, "button.primary").click()
    wait(browser).until(replaced(marker))
    wait_for_path(browser, lambda p: re.fullmatch(r"/events/\d+", p) is not None and p != form_path)

    browser.set_window_size(1280, 900)
    browser.get(f"{server.url}/calendar?view=week&day={today}")
    grid = wait_for(browser, "#calendar")
    day = grid.find_element(By.CSS_SELECTOR, f"section.calendar-day[data-day='{today}']")
    # Today is marked, and the all-day event has a row of its own above the hours.
    assert "today" in day.get_attribute("class")
    assert day.find_element(By.CSS_SELECTOR, "h2").get_attribute("aria-current") == "date"
    assert late in day.find_element(By.CSS_SELECTOR, ".calendar-all-day").text
    # The hours open at 08:00: the small hours are scrolled away, the working day is in view.
    assert grid.get_property("scrollTop") > 0
    eight = day.find_element(By.CSS_SELECTOR, f".calendar-free[data-at='{today}T08:00']")
    box, seen = eight.rect, grid.rect
    assert seen["y"] < box["y"] < seen["y"] + seen["height"], (box, seen)
    # Every day's hours start at the same height, whatever each day holds all day.
    tops = {section.find_element(By.CSS_SELECTOR, ".calendar-slots").rect["y"] for section in grid.find_elements(By.CSS_SELECTOR, "section.calendar-day")}
    assert len(tops) == 1, tops
    screenshot("calendar-working-day")

    # On a phone the week is an agenda: each day and what it holds, in order.
    phone_window(browser)
    browser.get(f"{server.url}/calendar?view=week&day={today}")
    agenda = wait_for(browser, "#calendar-agenda", visible=True)
    assert not browser.find_element(By.ID, "calendar").is_displayed()
    entries = agenda.find_element(By.CSS_SELECTOR, f"section.agenda-day[data-day='{today}']").text
    assert entries.index(late) < entries.index("10:00 " + early), entries
    assert_fits_phone(browser, "the week's agenda")
    save_screenshot(browser, "calendar-agenda-phone")
    browser.set_window_size(1280, 900)
