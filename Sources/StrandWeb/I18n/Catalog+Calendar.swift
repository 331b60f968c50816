/// Words of the calendar and tasks.
extension Catalog {
    static let zhHansCalendar: [String: String] = [
        "nav.events": "日程", "entity.event": "日程", "event.subject": "主题", "event.kind": "类型", "event.starts_at": "开始时间",
        "event.ends_at": "结束时间", "event.all_day": "全天", "event.place": "地点", "event.customer_id": "客户", "event.opportunity_id": "商机",
        "event.contact_id": "联系人", "event.repetition": "重复", "event.repeat_until": "重复截止", "event.private": "私人日程",
        "event.description": "说明",
        "event.kind.meeting": "会议", "event.kind.call": "电话", "event.kind.visit": "拜访", "event.kind.todo": "待办", "event.kind.email": "邮件",
        "event.kind.fax": "传真",
        "event.repetition.daily": "每天", "event.repetition.weekly": "每周", "event.repetition.monthly": "每月",
        "nav.tasks": "任务", "entity.task": "任务", "task.subject": "主题", "task.due_date": "截止日期", "task.priority": "优先级",
        "task.status": "状态", "task.customer_id": "客户", "task.opportunity_id": "商机", "task.description": "说明",
        "task.priority.low": "低", "task.priority.normal": "普通", "task.priority.high": "高", "task.priority.urgent": "紧急",
        "task.status.open": "未开始", "task.status.in_progress": "进行中", "task.status.done": "已完成", "task.status.cancelled": "已取消",
        "event.time_zone": "时区", "error.too_long": "最长 {days} 天",
        "calendar.title": "日历", "calendar.new": "新建日程", "calendar.today": "今天", "calendar.previous": "上一页", "calendar.next": "下一页",
        "calendar.view.day": "日", "calendar.view.week": "周", "calendar.view.month": "月", "calendar.busy": "忙碌",
        "calendar.more": "还有 {n} 项", "calendar.due.task": "任务", "calendar.due.follow_up": "跟进", "error.calendar_range": "结束日须晚于开始日，最多 {days} 天",
        "calendar.weekday.0": "周一", "calendar.weekday.1": "周二", "calendar.weekday.2": "周三", "calendar.weekday.3": "周四",
        "calendar.weekday.4": "周五", "calendar.weekday.5": "周六", "calendar.weekday.6": "周日",
    ]

    static let enCalendar: [String: String] = [
        "nav.events": "Events", "entity.event": "Event", "event.subject": "Subject", "event.kind": "Kind", "event.starts_at": "Starts",
        "event.ends_at": "Ends", "event.all_day": "All day", "event.place": "Place", "event.customer_id": "Customer",
        "event.opportunity_id": "Deal", "event.contact_id": "Contact", "event.repetition": "Repeats", "event.repeat_until": "Repeats until",
        "event.private": "Private", "event.description": "Description",
        "event.kind.meeting": "Meeting", "event.kind.call": "Call", "event.kind.visit": "Visit", "event.kind.todo": "To-do",
        "event.kind.email": "Email", "event.kind.fax": "Fax",
        "event.repetition.daily": "Daily", "event.repetition.weekly": "Weekly", "event.repetition.monthly": "Monthly",
        "nav.tasks": "Tasks", "entity.task": "Task", "task.subject": "Subject", "task.due_date": "Due", "task.priority": "Priority",
        "task.status": "Status", "task.customer_id": "Customer", "task.opportunity_id": "Deal", "task.description": "Description",
        "task.priority.low": "Low", "task.priority.normal": "Normal", "task.priority.high": "High", "task.priority.urgent": "Urgent",
        "task.status.open": "Open", "task.status.in_progress": "In progress", "task.status.done": "Done", "task.status.cancelled": "Cancelled",
        "event.time_zone": "Time zone", "error.too_long": "At most {days} days",
        "calendar.title": "Calendar", "calendar.new": "New event", "calendar.today": "Today", "calendar.previous": "Previous",
        "calendar.next": "Next", "calendar.view.day": "Day", "calendar.view.week": "Week", "calendar.view.month": "Month",
        "calendar.busy": "Busy", "calendar.more": "{n} more", "calendar.due.task": "Task", "calendar.due.follow_up": "Follow up", "error.calendar_range": "The end must be after the start, at most {days} days",
        "calendar.weekday.0": "Mon", "calendar.weekday.1": "Tue", "calendar.weekday.2": "Wed", "calendar.weekday.3": "Thu",
        "calendar.weekday.4": "Fri", "calendar.weekday.5": "Sat", "calendar.weekday.6": "Sun",
    ]
}
