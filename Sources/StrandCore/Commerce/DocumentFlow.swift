/// The life of a commercial document (a quotation, an order, a contract) in its `status` field:
/// it is edited only while in `draft`; submitting sends it for approval (`pending`) or, when no
/// approval flow applies, straight to `approved`; the other moves are the ones listed in
/// `moves`, made by hand. An approved document changes only through a new revision, which keeps
/// the earlier one and starts again in draft.
public struct DocumentFlow: Sendable {
    public let statuses: [String]
    /// The status a new document starts in.
    public let initial: String
    /// Statuses in which the document's fields may be edited.
    public let editable: Set<String>
    /// Whether the document goes through approval when submitted.
    public let approved: Bool
    /// The statuses a person may move a document to by hand, from each status.
    public let moves: [String: [String]]
    /// Statuses from which a new revision may be started.
    public let revisable: Set<String>
    /// Documents that may be made from this one, with the statuses it must be in (an order
    /// from an accepted quotation).
    public let derivable: [String: Set<String>]
    /// A day field filled with the day a document reaches a status, when still empty (a
    /// contract's `signed_on` when it is signed).
    public let dated: [String: String]

    public static let draft = "draft", pending = "pending", approvedStatus = "approved"

    public init(statuses: [String], initial: String = DocumentFlow.draft, editable: Set<String> = [DocumentFlow.draft],
                approved: Bool = true, moves: [String: [String]], revisable: Set<String> = [], derivable: [String: Set<String>] = [:],
                dated: [String: String] = [:]) {
        self.statuses = statuses
        self.initial = initial
        self.editable = editable
        self.approved = approved
        self.moves = moves
        self.revisable = revisable
        self.derivable = derivable
        self.dated = dated
    }

    public func canMove(from status: String, to next: String) -> Bool {
        self.moves[status]?.contains(next) ?? false
    }
}
