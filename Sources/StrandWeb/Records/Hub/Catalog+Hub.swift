/// Words of a hub page: its summary, its sections and its timeline.
extension Catalog {
    static let zhHansHub: [String: String] = [
        "hub.timeline": "时间线", "hub.sections": "本页内容", "hub.unowned": "在公海中",
        "hub.open_deals": "进行中的商机", "hub.deals_value": "{count} 个 · {amount}",
        "hub.owed": "应收未收", "hub.owed_overdue": "{amount}（逾期 {overdue}）",
        "hub.write.follow_up": "写跟进", "notes.one": "备注",
    ]

    static let enHub: [String: String] = [
        "hub.timeline": "Timeline", "hub.sections": "On this page", "hub.unowned": "In the pool",
        "hub.open_deals": "Open deals", "hub.deals_value": "{count} · {amount}",
        "hub.owed": "Receivable", "hub.owed_overdue": "{amount} ({overdue} overdue)",
        "hub.write.follow_up": "Log a follow-up", "notes.one": "Note",
    ]
}
