"""Data in and out: a list exported to .xlsx reads back in openpyxl and LibreOffice with every
cell as it was typed; the import wizard takes a real .xlsx from upload through the preview to a
revert; and an import whose server is killed half way leaves nothing and runs again."""
from __future__ import annotations

import csv
import datetime
import io
import random
import re
import signal
import tempfile
import time
from pathlib import Path

import openpyxl
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import StrandServer, libreoffice_convert, replaced, save_screenshot, unique, wait, wait_for
from test_strand import assert_fits_phone, phone_window

TRICKY = ["2/4", "1-2", "00123", "=1+1", "@SUM(A1)", "110101199003071234", "深圳😀", "第一行\n第二行", "-5"]


def session_of(browser) -> requests.Session:
    """The browser's sign-in, for downloads."""
    session = requests.Session()
    for cookie in browser.get_cookies():
        session.cookies.set(cookie["name"], cookie["value"])
    return session


def as_csv_by_libreoffice(data: bytes) -> str:
    return libreoffice_convert(data, "export.xlsx", "csv:Text - txt - csv (StarCalc):44,34,76,1", "export.csv").decode("utf-8")


def test_a_list_exports_typed_cells_that_openpyxl_and_libreoffice_read_as_typed(browser, server, sign_in_as):
    api = server.admin_api
    tag = unique("EX")
    for index, value in enumerate(TRICKY):
        api.create("/customers", {"name": f"{tag}-{index}", "province": value, "phone": "0755-12345678"})
    customer = api.customers(f"{tag}-0")[0]
    api.create("/opportunities", {"name": f"{tag}-商机", "customer_id": customer["id"], "amount": "1234.50", "stage": "proposal",
                                  "expected_close": "2026-02-04"})
    sign_in_as()
    browser.get(f"{server.url}/customers?q={tag}&sort=name")
    link = wait_for(browser, ".export-links a[href*='format=xlsx']").get_attribute("href")
    response = session_of(browser).get(link, timeout=30)
    assert response.status_code == 200 and "spreadsheetml" in response.headers["Content-Type"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.active
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    header = [cell.value for cell in sheet[1]]
    province, updated = header.index("省份"), header.index("更新时间")
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    for index, value in enumerate(TRICKY):
        cell = rows[f"{tag}-{index}"][province]
        assert cell.data_type == "s" and cell.value == value, (value, cell.value, cell.data_type)
        assert rows[f"{tag}-{index}"][updated].is_date
    exported = as_csv_by_libreoffice(response.content)
    for value in ["2/4", "1-2", "00123", "=1+1", "110101199003071234", "-5"]:
        assert f",{value}," in exported.replace('"', ""), value

    deals = session_of(browser).get(f"{server.url}/opportunities/export?format=xlsx&q={tag}", timeout=30)
    deal_sheet = openpyxl.load_workbook(io.BytesIO(deals.content)).active
    deal_header = [cell.value for cell in deal_sheet[1]]
    amount = deal_sheet.cell(row=2, column=deal_header.index("预计金额") + 1)
    assert amount.data_type == "n" and amount.value == 1234.5 and "0.00" in amount.number_format
    close = deal_sheet.cell(row=2, column=deal_header.index("预计成交日期") + 1)
    assert close.is_date and close.value.date() == datetime.date(2026, 2, 4)

    text = session_of(browser).get(f"{server.url}/customers/export?format=csv&q={tag}", timeout=30).content
    assert text.startswith(b"\xef\xbb\xbf")
    records = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    shown = {row[0]: row for row in records[1:]}
    assert shown[f"{tag}-3"][records[0].index("省份")] == "'=1+1"
    assert shown[f"{tag}-8"][records[0].index("省份")] == "'-5"


def test_the_import_wizard_takes_an_xlsx_from_upload_to_revert(browser, server, sign_in_as, screenshot):
    tag = unique("IM")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["客户名称", "电话", "客户等级", "省份"])
    # Phones of their own: the duplicate check looks at every customer the other tests made.
    phone = lambda: f"0755-{random.randint(20000000, 99999999)}"  # noqa: E731
    sheet.append([f"{tag}-华强", phone(), "A", "2/4"])
    sheet.append([f"{tag}-南山", 13800138000, "B 级", "广东"])
    sheet.append([None, "0755-1", "A", "广东"])
    sheet.append([f"{tag}-华强", phone(), "C", "广东"])
    sheet.cell(row=2, column=4).number_format = "@"
    path = Path(tempfile.mkdtemp()) / f"{tag}.xlsx"
    book.save(path)

    sign_in_as()
    # A file Strand does not read comes back with the reason beside the file field.
    wrong = path.with_suffix(".txt")
    wrong.write_text("客户名称\n华强", encoding="utf-8")
    browser.get(f"{server.url}/imports")
    browser.find_element(By.ID, "import-file").send_keys(str(wrong))
    submit(browser, "import-upload")
    assert ".xlsx" in wait_for(browser, "#import-file-error").text
    Select(wait_for(browser, "#import-entity")).select_by_value("customer")
    browser.find_element(By.ID, "import-file").send_keys(str(path))
    submit(browser, "import-upload")
    settings = wait_for(browser, "#import-settings")
    assert Select(settings.find_element(By.NAME, "column_0")).first_selected_option.get_attribute("value") == "name"
    assert Select(settings.find_element(By.NAME, "column_1")).first_selected_option.get_attribute("value") == "phone"
    Select(settings.find_element(By.NAME, "column_2")).select_by_value("grade")
    screenshot("import-mapping")
    submit(browser, "import-settings")
    counts = verdict_counts(browser)
    assert counts["new"].endswith(" 1") and counts["error"].endswith(" 2") and counts["duplicate"].endswith(" 1"), counts
    assert "客户名称" in browser.find_element(By.ID, "import-preview").text
    screenshot("import-preview")
    submit(browser, "import-run", confirm=True)
    wait_for(browser, "#import-status[data-status='done']", seconds=60)
    assert "新建 1 条" in browser.find_element(By.ID, "import-counts").text
    screenshot("import-done")
    found = server.admin_api.customers(tag)
    assert [c["name"] for c in found] == [f"{tag}-华强"] and found[0]["province"] == "2/4"

    rejects = session_of(browser).get(browser.find_element(By.ID, "import-rejects").get_attribute("href"), timeout=30)
    rejected = openpyxl.load_workbook(io.BytesIO(rejects.content)).active
    reasons = {row[0].value: row[1].value for row in rejected.iter_rows(min_row=2)}
    assert set(reasons) == {3, 4} and "客户名称" in reasons[4] and "客户等级" in reasons[3], reasons

    submit(browser, "import-revert", confirm=True)
    wait_for(browser, "#import-status[data-status='reverted']")
    assert server.admin_api.customers(tag) == []


def test_business_cards_import_as_contacts_of_their_companies_on_a_phone(browser, server, sign_in_as):
    """A .vcf of three cards (3.0, and 2.1 in quoted-printable UTF-8) through the wizard on a
    phone: the card's parts map to the contact's fields by themselves, the company finds its
    customer by name, and a card whose company is unknown is the one error."""
    tag = unique("VC")
    company = server.create_customer(name=f"{tag}深圳华强电子")
    qp = "".join(f"={b:02X}" for b in "王强".encode())
    org = "".join(f"={b:02X}" for b in company["name"].encode())
    cards = (f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:李娜\r\nN:李;娜;;;\r\nORG:{company['name']};采购部\r\nTITLE:采购经理\r\n"
             "TEL;TYPE=CELL:+86 138 0013 8000\r\nEMAIL:lina@example.cn\r\nEND:VCARD\r\n"
             f"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp[:18]};{qp[18:]}\r\n"
             f"ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{org}\r\nTEL;CELL:13912345678\r\nEND:VCARD\r\n"
             f"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:赵六\r\nORG:{tag}不存在的公司\r\nEND:VCARD\r\n")
    path = Path(tempfile.mkdtemp()) / f"{tag}.vcf"
    path.write_bytes(cards.encode())

    sign_in_as()
    phone_window(browser)
    browser.get(f"{server.url}/imports")
    Select(wait_for(browser, "#import-entity")).select_by_value("contact")
    browser.find_element(By.ID, "import-file").send_keys(str(path))
    submit(browser, "import-upload")
    settings = wait_for(browser, "#import-settings")
    chosen = {column: Select(settings.find_element(By.NAME, f"column_{column}")).first_selected_option.get_attribute("value") for column in (0, 1, 3, 4, 6)}
    assert chosen == {0: "name", 1: "customer_id", 3: "position", 4: "mobile", 6: "email"}, chosen
    assert_fits_phone(browser, "the import's mapping")
    submit(browser, "import-settings")
    counts = verdict_counts(browser)
    assert counts["new"].endswith(" 2") and counts["error"].endswith(" 1"), counts
    assert_fits_phone(browser, "the import's preview")
    submit(browser, "import-run", confirm=True)
    wait_for(browser, "#import-status[data-status='done']", seconds=60)
    contacts = server.admin_api.get(f"/contacts?filter[customer_id]={company['id']}").json()["data"]
    assert sorted(c["name"] for c in contacts) == ["李娜", "王强"], contacts
    assert {c["name"]: c["mobile"].replace(" ", "")[-11:] for c in contacts} == {"李娜": "13800138000", "王强": "13912345678"}, contacts


def submit(browser, form_id: str, confirm: bool = False):
    """Sends a form of the import wizard (answering its confirmation) and waits for the next page."""
    form = browser.find_element(By.ID, form_id)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    if confirm:
        wait(browser).until(lambda d: d.switch_to.alert).accept()
    wait(browser).until(replaced(form))


def verdict_counts(browser) -> dict[str, str]:
    """The preview's verdict tabs, "新建 2" and the like, by verdict."""
    verdicts = wait_for(browser, "#import-verdicts")
    return {link.get_attribute("data-verdict"): link.text for link in verdicts.find_elements(By.CSS_SELECTOR, "a[data-verdict]")}


def signed_in_session(server: StrandServer) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{server.url}/sign-in", timeout=15).text
    token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    done = session.post(f"{server.url}/sign-in", data={"_csrf": token, "username": "admin", "password": server.admin_password}, timeout=15)
    assert done.status_code == 200, done.text[:300]
    return session


def csrf(session: requests.Session, url: str) -> str:
    return re.search(r'name="_csrf" value="([^"]+)"', session.get(url, timeout=30).text).group(1)


def test_an_import_killed_half_way_leaves_nothing_and_runs_again_after_a_restart():
    first = StrandServer()
    first.start()
    second = None
    try:
        tag = unique("KILL")
        lines = ["客户名称,电话,省份"] + [f"{tag}-{n},0755-{n:08d},广东" for n in range(6000)]
        session = signed_in_session(first)
        token = csrf(session, f"{first.url}/imports")
        made = session.post(f"{first.url}/imports", data={"_csrf": token, "entity": "customer"},
                            files={"file": (f"{tag}.csv", "\n".join(lines).encode("gb18030"), "text/csv")}, timeout=60)
        assert made.status_code == 200 and "/imports/" in made.url, made.text[:500]
        job = made.url.rstrip("/")
        token = csrf(session, job)
        saved = session.post(f"{job}/settings", data={"_csrf": token, "column_0": "name", "column_1": "phone", "column_2": "province",
                                                      "duplicates": "skip", "match_field": "name"}, timeout=120)
        assert saved.status_code == 200 and saved.url.endswith("/preview"), saved.text[:500]
        session.post(f"{job}/run", data={"_csrf": csrf(session, saved.url)}, timeout=120)
        deadline = time.monotonic() + 120
        while True:
            progress = session.get(f"{job}/progress", timeout=15).json()
            if 300 < progress.get("done", 0) < 5000:
                break
            assert progress["status"] == "running" and time.monotonic() < deadline, progress
            time.sleep(0.05)
        first.process.send_signal(signal.SIGKILL)
        first.process.wait(timeout=15)

        second = StrandServer(joining=first)
        second.start()
        assert second.admin_api.customers(tag) == []
        session = signed_in_session(second)
        job = job.replace(first.url, second.url)
        assert session.get(f"{job}/progress", timeout=15).json()["status"] == "interrupted"
        session.post(f"{job}/run", data={"_csrf": csrf(session, job)}, timeout=120)
        deadline = time.monotonic() + 180
        while session.get(f"{job}/progress", timeout=15).json()["status"] == "running":
            assert time.monotonic() < deadline
            time.sleep(0.5)
        assert session.get(f"{job}/progress", timeout=15).json()["status"] == "done"
        assert session.get(f"{second.url}/api/v1/customers", params={"q": f"{tag}-5999"},
                           headers={"Authorization": f"Bearer {second.admin_api.token}"}, timeout=15).json()["data"][0]["province"] == "广东"
    finally:
        if second:
            second.stop()
        first.stop()


def test_a_customer_waiting_in_the_pool_is_a_duplicate_of_an_imported_row(browser, server, sign_in_as):
    tag = unique("PD")
    sign_in_as(server.create_user())

    def preview(text: str, into_pool: bool) -> dict[str, str]:
        path = Path(tempfile.mkdtemp()) / f"{tag}.csv"
        path.write_bytes(text.encode("gb18030"))
        browser.get(f"{server.url}/imports")
        Select(wait_for(browser, "#import-entity")).select_by_value("customer")
        browser.find_element(By.ID, "import-file").send_keys(str(path))
        submit(browser, "import-upload")
        wait_for(browser, "#import-settings")
        if into_pool:
            browser.find_element(By.ID, "import-into-pool").click()
        submit(browser, "import-settings")
        return verdict_counts(browser)

    assert preview(f"客户名称,电话\n{tag}-华强电子,\n", into_pool=True)["new"].endswith(" 1")
    submit(browser, "import-run", confirm=True)
    wait_for(browser, "#import-status[data-status='done']", seconds=60)
    assert [c["owner_id"] for c in server.admin_api.customers(tag)] == [None]

    # The rep no longer sees it, but the same check as the form's finds it waiting in the pool.
    counts = preview(f"客户名称,电话\n{tag}-华强电子,\n{tag}-南山科技,\n", into_pool=False)
    assert counts["duplicate"].endswith(" 1") and counts["new"].endswith(" 1"), counts
    save_screenshot(browser, "import-pool-duplicate")
