import StrandStore

/// What a form sent back from a conflict page: the version the user first read, the fields
/// both they and a colleague changed, and for each such field whose change to keep.
struct StaleChoice {
    static let baseKey = "based_on"
    static let clashingKey = "clashing"
    /// A field's choice is sent as `side__<field>`: `theirs` or `yours`.
    static let sidePrefix = "side__"

    let base: Int64
    let theirs: Set<String>
    let unchosen: Set<String>

    init?(_ form: SubmittedForm) {
        guard let base = form[Self.baseKey].flatMap({ Int64($0) }) else { return nil }
        let clashing = (form[Self.clashingKey] ?? "").split(separator: ",").map(String.init)
        self.base = base
        self.theirs = Set(clashing.filter { form[Self.sidePrefix + $0] == "theirs" })
        self.unchosen = Set(clashing.filter { !["theirs", "yours"].contains(form[Self.sidePrefix + $0]) })
    }

    var merge: StaleMerge { StaleMerge(base: self.base, keepTheirs: self.theirs) }
}
