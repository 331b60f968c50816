import StrandCore

extension Role {
    /// A built-in role still under the name Strand gave it reads in the reader's language; a
    /// name an administrator chose is theirs, as typed.
    func shownName(_ strings: Strings) -> String {
        guard let seeded = DefaultRoles.all.first(where: { $0.key == self.key }), seeded.name == self.name else { return self.name }
        return strings("role.\(self.key)")
    }
}
