"""A reader chooses a list's columns: the choice stays with them, the export follows it, and
the entity's own columns come back on asking."""
from __future__ import annotations

import io

import openpyxl
from selenium.webdriver.common.by import By

from conftest import replaced, save_screenshot, unique, wait, wait_for
from test_strand import assert_fits_phone, phone_window
from test_transfer import session_of


def headers(browser) -> list[str]:
    return [th.text.strip() for th in browser.find_elements(By.CSS_SELECTOR, "table.records thead th")]


def submit(browser, button):
    marker = browser.find_element(By.TAG_NAME, "html")
    button.click()
    wait(browser).until(replaced(marker))


def test_a_reader_chooses_the_columns_and_the_export_follows(browser, server, sign_in_as, screenshot):
    user = server.create_user(roles=["manager"])
    api = server.api(user.username, user.password)
    tag = unique("COL")
    server.create_customer(api, name=f"{tag}-甲", email="jia@example.com", phone="13800001234")
    sign_in_as(user)
    browser.get(f"{server.url}/customers?q={tag}")
    assert "电话" in headers(browser) and "邮箱" not in headers(browser)

    chooser = wait_for(browser, "#column-chooser")
    chooser.find_element(By.TAG_NAME, "summary").click()
    box = lambda key: chooser.find_element(By.CSS_SELECTOR, f"input[name='columns'][value='{key}']")  # noqa: E731
    assert box("phone").is_selected() and not box("email").is_selected()
    assert box("name").is_selected() and not box("name").is_enabled(), "the title is always shown"
    box("phone").click()
    box("email").click()
    screenshot("list-columns-chooser")
    submit(browser, chooser.find_element(By.CSS_SELECTOR, "button.primary"))

    # Back on the same list, told so, with the chosen columns.
    assert f"q={tag}" in browser.current_url
    assert "列设置已保存" in wait_for(browser, "p.alert.success.flash", visible=True).text
    shown = headers(browser)
    assert "邮箱" in shown and "电话" not in shown, shown
    assert "jia@example.com" in browser.find_element(By.CSS_SELECTOR, "table.records").text

    # The export has the same columns.
    link = wait_for(browser, ".export-links a[href*='format=xlsx']").get_attribute("href")
    sheet = openpyxl.load_workbook(io.BytesIO(session_of(browser).get(link, timeout=30).content)).active
    exported = [cell.value for cell in sheet[1]]
    assert "邮箱" in exported and "电话" not in exported, exported
    assert sheet.cell(row=2, column=exported.index("邮箱") + 1).value == "jia@example.com"

    # The choice holds on every customer list of theirs.
    browser.get(f"{server.url}/customers")
    assert "邮箱" in headers(browser)

    # On a phone the panel fits the width.
    phone_window(browser)
    browser.get(f"{server.url}/customers?q={tag}")
    wait_for(browser, "#column-chooser summary").click()
    assert_fits_phone(browser, "the column chooser")
    save_screenshot(browser, "list-columns-chooser-phone")
    browser.set_window_size(1280, 900)

    # Asking for the default columns brings the entity's own back.
    browser.get(f"{server.url}/customers?q={tag}")
    chooser = wait_for(browser, "#column-chooser")
    chooser.find_element(By.TAG_NAME, "summary").click()
    submit(browser, chooser.find_element(By.CSS_SELECTOR, "button[name='reset']"))
    assert "已恢复默认列" in wait_for(browser, "p.alert.success.flash", visible=True).text
    assert "电话" in headers(browser) and "邮箱" not in headers(browser)
