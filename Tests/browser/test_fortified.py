"""What issue 19 fixed on the main screens: locks an administrator clears, a flash message after
a write, and related rows on a customer's page that say what they are."""
from __future__ import annotations

import random

import requests
from selenium.webdriver.common.by import By

from conftest import h1_text, page_text, replaced, save_screenshot, sign_in, unique, wait, wait_for, wait_for_path
from test_strand import assert_fits_phone, phone_window


def test_an_administrator_lets_a_locked_out_colleague_in_again(browser, server, sign_in_as):
    rep = server.create_user(roles=["sales_rep"], name=unique("锁定"))
    for _ in range(5):
        r = requests.post(server.url + "/api/v1/auth/token", json={"username": rep.username, "password": "wrong-password-1"})
        assert r.status_code == 401, r.text
    locked = requests.post(server.url + "/api/v1/auth/token", json={"username": rep.username, "password": rep.password})
    assert locked.status_code == 429, locked.text

    sign_in_as()
    browser.get(server.url + "/admin/sign-in-locks")
    assert h1_text(browser) == "登录锁定"
    row = next(li for li in browser.find_elements(By.CSS_SELECTOR, "ul.lock-list li") if rep.name in li.text)
    assert "失败 5 次" in row.text and "账号" in row.text, row.text
    save_screenshot(browser, "sign-in-locks")
    phone_window(browser)
    assert_fits_phone(browser, "the sign-in locks")
    save_screenshot(browser, "sign-in-locks-phone")
    browser.set_window_size(1280, 900)

    row.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    alert = wait(browser).until(lambda d: d.switch_to.alert)
    assert rep.name in alert.text
    alert.accept()
    flash = wait_for(browser, "p.alert.success.flash", visible=True)
    assert flash.text == "已解除锁定"
    assert rep.name not in page_text(browser)
    browser.refresh()
    assert not browser.find_elements(By.CSS_SELECTOR, "p.flash"), "a flash message is shown only once"

    sign_in(browser, server, rep.username, rep.password)
    assert h1_text(browser) == f"你好，{rep.name}"


def test_the_customer_page_names_its_deals(browser, server, sign_in_as):
    customer = server.create_customer(name=unique("枢纽客户"))
    deal = server.admin_api.create("/opportunities", {"name": unique("年度框架"), "customer_id": customer["id"], "amount": "350000", "stage": "proposal"})
    sign_in_as()
    browser.get(f"{server.url}/customers/{customer['id']}")
    section = wait_for(browser, "#related-opportunities")
    link = section.find_element(By.CSS_SELECTOR, f"a[href='/opportunities/{deal['id']}']")
    assert link.text == deal["name"]
    assert "¥350,000.00" in section.text and "%" in section.text, section.text
    for anchor in browser.find_elements(By.CSS_SELECTOR, "main a"):
        assert anchor.text.strip() or anchor.get_attribute("aria-label"), f"a link with no text: {anchor.get_attribute('outerHTML')[:200]}"
    save_screenshot(browser, "customer-related-deals")


def test_a_saved_form_says_so(browser, server, sign_in_as):
    sign_in_as()
    browser.get(server.url + "/customers/new")
    name = unique("闪现客户")
    browser.find_element(By.ID, "f-name").send_keys(name)
    browser.find_element(By.CSS_SELECTOR, "form button.primary").click()
    flash = wait_for(browser, "p.alert.success.flash", visible=True)
    assert flash.text == f"已创建“{name}”"
    wait_for_path(browser, lambda p: p.startswith("/customers/"))


def test_a_deal_dropped_on_lost_asks_only_for_the_reason(browser, server, sign_in_as):
    from selenium.webdriver.support.ui import Select
    from test_strand import drag_card_to_column, replaced

    customer = server.create_customer(name=unique("输单客户"))
    tag = unique("")
    deal = server.admin_api.create("/opportunities", {"name": "输单商机" + tag, "customer_id": customer["id"], "amount": "66000", "stage": "proposal"})
    sign_in_as()
    browser.get(f"{server.url}/opportunities/board?q={tag}")
    wait_for(browser, f".board-card[data-id='{deal['id']}']")
    marker = browser.find_element(By.TAG_NAME, "html")
    drag_card_to_column(browser, deal["id"], "lost")
    wait(browser).until(replaced(marker))

    form = wait_for(browser, "#record-form")
    fields = [label.text.strip("* ") for label in form.find_elements(By.CSS_SELECTOR, ".field > label")]
    assert fields == ["输单原因"], fields
    assert form.find_element(By.CSS_SELECTOR, "#f-lost_reason-error").text == "此项必填"
    save_screenshot(browser, "board-lost-reason")
    Select(form.find_element(By.ID, "f-lost_reason")).select_by_index(1)
    form.find_element(By.CSS_SELECTOR, "button.primary").click()
    wait_for(browser, "p.alert.success.flash", visible=True)

    saved = server.admin_api.get(f"/opportunities/{deal['id']}").json()
    assert saved["stage"] == "lost" and saved["amount"] == "66000.00" and saved["name"] == "输单商机" + tag and saved["lost_reason"], saved


def test_a_customer_keeps_one_primary_contact(browser, server, sign_in_as):
    customer = server.create_customer(name="成都启明软件有限公司" + unique("-"))
    first = server.admin_api.create("/contacts", {"customer_id": customer["id"], "name": "周敏", "is_primary": True})
    second = server.admin_api.create("/contacts", {"customer_id": customer["id"], "name": "王强"})
    sign_in_as()
    browser.get(f"{server.url}/contacts/{second['id']}/edit")
    form = wait_for(browser, "#record-form")
    form.find_element(By.ID, "f-is_primary").click()
    marker = browser.find_element(By.TAG_NAME, "html")
    form.find_element(By.CSS_SELECTOR, "button.primary").click()
    wait(browser).until(replaced(marker))
    assert server.admin_api.get(f"/contacts/{second['id']}").json()["is_primary"] is True
    assert server.admin_api.get(f"/contacts/{first['id']}").json()["is_primary"] is False
    # The first contact's history says it stopped being primary.
    browser.get(f"{server.url}/contacts/{first['id']}")
    history = wait_for(browser, "#history")
    assert "主要联系人" in history.text, history.text


def test_a_stale_edit_keeps_the_colleagues_change_and_asks_about_a_clash(browser, second_browser, server, sign_in_as):
    from selenium.webdriver.support.ui import Select

    rep = server.create_user()
    customer = server.create_customer(server.api(rep.username, rep.password), name="杭州云帆科技有限公司" + unique("-"))
    edit = f"{server.url}/customers/{customer['id']}/edit"
    sign_in_as(rep)
    browser.get(edit)
    form = wait_for(browser, "#record-form")

    # The administrator changes the grade and the phone while the rep is typing.
    sign_in(second_browser, server, "admin", server.admin_password)
    second_browser.get(edit)
    theirs = wait_for(second_browser, "#record-form")
    Select(theirs.find_element(By.ID, "f-grade")).select_by_value("A")
    theirs.find_element(By.ID, "f-phone").send_keys("0571-88886666")
    theirs.find_element(By.CSS_SELECTOR, "button.primary").click()
    wait_for(second_browser, "p.alert.success.flash", visible=True)

    # The rep changed the grade too, and the address: the save is refused with both sides.
    Select(form.find_element(By.ID, "f-grade")).select_by_value("C")
    form.find_element(By.ID, "f-address").send_keys("杭州市西湖区文三路 90 号")
    marker = browser.find_element(By.TAG_NAME, "html")
    form.find_element(By.CSS_SELECTOR, "button.primary").click()
    wait(browser).until(replaced(marker))
    panel = wait_for(browser, "#conflict")
    assert browser.find_element(By.ID, "f-phone").get_attribute("value") == "0571-88886666"
    assert browser.find_element(By.ID, "f-address").get_attribute("value") == "杭州市西湖区文三路 90 号"
    assert "您没有改动此项" in panel.find_element(By.ID, "conflict-phone").text
    grade = panel.find_element(By.ID, "conflict-grade")
    assert "保留对方的：A" in grade.text and "保留我的：C" in grade.text, grade.text
    save_screenshot(browser, "stale-edit-conflict")

    # Saving without choosing asks again, beside the grade.
    marker = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.CSS_SELECTOR, "#record-form button.primary").click()
    wait(browser).until(replaced(marker))
    assert "请选择保留哪一方的修改" in wait_for(browser, "#conflict-grade").text
    phone_window(browser)
    assert_fits_phone(browser, "the conflict panel")
    save_screenshot(browser, "stale-edit-conflict-phone")
    browser.set_window_size(1280, 900)

    # Keeping theirs for the grade writes only what the rep changed.
    browser.find_element(By.CSS_SELECTOR, "#conflict-grade input[value='theirs']").click()
    browser.find_element(By.CSS_SELECTOR, "#record-form button.primary").click()
    wait_for(browser, "p.alert.success.flash", visible=True)
    saved = server.admin_api.get(f"/customers/{customer['id']}").json()
    assert (saved["grade"], saved["phone"], saved["address"]) == ("A", "0571-88886666", "杭州市西湖区文三路 90 号"), saved


def test_a_contact_with_the_same_mobile_under_one_customer_warns(browser, server, sign_in_as):
    customer = server.create_customer(name="苏州恒达精密" + unique("-"))
    mobile = f"139{random.randint(10000000, 99999999)}"
    server.admin_api.create("/contacts", {"customer_id": customer["id"], "name": "陈立", "mobile": mobile})
    sign_in_as()
    browser.get(f"{server.url}/contacts/new?customer_id={customer['id']}")
    form = wait_for(browser, "#record-form")
    form.find_element(By.ID, "f-name").send_keys("陈立新")
    form.find_element(By.ID, "f-mobile").send_keys(mobile)
    marker = browser.find_element(By.TAG_NAME, "html")
    form.find_element(By.CSS_SELECTOR, "button.primary").click()
    wait(browser).until(replaced(marker))
    warning = wait_for(browser, "#duplicates")
    assert "陈立" in warning.text and "手机" in warning.text, warning.text
    assert browser.find_element(By.ID, "f-name").get_attribute("value") == "陈立新"
    save_screenshot(browser, "contact-duplicate")
    browser.find_element(By.NAME, "acknowledge_warnings").click()
    browser.find_element(By.CSS_SELECTOR, "#record-form button.primary").click()
    wait_for(browser, "p.alert.success.flash", visible=True)
    assert len(server.admin_api.get(f"/contacts?filter[customer_id]={customer['id']}").json()["data"]) == 2


def test_an_oversized_address_or_header_block_is_answered_414_or_431(server):
    """Through a real socket: the limits sit below NIO's parser limit, so the client hears why."""
    long = requests.get(f"{server.url}/customers?q=" + "a" * 9000, timeout=15, allow_redirects=False)
    assert long.status_code == 414 and long.headers.get("X-Content-Type-Options") == "nosniff"
    cookies = requests.get(f"{server.url}/sign-in", headers={"Cookie": "junk=" + "b" * 40000}, timeout=15)
    assert cookies.status_code == 431 and "Cookie" in cookies.text, cookies.text[:300]


def test_the_navigation_is_grouped_by_area_and_a_rep_sees_no_payables(browser, server, sign_in_as):
    from test_strand import nav_labels

    sign_in_as(server.create_user())
    browser.get(server.url + "/customers")
    headings = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "nav#nav .nav-heading")]
    assert headings == ["客户", "销售", "商务与财务", "日程", "报表", "系统"], headings
    labels = nav_labels(browser)
    assert "客户" in labels and "公海" in labels and "供应商" not in labels and "应付计划" not in labels, labels
    assert browser.find_element(By.CSS_SELECTOR, "nav#nav a[aria-current]").text == "客户"
    phone_window(browser)
    browser.find_element(By.CSS_SELECTOR, ".menu-toggle").click()
    wait_for(browser, "nav#nav .nav-heading", visible=True)
    assert_fits_phone(browser, "the opened navigation")
    save_screenshot(browser, "navigation-phone")


def test_bulk_actions_wait_until_a_row_is_ticked(browser, server, sign_in_as):
    server.create_customer(name=unique("批量客户"))
    sign_in_as()
    browser.get(server.url + "/customers")
    bar = wait_for(browser, ".bulk-bar")
    hint = bar.find_element(By.CSS_SELECTOR, ".idle-hint")
    assert hint.is_displayed() and "勾选记录后" in hint.text
    assert not any(button.is_displayed() for button in bar.find_elements(By.CSS_SELECTOR, "button"))
    browser.find_element(By.CSS_SELECTOR, "input.row-select").click()
    assert not hint.is_displayed()
    assert any(button.is_displayed() for button in bar.find_elements(By.CSS_SELECTOR, "button"))
    save_screenshot(browser, "bulk-bar-with-a-selection")
