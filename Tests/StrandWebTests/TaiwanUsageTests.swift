@testable import StrandWeb
import Testing

/// Traditional Chinese reads as Taiwan writes it, not as Simplified text with its characters
/// swapped: 聯絡人 and 登出, never 聯繫人 and 退出.
@Suite struct TaiwanUsageTests {
    let traditional = Strings.catalogs[.zhHant] ?? [:]

    @Test func theWordsAreTaiwans() {
        #expect(self.traditional["nav.contacts"] == "聯絡人")
        #expect(self.traditional["nav.sign_out"] == "登出")
        #expect(self.traditional["nav.settings"] == "系統設定")
        #expect(self.traditional["nav.imports"]?.contains("匯入") == true)
        #expect(self.traditional["detail.details"] == "詳細資料")
        #expect(self.traditional["nav.menu"] == "選單")
    }

    @Test func noMainlandWordIsLeft() {
        let mainland = ["信息", "默認", "設置", "導入", "導出", "聯繫", "用戶", "保存", "登錄", "賬", "模板", "字段", "菜單", "搜索",
                        "重復", "日程", "日曆", "回收站", "服務器", "“", "”"]
        let left = self.traditional.filter { _, text in mainland.contains { text.contains($0) } }
        #expect(left.isEmpty, "\(left.sorted { $0.key < $1.key }.prefix(10))")
    }

    @Test func aPhraseInTheTableIsKeptAndTheRestConverted() {
        #expect(TaiwanUsage.convert("第 {row} 行与文件的列重复") == "第 {row} 列與檔案的欄重複")
        #expect(TaiwanUsage.convert("已保存“{name}”") == "已儲存「{name}」")
    }
}
