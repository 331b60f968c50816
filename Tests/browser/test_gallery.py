"""A gallery of the main pages in each language, at desktop and phone width (issue 19): every
page is saved as a screenshot to be looked at, fits a 375 px window, and shows no raw string key
or unfilled {parameter}. Run on SQLite only: it is about how pages read, not the database."""
from __future__ import annotations

import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import save_screenshot, unique, wait_for, wait_for_path
from test_customer_hub import customer_with_history
from test_strand import assert_fits_phone, phone_window, submit_and_wait

PAGES = [
    ("workbench", "/"), ("customers", "/customers"), ("customer", "/customers/{customer}"), ("customer-new", "/customers/new"),
    ("contacts", "/contacts"), ("follow-ups", "/follow_ups"), ("pools", "/pools"), ("leads", "/leads"),
    ("opportunities", "/opportunities"), ("board", "/opportunities/board"), ("funnel", "/opportunities/funnel"),
    ("targets", "/targets"), ("quotations", "/quotations"), ("contracts", "/contracts"), ("contract", "/contracts/{contract}"),
    ("payments", "/payments"), ("receivables", "/receivables"), ("calendar", "/calendar"), ("tasks", "/tasks"),
    ("reports", "/reports"), ("imports", "/imports"), ("search", "/search?q=枢纽"), ("account", "/account"),
    ("users", "/admin/users"), ("roles", "/admin/roles"), ("audit", "/admin/audit"), ("settings", "/admin/settings"),
]

# A key such as `nav.area.sales` or `document.new.contract` left on screen.
RAW_KEY = re.compile(r"\b[a-z]+(?:_[a-z]+)*\.[a-z]+(?:[._][a-z]+)+\b")
ALLOWED = re.compile(r"example\.(com|org)|\.xlsx|\.docx|\.csv|\.vcf")


def choose_language(browser, server, language: str):
    browser.get(f"{server.url}/account")
    form = wait_for(browser, "form#preferences")
    Select(form.find_element(By.CSS_SELECTOR, "select[name=language]")).select_by_value(language)
    submit_and_wait(browser, form, "button[type=submit]")
    wait_for_path(browser, lambda p: p == "/account")


@pytest.mark.parametrize("language", ["zh-Hans", "zh-Hant", "en"])
def test_every_main_page_reads_right_in_each_language_and_on_a_phone(browser, server, sign_in_as, backend, language):
    if backend != "sqlite":
        pytest.skip("the gallery is taken once, on SQLite; it shows how pages read, not the database")
    customer, deal, contract, payment, event = customer_with_history(server)
    sign_in_as()
    choose_language(browser, server, language)
    problems = []
    try:
        for name, path in PAGES:
            url = server.url + path.format(customer=customer["id"], contract=contract["id"])
            for phone in (False, True):
                if phone:
                    phone_window(browser)
                else:
                    browser.set_window_size(1280, 900)
                browser.get(url)
                wait_for(browser, "main")
                text = browser.find_element(By.TAG_NAME, "main").text
                raw = [key for key in RAW_KEY.findall(text) if not ALLOWED.search(key)]
                if raw:
                    problems.append(f"{name} ({language}): raw keys {raw[:5]}")
                if re.search(r"\{[a-z_]+\}", text):
                    problems.append(f"{name} ({language}): an unfilled parameter")
                if phone:
                    try:
                        assert_fits_phone(browser, f"{name} ({language})")
                    except AssertionError as failure:
                        problems.append(str(failure))
                save_screenshot(browser, f"gallery-{language}-{name}{'-phone' if phone else ''}")
    finally:
        browser.set_window_size(1280, 900)
        choose_language(browser, server, "zh-Hans")
    assert not problems, "\n".join(problems)
