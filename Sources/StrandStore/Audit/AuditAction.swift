/// Every kind of change the audit log records. One list, so the audit view can offer each as a
/// filter and name it in every language, and a writer cannot invent a spelling of its own.
public enum AuditAction: String, Sendable, CaseIterable, Codable {
    case create, update, delete, restore
    /// Owners: given to someone, moved between people, taken from or given back to a pool.
    case assign, transfer, claim, returnToPool = "return", autoReturn = "auto_return", handover
    case share, unshare, review, comment, export
    /// Documents and approvals.
    case submit, withdraw, approve, reject, status, revise, close, expire
    /// An invitation answered.
    case respond
    case signIn = "sign_in", signInFailed = "sign_in_failed", signOut = "sign_out", signInUnlocked = "sign_in_unlocked"
}

extension AuditAction {
    struct Unknown: Error { let stored: String }

    /// The action of a stored row; every row was written from this list.
    static func stored(_ text: String) throws -> AuditAction {
        guard let action = AuditAction(rawValue: text) else { throw Unknown(stored: text) }
        return action
    }
}
