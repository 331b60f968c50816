import StrandCore

/// What the audit log records besides catalogue entities, so that its view can offer each as a
/// filter, name it, and show values as their fields do where their fields are known.
enum AuditSubjects {
    static let keys = ["user", "department", "role", "pool", "sales_target", "work_report", "note", "commission", "settings",
                       "notice_preferences", "calendar_feed", "address", "sales_setup", "commerce_setup", "territories"]
    static let described: [String: EntityDefinition] = [SalesTarget.auditSubject.key: SalesTarget.auditSubject]

    static func entity(_ key: String, catalog: EntityCatalog) -> EntityDefinition? {
        catalog.entity(key) ?? self.described[key]
    }
}
