"""The customer page as the hub (issue 19, section 3): a summary of what matters, 写跟进 at the
top, the sections one tap away, and one timeline of everything that happened, newest first."""
from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import page_text, save_screenshot, unique, wait_for, wait_for_path
from test_strand import assert_fits_phone, phone_window


def customer_with_history(server):
    """A customer with an open deal, a contract whose first instalment is overdue and half paid,
    an event, a note and a change of grade."""
    api = server.admin_api
    customer = server.create_customer(name=unique("枢纽客户"), grade="B")
    deal = api.create("/opportunities", {"name": unique("年度框架"), "customer_id": customer["id"], "amount": "350000", "stage": "proposal"})
    contract = api.create("/contracts", {"subject": unique("维保合同"), "customer_id": customer["id"], "amount": "100000",
                                         "start_date": "2026-11-01"})
    planned = api.request("PUT", f"/contracts/{contract['id']}/plan", json={"instalments": [
        {"label": "首付款", "due_date": "2026-12-01", "amount": "60000"}, {"label": "尾款", "due_date": "2099-03-01", "amount": "40000"}]})
    assert planned.status_code == 200, planned.text
    first = planned.json()["data"][0]
    payment = api.create("/payments", {"contract_id": contract["id"], "instalment_id": first["id"], "received_on": "2026-12-02",
                                       "amount": "10000", "method": "bank_transfer", "reference": unique("HK")})
    event = api.create("/events", {"subject": unique("上门演示"), "kind": "visit", "customer_id": customer["id"],
                                   "starts_at": "2026-12-03T10:00:00+08:00", "ends_at": "2026-12-03T11:00:00+08:00"})
    note = api.post("/notes", json={"entity": "customer", "record_id": customer["id"], "content": "客户偏好周二上午联系"})
    assert note.status_code == 201, note.text
    current = api.get(f"/customers/{customer['id']}").json()
    changed = api.request("PATCH", f"/customers/{customer['id']}", json={"grade": "A", "version": current["version"]})
    assert changed.status_code == 200, changed.text
    return customer, deal, contract, payment, event


def test_the_customer_page_is_the_hub_of_everything_about_it(browser, server, sign_in_as):
    customer, deal, contract, payment, event = customer_with_history(server)
    sign_in_as()
    browser.get(f"{server.url}/customers/{customer['id']}")
    summary = wait_for(browser, "#summary")
    figures = {dt.text: dd.text for dt, dd in zip(summary.find_elements(By.CSS_SELECTOR, "dt"), summary.find_elements(By.CSS_SELECTOR, "dd"))}
    assert figures["负责人"] == "管理员" and figures["客户等级"] == "A 重点" and figures["客户状态"] == "潜在", figures
    assert figures["进行中的商机"] == "1 个 · ¥350,000.00", figures
    assert figures["应收未收"] == "¥90,000.00（逾期 ¥50,000.00）", figures
    assert summary.find_element(By.CSS_SELECTOR, ".warning a").get_attribute("href").endswith("/receivables")
    assert figures["最后跟进时间"] == "—", figures

    # Every section is one tap away.
    for anchor in browser.find_elements(By.CSS_SELECTOR, "nav.section-nav a"):
        target = anchor.get_attribute("href").split("#", 1)[1]
        assert browser.find_elements(By.ID, target), f"no section #{target} for {anchor.text}"
        assert anchor.size["height"] >= 40

    timeline = browser.find_element(By.ID, "timeline")
    text = timeline.text
    for what in (deal["name"], contract["subject"], payment["reference"], event["subject"], "客户偏好周二上午联系", "修改"):
        assert what in text, f"{what} is not on the timeline: {text}"
    assert timeline.find_element(By.CSS_SELECTOR, f"a[href='/payments/{payment['id']}']")
    save_screenshot(browser, "customer-hub")

    # 写跟进 is the first thing on the page, and what it writes is at the head of the timeline.
    write = browser.find_element(By.CSS_SELECTOR, "details.write-first")
    assert write.location["y"] < timeline.location["y"]
    write.find_element(By.TAG_NAME, "summary").click()
    form = write.find_element(By.TAG_NAME, "form")
    Select(form.find_element(By.NAME, "method")).select_by_value("call")
    form.find_element(By.NAME, "content").send_keys("电话确认了演示时间")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for_path(browser, lambda p: p == f"/customers/{customer['id']}")
    wait_for(browser, "p.alert.success.flash", visible=True)
    items = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#timeline ol.timeline > li")]
    written = next(index for index, text in enumerate(items) if "电话确认了演示时间" in text)
    # Written this minute, it sits with what else happened in it, before every earlier day.
    assert written < 6 and "跟进记录" in items[written] and "管理员" in items[written], items
    assert written < next(index for index, text in enumerate(items) if event["subject"] in text), items
    assert not browser.find_elements(By.CSS_SELECTOR, "#related-follow_ups form"), "the follow-up form is only at the top"

    phone_window(browser)
    assert_fits_phone(browser, "the customer hub")
    save_screenshot(browser, "customer-hub-phone")
    browser.set_window_size(1280, 900)


def test_a_rep_sees_only_the_figures_of_what_they_may_see(browser, server, sign_in_as):
    rep = server.create_user(roles=["sales_rep"], name=unique("枢纽销售"))
    api = server.api(rep.username, rep.password)
    customer = server.create_customer(api, name=unique("销售自己的客户"))
    sign_in_as(rep)
    browser.get(f"{server.url}/customers/{customer['id']}")
    summary = wait_for(browser, "#summary")
    assert rep.name in summary.text and "1 个" not in summary.text and "应收未收" not in summary.text, summary.text
    assert "进行中的商机" in summary.text and "0 个 · ¥0.00" in summary.text
    assert "list.empty" not in page_text(browser)
