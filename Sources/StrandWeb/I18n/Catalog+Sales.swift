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
        "nav.targets": "业绩目标", "targets.title": "业绩目标", "targets.previous": "上一期", "targets.next": "下一期",
        "targets.current.month": "本月", "targets.current.quarter": "本季度", "targets.current.year": "本年",
        "targets.period.month": "{year} 年 {number} 月", "targets.period.quarter": "{year} 年第 {number} 季度", "targets.period.year": "{year} 年",
        "targets.ranking_in": "排名范围", "targets.departments": "部门目标", "targets.ranking": "个人排名", "targets.save": "保存目标",
        "targets.rank": "名次", "targets.person": "销售", "targets.department": "部门", "targets.base": "基础目标", "targets.stretch": "挑战目标",
        "targets.won": "已赢单", "targets.of_base": "基础完成率", "targets.of_stretch": "挑战完成率", "targets.deals": "{count} 单",
        "error.stretch_below_base": "挑战目标不能低于基础目标",
        "customer.review": "审核", "customer.review.pending": "待审核", "customer.review.approved": "已通过", "customer.review.rejected": "已驳回",
        "customer.review_comment": "审核意见", "review.approve": "通过", "review.reject": "驳回", "review.resubmit": "修改客户资料并保存后将重新提交审核。",
        "review.department_reviews": "新客户需经理审核", "error.not_pending": "该记录不在待审核状态", "review.waiting": "待审核客户：{count}",
    ]

    static let enSales: [String: String] = [
        "admin.territories": "Territories", "territory.name": "Territory", "territory.provinces": "Provinces", "territory.cities": "Cities",
        "territory.industries": "Industries", "territory.assignee": "Assign to", "territory.new": "New territory",
        "territory.department_turns": "{name} (members in turn)", "territory.list_placeholder": "Separate with commas; empty means any",
        "territory.automatic": "Automatic assignment", "territory.automatic.lead": "Assign new leads by territory",
        "territory.automatic.customer": "Assign new customers without an owner by territory",
        "territory.explained": "A new record goes to the most specific territory it falls in: a city before a province, a place with an industry before the place alone; between equally specific ones, the row higher up. A department's members take turns.",
        "bulk.assign_by_territory": "Assign by territory", "territory.by_territory": "By territory", "error.territory_empty": "Name at least a province, a city or an industry",
            "nav.targets": "Targets", "targets.title": "Sales targets", "targets.previous": "Previous period", "targets.next": "Next period",
        "targets.current.month": "This month", "targets.current.quarter": "This quarter", "targets.current.year": "This year",
        "targets.period.month": "{year}-{number}", "targets.period.quarter": "Q{number} {year}", "targets.period.year": "{year}",
        "targets.ranking_in": "Rank people in", "targets.departments": "Departments", "targets.ranking": "Ranking", "targets.save": "Save targets",
        "targets.rank": "Rank", "targets.person": "Salesperson", "targets.department": "Department", "targets.base": "Base target", "targets.stretch": "Stretch target",
        "targets.won": "Won", "targets.of_base": "Of base", "targets.of_stretch": "Of stretch", "targets.deals": "{count} deals",
        "error.stretch_below_base": "The stretch target cannot be below the base target",
        "customer.review": "Review", "customer.review.pending": "Pending", "customer.review.approved": "Approved", "customer.review.rejected": "Rejected",
        "customer.review_comment": "Review comment", "review.approve": "Approve", "review.reject": "Reject",
        "review.resubmit": "Saving changes to the customer submits it for review again.",
        "review.department_reviews": "New customers need a manager's review", "error.not_pending": "This record is not waiting for review",
        "review.waiting": "Customers waiting for review: {count}",
    ]
}
