/// Words of territories, targets, review of new customers and sharing with collaborators.
extension Catalog {
    static let zhHansSales: [String: String] = [
        "admin.territories": "销售区域", "territory.name": "区域名称", "territory.provinces": "省份", "territory.cities": "城市",
        "territory.industries": "行业", "territory.assignee": "分配给", "territory.new": "新区域",
        "territory.department_turns": "{name}（成员轮流）", "territory.list_placeholder": "多个用逗号分隔，留空为不限",
        "territory.automatic": "自动分配", "territory.automatic.lead": "新线索按区域自动分配",
        "territory.automatic.customer": "新客户（未指定负责人时）按区域自动分配",
        "territory.explained": "新记录按最具体的匹配区域分配：城市优先于省份，同一地区限定行业的优先；同样具体时取靠前的一行。分配给部门时由在职成员轮流接收。",
        "bulk.assign_by_territory": "按区域分配", "territory.by_territory": "按区域自动分配", "error.territory_empty": "请至少填写省份、城市或行业之一",
    ]

    static let enSales: [String: String] = [
        "admin.territories": "Territories", "territory.name": "Territory", "territory.provinces": "Provinces", "territory.cities": "Cities",
        "territory.industries": "Industries", "territory.assignee": "Assign to", "territory.new": "New territory",
        "territory.department_turns": "{name} (members in turn)", "territory.list_placeholder": "Separate with commas; empty means any",
        "territory.automatic": "Automatic assignment", "territory.automatic.lead": "Assign new leads by territory",
        "territory.automatic.customer": "Assign new customers without an owner by territory",
        "territory.explained": "A new record goes to the most specific territory it falls in: a city before a province, a place with an industry before the place alone; between equally specific ones, the row higher up. A department's members take turns.",
        "bulk.assign_by_territory": "Assign by territory", "territory.by_territory": "By territory", "error.territory_empty": "Name at least a province, a city or an industry",
    ]
}
