"""End-to-end checks of Strand's server-rendered pages in headless Chromium."""
from __future__ import annotations

import random
import re
from urllib.parse import urlsplit

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import (h1_text, page_text, replaced, save_screenshot, sign_in, unique, wait, wait_for,
                      wait_for_path)


def random_mobile() -> str:
    return "139" + "".join(random.choice("0123456789") for _ in range(8))


def submit_and_wait(driver, form, button_css="button.primary"):
    """Clicks the form's submit button and waits for the next page to replace this one."""
    marker = driver.find_element(By.TAG_NAME, "html")
    form.find_element(By.CSS_SELECTOR, button_css).click()
    wait(driver).until(replaced(marker))
    wait_for(driver, "h1")


def browser_session(driver, server) -> requests.Session:
    """A requests session carrying the browser's cookies (to read HTTP statuses the browser hides)."""
    session = requests.Session()
    for cookie in driver.get_cookies():
        session.cookies.set(cookie["name"], cookie["value"], path=cookie.get("path", "/"))
    return session


def phone_window(driver):
    """A 375x800 viewport."""
    driver.set_window_size(375, 800)
    if driver.execute_script("return window.innerWidth") != 375:
        # Some headless builds keep a wider minimum window; emulate the viewport instead.
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 375, "height": 800, "deviceScaleFactor": 1, "mobile": True})
    assert driver.execute_script("return window.innerWidth") == 375


def assert_fits_phone(driver, where: str):
    """No horizontal scrolling in a 375px window; names the widest offenders otherwise."""
    scroll_width = driver.execute_script("return document.documentElement.scrollWidth")
    if scroll_width > 380:
        offenders = driver.execute_script("""
            var out = [];
            document.querySelectorAll('body *').forEach(function (e) {
              var r = e.getBoundingClientRect();
              if (r.right > 380 && !e.querySelector('*')) out.push(e.tagName.toLowerCase() +
                (e.className ? '.' + String(e.className).split(' ').join('.') : '') + ' right=' + Math.round(r.right) +
                ' "' + (e.textContent || '').trim().slice(0, 60) + '"');
            });
            return out.slice(0, 8);""")
        raise AssertionError(f"{where}: page is {scroll_width}px wide in a 375px window; "
                             f"overflowing: {offenders}")


def nav_labels(driver) -> list[str]:
    return [a.get_attribute("textContent").strip() for a in driver.find_elements(By.CSS_SELECTOR, "nav.sidebar#nav a")]


def customer_links(driver) -> list[str]:
    return [urlsplit(a.get_attribute("href")).path
            for a in driver.find_elements(By.CSS_SELECTOR, "table.records a[href^='/customers/']")]


def assert_no_server_error(driver, where: str):
    text = page_text(driver)
    title = driver.title
    assert "500" not in title and "Internal Server Error" not in text, f"{where}: server error page\n{text[:800]}"
    assert not driver.find_elements(By.CSS_SELECTOR, "p.alert.error"), f"{where}: error alert shown\n{text[:800]}"


# --------------------------------------------------------------------------------------------


def test_sign_in_and_wrong_password(browser, server, screenshot):
    user = server.create_user(roles=["sales_rep"], name="王小明")

    sign_in(browser, server, user.username, "definitely-wrong-pw", expect_success=False)
    error = wait_for(browser, "p.alert.error", visible=True)
    assert error.text.strip(), "the wrong-password alert is empty"
    assert urlsplit(browser.current_url).path == "/sign-in"
    assert not browser.find_elements(By.CSS_SELECTOR, "nav.user-menu"), "signed in with a wrong password"
    # The form is shown again, ready for another try.
    assert browser.find_element(By.ID, "username").get_attribute("value") == user.username
    screenshot("sign-in-wrong-password")

    sign_in(browser, server, user.username, user.password)
    assert h1_text(browser) == f"你好，{user.name}"
    assert browser.find_element(By.CSS_SELECTOR, "nav.user-menu a[href='/account']").text.strip() == user.name
    screenshot("workbench")


def test_create_customer_with_contact_and_follow_up(browser, server, sign_in_as, screenshot):
    sign_in_as()
    name = "杭州西湖龙井茶业有限公司" + unique("-")
    phone = random_mobile()

    browser.get(f"{server.url}/customers")
    wait_for(browser, "a.button.primary[href='/customers/new']").click()
    wait_for_path(browser, lambda p: p == "/customers/new")
    form = wait_for(browser, "#record-form")
    form.find_element(By.ID, "f-name").send_keys(name)
    Select(form.find_element(By.ID, "f-type")).select_by_value("key_account")
    Select(form.find_element(By.ID, "f-status")).select_by_value("potential")
    form.find_element(By.ID, "f-phone").send_keys(phone)
    submit_and_wait(browser, form, "button.primary")

    path = wait_for_path(browser, lambda p: re.fullmatch(r"/customers/\d+", p) is not None)
    customer_id = int(path.rsplit("/", 1)[1])
    assert browser.find_element(By.CSS_SELECTOR, "div.detail-header h1").text.strip() == name
    assert phone in browser.find_element(By.CSS_SELECTOR, "dl.fields").text

    # A contact through the inline form in the contacts section.
    contact_name = "李四" + unique("-")
    contact_mobile = random_mobile()
    section = browser.find_element(By.CSS_SELECTOR, "section#related-contacts")
    section.find_element(By.CSS_SELECTOR, "details.inline-add summary").click()
    form = section.find_element(By.CSS_SELECTOR, "details.inline-add form")
    wait(browser).until(lambda d: form.find_element(By.CSS_SELECTOR, "#f-name").is_displayed())
    form.find_element(By.CSS_SELECTOR, "#f-name").send_keys(contact_name)
    form.find_element(By.CSS_SELECTOR, "#f-mobile").send_keys(contact_mobile)
    submit_and_wait(browser, form)
    assert urlsplit(browser.current_url).path == f"/customers/{customer_id}"
    contacts = browser.find_element(By.CSS_SELECTOR, "section#related-contacts")
    assert contact_name in contacts.find_element(By.CSS_SELECTOR, "ul.tree").text

    # A follow-up through 写跟进 at the top of the page.
    content = "电话沟通了明前龙井的报价，客户希望下周看样品。" + unique("#")
    section = browser.find_element(By.CSS_SELECTOR, "details.write-first")
    section.find_element(By.CSS_SELECTOR, "summary").click()
    form = section.find_element(By.CSS_SELECTOR, "form")
    wait(browser).until(lambda d: form.find_element(By.CSS_SELECTOR, "#f-content").is_displayed())
    assert form.find_element(By.CSS_SELECTOR, "#f-happened_at").get_attribute("value"), "happened_at is not prefilled"
    Select(form.find_element(By.CSS_SELECTOR, "#f-method")).select_by_value("call")
    form.find_element(By.CSS_SELECTOR, "#f-content").send_keys(content)
    submit_and_wait(browser, form)
    assert urlsplit(browser.current_url).path == f"/customers/{customer_id}"
    follow_ups = browser.find_element(By.CSS_SELECTOR, "section#related-follow_ups")
    assert content in follow_ups.find_element(By.CSS_SELECTOR, "ol.timeline").text
    # The contact is still listed too.
    assert contact_name in browser.find_element(By.CSS_SELECTOR, "section#related-contacts").text

    # And the API agrees on what was stored.
    found = server.admin_api.customers(name)
    assert [c["id"] for c in found] == [customer_id]
    assert found[0]["type"] == "key_account" and found[0]["phone"] == phone

    browser.execute_script("window.scrollTo(0, 0)")
    screenshot("customer-with-contact-and-follow-up")


def test_validation_error_shown_next_to_field(browser, server, sign_in_as, screenshot):
    sign_in_as()
    phone = random_mobile()
    browser.get(f"{server.url}/customers/new")
    form = wait_for(browser, "#record-form")
    assert form.get_attribute("novalidate") is not None
    form.find_element(By.ID, "f-email").send_keys("not-an-email")
    form.find_element(By.ID, "f-phone").send_keys(phone)
    submit_and_wait(browser, form)

    assert browser.find_elements(By.CSS_SELECTOR, "p.alert.error"), "no error summary at the top"
    for field in ("name", "email"):
        control = browser.find_element(By.ID, f"f-{field}")
        wrapper = control.find_element(By.XPATH, "ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' field ')][1]")
        assert "invalid" in wrapper.get_attribute("class").split(), f"{field} is not marked invalid"
        error = wrapper.find_element(By.CSS_SELECTOR, "p.field-error")
        assert error.text.strip(), f"{field} has an empty error text"
    assert browser.find_element(By.ID, "f-email-error").text.strip()
    # What was typed is kept.
    assert browser.find_element(By.ID, "f-email").get_attribute("value") == "not-an-email"
    assert browser.find_element(By.ID, "f-phone").get_attribute("value") == phone
    screenshot("customer-form-validation")

    # The same submission answers 422 (the browser does not expose the status, so replay it).
    session = browser_session(browser, server)
    form = browser.find_element(By.ID, "record-form")
    data = {i.get_attribute("name"): i.get_attribute("value")
            for i in form.find_elements(By.CSS_SELECTOR, "input[type=hidden]") if i.get_attribute("name")}
    data.update(name="", email="not-an-email", phone=phone, type="direct", status="potential")
    r = session.post(f"{server.url}{urlsplit(form.get_attribute('action')).path or '/customers'}",
                     data=data, allow_redirects=False, timeout=15)
    assert r.status_code == 422, f"expected 422, got {r.status_code}"

    assert server.admin_api.customers(phone) == []
    assert server.admin_api.customers("not-an-email") == []


def test_find_customer_by_pinyin_initials(browser, server, sign_in_as, screenshot):
    name = "张三丰武术学校"
    existing = [c for c in server.admin_api.customers(name) if c["name"] == name]
    customer = existing[0] if existing else server.create_customer(name=name, phone=random_mobile())
    sign_in_as()

    search = wait_for(browser, "#global-search")
    search.send_keys("zsf")
    live = wait_for(browser, "#live-results a.live-item", visible=True)
    assert live is not None
    titles = [a.find_element(By.CSS_SELECTOR, ".title").text for a in browser.find_elements(By.CSS_SELECTOR, "#live-results a.live-item")]
    hrefs = [urlsplit(a.get_attribute("href")).path for a in browser.find_elements(By.CSS_SELECTOR, "#live-results a.live-item")]
    assert name in titles, f"live results: {titles}"
    assert f"/customers/{customer['id']}" in hrefs
    screenshot("live-search-pinyin")

    marker = browser.find_element(By.TAG_NAME, "html")
    search.send_keys(Keys.ENTER)
    wait(browser).until(replaced(marker))
    assert urlsplit(browser.current_url).path == "/search"
    assert "q=zsf" in browser.current_url
    results = browser.find_elements(By.CSS_SELECTOR, "ul.results > li > a")
    assert name in [a.text.strip() for a in results]
    assert f"/customers/{customer['id']}" in [urlsplit(a.get_attribute("href")).path for a in results]
    screenshot("search-results-pinyin")

    # Clicking the result opens the customer.
    next(a for a in results if a.text.strip() == name).click()
    wait_for_path(browser, lambda p: p == f"/customers/{customer['id']}")
    assert browser.find_element(By.CSS_SELECTOR, "div.detail-header h1").text.strip() == name


def test_search_finds_customer_by_its_full_name(browser, server, sign_in_as):
    name = "International Business Machines Corporation " + unique("Beijing")
    customer = server.create_customer(name=name, phone=random_mobile())
    sign_in_as()
    search = wait_for(browser, "#global-search")
    search.send_keys(name)
    marker = browser.find_element(By.TAG_NAME, "html")
    search.send_keys(Keys.ENTER)
    wait(browser).until(replaced(marker))
    results = browser.find_elements(By.CSS_SELECTOR, "ul.results > li > a")
    assert f"/customers/{customer['id']}" in [urlsplit(a.get_attribute("href")).path for a in results]


def test_sales_rep_cannot_see_colleagues_customer(browser, server, screenshot):
    department = server.create_department("销售" + unique("部"))
    rep_a = server.create_user(roles=["sales_rep"], department_id=department["id"], name="销售甲" + unique())
    rep_b = server.create_user(roles=["sales_rep"], department_id=department["id"], name="销售乙" + unique())
    api_a = server.api(rep_a.username, rep_a.password)
    api_b = server.api(rep_b.username, rep_b.password)

    secret_name = "甲的私有客户" + unique("-")
    secret = server.create_customer(api=api_a, name=secret_name, phone=random_mobile())
    own_name = "乙的客户" + unique("-")
    own = server.create_customer(api=api_b, name=own_name, phone=random_mobile())
    assert api_a.get(f"/customers/{secret['id']}").status_code == 200

    sign_in(browser, server, rep_b.username, rep_b.password)

    browser.get(f"{server.url}/customers")
    wait_for(browser, "table.records")
    links = customer_links(browser)
    assert f"/customers/{own['id']}" in links, "rep B does not even see their own customer"
    assert f"/customers/{secret['id']}" not in links
    assert secret_name not in page_text(browser)

    # The header search finds nothing of it, live or on the results page.
    search = wait_for(browser, "#global-search")
    search.send_keys(secret_name)
    try:
        wait(browser, 2).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#live-results a.live-item"))
    except Exception:  # noqa: BLE001 - nothing appearing is the expected outcome
        pass
    assert secret_name not in browser.find_element(By.ID, "live-results").text
    marker = browser.find_element(By.TAG_NAME, "html")
    search.send_keys(Keys.ENTER)
    wait(browser).until(replaced(marker))
    assert urlsplit(browser.current_url).path == "/search"
    assert f"/customers/{secret['id']}" not in [urlsplit(a.get_attribute("href")).path
                                                for a in browser.find_elements(By.CSS_SELECTOR, "ul.results a")]
    assert not any(secret_name in a.text for a in browser.find_elements(By.CSS_SELECTOR, "ul.results a"))

    # A direct URL is a 404, and says nothing about the customer.
    browser.get(f"{server.url}/customers/{secret['id']}")
    heading = h1_text(browser)
    assert heading and secret_name not in heading
    assert secret_name not in page_text(browser)
    screenshot("rep-colleague-customer-404")
    assert browser_session(browser, server).get(f"{server.url}/customers/{secret['id']}", timeout=15).status_code == 404
    assert api_b.get(f"/customers/{secret['id']}").status_code == 404
    assert api_b.customers(secret_name) == []


def test_switch_language(browser, server, screenshot):
    user = server.create_user(roles=["sales_rep"], name="语言测试" + unique())
    sign_in(browser, server, user.username, user.password)
    assert "客户" in nav_labels(browser)

    def choose(language: str):
        browser.get(f"{server.url}/account")
        form = wait_for(browser, "form#preferences")
        Select(form.find_element(By.CSS_SELECTOR, "select[name=language]")).select_by_value(language)
        submit_and_wait(browser, form, "button[type=submit]")
        wait_for_path(browser, lambda p: p == "/account")

    choose("en")
    assert "Customers" in nav_labels(browser)
    assert h1_text(browser) == "My settings"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert Select(browser.find_element(By.CSS_SELECTOR, "form#preferences select[name=language]")).first_selected_option.get_attribute("value") == "en"
    screenshot("account-english")

    # The language follows the user to other pages.
    browser.get(f"{server.url}/customers")
    wait_for(browser, "h1")
    assert "Customers" in nav_labels(browser)

    choose("zh-Hant")
    assert "客戶" in nav_labels(browser)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-Hant"
    screenshot("account-traditional")

    choose("zh-Hans")
    assert "客户" in nav_labels(browser)


def test_phone_sized_window(browser, server, sign_in_as, screenshot):
    customer = server.create_customer(name="深圳市南山区前海智慧物流供应链管理有限公司" + unique("-"), phone=random_mobile(),
                                      email=unique("buyer") + "@example.com")
    server.admin_api.create("/contacts", {"customer_id": customer["id"], "name": "陈经理", "mobile": random_mobile()})
    server.admin_api.create("/follow_ups", {"customer_id": customer["id"], "happened_at": "2026-11-23T10:00:00+08:00",
                                            "method": "visit", "content": "上门拜访，参观了前海仓库，客户对冷链运输方案很感兴趣。"})
    phone_window(browser)
    sign_in_as()

    def check_no_overflow(where: str):
        assert_fits_phone(browser, where)

    check_no_overflow("workbench")
    screenshot("phone-workbench")

    browser.get(f"{server.url}/customers")
    wait_for(browser, "h1")
    check_no_overflow("/customers")
    toggle = browser.find_element(By.CSS_SELECTOR, "button.menu-toggle")
    nav = browser.find_element(By.CSS_SELECTOR, "nav.sidebar#nav")
    assert toggle.is_displayed(), "menu toggle hidden on a narrow screen"
    assert not nav.is_displayed(), "navigation should be folded away on a narrow screen"
    screenshot("phone-customers")
    toggle.click()
    wait(browser).until(lambda d: nav.is_displayed())
    assert toggle.get_attribute("aria-expanded") == "true"
    assert nav.find_element(By.CSS_SELECTOR, "a[href='/customers']").is_displayed()
    check_no_overflow("/customers with open menu")
    screenshot("phone-menu-open")
    toggle.click()
    wait(browser).until(lambda d: not nav.is_displayed())

    browser.get(f"{server.url}/customers/{customer['id']}")
    wait_for(browser, "div.detail-header h1")
    check_no_overflow("customer page")
    screenshot("phone-customer")

    browser.get(f"{server.url}/customers/new")
    wait_for(browser, "#record-form")
    check_no_overflow("new customer form")


def test_phone_customer_page_with_long_website(browser, server, sign_in_as, screenshot):
    customer = server.create_customer(name="宁波港口物流有限公司" + unique("-"), phone=random_mobile(),
                                      website="https://www.example.com/about/company-profile")
    phone_window(browser)
    sign_in_as()
    browser.get(f"{server.url}/customers/{customer['id']}")
    wait_for(browser, "div.detail-header h1")
    screenshot("phone-customer-long-website")
    assert_fits_phone(browser, "customer page with a website")


def test_screenshots_of_main_pages(browser, server, sign_in_as, backend):
    customer = server.create_customer(name="上海浦东示例贸易有限公司" + unique("-"), phone=random_mobile())
    server.admin_api.create("/contacts", {"customer_id": customer["id"], "name": "赵六" + unique(), "mobile": random_mobile()})
    server.admin_api.create("/follow_ups", {"customer_id": customer["id"], "happened_at": "2026-11-23T10:00:00+08:00",
                                            "method": "call", "content": "首次电话拜访，介绍了产品。"})
    sign_in_as()
    pages = [
        ("workbench", "/"),
        ("customers", "/customers"),
        ("customer-new", "/customers/new"),
        ("customer-detail", f"/customers/{customer['id']}"),
        ("customer-edit", f"/customers/{customer['id']}/edit"),
        ("contacts", "/contacts"),
        ("follow-ups", "/follow_ups"),
        ("search", "/search?q=%E4%B8%8A%E6%B5%B7"),
        ("admin-users", "/admin/users"),
        ("admin-departments", "/admin/departments"),
        ("admin-roles", "/admin/roles"),
        ("admin-audit", "/admin/audit"),
        ("admin-recycle", "/admin/recycle"),
        ("admin-settings", "/admin/settings"),
        ("account", "/account"),
    ]
    session = browser_session(browser, server)
    failures = []
    for name, path in pages:
        status = session.get(f"{server.url}{path}", timeout=15).status_code
        browser.get(f"{server.url}{path}")
        try:
            heading = h1_text(browser)
            assert heading, "empty h1"
            assert status == 200, f"HTTP {status}"
            assert_no_server_error(browser, path)
        except AssertionError as error:
            failures.append(f"{path}: {error}")
        save_screenshot(browser, f"page-{name}")
    assert not failures, "\n".join(failures)


XSS_NAME = '<script>window.__xss=1</script>"><img src=x onerror=window.__xss=2>'


def test_xss_text_is_shown_not_run(browser, server, sign_in_as, screenshot):
    name = XSS_NAME + unique(" ")
    rejected = server.admin_api.post("/customers", json={"name": name, "type": "direct", "status": "potential",
                                                         "website": "javascript:alert(1)"})
    assert rejected.status_code == 422, rejected.text
    assert "website" in rejected.json()["error"]["fields"]
    customer = server.create_customer(name=name, phone=random_mobile())

    sign_in_as()

    def assert_not_run(where: str):
        assert browser.execute_script("return typeof window.__xss") == "undefined", f"{where}: injected script ran"
        assert not browser.find_elements(By.CSS_SELECTOR, "main script, main img[src=x]"), f"{where}: markup was injected"

    browser.get(f"{server.url}/customers")
    wait_for(browser, "table.records")
    link = browser.find_element(By.CSS_SELECTOR, f"table.records a[href='/customers/{customer['id']}']")
    assert link.text.strip() == name
    assert_not_run("list")

    browser.get(f"{server.url}/customers/{customer['id']}")
    assert browser.find_element(By.CSS_SELECTOR, "div.detail-header h1").text.strip() == name
    assert_not_run("detail")
    screenshot("xss-detail")

    browser.get(f"{server.url}/customers/{customer['id']}/edit")
    assert browser.find_element(By.ID, "f-name").get_attribute("value") == name
    assert_not_run("edit form")

    # Live results render the name as text.
    search = wait_for(browser, "#global-search")
    search.send_keys("window.__xss")
    wait_for(browser, "#live-results a.live-item", visible=True)
    titles = [a.find_element(By.CSS_SELECTOR, ".title").get_attribute("textContent")
              for a in browser.find_elements(By.CSS_SELECTOR, "#live-results a.live-item")]
    assert name in titles, titles
    assert_not_run("live search")

    # The results page lists it as text.
    marker = browser.find_element(By.TAG_NAME, "html")
    search.send_keys(Keys.ENTER)
    wait(browser).until(replaced(marker))
    assert h1_text(browser).endswith("window.__xss")
    results = browser.find_elements(By.CSS_SELECTOR, "ul.results > li > a")
    assert name in [a.text.strip() for a in results]
    assert_not_run("search results")
    screenshot("xss-search")

    # The query itself is echoed in the heading of the results page: as text, too.
    search = wait_for(browser, "#global-search")
    search.clear()
    search.send_keys(XSS_NAME)
    marker = browser.find_element(By.TAG_NAME, "html")
    search.send_keys(Keys.ENTER)
    wait(browser).until(replaced(marker))
    assert h1_text(browser).endswith(XSS_NAME)
    assert_not_run("search query echo")


def test_follow_up_with_an_attachment(browser, server, sign_in_as, tmp_path):
    customer = server.create_customer(name="苏州园林建材有限公司" + unique("-"), phone=random_mobile())
    attachment = tmp_path / "拜访纪要.txt"
    attachment.write_text("拜访纪要：客户需要报价。", encoding="utf-8")
    sign_in_as()
    browser.get(f"{server.url}/customers/{customer['id']}")
    section = wait_for(browser, "details.write-first")
    section.find_element(By.CSS_SELECTOR, "summary").click()
    form = section.find_element(By.CSS_SELECTOR, "form")
    wait(browser).until(lambda d: form.find_element(By.CSS_SELECTOR, "#f-content").is_displayed())
    Select(form.find_element(By.CSS_SELECTOR, "#f-method")).select_by_value("visit")
    form.find_element(By.CSS_SELECTOR, "#f-content").send_keys("上门拜访，带回纪要。")
    form.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(attachment))
    submit_and_wait(browser, form)
    assert urlsplit(browser.current_url).path == f"/customers/{customer['id']}"
    browser.find_element(By.CSS_SELECTOR, "section#related-follow_ups ol.timeline a.what").click()
    link = wait_for(browser, "ul.files a")
    assert link.text == "拜访纪要.txt"
    cookies = {c["name"]: c["value"] for c in browser.get_cookies()}
    download = requests.get(link.get_attribute("href"), cookies=cookies)
    assert download.status_code == 200
    assert download.content.decode("utf-8") == "拜访纪要：客户需要报价。"
    assert download.headers["Content-Disposition"].startswith("attachment;")


def test_opportunity_stage_sets_probability_and_keeps_history(browser, server, sign_in_as):
    sign_in_as()
    browser.get(f"{server.url}/customers/new")
    form = wait_for(browser, "#record-form")
    form.find_element(By.ID, "f-name").send_keys("苏州启明电子有限公司" + unique("-"))
    submit_and_wait(browser, form)
    path = wait_for_path(browser, lambda p: re.fullmatch(r"/customers/\d+", p) is not None)
    customer_id = path.rsplit("/", 1)[1]

    # The customer page offers its opportunities, and adding one starts with the customer chosen.
    browser.find_element(By.CSS_SELECTOR, "section#related-opportunities a.button").click()
    wait_for_path(browser, lambda p: p == "/opportunities/new")
    form = wait_for(browser, "#record-form")
    assert Select(form.find_element(By.ID, "f-customer_id")).first_selected_option.get_attribute("value") == customer_id
    name = "车间自动化改造" + unique("-")
    form.find_element(By.ID, "f-name").send_keys(name)
    form.find_element(By.ID, "f-amount").send_keys("350000")
    Select(form.find_element(By.ID, "f-stage")).select_by_value("negotiation")
    submit_and_wait(browser, form)
    path = wait_for_path(browser, lambda p: re.fullmatch(r"/opportunities/\d+", p) is not None)
    assert "70" in browser.find_element(By.CSS_SELECTOR, "dl.fields").text
    assert "谈判审核" in browser.find_element(By.CSS_SELECTOR, "section#periods").text

    # Lost without a reason: refused, with the error beside the reason.
    browser.get(f"{server.url}{path}/edit")
    form = wait_for(browser, "#record-form")
    Select(form.find_element(By.ID, "f-stage")).select_by_value("lost")
    submit_and_wait(browser, form)
    assert browser.find_element(By.ID, "f-lost_reason-error").text.strip()

    form = wait_for(browser, "#record-form")
    Select(form.find_element(By.ID, "f-lost_reason")).select_by_value("price")
    submit_and_wait(browser, form)
    assert urlsplit(browser.current_url).path == path
    periods = browser.find_element(By.CSS_SELECTOR, "section#periods").text
    assert "谈判审核" in periods and "输单" in periods
    browser.get(f"{server.url}/customers/{customer_id}")
    assert name in wait_for(browser, "section#related-opportunities").text


def drag_card_to_column(driver, card_id: str, stage: str):
    """HTML5 drag and drop as Chromium delivers it (Selenium's mouse drag does not fire it)."""
    driver.execute_script("""
        const card = document.querySelector(`.board-card[data-id="${arguments[0]}"]`);
        const column = document.querySelector(`.board-column[data-stage="${arguments[1]}"] .cards`);
        const data = new DataTransfer();
        card.dispatchEvent(new DragEvent("dragstart", {bubbles: true, dataTransfer: data}));
        column.dispatchEvent(new DragEvent("dragover", {bubbles: true, cancelable: true, dataTransfer: data}));
        column.dispatchEvent(new DragEvent("drop", {bubbles: true, cancelable: true, dataTransfer: data}));
        card.dispatchEvent(new DragEvent("dragend", {bubbles: true, dataTransfer: data}));
    """, card_id, stage)


def test_kanban_board_moves_cards_by_form_and_by_drag(browser, server, sign_in_as, screenshot):
    sign_in_as()
    browser.get(f"{server.url}/customers/new")
    form = wait_for(browser, "#record-form")
    form.find_element(By.ID, "f-name").send_keys("宁波锦程物流有限公司" + unique("-"))
    submit_and_wait(browser, form)
    customer_id = wait_for_path(browser, lambda p: re.fullmatch(r"/customers/\d+", p) is not None).rsplit("/", 1)[1]
    tag = unique("")
    browser.get(f"{server.url}/opportunities/new?customer_id={customer_id}")
    form = wait_for(browser, "#record-form")
    form.find_element(By.ID, "f-name").send_keys("仓储系统" + tag)
    form.find_element(By.ID, "f-amount").send_keys("88000")
    Select(form.find_element(By.ID, "f-stage")).select_by_value("initial")
    submit_and_wait(browser, form)
    opportunity_id = wait_for_path(browser, lambda p: re.fullmatch(r"/opportunities/\d+", p) is not None).rsplit("/", 1)[1]

    # Filtered to this one opportunity, its column counts it and its amount.
    browser.get(f"{server.url}/opportunities/board?q={tag}")
    column = wait_for(browser, ".board-column[data-stage='initial']")
    assert "仓储系统" + tag in column.text
    assert "1" in column.find_element(By.CSS_SELECTOR, ".totals").text
    # A column sums up in 万, the exact amount a hover away.
    totals = column.find_element(By.CSS_SELECTOR, ".totals")
    assert "¥8.8万" in totals.text and totals.get_attribute("title") == "¥88,000.00", totals.text
    screenshot("opportunity-board")
    current = browser.find_elements(By.CSS_SELECTOR, "nav#nav a[aria-current]")
    assert [urlsplit(a.get_attribute("href")).path for a in current] == ["/opportunities/board"]

    # The plain form on the card moves it, and the board keeps its filter.
    card = browser.find_element(By.CSS_SELECTOR, f".board-card[data-id='{opportunity_id}']")
    Select(card.find_element(By.CSS_SELECTOR, "form.move select")).select_by_value("needs")
    submit_and_wait(browser, card.find_element(By.CSS_SELECTOR, "form.move"), "button")
    assert urlsplit(browser.current_url).path == "/opportunities/board"
    assert "仓储系统" + tag in wait_for(browser, ".board-column[data-stage='needs']").text

    # Dragging it onto another column sends the same form.
    marker = browser.find_element(By.TAG_NAME, "html")
    drag_card_to_column(browser, opportunity_id, "proposal")
    wait(browser).until(replaced(marker))
    assert "仓储系统" + tag in wait_for(browser, ".board-column[data-stage='proposal']").text
    browser.get(f"{server.url}/opportunities/{opportunity_id}")
    assert "50" in wait_for(browser, "dl.fields").text


def test_convert_a_lead(browser, server, sign_in_as):
    sign_in_as()
    company = "厦门盛世食品有限公司" + unique("-")
    browser.get(f"{server.url}/leads/new")
    form = wait_for(browser, "#record-form")
    form.find_element(By.ID, "f-company").send_keys(company)
    form.find_element(By.ID, "f-contact_name").send_keys("陈静")
    form.find_element(By.ID, "f-phone").send_keys(random_mobile())
    Select(form.find_element(By.ID, "f-status")).select_by_value("qualified")
    submit_and_wait(browser, form)
    lead_path = wait_for_path(browser, lambda p: re.fullmatch(r"/leads/\d+", p) is not None)

    browser.find_element(By.CSS_SELECTOR, f"a[href='{lead_path}/convert']").click()
    form = wait_for(browser, "#convert-form")
    form.find_element(By.ID, "create-opportunity").click()
    form.find_element(By.ID, "f-opportunity-amount").send_keys("66000")
    Select(form.find_element(By.ID, "f-opportunity-stage")).select_by_value("proposal")
    submit_and_wait(browser, form)
    wait_for_path(browser, lambda p: re.fullmatch(r"/customers/\d+", p) is not None)
    assert browser.find_element(By.CSS_SELECTOR, "div.detail-header h1").text.strip() == company
    assert "陈静" in browser.find_element(By.CSS_SELECTOR, "section#related-contacts").text
    assert company in browser.find_element(By.CSS_SELECTOR, "section#related-opportunities").text

    # The lead says it is converted and no longer offers conversion.
    browser.get(f"{server.url}{lead_path}")
    assert "已转化" in wait_for(browser, "dl.fields").text
    assert not browser.find_elements(By.CSS_SELECTOR, f"a[href='{lead_path}/convert']")


def test_funnel_and_forecast_show_charts_with_their_tables(browser, server, sign_in_as, screenshot):
    sign_in_as()
    browser.get(f"{server.url}/opportunities/funnel")
    funnel = wait_for(browser, "section#funnel")
    assert funnel.find_elements(By.CSS_SELECTOR, "svg.chart rect.chart-bar")
    rows = funnel.find_elements(By.CSS_SELECTOR, "table.data tbody tr")
    assert len(rows) == 4 and "初步接洽" in rows[0].text
    forecast = browser.find_element(By.CSS_SELECTOR, "section#forecast")
    assert forecast.find_elements(By.CSS_SELECTOR, "table.data") or "暂无记录" in forecast.text
    screenshot("opportunity-funnel")


def test_claim_from_the_pool_and_give_back(browser, server, sign_in_as, screenshot):
    name = "成都启明软件有限公司" + unique("-")
    customer = server.create_customer(name=name)
    returned = server.admin_api.post("/customers/bulk", json={"action": "return", "ids": [customer["id"]], "reason": "无人跟进"})
    assert returned.status_code == 200, returned.text
    rep = server.create_user(roles=("sales_rep",), department_id=server.create_department()["id"])
    sign_in_as(rep)

    browser.get(f"{server.url}/pools")
    pool_path = wait_for_path(browser, lambda p: re.fullmatch(r"/pools/\d+", p) is not None)
    browser.get(f"{server.url}{pool_path}?q={name}")
    form = wait_for(browser, "#pool-form")
    assert name in form.text and "我的客户：0" in browser.find_element(By.ID, "pool-standing").text
    # Claiming is not blind: the row says who had the customer and why it came back.
    row = form.find_element(By.XPATH, f".//tr[.//input[@value='{customer['id']}']]")
    assert "管理员" in row.text and "无人跟进" in row.text, row.text
    screenshot("pool")
    # The name opens the waiting customer in the pool's sight, with its pool history and a claim button.
    row.find_element(By.LINK_TEXT, name).click()
    wait_for_path(browser, lambda p: p == f"{pool_path}/customers/{customer['id']}")
    assert h1_text(browser) == name
    assert "无人跟进" in browser.find_element(By.CSS_SELECTOR, "section#pool-events").text
    screenshot("pool-customer")
    submit_and_wait(browser, browser.find_element(By.ID, "claim-this"))
    wait_for_path(browser, lambda p: p == f"/customers/{customer['id']}")
    assert h1_text(browser) == name
    assert "领取" in browser.find_element(By.CSS_SELECTOR, "section#pool-events").text
    browser.find_element(By.CSS_SELECTOR, f"a[href='/customers/{customer['id']}/return']").click()
    form = wait_for(browser, "form[action$='/return']")
    form.find_element(By.ID, "return-reason").send_keys("客户暂无需求")
    submit_and_wait(browser, form, "button.danger")
    wait_for_path(browser, lambda p: p == "/customers")
    browser.get(f"{server.url}{pool_path}?q={name}")
    assert name in wait_for(browser, "#pool-form").text
    row = browser.find_element(By.XPATH, f"//form[@id='pool-form']//tr[.//input[@value='{customer['id']}']]")
    assert rep.name in row.text and "客户暂无需求" in row.text, row.text
    # Another, claimed by its box: the pool's bulk claim (the one given back is cooling down).
    other = server.create_customer(name="成都远航物流有限公司" + unique("-"))
    server.admin_api.post("/customers/bulk", json={"action": "return", "ids": [other["id"]], "reason": "无人跟进"}).raise_for_status()
    browser.get(f"{server.url}{pool_path}?q={other['name']}")
    form = wait_for(browser, "#pool-form")
    form.find_element(By.CSS_SELECTOR, f"input.row-select[value='{other['id']}']").click()
    form.find_element(By.ID, "claim-selected").click()
    wait(browser).until(replaced(form))
    assert other["name"] not in page_text(browser)
    assert "我的客户：1" in wait_for(browser, "#pool-standing").text


def test_admin_adds_a_pipeline_with_its_own_stages(browser, server, sign_in_as, screenshot):
    sign_in_as()
    name = "项目型销售" + unique("-")
    browser.get(f"{server.url}/admin/pipelines")
    form = wait_for(browser, "#pipeline-new form")
    form.find_element(By.ID, "new-pipeline-name").send_keys(name)
    submit_and_wait(browser, form)
    key = urlsplit(browser.current_url).fragment.removeprefix("pipeline-")
    section = wait_for(browser, f"section#pipeline-{key}")
    assert section.find_element(By.TAG_NAME, "h2").text == name

    # Rename the first stage, set its probability, and add one in the empty row.
    names = section.find_elements(By.NAME, "stage_name")
    chances = section.find_elements(By.NAME, "stage_probability")
    names[0].clear(); names[0].send_keys("投标")
    chances[0].clear(); chances[0].send_keys("40")
    names[-1].send_keys("技术评审")
    chances[-1].clear(); chances[-1].send_keys("60")
    submit_and_wait(browser, section.find_element(By.TAG_NAME, "form"))
    section = wait_for(browser, f"section#pipeline-{key}")
    assert [field.get_attribute("value") for field in section.find_elements(By.NAME, "stage_name")][:4] == ["投标", "技术评审", "赢单", "输单"]
    screenshot("admin-pipelines")

    browser.get(f"{server.url}/customers/new")
    form = wait_for(browser, "#record-form")
    form.find_element(By.ID, "f-name").send_keys("南京江北建设集团" + unique("-"))
    submit_and_wait(browser, form)
    customer_id = wait_for_path(browser, lambda p: re.fullmatch(r"/customers/\d+", p) is not None).rsplit("/", 1)[1]
    deal = "园区智能化" + unique("")
    browser.get(f"{server.url}/opportunities/new?customer_id={customer_id}")
    form = wait_for(browser, "#record-form")
    form.find_element(By.ID, "f-name").send_keys(deal)
    form.find_element(By.ID, "f-amount").send_keys("500000")
    Select(form.find_element(By.ID, "f-pipeline")).select_by_visible_text(name)
    Select(form.find_element(By.ID, "f-stage")).select_by_visible_text("初步接洽")
    submit_and_wait(browser, form)
    # A stage of another pipeline is refused next to the field.
    assert "不是该销售流程的阶段" in wait_for(browser, "#record-form").text
    form = browser.find_element(By.ID, "record-form")
    Select(form.find_element(By.ID, "f-stage")).select_by_visible_text("投标")
    submit_and_wait(browser, form)
    wait_for_path(browser, lambda p: re.fullmatch(r"/opportunities/\d+", p) is not None)
    assert "40" in wait_for(browser, "dl.fields").text

    browser.get(f"{server.url}/opportunities/board?filter%5Bpipeline%5D={key}")
    headers = [h.text for h in browser.find_elements(By.CSS_SELECTOR, ".board-column h2")]
    assert headers == ["投标", "技术评审", "赢单", "输单"]
    assert deal in browser.find_elements(By.CSS_SELECTOR, ".board-column")[0].text

    browser.get(f"{server.url}/opportunities/funnel?filter%5Bpipeline%5D={key}&period=quarter&by=owner")
    rows = wait_for(browser, "section#funnel").find_elements(By.CSS_SELECTOR, "table.data tbody tr")
    assert [row.text.split(" (")[0] for row in rows] == ["投标", "技术评审"]
    forecast = browser.find_element(By.CSS_SELECTOR, "section#forecast")
    assert "按季度" in forecast.text
    assert "赢单率" in browser.find_element(By.ID, "closed-deals").text


def test_territory_assigns_a_new_lead_and_targets_rank_people(browser, server, sign_in_as, screenshot):
    department = server.create_department()
    rep = server.create_user(roles=("sales_rep",), department_id=department["id"], name="苏州销售" + unique())
    manager = server.create_user(roles=("manager",), department_id=department["id"], name="苏州经理" + unique())
    sign_in_as()
    browser.get(f"{server.url}/admin/territories")
    form = wait_for(browser, "form[action='/admin/territories']")
    rows = form.find_elements(By.CSS_SELECTOR, "table.territories tbody tr")
    row = rows[-1]
    territory = "苏州区域" + unique("-")
    row.find_element(By.CSS_SELECTOR, "input[name^='name_']").send_keys(territory)
    row.find_element(By.CSS_SELECTOR, "input[name^='cities_']").send_keys("苏州，无锡")
    Select(row.find_element(By.CSS_SELECTOR, "select[name^='assignee_']")).select_by_value(f"user:{rep.id}")
    lead_box = form.find_element(By.CSS_SELECTOR, "input[name='automatic'][value='lead']")
    if not lead_box.is_selected():
        lead_box.click()
    submit_and_wait(browser, form)
    try:
        names = [field.get_attribute("value") for field in browser.find_elements(By.CSS_SELECTOR, "input[name^='name_']")]
        assert territory in names
        screenshot("admin-territories")

        # A lead left to the territories goes to the person of its city.
        browser.get(f"{server.url}/leads/new")
        form = wait_for(browser, "#record-form")
        assert Select(form.find_element(By.ID, "f-owner_id")).first_selected_option.text == "按区域自动分配"
        company = "苏州工业园区精密机械" + unique("-")
        form.find_element(By.ID, "f-company").send_keys(company)
        Select(form.find_element(By.ID, "f-status")).select_by_value("new")
        form.find_element(By.ID, "f-city").send_keys("苏州市")
        submit_and_wait(browser, form)
        wait_for_path(browser, lambda p: re.fullmatch(r"/leads/\d+", p) is not None)
        assert rep.name in wait_for(browser, "dl.fields").text
    finally:
        server.admin_api.request("PUT", "/territories", json={"automatic": [], "territories": []})

    # The rep wins a deal; the manager sets targets and sees the rep ranked with percentages.
    rep_api = server.api(rep.username, rep.password)
    customer = server.create_customer(api=rep_api, name="目标客户" + unique())
    won = rep_api.post("/opportunities", json={"name": "年度框架合同", "customer_id": customer["id"], "amount": "50000", "stage": "won"})
    assert won.status_code == 201, won.text
    sign_in_as(manager)
    browser.get(f"{server.url}/targets")
    form = wait_for(browser, "#targets-form")
    form.find_element(By.NAME, f"base_user:{rep.id}").send_keys("100000")
    form.find_element(By.NAME, f"stretch_user:{rep.id}").send_keys("200000")
    submit_and_wait(browser, form)
    ranking = wait_for(browser, "#targets-form").find_elements(By.CSS_SELECTOR, "section:nth-of-type(2) table.targets tbody tr")
    first = ranking[0].text
    assert rep.name in first and "50%" in first and "25%" in first
    assert browser.find_element(By.NAME, f"base_user:{rep.id}").get_attribute("value") == "100000.00"
    screenshot("targets")
    assert_no_server_error(browser, "targets")


def test_manager_reviews_a_new_customer_and_the_owner_shares_it(browser, server, sign_in_as, screenshot):
    department = server.create_department()
    patched = server.admin_api.request("PATCH", f"/departments/{department['id']}",
                                       json={"name": department["name"], "reviews_customers": True})
    assert patched.status_code == 200 and patched.json()["reviews_customers"] is True, patched.text
    rep = server.create_user(roles=("sales_rep",), department_id=department["id"], name="审核销售" + unique())
    manager = server.create_user(roles=("manager",), department_id=department["id"], name="审核经理" + unique())
    colleague = server.create_user(roles=("sales_rep",), department_id=server.create_department()["id"], name="协作同事" + unique())

    sign_in_as(rep)
    browser.get(f"{server.url}/customers/new")
    form = wait_for(browser, "#record-form")
    name = "无锡新材料科技" + unique("-")
    form.find_element(By.ID, "f-name").send_keys(name)
    submit_and_wait(browser, form)
    path = wait_for_path(browser, lambda p: re.fullmatch(r"/customers/\d+", p) is not None)
    assert "待审核" in wait_for(browser, "section#review").text

    sign_in_as(manager)
    browser.get(f"{server.url}/")
    wait_for(browser, "section#reviews").find_element(By.LINK_TEXT, name).click()
    form = wait_for(browser, "section#review form")
    form.find_element(By.ID, "review-comment").send_keys("请补充统一社会信用代码")
    submit_and_wait(browser, form, "button.danger")
    review = wait_for(browser, "section#review").text
    assert "已驳回" in review and "请补充统一社会信用代码" in review
    screenshot("customer-review")

    # The owner shares it with a colleague of another department, who may then edit it.
    sign_in_as(rep)
    browser.get(f"{server.url}{path}")
    shares = wait_for(browser, "section#shares")
    form = shares.find_element(By.TAG_NAME, "form")
    Select(form.find_element(By.NAME, "user_ids")).select_by_value(str(colleague.id))
    Select(form.find_element(By.NAME, "access")).select_by_value("edit")
    submit_and_wait(browser, form, "button")
    assert colleague.name in wait_for(browser, "section#shares").text
    sign_in_as(colleague)
    browser.get(f"{server.url}{path}")
    assert h1_text(browser) == name
    assert browser.find_elements(By.CSS_SELECTOR, f"a[href='{path}/edit']")
    assert not browser.find_elements(By.CSS_SELECTOR, f"a[href='{path}/delete']")


def test_a_quotation_from_a_deal_is_approved_by_the_manager_and_printed(browser, server, sign_in_as, screenshot):
    code = unique("CRM-")
    product = server.admin_api.create("/products", {"name": "CRM 专业版", "code": code, "unit": "套",
                                                    "list_price": "1000", "tax_rate": "13"})
    assert product["discontinued"] is False
    department = server.create_department()
    rep = server.create_user(roles=("sales_rep",), department_id=department["id"], name="报价销售" + unique())
    manager = server.create_user(roles=("manager",), department_id=department["id"], name="报价经理" + unique())
    rep_api = server.api(rep.username, rep.password)
    customer = server.create_customer(rep_api, name="苏州精密机械" + unique("-"))
    deal = rep_api.create("/opportunities", {"name": "ERP 升级" + unique("-"), "customer_id": customer["id"],
                                             "amount": "20000", "stage": "proposal"})

    sign_in_as(rep)
    browser.get(f"{server.url}/opportunities/{deal['id']}")
    browser.find_element(By.LINK_TEXT, "新建报价单").click()
    form = wait_for(browser, "#record-form")
    # The customer and the deal show in their pickers' boxes.
    assert form.find_element(By.ID, "f-customer_id-pick").get_attribute("value") == customer["name"]
    assert form.find_element(By.ID, "f-opportunity_id-pick").get_attribute("value") == deal["name"]
    form.find_element(By.ID, "f-subject").send_keys("年度订阅报价")
    form.find_element(By.NAME, "lines[0][product_code]").send_keys(code)
    form.find_element(By.NAME, "lines[0][quantity]").send_keys("3")
    form.find_element(By.NAME, "lines[0][discount]").send_keys("15")
    rows = len(form.find_elements(By.CSS_SELECTOR, ".line-editor tbody tr"))
    form.find_element(By.CSS_SELECTOR, "button.add-line").click()
    assert len(form.find_elements(By.CSS_SELECTOR, ".line-editor tbody tr")) == rows + 1
    assert form.find_element(By.NAME, f"lines[{rows}][quantity]").get_attribute("value") == ""
    submit_and_wait(browser, form)
    path = wait_for_path(browser, lambda p: re.fullmatch(r"/quotations/\d+", p) is not None)
    document = wait_for(browser, "section#document").text
    # 3 x 1,000 x 0.85 = 2,550.00; 13% tax 331.50; total 2,881.50.
    assert "¥2,550.00" in document and "¥331.50" in document and "¥2,881.50" in document, document
    assert "贰仟捌佰捌拾壹元伍角整" in document
    assert "草稿" in document
    submit_and_wait(browser, wait_for(browser, "section#document"), "button.primary")
    assert "审批中" in wait_for(browser, "section#document").text
    assert browser.find_elements(By.CSS_SELECTOR, "a.button.primary[href$='/edit']") == []
    screenshot("quotation-pending")

    sign_in_as(manager)
    browser.get(f"{server.url}/")
    wait_for(browser, "section#approvals").find_element(By.PARTIAL_LINK_TEXT, "年度订阅报价").click()
    form = wait_for(browser, "form.decision")
    form.find_element(By.ID, "approval-comment").send_keys("同意，本季度特价")
    submit_and_wait(browser, form)
    document = wait_for(browser, "section#document").text
    assert "已批准" in document and "同意，本季度特价" in document, document

    sign_in_as(rep)
    browser.get(f"{server.url}{path}/print")
    printed = wait_for(browser, "main.printout").text
    assert "报价单" in printed and "贰仟捌佰捌拾壹元伍角整" in printed and customer["name"] in printed
    screenshot("quotation-print")

    # Accepted, it becomes a contract; approved and signed, it gets a payment plan and a payment.
    browser.get(f"{server.url}{path}")
    submit_and_wait(browser, wait_for(browser, "section#document"), "button[data-move='accepted']")
    submit_and_wait(browser, wait_for(browser, "section#document"), "button[data-move='derive/contracts']")
    contract_path = wait_for_path(browser, lambda p: re.fullmatch(r"/contracts/\d+", p) is not None)
    details = wait_for(browser, "dl.fields").text
    assert "¥2,881.50" in details and "HT-" in details, details
    submit_and_wait(browser, wait_for(browser, "section#document"), "button.primary")
    sign_in_as(manager)
    browser.get(f"{server.url}/")
    wait_for(browser, "section#approvals").find_element(By.PARTIAL_LINK_TEXT, "年度订阅报价").click()
    submit_and_wait(browser, wait_for(browser, "form.decision"))
    sign_in_as(rep)
    browser.get(f"{server.url}{contract_path}")
    submit_and_wait(browser, wait_for(browser, "section#document"), "button[data-move='signed']")
    assert "已签约" in wait_for(browser, "section#document").text

    plan = wait_for(browser, "#related-instalments")
    plan.find_element(By.CSS_SELECTOR, "details summary").click()
    form = plan.find_element(By.ID, "plan-form")
    for index, (label, due, amount) in enumerate([("首付款", "2026-12-01", "1000"), ("尾款", "2027-03-01", "1881.49")]):
        form.find_element(By.NAME, f"plan[{index}][label]").send_keys(label)
        browser.execute_script("arguments[0].value = arguments[1]", form.find_element(By.NAME, f"plan[{index}][due_date]"), due)
        form.find_element(By.NAME, f"plan[{index}][amount]").send_keys(amount)
    submit_and_wait(browser, form)
    assert "须等于合同金额" in wait_for(browser, "#plan-form").text
    amount = browser.find_element(By.NAME, "plan[1][amount]")
    amount.clear()
    amount.send_keys("1881.50")
    submit_and_wait(browser, browser.find_element(By.ID, "plan-form"))
    plan = wait_for(browser, "#related-instalments").text
    assert "首付款" in plan and "¥1,881.50" in plan and "未回款" in plan, plan

    payments = wait_for(browser, "#related-payments")
    payments.find_element(By.CSS_SELECTOR, "details summary").click()
    form = payments.find_element(By.TAG_NAME, "form")
    Select(form.find_element(By.ID, "f-instalment_id")).select_by_visible_text("首付款")
    browser.execute_script("arguments[0].value = '2026-11-30'", form.find_element(By.ID, "f-received_on"))
    form.find_element(By.ID, "f-amount").send_keys("600")
    Select(form.find_element(By.ID, "f-method")).select_by_visible_text("银行转账")
    submit_and_wait(browser, form)
    plan = wait_for(browser, "#related-instalments").text
    assert "部分回款" in plan and "¥600.00" in plan, plan
    screenshot("contract-paid")

    # The same through the API: lines by code, totals as exact strings, submit, the approver's queue, a rejection.
    made = rep_api.create("/quotations", {"subject": "API 报价", "customer_id": customer["id"], "quote_date": "2026-11-20",
                                          "lines": [{"product_code": code, "quantity": "2", "discount": "20"}]})
    assert made["status"] == "draft" and made["total"] == "1808.00" and made["lines"][0]["unit_price"] == "800.00", made
    submitted = rep_api.post(f"/quotations/{made['id']}/submit")
    assert submitted.status_code == 200 and submitted.json()["status"] == "pending", submitted.text
    locked = rep_api.request("PATCH", f"/quotations/{made['id']}", json={"subject": "改", "version": submitted.json()["version"]})
    assert locked.status_code == 422 and "status" in locked.text, locked.text
    manager_api = server.api(manager.username, manager.password)
    queue = manager_api.get("/approvals").json()["data"]
    waiting = [item for item in queue if item["record_id"] == made["id"]]
    assert len(waiting) == 1, queue
    refused = manager_api.post(f"/approvals/{waiting[0]['approval_id']}/decision", json={"decision": "reject"})
    assert refused.status_code == 422, refused.text
    rejected = manager_api.post(f"/approvals/{waiting[0]['approval_id']}/decision", json={"decision": "reject", "comment": "价格太低"})
    assert rejected.status_code == 200 and rejected.json()["state"] == "rejected", rejected.text
    assert rep_api.get(f"/quotations/{made['id']}").json()["status"] == "draft"
    history = rep_api.get(f"/quotations/{made['id']}/approvals").json()["data"]
    assert history[0]["steps"][0]["comment"] == "价格太低"


def test_administrator_sets_numbers_limits_flows_and_commissions(browser, server, sign_in_as):
    sign_in_as()
    browser.get(f"{server.url}/admin/commerce")
    form = wait_for(browser, "#commerce-form")
    company = "苏州斯特兰软件有限公司" + unique("-")
    field = form.find_element(By.ID, "company-name")
    field.clear()
    field.send_keys(company)
    pattern = form.find_element(By.ID, "numbering-contract")
    pattern.clear()
    pattern.send_keys("HT{YY}{MM}-###")
    limit = form.find_element(By.ID, "limit-sales_rep")
    limit.clear()
    limit.send_keys("5")
    Select(form.find_element(By.NAME, "rule_0_role")).select_by_value("sales_rep")
    form.find_element(By.NAME, "rule_0_percent").send_keys("3")
    new_flow = form.find_elements(By.CSS_SELECTOR, "fieldset.flow")[-1]
    new_flow.find_element(By.CSS_SELECTOR, "input[name$='_name']").send_keys("特大合同")
    Select(new_flow.find_element(By.CSS_SELECTOR, "select[name$='_entity']")).select_by_value("contract")
    Select(new_flow.find_element(By.CSS_SELECTOR, "select[name$='condition_0_kind']")).select_by_value("at_least")
    Select(new_flow.find_element(By.CSS_SELECTOR, "select[name$='condition_0_field']")).select_by_value("amount")
    new_flow.find_element(By.CSS_SELECTOR, "input[name$='condition_0_value']").send_keys("1000000")
    Select(new_flow.find_element(By.CSS_SELECTOR, "select[name$='step_0_kind']")).select_by_value("role")
    Select(new_flow.find_element(By.CSS_SELECTOR, "select[name$='step_0_role']")).select_by_value("general_manager")
    submit_and_wait(browser, form)
    setup = server.admin_api.get("/commerce_setup").json()
    assert setup["company_name"] == company and setup["numbering"]["contract"] == "HT{YY}{MM}-###"
    assert setup["discount_limits"]["sales_rep"] == 500
    assert {"role": "sales_rep", "percent": 300} in [{k: v for k, v in rule.items() if k != "category_id"} for rule in setup["commission_rules"]]
    flow = next(flow for flow in setup["flows"] if flow["name"] == "特大合同")
    assert flow["conditions"] == [{"kind": "at_least", "field": "amount", "value": "1000000"}]
    assert flow["steps"] == [{"kind": "role", "role": "general_manager"}]
    # A pattern without a sequence is refused and nothing changes.
    refused = server.admin_api.request("PUT", "/commerce_setup", json=dict(setup, numbering={"contract": "HT"}))
    assert refused.status_code == 422, refused.text
    assert server.admin_api.get("/commerce_setup").json()["numbering"]["contract"] == "HT{YY}{MM}-###"
    browser.get(f"{server.url}/commissions")
    assert "提成" in h1_text(browser)
    browser.get(f"{server.url}/receivables?by=department")
    assert wait_for(browser, "table#aging")
