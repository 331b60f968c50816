import Foundation

/// Traditional Chinese as it is written in Taiwan: the words first (資訊, 預設, 登出, not 信息,
/// 默認, 退出), then the characters. A phrase the table knows is written as the table says, and
/// the text between such phrases is converted by ICU, character by character.
enum TaiwanUsage {
    /// Simplified words and the Taiwan words for them, already in Traditional characters.
    /// Rows are 列 and columns 欄 in Taiwan, so a row is matched only where a count or an
    /// ordinal says it is one.
    static let words: [String: String] = [
        // Signing in and the account.
        "登录": "登入", "退出登录": "登出", "退出所有设备": "登出所有裝置", "用户名": "使用者名稱", "用户": "使用者",
        "账号": "帳號", "账户": "帳戶", "账": "帳", "会话": "工作階段", "令牌": "權杖", "设备": "裝置",
        // Information and files.
        "详细信息": "詳細資料", "信息": "資訊", "数据": "資料", "文件": "檔案", "模板": "範本", "字段": "欄位", "此列": "此欄",
        "文件的列": "檔案的欄", "显示列": "顯示欄位", "列设置": "欄位設定", "默认列": "預設欄位", "这些列": "這些欄位", "显示的列": "顯示的欄位", "字符": "字元", "视图": "檢視", "查看": "檢視", "默认": "預設", "设置": "設定", "自定义": "自訂",
        "导入": "匯入", "导出": "匯出", "保存": "儲存", "创建": "建立", "新建": "新增", "添加": "新增", "提交": "送出",
        "恢复": "還原", "撤销": "復原", "刷新": "重新整理", "重置": "重設", "打开": "開啟", "搜索": "搜尋", "匹配": "符合",
        "批量": "批次", "打印": "列印", "菜单": "選單", "导航": "導覽", "界面": "介面", "支持": "支援", "高级": "進階",
        "重复": "重複", "反复": "反覆", "备注": "備註", "批注": "批註", "便签": "便箋", "开启": "開啟", "尚余": "尚餘",
        "汇总": "彙總", "下划线": "底線", "只读": "唯讀", "当前": "目前", "生成": "產生", "示例": "範例", "时间线": "時間軸",
        "列表": "清單", "字节": "位元組", "密钥": "金鑰", "吊销": "撤銷", "解压": "解壓縮", "“": "「", "”": "」",
        "升序": "遞增", "降序": "遞減", "激活": "啟用", "禁用": "停用", "帮助": "說明", "反馈": "意見回饋", "缓存": "快取",
        "回收站": "資源回收筒", "审计日志": "稽核日誌", "日志": "日誌", "优先级": "優先順序", "关注": "追蹤", "共享": "共用",
        // Mail, messages and the machine.
        "邮箱": "電子郵件", "服务器": "伺服器", "端口": "連接埠", "链接": "連結", "访问": "存取", "发送": "傳送", "回复": "回覆",
        "消息": "訊息", "短信": "簡訊", "在线": "線上", "网络": "網路", "互联网": "網際網路", "软件": "軟體", "硬件": "硬體",
        "程序": "程式", "二维码": "QR Code", "屏幕": "螢幕",
        "请求头": "要求標頭", "请求": "要求", "证书": "憑證", "校验服务器证书": "驗證伺服器憑證", "校验位": "檢查碼",
        "扫描件": "掃描檔", "标识": "識別碼", "IP 地址": "IP 位址", "发件人": "寄件者", "发件地址": "寄件地址", "发信": "寄信",
        "通过此邮件服务器发信": "透過此郵件伺服器寄信",
        // 地址 as a web address and as the address a sign-in came from.
        "订阅地址": "訂閱網址", "订阅此地址": "訂閱此網址", "地址即密钥": "網址即金鑰", "旧地址": "舊網址",
        "重新生成地址": "重新產生網址", "访问地址": "存取網址", "此地址不接受": "此網址不接受", "同一地址": "同一 IP 位址",
        "此地址尝试": "此 IP 位址嘗試", "账号或地址": "帳號或 IP 位址", "登录地址": "登入 IP 位址",
        // People, schedule and the business.
        "联系": "聯絡", "日历": "行事曆", "日程": "行程", "农历": "農曆", "计划": "計畫", "季度": "季",
        "周报": "週報", "周一": "週一", "周二": "週二", "周三": "週三", "周四": "週四", "周五": "週五", "周六": "週六",
        "周日": "週日", "周": "週", "每周": "每週", "本周": "本週", "下周": "下週", "上周": "上週", "所在周": "所在週", "周期": "週期",
        "审批流": "簽核流程", "信息技术": "資訊科技", "开户行": "開戶銀行", "币种": "幣別", "日元": "日圓", "职务": "職稱",
        "产品编码": "產品代碼", "转化": "轉換", "审批": "簽核", "合同": "合約",
        "渠道": "通路", "回款": "收款", "提成": "佣金", "价格表": "價目表", "质量": "品質", "行业": "產業",
        // Rows of a file or a table.
        "第 {row} 行": "第 {row} 列", "第 {rows} 行": "第 {rows} 列", "第 {line} 行": "第 {line} 列", "{count} 行": "{count} 列",
        "{max} 行": "{max} 列", "{n} 行": "{n} 列", "{done}/{total} 行": "{done}/{total} 列", "一行": "一列", "空行": "空白列",
        "行号": "列號", "这些行": "這些列", "的行": "的列",
        "每秒 {rate} 行": "每秒 {rate} 列",
        // Records are counted with 筆.
        "条记录": "筆記錄", "{count} 条": "{count} 筆", "{n} 条": "{n} 筆", "{leads} 条": "{leads} 筆", "这条便签": "這則便箋",
    ]

    static let longest = Self.words.keys.map(\.count).max() ?? 1
    static let characters = StringTransform("Hans-Hant")

    static func convert(_ simplified: String) -> String {
        let text = Array(simplified)
        var converted = "", between = ""
        var index = 0
        func flush() {
            converted += between.applyingTransform(Self.characters, reverse: false) ?? between
            between = ""
        }
        while index < text.count {
            let found = stride(from: min(Self.longest, text.count - index), through: 1, by: -1).lazy
                .compactMap { length in Self.words[String(text[index..<index + length])].map { (length, $0) } }.first
            if let (length, word) = found {
                flush()
                converted += word
                index += length
            } else {
                between.append(text[index])
                index += 1
            }
        }
        flush()
        return converted
    }
}
