"""Link fields are pickers that ask the server as one types (issue 19, section 3): within the
reader's scope, never a list of every record, and a contact is chosen among the chosen
customer's contacts."""
from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import save_screenshot, unique, wait, wait_for
from test_strand import assert_fits_phone, phone_window, submit_and_wait


def picker_of(browser, name):
    box = browser.find_element(By.CSS_SELECTOR, f"select[name='{name}']").find_element(By.XPATH, "..")
    return box.find_element(By.CSS_SELECTOR, "input.picker-input"), box.find_element(By.CSS_SELECTOR, "ul.picker-results")


def offered(results):
    # Read in one go: the list is drawn afresh as answers arrive.
    return results.parent.execute_script(
        "return Array.from(arguments[0].querySelectorAll('li[role=option]')).map(function (li) { return li.textContent; });", results)


def test_a_follow_up_finds_its_customer_by_typing_and_offers_that_customers_contacts(browser, server, sign_in_as):
    rep = server.create_user()
    api = server.api(rep.username, rep.password)
    tag = unique("")
    wanted = server.create_customer(api, name=f"远山茶业{tag}")
    contacts = [api.create("/contacts", {"customer_id": wanted["id"], "name": f"{person}{tag}"}) for person in ("林青", "周岚")]
    # Newer customers push the one wanted out of the latest fifty a plain list would offer.
    for index in range(55):
        server.create_customer(api, name=f"近期客户{tag}-{index:02d}")
    other = server.create_user()
    hidden = server.create_customer(server.api(other.username, other.password), name=f"远山别家{tag}")

    sign_in_as(rep)
    browser.get(f"{server.url}/follow_ups/new")
    form = wait_for(browser, "form.record-form, form")
    typed, results = picker_of(browser, "customer_id")
    assert typed.get_attribute("placeholder") == "输入名称、拼音或电话搜索"
    typed.send_keys("远山")
    wait(browser).until(lambda d: offered(results) == [wanted["name"]])
    assert offered(results) == [wanted["name"]], "a colleague's customer is never offered"
    save_screenshot(browser, "picker-typed")
    results.find_element(By.CSS_SELECTOR, "li[role=option]").click()
    assert Select(browser.find_element(By.CSS_SELECTOR, "select[name='customer_id']")).first_selected_option.get_attribute("value") == str(wanted["id"])
    assert typed.get_attribute("value") == wanted["name"]

    # The contact list now holds that customer's contacts.
    contact = browser.find_element(By.CSS_SELECTOR, "select[name='contact_id']")
    wait(browser).until(lambda d: len(Select(contact).options) == 3)
    assert sorted(o.text for o in Select(contact).options[1:]) == sorted(c["name"] for c in contacts)
    Select(contact).select_by_visible_text(contacts[1]["name"])
    Select(browser.find_element(By.ID, "f-method")).select_by_value("call")
    browser.find_element(By.ID, "f-content").send_keys("通过选择器找到客户" + tag)
    submit_and_wait(browser, browser.find_element(By.ID, "f-content").find_element(By.XPATH, "ancestor::form"))
    saved = api.get(f"/follow_ups?filter%5Bcustomer_id%5D={wanted['id']}").json()["data"]
    assert len(saved) == 1 and saved[0]["contact_id"] == contacts[1]["id"]

    # The server answers only within the reader's scope, and at most twenty.
    session = browser.get_cookies()
    import requests
    jar = {c["name"]: c["value"] for c in session}
    assert requests.get(f"{server.url}/pick/follow_up/customer_id", params={"q": "远山别家"}, cookies=jar).json() == {"options": []}
    many = requests.get(f"{server.url}/pick/follow_up/customer_id", params={"q": "近期客户"}, cookies=jar).json()["options"]
    assert len(many) == 20
    assert requests.get(f"{server.url}/pick/follow_up/content", cookies=jar).status_code == 404
    assert hidden["id"] not in [int(o["value"]) for o in many]


def test_a_picker_fits_a_phone(browser, server, sign_in_as):
    rep = server.create_user()
    api = server.api(rep.username, rep.password)
    customer = server.create_customer(api, name=unique("手机选择客户"))
    sign_in_as(rep)
    phone_window(browser)
    browser.get(f"{server.url}/follow_ups/new")
    typed, results = picker_of(browser, "customer_id")
    typed.click()
    wait(browser).until(lambda d: offered(results))
    assert customer["name"] in offered(results)
    assert all(li.size["height"] >= 40 for li in results.find_elements(By.CSS_SELECTOR, "li"))
    assert_fits_phone(browser, "the follow-up form with its picker open")
    save_screenshot(browser, "picker-phone")
