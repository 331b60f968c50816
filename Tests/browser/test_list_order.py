"""Record lists (issue 19, section 3): names in pinyin order, sorting by the last follow-up and
the phone, how many records match, and on a phone a card per record."""
from __future__ import annotations

from selenium.webdriver.common.by import By

from conftest import save_screenshot, unique, wait_for
from test_strand import assert_fits_phone, phone_window


def rep_with_customers(server):
    """A rep of their own with four customers, one of them followed up."""
    rep = server.create_user()
    api = server.api(rep.username, rep.password)
    tag = unique("序")
    names = {key: f"{word}{tag}" for key, word in (("zhang", "张三科技"), ("ali", "阿里物流"), ("xian", "西安重工"), ("bei", "北京信息"))}
    made = {key: server.create_customer(api, name=name, phone=f"1390000000{index}") for index, (key, name) in enumerate(names.items())}
    api.create("/follow_ups", {"customer_id": made["xian"]["id"], "happened_at": "2026-11-23T10:00:00+08:00",
                               "method": "call", "content": "电话沟通"})
    return rep, api, names


def titles(browser):
    return [a.text for a in browser.find_elements(By.CSS_SELECTOR, "table.records td.title a")]


def test_a_list_sorts_names_by_pinyin_follow_ups_and_phones_and_says_how_many(browser, server, sign_in_as):
    rep, api, names = rep_with_customers(server)
    in_pinyin = [names["ali"], names["bei"], names["xian"], names["zhang"]]
    sign_in_as(rep)
    browser.get(f"{server.url}/customers?sort=name")
    wait_for(browser, "table.records")
    assert titles(browser) == in_pinyin
    count = browser.find_element(By.ID, "match-count")
    assert count.text == "共 4 条" and count.get_attribute("data-exact") == "true"

    # The header sorts by the last follow-up: the one followed up comes after those never followed.
    browser.find_element(By.XPATH, "//th/a[normalize-space()='最后跟进时间']").click()
    wait_for(browser, "th[aria-sort='ascending'] a")
    assert titles(browser)[-1] == names["xian"]
    browser.find_element(By.XPATH, "//th/a[normalize-space()='最后跟进时间']").click()
    wait_for(browser, "th[aria-sort='descending'] a")
    assert titles(browser)[0] == names["xian"]
    browser.find_element(By.XPATH, "//th/a[normalize-space()='电话']").click()
    wait_for(browser, "th[aria-sort='ascending'] a")
    assert titles(browser) == [names["zhang"], names["ali"], names["xian"], names["bei"]]

    # The API sorts alike and tells the count on the first page.
    listed = api.get("/customers?sort=name&limit=2").json()
    assert [row["name"] for row in listed["data"]] == in_pinyin[:2]
    assert listed["matches"] == {"count": 4, "exact": True}
    following = api.get(f"/customers?sort=name&limit=2&cursor={listed['next_cursor']}").json()
    assert [row["name"] for row in following["data"]] == in_pinyin[2:] and following["matches"] is None
    by_owner = api.get("/customers?sort=owner_id")
    assert by_owner.status_code == 200 and len(by_owner.json()["data"]) == 4

    # The owner's column sorts too, by the owner's name.
    browser.find_element(By.XPATH, "//th/a[normalize-space()='负责人']").click()
    wait_for(browser, "th[aria-sort='ascending'] a")
    assert len(titles(browser)) == 4


def test_a_list_is_a_card_per_record_on_a_phone(browser, server, sign_in_as):
    rep, _, names = rep_with_customers(server)
    sign_in_as(rep)
    phone_window(browser)
    browser.get(f"{server.url}/customers?sort=name")
    wait_for(browser, "table.records")
    assert_fits_phone(browser, "the customer list")
    first = browser.find_element(By.CSS_SELECTOR, "table.records tbody tr")
    assert first.value_of_css_property("display") == "grid"
    title = first.find_element(By.CSS_SELECTOR, "td.title a")
    assert title.text == names["ali"] and title.size["height"] >= 40
    # Each value after its column's name (drawn by CSS from data-label); an empty one is left out.
    shown = [(cell.get_attribute("data-label"), cell.text) for cell in first.find_elements(By.CSS_SELECTOR, "td:not(.pick):not(.title)")
             if cell.is_displayed()]
    assert [label for label, _ in shown] == ["客户状态", "电话", "更新时间"] and shown[:2] == [("客户状态", "潜在"), ("电话", "13900000001")], shown
    assert not first.find_element(By.CSS_SELECTOR, "td.more").is_displayed()
    chips = [th for th in browser.find_elements(By.CSS_SELECTOR, "table.records thead th") if th.is_displayed()]
    assert [chip.text for chip in chips] == ["全选", "客户名称", "客户状态", "电话", "最后跟进时间", "更新时间"]
    assert all(chip.size["height"] >= 40 for chip in chips)
    # Ticking a card wakes the bulk actions.
    first.find_element(By.CSS_SELECTOR, "input.row-select").click()
    assert browser.find_element(By.CSS_SELECTOR, ".bulk-bar:not(.idle)")
    save_screenshot(browser, "customer-cards-phone")
